"""sales_plans' demo: plans with their approvals, the funnel with its stage history and
orders with their deliveries, deterministic, loaded twice without duplicates; the large
size, scaled down, with the derived values bulk rows skip."""

import re
from collections import defaultdict
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from accounts.models import Account
from kam.dates import Quarter, company_today
from kam.demo import LARGE, SMALL, demo_reps
from kam.search import document
from sales_plans import demo as sales_demo
from sales_plans.choices import CLOSED_STAGES, FUNNEL, STAGE_RANK, Stage, further
from sales_plans.models import (
    Opportunity,
    Order,
    OrderMonth,
    PlanTarget,
    SalesPlan,
    StageChange,
)
from sales_plans.selectors import plan_attainment
from tests.sales_plans.test_order_months import from_months, from_orders

MODELS = [SalesPlan, PlanTarget, Opportunity, StageChange, Order]
SMALL_COUNTS = {
    "SalesPlan": 6 * 8 + 6 * 2 + 3,
    "PlanTarget": 24,
    "Opportunity": 153,
    "StageChange": 575,
    "Order": 436,
}
SECONDS = r"in \d+\.\d s\."


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def stage_mismatches(opportunities) -> list:
    """Opportunities whose last stage change is not their stage: one query."""
    last = StageChange.objects.filter(opportunity=OuterRef("pk")).order_by("-changed_at", "-pk")
    return list(
        opportunities.annotate(last_to=Subquery(last.values("to_stage")[:1]))
        .exclude(last_to=F("stage"))
        .values_list("pk", "stage", "last_to")
    )


def furthest_mismatches(opportunities) -> list:
    """Opportunities whose ``furthest_stage`` is not the furthest their changes reached."""
    reached = defaultdict(str)
    for pk, stage in StageChange.objects.filter(opportunity__in=opportunities).values_list(
        "opportunity", "to_stage"
    ):
        reached[pk] = further(reached[pk], stage)
    return [
        (pk, furthest, reached[pk])
        for pk, furthest in opportunities.values_list("pk", "furthest_stage")
        if furthest != reached[pk]
    ]


def broken_chains(opportunities) -> list:
    """Opportunities whose stage changes do not start at a lead from nothing, follow on
    from each other, or go back in time."""
    chains = defaultdict(list)
    for change in StageChange.objects.filter(opportunity__in=opportunities).order_by(
        "opportunity", "changed_at", "pk"
    ):
        chains[change.opportunity_id].append(change)
    broken = []
    for pk, chain in chains.items():
        steps = [(c.from_stage, c.to_stage) for c in chain]
        if steps[0] != ("", Stage.LEAD) or any(
            later.from_stage != earlier.to_stage
            for earlier, later in zip(chain, chain[1:], strict=False)
        ):
            broken.append((pk, steps))
    return broken


@pytest.mark.django_db
def test_small_seed_is_deterministic_and_idempotent():
    out = StringIO()
    call_command("seed_demo", stdout=out, no_color=True)
    first = counts()
    number, code, ordered_on, amount, status = Order.objects.order_by("number").values_list(
        "number", "account__code", "ordered_on", "amount", "status"
    )[0]
    first_order = (number, code, (company_today() - ordered_on).days, amount, status)

    again = StringIO()
    call_command("seed_demo", stdout=again, no_color=True)

    assert counts() == first
    # random.Random(42) and dates relative to today: the same content on every run.
    assert first == SMALL_COUNTS
    assert first_order == ("SO-D00001", "CN-0001", 545, Decimal("889800.00"), "delivered")
    # Each app prints its own lines, in the seed's order; find sales_plans' among them.
    line = next(line for line in out.getvalue().splitlines() if line.startswith("sales_plans"))
    assert re.fullmatch(
        rf"sales_plans: {first['SalesPlan']} sales plans, {first['PlanTarget']} plan targets, "
        rf"{first['Opportunity']} opportunities, {first['StageChange']} stage changes, "
        rf"{first['Order']} orders {SECONDS}",
        line,
    ), line
    lines = again.getvalue().splitlines()
    skipped = lines.index("Demo sales plans and orders already exist; skipping them.")
    assert lines[skipped + 1].startswith(f"sales_plans: {first['SalesPlan']} sales plans")


@pytest.mark.django_db
def test_small_seed_content():
    call_command("seed_demo", stdout=StringIO())
    today = company_today()
    reps = list(demo_reps(SMALL).select_related("team__manager"))
    current = Quarter.of(today)

    # Plans: eight quarters and two years a rep, most approved by the rep's manager.
    quarterly = SalesPlan.objects.filter(quarter__isnull=False)
    periods = sales_demo.quarters(today)
    for rep in reps:
        mine = quarterly.filter(owner=rep)
        assert sorted(Quarter(p.year, p.quarter) for p in mine if p.status != "draft") == periods
        assert set(
            SalesPlan.objects.filter(owner=rep, quarter__isnull=True).values_list("year", flat=True)
        ) == {today.year - 1, today.year}
    approved = SalesPlan.objects.filter(status="approved").select_related("owner__team")
    assert approved.count() > 0.8 * SalesPlan.objects.exclude(status="draft").count()
    assert all(plan.approved_by == plan.owner.team.manager for plan in approved)
    assert all(plan.approved_at <= timezone.now() for plan in approved)
    now = quarterly.filter(year=current.year, quarter=current.quarter)
    assert sorted(now.values_list("owner__username", "status")) == [
        ("chen.hui", "submitted"),
        ("emma.wright", "rejected"),
        ("li.wei", "approved"),
        ("liu.yang", "approved"),
        ("tom.baker", "approved"),
        ("zhang.min", "approved"),
    ]
    assert now.get(status="rejected").decision_comment
    upcoming = current.next()
    assert sorted(
        SalesPlan.objects.filter(
            status="draft", year=upcoming.year, quarter=upcoming.quarter
        ).values_list("owner__username", flat=True)
    ) == ["li.wei", "liu.yang", "zhang.min"]
    # Revised plans: a second revision approved again, every step in the history, dated
    # in the story and by whom it was done.
    revised = SalesPlan.objects.filter(revision=2)
    assert revised.filter(year=current.year, quarter=current.quarter).exists()
    assert revised.filter(quarter__isnull=False).count() >= 6
    for plan in revised:
        history = list(plan.history.order_by("history_date", "history_id"))
        assert [(h.status, h.revision) for h in history] == [
            ("draft", 1),
            ("submitted", 1),
            ("approved", 1),
            ("draft", 2),
            ("submitted", 2),
            ("approved", 2),
        ]
        manager = plan.owner.team.manager
        assert [h.history_user for h in history] == [plan.owner, plan.owner, manager] * 2
        assert history[-1].history_date < timezone.now()
    assert (
        SalesPlan.history.filter(status="rejected")
        .exclude(id__in=SalesPlan.objects.filter(status="rejected").values("pk"))
        .exists()
    )  # rejected once, then approved
    # Lines for the biggest accounts, within their plan's target.
    for plan in SalesPlan.objects.filter(targets__isnull=False).distinct():
        assert sum(t.target_amount for t in plan.targets.all()) <= plan.target_amount
        assert {t.account.owner for t in plan.targets.all()} == {plan.owner}
    # Targets near what was sold: a past quarter's attainment within a plausible range.
    for plan in approved.filter(quarter__isnull=False).exclude(
        year=current.year, quarter=current.quarter
    ):
        assert 70 <= plan_attainment(plan)["percent"] <= 130, plan

    # The funnel: every stage reached, stages skipped, lost deals with their reasons.
    opportunities = Opportunity.objects.all()
    assert set(opportunities.values_list("stage", flat=True)) == set(Stage.values)
    assert stage_mismatches(opportunities) == []
    assert broken_chains(opportunities) == []
    assert furthest_mismatches(opportunities) == []
    assert StageChange.objects.filter(changed_at__gt=timezone.now()).count() == 0
    skips = [
        change
        for change in StageChange.objects.exclude(to_stage=Stage.LOST).exclude(from_stage="")
        if STAGE_RANK[change.to_stage] - STAGE_RANK[change.from_stage] > 1
    ]
    assert skips
    assert not opportunities.filter(stage=Stage.LOST, lost_reason="").exists()
    assert not opportunities.filter(stage__in=CLOSED_STAGES, closed_on__isnull=True).exists()
    # The oldest deals began two years ago, and their history says so.
    oldest = opportunities.order_by("opened_on").first()
    assert (today - oldest.opened_on).days > 600
    assert oldest.history.earliest("history_date").history_date.date() <= oldest.opened_on
    # Won deals were ordered; prospects won nothing and ordered nothing.
    won = opportunities.filter(stage=Stage.WON)
    assert not won.filter(orders__isnull=True).exists()
    assert not Order.objects.filter(account__status="prospect").exists()
    assert not won.filter(account__status="prospect").exists()

    # Orders: mostly delivered on time, some late, a few cancelled, a few overdue now.
    orders = Order.objects.all()
    delivered = orders.filter(status="delivered")
    on_time = delivered.filter(delivered_on__lte=F("promised_on")).count()
    late = delivered.filter(delivered_on__gt=F("promised_on")).count()
    cancelled = orders.filter(status="cancelled").count()
    overdue = orders.overdue().count()
    assert 0.8 < on_time / delivered.count() < 0.95
    assert late > 10 and 5 <= cancelled < 0.1 * orders.count() and 3 <= overdue <= 30
    assert {"open", "in_production", "shipped", "partially_delivered"} <= set(
        orders.values_list("status", flat=True)
    )
    assert not orders.filter(ordered_on__gt=today).exists()
    assert not orders.filter(delivered_on__gt=today).exists()
    # An order's history is its life, dated from the day it was placed.
    shipped = Order.history.filter(status="shipped").values("id")
    order = delivered.filter(pk__in=shipped).order_by("number").first()
    history = list(order.history.order_by("history_date", "history_id"))
    assert [h.status for h in history][0] == "open" and history[-1].status == "delivered"
    assert history[0].history_date.date() == order.ordered_on
    assert history[-1].history_date.date() == order.delivered_on
    assert {h.history_user for h in history} == {order.owner}
    # Chinese companies' deals are named in Chinese.
    chinese = Opportunity.objects.filter(account__code__startswith="CN-")
    names = {name.rsplit(" ", 1)[0] for name in chinese.values_list("name", flat=True)}
    assert names <= set(sales_demo.OPPORTUNITY_NAMES["zh"])

    for model in MODELS:
        rows = list(model.objects.order_by("pk")[:40]) + list(model.objects.order_by("-pk")[:40])
        for obj in rows:
            obj.full_clean()
    for model in [Opportunity, Order]:
        rows = model.objects.select_related("account")[:200]
        assert [row.search_text for row in rows] == [document(*row.search_parts()) for row in rows]
    assert FUNNEL[-1] == Stage.WON


@pytest.mark.django_db
def test_large_seed_at_a_hundredth_of_the_size():
    out = StringIO()
    call_command("seed_demo", "--size", "large", "--scale", "0.01", stdout=out, no_color=True)
    first = counts()

    again = StringIO()
    call_command("seed_demo", "--size", "large", "--scale", "0.01", stdout=again, no_color=True)

    assert counts() == first
    assert again.getvalue().count("Benchmark sales data already exists; skipping it.") == 1
    lines = out.getvalue().splitlines()
    start = lines.index("Benchmark: opportunities and orders…")
    assert lines[start + 1] == "Benchmark: sales plans…"
    reps = list(demo_reps(LARGE))
    large_accounts = Account.objects.filter(owner__in=reps)
    opportunities = Opportunity.objects.filter(account__in=large_accounts)
    orders = Order.objects.filter(number__startswith=sales_demo.LARGE_ORDER_PREFIX)
    assert (opportunities.count(), orders.count()) == (1000, 10_000)
    assert SalesPlan.objects.filter(owner__in=reps).count() == 10 * 8
    assert not orders.exclude(account__in=large_accounts).exists()
    assert not orders.exclude(owner=F("account__owner")).exists()
    # Bulk rows skip clean(): the stage history and search documents are set anyway.
    assert stage_mismatches(opportunities) == []
    assert broken_chains(opportunities) == []
    assert furthest_mismatches(opportunities) == []
    assert not opportunities.filter(stage_changes__isnull=True).exists()
    # The orders went in with COPY: the database summed them by month all the same, and
    # the seed folded the months as the nightly job does.
    assert from_months() == from_orders()
    assert OrderMonth.objects.count() == len(from_months())
    for model, rows in [(Opportunity, opportunities), (Order, orders)]:
        sample = list(rows.select_related("account").order_by("pk")[:300])
        assert [row.search_text for row in sample] == [
            document(*row.search_parts()) for row in sample
        ], model.__name__
    # Won deals' orders are linked to them, on their own account.
    linked = orders.filter(opportunity__isnull=False)
    assert linked.exists()
    assert not linked.exclude(opportunity__account=F("account")).exists()
    assert not linked.exclude(opportunity__stage=Stage.WON).exists()
    statuses = set(orders.values_list("status", flat=True))
    assert {"delivered", "cancelled"} <= statuses and orders.overdue().exists()
    for model in MODELS:
        for obj in model.objects.order_by("-pk")[:50]:
            obj.full_clean()
