"""What duty 4 contributes to the home page, the navigation and the account page's tabs."""

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.tabs import account_tabs, count_of
from kam.choices import Role
from kam.panels import NavItem, Panel, home_panels, navigation
from tickets import selectors
from tickets.choices import UNRESOLVED, EventKind
from tickets.models import Ticket, TicketEvent

#: Rows per list on the home page and on an account's tab; the lists have the rest.
HOME_LIST_LENGTH = 10
TAB_LIST_LENGTH = 20
ACCOUNT_TEAMS = frozenset({Role.REP, Role.MANAGER, Role.EXECUTIVE, Role.ADMIN})
DEPARTMENT = frozenset({Role.DEPARTMENT})


def my_open_tickets(request):
    return {
        "tickets": list(selectors.open_tickets(request.user)[:HOME_LIST_LENGTH]),
        "list_length": HOME_LIST_LENGTH,
        "now": timezone.now(),
    }


def department_queue(request):
    if request.user.department_id is None:
        return None
    now = timezone.now()
    return {
        "counts": selectors.queue_counts(request.user, now),
        "tickets": list(selectors.open_tickets(request.user)[:HOME_LIST_LENGTH]),
        "department": request.user.department,
        "list_length": HOME_LIST_LENGTH,
        "now": now,
    }


def breached_in_my_teams(request):
    return {
        "tickets": list(selectors.breached_tickets(request.user)[:HOME_LIST_LENGTH]),
        "list_length": HOME_LIST_LENGTH,
        "now": timezone.now(),
    }


for name, template, context, roles, order in [
    ("tickets.department_queue", "department_queue", department_queue, DEPARTMENT, 1),
    ("tickets.breached", "breached", breached_in_my_teams, frozenset({Role.MANAGER}), 7),
    ("tickets.my_open_tickets", "my_open_tickets", my_open_tickets, frozenset({Role.REP}), 13),
]:
    home_panels.register(
        Panel(name, f"tickets/panels/{template}.html", context, roles=roles, order=order)
    )

navigation.register(
    NavItem("tickets.tickets", _("Tickets"), "tickets:ticket-list", roles=ACCOUNT_TEAMS, order=30)
)
navigation.register(
    NavItem("tickets.queue", _("Queue"), "tickets:ticket-list", roles=DEPARTMENT, order=30)
)


# -- the account page's tab ----------------------------------------------------------------


def tickets_tab(request, account, **kwargs):
    """The account's tickets, newest first, each with the latest answer of its department:
    what the department said shows on the account page (two queries)."""
    latest = TicketEvent.objects.filter(
        ticket=OuterRef("pk"),
        kind=EventKind.COMMENT,
        author__role=Role.DEPARTMENT,
        author__department=OuterRef("department"),
    ).order_by("-created_at", "-id")
    tickets = list(
        Ticket.objects.visible_to(request.user)
        .filter(account=account)
        .select_related("department", "order", "feedback")
        .annotate(last_comment_id=Subquery(latest.values("pk")[:1]))
        .order_by("-opened_at", "-id")[:TAB_LIST_LENGTH]
    )
    comments = TicketEvent.objects.select_related("author").in_bulk(
        [ticket.last_comment_id for ticket in tickets if ticket.last_comment_id]
    )
    for ticket in tickets:
        ticket.last_comment = comments.get(ticket.last_comment_id)
    return {"tickets": tickets, "list_length": TAB_LIST_LENGTH, "now": timezone.now()}


account_tabs.register(
    Panel(
        "tickets",
        "tickets/tabs/tickets.html",
        tickets_tab,
        order=80,
        label=_("Tickets"),
        count=lambda: count_of(Ticket, status__in=UNRESOLVED),
    )
)
