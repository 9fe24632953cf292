"""The ticket clock in business hours: a priority's ``SlaPolicy`` with China's calendar
times its tickets in working time (due, at risk, the stops), the SLA job warns at those
times, and the ticket's page and API say so; tickets opened before keep 24×7.

The services are called with ``now=`` on fixed, aware moments in Shanghai. The page and
the API read the real clock, so what they show of "now" is tested either on a waiting
ticket (its clock stands at the pause) or on a calendar built around today.
"""

import datetime as dt
import io
import re
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.template.defaultfilters import date as date_filter
from django.utils import timezone

from kam.models import Notification
from tests import factories as f
from tests.support import api_client_for
from tickets import services
from tickets.choices import ClockStop, DayKind, SlaState, TicketStatus
from tickets.models import BusinessCalendar, CalendarDay, SlaPolicy, Ticket, WorkingHours

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
HOUR = 3600
ACCOUNT = "Hangzhou Precision Castings"
NOTHING = {"at_risk": 0, "breached": 0}
WAITING = TicketStatus.WAITING_ON_CUSTOMER
IN_PROGRESS = TicketStatus.IN_PROGRESS
RESOLVED = TicketStatus.RESOLVED


def shanghai(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SHANGHAI)


def go(ticket, to_status, by, now):
    return services.ticket_transition(ticket=ticket, to_status=to_status, by=by, now=now)


def reload(ticket) -> Ticket:
    return Ticket.objects.select_related("sla_calendar").get(pk=ticket.pk)


def clock(ticket) -> tuple:
    stored = reload(ticket)
    return (stored.due_at, stored.warn_at, stored.paused_seconds, stored.clock_paused_seconds)


@pytest.fixture
def cn(db) -> BusinessCalendar:
    call_command("load_calendar", "CN", "--years", "2025-2026", stdout=io.StringIO())
    return BusinessCalendar.objects.get(code="CN")


@pytest.fixture
def business_sla(cn):
    """Normal tickets get 8 business hours of China's calendar."""
    SlaPolicy.objects.update_or_create(
        priority="normal", defaults={"resolution_hours": 8, "calendar": cn}
    )
    return cn


@pytest.fixture
def account(alice):
    return f.AccountFactory(owner=alice, name=ACCOUNT)


def delivery(account, now=None, subject="Castings not arrived", **kwargs):
    """A delivery ticket Alice opens: routed to logistics (Lou's department)."""
    return f.TicketFactory(account=account, category="delivery", subject=subject, now=now, **kwargs)


# -- due and at risk ------------------------------------------------------------------------


def test_friday_17_00_is_due_monday_17_00_and_at_risk_at_15_00(business_sla, account):
    ticket = delivery(account, now=shanghai(2026, 11, 6, 17, 0))
    stored = reload(ticket)

    assert stored.sla_calendar == business_sla
    # Friday 17–18 (1 h), Monday 9–12 (3 h) and 13–17 (4 h); 6 h (75 %) at Monday 15:00.
    assert (stored.due_at, stored.warn_at) == (
        shanghai(2026, 11, 9, 17, 0),
        shanghai(2026, 11, 9, 15, 0),
    )
    assert (stored.paused_seconds, stored.clock_paused_seconds) == (0, 0)
    # The weekend does not use the clock.
    assert stored.remaining(shanghai(2026, 11, 7, 10, 0)) == dt.timedelta(hours=7)
    assert stored.elapsed(shanghai(2026, 11, 8, 23, 0)) == dt.timedelta(hours=1)
    assert stored.elapsed(shanghai(2026, 11, 9, 12, 30)) == dt.timedelta(hours=4)
    assert stored.remaining(shanghai(2026, 11, 9, 18, 0)) == -dt.timedelta(hours=1)
    # Wall time 75 % of the 72 h to Monday 17:00 would be Sunday 23:00.
    assert stored.sla_state(shanghai(2026, 11, 8, 23, 0)) == SlaState.ON_TRACK
    assert stored.sla_state(shanghai(2026, 11, 9, 14, 59, 59)) == SlaState.ON_TRACK
    assert stored.sla_state(shanghai(2026, 11, 9, 15, 0)) == SlaState.AT_RISK
    assert stored.sla_state(shanghai(2026, 11, 9, 17, 0)) == SlaState.BREACHED


def test_the_warning_is_at_6_business_hours_not_2_hours_before_due(business_sla, account):
    ticket = delivery(account, now=shanghai(2026, 11, 6, 10, 0))

    # Friday 10–12 and 13–18 are 7 h, Monday 9–10 the 8th: due Monday 10:00. 6 h are used
    # on Friday at 17:00 — not at Monday 08:00 (2 h of wall time before the due time), nor
    # at Sunday 16:00 (75 % of the 72 h between).
    assert clock(ticket)[:2] == (shanghai(2026, 11, 9, 10, 0), shanghai(2026, 11, 6, 17, 0))


def test_the_day_before_national_day_is_due_after_it(business_sla, account):
    ticket = delivery(account, now=shanghai(2026, 9, 30, 17, 0))

    # Wednesday 17–18 is 1 h; 1–7 October are off; Thursday 8 October 9–12 and 13–17.
    assert clock(ticket)[:2] == (shanghai(2026, 10, 8, 17, 0), shanghai(2026, 10, 8, 15, 0))
    assert reload(ticket).remaining(shanghai(2026, 10, 5, 12, 0)) == dt.timedelta(hours=7)


def test_the_make_up_saturday_is_worked(business_sla, account):
    ticket = delivery(account, now=shanghai(2026, 10, 9, 17, 0))

    # Friday 17–18 is 1 h, then Saturday 10 October (a make-up workday) 9–12 and 13–17.
    assert clock(ticket)[:2] == (shanghai(2026, 10, 10, 17, 0), shanghai(2026, 10, 10, 15, 0))


# -- stops ----------------------------------------------------------------------------------


def test_a_pause_in_working_hours_moves_the_deadline_by_its_business_time(
    business_sla, account, alice, logistics_user
):
    opened = shanghai(2026, 11, 2, 9, 0)  # a Monday
    ticket = delivery(account, now=opened)
    # 8 h end at Monday 18:00 exactly (a span's end is inside), 6 h at 16:00.
    assert clock(ticket) == (shanghai(2026, 11, 2, 18, 0), shanghai(2026, 11, 2, 16, 0), 0, 0)

    go(ticket, WAITING, logistics_user, shanghai(2026, 11, 2, 10, 0))
    paused = reload(ticket)
    assert paused.remaining(shanghai(2026, 11, 5, 10, 0)) == dt.timedelta(hours=7)
    go(ticket, IN_PROGRESS, alice, shanghai(2026, 11, 2, 14, 30))

    # 4 h 30 min of wall time, of which 10–12 and 13–14:30 (3 h 30 min) on the clock: due
    # moves from Monday 18:00 to Tuesday 13:30 (9–12, 13–13:30), the warning from 16:00
    # to Tuesday 10:30 (16–18, 9–10:30) — not by 4 h 30 min.
    assert clock(ticket) == (
        shanghai(2026, 11, 3, 13, 30),
        shanghai(2026, 11, 3, 10, 30),
        4.5 * HOUR,
        3.5 * HOUR,
    )
    resumed = reload(ticket)
    assert resumed.elapsed(shanghai(2026, 11, 2, 15, 0)) == dt.timedelta(hours=1, minutes=30)
    assert resumed.remaining(shanghai(2026, 11, 2, 15, 0)) == dt.timedelta(hours=6, minutes=30)

    resolved = go(ticket, RESOLVED, logistics_user, shanghai(2026, 11, 3, 11, 0))

    # The KPI's resolution time stays wall time less the wall-time stop: 26 h − 4 h 30.
    assert resolved.resolution_seconds == 26 * HOUR - 4.5 * HOUR == 77400
    assert resolved.resolution_hours == 21.5
    stored = reload(ticket)
    assert stored.sla_state() == SlaState.MET
    assert stored.remaining() == dt.timedelta(hours=1, minutes=30)  # at the resolution
    assert stored.elapsed() == dt.timedelta(hours=6, minutes=30)


def test_a_pause_outside_working_hours_does_not_move_the_deadline(
    business_sla, account, alice, logistics_user
):
    ticket = delivery(account, now=shanghai(2026, 11, 6, 17, 0))
    due, warn = shanghai(2026, 11, 9, 17, 0), shanghai(2026, 11, 9, 15, 0)

    go(ticket, WAITING, logistics_user, shanghai(2026, 11, 6, 19, 0))
    go(ticket, IN_PROGRESS, alice, shanghai(2026, 11, 9, 8, 0))

    # Friday 19:00 to Monday 08:00: 61 h of wall time, none of it working time.
    assert clock(ticket) == (due, warn, 61 * HOUR, 0)
    resolved = go(ticket, RESOLVED, logistics_user, shanghai(2026, 11, 9, 10, 0))
    # 65 h after the opening, less the 61 h stop: 4 h for the KPI; 2 h on the clock.
    assert resolved.resolution_seconds == 4 * HOUR
    assert reload(ticket).elapsed() == dt.timedelta(hours=2)


def test_a_pause_across_national_day_counts_only_the_working_hours_in_it(
    business_sla, account, alice, logistics_user
):
    ticket = delivery(account, now=shanghai(2026, 9, 30, 9, 0))
    assert clock(ticket)[:2] == (shanghai(2026, 9, 30, 18, 0), shanghai(2026, 9, 30, 16, 0))

    go(ticket, WAITING, logistics_user, shanghai(2026, 9, 30, 16, 0))
    go(ticket, IN_PROGRESS, alice, shanghai(2026, 10, 8, 10, 0))

    # The stop covered 16–18 on the 30th and 9–10 on the 8th: 3 h on the clock, in 7 days
    # 18 h of wall time. Due 18:00 + 3 h: 8 October 12:00; the warning 16:00 + 3 h: 10:00.
    assert clock(ticket) == (
        shanghai(2026, 10, 8, 12, 0),
        shanghai(2026, 10, 8, 10, 0),
        (7 * 24 + 18) * HOUR,
        3 * HOUR,
    )
    assert reload(ticket).remaining(shanghai(2026, 10, 8, 10, 0)) == dt.timedelta(hours=2)


def test_a_reopening_moves_the_deadline_by_the_working_time_it_was_resolved(
    business_sla, account, alice, logistics_user
):
    ticket = delivery(account, now=shanghai(2026, 11, 2, 9, 0))
    go(ticket, RESOLVED, logistics_user, shanghai(2026, 11, 2, 11, 0))
    go(ticket, "open", alice, shanghai(2026, 11, 3, 10, 0))

    # Resolved Monday 11:00 to Tuesday 10:00: 23 h of wall time, 7 h of working time (11–12,
    # 13–18, 9–10). Due Monday 18:00 + 7 h is Tuesday 17:00, the warning 16:00 + 7 h 15:00.
    assert clock(ticket) == (
        shanghai(2026, 11, 3, 17, 0),
        shanghai(2026, 11, 3, 15, 0),
        23 * HOUR,
        7 * HOUR,
    )


# -- which clock a ticket keeps -------------------------------------------------------------


def test_a_ticket_opened_before_the_calendar_keeps_counting_round_the_clock(
    cn, account, alice, logistics_user
):
    friday = shanghai(2026, 11, 6, 17, 0)
    before = delivery(account, now=friday, subject="Before")  # 48 h round the clock

    SlaPolicy.objects.update_or_create(
        priority="normal", defaults={"resolution_hours": 8, "calendar": cn}
    )
    after = delivery(account, now=friday, subject="After")

    assert (reload(before).sla_calendar, reload(after).sla_calendar) == (None, cn)
    assert clock(before)[:2] == (shanghai(2026, 11, 8, 17, 0), shanghai(2026, 11, 8, 5, 0))
    assert clock(after)[:2] == (shanghai(2026, 11, 9, 17, 0), shanghai(2026, 11, 9, 15, 0))
    # The old one's stops are wall time still, on its own clock too: Friday 19:00 to
    # Monday 08:00 moves its due time by 61 h, the new one's not at all.
    for ticket in (before, after):
        go(ticket, WAITING, logistics_user, shanghai(2026, 11, 6, 19, 0))
        go(ticket, IN_PROGRESS, alice, shanghai(2026, 11, 9, 8, 0))
    assert clock(before) == (
        shanghai(2026, 11, 11, 6, 0),
        shanghai(2026, 11, 10, 18, 0),
        61 * HOUR,
        61 * HOUR,
    )
    assert clock(after) == (
        shanghai(2026, 11, 9, 17, 0),
        shanghai(2026, 11, 9, 15, 0),
        61 * HOUR,
        0,
    )
    monday = shanghai(2026, 11, 9, 8, 0)
    assert reload(before).remaining(monday) == dt.timedelta(hours=46)
    assert reload(after).remaining(monday) == dt.timedelta(hours=7)


def test_a_calendar_without_working_hours_is_refused(db, account):
    empty = BusinessCalendar.objects.create(code="EMPTY", name="Nobody works")
    policy = SlaPolicy.objects.get(priority="normal")
    policy.calendar = empty
    with pytest.raises(ValidationError) as refused:
        policy.full_clean()
    assert refused.value.message_dict == {
        "calendar": ["This calendar has no working hours: give it some first."]
    }

    # Saved around the form's check, it refuses the ticket rather than a due time never.
    policy.save()
    with pytest.raises(ValidationError, match="EMPTY has no working time"):
        delivery(account, now=shanghai(2026, 11, 2, 9, 0))
    assert Ticket.objects.count() == 0


# -- the SLA job ----------------------------------------------------------------------------


def sla_told(ticket) -> list[tuple[str, str, str, str]]:
    return sorted(
        Notification.objects.filter(kind="tickets.sla", url=f"/tickets/{ticket.pk}/").values_list(
            "user__username", "subject", "body", "once_key"
        )
    )


def test_the_job_warns_at_the_business_time_thresholds(business_sla, account, logistics_user):
    ticket = delivery(account, now=shanghai(2026, 11, 6, 17, 0))
    due = shanghai(2026, 11, 9, 17, 0)
    at_risk = (
        f"SLA at risk: #{ticket.pk} {ACCOUNT}",
        "Castings not arrived\nDue at 2026-11-09 17:00.",
        f"tickets.sla:{ticket.pk}:at_risk:{int(due.timestamp())}",
    )
    breached = (
        f"SLA breached: #{ticket.pk} {ACCOUNT}",
        "Castings not arrived\nIt was due at 2026-11-09 17:00.",
        f"tickets.sla:{ticket.pk}:breached:{int(due.timestamp())}",
    )

    # 75 % of 8 h of wall time (Friday 23:00), or of the 72 h to the due time (Sunday
    # 23:00), is not at risk: 6 business hours are, on Monday at 15:00.
    for now in (
        shanghai(2026, 11, 6, 23, 0),
        shanghai(2026, 11, 8, 23, 0),
        shanghai(2026, 11, 9, 14, 59, 59),
    ):
        assert services.tickets_check_sla(now=now) == NOTHING
    assert sla_told(ticket) == []

    assert services.tickets_check_sla(now=shanghai(2026, 11, 9, 15, 0)) == {
        "at_risk": 1,
        "breached": 0,
    }
    assert reload(ticket).sla_mark == "at_risk"
    assert sla_told(ticket) == [("alice", *at_risk), ("lou", *at_risk)]
    assert services.tickets_check_sla(now=shanghai(2026, 11, 9, 16, 59, 59)) == NOTHING

    assert services.tickets_check_sla(now=shanghai(2026, 11, 9, 17, 0)) == {
        "at_risk": 0,
        "breached": 1,
    }
    assert services.tickets_check_sla(now=shanghai(2026, 11, 10, 9, 0)) == NOTHING
    assert sla_told(ticket) == sorted(
        [("alice", *at_risk), ("lou", *at_risk), ("alice", *breached), ("lou", *breached)]
    )


def test_the_job_warns_on_friday_a_ticket_due_on_monday(business_sla, account, logistics_user):
    ticket = delivery(account, now=shanghai(2026, 11, 6, 10, 0))  # due Monday 10:00

    assert services.tickets_check_sla(now=shanghai(2026, 11, 6, 16, 59, 59)) == NOTHING
    assert services.tickets_check_sla(now=shanghai(2026, 11, 6, 17, 0)) == {
        "at_risk": 1,
        "breached": 0,
    }
    assert services.tickets_check_sla(now=shanghai(2026, 11, 9, 9, 59, 59)) == NOTHING
    assert services.tickets_check_sla(now=shanghai(2026, 11, 9, 10, 0)) == {
        "at_risk": 0,
        "breached": 1,
    }
    assert [subject for _user, subject, _body, _key in sla_told(ticket)] == [
        f"SLA at risk: #{ticket.pk} {ACCOUNT}",
        f"SLA breached: #{ticket.pk} {ACCOUNT}",
        f"SLA at risk: #{ticket.pk} {ACCOUNT}",
        f"SLA breached: #{ticket.pk} {ACCOUNT}",
    ]


# -- the clock's stops, as the page and the API read them -----------------------------------


def test_clock_stop_says_why_the_clock_stands_and_until_when(business_sla, account, logistics_user):
    ticket = reload(delivery(account, now=shanghai(2026, 9, 30, 17, 0)))

    assert ticket.clock_stop(shanghai(2026, 9, 30, 17, 30)) is None
    assert ticket.clock_stop(shanghai(2026, 9, 30, 20, 0)) == (
        ClockStop.OUTSIDE_HOURS,
        "",
        shanghai(2026, 10, 8, 9, 0),
    )
    assert ticket.clock_stop(shanghai(2026, 10, 1, 10, 0)) == (
        ClockStop.HOLIDAY,
        "国庆节",
        shanghai(2026, 10, 8, 9, 0),
    )
    assert ticket.clock_stop(shanghai(2026, 10, 10, 10, 0)) is None  # the make-up Saturday

    go(ticket, WAITING, logistics_user, shanghai(2026, 9, 30, 17, 30))
    assert reload(ticket).clock_stop(shanghai(2026, 10, 8, 10, 0)) == (
        ClockStop.WAITING_ON_CUSTOMER,
        "",
        None,
    )
    go(ticket, RESOLVED, logistics_user, shanghai(2026, 10, 8, 10, 0))
    assert reload(ticket).clock_stop(shanghai(2026, 10, 8, 11, 0)) == (
        ClockStop.RESOLVED,
        "",
        None,
    )
    round_the_clock = delivery(account, priority="high", now=shanghai(2026, 10, 1, 10, 0))
    assert reload(round_the_clock).clock_stop(shanghai(2026, 10, 1, 11, 0)) is None


def text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def sla_facts(html: str) -> dict[str, str]:
    block = html.split('<dl class="facts ticket-facts">', 1)[1].split("</dl>", 1)[0]
    return {
        text(term): text(value)
        for term, value in re.findall(r"<dt>(.*?)</dt><dd[^>]*>(.*?)</dd>", block, re.S)
    }


def clock_sentence(html: str) -> str | None:
    found = re.search(r'<p class="muted clock-stop">(.*?)</p>', html, re.S)
    return text(found.group(1)) if found else None


def shown(moment) -> str:
    """A moment as the pages write it (the company's zone, English)."""
    return date_filter(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


@pytest.fixture
def waiting(business_sla, account, logistics_user):
    """A ticket waiting on the customer since Monday 2 November 10:00, 1 h after it opened:
    its clock stands there, so the page shows the same figures whenever it is read."""
    ticket = delivery(account, now=shanghai(2026, 11, 2, 9, 0))
    go(ticket, WAITING, logistics_user, shanghai(2026, 11, 2, 10, 0))
    return ticket


def calendar_around_today(code: str, *, holiday: bool) -> dt.datetime:
    """A calendar whose clock stands now and until the day after tomorrow, 09:00 (which it
    returns), for low-priority tickets: today and tomorrow are holidays (``holiday``) or
    days without hours. Two closed days, so a test run across midnight reads the same."""
    today = timezone.localdate()
    reopens = today + dt.timedelta(days=2)
    calendar = BusinessCalendar.objects.create(
        code=code, name=f"{code.title()} calendar", time_zone="Asia/Shanghai"
    )
    weekdays = range(7) if holiday else [reopens.weekday()]
    for weekday in weekdays:
        WorkingHours.objects.create(
            calendar=calendar, weekday=weekday, starts=dt.time(9), ends=dt.time(18)
        )
    if holiday:
        for day in (today, today + dt.timedelta(days=1)):
            CalendarDay.objects.create(
                calendar=calendar, date=day, kind=DayKind.HOLIDAY, name="Plant anniversary"
            )
    SlaPolicy.objects.update_or_create(
        priority="low", defaults={"resolution_hours": 8, "calendar": calendar}
    )
    return dt.datetime.combine(reopens, dt.time(9), SHANGHAI)


@pytest.mark.parametrize("persona", ["alice", "bob", "executive", "logistics_user"])
def test_the_page_of_a_waiting_ticket_counts_in_business_hours(client, request, persona, waiting):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(waiting.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    facts = sla_facts(html)
    assert (facts["Due"], facts["Counted in"]) == (
        "2 Nov 2026 18:00",
        "business hours (CN official calendar)",
    )
    # 1 h used of 8 when it stopped; 7 h left however long the customer takes.
    assert (facts["Time left"], facts["Open time used"], facts["Clock stopped"]) == (
        "7 h 0 min",
        "1 h 0 min",
        "—",
    )
    assert clock_sentence(html) == (
        "The clock is stopped while the ticket waits on the customer (since 2 Nov 2026 10:00)."
    )


@pytest.mark.parametrize("holiday", [True, False])
def test_the_page_says_the_clock_stands_and_when_it_runs_again(client, alice, account, holiday):
    reopens_at = calendar_around_today("PLANT", holiday=holiday)
    ticket = delivery(account, priority="low")  # now, by the real clock
    client.force_login(alice)

    html = client.get(ticket.get_absolute_url()).content.decode()

    facts = sla_facts(html)
    # Nothing of the 8 h is used before the clock runs again: all of it is left.
    assert (facts["Time left"], facts["Counted in"]) == (
        "8 h 0 min",
        "business hours (Plant calendar)",
    )
    assert facts["Due"] == shown(reopens_at + dt.timedelta(hours=8))
    if holiday:
        expected = (
            "The clock is stopped for a holiday (Plant anniversary); it runs again at "
            f"{shown(reopens_at)}."
        )
    else:
        expected = (
            f"The clock is stopped outside working hours; it runs again at {shown(reopens_at)}."
        )
    assert clock_sentence(html) == expected


def test_a_round_the_clock_ticket_s_page_names_no_calendar(client, alice, account):
    ticket = delivery(account)
    client.force_login(alice)

    html = client.get(ticket.get_absolute_url()).content.decode()

    assert "Counted in" not in sla_facts(html)
    assert clock_sentence(html) is None


def test_charlie_gets_404_on_the_page_and_the_api(client, charlie, waiting):
    client.force_login(charlie)

    assert client.get(waiting.get_absolute_url()).status_code == 404
    response = api_client_for(charlie).get(f"/api/v1/tickets/{waiting.pk}/")
    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


def test_the_ticket_page_query_count_with_a_calendar(
    client, alice, waiting, django_assert_num_queries
):
    client.force_login(alice)
    client.get(waiting.get_absolute_url())  # warm up: content types
    # As a round-the-clock ticket's page (session, user, the ticket with all it shows,
    # may-change, the timeline, the form's members and departments, unread, the
    # savepoint pair), plus the calendar's hours and its days.
    with django_assert_num_queries(12):
        assert client.get(waiting.get_absolute_url()).status_code == 200


# -- the API --------------------------------------------------------------------------------

ALLOWED_STOPS = {None, *ClockStop.values}


def detail(user, ticket) -> dict:
    response = api_client_for(user).get(f"/api/v1/tickets/{ticket.pk}/")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("persona", ["alice", "bob", "executive", "logistics_user"])
def test_the_api_names_the_calendar_and_why_the_clock_stands(request, persona, waiting):
    body = detail(request.getfixturevalue(persona), waiting)

    assert (body["sla_calendar"], body["clock_stopped"], body["sla_state"]) == (
        "CN",
        "waiting_on_customer",
        "paused",
    )
    assert (body["remaining_seconds"], body["paused_seconds"]) == (7 * HOUR, 0)
    assert body["due_at"] == "2026-11-02T18:00:00+08:00"


def test_the_api_s_clock_stopped_values(business_sla, account, alice, logistics_user):
    running = delivery(account)  # by the real clock: running, or closed for the night
    resolved = delivery(account, now=shanghai(2026, 11, 2, 9, 0))
    go(resolved, RESOLVED, logistics_user, shanghai(2026, 11, 2, 11, 0))
    round_the_clock = delivery(account, priority="high")

    assert detail(alice, running)["sla_calendar"] == "CN"
    assert detail(alice, running)["clock_stopped"] in {None, "holiday", "outside_hours"}
    assert detail(alice, running)["clock_stopped"] in ALLOWED_STOPS
    assert (detail(alice, resolved)["clock_stopped"], detail(alice, resolved)["sla_state"]) == (
        "resolved",
        "met",
    )
    assert (
        detail(alice, round_the_clock)["sla_calendar"],
        detail(alice, round_the_clock)["clock_stopped"],
    ) == (None, None)


def test_the_api_on_a_holiday(db, account, alice):
    calendar_around_today("PLANT", holiday=True)
    ticket = delivery(account, priority="low")

    body = detail(alice, ticket)

    assert (body["sla_calendar"], body["clock_stopped"], body["remaining_seconds"]) == (
        "PLANT",
        "holiday",
        8 * HOUR,
    )


def test_the_schema_lists_the_clock_stopped_values(alice):
    schemas = (
        api_client_for(alice)
        .get("/api/schema/", {"format": "json"})
        .json()["components"]["schemas"]
    )
    ticket = schemas["Ticket"]["properties"]

    enums = {ref["$ref"].rsplit("/", 1)[1] for ref in ticket["clock_stopped"]["oneOf"]}
    assert {value for enum in enums for value in schemas[enum]["enum"]} == ALLOWED_STOPS
    assert (ticket["clock_stopped"]["readOnly"], ticket["sla_calendar"]["readOnly"]) == (
        True,
        True,
    )


@pytest.mark.parametrize("rows", [2, 6])
def test_the_list_query_count_does_not_grow_with_calendar_tickets(
    business_sla, account, alice, rows, django_assert_num_queries
):
    for i in range(rows):
        delivery(account, now=shanghai(2026, 11, 2, 9, i), subject=f"Castings {i}")
    client = api_client_for(alice)
    client.get("/api/v1/tickets/")  # warm up: content types, the token
    # Savepoint, token, count, the rows with what they name, the calendar's hours and
    # days (once for the page, not per ticket), release.
    with django_assert_num_queries(7):
        response = client.get("/api/v1/tickets/", {"page_size": 200})
    results = response.json()["results"]
    assert len(results) == rows
    assert {row["sla_calendar"] for row in results} == {"CN"}
    assert {row["clock_stopped"] for row in results} <= ALLOWED_STOPS
