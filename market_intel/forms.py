"""Forms of the duty-3 pages. As elsewhere, forms validate and collect input; the views
hand ``cleaned_data`` to ``market_intel.services``, and every record offered comes from
``visible_to(user)`` (``"change"`` for what is linked to)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import DATE_INPUT, TEXTAREA, ServiceModelForm
from accounts.models import Account
from kam.dates import Quarter, company_today
from kam.visibility import CHANGE
from market_intel.choices import SuggestionStatus
from market_intel.models import Competitor, CompetitorActivity, MarketReport, ProductSuggestion


class CompetitorForm(ServiceModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Competitor
        fields = ["name", "website", "strengths", "weaknesses", "pricing_notes"]
        widgets = {"strengths": TEXTAREA, "weaknesses": TEXTAREA, "pricing_notes": TEXTAREA}


class ActivityForm(ServiceModelForm):
    class Meta:
        model = CompetitorActivity
        fields = ["competitor", "account", "observed_on", "kind", "details"]
        widgets = {"observed_on": DATE_INPUT, "details": TEXTAREA}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competitor"].queryset = Competitor.objects.visible_to(self.user)
        self.fields["account"].queryset = Account.objects.visible_to(self.user, CHANGE)
        self.fields["account"].empty_label = _("The market at large")
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("observed_on", company_today())


class MarketReportForm(ServiceModelForm):
    period = forms.ChoiceField(label=_("Quarter"))

    class Meta:
        model = MarketReport
        fields = ["title", "summary", "body", "competitors"]
        widgets = {
            "summary": TEXTAREA,
            "body": forms.Textarea(attrs={"rows": 16}),
            "competitors": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competitors"].queryset = Competitor.objects.visible_to(self.user)
        current = Quarter.current()
        quarters = [current.previous(), current, current.next()]
        if self.instance.pk:
            own = Quarter(self.instance.year, self.instance.quarter)
            if own not in quarters:
                quarters.insert(0, own)
        self.fields["period"].choices = [(f"{q.year}-{q.quarter}", q.label) for q in quarters]
        self.initial.setdefault(
            "period",
            f"{self.instance.year}-{self.instance.quarter}"
            if self.instance.pk
            else f"{current.year}-{current.quarter}",
        )
        self.order_fields(["title", "period", "summary", "body", "competitors"])

    def clean(self):
        cleaned = super().clean()
        period = cleaned.pop("period", None)
        if period:
            year, quarter = (int(part) for part in period.split("-"))
            cleaned["year"], cleaned["quarter"] = year, quarter
        return cleaned


class SuggestionForm(ServiceModelForm):
    class Meta:
        model = ProductSuggestion
        fields = ["title", "description", "accounts"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        accounts = self.fields["accounts"]
        accounts.queryset = Account.objects.visible_to(self.user, CHANGE).order_by("name")
        accounts.help_text = _("The accounts that asked for it (hold Ctrl or ⌘ for several).")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (SuggestionStatus.ADOPTED, SuggestionStatus.ADOPTED.label),
            (SuggestionStatus.REJECTED, SuggestionStatus.REJECTED.label),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=TEXTAREA,
        help_text=_("What happens next, or why not (required to reject)."),
    )
