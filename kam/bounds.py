"""Bounds on what a client may send, shared by forms, filters and the API.

Anything outside them is a validation error (400 or a form error), never a 500 from the
database driver or the time-zone conversion.
"""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kam.dates import company_today

#: Before 1901 many time zones (Asia/Shanghai among them) had local-mean-time offsets
#: with seconds, which RFC 3339 cannot write; no CRM event happens outside these years.
MIN_YEAR, MAX_YEAR = 1901, 2100
#: Ids are 64-bit signed integers (BigAutoField); a larger one overflows SQLite's driver.
MAX_ID = 2**63 - 1

YEAR_OUT_OF_RANGE = _("Pick a date between 1901 and 2100.")

#: A search is a few words: more terms than this make an OR of LIKEs per term and field
#: that SQLite refuses ("Expression tree is too large") and any database is slow at.
MAX_SEARCH_TERMS = 10
MAX_SEARCH_LENGTH = 200


def check_search(value: str) -> str:
    """``value`` as a search, or a ValidationError when it is too long or has too many terms."""
    if len(value.split()) > MAX_SEARCH_TERMS:
        raise ValidationError(
            _("A search may have at most %(max)d words."),
            code="search_too_many_terms",
            params={"max": MAX_SEARCH_TERMS},
        )
    if len(value) > MAX_SEARCH_LENGTH:
        raise ValidationError(
            _("A search may be at most %(max)d characters long."),
            code="search_too_long",
            params={"max": MAX_SEARCH_LENGTH},
        )
    return value


def check_business_date(value, *, label_future=None):
    """A calendar date of the business (a customer since, a churn): 1901 up to tomorrow in
    the company's calendar; the day of slack covers a user whose zone is ahead of it."""
    if value is None:
        return value
    check_year(value)
    if value > company_today() + timedelta(days=1):
        raise ValidationError(
            label_future or _("This date cannot be in the future."), code="future"
        )
    return value


def as_id(raw) -> int | None:
    """``raw`` as a database id, or None when it cannot be one."""
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return None
    return value if 0 < value <= MAX_ID else None


def check_year(value):
    if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValidationError(YEAR_OUT_OF_RANGE, code="out_of_range")
    return value


class YearBoundedMixin:
    """For a date or date-time form field: only years ``MIN_YEAR``–``MAX_YEAR``."""

    def to_python(self, value):
        return check_year(super().to_python(value))


class BoundedDateTimeField(YearBoundedMixin, forms.DateTimeField):
    pass


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses ids that cannot exist before they reach an ``IN`` lookup."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        if key == "pk" and any(as_id(pk) is None for pk in value):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": next(pk for pk in value if as_id(pk) is None)},
            )
        return super()._check_values(value)
