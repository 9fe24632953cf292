"""Importing orders as an ERP exports them: through the engine and the API, with real files.

Files are written with openpyxl and csv in each test; the importer's personas are those of
``tests/conftest.py``. Statuses go through ``order_transition``, so a file cannot move an
order backwards.
"""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kam.imports import run_import
from kam.models import ImportBatch
from sales_plans.imports import ORDERS
from sales_plans.models import Order
from tests import factories as f
from tests.support import api_client_for, csv_upload, xlsx_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root", "english")]

CHINESE_NAME = "杭州精密铸造有限公司"
HEADER = [
    "number",
    "account",
    "owner",
    "ordered_on",
    "amount",
    "promised_on",
    "delivered_on",
    "status",
]
FIELDS = ["account__code", "account__name", "owner__username", *HEADER[3:]]


@pytest.fixture
def accounts(alice, charlie):
    return {
        "castings": f.AccountFactory(owner=alice, code="HZ-001", name=CHINESE_NAME),
        # No code in the CRM yet: the ERP names it.
        "valves": f.AccountFactory(owner=alice, code=None, name="Ningbo Valve Works"),
        "charlie": f.AccountFactory(owner=charlie, code="CD-001", name="Chengdu Heavy Industries"),
    }


def order_values(number):
    return Order.objects.filter(number=number).values(*FIELDS).get()


GOOD_ROWS = [
    ["SO-1001", "HZ-001", "alice", "2026-10-12", "125,000.50", "2026-11-30", "2026-11-28",
     "delivered"],
    ["SO-1002", "Ningbo Valve Works", "", "2026/10/20", "98000", "2027-01-15", "", ""],
]  # fmt: skip


def test_a_good_csv_file_creates_the_orders_with_exact_values(alice, accounts):
    outcome = run_import(ORDERS, csv_upload([HEADER, *GOOD_ROWS]), by=alice, dry_run=False)

    assert outcome.errors == []
    assert outcome.applied is True
    assert outcome.counts() == {"created": 2, "updated": 0, "unchanged": 0}
    assert order_values("SO-1001") == {
        "account__code": "HZ-001",
        "account__name": CHINESE_NAME,
        "owner__username": "alice",
        "ordered_on": dt.date(2026, 10, 12),
        "amount": Decimal("125000.50"),
        "promised_on": dt.date(2026, 11, 30),
        "delivered_on": dt.date(2026, 11, 28),
        "status": "delivered",
    }
    # By its exact name; an empty owner is the importer, an empty status a new order's.
    assert order_values("SO-1002") == {
        "account__code": None,
        "account__name": "Ningbo Valve Works",
        "owner__username": "alice",
        "ordered_on": dt.date(2026, 10, 20),
        "amount": Decimal("98000.00"),
        "promised_on": dt.date(2027, 1, 15),
        "delivered_on": None,
        "status": "open",
    }
    assert Order.objects.get(number="SO-1001").history.count() == 1


def test_a_good_xlsx_file_with_typed_cells_and_chinese_headers(bob, alice, accounts):
    rows = [
        ["订单号", "客户", "负责人", "下单日期", "金额", "承诺交期", "实际交货日期", "状态"],
        ["SO-2001", CHINESE_NAME, "alice", dt.date(2026, 9, 1), 250000, dt.date(2026, 10, 1),
         None, "shipped"],
        ["SO-2002", "HZ-001", None, dt.datetime(2026, 9, 2), 1200.5, dt.date(2026, 9, 30),
         dt.date(2026, 9, 29), "Delivered"],
    ]  # fmt: skip

    outcome = run_import(ORDERS, xlsx_upload(rows, name="erp.xlsx"), by=bob, dry_run=False)

    assert outcome.errors == []
    assert outcome.counts() == {"created": 2, "updated": 0, "unchanged": 0}
    assert order_values("SO-2001") == {
        "account__code": "HZ-001",
        "account__name": CHINESE_NAME,
        "owner__username": "alice",
        "ordered_on": dt.date(2026, 9, 1),
        "amount": Decimal("250000.00"),
        "promised_on": dt.date(2026, 10, 1),
        "delivered_on": None,
        "status": "shipped",
    }
    # The manager imported it without an owner: his own order, on his rep's account.
    assert order_values("SO-2002") == {
        "account__code": "HZ-001",
        "account__name": CHINESE_NAME,
        "owner__username": "bob",
        "ordered_on": dt.date(2026, 9, 2),
        "amount": Decimal("1200.50"),
        "promised_on": dt.date(2026, 9, 30),
        "delivered_on": dt.date(2026, 9, 29),
        "status": "delivered",
    }


def test_the_preview_lists_the_changes_and_writes_nothing(alice, accounts):
    outcome = run_import(ORDERS, csv_upload([HEADER, GOOD_ROWS[1]]), by=alice, dry_run=True)

    assert outcome.errors == []
    assert outcome.applied is False
    assert outcome.changes == [
        {
            "row": 2,
            "action": "created",
            "key": "SO-1002",
            "fields": [
                {"column": "number", "old": "", "new": "SO-1002"},
                {"column": "account", "old": "", "new": "Ningbo Valve Works"},
                {"column": "ordered_on", "old": "", "new": "2026-10-20"},
                {"column": "amount", "old": "", "new": "98000"},
                {"column": "promised_on", "old": "", "new": "2027-01-15"},
            ],
        }
    ]
    assert Order.objects.count() == 0


# -- one bad row -------------------------------------------------------------------------------

GOOD = ["SO-1", "HZ-001", "alice", "2026-10-12", "1000", "2026-11-30", "", "open"]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("account", "NOPE-9", "No account with code or name “NOPE-9” that you may change."),
        # Charlie's account exists, but is not Alice's: the same words as for no account.
        ("account", "CD-001", "No account with code or name “CD-001” that you may change."),
        ("account", "Chengdu Heavy Industries",
         "No account with code or name “Chengdu Heavy Industries” that you may change."),
        ("ordered_on", "2026-02-30", "“2026-02-30” is not a date; write it as 2024-03-01."),
        ("promised_on", "next week", "“next week” is not a date; write it as 2024-03-01."),
        ("delivered_on", "2099-01-01", "This date cannot be in the future."),
        ("amount", "-5", "The number must be 0 or more."),
        ("amount", "12,34", "“12,34” is not a number; write it as 1234.50 or 1,234.50."),
        ("number", "SO-1", "The same number as row 2."),
        ("owner", "charlie", "“charlie” is not a user you may assign records to."),
        ("status", "lost", "“lost” is not one of: open (Open), in_production (In production), "
         "shipped (Shipped), partially_delivered (Partially delivered), delivered (Delivered), "
         "cancelled (Cancelled)."),
        ("status", "delivered", "A delivered order needs its delivery date."),
        ("promised_on", "2026-10-01", "Delivery cannot be promised before the order."),
    ],
)  # fmt: skip
def test_one_bad_row_imports_nothing_and_names_its_row_and_column(
    alice, accounts, column, value, message
):
    bad = [*GOOD]
    bad[0] = "SO-2"
    bad[HEADER.index(column)] = value
    rows = [HEADER, GOOD, bad, ["SO-3", *GOOD[1:]]]

    outcome = run_import(ORDERS, csv_upload(rows), by=alice, dry_run=False)

    expected_column = "delivered_on" if message.startswith("A delivered order") else column
    assert outcome.errors == [{"row": 3, "column": expected_column, "message": message}]
    assert outcome.applied is False
    assert Order.objects.count() == 0


def test_a_name_two_accounts_share_asks_for_the_code(alice, accounts):
    f.AccountFactory(owner=alice, code="NB-002", name="Ningbo Valve Works")
    rows = [HEADER, GOOD, ["SO-2", "Ningbo Valve Works", *GOOD[2:]]]

    outcome = run_import(ORDERS, csv_upload(rows), by=alice, dry_run=False)

    assert outcome.errors == [
        {
            "row": 3,
            "column": "account",
            "message": "2 of your accounts are named “Ningbo Valve Works”; write its code instead.",
        }
    ]
    assert Order.objects.count() == 0


def test_a_number_taken_by_an_order_the_importer_may_not_change_is_refused(
    alice, charlie, accounts
):
    theirs = f.OrderFactory(account=accounts["charlie"], number="SO-1", amount=Decimal("5"))

    outcome = run_import(ORDERS, csv_upload([HEADER, GOOD]), by=alice, dry_run=False)

    assert outcome.errors == [
        {"row": 2, "column": "number", "message": "An order with this number exists already."}
    ]
    theirs.refresh_from_db()
    assert (theirs.account, theirs.amount) == (accounts["charlie"], Decimal("5.00"))


# -- the same orders again, as the ERP moves them on --------------------------------------------


def test_a_re_import_updates_by_number_and_leaves_the_rest(alice, accounts):
    castings = accounts["castings"]
    moving = f.OrderFactory(
        account=castings,
        number="SO-1",
        ordered_on=dt.date(2026, 10, 12),
        amount=Decimal("1000.00"),
        promised_on=dt.date(2026, 11, 30),
    )
    Order.objects.filter(pk=moving.pk).update(overdue_notified_on=dt.date(2026, 12, 1))
    same = f.OrderFactory(
        account=castings,
        number="SO-2",
        ordered_on=dt.date(2026, 10, 12),
        amount=Decimal("1000.00"),
        promised_on=dt.date(2026, 11, 30),
    )
    rows = [
        HEADER,
        ["SO-1", "HZ-001", "", "2026-10-12", "1000", "2026-12-20", "", "shipped"],
        ["SO-2", "HZ-001", "alice", "2026-10-12", "1000.00", "2026-11-30", "", "open"],
        ["SO-3", "HZ-001", "", "2026-11-02", "700", "2026-12-31", "", "in_production"],
    ]

    first = run_import(ORDERS, csv_upload(rows), by=alice, dry_run=False)
    again = run_import(ORDERS, csv_upload(rows), by=alice, dry_run=False)

    assert first.errors == []
    assert first.counts() == {"created": 1, "updated": 1, "unchanged": 1}
    assert first.changes[0] == {
        "row": 2,
        "action": "updated",
        "key": "SO-1",
        "fields": [
            {"column": "promised_on", "old": "2026-11-30", "new": "2026-12-20"},
            {"column": "status", "old": "Open", "new": "Shipped"},
        ],
    }
    assert again.counts() == {"created": 0, "updated": 0, "unchanged": 3}
    moving.refresh_from_db()
    assert (moving.promised_on, moving.status) == (dt.date(2026, 12, 20), "shipped")
    # A new promise is new news if broken: the overdue report is re-armed.
    assert moving.overdue_notified_on is None
    # Created; then the new promise and the status move (``order_transition``) apart.
    assert moving.history.count() == 3
    assert same.history.count() == 1
    assert Order.objects.get(number="SO-3").status == "in_production"


def test_delivering_an_order_from_the_file(alice, accounts):
    order = f.OrderFactory(
        account=accounts["castings"],
        number="SO-1",
        ordered_on=dt.date(2026, 10, 12),
        promised_on=dt.date(2026, 11, 30),
        status="shipped",
    )
    rows = [
        ["number", "account", "ordered_on", "amount", "promised_on", "delivered_on", "status"],
        ["SO-1", "HZ-001", "2026-10-12", "10000", "2026-11-30", "2026-11-29", "delivered"],
    ]

    outcome = run_import(ORDERS, csv_upload(rows), by=alice, dry_run=False)

    assert outcome.errors == []
    order.refresh_from_db()
    assert (order.status, order.delivered_on) == ("delivered", dt.date(2026, 11, 29))


def test_an_illegal_status_move_is_an_error_of_the_status_column(alice, accounts):
    f.OrderFactory(
        account=accounts["castings"],
        number="SO-1",
        ordered_on=dt.date(2026, 10, 12),
        promised_on=dt.date(2026, 11, 30),
        delivered_on=dt.date(2026, 11, 28),
        status="delivered",
    )
    rows = [
        ["Number", "Account", "Ordered on", "Amount", "Promised on", "Status"],
        ["SO-9", "HZ-001", "2026-10-12", "500", "2026-11-30", "open"],
        ["SO-1", "HZ-001", "2026-10-12", "10000", "2026-11-30", "Open"],
    ]

    outcome = run_import(ORDERS, csv_upload(rows), by=alice, dry_run=False)

    assert outcome.errors == [
        {
            "row": 3,
            "column": "Status",
            "message": "An order that is Delivered cannot become Open.",
        }
    ]
    assert outcome.applied is False
    assert list(Order.objects.values_list("number", "status")) == [("SO-1", "delivered")]


# -- the pages ---------------------------------------------------------------------------------


def test_the_template_file_filled_in_imports_through_the_pages(client, alice, accounts):
    client.force_login(alice)
    template = client.get(reverse("imports:template", args=["orders", "xlsx"]))
    assert template.status_code == 200
    headers = next(load_workbook(io.BytesIO(template.content)).active.iter_rows(values_only=True))
    assert headers == (
        "number",
        "account",
        "owner",
        "ordered on",
        "amount",
        "promised on",
        "delivered on",
        "status",
    )

    upload = xlsx_upload([headers, GOOD_ROWS[0]], name="from-erp.xlsx")
    response = client.post(reverse("imports:upload", args=["orders"]), {"file": upload})
    batch = ImportBatch.objects.get()
    assert (response.status_code, batch.status) == (302, "previewed")
    assert Order.objects.count() == 0
    applied = client.post(reverse("imports:apply", args=[batch.pk]))

    assert applied.status_code == 302
    batch.refresh_from_db()
    assert (batch.status, batch.definition, batch.summary["created"]) == ("applied", "orders", 1)
    assert order_values("SO-1001")["amount"] == Decimal("125000.50")


# -- the API -----------------------------------------------------------------------------------


def api_import(user, upload, **query):
    url = reverse("api-import", args=["orders"])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return api_client_for(user).post(url, {"file": upload}, format="multipart")


def test_api_dry_run_then_import_then_nothing_changes(alice, accounts):
    def upload(name="orders.csv"):
        return csv_upload([HEADER, GOOD_ROWS[1]], name=name)

    preview = api_import(alice, upload(), dry_run="true")
    assert preview.status_code == 200
    assert preview.json() == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "changes": [
            {
                "row": 2,
                "action": "created",
                "key": "SO-1002",
                "fields": [
                    {"column": "number", "old": "", "new": "SO-1002"},
                    {"column": "account", "old": "", "new": "Ningbo Valve Works"},
                    {"column": "ordered_on", "old": "", "new": "2026-10-20"},
                    {"column": "amount", "old": "", "new": "98000"},
                    {"column": "promised_on", "old": "", "new": "2027-01-15"},
                ],
            }
        ],
        "warnings": [],
    }
    assert Order.objects.count() == 0

    first = api_import(alice, upload())
    second = api_import(alice, upload("again.csv"))

    assert (first.status_code, first.json()) == (200, {"created": 1, "updated": 0, "unchanged": 0})
    assert (second.status_code, second.json()) == (
        200,
        {"created": 0, "updated": 0, "unchanged": 1},
    )
    assert order_values("SO-1002")["owner__username"] == "alice"
    assert list(ImportBatch.objects.order_by("pk").values_list("definition", "status")) == [
        ("orders", "previewed"),
        ("orders", "applied"),
        ("orders", "applied"),
    ]


def test_api_refuses_a_bad_file_with_every_error(alice, accounts):
    rows = [HEADER, GOOD, ["SO-2", "CD-001", *GOOD[2:]], ["SO-3", *GOOD[1:4], "-1", *GOOD[5:]]]

    response = api_import(alice, csv_upload(rows))

    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "row": 3,
                "column": "account",
                "message": "No account with code or name “CD-001” that you may change.",
            },
            {"row": 4, "column": "amount", "message": "The number must be 0 or more."},
        ]
    }
    assert Order.objects.count() == 0
    assert ImportBatch.objects.get().status == "refused"


def test_api_roles_and_anonymous(dept_user, executive, accounts):
    for persona in (dept_user, executive):
        response = api_import(persona, csv_upload([HEADER, GOOD]))
        assert response.status_code == 403
        assert response.json() == {"detail": "Your role may not create this kind of record."}
    assert api_import(None, csv_upload([HEADER, GOOD])).status_code == 401
    assert ImportBatch.objects.count() == 0
    assert Order.objects.count() == 0
