"""Kinds of notification duty 1 sends (``kam.notify``), with their default channels."""

from django.utils.translation import gettext_lazy as _

from kam.notifications import register_kind

UNVISITED = register_kind(
    "accounts.unvisited",
    _("Accounts gone unvisited"),
    description=_("Your accounts with no visit in 90 days, once per lapse."),
)
TEAM_UNVISITED = register_kind(
    "accounts.team_unvisited",
    _("Team accounts gone unvisited"),
    description=_("For managers: accounts of your reps with no visit in 90 days."),
)
OVERDUE_ACTIONS = register_kind(
    "accounts.overdue_actions",
    _("Overdue relationship-plan actions"),
    description=_("A daily reminder of your plan actions past their due date."),
)
