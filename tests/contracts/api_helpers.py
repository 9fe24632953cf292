"""Helpers of the contracts API tests: URLs, files as people upload them, and contracts
brought to a state the way people bring them there (through the services, never by
writing a status)."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter

from contracts import services
from kam.dates import company_today
from tests import factories as f

CONTRACTS = reverse("contracts-api:contract-list")
REVIEWS = reverse("contracts-api:contract-review-list")
#: The text ``ContractFactory`` gives version 1, as the service stores it (no trailing newline).
FIRST_TEXT = "1. Scope of supply\n2. Price: 100 per piece\n3. Payment within 30 days"
#: A negotiation round that would be valid anywhere (only who asks decides the answer).
ROUND = {
    "held_on": "2026-01-15",
    "participants": "Purchasing team; Alice",
    "topics": "Price per piece; payment terms",
    "concessions": "3 % off above 10,000 pieces",
    "outcome": "Price agreed; payment in 60 days",
    "next_steps": "Send version 2 to legal and finance",
}


def contract_url(contract, action: str | None = None) -> str:
    if action:
        return reverse(f"contracts-api:contract-{action}", args=[contract.pk])
    return reverse("contracts-api:contract-detail", args=[contract.pk])


def review_url(review, action: str | None = None) -> str:
    if action:
        return reverse(f"contracts-api:contract-review-{action}", args=[review.pk])
    return reverse("contracts-api:contract-review-detail", args=[review.pk])


def row_ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def pdf_bytes() -> bytes:
    """A real PDF (one blank A4 page), as a scanner or a word processor writes one."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    """A minimal Office Open XML word-processing package (what the content check reads)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def submit(contract, by=None) -> dict:
    """Submit ``contract`` for review; its reviews by department code."""
    reviews = services.contract_submit_for_review(contract=contract, by=by or contract.owner)
    return {review.department.code: review for review in reviews}


def approve(contract, *, legal, finance, by=None):
    """Submit ``contract`` and have legal and finance approve it."""
    reviews = submit(contract, by)
    services.review_decide(review=reviews["legal"], by=legal, decision="approved")
    services.review_decide(review=reviews["finance"], by=finance, decision="approved")
    contract.refresh_from_db()
    return reviews


def sign(contract, *, legal, finance, signed_on=None):
    """Take ``contract`` through review to signed (today, unless said otherwise)."""
    approve(contract, legal=legal, finance=finance)
    services.contract_transition(
        contract=contract,
        to_status="signed",
        by=contract.owner,
        signed_on=signed_on or company_today(),
    )
    contract.refresh_from_db()
    return contract


def fill_contracts(owner, count: int, *, legal=None, finance=None) -> list:
    """``count`` contracts of ``owner``, each on an account of its own, in several states:
    drafts with and without a text, negotiated ones, and (when ``legal`` and ``finance``
    are given, every one) submitted or decided ones."""
    contracts = []
    for n in range(count):
        account = f.AccountFactory(owner=owner)
        reviewed = legal is not None
        contract = f.ContractFactory(
            account=account, body="" if n % 3 == 2 and not reviewed else FIRST_TEXT
        )
        if n % 2:
            f.NegotiationRecordFactory(contract=contract)
        if reviewed:
            reviews = submit(contract)
            if n % 3 == 1:
                services.review_decide(review=reviews["legal"], by=legal, decision="approved")
            if n % 3 == 2:
                services.review_decide(
                    review=reviews["finance"],
                    by=finance,
                    decision="changes_requested",
                    comments="Payment terms",
                )
        contracts.append(contract)
    return contracts
