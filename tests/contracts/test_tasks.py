"""The renewal job of duty 6, run the way production runs it.

With REDIS_URL set (CI, with PostgreSQL) the task goes through the Redis broker to a real
Celery worker running in a thread of this process, and so do the e-mails it queues
through ``kam.notify``; without it (a laptop on SQLite) the same tests run them eagerly.
The worker's thread has its own database connection, so the tests commit their data
(``transaction=True``); the in-memory mail outbox is shared.
"""

import datetime as dt
from collections import Counter

import pytest
from celery.result import EagerResult
from django.core import mail

from contracts import services
from contracts.models import Contract, ContractReview
from contracts.tasks import task_check_renewals
from kam.celery import app
from kam.choices import Role
from kam.dates import company_today
from kam.models import Notification
from tests import factories as f
from tests.support import wait_until

RESULT_TIMEOUT = 60
ACCOUNT = "杭州精密铸造有限公司"
STARTS = dt.date(2027, 1, 1)
ENDS = dt.date(2027, 12, 31)
NOTHING = {"expired": 0, "reminded": 0}
ONE_REMINDER = {"expired": 0, "reminded": 1}
OWNER_AND_MANAGER = ("alice@example.com", "bob@example.com")


def before_end(days: int, end=ENDS) -> str:
    """The day the job runs, as the task takes it: an ISO 8601 date."""
    return (end - dt.timedelta(days=days)).isoformat()


def run_task(**kwargs) -> dict:
    result = task_check_renewals.delay(**kwargs)
    # Through the broker unless the project runs eagerly: no silent fallback in CI.
    assert isinstance(result, EagerResult) is app.conf.task_always_eager
    return result.get(timeout=RESULT_TIMEOUT)


def renewal_mails() -> Counter:
    """The renewal reminders e-mailed so far, by (recipient, subject)."""
    return Counter(
        (message.to[0], message.subject)
        for message in mail.outbox
        if message.subject.startswith("Ends in ")
    )


def each(people, *subjects) -> Counter:
    return Counter({(person, subject): 1 for person in people for subject in subjects})


@pytest.fixture
def people(db):
    """Alice the rep, Bob her manager, one reviewer each in legal and finance, and a rep of
    another team."""
    bob = f.UserFactory(username="bob", role=Role.MANAGER, email="bob@example.com")
    team = f.TeamFactory(name="East", manager=bob)
    alice = f.UserFactory(username="alice", role=Role.REP, team=team, email="alice@example.com")
    charlie = f.UserFactory(username="charlie", role=Role.REP, email="charlie@example.com")
    lena = f.UserFactory(
        username="lena",
        role=Role.DEPARTMENT,
        department=f.department("legal"),
        email="lena@example.com",
    )
    fred = f.UserFactory(
        username="fred",
        role=Role.DEPARTMENT,
        department=f.department("finance"),
        email="fred@example.com",
    )
    return {"alice": alice, "bob": bob, "charlie": charlie, "lena": lena, "fred": fred}


def signed_contract(people, account, number, *, ends=ENDS, sign=True) -> Contract:
    """A contract taken through both reviews to signed; each write's e-mails are let out
    before the next write (on SQLite a worker's connection and the test's would lock each
    other's tables)."""
    owner = account.owner
    sent = len(mail.outbox)
    contract = f.ContractFactory(account=account, number=number, starts_on=STARTS, ends_on=ends)
    services.contract_submit_for_review(contract=contract, by=owner)
    wait_until(lambda: len(mail.outbox) == sent + 2)  # legal and finance are asked
    for code in ("legal", "finance"):
        review = ContractReview.objects.get(contract=contract, department__code=code)
        reviewer = people["lena" if code == "legal" else "fred"]
        services.review_decide(review=review, by=reviewer, decision="approved")
    wait_until(lambda: len(mail.outbox) == sent + 4)  # the owner hears both decisions
    if sign:
        services.contract_transition(
            contract=contract, to_status="signed", by=owner, signed_on=company_today()
        )
    return Contract.objects.get(pk=contract.pk)


@pytest.fixture
def castings(people):
    return f.AccountFactory(owner=people["alice"], name=ACCOUNT)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_renewal_threshold_is_mailed_once_on_a_real_worker(celery_worker, people, castings):
    signed = signed_contract(people, castings, "HT-2027-0001")
    # Approved but never signed: not reminded.
    signed_contract(people, castings, "HT-2027-0002", sign=False)
    subject = f"Ends in {{}} days: HT-2027-0001 {ACCOUNT}"

    assert run_task(today=before_end(91)) == NOTHING
    assert run_task(today=before_end(90)) == ONE_REMINDER
    assert Contract.objects.get(pk=signed.pk).renewal_notice == 90
    # The e-mails go out through the worker after the job's commit.
    wait_until(lambda: renewal_mails() == each(OWNER_AND_MANAGER, subject.format(90)))
    message = next(m for m in mail.outbox if m.subject == subject.format(90))
    assert f"{signed.title} ends on 2027-12-31." in message.body
    assert f"/contracts/{signed.pk}/" in message.body

    # Run twice: nothing new, for anyone.
    assert run_task(today=before_end(90)) == NOTHING
    assert run_task(today=before_end(89)) == NOTHING
    assert run_task(today=before_end(61)) == NOTHING
    assert Notification.objects.filter(kind="contracts.renewal").count() == 2

    assert run_task(today=before_end(60)) == ONE_REMINDER
    assert run_task(today=before_end(60)) == NOTHING
    assert run_task(today=before_end(31)) == NOTHING
    assert run_task(today=before_end(30)) == ONE_REMINDER
    for day in (30, 29, 10, 0):
        assert run_task(today=before_end(day)) == NOTHING

    wait_until(
        lambda: (
            renewal_mails()
            == each(OWNER_AND_MANAGER, *(subject.format(day) for day in (90, 60, 30)))
        )
    )
    assert Notification.objects.filter(kind="contracts.renewal").count() == 6
    assert Notification.objects.filter(kind="contracts.renewal", email_pending=True).count() == 0
    assert Contract.objects.get(pk=signed.pk).renewal_notice == 30


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_contracts_past_their_end_expire_on_a_real_worker(celery_worker, people, castings):
    signed = signed_contract(people, castings, "HT-2027-0001")
    approved = signed_contract(people, castings, "HT-2027-0002", sign=False)
    chengdu = f.AccountFactory(owner=people["charlie"], name="Chengdu Heavy Industries")
    # Charlie's ended on 30 June 2027 without the job ever seeing it before.
    charlies = signed_contract(people, chengdu, "HT-2027-0003", ends=dt.date(2027, 6, 30))
    draft = f.ContractFactory(
        account=castings, number="HT-2027-0004", starts_on=STARTS, ends_on=ENDS
    )

    # Expired first, so an ended contract is not reminded; Alice's signed one is first
    # seen 20 days before its end: "30 days" only, once.
    assert run_task(today=before_end(20)) == {"expired": 1, "reminded": 1}
    assert run_task(today=before_end(0)) == NOTHING  # Alice's last day: still in force
    assert run_task(today=before_end(-1)) == {"expired": 2, "reminded": 0}
    assert run_task(today=before_end(-1)) == NOTHING

    stored = {
        contract.number: Contract.objects.get(pk=contract.pk)
        for contract in (signed, approved, charlies, draft)
    }
    assert {number: contract.status for number, contract in stored.items()} == {
        "HT-2027-0001": "expired",
        "HT-2027-0002": "expired",
        "HT-2027-0003": "expired",
        "HT-2027-0004": "draft",
    }
    assert stored["HT-2027-0003"].status_note == "The term ended on 2027-06-30."
    wait_until(
        lambda: (
            renewal_mails() == each(OWNER_AND_MANAGER, f"Ends in 20 days: HT-2027-0001 {ACCOUNT}")
        )
    )
    assert not Notification.objects.filter(
        user=people["charlie"], kind="contracts.renewal"
    ).exists()


@pytest.mark.django_db
def test_the_task_runs_as_of_today_by_default(people, castings):
    today = company_today()
    contract = f.ContractFactory(
        account=castings,
        starts_on=today - dt.timedelta(days=300),
        ends_on=today + dt.timedelta(days=30),
    )
    services.contract_submit_for_review(contract=contract, by=people["alice"])
    for code, user in (("legal", people["lena"]), ("finance", people["fred"])):
        review = ContractReview.objects.get(contract=contract, department__code=code)
        services.review_decide(review=review, by=user, decision="approved")
    services.contract_transition(
        contract=contract, to_status="signed", by=people["alice"], signed_on=today
    )

    assert task_check_renewals() == ONE_REMINDER
    assert task_check_renewals(today=today.isoformat()) == NOTHING
    assert sorted(
        Notification.objects.filter(kind="contracts.renewal").values_list(
            "user__username", flat=True
        )
    ) == ["alice", "bob"]


def test_beat_schedule_runs_the_renewal_check_daily():
    app.loader.import_default_modules()
    entry = app.conf.beat_schedule["check-contract-renewals-daily"]
    assert entry["task"] == "contracts.check_renewals"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({6}, {30})
    task = app.tasks["contracts.check_renewals"]
    assert task.__module__ == "contracts.tasks"
    assert (task.time_limit, task.soft_time_limit) == (20 * 60, 15 * 60)
