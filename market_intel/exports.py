"""Duty 3's exports (``kam.exports``): a market report and a product improvement proposal
as PDF, the market report and suggestion lists as XLSX. Each starts from ``visible_to``
and the page's parameters."""

import datetime as dt

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import Tier
from accounts.models import Account
from kam.bounds import as_id
from kam.dates import company_today
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
from market_intel.choices import ActivityKind
from market_intel.filtersets import MarketReportFilterSet, ProductSuggestionFilterSet
from market_intel.markdown import render
from market_intel.models import (
    Competitor,
    CompetitorActivity,
    MarketReport,
    ProductSuggestion,
)

#: The newest activities a proposal lists as its evidence.
PROPOSAL_ACTIVITIES = 50


def _names(related: str):
    """A column's value: the names of a prefetched many-to-many, in their model's order."""

    def value(row) -> str:
        return ", ".join(item.name for item in getattr(row, related).all())

    return value


# -- one market report ----------------------------------------------------------------------


def market_report(user, params, fmt) -> Document:
    # Drafts are their author's alone (MarketReportQuerySet): anyone else gets a 404.
    report = get_object_or_404(
        MarketReport.objects.visible_to(user)
        .select_related("author")
        .prefetch_related(Prefetch("competitors", queryset=Competitor.objects.only("name"))),
        pk=as_id(params.get("report")) or 0,
    )
    return Document(
        meta=meta_for(report.title, user, period=report.period),
        filename=f"market-report-{report.year}-Q{report.quarter}-{report.pk}",
        pdf_template="market_intel/exports/market_report.html",
        context={
            "report": report,
            "competitors": [competitor.name for competitor in report.competitors.all()],
            # The author's Markdown, cleaned by the allow-list: no script reaches the PDF.
            "body": render(report.body),
        },
        size=1,
    )


# -- the product improvement proposal -------------------------------------------------------


def a_year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def proposal_evidence(account_ids, since: dt.date, until: dt.date) -> tuple[list[dict], bool]:
    """The newest ``PROPOSAL_ACTIVITIES`` competitor activities seen at the accounts from
    ``since`` to ``until`` (both included), as plain values, and whether there were more.

    Not filtered by the exporting user's ``CompetitorActivity.visible_to``: R&D sees no
    account's activity log, yet these activities are the evidence it decides the
    suggestion on. They are reached through the suggestion the user sees, at the accounts
    its author attached (accounts the author looked after, ``services._check_accounts``),
    and only what the competitor did is read: competitor, kind, date and details, plus the
    account's name, which the proposal's list of accounts shows already. No reporter and
    nothing else of the account (code, region, owner, figures, contacts) is read, so the
    proposal stays within "of accounts only their name and tier".
    """
    if not account_ids:
        return [], False
    rows = (
        CompetitorActivity.objects.filter(
            account__in=account_ids, observed_on__gte=since, observed_on__lte=until
        )
        .order_by("-observed_on", "-id")
        .values("observed_on", "competitor__name", "kind", "details", "account__name")
    )[: PROPOSAL_ACTIVITIES + 1]
    activities = [
        {
            "observed_on": row["observed_on"],
            "competitor": row["competitor__name"],
            "kind": ActivityKind(row["kind"]).label,
            "details": row["details"],
            "account": row["account__name"],
        }
        for row in rows
    ]
    return activities[:PROPOSAL_ACTIVITIES], len(activities) > PROPOSAL_ACTIVITIES


def proposal(user, params, fmt) -> Document:
    """Duty 3's deliverable: a suggestion, the accounts that asked for it and the competitor
    activity seen at them in the year before it was submitted.

    Whoever sees the suggestion (its author, their manager, the executives, R&D) gets the
    same document. The accounts go to the template as plain values, name and tier, as R&D
    reads them.
    """
    suggestion = get_object_or_404(
        ProductSuggestion.objects.visible_to(user).select_related("submitted_by", "decided_by"),
        pk=as_id(params.get("suggestion")) or 0,
    )
    accounts = list(suggestion.accounts.order_by("name", "id").values_list("pk", "name", "tier"))
    submitted_on = company_today(suggestion.created_at)
    since = a_year_before(submitted_on)
    activities, more = proposal_evidence([pk for pk, _name, _tier in accounts], since, submitted_on)
    return Document(
        meta=meta_for(
            _("Product improvement proposal: %(title)s") % {"title": suggestion.title}, user
        ),
        filename=f"proposal-{suggestion.pk}",
        pdf_template="market_intel/exports/proposal.html",
        context={
            "suggestion": suggestion,
            "submitted_on": submitted_on,
            "accounts": [{"name": name, "tier": Tier(tier).label} for _pk, name, tier in accounts],
            "activities": activities,
            "more_activities": more,
            "since": since,
            "limit": PROPOSAL_ACTIVITIES,
        },
        size=len(accounts) + len(activities),
    )


# -- the market report list -----------------------------------------------------------------

REPORT_COLUMNS = [
    Column("title", _("Title")),
    Column("author.display_name", _("Author")),
    Column("period", _("Period")),
    Column("get_status_display", _("Status")),
    Column("published_at", _("Published at"), "datetime"),
    Column(_names("competitors"), _("Competitors covered")),
]


def report_list(user, params, fmt) -> Document:
    filterset = MarketReportFilterSet(
        params,
        queryset=MarketReport.objects.visible_to(user)
        .select_related("author")
        .prefetch_related(Prefetch("competitors", queryset=Competitor.objects.only("name"))),
        request=ExportRequest(user),
    )
    if not filterset.is_valid():
        raise invalid_filters(filterset.errors)
    reports = filterset.qs
    return Document(
        meta=meta_for(_("Market reports"), user, filters=applied_filters(filterset.form)),
        filename=f"market-reports-{timezone.localdate().isoformat()}",
        sheets=[Sheet(str(_("Market reports")), REPORT_COLUMNS, reports)],
        size=reports.count(),
    )


# -- the suggestion list --------------------------------------------------------------------

SUGGESTION_COLUMNS = [
    Column("title", _("Title")),
    Column("submitted_by.display_name", _("Submitted by")),
    # Of the accounts their names only: R&D exports this list too.
    Column(_names("accounts"), _("Accounts asking")),
    Column("get_status_display", _("Status")),
    Column("decided_by.display_name", _("Decided by")),
    Column("decided_on", _("Decided on"), "date"),
    Column("decision_note", _("Decision note")),
]


def suggestion_list(user, params, fmt) -> Document:
    filterset = ProductSuggestionFilterSet(
        params,
        queryset=ProductSuggestion.objects.visible_to(user)
        .select_related("submitted_by", "decided_by")
        .prefetch_related(
            Prefetch("accounts", queryset=Account.objects.only("name").order_by("name", "id"))
        ),
        request=ExportRequest(user),
    )
    if not filterset.is_valid():
        raise invalid_filters(filterset.errors)
    suggestions = filterset.qs
    return Document(
        meta=meta_for(_("Product suggestions"), user, filters=applied_filters(filterset.form)),
        filename=f"suggestions-{timezone.localdate().isoformat()}",
        sheets=[Sheet(str(_("Product suggestions")), SUGGESTION_COLUMNS, suggestions)],
        size=suggestions.count(),
    )


register(
    ExportDefinition("market_intel.market_report", _("Market report"), ("pdf",), market_report)
)
register(
    ExportDefinition("market_intel.proposal", _("Product improvement proposal"), ("pdf",), proposal)
)
register(ExportDefinition("market_intel.report_list", _("Market reports"), ("xlsx",), report_list))
register(
    ExportDefinition(
        "market_intel.suggestion_list", _("Product suggestions"), ("xlsx",), suggestion_list
    )
)
