"""The eight KPIs of DESIGN.md, computed set-based: for one quarter (``compute``) or for
all the quarters of a run at once (``compute_many``, what the recompute reads).

Each metric is one aggregate query (attainment: two) grouped by the rep a record is
attributed to (and, for many quarters, by quarter), whatever the number of records:
orders by their ``owner``; surveys, tickets and retention by the account's current
``owner``; reports by ``author``; suggestions by ``submitted_by``. Every record belongs
to exactly one rep, so a team's or the company's numerator and denominator are sums over
its reps' groups: the figures of the union of their records, never an average of
percentages.

``Figures`` holds, per metric, ``{rep id: (numerator, denominator)}``; ``value`` turns a
pair into the stored value (None when the denominator is zero: "no data").
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    When,
)

from accounts.models import Account, AccountEpisode, SurveyResponse
from kam.choices import Role
from kam.dates import Quarter
from kpis.choices import Direction, Metric
from market_intel.choices import ReportStatus, SuggestionStatus
from market_intel.models import MarketReport, ProductSuggestion
from sales_plans.choices import OrderStatus, SalesPlanStatus
from sales_plans.models import Order, SalesPlan
from tickets.choices import TicketStatus
from tickets.models import Ticket

#: Metrics whose value is a share in per cent (the others: hours, reports per rep).
PERCENT_METRICS = frozenset(
    {
        Metric.SATISFACTION,
        Metric.RETENTION,
        Metric.ATTAINMENT,
        Metric.FULFILMENT,
        Metric.SLA_COMPLIANCE,
        Metric.SUGGESTION_ADOPTION,
    }
)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
FOUR_PLACES = Decimal("0.0001")
ZERO = Decimal(0)

Pair = tuple[Decimal, Decimal]


def measured_reps():
    """The people scorecards are for: active reps (a team's are those whose team it is)."""
    return get_user_model().objects.filter(role=Role.REP, is_active=True)


def _rep_filter(path: str) -> Q:
    return Q(**{f"{path}__role": Role.REP, f"{path}__is_active": True})


# -- the records each metric counts ----------------------------------------------------------


def active_on(day) -> Q:
    """An account active on ``day``: by its current dates, or by one of its past episodes."""
    current = Q(customer_since__lte=day) & (Q(churned_on__isnull=True) | Q(churned_on__gt=day))
    past = Exists(
        AccountEpisode.objects.filter(
            account=OuterRef("pk"), customer_since__lte=day, churned_on__gt=day
        )
    )
    return current | Q(past)


def _resolved_in(quarter: Quarter) -> Q:
    return Q(resolved_at__gte=quarter.start_at(), resolved_at__lt=quarter.end_at())


def overdue_at_end_q(quarter: Quarter) -> Q:
    """Tickets opened before the quarter ended and not resolved by then, whose due time had
    passed at its end. A ticket now waiting on the customer whose clock stopped before its
    due time is not overdue (its due time moves when the clock runs again)."""
    end = quarter.end_at()
    unresolved = Q(resolved_at__isnull=True) | Q(resolved_at__gte=end)
    stopped_in_time = Q(
        status=TicketStatus.WAITING_ON_CUSTOMER, paused_at__lt=F("due_at"), resolved_at__isnull=True
    )
    return Q(opened_at__lt=end, due_at__lt=end) & unresolved & ~stopped_in_time


ON_TIME = Q(status=OrderStatus.DELIVERED, delivered_on__lte=F("promised_on"))


def satisfaction_records(quarter: Quarter, rows):
    """Responses received in the quarter (a score of 4 or 5 is satisfied)."""
    return rows.filter(received_on__range=(quarter.start, quarter.end))


def retention_records(quarter: Quarter, rows):
    """Accounts active on the quarter's first day, with ``kept``: still active on its last."""
    kept = ExpressionWrapper(active_on(quarter.end), output_field=BooleanField())
    return rows.filter(active_on(quarter.start)).annotate(kept=kept)


def attainment_records(quarter: Quarter, rows):
    """Orders ordered in the quarter, not cancelled (the targets: ``attainment_targets``)."""
    return rows.filter(ordered_on__range=(quarter.start, quarter.end)).exclude(
        status=OrderStatus.CANCELLED
    )


def attainment_targets(quarter: Quarter):
    """The approved quarterly plans for the quarter."""
    return SalesPlan.objects.filter(
        year=quarter.year, quarter=quarter.quarter, status=SalesPlanStatus.APPROVED
    )


def fulfilment_records(quarter: Quarter, rows):
    """Orders promised in the quarter, not cancelled (on time: delivered by the promise)."""
    return rows.filter(promised_on__range=(quarter.start, quarter.end)).exclude(
        status=OrderStatus.CANCELLED
    )


def resolution_records(quarter: Quarter, rows):
    """Tickets resolved in the quarter, with their ``resolved_at − opened_at −
    paused_seconds`` (``Ticket.resolution_seconds``)."""
    return rows.filter(_resolved_in(quarter), resolution_seconds__isnull=False)


def sla_records(quarter: Quarter, rows):
    """Tickets resolved in the quarter, and those unresolved at its end past due."""
    return rows.filter(_resolved_in(quarter) | overdue_at_end_q(quarter))


def sla_met_q(quarter: Quarter) -> Q:
    return _resolved_in(quarter) & Q(resolved_at__lte=F("due_at"))


def report_records(quarter: Quarter, rows):
    """Market reports published in the quarter."""
    return rows.filter(
        status=ReportStatus.PUBLISHED,
        published_at__gte=quarter.start_at(),
        published_at__lt=quarter.end_at(),
    )


def suggestion_records(quarter: Quarter, rows):
    """Suggestions decided (adopted or rejected) in the quarter."""
    return rows.filter(
        decided_on__range=(quarter.start, quarter.end),
        status__in=(SuggestionStatus.ADOPTED, SuggestionStatus.REJECTED),
    )


#: Per metric: the model it counts, the records of a quarter, and the path to their rep.
RECORDS = {
    Metric.SATISFACTION: (SurveyResponse, satisfaction_records, "account__owner"),
    Metric.RETENTION: (Account, retention_records, "owner"),
    Metric.ATTAINMENT: (Order, attainment_records, "owner"),
    Metric.FULFILMENT: (Order, fulfilment_records, "owner"),
    Metric.RESOLUTION_HOURS: (Ticket, resolution_records, "account__owner"),
    Metric.SLA_COMPLIANCE: (Ticket, sla_records, "account__owner"),
    Metric.MARKET_REPORTS: (MarketReport, report_records, "author"),
    Metric.SUGGESTION_ADOPTION: (ProductSuggestion, suggestion_records, "submitted_by"),
}


def records(metric: str, quarter: Quarter, reps=None, *, among=None):
    """The records behind ``metric`` in ``quarter``, of ``reps`` (ids or a queryset; None:
    every measured rep), taken from ``among`` (a queryset of the metric's model, e.g. what
    ``visible_to`` a reader; None: all) — what a dashboard cell drills into."""
    model, build, path = RECORDS[metric]
    rows = build(quarter, model.objects.all() if among is None else among)
    rows = rows.filter(_rep_filter(path))
    if reps is not None:
        rows = rows.filter(**{f"{path}__in": reps})
    return rows


# -- one aggregate per metric -----------------------------------------------------------------


def _grouped(metric: str, quarter: Quarter, **aggregates) -> dict[int, Pair]:
    path = RECORDS[metric][2]
    rows = records(metric, quarter).values(path).annotate(**aggregates).order_by()
    return {
        row[path]: (Decimal(row.get("num") or 0), Decimal(row.get("den") or 0))
        for row in rows
        if row[path] is not None
    }


def satisfaction(quarter: Quarter) -> dict[int, Pair]:
    """Responses received in the quarter with score ≥ 4 ÷ all responses received in it."""
    return _grouped(
        Metric.SATISFACTION, quarter, num=Count("pk", filter=Q(score__gte=4)), den=Count("pk")
    )


def retention(quarter: Quarter) -> dict[int, Pair]:
    """Accounts active at the quarter's first day that are still active at its last ÷ the
    accounts active at its first day."""
    return _grouped(
        Metric.RETENTION, quarter, num=Count("pk", filter=Q(kept=True)), den=Count("pk")
    )


def attainment(quarter: Quarter) -> dict[int, Pair]:
    """Not-cancelled orders ordered in the quarter ÷ the targets of the reps' approved
    quarterly plans for it (a rep without one: denominator 0, "no data")."""
    actual = _grouped(Metric.ATTAINMENT, quarter, num=Sum("amount"))
    targets = (
        attainment_targets(quarter)
        .filter(_rep_filter("owner"))
        .values("owner")
        .annotate(total=Sum("target_amount"))
        .order_by()
    )
    pairs = dict(actual)
    for row in targets:
        pairs[row["owner"]] = (pairs.get(row["owner"], (ZERO, ZERO))[0], Decimal(row["total"]))
    return pairs


def fulfilment(quarter: Quarter) -> dict[int, Pair]:
    """Not-cancelled orders promised in the quarter and delivered on or before the promise
    ÷ all not-cancelled orders promised in it (on time, in full)."""
    return _grouped(Metric.FULFILMENT, quarter, num=Count("pk", filter=ON_TIME), den=Count("pk"))


def resolution_hours(quarter: Quarter) -> dict[int, Pair]:
    """Over tickets resolved in the quarter: their resolution hours summed, and their
    number; the value is the mean."""
    return _in_hours(
        _grouped(Metric.RESOLUTION_HOURS, quarter, num=Sum("resolution_seconds"), den=Count("pk"))
    )


def _in_hours(pairs: dict[int, Pair]) -> dict[int, Pair]:
    """Summed resolution seconds as hours (four places), with their tickets' number."""
    return {
        owner: ((seconds / 3600).quantize(FOUR_PLACES, ROUND_HALF_UP), count)
        for owner, (seconds, count) in pairs.items()
    }


def sla_compliance(quarter: Quarter) -> dict[int, Pair]:
    """Tickets resolved in the quarter by their due time ÷ the tickets resolved in it plus
    those still unresolved at its end past their due time."""
    return _grouped(
        Metric.SLA_COMPLIANCE, quarter, num=Count("pk", filter=sla_met_q(quarter)), den=Count("pk")
    )


def market_reports(quarter: Quarter) -> dict[int, Pair]:
    """Reports published in the quarter per author; the denominator (reps in the scope) is
    the scope's to add (``Figures.pair``)."""
    return _grouped(Metric.MARKET_REPORTS, quarter, num=Count("pk"))


def suggestion_adoption(quarter: Quarter) -> dict[int, Pair]:
    """Suggestions decided in the quarter and adopted ÷ those adopted or rejected in it."""
    adopted = Count("pk", filter=Q(status=SuggestionStatus.ADOPTED))
    return _grouped(Metric.SUGGESTION_ADOPTION, quarter, num=adopted, den=Count("pk"))


COMPUTE = {
    Metric.SATISFACTION: satisfaction,
    Metric.RETENTION: retention,
    Metric.ATTAINMENT: attainment,
    Metric.FULFILMENT: fulfilment,
    Metric.RESOLUTION_HOURS: resolution_hours,
    Metric.SLA_COMPLIANCE: sla_compliance,
    Metric.MARKET_REPORTS: market_reports,
    Metric.SUGGESTION_ADOPTION: suggestion_adoption,
}


# -- many quarters at once ---------------------------------------------------------------------

#: The date a record is counted by, for the metrics whose records a quarter selects by that
#: date alone: (field, whether it is a datetime, read in ``TIME_ZONE``). One query then
#: covers every quarter of a run, grouped by rep and quarter. Attainment is read rep by
#: rep from the covering (owner, ordered_on) index instead (``_attainment_many``), SLA
#: compliance's overdue tickets by one count per quarter end (``_sla_many``), and
#: retention, which judges each account on a quarter's own first and last day, by two
#: counts per quarter (``_retention_many``).
DATED_BY = {
    Metric.SATISFACTION: ("received_on", False),
    Metric.FULFILMENT: ("promised_on", False),
    Metric.RESOLUTION_HOURS: ("resolved_at", True),
    Metric.MARKET_REPORTS: ("published_at", True),
    Metric.SUGGESTION_ADOPTION: ("decided_on", False),
}
#: What each dated metric adds up per group (the same as its one-quarter function).
DATED_AGGREGATES = {
    Metric.SATISFACTION: lambda: {"num": Count("pk", filter=Q(score__gte=4)), "den": Count("pk")},
    Metric.FULFILMENT: lambda: {"num": Count("pk", filter=ON_TIME), "den": Count("pk")},
    Metric.RESOLUTION_HOURS: lambda: {"num": Sum("resolution_seconds"), "den": Count("pk")},
    Metric.MARKET_REPORTS: lambda: {"num": Count("pk")},
    Metric.SUGGESTION_ADOPTION: lambda: {
        "num": Count("pk", filter=Q(status=SuggestionStatus.ADOPTED)),
        "den": Count("pk"),
    },
}


@dataclass(frozen=True)
class Span:
    """Consecutive quarters read as one period (what the record builders need of one)."""

    first: Quarter
    last: Quarter

    @property
    def start(self):
        return self.first.start

    @property
    def end(self):
        return self.last.end

    def start_at(self):
        return self.first.start_at()

    def end_at(self):
        return self.last.end_at()

    def quarters(self) -> list[Quarter]:
        quarters = [self.first]
        while quarters[-1] < self.last:
            quarters.append(quarters[-1].next())
        return quarters


def _bucket(field: str, is_datetime: bool, quarters: list[Quarter]) -> Case:
    """Which of the consecutive ``quarters`` a record falls in (its index), by comparing its
    date with their ends: cheaper per row than extracting a zoned quarter from it."""
    ends = [
        When(**({f"{field}__lt": q.end_at()} if is_datetime else {f"{field}__lte": q.end}), then=k)
        for k, q in enumerate(quarters)
    ]
    return Case(*ends, output_field=IntegerField())


def _dated(metric: str, span: Span, wanted: set[Quarter]) -> dict[Quarter, dict[int, Pair]]:
    field, is_datetime = DATED_BY[metric]
    path = RECORDS[metric][2]
    quarters = span.quarters()
    rows = (
        records(metric, span)
        .annotate(kpi_bucket=_bucket(field, is_datetime, quarters))
        .values(path, "kpi_bucket")
        .annotate(**DATED_AGGREGATES[metric]())
        .order_by()
    )
    found: dict[Quarter, dict[int, Pair]] = {quarter: {} for quarter in wanted}
    for row in rows:
        quarter = quarters[row["kpi_bucket"]]
        if quarter in wanted and row[path] is not None:
            found[quarter][row[path]] = (Decimal(row["num"] or 0), Decimal(row.get("den") or 0))
    return found


def _attainment_many(quarters: list[Quarter]) -> dict[Quarter, dict[int, Pair]]:
    """Attainment of every measured rep in each of ``quarters``, in one query: per rep and
    quarter, the sum of ``attainment_records`` (an index-only look-up in the covering
    ``order_attainment`` index) and of the ``attainment_targets``. A rep with neither is
    left out, as ``attainment`` leaves them out."""
    sums = {}
    for k, quarter in enumerate(quarters):
        orders = attainment_records(quarter, Order.objects.filter(owner=OuterRef("pk")))
        plans = attainment_targets(quarter).filter(owner=OuterRef("pk"))
        sums[f"actual_{k}"] = _sum_of(orders, "amount")
        sums[f"target_{k}"] = _sum_of(plans, "target_amount")
    found: dict[Quarter, dict[int, Pair]] = {quarter: {} for quarter in quarters}
    for row in measured_reps().annotate(**sums).values("pk", *sums):
        for k, quarter in enumerate(quarters):
            actual, target = row[f"actual_{k}"], row[f"target_{k}"]
            if actual is not None or target is not None:
                found[quarter][row["pk"]] = (Decimal(actual or 0), Decimal(target or 0))
    return found


def _sum_of(rows, field: str) -> Subquery:
    """The sum of ``field`` over ``rows`` (narrowed to one outer row) as a column: an
    aggregate without a ``GROUP BY``."""
    return Subquery(rows.order_by().annotate(total=Func(F(field), function="SUM")).values("total"))


def _sla_many(span: Span, quarters: list[Quarter]) -> dict[Quarter, dict[int, Pair]]:
    """SLA compliance of each of ``quarters`` in two queries: the tickets resolved in the
    span, grouped by rep and quarter; and, per rep, a count per quarter end of the tickets
    ``overdue_at_end_q`` there (a ticket can be overdue at several ends). A ticket resolved
    in a quarter is never overdue at its end, so the two add up to ``sla_records``."""
    path = RECORDS[Metric.SLA_COMPLIANCE][2]
    resolved = (
        Ticket.objects.filter(_rep_filter(path), _resolved_in(span))
        .annotate(kpi_bucket=_bucket("resolved_at", True, quarters))
        .values(path, "kpi_bucket")
        .annotate(num=Count("pk", filter=Q(resolved_at__lte=F("due_at"))), den=Count("pk"))
        .order_by()
    )
    found: dict[Quarter, dict[int, Pair]] = {quarter: {} for quarter in quarters}
    for row in resolved:
        found[quarters[row["kpi_bucket"]]][row[path]] = (Decimal(row["num"]), Decimal(row["den"]))
    # Overdue at some end of the span: due before its last end and not resolved by the due time.
    late = Q(resolved_at__isnull=True) | Q(resolved_at__gt=F("due_at"))
    overdue = (
        Ticket.objects.filter(_rep_filter(path), late, due_at__lt=span.end_at())
        .values(path)
        .annotate(
            **{
                f"overdue_{k}": Count("pk", filter=overdue_at_end_q(quarter))
                for k, quarter in enumerate(quarters)
            }
        )
        .order_by()
    )
    for row in overdue:
        for k, quarter in enumerate(quarters):
            if row[f"overdue_{k}"]:
                num, den = found[quarter].get(row[path], (ZERO, ZERO))
                found[quarter][row[path]] = (num, den + row[f"overdue_{k}"])
    return found


def _retention_many(quarters: list[Quarter]) -> dict[Quarter, dict[int, Pair]]:
    """Retention of each of ``quarters`` in one query: per rep, the accounts active on
    each quarter's first day and those of them still active on its last (each quarter's
    ``retention_records``, side by side). A rep with no account active on a quarter's
    first day is left out of it, as ``retention`` leaves them out."""
    model, _build, path = RECORDS[Metric.RETENTION]
    counts = {}
    for k, quarter in enumerate(quarters):
        counts[f"den_{k}"] = Count("pk", filter=active_on(quarter.start))
        counts[f"num_{k}"] = Count("pk", filter=active_on(quarter.start) & active_on(quarter.end))
    rows = model.objects.filter(_rep_filter(path)).values(path).annotate(**counts).order_by()
    found: dict[Quarter, dict[int, Pair]] = {quarter: {} for quarter in quarters}
    for row in rows:
        for k, quarter in enumerate(quarters):
            if row[f"den_{k}"]:
                found[quarter][row[path]] = (Decimal(row[f"num_{k}"]), Decimal(row[f"den_{k}"]))
    return found


def compute_many(quarters) -> dict[Quarter, "Figures"]:
    """``compute`` for each of ``quarters``: one query per dated metric and for attainment
    and retention for all of them, two for SLA compliance."""
    wanted = set(quarters)
    if not wanted:
        return {}
    span = Span(min(wanted), max(wanted))
    covered = span.quarters()
    by_quarter: dict[Quarter, dict[str, dict[int, Pair]]] = {q: {} for q in covered}
    for metric in DATED_BY:
        for quarter, pairs in _dated(metric, span, wanted).items():
            by_quarter[quarter][metric] = pairs
    for metric, pairs_of in (
        (Metric.ATTAINMENT, _attainment_many(covered)),
        (Metric.SLA_COMPLIANCE, _sla_many(span, covered)),
        (Metric.RETENTION, _retention_many(covered)),
    ):
        for quarter, pairs in pairs_of.items():
            by_quarter[quarter][metric] = pairs
    for quarter in wanted:
        figures = by_quarter[quarter]
        figures[Metric.RESOLUTION_HOURS] = _in_hours(figures[Metric.RESOLUTION_HOURS])
    return {
        quarter: Figures(quarter, {metric: by_quarter[quarter][metric] for metric in COMPUTE})
        for quarter in sorted(wanted)
    }


# -- from pairs to stored values --------------------------------------------------------------


@dataclass
class Figures:
    """A quarter's per-rep pairs of every metric."""

    quarter: Quarter
    by_metric: dict[str, dict[int, Pair]]

    def pair(self, metric: str, reps: list[int]) -> Pair:
        """Numerator and denominator of ``reps`` together (the union of their records)."""
        per_rep = self.by_metric[metric]
        numerator = denominator = ZERO
        for rep in reps:
            found = per_rep.get(rep)
            if found is not None:
                numerator += found[0]
                denominator += found[1]
        if metric == Metric.MARKET_REPORTS:
            return numerator, Decimal(len(reps))
        return numerator, denominator


def compute(quarter: Quarter, metrics=None) -> Figures:
    """Every metric's per-rep pairs for ``quarter``: nine queries whatever the data size."""
    chosen = metrics or list(COMPUTE)
    return Figures(quarter, {metric: COMPUTE[metric](quarter) for metric in chosen})


def value(metric: str, numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """The stored value of a pair, to two decimals; None when the denominator is zero."""
    if not denominator:
        return None
    result = numerator / denominator
    if metric in PERCENT_METRICS:
        result *= HUNDRED
    return result.quantize(CENT, ROUND_HALF_UP)


def met(result: Decimal | None, target: Decimal, direction: str) -> bool | None:
    """Whether ``result`` reaches ``target``; None ("no data") when there is no value."""
    if result is None:
        return None
    if direction == Direction.AT_MOST:
        return result <= target
    return result >= target
