"""Writes of duty 5: recomputing a quarter's scorecards, and queuing a run of the job.

``recompute_quarter`` replaces a quarter's rows in one transaction: readers see the old
scorecards or the new ones, never a mix, and a failure half-way leaves the old ones.
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


def _stored(quarter: Quarter) -> tuple[list[int], set[tuple]]:
    """The ids of the quarter's stored scorecards, and (scope, user, team, metric) of their
    metrics that were met (two queries, each by an index)."""
    cards = {
        pk: (scope, user, team)
        for pk, scope, user, team in Scorecard.objects.filter(
            year=quarter.year, quarter=quarter.quarter
        ).values_list("pk", "scope", "user", "team")
    }
    met = ScorecardMetric.objects.filter(scorecard__in=list(cards), met=True)
    return list(cards), {
        (*cards[card], metric) for card, metric in met.values_list("scorecard", "metric")
    }


@transaction.atomic
def recompute_quarter(quarter: Quarter, *, now=None, after_metric=None, figures=None) -> int:
    """Replace ``quarter``'s scorecards by freshly computed ones; returns how many.

    Nine queries to compute (``kpis.metrics``; none when ``figures`` were computed for
    several quarters at once, ``metrics.compute_many``), a constant few to replace, whatever
    the data size. Recomputes of the same quarter queue behind each other (the targets are
    locked), so two cannot interleave their deletes and inserts. ``after_metric`` is called
    after each metric is computed (the failure tests inject an exception there).
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
    stale, was_met = _stored(quarter)

    ScorecardMetric.objects.filter(scorecard__in=stale).delete()
    Scorecard.objects.filter(pk__in=stale).delete()
    cards = Scorecard.objects.bulk_create(
        Scorecard(
            scope=scope,
            user_id=user_id,
            team_id=team_id,
            year=quarter.year,
            quarter=quarter.quarter,
            computed_at=now,
        )
        for scope, user_id, team_id, _reps in subjects
    )
    rows, missed = [], []
    for card, (scope, user_id, team_id, reps) in zip(cards, subjects, strict=True):
        for metric in Metric.values:
            target = judged[metric]
            numerator, denominator = figures.pair(metric, reps)
            result = metrics.value(metric, numerator, denominator)
            judgement = metrics.met(result, target.target, target.direction)
            rows.append(
                (
                    card.pk,
                    metric,
                    numerator,
                    denominator,
                    result,
                    target.target,
                    target.direction,
                    judgement,
                )
            )
            if judgement is False and (scope, user_id, team_id, metric) in was_met:
                missed.append((card, metric, result, target))
    _insert_metrics(rows)
    _tell_missed(quarter, missed)
    return len(cards)


#: The columns ``recompute_quarter`` writes, in the order of its rows' values.
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


def _insert_metrics(rows: list[tuple]) -> None:
    """Write the metric rows: thousands a quarter, without a model instance each.

    On PostgreSQL with ``COPY`` (five times faster here than the multi-row INSERTs of
    ``bulk_create``, which cost the recompute more than its reads); elsewhere with plain
    multi-row INSERTs, as many rows per statement as the database takes. Nothing else
    happens on saving a ``ScorecardMetric`` (no signals, no history, no defaults).
    """
    meta = ScorecardMetric._meta
    columns = [meta.get_field(name).column for name in METRIC_COLUMNS]
    quote = connection.ops.quote_name
    table, names = quote(meta.db_table), ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if hasattr(cursor.cursor, "copy_expert"):  # psycopg2, PostgreSQL's driver here
            text = "".join("\t".join(map(_copy_text, row)) + "\n" for row in rows)
            cursor.cursor.copy_expert(f"COPY {table} ({names}) FROM STDIN", io.StringIO(text))
            return
        per_statement = max(1, (connection.features.max_query_params or 999) // len(columns))
        placeholder = "(" + ", ".join(["%s"] * len(columns)) + ")"
        for first in range(0, len(rows), per_statement):
            chunk = rows[first : first + per_statement]
            # Ids, strings, Decimals, booleans and None, which the driver takes as they are.
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES "  # noqa: S608 - names, not data
                + ", ".join([placeholder] * len(chunk)),
                [value for row in chunk for value in row],
            )


def _copy_text(value) -> str:
    """A value in COPY's text format (NULL is \\N; codes and numbers need no escaping,
    but a backslash, tab or line break would)."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _locked_targets() -> list[KpiTarget]:
    """The targets, created from the defaults where missing, locked for this transaction."""
    for metric, (target, direction) in DEFAULT_TARGETS.items():
        KpiTarget.objects.get_or_create(
            metric=metric, defaults={"target": target, "direction": direction}
        )
    return list(KpiTarget.objects.select_for_update().order_by("metric"))


def _tell_missed(quarter: Quarter, missed) -> None:
    """A metric that turned from met to not met: its rep and their manager (a team's: its
    manager) are told once per quarter and metric."""
    if not missed:
        return
    cards = Scorecard.objects.filter(pk__in=[card.pk for card, *_rest in missed]).select_related(
        "user__team__manager", "team__manager"
    )
    by_pk = {card.pk: card for card in cards}
    period = f"{quarter.year}-{quarter.quarter}"
    for stored, metric, result, target in missed:
        card = by_pk[stored.pk]
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
