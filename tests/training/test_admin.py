"""Admin of duty 7: every page opens for an administrator and starts from ``visible_to``
for anyone else; a session is planned and edited through the services and changes its
status only by the actions that call ``session_transition``; attendance, feedback,
materials and links are for reading; no token is ever shown; nothing is deleted."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kam.models import Notification
from tests import factories as f
from training import services
from training.models import (
    Attendance,
    FeedbackLink,
    TrainingFeedback,
    TrainingMaterial,
    TrainingSession,
)
from training.tokens import make_token

pytestmark = pytest.mark.django_db

MODELS = [TrainingSession, TrainingMaterial, Attendance, TrainingFeedback, FeedbackLink]
HISTORIED = [TrainingSession, TrainingMaterial, Attendance, TrainingFeedback]
PDF = b"%PDF-1.4\n% a handout\n"


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:training_{model._meta.model_name}_{view}", args=args)


def records_of(owner, *, support=None) -> dict:
    """A held session of ``owner``'s with one of everything hanging off it (an attendee's
    feedback, an open link, a handout), and a planned one: data there to leak."""
    account = f.AccountFactory(owner=owner, name=f"{owner.username} account")
    came = f.ContactFactory(account=account, name=f"{owner.username} buyer")
    stayed = f.ContactFactory(account=account, name=f"{owner.username} engineer")
    held = f.TrainingSessionFactory(
        account=account,
        title=f"{owner.username} demo",
        scheduled_at=timezone.now() - dt.timedelta(days=2),
        support_department=support,
    )
    services.attendance_invite(session=held, by=owner, contacts=[came, stayed])
    services.attendance_record(session=held, by=owner, attended={came.pk: True, stayed.pk: False})
    material = services.material_add(
        session=held,
        by=owner,
        title=f"{owner.username} handout",
        file=SimpleUploadedFile("handout.pdf", PDF),
    )
    services.session_transition(session=held, to_status="done", by=owner)
    feedback = services.feedback_record(
        session=held, by=owner, score=4, comments="Clear and practical.", contact=came
    )
    [(link, token)] = services.feedback_links_create(session=held, by=owner, anonymous=1)
    planned = f.TrainingSessionFactory(account=account, title=f"{owner.username} workshop")
    return {
        "account": account,
        "came": came,
        TrainingSession: held,
        "planned": planned,
        TrainingMaterial: material,
        Attendance: held.attendances.get(contact=came),
        TrainingFeedback: feedback,
        FeedbackLink: link,
        "token": token,
    }


@pytest.fixture
def alice_training(alice, media_root):
    return records_of(alice, support=f.department("training"))


@pytest.fixture
def charlie_training(charlie, media_root):
    return records_of(charlie)


def staff(user):
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="training"))
    return user


def listed(client, model) -> list:
    response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return sorted(response.context["cl"].queryset, key=lambda row: row.pk)


def run_action(client, action, sessions):
    return client.post(
        admin_url(TrainingSession, "changelist"),
        {"action": action, "_selected_action": [session.pk for session in sessions]},
        follow=True,
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


#: The read-only inlines' management forms, which every POST of the session's form sends.
INLINES = {
    f"{prefix}-{name}": 0
    for prefix in ("attendances", "feedback", "feedback_links")
    for name in ("TOTAL_FORMS", "INITIAL_FORMS")
}


def session_form(session, **values) -> dict:
    """The change form's fields as they are, with ``values`` changed."""
    local = timezone.localtime(session.scheduled_at)
    data = {
        "kind": session.kind,
        "title": session.title,
        "topic": session.topic,
        "scheduled_at_0": local.strftime("%Y-%m-%d"),
        "scheduled_at_1": local.strftime("%H:%M:%S"),
        "duration_minutes": session.duration_minutes,
        "location": session.location,
        "online_url": session.online_url,
        "trainer": session.trainer_id,
        "support_department": session.support_department_id or "",
        "agenda": session.agenda,
    }
    return {**data, **INLINES, **values}


def test_admin_pages_and_histories_open_for_a_superuser(client, superuser, alice_training):
    client.force_login(superuser)
    records = {model: alice_training[model] for model in MODELS}
    pages = [admin_url(model, "changelist") for model in MODELS]
    pages += [admin_url(model, "change", obj.pk) for model, obj in records.items()]
    pages += [admin_url(TrainingSession, "change", alice_training["planned"].pk)]
    pages += [admin_url(model, "history", records[model].pk) for model in HISTORIED]
    pages += [
        admin_url(model, "simple_history", records[model].pk, version)
        for model in HISTORIED
        for version in [records[model].history.earliest("history_id").pk]
    ]
    pages += [admin_url(TrainingSession, "add")]
    pages += [admin_url(model, "changelist") + "?q=alice" for model in MODELS]
    pages += [admin_url(TrainingSession, "changelist") + "?status__exact=done"]

    assert {page: client.get(page).status_code for page in pages} == dict.fromkeys(pages, 200)
    # The search box matches the session's search document (title, topic, account), as
    # the site's does.
    found = client.get(admin_url(TrainingSession, "changelist") + "?q=alice+demo")
    assert list(found.context["cl"].queryset) == [alice_training[TrainingSession]]
    by_account = client.get(admin_url(TrainingSession, "changelist") + "?q=alice+account")
    assert len(by_account.context["cl"].queryset) == 2
    # The session's page lists who came, the feedback and the links with it.
    page = client.get(admin_url(TrainingSession, "change", alice_training[TrainingSession].pk))
    text = page.content.decode()
    assert "alice buyer" in text and "alice engineer" in text
    assert "Clear and practical." in text and "alice handout" in text


def test_admin_changelists_start_from_visible_to(client, alice, alice_training, charlie_training):
    client.force_login(staff(alice))

    assert {model.__name__: listed(client, model) for model in MODELS} == {
        "TrainingSession": [alice_training[TrainingSession], alice_training["planned"]],
        "TrainingMaterial": [alice_training[TrainingMaterial]],
        "Attendance": list(alice_training[TrainingSession].attendances.order_by("pk")),
        "TrainingFeedback": [alice_training[TrainingFeedback]],
        "FeedbackLink": [alice_training[FeedbackLink]],
    }
    for model in MODELS:
        obj = charlie_training[model]
        # Admin's "does not exist" redirect, and the histories answer 404.
        assert client.get(admin_url(model, "change", obj.pk)).status_code == 302
        if model in HISTORIED:
            assert client.get(admin_url(model, "history", obj.pk)).status_code == 404
            version = obj.history.earliest("history_id").pk
            assert (
                client.get(admin_url(model, "simple_history", obj.pk, version)).status_code == 404
            )


def test_admin_manager_executive_and_departments_see_what_the_site_shows(
    client,
    bob,
    executive,
    trainer_user,
    logistics_user,
    alice_training,
    charlie_training,
):
    # Bob: his rep's sessions, to change.
    client.force_login(staff(bob))
    assert listed(client, TrainingSession) == [
        alice_training[TrainingSession],
        alice_training["planned"],
    ]
    page = client.get(admin_url(TrainingSession, "change", alice_training["planned"].pk))
    assert (page.status_code, page.context["has_change_permission"]) == (200, True)

    # Eve: every session, read-only; plans none.
    client.force_login(staff(executive))
    assert len(listed(client, TrainingSession)) == 4
    page = client.get(admin_url(TrainingSession, "change", charlie_training["planned"].pk))
    assert (page.status_code, page.context["has_change_permission"]) == (200, False)
    assert client.get(admin_url(TrainingSession, "add")).status_code == 403

    # Training: the session it supports (and what hangs off it), never Charlie's; it runs
    # it but plans none.
    client.force_login(staff(trainer_user))
    assert listed(client, TrainingSession) == [alice_training[TrainingSession]]
    assert listed(client, TrainingFeedback) == [alice_training[TrainingFeedback]]
    assert listed(client, TrainingMaterial) == [alice_training[TrainingMaterial]]
    assert client.get(admin_url(TrainingSession, "add")).status_code == 403

    # Logistics: nothing at all.
    client.force_login(staff(logistics_user))
    assert {model.__name__: len(listed(client, model)) for model in MODELS} == dict.fromkeys(
        (model.__name__ for model in MODELS), 0
    )
    page = client.get(admin_url(TrainingSession, "change", alice_training[TrainingSession].pk))
    assert page.status_code == 302


def test_admin_offers_the_status_actions_on_sessions_only(client, superuser, alice_training):
    client.force_login(superuser)

    def actions(model):
        form = client.get(admin_url(model, "changelist")).context["action_form"]
        return [] if form is None else [name for name, _l in form.fields["action"].choices if name]

    assert {model.__name__: actions(model) for model in MODELS} == {
        "TrainingSession": ["mark_done", "mark_cancelled", "plan_again"],
        "TrainingMaterial": [],
        "Attendance": [],
        "TrainingFeedback": [],
        "FeedbackLink": [],
    }


def test_admin_status_actions_go_through_the_service(client, alice, bob, alice_training, english):
    held, planned = alice_training[TrainingSession], alice_training["planned"]
    client.force_login(staff(bob))

    response = run_action(client, "mark_cancelled", [held, planned])

    planned.refresh_from_db()
    held.refresh_from_db()
    assert (held.status, planned.status) == ("done", "cancelled")
    assert messages_of(response) == [
        f"{held}: A session that is Done cannot become Cancelled.",
        "1 session updated.",
    ]
    history = planned.history.order_by("history_id")
    assert [(row.status, row.history_user) for row in history] == [
        ("planned", None),  # planned by the factory, outside a request
        ("cancelled", bob),
    ]
    # Alice gives it, and hears it was called off (``session_transition`` tells her).
    assert list(Notification.objects.filter(user=alice).values_list("kind", flat=True)) == [
        "training.invitation"
    ]

    # Planned again; tomorrow's session cannot be marked held yet.
    response = run_action(client, "plan_again", [planned])
    planned.refresh_from_db()
    assert planned.status == "planned"
    assert messages_of(response)[-1] == "1 session updated."
    response = run_action(client, "mark_done", [planned])
    planned.refresh_from_db()
    assert planned.status == "planned"
    assert messages_of(response) == [
        f"{planned}: A session is marked done once it has started.",
        "0 sessions updated.",
    ]
    # Done or cancelled: read-only, here as on the site.
    page = client.get(admin_url(TrainingSession, "change", held.pk))
    assert (page.status_code, page.context["has_change_permission"]) == (200, False)
    assert client.post(admin_url(TrainingSession, "change", held.pk), {}).status_code == 403


def test_admin_plans_and_edits_through_the_services(
    client, alice, bob, alice_training, charlie_training, trainer_user, english
):
    client.force_login(staff(alice))
    account = alice_training["account"]
    when = timezone.localtime(timezone.now() + dt.timedelta(days=7)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    data = {
        "account": account.pk,
        "kind": "product_demo",
        "title": "  X200 controller demo  ",
        "topic": "Remote diagnostics",
        "scheduled_at_0": when.strftime("%Y-%m-%d"),
        "scheduled_at_1": "14:00:00",
        "duration_minutes": 90,
        "location": "Plant 2",
        "online_url": "",
        "trainer": "",
        "support_department": "",
        "agenda": "1. What is new",
        "status": "done",  # read-only: ignored
        **INLINES,
    }

    added = client.post(admin_url(TrainingSession, "add"), data)
    theirs = client.post(
        admin_url(TrainingSession, "add"), {**data, "account": charlie_training["account"].pk}
    )

    assert (added.status_code, theirs.status_code) == (302, 200), added.context[
        "adminform"
    ].form.errors
    assert set(theirs.context["adminform"].form.errors) == {"account"}
    session = TrainingSession.objects.get(title="X200 controller demo")  # cleaned by the model
    assert (session.status, session.trainer, session.created_by, session.scheduled_at) == (
        "planned",
        alice,
        alice,
        when,
    )
    assert session.search_text == "x200 controller demo\nremote diagnostics\nalice account"
    assert [(row.history_type, row.history_user) for row in session.history.all()] == [("+", alice)]
    # Alice gives it herself: nobody to tell.
    assert not Notification.objects.filter(kind="training.invitation").exists()

    # Given by the training department now: Tina hears of it; moved, she hears again.
    url = admin_url(TrainingSession, "change", session.pk)
    response = client.post(url, session_form(session, trainer=trainer_user.pk))
    assert response.status_code == 302, response.context["adminform"].form.errors
    later = when + dt.timedelta(hours=2)
    session.refresh_from_db()
    response = client.post(url, session_form(session, scheduled_at_1="16:00:00"))
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.trainer, session.scheduled_at) == (trainer_user, later)
    assert [
        subject.split(":")[0]
        for subject in Notification.objects.filter(user=trainer_user)
        .order_by("pk")
        .values_list("subject", flat=True)
    ] == ["You give a session", "Session moved"]
    # A session stays on its account: the field is read-only once it is planned.
    page = client.get(url)
    assert "account" not in page.context["adminform"].form.fields

    # An inactive colleague is no trainer.
    gone = f.UserFactory(username="gone", role="rep", is_active=False)
    response = client.post(url, session_form(session, trainer=gone.pk))
    assert set(response.context["adminform"].form.errors) == {"trainer"}


def test_admin_never_shows_a_token_and_deletes_nothing(client, superuser, alice_training):
    client.force_login(superuser)
    link = alice_training[FeedbackLink]
    token = alice_training["token"]
    assert make_token(link) == token  # the one the session's page would show

    for page in [
        admin_url(TrainingSession, "change", alice_training[TrainingSession].pk),
        admin_url(FeedbackLink, "changelist"),
        admin_url(FeedbackLink, "change", link.pk),
    ]:
        response = client.get(page)
        assert response.status_code == 200
        assert token not in response.content.decode(), page
        assert reverse("feedback", kwargs={"token": token}) not in response.content.decode()

    for model in MODELS:
        obj = alice_training[model]
        assert client.get(admin_url(model, "delete", obj.pk)).status_code == 403, model
        assert client.post(admin_url(model, "delete", obj.pk), {"post": "yes"}).status_code == (403)
    # Nor are any of them added or edited here: the services write them.
    for model in MODELS[1:]:
        assert client.get(admin_url(model, "add")).status_code == 403
        page = client.get(admin_url(model, "change", alice_training[model].pk))
        assert page.context["has_change_permission"] is False
    assert TrainingSession.objects.count() == 2
    assert FeedbackLink.objects.get().used_at is None


def test_admin_history_is_read_only(client, superuser, alice_training):
    session = alice_training["planned"]
    services.session_update(session=session, by=superuser, title="Renamed workshop")
    first = session.history.earliest("history_id")
    client.force_login(superuser)

    page = client.get(admin_url(TrainingSession, "simple_history", session.pk, first.pk))
    revert = client.post(
        admin_url(TrainingSession, "simple_history", session.pk, first.pk),
        session_form(first.instance),
    )

    assert (page.status_code, revert.status_code) == (200, 403)
    assert "alice workshop" in page.content.decode()
    session.refresh_from_db()
    assert session.title == "Renamed workshop"
    history = client.get(admin_url(TrainingSession, "history", session.pk))
    assert [(row.history_type, row.title) for row in history.context["page_obj"]] == [
        ("~", "Renamed workshop"),
        ("+", "alice workshop"),
    ]
    assert history.context["revert_disabled"] is True


@pytest.mark.parametrize("count", [1, 10])
def test_admin_session_list_query_count(client, superuser, alice, count, django_assert_num_queries):
    account = f.AccountFactory(owner=alice)
    for _ in range(count):
        f.TrainingSessionFactory(account=account)
    client.force_login(superuser)
    # session, user, the filters' departments and teams, the count, the page's rows with
    # their accounts, trainers and departments (+ the request's savepoint pair)
    with django_assert_num_queries(8):
        response = client.get(admin_url(TrainingSession, "changelist"))
    assert len(response.context["cl"].result_list) == count
