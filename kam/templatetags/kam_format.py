"""Numbers as the user's language writes them, from the locale formats (``kam.formats``).

``{{ amount|money }}`` → "18,524,000 CNY"; ``{{ 87.5|percent }}`` → "87.5%";
``{{ count|number }}`` → "10,040". Grouping and separators come from the active
language's formats module, not from these filters.
"""

from decimal import Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.utils.formats import number_format

register = template.Library()


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def number(value, decimals=0):
    amount = _decimal(value)
    if amount is None:
        return ""
    return number_format(amount, int(decimals), use_l10n=True, force_grouping=True)


@register.filter
def money(value, decimals=0):
    """An amount in the company currency, grouped by thousands."""
    amount = number(value, decimals)
    return f"{amount}\N{NO-BREAK SPACE}{settings.KAM_CURRENCY}" if amount else ""


@register.filter
def percent(value, decimals=1):
    amount = number(value, decimals)
    return f"{amount}%" if amount else ""
