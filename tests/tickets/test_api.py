"""The duty-4 REST API: the generic contract for tickets, a department's queue, the
ticket's actions, the filters, a clerk's journey with real tokens, query counts, the schema.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts import selectors as account_selectors
from accounts.models import Account, SurveyResponse
from kam.choices import Role
from kam.dates import company_today
from kam.models import User
from tests import factories as f
from tests.apitest import APIViewTests
from tests.support import api_client_for
from tickets import services
from tickets.models import Ticket, TicketEvent

pytestmark = pytest.mark.django_db

TICKETS = reverse("tickets-api:ticket-list")
SURVEYS = reverse("accounts-api:survey-list")
NOT_YOURS = {"detail": "Your role may not change this record."}
NOT_FOUND = {"detail": "Not found."}
NO_DELETE = {"detail": 'Method "DELETE" not allowed.'}
ACCOUNT_SIDE_ONLY = {"detail": "Only the account's team may do this."}
NOT_A_MEMBER = {"assignee": ["Choose an active member of the ticket's department."]}
#: What a ticket's JSON holds: of its account, the id, name and tier only.
TICKET_KEYS = {
    "id",
    "account",
    "account_name",
    "account_tier",
    "order",
    "order_number",
    "order_promised_on",
    "category",
    "priority",
    "subject",
    "description",
    "department",
    "status",
    "raised_by",
    "raised_by_name",
    "assignee",
    "assignee_name",
    "opened_at",
    "first_response_at",
    "resolved_at",
    "due_at",
    "paused_seconds",
    "sla_state",
    "remaining_seconds",
    "sla_calendar",
    "clock_stopped",
    "resolution_hours",
    "feedback_score",
    "updated_at",
}
#: Each action with a body that would be valid (so only who asks decides the answer).
ACTION_BODIES = {
    "comments": {"body": "Checking with the warehouse."},
    "transition": {"status": "in_progress", "note": "On it."},
    "assign": {"department": "finance"},
    "feedback": {"score": 5, "comment": "Quick and clear."},
}


def ticket_url(ticket, action=None) -> str:
    if action:
        return reverse(f"tickets-api:ticket-{action}", args=[ticket.pk])
    return reverse("tickets-api:ticket-detail", args=[ticket.pk])


def moment(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def member(username: str, department: str, **extra):
    """A department member of ``department`` (a code)."""
    return f.UserFactory(
        username=username, role=Role.DEPARTMENT, department=f.department(department), **extra
    )


def row_ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def events_of(ticket) -> list[tuple]:
    return list(
        TicketEvent.objects.filter(ticket=ticket)
        .order_by("created_at", "id")
        .values_list("kind", "from_status", "to_status")
    )


@pytest.fixture
def alice_records(alice_records):
    """Conftest's records of Alice's account, plus an order and a ticket about it.

    The ticket is a delivery ticket, so it is routed to logistics: tech support (Tess,
    conftest's department member) must see nothing of it.
    """
    account = alice_records["account"]
    order = f.OrderFactory(account=account, number="SO-HZ-0001")
    ticket = f.TicketFactory(
        account=account,
        order=order,
        category="delivery",
        priority="high",
        subject="Second batch of castings not arrived",
        description="The plant expected 400 pieces on Monday.",
    )
    return {**alice_records, "order": order, "ticket": ticket}


def make_charlie_records(charlie):
    """Charlie's account and a quality ticket on it (routed to tech support)."""
    account = f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")
    order = f.OrderFactory(account=account, number="SO-CD-0001")
    ticket = f.TicketFactory(
        account=account, order=order, category="quality", subject="Cracked press frames"
    )
    return {"account": account, "order": order, "ticket": ticket}


@pytest.fixture
def charlie_records(charlie):
    return make_charlie_records(charlie)


@pytest.fixture
def queue(alice_records, charlie_records):
    """Tickets of two teams' accounts: three routed to tech support, one to logistics."""
    account = alice_records["account"]
    return {
        "quality": f.TicketFactory(
            account=account, category="quality", subject="Porosity in the housings"
        ),
        "technical": f.TicketFactory(
            account=account, category="technical", subject="Sensor calibration drifts"
        ),
        "charlie": charlie_records["ticket"],
        "delivery": alice_records["ticket"],
    }


# --- the generic contract ------------------------------------------------------------------


class TestTicketAPI(APIViewTests):
    url_name = "tickets-api:ticket"
    record_key = "ticket"
    #: Savepoint, token, count, rows (account, order, department, raised_by, assignee and
    #: feedback joined), release.
    list_queries = 5
    reference_field = "account"
    invalid_payload = {"category": "weather"}
    invalid_field = "category"
    search_term = "Hangzhou"

    @pytest.fixture
    def charlie_records(self, charlie):
        return make_charlie_records(charlie)

    def create_payload(self, records):
        return {
            "account": records["account"].pk,
            "order": records["order"].pk,
            "category": "quality",
            "priority": "urgent",
            "subject": "Porosity in the last batch",
            "description": "Three housings leaked at the customer's pressure test.",
        }

    def update_payload(self, records):
        return {"subject": "Second batch still missing", "priority": "urgent"}

    def expected_response(self, payload):
        if "account" not in payload:
            return payload
        # A new ticket: routed by its category, its clock just started.
        return {
            **payload,
            "account_name": "Hangzhou Precision Castings",
            "account_tier": "key",
            "order_number": "SO-HZ-0001",
            "department": "tech_support",
            "status": "open",
            "assignee": None,
            "assignee_name": None,
            "first_response_at": None,
            "resolved_at": None,
            "paused_seconds": 0,
            "sla_state": "on_track",
            "resolution_hours": None,
            "feedback_score": None,
        }

    def expected_alice_rows(self, records):
        return {records["ticket"].pk}

    def make_rows(self, owner, count):
        account = f.AccountFactory(owner=owner)
        order = f.OrderFactory(account=account)
        categories = ("delivery", "quality", "billing")
        for n in range(count):
            f.TicketFactory(
                account=account, order=order if n % 2 else None, category=categories[n % 3]
            )

    def test_create(self, alice_records, alice):
        """The generic check, and what the service adds: the raiser and a due time 48 h on."""
        super().test_create(alice_records, alice)
        ticket = Ticket.objects.get(subject="Porosity in the last batch")
        body = api_client_for(alice).get(self.detail_url(ticket)).json()
        assert (body["raised_by"], body["raised_by_name"]) == (alice.pk, alice.display_name)
        assert moment(body["due_at"]) - moment(body["opened_at"]) == dt.timedelta(hours=48)

    def test_other_team_gets_404_and_sees_nothing(self, alice_records, charlie_records, charlie):
        """Tickets have no DELETE: Charlie's delete is 405 (the method), not 404."""
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
        assert obj.subject == "Second batch of castings not arrived"

    def test_department_member_sees_nothing(self, alice_records, dept_user):
        """Unlike accounts, a department member DOES see the tickets routed to their
        department. Alice's fixture ticket goes to logistics, so Tess (tech support) sees
        nothing of it; a quality ticket on the same account is in her queue."""
        client = api_client_for(dept_user)
        delivery = self.alice_object(alice_records)
        assert client.get(self.detail_url(delivery)).status_code == 404
        assert self.ids(client.get(self.list_url())) == set()

        quality = f.TicketFactory(account=alice_records["account"], category="quality")
        assert self.ids(client.get(self.list_url())) == {quality.pk}
        assert client.get(self.detail_url(quality)).json()["id"] == quality.pk
        assert client.get(self.detail_url(delivery)).status_code == 404

    def test_executive_reads_but_may_not_change(self, alice_records, executive):
        """Tickets have no DELETE: the executive's delete is 405 (the method), not 403."""
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


# --- a department's queue and who reaches a ticket -----------------------------------------


def test_department_member_lists_exactly_their_departments_tickets(queue, dept_user):
    client = api_client_for(dept_user)

    assert set(row_ids(client.get(TICKETS))) == {
        queue["quality"].pk,
        queue["technical"].pk,
        queue["charlie"].pk,
    }
    # Naming another department does not reach into its queue.
    assert row_ids(client.get(TICKETS, {"department": "logistics"})) == []
    assert set(row_ids(client.get(TICKETS, {"department": "tech_support"}))) == {
        queue["quality"].pk,
        queue["technical"].pk,
        queue["charlie"].pk,
    }


def test_another_departments_ticket_is_404_everywhere(queue, dept_user):
    client = api_client_for(dept_user)
    ticket = queue["delivery"]
    before = events_of(ticket)

    answers = [
        client.get(ticket_url(ticket)),
        client.get(ticket_url(ticket, "events")),
        client.patch(ticket_url(ticket), {"subject": "Mine now"}, format="json"),
        *(
            client.post(ticket_url(ticket, action), body, format="json")
            for action, body in ACTION_BODIES.items()
        ),
    ]

    assert [(r.status_code, r.json()) for r in answers] == [(404, NOT_FOUND)] * 7
    ticket.refresh_from_db()
    assert (ticket.status, ticket.subject, ticket.department.code) == (
        "open",
        "Second batch of castings not arrived",
        "logistics",
    )
    assert events_of(ticket) == before


def test_rep_of_another_team_gets_404_everywhere(queue, charlie):
    client = api_client_for(charlie)
    for ticket in (queue["delivery"], queue["quality"]):
        answers = [
            client.get(ticket_url(ticket)),
            client.get(ticket_url(ticket, "events")),
            client.patch(ticket_url(ticket), {"subject": "Mine now"}, format="json"),
            *(
                client.post(ticket_url(ticket, action), body, format="json")
                for action, body in ACTION_BODIES.items()
            ),
        ]
        assert [(r.status_code, r.json()) for r in answers] == [(404, NOT_FOUND)] * 7
        assert events_of(ticket) == [("status_change", "", "open")]
    assert row_ids(client.get(TICKETS)) == [queue["charlie"].pk]


def test_anonymous_gets_401_everywhere(queue):
    client = api_client_for(None)
    ticket = queue["quality"]

    answers = [
        client.get(TICKETS),
        client.post(TICKETS, {"subject": "x"}, format="json"),
        client.get(ticket_url(ticket)),
        client.patch(ticket_url(ticket), {"subject": "x"}, format="json"),
        client.put(ticket_url(ticket), {"subject": "x"}, format="json"),
        client.delete(ticket_url(ticket)),
        client.get(ticket_url(ticket, "events")),
        *(
            client.post(ticket_url(ticket, action), body, format="json")
            for action, body in ACTION_BODIES.items()
        ),
    ]

    assert [r.status_code for r in answers] == [401] * 11
    assert {r["WWW-Authenticate"] for r in answers} == {"Token"}
    assert events_of(ticket) == [("status_change", "", "open")]


def test_department_member_sees_only_the_accounts_id_name_and_tier(alice_records, bob, dept_user):
    account = alice_records["account"]
    Account.objects.filter(pk=account.pk).update(code="ERP-HZ-7781", region="Zhejiang North")
    # Names of our own, so that no random name happens to contain a leak's text.
    User.objects.filter(pk=account.owner_id).update(first_name="Alice", last_name="Chen")
    User.objects.filter(pk=bob.pk).update(first_name="Bob", last_name="Brown")
    account.refresh_from_db()
    bob.refresh_from_db()
    # Raised by Alice's manager, so the owner's name could only come from the account.
    ticket = f.TicketFactory(
        account=account, category="quality", subject="Porosity", description="", raised_by=bob
    )
    services.ticket_comment(ticket=ticket, by=bob, body="Photos attached.")
    client = api_client_for(dept_user)

    detail = client.get(ticket_url(ticket))
    listed = client.get(TICKETS)
    events = client.get(ticket_url(ticket, "events"))

    body = detail.json()
    assert set(body) == TICKET_KEYS
    assert (body["account"], body["account_name"], body["account_tier"]) == (
        account.pk,
        "Hangzhou Precision Castings",
        "key",
    )
    assert listed.json()["results"] == [body]
    alice = User.objects.get(pk=account.owner_id)
    assert body["raised_by_name"] == "Bob Brown"
    leaks = [
        "ERP-HZ-7781",  # code
        "Zhejiang North",  # region
        "Manufacturing",  # industry
        "1000000",  # annual potential
        "2023-01-01",  # customer since
        "Wang Lei",  # contacts
        "Li Na",
        "customer.example",  # contacts' e-mail
        "owner",
        alice.username,
        alice.display_name,
        alice.email,
    ]
    for response in (detail, listed, events):
        assert response.status_code == 200
        text = response.content.decode()
        assert [leak for leak in leaks if leak in text] == []


# --- the actions ---------------------------------------------------------------------------


def test_comment_is_201_with_its_event(queue, dept_user):
    ticket = queue["quality"]
    client = api_client_for(dept_user)

    response = client.post(
        ticket_url(ticket, "comments"), {"body": "  Testing the returned parts.  "}, format="json"
    )

    assert response.status_code == 201, response.content
    event = TicketEvent.objects.get(ticket=ticket, kind="comment")
    body = response.json()
    assert {**body, "created_at": moment(body["created_at"])} == {
        "id": event.pk,
        "kind": "comment",
        "author": dept_user.pk,
        "author_name": dept_user.display_name,
        "body": "Testing the returned parts.",
        "from_status": "",
        "to_status": "",
        "department": None,
        "assignee": None,
        "assignee_name": None,
        "created_at": event.created_at,
    }
    ticket.refresh_from_db()
    assert ticket.first_response_at == event.created_at
    blank = client.post(ticket_url(ticket, "comments"), {"body": "   "}, format="json")
    assert (blank.status_code, blank.json()) == (400, {"body": ["This field may not be blank."]})
    assert TicketEvent.objects.filter(ticket=ticket, kind="comment").count() == 1


def test_transition_200_then_409_with_the_allowed_statuses(queue, dept_user):
    ticket = queue["quality"]
    client = api_client_for(dept_user)

    moved = client.post(
        ticket_url(ticket, "transition"), {"status": "in_progress", "note": "On it."}, format="json"
    )
    assert moved.status_code == 200, moved.content
    assert set(moved.json()) == TICKET_KEYS
    assert (moved.json()["status"], moved.json()["sla_state"]) == ("in_progress", "on_track")
    assert moved.json()["first_response_at"] is not None

    refused = client.post(ticket_url(ticket, "transition"), {"status": "open"}, format="json")
    assert (refused.status_code, refused.json()) == (
        409,
        {
            "detail": "A ticket that is In progress cannot become Open.",
            "allowed": ["waiting_on_customer", "resolved"],
        },
    )
    unknown = client.post(ticket_url(ticket, "transition"), {"status": "done"}, format="json")
    assert (unknown.status_code, unknown.json()) == (
        400,
        {"status": ['"done" is not a valid choice.']},
    )
    ticket.refresh_from_db()
    assert ticket.status == "in_progress"
    assert events_of(ticket) == [
        ("status_change", "", "open"),
        ("status_change", "open", "in_progress"),
    ]


def test_assign_within_the_department_and_to_another(queue, dept_user, alice):
    ticket = queue["quality"]
    tom = member("tom", "tech_support", first_name="Tom", last_name="Baker")
    lou = member("lou", "logistics")
    gone = member("gus", "tech_support", is_active=False)
    client = api_client_for(dept_user)
    url = ticket_url(ticket, "assign")

    given = client.post(url, {"assignee": tom.pk, "note": "Tom knows the line."}, format="json")
    assert given.status_code == 200, given.content
    assert {k: given.json()[k] for k in ("assignee", "assignee_name", "department")} == {
        "assignee": tom.pk,
        "assignee_name": "Tom Baker",
        "department": "tech_support",
    }
    # Another department's member, a rep, an inactive member, nobody: the same answer.
    for assignee in (lou.pk, alice.pk, gone.pk, 10**9):
        refused = client.post(url, {"assignee": assignee}, format="json")
        assert (refused.status_code, refused.json()) == (400, NOT_A_MEMBER)
    ticket.refresh_from_db()
    assert ticket.assignee == tom

    sent = client.post(url, {"department": "logistics"}, format="json")
    assert sent.status_code == 200, sent.content
    assert (sent.json()["department"], sent.json()["assignee"]) == ("logistics", None)
    # It left tech support's queue; logistics has it.
    assert client.get(ticket_url(ticket)).status_code == 404
    assert ticket.pk not in row_ids(client.get(TICKETS))
    assert row_ids(api_client_for(lou).get(TICKETS)) == [ticket.pk, queue["delivery"].pk]
    assert [
        (e.kind, e.department.code, e.assignee_id)
        for e in TicketEvent.objects.filter(ticket=ticket, kind="reassign").order_by("id")
    ] == [("reassign", "tech_support", tom.pk), ("reassign", "logistics", None)]


def test_feedback_once_after_resolution_by_the_accounts_team(queue, alice, dept_user):
    ticket = queue["quality"]
    url = ticket_url(ticket, "feedback")
    rep = api_client_for(alice)
    surveys_before = SurveyResponse.objects.count()

    early = rep.post(url, {"score": 5}, format="json")
    assert (early.status_code, early.json()) == (
        409,
        {"detail": "Feedback is recorded once the ticket is resolved."},
    )
    services.ticket_transition(ticket=ticket, to_status="resolved", by=dept_user)
    department = api_client_for(dept_user).post(url, {"score": 5}, format="json")
    assert (department.status_code, department.json()) == (
        403,
        ACCOUNT_SIDE_ONLY,
    )
    bad = rep.post(url, {"score": 6}, format="json")
    assert (bad.status_code, list(bad.json())) == (400, ["score"])
    assert SurveyResponse.objects.count() == surveys_before

    recorded = rep.post(url, {"score": 5, "comment": " Quick and clear. "}, format="json")
    assert recorded.status_code == 201, recorded.content
    survey = SurveyResponse.objects.get(source="after_ticket")
    assert recorded.json() == {
        "survey": survey.pk,
        "score": 5,
        "comment": "Quick and clear.",
        "received_on": company_today().isoformat(),
        "source": "after_ticket",
    }
    again = rep.post(url, {"score": 1}, format="json")
    assert (again.status_code, again.json()) == (
        409,
        {"detail": "This ticket's feedback is recorded already."},
    )
    listed = rep.get(SURVEYS, {"source": "after_ticket"}).json()["results"]
    assert listed == [
        {
            "id": survey.pk,
            "account": ticket.account_id,
            "contact": None,
            "received_on": company_today().isoformat(),
            "score": 5,
            "nps": None,
            "comment": "Quick and clear.",
            "source": "after_ticket",
        }
    ]
    assert survey.pk in row_ids(rep.get(SURVEYS))
    assert rep.get(ticket_url(ticket)).json()["feedback_score"] == 5
    assert SurveyResponse.objects.count() == surveys_before + 1


def test_executive_gets_403_on_every_action(queue, executive):
    ticket = queue["quality"]
    client = api_client_for(executive)

    assert client.get(ticket_url(ticket)).status_code == 200
    assert client.get(ticket_url(ticket, "events")).status_code == 200
    answers = [
        client.patch(ticket_url(ticket), {"subject": "Mine now"}, format="json"),
        *(
            client.post(ticket_url(ticket, action), body, format="json")
            for action, body in ACTION_BODIES.items()
        ),
    ]
    assert [(r.status_code, r.json()) for r in answers] == [(403, NOT_YOURS)] * 5
    # Not even to create one.
    created = client.post(
        TICKETS,
        {
            "account": ticket.account_id,
            "category": "quality",
            "subject": "An executive's ticket",
        },
        format="json",
    )
    assert (created.status_code, created.json()) == (
        403,
        {"detail": "Your role may not create this kind of record."},
    )
    assert events_of(ticket) == [("status_change", "", "open")]


def test_patch_keeps_account_and_department_and_changes_the_subject(alice_records, alice):
    ticket = alice_records["ticket"]
    other = f.AccountFactory(owner=alice, name="Suzhou Valves")
    client = api_client_for(alice)

    moved = client.patch(ticket_url(ticket), {"account": other.pk}, format="json")
    assert (moved.status_code, moved.json()) == (
        400,
        {"account": ["A ticket stays on its account."]},
    )
    rerouted = client.patch(ticket_url(ticket), {"department": "finance"}, format="json")
    assert (rerouted.status_code, rerouted.json()) == (
        400,
        {"department": ["Send it to another department with assign."]},
    )
    # The same values are no change, so they pass.
    same = client.patch(
        ticket_url(ticket),
        {"account": ticket.account_id, "department": "logistics", "subject": "Batch two late"},
        format="json",
    )
    assert (same.status_code, same.json()["subject"]) == (200, "Batch two late")
    # Read-only fields are ignored: the status changes through transition.
    renamed = client.patch(
        ticket_url(ticket), {"subject": "Batch two arrived damaged", "status": "closed"}
    )
    assert renamed.status_code == 200, renamed.content
    assert (renamed.json()["subject"], renamed.json()["status"]) == (
        "Batch two arrived damaged",
        "open",
    )
    ticket.refresh_from_db()
    assert (ticket.account, ticket.department.code, ticket.subject, ticket.status) == (
        alice_records["account"],
        "logistics",
        "Batch two arrived damaged",
        "open",
    )


def test_nobody_deletes_a_ticket(queue, alice, bob, dept_user, superuser):
    ticket = queue["quality"]
    for user in (alice, bob, dept_user, superuser):
        response = api_client_for(user).delete(ticket_url(ticket))
        assert (response.status_code, response.json()) == (405, NO_DELETE)
    assert Ticket.objects.filter(pk=ticket.pk).exists()


def test_department_member_answers_but_does_not_edit_the_ticket(queue, dept_user):
    """What a ticket says is the account team's to write; the department answers it."""
    ticket = queue["quality"]
    client = api_client_for(dept_user)

    response = client.patch(ticket_url(ticket), {"subject": "Not porosity"}, format="json")

    assert (response.status_code, response.json()) == (403, ACCOUNT_SIDE_ONLY)
    ticket.refresh_from_db()
    assert ticket.subject == "Porosity in the housings"


# --- filters -------------------------------------------------------------------------------


@pytest.fixture
def clock():
    """The test's "now", fixed at its start; tickets are opened hours before it."""
    return timezone.now()


@pytest.fixture
def timed(alice_records, alice, clock):
    """Alice's tickets at known points of their 48-hour clocks (hours before ``clock``)."""
    account = alice_records["account"]
    finance = member("fay", "finance")

    def opened(hours, **kwargs):
        return f.TicketFactory(account=account, now=clock - dt.timedelta(hours=hours), **kwargs)

    def move(ticket, status, hours):
        return services.ticket_transition(
            ticket=ticket, to_status=status, by=alice, now=clock - dt.timedelta(hours=hours)
        )

    tickets = {
        "newest": alice_records["ticket"],  # delivery, high, opened just before the clock
        "breached": opened(50, category="quality", priority="high", subject="Leaking valves"),
        "at_risk": opened(40, category="technical", subject="Sensor calibration drifts"),
        "fresh": opened(1, category="billing", priority="low", subject="Invoice twice"),
        "waiting": opened(10, category="other", subject="Certificate copies"),
        "resolved": opened(30, category="quality", subject="Paint flaking"),
        "in_progress": opened(2, category="delivery", subject="Pallets short"),
    }
    services.ticket_assign(ticket=tickets["fresh"], by=finance, assignee=finance)
    move(tickets["waiting"], "waiting_on_customer", 5)
    move(tickets["resolved"], "resolved", 20)
    move(tickets["in_progress"], "in_progress", 1)
    return tickets


def test_list_filters(timed, alice):
    client = api_client_for(alice)
    t = {name: ticket.pk for name, ticket in timed.items()}

    def ids(**params):
        return row_ids(client.get(TICKETS, params))

    newest_first = ["newest", "fresh", "in_progress", "waiting", "resolved", "at_risk", "breached"]
    assert ids() == [t[name] for name in newest_first]
    assert ids(status="in_progress") == [t["in_progress"]]
    assert ids(status=["waiting_on_customer", "resolved"]) == [t["waiting"], t["resolved"]]
    assert ids(sla="at_risk") == [t["at_risk"]]
    assert ids(sla="breached") == [t["breached"]]
    assert ids(sla=["at_risk", "breached"]) == [t["at_risk"], t["breached"]]
    assert ids(sla="paused") == [t["waiting"]]
    assert ids(sla="met") == [t["resolved"]]
    assert ids(sla="on_track") == [t["newest"], t["fresh"], t["in_progress"]]
    assert ids(priority="high") == [t["newest"], t["breached"]]
    assert ids(category="delivery") == [t["newest"], t["in_progress"]]
    assert ids(category=["quality", "billing"]) == [t["fresh"], t["resolved"], t["breached"]]
    assert ids(due_before=(timezone.now() + dt.timedelta(hours=10)).isoformat()) == [
        t["at_risk"],
        t["breached"],
    ]
    assert ids(unassigned="false") == [t["fresh"]]
    assert ids(unassigned="true") == [t[name] for name in newest_first if name != "fresh"]
    assert ids(department="finance") == [t["fresh"]]
    assert ids(department="logistics") == [t["newest"], t["in_progress"]]
    assert ids(search="calibration") == [t["at_risk"]]
    assert ids(search="SO-HZ-0001") == [t["newest"]]
    assert ids(search="calibration", sla="breached") == []
    assert ids(ordering="due_at") == [
        t[name]
        for name in ("breached", "at_risk", "resolved", "waiting", "in_progress", "fresh", "newest")
    ]
    rows = {row["id"]: row for row in client.get(TICKETS, {"page_size": 200}).json()["results"]}
    assert {name: rows[t[name]]["sla_state"] for name in t} == {
        "newest": "on_track",
        "breached": "breached",
        "at_risk": "at_risk",
        "fresh": "on_track",
        "waiting": "paused",
        "resolved": "met",
        "in_progress": "on_track",
    }
    assert rows[t["waiting"]]["remaining_seconds"] == 43 * 3600
    assert rows[t["resolved"]]["remaining_seconds"] is None
    assert rows[t["resolved"]]["resolution_hours"] == 10.0
    assert rows[t["breached"]]["remaining_seconds"] <= -2 * 3600


def test_department_queue_filters(timed, dept_user):
    """Tech support's queue holds the quality and technical tickets only."""
    client = api_client_for(dept_user)
    t = {name: ticket.pk for name, ticket in timed.items()}

    assert row_ids(client.get(TICKETS, {"ordering": "due_at"})) == [
        t["breached"],
        t["at_risk"],
        t["resolved"],
    ]
    assert row_ids(client.get(TICKETS, {"sla": "at_risk"})) == [t["at_risk"]]
    assert row_ids(client.get(TICKETS, {"sla": "breached"})) == [t["breached"]]
    assert row_ids(client.get(TICKETS, {"status": ["open", "in_progress"]})) == [
        t["at_risk"],
        t["breached"],
    ]
    services.ticket_assign(ticket=timed["at_risk"], by=dept_user, assignee=dept_user)
    assert row_ids(client.get(TICKETS, {"assignee": dept_user.pk})) == [t["at_risk"]]
    assert row_ids(client.get(TICKETS, {"unassigned": "true", "ordering": "due_at"})) == [
        t["breached"],
        t["resolved"],
    ]


def test_ordering_breaks_ties_by_id_so_pages_are_stable(alice_account, alice):
    """Tickets opened in the same instant are due together: ``ordering=due_at`` still gives
    one order (the id last, in the same direction), so paging repeats or skips none."""
    moment = timezone.now().replace(microsecond=0) - dt.timedelta(hours=1)
    ids = [f.TicketFactory(account=alice_account, now=moment).pk for _ in range(4)]
    client = api_client_for(alice)

    def page(ordering, number):
        query = {"ordering": ordering, "page_size": 2, "page": number}
        return [row["id"] for row in client.get(TICKETS, query).json()["results"]]

    assert page("due_at", 1) + page("due_at", 2) == ids
    assert page("-due_at", 1) + page("-due_at", 2) == ids[::-1]


def test_bad_list_parameters_are_400(timed, alice):
    client = api_client_for(alice)

    unknown = client.get(TICKETS, {"colour": "red"})
    assert unknown.status_code == 400
    assert list(unknown.json()) == ["colour"]
    assert unknown.json()["colour"][0].startswith("Unknown query parameter. Accepted: ")
    assert "sla" in unknown.json()["colour"][0]
    for params in (
        {"sla": "late"},
        {"status": "done"},
        {"priority": "critical"},
        {"department": "purchasing"},
        {"due_before": "tomorrow"},
    ):
        response = client.get(TICKETS, params)
        assert (response.status_code, list(response.json())) == (400, list(params)), params


# --- a logistics clerk's journey, with real tokens -----------------------------------------


def token_client(username: str) -> APIClient:
    """An API client holding a token obtained as a script would: username and password."""
    answer = APIClient().post(
        reverse("api-token"), {"username": username, "password": f.PASSWORD}, format="json"
    )
    assert answer.status_code == 200, answer.content
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {answer.json()['token']}")
    return client


def test_rest_journey_from_a_late_delivery_to_the_accounts_csat(alice):
    account = f.AccountFactory(owner=alice, name="Ningbo Gearbox Works")
    order = f.OrderFactory(account=account, number="SO-NB-0007")
    f.SurveyResponseFactory(account=account, score=2, source="periodic")
    assert account_selectors.account_csat(account) == {"responses": 1, "satisfied": 0, "csat": 0.0}
    lou = member("lou", "logistics", first_name="Lou", last_name="Reed")
    rep = token_client("alice")

    # The rep opens a delivery ticket and names no department: logistics gets it.
    opened = rep.post(
        TICKETS,
        {
            "account": account.pk,
            "order": order.pk,
            "category": "delivery",
            "priority": "high",
            "subject": "Gearbox housings not delivered",
            "description": "Promised for Monday; the assembly line stops on Wednesday.",
        },
        format="json",
    )
    assert opened.status_code == 201, opened.content
    ticket = opened.json()
    assert (ticket["department"], ticket["status"], ticket["order_number"]) == (
        "logistics",
        "open",
        "SO-NB-0007",
    )
    url = reverse("tickets-api:ticket-detail", args=[ticket["id"]])

    # The clerk works the queue with a token of their own.
    clerk = token_client("lou")
    queue = clerk.get(TICKETS, {"ordering": "due_at", "unassigned": "true"})
    assert row_ids(queue) == [ticket["id"]]
    assert (
        queue.json()["results"][0]["account_name"],
        queue.json()["results"][0]["sla_state"],
    ) == (
        "Ningbo Gearbox Works",
        "on_track",
    )
    comment = clerk.post(
        url + "comments/", {"body": "Truck left Ningbo at 14:00, arrives 10:00."}, format="json"
    )
    assert comment.status_code == 201, comment.content
    started = clerk.post(url + "transition/", {"status": "in_progress"}, format="json")
    assert (started.status_code, started.json()["status"]) == (200, "in_progress")
    resolved = clerk.post(
        url + "transition/", {"status": "resolved", "note": "Signed for at 10:20."}, format="json"
    )
    assert (resolved.status_code, resolved.json()["status"]) == (200, "resolved")
    assert clerk.post(url + "feedback/", {"score": 5}, format="json").status_code == 403

    # The rep sees the answer.
    seen = rep.get(url).json()
    stored = Ticket.objects.get(pk=ticket["id"])
    assert seen["status"] == "resolved"
    assert seen["sla_state"] == "met"
    assert seen["remaining_seconds"] is None
    assert moment(seen["first_response_at"]) == moment(comment.json()["created_at"])
    assert seen["resolution_hours"] is not None
    assert seen["resolution_hours"] == stored.resolution_hours
    assert moment(seen["resolved_at"]) == stored.resolved_at
    events = rep.get(url + "events/").json()
    assert events["count"] == 4
    assert [
        (e["kind"], e["author"], e["from_status"], e["to_status"], e["body"])
        for e in events["results"]
    ] == [
        ("status_change", alice.pk, "", "open", ""),
        ("comment", lou.pk, "", "", "Truck left Ningbo at 14:00, arrives 10:00."),
        ("status_change", lou.pk, "open", "in_progress", ""),
        ("status_change", lou.pk, "in_progress", "resolved", "Signed for at 10:20."),
    ]

    # The customer's word, which the account's CSAT counts.
    feedback = rep.post(
        url + "feedback/", {"score": 4, "comment": "Arrived the next morning."}, format="json"
    )
    assert feedback.status_code == 201, feedback.content
    surveys = rep.get(SURVEYS, {"account": account.pk})
    assert surveys.status_code == 200
    assert sorted((s["score"], s["source"]) for s in surveys.json()["results"]) == [
        (2, "periodic"),
        (4, "after_ticket"),
    ]
    assert rep.get(SURVEYS, {"account": account.pk, "source": "after_ticket"}).json()[
        "results"
    ] == [
        {
            "id": feedback.json()["survey"],
            "account": account.pk,
            "contact": None,
            "received_on": company_today().isoformat(),
            "score": 4,
            "nps": None,
            "comment": "Arrived the next morning.",
            "source": "after_ticket",
        }
    ]
    assert account_selectors.account_csat(account) == {
        "responses": 2,
        "satisfied": 1,
        "csat": 50.0,
    }
    assert rep.get(url).json()["feedback_score"] == 4


# --- query counts --------------------------------------------------------------------------


def fill_queue(department_user, count: int) -> None:
    """``count`` tickets in tech support's queue, on several reps' accounts, some with an
    order, some assigned, some resolved with the customer's feedback."""
    for n in range(count):
        account = f.AccountFactory(owner=f.UserFactory(role=Role.REP))
        order = f.OrderFactory(account=account) if n % 2 else None
        ticket = f.TicketFactory(account=account, order=order, category="quality")
        if n % 3 == 1:
            services.ticket_assign(ticket=ticket, by=department_user, assignee=department_user)
        if n % 3 == 2:
            services.ticket_transition(ticket=ticket, to_status="resolved", by=department_user)
            services.ticket_record_feedback(ticket=ticket, by=account.owner, score=n % 5 + 1)


@pytest.mark.parametrize("rows", [1, 30])
def test_department_list_query_count_is_constant(dept_user, rows, django_assert_num_queries):
    fill_queue(dept_user, rows)
    client = api_client_for(dept_user)
    client.get(TICKETS)  # warm up: content types, the token
    # Savepoint, token, count, rows (account, order, department, raised_by, assignee and
    # feedback joined), release.
    with django_assert_num_queries(5):
        response = client.get(TICKETS, {"page_size": 200, "ordering": "due_at"})
    assert response.json()["count"] == rows


def test_detail_and_events_query_counts(queue, dept_user, django_assert_num_queries):
    ticket = queue["quality"]
    services.ticket_comment(ticket=ticket, by=dept_user, body="Looking.")
    services.ticket_assign(ticket=ticket, by=dept_user, assignee=dept_user)
    services.ticket_transition(ticket=ticket, to_status="in_progress", by=dept_user)
    client = api_client_for(dept_user)
    client.get(ticket_url(ticket))
    # Savepoint, token, the ticket with everything it names, release.
    with django_assert_num_queries(4):
        assert client.get(ticket_url(ticket)).status_code == 200
    # Savepoint, token, the ticket, count, events with authors/departments/assignees, release.
    with django_assert_num_queries(6):
        response = client.get(ticket_url(ticket, "events"))
    assert response.json()["count"] == 4


# --- the schema ----------------------------------------------------------------------------


def test_schema_documents_the_ticket_endpoints(alice_records, alice):
    response = api_client_for(alice).get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    paths = schema["paths"]

    listing = paths["/api/v1/tickets/"]["get"]
    parameters = {p["name"] for p in listing["parameters"]}
    assert {"status", "sla", "priority", "category", "due_before", "unassigned"} <= parameters
    assert {"department", "search", "ordering", "page", "page_size"} <= parameters
    assert "200" in listing["responses"]

    comments = paths["/api/v1/tickets/{id}/comments/"]["post"]
    assert "201" in comments["responses"]
    assert comments["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/CommentRequest"
    )

    transition = paths["/api/v1/tickets/{id}/transition/"]["post"]
    assert {"200", "400", "401", "403", "404", "409"} <= set(transition["responses"])
    conflict = transition["responses"]["409"]["content"]["application/json"]
    ref = conflict["schema"]["$ref"].rpartition("/")[2]
    assert set(schema["components"]["schemas"][ref]["properties"]) == {"detail", "allowed"}
    request_examples = transition["requestBody"]["content"]["application/json"]["examples"]
    assert [example["value"] for example in request_examples.values()] == [
        {"status": "resolved", "note": "Delivered and signed for at 10:20."}
    ]
    # The documented conflict is the one the API answers.
    documented = [example["value"] for example in conflict["examples"].values()]
    ticket = alice_records["ticket"]
    services.ticket_transition(ticket=ticket, to_status="resolved", by=alice)
    services.ticket_transition(ticket=ticket, to_status="closed", by=alice)
    answer = api_client_for(alice).post(
        ticket_url(ticket, "transition"), {"status": "in_progress"}, format="json"
    )
    assert answer.status_code == 409
    assert documented == [answer.json()]
    assert transition["responses"]["200"]["content"]["application/json"]["examples"]
