"""The Celery app: configured from Django settings (namespace CELERY), tasks autodiscovered."""

import os

from celery import Celery
from celery.schedules import crontab

from kam.env import env_time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kam.settings")

app = Celery("kam")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

#: When the scorecards are recomputed each night (``KAM_KPI_RECOMPUTE_AT``, "HH:MM" in
#: ``TIME_ZONE``; default 02:30, before anyone opens a dashboard).
KPI_HOUR, KPI_MINUTE = env_time("KAM_KPI_RECOMPUTE_AT", "02:30")

# The beat schedule lives in code, so every deployment runs the same jobs.
app.conf.beat_schedule = {
    "flag-unvisited-accounts-nightly": {
        "task": "accounts.flag_unvisited_accounts",
        "schedule": crontab(hour=6, minute=0),
    },
    "remind-overdue-plan-actions-daily": {
        "task": "accounts.remind_overdue_plan_actions",
        "schedule": crontab(hour=7, minute=0),
    },
    "compact-order-months-nightly": {
        "task": "sales_plans.compact_order_months",
        "schedule": crontab(hour=2, minute=0),
    },
    "notify-overdue-orders-daily": {
        "task": "sales_plans.notify_overdue_orders",
        "schedule": crontab(hour=7, minute=30),
    },
    "remind-market-reports-daily": {
        "task": "market_intel.remind_market_reports",
        "schedule": crontab(hour=8, minute=0),
    },
    "check-contract-renewals-daily": {
        "task": "contracts.check_renewals",
        "schedule": crontab(hour=6, minute=30),
    },
    "remind-training-sessions-daily": {
        "task": "training.remind_sessions",
        "schedule": crontab(hour=9, minute=0),
    },
    "check-ticket-slas": {
        "task": "tickets.check_sla",
        "schedule": crontab(minute="*/5"),
    },
    "flush-notifications": {
        "task": "kam.flush_notifications",
        "schedule": crontab(minute="*/10"),
    },
    "recompute-kpis-nightly": {
        "task": "kpis.recompute_scorecards",
        "schedule": crontab(hour=KPI_HOUR, minute=KPI_MINUTE),
    },
    "sweep-jobs": {
        "task": "kam.sweep_jobs",
        "schedule": crontab(minute="5-59/10"),
    },
}
