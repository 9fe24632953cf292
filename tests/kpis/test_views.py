"""Duty 5's pages: the dashboard, a rep's scorecard, the records behind a cell, and the
"recompute now" button, for each persona of ``tests/conftest.py``.

Scorecards are stored by ``recompute_quarter`` from records made with the factories; the
quarter read is 2026 Q3 (1 July – 30 September 2026), the trend's eight quarters run from
2024 Q4 to it.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from kam.choices import Role
from kam.dates import Quarter
from kpis import drill
from kpis.choices import Metric, RunStatus, Scope
from kpis.models import RecomputeRun, Scorecard
from kpis.services import recompute_quarter
from tests import factories as f
from tests.support import wait_until

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Q3 = Quarter(2026, 3)
IN_Q3 = {"quarter": "2026-3"}
D = Decimal


def named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save()
    return user


def approved_plan(owner, amount, quarter=Q3):
    return f.SalesPlanFactory(
        owner=owner,
        year=quarter.year,
        quarter=quarter.quarter,
        target_amount=D(amount),
        status="approved",
        approved_by=owner.team.manager,
        approved_at=dt.datetime(2026, 6, 20, tzinfo=dt.UTC),
    )


@pytest.fixture
def world(alice, bob, charlie):
    """Q3 for Alice (East, Bob's) and Charlie (West, Dora's), with data to leak.

    Alice: satisfaction 1 of 2 = 50 % (missed, ≥ 85); attainment 10 000 ÷ 10 000 = 100 %
    (met; her cancelled order of 5 000 does not count); fulfilment 1 of 1 = 100 % (met);
    retention 1 of 1 (met); no tickets (no data); market reports 0 ÷ 1 rep (missed).
    Charlie: satisfaction 1 of 1, attainment 7 000 ÷ 7 000.
    """
    named(alice, "Alice", "Zhang")
    named(charlie, "Charlie", "Li")
    castings = f.AccountFactory(owner=alice, name="Hangzhou Castings")
    f.SurveyResponseFactory(account=castings, received_on=dt.date(2026, 7, 3), score=5)
    f.SurveyResponseFactory(account=castings, received_on=dt.date(2026, 8, 3), score=2)
    approved_plan(alice, "10000")
    f.OrderFactory(
        account=castings,
        number="SO-A1",
        ordered_on=dt.date(2026, 7, 10),
        amount=D("10000"),
        promised_on=dt.date(2026, 7, 20),
        delivered_on=dt.date(2026, 7, 18),
        status="delivered",
    )
    f.OrderFactory(
        account=castings,
        number="SO-A2",
        ordered_on=dt.date(2026, 7, 12),
        amount=D("5000"),
        promised_on=dt.date(2026, 7, 25),
        status="cancelled",
    )
    chengdu = f.AccountFactory(owner=charlie, name="Chengdu Valves")
    f.SurveyResponseFactory(account=chengdu, received_on=dt.date(2026, 7, 5), score=5)
    approved_plan(charlie, "7000")
    f.OrderFactory(
        account=chengdu,
        number="SO-C1",
        ordered_on=dt.date(2026, 8, 1),
        amount=D("7000"),
        promised_on=dt.date(2026, 9, 1),
        delivered_on=dt.date(2026, 9, 1),
        status="delivered",
    )
    recompute_quarter(Q3)
    return {"castings": castings, "chengdu": chengdu}


def card(*, user=None, team=None, quarter=Q3):
    if user is not None:
        return Scorecard.objects.get(scope=Scope.REP, user=user, **quarter_of(quarter))
    if team is not None:
        return Scorecard.objects.get(scope=Scope.TEAM, team=team, **quarter_of(quarter))
    return Scorecard.objects.get(scope=Scope.COMPANY, **quarter_of(quarter))


def quarter_of(quarter):
    return {"year": quarter.year, "quarter": quarter.quarter}


def get(client, user, url, params=None):
    if user is not None:
        client.force_login(user)
    return client.get(url, params or {})


def login_url(path):
    return f"{reverse('login')}?next={path}"


@pytest.fixture
def dora(charlie):
    """Charlie's manager (made by the ``charlie`` fixture)."""
    return charlie.team.manager


# -- the dashboard --------------------------------------------------------------------------


def test_a_manager_sees_their_teams_reps_the_team_row_and_the_company(client, world, bob):
    html = get(client, bob, reverse("kpis:dashboard"), IN_Q3).content.decode()

    assert "Alice Zhang" in html
    assert "Charlie Li" not in html
    assert "Team East" in html and "Team West" not in html
    assert ">Company</th>" in html
    # Alice's row, East's and the company's: three links per metric with a figure.
    assert html.count('class="kpi-cell') == 3 * len(Metric) + 3  # + the legend's three


def test_an_executive_compares_the_teams_then_reads_a_teams_reps(client, world, executive, charlie):
    html = get(client, executive, reverse("kpis:dashboard"), IN_Q3).content.decode()

    assert "<h1>Company scorecard</h1>" in html
    assert "Team East" in html and "Team West" in html and ">Company</th>" in html
    assert html.index("Team East") < html.index("Team West")
    # The company view has no rep rows (the names are only in the rep menu); a team's
    # show once it is chosen.
    assert '<th scope="row"><a href="/kpis/reps/' not in html
    html = get(
        client, executive, reverse("kpis:dashboard"), {**IN_Q3, "team": charlie.team_id}
    ).content.decode()
    table = html[html.index('<table class="striped kpi-table">') :]
    assert f'<a href="/kpis/reps/{charlie.pk}/?quarter=2026-3">Charlie Li</a>' in table
    assert "Alice Zhang" not in table
    assert "Team West" in table and "Team East" not in table


@pytest.mark.parametrize("name", ["alice", "charlie"])
def test_a_reps_dashboard_is_their_own_scorecard(client, world, name, request):
    rep = request.getfixturevalue(name)
    response = get(client, rep, reverse("kpis:dashboard"))

    assert response.status_code == 302
    assert response["Location"] == reverse("kpis:rep", args=[rep.pk])


def test_department_and_anonymous_get_no_dashboard(client, world, dept_user):
    assert client.get(reverse("kpis:dashboard")).status_code == 302
    assert client.get(reverse("kpis:dashboard"))["Location"] == login_url("/kpis/")
    assert get(client, dept_user, reverse("kpis:dashboard")).status_code == 404


def test_a_manager_cannot_pick_another_managers_team(client, world, bob, charlie):
    response = get(client, bob, reverse("kpis:dashboard"), {**IN_Q3, "team": charlie.team_id})

    assert response.status_code == 400
    assert "Charlie Li" not in response.content.decode()


def test_cells_are_coloured_and_show_their_fraction(client, world, alice, bob):
    html = get(client, bob, reverse("kpis:dashboard"), IN_Q3).content.decode()
    alice_card = card(user=alice)

    def cell(metric):
        start = html.index(f'href="{reverse("kpis:cell", args=[alice_card.pk, metric])}"')
        return html[start : html.index("</a>", start)]

    # Satisfaction 1 of 2 = 50 %, below 85: missed.
    satisfaction = cell("satisfaction")
    assert 'class="kpi-cell kpi-missed"' in satisfaction
    assert 'title="1 of 2 · target ≥ 85.0 %"' in satisfaction
    assert '50.0 %<small class="kpi-fraction">1 of 2</small>' in satisfaction
    # Attainment 10 000 of 10 000 = 100 %: met.
    attainment = cell("attainment")
    assert 'class="kpi-cell kpi-met"' in attainment
    assert 'title="10,000 of 10,000 · target ≥ 100.0 %"' in attainment
    assert '100.0 %<small class="kpi-fraction">10,000 of 10,000</small>' in attainment
    # No tickets: resolution hours has no data, neither met nor missed.
    hours = cell("resolution_hours")
    assert 'class="kpi-cell kpi-none"' in hours
    assert 'no data<small class="kpi-fraction">0 of 0</small>' in hours


def test_the_trend_lists_eight_quarters_and_the_values(client, alice, bob):
    named(alice, "Alice", "Zhang")
    account = f.AccountFactory(owner=alice)
    # Satisfaction: 2026 Q1 1 of 1 = 100 %, Q2 1 of 2 = 50 %, Q3 0 of 1 = 0 %; none before.
    f.SurveyResponseFactory(account=account, received_on=dt.date(2026, 2, 1), score=5)
    f.SurveyResponseFactory(account=account, received_on=dt.date(2026, 5, 1), score=5)
    f.SurveyResponseFactory(account=account, received_on=dt.date(2026, 5, 2), score=1)
    f.SurveyResponseFactory(account=account, received_on=dt.date(2026, 8, 1), score=3)
    for quarter in (Quarter(2026, 1), Quarter(2026, 2), Q3):
        recompute_quarter(quarter)

    html = get(client, alice, reverse("kpis:rep", args=[alice.pk]), IN_Q3).content.decode()
    trend = html[html.index('id="trend-heading"') :]
    satisfaction = trend[trend.index("<strong>Satisfaction</strong>") :]
    satisfaction = satisfaction[: satisfaction.index("</figure>")]
    heads = [part.split("<")[0] for part in satisfaction.split('<th scope="col" class="num">')[1:]]
    assert heads == [
        "2024 Q4",
        "2025 Q1",
        "2025 Q2",
        "2025 Q3",
        "2025 Q4",
        "2026 Q1",
        "2026 Q2",
        "2026 Q3",
    ]
    values = [part.split("<")[0] for part in satisfaction.split('<td class="num">')[1:]]
    assert values == ["no data"] * 5 + ["100.0 %", "50.0 %", "0.0 %"]
    # The manager's dashboard trend: team East and the company.
    html = get(client, bob, reverse("kpis:dashboard"), IN_Q3).content.decode()
    trend = html[html.index('id="trend-heading"') :]
    rows = trend[: trend.index("</figure>")]
    assert "</span>Company</th>" in rows and "</span>East</th>" in rows


# -- a rep's scorecard ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("alice", 200),
        ("bob", 200),
        ("executive", 200),
        ("charlie", 404),
        ("dora", 404),
        ("dept_user", 404),
    ],
)
def test_who_reads_alices_scorecard(client, world, alice, name, status, request):
    viewer = request.getfixturevalue(name)
    response = get(client, viewer, reverse("kpis:rep", args=[alice.pk]), IN_Q3)

    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        heading = "My scorecard" if name == "alice" else "Scorecard of Alice Zhang"
        assert f"<h1>{heading}</h1>" in html
        assert reverse("kpis:cell", args=[card(user=alice).pk, "satisfaction"]) in html


def test_anonymous_is_sent_to_log_in_from_a_scorecard(client, world, alice):
    path = reverse("kpis:rep", args=[alice.pk])
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == login_url(path)


def test_a_managers_page_of_a_non_rep_is_404(client, world, bob, executive):
    assert get(client, executive, reverse("kpis:rep", args=[bob.pk])).status_code == 404


def test_the_reps_page_shows_this_quarter_and_what_pulls_it_down(client, world, alice):
    html = get(client, alice, reverse("kpis:rep", args=[alice.pk]), IN_Q3).content.decode()

    assert "My scorecard" in html
    pull = html[html.index('id="pull-heading"') : html.index('id="todo-heading"')]
    # The response scoring 2 pulls satisfaction down; nothing of Charlie's appears.
    assert "Responses scoring below 4" in pull and "Hangzhou Castings" in pull
    assert "Chengdu" not in html and "SO-C1" not in html


# -- the records behind a cell --------------------------------------------------------------


def cell_rows(html) -> list[str]:
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return body.split("<tr>")[1:]


def test_an_attainment_cell_lists_the_counted_orders_never_a_cancelled_one(client, world, alice):
    url = reverse("kpis:cell", args=[card(user=alice).pk, "attainment"])
    html = get(client, alice, url).content.decode()

    rows = cell_rows(html)
    assert len(rows) == 1
    assert "SO-A1" in rows[0] and "✓" in rows[0]
    assert "SO-A2" not in html  # cancelled: not in the figure
    assert "100.0 %</span> · 10,000 of 10,000 · target ≥ 100.0 %" in html


def test_a_satisfaction_cell_ticks_the_responses_counted(client, world, alice):
    url = reverse("kpis:cell", args=[card(user=alice).pk, "satisfaction"])
    html = get(client, alice, url).content.decode()

    rows = cell_rows(html)
    # Newest first: the 2 of 3 August (not counted), the 5 of 3 July (counted).
    assert len(rows) == 2
    assert 'data-label="Score">2\n</td>' in rows[0] and "✓" not in rows[0]
    assert 'data-label="Score">5\n</td>' in rows[1] and "✓" in rows[1]


def test_the_company_cell_lists_only_what_the_viewer_sees(client, world, executive, dora):
    url = reverse("kpis:cell", args=[card().pk, "attainment"])

    everything = get(client, executive, url).content.decode()
    hers = get(client, dora, url).content.decode()

    assert "SO-A1" in everything and "SO-C1" in everything
    assert "SO-C1" in hers and "SO-A1" not in hers
    assert "SO-A2" not in everything


@pytest.mark.parametrize(
    ("name", "own", "team", "company"),
    [
        ("alice", 200, 404, 404),
        ("bob", 200, 200, 200),
        ("executive", 200, 200, 200),
        ("charlie", 404, 404, 404),
        ("dora", 404, 404, 200),
        ("dept_user", 404, 404, 404),
    ],
)
def test_who_reads_a_cell(client, world, alice, name, own, team, company, request):
    viewer = request.getfixturevalue(name)
    client.force_login(viewer)
    for scorecard, status in (
        (card(user=alice), own),
        (card(team=alice.team), team),
        (card(), company),
    ):
        url = reverse("kpis:cell", args=[scorecard.pk, "satisfaction"])
        assert client.get(url).status_code == status, (scorecard.scope, name)


def test_a_cell_of_an_unknown_metric_is_404_and_anonymous_logs_in(client, world, alice):
    path = reverse("kpis:cell", args=[card(user=alice).pk, "satisfaction"])
    assert client.get(path)["Location"] == login_url(path)
    unknown = reverse("kpis:cell", args=[card(user=alice).pk, "happiness"])
    assert get(client, alice, unknown).status_code == 404


# -- recompute now --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["alice", "charlie", "dept_user"])
def test_only_managers_and_executives_recompute(client, world, name, request):
    client.force_login(request.getfixturevalue(name))

    assert client.post(reverse("kpis:recompute")).status_code == 404
    assert client.get(reverse("kpis:run-status")).status_code == 404
    assert RecomputeRun.objects.count() == 0


def test_anonymous_cannot_recompute(client, world):
    response = client.post(reverse("kpis:recompute"))
    assert response["Location"] == login_url("/kpis/recompute/")
    response = client.get(reverse("kpis:run-status"))
    assert response["Location"] == login_url("/kpis/recompute/status/")
    assert RecomputeRun.objects.count() == 0


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("name", ["bob", "executive"])
def test_recompute_now_runs_and_the_status_shows_when_it_finished(
    client, alice, bob, executive, celery_worker, name, request, english
):
    account = f.AccountFactory(owner=alice)
    f.SurveyResponseFactory(account=account, score=5)  # today: this quarter
    client.force_login(request.getfixturevalue(name))
    assert (
        "No recompute has finished yet." in client.get(reverse("kpis:run-status")).content.decode()
    )

    response = client.post(reverse("kpis:recompute"), {"next": "/kpis/?quarter=2026-4"})

    assert response.status_code == 302
    assert response["Location"] == "/kpis/?quarter=2026-4"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Recompute queued; the dashboard updates when it is done."
    ]
    run = RecomputeRun.objects.get()
    current = Quarter.current()
    assert run.quarters == [current.previous(), current]
    wait_until(lambda: RecomputeRun.objects.get().status == RunStatus.DONE, timeout=60)
    run.refresh_from_db()
    assert run.quarters_done == 2
    # Alice's scorecard of this quarter now exists: 1 of 1 satisfied.
    stored = Scorecard.objects.get(scope=Scope.REP, user=alice, **quarter_of(current))
    assert stored.metrics.get(metric="satisfaction").value == D("100.00")
    html = client.get(reverse("kpis:run-status")).content.decode()
    assert "Figures as of the recompute finished" in html
    assert "Recompute now" in html and "hx-trigger" not in html


def test_recompute_now_from_htmx_answers_the_polling_status(client, bob):
    client.force_login(bob)

    response = client.post(reverse("kpis:recompute"), HTTP_HX_REQUEST="true")

    # The run is queued after the request commits (never here: the test's transaction
    # is rolled back), so the partial shows it waiting and polls.
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<div id="run-status"')
    assert "Recompute queued: waiting for a worker." in html
    assert 'hx-get="/kpis/recompute/status/" hx-trigger="every 2s"' in html
    run = RecomputeRun.objects.get()
    assert (run.status, run.requested_by) == (RunStatus.QUEUED, bob)


@pytest.fixture
def queued(bob):
    current = Quarter.current()
    return RecomputeRun.objects.create(
        requested_by=bob,
        periods=[
            [current.previous().year, current.previous().quarter],
            [current.year, current.quarter],
        ],
        status=RunStatus.QUEUED,
    )


def test_a_second_recompute_while_one_is_queued_is_refused_htmx(client, bob, queued):
    client.force_login(bob)

    response = client.post(reverse("kpis:recompute"), HTTP_HX_REQUEST="true")

    assert response.status_code == 409
    html = response.content.decode()
    assert "Recompute queued: waiting for a worker." in html
    assert 'hx-trigger="every 2s"' in html
    assert "Recompute now" not in html  # no button while one is queued
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "A recompute is already queued or running."
    ]
    assert RecomputeRun.objects.count() == 1


def test_a_second_recompute_while_one_is_queued_is_refused(client, executive, queued):
    client.force_login(executive)

    response = client.post(reverse("kpis:recompute"), {"next": "https://evil.example/"})

    assert response.status_code == 302
    assert response["Location"] == reverse("kpis:dashboard")  # not off-site
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "A recompute is already queued or running."
    ]
    assert RecomputeRun.objects.count() == 1
    html = client.get(reverse("kpis:dashboard")).content.decode()
    assert "A recompute is already queued or running." in html


def test_the_status_partial_shows_the_last_completed_time(client, bob):
    RecomputeRun.objects.create(periods=[[2026, 2]], status=RunStatus.FAILED, error="boom")
    done = RecomputeRun.objects.create(periods=[[2026, 3]], status=RunStatus.DONE)
    finished = dt.datetime(2026, 11, 30, 18, 30, tzinfo=dt.UTC)  # 1 Dec 02:30 in Shanghai
    RecomputeRun.objects.filter(pk=done.pk).update(finished_at=finished)
    client.force_login(bob)

    html = client.get(reverse("kpis:run-status")).content.decode()

    assert "Figures as of the recompute finished 1 Dec 2026 02:30." in html
    # The newest run is the done one: no polling, the button is back.
    assert "hx-trigger" not in html and "Recompute now" in html
    assert "boom" not in html


# -- query counts ---------------------------------------------------------------------------


def populate(team, manager, reps: int, orders: int):
    """``reps`` reps on ``team``, each with an account, a survey and ``orders`` Q3 orders."""
    made = []
    for i in range(reps):
        rep = f.UserFactory(username=f"{team.name.lower()}{i}", role=Role.REP, team=team)
        account = f.AccountFactory(owner=rep)
        f.SurveyResponseFactory(account=account, received_on=dt.date(2026, 7, 1), score=4)
        for n in range(orders):
            f.OrderFactory(
                account=account,
                ordered_on=dt.date(2026, 7, 1) + dt.timedelta(days=n),
                promised_on=dt.date(2026, 8, 1),
            )
        made.append(rep)
    return made


@pytest.fixture(params=[(2, 1), (6, 8)], ids=["small", "big"])
def sized(request, alice, bob, charlie):
    """Bob's team East with ``reps`` more reps and West with as many (``orders`` each)."""
    reps, orders = request.param
    east = populate(alice.team, bob, reps, orders)
    populate(charlie.team, charlie.team.manager, reps, orders)
    recompute_quarter(Q3)
    return {"east": east, "reps": reps, "orders": orders}


def test_manager_dashboard_query_count(client, sized, bob, django_assert_num_queries):
    client.force_login(bob)
    # session, user, the reps counted for the owner menu, the team and company rows and
    # their metrics, the rep rows' count, the rep rows and their metrics, the trend's cards
    # and their metrics, the latest and the last completed run, the unread count, the
    # form's team and rep choices (+ the savepoint pair)
    with django_assert_num_queries(17):
        html = client.get(reverse("kpis:dashboard"), IN_Q3).content.decode()
    # Alice and the team's other reps, each a row.
    assert html.count('<th scope="row"><a href="/kpis/reps/') == 1 + sized["reps"]


def test_executive_dashboard_query_count(client, sized, executive, django_assert_num_queries):
    client.force_login(executive)
    # As the manager's (above) without the rep rows and their count: the company view
    # compares the teams.
    with django_assert_num_queries(14):
        html = client.get(reverse("kpis:dashboard"), IN_Q3).content.decode()
    assert html.count('<th scope="row"><a href="/kpis/reps/') == 0
    assert html.count('<th scope="row"><a href="?quarter=2026-3&amp;team=') == 2


def test_executive_team_dashboard_query_count(
    client, sized, executive, alice, django_assert_num_queries
):
    client.force_login(executive)
    # The manager's 17 (above), and the chosen team looked up for the form.
    with django_assert_num_queries(18):
        html = client.get(
            reverse("kpis:dashboard"), {**IN_Q3, "team": alice.team_id}
        ).content.decode()
    assert html.count('<th scope="row"><a href="/kpis/reps/') == 1 + sized["reps"]


def test_rep_page_query_count(client, sized, bob, django_assert_num_queries):
    rep = sized["east"][0]
    client.force_login(bob)
    # A constant per page: the rep, the two quarters' cards, one query per metric that can
    # pull a figure down, the to-dos, the trend; none grows with the reps or the orders.
    with django_assert_num_queries(20):
        response = client.get(reverse("kpis:rep", args=[rep.pk]), IN_Q3)
    assert response.status_code == 200


def test_a_cell_lists_its_first_records_and_says_the_figure_counts_them_all(
    client, sized, bob, alice, monkeypatch
):
    monkeypatch.setattr(drill, "ROWS_LISTED", 1)
    client.force_login(bob)

    html = client.get(reverse("kpis:cell", args=[card(team=alice.team).pk, "attainment"]))

    html = html.content.decode()
    assert len(cell_rows(html)) == 1
    assert "The first record is listed; the figure counts them all." in html


def test_cell_page_query_count(client, sized, bob, alice, django_assert_num_queries):
    url = reverse("kpis:cell", args=[card(team=alice.team).pk, "attainment"])
    client.force_login(bob)
    # session, user, the card with its metrics, the team's reps' orders counted for the
    # paginator and their page (with accounts), unread count (+ savepoints)
    with django_assert_num_queries(9):
        html = client.get(url).content.decode()
    # Every order of the team's extra reps (Alice has none), a page at a time.
    orders = sized["reps"] * sized["orders"]
    assert len(cell_rows(html)) == min(orders, drill.ROWS_PER_PAGE)
    pages = -(-orders // drill.ROWS_PER_PAGE)
    assert (f"Page 1 of {pages}" in html) == (pages > 1)
    assert "the figure counts them all" not in html  # all listed: no note
