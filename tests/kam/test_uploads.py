"""The one check of uploaded documents (``kam.uploads``): a plain name, an accepted
extension, a size within the limit and content that is what the extension says; and where
a contract version's file is then kept.

The files are built here as the programs that write them do: a minimal but valid PDF
(pypdf reads it back) and a minimal Office Open XML package written with ``zipfile``.
"""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from contracts import services
from contracts.models import ContractVersion
from kam import uploads
from tests import factories as f

pytestmark = pytest.mark.usefixtures("english")

MiB = 2**20
CONTRACT_KINDS = ("pdf", "docx")

NAME_REFUSED = (
    "This file name is not allowed: name the file plainly (no folders) and upload it again."
)
TYPE_REFUSED = "Upload a file of one of these kinds: .pdf, .docx."
PDF_REFUSED = "The file's content is not a PDF, whatever its name says."
DOCX_REFUSED = "The file's content is not a Word document, whatever its name says."


def minimal_pdf(text: str = "Supply agreement") -> bytes:
    """A one-page PDF with a correct cross-reference table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>供货合同 Supply agreement</w:t></w:r></w:p></w:body></w:document>"
)


def package(parts: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def minimal_docx() -> bytes:
    return package(
        {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "word/document.xml": DOCUMENT}
    )


def upload(name: str, content: bytes, content_type="application/octet-stream"):
    """A file as a browser's form posts it (Django keeps only the name's last part)."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def named(name: str, content: bytes) -> ContentFile:
    """A file whose name is kept exactly as given (a caller other than a form post)."""
    return ContentFile(content, name=name)


def refusal(file, kinds=CONTRACT_KINDS, max_bytes=20 * MiB) -> tuple[list[str], str]:
    with pytest.raises(ValidationError) as error:
        uploads.check_document(file, kinds, max_bytes)
    return error.value.messages, error.value.code


# -- accepted -------------------------------------------------------------------------------


def test_the_minimal_files_are_what_they_claim():
    # The fixtures themselves: a PDF reader opens the PDF, the package holds its parts.
    assert PdfReader(io.BytesIO(minimal_pdf())).pages[0].extract_text() == "Supply agreement"
    with zipfile.ZipFile(io.BytesIO(minimal_docx())) as archive:
        assert archive.read("word/document.xml").decode() == DOCUMENT


@pytest.mark.parametrize(
    ("name", "extension", "content_type"),
    [
        ("Supply agreement v2.pdf", "pdf", "application/pdf"),
        ("CONTRACT.PDF", "pdf", "application/pdf"),
        ("供货合同（第二版）.pdf", "pdf", "application/pdf"),
        ("contract.final.pdf", "pdf", "application/pdf"),
    ],
)
def test_a_real_pdf_is_accepted(name, extension, content_type):
    file = upload(name, minimal_pdf(), "text/plain")  # whatever the browser declared

    kind = uploads.check_document(file, CONTRACT_KINDS, 20 * MiB)

    assert (kind.extension, kind.content_type, str(kind.label)) == (extension, content_type, "PDF")
    assert file.tell() == 0  # left at the start, to be stored whole
    assert file.read() == minimal_pdf()


def test_a_real_docx_is_accepted():
    file = upload("Supply agreement.docx", minimal_docx())

    kind = uploads.check_document(file, CONTRACT_KINDS, 20 * MiB)

    assert (kind.extension, str(kind.label)) == ("docx", "Word document")
    assert kind.content_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert file.tell() == 0


def test_a_file_of_exactly_the_limit_is_accepted():
    content = minimal_pdf()
    file = upload("contract.pdf", content)

    assert uploads.check_document(file, CONTRACT_KINDS, len(content)).extension == "pdf"


def test_jpeg_is_another_spelling_of_jpg():
    file = upload("photo.JPEG", b"\xff\xd8\xff\xe0" + b"\x00" * 16)

    assert uploads.check_document(file, ("jpg", "png"), MiB).extension == "jpg"


# -- the extension ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["contract.exe", "contract.txt", "contract.doc", "contract", "contract.pdf.exe", "x.pdf."],
)
def test_a_wrong_extension_is_refused(name):
    assert refusal(upload(name, minimal_pdf())) == ([TYPE_REFUSED], "type")


def test_an_extension_the_field_does_not_take_is_refused_even_if_known():
    # A real workbook is a known kind, but not one a contract version takes.
    workbook = package({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": "<workbook/>"})

    assert refusal(upload("prices.xlsx", workbook)) == ([TYPE_REFUSED], "type")
    assert refusal(upload("scan.png", b"\x89PNG\r\n\x1a\n"), kinds=("pdf",)) == (
        ["Upload a file of one of these kinds: .pdf."],
        "type",
    )


# -- the content ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"This is a contract, honestly.\n",
        b" %PDF-1.4 with a space in front",
        minimal_docx(),  # a Word file renamed .pdf
        b"MZ\x90\x00\x03\x00\x00\x00",  # a Windows program renamed .pdf
    ],
)
def test_a_pdf_that_is_not_a_pdf_is_refused(content):
    assert refusal(upload("contract.pdf", content)) == ([PDF_REFUSED], "content")


@pytest.mark.parametrize(
    "content",
    [
        # A zip, but no Word document: no word/document.xml.
        package({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS}),
        # A workbook renamed .docx.
        package({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": "<workbook/>"}),
        # The document part, but not an Office package: no [Content_Types].xml.
        package({"word/document.xml": DOCUMENT}),
        # A plain zip of something else.
        package({"readme.txt": "hello"}),
        minimal_pdf(),  # a PDF renamed .docx
        b"PK\x03\x04 but truncated",
        b"Just some text in a .docx",
    ],
)
def test_a_docx_that_is_not_a_word_document_is_refused(content):
    assert refusal(upload("contract.docx", content)) == ([DOCX_REFUSED], "content")


def test_a_docx_that_unpacks_to_far_more_than_the_limit_is_refused():
    # Compresses to a few kB, unpacks past 20 times the limit of 64 kB.
    huge = package(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "word/document.xml": "<w:document>" + " " * (21 * 64 * 1024) + "</w:document>",
        }
    )
    assert len(huge) < 64 * 1024

    assert refusal(upload("contract.docx", huge), max_bytes=64 * 1024) == (
        [DOCX_REFUSED],
        "content",
    )


# -- the size ---------------------------------------------------------------------------------


def test_an_oversize_file_is_refused():
    content = minimal_pdf() + b"\n%" + b"x" * (2 * MiB)

    assert refusal(upload("contract.pdf", content), max_bytes=2 * MiB) == (
        ["The file is larger than 2 MiB."],
        "size",
    )


def test_a_file_one_byte_over_the_limit_is_refused():
    content = minimal_pdf()

    _messages, code = refusal(upload("contract.pdf", content), max_bytes=len(content) - 1)

    assert code == "size"


def test_the_limit_in_settings_is_what_a_contract_version_takes(settings):
    settings.KAM_CONTRACT_FILE_MAX_MB = 1

    assert services.max_file_bytes() == MiB
    content = b"%PDF-1.4\n" + b"x" * MiB
    assert refusal(upload("contract.pdf", content), max_bytes=services.max_file_bytes()) == (
        ["The file is larger than 1 MiB."],
        "size",
    )


def test_an_empty_file_is_refused():
    assert refusal(upload("contract.pdf", b"")) == (["The file is empty."], "empty")


# -- the name ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.pdf",
        "/etc/passwd.pdf",
        "contracts/../../x.pdf",
        "..%2F..%2Fx.pdf",
        "..%2f..%2fx.pdf",
        "%2e%2e%2fx.pdf",
        "..",
        ".",
        "...",
        ". .",
        ".hidden.pdf",
        ".pdf",
        "..\\..\\windows\\x.pdf",
        "C:\\Users\\x.pdf",
        "x\x00.pdf",
        "x%00.pdf",
        "contract\n.pdf",
        "contract\r\n.pdf",
        "contract\x1b[31m.pdf",
        "contract\u202egpj.pdf",  # a right-to-left override disguising the extension
        "",
        "   ",
    ],
)
def test_a_name_that_is_not_a_plain_file_name_is_refused(name):
    content = minimal_pdf()

    assert refusal(named(name, content)) == ([NAME_REFUSED], "name")
    with pytest.raises(ValidationError):
        uploads.check_file_name(name)


@pytest.mark.parametrize(
    "name",
    ["..%2F..%2Fx.pdf", "..\\..\\windows\\x.pdf", "a\\b.pdf", ".hidden.pdf", "x\x01.pdf"],
)
def test_a_form_posts_such_names_and_they_are_refused_too(name):
    # Django drops what comes before the last "/", not an encoded one or a backslash.
    assert refusal(upload(name, minimal_pdf())) == ([NAME_REFUSED], "name")


def test_a_form_upload_keeps_only_the_last_part_of_a_path():
    # What Django's upload handling leaves of "../../etc/passwd.pdf": a plain name, and so
    # a text behind it is judged by its content.
    file = upload("../../etc/passwd.pdf", b"root:x:0:0:root:/root:/bin/bash\n")

    assert file.name == "passwd.pdf"
    assert refusal(file) == ([PDF_REFUSED], "content")


def test_a_long_name_is_refused():
    assert refusal(named("x" * 197 + ".pdf", minimal_pdf())) == (
        ["The file name is longer than 200 characters."],
        "name",
    )
    assert uploads.check_document(named("x" * 196 + ".pdf", minimal_pdf()), ("pdf",), MiB)


@pytest.mark.parametrize(
    ("name", "plain"),
    [
        ("Supply agreement v2.pdf", "Supply agreement v2.pdf"),
        ("Supply%20agreement.pdf", "Supply agreement.pdf"),
        ("供货合同.pdf", "供货合同.pdf"),
        ("a..b.pdf", "a..b.pdf"),
    ],
)
def test_a_plain_name_is_kept(name, plain):
    assert uploads.check_file_name(name) == plain


def test_the_name_is_checked_before_anything_else():
    # A name that tries to escape is refused as such, whatever else is wrong.
    assert refusal(named("../x.exe", b"")) == ([NAME_REFUSED], "name")


# -- where a contract version's file is kept --------------------------------------------------


@pytest.fixture
def contract(alice):
    return f.ContractFactory(account=f.AccountFactory(owner=alice), body="")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [
        ("Supply agreement (final).pdf", minimal_pdf(), "pdf"),
        ("供货合同 第二版.docx", minimal_docx(), "docx"),
    ],
)
def test_a_version_file_is_stored_under_a_name_nobody_chose(
    contract, alice, media_root, name, content, extension
):
    version = services.version_add(contract=contract, by=alice, file=upload(name, content))

    stored = ContractVersion.objects.get(pk=version.pk)
    assert re.fullmatch(rf"contracts/{contract.pk}/[0-9a-f]{{32}}\.{extension}", stored.file.name)
    assert (stored.file_name, stored.file_type, stored.file_size) == (
        name,
        extension,
        len(content),
    )
    path = media_root / stored.file.name
    assert path.read_bytes() == content
    assert path.resolve().is_relative_to(media_root.resolve())
    assert [p.relative_to(media_root).as_posix() for p in media_root.rglob("*.*")] == [
        stored.file.name
    ]


@pytest.mark.django_db
def test_the_same_name_twice_is_two_files(contract, alice, media_root):
    first = services.version_add(
        contract=contract, by=alice, file=upload("contract.pdf", minimal_pdf("one"))
    )
    second = services.version_add(
        contract=contract, by=alice, file=upload("contract.pdf", minimal_pdf("two"))
    )

    assert first.file.name != second.file.name
    assert (first.file_name, second.file_name) == ("contract.pdf", "contract.pdf")
    assert (media_root / first.file.name).read_bytes() == minimal_pdf("one")
    assert (media_root / second.file.name).read_bytes() == minimal_pdf("two")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("file", "message"),
    [
        (named("../../etc/passwd.pdf", minimal_pdf()), NAME_REFUSED),
        (upload("..%2F..%2Fx.pdf", minimal_pdf()), NAME_REFUSED),
        (upload("contract.exe", b"MZ\x90\x00"), TYPE_REFUSED),
        (upload("contract.pdf", b"plain text"), PDF_REFUSED),
        (upload("contract.docx", package({"a.txt": "x"})), DOCX_REFUSED),
        (upload("contract.pdf", b""), "The file is empty."),
    ],
)
def test_a_refused_file_stores_nothing(contract, alice, media_root, file, message):
    with pytest.raises(ValidationError) as error:
        services.version_add(contract=contract, by=alice, file=file)

    assert error.value.message_dict == {"file": [message]}
    assert contract.versions.count() == 0
    assert list(media_root.rglob("*")) == []


def test_stored_names_are_random_and_keep_the_folder():
    first, second = (uploads.stored_name("contracts/7", "pdf") for _ in range(2))

    assert re.fullmatch(r"contracts/7/[0-9a-f]{32}\.pdf", first)
    assert first != second
