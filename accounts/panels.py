"""What duty 1 contributes to the home page and the navigation (``kam.panels``)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import selectors
from accounts.models import Visit
from kam.panels import NavItem, Panel, home_panels, navigation
from kam.visibility import may_create

#: Rows per list on the home page; the account list has the rest.
HOME_LIST_LENGTH = 25
WORKERS = frozenset({"rep", "manager", "admin"})


def team_week(request):
    team = list(selectors.team_activity(request.user))
    return {"team": team, "unvisited_days": selectors.UNVISITED_DAYS}


def follow_ups(request):
    return {
        "follow_ups": list(selectors.open_follow_ups(request.user)[:HOME_LIST_LENGTH]),
        "list_length": HOME_LIST_LENGTH,
        "today": timezone.localdate(),
        "follow_up_days": selectors.FOLLOW_UP_HORIZON_DAYS,
    }


def unvisited(request):
    return {
        "unvisited": list(selectors.unvisited_accounts(request.user)[:HOME_LIST_LENGTH]),
        "list_length": HOME_LIST_LENGTH,
        "unvisited_days": selectors.UNVISITED_DAYS,
    }


def company_overview(request):
    return {"overview": selectors.company_overview(request.user)}


home_panels.register(
    Panel(
        "accounts.team_week",
        "accounts/panels/team_week.html",
        team_week,
        roles=frozenset({"manager"}),
        order=10,
    )
)
home_panels.register(
    Panel(
        "accounts.company_overview",
        "accounts/panels/company_overview.html",
        company_overview,
        roles=frozenset({"executive", "admin"}),
        order=10,
    )
)
home_panels.register(
    Panel("accounts.follow_ups", "accounts/panels/follow_ups.html", follow_ups, WORKERS, 20)
)
home_panels.register(
    Panel("accounts.unvisited", "accounts/panels/unvisited.html", unvisited, WORKERS, 30)
)

navigation.register(
    NavItem(
        "accounts.list",
        _("Accounts"),
        "accounts:account-list",
        roles=frozenset({"rep", "manager", "executive", "admin"}),
        order=10,
    )
)
navigation.register(
    NavItem(
        "accounts.log_visit",
        _("Log a visit"),
        "accounts:visit-create",
        button=True,
        allowed=lambda user: may_create(user, Visit),
    )
)
