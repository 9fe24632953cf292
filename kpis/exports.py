"""Duty 5's deliverable through the shared exporter (``kam.exports``): the performance
summary of a rep's or a team's quarter — the scorecard with its numerators and
denominators, attainment against the plan, and the quarter's highlights (the top accounts
and what pulled the figures down) — as PDF and XLSX. It starts from the scorecards
``visible_to`` the user; another's answers 404."""

from django.db.models import Count, Sum
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from kam.bounds import as_id
from kam.exports import Column, Document, ExportDefinition, Sheet, meta_for, register

# The sales analysis export lives beside its page's form: imported here, it is registered
# wherever ``kam`` discovers the apps' exports (a worker too).
from kpis import (
    analysis_exports,  # noqa: F401
    drill,
    metrics,
    selectors,
)
from kpis.choices import Metric, Scope
from kpis.templatetags.kpis_format import kpi_target, kpi_value
from sales_plans.models import Order

#: Accounts the summary names as the quarter's biggest.
TOP_ACCOUNTS = 10


def highlights(user, card) -> dict:
    """The quarter's orders of the scorecard's reps, in total and by their top accounts
    (two queries), within what ``user`` sees."""
    orders = metrics.records(
        Metric.ATTAINMENT,
        card.period,
        selectors.scope_reps(card),
        among=Order.objects.visible_to(user),
    )
    totals = orders.aggregate(orders=Count("pk"), total=Sum("amount"))
    top = list(
        orders.values("account__name")
        .annotate(orders=Count("pk"), total=Sum("amount"))
        .order_by("-total", "account__name")[:TOP_ACCOUNTS]
    )
    return {"totals": totals, "top_accounts": top}


def performance_summary(user, params, fmt) -> Document:
    # Whoever reads the scorecard (its rep, their manager, the executives) may export it.
    card = selectors.card_of(user, as_id(params.get("scorecard")) or 0)
    if card is None:
        raise Http404
    row = selectors.Row.of(card)
    cells = [
        {
            "label": Metric(cell.metric).label,
            "value": kpi_value(cell.value, cell.metric),
            "target": kpi_target(cell),
            "numerator": cell.numerator,
            "denominator": cell.denominator,
            "met": cell.met,
        }
        for cell in row.cells
        if cell is not None
    ]
    found = highlights(user, card)
    pulled = drill.pull_downs(user, card.user, card.period) if card.scope == Scope.REP else []
    title = _("Performance summary: %(subject)s") % {"subject": card.subject}
    return Document(
        meta=meta_for(title, user, period=card.period.label),
        filename=f"performance-{card.scope}-{card.user_id or card.team_id or 'company'}-"
        f"{card.year}-Q{card.quarter}",
        sheets=[
            Sheet(
                str(_("Scorecard")),
                [
                    Column("label", _("Metric")),
                    Column("value", _("Value")),
                    Column("target", _("Target")),
                    Column("numerator", _("Numerator"), "decimal"),
                    Column("denominator", _("Denominator"), "decimal"),
                    Column("met", _("Met"), "bool"),
                ],
                cells,
            ),
            Sheet(
                str(_("Top accounts")),
                [
                    Column("account__name", _("Account")),
                    Column("orders", _("Orders"), "int"),
                    Column("total", _("Amount"), "money"),
                ],
                found["top_accounts"],
            ),
        ],
        pdf_template="kpis/exports/performance_summary.html",
        context={"card": card, "cells": cells, "pull_downs": pulled, **found},
        size=len(cells) + len(found["top_accounts"]),
    )


register(
    ExportDefinition(
        "kpis.performance_summary",
        _("Performance summary"),
        ("pdf", "xlsx"),
        performance_summary,
    )
)
