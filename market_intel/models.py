"""Duty 3: competitors and what was seen of them, quarterly market reports, and product
suggestions that R&D adopts or rejects. States change only through ``market_intel.services``."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import QUARTER_VALIDATORS, Account
from kam.bounds import MAX_YEAR, MIN_YEAR, check_business_date
from kam.dates import period_label
from kam.records import strip_required
from kam.search import Searchable
from market_intel.choices import ActivityKind, ReportStatus, SuggestionStatus
from market_intel.querysets import (
    CompetitorActivityQuerySet,
    CompetitorQuerySet,
    MarketReportQuerySet,
    ProductSuggestionQuerySet,
)


class Competitor(Searchable):
    """A company we meet at our accounts: what it does well and badly, how it prices."""

    name = models.CharField(
        _("name"),
        max_length=200,
        unique=True,
        error_messages={"unique": _("A competitor with this name exists already.")},
    )
    website = models.URLField(_("website"), blank=True)
    strengths = models.TextField(_("strengths"), blank=True)
    weaknesses = models.TextField(_("weaknesses"), blank=True)
    pricing_notes = models.TextField(_("pricing notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = CompetitorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("competitor")
        verbose_name_plural = _("competitors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("market_intel:competitor-detail", args=[self.pk])

    def search_parts(self):
        return (self.name, self.website)

    def clean(self):
        strip_required(self, "name")
        super().clean()


class CompetitorActivity(Searchable):
    """Something a competitor did, seen at an account (or in the market at large)."""

    competitor = models.ForeignKey(
        Competitor,
        verbose_name=_("competitor"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    account = models.ForeignKey(
        Account,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="competitor_activities",
        help_text=_("Where it was seen; leave empty for the market at large."),
    )
    observed_on = models.DateField(_("observed on"))
    kind = models.CharField(_("kind"), max_length=16, choices=ActivityKind.choices)
    details = models.TextField(_("details"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="competitor_activities",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = CompetitorActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-observed_on", "-id"]
        verbose_name = _("competitor activity")
        verbose_name_plural = _("competitor activities")
        indexes = [
            models.Index(fields=["competitor", "observed_on"], name="activity_competitor"),
            models.Index(fields=["account", "observed_on"], name="activity_account"),
            models.Index(F("observed_on").desc(), F("id").desc(), name="activity_newest_first"),
        ]

    def __str__(self):
        return f"{self.competitor} · {self.get_kind_display()} · {self.observed_on}"

    def get_absolute_url(self):
        """Its line on the competitor's page (an activity has no page of its own)."""
        return f"{self.competitor.get_absolute_url()}#activity-{self.pk}"

    def search_parts(self):
        return (
            self.details,
            self.competitor.name if self.competitor_id else "",
            self.account.name if self.account_id else "",
        )

    def clean(self):
        super().clean()
        try:
            check_business_date(self.observed_on)
        except ValidationError as error:
            raise ValidationError({"observed_on": error.messages[0]}) from error


class MarketReport(Searchable):
    """A rep's market analysis for a quarter (Markdown), a draft until published; then it
    is read-only, and counts for the ``market_reports`` KPI by ``published_at``."""

    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="market_reports",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=QUARTER_VALIDATORS)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(
        _("body"), blank=True, help_text=_("Markdown: headings, lists, tables, links.")
    )
    competitors = models.ManyToManyField(
        Competitor, verbose_name=_("competitors covered"), blank=True, related_name="reports"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text"], m2m_fields=[competitors])
    objects = MarketReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-quarter", "-id"]
        verbose_name = _("market report")
        verbose_name_plural = _("market reports")
        indexes = [
            models.Index(fields=["author", "published_at"], name="report_author_published"),
            models.Index(fields=["year", "quarter"], name="report_period"),
        ]
        constraints = [
            models.CheckConstraint(
                name="report_published_has_date",
                condition=Q(status="draft") | Q(published_at__isnull=False),
            ),
            models.CheckConstraint(
                name="report_quarter_1_to_4", condition=Q(quarter__gte=1, quarter__lte=4)
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("market_intel:report-detail", args=[self.pk])

    @property
    def period(self) -> str:
        return period_label(self.year, self.quarter)

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED

    def search_parts(self):
        return (self.title, self.summary)

    def clean(self):
        strip_required(self, "title")
        super().clean()


class ProductSuggestion(Searchable):
    """An improvement a rep proposes for the accounts that asked for it; R&D decides it."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="suggestions",
    )
    accounts = models.ManyToManyField(
        Account, verbose_name=_("accounts asking"), blank=True, related_name="suggestions"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.SUBMITTED,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_suggestions",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text"], m2m_fields=[accounts])
    objects = ProductSuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("product suggestion")
        verbose_name_plural = _("product suggestions")
        indexes = [
            models.Index(fields=["submitted_by", "decided_on"], name="suggestion_adoption"),
            models.Index(fields=["status", "created_at"], name="suggestion_queue"),
        ]
        constraints = [
            models.CheckConstraint(
                name="suggestion_decided_has_date",
                condition=~Q(status__in=["adopted", "rejected"])
                | Q(decided_on__isnull=False, decided_by__isnull=False),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("market_intel:suggestion-detail", args=[self.pk])

    @property
    def is_decided(self) -> bool:
        return self.status in (SuggestionStatus.ADOPTED, SuggestionStatus.REJECTED)

    def search_parts(self):
        return (self.title, self.description)

    def clean(self):
        strip_required(self, "title")
        super().clean()
