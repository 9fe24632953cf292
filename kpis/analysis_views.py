"""The sales analysis page (duty 5): trend, top accounts, customer behaviour, funnel.

A GET form (it works without JavaScript) chooses the period, the trend's dimension and a
team; every figure comes from ``kpis.analysis`` over what ``visible_to`` the reader holds.
Each chart is drawn by ``static/js/charts.js`` from a JSON element (the CSP allows no
inline script) and is also a table, which is what a screen reader and the export read.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kam.dates import company_today
from kam.exports import export_formats
from kam.summaries import for_reader
from kam.views.exports import export as shared_export
from kpis import analysis
from kpis.analysis_exports import EXPORT_NAME, AnalysisForm, reads_analysis


def month_label(month) -> str:
    return date_format(month, "YEAR_MONTH_FORMAT")


def chart_data(report: dict) -> dict:
    """What each chart draws, exactly the figures of the table next to it (amounts as
    decimal strings: no float rounding between the two)."""
    trend = report["trend"]
    months = [month_label(month) for month in trend["months"]]
    return {
        "amount": {
            "type": "bar",
            "stacked": True,
            "labels": months,
            "datasets": [
                {"label": str(line["label"]), "data": [str(a) for a in line["amounts"]]}
                for line in trend["series"]
            ],
        },
        "orders": {
            "type": "line",
            "stacked": False,
            "integer": True,
            "labels": months,
            "datasets": [
                {"label": str(line["label"]), "data": list(line["counts"])}
                for line in trend["series"]
            ],
        },
        "top": {
            "type": "bar",
            "stacked": False,
            "horizontal": True,
            "labels": [row["name"] for row in report["top_accounts"]],
            "datasets": [
                {
                    "label": _("This period"),
                    "data": [str(row["amount"]) for row in report["top_accounts"]],
                },
                {
                    "label": _("Previous period"),
                    "data": [str(row["previous"]) for row in report["top_accounts"]],
                },
            ],
        },
    }


def export_query(chosen: dict) -> str:
    """The page's choices in the export's parameters."""
    period = chosen["period"]
    quarter = period.quarter()
    params = {"dimension": chosen["dimension"]}
    if quarter is not None:
        params["quarter"] = f"{quarter.year}-{quarter.quarter}"
    else:
        params["start"], params["end"] = f"{period.first:%Y-%m}", f"{period.last:%Y-%m}"
    if chosen["team"] is not None:
        params["team"] = chosen["team"].pk
    return urlencode(params)


def analysis_of(request, chosen: dict) -> tuple[dict, object]:
    """``(report, as_of)``: the company's analysis (a second of aggregates over every order
    at the large size) is a summary, kept five minutes and refreshable, for a reader who
    sees everything (``kam.summaries.for_reader``); anyone else's is computed on every view."""
    return for_reader(
        request,
        "kpis.analysis",
        lambda: analysis.sales_analysis(request.user, **chosen),
        export_query(chosen),
        company_today(),
    )


@require_GET
@login_required
def analysis_page(request):
    if not reads_analysis(request.user):
        raise Http404
    form = AnalysisForm(request.GET or None, user=request.user)
    status = 400 if form.is_bound and not form.is_valid() else 200
    chosen = form.chosen()
    report, as_of = analysis_of(request, chosen)
    trend = report["trend"]
    context = {
        "form": form,
        "report": report,
        "trend": trend,
        # Rows of the trend tables: a month, its cell per series, and the month's total.
        "trend_rows": [
            {
                "month": month,
                "label": month_label(month),
                "cells": [
                    {
                        "label": line["label"],
                        "amount": line["amounts"][i],
                        "count": line["counts"][i],
                    }
                    for line in trend["series"]
                ],
                "amount": trend["amounts"][i],
                "count": trend["counts"][i],
            }
            for i, month in enumerate(trend["months"])
        ],
        "charts": chart_data(report),
        "funnel": report["funnel"],
        "as_of": as_of,
        "export_query": export_query(chosen),
        "export_formats": export_formats(EXPORT_NAME),
    }
    return render(request, "kpis/analysis.html", context, status=status)


@require_GET
@login_required
def analysis_export(request, fmt: str = "xlsx"):
    """The page's tables as a file, through the shared exporter (``/exports/…``)."""
    return shared_export(request, EXPORT_NAME, fmt)
