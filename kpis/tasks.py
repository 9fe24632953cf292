"""The nightly recompute: a thin wrapper around ``kpis.services``."""

from celery import shared_task

from kam.dates import Quarter
from kpis import services
from kpis.models import RecomputeRun


@shared_task(name="kpis.recompute_scorecards", time_limit=30 * 60, soft_time_limit=25 * 60)
def recompute_scorecards(
    year: int | None = None, quarter: int | None = None, *, run_id: int | None = None
) -> dict:
    """Recompute the scorecards of one quarter (``year`` and ``quarter``), or, without them,
    of the current and the previous quarter; ``run_id`` does a run the dashboard queued.

    Each quarter is replaced in one transaction, so running it twice leaves the same rows.
    """
    if run_id is not None:
        run = RecomputeRun.objects.get(pk=run_id)
    else:
        if (year is None) != (quarter is None):
            raise ValueError("Give both year and quarter, or neither.")
        quarters = [Quarter(year, quarter)] if year is not None else services.default_quarters()
        run = services.start_run(quarters)
    run = services.run_recompute(run)
    return {"run": run.pk, "quarters": run.periods, "queries": run.queries}
