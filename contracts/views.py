"""Pages of duty 6: the contract ledger, a contract with its versions, negotiation rounds,
reviews and history, the forms that move it, and the review queue of legal and finance.

As in ``accounts.views``: lists start from ``visible_to`` through the shared FilterSet,
single records from ``VisibleMixin`` (404 outside ``visible_to``, 403 for a record one may
only read), and every write goes through ``contracts.services``. A reviewing department
reads of the account its name and tier only: the pages never link them to it.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, FormView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from accounts.views import PrefillAccountMixin, ServiceFormMixin
from contracts import selectors, services
from contracts.choices import FINAL, OPEN_TERMS, UNDER_REVIEW, ContractStatus, Decision
from contracts.diff import diff_counts, line_diff
from contracts.filtersets import ContractFilterSet, ContractReviewFilterSet
from contracts.forms import (
    ContractForm,
    DecisionForm,
    NegotiationForm,
    RenewForm,
    SubmitForm,
    TransitionForm,
    VersionForm,
)
from contracts.models import Contract, ContractReview, ContractVersion, NegotiationRecord
from kam.choices import Role
from kam.errors import Conflict
from kam.exports import export_formats
from kam.forms import add_service_errors
from kam.views import FilteredListView, MayCreateMixin, RecordActionView, VisibleMixin
from kam.visibility import CHANGE, VIEW
from sales_plans.views import shows_owner

#: History entries shown on a contract's page.
HISTORY_SHOWN = 100


def is_department(user) -> bool:
    return user.role == Role.DEPARTMENT and not user.is_superuser


# -- the ledger -------------------------------------------------------------------------------


class ContractListView(FilteredListView):
    """The contract ledger (合同台账): every visible contract with its value, term, status,
    renewal date and review state; an account's contracts with ``?account=``."""

    model = Contract
    filterset_class = ContractFilterSet
    template_name = "contracts/contract_list.html"
    context_object_name = "contracts"
    checkboxes = ("status", "review_state")
    SORTS = {
        "ends": ("ends_on", "id"),
        "-created": ("-created_at", "-id"),
        "-value": ("-value", "-id"),
        "number": ("number", "id"),
        "account": ("account__name", "ends_on", "id"),
    }
    SORT_LABELS = {
        "ends": gettext_lazy("Ending soonest"),
        "-created": gettext_lazy("Newest first"),
        "-value": gettext_lazy("Largest value"),
        "number": gettext_lazy("Contract number"),
        "account": gettext_lazy("Account A–Z"),
    }
    default_sort = "-created"

    def base_queryset(self):
        return super().base_queryset().select_related("account", "owner", "latest_version")

    def get_context_data(self, **kwargs):
        user = self.request.user
        data = getattr(self.filterset.form, "cleaned_data", None) or {}
        return super().get_context_data(
            department_view=is_department(user),
            show_owner=shows_owner(user) and not is_department(user),
            filtered_account=data.get("account"),
            export_formats=export_formats("contracts.ledger"),
            **kwargs,
        )


# -- one contract -----------------------------------------------------------------------------


class ContractDetailView(VisibleMixin, DetailView):
    model = Contract
    template_name = "contracts/contract_detail.html"
    context_object_name = "contract"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("account", "owner", "latest_version", "renewal_of")
        )

    def get_context_data(self, **kwargs):
        contract = self.object
        user = self.request.user
        can_change = self.may_change(contract)
        statuses = services.next_statuses(contract) if can_change else []
        page = selectors.contract_page(user, contract)
        my_review = next(
            (
                review
                for review in page["current_reviews"]
                if review.is_open and services.may_decide(user, review)
            ),
            None,
        )
        context = {
            **page,
            "can_change": can_change,
            "account_side": not is_department(user),
            "statuses": statuses,
            "transition_form": TransitionForm(statuses=statuses) if statuses else None,
            "submit_form": SubmitForm()
            if can_change and contract.status in OPEN_TERMS and contract.latest_version_id
            else None,
            "renew_form": RenewForm(initial={"number": f"{contract.number}-R"})
            if can_change and contract.status in (ContractStatus.SIGNED, ContractStatus.EXPIRED)
            else None,
            "my_review": my_review,
            "decision_form": DecisionForm() if my_review else None,
            "may_add_version": can_change and services.takes_versions(contract),
            "may_negotiate": can_change and contract.status not in FINAL,
            "export_formats": export_formats("contracts.negotiation"),
            "history_shown": HISTORY_SHOWN,
        }
        context.update(kwargs)
        return super().get_context_data(**context)


class ContractActionView(RecordActionView):
    """POST one step of a contract from its page (``RecordActionView``)."""

    model = Contract
    detail_view = ContractDetailView


class ContractTransitionView(ContractActionView):
    form_name = "transition_form"

    def make_form(self, contract):
        # Any status is posted on to the service, which names what the contract may become.
        return TransitionForm(self.request.POST, statuses=ContractStatus.values)

    def render_detail(self, contract, form, status=200, **context):
        allowed = services.next_statuses(Contract.objects.get(pk=contract.pk))
        form.fields["status"].choices = [
            choice for choice in form.fields["status"].choices if choice[0] in allowed
        ]
        return super().render_detail(contract, form, status, **context)

    def perform(self, contract, form):
        data = form.cleaned_data
        contract = services.contract_transition(
            contract=contract,
            to_status=data["status"],
            by=self.request.user,
            note=data["note"],
            signed_on=data["signed_on"],
        )
        return _("Contract %(number)s is now %(status)s.") % {
            "number": contract.number,
            "status": contract.get_status_display(),
        }


class ContractSubmitView(ContractActionView):
    form_name = "submit_form"

    def make_form(self, contract):
        return SubmitForm(self.request.POST)

    def perform(self, contract, form):
        reviews = services.contract_submit_for_review(
            contract=contract, by=self.request.user, note=form.cleaned_data["note"]
        )
        return _("Sent for review to %(departments)s.") % {
            "departments": ", ".join(str(review.department) for review in reviews)
        }


class ContractRenewView(ContractActionView):
    form_name = "renew_form"

    def make_form(self, contract):
        return RenewForm(self.request.POST)

    def perform(self, contract, form):
        self.renewal = services.contract_renew(
            contract=contract, by=self.request.user, **form.cleaned_data
        )
        return _("Renewal %(number)s started as a draft.") % {"number": self.renewal.number}

    def success_url(self, contract):
        return self.renewal.get_absolute_url()


class ReviewDecideView(RecordActionView):
    """A reviewing department's decision, posted from the contract's page."""

    model = ContractReview
    detail_view = ContractDetailView
    form_name = "decision_form"

    def make_form(self, review):
        return DecisionForm(self.request.POST)

    def perform(self, review, form):
        services.review_decide(review=review, by=self.request.user, **form.cleaned_data)
        return _("Your decision on %(contract)s is recorded: %(decision)s.") % {
            "contract": review.contract.number,
            "decision": Decision(form.cleaned_data["decision"]).label,
        }

    def success_url(self, review):
        return review.contract.get_absolute_url()

    def render_detail(self, review, form, status=200, **context):
        return super().render_detail(review.contract, form, status, **context)


class ContractCreateView(MayCreateMixin, PrefillAccountMixin, ServiceFormMixin, CreateView):
    model = Contract
    form_class = ContractForm
    template_name = "accounts/form.html"
    title = gettext_lazy("New contract")
    success_message = gettext_lazy("Contract “%(object)s” created as a draft.")
    account_tab = "contracts"
    list_url_name = "contracts:contract-list"

    def perform(self, data):
        return services.contract_create(by=self.request.user, **data)


class ContractUpdateView(VisibleMixin, ServiceFormMixin, UpdateView):
    model = Contract
    action = CHANGE
    form_class = ContractForm
    template_name = "accounts/form.html"
    title = gettext_lazy("Edit contract")
    success_message = gettext_lazy("Contract “%(object)s” saved.")

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def perform(self, data):
        changed = {name: data[name] for name in self.get_form().changed_data if name in data}
        return services.contract_update(contract=self.object, by=self.request.user, **changed)

    def get_form(self, form_class=None):
        if not hasattr(self, "_form"):
            self._form = super().get_form(form_class)
        return self._form


# -- versions ---------------------------------------------------------------------------------


class VersionCreateView(VisibleMixin, SingleObjectMixin, FormView):
    """The next version: a file, or the previous text edited, or both."""

    model = Contract
    action = CHANGE
    form_class = VersionForm
    template_name = "contracts/version_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        latest = self.object.latest_version
        return {"body": latest.body if latest else ""}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            contract=self.object,
            title=_("New version of %(number)s") % {"number": self.object.number},
            cancel_url=self.object.get_absolute_url(),
            reopens_review=self.object.status in UNDER_REVIEW,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            version = services.version_add(
                contract=self.object, by=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except Conflict as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form), status=409)
        messages.success(self.request, _("Version %(no)d added.") % {"no": version.version_no})
        return HttpResponseRedirect(version.get_absolute_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class VersionDetailView(VisibleMixin, DetailView):
    """A version's text, and what changed from the version before."""

    model = ContractVersion
    template_name = "contracts/version_detail.html"
    context_object_name = "version"

    def get_queryset(self):
        return super().get_queryset().select_related("contract__account", "created_by")

    def get_context_data(self, **kwargs):
        version = self.object
        previous = (
            ContractVersion.objects.filter(
                contract_id=version.contract_id, version_no__lt=version.version_no
            )
            .order_by("-version_no")
            .first()
        )
        hunks = (
            line_diff(previous.body, version.body)
            if previous and (previous.body or version.body)
            else []
        )
        return super().get_context_data(
            contract=version.contract,
            previous=previous,
            hunks=hunks,
            counts=diff_counts(hunks),
            account_side=not is_department(self.request.user),
            **kwargs,
        )


def version_file(request, pk):
    """A version's file, to whoever sees the contract (never a public media URL)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    version = get_object_or_404(ContractVersion.objects.visible_to(request.user, VIEW), pk=pk)
    if not version.file:
        raise Http404
    kind = services.file_kind(version)
    return FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=version.file_name
        or f"{version.contract.number}-v{version.version_no}.{kind.extension}",
        content_type=kind.content_type,
    )


# -- negotiation --------------------------------------------------------------------------


class NegotiationCreateView(VisibleMixin, SingleObjectMixin, ServiceFormMixin, FormView):
    model = Contract
    action = CHANGE
    form_class = NegotiationForm
    template_name = "accounts/form.html"
    title = gettext_lazy("New negotiation round")
    success_message = gettext_lazy("Negotiation round of %(object)s recorded.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def get_success_url(self):
        return self.record.get_absolute_url()

    def perform(self, data):
        self.record = services.negotiation_add(contract=self.object, by=self.request.user, **data)
        return self.object

    def get_title(self):
        return _("New negotiation round of %(number)s") % {"number": self.object.number}


class NegotiationUpdateView(VisibleMixin, ServiceFormMixin, UpdateView):
    model = NegotiationRecord
    action = CHANGE
    form_class = NegotiationForm
    template_name = "accounts/form.html"
    title = gettext_lazy("Edit negotiation round")
    success_message = gettext_lazy("%(object)s saved.")

    def get_queryset(self):
        return super().get_queryset().select_related("contract")

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def perform(self, data):
        return services.negotiation_update(record=self.object, by=self.request.user, **data)


# -- the review queue -------------------------------------------------------------------------


class ReviewQueueView(FilteredListView):
    """Legal's or finance's reviews: waiting ones first, oldest request first."""

    model = ContractReview
    filterset_class = ContractReviewFilterSet
    template_name = "contracts/review_list.html"
    context_object_name = "reviews"
    checkboxes = ("decision",)
    default_filters = {"open": ["true"]}
    SORTS = {
        "requested": ("requested_at", "id"),
        "-requested": ("-requested_at", "-id"),
        "-decided": ("-decided_at", "-id"),
    }
    SORT_LABELS = {
        "requested": gettext_lazy("Oldest request first"),
        "-requested": gettext_lazy("Newest request first"),
        "-decided": gettext_lazy("Recently decided"),
    }
    default_sort = "requested"

    def base_queryset(self):
        return (
            super()
            .base_queryset()
            .select_related("contract__account", "version", "department", "reviewer")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(department_view=is_department(self.request.user), **kwargs)
