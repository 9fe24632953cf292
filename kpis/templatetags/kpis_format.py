"""How a stored KPI reads on a page: "87.5 %", "26.2 h", "0.67 per rep", or "no data"."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kpis.choices import UNITS, Direction

register = template.Library()


def _number(value, places: int) -> str:
    return number_format(round(value, places), places, use_l10n=True)


def _count(value) -> str:
    """A numerator or denominator: whole numbers as such, grouped (10,000), else 2 places."""
    places = 0 if value == value.to_integral_value() else 2
    return number_format(round(value, places), places, use_l10n=True, force_grouping=True)


@register.filter
def kpi_value(value, metric: str) -> str:
    if value is None:
        return _("no data")
    unit = UNITS.get(metric, "percent")
    if unit == "hours":
        return _("%(hours)s h") % {"hours": _number(value, 1)}
    if unit == "per_rep":
        return _number(value, 2)
    return f"{_number(value, 1)} %"


@register.filter
def kpi_target(cell) -> str:
    sign = "≤" if cell.direction == Direction.AT_MOST else "≥"
    return f"{sign} {kpi_value(cell.target, cell.metric)}"


@register.filter
def kpi_state(cell) -> str:
    """The cell's CSS class: met, missed or no data."""
    if cell is None or cell.met is None:
        return "kpi-none"
    return "kpi-met" if cell.met else "kpi-missed"


@register.filter
def kpi_fraction(cell) -> str:
    """Numerator and denominator, as a cell's hover and tap text says them."""
    if cell is None:
        return ""
    return _("%(numerator)s of %(denominator)s") % {
        "numerator": _count(cell.numerator),
        "denominator": _count(cell.denominator),
    }
