"""The duty-2 REST API: the generic contract per resource, then the workflows."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kam.choices import Role
from kam.dates import company_today
from market_intel.models import Competitor
from sales_plans.models import Order, PlanTarget, SalesPlan, StageChange
from tests import factories as f
from tests.apitest import APIViewTests
from tests.support import api_client_for

pytestmark = pytest.mark.django_db

PLANS = reverse("sales-api:sales-plan-list")
OPPORTUNITIES = reverse("sales-api:opportunity-list")
ORDERS = reverse("sales-api:order-list")
NOT_YOURS = {"detail": "Your role may not change this record."}
NOT_FOUND = {"detail": "Not found."}


def plan_url(plan, action=None):
    if action:
        return reverse(f"sales-api:sales-plan-{action}", args=[plan.pk])
    return reverse("sales-api:sales-plan-detail", args=[plan.pk])


def opportunity_url(opportunity):
    return reverse("sales-api:opportunity-detail", args=[opportunity.pk])


def order_url(order):
    return reverse("sales-api:order-detail", args=[order.pk])


@pytest.fixture
def alice_records(alice_records):
    """Conftest's records of Alice's account, plus a plan, a deal and an order of hers."""
    account = alice_records["account"]
    plan = f.SalesPlanFactory(
        owner=account.owner,
        year=2025,
        quarter=2,
        target_amount=Decimal("1000000.00"),
        strategy="Win the Hangzhou foundry tender.",
    )
    f.PlanTargetFactory(plan=plan, account=account, target_amount=Decimal("100000.00"))
    opportunity = f.OpportunityFactory(
        account=account,
        name="Casting line upgrade",
        opened_on=dt.date(2025, 4, 1),
        expected_close_on=dt.date(2025, 9, 30),
    )
    order = f.OrderFactory(
        account=account,
        number="SO-HZ-0001",
        ordered_on=dt.date(2025, 5, 10),
        promised_on=dt.date(2025, 6, 10),
        opportunity=opportunity,
    )
    return {**alice_records, "sales_plan": plan, "opportunity": opportunity, "order": order}


def make_charlie_records(charlie):
    """Charlie's own plan, deal and order, which Alice must never see either."""
    account = f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")
    opportunity = f.OpportunityFactory(account=account, name="Chengdu press line")
    return {
        "account": account,
        "sales_plan": f.SalesPlanFactory(owner=charlie, year=2025, quarter=2),
        "opportunity": opportunity,
        "order": f.OrderFactory(account=account, number="SO-CD-0001"),
    }


@pytest.fixture
def charlie_records(charlie):
    return make_charlie_records(charlie)


class SalesAPIViewTests(APIViewTests):
    @pytest.fixture
    def charlie_records(self, charlie):
        return make_charlie_records(charlie)


class NoDeleteAPIViewTests(SalesAPIViewTests):
    """Opportunities and orders have no DELETE (405): the mixin's delete checks, adapted."""

    def test_other_team_gets_404_and_sees_nothing(self, alice_records, charlie_records, charlie):
        client = api_client_for(charlie)
        obj = self.alice_object(alice_records)
        assert client.get(self.detail_url(obj)).status_code == 404
        patched = client.patch(
            self.detail_url(obj), self.update_payload(alice_records), format="json"
        )
        assert (patched.status_code, patched.json()) == (404, NOT_FOUND)
        put = client.put(self.detail_url(obj), self.create_payload(alice_records), format="json")
        assert (put.status_code, put.json()) == (404, NOT_FOUND)
        assert client.delete(self.detail_url(obj)).status_code == 405
        assert obj.pk not in self.ids(client.get(self.list_url()))
        assert obj.pk not in self.ids(client.get(self.list_url(), {"search": self.search_term}))
        assert self.alice_object(charlie_records).pk in self.ids(client.get(self.list_url()))
        obj.refresh_from_db()

    def test_executive_reads_but_may_not_change(self, alice_records, executive):
        client = api_client_for(executive)
        obj = self.alice_object(alice_records)
        assert client.get(self.detail_url(obj)).status_code == 200
        assert obj.pk in self.ids(client.get(self.list_url()))
        response = client.patch(
            self.detail_url(obj), self.update_payload(alice_records), format="json"
        )
        assert (response.status_code, response.json()) == (403, NOT_YOURS)

    def test_nobody_deletes(self, alice_records, alice, bob):
        obj = self.alice_object(alice_records)
        for user in (alice, bob):
            response = api_client_for(user).delete(self.detail_url(obj))
            assert response.status_code == 405
            assert response.json() == {"detail": 'Method "DELETE" not allowed.'}
        obj.refresh_from_db()


class TestSalesPlanAPI(SalesAPIViewTests):
    url_name = "sales-api:sales-plan"
    record_key = "sales_plan"
    #: Savepoint, token, count, rows, their lines with accounts (one prefetch), release.
    list_queries = 6
    reference_field = "owner"
    invalid_payload = {"quarter": 5}
    invalid_field = "quarter"
    search_term = "Hangzhou"

    def create_payload(self, records):
        return {
            "year": 2027,
            "quarter": 1,
            "target_amount": "1200000.00",
            "strategy": "Second plant of Hangzhou Precision.",
            "targets": [{"account": records["account"].pk, "target_amount": "400000.00"}],
        }

    def expected_response(self, payload):
        if "targets" not in payload:
            return payload
        names = {
            "targets": [
                {**line, "account_name": "Hangzhou Precision Castings"}
                for line in payload["targets"]
            ]
        }
        return {**payload, **names, "status": "draft", "revision": 1}

    def update_payload(self, records):
        return {
            "strategy": "Win the tender, then the service contract.",
            "target_amount": "900000.00",
        }

    def test_update(self, alice_records, alice):
        plan = alice_records["sales_plan"]
        response = api_client_for(alice).patch(
            plan_url(plan), self.update_payload(alice_records), format="json"
        )
        assert response.status_code == 200, response.content
        body = response.json()
        assert (body["strategy"], body["target_amount"]) == (
            "Win the tender, then the service contract.",
            "900000.00",
        )
        # The per-account lines stay when ``targets`` is not sent.
        assert body["targets"] == [
            {
                "account": alice_records["account"].pk,
                "account_name": "Hangzhou Precision Castings",
                "target_amount": "100000.00",
            }
        ]

    def expected_alice_rows(self, records):
        return {records["sales_plan"].pk}

    def foreign_reference(self, charlie_records):
        return charlie_records["account"].owner_id

    def make_rows(self, owner, count):
        account = f.AccountFactory(owner=owner)
        for year in range(2001, 2001 + count):
            plan = f.SalesPlanFactory(owner=owner, year=year, quarter=1)
            f.PlanTargetFactory(plan=plan, account=account)


class TestOpportunityAPI(NoDeleteAPIViewTests):
    url_name = "sales-api:opportunity"
    record_key = "opportunity"
    list_queries = 5
    invalid_payload = {"stage": "signed"}
    invalid_field = "stage"
    search_term = "Hangzhou"

    def create_payload(self, records):
        return {
            "account": records["account"].pk,
            "name": "Second plant tooling",
            "stage": "qualified",
            "amount": "250000.00",
            "opened_on": "2025-03-01",
            "expected_close_on": "2027-03-31",
        }

    def update_payload(self, records):
        return {"amount": "300000.00", "stage": "proposal"}

    def expected_alice_rows(self, records):
        return {records["opportunity"].pk}

    def make_rows(self, owner, count):
        f.OpportunityFactory.create_batch(count, account=f.AccountFactory(owner=owner))


class TestOrderAPI(NoDeleteAPIViewTests):
    url_name = "sales-api:order"
    record_key = "order"
    list_queries = 5
    invalid_payload = {"status": "lost"}
    invalid_field = "status"
    search_term = "SO-HZ"

    def create_payload(self, records):
        return {
            "number": "SO-HZ-0042",
            "account": records["account"].pk,
            "ordered_on": "2025-11-02",
            "amount": "88000.00",
            "promised_on": "2025-12-20",
            "delivered_on": None,
            "status": "open",
            "opportunity": records["opportunity"].pk,
        }

    def update_payload(self, records):
        return {"status": "in_production", "promised_on": "2025-06-20"}

    def expected_alice_rows(self, records):
        return {records["order"].pk}

    def make_rows(self, owner, count):
        account = f.AccountFactory(owner=owner)
        opportunity = f.OpportunityFactory(account=account)
        f.OrderFactory.create_batch(count, account=account, opportunity=opportunity)


# --- sales plans: the approval state machine -----------------------------------------------


@pytest.fixture
def other_manager(db):
    """The manager of another team (North), with a rep of his own."""
    mona = f.UserFactory(username="mona", role=Role.MANAGER)
    f.UserFactory(username="nick", role=Role.REP, team=f.TeamFactory(name="North", manager=mona))
    return mona


def make_plan(owner, status, *, approver=None, **kwargs):
    """A plan of ``owner`` already in ``status`` (as the services would have left it)."""
    fields = {"status": status, "year": 2025, "quarter": 3, **kwargs}
    if status != "draft":
        fields["submitted_at"] = timezone.now() - dt.timedelta(days=2)
    if status == "approved":
        fields.update(approved_by=approver, approved_at=timezone.now() - dt.timedelta(days=1))
    return f.SalesPlanFactory(owner=owner, **fields)


#: (status before, action, actor) → (HTTP status, status after). Actors: the plan's owner
#: (alice) submits and revises, her manager (bob) decides.
TRANSITIONS = [
    ("draft", "submit", 200, "submitted"),
    ("draft", "approve", 409, "draft"),
    ("draft", "reject", 409, "draft"),
    ("draft", "revise", 409, "draft"),
    ("submitted", "submit", 409, "submitted"),
    ("submitted", "approve", 200, "approved"),
    ("submitted", "reject", 200, "rejected"),
    ("submitted", "revise", 409, "submitted"),
    ("approved", "submit", 409, "approved"),
    ("approved", "approve", 409, "approved"),
    ("approved", "reject", 409, "approved"),
    ("approved", "revise", 200, "draft"),
    ("rejected", "submit", 200, "submitted"),
    ("rejected", "approve", 409, "rejected"),
    ("rejected", "reject", 409, "rejected"),
    ("rejected", "revise", 409, "rejected"),
]
CONFLICTS = {
    "submit": "Only a draft or rejected plan can be submitted.",
    "approve": "Only a submitted plan can be approved or rejected.",
    "reject": "Only a submitted plan can be approved or rejected.",
    "revise": "Only an approved plan is revised; edit a draft directly.",
}


@pytest.mark.parametrize(("before", "action", "code", "after"), TRANSITIONS)
def test_every_transition_of_a_plan(alice, bob, before, action, code, after):
    plan = make_plan(alice, before, approver=bob)
    actor = bob if action in ("approve", "reject") else alice
    body = {"comment": "Too low for the East."} if action == "reject" else {}

    response = api_client_for(actor).post(plan_url(plan, action), body, format="json")

    assert response.status_code == code, response.content
    plan.refresh_from_db()
    assert plan.status == after
    if code == 409:
        assert response.json() == {"detail": CONFLICTS[action]}
    else:
        assert response.json()["status"] == after
        assert response.json()["revision"] == (2 if action == "revise" else 1)


@pytest.mark.parametrize(
    ("status", "code"), [("draft", 200), ("submitted", 409), ("approved", 409), ("rejected", 200)]
)
def test_plan_changes_only_in_draft_or_rejected(alice, bob, status, code):
    plan = make_plan(alice, status, approver=bob)

    response = api_client_for(alice).patch(
        plan_url(plan), {"target_amount": "750000.00"}, format="json"
    )

    assert response.status_code == code, response.content
    plan.refresh_from_db()
    if code == 200:
        assert plan.target_amount == Decimal("750000.00")
    else:
        assert plan.target_amount == Decimal("1000000.00")
        assert response.json() == {
            "detail": "An approved plan changes through a revision."
            if status == "approved"
            else "A submitted plan waits for its decision; it cannot change meanwhile."
        }


@pytest.mark.parametrize(
    ("status", "revision", "code"),
    [
        ("draft", 1, 204),
        ("draft", 2, 409),
        ("submitted", 1, 409),
        ("approved", 1, 409),
        ("rejected", 1, 409),
    ],
)
def test_only_a_never_approved_draft_is_deleted(alice, bob, status, revision, code):
    plan = make_plan(alice, status, approver=bob, revision=revision)
    f.PlanTargetFactory(plan=plan)

    response = api_client_for(alice).delete(plan_url(plan))

    assert response.status_code == code
    assert SalesPlan.objects.filter(pk=plan.pk).exists() is (code == 409)
    if code == 409:
        assert response.json() == {"detail": "Only a draft that was never approved can be deleted."}
    else:
        assert not PlanTarget.objects.filter(plan_id=plan.pk).exists()


def test_rep_submits_own_plan_and_her_manager_is_told(alice, bob):
    plan = make_plan(alice, "draft")

    response = api_client_for(alice).post(plan_url(plan, "submit"))

    assert response.status_code == 200
    plan.refresh_from_db()
    assert (plan.status, response.json()["submitted_at"] is not None) == ("submitted", True)
    assert [n.kind for n in bob.notifications.all()] == ["sales_plans.plan_submitted"]


def test_only_the_owner_submits_or_revises(alice, bob):
    draft = make_plan(alice, "draft")
    approved = make_plan(alice, "approved", approver=bob, quarter=4)
    client = api_client_for(bob)

    for plan, action in ((draft, "submit"), (approved, "revise")):
        response = client.post(plan_url(plan, action))
        assert (response.status_code, response.json()) == (
            403,
            {"detail": "Only the plan's owner may do this."},
        )
    assert [SalesPlan.objects.get(pk=p.pk).status for p in (draft, approved)] == [
        "draft",
        "approved",
    ]


def test_rep_may_not_decide_on_own_plan(alice):
    plan = make_plan(alice, "submitted")
    client = api_client_for(alice)

    for action, body in (("approve", {}), ("reject", {"comment": "Meh."})):
        response = client.post(plan_url(plan, action), body, format="json")
        assert (response.status_code, response.json()) == (
            403,
            {"detail": "A plan is approved by its owner's manager, never by its owner."},
        )
    plan.refresh_from_db()
    assert (plan.status, plan.approved_by) == ("submitted", None)


def test_manager_approves_with_a_comment(alice, bob):
    plan = make_plan(alice, "submitted")

    response = api_client_for(bob).post(
        plan_url(plan, "approve"), {"comment": "  Go for it.  "}, format="json"
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["approved_by"], body["decision_comment"]) == (
        "approved",
        bob.pk,
        "Go for it.",
    )
    plan.refresh_from_db()
    assert (plan.approved_by, plan.approved_at is not None) == (bob, True)
    assert [n.kind for n in alice.notifications.all()] == ["sales_plans.plan_decided"]


def test_reject_needs_a_comment(alice, bob):
    plan = make_plan(alice, "submitted")
    client = api_client_for(bob)

    missing = client.post(plan_url(plan, "reject"), {}, format="json")
    blank = client.post(plan_url(plan, "reject"), {"comment": "   "}, format="json")

    assert (missing.status_code, missing.json()) == (400, {"comment": ["This field is required."]})
    assert (blank.status_code, blank.json()) == (400, {"comment": ["This field may not be blank."]})
    plan.refresh_from_db()
    assert plan.status == "submitted"

    rejected = client.post(plan_url(plan, "reject"), {"comment": "Aim higher."}, format="json")
    assert rejected.status_code == 200
    assert (rejected.json()["status"], rejected.json()["decision_comment"]) == (
        "rejected",
        "Aim higher.",
    )


def test_rejected_plan_is_fixed_and_submitted_again(alice, bob):
    plan = make_plan(alice, "rejected", decision_comment="Aim higher.")
    client = api_client_for(alice)

    fixed = client.patch(plan_url(plan), {"target_amount": "1500000.00"}, format="json")
    submitted = client.post(plan_url(plan, "submit"))
    approved = api_client_for(bob).post(plan_url(plan, "approve"), {}, format="json")

    assert [fixed.status_code, submitted.status_code, approved.status_code] == [200, 200, 200]
    assert (approved.json()["status"], approved.json()["target_amount"]) == (
        "approved",
        "1500000.00",
    )
    assert approved.json()["revision"] == 1


def test_revise_then_approve_again_keeps_the_old_figures(alice, bob):
    plan = make_plan(alice, "approved", approver=bob, target_amount=Decimal("1000000.00"))
    alice_client, bob_client = api_client_for(alice), api_client_for(bob)

    revised = alice_client.post(plan_url(plan, "revise"))
    assert revised.status_code == 200
    assert {
        key: revised.json()[key]
        for key in ("status", "revision", "approved_by", "approved_at", "submitted_at")
    } == {
        "status": "draft",
        "revision": 2,
        "approved_by": None,
        "approved_at": None,
        "submitted_at": None,
    }
    assert (
        alice_client.patch(
            plan_url(plan), {"target_amount": "1200000.00"}, format="json"
        ).status_code
        == 200
    )
    assert alice_client.post(plan_url(plan, "submit")).status_code == 200
    again = bob_client.post(plan_url(plan, "approve"), {"comment": "Better."}, format="json")

    assert again.status_code == 200
    assert (again.json()["status"], again.json()["revision"], again.json()["target_amount"]) == (
        "approved",
        2,
        "1200000.00",
    )
    assert [
        (h.revision, h.status, h.target_amount) for h in plan.history.order_by("history_id")
    ] == [
        (1, "approved", Decimal("1000000.00")),
        (2, "draft", Decimal("1000000.00")),
        (2, "draft", Decimal("1200000.00")),
        (2, "submitted", Decimal("1200000.00")),
        (2, "approved", Decimal("1200000.00")),
    ]


def test_another_teams_manager_gets_404_everywhere(alice, other_manager):
    plan = make_plan(alice, "submitted")
    client = api_client_for(other_manager)

    assert client.get(plan_url(plan)).status_code == 404
    for action in ("submit", "approve", "reject", "revise"):
        response = client.post(plan_url(plan, action), {"comment": "No."}, format="json")
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert client.patch(plan_url(plan), {"strategy": "Mine"}, format="json").status_code == 404
    assert client.delete(plan_url(plan)).status_code == 404
    assert plan.pk not in {row["id"] for row in client.get(PLANS).json()["results"]}
    plan.refresh_from_db()
    assert (plan.status, plan.strategy) == (
        "submitted",
        "Grow the strategic accounts; win back the lapsed ones.",
    )


@pytest.mark.parametrize("persona", ["charlie", "dept_user"])
def test_outsiders_get_404_on_every_detail_and_action(alice, persona, request):
    plan = make_plan(alice, "submitted")
    client = api_client_for(request.getfixturevalue(persona))

    assert client.get(plan_url(plan)).json() == NOT_FOUND
    for action in ("submit", "approve", "reject", "revise"):
        response = client.post(plan_url(plan, action), {"comment": "No."}, format="json")
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    plan.refresh_from_db()
    assert plan.status == "submitted"


def test_executive_reads_plans_but_takes_no_action(alice, executive):
    plan = make_plan(alice, "submitted")
    client = api_client_for(executive)

    assert client.get(plan_url(plan)).json()["id"] == plan.pk
    for action in ("submit", "approve", "reject", "revise"):
        response = client.post(plan_url(plan, action), {"comment": "Fine."}, format="json")
        assert (response.status_code, response.json()) == (403, NOT_YOURS)
    plan.refresh_from_db()
    assert plan.status == "submitted"


def test_anonymous_gets_401_on_actions(alice):
    plan = make_plan(alice, "submitted")
    client = api_client_for(None)

    for action in ("submit", "approve", "reject", "revise"):
        assert client.post(plan_url(plan, action)).status_code == 401
    assert client.delete(plan_url(plan)).status_code == 401


# --- sales plans: targets, attainment, uniqueness, filters ----------------------------------


def test_plan_targets_are_validated(alice_records, charlie_records, alice):
    account = alice_records["account"]
    client = api_client_for(alice)
    base = {"year": 2026, "quarter": 1, "target_amount": "100000.00"}

    def post(targets):
        return client.post(PLANS, {**base, "targets": targets}, format="json")

    foreign_pk = charlie_records["account"].pk
    foreign = post([{"account": foreign_pk, "target_amount": "1.00"}])
    too_much = post([{"account": account.pk, "target_amount": "100000.01"}])
    twice = post([{"account": account.pk, "target_amount": "1.00"}] * 2)

    # Charlie's account answers like one that does not exist.
    assert (foreign.status_code, foreign.json()) == (
        400,
        {"targets": {"0": {"account": [f'Invalid pk "{foreign_pk}" - object does not exist.']}}},
    )
    assert (too_much.status_code, too_much.json()) == (
        400,
        {"targets": ["The account targets add up to more than the plan's target."]},
    )
    assert (twice.status_code, twice.json()) == (
        400,
        {"targets": ["Each account may have one line only."]},
    )
    assert not SalesPlan.objects.filter(year=2026).exists()


def test_sending_targets_replaces_the_lines(alice_records, alice):
    plan = alice_records["sales_plan"]
    other = f.AccountFactory(owner=alice, name="Ningbo Valve Works")
    client = api_client_for(alice)

    replaced = client.patch(
        plan_url(plan), {"targets": [{"account": other.pk, "target_amount": "5.00"}]}, format="json"
    )
    assert replaced.json()["targets"] == [
        {"account": other.pk, "account_name": "Ningbo Valve Works", "target_amount": "5.00"}
    ]
    emptied = client.patch(plan_url(plan), {"targets": []}, format="json")
    assert emptied.json()["targets"] == []
    assert not PlanTarget.objects.filter(plan=plan).exists()


def test_a_second_plan_for_the_quarter_is_400(alice_records, alice):
    response = api_client_for(alice).post(
        PLANS, {"year": 2025, "quarter": 2, "target_amount": "1.00"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"__all__": ["You already have a plan for that quarter."]}


def test_plan_detail_shows_attainment_and_the_list_does_not(alice_records, alice):
    plan, account = alice_records["sales_plan"], alice_records["account"]
    other = f.AccountFactory(owner=alice, name="Ningbo Valve Works")
    f.OrderFactory(account=other, ordered_on=dt.date(2025, 6, 30), amount=Decimal("40000.00"))
    f.OrderFactory(account=account, ordered_on=dt.date(2025, 7, 1), amount=Decimal("99.00"))
    f.OrderFactory(
        account=account, ordered_on=dt.date(2025, 4, 2), amount=Decimal("7.00"), status="cancelled"
    )
    client = api_client_for(alice)

    detail = client.get(plan_url(plan)).json()
    rows = client.get(PLANS).json()["results"]

    # Alice's order SO-HZ-0001 (10,000 on 2025-05-10) and Ningbo's; not July's, not cancelled.
    assert detail["attainment"] == {
        "target": "1000000.00",
        "actual": "50000.00",
        "percent": 5.0,
        "lines": [
            {
                "account": account.pk,
                "account_name": "Hangzhou Precision Castings",
                "target": "100000.00",
                "actual": "10000.00",
                "percent": 10.0,
            }
        ],
        "other": "40000.00",
        "through": "2025-06-30",
    }
    assert [row["id"] for row in rows] == [plan.pk]
    assert "attainment" not in rows[0]
    assert rows[0]["period"] == "2025 Q2"


def test_plan_filters(alice, bob, team_a):
    alan = f.UserFactory(username="alan", role=Role.REP, team=team_a)
    q1 = make_plan(alice, "draft", quarter=1)
    q2 = make_plan(alice, "approved", approver=bob, quarter=2)
    annual = make_plan(alice, "submitted", quarter=None)
    other_year = make_plan(alice, "draft", year=2024, quarter=1)
    alans = make_plan(alan, "submitted", quarter=1)
    client = api_client_for(bob)

    def ids(**params):
        response = client.get(PLANS, params)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids() == [q2.pk, q1.pk, alans.pk, annual.pk, other_year.pk]
    assert set(ids(year=2025)) == {q1.pk, q2.pk, annual.pk, alans.pk}
    assert set(ids(quarter=1)) == {q1.pk, other_year.pk, alans.pk}
    assert ids(annual="true") == [annual.pk]
    assert set(ids(status=["submitted", "approved"])) == {q2.pk, annual.pk, alans.pk}
    assert ids(owner=alan.pk) == [alans.pk]
    assert ids(ordering="target_amount", owner=alan.pk) == [alans.pk]
    assert client.get(PLANS, {"quarter": 5}).status_code == 400
    unknown = client.get(PLANS, {"state": "draft"})
    assert unknown.status_code == 400
    assert list(unknown.json()) == ["state"]


def test_plan_detail_query_count(alice_records, alice, django_assert_num_queries):
    client = api_client_for(alice)
    url = plan_url(alice_records["sales_plan"])
    client.get(url)
    # Savepoint, token, the plan, its lines (prefetch), attainment's orders by account and
    # its lines, release.
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


# --- opportunities: moves through the funnel ------------------------------------------------


def test_a_new_stage_writes_exactly_one_stage_change(alice_records, alice):
    opportunity = alice_records["opportunity"]
    before = set(StageChange.objects.values_list("pk", flat=True))

    response = api_client_for(alice).patch(
        opportunity_url(opportunity), {"stage": "proposal"}, format="json"
    )

    assert response.status_code == 200
    new = StageChange.objects.exclude(pk__in=before)
    assert [(c.opportunity_id, c.from_stage, c.to_stage, c.changed_by) for c in new] == [
        (opportunity.pk, "lead", "proposal", alice)
    ]
    assert [
        (c["from_stage"], c["to_stage"], c["changed_by"]) for c in response.json()["stage_changes"]
    ] == [("", "lead", alice.pk), ("lead", "proposal", alice.pk)]
    assert response.json()["closed_on"] is None


def test_the_same_stage_writes_no_stage_change(alice_records, alice):
    opportunity = alice_records["opportunity"]

    response = api_client_for(alice).patch(
        opportunity_url(opportunity), {"stage": "lead", "amount": "61000.00"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["amount"] == "61000.00"
    assert StageChange.objects.filter(opportunity=opportunity).count() == 1


def test_won_closes_the_deal_and_reopening_clears_the_date(alice_records, alice):
    opportunity = alice_records["opportunity"]
    client = api_client_for(alice)

    won = client.patch(opportunity_url(opportunity), {"stage": "won"}, format="json")
    assert (won.status_code, won.json()["closed_on"]) == (200, company_today().isoformat())

    reopened = client.patch(opportunity_url(opportunity), {"stage": "negotiation"}, format="json")
    assert (reopened.status_code, reopened.json()["closed_on"]) == (200, None)
    assert list(
        StageChange.objects.filter(opportunity=opportunity).values_list("from_stage", "to_stage")
    ) == [("", "lead"), ("lead", "won"), ("won", "negotiation")]


def test_lost_needs_a_reason(alice_records, alice):
    opportunity = alice_records["opportunity"]
    client = api_client_for(alice)

    refused = client.patch(opportunity_url(opportunity), {"stage": "lost"}, format="json")

    assert (refused.status_code, refused.json()) == (
        400,
        {"lost_reason": ["Say why the deal was lost."]},
    )
    opportunity.refresh_from_db()
    assert (opportunity.stage, opportunity.closed_on) == ("lead", None)
    assert StageChange.objects.filter(opportunity=opportunity).count() == 1

    lost = client.patch(
        opportunity_url(opportunity),
        {"stage": "lost", "lost_reason": "Competitor cut prices by 12 %."},
        format="json",
    )
    assert lost.status_code == 200
    assert (lost.json()["stage"], lost.json()["lost_reason"], lost.json()["closed_on"]) == (
        "lost",
        "Competitor cut prices by 12 %.",
        company_today().isoformat(),
    )


def test_a_deal_lost_to_a_competitor_names_it(alice_records, alice):
    """``competitor`` (DESIGN.md) links a deal to the competitor's page, which lists it."""
    acme = Competitor.objects.create(name="Acme Foundry")
    opportunity = alice_records["opportunity"]
    client = api_client_for(alice)

    lost = client.patch(
        opportunity_url(opportunity),
        {"stage": "lost", "lost_reason": "Price.", "competitor": acme.pk},
        format="json",
    )

    assert (lost.status_code, lost.json()["competitor"]) == (200, acme.pk)
    assert list(acme.opportunities.all()) == [opportunity]
    unknown = client.patch(opportunity_url(opportunity), {"competitor": 10**9}, format="json")
    assert unknown.status_code == 400 and list(unknown.json()) == ["competitor"]


def test_new_opportunity_records_its_first_stage(alice_records, alice):
    response = api_client_for(alice).post(
        OPPORTUNITIES,
        {
            "account": alice_records["account"].pk,
            "name": "Spare parts",
            "expected_close_on": "2027-01-31",
        },
        format="json",
    )

    assert response.status_code == 201
    assert (response.json()["owner"], response.json()["stage"]) == (alice.pk, "lead")
    assert [(c["from_stage"], c["to_stage"]) for c in response.json()["stage_changes"]] == [
        ("", "lead")
    ]


def test_opportunity_filters(alice_records, alice):
    lead = alice_records["opportunity"]  # expected to close 2025-09-30
    account = alice_records["account"]
    won = f.OpportunityFactory(
        account=account,
        stage="won",
        closed_on=dt.date(2025, 5, 5),
        opened_on=dt.date(2025, 1, 1),
        expected_close_on=dt.date(2025, 5, 1),
    )
    later = f.OpportunityFactory(account=account, expected_close_on=dt.date(2026, 2, 1))
    client = api_client_for(alice)

    def ids(**params):
        response = client.get(OPPORTUNITIES, params)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids() == [won.pk, lead.pk, later.pk]
    assert ids(stage="lead") == [lead.pk, later.pk]
    assert ids(expected_close_after="2025-06-01", expected_close_before="2025-12-31") == [lead.pk]
    assert ids(closed_after="2025-05-01") == [won.pk]
    assert ids(ordering="-expected_close_on") == [later.pk, lead.pk, won.pk]
    assert "stage_changes" not in client.get(OPPORTUNITIES).json()["results"][0]
    assert client.get(OPPORTUNITIES, {"stage": "signed"}).status_code == 400


def test_opportunity_detail_query_count(alice_records, alice, django_assert_num_queries):
    client = api_client_for(alice)
    url = opportunity_url(alice_records["opportunity"])
    client.get(url)
    # Savepoint, token, the opportunity with its account, its stage changes, release.
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200


# --- orders ---------------------------------------------------------------------------------


def order_payload(account, **extra):
    return {
        "number": "SO-HZ-0100",
        "account": account.pk,
        "ordered_on": "2025-06-01",
        "amount": "12000.00",
        "promised_on": "2025-07-01",
        **extra,
    }


def test_order_owner_defaults_to_the_requester(alice_records, alice, bob):
    account = alice_records["account"]

    mine = api_client_for(alice).post(ORDERS, order_payload(account), format="json")
    for_alice = api_client_for(bob).post(
        ORDERS, order_payload(account, number="SO-HZ-0101", owner=alice.pk), format="json"
    )
    bobs = api_client_for(bob).post(ORDERS, order_payload(account, number="SO-HZ-0102"))
    to_bob = api_client_for(alice).post(
        ORDERS, order_payload(account, number="SO-HZ-0103", owner=bob.pk), format="json"
    )

    assert [r.status_code for r in (mine, for_alice, bobs)] == [201, 201, 201]
    assert [r.json()["owner"] for r in (mine, for_alice, bobs)] == [alice.pk, alice.pk, bob.pk]
    assert (to_bob.status_code, list(to_bob.json())) == (400, ["owner"])
    assert not Order.objects.filter(number="SO-HZ-0103").exists()


def test_duplicate_order_number_is_400_on_the_field(alice_records, alice):
    account = alice_records["account"]
    client = api_client_for(alice)
    message = {"number": ["An order with this number exists already."]}

    created = client.post(ORDERS, order_payload(account, number=" SO-HZ-0001 "), format="json")
    other = client.post(ORDERS, order_payload(account), format="json")
    renamed = client.patch(
        order_url(Order.objects.get(number="SO-HZ-0100")), {"number": "SO-HZ-0001"}, format="json"
    )

    assert (created.status_code, created.json()) == (400, message)
    assert other.status_code == 201
    assert (renamed.status_code, renamed.json()) == (400, message)


@pytest.mark.parametrize(
    ("before", "after", "allowed"),
    [
        ("shipped", "open", ["partially_delivered", "delivered", "cancelled"]),
        ("in_production", "open", ["shipped", "partially_delivered", "delivered", "cancelled"]),
        ("delivered", "cancelled", []),
        ("cancelled", "open", []),
    ],
)
def test_illegal_order_transition_is_409(alice_records, alice, before, after, allowed):
    order = alice_records["order"]
    delivered_on = dt.date(2025, 6, 1) if before == "delivered" else None
    Order.objects.filter(pk=order.pk).update(status=before, delivered_on=delivered_on)

    response = api_client_for(alice).patch(order_url(order), {"status": after}, format="json")

    labels = {
        "open": "Open",
        "shipped": "Shipped",
        "in_production": "In production",
        "delivered": "Delivered",
        "cancelled": "Cancelled",
    }
    assert response.status_code == 409
    assert response.json() == {
        "detail": f"An order that is {labels[before]} cannot become {labels[after]}.",
        "allowed": allowed,
    }
    order.refresh_from_db()
    assert order.status == before


def test_delivered_needs_its_date(alice_records, alice):
    order = alice_records["order"]
    client = api_client_for(alice)

    refused = client.patch(order_url(order), {"status": "delivered"}, format="json")
    assert (refused.status_code, refused.json()) == (
        400,
        {"delivered_on": ["A delivered order needs its delivery date."]},
    )
    order.refresh_from_db()
    assert order.status == "open"

    delivered = client.patch(
        order_url(order), {"status": "delivered", "delivered_on": "2025-06-08"}, format="json"
    )
    assert delivered.status_code == 200
    assert {k: delivered.json()[k] for k in ("status", "delivered_on", "is_overdue")} == {
        "status": "delivered",
        "delivered_on": "2025-06-08",
        "is_overdue": False,
    }


def test_order_moves_forward_skipping_and_is_cancelled(alice_records, alice):
    order = alice_records["order"]
    client = api_client_for(alice)

    shipped = client.patch(order_url(order), {"status": "shipped"}, format="json")
    cancelled = client.patch(order_url(order), {"status": "cancelled"}, format="json")

    assert (shipped.status_code, shipped.json()["status"]) == (200, "shipped")
    assert (cancelled.status_code, cancelled.json()["status"]) == (200, "cancelled")
    assert [h.status for h in order.history.order_by("history_id")] == [
        "open",
        "shipped",
        "cancelled",
    ]


def test_order_opportunity_must_be_of_its_account(alice_records, alice, charlie_records):
    other = f.OpportunityFactory(account=f.AccountFactory(owner=alice))
    client = api_client_for(alice)

    mismatched = client.post(
        ORDERS, order_payload(alice_records["account"], opportunity=other.pk), format="json"
    )
    foreign = client.post(
        ORDERS,
        order_payload(alice_records["account"], opportunity=charlie_records["opportunity"].pk),
        format="json",
    )

    assert (mismatched.status_code, mismatched.json()) == (
        400,
        {"opportunity": ["The opportunity must belong to this account."]},
    )
    assert (foreign.status_code, list(foreign.json())) == (400, ["opportunity"])


@pytest.fixture
def orders(alice_records):
    """Alice's orders: SO-HZ-0001 (ordered 2025-05-10, promised 2025-06-10, open) and these."""
    account = alice_records["account"]
    today = company_today()

    def order(number, ordered_on, promised_on, status="open", delivered_on=None):
        return f.OrderFactory(
            account=account,
            number=number,
            ordered_on=ordered_on,
            promised_on=promised_on,
            status=status,
            delivered_on=delivered_on,
        )

    return {
        "old_open": alice_records["order"],
        "delivered": order(
            "SO-HZ-0002",
            dt.date(2025, 5, 20),
            dt.date(2025, 6, 1),
            "delivered",
            dt.date(2025, 6, 1),
        ),
        "cancelled": order("SO-HZ-0003", dt.date(2025, 6, 2), dt.date(2025, 6, 5), "cancelled"),
        "late_shipped": order("SO-HZ-0004", dt.date(2025, 7, 1), dt.date(2025, 7, 15), "shipped"),
        "future": order("SO-HZ-0005", today, today + dt.timedelta(days=30), "in_production"),
    }


def test_order_filters(orders, alice):
    client = api_client_for(alice)

    def numbers(**params):
        response = client.get(ORDERS, params)
        assert response.status_code == 200, response.content
        return [row["number"] for row in response.json()["results"]]

    assert numbers() == ["SO-HZ-0005", "SO-HZ-0004", "SO-HZ-0003", "SO-HZ-0002", "SO-HZ-0001"]
    assert numbers(ordered_after="2025-05-15", ordered_before="2025-07-01") == [
        "SO-HZ-0004",
        "SO-HZ-0003",
        "SO-HZ-0002",
    ]
    assert numbers(promised_before="2025-06-05") == ["SO-HZ-0003", "SO-HZ-0002"]
    assert numbers(status=["shipped", "cancelled"]) == ["SO-HZ-0004", "SO-HZ-0003"]
    assert numbers(overdue="true") == ["SO-HZ-0004", "SO-HZ-0001"]
    assert numbers(overdue="false") == ["SO-HZ-0005", "SO-HZ-0003", "SO-HZ-0002"]
    assert numbers(delivered_after="2025-06-01") == ["SO-HZ-0002"]
    assert numbers(q="hz-0004") == ["SO-HZ-0004"]
    assert numbers(ordering="promised_on")[:2] == ["SO-HZ-0002", "SO-HZ-0003"]
    assert set(numbers(overdue="true")) == {
        o.number for o in Order.objects.overdue() if o.account_id == orders["old_open"].account_id
    }
    rows = client.get(ORDERS, {"overdue": "true"}).json()["results"]
    assert [row["is_overdue"] for row in rows] == [True, True]


def test_bad_order_list_parameters_are_400(orders, alice, charlie_records):
    client = api_client_for(alice)

    unknown = client.get(ORDERS, {"overdue_only": "1"})
    assert unknown.status_code == 400
    assert list(unknown.json()) == ["overdue_only"]
    assert unknown.json()["overdue_only"][0].startswith("Unknown query parameter. Accepted: ")
    assert client.get(ORDERS, {"ordered_after": "last week"}).status_code == 400
    assert client.get(ORDERS, {"status": "lost"}).status_code == 400
    # Charlie's account answers like one that does not exist.
    foreign = client.get(ORDERS, {"account": charlie_records["account"].pk})
    missing = client.get(ORDERS, {"account": 10**12})
    assert foreign.status_code == missing.status_code == 400
    assert foreign.json() == missing.json()


def test_order_detail_query_count(alice_records, alice, django_assert_num_queries):
    client = api_client_for(alice)
    url = order_url(alice_records["order"])
    client.get(url)
    # Savepoint, token, the order with its account, release.
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200
