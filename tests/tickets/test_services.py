"""Duty 4's writes: the SLA clock to the second, the one state machine, routing,
reassignment, the customer's feedback and the SLA warning job.

Every service is called with ``now=`` on fixed, aware moments in the company's zone
(Asia/Shanghai), so the clock's arithmetic is checked exactly.
"""

import datetime as dt
import zoneinfo
from collections import Counter

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import SurveyResponse
from kam.choices import Role
from kam.dates import Quarter, company_today
from kam.errors import Conflict
from kam.models import Notification
from tests import factories as f
from tests.support import wait_until
from tickets import selectors, services
from tickets.choices import TICKET_FLOW, SlaState, TicketStatus
from tickets.models import RoutingRule, SlaPolicy, Ticket, TicketEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
#: Monday 2 November 2026, 09:00 in Shanghai: every ticket below opens at or near it.
T0 = dt.datetime(2026, 11, 2, 9, 0, 0, tzinfo=SHANGHAI)
HOUR = dt.timedelta(hours=1)
SECOND = dt.timedelta(seconds=1)
ACCOUNT = "Hangzhou Precision Castings"

OPEN = TicketStatus.OPEN
IN_PROGRESS = TicketStatus.IN_PROGRESS
WAITING = TicketStatus.WAITING_ON_CUSTOMER
RESOLVED = TicketStatus.RESOLVED
CLOSED = TicketStatus.CLOSED


def after(hours=0, minutes=0, seconds=0, start=T0) -> dt.datetime:
    return start + dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)


def go(ticket, to_status, by, now, note=""):
    return services.ticket_transition(ticket=ticket, to_status=to_status, by=by, now=now, note=note)


def reload(ticket) -> Ticket:
    return Ticket.objects.get(pk=ticket.pk)


def timeline(ticket) -> list[tuple]:
    return list(
        TicketEvent.objects.filter(ticket=ticket).values_list(
            "kind", "from_status", "to_status", "author__username", "created_at"
        )
    )


def told(kind: str) -> list[tuple[str, str, str, str]]:
    return sorted(
        Notification.objects.filter(kind=kind).values_list(
            "user__username", "subject", "body", "url"
        )
    )


def last_told(user) -> tuple[str, str, str, str]:
    return (
        Notification.objects.filter(user=user)
        .order_by("-id")
        .values_list("kind", "subject", "body", "url")
        .first()
    )


@pytest.fixture
def account(alice):
    return f.AccountFactory(owner=alice, name=ACCOUNT)


@pytest.fixture
def tom(db):
    """Tess's colleague in technical support."""
    return f.UserFactory(
        username="tom", role=Role.DEPARTMENT, department=f.department("tech_support")
    )


@pytest.fixture
def ivy(db):
    """A technical-support member who left: never told anything, never assigned."""
    return f.UserFactory(
        username="ivy",
        role=Role.DEPARTMENT,
        department=f.department("tech_support"),
        is_active=False,
    )


@pytest.fixture
def lou(db):
    """A logistics clerk."""
    return f.UserFactory(username="lou", role=Role.DEPARTMENT, department=f.department("logistics"))


@pytest.fixture
def ticket(account, dept_user):
    """A quality complaint Alice opened at T0: routed to technical support, 48 h."""
    return f.TicketFactory(account=account, category="quality", subject="Cracked castings", now=T0)


# -- the clock ------------------------------------------------------------------------------


def test_a_new_ticket_is_due_48_hours_later_and_at_risk_after_36(ticket, alice):
    stored = reload(ticket)

    assert (stored.status, stored.department.code, stored.raised_by) == (
        OPEN,
        "tech_support",
        alice,
    )
    assert (stored.opened_at, stored.due_at, stored.warn_at) == (T0, after(48), after(36))
    assert (stored.paused_seconds, stored.paused_at, stored.resolved_at) == (0, None, None)
    assert (stored.first_response_at, stored.resolution_seconds, stored.sla_mark) == (
        None,
        None,
        "",
    )
    assert timeline(stored) == [("status_change", "", OPEN, "alice", T0)]
    assert stored.elapsed(after(10, 0, 5)) == dt.timedelta(hours=10, seconds=5)
    assert stored.remaining(after(10, 0, 5)) == dt.timedelta(hours=37, minutes=59, seconds=55)


def test_one_pause_moves_the_deadline_by_its_length_to_the_second(ticket, alice, dept_user):
    go(ticket, IN_PROGRESS, dept_user, after(1))
    paused = go(ticket, WAITING, dept_user, after(10), note="Photos of the cracks, please")

    assert (paused.paused_at, paused.due_at, paused.paused_seconds) == (after(10), after(48), 0)
    # While it waits the clock stands at the pause, however long the customer takes.
    assert paused.sla_state(after(100)) == SlaState.PAUSED
    assert paused.elapsed(after(100)) == dt.timedelta(hours=10)
    assert paused.remaining(after(100)) == dt.timedelta(hours=38)

    resumed = go(ticket, IN_PROGRESS, alice, after(13, 30, 5), note="Photos attached")

    assert (resumed.paused_at, resumed.paused_seconds) == (None, 12605)  # 3 h 30 min 5 s
    assert resumed.due_at == after(48, 0, 12605)
    assert resumed.warn_at == after(36, 0, 12605)
    assert resumed.elapsed(after(20)) == dt.timedelta(seconds=20 * 3600 - 12605)

    resolved = go(ticket, RESOLVED, dept_user, after(20))

    stored = reload(ticket)
    assert stored == resolved
    assert (stored.resolved_at, stored.paused_seconds, stored.resolution_seconds) == (
        after(20),
        12605,
        20 * 3600 - 12605,
    )
    assert stored.resolution_hours == 16.5  # 59,395 s
    assert stored.sla_state(after(100)) == SlaState.MET


def test_several_pauses_add_up(ticket, alice, dept_user):
    stops = [
        (after(2), after(4)),  # 2 h
        (after(6, 15), after(6, 45, 15)),  # 30 min 15 s
        (after(30), after(35)),  # 5 h
    ]
    for stopped, resumed in stops:
        go(ticket, WAITING, dept_user, stopped)
        go(ticket, IN_PROGRESS, alice, resumed)

    stored = reload(ticket)
    paused = 7200 + 1815 + 18000
    assert stored.paused_seconds == paused == 27015
    assert (stored.due_at, stored.warn_at) == (after(48, 0, paused), after(36, 0, paused))

    resolved = go(ticket, RESOLVED, dept_user, after(50))

    assert resolved.resolution_seconds == 50 * 3600 - paused == 152985
    assert resolved.resolution_hours == 42.5  # 42 h 29 min 45 s
    assert resolved.sla_state() == SlaState.MET  # 50 h after opening, but 42.5 h open
    assert [event[1:3] for event in timeline(ticket)] == [
        ("", OPEN),
        (OPEN, WAITING),
        (WAITING, IN_PROGRESS),
        (IN_PROGRESS, WAITING),
        (WAITING, IN_PROGRESS),
        (IN_PROGRESS, WAITING),
        (WAITING, IN_PROGRESS),
        (IN_PROGRESS, RESOLVED),
    ]


def test_resolving_while_waiting_ends_the_pause_at_the_resolution(ticket, dept_user):
    go(ticket, WAITING, dept_user, after(4))

    resolved = go(ticket, RESOLVED, dept_user, after(10, 0, 30), note="The customer fixed it")

    stored = reload(ticket)
    assert stored == resolved
    assert (stored.status, stored.paused_at, stored.paused_seconds) == (RESOLVED, None, 21630)
    assert stored.due_at == after(48, 0, 21630)
    assert stored.resolution_seconds == 4 * 3600  # only the 4 h before the wait were open
    assert stored.sla_state(after(200)) == SlaState.MET


def test_reopening_resumes_the_clock_and_the_resolved_gap_is_a_stop(ticket, alice, dept_user):
    first = go(ticket, RESOLVED, dept_user, after(5))
    assert (first.resolved_at, first.resolution_seconds) == (after(5), 18000)

    reopened = go(ticket, OPEN, alice, after(29), note="The cracks are back")

    stored = reload(ticket)
    assert stored == reopened
    assert (stored.status, stored.resolved_at, stored.resolution_seconds) == (OPEN, None, None)
    assert stored.paused_seconds == 24 * 3600
    assert (stored.due_at, stored.warn_at) == (after(72), after(60))
    assert stored.sla_state(after(61)) == SlaState.AT_RISK
    assert stored.elapsed(after(30)) == dt.timedelta(hours=6)

    second = go(ticket, RESOLVED, dept_user, after(40))
    assert (second.resolved_at, second.resolution_seconds) == (after(40), 16 * 3600)

    # Closed, then reopened: the stop runs from the resolution, not from the closing.
    go(ticket, CLOSED, alice, after(41))
    go(ticket, OPEN, alice, after(50))
    third = go(ticket, RESOLVED, dept_user, after(52, 0, 1))

    assert third.paused_seconds == 34 * 3600
    assert third.due_at == after(82)
    assert third.resolution_seconds == 18 * 3600 + 1
    assert third.sla_state() == SlaState.MET
    assert [event[1:3] for event in timeline(ticket)] == [
        ("", OPEN),
        (OPEN, RESOLVED),
        (RESOLVED, OPEN),
        (OPEN, RESOLVED),
        (RESOLVED, CLOSED),
        (CLOSED, OPEN),
        (OPEN, RESOLVED),
    ]


def test_resolution_exactly_at_48_hours_is_met(ticket, dept_user):
    resolved = go(ticket, RESOLVED, dept_user, after(48))

    assert (resolved.resolution_seconds, resolved.resolution_hours) == (172800, 48.0)
    assert resolved.sla_state() == SlaState.MET
    assert list(Ticket.objects.in_sla_state(SlaState.MET)) == [resolved]
    assert list(Ticket.objects.in_sla_state(SlaState.MISSED)) == []


def test_resolution_one_second_after_48_hours_is_missed(ticket, dept_user):
    resolved = go(ticket, RESOLVED, dept_user, after(48, 0, 1))

    assert resolved.resolution_seconds == 172801
    assert resolved.sla_state() == SlaState.MISSED
    assert list(Ticket.objects.in_sla_state(SlaState.MISSED)) == [resolved]
    assert list(Ticket.objects.in_sla_state(SlaState.MET)) == []


def test_a_ticket_resolved_after_a_quarter_boundary_counts_in_the_later_quarter(account, dept_user):
    q2, q3 = Quarter(2026, 2), Quarter(2026, 3)
    new_quarter = dt.datetime(2026, 7, 1, 0, 0, 0, tzinfo=SHANGHAI)
    assert (q2.start_at(), q2.end_at()) == (dt.datetime(2026, 4, 1, tzinfo=SHANGHAI), new_quarter)
    assert (q3.start_at(), q3.end_at()) == (new_quarter, dt.datetime(2026, 10, 1, tzinfo=SHANGHAI))
    # Opened on the quarter's last evening, resolved at its first instant after: Q3's.
    spanning = f.TicketFactory(
        account=account, category="quality", now=after(-6, start=new_quarter)
    )
    go(spanning, RESOLVED, dept_user, new_quarter)
    # Resolved one second before midnight: still Q2's (37 h 59 min 59 s, in time).
    inside = f.TicketFactory(
        account=account, category="quality", now=dt.datetime(2026, 6, 29, 10, tzinfo=SHANGHAI)
    )
    go(inside, RESOLVED, dept_user, new_quarter - SECOND)

    def figures(quarter):
        return selectors.resolution_figures(
            Ticket.objects.filter(
                resolved_at__gte=quarter.start_at(), resolved_at__lt=quarter.end_at()
            )
        )

    assert figures(q2) == {"resolved": 1, "mean_hours": 38.0, "in_time": 1, "sla_percent": 100.0}
    assert figures(q3) == {"resolved": 1, "mean_hours": 6.0, "in_time": 1, "sla_percent": 100.0}
    assert reload(spanning).resolution_seconds == 6 * 3600
    assert reload(inside).resolution_seconds == 136799


def test_an_edited_sla_policy_times_new_tickets_only(account, dept_user):
    before = f.TicketFactory(account=account, category="quality", now=T0)
    policy = SlaPolicy.objects.get(priority="normal")
    policy.resolution_hours = 8
    policy.save()

    new = f.TicketFactory(account=account, category="quality", now=after(1))
    urgent = f.TicketFactory(account=account, category="quality", priority="urgent", now=after(1))

    assert services.resolution_hours_for("normal") == 8
    assert (new.due_at, new.warn_at) == (after(9), after(7))  # 8 h, at risk after 6
    assert (reload(new).due_at, reload(new).warn_at) == (after(9), after(7))
    assert reload(urgent).due_at == after(49)  # its own policy: still 48 h
    assert reload(before).due_at == after(48)  # opened under the old policy
    resolved = go(new, RESOLVED, dept_user, after(9, 0, 1))
    assert (resolved.resolution_seconds, resolved.sla_state()) == (8 * 3600 + 1, SlaState.MISSED)


def test_a_priority_without_a_policy_gets_48_hours(account):
    SlaPolicy.objects.filter(priority="low").delete()

    low = f.TicketFactory(account=account, category="quality", priority="low", now=T0)

    assert services.resolution_hours_for("low") == 48
    assert (reload(low).due_at, reload(low).warn_at) == (after(48), after(36))


def test_a_priority_change_re_times_the_clock_keeping_the_stops(ticket, alice, dept_user):
    SlaPolicy.objects.filter(priority="urgent").update(resolution_hours=4)
    go(ticket, WAITING, dept_user, after(1))
    go(ticket, IN_PROGRESS, alice, after(3))  # a 2 h stop

    urgent = services.ticket_update(ticket=ticket, by=alice, priority="urgent")

    stored = reload(ticket)
    assert stored.priority == "urgent"
    assert (stored.due_at, stored.warn_at, stored.paused_seconds) == (after(6), after(5), 7200)
    assert urgent.due_at == after(6)
    assert stored.sla_state(after(5, 30)) == SlaState.AT_RISK
    assert stored.sla_state(after(6)) == SlaState.BREACHED

    # Back to a 48 h priority: due 48 h of open time after the opening again.
    services.ticket_update(ticket=ticket, by=alice, priority="low")
    assert (reload(ticket).due_at, reload(ticket).warn_at) == (after(50), after(38))


def test_a_priority_change_after_resolution_does_not_rejudge_it(ticket, alice, dept_user):
    SlaPolicy.objects.filter(priority="urgent").update(resolution_hours=4)
    go(ticket, RESOLVED, dept_user, after(10))

    services.ticket_update(ticket=ticket, by=alice, priority="urgent")

    stored = reload(ticket)
    assert (stored.priority, stored.due_at, stored.resolution_seconds) == (
        "urgent",
        after(48),
        36000,
    )
    assert stored.sla_state() == SlaState.MET


#: now for the table below: Friday 20 November 2026, noon in Shanghai.
NOW = dt.datetime(2026, 11, 20, 12, 0, 0, tzinfo=SHANGHAI)


def before_now(hours=0, minutes=0, seconds=0) -> dt.datetime:
    return NOW - dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)


#: (what it is, hours before NOW it opened, its moves as (status, hours before NOW), state).
SLA_TABLE = [
    ("just opened", 1, [], SlaState.ON_TRACK),
    ("one second before 75 %", 36 - 1 / 3600, [], SlaState.ON_TRACK),
    ("at 75 % exactly", 36, [], SlaState.AT_RISK),
    ("in progress at 90 %", 43.2, [(IN_PROGRESS, 40)], SlaState.AT_RISK),
    ("one second before due", 48 - 1 / 3600, [], SlaState.AT_RISK),
    ("due exactly now", 48, [], SlaState.BREACHED),
    ("in progress, long overdue", 60, [(IN_PROGRESS, 59)], SlaState.BREACHED),
    ("paused before due", 40, [(WAITING, 30)], SlaState.PAUSED),
    ("paused early, waiting for days", 100, [(WAITING, 90)], SlaState.PAUSED),
    ("paused after due", 60, [(WAITING, 5)], SlaState.BREACHED),
    ("paused exactly at due", 50, [(WAITING, 2)], SlaState.BREACHED),
    ("resumed: the wait moved due", 50, [(WAITING, 45), (IN_PROGRESS, 25)], SlaState.ON_TRACK),
    ("resumed into the warning", 50, [(WAITING, 45), (IN_PROGRESS, 39)], SlaState.AT_RISK),
    ("reopened into the warning", 50, [(RESOLVED, 45), (OPEN, 39)], SlaState.AT_RISK),
    ("resolved exactly at due", 60, [(RESOLVED, 12)], SlaState.MET),
    ("resolved a second late", 60, [(RESOLVED, 12 - 1 / 3600)], SlaState.MISSED),
    ("closed after a late resolution", 80, [(RESOLVED, 20), (CLOSED, 19)], SlaState.MISSED),
    ("closed in time", 30, [(RESOLVED, 20), (CLOSED, 19)], SlaState.MET),
]


def test_sla_state_in_python_agrees_with_sla_state_in_sql(account, alice, dept_user):
    expected = {}
    for name, opened, moves, state in SLA_TABLE:
        ticket = f.TicketFactory(
            account=account, category="quality", subject=name, now=NOW - dt.timedelta(hours=opened)
        )
        for status, hours in moves:
            ticket = go(ticket, status, dept_user, NOW - dt.timedelta(hours=hours))
        expected[ticket.pk] = state

    stored = Ticket.objects.in_bulk(list(expected))
    assert {pk: stored[pk].sla_state(NOW) for pk in expected} == expected
    for state in SlaState.values:
        in_sql = set(Ticket.objects.in_sla_state(state, now=NOW).values_list("pk", flat=True))
        assert in_sql == {pk for pk, wanted in expected.items() if wanted == state}, state
    # Every ticket is in exactly one state.
    assert Ticket.objects.in_sla_state(*SlaState.values, now=NOW).count() == len(SLA_TABLE)
    assert Counter(expected.values()) == {
        SlaState.ON_TRACK: 3,
        SlaState.AT_RISK: 5,
        SlaState.BREACHED: 4,
        SlaState.PAUSED: 2,
        SlaState.MET: 2,
        SlaState.MISSED: 2,
    }


# -- the one state machine -----------------------------------------------------------------

#: How to bring a new ticket to each status (by the department, an hour apart).
PATH = {
    OPEN: [],
    IN_PROGRESS: [IN_PROGRESS],
    WAITING: [WAITING],
    RESOLVED: [RESOLVED],
    CLOSED: [RESOLVED, CLOSED],
}
ALLOWED = [(before, to) for before, targets in TICKET_FLOW.items() for to in targets]
ILLEGAL = [
    (OPEN, OPEN),
    (OPEN, CLOSED),
    (IN_PROGRESS, OPEN),
    (IN_PROGRESS, IN_PROGRESS),
    (IN_PROGRESS, CLOSED),
    (WAITING, OPEN),
    (WAITING, WAITING),
    (WAITING, CLOSED),
    (RESOLVED, IN_PROGRESS),
    (RESOLVED, WAITING),
    (RESOLVED, RESOLVED),
    (CLOSED, IN_PROGRESS),
    (CLOSED, WAITING),
    (CLOSED, RESOLVED),
    (CLOSED, CLOSED),
]


def bring_to(ticket, status, by):
    for hour, step in enumerate(PATH[status], start=1):
        ticket = go(ticket, step, by, after(hour))
    assert ticket.status == status
    return ticket


def test_the_flow_is_the_documented_one():
    assert len(ALLOWED) == 10
    assert set(ALLOWED).isdisjoint(ILLEGAL)


@pytest.mark.parametrize(("before", "to"), ALLOWED)
def test_every_allowed_transition_writes_one_event(ticket, dept_user, before, to):
    ticket = bring_to(ticket, before, dept_user)
    events = TicketEvent.objects.filter(ticket=ticket).count()

    moved = go(ticket, to, dept_user, after(10), note="  Done as agreed  ")

    assert (moved.status, reload(ticket).status) == (to, to)
    assert TicketEvent.objects.filter(ticket=ticket).count() == events + 1
    last = TicketEvent.objects.filter(ticket=ticket).last()
    assert (
        last.kind,
        last.from_status,
        last.to_status,
        last.author,
        last.body,
        last.created_at,
    ) == (
        "status_change",
        before,
        to,
        dept_user,
        "Done as agreed",
        after(10),
    )


@pytest.mark.parametrize(("before", "to"), ILLEGAL)
def test_an_illegal_transition_is_a_conflict_naming_the_allowed_ones(ticket, dept_user, before, to):
    ticket = bring_to(ticket, before, dept_user)
    events = timeline(ticket)

    with pytest.raises(Conflict) as error:
        go(ticket, to, dept_user, after(10))

    assert error.value.extra == {"allowed": [str(status) for status in TICKET_FLOW[before]]}
    assert error.value.message == (
        f"A ticket that is {TicketStatus(before).label} cannot become {TicketStatus(to).label}."
    )
    assert reload(ticket).status == before
    assert timeline(ticket) == events


def test_a_conflict_from_open_lists_its_three_next_statuses(ticket, dept_user):
    with pytest.raises(Conflict) as error:
        go(ticket, CLOSED, dept_user, after(1))
    assert error.value.extra == {"allowed": ["in_progress", "waiting_on_customer", "resolved"]}
    assert services.next_statuses(ticket) == ["in_progress", "waiting_on_customer", "resolved"]


def test_an_unknown_status_or_a_time_before_the_opening_is_refused(ticket, dept_user):
    with pytest.raises(ValidationError) as error:
        go(ticket, "escalated", dept_user, after(1))
    assert error.value.message_dict == {"status": ["Unknown status."]}

    with pytest.raises(ValidationError) as error:
        go(ticket, IN_PROGRESS, dept_user, T0 - SECOND)
    assert error.value.message_dict == {"status": ["A ticket cannot change before it was opened."]}
    assert timeline(ticket) == [("status_change", "", OPEN, "alice", T0)]


def test_first_response_is_the_department_s_first_comment_not_the_rep_s(ticket, alice, dept_user):
    services.ticket_comment(ticket=ticket, by=alice, body="Customer sent photos", now=after(1))
    go(ticket, IN_PROGRESS, alice, after(2))
    assert reload(ticket).first_response_at is None

    comment = services.ticket_comment(
        ticket=ticket, by=dept_user, body="  Looking at the alloy report  ", now=after(3, 0, 7)
    )
    go(ticket, WAITING, dept_user, after(4))
    services.ticket_comment(ticket=ticket, by=dept_user, body="Any news?", now=after(5))

    assert reload(ticket).first_response_at == after(3, 0, 7)
    assert (comment.kind, comment.body, comment.author, comment.created_at) == (
        "comment",
        "Looking at the alloy report",
        dept_user,
        after(3, 0, 7),
    )
    assert [event[:4] for event in timeline(ticket)] == [
        ("status_change", "", OPEN, "alice"),
        ("comment", "", "", "alice"),
        ("status_change", OPEN, IN_PROGRESS, "alice"),
        ("comment", "", "", "tess"),
        ("status_change", IN_PROGRESS, WAITING, "tess"),
        ("comment", "", "", "tess"),
    ]


def test_first_response_may_be_a_transition_and_is_not_taking_the_ticket(account, dept_user):
    moved = f.TicketFactory(account=account, category="quality", now=T0)
    go(moved, IN_PROGRESS, dept_user, after(0, 30))
    taken = f.TicketFactory(account=account, category="quality", now=T0)
    services.ticket_assign(ticket=taken, by=dept_user, assignee=dept_user, now=after(0, 12, 30))

    assert reload(moved).first_response_at == after(0, 30)
    # Taking the ticket answers nothing yet; the first word to the customer does.
    assert reload(taken).first_response_at is None
    services.ticket_comment(ticket=taken, by=dept_user, body="On it", now=after(2, 0, 9))
    assert reload(taken).first_response_at == after(2, 0, 9)


def test_an_empty_comment_is_refused(ticket, alice):
    with pytest.raises(ValidationError) as error:
        services.ticket_comment(ticket=ticket, by=alice, body="   ", now=after(1))
    assert error.value.message_dict == {"body": ["Write something to send."]}
    assert len(timeline(ticket)) == 1


def test_a_comment_tells_the_other_side(ticket, alice, dept_user, tom):
    services.ticket_comment(ticket=ticket, by=alice, body="Photos attached", now=after(1))
    subject = f"New comment on #{ticket.pk} {ACCOUNT}"
    url = f"/tickets/{ticket.pk}/"
    # Nobody has the ticket: the whole department hears the rep.
    assert told("tickets.updated") == [
        ("tess", subject, "Photos attached", url),
        ("tom", subject, "Photos attached", url),
    ]

    services.ticket_comment(ticket=ticket, by=dept_user, body="Thanks", now=after(2))
    assert told("tickets.updated")[0] == ("alice", subject, "Thanks", url)
    assert Notification.objects.filter(kind="tickets.updated").count() == 3


def test_reassigning_within_the_department(ticket, alice, dept_user, tom, ivy, lou):
    assigned = services.ticket_assign(
        ticket=ticket, by=dept_user, assignee=tom, note="  Tom knows this alloy  ", now=after(1)
    )

    stored = reload(ticket)
    assert (stored.department.code, stored.assignee) == ("tech_support", tom)
    assert assigned.assignee == tom
    event = TicketEvent.objects.filter(ticket=ticket).last()
    assert (event.kind, event.department.code, event.assignee, event.body, event.author) == (
        "reassign",
        "tech_support",
        tom,
        "Tom knows this alloy",
        dept_user,
    )
    assert (event.from_status, event.to_status) == ("", "")
    assert last_told(tom) == (
        "tickets.routed",
        f"Assigned to you: #{ticket.pk} {ACCOUNT}",
        "Cracked castings",
        f"/tickets/{ticket.pk}/",
    )

    # Assigned to whom they already are: nothing happens.
    services.ticket_assign(ticket=ticket, by=dept_user, assignee=tom, now=after(2))
    assert TicketEvent.objects.filter(ticket=ticket, kind="reassign").count() == 1

    for outsider in (lou, ivy, alice):  # another department, a leaver, a rep
        with pytest.raises(ValidationError) as error:
            services.ticket_assign(ticket=ticket, by=dept_user, assignee=outsider, now=after(3))
        assert error.value.message_dict == {
            "assignee": ["Choose an active member of the ticket's department."]
        }
    assert reload(ticket).assignee == tom
    assert TicketEvent.objects.filter(ticket=ticket, kind="reassign").count() == 1


def test_moving_a_ticket_to_another_department_tells_that_department(
    tom, lou, ticket, alice, dept_user
):
    logistics = f.department("logistics")
    f.UserFactory(username="sam", role=Role.DEPARTMENT, department=logistics)
    f.UserFactory(username="old", role=Role.DEPARTMENT, department=logistics, is_active=False)
    routed_before = told("tickets.routed")
    assert [row[0] for row in routed_before] == ["tess", "tom"]  # the opening

    with pytest.raises(ValidationError) as error:  # Tess is not in logistics
        services.ticket_assign(ticket=ticket, by=alice, department=logistics, assignee=dept_user)
    assert error.value.message_dict == {
        "assignee": ["Choose an active member of the ticket's department."]
    }

    moved = services.ticket_assign(
        ticket=ticket, by=dept_user, department=logistics, note="A transport damage", now=after(2)
    )

    stored = reload(ticket)
    assert (stored.department, stored.assignee, moved.department) == (logistics, None, logistics)
    event = TicketEvent.objects.filter(ticket=ticket).last()
    assert (event.kind, event.department, event.assignee, event.body) == (
        "reassign",
        logistics,
        None,
        "A transport damage",
    )
    subject = f"New ticket for Logistics: #{ticket.pk} {ACCOUNT}"
    body = "Normal · Quality\nCracked castings"
    url = f"/tickets/{ticket.pk}/"
    assert told("tickets.routed") == sorted(
        [*routed_before, ("lou", subject, body, url), ("sam", subject, body, url)]
    )
    # Technical support no longer has it; logistics does.
    with pytest.raises(PermissionDenied):
        go(ticket, IN_PROGRESS, dept_user, after(3))
    assert go(ticket, IN_PROGRESS, lou, after(3)).status == IN_PROGRESS

    # Sent on with one of them named: they get it, and the department hears.
    services.ticket_assign(
        ticket=ticket, by=lou, department=f.department("tech_support"), assignee=tom, now=after(4)
    )
    assert (reload(ticket).department.code, reload(ticket).assignee) == ("tech_support", tom)


def test_unassigning_writes_one_event_and_unassigning_nobody_writes_none(ticket, dept_user, tom):
    services.ticket_assign(ticket=ticket, by=dept_user, assignee=tom, now=after(1))
    services.ticket_assign(ticket=ticket, by=dept_user, assignee=None, now=after(2))
    assert reload(ticket).assignee is None
    assert TicketEvent.objects.filter(ticket=ticket, kind="reassign").count() == 2

    # Nobody has it already: nothing changes, so the timeline says nothing.
    services.ticket_assign(ticket=ticket, by=dept_user, assignee=None, now=after(3))
    assert TicketEvent.objects.filter(ticket=ticket, kind="reassign").count() == 2


def test_a_done_ticket_is_reopened_before_it_is_reassigned(ticket, dept_user, tom):
    go(ticket, RESOLVED, dept_user, after(1))
    with pytest.raises(Conflict) as error:
        services.ticket_assign(ticket=ticket, by=dept_user, assignee=tom, now=after(2))
    assert error.value.message == "A resolved or closed ticket is reopened before it is reassigned."
    assert reload(ticket).assignee is None


# -- opening: routing, the account, the order ------------------------------------------------

ROUTES = {
    "delivery": "logistics",
    "quality": "tech_support",
    "technical": "tech_support",
    "return_exchange": "customer_service",
    "billing": "finance",
    "other": "customer_service",
}


def test_without_a_department_the_routing_rule_decides(account, alice):
    for category, code in ROUTES.items():
        opened = f.TicketFactory(account=account, category=category, now=T0)
        assert (category, reload(opened).department.code) == (category, code)


def test_an_explicit_department_wins_over_the_rule(account):
    opened = f.TicketFactory(
        account=account, category="delivery", department=f.department("finance"), now=T0
    )
    assert reload(opened).department.code == "finance"


def test_an_edited_rule_routes_new_tickets_and_a_removed_one_asks_for_a_department(account, alice):
    RoutingRule.objects.filter(category="delivery").update(department=f.department("production"))
    assert services.route("delivery").code == "production"
    assert reload(
        f.TicketFactory(account=account, category="delivery", now=T0)
    ).department.code == ("production")

    RoutingRule.objects.filter(category="billing").delete()
    with pytest.raises(ValidationError) as error:
        f.TicketFactory(account=account, category="billing", now=T0)
    assert error.value.message_dict == {
        "department": ["No routing rule sends this category anywhere: choose a department."]
    }
    chosen = f.TicketFactory(
        account=account, category="billing", department=f.department("finance"), now=T0
    )
    assert reload(chosen).department.code == "finance"


def test_a_new_ticket_tells_its_department(account, lou):
    delivery = f.TicketFactory(
        account=account, category="delivery", priority="high", subject="Late truck", now=T0
    )
    assert told("tickets.routed") == [
        (
            "lou",
            f"New ticket for Logistics: #{delivery.pk} {ACCOUNT}",
            "High · Delivery\nLate truck",
            f"/tickets/{delivery.pk}/",
        )
    ]


def test_an_order_of_another_account_is_refused(account, alice):
    other = f.AccountFactory(owner=alice, name="Ningbo Tools")
    foreign = f.OrderFactory(account=other, ordered_on=dt.date(2026, 10, 1))
    own = f.OrderFactory(account=account, ordered_on=dt.date(2026, 10, 1))

    with pytest.raises(ValidationError) as error:
        f.TicketFactory(account=account, category="delivery", order=foreign, now=T0)
    assert error.value.message_dict == {"order": ["The order must belong to this account."]}
    assert Ticket.objects.count() == 0

    opened = f.TicketFactory(account=account, category="delivery", order=own, now=T0)
    assert reload(opened).order == own
    with pytest.raises(ValidationError) as error:
        services.ticket_update(ticket=opened, by=alice, order=foreign)
    assert error.value.message_dict == {"order": ["The order must belong to this account."]}
    assert reload(opened).order == own


def test_only_who_may_change_the_account_opens_a_ticket_on_it(
    account, alice, bob, charlie, dept_user, executive
):
    for outsider in (charlie, dept_user, executive):
        with pytest.raises(ValidationError) as error:
            services.ticket_open(
                by=outsider, account=account, category="quality", subject="X", now=T0
            )
        assert error.value.message_dict == {"account": ["Choose one of your accounts."]}
    assert Ticket.objects.count() == 0

    # Alice's manager may, for her account.
    opened = services.ticket_open(
        by=bob, account=account, category="quality", subject="  From the QBR  ", now=T0
    )
    assert (reload(opened).raised_by, reload(opened).subject) == (bob, "From the QBR")


def test_who_may_not_change_a_ticket_cannot_move_it(ticket, charlie, executive, lou):
    for outsider in (executive, charlie, lou):
        with pytest.raises(PermissionDenied):
            go(ticket, IN_PROGRESS, outsider, after(1))
        with pytest.raises(PermissionDenied):
            services.ticket_comment(ticket=ticket, by=outsider, body="Hi", now=after(1))
        with pytest.raises(PermissionDenied):
            services.ticket_assign(ticket=ticket, by=outsider, now=after(1))
        with pytest.raises(PermissionDenied):
            services.ticket_update(ticket=ticket, by=outsider, subject="Mine now")
    stored = reload(ticket)
    assert (stored.status, stored.subject, stored.first_response_at) == (
        OPEN,
        "Cracked castings",
        None,
    )
    assert len(timeline(ticket)) == 1


def test_update_changes_only_what_a_ticket_says(ticket, alice, dept_user):
    with pytest.raises(PermissionDenied):  # the department answers; the account team edits
        services.ticket_update(ticket=ticket, by=dept_user, subject="Not a defect")

    with pytest.raises(ValidationError) as error:
        services.ticket_update(ticket=ticket, by=alice, status=RESOLVED, department=None)
    assert error.value.message_dict == {
        "department": ["This field changes through its own action."],
        "status": ["This field changes through its own action."],
    }

    services.ticket_update(ticket=ticket, by=alice, subject="  Cracked castings, lot 7  ")
    assert reload(ticket).subject == "Cracked castings, lot 7"


# -- the customer's feedback ---------------------------------------------------------------


def test_feedback_waits_for_the_resolution_and_becomes_a_survey_once(
    ticket, alice, dept_user, account
):
    contact = f.ContactFactory(account=account, name="Wang Lei")
    with pytest.raises(Conflict) as error:
        services.ticket_record_feedback(ticket=ticket, by=alice, score=5)
    assert error.value.message == "Feedback is recorded once the ticket is resolved."
    go(ticket, RESOLVED, dept_user, after(20))

    survey = services.ticket_record_feedback(
        ticket=ticket, by=alice, score=4, comment="  Quick and clear  ", contact=contact
    )

    assert SurveyResponse.objects.get() == survey
    assert (survey.source, survey.score, survey.account, survey.contact, survey.comment) == (
        "after_ticket",
        4,
        account,
        contact,
        "Quick and clear",
    )
    assert survey.received_on == company_today()
    assert reload(ticket).feedback == survey
    assert ticket.feedback == survey

    with pytest.raises(Conflict) as error:
        services.ticket_record_feedback(ticket=ticket, by=alice, score=1)
    assert error.value.message == "This ticket's feedback is recorded already."
    assert SurveyResponse.objects.count() == 1
    assert reload(ticket).feedback.score == 4


def test_feedback_on_a_closed_ticket_is_taken(ticket, bob, dept_user):
    go(ticket, RESOLVED, dept_user, after(1))
    go(ticket, CLOSED, dept_user, after(2))

    survey = services.ticket_record_feedback(ticket=ticket, by=bob, score=2)

    assert (reload(ticket).feedback, survey.source, survey.score) == (survey, "after_ticket", 2)


def test_feedback_is_the_account_team_s_to_record(ticket, alice, dept_user, charlie, executive):
    go(ticket, RESOLVED, dept_user, after(1))
    for outsider in (dept_user, charlie, executive):
        with pytest.raises(PermissionDenied):
            services.ticket_record_feedback(ticket=ticket, by=outsider, score=5)
    assert SurveyResponse.objects.count() == 0
    assert reload(ticket).feedback is None


def test_feedback_names_a_contact_of_the_account(ticket, alice, dept_user):
    go(ticket, RESOLVED, dept_user, after(1))
    stranger = f.ContactFactory(account=f.AccountFactory(owner=alice, name="Ningbo Tools"))
    with pytest.raises(ValidationError) as error:
        services.ticket_record_feedback(ticket=ticket, by=alice, score=5, contact=stranger)
    assert error.value.message_dict == {"contact": ["The contact must belong to this account."]}
    assert SurveyResponse.objects.count() == 0


# -- the SLA warning job ---------------------------------------------------------------------

NOTHING = {"at_risk": 0, "breached": 0}


@pytest.fixture
def watched(account, bob, dept_user, tom, ivy):
    """A quality complaint raised by Bob on Alice's account at T0 (due T0 + 48 h)."""
    return services.ticket_open(
        by=bob, account=account, category="quality", subject="Cracked castings", now=T0
    )


def sla_told(ticket) -> list[tuple[str, str, str]]:
    return sorted(
        Notification.objects.filter(kind="tickets.sla", url=f"/tickets/{ticket.pk}/").values_list(
            "user__username", "subject", "once_key"
        )
    )


def warnings(ticket, mark: str, subject: str, due: dt.datetime) -> list[tuple[str, str, str]]:
    key = f"tickets.sla:{ticket.pk}:{mark}:{int(due.timestamp())}"
    return [(name, subject, key) for name in ("alice", "bob", "tess", "tom")]


def test_each_threshold_is_reported_once_to_the_department_and_the_account_side(watched):
    at_risk = f"SLA at risk: #{watched.pk} {ACCOUNT}"
    breached = f"SLA breached: #{watched.pk} {ACCOUNT}"

    assert services.tickets_check_sla(now=after(36) - SECOND) == NOTHING
    assert sla_told(watched) == []

    assert services.tickets_check_sla(now=after(38, 24)) == {"at_risk": 1, "breached": 0}  # 80 %
    assert reload(watched).sla_mark == "at_risk"
    assert sla_told(watched) == warnings(watched, "at_risk", at_risk, after(48))
    body = Notification.objects.filter(kind="tickets.sla", user__username="tess").get().body
    assert body == "Cracked castings\nDue at 2026-11-04 09:00."

    assert services.tickets_check_sla(now=after(43, 12)) == NOTHING  # 90 %
    assert len(sla_told(watched)) == 4

    assert services.tickets_check_sla(now=after(52, 48)) == {"at_risk": 0, "breached": 1}  # 110 %
    assert reload(watched).sla_mark == "breached"
    assert sla_told(watched) == sorted(
        warnings(watched, "at_risk", at_risk, after(48))
        + warnings(watched, "breached", breached, after(48))
    )
    assert Notification.objects.get(
        kind="tickets.sla", user__username="alice", subject=breached
    ).body == ("Cracked castings\nIt was due at 2026-11-04 09:00.")

    assert services.tickets_check_sla(now=after(52, 48)) == NOTHING
    assert services.tickets_check_sla(now=after(200)) == NOTHING
    assert len(sla_told(watched)) == 8


def test_a_ticket_first_seen_past_due_is_reported_breached_only(watched):
    assert services.tickets_check_sla(now=after(60)) == {"at_risk": 0, "breached": 1}
    assert services.tickets_check_sla(now=after(61)) == NOTHING
    assert sla_told(watched) == warnings(
        watched, "breached", f"SLA breached: #{watched.pk} {ACCOUNT}", after(48)
    )


def test_a_resumed_ticket_is_breached_at_its_moved_due_time_not_before(watched, alice, dept_user):
    at_risk = f"SLA at risk: #{watched.pk} {ACCOUNT}"
    assert services.tickets_check_sla(now=after(37)) == {"at_risk": 1, "breached": 0}
    go(watched, WAITING, dept_user, after(38))

    # Waiting on the customer, past the old due time: no warning.
    assert services.tickets_check_sla(now=after(48)) == NOTHING
    assert services.tickets_check_sla(now=after(50)) == NOTHING
    assert reload(watched).sla_state(after(50)) == SlaState.PAUSED

    resumed = go(watched, IN_PROGRESS, alice, after(50))  # a 12 h stop: due T0 + 60 h

    # Still past its (moved) warning: that threshold stays reported, not told twice.
    assert (resumed.due_at, resumed.warn_at) == (after(60), after(48))
    assert reload(watched).sla_mark == "at_risk"
    assert services.tickets_check_sla(now=after(50, 0, 1)) == NOTHING
    assert services.tickets_check_sla(now=after(59, 59, 59)) == NOTHING
    assert services.tickets_check_sla(now=after(60)) == {"at_risk": 0, "breached": 1}
    assert services.tickets_check_sla(now=after(61)) == NOTHING
    assert sla_told(watched) == sorted(
        warnings(watched, "at_risk", at_risk, after(48))
        + warnings(watched, "breached", f"SLA breached: #{watched.pk} {ACCOUNT}", after(60))
    )


def test_a_longer_sla_re_arms_the_thresholds_a_ticket_is_back_before(account, bob, dept_user, tom):
    """A priority change re-times the clock as of the real time (``ticket_update`` takes
    no ``now``), so these tickets are timed from it."""
    now = timezone.now().replace(microsecond=0)
    SlaPolicy.objects.filter(priority="high").update(resolution_hours=100)
    SlaPolicy.objects.filter(priority="urgent").update(resolution_hours=60)
    warned = services.ticket_open(
        by=bob, account=account, category="quality", subject="Warned", now=now - 40 * HOUR
    )
    late = services.ticket_open(
        by=bob, account=account, category="quality", subject="Late", now=now - 50 * HOUR
    )
    assert services.tickets_check_sla(now=now) == {"at_risk": 1, "breached": 1}

    services.ticket_update(ticket=warned, by=bob, priority="high")  # at risk from now + 35 h
    services.ticket_update(ticket=late, by=bob, priority="urgent")  # due now + 10 h

    assert (reload(warned).warn_at, reload(warned).due_at) == (now + 35 * HOUR, now + 60 * HOUR)
    assert (reload(late).warn_at, reload(late).due_at) == (now - 5 * HOUR, now + 10 * HOUR)
    assert (reload(warned).sla_mark, reload(late).sla_mark) == ("", "at_risk")
    assert services.tickets_check_sla(now=now + HOUR) == NOTHING
    assert services.tickets_check_sla(now=now + 10 * HOUR) == {"at_risk": 0, "breached": 1}
    assert services.tickets_check_sla(now=now + 35 * HOUR) == {"at_risk": 1, "breached": 0}
    assert services.tickets_check_sla(now=now + 36 * HOUR) == NOTHING

    def marks(ticket):
        return sorted(
            Notification.objects.filter(
                kind="tickets.sla", user=tom, url=f"/tickets/{ticket.pk}/"
            ).values_list("subject", flat=True)
        )

    assert marks(warned) == [f"SLA at risk: #{warned.pk} {ACCOUNT}"] * 2
    assert marks(late) == [f"SLA breached: #{late.pk} {ACCOUNT}"] * 2


def test_a_ticket_paused_before_its_warning_is_never_warned(watched, dept_user):
    go(watched, WAITING, dept_user, after(20))

    assert services.tickets_check_sla(now=after(40)) == NOTHING
    assert services.tickets_check_sla(now=after(100)) == NOTHING
    assert (reload(watched).sla_mark, sla_told(watched)) == ("", [])


def test_a_ticket_paused_after_its_due_time_is_still_breached(watched, dept_user):
    go(watched, WAITING, dept_user, after(50))

    assert services.tickets_check_sla(now=after(60)) == {"at_risk": 0, "breached": 1}
    assert services.tickets_check_sla(now=after(70)) == NOTHING
    assert len(sla_told(watched)) == 4


def test_resolved_and_reopened_tickets(watched, alice, dept_user):
    go(watched, RESOLVED, dept_user, after(10))
    assert services.tickets_check_sla(now=after(100)) == NOTHING

    go(watched, OPEN, alice, after(100))  # a 90 h stop: due T0 + 138 h, at risk from 126 h
    assert services.tickets_check_sla(now=after(125, 59, 59)) == NOTHING
    assert services.tickets_check_sla(now=after(126)) == {"at_risk": 1, "breached": 0}
    assert sla_told(watched) == warnings(
        watched, "at_risk", f"SLA at risk: #{watched.pk} {ACCOUNT}", after(138)
    )


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_warning_is_e_mailed_once_per_recipient(celery_worker, english):
    """Committed data and the real queue: the e-mails go out after the job's commits."""
    bob = f.UserFactory(username="bob", role=Role.MANAGER, email="bob@example.com")
    team = f.TeamFactory(name="East", manager=bob)
    alice = f.UserFactory(username="alice", role=Role.REP, team=team, email="alice@example.com")
    support = f.department("tech_support")
    f.UserFactory(
        username="tess", role=Role.DEPARTMENT, department=support, email="tess@example.com"
    )
    f.UserFactory(username="tom", role=Role.DEPARTMENT, department=support, email="tom@example.com")
    f.UserFactory(
        username="ivy",
        role=Role.DEPARTMENT,
        department=support,
        email="ivy@example.com",
        is_active=False,
    )
    f.UserFactory(username="nomail", role=Role.DEPARTMENT, department=support, email="")
    account = f.AccountFactory(owner=alice, name=ACCOUNT)
    watched = services.ticket_open(
        by=bob, account=account, category="quality", subject="Cracked castings", now=T0
    )
    routed = f"New ticket for Technical support: #{watched.pk} {ACCOUNT}"
    at_risk = f"SLA at risk: #{watched.pk} {ACCOUNT}"
    breached = f"SLA breached: #{watched.pk} {ACCOUNT}"
    people = ["alice@example.com", "bob@example.com", "tess@example.com", "tom@example.com"]

    def sent() -> Counter:
        return Counter((message.to[0], message.subject) for message in mail.outbox)

    wait_until(lambda: len(mail.outbox) == 2)
    assert services.tickets_check_sla(now=after(38, 24)) == {"at_risk": 1, "breached": 0}
    wait_until(lambda: len(mail.outbox) == 6)
    assert services.tickets_check_sla(now=after(40)) == NOTHING
    assert services.tickets_check_sla(now=after(52, 48)) == {"at_risk": 0, "breached": 1}
    wait_until(lambda: len(mail.outbox) == 10)
    assert services.tickets_check_sla(now=after(52, 48)) == NOTHING
    assert services.tickets_check_sla(now=after(100)) == NOTHING

    assert sent() == Counter(
        {("tess@example.com", routed): 1, ("tom@example.com", routed): 1}
        | {(person, at_risk): 1 for person in people}
        | {(person, breached): 1 for person in people}
    )
    assert Notification.objects.filter(kind="tickets.sla", email_pending=True).count() == 0
    # The member without an address is told in the app only.
    assert Notification.objects.filter(kind="tickets.sla", user__username="nomail").count() == 2
    tess_mail = next(
        m for m in mail.outbox if m.to == ["tess@example.com"] and m.subject == at_risk
    )
    assert "Cracked castings\nDue at 2026-11-04 09:00." in tess_mail.body
    assert f"/tickets/{watched.pk}/" in tess_mail.body
