"""Kinds of notification duty 4 sends (``kam.notify``), with their default channels."""

from django.utils.translation import gettext_lazy as _

from kam.notifications import register_kind

TICKET_ROUTED = register_kind(
    "tickets.routed",
    _("New tickets for your department"),
    description=_("A ticket was routed to your department, or assigned to you."),
)
TICKET_UPDATED = register_kind(
    "tickets.updated",
    _("Ticket answers"),
    description=_("A comment or a status change on a ticket you raised or answer."),
)
TICKET_SLA = register_kind(
    "tickets.sla",
    _("SLA warnings"),
    description=_("A ticket used three quarters of its SLA time, or passed it (each once)."),
)
