"""The exporter: typed, streamed XLSX and PDF with an embedded CJK font that fetches nothing."""

import io
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote
from urllib.request import urlopen

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.utils import timezone as django_timezone
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from pypdf import PdfReader

from kam.exports import (
    Column,
    Document,
    ExportMeta,
    Sheet,
    check_cjk_font,
    cjk_font_available,
    content_disposition,
    document_response,
    render_pdf,
    write_xlsx,
)
from kam.exports import render as exports
from tests import factories as f
from tests.support import pdf_text

ACCOUNT = "杭州精密铸造有限公司"
GENERATED_AT = datetime(2026, 7, 1, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai
# A 1×1 PNG: the one kind of image a PDF template may inline.
PNG_DATA_URI = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def meta(**kwargs):
    defaults = {
        "title": "Account list",
        "company": "ACME Export Co.",
        "period": "2026 Q3",
        "generated_by": "Alice",
        "generated_at": GENERATED_AT,
        "filters": [("Owner", "Alice"), ("Tier", "A")],
    }
    return ExportMeta(**{**defaults, **kwargs})


def xlsx(sheets, **meta_kwargs):
    fp = io.BytesIO()
    written = write_xlsx(sheets, meta=meta(**meta_kwargs), fp=fp)
    fp.seek(0)
    return written, load_workbook(fp)


def values(worksheet):
    return [[cell.value for cell in row] for row in worksheet.iter_rows()]


# --- XLSX -------------------------------------------------------------------------------

TYPED_COLUMNS = [
    Column("name", "Account"),
    Column("visits", "Visits", "int"),
    Column("revenue", "Revenue", "money"),
    Column("ratio", "Ratio", "decimal"),
    Column("csat", "CSAT", "percent"),
    Column("since", "Since", "date"),
    Column("last_visit", "Last visit", "datetime"),
    Column("key", "Key account", "bool"),
]

TYPED_ROWS = [
    {
        "name": ACCOUNT,
        "visits": 12,
        "revenue": Decimal("1234567.89"),
        "ratio": Decimal("0.25"),
        "csat": 87.5,
        "since": date(2024, 3, 1),
        "last_visit": GENERATED_AT,
        "key": True,
    },
    # Between two rows, so the empty cells show up when the file is read back.
    dict.fromkeys(
        ["name", "visits", "revenue", "ratio", "csat", "since", "last_visit", "key"], None
    ),
    {
        "name": "Ningbo Tools",
        "visits": 0,
        "revenue": Decimal("0.10"),
        "ratio": 1.5,
        "csat": Decimal("100"),
        "since": date(2025, 12, 31),
        "last_visit": datetime(2026, 6, 30, 20, 0, tzinfo=UTC),
        "key": False,
    },
]


@pytest.mark.parametrize(
    ("zone", "first_visit", "second_visit"),
    [
        ("Asia/Shanghai", datetime(2026, 7, 1, 9, 30), datetime(2026, 7, 1, 4, 0)),
        ("UTC", datetime(2026, 7, 1, 1, 30), datetime(2026, 6, 30, 20, 0)),
    ],
)
def test_xlsx_cells_are_typed_by_column_kind(zone, first_visit, second_visit):
    with django_timezone.override(zone):
        written, workbook = xlsx([Sheet("Accounts", TYPED_COLUMNS, TYPED_ROWS)])

    assert written == 3
    assert workbook.sheetnames == ["Accounts", "Export info"]
    sheet = workbook["Accounts"]
    assert values(sheet) == [
        ["Account", "Visits", "Revenue", "Ratio", "CSAT", "Since", "Last visit", "Key account"],
        [ACCOUNT, 12, 1234567.89, 0.25, 0.875, datetime(2024, 3, 1), first_visit, True],
        [None] * 8,
        ["Ningbo Tools", 0, 0.1, 1.5, 1, datetime(2025, 12, 31), second_visit, False],
    ]
    # Every kind is a real Excel type, with a format showing it the way the app does.
    assert [cell.data_type for cell in sheet[2]] == ["s", "n", "n", "n", "n", "d", "d", "b"]
    assert [cell.number_format for cell in sheet[2]] == [
        "General",
        "0",
        "#,##0.00",
        "0.00",
        "0.0%",
        "yyyy-mm-dd",
        "yyyy-mm-dd hh:mm",
        "General",
    ]
    assert sheet["G2"].is_date
    assert all(cell.font.b for cell in sheet[1])
    assert not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:H4"
    assert sheet.print_title_rows == "$1:$1"  # printed pages repeat the header


def test_xlsx_dates_are_the_active_zone_calendar_day():
    columns = [Column("at", "Day", "date")]
    rows = [{"at": datetime(2026, 6, 30, 20, 0, tzinfo=UTC)}]
    with django_timezone.override("Asia/Shanghai"):
        _written, shanghai = xlsx([Sheet("Days", columns, rows)])
    with django_timezone.override("UTC"):
        _written, utc = xlsx([Sheet("Days", columns, rows)])

    assert shanghai["Days"]["A2"].value == datetime(2026, 7, 1)
    assert utc["Days"]["A2"].value == datetime(2026, 6, 30)


def test_xlsx_decimal_money_keeps_its_digits():
    columns = [Column("amount", "Amount", "money")]
    rows = [{"amount": Decimal("98765432.01")}, {"amount": "12.30"}, {"amount": 7}]
    _written, workbook = xlsx([Sheet("Money", columns, rows)])

    cells = [row[0] for row in workbook["Money"].iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == [98765432.01, 12.3, 7]
    assert {cell.number_format for cell in cells} == {"#,##0.00"}


FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://evil.example/","Click")',
    "+1+1",
    "-1+1",
    "@SUM(A1:A2)",
    "\t=1+1",
    "#N/A",
]


def test_xlsx_text_that_looks_like_a_formula_stays_text():
    rows = [{"note": text} for text in [*FORMULAS, "plain", "1-2"]]
    _written, workbook = xlsx(
        [Sheet("Notes", [Column("note", "Note")], rows)], filters=[("Search", "=cmd|' /C calc'!A0")]
    )

    cells = [row[0] for row in workbook["Notes"].iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == [*FORMULAS, "plain", "1-2"]
    assert [cell.data_type for cell in cells] == ["s"] * 9
    # The "typed with a leading apostrophe" flag keeps them text when a user edits them.
    assert [cell.quotePrefix for cell in cells] == [True] * 7 + [False, False]
    filter_value = workbook["Export info"]["B9"]
    assert (filter_value.value, filter_value.data_type) == ("=cmd|' /C calc'!A0", "s")


def test_xlsx_formula_guard_covers_headers_and_typed_columns():
    columns = [Column("day", "=Day", "date"), Column("amount", "-Amount", "money")]
    rows = [{"day": "=1+1", "amount": "1.5"}]
    _written, workbook = xlsx([Sheet("Mixed", columns, rows)])

    sheet = workbook["Mixed"]
    assert [(c.value, c.data_type, c.quotePrefix, c.font.b) for c in sheet[1]] == [
        ("=Day", "s", True, True),
        ("-Amount", "s", True, True),
    ]
    # A string where a date was expected is text, not a formula; a numeric string is a number.
    assert [(c.value, c.data_type) for c in sheet[2]] == [("=1+1", "s"), (1.5, "n")]


def test_xlsx_carriage_return_prefix_is_guarded():
    _written, workbook = xlsx([Sheet("Notes", [Column("note", "Note")], [{"note": "\r=1+1"}])])

    cell = workbook["Notes"]["A2"]
    # XML reads a bare CR in text as a line feed; what matters is it is text, not a formula.
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("\n=1+1", "s", True)


def test_xlsx_drops_control_characters_excel_cannot_store():
    _written, workbook = xlsx([Sheet("Notes", [Column("note", "Note")], [{"note": "a\x01b\x1fc"}])])

    assert workbook["Notes"]["A2"].value == "abc"


def test_xlsx_text_columns_take_lazy_strings_and_other_objects():
    rows = [{"label": gettext_lazy("Yes"), "number": 42, "day": date(2026, 7, 1)}]
    columns = [Column("label", gettext_lazy("Yes")), Column("number", "N"), Column("day", "D")]
    with translation.override("zh-hans"):
        _written, workbook = xlsx([Sheet("Mixed", columns, rows)])

    assert values(workbook["Mixed"]) == [["是", "N", "D"], ["是", "42", "2026-07-01"]]


def test_xlsx_columns_follow_paths_callables_and_methods():
    owner = SimpleNamespace(display_name="Li Wei", team={"name": "East"})
    account = SimpleNamespace(
        name=ACCOUNT, owner=owner, get_tier_display=lambda: "Strategic", scores={"csat": 90}
    )
    orphan = SimpleNamespace(name="No owner", owner=None, get_tier_display=lambda: "Other")
    columns = [
        Column("owner.display_name", "Owner"),
        Column("owner.team.name", "Team"),
        Column("get_tier_display", "Tier"),
        Column(lambda account: account.name.upper(), "Upper"),
    ]
    _written, workbook = xlsx([Sheet("Paths", columns, [account, orphan])])

    assert values(workbook["Paths"])[1:] == [
        ["Li Wei", "East", "Strategic", ACCOUNT],
        [None, None, "Other", "NO OWNER"],
    ]


def test_xlsx_a_wrong_path_fails_loudly():
    with pytest.raises(AttributeError):
        xlsx([Sheet("Bad", [Column("nmae", "Name")], [SimpleNamespace(name="x")])])
    with pytest.raises(KeyError):
        xlsx([Sheet("Bad", [Column("nmae", "Name")], [{"name": "x"}])])


def test_column_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="unknown column kind 'currency'"):
        Column("amount", "Amount", "currency")


def test_xlsx_sheet_titles_follow_excel_rules():
    titles = [
        "Q3: [East/West]?*",
        "A very long sheet title that Excel would refuse",
        "Accounts",
        "accounts",
        "'Quoted'",
        "   ",
        "History",
        "Export info",
    ]
    _written, workbook = xlsx([Sheet(title, [Column("a", "A")], []) for title in titles])

    assert workbook.sheetnames == [
        "Q3_ _East_West___",
        "A very long sheet title that Ex",
        "Accounts",
        "accounts (2)",
        "Quoted",
        "Sheet",
        "History (2)",
        "Export info",
        "Export info (2)",
    ]
    assert all(len(name) <= 31 for name in workbook.sheetnames)


def test_xlsx_column_widths_fit_header_and_first_rows():
    columns = [
        Column("name", "Account"),
        Column("code", "Code"),
        Column("notes", "Notes"),
        Column("revenue", "Revenue", "money"),
        Column("fixed", "Fixed", width=30),
        Column("day", "Day of the first visit", "date"),
    ]
    rows = [
        {
            "name": ACCOUNT,
            "code": "A1",
            "notes": "x" * 200,
            "revenue": Decimal("1234567.89"),
            "fixed": "y",
            "day": date(2026, 7, 1),
        }
    ]
    # Past the rows that size the columns: this one must not widen anything.
    rows = rows * exports.WIDTH_SAMPLE_ROWS + [{**rows[0], "code": "Z" * 40}]
    _written, workbook = xlsx([Sheet("Widths", columns, rows)])

    widths = {letter: dim.width for letter, dim in workbook["Widths"].column_dimensions.items()}
    # CJK characters count double: ten of them need 20 columns (+2 padding).
    assert widths == {"A": 22, "B": 6, "C": 60, "D": 14, "E": 30, "F": 24}


def test_xlsx_streams_a_large_iterator_once():
    produced = 0
    converted = 0
    in_flight = []

    def accounts():
        nonlocal produced
        for number in range(20_000):
            produced += 1
            # How far reading runs ahead of writing: 1 means each row is converted (and,
            # after the width sample, written) before the next one is read.
            in_flight.append(produced - converted)
            yield {"number": number, "name": f"Account {number}"}

    def name(row):
        nonlocal converted
        converted += 1
        return row["name"]

    rows = accounts()
    columns = [Column("number", "No.", "int"), Column(name, "Name")]
    written, workbook = xlsx([Sheet("Accounts", columns, rows)])

    assert written == 20_000
    assert produced == 20_000
    assert converted == 20_000
    assert max(in_flight) == 1
    assert next(rows, None) is None  # exhausted, read once
    sheet = workbook["Accounts"]
    assert sheet.max_row == 20_001
    assert [cell.value for cell in sheet[20_001]] == [19_999, "Account 19999"]
    assert sheet.auto_filter.ref == "A1:B20001"


def test_xlsx_reads_a_queryset_without_caching_it(db):
    f.UserFactory(username="li.wei")
    f.UserFactory(username="zhang.min")
    users = get_user_model().objects.order_by("username")

    written, workbook = xlsx([Sheet("Users", [Column("username", "Username")], users)])

    assert written == 2
    assert values(workbook["Users"]) == [["Username"], ["li.wei"], ["zhang.min"]]
    assert users._result_cache is None


def test_xlsx_info_sheet_and_properties():
    with django_timezone.override("Asia/Shanghai"):
        written, workbook = xlsx(
            [
                Sheet("Accounts", [Column("a", "A")], [{"a": 1}, {"a": 2}]),
                Sheet("Contacts", [Column("a", "A")], [{"a": 3}]),
            ]
        )

    assert written == 3
    assert workbook.properties.title == "Account list"
    assert workbook.properties.creator == "ACME Export Co."
    info = workbook["Export info"]
    assert values(info) == [
        ["Title", "Account list"],
        ["Company", "ACME Export Co."],
        ["Period", "2026 Q3"],
        ["Generated by", "Alice"],
        ["Generated at", datetime(2026, 7, 1, 9, 30)],
        ["Rows exported", 3],
        [None, None],
        ["Filters", None],
        ["Owner", "Alice"],
        ["Tier", "A"],
    ]
    assert info["B5"].number_format == "yyyy-mm-dd hh:mm"
    assert [info[f"A{row}"].font.b for row in (1, 5, 8, 9)] == [True, True, True, False]


def test_xlsx_info_sheet_without_filters():
    _written, workbook = xlsx([], filters=(), period="", generated_by="")

    assert workbook.sheetnames == ["Export info"]
    assert values(workbook["Export info"])[5:] == [
        ["Rows exported", 0],
        [None, None],
        ["Filters", "None"],
    ]


def test_export_meta_defaults(settings):
    settings.KAM_COMPANY_NAME = "Hangzhou KAM Ltd."
    before = django_timezone.now()
    defaulted = ExportMeta(title="Accounts")

    assert defaulted.company == "Hangzhou KAM Ltd."
    assert before <= defaulted.generated_at <= django_timezone.now()
    assert defaulted.generated_at.tzinfo is not None
    with pytest.raises(ValueError, match="aware"):
        ExportMeta(title="Accounts", generated_at=datetime(2026, 7, 1, 9, 30))


def test_xlsx_response_is_an_attachment(db):
    document = Document(
        meta=meta(), filename=ACCOUNT, sheets=[Sheet("Accounts", TYPED_COLUMNS, TYPED_ROWS)]
    )
    response = document_response(document, "xlsx")
    body = b"".join(response.streaming_content)
    # What the server does after sending it: closes the temporary file (and, through the
    # request_finished signal, the database connections, hence the db fixture).
    response.close()

    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == content_disposition(f"{ACCOUNT}.xlsx")
    assert int(response["Content-Length"]) == len(body)
    assert load_workbook(io.BytesIO(body))["Accounts"]["A2"].value == ACCOUNT


# --- Download names ---------------------------------------------------------------------


def test_content_disposition_for_a_chinese_file_name():
    encoded = quote(f"{ACCOUNT}.xlsx")
    assert encoded.startswith("%E6%9D%AD%E5%B7%9E")  # 杭州
    assert content_disposition(f"{ACCOUNT}.xlsx") == (
        f"attachment; filename=\"export.xlsx\"; filename*=UTF-8''{encoded}"
    )
    assert content_disposition(f"{ACCOUNT}-２０２６Q3.pdf") == (
        "attachment; filename=\"2026Q3.pdf\"; filename*=UTF-8''"
        + quote(f"{ACCOUNT}-２０２６Q3.pdf", safe="")
    )


def test_content_disposition_for_ascii_and_hostile_names():
    assert content_disposition("Accounts 2026.xlsx") == (
        "attachment; filename=\"Accounts 2026.xlsx\"; filename*=UTF-8''Accounts%202026.xlsx"
    )
    assert content_disposition('Café "Q3"/../x\r\n.pdf') == (
        'attachment; filename="Cafe Q3_.._x.pdf"; '
        "filename*=UTF-8''Caf%C3%A9%20%22Q3%22_.._x__.pdf"
    )


# --- PDF --------------------------------------------------------------------------------

REPORT = """{% extends "exports/base_pdf.html" %}
{% block content %}
<table>
  <thead><tr><th>Account</th><th class="num">Revenue</th></tr></thead>
  <tbody>
    {% for account in accounts %}
      <tr><td>{{ account.name }}</td><td class="num">{{ account.revenue }}</td></tr>
    {% endfor %}
  </tbody>
</table>
<div class="notes">{{ notes }}</div>
{% endblock %}
"""


@pytest.fixture
def report_template(settings):
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [
        {
            **engine,
            "APP_DIRS": False,
            "OPTIONS": {
                **engine["OPTIONS"],
                "loaders": [
                    ("django.template.loaders.locmem.Loader", {"reports/test.html": REPORT}),
                    "django.template.loaders.filesystem.Loader",
                    "django.template.loaders.app_directories.Loader",
                ],
            },
        }
    ]
    return "reports/test.html"


def report_context(notes=""):
    return {
        "accounts": [
            {"name": ACCOUNT, "revenue": "1,234,567.89"},
            {"name": "Ningbo Tools", "revenue": "0.10"},
        ],
        # Stands for user-written Markdown rendered to HTML.
        "notes": mark_safe(notes),
    }


def pdf_fonts(pdf: bytes) -> dict[str, set[str]]:
    """Each font's name (subset tag stripped) and the font-file streams embedding it."""
    fonts = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptors = [
                descendant.get_object()["/FontDescriptor"].get_object()
                for descendant in font.get("/DescendantFonts", [])
            ] or [font["/FontDescriptor"].get_object()]
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            fonts[name] = {key for d in descriptors for key in d if key.startswith("/FontFile")}
    return fonts


def test_render_pdf_with_chinese_names(report_template):
    with django_timezone.override("Asia/Shanghai"):
        pdf = render_pdf(report_template, report_context(), meta=meta())

    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.01)  # A4
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.metadata.title == "Account list"
    assert reader.metadata.author == "ACME Export Co."
    text = pdf_text(pdf)
    for expected in (
        ACCOUNT,
        "ACME Export Co.",
        "Account list",
        "2026 Q3",
        "1,234,567.89",
        "Generated by Alice at 1 Jul 2026 09:30",  # the English short date-time format
        "Owner: Alice",
        "Page 1 of 1",
    ):
        assert expected in text


def test_render_pdf_embeds_the_cjk_font(report_template):
    fonts = pdf_fonts(render_pdf(report_template, report_context(), meta=meta()))

    # The CJK font is first in the stack, so it sets the Latin text too; bold is synthesised.
    assert set(fonts) == {"WenQuanYi-Micro-Hei", "WenQuanYi-Micro-Hei-Bold"}
    assert all(files & {"/FontFile2", "/FontFile3"} for files in fonts.values())


def test_render_pdf_in_chinese(report_template):
    with translation.override("zh-hans"):
        pdf = render_pdf(report_template, report_context(), meta=meta())

    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "zh-hans"
    text = pdf_text(pdf)
    assert ACCOUNT in text
    assert "ACME Export Co." in text


def test_render_pdf_without_period_or_author(report_template):
    with django_timezone.override("Asia/Shanghai"):
        pdf = render_pdf(
            report_template, report_context(), meta=meta(period="", generated_by="", filters=())
        )

    text = pdf_text(pdf)
    assert "Generated at 1 Jul 2026 09:30" in text
    assert "Generated by" not in text
    assert "Owner:" not in text


def test_render_pdf_fetches_nothing_from_user_html(report_template, webhook_server):
    # A real HTTP server on loopback that records every request: any fetch would show.
    url = webhook_server.base
    notes = (
        f'<img src="{url}/img.png">'
        f'<link rel="stylesheet" href="{url}/style.css">'
        f"<style>@import url({url}/import.css);"
        f"@font-face {{ font-family: X; src: url({url}/font.woff) }}"
        f".notes {{ background: url({url}/background.png); font-family: X }}</style>"
        f'<object data="{url}/object.svg"></object>'
        f'<svg><image href="{url}/svg.png" width="10" height="10"/></svg>'
        f'<img src="http://127.0.0.1:9/x.png">'
        f'<img src="file:///etc/passwd">'
        f'<img src="{PNG_DATA_URI}">'
    )

    pdf = render_pdf(report_template, report_context(notes), meta=meta())

    assert pdf.startswith(b"%PDF-")
    assert ACCOUNT in pdf_text(pdf)
    assert webhook_server.requests == []
    # The data: image is the one resource that made it in.
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    images = [x.get_object() for x in page["/Resources"].get("/XObject", {}).values()]
    assert [(image["/Subtype"], image["/Width"]) for image in images] == [("/Image", 1)]
    # The server does answer: the empty list above is not for want of a listener.
    assert urlopen(f"{url}/probe", timeout=5).read() == b"ok"
    assert [request.path for request in webhook_server.requests] == ["/probe"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.png",
        "https://example.com/logo.png",
        "ftp://127.0.0.1/x",
        "file:///etc/passwd",
        f"file://{django_settings.BASE_DIR}/static/css/kam.css",
        "https://kam-export.invalid/media/upload.png",
        "https://kam-export.invalid/static/%2e%2e/kam/settings.py",
        "https://kam-export.invalid/static/css",
        "https://kam-export.invalid/static/css/missing.css",
        "http://kam-export.invalid/static/css/kam.css",
    ],
)
def test_url_fetcher_refuses(url):
    with pytest.raises(ValueError, match="refusing to fetch"):
        exports._url_fetcher().fetch(url)


def test_url_fetcher_serves_data_uris_and_static_files():
    fetcher = exports._url_fetcher()

    data = fetcher.fetch("data:text/plain;charset=utf-8,%E6%9D%AD")
    assert data.read().decode() == "杭"

    static = fetcher.fetch("https://kam-export.invalid/static/css/kam.css")
    try:
        assert static.read() == (Path(django_settings.BASE_DIR) / "static/css/kam.css").read_bytes()
        assert static.content_type == "text/css"
        assert static.url == "https://kam-export.invalid/static/css/kam.css"
    finally:
        static.close()

    # App static files come through the finders too, not only the project's directory.
    admin_css = fetcher.fetch("https://kam-export.invalid/static/admin/css/base.css")
    admin_css.close()
    assert admin_css.content_type == "text/css"


def test_pdf_response_is_an_attachment(db, report_template):
    document = Document(
        meta=meta(), filename="accounts", pdf_template=report_template, context=report_context()
    )
    response = document_response(document, "pdf")
    body = b"".join(response.streaming_content)
    response.close()

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"accounts.pdf\"; filename*=UTF-8''accounts.pdf"
    )
    assert int(response["Content-Length"]) == len(body)
    assert body.startswith(b"%PDF-")


# --- Fonts ------------------------------------------------------------------------------


def test_cjk_font_is_found_here():
    assert cjk_font_available() is True
    assert check_cjk_font(None) == []


def test_check_warns_without_a_cjk_font(tmp_path):
    # A fontconfig with no font directories: what a slim image without fonts looks like.
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><fontconfig>'
        f"<dir>{tmp_path / 'no-fonts'}</dir><cachedir>{tmp_path / 'cache'}</cachedir>"
        "</fontconfig>"
    )
    script = (
        "import django; django.setup()\n"
        "from kam.exports import check_cjk_font\n"
        "[warning] = check_cjk_font(None)\n"
        "print(warning.id, warning.level, warning.hint, sep='|')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={
            **os.environ,
            "FONTCONFIG_FILE": str(config),
            "DJANGO_SETTINGS_MODULE": "kam.settings",
            "DEBUG": "1",
        },
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert result.stdout == "kam.W001|30|install fonts-wqy-microhei\n"
