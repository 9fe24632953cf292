from django.db import models
from django.utils.translation import gettext_lazy as _


class Currency(models.TextChoices):
    CNY = "CNY", _("CNY (yuan)")
    USD = "USD", _("USD (US dollar)")
    EUR = "EUR", _("EUR (euro)")
    JPY = "JPY", _("JPY (yen)")
    HKD = "HKD", _("HKD (Hong Kong dollar)")
    GBP = "GBP", _("GBP (pound)")
    KRW = "KRW", _("KRW (won)")


class ContractStatus(models.TextChoices):
    """A contract's life. ``in_review`` and ``approved`` are reached through review only;
    ``approved`` when every required review of the latest version approves it."""

    DRAFT = "draft", _("Draft")
    NEGOTIATING = "negotiating", _("Negotiating")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    SIGNED = "signed", _("Signed")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")


#: A contract that nothing changes any more.
FINAL = (ContractStatus.EXPIRED, ContractStatus.TERMINATED)
#: Contracts whose text and terms are still being worked on (a new version keeps the state).
OPEN_TERMS = (ContractStatus.DRAFT, ContractStatus.NEGOTIATING)
#: Contracts that have passed, or are in, review: a new version reopens it.
UNDER_REVIEW = (ContractStatus.IN_REVIEW, ContractStatus.APPROVED)

#: What a person may move a contract to (``contract_transition``). ``in_review`` comes from
#: ``contract_submit_for_review``, ``approved`` from the reviews' decisions, ``expired``
#: from the renewal job (or by hand once the term has ended).
CONTRACT_FLOW = {
    ContractStatus.DRAFT: (ContractStatus.NEGOTIATING, ContractStatus.TERMINATED),
    ContractStatus.NEGOTIATING: (ContractStatus.TERMINATED,),
    ContractStatus.IN_REVIEW: (ContractStatus.NEGOTIATING, ContractStatus.TERMINATED),
    ContractStatus.APPROVED: (
        ContractStatus.SIGNED,
        ContractStatus.NEGOTIATING,
        ContractStatus.TERMINATED,
    ),
    ContractStatus.SIGNED: (ContractStatus.EXPIRED, ContractStatus.TERMINATED),
    ContractStatus.EXPIRED: (),
    ContractStatus.TERMINATED: (),
}


class Decision(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    REJECTED = "rejected", _("Rejected")


#: What a reviewer may decide (a review starts ``pending``).
DECISIONS = (Decision.APPROVED, Decision.CHANGES_REQUESTED, Decision.REJECTED)


class ReviewState(models.TextChoices):
    """Where a contract stands in review, read from its current round (the ledger's column)."""

    NOT_SUBMITTED = "not_submitted", _("Not submitted")
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved by all")
    RETURNED = "returned", _("Returned to negotiation")


class FileKind(models.TextChoices):
    PDF = "pdf", _("PDF")
    DOCX = "docx", _("Word (DOCX)")


#: Days before ``ends_on`` at which the owner and their manager hear of a renewal.
RENEWAL_THRESHOLDS = (90, 60, 30)
