"""What duty 2 contributes to the home page, the navigation and the account page's tabs."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from accounts.tabs import account_tabs, count_of
from kam.choices import Role
from kam.dates import Quarter, company_today
from kam.panels import NavItem, Panel, home_panels, navigation
from kam.visibility import may_create
from sales_plans import selectors
from sales_plans.models import Opportunity, Order, SalesPlan

#: Rows per list on the home page and on an account's tabs; the lists have the rest.
HOME_LIST_LENGTH = 10
TAB_LIST_LENGTH = 20
SELLERS = frozenset({Role.REP, Role.MANAGER, Role.EXECUTIVE, Role.ADMIN})


def my_attainment(request):
    quarter = Quarter.current()
    plan = (
        SalesPlan.objects.visible_to(request.user)
        .filter(owner=request.user, year=quarter.year, quarter=quarter.quarter)
        .first()
    )
    return {
        "plan": plan,
        "quarter": quarter,
        "attainment": selectors.plan_attainment(plan) if plan else None,
        "may_create_plan": may_create(request.user, SalesPlan),
    }


def overdue_orders(request):
    return {
        "orders": list(selectors.overdue_orders(request.user)[:HOME_LIST_LENGTH]),
        "list_length": HOME_LIST_LENGTH,
    }


def closing_this_month(request):
    return {
        "deals": list(selectors.closing_this_month(request.user)[:HOME_LIST_LENGTH]),
        "list_length": HOME_LIST_LENGTH,
        "today": company_today(),
    }


def plans_waiting(request):
    return {"plans": list(selectors.plans_waiting_for(request.user)[:HOME_LIST_LENGTH])}


REPS = frozenset({Role.REP})
for name, template, context, roles, order in [
    ("sales_plans.plans_waiting", "plans_waiting", plans_waiting, frozenset({Role.MANAGER}), 5),
    ("sales_plans.my_attainment", "my_attainment", my_attainment, REPS, 12),
    ("sales_plans.overdue_orders", "overdue_orders", overdue_orders, REPS, 14),
    ("sales_plans.closing_this_month", "closing_this_month", closing_this_month, REPS, 16),
]:
    home_panels.register(
        Panel(name, f"sales_plans/panels/{template}.html", context, roles=roles, order=order)
    )

for name, label, url_name, order in [
    ("sales_plans.plans", _("Sales plans"), "sales_plans:plan-list", 20),
    ("sales_plans.board", _("Board"), "sales_plans:board", 21),
    ("sales_plans.funnel", _("Funnel"), "sales_plans:funnel", 22),
    ("sales_plans.orders", _("Orders"), "sales_plans:order-list", 23),
]:
    navigation.register(NavItem(name, label, url_name, roles=SELLERS, order=order))


# -- the account page's tabs ----------------------------------------------------------------


def opportunities_tab(request, account, **kwargs):
    return {
        "opportunities": list(
            Opportunity.objects.visible_to(request.user)
            .filter(account=account)
            .select_related("owner")
            # Open deals first, then the most recently closed.
            .order_by(F("closed_on").desc(nulls_first=True), "expected_close_on", "id")[
                :TAB_LIST_LENGTH
            ]
        ),
        "list_length": TAB_LIST_LENGTH,
    }


def orders_tab(request, account, **kwargs):
    return {
        "orders": list(
            Order.objects.visible_to(request.user)
            .filter(account=account)
            .order_by("-ordered_on", "-id")[:TAB_LIST_LENGTH]
        ),
        "list_length": TAB_LIST_LENGTH,
    }


for name, label, context, count, order in [
    ("opportunities", _("Opportunities"), opportunities_tab, lambda: count_of(Opportunity), 60),
    ("orders", _("Orders"), orders_tab, lambda: count_of(Order), 70),
]:
    account_tabs.register(
        Panel(
            name,
            f"sales_plans/tabs/{name}.html",
            context,
            order=order,
            label=label,
            count=count,
        )
    )
