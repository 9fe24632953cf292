"""Benchmark cases of duty 2: the plan, funnel and order pages and the sales API lists.

``manage.py bench`` finds ``CASES`` (see ``kam.bench``). Paths are built when the run
starts, by name (``sales_plans:…`` and ``sales-api:…``). A detail page compares the
persona's busiest record with a record of the empty user that has nothing hanging off it
(created here, on the empty user's quiet account from ``accounts.bench``). The
executive's board, funnel and attainment are company summaries (``kam.summaries``): timed
as read (from the cache once the warm-up computed them) and with ``?refresh=1``, computed
on every request, which is what a first view costs.
"""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Count
from django.urls import reverse

from accounts.bench import quiet as quiet_account
from kam.bench import API, PAGE, BenchCase
from kam.dates import Quarter, company_today
from sales_plans import services
from sales_plans.models import Opportunity, Order, SalesPlan

EMPTY_OPPORTUNITY = "Bench: opportunity with no history"


def page(name: str, query: str = ""):
    """A path by URL name, resolved when the case runs (not when this module loads)."""
    return lambda context: reverse(f"sales_plans:{name}") + query


def api(name: str, query: str = ""):
    return lambda context: reverse(f"sales-api:{name}") + query


# The busiest record a persona sees, and the empty user's own quiet one.


def busiest_plan(context) -> SalesPlan:
    """The visible current-quarter plan with the highest target: its attainment counts
    the most orders."""
    current = Quarter.of(company_today())
    plans = SalesPlan.objects.visible_to(context.user)
    return (
        plans.filter(year=current.year, quarter=current.quarter)
        .order_by("-target_amount", "pk")
        .first()
        or plans.order_by("-target_amount", "pk").first()
    )


def quiet_plan(context) -> SalesPlan:
    current = Quarter.of(company_today())
    plan = SalesPlan.objects.filter(
        owner=context.user, year=current.year, quarter=current.quarter
    ).first()
    return plan or services.sales_plan_create(
        by=context.user,
        year=current.year,
        quarter=current.quarter,
        target_amount=Decimal("100000.00"),
    )


def busiest_opportunity(context) -> Opportunity:
    """The visible opportunity with the longest way through the funnel."""
    return (
        Opportunity.objects.visible_to(context.user)
        .annotate(moves=Count("stage_changes"))
        .order_by("-moves", "pk")
        .first()
    )


def quiet_opportunity(context) -> Opportunity:
    account = quiet_account(context)
    opportunity = Opportunity.objects.filter(account=account, name=EMPTY_OPPORTUNITY).first()
    return opportunity or services.opportunity_create(
        by=context.user,
        account=account,
        name=EMPTY_OPPORTUNITY,
        expected_close_on=company_today() + timedelta(days=30),
    )


def busiest_order(context) -> Order:
    """The newest visible order that came from a deal: its page shows the deal too."""
    orders = Order.objects.visible_to(context.user)
    return orders.filter(opportunity__isnull=False).first() or orders.first()


def quiet_order(context) -> Order:
    account = quiet_account(context)
    order = Order.objects.filter(account=account).first()
    today = company_today()
    return order or services.order_create(
        by=context.user,
        account=account,
        number=f"BENCH-EMPTY-{context.user.pk}",
        ordered_on=today,
        amount=Decimal("1000.00"),
        promised_on=today + timedelta(days=14),
    )


def detail(name: str, busiest, quiet):
    def path(context) -> str:
        record = quiet(context) if context.empty else busiest(context)
        return reverse(f"sales_plans:{name}", args=[record.pk])

    return path


plan_page = detail("plan-detail", busiest_plan, quiet_plan)
opportunity_page = detail("opportunity-detail", busiest_opportunity, quiet_opportunity)
order_page = detail("order-detail", busiest_order, quiet_order)

CASES = [
    BenchCase("/sales/plans/", PAGE, "rep", page("plan-list")),
    BenchCase("/sales/plans/", PAGE, "manager", page("plan-list")),
    BenchCase("/sales/plans/", PAGE, "executive", page("plan-list")),
    BenchCase("/sales/plans/[id]/", PAGE, "rep", plan_page),
    BenchCase("/sales/plans/[id]/", PAGE, "manager", plan_page),
    BenchCase("/sales/board/", PAGE, "rep", page("board")),
    BenchCase("/sales/board/", PAGE, "manager", page("board")),
    BenchCase("/sales/board/", PAGE, "executive", page("board")),
    BenchCase("/sales/board/?refresh=1", PAGE, "executive", page("board", "?refresh=1")),
    BenchCase("/sales/funnel/", PAGE, "manager", page("funnel")),
    BenchCase("/sales/funnel/", PAGE, "executive", page("funnel")),
    BenchCase("/sales/funnel/?refresh=1", PAGE, "executive", page("funnel", "?refresh=1")),
    BenchCase("/sales/attainment/", PAGE, "manager", page("attainment")),
    BenchCase("/sales/attainment/", PAGE, "executive", page("attainment")),
    BenchCase("/sales/attainment/?refresh=1", PAGE, "executive", page("attainment", "?refresh=1")),
    BenchCase("/sales/opportunities/", PAGE, "rep", page("opportunity-list")),
    BenchCase("/sales/opportunities/", PAGE, "executive", page("opportunity-list")),
    BenchCase("/sales/opportunities/[id]/", PAGE, "rep", opportunity_page),
    BenchCase("/sales/opportunities/[id]/", PAGE, "executive", opportunity_page),
    BenchCase("/sales/orders/", PAGE, "rep", page("order-list")),
    BenchCase("/sales/orders/", PAGE, "manager", page("order-list")),
    BenchCase("/sales/orders/", PAGE, "executive", page("order-list")),
    BenchCase("/sales/orders/?q=Foods", PAGE, "executive", page("order-list", "?q=Foods")),
    BenchCase("/sales/orders/?overdue=1", PAGE, "manager", page("order-list", "?overdue=1")),
    BenchCase("/sales/orders/[id]/", PAGE, "rep", order_page),
    BenchCase("/sales/orders/[id]/", PAGE, "executive", order_page),
    BenchCase("/api/v1/sales-plans/", API, "executive", api("sales-plan-list")),
    BenchCase("/api/v1/sales-plans/", API, "manager", api("sales-plan-list")),
    BenchCase("/api/v1/opportunities/", API, "executive", api("opportunity-list")),
    BenchCase("/api/v1/opportunities/", API, "rep", api("opportunity-list")),
    BenchCase("/api/v1/orders/?page_size=50", API, "executive", api("order-list", "?page_size=50")),
    BenchCase("/api/v1/orders/", API, "manager", api("order-list")),
    BenchCase("/api/v1/orders/", API, "rep", api("order-list")),
]
