"""Forms of the core app's pages (a user's profile and API tokens), and how every app's
forms show what a service refused (``add_service_errors``)."""

import datetime as dt
import zoneinfo
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kam.bounds import check_year
from kam.dates import Quarter, company_today
from kam.models import User, Webhook
from kam.models.tokens import MAX_TOKEN_DAYS


def add_service_errors(form, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form, so the typed input is kept.

    Errors about fields the form does not show become non-field errors.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = field if field in form.fields and not form.fields[field].disabled else None
        form.add_error(target, ValidationError(errors))


def time_zone_choices():
    default = _("The company's (%(zone)s)") % {"zone": settings.TIME_ZONE}
    return [("", default), *((zone, zone) for zone in sorted(zoneinfo.available_timezones()))]


class ProfileForm(forms.ModelForm):
    """What a user keeps about themselves: their name, e-mail, language and time zone."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "language", "time_zone"]
        widgets = {"time_zone": forms.Select(choices=time_zone_choices)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", _("The company's")),
            *((code, name) for code, name in settings.LANGUAGES),
        ]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “ERP order sync”."),
    )
    expires_in_days = forms.IntegerField(
        label=_("Expires after (days)"),
        min_value=1,
        max_value=MAX_TOKEN_DAYS,
        required=False,
        help_text=_("Leave empty for a token that does not expire."),
    )

    def expires_at(self):
        days = self.cleaned_data.get("expires_in_days")
        return timezone.now() + timedelta(days=days) if days else None


class NotificationPreferencesForm(forms.Form):
    """Per kind of notification: also by e-mail, also by webhook (in-app always)."""

    def __init__(self, *args, kinds, preferences, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        for kind in kinds:
            preference = preferences.get(kind.code)
            self.fields[f"email:{kind.code}"] = forms.BooleanField(
                label=_("E-mail"),
                required=False,
                initial=preference.email if preference else kind.email,
            )
            self.fields[f"webhook:{kind.code}"] = forms.BooleanField(
                label=_("Webhook"),
                required=False,
                initial=preference.webhook if preference else kind.webhook,
            )

    def rows(self):
        """(kind, e-mail field, webhook field) per kind, for the table."""
        return [
            (kind, self[f"email:{kind.code}"], self[f"webhook:{kind.code}"]) for kind in self.kinds
        ]

    def choices(self) -> dict[str, tuple[bool, bool]]:
        return {
            kind.code: (
                self.cleaned_data[f"email:{kind.code}"],
                self.cleaned_data[f"webhook:{kind.code}"],
            )
            for kind in self.kinds
        }


class WebhookForm(forms.ModelForm):
    # A URL typed without a scheme is https (Django 6's default, today).
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")

    class Meta:
        model = Webhook
        fields = ["url", "flavour", "secret", "active"]
        # The secret is never sent back to the page; empty keeps the one stored.
        widgets = {"secret": forms.PasswordInput(render_value=False)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.secret:
            self.fields["secret"].help_text = _(
                "A secret is set. Leave this empty to keep it, or type a new one."
            )

    def clean_secret(self):
        return self.cleaned_data["secret"] or (self.instance.secret if self.instance.pk else "")


class PeriodForm(forms.Form):
    """The period of a report, in the company's calendar: a quarter, a year, or two dates."""

    THIS_QUARTER, LAST_QUARTER, THIS_YEAR, LAST_12_MONTHS, CUSTOM = (
        "this_quarter",
        "last_quarter",
        "this_year",
        "last_12_months",
        "custom",
    )
    period = forms.ChoiceField(
        label=_("Period"),
        choices=[
            (THIS_QUARTER, _("This quarter")),
            (LAST_QUARTER, _("Last quarter")),
            (THIS_YEAR, _("This year")),
            (LAST_12_MONTHS, _("Last 12 months")),
            (CUSTOM, _("From – to")),
        ],
        initial=THIS_QUARTER,
        required=False,
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("period") == self.CUSTOM:
            start, end = cleaned.get("start"), cleaned.get("end")
            if not (start and end):
                raise forms.ValidationError(_("Give both dates of the period."))
            for day in (start, end):
                check_year(day)
            if end < start:
                raise forms.ValidationError(_("The period ends before it starts."))
        return cleaned

    def dates(self) -> tuple[dt.date, dt.date, str]:
        """(first day, last day, label) of the chosen period; this quarter when unbound."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        period = data.get("period") or self.THIS_QUARTER
        today = company_today()
        quarter = Quarter.of(today)
        if period == self.LAST_QUARTER:
            quarter = quarter.previous()
        if period in (self.THIS_QUARTER, self.LAST_QUARTER):
            return quarter.start, quarter.end, quarter.label
        if period == self.THIS_YEAR:
            return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31), str(today.year)
        if period == self.LAST_12_MONTHS:
            start = today - dt.timedelta(days=364)  # 365 days, today included
        else:
            start, today = data["start"], data["end"]
        return start, today, f"{start.isoformat()} – {today.isoformat()}"
