"""The KPI benchmark still measures the right thing (``kpis.bench``, ``kpis.bench_sql``).

Nothing here is about time: the hand-written SQL floor must compute exactly the figures
the recompute stores (on records built for the edge cases, and on the small seed), its
checker must notice a difference, and the kpis cases must resolve and answer 200.
"""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import OutputWrapper
from django.urls import reverse
from django.utils import timezone

import tests.factories as f
from accounts.models import AccountEpisode
from kam import bench
from kam.choices import Role
from kam.dates import Quarter
from kpis import bench as kpis_bench
from kpis import bench_sql, services
from kpis.choices import Metric
from kpis.models import ScorecardMetric
from market_intel.models import MarketReport, ProductSuggestion
from tickets.models import Ticket

pytestmark = pytest.mark.django_db

Q = Quarter.current()
P = Q.previous()
QUARTERS = bench_sql.recent_quarters(current=Q)
D = Decimal
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


def day(quarter: Quarter, offset: int) -> dt.date:
    return quarter.start + dt.timedelta(days=offset)


def ticket(account, *, opened, due, resolved=None, seconds=None, status="open", paused=None):
    """A ticket opened through the service, then put where the case needs its clock."""
    record = f.TicketFactory(account=account)
    Ticket.objects.filter(pk=record.pk).update(
        opened_at=opened,
        due_at=due,
        warn_at=opened,
        resolved_at=resolved,
        resolution_seconds=seconds,
        status=status,
        paused_at=paused,
    )
    return record


def plan(owner, quarter, target, approver=None):
    """A sales plan, approved when it has an approver."""
    approved = {"approved_by": approver, "approved_at": timezone.now()} if approver else {}
    return f.SalesPlanFactory(
        owner=owner,
        year=quarter.year,
        quarter=quarter.quarter,
        target_amount=target,
        status="approved" if approver else "draft",
        **approved,
    )


def report(author, published_at, status="published"):
    quarter = Quarter.of(published_at.date())
    return MarketReport.objects.create(
        title="Pricing in the east",
        author=author,
        year=quarter.year,
        quarter=quarter.quarter,
        status=status,
        published_at=published_at if status == "published" else None,
    )


def suggestion(by, status, decided_on, decided_by):
    return ProductSuggestion.objects.create(
        title="A longer hose",
        description="Customers ask for it.",
        submitted_by=by,
        status=status,
        decided_on=decided_on,
        decided_by=decided_by if decided_on else None,
    )


@pytest.fixture
def records(alice, bob, charlie, executive):
    """Alice's and Charlie's records of the current quarter Q and the previous one P, with
    every edge the metrics draw, and an inactive rep's and a manager's that count nowhere."""
    gone = f.UserFactory(username="gone", role=Role.REP, team=alice.team)
    main = f.AccountFactory(owner=alice)  # a customer since 2023
    f.AccountFactory(owner=alice, status="churned", churned_on=day(Q, 45))
    f.AccountFactory(owner=alice, customer_since=day(Q, 31))  # new in Q
    back = f.AccountFactory(owner=alice, customer_since=day(Q, 61))  # reactivated in Q
    AccountEpisode.objects.create(
        account=back, customer_since=dt.date(2024, 1, 1), churned_on=day(Q, 19)
    )
    f.AccountFactory(owner=alice, status="churned", churned_on=Q.start)  # gone on Q's 1st
    west = f.AccountFactory(owner=charlie)
    lost = f.AccountFactory(owner=gone)

    for score in (5, 4, 2):
        f.SurveyResponseFactory(account=main, received_on=day(Q, 10), score=score)
    f.SurveyResponseFactory(account=main, received_on=P.end, score=3)
    f.SurveyResponseFactory(account=west, received_on=Q.start, score=4)
    f.SurveyResponseFactory(account=lost, received_on=day(Q, 1), score=5)

    plan(alice, Q, D("20000.00"), approver=bob)
    plan(alice, P, D("9999.00"))  # a draft
    plan(alice, Quarter(Q.year, None), D("1000000.00"), approver=bob)  # the annual plan
    plan(charlie, Q, D("50000.00"), approver=bob)
    plan(gone, Q, D("1000.00"), approver=bob)
    order = f.OrderFactory
    order(account=main, ordered_on=day(Q, 2), amount=D("10000.00"), promised_on=day(Q, 40))
    order(account=main, ordered_on=day(Q, 3), amount=D("5000.00"), promised_on=day(Q, 20),
          status="delivered", delivered_on=day(Q, 15))  # fmt: skip
    order(account=main, ordered_on=day(Q, 4), amount=D("7000.00"), promised_on=day(Q, 30),
          status="cancelled")  # fmt: skip
    order(account=main, ordered_on=day(P, 80), amount=D("3000.00"), promised_on=day(Q, 5),
          status="delivered", delivered_on=day(Q, 10))  # fmt: skip
    # On Alice's account, but Charlie's order, promised after Q.
    order(account=main, owner=charlie, ordered_on=day(Q, 5), amount=D("2000.00"),
          promised_on=Q.end + 10 * DAY)  # fmt: skip
    order(account=main, owner=bob, ordered_on=day(Q, 5), amount=D("800.00"))
    order(account=lost, ordered_on=day(Q, 5), amount=D("900.00"), promised_on=day(Q, 6))

    start, end = Q.start_at(), Q.end_at()
    ticket(main, opened=start + DAY, due=start + 2 * DAY, resolved=start + DAY + 10 * HOUR,
           seconds=36001, status="resolved")  # fmt: skip
    ticket(main, opened=start + 3 * DAY, due=start + 5 * DAY, resolved=start + 5 * DAY + 12 * HOUR,
           seconds=208800, status="closed")  # fmt: skip
    ticket(main, opened=start + 5 * DAY, due=start + 7 * DAY)  # overdue at Q's end
    # Waiting on the customer since before its due time: its clock stopped in time.
    ticket(main, opened=start + 10 * DAY, due=start + 12 * DAY, status="waiting_on_customer",
           paused=start + 11 * DAY)  # fmt: skip
    # Waiting, but since after its due time: overdue.
    ticket(main, opened=start + 20 * DAY, due=start + 22 * DAY, status="waiting_on_customer",
           paused=start + 23 * DAY)  # fmt: skip
    # Opened and due in P, resolved in Q: overdue at P's end, late in Q.
    ticket(main, opened=P.end_at() - 3 * DAY, due=P.end_at() - DAY, resolved=start + HOUR,
           seconds=262800, status="resolved")  # fmt: skip
    ticket(main, opened=start + DAY, due=end + 5 * DAY)  # open, not yet due
    ticket(lost, opened=start + DAY, due=start + 2 * DAY, resolved=start + 3 * DAY,
           seconds=172800, status="resolved")  # fmt: skip

    report(alice, start + 3 * DAY)
    report(alice, start + 40 * DAY)
    # A minute into Q in the company's zone, still P in UTC (+08:00).
    report(alice, start + dt.timedelta(minutes=1))
    report(alice, start + 5 * DAY, status="draft")
    report(alice, P.start_at() + 5 * DAY)
    report(gone, start + 5 * DAY)

    suggestion(alice, "adopted", day(Q, 10), executive)
    suggestion(alice, "rejected", day(Q, 11), executive)
    suggestion(alice, "under_review", None, None)
    suggestion(charlie, "adopted", P.end, executive)
    suggestion(gone, "adopted", day(Q, 10), executive)
    # Gone before the recompute: their records count nowhere.
    get_user_model().objects.filter(pk=gone.pk).update(is_active=False)
    return {"gone": gone}


def test_floor_computes_the_records_figures_and_equals_the_recompute(records, alice, charlie):
    services.run_recompute(services.start_run(QUARTERS))

    floor = bench_sql.floor(QUARTERS)

    assert bench_sql.differences(floor, bench_sql.stored(QUARTERS)) == []
    a, c = alice.pk, charlie.pk
    # Scores 5, 4, 2 in Q: two of three ≥ 4; P: one 3.
    assert floor[Metric.SATISFACTION] == {
        (a, Q): (2, 3),
        (a, P): (0, 1),
        (c, Q): (1, 1),
    }
    # Q: active on its 1st the main account, the one churned mid-Q and the reactivated
    # one (by its past episode); active on its last the main and the reactivated one: 2/3.
    # The new one and the one churned on Q's 1st were not active then. Every earlier
    # quarter: main, the later churned, the reactivated (episode since 2024) and the one
    # gone on Q's 1st: 4/4.
    assert floor[Metric.RETENTION][(a, Q)] == (2, 3)
    assert {floor[Metric.RETENTION][(a, q)] for q in QUARTERS[:-1]} == {(4, 4)}
    assert {floor[Metric.RETENTION][(c, q)] for q in QUARTERS} == {(1, 1)}
    assert len(floor[Metric.RETENTION]) == 2 * len(QUARTERS)
    # Q: 10,000 + 5,000 (the 7,000 is cancelled) against the approved 20,000 (not the
    # annual plan); P: 3,000 against no approved plan. Charlie: his 2,000 on Alice's account.
    assert floor[Metric.ATTAINMENT] == {
        (a, Q): (D("15000.00"), D("20000.00")),
        (a, P): (D("3000.00"), 0),
        (c, Q): (D("2000.00"), D("50000.00")),
    }
    # Promised in Q and not cancelled: 10,000 (open), 5,000 (early), 3,000 (late): 1/3.
    assert floor[Metric.FULFILMENT] == {(a, Q): (1, 3)}
    # 36,001 + 208,800 + 262,800 s = 507,601 s = 141.000277… h → 141.0003 over 3.
    assert floor[Metric.RESOLUTION_HOURS] == {(a, Q): (D("141.0003"), 3)}
    # Q: resolved 3 (one in time) + overdue at the end 2 (open; waiting since after due);
    # P: the one resolved in Q was overdue at P's end.
    assert floor[Metric.SLA_COMPLIANCE] == {(a, Q): (1, 5), (a, P): (0, 1)}
    assert floor[Metric.MARKET_REPORTS] == {(a, Q): (3, 1), (a, P): (1, 1)}
    assert floor[Metric.SUGGESTION_ADOPTION] == {(a, Q): (1, 2), (c, P): (1, 1)}
    gone = records["gone"].pk
    assert [key for pairs in floor.values() for key in pairs if key[0] == gone] == []


def test_differences_names_a_stored_figure_that_is_not_the_floors(records, alice):
    services.run_recompute(services.start_run(QUARTERS))
    ScorecardMetric.objects.filter(
        scorecard__user=alice,
        scorecard__year=Q.year,
        scorecard__quarter=Q.quarter,
        metric=Metric.FULFILMENT,
    ).update(numerator=2)

    found = bench_sql.differences(bench_sql.floor(QUARTERS), bench_sql.stored(QUARTERS))

    assert found == [f"fulfilment rep {alice.pk} {Q}: floor 1/3, stored 2.0000/3.0000"]


def test_differences_names_a_rep_the_recompute_did_not_store(records, alice):
    # No recompute: every figure of the floor lacks its scorecard.
    found = bench_sql.differences(bench_sql.floor(QUARTERS), bench_sql.stored(QUARTERS))

    assert f"satisfaction rep {alice.pk} {Q}: no stored scorecard" in found
    assert len(found) == sum(len(pairs) for pairs in bench_sql.floor(QUARTERS).values())


def test_recent_quarters_are_the_eight_through_the_current_one():
    assert bench_sql.recent_quarters(current=Quarter(2026, 4)) == [
        Quarter(2025, 1),
        Quarter(2025, 2),
        Quarter(2025, 3),
        Quarter(2025, 4),
        Quarter(2026, 1),
        Quarter(2026, 2),
        Quarter(2026, 3),
        Quarter(2026, 4),
    ]


def test_measure_recompute_prints_both_timings_and_that_they_agree(records):
    out = StringIO()

    result = kpis_bench.measure_recompute(OutputWrapper(out), runs=2, quarters=QUARTERS)

    text = out.getvalue()
    assert "floor == recompute: yes" in text
    assert f"{result['recompute_queries']} queries" in text
    assert result["differences"] == []
    assert result["recompute_queries"] > len(QUARTERS) * len(Metric.values)
    assert result["ratio"] == result["recompute_seconds"] / result["floor_seconds"]
    assert f"first run        {result['first_recompute_seconds']:7.2f} s" in text
    assert set(result["floor_seconds_by_metric"]) == set(Metric.values)
    assert [kpis_bench.measure_recompute] == kpis_bench.MEASUREMENTS


def test_on_the_small_seed_the_floor_equals_the_recompute_and_the_cases_answer_200(db):
    # One seed for both (it is most of the time): its own recompute (kpis.demo) stored
    # every quarter with data.
    call_command("seed_demo", stdout=StringIO())

    floor = bench_sql.floor(QUARTERS)

    assert bench_sql.differences(floor, bench_sql.stored(QUARTERS)) == []
    # Each metric has figures in the seed, or the comparison would prove little.
    assert {metric for metric, pairs in floor.items() if pairs} == set(Metric.values)

    bench.ensure_empty_users()
    # As ``manage.py bench`` does first (its recompute measurement): the empty users, who
    # are active reps, get their scorecards too.
    services.recompute_quarter(Quarter.current())
    users = bench.persona_users()
    empty_users = {
        persona: get_user_model().objects.get(username=username)
        for persona, username in bench.EMPTY_OF.items()
    }
    manager, rep = users["manager"], users["rep"]
    team = kpis_bench.largest_team(manager)
    quarter = kpis_bench.quarter_query()

    rows = [bench.prepare(case, users, empty_users) for case in kpis_bench.CASES]

    assert [row.error for row in rows] == [None] * len(rows)
    paths = {(row.label, row.persona): (row.path, row.empty_path) for row in rows}
    dashboard = reverse("kpis:dashboard") + f"?quarter={quarter}"
    assert team is not None and team.members.filter(role=Role.REP).exists()
    assert paths["/kpis/?quarter=[current]&team=[id]", "manager"] == (
        f"{dashboard}&team={team.pk}",
        dashboard,
    )
    empty_rep = empty_users["executive"]
    assert paths["/kpis/?quarter=[current]", "executive"] == (
        dashboard,
        reverse("kpis:rep", args=[empty_rep.pk]) + f"?quarter={quarter}",
    )
    assert paths["/kpis/reps/[id]/", "rep"] == (
        reverse("kpis:rep", args=[rep.pk]) + f"?quarter={quarter}",
        reverse("kpis:rep", args=[empty_rep.pk]) + f"?quarter={quarter}",
    )
    assert paths["/api/v1/scorecards/?year=[y]&quarter=[q]", "manager"][0] == (
        f"/api/v1/scorecards/?year={Q.year}&quarter={Q.quarter}&page_size=50"
    )
    requester = bench.Requester()
    try:
        for row in rows:
            bench.measure(row, users, empty_users, requester, runs=1)
            assert (row.status, row.empty_status, row.error) == (200, 200, None), row
            assert row.queries > 0 and row.empty_queries > 0, row
    finally:
        requester.close()
