"""The duty-7 pages: who sees which session (a supporting department of the account no
more than its name and tier), the forms that plan and run a session (kept as typed when
refused), materials in and out, feedback typed in or asked for with links, the calendar
file, the calendar list with its filters, the customer feedback report's figures, the
account's tab, the home panels and the navigation, and pinned query counts."""

import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import filesizeformat
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfWriter

from accounts.models import SurveyResponse
from kam.dates import Quarter, company_today, company_tz
from kam.models import User
from tests import factories as f
from training import services
from training.models import (
    FeedbackLink,
    TrainingFeedback,
    TrainingMaterial,
    TrainingSession,
)

pytestmark = pytest.mark.django_db

ACCOUNT_NAME = "Hangzhou Precision Castings"
LIST = reverse("training:session-list")
CREATE = reverse("training:session-create")
REPORT = reverse("training:feedback-report")
LOGIN = reverse("login")
INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."
REQUIRED = "This field is required."


def pdf_bytes() -> bytes:
    """A real, minimal PDF: one blank page."""
    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = pdf_bytes()


def upload(name: str, content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


# -- reading pages ----------------------------------------------------------------------------


def page(client, url, status=200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, response.content[:800]
    return response.content.decode()


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def main(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def section(html: str, heading_id: str) -> str:
    """The ``<section>`` whose heading has ``heading_id`` (a panel, a tab, a part of a page)."""
    return html.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]


def text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def facts(html: str, css_class: str) -> dict[str, str]:
    """``<dl class="facts {css_class}">`` as ``{term: text}``."""
    block = html.split(f'<dl class="facts {css_class}">', 1)[1].split("</dl>", 1)[0]
    return {
        text(term): text(value)
        for term, value in re.findall(r"<dt>(.*?)</dt><dd[^>]*>(.*?)</dd>", block, re.S)
    }


def flashes(html: str) -> list[str]:
    return re.findall(r'<article class="flash flash-\w+" role="status">(.*?)</article>', html)


def refusal(html: str) -> str:
    return re.findall(r'<article class="refusal" role="alert"><p>(.*?)</p></article>', html)[0]


def field_errors(html: str) -> list[str]:
    return re.findall(r'<small class="field-error">(.*?)</small>', html)


def form_errors(html: str) -> list[str]:
    """The messages above a form's fields (non-field errors)."""
    block = html.split('<article class="form-errors" role="alert">', 1)[1].split("</article>")[0]
    return re.findall(r"<p>(.*?)</p>", block)


def options(html: str, name: str) -> list[tuple[str, str]]:
    """(value, label) of the ``<select name=…>``'s options."""
    select = html.split(f'<select name="{name}"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def selected(html: str, name: str) -> list[str]:
    select = html.split(f'<select name="{name}"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]*)" selected>', select)


def boxes(html: str, name: str) -> list[tuple[str, str]]:
    """(value, label) of the checkboxes or radios named ``name``."""
    found = re.findall(
        rf'<input type="(?:checkbox|radio)" name="{name}" value="([^"]*)"[^>]*>\s*([^<]*)</label>',
        html,
    )
    return [(value, label.strip()) for value, label in found]


def checked(html: str, name: str) -> list[str]:
    return re.findall(
        rf'<input type="(?:checkbox|radio)" name="{name}" value="([^"]*)"[^>]*checked', html
    )


def listed(html: str) -> list[int]:
    """The session ids a calendar, a panel or a tab links to, in order."""
    return [
        int(pk) for pk in re.findall(r'<a href="/training/(\d+)/(?:#feedback)?"><strong>', html)
    ]


def calendar_rows(html: str) -> dict[int, tuple[str, str]]:
    """session id -> (its status class, what its row says) of the calendar list."""
    rows = re.findall(r'<li class="session-(\w+)"><div>(.*?)</div></li>', html, re.S)
    return {listed(row)[0]: (status, text(row)) for status, row in rows}


def days(html: str) -> list[tuple[str, str, list[int]]]:
    """(date, heading, session ids) of each day of the calendar list, in order."""
    found = re.findall(r'<time datetime="([\d-]+)">([^<]+)</time></h2>(.*?)</section>', html, re.S)
    return [(day, heading, listed(rows)) for day, heading, rows in found]


def report_rows(html: str) -> list[list[str]]:
    body = section(html, "sessions-heading").split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def distribution(html: str) -> list[list[str]]:
    table = html.split('<table class="score-distribution">', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1]
    return [
        [text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def comments(html: str) -> list[str]:
    block = html.split('<ul class="comments">', 1)[1].split("</ul>", 1)[0]
    return [text(item) for item in re.findall(r"<li>(.*?)</li>", block, re.S)]


def open_links(html: str) -> list[tuple[str, str]]:
    """(who, url) of the open feedback links a session's page lists."""
    if '<table class="link-table">' not in html:
        return []
    table = html.split('<table class="link-table">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<th scope="row">(.*?)<br>.*?readonly value="([^"]+)"', table, re.S)
    return [(text(who), url) for who, url in rows]


def nav(html: str) -> list[str]:
    block = html.split('<ul class="main-nav">', 1)[1].split("</ul>", 1)[0]
    return [text(label) for label in re.findall(r"<li><a [^>]*>(.*?)</a></li>", block)]


def shown(moment) -> str:
    """A moment as the pages write it (the company's zone, English)."""
    return date_filter(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def shown_day(day: dt.date) -> str:
    return date_filter(day, "SHORT_DATE_FORMAT")


def at(days_from_today: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment on the company's clock, ``days_from_today`` away."""
    day = company_today() + dt.timedelta(days=days_from_today)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=company_tz())


def url(name: str, session) -> str:
    return reverse(f"training:{name}", args=[session.pk])


def fresh(session) -> TrainingSession:
    return TrainingSession.objects.get(pk=session.pk)


# -- the records there are to see ---------------------------------------------------------------


def name(user, first: str, last: str):
    User.objects.filter(pk=user.pk).update(first_name=first, last_name=last)
    user.refresh_from_db()
    return user


def hold(session, by, attended: dict, *, done: bool = True):
    """Invite the contacts of ``attended`` to a session that has started, take attendance
    and (by default) mark it done."""
    services.attendance_invite(session=session, by=by, contacts=list(attended))
    services.attendance_record(
        session=session, by=by, attended={contact.pk: came for contact, came in attended.items()}
    )
    if done:
        services.session_transition(session=session, to_status="done", by=by)
    return fresh(session)


@pytest.fixture
def records(alice, alice_records, trainer_user, media_root):
    """Alice's account with three sessions: one planned tomorrow that nobody supports, a
    product demo tomorrow the training department supports, and a training it supported
    two days ago (Wang Lei came, Li Na did not), with slides; data there is to leak."""
    name(alice, "Alice", "Chen")
    name(trainer_user, "Tina", "Wu")
    account = alice_records["account"]
    boss, contact = alice_records["boss"], alice_records["contact"]
    training = f.department("training")
    planned = f.TrainingSessionFactory(
        account=account,
        title="Gearbox maintenance training",
        topic="Gearbox overhaul",
        location="Plant 2, hall B",
        agenda="Lubrication intervals",
        scheduled_at=at(1, 9),
    )
    supported = f.TrainingSessionFactory(
        account=account,
        kind="product_demo",
        title="X200 press demo",
        topic="Servo press",
        scheduled_at=at(1, 14),
        support_department=training,
    )
    held = f.TrainingSessionFactory(
        account=account,
        title="Safety workshop",
        kind="workshop",
        scheduled_at=at(-2, 10),
        support_department=training,
    )
    slides = services.material_add(
        session=held, by=alice, title="Safety slides", file=upload("safety deck.pdf")
    )
    held = hold(held, alice, {boss: True, contact: False})
    return {
        "account": account,
        "boss": boss,
        "contact": contact,
        "planned": planned,
        "supported": supported,
        "held": held,
        "slides": slides,
    }


SESSIONS = ("planned", "supported", "held")


def record_pages(records) -> dict[str, str]:
    """GET pages of Alice's sessions: name -> url."""
    pages = {}
    for key in SESSIONS:
        session = records[key]
        pages[f"{key}-detail"] = session.get_absolute_url()
        pages[f"{key}-edit"] = url("session-edit", session)
        pages[f"{key}-ics"] = url("session-calendar", session)
    pages["slides"] = records["slides"].get_absolute_url()
    return pages


ACTIONS = (
    "session-edit",
    "session-transition",
    "session-invite",
    "session-attendance",
    "material-upload",
    "material-attach",
    "feedback-record",
    "feedback-links",
)


def record_posts(records) -> dict[str, str]:
    """POST endpoints of Alice's sessions: name -> url."""
    return {f"{key}-{action}": url(action, records[key]) for key in SESSIONS for action in ACTIONS}


def posted(records):
    """What any POST carries: a field for every form, so a view would act if it let it."""
    return {
        "kind": "workshop",
        "title": "Hijacked",
        "scheduled_at": "2030-01-01T10:00",
        "duration_minutes": "60",
        "status": "cancelled",
        "note": "Called off.",
        "contacts": [records["boss"].pk],
        f"contact_{records['boss'].pk}": "no",
        "material": records["slides"].pk,
        "contact": records["boss"].pk,
        "score": "1",
        "comments": "Leaked?",
        "anonymous": "3",
    }


def state(session) -> tuple:
    session = fresh(session)
    return (
        session.status,
        session.title,
        session.kind,
        session.scheduled_at,
        sorted(session.attendances.values_list("contact_id", "attended")),
        sorted(session.materials.values_list("pk", flat=True)),
        session.feedback.count(),
        session.feedback_links.count(),
    )


def states(records) -> dict:
    return {key: state(records[key]) for key in SESSIONS}


def nothing_changed(records, before):
    assert states(records) == before
    assert TrainingSession.objects.count() == 3
    assert TrainingMaterial.objects.count() == 1
    assert SurveyResponse.objects.filter(source="after_training").count() == 0


def post_everything(client, records, status: int):
    before = states(records)
    for action_name, address in record_posts(records).items():
        data = posted(records)
        if action_name.endswith("material-upload"):
            data["file"] = upload("leak.pdf")
        response = client.post(address, data)
        assert response.status_code == status, (action_name, response.status_code)
    nothing_changed(records, before)


PAGES = [LIST, CREATE, REPORT]


# -- who sees what ----------------------------------------------------------------------------


def test_anonymous_is_sent_to_the_login_page(client, records):
    before = states(records)
    for address in [*PAGES, f"{LIST}?when=past", *record_pages(records).values()]:
        response = client.get(address)
        assert (response.status_code, response["Location"]) == (
            302,
            f"{LOGIN}?next={address.replace('?', '%3F').replace('=', '%3D')}",
        ), address
    for action_name, address in [("create", CREATE), *record_posts(records).items()]:
        response = client.post(address, posted(records))
        assert (response.status_code, response["Location"]) == (
            302,
            f"{LOGIN}?next={address}",
        ), action_name
    nothing_changed(records, before)


@pytest.mark.parametrize("persona", ["alice", "bob"])
def test_owner_and_manager_open_every_page(client, request, persona, records):
    client.force_login(request.getfixturevalue(persona))
    for address in [*PAGES, *record_pages(records).values()]:
        response = client.get(address)
        assert response.status_code == 200, address
    account = records["account"]
    assert client.get(f"{account.get_absolute_url()}?tab=training").status_code == 200
    assert listed(page(client, LIST)) == [records["planned"].pk, records["supported"].pk]
    for key in ("planned", "supported"):
        html = page(client, records[key].get_absolute_url())
        assert f'<a href="{account.get_absolute_url()}?tab=training">{ACCOUNT_NAME}</a>' in html
        assert f'href="{url("session-edit", records[key])}"' in html
        assert f'action="{url("session-transition", records[key])}"' in html
    # A done session changes no more: no edit link, no status form.
    html = page(client, records["held"].get_absolute_url())
    assert url("session-edit", records["held"]) not in html
    assert url("session-transition", records["held"]) not in html
    assert f'action="{url("feedback-record", records["held"])}"' in html


def test_another_teams_rep_gets_404_on_alices_sessions(client, charlie, records):
    client.force_login(charlie)
    for page_name, address in record_pages(records).items():
        assert client.get(address).status_code == 404, page_name
    account = records["account"]
    assert client.get(f"{account.get_absolute_url()}?tab=training").status_code == 404
    post_everything(client, records, 404)
    # Nothing of Alice's on Charlie's pages, nor to choose on his forms.
    for address in [*PAGES, f"{LIST}?when=all", f"{LIST}?when=past"]:
        html = page(client, address)
        for secret in (ACCOUNT_NAME, "Gearbox", "X200", "Safety"):
            assert secret not in html, (address, secret)
        # (Any active colleague may give a session: the plan form offers Alice as a trainer.)
        if address != CREATE:
            assert "Alice Chen" not in html, address
    # Posting Alice's account anyway is a form error, not a session.
    response = client.post(
        CREATE,
        {
            "account": account.pk,
            "kind": "training",
            "title": "Sneaky",
            "scheduled_at": "2030-01-01T10:00",
            "duration_minutes": "60",
        },
    )
    assert response.context["form"].errors == {"account": [INVALID_CHOICE]}
    assert TrainingSession.objects.count() == 3
    # Naming her account in the list's filter lists nothing and says so.
    response = client.get(LIST, {"account": account.pk})
    assert response.status_code == 400
    assert listed(response.content.decode()) == []


def test_logistics_sees_no_session_and_no_trainings_link(client, logistics_user, records):
    client.force_login(logistics_user)
    for page_name, address in record_pages(records).items():
        assert client.get(address).status_code == 404, page_name
    post_everything(client, records, 404)
    # Its own (empty) calendar, no way to plan or to report.
    html = page(client, LIST, data={"when": "all"})
    assert listed(html) == [] and "No sessions match." in html
    assert ACCOUNT_NAME not in html and "Plan a session" not in main(html)
    assert client.get(CREATE).status_code == 403
    assert client.get(REPORT).status_code == 403
    home = page(client, reverse("home"))
    assert "Trainings" not in nav(home)
    assert 'id="upcoming-sessions-heading"' not in home


def test_executive_reads_but_may_change_nothing(client, executive, records):
    client.force_login(executive)
    for address in [LIST, REPORT, *record_pages(records).values()]:
        if "/edit/" in address:
            assert client.get(address).status_code == 403, address
        else:
            assert client.get(address).status_code == 200, address
    for key in SESSIONS:
        html = page(client, records[key].get_absolute_url())
        assert '<form method="post"' not in main(html), key
        for action in ACTIONS:
            assert url(action, records[key]) not in html, (key, action)
    # The open feedback links are for those who may send them.
    services.feedback_links_create(session=records["held"], by=records["held"].trainer)
    html = page(client, records["held"].get_absolute_url())
    assert open_links(html) == [] and "/feedback/" not in html
    FeedbackLink.objects.all().delete()
    assert client.get(CREATE).status_code == 403
    post_everything(client, records, 403)
    html = page(client, LIST)
    assert listed(html) == [records["planned"].pk, records["supported"].pk]
    assert "Plan a session" not in main(html)
    tab = page(client, f"{records['account'].get_absolute_url()}?tab=training")
    assert "Plan a session" not in section(tab, "training-heading")


def test_training_department_runs_the_sessions_it_supports(client, trainer_user, records):
    account = records["account"]
    supported, held, planned = records["supported"], records["held"], records["planned"]
    client.force_login(trainer_user)

    # The session nobody asked it to support is not there.
    for address in (
        planned.get_absolute_url(),
        url("session-edit", planned),
        url("session-calendar", planned),
    ):
        assert client.get(address).status_code == 404, address
    for action in ACTIONS:
        assert client.post(url(action, planned), posted(records)).status_code == 404, action

    for session in (supported, held):
        html = page(client, session.get_absolute_url())
        heading = html.split("<hgroup>", 1)[1].split("</hgroup>", 1)[0]
        assert text(heading) == (
            f"{session.title} {ACCOUNT_NAME} Key {session.get_kind_display()} "
            f"{session.get_status_display()}"
        )
        # No way to the account: not its page, its tab, its sessions.
        assert account.get_absolute_url() not in html
        assert f"account={account.pk}" not in html
        for detail in (
            "Manufacturing",
            "East China",
            records["boss"].email,
            "Hangzhou Precision Castings</a>",
        ):
            assert detail not in html, detail
        assert page(client, url("session-calendar", session)).startswith("BEGIN:VCALENDAR")
    # It runs them: the status, the materials, the feedback; not the invitations.
    html = page(client, supported.get_absolute_url())
    for action in ("session-transition", "material-upload", "material-attach"):
        assert f'action="{url(action, supported)}"' in html, action
    assert url("session-invite", supported) not in html
    held_html = page(client, held.get_absolute_url())
    for action in ("session-attendance", "feedback-record", "feedback-links"):
        assert f'action="{url(action, held)}"' in held_html, action
    # Of the invited, the names (to say whose feedback it is).
    attendees = [label for _value, label in options(held_html, "contact")][1:]
    assert [label.split(" (")[0] for label in attendees] == ["Li Na", "Wang Lei"]
    # The account's contacts are not hers to choose from: nobody to invite.
    response = client.post(url("session-invite", supported), {"contacts": [records["boss"].pk]})
    assert response.status_code == 400
    assert response.context["invite_form"].errors == {
        "contacts": [
            f"Select a valid choice. {records['boss'].pk} is not one of the available choices."
        ]
    }
    assert supported.attendances.count() == 0
    response = client.post(url("session-transition", supported), {"status": "cancelled"})
    assert (response.status_code, response["Location"]) == (302, supported.get_absolute_url())
    assert fresh(supported).status == "cancelled"

    for address in (account.get_absolute_url(), f"{account.get_absolute_url()}?tab=training"):
        assert client.get(address).status_code == 404, address
    assert client.get(CREATE).status_code == 403
    assert client.get(REPORT).status_code == 403
    html = page(client, LIST, data={"when": "all"})
    assert listed(html) == [held.pk, supported.pk]
    assert account.get_absolute_url() not in html
    assert 'name="owner"' not in html and 'name="team"' not in html
    assert "Customer feedback report" not in main(html)


def test_a_supporting_department_reads_only_the_invited_peoples_names(
    client, trainer_user, records
):
    services.attendance_invite(
        session=records["supported"], by=records["supported"].trainer, contacts=[records["boss"]]
    )
    client.force_login(trainer_user)
    # The invited list of a session not started yet, the attendee choice of a done one.
    for key in ("supported", "held"):
        html = page(client, records[key].get_absolute_url())
        assert "Wang Lei" in html, key
        assert "Purchasing manager" not in html, key


def test_a_supporting_department_cannot_drop_its_own_support(client, trainer_user, records):
    supported = records["supported"]
    client.force_login(trainer_user)
    data = {
        "kind": "product_demo",
        "title": "X200 press demo",
        "scheduled_at": at(1, 14).strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "90",
        "trainer": "",
        "support_department": "",
    }
    response = client.post(url("session-edit", supported), data)
    assert fresh(supported).support_department_id == f.department("training").pk
    assert response.status_code != 302


def test_a_trainer_from_another_team_gets_no_link_to_an_account_he_cannot_see(
    client, alice, charlie, records
):
    planned, account = records["planned"], records["account"]
    services.session_update(session=planned, by=alice, trainer=charlie)
    client.force_login(charlie)
    # The trainer runs the session he gives …
    html = page(client, planned.get_absolute_url())
    assert f'href="{url("session-edit", planned)}"' in html
    assert client.get(account.get_absolute_url()).status_code == 404
    # … and is not sent to the account's page, which is not his to see.
    assert account.get_absolute_url() not in html


def test_get_on_an_action_is_refused(client, alice, records):
    client.force_login(alice)
    for action in ACTIONS[1:]:
        assert client.get(url(action, records["held"])).status_code == 405, action


# -- planning and editing -----------------------------------------------------------------------


def session_post(account, **overrides):
    data = {
        "account": account.pk,
        "kind": "product_demo",
        "title": "  X300 line demo  ",
        "topic": "Servo presses",
        "scheduled_at": at(7, 14, 30).strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "120",
        "location": "Customer plant, hall C",
        "online_url": "",
        "trainer": "",
        "support_department": "",
        "agenda": "Line tour\nQ&A",
    }
    data.update(overrides)
    return data


def test_plan_a_session_prefills_only_an_account_one_may_change(client, alice, charlie, records):
    account = records["account"]
    foshan = f.AccountFactory(owner=alice, name="Foshan Ceramics")
    charlies = f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")
    client.force_login(alice)

    html = page(client, CREATE, data={"account": account.pk})
    assert options(html, "account") == [
        ("", "---------"),
        (str(foshan.pk), "Foshan Ceramics"),
        (str(account.pk), ACCOUNT_NAME),
    ]
    assert selected(html, "account") == [str(account.pk)]
    assert f'href="{account.get_absolute_url()}?tab=training"' in html  # Cancel
    assert selected(html, "trainer") == [""] and options(html, "trainer")[0] == ("", "Me")
    for query in ({"account": charlies.pk}, {"account": "x"}, {}):
        html = page(client, CREATE, data=query)
        assert selected(html, "account") == [""], query
        assert "Chengdu" not in html, query
        assert f'href="{LIST}"' in html  # Cancel


def test_a_planned_session_is_saved_with_its_planner_as_trainer(
    client, english, alice, trainer_user, records
):
    account = records["account"]
    client.force_login(alice)
    response = client.post(CREATE, session_post(account))

    session = TrainingSession.objects.get(title="X300 line demo")
    assert (response.status_code, response["Location"]) == (302, session.get_absolute_url())
    assert (
        session.account,
        session.kind,
        session.topic,
        session.scheduled_at,
        session.duration_minutes,
        session.location,
        session.trainer,
        session.created_by,
        session.status,
        session.support_department,
        session.agenda,
    ) == (
        account,
        "product_demo",
        "Servo presses",
        at(7, 14, 30),
        120,
        "Customer plant, hall C",
        alice,
        alice,
        "planned",
        None,
        "Line tour\nQ&A",
    )
    html = page(client, response["Location"])
    assert flashes(html) == ["“X300 line demo” planned."]
    assert facts(html, "session-facts") == {
        "When": f"{shown(at(7, 14, 30))}–16:30",
        "Where": "Customer plant, hall C",
        "Trainer": "Alice Chen",
        "Supported by": "—",
        "Topic": "Servo presses",
    }

    # Given by the training department, online.
    response = client.post(
        CREATE,
        session_post(
            account,
            title="Online onboarding",
            location="",
            online_url="meet.example.com/x300",
            trainer=trainer_user.pk,
            support_department=f.department("training").pk,
        ),
    )
    session = TrainingSession.objects.get(title="Online onboarding")
    assert (session.trainer, session.support_department.code, session.online_url) == (
        trainer_user,
        "training",
        "https://meet.example.com/x300",
    )
    html = page(client, response["Location"])
    assert facts(html, "session-facts")["Where"] == "Online link"
    assert '<a href="https://meet.example.com/x300" rel="noopener noreferrer">' in html


def test_plan_errors_keep_what_was_typed(client, english, alice, charlie, records):
    account = records["account"]
    client.force_login(alice)
    data = session_post(account, duration_minutes="0", online_url="not a link")
    response = client.post(CREATE, data)
    form = response.context["form"]
    assert form.errors == {
        "duration_minutes": ["Ensure this value is greater than or equal to 5."],
        "online_url": ["Enter a valid URL."],
    }
    html = response.content.decode()
    assert field_errors(html) == [
        "Ensure this value is greater than or equal to 5.",
        "Enter a valid URL.",
    ]
    assert 'name="title" value="  X300 line demo  "' in html
    assert 'name="online_url" value="not a link"' in html
    assert 'name="duration_minutes" value="0"' in html
    assert "Line tour\nQ&amp;A</textarea>" in html
    assert selected(html, "account") == [str(account.pk)]
    assert selected(html, "kind") == ["product_demo"]

    # Another rep's account is no choice.
    response = client.post(CREATE, session_post(f.AccountFactory(owner=charlie)))
    assert response.context["form"].errors == {"account": [INVALID_CHOICE]}
    assert 'name="title" value="  X300 line demo  "' in response.content.decode()
    # An executive is no trainer.
    response = client.post(
        CREATE, session_post(account, trainer=f.UserFactory(role="executive").pk)
    )
    assert response.context["form"].errors == {"trainer": [INVALID_CHOICE]}
    response = client.post(CREATE, session_post(account, title="   "))
    assert response.context["form"].errors == {"title": [REQUIRED]}
    assert TrainingSession.objects.count() == 3


def test_a_refused_session_form_is_shown_again(client, alice, records):
    """As every app's record forms (``ServiceFormMixin``): the form again, with its errors."""
    client.force_login(alice)
    response = client.post(CREATE, session_post(records["account"], duration_minutes="0"))
    assert (response.status_code, bool(response.context["form"].errors)) == (200, True)
    response = client.post(
        url("session-edit", records["planned"]),
        {**session_post(records["account"], duration_minutes="0")},
    )
    assert (response.status_code, bool(response.context["form"].errors)) == (200, True)


def test_editing_a_planned_session_and_not_a_done_one(client, english, alice, records):
    planned, held = records["planned"], records["held"]
    edit = url("session-edit", planned)
    client.force_login(alice)

    html = page(client, edit)
    assert 'name="account"' not in html
    assert (
        'value="Gearbox maintenance training"' in html
        and "Lubrication intervals</textarea>" in html
    )
    assert f'value="{timezone.localtime(at(1, 9)).strftime("%Y-%m-%dT%H:%M")}"' in html
    assert selected(html, "trainer") == [str(alice.pk)]
    assert f'href="{planned.get_absolute_url()}"' in html  # Cancel

    data = session_post(records["account"], title="Gearbox training, part 1")
    del data["account"]
    data["trainer"] = str(alice.pk)
    response = client.post(edit, {**data, "duration_minutes": "3"})
    assert response.context["form"].errors == {
        "duration_minutes": ["Ensure this value is greater than or equal to 5."]
    }
    assert 'value="Gearbox training, part 1"' in response.content.decode()
    assert fresh(planned).title == "Gearbox maintenance training"

    response = client.post(edit, data)
    assert (response.status_code, response["Location"]) == (302, planned.get_absolute_url())
    planned = fresh(planned)
    assert (planned.title, planned.kind, planned.scheduled_at, planned.duration_minutes) == (
        "Gearbox training, part 1",
        "product_demo",
        at(7, 14, 30),
        120,
    )
    assert flashes(page(client, response["Location"])) == ["“Gearbox training, part 1” saved."]

    # A done session is what happened: editing it is refused with the reason.
    before = state(held)
    response = client.post(url("session-edit", held), {**data, "title": "Rewritten"})
    # Refused on the form, like its other errors.
    assert response.status_code == 200
    html = response.content.decode()
    assert form_errors(html) == [
        "Only a planned session changes; plan a cancelled one again first."
    ]
    assert 'value="Rewritten"' in html
    assert state(held) == before


# -- the status ----------------------------------------------------------------------------------


def test_a_session_is_done_once_it_has_started_and_cancelled_planned_again(
    client, english, alice, records
):
    planned = records["planned"]
    transition = url("session-transition", planned)
    client.force_login(alice)
    assert options(page(client, planned.get_absolute_url()), "status") == [
        ("done", "Done"),
        ("cancelled", "Cancelled"),
    ]

    # Tomorrow's session is not done yet: the page says why and keeps the note.
    response = client.post(transition, {"status": "done", "note": "Went well."})
    assert response.status_code == 400
    html = response.content.decode()
    assert field_errors(html) == ["A session is marked done once it has started."]
    assert "Went well.</textarea>" in html
    assert fresh(planned).status == "planned"

    response = client.post(transition, {"status": "cancelled", "note": "Plant shut down."})
    assert (response.status_code, response["Location"]) == (302, planned.get_absolute_url())
    html = page(client, response["Location"])
    assert flashes(html) == ["The session is now Cancelled."]
    assert '<span class="badge session-cancelled">Cancelled</span>' in html
    assert "Plant shut down." in html
    assert options(html, "status") == [("planned", "Planned")]
    assert url("session-edit", planned) not in html and url("session-invite", planned) not in html

    response = client.post(transition, {"status": "planned", "note": ""})
    assert response.status_code == 302
    assert flashes(page(client, planned.get_absolute_url())) == ["The session is now Planned."]

    # Once it has started it may be marked done; then it stays done.
    services.session_update(session=planned, by=alice, scheduled_at=at(-1, 9))
    response = client.post(transition, {"status": "done", "note": "Eight people came."})
    assert response.status_code == 302
    planned = fresh(planned)
    assert (planned.status, planned.status_note) == ("done", "Eight people came.")
    html = page(client, planned.get_absolute_url())
    assert flashes(html) == ["The session is now Done."]
    assert 'name="status"' not in html

    response = client.post(transition, {"status": "cancelled", "note": "Oops."})
    assert response.status_code == 409
    html = response.content.decode()
    assert refusal(html) == "A session that is Done cannot become Cancelled."
    response = client.post(transition, {"status": "teleported"})
    assert response.status_code == 400
    assert response.context["transition_form"].errors == {
        "status": ["Select a valid choice. teleported is not one of the available choices."]
    }
    assert fresh(planned).status == "done"


# -- invitations and attendance ------------------------------------------------------------------


def test_inviting_offers_the_accounts_contacts_not_yet_invited(
    client, english, alice, charlie, records
):
    planned, boss, contact = records["planned"], records["boss"], records["contact"]
    stranger = f.ContactFactory(account=f.AccountFactory(owner=charlie), name="Zhou Min")
    invite = url("session-invite", planned)
    client.force_login(alice)

    html = page(client, planned.get_absolute_url())
    assert "Nobody invited yet." in section(html, "attendance-heading")
    assert boxes(html, "contacts") == [
        (str(contact.pk), "Li Na (Purchasing manager)"),
        (str(boss.pk), "Wang Lei (Purchasing manager)"),
    ]

    response = client.post(invite, {"contacts": [boss.pk, stranger.pk]})
    assert response.status_code == 400
    assert response.context["invite_form"].errors == {
        "contacts": [f"Select a valid choice. {stranger.pk} is not one of the available choices."]
    }
    assert planned.attendances.count() == 0

    response = client.post(invite, {"contacts": [boss.pk]})
    assert (response.status_code, response["Location"]) == (
        302,
        f"{planned.get_absolute_url()}#attendance",
    )
    html = page(client, planned.get_absolute_url())
    assert flashes(html) == ["1 invited."]
    assert boxes(html, "contacts") == [(str(contact.pk), "Li Na (Purchasing manager)")]
    attendance = section(html, "attendance-heading")
    assert "Wang Lei" in attendance and "invited" in text(attendance)
    # Not before it has started: nobody's attendance to take yet.
    assert url("session-attendance", planned) not in html

    client.post(invite, {"contacts": [contact.pk]})
    html = page(client, planned.get_absolute_url())
    assert url("session-invite", planned) not in html
    assert list(planned.attendances.values_list("contact__name", "attended")) == [
        ("Li Na", None),
        ("Wang Lei", None),
    ]


def test_attendance_is_taken_once_the_session_has_started(client, english, alice, records):
    planned, boss, contact = records["planned"], records["boss"], records["contact"]
    services.attendance_invite(session=planned, by=alice, contacts=[boss, contact])
    attendance = url("session-attendance", planned)
    client.force_login(alice)

    response = client.post(attendance, {f"contact_{boss.pk}": "yes"})
    assert response.status_code == 400
    assert form_errors(response.content.decode()) == [
        "Attendance is taken once the session has started."
    ]
    assert set(planned.attendances.values_list("attended", flat=True)) == {None}

    services.session_update(
        session=planned, by=alice, scheduled_at=timezone.now() - dt.timedelta(minutes=30)
    )
    html = page(client, planned.get_absolute_url())
    form = section(html, "attendance-heading")
    assert re.findall(r"<legend>(.*?)</legend>", form) == ["Li Na", "Wang Lei"]
    for person in (boss, contact):
        assert boxes(form, f"contact_{person.pk}") == [
            ("", "Not taken"),
            ("yes", "Came"),
            ("no", "Did not come"),
        ]
        assert checked(form, f"contact_{person.pk}") == [""]

    response = client.post(attendance, {f"contact_{boss.pk}": "yes", f"contact_{contact.pk}": "no"})
    assert (response.status_code, response["Location"]) == (
        302,
        f"{planned.get_absolute_url()}#attendance",
    )
    html = page(client, response["Location"])
    assert flashes(html) == ["Attendance saved."]
    assert checked(html, f"contact_{boss.pk}") == ["yes"]
    assert checked(html, f"contact_{contact.pk}") == ["no"]
    # Back to "not taken"; a value that is none of the three is refused.
    client.post(attendance, {f"contact_{boss.pk}": "yes", f"contact_{contact.pk}": ""})
    assert dict(planned.attendances.values_list("contact_id", "attended")) == {
        boss.pk: True,
        contact.pk: None,
    }
    response = client.post(attendance, {f"contact_{boss.pk}": "maybe"})
    assert response.status_code == 400
    assert dict(planned.attendances.values_list("contact_id", "attended"))[boss.pk] is True


# -- materials -----------------------------------------------------------------------------------


def test_uploading_materials_checks_their_kind_and_content(
    client, english, alice, records, settings
):
    supported = records["supported"]
    upload_url = url("material-upload", supported)
    client.force_login(alice)

    response = client.post(upload_url, {"title": "Press slides", "file": upload("x200 slides.pdf")})
    assert (response.status_code, response["Location"]) == (
        302,
        f"{supported.get_absolute_url()}#materials",
    )
    material = TrainingMaterial.objects.get(title="Press slides")
    assert (
        material.file_name,
        material.file_type,
        material.file_size,
        material.uploaded_by,
        list(material.sessions.all()),
    ) == ("x200 slides.pdf", "pdf", len(PDF), alice, [supported])
    html = page(client, response["Location"])
    assert flashes(html) == ["“Press slides” uploaded."]
    items = section(html, "materials-heading").split('<ul class="material-list">')[1]
    assert (
        text(items.split("</ul>")[0])
        == f"Press slides x200 slides.pdf · {text(filesizeformat(len(PDF)))}"
    )
    assert f'<a href="{material.get_absolute_url()}">Press slides</a>' in items

    # No title: the file's name.
    client.post(upload_url, {"title": "", "file": upload("Handout.pdf")})
    assert TrainingMaterial.objects.filter(title="Handout", sessions=supported).exists()

    for file, error in [
        (
            upload("setup.exe", b"MZ\x90\x00"),
            "Upload a file of one of these kinds: .pdf, .pptx, .docx, .xlsx, .png, .jpg.",
        ),
        (
            upload("notes.pdf", b"Just some text, not a PDF."),
            "The file&#x27;s content is not a PDF, whatever its name says.",
        ),
    ]:
        response = client.post(upload_url, {"title": "Typed title", "file": file})
        assert response.status_code == 400, file.name
        html = response.content.decode()
        assert field_errors(html) == [error], file.name
        assert 'name="title" value="Typed title"' in html
    settings.KAM_TRAINING_FILE_MAX_MB = 1
    big = upload("big.pdf", PDF + b"\0" * (1024 * 1024))
    response = client.post(upload_url, {"title": "Big", "file": big})
    assert response.status_code == 400
    assert field_errors(response.content.decode()) == ["The file is larger than 1 MiB."]
    assert sorted(supported.materials.values_list("title", flat=True)) == [
        "Handout",
        "Press slides",
    ]


def test_a_material_is_reused_in_another_session(client, english, alice, charlie, records):
    planned, slides = records["planned"], records["slides"]
    charlies = f.TrainingSessionFactory(account=f.AccountFactory(owner=charlie))
    theirs = services.material_add(
        session=charlies, by=charlie, title="Chengdu deck", file=upload("chengdu.pdf")
    )
    client.force_login(alice)

    html = page(client, planned.get_absolute_url())
    assert options(html, "material") == [("", "---------"), (str(slides.pk), "Safety slides")]
    response = client.post(url("material-attach", planned), {"material": theirs.pk})
    assert response.status_code == 400
    assert response.context["attach_form"].errors == {"material": [INVALID_CHOICE]}

    response = client.post(url("material-attach", planned), {"material": slides.pk})
    assert (response.status_code, response["Location"]) == (
        302,
        f"{planned.get_absolute_url()}#materials",
    )
    html = page(client, response["Location"])
    assert flashes(html) == ["“Safety slides” added."]
    assert f'<a href="{slides.get_absolute_url()}">Safety slides</a>' in html
    # One file in both sessions; nothing left to reuse here.
    assert sorted(slides.sessions.values_list("pk", flat=True)) == sorted(
        [records["held"].pk, planned.pk]
    )
    assert TrainingMaterial.objects.filter(title="Safety slides").count() == 1
    assert url("material-attach", planned) not in html


def test_a_material_downloads_with_its_type_and_name_to_whoever_sees_a_session_using_it(
    client, alice, charlie, trainer_user, logistics_user, records
):
    slides = records["slides"]
    address = slides.get_absolute_url()
    for user in (alice, trainer_user):
        client.force_login(user)
        response = client.get(address)
        assert response.status_code == 200, user
        assert (response["Content-Type"], response["Content-Disposition"]) == (
            "application/pdf",
            'attachment; filename="safety deck.pdf"',
        )
        assert content(response) == PDF
    for user in (charlie, logistics_user):
        client.force_login(user)
        assert client.get(address).status_code == 404, user
    # A material used only in a session the department does not support is not theirs.
    own = services.material_add(
        session=records["planned"], by=alice, title="Gear slides", file=upload("gears.pdf")
    )
    client.force_login(trainer_user)
    assert client.get(own.get_absolute_url()).status_code == 404
    client.force_login(alice)
    assert client.get(reverse("training:material-file", args=[own.pk + 1000])).status_code == 404


# -- feedback ------------------------------------------------------------------------------------


def test_feedback_is_recorded_on_a_done_session_once_per_contact(
    client, english, alice, bob, records
):
    held, planned, boss, contact = (
        records["held"],
        records["planned"],
        records["boss"],
        records["contact"],
    )
    stranger = f.ContactFactory(account=records["account"], name="Zhao Min")
    feedback = url("feedback-record", held)
    client.force_login(alice)

    # Not before it is done.
    html = page(client, planned.get_absolute_url())
    assert url("feedback-record", planned) not in html
    assert "Feedback is collected once the session is done." in html
    response = client.post(url("feedback-record", planned), {"score": "5"})
    assert response.status_code == 409
    assert refusal(response.content.decode()) == "Feedback is given once the session is done."

    html = page(client, held.get_absolute_url())
    form = section(html, "feedback-heading")
    # The invited (not Zhao Min), or nobody named.
    assert options(form, "contact") == [
        ("", "Not named"),
        (str(contact.pk), "Li Na"),
        (str(boss.pk), "Wang Lei"),
    ]
    assert boxes(form, "score") == [(s, s) for s in ("1", "2", "3", "4", "5")]
    for data, errors in [
        ({"comments": "No score."}, {"score": [REQUIRED]}),
        (
            {"score": "6"},
            {"score": ["Select a valid choice. 6 is not one of the available choices."]},
        ),
        ({"score": "5", "contact": stranger.pk}, {"contact": [INVALID_CHOICE]}),
    ]:
        response = client.post(feedback, data)
        assert response.status_code == 400, data
        assert response.context["feedback_form"].errors == errors, data
    assert (
        "No score.</textarea>" in client.post(feedback, {"comments": "No score."}).content.decode()
    )
    assert TrainingFeedback.objects.count() == 0

    response = client.post(feedback, {"contact": boss.pk, "score": "4", "comments": " Clear. "})
    assert (response.status_code, response["Location"]) == (
        302,
        f"{held.get_absolute_url()}#feedback",
    )
    item = TrainingFeedback.objects.get()
    survey = SurveyResponse.objects.get(source="after_training")
    assert (item.contact, item.score, item.comments, item.entered_by, item.survey) == (
        boss,
        4,
        "Clear.",
        alice,
        survey,
    )
    assert (survey.account, survey.contact, survey.score, survey.comment, survey.received_on) == (
        records["account"],
        boss,
        4,
        "Clear.",
        company_today(),
    )
    html = page(client, response["Location"])
    assert flashes(html) == ["Feedback recorded; it counts in the account&#x27;s satisfaction."]
    assert facts(html, "report-facts")["Average score"] == "4.00 / 5 1 answer"

    # Once per contact: a second word, even the manager's, is refused.
    client.force_login(bob)
    response = client.post(feedback, {"contact": boss.pk, "score": "1", "comments": "Again."})
    assert response.status_code == 409
    html = response.content.decode()
    assert refusal(html) == "This contact has given feedback on this session already."
    assert "Again.</textarea>" in html
    assert SurveyResponse.objects.filter(source="after_training").count() == 1
    # Not named: as many as were given.
    client.post(feedback, {"contact": "", "score": "5"})
    assert SurveyResponse.objects.filter(source="after_training").count() == 2


def test_feedback_links_are_made_and_listed_for_those_who_may_send_them(
    client, english, alice, bob, records
):
    held, boss = records["held"], records["boss"]
    links = url("feedback-links", held)
    client.force_login(alice)
    html = page(client, held.get_absolute_url())
    assert open_links(html) == []

    # One per attendee (Wang Lei came, Li Na did not) and one not tied to a person.
    response = client.post(links, {"anonymous": "1"})
    assert (response.status_code, response["Location"]) == (
        302,
        f"{held.get_absolute_url()}#feedback-links",
    )
    html = page(client, held.get_absolute_url())
    assert flashes(html) == ["2 feedback links made: copy them below."]
    listed_links = open_links(html)
    assert [who for who, _url in listed_links] == ["not named", "Wang Lei"]
    expires = shown_day(timezone.localtime(FeedbackLink.objects.first().expires_at).date())
    assert html.count(f"until {expires}") == 2
    assert all(link.startswith("http://testserver/feedback/") for _who, link in listed_links)
    # The manager sees them too; each opens the public page.
    client.force_login(bob)
    # (Each page signs its links anew: the same links, other signatures.)
    assert [who for who, _url in open_links(page(client, held.get_absolute_url()))] == [
        "not named",
        "Wang Lei",
    ]
    customer = Client()
    for _who, link in listed_links:
        assert customer.get(link.removeprefix("http://testserver")).status_code == 200
    # Answered, a link is no longer listed.
    customer.post(listed_links[1][1].removeprefix("http://testserver"), {"score": "5"})
    assert [who for who, _url in open_links(page(client, held.get_absolute_url()))] == ["not named"]
    assert TrainingFeedback.objects.get().contact == boss

    # Every attendee has a link or has answered: asking for none is refused with the reason.
    response = client.post(links, {"anonymous": "0"})
    assert response.status_code == 400
    assert form_errors(response.content.decode()) == [
        "Every attendee has a link or has answered; ask for links not tied to a person."
    ]
    response = client.post(links, {"anonymous": "101"})
    assert response.status_code == 400
    assert response.context["links_form"].errors == {
        "anonymous": ["Ensure this value is less than or equal to 100."]
    }
    assert FeedbackLink.objects.count() == 2
    # Not before the session is done.
    response = client.post(url("feedback-links", records["planned"]), {"anonymous": "1"})
    assert response.status_code == 409
    assert refusal(response.content.decode()) == "Feedback links are made once the session is done."


# -- the calendar file ---------------------------------------------------------------------------


def ics_lines(body: bytes) -> dict[str, str]:
    unfolded = body.decode().replace("\r\n ", "")
    return dict(line.split(":", 1) for line in unfolded.split("\r\n") if ":" in line)


def test_the_calendar_file_holds_the_title_and_the_times(client, alice, records):
    supported = records["supported"]
    client.force_login(alice)
    response = client.get(url("session-calendar", supported))
    assert response.status_code == 200
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "text/calendar; charset=utf-8",
        f'attachment; filename="training-{supported.pk}.ics"',
    )
    body = content(response)
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.endswith(b"END:VCALENDAR\r\n")
    lines = ics_lines(body)
    start = at(1, 14).astimezone(dt.UTC)
    assert (lines["SUMMARY"], lines["DTSTART"], lines["DTEND"]) == (
        f"X200 press demo · {ACCOUNT_NAME}",
        start.strftime("%Y%m%dT%H%M%SZ"),
        (start + dt.timedelta(minutes=90)).strftime("%Y%m%dT%H%M%SZ"),
    )
    assert lines["URL"].endswith(supported.get_absolute_url())
    html = page(client, supported.get_absolute_url())
    assert f'href="{url("session-calendar", supported)}"' in html


# -- the calendar list ---------------------------------------------------------------------------


@pytest.fixture
def calendar(alice, bob, charlie, trainer_user, records):
    """Alice's sessions over two weeks around today (besides those of ``records``), a
    colleague's, and one of Charlie's."""
    account = records["account"]
    foshan = f.AccountFactory(owner=alice, name="Foshan Ceramics")
    colleague = f.UserFactory(username="carol", role="rep", team=alice.team)
    theirs = f.AccountFactory(owner=colleague, name="Wuxi Bearings")
    s = {
        "planned": records["planned"],  # tomorrow 09:00
        "supported": records["supported"],  # tomorrow 14:00, a demo
        "held": records["held"],  # two days ago, done
    }
    s["foshan"] = f.TrainingSessionFactory(
        account=foshan, title="Kiln workshop", kind="workshop", scheduled_at=at(3, 10),
        trainer=trainer_user,
    )  # fmt: skip
    s["online"] = f.TrainingSessionFactory(
        account=account, title="Remote refresher", scheduled_at=at(1, 8), location="",
        online_url="https://meet.example.com/r",
    )  # fmt: skip
    s["cancelled"] = f.TrainingSessionFactory(
        account=foshan, title="Glaze demo", kind="product_demo", scheduled_at=at(5, 16)
    )
    services.session_transition(session=s["cancelled"], to_status="cancelled", by=alice)
    s["old"] = f.TrainingSessionFactory(
        account=foshan, title="Old kiln course", scheduled_at=at(-20, 9)
    )
    s["colleague"] = f.TrainingSessionFactory(
        account=theirs, title="Bearing care", scheduled_at=at(2, 9)
    )
    s["charlie"] = f.TrainingSessionFactory(
        account=f.AccountFactory(owner=charlie), title="Chengdu press line", scheduled_at=at(1, 11)
    )
    return s


def ids(sessions, *keys):
    return [sessions[key].pk for key in keys]


def heading(days_from_today: int) -> tuple[str, str]:
    day = company_today() + dt.timedelta(days=days_from_today)
    return day.isoformat(), f"{date_filter(day, 'D')} {date_filter(day, 'SHORT_DATE_FORMAT')}"


def test_the_calendar_lists_upcoming_sessions_by_day(client, english, alice, calendar):
    client.force_login(alice)
    html = page(client, LIST)
    assert days(html) == [
        (*heading(1), ids(calendar, "online", "planned", "supported")),
        (*heading(3), ids(calendar, "foshan")),
        (*heading(5), ids(calendar, "cancelled")),
    ]
    assert text(html.split('<p class="muted result-count">')[1].split("</p>")[0]) == "5 sessions"
    assert selected(html, "when") == ["upcoming"]
    rows = calendar_rows(html)
    assert rows[calendar["online"].pk] == (
        "planned",
        f"08:00–09:30 Remote refresher Training {ACCOUNT_NAME} · Alice Chen · online",
    )
    assert rows[calendar["supported"].pk] == (
        "planned",
        f"14:00–15:30 X200 press demo Product demo {ACCOUNT_NAME} · Alice Chen · Customer plant",
    )
    assert rows[calendar["cancelled"].pk] == (
        "cancelled",
        "16:00–17:30 Glaze demo Product demo Cancelled Foshan Ceramics · Alice Chen · "
        "Customer plant",
    )
    assert rows[calendar["foshan"].pk][1].endswith("· Tina Wu · Customer plant")
    assert f'href="{CREATE}"' in html and f'href="{REPORT}"' in html

    html = page(client, LIST, data={"when": "past"})
    assert days(html) == [
        (*heading(-20), ids(calendar, "old")),
        (*heading(-2), ids(calendar, "held")),
    ]
    assert selected(html, "when") == ["past"]
    assert len(listed(page(client, LIST, data={"when": "all"}))) == 7


def test_the_calendar_filters_searches_and_sorts(client, english, alice, trainer_user, calendar):
    client.force_login(alice)
    foshan = calendar["foshan"].account
    cases = [
        ({"when": "all", "kind": "product_demo"}, ["supported", "cancelled"]),
        (
            {"when": "all", "kind": ["workshop", "product_demo"]},
            ["held", "supported", "foshan", "cancelled"],
        ),
        ({"when": "all", "status": "cancelled"}, ["cancelled"]),
        (
            {"when": "all", "status": ["planned", "done"]},
            ["old", "held", "online", "planned", "supported", "foshan"],
        ),
        ({"when": "upcoming", "status": "planned"}, ["online", "planned", "supported", "foshan"]),
        ({"when": "all", "trainer": trainer_user.pk}, ["foshan"]),
        ({"when": "all", "account": foshan.pk}, ["old", "foshan", "cancelled"]),
        ({"when": "all", "support_department": "training"}, ["held", "supported"]),
        ({"when": "all", "q": "kiln"}, ["old", "foshan"]),
        ({"when": "all", "q": "Foshan"}, ["old", "foshan", "cancelled"]),
        ({"when": "upcoming", "q": "press"}, ["supported"]),
        ({"when": "all", "sort": "-latest", "kind": "workshop"}, ["foshan", "held"]),
    ]
    for query, expected in cases:
        html = page(client, LIST, data={"filtered": "1", **query})
        assert listed(html) == ids(calendar, *expected), query
    # One account named: above the list, and in the "plan a session" link.
    html = page(client, LIST, data={"filtered": "1", "when": "all", "account": foshan.pk})
    assert "<p>Foshan Ceramics</p>" in html
    assert f'href="{CREATE}?account={foshan.pk}"' in html
    # The trainers to filter by: those of the sessions Alice sees.
    assert options(html, "trainer") == [
        ("", "---------"),
        (str(alice.pk), "Alice Chen"),
        (str(trainer_user.pk), "Tina Wu"),
    ]


def test_a_bad_calendar_filter_is_a_400_that_lists_nothing(client, alice, charlie, calendar):
    client.force_login(alice)
    for query, error in [
        (
            {"when": "someday"},
            "Select a valid choice. someday is not one of the available choices.",
        ),
        ({"kind": "party"}, "Select a valid choice. party is not one of the available choices."),
        ({"account": calendar["charlie"].account_id}, INVALID_CHOICE),
        ({"scheduled_after": "soon"}, "Enter a valid date/time."),
    ]:
        response = client.get(LIST, query)
        assert response.status_code == 400, query
        html = response.content.decode()
        assert error in field_errors(html) or error in form_errors(html), query
        assert listed(html) == [] and "No sessions match." in html, query


def test_the_manager_sees_his_teams_sessions_and_filters_by_rep(
    client, english, bob, alice, calendar
):
    client.force_login(bob)
    html = page(client, LIST)
    assert listed(html) == ids(
        calendar, "online", "planned", "supported", "colleague", "foshan", "cancelled"
    )
    assert "Chengdu press line" not in html
    assert options(html, "owner")[1:] and 'name="team"' in html
    html = page(client, LIST, data={"filtered": "1", "when": "upcoming", "owner": alice.pk})
    assert listed(html) == ids(calendar, "online", "planned", "supported", "foshan", "cancelled")
    response = client.get(LIST, {"owner": calendar["charlie"].account.owner_id})
    assert response.status_code == 400 and "Chengdu" not in response.content.decode()


def test_the_training_department_calendar_is_what_it_gives_or_supports(
    client, english, trainer_user, calendar
):
    client.force_login(trainer_user)
    html = page(client, LIST)
    # The Foshan workshop is hers to give; the demo hers to support.
    assert listed(html) == ids(calendar, "supported", "foshan")
    assert page(client, calendar["foshan"].get_absolute_url())
    assert calendar["foshan"].account.get_absolute_url() not in html


# -- the customer feedback report ----------------------------------------------------------------

LAST = Quarter.of(company_today()).previous()


def last_quarter(day: int, hour: int = 10) -> dt.datetime:
    return LAST.start_at() + dt.timedelta(days=day, hours=hour)


def quarter_param(quarter: Quarter) -> str:
    return f"{quarter.year}-{quarter.quarter}"


@pytest.fixture
def feedback_fixture(alice, charlie, records):
    """Sessions held last quarter, figured by hand:

    - Hangzhou, day 10: 3 invited, 2 came; answers 5 (Wang Lei, "Clear and practical"),
      4 (Li Na) and 3 (not named, "Too short");
    - Foshan, day 20: 2 invited, both came; answers 2 ("Hard to follow") and 1 (Zhou Min);
    - Hangzhou, cancelled (day 30), and a planned one never marked done (day 40): not held;
    - Charlie's, done, answer 1; and one of Alice's the quarter before, answer 5.

    Alice, last quarter: 2 sessions, 4 of 5 came (80 %), 5 answers averaging 3.00, 40 %
    satisfied, one answer of each score. Hangzhou alone: 2 of 3 (66.7 %), 3 answers
    averaging 4.00, 66.7 % satisfied.
    """
    account = records["account"]
    boss, contact = records["boss"], records["contact"]
    third = f.ContactFactory(account=account, name="Sun Hao")
    foshan = f.AccountFactory(owner=alice, name="Foshan Ceramics")
    zhou = f.ContactFactory(account=foshan, name="Zhou Min")
    qian = f.ContactFactory(account=foshan, name="Qian Yu")

    hangzhou = f.TrainingSessionFactory(
        account=account, title="Casting defects course", scheduled_at=last_quarter(10)
    )
    hangzhou = hold(hangzhou, alice, {boss: True, contact: True, third: False})
    for who, score, remark in [
        (boss, 5, "Clear and practical"),
        (contact, 4, ""),
        (None, 3, "Too short"),
    ]:
        services.feedback_record(
            session=hangzhou, by=alice, contact=who, score=score, comments=remark
        )
    kiln = f.TrainingSessionFactory(
        account=foshan, kind="product_demo", title="Kiln controller demo",
        scheduled_at=last_quarter(20),
    )  # fmt: skip
    kiln = hold(kiln, alice, {zhou: True, qian: True})
    services.feedback_record(
        session=kiln, by=alice, contact=qian, score=2, comments="Hard to follow"
    )
    services.feedback_record(session=kiln, by=alice, contact=zhou, score=1)
    called_off = f.TrainingSessionFactory(
        account=account, title="Called off", scheduled_at=last_quarter(30)
    )
    services.session_transition(session=called_off, to_status="cancelled", by=alice)
    never_done = f.TrainingSessionFactory(
        account=account, title="Never marked", scheduled_at=last_quarter(40)
    )
    hold(never_done, alice, {boss: True}, done=False)

    charlies_account = f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")
    wu = f.ContactFactory(account=charlies_account, name="Wu Gang")
    west = f.TrainingSessionFactory(
        account=charlies_account, title="Chengdu course", scheduled_at=last_quarter(15)
    )
    west = hold(west, charlie, {wu: True})
    services.feedback_record(session=west, by=charlie, contact=wu, score=1, comments="West secret")
    before = f.TrainingSessionFactory(
        account=account, title="Earlier course",
        scheduled_at=LAST.previous().start_at() + dt.timedelta(days=5, hours=10),
    )  # fmt: skip
    before = hold(before, alice, {boss: True})
    services.feedback_record(session=before, by=alice, contact=boss, score=5)
    return {"hangzhou": hangzhou, "kiln": kiln, "foshan": foshan, "west": west, "before": before}


ALICE_LAST = {
    "Sessions": "2",
    "Attendance rate": "80.0 % 4 of 5 invited",
    "Average score": "3.00 / 5 5 answers",
    "Satisfied (4–5)": "40.0 %",
}


def test_report_figures_equal_those_figured_by_hand(client, english, alice, feedback_fixture):
    hangzhou, kiln = feedback_fixture["hangzhou"], feedback_fixture["kiln"]
    client.force_login(alice)
    html = page(client, REPORT, data={"quarter": quarter_param(LAST)})
    assert facts(html, "report-facts") == ALICE_LAST
    assert distribution(html) == [[str(score), "1", "20.0 %"] for score in (1, 2, 3, 4, 5)]
    held_on = lambda session: shown_day(timezone.localtime(session.scheduled_at).date())  # noqa: E731
    assert report_rows(html) == [
        [
            f"Casting defects course Training · {held_on(hangzhou)}",
            ACCOUNT_NAME,
            "2 / 3",
            "3",
            "4.00",
        ],
        [
            f"Kiln controller demo Product demo · {held_on(kiln)}",
            "Foshan Ceramics",
            "2 / 2",
            "2",
            "1.50",
        ],
    ]
    today = shown_day(company_today())
    # The newest first (all given today).
    assert comments(html) == [
        f"Hard to follow 2/5 · Qian Yu · {today} · Kiln controller demo",
        f"Too short 3/5 · not named · {today} · Casting defects course",
        f"Clear and practical 5/5 · Wang Lei · {today} · Casting defects course",
    ]
    for secret in ("Chengdu", "West secret", "Called off", "Never marked", "Earlier course"):
        assert secret not in html, secret
    assert f"<p>{LAST.label}</p>" in html
    export = reverse("export", args=["training.feedback_report", "pdf"])
    assert f'href="{export}?year={LAST.year}&amp;quarter={LAST.quarter}"' in html

    # One account (the account tab's link).
    account = hangzhou.account
    html = page(client, REPORT, data={"quarter": quarter_param(LAST), "account": account.pk})
    assert facts(html, "report-facts") == {
        "Sessions": "1",
        "Attendance rate": "66.7 % 2 of 3 invited",
        "Average score": "4.00 / 5 3 answers",
        "Satisfied (4–5)": "66.7 %",
    }
    assert distribution(html) == [
        ["1", "0", "0.0 %"], ["2", "0", "0.0 %"], ["3", "1", "33.3 %"],
        ["4", "1", "33.3 %"], ["5", "1", "33.3 %"],
    ]  # fmt: skip
    assert f"<p>{LAST.label} · {ACCOUNT_NAME}</p>" in html
    assert f'<input type="hidden" name="account" value="{account.pk}">' in html

    # The quarter before: the earlier course alone; this quarter: nothing held yet.
    html = page(client, REPORT, data={"quarter": quarter_param(LAST.previous())})
    assert facts(html, "report-facts") == {
        "Sessions": "1",
        "Attendance rate": "100.0 % 1 of 1 invited",
        "Average score": "5.00 / 5 1 answer",
        "Satisfied (4–5)": "100.0 %",
    }


def test_report_scopes_for_a_manager_and_refusals(
    client, english, alice, bob, charlie, executive, trainer_user, feedback_fixture
):
    quarter = quarter_param(LAST)
    client.force_login(bob)
    for query in ({}, {"owner": alice.pk}, {"team": alice.team_id}):
        html = page(client, REPORT, data={"quarter": quarter, **query})
        assert facts(html, "report-facts") == ALICE_LAST, query
        assert "Chengdu" not in html
    html = page(client, REPORT, data={"quarter": quarter, "owner": alice.pk})
    assert f"<p>{LAST.label} · {alice.display_name}</p>" in html
    assert client.get(REPORT, {"quarter": quarter, "owner": charlie.pk}).status_code == 400

    client.force_login(executive)
    html = page(client, REPORT, data={"quarter": quarter})
    assert facts(html, "report-facts") == {
        "Sessions": "3",
        "Attendance rate": "83.3 % 5 of 6 invited",
        "Average score": "2.67 / 5 6 answers",
        "Satisfied (4–5)": "33.3 %",
    }

    client.force_login(alice)
    for query in (
        {"quarter": "1999-1"},
        {"quarter": "soon"},
        {"account": feedback_fixture["west"].account_id},
    ):
        response = client.get(REPORT, query)
        assert response.status_code == 400, query
        html = response.content.decode()
        assert "Please correct the errors below." in html, query
        assert "Chengdu" not in html and "West secret" not in html, query
    client.force_login(trainer_user)
    assert client.get(REPORT, {"quarter": quarter}).status_code == 403


# -- the account page, the home page, the navigation ---------------------------------------------


def test_the_account_tab_lists_its_sessions_newest_first(client, english, alice, charlie, records):
    account, held = records["account"], records["held"]
    services.feedback_record(session=held, by=alice, contact=records["boss"], score=4)
    services.feedback_record(session=held, by=alice, score=5)
    f.TrainingSessionFactory(account=f.AccountFactory(owner=charlie), title="Chengdu press line")
    client.force_login(alice)
    html = page(client, account.get_absolute_url(), data={"tab": "training"})
    tabs = html.split('<nav class="tabs"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'Trainings <span class="tab-count">(\d+)</span>', tabs) == ["3"]
    tab = section(html, "training-heading")
    assert listed(tab) == [records["supported"].pk, records["planned"].pk, held.pk]
    items = [text(item) for item in re.findall(r"<article>(.*?)</article>", tab, re.S)]
    assert items == [
        f"X200 press demo Product demo Planned {shown(at(1, 14))} · Alice Chen · 0 of 0 came",
        f"Gearbox maintenance training Training Planned {shown(at(1, 9))} · Alice Chen"
        " · 0 of 0 came",
        f"Safety workshop Workshop Done {shown(at(-2, 10))} · Alice Chen · 1 of 2 came"
        " · average score 4.5/5",
    ]
    assert f'href="{CREATE}?account={account.pk}"' in tab
    assert f'href="{REPORT}?account={account.pk}"' in tab
    assert f'href="{LIST}?account={account.pk}&amp;when=all&amp;filtered=1"' in tab
    assert "Chengdu" not in html


def test_home_panels_upcoming_sessions_and_feedback_missing(
    client, english, alice, charlie, trainer_user, logistics_user, records
):
    held = records["held"]
    f.TrainingSessionFactory(account=f.AccountFactory(owner=charlie), title="Chengdu press line")
    client.force_login(alice)
    html = page(client, reverse("home"))
    upcoming = section(html, "upcoming-sessions-heading")
    assert "Upcoming trainings and demos" in upcoming
    assert listed(upcoming) == [records["planned"].pk, records["supported"].pk]
    assert [text(i) for i in re.findall(r"<small>(.*?)</small>", upcoming)][:2] == [
        f"{shown(at(1, 9))} · {ACCOUNT_NAME}",
        f"{shown(at(1, 14))} · {ACCOUNT_NAME}",
    ]
    missing = section(html, "feedback-missing-heading")
    assert "Feedback still missing" in missing
    assert listed(missing) == [held.pk]
    assert f'href="{held.get_absolute_url()}#feedback"' in missing
    assert text(missing.split("<small>")[1].split("</small>")[0]) == (
        f"{ACCOUNT_NAME} · {shown_day(company_today() - dt.timedelta(days=2))} · 1 attendee"
    )
    assert "Chengdu" not in html
    assert "Trainings" in nav(html)

    # The training department: what it supports, given by someone else.
    client.force_login(trainer_user)
    html = page(client, reverse("home"))
    upcoming = section(html, "upcoming-sessions-heading")
    assert listed(upcoming) == [records["supported"].pk]
    assert text(upcoming.split("<small>")[1].split("</small>")[0]) == (
        f"{shown(at(1, 14))} · {ACCOUNT_NAME} · Alice Chen"
    )
    assert 'id="feedback-missing-heading"' not in html
    assert "Trainings" in nav(html)

    # Once there is feedback, nothing is missing; nothing planned, the panel says so.
    services.feedback_record(session=held, by=alice, score=5)
    for key in ("planned", "supported"):
        services.session_transition(session=records[key], to_status="cancelled", by=alice)
    client.force_login(alice)
    html = page(client, reverse("home"))
    assert 'id="feedback-missing-heading"' not in html
    assert "Nothing planned in the next 14 days." in section(html, "upcoming-sessions-heading")

    client.force_login(logistics_user)
    html = page(client, reverse("home"))
    assert 'id="upcoming-sessions-heading"' not in html and "Trainings" not in nav(html)


@pytest.mark.parametrize(
    ("persona", "shown_to"),
    [
        ("alice", True),
        ("bob", True),
        ("executive", True),
        ("trainer_user", True),
        ("logistics_user", False),
        ("dept_user", False),
    ],
)
def test_the_navigation_offers_trainings_to_the_account_teams_and_the_training_department(
    client, english, request, persona, shown_to
):
    client.force_login(request.getfixturevalue(persona))
    assert ("Trainings" in nav(page(client, reverse("home")))) is shown_to


# -- query counts --------------------------------------------------------------------------------


def busy_calendar(alice, trainer_user, rows: int):
    """``rows`` sessions over the coming days on as many accounts, every other one given
    by the training department."""
    account = None
    for i in range(rows):
        if i % 3 == 0:
            account = f.AccountFactory(owner=alice, name=f"Bulk {i:02d}")
        f.TrainingSessionFactory(
            account=account,
            title=f"Session {i:02d}",
            scheduled_at=at(1 + i % 10, 9 + i % 8),
            trainer=trainer_user if i % 2 else alice,
            support_department=f.department("training") if i % 2 else None,
        )


@pytest.mark.parametrize("rows", [1, 30])
def test_calendar_query_count(client, alice, trainer_user, rows, django_assert_num_queries):
    busy_calendar(alice, trainer_user, rows)
    client.force_login(alice)
    # session, user; how many owners the owner filter and the trainer filter would offer,
    # the count, the page of sessions with their accounts and trainers; unread, the
    # trainer filter's people (+ the savepoint pair)
    with django_assert_num_queries(10):
        html = page(client, LIST)
    assert len(listed(html)) == min(rows, 25)


@pytest.mark.parametrize("rows", [2, 30])
def test_department_calendar_query_count(
    client, alice, trainer_user, rows, django_assert_num_queries
):
    busy_calendar(alice, trainer_user, rows)
    client.force_login(trainer_user)
    # As a rep's, and the user's department (whether the navigation offers Trainings).
    with django_assert_num_queries(11):
        html = page(client, LIST)
    assert len(listed(html)) == rows // 2


def busy_session(alice, account, rows: int):
    """A done session with ``rows`` attendees, each with feedback and a link, and ``rows``
    materials."""
    session = f.TrainingSessionFactory(account=account, title="Busy", scheduled_at=at(-1, 9))
    people = [f.ContactFactory(account=account, name=f"Person {i:02d}") for i in range(rows)]
    for i in range(rows):
        services.material_add(
            session=session, by=alice, title=f"Deck {i:02d}", file=upload(f"d{i}.pdf")
        )
    session = hold(session, alice, dict.fromkeys(people, True))
    for i, person in enumerate(people):
        services.feedback_record(
            session=session, by=alice, contact=person, score=1 + i % 5, comments=f"C{i}"
        )
    services.feedback_links_create(session=session, by=alice, contacts=people, anonymous=rows)
    return session


@pytest.mark.parametrize("rows", [1, 20])
def test_session_page_query_count(
    client, alice, trainer_user, alice_account, media_root, rows, django_assert_num_queries
):
    session = busy_session(alice, alice_account, rows)
    TrainingSession.objects.filter(pk=session.pk).update(
        support_department=f.department("training")
    )
    # session, user; the session with its account, trainer and department, may-change; the
    # attendances, the feedback, the materials, the links, each with their people; the
    # materials to reuse; the feedback figures (attendance, mean, distribution, comments,
    # the session's counts); unread; whether anyone is left to invite, the attendees to
    # name, whether the reader sees the account (its link) (+ the savepoint pair). A
    # department member has nobody to invite and sees no account (no queries) and a
    # navigation that asks for their department.
    for user, queries in ((alice, 20), (trainer_user, 19)):
        client.force_login(user)
        with django_assert_num_queries(queries):
            html = page(client, session.get_absolute_url())
        assert len(open_links(html)) == 2 * rows
        assert html.count("<li><strong>") == rows


@pytest.mark.parametrize("rows", [1, 12])
def test_report_query_count(
    client, alice, alice_account, media_root, rows, django_assert_num_queries
):
    for i in range(rows):
        session = f.TrainingSessionFactory(
            account=alice_account, title=f"Held {i:02d}", scheduled_at=last_quarter(1 + i)
        )
        person = f.ContactFactory(account=alice_account, name=f"Person {i:02d}")
        session = hold(session, alice, {person: True})
        services.feedback_record(
            session=session, by=alice, contact=person, score=4, comments=f"C{i}"
        )
    client.force_login(alice)
    # session, user; attendance, mean, distribution, the comments, the sessions with their
    # counts; unread (+ the savepoint pair)
    with django_assert_num_queries(10):
        html = page(client, REPORT, data={"quarter": quarter_param(LAST)})
    assert len(report_rows(html)) == rows


@pytest.mark.parametrize("rows", [1, 25])
def test_account_tab_query_count(
    client, alice, alice_account, media_root, rows, django_assert_num_queries
):
    for i in range(rows):
        f.TrainingSessionFactory(
            account=alice_account, title=f"Tab {i:02d}", scheduled_at=at(1 + i, 9)
        )
    client.force_login(alice)
    # session, user, the account with every tab's count, may-change, the sessions with
    # their figures and trainers; unread (+ the savepoint pair)
    with django_assert_num_queries(8):
        html = page(client, alice_account.get_absolute_url(), data={"tab": "training"})
    assert len(listed(section(html, "training-heading"))) == min(rows, 20)
