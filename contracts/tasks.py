"""Scheduled jobs of duty 6: thin wrappers that call services."""

from datetime import date

from celery import shared_task

from contracts import services


@shared_task(name="contracts.check_renewals", time_limit=20 * 60, soft_time_limit=15 * 60)
def task_check_renewals(*, today: str | None = None) -> dict:
    """Daily: expire the contracts past their last day; remind owners and their managers of
    the signed contracts ending in 90, 60 and 30 days (each threshold once).

    ``today`` (ISO 8601 date) replays the job as of that day.
    """
    return services.contracts_check_renewals(today=date.fromisoformat(today) if today else None)
