"""The importer engine: reading CSV and XLSX, headers, cells, the all-or-nothing run,
batches and the API's contract, with real files written in each test.

The definitions under test are the accounts app's (the first user) and, where the engine
must be cornered, small ones made here and never registered.
"""

import datetime as dt
import io
import json
import tracemalloc
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from accounts.models import Account
from accounts.services import account_update
from kam import imports
from kam.errors import Conflict
from kam.imports import (
    Choice,
    Date,
    ImportColumn,
    ImportDefinition,
    Integer,
    Number,
    Text,
    import_apply,
    import_upload,
    read_table,
    run_import,
)
from kam.models import ImportBatch
from tests import factories as f
from tests.support import api_client_for, csv_upload, xlsx_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root", "english")]


def accounts():
    return imports.get("accounts")


def account_definition(apply_row) -> ImportDefinition:
    """An import the engine is cornered with: code and name, written by ``apply_row``."""
    return ImportDefinition(
        name="test-accounts",
        label="Accounts",
        model=Account,
        columns=(
            ImportColumn.of(Account, "code", Text(50), required=True),
            ImportColumn.of(Account, "name", Text(200), required=True),
        ),
        key=("code",),
        apply_row=apply_row,
    )


def errors_of(upload, user, definition=None):
    return run_import(definition or accounts(), upload, by=user, dry_run=True).errors


# -- reading files -----------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_utf8_with_or_without_a_bom_or_in_gb18030(encoding):
    upload = csv_upload([["代码", "名称"], ["C-1", "杭州精密铸造"]], encoding=encoding)

    assert read_table(upload) == (["代码", "名称"], [["C-1", "杭州精密铸造"]])


def test_a_csv_in_another_encoding_is_refused_with_a_clear_error(alice):
    upload = SimpleUploadedFile("data.csv", b"code,name\nC-1,\xff\xff\n")

    assert errors_of(upload, alice) == [
        {
            "row": None,
            "column": None,
            "message": "Save the CSV file as UTF-8 (or GB18030) and upload it again.",
        }
    ]


def test_xlsx_cells_come_typed_and_dates_parse():
    upload = xlsx_upload(
        [["code", "customer_since", "annual_potential"], [1001, dt.date(2024, 3, 1), 12.5]]
    )

    headers, rows = read_table(upload)

    assert headers == ["code", "customer_since", "annual_potential"]
    assert rows == [[1001, dt.datetime(2024, 3, 1), 12.5]]
    assert Date().parse(rows[0][1]) == dt.date(2024, 3, 1)
    assert imports.cell_text(rows[0][0]) == "1001"


def test_rows_are_numbered_as_the_spreadsheet_shows_them(alice):
    rows = [["code", "name"], ["C-1", "First"], [], ["C-3", ""], ["", ""], ["C-5", ""], [], []]

    for upload in (csv_upload(rows), xlsx_upload(rows)):
        assert errors_of(upload, alice) == [
            {"row": 4, "column": "name", "message": "This column needs a value in every row."},
            {"row": 6, "column": "name", "message": "This column needs a value in every row."},
        ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("data.xlsx", b"code,name\n", "This is not a readable XLSX file."),
        ("data.csv", b"", "The file is empty."),
        ("data.csv", b"\r\n\n\n", "The file is empty."),
        # A field longer than the csv module takes.
        (
            "data.csv",
            b'code,name\nC-1,"' + b"x" * 140_000 + b'"\n',
            "This is not a readable CSV file.",
        ),
    ],
)
def test_unreadable_files_are_one_clear_error(alice, name, content, message):
    upload = SimpleUploadedFile(name, content)

    assert errors_of(upload, alice) == [{"row": None, "column": None, "message": message}]


def test_a_nul_character_refuses_the_file_before_any_query(alice):
    upload = SimpleUploadedFile("data.csv", b"code,name,owner\nC-1,a,alice\nC-2,b,al\x00ice\n")

    assert errors_of(upload, alice) == [
        {"row": 3, "column": None, "message": "This row holds a NUL character."}
    ]


def test_a_zip_that_is_not_a_workbook_is_not_readable(alice):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")

    upload = SimpleUploadedFile("data.xlsx", buffer.getvalue())

    assert errors_of(upload, alice)[0]["message"] == "This is not a readable XLSX file."


def test_an_xlsx_that_unpacks_to_too_much_is_refused(alice, monkeypatch):
    monkeypatch.setattr(imports, "MAX_UNPACKED_BYTES", 1000)

    upload = xlsx_upload([["code", "name"], ["C-1", "x" * 2000]])

    assert errors_of(upload, alice)[0]["message"] == "The file unpacks to more than 0 MiB."


def test_size_and_row_limits(alice, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 2)
    rows = [["code", "name"], ["C-1", "a"], ["C-2", "b"], ["C-3", "c"]]

    assert errors_of(csv_upload(rows), alice)[0]["message"] == (
        "The file has more than 2 rows; split it into smaller files."
    )
    assert errors_of(csv_upload(rows[:3]), alice) == []

    monkeypatch.setattr(imports, "MAX_BYTES", 10)
    with pytest.raises(ValidationError) as refused:
        imports.check_upload(csv_upload(rows))
    assert refused.value.messages == ["The file is larger than 0 MiB."]


# -- headers -----------------------------------------------------------------------------------


def test_headers_match_in_either_language_whatever_their_case_and_spacing(bob, alice):
    rows = [
        [
            "  CODE ",
            "Name",
            "Annual Potential",
            "customer_since",
            "负责人",
            "级 别",
            "ＲＥＧＩＯＮ",
        ],
        ["C-1", "First Ltd", "1,000.50", "2024-03-01", "alice", "Strategic", "华东"],
    ]

    outcome = run_import(accounts(), csv_upload(rows), by=bob, dry_run=False)

    assert outcome.errors == []
    account = Account.objects.get(code="C-1")
    assert (account.annual_potential, account.tier, account.region, account.owner) == (
        Decimal("1000.50"),
        "strategic",
        "华东",
        alice,
    )


def test_unknown_repeated_missing_and_unnamed_columns_are_errors(alice):
    rows = [["名称", "Owner name", "name", "", "tier"], ["First", "x", "First", "oops", "key"]]

    assert errors_of(csv_upload(rows), alice) == [
        {
            "row": 1,
            "column": "Owner name",
            "message": "Unknown column “Owner name”; the columns of this import are code, name, "
            "industry, tier, status, customer_since, region, annual_potential, owner.",
        },
        {"row": 1, "column": "name", "message": "“name” is the same column as “名称”."},
        {"row": 1, "column": "D", "message": "This column has values but no header."},
        {"row": 1, "column": "code", "message": "The file has no “code” column; it is required."},
    ]


def test_cells_past_the_header_row_are_a_column_without_a_header(alice):
    rows = [["code", "name"], ["C-1", "First"], ["C-2", "Second", "", "stray"]]

    assert errors_of(csv_upload(rows), alice) == [
        {"row": 1, "column": "D", "message": "This column has values but no header."}
    ]


def test_a_definition_whose_columns_claim_one_header_fails_at_registration():
    definition = ImportDefinition(
        name="clash",
        label="Clash",
        model=Account,
        columns=(
            ImportColumn.of(Account, "code", Text(), required=True, aliases=("Region",)),
            ImportColumn.of(Account, "region", Text()),
        ),
        key=("code",),
        apply_row=lambda **kwargs: None,
    )

    with pytest.raises(ValueError, match="'region' names code and region"):
        imports.register(definition)
    assert imports.get("clash") is None
    with pytest.raises(ValueError, match="must be required columns"):
        ImportDefinition("x", "X", Account, definition.columns, ("region",), print)
    with pytest.raises(ValueError, match="cannot be part of its URL"):
        ImportDefinition("batches", "X", Account, definition.columns, ("code",), print)


# -- cells -------------------------------------------------------------------------------------


def parsed(parser, value):
    return parser.prepare({imports.cell_text(value)}, None)(value)


@pytest.mark.parametrize("value", ["strategic", "Strategic", "STRATEGIC", "战略", " 战略 "])
def test_a_choice_is_its_value_or_its_label_in_either_language(value):
    from accounts.choices import Tier

    assert parsed(Choice(Tier), value) == "strategic"


@pytest.mark.parametrize(
    "value",
    ["2024-03-01", "2024/3/1", "2024.03.01", "2024年3月1日", "2024-03-01 00:00:00",
     "２０２４-０３-０１", dt.date(2024, 3, 1), dt.datetime(2024, 3, 1)],
)  # fmt: skip
def test_dates_as_people_write_them(value):
    assert parsed(Date(), value) == dt.date(2024, 3, 1)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1/3/2024", "“1/3/2024” is not a date; write it as 2024-03-01."),
        ("2024-03-01 09:30", "“2024-03-01 09:30” is not a date; write it as 2024-03-01."),
        ("1899-12-31", "Pick a date between 1901 and 2100."),
    ],
)
def test_dates_that_are_not(value, message):
    with pytest.raises(ValidationError) as error:
        parsed(Date(), value)
    assert error.value.messages == [message]


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("1,234,567.89", Decimal("1234567.89")),
        ("１２３", Decimal("123")),
        (1234.5, Decimal("1234.5")),
        (7, Decimal("7")),
        ("0", Decimal("0")),
    ],
)
def test_decimal_numbers(value, number):
    assert parsed(Number(), value) == number


@pytest.mark.parametrize("value", ["1,2", "12.", "abc", "1e3", True])
def test_text_that_is_no_number(value):
    with pytest.raises(ValidationError):
        parsed(Number(), value)


@pytest.mark.parametrize(("value", "number"), [("3", 3), (3, 3), (3.0, 3), (" ５ ", 5)])
def test_whole_numbers_in_range(value, number):
    assert parsed(Integer(1, 5), value) == number


@pytest.mark.parametrize("value", ["0", "6", 3.5, "3.0", "three"])
def test_whole_numbers_out_of_range_or_not_whole(value):
    with pytest.raises(ValidationError) as error:
        parsed(Integer(1, 5), value)
    assert error.value.messages == [
        f"“{imports.cell_text(value)}” is not a whole number from 1 to 5."
    ]


# -- the run -----------------------------------------------------------------------------------


def test_a_database_error_in_one_row_does_not_stop_the_others_from_being_checked(alice, charlie):
    # Written without the model's validation, a taken code reaches the database.
    f.AccountFactory(code="TAKEN-1", owner=charlie)
    f.AccountFactory(code="TAKEN-2", owner=charlie)
    definition = account_definition(
        lambda *, by, instance, data: Account.objects.create(owner=by, **data)
    )
    rows = [["code", "name"], ["TAKEN-1", "a"], ["NEW", "b"], ["TAKEN-2", "c"]]

    outcome = run_import(definition, csv_upload(rows), by=alice, dry_run=False)

    assert outcome.errors == [
        {"row": 2, "column": None, "message": "The database refused this row."},
        {"row": 4, "column": None, "message": "The database refused this row."},
    ]
    assert outcome.created == 1
    assert not Account.objects.filter(code="NEW").exists()


def test_what_was_written_must_still_be_the_importers_to_change(alice, charlie):
    def hand_over(*, by, instance, data):
        return account_update(account=instance, by=by, owner=charlie, **data)

    mine = f.AccountFactory(code="C-1", owner=alice, name="Mine")
    rows = [["code", "name"], ["C-1", "Renamed"]]

    outcome = run_import(account_definition(hand_over), csv_upload(rows), by=alice, dry_run=False)

    assert outcome.errors == [
        {
            "row": 2,
            "column": None,
            "message": "The record would not be yours to change after this write.",
        }
    ]
    mine.refresh_from_db()
    assert (mine.name, mine.owner) == ("Mine", alice)


def test_several_existing_records_with_one_key_are_an_error(alice):
    from accounts.imports import CONTACTS

    account = f.AccountFactory(code="C-1", owner=alice)
    f.ContactFactory(account=account, name="Wang Lei")
    f.ContactFactory(account=account, name="Wang Lei")
    rows = [["account", "name", "title"], ["C-1", "Wang Lei", "CEO"]]

    assert errors_of(csv_upload(rows), alice, CONTACTS) == [
        {
            "row": 2,
            "column": "account",
            "message": "2 existing records have this account, name; the import cannot tell "
            "which one to update.",
        }
    ]


# -- batches -----------------------------------------------------------------------------------


def test_a_batch_keeps_the_file_and_is_imported_once(alice, media_root):
    upload = csv_upload([["code", "name"], ["C-1", "First"]], name="客户 (1).csv")

    batch, preview = import_upload(definition=accounts(), upload=upload, by=alice)

    assert (batch.status, batch.original_name, batch.definition) == (
        "previewed",
        "客户 (1).csv",
        "accounts",
    )
    assert (media_root / batch.file.name).read_bytes().startswith(b"\xef\xbb\xbfcode,name")
    assert preview.counts() == {"created": 1, "updated": 0, "unchanged": 0}
    assert Account.objects.count() == 0

    batch, outcome = import_apply(batch=batch, definition=accounts(), by=alice)

    assert outcome.applied is True
    assert batch.status == "applied" and batch.applied_at is not None
    assert Account.objects.get().owner == alice
    with pytest.raises(Conflict) as again:
        import_apply(batch=batch, definition=accounts(), by=alice)
    assert again.value.message == "This file has been imported already."


def test_a_batch_page_for_an_id_that_cannot_exist_is_404(client, alice):
    client.force_login(alice)

    assert client.get("/imports/batches/99999999999999999999999/").status_code == 404
    assert client.post("/imports/batches/99999999999999999999999/apply/").status_code == 404
    assert client.get(reverse("imports:upload", args=["nothing"])).status_code == 404


def test_the_upload_form_refuses_other_files_and_keeps_nothing(client, alice):
    client.force_login(alice)
    url = reverse("imports:upload", args=["accounts"])

    wrong_type = client.post(url, {"file": SimpleUploadedFile("data.txt", b"code,name\n")})
    assert wrong_type.status_code == 400
    assert wrong_type.context["form"].errors == {"file": ["Upload a .csv or .xlsx file."]}
    no_file = client.post(url, {})
    assert no_file.context["form"].errors == {"file": ["This field is required."]}
    assert ImportBatch.objects.count() == 0


def test_anonymous_is_sent_to_the_login_page(client):
    response = client.get(reverse("imports:upload", args=["accounts"]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# -- templates ---------------------------------------------------------------------------------


def test_the_templates_hold_the_headers_in_the_pages_language(client, alice):
    client.force_login(alice)

    english = client.get(reverse("imports:template", args=["accounts", "csv"]))
    chinese = client.get(
        reverse("imports:template", args=["contacts", "xlsx"]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )

    assert english["Content-Type"] == "text/csv; charset=utf-8"
    assert english.content == (
        b"\xef\xbb\xbfcode,name,industry,tier,status,customer since,region,annual potential,"
        b"owner\r\n"
    )
    sheet = load_workbook(io.BytesIO(chinese.content)).active
    assert [cell.value for cell in sheet[1]] == [
        "客户",
        "名称",
        "职位",
        "电子邮件",
        "电话",
        "采购角色",
        "影响力",
        "态度",
    ]
    assert 'filename="contacts.xlsx"' in chinese["Content-Disposition"]
    assert client.get(reverse("imports:template", args=["accounts", "pdf"])).status_code == 404


def test_a_template_filled_in_imports(alice):
    definition = accounts()
    headers = [str(column.label) for column in definition.columns]

    rows = [headers, ["C-1", "First Ltd", "", "", "", "", "", "", ""]]

    assert run_import(definition, xlsx_upload(rows), by=alice, dry_run=False).created == 1


# -- the API contract --------------------------------------------------------------------------


def post(user, name="accounts", query="", **kwargs):
    url = reverse("api-import", args=[name]) + query
    return api_client_for(user).post(url, **kwargs)


def test_api_unknown_import_is_404(alice):
    response = post(alice, "nothing", data={"file": csv_upload([["code"]])}, format="multipart")

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


def test_api_takes_multipart_only(alice):
    response = post(alice, data={"file": "code,name"}, format="json")

    assert response.status_code == 415
    assert response.json() == {"detail": 'Unsupported media type "application/json" in request.'}


NO_FILE = "Send the file in the multipart field “file”."


@pytest.mark.parametrize(
    ("query", "data", "column", "message"),
    [
        ("", {}, "file", NO_FILE),
        ("", {"file": "code,name"}, "file", NO_FILE),
        ("?dry_run=maybe", None, "dry_run", "Must be a valid boolean."),
        ("?dry-run=true", None, "dry-run", "Unknown query parameter. Accepted: dry_run."),
        ("", {"file": SimpleUploadedFile("a.txt", b"x")}, "file", "Upload a .csv or .xlsx file."),
    ],
)
def test_api_requests_it_cannot_use_are_400_and_import_nothing(alice, query, data, column, message):
    if data is None:
        data = {"file": csv_upload([["code", "name"], ["C-1", "First"]])}

    response = post(alice, query=query, data=data, format="multipart")

    assert response.status_code == 400
    assert response.json() == {"errors": [{"row": None, "column": column, "message": message}]}
    assert Account.objects.count() == 0


def test_api_malformed_multipart_is_400(alice):
    response = api_client_for(alice).generic(
        "POST",
        reverse("api-import", args=["accounts"]),
        data=b"--x\r\nnonsense",
        content_type="multipart/form-data; boundary=",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["errors"]


def test_the_schema_documents_the_upload_and_stays_clean(tmp_path):
    path = tmp_path / "schema.json"

    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", "--file", path
    )

    schema = json.loads(path.read_text())
    operation = schema["paths"]["/api/v1/imports/{name}/"]["post"]
    body = operation["requestBody"]["content"]
    assert list(body) == ["multipart/form-data"]
    component = body["multipart/form-data"]["schema"]["$ref"].rpartition("/")[2]
    upload = schema["components"]["schemas"][component]
    assert (upload["required"], upload["properties"]["file"]["format"]) == (["file"], "binary")
    assert sorted(operation["responses"]) == ["200", "202", "400", "401", "403", "404", "415"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert parameters["name"]["schema"]["enum"] == ["accounts", "contacts", "orders"]
    assert parameters["dry_run"]["schema"] == {"type": "boolean"}


def test_a_small_file_declaring_huge_sheets_is_read_within_bounds():
    """A 5 KB XLSX whose cells are A1 and XFD60000 once unpacked to a gigabyte of padded
    rows before it was refused; it is streamed now, cut at 100 columns and one row past
    the limit."""
    book = Workbook()
    book.active["A1"] = "code"
    book.active.cell(row=60_000, column=16_384, value="x")
    output = io.BytesIO()
    book.save(output)
    assert len(output.getvalue()) < 10_000

    tracemalloc.start()
    try:
        # Reading stops one row past the limit: what lies beyond is never unpacked.
        table = imports.read_table(SimpleUploadedFile("bomb.xlsx", output.getvalue()))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert table == (["code"], [])
    assert peak < 200 * 1024 * 1024, peak
    wide = Workbook()
    wide.active.append(["code", "name"])
    wide.active.cell(row=2, column=16_384, value="far right")
    output = io.BytesIO()
    wide.save(output)
    headers, rows = imports.read_table(SimpleUploadedFile("wide.xlsx", output.getvalue()))
    assert (headers, rows) == (["code", "name"], [])  # the far cell is past the columns read
    blank = SimpleUploadedFile("blank.csv", b"code\n" + b"\n" * 1_000_000)
    assert imports.read_table(blank) == (["code"], [])
