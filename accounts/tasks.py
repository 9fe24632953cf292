"""Scheduled jobs of duty 1: thin wrappers that call services."""

from datetime import date, datetime, time

from celery import shared_task
from django.utils import timezone

from accounts import services


@shared_task(name="accounts.flag_unvisited_accounts", time_limit=10 * 60, soft_time_limit=9 * 60)
def task_flag_unvisited_accounts(
    *, today: str | None = None, account_ids: list[int] | None = None
) -> dict:
    """Nightly: flag accounts unvisited for 90 days and tell each owner (and manager) once.

    ``today`` (ISO date) replays the job as of the start of that day in ``TIME_ZONE``;
    ``account_ids`` limits it to those accounts. Both are optional and JSON-friendly.
    """
    now = None
    if today:
        now = timezone.make_aware(datetime.combine(date.fromisoformat(today), time.min))
    return services.account_flag_unvisited(now=now, account_ids=account_ids)


@shared_task(
    name="accounts.remind_overdue_plan_actions", time_limit=10 * 60, soft_time_limit=9 * 60
)
def task_remind_overdue_plan_actions(*, today: str | None = None) -> dict:
    """Daily: each owner of overdue relationship-plan actions gets one reminder."""
    return services.plan_actions_remind_overdue(today=date.fromisoformat(today) if today else None)
