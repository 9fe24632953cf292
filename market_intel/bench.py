"""Benchmark cases of duty 3: competitors, market reports and their coverage, product
suggestions, and the four API lists.

``manage.py bench`` finds ``CASES`` (see ``kam.bench``). Paths are built when the run
starts, by name (``market_intel:…`` and ``market-api:…``). Competitors are everybody's:
a competitor's page is the same one for the persona and the empty user, the competitor
with the most activity (50,000 at the large size), which the empty user sees none of. A
report's or a suggestion's page compares the persona's busiest with the empty user's own
quiet one, created here (on the empty rep's quiet account from ``accounts.bench``).

R&D's queue is read as the ``rnd`` persona (the demo's R&D member), compared with the
quiet department's member, who sees no suggestion.
"""

from django.db.models import Count
from django.urls import reverse

from accounts.bench import quiet as quiet_account
from kam.bench import API, PAGE, BenchCase
from kam.dates import Quarter, company_today
from market_intel import services
from market_intel.models import Competitor, MarketReport, ProductSuggestion

EMPTY_REPORT = "Bench: report with no competitors"
EMPTY_SUGGESTION = "Bench: suggestion with no history"
#: The persona of R&D's queue (``kam.bench.PERSONAS``).
RND = "rnd"
OPEN = "?status=submitted&status=under_review"


def page(name: str, query: str = ""):
    """A path by URL name, resolved when the case runs (not when this module loads)."""
    return lambda context: reverse(f"market_intel:{name}") + query


def api(name: str, query: str = ""):
    return lambda context: reverse(f"market-api:{name}") + query


def busiest_competitor(context) -> Competitor:
    """The competitor with the most activity: its page's timeline and accounts are longest.
    The same one for the empty user, who sees its profile and none of its activity."""
    return (
        Competitor.objects.visible_to(context.user)
        .annotate(activity_count=Count("activities"))
        .order_by("-activity_count", "pk")
        .first()
    )


def busiest_report(context) -> MarketReport:
    """The newest visible report covering the most competitors."""
    return (
        MarketReport.objects.visible_to(context.user)
        .annotate(covered=Count("competitors"))
        .order_by("-covered", "-year", "-quarter", "pk")
        .first()
    )


def quiet_report(context) -> MarketReport:
    """The empty user's own draft of this quarter, covering nobody."""
    report = MarketReport.objects.filter(author=context.user, title=EMPTY_REPORT).first()
    quarter = Quarter.of(company_today())
    return report or services.market_report_create(
        by=context.user,
        title=EMPTY_REPORT,
        year=quarter.year,
        quarter=quarter.quarter,
        summary="—",
        body="—",
    )


def busiest_suggestion(context) -> ProductSuggestion:
    """The visible suggestion that the most accounts asked for."""
    return (
        ProductSuggestion.objects.visible_to(context.user)
        .annotate(asking=Count("accounts"))
        .order_by("-asking", "pk")
        .first()
    )


def quiet_suggestion(context) -> ProductSuggestion:
    """The empty rep's own suggestion, for their quiet account alone."""
    suggestion = ProductSuggestion.objects.filter(
        submitted_by=context.user, title=EMPTY_SUGGESTION
    ).first()
    return suggestion or services.suggestion_create(
        by=context.user,
        title=EMPTY_SUGGESTION,
        description="—",
        accounts=[quiet_account(context)],
    )


def detail(name: str, busiest, quiet):
    def path(context) -> str:
        record = quiet(context) if context.empty else busiest(context)
        return reverse(f"market_intel:{name}", args=[record.pk])

    return path


def competitor_page(context) -> str:
    return reverse("market_intel:competitor-detail", args=[busiest_competitor(context).pk])


report_page = detail("report-detail", busiest_report, quiet_report)
suggestion_page = detail("suggestion-detail", busiest_suggestion, quiet_suggestion)


def rnd_cases() -> list[BenchCase]:
    """R&D's queue: every open suggestion (hundreds at the large size), on the page and
    as R&D's scripts read it; needs the ``rnd`` persona."""
    return [
        BenchCase("/market/suggestions/", PAGE, RND, page("suggestion-list")),
        BenchCase(f"/market/suggestions/{OPEN}", PAGE, RND, page("suggestion-list", OPEN)),
        BenchCase(
            f"/api/v1/suggestions/{OPEN}&ordering=created_at",
            API,
            RND,
            api("suggestion-list", f"{OPEN}&ordering=created_at"),
        ),
    ]


CASES = [
    BenchCase("/market/competitors/", PAGE, "rep", page("competitor-list")),
    BenchCase("/market/competitors/", PAGE, "executive", page("competitor-list")),
    BenchCase("/market/competitors/[id]/", PAGE, "rep", competitor_page),
    BenchCase("/market/competitors/[id]/", PAGE, "executive", competitor_page),
    BenchCase("/market/reports/", PAGE, "rep", page("report-list")),
    BenchCase("/market/reports/", PAGE, "manager", page("report-list")),
    BenchCase("/market/reports/", PAGE, "executive", page("report-list")),
    BenchCase("/market/reports/[id]/", PAGE, "rep", report_page),
    BenchCase("/market/reports/[id]/", PAGE, "manager", report_page),
    # Who has published this quarter: the manager's team (the empty manager's has nobody).
    BenchCase("/market/reports/coverage/", PAGE, "manager", page("report-coverage")),
    BenchCase("/market/suggestions/", PAGE, "rep", page("suggestion-list")),
    BenchCase("/market/suggestions/", PAGE, "executive", page("suggestion-list")),
    BenchCase("/market/suggestions/[id]/", PAGE, "rep", suggestion_page),
    BenchCase("/api/v1/competitors/", API, "rep", api("competitor-list")),
    BenchCase("/api/v1/competitor-activities/", API, "executive", api("competitor-activity-list")),
    BenchCase("/api/v1/competitor-activities/", API, "rep", api("competitor-activity-list")),
    BenchCase("/api/v1/market-reports/", API, "executive", api("market-report-list")),
    BenchCase("/api/v1/market-reports/", API, "manager", api("market-report-list")),
    BenchCase("/api/v1/suggestions/", API, "executive", api("suggestion-list")),
    BenchCase("/api/v1/suggestions/", API, "rep", api("suggestion-list")),
    *rnd_cases(),
]
