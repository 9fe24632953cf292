"""Forms of the duty-6 pages. As elsewhere, forms validate and collect input; the views
hand ``cleaned_data`` to ``contracts.services``, and every record offered comes from
``visible_to(user, "change")``."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.forms import DATE_INPUT, TEXTAREA, ServiceModelForm
from accounts.models import Account
from contracts.choices import DECISIONS, OPEN_TERMS, ContractStatus
from contracts.models import Contract, NegotiationRecord
from contracts.services import FILE_KINDS, TERMS
from kam.dates import company_today
from kam.visibility import CHANGE, assignable_owners

FILE_ACCEPT = ",".join(f".{kind}" for kind in FILE_KINDS)
BODY_INPUT = forms.Textarea(attrs={"rows": 14})


def file_field(**kwargs) -> forms.FileField:
    return forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": FILE_ACCEPT}),
        help_text=_("PDF or Word (DOCX). Shown again after an error: choose the file anew."),
        **kwargs,
    )


class ContractForm(ServiceModelForm):
    """A new contract (with its first version's text or file), or its title, owner and,
    while a draft or negotiated, its terms."""

    body = forms.CharField(label=_("Text"), required=False, widget=BODY_INPUT)
    file = file_field()
    change_summary = forms.CharField(label=_("Note on this version"), required=False)

    class Meta:
        model = Contract
        fields = [
            "account",
            "number",
            "title",
            "owner",
            "value",
            "currency",
            "starts_on",
            "ends_on",
        ]
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        owner.queryset = assignable_owners(self.user)
        owner.required = False
        owner.empty_label = _("Me, or the account's owner")
        if self.instance.pk:
            for name in ("account", "body", "file", "change_summary"):
                del self.fields[name]
            # The current owner stays a choice (a rep who moved team, say).
            owner.queryset = owner.queryset | get_user_model().objects.filter(
                pk=self.instance.owner_id
            )
            if self.instance.status not in OPEN_TERMS:
                for name in TERMS:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _(
                        "Fixed as reviewed: take the contract back to negotiation to change it."
                    )
        else:
            self.fields["account"].queryset = Account.objects.visible_to(self.user, CHANGE)
            self.fields["body"].help_text = _(
                "The contract's text becomes version 1 (or upload its file, or both; either "
                "can come later)."
            )
            if not self.is_bound:
                today = company_today()
                self.initial.setdefault("starts_on", today)
                self.initial.setdefault("ends_on", today.replace(year=today.year + 1))

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and cleaned.get("owner") is None:
            cleaned.pop("owner", None)
        return cleaned


class VersionForm(forms.Form):
    file = file_field()
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=BODY_INPUT,
        help_text=_("Edit the previous version's text; the page shows what changed."),
    )
    change_summary = forms.CharField(label=_("What changed"), required=False, widget=TEXTAREA)


class NegotiationForm(ServiceModelForm):
    class Meta:
        model = NegotiationRecord
        fields = ["held_on", "participants", "topics", "concessions", "outcome", "next_steps"]
        widgets = {
            "held_on": DATE_INPUT,
            "participants": TEXTAREA,
            "topics": TEXTAREA,
            "concessions": TEXTAREA,
            "outcome": TEXTAREA,
            "next_steps": TEXTAREA,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].help_text = _("Who took part, on both sides.")
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("held_on", company_today())


class TransitionForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    signed_on = forms.DateField(
        label=_("Signed on"), required=False, widget=DATE_INPUT, help_text=_("When signing.")
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=TEXTAREA,
        help_text=_("Why (required to terminate)."),
    )

    def __init__(self, *args, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status, ContractStatus(status).label) for status in statuses
        ]
        if not self.is_bound:
            self.initial.setdefault("signed_on", company_today())


class SubmitForm(forms.Form):
    note = forms.CharField(label=_("Note to the reviewers"), required=False, widget=TEXTAREA)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(decision.value, decision.label) for decision in DECISIONS],
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Comments"),
        required=False,
        widget=TEXTAREA,
        help_text=_("What must change, or why not (required unless you approve)."),
    )


class RenewForm(forms.Form):
    number = forms.CharField(label=_("Number of the renewal"), max_length=40)
    note = forms.CharField(label=_("Note"), required=False, widget=TEXTAREA)
