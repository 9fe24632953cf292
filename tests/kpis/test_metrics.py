"""The eight KPIs of DESIGN.md against figures worked out by hand, on fixtures built for
each metric's edges: the quarter's first and last day and the days either side, churn on
those days, cancelled and late orders, tickets paused twice, overdue at the end or timed
in business hours, reps without a plan or without data.

Each figure is read twice: from ``kpis.metrics`` (the per-rep pairs) and from the
``ScorecardMetric`` rows ``recompute_quarter`` stores. Moments are aware in Shanghai, the
company's zone; the quarter is 2026 Q2 (1 April – 30 June 2026).
"""

import datetime as dt
import io
import zoneinfo
from decimal import Decimal

import pytest
from django.core.management import call_command

from accounts.choices import AccountStatus
from accounts.models import AccountEpisode
from kam.choices import Role
from kam.dates import Quarter
from kpis import metrics
from kpis.choices import Metric, Scope
from kpis.models import Scorecard, ScorecardMetric
from kpis.services import recompute_quarter
from market_intel import services as market_services
from tests import factories as f
from tickets import services as ticket_services
from tickets.choices import TicketStatus
from tickets.models import BusinessCalendar, SlaPolicy

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
Q2 = Quarter(2026, 2)
D = Decimal


def day(month: int, dom: int, year: int = 2026) -> dt.date:
    return dt.date(year, month, dom)


def at(month: int, dom: int, hour: int = 0, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, dom, hour, minute, second, tzinfo=SHANGHAI)


def stored(metric, *, user=None, team=None, quarter=Q2) -> tuple:
    """(numerator, denominator, value, met) of a stored metric: a rep's, a team's, or the
    company's when neither is given."""
    if user is not None:
        card = {"scope": Scope.REP, "user": user}
    elif team is not None:
        card = {"scope": Scope.TEAM, "team": team}
    else:
        card = {"scope": Scope.COMPANY}
    row = ScorecardMetric.objects.get(
        metric=metric,
        scorecard__year=quarter.year,
        scorecard__quarter=quarter.quarter,
        **{f"scorecard__{name}": value for name, value in card.items()},
    )
    return (row.numerator, row.denominator, row.value, row.met)


def computed(metric, quarter=Q2) -> dict:
    return metrics.compute(quarter, [metric]).by_metric[metric]


@pytest.fixture
def ann(team_a):
    """Alice's teammate."""
    return f.UserFactory(username="ann", role=Role.REP, team=team_a)


@pytest.fixture
def ada(team_a):
    """A teammate whose account has no data in any metric of the quarter."""
    rep = f.UserFactory(username="ada", role=Role.REP, team=team_a)
    f.AccountFactory(owner=rep, customer_since=day(7, 1))  # a customer only after Q2
    return rep


def survey(account, received_on, score):
    return f.SurveyResponseFactory(account=account, received_on=received_on, score=score)


def order(account, ordered_on, amount, *, promised_on=None, status="open", delivered_on=None):
    return f.OrderFactory(
        account=account,
        ordered_on=ordered_on,
        amount=D(amount),
        promised_on=promised_on or ordered_on + dt.timedelta(days=10),
        status=status,
        delivered_on=delivered_on,
    )


def plan(owner, target_amount, *, quarter=2, status="approved"):
    """A 2026 sales plan; an approved one as its owner's manager approved it."""
    approved = status == "approved"
    return f.SalesPlanFactory(
        owner=owner,
        year=2026,
        quarter=quarter,
        target_amount=D(target_amount),
        status=status,
        approved_by=owner.team.manager if approved else None,
        approved_at=at(3, 20, 10) if approved else None,
    )


def go(ticket, to_status, now):
    return ticket_services.ticket_transition(
        ticket=ticket, to_status=to_status, by=ticket.account.owner, now=now
    )


# -- satisfaction ---------------------------------------------------------------------------


def test_satisfaction_counts_responses_received_on_the_quarters_first_and_last_day(alice):
    account = f.AccountFactory(owner=alice)
    survey(account, day(3, 31), 1)  # the day before: Q1
    survey(account, day(4, 1), 5)  # first day: in, satisfied
    survey(account, day(5, 15), 4)  # 4 is satisfied (score ≥ 4)
    survey(account, day(6, 30), 3)  # last day: in, not satisfied
    survey(account, day(7, 1), 5)  # the day after: Q3

    # 2 satisfied of 3 responses in Q2 = 66.67 %; below the 85 % target.
    assert computed(Metric.SATISFACTION) == {alice.pk: (2, 3)}
    recompute_quarter(Q2)
    assert stored(Metric.SATISFACTION, user=alice) == (2, 3, D("66.67"), False)
    # Q3 holds only the response of 1 July: 1/1.
    assert computed(Metric.SATISFACTION, Quarter(2026, 3)) == {alice.pk: (1, 1)}


# -- retention ------------------------------------------------------------------------------


def churned(owner, churned_on, since=dt.date(2023, 1, 1)):
    return f.AccountFactory(
        owner=owner, customer_since=since, status=AccountStatus.CHURNED, churned_on=churned_on
    )


def test_retention_by_the_day_an_account_churned(alice):
    churned(alice, day(3, 31))  # gone before Q2: not counted
    churned(alice, day(4, 1))  # churned on the first day: not active at the start
    churned(alice, day(6, 30))  # on the last day: active at the start, lost at the end
    churned(alice, day(7, 1))  # after Q2: active at both ends
    f.AccountFactory(owner=alice, customer_since=dt.date(2023, 1, 1))  # active throughout
    f.AccountFactory(owner=alice, customer_since=day(4, 2))  # won in Q2: not at the start
    f.AccountFactory(owner=alice, customer_since=day(4, 1))  # won on the first day: counts
    f.AccountFactory(owner=alice, customer_since=None, status=AccountStatus.PROSPECT)

    # Active at 1 April: churned 30 June, churned 1 July, since 2023, since 1 April = 4;
    # still active at 30 June: the last three = 3. 3/4 = 75 %, below 90 %.
    assert computed(Metric.RETENTION) == {alice.pk: (3, 4)}
    recompute_quarter(Q2)
    assert stored(Metric.RETENTION, user=alice) == (3, 4, D("75.00"), False)


# -- attainment -----------------------------------------------------------------------------


def test_attainment_counts_orders_of_the_quarter_not_cancelled_against_the_approved_plan(
    alice, ann, bob
):
    account = f.AccountFactory(owner=alice)
    plan(alice, "100000", quarter=2)
    # The annual plan and another quarter's plan are not Q2's target.
    plan(alice, "400000", quarter=None)
    plan(alice, "900000", quarter=3)
    order(account, day(3, 31), "50000")  # the day before
    order(account, day(4, 1), "30000")  # first day
    order(account, day(6, 30), "20000")  # last day
    order(account, day(7, 1), "50000")  # the day after
    order(account, day(5, 5), "40000", status="cancelled")
    order(account, day(5, 6), "5000", status="delivered", delivered_on=day(5, 10))

    # Ann has orders but only a submitted (not approved) plan: "no data", not 0 % or ∞.
    ann_account = f.AccountFactory(owner=ann)
    plan(ann, "10000", quarter=2, status="submitted")
    order(ann_account, day(5, 1), "10000")

    # Alice: 30,000 + 20,000 + 5,000 = 55,000 of 100,000 = 55 %; Ann: 10,000 of nothing.
    assert computed(Metric.ATTAINMENT) == {alice.pk: (55000, 100000), ann.pk: (10000, 0)}
    recompute_quarter(Q2)
    assert stored(Metric.ATTAINMENT, user=alice) == (55000, 100000, D("55.00"), False)
    assert stored(Metric.ATTAINMENT, user=ann) == (10000, 0, None, None)
    # The team: all its reps' orders ÷ the targets of their approved plans, as DESIGN.md
    # defines it (and /sales/attainment/ counts it): 65,000 / 100,000.
    assert stored(Metric.ATTAINMENT, team=alice.team) == (65000, 100000, D("65.00"), False)


def test_attainment_of_a_rep_over_plan_is_met(alice):
    account = f.AccountFactory(owner=alice)
    plan(alice, "80000", quarter=2)
    order(account, day(4, 20), "100000")

    recompute_quarter(Q2)

    # 100,000 / 80,000 = 125 % ≥ 100 %.
    assert stored(Metric.ATTAINMENT, user=alice) == (100000, 80000, D("125.00"), True)


# -- fulfilment -----------------------------------------------------------------------------


def test_fulfilment_on_time_in_full_by_the_promised_day(alice):
    account = f.AccountFactory(owner=alice)

    def promised(promised_on, status="delivered", delivered_on=None):
        ordered_on = promised_on - dt.timedelta(days=20)
        return order(
            account,
            ordered_on,
            "1000",
            promised_on=promised_on,
            status=status,
            delivered_on=delivered_on,
        )

    promised(day(4, 1), delivered_on=day(4, 1))  # first day, delivered on the promised day
    promised(day(5, 10), delivered_on=day(5, 11))  # a day late
    promised(day(6, 30), status="open")  # last day, not delivered yet
    promised(day(6, 1), status="partially_delivered", delivered_on=day(5, 30))  # not in full
    promised(day(6, 20), status="cancelled")  # not counted at all
    promised(day(3, 31), delivered_on=day(3, 30))  # the day before: Q1
    promised(day(7, 1), delivered_on=day(6, 30))  # the day after: Q3

    # On time and in full: 1 of 4 (1 April; 10 May late; 30 June open; 1 June partial).
    assert computed(Metric.FULFILMENT) == {alice.pk: (1, 4)}
    recompute_quarter(Q2)
    assert stored(Metric.FULFILMENT, user=alice) == (1, 4, D("25.00"), False)


# -- resolution hours -----------------------------------------------------------------------


def test_resolution_hours_leave_out_both_pauses_of_a_ticket_paused_twice(alice):
    account = f.AccountFactory(owner=alice)
    twice = f.TicketFactory(account=account, now=at(4, 10, 9))
    go(twice, TicketStatus.WAITING_ON_CUSTOMER, at(4, 10, 11))
    go(twice, TicketStatus.IN_PROGRESS, at(4, 10, 14))  # first pause: 3 h
    go(twice, TicketStatus.WAITING_ON_CUSTOMER, at(4, 10, 19))
    twice = go(twice, TicketStatus.RESOLVED, at(4, 10, 21))  # second pause: 2 h
    assert (twice.paused_seconds, twice.resolution_seconds) == (5 * 3600, 7 * 3600)

    last_day = f.TicketFactory(account=account, now=at(6, 30, 10))
    go(last_day, TicketStatus.RESOLVED, at(6, 30, 23, 59, 59))  # 13:59:59, in Q2
    before = f.TicketFactory(account=account, now=at(3, 31, 10))
    go(before, TicketStatus.RESOLVED, at(3, 31, 23))  # resolved in Q1
    after = f.TicketFactory(account=account, now=at(6, 30, 20))
    go(after, TicketStatus.RESOLVED, at(7, 1, 0, 0, 0))  # first instant of Q3
    f.TicketFactory(account=account, now=at(5, 1, 9))  # never resolved

    # (7 h + 13 h 59 min 59 s) / 2; 13:59:59 is 13.9997 h: 20.9997 / 2 = 10.50 h ≤ 48.
    assert computed(Metric.RESOLUTION_HOURS) == {alice.pk: (D("20.9997"), 2)}
    recompute_quarter(Q2)
    assert stored(Metric.RESOLUTION_HOURS, user=alice) == (D("20.9997"), 2, D("10.50"), True)


# -- SLA compliance -------------------------------------------------------------------------


@pytest.fixture
def business_high(db) -> BusinessCalendar:
    """High-priority tickets get 8 business hours of China's calendar."""
    call_command("load_calendar", "CN", "--years", "2026", stdout=io.StringIO())
    calendar = BusinessCalendar.objects.get(code="CN")
    SlaPolicy.objects.update_or_create(
        priority="high", defaults={"resolution_hours": 8, "calendar": calendar}
    )
    return calendar


def test_sla_compliance_counts_resolved_and_overdue_open_tickets(alice, business_high):
    account = f.AccountFactory(owner=alice)
    # Normal priority: 48 h round the clock.
    in_time = f.TicketFactory(account=account, now=at(4, 10, 9))
    go(in_time, TicketStatus.RESOLVED, at(4, 11, 9))  # 24 h: in time
    late = f.TicketFactory(account=account, now=at(5, 1, 9))
    go(late, TicketStatus.RESOLVED, at(5, 4, 9))  # 72 h: late
    f.TicketFactory(account=account, now=at(6, 20, 9))  # open, due 22 June: overdue at the end
    f.TicketFactory(account=account, now=at(6, 30, 12))  # open, due 2 July: not yet overdue
    waiting = f.TicketFactory(account=account, now=at(6, 1, 9))
    go(waiting, TicketStatus.WAITING_ON_CUSTOMER, at(6, 2, 9))  # clock stopped before due
    # Friday 26 June 17:00 + 8 business hours: Friday 17–18, Monday 9–12 and 13–17, so
    # due Monday 29 June 17:00; resolved at 16:00 (23 h of wall time, over 8 h of it).
    business = f.TicketFactory(account=account, priority="high", now=at(6, 26, 17))
    assert business.due_at == at(6, 29, 17)
    go(business, TicketStatus.RESOLVED, at(6, 29, 16))

    # Resolved in time: in_time and business = 2; counted: those two, late, and the open
    # one overdue at the end = 4. 2/4 = 50 %.
    assert computed(Metric.SLA_COMPLIANCE) == {alice.pk: (2, 4)}
    recompute_quarter(Q2)
    assert stored(Metric.SLA_COMPLIANCE, user=alice) == (2, 4, D("50.00"), False)


def test_a_ticket_resolved_after_the_quarter_counts_as_overdue_if_it_was_due_in_it(alice):
    account = f.AccountFactory(owner=alice)
    ticket = f.TicketFactory(account=account, now=at(6, 25, 9))  # due 27 June 09:00
    go(ticket, TicketStatus.RESOLVED, at(7, 2, 9))

    # Unresolved at Q2's end and past due: in Q2's denominator, not its numerator; in Q3
    # it is a late resolution, 0/1 again.
    assert computed(Metric.SLA_COMPLIANCE) == {alice.pk: (0, 1)}
    assert computed(Metric.SLA_COMPLIANCE, Quarter(2026, 3)) == {alice.pk: (0, 1)}


# -- market reports -------------------------------------------------------------------------


def report(author, published_at=None, title="East China castings"):
    draft = market_services.market_report_create(
        by=author,
        title=title,
        year=2026,
        quarter=2,
        summary="Competitors cut prices.",
        body="Sany cut its list prices by 8 % in Zhejiang.",
    )
    if published_at is not None:
        market_services.market_report_publish(report=draft, by=author, now=published_at)
    return draft


def test_market_reports_per_rep_and_per_rep_of_the_team(alice, ann, ada, charlie, team_a, team_b):
    report(alice, at(4, 1, 0, 0, 0))  # first instant of Q2
    report(alice, at(6, 30, 23, 59, 59))  # last second of Q2
    report(alice, at(3, 31, 23, 59, 59))  # Q1
    report(alice, at(7, 1, 0, 0, 0))  # Q3
    report(alice)  # a draft
    report(charlie, at(5, 5, 10))
    # A rep who left: their report is not counted and they are not a rep of the team.
    gone = f.UserFactory(username="ivan", role=Role.REP, team=team_a)
    report(gone, at(5, 5, 10))
    gone.is_active = False
    gone.save()

    assert computed(Metric.MARKET_REPORTS) == {alice.pk: (2, 0), charlie.pk: (1, 0)}
    recompute_quarter(Q2)
    assert stored(Metric.MARKET_REPORTS, user=alice) == (2, 1, D("2.00"), True)
    assert stored(Metric.MARKET_REPORTS, user=ann) == (0, 1, D("0.00"), False)
    # East: 2 reports by 3 active reps (Alice, Ann, Ada) = 0.67 per rep, below 1.
    assert stored(Metric.MARKET_REPORTS, team=team_a) == (2, 3, D("0.67"), False)
    assert stored(Metric.MARKET_REPORTS, team=team_b) == (1, 1, D("1.00"), True)
    # The company: 3 reports by 4 reps.
    assert stored(Metric.MARKET_REPORTS) == (3, 4, D("0.75"), False)


# -- suggestion adoption --------------------------------------------------------------------


def test_suggestion_adoption_by_the_day_it_was_decided(alice, superuser):
    def suggestion(decision=None, decided_on=None):
        made = market_services.suggestion_create(
            by=alice, title="A lighter casting", description="Customers ask for it."
        )
        if decision:
            market_services.suggestion_decide(
                suggestion=made, by=superuser, decision=decision, note="Why", today=decided_on
            )
        return made

    suggestion("adopted", day(4, 1))  # first day
    suggestion("rejected", day(6, 30))  # last day
    suggestion("rejected", day(5, 15))
    suggestion("adopted", day(3, 31))  # Q1
    suggestion("adopted", day(7, 1))  # Q3
    suggestion()  # not decided
    under_review = suggestion()
    market_services.suggestion_review(suggestion=under_review, by=superuser)

    # 1 adopted of 3 decided in Q2 = 33.33 %, below 50 %.
    assert computed(Metric.SUGGESTION_ADOPTION) == {alice.pk: (1, 3)}
    recompute_quarter(Q2)
    assert stored(Metric.SUGGESTION_ADOPTION, user=alice) == (1, 3, D("33.33"), False)


# -- no data --------------------------------------------------------------------------------


def test_a_quarter_without_data_is_no_data_not_zero(alice):
    account = f.AccountFactory(owner=alice)  # a customer since 2023
    survey(account, day(5, 1), 5)
    plan(alice, "1000000")

    empty = Quarter(2020, 1)
    assert metrics.compute(empty).by_metric == {metric: {} for metric in Metric.values}
    recompute_quarter(empty)

    for metric in Metric.values:
        if metric == Metric.MARKET_REPORTS:
            # Reports per rep divides by the reps, who are there: none written is 0.
            assert stored(metric, user=alice, quarter=empty) == (0, 1, D("0.00"), False)
        else:
            assert stored(metric, user=alice, quarter=empty) == (0, 0, None, None), metric
            assert stored(metric, team=alice.team, quarter=empty)[2:] == (None, None), metric
            assert stored(metric, quarter=empty)[2:] == (None, None), metric


def test_a_rep_without_an_approved_plan_has_no_attainment(alice):
    account = f.AccountFactory(owner=alice)
    order(account, day(5, 1), "10000")

    recompute_quarter(Q2)

    assert stored(Metric.ATTAINMENT, user=alice) == (10000, 0, None, None)


# -- teams and the company: the union of the records, not an average --------------------------


def test_team_and_company_figures_come_from_the_union_of_the_records(
    alice, ann, ada, charlie, team_a, team_b
):
    alice_account = f.AccountFactory(owner=alice)
    survey(alice_account, day(5, 1), 5)  # Alice: 1/1 = 100 %
    ann_account = f.AccountFactory(owner=ann)
    for score in (4, 1, 2, 3):  # Ann: 1/4 = 25 %
        survey(ann_account, day(5, 2), score)
    charlie_account = f.AccountFactory(owner=charlie)
    survey(charlie_account, day(5, 3), 2)  # Charlie: 0/1 = 0 %
    # Ada's account has no response: she adds nothing, and is no 0 % or 100 % either.

    recompute_quarter(Q2)

    assert stored(Metric.SATISFACTION, user=alice) == (1, 1, D("100.00"), True)
    assert stored(Metric.SATISFACTION, user=ann) == (1, 4, D("25.00"), False)
    assert stored(Metric.SATISFACTION, user=ada) == (0, 0, None, None)
    # East: 2 of 5 responses = 40 %, not (100 + 25) / 2 = 62.5 %, nor a third of 125 %.
    assert stored(Metric.SATISFACTION, team=team_a) == (2, 5, D("40.00"), False)
    assert stored(Metric.SATISFACTION, team=team_b) == (0, 1, D("0.00"), False)
    # The company: 2 of 6 = 33.33 %, not the mean of 100, 25 and 0 (41.67 %).
    assert stored(Metric.SATISFACTION) == (2, 6, D("33.33"), False)
    # Retention the same way: Alice's, Ann's and Charlie's accounts kept (Ada's came in Q3).
    assert stored(Metric.RETENTION, team=team_a) == (2, 2, D("100.00"), True)
    assert stored(Metric.RETENTION) == (3, 3, D("100.00"), True)


def test_team_attainment_sums_the_orders_of_its_reps_and_their_approved_targets(
    alice, ann, ada, team_a
):
    plan(alice, "100000", quarter=2)
    plan(ann, "400000", quarter=2)
    order(f.AccountFactory(owner=alice), day(4, 5), "100000")  # Alice: 100 %
    order(f.AccountFactory(owner=ann), day(4, 6), "100000")  # Ann: 25 %
    order(f.AccountFactory(owner=ada), day(4, 7), "300000")  # Ada: no plan

    recompute_quarter(Q2)

    assert stored(Metric.ATTAINMENT, user=alice)[2:] == (D("100.00"), True)
    assert stored(Metric.ATTAINMENT, user=ann)[2:] == (D("25.00"), False)
    assert stored(Metric.ATTAINMENT, user=ada)[2:] == (None, None)
    # (100,000 + 100,000 + 300,000) / (100,000 + 400,000) = 100 %: the union of the reps'
    # orders against their approved targets (Ada's orders count, her missing plan adds no
    # target), not the mean of 100 % and 25 % (62.5 %).
    assert stored(Metric.ATTAINMENT, team=team_a) == (500000, 500000, D("100.00"), True)
    assert stored(Metric.ATTAINMENT) == (500000, 500000, D("100.00"), True)


def test_every_active_rep_team_and_the_company_get_a_scorecard(alice, ann, charlie, team_a, team_b):
    gone = f.UserFactory(username="ivan", role=Role.REP, team=team_a, is_active=False)
    f.UserFactory(username="mia", role=Role.MANAGER)

    assert recompute_quarter(Q2) == 3 + 2 + 1

    cards = Scorecard.objects.filter(year=2026, quarter=2)
    assert set(cards.filter(scope=Scope.REP).values_list("user", flat=True)) == {
        alice.pk,
        ann.pk,
        charlie.pk,
    }
    assert gone.pk not in cards.exclude(user=None).values_list("user", flat=True)
    assert set(cards.filter(scope=Scope.TEAM).values_list("team", flat=True)) == {
        team_a.pk,
        team_b.pk,
    }
    assert cards.filter(scope=Scope.COMPANY).count() == 1
    assert ScorecardMetric.objects.filter(scorecard__in=cards).count() == 6 * len(Metric.values)


def test_many_quarters_at_once_give_each_quarter_what_it_gives_alone(alice, ann, charlie):
    """``compute_many`` (what a run reads: one query per dated metric for all its quarters)
    equals ``compute`` of each quarter, on records on and around the quarters' edges."""
    account = f.AccountFactory(owner=alice, customer_since=day(1, 1, 2025))
    f.AccountFactory(
        owner=charlie, status="churned", customer_since=day(1, 1, 2025), churned_on=day(5, 1)
    )
    for month, dom in [(3, 31), (4, 1), (6, 30), (7, 1), (9, 30), (10, 1)]:
        survey(account, day(month, dom), 4 if dom == 1 else 2)
        order(account, day(month, dom), "1000", promised_on=day(month, dom))
        order(f.AccountFactory(owner=ann), day(month, dom), "500", status="cancelled")
    order(account, day(5, 2), "700", status="delivered", delivered_on=day(5, 2))
    plan(alice, "3000", quarter=2)
    plan(alice, "5000", quarter=3)
    plan(ann, "100", quarter=3, status="submitted")
    # Retention on the quarters' edges: Charlie's account lost on 30 June, and another that
    # was a customer until 10 May (an earlier episode) and again since 1 July.
    churned(charlie, day(6, 30))
    back = f.AccountFactory(owner=charlie, customer_since=day(7, 1))
    AccountEpisode.objects.create(
        account=back, customer_since=day(1, 1, 2025), churned_on=day(5, 10)
    )
    # Tickets (48 h each): resolved in time on the last evening of Q1 and the first instant
    # of Q3; open and overdue from April on, at the ends of Q2, Q3 and Q4; resolved late in
    # Q3 after being overdue at Q2's end; waiting on the customer since before its due time.
    on_edge = f.TicketFactory(account=account, now=at(3, 31, 10))
    go(on_edge, TicketStatus.RESOLVED, at(3, 31, 23, 59, 59))
    into_q3 = f.TicketFactory(account=account, now=at(6, 30, 9))
    go(into_q3, TicketStatus.RESOLVED, at(7, 1, 0, 0, 0))
    f.TicketFactory(account=account, now=at(4, 2, 9))
    late = f.TicketFactory(account=account, now=at(6, 20, 9))
    go(late, TicketStatus.RESOLVED, at(7, 3, 9))
    waiting = f.TicketFactory(account=account, now=at(8, 3, 9))
    go(waiting, TicketStatus.WAITING_ON_CUSTOMER, at(8, 4, 9))
    quarters = [Quarter(2026, 1), Q2, Quarter(2026, 3), Quarter(2026, 4)]

    many = metrics.compute_many(quarters)

    assert list(many) == quarters
    for quarter in quarters:
        assert many[quarter].by_metric == metrics.compute(quarter).by_metric, quarter
    # A figure by hand: Q2 attainment of Alice: 1,000 (1 April) + 1,000 (30 June) + 700.
    assert many[Q2].by_metric[Metric.ATTAINMENT][alice.pk] == (D("2700"), D("3000"))
    # And SLA compliance by hand: Q1 1/1 (on the edge); Q2 0/2 (the open one and the late
    # one overdue at its end); Q3 1/3 (into_q3 in time, late resolved late, the open one);
    # Q4 0/1 (the open one; the waiting one's clock stopped in time).
    sla = [many[quarter].by_metric[Metric.SLA_COMPLIANCE][alice.pk] for quarter in quarters]
    assert sla == [(1, 1), (0, 2), (1, 3), (0, 1)]
    # And Charlie's retention: Q1 3/3; Q2 0/3 (lost on 1 May, on 10 May, on 30 June); Q3
    # 1/1 (the one back since its first day); Q4 1/1.
    kept = [many[quarter].by_metric[Metric.RETENTION][charlie.pk] for quarter in quarters]
    assert kept == [(3, 3), (0, 3), (1, 1), (1, 1)]
