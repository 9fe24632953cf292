"""Reads of duty 4: the home panels' lists and counts, and the two deliverables — the order
fulfilment report (OTIF) and the service feedback record. Every figure is an aggregate in
SQL over querysets that start from ``visible_to``.
"""

from django.db.models import Avg, Count, F, Prefetch, Q
from django.utils import timezone

from accounts.models import SurveyResponse
from accounts.selectors import survey_totals
from kam.dates import Quarter
from kam.figures import percent
from sales_plans.choices import OrderStatus
from tickets.choices import SlaState
from tickets.models import Ticket
from tickets.querysets import sla_q


def hours(seconds) -> float | None:
    return None if seconds is None else round(seconds / 3600, 1)


# -- the home panels ------------------------------------------------------------------------


def open_tickets(user):
    """The unresolved tickets ``user`` sees, soonest due first."""
    return (
        Ticket.objects.visible_to(user)
        .unresolved()
        .select_related("account", "department")
        .order_by("due_at", "id")
    )


def queue_counts(user, now=None) -> dict:
    """The department queue's size and its at-risk and breached tickets, in one query."""
    now = now or timezone.now()
    # Every figure is of unresolved tickets: read those only (the queue's partial index),
    # not the department's years of closed ones.
    return (
        Ticket.objects.visible_to(user)
        .unresolved()
        .aggregate(
            open=Count("pk"),
            unassigned=Count("pk", filter=Q(assignee__isnull=True)),
            at_risk=Count("pk", filter=sla_q(SlaState.AT_RISK, now)),
            breached=Count("pk", filter=sla_q(SlaState.BREACHED, now)),
        )
    )


def breached_tickets(user, now=None):
    """Unresolved tickets past their SLA that ``user`` sees, the longest overdue first."""
    return (
        Ticket.objects.visible_to(user)
        .in_sla_state(SlaState.BREACHED, now=now)
        .select_related("account__owner", "department")
        .order_by("due_at", "id")
    )


# -- order fulfilment (duty 4's deliverable) ------------------------------------------------


def resolution_figures(tickets) -> dict:
    """Count, mean resolution hours and SLA compliance of ``tickets`` resolved (one query)."""
    figures = tickets.filter(resolution_seconds__isnull=False).aggregate(
        resolved=Count("pk"),
        mean_seconds=Avg("resolution_seconds"),
        in_time=Count("pk", filter=sla_q(SlaState.MET)),
    )
    return {
        "resolved": figures["resolved"],
        "mean_hours": hours(figures["mean_seconds"]),
        "in_time": figures["in_time"],
        "sla_percent": percent(figures["in_time"], figures["resolved"]),
    }


def fulfilment_report(orders, tickets, quarter: Quarter, *, row_limit: int | None = None) -> dict:
    """Orders promised in ``quarter`` (not cancelled): promised vs delivered, on time in full
    (OTIF: delivered on or before the promise, as the ``fulfilment`` KPI counts), and the
    tickets raised about them with their resolution times.

    ``orders`` and ``tickets`` are already ``visible_to`` the reader and narrowed to the
    scope. Five queries (four without orders), whatever their number; ``row_limit`` caps
    the rows shown, the totals always cover them all.
    """
    promised = (
        orders.filter(promised_on__gte=quarter.start, promised_on__lte=quarter.end)
        .exclude(status=OrderStatus.CANCELLED)
        .select_related("account", "owner")
    )
    on_time = Q(status=OrderStatus.DELIVERED, delivered_on__lte=F("promised_on"))
    totals = promised.aggregate(
        orders=Count("pk"),
        on_time=Count("pk", filter=on_time),
        delivered_late=Count("pk", filter=Q(status=OrderStatus.DELIVERED) & ~on_time),
        open=Count("pk", filter=~Q(status=OrderStatus.DELIVERED)),
    )
    rows = promised.order_by("promised_on", "number").prefetch_related(
        Prefetch(
            "tickets",
            queryset=tickets.select_related("department").order_by("opened_at", "id"),
            to_attr="issues",
        )
    )
    if row_limit is not None:
        rows = rows[:row_limit]
    about_orders = tickets.filter(order__in=promised.values("pk"))
    return {
        "quarter": quarter,
        "totals": {**totals, "otif_percent": percent(totals["on_time"], totals["orders"])},
        "orders": list(rows),
        "tickets": {
            "raised": about_orders.count(),
            **resolution_figures(about_orders),
        },
    }


# -- service feedback (duty 4's other deliverable) -----------------------------------------


def service_feedback(tickets, quarter: Quarter, *, row_limit: int | None = None) -> dict:
    """The customers' word after tickets received in ``quarter``: each response with its
    ticket, the score distribution, the mean and the CSAT share (score ≥ 4, as the
    ``satisfaction`` KPI counts). Two queries."""
    responses = SurveyResponse.objects.filter(
        ticket__in=tickets, received_on__gte=quarter.start, received_on__lte=quarter.end
    )
    totals = survey_totals(responses)
    rows = responses.select_related(
        "account", "contact", "ticket__department", "ticket__raised_by"
    ).order_by("-received_on", "-id")
    if row_limit is not None:
        rows = rows[:row_limit]
    return {
        "quarter": quarter,
        "count": totals["responses"],
        "mean": round(totals["average"], 2) if totals["average"] is not None else None,
        "csat_percent": totals["csat"],
        "distribution": [
            {"score": score, "count": count} for score, count, _share in totals["distribution"]
        ],
        "responses": list(rows),
    }
