"""Duty 4's reads: the home panels' lists and counts, the order fulfilment report (OTIF)
and the service feedback record, against numbers worked out by hand."""

import datetime as dt
import zoneinfo

import pytest

from kam.choices import Role
from kam.dates import Quarter
from sales_plans.models import Order
from tests import factories as f
from tickets import selectors, services
from tickets.choices import TicketStatus
from tickets.models import Ticket

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
#: Friday 20 November 2026, noon in Shanghai: "now" for the panels.
NOW = dt.datetime(2026, 11, 20, 12, 0, 0, tzinfo=SHANGHAI)
Q3 = Quarter(2026, 3)  # 1 July – 30 September 2026


def hours_before(hours: float) -> dt.datetime:
    return NOW - dt.timedelta(hours=hours)


def moment(month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def go(ticket, to_status, by, now):
    return services.ticket_transition(ticket=ticket, to_status=to_status, by=by, now=now)


def pks(tickets) -> list[int]:
    return [ticket.pk for ticket in tickets]


@pytest.fixture
def lou(db):
    return f.UserFactory(username="lou", role=Role.DEPARTMENT, department=f.department("logistics"))


@pytest.fixture
def queues(alice, bob, charlie, dept_user, lou):
    """Tickets in every state, on Alice's account and on Charlie's, in two departments."""
    castings = f.AccountFactory(owner=alice, name="Hangzhou Precision Castings")
    chengdu = f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")

    def ticket(account, category, opened_hours_ago, *moves, assignee=None):
        opened = f.TicketFactory(
            account=account, category=category, now=hours_before(opened_hours_ago)
        )
        member = dept_user if category == "quality" else lou
        if assignee is not None:
            services.ticket_assign(
                ticket=opened, by=member, assignee=assignee, now=hours_before(opened_hours_ago)
            )
        for status, hours_ago in moves:
            opened = go(opened, status, member, hours_before(hours_ago))
        return opened

    return {
        # Technical support's queue (all on Alice's account but the last two).
        "fresh": ticket(castings, "quality", 1),
        "at_risk": ticket(
            castings, "quality", 40, (TicketStatus.IN_PROGRESS, 39), assignee=dept_user
        ),
        "breached": ticket(castings, "quality", 50),
        "paused": ticket(castings, "quality", 30, (TicketStatus.WAITING_ON_CUSTOMER, 20)),
        "resolved": ticket(castings, "quality", 60, (TicketStatus.RESOLVED, 55)),
        "charlie_breached": ticket(chengdu, "quality", 70),
        "charlie_fresh": ticket(chengdu, "quality", 2),
        # Logistics' queue.
        "late_truck": ticket(castings, "delivery", 49, assignee=lou),
        "truck_soon": ticket(castings, "delivery", 10),
    }


def test_queue_counts_per_reader(queues, alice, charlie, dept_user, lou, executive):
    assert selectors.queue_counts(dept_user, now=NOW) == {
        "open": 6,
        "unassigned": 5,
        "at_risk": 1,
        "breached": 2,
    }
    assert selectors.queue_counts(lou, now=NOW) == {
        "open": 2,
        "unassigned": 1,
        "at_risk": 0,
        "breached": 1,
    }
    assert selectors.queue_counts(alice, now=NOW) == {
        "open": 6,
        "unassigned": 4,
        "at_risk": 1,
        "breached": 2,
    }
    assert selectors.queue_counts(charlie, now=NOW) == {
        "open": 2,
        "unassigned": 2,
        "at_risk": 0,
        "breached": 1,
    }
    assert selectors.queue_counts(executive, now=NOW) == {
        "open": 8,
        "unassigned": 6,
        "at_risk": 1,
        "breached": 3,
    }


def test_queue_counts_take_one_query(queues, dept_user, django_assert_num_queries):
    with django_assert_num_queries(1):
        selectors.queue_counts(dept_user, now=NOW)


def test_open_tickets_are_the_reader_s_unresolved_ones_soonest_due_first(
    queues, alice, charlie, dept_user, lou
):
    q = queues
    assert pks(selectors.open_tickets(dept_user)) == pks(
        [
            q["charlie_breached"],
            q["breached"],
            q["at_risk"],
            q["paused"],
            q["charlie_fresh"],
            q["fresh"],
        ]
    )
    assert pks(selectors.open_tickets(lou)) == pks([q["late_truck"], q["truck_soon"]])
    assert pks(selectors.open_tickets(alice)) == pks(
        [q["breached"], q["late_truck"], q["at_risk"], q["paused"], q["truck_soon"], q["fresh"]]
    )
    assert pks(selectors.open_tickets(charlie)) == pks([q["charlie_breached"], q["charlie_fresh"]])


def test_breached_tickets_are_the_manager_s_team_s_only(
    queues, alice, bob, charlie, lou, executive
):
    q = queues
    dora = charlie.team.manager

    assert pks(selectors.breached_tickets(bob, now=NOW)) == pks([q["breached"], q["late_truck"]])
    assert pks(selectors.breached_tickets(dora, now=NOW)) == pks([q["charlie_breached"]])
    assert pks(selectors.breached_tickets(alice, now=NOW)) == pks([q["breached"], q["late_truck"]])
    assert pks(selectors.breached_tickets(lou, now=NOW)) == pks([q["late_truck"]])
    assert pks(selectors.breached_tickets(executive, now=NOW)) == pks(
        [q["charlie_breached"], q["breached"], q["late_truck"]]
    )
    # Ninety minutes earlier the logistics ticket was not due yet.
    assert pks(selectors.breached_tickets(bob, now=NOW - dt.timedelta(minutes=90))) == pks(
        [q["breached"]]
    )


# -- the order fulfilment report ---------------------------------------------------------------


def order(account, number, promised_on, status="open", delivered_on=None):
    return f.OrderFactory(
        account=account,
        number=number,
        ordered_on=dt.date(2026, 6, 1),
        promised_on=promised_on,
        status=status,
        delivered_on=delivered_on,
    )


@pytest.fixture
def fulfilment(alice, charlie, lou):
    """Alice's Q3 orders in every state the report tells apart, tickets about them, and
    Charlie's order (on time) that she must not see."""
    castings = f.AccountFactory(owner=alice, name="Hangzhou Precision Castings")
    chengdu = f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")
    orders = {
        "early": order(castings, "SO-1", dt.date(2026, 7, 10), "delivered", dt.date(2026, 7, 8)),
        "on_the_day": order(
            castings, "SO-2", dt.date(2026, 8, 1), "delivered", dt.date(2026, 8, 1)
        ),
        "late": order(castings, "SO-3", dt.date(2026, 8, 15), "delivered", dt.date(2026, 8, 20)),
        "undelivered": order(castings, "SO-4", dt.date(2026, 9, 30), "shipped"),
        "cancelled": order(castings, "SO-5", dt.date(2026, 9, 1), "cancelled"),
        "before": order(castings, "SO-6", dt.date(2026, 6, 30), "delivered", dt.date(2026, 6, 29)),
        "after": order(castings, "SO-7", dt.date(2026, 10, 1)),
        "charlie": order(chengdu, "SO-9", dt.date(2026, 8, 3), "delivered", dt.date(2026, 8, 2)),
    }

    def ticket(key, opened, *moves):
        account = chengdu if key == "charlie" else castings
        raised = f.TicketFactory(
            account=account, category="delivery", order=orders[key], now=opened
        )
        for status, at in moves:
            raised = go(raised, status, lou, at)
        return raised

    tickets = {
        # 30 h 36 min: in time.
        "late": ticket("late", moment(8, 20, 10), (TicketStatus.RESOLVED, moment(8, 21, 16, 36))),
        # 60 h after opening with a 2 h wait: 58 h of open time, past its 50 h due time.
        "undelivered": ticket(
            "undelivered",
            moment(9, 25),
            (TicketStatus.WAITING_ON_CUSTOMER, moment(9, 25, 12)),
            (TicketStatus.IN_PROGRESS, moment(9, 25, 14)),
            (TicketStatus.RESOLVED, moment(9, 27, 21)),
        ),
        "undelivered_open": ticket("undelivered", moment(9, 28)),
        "cancelled": ticket("cancelled", moment(8, 30), (TicketStatus.RESOLVED, moment(8, 30, 10))),
        "before": ticket("before", moment(6, 29), (TicketStatus.RESOLVED, moment(6, 29, 11))),
        "charlie": ticket("charlie", moment(8, 2), (TicketStatus.RESOLVED, moment(8, 2, 19))),
    }
    # A ticket about no order counts nowhere in the report.
    f.TicketFactory(account=castings, category="delivery", now=moment(8, 1))
    return orders, tickets


def report(user, quarter=Q3, **kwargs):
    return selectors.fulfilment_report(
        Order.objects.visible_to(user), Ticket.objects.visible_to(user), quarter, **kwargs
    )


def test_fulfilment_report_by_hand(fulfilment, alice):
    orders, tickets = fulfilment

    figures = report(alice)

    assert figures["quarter"] == Q3
    assert figures["totals"] == {
        "orders": 4,  # the cancelled order and those promised outside Q3 are not counted
        "on_time": 2,  # delivered before, or on, the promised day
        "delivered_late": 1,
        "open": 1,
        "otif_percent": 50.0,
    }
    assert figures["orders"] == [
        orders["early"],
        orders["on_the_day"],
        orders["late"],
        orders["undelivered"],
    ]
    assert [pks(row.issues) for row in figures["orders"]] == [
        [],
        [],
        [tickets["late"].pk],
        [tickets["undelivered"].pk, tickets["undelivered_open"].pk],
    ]
    assert figures["tickets"] == {
        "raised": 3,
        "resolved": 2,
        "mean_hours": 44.3,  # (110,160 s + 208,800 s) ÷ 2 = 159,480 s
        "in_time": 1,
        "sla_percent": 50.0,
    }
    assert Ticket.objects.get(pk=tickets["late"].pk).resolution_seconds == 110160
    assert Ticket.objects.get(pk=tickets["undelivered"].pk).resolution_seconds == 208800


def test_fulfilment_report_rows_are_capped_but_the_totals_are_not(fulfilment, alice):
    orders, _tickets = fulfilment

    figures = report(alice, row_limit=2)

    assert figures["orders"] == [orders["early"], orders["on_the_day"]]
    assert (figures["totals"]["orders"], figures["tickets"]["raised"]) == (4, 3)


def test_fulfilment_report_shows_each_reader_their_own_orders(fulfilment, charlie, bob, executive):
    orders, tickets = fulfilment

    mine = report(charlie)
    assert mine["orders"] == [orders["charlie"]]
    assert mine["totals"] == {
        "orders": 1,
        "on_time": 1,
        "delivered_late": 0,
        "open": 0,
        "otif_percent": 100.0,
    }
    assert mine["tickets"] == {
        "raised": 1,
        "resolved": 1,
        "mean_hours": 10.0,
        "in_time": 1,
        "sla_percent": 100.0,
    }
    # Alice's manager reads her team's orders; the executive reads every order.
    assert report(bob)["totals"]["orders"] == 4
    assert report(executive)["totals"] == {
        "orders": 5,
        "on_time": 3,
        "delivered_late": 1,
        "open": 1,
        "otif_percent": 60.0,
    }


def test_fulfilment_report_of_an_empty_quarter_is_no_data(fulfilment, alice):
    figures = report(alice, Quarter(2025, 1))

    assert figures["totals"] == {
        "orders": 0,
        "on_time": 0,
        "delivered_late": 0,
        "open": 0,
        "otif_percent": None,
    }
    assert figures["orders"] == []
    assert figures["tickets"] == {
        "raised": 0,
        "resolved": 0,
        "mean_hours": None,
        "in_time": 0,
        "sla_percent": None,
    }


def read_fulfilment_rows(figures) -> list:
    """What the report's page and its exports show of every row."""
    return [
        (
            row.number,
            row.account.name,
            row.owner.username,
            [(issue.subject, issue.department.code, issue.sla_state(NOW)) for issue in row.issues],
        )
        for row in figures["orders"]
    ]


@pytest.mark.parametrize("count", [1, 12])
def test_fulfilment_report_takes_five_queries(alice, lou, count, django_assert_num_queries):
    castings = f.AccountFactory(owner=alice, name="Hangzhou Precision Castings")
    for number in range(count):
        promised = order(
            castings, f"SO-{number}", dt.date(2026, 8, 1), "delivered", dt.date(2026, 8, 1)
        )
        for hour in (9, 10):
            raised = f.TicketFactory(
                account=castings, category="delivery", order=promised, now=moment(8, 1, hour)
            )
            go(raised, TicketStatus.RESOLVED, lou, moment(8, 2, hour))

    with django_assert_num_queries(5):
        figures = report(alice)
        rows = read_fulfilment_rows(figures)

    assert len(rows) == count
    assert figures["tickets"]["raised"] == 2 * count
    assert figures["tickets"]["mean_hours"] == 24.0


# -- the service feedback record -------------------------------------------------------------


@pytest.fixture
def feedback(alice, charlie, dept_user):
    """Five answers after Alice's tickets, one after Charlie's, and a periodic survey."""
    castings = f.AccountFactory(owner=alice, name="Hangzhou Precision Castings")
    chengdu = f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")
    contact = f.ContactFactory(account=castings, name="Wang Lei")
    answers = []
    for number, (account, score) in enumerate(
        [(castings, 5), (castings, 4), (castings, 4), (castings, 2), (castings, 1), (chengdu, 5)]
    ):
        ticket = f.TicketFactory(account=account, category="quality", now=moment(11, 2 + number))
        go(ticket, TicketStatus.RESOLVED, dept_user, moment(11, 2 + number, 15))
        answers.append(
            services.ticket_record_feedback(
                ticket=ticket,
                by=account.owner,
                score=score,
                comment=f"Answer {number}",
                contact=contact if account == castings else None,
            )
        )
    f.SurveyResponseFactory(account=castings, score=1, source="periodic")
    # A ticket still open has no feedback, and is no row.
    f.TicketFactory(account=castings, category="quality", now=moment(11, 10))
    return answers


def test_service_feedback_by_hand(feedback, alice):
    quarter = Quarter.current()  # the feedback is received today

    record = selectors.service_feedback(Ticket.objects.visible_to(alice), quarter)

    assert (record["quarter"], record["count"], record["mean"], record["csat_percent"]) == (
        quarter,
        5,
        3.2,  # (5 + 4 + 4 + 2 + 1) ÷ 5
        60.0,  # three of five scored 4 or 5
    )
    assert record["distribution"] == [
        {"score": 5, "count": 1},
        {"score": 4, "count": 2},
        {"score": 3, "count": 0},
        {"score": 2, "count": 1},
        {"score": 1, "count": 1},
    ]
    # All received the same day: the latest recorded first.
    assert record["responses"] == list(reversed(feedback[:5]))
    assert [response.ticket.account.name for response in record["responses"]] == [
        "Hangzhou Precision Castings"
    ] * 5


def test_service_feedback_per_reader_and_period(feedback, charlie, dept_user, executive):
    quarter = Quarter.current()

    theirs = selectors.service_feedback(Ticket.objects.visible_to(charlie), quarter)
    assert (theirs["count"], theirs["mean"], theirs["csat_percent"]) == (1, 5.0, 100.0)
    assert theirs["responses"] == [feedback[5]]

    everyone = selectors.service_feedback(Ticket.objects.visible_to(executive), quarter)
    assert (everyone["count"], everyone["mean"], everyone["csat_percent"]) == (6, 3.5, 66.7)

    # Technical support answered all six: its record is the same six.
    support = selectors.service_feedback(Ticket.objects.visible_to(dept_user), quarter)
    assert support["count"] == 6

    earlier = selectors.service_feedback(Ticket.objects.visible_to(executive), quarter.previous())
    assert (earlier["count"], earlier["mean"], earlier["csat_percent"], earlier["responses"]) == (
        0,
        None,
        None,
        [],
    )
    assert [row["count"] for row in earlier["distribution"]] == [0, 0, 0, 0, 0]


def test_service_feedback_rows_are_capped_but_the_figures_are_not(feedback, alice):
    record = selectors.service_feedback(
        Ticket.objects.visible_to(alice), Quarter.current(), row_limit=2
    )

    assert record["responses"] == [feedback[4], feedback[3]]
    assert (record["count"], record["mean"]) == (5, 3.2)


def read_feedback_rows(record) -> list:
    """What the record's page and its exports show of every response."""
    return [
        (
            response.score,
            response.account.name,
            response.contact.name if response.contact else "",
            response.ticket.subject,
            response.ticket.department.code,
            response.ticket.raised_by.username,
        )
        for response in record["responses"]
    ]


@pytest.mark.parametrize("count", [1, 12])
def test_service_feedback_takes_two_queries(alice, dept_user, count, django_assert_num_queries):
    castings = f.AccountFactory(owner=alice, name="Hangzhou Precision Castings")
    contact = f.ContactFactory(account=castings, name="Wang Lei")
    for number in range(count):
        ticket = f.TicketFactory(account=castings, category="quality", now=moment(11, 2, 9, number))
        go(ticket, TicketStatus.RESOLVED, dept_user, moment(11, 2, 10, number))
        services.ticket_record_feedback(ticket=ticket, by=alice, score=4, contact=contact)
    tickets = Ticket.objects.visible_to(alice)

    with django_assert_num_queries(2):  # the figures; the rows with what they show
        record = selectors.service_feedback(tickets, Quarter.current())
        rows = read_feedback_rows(record)

    assert len(rows) == count
    assert rows[0] == (
        4,
        "Hangzhou Precision Castings",
        "Wang Lei",
        ticket.subject,
        "tech_support",
        "alice",
    )
    assert (record["count"], record["csat_percent"]) == (count, 100.0)
