"""The order months (``OrderMonth``): the database keeps them equal to the orders' sums
whichever code writes the orders, the nightly fold keeps the sums, and what reads them
(attainment, the count of every order) gets the orders' figures."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.test.utils import CaptureQueriesContext

from kam.dates import Quarter
from kam.imports import run_import
from sales_plans import selectors, services
from sales_plans.imports import ORDERS
from sales_plans.models import Order, OrderMonth
from tests import factories as f
from tests.sales_plans.test_selectors import order
from tests.support import csv_upload

pytestmark = pytest.mark.django_db

D = Decimal
Q3_END = dt.date(2026, 9, 30)


def from_orders() -> dict:
    """(owner, month, counted) → (orders, amount), summed from the orders themselves."""
    rows = (
        Order.objects.order_by()
        .annotate(month=TruncMonth("ordered_on"), counted=~Q(status="cancelled"))
        .values("owner_id", "month", "counted")
        .annotate(orders=Count("id"), amount=Sum("amount"))
    )
    return {(r["owner_id"], r["month"], r["counted"]): (r["orders"], r["amount"]) for r in rows}


def from_months() -> dict:
    """The same from the order months, the groups that sum to nothing left out."""
    rows = (
        OrderMonth.objects.order_by()
        .values("owner_id", "month", "counted")
        .annotate(orders=Sum("orders"), amount=Sum("amount"))
    )
    return {
        (r["owner_id"], r["month"], r["counted"]): (r["orders"], r["amount"])
        for r in rows
        if r["orders"] or r["amount"]
    }


@pytest.fixture
def orders(alice, bob):
    account = f.AccountFactory(owner=alice)
    return [
        order(account, dt.date(2026, 7, 1), "1000.50"),
        order(account, dt.date(2026, 7, 31), "200"),
        order(account, dt.date(2026, 8, 1), "300"),
        order(account, dt.date(2026, 8, 2), "400", owner=bob),
        order(account, dt.date(2026, 9, 30), "50", status="cancelled"),
    ]


def test_months_follow_every_kind_of_write(orders, alice, bob):
    first, second, third, bobs, cancelled = orders
    assert from_months() == from_orders()
    assert from_months()[(alice.pk, dt.date(2026, 7, 1), True)] == (2, D("1200.50"))

    # Through the services: a new amount, another month, another owner, a cancellation.
    services.order_update(order=first, by=alice, amount=D("999.99"))
    services.order_update(order=second, by=alice, ordered_on=dt.date(2026, 8, 10))
    services.order_update(order=third, by=alice, owner=bob)
    services.order_transition(order=bobs, status="cancelled", by=bob)
    # And past them: one statement over many rows, a delete.
    Order.objects.filter(pk__in=[first.pk, third.pk]).update(amount=D("10"))
    Order.objects.filter(pk=cancelled.pk).delete()

    assert (
        from_months()
        == from_orders()
        == {
            (alice.pk, dt.date(2026, 7, 1), True): (1, D("10")),
            (alice.pk, dt.date(2026, 8, 1), True): (1, D("200")),
            (bob.pk, dt.date(2026, 8, 1), True): (1, D("10")),
            (bob.pk, dt.date(2026, 8, 1), False): (1, D("400")),
        }
    )


def test_a_change_that_moves_no_sum_adds_no_row(orders, alice):
    before = OrderMonth.objects.count()

    Order.objects.update(overdue_notified_on=dt.date(2026, 10, 1))
    services.order_update(order=orders[0], by=alice, promised_on=dt.date(2026, 7, 30))

    assert OrderMonth.objects.count() == before


@pytest.mark.usefixtures("media_root", "english")
def test_an_import_keeps_the_months_and_a_refused_one_leaves_them(orders, alice):
    orders[0].account.code = "HZ-001"
    orders[0].account.save()
    header = ["number", "account", "ordered_on", "amount", "promised_on"]
    rows = [
        [orders[0].number, "HZ-001", "2026-07-01", "5", "2026-07-20"],
        ["NEW-1", "HZ-001", "2026-09-01", "70", "2026-09-20"],
    ]
    before = from_months()

    # A preview and a file with a bad row write nothing, in the months as in the orders.
    assert run_import(ORDERS, csv_upload([header, *rows]), by=alice).applied is False
    bad = [*rows, ["NEW-2", "HZ-001", "2026-09-02", "-1", "2026-09-20"]]
    assert run_import(ORDERS, csv_upload([header, *bad]), by=alice, dry_run=False).errors
    assert from_months() == before

    outcome = run_import(ORDERS, csv_upload([header, *rows]), by=alice, dry_run=False)

    assert outcome.counts() == {"created": 1, "updated": 1, "unchanged": 0}
    assert from_months() == from_orders()
    assert from_months()[(alice.pk, dt.date(2026, 7, 1), True)] == (2, D("205"))
    assert from_months()[(alice.pk, dt.date(2026, 9, 1), True)] == (1, D("70"))


def test_the_fold_keeps_the_sums_in_one_row_each(orders, alice, bob):
    for amount in ("1", "2", "3"):
        services.order_update(order=orders[0], by=alice, amount=D(amount))
    services.order_transition(order=orders[3], status="cancelled", by=bob)
    sums = from_months()
    groups = len(sums)
    assert OrderMonth.objects.count() > groups

    result = services.order_months_compact()

    assert result["after"] == groups == OrderMonth.objects.count()
    assert result["before"] > result["after"]
    assert from_months() == sums == from_orders()
    # A second fold has nothing to fold; the orders still move the months after it.
    assert services.order_months_compact() == {"before": groups, "after": groups}
    services.order_update(order=orders[1], by=alice, amount=D("250"))
    assert from_months() == from_orders()


def test_a_group_that_sums_to_nothing_is_folded_away(orders, alice, bob):
    services.order_update(order=orders[3], by=bob, owner=alice)

    services.order_months_compact()

    assert not OrderMonth.objects.filter(owner=bob).exists()
    assert from_months() == from_orders()


def test_attainment_reads_the_months_and_equals_the_orders(orders, alice, bob):
    f.SalesPlanFactory(
        owner=alice, year=2026, quarter=3, target_amount=D("3000"), status="approved",
        approved_by=bob, approved_at=dt.datetime(2026, 6, 28, tzinfo=dt.UTC),
    )  # fmt: skip
    reps = selectors.reps_of(bob, team=alice.team)

    with CaptureQueriesContext(connection) as queries:
        report = selectors.attainment(reps, Quarter(2026, 3))

    # the targets' total, the orders' total (months), the reps with theirs (months)
    assert len(queries) == 3
    assert all('"sales_plans_order"' not in query["sql"] for query in queries)
    assert ["sales_plans_ordermonth" in query["sql"] for query in queries] == [False, True, True]
    assert report["actual"] == D("1500.50") and report["target"] == D("3000")
    by_rep = {row["user"]: row["actual"] for row in report["reps"]}
    counted = Order.objects.counted().filter(
        ordered_on__range=(dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    )
    assert by_rep[alice] == counted.filter(owner=alice).aggregate(s=Sum("amount"))["s"]
    assert by_rep[alice] == D("1500.50")  # 1,000.50 + 200 + 300; the cancelled 50 not


def test_the_count_of_every_order_reads_the_months(orders, executive):
    whole = Order.objects.visible_to(executive).select_related("account").order_by("-id")

    with CaptureQueriesContext(connection) as queries:
        assert whole.count() == 5 == len(list(Order.objects.all()))
    assert "sales_plans_ordermonth" in queries[0]["sql"]

    # Anything narrower counts the orders.
    with CaptureQueriesContext(connection) as queries:
        assert whole.filter(status="cancelled").count() == 1
        assert Order.objects.none().count() == 0
        assert whole[:2].count() == 2
        assert whole.values("owner").distinct().count() == 2
    assert all("ordermonth" not in query["sql"] for query in queries)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_emptied_tables_leave_no_month_whatever_the_order(orders):
    """A test database's flush empties every table: on SQLite one by one in no set order
    (the months may go first), on PostgreSQL with TRUNCATE (which fires no row trigger).
    Committed first: PostgreSQL truncates no table with foreign-key checks pending."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE sales_plans_order CASCADE")
        else:
            cursor.execute("DELETE FROM sales_plans_ordermonth")
            cursor.execute("DELETE FROM sales_plans_order")

    assert not OrderMonth.objects.exists()
    assert Order.objects.count() == 0
