"""Duty 6: contracts on an account, their versions, the negotiation rounds that led to
them and the legal and finance reviews that must all approve before signing.

Nothing is ever overwritten: a version is written once (a new text is a new version),
reviews are kept per round, and contracts, rounds and reviews keep their history. States
change only through ``contracts.services``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Account
from contracts.choices import (
    ContractStatus,
    Currency,
    Decision,
    FileKind,
    ReviewState,
)
from contracts.querysets import (
    ContractChildQuerySet,
    ContractQuerySet,
    ContractReviewQuerySet,
)
from kam.bounds import check_year
from kam.models import Department
from kam.records import strip_required
from kam.search import Searchable
from kam.uploads import stored_name


class Contract(Searchable):
    """A contract with an account: its terms, its owner (who negotiates it) and its state.

    ``latest_version`` and ``review_state`` are kept by the services, so the ledger reads
    them without a subquery per row.
    """

    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.PROTECT, related_name="contracts"
    )
    number = models.CharField(
        _("number"),
        max_length=40,
        unique=True,
        error_messages={"unique": _("A contract with this number exists already.")},
    )
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    value = models.DecimalField(
        _("value"), max_digits=16, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.CNY
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=16, choices=ContractStatus.choices, default=ContractStatus.DRAFT
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    #: Why the status last changed (each change is a history row, so every note is kept).
    status_note = models.TextField(_("status note"), blank=True, editable=False)
    renewal_of = models.ForeignKey(
        "self",
        verbose_name=_("renews"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewals",
        editable=False,
    )
    latest_version = models.ForeignKey(
        "ContractVersion",
        verbose_name=_("latest version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    review_state = models.CharField(
        _("review"),
        max_length=16,
        choices=ReviewState.choices,
        default=ReviewState.NOT_SUBMITTED,
        editable=False,
    )
    #: The last renewal reminder sent for the current ``ends_on`` (90, 60 or 30 days).
    renewal_notice = models.PositiveSmallIntegerField(
        _("renewal reminder sent"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    #: Written by the services with UPDATE statements only (``kam.records.apply_changes``).
    DERIVED_FIELDS = ("renewal_notice",)

    history = HistoricalRecords(excluded_fields=["search_text", "renewal_notice"])
    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        indexes = [
            models.Index(F("created_at").desc(), F("id").desc(), name="contract_newest_first"),
            models.Index(fields=["account", "status"], name="contract_account"),
            models.Index(fields=["owner", "status"], name="contract_owner"),
            # Renewals: the signed contracts ending soonest.
            models.Index(
                fields=["ends_on", "id"],
                condition=Q(status__in=["signed", "approved"]),
                name="contract_renewal",
            ),
            models.Index(fields=["ends_on", "id"], name="contract_ends"),
            models.Index(fields=["status", "review_state"], name="contract_review_state"),
        ]
        constraints = [
            models.CheckConstraint(
                name="contract_term_ends_after_start", condition=Q(ends_on__gte=F("starts_on"))
            ),
            models.CheckConstraint(
                name="contract_signed_has_date",
                condition=~Q(status="signed") | Q(signed_on__isnull=False),
            ),
            models.CheckConstraint(name="contract_value_not_negative", condition=Q(value__gte=0)),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("contracts:contract-detail", args=[self.pk])

    def search_parts(self):
        return (self.number, self.title, self.account.name if self.account_id else "")

    @property
    def term_days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    def clean(self):
        strip_required(self, "number")
        strip_required(self, "title")
        errors = {}
        for name in ("starts_on", "ends_on", "signed_on"):
            value = getattr(self, name)
            if value is not None:
                try:
                    check_year(value)
                except ValidationError as error:
                    errors[name] = error.messages
        if not errors and self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = [gettext("A contract ends on or after the day it starts.")]
        if errors:
            raise ValidationError(errors)
        super().clean()


def version_upload_to(version: "ContractVersion", filename: str) -> str:
    return stored_name(f"contracts/{version.contract_id}", version.file_type or "bin")


class ContractVersion(models.Model):
    """One text of a contract: an uploaded file (PDF or DOCX), a text, or both. Written once:
    a changed text is the next version, so what was agreed at any point stays readable."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.PROTECT, related_name="versions"
    )
    version_no = models.PositiveIntegerField(_("version"))
    file = models.FileField(
        _("file"), upload_to=version_upload_to, max_length=200, blank=True, editable=False
    )
    #: The name the file was uploaded with (shown and used for downloads; never a path).
    file_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    file_type = models.CharField(
        _("file type"), max_length=8, choices=FileKind.choices, blank=True, editable=False
    )
    file_size = models.PositiveBigIntegerField(
        _("file size"), null=True, blank=True, editable=False
    )
    body = models.TextField(_("text"), blank=True)
    change_summary = models.TextField(_("what changed"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="contract_versions",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ContractChildQuerySet.as_manager()

    class Meta:
        ordering = ["contract", "version_no"]
        verbose_name = _("contract version")
        verbose_name_plural = _("contract versions")
        constraints = [
            models.UniqueConstraint(fields=["contract", "version_no"], name="version_unique_no"),
            models.CheckConstraint(
                name="version_has_file_or_text", condition=~Q(file="") | ~Q(body="")
            ),
        ]

    def __str__(self):
        return gettext("%(contract)s, version %(no)d") % {
            "contract": self.contract.number,
            "no": self.version_no,
        }

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(gettext("A contract version is never changed: add a new one."))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("contracts:version-detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        raise ValidationError(gettext("A contract version is never deleted."))


class NegotiationRecord(models.Model):
    """A round of negotiation: who met, what was discussed and given, how it ended."""

    contract = models.ForeignKey(
        Contract,
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="negotiations",
    )
    held_on = models.DateField(_("held on"))
    participants = models.TextField(_("participants"))
    topics = models.TextField(_("topics"))
    concessions = models.TextField(_("concessions"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="negotiation_records",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = ContractChildQuerySet.as_manager()

    class Meta:
        ordering = ["contract", "held_on", "id"]
        verbose_name = _("negotiation round")
        verbose_name_plural = _("negotiation rounds")
        indexes = [models.Index(fields=["contract", "held_on"], name="negotiation_contract")]

    def __str__(self):
        return gettext("%(contract)s, round of %(date)s") % {
            "contract": self.contract.number,
            "date": self.held_on.isoformat(),
        }

    def get_absolute_url(self):
        return f"{self.contract.get_absolute_url()}#round-{self.pk}"

    def clean(self):
        strip_required(self, "participants")
        strip_required(self, "topics")
        if self.held_on is not None:
            try:
                check_year(self.held_on)
            except ValidationError as error:
                raise ValidationError({"held_on": error.messages}) from error
        super().clean()


class ContractReview(models.Model):
    """A department's review of one version, opened by a submission (a round). A round ends
    when the contract is approved, returned to negotiation or given a new version; the
    reviews of a round that ended without approval are ``superseded`` and kept."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.PROTECT, related_name="reviews"
    )
    version = models.ForeignKey(
        ContractVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="contract_reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contract_reviews",
    )
    decision = models.CharField(
        _("decision"), max_length=24, choices=Decision.choices, default=Decision.PENDING
    )
    comments = models.TextField(_("comments"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="contract_reviews_requested",
    )
    requested_at = models.DateTimeField(_("requested at"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    #: When its round ended without approving the contract (the review no longer counts).
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ContractReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "department", "id"]
        verbose_name = _("contract review")
        verbose_name_plural = _("contract reviews")
        indexes = [
            # A department's queue: its open reviews, oldest request first.
            models.Index(
                fields=["department", "requested_at", "id"],
                condition=Q(decision="pending", superseded_at__isnull=True),
                name="review_queue",
            ),
            models.Index(fields=["department", "decided_at"], name="review_department"),
            models.Index(fields=["contract", "requested_at"], name="review_contract"),
            # The API list's order for whoever sees every review, and for a department
            # (``newest_first``): read in this order, each instant's reviews then sorted by
            # department.
            models.Index(fields=["-requested_at"], name="review_newest_first"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "department"],
                condition=Q(superseded_at__isnull=True),
                name="review_one_current_per_department",
            ),
            models.CheckConstraint(
                name="review_decided_has_time",
                condition=Q(decision="pending", decided_at__isnull=True)
                | (~Q(decision="pending") & Q(decided_at__isnull=False, reviewer__isnull=False)),
            ),
        ]

    def __str__(self):
        return gettext("%(department)s review of %(version)s") % {
            "department": self.department,
            "version": self.version,
        }

    def get_absolute_url(self):
        return f"{self.contract.get_absolute_url()}#review-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.decision == Decision.PENDING and self.superseded_at is None
