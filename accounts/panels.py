"""What duty 1 contributes to the home page, the navigation and the account page's tabs."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import selectors
from accounts.models import Contact, SurveyResponse, Visit
from accounts.tabs import account_tabs, count_of
from kam.panels import NavItem, Panel, home_panels, navigation
from kam.summaries import summary
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
    """The whole company's figures: a summary (``kam.summaries``), refreshable."""
    overview, as_of = summary(
        request, "accounts.company-overview", lambda: selectors.company_overview(request.user)
    )
    return {"overview": {**overview, "as_of": as_of}}


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


# -- the account page's tabs ----------------------------------------------------------------

#: How many visits the visits tab shows; older ones page in ("Older visits").
TIMELINE_LENGTH = 50
SURVEYS_SHOWN = 20
OVERVIEW_VISITS = 3


def overview_tab(request, account, **kwargs):
    plan = selectors.current_plan(account, with_actions=False)
    return {
        "csat": selectors.account_csat(account),
        "latest_visits": list(selectors.visits_for_account(account)[:OVERVIEW_VISITS]),
        "follow_up": selectors.open_follow_ups(request.user).filter(account=account).first(),
        "key_people": list(selectors.key_stakeholders(account)),
        "plan": plan,
        **(selectors.plan_action_counts(plan) if plan else {}),
        "today": timezone.localdate(),
    }


def stakeholders_tab(request, account, **kwargs):
    return {"stakeholders": selectors.stakeholder_tree(account)}


def visits_tab(request, account, **kwargs):
    visits = list(selectors.visits_for_account(account)[: TIMELINE_LENGTH + 1])
    return {
        "visits": visits[:TIMELINE_LENGTH],
        "next_page": 2 if len(visits) > TIMELINE_LENGTH else None,
    }


def satisfaction_tab(request, account, **kwargs):
    return {
        "csat": selectors.account_csat(account),
        "surveys": list(selectors.surveys_for_account(account)[:SURVEYS_SHOWN]),
    }


def plan_tab(request, account, **kwargs):
    plan = selectors.current_plan(account)
    actions = list(plan.actions.all()) if plan else []
    other_plans = account.relationship_plans.only("id", "year", "quarter", "status")
    if plan:
        other_plans = other_plans.exclude(pk=plan.pk)
    return {
        "plan": plan,
        "plan_actions": actions,
        "open_actions": sum(1 for action in actions if action.done_on is None),
        "overdue_actions": sum(1 for action in actions if action.is_overdue),
        "other_plans": list(other_plans),
    }


for order, (name, label, context, count) in enumerate(
    [
        ("overview", _("Overview"), overview_tab, None),
        ("stakeholders", _("Stakeholders"), stakeholders_tab, lambda: count_of(Contact)),
        ("visits", _("Visits"), visits_tab, lambda: count_of(Visit)),
        ("satisfaction", _("Satisfaction"), satisfaction_tab, lambda: count_of(SurveyResponse)),
        ("plan", _("Plan"), plan_tab, None),
    ]
):
    account_tabs.register(
        Panel(
            name,
            f"accounts/tabs/{name}.html",
            context,
            order=10 * order,
            label=label,
            count=count,
        )
    )
