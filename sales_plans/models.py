from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import search as account_search
from accounts.models import QUARTER_VALIDATORS, Account
from kam.bounds import check_business_date, check_year
from kam.dates import Quarter, company_today, period_label
from kam.search import Searchable
from sales_plans.choices import (
    CLOSED_STAGES,
    UNDELIVERED,
    OrderStatus,
    SalesPlanStatus,
    Stage,
)
from sales_plans.querysets import (
    OpportunityQuerySet,
    OrderQuerySet,
    PlanTargetQuerySet,
    SalesPlanQuerySet,
    StageChangeQuerySet,
)

NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]


def check_dates(instance, errors: dict, *, past=(), any_=()) -> None:
    """Collect the date errors of ``instance``: ``past`` fields are business dates (not in
    the future), ``any_`` fields (a promise, an expected close) only within the years."""
    for names, check in ((past, check_business_date), (any_, check_year)):
        for name in names:
            try:
                check(getattr(instance, name))
            except ValidationError as error:
                errors.setdefault(name, error.messages[0])


def money(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name, max_digits=16, decimal_places=2, validators=NOT_NEGATIVE, **kwargs
    )


class SalesPlan(models.Model):
    """A rep's sales target for a quarter (or a year), approved by their manager.

    ``revision`` counts approvals' rounds: an approved plan changes only by being revised
    (back to draft, ``revision + 1``) and approved again; history keeps every figure.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="sales_plans",
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
    target_amount = money(_("target amount"))
    strategy = models.TextField(_("strategy"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SalesPlanStatus.choices,
        default=SalesPlanStatus.DRAFT,
        editable=False,
    )
    revision = models.PositiveSmallIntegerField(_("revision"), default=1, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    #: The manager's comment on the last decision (approval or rejection).
    decision_comment = models.TextField(_("decision comment"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = SalesPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", F("quarter").desc(nulls_last=True), "owner_id", "id"]
        verbose_name = _("sales plan")
        verbose_name_plural = _("sales plans")
        indexes = [models.Index(fields=["year", "quarter", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "year", "quarter"],
                name="sales_plan_unique_quarter",
                condition=Q(quarter__isnull=False),
                violation_error_message=_("You already have a plan for that quarter."),
            ),
            models.UniqueConstraint(
                fields=["owner", "year"],
                name="sales_plan_unique_annual",
                condition=Q(quarter__isnull=True),
                violation_error_message=_("You already have an annual plan for that year."),
            ),
            models.CheckConstraint(
                name="sales_plan_quarter_1_to_4",
                condition=Q(quarter__isnull=True) | Q(quarter__gte=1, quarter__lte=4),
            ),
            models.CheckConstraint(
                name="sales_plan_target_not_negative", condition=Q(target_amount__gte=0)
            ),
            models.CheckConstraint(
                name="sales_plan_approved_has_approver",
                condition=~Q(status="approved")
                | Q(approved_by__isnull=False, approved_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.owner} · {self.period}"

    def get_absolute_url(self):
        return reverse("sales_plans:plan-detail", args=[self.pk])

    @property
    def period(self) -> str:
        return period_label(self.year, self.quarter)

    @property
    def start(self):
        return Quarter(self.year, self.quarter or 1).start

    @property
    def end(self):
        """The last day of the plan's period (inclusive)."""
        return Quarter(self.year, self.quarter or 4).end

    @property
    def is_editable(self) -> bool:
        """Figures change in draft (or after a rejection); an approved plan is revised."""
        return self.status in (SalesPlanStatus.DRAFT, SalesPlanStatus.REJECTED)


class PlanTarget(models.Model):
    """An optional per-account line of a sales plan."""

    plan = models.ForeignKey(
        SalesPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="targets"
    )
    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.PROTECT, related_name="plan_targets"
    )
    target_amount = money(_("target amount"))

    history = HistoricalRecords()
    objects = PlanTargetQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "account__name", "id"]
        verbose_name = _("plan target")
        verbose_name_plural = _("plan targets")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "account"],
                name="plan_target_unique_account",
                violation_error_message=_("This account has a line in the plan already."),
            ),
            models.CheckConstraint(
                name="plan_target_not_negative", condition=Q(target_amount__gte=0)
            ),
        ]

    def __str__(self):
        return f"{self.plan} · {self.account}"


class Opportunity(Searchable):
    """A deal in the funnel. Its ``stage`` changes only through ``opportunity_move``."""

    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.PROTECT, related_name="opportunities"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    name = models.CharField(_("name"), max_length=200)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.LEAD)
    #: The furthest funnel stage the deal has reached (``""`` for a deal opened as lost), kept
    #: by ``opportunity_move`` with each stage change: the funnel's cohort conversion counts it.
    furthest_stage = models.CharField(
        _("furthest stage"), max_length=16, choices=Stage.choices, blank=True, editable=False
    )
    amount = money(_("amount"), default=Decimal("0"))
    #: The day the deal entered the funnel: cohorts and cycle lengths count from it.
    opened_on = models.DateField(_("opened on"), default=company_today)
    expected_close_on = models.DateField(_("expected close on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    lost_reason = models.TextField(_("lost reason"), blank=True)
    competitor = models.ForeignKey(
        "market_intel.Competitor",
        verbose_name=_("competitor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opportunities",
        help_text=_("Who we compete with for this deal (who won it, when it is lost)."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["expected_close_on", "id"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        indexes = [
            # The lists' order for whoever sees every deal (``by_expected_close``), and the
            # board's columns, read in order.
            models.Index(fields=["expected_close_on", "id"], name="opportunity_by_close"),
            # The columns' totals and the funnel's open deals read it alone (PostgreSQL).
            models.Index(
                fields=["stage", "expected_close_on", "id"],
                include=["amount", "opened_on"],
                name="opportunity_board",
            ),
            models.Index(fields=["owner", "closed_on"]),
            # The funnel's cohort (opened in a quarter) and its closed deals, index only.
            models.Index(
                fields=["opened_on"], include=["furthest_stage"], name="opportunity_cohort"
            ),
            models.Index(
                fields=["closed_on"],
                include=["stage", "opened_on", "amount"],
                name="opportunity_closing",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                name="opportunity_closed_iff_closed_on",
                condition=(Q(stage__in=CLOSED_STAGES) & Q(closed_on__isnull=False))
                | (~Q(stage__in=CLOSED_STAGES) & Q(closed_on__isnull=True)),
            ),
            models.CheckConstraint(
                name="opportunity_amount_not_negative", condition=Q(amount__gte=0)
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sales_plans:opportunity-detail", args=[self.pk])

    def search_parts(self):
        return (self.name, self.account.name if self.account_id else "")

    @property
    def is_open(self) -> bool:
        return self.stage not in CLOSED_STAGES

    def clean(self):
        super().clean()
        errors = {}
        check_dates(self, errors, past=("opened_on", "closed_on"), any_=("expected_close_on",))
        if self.closed_on and self.opened_on and self.closed_on < self.opened_on:
            errors.setdefault("closed_on", _("A deal cannot close before it opened."))
        if self.stage == Stage.LOST and not self.lost_reason.strip():
            errors["lost_reason"] = _("Say why the deal was lost.")
        if errors:
            raise ValidationError(errors)


class StageChange(models.Model):
    """One move of an opportunity through the funnel (its creation included: from "")."""

    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("opportunity"),
        on_delete=models.PROTECT,
        related_name="stage_changes",
    )
    from_stage = models.CharField(_("from stage"), max_length=16, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to stage"), max_length=16, choices=Stage.choices)
    changed_at = models.DateTimeField(_("changed at"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = StageChangeQuerySet.as_manager()

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        indexes = [models.Index(fields=["opportunity", "to_stage"])]

    def __str__(self):
        return f"{self.opportunity} · {self.from_stage or '∅'} → {self.to_stage}"


class Order(Searchable):
    """A customer's order: what attainment counts and fulfilment judges.

    Its ``status`` changes only through ``order_transition``.
    """

    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.PROTECT, related_name="orders"
    )
    number = models.CharField(
        _("number"),
        max_length=50,
        unique=True,
        help_text=_("The order number, e.g. from the ERP; imports update orders by it."),
        error_messages={"unique": _("An order with this number exists already.")},
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="orders",
    )
    ordered_on = models.DateField(_("ordered on"))
    amount = money(_("amount"))
    promised_on = models.DateField(_("promised on"))
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=24, choices=OrderStatus.choices, default=OrderStatus.OPEN
    )
    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("opportunity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
    )
    #: Set when the daily job told the owner the order passed its promised date: each
    #: order is reported once; a new promise clears it (``order_update``).
    overdue_notified_on = models.DateField(
        _("overdue reported on"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    #: Written by the services with UPDATE statements only (``kam.records.apply_changes``).
    DERIVED_FIELDS = ("overdue_notified_on",)

    history = HistoricalRecords(excluded_fields=["search_text", "overdue_notified_on"])
    objects = OrderQuerySet.as_manager()

    class Meta:
        ordering = ["-ordered_on", "-id"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        indexes = [
            models.Index(F("ordered_on").desc(), F("id").desc(), name="order_newest_first"),
            # Attainment sums a rep's quarter from the index alone (PostgreSQL; elsewhere
            # a plain index on the first two).
            models.Index(
                fields=["owner", "ordered_on"],
                include=["amount", "status"],
                name="order_attainment",
            ),
            models.Index(fields=["account", "ordered_on"]),
            models.Index(fields=["promised_on", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="order_delivered_has_date",
                condition=~Q(status="delivered") | Q(delivered_on__isnull=False),
            ),
            models.CheckConstraint(name="order_amount_not_negative", condition=Q(amount__gte=0)),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("sales_plans:order-detail", args=[self.pk])

    def search_parts(self):
        return (self.number, self.account.name if self.account_id else "")

    @property
    def is_overdue(self) -> bool:
        """``OrderQuerySet.overdue`` for one order in hand."""
        return self.status in UNDELIVERED and self.promised_on < company_today()

    def clean(self):
        self.number = (self.number or "").strip()
        super().clean()
        errors = {}
        check_dates(self, errors, past=("ordered_on", "delivered_on"), any_=("promised_on",))
        if self.ordered_on and self.promised_on and self.promised_on < self.ordered_on:
            errors.setdefault("promised_on", _("Delivery cannot be promised before the order."))
        if self.ordered_on and self.delivered_on and self.delivered_on < self.ordered_on:
            errors.setdefault(
                "delivered_on", _("An order cannot be delivered before it is placed.")
            )
        if self.status == OrderStatus.DELIVERED and not self.delivered_on:
            errors.setdefault("delivered_on", _("A delivered order needs its delivery date."))
        if (
            self.opportunity_id
            and self.account_id
            and self.opportunity.account_id != self.account_id
        ):
            errors["opportunity"] = _("The opportunity must belong to this account.")
        if errors:
            raise ValidationError(errors)


class OrderMonth(models.Model):
    """Orders summed by owner, month and whether they count (not cancelled): the company's
    attainment and its order count read these few thousand rows, not a million orders.

    Written by the database alone: triggers on the order table (migration
    ``0005_order_month``) add a row of differences for every statement that inserts,
    changes or deletes orders, whichever code ran it. A month's figures are the sum of its
    rows; ``order_months_compact`` (nightly) folds them into one row each.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: The first day of the month (company calendar) the orders were placed in.
    month = models.DateField(_("month"))
    counted = models.BooleanField(_("counted"))
    orders = models.IntegerField(_("orders"))
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2)

    class Meta:
        verbose_name = _("order month")
        verbose_name_plural = _("order months")
        indexes = [
            models.Index(
                fields=["owner", "month"],
                include=["counted", "orders", "amount"],
                name="order_month_by_owner",
            )
        ]

    def __str__(self):
        return f"{self.owner_id} · {self.month:%Y-%m}"


# Documents that hold the account's name follow a rename (``accounts.search``).
account_search.register(Opportunity)
account_search.register(Order)
