"""Rendering: XLSX through openpyxl's write-only mode, PDF through WeasyPrint."""

import ctypes
import ctypes.util
import functools
import mimetypes
import os.path
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from itertools import chain, islice
from typing import Any, BinaryIO
from urllib.parse import quote, unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core import checks
from django.core.exceptions import SuspiciousFileOperation
from django.db.models import QuerySet
from django.http import FileResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_CONTENT_TYPE = "application/pdf"
CONTENT_TYPES = {"xlsx": XLSX_CONTENT_TYPE, "pdf": PDF_CONTENT_TYPE}

KINDS = ("text", "int", "decimal", "money", "percent", "date", "datetime", "bool")

_NUMBER_FORMATS = {
    "int": "0",
    "decimal": "0.00",
    "money": "#,##0.00",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
}

#: How many rows are held back to size the columns before streaming the rest.
WIDTH_SAMPLE_ROWS = 100
_MAX_COLUMN_WIDTH = 60
_MIN_COLUMN_WIDTH = 6
# Excel's limits on sheet names; "History" is reserved for its change tracking.
_SHEET_TITLE_MAX = 31
_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))
_RESERVED_SHEET_TITLES = {"history"}
# The characters that make a spreadsheet (or a CSV made from it) read a cell as a formula.
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Rows fetched per database round trip when a QuerySet is exported.
_QUERYSET_CHUNK_SIZE = 2000

# WeasyPrint resolves relative URLs ({% static %} gives "/static/…") against this base. The
# reserved .invalid domain never resolves, and the fetcher maps it to files, never to HTTP.
PDF_BASE_URL = "https://kam-export.invalid/"

_BOLD = Font(bold=True)


@dataclass(frozen=True)
class Column:
    """One column of a sheet.

    ``key`` is a dotted path through attributes or mapping keys (``"owner.display_name"``,
    ``"csat"``), or a callable taking the row. A missing link in the path (a null foreign
    key) gives an empty cell; a callable at the end of the path (``get_tier_display``) is
    called. ``header`` may be a lazy translation, rendered in the active language.
    ``width`` is in characters (None: sized from the header and the first rows).

    ``kind`` is one of ``KINDS``: text (``str()`` of anything); int (``int()``); decimal
    and money (numbers, a Decimal kept as it is); percent (0–100, shown as "87.5%");
    date and datetime (aware values on the active time zone's clock); bool. None is an
    empty cell in every kind.
    """

    key: str | Callable[[Any], Any]
    header: str
    kind: str = "text"
    width: int | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}; expected one of {KINDS}")

    def value(self, row: Any) -> Any:
        """The raw value of this column for ``row``."""
        if callable(self.key):
            return self.key(row)
        value = row
        for part in self.key.split("."):
            if value is None:
                return None
            value = value[part] if isinstance(value, Mapping) else getattr(value, part)
        return value() if callable(value) else value


@dataclass
class Sheet:
    """A worksheet: ``rows`` are objects or mappings, consumed once, never held in memory.

    A QuerySet is read with ``.iterator()``, so its rows are not cached either.
    """

    title: str
    columns: Sequence[Column]
    rows: Iterable[Any]


@dataclass(frozen=True)
class ExportMeta:
    """What an export says about itself, in the PDF header and the XLSX info sheet.

    ``company`` defaults to ``settings.KAM_COMPANY_NAME`` and ``generated_at`` to now; an
    explicit ``generated_at`` must be aware.
    """

    title: str
    company: str = ""
    period: str = ""
    generated_by: str = ""
    generated_at: datetime | None = None
    filters: Sequence[tuple[str, str]] = ()

    def __post_init__(self):
        # Frozen, so the defaults that depend on settings and the clock go in this way.
        if not self.company:
            object.__setattr__(self, "company", settings.KAM_COMPANY_NAME)
        if self.generated_at is None:
            object.__setattr__(self, "generated_at", timezone.now())
        elif timezone.is_naive(self.generated_at):
            raise ValueError("ExportMeta.generated_at must be an aware datetime")


# --- XLSX -------------------------------------------------------------------------------


def write_xlsx(sheets: Sequence[Sheet], *, meta: ExportMeta, fp: BinaryIO) -> int:
    """Write ``sheets`` and an "Export info" sheet to ``fp`` as XLSX; return the data rows.

    Row 1 of each sheet is the bold header, frozen and under an autofilter. Cells are typed
    by their column's kind; text that a spreadsheet would read as a formula stays text.
    """
    workbook = Workbook(write_only=True)
    workbook.properties.title = str(meta.title)
    workbook.properties.creator = str(meta.company)
    titles: set[str] = set()
    written = 0
    for sheet in sheets:
        worksheet = workbook.create_sheet(_sheet_title(sheet.title, titles))
        written += _write_sheet(worksheet, sheet)
    _write_info_sheet(workbook.create_sheet(_sheet_title(_("Export info"), titles)), meta, written)
    workbook.save(fp)
    return written


def _write_sheet(worksheet, sheet: Sheet) -> int:
    columns = list(sheet.columns)
    rows = sheet.rows
    if isinstance(rows, QuerySet):
        rows = rows.iterator(chunk_size=_QUERYSET_CHUNK_SIZE)
    rows = iter(rows)
    # Write-only mode writes column widths and panes before the first row, so the rows
    # that size the columns are converted first and held back until then.
    sample = [_convert_row(columns, row) for row in islice(rows, WIDTH_SAMPLE_ROWS)]
    headers = [str(column.header) for column in columns]
    for index, column in enumerate(columns):
        letter = get_column_letter(index + 1)
        worksheet.column_dimensions[letter].width = column.width or _fitted_width(
            headers[index], column.kind, (values[index] for values in sample)
        )
    worksheet.freeze_panes = "A2"
    worksheet.print_title_rows = "1:1"
    worksheet.append([_text_cell(worksheet, header, bold=True) for header in headers])
    count = 0
    kinds = [column.kind for column in columns]
    for values in chain(sample, (_convert_row(columns, row) for row in rows)):
        worksheet.append([_cell(worksheet, kind, v) for kind, v in zip(kinds, values, strict=True)])
        count += 1
    if columns:
        # The filter range is written after the rows in write-only mode, so it can cover
        # exactly the rows streamed.
        worksheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    return count


def _write_info_sheet(worksheet, meta: ExportMeta, rows_written: int) -> None:
    """Label/value rows: the metadata, then the filters, one a row."""
    lines = [
        (str(_("Title")), "text", str(meta.title)),
        (str(_("Company")), "text", str(meta.company)),
        (str(_("Period")), "text", str(meta.period)),
        (str(_("Generated by")), "text", str(meta.generated_by)),
        (str(_("Generated at")), "datetime", _excel_datetime(meta.generated_at)),
        (str(_("Rows exported")), "int", rows_written),
    ]
    filters = [(str(label), str(value)) for label, value in meta.filters]
    filters_label = str(_("Filters"))
    labels = [label for label, _kind, _value in lines] + [label for label, _value in filters]
    texts = [value for _label, kind, value in lines if kind == "text"]
    worksheet.column_dimensions["A"].width = _fitted_width(filters_label, "text", labels)
    worksheet.column_dimensions["B"].width = _fitted_width(
        "", "text", texts + [value for _label, value in filters]
    )
    for label, kind, value in lines:
        worksheet.append([_text_cell(worksheet, label, bold=True), _cell(worksheet, kind, value)])
    worksheet.append([])
    if not filters:
        worksheet.append([_text_cell(worksheet, filters_label, bold=True), str(_("None"))])
        return
    worksheet.append([_text_cell(worksheet, filters_label, bold=True)])
    for label, value in filters:
        worksheet.append([_text_cell(worksheet, label), _text_cell(worksheet, value)])


def _convert_row(columns: Sequence[Column], row: Any) -> list[Any]:
    return [_convert(column.kind, column.value(row)) for column in columns]


def _convert(kind: str, value: Any) -> Any:
    """The Python value to store for a cell of ``kind`` (None stays None: an empty cell)."""
    if value is None:
        return None
    if kind == "text":
        return str(value)
    if kind == "int":
        return int(value)
    if kind in ("decimal", "money"):
        return _number(value)
    if kind == "percent":
        # Values arrive as 0–100; Excel's percent format multiplies a fraction by 100.
        return _number(value) / 100
    if kind == "date":
        if isinstance(value, datetime):
            return _excel_datetime(value).date()
        return value
    if kind == "datetime":
        return _excel_datetime(value) if isinstance(value, datetime) else value
    return bool(value)


def _number(value: Any) -> int | float | Decimal:
    # A Decimal is stored as it is: converting it to float first would round it twice.
    return value if isinstance(value, int | float | Decimal) else Decimal(str(value))


def _excel_datetime(value: datetime) -> datetime:
    """``value`` on the active time zone's clock, naive: Excel has no time zones."""
    if timezone.is_naive(value):
        return value
    return timezone.localtime(value).replace(tzinfo=None)


def _cell(worksheet, kind: str, value: Any) -> Any:
    if value is None:
        return None
    # Whatever the column's kind, a string (a date column holding "=cmd|…") is text.
    if isinstance(value, str):
        return _text_cell(worksheet, value)
    if kind in _NUMBER_FORMATS:
        cell = WriteOnlyCell(worksheet, value)
        cell.number_format = _NUMBER_FORMATS[kind]
        return cell
    return value


def _text_cell(worksheet, text: str, *, bold: bool = False) -> Any:
    """``text`` as a string cell that no spreadsheet evaluates (formula injection).

    openpyxl stores any string starting with "=" as a formula and "#N/A" and friends as
    errors, so those are forced to the string type: Excel then shows them, it does not
    run them. Text starting with "+", "-", "@", tab or CR is already a string in the
    file, but becomes a formula once a user edits the cell or the sheet goes through CSV.
    Each of these cells also gets the ``quotePrefix`` style flag, which is what Excel and
    LibreOffice record for text typed with a leading apostrophe: it keeps the cell text on
    edit. Prefixing the value itself with "'" would not: in XLSX the apostrophe is only an
    input convention, so it would become a visible part of the data.
    """
    # Control characters other than tab, LF and CR make the file unreadable.
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    guarded = text.startswith(_FORMULA_TRIGGERS) or text in ERROR_CODES
    if not (guarded or bold):
        # A plain str costs openpyxl less than a cell object: most cells take this path.
        return text
    cell = WriteOnlyCell(worksheet, text)
    if guarded:
        cell.data_type = "s"
        cell.quotePrefix = True
    if bold:
        cell.font = _BOLD
    return cell


def _fitted_width(header: str, kind: str, values: Iterable[Any]) -> int:
    widest = max(
        (_display_width(_display_text(kind, value)) for value in values if value is not None),
        default=0,
    )
    widest = max(widest, _display_width(header))
    # Two characters for the autofilter button and the cell padding.
    return min(max(widest + 2, _MIN_COLUMN_WIDTH), _MAX_COLUMN_WIDTH)


def _display_text(kind: str, value: Any) -> str:
    """Roughly what Excel shows for ``value`` in the number format of ``kind``."""
    if kind == "date":
        return "0000-00-00"
    if kind == "datetime":
        return "0000-00-00 00:00"
    if kind == "money":
        return f"{value:,.2f}"
    if kind == "decimal":
        return f"{value:.2f}"
    if kind == "percent":
        return f"{value:.1%}"
    if kind == "bool":
        return "FALSE"
    return str(value)


def _display_width(text: str) -> int:
    """Width of the widest line of ``text``: wide (CJK) characters take two columns."""
    return max(
        (
            sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)
            for line in text.splitlines()
        ),
        default=0,
    )


def _sheet_title(title: str, taken: set[str]) -> str:
    """``title`` made a valid Excel sheet name, unique (case-insensitively) among ``taken``."""
    text = ILLEGAL_CHARACTERS_RE.sub("", str(title)).translate(_SHEET_TITLE_FORBIDDEN)
    # Excel refuses names that start or end with an apostrophe, or are blank.
    text = text.strip().strip("'").strip()[:_SHEET_TITLE_MAX].rstrip("'") or str(_("Sheet"))
    candidate, number = text, 1
    while candidate.casefold() in taken or candidate.casefold() in _RESERVED_SHEET_TITLES:
        number += 1
        suffix = f" ({number})"
        candidate = text[: _SHEET_TITLE_MAX - len(suffix)].rstrip("'") + suffix
    taken.add(candidate.casefold())
    return candidate


# --- PDF --------------------------------------------------------------------------------


def render_pdf(template_name: str, context: dict, *, meta: ExportMeta) -> bytes:
    """Render ``template_name`` (extending ``exports/base_pdf.html``) to PDF bytes.

    The template gets ``context`` plus ``meta``. Images, stylesheets and fonts load only
    from ``data:`` URIs and static files; any other URL is refused and left out.
    """
    # Imported here: WeasyPrint loads Pango when imported, and the rest of the project
    # (XLSX exports, the system check, every manage.py command) must work without it.
    from weasyprint import HTML

    html = render_to_string(template_name, {**context, "meta": meta})
    document = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=_url_fetcher())
    return document.write_pdf()


def _url_fetcher():
    return _static_only_fetcher_class()()


# Built on first use: subclassing WeasyPrint's fetcher means importing WeasyPrint (see above).
@functools.cache
def _static_only_fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyURLFetcher(URLFetcher):
        """Serves ``data:`` URIs and static files (through the staticfiles finders) only.

        Everything else (http, https, ftp, file, other hosts) raises; WeasyPrint logs the
        refusal and renders the document without that resource.
        """

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = _static_file(url)
            if path is None:
                raise ValueError(f"refusing to fetch {url!r} while rendering a PDF")
            content_type, _encoding = mimetypes.guess_type(path)
            # The response keeps the static URL, so url() references inside a static
            # stylesheet resolve to static URLs again and come back through here.
            return URLFetcherResponse(
                url,
                open(path, "rb"),  # noqa: SIM115 - WeasyPrint closes the response
                {"Content-Type": content_type or "application/octet-stream"},
            )

    return StaticOnlyURLFetcher


def _static_file(url: str) -> str | None:
    """The file a static URL names, or None when ``url`` is not a static file's URL."""
    prefix = urlsplit(urljoin(PDF_BASE_URL, settings.STATIC_URL))
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (prefix.scheme, prefix.netloc):
        return None
    if not parts.path.startswith(prefix.path):
        return None
    relative = unquote(parts.path[len(prefix.path) :])
    try:
        path = finders.find(relative)
    except SuspiciousFileOperation:  # "../" out of a static directory
        return None
    # A finder also "finds" directories.
    return path if path and os.path.isfile(path) else None


# --- Download names ---------------------------------------------------------------------


def attachment(fp: BinaryIO, filename: str, fmt: str) -> FileResponse:
    """``fp`` as the download ``filename`` of format ``fmt``; the response closes it."""
    response = FileResponse(fp, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(filename)
    return response


def content_disposition(filename: str) -> str:
    """An ``attachment`` Content-Disposition for ``filename``, which may be Chinese.

    ``filename*`` (RFC 6266/5987) carries the real name for every current browser; the
    plain ``filename`` is an ASCII fallback ("export.xlsx" when nothing ASCII is left).
    """
    # Path separators and control characters have no place in a download name.
    name = "".join(
        "_" if char in "/\\" or unicodedata.category(char) == "Cc" else char for char in filename
    )
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    ascii_name = " ".join(ascii_name.replace('"', "").split())
    stem, dot, extension = ascii_name.rpartition(".")
    if not dot:
        stem, extension = extension, ""
    # What is left of "杭州-2026.xlsx" is "-2026.xlsx": trim the separators around the gap.
    ascii_name = (stem.strip(" ._-") or "export") + dot + extension
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


# --- Fonts ------------------------------------------------------------------------------


def cjk_font_available() -> bool:
    """Whether fontconfig (which WeasyPrint's Pango uses) knows a font covering Chinese.

    Asks libfontconfig directly, as ``fc-list :lang=zh`` would: the ``fc-list`` program is
    often missing from slim images where the library itself is present.
    """
    library = ctypes.util.find_library("fontconfig")
    if library is None:
        return False
    fontconfig = ctypes.CDLL(library)
    fontconfig.FcNameParse.restype = ctypes.c_void_p
    fontconfig.FcNameParse.argtypes = [ctypes.c_char_p]
    fontconfig.FcObjectSetCreate.restype = ctypes.c_void_p
    fontconfig.FcObjectSetAdd.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    fontconfig.FcFontList.restype = ctypes.POINTER(ctypes.c_int)  # FcFontSet; nfont first
    fontconfig.FcFontList.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    for name in ("FcPatternDestroy", "FcObjectSetDestroy", "FcFontSetDestroy"):
        getattr(fontconfig, name).argtypes = [ctypes.c_void_p]
    pattern = fontconfig.FcNameParse(b":lang=zh")
    # FcObjectSetCreate/Add rather than the variadic FcObjectSetBuild: ctypes cannot call
    # variadic functions portably.
    objects = fontconfig.FcObjectSetCreate()
    fontconfig.FcObjectSetAdd(objects, b"family")
    fonts = fontconfig.FcFontList(None, pattern, objects)
    try:
        return bool(fonts) and fonts.contents.value > 0
    finally:
        if fonts:
            fontconfig.FcFontSetDestroy(fonts)
        fontconfig.FcObjectSetDestroy(objects)
        fontconfig.FcPatternDestroy(pattern)


def check_cjk_font(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """System check ``kam.W001``: PDF exports need a CJK font for Chinese names."""
    if cjk_font_available():
        return []
    # Like Django's own checks, in English: they are read by whoever runs the server.
    return [
        checks.Warning(
            "No CJK font found: Chinese text in PDF exports will render as empty boxes.",
            hint="install fonts-wqy-microhei",
            id="kam.W001",
        )
    ]
