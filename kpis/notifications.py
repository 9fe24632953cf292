"""Kinds of notification duty 5 sends (``kam.notify``)."""

from django.utils.translation import gettext_lazy as _

from kam.notifications import register_kind

METRIC_MISSED = register_kind(
    "kpis.metric_missed",
    _("KPIs falling below target"),
    description=_("A metric of your scorecard (or your team's) that was met is no longer met."),
)
