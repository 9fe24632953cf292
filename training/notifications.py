"""Kinds of notification duty 7 sends (``kam.notify``), with their default channels."""

from django.utils.translation import gettext_lazy as _

from kam.notifications import register_kind

TRAINING_INVITATION = register_kind(
    "training.invitation",
    _("Sessions you give"),
    description=_("You were made the trainer of a session, or it moved or was called off."),
)
TRAINING_REMINDER = register_kind(
    "training.reminder",
    _("Session reminders"),
    description=_("A session you give or support is tomorrow."),
)
