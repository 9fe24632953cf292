"""Kinds of notification duty 6 sends (``kam.notify``), with their default channels."""

from django.utils.translation import gettext_lazy as _

from kam.notifications import register_kind

CONTRACT_REVIEW_REQUESTED = register_kind(
    "contracts.review_requested",
    _("Contract reviews for your department"),
    description=_("A contract version waits for your department's review."),
)
CONTRACT_REVIEW_DECIDED = register_kind(
    "contracts.review_decided",
    _("Contract review decisions"),
    description=_("Legal or finance decided on a contract you own."),
)
CONTRACT_RENEWAL = register_kind(
    "contracts.renewal",
    _("Contract renewals"),
    description=_("A contract you own or oversee ends in 90, 60 or 30 days."),
)
