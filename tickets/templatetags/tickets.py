"""Template helpers of the ticket pages: a ticket's SLA state at the page's moment, and
spans of open time written the way people say them."""

from datetime import timedelta

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def sla_state(ticket, now):
    """``ticket.sla_state(now)``: one moment for the whole page, so rows agree."""
    return ticket.sla_state(now)


@register.filter
def span(value: timedelta | None) -> str:
    """ "2 d 3 h", "5 h 20 min", "12 min": the magnitude of ``value`` (the page says whether
    it is left or overdue)."""
    if value is None:
        return "—"
    minutes = int(abs(value.total_seconds()) // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return _("%(days)d d %(hours)d h") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)d min") % {"minutes": minutes}


@register.filter
def is_negative(value: timedelta | None) -> bool:
    return value is not None and value < timedelta(0)


@register.filter
def seconds_span(seconds) -> str:
    return span(timedelta(seconds=int(seconds or 0)))
