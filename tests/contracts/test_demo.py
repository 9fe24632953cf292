"""contracts' demo: about sixty contracts in every status whose every row keeps the
services' rules (the latest version, the review state, the rounds' reviews on the latest
version, a signed contract's date, a history that reads like the story), deterministic,
loaded twice without duplicates; renewals for the home panel; the large size scaled
down; and the benchmark's cases, which must find their records in the small seed."""

import re
from collections import Counter
from datetime import timedelta
from io import StringIO

import pypdf
import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import File
from django.core.management import call_command
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style
from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Account
from contracts import bench as contracts_bench
from contracts import selectors, services
from contracts.choices import RENEWAL_THRESHOLDS, ContractStatus, Decision
from contracts.models import Contract, ContractReview, ContractVersion, NegotiationRecord
from kam import bench
from kam.dates import company_today
from kam.demo import LARGE, SMALL, DemoContext, demo_modules, demo_reps
from kam.search import document
from kam.uploads import check_document

MODELS = [Contract, ContractVersion, NegotiationRecord, ContractReview]
SMALL_COUNTS = {
    "Contract": 61,
    "ContractVersion": 130,
    "NegotiationRecord": 60,
    "ContractReview": 106,
}
SECONDS = r"in \d+\.\d s\."
CJK = re.compile(r"[\u4e00-\u9fff]")


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def seed(size: str = SMALL, scale: float = 1.0) -> str:
    """What this app's demo needs and the app's own: the users (``kam``), the accounts and
    their contacts, the contracts; the other apps' demo data is none of its business."""
    out = StringIO()
    context = DemoContext(
        size=size,
        today=company_today(),
        out=OutputWrapper(out),
        style=no_style(),
        scale=scale,
    )
    for label, module in demo_modules():
        if label in ("kam", "accounts", "contracts"):
            with transaction.atomic():
                module.seed(context)
    return out.getvalue()


def fingerprint() -> dict:
    """Every record's content that does not move with the clock."""
    contracts = Contract.objects.order_by("number")
    return {
        "contracts": list(
            contracts.values_list(
                "number",
                "account__code",
                "owner__username",
                "title",
                "value",
                "currency",
                "status",
                "review_state",
                "status_note",
                "renewal_of__number",
            )
        ),
        "versions": list(
            ContractVersion.objects.order_by("contract__number", "version_no").values_list(
                "contract__number", "version_no", "body", "change_summary", "file_name"
            )
        ),
        "rounds": list(
            NegotiationRecord.objects.order_by("contract__number", "held_on", "pk").values_list(
                "contract__number", "participants", "topics", "concessions", "outcome"
            )
        ),
        "reviews": list(
            ContractReview.objects.order_by("contract__number", "requested_at", "department")
            .annotate(superseded=Count("superseded_at"))
            .values_list(
                "contract__number",
                "version__version_no",
                "department__code",
                "decision",
                "comments",
                "reviewer__username",
                "superseded",
            )
        ),
    }


def delete_contracts() -> None:
    ContractReview.objects.all().delete()
    NegotiationRecord.objects.all().delete()
    Contract.objects.update(latest_version=None)
    ContractVersion.objects.all().delete()
    Contract.objects.exclude(renewal_of=None).delete()
    Contract.objects.all().delete()
    for model in (Contract, NegotiationRecord, ContractReview):
        model.history.all().delete()


def review_state_of(reviews: list) -> str:
    """What ``review_state`` says, read from the reviews: none → not submitted; the
    current round all approved → approved; waiting → pending; no current round →
    returned."""
    current = [review for review in reviews if review.superseded_at is None]
    if not reviews:
        return "not_submitted"
    if current and all(review.decision == Decision.APPROVED for review in current):
        return "approved"
    return "pending" if current else "returned"


#: The review state each status goes with (draft and negotiating: any but pending).
STATUS_REVIEW = {
    "in_review": {"pending"},
    "approved": {"approved"},
    "signed": {"approved"},
    "expired": {"approved"},
    "draft": {"not_submitted", "returned"},
    "negotiating": {"not_submitted", "returned"},
    "terminated": {"not_submitted", "returned"},
}


def rule_errors(contracts) -> list:
    """Contracts that break a rule of the services, each with the rule."""
    now = timezone.now()
    errors = []
    for contract in contracts.prefetch_related("versions", "reviews", "negotiations"):
        versions = sorted(contract.versions.all(), key=lambda v: v.version_no)
        reviews = list(contract.reviews.all())
        current = [review for review in reviews if review.superseded_at is None]
        state = review_state_of(reviews)
        checks = {
            "versions 1…n": [v.version_no for v in versions] == list(range(1, len(versions) + 1)),
            "one to four versions": 1 <= len(versions) <= 4,
            "latest version": contract.latest_version_id == versions[-1].pk,
            "review state": contract.review_state == state,
            "status and review": state in STATUS_REVIEW[contract.status],
            "current round on the latest version": all(
                review.version_id == contract.latest_version_id for review in current
            ),
            "one current review a department": len({r.department_id for r in current})
            == len(current),
            "signed has its date": contract.status not in ("signed", "expired")
            or contract.signed_on is not None,
            "signed before it starts": contract.signed_on is None
            or contract.signed_on <= contract.starts_on,
            "term": contract.starts_on <= contract.ends_on,
            "expired after its end": contract.status != "expired"
            or contract.ends_on < company_today(),
            "signed still running": contract.status != "signed"
            or contract.ends_on >= company_today(),
            "decided by a member": all(
                review.reviewer is None or review.reviewer.department_id == review.department_id
                for review in reviews
            ),
            "decided when requested or after": all(
                review.decided_at is None or review.requested_at <= review.decided_at
                for review in reviews
            ),
            "nothing after now": max(
                [contract.updated_at, *(v.created_at for v in versions)]
                + [r.decided_at or r.requested_at for r in reviews]
            )
            <= now,
            "rounds after the creation": all(
                contract.created_at <= record.created_at <= now
                for record in contract.negotiations.all()
            ),
            "search document": contract.search_text == document(*contract.search_parts()),
        }
        errors += [(contract.number, rule) for rule, ok in checks.items() if not ok]
    return errors


def history_errors(contracts) -> list:
    """Contracts whose history does not read as their story: a row per save, the first an
    insert by the owner at ``created_at``, in time order, none after now, the last one
    the contract as it is; every review's and round's history ending where it is."""
    now = timezone.now()
    errors = []
    fields = ["status", "status_note", "review_state", "latest_version_id", "value"]
    fields += ["signed_on", "renewal_of_id", "number", "title", "starts_on", "ends_on"]
    for contract in contracts:
        rows = list(contract.history.order_by("history_id"))
        dates = [row.history_date for row in rows]
        checks = {
            "created": bool(rows) and rows[0].history_type == "+",
            "by the owner": bool(rows) and rows[0].history_user_id == contract.owner_id,
            "order": dates == sorted(dates),
            "not after now": not dates or dates[-1] <= now,
            "created_at": bool(rows) and dates[0] == contract.created_at,
            "updated_at": bool(rows) and dates[-1] == contract.updated_at,
            "state": bool(rows)
            and [getattr(rows[-1], name) for name in fields]
            == [getattr(contract, name) for name in fields],
        }
        for review in contract.reviews.all():
            last = review.history.latest("history_id")
            checks[f"review {review.pk}"] = (
                last.decision,
                last.superseded_at,
                last.reviewer_id,
            ) == (review.decision, review.superseded_at, review.reviewer_id)
        errors += [(contract.number, rule) for rule, ok in checks.items() if not ok]
    return errors


@pytest.mark.django_db
def test_small_seed_is_deterministic_and_idempotent(media_root):
    out = StringIO()
    call_command("seed_demo", stdout=out, no_color=True)
    first = counts()
    content = fingerprint()

    again = StringIO()
    call_command("seed_demo", stdout=again, no_color=True)

    assert counts() == first == SMALL_COUNTS
    # Found by seed_demo as the other apps' are, after the tickets.
    lines = out.getvalue().splitlines()
    assert lines[4].startswith("tickets: ")
    assert re.fullmatch(
        rf"contracts: 61 contracts, {first['ContractVersion']} contract versions, "
        rf"{first['NegotiationRecord']} negotiation rounds, {first['ContractReview']} contract "
        rf"reviews {SECONDS}",
        lines[5],
    ), lines[5]
    assert "Demo contracts already exist; skipping them." in again.getvalue().splitlines()

    # Written afresh, the same records come out: random.Random(42), days relative to today.
    delete_contracts()
    call_command("seed_demo", stdout=StringIO())
    assert fingerprint() == content
    assert counts() == first


@pytest.mark.django_db
def test_small_seed_content(client, media_root):
    seed()
    today = company_today()
    User = get_user_model()
    legal, finance = User.objects.get(username="legal"), User.objects.get(username="finance")
    contracts = Contract.objects.select_related("account", "owner", "latest_version")
    reps = list(demo_reps(SMALL))

    # Every status; reviews in every state, and superseded rounds.
    assert Counter(contracts.values_list("status", flat=True)) == {
        "draft": 6,
        "negotiating": 9,
        "in_review": 12,
        "approved": 3,
        "signed": 19,
        "expired": 9,
        "terminated": 3,
    }
    assert Counter(ContractReview.objects.values_list("decision", flat=True)) == {
        "pending": 32,
        "approved": 66,
        "changes_requested": 7,
        "rejected": 1,
    }
    superseded = ContractReview.objects.exclude(superseded_at=None)
    assert set(superseded.values_list("decision", flat=True)) == set(Decision.values)
    assert Counter(contracts.values_list("review_state", flat=True)) == {
        "not_submitted": 16,
        "pending": 12,
        "approved": 31,
        "returned": 2,
    }
    # One to four versions each; none to four negotiation rounds.
    assert set(contracts.annotate(n=Count("versions")).values_list("n", flat=True)) == {
        1,
        2,
        3,
        4,
    }
    assert set(contracts.annotate(n=Count("negotiations")).values_list("n", flat=True)) == {
        0,
        1,
        2,
        4,
    }
    # Every rep has contracts; each on one of their accounts; a churned account's are over,
    # a prospect's not yet signed.
    assert {contract.owner for contract in contracts} == set(reps)
    assert not contracts.exclude(owner=F("account__owner")).exists()
    assert set(contracts.filter(account__status="churned").values_list("status", flat=True)) == {
        "expired",
        "terminated",
    }
    assert set(contracts.filter(account__status="prospect").values_list("status", flat=True)) <= {
        "draft",
        "negotiating",
        "in_review",
    }

    # Within the models' rules and the services'.
    for model in MODELS:
        for obj in model.objects.all():
            obj.full_clean()
    assert rule_errors(contracts) == []
    assert history_errors(contracts) == []
    # Reviews are decided by the demo's legal and finance members, with a reason unless
    # approved; rounds are recorded by the contract's owner.
    decided = ContractReview.objects.exclude(decision="pending")
    assert set(decided.values_list("reviewer", flat=True)) == {legal.pk, finance.pk}
    assert not decided.exclude(decision="approved").filter(comments="").exists()
    assert not NegotiationRecord.objects.exclude(recorded_by=F("contract__owner")).exists()
    # The renewal job's expiries are by nobody, the morning after the last day.
    for contract in contracts.filter(status="expired"):
        expiry = contract.history.latest("history_id")
        assert expiry.history_user is None
        assert timezone.localdate(expiry.history_date) == contract.ends_on + timedelta(days=1)
        assert expiry.status_note == f"The term ended on {contract.ends_on.isoformat()}."

    # Texts in the account's language, with the contract's own number, dates and terms.
    for version in ContractVersion.objects.select_related("contract__account"):
        contract = version.contract
        chinese = contract.account.code.startswith("CN-")
        assert bool(CJK.search(version.body + version.change_summary)) == chinese, version.pk
        assert contract.account.name in version.body
    for contract in contracts:
        body = contract.latest_version.body
        assert contract.number in body or contract.renewal_of_id, contract.number
        start = contract.starts_on
        written = f"{start:%Y年%m月%d日}" if "CN-" in contract.account.code else f"{start:%d %B %Y}"
        assert written in body or contract.renewal_of_id, contract.number
    # Each version after the first says what changed; each round what was discussed.
    later = ContractVersion.objects.filter(version_no__gt=1)
    assert not later.filter(change_summary="").exists()
    assert not NegotiationRecord.objects.filter(topics="").exists()

    # Renewals: of a contract that expired and of one about to, from its last text.
    renewals = contracts.exclude(renewal_of=None).select_related("renewal_of__latest_version")
    assert sorted(
        (r.status, r.renewal_of.status, r.number == f"{r.renewal_of.number}-R") for r in renewals
    ) == [("in_review", "signed", True), ("negotiating", "expired", True)]
    for renewal in renewals:
        first = renewal.versions.get(version_no=1)
        assert first.body == renewal.renewal_of.latest_version.body
        original = renewal.renewal_of
        assert renewal.starts_on == original.ends_on + timedelta(days=1)
        assert renewal.ends_on == services.next_term_end(
            original.starts_on, original.ends_on, renewal.starts_on
        )

    # Up for renewal: every rep and manager has rows; the reminders sent so far are
    # noted, so the job's first run repeats none and expires nothing.
    for rep in reps:
        assert selectors.renewals_due(rep).exists(), rep.username
    due = Contract.objects.renewal_due()
    assert {c.renewal_notice for c in due} <= set(RENEWAL_THRESHOLDS)
    for contract in due:
        days = (contract.ends_on - today).days
        assert contract.renewal_notice == min(t for t in RENEWAL_THRESHOLDS if days <= t)
    assert {(contract.ends_on - today).days <= 30 for contract in due} == {True, False}
    assert services.contracts_check_renewals() == {"expired": 0, "reminded": 0}
    li_wei = User.objects.get(username="li.wei")
    client.force_login(li_wei)
    home = client.get("/").content.decode()
    soonest = selectors.renewals_due(li_wei).first()
    assert "Contracts up for renewal" in home and soonest.number in home

    # The queues: legal's and finance's reviews waiting, on the contracts' pages.
    assert selectors.reviews_waiting(legal).count() == 11
    assert selectors.reviews_waiting(finance).count() == 10
    client.force_login(legal)
    queue = client.get(reverse("contracts:review-list"))
    assert queue.status_code == 200
    assert {review.department.code for review in queue.context["reviews"]} == {"legal"}

    # A few versions come with a real PDF, in default storage as an upload would be.
    files = ContractVersion.objects.exclude(file="").select_related("contract")
    assert files.count() == 6
    for version in files:
        assert re.fullmatch(
            rf"contracts/{version.contract_id}/[0-9a-f]{{32}}\.pdf", version.file.name
        )
        assert (media_root / version.file.name).stat().st_size == version.file_size
        with version.file.open("rb") as stored:
            upload = File(stored, name=version.file_name)
            assert check_document(upload, ("pdf",), 2**20).extension == "pdf"
            text = pypdf.PdfReader(stored).pages[0].extract_text()
        assert f"Contract {version.contract.number}, version {version.version_no}" in text
    version = files.first()
    client.force_login(version.contract.owner)
    download = client.get(reverse("contracts:version-file", args=[version.pk]))
    assert (download.status_code, download["Content-Type"]) == (200, "application/pdf")

    # Every page of the demo opens: a contract of every status, a version with its diff.
    owner = li_wei
    client.force_login(owner)
    for contract in contracts.filter(owner=owner):
        assert client.get(contract.get_absolute_url()).status_code == 200, contract.number
        page = client.get(contract.latest_version.get_absolute_url())
        assert page.status_code == 200
        if contract.latest_version.version_no > 1:
            assert page.context["hunks"], contract.number

    # And the services carry on from the demo's state: legal and finance approve a
    # contract in review, and it is approved.
    contract = (
        contracts.filter(status="in_review")
        .annotate(waiting=Count("reviews", filter=Q(reviews__decision="pending")))
        .filter(waiting=2)
        .order_by("number")
        .first()
    )
    for review in contract.reviews.open():
        member = legal if review.department.code == "legal" else finance
        services.review_decide(review=review, by=member, decision="approved")
    contract.refresh_from_db()
    assert (contract.status, contract.review_state) == ("approved", "approved")


@pytest.mark.django_db
def test_large_seed_at_a_hundredth_of_the_size(media_root):
    out = seed(LARGE, scale=0.01)
    first = counts()

    again = seed(LARGE, scale=0.01)

    assert counts() == first
    assert "Benchmark: contracts…" in out.splitlines()
    assert "Benchmark contracts already exist; skipping them." in again.splitlines()
    reps = list(demo_reps(LARGE))
    contracts = Contract.objects.filter(owner__in=reps)
    # 200 contracts (two an account) with about 2.5 versions, 1.5 rounds, 2 reviews each.
    assert contracts.count() == 200
    assert not contracts.exclude(account__owner__in=reps).exists()
    versions = ContractVersion.objects.filter(contract__in=contracts).count()
    rounds = NegotiationRecord.objects.filter(contract__in=contracts).count()
    reviews = ContractReview.objects.filter(contract__in=contracts).count()
    assert 2.2 < versions / 200 < 2.8
    assert 1.3 < rounds / 200 < 1.8
    assert 1.8 < reviews / 200 < 2.3
    assert first == {
        "Contract": SMALL_COUNTS["Contract"] + 200,
        "ContractVersion": SMALL_COUNTS["ContractVersion"] + versions,
        "NegotiationRecord": SMALL_COUNTS["NegotiationRecord"] + rounds,
        "ContractReview": SMALL_COUNTS["ContractReview"] + reviews,
    }
    assert set(contracts.values_list("status", flat=True)) == set(ContractStatus.values)
    assert Contract.objects.renewal_due().filter(owner__in=reps).exists()
    # Bulk rows skip clean(), the services and history: their rules hold anyway.
    assert rule_errors(contracts) == []
    for obj in contracts.order_by("pk")[:40]:
        obj.full_clean()
    assert not Contract.history.filter(id__in=contracts.values("pk")).exists()
    for model in (NegotiationRecord, ContractReview):
        rows = model.objects.filter(contract__in=contracts)
        assert not model.history.filter(id__in=rows.values("pk")).exists()
    assert not ContractVersion.objects.filter(contract__in=contracts).exclude(file="").exists()
    # Rows written with their ids: the next record the site writes still gets a new one.
    last = Contract.objects.aggregate(last=Max("pk"))["last"]
    account = Account.objects.filter(owner=reps[0]).first()
    contract = services.contract_create(
        by=reps[0],
        account=account,
        number="HT-AFTER-SEED",
        title="After the seed",
        value="100.00",
        starts_on=company_today(),
        ends_on=company_today() + timedelta(days=30),
        body="1. Scope\n",
    )
    assert contract.pk > last
    assert (
        contract.latest_version.pk
        > ContractVersion.objects.exclude(pk=contract.latest_version.pk).aggregate(last=Max("pk"))[
            "last"
        ]
    )


@pytest.mark.django_db
def test_bench_cases_find_their_records_in_the_small_seed(monkeypatch, media_root):
    seed()
    # The reviewing departments' personas (the lead adds them to kam.bench).
    monkeypatch.setitem(bench.PERSONAS, contracts_bench.LEGAL, ("legal",))
    monkeypatch.setitem(bench.PERSONAS, contracts_bench.FINANCE, ("finance",))
    monkeypatch.setitem(bench.EMPTY_OF, contracts_bench.LEGAL, bench.EMPTY_DEPARTMENT_MEMBER)
    monkeypatch.setitem(bench.EMPTY_OF, contracts_bench.FINANCE, bench.EMPTY_DEPARTMENT_MEMBER)
    bench.ensure_empty_users()
    users = bench.persona_users()
    empty_users = {
        persona: get_user_model().objects.get(username=username)
        for persona, username in bench.EMPTY_OF.items()
    }
    cases = [*contracts_bench.CASES, *contracts_bench.department_cases()]
    assert len(contracts_bench.department_cases()) == 7

    rows = [bench.prepare(case, users, empty_users) for case in cases]

    assert [row.error for row in rows] == [None] * len(rows)
    paths = {(row.label, row.persona): (row.path, row.empty_path) for row in rows}
    quiet = Contract.objects.get(title=contracts_bench.EMPTY_CONTRACT)
    assert (quiet.account.owner.username, quiet.status) == (bench.EMPTY_REP, "in_review")
    assert list(quiet.reviews.values_list("department__code", flat=True)) == [
        bench.EMPTY_DEPARTMENT
    ]
    busiest = (
        Contract.objects.filter(owner=users["rep"])
        .annotate(v=Count("versions", distinct=True), r=Count("negotiations", distinct=True))
        .order_by("-v", "-r", "pk")
        .first()
    )
    assert busiest.versions.count() == 4
    assert paths["/contracts/[id]/", "rep"] == (
        reverse("contracts:contract-detail", args=[busiest.pk]),
        reverse("contracts:contract-detail", args=[quiet.pk]),
    )
    assert paths["/contracts/versions/[id]/", "rep"] == (
        reverse("contracts:version-detail", args=[busiest.latest_version_id]),
        reverse("contracts:version-detail", args=[quiet.latest_version_id]),
    )
    # The quiet department's member sees that contract and its review, nothing else.
    member = empty_users[contracts_bench.LEGAL]
    assert list(Contract.objects.visible_to(member)) == [quiet]
    assert ContractReview.objects.visible_to(member).count() == 1
    # Built again, the quiet contract stays one.
    for case in cases:
        bench.prepare(case, users, empty_users)
    assert Contract.objects.filter(title=contracts_bench.EMPTY_CONTRACT).count() == 1

    requester = bench.Requester()
    try:
        for row in rows:
            bench.measure(row, users, empty_users, requester, runs=1)
            assert (row.status, row.empty_status, row.error) == (200, 200, None), row
    finally:
        requester.close()
