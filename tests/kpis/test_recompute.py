"""The recompute job: idempotent, judged by the current targets, telling people once when a
metric falls below target, all-or-nothing per quarter (an exception, or a killed process,
leaves the previous scorecards), recorded as a ``RecomputeRun``, run by a real Celery
worker, the command and the "recompute now" button, in a constant number of queries.
"""

import datetime as dt
import io
import os
import signal
import subprocess
import sys
import zoneinfo
from decimal import Decimal
from pathlib import Path

import pytest
from celery.result import EagerResult
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kam.celery import app
from kam.choices import Role
from kam.dates import Quarter
from kam.errors import Conflict
from kam.models import Notification
from kpis import services
from kpis.choices import Metric, RunStatus, Scope
from kpis.models import KpiTarget, RecomputeRun, Scorecard, ScorecardMetric
from kpis.notifications import METRIC_MISSED
from kpis.tasks import recompute_scorecards
from tests import factories as f
from tests.support import require_postgresql, wait_until
from tickets.services import ticket_transition

pytestmark = [pytest.mark.usefixtures("english")]

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
Q2 = Quarter(2026, 2)
D = Decimal
RESULT_TIMEOUT = 60


def rows(quarter=Q2) -> list[tuple]:
    """A quarter's stored figures, without ids or times: what a recompute must reproduce."""
    return sorted(
        ScorecardMetric.objects.filter(
            scorecard__year=quarter.year, scorecard__quarter=quarter.quarter
        ).values_list(
            "scorecard__scope",
            "scorecard__user",
            "scorecard__team",
            "metric",
            "numerator",
            "denominator",
            "value",
            "target",
            "direction",
            "met",
        ),
        key=str,
    )


def figure(metric, user=None, quarter=Q2) -> tuple:
    card = {"scorecard__scope": Scope.REP, "scorecard__user": user} if user else {}
    row = ScorecardMetric.objects.get(
        metric=metric,
        scorecard__year=quarter.year,
        scorecard__quarter=quarter.quarter,
        **(card or {"scorecard__scope": Scope.COMPANY}),
    )
    return (row.value, row.target, row.met)


def survey(account, received_on, score):
    return f.SurveyResponseFactory(account=account, received_on=received_on, score=score)


@pytest.fixture
def quarter_data(alice, charlie):
    """Alice: 2 satisfied responses of 2 and an order; Charlie: 1 of 2."""
    alice_account = f.AccountFactory(owner=alice)
    survey(alice_account, dt.date(2026, 4, 1), 5)
    survey(alice_account, dt.date(2026, 6, 30), 4)
    f.OrderFactory(
        account=alice_account,
        ordered_on=dt.date(2026, 5, 1),
        promised_on=dt.date(2026, 5, 20),
        amount=D("5000"),
    )
    charlie_account = f.AccountFactory(owner=charlie)
    survey(charlie_account, dt.date(2026, 5, 1), 5)
    survey(charlie_account, dt.date(2026, 5, 2), 1)
    return {"alice": alice_account, "charlie": charlie_account}


# -- idempotent, judged by the current targets ------------------------------------------------


@pytest.mark.django_db
def test_recomputing_twice_leaves_the_same_rows(quarter_data):
    assert services.recompute_quarter(Q2) == 2 + 2 + 1  # Alice, Charlie; East, West; company
    first = rows()
    first_ids = set(Scorecard.objects.values_list("pk", flat=True))

    later = timezone.now() + dt.timedelta(hours=1)
    assert services.recompute_quarter(Q2, now=later) == 5

    assert rows() == first
    assert len(first) == 5 * len(Metric.values)
    # Nothing added: each scorecard kept its row (the cell pages' links stay valid),
    # stamped with the new time.
    assert Scorecard.objects.count() == 5
    assert set(Scorecard.objects.values_list("pk", flat=True)) == first_ids
    assert ScorecardMetric.objects.count() == 5 * len(Metric.values)
    assert {card.computed_at for card in Scorecard.objects.all()} == {later}


@pytest.mark.django_db
def test_a_recompute_updates_only_the_metrics_whose_figures_changed(quarter_data, alice):
    services.recompute_quarter(Q2)
    metric_ids = set(ScorecardMetric.objects.values_list("pk", flat=True))
    survey(quarter_data["alice"], dt.date(2026, 6, 30), 1)  # Alice's, her team's, company's
    updates = []

    def count_updates(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.startswith('UPDATE "kpis_scorecardmetric"'):
            updates.append(context["cursor"].rowcount)
        return result

    with connection.execute_wrapper(count_updates):
        services.recompute_quarter(Q2)

    # The same rows (their ids too); of them, satisfaction of Alice, East and the company.
    assert set(ScorecardMetric.objects.values_list("pk", flat=True)) == metric_ids
    assert updates == [3]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_write_that_fails_after_staging_leaves_the_figures_and_the_next_run_works(
    quarter_data,
):
    services.recompute_quarter(Q2)
    before = rows()
    survey(quarter_data["alice"], dt.date(2026, 6, 1), 1)

    def fail_on_update(execute, sql, params, many, context):
        if sql.startswith('UPDATE "kpis_scorecardmetric"'):
            raise RuntimeError("the database went away")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail_on_update), pytest.raises(RuntimeError):
        services.recompute_quarter(Q2)

    assert rows() == before
    # On the same connection: the staging table went with the rolled-back transaction.
    services.recompute_quarter(Q2)
    assert figure(Metric.SATISFACTION, quarter_data["alice"].owner)[0] == D("66.67")


@pytest.mark.django_db
def test_a_recompute_replaces_changed_figures_and_drops_a_rep_no_longer_measured(
    quarter_data, alice, charlie
):
    services.recompute_quarter(Q2)
    alice_card = Scorecard.objects.get(scope=Scope.REP, user=alice, year=2026, quarter=2)
    charlie_card = Scorecard.objects.get(scope=Scope.REP, user=charlie, year=2026, quarter=2)
    survey(quarter_data["alice"], dt.date(2026, 6, 30), 1)  # Alice: 2 satisfied of 3 now
    charlie.is_active = False  # Charlie left: no scorecard of his for the quarter any more
    charlie.save()

    assert services.recompute_quarter(Q2) == 1 + 2 + 1  # Alice; East, West; company

    row = ScorecardMetric.objects.get(scorecard=alice_card, metric=Metric.SATISFACTION)
    assert (row.numerator, row.denominator) == (D(2), D(3))
    assert not Scorecard.objects.filter(pk=charlie_card.pk).exists()
    assert not ScorecardMetric.objects.filter(scorecard=charlie_card.pk).exists()
    assert len(rows()) == 4 * len(Metric.values)


@pytest.mark.django_db
def test_a_changed_target_shows_on_the_next_recompute(quarter_data, charlie):
    services.recompute_quarter(Q2)
    # Charlie: 1/2 = 50 % against the default 85 %.
    assert figure(Metric.SATISFACTION, charlie) == (D("50.00"), D("85.00"), False)

    KpiTarget.objects.filter(metric=Metric.SATISFACTION).update(target=D("50"))
    assert figure(Metric.SATISFACTION, charlie) == (D("50.00"), D("85.00"), False)  # stored
    services.recompute_quarter(Q2)

    assert figure(Metric.SATISFACTION, charlie) == (D("50.00"), D("50.00"), True)
    # The company: 3/4 = 75 %.
    assert figure(Metric.SATISFACTION) == (D("75.00"), D("50.00"), True)


@pytest.mark.django_db
def test_at_most_targets_are_met_at_or_below(alice):
    KpiTarget.objects.filter(metric=Metric.RESOLUTION_HOURS).update(target=D("12"))
    account = f.AccountFactory(owner=alice)
    ticket = f.TicketFactory(account=account, now=dt.datetime(2026, 5, 1, 9, tzinfo=SHANGHAI))
    ticket_transition(
        ticket=ticket,
        to_status="resolved",
        by=alice,
        now=dt.datetime(2026, 5, 1, 21, tzinfo=SHANGHAI),
    )

    services.recompute_quarter(Q2)

    # Exactly 12 h against "≤ 12".
    assert figure(Metric.RESOLUTION_HOURS, alice) == (D("12.00"), D("12.00"), True)


# -- telling people once ----------------------------------------------------------------------


def missed(user) -> list[tuple[str, str]]:
    return list(
        Notification.objects.filter(user=user, kind=METRIC_MISSED.code)
        .order_by("id")
        .values_list("subject", "url")
    )


@pytest.mark.django_db
def test_a_met_metric_falling_below_target_tells_the_rep_and_the_manager_once(
    quarter_data, alice, bob, charlie
):
    services.recompute_quarter(Q2)
    assert figure(Metric.SATISFACTION, alice)[2] is True  # 2/2
    assert Notification.objects.filter(kind=METRIC_MISSED.code).count() == 0

    survey(quarter_data["alice"], dt.date(2026, 6, 1), 1)
    survey(quarter_data["alice"], dt.date(2026, 6, 2), 2)
    services.recompute_quarter(Q2)

    # Alice: 2/4 = 50 %, and East (her team, only her): 50 % too. Bob manages both.
    assert figure(Metric.SATISFACTION, alice)[::2] == (D("50.00"), False)
    rep = (
        f"Satisfaction of {alice} fell below target in 2026 Q2",
        reverse("kpis:rep", args=[alice.pk]) + "?quarter=2026-2",
    )
    team = (
        "Satisfaction of East fell below target in 2026 Q2",
        reverse("kpis:dashboard") + f"?team={alice.team_id}&quarter=2026-2",
    )
    assert missed(alice) == [rep]
    assert missed(bob) == [rep, team]
    assert missed(charlie) == []  # Charlie's 50 % was never met: nothing fell

    # Still below target on the next runs: nobody is told again.
    services.recompute_quarter(Q2)
    services.recompute_quarter(Q2)
    assert Notification.objects.filter(kind=METRIC_MISSED.code).count() == 3


# -- all or nothing ---------------------------------------------------------------------------


class HalfWay(Exception):
    pass


@pytest.mark.django_db
def test_a_failure_half_way_leaves_the_previous_scorecards(quarter_data):
    services.recompute_quarter(Q2)
    before = rows()
    cards = list(Scorecard.objects.values_list("pk", "computed_at"))
    survey(quarter_data["alice"], dt.date(2026, 6, 1), 1)  # a change the failed run misses
    seen = []

    def fail_after_the_first(metric):
        seen.append(metric)
        raise HalfWay(metric)

    with pytest.raises(HalfWay):
        services.recompute_quarter(Q2, after_metric=fail_after_the_first)

    assert seen == [Metric.SATISFACTION]
    assert rows() == before
    assert list(Scorecard.objects.values_list("pk", "computed_at")) == cards
    # Readable as before: the company's satisfaction is still 3/4.
    assert figure(Metric.SATISFACTION) == (D("75.00"), D("85.00"), False)


@pytest.mark.django_db
def test_a_failed_run_is_recorded_with_its_error_and_keeps_the_quarters_done(
    quarter_data, monkeypatch
):
    # The second quarter's write fails (injected) after the first quarter was replaced.
    replace = services.recompute_quarter
    Q3 = Quarter(2026, 3)

    def failing(quarter, **kwargs):
        if quarter == Q3:
            raise RuntimeError("injected failure")
        return replace(quarter, **kwargs)

    monkeypatch.setattr(services, "recompute_quarter", failing)
    run = services.start_run([Q2, Q3])
    assert run.periods == [[2026, 2], [2026, 3]]

    with pytest.raises(RuntimeError, match="injected failure"):
        services.run_recompute(run)

    run.refresh_from_db()
    assert (run.status, run.quarters_done, run.error) == (
        RunStatus.FAILED,
        1,
        "injected failure",
    )
    assert run.finished_at is not None and run.queries > 0
    assert len(rows(Q2)) == 5 * len(Metric.values)
    assert services.last_completed() is None


@pytest.mark.django_db
def test_a_run_records_its_progress_and_queries(quarter_data):
    run = services.run_recompute(services.start_run([Quarter(2026, 3), Q2, Q2]))

    assert (run.status, run.periods, run.quarters_done, run.error) == (
        RunStatus.DONE,
        [[2026, 2], [2026, 3]],
        2,
        "",
    )
    assert run.started_at <= run.finished_at
    assert run.queries > 0
    assert services.last_completed() == run


# -- the Celery task on a real worker ---------------------------------------------------------


def run_task(*args, **kwargs) -> dict:
    result = recompute_scorecards.delay(*args, **kwargs)
    assert isinstance(result, EagerResult) is app.conf.task_always_eager
    return result.get(timeout=RESULT_TIMEOUT)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_task_on_a_real_worker_writes_the_scorecards_and_a_done_run(
    celery_worker, quarter_data, alice
):
    result = run_task(year=2026, quarter=2)

    run = RecomputeRun.objects.get()
    assert result == {"run": run.pk, "quarters": [[2026, 2]], "queries": run.queries}
    assert (run.status, run.quarters_done, run.requested_by) == (RunStatus.DONE, 1, None)
    assert len(rows()) == 5 * len(Metric.values)
    assert figure(Metric.SATISFACTION, alice) == (D("100.00"), D("85.00"), True)

    # The same again: the same rows, a second run.
    before = rows()
    run_task(year=2026, quarter=2)
    assert rows() == before
    assert RecomputeRun.objects.filter(status=RunStatus.DONE).count() == 2


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_recompute_now_is_done_by_the_worker_after_the_request_commits(
    celery_worker, quarter_data, bob
):
    with transaction.atomic():
        run = services.request_recompute(by=bob, quarters=[Q2])

    # Eagerly, the run is done on commit; on a worker, soon after.
    wait_until(lambda: RecomputeRun.objects.get(pk=run.pk).status == RunStatus.DONE)
    run.refresh_from_db()
    assert (run.requested_by, run.periods, run.quarters_done) == (bob, [[2026, 2]], 1)
    assert len(rows()) == 5 * len(Metric.values)


@pytest.mark.django_db
def test_the_task_without_a_period_covers_the_current_and_the_previous_quarter(quarter_data):
    current = Quarter.current()

    result = recompute_scorecards()

    periods = [[q.year, q.quarter] for q in (current.previous(), current)]
    assert result["quarters"] == periods
    assert sorted(set(Scorecard.objects.values_list("year", "quarter")), key=lambda p: list(p)) == [
        tuple(p) for p in periods
    ]
    with pytest.raises(ValueError):
        recompute_scorecards(year=2026)


# -- a killed worker --------------------------------------------------------------------------

KILL_SCRIPT = """
import os, signal, sys
from django.db import connection
from kam.dates import Quarter
from kpis.services import recompute_quarter

def kill_after_update(execute, sql, params, many, context):
    # Die once the stored metrics have been overwritten inside the transaction, before
    # it commits.
    result = execute(sql, params, many, context)
    if sql.startswith('UPDATE "kpis_scorecardmetric" '):
        print("killed after the update", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    return result

with connection.execute_wrapper(kill_after_update):
    recompute_quarter(Quarter(2026, 2))
print("not killed", flush=True)
"""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_process_killed_mid_recompute_leaves_the_previous_scorecards(quarter_data):
    require_postgresql("the killed-worker test")
    services.recompute_quarter(Q2)
    before = rows()
    survey(quarter_data["alice"], dt.date(2026, 6, 1), 1)  # the killed run would change it

    db = connection.settings_dict
    url = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", KILL_SCRIPT],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == -signal.SIGKILL, result.stderr
    assert result.stdout == "killed after the update\n"
    assert rows() == before
    # A recompute afterwards is not blocked by the dead one and sees the new response.
    services.recompute_quarter(Q2)
    assert figure(Metric.SATISFACTION, quarter_data["alice"].owner)[0] == D("66.67")


# -- recompute now: one at a time -------------------------------------------------------------


@pytest.mark.django_db
def test_recompute_now_answers_409_while_a_run_is_queued_or_running(bob):
    first = services.request_recompute(by=bob)
    assert (first.status, first.requested_by) == (RunStatus.QUEUED, bob)
    assert first.quarters == services.default_quarters()

    with pytest.raises(Conflict):
        services.request_recompute(by=bob)
    RecomputeRun.objects.filter(pk=first.pk).update(status=RunStatus.RUNNING)
    with pytest.raises(Conflict):
        services.request_recompute(by=bob)

    RecomputeRun.objects.filter(pk=first.pk).update(status=RunStatus.DONE)
    second = services.request_recompute(by=bob, quarters=[Q2])
    assert second.periods == [[2026, 2]]
    assert RecomputeRun.objects.count() == 2


@pytest.mark.django_db
def test_a_stale_run_gives_way_after_the_task_time_limit(bob):
    stale = services.request_recompute(by=bob)
    limit = dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    # Just inside the limit it still blocks.
    RecomputeRun.objects.filter(pk=stale.pk).update(
        status=RunStatus.RUNNING, created_at=timezone.now() - limit + dt.timedelta(minutes=1)
    )
    with pytest.raises(Conflict):
        services.request_recompute(by=bob)

    RecomputeRun.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - limit - dt.timedelta(minutes=1)
    )
    fresh = services.request_recompute(by=bob)

    stale.refresh_from_db()
    assert (stale.status, stale.error) == (RunStatus.FAILED, "The run did not finish.")
    assert stale.finished_at is not None
    assert fresh.status == RunStatus.QUEUED


# -- the command ------------------------------------------------------------------------------


def command(*args) -> str:
    out = io.StringIO()
    call_command("recompute_kpis", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_command_recomputes_one_quarter(quarter_data):
    output = command("--year", "2026", "--quarter", "2")

    assert output.startswith("Recomputed 1 quarter(s) (2026 Q2) in ")
    assert set(Scorecard.objects.values_list("year", "quarter")) == {(2026, 2)}
    run = RecomputeRun.objects.get()
    assert (run.status, run.periods) == (RunStatus.DONE, [[2026, 2]])
    assert output.endswith(f"{run.queries} queries.\n")


@pytest.mark.django_db
def test_the_command_all_covers_every_quarter_from_the_first_record(quarter_data):
    survey(quarter_data["alice"], dt.date(2025, 11, 30), 5)  # the earliest record: 2025 Q4
    expected = [Quarter(2025, 4)]
    while expected[-1] < Quarter.current():
        expected.append(expected[-1].next())

    output = command("--all")

    assert services.data_quarters() == expected
    assert f"Recomputed {len(expected)} quarter(s)" in output
    assert set(Scorecard.objects.values_list("year", "quarter")) == {
        (q.year, q.quarter) for q in expected
    }


@pytest.mark.django_db
def test_the_command_without_arguments_does_the_previous_and_current_quarter(quarter_data):
    command()

    current = Quarter.current()
    assert set(Scorecard.objects.values_list("year", "quarter")) == {
        (current.year, current.quarter),
        (current.previous().year, current.previous().quarter),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--all", "--year", "2026", "--quarter", "2"], "--all takes no --year or --quarter."),
        (["--year", "2026"], "Give --year and --quarter together."),
        (["--quarter", "2"], "Give --year and --quarter together."),
        (["--year", "1800", "--quarter", "1"], "--year must be between"),
        (["--year", "2026", "--quarter", "5"], "invalid choice: 5"),
        (["--year", "twenty", "--quarter", "1"], "invalid int value"),
    ],
)
def test_the_command_refuses_bad_arguments(args, message):
    with pytest.raises(CommandError, match=message):
        command(*args)
    assert RecomputeRun.objects.count() == 0
    assert Scorecard.objects.count() == 0


# -- a constant number of queries -------------------------------------------------------------


def queries_of_a_recompute(quarter) -> int:
    with CaptureQueriesContext(connection) as captured:
        services.recompute_quarter(quarter)
    return len(captured)


@pytest.mark.django_db
def test_the_queries_of_a_recompute_do_not_grow_with_the_data(alice):
    def activity(owner, quarter: Quarter, n: int):
        start = dt.datetime.combine(quarter.start, dt.time(9), tzinfo=SHANGHAI)
        for i in range(n):
            account = f.AccountFactory(owner=owner)
            survey(account, quarter.start + dt.timedelta(days=i), 1 + i % 5)
            f.OrderFactory(
                account=account,
                ordered_on=quarter.start + dt.timedelta(days=i),
                promised_on=quarter.start + dt.timedelta(days=i + 5),
                status="delivered",
                delivered_on=quarter.start + dt.timedelta(days=i + 4 + i % 3),
            )
            ticket = f.TicketFactory(account=account, now=start + dt.timedelta(days=i))
            ticket_transition(
                ticket=ticket,
                to_status="resolved",
                by=owner,
                now=start + dt.timedelta(days=i, hours=10 * (i % 7)),
            )

    small = Quarter(2026, 2)
    activity(alice, small, 1)
    small_count = queries_of_a_recompute(small)

    # Bigger: six more reps on two more teams, with plans, and eight times the records
    # each. (Reps stay few enough for one batch of inserts on SQLite, 999 parameters: the
    # inserts grow by one statement per batch of scorecards, not with the records.)
    big = Quarter(2026, 3)
    for t in range(2):
        manager = f.UserFactory(username=f"manager{t}", role=Role.MANAGER)
        team = f.TeamFactory(name=f"Team {t}", manager=manager)
        for r in range(3):
            rep = f.UserFactory(username=f"rep{t}{r}", role=Role.REP, team=team)
            activity(rep, big, 8)
            f.SalesPlanFactory(
                owner=rep,
                year=2026,
                quarter=3,
                status="approved",
                approved_by=manager,
                approved_at=timezone.now(),
            )
    activity(alice, big, 8)
    big_count = queries_of_a_recompute(big)

    assert Scorecard.objects.filter(year=2026, quarter=3).count() == 7 + 3 + 1
    # Every card has figures but for suggestions (none made: 11 cards) and attainment of
    # Alice and of East, her team of one (no plan): 88 − 11 − 2.
    assert (
        ScorecardMetric.objects.filter(
            scorecard__year=2026, scorecard__quarter=3, value__isnull=False
        ).count()
        == 75
    )
    assert big_count == small_count
