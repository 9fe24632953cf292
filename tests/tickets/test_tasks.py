"""The SLA job of duty 4, run the way production runs it.

With REDIS_URL set (CI, with PostgreSQL) the task goes through the Redis broker to a real
Celery worker running in a thread of this process, and so do the e-mails it queues
through ``kam.notify``; without it (a laptop on SQLite) the same test runs them eagerly.
The worker's thread has its own database connection, so the test commits its data
(``transaction=True``); the in-memory mail outbox is shared.
"""

import datetime as dt
import zoneinfo
from collections import Counter

import pytest
from celery.result import EagerResult
from django.core import mail

from kam.celery import app
from kam.choices import Role
from kam.models import Notification
from tests import factories as f
from tests.support import wait_until
from tickets import services
from tickets.models import Ticket
from tickets.tasks import task_check_sla

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
#: Monday 2 November 2026, 09:00 in Shanghai: the tickets open then (due 48 h later).
T0 = dt.datetime(2026, 11, 2, 9, 0, 0, tzinfo=SHANGHAI)
RESULT_TIMEOUT = 60
ACCOUNT = "杭州精密铸造有限公司"
NOTHING = {"at_risk": 0, "breached": 0}


def after(hours=0, minutes=0, seconds=0) -> str:
    """The moment as the task takes it: ISO 8601 with its offset."""
    return (T0 + dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)).isoformat()


def run_task(**kwargs) -> dict:
    result = task_check_sla.delay(**kwargs)
    # Through the broker unless the project runs eagerly: no silent fallback in CI.
    assert isinstance(result, EagerResult) is app.conf.task_always_eager
    return result.get(timeout=RESULT_TIMEOUT)


def sla_mails() -> Counter:
    """The SLA warnings e-mailed so far, by (recipient, subject)."""
    return Counter(
        (message.to[0], message.subject)
        for message in mail.outbox
        if message.subject.startswith("SLA ")
    )


def each(people, *subjects) -> Counter:
    return Counter({(person, subject): 1 for person in people for subject in subjects})


@pytest.fixture
def slow(db):
    """A quality complaint Bob raised on Alice's account at T0, routed to technical support
    (two members, one without an address, one who left); and Charlie's paused ticket."""
    bob = f.UserFactory(username="bob", role=Role.MANAGER, email="bob@example.com")
    team = f.TeamFactory(name="East", manager=bob)
    alice = f.UserFactory(username="alice", role=Role.REP, team=team, email="alice@example.com")
    charlie = f.UserFactory(username="charlie", role=Role.REP, email="charlie@example.com")
    support = f.department("tech_support")
    tess = f.UserFactory(
        username="tess", role=Role.DEPARTMENT, department=support, email="tess@example.com"
    )
    f.UserFactory(username="tom", role=Role.DEPARTMENT, department=support, email="tom@example.com")
    f.UserFactory(username="nomail", role=Role.DEPARTMENT, department=support, email="")
    f.UserFactory(
        username="ivy",
        role=Role.DEPARTMENT,
        department=support,
        email="ivy@example.com",
        is_active=False,
    )
    castings = f.AccountFactory(owner=alice, name=ACCOUNT)
    chengdu = f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")
    # Each write's e-mails are let out before the next write: on SQLite the worker's
    # connection and the test's would otherwise lock each other's tables.
    ticket = services.ticket_open(
        by=bob, account=castings, category="quality", subject="Cracked castings", now=T0
    )
    wait_until(lambda: len(mail.outbox) == 2)  # technical support hears of it
    paused = services.ticket_open(
        by=charlie, account=chengdu, category="quality", subject="Noise", now=T0
    )
    wait_until(lambda: len(mail.outbox) == 4)
    services.ticket_transition(
        ticket=paused,
        to_status="waiting_on_customer",
        by=tess,
        now=T0 + dt.timedelta(hours=10),
    )
    wait_until(lambda: len(mail.outbox) == 5)  # Charlie hears it waits on his customer
    return {"ticket": ticket, "paused": paused, "charlie": charlie}


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_sla_threshold_is_mailed_once_on_a_real_worker(celery_worker, slow):
    ticket, paused = slow["ticket"], slow["paused"]
    at_risk = f"SLA at risk: #{ticket.pk} {ACCOUNT}"
    breached = f"SLA breached: #{ticket.pk} {ACCOUNT}"
    people = ("alice@example.com", "bob@example.com", "tess@example.com", "tom@example.com")

    assert run_task(now=after(35, 59, 59)) == NOTHING
    assert run_task(now=after(38, 24)) == {"at_risk": 1, "breached": 0}  # 80 %
    assert Ticket.objects.get(pk=ticket.pk).sla_mark == "at_risk"
    # The e-mails go out through the worker after the job's commit.
    wait_until(lambda: sla_mails() == each(people, at_risk))
    message = next(m for m in mail.outbox if m.subject == at_risk and m.to == [people[0]])
    assert "Cracked castings\nDue at 2026-11-04 09:00." in message.body
    assert f"/tickets/{ticket.pk}/" in message.body

    # Run twice: nothing new, for anyone.
    assert run_task(now=after(38, 24)) == NOTHING
    assert run_task(now=after(43, 12)) == NOTHING
    assert Notification.objects.filter(kind="tickets.sla").count() == 5  # with "nomail", in-app

    assert run_task(now=after(52, 48)) == {"at_risk": 0, "breached": 1}  # 110 %
    assert Ticket.objects.get(pk=ticket.pk).sla_mark == "breached"
    wait_until(lambda: sla_mails() == each(people, at_risk, breached))
    assert run_task(now=after(52, 48)) == NOTHING
    assert run_task(now=after(100)) == NOTHING

    assert Notification.objects.filter(kind="tickets.sla").count() == 10
    assert Notification.objects.filter(kind="tickets.sla", email_pending=True).count() == 0
    assert sla_mails() == each(people, at_risk, breached)
    # Charlie's ticket waits on its customer: never warned, however late it gets.
    assert Ticket.objects.get(pk=paused.pk).sla_mark == ""
    assert Notification.objects.filter(kind="tickets.sla", user__username="charlie").count() == 0


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_ticket_resumed_after_a_long_wait_is_warned_on_its_new_due_time(celery_worker, slow):
    ticket, paused, charlie = slow["ticket"], slow["paused"], slow["charlie"]

    bobs = f"SLA breached: #{ticket.pk} {ACCOUNT}"
    support = ("tess@example.com", "tom@example.com")
    assert run_task(now=after(100)) == {"at_risk": 0, "breached": 1}  # Bob's ticket only
    wait_until(
        lambda: sla_mails() == each(("alice@example.com", "bob@example.com", *support), bobs)
    )
    resumed = services.ticket_transition(
        ticket=paused, to_status="in_progress", by=charlie, now=T0 + dt.timedelta(hours=100)
    )
    # 90 h waiting on the customer: due at T0 + 138 h, at risk from T0 + 126 h.
    assert (resumed.due_at, resumed.warn_at) == (
        T0 + dt.timedelta(hours=138),
        T0 + dt.timedelta(hours=126),
    )
    assert run_task(now=after(125, 59, 59)) == NOTHING
    assert run_task(now=after(126)) == {"at_risk": 1, "breached": 0}
    assert run_task(now=after(126)) == NOTHING
    assert run_task(now=after(138)) == {"at_risk": 0, "breached": 1}
    assert run_task(now=after(138)) == NOTHING

    noise = f"#{paused.pk} Chengdu Heavy Industries"
    expected = each(("alice@example.com", "bob@example.com", *support), bobs) + each(
        ("charlie@example.com", *support), f"SLA at risk: {noise}", f"SLA breached: {noise}"
    )
    wait_until(lambda: sla_mails() == expected)
    assert Notification.objects.filter(kind="tickets.sla").count() == 5 + 4 + 4


def test_beat_schedule_runs_the_check_every_five_minutes():
    app.loader.import_default_modules()
    entry = app.conf.beat_schedule["check-ticket-slas"]
    assert entry["task"] == "tickets.check_sla"
    assert entry["schedule"].minute == set(range(0, 60, 5))
    assert entry["schedule"].hour == set(range(24))
    task = app.tasks["tickets.check_sla"]
    assert task.__module__ == "tickets.tasks"
    assert (task.time_limit, task.soft_time_limit) == (240, 180)
