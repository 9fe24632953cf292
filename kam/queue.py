"""Handing work to Celery from a request or a job, and running it as its requester would."""

import contextlib
import logging
import zoneinfo

from django.conf import settings
from django.utils import timezone, translation

logger = logging.getLogger(__name__)


def enqueue(task, **kwargs) -> None:
    """Queue ``task``; a broker that is down is logged, never turned into a 500.

    Callers run it after commit, so the record the task works on exists; what could not be
    queued stays pending, and the periodic sweeps (``kam.flush_notifications``,
    ``kam.sweep_jobs``) queue it again.
    """
    try:
        task.delay(**kwargs)
    except Exception:
        logger.exception("Could not queue %s %s; the next sweep retries it.", task.name, kwargs)


def requester_context() -> dict[str, str]:
    """The language and time zone of the request now active (stored with a queued job)."""
    return {
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        "time_zone": timezone.get_current_timezone_name(),
    }


@contextlib.contextmanager
def as_requester(job):
    """Run a queued job in the language and time zone its requester had."""
    try:
        zone = zoneinfo.ZoneInfo(job.time_zone) if job.time_zone else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = None
    zone_context = timezone.override(zone) if zone else contextlib.nullcontext()
    with translation.override(job.language or settings.LANGUAGE_CODE), zone_context:
        yield
