"""The one exporter: a visible queryset or a report's data as XLSX or PDF.

Every app describes an export the same way and leaves the file format to this module:

* ``Column`` says where a value comes from (a dotted path or a callable), its header and
  its kind (text, int, decimal, money, percent, date, datetime, bool). The kind decides the
  Excel type and number format, so a money column is a number Excel can sum, not text.
* ``Sheet`` is a title, columns and an iterable of rows (model instances or mappings).
* ``ExportMeta`` is what every file says about itself: title, company, period, who
  generated it and when, and the filters applied.

``write_xlsx`` streams rows through openpyxl's write-only mode, so a 100,000-row export
costs one row of cells at a time (plus the first rows it buffers to size the columns);
a final "Export info" sheet repeats the metadata. ``render_pdf`` renders a Django template
extending ``exports/base_pdf.html`` with WeasyPrint, with a CJK font first in the font
stack and embedded in the file, and a URL fetcher that reads nothing but ``data:`` URIs
and static files, so HTML that came from a user cannot make the server fetch URLs.

Apps register what they export (``register(ExportDefinition(...))``, in their ``exports``
module): how to build the document for a user and the page's parameters, always starting
from ``visible_to``. ``kam`` serves it: streamed at once when it is small, made by a Celery
job with a status page and a download only its requester can open when it is large.
"""

from kam.exports.registry import (
    Document,
    ExportDefinition,
    ExportRequest,
    applied_filters,
    definitions,
    document_response,
    export_formats,
    get,
    invalid_filters,
    meta_for,
    register,
    write_document,
)
from kam.exports.render import (
    CONTENT_TYPES,
    PDF_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Column,
    ExportMeta,
    Sheet,
    attachment,
    check_cjk_font,
    cjk_font_available,
    content_disposition,
    render_pdf,
    write_xlsx,
)

__all__ = [
    "export_formats",
    "CONTENT_TYPES",
    "PDF_CONTENT_TYPE",
    "XLSX_CONTENT_TYPE",
    "Column",
    "Document",
    "ExportDefinition",
    "ExportMeta",
    "ExportRequest",
    "Sheet",
    "applied_filters",
    "attachment",
    "check_cjk_font",
    "cjk_font_available",
    "content_disposition",
    "definitions",
    "document_response",
    "get",
    "invalid_filters",
    "meta_for",
    "register",
    "render_pdf",
    "write_document",
    "write_xlsx",
]
