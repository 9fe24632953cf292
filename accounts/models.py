from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import search as account_search
from accounts.choices import (
    AccountStatus,
    BuyingRole,
    PlanStatus,
    Sentiment,
    SurveySource,
    Tier,
    VisitKind,
)
from accounts.naming import company_name_key
from accounts.querysets import AccountChildQuerySet, AccountQuerySet, PlanActionQuerySet
from kam.bounds import check_business_date
from kam.dates import company_today, period_label
from kam.search import Searchable

VISIT_CLOCK_SLACK = timedelta(minutes=15)
QUARTER_VALIDATORS = [MinValueValidator(1), MaxValueValidator(4)]


class Account(Searchable):
    """A key account: a customer (or prospect) company owned by one rep."""

    #: The key imports update by (a previous CRM's or the ERP's customer number).
    code = models.CharField(
        _("code"),
        max_length=50,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Your customer number, e.g. from the ERP; imports update accounts by it."),
    )
    name = models.CharField(_("name"), max_length=200)
    #: ``company_name_key(name)``: finds an existing account before a duplicate is made.
    name_key = models.CharField(max_length=200, editable=False, db_index=True, default="")
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    tier = models.CharField(_("tier"), max_length=16, choices=Tier.choices, default=Tier.KEY)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="accounts",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AccountStatus.choices, default=AccountStatus.PROSPECT
    )
    customer_since = models.DateField(_("customer since"), null=True, blank=True)
    churned_on = models.DateField(_("churned on"), null=True, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    annual_potential = models.DecimalField(
        _("annual potential"),
        max_digits=16,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    #: The latest ``visited_at`` of the account's visits, kept exact by the visit services
    #: (create, edit, delete, admin): lists sort and filter on it without a MAX() over
    #: every visit of every visible account.
    last_visited_at = models.DateTimeField(
        _("last visited at"), null=True, blank=True, editable=False
    )
    #: Set when the nightly job told the owner the account has gone unvisited; cleared
    #: by the next visit, so the owner is told once per lapse.
    unvisited_flagged_on = models.DateField(_("flagged as unvisited on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    #: Written by the services with UPDATE statements only (see ``kam.records.apply_changes``).
    DERIVED_FIELDS = ("last_visited_at", "unvisited_flagged_on")

    # History records what people changed; derived fields would only add noise.
    history = HistoricalRecords(excluded_fields=["last_visited_at", "name_key", "search_text"])
    objects = AccountQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        indexes = [
            models.Index(fields=["owner", "status"]),
            # The list's orderings (by name, by potential) and the unvisited filter: pages
            # are read from the index in order instead of sorting every visible account.
            models.Index(fields=["name", "id"], name="account_by_name"),
            models.Index(
                F("annual_potential").desc(), F("name"), F("id"), name="account_by_potential"
            ),
            models.Index(fields=["last_visited_at"], name="account_by_last_visit"),
        ]
        constraints = [
            models.CheckConstraint(
                name="account_churned_iff_churned_on",
                condition=(Q(status="churned") & Q(churned_on__isnull=False))
                | (~Q(status="churned") & Q(churned_on__isnull=True)),
            ),
            models.CheckConstraint(
                name="account_annual_potential_not_negative",
                condition=Q(annual_potential__gte=0),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("accounts:account-detail", args=[self.pk])

    def search_parts(self):
        return (self.name, self.code, self.industry, self.region)

    def clean(self):
        # An empty code is no code (NULLs do not collide under the unique constraint).
        self.code = (self.code or "").strip() or None
        self.name_key = company_name_key(self.name)
        super().clean()
        errors = {}
        if self.status == AccountStatus.CHURNED and not self.churned_on:
            errors["churned_on"] = _("A churned account needs the date it churned.")
        if self.status != AccountStatus.CHURNED and self.churned_on:
            errors["churned_on"] = _("Only a churned account has a churn date.")
        if self.status == AccountStatus.ACTIVE and not self.customer_since:
            errors["customer_since"] = _("An active account needs the date it became a customer.")
        if self.customer_since and self.churned_on and self.churned_on < self.customer_since:
            errors["churned_on"] = _("The churn date cannot be before the customer-since date.")
        # Out-of-range dates would make an account that can never be churned (9999-12-31).
        for field in ("customer_since", "churned_on"):
            try:
                check_business_date(getattr(self, field))
            except ValidationError as error:
                errors.setdefault(field, error.messages[0])
        if errors:
            raise ValidationError(errors)


class AccountEpisode(models.Model):
    """A past customer relationship of an account: from ``customer_since`` until it
    churned. The reactivate service archives the closing one before a new one starts (the
    account's own dates always hold the current one), so the ``retention`` KPI of an
    earlier quarter reads the same after a reactivation as before it."""

    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.PROTECT, related_name="episodes"
    )
    customer_since = models.DateField(_("customer since"))
    churned_on = models.DateField(_("churned on"))

    objects = AccountChildQuerySet.as_manager()

    class Meta:
        ordering = ["account", "customer_since"]
        verbose_name = _("past customer relationship")
        verbose_name_plural = _("past customer relationships")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "customer_since"], name="account_episode_once"
            ),
            models.CheckConstraint(
                condition=Q(churned_on__gte=F("customer_since")),
                name="account_episode_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.account}: {self.customer_since} – {self.churned_on}"


class Contact(Searchable):
    """A stakeholder at an account; ``reports_to`` builds the stakeholder map."""

    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.PROTECT, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    buying_role = models.CharField(
        _("buying role"), max_length=16, choices=BuyingRole.choices, default=BuyingRole.OTHER
    )
    influence = models.PositiveSmallIntegerField(
        _("influence"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (little) to 5 (decisive)"),
    )
    sentiment = models.CharField(
        _("sentiment"), max_length=16, choices=Sentiment.choices, default=Sentiment.NEUTRAL
    )
    reports_to = models.ForeignKey(
        "self",
        verbose_name=_("reports to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = AccountChildQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [models.Index(fields=["name", "id"], name="contact_by_name")]
        constraints = [
            models.CheckConstraint(
                name="contact_influence_1_to_5", condition=Q(influence__gte=1, influence__lte=5)
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.title})" if self.title else self.name

    def search_parts(self):
        return (self.name, self.title, self.email, self.account.name if self.account_id else "")

    def clean(self):
        super().clean()
        if self.reports_to_id is None:
            return
        if self.reports_to.account_id != self.account_id:
            raise ValidationError(
                {"reports_to": _("A contact reports to someone at the same account.")}
            )
        # Walk up the chain: a contact may not (indirectly) report to themselves.
        seen, boss = {self.pk}, self.reports_to
        while boss is not None:
            if boss.pk in seen:
                raise ValidationError({"reports_to": _("This would make a reporting loop.")})
            seen.add(boss.pk)
            boss = boss.reports_to


class Visit(Searchable):
    """A rep's contact with an account: on site, by phone, video, a meeting or an event."""

    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.PROTECT, related_name="visits"
    )
    rep = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rep"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    visited_at = models.DateTimeField(_("visited at"))
    kind = models.CharField(
        _("kind"), max_length=16, choices=VisitKind.choices, default=VisitKind.ON_SITE
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    contacts = models.ManyToManyField(
        Contact, verbose_name=_("contacts met"), blank=True, related_name="visits"
    )

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = AccountChildQuerySet.as_manager()

    class Meta:
        ordering = ["-visited_at", "-id"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [
            models.Index(fields=["account", "visited_at"]),
            # The default ordering (newest first) and the home page's open follow-ups.
            models.Index(F("visited_at").desc(), F("id").desc(), name="visit_newest_first"),
            models.Index(
                fields=["follow_up_on"],
                condition=Q(follow_up_on__isnull=False),
                name="visit_follow_ups",
            ),
        ]

    def __str__(self):
        return f"{self.account} · {self.purpose}"

    def search_parts(self):
        account = self.account.name if self.account_id else ""
        return (self.purpose, self.summary, self.next_steps, account)

    def clean(self):
        super().clean()
        errors = {}
        # A visit is logged after it happens; a little slack for clocks that run ahead.
        if self.visited_at and self.visited_at > timezone.now() + VISIT_CLOCK_SLACK:
            errors["visited_at"] = _("A visit cannot be logged before it happens.")
        if (
            self.visited_at
            and self.follow_up_on
            and self.follow_up_on < timezone.localdate(self.visited_at)
        ):
            errors["follow_up_on"] = _("The follow-up cannot be before the visit.")
        if errors:
            raise ValidationError(errors)


class SurveyResponse(Searchable):
    """A customer's satisfaction answer (score 1–5, optional NPS 0–10)."""

    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.PROTECT, related_name="surveys"
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
    )
    received_on = models.DateField(_("received on"))
    score = models.PositiveSmallIntegerField(
        _("score"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (very dissatisfied) to 5 (very satisfied)"),
    )
    nps = models.PositiveSmallIntegerField(
        _("NPS"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text=_("How likely to recommend us, 0 to 10"),
    )
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(
        _("source"), max_length=16, choices=SurveySource.choices, default=SurveySource.PERIODIC
    )

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = AccountChildQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        indexes = [
            models.Index(fields=["account", "received_on"]),
            models.Index(F("received_on").desc(), F("id").desc(), name="survey_newest_first"),
        ]
        constraints = [
            models.CheckConstraint(
                name="survey_score_1_to_5", condition=Q(score__gte=1, score__lte=5)
            ),
            models.CheckConstraint(
                name="survey_nps_0_to_10",
                condition=Q(nps__isnull=True) | Q(nps__gte=0, nps__lte=10),
            ),
        ]

    def __str__(self):
        return f"{self.account} · {self.received_on} · {self.score}/5"

    def search_parts(self):
        return (self.comment, self.account.name if self.account_id else "")

    def clean(self):
        super().clean()
        if self.contact_id and self.account_id and self.contact.account_id != self.account_id:
            raise ValidationError({"contact": _("The contact must belong to this account.")})


class RelationshipPlan(Searchable):
    """The relationship maintenance plan of an account for a year or one quarter of it."""

    account = models.ForeignKey(
        Account,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="relationship_plans",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    quarter = models.PositiveSmallIntegerField(
        _("quarter"),
        null=True,
        blank=True,
        validators=QUARTER_VALIDATORS,
        help_text=_("Leave empty for an annual plan."),
    )
    objectives = models.TextField(_("objectives"))
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = AccountChildQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-quarter", "-id"]
        verbose_name = _("relationship plan")
        verbose_name_plural = _("relationship plans")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "year", "quarter"],
                name="relationship_plan_unique_quarter",
                condition=Q(quarter__isnull=False),
                violation_error_message=_("This account already has a plan for that quarter."),
            ),
            models.UniqueConstraint(
                fields=["account", "year"],
                name="relationship_plan_unique_annual",
                condition=Q(quarter__isnull=True),
                violation_error_message=_("This account already has an annual plan for that year."),
            ),
            models.CheckConstraint(
                name="relationship_plan_quarter_1_to_4",
                condition=Q(quarter__isnull=True) | Q(quarter__gte=1, quarter__lte=4),
            ),
        ]

    def __str__(self):
        return f"{self.account} · {self.period}"

    @property
    def period(self) -> str:
        """The plan's period: ``2026 Q3`` for a quarter's plan (in the active language),
        ``2026`` for a year's."""
        return period_label(self.year, self.quarter)

    def search_parts(self):
        return (self.objectives, self.account.name if self.account_id else "")


class PlanAction(Searchable):
    """One action of a relationship plan, with an owner and a due date."""

    plan = models.ForeignKey(
        RelationshipPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="actions"
    )
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="plan_actions",
    )
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = PlanActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")

    def search_parts(self):
        return (self.title, self.plan.account.name if self.plan_id else "")

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        """``PlanActionQuerySet.overdue`` for one action in hand."""
        return self.done_on is None and self.due_on < company_today()


# Documents that hold the account's name follow a rename (``accounts.search``).
account_search.register(Contact)
account_search.register(Visit)
account_search.register(SurveyResponse)
account_search.register(RelationshipPlan)
account_search.register(PlanAction, "plan__account", ("plan__account",))
