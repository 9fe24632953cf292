"""The sales analysis page (duty 5): hand-computed trend, top accounts, customer behaviour
and funnel figures; who sees what on the page and in its export; constant query counts;
the charts' JSON equal to their tables; Chart.js served from our own static files."""

import datetime as dt
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse
from openpyxl import load_workbook

from kam.dates import Quarter, company_today
from kpis import analysis
from kpis.analysis_exports import AnalysisForm
from tests import factories as f
from tests.support import (
    ARTIFACTS,
    PHONE,
    STICKING_OUT,
    assert_no_csp_violations,
    log_in,
    new_context,
)

pytestmark = pytest.mark.django_db

D = Decimal
Q1 = {"quarter": "2026-1"}
Q1_PERIOD = analysis.Period(dt.date(2026, 1, 1), dt.date(2026, 3, 1))


def page(client, params=None, status=200):
    response = client.get(reverse("kpis:analysis"), params or {})
    assert response.status_code == status, response.content[:800]
    return response


def export(client, params=None, status=200):
    response = client.get(reverse("kpis:analysis-export", args=["xlsx"]), params or {})
    assert response.status_code == status, response.content[:300]
    return response


def workbook(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return load_workbook(io.BytesIO(content))


def sheet_rows(book, title):
    values = list(book[title].iter_rows(values_only=True))
    return values[0], values[1:]


@pytest.fixture
def sales(alice, bob, charlie, team_a, team_b):
    """Q1 2026 (and the quarter before it) for Alice (team East) and Charlie (West).

    Orders sit on the month boundaries of the company calendar (Asia/Shanghai business
    dates): 31 Jan, 1 Feb, 31 Mar, 1 Jan, and just outside: 31 Dec 2025, 1 Apr 2026.
    """
    castings = f.AccountFactory(
        owner=alice, code="HZ-001", name="Hangzhou Precision Castings",
        industry="Manufacturing", tier="strategic", region="East China",
    )  # fmt: skip
    valves = f.AccountFactory(
        owner=alice, code="NB-001", name="Ningbo Valve Works",
        industry="Valves", tier="key", region="East China",
    )  # fmt: skip
    chengdu = f.AccountFactory(
        owner=charlie, code="CD-001", name="Chengdu Heavy Industries",
        industry="Manufacturing", tier="growth", region="West China",
    )  # fmt: skip

    def order(account, day, amount, **kwargs):
        return f.OrderFactory(
            account=account, ordered_on=day, amount=D(amount),
            promised_on=day + dt.timedelta(days=30), **kwargs,
        )  # fmt: skip

    order(castings, dt.date(2026, 1, 31), "100000")
    order(castings, dt.date(2026, 2, 1), "50000", status="delivered",
          delivered_on=dt.date(2026, 2, 20))  # fmt: skip
    order(castings, dt.date(2026, 3, 31), "30000")
    order(castings, dt.date(2025, 12, 31), "80000")  # the previous period
    order(valves, dt.date(2026, 2, 15), "40000")
    order(valves, dt.date(2026, 2, 20), "60000", status="cancelled")  # never counted
    order(chengdu, dt.date(2026, 1, 1), "20000")
    order(chengdu, dt.date(2025, 11, 10), "40000")  # the previous period
    order(chengdu, dt.date(2026, 4, 1), "99999")  # after the period

    # The funnel of Q1 2026: Alice won one deal in 30 days and lost one; Charlie has a lead.
    f.OpportunityFactory(
        account=castings, stage="won", amount=D("50000"), opened_on=dt.date(2026, 1, 10),
        closed_on=dt.date(2026, 2, 9), expected_close_on=dt.date(2026, 2, 9),
    )  # fmt: skip
    f.OpportunityFactory(
        account=valves, stage="lost", amount=D("70000"), opened_on=dt.date(2026, 1, 5),
        closed_on=dt.date(2026, 3, 1), expected_close_on=dt.date(2026, 3, 1),
    )  # fmt: skip
    f.OpportunityFactory(
        account=chengdu, stage="lead", amount=D("15000"), opened_on=dt.date(2026, 2, 1),
        expected_close_on=dt.date(2026, 6, 1),
    )  # fmt: skip
    return {"castings": castings, "valves": valves, "chengdu": chengdu}


# -- the figures ----------------------------------------------------------------------------


def test_period_arithmetic():
    period = analysis.Period.months_through(dt.date(2026, 3, 17))
    assert (period.first, period.last, period.end) == (
        dt.date(2025, 4, 1), dt.date(2026, 3, 1), dt.date(2026, 3, 31),
    )  # fmt: skip
    assert period.length == 12
    assert period.previous() == analysis.Period(dt.date(2024, 4, 1), dt.date(2025, 3, 1))
    assert Q1_PERIOD.quarter() == Quarter(2026, 1)
    assert Q1_PERIOD.previous() == analysis.Period(dt.date(2025, 10, 1), dt.date(2025, 12, 1))
    assert analysis.Period(dt.date(2026, 1, 1), dt.date(2026, 2, 1)).quarter() is None
    assert analysis.Period(dt.date(2024, 2, 1), dt.date(2024, 2, 1)).end == dt.date(2024, 2, 29)


def test_default_period_ends_with_the_company_s_month(alice):
    # 16:30 UTC on 31 March is already 1 April in Asia/Shanghai: April is "this month".
    assert settings.TIME_ZONE == "Asia/Shanghai"
    now = dt.datetime(2026, 3, 31, 16, 30, tzinfo=dt.UTC)
    form = AnalysisForm(None, user=alice, today=company_today(now))
    assert form.chosen()["period"] == analysis.Period(dt.date(2025, 5, 1), dt.date(2026, 4, 1))


@pytest.mark.parametrize(
    ("dimension", "expected"),
    [
        # East: Jan 100,000 (1); Feb 50,000 + 40,000 (2); Mar 30,000 (1). West: Jan 20,000.
        ("team", {"East": (["100000", "90000", "30000"], [1, 2, 1]),
                  "West": (["20000", "0", "0"], [1, 0, 0])}),
        # Castings and Chengdu are Manufacturing; Valves' cancelled 60,000 is not counted.
        ("industry", {"Manufacturing": (["120000", "50000", "30000"], [2, 1, 1]),
                      "Valves": (["0", "40000", "0"], [0, 1, 0])}),
        ("tier", {"Strategic": (["100000", "50000", "30000"], [1, 1, 1]),
                  "Key": (["0", "40000", "0"], [0, 1, 0]),
                  "Growth": (["20000", "0", "0"], [1, 0, 0])}),
        ("region", {"East China": (["100000", "90000", "30000"], [1, 2, 1]),
                    "West China": (["20000", "0", "0"], [1, 0, 0])}),
    ],
)  # fmt: skip
def test_trend_per_month_and_dimension(sales, executive, dimension, expected):
    orders = analysis.scoped_orders(executive)

    trend = analysis.sales_trend(orders, Q1_PERIOD, dimension)

    assert trend["months"] == [dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1)]
    got = {
        str(line["label"]): ([str(a.normalize()) for a in line["amounts"]], line["counts"])
        for line in trend["series"]
    }
    expected = {
        label: ([str(D(a).normalize()) for a in amounts], counts)
        for label, (amounts, counts) in expected.items()
    }
    assert got == expected
    # Series largest first; the month totals: 120,000 (2), 90,000 (2), 30,000 (1).
    assert [line["amount"] for line in trend["series"]] == sorted(
        (line["amount"] for line in trend["series"]), reverse=True
    )
    assert trend["amounts"] == [D("120000"), D("90000"), D("30000")]
    assert trend["counts"] == [2, 2, 1]
    assert (trend["amount"], trend["count"]) == (D("240000"), 5)


def test_trend_folds_the_smallest_values_into_other(alice, executive):
    for i in range(analysis.MAX_SERIES + 2):  # ten regions, 1,000 … 10,000
        account = f.AccountFactory(owner=alice, region=f"Region {i:02d}")
        f.OrderFactory(account=account, ordered_on=dt.date(2026, 2, 3), amount=D(1000 * (i + 1)))

    trend = analysis.sales_trend(analysis.scoped_orders(executive), Q1_PERIOD, "region")

    labels = [str(line["label"]) for line in trend["series"]]
    # Seven largest (Region 09 … 03), then the other three (1,000 + 2,000 + 3,000).
    assert labels == [f"Region {i:02d}" for i in range(9, 2, -1)] + ["Other (3)"]
    assert trend["series"][-1]["amount"] == D("6000")
    assert trend["series"][-1]["counts"] == [0, 3, 0]
    assert trend["amount"] == D("55000")  # 1,000 × (1 + … + 10)


def test_top_accounts_with_growth(sales, executive):
    rows = analysis.top_accounts(analysis.scoped_orders(executive), Q1_PERIOD)

    assert [(row["name"], row["amount"], row["previous"], row["growth"]) for row in rows] == [
        # (180,000 − 80,000) ÷ 80,000 = +125.0 %
        ("Hangzhou Precision Castings", D("180000"), D("80000"), 125.0),
        # Nothing in Q4 2025: a new account, no growth rate.
        ("Ningbo Valve Works", D("40000"), D("0"), None),
        # (20,000 − 40,000) ÷ 40,000 = −50.0 %
        ("Chengdu Heavy Industries", D("20000"), D("40000"), -50.0),
    ]


def test_customer_behaviour(sales, executive):
    behaviour = analysis.customer_behaviour(analysis.scoped_orders(executive), Q1_PERIOD)

    # The period is over: recency is counted to its last day, 31 March 2026.
    assert behaviour["as_of"] == dt.date(2026, 3, 31)
    assert [
        (row["name"], row["orders"], row["frequency"], row["last"], row["recency"],
         row["amount"], row["average"])
        for row in behaviour["accounts"]
    ] == [
        # 3 orders in 3 months; the last on 31 Mar; 180,000 ÷ 3 = 60,000.
        ("Hangzhou Precision Castings", 3, D("1.00"), dt.date(2026, 3, 31), 0,
         D("180000"), D("60000.00")),
        # 1 ÷ 3 = 0.33 a month; 15 Feb → 31 Mar = 13 + 31 = 44 days.
        ("Ningbo Valve Works", 1, D("0.33"), dt.date(2026, 2, 15), 44, D("40000"), D("40000.00")),
        # 1 Jan → 31 Mar = 30 + 28 + 31 = 89 days.
        ("Chengdu Heavy Industries", 1, D("0.33"), dt.date(2026, 1, 1), 89,
         D("20000"), D("20000.00")),
    ]  # fmt: skip


def test_recency_of_a_running_period_counts_to_today(alice):
    account = f.AccountFactory(owner=alice)
    f.OrderFactory(account=account, ordered_on=dt.date(2026, 3, 2), amount=D("3000"))
    f.OrderFactory(account=account, ordered_on=dt.date(2026, 3, 9), amount=D("1000"))

    behaviour = analysis.customer_behaviour(
        analysis.scoped_orders(alice), Q1_PERIOD, today=dt.date(2026, 3, 20)
    )

    row = behaviour["accounts"][0]
    # 9 → 20 March: 11 days; (3,000 + 1,000) ÷ 2 = 2,000.
    assert (behaviour["as_of"], row["recency"], row["average"]) == (
        dt.date(2026, 3, 20), 11, D("2000.00"),
    )  # fmt: skip


def test_funnel_summary_of_the_period_s_last_quarter(sales, alice, executive):
    mine = analysis.sales_analysis(alice, period=Q1_PERIOD)["funnel"]
    everyone = analysis.sales_analysis(executive, period=Q1_PERIOD)["funnel"]

    assert mine["quarter"] == Quarter(2026, 1)
    counts = {row["stage"]: (row["count"], row["amount"]) for row in mine["stages"]}
    assert (counts["won"], counts["lost"], counts["lead"]) == (
        (1, D("50000")), (1, D("70000")), (0, D("0")),
    )  # fmt: skip
    # 1 won ÷ (1 won + 1 lost) = 50.0 %; 10 Jan → 9 Feb = 30 days.
    assert (mine["win_rate"], mine["cycle_days"]) == (50.0, 30.0)
    assert {row["stage"]: row["count"] for row in everyone["stages"]}["lead"] == 1


# -- who sees what --------------------------------------------------------------------------


def top_names(html: str) -> list[str]:
    table = html.split('id="top-table"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', table)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("alice", ["Hangzhou Precision Castings", "Ningbo Valve Works"]),
        ("bob", ["Hangzhou Precision Castings", "Ningbo Valve Works"]),  # his team's
        ("charlie", ["Chengdu Heavy Industries"]),
        ("executive", [
            "Hangzhou Precision Castings", "Ningbo Valve Works", "Chengdu Heavy Industries",
        ]),
    ],
)  # fmt: skip
def test_page_shows_what_the_persona_sees(client, sales, persona, expected, request):
    client.force_login(request.getfixturevalue(persona))

    html = page(client, Q1).content.decode()

    assert top_names(html) == expected
    for name in {"Hangzhou Precision Castings", "Chengdu Heavy Industries"} - set(expected):
        assert name not in html


def test_department_member_and_anonymous_get_no_page(client, sales, dept_user):
    response = client.get(reverse("kpis:analysis"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    anonymous_export = client.get(reverse("kpis:analysis-export", args=["xlsx"]))
    assert anonymous_export.status_code == 302

    client.force_login(dept_user)
    page(client, status=404)
    export(client, status=404)
    shared = client.get(reverse("export", args=["kpis.analysis", "xlsx"]))
    assert shared.status_code == 404


def test_team_filter_narrows_a_manager_s_view(client, sales, executive, team_a, team_b):
    client.force_login(executive)

    html = page(client, {**Q1, "team": team_b.pk}).content.decode()

    assert top_names(html) == ["Chengdu Heavy Industries"]
    assert "Hangzhou Precision Castings" not in html


def test_a_rep_has_no_team_filter_and_another_team_is_refused(client, sales, alice, bob, team_b):
    client.force_login(alice)
    assert 'name="team"' not in page(client).content.decode()

    client.force_login(bob)  # West is not his
    response = page(client, {"team": team_b.pk}, status=400)
    assert "Chengdu Heavy Industries" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-05", "end": "2026-02"}, "must not come after"),
        ({"start": "2023-01", "end": "2026-02"}, "at most 36 months"),
        ({"start": "2026-13"}, "YYYY-MM"),
        ({"dimension": "colour"}, "Select a valid choice"),
    ],
)
def test_bad_filters_answer_400_with_the_error(client, alice, params, message):
    client.force_login(alice)
    assert message in page(client, params, status=400).content.decode()
    assert export(client, params, status=400)


def test_months_from_to(client, sales, executive):
    client.force_login(executive)

    report = page(client, {"start": "2026-02", "end": "2026-03"}).context["report"]

    # Feb–Mar 2026 against Dec 2025–Jan 2026: Castings 80,000 against 80,000 + 100,000.
    assert report["period"] == analysis.Period(dt.date(2026, 2, 1), dt.date(2026, 3, 1))
    castings = report["top_accounts"][0]
    assert (castings["name"], castings["amount"], castings["previous"], castings["growth"]) == (
        "Hangzhou Precision Castings", D("80000"), D("180000"), -55.6,
    )  # fmt: skip


# -- the export -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("alice", ["Hangzhou Precision Castings", "Ningbo Valve Works"]),
        ("bob", ["Hangzhou Precision Castings", "Ningbo Valve Works"]),
        ("charlie", ["Chengdu Heavy Industries"]),
        ("executive", [
            "Hangzhou Precision Castings", "Ningbo Valve Works", "Chengdu Heavy Industries",
        ]),
    ],
)  # fmt: skip
def test_export_holds_what_the_persona_sees(client, sales, persona, expected, request):
    client.force_login(request.getfixturevalue(persona))

    response = export(client, {**Q1, "dimension": "tier"})
    book = workbook(response)

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "sales-analysis-2026-01-2026-03" in response["Content-Disposition"]
    header, rows = sheet_rows(book, "Top accounts")
    assert [row[header.index("Account")] for row in rows] == expected
    _, behaviour = sheet_rows(book, "Customer behaviour")
    assert [row[1] for row in behaviour] == expected


def test_export_cells(client, sales, executive):
    client.force_login(executive)

    book = workbook(export(client, Q1))

    header, rows = sheet_rows(book, "Trend")
    assert header == ("Month", "Group", "Amount", "Orders")
    assert [(row[0].date(), row[1], row[2], row[3]) for row in rows] == [
        (dt.date(2026, 1, 1), "East", 100000, 1),
        (dt.date(2026, 2, 1), "East", 90000, 2),
        (dt.date(2026, 3, 1), "East", 30000, 1),
        (dt.date(2026, 1, 1), "West", 20000, 1),
        (dt.date(2026, 2, 1), "West", 0, 0),
        (dt.date(2026, 3, 1), "West", 0, 0),
    ]
    header, rows = sheet_rows(book, "Top accounts")
    assert rows[0] == ("HZ-001", "Hangzhou Precision Castings", "Strategic", 180000, 80000, 1.25)
    assert rows[1][-1] is None  # new: no growth rate
    header, rows = sheet_rows(book, "Customer behaviour")
    assert rows[1] == ("NB-001", "Ningbo Valve Works", 1, 0.33, dt.datetime(2026, 2, 15), 44,
                       40000, 40000)  # fmt: skip
    _, rows = sheet_rows(book, "Funnel figures")
    assert dict(rows)["Win rate %"] == 50
    assert dict(rows)["Cycle (days)"] == 30


def test_page_links_the_export_with_its_choices(client, sales, executive, team_a):
    client.force_login(executive)

    html = page(client, {**Q1, "dimension": "industry", "team": team_a.pk}).content.decode()

    url = reverse("kpis:analysis-export", args=["xlsx"])
    assert f'href="{url}?dimension=industry&amp;quarter=2026-1&amp;team={team_a.pk}"' in html


# -- queries --------------------------------------------------------------------------------


def fill(owner, accounts: int, orders_each: int):
    for i in range(accounts):
        account = f.AccountFactory(owner=owner, region=f"Region {i}", industry=f"Industry {i}")
        for j in range(orders_each):
            f.OrderFactory(
                account=account, ordered_on=dt.date(2026, 1 + j % 3, 1 + j), amount=D(100 + j)
            )
        f.OpportunityFactory(account=account, opened_on=dt.date(2026, 1, 2))


# Session and user; the request's savepoint and its release (ATOMIC_REQUESTS); the trend,
# top accounts and behaviour (each ranking and the names of its accounts), the funnel's
# four; the navigation's unread notifications.
REP_QUERIES = 2 + 2 + 9 + 1
# A manager's team menu is a query more.
MANAGER_QUERIES = REP_QUERIES + 1


@pytest.mark.parametrize("size", [(1, 1), (12, 9)])
@pytest.mark.parametrize("dimension", ["team", "tier"])
def test_query_count_does_not_grow_with_the_data(
    client, alice, bob, size, dimension, django_assert_num_queries
):
    fill(alice, *size)
    client.force_login(alice)
    with django_assert_num_queries(REP_QUERIES):
        response = page(client, {**Q1, "dimension": dimension})
    assert len(response.context["report"]["behaviour"]["accounts"]) == size[0]

    client.force_login(bob)
    with django_assert_num_queries(MANAGER_QUERIES):
        response = page(client, {**Q1, "dimension": dimension})
    assert response.context["trend"]["count"] == size[0] * size[1]


# -- the company's analysis is a summary ----------------------------------------------------


def test_the_company_analysis_is_kept_five_minutes_and_refreshable(
    client, sales, executive, alice, django_assert_num_queries
):
    client.force_login(executive)
    first = page(client, Q1)
    # 31 Jan 100,000 + 1 Feb 50,000 + 31 Mar 30,000 + 15 Feb 40,000 + 1 Jan 20,000.
    assert first.context["trend"]["amount"] == D("240000")
    f.OrderFactory(
        account=f.AccountFactory(owner=alice), ordered_on=dt.date(2026, 2, 10), amount=D("1000")
    )

    # Session, user, the savepoint pair, the team menu, unread notifications: the figures
    # come from the cache, with the time they were computed and a refresh link.
    with django_assert_num_queries(6):
        cached = page(client, Q1)
    refreshed = page(client, {**Q1, "refresh": "1"})

    html = cached.content.decode()
    assert cached.context["trend"]["amount"] == D("240000")
    assert "As of" in html and 'href="?quarter=2026-1&amp;refresh=1"' in html
    assert refreshed.context["trend"]["amount"] == D("241000")
    # Another choice is another summary, computed at once.
    assert page(client, {**Q1, "dimension": "tier"}).context["trend"]["amount"] == D("241000")


def test_a_rep_s_analysis_is_computed_on_every_view(client, sales, alice):
    client.force_login(alice)
    before = page(client, Q1).context["trend"]["amount"]
    f.OrderFactory(
        account=f.AccountFactory(owner=alice), ordered_on=dt.date(2026, 2, 10), amount=D("1000")
    )

    response = page(client, Q1)

    assert response.context["trend"]["amount"] == before + D("1000")
    assert "As of" not in response.content.decode()


# -- charts ---------------------------------------------------------------------------------


def chart(html: str, element_id: str) -> dict:
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html)
    assert match, f"no {element_id}"
    return json.loads(match[1])


def table_values(html: str, table_id: str) -> list[list[str]]:
    """The ``data-value`` cells of each body row of a table."""
    body = html.split(f'id="{table_id}"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [re.findall(r'data-value="([^"]*)"', row) for row in body.split("</tr>")[:-1]]


def test_charts_hold_the_figures_of_their_tables(client, sales, executive):
    client.force_login(executive)

    html = page(client, Q1).content.decode()

    amount = chart(html, "chart-amount-data")
    assert amount["labels"] == ["January 2026", "February 2026", "March 2026"]
    assert [d["label"] for d in amount["datasets"]] == ["East", "West"]
    # Each row: a month's cell per series, then the month's total.
    rows = table_values(html, "trend-amount-table")
    assert [row[:-1] for row in rows] == [
        [dataset["data"][i] for dataset in amount["datasets"]] for i in range(3)
    ]
    assert [D(v) for v in amount["datasets"][0]["data"]] == [D(100000), D(90000), D(30000)]
    assert [D(row[-1]) for row in rows] == [D(120000), D(90000), D(30000)]

    orders = chart(html, "chart-orders-data")
    rows = table_values(html, "trend-orders-table")
    assert (
        [[int(v) for v in row[:-1]] for row in rows]
        == [[dataset["data"][i] for dataset in orders["datasets"]] for i in range(3)]
        == [[1, 1], [2, 0], [1, 0]]
    )

    top = chart(html, "chart-top-data")
    assert top["labels"] == top_names(html)
    assert table_values(html, "top-table") == [
        list(pair)
        for pair in zip(top["datasets"][0]["data"], top["datasets"][1]["data"], strict=True)
    ]


def test_chart_js_is_served_from_our_static_files(client, alice):
    client.force_login(alice)

    html = page(client).content.decode()

    for path in ("vendor/chartjs/chart.umd.min.js", "js/charts.js"):
        assert finders.find(path), path
        assert f'<script src="{static(path)}" defer></script>' in html
    assert finders.find("vendor/chartjs/LICENSE.md")
    templates = [Path(settings.BASE_DIR, "templates/kpis/analysis.html")]
    templates += sorted(Path(settings.BASE_DIR, "templates/kpis/analysis").glob("*.html"))
    for template in templates:
        assert not re.search(r"https?://", template.read_text()), template
    assert not re.search(r"""(src|href)=["']https?://""", html)
    # No inline script: only JSON data elements and scripts with a src.
    for tag in re.findall(r"<script[^>]*>", html):
        assert 'type="application/json"' in tag or "src=" in tag, tag


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_charts_draw_on_a_phone_within_the_csp(live_server, chromium, sales, executive):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    phone = new_context(chromium, viewport=PHONE, is_mobile=True, has_touch=True)
    page_ = phone.new_page()
    log_in(page_, live_server.url, executive.username)

    page_.goto(f"{live_server.url}{reverse('kpis:analysis')}?quarter=2026-1")

    page_.wait_for_function("document.querySelectorAll('canvas[data-chart]').length === 3")
    drawn = page_.evaluate(
        "[...document.querySelectorAll('canvas[data-chart]')]"
        ".map((c) => Boolean(window.Chart && window.Chart.getChart(c)))"
    )
    assert drawn == [True, True, True]
    page_.screenshot(path=str(ARTIFACTS / "kpis-analysis-phone.png"), full_page=True)
    assert page_.evaluate(STICKING_OUT, PHONE["width"]) == []
    assert page_.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_csp_violations(page_)
    phone.close()
