"""What apps export, and writing it: the registry the pages, the API and the job share."""

import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse

from kam.exports.render import ExportMeta, Sheet, attachment, render_pdf, write_xlsx

#: How often a running job records its progress.
PROGRESS_EVERY = 1000


@dataclass(frozen=True)
class ExportRequest:
    """Who asks, for a FilterSet or a selector that expects a request (``request.user``)."""

    user: Any


@dataclass
class Document:
    """One export, ready to write: XLSX sheets and/or a PDF template with its context.

    ``size`` is the number of rows it holds (the lazy querysets' counts): above
    ``KAM_EXPORT_SYNC_ROWS`` a Celery job writes it instead of the request.
    """

    meta: ExportMeta
    filename: str
    sheets: Sequence[Sheet] = ()
    pdf_template: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    size: int = 0


@dataclass(frozen=True)
class ExportDefinition:
    """An export an app offers.

    ``build(user, params, fmt)`` returns the ``Document`` for ``user``, the page's query
    parameters (a ``QueryDict``) and the format, starting from ``visible_to(user)``; it raises
    ``django.core.exceptions.ValidationError`` for parameters it cannot use (a 400) and
    ``Http404`` for a record outside ``visible_to``.
    """

    name: str
    label: Any
    formats: tuple[str, ...]
    build: Callable[[Any, Any, str], Document]


_definitions: dict[str, ExportDefinition] = {}


def register(definition: ExportDefinition) -> ExportDefinition:
    _definitions[definition.name] = definition
    return definition


def get(name: str) -> ExportDefinition | None:
    return _definitions.get(name)


def export_formats(name: str) -> tuple[str, ...]:
    """The formats of export ``name``; none when no app registered it (a page offers no
    dead link)."""
    definition = get(name)
    return definition.formats if definition else ()


def definitions() -> list[ExportDefinition]:
    return sorted(_definitions.values(), key=lambda definition: definition.name)


def write_document(
    document: Document, fmt: str, fp: BinaryIO, *, progress: Callable[[int], None] | None = None
) -> int:
    """Write ``document`` as ``fmt`` ("xlsx" or "pdf") to ``fp``; returns the rows written.

    ``progress(rows)`` is called every ``PROGRESS_EVERY`` rows of an XLSX (a job's status).
    """
    if fmt == "xlsx":
        sheets = document.sheets
        if progress is not None:
            written = [0]

            def counting(rows: Iterable[Any]) -> Iterable[Any]:
                # A queryset streams in chunks here too, as write_xlsx would stream it.
                source = rows.iterator(chunk_size=2000) if isinstance(rows, QuerySet) else rows
                for row in source:
                    yield row
                    written[0] += 1
                    if written[0] % PROGRESS_EVERY == 0:
                        progress(written[0])

            sheets = [Sheet(sheet.title, sheet.columns, counting(sheet.rows)) for sheet in sheets]
        return write_xlsx(sheets, meta=document.meta, fp=fp)
    if fmt == "pdf":
        fp.write(render_pdf(document.pdf_template, document.context, meta=document.meta))
        return document.size
    raise ValueError(f"unknown export format {fmt!r}")


def document_response(document: Document, fmt: str) -> FileResponse:
    """``document`` as a download: written to a temporary file, so a large export is never
    held in memory, and sent as ``<document.filename>.<fmt>``."""
    fp = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it once sent
    try:
        write_document(document, fmt, fp)
    except BaseException:
        fp.close()
        raise
    fp.seek(0)
    return attachment(fp, f"{document.filename}.{fmt}", fmt)


def meta_for(title, user, *, period: str = "", filters=()) -> ExportMeta:
    """The metadata of a document ``user`` asked for (generated now, by them)."""
    return ExportMeta(
        title=str(title), period=period, generated_by=user.display_name, filters=filters
    )


def applied_filters(form) -> list[tuple[str, str]]:
    """The filters a user set on a (FilterSet's) form, as (label, value) for the header."""
    applied = []
    for name, value in form.cleaned_data.items():
        if value in (None, "", [], ()):
            continue
        field_ = form.fields[name]
        if hasattr(field_, "choices") and isinstance(value, list | tuple):
            labels = dict(field_.choices)
            value = ", ".join(str(labels.get(item, item)) for item in value)
        applied.append((str(field_.label), str(value)))
    return applied


def invalid_filters(errors) -> ValidationError:
    """A form's or FilterSet's errors as the one ValidationError an export raises (400)."""
    return ValidationError([str(e) for messages in errors.values() for e in messages])
