"""The nightly "unvisited accounts" job, run the way production runs it.

With REDIS_URL set (CI, with PostgreSQL) the task goes through the Redis broker to a real
Celery worker running in a thread of this process; without it (a laptop on SQLite) the
same test runs the task eagerly. The worker's thread has its own database connection,
so the test commits its data (``transaction=True``); the in-memory mail outbox is shared.
"""

import datetime as dt
import os

import pytest
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult
from django.core import mail
from django.utils import timezone

from accounts import services
from accounts.choices import AccountStatus
from accounts.models import Account
from accounts.tasks import task_flag_unvisited_accounts
from kam.celery import app
from kam.choices import Role
from tests import factories as f

TODAY = dt.date(2026, 3, 2)
RESULT_TIMEOUT = 60


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def celery_worker():
    """A real worker on the Redis broker, or None when the project runs Celery eagerly."""
    if app.conf.task_always_eager:
        if os.environ.get("CI"):
            pytest.fail("CI must run the scheduled-job tests on a real worker: set REDIS_URL.")
        yield None
        return
    app.loader.import_default_modules()
    # Messages left in the queue by earlier tests (sent with no worker up) refer to rows
    # that are gone; the worker would spend its time on them first.
    app.control.purge()
    with start_worker(
        app,
        perform_ping_check=False,
        pool="solo",
        concurrency=1,
        loglevel="WARNING",
        shutdown_timeout=30,
    ) as worker:
        yield worker


def run_task(**kwargs) -> dict:
    result = task_flag_unvisited_accounts.delay(**kwargs)
    # Through the broker unless the project runs eagerly: no silent fallback in CI.
    assert isinstance(result, EagerResult) is app.conf.task_always_eager
    return result.get(timeout=RESULT_TIMEOUT)


@pytest.fixture
def lapsed(db):
    """Two reps with accounts in every state the job must tell apart."""
    alice = f.UserFactory(
        username="alice", first_name="Alice", last_name="Zhang", email="alice@example.com"
    )
    charlie = f.UserFactory(
        username="charlie", first_name="Charlie", last_name="Li", email="charlie@example.com"
    )
    old = TODAY - dt.timedelta(days=120)
    accounts = {
        "old": f.AccountFactory(owner=alice, name="Hangzhou Precision Castings"),
        "never": f.AccountFactory(
            owner=alice,
            name="Anhui Blue Sky Foods",
            status=AccountStatus.PROSPECT,
            customer_since=None,
        ),
        "recent": f.AccountFactory(owner=alice, name="Recent Visit Ltd"),
        "churned": f.AccountFactory(
            owner=alice,
            name="Gone Ltd",
            status=AccountStatus.CHURNED,
            churned_on=dt.date(2025, 6, 30),
        ),
        "flagged": f.AccountFactory(
            owner=alice, name="Already Told Ltd", unvisited_flagged_on=TODAY - dt.timedelta(days=5)
        ),
        "charlie": f.AccountFactory(owner=charlie, name="Suzhou Harbour Logistics"),
    }
    f.VisitFactory(account=accounts["old"], visited_at=at(old))
    f.VisitFactory(account=accounts["old"], visited_at=at(old - dt.timedelta(days=30)))
    f.VisitFactory(account=accounts["recent"], visited_at=at(TODAY - dt.timedelta(days=10)))
    f.VisitFactory(account=accounts["churned"], visited_at=at(old))
    f.VisitFactory(account=accounts["flagged"], visited_at=at(old))
    f.VisitFactory(account=accounts["charlie"], visited_at=at(TODAY - dt.timedelta(days=91)))
    return {"alice": alice, "charlie": charlie, **accounts}


ALICE_BODY = """Hello Alice Zhang,

These accounts of yours have not been visited for 90 days or more:

- Anhui Blue Sky Foods (never visited)
- Hangzhou Precision Castings (last visit 2025-11-02)

Log a visit to an account to clear its reminder.
"""

CHARLIE_BODY = """Hello Charlie Li,

This account of yours has not been visited for 90 days or more:

- Suzhou Harbour Logistics (last visit 2025-12-01)

Log a visit to an account to clear its reminder.
"""


def flags():
    return dict(Account.objects.order_by("name").values_list("name", "unvisited_flagged_on"))


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_task_flags_and_mails_each_owner_once_on_a_real_worker(celery_worker, lapsed):
    assert app.conf.task_always_eager is (celery_worker is None)

    summary = run_task(today=TODAY.isoformat())

    assert summary == {"flagged": 3, "emails_sent": 2, "owners": 2}
    assert flags() == {
        "Already Told Ltd": TODAY - dt.timedelta(days=5),
        "Anhui Blue Sky Foods": TODAY,
        "Gone Ltd": None,
        "Hangzhou Precision Castings": TODAY,
        "Recent Visit Ltd": None,
        "Suzhou Harbour Logistics": TODAY,
    }
    messages = sorted(mail.outbox, key=lambda m: m.to)
    assert [(m.to, m.subject, m.body) for m in messages] == [
        (["alice@example.com"], "KAM CRM: 2 accounts not visited for 90 days", ALICE_BODY),
        (["charlie@example.com"], "KAM CRM: 1 account not visited for 90 days", CHARLIE_BODY),
    ]

    # Idempotent: the second run (the same night or the next) tells nobody anything.
    assert run_task(today=TODAY.isoformat()) == {"flagged": 0, "emails_sent": 0, "owners": 0}
    assert run_task(today=(TODAY + dt.timedelta(days=1)).isoformat()) == {
        "flagged": 0,
        "emails_sent": 0,
        "owners": 0,
    }
    assert len(mail.outbox) == 2

    # A visit backdated into the reported lapse does not end it: nobody is told twice.
    services.visit_create(
        by=lapsed["alice"],
        account=lapsed["old"],
        purpose="Plant tour",
        visited_at=at(TODAY - dt.timedelta(days=95)),
    )
    assert Account.objects.get(pk=lapsed["old"].pk).unvisited_flagged_on == TODAY

    # A visit inside the window ends the lapse; when it too grows old, the owner is told again.
    services.visit_create(
        by=lapsed["alice"],
        account=lapsed["old"],
        purpose="Line audit",
        visited_at=at(TODAY - dt.timedelta(days=5)),
    )
    assert Account.objects.get(pk=lapsed["old"].pk).unvisited_flagged_on is None
    later = TODAY + dt.timedelta(days=90)
    assert run_task(today=later.isoformat(), account_ids=[lapsed["old"].pk]) == {
        "flagged": 1,
        "emails_sent": 1,
        "owners": 1,
    }
    assert len(mail.outbox) == 3
    assert mail.outbox[-1].subject == "KAM CRM: 1 account not visited for 90 days"
    assert "- Hangzhou Precision Castings (last visit 2026-02-25)" in mail.outbox[-1].body


@pytest.mark.django_db
def test_flag_unvisited_flags_owner_without_email_but_sends_nothing():
    rep = f.UserFactory(username="nomail", email="", role=Role.REP)
    account = f.AccountFactory(owner=rep, name="Quiet Ltd")
    inactive = f.UserFactory(username="gone", is_active=False)
    f.AccountFactory(owner=inactive, name="Orphan Ltd")

    summary = services.account_flag_unvisited(now=at(TODAY))

    assert summary == {"flagged": 2, "emails_sent": 0, "owners": 2}
    assert mail.outbox == []
    account.refresh_from_db()
    assert account.unvisited_flagged_on == TODAY


def test_beat_schedule_names_a_registered_task():
    app.loader.import_default_modules()
    entries = {name: entry["task"] for name, entry in app.conf.beat_schedule.items()}

    assert entries["flag-unvisited-accounts-nightly"] == "accounts.flag_unvisited_accounts"
    assert set(entries.values()) <= set(app.tasks.keys())
    task = app.tasks["accounts.flag_unvisited_accounts"]
    assert task.__module__ == "accounts.tasks"
    assert task.name == task_flag_unvisited_accounts.name
    assert (task.time_limit, task.soft_time_limit) == (600, 540)
