"""Kinds of notification duty 3 sends (``kam.notify``), with their default channels."""

from django.utils.translation import gettext_lazy as _

from kam.notifications import register_kind

REPORT_REMINDER = register_kind(
    "market_intel.report_reminder",
    _("Market report reminders"),
    description=_("Two weeks before a quarter ends, if you have published no report for it."),
)
SUGGESTION_SUBMITTED = register_kind(
    "market_intel.suggestion_submitted",
    _("New product suggestions"),
    description=_("For R&D: a rep proposed a product improvement."),
)
SUGGESTION_DECIDED = register_kind(
    "market_intel.suggestion_decided",
    _("Suggestion decisions"),
    description=_("R&D adopted or rejected your product suggestion."),
)
