"""What duty 5 contributes to the home page and the navigation: the scorecards."""

from django.utils.translation import gettext_lazy as _

from kam.choices import Role
from kam.dates import Quarter
from kam.panels import NavItem, Panel, home_panels, navigation
from kpis import selectors
from kpis.choices import Metric, Scope

#: Rep rows the manager's home panel shows (the dashboard has them all).
HOME_REPS = 12


def my_scorecard(request):
    quarter = Quarter.current()
    card = selectors.rep_card(request.user, request.user, quarter)
    return {
        "quarter": quarter,
        "metrics": list(Metric),
        "rows": [selectors.Row.of(card)] if card else [],
        "title": _("My scorecard"),
        "more_url_args": [request.user.pk],
    }


def team_scorecards(request):
    quarter = Quarter.current()
    table = selectors.team_table(request.user, quarter)
    reps = list(table["reps"][: HOME_REPS + 1])
    return {
        "quarter": quarter,
        "metrics": list(Metric),
        "rows": selectors.rows(reps[:HOME_REPS]) + table["teams"],
        "more": len(reps) > HOME_REPS,
        "title": _("My team's scorecards"),
    }


def company_scorecards(request):
    quarter = Quarter.current()
    table = selectors.team_table(request.user, quarter)
    rows = table["teams"][:HOME_REPS] + ([table["company"]] if table["company"] else [])
    return {
        "quarter": quarter,
        "metrics": list(Metric),
        "rows": rows,
        "more": len(table["teams"]) > HOME_REPS,
        "title": _("Company and teams"),
        "company_scope": Scope.COMPANY,
    }


for name, context, roles, order in [
    ("kpis.my_scorecard", my_scorecard, frozenset({Role.REP}), 4),
    ("kpis.team_scorecards", team_scorecards, frozenset({Role.MANAGER}), 4),
    ("kpis.company_scorecards", company_scorecards, frozenset({Role.EXECUTIVE, Role.ADMIN}), 4),
]:
    home_panels.register(
        Panel(name, "kpis/panels/scorecards.html", context, roles=roles, order=order)
    )

ACCOUNT_TEAMS = frozenset({Role.REP, Role.MANAGER, Role.EXECUTIVE, Role.ADMIN})
for name, label, url_name, order in [
    ("kpis.dashboard", _("KPIs"), "kpis:dashboard", 15),
    ("kpis.analysis", _("Sales analysis"), "kpis:analysis", 16),
]:
    navigation.register(NavItem(name, label, url_name, roles=ACCOUNT_TEAMS, order=order))
