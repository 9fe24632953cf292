"""The one importer: CSV and XLSX files in, records created and updated all-or-nothing.

An app describes an import in its ``imports`` module (found by ``autodiscover_modules`` at
start-up, like ``admin``) and ``kam`` does the rest: the upload page, the preview, the
REST endpoint, the batches that keep each file. For orders keyed by their number::

    register(ImportDefinition(
        name="orders",
        label=gettext_lazy("Orders"),
        model=Order,
        columns=(
            ImportColumn.of(Order, "number", Text(max_length=50), required=True),
            ImportColumn.of(Order, "account", Record(Account, "code"), required=True),
            ImportColumn.of(Order, "ordered_on", Date(), required=True),
            ImportColumn.of(Order, "amount", Number()),
        ),
        key=("number",),
        apply_row=apply_order,  # (*, by, instance, data) -> Order, through the app's services
    ))

A file is read (``read_table``: XLSX streamed by openpyxl, CSV by the csv module), its
headers matched to the columns (the field name, the verbose name in English or Simplified
Chinese, or an alias; case, spaces, ``_`` and ``-`` do not matter), every cell parsed,
then every row written through the app's services inside one transaction, each row in a
savepoint of its own so that one refused row does not keep the others from being checked.
Any error rolls everything back; a preview (``dry_run``) always does. Rows are numbered as
the spreadsheet shows them (the header is row 1) and errors name the column as its header
was written in the file.

A row whose key matches a record the importer may change updates it, with only the fields
that differ; a row that changes nothing is not saved at all, so importing a file twice
changes nothing the second time. Empty cells of optional columns leave a field as it is
(or at its default for a new record). The existing records are fetched with one query
per ``LOOKUP_CHUNK`` keys, and each looked-up column (owners, accounts) with one query
per ``LOOKUP_CHUNK`` values, so a row costs nothing beyond its own write.
"""

import csv
import functools
import io
import logging
import os.path
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import openpyxl
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DataError, IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from kam.bounds import check_year
from kam.errors import Conflict
from kam.models import ImportBatch, ImportStatus
from kam.queue import as_requester, enqueue, requester_context
from kam.search import normalise
from kam.visibility import CHANGE, assignable_owners

logger = logging.getLogger(__name__)
#: How often a long import records how far it has come (the batch page shows it).
PROGRESS_EVERY = 250
PROGRESS_TTL = 2 * 60 * 60
#: A queued batch older than this was never handed over: queue it again.
STALE = timedelta(minutes=10)
#: Longer than the task's time limit: a batch still taken this long lost its worker.
ABANDONED = timedelta(minutes=70)

#: What an upload may be: bytes on the wire, data rows, and an XLSX's unpacked size (an
#: XLSX is a zip, and a small zip can unpack to gigabytes).
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
MAX_UNPACKED_BYTES = 20 * MAX_BYTES
#: Columns read at most: an import has a dozen; a sheet declaring thousands is cut short.
MAX_COLUMNS = 100
FORMATS = ("csv", "xlsx")
#: Values per lookup query: SQLite refuses statements with more than 32,766 parameters.
LOOKUP_CHUNK = 10_000
#: How much of a preview a batch keeps (and its page shows); the API answers all of it.
PREVIEW_LIMIT = 200
ERRORS_LIMIT = 1000
#: The first data row: the header is row 1, as the spreadsheet numbers it.
FIRST_ROW = 2

CREATED, UPDATED = "created", "updated"

#: A date as people type it: 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, with an optional
#: midnight time (what a database export writes).
_DATE_RE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]0{1,2}:00(?::00(?:\.0+)?)?)?"
)
_DECIMAL_RE = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_INTEGER_RE = re.compile(r"[+-]?\d+")


def problem(row: int | None, column: str | None, message) -> dict:
    """One error or warning: ``{"row": 7, "column": "owner", "message": "…"}``."""
    return {"row": row, "column": column, "message": str(message)}


class ImportFileError(Exception):
    """The file as a whole cannot be imported: unreadable, too large, wrong columns."""

    def __init__(self, errors: list[dict]):
        super().__init__(errors)
        self.errors = errors

    @classmethod
    def of(cls, message) -> "ImportFileError":
        return cls([problem(None, None, message)])


def chunked(values: Iterable, size: int = LOOKUP_CHUNK) -> Iterator[list]:
    """``values`` in lists of at most ``size``: one lookup query each."""
    chunk = []
    for value in values:
        chunk.append(value)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def normalized(text) -> str:
    """``text`` as headers and choices are compared: normalised as searches are (NFKC, for
    the full-width forms of Chinese input methods, and case-folded), without spaces, ``_``
    or ``-``."""
    return "".join(normalise(text).replace("_", " ").replace("-", " ").split())


def cell_text(value) -> str:
    """A cell as the text it shows: stripped, whole numbers without ".0", dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


# --- Reading files ------------------------------------------------------------------------


def file_format(filename: str) -> str | None:
    """The format ("csv" or "xlsx") the extension of ``filename`` names, else None."""
    extension = filename.rpartition(".")[2].lower() if "." in filename else ""
    return extension if extension in FORMATS else None


def check_upload(upload) -> str:
    """The format of ``upload``, or a ValidationError saying why it is refused unread."""
    fmt = file_format(upload.name or "")
    if fmt is None:
        raise ValidationError(_("Upload a .csv or .xlsx file."), code="format")
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(size)d MiB.") % {"size": MAX_BYTES // (1024 * 1024)},
            code="size",
        )
    return fmt


def read_table(file) -> tuple[list, list[Sequence]]:
    """The header row and the data rows of ``file``: a CSV, or an XLSX's active sheet.

    Every row is kept, blank ones too, so that data row ``i`` (from 0) is spreadsheet row
    ``i + 2``; only blank rows at the end are dropped. XLSX cells come typed (dates as
    ``datetime``, numbers as ``int`` or ``float``), CSV cells as text. Raises
    ``ImportFileError`` for a file that cannot be read or is too large.
    """
    try:
        fmt = check_upload(file)
    except ValidationError as error:
        raise ImportFileError.of(error.messages[0]) from error
    content = file.read()
    rows = _read_xlsx(content) if fmt == "xlsx" else _read_csv(content)
    while rows and not any(cell_text(value) for value in rows[-1]):
        rows.pop()
    if not rows:
        raise ImportFileError.of(_("The file is empty."))
    # No database stores NUL in text (PostgreSQL's driver refuses the whole query).
    for number, row in enumerate(rows, start=1):
        if any(isinstance(value, str) and "\x00" in value for value in row):
            raise ImportFileError([problem(number, None, _("This row holds a NUL character."))])
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFileError.of(
            _("The file has more than %(max)s rows; split it into smaller files.")
            % {"max": f"{MAX_ROWS:,}"}
        )
    return list(rows[0]), rows[1:]


def _read_csv(content: bytes) -> list[Sequence]:
    # Excel writes UTF-8 with a BOM ("CSV UTF-8"); Chinese Excel's plain "CSV" is GB18030
    # (a superset of GBK and GB2312).
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError.of(_("Save the CSV file as UTF-8 (or GB18030) and upload it again."))
    # The csv module rather than a loader that drops blank lines, which would shift the
    # row number of every error after one.
    try:
        return _bounded(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise ImportFileError.of(_("This is not a readable CSV file.")) from error


def _bounded(rows: Iterable[Sequence]) -> list[Sequence]:
    """At most one row more than an import takes (so "too many rows" can be said), each at
    most ``MAX_COLUMNS`` wide: a small file that declares a million blank rows or columns
    must not fill the server's memory before it is refused."""
    kept = []
    for row in rows:
        row = list(row[:MAX_COLUMNS])
        while row and row[-1] in (None, ""):
            row.pop()
        kept.append(row)
        if len(kept) > MAX_ROWS + 1:
            break
    return kept


def _read_xlsx(content: bytes) -> list[Sequence]:
    unreadable = _("This is not a readable XLSX file.")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ImportFileError.of(unreadable) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError.of(
            _("The file unpacks to more than %(size)d MiB.")
            % {"size": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )
    try:
        # Streamed, and the sheet's declared size ignored: the rows are read as they come.
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = workbook.active
            sheet.reset_dimensions()
            return _bounded(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS))
        finally:
            workbook.close()
    except Exception as error:
        # A broken workbook fails in openpyxl in many ways (KeyError, ValueError, XML
        # errors…); to the user they are all the same unreadable file, never a 500.
        raise ImportFileError.of(unreadable) from error


# --- Parsing cells ------------------------------------------------------------------------


class Parser:
    """How the cells of a column become a field's value (the ``parse`` of an ImportColumn).

    ``prepare`` is called once per import with the column's non-empty cell texts, and
    returns the function that parses one cell: a lookup column fetches its records there,
    with one query. Parsers raise ``ValidationError`` with a message for the user.
    """

    def prepare(self, texts: set[str], by) -> Callable[[Any], Any]:
        return self.parse

    def parse(self, value):
        raise NotImplementedError

    def describe(self) -> str:
        """What the column accepts, for the upload page."""
        return ""


class Text(Parser):
    def __init__(self, max_length: int | None = None):
        self.max_length = max_length

    def parse(self, value):
        text = cell_text(value)
        if self.max_length is not None and len(text) > self.max_length:
            raise ValidationError(
                _("At most %(max)d characters (this cell has %(length)d).")
                % {"max": self.max_length, "length": len(text)}
            )
        return text

    def describe(self):
        if self.max_length is None:
            return _("Text")
        return _("Text, at most %(max)d characters") % {"max": self.max_length}


class Choice(Parser):
    """One of ``choices`` (a ``TextChoices`` class or pairs): its value, or its label in
    English or Chinese (``strategic``, ``Strategic``, ``战略``)."""

    def __init__(self, choices):
        self.choices = list(getattr(choices, "choices", choices))

    def prepare(self, texts, by):
        accepted = {}
        for language in ("en", "zh-hans"):
            with translation.override(language):
                accepted.update((normalized(label), value) for value, label in self.choices)
        accepted.update((normalized(value), value) for value, _label in self.choices)

        def parse(value):
            try:
                return accepted[normalized(cell_text(value))]
            except KeyError:
                raise ValidationError(
                    _("“%(value)s” is not one of: %(choices)s.")
                    % {"value": cell_text(value), "choices": self.describe_choices()}
                ) from None

        return parse

    def describe_choices(self) -> str:
        return ", ".join(f"{value} ({label})" for value, label in self.choices)

    def describe(self):
        return _("One of: %(choices)s") % {"choices": self.describe_choices()}


class Date(Parser):
    """A date: an XLSX date cell, or text such as 2024-03-01, 2024/3/1 or 2024年3月1日."""

    def parse(self, value):
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return check_year(value)
        match = _DATE_RE.fullmatch(unicodedata.normalize("NFKC", cell_text(value)))
        if match:
            try:
                return check_year(date(*(int(part) for part in match.groups())))
            except ValueError:  # 2024-02-30
                pass
        raise ValidationError(
            _("“%(value)s” is not a date; write it as 2024-03-01.") % {"value": cell_text(value)}
        )

    def describe(self):
        return _("A date, such as 2024-03-01 or 2024/3/1")


class Number(Parser):
    """A decimal number, at least ``min_value``; thousands separators are allowed."""

    def __init__(self, min_value: Decimal | None = Decimal("0")):
        self.min_value = min_value

    def parse(self, value):
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            number = Decimal(str(value))
        else:
            text = unicodedata.normalize("NFKC", cell_text(value)).replace(" ", "")
            if not _DECIMAL_RE.fullmatch(text):
                raise ValidationError(
                    _("“%(value)s” is not a number; write it as 1234.50 or 1,234.50.")
                    % {"value": cell_text(value)}
                )
            number = Decimal(text.replace(",", ""))
        if self.min_value is not None and number < self.min_value:
            raise ValidationError(
                _("The number must be %(min)s or more.") % {"min": self.min_value}
            )
        return number

    def describe(self):
        if self.min_value is None:
            return _("A number")
        return _("A number, %(min)s or more") % {"min": self.min_value}


class Integer(Parser):
    def __init__(self, min_value: int = 0, max_value: int = 2**31 - 1):
        self.min_value, self.max_value = min_value, max_value

    def parse(self, value):
        number = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        elif isinstance(value, str):
            text = unicodedata.normalize("NFKC", value.strip())
            number = int(text) if _INTEGER_RE.fullmatch(text) else None
        if number is None or not self.min_value <= number <= self.max_value:
            raise ValidationError(
                _("“%(value)s” is not a whole number from %(min)d to %(max)d.")
                % {"value": cell_text(value), "min": self.min_value, "max": self.max_value}
            )
        return number

    def describe(self):
        return _("A whole number from %(min)d to %(max)d") % {
            "min": self.min_value,
            "max": self.max_value,
        }


class Lookup(Parser):
    """A record named by its ``field``, among ``queryset(importer)``.

    All the records a column names are fetched at once, so that no row costs a query.
    """

    def __init__(self, queryset: Callable[[Any], models.QuerySet], field: str):
        self.queryset, self.field = queryset, field

    def prepare(self, texts, by):
        found = {}
        for chunk in chunked(sorted(texts)):
            for record in self.queryset(by).filter(**{f"{self.field}__in": chunk}):
                found[getattr(record, self.field)] = record

        def parse(value):
            text = cell_text(value)
            try:
                return found[text]
            except KeyError:
                raise ValidationError(self.not_found(text)) from None

        return parse

    def not_found(self, text: str) -> str:
        raise NotImplementedError


class Owner(Lookup):
    """A user by username, among those the importer may assign (``assignable_owners``).

    An empty cell leaves the owner as it is; the services make a new record the importer's.
    """

    def __init__(self):
        super().__init__(assignable_owners, "username")

    def not_found(self, text):
        # The same words whether the user does not exist or is not the importer's to assign.
        return _("“%(value)s” is not a user you may assign records to.") % {"value": text}

    def describe(self):
        return _("The username of someone you may assign; empty: you, for a new record")


class Record(Lookup):
    """A ``model`` record by its ``field`` (an account by its code), among the records the
    importer may change: nothing can be attached to another rep's record."""

    def __init__(self, model: type[models.Model], field: str):
        super().__init__(lambda by: model._default_manager.visible_to(by, CHANGE), field)
        self.model = model

    def _names(self) -> dict:
        meta = self.model._meta
        return {"model": meta.verbose_name, "field": meta.get_field(self.field).verbose_name}

    def not_found(self, text):
        return _("No %(model)s with %(field)s “%(value)s” that you may change.") % {
            **self._names(),
            "value": text,
        }

    def describe(self):
        return _("The %(field)s of a %(model)s you may change") % self._names()


# --- Definitions and the registry ---------------------------------------------------------


@dataclass(frozen=True)
class ImportColumn:
    """A column of an import: the model ``field`` it fills, its ``label`` (the header of
    the template), how its cells are parsed, and other headers it is known by."""

    field: str
    label: Any
    parse: Parser
    required: bool = False
    aliases: tuple[str, ...] = ()

    @classmethod
    def of(cls, model: type[models.Model], field: str, parse: Parser, **kwargs):
        """A column labelled with the model field's verbose name."""
        return cls(field, model._meta.get_field(field).verbose_name, parse, **kwargs)

    def headers(self) -> set[str]:
        """Every header this column answers to, normalized."""
        names = {self.field, *self.aliases}
        for language in ("en", "zh-hans"):
            with translation.override(language):
                names.add(str(self.label))
        return {normalized(name) for name in names}


@dataclass(frozen=True)
class ImportDefinition:
    """What an app imports, and how a row is written.

    ``key`` names the required columns that identify a record; rows whose key matches a
    record in ``queryset(importer)`` update it. ``apply_row(*, by, instance, data)`` writes
    one row through the app's services and returns the record: ``instance`` is None for a
    new record, and ``data`` holds the parsed values (for an update, only those that
    differ). ``warnings(*, by, rows)`` may look at the rows that would create records,
    ``[(row number, data), …]``, and return ``(row number, field, message)`` for the
    preview (a likely duplicate, say).
    """

    name: str
    label: Any
    model: type[models.Model]
    columns: tuple[ImportColumn, ...]
    key: tuple[str, ...]
    apply_row: Callable[..., models.Model]
    warnings: Callable[..., Iterable[tuple[int, str, str]]] | None = None
    description: Any = ""

    def __post_init__(self):
        if not re.fullmatch(r"[a-z0-9-]+", self.name) or self.name == "batches":
            raise ValueError(f"import name {self.name!r} cannot be part of its URL")
        fields = [column.field for column in self.columns]
        if len(set(fields)) != len(fields):
            raise ValueError(f"import {self.name!r} has a field in two columns")
        required = {column.field for column in self.columns if column.required}
        if not self.key or not set(self.key) <= required:
            raise ValueError(f"the key of import {self.name!r} must be required columns")

    def queryset(self, by) -> models.QuerySet:
        """The records a row may update: those the importer may change."""
        return self.model._default_manager.visible_to(by, CHANGE)

    @functools.cached_property
    def header_map(self) -> dict[str, ImportColumn]:
        """Normalized header -> column; two columns answering to one header is a bug."""
        found: dict[str, ImportColumn] = {}
        for column in self.columns:
            for header in column.headers():
                other = found.setdefault(header, column)
                if other is not column:
                    raise ValueError(
                        f"import {self.name!r}: {header!r} names {other.field} and {column.field}"
                    )
        return found


_definitions: dict[str, ImportDefinition] = {}


def register(definition: ImportDefinition) -> ImportDefinition:
    definition.header_map  # noqa: B018 - two columns claiming one header fail at start-up
    _definitions[definition.name] = definition
    return definition


def get(name: str) -> ImportDefinition | None:
    return _definitions.get(name)


def definitions() -> list[ImportDefinition]:
    return sorted(_definitions.values(), key=lambda definition: definition.name)


# --- Running an import --------------------------------------------------------------------


@dataclass
class ImportOutcome:
    """What an import did (or, previewed, would do)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)
    #: Per created or updated row: ``{"row", "action", "key", "fields": [{"column",
    #: "old", "new"}, …]}``; an update lists the fields that change.
    changes: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    applied: bool = False

    def counts(self) -> dict:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}

    def preview(self) -> dict:
        return {**self.counts(), "changes": self.changes, "warnings": self.warnings}

    def summary(self) -> dict:
        """What a batch keeps: the counts, and the start of each list with its length."""
        kept = {"errors": ERRORS_LIMIT, "changes": PREVIEW_LIMIT, "warnings": PREVIEW_LIMIT}
        summary = self.counts()
        for name, limit in kept.items():
            items = getattr(self, name)
            summary[name] = items[:limit]
            summary[f"{name}_total"] = len(items)
        return summary


@dataclass
class _Bound:
    """A column of the definition, found at ``index`` in the file under ``header``."""

    index: int
    column: ImportColumn
    header: str


@dataclass
class _Row:
    number: int
    #: field -> (the cell as read, its text); empty cells are left out.
    cells: dict[str, tuple[Any, str]]
    data: dict[str, Any] = field(default_factory=dict)
    key: tuple | None = None
    instance: models.Model | None = None
    failed: bool = False


def run_import(
    definition: ImportDefinition, file, *, by, dry_run: bool = True, progress=None
) -> ImportOutcome:
    """Import ``file`` as ``by``: all of it, or (with any error, or ``dry_run``) nothing.

    ``progress(done, total)`` is told, every ``PROGRESS_EVERY`` rows, how far the writing is.
    """
    try:
        headers, rows = read_table(file)
        run = _Run(definition, by, _bind_columns(definition, headers, rows), progress)
    except ImportFileError as error:
        return ImportOutcome(errors=error.errors)
    return run.run(rows, dry_run=dry_run)


def _bind_columns(definition: ImportDefinition, headers, rows) -> list[_Bound]:
    """The file's columns, in its order; unknown, repeated and missing columns are errors."""
    bound, errors, seen = [], [], {}
    # A CSV row may run past the header row: its extra cells are columns without a header.
    width = max([len(headers), *(len(row) for row in rows)])
    for index, raw in enumerate([*headers, *[None] * (width - len(headers))]):
        header = cell_text(raw)
        if not header:
            if any(index < len(row) and cell_text(row[index]) for row in rows):
                errors.append(
                    problem(
                        1,
                        get_column_letter(index + 1),
                        _("This column has values but no header."),
                    )
                )
            continue
        column = definition.header_map.get(normalized(header))
        if column is None:
            errors.append(
                problem(
                    1,
                    header,
                    _("Unknown column “%(header)s”; the columns of this import are %(columns)s.")
                    % {"header": header, "columns": ", ".join(c.field for c in definition.columns)},
                )
            )
        elif column.field in seen:
            errors.append(
                problem(
                    1,
                    header,
                    _("“%(header)s” is the same column as “%(other)s”.")
                    % {"header": header, "other": seen[column.field]},
                )
            )
        else:
            seen[column.field] = header
            bound.append(_Bound(index, column, header))
    for column in definition.columns:
        if column.required and column.field not in seen:
            errors.append(
                problem(
                    1,
                    column.field,
                    _("The file has no “%(label)s” column; it is required.")
                    % {"label": column.label},
                )
            )
    if errors:
        raise ImportFileError(errors)
    return bound


class _Run:
    """One import of one file's rows, its outcome filled in as it goes."""

    def __init__(self, definition: ImportDefinition, by, columns: list[_Bound], progress=None):
        self.definition, self.by, self.columns = definition, by, columns
        self.progress = progress
        self.meta = definition.model._meta
        self.headers = {bound.column.field: bound.header for bound in columns}
        self.outcome = ImportOutcome()

    def run(self, table: list[Sequence], *, dry_run: bool) -> ImportOutcome:
        rows = self.parse(table)
        self.match(rows)
        if dry_run and self.definition.warnings is not None:
            self.warn(rows)
        with transaction.atomic():
            written = []
            for done, row in enumerate(rows, start=1):
                pk = None if row.failed else self.write(row)
                if pk is not None:
                    written.append((row, pk))
                if self.progress is not None and done % PROGRESS_EVERY == 0:
                    self.progress(done, len(rows))
            self.check_still_changeable(written)
            self.outcome.applied = not (dry_run or self.outcome.errors)
            if not self.outcome.applied:
                transaction.set_rollback(True)
        self.outcome.errors.sort(key=lambda error: error["row"] or 0)
        return self.outcome

    # -- errors --

    def column_of(self, field_name: str | None) -> str | None:
        """The header ``field_name`` was read from; its name when the file has no such column."""
        if field_name is None or field_name == NON_FIELD_ERRORS:
            return None
        return self.headers.get(field_name, field_name)

    def fail(self, row: _Row, field_name: str | None, messages) -> None:
        row.failed = True
        column = self.column_of(field_name)
        self.outcome.errors.extend(problem(row.number, column, message) for message in messages)

    def fail_with(self, row: _Row, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.fail(row, None, error.messages)
            return
        for name, errors in error.error_dict.items():
            self.fail(row, name, ValidationError(errors).messages)

    # -- steps --

    def parse(self, table: list[Sequence]) -> list[_Row]:
        rows = []
        for offset, values in enumerate(table):
            cells = {}
            for bound in self.columns:
                value = values[bound.index] if bound.index < len(values) else None
                text = cell_text(value)
                if text:
                    cells[bound.column.field] = (value, text)
            if cells:
                rows.append(_Row(FIRST_ROW + offset, cells))
        for bound in self.columns:
            column = bound.column
            texts = {row.cells[column.field][1] for row in rows if column.field in row.cells}
            parse = column.parse.prepare(texts, self.by)
            for row in rows:
                if column.field in row.cells:
                    try:
                        row.data[column.field] = parse(row.cells[column.field][0])
                    except ValidationError as error:
                        self.fail(row, column.field, error.messages)
                elif column.required:
                    self.fail(row, column.field, [_("This column needs a value in every row.")])
        return rows

    def match(self, rows: list[_Row]) -> None:
        """The record each row updates: one query per ``LOOKUP_CHUNK`` rows."""
        key = self.definition.key
        first_row = {}
        for row in rows:
            if not all(name in row.data for name in key):
                continue
            row.key = tuple(_key_part(row.data[name]) for name in key)
            if row.key in first_row:
                self.fail(
                    row,
                    key[0],
                    [
                        _("The same %(columns)s as row %(row)d.")
                        % {
                            "columns": ", ".join(self.headers[name] for name in key),
                            "row": first_row[row.key],
                        }
                    ],
                )
            else:
                first_row[row.key] = row.number
        keyed = [row for row in rows if row.key is not None and not row.failed]
        attnames = [self.meta.get_field(name).attname for name in key]
        # Foreign keys come along, for the preview's "old" values.
        related = [
            bound.column.field
            for bound in self.columns
            if self.meta.get_field(bound.column.field).is_relation
        ]
        queryset = self.definition.queryset(self.by).select_related(*related)
        found: dict[tuple, dict[int, models.Model]] = {}
        for chunk in chunked(keyed):
            lookup = {
                f"{name}__in": {row.key[position] for row in chunk}
                for position, name in enumerate(key)
            }
            for record in queryset.filter(**lookup):
                record_key = tuple(getattr(record, attname) for attname in attnames)
                found.setdefault(record_key, {})[record.pk] = record
        for row in keyed:
            matches = list(found.get(row.key, {}).values())
            if len(matches) > 1:
                self.fail(
                    row,
                    key[0],
                    [
                        _(
                            "%(count)d existing records have this %(columns)s; the import "
                            "cannot tell which one to update."
                        )
                        % {
                            "count": len(matches),
                            "columns": ", ".join(self.headers[name] for name in key),
                        }
                    ],
                )
            elif matches:
                row.instance = matches[0]

    def warn(self, rows: list[_Row]) -> None:
        new = [(row.number, row.data) for row in rows if row.instance is None and not row.failed]
        for number, field_name, message in self.definition.warnings(by=self.by, rows=new):
            self.outcome.warnings.append(problem(number, self.column_of(field_name), message))

    def write(self, row: _Row) -> int | None:
        """Write one row in a savepoint of its own; the record's pk, or None."""
        instance = row.instance
        data = row.data if instance is None else self.changed(instance, row.data)
        if not data:
            # Not saved at all: no history entry, no new updated_at.
            self.outcome.unchanged += 1
            return None
        change = self.describe_change(row, data)
        try:
            with transaction.atomic():
                record = self.definition.apply_row(by=self.by, instance=instance, data=data)
        except ValidationError as error:
            self.fail_with(row, error)
        except Conflict as error:
            self.fail(row, None, [error.message])
        except (IntegrityError, DataError):
            # The model's validation runs first, so this is a constraint it does not know.
            self.fail(row, None, [_("The database refused this row.")])
        else:
            if instance is None:
                self.outcome.created += 1
            else:
                self.outcome.updated += 1
            self.outcome.changes.append(change)
            return record.pk
        return None

    def changed(self, instance: models.Model, data: dict) -> dict:
        changed = {}
        for name, value in data.items():
            current = getattr(instance, self.meta.get_field(name).attname)
            if current != _key_part(value):
                changed[name] = value
        return changed

    def describe_change(self, row: _Row, data: dict) -> dict:
        instance = row.instance
        return {
            "row": row.number,
            "action": CREATED if instance is None else UPDATED,
            "key": " · ".join(row.cells[name][1] for name in self.definition.key),
            "fields": [
                {
                    "column": self.column_of(name),
                    "old": "" if instance is None else self.display(name, getattr(instance, name)),
                    "new": self.display(name, value),
                }
                for name, value in data.items()
            ],
        }

    def display(self, name: str, value) -> str:
        if value is None:
            return ""
        model_field = self.meta.get_field(name)
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(value, date):
            return value.isoformat()
        return str(value)

    def check_still_changeable(self, written: list[tuple[_Row, int]]) -> None:
        """What was written must still be the importer's to change (as the API checks)."""
        changeable = set()
        for chunk in chunked(pk for _row, pk in written):
            queryset = self.definition.queryset(self.by).filter(pk__in=chunk)
            changeable.update(queryset.values_list("pk", flat=True))
        for row, pk in written:
            if pk not in changeable:
                self.fail(
                    row, None, [_("The record would not be yours to change after this write.")]
                )


def _key_part(value):
    """A value as a key or a column compares it: a record by its primary key."""
    return value.pk if isinstance(value, models.Model) else value


# --- Batches: the stored uploads behind the pages and the API -----------------------------


def _progress_key(batch_id: int) -> str:
    return f"kam:import-progress:{batch_id}"


def batch_progress(batch: ImportBatch) -> tuple[int, int | None]:
    """(rows done, rows in all) of a batch a worker is on.

    The worker's writes are one transaction, invisible until it ends, so it reports how
    far it has come through the cache (Redis, shared by web and workers).
    """
    if batch.running:
        done = cache.get(_progress_key(batch.pk))
        if done is not None:
            return done, batch.rows_total
    return batch.rows_done, batch.rows_total


def _run_batch(batch: ImportBatch, definition: ImportDefinition, *, by, dry_run: bool):
    def progress(done, total):
        cache.set(_progress_key(batch.pk), done, PROGRESS_TTL)

    with batch.file.open("rb") as fp:
        outcome = run_import(definition, fp, by=by, dry_run=dry_run, progress=progress)
    batch.summary = outcome.summary()
    if outcome.errors:
        batch.status = ImportStatus.REFUSED
    elif outcome.applied:
        batch.status = ImportStatus.APPLIED
        batch.applied_at = timezone.now()
    else:
        batch.status = ImportStatus.PREVIEWED
    batch.rows_done = batch.rows_total or 0
    batch.save()
    return batch, outcome


def _task():
    from kam.tasks import task_run_import

    return task_run_import


def _queue(batch: ImportBatch, status: str) -> tuple[ImportBatch, None]:
    """Hand a large file to a Celery worker: the batch page follows it, the API polls it.

    The requester's language and zone go with it, for the messages the worker writes.
    """
    context = requester_context()
    batch.status, batch.rows_done, batch.claimed_at = status, 0, None
    batch.language, batch.time_zone = context["language"], context["time_zone"]
    batch.save()
    transaction.on_commit(lambda: enqueue(_task(), batch_id=batch.pk))
    return batch, None


def _rows_in(batch: ImportBatch) -> int:
    with batch.file.open("rb") as fp:
        try:
            return len(read_table(fp)[1])
        except ImportFileError:
            return 0


@transaction.atomic
def import_upload(
    *, definition: ImportDefinition, upload, by, apply: bool = False
) -> tuple[ImportBatch, ImportOutcome | None]:
    """Keep ``upload`` as a batch of ``by`` and preview it, or with ``apply`` import it.

    A file that is refused unread (its type, its size) raises ``ValidationError`` and is
    not kept; any other file is, with its outcome, refused or not. A file of more than
    ``KAM_IMPORT_SYNC_ROWS`` rows is checked by a worker instead: the outcome is then None.
    """
    check_upload(upload)
    original_name = os.path.basename(upload.name)
    batch = ImportBatch(user=by, definition=definition.name, original_name=original_name)
    batch.file.save(original_name, upload, save=False)
    batch.rows_total = _rows_in(batch)
    if batch.rows_total > settings.KAM_IMPORT_SYNC_ROWS:
        return _queue(batch, ImportStatus.IMPORTING if apply else ImportStatus.CHECKING)
    return _run_batch(batch, definition, by=by, dry_run=not apply)


@transaction.atomic
def import_apply(
    *, batch: ImportBatch, definition: ImportDefinition, by
) -> tuple[ImportBatch, ImportOutcome | None]:
    """Import a previewed batch, checked again against the data as it is now; once only."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == ImportStatus.APPLIED:
        raise Conflict(_("This file has been imported already."))
    if batch.status != ImportStatus.PREVIEWED:
        raise Conflict(_("This file was refused; correct it and upload it again."))
    if (batch.rows_total or 0) > settings.KAM_IMPORT_SYNC_ROWS:
        return _queue(batch, ImportStatus.IMPORTING)
    return _run_batch(batch, definition, by=by, dry_run=False)


def run_queued(*, batch_id: int) -> str:
    """A worker's run of a queued batch (checking or importing); a failure says why.

    The worker first takes the batch (one UPDATE that only one worker can win), so a task
    delivered twice does not import the file twice.
    """
    taken = ImportBatch.objects.filter(
        pk=batch_id,
        status__in=[ImportStatus.CHECKING, ImportStatus.IMPORTING],
        claimed_at__isnull=True,
    ).update(claimed_at=timezone.now())
    if not taken:
        return "skipped"
    batch = ImportBatch.objects.select_related("user").get(pk=batch_id)
    definition = get(batch.definition)
    try:
        if definition is None or not batch.user.is_active:
            raise LookupError(f"import {batch.definition!r} is not available")
        with as_requester(batch), transaction.atomic():
            batch, _outcome = _run_batch(
                batch, definition, by=batch.user, dry_run=batch.status == ImportStatus.CHECKING
            )
    except Exception as error:  # the batch page says why instead of spinning forever
        logger.exception("Import batch %s failed", batch_id)
        ImportBatch.objects.filter(pk=batch_id).update(
            status=ImportStatus.FAILED, error=str(error)[:500]
        )
        return ImportStatus.FAILED
    finally:
        cache.delete(_progress_key(batch_id))
    ImportBatch.objects.filter(pk=batch_id).update(claimed_at=None)
    return batch.status


def sweep(*, now=None) -> dict:
    """Queue again batches never handed over; fail the ones a killed worker left taken."""
    now = now or timezone.now()
    running = [ImportStatus.CHECKING, ImportStatus.IMPORTING]
    waiting = ImportBatch.objects.filter(
        status__in=running, claimed_at__isnull=True, created_at__lt=now - STALE
    )
    queued = list(waiting.values_list("pk", flat=True)[:100])
    for pk in queued:
        enqueue(_task(), batch_id=pk)
    failed = ImportBatch.objects.filter(status__in=running, claimed_at__lt=now - ABANDONED).update(
        status=ImportStatus.FAILED, error="The worker stopped before the file was done."
    )
    return {"queued": len(queued), "failed": failed}
