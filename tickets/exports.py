"""Duty 4's exports (``kam.exports``): the ticket list, the order fulfilment report and the
service feedback record. Each starts from ``visible_to`` and the page's parameters.

The reports take the parameters their pages link with (``views.scope_params``: year,
quarter, and an account, a team or a rep) and build the scope with the page's own form
and ``views.scoped``, so a file never holds more, or other, than the page.
"""

from types import SimpleNamespace

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kam.bounds import MAX_YEAR, MIN_YEAR
from kam.dates import Quarter
from kam.exports import (
    Column,
    Document,
    ExportDefinition,
    ExportRequest,
    Sheet,
    applied_filters,
    invalid_filters,
    meta_for,
    register,
)
from sales_plans.choices import OrderStatus
from sales_plans.models import Order
from tickets import selectors
from tickets.choices import SlaState
from tickets.filtersets import TicketFilterSet
from tickets.models import Ticket
from tickets.views import ReportScopeForm, TicketListView, is_department, scoped

# -- the ticket list ------------------------------------------------------------------------


def _hours(seconds) -> float | None:
    return None if seconds is None else round(seconds / 3600, 2)


def ticket_columns(now) -> list[Column]:
    """The list's columns; of the account, its name and tier only, so that a department
    member's queue says no more of the customer than the queue page does."""
    return [
        Column("pk", _("Ticket"), "int"),
        Column("account.name", _("Account")),
        Column("account.get_tier_display", _("Tier")),
        Column("order.number", _("Order")),
        Column("get_category_display", _("Category")),
        Column("get_priority_display", _("Priority")),
        Column("subject", _("Subject")),
        Column("department", _("Department")),
        Column("assignee.display_name", _("Assignee")),
        Column("get_status_display", _("Status")),
        Column(lambda ticket: SlaState(ticket.sla_state(now)).label, _("SLA")),
        Column("opened_at", _("Opened"), "datetime"),
        Column("first_response_at", _("First response"), "datetime"),
        Column("due_at", _("Due"), "datetime"),
        Column("resolved_at", _("Resolved"), "datetime"),
        Column(lambda ticket: _hours(ticket.paused_seconds), _("Paused hours"), "decimal"),
        Column("resolution_hours", _("Resolution hours"), "decimal"),
    ]


def ticket_list(user, params, fmt) -> Document:
    # The page's own defaults (unresolved only, until the filter form is sent) and sorts.
    page = TicketListView(request=SimpleNamespace(GET=params, user=user))
    filterset = TicketFilterSet(
        page.filter_data(),
        queryset=Ticket.objects.visible_to(user).select_related(
            "account", "order", "department", "assignee"
        ),
        request=ExportRequest(user),
    )
    if not filterset.is_valid():
        raise invalid_filters(filterset.errors)
    sort = params.get("sort")
    tickets = filterset.qs.order_by(
        *TicketListView.SORTS.get(sort, TicketListView.SORTS[TicketListView.default_sort])
    )
    now = timezone.now()
    return Document(
        meta=meta_for(_("Tickets"), user, filters=applied_filters(filterset.form)),
        filename=f"tickets-{timezone.localdate().isoformat()}",
        sheets=[Sheet(str(_("Tickets")), ticket_columns(now), tickets)],
        size=tickets.count(),
    )


# -- the reports' scope ---------------------------------------------------------------------


class ReportPeriodForm(forms.Form):
    """The quarter of a report export (this quarter by default), as ``scope_params`` writes
    it. Any quarter of the supported years: a file of an older quarter is still asked for
    after the page stopped offering it."""

    year = forms.IntegerField(
        label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR, required=False
    )
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        choices=[(q, f"Q{q}") for q in range(1, 5)],
        coerce=int,
        required=False,
    )

    def quarter_of(self) -> Quarter:
        current = Quarter.current()
        return Quarter(
            self.cleaned_data["year"] or current.year,
            self.cleaned_data["quarter"] or current.quarter,
        )


#: The scope's parameters that name a record: outside what the user sees, a 404.
RECORD_PARAMS = ("account", "team", "owner")


def report_scope(user, params) -> dict:
    """The page's scope (``ReportScopeForm.chosen()``) for the export's parameters.

    Department members get no report, as on the pages (403). A bad year or quarter is a
    400; an account, team or rep the user may not pick is a 404, as for any record
    outside ``visible_to``.
    """
    if is_department(user):
        raise PermissionDenied(_("The reports are for the account teams."))
    period = ReportPeriodForm(params)
    if not period.is_valid():
        raise invalid_filters(period.errors)
    form = ReportScopeForm(
        {name: params[name] for name in RECORD_PARAMS if params.get(name)}, user=user
    )
    if not form.is_valid():
        if any(name in form.errors for name in RECORD_PARAMS):
            raise Http404
        raise invalid_filters(form.errors)
    return {**form.chosen(), "quarter": period.quarter_of()}


def scope_meta(scope) -> tuple[dict, list[tuple[str, str]], str]:
    """What the title names (one account, team or rep), the filters shown, a file suffix."""
    if scope["account"] is not None:
        account = scope["account"]
        return (
            {"name": account.name},
            [(str(_("Account")), account.name)],
            f"-account-{account.pk}",
        )
    if scope["owner"] is not None:
        owner = scope["owner"]
        return (
            {"name": owner.display_name},
            [(str(_("Rep")), owner.display_name)],
            f"-{owner.username}",
        )
    if scope["team"] is not None:
        team = scope["team"]
        return {"name": team.name}, [(str(_("Team")), team.name)], f"-team-{team.pk}"
    return {}, [], ""


def report_document(user, scope, title, named_title, stem) -> Document:
    named, filters, suffix = scope_meta(scope)
    quarter = scope["quarter"]
    return Document(
        meta=meta_for(
            named_title % named if named else title,
            user,
            period=quarter.label,
            filters=filters,
        ),
        filename=f"{stem}-{quarter.year}-Q{quarter.quarter}{suffix}",
    )


# -- the order fulfilment report ------------------------------------------------------------


def on_time(order) -> bool:
    """On time in full, as the report's totals (and the ``fulfilment`` KPI) count it."""
    return order.status == OrderStatus.DELIVERED and order.delivered_on <= order.promised_on


FULFILMENT_SUMMARY_COLUMNS = [
    Column("orders", _("Orders"), "int"),
    Column("on_time", _("On time"), "int"),
    Column("delivered_late", _("Delivered late"), "int"),
    Column("open", _("Not delivered"), "int"),
    Column("otif_percent", _("OTIF %"), "percent"),
    Column("raised", _("Tickets raised"), "int"),
    Column("resolved", _("Tickets resolved"), "int"),
    Column("mean_hours", _("Mean resolution hours"), "decimal"),
    Column("sla_percent", _("Resolved within SLA %"), "percent"),
]
FULFILMENT_ORDER_COLUMNS = [
    Column("order.number", _("Order")),
    Column("order.account.name", _("Account")),
    Column("order.owner.display_name", _("Owner")),
    Column("order.ordered_on", _("Ordered on"), "date"),
    Column("order.promised_on", _("Promised on"), "date"),
    Column("order.delivered_on", _("Delivered on"), "date"),
    Column("order.get_status_display", _("Status")),
    Column("on_time", _("On time"), "bool"),
    Column(lambda row: len(row["tickets"]), _("Tickets"), "int"),
]


def fulfilment_ticket_columns(now) -> list[Column]:
    return [
        Column("order.number", _("Order")),
        Column("pk", _("Ticket"), "int"),
        Column("get_category_display", _("Category")),
        Column("subject", _("Subject")),
        Column("department", _("Department")),
        Column("get_status_display", _("Status")),
        Column("opened_at", _("Opened"), "datetime"),
        Column("resolved_at", _("Resolved"), "datetime"),
        Column("resolution_hours", _("Resolution hours"), "decimal"),
        Column(lambda ticket: SlaState(ticket.sla_state(now)).label, _("SLA")),
    ]


def fulfilment(user, params, fmt) -> Document:
    scope = report_scope(user, params)
    # As ``views.FulfilmentReportView``, with every order: the page shows the first ones.
    report = selectors.fulfilment_report(
        scoped(Order.objects.visible_to(user), user, scope, "owner"),
        Ticket.objects.visible_to(user),
        scope["quarter"],
    )
    rows = [
        {"order": order, "on_time": on_time(order), "tickets": order.issues}
        for order in report["orders"]
    ]
    tickets = [ticket for row in rows for ticket in row["tickets"]]
    document = report_document(
        user,
        scope,
        _("Order fulfilment report"),
        _("Order fulfilment report: %(name)s"),
        "fulfilment",
    )
    # The rows written: a job's progress counts them (the XLSX adds its summary row).
    document.size = len(rows) + len(tickets)
    if fmt == "xlsx":
        summary = {**report["totals"], **report["tickets"]}
        document.size += 1
        document.sheets = [
            Sheet(str(_("Summary")), FULFILMENT_SUMMARY_COLUMNS, [summary]),
            Sheet(str(_("Orders")), FULFILMENT_ORDER_COLUMNS, rows),
            Sheet(str(_("Tickets")), fulfilment_ticket_columns(timezone.now()), tickets),
        ]
    else:
        document.pdf_template = "tickets/exports/fulfilment.html"
        document.context = {"report": report, "rows": rows, "scope": scope}
    return document


# -- the service feedback record ------------------------------------------------------------

FEEDBACK_SUMMARY_COLUMNS = [
    Column("count", _("Responses"), "int"),
    Column("mean", _("Average score"), "decimal"),
    Column("csat_percent", _("CSAT %"), "percent"),
    Column("score_5", _("Score 5"), "int"),
    Column("score_4", _("Score 4"), "int"),
    Column("score_3", _("Score 3"), "int"),
    Column("score_2", _("Score 2"), "int"),
    Column("score_1", _("Score 1"), "int"),
]
FEEDBACK_COLUMNS = [
    Column("received_on", _("Received on"), "date"),
    Column("account.name", _("Account")),
    Column(lambda row: row.contact.name if row.contact_id else "", _("Contact")),
    Column("score", _("Score"), "int"),
    Column("comment", _("Comment")),
    Column("ticket.pk", _("Ticket"), "int"),
    Column("ticket.subject", _("Subject")),
    Column("ticket.department", _("Department")),
]


def service_feedback(user, params, fmt) -> Document:
    scope = report_scope(user, params)
    # As ``views.ServiceFeedbackView``, with every response.
    report = selectors.service_feedback(
        scoped(Ticket.objects.visible_to(user), user, scope, "account__owner"),
        scope["quarter"],
    )
    document = report_document(
        user,
        scope,
        _("Service feedback record"),
        _("Service feedback record: %(name)s"),
        "service-feedback",
    )
    document.size = len(report["responses"])
    if fmt == "xlsx":
        document.size += 1  # the summary row
        summary = {
            "count": report["count"],
            "mean": report["mean"],
            "csat_percent": report["csat_percent"],
            **{f"score_{row['score']}": row["count"] for row in report["distribution"]},
        }
        document.sheets = [
            Sheet(str(_("Summary")), FEEDBACK_SUMMARY_COLUMNS, [summary]),
            Sheet(str(_("Responses")), FEEDBACK_COLUMNS, report["responses"]),
        ]
    else:
        document.pdf_template = "tickets/exports/service_feedback.html"
        document.context = {"report": report, "scope": scope}
    return document


register(ExportDefinition("tickets.ticket_list", _("Tickets"), ("xlsx",), ticket_list))
register(
    ExportDefinition(
        "tickets.fulfilment", _("Order fulfilment report"), ("pdf", "xlsx"), fulfilment
    )
)
register(
    ExportDefinition(
        "tickets.service_feedback",
        _("Service feedback record"),
        ("pdf", "xlsx"),
        service_feedback,
    )
)
