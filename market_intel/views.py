"""Pages of duty 3: competitors and their activity, market reports (and who has published
this quarter), product suggestions and R&D's decisions.

As in ``accounts.views``: lists start from ``visible_to`` through the shared FilterSets,
single records from ``VisibleMixin`` (404 outside ``visible_to``, 403 for a record one
may only read), and every write goes through ``market_intel.services``.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Q
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from accounts.models import Account
from accounts.tabs import count_of
from accounts.views import ServiceFormMixin
from kam.bounds import as_id
from kam.choices import Role
from kam.dates import Quarter
from kam.errors import Conflict
from kam.exports import export_formats
from kam.views import FilteredListView, MayCreateMixin, RecordActionView, VisibleMixin
from kam.visibility import CHANGE, VIEW
from market_intel import selectors, services
from market_intel.choices import ReportStatus
from market_intel.filtersets import (
    CompetitorFilterSet,
    MarketReportFilterSet,
    ProductSuggestionFilterSet,
)
from market_intel.forms import (
    ActivityForm,
    CompetitorForm,
    DecisionForm,
    MarketReportForm,
    SuggestionForm,
)
from market_intel.models import Competitor, CompetitorActivity, MarketReport, ProductSuggestion
from market_intel.querysets import is_rnd
from sales_plans.forms import ScopeForm

#: Activity lines on a competitor's page; the API pages through all of them.
ACTIVITY_SHOWN = 50


def shows_author(user) -> bool:
    return user.is_superuser or user.role != Role.REP


# -- competitors ----------------------------------------------------------------------------


class CompetitorListView(FilteredListView):
    model = Competitor
    filterset_class = CompetitorFilterSet
    template_name = "market_intel/competitor_list.html"
    context_object_name = "competitors"
    SORTS = {"name": ("name",), "-updated": ("-updated_at", "name")}
    SORT_LABELS = {
        "name": gettext_lazy("Name A–Z"),
        "-updated": gettext_lazy("Recently updated"),
    }
    default_sort = "name"

    def base_queryset(self):
        # The sightings the reader may see (their accounts' and the market's), not all.
        seen = CompetitorActivity.objects.visible_to(self.request.user).values("pk")
        return (
            super()
            .base_queryset()
            .annotate(activity_count=Count("activities", filter=Q(activities__in=seen)))
        )


class CompetitorDetailView(VisibleMixin, DetailView):
    model = Competitor
    template_name = "market_intel/competitor_detail.html"
    context_object_name = "competitor"

    def get_context_data(self, **kwargs):
        user = self.request.user
        competitor = self.object
        activities = (
            CompetitorActivity.objects.visible_to(user)
            .filter(competitor=competitor)
            .select_related("account", "reported_by")
            .order_by("-observed_on", "-id")
        )
        lost = competitor.opportunities.model.objects.visible_to(user).filter(competitor=competitor)
        return super().get_context_data(
            can_change=self.may_change(competitor),
            activities=list(activities[:ACTIVITY_SHOWN]),
            activity_shown=ACTIVITY_SHOWN,
            by_quarter=selectors.activity_by_quarter(user, competitor),
            accounts=selectors.competitor_accounts(user, competitor),
            deals=list(lost.select_related("account").order_by("-closed_on", "-id")[:20]),
            reports=list(
                MarketReport.objects.visible_to(user)
                .filter(competitors=competitor, status=ReportStatus.PUBLISHED)
                .select_related("author")
                .order_by("-published_at")[:10]
            ),
            **kwargs,
        )


class CompetitorCreateView(MayCreateMixin, ServiceFormMixin, CreateView):
    model = Competitor
    form_class = CompetitorForm
    template_name = "accounts/form.html"
    title = gettext_lazy("New competitor")
    success_message = gettext_lazy("Competitor “%(object)s” added.")

    def get_cancel_url(self):
        return reverse("market_intel:competitor-list")

    def perform(self, data):
        return services.competitor_create(by=self.request.user, **data)


class CompetitorUpdateView(VisibleMixin, ServiceFormMixin, UpdateView):
    model = Competitor
    action = CHANGE
    form_class = CompetitorForm
    template_name = "accounts/form.html"
    title = gettext_lazy("Edit competitor")
    success_message = gettext_lazy("Competitor “%(object)s” saved.")

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def perform(self, data):
        return services.competitor_update(competitor=self.object, by=self.request.user, **data)


class ActivityCreateView(MayCreateMixin, ServiceFormMixin, CreateView):
    """Log what a competitor did (``?competitor=`` and ``?account=`` preselect)."""

    model = CompetitorActivity
    form_class = ActivityForm
    template_name = "accounts/form.html"
    title = gettext_lazy("Log competitor activity")
    success_message = gettext_lazy("Competitor activity logged.")

    def get_initial(self):
        initial = super().get_initial()
        user = self.request.user
        for name, queryset in (
            ("competitor", Competitor.objects.visible_to(user)),
            ("account", Account.objects.visible_to(user, CHANGE)),
        ):
            pk = as_id(self.request.GET.get(name))
            if pk and queryset.filter(pk=pk).exists():
                initial[name] = pk
        return initial

    def get_cancel_url(self):
        account = self.get_initial().get("account")
        if account:
            return reverse("accounts:account-detail", args=[account]) + "?tab=competitors"
        return reverse("market_intel:competitor-list")

    def get_success_url(self):
        if self.object.account_id:
            return self.object.account.get_absolute_url() + "?tab=competitors"
        return self.object.get_absolute_url()

    def perform(self, data):
        return services.activity_create(by=self.request.user, **data)


class ActivityUpdateView(VisibleMixin, ServiceFormMixin, UpdateView):
    model = CompetitorActivity
    action = CHANGE
    form_class = ActivityForm
    template_name = "accounts/form.html"
    title = gettext_lazy("Edit competitor activity")
    success_message = gettext_lazy("Competitor activity saved.")

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def perform(self, data):
        return services.activity_update(activity=self.object, by=self.request.user, **data)


# -- market reports -------------------------------------------------------------------------


class ReportListView(FilteredListView):
    model = MarketReport
    filterset_class = MarketReportFilterSet
    template_name = "market_intel/report_list.html"
    context_object_name = "reports"
    checkboxes = ("status",)
    SORTS = {
        "-period": ("-year", "-quarter", "-published_at", "-id"),
        # Drafts (no publication) last, on every database.
        "-published": (F("published_at").desc(nulls_last=True), "-id"),
        "title": ("title", "-id"),
    }
    SORT_LABELS = {
        "-period": gettext_lazy("Latest quarter first"),
        "-published": gettext_lazy("Recently published"),
        "title": gettext_lazy("Title A–Z"),
    }
    default_sort = "-period"

    def base_queryset(self):
        return super().base_queryset().select_related("author")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            show_author=shows_author(self.request.user),
            export_formats=export_formats("market_intel.report_list"),
            **kwargs,
        )


class ReportDetailView(VisibleMixin, DetailView):
    model = MarketReport
    template_name = "market_intel/report_detail.html"
    context_object_name = "report"

    def get_queryset(self):
        return super().get_queryset().select_related("author").prefetch_related("competitors")

    def get_context_data(self, **kwargs):
        report = self.object
        mine = report.author_id == self.request.user.pk or self.request.user.is_superuser
        return super().get_context_data(
            may_edit=mine and not report.is_published,
            export_formats=export_formats("market_intel.market_report"),
            **kwargs,
        )


class ReportFormMixin(ServiceFormMixin):
    model = MarketReport
    form_class = MarketReportForm
    template_name = "accounts/form.html"

    def get_cancel_url(self):
        if self.object:
            return self.object.get_absolute_url()
        return reverse("market_intel:report-list")


class ReportCreateView(MayCreateMixin, ReportFormMixin, CreateView):
    model = MarketReport
    title = gettext_lazy("New market report")
    success_message = gettext_lazy("Draft “%(object)s” saved; publish it when it is ready.")

    def perform(self, data):
        return services.market_report_create(by=self.request.user, **data)


class ReportUpdateView(VisibleMixin, ReportFormMixin, UpdateView):
    model = MarketReport
    action = CHANGE
    title = gettext_lazy("Edit market report")
    success_message = gettext_lazy("Draft “%(object)s” saved.")

    def get_object(self, queryset=None):
        report = super().get_object(queryset)
        if report.is_published:
            raise PermissionDenied(_("A published report is read-only."))
        return report

    def perform(self, data):
        return services.market_report_update(report=self.object, by=self.request.user, **data)


class StepView(VisibleMixin, SingleObjectMixin, View):
    """POST one step of a record's life (a service); back to its page with the outcome.
    A refused step is said on the page (409 for a state that forbids it, 403 for a role)."""

    action = CHANGE
    http_method_names = ["post"]
    steps: dict = {}
    step = ""

    def post(self, request, *args, **kwargs):
        record = self.get_object()
        try:
            message = self.steps[self.step](self, record)
        except Conflict as error:
            return self.refuse(record, error.message, 409)
        except PermissionDenied as error:
            return self.refuse(record, str(error), 403)
        except ValidationError as error:
            return self.refuse(record, " ".join(error.messages), 400)
        messages.success(request, message)
        return HttpResponseRedirect(record.get_absolute_url())

    def refuse(self, record, reason, status):
        """The record's page again, saying why (``refusal``), with the error status."""
        view = self.detail_view(request=self.request, kwargs=self.kwargs)
        view.object = record
        return render(
            self.request,
            view.template_name,
            view.get_context_data(object=record, refusal=reason),
            status=status,
        )


def _publish(view, report):
    services.market_report_publish(report=report, by=view.request.user)
    return _("“%(title)s” is published.") % {"title": report.title}


class ReportPublishView(StepView):
    model = MarketReport
    detail_view = ReportDetailView
    steps = {"publish": _publish}
    step = "publish"


class ReportCoverageView(LoginRequiredMixin, TemplateView):
    """For a manager (and executives): per quarter, which reps have published a market
    report and which have not."""

    template_name = "market_intel/report_coverage.html"

    def get(self, request, *args, **kwargs):
        if request.user.role not in (Role.MANAGER, Role.EXECUTIVE, Role.ADMIN) and not (
            request.user.is_superuser
        ):
            raise PermissionDenied(_("Who has published is for managers and executives."))
        self.scope_form = ScopeForm(request.GET or None, user=request.user)
        status = 400 if self.scope_form.is_bound and not self.scope_form.is_valid() else 200
        return self.render_to_response(self.get_context_data(), status=status)

    def get_context_data(self, **kwargs):
        scope = self.scope_form.chosen()
        reps = selectors.report_coverage(
            self.request.user, scope["quarter"], team=scope.get("team"), owner=scope.get("owner")
        )
        missing = [rep for rep in reps if not rep.published]
        return super().get_context_data(
            scope_form=self.scope_form,
            scope=scope,
            reps=reps,
            missing=missing,
            **kwargs,
        )


# -- product suggestions --------------------------------------------------------------------


class SuggestionListView(FilteredListView):
    model = ProductSuggestion
    filterset_class = ProductSuggestionFilterSet
    template_name = "market_intel/suggestion_list.html"
    context_object_name = "suggestions"
    checkboxes = ("status",)
    SORTS = {
        "-created": ("-created_at", "-id"),
        "created": ("created_at", "id"),
        "-decided": ("-decided_on", "-id"),
    }
    SORT_LABELS = {
        "-created": gettext_lazy("Newest first"),
        "created": gettext_lazy("Oldest first"),
        "-decided": gettext_lazy("Recently decided"),
    }
    default_sort = "-created"

    def base_queryset(self):
        return (
            super()
            .base_queryset()
            .select_related("submitted_by", "decided_by")
            # Per row, after paging: a GROUP BY over every suggestion would come first.
            .annotate(
                account_count=count_of(ProductSuggestion.accounts.through, "productsuggestion")
            )
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        quarter = Quarter.current()
        return super().get_context_data(
            show_author=shows_author(user),
            rnd=is_rnd(user),
            quarter=quarter,
            adoption=selectors.adoption(user, quarter) if user.role == Role.REP else None,
            export_formats=export_formats("market_intel.suggestion_list"),
            **kwargs,
        )


class SuggestionDetailView(VisibleMixin, DetailView):
    model = ProductSuggestion
    template_name = "market_intel/suggestion_detail.html"
    context_object_name = "suggestion"

    def get_queryset(self):
        return super().get_queryset().select_related("submitted_by", "decided_by")

    def get_context_data(self, **kwargs):
        user = self.request.user
        suggestion = self.object
        deciding = services.may_decide(user) and not suggestion.is_decided
        return super().get_context_data(
            may_edit=(
                not suggestion.is_decided and not is_rnd(user) and self.may_change(suggestion)
            ),
            may_decide=deciding,
            may_review=deciding and suggestion.status == "submitted",
            may_reopen=suggestion.is_decided and (user.is_superuser or user.role == Role.ADMIN),
            decision_form=kwargs.pop("decision_form", None) or DecisionForm(),
            # Of the accounts, their name and tier (all an R&D member may know of them).
            accounts=list(suggestion.accounts.order_by("name").only("id", "name", "tier")),
            account_links=not is_rnd(user),
            rnd=is_rnd(user),
            history=list(
                suggestion.history.select_related("history_user").order_by("-history_date")[:20]
            ),
            export_formats=export_formats("market_intel.proposal"),
            **kwargs,
        )


class SuggestionCreateView(MayCreateMixin, ServiceFormMixin, CreateView):
    model = ProductSuggestion
    form_class = SuggestionForm
    template_name = "accounts/form.html"
    title = gettext_lazy("New product suggestion")
    success_message = gettext_lazy("Suggestion “%(object)s” sent to R&D.")

    def get_initial(self):
        initial = super().get_initial()
        pk = as_id(self.request.GET.get("account"))
        if pk and Account.objects.visible_to(self.request.user, CHANGE).filter(pk=pk).exists():
            initial["accounts"] = [pk]
        return initial

    def get_cancel_url(self):
        return reverse("market_intel:suggestion-list")

    def perform(self, data):
        return services.suggestion_create(by=self.request.user, **data)


class SuggestionUpdateView(VisibleMixin, ServiceFormMixin, UpdateView):
    model = ProductSuggestion
    action = CHANGE
    form_class = SuggestionForm
    template_name = "accounts/form.html"
    title = gettext_lazy("Edit product suggestion")
    success_message = gettext_lazy("Suggestion “%(object)s” saved.")

    def get_object(self, queryset=None):
        suggestion = super().get_object(queryset)
        if is_rnd(self.request.user):
            raise PermissionDenied(_("R&D decides suggestions; their text is the author's."))
        if suggestion.is_decided:
            raise PermissionDenied(
                _("A decided suggestion is final unless an administrator reopens it.")
            )
        return suggestion

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def perform(self, data):
        return services.suggestion_update(suggestion=self.object, by=self.request.user, **data)


def _review(view, suggestion):
    services.suggestion_review(suggestion=suggestion, by=view.request.user)
    return _("“%(title)s” is under review.") % {"title": suggestion.title}


def _reopen(view, suggestion):
    services.suggestion_reopen(suggestion=suggestion, by=view.request.user)
    return _("“%(title)s” is reopened for review.") % {"title": suggestion.title}


class SuggestionStepView(StepView):
    """Review and reopen (POST). R&D reaches suggestions it may not edit: the services
    decide who takes each step, so the page asks only that the record be visible."""

    model = ProductSuggestion
    action = VIEW
    detail_view = SuggestionDetailView
    steps = {"review": _review, "reopen": _reopen}


class SuggestionDecideView(RecordActionView):
    """POST ``decision`` and ``note``: R&D adopts or rejects the suggestion."""

    model = ProductSuggestion
    # Whoever sees it reaches the service, which says why only R&D decides (403).
    action = VIEW
    detail_view = SuggestionDetailView
    form_name = "decision_form"

    def make_form(self, suggestion):
        return DecisionForm(self.request.POST)

    def perform(self, suggestion, form):
        services.suggestion_decide(
            suggestion=suggestion,
            by=self.request.user,
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
        )
        suggestion.refresh_from_db()
        return _("“%(title)s” is %(status)s; its author is told.") % {
            "title": suggestion.title,
            "status": suggestion.get_status_display(),
        }
