"""``manage.py recompute_kpis [--year Y --quarter Q | --all]``: the nightly job, by hand."""

from django.core.management.base import BaseCommand, CommandError

from kam.bounds import MAX_YEAR, MIN_YEAR
from kam.dates import Quarter
from kpis import services


class Command(BaseCommand):
    help = (
        "Recompute KPI scorecards: the current and the previous quarter by default, one "
        "quarter with --year and --quarter, or every quarter with data with --all."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int)
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4])
        parser.add_argument("--all", action="store_true", help="every quarter that has data")

    def handle(self, *args, year, quarter, all, **options):
        if all and (year or quarter):
            raise CommandError("--all takes no --year or --quarter.")
        if (year is None) != (quarter is None):
            raise CommandError("Give --year and --quarter together.")
        if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
            raise CommandError(f"--year must be between {MIN_YEAR} and {MAX_YEAR}.")
        if all:
            quarters = services.data_quarters()
        elif year is not None:
            quarters = [Quarter(year, quarter)]
        else:
            quarters = services.default_quarters()
        run = services.run_recompute(services.start_run(quarters))
        seconds = (run.finished_at - run.started_at).total_seconds()
        self.stdout.write(
            f"Recomputed {len(run.periods)} quarter(s) "
            f"({', '.join(str(q) for q in run.quarters)}) in {seconds:.1f} s, "
            f"{run.queries} queries."
        )
