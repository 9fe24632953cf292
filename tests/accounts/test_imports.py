"""Importing accounts and contacts: through the engine, the pages and the API, with real files.

Files are written with openpyxl and csv in each test, as a previous CRM or a spreadsheet
would write them; the importer's personas are those of ``tests/conftest.py``.
"""

import datetime as dt
import re
import time
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.imports import ACCOUNTS, CONTACTS
from accounts.models import Account, Contact
from kam.imports import run_import
from kam.models import ImportBatch
from tests import factories as f
from tests.support import (
    ARTIFACTS,
    PHONE,
    STICKING_OUT,
    api_client_for,
    assert_no_csp_violations,
    csv_upload,
    log_in,
    new_context,
    wait_until,
    xlsx_bytes,
    xlsx_upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root", "english")]

HEADER = [
    "code",
    "name",
    "industry",
    "tier",
    "status",
    "customer_since",
    "region",
    "annual_potential",
    "owner",
]
CASTINGS = [
    "C-1001",
    "杭州精密铸造有限公司",
    "Manufacturing",
    "strategic",
    "active",
    dt.date(2024, 3, 1),
    "East China",
    1250000.5,
    "alice",
]
LOGISTICS = ["C-1002", "Ningbo Port Logistics", "Logistics", "Key", "prospect", None, "", None, ""]


def accounts_file(*rows, name="accounts.xlsx"):
    return xlsx_upload([HEADER, *rows], name=name)


def account_values(code):
    return Account.objects.filter(code=code).values(*HEADER[1:-1], "owner__username").get()


def upload_and_apply(client, upload):
    response = client.post(reverse("imports:upload", args=["accounts"]), {"file": upload})
    assert response.status_code == 302, response.content[:1000]
    batch = ImportBatch.objects.latest("pk")
    assert response["Location"] == reverse("imports:batch", args=[batch.pk])
    return batch, client.post(reverse("imports:apply", args=[batch.pk]))


# -- a good file -------------------------------------------------------------------------------


def test_a_good_file_creates_the_accounts_with_exact_values(bob, alice):
    outcome = run_import(ACCOUNTS, accounts_file(CASTINGS, LOGISTICS), by=bob, dry_run=False)

    assert outcome.errors == []
    assert outcome.counts() == {"created": 2, "updated": 0, "unchanged": 0}
    assert outcome.applied is True
    assert account_values("C-1001") == {
        "name": "杭州精密铸造有限公司",
        "industry": "Manufacturing",
        "tier": "strategic",
        "status": "active",
        "customer_since": dt.date(2024, 3, 1),
        "region": "East China",
        "annual_potential": Decimal("1250000.50"),
        "owner__username": "alice",
    }
    # Empty cells take the defaults; an empty owner is the importer.
    assert account_values("C-1002") == {
        "name": "Ningbo Port Logistics",
        "industry": "Logistics",
        "tier": "key",
        "status": "prospect",
        "customer_since": None,
        "region": "",
        "annual_potential": Decimal("0.00"),
        "owner__username": "bob",
    }
    assert Account.objects.get(code="C-1001").history.count() == 1


def test_the_preview_lists_the_changes_and_writes_nothing(bob, alice):
    existing = f.AccountFactory(code="C-1001", owner=alice, name="Hangzhou Castings", tier="key")

    outcome = run_import(ACCOUNTS, accounts_file(CASTINGS, LOGISTICS), by=bob, dry_run=True)

    assert outcome.errors == []
    assert outcome.applied is False
    assert outcome.counts() == {"created": 1, "updated": 1, "unchanged": 0}
    assert outcome.changes == [
        {
            "row": 2,
            "action": "updated",
            "key": "C-1001",
            "fields": [
                {"column": "name", "old": "Hangzhou Castings", "new": "杭州精密铸造有限公司"},
                {"column": "tier", "old": "Key", "new": "Strategic"},
                {"column": "customer_since", "old": "2023-01-01", "new": "2024-03-01"},
                {"column": "annual_potential", "old": "1000000.00", "new": "1250000.5"},
            ],
        },
        {
            "row": 3,
            "action": "created",
            "key": "C-1002",
            "fields": [
                {"column": "code", "old": "", "new": "C-1002"},
                {"column": "name", "old": "", "new": "Ningbo Port Logistics"},
                {"column": "industry", "old": "", "new": "Logistics"},
                {"column": "tier", "old": "", "new": "Key"},
                {"column": "status", "old": "", "new": "Prospect"},
            ],
        },
    ]
    existing.refresh_from_db()
    assert (existing.name, existing.tier) == ("Hangzhou Castings", "key")
    assert not Account.objects.filter(code="C-1002").exists()


def test_chinese_headers_and_values_in_a_gb18030_csv(bob, alice):
    rows = [
        ["客户代码", "客户名称", "级别", "状态", "成为客户日期", "年度潜力", "负责人", " 地区 "],
        ["C-2001", "苏州纺织机械", "战略", "活跃", "2024/3/1", "1,000,000", "alice", "华东"],
        ["C-2002", "无锡电子", "成长", "潜在客户", "2024年5月6日", "0", "", ""],
    ]
    upload = csv_upload(rows, name="客户.csv", encoding="gb18030")

    outcome = run_import(ACCOUNTS, upload, by=bob, dry_run=False)

    assert outcome.errors == []
    assert outcome.created == 2
    assert account_values("C-2001") == {
        "name": "苏州纺织机械",
        "industry": "",
        "tier": "strategic",
        "status": "active",
        "customer_since": dt.date(2024, 3, 1),
        "region": "华东",
        "annual_potential": Decimal("1000000.00"),
        "owner__username": "alice",
    }
    assert account_values("C-2002")["customer_since"] == dt.date(2024, 5, 6)


# -- one bad row -------------------------------------------------------------------------------


def test_one_bad_row_imports_nothing_and_names_its_row_and_column(bob, alice):
    rows = [
        ["Code", "Name", "Status", "Customer since", "Owner"],
        ["C-1", "First Ltd", "prospect", "", "alice"],
        ["C-2", "Second Ltd", "active", "2024-02-30", "alice"],
        ["C-3", "Third Ltd", "prospect", "", "bob"],
    ]

    outcome = run_import(ACCOUNTS, csv_upload(rows), by=bob, dry_run=False)

    assert outcome.errors == [
        {
            "row": 3,
            "column": "Customer since",
            "message": "“2024-02-30” is not a date; write it as 2024-03-01.",
        }
    ]
    assert outcome.applied is False
    assert Account.objects.count() == 0


NOT_A_DATE = "“1.3” is not a date; write it as 2024-03-01."
NOT_A_NUMBER = "“12,34” is not a number; write it as 1234.50 or 1,234.50."
NO_CUSTOMER_SINCE = "An active account needs the date it became a customer."


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ({"owner": "nobody"}, "owner", "“nobody” is not a user you may assign records to."),
        ({"customer_since": "1.3"}, "customer_since", NOT_A_DATE),
        ({"customer_since": "2099-01-01"}, "customer_since", "This date cannot be in the future."),
        ({"annual_potential": "-5"}, "annual_potential", "The number must be 0 or more."),
        ({"annual_potential": "12,34"}, "annual_potential", NOT_A_NUMBER),
        ({"annual_potential": "1.234"}, "annual_potential", "Ensure that there are no more "
         "than 2 decimal places."),
        ({"tier": "gold"}, "tier", "“gold” is not one of: strategic (Strategic), key (Key), "
         "growth (Growth)."),
        ({"name": "x" * 201}, "name", "At most 200 characters (this cell has 201)."),
        ({"name": ""}, "name", "This column needs a value in every row."),
        ({"status": "active", "customer_since": ""}, "customer_since", NO_CUSTOMER_SINCE),
        ({"code": "C-1"}, "code", "The same code as row 2."),
    ],
)  # fmt: skip
def test_each_kind_of_bad_cell_is_named(bob, alice, cells, column, message):
    good = {"code": "C-1", "name": "First Ltd", "status": "prospect", "owner": "alice"}
    bad = {**good, "code": "C-2", "name": "Second Ltd", **cells}
    header = [*good, *(name for name in cells if name not in good)]
    rows = [header, [good.get(name, "") for name in header], [bad.get(name, "") for name in header]]

    outcome = run_import(ACCOUNTS, csv_upload(rows), by=bob, dry_run=False)

    assert outcome.errors == [{"row": 3, "column": column, "message": message}]
    assert Account.objects.count() == 0


def test_every_error_of_every_row_is_reported_in_row_order(bob, alice):
    rows = [
        ["code", "name", "tier", "owner"],
        ["C-1", "First Ltd", "gold", "nobody"],
        ["", "", "key", "alice"],
        ["C-3", "Third Ltd", "key", "alice"],
    ]

    outcome = run_import(ACCOUNTS, csv_upload(rows), by=bob, dry_run=True)

    assert [(error["row"], error["column"]) for error in outcome.errors] == [
        (2, "tier"),
        (2, "owner"),
        (3, "code"),
        (3, "name"),
    ]
    assert outcome.created == 1  # row 4 alone would be fine, but nothing is imported


def test_a_code_taken_by_an_account_the_importer_may_not_change_is_refused(charlie, alice):
    theirs = f.AccountFactory(code="C-1001", owner=alice, name="Alice's customer")
    rows = [["code", "name"], ["C-1001", "Mine now"]]

    outcome = run_import(ACCOUNTS, csv_upload(rows), by=charlie, dry_run=False)

    assert outcome.errors == [
        {"row": 2, "column": "code", "message": "Account with this Code already exists."}
    ]
    theirs.refresh_from_db()
    assert (theirs.name, theirs.owner) == ("Alice's customer", alice)


# -- the same file twice -----------------------------------------------------------------------


def test_importing_the_same_file_twice_changes_nothing_the_second_time(bob, alice):
    f.AccountFactory(code="C-1001", owner=alice, name="Hangzhou Castings")
    first = run_import(ACCOUNTS, accounts_file(CASTINGS, LOGISTICS), by=bob, dry_run=False)
    assert first.counts() == {"created": 1, "updated": 1, "unchanged": 0}
    before = {
        account.code: (account.updated_at, account.history.count())
        for account in Account.objects.all()
    }

    second = run_import(ACCOUNTS, accounts_file(CASTINGS, LOGISTICS), by=bob, dry_run=False)

    assert second.errors == []
    assert second.counts() == {"created": 0, "updated": 0, "unchanged": 2}
    assert second.changes == []
    after = {
        account.code: (account.updated_at, account.history.count())
        for account in Account.objects.all()
    }
    assert after == before
    assert before["C-1001"][1] == 2  # created by the factory, updated by the first import


def test_empty_cells_leave_the_fields_of_an_existing_account_as_they_are(bob, alice):
    account = f.AccountFactory(code="C-1001", owner=alice, industry="Textiles", region="North")
    rows = [["code", "name", "industry", "region", "owner"], ["C-1001", account.name, "", "", ""]]

    outcome = run_import(ACCOUNTS, csv_upload(rows), by=bob, dry_run=False)

    assert outcome.counts() == {"created": 0, "updated": 0, "unchanged": 1}
    account.refresh_from_db()
    assert (account.industry, account.region, account.owner) == ("Textiles", "North", alice)


# -- owners ------------------------------------------------------------------------------------


def test_an_owner_the_importer_may_not_assign_refuses_the_file(alice, bob, charlie):
    rows = [["code", "name", "owner"], ["C-1", "Mine", "alice"], ["C-2", "Theirs", "charlie"]]

    by_alice = run_import(ACCOUNTS, csv_upload(rows), by=alice, dry_run=False)
    by_bob = run_import(ACCOUNTS, csv_upload(rows), by=bob, dry_run=False)

    # Alice is a rep: only herself. Bob manages Alice, not Charlie.
    message = "“charlie” is not a user you may assign records to."
    refusal = [{"row": 3, "column": "owner", "message": message}]
    assert by_alice.errors == refusal
    assert by_bob.errors == refusal
    assert Account.objects.count() == 0


def test_a_manager_reassigns_an_account_of_his_team(bob, alice):
    account = f.AccountFactory(code="C-1", owner=alice)
    rows = [["code", "name", "owner"], ["C-1", account.name, "bob"]]

    outcome = run_import(ACCOUNTS, csv_upload(rows), by=bob, dry_run=False)

    assert outcome.counts() == {"created": 0, "updated": 1, "unchanged": 0}
    assert outcome.changes[0]["fields"] == [
        {"column": "owner", "old": alice.display_name, "new": bob.display_name}
    ]
    account.refresh_from_db()
    assert account.owner == bob


# -- duplicate-name warnings -------------------------------------------------------------------


def test_the_preview_warns_about_names_of_existing_companies(alice, charlie):
    f.AccountFactory(owner=alice, name="Hangzhou Precision Castings Co., Ltd.")
    rows = [
        ["code", "name"],
        ["C-1", "HANGZHOU PRECISION CASTINGS"],
        ["C-2", "Brand New Ltd"],
        ["C-3", "Brand New"],
    ]

    for_alice = run_import(ACCOUNTS, csv_upload(rows), by=alice, dry_run=True)
    for_charlie = run_import(ACCOUNTS, csv_upload(rows), by=charlie, dry_run=True)

    assert for_alice.errors == []
    assert for_alice.warnings == [
        {
            "row": 2,
            "column": "name",
            "message": "An account with this name exists: Hangzhou Precision Castings Co., "
            f"Ltd. ({alice.display_name}).",
        },
        {"row": 4, "column": "name", "message": "Row 3 is the same company."},
    ]
    # Charlie is not told whose account it is.
    assert for_charlie.warnings[0] == {
        "row": 2,
        "column": "name",
        "message": "An account with this name exists in another team.",
    }


# -- contacts ----------------------------------------------------------------------------------


def test_contacts_are_keyed_by_their_account_code_and_their_name(alice, charlie):
    account = f.AccountFactory(code="C-1001", owner=alice)
    f.AccountFactory(code="C-9009", owner=charlie)
    wang = f.ContactFactory(account=account, name="Wang Lei", title="CTO", influence=3)
    rows = [
        ["客户代码", "姓名", "职务", "邮箱", "手机", "采购角色", "影响力", "态度"],
        ["C-1001", "Wang Lei", "CEO", "", "", "决策者", 5, ""],
        ["C-1001", "Li Na", "Buyer", "li.na@example.cn", 13800000000, "influencer", "3", "支持"],
    ]

    first = run_import(CONTACTS, xlsx_upload(rows), by=alice, dry_run=False)
    again = run_import(CONTACTS, xlsx_upload(rows), by=alice, dry_run=False)

    assert first.errors == []
    assert first.counts() == {"created": 1, "updated": 1, "unchanged": 0}
    assert again.counts() == {"created": 0, "updated": 0, "unchanged": 2}
    wang.refresh_from_db()
    assert (wang.title, wang.buying_role, wang.influence) == ("CEO", "decision_maker", 5)
    assert Contact.objects.filter(name="Li Na").values(
        "account__code", "title", "email", "phone", "buying_role", "influence", "sentiment"
    ).get() == {
        "account__code": "C-1001",
        "title": "Buyer",
        "email": "li.na@example.cn",
        "phone": "13800000000",
        "buying_role": "influencer",
        "influence": 3,
        "sentiment": "supportive",
    }


def test_contacts_of_an_account_the_importer_may_not_change_are_refused(alice, charlie):
    f.AccountFactory(code="C-9009", owner=charlie)
    f.AccountFactory(code="C-1001", owner=alice)
    rows = [
        ["account", "name", "influence", "email"],
        ["C-9009", "Spy", "3", ""],
        ["C-1001", "Li Na", "7", ""],
        ["C-1001", "Zhao Min", "2", "not-an-address"],
    ]

    outcome = run_import(CONTACTS, csv_upload(rows), by=alice, dry_run=False)

    assert outcome.errors == [
        {
            "row": 2,
            "column": "account",
            "message": "No account with code “C-9009” that you may change.",
        },
        {
            "row": 3,
            "column": "influence",
            "message": "“7” is not a whole number from 1 to 5.",
        },
        {"row": 4, "column": "email", "message": "Enter a valid email address."},
    ]
    assert Contact.objects.count() == 0


# -- the pages ---------------------------------------------------------------------------------


def test_upload_preview_and_import_through_the_pages(client, bob, alice):
    client.force_login(bob)
    page = client.get(reverse("imports:upload", args=["accounts"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert reverse("imports:template", args=["accounts", "xlsx"]) in html

    batch, applied = upload_and_apply(client, accounts_file(CASTINGS, LOGISTICS))

    assert applied.status_code == 302
    batch.refresh_from_db()
    assert batch.status == "applied"
    assert batch.user == bob
    assert batch.original_name == "accounts.xlsx"
    assert batch.summary["created"] == 2
    assert set(Account.objects.values_list("code", flat=True)) == {"C-1001", "C-1002"}
    outcome = client.get(applied["Location"]).content.decode()
    assert "Imported: 2 created, 0 updated, 0 unchanged." in outcome

    again = client.post(reverse("imports:apply", args=[batch.pk]))
    assert again.status_code == 409
    assert "This file has been imported already." in again.content.decode()
    assert Account.objects.count() == 2


def test_the_preview_page_shows_counts_changes_and_the_import_button(client, bob, alice):
    client.force_login(bob)
    response = client.post(
        reverse("imports:upload", args=["accounts"]), {"file": accounts_file(CASTINGS)}
    )
    batch = ImportBatch.objects.get()

    html = client.get(response["Location"]).content.decode()

    assert batch.status == "previewed"
    assert Account.objects.count() == 0
    assert "杭州精密铸造有限公司" in html
    assert f'action="{reverse("imports:apply", args=[batch.pk])}"' in html
    assert "<del>" not in html  # nothing to update: one account to create
    assert batch.summary["changes"][0]["action"] == "created"


def test_a_refused_file_shows_its_errors_and_no_import_button(client, bob, alice):
    client.force_login(bob)
    bad = [*CASTINGS[:-1], "nobody"]
    response = client.post(
        reverse("imports:upload", args=["accounts"]), {"file": accounts_file(bad)}
    )
    batch = ImportBatch.objects.get()

    html = client.get(response["Location"]).content.decode()

    assert batch.status == "refused"
    message = "“nobody” is not a user you may assign records to."
    assert batch.summary["errors"] == [{"row": 2, "column": "owner", "message": message}]
    assert "Nothing was imported." in html
    assert message in html
    assert reverse("imports:apply", args=[batch.pk]) not in html
    assert client.post(reverse("imports:apply", args=[batch.pk])).status_code == 409


def test_apply_checks_the_file_again_against_the_current_data(client, bob, alice, charlie):
    client.force_login(bob)
    client.post(reverse("imports:upload", args=["accounts"]), {"file": accounts_file(CASTINGS)})
    batch = ImportBatch.objects.get()
    # Meanwhile the code went to an account Bob may not change.
    f.AccountFactory(code="C-1001", owner=charlie)

    response = client.post(reverse("imports:apply", args=[batch.pk]))

    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == "refused"
    assert batch.summary["errors"] == [
        {"row": 2, "column": "code", "message": "Account with this Code already exists."}
    ]
    assert Account.objects.filter(owner=alice).count() == 0


def test_a_batch_is_its_uploaders_alone(client, alice, bob, charlie):
    client.force_login(alice)
    client.post(
        reverse("imports:upload", args=["accounts"]),
        {"file": accounts_file([*CASTINGS[:-1], "alice"])},
    )
    batch = ImportBatch.objects.get()

    for other in (charlie, bob):
        client.force_login(other)
        assert client.get(reverse("imports:batch", args=[batch.pk])).status_code == 404
        assert client.post(reverse("imports:apply", args=[batch.pk])).status_code == 404
    assert Account.objects.count() == 0

    client.force_login(alice)
    assert client.get(reverse("imports:batch", args=[batch.pk])).status_code == 200


@pytest.mark.parametrize("persona", ["dept_user", "executive"])
def test_roles_that_do_not_keep_accounts_may_not_import_them(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("imports:upload", args=["accounts"])).status_code == 403
    assert client.get(reverse("imports:template", args=["contacts", "csv"])).status_code == 403
    response = client.post(
        reverse("imports:upload", args=["accounts"]), {"file": accounts_file(LOGISTICS)}
    )
    assert response.status_code == 403
    assert ImportBatch.objects.count() == 0


# -- the API -----------------------------------------------------------------------------------


def api_import(user, upload, **query):
    url = reverse("api-import", args=["accounts"])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return api_client_for(user).post(url, {"file": upload}, format="multipart")


def test_api_dry_run_answers_the_preview_and_writes_nothing(bob, alice):
    response = api_import(bob, accounts_file(LOGISTICS), dry_run="true")

    assert response.status_code == 200
    assert response.json() == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "changes": [
            {
                "row": 2,
                "action": "created",
                "key": "C-1002",
                "fields": [
                    {"column": "code", "old": "", "new": "C-1002"},
                    {"column": "name", "old": "", "new": "Ningbo Port Logistics"},
                    {"column": "industry", "old": "", "new": "Logistics"},
                    {"column": "tier", "old": "", "new": "Key"},
                    {"column": "status", "old": "", "new": "Prospect"},
                ],
            }
        ],
        "warnings": [],
    }
    assert Account.objects.count() == 0
    assert ImportBatch.objects.get().status == "previewed"


def test_api_imports_and_answers_the_counts_then_nothing_changes(bob, alice):
    first = api_import(bob, accounts_file(CASTINGS, LOGISTICS))
    second = api_import(bob, accounts_file(CASTINGS, LOGISTICS, name="again.xlsx"))

    assert (first.status_code, first.json()) == (200, {"created": 2, "updated": 0, "unchanged": 0})
    assert (second.status_code, second.json()) == (
        200,
        {"created": 0, "updated": 0, "unchanged": 2},
    )
    assert list(ImportBatch.objects.order_by("pk").values_list("original_name", "status")) == [
        ("accounts.xlsx", "applied"),
        ("again.xlsx", "applied"),
    ]


def test_api_refuses_a_bad_file_with_every_error_and_keeps_the_batch(alice):
    upload = csv_upload(
        [["code", "name", "owner"], ["C-1", "Mine", "alice"], ["C-2", "Theirs", "charlie"]]
    )

    response = api_import(alice, upload)

    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "row": 3,
                "column": "owner",
                "message": "“charlie” is not a user you may assign records to.",
            }
        ]
    }
    assert Account.objects.count() == 0
    assert ImportBatch.objects.get().status == "refused"


def test_api_roles_and_anonymous(alice, dept_user, executive):
    for persona in (dept_user, executive):
        response = api_import(persona, accounts_file(LOGISTICS))
        assert response.status_code == 403
        assert response.json() == {"detail": "Your role may not create this kind of record."}
    anonymous = api_import(None, accounts_file(LOGISTICS))
    assert anonymous.status_code == 401
    assert ImportBatch.objects.count() == 0


# -- 10,000 rows -------------------------------------------------------------------------------


def test_ten_thousand_accounts_from_an_xlsx_file(bob, alice):
    """Measured, not timed: ``-rP`` prints how long the preview and the import took."""
    rows = [
        [f"C-{n:05d}", f"Company {n} Ltd", "Manufacturing", "key", "active", dt.date(2024, 3, 1),
         "East China", 1000 + n, "alice" if n % 2 else "bob"]
        for n in range(10_000)
    ]  # fmt: skip
    content = xlsx_bytes([HEADER, *rows])

    def upload():
        return SimpleUploadedFile("big.xlsx", content)

    started = time.perf_counter()
    preview = run_import(ACCOUNTS, upload(), by=bob, dry_run=True)
    previewed = time.perf_counter()
    applied = run_import(ACCOUNTS, upload(), by=bob, dry_run=False)
    done = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        again = run_import(ACCOUNTS, upload(), by=bob, dry_run=False)
    print(
        f"10,000 accounts from XLSX on {connection.vendor}: preview {previewed - started:.1f} s, "
        f"import {done - previewed:.1f} s, unchanged re-import {time.perf_counter() - done:.1f} s"
    )

    assert preview.errors == [] and preview.created == 10_000
    assert applied.counts() == {"created": 10_000, "updated": 0, "unchanged": 0}
    assert Account.objects.filter(owner=alice).count() == 5_000
    assert again.counts() == {"created": 0, "updated": 0, "unchanged": 10_000}
    # The owners named, the existing accounts by code; nothing per row.
    assert len(queries) <= 4, [query["sql"][:80] for query in queries]


def test_a_row_costs_its_own_writes_only(bob, alice):
    def queries_for(count, offset):
        rows = [[f"C-{offset + n}", f"Company {offset + n}", "", "", "", "", "", "", "alice"]
                for n in range(count)]  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            outcome = run_import(ACCOUNTS, accounts_file(*rows), by=bob, dry_run=False)
        assert outcome.created == count
        return len(queries)

    one, eleven = queries_for(1, 0), queries_for(11, 100)

    # Per row, all of them the service's write: the row's savepoint and the service's (4
    # with their releases), full_clean's checks of the owner, of the unique code and of
    # the two check constraints (each in a savepoint: 6), the insert and its history row.
    assert eleven - one == 10 * 14


# -- on a phone, in a real browser -------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_import_on_a_phone_in_a_real_browser(live_server, bob, alice, tmp_path, chromium, language):
    bob.language = language
    bob.save()
    path = tmp_path / "客户名单.xlsx"
    path.write_bytes(xlsx_bytes([HEADER, CASTINGS, [*LOGISTICS[:-1], "nobody"]]))
    page = new_context(chromium, viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    log_in(page, live_server.url, "bob")

    def check(name):
        page.screenshot(path=str(ARTIFACTS / f"import-{name}-{language}.png"), full_page=True)
        assert page.evaluate(STICKING_OUT, PHONE["width"]) == [], name
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
        assert_no_csp_violations(page)

    page.goto(f"{live_server.url}{reverse('imports:upload', args=['accounts'])}")
    check("upload")
    page.locator("input[type=file]").set_input_files(str(path))
    page.locator("form.record-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/imports/batches/\d+/$"))
    check("refused")
    assert page.locator("table.import-errors tbody tr").count() == 1

    path.write_bytes(xlsx_bytes([HEADER, CASTINGS, LOGISTICS]))
    page.goto(f"{live_server.url}{reverse('imports:upload', args=['accounts'])}")
    page.locator("input[type=file]").set_input_files(str(path))
    page.locator("form.record-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/imports/batches/\d+/$"))
    check("preview")
    page.locator("form[action$='/apply/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/imports/batches/\d+/$"))
    check("applied")
    assert set(Account.objects.values_list("code", flat=True)) == {"C-1001", "C-1002"}


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_large_file_is_checked_and_imported_by_a_worker(client, celery_worker, settings):
    settings.KAM_IMPORT_SYNC_ROWS = 3
    bob = f.UserFactory(username="bob", role="manager")
    f.UserFactory(username="alice", team=f.TeamFactory(name="East", manager=bob))
    charlie = f.UserFactory(username="charlie")
    rows = [
        [f"C-{n}", f"Company {n}", "", "key", "prospect", None, "", None, "alice"] for n in range(5)
    ]
    client.force_login(bob)

    response = client.post(
        reverse("imports:upload", args=["accounts"]), {"file": accounts_file(*rows)}
    )

    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert batch.status in ("checking", "previewed")
    page = client.get(reverse("imports:batch", args=[batch.pk]))
    assert page.status_code == 200
    wait_until(lambda: ImportBatch.objects.get().status == "previewed")
    # The progress box, asked for by htmx, tells the page to reload once the worker is done.
    done = client.get(
        reverse("imports:batch", args=[batch.pk]),
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="import-progress",
    )
    assert done["HX-Refresh"] == "true"
    assert Account.objects.count() == 0
    assert ImportBatch.objects.get().summary["created"] == 5

    client.post(reverse("imports:apply", args=[batch.pk]))

    wait_until(lambda: ImportBatch.objects.get().status == "applied")
    assert sorted(Account.objects.values_list("code", flat=True)) == [f"C-{n}" for n in range(5)]
    assert set(Account.objects.values_list("owner__username", flat=True)) == {"alice"}
    batch.refresh_from_db()
    assert (batch.rows_total, batch.rows_done) == (5, 5)
    client.force_login(charlie)
    assert client.get(reverse("imports:batch", args=[batch.pk])).status_code == 404


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_api_answers_202_for_a_large_file_and_its_status_after(celery_worker, settings):
    settings.KAM_IMPORT_SYNC_ROWS = 3
    alice = f.UserFactory(username="alice")
    charlie = f.UserFactory(username="charlie")
    rows = [[f"C-{n}", f"Company {n}", "", "key", "prospect", None, "", None, ""] for n in range(4)]
    bad = [*rows, ["C-9", "Bad", "", "platinum", "prospect", None, "", None, ""]]

    accepted = api_import(alice, accounts_file(*rows))
    refused = api_import(alice, accounts_file(*bad, name="bad.xlsx"))

    assert accepted.status_code == 202
    body = accepted.json()
    assert (body["status"], body["rows_total"]) == ("importing", 4)
    status_url = body["url"]
    wait_until(lambda: api_client_for(alice).get(status_url).json()["status"] == "applied")
    final = api_client_for(alice).get(status_url).json()
    assert (final["created"], final["updated"], final["unchanged"], final["errors"]) == (
        4,
        0,
        0,
        [],
    )
    assert Account.objects.filter(owner=alice).count() == 4
    wait_until(
        lambda: api_client_for(alice).get(refused.json()["url"]).json()["status"] == "refused"
    )
    errors = api_client_for(alice).get(refused.json()["url"]).json()["errors"]
    assert [(error["row"], error["column"]) for error in errors] == [(6, "tier")]
    assert Account.objects.filter(owner=alice).count() == 4
    assert api_client_for(charlie).get(status_url).status_code == 404
