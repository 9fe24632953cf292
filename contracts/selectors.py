"""Reads of duty 6 for pages, panels and exports; each starts from ``visible_to``."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from contracts.choices import ContractStatus
from contracts.models import Contract, ContractReview, ContractVersion, NegotiationRecord
from contracts.querysets import renewal_due_q

#: Fields whose changes a contract's history lists (the rest are the services' workings).
HISTORY_FIELDS = (
    "status",
    "status_note",
    "number",
    "title",
    "owner",
    "value",
    "currency",
    "starts_on",
    "ends_on",
    "signed_on",
)


@dataclass
class HistoryEntry:
    at: object
    user: object
    changes: list[tuple[str, object, object]]
    created: bool = False


def contract_history(contract: Contract, limit: int) -> list[HistoryEntry]:
    """The contract's changes, newest first: who changed which fields from what to what."""
    records = list(
        contract.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    labels = {name: Contract._meta.get_field(name).verbose_name for name in HISTORY_FIELDS}
    owners = {
        user.pk: user
        for user in get_user_model().objects.filter(pk__in={record.owner_id for record in records})
    }
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is None:
            entries.append(HistoryEntry(record.history_date, record.history_user, [], created=True))
            continue
        for name in HISTORY_FIELDS:
            attname = "owner_id" if name == "owner" else name
            old, new = getattr(previous, attname), getattr(record, attname)
            if old == new:
                continue
            if name == "owner":
                old, new = owners.get(old), owners.get(new)
                old = old.display_name if old else "—"
                new = new.display_name if new else "—"
            elif name == "status":
                old, new = ContractStatus(old).label, ContractStatus(new).label
            changes.append((labels[name], old, new))
        if changes:
            entries.append(HistoryEntry(record.history_date, record.history_user, changes))
    return entries


def contract_page(user, contract: Contract, history_limit: int = 100) -> dict:
    """What a contract's page shows besides the contract: versions, rounds, reviews by
    round (the current one first), and its history."""
    versions = list(
        ContractVersion.objects.visible_to(user)
        .filter(contract=contract)
        .select_related("created_by")
        .order_by("-version_no")
    )
    negotiations = list(
        NegotiationRecord.objects.visible_to(user)
        .filter(contract=contract)
        .select_related("recorded_by")
        .order_by("held_on", "id")
    )
    reviews = list(
        ContractReview.objects.visible_to(user)
        .filter(contract=contract)
        .select_related("department", "reviewer", "version", "requested_by")
        .order_by("-requested_at", "department__name", "id")
    )
    current = [review for review in reviews if review.superseded_at is None]
    earlier = [review for review in reviews if review.superseded_at is not None]
    return {
        "versions": versions,
        "negotiations": negotiations,
        "current_reviews": current,
        "earlier_reviews": earlier,
        "history": contract_history(contract, history_limit),
        "renewals": list(contract.renewals.visible_to(user).order_by("-created_at")),
    }


def renewals_due(user):
    """Signed contracts ending within 90 days, soonest first (the home panel, the ledger)."""
    return (
        Contract.objects.visible_to(user)
        .filter(renewal_due_q())
        .select_related("account", "owner")
        .order_by("ends_on", "id")
    )


def reviews_waiting(user):
    """The reviews waiting for ``user``'s department, oldest request first."""
    return (
        ContractReview.objects.visible_to(user)
        .open()
        .filter(department_id=user.department_id)
        .select_related("contract__account", "version", "department")
        .order_by("requested_at", "id")
    )


def account_contracts(user, account, limit: int):
    """An account's contracts for its page: the ones in force or in work first."""
    return list(
        Contract.objects.visible_to(user)
        .filter(account=account)
        .select_related("owner", "latest_version")
        .order_by("-ends_on", "-id")[:limit]
    )
