"""Admin for duty 5: the KPI targets (edited here, with their history), and the stored
scorecards and recompute runs, which the job writes and admins only read."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from kam.admin import AdministratorsOnlyMixin, ReadOnlyAdmin, ReadOnlyHistoryMixin
from kpis.models import KpiTarget, RecomputeRun, Scorecard, ScorecardMetric


@admin.register(KpiTarget)
class KpiTargetAdmin(AdministratorsOnlyMixin, ReadOnlyHistoryMixin, SimpleHistoryAdmin):
    """A changed target judges the scorecards from the next recompute on."""

    list_display = ("metric", "direction", "target", "updated_at")
    fields = ("metric", "direction", "target")
    readonly_fields = ("metric",)
    ordering = ("metric",)

    def has_add_permission(self, request):
        # One row per metric, created by the migration; the eight metrics are the contract.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ScorecardMetricInline(admin.TabularInline):
    model = ScorecardMetric
    fields = ("metric", "numerator", "denominator", "value", "target", "direction", "met")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Scorecard)
class ScorecardAdmin(ReadOnlyAdmin):
    list_display = ("year", "quarter", "scope", "user", "team", "computed_at")
    list_filter = ("scope", "year", "quarter")
    list_select_related = ("user", "team")
    search_fields = ("user__username", "team__name")
    readonly_fields = ("scope", "user", "team", "year", "quarter", "computed_at")
    inlines = [ScorecardMetricInline]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RecomputeRun)
class RecomputeRunAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "status",
        "quarters_label",
        "quarters_done",
        "queries",
        "finished_at",
    )
    list_filter = ("status",)
    list_select_related = ("requested_by",)
    readonly_fields = (
        "requested_by",
        "quarters_label",
        "status",
        "quarters_done",
        "queries",
        "error",
        "created_at",
        "started_at",
        "finished_at",
    )

    @admin.display(description=_("quarters"))
    def quarters_label(self, run):
        return ", ".join(str(quarter) for quarter in run.quarters)
