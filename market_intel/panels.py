"""What duty 3 contributes to the home page, the navigation and the account page's tabs."""

from django.utils.translation import gettext_lazy as _

from accounts.tabs import account_tabs, count_of
from kam.choices import Role
from kam.dates import Quarter
from kam.panels import NavItem, Panel, home_panels, navigation
from market_intel import selectors
from market_intel.models import CompetitorActivity
from market_intel.querysets import is_rnd

HOME_LIST_LENGTH = 10
TAB_LIST_LENGTH = 20
ACCOUNT_TEAMS = frozenset({Role.REP, Role.MANAGER, Role.EXECUTIVE, Role.ADMIN})


def my_report(request):
    quarter = Quarter.current()
    return {"quarter": quarter, "report": selectors.my_report(request.user, quarter)}


def missing_reports(request):
    quarter = Quarter.current()
    reps = selectors.report_coverage(request.user, quarter)
    return {"quarter": quarter, "missing": [rep for rep in reps if not rep.published]}


def suggestions_waiting(request):
    if not is_rnd(request.user):
        return None
    return {
        "suggestions": list(selectors.suggestions_waiting(request.user)[:HOME_LIST_LENGTH]),
        "list_length": HOME_LIST_LENGTH,
    }


for name, template, context, roles, order in [
    ("market_intel.suggestions_waiting", "suggestions_waiting", suggestions_waiting,
     frozenset({Role.DEPARTMENT}), 2),
    ("market_intel.missing_reports", "missing_reports", missing_reports,
     frozenset({Role.MANAGER}), 8),
    ("market_intel.my_report", "my_report", my_report, frozenset({Role.REP}), 18),
]:  # fmt: skip
    home_panels.register(
        Panel(name, f"market_intel/panels/{template}.html", context, roles=roles, order=order)
    )

for name, label, url_name, roles, order in [
    ("market_intel.competitors", _("Competitors"), "market_intel:competitor-list",
     ACCOUNT_TEAMS, 40),
    ("market_intel.reports", _("Market reports"), "market_intel:report-list", ACCOUNT_TEAMS, 41),
    ("market_intel.suggestions", _("Suggestions"), "market_intel:suggestion-list",
     ACCOUNT_TEAMS | {Role.DEPARTMENT}, 42),
]:  # fmt: skip
    navigation.register(
        NavItem(
            name,
            label,
            url_name,
            roles=frozenset(roles),
            order=order,
            # A department member other than R&D has no suggestions to see.
            allowed=(lambda user: user.role != Role.DEPARTMENT or is_rnd(user))
            if name == "market_intel.suggestions"
            else None,
        )
    )


def competitors_tab(request, account, **kwargs):
    return {
        "activities": list(
            CompetitorActivity.objects.visible_to(request.user)
            .filter(account=account)
            .select_related("competitor", "reported_by")
            .order_by("-observed_on", "-id")[:TAB_LIST_LENGTH]
        ),
        "list_length": TAB_LIST_LENGTH,
    }


account_tabs.register(
    Panel(
        "competitors",
        "market_intel/tabs/competitors.html",
        competitors_tab,
        order=65,
        label=_("Competitors"),
        count=lambda: count_of(CompetitorActivity),
    )
)
