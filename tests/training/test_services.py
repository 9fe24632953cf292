"""Duty 7's writes: the session's state machine, who may give and run a session, whom its
trainer hears from, invitations and attendance, materials (type, size and content
checked, stored under a name nobody chose, reused across sessions), feedback typed in or
given through a signed, expiring, single-use link, and the survey response each records.

Moments are fixed and aware in the company's zone (Asia/Shanghai); every service that
takes ``now=`` gets one, so "has it started" and "has the link expired" are exact.
"""

import datetime as dt
import io
import re
import time
import zipfile
import zoneinfo

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import SurveyResponse
from kam.choices import Role
from kam.dates import company_today
from kam.errors import Conflict
from kam.models import Notification
from tests import factories as f
from training import services, tokens
from training.models import (
    Attendance,
    FeedbackLink,
    TrainingFeedback,
    TrainingMaterial,
    TrainingSession,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
#: Tuesday 2 March 2027, 09:30 in Shanghai: when the session below starts.
T0 = dt.datetime(2027, 3, 2, 9, 30, tzinfo=SHANGHAI)
SECOND = dt.timedelta(seconds=1)
HOUR = dt.timedelta(hours=1)
ACCOUNT = "Hangzhou Precision Castings"
LABEL = f"X200 maintenance · {ACCOUNT} · 2027-03-02 09:30"
INVITATION = "training.invitation"

PLANNED, DONE, CANCELLED = "planned", "done", "cancelled"
#: The moves a session may make, and what a 409 offers instead (written out, not read
#: from ``training.choices``: the test states the rule).
ALLOWED = {PLANNED: [DONE, CANCELLED], CANCELLED: [PLANNED], DONE: []}

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
MIB = 1024 * 1024


def ooxml(*parts: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for part in parts:
            package.writestr(part, "<?xml version='1.0'?><x/>")
    return buffer.getvalue()


PPTX = ooxml("[Content_Types].xml", "ppt/presentation.xml", "ppt/slides/slide1.xml")
DOCX = ooxml("[Content_Types].xml", "word/document.xml")


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def reload(session) -> TrainingSession:
    return TrainingSession.objects.get(pk=session.pk)


def told(kind: str = INVITATION) -> list[tuple[str, str, str, str]]:
    """Who was told what, in the order they were told."""
    return list(
        Notification.objects.filter(kind=kind)
        .order_by("id")
        .values_list("user__username", "subject", "body", "url")
    )


def url(session) -> str:
    return f"/training/{session.pk}/"


def message(error) -> list[str]:
    return error.value.messages


def go(session, to_status, by, now=T0 + HOUR, note=""):
    return services.session_transition(
        session=session, to_status=to_status, by=by, now=now, note=note
    )


def attendance(session) -> list[tuple[str, bool | None]]:
    return list(
        Attendance.objects.filter(session=session)
        .order_by("contact__name")
        .values_list("contact__name", "attended")
    )


def after_training() -> list[tuple]:
    return list(
        SurveyResponse.objects.filter(source="after_training")
        .order_by("id")
        .values_list("account__name", "contact__name", "received_on", "score", "comment")
    )


@pytest.fixture
def account(alice_records):
    return alice_records["account"]


@pytest.fixture
def boss(alice_records):
    return alice_records["boss"]  # Wang Lei


@pytest.fixture
def contact(alice_records):
    return alice_records["contact"]  # Li Na


@pytest.fixture
def absent(account):
    """A third contact of Alice's account, invited, who does not come."""
    return f.ContactFactory(account=account, name="Zhao Qiang")


@pytest.fixture
def outsider(charlie):
    """A contact of Charlie's account."""
    return f.ContactFactory(account=f.AccountFactory(owner=charlie), name="Chen Jie")


@pytest.fixture
def training_department(db):
    return f.department("training")


@pytest.fixture
def session(alice, account, trainer_user, training_department):
    """Alice plans a maintenance training at T0, run with the training department's help."""
    return services.session_create(
        by=alice,
        account=account,
        kind="training",
        title="X200 maintenance",
        topic="Maintenance",
        scheduled_at=T0,
        duration_minutes=90,
        location="Plant 2, Hangzhou",
        agenda="1. Safety\n2. Lubrication",
        support_department=training_department,
    )


@pytest.fixture
def held(session, alice, boss, contact, absent):
    """The session, held: three invited, Wang Lei and Li Na came, Zhao Qiang did not."""
    services.attendance_invite(session=session, by=alice, contacts=[boss, contact, absent])
    services.attendance_record(
        session=session,
        by=alice,
        attended={boss.pk: True, contact.pk: True, absent.pk: False},
        now=T0 + HOUR,
    )
    return go(session, DONE, alice, now=T0 + 2 * HOUR)


@pytest.fixture
def link(held, alice, contact):
    """A feedback link for Li Na, made when the session ended; with its token."""
    ((made, token),) = services.feedback_links_create(
        session=held, by=alice, contacts=[contact], now=T0 + 2 * HOUR
    )
    return made, token


# -- planning a session -------------------------------------------------------------------------


def test_the_planner_gives_the_session_unless_told_otherwise_and_is_not_told_of_it(
    session, alice, training_department
):
    stored = reload(session)

    assert (stored.status, stored.trainer, stored.created_by) == (PLANNED, alice, alice)
    assert (stored.scheduled_at, stored.ends_at) == (T0, T0 + 90 * dt.timedelta(minutes=1))
    assert (stored.support_department, stored.status_note) == (training_department, "")
    assert told() == []  # nobody is told what they did themselves


def test_a_session_given_by_someone_else_tells_them(alice, account, trainer_user):
    planned = services.session_create(
        by=alice, account=account, title="X200 maintenance", scheduled_at=T0, trainer=trainer_user
    )

    assert planned.trainer == trainer_user
    assert told() == [
        ("tina", f"You give a session: {LABEL}", "", f"/training/{planned.pk}/"),
    ]


@pytest.mark.parametrize("role", [Role.REP, Role.MANAGER, Role.DEPARTMENT, Role.ADMIN])
def test_a_rep_a_manager_a_department_member_or_an_admin_may_give_a_session(alice, account, role):
    department = f.department("tech_support") if role == Role.DEPARTMENT else None
    trainer = f.UserFactory(username="giver", role=role, department=department)

    planned = services.session_create(
        by=alice, account=account, title="Demo", scheduled_at=T0, trainer=trainer
    )

    assert reload(planned).trainer == trainer


@pytest.mark.parametrize(
    "trainer",
    [
        pytest.param({"username": "exec", "role": Role.EXECUTIVE}, id="executive"),
        pytest.param({"username": "gone", "role": Role.REP, "is_active": False}, id="inactive"),
    ],
)
def test_an_executive_or_a_colleague_who_left_gives_no_session(alice, account, trainer):
    with pytest.raises(ValidationError) as error:
        services.session_create(
            by=alice,
            account=account,
            title="Demo",
            scheduled_at=T0,
            trainer=f.UserFactory(**trainer),
        )

    assert error.value.message_dict == {
        "trainer": ["Choose an active colleague: a rep, a manager or a department member."]
    }
    assert TrainingSession.objects.count() == 0


@pytest.mark.parametrize("planner", ["charlie", "trainer_user", "executive", "logistics_user"])
def test_only_the_accounts_team_plans_a_session_on_it(request, account, planner):
    by = request.getfixturevalue(planner)

    with pytest.raises(ValidationError) as error:
        services.session_create(by=by, account=account, title="Demo", scheduled_at=T0)

    assert error.value.message_dict == {"account": ["Choose one of your accounts."]}
    assert TrainingSession.objects.count() == 0


def test_alices_manager_plans_on_her_account(bob, account):
    planned = services.session_create(by=bob, account=account, title="Demo", scheduled_at=T0)

    assert (planned.trainer, planned.created_by) == (bob, bob)


def test_unknown_fields_are_refused_not_ignored(alice, account):
    with pytest.raises(ValidationError) as error:
        services.session_create(
            by=alice, account=account, title="Demo", scheduled_at=T0, status=DONE, owner=alice
        )

    assert error.value.message_dict == {"owner": ["Unknown field."], "status": ["Unknown field."]}


def test_a_blank_title_is_refused(alice, account):
    with pytest.raises(ValidationError) as error:
        services.session_create(by=alice, account=account, title="   ", scheduled_at=T0)

    assert "title" in error.value.message_dict


# -- the state machine --------------------------------------------------------------------------


def reach(session, status, by):
    if status == DONE:
        return go(session, DONE, by)
    if status == CANCELLED:
        return go(session, CANCELLED, by)
    return session


@pytest.mark.parametrize("before", [PLANNED, DONE, CANCELLED])
@pytest.mark.parametrize("target", [PLANNED, DONE, CANCELLED])
def test_every_move_is_made_or_refused_with_the_moves_allowed(session, alice, before, target):
    current = reach(session, before, alice)

    if target in ALLOWED[before]:
        moved = go(current, target, alice, note="  As agreed with Wang Lei  ")
        assert (reload(session).status, moved.status_note) == (target, "As agreed with Wang Lei")
    else:
        with pytest.raises(Conflict) as error:
            go(current, target, alice)
        assert error.value.extra == {"allowed": ALLOWED[before]}
        assert reload(session).status == before


def test_a_session_is_marked_done_once_it_has_started_not_before(session, alice):
    with pytest.raises(ValidationError) as error:
        go(session, DONE, alice, now=T0 - SECOND)

    assert error.value.message_dict == {"status": ["A session is marked done once it has started."]}
    assert reload(session).status == PLANNED

    go(session, DONE, alice, now=T0)

    assert reload(session).status == DONE


def test_a_cancelled_session_planned_again_is_planned(session, alice):
    go(session, CANCELLED, alice, note="Plant shutdown")
    go(session, PLANNED, alice)

    stored = reload(session)
    assert (stored.status, stored.status_note) == (PLANNED, "")
    assert [row.status for row in stored.history.order_by("history_id")] == [
        PLANNED,
        CANCELLED,
        PLANNED,
    ]


def test_an_unknown_status_is_a_validation_error(session, alice):
    with pytest.raises(ValidationError) as error:
        go(session, "postponed", alice)

    assert error.value.message_dict == {"status": ["Unknown status."]}


@pytest.mark.parametrize("who", ["bob", "trainer_user"])
def test_her_manager_and_the_supporting_department_run_the_session(request, session, who):
    go(session, DONE, request.getfixturevalue(who))

    assert reload(session).status == DONE


@pytest.mark.parametrize("who", ["charlie", "executive", "dept_user", "logistics_user"])
def test_nobody_else_moves_a_session(request, session, who):
    with pytest.raises(PermissionDenied) as error:
        go(session, CANCELLED, request.getfixturevalue(who))

    assert str(error.value) == "Your role may not change this session."
    assert reload(session).status == PLANNED


def test_the_trainer_runs_a_session_on_an_account_they_do_not_own(alice, account, charlie):
    given = services.session_create(
        by=alice, account=account, title="Demo", scheduled_at=T0, trainer=charlie
    )

    go(given, DONE, charlie)

    assert reload(given).status == DONE


# -- changing a planned session, and who hears of it --------------------------------------


def test_a_planned_session_changes(session, alice):
    changed = services.session_update(
        session=session, by=alice, title="X200 maintenance, part 1", duration_minutes=120
    )

    stored = reload(session)
    assert stored == changed
    assert (stored.title, stored.duration_minutes) == ("X200 maintenance, part 1", 120)
    assert stored.ends_at == T0 + 2 * HOUR


@pytest.mark.parametrize("status", [DONE, CANCELLED])
def test_a_held_or_cancelled_session_does_not_change(session, alice, status):
    reach(session, status, alice)

    with pytest.raises(Conflict) as error:
        services.session_update(session=session, by=alice, title="Another title")

    assert str(error.value) == "Only a planned session changes; plan a cancelled one again first."
    assert reload(session).title == "X200 maintenance"


def test_session_update_refuses_an_unknown_field_and_a_stranger(session, alice, charlie):
    with pytest.raises(ValidationError) as error:
        services.session_update(session=session, by=alice, account=f.AccountFactory())
    assert error.value.message_dict == {"account": ["Unknown field."]}

    with pytest.raises(PermissionDenied):
        services.session_update(session=session, by=charlie, title="Mine now")
    assert reload(session).title == "X200 maintenance"


def test_a_new_trainer_is_told_and_a_move_tells_the_trainer(session, alice, trainer_user):
    services.session_update(session=session, by=alice, trainer=trainer_user)

    assert told() == [
        ("tina", f"You give a session: {LABEL}", "1. Safety\n2. Lubrication", url(session))
    ]

    services.session_update(session=session, by=alice, title="X200 care")  # not a move
    assert len(told()) == 1

    later = T0 + dt.timedelta(days=1, hours=4, minutes=30)  # Wednesday 14:00
    services.session_update(session=session, by=alice, scheduled_at=later)

    moved = f"Session moved: X200 care · {ACCOUNT} · 2027-03-03 14:00"
    assert told()[1:] == [("tina", moved, "1. Safety\n2. Lubrication", url(session))]


@pytest.mark.parametrize(
    "change",
    [
        {"duration_minutes": 60},
        {"location": "Online"},
        {"online_url": "https://meet.example.com/x200"},
    ],
)
def test_a_new_length_or_place_is_a_move_too(session, alice, trainer_user, change):
    services.session_update(session=session, by=alice, trainer=trainer_user)

    services.session_update(session=session, by=alice, **change)

    assert [subject.split(":")[0] for _user, subject, _body, _url in told()] == [
        "You give a session",
        "Session moved",
    ]


def test_a_trainer_who_changes_their_own_session_is_not_told(session, alice, trainer_user):
    services.session_update(session=session, by=alice, trainer=trainer_user)

    services.session_update(session=session, by=trainer_user, scheduled_at=T0 + HOUR)
    go(session, CANCELLED, trainer_user)

    assert [user for user, *_rest in told()] == ["tina"]  # the one from Alice


def test_a_cancelled_session_tells_its_trainer(session, alice, trainer_user):
    services.session_update(session=session, by=alice, trainer=trainer_user)

    go(session, CANCELLED, alice, now=T0 - 24 * HOUR, note="Plant shutdown")

    assert told()[1] == (
        "tina",
        f"Session called off: {LABEL}",
        "1. Safety\n2. Lubrication",
        url(session),
    )


def test_a_trainer_made_trainer_again_is_told_again(session, alice, bob, trainer_user):
    services.session_update(session=session, by=alice, trainer=trainer_user)
    services.session_update(session=session, by=alice, trainer=bob)
    services.session_update(session=session, by=alice, trainer=trainer_user)

    assert [user for user, *_rest in told()] == ["tina", "bob", "tina"]


# -- invitations and attendance ----------------------------------------------------------------


def test_contacts_are_invited_once_whatever_the_number_of_invitations(
    session, alice, boss, contact
):
    first = services.attendance_invite(session=session, by=alice, contacts=[boss])
    again = services.attendance_invite(session=session, by=alice, contacts=[boss, contact])

    assert [row.contact for row in first] == [boss]
    assert [row.contact for row in again] == [contact]
    assert attendance(session) == [("Li Na", None), ("Wang Lei", None)]


def test_a_contact_named_twice_in_one_invitation_is_invited_once(session, alice, boss):
    services.attendance_invite(session=session, by=alice, contacts=[boss, boss])

    assert attendance(session) == [("Wang Lei", None)]


def test_only_the_sessions_accounts_contacts_are_invited(session, alice, boss, outsider):
    with pytest.raises(ValidationError) as error:
        services.attendance_invite(session=session, by=alice, contacts=[boss, outsider])

    assert error.value.message_dict == {
        "contacts": ["Invite contacts of the session's account only."]
    }
    assert attendance(session) == []


def test_nobody_is_invited_to_a_cancelled_session(session, alice, boss):
    go(session, CANCELLED, alice)

    with pytest.raises(Conflict) as error:
        services.attendance_invite(session=session, by=alice, contacts=[boss])

    assert str(error.value) == "Nobody is invited to a cancelled session."
    assert attendance(session) == []


def test_her_manager_invites_but_a_supporting_department_does_not(
    session, bob, trainer_user, boss, contact
):
    services.attendance_invite(session=session, by=bob, contacts=[boss])

    # The training department runs the session, but whom of the customer's people to
    # invite is the account team's call: it does not even see the account's contacts.
    with pytest.raises(PermissionDenied) as error:
        services.attendance_invite(session=session, by=trainer_user, contacts=[contact])

    assert str(error.value) == "Only the account's team invites its contacts."
    assert attendance(session) == [("Wang Lei", None)]


@pytest.mark.parametrize("who", ["charlie", "executive", "logistics_user"])
def test_nobody_else_invites(request, session, boss, who):
    with pytest.raises(PermissionDenied):
        services.attendance_invite(
            session=session, by=request.getfixturevalue(who), contacts=[boss]
        )

    assert attendance(session) == []


def test_attendance_is_taken_once_the_session_has_started(session, alice, boss):
    services.attendance_invite(session=session, by=alice, contacts=[boss])

    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            session=session, by=alice, attended={boss.pk: True}, now=T0 - SECOND
        )

    assert error.value.message_dict == {
        "attended": ["Attendance is taken once the session has started."]
    }
    assert attendance(session) == [("Wang Lei", None)]


def test_attendance_is_yes_no_or_not_taken_and_only_changes_are_returned(
    session, alice, boss, contact, absent
):
    services.attendance_invite(session=session, by=alice, contacts=[boss, contact, absent])

    changed = services.attendance_record(
        session=session, by=alice, attended={boss.pk: True, contact.pk: False}, now=T0
    )
    assert [row.contact for row in changed] == [boss, contact]
    assert attendance(session) == [("Li Na", False), ("Wang Lei", True), ("Zhao Qiang", None)]

    changed = services.attendance_record(
        session=session,
        by=alice,
        attended={boss.pk: True, contact.pk: None, absent.pk: True},
        now=T0 + HOUR,
    )
    assert [row.contact for row in changed] == [contact, absent]
    assert attendance(session) == [("Li Na", None), ("Wang Lei", True), ("Zhao Qiang", True)]


def test_only_invited_people_attend(session, alice, boss, contact):
    services.attendance_invite(session=session, by=alice, contacts=[boss])

    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            session=session, by=alice, attended={boss.pk: True, contact.pk: True}, now=T0
        )

    assert error.value.message_dict == {
        "attended": ["Only invited contacts attend; invite them first."]
    }
    assert attendance(session) == [("Wang Lei", None)]  # all or nothing


def test_nobody_attends_a_cancelled_session(session, alice, boss):
    services.attendance_invite(session=session, by=alice, contacts=[boss])
    go(session, CANCELLED, alice)

    with pytest.raises(Conflict):
        services.attendance_record(session=session, by=alice, attended={boss.pk: True}, now=T0)


def test_the_supporting_department_takes_attendance_a_stranger_does_not(
    session, alice, charlie, trainer_user, boss
):
    services.attendance_invite(session=session, by=alice, contacts=[boss])

    services.attendance_record(session=session, by=trainer_user, attended={boss.pk: True}, now=T0)
    with pytest.raises(PermissionDenied):
        services.attendance_record(session=session, by=charlie, attended={boss.pk: False}, now=T0)

    assert attendance(session) == [("Wang Lei", True)]


# -- materials -----------------------------------------------------------------------------------


def stored_files(root) -> list:
    return sorted(path for path in root.rglob("*") if path.is_file())


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("Safety slides.pdf", PDF, "pdf"),
        ("X200 overview.PPTX", PPTX, "pptx"),
        ("wiring.png", PNG, "png"),
        ("Checklist.docx", DOCX, "docx"),
    ],
)
def test_a_material_is_kept_under_a_name_nobody_chose(
    session, alice, media_root, name, content, kind
):
    material = services.material_add(
        session=session, by=alice, title="", file=upload(name, content)
    )

    stored = TrainingMaterial.objects.get()
    assert stored == material
    assert (stored.title, stored.file_name, stored.file_type, stored.file_size) == (
        name.rsplit(".", 1)[0],
        name,
        kind,
        len(content),
    )
    assert (stored.session, list(stored.sessions.all()), stored.uploaded_by) == (
        session,
        [session],
        alice,
    )
    assert re.fullmatch(rf"training/{session.pk}/[0-9a-f]{{32}}\.{kind}", stored.file.name)
    assert stored_files(media_root) == [media_root / stored.file.name]
    assert (media_root / stored.file.name).read_bytes() == content


def test_two_uploads_of_one_name_are_two_files(session, alice, media_root):
    first = services.material_add(
        session=session, by=alice, title="Slides", file=upload("slides.pdf", PDF)
    )
    second = services.material_add(
        session=session, by=alice, title="Slides v2", file=upload("slides.pdf", PDF + b"v2")
    )

    assert first.file.name != second.file.name
    assert len(stored_files(media_root)) == 2


NOT_A = "The file's content is not a %s, whatever its name says."
KINDS = "Upload a file of one of these kinds: .pdf, .pptx, .docx, .xlsx, .png, .jpg."


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("slides.pdf", PPTX, NOT_A % "PDF"),
        ("slides.pptx", PDF, NOT_A % "PowerPoint presentation"),
        ("slides.pptx", DOCX, NOT_A % "PowerPoint presentation"),
        ("slides.pptx", ooxml("ppt/presentation.xml"), NOT_A % "PowerPoint presentation"),
        ("photo.png", b"GIF89a" + PNG, NOT_A % "PNG image"),
        ("photo.jpg", PNG, NOT_A % "JPEG image"),
        ("setup.exe", b"MZ\x90\x00", KINDS),
        ("notes.txt", b"hello", KINDS),
        ("empty.pdf", b"", "The file is empty."),
    ],
)
def test_a_material_that_is_not_what_it_says_is_refused_and_not_kept(
    session, alice, media_root, name, content, error
):
    with pytest.raises(ValidationError) as refused:
        services.material_add(session=session, by=alice, title="Slides", file=upload(name, content))

    assert refused.value.message_dict == {"file": [error]}
    assert TrainingMaterial.objects.count() == 0
    assert stored_files(media_root) == []


def test_a_material_is_at_most_the_configured_size(session, alice, media_root, settings):
    settings.KAM_TRAINING_FILE_MAX_MB = 1
    exactly = PDF + b"0" * (MIB - len(PDF))

    services.material_add(session=session, by=alice, title="Big", file=upload("big.pdf", exactly))
    with pytest.raises(ValidationError) as refused:
        services.material_add(
            session=session, by=alice, title="Too big", file=upload("huge.pdf", exactly + b"0")
        )

    assert refused.value.message_dict == {"file": ["The file is larger than 1 MiB."]}
    assert list(TrainingMaterial.objects.values_list("title", "file_size")) == [("Big", MIB)]
    assert len(stored_files(media_root)) == 1


def test_a_material_refused_for_its_title_leaves_no_file(session, alice, media_root):
    with pytest.raises(ValidationError) as refused:
        services.material_add(session=session, by=alice, title="x" * 201, file=upload("s.pdf", PDF))

    assert "title" in refused.value.message_dict
    assert TrainingMaterial.objects.count() == 0
    assert stored_files(media_root) == []


def test_a_stranger_uploads_nothing(session, charlie, media_root):
    with pytest.raises(PermissionDenied):
        services.material_add(session=session, by=charlie, title="X", file=upload("x.pdf", PDF))

    assert stored_files(media_root) == []


def test_the_supporting_department_uploads_materials(session, trainer_user, media_root):
    material = services.material_add(
        session=session, by=trainer_user, title="Handout", file=upload("handout.pdf", PDF)
    )

    assert material.uploaded_by == trainer_user


@pytest.fixture
def second(alice, account):
    """A second session of Alice's, a week later."""
    return services.session_create(
        by=alice, account=account, title="X200 maintenance, part 2", scheduled_at=T0 + 7 * 24 * HOUR
    )


def test_a_material_is_reused_in_another_session_and_detached_without_losing_the_file(
    session, second, alice, media_root
):
    material = services.material_add(
        session=session, by=alice, title="Slides", file=upload("slides.pdf", PDF)
    )
    path = media_root / material.file.name

    services.material_attach(session=second, by=alice, material=material)
    services.material_attach(session=second, by=alice, material=material)  # twice: once

    assert list(material.sessions.order_by("id")) == [session, second]
    assert list(second.materials.all()) == [material]
    assert TrainingMaterial.objects.count() == 1
    assert stored_files(media_root) == [path]  # shared, not copied

    services.material_detach(session=second, by=alice, material=material)

    assert list(material.sessions.all()) == [session]
    assert list(second.materials.all()) == []

    services.material_detach(session=session, by=alice, material=material)

    stored = TrainingMaterial.objects.get()
    assert (stored.session, list(stored.sessions.all())) == (session, [])
    assert path.read_bytes() == PDF  # the file stays


def test_only_a_material_one_sees_is_reused(session, second, alice, charlie, media_root):
    chengdu = f.AccountFactory(owner=charlie)
    charlies = services.session_create(by=charlie, account=chengdu, title="C", scheduled_at=T0)
    secret = services.material_add(
        session=charlies, by=charlie, title="Price list", file=upload("prices.pdf", PDF)
    )
    mine = services.material_add(
        session=session, by=alice, title="Slides", file=upload("s.pdf", PDF)
    )

    with pytest.raises(ValidationError) as error:
        services.material_attach(session=second, by=alice, material=secret)
    assert error.value.message_dict == {"material": ["Choose a material you can see."]}

    # Charlie may not add Alice's slides to his session, nor his list to hers.
    with pytest.raises(ValidationError):
        services.material_attach(session=charlies, by=charlie, material=mine)
    with pytest.raises(PermissionDenied):
        services.material_attach(session=second, by=charlie, material=secret)
    with pytest.raises(PermissionDenied):
        services.material_detach(session=session, by=charlie, material=mine)

    assert list(secret.sessions.all()) == [charlies]
    assert list(mine.sessions.all()) == [session]


# -- feedback typed in ---------------------------------------------------------------------------


def test_typed_in_feedback_is_one_survey_response_after_training(held, alice, boss):
    feedback = services.feedback_record(
        session=held,
        by=alice,
        contact=boss,
        score=5,
        comments="  Clear and practical.  ",
        submitted_on=dt.date(2027, 3, 3),
    )

    stored = TrainingFeedback.objects.get()
    assert stored == feedback
    assert (stored.session, stored.contact, stored.score, stored.comments) == (
        held,
        boss,
        5,
        "Clear and practical.",
    )
    assert (stored.submitted_on, stored.entered_by, stored.link) == (
        dt.date(2027, 3, 3),
        alice,
        None,
    )
    assert after_training() == [
        (ACCOUNT, "Wang Lei", dt.date(2027, 3, 3), 5, "Clear and practical.")
    ]
    assert stored.survey == SurveyResponse.objects.get(source="after_training")
    assert (stored.survey.account, stored.survey.contact, stored.survey.nps) == (
        held.account,
        boss,
        None,
    )


@pytest.mark.parametrize("status", [PLANNED, CANCELLED])
def test_feedback_waits_for_the_session_to_be_held(session, alice, boss, status):
    services.attendance_invite(session=session, by=alice, contacts=[boss])
    reach(session, status, alice)

    with pytest.raises(Conflict) as error:
        services.feedback_record(session=session, by=alice, contact=boss, score=4)

    assert str(error.value) == "Feedback is given once the session is done."
    assert (TrainingFeedback.objects.count(), after_training()) == (0, [])


def test_feedback_is_of_someone_invited(held, alice, account, outsider):
    stranger = f.ContactFactory(account=account, name="Sun Mei")  # Alice's, not invited

    for contact in (stranger, outsider):
        with pytest.raises(ValidationError) as error:
            services.feedback_record(session=held, by=alice, contact=contact, score=4)
        assert error.value.message_dict == {"contact": ["Choose one of the people invited."]}

    assert (TrainingFeedback.objects.count(), after_training()) == (0, [])


def test_one_feedback_per_contact_and_as_many_anonymous_ones_as_given(held, alice, boss):
    services.feedback_record(session=held, by=alice, contact=boss, score=5)

    with pytest.raises(Conflict) as error:
        services.feedback_record(session=held, by=alice, contact=boss, score=1)
    assert str(error.value) == "This contact has given feedback on this session already."

    services.feedback_record(session=held, by=alice, score=3, comments="From the floor")
    services.feedback_record(session=held, by=alice, score=4)

    assert sorted(TrainingFeedback.objects.values_list("score", flat=True)) == [3, 4, 5]
    assert sorted(score for *_rest, score, _comment in after_training()) == [3, 4, 5]


@pytest.mark.parametrize("score", [0, 6])
def test_a_score_is_one_to_five(held, alice, boss, score):
    with pytest.raises(ValidationError) as error:
        services.feedback_record(session=held, by=alice, contact=boss, score=score)

    assert "score" in error.value.message_dict
    assert (TrainingFeedback.objects.count(), after_training()) == (0, [])


def test_the_supporting_department_types_in_feedback_a_stranger_does_not(
    held, trainer_user, charlie, boss, contact
):
    services.feedback_record(session=held, by=trainer_user, contact=boss, score=4)
    with pytest.raises(PermissionDenied):
        services.feedback_record(session=held, by=charlie, contact=contact, score=1)

    assert after_training() == [(ACCOUNT, "Wang Lei", company_today(), 4, "")]


# -- feedback links ----------------------------------------------------------------------------


def links(session) -> list[tuple]:
    return list(
        FeedbackLink.objects.filter(session=session)
        .order_by("id")
        .values_list("contact__name", "expires_at", "used_at")
    )


def test_links_go_to_those_who_came_without_feedback_or_a_link_and_to_anonymous_people(
    held, alice, boss
):
    services.feedback_record(session=held, by=alice, contact=boss, score=5)
    made = services.feedback_links_create(session=held, by=alice, anonymous=2, now=T0 + 3 * HOUR)

    expires = T0 + 3 * HOUR + dt.timedelta(days=30)
    # Wang Lei answered, Zhao Qiang did not come: Li Na's link and two for whoever else.
    assert links(held) == [("Li Na", expires, None), (None, expires, None), (None, expires, None)]
    assert [link for link, _token in made] == list(FeedbackLink.objects.order_by("id"))
    assert len({token for _link, token in made}) == 3
    assert all(services.link_for_token(token) == link for link, token in made)

    again = services.feedback_links_create(session=held, by=alice, now=T0 + 4 * HOUR)

    assert again == []  # Li Na has a link already


def test_links_for_contacts_named_belong_to_the_sessions_account(held, alice, absent, outsider):
    services.feedback_links_create(session=held, by=alice, contacts=[absent], now=T0 + 3 * HOUR)
    with pytest.raises(ValidationError) as error:
        services.feedback_links_create(session=held, by=alice, contacts=[outsider], now=T0)

    assert error.value.message_dict == {
        "contacts": ["The contacts must belong to the session's account."]
    }
    assert [name for name, *_rest in links(held)] == ["Zhao Qiang"]


@pytest.mark.parametrize("anonymous", [-1, 101])
def test_anonymous_links_come_by_the_hundred_at_most(held, alice, anonymous):
    with pytest.raises(ValidationError) as error:
        services.feedback_links_create(
            session=held, by=alice, contacts=[], anonymous=anonymous, now=T0 + 3 * HOUR
        )

    assert error.value.message_dict == {"anonymous": ["Make between 0 and 100 links at a time."]}
    assert links(held) == []


@pytest.mark.parametrize("status", [PLANNED, CANCELLED])
def test_links_wait_for_the_session_to_be_held(session, alice, status):
    reach(session, status, alice)

    with pytest.raises(Conflict) as error:
        services.feedback_links_create(session=session, by=alice, anonymous=1, now=T0 + HOUR)

    assert str(error.value) == "Feedback links are made once the session is done."
    assert links(session) == []


def test_a_stranger_makes_no_link(held, charlie):
    with pytest.raises(PermissionDenied):
        services.feedback_links_create(session=held, by=charlie, anonymous=1, now=T0 + HOUR)

    assert links(held) == []


# -- feedback through a link ------------------------------------------------------------------


def test_a_link_works_once(link):
    made, token = link
    when = T0 + dt.timedelta(days=2, hours=1)

    feedback = services.feedback_submit(token=token, score=4, comments=" Good pace ", now=when)

    assert (feedback.contact.name, feedback.score, feedback.comments) == ("Li Na", 4, "Good pace")
    assert (feedback.link, feedback.entered_by, feedback.submitted_on) == (
        made,
        None,
        dt.date(2027, 3, 4),
    )
    assert FeedbackLink.objects.get(pk=made.pk).used_at == when
    assert after_training() == [(ACCOUNT, "Li Na", dt.date(2027, 3, 4), 4, "Good pace")]

    with pytest.raises(Conflict) as error:
        services.feedback_submit(token=token, score=1, comments="Changed my mind", now=when + HOUR)

    assert str(error.value) == "This link has been used: thank you, your feedback is recorded."
    assert list(TrainingFeedback.objects.values_list("score", "comments")) == [(4, "Good pace")]
    assert FeedbackLink.objects.get(pk=made.pk).used_at == when
    assert len(after_training()) == 1  # counted once


@pytest.mark.parametrize("score", [0, 6])
def test_a_score_out_of_range_through_a_link_leaves_it_open(link, score):
    made, token = link

    with pytest.raises(ValidationError):
        services.feedback_submit(token=token, score=score, now=T0 + 3 * HOUR)

    assert (FeedbackLink.objects.get(pk=made.pk).used_at, after_training()) == (None, [])
    services.feedback_submit(token=token, score=5, now=T0 + 3 * HOUR)
    assert len(after_training()) == 1


def test_submitted_on_is_the_companys_day(link):
    _made, token = link

    # 23:30 UTC on 3 March is 07:30 on 4 March in Shanghai.
    feedback = services.feedback_submit(
        token=token, score=5, now=dt.datetime(2027, 3, 3, 23, 30, tzinfo=dt.UTC)
    )

    assert feedback.submitted_on == dt.date(2027, 3, 4)
    assert after_training()[0][2] == dt.date(2027, 3, 4)


def test_a_link_expires_after_thirty_days(link):
    made, token = link
    expires = T0 + 2 * HOUR + dt.timedelta(days=30)
    assert made.expires_at == expires

    with pytest.raises(Conflict) as error:
        services.feedback_submit(token=token, score=5, now=expires)

    assert str(error.value) == "This link has expired. Ask your contact for a new one."
    assert (FeedbackLink.objects.get(pk=made.pk).used_at, after_training()) == (None, [])

    services.feedback_submit(token=token, score=5, now=expires - SECOND)

    assert len(after_training()) == 1


def tampered(token: str, at: int) -> str:
    """``token`` with its character at ``at`` changed to another of the same alphabet."""
    char = token[at]
    other = "B" if char == "A" else "A"
    return token[:at] + other + token[at + 1 :]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda token: tampered(token, 0), id="payload"),
        pytest.param(lambda token: tampered(token, token.index(":") + 1), id="timestamp"),
        pytest.param(lambda token: tampered(token, len(token) - 1), id="signature"),
        pytest.param(lambda token: token + "x", id="appended"),
        pytest.param(lambda token: token[:-1], id="cut"),
        pytest.param(lambda token: token.upper(), id="upper-cased"),
        pytest.param(
            lambda token: signing.dumps(signing.loads(token, salt=tokens.SALT), salt="other"),
            id="another-salt",
        ),
        pytest.param(lambda token: signing.dumps({"link": 1}), id="no-salt"),
        pytest.param(lambda token: "garbage", id="garbage"),
        pytest.param(lambda token: "", id="empty"),
        pytest.param(lambda token: "a:b:c", id="three-parts"),
    ],
)
def test_a_tampered_or_foreign_token_is_invalid(link, change):
    made, token = link

    with pytest.raises(tokens.InvalidToken):
        services.feedback_submit(token=change(token), score=5, now=T0 + 3 * HOUR)

    assert (FeedbackLink.objects.get(pk=made.pk).used_at, after_training()) == (None, [])


@pytest.mark.parametrize("data", [{"link": 10**9}, {"link": "1"}, {"session": 1}, [1]])
def test_a_signed_token_naming_no_link_is_invalid(link, data):
    forged = signing.dumps(data, salt=tokens.SALT, compress=False)

    with pytest.raises(tokens.InvalidToken):
        services.feedback_submit(token=forged, score=5, now=T0 + 3 * HOUR)

    assert after_training() == []


def test_a_link_of_a_contact_who_already_answered_is_refused_and_stays_open(link, alice, contact):
    made, token = link
    services.feedback_record(session=made.session, by=alice, contact=contact, score=3)

    with pytest.raises(Conflict):
        services.feedback_submit(token=token, score=5, now=T0 + 3 * HOUR)

    assert FeedbackLink.objects.get(pk=made.pk).used_at is None
    assert [score for *_rest, score, _comment in after_training()] == [3]


def test_each_anonymous_link_gives_one_response(held, alice):
    made = services.feedback_links_create(
        session=held, by=alice, contacts=[], anonymous=2, now=T0 + 3 * HOUR
    )

    for score, (_link, token) in zip((5, 2), made, strict=True):
        services.feedback_submit(token=token, score=score, now=T0 + 4 * HOUR)
        with pytest.raises(Conflict):
            services.feedback_submit(token=token, score=score, now=T0 + 5 * HOUR)

    assert after_training() == [
        (ACCOUNT, None, dt.date(2027, 3, 2), 5, ""),
        (ACCOUNT, None, dt.date(2027, 3, 2), 2, ""),
    ]
    assert TrainingFeedback.objects.filter(contact=None, entered_by=None).count() == 2


# -- the token itself ---------------------------------------------------------------------------


class Link:
    def __init__(self, pk):
        self.pk = pk


class PastSigner(signing.TimestampSigner):
    """Signs as if it were ``age`` ago: a token made then, with nothing changed since."""

    def __init__(self, *, age: dt.timedelta, **kwargs):
        super().__init__(**kwargs)
        self.age = age

    def timestamp(self):
        return signing.b62_encode(int(time.time() - self.age.total_seconds()))


def old_token(pk: int, age: dt.timedelta) -> str:
    return PastSigner(age=age, salt=tokens.SALT).sign_object({"link": pk}, compress=False)


def test_a_token_names_its_link_and_nothing_else():
    token = tokens.make_token(Link(42))

    assert tokens.link_id(token, max_age=dt.timedelta(days=30)) == 42
    assert signing.loads(token, salt=tokens.SALT) == {"link": 42}
    assert tokens.make_token(Link(43)) != token


def test_a_tampered_token_names_no_link():
    token = tokens.make_token(Link(42))
    payload, stamp, signature = token.split(":")
    forged_payload = signing.b64_encode(b'{"link":43}').decode()

    for bad in (f"{forged_payload}:{stamp}:{signature}", tampered(token, len(token) - 2), "x"):
        with pytest.raises(tokens.InvalidToken):
            tokens.link_id(bad, max_age=dt.timedelta(days=30))


def test_a_token_is_refused_past_its_age():
    fresh = old_token(42, dt.timedelta(days=29, hours=23))
    stale = old_token(42, dt.timedelta(days=30, minutes=1))

    assert tokens.link_id(fresh, max_age=dt.timedelta(days=30)) == 42
    with pytest.raises(tokens.InvalidToken) as error:
        tokens.link_id(stale, max_age=dt.timedelta(days=30))
    assert str(error.value) == "expired"
    assert tokens.link_id(stale, max_age=dt.timedelta(days=31)) == 42


def test_a_link_whose_token_is_past_thirty_days_is_invalid_whatever_the_row_says(link):
    made, _token = link
    FeedbackLink.objects.filter(pk=made.pk).update(expires_at=T0 + dt.timedelta(days=365))

    with pytest.raises(tokens.InvalidToken):
        services.feedback_submit(
            token=old_token(made.pk, dt.timedelta(days=31)), score=5, now=T0 + 3 * HOUR
        )

    assert after_training() == []
