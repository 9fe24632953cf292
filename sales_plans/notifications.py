"""Kinds of notification duty 2 sends (``kam.notify``), with their default channels."""

from django.utils.translation import gettext_lazy as _

from kam.notifications import register_kind

PLAN_SUBMITTED = register_kind(
    "sales_plans.plan_submitted",
    _("Sales plans to approve"),
    description=_("For managers: a rep of your team submitted a sales plan."),
)
PLAN_DECIDED = register_kind(
    "sales_plans.plan_decided",
    _("Sales plan decisions"),
    description=_("Your manager approved or rejected your sales plan."),
)
ORDER_OVERDUE = register_kind(
    "sales_plans.order_overdue",
    _("Orders past their promised date"),
    description=_("Your orders not delivered by the date promised, each once."),
)
