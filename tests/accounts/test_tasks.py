"""The scheduled jobs of duty 1, run the way production runs them.

With REDIS_URL set (CI, with PostgreSQL) the task goes through the Redis broker to a real
Celery worker running in a thread of this process, and so do the e-mails and webhook posts
it queues through ``kam.notify``; without it (a laptop on SQLite) the same test runs them
eagerly. The worker's thread has its own database connection, so the test commits its data
(``transaction=True``); the in-memory mail outbox is shared.
"""

import datetime as dt

import pytest
from celery.result import EagerResult
from django.core import mail
from django.utils import timezone

from accounts import services
from accounts.choices import AccountStatus
from accounts.models import Account
from accounts.tasks import task_flag_unvisited_accounts, task_remind_overdue_plan_actions
from kam.celery import app
from kam.choices import Role
from kam.models import DeliveryStatus, Notification, Webhook, WebhookDelivery
from tests import factories as f
from tests.support import wait_until

TODAY = dt.date(2026, 3, 2)
RESULT_TIMEOUT = 60


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def run_task(task=task_flag_unvisited_accounts, **kwargs) -> dict:
    result = task.delay(**kwargs)
    # Through the broker unless the project runs eagerly: no silent fallback in CI.
    assert isinstance(result, EagerResult) is app.conf.task_always_eager
    return result.get(timeout=RESULT_TIMEOUT)


@pytest.fixture
def lapsed(db):
    """Two reps with accounts in every state the job must tell apart; Alice's manager Bob."""
    bob = f.UserFactory(
        username="bob", first_name="Bob", last_name="Wu", email="bob@example.com", role="manager"
    )
    team = f.TeamFactory(name="East", manager=bob)
    alice = f.UserFactory(
        username="alice",
        first_name="Alice",
        last_name="Zhang",
        email="alice@example.com",
        team=team,
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
    return {"alice": alice, "bob": bob, "charlie_rep": charlie, **accounts}


ALICE_TEXT = """These accounts of yours have not been visited for 90 days or more:

- Anhui Blue Sky Foods (never visited)
- Hangzhou Precision Castings (last visit 2025-11-02)

Log a visit to an account to clear its reminder."""

ALICE_MAIL = f"""Hello Alice Zhang,

{ALICE_TEXT}

Open in KAM CRM: http://testserver.example/accounts/?sort=last_visit

You get this e-mail because of your notification settings: http://testserver.example/me/notifications/
"""

BOB_TEXT = """These accounts of Alice Zhang have not been visited for 90 days or more:

- Anhui Blue Sky Foods (never visited)
- Hangzhou Precision Castings (last visit 2025-11-02)"""

CHARLIE_TEXT = """This account of yours has not been visited for 90 days or more:

- Suzhou Harbour Logistics (last visit 2025-12-01)

Log a visit to an account to clear its reminder."""


def flags():
    return dict(Account.objects.order_by("name").values_list("name", "unvisited_flagged_on"))


def told(user) -> list[tuple[str, str, str]]:
    return list(Notification.objects.filter(user=user).values_list("kind", "subject", "body"))


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_task_tells_each_owner_and_manager_once_on_a_real_worker(
    celery_worker, lapsed, webhook_server, allow_private_webhooks, settings
):
    settings.KAM_BASE_URL = "http://testserver.example"
    Webhook.objects.create(user=lapsed["bob"], url=f"{webhook_server.base}/wecom", flavour="wecom")
    webhook_server.reply((200, {"errcode": 0, "errmsg": "ok"}))

    summary = run_task(today=TODAY.isoformat())

    assert summary == {"flagged": 3, "notified": 2, "owners": 2}
    assert flags() == {
        "Already Told Ltd": TODAY - dt.timedelta(days=5),
        "Anhui Blue Sky Foods": TODAY,
        "Gone Ltd": None,
        "Hangzhou Precision Castings": TODAY,
        "Recent Visit Ltd": None,
        "Suzhou Harbour Logistics": TODAY,
    }
    subject = "KAM CRM: 2 accounts not visited for 90 days"
    assert told(lapsed["alice"]) == [("accounts.unvisited", subject, ALICE_TEXT)]
    assert told(lapsed["bob"]) == [
        (
            "accounts.team_unvisited",
            "KAM CRM: 2 accounts of Alice Zhang not visited for 90 days",
            BOB_TEXT,
        )
    ]
    assert told(lapsed["charlie_rep"]) == [
        ("accounts.unvisited", "KAM CRM: 1 account not visited for 90 days", CHARLIE_TEXT)
    ]
    # E-mails and the manager's WeCom post go out through the worker after commit.
    wait_until(lambda: len(mail.outbox) == 3 and len(webhook_server.requests) == 1)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert (by_recipient["alice@example.com"].subject, by_recipient["alice@example.com"].body) == (
        subject,
        ALICE_MAIL,
    )
    assert by_recipient["bob@example.com"].subject == (
        "KAM CRM: 2 accounts of Alice Zhang not visited for 90 days"
    )
    post = webhook_server.requests[0]
    assert (post.method, post.path) == ("POST", "/wecom")
    assert post.json["msgtype"] == "markdown"
    assert "2 accounts of Alice Zhang not visited for 90 days" in post.json["markdown"]["content"]
    delivery = WebhookDelivery.objects.get()
    wait_until(lambda: WebhookDelivery.objects.get().status == DeliveryStatus.DELIVERED)
    assert WebhookDelivery.objects.get().attempts == 1

    # Idempotent: the second run (the same night or the next) tells nobody anything.
    empty = {"flagged": 0, "notified": 0, "owners": 0}
    assert run_task(today=TODAY.isoformat()) == empty
    assert run_task(today=(TODAY + dt.timedelta(days=1)).isoformat()) == empty
    assert Notification.objects.count() == 3
    assert WebhookDelivery.objects.get() == delivery
    assert (len(mail.outbox), len(webhook_server.requests)) == (3, 1)

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
    webhook_server.reply((200, {"errcode": 0, "errmsg": "ok"}))
    assert run_task(today=later.isoformat(), account_ids=[lapsed["old"].pk]) == {
        "flagged": 1,
        "notified": 1,
        "owners": 1,
    }
    wait_until(lambda: len(mail.outbox) == 5)
    latest = told(lapsed["alice"])[0]
    assert latest[1] == "KAM CRM: 1 account not visited for 90 days"
    assert "- Hangzhou Precision Castings (last visit 2026-02-25)" in latest[2]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_overdue_plan_actions_are_reminded_once_a_day(celery_worker):
    alice = f.UserFactory(username="alice", first_name="Alice", last_name="Zhang")
    plan = f.RelationshipPlanFactory(account=f.AccountFactory(owner=alice, name="Wuxi Bearings"))
    f.PlanActionFactory(plan=plan, title="Executive dinner", due_on=TODAY - dt.timedelta(days=3))
    f.PlanActionFactory(plan=plan, title="Plant tour", due_on=TODAY - dt.timedelta(days=1))
    f.PlanActionFactory(
        plan=plan,
        title="Done already",
        due_on=TODAY - dt.timedelta(days=9),
        done_on=TODAY - dt.timedelta(days=8),
    )
    f.PlanActionFactory(plan=plan, title="Not yet due", due_on=TODAY + dt.timedelta(days=1))
    closed = f.RelationshipPlanFactory(account=plan.account, year=2020, status="completed")
    f.PlanActionFactory(plan=closed, title="Old plan", due_on=dt.date(2020, 5, 1))

    assert run_task(task_remind_overdue_plan_actions, today=TODAY.isoformat()) == {
        "owners": 1,
        "notified": 1,
    }
    assert run_task(task_remind_overdue_plan_actions, today=TODAY.isoformat()) == {
        "owners": 1,
        "notified": 0,
    }

    assert told(alice) == [
        (
            "accounts.overdue_actions",
            "KAM CRM: 2 relationship-plan actions are overdue",
            "- Executive dinner (Wuxi Bearings), due 2026-02-27\n"
            "- Plant tour (Wuxi Bearings), due 2026-03-01",
        )
    ]
    wait_until(lambda: len(mail.outbox) == 1)
    # The next day is another reminder.
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    assert run_task(task_remind_overdue_plan_actions, today=tomorrow)["notified"] == 1


@pytest.mark.django_db
def test_flag_unvisited_flags_owner_without_email_but_sends_nothing(
    django_capture_on_commit_callbacks,
):
    rep = f.UserFactory(username="nomail", email="", role=Role.REP)
    account = f.AccountFactory(owner=rep, name="Quiet Ltd")
    inactive = f.UserFactory(username="gone", is_active=False)
    f.AccountFactory(owner=inactive, name="Orphan Ltd")

    # E-mails are queued on commit: run what would be queued, as a commit would.
    with django_capture_on_commit_callbacks(execute=True):
        summary = services.account_flag_unvisited(now=at(TODAY))

    # Both are flagged; the rep is told in the app only (no address), the inactive owner
    # not at all. No e-mail is pending either, for a worker to send later.
    assert summary == {"flagged": 2, "notified": 1, "owners": 2}
    assert mail.outbox == []
    assert Notification.objects.filter(user=rep).count() == 1
    assert list(Notification.objects.values_list("email_pending", "emailed_at")) == [(False, None)]
    account.refresh_from_db()
    assert account.unvisited_flagged_on == TODAY


def test_beat_schedule_names_a_registered_task():
    app.loader.import_default_modules()
    entries = {name: entry["task"] for name, entry in app.conf.beat_schedule.items()}

    assert entries["flag-unvisited-accounts-nightly"] == "accounts.flag_unvisited_accounts"
    assert entries["remind-overdue-plan-actions-daily"] == "accounts.remind_overdue_plan_actions"
    assert entries["flush-notifications"] == "kam.flush_notifications"
    assert set(entries.values()) <= set(app.tasks.keys())
    task = app.tasks["accounts.flag_unvisited_accounts"]
    assert task.__module__ == "accounts.tasks"
    assert task.name == task_flag_unvisited_accounts.name
    assert (task.time_limit, task.soft_time_limit) == (600, 540)
