"""The duty-7 REST API: the generic contract for trainings, who reaches a session and what
they may do there (the training department runs the sessions it supports and sees of the
account its name and tier only), the actions (transition, invite, attendance, feedback,
feedback links, materials), the filters, and pinned query counts.
"""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfWriter

from accounts.models import Account, SurveyResponse
from kam.dates import company_today, company_tz
from kam.models import User
from tests import factories as f
from tests.apitest import APIViewTests
from tests.support import api_client_for
from training import services
from training.models import (
    Attendance,
    FeedbackLink,
    TrainingFeedback,
    TrainingMaterial,
    TrainingSession,
)

pytestmark = pytest.mark.django_db

TRAININGS = reverse("training-api:training-list")

NOT_FOUND = {"detail": "Not found."}
NOT_YOURS = {"detail": "Your role may not change this record."}
MAY_NOT_CREATE = {"detail": "Your role may not create this kind of record."}
NO_DELETE = {"detail": 'Method "DELETE" not allowed.'}
ACCOUNT_SIDE_ONLY = {"detail": "Only the account's team invites its contacts."}
ONLY_PLANNED_CHANGES = {
    "detail": "Only a planned session changes; plan a cancelled one again first."
}
NOT_DONE_YET = {"detail": "Feedback is given once the session is done."}
PDF_ONLY_KINDS = {
    "file": ["Upload a file of one of these kinds: .pdf, .pptx, .docx, .xlsx, .png, .jpg."]
}

#: What a session's JSON holds: of its account, the id, name and tier only.
SESSION_KEYS = {
    "id",
    "account",
    "account_name",
    "account_tier",
    "kind",
    "title",
    "topic",
    "scheduled_at",
    "duration_minutes",
    "ends_at",
    "location",
    "online_url",
    "trainer",
    "trainer_name",
    "support_department",
    "status",
    "status_note",
    "agenda",
    "calendar_url",
    "created_at",
    "updated_at",
}
ACTIONS = ("transition", "invite", "attendance", "feedback", "feedback-links", "materials")


def session_url(session, action=None) -> str:
    if action:
        return reverse(f"training-api:training-{action}", args=[session.pk])
    return reverse("training-api:training-detail", args=[session.pk])


def moment(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def at(days: int, hour: int = 14) -> dt.datetime:
    """``days`` from today at ``hour`` o'clock, company time."""
    return dt.datetime.combine(
        company_today() + dt.timedelta(days=days), dt.time(hour), tzinfo=company_tz()
    )


def row_ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def pdf_bytes() -> bytes:
    """A real, minimal PDF: one blank A4 page, as pypdf writes it."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_upload(name="x200-slides.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def action_requests(client, session, records):
    """Every endpoint of one session, each with a body that would be valid."""
    boss = records["boss"]
    return [
        client.get(session_url(session)),
        client.patch(session_url(session), {"title": "Mine now"}, format="json"),
        client.put(
            session_url(session),
            {
                "account": session.account_id,
                "title": "Mine now",
                "scheduled_at": session.scheduled_at.isoformat(),
            },
            format="json",
        ),
        client.post(
            session_url(session, "transition"),
            {"status": "cancelled", "note": "Plant shut down."},
            format="json",
        ),
        client.post(session_url(session, "invite"), {"contacts": [boss.pk]}, format="json"),
        client.get(session_url(session, "attendance")),
        client.post(
            session_url(session, "attendance"),
            {"records": [{"contact": boss.pk, "attended": True}]},
            format="json",
        ),
        client.get(session_url(session, "feedback")),
        client.post(
            session_url(session, "feedback"), {"score": 4, "comments": "Useful."}, format="json"
        ),
        client.post(session_url(session, "feedback-links"), {"anonymous": 1}, format="json"),
        client.get(session_url(session, "materials")),
        client.post(
            session_url(session, "materials"),
            {"title": "Slides", "file": pdf_upload()},
            format="multipart",
        ),
    ]


#: ``action_requests``' reads (the others write).
READS = (0, 5, 7, 10)


def unchanged(session, *, title, status="planned"):
    session.refresh_from_db()
    assert (session.title, session.status) == (title, status)
    assert TrainingMaterial.objects.filter(session=session).count() == 0
    assert FeedbackLink.objects.filter(session=session).count() == 0
    assert TrainingFeedback.objects.filter(session=session).count() == 0


@pytest.fixture
def alice_records(alice_records):
    """Conftest's records of Alice's account, plus a product demo planned for tomorrow."""
    session = f.TrainingSessionFactory(
        account=alice_records["account"],
        kind="product_demo",
        title="X200 controller demo",
        topic="Remote diagnostics",
        agenda="1. What is new\n2. Hands-on",
    )
    return {**alice_records, "session": session}


def make_charlie_records(charlie):
    account = f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")
    contact = f.ContactFactory(account=account, name="Zhao Min")
    session = f.TrainingSessionFactory(account=account, title="Press line workshop")
    return {"account": account, "contact": contact, "boss": contact, "session": session}


@pytest.fixture
def charlie_records(charlie):
    return make_charlie_records(charlie)


@pytest.fixture
def held(alice_records, alice):
    """A training Alice gave three hours ago to Wang Lei (who came) and Li Na (who did
    not), marked done."""
    boss, contact = alice_records["boss"], alice_records["contact"]
    session = f.TrainingSessionFactory(
        account=alice_records["account"],
        title="Maintenance training",
        scheduled_at=timezone.now() - dt.timedelta(hours=3),
    )
    services.attendance_invite(session=session, by=alice, contacts=[boss, contact])
    services.attendance_record(
        session=session, by=alice, attended={boss.pk: True, contact.pk: False}
    )
    services.session_transition(session=session, to_status="done", by=alice)
    session.refresh_from_db()
    return session


@pytest.fixture
def supported(alice_records, bob):
    """A planned session on Alice's account that started an hour ago, given by Bob with
    the training department's support; Wang Lei is invited, Li Na is not."""
    session = f.TrainingSessionFactory(
        account=alice_records["account"],
        title="Hydraulics hands-on",
        scheduled_at=timezone.now() - dt.timedelta(hours=1),
        trainer=bob,
        support_department=f.department("training"),
    )
    services.attendance_invite(session=session, by=bob, contacts=[alice_records["boss"]])
    return session


# --- the generic contract ------------------------------------------------------------------


class TestTrainingAPI(APIViewTests):
    url_name = "training-api:training"
    record_key = "session"
    #: Savepoint, token, count, rows (account, trainer and department joined), release.
    list_queries = 5
    reference_field = "account"
    invalid_payload = {"kind": "webinar"}
    invalid_field = "kind"
    search_term = "Hangzhou"

    @pytest.fixture
    def charlie_records(self, charlie):
        return make_charlie_records(charlie)

    def create_payload(self, records):
        return {
            "account": records["account"].pk,
            "kind": "workshop",
            "title": "Casting defects workshop",
            "topic": "Porosity",
            "scheduled_at": at(7).isoformat(),
            "duration_minutes": 120,
            "location": "Customer plant, meeting room 3",
            "online_url": "https://meet.example.com/casting",
            "support_department": "training",
            "agenda": "1. Defects\n2. Causes",
        }

    def update_payload(self, records):
        return {"title": "X200 controller demo, second round", "location": "Online"}

    def expected_response(self, payload):
        if "account" not in payload:
            return payload
        return {
            **payload,
            "account_name": "Hangzhou Precision Castings",
            "account_tier": "key",
            "ends_at": at(7, 16).isoformat(),
            "status": "planned",
            "status_note": "",
        }

    def expected_alice_rows(self, records):
        return {records["session"].pk}

    def make_rows(self, owner, count):
        account = f.AccountFactory(owner=owner)
        kinds = ("training", "product_demo", "workshop")
        trainers = (owner, f.UserFactory(username="tom", role="rep"))
        for n in range(count):
            f.TrainingSessionFactory(
                account=account,
                kind=kinds[n % 3],
                trainer=trainers[n % 2],
                support_department=None if n % 2 else f.department("training"),
                scheduled_at=at(n - 10),
            )

    def test_create(self, alice_records, alice):
        """The generic check, and what the service adds: the planner is the trainer."""
        super().test_create(alice_records, alice)
        session = TrainingSession.objects.get(title="Casting defects workshop")
        body = api_client_for(alice).get(self.detail_url(session)).json()
        assert set(body) == SESSION_KEYS
        assert (body["trainer"], body["trainer_name"]) == (alice.pk, alice.display_name)
        assert body["calendar_url"] == f"http://testserver/training/{session.pk}/calendar.ics"
        assert session.created_by == alice

    def test_other_team_gets_404_and_sees_nothing(self, alice_records, charlie_records, charlie):
        """Sessions have no DELETE: Charlie's delete is 405 (the method), not 404."""
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
        assert obj.title == "X200 controller demo"

    def test_executive_reads_but_may_not_change(self, alice_records, executive):
        """Sessions have no DELETE: the executive's delete is 405 (the method), not 403."""
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


# --- create and update ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        (
            {"duration_minutes": 0},
            {"duration_minutes": ["Ensure this value is greater than or equal to 5."]},
        ),
        ({"online_url": "meet dot example"}, {"online_url": ["Enter a valid URL."]}),
        ({"kind": "webinar"}, {"kind": ['"webinar" is not a valid choice.']}),
        ({"scheduled_at": "tomorrow"}, None),
        ({"title": ""}, {"title": ["This field may not be blank."]}),
        (
            {"support_department": "weather"},
            {"support_department": ["Object with code=weather does not exist."]},
        ),
    ],
)
def test_create_with_a_bad_value_is_400_on_the_field(alice_records, alice, change, errors):
    payload = {
        "account": alice_records["account"].pk,
        "title": "Casting defects workshop",
        "scheduled_at": at(7).isoformat(),
        **change,
    }

    response = api_client_for(alice).post(TRAININGS, payload, format="json")

    assert response.status_code == 400, response.content
    if errors is None:
        assert set(response.json()) == set(change)
    else:
        assert response.json() == errors
    assert not TrainingSession.objects.filter(title="Casting defects workshop").exists()


def test_create_on_another_reps_account_is_400(alice_records, charlie_records, alice, bob):
    """Not Charlie's (another team), nor a teammate's: Bob's own account is his alone too."""
    teammate = f.UserFactory(username="amy", team=alice.team)
    theirs = [charlie_records["account"], f.AccountFactory(owner=teammate)]
    client = api_client_for(alice)

    for account in theirs:
        response = client.post(
            TRAININGS,
            {"account": account.pk, "title": "Sneaky demo", "scheduled_at": at(3).isoformat()},
            format="json",
        )
        assert response.status_code == 400, response.content
        assert response.json() == {
            "account": [f'Invalid pk "{account.pk}" - object does not exist.']
        }
    assert not TrainingSession.objects.filter(title="Sneaky demo").exists()


def test_the_manager_plans_on_his_reps_account_with_another_trainer(
    alice_records, bob, trainer_user
):
    response = api_client_for(bob).post(
        TRAININGS,
        {
            "account": alice_records["account"].pk,
            "title": "Quality training",
            "scheduled_at": at(5).isoformat(),
            "trainer": trainer_user.pk,
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["trainer"], body["trainer_name"], body["kind"], body["duration_minutes"]) == (
        trainer_user.pk,
        trainer_user.display_name,
        "training",
        90,
    )
    # The trainer sees the session they give, though not its account.
    assert api_client_for(trainer_user).get(f"{TRAININGS}{body['id']}/").status_code == 200


def test_executive_may_not_create(alice_records, executive):
    response = api_client_for(executive).post(
        TRAININGS,
        {
            "account": alice_records["account"].pk,
            "title": "Board demo",
            "scheduled_at": at(3).isoformat(),
        },
        format="json",
    )
    assert (response.status_code, response.json()) == (403, MAY_NOT_CREATE)


def test_patch_while_planned_then_409_once_done(alice_records, held, alice):
    client = api_client_for(alice)
    planned = alice_records["session"]

    changed = client.patch(
        session_url(planned), {"duration_minutes": 45, "location": "Online"}, format="json"
    )
    done = client.patch(session_url(held), {"title": "Rewritten history"}, format="json")

    assert changed.status_code == 200, changed.content
    assert (changed.json()["duration_minutes"], changed.json()["location"]) == (45, "Online")
    assert moment(changed.json()["ends_at"]) - moment(changed.json()["scheduled_at"]) == (
        dt.timedelta(minutes=45)
    )
    assert (done.status_code, done.json()) == (409, ONLY_PLANNED_CHANGES)
    held.refresh_from_db()
    assert held.title == "Maintenance training"


def test_patch_keeps_the_account_and_the_status(alice_records, alice):
    other = f.AccountFactory(owner=alice, name="Ningbo Moulds")
    session = alice_records["session"]
    client = api_client_for(alice)

    moved = client.patch(session_url(session), {"account": other.pk}, format="json")
    status = client.patch(session_url(session), {"status": "done"}, format="json")

    assert (moved.status_code, moved.json()) == (
        400,
        {"account": ["A session stays on its account."]},
    )
    # ``status`` is read-only: ignored, as the transition action is how it changes.
    assert (status.status_code, status.json()["status"]) == (200, "planned")
    session.refresh_from_db()
    assert (session.account_id, session.status) == (alice_records["account"].pk, "planned")


def test_nobody_deletes_a_session(alice_records, alice, bob, superuser):
    session = alice_records["session"]
    for user in (alice, bob, superuser):
        response = api_client_for(user).delete(session_url(session))
        assert (response.status_code, response.json()) == (405, NO_DELETE)
    assert TrainingSession.objects.filter(pk=session.pk).exists()


# --- who reaches a session -----------------------------------------------------------------


def test_anonymous_gets_401_everywhere(alice_records):
    session = alice_records["session"]
    client = api_client_for(None)

    answers = [
        client.get(TRAININGS),
        client.post(TRAININGS, {"title": "x"}, format="json"),
        client.delete(session_url(session)),
        *action_requests(client, session, alice_records),
    ]

    assert [r.status_code for r in answers] == [401] * 15
    assert {r["WWW-Authenticate"] for r in answers} == {"Token"}
    unchanged(session, title="X200 controller demo")


@pytest.mark.parametrize("who", ["charlie", "logistics_user", "dept_user"])
def test_outsiders_get_404_everywhere(request, alice_records, charlie_records, who):
    """Another team's rep, a logistics clerk, tech support: not found, whatever they ask."""
    user = request.getfixturevalue(who)
    session = alice_records["session"]
    client = api_client_for(user)

    answers = action_requests(client, session, alice_records)

    assert [(r.status_code, r.json()) for r in answers] == [(404, NOT_FOUND)] * 12
    assert session.pk not in row_ids(client.get(TRAININGS))
    assert Attendance.objects.filter(session=session).count() == 0
    unchanged(session, title="X200 controller demo")


def test_executive_reads_every_endpoint_and_writes_none(alice_records, held, executive):
    client = api_client_for(executive)

    for session in (alice_records["session"], held):
        answers = action_requests(client, session, alice_records)
        assert [r.status_code for n, r in enumerate(answers) if n in READS] == [200] * 4
        writes = [(r.status_code, r.json()) for n, r in enumerate(answers) if n not in READS]
        assert writes == [(403, NOT_YOURS)] * 8
    unchanged(alice_records["session"], title="X200 controller demo")
    held.refresh_from_db()
    assert (held.status, SurveyResponse.objects.filter(source="after_training").count()) == (
        "done",
        0,
    )


def test_the_rep_and_her_manager_read_every_endpoint(alice_records, held, alice, bob):
    for user in (alice, bob):
        client = api_client_for(user)
        answers = [
            client.get(session_url(held)),
            client.get(session_url(held, "attendance")),
            client.get(session_url(held, "feedback")),
            client.get(session_url(held, "materials")),
        ]
        assert [r.status_code for r in answers] == [200] * 4
        assert answers[0].json()["id"] == held.pk
        assert [row["contact_name"] for row in answers[1].json()] == ["Li Na", "Wang Lei"]
        assert answers[2].json() == {"count": 0, "next": None, "previous": None, "results": []}
        assert answers[3].json() == []


def test_the_manager_acts_on_his_reps_session(alice_records, bob, media_root):
    """Bob invites, records attendance, marks it done, types feedback, makes links and
    uploads slides on Alice's session."""
    session = f.TrainingSessionFactory(
        account=alice_records["account"],
        title="Pump maintenance",
        scheduled_at=timezone.now() - dt.timedelta(hours=2),
    )
    boss = alice_records["boss"]
    client = api_client_for(bob)

    answers = [
        client.post(session_url(session, "invite"), {"contacts": [boss.pk]}, format="json"),
        client.post(
            session_url(session, "attendance"),
            {"records": [{"contact": boss.pk, "attended": True}]},
            format="json",
        ),
        client.post(session_url(session, "transition"), {"status": "done"}, format="json"),
        client.post(
            session_url(session, "feedback"), {"contact": boss.pk, "score": 5}, format="json"
        ),
        client.post(session_url(session, "feedback-links"), {"anonymous": 1}, format="json"),
        client.post(
            session_url(session, "materials"),
            {"title": "Slides", "file": pdf_upload()},
            format="multipart",
        ),
    ]

    assert [r.status_code for r in answers] == [200, 200, 200, 201, 201, 201], [
        r.content for r in answers
    ]
    assert answers[2].json()["status"] == "done"
    # Wang Lei answered already, so only the anonymous link is made.
    assert [link["contact"] for link in answers[4].json()] == [None]
    session.refresh_from_db()
    assert session.status == "done"
    assert list(session.attendances.values_list("contact__name", "attended")) == [
        ("Wang Lei", True)
    ]
    assert list(session.materials.values_list("title", "uploaded_by")) == [("Slides", bob.pk)]
    assert list(session.feedback.values_list("score", "entered_by")) == [(5, bob.pk)]


def test_training_department_does_not_reach_a_session_it_does_not_support(
    alice_records, trainer_user
):
    session = alice_records["session"]
    client = api_client_for(trainer_user)

    answers = action_requests(client, session, alice_records)

    assert [(r.status_code, r.json()) for r in answers] == [(404, NOT_FOUND)] * 12
    assert row_ids(client.get(TRAININGS)) == []
    unchanged(session, title="X200 controller demo")


def test_training_department_runs_a_session_it_supports(alice_records, supported, trainer_user):
    client = api_client_for(trainer_user)
    boss = alice_records["boss"]

    listed = client.get(TRAININGS)
    recorded = client.post(
        session_url(supported, "attendance"),
        {"records": [{"contact": boss.pk, "attended": True}]},
        format="json",
    )
    done = client.post(
        session_url(supported, "transition"),
        {"status": "done", "note": "Went well."},
        format="json",
    )

    assert row_ids(listed) == [supported.pk]
    assert recorded.status_code == 200, recorded.content
    assert [(row["contact_name"], row["attended"]) for row in recorded.json()] == [
        ("Wang Lei", True)
    ]
    assert done.status_code == 200, done.content
    assert (done.json()["status"], done.json()["status_note"]) == ("done", "Went well.")


def test_training_department_does_not_invite(alice_records, supported, trainer_user):
    """Whom of the customer's people to invite is the account team's to say: 403, and
    nobody is invited (the session is visible to them, so not 404)."""
    response = api_client_for(trainer_user).post(
        session_url(supported, "invite"), {"contacts": [alice_records["contact"].pk]}, format="json"
    )

    assert (response.status_code, response.json()) == (403, ACCOUNT_SIDE_ONLY)
    assert list(supported.attendances.values_list("contact__name", flat=True)) == ["Wang Lei"]


def test_training_department_sees_of_the_account_only_its_name_and_tier(
    alice_records, supported, trainer_user, bob
):
    account = alice_records["account"]
    Account.objects.filter(pk=account.pk).update(code="ERP-HZ-7781", region="Zhejiang North")
    User.objects.filter(pk=account.owner_id).update(first_name="Alice", last_name="Chen")
    owner = User.objects.get(pk=account.owner_id)
    client = api_client_for(trainer_user)

    detail = client.get(session_url(supported))
    listed = client.get(TRAININGS)
    attendance = client.get(session_url(supported, "attendance"))
    feedback = client.get(session_url(supported, "feedback"))
    materials = client.get(session_url(supported, "materials"))

    body = detail.json()
    assert set(body) == SESSION_KEYS
    assert (body["account"], body["account_name"], body["account_tier"]) == (
        account.pk,
        "Hangzhou Precision Castings",
        "key",
    )
    assert (body["trainer"], body["support_department"]) == (bob.pk, "training")
    assert listed.json()["results"] == [body]
    # The invited people's names, and nobody else of the account's.
    assert [row["contact_name"] for row in attendance.json()] == ["Wang Lei"]
    leaks = [
        "ERP-HZ-7781",  # code
        "Zhejiang North",  # region
        "Manufacturing",  # industry
        "1000000",  # annual potential
        "2023-01-01",  # customer since
        "Li Na",  # a contact not invited
        "customer.example",  # contacts' e-mail
        "Purchasing manager",  # contacts' titles
        "owner",
        owner.username,
        owner.display_name,
        owner.email,
    ]
    for response in (detail, listed, attendance, feedback, materials):
        assert response.status_code == 200
        text = response.content.decode()
        assert [leak for leak in leaks if leak in text] == []
    # The account's name, which they see, finds the session.
    assert row_ids(client.get(TRAININGS, {"search": "Hangzhou"})) == [supported.pk]


def test_a_trainer_of_another_team_sees_and_runs_the_session_they_give(alice_records, charlie):
    """Alice asks Charlie (another team) to give it: he sees that session, not the rest."""
    session = f.TrainingSessionFactory(
        account=alice_records["account"],
        title="Guest lecture",
        scheduled_at=timezone.now() - dt.timedelta(hours=1),
        trainer=charlie,
    )
    client = api_client_for(charlie)

    assert row_ids(client.get(TRAININGS)) == [session.pk]
    assert client.get(session_url(alice_records["session"])).status_code == 404
    done = client.post(session_url(session, "transition"), {"status": "done"}, format="json")
    assert (done.status_code, done.json()["status"]) == (200, "done")


# --- transition ----------------------------------------------------------------------------


def test_transition_200_then_409_with_the_allowed_statuses(alice_records, held, alice):
    session = alice_records["session"]
    client = api_client_for(alice)

    cancelled = client.post(
        session_url(session, "transition"),
        {"status": "cancelled", "note": "  The plant is shut for a week.  "},
        format="json",
    )
    to_done = client.post(session_url(session, "transition"), {"status": "done"}, format="json")
    again = client.post(session_url(session, "transition"), {"status": "planned"}, format="json")
    from_done = client.post(session_url(held, "transition"), {"status": "cancelled"}, format="json")

    assert cancelled.status_code == 200, cancelled.content
    assert (cancelled.json()["status"], cancelled.json()["status_note"]) == (
        "cancelled",
        "The plant is shut for a week.",
    )
    assert (to_done.status_code, to_done.json()) == (
        409,
        {"detail": "A session that is Cancelled cannot become Done.", "allowed": ["planned"]},
    )
    assert (again.status_code, again.json()["status"]) == (200, "planned")
    assert (from_done.status_code, from_done.json()) == (
        409,
        {"detail": "A session that is Done cannot become Cancelled.", "allowed": []},
    )


def test_a_session_is_done_once_it_has_started(alice_records, alice):
    session = alice_records["session"]  # tomorrow
    client = api_client_for(alice)

    early = client.post(session_url(session, "transition"), {"status": "done"}, format="json")
    unknown = client.post(session_url(session, "transition"), {"status": "held"}, format="json")
    same = client.post(session_url(session, "transition"), {"status": "planned"}, format="json")

    assert (early.status_code, early.json()) == (
        400,
        {"status": ["A session is marked done once it has started."]},
    )
    assert (unknown.status_code, unknown.json()) == (
        400,
        {"status": ['"held" is not a valid choice.']},
    )
    assert (same.status_code, same.json()["allowed"]) == (409, ["done", "cancelled"])
    session.refresh_from_db()
    assert session.status == "planned"


# --- invite and attendance -----------------------------------------------------------------


def test_invite_keeps_the_invited_and_refuses_other_accounts_contacts(
    alice_records, charlie_records, alice
):
    session = alice_records["session"]
    boss, contact = alice_records["boss"], alice_records["contact"]
    client = api_client_for(alice)

    first = client.post(session_url(session, "invite"), {"contacts": [boss.pk]}, format="json")
    both = client.post(
        session_url(session, "invite"), {"contacts": [boss.pk, contact.pk]}, format="json"
    )
    foreign = client.post(
        session_url(session, "invite"),
        {"contacts": [contact.pk, charlie_records["contact"].pk]},
        format="json",
    )
    missing = client.post(session_url(session, "invite"), {"contacts": [999_999]}, format="json")
    empty = client.post(session_url(session, "invite"), {"contacts": []}, format="json")

    assert first.status_code == 200, first.content
    assert [(row["contact"], row["contact_name"], row["attended"]) for row in first.json()] == [
        (boss.pk, "Wang Lei", None)
    ]
    assert [row["contact_name"] for row in both.json()] == ["Li Na", "Wang Lei"]
    invalid = {"contacts": ["Name contacts of the session's account."]}
    assert (foreign.status_code, foreign.json()) == (400, invalid)
    assert (missing.status_code, missing.json()) == (400, invalid)
    assert (empty.status_code, empty.json()) == (400, {"contacts": ["This list may not be empty."]})
    assert sorted(session.attendances.values_list("contact__name", flat=True)) == [
        "Li Na",
        "Wang Lei",
    ]


def test_nobody_is_invited_to_a_cancelled_session(alice_records, alice):
    session = alice_records["session"]
    services.session_transition(session=session, to_status="cancelled", by=alice)

    response = api_client_for(alice).post(
        session_url(session, "invite"), {"contacts": [alice_records["boss"].pk]}, format="json"
    )

    assert (response.status_code, response.json()) == (
        409,
        {"detail": "Nobody is invited to a cancelled session."},
    )
    assert session.attendances.count() == 0


def test_attendance_is_taken_once_the_session_has_started(alice_records, supported, alice):
    planned = alice_records["session"]
    boss, contact = alice_records["boss"], alice_records["contact"]
    services.attendance_invite(session=planned, by=alice, contacts=[boss])
    client = api_client_for(alice)

    early = client.post(
        session_url(planned, "attendance"),
        {"records": [{"contact": boss.pk, "attended": True}]},
        format="json",
    )
    not_invited = client.post(
        session_url(supported, "attendance"),
        {"records": [{"contact": contact.pk, "attended": True}]},
        format="json",
    )
    taken = client.post(
        session_url(supported, "attendance"),
        {"records": [{"contact": boss.pk, "attended": False}]},
        format="json",
    )
    untaken = client.post(
        session_url(supported, "attendance"),
        {"records": [{"contact": boss.pk, "attended": None}]},
        format="json",
    )
    shapeless = client.post(
        session_url(supported, "attendance"), {"records": [{"attended": True}]}, format="json"
    )

    assert (early.status_code, early.json()) == (
        400,
        {"attended": ["Attendance is taken once the session has started."]},
    )
    assert (not_invited.status_code, not_invited.json()) == (
        400,
        {"attended": ["Only invited contacts attend; invite them first."]},
    )
    assert (taken.status_code, [row["attended"] for row in taken.json()]) == (200, [False])
    assert (untaken.status_code, [row["attended"] for row in untaken.json()]) == (200, [None])
    assert shapeless.status_code == 400
    assert shapeless.json() == {"records": {"0": {"contact": ["This field is required."]}}}


def test_nobody_attends_a_cancelled_session(alice_records, supported, bob):
    services.session_transition(session=supported, to_status="cancelled", by=bob)

    response = api_client_for(bob).post(
        session_url(supported, "attendance"),
        {"records": [{"contact": alice_records["boss"].pk, "attended": True}]},
        format="json",
    )

    assert (response.status_code, response.json()) == (
        409,
        {"detail": "Nobody attends a cancelled session."},
    )


# --- feedback ------------------------------------------------------------------------------


def test_feedback_records_one_survey_response_each(alice_records, held, alice):
    boss = alice_records["boss"]
    client = api_client_for(alice)
    surveys_before = SurveyResponse.objects.count()

    named = client.post(
        session_url(held, "feedback"),
        {"contact": boss.pk, "score": 5, "comments": "  Clear and practical.  "},
        format="json",
    )
    unnamed = client.post(session_url(held, "feedback"), {"score": 3}, format="json")
    listed = client.get(session_url(held, "feedback"))

    assert named.status_code == 201, named.content
    feedback = TrainingFeedback.objects.get(session=held, contact=boss)
    assert named.json() == {
        "id": feedback.pk,
        "contact": boss.pk,
        "contact_name": "Wang Lei",
        "score": 5,
        "comments": "Clear and practical.",
        "submitted_on": company_today().isoformat(),
        "survey": feedback.survey_id,
        "via_link": False,
        "created_at": named.json()["created_at"],
    }
    assert unnamed.status_code == 201, unnamed.content
    assert (unnamed.json()["contact"], unnamed.json()["contact_name"]) == (None, None)
    assert SurveyResponse.objects.count() == surveys_before + 2
    assert list(
        SurveyResponse.objects.filter(source="after_training")
        .order_by("id")
        .values_list("account", "contact", "score", "comment", "received_on")
    ) == [
        (held.account_id, boss.pk, 5, "Clear and practical.", company_today()),
        (held.account_id, None, 3, "", company_today()),
    ]
    assert listed.json()["count"] == 2
    assert [row["id"] for row in listed.json()["results"]] == [
        unnamed.json()["id"],
        named.json()["id"],
    ]


def test_feedback_once_per_contact_and_only_from_the_invited(
    alice_records, charlie_records, held, alice
):
    boss = alice_records["boss"]
    stranger = f.ContactFactory(account=alice_records["account"], name="Zhou Qiang")
    client = api_client_for(alice)
    client.post(session_url(held, "feedback"), {"contact": boss.pk, "score": 4}, format="json")
    surveys_before = SurveyResponse.objects.count()

    second = client.post(
        session_url(held, "feedback"), {"contact": boss.pk, "score": 1}, format="json"
    )
    not_invited = client.post(
        session_url(held, "feedback"), {"contact": stranger.pk, "score": 4}, format="json"
    )
    foreign = client.post(
        session_url(held, "feedback"),
        {"contact": charlie_records["contact"].pk, "score": 4},
        format="json",
    )
    out_of_range = client.post(session_url(held, "feedback"), {"score": 6}, format="json")
    no_score = client.post(session_url(held, "feedback"), {"comments": "Nice"}, format="json")

    assert (second.status_code, second.json()) == (
        409,
        {"detail": "This contact has given feedback on this session already."},
    )
    invited_only = {"contact": ["Choose one of the people invited."]}
    assert (not_invited.status_code, not_invited.json()) == (400, invited_only)
    assert (foreign.status_code, foreign.json()) == (400, invited_only)
    assert (out_of_range.status_code, out_of_range.json()) == (
        400,
        {"score": ['"6" is not a valid choice.']},
    )
    assert (no_score.status_code, no_score.json()) == (400, {"score": ["This field is required."]})
    assert SurveyResponse.objects.count() == surveys_before
    assert list(held.feedback.values_list("contact", "score")) == [(boss.pk, 4)]


def test_no_feedback_before_the_session_is_done(alice_records, supported, alice):
    response = api_client_for(alice).post(
        session_url(supported, "feedback"),
        {"contact": alice_records["boss"].pk, "score": 5},
        format="json",
    )

    assert (response.status_code, response.json()) == (409, NOT_DONE_YET)
    assert SurveyResponse.objects.filter(source="after_training").count() == 0


def test_feedback_links_work_on_the_public_page(alice_records, held, alice):
    client = api_client_for(alice)

    made = client.post(session_url(held, "feedback-links"), {"anonymous": 2}, format="json")

    assert made.status_code == 201, made.content
    links = made.json()
    rows = list(FeedbackLink.objects.filter(session=held).order_by("id"))
    # One for the attendee (Wang Lei; Li Na did not come), two for anyone.
    assert [(link["id"], link["contact"]) for link in links] == [
        (rows[0].pk, alice_records["boss"].pk),
        (rows[1].pk, None),
        (rows[2].pk, None),
    ]
    for link, row in zip(links, rows, strict=True):
        assert moment(link["expires_at"]) == row.expires_at
        assert row.expires_at - row.created_at == pytest.approx(
            dt.timedelta(days=30), abs=dt.timedelta(seconds=5)
        )
        assert link["url"].startswith("http://testserver/feedback/")
    assert len({link["url"] for link in links}) == 3

    public = Client()
    path = links[0]["url"].removeprefix("http://testserver")
    page = public.get(path)
    sent = public.post(path, {"score": "4", "comments": "Good pace."})

    assert page.status_code == 200
    assert "Maintenance training" in page.content.decode()
    assert sent.status_code == 200
    feedback = TrainingFeedback.objects.get(link=rows[0])
    assert (feedback.contact, feedback.score, feedback.comments, feedback.entered_by) == (
        alice_records["boss"],
        4,
        "Good pace.",
        None,
    )
    assert feedback.survey.source == "after_training"
    listed = client.get(session_url(held, "feedback")).json()["results"]
    assert [(row["contact_name"], row["via_link"]) for row in listed] == [("Wang Lei", True)]
    # The attendee has a link now: the next batch makes anonymous ones only.
    again = client.post(session_url(held, "feedback-links"), {}, format="json")
    assert (again.status_code, again.json()) == (201, [])


def test_feedback_links_only_for_a_done_session(alice_records, held, alice):
    client = api_client_for(alice)

    planned = client.post(
        session_url(alice_records["session"], "feedback-links"), {"anonymous": 1}, format="json"
    )
    too_many = client.post(session_url(held, "feedback-links"), {"anonymous": 101}, format="json")

    assert (planned.status_code, planned.json()) == (
        409,
        {"detail": "Feedback links are made once the session is done."},
    )
    assert (too_many.status_code, too_many.json()) == (
        400,
        {"anonymous": ["Ensure this value is less than or equal to 100."]},
    )
    assert FeedbackLink.objects.count() == 0


# --- materials -----------------------------------------------------------------------------


def test_upload_a_pdf_and_list_it(alice_records, alice, media_root):
    session = alice_records["session"]
    client = api_client_for(alice)
    content = pdf_bytes()

    uploaded = client.post(
        session_url(session, "materials"),
        {"title": "  X200 slides  ", "file": pdf_upload()},
        format="multipart",
    )
    untitled = client.post(
        session_url(session, "materials"), {"file": pdf_upload("Handout.pdf")}, format="multipart"
    )
    listed = client.get(session_url(session, "materials"))

    assert uploaded.status_code == 201, uploaded.content
    material = TrainingMaterial.objects.get(title="X200 slides")
    assert uploaded.json() == {
        "id": material.pk,
        "title": "X200 slides",
        "file_name": "x200-slides.pdf",
        "file_type": "pdf",
        "file_size": len(content),
        "file_url": f"http://testserver/training/materials/{material.pk}/file/",
        "uploaded_by": alice.pk,
        "created_at": uploaded.json()["created_at"],
    }
    assert (untitled.status_code, untitled.json()["title"]) == (201, "Handout")
    assert [row["title"] for row in listed.json()] == ["Handout", "X200 slides"]
    # Stored under a name we made, inside the media folder, with the bytes sent.
    stored = media_root / material.file.name
    assert stored.read_bytes() == content
    assert stored.name != "x200-slides.pdf"
    # The URL serves it to whoever sees the session (a browser session).
    browser = Client()
    browser.force_login(alice)
    download = browser.get(uploaded.json()["file_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content


@pytest.mark.parametrize(
    ("upload", "errors"),
    [
        (
            lambda: SimpleUploadedFile("setup.exe", b"MZ\x90\x00", "application/octet-stream"),
            PDF_ONLY_KINDS,
        ),
        (
            lambda: SimpleUploadedFile(
                "notes.pdf", b"Just some text, not a PDF.", "application/pdf"
            ),
            {"file": ["The file's content is not a PDF, whatever its name says."]},
        ),
        (
            lambda: SimpleUploadedFile("empty.pdf", b"", "application/pdf"),
            {"file": ["The submitted file is empty."]},
        ),
        (
            lambda: SimpleUploadedFile("..%2F..%2Fsettings.pdf", pdf_bytes(), "application/pdf"),
            None,
        ),
    ],
)
def test_a_bad_upload_is_400(alice_records, alice, media_root, upload, errors):
    session = alice_records["session"]

    response = api_client_for(alice).post(
        session_url(session, "materials"), {"title": "Bad", "file": upload()}, format="multipart"
    )

    assert response.status_code == 400, response.content
    if errors is None:
        assert set(response.json()) == {"file"}
    else:
        assert response.json() == errors
    assert TrainingMaterial.objects.count() == 0
    assert [path for path in media_root.rglob("*") if path.is_file()] == []


def test_an_upload_over_the_limit_is_400(alice_records, alice, media_root, settings):
    settings.KAM_TRAINING_FILE_MAX_MB = 1
    big = pdf_bytes() + b"\n%" + b"x" * (1024 * 1024)

    response = api_client_for(alice).post(
        session_url(alice_records["session"], "materials"),
        {"file": SimpleUploadedFile("big.pdf", big, "application/pdf")},
        format="multipart",
    )

    assert (response.status_code, response.json()) == (
        400,
        {"file": ["The file is larger than 1 MiB."]},
    )
    assert TrainingMaterial.objects.count() == 0


def test_a_material_without_a_file_is_400(alice_records, alice):
    response = api_client_for(alice).post(
        session_url(alice_records["session"], "materials"), {"title": "Slides"}, format="multipart"
    )
    assert (response.status_code, response.json()) == (
        400,
        {"file": ["No file was submitted."]},
    )


# --- the filters ---------------------------------------------------------------------------


@pytest.fixture
def timed(alice_records, alice, bob):
    """Alice's sessions over time, on two accounts, with different kinds and trainers."""
    account = alice_records["account"]
    other = f.AccountFactory(owner=alice, name="Ningbo Moulds")
    past = f.TrainingSessionFactory(
        account=account, kind="training", title="Furnace safety", scheduled_at=at(-10)
    )
    services.session_transition(session=past, to_status="done", by=alice)
    cancelled = f.TrainingSessionFactory(
        account=other, kind="workshop", title="Mould design workshop", scheduled_at=at(5)
    )
    services.session_transition(session=cancelled, to_status="cancelled", by=alice)
    by_bob = f.TrainingSessionFactory(
        account=other,
        kind="product_demo",
        title="X300 press demo",
        scheduled_at=at(3),
        trainer=bob,
        support_department=f.department("training"),
    )
    return {
        "past": past,
        "demo": alice_records["session"],  # tomorrow, X200 controller demo
        "cancelled": cancelled,
        "by_bob": by_bob,
        "other": other,
    }


def test_list_filters(timed, alice, bob):
    client = api_client_for(alice)

    def ids(**params):
        return row_ids(client.get(TRAININGS, params))

    everything = [timed[key].pk for key in ("past", "demo", "by_bob", "cancelled")]
    assert ids() == everything  # by date
    assert ids(when="all") == everything
    assert ids(when="upcoming") == everything[1:]
    assert ids(when="past") == [timed["past"].pk]
    assert ids(status="done") == [timed["past"].pk]
    assert ids(status=["planned", "cancelled"]) == everything[1:]
    assert ids(kind="product_demo") == [timed["demo"].pk, timed["by_bob"].pk]
    assert ids(kind="workshop", when="upcoming") == [timed["cancelled"].pk]
    assert ids(account=timed["other"].pk) == [timed["by_bob"].pk, timed["cancelled"].pk]
    assert ids(trainer=bob.pk) == [timed["by_bob"].pk]
    assert ids(trainer=alice.pk) == [timed["past"].pk, timed["demo"].pk, timed["cancelled"].pk]
    assert ids(support_department="training") == [timed["by_bob"].pk]
    assert ids(search="X200") == [timed["demo"].pk]
    assert ids(search="ningbo") == [timed["by_bob"].pk, timed["cancelled"].pk]
    assert ids(search="Furnace safety") == [timed["past"].pk]
    assert ids(ordering="-scheduled_at") == everything[::-1]
    assert ids(ordering="scheduled_at", status="planned") == [
        timed["demo"].pk,
        timed["by_bob"].pk,
    ]
    assert ids(scheduled_after=at(2).isoformat(), scheduled_before=at(4).isoformat()) == [
        timed["by_bob"].pk
    ]


def test_filters_do_not_reach_past_visibility(timed, charlie_records, charlie, alice):
    client = api_client_for(charlie)
    mine = [charlie_records["session"].pk]

    assert row_ids(client.get(TRAININGS, {"trainer": charlie.pk})) == mine
    assert row_ids(client.get(TRAININGS, {"search": "X200"})) == []
    # Another rep's account is not a choice of his: 400, not her sessions.
    response = client.get(TRAININGS, {"account": timed["other"].pk})
    assert response.status_code == 400
    assert set(response.json()) == {"account"}
    assert client.get(TRAININGS, {"trainer": alice.pk}).status_code == 400


@pytest.mark.parametrize(
    "params",
    [
        {"colour": "blue"},
        {"when": "tomorrow"},
        {"status": "held"},
        {"kind": "webinar"},
        {"trainer": "nobody"},
        {"account": "999999"},
        {"scheduled_after": "last week"},
        {"support_department": "weather"},
        {"search": "x" * 1000},
    ],
)
def test_bad_list_parameters_are_400(timed, alice, params):
    response = api_client_for(alice).get(TRAININGS, params)

    assert response.status_code == 400, response.content
    assert set(response.json()) == set(params)


def test_an_unknown_parameter_names_what_is_accepted(alice_records, alice):
    response = api_client_for(alice).get(TRAININGS, {"colour": "blue", "status": "planned"})

    assert response.status_code == 400
    (message,) = response.json()["colour"]
    assert message.startswith("Unknown query parameter. Accepted: ")
    assert {"when", "status", "kind", "account", "trainer", "search", "ordering"} <= set(
        message.removeprefix("Unknown query parameter. Accepted: ").rstrip(".").split(", ")
    )


# --- query counts --------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 20])
def test_department_list_query_count_is_constant(
    alice, trainer_user, rows, django_assert_num_queries
):
    TestTrainingAPI().make_rows(alice, rows)
    supported = TrainingSession.objects.filter(support_department__code="training").count()
    client = api_client_for(trainer_user)
    client.get(TRAININGS)
    with django_assert_num_queries(5):
        response = client.get(TRAININGS, {"page_size": 200})
    assert response.json()["count"] == supported


@pytest.mark.parametrize("rows", [1, 20])
def test_manager_list_query_count_is_constant(alice, bob, rows, django_assert_num_queries):
    TestTrainingAPI().make_rows(alice, rows)
    client = api_client_for(bob)
    client.get(TRAININGS)
    with django_assert_num_queries(5):
        response = client.get(TRAININGS, {"page_size": 200, "when": "all", "search": "training"})
    assert response.json()["count"] == rows


def test_detail_query_count(
    alice_records, supported, alice, trainer_user, django_assert_num_queries
):
    for user, session in ((alice, alice_records["session"]), (trainer_user, supported)):
        client = api_client_for(user)
        client.get(session_url(session))
        with django_assert_num_queries(4):
            response = client.get(session_url(session))
        assert response.json()["id"] == session.pk


@pytest.mark.parametrize("rows", [1, 20])
def test_action_lists_query_counts_are_constant(
    alice_records, alice, media_root, rows, django_assert_num_queries
):
    """Attendance, feedback and materials of a session with one and with many rows."""
    account = alice_records["account"]
    session = f.TrainingSessionFactory(
        account=account, title="Big training", scheduled_at=timezone.now() - dt.timedelta(hours=2)
    )
    contacts = [f.ContactFactory(account=account) for _ in range(rows)]
    services.attendance_invite(session=session, by=alice, contacts=contacts)
    services.attendance_record(
        session=session, by=alice, attended={contact.pk: True for contact in contacts}
    )
    services.session_transition(session=session, to_status="done", by=alice)
    for n, contact in enumerate(contacts):
        services.feedback_record(session=session, by=alice, score=n % 5 + 1, contact=contact)
        services.material_add(session=session, by=alice, title=f"Part {n}", file=pdf_upload())
    client = api_client_for(alice)
    client.get(session_url(session, "attendance"))

    with django_assert_num_queries(5):
        attendance = client.get(session_url(session, "attendance"))
    with django_assert_num_queries(6):
        feedback = client.get(session_url(session, "feedback"), {"page_size": 200})
    with django_assert_num_queries(5):
        materials = client.get(session_url(session, "materials"))

    assert len(attendance.json()) == rows
    assert feedback.json()["count"] == rows
    assert len(materials.json()) == rows
