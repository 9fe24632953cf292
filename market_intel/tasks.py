"""Scheduled jobs of duty 3: thin wrappers that call services."""

from datetime import date

from celery import shared_task

from market_intel import services


@shared_task(name="market_intel.remind_market_reports", time_limit=10 * 60, soft_time_limit=9 * 60)
def task_remind_market_reports(*, today: str | None = None) -> dict:
    """Daily: from two weeks before a quarter ends, each rep without a published market
    report for it is reminded once. ``today`` (ISO date) replays the job as of that day."""
    return services.market_reports_remind(today=date.fromisoformat(today) if today else None)
