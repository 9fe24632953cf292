"""The duty-6 pages: who sees which contract (a reviewing department: of the account its
name and tier only), the ledger and the review queue with their filters, a contract's
versions, rounds, reviews and history, the forms that move it (kept as typed when
refused, 400 or 409 with the reason), the diff of two texts, the file download, the
account's tab, the home panels, the navigation, and pinned query counts."""

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from playwright.sync_api import expect

from contracts import services
from contracts.models import Contract, ContractReview, ContractVersion, NegotiationRecord
from kam.dates import company_today
from kam.models import Notification
from tests import factories as f
from tests.support import log_in, new_context

pytestmark = pytest.mark.django_db

ACCOUNT_NAME = "Hangzhou Precision Castings"
LIST = reverse("contracts:contract-list")
CREATE = reverse("contracts:contract-create")
QUEUE = reverse("contracts:review-list")
HOME = reverse("home")
REQUIRED = "This field is required."
INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."

V1 = "1. Scope of supply: aluminium castings\n2. Price: 100 per piece\n3. Payment within 30 days"
V2 = "1. Scope of supply: aluminium castings\n2. Price: 95 per piece\n3. Payment within 60 days"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_bytes() -> bytes:
    """The smallest package a Word document is recognised by (its two required parts)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def pdf_upload(name="Supply agreement v2.pdf", content=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


# -- reading pages ----------------------------------------------------------------------------


def page(client, url, status=200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, response.content[:800]
    return response.content.decode()


def curl(name, record):
    return reverse(f"contracts:{name}", args=[record.pk])


def main(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def section(html: str, heading_id: str) -> str:
    """The ``<section>`` whose heading has ``heading_id``."""
    return html.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]


def text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def facts(html: str) -> dict[str, str]:
    """The contract page's ``<dl class="facts contract-facts">`` as ``{term: text}``."""
    block = html.split('<dl class="facts contract-facts">', 1)[1].split("</dl>", 1)[0]
    return {
        text(term): text(value)
        for term, value in re.findall(r"<dt>(.*?)</dt><dd[^>]*>(.*?)</dd>", block, re.S)
    }


def heading(html: str) -> str:
    return text(html.split("<hgroup>", 1)[1].split("</hgroup>", 1)[0])


def flashes(html: str) -> list[str]:
    return re.findall(r'<article class="flash flash-\w+" role="status">(.*?)</article>', html)


def refusal(html: str) -> str:
    return text(html.split('<article class="refusal" role="alert">', 1)[1].split("</article>")[0])


def field_errors(html: str) -> list[str]:
    return re.findall(r'<small class="field-error">(.*?)</small>', html)


def ledger(html: str) -> list[str]:
    """The contract numbers of the ledger's rows, in order."""
    return re.findall(r'<th scope="row"><a href="/contracts/\d+/">([^<]+)</a>', html)


def queue(html: str) -> list[int]:
    """The review ids of the queue's rows, in order."""
    return [int(pk) for pk in re.findall(r'<a href="/contracts/\d+/#review-(\d+)">', html)]


def options(html: str, name: str) -> list[tuple[str, str]]:
    select = html.split(f'<select name="{name}"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def nav(html: str) -> list[str]:
    block = html.split('<ul class="main-nav">', 1)[1].split("</ul>", 1)[0]
    return [text(label) for label in re.findall(r"<li><a [^>]*>(.*?)</a></li>", block, re.S)]


def posted_forms(html: str) -> list[str]:
    """Where the page's POST forms go."""
    return re.findall(r'<form method="post" action="([^"]+)"', main(html))


def shown_date(day) -> str:
    return date_filter(day, "SHORT_DATE_FORMAT")


# -- the records there are to see -------------------------------------------------------------


def review_of(contract, code) -> ContractReview:
    return ContractReview.objects.get(
        contract=contract, department__code=code, superseded_at__isnull=True
    )


def approve(contract, legal, finance):
    """Submit ``contract`` (unless it is in review already) and have both departments
    approve it."""
    if contract.status in ("draft", "negotiating"):
        services.contract_submit_for_review(contract=contract, by=contract.owner)
    for member, code in ((legal, "legal"), (finance, "finance")):
        services.review_decide(review=review_of(contract, code), by=member, decision="approved")
    contract.refresh_from_db()
    return contract


def sign(contract, legal, finance, signed_on=None):
    approve(contract, legal, finance)
    services.contract_transition(
        contract=contract,
        to_status="signed",
        by=contract.owner,
        signed_on=signed_on or company_today(),
    )
    contract.refresh_from_db()
    return contract


@pytest.fixture
def records(alice, alice_account, charlie, legal_user, finance_user, logistics_user, media_root):
    """Alice's contract in review (two versions, the second with a PDF; a negotiation
    round; a legal and a finance review open), her draft nobody reviews, and Charlie's."""
    reviewed = f.ContractFactory(
        account=alice_account, number="HT-ALICE-1", title="Castings supply 2027", body=V1
    )
    round_1 = f.NegotiationRecordFactory(contract=reviewed, topics="Price per piece")
    v2 = services.version_add(
        contract=reviewed, by=alice, body=V2, file=pdf_upload(), change_summary="Price 95"
    )
    services.contract_submit_for_review(contract=reviewed, by=alice)
    draft = f.ContractFactory(account=alice_account, number="HT-ALICE-2", title="Spare parts")
    charlies = f.ContractFactory(
        account=f.AccountFactory(owner=charlie, name="Foshan Ceramics"),
        number="HT-CHARLIE-1",
        title="Tiles",
    )
    reviewed.refresh_from_db()
    return {
        "reviewed": reviewed,
        "v1": reviewed.versions.get(version_no=1),
        "v2": v2,
        "round": round_1,
        "draft": draft,
        "charlies": charlies,
        "legal": review_of(reviewed, "legal"),
        "finance": review_of(reviewed, "finance"),
    }


def record_pages(records):
    """GET pages of Alice's contract in review: name -> url."""
    reviewed = records["reviewed"]
    return {
        "detail": curl("contract-detail", reviewed),
        "edit": curl("contract-edit", reviewed),
        "version": curl("version-detail", records["v2"]),
        "file": curl("version-file", records["v2"]),
        "version-new": curl("version-create", reviewed),
        "negotiation-new": curl("negotiation-create", reviewed),
        "negotiation-edit": curl("negotiation-edit", records["round"]),
    }


FORM_PAGES = ("edit", "version-new", "negotiation-new", "negotiation-edit")


def record_posts(records):
    """POST endpoints of Alice's contracts: name -> url."""
    reviewed, draft = records["reviewed"], records["draft"]
    return {
        "edit": curl("contract-edit", reviewed),
        "version-new": curl("version-create", reviewed),
        "negotiation-new": curl("negotiation-create", draft),
        "negotiation-edit": curl("negotiation-edit", records["round"]),
        "transition": curl("contract-transition", reviewed),
        "terminate-draft": curl("contract-transition", draft),
        "submit": curl("contract-submit", draft),
        "renew": curl("contract-renew", reviewed),
        "decide-legal": curl("review-decide", records["legal"]),
        "decide-finance": curl("review-decide", records["finance"]),
    }


def posted():
    """What any POST carries: a field for every form, so a view would act if it let it."""
    return {
        "number": "HIJACKED-1",
        "title": "Hijacked",
        "value": "1.00",
        "currency": "USD",
        "starts_on": "2027-01-01",
        "ends_on": "2027-12-31",
        "body": "Leaked?",
        "held_on": "2026-01-05",
        "participants": "Nobody",
        "topics": "Everything",
        "status": "terminated",
        "note": "Stopped.",
        "decision": "rejected",
        "comments": "No.",
    }


def state(contract) -> tuple:
    contract = Contract.objects.get(pk=contract.pk)
    return (
        contract.status,
        contract.number,
        contract.title,
        contract.value,
        contract.versions.count(),
        contract.negotiations.count(),
        list(contract.reviews.order_by("id").values_list("decision", "superseded_at")),
        list(contract.negotiations.values_list("topics", flat=True)),
        contract.history.count(),
    )


def states(records):
    return {key: state(records[key]) for key in ("reviewed", "draft", "charlies")}


# -- who sees what ----------------------------------------------------------------------------


def test_anonymous_is_sent_to_the_login_page(client, records):
    before = states(records)
    login = reverse("login")
    for address in [LIST, CREATE, QUEUE, *record_pages(records).values()]:
        response = client.get(address)
        assert (response.status_code, response["Location"]) == (
            302,
            f"{login}?next={address}",
        ), address
    for name, address in [("create", CREATE), *record_posts(records).items()]:
        response = client.post(address, posted())
        assert (response.status_code, response["Location"]) == (
            302,
            f"{login}?next={address}",
        ), name
    assert states(records) == before
    assert Contract.objects.count() == 3


@pytest.mark.parametrize("persona", ["alice", "bob"])
def test_owner_and_manager_open_every_page(client, english, request, persona, records):
    client.force_login(request.getfixturevalue(persona))
    for name, address in [("list", LIST), ("create", CREATE), ("queue", QUEUE)] + list(
        record_pages(records).items()
    ):
        assert client.get(address).status_code == 200, name
    assert ledger(page(client, LIST)) == ["HT-ALICE-2", "HT-ALICE-1"]
    reviewed = records["reviewed"]
    html = page(client, reviewed.get_absolute_url())
    account = reviewed.account
    assert f'<a href="{account.get_absolute_url()}?tab=contracts">{ACCOUNT_NAME}</a>' in html
    assert curl("contract-edit", reviewed) in html
    assert "Contracts of this account" in html and "Back to the review queue" not in html


def test_another_teams_rep_gets_404_on_alices_contracts(client, charlie, records):
    before = states(records)
    client.force_login(charlie)
    for name, address in record_pages(records).items():
        assert client.get(address).status_code == 404, name
    for name, address in record_posts(records).items():
        assert client.post(address, posted()).status_code == 404, name
    assert client.get(curl("contract-detail", records["draft"])).status_code == 404
    assert client.get(curl("version-detail", records["v1"])).status_code == 404
    assert states(records) == before
    # Nothing of Alice's on Charlie's pages, nor to choose on his form.
    assert ledger(page(client, LIST)) == ["HT-CHARLIE-1"]
    for address in (LIST, QUEUE, CREATE, HOME):
        html = page(client, address)
        for secret in (ACCOUNT_NAME, "HT-ALICE-1", "HT-ALICE-2", "Castings supply"):
            assert secret not in html, (address, secret)
    # Posting Alice's account anyway is a form error, not a contract.
    response = client.post(CREATE, contract_post(records["reviewed"].account))
    assert response.context["form"].errors == {"account": [INVALID_CHOICE]}
    assert Contract.objects.count() == 3


def test_logistics_sees_no_contract_and_creates_none(client, logistics_user, records):
    before = states(records)
    client.force_login(logistics_user)
    for name, address in record_pages(records).items():
        assert client.get(address).status_code == 404, name
    for name, address in record_posts(records).items():
        assert client.post(address, posted()).status_code == 404, name
    assert states(records) == before
    assert ledger(page(client, LIST)) == []
    assert queue(page(client, QUEUE)) == []
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, contract_post(records["reviewed"].account)).status_code == 403
    assert Contract.objects.count() == 3


def test_executive_reads_but_may_not_change(client, english, executive, records):
    before = states(records)
    client.force_login(executive)
    for name, address in record_pages(records).items():
        expected = 403 if name in FORM_PAGES else 200
        assert client.get(address).status_code == expected, name
    for name, address in record_posts(records).items():
        assert client.post(address, posted()).status_code == 403, name
    assert states(records) == before
    html = page(client, records["reviewed"].get_absolute_url())
    assert posted_forms(html) == []
    assert 'id="steps-heading"' not in html
    for name in ("contract-edit", "version-create", "negotiation-create"):
        assert curl(name, records["reviewed"]) not in html, name
    assert ledger(page(client, LIST)) == ["HT-CHARLIE-1", "HT-ALICE-2", "HT-ALICE-1"]
    assert "New contract" not in main(page(client, LIST))
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, contract_post(records["reviewed"].account)).status_code == 403
    assert Contract.objects.count() == 3


@pytest.mark.parametrize("persona", ["legal_user", "finance_user"])
def test_reviewers_read_the_account_name_and_tier_only(client, english, request, persona, records):
    reviewed, account = records["reviewed"], records["reviewed"].account
    client.force_login(request.getfixturevalue(persona))

    html = page(client, reviewed.get_absolute_url())
    assert heading(html) == (
        f"HT-ALICE-1 Castings supply 2027 {ACCOUNT_NAME} Key In review Waiting for review"
    )
    # No way to the account: not its page, its tab, its edit link, its other contracts.
    assert account.get_absolute_url() not in html
    assert f"/accounts/{account.pk}" not in html
    assert f"?account={account.pk}" not in html
    for detail in ("Manufacturing", "East China", account.owner.email, "HT-ALICE-2"):
        assert detail not in html, detail
    assert "Back to the review queue" in html and "Contracts of this account" not in html
    assert 'id="steps-heading"' not in html
    assert posted_forms(html) == [
        curl("review-decide", records["legal" if persona == "legal_user" else "finance"])
    ]
    for address in (account.get_absolute_url(), f"{account.get_absolute_url()}?tab=contracts"):
        assert client.get(address).status_code == 404, address

    version = page(client, curl("version-detail", records["v2"]))
    assert account.get_absolute_url() not in version
    assert f"· {ACCOUNT_NAME}</p>" in version
    assert client.get(curl("version-detail", records["v1"])).status_code == 200
    assert client.get(curl("version-file", records["v2"])).status_code == 200

    # The forms of the account's side are not theirs; the contract no one asked them to
    # review is not theirs to see.
    for name in FORM_PAGES:
        assert client.get(record_pages(records)[name]).status_code == 403, name
    draft = records["draft"]
    for name in ("contract-detail", "contract-edit", "version-create", "negotiation-create"):
        assert client.get(curl(name, draft)).status_code == 404, name
    assert client.get(curl("version-detail", draft.latest_version)).status_code == 404

    rows = page(client, LIST)
    assert ledger(rows) == ["HT-ALICE-1"]
    assert f'<span>{ACCOUNT_NAME} <small class="muted">Key</small></span>' in rows
    assert account.get_absolute_url() not in rows
    assert account.owner.display_name not in main(rows)


def test_reviewers_change_nothing_but_their_decision(client, legal_user, records):
    before = states(records)
    client.force_login(legal_user)
    for name, address in record_posts(records).items():
        if name.startswith("decide"):
            continue
        # Alice's draft was never sent to legal: not theirs to see.
        expected = 404 if address.startswith(f"/contracts/{records['draft'].pk}/") else 403
        assert client.post(address, posted()).status_code == expected, name
    # Finance's review is not legal's to see, let alone decide.
    assert client.post(curl("review-decide", records["finance"]), posted()).status_code == 404
    assert states(records) == before
    assert client.get(CREATE).status_code == 403


@pytest.mark.parametrize("persona", ["alice", "legal_user"])
def test_every_page_renders_in_chinese(client, request, persona, records):
    user = request.getfixturevalue(persona)
    user.language = "zh-hans"
    user.save()
    client.force_login(user)
    pages = [LIST, QUEUE, HOME, curl("contract-detail", records["reviewed"])]
    pages += [curl("version-detail", records["v2"])]
    if persona == "alice":
        pages += [CREATE, f"{records['reviewed'].account.get_absolute_url()}?tab=contracts"]
        pages += [record_pages(records)[name] for name in FORM_PAGES]
    for address in pages:
        html = page(client, address)
        assert '<html lang="zh-hans">' in html, address


def test_get_on_an_action_is_refused(client, alice, records):
    client.force_login(alice)
    for name in ("contract-transition", "contract-submit", "contract-renew"):
        assert client.get(curl(name, records["reviewed"])).status_code == 405, name
    assert client.get(curl("review-decide", records["legal"])).status_code == 405


# -- creating a contract ----------------------------------------------------------------------


def contract_post(account, **overrides):
    data = {
        "account": account.pk,
        "number": "HT-2027-0001",
        "title": "Framework supply agreement 2027",
        "owner": "",
        "value": "4800000.00",
        "currency": "CNY",
        "starts_on": "2027-01-01",
        "ends_on": "2027-12-31",
        "body": V1,
        "change_summary": "First draft",
    }
    data.update(overrides)
    return data


def test_create_form_offers_my_accounts_and_prefills_the_one_asked(
    client, alice, charlie, alice_account
):
    other = f.AccountFactory(owner=alice, name="Foshan Moulds")
    secret = f.AccountFactory(owner=charlie, name="Charlie's Secret Works")
    client.force_login(alice)
    html = page(client, CREATE)
    assert options(html, "account") == [
        ("", "---------"),
        (str(other.pk), "Foshan Moulds"),
        (str(alice_account.pk), ACCOUNT_NAME),
    ]
    assert 'enctype="multipart/form-data"' in html
    assert 'accept=".pdf,.docx"' in html
    today = company_today()
    assert f'name="starts_on" value="{today.isoformat()}"' in html
    assert f'name="ends_on" value="{today.replace(year=today.year + 1).isoformat()}"' in html

    html = page(client, CREATE, data={"account": alice_account.pk})
    assert f'<option value="{alice_account.pk}" selected>' in html
    assert f'href="{alice_account.get_absolute_url()}?tab=contracts"' in html  # Cancel
    html = page(client, CREATE, data={"account": secret.pk})
    assert "Charlie&#x27;s Secret Works" not in html and "selected>Charlie" not in html


def test_a_new_contract_with_its_text(client, english, alice, alice_account):
    client.force_login(alice)
    response = client.post(CREATE, contract_post(alice_account))
    contract = Contract.objects.get()
    assert (response.status_code, response["Location"]) == (302, contract.get_absolute_url())
    assert (
        contract.account,
        contract.number,
        contract.title,
        contract.owner,
        contract.value,
        contract.currency,
        contract.starts_on,
        contract.ends_on,
        contract.status,
        contract.review_state,
    ) == (
        alice_account,
        "HT-2027-0001",
        "Framework supply agreement 2027",
        alice,
        Decimal("4800000.00"),
        "CNY",
        dt.date(2027, 1, 1),
        dt.date(2027, 12, 31),
        "draft",
        "not_submitted",
    )
    version = contract.latest_version
    assert (version.version_no, version.body, version.file.name, version.change_summary) == (
        1,
        V1,
        "",
        "First draft",
    )
    html = page(client, response["Location"])
    assert flashes(html) == [
        "Contract “HT-2027-0001 Framework supply agreement 2027” created as a draft."
    ]
    assert facts(html)["Latest version"] == "version 1"
    assert facts(html)["Term"] == "1 Jan 2027 – 31 Dec 2027"
    assert facts(html)["Owner"] == alice.display_name


def test_a_new_contract_with_its_file(client, english, alice, alice_account, media_root):
    client.force_login(alice)
    upload = pdf_upload("框架协议 2027.pdf")
    response = client.post(CREATE, contract_post(alice_account, body="", file=upload))
    contract = Contract.objects.get()
    assert (response.status_code, response["Location"]) == (302, contract.get_absolute_url())
    version = contract.latest_version
    assert (version.version_no, version.body, version.file_name, version.file_type) == (
        1,
        "",
        "框架协议 2027.pdf",
        "pdf",
    )
    assert version.file_size == len(PDF)
    # Stored under a name of ours, in the contract's folder, never the one it came with.
    assert re.fullmatch(rf"contracts/{contract.pk}/[0-9a-f]{{32}}\.pdf", version.file.name)
    assert (media_root / version.file.name).read_bytes() == PDF
    html = page(client, response["Location"])
    versions = section(html, "versions-heading")
    link = f'<a href="{curl("version-file", version)}">框架协议 2027.pdf</a>'
    assert f"{link} (PDF, {len(PDF)}\N{NO-BREAK SPACE}bytes)" in versions
    assert "Text and changes" not in versions


def test_new_contract_errors_keep_what_was_typed(client, english, alice, alice_account):
    client.force_login(alice)
    data = contract_post(
        alice_account,
        number="",
        title="Typed before the error",
        currency="USD",
        ends_on="2026-06-30",
        body="Clause 1 typed before the error.",
    )
    response = client.post(CREATE, data)
    assert response.context["form"].errors == {
        "number": [REQUIRED],
        "ends_on": ["A contract ends on or after the day it starts."],
    }
    html = response.content.decode()
    assert field_errors(html) == [REQUIRED, "A contract ends on or after the day it starts."]
    assert 'name="title" value="Typed before the error"' in html
    assert '<option value="USD" selected>' in html
    assert 'name="ends_on" value="2026-06-30"' in html
    assert "Clause 1 typed before the error.</textarea>" in html
    assert f'<option value="{alice_account.pk}" selected>' in html

    # A file that is not what it says: refused on the field, the contract not created.
    response = client.post(
        CREATE, contract_post(alice_account, file=pdf_upload("terms.pdf", b"MZ\x90\x00binary"))
    )
    assert response.context["form"].errors == {
        "file": ["The file's content is not a PDF, whatever its name says."]
    }
    assert "Clause 1" not in response.content.decode()
    assert f"{V1.splitlines()[0]}" in response.content.decode()
    response = client.post(
        CREATE, contract_post(alice_account, file=SimpleUploadedFile("terms.exe", b"MZ\x90"))
    )
    assert response.context["form"].errors == {
        "file": ["Upload a file of one of these kinds: .pdf, .docx."]
    }
    assert Contract.objects.count() == ContractVersion.objects.count() == 0


@pytest.mark.parametrize("form", ["create", "edit", "negotiation-new", "negotiation-edit"])
def test_a_refused_form_is_shown_again_with_its_errors(client, alice, records, form):
    """The record forms answer as every app's do (``ServiceFormMixin``): the form again,
    with what was typed and its errors, in a page of its own (200)."""
    draft, account = records["draft"], records["draft"].account
    address, data = {
        "create": (CREATE, contract_post(account, number="")),
        "edit": (curl("contract-edit", draft), edit_post(draft, title="")),
        "negotiation-new": (curl("negotiation-create", draft), {"held_on": "2026-11-03"}),
        "negotiation-edit": (curl("negotiation-edit", records["round"]), {"topics": ""}),
    }[form]
    client.force_login(alice)
    response = client.post(address, data)
    assert response.context["form"].errors
    assert response.status_code == 200


# -- editing ----------------------------------------------------------------------------------

TERMS = ("number", "value", "currency", "starts_on", "ends_on")


def edit_post(contract, **overrides):
    data = {
        "number": contract.number,
        "title": contract.title,
        "owner": contract.owner_id,
        "value": str(contract.value),
        "currency": contract.currency,
        "starts_on": contract.starts_on.isoformat(),
        "ends_on": contract.ends_on.isoformat(),
    }
    data.update(overrides)
    return data


def disabled(html: str) -> list[str]:
    """The names of the form's disabled inputs and selects."""
    return re.findall(r'<(?:input|select) [^>]*name="(\w+)"[^>]*\bdisabled\b', html)


def test_terms_change_while_negotiated(client, english, alice, records):
    draft = records["draft"]
    client.force_login(alice)
    html = page(client, curl("contract-edit", draft))
    assert disabled(html) == []
    assert 'name="account"' not in html and 'name="body"' not in html
    assert f'href="{draft.get_absolute_url()}"' in html  # Cancel

    response = client.post(
        curl("contract-edit", draft),
        edit_post(draft, title="Spare parts 2027", value="750000.00", ends_on="2027-11-30"),
    )
    assert (response.status_code, response["Location"]) == (302, draft.get_absolute_url())
    draft.refresh_from_db()
    assert (draft.title, draft.value, draft.ends_on) == (
        "Spare parts 2027",
        Decimal("750000.00"),
        dt.date(2027, 11, 30),
    )
    html = page(client, response["Location"])
    assert flashes(html) == ["Contract “HT-ALICE-2 Spare parts 2027” saved."]
    changes = section(html, "history-heading")
    assert "title: Spare parts → Spare parts 2027" in text(changes)
    assert "value: 1200000.00 → 750000.00" in text(changes)

    # A bad value is shown on its field, with what was typed.
    response = client.post(
        curl("contract-edit", draft), edit_post(draft, title="", value="-5", ends_on="2027-11-30")
    )
    assert response.context["form"].errors == {
        "title": [REQUIRED],
        "value": ["Ensure this value is greater than or equal to 0."],
    }
    assert 'name="value" value="-5"' in response.content.decode()
    assert Contract.objects.get(pk=draft.pk).title == "Spare parts 2027"


def test_terms_are_fixed_outside_negotiation(client, english, alice, records):
    reviewed = records["reviewed"]
    client.force_login(alice)
    html = page(client, curl("contract-edit", reviewed))
    assert disabled(html) == list(TERMS)
    assert html.count(
        "Fixed as reviewed: take the contract back to negotiation to change it."
    ) == len(TERMS)
    # Terms posted anyway are ignored; the title is still the rep's to fix.
    response = client.post(
        curl("contract-edit", reviewed),
        edit_post(reviewed, title="Castings supply 2027 (rev.)", value="1.00", number="X-1"),
    )
    assert response.status_code == 302
    reviewed.refresh_from_db()
    assert (reviewed.title, reviewed.value, reviewed.number, reviewed.status) == (
        "Castings supply 2027 (rev.)",
        Decimal("1200000.00"),
        "HT-ALICE-1",
        "in_review",
    )


# -- versions and what changed ----------------------------------------------------------------


def test_new_version_starts_from_the_previous_text(client, english, alice, records):
    draft = records["draft"]
    client.force_login(alice)
    html = page(client, curl("version-create", draft))
    body = draft.latest_version.body
    assert '<textarea name="body" cols="40" rows="14"' in html
    assert f">\n{body}</textarea>" in html
    assert "goes to legal and finance for review again" not in html
    assert 'enctype="multipart/form-data"' in html

    new_text = body.replace("100 per piece", "92 per piece")
    response = client.post(
        curl("version-create", draft), {"body": new_text, "change_summary": "Price 92"}
    )
    version = ContractVersion.objects.get(contract=draft, version_no=2)
    assert (response.status_code, response["Location"]) == (302, version.get_absolute_url())
    html = page(client, response["Location"])
    assert flashes(html) == ["Version 2 added."]
    diff = section(html, "diff-heading")
    assert "1 lines added, 1 removed" in text(diff)
    assert "<del>100</del>" in diff and "<ins>92</ins>" in diff
    assert '<span class="visually-hidden">Removed: </span>2. Price: <del>100</del>' in diff
    assert '<span class="visually-hidden">Added: </span>2. Price: <ins>92</ins>' in diff
    assert f'<pre class="contract-text">{new_text}</pre>' in html
    draft.refresh_from_db()
    assert (draft.latest_version, draft.status) == (version, "draft")
    # Version 1 is kept as it was.
    assert ContractVersion.objects.get(contract=draft, version_no=1).body == body


def test_a_version_refused_keeps_what_was_typed(client, english, alice, records):
    draft = records["draft"]
    client.force_login(alice)
    address = curl("version-create", draft)
    response = client.post(address, {"body": draft.latest_version.body, "change_summary": "Same"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"body": ["The text is the same as version 1."]}
    assert "Same</textarea>" in response.content.decode()

    response = client.post(address, {"body": "", "change_summary": "Nothing"})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "body": ["Upload the contract's file or write its text."]
    }

    response = client.post(
        address,
        {
            "body": "A new text typed with the wrong file.",
            "file": SimpleUploadedFile("..%2F..%2Fsettings.pdf", PDF),
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "file": [
            "This file name is not allowed: name the file plainly (no folders) and upload it again."
        ]
    }
    assert "A new text typed with the wrong file.</textarea>" in response.content.decode()
    assert draft.versions.count() == 1


def test_a_new_version_reopens_review(client, english, alice, records):
    reviewed = records["reviewed"]
    client.force_login(alice)
    html = page(client, curl("version-create", reviewed))
    assert (
        "The contract is in review or approved: this version goes to legal and finance for "
        "review again."
    ) in html
    docx = SimpleUploadedFile("Supply agreement v3.docx", docx_bytes())
    response = client.post(
        curl("version-create", reviewed), {"body": V2 + "\n4. Warranty 24 months", "file": docx}
    )
    assert response.status_code == 302
    reviewed.refresh_from_db()
    assert (reviewed.status, reviewed.latest_version.version_no) == ("in_review", 3)
    assert reviewed.latest_version.file_type == "docx"
    # The round on version 2 is superseded and kept; a new one asks about version 3.
    rounds = [
        (review.department.code, review.version.version_no, review.superseded_at is None)
        for review in reviewed.reviews.order_by("id")
    ]
    assert rounds == [
        ("legal", 2, False),
        ("finance", 2, False),
        ("legal", 3, True),
        ("finance", 3, True),
    ]
    html = page(client, reviewed.get_absolute_url())
    earlier = html.split('<ul class="timeline contract-reviews earlier">', 1)[1].split("</ul>")[0]
    assert earlier.count("Superseded before a decision.") == 2
    assert "2 earlier reviews" in html


def test_chinese_text_is_compared_character_by_character(client, alice, alice_account):
    contract = f.ContractFactory(
        account=alice_account,
        body="第一条 供货范围：铝合金铸件\n第二条 价格：每件一百元\n第三条 付款：三十天内",
    )
    version = services.version_add(
        contract=contract,
        by=alice,
        body="第一条 供货范围：铝合金铸件\n第二条 价格：每件九十五元\n第三条 付款：六十天内",
    )
    client.force_login(alice)
    diff = section(page(client, curl("version-detail", version)), "diff-heading")
    assert re.findall(r"<del>(.*?)</del>", diff) == ["一百", "三"]
    assert re.findall(r"<ins>(.*?)</ins>", diff) == ["九十五", "六"]
    assert "第二条 价格：每件<del>一百</del>元" in diff
    assert "第二条 价格：每件<ins>九十五</ins>元" in diff
    assert "2 lines added, 2 removed" in text(diff)


def test_the_first_version_has_no_diff_and_a_file_only_version_says_so(
    client, english, alice, records
):
    client.force_login(alice)
    html = page(client, curl("version-detail", records["v1"]))
    assert 'id="diff-heading"' not in html
    assert f'<pre class="contract-text">{V1}</pre>' in html
    draft = records["draft"]
    v2 = services.version_add(contract=draft, by=alice, file=pdf_upload("scan.pdf"))
    html = page(client, curl("version-detail", v2))
    # Version 1 had a text, version 2 has none: every line of it is removed.
    assert "3 removed" in text(section(html, "diff-heading"))
    assert "Download scan.pdf" in html


# -- the file -------------------------------------------------------------------------------


def download(client, version, status=200):
    response = client.get(curl("version-file", version))
    assert response.status_code == status
    return response


@pytest.mark.parametrize("persona", ["alice", "bob", "legal_user", "finance_user", "executive"])
def test_the_file_is_downloaded_with_its_name_and_type(client, request, persona, records):
    client.force_login(request.getfixturevalue(persona))
    response = download(client, records["v2"])
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Supply agreement v2.pdf"'
    assert b"".join(response.streaming_content) == PDF


def test_the_file_is_nobody_elses(client, alice, charlie, logistics_user, records, media_root):
    for user in (charlie, logistics_user):
        client.force_login(user)
        download(client, records["v2"], status=404)
    # A version without a file has nothing to download.
    client.force_login(alice)
    download(client, records["v1"], status=404)
    # Never served from a public media address: the page links the checked view only.
    html = page(client, records["reviewed"].get_absolute_url())
    assert records["v2"].file.name not in html
    # A Word file goes out as one, under the name it came with.
    docx = services.version_add(
        contract=records["draft"],
        by=alice,
        file=SimpleUploadedFile("Rahmenvertrag (final).docx", docx_bytes()),
    )
    response = download(client, docx)
    assert response["Content-Type"] == DOCX_TYPE
    assert response["Content-Disposition"] == ('attachment; filename="Rahmenvertrag (final).docx"')


# -- negotiation ------------------------------------------------------------------------------


def test_negotiation_rounds_are_recorded_and_corrected(client, english, alice, records):
    draft = records["draft"]
    client.force_login(alice)
    html = page(client, curl("negotiation-create", draft))
    assert f'name="held_on" value="{company_today().isoformat()}"' in html

    response = client.post(
        curl("negotiation-create", draft),
        {"held_on": "2026-11-03", "participants": "Wang Lei; Alice", "topics": ""},
    )
    assert response.context["form"].errors == {"topics": [REQUIRED]}
    assert "Wang Lei; Alice</textarea>" in response.content.decode()
    assert draft.negotiations.count() == 0

    for held_on, topics in (("2026-11-10", "Payment terms"), ("2026-11-03", "Price per piece")):
        response = client.post(
            curl("negotiation-create", draft),
            {
                "held_on": held_on,
                "participants": "Wang Lei (purchasing)\nAlice",
                "topics": topics,
                "concessions": "2 % off",
                "outcome": "Agreed",
                "next_steps": "Send version 2",
            },
        )
        record = NegotiationRecord.objects.latest("id")
        assert (response.status_code, response["Location"]) == (
            302,
            f"{draft.get_absolute_url()}#round-{record.pk}",
        )
    html = page(client, draft.get_absolute_url())
    assert flashes(html) == ["Negotiation round of HT-ALICE-2 Spare parts recorded."] * 2
    # Listed in the order they were held, whatever order they were recorded in.
    rounds = section(html, "negotiation-heading")
    assert re.findall(r"<strong>(Round \d, [^<]+)</strong>", rounds) == [
        "Round 1, 3 Nov 2026",
        "Round 2, 10 Nov 2026",
    ]
    assert "<dd>Wang Lei (purchasing)<br>Alice</dd>" in rounds
    draft.refresh_from_db()
    assert draft.status == "negotiating"

    first = draft.negotiations.get(held_on=dt.date(2026, 11, 3))
    response = client.post(
        curl("negotiation-edit", first),
        {
            "held_on": "2026-11-03",
            "participants": "Wang Lei (purchasing)\nAlice",
            "topics": "Price per piece",
            "outcome": "Price 95 agreed",
        },
    )
    assert (response.status_code, response["Location"]) == (302, first.get_absolute_url())
    assert flashes(page(client, draft.get_absolute_url())) == [
        "HT-ALICE-2, round of 2026-11-03 saved."
    ]
    first.refresh_from_db()
    assert (first.outcome, first.concessions) == ("Price 95 agreed", "")
    assert list(first.history.order_by("history_id").values_list("outcome", flat=True)) == [
        "Agreed",
        "Price 95 agreed",
    ]


# -- submitting, moving, renewing -------------------------------------------------------------


def test_submit_for_review_opens_a_review_for_legal_and_finance(
    client, english, alice, legal_user, finance_user, records
):
    draft = records["draft"]
    client.force_login(alice)
    html = page(client, draft.get_absolute_url())
    assert "Submit version 1 for review" in html
    response = client.post(curl("contract-submit", draft), {"note": "Price agreed."})
    assert (response.status_code, response["Location"]) == (302, draft.get_absolute_url())
    html = page(client, response["Location"])
    assert flashes(html) == ["Sent for review to Legal, Finance."]
    draft.refresh_from_db()
    assert (draft.status, draft.review_state, draft.status_note) == (
        "in_review",
        "pending",
        "Price agreed.",
    )
    reviews = section(html, "reviews-heading")
    assert re.findall(r"<strong>(\w+)</strong> <span class=\"badge decision-(\w+)\">", reviews) == [
        ("Finance", "pending"),
        ("Legal", "pending"),
    ]
    for member, code in ((legal_user, "legal"), (finance_user, "finance")):
        told = Notification.objects.get(
            user=member,
            kind="contracts.review_requested",
            url=review_of(draft, code).get_absolute_url(),
        )
        assert told.subject == f"Contract to review: HT-ALICE-2 {ACCOUNT_NAME}"

    # Once in review there is nothing to submit: said, and nothing changes.
    assert "Submit version" not in page(client, draft.get_absolute_url())
    response = client.post(curl("contract-submit", draft), {"note": "Again."})
    assert response.status_code == 409
    assert refusal(response.content.decode()) == (
        "Only a draft or a contract in negotiation is submitted for review."
    )
    assert draft.reviews.count() == 2


def test_a_contract_without_text_is_not_submitted(client, english, alice, alice_account):
    empty = f.ContractFactory(account=alice_account, body="")
    client.force_login(alice)
    html = page(client, empty.get_absolute_url())
    assert "Submit version" not in html
    assert "Add the contract's text or file, then submit it to legal and finance" in html
    response = client.post(curl("contract-submit", empty), {})
    assert response.status_code == 409
    assert refusal(response.content.decode()) == (
        "Add the contract&#x27;s text or file before submitting it for review."
    )
    assert Contract.objects.get(pk=empty.pk).status == "draft"


def test_signing_and_a_refused_move(client, english, alice, legal_user, finance_user, records):
    reviewed = approve(records["reviewed"], legal_user, finance_user)
    address = curl("contract-transition", reviewed)
    client.force_login(alice)
    html = page(client, reviewed.get_absolute_url())
    assert options(html, "status") == [
        ("signed", "Signed"),
        ("negotiating", "Negotiating"),
        ("terminated", "Terminated"),
    ]
    assert f'name="signed_on" value="{company_today().isoformat()}"' in html

    signed_on = company_today() - dt.timedelta(days=1)
    response = client.post(address, {"status": "signed", "signed_on": signed_on.isoformat()})
    assert (response.status_code, response["Location"]) == (302, reviewed.get_absolute_url())
    html = page(client, response["Location"])
    assert flashes(html) == ["Contract HT-ALICE-1 is now Signed."]
    assert facts(html)["Signed on"] == shown_date(signed_on)
    assert "status: Approved → Signed" in text(section(html, "history-heading"))
    reviewed.refresh_from_db()
    assert (reviewed.status, reviewed.signed_on) == ("signed", signed_on)

    # A draft is not signed: the page says why, keeps the note, offers what it may become.
    draft = records["draft"]
    response = client.post(
        curl("contract-transition", draft), {"status": "signed", "note": "Skip ahead."}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert refusal(html) == "A contract that is Draft cannot become Signed."
    assert "Skip ahead.</textarea>" in html
    assert options(html, "status") == [("negotiating", "Negotiating"), ("terminated", "Terminated")]
    response = client.post(curl("contract-transition", draft), {"status": "in_review"})
    assert response.status_code == 409
    assert refusal(response.content.decode()) == (
        "A contract goes into review by submitting it, and is approved by its reviews."
    )
    response = client.post(curl("contract-transition", draft), {"status": "teleported"})
    assert response.status_code == 400
    assert response.context["transition_form"].errors == {
        "status": ["Select a valid choice. teleported is not one of the available choices."]
    }
    assert Contract.objects.get(pk=draft.pk).status == "draft"


def test_terminating_needs_a_reason(client, english, alice, records):
    draft = records["draft"]
    address = curl("contract-transition", draft)
    client.force_login(alice)
    response = client.post(address, {"status": "terminated", "note": "  "})
    assert response.status_code == 400
    assert response.context["transition_form"].errors == {
        "note": ["Say why the contract is terminated."]
    }
    assert field_errors(response.content.decode()) == ["Say why the contract is terminated."]
    assert Contract.objects.get(pk=draft.pk).status == "draft"

    response = client.post(address, {"status": "terminated", "note": "The customer left."})
    assert response.status_code == 302
    html = page(client, draft.get_absolute_url())
    assert flashes(html) == ["Contract HT-ALICE-2 is now Terminated."]
    assert '<p class="muted"><small>The customer left.</small></p>' in html
    # Nothing moves a terminated contract: no steps, no new version, no round.
    assert 'id="steps-heading"' in html and "transition-form" not in html
    assert curl("version-create", draft) not in html
    assert curl("negotiation-create", draft) not in html
    response = client.post(curl("version-create", draft), {"body": "Revived?"})
    assert response.status_code == 409
    assert draft.versions.count() == 1


def test_renewing_a_signed_contract(client, english, alice, legal_user, finance_user, records):
    reviewed = sign(records["reviewed"], legal_user, finance_user)
    client.force_login(alice)
    html = page(client, reviewed.get_absolute_url())
    assert 'name="number" value="HT-ALICE-1-R"' in html
    response = client.post(curl("contract-renew", reviewed), {"number": "HT-ALICE-1-R"})
    renewal = Contract.objects.get(number="HT-ALICE-1-R")
    assert (response.status_code, response["Location"]) == (302, renewal.get_absolute_url())
    assert (renewal.status, renewal.renewal_of, renewal.starts_on, renewal.latest_version.body) == (
        "draft",
        reviewed,
        reviewed.ends_on + dt.timedelta(days=1),
        V2,
    )
    html = page(client, response["Location"])
    assert flashes(html) == ["Renewal HT-ALICE-1-R started as a draft."]
    assert facts(html)["Renews"] == "HT-ALICE-1"
    assert facts(page(client, reviewed.get_absolute_url()))["Renewed by"] == (
        "HT-ALICE-1-R (Draft)"
    )

    response = client.post(curl("contract-renew", reviewed), {"number": "HT-ALICE-1-R2"})
    assert response.status_code == 409
    assert refusal(response.content.decode()) == "Its renewal is under way already: HT-ALICE-1-R."
    response = client.post(curl("contract-renew", records["draft"]), {"number": "HT-X"})
    assert response.status_code == 409
    assert refusal(response.content.decode()) == "A contract is renewed once it is signed."
    response = client.post(curl("contract-renew", reviewed), {"number": ""})
    assert response.status_code == 400
    assert response.context["renew_form"].errors == {"number": [REQUIRED]}
    assert Contract.objects.filter(renewal_of=reviewed).count() == 1

    # A calendar year renews to the next calendar year (a leap year: 366 days).
    year = sign(
        f.ContractFactory(
            account=reviewed.account,
            number="HT-ALICE-2027",
            starts_on=dt.date(2027, 1, 1),
            ends_on=dt.date(2027, 12, 31),
        ),
        legal_user,
        finance_user,
    )
    client.post(curl("contract-renew", year), {"number": "HT-ALICE-2028"})
    renewal = Contract.objects.get(number="HT-ALICE-2028")
    assert (renewal.starts_on, renewal.ends_on) == (dt.date(2028, 1, 1), dt.date(2028, 12, 31))


# -- deciding a review ------------------------------------------------------------------------


def decision_form(html: str) -> str | None:
    found = re.findall(r'<form method="post" action="(/contracts/reviews/\d+/decide/)"', html)
    assert len(found) <= 1
    return found[0] if found else None


def test_the_decision_form_is_for_the_reviewing_department_only(
    client, alice, bob, executive, legal_user, finance_user, records
):
    address = records["reviewed"].get_absolute_url()
    expected = [
        (alice, None),
        (bob, None),
        (executive, None),
        (legal_user, curl("review-decide", records["legal"])),
        (finance_user, curl("review-decide", records["finance"])),
    ]
    for user, form in expected:
        client.force_login(user)
        assert decision_form(page(client, address)) == form, user.username
    # Decided: legal has nothing left to decide; finance still has.
    services.review_decide(review=records["legal"], by=legal_user, decision="approved")
    client.force_login(legal_user)
    html = page(client, address)
    assert decision_form(html) is None
    assert "legal" not in (posted_forms(html) or [""])[0]
    client.force_login(finance_user)
    assert decision_form(page(client, address)) == curl("review-decide", records["finance"])
    # Superseded by a new version: nobody decides the old round.
    services.version_add(contract=records["reviewed"], by=alice, body=V2 + "\n4. Warranty")
    assert decision_form(page(client, address)) == curl(
        "review-decide", review_of(records["reviewed"], "finance")
    )
    assert review_of(records["reviewed"], "finance") != records["finance"]


def test_approving_in_the_browser(client, english, alice, legal_user, finance_user, records):
    reviewed = records["reviewed"]
    client.force_login(legal_user)
    response = client.post(
        curl("review-decide", records["legal"]), {"decision": "approved", "comments": ""}
    )
    assert (response.status_code, response["Location"]) == (302, reviewed.get_absolute_url())
    html = page(client, response["Location"])
    assert flashes(html) == ["Your decision on HT-ALICE-1 is recorded: Approved."]
    legal = ContractReview.objects.get(pk=records["legal"].pk)
    assert (legal.decision, legal.reviewer, legal.decided_at is not None) == (
        "approved",
        legal_user,
        True,
    )
    assert Contract.objects.get(pk=reviewed.pk).status == "in_review"
    told = Notification.objects.get(user=alice, kind="contracts.review_decided")
    assert told.subject == f"Legal: Approved — HT-ALICE-1 {ACCOUNT_NAME}"

    client.force_login(finance_user)
    client.post(curl("review-decide", records["finance"]), {"decision": "approved"})
    reviewed.refresh_from_db()
    assert (reviewed.status, reviewed.review_state) == ("approved", "approved")
    html = page(client, reviewed.get_absolute_url())
    assert heading(html).endswith("Approved Approved by all")


def test_changes_requested_need_comments_and_send_it_back(
    client, english, alice, legal_user, finance_user, records
):
    reviewed = records["reviewed"]
    address = curl("review-decide", records["finance"])
    client.force_login(finance_user)
    response = client.post(address, {"decision": "changes_requested", "comments": " "})
    assert response.status_code == 400
    assert response.context["decision_form"].errors == {
        "comments": ["Say what must change, or why it is rejected."]
    }
    html = response.content.decode()
    assert field_errors(html) == ["Say what must change, or why it is rejected."]
    assert 'value="changes_requested" id="id_decision_1" required checked' in html
    assert ContractReview.objects.get(pk=records["finance"].pk).decision == "pending"

    response = client.post(address, {"decision": "bogus"})
    assert response.status_code == 400
    assert list(response.context["decision_form"].errors) == ["decision"]

    response = client.post(
        address, {"decision": "changes_requested", "comments": "Payment within 45 days."}
    )
    assert response.status_code == 302
    reviewed.refresh_from_db()
    assert (reviewed.status, reviewed.review_state) == ("negotiating", "returned")
    # Both reviews of the round are superseded and kept, the decision with its comment.
    assert [
        (review.department.code, review.decision, review.comments, review.superseded_at is None)
        for review in reviewed.reviews.order_by("id")
    ] == [
        ("legal", "pending", "", False),
        ("finance", "changes_requested", "Payment within 45 days.", False),
    ]
    html = page(client, reviewed.get_absolute_url())
    assert decision_form(html) is None
    assert "Payment within 45 days." in html


@pytest.mark.parametrize(
    "case, status, reason",
    [
        ("rep", 403, "Only a member of the reviewing department decides this review."),
        ("decided", 409, "This review is decided already."),
        ("superseded", 409, "This review was superseded: the contract has moved on since."),
    ],
)
def test_a_refused_decision_says_why(
    client, english, alice, legal_user, finance_user, records, case, status, reason
):
    review = records["legal"]
    decider = legal_user
    if case == "rep":
        decider = alice
    elif case == "decided":
        services.review_decide(review=review, by=legal_user, decision="approved")
    else:  # finance sent it back: legal's review of the round is superseded
        services.review_decide(
            review=records["finance"], by=finance_user, decision="rejected", comments="No."
        )
    before = states(records)
    client.force_login(decider)
    response = client.post(
        curl("review-decide", review), {"decision": "rejected", "comments": "Too late?"}
    )
    assert response.status_code == status
    assert refusal(response.content.decode()) == reason
    assert states(records) == before


# -- the review queue -------------------------------------------------------------------------


@pytest.fixture
def rounds(alice, alice_account, legal_user, finance_user, records):
    """Reviews in every state: the records' open round, a contract both approved, and one
    finance sent back (legal's review superseded before a decision)."""
    approved = approve(
        f.ContractFactory(account=alice_account, number="HT-ALICE-3"), legal_user, finance_user
    )
    returned = f.ContractFactory(account=alice_account, number="HT-ALICE-4")
    services.contract_submit_for_review(contract=returned, by=alice)
    services.review_decide(
        review=review_of(returned, "finance"),
        by=finance_user,
        decision="rejected",
        comments="Over budget.",
    )
    return {
        "open": records["legal"],
        "approved": ContractReview.objects.get(contract=approved, department__code="legal"),
        "superseded": ContractReview.objects.get(contract=returned, department__code="legal"),
        "finance_open": records["finance"],
        "finance_approved": ContractReview.objects.get(
            contract=approved, department__code="finance"
        ),
        "finance_rejected": ContractReview.objects.get(
            contract=returned, department__code="finance"
        ),
    }


def pks(rounds, *names):
    return [rounds[name].pk for name in names]


def test_the_queue_shows_the_departments_open_reviews_first(client, english, legal_user, rounds):
    client.force_login(legal_user)
    html = page(client, QUEUE)
    assert queue(html) == pks(rounds, "open")
    assert "<h1>Contract reviews of Legal</h1>" in html
    assert '<option value="true" selected>Yes</option>' in html
    assert 'name="department"' not in html  # a department sees its own only

    assert queue(page(client, QUEUE, data={"filtered": "1"})) == pks(
        rounds, "open", "approved", "superseded"
    )
    assert queue(page(client, QUEUE, data={"open": "false"})) == pks(
        rounds, "approved", "superseded"
    )
    assert queue(page(client, QUEUE, data={"decision": "approved"})) == pks(rounds, "approved")
    assert queue(page(client, QUEUE, data={"filtered": "1", "sort": "-requested"})) == pks(
        rounds, "superseded", "approved", "open"
    )
    # Legal cannot read finance's reviews by asking for them.
    assert queue(page(client, QUEUE, data={"department": "finance", "filtered": "1"})) == []
    row = page(client, QUEUE, data={"filtered": "1"})
    assert '<small class="muted">superseded</small>' in row
    assert f'<span>{ACCOUNT_NAME} <small class="muted">Key</small></span>' in row
    assert "/accounts/" not in main(row)


def test_finance_queue_and_the_account_sides_view(
    client, english, alice, charlie, finance_user, rounds
):
    client.force_login(finance_user)
    assert queue(page(client, QUEUE)) == pks(rounds, "finance_open")
    assert queue(page(client, QUEUE, data={"decision": ["approved", "rejected"]})) == pks(
        rounds, "finance_approved", "finance_rejected"
    )
    # The rep reads every review of her contracts, with the department that holds it.
    client.force_login(alice)
    html = page(client, QUEUE)
    assert "<h1>Contract reviews</h1>" in html
    assert sorted(queue(html)) == sorted(pks(rounds, "open", "finance_open"))
    assert "<small>Legal</small>" in html and "<small>Finance</small>" in html
    assert queue(page(client, QUEUE, data={"department": "finance", "filtered": "1"})) == pks(
        rounds, "finance_open", "finance_approved", "finance_rejected"
    )
    client.force_login(charlie)
    assert queue(page(client, QUEUE, data={"filtered": "1"})) == []


def test_a_bad_filter_is_a_400_that_says_so(client, english, legal_user, alice, rounds):
    client.force_login(legal_user)
    response = client.get(QUEUE, {"decision": "maybe"})
    assert response.status_code == 400
    assert queue(response.content.decode()) == []
    client.force_login(alice)
    response = client.get(LIST, {"status": "lost", "value_min": "x"})
    assert response.status_code == 400
    assert ledger(response.content.decode()) == []


# -- the ledger -------------------------------------------------------------------------------


def test_ledger_filters(client, english, alice, bob, legal_user, finance_user, rounds, records):
    ending = sign(
        f.ContractFactory(
            account=records["reviewed"].account,
            number="HT-ALICE-5",
            starts_on=company_today() - dt.timedelta(days=300),
            ends_on=company_today() + dt.timedelta(days=40),
        ),
        legal_user,
        finance_user,
    )
    f.ContractFactory(account=records["reviewed"].account, number="HT-ALICE-6", currency="USD")
    client.force_login(alice)
    everything = [
        "HT-ALICE-6",
        "HT-ALICE-5",
        "HT-ALICE-4",
        "HT-ALICE-3",
        "HT-ALICE-2",
        "HT-ALICE-1",
    ]
    assert ledger(page(client, LIST)) == everything
    assert ledger(page(client, LIST, data={"status": "signed"})) == [ending.number]
    assert ledger(page(client, LIST, data={"status": ["draft", "in_review"]})) == [
        "HT-ALICE-6",
        "HT-ALICE-2",
        "HT-ALICE-1",
    ]
    assert ledger(page(client, LIST, data={"review_state": "returned"})) == ["HT-ALICE-4"]
    assert ledger(page(client, LIST, data={"renewal_due": "1"})) == ["HT-ALICE-5"]
    assert ledger(page(client, LIST, data={"currency": "USD"})) == ["HT-ALICE-6"]
    assert ledger(page(client, LIST, data={"q": "ALICE-3"})) == ["HT-ALICE-3"]
    assert ledger(page(client, LIST, data={"sort": "number"})) == everything[::-1]
    assert ledger(page(client, LIST, data={"sort": "ends"}))[0] == "HT-ALICE-5"
    account = records["reviewed"].account
    html = page(client, LIST, data={"account": account.pk, "filtered": "1"})
    assert f"<p>{ACCOUNT_NAME}</p>" in html
    assert f'href="{CREATE}?account={account.pk}"' in html
    # Charlie's contract is never Alice's, whatever she asks.
    assert ledger(page(client, LIST, data={"q": "CHARLIE"})) == []
    # The manager reads his team's, with the owner.
    client.force_login(bob)
    html = page(client, LIST, data={"status": "signed"})
    assert ledger(html) == ["HT-ALICE-5"]
    assert f'<td data-label="Owner">{alice.display_name}</td>' in html


def test_a_value_is_shown_in_the_contracts_own_currency(client, alice, alice_account):
    contract = f.ContractFactory(account=alice_account, value=Decimal("250000"), currency="USD")
    client.force_login(alice)
    assert facts(page(client, contract.get_absolute_url()))["Value"] == "250,000.00 USD"
    row = page(client, LIST)
    assert "CNY" not in row.split('data-label="Value"', 1)[1].split("</td>", 1)[0]


# -- the account's tab, the home page, the navigation -----------------------------------------


def test_the_account_tab_lists_its_contracts(client, english, alice, executive, records):
    account = records["reviewed"].account
    client.force_login(alice)
    html = page(client, account.get_absolute_url(), data={"tab": "contracts"})
    assert '<a href="?tab=contracts"' in html
    tab_link = html.split('hx-get="?tab=contracts"', 1)[1].split("</a>", 1)[0]
    assert '<span class="tab-count">2</span>' in tab_link
    tab = section(html, "contracts-heading")
    entries = re.findall(r'<a href="/contracts/(\d+)/"><strong>([^<]+)</strong></a>', tab)
    assert entries == [
        (str(records["draft"].pk), "HT-ALICE-2 Spare parts"),
        (str(records["reviewed"].pk), "HT-ALICE-1 Castings supply 2027"),
    ]
    assert '<span class="badge contract-in_review">In review</span>' in tab
    assert f'href="{CREATE}?account={account.pk}"' in tab
    assert f'href="{LIST}?account={account.pk}&amp;filtered=1"' in tab
    client.force_login(executive)
    tab = section(
        page(client, account.get_absolute_url(), data={"tab": "contracts"}), "contracts-heading"
    )
    assert "New contract" not in tab and "HT-ALICE-1" in tab


def renewals_panel(html: str) -> str:
    return section(html, "renewals-heading")


def test_home_lists_the_contracts_up_for_renewal(
    client, english, alice, bob, charlie, legal_user, finance_user, alice_account
):
    today = company_today()
    ending = sign(
        f.ContractFactory(
            account=alice_account,
            number="HT-ENDING",
            title="Castings 2026",
            starts_on=today - dt.timedelta(days=320),
            ends_on=today + dt.timedelta(days=40),
        ),
        legal_user,
        finance_user,
    )
    sign(
        f.ContractFactory(
            account=alice_account,
            number="HT-LATER",
            starts_on=today - dt.timedelta(days=30),
            ends_on=today + dt.timedelta(days=100),
        ),
        legal_user,
        finance_user,
    )
    f.ContractFactory(account=alice_account, number="HT-DRAFT", ends_on=today + dt.timedelta(30))
    for user in (alice, bob):
        client.force_login(user)
        panel = renewals_panel(page(client, HOME))
        assert '<h2 id="renewals-heading">Contracts up for renewal</h2>' not in panel
        assert re.findall(r"<strong>([^<]+)</strong>", panel) == ["HT-ENDING Castings 2026"]
        assert f'href="{ending.get_absolute_url()}"' in panel
        assert f"ends {shown_date(ending.ends_on)}" in text(panel)
        assert ("· " + alice.display_name in text(panel)) == (user == bob)
        assert f'href="{LIST}?renewal_due=1&amp;sort=ends&amp;filtered=1"' in panel
    client.force_login(charlie)
    panel = renewals_panel(page(client, HOME))
    assert "No signed contract ends in the next 90 days." in panel
    assert "HT-ENDING" not in panel


def test_the_reviewers_home_lists_what_waits_for_them(
    client, english, alice, legal_user, finance_user, logistics_user, records
):
    for user, department, review in (
        (legal_user, "Legal", records["legal"]),
        (finance_user, "Finance", records["finance"]),
    ):
        client.force_login(user)
        html = page(client, HOME)
        panel = section(html, "contract-reviews-heading")
        assert panel.startswith(f">Contracts waiting for {department}</h2>")
        assert re.findall(r'<a href="([^"]+)"><strong>([^<]+)</strong>', panel) == [
            (review.get_absolute_url(), "HT-ALICE-1 Castings supply 2027")
        ]
        assert ACCOUNT_NAME in panel and "/accounts/" not in panel
    services.review_decide(review=records["legal"], by=legal_user, decision="approved")
    client.force_login(legal_user)
    panel = section(page(client, HOME), "contract-reviews-heading")
    assert "No contract waits for your department's review." in panel
    for user in (logistics_user, alice):
        client.force_login(user)
        assert 'id="contract-reviews-heading"' not in page(client, HOME), user.username


def test_navigation_entries(
    client, english, alice, bob, executive, legal_user, finance_user, logistics_user
):
    for user, contracts, reviews in (
        (alice, True, False),
        (bob, True, False),
        (executive, True, False),
        (legal_user, False, True),
        (finance_user, False, True),
        (logistics_user, False, False),
    ):
        client.force_login(user)
        entries = nav(page(client, HOME))
        assert ("Contracts" in entries, "Contract reviews" in entries) == (contracts, reviews), (
            user.username,
            entries,
        )
    client.force_login(legal_user)
    assert f'<a href="{QUEUE}">Contract reviews</a>' in page(client, HOME)
    client.force_login(alice)
    assert f'<a href="{LIST}">Contracts</a>' in page(client, HOME)


# -- query counts -----------------------------------------------------------------------------


def many_contracts(account, rows: int, *, submit_every: int = 3):
    """``rows`` contracts on several accounts of the owner, every ``submit_every``-th in
    review (legal and finance must exist: they are told)."""
    for i in range(rows):
        if i % 4 == 0:
            account = f.AccountFactory(owner=account.owner, name=f"Bulk {i:02d}")
        contract = f.ContractFactory(account=account, number=f"HT-BULK-{i:03d}")
        if i % submit_every == 0:
            services.contract_submit_for_review(contract=contract, by=account.owner)


@pytest.mark.parametrize("rows", [1, 30])
def test_ledger_query_count(
    client, alice, alice_account, bob, legal_user, finance_user, rows, django_assert_num_queries
):
    many_contracts(alice_account, rows)
    # session, user; the owners the owner filter would offer, the count, the page of
    # contracts with their accounts, owners and latest versions; unread (+ the savepoint
    # pair). The manager's filter form also lists his teams and their reps.
    for user, queries in ((alice, 8), (bob, 10)):
        client.force_login(user)
        with django_assert_num_queries(queries):
            html = page(client, LIST)
        assert len(ledger(html)) == min(rows, 25)


@pytest.mark.parametrize("rows", [1, 30])
def test_review_queue_query_count(
    client, alice_account, legal_user, finance_user, rows, django_assert_num_queries
):
    many_contracts(alice_account, rows, submit_every=1)
    client.force_login(legal_user)
    # session, user; the count, the page of reviews with their contracts, accounts,
    # versions and departments, the department (the heading); unread (+ the savepoint pair)
    with django_assert_num_queries(8):
        html = page(client, QUEUE)
    assert len(queue(html)) == min(rows, 25)


@pytest.mark.parametrize("entries", [1, 12])
def test_contract_page_query_count(
    client, alice, alice_account, legal_user, finance_user, entries, django_assert_num_queries
):
    contract = f.ContractFactory(account=alice_account, body="Clause 0")
    for i in range(entries):
        f.NegotiationRecordFactory(contract=contract, topics=f"Topic {i}")
        services.version_add(contract=contract, by=alice, body=f"Clause {i + 1}")
        services.contract_submit_for_review(contract=contract, by=alice)
        review = review_of(contract, "finance")
        services.review_decide(
            review=review, by=finance_user, decision="changes_requested", comments=f"No {i}"
        )
    services.contract_submit_for_review(contract=contract, by=alice)
    # session, user, the contract with its account, owner and latest version; the
    # versions, rounds and reviews with their people; the history and the owners it
    # names, the renewals; unread (+ the savepoint pair); whether the user may change
    # it (no query for a department member, who changes no contract). The reviewer's
    # navigation also reads her department. Legal reads its own department's reviews:
    # one a round.
    for user, queries, reviews in ((alice, 13, 2 * entries + 2), (legal_user, 13, entries + 1)):
        client.force_login(user)
        with django_assert_num_queries(queries):
            html = page(client, contract.get_absolute_url())
        assert html.count('<li id="round-') == entries
        assert html.count('<li id="version-') == entries + 1
        assert html.count('<li id="review-') == reviews


@pytest.mark.parametrize("lines", [1, 200])
def test_version_page_query_count(client, alice, alice_account, lines, django_assert_num_queries):
    old = "\n".join(f"Clause {i}: price 100 yuan" for i in range(lines))
    contract = f.ContractFactory(account=alice_account, body=old)
    new = old.replace("price 100", "price 95")
    version = services.version_add(contract=contract, by=alice, body=new)
    client.force_login(alice)
    # session, user, the version with its contract, account and author, the version
    # before it; unread (+ the savepoint pair)
    with django_assert_num_queries(7):
        html = page(client, curl("version-detail", version))
    assert html.count("<ins>95</ins>") == lines


# -- in a real browser ------------------------------------------------------------------------

#: The colour of a review's department name and the background it is read on.
REVIEW_COLOURS = """() => {
  const strong = document.querySelector(".contract-reviews > li header strong");
  const card = strong.closest("article");
  return [getComputedStyle(strong).color, getComputedStyle(card).backgroundColor];
}"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reviews_department_is_legible(live_server, chromium, alice, legal_user, alice_account):
    contract = f.ContractFactory(account=alice_account)
    services.contract_submit_for_review(contract=contract, by=alice)
    context = new_context(chromium, viewport={"width": 1280, "height": 900})
    browser_page = context.new_page()
    log_in(browser_page, live_server.url, "alice")
    browser_page.goto(f"{live_server.url}{contract.get_absolute_url()}")
    expect(browser_page.locator(".contract-reviews > li header strong").first).to_have_text(
        "Finance"
    )
    colour, background = browser_page.evaluate(REVIEW_COLOURS)
    context.close()
    assert colour != background
