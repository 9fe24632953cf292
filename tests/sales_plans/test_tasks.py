"""The scheduled job of duty 2, run the way production runs it.

With REDIS_URL set (CI, with PostgreSQL) the task goes through the Redis broker to a real
Celery worker running in a thread of this process, and so do the e-mails it queues
through ``kam.notify``; without it (a laptop on SQLite) the same test runs them eagerly.
The worker's thread has its own database connection, so the test commits its data
(``transaction=True``); the in-memory mail outbox is shared.
"""

import datetime as dt
from decimal import Decimal

import pytest
from celery.result import EagerResult
from django.core import mail

from kam.celery import app
from kam.choices import Role
from kam.models import Notification
from sales_plans import services
from sales_plans.models import Order, OrderMonth
from sales_plans.tasks import task_compact_order_months, task_notify_overdue_orders
from tests import factories as f
from tests.support import wait_until

#: The job's day: every order below was placed before it (the services refuse an order
#: placed in the future, as of the real clock).
TODAY = dt.date(2026, 11, 20)
RESULT_TIMEOUT = 60
CHINESE_NAME = "杭州精密铸造有限公司"
NOTHING = {"owners": 0, "orders": 0, "notified": 0}


def run_task(**kwargs) -> dict:
    result = task_notify_overdue_orders.delay(**kwargs)
    # Through the broker unless the project runs eagerly: no silent fallback in CI.
    assert isinstance(result, EagerResult) is app.conf.task_always_eager
    return result.get(timeout=RESULT_TIMEOUT)


def told(user) -> list[tuple[str, str, str, str]]:
    return list(
        Notification.objects.filter(user=user)
        .order_by("created_at", "id")
        .values_list("kind", "subject", "body", "url")
    )


@pytest.fixture
def late(db):
    """Alice's orders in every state the job must tell apart, and one of Charlie's."""
    alice = f.UserFactory(username="alice", first_name="Alice", last_name="Zhang", role=Role.REP)
    charlie = f.UserFactory(username="charlie", first_name="Charlie", last_name="Li")
    castings = f.AccountFactory(owner=alice, name=CHINESE_NAME)
    chengdu = f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")

    def order(account, number, promised_on, status="open", **kwargs):
        return f.OrderFactory(
            account=account,
            number=number,
            ordered_on=dt.date(2026, 10, 12),
            promised_on=promised_on,
            status=status,
            amount=Decimal("1000.00"),
            **kwargs,
        )

    return {
        "alice": alice,
        "charlie": charlie,
        "open": order(castings, "SO-1", dt.date(2026, 11, 10)),
        "shipped": order(castings, "SO-2", dt.date(2026, 11, 15), "shipped"),
        "delivered": order(
            castings,
            "SO-3",
            dt.date(2026, 11, 1),
            "delivered",
            delivered_on=dt.date(2026, 11, 5),
        ),
        "cancelled": order(castings, "SO-4", dt.date(2026, 11, 1), "cancelled"),
        "due": order(castings, "SO-5", dt.date(2026, 11, 25)),
        "charlie_late": order(chengdu, "SO-9", dt.date(2026, 11, 19), "in_production"),
    }


ALICE_BODY = (
    f"SO-1 · {CHINESE_NAME} · promised 2026-11-10\nSO-2 · {CHINESE_NAME} · promised 2026-11-15"
)
URL = "/sales/orders/?overdue=1"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_overdue_order_tells_its_owner_once_on_a_real_worker(celery_worker, late):
    alice, charlie = late["alice"], late["charlie"]

    assert run_task(today=TODAY.isoformat()) == {"owners": 2, "orders": 3, "notified": 2}

    assert told(alice) == [
        ("sales_plans.order_overdue", "KAM CRM: 2 orders past their promised date", ALICE_BODY, URL)
    ]
    assert told(charlie) == [
        (
            "sales_plans.order_overdue",
            "KAM CRM: 1 order past its promised date",
            "SO-9 · Chengdu Heavy Industries · promised 2026-11-19",
            URL,
        )
    ]
    reported = dict(Order.objects.values_list("number", "overdue_notified_on"))
    assert reported == {
        "SO-1": TODAY,
        "SO-2": TODAY,
        "SO-3": None,
        "SO-4": None,
        "SO-5": None,
        "SO-9": TODAY,
    }
    # The e-mails go out through the worker after commit.
    wait_until(lambda: len(mail.outbox) == 2)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert by_recipient["alice@example.com"].subject == (
        "KAM CRM: 2 orders past their promised date"
    )
    assert ALICE_BODY in by_recipient["alice@example.com"].body

    # Run twice (the same day, or the next): nobody is told anything again.
    assert run_task(today=TODAY.isoformat()) == NOTHING
    assert run_task(today=(TODAY + dt.timedelta(days=1)).isoformat()) == NOTHING
    assert Notification.objects.count() == 2
    assert len(mail.outbox) == 2

    # A new promise re-arms the order: once that one is broken too, its owner hears again.
    services.order_update(order=late["open"], by=alice, promised_on=dt.date(2026, 11, 22))
    assert Order.objects.get(number="SO-1").overdue_notified_on is None
    assert run_task(today="2026-11-22") == NOTHING  # not late yet on its new day
    assert run_task(today="2026-11-23") == {"owners": 1, "orders": 1, "notified": 1}
    assert told(alice)[-1] == (
        "sales_plans.order_overdue",
        "KAM CRM: 1 order past its promised date",
        f"SO-1 · {CHINESE_NAME} · promised 2026-11-22",
        URL,
    )
    wait_until(lambda: len(mail.outbox) == 3)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_delivered_and_cancelled_orders_are_never_reported(celery_worker, late):
    # Whatever happens to the open ones, weeks later.
    services.order_transition(
        order=late["open"], status="delivered", by=late["alice"], delivered_on=TODAY
    )
    services.order_transition(order=late["shipped"], status="cancelled", by=late["alice"])

    summary = run_task(today="2026-12-01")

    # Only the order not yet due on the 20th, and Charlie's, are late by December.
    assert summary == {"owners": 2, "orders": 2, "notified": 2}
    assert [body for _kind, _subject, body, _url in told(late["alice"])] == [
        f"SO-5 · {CHINESE_NAME} · promised 2026-11-25"
    ]
    assert set(
        Order.objects.filter(overdue_notified_on__isnull=False).values_list("number", flat=True)
    ) == {"SO-5", "SO-9"}


@pytest.mark.django_db
def test_an_owner_who_no_longer_sees_the_account_is_not_told(django_capture_on_commit_callbacks):
    """An account reassigned after the order was booked: its old owner is told nothing."""
    rep = f.UserFactory(username="old", role=Role.REP)
    account = f.AccountFactory(owner=f.UserFactory(username="new", role=Role.REP))
    f.OrderFactory(
        account=account,
        owner=rep,
        ordered_on=dt.date(2026, 10, 12),
        promised_on=dt.date(2026, 11, 1),
    )

    with django_capture_on_commit_callbacks(execute=True):
        summary = services.orders_notify_overdue(today=TODAY)

    assert summary == {"owners": 1, "orders": 0, "notified": 0}
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_beat_schedule_runs_the_task_daily():
    app.loader.import_default_modules()
    entry = app.conf.beat_schedule["notify-overdue-orders-daily"]
    assert entry["task"] == "sales_plans.notify_overdue_orders"
    # Once a day, in the company's time zone (CELERY_TIMEZONE).
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({7}, {30})
    task = app.tasks["sales_plans.notify_overdue_orders"]
    assert task.__module__ == "sales_plans.tasks"
    assert (task.time_limit, task.soft_time_limit) == (600, 540)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_order_months_are_folded_on_a_real_worker(celery_worker, alice):
    account = f.AccountFactory(owner=alice)
    first = f.OrderFactory(account=account, ordered_on=dt.date(2026, 7, 1))
    f.OrderFactory(account=account, ordered_on=dt.date(2026, 7, 2), amount=Decimal("10"))
    for amount in ("1", "2", "3"):
        services.order_update(order=first, by=alice, amount=Decimal(amount))
    rows = OrderMonth.objects.count()  # a row per order and change (SQLite: two a change)
    assert rows >= 5

    result = task_compact_order_months.delay()
    assert isinstance(result, EagerResult) is app.conf.task_always_eager
    assert result.get(timeout=RESULT_TIMEOUT) == {"before": rows, "after": 1}

    assert list(OrderMonth.objects.values_list("month", "counted", "orders", "amount")) == [
        (dt.date(2026, 7, 1), True, 2, Decimal("13.00"))
    ]


def test_beat_schedule_folds_the_order_months_nightly():
    app.loader.import_default_modules()
    entry = app.conf.beat_schedule["compact-order-months-nightly"]
    assert entry["task"] == "sales_plans.compact_order_months"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({2}, {0})
    task = app.tasks["sales_plans.compact_order_months"]
    assert (task.time_limit, task.soft_time_limit) == (600, 540)
