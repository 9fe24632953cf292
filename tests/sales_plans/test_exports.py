"""Duty 2's deliverables as files: the order list, a sales plan, the target attainment
report. Each starts from ``visible_to`` and the page's parameters; the personas are those
of ``tests/conftest.py``."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kam.choices import Role
from tests import factories as f
from tests.support import pdf_text

pytestmark = pytest.mark.django_db

CHINESE_NAME = "杭州精密铸造有限公司"
D = Decimal
APPROVED_AT = dt.datetime(2026, 6, 28, 9, tzinfo=dt.UTC)


def export(client, name, fmt, expected=200, **params):
    # ``expected``, not ``status``: the order list filters on a ``status`` parameter.
    response = client.get(reverse("export", args=[name, fmt]), params)
    assert response.status_code == expected, body(response)[:300]
    return response


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def workbook(response):
    return load_workbook(io.BytesIO(body(response)))


def rows(sheet):
    values = list(sheet.iter_rows(values_only=True))
    return values[0], values[1:]


def named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save()
    return user


@pytest.fixture
def sales(alice, bob, charlie, team_a):
    """Q3 2026 for Alice (and Ann, on her team) and Charlie: approved plans and orders."""
    named(alice, "Alice", "Zhang")
    named(charlie, "Charlie", "Li")
    ann = f.UserFactory(username="ann", first_name="芳", last_name="王", team=team_a)
    castings = f.AccountFactory(owner=alice, code="HZ-001", name=CHINESE_NAME)
    valves = f.AccountFactory(owner=alice, code="NB-001", name="Ningbo Valve Works")
    bearings = f.AccountFactory(owner=alice, code="WX-001", name="Wuxi Bearings")
    chengdu = f.AccountFactory(owner=charlie, code="CD-001", name="Chengdu Heavy Industries")
    plan = f.SalesPlanFactory(
        owner=alice, year=2026, quarter=3, target_amount=D("500000"), status="approved",
        approved_by=bob, approved_at=APPROVED_AT,
        strategy="Win back 杭州 with faster delivery.\nVisit the plant every month.",
    )  # fmt: skip
    f.PlanTargetFactory(plan=plan, account=castings, target_amount=D("300000"))
    f.PlanTargetFactory(plan=plan, account=valves, target_amount=D("100000"))
    f.SalesPlanFactory(
        owner=ann, year=2026, quarter=3, target_amount=D("200000"), status="approved",
        approved_by=bob, approved_at=APPROVED_AT,
    )  # fmt: skip
    f.SalesPlanFactory(
        owner=charlie, year=2026, quarter=3, target_amount=D("100000"), status="approved",
        approved_by=charlie.team.manager, approved_at=APPROVED_AT,
    )  # fmt: skip

    def order(account, number, day, amount, **kwargs):
        kwargs.setdefault("promised_on", day + dt.timedelta(days=30))
        return f.OrderFactory(
            account=account, number=number, ordered_on=day, amount=D(amount), **kwargs
        )

    order(
        castings, "SO-1", dt.date(2026, 7, 12), "125000.50",
        promised_on=dt.date(2026, 8, 30), delivered_on=dt.date(2026, 8, 28), status="delivered",
    )  # fmt: skip
    order(valves, "SO-2", dt.date(2026, 8, 2), "60000", status="shipped")
    order(bearings, "SO-3", dt.date(2026, 9, 30), "25000")
    order(valves, "SO-4", dt.date(2026, 8, 3), "70000", status="cancelled")  # not counted
    order(f.AccountFactory(owner=ann), "SO-5", dt.date(2026, 7, 15), "250000")
    order(chengdu, "SO-9", dt.date(2026, 7, 20), "10000")
    return {"plan": plan, "ann": ann, "castings": castings}


# -- the order list -----------------------------------------------------------------------------

ALICE_ORDERS = ["SO-3", "SO-4", "SO-2", "SO-1"]  # newest first, as the list shows them


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("alice", ALICE_ORDERS),
        ("bob", ["SO-3", "SO-4", "SO-2", "SO-5", "SO-1"]),  # his team's: Alice's and Ann's
        ("charlie", ["SO-9"]),
        ("executive", ["SO-3", "SO-4", "SO-2", "SO-9", "SO-5", "SO-1"]),
        ("dept_user", []),
    ],
)
def test_order_list_export_holds_what_the_persona_sees(client, sales, persona, expected, request):
    client.force_login(request.getfixturevalue(persona))

    response = export(client, "sales_plans.order_list", "xlsx")

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    header, data = rows(workbook(response)["Orders"])
    assert [row[header.index("Number")] for row in data] == expected


def test_order_list_export_cells_and_the_filters_applied(client, alice, sales):
    client.force_login(alice)

    response = export(
        client, "sales_plans.order_list", "xlsx", status=["delivered", "shipped"], q="杭州"
    )

    book = workbook(response)
    header, data = rows(book["Orders"])
    assert header == (
        "Number",
        "Account code",
        "Account",
        "Owner",
        "Ordered on",
        "Amount",
        "Promised on",
        "Delivered on",
        "Status",
    )
    assert data == [
        (
            "SO-1",
            "HZ-001",
            CHINESE_NAME,
            "Alice Zhang",
            dt.datetime(2026, 7, 12),
            125000.5,
            dt.datetime(2026, 8, 30),
            dt.datetime(2026, 8, 28),
            "Delivered",
        )
    ]
    sheet = book["Orders"]
    assert (sheet["E2"].number_format, sheet["F2"].number_format) == ("yyyy-mm-dd", "#,##0.00")
    info = dict(row for row in book["Export info"].iter_rows(values_only=True) if row[0])
    assert info["Title"] == "Orders"
    assert info["Rows exported"] == 1
    assert info["Status"] == "Delivered, Shipped"  # as asked
    assert info["Search"] == "杭州"


def test_order_list_overdue_filter(client, alice, sales):
    client.force_login(alice)

    header, data = rows(
        workbook(export(client, "sales_plans.order_list", "xlsx", overdue="true"))["Orders"]
    )

    # Promised 30 days after July–September orders: past, and not delivered nor cancelled.
    assert [row[0] for row in data] == ["SO-3", "SO-2"]


def test_order_list_a_bad_filter_is_a_400(client, alice, sales):
    client.force_login(alice)

    export(client, "sales_plans.order_list", "xlsx", 400, ordered_after="not a date")
    export(client, "sales_plans.order_list", "xlsx", 400, q=" ".join(["a"] * 50))
    export(client, "sales_plans.order_list", "pdf", 404)


@pytest.mark.parametrize("count", [1, 20])
def test_order_list_export_query_count(client, alice, count, django_assert_num_queries):
    account = f.AccountFactory(owner=alice)
    for n in range(count):
        f.OrderFactory(account=account, number=f"SO-{n:03d}")
    client.force_login(alice)
    # session, user, COUNT, the rows with their accounts and owners (+ savepoint pair)
    with django_assert_num_queries(6):
        response = export(client, "sales_plans.order_list", "xlsx")
    assert len(rows(workbook(response)["Orders"])[1]) == count


# -- one sales plan -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [("alice", 200), ("bob", 200), ("executive", 200), ("charlie", 404), ("dept_user", 404)],
)
def test_sales_plan_export_is_for_those_who_see_the_plan(client, sales, persona, status, request):
    client.force_login(request.getfixturevalue(persona))

    for fmt in ("pdf", "xlsx"):
        export(client, "sales_plans.sales_plan", fmt, status, plan=sales["plan"].pk)


def test_sales_plan_export_of_no_plan_is_404(client, alice, sales):
    client.force_login(alice)

    export(client, "sales_plans.sales_plan", "pdf", 404)
    export(client, "sales_plans.sales_plan", "pdf", 404, plan="abc")
    export(client, "sales_plans.sales_plan", "xlsx", 404, plan=2**70)


def test_sales_plan_pdf_text_with_chinese(client, alice, sales):
    client.force_login(alice)

    response = export(client, "sales_plans.sales_plan", "pdf", plan=sales["plan"].pk)

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(body(response))
    assert "Sales plan: Alice Zhang" in text
    assert "2026 Q3" in text
    assert "Win back 杭州 with faster delivery." in text
    assert "Visit the plant every month." in text
    assert CHINESE_NAME in text and "Ningbo Valve Works" in text
    assert "Accounts without a line" in text
    # 210,000.50 of 500,000; 125,000.50 of 300,000; 60,000 of 100,000.
    for figure in ("42.0%", "41.7%", "60.0%", "500,000.00", "210,000.50", "25,000.00"):
        assert figure in text, figure
    assert "approved by" in text


def test_sales_plan_xlsx_cells(client, bob, sales):
    client.force_login(bob)

    book = workbook(export(client, "sales_plans.sales_plan", "xlsx", plan=sales["plan"].pk))

    header, data = rows(book["Sales plan"])
    assert dict(zip(header, data[0], strict=True)) == {
        "Owner": "Alice Zhang",
        "Period": "2026 Q3",
        "Status": "Approved",
        "Revision": 1,
        "Target": 500000,
        "Actual": 210000.5,
        "Attainment %": 0.42,
        "Orders through": dt.datetime(2026, 9, 30),
        "Strategy": "Win back 杭州 with faster delivery.\nVisit the plant every month.",
    }
    header, data = rows(book["Per account"])
    assert header == ("Account code", "Account", "Target", "Actual", "Attainment %")
    assert data == [
        ("NB-001", "Ningbo Valve Works", 100000, 60000, 0.6),
        ("HZ-001", CHINESE_NAME, 300000, 125000.5, 0.417),
        (None, "Accounts without a line", None, 25000, None),
    ]
    info = dict(row for row in book["Export info"].iter_rows(values_only=True) if row[0])
    assert (info["Title"], info["Period"]) == ("Sales plan: Alice Zhang", "2026 Q3")


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
@pytest.mark.parametrize("lines", [1, 10])
def test_sales_plan_export_query_count(client, alice, fmt, lines, django_assert_num_queries):
    plan = f.SalesPlanFactory(owner=alice, year=2026, quarter=3, target_amount=D("5000000"))
    for _ in range(lines):
        line = f.PlanTargetFactory(plan=plan)
        f.OrderFactory(account=line.account, ordered_on=dt.date(2026, 8, 1))
    client.force_login(alice)
    # session, user, the plan with its owner and approver, the orders by account, the
    # lines with their accounts (+ the request's savepoint pair)
    with django_assert_num_queries(7):
        export(client, "sales_plans.sales_plan", fmt, plan=plan.pk)


# -- the target attainment report ---------------------------------------------------------------

Q3 = {"year": 2026, "quarter": 3}


def reps_in(response):
    header, data = rows(workbook(response)["Attainment"])
    return [row[0] for row in data]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("alice", ["Alice Zhang", "Total"]),
        ("bob", ["Alice Zhang", "王芳", "Total"]),
        ("charlie", ["Charlie Li", "Total"]),
        ("executive", ["Alice Zhang", "Charlie Li", "王芳", "Total"]),
        ("dept_user", ["Total"]),
    ],
)
def test_attainment_holds_the_reps_the_persona_reads(client, sales, persona, expected, request):
    client.force_login(request.getfixturevalue(persona))

    assert reps_in(export(client, "sales_plans.attainment", "xlsx", **Q3)) == expected


def test_attainment_of_a_team_or_a_rep_outside_is_404(client, alice, charlie, team_a, sales):
    client.force_login(charlie)
    export(client, "sales_plans.attainment", "xlsx", 404, team=team_a.pk, **Q3)
    export(client, "sales_plans.attainment", "pdf", 404, rep=alice.pk, **Q3)
    export(client, "sales_plans.attainment", "pdf", 404, team="abc", **Q3)
    # A rep reads her own figures, not her team's.
    client.force_login(alice)
    export(client, "sales_plans.attainment", "xlsx", 404, team=team_a.pk, **Q3)
    export(client, "sales_plans.attainment", "xlsx", 404, rep=sales["ann"].pk, **Q3)
    assert reps_in(export(client, "sales_plans.attainment", "xlsx", rep=alice.pk, **Q3)) == [
        "Alice Zhang",
        "Total",
    ]


def test_attainment_bad_parameters_are_a_400(client, alice, sales):
    client.force_login(alice)

    export(client, "sales_plans.attainment", "xlsx", 400, year=2026, quarter=5)
    export(client, "sales_plans.attainment", "pdf", 400, year="soon", quarter=1)
    export(client, "sales_plans.attainment", "pdf", 400, year=1800, quarter=1)


def test_team_attainment_xlsx_cells(client, bob, team_a, sales):
    client.force_login(bob)

    book = workbook(export(client, "sales_plans.attainment", "xlsx", team=team_a.pk, **Q3))

    header, data = rows(book["Attainment"])
    assert header == ("Rep", "Team", "Target", "Actual", "Attainment %")
    # Alice: 125,000.50 + 60,000 + 25,000 (the cancelled order is not counted) of 500,000;
    # Ann: 250,000 of 200,000. The team: 460,000.50 of 700,000, not the mean of the two.
    assert data == [
        ("Alice Zhang", "East", 500000, 210000.5, 0.42),
        ("王芳", "East", 200000, 250000, 1.25),
        ("Total", None, 700000, 460000.5, 0.657),
    ]
    info = dict(row for row in book["Export info"].iter_rows(values_only=True) if row[0])
    assert info["Title"] == "Target attainment report: East"
    assert (info["Period"], info["Team"]) == ("2026 Q3", "East")


def test_rep_attainment_pdf_text(client, bob, sales):
    client.force_login(bob)

    response = export(client, "sales_plans.attainment", "pdf", rep=sales["ann"].pk, **Q3)

    text = pdf_text(body(response))
    assert "Target attainment report: 王芳" in text
    assert "2026 Q3" in text
    for figure in ("200,000.00", "250,000.00", "125.0%"):
        assert figure in text, figure
    assert "Alice Zhang" not in text


def test_team_attainment_pdf_text(client, bob, team_a, sales):
    client.force_login(bob)

    text = pdf_text(body(export(client, "sales_plans.attainment", "pdf", team=team_a.pk, **Q3)))

    assert "Target attainment report: East" in text
    assert "Alice Zhang" in text and "王芳" in text
    assert "65.7%" in text and "460,000.50" in text


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
@pytest.mark.parametrize("reps", [1, 10])
def test_attainment_query_count(client, bob, team_a, fmt, reps, django_assert_num_queries):
    for _ in range(reps):
        rep = f.UserFactory(role=Role.REP, team=team_a)
        f.OrderFactory(account=f.AccountFactory(owner=rep), ordered_on=dt.date(2026, 8, 1))
    client.force_login(bob)
    # session, user, the team, the targets' and the orders' totals, the reps with their
    # targets, actuals and teams (+ the request's savepoint pair)
    with django_assert_num_queries(8):
        export(client, "sales_plans.attainment", fmt, team=team_a.pk, **Q3)
