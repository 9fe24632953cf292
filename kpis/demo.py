"""Demo scorecards: every quarter of the demo history recomputed, as the nightly job would.

Scorecards are derived from the other apps' records, so the demo writes none by hand: it
runs the recompute over every quarter with data (a second run replaces them with the same
rows). At the large size this is the benchmark's full recompute.
"""

from kam.dates import Quarter
from kam.demo import DemoContext, counts
from kpis import services
from kpis.models import Scorecard, ScorecardMetric


def seed(context: DemoContext) -> dict[str, int]:
    last = Quarter.of(context.today)
    quarters = [quarter for quarter in services.data_quarters() if quarter <= last]
    services.run_recompute(services.start_run(quarters))
    return counts(Scorecard, ScorecardMetric)
