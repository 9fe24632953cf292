"""The generic API test every viewset's test class inherits (netbox ``APIViewTestCases``).

A subclass names the resource and how to make its records; the mixin then checks the
contract of DESIGN.md for it with the personas of ``tests/conftest.py``: anonymous → 401,
Charlie (another team) → 404 and nothing in his lists, Bob (Alice's manager) sees it,
Alice's list is exactly her rows, create/update validate, references to records outside
``visible_to(user, "change")`` → 400, a department member sees nothing, an executive
reads but may not change (403), and the list's query count does not grow with its rows.
"""

from typing import Any, ClassVar

import pytest
from django.urls import reverse

from tests import factories as f
from tests.support import api_client_for


class APIViewTests:
    #: "<namespace>:<basename>", e.g. "accounts-api:account".
    url_name: ClassVar[str]
    #: Key of Alice's object in the ``alice_records`` fixture.
    record_key: ClassVar[str]
    #: Queries of a list request (token lookup, transaction, count, rows, prefetches),
    #: pinned with 1 and with many rows.
    list_queries: ClassVar[int]
    #: Field that points at a parent record (the write-visibility check).
    reference_field: ClassVar[str] = "account"
    #: A payload that must fail, and the field the error is reported on.
    invalid_payload: ClassVar[dict[str, Any]]
    invalid_field: ClassVar[str]
    #: A term of Alice's record that ``?search=`` finds.
    search_term: ClassVar[str]

    # --- what a subclass provides -------------------------------------------------------

    def create_payload(self, records) -> dict[str, Any]:
        raise NotImplementedError

    def update_payload(self, records) -> dict[str, Any]:
        raise NotImplementedError

    def expected_alice_rows(self, records) -> set[int]:
        """Ids of every row Alice must see (and no others)."""
        raise NotImplementedError

    def foreign_reference(self, charlie_records) -> Any:
        """A value of ``reference_field`` that points at Charlie's (invisible) record."""
        return charlie_records["account"].pk

    def make_rows(self, owner, count: int) -> None:
        """Create ``count`` rows visible to ``owner`` (and nothing else they would see)."""
        raise NotImplementedError

    def expected_response(self, payload: dict[str, Any]) -> dict[str, Any]:
        """The payload as the API answers it (decimals as strings and so on)."""
        return payload

    # --- helpers ------------------------------------------------------------------------

    def list_url(self) -> str:
        return reverse(f"{self.url_name}-list")

    def detail_url(self, obj) -> str:
        return reverse(f"{self.url_name}-detail", args=[obj.pk])

    def alice_object(self, records):
        return records[self.record_key]

    @staticmethod
    def ids(response) -> set[int]:
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    @pytest.fixture
    def charlie_records(self, charlie):
        """Charlie's own data, which Alice must never see either."""
        account = f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")
        contact = f.ContactFactory(account=account, name="Zhao Min")
        visit = f.VisitFactory(account=account, rep=charlie)
        visit.contacts.set([contact])
        survey = f.SurveyResponseFactory(account=account, contact=contact)
        plan = f.RelationshipPlanFactory(account=account)
        action = f.PlanActionFactory(plan=plan)
        return {
            "account": account,
            "contact": contact,
            "boss": contact,
            "visit": visit,
            "survey": survey,
            "plan": plan,
            "action": action,
        }

    # --- the contract ---------------------------------------------------------------------

    def test_anonymous_gets_401(self, alice_records):
        client = api_client_for(None)
        obj = self.alice_object(alice_records)
        for response in (
            client.get(self.list_url()),
            client.get(self.detail_url(obj)),
            client.post(self.list_url(), self.create_payload(alice_records), format="json"),
        ):
            assert response.status_code == 401
            assert response["WWW-Authenticate"] == "Token"

    def test_other_team_gets_404_and_sees_nothing(self, alice_records, charlie_records, charlie):
        client = api_client_for(charlie)
        obj = self.alice_object(alice_records)
        assert client.get(self.detail_url(obj)).status_code == 404
        assert (
            client.patch(
                self.detail_url(obj), self.update_payload(alice_records), format="json"
            ).status_code
            == 404
        )
        assert (
            client.put(
                self.detail_url(obj), self.create_payload(alice_records), format="json"
            ).status_code
            == 404
        )
        assert client.delete(self.detail_url(obj)).status_code == 404
        assert obj.pk not in self.ids(client.get(self.list_url()))
        assert obj.pk not in self.ids(client.get(self.list_url(), {"search": self.search_term}))
        # His own records are there, so the empty answer above is not an accident.
        assert self.alice_object(charlie_records).pk in self.ids(client.get(self.list_url()))
        obj.refresh_from_db()  # not deleted

    def test_manager_sees_the_reps_record(self, alice_records, bob):
        client = api_client_for(bob)
        obj = self.alice_object(alice_records)
        response = client.get(self.detail_url(obj))
        assert response.status_code == 200
        assert response.json()["id"] == obj.pk
        assert obj.pk in self.ids(client.get(self.list_url()))

    def test_list_shows_exactly_the_reps_rows(self, alice_records, charlie_records, alice):
        client = api_client_for(alice)
        assert self.ids(client.get(self.list_url())) == self.expected_alice_rows(alice_records)
        found = self.ids(client.get(self.list_url(), {"search": self.search_term}))
        assert self.alice_object(alice_records).pk in found
        assert found <= self.expected_alice_rows(alice_records)

    def test_create(self, alice_records, alice):
        payload = self.create_payload(alice_records)
        response = api_client_for(alice).post(self.list_url(), payload, format="json")
        assert response.status_code == 201, response.content
        body = response.json()
        expected = self.expected_response(payload)
        assert {key: body[key] for key in expected} == expected
        created = self.alice_object(alice_records).__class__.objects.get(pk=body["id"])
        assert api_client_for(alice).get(self.detail_url(created)).json() == body

    def test_create_invalid_is_400_on_the_field(self, alice_records, alice):
        payload = {**self.create_payload(alice_records), **self.invalid_payload}
        response = api_client_for(alice).post(self.list_url(), payload, format="json")
        assert response.status_code == 400, response.content
        assert self.invalid_field in response.json()

    def test_create_on_an_invisible_record_is_400(self, alice_records, charlie_records, alice):
        payload = {
            **self.create_payload(alice_records),
            self.reference_field: self.foreign_reference(charlie_records),
        }
        response = api_client_for(alice).post(self.list_url(), payload, format="json")
        assert response.status_code == 400, response.content
        assert self.reference_field in response.json()

    def test_update(self, alice_records, alice):
        obj = self.alice_object(alice_records)
        payload = self.update_payload(alice_records)
        response = api_client_for(alice).patch(self.detail_url(obj), payload, format="json")
        assert response.status_code == 200, response.content
        expected = self.expected_response(payload)
        assert {key: response.json()[key] for key in expected} == expected

    def test_update_onto_an_invisible_record_is_400(self, alice_records, charlie_records, alice):
        obj = self.alice_object(alice_records)
        response = api_client_for(alice).patch(
            self.detail_url(obj),
            {self.reference_field: self.foreign_reference(charlie_records)},
            format="json",
        )
        assert response.status_code == 400, response.content
        assert self.reference_field in response.json()

    def test_department_member_sees_nothing(self, alice_records, dept_user):
        client = api_client_for(dept_user)
        assert client.get(self.detail_url(self.alice_object(alice_records))).status_code == 404
        assert self.ids(client.get(self.list_url())) == set()

    def test_executive_reads_but_may_not_change(self, alice_records, executive):
        client = api_client_for(executive)
        obj = self.alice_object(alice_records)
        assert client.get(self.detail_url(obj)).status_code == 200
        assert obj.pk in self.ids(client.get(self.list_url()))
        response = client.patch(
            self.detail_url(obj), self.update_payload(alice_records), format="json"
        )
        assert response.status_code == 403
        assert response.json() == {"detail": "Your role may not change this record."}
        assert client.delete(self.detail_url(obj)).status_code == 403

    @pytest.mark.parametrize("rows", [1, 20])
    def test_list_query_count_is_constant(self, alice, rows, django_assert_num_queries):
        self.make_rows(alice, rows)
        client = api_client_for(alice)
        client.get(self.list_url())  # warm up: content types, the token
        with django_assert_num_queries(self.list_queries):
            response = client.get(self.list_url(), {"page_size": 200})
        assert response.json()["count"] == rows
