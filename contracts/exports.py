"""Duty 6's deliverables as files (``kam.exports``): the contract ledger (合同台账) as XLSX
and a contract's negotiation record as PDF. Each starts from ``visible_to`` and the
parameters of the page that links it.

A reviewing department (legal, finance) exports what its pages show it: the contracts
carrying one of its reviews, of the account its name and tier only, and of the reviews
its own department's.
"""

from itertools import groupby

from django.db.models import F, OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from contracts.choices import FINAL
from contracts.filtersets import ContractFilterSet
from contracts.models import Contract, ContractReview, ContractVersion, NegotiationRecord
from contracts.views import ContractListView
from kam.bounds import as_id
from kam.dates import company_today
from kam.exports import (
    Column,
    Document,
    ExportDefinition,
    ExportRequest,
    Sheet,
    applied_filters,
    invalid_filters,
    meta_for,
    register,
)

# -- the ledger ---------------------------------------------------------------------------------

#: What a ledger row reads of a contract and its joins (the search document, the status
#: note and the versions' texts stay in the database).
LEDGER_FIELDS = (
    "number",
    "title",
    "value",
    "currency",
    "starts_on",
    "ends_on",
    "status",
    "review_state",
    "signed_on",
    "account__name",
    "account__tier",
    "owner__username",
    "owner__first_name",
    "owner__last_name",
)


def days_to_end(today):
    """A column's value: days from ``today`` to the contract's last day (0 on that day,
    negative once past); none for an expired or terminated contract, which ends no more."""

    def value(contract):
        if contract.status in FINAL:
            return None
        return (contract.ends_on - today).days

    return value


def pending_departments(contract) -> str:
    """The departments whose review of the current round is still open (prefetched)."""
    return ", ".join(str(review.department) for review in contract.pending_reviews)


def ledger_columns(today) -> list[Column]:
    return [
        Column("number", _("Contract number")),
        Column("title", _("Title")),
        Column("account.name", _("Account")),
        Column("account.get_tier_display", _("Tier")),
        Column("owner.display_name", _("Owner")),
        Column("value", _("Value"), "money"),
        Column("currency", _("Currency")),
        Column("starts_on", _("Starts on"), "date"),
        Column("ends_on", _("Ends on"), "date"),
        Column(days_to_end(today), _("Days to end"), "int"),
        Column("get_status_display", _("Status")),
        Column("get_review_state_display", _("Review")),
        Column(pending_departments, _("Waiting for")),
        Column("latest_version_no", _("Latest version"), "int"),
        Column("signed_on", _("Signed on"), "date"),
        Column("renewal_of_number", _("Renews")),
    ]


def ledger_queryset(user):
    """The visible contracts with everything a row shows, in one query (and one more per
    2,000 rows for the open reviews)."""
    open_reviews = (
        ContractReview.objects.visible_to(user)
        .open()
        .select_related("department")
        .only("contract_id", "department__code", "department__name")
        .order_by("department__name", "id")
    )
    # The contract it renews, by number, where the user sees that one too.
    renewed = Contract.objects.visible_to(user).filter(pk=OuterRef("renewal_of_id"))
    return (
        Contract.objects.visible_to(user)
        .select_related("account", "owner")
        .only(*LEDGER_FIELDS)
        .annotate(
            latest_version_no=F("latest_version__version_no"),
            renewal_of_number=Subquery(renewed.values("number")[:1]),
        )
        .prefetch_related(Prefetch("reviews", queryset=open_reviews, to_attr="pending_reviews"))
    )


def ledger(user, params, fmt) -> Document:
    """The ledger page's contracts (its filters and sort), every one of them."""
    filterset = ContractFilterSet(
        params, queryset=ledger_queryset(user), request=ExportRequest(user)
    )
    if not filterset.is_valid():
        raise invalid_filters(filterset.errors)
    sort = params.get("sort")
    contracts = filterset.qs.order_by(
        *ContractListView.SORTS.get(sort, ContractListView.SORTS[ContractListView.default_sort])
    )
    today = company_today()
    return Document(
        meta=meta_for(_("Contract ledger"), user, filters=applied_filters(filterset.form)),
        filename=f"contract-ledger-{today.isoformat()}",
        sheets=[Sheet(str(_("Contract ledger")), ledger_columns(today), contracts)],
        size=contracts.count(),
    )


# -- the negotiation record -----------------------------------------------------------------------


def review_rounds(reviews) -> list[dict]:
    """``reviews`` (ordered by request) as rounds: the reviews one submission opened share
    its version and moment (``services._open_round``). Oldest round first."""
    rounds = []
    for number, ((_version, _requested_at), group) in enumerate(
        groupby(reviews, key=lambda review: (review.version_id, review.requested_at)), start=1
    ):
        group = list(group)
        first = group[0]
        rounds.append(
            {
                "number": number,
                "version_no": first.version.version_no,
                "requested_at": first.requested_at,
                "requested_by": first.requested_by,
                "superseded_at": first.superseded_at,
                "reviews": group,
            }
        )
    return rounds


def negotiation(user, params, fmt) -> Document:
    """Duty 6's deliverable: a contract's terms, every negotiation round in order, its
    versions and the review decisions of every round, as whoever exports it sees them."""
    contract = get_object_or_404(
        Contract.objects.visible_to(user).select_related("account", "owner"),
        pk=as_id(params.get("contract")) or 0,
    )
    rounds = list(
        NegotiationRecord.objects.visible_to(user)
        .filter(contract=contract)
        .select_related("recorded_by")
        .order_by("held_on", "id")
    )
    versions = list(
        ContractVersion.objects.visible_to(user)
        .filter(contract=contract)
        .select_related("created_by")
        .defer("body")
        .order_by("version_no")
    )
    reviews = list(
        ContractReview.objects.visible_to(user)
        .filter(contract=contract)
        .select_related("department", "reviewer", "requested_by", "version")
        .defer("version__body")
        .order_by("requested_at", "version__version_no", "department__name", "id")
    )
    return Document(
        meta=meta_for(
            _("Negotiation record: %(number)s") % {"number": contract.number},
            user,
        ),
        filename=f"negotiation-record-{contract.pk}",
        pdf_template="contracts/exports/negotiation.html",
        context={
            "contract": contract,
            "account": {
                "name": contract.account.name,
                "tier": contract.account.get_tier_display(),
            },
            "rounds": rounds,
            "versions": versions,
            "review_rounds": review_rounds(reviews),
        },
        size=len(rounds) + len(versions) + len(reviews),
    )


register(ExportDefinition("contracts.ledger", _("Contract ledger"), ("xlsx",), ledger))
register(ExportDefinition("contracts.negotiation", _("Negotiation record"), ("pdf",), negotiation))
