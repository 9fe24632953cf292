"""Duty 4's deliverables as files: the ticket list, the order fulfilment report and the
service feedback record, through ``/exports/<name>.<fmt>``. Each starts from ``visible_to``
and the page's parameters; the personas are those of ``tests/conftest.py``.

The tickets are opened and moved through ``tickets.services`` at fixed moments, so every
resolution time below is exact to the second.
"""

import datetime as dt
import io
import zoneinfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kam.choices import Role
from kam.dates import Quarter, company_today
from kam.models import ExportJob, ExportStatus
from tests import factories as f
from tests.support import pdf_text, wait_until
from tickets import services

pytestmark = pytest.mark.django_db

CHINESE_NAME = "杭州精密铸造有限公司"
CHINESE_COMMENT = "很满意，交货很快"
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")  # the company's zone (settings.TIME_ZONE)
Q3 = {"year": 2026, "quarter": 3}

TICKET_HEADER = (
    "Ticket",
    "Account",
    "Tier",
    "Order",
    "Category",
    "Priority",
    "Subject",
    "Department",
    "Assignee",
    "Status",
    "SLA",
    "Opened",
    "First response",
    "Due",
    "Resolved",
    "Paused hours",
    "Resolution hours",
)


def at(month, day, hour, minute=0):
    return dt.datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def local(month, day, hour, minute=0):
    """A moment as an XLSX cell holds it: on the company's clock, naive."""
    return dt.datetime(2026, month, day, hour, minute)


def export(client, name, fmt, expected=200, **params):
    # ``expected``, not ``status``: the ticket list filters on a ``status`` parameter.
    response = client.get(reverse("export", args=[name, fmt]), params)
    assert response.status_code == expected, body(response)[:300]
    return response


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def response_filename(response) -> str:
    return response["Content-Disposition"].split('filename="')[1].split('"')[0]


def workbook(response):
    return load_workbook(io.BytesIO(body(response)))


def rows(sheet):
    values = list(sheet.iter_rows(values_only=True))
    return values[0], values[1:]


def records(sheet):
    header, data = rows(sheet)
    return [dict(zip(header, row, strict=True)) for row in data]


def info(book):
    return dict(row[:2] for row in book["Export info"].iter_rows(values_only=True) if row[0])


def every_cell(book) -> list:
    return [value for sheet in book for row in sheet.iter_rows(values_only=True) for value in row]


def named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save()
    return user


@pytest.fixture
def service(alice, bob, charlie, dept_user):
    """2026 Q3 for Alice and Charlie: orders promised in the quarter and the tickets about
    them, answered by tech support (Tess) and logistics (Lars) at fixed moments."""
    named(alice, "Alice", "Zhang")
    named(charlie, "Charlie", "Li")
    tess = named(dept_user, "Tess", "Turner")
    lars = f.UserFactory(
        username="lars",
        first_name="Lars",
        last_name="Berg",
        role=Role.DEPARTMENT,
        department=f.department("logistics"),
    )
    castings = f.AccountFactory(owner=alice, code="HZ-001", name=CHINESE_NAME, tier="strategic")
    valves = f.AccountFactory(owner=alice, code="NB-001", name="Ningbo Valve Works", tier="key")
    chengdu = f.AccountFactory(
        owner=charlie, code="CD-001", name="Chengdu Heavy Industries", tier="growth"
    )

    def order(account, number, promised_on, **kwargs):
        return f.OrderFactory(
            account=account,
            number=number,
            ordered_on=dt.date(2026, 7, 1),
            promised_on=promised_on,
            **kwargs,
        )

    so1 = order(
        castings,
        "SO-1",
        dt.date(2026, 8, 30),
        status="delivered",
        delivered_on=dt.date(2026, 8, 28),
    )
    so2 = order(
        valves, "SO-2", dt.date(2026, 8, 15), status="delivered", delivered_on=dt.date(2026, 8, 20)
    )
    so3 = order(castings, "SO-3", dt.date(2026, 9, 20), status="shipped")
    order(valves, "SO-4", dt.date(2026, 8, 10), status="cancelled")  # not counted
    order(
        castings,
        "SO-5",
        dt.date(2026, 10, 5),
        status="delivered",
        delivered_on=dt.date(2026, 10, 1),
    )  # promised in Q4
    so9 = order(
        chengdu, "SO-9", dt.date(2026, 8, 1), status="delivered", delivered_on=dt.date(2026, 8, 1)
    )

    def move(ticket, *steps):
        for to_status, by, moment in steps:
            ticket = services.ticket_transition(
                ticket=ticket, to_status=to_status, by=by, now=moment
            )
        return ticket

    # 6 h, in time; logistics answers by resolving it.
    t1 = f.TicketFactory(
        account=castings, order=so1, category="delivery", subject="Pallets arrived wet",
        now=at(8, 3, 9),
    )  # fmt: skip
    t1 = move(t1, ("resolved", lars, at(8, 3, 15)))
    # 54 h open, 24 h of them waiting on the customer: 30 h, in time (due 13 Aug 10:00).
    t2 = f.TicketFactory(
        account=valves, order=so2, category="quality", subject="Burrs on the valve seats",
        now=at(8, 10, 10),
    )  # fmt: skip
    t2 = services.ticket_assign(ticket=t2, by=tess, assignee=tess, now=at(8, 10, 11))
    t2 = move(
        t2,
        ("waiting_on_customer", tess, at(8, 10, 12)),
        ("in_progress", alice, at(8, 11, 12)),
        ("resolved", tess, at(8, 12, 16)),
    )
    # 72 h: 24 h late.
    t3 = f.TicketFactory(
        account=valves, order=so2, category="technical", subject="Torque spec question",
        now=at(8, 14, 9),
    )  # fmt: skip
    t3 = move(t3, ("resolved", tess, at(8, 17, 9)))
    # Still open (long breached), about the order not delivered yet.
    t4 = f.TicketFactory(
        account=castings, order=so3, category="delivery", subject="Where is the shipment?",
        now=at(9, 22, 9),
    )  # fmt: skip
    # About no order: in the list, not in the fulfilment report.
    t5 = f.TicketFactory(
        account=castings, category="technical", subject="Drawing revision", now=at(9, 25, 9)
    )
    # Charlie's, routed to tech support too: 2 h.
    t9 = f.TicketFactory(
        account=chengdu, order=so9, category="technical", subject="Chengdu manual",
        now=at(8, 1, 8),
    )  # fmt: skip
    t9 = move(t9, ("resolved", tess, at(8, 1, 10)))
    return {
        "tess": tess,
        "lars": lars,
        "castings": castings,
        "valves": valves,
        "chengdu": chengdu,
        "tickets": [t1, t2, t3, t4, t5, t9],
    }


def ids(service, *numbers):
    tickets = service["tickets"]
    return [tickets[number - 1 if number < 9 else 5].pk for number in numbers]


# -- the ticket list ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("alice", (1, 2, 3, 4, 5)),
        ("bob", (1, 2, 3, 4, 5)),  # his team's: Alice's
        ("charlie", (9,)),
        ("executive", (9, 1, 2, 3, 4, 5)),
        ("dept_user", (9, 2, 3, 5)),  # tech support's queue, whoever's account
    ],
)
def test_ticket_list_holds_what_the_persona_sees(client, service, persona, expected, request):
    client.force_login(request.getfixturevalue(persona))

    response = export(client, "tickets.ticket_list", "xlsx", filtered=1, sort="opened")

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    header, data = rows(workbook(response)["Tickets"])
    assert header == TICKET_HEADER
    assert [row[0] for row in data] == ids(service, *expected)


def test_ticket_list_starts_as_the_page_does_with_the_unresolved_soonest_due(
    client, alice, service
):
    client.force_login(alice)

    book = workbook(export(client, "tickets.ticket_list", "xlsx"))

    header, data = rows(book["Tickets"])
    assert [row[0] for row in data] == ids(service, 4, 5)
    assert info(book)["Status"] == "Open, In progress, Waiting on customer"


def test_ticket_list_cells(client, bob, service):
    client.force_login(bob)

    book = workbook(
        export(client, "tickets.ticket_list", "xlsx", status="resolved", q="valve", sort="opened")
    )

    t2, t3 = ids(service, 2, 3)
    assert records(book["Tickets"]) == [
        {
            "Ticket": t2,
            "Account": "Ningbo Valve Works",
            "Tier": "Key",
            "Order": "SO-2",
            "Category": "Quality",
            "Priority": "Normal",
            "Subject": "Burrs on the valve seats",
            "Department": "Technical support",
            "Assignee": "Tess Turner",
            "Status": "Resolved",
            "SLA": "Resolved in time",
            "Opened": local(8, 10, 10),
            "First response": local(8, 10, 12),  # Tess's first step (taking it is none)
            "Due": local(8, 13, 10),  # 48 h, moved by the 24 h wait
            "Resolved": local(8, 12, 16),
            "Paused hours": 24,
            "Resolution hours": 30,
        },
        {
            "Ticket": t3,
            "Account": "Ningbo Valve Works",
            "Tier": "Key",
            "Order": "SO-2",
            "Category": "Technical",
            "Priority": "Normal",
            "Subject": "Torque spec question",
            "Department": "Technical support",
            "Assignee": None,
            "Status": "Resolved",
            "SLA": "Resolved late",
            "Opened": local(8, 14, 9),
            "First response": local(8, 17, 9),
            "Due": local(8, 16, 9),
            "Resolved": local(8, 17, 9),
            "Paused hours": 0,
            "Resolution hours": 72,
        },
    ]
    sheet = book["Tickets"]
    assert (sheet["L2"].number_format, sheet["P2"].number_format) == ("yyyy-mm-dd hh:mm", "0.00")
    meta = info(book)
    assert (meta["Title"], meta["Rows exported"]) == ("Tickets", 2)
    assert (meta["Status"], meta["Search"]) == ("Resolved", "valve")


def test_ticket_list_of_a_department_says_of_the_account_its_name_and_tier_only(
    client, dept_user, service
):
    client.force_login(dept_user)

    book = workbook(export(client, "tickets.ticket_list", "xlsx", filtered=1, sort="opened"))

    data = records(book["Tickets"])
    assert [(row["Account"], row["Tier"]) for row in data] == [
        ("Chengdu Heavy Industries", "Growth"),
        ("Ningbo Valve Works", "Key"),
        ("Ningbo Valve Works", "Key"),
        (CHINESE_NAME, "Strategic"),
    ]
    assert {row["Department"] for row in data} == {"Technical support"}
    # The data is there to leak: codes, owners, regions, the other department's tickets.
    cells = {str(value) for value in every_cell(book) if value is not None}
    for secret in ("HZ-001", "NB-001", "CD-001", "Alice Zhang", "Charlie Li", "East China"):
        assert not any(secret in cell for cell in cells), secret
    assert "Pallets arrived wet" not in cells  # logistics' ticket


def test_ticket_list_bad_filters_are_a_400(client, alice, service):
    client.force_login(alice)

    export(client, "tickets.ticket_list", "xlsx", 400, opened_after="not a date")
    export(client, "tickets.ticket_list", "xlsx", 400, status="lost")
    export(client, "tickets.ticket_list", "xlsx", 400, account=service["chengdu"].pk)
    export(client, "tickets.ticket_list", "pdf", 404)


def test_exports_need_a_login(client, service):
    for name, fmt in (
        ("tickets.ticket_list", "xlsx"),
        ("tickets.fulfilment", "pdf"),
        ("tickets.service_feedback", "xlsx"),
    ):
        response = export(client, name, fmt, 302, **Q3)
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("count", [1, 20])
def test_ticket_list_query_count(client, alice, count, django_assert_num_queries):
    account = f.AccountFactory(owner=alice)
    order = f.OrderFactory(account=account)
    for _ in range(count):
        f.TicketFactory(account=account, order=order)
    client.force_login(alice)
    # session, user, COUNT, the rows with their accounts, orders, departments and
    # assignees (+ the request's savepoint pair)
    with django_assert_num_queries(6):
        response = export(client, "tickets.ticket_list", "xlsx")
    assert len(rows(workbook(response)["Tickets"])[1]) == count


# -- the order fulfilment report ----------------------------------------------------------------


def fulfilment(client, fmt="xlsx", expected=200, **params):
    return export(client, "tickets.fulfilment", fmt, expected, **{**Q3, **params})


ALICE_SUMMARY = {
    "Orders": 3,
    "On time": 1,
    "Delivered late": 1,
    "Not delivered": 1,
    "OTIF %": 0.333,
    "Tickets raised": 4,
    "Tickets resolved": 3,
    "Mean resolution hours": 36,  # (6 + 30 + 72) / 3
    "Resolved within SLA %": 0.667,
}


@pytest.mark.parametrize(
    ("persona", "orders"),
    [
        ("alice", ["SO-2", "SO-1", "SO-3"]),
        ("bob", ["SO-2", "SO-1", "SO-3"]),
        ("charlie", ["SO-9"]),
        ("executive", ["SO-9", "SO-2", "SO-1", "SO-3"]),
    ],
)
def test_fulfilment_holds_the_orders_the_persona_reads(client, service, persona, orders, request):
    client.force_login(request.getfixturevalue(persona))

    book = workbook(fulfilment(client))

    assert [row["Order"] for row in records(book["Orders"])] == orders


def test_fulfilment_xlsx_cells(client, alice, service):
    client.force_login(alice)

    book = workbook(fulfilment(client))

    assert records(book["Summary"]) == [ALICE_SUMMARY]
    assert records(book["Orders"]) == [
        {
            "Order": "SO-2",
            "Account": "Ningbo Valve Works",
            "Owner": "Alice Zhang",
            "Ordered on": dt.datetime(2026, 7, 1),
            "Promised on": dt.datetime(2026, 8, 15),
            "Delivered on": dt.datetime(2026, 8, 20),
            "Status": "Delivered",
            "On time": False,
            "Tickets": 2,
        },
        {
            "Order": "SO-1",
            "Account": CHINESE_NAME,
            "Owner": "Alice Zhang",
            "Ordered on": dt.datetime(2026, 7, 1),
            "Promised on": dt.datetime(2026, 8, 30),
            "Delivered on": dt.datetime(2026, 8, 28),
            "Status": "Delivered",
            "On time": True,
            "Tickets": 1,
        },
        {
            "Order": "SO-3",
            "Account": CHINESE_NAME,
            "Owner": "Alice Zhang",
            "Ordered on": dt.datetime(2026, 7, 1),
            "Promised on": dt.datetime(2026, 9, 20),
            "Delivered on": None,
            "Status": "Shipped",
            "On time": False,
            "Tickets": 1,
        },
    ]
    t1, t2, t3, t4 = ids(service, 1, 2, 3, 4)
    header, data = rows(book["Tickets"])
    assert header == (
        "Order",
        "Ticket",
        "Category",
        "Subject",
        "Department",
        "Status",
        "Opened",
        "Resolved",
        "Resolution hours",
        "SLA",
    )
    assert [(row[0], row[1], row[4], row[7], row[8], row[9]) for row in data] == [
        ("SO-2", t2, "Technical support", local(8, 12, 16), 30, "Resolved in time"),
        ("SO-2", t3, "Technical support", local(8, 17, 9), 72, "Resolved late"),
        ("SO-1", t1, "Logistics", local(8, 3, 15), 6, "Resolved in time"),
        ("SO-3", t4, "Logistics", None, None, "Breached"),
    ]
    summary = book["Summary"]
    assert (summary["E2"].number_format, summary["H2"].number_format) == ("0.0%", "0.00")
    meta = info(book)
    assert (meta["Title"], meta["Period"]) == ("Order fulfilment report", "2026 Q3")
    assert meta["Rows exported"] == 1 + 3 + 4
    assert response_filename(fulfilment(client)) == "fulfilment-2026-Q3.xlsx"


def test_fulfilment_of_one_account(client, alice, service):
    client.force_login(alice)

    book = workbook(fulfilment(client, account=service["castings"].pk))

    assert records(book["Summary"]) == [
        {
            "Orders": 2,
            "On time": 1,
            "Delivered late": 0,
            "Not delivered": 1,
            "OTIF %": 0.5,
            "Tickets raised": 2,
            "Tickets resolved": 1,
            "Mean resolution hours": 6,
            "Resolved within SLA %": 1,
        }
    ]
    assert [row["Order"] for row in records(book["Orders"])] == ["SO-1", "SO-3"]
    meta = info(book)
    assert meta["Title"] == f"Order fulfilment report: {CHINESE_NAME}"
    assert meta["Account"] == CHINESE_NAME


def test_fulfilment_of_a_rep_for_her_manager(client, bob, alice, team_a, service):
    client.force_login(bob)

    by_rep = workbook(fulfilment(client, owner=alice.pk))
    by_team = workbook(fulfilment(client, team=team_a.pk))

    assert records(by_rep["Summary"]) == records(by_team["Summary"]) == [ALICE_SUMMARY]
    assert info(by_rep)["Title"] == "Order fulfilment report: Alice Zhang"
    assert info(by_team)["Title"] == "Order fulfilment report: East"


def test_fulfilment_pdf_text_with_chinese(client, alice, service):
    client.force_login(alice)

    response = fulfilment(client, "pdf")

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(body(response))
    assert "Order fulfilment report" in text and "2026 Q3" in text
    assert CHINESE_NAME in text and "Ningbo Valve Works" in text
    for figure in ("33.3%", "66.7%", "36.0", "30.0", "72.0"):
        assert figure in text, figure
    for subject in ("Pallets arrived wet", "Burrs on the valve seats", "Where is the shipment?"):
        assert subject in text, subject
    assert "SO-9" not in text and "Chengdu" not in text
    assert "SO-4" not in text and "SO-5" not in text  # cancelled; promised in Q4


def test_fulfilment_outside_what_one_sees_is_404(client, bob, charlie, team_b, service):
    client.force_login(charlie)
    for fmt in ("pdf", "xlsx"):
        fulfilment(client, fmt, 404, account=service["castings"].pk)
    fulfilment(client, "xlsx", 404, account="abc")
    fulfilment(client, "xlsx", 404, account=2**70)
    # Without an account, Charlie's own figures: Alice's orders are not there to see.
    cells = every_cell(workbook(fulfilment(client)))
    assert "SO-1" not in cells and CHINESE_NAME not in cells
    client.force_login(bob)
    fulfilment(client, "xlsx", 404, team=team_b.pk)
    fulfilment(client, "pdf", 404, owner=charlie.pk)


def test_fulfilment_bad_period_is_a_400(client, alice, service):
    client.force_login(alice)

    fulfilment(client, "xlsx", 400, year=1800)
    fulfilment(client, "pdf", 400, year="soon")
    fulfilment(client, "xlsx", 400, quarter=5)


@pytest.mark.parametrize("name", ["tickets.fulfilment", "tickets.service_feedback"])
@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_reports_are_refused_to_department_members(client, dept_user, service, name, fmt):
    client.force_login(dept_user)

    export(client, name, fmt, 403, **Q3)


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
@pytest.mark.parametrize("orders", [1, 10])
def test_fulfilment_query_count(client, alice, fmt, orders, django_assert_num_queries):
    account = f.AccountFactory(owner=alice)
    for _ in range(orders):
        order = f.OrderFactory(account=account, promised_on=dt.date(2026, 8, 1))
        f.TicketFactory(account=account, order=order, now=at(7, 20, 9))
    client.force_login(alice)
    # session, user, the report's five (totals, orders with accounts and owners, their
    # tickets with departments, the tickets' count and figures) (+ the savepoint pair)
    with django_assert_num_queries(9):
        fulfilment(client, fmt)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_large_fulfilment_report_is_a_job_with_the_same_scope(
    client, bob, alice, service, celery_worker, settings, media_root
):
    settings.KAM_EXPORT_SYNC_ROWS = 3
    client.force_login(bob)

    response = fulfilment(client, "xlsx", 302, owner=alice.pk)

    job = ExportJob.objects.get()
    assert response["Location"] == reverse("export-job", args=[job.pk])
    wait_until(lambda: ExportJob.objects.get().status == ExportStatus.DONE)
    job.refresh_from_db()
    assert (job.rows_total, job.rows_done) == (8, 8)  # the summary, 3 orders, 4 tickets
    assert job.filename == f"fulfilment-2026-Q3-{alice.username}.xlsx"
    book = workbook(client.get(reverse("export-download", args=[job.pk])))
    assert records(book["Summary"]) == [ALICE_SUMMARY]
    assert info(book)["Title"] == "Order fulfilment report: Alice Zhang"


# -- the service feedback record ----------------------------------------------------------------


@pytest.fixture
def feedback(alice, charlie, service):
    """The customers' word on the resolved tickets (recorded today, this quarter)."""
    t1, t2, t3, _t4, _t5, t9 = service["tickets"]
    buyer = f.ContactFactory(account=service["castings"], name="王磊")
    services.ticket_record_feedback(
        ticket=t1, by=alice, score=5, comment=CHINESE_COMMENT, contact=buyer
    )
    services.ticket_record_feedback(ticket=t2, by=alice, score=2, comment="Slow to answer.")
    services.ticket_record_feedback(ticket=t3, by=alice, score=4)
    services.ticket_record_feedback(ticket=t9, by=charlie, score=1, comment="Chengdu unhappy")
    quarter = Quarter.current()
    return {"year": quarter.year, "quarter": quarter.quarter}


def service_feedback(client, period, fmt="xlsx", expected=200, **params):
    return export(client, "tickets.service_feedback", fmt, expected, **{**period, **params})


def test_service_feedback_xlsx_cells(client, alice, service, feedback):
    client.force_login(alice)

    book = workbook(service_feedback(client, feedback))

    assert records(book["Summary"]) == [
        {
            "Responses": 3,
            "Average score": 3.67,
            "CSAT %": 0.667,
            "Score 5": 1,
            "Score 4": 1,
            "Score 3": 0,
            "Score 2": 1,
            "Score 1": 0,
        }
    ]
    today = dt.datetime.combine(company_today(), dt.time())  # when the feedback was recorded
    t1, t2, t3 = ids(service, 1, 2, 3)
    header, data = rows(book["Responses"])
    assert header == (
        "Received on",
        "Account",
        "Contact",
        "Score",
        "Comment",
        "Ticket",
        "Subject",
        "Department",
    )
    assert [row[1:] for row in data] == [
        ("Ningbo Valve Works", None, 4, None, t3, "Torque spec question", "Technical support"),
        ("Ningbo Valve Works", None, 2, "Slow to answer.", t2, "Burrs on the valve seats",
         "Technical support"),
        (CHINESE_NAME, "王磊", 5, CHINESE_COMMENT, t1, "Pallets arrived wet", "Logistics"),
    ]  # fmt: skip
    assert {row[0] for row in data} == {today}
    meta = info(book)
    assert meta["Title"] == "Service feedback record"
    assert meta["Rows exported"] == 1 + 3


@pytest.mark.parametrize(
    ("persona", "scores"),
    [("alice", [4, 2, 5]), ("bob", [4, 2, 5]), ("charlie", [1]), ("executive", [1, 4, 2, 5])],
)
def test_service_feedback_holds_what_the_persona_reads(
    client, service, feedback, persona, scores, request
):
    client.force_login(request.getfixturevalue(persona))

    book = workbook(service_feedback(client, feedback))

    assert [row["Score"] for row in records(book["Responses"])] == scores


def test_service_feedback_of_another_quarter_is_empty(client, alice, service, feedback):
    client.force_login(alice)

    before = Quarter.current().previous()

    book = workbook(service_feedback(client, {"year": before.year, "quarter": before.quarter}))

    assert records(book["Summary"])[0]["Responses"] == 0
    assert records(book["Summary"])[0]["CSAT %"] is None
    assert records(book["Responses"]) == []


def test_service_feedback_pdf_text_with_chinese(client, alice, service, feedback):
    client.force_login(alice)

    response = service_feedback(client, feedback, "pdf", account=service["castings"].pk)

    text = pdf_text(body(response))
    assert f"Service feedback record: {CHINESE_NAME}" in text
    assert CHINESE_COMMENT in text and "王磊" in text
    assert "5.00" in text and "100.0%" in text
    assert "Pallets arrived wet" in text
    assert "Burrs on the valve seats" not in text  # Ningbo's
    assert "Chengdu" not in text


def test_service_feedback_pdf_of_everything_alice_reads(client, alice, service, feedback):
    client.force_login(alice)

    text = pdf_text(body(service_feedback(client, feedback, "pdf")))

    assert "3.67" in text and "66.7%" in text
    assert CHINESE_NAME in text and "Slow to answer." in text
    assert "Chengdu unhappy" not in text


def test_service_feedback_outside_what_one_sees(client, charlie, service, feedback):
    client.force_login(charlie)

    service_feedback(client, feedback, "pdf", 404, account=service["castings"].pk)
    service_feedback(client, feedback, "xlsx", 404, account=service["valves"].pk)
    service_feedback(client, feedback, "xlsx", 400, year=2101)
    assert [row["Comment"] for row in records(workbook(service_feedback(client, feedback))[
        "Responses"
    ])] == ["Chengdu unhappy"]  # fmt: skip


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
@pytest.mark.parametrize("responses", [1, 10])
def test_service_feedback_query_count(client, alice, fmt, responses, django_assert_num_queries):
    account = f.AccountFactory(owner=alice)
    for _ in range(responses):
        ticket = f.TicketFactory(account=account)
        ticket = services.ticket_transition(ticket=ticket, to_status="resolved", by=alice)
        services.ticket_record_feedback(ticket=ticket, by=alice, score=4)
    client.force_login(alice)
    # session, user, the figures, the responses with their accounts, contacts, tickets
    # and departments (+ the savepoint pair)
    with django_assert_num_queries(6):
        service_feedback(client, {})
