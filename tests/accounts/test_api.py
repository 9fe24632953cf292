"""The duty-1 REST API: the generic contract per resource, then the workflows."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Account, Contact, PlanAction, RelationshipPlan
from kam.choices import Role
from tests import factories as f
from tests.apitest import APIViewTests
from tests.support import api_client_for

pytestmark = pytest.mark.django_db


class TestAccountAPI(APIViewTests):
    url_name = "accounts-api:account"
    record_key = "account"
    list_queries = 5
    reference_field = "owner"
    invalid_payload = {"tier": "platinum"}
    invalid_field = "tier"
    search_term = "Hangzhou"

    def create_payload(self, records):
        return {
            "name": "Ningbo Valve Works",
            "industry": "Valves",
            "tier": "strategic",
            "status": "active",
            "customer_since": "2024-03-01",
            "region": "East China",
            "annual_potential": "2500000.00",
        }

    def update_payload(self, records):
        return {"tier": "growth", "region": "South China"}

    def expected_alice_rows(self, records):
        return {records["account"].pk}

    def foreign_reference(self, charlie_records):
        return charlie_records["account"].owner_id

    def make_rows(self, owner, count):
        f.AccountFactory.create_batch(count, owner=owner)


class TestContactAPI(APIViewTests):
    url_name = "accounts-api:contact"
    record_key = "contact"
    list_queries = 5
    invalid_payload = {"influence": 9}
    invalid_field = "influence"
    search_term = "Li Na"

    def create_payload(self, records):
        return {
            "account": records["account"].pk,
            "name": "Chen Jie",
            "title": "Plant director",
            "email": "chen.jie@customer.example",
            "phone": "+86 571 8888 0000",
            "buying_role": "champion",
            "influence": 5,
            "sentiment": "supportive",
            "reports_to": records["boss"].pk,
        }

    def update_payload(self, records):
        return {"sentiment": "opposed", "influence": 2}

    def expected_alice_rows(self, records):
        return {records["contact"].pk, records["boss"].pk}

    def make_rows(self, owner, count):
        f.ContactFactory.create_batch(count, account=f.AccountFactory(owner=owner))


class TestVisitAPI(APIViewTests):
    url_name = "accounts-api:visit"
    record_key = "visit"
    list_queries = 6
    invalid_payload = {"kind": "telepathy"}
    invalid_field = "kind"
    search_term = "Quarterly"

    def create_payload(self, records):
        # Contacts come back in the contacts' order (by name): Li Na, then Wang Lei.
        return {
            "account": records["account"].pk,
            "visited_at": "2025-05-06T10:00:00+08:00",
            "kind": "phone",
            "purpose": "Complaint follow-up",
            "summary": "Batch 42 under inspection.",
            "next_steps": "Send the lab report.",
            "follow_up_on": "2025-05-20",
            "contacts": [records["contact"].pk, records["boss"].pk],
        }

    def update_payload(self, records):
        return {"summary": "Agreed on a replacement batch.", "contacts": [records["boss"].pk]}

    def expected_alice_rows(self, records):
        return {records["visit"].pk}

    def foreign_reference(self, charlie_records):
        return charlie_records["account"].pk

    def make_rows(self, owner, count):
        account = f.AccountFactory(owner=owner)
        contact = f.ContactFactory(account=account)
        for visit in f.VisitFactory.create_batch(count, account=account, rep=owner):
            visit.contacts.set([contact])


class TestSurveyAPI(APIViewTests):
    url_name = "accounts-api:survey"
    record_key = "survey"
    list_queries = 5
    invalid_payload = {"nps": 11}
    invalid_field = "nps"
    search_term = "Hangzhou"

    def create_payload(self, records):
        return {
            "account": records["account"].pk,
            "contact": records["contact"].pk,
            "received_on": "2025-04-01",
            "score": 5,
            "nps": 9,
            "comment": "Fast replacement.",
            "source": "after_ticket",
        }

    def update_payload(self, records):
        return {"score": 3, "comment": "Slower this time."}

    def expected_alice_rows(self, records):
        return {records["survey"].pk}

    def make_rows(self, owner, count):
        f.SurveyResponseFactory.create_batch(count, account=f.AccountFactory(owner=owner))


class TestRelationshipPlanAPI(APIViewTests):
    url_name = "accounts-api:relationship-plan"
    record_key = "plan"
    list_queries = 6
    invalid_payload = {"quarter": 5}
    invalid_field = "quarter"
    search_term = "plant director"

    def create_payload(self, records):
        return {
            "account": records["account"].pk,
            "year": 2026,
            "quarter": 2,
            "objectives": "Win the second plant.",
            "status": "draft",
        }

    def update_payload(self, records):
        return {"objectives": "Win the second and third plants.", "status": "active"}

    def expected_alice_rows(self, records):
        return {records["plan"].pk}

    def make_rows(self, owner, count):
        account = f.AccountFactory(owner=owner)
        for year in range(2000, 2000 + count):
            f.PlanActionFactory(plan=f.RelationshipPlanFactory(account=account, year=year))


class TestPlanActionAPI(APIViewTests):
    url_name = "accounts-api:plan-action"
    record_key = "action"
    list_queries = 5
    reference_field = "plan"
    invalid_payload = {"due_on": "next Tuesday"}
    invalid_field = "due_on"
    search_term = "dinner"

    def create_payload(self, records):
        return {
            "plan": records["plan"].pk,
            "title": "Plant tour for the buyers",
            "due_on": "2026-06-30",
            "done_on": None,
        }

    def update_payload(self, records):
        return {"done_on": "2026-06-15"}

    def expected_alice_rows(self, records):
        return {records["action"].pk}

    def foreign_reference(self, charlie_records):
        return charlie_records["plan"].pk

    def make_rows(self, owner, count):
        plan = f.RelationshipPlanFactory(account=f.AccountFactory(owner=owner))
        f.PlanActionFactory.create_batch(count, plan=plan)


# --- accounts: owner, churn, reactivate, delete ---------------------------------------------


def account_url(account, action=None):
    if action:
        return reverse(f"accounts-api:account-{action}", args=[account.pk])
    return reverse("accounts-api:account-detail", args=[account.pk])


ACCOUNTS = reverse("accounts-api:account-list")


def test_new_account_is_owned_by_its_creator(alice):
    response = api_client_for(alice).post(ACCOUNTS, {"name": "Wuxi Bearings"}, format="json")
    assert response.status_code == 201
    assert response.json()["owner"] == alice.pk
    assert response.json()["status"] == "prospect"
    assert Account.objects.get(pk=response.json()["id"]).owner == alice


def test_rep_may_not_give_an_account_to_someone_else(alice, bob):
    response = api_client_for(alice).post(
        ACCOUNTS, {"name": "Wuxi Bearings", "owner": bob.pk}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["owner"]
    assert not Account.objects.filter(name="Wuxi Bearings").exists()


def test_manager_assigns_and_reassigns_within_the_team(alice_account, bob, team_a, charlie):
    alan = f.UserFactory(username="alan", role=Role.REP, team=team_a)
    client = api_client_for(bob)
    created = client.post(
        ACCOUNTS, {"name": "Wuxi Bearings", "owner": alice_account.owner_id}, format="json"
    )
    assert created.status_code == 201
    assert created.json()["owner"] == alice_account.owner_id

    moved = client.patch(account_url(alice_account), {"owner": alan.pk}, format="json")
    assert moved.status_code == 200
    assert moved.json()["owner"] == alan.pk
    alice_account.refresh_from_db()
    assert alice_account.owner == alan

    # Nobody outside the manager's teams.
    refused = client.patch(account_url(alice_account), {"owner": charlie.pk}, format="json")
    assert refused.status_code == 400
    assert "owner" in refused.json()


def test_rep_may_not_reassign_own_account(alice_account, team_a):
    alan = f.UserFactory(username="alan", role=Role.REP, team=team_a)
    response = api_client_for(alice_account.owner).patch(
        account_url(alice_account), {"owner": alan.pk}, format="json"
    )
    assert response.status_code == 400
    alice_account.refresh_from_db()
    assert alice_account.owner.username == "alice"


def test_churn_then_reactivate(alice_account):
    client = api_client_for(alice_account.owner)
    churned = client.post(
        account_url(alice_account, "churn"), {"churned_on": "2025-06-30"}, format="json"
    )
    assert churned.status_code == 200
    assert (churned.json()["status"], churned.json()["churned_on"]) == ("churned", "2025-06-30")

    again = client.post(account_url(alice_account, "churn"), {}, format="json")
    assert again.status_code == 409
    assert again.json() == {"detail": "This account is already churned."}

    back = client.post(account_url(alice_account, "reactivate"))
    assert back.status_code == 200
    assert (back.json()["status"], back.json()["churned_on"]) == ("active", None)
    # A new customer relationship starts; the old dates stay in the account's history.
    assert back.json()["customer_since"] == timezone.localdate().isoformat()
    assert [
        (h.status, h.customer_since.isoformat())
        for h in alice_account.history.order_by("history_id")
    ][-2] == ("churned", "2023-01-01")

    twice = client.post(account_url(alice_account, "reactivate"))
    assert twice.status_code == 409
    assert twice.json() == {"detail": "Only a churned account can be reactivated."}


def test_churn_date_is_validated(alice_account):
    client = api_client_for(alice_account.owner)
    response = client.post(
        account_url(alice_account, "churn"), {"churned_on": "1999-01-01"}, format="json"
    )
    assert response.status_code == 400
    assert "churned_on" in response.json()
    response = client.post(
        account_url(alice_account, "churn"), {"churned_on": "soon"}, format="json"
    )
    assert response.status_code == 400
    alice_account.refresh_from_db()
    assert alice_account.status == "active"


def test_churn_is_refused_to_others(alice_account, executive, charlie):
    url = account_url(alice_account, "churn")
    assert api_client_for(executive).post(url, {}, format="json").status_code == 403
    assert api_client_for(charlie).post(url, {}, format="json").status_code == 404
    alice_account.refresh_from_db()
    assert alice_account.status == "active"


def test_status_cannot_be_patched_to_churned(alice_account):
    response = api_client_for(alice_account.owner).patch(
        account_url(alice_account), {"status": "churned"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"status": ["Mark an account churned with its churn action."]}


def test_account_with_history_cannot_be_deleted(alice_records):
    account = alice_records["account"]
    response = api_client_for(account.owner).delete(account_url(account))
    assert response.status_code == 409
    assert response.json() == {
        "detail": (
            "This account has 2 contacts, 1 visit, 1 survey response, 1 relationship plan "
            "and cannot be deleted; mark it churned instead."
        )
    }
    assert Account.objects.filter(pk=account.pk).exists()


def test_empty_account_can_be_deleted(alice):
    account = f.AccountFactory(owner=alice)
    response = api_client_for(alice).delete(account_url(account))
    assert response.status_code == 204
    assert not Account.objects.filter(pk=account.pk).exists()


# --- lists: filters, ordering, pagination, bad parameters -----------------------------------


def test_account_filters_and_ordering(alice):
    big = f.AccountFactory(
        owner=alice, name="Big", tier="strategic", annual_potential=Decimal("9000000")
    )
    small = f.AccountFactory(
        owner=alice, name="Small", tier="growth", annual_potential=Decimal("10")
    )
    gone = f.AccountFactory(
        owner=alice, name="Gone", status="churned", churned_on=dt.date(2024, 5, 1)
    )
    client = api_client_for(alice)

    def names(**params):
        return [row["name"] for row in client.get(ACCOUNTS, params).json()["results"]]

    assert names() == ["Big", "Gone", "Small"]
    assert names(ordering="-annual_potential") == ["Big", "Gone", "Small"]
    assert names(ordering="annual_potential") == ["Small", "Gone", "Big"]
    assert names(status="churned") == ["Gone"]
    assert names(tier=["strategic", "growth"]) == ["Big", "Small"]
    assert names(search="mal") == ["Small"]
    assert names(q="Gon") == ["Gone"]
    assert names(owner=alice.pk) == ["Big", "Gone", "Small"]
    assert {big.pk, small.pk, gone.pk} == {a.pk for a in Account.objects.filter(owner=alice)}


def test_pagination_page_size_up_to_200(alice):
    Account.objects.bulk_create(
        Account(name=f"Account {n:03}", owner=alice, status="prospect") for n in range(205)
    )
    client = api_client_for(alice)
    default = client.get(ACCOUNTS).json()
    assert (default["count"], len(default["results"])) == (205, 25)
    assert default["previous"] is None
    assert "page=2" in default["next"]
    assert len(client.get(ACCOUNTS, {"page_size": 200}).json()["results"]) == 200
    assert len(client.get(ACCOUNTS, {"page_size": 1000}).json()["results"]) == 200
    last = client.get(ACCOUNTS, {"page_size": 200, "page": 2}).json()
    assert [row["name"] for row in last["results"]] == [f"Account {n:03}" for n in range(200, 205)]
    assert last["next"] is None
    assert client.get(ACCOUNTS, {"page": 99}).status_code == 404


def test_bad_list_parameters_answer_400_not_500(alice_records, charlie_records, alice):
    client = api_client_for(alice)
    contacts = reverse("accounts-api:contact-list")
    assert client.get(contacts, {"account": "abc"}).status_code == 400
    # Charlie's account answers like one that does not exist.
    foreign = client.get(contacts, {"account": charlie_records["account"].pk})
    missing = client.get(contacts, {"account": 10**12})
    assert foreign.status_code == missing.status_code == 400
    assert foreign.json() == missing.json()
    assert client.get(ACCOUNTS, {"search": "a\x00b"}).status_code == 400
    assert (
        client.get(reverse("accounts-api:visit-list"), {"visited_after": "yesterday"}).status_code
        == 400
    )


@pytest.fixture
def charlie_records(charlie):
    account = f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")
    contact = f.ContactFactory(account=account, name="Zhao Min")
    plan = f.RelationshipPlanFactory(account=account)
    return {"account": account, "contact": contact, "plan": plan}


# --- contacts, visits, surveys, plans -------------------------------------------------------


def test_contact_reports_to_someone_at_the_same_account(alice_records, alice):
    other = f.ContactFactory(account=f.AccountFactory(owner=alice))
    response = api_client_for(alice).patch(
        reverse("accounts-api:contact-detail", args=[alice_records["boss"].pk]),
        {"reports_to": other.pk},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"reports_to": ["A contact reports to someone at the same account."]}


def test_contact_in_use_cannot_be_deleted(alice_records, alice):
    boss = alice_records["boss"]
    response = api_client_for(alice).delete(reverse("accounts-api:contact-detail", args=[boss.pk]))
    assert response.status_code == 409
    assert "cannot be deleted" in response.json()["detail"]
    assert Contact.objects.filter(pk=boss.pk).exists()


def test_visit_contacts_must_belong_to_the_visited_account(alice_records, alice):
    other = f.ContactFactory(account=f.AccountFactory(owner=alice))
    payload = {
        "account": alice_records["account"].pk,
        "visited_at": "2025-05-06T10:00:00Z",
        "purpose": "Site visit",
        "contacts": [other.pk],
    }
    response = api_client_for(alice).post(
        reverse("accounts-api:visit-list"), payload, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"contacts": ["Pick contacts of the visited account only."]}


def test_visit_rep_is_whoever_logs_it(alice_records, bob):
    payload = {
        "account": alice_records["account"].pk,
        "visited_at": "2025-05-06T10:00:00Z",
        "purpose": "Escalation",
        "rep": alice_records["account"].owner_id,
    }
    response = api_client_for(bob).post(reverse("accounts-api:visit-list"), payload, format="json")
    assert response.status_code == 201
    assert response.json()["rep"] == bob.pk


def test_visit_clears_the_unvisited_flag(alice_account):
    Account.objects.filter(pk=alice_account.pk).update(unvisited_flagged_on=dt.date(2025, 1, 1))
    payload = {
        "account": alice_account.pk,
        "visited_at": "2025-05-06T10:00:00Z",
        "purpose": "Catch-up",
    }
    response = api_client_for(alice_account.owner).post(
        reverse("accounts-api:visit-list"), payload, format="json"
    )
    assert response.status_code == 201
    alice_account.refresh_from_db()
    assert alice_account.unvisited_flagged_on is None


def test_survey_contact_must_belong_to_the_account(alice_records, alice):
    other = f.ContactFactory(account=f.AccountFactory(owner=alice))
    payload = {
        "account": alice_records["account"].pk,
        "contact": other.pk,
        "received_on": "2025-04-01",
        "score": 4,
    }
    response = api_client_for(alice).post(
        reverse("accounts-api:survey-list"), payload, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"contact": ["The contact must belong to this account."]}


def test_plan_shows_its_actions_and_refuses_duplicates(alice_records, alice):
    plan, action = alice_records["plan"], alice_records["action"]
    client = api_client_for(alice)
    body = client.get(reverse("accounts-api:relationship-plan-detail", args=[plan.pk])).json()
    assert body["actions"] == [
        {
            "id": action.pk,
            "title": "Executive dinner",
            "owner": alice.pk,
            "due_on": action.due_on.isoformat(),
            "done_on": None,
        }
    ]
    duplicate = client.post(
        reverse("accounts-api:relationship-plan-list"),
        {"account": plan.account_id, "year": plan.year, "objectives": "Again"},
        format="json",
    )
    assert duplicate.status_code == 400
    assert duplicate.json() == {
        "__all__": ["This account already has an annual plan for that year."]
    }


def test_plan_with_actions_cannot_be_deleted(alice_records, alice):
    plan = alice_records["plan"]
    response = api_client_for(alice).delete(
        reverse("accounts-api:relationship-plan-detail", args=[plan.pk])
    )
    assert response.status_code == 409
    assert response.json() == {
        "detail": "This record is referenced by 1 plan action and cannot be deleted."
    }
    assert RelationshipPlan.objects.filter(pk=plan.pk).exists()


def test_plan_action_owner(alice_records, alice, bob, charlie):
    plan = alice_records["plan"]
    url = reverse("accounts-api:plan-action-list")
    mine = api_client_for(alice).post(
        url, {"plan": plan.pk, "title": "Call", "due_on": "2026-01-10"}, format="json"
    )
    assert mine.status_code == 201
    assert mine.json()["owner"] == alice.pk

    foreign = api_client_for(alice).post(
        url,
        {"plan": plan.pk, "title": "Call", "due_on": "2026-01-10", "owner": charlie.pk},
        format="json",
    )
    assert foreign.status_code == 400
    assert list(foreign.json()) == ["owner"]

    # The manager plans an action for the account's owner.
    by_manager = api_client_for(bob).post(
        url,
        {"plan": plan.pk, "title": "Dinner", "due_on": "2026-01-11", "owner": alice.pk},
        format="json",
    )
    assert by_manager.status_code == 201
    assert PlanAction.objects.get(pk=by_manager.json()["id"]).owner == alice


def test_unknown_api_urls_answer_json(alice):
    client = api_client_for(alice)
    unknown = client.get("/api/v1/no-such-thing/")
    assert unknown.status_code == 404
    assert unknown.json() == {"detail": "Not found."}
    assert client.get("/api/v1/accounts/not-a-number/").json() == {"detail": "Not found."}
    redirect = client.get("/api/v1/accounts", {"page_size": 5})
    assert (redirect.status_code, redirect["Location"]) == (301, "/api/v1/accounts/?page_size=5")
    post = client.post("/api/v1/accounts", {"name": "X"}, format="json")
    assert post.status_code == 404
    assert post.json() == {"detail": "Not found. Did you mean /api/v1/accounts/?"}


def test_moments_outside_1901_to_2100_are_400(alice_records):
    client = api_client_for(alice_records["account"].owner)

    response = client.get("/api/v1/visits/", {"visited_after": "0001-01-01T00:00:00"})

    assert response.status_code == 400
    assert response.json() == {"visited_after": ["Pick a date between 1901 and 2100."]}
