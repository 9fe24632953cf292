"""The home pages: a rep's to-do lists, a manager's team week, and the health check."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from kam.choices import Role
from kam.dates import Quarter
from kpis.panels import HOME_REPS
from kpis.services import recompute_quarter
from tests import factories as f

pytestmark = pytest.mark.django_db


def number_cell(html: str) -> str:
    """The number a ``<td class="num" …>`` cell shows, badge or not (``html`` follows its
    opening ``<td class="num"``)."""
    return html.split(">", 1)[1].split("</")[0].split(">")[-1]


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def alice_work(alice):
    """A follow-up due in two days, an overdue one, and an account gone unvisited."""
    now = timezone.now()
    today = timezone.localdate()
    due = f.AccountFactory(owner=alice, name="Wuxi Bearings")
    f.VisitFactory(
        account=due,
        visited_at=now - dt.timedelta(days=1),
        purpose="Price talk",
        follow_up_on=today + dt.timedelta(days=2),
        next_steps="Send the quote",
    )
    late = f.AccountFactory(owner=alice, name="Foshan Ceramics")
    f.VisitFactory(
        account=late,
        visited_at=now - dt.timedelta(days=20),
        purpose="Audit",
        follow_up_on=today - dt.timedelta(days=5),
    )
    forgotten = f.AccountFactory(owner=alice, name="Xiamen Old Friends")
    f.VisitFactory(account=forgotten, visited_at=now - dt.timedelta(days=120))
    f.AccountFactory(owner=alice, name="Never Seen Ltd")
    return {"due": due, "late": late, "forgotten": forgotten}


@pytest.fixture
def charlie_work(charlie):
    account = f.AccountFactory(owner=charlie, name="Chengdu Valve Works")
    f.VisitFactory(
        account=account,
        visited_at=timezone.now() - dt.timedelta(days=200),
        follow_up_on=timezone.localdate() - dt.timedelta(days=1),
        purpose="Charlie's secret",
    )
    return account


def test_anonymous_goes_to_login_but_healthz_answers(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/"
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"] == "text/plain"


def test_rep_home_lists_follow_ups_and_unvisited_accounts(client, alice, alice_work, charlie_work):
    html = home(client, alice)
    follow_ups = html[html.index('id="follow-ups-heading"') : html.index('id="unvisited-heading"')]
    unvisited = html[html.index('id="unvisited-heading"') :]
    # The overdue follow-up comes first and is flagged.
    assert follow_ups.index("Foshan Ceramics") < follow_ups.index("Wuxi Bearings")
    assert follow_ups.count("overdue</mark>") == 1
    assert "Send the quote" in follow_ups
    assert "Xiamen Old Friends" not in follow_ups
    assert "Never Seen Ltd" in unvisited and "Xiamen Old Friends" in unvisited
    assert "Never visited" in unvisited
    assert "Wuxi Bearings" not in unvisited and "Foshan Ceramics" not in unvisited
    # One tap to log a visit for each account listed.
    visit_url = reverse("accounts:visit-create")
    assert f"{visit_url}?account={alice_work['due'].pk}" in follow_ups
    assert f"{visit_url}?account={alice_work['forgotten'].pk}" in unvisited
    assert "Chengdu Valve Works" not in html and "Charlie's secret" not in html
    assert "Your team this week" not in html


def test_manager_home_shows_the_team_per_rep(client, alice, bob, charlie, alice_work, charlie_work):
    teammate = f.UserFactory(
        username="ann", first_name="Ann", last_name="Zhou", role=Role.REP, team=alice.team
    )
    f.VisitFactory(account=f.AccountFactory(owner=teammate), visited_at=timezone.now())
    html = home(client, bob)
    team = html[html.index('id="team-heading"') : html.index('id="follow-ups-heading"')]
    rows = team.split("<tr>")[2:]
    assert len(rows) == 2
    alice_row = next(row for row in rows if str(alice) in row)
    ann_row = next(row for row in rows if "Ann Zhou" in row)
    cells = [number_cell(cell) for cell in alice_row.split('<td class="num"')[1:]]
    assert cells[1:] == ["1", "2"]  # one overdue follow-up; two accounts without a visit
    ann_cells = [number_cell(cell) for cell in ann_row.split('<td class="num"')[1:]]
    assert ann_cells == ["1", "0", "0"]
    assert str(charlie) not in html
    # The team's follow-ups, too, with the rep named.
    assert "Foshan Ceramics" in html and "Chengdu Valve Works" not in html


def test_executive_home_is_a_company_overview(client, executive, alice_work, charlie_work):
    f.SurveyResponseFactory(account=alice_work["due"], score=5)
    f.SurveyResponseFactory(account=alice_work["due"], score=2)
    html = home(client, executive)

    assert "The company at a glance" in html
    # Not every follow-up of the company: figures.
    assert 'id="follow-ups-heading"' not in html and "Your team this week" not in html
    facts = html[html.index('class="facts"') : html.index("</dl>")]
    assert "<dt>Active accounts</dt><dd>5</dd>" in facts  # Alice's four, Charlie's one
    assert "<dd>50.0%</dd>" in facts  # CSAT this quarter: one of two responses ≥ 4
    # Per team: East (Alice) and West (Charlie).
    teams = html[html.index("overview-teams") :]
    assert teams.index(">East<") < teams.index(">West<")


def test_department_member_home_says_what_they_find_and_where(client, dept_user, alice_work):
    html = home(client, dept_user)

    assert "What Technical support finds here" in html
    assert reverse("webhook-settings") in html and reverse("api-docs") in html
    assert "Foshan Ceramics" not in html
    assert 'id="follow-ups-heading"' not in html
    # No "Log a visit" for a role that may not log one.
    assert "Log a visit" not in html


def test_roles_that_may_not_log_visits_are_not_offered_to(client, executive, alice):
    assert "Log a visit" not in home(client, executive)
    assert "Log a visit" in home(client, alice)


def _fill(owner, n):
    today = timezone.localdate()
    for i in range(n):
        account = f.AccountFactory(owner=owner, name=f"Bulk {i:02d}")
        f.VisitFactory(
            account=account,
            visited_at=timezone.now() - dt.timedelta(days=100),
            follow_up_on=today - dt.timedelta(days=1),
        )


def _scorecards():
    """This quarter's scorecards, so the KPI panels show (and read) them."""
    recompute_quarter(Quarter.current())


@pytest.mark.parametrize("rows", [1, 20])
def test_rep_home_query_count(client, alice, rows, django_assert_num_queries):
    _fill(alice, rows)
    _scorecards()
    client.force_login(alice)
    # session, user, follow-ups, unvisited accounts, this quarter's sales plan, overdue
    # orders, my open tickets, contracts up for renewal, my upcoming trainings, trainings
    # still missing feedback, deals closing this month, my market report, my scorecard and
    # its metrics, unread count (+ savepoint pair)
    with django_assert_num_queries(17):
        html = client.get(reverse("home")).content.decode()
    assert html.count("Bulk ") == 2 * rows


@pytest.mark.parametrize("rows", [1, 20])
def test_manager_home_query_count(client, alice, bob, rows, django_assert_num_queries):
    _fill(alice, rows)
    for i in range(rows - 1):
        f.UserFactory(username=f"rep{i}", role=Role.REP, team=alice.team)
    _scorecards()
    client.force_login(bob)
    # session, user, team activity, plans waiting for approval, breached tickets in the
    # teams, market reports missing, follow-ups, unvisited accounts, contracts up for
    # renewal in the teams, the teams' upcoming trainings and those missing feedback, the
    # team's scorecards: the reps' and the team's with their metrics, unread count
    # (+ savepoint pair)
    with django_assert_num_queries(18):
        html = client.get(reverse("home")).content.decode()
    team = html[html.index('id="team-heading"') : html.index('id="follow-ups-heading"')]
    assert team.count('<th scope="row">') == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_executive_home_query_count(client, executive, rows, django_assert_num_queries):
    for i in range(rows):
        rep = f.UserFactory(role=Role.REP, team=f.TeamFactory(name=f"Team {i:02d}"))
        _fill(rep, 1)
        f.SurveyResponseFactory(account=rep.accounts.get())
    _scorecards()
    client.force_login(executive)
    # session, user, accounts per team/status/tier, visits per team, surveys per team, the
    # teams' and the company's scorecards and their metrics, unread count (+ savepoint pair)
    with django_assert_num_queries(10):
        html = client.get(reverse("home")).content.decode()
    overview = html[html.index('id="overview-heading"') :]
    assert overview.count(">Team ") == rows
    scorecards = html[html.index('id="scorecards-heading"') : html.index('id="overview-heading"')]
    assert scorecards.count('<th scope="row">') == min(rows, HOME_REPS) + 1


@pytest.mark.parametrize("rows", [1, 20])
def test_department_home_query_count(client, dept_user, alice, rows, django_assert_num_queries):
    _fill(alice, rows)
    client.force_login(dept_user)
    # session, user, the queue's counts and its first tickets, their department (for the
    # intro), unread count (+ savepoint pair)
    with django_assert_num_queries(8):
        html = client.get(reverse("home")).content.decode()
    assert "Bulk " not in html


def test_the_company_overview_is_cached_five_minutes_and_refreshable(
    client, executive, alice_work, django_assert_num_queries
):
    client.force_login(executive)
    first = client.get(reverse("home")).content.decode()
    assert "<dt>Active accounts</dt><dd>4</dd>" in first
    f.AccountFactory(owner=alice_work["due"].owner, name="New Ltd")

    # session, user, the company's scorecards (none yet), unread count (+ savepoint pair):
    # the overview's figures come from the cache.
    with django_assert_num_queries(6):
        cached = client.get(reverse("home")).content.decode()
    refreshed = client.get(reverse("home"), {"refresh": "1"}).content.decode()

    assert "<dt>Active accounts</dt><dd>4</dd>" in cached and "As of" in cached
    assert "<dt>Active accounts</dt><dd>5</dd>" in refreshed
