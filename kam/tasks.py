"""Celery tasks of the core app: sending what ``kam.notify`` stored. Thin: they call
``kam.notifications``, take ids, and are safe to run twice."""

from smtplib import SMTPException

from celery import shared_task

from kam import imports, notifications
from kam.exports import jobs as export_jobs
from kam.models import DeliveryStatus


@shared_task(
    name="kam.send_notification_email",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=60,
    retry_backoff_max=3600,
    max_retries=8,
    time_limit=120,
    soft_time_limit=100,
)
def task_send_notification_email(*, notification_id: int) -> bool:
    return notifications.send_email(notification_id=notification_id)


@shared_task(
    bind=True, name="kam.deliver_webhook", max_retries=None, time_limit=120, soft_time_limit=100
)
def task_deliver_webhook(self, *, delivery_id: int) -> str:
    """One attempt; a retryable failure comes back later, with exponential back-off.

    ``kam.notifications.attempt_delivery`` counts the attempts and gives up after
    ``KAM_WEBHOOK_MAX_ATTEMPTS``, so Celery's own retry limit is not needed.
    """
    while True:
        status = notifications.attempt_delivery(delivery_id=delivery_id)
        if status != DeliveryStatus.RETRYING:
            return status
        if not self.request.is_eager:
            attempts = notifications.WebhookDelivery.objects.get(pk=delivery_id).attempts
            raise self.retry(countdown=notifications.backoff_seconds(attempts))
        # Eager (no worker to come back later): the next attempt follows at once.


@shared_task(name="kam.flush_notifications", time_limit=300, soft_time_limit=270)
def task_flush_notifications() -> dict:
    """Every few minutes: queue again e-mails and webhook posts that were never queued."""
    return notifications.flush()


@shared_task(name="kam.run_export", time_limit=30 * 60, soft_time_limit=28 * 60)
def task_run_export(*, job_id: int) -> str:
    """Make a large export's file (``kam.exports.jobs``)."""
    return export_jobs.run(job_id=job_id)


@shared_task(name="kam.run_import", time_limit=60 * 60, soft_time_limit=58 * 60)
def task_run_import(*, batch_id: int) -> str:
    """Check or import a large file (``kam.imports.run_queued``)."""
    return imports.run_queued(batch_id=batch_id)


@shared_task(name="kam.sweep_jobs", time_limit=300, soft_time_limit=270)
def task_sweep_jobs() -> dict:
    """Every few minutes: queue again export and import jobs never handed to a worker, and
    fail the ones a killed worker left running."""
    return {"exports": export_jobs.sweep(), "imports": imports.sweep()}
