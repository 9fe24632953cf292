"""The scorecards API (``/api/v1/scorecards/``): read-only, within ``visible_to``, with the
filters of ``ScorecardFilterSet`` and every metric's numerator and denominator.

Scorecards of three quarters (2025 Q4, 2026 Q2, 2026 Q3) for Alice (East, Bob's team) and
Charlie (West, Dora's): per quarter two rep cards, two team cards and the company's, 15
in all.
"""

import datetime as dt

import pytest
from django.urls import reverse

from kam.choices import Role
from kam.dates import Quarter
from kpis.choices import Metric, Scope
from kpis.models import Scorecard
from kpis.services import recompute_quarter
from tests import factories as f
from tests.support import api_client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

LIST = reverse("kpis-api:scorecard-list")
QUARTERS = [Quarter(2025, 4), Quarter(2026, 2), Quarter(2026, 3)]


def detail(card):
    return reverse("kpis-api:scorecard-detail", args=[card.pk])


@pytest.fixture
def dora(charlie):
    return charlie.team.manager


@pytest.fixture
def cards(alice, bob, charlie):
    """Satisfaction: Alice 0 of 1 in 2026 Q2 (missed), 1 of 1 in Q3 (met); Charlie 0 of 1
    in Q3 (missed); nothing in 2025 Q4 (no data everywhere)."""
    castings = f.AccountFactory(owner=alice)
    f.SurveyResponseFactory(account=castings, received_on=dt.date(2026, 5, 10), score=2)
    f.SurveyResponseFactory(account=castings, received_on=dt.date(2026, 8, 10), score=5)
    chengdu = f.AccountFactory(owner=charlie)
    f.SurveyResponseFactory(account=chengdu, received_on=dt.date(2026, 8, 11), score=1)
    for quarter in QUARTERS:
        recompute_quarter(quarter)
    return {
        "alice": list(Scorecard.objects.filter(scope=Scope.REP, user=alice)),
        "charlie": list(Scorecard.objects.filter(scope=Scope.REP, user=charlie)),
        "east": list(Scorecard.objects.filter(scope=Scope.TEAM, team=alice.team)),
        "west": list(Scorecard.objects.filter(scope=Scope.TEAM, team=charlie.team)),
        "company": list(Scorecard.objects.filter(scope=Scope.COMPANY)),
    }


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == len(body["results"])
    return {row["id"] for row in body["results"]}


def pks(*groups) -> set[int]:
    return {card.pk for group in groups for card in group}


# -- who reads what -------------------------------------------------------------------------


def test_anonymous_gets_401(cards):
    client = api_client_for(None)
    for url in (LIST, detail(cards["alice"][0])):
        response = client.get(url)
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize(
    ("name", "groups"),
    [
        ("alice", ["alice"]),
        ("charlie", ["charlie"]),
        ("bob", ["alice", "east", "company"]),
        ("dora", ["charlie", "west", "company"]),
        ("executive", ["alice", "charlie", "east", "west", "company"]),
        ("dept_user", []),
    ],
)
def test_the_list_holds_exactly_what_the_persona_reads(cards, name, groups, request):
    client = api_client_for(request.getfixturevalue(name))

    assert ids(client.get(LIST)) == pks(*(cards[group] for group in groups))


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
def test_alices_scorecard_is_404_outside_visible_to(cards, name, status, request):
    client = api_client_for(request.getfixturevalue(name))

    response = client.get(detail(cards["alice"][0]))

    assert response.status_code == status
    if status == 404:
        assert response.json() == {"detail": "Not found."}


def test_a_rep_never_reads_a_team_or_the_company(cards, alice):
    client = api_client_for(alice)
    for card in cards["east"] + cards["company"]:
        assert client.get(detail(card)).status_code == 404


# -- the payload ----------------------------------------------------------------------------


def test_a_scorecard_nests_its_metrics_with_numerator_and_denominator(cards, alice):
    named = Scorecard.objects.get(scope=Scope.REP, user=alice, year=2026, quarter=3)

    body = api_client_for(alice).get(detail(named)).json()

    assert body["scope"] == "rep" and body["user"] == alice.pk
    assert body["user_name"] == alice.display_name
    assert body["team"] is None and body["team_name"] is None
    assert (body["year"], body["quarter"]) == (2026, 3)
    assert [row["metric"] for row in body["metrics"]] == Metric.values
    by_metric = {row["metric"]: row for row in body["metrics"]}
    # One response of score 5 in Q3: 1 of 1 = 100 %, target ≥ 85: met.
    assert by_metric["satisfaction"] == {
        "metric": "satisfaction",
        "numerator": "1.0000",
        "denominator": "1.0000",
        "value": "100.00",
        "target": "85.00",
        "direction": "at_least",
        "met": True,
    }
    # No tickets resolved: no data, neither met nor missed.
    assert by_metric["resolution_hours"] == {
        "metric": "resolution_hours",
        "numerator": "0.0000",
        "denominator": "0.0000",
        "value": None,
        "target": "48.00",
        "direction": "at_most",
        "met": None,
    }
    # No report of 1 rep: 0 per rep, below 1: missed (a denominator, so not "no data").
    assert by_metric["market_reports"]["value"] == "0.00"
    assert by_metric["market_reports"]["denominator"] == "1.0000"
    assert by_metric["market_reports"]["met"] is False


def test_the_company_card_names_no_rep_and_no_team(cards, executive):
    card = Scorecard.objects.get(scope=Scope.COMPANY, year=2026, quarter=3)

    body = api_client_for(executive).get(detail(card)).json()

    assert (body["user"], body["user_name"], body["team"], body["team_name"]) == (
        None,
        None,
        None,
        None,
    )
    satisfaction = next(row for row in body["metrics"] if row["metric"] == "satisfaction")
    # Alice's 1 of 1 and Charlie's 0 of 1: 1 of 2 = 50 %, from the union, not an average.
    assert (satisfaction["numerator"], satisfaction["denominator"]) == ("1.0000", "2.0000")
    assert (satisfaction["value"], satisfaction["met"]) == ("50.00", False)


def test_no_data_is_null_for_every_metric_of_an_empty_quarter(cards, alice):
    card = Scorecard.objects.get(scope=Scope.REP, user=alice, year=2025, quarter=4)

    body = api_client_for(alice).get(detail(card)).json()

    by_metric = {row["metric"]: (row["value"], row["met"]) for row in body["metrics"]}
    # 2025 Q4: no response, no order, no ticket, no suggestion; her account was active
    # (since 2023) so retention is 1 of 1, and reports are 0 per rep.
    assert by_metric == {
        "satisfaction": (None, None),
        "retention": ("100.00", True),
        "attainment": (None, None),
        "fulfilment": (None, None),
        "resolution_hours": (None, None),
        "sla_compliance": (None, None),
        "market_reports": ("0.00", False),
        "suggestion_adoption": (None, None),
    }


# -- filters --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "groups", "quarters"),
    [
        ({"scope": "team"}, ["east", "west"], QUARTERS),
        ({"scope": "company"}, ["company"], QUARTERS),
        ({"year": 2026}, ["alice", "charlie", "east", "west", "company"], QUARTERS[1:]),
        ({"quarter": 4}, ["alice", "charlie", "east", "west", "company"], QUARTERS[:1]),
        ({"year": 2026, "quarter": 2}, ["alice", "charlie", "east", "west", "company"],
         QUARTERS[1:2]),
        ({"year_from": 2026}, ["alice", "charlie", "east", "west", "company"], QUARTERS[1:]),
        ({"year_to": 2025}, ["alice", "charlie", "east", "west", "company"], QUARTERS[:1]),
        ({"year_from": 2025, "year_to": 2025, "scope": "rep"}, ["alice", "charlie"],
         QUARTERS[:1]),
    ],
)  # fmt: skip
def test_filters(cards, executive, params, groups, quarters):
    wanted = {card.pk for group in groups for card in cards[group] if card.period in quarters}

    assert ids(api_client_for(executive).get(LIST, params)) == wanted


def test_user_and_team_filters(cards, executive, alice, charlie):
    client = api_client_for(executive)

    assert ids(client.get(LIST, {"user": alice.pk})) == pks(cards["alice"])
    assert ids(client.get(LIST, {"team": charlie.team_id})) == pks(cards["west"])


def test_a_manager_cannot_filter_on_another_teams_rep(cards, bob, charlie):
    response = api_client_for(bob).get(LIST, {"user": charlie.pk})

    assert response.status_code == 400
    assert list(response.json()) == ["user"]


def test_missing_lists_the_scorecards_that_missed_the_metrics_target(cards, executive):
    def of(group, quarter):
        return next(card.pk for card in cards[group] if card.period == quarter)

    response = api_client_for(executive).get(LIST, {"missing": "satisfaction"})

    # 2026 Q2: Alice 0 of 1, so East and the company 0 of 1 (West: no data, not missed).
    # 2026 Q3: Charlie 0 of 1, West 0 of 1, the company 1 of 2 = 50 %. 2025 Q4: no data.
    q2, q3 = QUARTERS[1], QUARTERS[2]
    assert ids(response) == {
        of("alice", q2),
        of("east", q2),
        of("company", q2),
        of("charlie", q3),
        of("west", q3),
        of("company", q3),
    }
    # Resolution hours has no data anywhere: nothing missed it.
    assert ids(api_client_for(executive).get(LIST, {"missing": "resolution_hours"})) == set()


def test_missing_is_within_visible_to(cards, alice):
    response = api_client_for(alice).get(LIST, {"missing": "satisfaction"})

    # Only Alice's own 2026 Q2 card: East's and the company's are not hers to read.
    assert ids(response) == {card.pk for card in cards["alice"] if card.period == QUARTERS[1]}


def test_an_unknown_parameter_is_400(cards, executive):
    response = api_client_for(executive).get(LIST, {"year": 2026, "quater": 3})

    assert response.status_code == 400
    assert list(response.json()) == ["quater"]
    assert response.json()["quater"][0].startswith("Unknown query parameter. Accepted: ")
    assert "year_from" in response.json()["quater"][0]


@pytest.mark.parametrize("params", [{"missing": "happiness"}, {"scope": "region"}, {"quarter": 5}])
def test_an_invalid_filter_value_is_400(cards, executive, params):
    response = api_client_for(executive).get(LIST, params)

    assert response.status_code == 400
    assert list(response.json()) == list(params)


# -- read-only ------------------------------------------------------------------------------


def test_nobody_writes_a_scorecard(cards, executive, superuser):
    card = cards["alice"][0]
    for user in (executive, superuser):
        client = api_client_for(user)
        payload = {"scope": "rep", "user": card.user_id, "year": 2027, "quarter": 1}
        assert client.post(LIST, payload, format="json").status_code == 405
        assert client.put(detail(card), payload, format="json").status_code == 405
        assert client.patch(detail(card), {"year": 2027}, format="json").status_code == 405
        assert client.delete(detail(card)).status_code == 405
    assert Scorecard.objects.count() == 15
    card.refresh_from_db()
    assert (card.year, card.quarter) == (2026, 3)  # the newest first


# -- query count ----------------------------------------------------------------------------


@pytest.mark.parametrize("reps", [2, 6])
def test_list_query_count(executive, reps, django_assert_num_queries):
    for i in range(reps):
        team = f.TeamFactory(name=f"Team {i % 2}")
        rep = f.UserFactory(username=f"rep{i}", role=Role.REP, team=team)
        f.SurveyResponseFactory(
            account=f.AccountFactory(owner=rep), received_on=dt.date(2026, 8, 1)
        )
    recompute_quarter(QUARTERS[2])
    client = api_client_for(executive)
    # the token (with its user), its last use, count, the scorecards (with user and team),
    # their metrics (+ the savepoint pair)
    with django_assert_num_queries(7):
        response = client.get(LIST, {"year": 2026})
    body = response.json()
    assert body["count"] == reps + 2 + 1  # the reps, Team 0 and Team 1, the company
    assert all(len(row["metrics"]) == len(Metric) for row in body["results"])
