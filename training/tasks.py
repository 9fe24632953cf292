"""Scheduled jobs of duty 7: thin wrappers that call services."""

from datetime import date

from celery import shared_task

from training import services


@shared_task(name="training.remind_sessions", time_limit=10 * 60, soft_time_limit=8 * 60)
def task_remind_sessions(*, today: str | None = None) -> int:
    """Daily: the trainer and the supporting department of each session planned for
    tomorrow hear of it, once. ``today`` (ISO 8601 date) replays the job as of that day."""
    return services.sessions_remind(today=date.fromisoformat(today) if today else None)
