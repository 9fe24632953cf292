"""Reads of duty 2: attainment and funnel figures, computed in SQL.

Every function takes querysets that already went through ``visible_to`` (or a record that
did), so a figure never counts a record its reader may not see.
"""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import (
    Avg,
    Count,
    DecimalField,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from kam.choices import Role
from kam.dates import Quarter, company_today
from kam.figures import percent
from kam.models.users import person_name
from sales_plans.choices import FUNNEL, OPEN_STAGES, STAGE_RANK, SalesPlanStatus, Stage
from sales_plans.models import Opportunity, Order, OrderMonth, SalesPlan

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=18, decimal_places=2))


# -- attainment -----------------------------------------------------------------------------


def counted_orders(owners, start: date, end: date) -> QuerySet[Order]:
    """The orders attainment counts: by their owner, ordered between ``start`` and ``end``
    (inclusive, company calendar), not cancelled."""
    return Order.objects.counted().filter(owner__in=owners, ordered_on__range=(start, end))


def plan_attainment(plan: SalesPlan) -> dict:
    """Target against orders so far, for the plan and each of its account lines.

    ``{"target", "actual", "percent", "lines": [{"account", "target", "actual", "percent"}],
    "other": actual of accounts without a line, "through": the last day counted}``.
    Two queries whatever the number of orders.
    """
    through = min(plan.end, company_today())
    orders = counted_orders([plan.owner_id], plan.start, plan.end)
    by_account = dict(
        orders.values("account").annotate(total=Sum("amount")).values_list("account", "total")
    )
    actual = sum(by_account.values(), Decimal(0))
    lines = []
    for line in plan.targets.select_related("account").order_by("account__name", "id"):
        done = by_account.pop(line.account_id, Decimal(0))
        lines.append(
            {
                "account": line.account,
                "target": line.target_amount,
                "actual": done,
                "percent": percent(done, line.target_amount),
            }
        )
    return {
        "target": plan.target_amount,
        "actual": actual,
        "percent": percent(actual, plan.target_amount),
        "lines": lines,
        "other": sum(by_account.values(), Decimal(0)),
        "through": through,
    }


def approved_plans(quarter: Quarter) -> QuerySet[SalesPlan]:
    """The approved quarterly plans for ``quarter``: at most one a rep."""
    return SalesPlan.objects.approved().filter(year=quarter.year, quarter=quarter.quarter)


def counted_months(quarter: Quarter) -> QuerySet[OrderMonth]:
    """The order months (``OrderMonth``, kept by the database) of the not-cancelled orders
    ordered in ``quarter``: three months a rep, whatever the number of orders in them."""
    return OrderMonth.objects.filter(counted=True, month__range=(quarter.start, quarter.end))


def attainment_rows(reps, quarter: Quarter) -> QuerySet:
    """``reps`` (a User queryset) by name, each with ``target`` (their approved quarterly
    plan's, 0 without one) and ``actual`` (their counted orders) for ``quarter``. A page
    reads a slice of it; ``attainment_totals`` sums the same figures in SQL."""
    targets = approved_plans(quarter).filter(owner=OuterRef("pk")).values("target_amount")[:1]
    actuals = (
        counted_months(quarter)
        .filter(owner=OuterRef("pk"))
        .order_by()
        .values("owner")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return reps.annotate(
        target=Coalesce(Subquery(targets), ZERO), actual=Coalesce(Subquery(actuals), ZERO)
    ).order_by("first_name", "last_name", "username")


def attainment_totals(reps, quarter: Quarter) -> dict:
    """Attainment of ``reps`` for ``quarter`` as the KPI defines it: their not-cancelled
    orders ordered in the quarter ÷ the targets of their approved quarterly plans for it,
    summed over the union of the records (never an average of percents).

    ``{"quarter", "target", "actual", "percent"}``; two aggregate queries, whatever the
    number of reps.
    """
    owners = reps.order_by().values("pk")
    target = (
        approved_plans(quarter)
        .filter(owner__in=owners)
        .aggregate(total=Coalesce(Sum("target_amount"), ZERO))["total"]
    )
    actual = (
        counted_months(quarter)
        .filter(owner__in=owners)
        .aggregate(total=Coalesce(Sum("amount"), ZERO))["total"]
    )
    return {
        "quarter": quarter,
        "target": target,
        "actual": actual,
        "percent": percent(actual, target),
    }


def attainment(reps, quarter: Quarter) -> dict:
    """``attainment_totals`` with every rep's row (an export's report):
    ``{"quarter", "target", "actual", "percent", "reps": [{"user", "target", "actual",
    "percent"}]}``, reps by name. Three queries.
    """
    return {
        **attainment_totals(reps, quarter),
        "reps": [attainment_row(rep) for rep in attainment_rows(reps, quarter)],
    }


def attainment_row(rep) -> dict:
    """One rep of ``attainment_rows`` as a report's row."""
    return {
        "user": rep,
        "target": rep.target,
        "actual": rep.actual,
        "percent": percent(rep.actual, rep.target),
    }


def reps_of(user, *, team=None) -> QuerySet:
    """The reps whose figures ``user`` reads: oneself (a rep), a team's (``team``), or
    everyone ``User.objects.visible_to(user)`` holds who sells."""
    users = get_user_model().objects.visible_to(user).filter(is_active=True)
    if team is not None:
        return users.filter(team=team)
    if user.role == Role.REP:
        return users.filter(pk=user.pk)
    return users.filter(team__isnull=False)


def plans_waiting_for(manager) -> QuerySet[SalesPlan]:
    """Submitted plans ``manager`` decides on, oldest submission first."""
    return (
        SalesPlan.objects.visible_to(manager)
        .filter(status=SalesPlanStatus.SUBMITTED, owner__team__manager=manager)
        .exclude(owner=manager)
        .select_related("owner")
        .order_by("submitted_at", "id")
    )


# -- the funnel -----------------------------------------------------------------------------


def funnel(opportunities: QuerySet[Opportunity], quarter: Quarter) -> dict:
    """The funnel figures of ``opportunities`` (visible ones, of a rep or a team) for
    ``quarter``.

    - ``stages``: count and amount per current stage of the deals in play during the
      quarter (opened by its end, and open or closed within it).
    - ``conversion``: the quarter's cohort (deals opened in it) and how many of them
      reached each funnel stage, and what share of those that reached one stage reached
      the next. A deal that skipped a stage counts as having passed it (it reached a
      later one); a lost deal counts up to the furthest stage it reached.
    - ``win_rate``: deals won ÷ won + lost, by ``closed_on`` in the quarter.
    - ``cycle_days``: mean days from ``opened_on`` to ``closed_on`` of the deals won.
    - ``velocity``: cohort size × mean won amount × win rate ÷ cycle days: expected
      revenue per day the funnel makes (None without a won deal).
    Four queries.
    """
    start, end = quarter.start, quarter.end
    base = opportunities.order_by()
    # In play: the open deals opened by the quarter's end, and those closed in it or later
    # (opened by its end too). The two parts read two indexes (PostgreSQL: index only).
    opened = base.filter(opened_on__lte=end)
    per_stage = {
        row["stage"]: row
        for part in (
            opened.filter(stage__in=OPEN_STAGES),
            opened.filter(closed_on__gte=start),
        )
        for row in part.values("stage").annotate(count=Count("*"), amount=Sum("amount"))
    }
    stages = [
        {
            "stage": stage,
            "count": per_stage.get(stage, {}).get("count", 0),
            "amount": per_stage.get(stage, {}).get("amount") or Decimal(0),
        }
        for stage in Stage
    ]

    # Each deal keeps the furthest stage it reached (``opportunity_move``): the cohort's
    # conversion is one pass over its deals, not over their stage changes.
    reached = (
        base.filter(opened_on__range=(start, end))
        .order_by()
        .aggregate(
            cohort=Count("*"),
            **{
                stage: Count("opened_on", filter=Q(furthest_stage__in=FUNNEL[rank - 1 :]))
                for stage, rank in STAGE_RANK.items()
            },
        )
    )
    conversion, previous = [], None
    for stage in FUNNEL:
        count = reached[stage]
        conversion.append(
            {
                "stage": stage,
                "reached": count,
                "rate": None if previous is None else percent(count, previous),
            }
        )
        previous = count

    closed = base.filter(closed_on__range=(start, end)).aggregate(
        # Counted by fields their index holds (PostgreSQL reads it alone).
        won=Count("closed_on", filter=Q(stage=Stage.WON)),
        lost=Count("closed_on", filter=Q(stage=Stage.LOST)),
        won_amount=Sum("amount", filter=Q(stage=Stage.WON)),
        cycle=Avg(
            ExpressionWrapper(F("closed_on") - F("opened_on"), output_field=DurationField()),
            filter=Q(stage=Stage.WON),
        ),
    )
    won, lost = closed["won"], closed["lost"]
    win_rate = percent(won, won + lost)
    cycle_days = round(closed["cycle"].total_seconds() / 86400, 1) if closed["cycle"] else None
    mean_won = closed["won_amount"] / won if won else None
    cohort_size = reached["cohort"]
    velocity = None
    if mean_won is not None and cycle_days:
        velocity = round(
            Decimal(cohort_size)
            * mean_won
            * Decimal(won)
            / Decimal(won + lost)
            / Decimal(str(cycle_days)),
            2,
        )
    open_count = sum(row["count"] for row in stages if row["stage"] in OPEN_STAGES)
    return {
        "quarter": quarter,
        "stages": stages,
        "open_count": open_count,
        "cohort": cohort_size,
        "conversion": conversion,
        "won": won,
        "lost": lost,
        "won_amount": closed["won_amount"] or Decimal(0),
        "win_rate": win_rate,
        "cycle_days": cycle_days,
        "velocity": velocity,
    }


#: What a board card shows (``sales_plans/_board.html``), read as values: an executive's
#: board is kept in the cache (``kam.summaries``), and plain values are quick to make and
#: to keep. ``board_card`` turns the owner's three name fields into ``owner_name``.
CARD_FIELDS = ("pk", "name", "stage", "amount", "expected_close_on", "owner_id")
CARD_NAMES = {"account_name": F("account__name")}
OWNER_NAME_FIELDS = ("owner__first_name", "owner__last_name", "owner__username")


def board_card(row: dict) -> dict:
    """A card of ``CARD_FIELDS`` and ``CARD_NAMES`` values, with its ``owner_name``."""
    row["owner_name"] = person_name(*(row.pop(field) for field in OWNER_NAME_FIELDS))
    return row


def board(opportunities: QuerySet[Opportunity], *, per_stage: int = 50) -> list[dict]:
    """The pipeline board: open deals by stage (soonest expected close first), each column
    with its count and amount and at most ``per_stage`` cards. A query for the totals and
    one for each column's cards."""
    opportunities = opportunities.filter(stage__in=OPEN_STAGES)
    totals = {
        row["stage"]: row
        for row in opportunities.order_by()
        .values("stage")
        .annotate(count=Count("id"), amount=Sum("amount"))
    }
    # Each column's first cards, read in the board index's order only as far as they go
    # (a query per column: one over all of them would number every open deal first).
    cards = {
        stage: [
            board_card(row)
            for row in opportunities.filter(stage=stage)
            .order_by("expected_close_on", "id")
            .values(*CARD_FIELDS, *OWNER_NAME_FIELDS, **CARD_NAMES)[:per_stage]
        ]
        for stage in OPEN_STAGES
    }
    return [
        {
            "stage": stage,
            "count": totals.get(stage, {}).get("count", 0),
            "amount": totals.get(stage, {}).get("amount") or Decimal(0),
            "cards": cards[stage],
        }
        for stage in OPEN_STAGES
    ]


def overdue_orders(user, *, today: date | None = None, owner=None) -> QuerySet[Order]:
    """The overdue orders ``user`` owns (or ``owner``, among those ``user`` sees: a rep's
    to-dos on their scorecard), the longest overdue first."""
    return (
        Order.objects.visible_to(user)
        .overdue(today)
        .filter(owner=owner or user)
        .select_related("account")
        .order_by("promised_on", "id")
    )


def closing_this_month(user, *, today: date | None = None) -> QuerySet[Opportunity]:
    """Open deals of ``user`` expected to close by the end of this month (late ones too)."""
    today = today or company_today()
    return (
        Opportunity.objects.visible_to(user)
        .filter(owner=user, stage__in=OPEN_STAGES, expected_close_on__lt=_next_month(today))
        .select_related("account")
        .order_by("expected_close_on", "id")
    )


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)
