"""Attainment and funnel figures of duty 2, against numbers worked out by hand."""

import datetime as dt
from decimal import Decimal

import pytest

from kam.choices import Role
from kam.dates import Quarter
from sales_plans import selectors, services
from sales_plans.models import Opportunity
from tests import factories as f

pytestmark = pytest.mark.django_db

Q3 = Quarter(2026, 3)  # 1 July – 30 September 2026, in the company's calendar
D = Decimal


def order(account, day, amount, **kwargs):
    return f.OrderFactory(
        account=account, ordered_on=day, promised_on=day + dt.timedelta(days=30),
        amount=D(amount), **kwargs,
    )  # fmt: skip


@pytest.fixture
def plan_fixture(alice, bob):
    x = f.AccountFactory(owner=alice, name="X Castings")
    y = f.AccountFactory(owner=alice, name="Y Tools")
    z = f.AccountFactory(owner=alice, name="Z 精密机械")
    plan = f.SalesPlanFactory(
        owner=alice, year=2026, quarter=3, target_amount=D("500000"), status="approved",
        approved_by=bob, approved_at=dt.datetime(2026, 6, 28, tzinfo=dt.UTC),
    )  # fmt: skip
    f.PlanTargetFactory(plan=plan, account=x, target_amount=D("300000"))
    f.PlanTargetFactory(plan=plan, account=y, target_amount=D("100000"))
    order(x, dt.date(2026, 7, 1), "120000")  # the quarter's first day: counted
    order(x, dt.date(2026, 9, 30), "80000")  # its last day: counted
    order(x, dt.date(2026, 6, 30), "50000")  # the day before: not
    order(x, dt.date(2026, 8, 15), "70000", status="cancelled")  # cancelled: not
    order(x, dt.date(2026, 8, 16), "30000", owner=bob)  # the manager's own order: not hers
    order(y, dt.date(2026, 10, 1), "40000")  # the day after: not
    order(y, dt.date(2026, 8, 1), "60000")
    order(z, dt.date(2026, 8, 20), "25000")  # an account without a line
    return plan, x, y


def test_plan_attainment_counts_the_quarter_without_cancelled_orders(plan_fixture):
    plan, x, y = plan_fixture

    figures = selectors.plan_attainment(plan)

    assert (figures["target"], figures["actual"]) == (D("500000"), D("285000"))
    assert figures["percent"] == 57.0  # 285,000 ÷ 500,000
    assert [(line["account"], line["actual"], line["percent"]) for line in figures["lines"]] == [
        (x, D("200000"), 66.7),  # 120,000 + 80,000 of 300,000
        (y, D("60000"), 60.0),
    ]
    assert figures["other"] == D("25000")
    assert figures["through"] == dt.date(2026, 9, 30)  # the quarter is over


def test_plan_attainment_takes_two_queries(plan_fixture, django_assert_num_queries):
    plan = plan_fixture[0]
    plan.refresh_from_db()
    with django_assert_num_queries(2):  # orders by account; the lines with their accounts
        selectors.plan_attainment(plan)


def test_team_attainment_is_from_the_union_not_an_average(plan_fixture, alice, bob, team_a):
    ann = f.UserFactory(username="ann", role=Role.REP, team=team_a)
    dan = f.UserFactory(username="dan", role=Role.REP, team=team_a)
    f.SalesPlanFactory(
        owner=ann, year=2026, quarter=3, target_amount=D("200000"), status="approved",
        approved_by=bob, approved_at=dt.datetime(2026, 6, 28, tzinfo=dt.UTC),
    )  # fmt: skip
    f.SalesPlanFactory(owner=dan, year=2026, quarter=3, target_amount=D("100000"))  # a draft
    order(f.AccountFactory(owner=ann), dt.date(2026, 7, 15), "250000")
    order(f.AccountFactory(owner=dan), dt.date(2026, 7, 15), "10000")

    team = selectors.attainment(selectors.reps_of(bob, team=team_a), Q3)

    assert sorted((row["user"].username, row["target"], row["actual"], row["percent"])
                  for row in team["reps"]) == [
        ("alice", D("500000"), D("285000"), 57.0),
        ("ann", D("200000"), D("250000"), 125.0),
        ("dan", D("0"), D("10000"), None),  # no approved plan: no target, "no data"
    ]  # fmt: skip
    # (285,000 + 250,000 + 10,000) ÷ (500,000 + 200,000), not the mean of 57 % and 125 %.
    assert (team["target"], team["actual"], team["percent"]) == (D("700000"), D("545000"), 77.9)


def test_a_rep_reads_only_their_own_attainment(plan_fixture, alice, charlie):
    assert [row["user"] for row in selectors.attainment(selectors.reps_of(alice), Q3)["reps"]] == [
        alice
    ]
    assert selectors.reps_of(charlie, team=alice.team).count() == 0


# -- the funnel -----------------------------------------------------------------------------


def deal(owner, account, opened, amount, moves=(), **closing):
    """An opportunity opened on ``opened`` and moved through ``moves`` by the one service;
    the last move takes ``closing`` (closed_on, lost_reason)."""
    opportunity = services.opportunity_create(
        by=owner, account=account, name=f"Deal {amount}", amount=D(amount),
        opened_on=opened, expected_close_on=opened + dt.timedelta(days=60),
    )  # fmt: skip
    for index, stage in enumerate(moves):
        last = index == len(moves) - 1
        opportunity = services.opportunity_move(
            opportunity=opportunity, stage=stage, by=owner, **(closing if last else {})
        )
    return opportunity


@pytest.fixture
def funnel_fixture(alice, charlie):
    account = f.AccountFactory(owner=alice)
    # Opened in the quarter (the cohort):
    deal(
        alice,
        account,
        dt.date(2026, 7, 5),
        "100000",
        ("qualified", "proposal", "negotiation", "won"),
        closed_on=dt.date(2026, 8, 4),
    )  # 30 d
    deal(
        alice,
        account,
        dt.date(2026, 7, 10),
        "200000",
        ("proposal", "won"),
        closed_on=dt.date(2026, 8, 29),
    )  # skips qualified; 50 days
    deal(
        alice,
        account,
        dt.date(2026, 8, 1),
        "50000",
        ("qualified", "lost"),
        closed_on=dt.date(2026, 9, 10),
        lost_reason="Price",
    )
    deal(alice, account, dt.date(2026, 9, 1), "30000")  # still a lead
    # Opened before, lost within the quarter: in play and in the win rate, not the cohort.
    deal(
        alice,
        account,
        dt.date(2026, 6, 20),
        "80000",
        ("qualified", "lost"),
        closed_on=dt.date(2026, 7, 15),
        lost_reason="Lead time",
    )
    # Not in play: won before the quarter began; opened after it ended.
    deal(alice, account, dt.date(2026, 5, 1), "70000", ("won",), closed_on=dt.date(2026, 6, 30))
    deal(alice, account, dt.date(2026, 10, 5), "90000")
    # Another rep's deal: outside what Alice sees.
    deal(charlie, f.AccountFactory(owner=charlie), dt.date(2026, 7, 2), "999999",
         ("won",), closed_on=dt.date(2026, 7, 3))  # fmt: skip
    return account


def test_funnel_figures_by_hand(funnel_fixture, alice):
    figures = selectors.funnel(Opportunity.objects.visible_to(alice), Q3)

    assert [(row["stage"], row["count"], row["amount"]) for row in figures["stages"]] == [
        ("lead", 1, D("30000")),
        ("qualified", 0, D("0")),
        ("proposal", 0, D("0")),
        ("negotiation", 0, D("0")),
        ("won", 2, D("300000")),
        ("lost", 2, D("130000")),
    ]
    assert figures["cohort"] == 4
    assert [(row["stage"], row["reached"], row["rate"]) for row in figures["conversion"]] == [
        ("lead", 4, None),
        ("qualified", 3, 75.0),  # the skipper passed it on its way to proposal
        ("proposal", 2, 66.7),
        ("negotiation", 2, 100.0),
        ("won", 2, 100.0),
    ]
    assert (figures["won"], figures["lost"], figures["win_rate"]) == (2, 2, 50.0)
    assert figures["cycle_days"] == 40.0  # (30 + 50) ÷ 2
    # 4 deals × 150,000 mean won × 50 % ÷ 40 days
    assert figures["velocity"] == D("7500.00")


def test_funnel_of_an_empty_quarter_is_no_data(funnel_fixture, alice):
    figures = selectors.funnel(Opportunity.objects.visible_to(alice), Quarter(2025, 1))

    assert figures["cohort"] == 0
    assert [row["rate"] for row in figures["conversion"]] == [None] * 5
    assert (figures["win_rate"], figures["cycle_days"], figures["velocity"]) == (None, None, None)


def test_funnel_takes_four_queries(funnel_fixture, alice, django_assert_num_queries):
    with django_assert_num_queries(4):  # in play (open, closed), the cohort, the closed
        selectors.funnel(Opportunity.objects.visible_to(alice), Q3)


def test_the_board_shows_each_column_s_soonest_cards(alice, django_assert_num_queries):
    account = f.AccountFactory(owner=alice)
    today = dt.date(2026, 12, 1)
    leads = [
        f.OpportunityFactory(account=account, stage="lead", amount=D(10),
                             expected_close_on=today + dt.timedelta(days=days))
        for days in (30, 10, 20)
    ]  # fmt: skip
    proposal = f.OpportunityFactory(account=account, stage="proposal", amount=D(5))
    f.OpportunityFactory(account=account, stage="won", closed_on=today)  # not on the board

    with django_assert_num_queries(5):  # the totals, the cards of each of the four columns
        columns = selectors.board(Opportunity.objects.visible_to(alice), per_stage=2)

    assert [
        (c["stage"], c["count"], c["amount"], [card["pk"] for card in c["cards"]]) for c in columns
    ] == [
        ("lead", 3, D(30), [leads[1].pk, leads[2].pk]),  # the two closing soonest of three
        ("qualified", 0, D(0), []),
        ("proposal", 1, D(5), [proposal.pk]),
        ("negotiation", 0, D(0), []),
    ]
    assert columns[2]["cards"] == [
        {
            "pk": proposal.pk,
            "name": proposal.name,
            "stage": "proposal",
            "amount": D(5),
            "expected_close_on": proposal.expected_close_on,
            "owner_id": alice.pk,
            "account_name": account.name,
            "owner_name": alice.display_name,
        }
    ]


def test_deals_by_expected_close_read_the_same_whoever_reads(alice, executive):
    """An executive's order comes from the index, a rep's from a sort: the same deals."""
    account = f.AccountFactory(owner=alice)
    start = dt.date(2027, 1, 1)
    for days, name in ((20, "b"), (10, "a"), (20, "c"), (30, "d")):
        close = start + dt.timedelta(days=days)
        f.OpportunityFactory(account=account, name=name, expected_close_on=close)

    def names(user, **kwargs):
        deals = Opportunity.objects.visible_to(user).by_expected_close(user, **kwargs)
        return [deal.name for deal in deals]

    assert names(alice) == names(executive) == ["a", "b", "c", "d"]
    assert names(alice, descending=True) == names(executive, descending=True) == [
        "d", "c", "b", "a",
    ]  # fmt: skip
