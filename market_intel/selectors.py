"""Reads of duty 3: who has published this quarter, adoption rates, R&D's queue, what a
competitor did and where. Aggregates in SQL, from ``visible_to``."""

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, F, Max, Q, Value, When

from accounts.models import Account
from kam.choices import Role
from kam.dates import Quarter
from kam.figures import percent
from market_intel.choices import OPEN_SUGGESTION, ReportStatus, SuggestionStatus
from market_intel.models import CompetitorActivity, MarketReport, ProductSuggestion


def published_in(quarter: Quarter) -> Q:
    """A report that counts for ``quarter``: published with ``published_at`` in it (the
    ``market_reports`` KPI), in the company's time zone."""
    return Q(
        status=ReportStatus.PUBLISHED,
        published_at__gte=quarter.start_at(),
        published_at__lt=quarter.end_at(),
    )


def report_coverage(user, quarter: Quarter, *, team=None, owner=None) -> list:
    """The reps ``user`` sees (a manager: their teams'; or of ``team``, or ``owner``), each
    with the reports they published in ``quarter`` and their drafts for it, missing ones
    first. One query."""
    reps = get_user_model().objects.visible_to(user).filter(role=Role.REP, is_active=True)
    if team is not None:
        reps = reps.filter(team=team)
    if owner is not None:
        reps = reps.filter(pk=owner.pk)
    reps = (
        reps.select_related("team")
        .annotate(
            published=Count(
                "market_reports",
                filter=Q(
                    market_reports__status=ReportStatus.PUBLISHED,
                    market_reports__published_at__gte=quarter.start_at(),
                    market_reports__published_at__lt=quarter.end_at(),
                ),
            ),
            drafts=Count(
                "market_reports",
                filter=Q(
                    market_reports__status=ReportStatus.DRAFT,
                    market_reports__year=quarter.year,
                    market_reports__quarter=quarter.quarter,
                ),
            ),
            last_published=Max(
                "market_reports__published_at",
                filter=Q(market_reports__status=ReportStatus.PUBLISHED),
            ),
        )
        .order_by("published", "team__name", "first_name", "last_name", "username")
    )
    return list(reps)


def adoption(user, quarter: Quarter) -> dict:
    """``user``'s suggestions decided in ``quarter``: adopted ÷ adopted + rejected (the
    ``suggestion_adoption`` KPI), with its numerator and denominator."""
    figures = ProductSuggestion.objects.filter(
        submitted_by=user, decided_on__gte=quarter.start, decided_on__lte=quarter.end
    ).aggregate(
        adopted=Count("pk", filter=Q(status=SuggestionStatus.ADOPTED)),
        decided=Count(
            "pk", filter=Q(status__in=(SuggestionStatus.ADOPTED, SuggestionStatus.REJECTED))
        ),
    )
    return {**figures, "percent": percent(figures["adopted"], figures["decided"])}


def suggestions_waiting(user):
    """Suggestions not decided yet, oldest first (R&D's queue)."""
    return (
        ProductSuggestion.objects.visible_to(user)
        .filter(status__in=OPEN_SUGGESTION)
        .select_related("submitted_by")
        .order_by("created_at", "id")
    )


#: Accounts listed on a competitor's page; the count says how many there are in all.
ACCOUNTS_SHOWN = 20


def competitor_accounts(user, competitor, limit: int = ACCOUNTS_SHOWN) -> dict:
    """The accounts ``user`` sees where ``competitor`` was seen, the latest first, with how
    often (at most ``limit``), and how many there are in all. Two queries."""
    accounts = Account.objects.visible_to(user).filter(competitor_activities__competitor=competitor)
    return {
        "rows": list(
            accounts.annotate(
                sightings=Count("competitor_activities"),
                last_seen=Max("competitor_activities__observed_on"),
            ).order_by("-last_seen", "name")[:limit]
        ),
        "total": accounts.values("pk").distinct().count(),
    }


def activity_by_quarter(user, competitor, quarters: int = 8) -> list:
    """How often ``competitor`` was seen per quarter, for the last ``quarters`` (oldest
    first), as ``{"quarter", "count"}``; one query."""
    current = Quarter.current()
    periods = [current]
    for _ in range(quarters - 1):
        periods.insert(0, periods[0].previous())
    counts = (
        CompetitorActivity.objects.visible_to(user)
        .filter(competitor=competitor, observed_on__gte=periods[0].start)
        .aggregate(
            **{
                f"q{i}": Count(
                    "pk", filter=Q(observed_on__gte=period.start, observed_on__lte=period.end)
                )
                for i, period in enumerate(periods)
            }
        )
    )
    return [{"quarter": period, "count": counts[f"q{i}"]} for i, period in enumerate(periods)]


def my_report(user, quarter: Quarter):
    """The rep's report for ``quarter``: the latest published in it, else a draft for it
    (one query)."""
    draft = Q(status=ReportStatus.DRAFT, year=quarter.year, quarter=quarter.quarter)
    return (
        MarketReport.objects.visible_to(user)
        .filter(author=user)
        .filter(published_in(quarter) | draft)
        .order_by(
            Case(When(status=ReportStatus.PUBLISHED, then=Value(0)), default=Value(1)),
            F("published_at").desc(nulls_last=True),
            "-updated_at",
        )
        .first()
    )
