"""The three rules of duty 2's services: plan approval, funnel moves, an order's life."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kam.errors import Conflict
from kam.models import Notification
from sales_plans import services
from sales_plans.choices import OrderStatus
from sales_plans.models import SalesPlan, StageChange
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(alice):
    return services.sales_plan_create(
        by=alice, year=2027, quarter=1, target_amount=Decimal("800000"), strategy="Grow"
    )


def test_a_plan_goes_draft_submitted_approved_and_tells_each_side(plan, alice, bob):
    services.sales_plan_submit(plan=plan, by=alice)
    assert Notification.objects.get(user=bob).kind == "sales_plans.plan_submitted"

    approved = services.sales_plan_approve(plan=plan, by=bob, comment="Go")

    assert (approved.status, approved.approved_by, approved.decision_comment) == (
        "approved", bob, "Go",
    )  # fmt: skip
    told = Notification.objects.get(user=alice)
    assert (told.kind, told.subject) == (
        "sales_plans.plan_decided", "KAM CRM: your sales plan for 2027 Q1 is approved",
    )  # fmt: skip


def test_a_rep_never_approves_their_own_plan(plan, alice):
    services.sales_plan_submit(plan=plan, by=alice)
    with pytest.raises(PermissionDenied):
        services.sales_plan_approve(plan=plan, by=alice)
    with pytest.raises(PermissionDenied):
        services.sales_plan_reject(plan=plan, by=alice, comment="no")
    assert SalesPlan.objects.get(pk=plan.pk).status == "submitted"


def test_a_manager_of_another_team_and_an_executive_do_not_decide(plan, alice, charlie, executive):
    services.sales_plan_submit(plan=plan, by=alice)
    other_manager = charlie.team.manager
    for user in (other_manager, executive):
        with pytest.raises(PermissionDenied):
            services.sales_plan_approve(plan=plan, by=user)


def test_a_manager_s_own_plan_is_not_theirs_to_approve(bob):
    own = services.sales_plan_create(by=bob, year=2027, quarter=1, target_amount=Decimal("1"))
    services.sales_plan_submit(plan=own, by=bob)
    with pytest.raises(PermissionDenied):
        services.sales_plan_approve(plan=own, by=bob)


def test_rejecting_needs_a_reason_and_the_rep_fixes_and_resubmits(plan, alice, bob):
    services.sales_plan_submit(plan=plan, by=alice)
    with pytest.raises(ValidationError) as error:
        services.sales_plan_reject(plan=plan, by=bob, comment="  ")
    assert error.value.message_dict == {
        "comment": ["Say why the plan is rejected, so it can be fixed."]
    }

    services.sales_plan_reject(plan=plan, by=bob, comment="Too low for Q1")
    services.sales_plan_update(plan=plan, by=alice, target_amount=Decimal("900000"))
    resubmitted = services.sales_plan_submit(plan=plan, by=alice)

    assert (resubmitted.status, resubmitted.target_amount) == ("submitted", Decimal("900000"))


@pytest.mark.parametrize(
    ("status", "action"),
    [
        ("draft", "approve"),
        ("draft", "reject"),
        ("draft", "revise"),
        ("submitted", "submit"),
        ("submitted", "update"),
        ("submitted", "revise"),
        ("approved", "submit"),
        ("approved", "approve"),
        ("approved", "reject"),
        ("approved", "update"),
        ("rejected", "approve"),
        ("rejected", "reject"),
        ("rejected", "revise"),
    ],
)
def test_what_a_plan_s_state_forbids_is_a_conflict(plan, alice, bob, status, action):
    SalesPlan.objects.filter(pk=plan.pk).update(
        status=status, approved_by=bob, approved_at=dt.datetime(2027, 1, 2, tzinfo=dt.UTC)
    )
    plan.refresh_from_db()
    calls = {
        "submit": lambda: services.sales_plan_submit(plan=plan, by=alice),
        "approve": lambda: services.sales_plan_approve(plan=plan, by=bob),
        "reject": lambda: services.sales_plan_reject(plan=plan, by=bob, comment="x"),
        "revise": lambda: services.sales_plan_revise(plan=plan, by=alice),
        "update": lambda: services.sales_plan_update(plan=plan, by=alice, strategy="New"),
    }
    with pytest.raises(Conflict):
        calls[action]()
    assert SalesPlan.objects.get(pk=plan.pk).status == status


def test_an_approved_plan_changes_through_a_revision_and_history_keeps_the_old(plan, alice, bob):
    services.sales_plan_submit(plan=plan, by=alice)
    services.sales_plan_approve(plan=plan, by=bob)

    revised = services.sales_plan_revise(plan=plan, by=alice)
    services.sales_plan_update(plan=revised, by=alice, target_amount=Decimal("950000"))
    services.sales_plan_submit(plan=revised, by=alice)
    services.sales_plan_approve(plan=revised, by=bob)

    plan.refresh_from_db()
    assert (plan.status, plan.revision, plan.target_amount) == (
        "approved", 2, Decimal("950000"),
    )  # fmt: skip
    approved_figures = [
        (row.revision, row.target_amount)
        for row in plan.history.filter(status="approved").order_by("history_date")
    ]
    assert approved_figures == [(1, Decimal("800000")), (2, Decimal("950000"))]


def test_only_a_never_approved_draft_is_deleted(plan, alice, bob):
    services.sales_plan_submit(plan=plan, by=alice)
    with pytest.raises(Conflict):
        services.sales_plan_delete(plan=plan, by=alice)
    draft = services.sales_plan_create(by=alice, year=2027, quarter=2, target_amount=Decimal(1))
    services.sales_plan_delete(plan=draft, by=alice)
    assert list(SalesPlan.objects.values_list("pk", flat=True)) == [plan.pk]


def test_account_lines_are_the_owner_s_accounts_within_the_target(plan, alice, charlie):
    mine = f.AccountFactory(owner=alice)
    with pytest.raises(ValidationError) as error:
        services.sales_plan_update(
            plan=plan, by=alice,
            targets=[{"account": f.AccountFactory(owner=charlie), "target_amount": "1"}],
        )  # fmt: skip
    assert error.value.message_dict == {
        "targets": ["A line's account must be one the plan's owner looks after."]
    }
    with pytest.raises(ValidationError) as error:
        services.sales_plan_update(
            plan=plan, by=alice, targets=[{"account": mine, "target_amount": "800000.01"}]
        )
    assert error.value.message_dict == {
        "targets": ["The account targets add up to more than the plan's target."]
    }

    services.sales_plan_update(plan=plan, by=alice, targets=[{"account": mine, "target_amount": 5}])
    services.sales_plan_update(plan=plan, by=alice, targets=[{"account": mine, "target_amount": 7}])
    assert list(plan.targets.values_list("account", "target_amount")) == [(mine.pk, Decimal(7))]


def test_two_plans_for_one_quarter_are_refused(plan, alice):
    with pytest.raises(ValidationError) as error:
        services.sales_plan_create(by=alice, year=2027, quarter=1, target_amount=Decimal(1))
    assert error.value.messages == ["You already have a plan for that quarter."]
    annual = services.sales_plan_create(by=alice, year=2027, target_amount=Decimal(1))
    assert annual.period == "2027"
    with pytest.raises(ValidationError):
        services.sales_plan_create(by=alice, year=2027, target_amount=Decimal(2))


# -- the funnel -----------------------------------------------------------------------------


def test_every_stage_move_is_recorded_once(alice, alice_account):
    deal = services.opportunity_create(
        by=alice, account=alice_account, name="Line 4", amount=Decimal("120000"),
        expected_close_on=dt.date(2027, 3, 1),
    )  # fmt: skip
    services.opportunity_move(opportunity=deal, stage="proposal", by=alice)
    services.opportunity_move(opportunity=deal, stage="proposal", by=alice)  # no move
    services.opportunity_update(opportunity=deal, by=alice, stage="won", amount=Decimal(1))

    deal.refresh_from_db()
    assert (deal.stage, deal.amount, deal.closed_on is not None) == ("won", Decimal(1), True)
    assert list(StageChange.objects.values_list("from_stage", "to_stage")) == [
        ("", "lead"), ("lead", "proposal"), ("proposal", "won"),
    ]  # fmt: skip


def test_a_lost_deal_says_why_and_reopening_clears_its_close(alice, alice_account):
    deal = f.OpportunityFactory(account=alice_account, opened_on=dt.date(2026, 10, 1))
    with pytest.raises(ValidationError) as error:
        services.opportunity_move(opportunity=deal, stage="lost", by=alice)
    assert error.value.message_dict == {"lost_reason": ["Say why the deal was lost."]}
    assert StageChange.objects.filter(opportunity=deal).count() == 1

    lost = services.opportunity_move(
        opportunity=deal,
        stage="lost",
        by=alice,
        lost_reason="Price",
        closed_on=dt.date(2026, 11, 2),
    )
    assert (lost.stage, lost.closed_on) == ("lost", dt.date(2026, 11, 2))
    reopened = services.opportunity_move(opportunity=deal, stage="negotiation", by=alice)
    assert (reopened.stage, reopened.closed_on) == ("negotiation", None)


def test_an_owner_must_see_the_account(alice_account, charlie, alice):
    with pytest.raises(ValidationError) as error:
        services.order_create(
            by=alice, owner=charlie, account=alice_account, number="SO-1",
            ordered_on=dt.date(2026, 11, 1), amount=Decimal(1), promised_on=dt.date(2026, 12, 1),
        )  # fmt: skip
    assert error.value.message_dict == {
        "owner": ["The owner must be someone who can see this account."]
    }


# -- an order's life ------------------------------------------------------------------------

FLOW = ["open", "in_production", "shipped", "partially_delivered", "delivered"]


def expected(current: str, target: str) -> bool:
    if current in ("delivered", "cancelled"):
        return False
    if target == "cancelled":
        return True
    return FLOW.index(target) > FLOW.index(current)


@pytest.mark.parametrize(
    ("current", "target"),
    [(a, b) for a, b in itertools.product(OrderStatus.values, repeat=2) if a != b],
)
def test_every_order_move_by_the_one_rule(alice_account, alice, current, target):
    order = f.OrderFactory(
        account=alice_account, status=current, ordered_on=dt.date(2026, 10, 1),
        delivered_on=dt.date(2026, 10, 20) if current == "delivered" else None,
    )  # fmt: skip
    move = lambda: services.order_transition(  # noqa: E731
        order=order, status=target, by=alice, delivered_on=dt.date(2026, 11, 3)
    )
    if expected(current, target):
        assert move().status == target
    else:
        with pytest.raises(Conflict):
            move()
        order.refresh_from_db()
        assert order.status == current


def test_delivered_needs_its_date_and_cancelled_keeps_the_row(alice_account, alice):
    order = f.OrderFactory(account=alice_account, ordered_on=dt.date(2026, 10, 1))
    with pytest.raises(ValidationError) as error:
        services.order_transition(order=order, status="delivered", by=alice)
    assert error.value.message_dict == {
        "delivered_on": ["A delivered order needs its delivery date."]
    }
    services.order_transition(order=order, status="cancelled", by=alice)
    order.refresh_from_db()
    assert order.status == "cancelled"
