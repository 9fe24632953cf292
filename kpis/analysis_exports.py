"""The sales analysis's filters and its export (``kam.exports``): the page's tables as one
XLSX, from the same form and the same selectors as the page, so the file holds what the
reader saw.

The form lives here, as ``sales_plans.exports.AttainmentForm`` does, because the export
needs it without importing the page's views.
"""

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from kam.bounds import MAX_YEAR, MIN_YEAR
from kam.choices import Role
from kam.dates import Quarter, company_today
from kam.exports import (
    Column,
    Document,
    ExportDefinition,
    Sheet,
    invalid_filters,
    meta_for,
    register,
)
from kam.models import Team
from kpis import analysis
from sales_plans.forms import quarter_choices
from sales_plans.selectors import reps_of

EXPORT_NAME = "kpis.analysis"
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def reads_analysis(user) -> bool:
    """Whether ``user`` has a sales analysis: those who sell or manage selling. A department
    member has no orders of their own to analyse (their pages answer 404)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.role in (Role.REP, Role.MANAGER, Role.EXECUTIVE, Role.ADMIN)


class MonthInput(forms.TextInput):
    input_type = "month"


class AnalysisForm(forms.Form):
    """The period (a quarter, or from/to months: the last twelve by default), the trend's
    dimension and, for managers and executives, a team."""

    quarter = forms.ChoiceField(label=_("Quarter"), required=False)
    start = forms.CharField(
        label=_("From month"),
        required=False,
        widget=MonthInput(attrs={"placeholder": "YYYY-MM"}),
        help_text=_("Used when no quarter is chosen."),
    )
    end = forms.CharField(
        label=_("To month"), required=False, widget=MonthInput(attrs={"placeholder": "YYYY-MM"})
    )
    dimension = forms.ChoiceField(
        label=_("Trend by"), choices=list(analysis.DIMENSIONS.items()), required=False
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("All")
    )

    def __init__(self, *args, user, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.today = today or company_today()
        default = analysis.Period.months_through(self.today)
        self.fields["quarter"].choices = [("", _("Months below"))] + quarter_choices(
            self.today, ahead=0
        )
        self.initial.setdefault("start", default.first.strftime("%Y-%m"))
        self.initial.setdefault("end", default.last.strftime("%Y-%m"))
        self.initial.setdefault("dimension", "team")
        if user.role == Role.REP and not user.is_superuser:
            del self.fields["team"]
        else:
            self.fields["team"].queryset = Team.objects.filter(
                pk__in=reps_of(user).values("team")
            ).order_by("name")

    def _month(self, name: str) -> dt.date | None:
        value = (self.cleaned_data.get(name) or "").strip()
        if not value:
            return None
        match = _MONTH.match(value)
        if not match or not 1 <= int(match[2]) <= 12 or not MIN_YEAR <= int(match[1]) <= MAX_YEAR:
            raise ValidationError(_("Enter a month as YYYY-MM."), code="invalid_month")
        return dt.date(int(match[1]), int(match[2]), 1)

    def clean_start(self):
        return self._month("start")

    def clean_end(self):
        return self._month("end")

    def clean(self):
        data = super().clean()
        if data.get("quarter"):
            year, number = (int(part) for part in data["quarter"].split("-"))
            data["period"] = analysis.Period.of_quarter(Quarter(year, number))
        elif "start" in data and "end" in data:
            last = data["end"] or self.today.replace(day=1)
            first = data["start"] or analysis.add_months(last, -11)
            if first > last:
                raise ValidationError(
                    _("The first month must not come after the last."), code="months_reversed"
                )
            period = analysis.Period(first, last)
            if period.length > analysis.MAX_MONTHS:
                raise ValidationError(
                    _("Choose at most %(max)d months."),
                    code="too_many_months",
                    params={"max": analysis.MAX_MONTHS},
                )
            data["period"] = period
        return data

    def chosen(self) -> dict:
        """``{"period", "dimension", "team"}``: the last twelve months, by team, everyone
        visible when the form is unbound or invalid (the page then shows the errors)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "period": data.get("period") or analysis.Period.months_through(self.today),
            "dimension": data.get("dimension") or "team",
            "team": data.get("team"),
        }

    def applied(self) -> list[tuple[str, str]]:
        """The choices as the export's header names them."""
        chosen = self.chosen()
        applied = [
            (str(_("Period")), chosen["period"].label),
            (str(_("Trend by")), str(analysis.DIMENSIONS[chosen["dimension"]])),
        ]
        if chosen["team"] is not None:
            applied.append((str(_("Team")), chosen["team"].name))
        return applied


# -- the export -----------------------------------------------------------------------------

TREND_COLUMNS = [
    Column("month", _("Month"), "date"),
    Column("label", _("Group")),
    Column("amount", _("Amount"), "money"),
    Column("count", _("Orders"), "int"),
]
TOP_COLUMNS = [
    Column("code", _("Account code")),
    Column("name", _("Account")),
    Column("tier_label", _("Tier")),
    Column("amount", _("Amount"), "money"),
    Column("previous", _("Previous period"), "money"),
    Column("growth", _("Growth %"), "percent"),
]
BEHAVIOUR_COLUMNS = [
    Column("code", _("Account code")),
    Column("name", _("Account")),
    Column("orders", _("Orders"), "int"),
    Column("frequency", _("Orders per month"), "decimal"),
    Column("last", _("Last order"), "date"),
    Column("recency", _("Days since last order"), "int"),
    Column("amount", _("Amount"), "money"),
    Column("average", _("Average order value"), "money"),
]
FUNNEL_COLUMNS = [
    Column("label", _("Stage")),
    Column("count", _("Deals"), "int"),
    Column("amount", _("Amount"), "money"),
]
FUNNEL_FACT_COLUMNS = [
    Column("label", _("Figure")),
    Column("value", _("Value"), "decimal"),
]


def trend_rows(trend: dict) -> list[dict]:
    """The trend long-form: one row per month and group (the chart's points)."""
    return [
        {
            "month": month,
            "label": str(line["label"]),
            "amount": line["amounts"][i],
            "count": line["counts"][i],
        }
        for line in trend["series"]
        for i, month in enumerate(trend["months"])
    ]


def funnel_rows(figures: dict) -> list[dict]:
    return [
        {"label": str(row["stage"].label), "count": row["count"], "amount": row["amount"]}
        for row in figures["stages"]
    ]


def funnel_facts(figures: dict) -> list[dict]:
    return [
        {"label": str(_("Win rate %")), "value": figures["win_rate"]},
        {"label": str(_("Won")), "value": figures["won"]},
        {"label": str(_("Lost")), "value": figures["lost"]},
        {"label": str(_("Won amount")), "value": figures["won_amount"]},
        {"label": str(_("Cycle (days)")), "value": figures["cycle_days"]},
    ]


def analysis_export(user, params, fmt) -> Document:
    if not reads_analysis(user):
        raise Http404
    form = AnalysisForm(params, user=user)
    if not form.is_valid():
        raise invalid_filters(form.errors)
    report = analysis.sales_analysis(user, **form.chosen())
    period = report["period"]
    suffix = f"-team-{report['team'].pk}" if report["team"] is not None else ""
    return Document(
        meta=meta_for(_("Sales analysis"), user, period=period.label, filters=form.applied()),
        filename=f"sales-analysis-{period.first:%Y-%m}-{period.last:%Y-%m}{suffix}",
        sheets=[
            Sheet(str(_("Trend")), TREND_COLUMNS, trend_rows(report["trend"])),
            Sheet(str(_("Top accounts")), TOP_COLUMNS, report["top_accounts"]),
            Sheet(str(_("Customer behaviour")), BEHAVIOUR_COLUMNS, report["behaviour"]["accounts"]),
            Sheet(str(_("Funnel")), FUNNEL_COLUMNS, funnel_rows(report["funnel"])),
            Sheet(str(_("Funnel figures")), FUNNEL_FACT_COLUMNS, funnel_facts(report["funnel"])),
        ],
        # Aggregates: a few hundred rows at most, always written at once.
        size=0,
    )


register(ExportDefinition(EXPORT_NAME, _("Sales analysis"), ("xlsx",), analysis_export))
