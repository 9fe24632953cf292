"""Benchmark cases of duty 6: the contract ledger (all of it, and the contracts up for
renewal), a contract's page, a version's page with its diff, the review queues of legal
and finance, and the API lists and detail.

``manage.py bench`` finds ``CASES`` (see ``kam.bench``). Paths are built when the run
starts, by name (``contracts:…`` and ``contracts-api:…``). A contract's page compares the
persona's busiest visible contract (the most versions, then rounds: its page lists them
all, with every review and its history) with the empty users' one quiet contract, made
here on the empty rep's quiet account (``accounts.bench``): two short versions, no
negotiation, one review. That review is the quiet department's (submitted with
``KAM_CONTRACT_REVIEWERS`` set to it for the one call), so the empty department member,
who is what the legal and finance personas are compared with, sees that contract and
that review and nothing else — as the quiet department's member sees one ticket.

The department cases need the ``legal`` and ``finance`` personas (the demo's members of
those departments) in ``kam.bench.PERSONAS``, each compared with the empty department
member in ``EMPTY_OF``; they are left out while those personas are not there.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.test.utils import override_settings
from django.urls import reverse

from accounts.bench import quiet as quiet_account
from contracts import services
from contracts.models import Contract
from kam.bench import API, EMPTY_DEPARTMENT, EMPTY_REP, PAGE, PERSONAS, BenchCase, BenchContext
from kam.dates import company_today

EMPTY_CONTRACT = "Bench: contract with two short versions"
EMPTY_NUMBER = "BENCH-EMPTY-1"
#: The personas of the reviewing departments (``kam.bench.PERSONAS``).
LEGAL, FINANCE = "legal", "finance"
RENEWALS = "?renewal_due=1&sort=ends&filtered=1"
QUEUE = "?open=true&ordering=requested_at"


def page(name: str, query: str = ""):
    """A path by URL name, resolved when the case runs (not when this module loads)."""
    return lambda context: reverse(f"contracts:{name}") + query


def api(name: str, query: str = ""):
    return lambda context: reverse(f"contracts-api:{name}") + query


def busiest(context) -> Contract:
    """The visible contract with the most versions, then negotiation rounds."""
    return (
        Contract.objects.visible_to(context.user)
        .annotate(
            version_count=Count("versions", distinct=True),
            round_count=Count("negotiations", distinct=True),
        )
        .order_by("-version_count", "-round_count", "pk")
        .first()
    )


def quiet(context) -> Contract:
    """The empty users' one contract: the empty rep's, in review by the quiet department."""
    rep = get_user_model().objects.get(username=EMPTY_REP)
    account = quiet_account(BenchContext("rep", rep, empty=True))
    contract = Contract.objects.filter(account=account, title=EMPTY_CONTRACT).first()
    if contract is not None:
        return contract
    today = company_today()
    contract = services.contract_create(
        by=rep,
        account=account,
        number=EMPTY_NUMBER,
        title=EMPTY_CONTRACT,
        value="1000.00",
        starts_on=today,
        ends_on=today + timedelta(days=364),
        body="1. Scope\n2. Price: 10 a piece\n",
    )
    services.version_add(contract=contract, by=rep, body="1. Scope\n2. Price: 9 a piece\n")
    with override_settings(KAM_CONTRACT_REVIEWERS=[EMPTY_DEPARTMENT]):
        services.contract_submit_for_review(contract=contract, by=rep)
    return contract


def detail(namespace: str, name: str):
    def path(context) -> str:
        contract = quiet(context) if context.empty else busiest(context)
        return reverse(f"{namespace}:{name}", args=[contract.pk])

    return path


def version_page(context) -> str:
    """The busiest contract's latest version: its text and the diff from the one before."""
    contract = quiet(context) if context.empty else busiest(context)
    return reverse("contracts:version-detail", args=[contract.latest_version_id])


contract_page = detail("contracts", "contract-detail")
contract_api = detail("contracts-api", "contract-detail")


def department_cases() -> list[BenchCase]:
    """Legal's and finance's side: the queue (thousands of reviews at the large size), the
    contracts they review and one of them; needs the ``legal`` and ``finance`` personas."""
    if LEGAL not in PERSONAS or FINANCE not in PERSONAS:
        return []
    return [
        BenchCase("/contracts/reviews/", PAGE, LEGAL, page("review-list")),
        BenchCase("/contracts/reviews/", PAGE, FINANCE, page("review-list")),
        BenchCase("/contracts/", PAGE, LEGAL, page("contract-list")),
        BenchCase("/contracts/[id]/", PAGE, LEGAL, contract_page),
        BenchCase(
            f"/api/v1/contract-reviews/{QUEUE}", API, LEGAL, api("contract-review-list", QUEUE)
        ),
        BenchCase(
            f"/api/v1/contract-reviews/{QUEUE}", API, FINANCE, api("contract-review-list", QUEUE)
        ),
        BenchCase("/api/v1/contracts/", API, LEGAL, api("contract-list")),
    ]


CASES = [
    # The ledger (合同台账): a rep's contracts, the manager's team's, everybody's.
    BenchCase("/contracts/", PAGE, "rep", page("contract-list")),
    BenchCase("/contracts/", PAGE, "manager", page("contract-list")),
    BenchCase("/contracts/", PAGE, "executive", page("contract-list")),
    # Up for renewal, soonest first: the home panel's "all" link.
    BenchCase(f"/contracts/{RENEWALS}", PAGE, "manager", page("contract-list", RENEWALS)),
    BenchCase(f"/contracts/{RENEWALS}", PAGE, "executive", page("contract-list", RENEWALS)),
    BenchCase("/contracts/[id]/", PAGE, "rep", contract_page),
    BenchCase("/contracts/[id]/", PAGE, "executive", contract_page),
    BenchCase("/contracts/versions/[id]/", PAGE, "rep", version_page),
    BenchCase("/api/v1/contracts/", API, "rep", api("contract-list")),
    BenchCase("/api/v1/contracts/", API, "executive", api("contract-list")),
    BenchCase(
        "/api/v1/contracts/?renewal_due=1&ordering=ends_on",
        API,
        "manager",
        api("contract-list", "?renewal_due=1&ordering=ends_on"),
    ),
    BenchCase("/api/v1/contracts/[id]/", API, "rep", contract_api),
    BenchCase("/api/v1/contract-reviews/", API, "executive", api("contract-review-list")),
    *department_cases(),
]
