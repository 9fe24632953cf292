"""The records behind the figures: a dashboard cell's rows, what pulls a rep's metrics
down, and the rep's to-dos. Rows come from ``kpis.metrics.records`` (the same definition
the recompute counts) taken from what ``visible_to`` the reader, so a drill shows nothing
the reader may not see and counts what the scorecard counted.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils.translation import gettext_lazy as _

from kam.dates import Quarter
from kpis import metrics
from kpis.choices import Metric
from market_intel.choices import SuggestionStatus
from sales_plans.selectors import overdue_orders
from tickets.selectors import breached_tickets

ROWS_PER_PAGE = 25
#: Records a cell page lists at most (forty pages): enough to trace a figure; a team's or
#: a rep's cell, or the app's own filtered lists, reach the rest.
ROWS_LISTED = 1_000
#: Records a rep's page lists under a metric that is pulled down.
PULL_DOWN_SHOWN = 5


@dataclass(frozen=True)
class Column:
    header: Any
    key: str
    kind: str = "text"  # text, date, datetime, money, number, hours


#: Per metric: the columns, what the records are ordered by, what makes a record count in
#: the numerator (``counted``), and what to read along.
LISTINGS = {
    Metric.SATISFACTION: {
        "columns": [
            Column(_("Received on"), "received_on", "date"),
            Column(_("Account"), "account"),
            Column(_("Score"), "score", "number"),
            Column(_("Source"), "get_source_display"),
        ],
        "order": ("-received_on", "-id"),
        "counted": Q(score__gte=4),
        "related": ("account",),
        "bad": Q(score__lt=4),
        "bad_label": _("Responses scoring below 4"),
    },
    Metric.RETENTION: {
        "columns": [
            Column(_("Account"), "name"),
            Column(_("Customer since"), "customer_since", "date"),
            Column(_("Churned on"), "churned_on", "date"),
        ],
        "order": ("name", "id"),
        "counted": Q(kept=True),
        "related": (),
        "bad": Q(kept=False),
        "bad_label": _("Accounts lost in the quarter"),
    },
    Metric.ATTAINMENT: {
        "columns": [
            Column(_("Number"), "number"),
            Column(_("Account"), "account"),
            Column(_("Ordered on"), "ordered_on", "date"),
            Column(_("Amount"), "amount", "money"),
            Column(_("Status"), "get_status_display"),
        ],
        "order": ("-ordered_on", "-id"),
        "counted": Q(pk__isnull=False),
        "related": ("account",),
        "bad": None,
        "bad_label": "",
    },
    Metric.FULFILMENT: {
        "columns": [
            Column(_("Number"), "number"),
            Column(_("Account"), "account"),
            Column(_("Promised on"), "promised_on", "date"),
            Column(_("Delivered on"), "delivered_on", "date"),
            Column(_("Status"), "get_status_display"),
        ],
        "order": ("promised_on", "id"),
        "counted": metrics.ON_TIME,
        "related": ("account",),
        "bad": ~metrics.ON_TIME,
        "bad_label": _("Orders late or not delivered"),
    },
    Metric.RESOLUTION_HOURS: {
        "columns": [
            Column(_("Subject"), "subject"),
            Column(_("Account"), "account"),
            Column(_("Opened at"), "opened_at", "datetime"),
            Column(_("Resolved at"), "resolved_at", "datetime"),
            Column(_("Hours"), "resolution_hours", "hours"),
        ],
        "order": ("-resolution_seconds", "id"),
        "counted": Q(pk__isnull=False),
        "related": ("account",),
        "bad": Q(resolution_seconds__gt=48 * 3600),
        "bad_label": _("Tickets that took longer than 48 hours"),
    },
    Metric.SLA_COMPLIANCE: {
        "columns": [
            Column(_("Subject"), "subject"),
            Column(_("Account"), "account"),
            Column(_("Due at"), "due_at", "datetime"),
            Column(_("Resolved at"), "resolved_at", "datetime"),
            Column(_("Status"), "get_status_display"),
        ],
        "order": ("due_at", "id"),
        "counted": None,  # per quarter: resolved in it by the due time (``_counted``)
        "related": ("account",),
        "bad": None,
        "bad_label": _("Tickets resolved late or overdue at the quarter's end"),
    },
    Metric.MARKET_REPORTS: {
        "columns": [
            Column(_("Title"), "title"),
            Column(_("Author"), "author"),
            Column(_("Published at"), "published_at", "datetime"),
        ],
        "order": ("-published_at", "-id"),
        "counted": Q(pk__isnull=False),
        "related": ("author",),
        "bad": None,
        "bad_label": "",
    },
    Metric.SUGGESTION_ADOPTION: {
        "columns": [
            Column(_("Title"), "title"),
            Column(_("Submitted by"), "submitted_by"),
            Column(_("Decided on"), "decided_on", "date"),
            Column(_("Status"), "get_status_display"),
        ],
        "order": ("-decided_on", "-id"),
        "counted": Q(status=SuggestionStatus.ADOPTED),
        "related": ("submitted_by",),
        "bad": Q(status=SuggestionStatus.REJECTED),
        "bad_label": _("Suggestions rejected"),
    },
}


def _counted(metric: str, quarter: Quarter) -> Q:
    if metric == Metric.SLA_COMPLIANCE:
        return metrics.sla_met_q(quarter)
    return LISTINGS[metric]["counted"]


def _bad(metric: str, quarter: Quarter) -> Q | None:
    if metric == Metric.SLA_COMPLIANCE:
        return ~metrics.sla_met_q(quarter)
    return LISTINGS[metric]["bad"]


@dataclass
class Listing:
    metric: str
    quarter: Quarter
    columns: list[Column]
    rows: Any  # a queryset, annotated with ``counted``


def listing(user, metric: str, quarter: Quarter, reps) -> Listing:
    """The records behind ``metric`` of ``reps`` in ``quarter`` that ``user`` sees, each with
    ``counted``: whether it is in the numerator."""
    model = metrics.RECORDS[metric][0]
    spec = LISTINGS[metric]
    rows = metrics.records(metric, quarter, reps, among=model.objects.visible_to(user))
    rows = rows.annotate(
        counted=ExpressionWrapper(_counted(metric, quarter), output_field=BooleanField())
    )
    rows = rows.select_related(*spec["related"]).order_by(*spec["order"])
    return Listing(metric, quarter, spec["columns"], rows)


def records_for(user, card, metric: str) -> Listing:
    from kpis.selectors import scope_reps

    return listing(user, metric, card.period, scope_reps(card))


def decorate(listing: Listing, rows) -> list[dict]:
    """Each record with its cells' values and its link, for the template."""
    result = []
    for row in rows:
        cells = []
        for column in listing.columns:
            value = getattr(row, column.key, None)
            cells.append({"value": value() if callable(value) else value, "kind": column.kind})
        link = row.get_absolute_url() if hasattr(row, "get_absolute_url") else ""
        result.append({"record": row, "cells": cells, "counted": row.counted, "url": link})
    return result


def pull_downs(user, rep, quarter: Quarter) -> list[dict]:
    """For each metric, the few records that pull ``rep``'s figure down this quarter (late
    orders, breached tickets, low scores, lost accounts…): one query per metric."""
    found = []
    for metric in Metric:
        bad = _bad(metric.value, quarter)
        if bad is None:
            continue
        rows = listing(user, metric.value, quarter, [rep.pk]).rows.filter(bad)
        shown = list(rows[: PULL_DOWN_SHOWN + 1])
        if shown:
            found.append(
                {
                    "metric": metric,
                    "label": LISTINGS[metric.value]["bad_label"],
                    "columns": LISTINGS[metric.value]["columns"],
                    "rows": decorate(
                        Listing(metric.value, quarter, LISTINGS[metric.value]["columns"], None),
                        shown[:PULL_DOWN_SHOWN],
                    ),
                    "more": len(shown) > PULL_DOWN_SHOWN,
                }
            )
    return found


def todos(user, rep, today) -> dict:
    """What ``rep`` can do now for their figures: overdue orders and breached tickets of
    their accounts (two queries, a few rows each)."""
    orders = overdue_orders(user, today=today, owner=rep)
    tickets = breached_tickets(user).filter(account__owner=rep)
    return {
        "overdue_orders": list(orders[:PULL_DOWN_SHOWN]),
        "breached_tickets": list(tickets[:PULL_DOWN_SHOWN]),
    }
