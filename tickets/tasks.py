"""Scheduled jobs of duty 4: thin wrappers that call services."""

from datetime import datetime

from celery import shared_task

from tickets import services


@shared_task(name="tickets.check_sla", time_limit=4 * 60, soft_time_limit=3 * 60)
def task_check_sla(*, now: str | None = None) -> dict:
    """Every few minutes: tickets past 75 % of their SLA are at risk, past 100 % breached;
    each threshold is reported once to the department and the account's side.

    ``now`` (ISO 8601 with its offset) replays the check as of that moment.
    """
    return services.tickets_check_sla(now=datetime.fromisoformat(now) if now else None)
