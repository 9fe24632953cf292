"""What duty 6 contributes to the home page, the navigation and the account page's tabs."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.tabs import account_tabs, count_of
from contracts import selectors
from contracts.models import Contract
from kam.choices import Role
from kam.dates import company_today
from kam.panels import NavItem, Panel, home_panels, navigation

HOME_LIST_LENGTH = 10
TAB_LIST_LENGTH = 20
ACCOUNT_TEAMS = frozenset({Role.REP, Role.MANAGER, Role.EXECUTIVE, Role.ADMIN})


def reviews_contracts(user) -> bool:
    """Whether ``user``'s department is one that reviews contracts (legal, finance)."""
    return (
        user.role == Role.DEPARTMENT
        and user.department_id is not None
        and user.department.code in settings.KAM_CONTRACT_REVIEWERS
    )


def renewals_due(request):
    return {
        "contracts": list(selectors.renewals_due(request.user)[:HOME_LIST_LENGTH]),
        "list_length": HOME_LIST_LENGTH,
        "today": company_today(),
    }


def reviews_waiting(request):
    if not reviews_contracts(request.user):
        return None
    return {
        "reviews": list(selectors.reviews_waiting(request.user)[:HOME_LIST_LENGTH]),
        "department": request.user.department,
        "list_length": HOME_LIST_LENGTH,
    }


for name, template, context, roles, order in [
    ("contracts.reviews_waiting", "reviews_waiting", reviews_waiting,
     frozenset({Role.DEPARTMENT}), 3),
    ("contracts.renewals_due", "renewals_due", renewals_due,
     frozenset({Role.REP, Role.MANAGER}), 15),
]:  # fmt: skip
    home_panels.register(
        Panel(name, f"contracts/panels/{template}.html", context, roles=roles, order=order)
    )

navigation.register(
    NavItem(
        "contracts.contracts",
        _("Contracts"),
        "contracts:contract-list",
        roles=ACCOUNT_TEAMS,
        order=45,
    )
)
navigation.register(
    NavItem(
        "contracts.reviews",
        _("Contract reviews"),
        "contracts:review-list",
        roles=frozenset({Role.DEPARTMENT}),
        order=31,
        allowed=reviews_contracts,
    )
)


def contracts_tab(request, account, **kwargs):
    return {
        "contracts": selectors.account_contracts(request.user, account, TAB_LIST_LENGTH),
        "list_length": TAB_LIST_LENGTH,
        "today": company_today(),
    }


account_tabs.register(
    Panel(
        "contracts",
        "contracts/tabs/contracts.html",
        contracts_tab,
        order=75,
        label=_("Contracts"),
        count=lambda: count_of(Contract),
    )
)
