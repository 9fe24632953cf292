"""Benchmark cases of duty 4: the queue and the ticket list, a ticket, its timeline.

``manage.py bench`` finds ``CASES`` (see ``kam.bench``). The department persona is the
logistics member: at the large size every delivery ticket is theirs, some 55,000 of the
200,000, of which several hundred are unresolved. The queue page opens on the
unresolved ones (``/tickets/``); ``?filtered=1`` (no filter at all) and the API list
without a status filter read the department's whole queue, ≥ 10,000 tickets. The
empty department member (of a department nothing is routed to) sees one ticket, opened
here on the empty rep's quiet account, for the detail pages to compare with.
"""

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.urls import reverse

from accounts.bench import quiet as quiet_account
from kam.bench import API, EMPTY_DEPARTMENT, EMPTY_REP, PAGE, BenchCase, BenchContext
from kam.models import Department
from tickets import services
from tickets.choices import UNRESOLVED, TicketCategory
from tickets.models import Ticket

EMPTY_TICKET = "Bench: ticket with no answers"
QUEUE = "&".join(f"status={status}" for status in UNRESOLVED)


def page(name: str, query: str = ""):
    """A path by URL name, resolved when the case runs (not when this module loads)."""
    return lambda context: reverse(f"tickets:{name}") + query


def api(name: str, query: str = ""):
    return lambda context: reverse(f"tickets-api:{name}") + query


def busiest(context) -> Ticket:
    """The visible ticket with the longest timeline: its page lists every event."""
    return (
        Ticket.objects.visible_to(context.user)
        .annotate(event_count=Count("events"))
        .order_by("-event_count", "pk")
        .first()
    )


def quiet(context) -> Ticket:
    """The empty users' one ticket: the empty rep's, routed to the quiet department."""
    rep = get_user_model().objects.get(username=EMPTY_REP)
    account = quiet_account(BenchContext("rep", rep, empty=True))
    ticket = Ticket.objects.filter(account=account, subject=EMPTY_TICKET).first()
    return ticket or services.ticket_open(
        by=rep,
        account=account,
        category=TicketCategory.OTHER,
        subject=EMPTY_TICKET,
        department=Department.objects.get(code=EMPTY_DEPARTMENT),
    )


def detail(namespace: str, name: str):
    def path(context) -> str:
        ticket = quiet(context) if context.empty else busiest(context)
        return reverse(f"{namespace}:{name}", args=[ticket.pk])

    return path


ticket_page = detail("tickets", "ticket-detail")
ticket_api = detail("tickets-api", "ticket-detail")
timeline_api = detail("tickets-api", "ticket-events")

CASES = [
    # The department's queue: its unresolved tickets, soonest due first (the page's default).
    BenchCase("/tickets/", PAGE, "department", page("ticket-list")),
    # Its whole queue, every status (≥ 10,000 tickets at the large size).
    BenchCase("/tickets/?filtered=1", PAGE, "department", page("ticket-list", "?filtered=1")),
    BenchCase(
        "/api/v1/tickets/?ordering=due_at",
        API,
        "department",
        api("ticket-list", "?ordering=due_at"),
    ),
    BenchCase(
        "/api/v1/tickets/?status=<unresolved>&ordering=due_at",
        API,
        "department",
        api("ticket-list", f"?{QUEUE}&ordering=due_at"),
    ),
    BenchCase("/tickets/[id]/", PAGE, "department", ticket_page),
    BenchCase("/api/v1/tickets/[id]/", API, "department", ticket_api),
    BenchCase("/api/v1/tickets/[id]/events/", API, "department", timeline_api),
    # The account side: a rep's tickets, a manager's team's, everybody's.
    BenchCase("/tickets/", PAGE, "rep", page("ticket-list")),
    BenchCase("/tickets/", PAGE, "manager", page("ticket-list")),
    BenchCase("/tickets/", PAGE, "executive", page("ticket-list")),
    BenchCase("/api/v1/tickets/", API, "rep", api("ticket-list")),
]
