"""Duty 6's deliverables as files: the contract ledger (合同台账, XLSX) and a contract's
negotiation record (PDF), through ``/exports/<name>.<fmt>``. Each starts from
``visible_to`` and the page's parameters; the personas are those of ``tests/conftest.py``
(Lena of legal, Fred of finance, Lou of logistics).

Contracts move through ``contracts.services``; the moments the PDF prints (versions
written, reviews requested and decided) are then set to fixed values, so every line of
the record is known.
"""

import datetime as dt
import io
import zoneinfo
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from contracts import services
from contracts.models import Contract, ContractReview, ContractVersion
from kam.dates import company_today
from kam.models import ExportJob, ExportStatus
from tests import factories as f
from tests.support import pdf_text, wait_until

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")  # the company's zone (settings.TIME_ZONE)
CHINESE_NAME = "杭州精密铸造有限公司"
CHINESE_TOPIC = "单价与付款条件"
CHINESE_PARTICIPANTS = "王磊（采购部）; Alice Zhang"
ACCOUNT_CODE = "HZ-001"
REGION = "Yangtze Delta"  # the account's region: no export says it

LEDGER_HEADER = (
    "Contract number",
    "Title",
    "Account",
    "Tier",
    "Owner",
    "Value",
    "Currency",
    "Starts on",
    "Ends on",
    "Days to end",
    "Status",
    "Review",
    "Waiting for",
    "Latest version",
    "Signed on",
    "Renews",
)


def at(year, month, day, hour=9, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def midnight(day: dt.date) -> dt.datetime:
    """A date as an XLSX cell reads back: a naive datetime at midnight."""
    return dt.datetime.combine(day, dt.time())


def export(client, name, fmt, expected=200, **params):
    # ``expected``, not ``status``: the ledger filters on a ``status`` parameter.
    response = client.get(reverse("export", args=[name, fmt]), params)
    assert response.status_code == expected, body(response)[:300]
    return response


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def response_filename(response) -> str:
    return response["Content-Disposition"].split('filename="')[1].split('"')[0]


def workbook(response):
    return load_workbook(io.BytesIO(body(response)))


def rows(sheet):
    values = list(sheet.iter_rows(values_only=True))
    return values[0], values[1:]


def records(sheet):
    header, data = rows(sheet)
    return [dict(zip(header, row, strict=True)) for row in data]


def info(book):
    return dict(row[:2] for row in book["Export info"].iter_rows(values_only=True) if row[0])


def every_cell(book) -> list:
    return [value for sheet in book for row in sheet.iter_rows(values_only=True) for value in row]


def named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save()
    return user


def set_moment(model, pks, **moments):
    """Give rows written "now" by the services the fixed moments the record prints."""
    model.objects.filter(pk__in=pks).update(**moments)


def review_of(reviews, code):
    return next(review for review in reviews if review.department.code == code)


@pytest.fixture
def book(alice, bob, charlie, legal_user, finance_user, logistics_user, executive):
    """Alice's contracts in every state that matters, and Charlie's.

    * ``supply`` (HT-2026-001, the Chinese account): two rounds, two versions, approved by
      legal and finance, signed, ending in 45 days (up for renewal);
    * ``valves_deal`` (HT-2026-002, USD): legal asked for changes in the first review round;
      version 2 is in review, legal approved it, finance has still to decide;
    * ``draft`` (HT-2026-003): no version, never reviewed;
    * ``chengdu`` (HT-2026-009): Charlie's, in negotiation;
    * ``renewal`` (HT-2026-001-R): the renewal of ``supply``, a draft.
    """
    named(alice, "Alice", "Zhang")
    named(bob, "Bob", "Wu")
    named(charlie, "Charlie", "Li")
    lena = named(legal_user, "Lena", "Ma")
    fred = named(finance_user, "Fred", "Qian")
    castings = f.AccountFactory(
        owner=alice, code=ACCOUNT_CODE, name=CHINESE_NAME, tier="strategic", region=REGION
    )
    valves = f.AccountFactory(owner=alice, code="NB-001", name="Ningbo Valve Works", tier="key")
    chengdu_account = f.AccountFactory(
        owner=charlie, code="CD-001", name="Chengdu Heavy Industries", tier="growth"
    )
    today = company_today()

    # -- supply: negotiated twice, approved, signed ------------------------------------------
    supply = f.ContractFactory(
        account=castings,
        number="HT-2026-001",
        title="Castings supply agreement",
        value=Decimal("1200000.00"),
        starts_on=dt.date(2026, 1, 1),
        ends_on=today + dt.timedelta(days=45),
        body="1. Scope of supply\n2. Price: 100 per piece\n",
        change_summary="First draft",
    )
    f.NegotiationRecordFactory(
        contract=supply,
        held_on=dt.date(2026, 3, 2),
        participants=CHINESE_PARTICIPANTS,
        topics=CHINESE_TOPIC,
        concessions="2% off above 10,000 pieces",
        outcome="Price agreed in principle",
        next_steps="Send version 2",
    )
    services.version_add(
        contract=supply,
        by=alice,
        body="1. Scope of supply\n2. Price: 95 per piece\n",
        change_summary="Price cut to 95 per piece",
    )
    f.NegotiationRecordFactory(
        contract=supply,
        held_on=dt.date(2026, 3, 10),
        participants="Wang Lei; Alice Zhang",
        topics="Payment terms",
        concessions="",
        outcome="Payment within 45 days",
        next_steps="",
    )
    reviews = services.contract_submit_for_review(contract=supply, by=alice)
    set_moment(ContractReview, [r.pk for r in reviews], requested_at=at(2026, 3, 11))
    services.review_decide(
        review=review_of(reviews, "legal"),
        by=lena,
        decision="approved",
        comments="Liability clause is fine.",
        now=at(2026, 3, 12, 10),
    )
    services.review_decide(
        review=review_of(reviews, "finance"), by=fred, decision="approved", now=at(2026, 3, 13, 16)
    )
    supply = services.contract_transition(
        contract=Contract.objects.get(pk=supply.pk),
        to_status="signed",
        by=alice,
        signed_on=dt.date(2026, 3, 20),
    )
    versions = ContractVersion.objects.filter(contract=supply)
    set_moment(ContractVersion, [versions.get(version_no=1).pk], created_at=at(2026, 2, 20, 10))
    set_moment(ContractVersion, [versions.get(version_no=2).pk], created_at=at(2026, 3, 5, 14))

    # -- valves_deal: returned by legal, in review again -------------------------------------
    valves_deal = f.ContractFactory(
        account=valves,
        number="HT-2026-002",
        title="Valve seats frame agreement",
        value=Decimal("250000.50"),
        currency="USD",
        starts_on=dt.date(2027, 1, 1),
        ends_on=dt.date(2027, 12, 31),
    )
    f.NegotiationRecordFactory(contract=valves_deal, held_on=dt.date(2026, 5, 6))
    first = services.contract_submit_for_review(contract=valves_deal, by=alice)
    set_moment(ContractReview, [r.pk for r in first], requested_at=at(2026, 5, 7))
    services.review_decide(
        review=review_of(first, "legal"),
        by=lena,
        decision="changes_requested",
        comments="Liability cap too high.",
        now=at(2026, 5, 8, 11),
    )
    services.version_add(
        contract=valves_deal, by=alice, body="Liability cap: 1x", change_summary="Cap lowered"
    )
    second = services.contract_submit_for_review(
        contract=Contract.objects.get(pk=valves_deal.pk), by=alice
    )
    set_moment(ContractReview, [r.pk for r in second], requested_at=at(2026, 5, 12))
    services.review_decide(
        review=review_of(second, "legal"),
        by=lena,
        decision="approved",
        comments="Cap accepted.",
        now=at(2026, 5, 13, 10),
    )

    # -- the rest -----------------------------------------------------------------------------
    draft = f.ContractFactory(
        account=valves,
        number="HT-2026-003",
        title="Spare parts",
        value=Decimal("80000.00"),
        starts_on=dt.date(2027, 3, 1),
        ends_on=dt.date(2028, 2, 29),
        body="",
    )
    chengdu = f.ContractFactory(
        account=chengdu_account,
        number="HT-2026-009",
        title="Chengdu gearboxes",
        starts_on=dt.date(2027, 1, 1),
        ends_on=dt.date(2027, 12, 31),
    )
    f.NegotiationRecordFactory(contract=chengdu, held_on=dt.date(2026, 6, 1), topics="Chengdu")
    renewal = services.contract_renew(
        contract=Contract.objects.get(pk=supply.pk), by=alice, number="HT-2026-001-R"
    )
    return {
        "castings": castings,
        "valves": valves,
        "chengdu_account": chengdu_account,
        "supply": Contract.objects.get(pk=supply.pk),
        "valves_deal": Contract.objects.get(pk=valves_deal.pk),
        "draft": draft,
        "chengdu": chengdu,
        "renewal": renewal,
        "today": today,
    }


# -- the ledger -------------------------------------------------------------------------------


def ledger(client, expected=200, **params):
    return export(client, "contracts.ledger", "xlsx", expected, **params)


def numbers(response_or_book) -> list[str]:
    book_ = response_or_book
    if not hasattr(book_, "sheetnames"):
        book_ = workbook(response_or_book)
    return [row["Contract number"] for row in records(book_["Contract ledger"])]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        # Newest first, as the page lists them.
        ("alice", ["HT-2026-001-R", "HT-2026-003", "HT-2026-002", "HT-2026-001"]),
        ("bob", ["HT-2026-001-R", "HT-2026-003", "HT-2026-002", "HT-2026-001"]),
        ("charlie", ["HT-2026-009"]),
        (
            "executive",
            ["HT-2026-001-R", "HT-2026-009", "HT-2026-003", "HT-2026-002", "HT-2026-001"],
        ),
        (
            "superuser",
            ["HT-2026-001-R", "HT-2026-009", "HT-2026-003", "HT-2026-002", "HT-2026-001"],
        ),
        # The contracts carrying one of their department's reviews, and no others.
        ("legal_user", ["HT-2026-002", "HT-2026-001"]),
        ("finance_user", ["HT-2026-002", "HT-2026-001"]),
        ("logistics_user", []),
        ("dept_user", []),
    ],
)
def test_ledger_holds_what_the_persona_sees(client, book, persona, expected, request):
    client.force_login(request.getfixturevalue(persona))

    assert numbers(ledger(client)) == expected


def test_ledger_cells_equal_the_records(client, alice, book):
    client.force_login(alice)

    response = ledger(client, sort="number")

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    today = book["today"]
    assert response_filename(response) == f"contract-ledger-{today.isoformat()}.xlsx"
    workbook_ = workbook(response)
    sheet = workbook_["Contract ledger"]
    header, _data = rows(sheet)
    assert header == LEDGER_HEADER
    supply_ends = today + dt.timedelta(days=45)
    renewal_starts = supply_ends + dt.timedelta(days=1)
    renewal_ends = book["renewal"].ends_on
    assert renewal_ends == renewal_starts + dt.timedelta(days=book["supply"].term_days - 1)
    assert records(sheet) == [
        {
            "Contract number": "HT-2026-001",
            "Title": "Castings supply agreement",
            "Account": CHINESE_NAME,
            "Tier": "Strategic",
            "Owner": "Alice Zhang",
            "Value": 1200000,
            "Currency": "CNY",
            "Starts on": dt.datetime(2026, 1, 1),
            "Ends on": midnight(supply_ends),
            "Days to end": 45,
            "Status": "Signed",
            "Review": "Approved by all",
            "Waiting for": None,
            "Latest version": 2,
            "Signed on": dt.datetime(2026, 3, 20),
            "Renews": None,
        },
        {
            "Contract number": "HT-2026-001-R",
            "Title": "Castings supply agreement",
            "Account": CHINESE_NAME,
            "Tier": "Strategic",
            "Owner": "Alice Zhang",
            "Value": 1200000,
            "Currency": "CNY",
            "Starts on": midnight(renewal_starts),
            "Ends on": midnight(renewal_ends),
            "Days to end": (renewal_ends - today).days,
            "Status": "Draft",
            "Review": "Not submitted",
            "Waiting for": None,
            "Latest version": 1,  # the text of the contract it renews, to work from
            "Signed on": None,
            "Renews": "HT-2026-001",
        },
        {
            "Contract number": "HT-2026-002",
            "Title": "Valve seats frame agreement",
            "Account": "Ningbo Valve Works",
            "Tier": "Key",
            "Owner": "Alice Zhang",
            "Value": 250000.5,
            "Currency": "USD",
            "Starts on": dt.datetime(2027, 1, 1),
            "Ends on": dt.datetime(2027, 12, 31),
            "Days to end": (dt.date(2027, 12, 31) - today).days,
            "Status": "In review",
            "Review": "Waiting for review",
            "Waiting for": "Finance",  # legal approved version 2
            "Latest version": 2,
            "Signed on": None,
            "Renews": None,
        },
        {
            "Contract number": "HT-2026-003",
            "Title": "Spare parts",
            "Account": "Ningbo Valve Works",
            "Tier": "Key",
            "Owner": "Alice Zhang",
            "Value": 80000,
            "Currency": "CNY",
            "Starts on": dt.datetime(2027, 3, 1),
            "Ends on": dt.datetime(2028, 2, 29),
            "Days to end": (dt.date(2028, 2, 29) - today).days,
            "Status": "Draft",
            "Review": "Not submitted",
            "Waiting for": None,
            "Latest version": None,  # no text yet
            "Signed on": None,
            "Renews": None,
        },
    ]
    # Numbers Excel can sum and dates it can sort, not text.
    assert sheet["F2"].number_format == "#,##0.00"
    assert sheet["I2"].number_format == "yyyy-mm-dd"
    assert sheet["J2"].data_type == "n"
    meta = info(workbook_)
    assert (meta["Title"], meta["Rows exported"], meta["Generated by"]) == (
        "Contract ledger",
        4,
        "Alice Zhang",
    )


def test_ledger_days_to_end_is_empty_once_the_contract_ended(client, alice, book):
    services.contract_transition(
        contract=book["draft"], to_status="terminated", by=alice, note="Customer withdrew."
    )
    client.force_login(alice)

    data = records(workbook(ledger(client, status="terminated"))["Contract ledger"])

    assert [(row["Contract number"], row["Status"], row["Days to end"]) for row in data] == [
        ("HT-2026-003", "Terminated", None)
    ]


def test_ledger_honours_the_filters(client, alice, bob, book):
    client.force_login(bob)

    signed = workbook(ledger(client, status="signed"))

    assert numbers(signed) == ["HT-2026-001"]
    assert info(signed)["Status"] == "Signed"
    assert numbers(ledger(client, status=["draft", "in_review"], sort="number")) == [
        "HT-2026-001-R",
        "HT-2026-002",
        "HT-2026-003",
    ]
    assert numbers(ledger(client, review_state="pending")) == ["HT-2026-002"]
    assert numbers(ledger(client, renewal_due="1")) == ["HT-2026-001"]
    assert numbers(ledger(client, currency="USD")) == ["HT-2026-002"]
    assert numbers(ledger(client, account=book["valves"].pk, sort="number")) == [
        "HT-2026-002",
        "HT-2026-003",
    ]
    assert numbers(ledger(client, q="杭州", sort="number")) == ["HT-2026-001", "HT-2026-001-R"]
    # The largest first; the renewal, as large as what it renews, is the newer.
    assert numbers(ledger(client, owner=alice.pk, value_min="100000", sort="-value")) == [
        "HT-2026-001-R",
        "HT-2026-001",
        "HT-2026-002",
    ]
    # What the page sends besides its filters (its marker, a page number) changes nothing.
    assert numbers(ledger(client, filtered="1", page="2", status="signed")) == ["HT-2026-001"]
    meta = info(workbook(ledger(client, account=book["castings"].pk)))
    assert meta["Account"] == str(book["castings"])


def test_ledger_bad_filters_are_a_400(client, alice, book):
    client.force_login(alice)

    ledger(client, 400, status="lost")
    ledger(client, 400, ends_after="not a date")
    ledger(client, 400, account=book["chengdu_account"].pk)  # Charlie's
    ledger(client, 400, q=" ".join(["a"] * 50))
    export(client, "contracts.ledger", "pdf", 404)


def test_ledger_of_a_reviewing_department(client, legal_user, finance_user, book):
    """Of the account its name and tier only, and of the reviews its own department's: legal
    does not read that finance is still to decide; finance does."""
    client.force_login(legal_user)

    workbook_ = workbook(ledger(client))

    data = {row["Contract number"]: row for row in records(workbook_["Contract ledger"])}
    assert (data["HT-2026-002"]["Review"], data["HT-2026-002"]["Waiting for"]) == (
        "Waiting for review",
        None,
    )
    assert (data["HT-2026-001"]["Account"], data["HT-2026-001"]["Tier"]) == (
        CHINESE_NAME,
        "Strategic",
    )
    cells = {str(value) for value in every_cell(workbook_) if value is not None}
    for secret in (ACCOUNT_CODE, "NB-001", REGION, "East China", "HT-2026-003"):
        assert not any(secret in cell for cell in cells), secret
    client.force_login(finance_user)
    data = {
        row["Contract number"]: row for row in records(workbook(ledger(client))["Contract ledger"])
    }
    assert data["HT-2026-002"]["Waiting for"] == "Finance"


def test_ledger_names_only_a_renewed_contract_one_sees(client, alice, legal_user, book):
    # As if the deal in review renewed the draft, which legal never reviewed.
    Contract.objects.filter(pk=book["valves_deal"].pk).update(renewal_of=book["draft"])

    def renews(user):
        client.force_login(user)
        data = records(workbook(ledger(client, review_state="pending"))["Contract ledger"])
        return [(row["Contract number"], row["Renews"]) for row in data]

    assert renews(alice) == [("HT-2026-002", "HT-2026-003")]
    assert renews(legal_user) == [("HT-2026-002", None)]


def test_ledger_header_in_the_language_of_the_request(client, alice, book):
    client.force_login(alice)

    response = client.get(
        reverse("export", args=["contracts.ledger", "xlsx"]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )

    assert response.status_code == 200
    book_ = workbook(response)
    assert book_.sheetnames[0] == "合同台账"
    header, data = rows(book_["合同台账"])
    assert (header[2], header[3], header[4], header[10]) == ("客户", "等级", "负责人", "状态")
    assert len(data) == 4


def test_exports_need_a_login(client, book):
    for name, fmt, params in (
        ("contracts.ledger", "xlsx", {}),
        ("contracts.negotiation", "pdf", {"contract": book["supply"].pk}),
    ):
        response = export(client, name, fmt, 302, **params)
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("count", [1, 20])
def test_ledger_query_count(client, alice, count, django_assert_num_queries):
    account = f.AccountFactory(owner=alice)
    original = f.ContractFactory(account=account, number="BASE")
    Contract.objects.filter(pk=original.pk).update(status="signed", signed_on=dt.date(2026, 1, 5))
    for n in range(count):
        contract = f.ContractFactory(account=account, number=f"C-{n:03d}")
        services.contract_submit_for_review(contract=contract, by=alice)
        Contract.objects.filter(pk=contract.pk).update(renewal_of=original)
    client.force_login(alice)
    # session, user, COUNT, the rows with their accounts, owners, latest version numbers
    # and renewed contracts, their open reviews with departments (+ the request's
    # savepoint pair)
    with django_assert_num_queries(7):
        response = ledger(client, status="in_review")
    data = records(workbook(response)["Contract ledger"])
    assert len(data) == count
    assert {(row["Waiting for"], row["Renews"], row["Latest version"]) for row in data} == {
        ("Finance, Legal", "BASE", 1)
    }


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_large_ledger_is_a_job_with_the_same_filters(
    client, bob, book, celery_worker, settings, media_root
):
    settings.KAM_EXPORT_SYNC_ROWS = 2
    client.force_login(bob)

    response = ledger(client, 302, status=["draft", "in_review", "signed"], sort="number")

    job = ExportJob.objects.get()
    assert response["Location"] == reverse("export-job", args=[job.pk])
    wait_until(lambda: ExportJob.objects.get().status == ExportStatus.DONE)
    job.refresh_from_db()
    assert (job.rows_total, job.rows_done) == (4, 4)
    assert job.filename == f"contract-ledger-{company_today().isoformat()}.xlsx"
    download = workbook(client.get(reverse("export-download", args=[job.pk])))
    assert numbers(download) == ["HT-2026-001", "HT-2026-001-R", "HT-2026-002", "HT-2026-003"]
    assert info(download)["Status"] == "Draft, In review, Signed"
    # The worker reads the open reviews too, chunk by chunk.
    waiting = {
        row["Contract number"]: row["Waiting for"] for row in records(download["Contract ledger"])
    }
    assert waiting == {
        "HT-2026-001": None,
        "HT-2026-001-R": None,
        "HT-2026-002": "Finance",
        "HT-2026-003": None,
    }
    # A small one is still streamed at once.
    assert numbers(ledger(client, status="signed")) == ["HT-2026-001"]


# -- the negotiation record ---------------------------------------------------------------------


REVIEW_ROUND_1 = "Review round 1: version 1, requested 7 May 2026 09:00"
REVIEW_ROUND_2 = "Review round 2: version 2, requested 12 May 2026 09:00"


def negotiation(client, contract, expected=200):
    return export(client, "contracts.negotiation", "pdf", expected, contract=contract.pk)


@pytest.mark.parametrize(
    ("persona", "supply", "draft"),
    [
        ("alice", 200, 200),
        ("bob", 200, 200),
        ("executive", 200, 200),
        ("superuser", 200, 200),
        ("legal_user", 200, 404),  # a contract it reviews; the draft it never saw
        ("finance_user", 200, 404),
        ("charlie", 404, 404),
        ("logistics_user", 404, 404),
        ("dept_user", 404, 404),
    ],
)
def test_negotiation_record_is_for_those_who_see_the_contract(
    client, book, persona, supply, draft, request
):
    client.force_login(request.getfixturevalue(persona))

    negotiation(client, book["supply"], supply)
    negotiation(client, book["draft"], draft)


def test_negotiation_record_of_no_contract_is_404(client, alice, book):
    client.force_login(alice)

    export(client, "contracts.negotiation", "pdf", 404)
    export(client, "contracts.negotiation", "pdf", 404, contract="abc")
    export(client, "contracts.negotiation", "pdf", 404, contract=-1)
    export(client, "contracts.negotiation", "pdf", 404, contract=2**70)
    export(client, "contracts.negotiation", "pdf", 404, contract=book["renewal"].pk + 1000)
    negotiation(client, book["chengdu"], 404)
    export(client, "contracts.negotiation", "xlsx", 404, contract=book["supply"].pk)


def test_negotiation_record_pdf_text_with_chinese(client, bob, book):
    client.force_login(bob)

    response = negotiation(client, book["supply"])

    assert response["Content-Type"] == "application/pdf"
    assert response_filename(response) == f"negotiation-record-{book['supply'].pk}.pdf"
    text = pdf_text(body(response))
    lines = text.splitlines()
    ends = book["supply"].ends_on
    assert "Negotiation record: HT-2026-001" in lines
    assert "Generated by Bob Wu at" in text
    # The header: of the account, its name (in Chinese, in the text layer) and tier.
    assert "HT-2026-001 Castings supply agreement" in lines
    assert f"Account {CHINESE_NAME} Tier Strategic" in lines
    assert f"Value 1,200,000.00 CNY Term 1 Jan 2026 – {ends.day} {ends:%b %Y}" in lines
    assert "Status Signed (Approved by all) Owner Alice Zhang" in lines
    assert "Signed on 20 Mar 2026" in lines
    # Every round, in order, with what it said.
    assert [line for line in lines if line.startswith("Round ")] == [
        "Round 1, 2 Mar 2026",
        "Round 2, 10 Mar 2026",
    ]
    first, second = text.index("Round 1, 2 Mar 2026"), text.index("Round 2, 10 Mar 2026")
    assert first < text.index(CHINESE_TOPIC) < second
    for line in (
        f"Participants {CHINESE_PARTICIPANTS}",
        f"Topics {CHINESE_TOPIC}",
        "Concessions 2% off above 10,000 pieces",
        "Outcome Price agreed in principle",
        "Next steps Send version 2",
        "Participants Wang Lei; Alice Zhang",
        "Topics Payment terms",
        "Concessions —",
        "Outcome Payment within 45 days",
        "Next steps —",
        "Recorded by Alice Zhang",
    ):
        assert line in lines, line
    # The versions, oldest first: number, moment, author, what changed.
    assert "Version Created at Author What changed" in lines
    assert [line for line in lines if line.endswith(("First draft", "per piece"))] == [
        "1 20 Feb 2026 10:00 Alice Zhang First draft",
        "2 5 Mar 2026 14:00 Alice Zhang Price cut to 95 per piece",
    ]
    # The one review round: both departments' decisions.
    assert "Review round 1: version 2, requested 11 Mar 2026 09:00" in lines
    assert "Requested by Alice Zhang. The current round." in lines
    assert "Department Decision Reviewer Decided at Comments" in lines
    assert "Legal Approved Lena Ma 12 Mar 2026 10:00 Liability clause is fine." in lines
    assert "Finance Approved Fred Qian 13 Mar 2026 16:00 —" in lines
    # Nothing else of the account.
    for secret in (ACCOUNT_CODE, REGION, "East China"):
        assert secret not in text, secret


def test_negotiation_record_lists_every_review_round(client, alice, book):
    client.force_login(alice)

    text = pdf_text(body(negotiation(client, book["valves_deal"])))

    lines = text.splitlines()
    assert "Status In review (Waiting for review) Owner Alice Zhang" in lines
    assert "Value 250,000.50 USD Term 1 Jan 2027 – 31 Dec 2027" in lines
    assert [line for line in lines if line.startswith("Review round")] == [
        REVIEW_ROUND_1,
        REVIEW_ROUND_2,
    ]
    assert "Requested by Alice Zhang. Superseded 8 May 2026 11:00." in lines
    # Each round's decisions under it, the departments by name; the round legal returned
    # keeps finance's review, which nobody decided.
    first, second = lines.index(REVIEW_ROUND_1), lines.index(REVIEW_ROUND_2)
    assert [line for line in lines[first:] if line.startswith(("Finance ", "Legal "))] == [
        "Finance Pending — — —",
        "Legal Changes requested Lena Ma 8 May 2026 11:00 Liability cap too high.",
        "Finance Pending — — —",
        "Legal Approved Lena Ma 13 May 2026 10:00 Cap accepted.",
    ]
    assert (
        lines.index("Legal Changes requested Lena Ma 8 May 2026 11:00 Liability cap too high.")
        < second
    )
    assert "Round 1, 6 May 2026" in lines


def test_negotiation_record_for_a_department_holds_its_own_reviews(
    client, finance_user, legal_user, book
):
    """Finance reads the contract, its rounds and versions, and of the reviews its own
    (a finance user gets 404 on a legal review): legal's comments are not in its file."""
    client.force_login(finance_user)

    text = pdf_text(body(negotiation(client, book["valves_deal"])))

    assert "Round 1, 6 May 2026" in text
    assert "Cap lowered" in text
    assert text.count("Finance Pending — — —") == 2
    for legal_only in ("Lena Ma", "Liability cap too high.", "Cap accepted.", "Changes requested"):
        assert legal_only not in text, legal_only
    client.force_login(legal_user)
    text = pdf_text(body(negotiation(client, book["valves_deal"])))
    assert "Legal Changes requested Lena Ma 8 May 2026 11:00" in text
    assert "Finance" not in text.split("Review round 1", 1)[1]


def test_negotiation_record_of_a_fresh_draft(client, alice, book):
    client.force_login(alice)

    text = pdf_text(body(negotiation(client, book["draft"])))

    assert "No negotiation round recorded yet." in text
    assert "No version yet." in text
    assert "Not submitted for review yet." in text
    assert "Status Draft Owner Alice Zhang" in text.splitlines()


@pytest.mark.parametrize("rounds", [1, 6])
def test_negotiation_record_query_count(client, alice, rounds, django_assert_num_queries):
    contract = f.ContractFactory(account=f.AccountFactory(owner=alice))
    for n in range(rounds):
        f.NegotiationRecordFactory(contract=contract, held_on=dt.date(2026, 1, 1 + n))
        services.version_add(contract=contract, by=alice, body=f"Text {n}")
    services.contract_submit_for_review(contract=contract, by=alice)
    client.force_login(alice)
    # session, user, the contract with its account and owner, its rounds with their
    # recorders, versions with authors, reviews with departments, reviewers, requesters
    # and versions (+ the request's savepoint pair)
    with django_assert_num_queries(8):
        response = negotiation(client, contract)
    text = pdf_text(body(response))
    assert text.count("Recorded by") == rounds
    assert "Review round 1" in text
