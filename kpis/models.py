"""Duty 5's stored figures: the targets, and the scorecards the nightly job writes.

Scorecards are derived: ``kpis.services.recompute_quarter`` replaces a quarter's rows in
one transaction, so a dashboard reads the old set or the new one, never a mix. Each metric
keeps its numerator and denominator; ``value`` and ``met`` are null when there was nothing
to divide by ("no data", neither 0 % nor 100 %).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import QUARTER_VALIDATORS
from kam.dates import Quarter
from kam.models import Team
from kpis.choices import UNITS, Direction, Metric, RunStatus, Scope
from kpis.querysets import RecomputeRunQuerySet, ScorecardMetricQuerySet, ScorecardQuerySet


class KpiTarget(models.Model):
    """What a metric must reach (``at_least``) or stay under (``at_most``); the next
    recompute judges by it, so a company changes its targets without a deploy."""

    metric = models.CharField(_("metric"), max_length=32, choices=Metric.choices, unique=True)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    direction = models.CharField(
        _("direction"), max_length=16, choices=Direction.choices, default=Direction.AT_LEAST
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["metric"]
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")

    def __str__(self):
        sign = "≥" if self.direction == Direction.AT_LEAST else "≤"
        return f"{self.get_metric_display()} {sign} {self.target.normalize():f}"


class Scorecard(models.Model):
    """One rep's, one team's or the company's figures for a calendar quarter."""

    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rep"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scorecards",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scorecards",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=QUARTER_VALIDATORS)
    computed_at = models.DateTimeField(_("computed at"))

    objects = ScorecardQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-quarter", "scope", "id"]
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(scope=Scope.REP, user__isnull=False, team__isnull=True)
                    | Q(scope=Scope.TEAM, user__isnull=True, team__isnull=False)
                    | Q(scope=Scope.COMPANY, user__isnull=True, team__isnull=True)
                ),
                name="scorecard_scope_subject",
            ),
            models.UniqueConstraint(
                fields=["user", "year", "quarter"],
                condition=Q(scope=Scope.REP),
                name="scorecard_one_per_rep",
            ),
            models.UniqueConstraint(
                fields=["team", "year", "quarter"],
                condition=Q(scope=Scope.TEAM),
                name="scorecard_one_per_team",
            ),
            models.UniqueConstraint(
                fields=["year", "quarter"],
                condition=Q(scope=Scope.COMPANY),
                name="scorecard_one_for_company",
            ),
        ]
        indexes = [models.Index(fields=["year", "quarter", "scope"], name="scorecard_period")]

    def __str__(self):
        return f"{self.subject} {self.period}"

    @property
    def period(self) -> Quarter:
        return Quarter(self.year, self.quarter)

    @property
    def subject(self) -> str:
        if self.scope == Scope.REP:
            return str(self.user)
        if self.scope == Scope.TEAM:
            return str(self.team)
        return str(_("Company"))


class ScorecardMetric(models.Model):
    # No index of its own: the unique (scorecard, metric) constraint's index serves the
    # look-ups, and a second index would only slow the recompute's inserts.
    scorecard = models.ForeignKey(
        Scorecard,
        verbose_name=_("scorecard"),
        on_delete=models.PROTECT,
        related_name="metrics",
        db_index=False,
    )
    metric = models.CharField(_("metric"), max_length=32, choices=Metric.choices)
    numerator = models.DecimalField(_("numerator"), max_digits=20, decimal_places=4)
    denominator = models.DecimalField(_("denominator"), max_digits=20, decimal_places=4)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    direction = models.CharField(_("direction"), max_length=16, choices=Direction.choices)
    met = models.BooleanField(_("met"), null=True)

    objects = ScorecardMetricQuerySet.as_manager()

    class Meta:
        ordering = ["scorecard", "id"]
        verbose_name = _("scorecard metric")
        verbose_name_plural = _("scorecard metrics")
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "metric"], name="scorecard_metric_once"),
            models.CheckConstraint(
                condition=Q(value__isnull=True, met__isnull=True) | Q(value__isnull=False),
                name="scorecard_metric_no_data_not_judged",
            ),
        ]

    def __str__(self):
        return f"{self.get_metric_display()}: {self.value}"

    @property
    def unit(self) -> str:
        return UNITS.get(self.metric, "percent")


class RecomputeRun(models.Model):
    """One run of the recompute job: what it covered, how it went, when it ended.

    The dashboard's "recompute now" button queues one and shows its status; beat's nightly
    run and the command leave one too, so "last completed" is always known.
    """

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    periods = models.JSONField(_("quarters"), default=list)
    status = models.CharField(
        _("status"), max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    quarters_done = models.PositiveSmallIntegerField(_("quarters done"), default=0)
    queries = models.PositiveIntegerField(_("queries"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = RecomputeRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("recompute run")
        verbose_name_plural = _("recompute runs")

    def __str__(self):
        return f"{self.get_status_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def quarters(self) -> list[Quarter]:
        return [Quarter(year, quarter) for year, quarter in self.periods]

    @property
    def is_active(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)
