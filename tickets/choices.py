from django.db import models
from django.utils.translation import gettext_lazy as _


class TicketCategory(models.TextChoices):
    DELIVERY = "delivery", _("Delivery")
    QUALITY = "quality", _("Quality")
    TECHNICAL = "technical", _("Technical")
    RETURN_EXCHANGE = "return_exchange", _("Return or exchange")
    BILLING = "billing", _("Billing")
    OTHER = "other", _("Other")


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


class TicketStatus(models.TextChoices):
    """A ticket's life; ``resolved`` and ``closed`` stop its clock, reopening restarts it."""

    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING_ON_CUSTOMER = "waiting_on_customer", _("Waiting on customer")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


#: States whose ticket still owes an answer (its SLA clock runs, or is paused).
UNRESOLVED = (TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.WAITING_ON_CUSTOMER)
DONE = (TicketStatus.RESOLVED, TicketStatus.CLOSED)

#: Which status may follow which (``ticket_transition``); back to ``open`` from a done
#: ticket is reopening it.
TICKET_FLOW = {
    TicketStatus.OPEN: (
        TicketStatus.IN_PROGRESS,
        TicketStatus.WAITING_ON_CUSTOMER,
        TicketStatus.RESOLVED,
    ),
    TicketStatus.IN_PROGRESS: (TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.RESOLVED),
    TicketStatus.WAITING_ON_CUSTOMER: (TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED),
    TicketStatus.RESOLVED: (TicketStatus.CLOSED, TicketStatus.OPEN),
    TicketStatus.CLOSED: (TicketStatus.OPEN,),
}


class EventKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    STATUS_CHANGE = "status_change", _("Status change")
    REASSIGN = "reassign", _("Reassignment")


class SlaState(models.TextChoices):
    """Where a ticket stands against its SLA, read from its times (``Ticket.sla_state``)."""

    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    BREACHED = "breached", _("Breached")
    PAUSED = "paused", _("Paused")
    MET = "met", _("Resolved in time")
    MISSED = "missed", _("Resolved late")


class SlaMark(models.TextChoices):
    """The last SLA threshold the warning job reported for a ticket's current due time."""

    NONE = "", _("None")
    AT_RISK = "at_risk", _("At risk")
    BREACHED = "breached", _("Breached")


#: The share of its SLA a ticket may use before it counts as at risk.
AT_RISK_SHARE = 0.75
#: The resolution time of a priority without a policy row (DESIGN.md: 48 h).
DEFAULT_RESOLUTION_HOURS = 48


class Weekday(models.IntegerChoices):
    """``date.weekday()``: Monday is 0."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class DayKind(models.TextChoices):
    """A business calendar's dated exception."""

    HOLIDAY = "holiday", _("Holiday (closed)")
    WORKDAY = "workday", _("Make-up workday")


class ClockStop(models.TextChoices):
    """Why a ticket's SLA clock is not running (``Ticket.clock_stop``)."""

    WAITING_ON_CUSTOMER = "waiting_on_customer", _("waiting on the customer")
    HOLIDAY = "holiday", _("a holiday")
    OUTSIDE_HOURS = "outside_hours", _("outside working hours")
    RESOLVED = "resolved", _("resolved")
