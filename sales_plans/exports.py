"""Duty 2's exports (``kam.exports``): the order list, a sales plan, and the target
attainment report. Each starts from ``visible_to`` and the page's parameters."""

from django import forms
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kam.bounds import MAX_YEAR, MIN_YEAR, as_id
from kam.choices import Role
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
from kam.models import Team
from sales_plans import selectors
from sales_plans.filtersets import OrderFilterSet
from sales_plans.models import Order, SalesPlan

ORDER_COLUMNS = [
    Column("number", _("Number")),
    Column("account.code", _("Account code")),
    Column("account.name", _("Account")),
    Column("owner.display_name", _("Owner")),
    Column("ordered_on", _("Ordered on"), "date"),
    Column("amount", _("Amount"), "money"),
    Column("promised_on", _("Promised on"), "date"),
    Column("delivered_on", _("Delivered on"), "date"),
    Column("get_status_display", _("Status")),
]


# The two helpers below are those of ``accounts.exports``; they would belong in
# ``kam.exports`` once a third app needs them.
# -- the order list -------------------------------------------------------------------------


def order_list(user, params, fmt) -> Document:
    filterset = OrderFilterSet(
        params,
        queryset=Order.objects.visible_to(user).select_related("account", "owner"),
        request=ExportRequest(user),
    )
    if not filterset.is_valid():
        raise invalid_filters(filterset.errors)
    orders = filterset.qs
    return Document(
        meta=meta_for(_("Orders"), user, filters=applied_filters(filterset.form)),
        filename=f"orders-{timezone.localdate().isoformat()}",
        sheets=[Sheet(str(_("Orders")), ORDER_COLUMNS, orders)],
        size=orders.count(),
    )


# -- one sales plan -------------------------------------------------------------------------

PLAN_COLUMNS = [
    Column("owner", _("Owner")),
    Column("period", _("Period")),
    Column("status", _("Status")),
    Column("revision", _("Revision"), "int"),
    Column("target", _("Target"), "money"),
    Column("actual", _("Actual"), "money"),
    Column("percent", _("Attainment %"), "percent"),
    Column("through", _("Orders through"), "date"),
    Column("strategy", _("Strategy")),
]
PLAN_LINE_COLUMNS = [
    Column("account.code", _("Account code")),
    Column("account.name", _("Account")),
    Column("target", _("Target"), "money"),
    Column("actual", _("Actual"), "money"),
    Column("percent", _("Attainment %"), "percent"),
]


def sales_plan(user, params, fmt) -> Document:
    plan = get_object_or_404(
        SalesPlan.objects.visible_to(user).select_related("owner", "approved_by"),
        pk=as_id(params.get("plan")) or 0,
    )
    figures = selectors.plan_attainment(plan)
    document = Document(
        meta=meta_for(
            _("Sales plan: %(owner)s") % {"owner": plan.owner.display_name},
            user,
            period=plan.period,
        ),
        filename=f"sales-plan-{plan.owner.username}-{plan.period.replace(' ', '')}",
        size=len(figures["lines"]),
    )
    if fmt == "xlsx":
        summary = {
            "owner": plan.owner.display_name,
            "period": plan.period,
            "status": plan.get_status_display(),
            "revision": plan.revision,
            "target": figures["target"],
            "actual": figures["actual"],
            "percent": figures["percent"],
            "through": figures["through"],
            "strategy": plan.strategy,
        }
        lines = list(figures["lines"])
        if figures["other"]:
            lines.append(
                {
                    "account": {"code": "", "name": str(_("Accounts without a line"))},
                    "actual": figures["other"],
                }
            )
        document.sheets = [
            Sheet(str(_("Sales plan")), PLAN_COLUMNS, [summary]),
            Sheet(str(_("Per account")), PLAN_LINE_COLUMNS, _with_defaults(lines)),
        ]
    else:
        document.pdf_template = "sales_plans/exports/sales_plan.html"
        document.context = {"plan": plan, "figures": figures}
    return document


def _with_defaults(lines):
    """Per-account rows with every key a column reads (the "other accounts" row has fewer)."""
    return [{"target": None, "percent": None, **line} for line in lines]


# -- the target attainment report -----------------------------------------------------------


class AttainmentForm(forms.Form):
    """The quarter of the report (this quarter by default), and whose: a team or a rep."""

    year = forms.IntegerField(
        label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR, required=False
    )
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        choices=[(q, f"Q{q}") for q in range(1, 5)],
        coerce=int,
        required=False,
    )
    team = forms.CharField(label=_("Team"), required=False)
    rep = forms.CharField(label=_("Rep"), required=False)

    def quarter_of(self) -> Quarter:
        current = Quarter.current()
        return Quarter(
            self.cleaned_data["year"] or current.year,
            self.cleaned_data["quarter"] or current.quarter,
        )


def readable_teams(user):
    """Teams whose figures ``user`` reads, as the attainment page offers them: the teams of
    the reps ``reps_of`` gives. A rep reads their own figures only, not their teammates'."""
    if user.role == Role.REP and not user.is_superuser:
        return Team.objects.none()
    return Team.objects.filter(pk__in=selectors.reps_of(user).values("team"))


def attainment(user, params, fmt) -> Document:
    form = AttainmentForm(params)
    if not form.is_valid():
        raise invalid_filters(form.errors)
    quarter = form.quarter_of()
    team = rep = None
    if form.cleaned_data["team"]:
        team = get_object_or_404(readable_teams(user), pk=as_id(form.cleaned_data["team"]) or 0)
    reps = selectors.reps_of(user, team=team).select_related("team")
    if form.cleaned_data["rep"]:
        rep = get_object_or_404(reps, pk=as_id(form.cleaned_data["rep"]) or 0)
        reps = reps.filter(pk=rep.pk)
    report = selectors.attainment(reps, quarter)
    if rep is not None:
        title = _("Target attainment report: %(name)s") % {"name": rep.display_name}
    elif team is not None:
        title = _("Target attainment report: %(name)s") % {"name": team.name}
    else:
        title = _("Target attainment report")
    filters = [(str(_("Team")), team.name)] if team is not None else []
    if rep is not None:
        filters.append((str(_("Rep")), rep.display_name))
    suffix = f"-{rep.username}" if rep else (f"-team-{team.pk}" if team else "")
    document = Document(
        meta=meta_for(title, user, period=quarter.label, filters=filters),
        filename=f"attainment-{quarter.year}-Q{quarter.quarter}{suffix}",
        size=len(report["reps"]),
    )
    if fmt == "xlsx":
        total = {
            "user": None,
            "name": str(_("Total")),
            "target": report["target"],
            "actual": report["actual"],
            "percent": report["percent"],
        }
        document.sheets = [
            Sheet(str(_("Attainment")), ATTAINMENT_COLUMNS, [*report["reps"], total])
        ]
    else:
        document.pdf_template = "sales_plans/exports/attainment.html"
        document.context = {"report": report, "team": team, "rep": rep}
    return document


def _rep_name(row) -> str:
    return row["user"].display_name if row["user"] is not None else row["name"]


def _rep_team(row) -> str:
    user = row["user"]
    return user.team.name if user is not None and user.team_id else ""


ATTAINMENT_COLUMNS = [
    Column(_rep_name, _("Rep")),
    Column(_rep_team, _("Team")),
    Column("target", _("Target"), "money"),
    Column("actual", _("Actual"), "money"),
    Column("percent", _("Attainment %"), "percent"),
]


register(ExportDefinition("sales_plans.order_list", _("Orders"), ("xlsx",), order_list))
register(ExportDefinition("sales_plans.sales_plan", _("Sales plan"), ("pdf", "xlsx"), sales_plan))
register(
    ExportDefinition(
        "sales_plans.attainment", _("Target attainment report"), ("pdf", "xlsx"), attainment
    )
)
