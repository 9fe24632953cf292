"""The duty-4 pages: who sees which ticket (and of its account no more than the name and
tier), the list and the queue with their filters, a ticket's clock and timeline, the
forms that answer it (kept as typed when refused), the reports' figures, the home panels
and the account's tab, pinned query counts, and every page on a phone in both languages."""

import datetime as dt
import re
from datetime import timedelta

import pytest
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import SurveyResponse
from kam.choices import Role
from kam.dates import Quarter, company_today
from tests import factories as f
from tests.support import (
    ARTIFACTS,
    PHONE,
    STICKING_OUT,
    assert_no_csp_violations,
    log_in,
    new_context,
)
from tickets import services
from tickets.models import SlaPolicy, Ticket, TicketEvent

pytestmark = pytest.mark.django_db

ACCOUNT_NAME = "Hangzhou Precision Castings"
LIST = reverse("tickets:ticket-list")
CREATE = reverse("tickets:ticket-create")
ORDERS = reverse("tickets:ticket-orders")
FULFILMENT = reverse("tickets:fulfilment-report")
FEEDBACK = reverse("tickets:service-feedback")
INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."
REQUIRED = "This field is required."


def page(client, url, status=200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, response.content[:800]
    return response.content.decode()


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def url(name, ticket):
    return reverse(f"tickets:ticket-{name}", args=[ticket.pk])


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


def listed(html: str) -> list[int]:
    """The ticket ids of a list page's rows, in order."""
    return [int(pk) for pk in re.findall(r'<th scope="row"><a href="/tickets/(\d+)/">', html)]


def row_states(html: str) -> list[tuple[int, str]]:
    """(ticket id, the row's SLA class) of a list page's rows, in order."""
    rows = re.findall(r'<tr class="sla-(\w+)">\s*<th scope="row"><a href="/tickets/(\d+)/">', html)
    return [(int(pk), sla) for sla, pk in rows]


def linked(fragment: str) -> list[int]:
    """The ticket ids a panel or tab links to, in order."""
    return [int(pk) for pk in re.findall(r'<a href="/tickets/(\d+)/"><strong>', fragment)]


def options(html: str, name: str) -> list[tuple[str, str]]:
    """(value, label) of the ``<select name=…>``'s options."""
    select = html.split(f'<select name="{name}"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def selected(html: str, name: str) -> list[str]:
    select = html.split(f'<select name="{name}"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]*)" selected>', select)


def timeline(html: str) -> list[tuple[str, str, str, str]]:
    """(author, when, kind, what it says) of each timeline entry, oldest first."""
    block = section(html, "timeline-heading")
    entries = re.findall(r'<li class="event-(\w+)"><article>(.*?)</article></li>', block, re.S)
    result = []
    for kind, body in entries:
        header, rest = body.split("</header>", 1)
        author, when = re.findall(r"<strong>(.*?)</strong> <time[^>]*>(.*?)</time>", header)[0]
        result.append((author, when, kind, text(rest)))
    return result


def state(ticket) -> tuple:
    ticket = Ticket.objects.get(pk=ticket.pk)
    return (
        ticket.status,
        ticket.subject,
        ticket.priority,
        ticket.department.code,
        ticket.assignee_id,
        ticket.feedback_id,
        ticket.events.count(),
    )


# -- the records there are to see -----------------------------------------------------------


@pytest.fixture
def records(alice, alice_account, dept_user):
    """Alice's account with an order, a quality ticket (tech support's), a delivery ticket
    (logistics') and a resolved quality ticket: data there is to leak."""
    f.ContactFactory(account=alice_account, name="Wang Lei")
    order = f.OrderFactory(account=alice_account, number="SO-ALICE-1")
    quality = f.TicketFactory(
        account=alice_account,
        category="quality",
        subject="Cracked housings",
        description="Hairline cracks on batch 42.",
        order=order,
    )
    delivery = f.TicketFactory(account=alice_account, category="delivery", subject="Truck late")
    resolved = f.TicketFactory(
        account=alice_account, category="quality", subject="Paint peeling", now=ago(hours=10)
    )
    services.ticket_transition(
        ticket=resolved, to_status="resolved", by=dept_user, now=ago(hours=2)
    )
    return {"order": order, "quality": quality, "delivery": delivery, "resolved": resolved}


def record_pages(records):
    """GET pages of Alice's tickets: name -> url."""
    pages = {}
    for key in ("quality", "delivery", "resolved"):
        pages[f"{key}-detail"] = url("detail", records[key])
        pages[f"{key}-edit"] = url("edit", records[key])
    return pages


def record_posts(records):
    """POST endpoints of Alice's tickets: name -> url."""
    return {
        f"{key}-{name}": url(name, records[key])
        for key in ("quality", "delivery", "resolved")
        for name in ("edit", "comment", "transition", "assign", "feedback")
    }


def posted():
    """What any POST carries: a field for every form, so a view would act if it let it."""
    return {
        "body": "Leaked?",
        "status": "in_progress",
        "note": "Moved.",
        "department": f.department("finance").pk,
        "score": "1",
        "subject": "Hijacked",
        "category": "billing",
        "priority": "urgent",
    }


def nothing_changed(records, before):
    assert {key: state(records[key]) for key in before} == before
    assert SurveyResponse.objects.filter(source="after_ticket").count() == 0


def states(records):
    return {key: state(records[key]) for key in ("quality", "delivery", "resolved")}


PAGES = [LIST, CREATE, ORDERS, FULFILMENT, FEEDBACK]


# -- who sees what --------------------------------------------------------------------------


def test_anonymous_is_sent_to_the_login_page(client, records):
    before = states(records)
    login = reverse("login")
    for address in PAGES + list(record_pages(records).values()):
        response = client.get(address)
        assert (response.status_code, response["Location"]) == (
            302,
            f"{login}?next={address}",
        ), address
    for name, address in [("create", CREATE), *record_posts(records).items()]:
        response = client.post(address, posted())
        assert (response.status_code, response["Location"]) == (
            302,
            f"{login}?next={address}",
        ), name
    nothing_changed(records, before)
    assert Ticket.objects.count() == 3


@pytest.mark.parametrize("persona", ["alice", "bob"])
def test_owner_and_manager_open_every_page(client, request, persona, records):
    client.force_login(request.getfixturevalue(persona))
    for address in PAGES + list(record_pages(records).values()):
        assert client.get(address).status_code == 200, address
    html = page(client, LIST)
    # Unresolved only, soonest due first: the quality ticket was opened first.
    assert listed(html) == [records["quality"].pk, records["delivery"].pk]
    detail = page(client, records["quality"].get_absolute_url())
    assert f'<a href="{records["quality"].account.get_absolute_url()}">{ACCOUNT_NAME}</a>' in detail
    assert url("edit", records["quality"]) in detail


def test_another_teams_rep_gets_404_on_alices_tickets(client, charlie, records):
    before = states(records)
    client.force_login(charlie)
    for name, address in record_pages(records).items():
        assert client.get(address).status_code == 404, name
    for name, address in record_posts(records).items():
        assert client.post(address, posted()).status_code == 404, name
    nothing_changed(records, before)
    # Nothing of Alice's on Charlie's pages, nor to choose on his form.
    for address in PAGES:
        html = page(client, address)
        for secret in (ACCOUNT_NAME, "Cracked housings", "Truck late", "SO-ALICE-1"):
            assert secret not in html, (address, secret)
    partial = page(client, ORDERS, data={"account": records["quality"].account_id})
    assert options(partial, "order") == [("", "---------")]
    # Posting Alice's account anyway is a form error, not a ticket.
    response = client.post(
        CREATE,
        {
            "account": records["quality"].account_id,
            "category": "quality",
            "priority": "normal",
            "subject": "Sneaky",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"account": [INVALID_CHOICE]}
    assert Ticket.objects.count() == 3


def test_department_member_reads_the_account_name_and_tier_only(client, dept_user, records):
    quality = records["quality"]
    account = quality.account
    client.force_login(dept_user)

    html = page(client, quality.get_absolute_url())
    heading = html.split("<hgroup>", 1)[1].split("</hgroup>", 1)[0]
    assert text(heading) == f"#{quality.pk} Cracked housings {ACCOUNT_NAME} Key Open on track"
    # No way to the account: not its page, its tab, its orders page, its edit link.
    assert account.get_absolute_url() not in html
    assert f"/accounts/{account.pk}" not in html
    assert records["order"].get_absolute_url() not in html
    assert url("edit", quality) not in html
    for detail in ("Manufacturing", "East China", "Wang Lei", account.owner.email):
        assert detail not in html, detail
    # Of the order, its number and promised date.
    assert facts(html, "ticket-details")["Order"] == (
        f"SO-ALICE-1 promised {records['order'].promised_on:%-d %b %Y}"
    )
    assert "Back to the queue" in html and "Tickets of this account" not in html
    # A department answers: the comment, status and assignment forms are there.
    for name in ("comment", "transition", "assign"):
        assert f'action="{url(name, quality)}"' in html, name
    assert url("feedback", quality) not in html
    # The account's page itself is not theirs.
    assert client.get(account.get_absolute_url()).status_code == 404
    assert client.get(f"{account.get_absolute_url()}?tab=tickets").status_code == 404

    queue = page(client, LIST)
    assert listed(queue) == [quality.pk]
    row = queue.split('<th scope="row">', 1)[1].split("</tr>", 1)[0]
    account_cell = f'<span>{ACCOUNT_NAME} <small class="muted">Key</small></span>'
    assert f'<td data-label="Account">{account_cell}</td>' in row
    assert account.get_absolute_url() not in queue
    assert "Account owner" not in queue and account.owner.display_name not in queue


def test_department_member_gets_404_on_another_departments_ticket_and_403_on_edits(
    client, dept_user, records
):
    before = states(records)
    client.force_login(dept_user)
    delivery = records["delivery"]
    for name in ("detail", "edit"):
        assert client.get(url(name, delivery)).status_code == 404, name
    for name in ("edit", "comment", "transition", "assign", "feedback"):
        assert client.post(url(name, delivery), posted()).status_code == 404, name
    # What the ticket says is the account team's to edit; a department answers instead.
    for key in ("quality", "resolved"):
        assert client.get(url("edit", records[key])).status_code == 403, key
        assert client.post(url("edit", records[key]), posted()).status_code == 403, key
    # The customer's word is the account team's to record.
    response = client.post(url("feedback", records["resolved"]), {"score": "5"})
    assert response.status_code == 403
    assert "Only the account&#x27;s team may do this." in response.content.decode()
    nothing_changed(records, before)
    for address in (CREATE, FULFILMENT, FEEDBACK):
        assert client.get(address).status_code == 403, address
    response = client.post(
        CREATE, {"account": delivery.account_id, "category": "quality", "subject": "x"}
    )
    assert response.status_code == 403
    assert Ticket.objects.count() == 3


def test_executive_reads_but_may_not_answer(client, executive, records):
    before = states(records)
    client.force_login(executive)
    for key in ("quality", "delivery", "resolved"):
        html = page(client, url("detail", records[key]))
        assert 'id="answer-heading"' not in html and '<form method="post"' not in main(html)
        for name in ("edit", "comment", "transition", "assign", "feedback"):
            assert url(name, records[key]) not in html, (key, name)
        assert client.get(url("edit", records[key])).status_code == 403, key
    for name, address in record_posts(records).items():
        assert client.post(address, posted()).status_code == 403, name
    nothing_changed(records, before)
    assert client.get(CREATE).status_code == 403
    html = page(client, LIST)
    assert listed(html) == [records["quality"].pk, records["delivery"].pk]
    assert "New ticket" not in main(html)
    assert client.get(FULFILMENT).status_code == 200


def test_get_on_an_answer_is_refused(client, alice, records):
    client.force_login(alice)
    for name in ("comment", "transition", "assign", "feedback"):
        assert client.get(url(name, records["quality"])).status_code == 405, name
    assert client.post(ORDERS).status_code == 405


# -- the list and the queue -----------------------------------------------------------------


def quality(account, **kwargs):
    """A quality ticket: routed to tech support (the department member's department)."""
    return f.TicketFactory(account=account, category="quality", **kwargs)


@pytest.fixture
def spread(alice, alice_account, dept_user):
    """Alice's tickets at every point of the clock (48 h each), tech support's unless said."""
    t = {}
    t["breached"] = quality(alice_account, subject="Breached casting", now=ago(hours=50))
    t["at_risk"] = quality(alice_account, subject="Risky valve", priority="high", now=ago(hours=40))
    t["on_track"] = quality(alice_account, subject="Fresh gasket", priority="low", now=ago(hours=1))
    t["paused"] = quality(alice_account, subject="Waiting drawing", now=ago(hours=5))
    services.ticket_transition(
        ticket=t["paused"], to_status="waiting_on_customer", by=dept_user, now=ago(hours=4)
    )
    t["resolved"] = quality(alice_account, subject="Fixed bolt", now=ago(hours=9))
    services.ticket_transition(ticket=t["resolved"], to_status="resolved", by=dept_user)
    t["closed"] = quality(alice_account, subject="Closed nut", now=ago(hours=8))
    services.ticket_transition(ticket=t["closed"], to_status="resolved", by=dept_user)
    services.ticket_transition(ticket=t["closed"], to_status="closed", by=alice)
    t["logistics"] = f.TicketFactory(
        account=alice_account, category="delivery", subject="Lost pallet", now=ago(hours=49)
    )
    return t


def ids(spread, *keys):
    return [spread[key].pk for key in keys]


def test_list_shows_unresolved_soonest_due_first_until_filtered(client, alice, spread):
    client.force_login(alice)
    html = page(client, LIST)
    # Due: breached −2 h, lost pallet −1 h, risky +8 h, waiting +43 h (its 4 h paused so
    # far move it only when it resumes), fresh +47 h.
    assert listed(html) == ids(spread, "breached", "logistics", "at_risk", "paused", "on_track")
    assert text(html.split('<p class="muted result-count">')[1].split("</p>")[0]) == "5 tickets"
    checked = re.findall(r'name="status" value="(\w+)" id="id_status_\d" checked', html)
    assert checked == ["open", "in_progress", "waiting_on_customer"]
    assert row_states(html) == [
        (spread["breached"].pk, "breached"),
        (spread["logistics"].pk, "breached"),
        (spread["at_risk"].pk, "at_risk"),
        (spread["paused"].pk, "paused"),
        (spread["on_track"].pk, "on_track"),
    ]
    rows = dict(zip(listed(html), html.split('<th scope="row">')[1:], strict=True))
    for key, badge in [
        ("breached", '<mark class="badge badge-bad sla-breached">breached</mark>'),
        ("at_risk", '<mark class="badge badge-warn sla-at-risk">at risk</mark>'),
        ("paused", '<span class="badge sla-paused">paused</span>'),
        ("on_track", '<span class="badge sla-on-track">on track</span>'),
    ]:
        assert badge in rows[spread[key].pk], key
    assert '<td data-label="Department">Logistics</td>' in rows[spread["logistics"].pk]

    # The form's marker with no status ticked: every status.
    html = page(client, LIST, data={"filtered": "1"})
    assert listed(html) == ids(
        spread, "breached", "logistics", "at_risk", "resolved", "closed", "paused", "on_track"
    )
    html = page(client, LIST, data={"filtered": "1", "status": ["resolved", "closed"]})
    assert listed(html) == ids(spread, "resolved", "closed")
    html = page(client, LIST, data={"filtered": "1", "sort": "-opened"})
    assert listed(html) == ids(
        spread, "on_track", "paused", "closed", "resolved", "at_risk", "logistics", "breached"
    )


def test_list_filters_by_sla_search_priority_category_and_department(client, alice, spread):
    client.force_login(alice)
    cases = [
        ({"sla": "at_risk"}, ["at_risk"]),
        ({"sla": "breached"}, ["breached", "logistics"]),
        ({"sla": ["breached", "paused"]}, ["breached", "logistics", "paused"]),
        ({"sla": "met", "filtered": "1"}, ["resolved", "closed"]),
        ({"q": "valve"}, ["at_risk"]),
        ({"q": "pallet", "filtered": "1"}, ["logistics"]),
        ({"priority": "high"}, ["at_risk"]),
        ({"priority": ["high", "low"]}, ["at_risk", "on_track"]),
        ({"category": "delivery"}, ["logistics"]),
        ({"department": "logistics", "filtered": "1"}, ["logistics"]),
    ]
    for query, expected in cases:
        html = page(client, LIST, data=query)
        assert listed(html) == ids(spread, *expected), query
    # Alice's account named: its tickets, the account above the list and in the new link.
    account = spread["breached"].account
    html = page(client, LIST, data={"account": account.pk, "filtered": "1"})
    assert len(listed(html)) == 7 and f"<p>{ACCOUNT_NAME}</p>" in html
    assert f'href="{CREATE}?account={account.pk}"' in html


def test_a_bad_filter_is_a_400_that_says_so_and_lists_nothing(client, alice, charlie, spread):
    client.force_login(alice)
    for query, error in [
        ({"sla": "late"}, "Select a valid choice. late is not one of the available choices."),
        ({"due_before": "not-a-date"}, "Enter a valid date/time."),
        ({"account": f.AccountFactory(owner=charlie).pk}, INVALID_CHOICE),
    ]:
        response = client.get(LIST, query)
        assert response.status_code == 400, query
        html = response.content.decode()
        errors = html.split('<article class="form-errors" role="alert">')[1].split("</article>")[0]
        assert re.findall(r"<p>(.*?)</p>", errors) == [error], query
        assert listed(html) == [] and "No tickets match." in html, query


def test_the_queue_is_the_departments_soonest_due_first(client, dept_user, spread):
    tom = f.UserFactory(
        username="tom", first_name="Tom", last_name="Li", role=Role.DEPARTMENT,
        department=f.department("tech_support"),
    )  # fmt: skip
    dept_user.first_name, dept_user.last_name = "Tess", "Zhang"
    dept_user.save()
    services.ticket_assign(ticket=spread["at_risk"], by=dept_user, assignee=tom)
    client.force_login(dept_user)

    html = page(client, LIST)
    assert "<h1>Queue of Technical support</h1>" in html
    assert listed(html) == ids(spread, "breached", "at_risk", "paused", "on_track")
    rows = dict(zip(listed(html), html.split('<th scope="row">')[1:], strict=True))
    assert '<td data-label="Assignee">Tom Li</td>' in rows[spread["at_risk"].pk]
    assert '<td data-label="Assignee">—</td>' in rows[spread["breached"].pk]
    # The department's own members to filter by; no account owners, no teams.
    assert options(html, "assignee") == [
        ("", "---------"),
        (str(dept_user.pk), "Tess Zhang"),
        (str(tom.pk), "Tom Li"),
    ]
    assert 'name="owner"' not in html and 'name="team"' not in html
    assert listed(page(client, LIST, data={"assignee": tom.pk})) == ids(spread, "at_risk")
    # The home panel's link: unassigned, unresolved.
    html = page(
        client,
        LIST,
        data={"unassigned": "1", "status": ["open", "in_progress", "waiting_on_customer"]},
    )
    assert listed(html) == ids(spread, "breached", "paused", "on_track")
    assert listed(page(client, LIST, data={"sla": "breached"})) == ids(spread, "breached")
    assert listed(page(client, LIST, data={"filtered": "1"})) == ids(
        spread, "breached", "at_risk", "resolved", "closed", "paused", "on_track"
    )


def test_manager_list_shows_the_teams_tickets_with_their_owner(client, bob, charlie, spread):
    theirs = f.TicketFactory(account=f.AccountFactory(owner=charlie), subject="West coast")
    client.force_login(bob)
    html = page(client, LIST)
    assert theirs.pk not in listed(html) and "West coast" not in html
    assert len(listed(html)) == 5
    owner = spread["breached"].account.owner
    assert html.count(f'<td data-label="Account owner">{owner.display_name}</td>') == 5
    assert listed(page(client, LIST, data={"owner": owner.pk, "sla": "at_risk"})) == ids(
        spread, "at_risk"
    )
    response = client.get(LIST, {"owner": charlie.pk})
    assert response.status_code == 400 and "West coast" not in response.content.decode()


# -- a ticket's page: its clock and its timeline -------------------------------------------


def shown(moment) -> str:
    """A moment as the pages write it (the company's zone, English)."""
    return date_filter(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


@pytest.fixture
def tom(db):
    """Tess's colleague in tech support."""
    return f.UserFactory(
        username="tom", first_name="Tom", last_name="Li", role=Role.DEPARTMENT,
        department=f.department("tech_support"),
    )  # fmt: skip


def test_ticket_page_shows_the_paused_clock_and_the_timeline_in_order(
    client, english, alice, alice_account, dept_user, tom
):
    t0 = timezone.now().replace(microsecond=0) - timedelta(hours=30)
    ticket = quality(alice_account, subject="Cracked housings", now=t0)
    at = lambda hours: t0 + timedelta(hours=hours)  # noqa: E731
    services.ticket_comment(ticket=ticket, by=dept_user, body="We are on it.", now=at(2))
    services.ticket_transition(
        ticket=ticket, to_status="waiting_on_customer", by=dept_user,
        note="Need the drawing.", now=at(10),
    )  # fmt: skip
    services.ticket_transition(
        ticket=ticket, to_status="in_progress", by=alice, note="Drawing sent.", now=at(13)
    )
    services.ticket_assign(
        ticket=ticket, by=dept_user, assignee=tom, note="Tom knows this part.", now=at(14)
    )
    services.ticket_transition(ticket=ticket, to_status="waiting_on_customer", by=tom, now=at(20))
    client.force_login(alice)

    html = page(client, ticket.get_absolute_url())

    # 48 h from the opening plus the 3 h it waited (13 h − 10 h); waiting again since 20 h.
    due = at(51)
    assert f'<time datetime="{timezone.localtime(due).isoformat()}">{shown(due)}</time>' in html
    assert facts(html, "ticket-facts") == {
        "Due": shown(due),
        "Time left": "1 d 7 h",
        "Open time used": "17 h 0 min",
        "Clock stopped": "3 h 0 min",
        "Department": "Technical support",
        "Assignee": "Tom Li",
    }
    assert '<span class="badge sla-paused">paused</span>' in html
    assert 'class="sla-clock sla-paused"' in html
    assert (
        "The clock is stopped while the ticket waits on the customer "
        f"(since {shown(at(20))})." in text(html)
    )
    assert facts(html, "ticket-details") == {
        "Category": "Quality",
        "Priority": "Normal",
        "Opened": shown(t0),
        "Raised by": alice.display_name,
        "First response": shown(at(2)),
    }
    assert timeline(html) == [
        (alice.display_name, shown(t0), "status_change", "Opened the ticket."),
        (dept_user.display_name, shown(at(2)), "comment", "We are on it."),
        (
            dept_user.display_name,
            shown(at(10)),
            "status_change",
            "Changed the status to Waiting on customer. Need the drawing.",
        ),
        (
            alice.display_name,
            shown(at(13)),
            "status_change",
            "Changed the status to In progress. Drawing sent.",
        ),
        (
            dept_user.display_name,
            shown(at(14)),
            "reassign",
            "Assigned to Tom Li (Technical support). Tom knows this part.",
        ),
        (
            tom.display_name,
            shown(at(20)),
            "status_change",
            "Changed the status to Waiting on customer.",
        ),
    ]
    # From waiting on the customer: back to work or resolved.
    assert options(html, "status") == [("in_progress", "In progress"), ("resolved", "Resolved")]


def test_ticket_page_says_time_left_overdue_and_resolved(
    client, english, alice, alice_account, dept_user
):
    # Half a minute inside the minute, so the page's own moment cannot change the figure.
    left = quality(alice_account, subject="Left", now=ago(hours=40) + timedelta(seconds=30))
    late = quality(alice_account, subject="Late", now=ago(hours=50, seconds=30))
    t0 = timezone.now().replace(microsecond=0) - timedelta(hours=20)
    done = quality(alice_account, subject="Done", priority="high", now=t0)
    services.ticket_transition(
        ticket=done, to_status="resolved", by=dept_user, now=t0 + timedelta(hours=10)
    )
    reopened = quality(alice_account, subject="Reopened", now=t0)
    services.ticket_transition(
        ticket=reopened, to_status="resolved", by=dept_user, now=t0 + timedelta(hours=4)
    )
    services.ticket_transition(
        ticket=reopened, to_status="open", by=alice, note="Still leaking.",
        now=t0 + timedelta(hours=6),
    )  # fmt: skip
    client.force_login(alice)

    html = page(client, left.get_absolute_url())
    sla = facts(html, "ticket-facts")
    assert (sla["Time left"], sla["Open time used"], sla["Clock stopped"]) == (
        "8 h 0 min",
        "1 d 15 h",
        "—",
    )
    assert "Overdue by" not in sla and 'class="sla-clock sla-at_risk"' in html

    html = page(client, late.get_absolute_url())
    sla = facts(html, "ticket-facts")
    assert (sla["Overdue by"], "Time left" in sla) == ("2 h 0 min", False)
    assert '<dt>Overdue by</dt><dd class="sla-late">2 h 0 min</dd>' in html
    assert '<mark class="badge badge-bad sla-breached">breached</mark>' in html

    html = page(client, done.get_absolute_url())
    sla = facts(html, "ticket-facts")
    assert (sla["Resolved in"], sla["Open time used"], "Time left" in sla) == (
        "10.0 h",
        "10 h 0 min",
        False,
    )
    assert '<span class="badge badge-good sla-met">in time</span>' in html
    # Resolved: it may be closed or reopened, no longer reassigned.
    assert options(html, "status") == [("closed", "Closed"), ("open", "Reopen")]
    assert url("assign", done) not in html

    # Reopened after 2 h resolved: the stop moved the deadline, the history stays.
    html = page(client, reopened.get_absolute_url())
    sla = facts(html, "ticket-facts")
    assert (sla["Clock stopped"], sla["Due"]) == ("2 h 0 min", shown(t0 + timedelta(hours=50)))
    assert [entry[2:] for entry in timeline(html)] == [
        ("status_change", "Opened the ticket."),
        ("status_change", "Changed the status to Resolved."),
        ("status_change", "Reopened the ticket. Still leaking."),
    ]


def test_the_ticket_page_gives_each_field_its_own_id(client, alice, records):
    """The labels of the answer forms point at their own fields (no id twice on a page)."""
    client.force_login(alice)
    for key in ("quality", "resolved"):
        html = page(client, url("detail", records[key]))
        found = re.findall(r'\sid="([^"]+)"', html)
        assert sorted({i for i in found if found.count(i) > 1}) == [], key


# -- opening and editing --------------------------------------------------------------------


def ticket_post(account, **overrides):
    data = {
        "account": account.pk,
        "order": "",
        "category": "delivery",
        "priority": "high",
        "department": "",
        "subject": "  Truck stuck at customs  ",
        "description": "Shanghai port, container 7.",
    }
    data.update(overrides)
    return data


def test_a_new_ticket_goes_where_its_category_routes_it(client, english, alice, alice_account):
    client.force_login(alice)
    response = client.post(CREATE, ticket_post(alice_account))

    ticket = Ticket.objects.get()
    assert (response.status_code, response["Location"]) == (302, ticket.get_absolute_url())
    assert (
        ticket.account,
        ticket.department.code,
        ticket.subject,
        ticket.priority,
        ticket.status,
        ticket.raised_by,
        ticket.due_at - ticket.opened_at,
    ) == (
        alice_account,
        "logistics",
        "Truck stuck at customs",
        "high",
        "open",
        alice,
        timedelta(hours=48),
    )
    html = page(client, response["Location"])
    assert flashes(html) == [f"Ticket “#{ticket.pk} Truck stuck at customs” opened and routed."]
    assert [entry[2:] for entry in timeline(html)] == [("status_change", "Opened the ticket.")]

    # A department chosen wins over the category's rule.
    finance = f.department("finance")
    client.post(CREATE, ticket_post(alice_account, department=finance.pk, subject="Invoice"))
    assert Ticket.objects.get(subject="Invoice").department == finance


def test_new_ticket_prefills_only_records_one_may_change(client, alice, charlie, alice_account):
    other = f.AccountFactory(owner=alice, name="Foshan Ceramics")
    order = f.OrderFactory(account=alice_account, number="SO-ALICE-1")
    f.OrderFactory(account=other, number="SO-FOSHAN-1")
    secret = f.OrderFactory(account=f.AccountFactory(owner=charlie), number="SO-CHARLIE-1")
    client.force_login(alice)

    html = page(client, CREATE)
    assert options(html, "account") == [
        ("", "---------"),
        (str(other.pk), "Foshan Ceramics"),
        (str(alice_account.pk), ACCOUNT_NAME),
    ]
    assert options(html, "order") == [("", "---------")]
    assert f'hx-get="{ORDERS}"' in html and 'hx-target="#ticket-order"' in html

    html = page(client, CREATE, data={"account": alice_account.pk, "category": "quality"})
    assert selected(html, "account") == [str(alice_account.pk)]
    assert options(html, "order") == [("", "---------"), (str(order.pk), "SO-ALICE-1")]
    assert selected(html, "category") == ["quality"]
    assert f'href="{alice_account.get_absolute_url()}?tab=tickets"' in html  # Cancel

    html = page(client, CREATE, data={"order": order.pk})
    assert (selected(html, "account"), selected(html, "order")) == (
        [str(alice_account.pk)],
        [str(order.pk)],
    )
    # Charlie's account and order are not Alice's to choose: nothing is prefilled.
    for query in ({"account": secret.account_id}, {"order": secret.pk}, {"order": "x"}):
        html = page(client, CREATE, data=query)
        assert (selected(html, "account"), selected(html, "order")) == ([""], [""]), query
        assert "SO-CHARLIE-1" not in html


def test_new_ticket_errors_keep_what_was_typed(client, alice, alice_account):
    order = f.OrderFactory(account=alice_account, number="SO-ALICE-1")
    other = f.OrderFactory(account=f.AccountFactory(owner=alice), number="SO-OTHER-1")
    client.force_login(alice)

    response = client.post(
        CREATE,
        ticket_post(
            alice_account,
            order=order.pk,
            category="technical",
            priority="urgent",
            subject="",
            description="Typed before the error.",
        ),
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"subject": [REQUIRED]}
    html = response.content.decode()
    assert f'<small class="field-error">{REQUIRED}</small>' in html
    assert "Typed before the error.</textarea>" in html
    assert [selected(html, name) for name in ("account", "order", "category", "priority")] == [
        [str(alice_account.pk)],
        [str(order.pk)],
        ["technical"],
        ["urgent"],
    ]

    # An order of another account is refused; the form offers this account's orders.
    response = client.post(CREATE, ticket_post(alice_account, order=other.pk))
    assert response.status_code == 200
    assert response.context["form"].errors == {"order": [INVALID_CHOICE]}
    html = response.content.decode()
    assert options(html, "order") == [("", "---------"), (str(order.pk), "SO-ALICE-1")]
    assert 'name="subject" value="  Truck stuck at customs  "' in html
    assert Ticket.objects.count() == 0


def test_the_order_list_follows_the_account_chosen(
    client, alice, charlie, dept_user, alice_account
):
    first = f.OrderFactory(account=alice_account, number="SO-1", ordered_on=company_today())
    second = f.OrderFactory(
        account=alice_account, number="SO-2", ordered_on=company_today() - dt.timedelta(days=3)
    )
    f.OrderFactory(account=f.AccountFactory(owner=alice), number="SO-ELSEWHERE")
    charlies = f.OrderFactory(account=f.AccountFactory(owner=charlie), number="SO-CHARLIE")
    client.force_login(alice)

    partial = page(client, ORDERS, data={"account": alice_account.pk}, HTTP_HX_REQUEST="true")
    assert partial.startswith('<div id="ticket-order">') and "<html" not in partial
    # Newest first.
    assert options(partial, "order") == [
        ("", "---------"),
        (str(first.pk), "SO-1"),
        (str(second.pk), "SO-2"),
    ]
    for raw in (charlies.account_id, "99999999999999999999999", "x", ""):
        assert options(page(client, ORDERS, data={"account": raw}), "order") == [
            ("", "---------")
        ], raw
    # A department member changes no account: nothing to choose either.
    client.force_login(dept_user)
    partial = page(client, ORDERS, data={"account": alice_account.pk})
    assert options(partial, "order") == [("", "---------")]


def test_editing_a_ticket_retimes_its_clock_and_keeps_errors_typed(client, english, alice, records):
    ticket = records["quality"]
    SlaPolicy.objects.filter(priority="urgent").update(resolution_hours=8)
    edit = url("edit", ticket)
    client.force_login(alice)

    html = page(client, edit)
    assert 'name="account"' not in html and 'name="department"' not in html
    assert 'value="Cracked housings"' in html and "Hairline cracks on batch 42.</textarea>" in html
    assert f'href="{ticket.get_absolute_url()}"' in html  # Cancel

    data = {
        "order": records["order"].pk,
        "category": "quality",
        "priority": "urgent",
        "subject": "",
        "description": "Cracks on batches 42 and 43.",
    }
    before = state(ticket)
    response = client.post(edit, data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"subject": [REQUIRED]}
    assert "Cracks on batches 42 and 43.</textarea>" in response.content.decode()
    assert selected(response.content.decode(), "priority") == ["urgent"]
    assert state(ticket) == before  # nothing written
    assert Ticket.objects.get(pk=ticket.pk).description == "Hairline cracks on batch 42."

    response = client.post(edit, {**data, "subject": "Cracked housings, two batches"})
    assert (response.status_code, response["Location"]) == (302, ticket.get_absolute_url())
    ticket.refresh_from_db()
    assert (ticket.subject, ticket.priority, ticket.description) == (
        "Cracked housings, two batches",
        "urgent",
        "Cracks on batches 42 and 43.",
    )
    # Urgent is 8 h here: the clock is re-timed from the opening.
    assert ticket.due_at - ticket.opened_at == timedelta(hours=8)
    html = page(client, response["Location"])
    assert flashes(html) == [f"Ticket “#{ticket.pk} Cracked housings, two batches” saved."]
    assert facts(html, "ticket-facts")["Due"] == shown(ticket.opened_at + timedelta(hours=8))


# -- answering a ticket ---------------------------------------------------------------------


def events(ticket) -> list[tuple]:
    return list(
        TicketEvent.objects.filter(ticket=ticket)
        .order_by("created_at", "id")
        .values_list("kind", "author__username", "body", "to_status")
    )


def test_a_comment_is_added_and_an_empty_one_refused(client, english, alice, dept_user, records):
    ticket = records["quality"]
    comment = url("comment", ticket)
    client.force_login(alice)

    response = client.post(comment, {"body": "   "})
    assert response.status_code == 400
    assert response.context["comment_form"].errors == {"body": [REQUIRED]}
    assert f'<small class="field-error">{REQUIRED}</small>' in response.content.decode()

    response = client.post(comment, {"body": "The customer sent photos."})
    assert (response.status_code, response["Location"]) == (302, ticket.get_absolute_url())
    assert flashes(page(client, response["Location"])) == ["Comment added."]
    ticket.refresh_from_db()
    assert ticket.first_response_at is None  # the account's side does not answer itself

    client.force_login(dept_user)
    client.post(comment, {"body": "Sending an engineer."})
    ticket.refresh_from_db()
    assert ticket.first_response_at == TicketEvent.objects.latest("id").created_at
    assert events(ticket) == [
        ("status_change", "alice", "", "open"),
        ("comment", "alice", "The customer sent photos.", ""),
        ("comment", "tess", "Sending an engineer.", ""),
    ]


def test_a_transition_moves_the_ticket_and_a_refused_one_is_a_409(
    client, english, dept_user, records
):
    ticket = records["quality"]
    transition = url("transition", ticket)
    client.force_login(dept_user)

    response = client.post(transition, {"status": "in_progress", "note": "Engineer booked."})
    assert (response.status_code, response["Location"]) == (302, ticket.get_absolute_url())
    html = page(client, response["Location"])
    assert flashes(html) == [f"Ticket #{ticket.pk} is now In progress."]
    assert timeline(html)[-1][2:] == (
        "status_change",
        "Changed the status to In progress. Engineer booked.",
    )

    # In progress cannot be closed: the page says why, keeps the note, changes nothing.
    response = client.post(transition, {"status": "closed", "note": "Skip ahead."})
    assert response.status_code == 409
    html = response.content.decode()
    assert (
        '<article class="refusal" role="alert"><p>'
        "A ticket that is In progress cannot become Closed.</p></article>"
    ) in html
    assert "Skip ahead.</textarea>" in html

    response = client.post(transition, {"status": "teleported"})
    assert response.status_code == 400
    assert response.context["transition_form"].errors == {
        "status": ["Select a valid choice. teleported is not one of the available choices."]
    }
    ticket.refresh_from_db()
    assert ticket.status == "in_progress"
    assert [event[3] for event in events(ticket)] == ["open", "in_progress"]


def test_a_refused_transition_offers_again_only_what_the_ticket_allows(
    client, english, dept_user, records
):
    ticket = records["quality"]
    client.force_login(dept_user)
    allowed = options(page(client, ticket.get_absolute_url()), "status")
    assert allowed == [
        ("in_progress", "In progress"),
        ("waiting_on_customer", "Waiting on customer"),
        ("resolved", "Resolved"),
    ]
    response = client.post(url("transition", ticket), {"status": "closed", "note": "Skip."})
    assert response.status_code == 409
    # The page that says "cannot become Closed" must not offer Closed (nor Open) again.
    assert options(response.content.decode(), "status") == allowed


def test_assigning_to_a_member_and_sending_to_another_department(
    client, english, alice, dept_user, tom, records
):
    ticket = records["quality"]
    assign = url("assign", ticket)
    tech, logistics = f.department("tech_support"), f.department("logistics")
    dept_user.first_name, dept_user.last_name = "Tess", "Zhang"
    dept_user.save()
    client.force_login(dept_user)

    html = page(client, ticket.get_absolute_url())
    assert options(html, "assignee") == [
        ("", "Nobody yet"),
        (str(dept_user.pk), "Tess Zhang"),
        (str(tom.pk), "Tom Li"),
    ]

    response = client.post(assign, {"assignee": tom.pk, "department": tech.pk, "note": "Yours."})
    assert (response.status_code, response["Location"]) == (302, ticket.get_absolute_url())
    html = page(client, response["Location"])
    assert flashes(html) == [f"Ticket #{ticket.pk} is assigned to Tom Li."]
    assert facts(html, "ticket-facts")["Assignee"] == "Tom Li"

    # Tom is no member of logistics: refused, with what was typed.
    response = client.post(
        assign, {"assignee": tom.pk, "department": logistics.pk, "note": "Wrong desk."}
    )
    assert response.status_code == 400
    assert response.context["assign_form"].errors == {"assignee": [INVALID_CHOICE]}
    assert 'name="note" value="Wrong desk."' in response.content.decode()
    ticket.refresh_from_db()
    assert (ticket.department, ticket.assignee) == (tech, tom)

    # Sent to logistics, it leaves tech support's queue: back to the queue, not a 404.
    response = client.post(assign, {"assignee": "", "department": logistics.pk, "note": ""})
    assert (response.status_code, response["Location"]) == (302, LIST)
    html = page(client, LIST)
    assert flashes(html) == [f"Ticket #{ticket.pk} is in the queue of Logistics."]
    assert ticket.pk not in listed(html)
    assert client.get(ticket.get_absolute_url()).status_code == 404
    ticket.refresh_from_db()
    assert (ticket.department, ticket.assignee) == (logistics, None)

    # The account's side still sees it after sending it on.
    client.force_login(alice)
    finance = f.department("finance")
    response = client.post(assign, {"assignee": "", "department": finance.pk})
    assert (response.status_code, response["Location"]) == (302, ticket.get_absolute_url())
    assert [event[0] for event in events(ticket)] == ["status_change", *["reassign"] * 3]

    # A resolved ticket is reopened before it moves.
    resolved = records["resolved"]
    response = client.post(url("assign", resolved), {"department": finance.pk})
    assert response.status_code == 409
    assert "A resolved or closed ticket is reopened before it is reassigned." in (
        response.content.decode()
    )
    assert Ticket.objects.get(pk=resolved.pk).department == tech


def test_feedback_is_offered_after_resolution_and_recorded_once(
    client, english, alice, bob, alice_account, records
):
    li = f.ContactFactory(account=alice_account, name="Li Na")
    stranger = f.ContactFactory(account=f.AccountFactory(owner=alice), name="Zhou Min")
    open_ticket, resolved = records["quality"], records["resolved"]
    client.force_login(alice)

    # Not before the ticket is resolved.
    html = page(client, open_ticket.get_absolute_url())
    assert url("feedback", open_ticket) not in html and 'id="feedback"' not in html
    response = client.post(url("feedback", open_ticket), {"score": "5"})
    assert response.status_code == 409
    assert "Feedback is recorded once the ticket is resolved." in response.content.decode()

    html = page(client, resolved.get_absolute_url())
    form = section(html, "feedback-heading")
    assert f'action="{url("feedback", resolved)}"' in form
    assert re.findall(r'name="score" value="(\d)"', form) == ["5", "4", "3", "2", "1"]
    wang = alice_account.contacts.get(name="Wang Lei")
    # The account's contacts, by name; not another account's.
    assert options(form, "contact") == [
        ("", "Not recorded"),
        (str(li.pk), "Li Na (Purchasing manager)"),
        (str(wang.pk), "Wang Lei (Purchasing manager)"),
    ]
    for data, errors in [
        ({"comment": "No score."}, {"score": [REQUIRED]}),
        ({"score": "5", "contact": stranger.pk}, {"contact": [INVALID_CHOICE]}),
    ]:
        response = client.post(url("feedback", resolved), data)
        assert response.status_code == 400
        assert response.context["feedback_form"].errors == errors
    assert (
        "No score.</textarea>"
        in client.post(url("feedback", resolved), {"comment": "No score."}).content.decode()
    )

    response = client.post(
        url("feedback", resolved), {"score": "4", "comment": "Quick fix.", "contact": li.pk}
    )
    assert (response.status_code, response["Location"]) == (302, resolved.get_absolute_url())
    survey = SurveyResponse.objects.get(source="after_ticket")
    assert (
        survey.account,
        survey.contact,
        survey.score,
        survey.comment,
        survey.received_on,
    ) == (alice_account, li, 4, "Quick fix.", company_today())
    assert Ticket.objects.get(pk=resolved.pk).feedback == survey
    html = page(client, resolved.get_absolute_url())
    assert flashes(html) == [
        "The customer&#x27;s feedback is recorded; it counts towards the account&#x27;s CSAT."
    ]
    assert facts(html, "ticket-details")["Customer satisfaction"] == "4/5"
    assert 'id="feedback"' not in html

    # Once: a second word, even the manager's, is refused.
    client.force_login(bob)
    response = client.post(url("feedback", resolved), {"score": "1"})
    assert response.status_code == 409
    assert "This ticket&#x27;s feedback is recorded already." in response.content.decode()
    assert SurveyResponse.objects.filter(source="after_ticket").count() == 1


# -- the reports ----------------------------------------------------------------------------


def quarter_param(quarter: Quarter) -> str:
    return f"{quarter.year}-{quarter.quarter}"


def resolved_ticket(account, order, hours: int, by=None):
    """A ticket about ``order`` opened 100 h ago and resolved ``hours`` later."""
    opened = timezone.now().replace(microsecond=0) - timedelta(hours=100)
    ticket = f.TicketFactory(account=account, order=order, now=opened)
    services.ticket_transition(
        ticket=ticket,
        to_status="resolved",
        by=by or account.owner,
        now=opened + timedelta(hours=hours),
    )
    return ticket


@pytest.fixture
def fulfilment(alice, charlie, alice_account):
    quarter = Quarter.current()
    start = quarter.start
    day = lambda n: start + dt.timedelta(days=n)  # noqa: E731
    foshan = f.AccountFactory(owner=alice, name="Foshan Ceramics")

    def order(account, number, promised, delivered=None, status=None):
        return f.OrderFactory(
            account=account,
            number=number,
            ordered_on=start - dt.timedelta(days=30),
            promised_on=promised,
            delivered_on=delivered,
            status=status or ("delivered" if delivered else "open"),
        )

    orders = {
        "on_time": order(alice_account, "SO-A-ONTIME", day(10), day(8)),
        "late": order(alice_account, "SO-B-LATE", day(10), day(12)),
        "open": order(alice_account, "SO-C-OPEN", day(20)),
        "cancelled": order(alice_account, "SO-D-CANCELLED", day(10), status="cancelled"),
        "foshan": order(foshan, "SO-E-FOSHAN", day(15), day(15)),
        "previous": order(
            alice_account, "SO-F-PREVIOUS", quarter.previous().start, quarter.previous().start
        ),
        "charlie": order(f.AccountFactory(owner=charlie), "SO-G-CHARLIE", day(10)),
    }
    tickets = {
        "fast": resolved_ticket(alice_account, orders["on_time"], 10),
        "slow": resolved_ticket(alice_account, orders["late"], 50),
        "waiting": f.TicketFactory(account=alice_account, order=orders["open"]),
        "unrelated": resolved_ticket(alice_account, None, 1),
        "previous": resolved_ticket(alice_account, orders["previous"], 2),
        "charlie": resolved_ticket(orders["charlie"].account, orders["charlie"], 90),
    }
    return {"quarter": quarter, "foshan": foshan, "orders": orders, "tickets": tickets}


def report_rows(html: str) -> list[list[str]]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_fulfilment_report_figures_for_a_rep_an_account_and_a_quarter(
    client, english, alice, fulfilment
):
    orders, tickets = fulfilment["orders"], fulfilment["tickets"]
    client.force_login(alice)

    html = page(client, FULFILMENT)
    assert facts(html, "report-facts") == {
        "On time in full (OTIF)": "50.0%",
        "Orders promised": "4",
        "Delivered on time": "2",
        "Delivered late": "1",
        "Not delivered": "1",
        "Tickets about them": "3",
        "Mean resolution": "30.0 h",
        "Resolved within SLA": "50.0%",
    }
    assert '<div class="behind"><dt>On time in full (OTIF)</dt>' in html
    promised = lambda key: orders[key].promised_on.strftime("%-d %b %Y")  # noqa: E731
    delivered = lambda key: orders[key].delivered_on.strftime("%-d %b %Y")  # noqa: E731
    assert report_rows(html) == [
        ["SO-A-ONTIME Delivered", ACCOUNT_NAME, promised("on_time"), delivered("on_time"), "yes",
         f"#{tickets['fast'].pk} Resolved · 10.0 h"],
        ["SO-B-LATE Delivered", ACCOUNT_NAME, promised("late"), delivered("late"), "no",
         f"#{tickets['slow'].pk} Resolved · 50.0 h"],
        ["SO-E-FOSHAN Delivered", "Foshan Ceramics", promised("foshan"), delivered("foshan"),
         "yes", "—"],
        ["SO-C-OPEN Open", ACCOUNT_NAME, promised("open"), "—", "no",
         f"#{tickets['waiting'].pk} Open"],
    ]  # fmt: skip
    assert "SO-G-CHARLIE" not in html and "SO-D-CANCELLED" not in html

    # One account (the account page's link): its orders only, named in the heading.
    account = orders["on_time"].account
    html = page(client, FULFILMENT, data={"account": account.pk})
    assert facts(html, "report-facts") == {
        "On time in full (OTIF)": "33.3%",
        "Orders promised": "3",
        "Delivered on time": "1",
        "Delivered late": "1",
        "Not delivered": "1",
        "Tickets about them": "3",
        "Mean resolution": "30.0 h",
        "Resolved within SLA": "50.0%",
    }
    quarter = fulfilment["quarter"]
    assert f"<p>{quarter.year} Q{quarter.quarter} · {ACCOUNT_NAME}</p>" in html
    assert f'<input type="hidden" name="account" value="{account.pk}">' in html
    export = reverse("export", args=["tickets.fulfilment", "xlsx"])
    assert (
        f"{export}?year={quarter.year}&amp;quarter={quarter.quarter}&amp;account={account.pk}"
        in html
    )

    # The quarter before: the order promised then, and no ticket about it resolved late.
    previous = quarter.previous()
    html = page(client, FULFILMENT, data={"quarter": quarter_param(previous)})
    assert facts(html, "report-facts") == {
        "On time in full (OTIF)": "100.0%",
        "Orders promised": "1",
        "Delivered on time": "1",
        "Delivered late": "0",
        "Not delivered": "0",
        "Tickets about them": "1",
        "Mean resolution": "2.0 h",
        "Resolved within SLA": "100.0%",
    }
    assert [row[0] for row in report_rows(html)] == ["SO-F-PREVIOUS Delivered"]
    assert f"<p>{previous.year} Q{previous.quarter}</p>" in html


def test_reports_refuse_an_account_one_does_not_see_and_department_members(
    client, alice, bob, charlie, dept_user, fulfilment
):
    charlies = fulfilment["orders"]["charlie"].account
    client.force_login(alice)
    for address in (FULFILMENT, FEEDBACK):
        response = client.get(address, {"account": charlies.pk})
        assert response.status_code == 400, address
        html = response.content.decode()
        assert charlies.name not in html and "SO-G-CHARLIE" not in html
        assert "Please correct the errors below." in html
        response = client.get(address, {"quarter": "1999-1"})
        assert response.status_code == 400, address
    client.force_login(dept_user)
    for address in (FULFILMENT, FEEDBACK):
        assert client.get(address).status_code == 403, address
        assert client.get(address, {"account": fulfilment["foshan"].pk}).status_code == 403
    # A manager picks a rep of his teams, or a team; not Charlie.
    client.force_login(bob)
    html = page(client, FULFILMENT, data={"owner": alice.pk})
    assert facts(html, "report-facts")["Orders promised"] == "4"
    assert f"· {alice.display_name}</p>" in html
    html = page(client, FULFILMENT, data={"team": alice.team_id})
    assert facts(html, "report-facts")["Orders promised"] == "4"
    assert client.get(FULFILMENT, {"owner": charlie.pk}).status_code == 400


def test_a_report_says_why_an_account_is_refused(client, alice, charlie):
    """The scope's account is a hidden field: its error must show above the form."""
    charlies = f.AccountFactory(owner=charlie)
    client.force_login(alice)
    for address in (FULFILMENT, FEEDBACK):
        response = client.get(address, {"account": charlies.pk})
        assert response.status_code == 400, address
        html = response.content.decode()
        errors = html.split('<article class="form-errors" role="alert">')[1].split("</article>")[0]
        assert text(errors) == (
            "Please correct the errors below. Choose one of the accounts you see."
        ), address


def test_service_feedback_figures_for_the_quarter(
    client, english, alice, charlie, dept_user, fulfilment
):
    account = fulfilment["orders"]["on_time"].account
    tickets = fulfilment["tickets"]
    li = f.ContactFactory(account=account, name="Li Na")
    for key, score, comment in [("fast", 5, "Very quick."), ("slow", 4, ""), ("unrelated", 2, "")]:
        services.ticket_record_feedback(
            ticket=tickets[key], by=alice, score=score, comment=comment,
            contact=li if key == "fast" else None,
        )  # fmt: skip
    last = services.ticket_record_feedback(ticket=tickets["previous"], by=alice, score=1)
    previous = fulfilment["quarter"].previous()
    SurveyResponse.objects.filter(pk=last.pk).update(received_on=previous.start)
    services.ticket_record_feedback(ticket=tickets["charlie"], by=charlie, score=1)
    f.SurveyResponseFactory(account=account, score=1, source="periodic")
    client.force_login(alice)

    html = page(client, FEEDBACK)
    assert facts(html, "report-facts") == {
        "Satisfied (score 4–5)": "66.7%",
        "Responses": "3",
        "Mean score": "3.67",
        "Score 5": "1",
        "Score 4": "1",
        "Score 3": "0",
        "Score 2": "1",
        "Score 1": "0",
    }
    today = company_today().strftime("%-d %b %Y")

    def row(key, score, comment="—", contact=""):
        ticket = tickets[key]
        account = f"{ACCOUNT_NAME} {contact}".strip()
        return [today, account, score, f"#{ticket.pk} {ticket.subject} Logistics", comment]

    # Received the same day: the newest first.
    assert report_rows(html) == [
        row("unrelated", "2/5"),
        row("slow", "4/5"),
        row("fast", "5/5", "Very quick.", "Li Na"),
    ]

    html = page(client, FEEDBACK, data={"quarter": quarter_param(previous)})
    assert facts(html, "report-facts") == {
        "Satisfied (score 4–5)": "0.0%",
        "Responses": "1",
        "Mean score": "1.00",
        "Score 5": "0",
        "Score 4": "0",
        "Score 3": "0",
        "Score 2": "0",
        "Score 1": "1",
    }
    html = page(client, FEEDBACK, data={"account": fulfilment["foshan"].pk})
    assert facts(html, "report-facts")["Responses"] == "0"
    assert "No feedback after tickets in this quarter." in html


# -- the home page and the account page ------------------------------------------------------


def panel_items(fragment: str) -> list[tuple[int, str]]:
    """(ticket id, its SLA class) of a panel's list, in order."""
    items = re.findall(r'<li class="sla-(\w+)">\s*<div>\s*<a href="/tickets/(\d+)/">', fragment)
    return [(int(pk), sla) for sla, pk in items]


def test_rep_home_lists_my_open_tickets_with_their_sla(client, english, alice, charlie, spread):
    f.TicketFactory(account=f.AccountFactory(owner=charlie), subject="West coast")
    client.force_login(alice)
    html = page(client, reverse("home"))
    panel = section(html, "my-tickets-heading")
    assert panel_items(panel) == [
        (spread["breached"].pk, "breached"),
        (spread["logistics"].pk, "breached"),
        (spread["at_risk"].pk, "at_risk"),
        (spread["paused"].pk, "paused"),
        (spread["on_track"].pk, "on_track"),
    ]
    badges = re.findall(r'class="badge[^"]*">([^<]+)<', panel)
    assert badges == ["breached", "breached", "at risk", "paused", "on track"]
    assert "West coast" not in html and "Fixed bolt" not in panel
    first = panel.split("<li", 2)[1]
    assert text(first.split("<small>")[1].split("</small>")[0]) == (
        f"{ACCOUNT_NAME} · Technical support · Open · due {shown(spread['breached'].due_at)}"
    )
    assert 'id="queue-heading"' not in html and 'id="breached-heading"' not in html


def test_department_home_shows_its_queue_counts(client, english, dept_user, tom, spread):
    services.ticket_assign(ticket=spread["at_risk"], by=dept_user, assignee=tom)
    client.force_login(dept_user)
    html = page(client, reverse("home"))
    panel = section(html, "queue-heading")
    assert text(panel.split("</h2>")[0].split(">")[-1]) == "Queue of Technical support"
    # The lost pallet is logistics' breach; the resolved and closed ones are out of the queue.
    assert facts(panel, "queue-facts") == {
        "Open": "4",
        "Unassigned": "3",
        "At risk": "1",
        "Breached": "1",
    }
    assert '<div class="at-risk"><dt>At risk</dt>' in panel
    assert '<div class="behind"><dt>Breached</dt>' in panel
    assert panel_items(panel) == [
        (spread["breached"].pk, "breached"),
        (spread["at_risk"].pk, "at_risk"),
        (spread["paused"].pk, "paused"),
        (spread["on_track"].pk, "on_track"),
    ]
    # Of the accounts, the name: no link to them.
    assert spread["breached"].account.get_absolute_url() not in html
    assert 'id="my-tickets-heading"' not in html


def test_manager_home_lists_only_his_teams_breached_tickets(client, english, bob, charlie, spread):
    theirs = f.TicketFactory(
        account=f.AccountFactory(owner=charlie), subject="West coast", now=ago(hours=60)
    )
    assert theirs.sla_state() == "breached"
    client.force_login(bob)
    html = page(client, reverse("home"))
    panel = section(html, "breached-heading")
    assert panel_items(panel) == [
        (spread["breached"].pk, "breached"),
        (spread["logistics"].pk, "breached"),
    ]
    owner = spread["breached"].account.owner.display_name
    assert text(panel.split("<small>")[1].split("</small>")[0]) == (
        f"{ACCOUNT_NAME} · {owner} · Technical support · due {shown(spread['breached'].due_at)}"
    )
    assert "West coast" not in html


def test_manager_home_says_when_nothing_is_breached(client, bob, alice_account):
    f.TicketFactory(account=alice_account, subject="Fresh")
    client.force_login(bob)
    panel = section(page(client, reverse("home")), "breached-heading")
    assert panel_items(panel) == []
    assert "No ticket in your teams is past its SLA." in panel


def test_account_tab_lists_the_tickets_with_their_latest_answer(
    client, english, alice, dept_user, alice_account
):
    t0 = timezone.now().replace(microsecond=0) - timedelta(hours=30)
    answered = quality(alice_account, subject="Answered", now=t0)
    services.ticket_comment(
        ticket=answered, by=dept_user, body="First look: porosity.", now=t0 + timedelta(hours=1)
    )
    services.ticket_comment(
        ticket=answered, by=dept_user, body="Engineer on site tomorrow.",
        now=t0 + timedelta(hours=2),
    )  # fmt: skip
    silent = quality(alice_account, subject="Silent", now=t0 + timedelta(hours=4))
    waiting = quality(alice_account, subject="Waiting", now=t0 + timedelta(hours=5))
    services.ticket_transition(
        ticket=waiting, to_status="waiting_on_customer", by=dept_user, now=t0 + timedelta(hours=6)
    )
    done = quality(alice_account, subject="Done", now=t0 + timedelta(hours=7))
    services.ticket_transition(
        ticket=done, to_status="resolved", by=dept_user, now=t0 + timedelta(hours=9)
    )
    services.ticket_record_feedback(ticket=done, by=alice, score=5)
    client.force_login(alice)

    html = page(client, alice_account.get_absolute_url(), data={"tab": "tickets"})
    tabs = html.split('<nav class="tabs"', 1)[1].split("</nav>", 1)[0]
    # The badge counts what is unresolved: answered, silent, waiting.
    assert re.findall(r'Tickets <span class="tab-count">(\d+)</span>', tabs) == ["3"]
    tab = section(html, "tickets-heading")
    assert linked(tab) == [done.pk, waiting.pk, silent.pk, answered.pk]
    items = dict(zip(linked(tab), tab.split("<li class=")[1:], strict=True))
    answer = (
        items[answered.pk].split('<blockquote class="last-comment">')[1].split("</blockquote>")[0]
    )
    assert text(answer) == (
        f"Engineer on site tomorrow. {dept_user.display_name}, {shown(t0 + timedelta(hours=2))}"
    )
    assert "last-comment" not in items[silent.pk]
    assert text(items[done.pk].split('<small class="muted">')[1].split("</small>")[0]) == (
        f"Quality · Technical support · opened {shown(t0 + timedelta(hours=7))}"
        " · resolved in 2.0 h · customer's score 5/5"
    )
    assert re.findall(r'class="badge[^"]*">([^<]+)<', items[done.pk]) == ["Resolved", "in time"]
    assert f'href="{LIST}?account={alice_account.pk}&amp;filtered=1"' in tab
    assert f'href="{CREATE}?account={alice_account.pk}"' in tab


def test_account_tab_keeps_the_departments_answer_after_the_reps_reply(
    client, english, alice, dept_user, alice_account
):
    """Every answer a department gave shows on the account page: the rep's own reply after
    it must not hide it."""
    t0 = timezone.now().replace(microsecond=0) - timedelta(hours=30)
    ticket = quality(alice_account, subject="Answered", now=t0)
    services.ticket_comment(
        ticket=ticket, by=dept_user, body="Engineer on site tomorrow.", now=t0 + timedelta(hours=2)
    )
    services.ticket_comment(
        ticket=ticket, by=alice, body="Thanks, I told the customer.", now=t0 + timedelta(hours=3)
    )
    client.force_login(alice)
    tab = section(
        page(client, alice_account.get_absolute_url(), data={"tab": "tickets"}), "tickets-heading"
    )
    answers = re.findall(r'<blockquote class="last-comment">(.*?)</blockquote>', tab, re.S)
    assert [text(answer) for answer in answers] == [
        f"Engineer on site tomorrow. {dept_user.display_name}, {shown(t0 + timedelta(hours=2))}"
    ]


# -- query counts ---------------------------------------------------------------------------


def _queue(account, rows: int, dept_user, tom):
    """``rows`` tickets in tech support's queue, every other one assigned, at every point
    of the clock, on as many accounts (with an order each)."""
    for i in range(rows):
        if i % 3 == 0:
            account = f.AccountFactory(owner=account.owner, name=f"Bulk {i:02d}")
        order = f.OrderFactory(account=account, number=f"SO-Q{i:03d}")
        ticket = quality(account, subject=f"Queue {i:02d}", order=order, now=ago(hours=i * 2))
        if i % 2:
            services.ticket_assign(ticket=ticket, by=dept_user, assignee=tom)


@pytest.mark.parametrize("rows", [1, 30])
def test_queue_page_query_count(
    client, alice_account, dept_user, tom, rows, django_assert_num_queries
):
    _queue(alice_account, rows, dept_user, tom)
    client.force_login(dept_user)
    # session, user, the user's department (the heading); the count, the page of tickets
    # with their accounts, orders and assignees; the assignee filter's members and how
    # many owners the owner filter would offer; unread (+ the savepoint pair)
    with django_assert_num_queries(10):
        html = page(client, LIST)
    assert len(listed(html)) == min(rows, 25)


@pytest.mark.parametrize("rows", [1, 30])
def test_department_home_query_count(
    client, alice_account, dept_user, tom, rows, django_assert_num_queries
):
    _queue(alice_account, rows, dept_user, tom)
    client.force_login(dept_user)
    # session, user; the queue's four counts (one query), its first tickets, the
    # department (the panel's heading); unread (+ the savepoint pair)
    with django_assert_num_queries(8):
        html = page(client, reverse("home"))
    assert len(panel_items(section(html, "queue-heading"))) == min(rows, 10)


@pytest.mark.parametrize("rows", [1, 30])
def test_rep_list_query_count(
    client, alice, alice_account, dept_user, tom, rows, django_assert_num_queries
):
    _queue(alice_account, rows, dept_user, tom)
    client.force_login(alice)
    # session, user; how many owners the owner filter would offer, the count, the page of
    # tickets; unread (+ the savepoint pair)
    with django_assert_num_queries(8):
        html = page(client, LIST)
    assert len(listed(html)) == min(rows, 25)


@pytest.mark.parametrize("entries", [1, 40])
def test_ticket_page_query_count(
    client, alice, alice_account, dept_user, tom, entries, django_assert_num_queries
):
    order = f.OrderFactory(account=alice_account)
    t0 = timezone.now() - timedelta(hours=45)
    ticket = quality(alice_account, order=order, now=t0)
    # Comments, reassignments (Tess and Tom in turn) and status changes (to work and
    # back to waiting in turn), each by someone else than the last.
    statuses = iter(["in_progress", "waiting_on_customer"] * entries)
    assignees = iter([dept_user, tom] * entries)
    for i in range(entries):
        moment = t0 + timedelta(minutes=i + 1)
        if i % 3 == 0:
            services.ticket_comment(ticket=ticket, by=dept_user, body=f"Note {i}", now=moment)
        elif i % 3 == 1:
            services.ticket_assign(
                ticket=ticket, by=dept_user, assignee=next(assignees), now=moment
            )
        else:
            services.ticket_transition(
                ticket=ticket, to_status=next(statuses), by=alice, now=moment
            )
    assert ticket.events.count() == entries + 1
    # session, user, the ticket with all it shows, may-change, the assignment form's
    # department (looked up by the id posted: none on a GET), the timeline with its
    # people, the form's members and departments; unread (+ the savepoint pair)
    # A department member's navigation asks whether they are R&D (their department).
    for user, queries in ((alice, 10), (dept_user, 11)):
        client.force_login(user)
        with django_assert_num_queries(queries):
            html = page(client, ticket.get_absolute_url())
        assert len(timeline(html)) == entries + 1


@pytest.mark.parametrize("rows", [1, 25])
def test_account_tab_query_count(
    client, alice, alice_account, dept_user, rows, django_assert_num_queries
):
    for i in range(rows):
        ticket = quality(alice_account, subject=f"Tab {i:02d}", now=ago(hours=i + 1))
        services.ticket_comment(ticket=ticket, by=dept_user, body=f"Answer {i}")
        if i % 2:
            services.ticket_transition(ticket=ticket, to_status="resolved", by=dept_user)
            services.ticket_record_feedback(ticket=ticket, by=alice, score=4)
    client.force_login(alice)
    # session, user, the account with every tab's count, may-change, the tickets with
    # their latest comment's id, those comments with their authors; unread (+ savepoints)
    with django_assert_num_queries(9):
        html = page(client, alice_account.get_absolute_url(), data={"tab": "tickets"})
    tab = section(html, "tickets-heading")
    assert len(linked(tab)) == min(rows, 20)
    assert tab.count('<blockquote class="last-comment">') == min(rows, 20)


# -- in a real browser: every page on a phone, in both languages ----------------------------

LONG_ACCOUNT = "杭州精密铸造机械制造股份有限公司华东分公司"
LONG_SUBJECT = (
    "客户投诉第四十二批涡轮机壳体铸件表面出现细微裂纹需要技术支持部门尽快派工程师到现场检测"
)
LONG_TEXT = (
    "已收到客户寄回的样品并安排金相分析与无损探伤检测，预计三个工作日内出具八项纪律纠正措施报告" * 3
)


#: Words squeezed to a character or two per line (a stacked cell split into columns): a
#: text of three characters or more on three lines or more, none wider than two and a half
#: characters.
SQUEEZED = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const words = node.textContent.trim();
    if (words.length < 3 || node.parentElement.offsetParent === null) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const lines = [...range.getClientRects()].filter((rect) => rect.width > 0);
    const size = parseFloat(getComputedStyle(node.parentElement).fontSize);
    if (lines.length >= 3 && Math.max(...lines.map((rect) => rect.width)) < 2.5 * size) {
      found.push(words.slice(0, 12));
    }
  }
  return found.slice(0, 10);
}"""


def busy_tickets(alice, tess, tom):
    """Alice's accounts with tickets at every point of the clock, in long Chinese words."""
    quarter = Quarter.current()
    account = f.AccountFactory(owner=alice, name=LONG_ACCOUNT, industry="精密铸造与机械加工制造业")
    f.ContactFactory(account=account, name="王磊", title="采购与供应链管理部总监")
    order = f.OrderFactory(
        account=account,
        number="SO-2026-000123456",
        ordered_on=quarter.start - dt.timedelta(days=30),
        promised_on=quarter.start + dt.timedelta(days=5),
        delivered_on=quarter.start + dt.timedelta(days=7),
        status="delivered",
    )
    t0 = timezone.now().replace(microsecond=0) - timedelta(hours=44)
    main = quality(account, subject=LONG_SUBJECT, description=LONG_TEXT, order=order, now=t0)
    services.ticket_comment(ticket=main, by=tess, body=LONG_TEXT, now=t0 + timedelta(hours=1))
    services.ticket_transition(
        ticket=main, to_status="waiting_on_customer", by=tess, note=LONG_TEXT,
        now=t0 + timedelta(hours=2),
    )  # fmt: skip
    services.ticket_transition(
        ticket=main, to_status="in_progress", by=alice, now=t0 + timedelta(hours=3)
    )
    services.ticket_assign(
        ticket=main, by=tess, assignee=tom, note=LONG_TEXT, now=t0 + timedelta(hours=4)
    )
    quality(account, subject=LONG_SUBJECT + "（超时）", order=order, now=ago(hours=60))
    paused = quality(account, subject=LONG_SUBJECT + "（等待客户）", priority="urgent")
    services.ticket_transition(ticket=paused, to_status="waiting_on_customer", by=tess)
    f.TicketFactory(account=account, category="delivery", subject="物流延误" * 12, order=order)
    resolved = quality(account, subject=LONG_SUBJECT + "（已解决）", order=order, now=ago(hours=30))
    services.ticket_transition(ticket=resolved, to_status="resolved", by=tess)
    answered = quality(account, subject=LONG_SUBJECT + "（已评价）", now=ago(hours=20))
    services.ticket_transition(ticket=answered, to_status="resolved", by=tess)
    services.ticket_record_feedback(ticket=answered, by=alice, score=3, comment=LONG_TEXT)
    return {"account": account, "main": main, "resolved": resolved}


def phone_pages(data) -> list[tuple[str, str, str]]:
    """(persona, name, path) of every tickets page on a phone."""
    account, main, resolved = data["account"], data["main"], data["resolved"]
    tab = f"{account.get_absolute_url()}?tab=tickets"
    rep = [
        ("home", reverse("home")),
        ("list", LIST),
        ("list-filtered", f"{LIST}?sla=breached&sla=at_risk&priority=normal"),
        ("list-all", f"{LIST}?filtered=1&account={account.pk}"),
        ("list-bad-filter", f"{LIST}?due_before=yesterday"),
        ("new", CREATE),
        ("new-on-order", f"{CREATE}?order={main.order_id}"),
        ("detail", main.get_absolute_url()),
        ("detail-resolved", resolved.get_absolute_url()),
        ("edit", url("edit", main)),
        ("fulfilment", FULFILMENT),
        ("fulfilment-account", f"{FULFILMENT}?account={account.pk}"),
        ("service-feedback", FEEDBACK),
        ("account-tab", tab),
    ]
    department = [
        ("home", reverse("home")),
        ("queue", LIST),
        ("queue-filtered", f"{LIST}?sla=at_risk&unassigned=1"),
        ("detail", main.get_absolute_url()),
        ("detail-resolved", resolved.get_absolute_url()),
    ]
    return [("alice", *p) for p in rep] + [("tess", *p) for p in department]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_tickets_pages_fit_a_phone(live_server, chromium, alice, dept_user, tom, language):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    alice.first_name, alice.last_name = "芳", "王"
    dept_user.first_name, dept_user.last_name = "静怡", "欧阳"
    for user in (alice, dept_user):
        user.language = language
        user.save()
    data = busy_tickets(alice, dept_user, tom)
    # Every page is checked before the test fails, so one run names every page that
    # does not fit: (persona, page, what sticks out, the document's width, the words
    # squeezed to a character per line).
    misfits = []
    for persona in ("alice", "tess"):
        phone = new_context(chromium, viewport=PHONE, is_mobile=True, has_touch=True)
        browser_page = phone.new_page()
        log_in(browser_page, live_server.url, persona)
        for who, name, path in phone_pages(data):
            if who != persona:
                continue
            response = browser_page.goto(f"{live_server.url}{path}")
            assert response.status == (400 if name == "list-bad-filter" else 200), (who, name)
            expect(browser_page.locator("html")).to_have_attribute("lang", language)
            browser_page.screenshot(
                path=str(ARTIFACTS / f"tickets-{persona}-{name}-{language}.png"), full_page=True
            )
            sticking_out = browser_page.evaluate(STICKING_OUT, PHONE["width"])
            width = browser_page.evaluate("document.documentElement.scrollWidth")
            squeezed = browser_page.evaluate(SQUEEZED)
            if sticking_out or width > PHONE["width"] or squeezed:
                misfits.append((persona, name, sticking_out, width, squeezed))
            assert_no_csp_violations(browser_page)
        phone.close()
    assert misfits == [], misfits
