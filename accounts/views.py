"""Pages of duty 1: accounts, their stakeholders, visits, surveys and relationship plans.

Views stay thin: lists start from the selectors, single records from ``VisibleMixin``
(404 outside ``visible_to``, 403 for a record one may only read), and every write goes
through ``accounts.services``.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_GET
from django.views.generic import (
    CreateView,
    DetailView,
    FormView,
    TemplateView,
    UpdateView,
)
from django.views.generic.detail import SingleObjectMixin

from accounts import selectors, services
from accounts.filtersets import AccountFilterSet
from accounts.forms import (
    AccountForm,
    ChurnForm,
    ContactForm,
    PlanActionForm,
    RelationshipPlanForm,
    SurveyResponseForm,
    VisitForm,
)
from accounts.models import Account, Contact, PlanAction, RelationshipPlan, SurveyResponse, Visit
from accounts.panels import TIMELINE_LENGTH
from accounts.tabs import account_tabs
from kam.bounds import as_id
from kam.dates import company_today
from kam.errors import Conflict
from kam.forms import PeriodForm, add_service_errors
from kam.views import FilteredListView, MayCreateMixin, VisibleMixin, htmx_partial
from kam.visibility import CHANGE


def _visible_id(model, user, raw, action=CHANGE):
    """``raw`` as the id of a record ``user`` may act on, else None (nothing leaks)."""
    pk = as_id(raw)
    if pk is None:
        return None
    return pk if model.objects.visible_to(user, action).filter(pk=pk).exists() else None


# -- accounts -------------------------------------------------------------------------------


class AccountListView(FilteredListView):
    model = Account
    filterset_class = AccountFilterSet
    template_name = "accounts/account_list.html"
    context_object_name = "accounts"
    checkboxes = ("tier", "status")
    SORTS = selectors.ACCOUNT_SORTS
    SORT_LABELS = {
        "name": gettext_lazy("Name A–Z"),
        "-name": gettext_lazy("Name Z–A"),
        "tier": gettext_lazy("Tier"),
        "status": gettext_lazy("Status"),
        "owner": gettext_lazy("Owner"),
        "region": gettext_lazy("Region"),
        "-potential": gettext_lazy("Largest potential"),
        "potential": gettext_lazy("Smallest potential"),
        "-last_visit": gettext_lazy("Visited most recently"),
        "last_visit": gettext_lazy("Longest without a visit"),
    }
    default_sort = "name"

    def base_queryset(self):
        return selectors.accounts_for_user(self.request.user)


class AccountDetailView(VisibleMixin, DetailView):
    """The account page: a header and one section (tab) at a time, ``?tab=visits``.

    Tabs come from the ``account_tabs`` registry (duty 1's and the other apps'); their
    count badges are annotated onto the account's own query. A tab link is a plain link
    (works without JavaScript); with htmx only the section is fetched and swapped.
    """

    model = Account
    template_name = "accounts/account_detail.html"
    context_object_name = "account"

    def get_queryset(self):
        counts = {
            f"tab_count_{tab.name}": tab.count() for tab in account_tabs.panels() if tab.count
        }
        return super().get_queryset().select_related("owner").annotate(**counts)

    def get_template_names(self):
        if htmx_partial(self.request, "account-sections"):
            return ["accounts/_account_tab.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        account = self.object
        tabs = account_tabs.for_user(self.request.user)
        current = next((tab for tab in tabs if tab.name == self.request.GET.get("tab")), tabs[0])
        can_change = self.may_change(account)
        return super().get_context_data(
            can_change=can_change,
            tabs=[(tab, getattr(account, f"tab_count_{tab.name}", None)) for tab in tabs],
            tab=current,
            tab_html=current.render(self.request, account=account, can_change=can_change),
            currency=settings.KAM_CURRENCY,
            **kwargs,
        )


class AccountVisitsView(VisibleMixin, DetailView):
    """The visit timeline page by page: a full page, or (htmx) the next items to append."""

    model = Account
    context_object_name = "account"

    def get_template_names(self):
        if htmx_partial(self.request):
            return ["accounts/_visit_items.html"]
        return ["accounts/account_visits.html"]

    def get_context_data(self, **kwargs):
        account = self.object
        page = Paginator(selectors.visits_for_account(account), TIMELINE_LENGTH).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(
            visits=page.object_list,
            next_page=page.next_page_number() if page.has_next() else None,
            can_change=self.may_change(account),
            **kwargs,
        )


class ServiceFormMixin:
    """Create/update views whose ``perform`` calls a service.

    A ``ValidationError`` or ``Conflict`` from the service is shown on the form, which is
    re-rendered with what the user typed.
    """

    template_name = "accounts/form.html"
    success_message = ""
    title = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def perform(self, data):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.object = self.perform(dict(form.cleaned_data))
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except Conflict as error:
            self.handle_conflict(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())

    def handle_conflict(self, form, error):
        """A state that forbids the write: said on the form, above its fields."""
        form.add_error(None, error.message)

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_cancel_url(self):
        account = getattr(self.object, "account", None) if self.object else None
        if self.object and isinstance(self.object, Account):
            account = self.object
        return account.get_absolute_url() if account else reverse("accounts:account-list")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=self.get_title(), cancel_url=self.get_cancel_url(), **kwargs
        )

    def get_title(self):
        return self.title


class PrefillAccountMixin:
    """``?account=ID`` preselects an account the user may change, and only such an account.

    "Cancel" returns to that account's page (at ``account_tab``, the section listing such
    records), else to ``list_url_name``.
    """

    account_tab = ""
    list_url_name = ""

    def get_initial(self):
        initial = super().get_initial()
        account_id = _visible_id(Account, self.request.user, self.request.GET.get("account"))
        if account_id:
            initial["account"] = account_id
        return initial

    def get_cancel_url(self):
        account_id = self.get_initial().get("account")
        if account_id:
            url = reverse("accounts:account-detail", args=[account_id])
            return f"{url}?tab={self.account_tab}" if self.account_tab else url
        if self.list_url_name:
            return reverse(self.list_url_name)
        return super().get_cancel_url()


def account_tab_url(account, tab: str) -> str:
    """The account page opened at one section, where a saved change lands."""
    return f"{account.get_absolute_url()}?tab={tab}"


class CreateOnAccountMixin(MayCreateMixin, PrefillAccountMixin, ServiceFormMixin):
    """A record added to an account; saving returns to the account's section (``tab``)."""

    tab = "overview"

    def get_success_url(self):
        return account_tab_url(self.object.account, self.tab)


class EditOnAccountMixin(VisibleMixin, ServiceFormMixin):
    """A record of an account edited by someone who may change it; back to its section."""

    action = CHANGE
    tab = "overview"

    def get_queryset(self):
        return super().get_queryset().select_related("account")

    def get_success_url(self):
        return account_tab_url(self.object.account, self.tab)


class AccountCreateView(MayCreateMixin, ServiceFormMixin, CreateView):
    model = Account
    form_class = AccountForm
    template_name = "accounts/account_form.html"
    title = gettext_lazy("New account")
    success_message = gettext_lazy("Account “%(object)s” created.")

    def perform(self, data):
        return services.account_create(by=self.request.user, **data)

    def handle_conflict(self, form, error):
        super().handle_conflict(form, error)
        if isinstance(error, services.DuplicateAccount):
            # Ask, keeping everything typed: ticking "create it anyway" and saving goes on.
            form.duplicate_found = True
            ids = [match["id"] for match in error.extra["duplicates"]]
            form.duplicates = list(Account.objects.visible_to(self.request.user).filter(pk__in=ids))


class AccountUpdateView(VisibleMixin, ServiceFormMixin, UpdateView):
    model = Account
    action = CHANGE
    form_class = AccountForm
    template_name = "accounts/account_form.html"
    success_message = gettext_lazy("Account “%(object)s” saved.")

    def get_title(self):
        return _("Edit account")

    def perform(self, data):
        return services.account_update(account=self.object, by=self.request.user, **data)


class AccountChurnView(VisibleMixin, SingleObjectMixin, FormView):
    """Churn is a status change with a date, never a delete."""

    model = Account
    action = CHANGE
    form_class = ChurnForm
    template_name = "accounts/account_churn.html"
    context_object_name = "account"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "account": self.object}

    def form_valid(self, form):
        try:
            services.account_churn(
                account=self.object,
                by=self.request.user,
                churned_on=form.cleaned_data["churned_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except Conflict as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Account “%(name)s” marked churned.") % {"name": self.object.name}
        )
        return HttpResponseRedirect(self.object.get_absolute_url())


class AccountReactivateView(VisibleMixin, SingleObjectMixin, View):
    model = Account
    action = CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        account = self.get_object()
        try:
            services.account_reactivate(account=account, by=request.user)
        except Conflict as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Account “%(name)s” is active again.") % {"name": account.name}
            )
        return HttpResponseRedirect(account.get_absolute_url())


class AccountDeleteView(VisibleMixin, SingleObjectMixin, View):
    """Deletes an account entered by mistake; the service refuses one with history."""

    model = Account
    action = CHANGE
    template_name = "accounts/account_confirm_delete.html"

    def render(self, account, refusal=None, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "account": account,
                "blockers": services.account_delete_blockers(account),
                "refusal": refusal,
            },
            status=status,
        )

    def get(self, request, *args, **kwargs):
        return self.render(self.get_object())

    def post(self, request, *args, **kwargs):
        account = self.get_object()
        name = account.name
        try:
            services.account_delete(account=account, by=request.user)
        except Conflict as error:
            return self.render(account, refusal=error.message, status=409)
        messages.success(request, _("Account “%(name)s” deleted.") % {"name": name})
        return HttpResponseRedirect(reverse("accounts:account-list"))


# -- contacts -------------------------------------------------------------------------------


class ContactCreateView(CreateOnAccountMixin, CreateView):
    tab = "stakeholders"
    model = Contact
    form_class = ContactForm
    title = gettext_lazy("New contact")
    success_message = gettext_lazy("Contact “%(object)s” added.")

    def perform(self, data):
        return services.contact_create(by=self.request.user, **data)


class ContactUpdateView(EditOnAccountMixin, UpdateView):
    tab = "stakeholders"
    model = Contact
    form_class = ContactForm
    title = gettext_lazy("Edit contact")
    success_message = gettext_lazy("Contact “%(object)s” saved.")

    def perform(self, data):
        return services.contact_update(contact=self.object, by=self.request.user, **data)


# -- visits ---------------------------------------------------------------------------------


class VisitCreateView(CreateOnAccountMixin, CreateView):
    tab = "visits"
    model = Visit
    form_class = VisitForm
    template_name = "accounts/visit_form.html"
    title = gettext_lazy("Log a visit")
    success_message = gettext_lazy("Visit “%(object)s” logged.")

    def perform(self, data):
        contacts = data.pop("contacts")
        return services.visit_create(by=self.request.user, contacts=contacts, **data)


class VisitUpdateView(EditOnAccountMixin, UpdateView):
    tab = "visits"
    model = Visit
    form_class = VisitForm
    template_name = "accounts/visit_form.html"
    title = gettext_lazy("Edit visit")
    success_message = gettext_lazy("Visit “%(object)s” saved.")

    def perform(self, data):
        contacts = data.pop("contacts")
        return services.visit_update(
            visit=self.object, by=self.request.user, contacts=contacts, **data
        )


@login_required
@require_GET
def visit_contacts(request):
    """htmx partial: the "contacts met" checkboxes of the account chosen in the visit form."""
    form = VisitForm(user=request.user, initial={"account": request.GET.get("account")})
    return render(request, "accounts/_visit_contacts.html", {"field": form["contacts"]})


# -- surveys --------------------------------------------------------------------------------


class SurveyCreateView(CreateOnAccountMixin, CreateView):
    tab = "satisfaction"
    model = SurveyResponse
    form_class = SurveyResponseForm
    title = gettext_lazy("Record a survey response")
    success_message = gettext_lazy("Survey response recorded.")

    def perform(self, data):
        return services.survey_create(by=self.request.user, **data)


class SurveyUpdateView(EditOnAccountMixin, UpdateView):
    tab = "satisfaction"
    model = SurveyResponse
    form_class = SurveyResponseForm
    title = gettext_lazy("Edit survey response")
    success_message = gettext_lazy("Survey response saved.")

    def perform(self, data):
        return services.survey_update(survey=self.object, by=self.request.user, **data)


# -- relationship plans ---------------------------------------------------------------------


class PlanCreateView(CreateOnAccountMixin, CreateView):
    tab = "plan"
    model = RelationshipPlan
    form_class = RelationshipPlanForm
    title = gettext_lazy("New relationship plan")
    success_message = gettext_lazy("Relationship plan “%(object)s” created.")

    def perform(self, data):
        return services.relationship_plan_create(by=self.request.user, **data)


class PlanUpdateView(EditOnAccountMixin, UpdateView):
    tab = "plan"
    model = RelationshipPlan
    form_class = RelationshipPlanForm
    template_name = "accounts/plan_form.html"
    title = gettext_lazy("Edit relationship plan")
    success_message = gettext_lazy("Relationship plan “%(object)s” saved.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            plan_actions=selectors.plan_actions_for_plan(self.object),
            can_change=True,
            today=timezone.localdate(),
            **kwargs,
        )

    def perform(self, data):
        return services.relationship_plan_update(plan=self.object, by=self.request.user, **data)


class PlanActionCreateView(MayCreateMixin, ServiceFormMixin, CreateView):
    model = PlanAction
    form_class = PlanActionForm
    title = gettext_lazy("New plan action")
    success_message = gettext_lazy("Action “%(object)s” added.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            plans = RelationshipPlan.objects.visible_to(request.user).select_related("account")
            self.plan = get_object_or_404(plans, pk=kwargs["plan_pk"])
            if (
                not RelationshipPlan.objects.visible_to(request.user, CHANGE)
                .filter(pk=self.plan.pk)
                .exists()
            ):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_title(self):
        return _("New action for %(plan)s") % {"plan": self.plan}

    def get_cancel_url(self):
        return self.plan.account.get_absolute_url()

    def perform(self, data):
        return services.plan_action_create(by=self.request.user, plan=self.plan, **data)

    def get_success_url(self):
        return account_tab_url(self.plan.account, "plan")


class PlanActionUpdateView(VisibleMixin, ServiceFormMixin, UpdateView):
    model = PlanAction
    action = CHANGE
    form_class = PlanActionForm
    title = gettext_lazy("Edit plan action")
    success_message = gettext_lazy("Action “%(object)s” saved.")

    def get_queryset(self):
        return super().get_queryset().select_related("plan__account")

    def get_cancel_url(self):
        return self.object.plan.account.get_absolute_url()

    def perform(self, data):
        return services.plan_action_update(action=self.object, by=self.request.user, **data)

    def get_success_url(self):
        return account_tab_url(self.object.plan.account, "plan")


class PlanActionDoneView(VisibleMixin, SingleObjectMixin, View):
    """One tap from the account page: the action is done today."""

    model = PlanAction
    action = CHANGE
    http_method_names = ["post"]

    def get_queryset(self):
        return super().get_queryset().select_related("plan__account")

    def post(self, request, *args, **kwargs):
        action = self.get_object()
        if action.done_on is None:
            services.plan_action_update(action=action, by=request.user, done_on=company_today())
            messages.success(
                request, _("Action “%(title)s” marked done.") % {"title": action.title}
            )
        return HttpResponseRedirect(account_tab_url(action.plan.account, "plan"))


# -- reports --------------------------------------------------------------------------------


class SatisfactionReportView(LoginRequiredMixin, TemplateView):
    """The satisfaction survey report on a page, for one account or every visible one;
    the same report downloads as PDF or XLSX (``accounts.exports``)."""

    template_name = "accounts/satisfaction_report.html"
    ACCOUNTS_PER_PAGE = 50
    COMMENTS_SHOWN = 20

    def get(self, request, *args, **kwargs):
        self.period = PeriodForm(request.GET or None)
        account_id = request.GET.get("account")
        self.account = None
        if account_id:
            self.account = get_object_or_404(
                Account.objects.visible_to(request.user), pk=as_id(account_id) or 0
            )
        status = 400 if self.period.is_bound and not self.period.is_valid() else 200
        return self.render_to_response(self.get_context_data(), status=status)

    def get_context_data(self, **kwargs):
        start, end, label = self.period.dates()
        report = selectors.survey_report(
            self.request.user, start=start, end=end, account=self.account
        )
        accounts = Paginator(report["per_account"], self.ACCOUNTS_PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(
            period_form=self.period,
            period_label=label,
            report=report,
            accounts_page=accounts,
            comments=list(report["responses"].exclude(comment="")[: self.COMMENTS_SHOWN]),
            query=self.request.GET.urlencode(),
            **kwargs,
        )
