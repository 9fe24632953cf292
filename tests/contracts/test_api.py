"""The duty-6 REST API: `contracts` and `contract-reviews`.

The generic contract (tests/apitest.py), every persona on every endpoint, the actions
and the states they refuse (409), uploads, the review queues and decisions, the file
download, the ledger's filters, and pinned query counts.
"""

import datetime as dt
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.test import Client

from accounts.models import Account
from contracts import services
from contracts.models import Contract, ContractReview, ContractVersion, NegotiationRecord
from kam.dates import company_today
from kam.models import Notification
from tests import factories as f
from tests.apitest import APIViewTests
from tests.contracts.api_helpers import (
    CONTRACTS,
    FIRST_TEXT,
    REVIEWS,
    ROUND,
    approve,
    contract_url,
    docx_bytes,
    fill_contracts,
    pdf_bytes,
    review_url,
    row_ids,
    sign,
    submit,
    upload,
)
from tests.support import api_client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NOT_FOUND = {"detail": "Not found."}
NOT_YOURS = {"detail": "Your role may not change this record."}
MAY_NOT_CREATE = {"detail": "Your role may not create this kind of record."}
NO_DELETE = {"detail": 'Method "DELETE" not allowed.'}
NOT_THE_DEPARTMENT = {"detail": "Only a member of the reviewing department decides this review."}
DECIDED = {"detail": "This review is decided already."}
SUPERSEDED = {"detail": "This review was superseded: the contract has moved on since."}
#: What a contract's JSON holds: of its account, the id, name and tier only.
CONTRACT_KEYS = {
    "id",
    "account",
    "account_name",
    "account_tier",
    "number",
    "title",
    "owner",
    "owner_name",
    "value",
    "currency",
    "starts_on",
    "ends_on",
    "status",
    "status_note",
    "signed_on",
    "review_state",
    "latest_version",
    "renewal_of",
    "days_to_end",
    "created_at",
    "updated_at",
}
REVIEW_KEYS = {
    "id",
    "contract",
    "contract_number",
    "contract_title",
    "contract_status",
    "account_name",
    "account_tier",
    "value",
    "currency",
    "version",
    "version_no",
    "department",
    "decision",
    "comments",
    "reviewer",
    "reviewer_name",
    "requested_by",
    "requested_by_name",
    "requested_at",
    "decided_at",
    "superseded_at",
    "is_open",
}
FILE_NAME_REFUSED = (
    "This file name is not allowed: name the file plainly (no folders) and upload it again."
)


def moment(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def contract_endpoints(contract) -> tuple[list, list]:
    """Every endpoint of one contract, as (method, url, body): the reads, and the writes
    with a body that would be valid (so only who asks decides the answer)."""
    reads = [
        ("get", contract_url(contract), None),
        ("get", contract_url(contract, "versions"), None),
        ("get", contract_url(contract, "negotiations"), None),
        ("get", contract_url(contract, "reviews"), None),
    ]
    writes = [
        ("patch", contract_url(contract), {"title": "Taken over"}),
        ("post", contract_url(contract, "versions"), {"body": "1. A text of my own"}),
        ("post", contract_url(contract, "negotiations"), ROUND),
        ("post", contract_url(contract, "submit-for-review"), {"note": ""}),
        ("post", contract_url(contract, "transition"), {"status": "terminated", "note": "Lost"}),
        ("post", contract_url(contract, "renew"), {"number": "HT-2099-0001"}),
    ]
    return reads, writes


def call(client, method, url, body):
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, body, format="json")


def answers(client, endpoints) -> list[tuple[int, object]]:
    results = []
    for method, url, body in endpoints:
        response = call(client, method, url, body)
        results.append((response.status_code, response.json()))
    return results


def trail(contract) -> tuple:
    """What a write would change: the contract's state and its children."""
    contract = Contract.objects.get(pk=contract.pk)
    return (
        contract.status,
        contract.title,
        contract.versions.count(),
        contract.negotiations.count(),
        contract.reviews.count(),
        contract.renewals.count(),
    )


@pytest.fixture
def alice_records(alice_records):
    """Conftest's records of Alice's account, plus a draft contract with version 1."""
    contract = f.ContractFactory(
        account=alice_records["account"],
        number="HT-2026-0001",
        title="2026 supply agreement, castings",
    )
    return {**alice_records, "contract": contract}


def make_charlie_records(charlie):
    account = f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")
    contract = f.ContractFactory(
        account=account, number="HT-2026-CD01", title="Press frames framework"
    )
    return {"account": account, "contract": contract}


@pytest.fixture
def charlie_records(charlie):
    return make_charlie_records(charlie)


@pytest.fixture
def in_review(alice_records, legal_user, finance_user):
    """Alice's contract submitted for review: its legal and its finance review."""
    contract = alice_records["contract"]
    reviews = submit(contract)
    contract.refresh_from_db()
    return {"contract": contract, **reviews}


# --- the generic contract ------------------------------------------------------------------


class TestContractAPI(APIViewTests):
    url_name = "contracts-api:contract"
    record_key = "contract"
    #: Savepoint, token, count, rows (account, owner and latest version joined), release.
    list_queries = 5
    reference_field = "account"
    invalid_payload = {"currency": "XYZ"}
    invalid_field = "currency"
    search_term = "Hangzhou"

    @pytest.fixture
    def charlie_records(self, charlie):
        return make_charlie_records(charlie)

    def create_payload(self, records):
        return {
            "account": records["account"].pk,
            "number": "HT-2027-0012",
            "title": "2027 supply agreement, castings",
            "value": "4800000.00",
            "currency": "CNY",
            "starts_on": "2027-01-01",
            "ends_on": "2027-12-31",
            "body": "1. Scope of supply\n2. Price: 96 per piece\n",
        }

    def update_payload(self, records):
        return {"title": "2026 supply agreement, castings and forgings"}

    def expected_response(self, payload):
        expected = {k: v for k, v in payload.items() if k not in ("body", "change_summary")}
        if "account" not in payload:
            return expected
        # A new contract: a draft of its account, not yet reviewed.
        return {
            **expected,
            "account_name": "Hangzhou Precision Castings",
            "account_tier": "key",
            "status": "draft",
            "status_note": "",
            "signed_on": None,
            "review_state": "not_submitted",
            "renewal_of": None,
        }

    def expected_alice_rows(self, records):
        return {records["contract"].pk}

    def make_rows(self, owner, count):
        fill_contracts(owner, count)

    def test_create_makes_version_1_from_the_body(self, alice_records, alice):
        """Besides the generic check (``test_create``), what the service adds: Alice owns
        it, version 1 is the text she sent."""
        payload = self.create_payload(alice_records)
        client = api_client_for(alice)

        response = client.post(self.list_url(), payload, format="json")

        assert response.status_code == 201, response.content
        created = response.json()
        expected = self.expected_response(payload)
        assert {key: created[key] for key in expected} == expected
        contract = Contract.objects.get(number="HT-2027-0012")
        body = client.get(self.detail_url(contract)).json()
        assert {**created, "updated_at": None} == {**body, "updated_at": None}
        assert set(body) == CONTRACT_KEYS
        assert (body["owner"], body["owner_name"]) == (alice.pk, alice.display_name)
        assert body["latest_version"]["version_no"] == 1
        assert body["days_to_end"] == (dt.date(2027, 12, 31) - company_today()).days
        versions = client.get(contract_url(contract, "versions")).json()["results"]
        assert [(v["version_no"], v["body"], v["file_url"], v["created_by"]) for v in versions] == [
            (1, "1. Scope of supply\n2. Price: 96 per piece", None, alice.pk)
        ]
        assert versions[0]["id"] == body["latest_version"]["id"]

    def test_create_without_a_text_has_no_version(self, alice_records, alice):
        payload = {**self.create_payload(alice_records), "body": ""}
        client = api_client_for(alice)

        response = client.post(self.list_url(), payload, format="json")

        assert response.status_code == 201, response.content
        contract = Contract.objects.get(number="HT-2027-0012")
        assert client.get(self.detail_url(contract)).json() == response.json()
        assert response.json()["latest_version"] is None
        assert contract.versions.count() == 0

    def test_other_team_gets_404_and_sees_nothing(self, alice_records, charlie_records, charlie):
        """Contracts have no DELETE: Charlie's delete is 405 (the method), not 404."""
        client = api_client_for(charlie)
        obj = self.alice_object(alice_records)
        found = client.get(self.detail_url(obj))
        assert (found.status_code, found.json()) == (404, NOT_FOUND)
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
        assert obj.title == "2026 supply agreement, castings"

    def test_executive_reads_but_may_not_change(self, alice_records, executive):
        """Contracts have no DELETE: the executive's delete is 405 (the method), not 403."""
        client = api_client_for(executive)
        obj = self.alice_object(alice_records)
        assert client.get(self.detail_url(obj)).status_code == 200
        assert obj.pk in self.ids(client.get(self.list_url()))
        response = client.patch(
            self.detail_url(obj), self.update_payload(alice_records), format="json"
        )
        assert (response.status_code, response.json()) == (403, NOT_YOURS)
        deleted = client.delete(self.detail_url(obj))
        assert (deleted.status_code, deleted.json()) == (405, NO_DELETE)


# --- create, update, delete ------------------------------------------------------------------


def test_create_refuses_bad_input_with_field_errors(alice_records, charlie_records, alice):
    client = api_client_for(alice)
    good = {
        "account": alice_records["account"].pk,
        "number": "HT-2027-0100",
        "title": "2027 framework",
        "value": "100000.00",
        "currency": "CNY",
        "starts_on": "2027-01-01",
        "ends_on": "2027-12-31",
    }
    charlies = charlie_records["account"].pk
    cases = [
        (
            {"ends_on": "2026-12-31"},
            {"ends_on": ["A contract ends on or after the day it starts."]},
        ),
        ({"value": "-1.00"}, {"value": ["Ensure this value is greater than or equal to 0."]}),
        ({"currency": "XYZ"}, {"currency": ['"XYZ" is not a valid choice.']}),
        ({"number": "HT-2026-0001"}, {"number": ["A contract with this number exists already."]}),
        ({"account": charlies}, {"account": [f'Invalid pk "{charlies}" - object does not exist.']}),
        ({"starts_on": "someday"}, None),
    ]
    before = Contract.objects.count()

    for change, errors in cases:
        response = client.post(CONTRACTS, {**good, **change}, format="json")
        assert response.status_code == 400, (change, response.content)
        if errors is None:
            assert list(response.json()) == ["starts_on"]
        else:
            assert response.json() == errors, change

    assert Contract.objects.count() == before
    assert client.post(CONTRACTS, good, format="json").status_code == 201


def test_department_members_and_executives_create_no_contract(alice_records, legal_user, executive):
    payload = {
        "account": alice_records["account"].pk,
        "number": "HT-2027-0200",
        "title": "Not theirs to write",
        "value": "1.00",
        "starts_on": "2027-01-01",
        "ends_on": "2027-12-31",
    }
    for user in (legal_user, executive):
        response = api_client_for(user).post(CONTRACTS, payload, format="json")
        assert (response.status_code, response.json()) == (403, MAY_NOT_CREATE)
    assert not Contract.objects.filter(number="HT-2027-0200").exists()


def test_patch_changes_the_title_but_not_the_terms_in_review(in_review, alice):
    contract = in_review["contract"]
    client = api_client_for(alice)

    renamed = client.patch(contract_url(contract), {"title": "Castings 2026, final"}, format="json")
    assert renamed.status_code == 200, renamed.content
    assert (renamed.json()["title"], renamed.json()["status"]) == (
        "Castings 2026, final",
        "in_review",
    )

    repriced = client.patch(contract_url(contract), {"value": "990000.00"}, format="json")
    assert (repriced.status_code, repriced.json()) == (
        409,
        {
            "detail": "The terms of a contract in review, approved or signed stay as reviewed: "
            "take it back to negotiation to change them.",
            "fields": ["value"],
        },
    )
    # The same value is no change, so it passes.
    same = client.patch(contract_url(contract), {"value": "1200000.00"}, format="json")
    assert same.status_code == 200, same.content
    contract.refresh_from_db()
    assert (contract.value, contract.title) == (Decimal("1200000.00"), "Castings 2026, final")


def test_patch_keeps_the_account_and_the_text(alice_records, alice):
    contract = alice_records["contract"]
    other = f.AccountFactory(owner=alice, name="Suzhou Valves")
    client = api_client_for(alice)

    moved = client.patch(contract_url(contract), {"account": other.pk}, format="json")
    assert (moved.status_code, moved.json()) == (
        400,
        {"account": ["A contract stays on its account."]},
    )
    rewritten = client.patch(contract_url(contract), {"body": "1. Another text"}, format="json")
    assert (rewritten.status_code, rewritten.json()) == (
        400,
        {"body": ["A new text is a new version: POST it to versions."]},
    )
    # Read-only fields are ignored: the status changes through its actions.
    promoted = client.patch(
        contract_url(contract), {"status": "signed", "title": "Castings"}, format="json"
    )
    assert promoted.status_code == 200, promoted.content
    assert (promoted.json()["status"], promoted.json()["title"]) == ("draft", "Castings")
    contract.refresh_from_db()
    assert (contract.account_id, contract.status, contract.versions.count()) == (
        alice_records["account"].pk,
        "draft",
        1,
    )


def test_nobody_deletes_a_contract(alice_records, alice, bob, superuser):
    contract = alice_records["contract"]
    for user in (alice, bob, superuser):
        response = api_client_for(user).delete(contract_url(contract))
        assert (response.status_code, response.json()) == (405, NO_DELETE)
    assert Contract.objects.filter(pk=contract.pk).exists()


# --- who reaches which endpoint --------------------------------------------------------------


def test_anonymous_gets_401_everywhere(in_review):
    contract = in_review["contract"]
    reads, writes = contract_endpoints(contract)
    client = api_client_for(None)
    endpoints = [
        ("get", CONTRACTS, None),
        ("post", CONTRACTS, {"title": "x"}),
        *reads,
        *writes,
        ("get", REVIEWS, None),
        ("get", review_url(in_review["legal"]), None),
        ("post", review_url(in_review["legal"], "decide"), {"decision": "approved"}),
    ]
    before = trail(contract)

    responses = [call(client, *endpoint) for endpoint in endpoints]

    assert [r.status_code for r in responses] == [401] * len(endpoints)
    assert {r["WWW-Authenticate"] for r in responses} == {"Token"}
    assert trail(contract) == before


@pytest.mark.parametrize("persona", ["charlie", "logistics_user"])
def test_other_team_and_logistics_get_404_everywhere(persona, in_review, request):
    user = request.getfixturevalue(persona)
    contract = in_review["contract"]
    reads, writes = contract_endpoints(contract)
    client = api_client_for(user)
    before = trail(contract)

    assert answers(client, reads + writes) == [(404, NOT_FOUND)] * 10
    for review in (in_review["legal"], in_review["finance"]):
        assert (
            answers(
                client,
                [
                    ("get", review_url(review), None),
                    ("post", review_url(review, "decide"), {"decision": "approved"}),
                ],
            )
            == [(404, NOT_FOUND)] * 2
        )
    assert contract.pk not in row_ids(client.get(CONTRACTS))
    assert row_ids(client.get(REVIEWS)) == []
    assert trail(contract) == before
    assert ContractReview.objects.filter(decision="pending").count() == 2


def test_executive_reads_everything_and_acts_on_nothing(in_review, executive):
    contract = in_review["contract"]
    reads, writes = contract_endpoints(contract)
    client = api_client_for(executive)
    before = trail(contract)

    assert [status for status, _body in answers(client, reads)] == [200] * 4
    assert answers(client, writes) == [(403, NOT_YOURS)] * 6
    review = in_review["legal"]
    assert client.get(review_url(review)).json()["id"] == review.pk
    decided = client.post(review_url(review, "decide"), {"decision": "approved"}, format="json")
    assert (decided.status_code, decided.json()) == (403, NOT_YOURS)
    assert set(row_ids(client.get(REVIEWS))) == {in_review["legal"].pk, in_review["finance"].pk}
    assert trail(contract) == before


@pytest.mark.parametrize("persona", ["legal_user", "finance_user"])
def test_reviewers_read_the_contract_but_take_no_contract_action(persona, in_review, request):
    user = request.getfixturevalue(persona)
    contract = in_review["contract"]
    reads, writes = contract_endpoints(contract)
    client = api_client_for(user)
    before = trail(contract)

    read = answers(client, reads)
    assert [status for status, _body in read] == [200] * 4
    assert read[0][1]["id"] == contract.pk
    assert [v["version_no"] for v in read[1][1]["results"]] == [1]
    assert answers(client, writes) == [(403, NOT_YOURS)] * 6
    assert row_ids(client.get(CONTRACTS)) == [contract.pk]
    assert trail(contract) == before


def test_reviewers_reach_only_contracts_with_a_review_of_theirs(
    in_review, alice_account, legal_user, finance_user, settings
):
    draft = f.ContractFactory(account=alice_account, title="Not submitted")
    settings.KAM_CONTRACT_REVIEWERS = ["legal"]
    legal_only = f.ContractFactory(account=alice_account, title="Legal only")
    submit(legal_only)

    legal = api_client_for(legal_user)
    finance = api_client_for(finance_user)

    assert set(row_ids(legal.get(CONTRACTS))) == {in_review["contract"].pk, legal_only.pk}
    assert row_ids(finance.get(CONTRACTS)) == [in_review["contract"].pk]
    for client in (legal, finance):
        assert client.get(contract_url(draft)).status_code == 404
        assert client.get(contract_url(draft, "versions")).status_code == 404
    assert finance.get(contract_url(legal_only)).status_code == 404
    assert legal.get(contract_url(legal_only)).status_code == 200
    # A finance user does not see the legal review, even of a contract it sees.
    assert finance.get(review_url(in_review["legal"])).status_code == 404
    reviews = finance.get(contract_url(in_review["contract"], "reviews")).json()["results"]
    assert [row["id"] for row in reviews] == [in_review["finance"].pk]


@pytest.mark.parametrize("persona", ["legal_user", "finance_user"])
def test_reviewers_see_only_the_accounts_name_and_tier(persona, in_review, request):
    account = in_review["contract"].account
    Account.objects.filter(pk=account.pk).update(code="ERP-HZ-7781", region="Zhejiang North")
    f.NegotiationRecordFactory(contract=in_review["contract"], participants="Purchasing team")
    user = request.getfixturevalue(persona)
    client = api_client_for(user)
    contract = in_review["contract"]
    review = in_review["legal" if persona == "legal_user" else "finance"]

    detail = client.get(contract_url(contract))
    responses = [
        detail,
        client.get(CONTRACTS),
        client.get(contract_url(contract, "versions")),
        client.get(contract_url(contract, "negotiations")),
        client.get(contract_url(contract, "reviews")),
        client.get(REVIEWS),
        client.get(review_url(review)),
    ]

    body = detail.json()
    assert set(body) == CONTRACT_KEYS
    assert (body["account"], body["account_name"], body["account_tier"]) == (
        account.pk,
        "Hangzhou Precision Castings",
        "key",
    )
    assert client.get(CONTRACTS).json()["results"] == [body]
    assert set(client.get(review_url(review)).json()) == REVIEW_KEYS
    leaks = [
        "ERP-HZ-7781",  # code
        "Zhejiang North",  # region
        "Manufacturing",  # industry
        "1000000",  # annual potential
        "2023-01-01",  # customer since
        "Wang Lei",  # contacts
        "Li Na",
        "customer.example",  # contacts' e-mail
        "annual_potential",
        "industry",
        "region",
    ]
    for response in responses:
        assert response.status_code == 200, response.content
        text = response.content.decode()
        assert [leak for leak in leaks if leak in text] == []


def test_manager_sees_and_acts_on_the_reps_contract(alice_records, bob):
    contract = alice_records["contract"]
    client = api_client_for(bob)
    reads, _writes = contract_endpoints(contract)

    assert [status for status, _body in answers(client, reads)] == [200] * 4
    assert row_ids(client.get(CONTRACTS)) == [contract.pk]
    recorded = client.post(contract_url(contract, "negotiations"), ROUND, format="json")
    assert recorded.status_code == 201, recorded.content
    assert recorded.json()["recorded_by"] == bob.pk
    added = client.post(
        contract_url(contract, "versions"), {"body": "1. Scope\n2. Price: 97"}, format="json"
    )
    assert (added.status_code, added.json()["version_no"], added.json()["created_by"]) == (
        201,
        2,
        bob.pk,
    )
    submitted = client.post(contract_url(contract, "submit-for-review"), {}, format="json")
    assert submitted.status_code == 200, submitted.content
    assert (submitted.json()["status"], submitted.json()["latest_version"]["version_no"]) == (
        "in_review",
        2,
    )
    assert set(
        ContractReview.objects.filter(contract=contract).values_list("requested_by", flat=True)
    ) == {bob.pk}


# --- the actions -----------------------------------------------------------------------------


def test_submit_for_review_opens_one_review_per_department(
    alice_records, alice, legal_user, finance_user
):
    contract = alice_records["contract"]
    client = api_client_for(alice)

    response = client.post(
        contract_url(contract, "submit-for-review"),
        {"note": "Price agreed in round 2."},
        format="json",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == CONTRACT_KEYS
    assert (body["status"], body["review_state"], body["status_note"]) == (
        "in_review",
        "pending",
        "Price agreed in round 2.",
    )
    reviews = client.get(contract_url(contract, "reviews")).json()
    assert reviews["count"] == 2
    assert sorted(
        (r["department"], r["decision"], r["version"], r["version_no"], r["is_open"])
        for r in reviews["results"]
    ) == [
        ("finance", "pending", contract.latest_version_id, 1, True),
        ("legal", "pending", contract.latest_version_id, 1, True),
    ]
    for reviewer in (legal_user, finance_user):
        assert list(Notification.objects.filter(user=reviewer).values_list("kind", "subject")) == [
            (
                "contracts.review_requested",
                "Contract to review: HT-2026-0001 Hangzhou Precision Castings",
            )
        ]

    again = client.post(contract_url(contract, "submit-for-review"), {}, format="json")
    assert (again.status_code, again.json()) == (
        409,
        {
            "detail": "Only a draft or a contract in negotiation is submitted for review.",
            "allowed": ["negotiating", "terminated"],
        },
    )
    assert ContractReview.objects.filter(contract=contract).count() == 2


def test_submit_without_a_version_is_409(alice_account, alice):
    contract = f.ContractFactory(account=alice_account, body="")
    assert contract.latest_version is None

    response = api_client_for(alice).post(contract_url(contract, "submit-for-review"), {})

    assert (response.status_code, response.json()) == (
        409,
        {"detail": "Add the contract's text or file before submitting it for review."},
    )
    contract.refresh_from_db()
    assert (contract.status, contract.reviews.count()) == ("draft", 0)


def test_required_reviewers_are_configurable(alice_records, alice, settings):
    settings.KAM_CONTRACT_REVIEWERS = ["legal"]
    contract = alice_records["contract"]

    response = api_client_for(alice).post(contract_url(contract, "submit-for-review"), {})

    assert response.status_code == 200, response.content
    assert list(contract.reviews.values_list("department__code", flat=True)) == ["legal"]


def test_transition_refuses_a_move_the_state_does_not_allow(alice_records, alice):
    contract = alice_records["contract"]
    client = api_client_for(alice)
    url = contract_url(contract, "transition")
    draft_moves = ["negotiating", "terminated"]

    signed = client.post(url, {"status": "signed", "signed_on": "2026-01-01"}, format="json")
    assert (signed.status_code, signed.json()) == (
        409,
        {"detail": "A contract that is Draft cannot become Signed.", "allowed": draft_moves},
    )
    for status in ("in_review", "approved"):
        response = client.post(url, {"status": status}, format="json")
        assert (response.status_code, response.json()) == (
            409,
            {
                "detail": "A contract goes into review by submitting it, and is approved by "
                "its reviews.",
                "allowed": draft_moves,
            },
        )
    unknown = client.post(url, {"status": "done"}, format="json")
    assert (unknown.status_code, unknown.json()) == (
        400,
        {"status": ['"done" is not a valid choice.']},
    )
    no_reason = client.post(url, {"status": "terminated", "note": "  "}, format="json")
    assert (no_reason.status_code, no_reason.json()) == (
        400,
        {"note": ["Say why the contract is terminated."]},
    )
    contract.refresh_from_db()
    assert contract.status == "draft"

    started = client.post(url, {"status": "negotiating", "note": "Kick-off"}, format="json")
    assert started.status_code == 200, started.content
    assert (started.json()["status"], started.json()["status_note"]) == ("negotiating", "Kick-off")


def test_sign_an_approved_contract_with_its_date(alice_records, alice, legal_user, finance_user):
    contract = alice_records["contract"]
    approve(contract, legal=legal_user, finance=finance_user)
    client = api_client_for(alice)
    url = contract_url(contract, "transition")
    today = company_today()

    undated = client.post(url, {"status": "signed"}, format="json")
    assert (undated.status_code, undated.json()) == (
        400,
        {"signed_on": ["Say when the contract was signed."]},
    )
    future = (today + dt.timedelta(days=5)).isoformat()
    early = client.post(url, {"status": "signed", "signed_on": future}, format="json")
    assert (early.status_code, early.json()) == (
        400,
        {"signed_on": ["A contract is not signed in the future."]},
    )
    signed = client.post(url, {"status": "signed", "signed_on": today.isoformat()}, format="json")
    assert signed.status_code == 200, signed.content
    assert {k: signed.json()[k] for k in ("status", "signed_on", "review_state")} == {
        "status": "signed",
        "signed_on": today.isoformat(),
        "review_state": "approved",
    }
    # Its term is not over: it does not expire by hand yet.
    expired = client.post(url, {"status": "expired"}, format="json")
    assert (expired.status_code, expired.json()) == (
        409,
        {
            "detail": f"A contract expires after its last day ({contract.ends_on.isoformat()}).",
            "allowed": ["terminated"],
        },
    )


def test_withdrawing_from_review_supersedes_the_round(in_review, alice, legal_user):
    contract = in_review["contract"]

    response = api_client_for(alice).post(
        contract_url(contract, "transition"),
        {"status": "negotiating", "note": "Customer wants another round."},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["review_state"]) == (
        "negotiating",
        "returned",
    )
    late = api_client_for(legal_user).post(
        review_url(in_review["legal"], "decide"), {"decision": "approved"}, format="json"
    )
    assert (late.status_code, late.json()) == (409, SUPERSEDED)


def test_renew_a_signed_contract(alice_records, alice, legal_user, finance_user):
    contract = alice_records["contract"]
    client = api_client_for(alice)
    url = contract_url(contract, "renew")

    early = client.post(url, {"number": "HT-2027-0001"}, format="json")
    assert (early.status_code, early.json()) == (
        409,
        {"detail": "A contract is renewed once it is signed."},
    )
    sign(contract, legal=legal_user, finance=finance_user)
    unnamed = client.post(url, {}, format="json")
    assert (unnamed.status_code, unnamed.json()) == (400, {"number": ["This field is required."]})
    taken = client.post(url, {"number": "HT-2026-0001"}, format="json")
    assert (taken.status_code, taken.json()) == (
        400,
        {"number": ["A contract with this number exists already."]},
    )

    renewed = client.post(url, {"number": "HT-2027-0001"}, format="json")

    assert renewed.status_code == 201, renewed.content
    body = renewed.json()
    renewal = Contract.objects.get(number="HT-2027-0001")
    starts_on = contract.ends_on + dt.timedelta(days=1)
    # The factory's term is a year from today: the renewal is the next year, whole.
    ends_on = services.next_term_end(contract.starts_on, contract.ends_on, starts_on)
    assert ends_on.replace(year=ends_on.year - 1) + dt.timedelta(days=1) == starts_on
    assert {k: body[k] for k in CONTRACT_KEYS - {"created_at", "updated_at", "latest_version"}} == {
        "id": renewal.pk,
        "account": contract.account_id,
        "account_name": "Hangzhou Precision Castings",
        "account_tier": "key",
        "number": "HT-2027-0001",
        "title": "2026 supply agreement, castings",
        "owner": alice.pk,
        "owner_name": alice.display_name,
        "value": "1200000.00",
        "currency": "CNY",
        "starts_on": starts_on.isoformat(),
        "ends_on": ends_on.isoformat(),
        "status": "draft",
        "status_note": "",
        "signed_on": None,
        "review_state": "not_submitted",
        "renewal_of": contract.pk,
        "days_to_end": (ends_on - company_today()).days,
    }
    assert body["latest_version"]["version_no"] == 1
    versions = client.get(contract_url(renewal, "versions")).json()["results"]
    assert [(v["body"], v["change_summary"]) for v in versions] == [
        (FIRST_TEXT, "Renewal of HT-2026-0001, from its version 1.")
    ]

    again = client.post(url, {"number": "HT-2027-0002"}, format="json")
    assert (again.status_code, again.json()) == (
        409,
        {"detail": "Its renewal is under way already: HT-2027-0001.", "renewal": renewal.pk},
    )
    contract.refresh_from_db()
    assert contract.status == "signed"


# --- versions --------------------------------------------------------------------------------


def test_text_versions_are_added_never_changed(alice_records, alice):
    contract = alice_records["contract"]
    client = api_client_for(alice)
    url = contract_url(contract, "versions")

    added = client.post(
        url,
        {"body": "1. Scope of supply\n2. Price: 95 per piece\n", "change_summary": " Price down "},
        format="json",
    )

    assert added.status_code == 201, added.content
    version = ContractVersion.objects.get(contract=contract, version_no=2)
    body = added.json()
    assert {**body, "created_at": moment(body["created_at"])} == {
        "id": version.pk,
        "contract": contract.pk,
        "version_no": 2,
        "file_name": "",
        "file_type": "",
        "file_size": None,
        "file_url": None,
        "body": "1. Scope of supply\n2. Price: 95 per piece",
        "change_summary": "Price down",
        "created_by": alice.pk,
        "created_by_name": alice.display_name,
        "created_at": version.created_at,
    }
    same = client.post(url, {"body": "1. Scope of supply\n2. Price: 95 per piece"}, format="json")
    assert (same.status_code, same.json()) == (
        400,
        {"body": ["The text is the same as version 2."]},
    )
    empty = client.post(url, {"body": ""}, format="json")
    assert (empty.status_code, empty.json()) == (
        400,
        {"body": ["Upload the contract's file or write its text."]},
    )
    listed = client.get(url).json()
    assert (listed["count"], [v["version_no"] for v in listed["results"]]) == (2, [1, 2])
    assert listed["results"][0]["body"] == FIRST_TEXT
    assert client.get(contract_url(contract)).json()["latest_version"]["id"] == version.pk


def test_upload_a_pdf_version(alice_records, alice, media_root):
    contract = alice_records["contract"]
    content = pdf_bytes()

    response = api_client_for(alice).post(
        contract_url(contract, "versions"),
        {"file": upload("Supply agreement v2.pdf", content), "change_summary": "Signed scan"},
        format="multipart",
    )

    assert response.status_code == 201, response.content
    version = ContractVersion.objects.get(contract=contract, version_no=2)
    body = response.json()
    assert {k: body[k] for k in ("id", "version_no", "file_name", "file_type", "file_size")} == {
        "id": version.pk,
        "version_no": 2,
        "file_name": "Supply agreement v2.pdf",
        "file_type": "pdf",
        "file_size": len(content),
    }
    assert (body["body"], body["change_summary"]) == ("", "Signed scan")
    assert body["file_url"] == f"http://testserver/contracts/versions/{version.pk}/file/"
    # Kept under a name of our own in the contract's folder, never the uploaded one.
    stored = [path for path in media_root.rglob("*") if path.is_file()]
    assert [path.relative_to(media_root).parent.as_posix() for path in stored] == [
        f"contracts/{contract.pk}"
    ]
    assert stored[0].suffix == ".pdf"
    assert stored[0].name != "Supply agreement v2.pdf"
    assert stored[0].read_bytes() == content


def test_upload_a_docx_version_with_a_text(alice_records, alice, media_root):
    contract = alice_records["contract"]

    response = api_client_for(alice).post(
        contract_url(contract, "versions"),
        {
            "file": upload(
                "v2.docx",
                docx_bytes(),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
            "body": "1. Scope\n2. Price: 94",
        },
        format="multipart",
    )

    assert response.status_code == 201, response.content
    assert {k: response.json()[k] for k in ("version_no", "file_type", "body")} == {
        "version_no": 2,
        "file_type": "docx",
        "body": "1. Scope\n2. Price: 94",
    }


@pytest.mark.parametrize(
    "name, content, error",
    [
        ("setup.exe", b"MZ\x90\x00 a program", "Upload a file of one of these kinds: .pdf, .docx."),
        (
            "agreement.pdf",
            b"PK\x03\x04 a zip, not a PDF",
            "The file's content is not a PDF, whatever its name says.",
        ),
        ("..%2F..%2Fevil.pdf", None, FILE_NAME_REFUSED),
        ("..%5C..%5Cevil.pdf", None, FILE_NAME_REFUSED),
        ("oversize.pdf", "oversize", "The file is larger than 1 MiB."),
    ],
    ids=["exe", "not-a-pdf", "traversal", "backslash-traversal", "oversize"],
)
def test_upload_refused_names_the_problem(
    name, content, error, alice_records, alice, media_root, settings
):
    settings.KAM_CONTRACT_FILE_MAX_MB = 1
    if content is None:
        content = pdf_bytes()
    elif content == "oversize":
        content = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1 - len(b"%PDF-1.4\n"))
        assert len(content) == 1024 * 1024 + 1
    contract = alice_records["contract"]

    response = api_client_for(alice).post(
        contract_url(contract, "versions"),
        {"file": upload(name, content), "change_summary": "Refused"},
        format="multipart",
    )

    assert (response.status_code, response.json()) == (400, {"file": [error]})
    assert contract.versions.count() == 1
    assert [path for path in media_root.rglob("*") if path.is_file()] == []


def test_a_file_of_exactly_the_limit_is_taken(alice_records, alice, media_root, settings):
    settings.KAM_CONTRACT_FILE_MAX_MB = 1
    content = b"%PDF-1.4\n" + b"0" * (1024 * 1024 - len(b"%PDF-1.4\n"))

    response = api_client_for(alice).post(
        contract_url(alice_records["contract"], "versions"),
        {"file": upload("limit.pdf", content)},
        format="multipart",
    )

    assert response.status_code == 201, response.content
    assert response.json()["file_size"] == 1024 * 1024


def test_a_new_version_on_a_contract_in_review_reopens_review(in_review, alice, legal_user):
    contract = in_review["contract"]
    services.review_decide(review=in_review["legal"], by=legal_user, decision="approved")
    client = api_client_for(alice)

    added = client.post(
        contract_url(contract, "versions"), {"body": "1. Scope\n2. Price: 93"}, format="json"
    )

    assert added.status_code == 201, added.content
    detail = client.get(contract_url(contract)).json()
    assert (detail["status"], detail["review_state"], detail["status_note"]) == (
        "in_review",
        "pending",
        "Version 2 reopened the review.",
    )
    reviews = client.get(contract_url(contract, "reviews")).json()["results"]
    # The current round first, on version 2; the first round kept, superseded.
    assert [
        (r["department"], r["version_no"], r["decision"], r["superseded_at"] is None)
        for r in reviews
    ] == [
        ("finance", 2, "pending", True),
        ("legal", 2, "pending", True),
        ("finance", 1, "pending", False),
        ("legal", 1, "approved", False),
    ]
    old = api_client_for(legal_user).post(
        review_url(in_review["legal"], "decide"), {"decision": "approved"}, format="json"
    )
    assert (old.status_code, old.json()) == (409, SUPERSEDED)


def test_no_version_once_signed(alice_records, alice, legal_user, finance_user):
    contract = sign(alice_records["contract"], legal=legal_user, finance=finance_user)

    response = api_client_for(alice).post(
        contract_url(contract, "versions"), {"body": "1. Late change"}, format="json"
    )

    assert (response.status_code, response.json()) == (
        409,
        {"detail": "A signed, expired or terminated contract keeps its text: renew it instead."},
    )
    assert contract.versions.count() == 1


# --- negotiation -------------------------------------------------------------------------------


def test_negotiation_rounds_are_recorded_and_listed_in_order(alice_records, alice):
    contract = alice_records["contract"]
    client = api_client_for(alice)
    url = contract_url(contract, "negotiations")

    first = client.post(url, ROUND, format="json")

    assert first.status_code == 201, first.content
    record = NegotiationRecord.objects.get(contract=contract)
    body = first.json()
    assert {k: body[k] for k in body if k not in ("created_at", "updated_at")} == {
        "id": record.pk,
        "contract": contract.pk,
        **ROUND,
        "recorded_by": alice.pk,
        "recorded_by_name": alice.display_name,
    }
    detail = client.get(contract_url(contract)).json()
    assert (detail["status"], detail["status_note"]) == (
        "negotiating",
        "The first negotiation round was recorded.",
    )
    earlier = client.post(
        url, {**ROUND, "held_on": "2026-01-08", "topics": "Volumes"}, format="json"
    )
    assert earlier.status_code == 201, earlier.content
    missing = client.post(url, {"held_on": "2026-01-20", "topics": "Delivery"}, format="json")
    assert (missing.status_code, missing.json()) == (
        400,
        {"participants": ["This field is required."]},
    )

    listed = client.get(url).json()
    assert listed["count"] == 2
    assert [(r["held_on"], r["topics"]) for r in listed["results"]] == [
        ("2026-01-08", "Volumes"),
        ("2026-01-15", "Price per piece; payment terms"),
    ]


# --- contract reviews ----------------------------------------------------------------------


@pytest.fixture
def two_queues(in_review, charlie):
    """Alice's contract and Charlie's, both in review: two reviews for each department."""
    charlies = make_charlie_records(charlie)["contract"]
    return {**in_review, "charlie": submit(charlies), "charlie_contract": charlies}


def test_each_department_lists_only_its_own_reviews(two_queues, legal_user, finance_user):
    legal = api_client_for(legal_user)
    finance = api_client_for(finance_user)
    legal_ids = {two_queues["legal"].pk, two_queues["charlie"]["legal"].pk}
    finance_ids = {two_queues["finance"].pk, two_queues["charlie"]["finance"].pk}

    assert set(row_ids(legal.get(REVIEWS))) == legal_ids
    assert set(row_ids(finance.get(REVIEWS))) == finance_ids
    # Naming another department does not reach into its queue.
    assert row_ids(legal.get(REVIEWS, {"department": "finance"})) == []
    assert set(row_ids(legal.get(REVIEWS, {"department": "legal"}))) == legal_ids
    rows = legal.get(REVIEWS).json()["results"]
    assert {row["department"] for row in rows} == {"legal"}
    assert all(set(row) == REVIEW_KEYS for row in rows)

    services.review_decide(review=two_queues["legal"], by=legal_user, decision="approved")
    assert row_ids(legal.get(REVIEWS, {"open": "true"})) == [two_queues["charlie"]["legal"].pk]
    assert row_ids(legal.get(REVIEWS, {"open": "false"})) == [two_queues["legal"].pk]
    assert set(row_ids(legal.get(REVIEWS, {"decision": "pending"}))) == {
        two_queues["charlie"]["legal"].pk
    }
    assert set(row_ids(finance.get(REVIEWS, {"open": "true"}))) == finance_ids


def test_account_side_lists_the_reviews_of_its_contracts(two_queues, alice, bob, charlie):
    mine = {two_queues["legal"].pk, two_queues["finance"].pk}
    assert set(row_ids(api_client_for(alice).get(REVIEWS))) == mine
    assert set(row_ids(api_client_for(bob).get(REVIEWS))) == mine
    assert set(row_ids(api_client_for(charlie).get(REVIEWS))) == {
        review.pk for review in two_queues["charlie"].values()
    }


def test_review_list_order_is_the_same_whoever_reads_it(two_queues, alice, executive, legal_user):
    """Newest request first, a submission's reviews by department name: read in the index's
    order for the executive and legal, sorted for the account side (``newest_first``)."""
    newest_first = list(
        ContractReview.objects.order_by("-requested_at", "department__name", "id").values_list(
            "pk", "contract_id", "department__code"
        )
    )
    charlies, alices = two_queues["charlie_contract"].pk, two_queues["contract"].pk
    assert [(contract, code) for _pk, contract, code in newest_first] == [
        (charlies, "finance"),
        (charlies, "legal"),
        (alices, "finance"),
        (alices, "legal"),
    ]
    assert row_ids(api_client_for(executive).get(REVIEWS)) == [pk for pk, *_ in newest_first]
    assert row_ids(api_client_for(legal_user).get(REVIEWS)) == [
        pk for pk, _contract, code in newest_first if code == "legal"
    ]
    assert row_ids(api_client_for(alice).get(REVIEWS)) == [
        pk for pk, contract, _code in newest_first if contract == alices
    ]


def test_bad_review_list_parameters_are_400(two_queues, legal_user):
    client = api_client_for(legal_user)
    unknown = client.get(REVIEWS, {"queue": "mine"})
    assert (unknown.status_code, list(unknown.json())) == (400, ["queue"])
    assert unknown.json()["queue"][0].startswith("Unknown query parameter. Accepted: ")
    for params in ({"decision": "maybe"}, {"department": "purchasing"}):
        response = client.get(REVIEWS, params)
        assert (response.status_code, list(response.json())) == (400, list(params)), params


def test_both_departments_approve_and_the_contract_is_approved(
    in_review, alice, legal_user, finance_user
):
    contract = in_review["contract"]
    legal = api_client_for(legal_user)
    finance = api_client_for(finance_user)

    # Finance cannot reach legal's review: it does not exist for them.
    foreign = finance.post(
        review_url(in_review["legal"], "decide"), {"decision": "approved"}, format="json"
    )
    assert (foreign.status_code, foreign.json()) == (404, NOT_FOUND)

    approved = legal.post(
        review_url(in_review["legal"], "decide"),
        {"decision": "approved", "comments": "Clause 7 fine."},
        format="json",
    )
    assert approved.status_code == 200, approved.content
    body = approved.json()
    assert set(body) == REVIEW_KEYS
    assert {
        k: body[k]
        for k in ("id", "department", "decision", "comments", "reviewer", "reviewer_name")
    } == {
        "id": in_review["legal"].pk,
        "department": "legal",
        "decision": "approved",
        "comments": "Clause 7 fine.",
        "reviewer": legal_user.pk,
        "reviewer_name": legal_user.display_name,
    }
    assert (body["contract_status"], body["is_open"], body["superseded_at"]) == (
        "in_review",
        False,
        None,
    )
    assert body["decided_at"] is not None

    again = legal.post(
        review_url(in_review["legal"], "decide"), {"decision": "rejected", "comments": "No"}
    )
    assert (again.status_code, again.json()) == (409, DECIDED)

    done = finance.post(
        review_url(in_review["finance"], "decide"), {"decision": "approved"}, format="json"
    )
    assert done.status_code == 200, done.content
    assert done.json()["contract_status"] == "approved"
    detail = api_client_for(alice).get(contract_url(contract)).json()
    assert (detail["status"], detail["review_state"], detail["status_note"]) == (
        "approved",
        "approved",
        "Every review approved version 1.",
    )
    assert sorted(
        Notification.objects.filter(user=alice, kind="contracts.review_decided").values_list(
            "subject", flat=True
        )
    ) == [
        "Finance: Approved — HT-2026-0001 Hangzhou Precision Castings",
        "Legal: Approved — HT-2026-0001 Hangzhou Precision Castings",
    ]


def test_the_account_side_does_not_decide(in_review, alice, bob, executive):
    review = in_review["legal"]
    for user, expected in (
        (alice, NOT_THE_DEPARTMENT),
        (bob, NOT_THE_DEPARTMENT),
        (executive, NOT_YOURS),
    ):
        response = api_client_for(user).post(
            review_url(review, "decide"), {"decision": "approved"}, format="json"
        )
        assert (response.status_code, response.json()) == (403, expected), user.username
    review.refresh_from_db()
    assert (review.decision, review.reviewer) == ("pending", None)


def test_changes_requested_needs_comments_and_returns_the_contract(
    in_review, alice, legal_user, finance_user
):
    contract = in_review["contract"]
    finance = api_client_for(finance_user)
    url = review_url(in_review["finance"], "decide")

    bare = finance.post(url, {"decision": "changes_requested", "comments": "  "}, format="json")
    assert (bare.status_code, bare.json()) == (
        400,
        {"comments": ["Say what must change, or why it is rejected."]},
    )
    pending = finance.post(url, {"decision": "pending"}, format="json")
    assert (pending.status_code, pending.json()) == (
        400,
        {"decision": ['"pending" is not a valid choice.']},
    )
    assert api_client_for(alice).get(contract_url(contract)).json()["status"] == "in_review"

    returned = finance.post(
        url,
        {"decision": "changes_requested", "comments": "Payment in 60 days, not 30."},
        format="json",
    )

    assert returned.status_code == 200, returned.content
    assert (returned.json()["decision"], returned.json()["contract_status"]) == (
        "changes_requested",
        "negotiating",
    )
    detail = api_client_for(alice).get(contract_url(contract)).json()
    assert (detail["status"], detail["review_state"], detail["status_note"]) == (
        "negotiating",
        "returned",
        "Finance: Changes requested.",
    )
    # The round is over: legal's pending review is superseded, out of its queue.
    legal = api_client_for(legal_user)
    assert row_ids(legal.get(REVIEWS, {"open": "true"})) == []
    late = legal.post(
        review_url(in_review["legal"], "decide"), {"decision": "approved"}, format="json"
    )
    assert (late.status_code, late.json()) == (409, SUPERSEDED)
    assert legal.get(review_url(in_review["legal"])).json()["superseded_at"] is not None
    # A new version and a new submission open a new round for both.
    services.version_add(contract=contract, by=alice, body="1. Scope\n2. Payment in 60 days")
    resubmitted = api_client_for(alice).post(contract_url(contract, "submit-for-review"), {})
    assert resubmitted.status_code == 200, resubmitted.content
    assert [
        (row["version_no"], row["is_open"])
        for row in legal.get(REVIEWS, {"open": "true"}).json()["results"]
    ] == [(2, True)]


def test_rejected_returns_the_contract_to_negotiation(in_review, legal_user):
    response = api_client_for(legal_user).post(
        review_url(in_review["legal"], "decide"),
        {"decision": "rejected", "comments": "Unlimited liability."},
        format="json",
    )

    assert response.status_code == 200, response.content
    contract = Contract.objects.get(pk=in_review["contract"].pk)
    assert (contract.status, contract.review_state) == ("negotiating", "returned")
    assert contract.reviews.filter(superseded_at__isnull=True).count() == 0


# --- the file's download ---------------------------------------------------------------------


def test_file_url_downloads_for_the_owner_and_the_reviewers_only(
    alice_records, alice, legal_user, finance_user, charlie, logistics_user, media_root
):
    contract = alice_records["contract"]
    content = pdf_bytes()
    uploaded = api_client_for(alice).post(
        contract_url(contract, "versions"),
        {"file": upload("HT-2026-0001 v2.pdf", content)},
        format="multipart",
    )
    assert uploaded.status_code == 201, uploaded.content
    submit(contract)
    path = urlsplit(uploaded.json()["file_url"]).path
    # Each reader finds the same URL in the versions they list.
    for user in (alice, legal_user):
        listed = api_client_for(user).get(contract_url(contract, "versions")).json()["results"]
        assert urlsplit(listed[-1]["file_url"]).path == path

    for user in (alice, legal_user, finance_user):
        browser = Client()
        browser.force_login(user)
        response = browser.get(path)
        assert response.status_code == 200, user.username
        assert b"".join(response.streaming_content) == content
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "HT-2026-0001" in response["Content-Disposition"]
    for user in (charlie, logistics_user):
        browser = Client()
        browser.force_login(user)
        assert browser.get(path).status_code == 404, user.username
    anonymous = Client().get(path)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/auth/login/")


# --- the ledger's filters ------------------------------------------------------------------


@pytest.fixture
def ledger(alice, alice_account, legal_user, finance_user):
    """Alice's contracts in every state, each ending on a day of its own."""
    today = company_today()

    def contract(number, ends_in, *, starts_ago=0, account=alice_account, title=None):
        return f.ContractFactory(
            account=account,
            number=number,
            title=title or f"Agreement {number}",
            starts_on=today - dt.timedelta(days=starts_ago),
            ends_on=today + dt.timedelta(days=ends_in),
        )

    ledger = {
        "draft": contract("HT-L-01", 300),
        "negotiating": contract("HT-L-02", 200, title="Forgings framework"),
        "in_review": contract("HT-L-03", 250),
        "returned": contract("HT-L-04", 150),
        "approved": contract("HT-L-05", 100),
        "renewal": contract("HT-L-06", 45, starts_ago=320),
        "signed": contract("HT-L-07", 400, starts_ago=10),
    }
    f.NegotiationRecordFactory(contract=ledger["negotiating"])
    submit(ledger["in_review"])
    returned = submit(ledger["returned"])
    services.review_decide(
        review=returned["finance"], by=finance_user, decision="rejected", comments="Price"
    )
    approve(ledger["approved"], legal=legal_user, finance=finance_user)
    sign(ledger["renewal"], legal=legal_user, finance=finance_user)
    sign(ledger["signed"], legal=legal_user, finance=finance_user)
    other = f.AccountFactory(owner=alice, name="Suzhou Valves")
    ledger["other"] = contract("HT-L-08", 500, account=other)
    return ledger


def test_list_filters(ledger, alice):
    client = api_client_for(alice)
    c = {name: contract.pk for name, contract in ledger.items()}
    today = company_today()

    def ids(**params):
        return row_ids(client.get(CONTRACTS, params))

    newest_first = [
        "other",
        "signed",
        "renewal",
        "approved",
        "returned",
        "in_review",
        "negotiating",
        "draft",
    ]
    assert ids() == [c[name] for name in newest_first]
    assert ids(status="draft") == [c["other"], c["draft"]]
    assert ids(status=["approved", "signed"]) == [c["signed"], c["renewal"], c["approved"]]
    assert ids(status="negotiating") == [c["returned"], c["negotiating"]]
    assert ids(review_state="pending") == [c["in_review"]]
    assert ids(review_state="returned") == [c["returned"]]
    assert ids(review_state=["approved", "pending"]) == [
        c["signed"],
        c["renewal"],
        c["approved"],
        c["in_review"],
    ]
    assert ids(review_state="not_submitted") == [c["other"], c["negotiating"], c["draft"]]
    assert ids(renewal_due="1") == [c["renewal"]]
    assert ids(renewal_due="true") == [c["renewal"]]
    assert ids(renewal_due="0") == [c[name] for name in newest_first if name != "renewal"]
    assert ids(ends_before=(today + dt.timedelta(days=150)).isoformat()) == [
        c["renewal"],
        c["approved"],
        c["returned"],
    ]
    assert ids(account=ledger["other"].account_id) == [c["other"]]
    assert ids(search="Suzhou") == [c["other"]]
    assert ids(search="HT-L-04") == [c["returned"]]
    assert ids(search="forgings") == [c["negotiating"]]
    assert ids(search="forgings", status="draft") == []
    by_end = [
        "renewal",
        "approved",
        "returned",
        "negotiating",
        "in_review",
        "draft",
        "signed",
        "other",
    ]
    assert ids(ordering="ends_on") == [c[name] for name in by_end]
    assert ids(ordering="-ends_on") == [c[name] for name in reversed(by_end)]
    rows = {row["id"]: row for row in client.get(CONTRACTS, {"page_size": 200}).json()["results"]}
    assert rows[c["renewal"]]["days_to_end"] == 45
    assert rows[c["signed"]]["signed_on"] == today.isoformat()


def test_reviewers_filter_their_part_of_the_ledger(ledger, legal_user):
    client = api_client_for(legal_user)
    c = {name: contract.pk for name, contract in ledger.items()}

    assert row_ids(client.get(CONTRACTS)) == [
        c[name] for name in ("signed", "renewal", "approved", "returned", "in_review")
    ]
    assert row_ids(client.get(CONTRACTS, {"review_state": "pending"})) == [c["in_review"]]
    assert row_ids(client.get(CONTRACTS, {"renewal_due": "1"})) == [c["renewal"]]
    # An account named in a filter is one the user sees; a reviewer sees none.
    refused = client.get(CONTRACTS, {"account": ledger["other"].account_id})
    assert (refused.status_code, list(refused.json())) == (400, ["account"])


def test_bad_list_parameters_are_400(ledger, alice, charlie_records):
    client = api_client_for(alice)

    unknown = client.get(CONTRACTS, {"colour": "red"})
    assert (unknown.status_code, list(unknown.json())) == (400, ["colour"])
    message = unknown.json()["colour"][0]
    assert message.startswith("Unknown query parameter. Accepted: ")
    assert "renewal_due" in message and "review_state" in message
    for params in (
        {"status": "done"},
        {"review_state": "lost"},
        {"ends_before": "tomorrow"},
        {"account": charlie_records["account"].pk},
        {"currency": "XYZ"},
    ):
        response = client.get(CONTRACTS, params)
        assert (response.status_code, list(response.json())) == (400, list(params)), params
    ordered = client.get(CONTRACTS, {"ordering": "search_text"})
    assert ordered.status_code == 200  # an unknown ordering is ignored, as DRF does


# --- query counts ----------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 5])
def test_rep_list_query_count_is_constant(
    alice, legal_user, finance_user, rows, django_assert_num_queries
):
    fill_contracts(alice, rows, legal=legal_user, finance=finance_user)
    client = api_client_for(alice)
    client.get(CONTRACTS)  # warm up: content types, the token
    # Savepoint, token, count, rows (account, owner and latest version joined), release.
    with django_assert_num_queries(5):
        response = client.get(CONTRACTS, {"page_size": 200, "ordering": "ends_on"})
    assert response.json()["count"] == rows


@pytest.mark.parametrize("rows", [1, 5])
def test_reviewer_list_query_count_is_constant(
    alice, charlie, legal_user, finance_user, rows, django_assert_num_queries
):
    fill_contracts(alice, rows, legal=legal_user, finance=finance_user)
    fill_contracts(charlie, rows, legal=legal_user, finance=finance_user)
    client = api_client_for(legal_user)
    client.get(CONTRACTS)
    # Savepoint, token, count, rows (the review subquery inside), release.
    with django_assert_num_queries(5):
        response = client.get(CONTRACTS, {"page_size": 200})
    assert response.json()["count"] == 2 * rows


@pytest.mark.parametrize("rows", [1, 5])
def test_review_list_query_count_is_constant(
    alice, charlie, legal_user, finance_user, rows, django_assert_num_queries
):
    fill_contracts(alice, rows, legal=legal_user, finance=finance_user)
    fill_contracts(charlie, rows, legal=legal_user, finance=finance_user)
    client = api_client_for(legal_user)
    client.get(REVIEWS)
    # Savepoint, token, count, rows (contract, account, version, department, reviewer and
    # requester joined), release.
    with django_assert_num_queries(5):
        response = client.get(REVIEWS, {"page_size": 200})
    assert response.json()["count"] == 2 * rows


@pytest.mark.parametrize("rounds", [1, 3])
def test_detail_and_children_query_counts(
    alice_records, alice, legal_user, finance_user, rounds, django_assert_num_queries
):
    contract = alice_records["contract"]
    for n in range(rounds):
        f.NegotiationRecordFactory(contract=contract, topics=f"Round {n}")
        services.version_add(contract=contract, by=alice, body=f"1. Scope\n2. Price: {90 - n}")
        reviews = submit(contract)
        services.review_decide(
            review=reviews["legal"], by=legal_user, decision="changes_requested", comments="No"
        )
    client = api_client_for(alice)
    for path, queries in (
        # Savepoint, token, the row with its account, owner and latest version, release.
        (contract_url(contract), 4),
        # Savepoint, token, the contract, count, versions with their authors, release.
        (contract_url(contract, "versions"), 6),
        # Savepoint, token, the contract, count, rounds with their recorders, release.
        (contract_url(contract, "negotiations"), 6),
        # Savepoint, token, the contract, count, reviews with what they name, release.
        (contract_url(contract, "reviews"), 6),
        # Savepoint, token, the review with what it names, release.
        (review_url(contract.reviews.first()), 4),
    ):
        client.get(path)
        with django_assert_num_queries(queries):
            assert client.get(path).status_code == 200, path
