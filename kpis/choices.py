from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    """The eight KPIs of DESIGN.md's "KPI definitions", in the order dashboards show them."""

    SATISFACTION = "satisfaction", _("Satisfaction")
    RETENTION = "retention", _("Retention")
    ATTAINMENT = "attainment", _("Target attainment")
    FULFILMENT = "fulfilment", _("Order fulfilment")
    RESOLUTION_HOURS = "resolution_hours", _("Issue resolution")
    SLA_COMPLIANCE = "sla_compliance", _("SLA compliance")
    MARKET_REPORTS = "market_reports", _("Market reports")
    SUGGESTION_ADOPTION = "suggestion_adoption", _("Suggestion adoption")


class Scope(models.TextChoices):
    REP = "rep", _("Rep")
    TEAM = "team", _("Team")
    COMPANY = "company", _("Company")


class Direction(models.TextChoices):
    AT_LEAST = "at_least", _("at least")
    AT_MOST = "at_most", _("at most")


#: The seed's targets (DESIGN.md); ``KpiTarget`` rows start from these and admins change them.
DEFAULT_TARGETS = {
    Metric.SATISFACTION: (Decimal("85"), Direction.AT_LEAST),
    Metric.RETENTION: (Decimal("90"), Direction.AT_LEAST),
    Metric.ATTAINMENT: (Decimal("100"), Direction.AT_LEAST),
    Metric.FULFILMENT: (Decimal("95"), Direction.AT_LEAST),
    Metric.RESOLUTION_HOURS: (Decimal("48"), Direction.AT_MOST),
    Metric.SLA_COMPLIANCE: (Decimal("90"), Direction.AT_LEAST),
    Metric.MARKET_REPORTS: (Decimal("1"), Direction.AT_LEAST),
    Metric.SUGGESTION_ADOPTION: (Decimal("50"), Direction.AT_LEAST),
}

#: How a metric's value is written: a share in %, hours, or reports per rep.
UNITS = {
    Metric.RESOLUTION_HOURS: "hours",
    Metric.MARKET_REPORTS: "per_rep",
}


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
