"""Bounds on what a client may send, shared by forms, filters and the API.

Anything outside them is a validation error (400 or a form error), never a 500 from the
database driver or the time-zone conversion.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: Before 1901 many time zones (Asia/Shanghai among them) had local-mean-time offsets
#: with seconds, which RFC 3339 cannot write; no CRM event happens outside these years.
MIN_YEAR, MAX_YEAR = 1901, 2100
#: Ids are 64-bit signed integers (BigAutoField); a larger one overflows SQLite's driver.
MAX_ID = 2**63 - 1

YEAR_OUT_OF_RANGE = _("Pick a date between 1901 and 2100.")


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
