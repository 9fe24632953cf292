"""Forms of the duty-1 pages.

The forms only validate and collect input; views hand ``cleaned_data`` to the services.
Every choice of a record (account, contact, owner) comes from ``visible_to(user, "change")``,
so a form can neither offer nor accept another rep's records.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Account, Contact, PlanAction, RelationshipPlan, SurveyResponse, Visit
from kam.bounds import BoundedDateTimeField, BoundedModelMultipleChoiceField, as_id
from kam.choices import Role
from kam.visibility import CHANGE, assignable_owners

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TEXTAREA = forms.Textarea(attrs={"rows": 3})


def changeable_accounts(user):
    return Account.objects.visible_to(user, CHANGE)


def changeable_contacts(user, account_id):
    """Contacts of one account the user may change; none when no account is chosen."""
    account_id = as_id(account_id)
    if account_id is None:
        return Contact.objects.none()
    return Contact.objects.visible_to(user, CHANGE).filter(account_id=account_id)


def bound_number_input(field, model_field) -> None:
    """Give a number input its model field's bounds, so the browser refuses what the server
    would (a year said 0–32767 in the browser, but 2000–2100 on save)."""
    if not isinstance(field, forms.IntegerField | forms.DecimalField):
        return
    for validator in (*model_field.validators, *field.validators):
        if isinstance(validator, MinValueValidator):
            limit = validator.limit_value
            field.widget.attrs["min"] = max(limit, field.widget.attrs.get("min", limit))
        elif isinstance(validator, MaxValueValidator):
            limit = validator.limit_value
            field.widget.attrs["max"] = min(limit, field.widget.attrs.get("max", limit))


class ServiceModelForm(forms.ModelForm):
    """A ModelForm bound to the requesting user; ``save`` is never used (services write)."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        model_fields = {field.name: field for field in self._meta.model._meta.get_fields()}
        for name, field in self.fields.items():
            if name in model_fields:
                bound_number_input(field, model_fields[name])

    def save(self, commit=True):  # pragma: no cover - guard against bypassing services
        raise NotImplementedError("Write through accounts.services instead.")

    def _selected(self, name):
        """The raw id chosen for field ``name``: the posted one, else the initial one.

        A ModelForm's initial data holds the instance's values, so editing is covered.
        """
        if self.is_bound and not self.fields[name].disabled:
            return self.data.get(self.add_prefix(name))
        value = self.initial.get(name)
        return getattr(value, "pk", value)


class AccountForm(ServiceModelForm):
    confirm_duplicate = forms.BooleanField(
        label=_("Yes, create it: it is another company"), required=False
    )

    class Meta:
        model = Account
        fields = [
            "name",
            "code",
            "industry",
            "tier",
            "owner",
            "status",
            "customer_since",
            "region",
            "annual_potential",
        ]
        widgets = {"customer_since": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user.role in (Role.REP, Role.EXECUTIVE):
            # Only managers reassign accounts; a rep's new account is their own.
            del self.fields["owner"]
        else:
            owners = assignable_owners(self.user)
            if self.instance.pk:
                owners = owners | get_user_model().objects.filter(pk=self.instance.owner_id)
            self.fields["owner"].queryset = owners.distinct()
            if not self.instance.pk:
                self.initial.setdefault("owner", self.user.pk)
        #: Set by the view when the service found the company already: the form then asks.
        self.duplicate_found = False
        if self.instance.pk:
            del self.fields["confirm_duplicate"]
        # Churn has its own form with a date; here a churned account keeps its status.
        status = self.fields["status"]
        if self.instance.status != "churned":
            status.choices = [c for c in status.choices if c[0] != "churned"]


class ChurnForm(forms.Form):
    churned_on = forms.DateField(label=_("Churned on"), widget=DATE_INPUT)

    def __init__(self, *args, account, **kwargs):
        self.account = account
        kwargs.setdefault("initial", {"churned_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class ContactForm(ServiceModelForm):
    class Meta:
        model = Contact
        fields = [
            "account",
            "name",
            "title",
            "email",
            "phone",
            "buying_role",
            "influence",
            "sentiment",
            "reports_to",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = changeable_accounts(self.user)
        self.fields["influence"].widget.attrs.update(min=1, max=5)
        if self.instance.pk:
            # The account of an existing contact does not change: its map would break.
            self.fields["account"].disabled = True
        bosses = changeable_contacts(self.user, self._selected("account"))
        if self.instance.pk:
            bosses = bosses.exclude(pk=self.instance.pk)
        self.fields["reports_to"].queryset = bosses


class VisitForm(ServiceModelForm):
    contacts = BoundedModelMultipleChoiceField(
        queryset=Contact.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Contacts met"),
    )

    class Meta:
        model = Visit
        fields = [
            "account",
            "visited_at",
            "kind",
            "purpose",
            "summary",
            "next_steps",
            "follow_up_on",
            "contacts",
        ]
        field_classes = {"visited_at": BoundedDateTimeField}
        widgets = {
            "visited_at": DATETIME_INPUT,
            "follow_up_on": DATE_INPUT,
            "summary": TEXTAREA,
            "next_steps": TEXTAREA,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        accounts = changeable_accounts(self.user)
        if self.instance.pk:
            accounts = Account.objects.visible_to(self.user, CHANGE)
        self.fields["account"].queryset = accounts
        # Choosing another account reloads the "contacts met" checkboxes (an htmx partial).
        self.fields["account"].widget.attrs.update(
            {
                "hx-get": reverse("accounts:visit-contacts"),
                "hx-trigger": "change",
                "hx-target": "#visit-contacts",
                "hx-swap": "outerHTML",
            }
        )
        self.fields["contacts"].queryset = changeable_contacts(self.user, self._selected("account"))
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault(
                "visited_at", timezone.localtime().replace(second=0, microsecond=0)
            )


class SurveyResponseForm(ServiceModelForm):
    class Meta:
        model = SurveyResponse
        fields = ["account", "contact", "received_on", "score", "nps", "source", "comment"]
        widgets = {"received_on": DATE_INPUT, "comment": TEXTAREA}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = Account.objects.visible_to(self.user, CHANGE)
        self.fields["contact"].queryset = changeable_contacts(self.user, self._selected("account"))
        self.fields["score"].widget.attrs.update(min=1, max=5)
        self.fields["nps"].widget.attrs.update(min=0, max=10)
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("received_on", timezone.localdate())


class RelationshipPlanForm(ServiceModelForm):
    class Meta:
        model = RelationshipPlan
        fields = ["account", "year", "quarter", "objectives", "status"]
        widgets = {"objectives": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = Account.objects.visible_to(self.user, CHANGE)
        if self.instance.pk:
            self.fields["account"].disabled = True
        elif not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year)


class PlanActionForm(ServiceModelForm):
    class Meta:
        model = PlanAction
        fields = ["title", "owner", "due_on", "done_on"]
        widgets = {"due_on": DATE_INPUT, "done_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        owners = assignable_owners(self.user)
        if self.instance.pk:
            owners = owners | get_user_model().objects.filter(pk=self.instance.owner_id)
        self.fields["owner"].queryset = owners.distinct()
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("owner", self.user.pk)
