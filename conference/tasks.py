"""Tasks of the default queue for the event domain."""

from celery import shared_task

from conference.mail import send_outbox_mail


@shared_task(
    name="conference.send_mail",
    ignore_result=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    max_retries=5,
)
def task_send_mail(mail_id: int) -> None:
    send_outbox_mail(mail_id=mail_id)


@shared_task(name="conference.purge_expired_registrations", ignore_result=True)
def task_purge_expired_registrations() -> int:
    from conference.registration.services import purge_expired_pending

    return purge_expired_pending()
