"""Forms of the duty-2 pages: plans with their account lines, deals, orders, the scopes
of the funnel, board and attainment pages.

As in ``accounts.forms``, forms only validate and collect input; the views hand
``cleaned_data`` to ``sales_plans.services``. Every record offered comes from
``visible_to(user, "change")`` (or ``visible_to(user)`` for what a page reads).
"""

from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.forms import DATE_INPUT, TEXTAREA, ServiceModelForm
from accounts.models import Account
from kam.bounds import as_id
from kam.choices import Role
from kam.dates import Quarter, company_today
from kam.filters import narrow_owners
from kam.models import Team
from kam.visibility import CHANGE, assignable_owners
from market_intel.models import Competitor
from sales_plans import selectors
from sales_plans.choices import CLOSED_STAGES, OrderStatus, Stage
from sales_plans.models import Opportunity, Order, SalesPlan

QUARTER_CHOICES = [("", _("Whole year")), *((q, f"Q{q}") for q in range(1, 5))]


class NullableCheckbox(forms.CheckboxInput):
    """A checkbox for a yes/no/either filter: absent from the query is "either" (None),
    not "no", and ``1``/``true`` (the links notifications send) are "yes"."""

    TRUE, FALSE = ("1", "true", "on", "yes"), ("0", "false", "no")

    def value_from_datadict(self, data, files, name):
        if name not in data:
            return None
        value = str(data.get(name, "")).lower()
        if value in self.TRUE:
            return True
        if value in self.FALSE:
            return False
        return None

    def format_value(self, value):
        return None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["checked"] = value in (True, *self.TRUE)
        # "true": what the FilterSet's own widget (and so the XLSX export) understands.
        context["widget"]["value"] = "true"
        return context


def _owner_field(form):
    """Managers and admins choose whom a record is for; reps' records are their own."""
    if form.user.role in (Role.REP, Role.EXECUTIVE) and not form.user.is_superuser:
        del form.fields["owner"]
        return
    owners = assignable_owners(form.user)
    if form.instance.pk:
        owners = owners | get_user_model().objects.filter(pk=form.instance.owner_id)
    form.fields["owner"].queryset = owners.distinct()
    if not form.instance.pk:
        form.initial.setdefault("owner", form.user.pk)


# -- sales plans ----------------------------------------------------------------------------


class SalesPlanForm(ServiceModelForm):
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        choices=QUARTER_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Choose “Whole year” for an annual plan."),
    )

    class Meta:
        model = SalesPlan
        fields = ["owner", "year", "quarter", "target_amount", "strategy"]
        widgets = {"strategy": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A plan stays its owner's: the approval goes to their manager.
            del self.fields["owner"]
        else:
            _owner_field(self)
            if not self.is_bound:
                quarter = Quarter.current()
                self.initial.setdefault("year", quarter.year)
                self.initial.setdefault("quarter", quarter.quarter)


class PlanTargetForm(forms.Form):
    """One per-account line; the formset gives every line the same account choices."""

    # A line is optional; a line begun needs both (``clean``).
    account = forms.TypedChoiceField(label=_("Account"), coerce=int, required=False)
    target_amount = forms.DecimalField(
        label=_("Target amount"), max_digits=16, decimal_places=2, min_value=0, required=False
    )

    def __init__(self, *args, account_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].choices = [("", "—"), *account_choices]
        self.fields["target_amount"].widget.attrs.update(min=0, step="0.01")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE"):
            return cleaned
        account, amount = cleaned.get("account"), cleaned.get("target_amount")
        if account in (None, "") and amount is not None:
            self.add_error("account", _("Choose the account of this line."))
        elif account not in (None, "") and amount is None and "target_amount" not in self.errors:
            self.add_error("target_amount", _("Give this account's target."))
        return cleaned


class BasePlanTargetFormSet(forms.BaseFormSet):
    """The account lines of a plan: the accounts are read once for every line (one query,
    however many lines), and ``lines()`` hands them to the service as records."""

    def __init__(self, *args, accounts, **kwargs):
        self.accounts = {account.pk: account for account in accounts}
        self.account_choices = [(pk, account.name) for pk, account in self.accounts.items()]
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "account_choices": self.account_choices}

    @property
    def empty_form(self):
        form = super().empty_form
        form.fields["account"].choices = [("", "—"), *self.account_choices]
        return form

    def lines(self) -> list[dict]:
        lines = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or data.get("account") in (None, ""):
                continue
            lines.append(
                {"account": self.accounts[data["account"]], "target_amount": data["target_amount"]}
            )
        return lines


PlanTargetFormSet = forms.formset_factory(
    PlanTargetForm, formset=BasePlanTargetFormSet, extra=3, can_delete=True, max_num=200
)


def plan_target_accounts(user, plan=None):
    """Accounts a plan's lines may name: those the user may change and, for an existing
    plan, that its owner looks after (the service checks the same on save)."""
    accounts = Account.objects.visible_to(user, CHANGE)
    if plan is not None:
        accounts = accounts.filter(
            pk__in=Account.objects.visible_to(plan.owner, CHANGE).values("pk")
        )
    return list(accounts.only("id", "name").order_by("name", "id"))


class PlanDecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you reject the plan: say what to change."),
    )


# -- opportunities --------------------------------------------------------------------------


def _changeable_accounts(form):
    accounts = Account.objects.visible_to(form.user, CHANGE)
    form.fields["account"].queryset = accounts
    if form.instance.pk:
        # Orders point at the deal through its account: the account stays.
        form.fields["account"].disabled = True
        form.fields["account"].queryset = Account.objects.filter(pk=form.instance.account_id)


class OpportunityForm(ServiceModelForm):
    class Meta:
        model = Opportunity
        fields = [
            "account",
            "name",
            "owner",
            "stage",
            "amount",
            "opened_on",
            "expected_close_on",
            "closed_on",
            "lost_reason",
            "competitor",
        ]
        widgets = {
            "opened_on": DATE_INPUT,
            "expected_close_on": DATE_INPUT,
            "closed_on": DATE_INPUT,
            "lost_reason": TEXTAREA,
        }
        help_texts = {
            "closed_on": _("For a won or lost deal; today when left empty."),
            "lost_reason": _("Required for a lost deal."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _changeable_accounts(self)
        _owner_field(self)
        self.fields["amount"].widget.attrs.update(min=0, step="0.01")
        self.fields["competitor"].queryset = Competitor.objects.visible_to(self.user)

    def clean(self):
        cleaned = super().clean()
        # The closing date follows the stage as ``opportunity_move`` sets it (today for a
        # deal closed without one, none for an open deal), so the model's check of the
        # instance sees what will be written rather than a half-filled closing.
        if cleaned.get("stage") in CLOSED_STAGES:
            cleaned["closed_on"] = cleaned.get("closed_on") or (
                self.instance.closed_on or company_today()
            )
        elif "stage" in cleaned:
            cleaned["closed_on"] = None
        return cleaned


class OpportunityMoveForm(forms.Form):
    """The board's card form: a stage, and for a lost deal its reason."""

    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    lost_reason = forms.CharField(label=_("Lost reason"), required=False, max_length=4000)


# -- orders ---------------------------------------------------------------------------------


class OrderForm(ServiceModelForm):
    class Meta:
        model = Order
        fields = [
            "account",
            "number",
            "owner",
            "ordered_on",
            "amount",
            "promised_on",
            "delivered_on",
            "opportunity",
        ]
        widgets = {
            "ordered_on": DATE_INPUT,
            "promised_on": DATE_INPUT,
            "delivered_on": DATE_INPUT,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _changeable_accounts(self)
        _owner_field(self)
        self.fields["amount"].widget.attrs.update(min=0, step="0.01")
        account_id = as_id(self._selected("account"))
        self.fields["opportunity"].queryset = (
            Opportunity.objects.visible_to(self.user, CHANGE).filter(account_id=account_id)
            if account_id
            else Opportunity.objects.none()
        )
        self.fields["opportunity"].help_text = _("A deal of the same account, if any.")
        if not self.fields["account"].disabled:
            # Choosing another account reloads its deals (an htmx partial).
            self.fields["account"].widget.attrs.update(
                {
                    "hx-get": reverse("sales_plans:order-opportunities"),
                    "hx-trigger": "change",
                    "hx-target": "#order-opportunity",
                    "hx-swap": "outerHTML",
                }
            )
        if not self.instance.pk:
            # Delivery is recorded by moving the order along (its page), not when booking it.
            del self.fields["delivered_on"]
            if not self.is_bound:
                self.initial.setdefault("ordered_on", company_today())


class OrderTransitionForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    delivered_on = forms.DateField(
        label=_("Delivered on"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("For a delivered order."),
    )

    def __init__(self, *args, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, OrderStatus(s).label) for s in statuses]
        if not self.is_bound:
            self.initial.setdefault("delivered_on", company_today())


# -- the scope of the funnel, the board and attainment ---------------------------------------


def quarter_choices(today=None, back: int = 7, ahead: int = 1) -> list[tuple[str, str]]:
    """The quarters a report page offers: this one, ``back`` before and ``ahead`` after."""
    current = Quarter.of(today or company_today())
    quarters = [current]
    for _i in range(back):
        quarters.append(quarters[-1].previous())
    later = current
    for _i in range(ahead):
        later = later.next()
        quarters.insert(0, later)
    return [(f"{q.year}-{q.quarter}", q.label) for q in quarters]


class ScopeForm(forms.Form):
    """Whose figures a page shows, and for which quarter.

    A rep reads their own; a manager or an executive picks a team (``?team=``) or a rep
    (``?owner=``) among those ``visible_to`` them, or reads everyone they see.
    """

    quarter = forms.ChoiceField(label=_("Quarter"), required=False)
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("All")
    )
    owner = forms.ModelChoiceField(
        label=_("Rep"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("All"),
    )

    def __init__(self, *args, user, with_quarter=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if with_quarter:
            self.fields["quarter"].choices = quarter_choices()
            current = Quarter.current()
            self.initial.setdefault("quarter", f"{current.year}-{current.quarter}")
            if self.is_bound and not self.data.get("quarter"):
                # A link with a scope but no quarter (?account=, ?team=) shows this quarter,
                # and its menu must say so, or "Show" would switch to the first choice.
                self.data = self.data.copy()
                self.data["quarter"] = self.initial["quarter"]
        else:
            del self.fields["quarter"]
        if self.for_one_rep:
            del self.fields["team"], self.fields["owner"]
            return
        reps = selectors.reps_of(user)
        self.fields["team"].queryset = Team.objects.filter(pk__in=reps.values("team")).order_by(
            "name"
        )
        self.fields["owner"].queryset = reps.order_by("first_name", "last_name", "username")
        # As the lists' owner filter: past a hundred reps, not a select of 500 names.
        narrow_owners(
            self.fields["owner"], as_id(self.data.get("team")), as_id(self.data.get("owner"))
        )

    @property
    def for_one_rep(self) -> bool:
        return self.user.role == Role.REP and not self.user.is_superuser

    def clean_quarter(self):
        value = self.cleaned_data.get("quarter")
        return value or self.initial.get("quarter")

    def chosen(self) -> dict:
        """``{"quarter": Quarter, "team": Team|None, "owner": User|None}``; this quarter and
        everyone when the form is unbound or invalid (the page then shows the errors)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        raw = data.get("quarter") or self.initial.get("quarter")
        quarter = Quarter.current()
        if raw:
            year, number = (int(part) for part in raw.split("-"))
            quarter = Quarter(year, number)
        return {"quarter": quarter, "team": data.get("team"), "owner": data.get("owner")}
