"""Tasks of the default queue for the event domain."""

from celery import shared_task

from conference.mail import send_outbox_mail


# No Celery retries: a failed send is recorded on the message and tried again by retry_mail,
# whose back-off lives in the database and survives a worker or broker restart.
@shared_task(name="conference.send_mail", ignore_result=True)
def task_send_mail(mail_id: int) -> None:
    send_outbox_mail(mail_id=mail_id)


@shared_task(name="conference.publish_outbox", ignore_result=True)
def task_publish_outbox() -> int:
    from conference.dispatch import publish_due

    return publish_due()


@shared_task(name="conference.retry_mail", ignore_result=True)
def task_retry_mail() -> int:
    from conference.mail import retry_mail

    return retry_mail()


@shared_task(name="conference.purge_expired_registrations", ignore_result=True)
def task_purge_expired_registrations() -> int:
    from conference.registration.services import purge_expired_pending

    return purge_expired_pending()
