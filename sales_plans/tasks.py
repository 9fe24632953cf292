"""Scheduled jobs of duty 2: thin wrappers that call services."""

from datetime import date

from celery import shared_task

from sales_plans import services


@shared_task(name="sales_plans.notify_overdue_orders", time_limit=10 * 60, soft_time_limit=9 * 60)
def task_notify_overdue_orders(*, today: str | None = None) -> dict:
    """Daily: each owner of orders past their promised date hears of each order once.

    ``today`` (ISO date) replays the job as of that day in the company's calendar; it is
    optional and JSON-friendly.
    """
    return services.orders_notify_overdue(today=date.fromisoformat(today) if today else None)


@shared_task(name="sales_plans.compact_order_months", time_limit=10 * 60, soft_time_limit=9 * 60)
def task_compact_order_months() -> dict:
    """Nightly: fold the order months into one row each (``order_months_compact``)."""
    return services.order_months_compact()
