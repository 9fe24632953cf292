"""The floor of the recompute: one hand-written SQL statement per metric, eight quarters at once.

``manage.py bench`` times the recompute (``kpis.services``, nine ORM queries a quarter)
next to these eight statements, which compute the same per-rep numerators and denominators
of all the quarters in one pass each: the fastest any implementation can read the figures,
before it writes a single scorecard. They mirror ``kpis.metrics`` exactly (active reps
only, the same attribution paths, the retention episodes, ``overdue_at_end_q``), and
``differences`` checks them against what the recompute stored, so the floor cannot be fast
by being wrong.

Each statement reads its table once for all the quarters: a record's quarter is a
``CASE`` over the bounds (``{date:…}``, ``{time:…}``); attainment looks each rep's
quarter up in the covering ``order_attainment`` index; retention and the overdue tickets
of SLA compliance (a ticket can be overdue at several quarter ends) join a ``VALUES`` list
of the bounds (``p``: index, year, quarter, first and last day, first instant and the one
after the last, in the company's zone). The same text runs on PostgreSQL and SQLite; only
the casts of the bounds differ.
"""

import re
import statistics
import time
from collections.abc import Sequence
from decimal import Context, Decimal
from itertools import pairwise

from django.db import connection

from kam.choices import Role
from kam.dates import Quarter
from kpis.choices import Metric
from kpis.metrics import FOUR_PLACES, ZERO
from kpis.models import ScorecardMetric
from market_intel.choices import ReportStatus, SuggestionStatus
from sales_plans.choices import OrderStatus, SalesPlanStatus
from tickets.choices import TicketStatus

QUARTERS = 8
Pair = tuple[Decimal, Decimal]
#: Per metric, ``{(rep id, quarter): (numerator, denominator)}``.
Floor = dict[str, dict[tuple[int, Quarter], Pair]]

#: An active rep: whom every metric attributes to (``kpis.metrics.measured_reps``).
ACTIVE_REP = "u.role = %(rep)s AND u.is_active"


def _active_on(day: str) -> str:
    """``kpis.metrics.active_on``: by the account's current dates or a past episode."""
    return (
        f"((a.customer_since <= {day} AND (a.churned_on IS NULL OR a.churned_on > {day}))"
        " OR EXISTS (SELECT 1 FROM accounts_accountepisode e WHERE e.account_id = a.id"
        f" AND e.customer_since <= {day} AND e.churned_on > {day}))"
    )


class _Sql:
    """What the statements' ``{name:column}`` fields expand to, for ``quarters``.

    ``{date:col}`` and ``{time:col}`` are the index of the quarter a date or an instant
    falls in, as one ``CASE`` over the bounds: grouping by it reads a table once, where
    joining the bounds would read it once per quarter. ``{in_dates:col}`` and
    ``{in_times:col}`` keep the column within the quarters (the ``CASE`` needs them
    contiguous); ``{active:day}`` is ``kpis.metrics.active_on``; ``{rep}`` an active rep.
    """

    def __init__(self, count: int):
        self.count = count

    def __format__(self, spec: str) -> str:
        kind, _colon, column = spec.partition(":")
        if kind == "rep":
            return ACTIVE_REP
        if kind == "active":
            return _active_on(column)
        if kind == "in_dates":
            return f"{column} >= %(d_first)s AND {column} <= %(d_last)s"
        if kind == "in_times":
            return f"{column} >= %(t_first)s AND {column} < %(t_last)s"
        bound, within = {"date": ("d1", "<="), "time": ("t1", "<")}[kind]
        cases = " ".join(
            f"WHEN {column} {within} %(p{k}_{bound})s THEN {k}" for k in range(self.count)
        )
        return f"CASE {cases} END"


FIELD = re.compile(r"\{(\w+)(?::([\w.]+))?\}")


def _expand(template: str, count: int) -> str:
    """The statement for ``count`` quarters: ``{date:s.received_on}`` → its ``CASE``…"""
    sql = _Sql(count)
    return re.sub(
        r"\{(\w+)(?::([\w.]+))?\}", lambda m: format(sql, f"{m[1]}:{m[2] or ''}"), template
    )


SQL = {
    Metric.SATISFACTION: """
        SELECT a.owner_id, {date:s.received_on}, COUNT(*) FILTER (WHERE s.score >= 4), COUNT(*)
        FROM accounts_surveyresponse s
        JOIN accounts_account a ON a.id = s.account_id
        JOIN kam_user u ON u.id = a.owner_id
        WHERE {rep} AND {in_dates:s.received_on}
        GROUP BY 1, 2""",
    Metric.RETENTION: """
        SELECT a.owner_id, p.k, COUNT(*) FILTER (WHERE {active:p.d1}), COUNT(*)
        FROM accounts_account a
        JOIN kam_user u ON u.id = a.owner_id
        CROSS JOIN p
        WHERE {rep} AND {active:p.d0}
        GROUP BY a.owner_id, p.k""",
    # Per rep and quarter, two sums side by side (a rep with one of them has zero for the
    # other, as ``kpis.metrics.attainment``): each an index-only look-up in the covering
    # ``order_attainment`` (owner, ordered_on) index, and in the plans of that quarter.
    Metric.ATTAINMENT: """
        SELECT u.id, p.k,
            (SELECT SUM(o.amount) FROM sales_plans_order o
             WHERE o.owner_id = u.id AND o.ordered_on >= p.d0 AND o.ordered_on <= p.d1
             AND o.status <> %(cancelled)s),
            (SELECT SUM(sp.target_amount) FROM sales_plans_salesplan sp
             WHERE sp.owner_id = u.id AND sp.year = p.y AND sp.quarter = p.n
             AND sp.status = %(approved)s)
        FROM kam_user u
        CROSS JOIN p
        WHERE {rep}""",
    Metric.FULFILMENT: """
        SELECT o.owner_id, {date:o.promised_on},
            COUNT(*) FILTER (
                WHERE o.status = %(delivered)s AND o.delivered_on <= o.promised_on
            ),
            COUNT(*)
        FROM sales_plans_order o
        JOIN kam_user u ON u.id = o.owner_id
        WHERE {rep} AND {in_dates:o.promised_on} AND o.status <> %(cancelled)s
        GROUP BY 1, 2""",
    # The seconds; ``run`` turns them into hours as ``kpis.metrics.resolution_hours``.
    Metric.RESOLUTION_HOURS: """
        SELECT a.owner_id, {time:t.resolved_at}, SUM(t.resolution_seconds), COUNT(*)
        FROM tickets_ticket t
        JOIN accounts_account a ON a.id = t.account_id
        JOIN kam_user u ON u.id = a.owner_id
        WHERE {rep} AND {in_times:t.resolved_at} AND t.resolution_seconds IS NOT NULL
        GROUP BY 1, 2""",
    # Resolved in the quarter (one quarter each), or ``overdue_at_end_q`` (any number of
    # quarter ends): opened and due before the end, not resolved by then, and not waiting
    # on the customer with the clock stopped before the due time.
    Metric.SLA_COMPLIANCE: """
        SELECT a.owner_id, x.k, SUM(x.num), COUNT(*)
        FROM (
            SELECT t.account_id, {time:t.resolved_at} AS k,
                CASE WHEN t.resolved_at <= t.due_at THEN 1 ELSE 0 END AS num
            FROM tickets_ticket t
            WHERE {in_times:t.resolved_at}
            UNION ALL
            SELECT t.account_id, p.k, 0
            FROM tickets_ticket t
            JOIN p ON t.opened_at < p.t1 AND t.due_at < p.t1
                AND (t.resolved_at IS NULL OR t.resolved_at >= p.t1)
            WHERE t.due_at < %(t_last)s AND (t.resolved_at IS NULL OR t.resolved_at > t.due_at)
            AND NOT (
                t.status = %(waiting)s AND t.paused_at IS NOT NULL
                AND t.paused_at < t.due_at AND t.resolved_at IS NULL
            )
        ) x
        JOIN accounts_account a ON a.id = x.account_id
        JOIN kam_user u ON u.id = a.owner_id
        WHERE {rep}
        GROUP BY 1, 2""",
    # A rep's scope has one rep: the denominator is 1.
    Metric.MARKET_REPORTS: """
        SELECT r.author_id, {time:r.published_at}, COUNT(*), 1
        FROM market_intel_marketreport r
        JOIN kam_user u ON u.id = r.author_id
        WHERE {rep} AND r.status = %(published)s AND {in_times:r.published_at}
        GROUP BY 1, 2""",
    Metric.SUGGESTION_ADOPTION: """
        SELECT g.submitted_by_id, {date:g.decided_on},
            COUNT(*) FILTER (WHERE g.status = %(adopted)s), COUNT(*)
        FROM market_intel_productsuggestion g
        JOIN kam_user u ON u.id = g.submitted_by_id
        WHERE {rep} AND {in_dates:g.decided_on} AND g.status IN (%(adopted)s, %(rejected)s)
        GROUP BY 1, 2""",
}

CONSTANTS = {
    "rep": Role.REP,
    "cancelled": OrderStatus.CANCELLED,
    "delivered": OrderStatus.DELIVERED,
    "approved": SalesPlanStatus.APPROVED,
    "waiting": TicketStatus.WAITING_ON_CUSTOMER,
    "published": ReportStatus.PUBLISHED,
    "adopted": SuggestionStatus.ADOPTED,
    "rejected": SuggestionStatus.REJECTED,
}

#: What a rep without records has: nothing, and for reports the one rep of their scope.
NO_RECORDS = dict.fromkeys(Metric.values, (ZERO, ZERO)) | {
    Metric.MARKET_REPORTS: (ZERO, Decimal(1))
}
#: SQLite sums decimals as floats; the ORM reads them back at 15 digits (as here).
FLOAT_CONTEXT = Context(prec=15)
CENT = Decimal("0.01")


def recent_quarters(count: int = QUARTERS, current: Quarter | None = None) -> list[Quarter]:
    """The ``count`` most recent quarters through ``current`` (default: today's), oldest first."""
    quarters = [current or Quarter.current()]
    while len(quarters) < count:
        quarters.insert(0, quarters[0].previous())
    return quarters


def _bounds(quarters: Sequence[Quarter]) -> tuple[str, dict]:
    """The ``WITH p(k, y, n, d0, d1, t0, t1) AS (VALUES …)`` prefix and the parameters of
    every bound (``p{k}_d1``…, the first and the last: ``d_first``, ``t_last``…)."""
    if any(later != earlier.next() for earlier, later in pairwise(quarters)):
        raise ValueError("the quarters must be contiguous, oldest first")
    ops = connection.ops
    postgres = connection.vendor == "postgresql"
    columns = ("k", "y", "n", "d0", "d1", "t0", "t1")
    casts = ("int", "int", "int", "date", "date", "timestamptz", "timestamptz")
    rows, params = [], {}
    for k, quarter in enumerate(quarters):
        values = (
            k,
            quarter.year,
            quarter.quarter,
            ops.adapt_datefield_value(quarter.start),
            ops.adapt_datefield_value(quarter.end),
            ops.adapt_datetimefield_value(quarter.start_at()),
            ops.adapt_datetimefield_value(quarter.end_at()),
        )
        names = []
        for column, value, cast in zip(columns, values, casts, strict=True):
            name = f"p{k}_{column}"
            params[name] = value
            names.append(f"%({name})s::{cast}" if postgres else f"%({name})s")
        rows.append(f"({', '.join(names)})")
    last = len(quarters) - 1
    params |= {
        "d_first": params["p0_d0"],
        "d_last": params[f"p{last}_d1"],
        "t_first": params["p0_t0"],
        "t_last": params[f"p{last}_t1"],
    }
    return f"WITH p({', '.join(columns)}) AS (VALUES {', '.join(rows)})", params


def statement(metric: str, quarters: Sequence[Quarter]) -> tuple[str, dict]:
    """``metric``'s statement over ``quarters`` and its parameters."""
    prefix, params = _bounds(quarters)
    return f"{prefix}{_expand(SQL[metric], len(quarters))}", {**params, **CONSTANTS}


def _decimal(value) -> Decimal:
    if value is None:
        return ZERO
    if isinstance(value, float):
        return FLOAT_CONTEXT.create_decimal_from_float(value).quantize(CENT)
    return Decimal(value)


def run(metric: str, quarters: Sequence[Quarter]) -> dict[tuple[int, Quarter], Pair]:
    """``metric``'s pairs per (rep, quarter) with records, from its one statement."""
    sql, params = statement(metric, quarters)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    pairs = {}
    for rep, k, numerator, denominator in rows:
        if numerator is None and denominator is None:
            continue  # attainment's row of a rep with neither orders nor a plan
        numerator, denominator = _decimal(numerator), _decimal(denominator)
        if metric == Metric.RESOLUTION_HOURS:
            # As ``kpis.metrics.resolution_hours``: the hours, to four places.
            numerator = (numerator / 3600).quantize(FOUR_PLACES, "ROUND_HALF_UP")
        pairs[(rep, quarters[k])] = (numerator, denominator)
    return pairs


def floor(quarters: Sequence[Quarter]) -> Floor:
    """Every metric's pairs over ``quarters``: eight statements."""
    return {metric: run(metric, quarters) for metric in Metric.values}


def timed_floor(quarters: Sequence[Quarter]) -> tuple[Floor, dict[str, float]]:
    """``floor`` and the seconds each metric's statement took (with fetching its rows)."""
    figures, seconds = {}, {}
    for metric in Metric.values:
        started = time.perf_counter()
        figures[metric] = run(metric, quarters)
        seconds[metric] = time.perf_counter() - started
    return figures, seconds


def median_floor(quarters: Sequence[Quarter], runs: int) -> tuple[Floor, float, dict[str, float]]:
    """The figures, the median total seconds of ``runs`` runs, and each metric's median."""
    totals, per_metric, figures = [], {metric: [] for metric in Metric.values}, {}
    for _run in range(runs):
        figures, seconds = timed_floor(quarters)
        totals.append(sum(seconds.values()))
        for metric, spent in seconds.items():
            per_metric[metric].append(spent)
    medians = {metric: statistics.median(spent) for metric, spent in per_metric.items()}
    return figures, statistics.median(totals), medians


def stored(quarters: Sequence[Quarter]) -> Floor:
    """What the recompute stored on the reps' scorecards of ``quarters``, shaped as ``floor``."""
    by_period = {(quarter.year, quarter.quarter): quarter for quarter in quarters}
    rows = ScorecardMetric.objects.filter(
        scorecard__scope="rep",
        scorecard__year__in={quarter.year for quarter in quarters},
    ).values_list(
        "scorecard__user",
        "scorecard__year",
        "scorecard__quarter",
        "metric",
        "numerator",
        "denominator",
    )
    figures: Floor = {metric: {} for metric in Metric.values}
    for rep, year, number, metric, numerator, denominator in rows.iterator(chunk_size=5000):
        quarter = by_period.get((year, number))
        if quarter is not None:
            figures[metric][(rep, quarter)] = (numerator, denominator)
    return figures


def differences(floor_figures: Floor, stored_figures: Floor) -> list[str]:
    """Where the floor and the stored scorecards disagree; empty when they are the same.

    A rep without records has no row in the floor and a stored (0, 0) (reports: (0, 1));
    a floor row without a stored scorecard (a rep the recompute did not measure) differs.
    """
    found = []
    for metric in Metric.values:
        computed, kept = floor_figures.get(metric, {}), stored_figures.get(metric, {})
        for key in sorted(set(computed) | set(kept), key=lambda key: (key[1], key[0])):
            if key not in kept:
                found.append(f"{metric} rep {key[0]} {key[1]}: no stored scorecard")
                continue
            expected = computed.get(key, NO_RECORDS[metric])
            if tuple(map(Decimal, kept[key])) != expected:
                found.append(
                    f"{metric} rep {key[0]} {key[1]}: floor {expected[0]}/{expected[1]}, "
                    f"stored {kept[key][0]}/{kept[key][1]}"
                )
    return found
