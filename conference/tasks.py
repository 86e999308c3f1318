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
