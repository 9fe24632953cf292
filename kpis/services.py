"""Writes of duty 5: recomputing a quarter's scorecards, and queuing a run of the job.

``recompute_quarter`` writes a quarter's figures in one transaction: readers see the old
figures or the new ones, never a mix, and a failure half-way leaves the old ones.
"""

import io
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import SurveyResponse
from kam.dates import Quarter, company_tz
from kam.errors import Conflict
from kam.models import Team
from kam.notifications import notify
from kam.queue import enqueue
from kpis import metrics
from kpis.choices import DEFAULT_TARGETS, Metric, RunStatus, Scope
from kpis.models import KpiTarget, RecomputeRun, Scorecard, ScorecardMetric
from kpis.notifications import METRIC_MISSED
from kpis.templatetags.kpis_format import kpi_value
from sales_plans.models import Order
from tickets.models import Ticket


def default_quarters(today=None) -> list[Quarter]:
    """What the nightly run covers: the previous quarter and the current one (late orders,
    deliveries and resolutions still change the quarter that just closed)."""
    current = Quarter.of(today) if today else Quarter.current()
    return [current.previous(), current]


def data_quarters() -> list[Quarter]:
    """Every quarter from the one of the earliest order, survey response or ticket to the
    current one (``recompute_kpis --all``)."""
    firsts = [
        Order.objects.aggregate(first=Min("ordered_on"))["first"],
        SurveyResponse.objects.aggregate(first=Min("received_on"))["first"],
        Ticket.objects.aggregate(first=Min("opened_at"))["first"],
    ]
    days = [
        timezone.localtime(day, company_tz()).date() if hasattr(day, "date") else day
        for day in firsts
        if day is not None
    ]
    current = Quarter.current()
    quarter = Quarter.of(min(days)) if days else current
    quarters = [quarter]
    while quarter < current:
        quarter = quarter.next()
        quarters.append(quarter)
    return quarters


def _subjects(reps) -> list[tuple[str, int | None, int | None, list[int]]]:
    """(scope, user id, team id, the reps' ids) of every scorecard a quarter gets."""
    members = list(reps.values_list("pk", "team_id"))
    by_team: dict[int, list[int]] = {team: [] for team in Team.objects.values_list("pk", flat=True)}
    for rep, team in members:
        if team is not None:
            by_team.setdefault(team, []).append(rep)
    subjects = [(Scope.REP, rep, None, [rep]) for rep, _team in members]
    subjects += [(Scope.TEAM, None, team, reps_) for team, reps_ in sorted(by_team.items())]
    subjects.append((Scope.COMPANY, None, None, [rep for rep, _team in members]))
    return subjects


def _key(scope, user_id, team_id) -> tuple:
    return (scope, user_id, team_id)


@transaction.atomic
def recompute_quarter(quarter: Quarter, *, now=None, after_metric=None, figures=None) -> int:
    """Bring ``quarter``'s scorecards to freshly computed figures; returns how many.

    Nine queries to compute (``kpis.metrics``; none when ``figures`` were computed for
    several quarters at once, ``metrics.compute_many``), a constant few to write, whatever
    the data size. A scorecard keeps its row (and so its id, which the cell pages' links
    carry) from one recompute to the next; its figures are replaced in this transaction,
    so readers see the old ones or the new ones, never a mix. Recomputes of the same
    quarter queue behind each other (the targets are locked), so two cannot interleave.
    ``after_metric`` is called after each metric is computed (the failure tests inject an
    exception there).
    """
    now = now or timezone.now()
    judged = {target.metric: target for target in _locked_targets()}
    if figures is None:
        by_metric = {}
        for metric, compute in metrics.COMPUTE.items():
            by_metric[metric] = compute(quarter)
            if after_metric is not None:
                after_metric(metric)
        figures = metrics.Figures(quarter, by_metric)
    subjects = _subjects(metrics.measured_reps())
    cards = _cards(quarter, subjects, now)
    rows = []
    for card, (_scope, _user, _team, reps) in zip(cards, subjects, strict=True):
        for metric in METRICS:
            target = judged[metric]
            numerator, denominator = figures.pair(metric, reps)
            result = metrics.value(metric, numerator, denominator)
            judgement = metrics.met(result, target.target, target.direction)
            rows.append(
                (
                    card,
                    metric,
                    numerator,
                    denominator,
                    result,
                    target.target,
                    target.direction,
                    judgement,
                )
            )
    missed = _write_metrics(rows)
    if missed:  # rare: look their new values up only then
        results = {(row[0], row[1]): row[4] for row in rows}
        _tell_missed(
            quarter,
            [(card, metric, results[card, metric], judged[metric]) for card, metric in missed],
        )
    return len(cards)


def _cards(quarter: Quarter, subjects, now) -> list[int]:
    """The ids of the quarter's scorecards for ``subjects``, in their order: the stored ones
    kept (stamped ``now``), the missing ones created; those of subjects no longer measured
    (a rep who left, a team dissolved) are deleted with their metrics."""
    stored = Scorecard.objects.filter(year=quarter.year, quarter=quarter.quarter)
    found = {
        _key(scope, user, team): pk
        for pk, scope, user, team in stored.values_list("pk", "scope", "user", "team")
    }
    wanted = [_key(scope, user, team) for scope, user, team, _reps in subjects]
    measured = set(wanted)
    gone = [pk for key, pk in found.items() if key not in measured]
    if gone:
        ScorecardMetric.objects.filter(scorecard__in=gone).delete()
        Scorecard.objects.filter(pk__in=gone).delete()
    stored.update(computed_at=now)
    created = Scorecard.objects.bulk_create(
        Scorecard(
            scope=scope,
            user_id=user,
            team_id=team,
            year=quarter.year,
            quarter=quarter.quarter,
            computed_at=now,
        )
        for scope, user, team in (key for key in wanted if key not in found)
    )
    found |= {_key(card.scope, card.user_id, card.team_id): card.pk for card in created}
    return [found[key] for key in wanted]


METRICS = tuple(Metric.values)
#: The columns ``recompute_quarter`` writes, in the order of its rows' values: the row's
#: key (its scorecard and metric), then its figures.
METRIC_COLUMNS = (
    "scorecard",
    "metric",
    "numerator",
    "denominator",
    "value",
    "target",
    "direction",
    "met",
)
#: The temporary table the new rows are staged in, within ``recompute_quarter``'s transaction.
STAGED = "kpis_staged_metric"


def _write_metrics(rows: list[tuple]) -> list[tuple[int, str]]:
    """Put ``rows`` (the values of ``METRIC_COLUMNS``) in the place of the stored metrics
    of their scorecards; returns (scorecard, metric) of those that were met and are not now.

    Thousands of rows a quarter, without a model instance each, in seven statements on
    PostgreSQL: the rows are staged in a temporary table (``COPY``; elsewhere multi-row
    INSERTs, as many as the rows need), the metrics that turn from met to not met are read
    from it, the stored rows whose figures changed are updated from it, the missing ones
    inserted, and the table dropped (a table left by a failed call that was not rolled
    back is dropped first). Unchanged rows are not rewritten, and an update changes no
    indexed column (PostgreSQL updates such rows in place, without checking the foreign
    key again). Nothing else happens on saving a ``ScorecardMetric`` (no signals, no
    history, no defaults). SQLite needs 3.33 (UPDATE … FROM). A metric taken out of
    ``Metric`` leaves its rows: the migration that takes it out deletes them.
    """
    meta = ScorecardMetric._meta
    quote = connection.ops.quote_name
    fields = [meta.get_field(name) for name in METRIC_COLUMNS]
    columns = [quote(field.column) for field in fields]
    key, figures = columns[:2], columns[2:]
    table, staged, names = quote(meta.db_table), quote(STAGED), ", ".join(columns)
    # The stored rows of these scorecards only: a range of the unique (scorecard, metric)
    # index, where a join alone would read the metrics of every quarter (a card created
    # later than the others, for a new rep, widens the range; the join still matches
    # exactly).
    cards = [row[0] for row in rows]
    span = [min(cards, default=0), max(cards, default=0)]
    same = " AND ".join(f"m.{column} = s.{column}" for column in key)
    same += f" AND m.{key[0]} BETWEEN %s AND %s"
    met = quote(meta.get_field("met").column)
    # SQLite's null-safe comparison is IS NOT (IS DISTINCT FROM came in 3.39).
    differs = "IS NOT" if connection.vendor == "sqlite" else "IS DISTINCT FROM"
    with connection.cursor() as cursor:
        types = (
            f"{column} {field.db_type(connection)}"
            for column, field in zip(columns, fields, strict=True)
        )
        cursor.execute(f"DROP TABLE IF EXISTS {staged}")
        cursor.execute(f"CREATE TEMPORARY TABLE {staged} ({', '.join(types)})")
        _insert(cursor, staged, names, len(columns), rows)
        cursor.execute(
            f"SELECT s.{key[0]}, s.{key[1]} FROM {staged} s JOIN {table} m ON {same}"  # noqa: S608
            f" WHERE m.{met} AND NOT s.{met}",
            span,
        )
        missed = cursor.fetchall()
        cursor.execute(
            f"UPDATE {table} AS m SET "  # noqa: S608 - names, not data
            + ", ".join(f"{column} = s.{column}" for column in figures)
            + f" FROM {staged} AS s WHERE {same} AND ("
            + " OR ".join(f"m.{column} {differs} s.{column}" for column in figures)
            + ")",
            span,
        )
        cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT {names} FROM {staged} s"  # noqa: S608
            f" WHERE NOT EXISTS (SELECT 1 FROM {table} m WHERE {same})",
            span,
        )
        cursor.execute(f"DROP TABLE {staged}")
    return missed


def _insert(cursor, table: str, names: str, width: int, rows: list[tuple]) -> None:
    """``rows`` into ``table`` (quoted; ``names`` its quoted columns): with ``COPY`` on
    PostgreSQL (five times faster here than multi-row INSERTs), elsewhere as many rows per
    INSERT as the database takes parameters."""
    if hasattr(cursor.cursor, "copy_expert"):  # psycopg2, PostgreSQL's driver here
        text = "".join(map(_copy_line, rows))
        cursor.cursor.copy_expert(f"COPY {table} ({names}) FROM STDIN", io.StringIO(text))
        return
    per_statement = max(1, (connection.features.max_query_params or 999) // width)
    placeholder = "(" + ", ".join(["%s"] * width) + ")"
    for first in range(0, len(rows), per_statement):
        chunk = rows[first : first + per_statement]
        # Ids, strings, Decimals, booleans and None, which the driver takes as they are.
        cursor.execute(
            f"INSERT INTO {table} ({names}) VALUES "  # noqa: S608 - names, not data
            + ", ".join([placeholder] * len(chunk)),
            [value for row in chunk for value in row],
        )


#: COPY's text format for NULL and for the values of ``met``.
NULL = "\\N"
MET_TEXT = {True: "t", False: "f", None: NULL}


def _copy_line(row: tuple) -> str:
    """A row of ``METRIC_COLUMNS`` as a line of COPY's text format. Its strings (a metric and
    a direction) are choices' values, which hold nothing COPY escapes; its numbers are ids
    and Decimals, which print as PostgreSQL reads them."""
    card, metric, numerator, denominator, result, target, direction, met = row
    return (
        f"{card}\t{metric}\t{NULL if numerator is None else numerator}"
        f"\t{NULL if denominator is None else denominator}\t{NULL if result is None else result}"
        f"\t{target}\t{direction}\t{MET_TEXT[met]}\n"
    )


def _locked_targets() -> list[KpiTarget]:
    """The targets, created from the defaults where missing, locked for this transaction."""
    targets = list(KpiTarget.objects.select_for_update().order_by("metric"))
    missing = DEFAULT_TARGETS.keys() - {target.metric for target in targets}
    if not missing:
        return targets
    for metric in sorted(missing):
        target, direction = DEFAULT_TARGETS[metric]
        KpiTarget.objects.get_or_create(
            metric=metric, defaults={"target": target, "direction": direction}
        )
    return list(KpiTarget.objects.select_for_update().order_by("metric"))


def _tell_missed(quarter: Quarter, missed) -> None:
    """``missed``: (scorecard id, metric, value, target) of the metrics that turned from
    met to not met. Its rep and their manager (a team's: its manager) are told once per
    quarter and metric."""
    cards = Scorecard.objects.filter(pk__in=[card for card, *_rest in missed]).select_related(
        "user__team__manager", "team__manager"
    )
    by_pk = {card.pk: card for card in cards}
    period = f"{quarter.year}-{quarter.quarter}"
    for stored, metric, result, target in missed:
        card = by_pk[stored]
        if card.scope == Scope.REP:
            recipients = [card.user, card.user.team.manager if card.user.team else None]
            url = reverse("kpis:rep", args=[card.user_id]) + f"?quarter={period}"
        elif card.scope == Scope.TEAM:
            recipients = [card.team.manager]
            url = reverse("kpis:dashboard") + f"?team={card.team_id}&quarter={period}"
        else:
            continue
        label = Metric(metric).label
        notify(
            [person for person in recipients if person is not None and person.is_active],
            METRIC_MISSED.code,
            lambda user, subject=card.subject, label=label: (
                _("%(metric)s of %(subject)s fell below target in %(quarter)s")
                % {"metric": label, "subject": subject, "quarter": quarter.label}
            ),
            lambda user, result=result, target=target, metric=metric: (
                _("Now %(value)s, target %(sign)s %(target)s.")
                % {
                    "value": kpi_value(result, metric),
                    "sign": "≤" if target.direction == "at_most" else "≥",
                    "target": kpi_value(target.target, metric),
                }
            ),
            url,
            once_key=(
                f"kpis.metric_missed:{card.scope}:{card.user_id or card.team_id}:"
                f"{metric}:{quarter.year}-{quarter.quarter}"
            ),
        )


def run_recompute(run: RecomputeRun) -> RecomputeRun:
    """Do ``run``: each of its quarters in its own transaction, recording progress, the
    queries it took and, on failure, why (the quarters not yet replaced keep their rows)."""
    RecomputeRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started_at=timezone.now()
    )
    queries = _QueryCounter()
    try:
        with connection.execute_wrapper(queries):
            # Read once for all the run's quarters, then write each in its own transaction.
            figures = metrics.compute_many(run.quarters)
            for done, quarter in enumerate(run.quarters, start=1):
                recompute_quarter(quarter, figures=figures[quarter])
                RecomputeRun.objects.filter(pk=run.pk).update(quarters_done=done)
    except Exception as error:
        RecomputeRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            finished_at=timezone.now(),
            error=str(error)[:500] or type(error).__name__,
            queries=queries.count,
        )
        raise
    RecomputeRun.objects.filter(pk=run.pk).update(
        status=RunStatus.DONE, finished_at=timezone.now(), queries=queries.count
    )
    run.refresh_from_db()
    return run


class _QueryCounter:
    """Counts the statements a run sends (``connection.execute_wrapper``)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def start_run(quarters: Iterable[Quarter], *, by=None) -> RecomputeRun:
    """Record a run of ``quarters``; the caller runs it (the command) or queues it."""
    periods = sorted({(quarter.year, quarter.quarter) for quarter in quarters})
    return RecomputeRun.objects.create(requested_by=by, periods=[list(p) for p in periods])


def request_recompute(*, by, quarters: Iterable[Quarter] | None = None) -> RecomputeRun:
    """The dashboard's "recompute now": one run at a time (409 while one is queued or
    running), queued after the request commits."""
    from kpis.tasks import recompute_scorecards

    active = RecomputeRun.objects.filter(Q(status=RunStatus.QUEUED) | Q(status=RunStatus.RUNNING))
    # A run its worker never finished (killed, or its message lost) gives way after the
    # longest a task may take.
    limit = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    active.filter(created_at__lt=limit).update(
        status=RunStatus.FAILED, finished_at=timezone.now(), error=_("The run did not finish.")
    )
    if active.exists():
        raise Conflict(_("A recompute is already queued or running."))
    run = start_run(quarters or default_quarters(), by=by)
    transaction.on_commit(lambda: enqueue(recompute_scorecards, run_id=run.pk))
    return run


def last_completed() -> RecomputeRun | None:
    return RecomputeRun.objects.filter(status=RunStatus.DONE).order_by("-finished_at").first()
