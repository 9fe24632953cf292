"""Documents people upload (contract versions, training materials): checked before kept.

One rule for every app: the name must be a plain file name (no folder, no way out of
the upload folder, however it is encoded), the extension one the field accepts, the
size within its limit, and the content what the extension says — the first bytes of a
PDF, the parts of an Office Open XML package — whatever type the browser declared. The
file is then stored under a name we make (``stored_name``), never the one it came with.
"""

import io
import os
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class DocumentKind:
    extension: str
    label: object
    content_type: str
    #: The first bytes of such a file, or for an Office Open XML package (a zip) the part
    #: it must hold.
    magic: bytes = b""
    ooxml_part: str = ""


KINDS = {
    kind.extension: kind
    for kind in (
        DocumentKind("pdf", gettext_lazy("PDF"), "application/pdf", magic=b"%PDF-"),
        DocumentKind(
            "docx",
            gettext_lazy("Word document"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ooxml_part="word/document.xml",
        ),
        DocumentKind(
            "pptx",
            gettext_lazy("PowerPoint presentation"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ooxml_part="ppt/presentation.xml",
        ),
        DocumentKind(
            "xlsx",
            gettext_lazy("Excel workbook"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ooxml_part="xl/workbook.xml",
        ),
        DocumentKind("png", gettext_lazy("PNG image"), "image/png", magic=b"\x89PNG\r\n\x1a\n"),
        DocumentKind("jpg", gettext_lazy("JPEG image"), "image/jpeg", magic=b"\xff\xd8\xff"),
    )
}
#: Other spellings of an extension.
ALIASES = {"jpeg": "jpg"}
#: An OOXML package unpacking to more than this is refused (a small zip can unpack to GBs).
MAX_UNPACKED_FACTOR = 20
NAME_MAX_LENGTH = 200


def extension_of(name: str) -> str:
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    return ALIASES.get(extension, extension)


def check_file_name(name: str) -> str:
    """``name`` if it is a plain file name, else a ValidationError saying why not.

    Django already drops folders from an upload's name; this also refuses what it lets
    through (``..%2F`` encoded separators, a name of dots, control characters), so a
    name that tries to leave the upload folder is refused, not silently renamed.
    """
    decoded = unquote(name or "")
    if (
        not decoded.strip()
        or "/" in decoded
        or "\\" in decoded
        or os.path.basename(decoded) != decoded
        or decoded.strip(". ") == ""
        or decoded.startswith(".")
        or any(unicodedata.category(char).startswith("C") for char in decoded)
    ):
        raise ValidationError(
            _(
                "This file name is not allowed: name the file plainly (no folders) and "
                "upload it again."
            ),
            code="name",
        )
    if len(decoded) > NAME_MAX_LENGTH:
        raise ValidationError(
            _("The file name is longer than %(max)d characters.") % {"max": NAME_MAX_LENGTH},
            code="name",
        )
    return decoded


def check_document(upload, extensions: tuple[str, ...], max_bytes: int) -> DocumentKind:
    """The kind of ``upload`` (a Django ``File``), or a ValidationError saying why it is
    refused: its name, its extension, its size or its content."""
    name = check_file_name(upload.name)
    extension = extension_of(name)
    if extension not in extensions:
        raise ValidationError(
            _("Upload a file of one of these kinds: %(kinds)s.")
            % {"kinds": ", ".join(f".{kind}" for kind in extensions)},
            code="type",
        )
    size = upload.size
    if size is None or size > max_bytes:
        raise ValidationError(
            _("The file is larger than %(size)s MiB.") % {"size": f"{max_bytes / 2**20:g}"},
            code="size",
        )
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    kind = KINDS[extension]
    upload.seek(0)
    content = upload.read(max_bytes + 1)
    upload.seek(0)
    if not _content_matches(kind, content, max_bytes):
        raise ValidationError(
            _("The file's content is not a %(kind)s, whatever its name says.")
            % {"kind": kind.label},
            code="content",
        )
    return kind


def _content_matches(kind: DocumentKind, content: bytes, max_bytes: int) -> bool:
    if kind.magic:
        return content.startswith(kind.magic)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            names = set(package.namelist())
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, ValueError):
        return False
    return (
        "[Content_Types].xml" in names
        and kind.ooxml_part in names
        and unpacked <= MAX_UNPACKED_FACTOR * max_bytes
    )


def stored_name(folder: str, extension: str) -> str:
    """Where an upload is kept: ``folder/<random>.<extension>``, a name nobody chose."""
    return f"{folder}/{uuid.uuid4().hex}.{extension}"
