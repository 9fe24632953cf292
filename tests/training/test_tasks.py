"""The day-before reminder of duty 7: which sessions are "tomorrow" (in the company's zone,
Asia/Shanghai, not in UTC), who hears of them (the trainer and the members of the
supporting department, each once), and the job run the way production runs it.

With REDIS_URL set (CI, with PostgreSQL) the task goes through the Redis broker to a real
Celery worker in a thread of this process, and so do the e-mails it queues through
``kam.notify``; without it (a laptop on SQLite) the same test runs them eagerly.
"""

import datetime as dt
import zoneinfo
from collections import Counter

import pytest
from celery.result import EagerResult
from django.core import mail

from kam.celery import app
from kam.choices import Role
from kam.dates import company_today
from kam.models import Notification
from tests import factories as f
from tests.support import wait_until
from training import services
from training.tasks import task_remind_sessions

pytestmark = pytest.mark.usefixtures("english")

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
#: Thursday 14 January 2027: the day the job runs; "tomorrow" is Friday the 15th.
TODAY = dt.date(2027, 1, 14)
ACCOUNT = "杭州精密铸造有限公司"
KIND = "training.reminder"
RESULT_TIMEOUT = 60


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2027, 1, day, hour, minute, tzinfo=SHANGHAI)


def reminded() -> list[tuple[str, str, str, str]]:
    return sorted(
        Notification.objects.filter(kind=KIND).values_list(
            "user__username", "subject", "body", "url"
        )
    )


def tomorrow(title: str, when: str, account: str = ACCOUNT) -> str:
    return f"Tomorrow: {title} · {account} · 2027-01-15 {when}"


def people():
    """Alice and Charlie (reps), the training department (Tina, Tom, and Ivy who left)."""
    training = f.department("training")
    return {
        "alice": f.UserFactory(username="alice", role=Role.REP),
        "charlie": f.UserFactory(username="charlie", role=Role.REP),
        "tina": f.UserFactory(username="tina", role=Role.DEPARTMENT, department=training),
        "tom": f.UserFactory(username="tom", role=Role.DEPARTMENT, department=training),
        "ivy": f.UserFactory(
            username="ivy", role=Role.DEPARTMENT, department=training, is_active=False
        ),
        "tess": f.UserFactory(
            username="tess", role=Role.DEPARTMENT, department=f.department("tech_support")
        ),
        "training": training,
    }


def plan(account, title, when, **extra):
    return services.session_create(
        by=account.owner, account=account, title=title, scheduled_at=when, **extra
    )


@pytest.fixture
def week(db):
    """Sessions around tomorrow: two of Alice's (the training department supports them,
    Tina gives the later one), one of Charlie's, and around them what is not tomorrow in
    Shanghai or not planned."""
    who = people()
    alice, charlie = who["alice"], who["charlie"]
    castings = f.AccountFactory(owner=alice, name=ACCOUNT)
    chengdu = f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")
    support = {"support_department": who["training"]}
    sessions = {
        # 00:30 in Shanghai is still the 14th in UTC: tomorrow all the same.
        "early": plan(castings, "Early shift", at(15, 0, 30), location="Plant 2", **support),
        "late": plan(
            castings,
            "Late shift",
            at(15, 23, 59),
            online_url="https://meet.example.com/x",
            trainer=who["tina"],
            **support,
        ),
        "charlies": plan(chengdu, "Hydraulics", at(15, 14), location="Chengdu"),
        # Not tomorrow in Shanghai: the 16th at midnight is the 15th at 16:00 in UTC.
        "today": plan(castings, "Tonight", at(14, 23, 59), **support),
        "after": plan(castings, "Saturday", at(16, 0, 0), **support),
    }
    called_off = plan(castings, "Called off", at(15, 10), **support)
    services.session_transition(session=called_off, to_status="cancelled", by=alice)
    held = plan(castings, "Held early", at(15, 6), **support)
    services.session_transition(session=held, to_status="done", by=alice, now=at(15, 7))
    return {**who, **sessions}


@pytest.mark.django_db
def test_tomorrows_planned_sessions_are_told_to_the_trainer_and_the_supporting_department(
    week,
):
    early, late, charlies = week["early"], week["late"], week["charlies"]

    assert services.sessions_remind(today=TODAY) == 3

    first, second = tomorrow("Early shift", "00:30"), tomorrow("Late shift", "23:59")
    online = "https://meet.example.com/x"
    hydraulics = tomorrow("Hydraulics", "14:00", "Chengdu Heavy Industries")
    assert reminded() == sorted(
        [
            ("alice", first, "Plant 2", f"/training/{early.pk}/"),
            ("tina", first, "Plant 2", f"/training/{early.pk}/"),
            ("tom", first, "Plant 2", f"/training/{early.pk}/"),
            # Tina gives it and is in the department: told once.
            ("tina", second, online, f"/training/{late.pk}/"),
            ("tom", second, online, f"/training/{late.pk}/"),
            ("charlie", hydraulics, "Chengdu", f"/training/{charlies.pk}/"),
        ]
    )


@pytest.mark.django_db
def test_the_reminder_is_sent_once_however_often_the_job_runs(week):
    services.sessions_remind(today=TODAY)
    told = reminded()

    services.sessions_remind(today=TODAY)
    services.sessions_remind(today=TODAY)

    assert reminded() == told
    assert Notification.objects.filter(kind=KIND).count() == 6


@pytest.mark.django_db
def test_a_second_run_announces_nothing(week):
    services.sessions_remind(today=TODAY)

    assert services.sessions_remind(today=TODAY) == 0


@pytest.mark.django_db
def test_the_next_day_has_its_own_sessions(week):
    after = week["after"]

    assert services.sessions_remind(today=TODAY + dt.timedelta(days=1)) == 1

    assert reminded() == [
        (name, f"Tomorrow: Saturday · {ACCOUNT} · 2027-01-16 00:00", "", f"/training/{after.pk}/")
        for name in ("alice", "tina", "tom")
    ]


@pytest.mark.django_db
def test_a_trainer_who_left_is_not_told_but_the_department_is(week):
    charlie = week["charlie"]
    charlie.is_active = False
    charlie.save()
    alice = week["alice"]
    alice.is_active = False
    alice.save()

    # Charlie's session has nobody left to tell; Alice's have the training department.
    assert services.sessions_remind(today=TODAY) == 2

    assert sorted({user for user, *_rest in reminded()}) == ["tina", "tom"]


@pytest.mark.django_db
def test_the_default_day_is_the_companys_today(db):
    who = people()
    castings = f.AccountFactory(owner=who["alice"], name=ACCOUNT)
    when = dt.datetime.combine(
        company_today() + dt.timedelta(days=1), dt.time(10, 0), tzinfo=SHANGHAI
    )
    plan(castings, "Tomorrow for real", when)
    plan(castings, "The day after", when + dt.timedelta(days=1))

    assert services.sessions_remind() == 1
    assert [subject.split(" · ")[0] for _user, subject, *_rest in reminded()] == [
        "Tomorrow: Tomorrow for real"
    ]


def test_beat_runs_the_reminder_every_morning():
    app.loader.import_default_modules()
    entry = app.conf.beat_schedule["remind-training-sessions-daily"]
    assert entry["task"] == "training.remind_sessions"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({9}, {0})
    task = app.tasks["training.remind_sessions"]
    assert task.__module__ == "training.tasks"
    assert (task.time_limit, task.soft_time_limit) == (600, 480)


# -- on a real worker ----------------------------------------------------------------------------


def run_task(**kwargs) -> int:
    result = task_remind_sessions.delay(**kwargs)
    # Through the broker unless the project runs eagerly: no silent fallback in CI.
    assert isinstance(result, EagerResult) is app.conf.task_always_eager
    return result.get(timeout=RESULT_TIMEOUT)


def reminder_mails() -> Counter:
    return Counter(
        (message.to[0], message.subject)
        for message in mail.outbox
        if message.subject.startswith("Tomorrow: ")
    )


@pytest.fixture
def worker_week(db):
    """Two of Alice's sessions tomorrow, one given by Tina, the training department
    supporting both (Ivy left: never told)."""
    who = people()
    castings = f.AccountFactory(owner=who["alice"], name=ACCOUNT)
    support = {"support_department": who["training"]}
    early = plan(castings, "Early shift", at(15, 0, 30), location="Plant 2", **support)
    # Tina hears she gives the late one: let that e-mail out before the next write (on
    # SQLite the worker's connection and the test's would lock each other's tables).
    late = plan(castings, "Late shift", at(15, 16), trainer=who["tina"], **support)
    wait_until(lambda: len(mail.outbox) == 1)
    plan(castings, "Saturday", at(16, 9), **support)
    return {"early": early, "late": late}


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_reminder_is_mailed_once_on_a_real_worker(celery_worker, worker_week):
    early, late = worker_week["early"], worker_week["late"]
    first = tomorrow("Early shift", "00:30")
    second = tomorrow("Late shift", "16:00")
    expected = Counter(
        {
            ("alice@example.com", first): 1,
            ("tina@example.com", first): 1,
            ("tom@example.com", first): 1,
            ("tina@example.com", second): 1,
            ("tom@example.com", second): 1,
        }
    )

    assert run_task(today=TODAY.isoformat()) == 2

    # The e-mails go out through the worker after the job's commit.
    wait_until(lambda: reminder_mails() == expected)
    message = next(m for m in mail.outbox if m.subject == first and m.to == ["alice@example.com"])
    assert "Plant 2" in message.body
    assert f"/training/{early.pk}/" in message.body

    run_task(today=TODAY.isoformat())
    run_task(today=TODAY.isoformat())

    assert Notification.objects.filter(kind=KIND).count() == 5
    wait_until(lambda: not Notification.objects.filter(kind=KIND, email_pending=True).exists())
    assert reminder_mails() == expected
    assert not Notification.objects.filter(kind=KIND, user__username="ivy").exists()
    assert f"/training/{late.pk}/" in next(m.body for m in mail.outbox if m.subject == second)
