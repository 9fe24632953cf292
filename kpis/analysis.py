"""Reads of the sales analysis page (duty 5): the monthly trend, the top accounts and their
growth, customer behaviour and the funnel summary, computed in SQL.

Every figure starts from ``Order.objects.visible_to(user)`` (or ``Opportunity``'s), so a
page, a chart and an export never count an order their reader may not see. Orders count
as attainment counts them: not cancelled (``Order.objects.counted()``), by ``ordered_on``
(a business date on the company calendar), attributed to a team by their ``owner``. Each
section is one ``GROUP BY`` query, whatever the number of orders (a ranking of accounts
then names the ``limit`` it keeps in a second); Python only arranges the aggregated rows
(at most months × dimension values, or ``limit`` accounts).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Max, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.choices import Tier
from accounts.models import Account
from kam.dates import Quarter, company_today
from kam.figures import percent
from sales_plans.models import Opportunity, Order
from sales_plans.selectors import funnel

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=18, decimal_places=2))
CENT = Decimal("0.01")

#: How the trend splits the orders: the grouped field and how a value is named.
DIMENSIONS = {
    "team": gettext_lazy("Team"),
    "region": gettext_lazy("Region"),
    "industry": gettext_lazy("Industry"),
    "tier": gettext_lazy("Tier"),
}
_DIMENSION_FIELDS = {
    "team": ("owner__team", "owner__team__name"),
    "region": ("account__region",),
    "industry": ("account__industry",),
    "tier": ("account__tier",),
}
#: Series the trend draws; the smaller values are summed into one "Other" series, so a
#: company with eighty regions still gets a readable chart (and a bounded table).
MAX_SERIES = 8
TOP_ACCOUNTS = 10
BEHAVIOUR_ACCOUNTS = 20
#: The longest period the page reads (months): three years of monthly columns.
MAX_MONTHS = 36


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after (or before) ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """Whole calendar months from ``first`` through ``last`` (both the first of a month)."""

    first: dt.date
    last: dt.date

    @classmethod
    def months_through(cls, last: dt.date, months: int = 12) -> "Period":
        last = last.replace(day=1)
        return cls(add_months(last, 1 - months), last)

    @classmethod
    def of_quarter(cls, quarter: Quarter) -> "Period":
        return cls(quarter.start, add_months(quarter.start, 2))

    @property
    def start(self) -> dt.date:
        return self.first

    @property
    def end(self) -> dt.date:
        """The last day of the period (inclusive)."""
        return add_months(self.last, 1) - dt.timedelta(days=1)

    @property
    def length(self) -> int:
        return (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1

    @property
    def months(self) -> list[dt.date]:
        return [add_months(self.first, i) for i in range(self.length)]

    def previous(self) -> "Period":
        """The period of the same length just before this one (growth compares with it)."""
        return Period(add_months(self.first, -self.length), add_months(self.first, -1))

    def quarter(self) -> Quarter | None:
        """The calendar quarter this period is, if it is exactly one."""
        quarter = Quarter.of(self.first)
        return quarter if self == Period.of_quarter(quarter) else None

    @property
    def label(self) -> str:
        quarter = self.quarter()
        if quarter is not None:
            return quarter.label
        return _("%(first)s to %(last)s") % {
            "first": self.first.strftime("%Y-%m"),
            "last": self.last.strftime("%Y-%m"),
        }


def scoped_orders(user, *, team=None) -> QuerySet[Order]:
    """The orders the analysis counts for ``user``: visible, not cancelled, of ``team``'s
    reps when one is chosen."""
    orders = Order.objects.visible_to(user).counted().order_by()
    return orders.filter(owner__team=team) if team is not None else orders


def scoped_opportunities(user, *, team=None) -> QuerySet[Opportunity]:
    opportunities = Opportunity.objects.visible_to(user)
    return opportunities.filter(owner__team=team) if team is not None else opportunities


# -- the trend ------------------------------------------------------------------------------


def tier_label(value: str) -> str:
    return Tier(value).label if value in Tier.values else value


def _dimension_value(dimension: str, row: dict) -> tuple:
    """``(key, label)`` of one aggregated row's dimension value."""
    if dimension == "team":
        key = row["owner__team"]
        return key, row["owner__team__name"] if key is not None else _("No team")
    value = row[_DIMENSION_FIELDS[dimension][0]]
    if dimension == "tier":
        return value, tier_label(value)
    return value, value or _("Not set")


def _column_sums(rows: list[list], zero) -> list:
    """The sum of each column of equally long ``rows`` (a month's total over series)."""
    return [sum(column, zero) for column in zip(*rows, strict=True)]


def sales_trend(orders: QuerySet[Order], period: Period, dimension: str) -> dict:
    """Amount and order count per month and ``dimension`` value. One query.

    ``{"dimension", "months": [date], "series": [{"key", "label", "amounts": [Decimal],
    "counts": [int], "amount", "count"}], "amounts": [total per month], "counts": [...],
    "amount", "count"}``. Series by amount in the period (largest first); past
    ``MAX_SERIES`` the rest are one "Other" series (key None, ``other`` True).
    """
    fields = _DIMENSION_FIELDS[dimension]
    rows = (
        orders.filter(ordered_on__range=(period.start, period.end))
        .annotate(month=TruncMonth("ordered_on"))
        .values("month", *fields)
        .annotate(total=Sum("amount"), order_count=Count("id"))
        .order_by()
    )
    months = period.months
    column = {month: i for i, month in enumerate(months)}
    series: dict = {}
    for row in rows:
        key, label = _dimension_value(dimension, row)
        line = series.setdefault(
            key,
            {
                "key": key,
                "label": label,
                "amounts": [Decimal(0)] * len(months),
                "counts": [0] * len(months),
                "other": False,
            },
        )
        month = row["month"]
        # PostgreSQL truncates a date to a date; some backends answer a datetime.
        i = column[month.date() if isinstance(month, dt.datetime) else month]
        line["amounts"][i] += row["total"]
        line["counts"][i] += row["order_count"]
    for line in series.values():
        line["amount"] = sum(line["amounts"], Decimal(0))
        line["count"] = sum(line["counts"])
    ranked = sorted(series.values(), key=lambda line: (-line["amount"], str(line["label"])))
    if len(ranked) > MAX_SERIES:
        rest = ranked[MAX_SERIES - 1 :]
        ranked = ranked[: MAX_SERIES - 1]
        ranked.append(
            {
                "key": None,
                "label": _("Other (%(count)d)") % {"count": len(rest)},
                "amounts": _column_sums([s["amounts"] for s in rest], Decimal(0)),
                "counts": _column_sums([s["counts"] for s in rest], 0),
                "amount": sum((s["amount"] for s in rest), Decimal(0)),
                "count": sum(s["count"] for s in rest),
                "other": True,
            }
        )
    amounts = _column_sums([s["amounts"] for s in ranked], Decimal(0))
    counts = _column_sums([s["counts"] for s in ranked], 0)
    return {
        "dimension": dimension,
        "dimension_label": DIMENSIONS[dimension],
        "months": months,
        "series": ranked,
        "amounts": amounts or [Decimal(0)] * len(months),
        "counts": counts or [0] * len(months),
        "amount": sum(amounts, Decimal(0)),
        "count": sum(counts),
    }


# -- top accounts ---------------------------------------------------------------------------


def growth(amount, previous) -> float | None:
    """Growth over the previous period in % (``kam.figures.percent``); None when there was
    nothing before (a new account: no growth rate, not +100 % and not infinite)."""
    return percent(amount - previous, previous)


def _accounts_of(rows: list[dict]) -> dict[int, dict]:
    """Code, name and tier of the accounts of aggregated ``rows`` (their ``account``), in
    one query: a ranking groups the orders by account alone and names the few it keeps,
    rather than joining every order to its account."""
    ids = [row["account"] for row in rows]
    return {
        account["pk"]: account
        for account in Account.objects.filter(pk__in=ids).values("pk", "code", "name", "tier")
    }


def _account_fields(account: dict) -> dict:
    return {
        "account": account["pk"],
        "code": account["code"] or "",
        "name": account["name"],
        "tier": account["tier"],
        "tier_label": tier_label(account["tier"]),
    }


def top_accounts(orders: QuerySet[Order], period: Period, *, limit: int = TOP_ACCOUNTS) -> list:
    """The ``limit`` accounts with the largest amount in ``period``, each with the amount of
    the previous period of the same length and the growth. Two queries.

    ``[{"account", "code", "name", "tier", "amount", "previous", "growth"}]``, largest
    first (ties by account).
    """
    before = period.previous()
    rows = list(
        orders.filter(ordered_on__range=(before.start, period.end))
        .values("account")
        .annotate(
            in_period=Coalesce(Sum("amount", filter=Q(ordered_on__gte=period.start)), ZERO),
            in_previous=Coalesce(Sum("amount", filter=Q(ordered_on__lt=period.start)), ZERO),
        )
        .filter(in_period__gt=0)
        .order_by("-in_period", "account")[:limit]
    )
    accounts = _accounts_of(rows)
    return [
        {
            **_account_fields(accounts[row["account"]]),
            "amount": row["in_period"],
            "previous": row["in_previous"],
            "growth": growth(row["in_period"], row["in_previous"]),
        }
        for row in rows
    ]


# -- customer behaviour ---------------------------------------------------------------------


def customer_behaviour(
    orders: QuerySet[Order],
    period: Period,
    *,
    today: dt.date | None = None,
    limit: int = BEHAVIOUR_ACCOUNTS,
) -> dict:
    """How the ``limit`` largest accounts of ``period`` buy. Two queries.

    Per account: ``orders`` in the period, ``frequency`` (orders per month of the period,
    two decimals), ``last`` order date and ``recency`` (days from it to ``as_of``: the
    period's last day, or today while the period runs), ``amount`` and ``average`` order
    value (to the cent). ``{"as_of", "accounts": [...]}``, largest first (ties by account).
    """
    as_of = min(period.end, today or company_today())
    rows = list(
        orders.filter(ordered_on__range=(period.start, as_of))
        .values("account")
        .annotate(order_count=Count("id"), total=Sum("amount"), last_on=Max("ordered_on"))
        .order_by("-total", "account")[:limit]
    )
    accounts_by_pk = _accounts_of(rows)
    months = Decimal(period.length)
    accounts = [
        {
            **_account_fields(accounts_by_pk[row["account"]]),
            "orders": row["order_count"],
            "frequency": (Decimal(row["order_count"]) / months).quantize(CENT),
            "last": row["last_on"],
            "recency": (as_of - row["last_on"]).days,
            "amount": row["total"],
            "average": (row["total"] / row["order_count"]).quantize(CENT),
        }
        for row in rows
    ]
    return {"as_of": as_of, "accounts": accounts}


# -- all of it ------------------------------------------------------------------------------


def sales_analysis(
    user, *, period: Period, dimension: str = "team", team=None, today: dt.date | None = None
) -> dict:
    """Every section of the analysis page (and its export) for ``user``. Nine queries: the
    trend, the top accounts and the behaviour (two each), and the funnel's four.

    The funnel summary is of the quarter holding the period's last month (this quarter by
    default), over the opportunities ``user`` sees (of ``team``'s reps when chosen).
    """
    orders = scoped_orders(user, team=team)
    quarter = Quarter.of(period.last)
    return {
        "period": period,
        "previous": period.previous(),
        "dimension": dimension,
        "team": team,
        "trend": sales_trend(orders, period, dimension),
        "top_accounts": top_accounts(orders, period),
        "behaviour": customer_behaviour(orders, period, today=today),
        "funnel": funnel(scoped_opportunities(user, team=team), quarter),
    }
