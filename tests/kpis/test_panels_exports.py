"""What duty 5 adds to other pages: the scorecard panels of the home page (``kpis.panels``)
and the performance summary export (``kpis.exports``, "kpis.performance_summary")."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kam.dates import Quarter
from kpis.choices import Metric, Scope
from kpis.models import Scorecard
from kpis.services import recompute_quarter
from tests import factories as f
from tests.support import pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = Decimal
Q3 = Quarter(2026, 3)
CHINESE_ACCOUNT = "杭州精密铸造有限公司"


def named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save()
    return user


@pytest.fixture
def dora(charlie):
    return charlie.team.manager


def home(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def panel(html: str) -> str:
    start = html.index('<section aria-labelledby="scorecards-heading"')
    return html[start : html.index("</section>", start)]


# -- the home panels ------------------------------------------------------------------------


@pytest.fixture
def this_quarter(alice, bob, charlie):
    """This quarter's scorecards: Alice 1 of 1 satisfied (met), Charlie 0 of 1 (missed)."""
    named(alice, "Alice", "Zhang")
    named(charlie, "Charlie", "Li")
    quarter = Quarter.current()
    f.SurveyResponseFactory(
        account=f.AccountFactory(owner=alice), received_on=quarter.start, score=5
    )
    f.SurveyResponseFactory(
        account=f.AccountFactory(owner=charlie), received_on=quarter.start, score=1
    )
    recompute_quarter(quarter)
    return quarter


def test_a_reps_home_shows_their_scorecard(client, this_quarter, alice):
    section = panel(home(client, alice))

    assert "My scorecard" in section and this_quarter.label in section
    assert f'href="{reverse("kpis:rep", args=[alice.pk])}"' in section
    assert "Alice Zhang" in section and "Charlie Li" not in section
    card = Scorecard.objects.get(scope=Scope.REP, user=alice, **period(this_quarter))
    satisfaction = reverse("kpis:cell", args=[card.pk, "satisfaction"])
    assert f'href="{satisfaction}" class="kpi-cell kpi-met"' in section
    assert section.count('<th scope="row">') == 1


def test_a_managers_home_shows_the_team_table(client, this_quarter, alice, bob):
    section = panel(home(client, bob))

    assert "My team&#x27;s scorecards" in section
    rows = section.split('<th scope="row">')[1:]
    # Alice's row, then team East's; nothing of Charlie's or West's.
    assert len(rows) == 2
    assert rows[0].startswith(f'<a href="{reverse("kpis:rep", args=[alice.pk])}">Alice Zhang')
    assert rows[1].startswith("East</th>")
    assert "Charlie Li" not in section and "West" not in section


def test_an_executives_home_shows_the_company_and_the_teams(client, this_quarter, executive):
    section = panel(home(client, executive))

    assert "Company and teams" in section
    rows = [row.split("</th>")[0] for row in section.split('<th scope="row">')[1:]]
    assert rows == ["East", "West", "Company"]
    company = Scorecard.objects.get(scope=Scope.COMPANY, **period(this_quarter))
    # The company: 1 satisfied of 2 responses = 50 %, below 85: missed.
    satisfaction = reverse("kpis:cell", args=[company.pk, "satisfaction"])
    assert f'href="{satisfaction}" class="kpi-cell kpi-missed" title="1 of 2' in section
    assert "Alice Zhang" not in section


def test_the_panel_says_when_nothing_is_computed_yet(client, alice):
    section = panel(home(client, alice))

    assert "No scorecards for this quarter yet" in section


def test_a_department_member_gets_no_scorecard_panel(client, this_quarter, dept_user):
    assert 'id="scorecards-heading"' not in home(client, dept_user)


def period(quarter):
    return {"year": quarter.year, "quarter": quarter.quarter}


# -- the performance summary ----------------------------------------------------------------


def export_url(fmt):
    return reverse("export", args=["kpis.performance_summary", fmt])


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def q3(alice, bob, charlie):
    """2026 Q3 of Alice (丽 陈, "陈丽") and Charlie.

    Alice: satisfaction 1 of 2 = 50 % (missed); attainment 10 000 ÷ 10 000 = 100 % (met;
    the cancelled 5 000 does not count); fulfilment 1 of 1 (met).
    """
    named(alice, "丽", "陈")
    named(charlie, "Charlie", "Li")
    castings = f.AccountFactory(owner=alice, name=CHINESE_ACCOUNT)
    f.SurveyResponseFactory(account=castings, received_on=dt.date(2026, 7, 3), score=5)
    f.SurveyResponseFactory(account=castings, received_on=dt.date(2026, 8, 3), score=2)
    f.SalesPlanFactory(
        owner=alice, year=2026, quarter=3, target_amount=D("10000"), status="approved",
        approved_by=bob, approved_at=dt.datetime(2026, 6, 20, tzinfo=dt.UTC),
    )  # fmt: skip
    f.OrderFactory(
        account=castings, number="SO-A1", ordered_on=dt.date(2026, 7, 10), amount=D("10000"),
        promised_on=dt.date(2026, 7, 20), delivered_on=dt.date(2026, 7, 18), status="delivered",
    )  # fmt: skip
    f.OrderFactory(
        account=castings, number="SO-A2", ordered_on=dt.date(2026, 7, 12), amount=D("5000"),
        promised_on=dt.date(2026, 7, 25), status="cancelled",
    )  # fmt: skip
    chengdu = f.AccountFactory(owner=charlie, name="Chengdu Valves")
    f.OrderFactory(account=chengdu, number="SO-C1", ordered_on=dt.date(2026, 8, 1))
    recompute_quarter(Q3)
    return {
        "alice": Scorecard.objects.get(scope=Scope.REP, user=alice, **period(Q3)),
        "charlie": Scorecard.objects.get(scope=Scope.REP, user=charlie, **period(Q3)),
        "east": Scorecard.objects.get(scope=Scope.TEAM, team=alice.team, **period(Q3)),
        "company": Scorecard.objects.get(scope=Scope.COMPANY, **period(Q3)),
    }


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
def test_who_exports_a_performance_summary(client, q3, name, own, team, company, request):
    client.force_login(request.getfixturevalue(name))
    for card, status in ((q3["alice"], own), (q3["east"], team), (q3["company"], company)):
        for fmt in ("pdf", "xlsx"):
            response = client.get(export_url(fmt), {"scorecard": card.pk})
            assert response.status_code == status, (name, card.scope, fmt)


def test_anonymous_and_bad_parameters(client, q3, alice):
    response = client.get(export_url("pdf"), {"scorecard": q3["alice"].pk})
    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('login')}?next=")
    client.force_login(alice)
    for params in ({}, {"scorecard": "x"}, {"scorecard": 0}, {"scorecard": 10**12}):
        assert client.get(export_url("pdf"), params).status_code == 404, params
    assert (
        client.get(reverse("export", args=["kpis.performance_summary", "csv"])).status_code == 404
    )


def test_the_pdf_names_the_rep_in_chinese_with_the_figures(client, q3, alice):
    assert alice.display_name == "陈丽"
    client.force_login(alice)

    response = client.get(export_url("pdf"), {"scorecard": q3["alice"].pk})

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(body(response))
    assert "Performance summary: 陈丽" in text
    assert "2026 Q3" in text
    assert "50.0 %" in text and "≥ 85.0 %" in text  # satisfaction 1 of 2
    assert CHINESE_ACCOUNT in text
    # One order counted, 10 000 in all: the cancelled one is left out.
    assert "1 orders" in text
    assert "Responses scoring below 4" in text
    assert "Chengdu" not in text and "SO-C1" not in text


def test_the_xlsx_has_the_metrics_sheet_with_the_values(client, q3, bob):
    client.force_login(bob)

    response = client.get(export_url("xlsx"), {"scorecard": q3["alice"].pk})

    book = load_workbook(io.BytesIO(body(response)))
    assert book.sheetnames[:2] == ["Scorecard", "Top accounts"]
    header, *rows = list(book["Scorecard"].iter_rows(values_only=True))
    assert header == ("Metric", "Value", "Target", "Numerator", "Denominator", "Met")
    assert [row[0] for row in rows] == [metric.label for metric in Metric]
    by_metric = {row[0]: row[1:] for row in rows}
    assert by_metric["Satisfaction"] == ("50.0 %", "≥ 85.0 %", 1, 2, False)
    assert by_metric["Target attainment"] == ("100.0 %", "≥ 100.0 %", 10000, 10000, True)
    assert by_metric["Order fulfilment"] == ("100.0 %", "≥ 95.0 %", 1, 1, True)
    assert by_metric["Issue resolution"] == ("no data", "≤ 48.0 h", 0, 0, None)
    header, *tops = list(book["Top accounts"].iter_rows(values_only=True))
    assert header == ("Account", "Orders", "Amount")
    assert tops == [(CHINESE_ACCOUNT, 1, 10000)]


def test_the_company_summary_holds_only_the_readers_orders(client, q3, dora, executive):
    client.force_login(dora)
    book = load_workbook(
        io.BytesIO(body(client.get(export_url("xlsx"), {"scorecard": q3["company"].pk})))
    )
    _header, *tops = list(book["Top accounts"].iter_rows(values_only=True))
    assert tops == [("Chengdu Valves", 1, 10000)]  # SO-C1, the factory's 10 000

    client.force_login(executive)
    book = load_workbook(
        io.BytesIO(body(client.get(export_url("xlsx"), {"scorecard": q3["company"].pk})))
    )
    _header, *tops = list(book["Top accounts"].iter_rows(values_only=True))
    # Both accounts at 10 000 (the order between equal totals is by name, a collation
    # matter, so compared as a set); Alice's cancelled 5 000 is not in her total.
    assert set(tops) == {(CHINESE_ACCOUNT, 1, 10000), ("Chengdu Valves", 1, 10000)}
