"""Pages of duty 2: sales plans and their approval, the funnel (board, figures) and orders.

As in ``accounts.views``: lists start from ``visible_to`` through the shared FilterSets,
single records from ``VisibleMixin`` (404 outside ``visible_to``, 403 for a record one
may only read), and every write goes through ``sales_plans.services``. A ``Conflict``
(a step the record's state forbids) is said on the page, with a 409 when it answers a
plain POST.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_GET
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from accounts.views import PrefillAccountMixin, ServiceFormMixin
from kam.bounds import as_id
from kam.choices import Role
from kam.dates import company_today
from kam.errors import Conflict
from kam.exports import export_formats
from kam.forms import add_service_errors
from kam.pagination import page_summary, summarized_page
from kam.summaries import for_reader
from kam.views import FilteredListView, MayCreateMixin, VisibleMixin, htmx_partial
from kam.visibility import CHANGE, may_create
from sales_plans import selectors, services
from sales_plans.choices import OrderStatus, SalesPlanStatus, Stage
from sales_plans.filtersets import OpportunityFilterSet, OrderFilterSet, SalesPlanFilterSet
from sales_plans.forms import (
    NullableCheckbox,
    OpportunityForm,
    OpportunityMoveForm,
    OrderForm,
    OrderTransitionForm,
    PlanDecisionForm,
    PlanTargetFormSet,
    SalesPlanForm,
    ScopeForm,
    plan_target_accounts,
)
from sales_plans.models import Opportunity, Order, SalesPlan

#: Cards per board column; the opportunity list has the rest.
BOARD_CARDS = 20


class SalesListView(FilteredListView):
    """A sales list, also shown narrowed to one account (from the account page's tab)."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(filtered_account=self.filtered_account(), **kwargs)

    def filtered_account(self):
        """The account the list is narrowed to (``?account=`` from its tab), to name it."""
        data = getattr(self.filterset.form, "cleaned_data", None) or {}
        return data.get("account")


def shows_owner(user) -> bool:
    """Whether lists show an owner column and filter: not for a rep, who sees their own."""
    return user.is_superuser or user.role != Role.REP


# -- sales plans ----------------------------------------------------------------------------


class PlanListView(SalesListView):
    """A rep's plans; a manager's team's plans, the ones waiting for their decision first."""

    model = SalesPlan
    filterset_class = SalesPlanFilterSet
    template_name = "sales_plans/plan_list.html"
    context_object_name = "plans"
    SORTS = {"period": ("-year", "-quarter", "owner__first_name", "id")}
    default_sort = "period"
    checkboxes = ("status",)

    def base_queryset(self):
        return super().base_queryset().select_related("owner")

    def order(self, queryset):
        waiting = Case(
            When(
                status=SalesPlanStatus.SUBMITTED,
                owner__team__manager=self.request.user,
                then=Value(0),
            ),
            default=Value(1),
            output_field=IntegerField(),
        )
        return queryset.annotate(waiting_first=waiting).order_by(
            "waiting_first", "-year", "-quarter", "owner__first_name", "owner__last_name", "id"
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(show_owner=shows_owner(self.request.user), **kwargs)


class PlanFormMixin(ServiceFormMixin):
    """A plan's figures and, in a formset, its per-account lines: both are checked, and
    the service writes them together (what was typed stays when either is refused)."""

    model = SalesPlan
    form_class = SalesPlanForm
    template_name = "sales_plans/plan_form.html"

    def target_accounts(self):
        return plan_target_accounts(self.request.user)

    def initial_lines(self):
        return []

    def get_formset(self):
        data = self.request.POST if self.request.method == "POST" else None
        return PlanTargetFormSet(
            data, prefix="targets", initial=self.initial_lines(), accounts=self.target_accounts()
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", getattr(self, "formset", None) or self.get_formset())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if self.model_is_saved else None
        form = self.get_form()
        self.formset = self.get_formset()
        # Both are checked, so both report their errors at once.
        form_valid, lines_valid = form.is_valid(), self.formset.is_valid()
        if not (form_valid and lines_valid):
            return self.form_invalid(form)
        return self.form_valid(form)

    def perform(self, data):
        return self.write(data, self.formset.lines())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form, formset=self.formset))

    def get_cancel_url(self):
        return self.object.get_absolute_url() if self.object else reverse("sales_plans:plan-list")


class PlanCreateView(MayCreateMixin, PlanFormMixin, CreateView):
    model = SalesPlan
    model_is_saved = False
    title = gettext_lazy("New sales plan")
    success_message = gettext_lazy("Sales plan “%(object)s” created.")

    def write(self, data, lines):
        return services.sales_plan_create(by=self.request.user, targets=lines, **data)


class PlanUpdateView(VisibleMixin, PlanFormMixin, UpdateView):
    model = SalesPlan
    model_is_saved = True
    action = CHANGE
    title = gettext_lazy("Edit sales plan")
    success_message = gettext_lazy("Sales plan “%(object)s” saved.")

    def get_queryset(self):
        return super().get_queryset().select_related("owner")

    def target_accounts(self):
        return plan_target_accounts(self.request.user, self.object)

    def initial_lines(self):
        return [
            {"account": line.account_id, "target_amount": line.target_amount}
            for line in self.object.targets.order_by("account__name", "id")
        ]

    def write(self, data, lines):
        return services.sales_plan_update(
            plan=self.object, by=self.request.user, targets=lines, **data
        )


class PlanDetailView(VisibleMixin, DetailView):
    """Target against the orders so far, per account line; the decision and the history."""

    model = SalesPlan
    template_name = "sales_plans/plan_detail.html"
    context_object_name = "plan"
    HISTORY_SHOWN = 30

    def get_queryset(self):
        return super().get_queryset().select_related("owner__team", "approved_by")

    def get_context_data(self, **kwargs):
        plan = self.object
        user = self.request.user
        can_change = self.may_change(plan)
        # Only the owner (or an administrator) submits and revises: ``_check_own_plan``.
        owner_acts = can_change and (
            user.pk == plan.owner_id or user.is_superuser or user.role == "admin"
        )
        history = list(
            plan.history.select_related("history_user").order_by("-history_date", "-history_id")[
                : self.HISTORY_SHOWN
            ]
        )
        context = {
            "attainment": selectors.plan_attainment(plan),
            "history": history,
            "can_edit": can_change and plan.is_editable,
            "can_submit": owner_acts and plan.is_editable,
            "can_revise": owner_acts and plan.status == SalesPlanStatus.APPROVED,
            "can_decide": (
                plan.status == SalesPlanStatus.SUBMITTED and services.may_decide(user, plan)
            ),
            "decision_form": kwargs.pop("decision_form", None) or PlanDecisionForm(),
            "export_formats": export_formats("sales_plans.sales_plan"),
            **kwargs,
        }
        return super().get_context_data(**context)


class PlanStepView(VisibleMixin, SingleObjectMixin, View):
    """submit / approve / reject / revise: one POST each, the service decides."""

    model = SalesPlan
    action = CHANGE
    http_method_names = ["post"]
    step = ""
    MESSAGES = {
        "submit": gettext_lazy("Plan submitted for approval."),
        "approve": gettext_lazy("Plan approved."),
        "reject": gettext_lazy("Plan rejected; its owner has been told why."),
        "revise": gettext_lazy("A new revision of the plan is open as a draft."),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("owner__team", "approved_by")

    def post(self, request, *args, **kwargs):
        plan = self.get_object()
        form = PlanDecisionForm(request.POST)
        form.is_valid()
        comment = form.cleaned_data.get("comment", "")
        try:
            if self.step == "submit":
                services.sales_plan_submit(plan=plan, by=request.user)
            elif self.step == "approve":
                services.sales_plan_approve(plan=plan, by=request.user, comment=comment)
            elif self.step == "reject":
                services.sales_plan_reject(plan=plan, by=request.user, comment=comment)
            else:
                services.sales_plan_revise(plan=plan, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render_detail(plan, decision_form=form)
        except Conflict as error:
            return self.render_detail(plan, refusal=error.message, status=409)
        messages.success(request, self.MESSAGES[self.step])
        target = "sales_plans:plan-edit" if self.step == "revise" else "sales_plans:plan-detail"
        return HttpResponseRedirect(reverse(target, args=[plan.pk]))

    def render_detail(self, plan, status=200, **context):
        view = PlanDetailView(request=self.request, kwargs=self.kwargs, object=plan)
        return render(
            self.request,
            PlanDetailView.template_name,
            view.get_context_data(object=plan, **context),
            status=status,
        )


# -- opportunities --------------------------------------------------------------------------


class OpportunityListView(SalesListView):
    model = Opportunity
    filterset_class = OpportunityFilterSet
    template_name = "sales_plans/opportunity_list.html"
    context_object_name = "opportunities"
    checkboxes = ("stage",)
    SORTS = {
        "expected_close": ("expected_close_on", "id"),
        "-expected_close": ("-expected_close_on", "-id"),
        "-amount": ("-amount", "id"),
        "amount": ("amount", "id"),
        "name": ("name", "id"),
        "account": ("account__name", "id"),
        "-opened": ("-opened_on", "-id"),
    }
    SORT_LABELS = {
        "expected_close": gettext_lazy("Closing soonest"),
        "-expected_close": gettext_lazy("Closing latest"),
        "-amount": gettext_lazy("Largest amount"),
        "amount": gettext_lazy("Smallest amount"),
        "name": gettext_lazy("Name A–Z"),
        "account": gettext_lazy("Account A–Z"),
        "-opened": gettext_lazy("Opened most recently"),
    }
    default_sort = "expected_close"

    def base_queryset(self):
        return super().base_queryset().select_related("account", "owner")

    def order(self, queryset):
        if self.sort in ("expected_close", "-expected_close"):
            return queryset.by_expected_close(
                self.request.user, descending=self.sort.startswith("-")
            )
        return super().order(queryset)

    def get_context_data(self, **kwargs):
        return super().get_context_data(show_owner=shows_owner(self.request.user), **kwargs)


class OpportunityDetailView(VisibleMixin, DetailView):
    model = Opportunity
    template_name = "sales_plans/opportunity_detail.html"
    context_object_name = "opportunity"
    ORDERS_SHOWN = 20

    def get_queryset(self):
        return super().get_queryset().select_related("account", "owner", "competitor")

    def get_context_data(self, **kwargs):
        opportunity = self.object
        can_change = self.may_change(opportunity)
        return super().get_context_data(
            can_change=can_change,
            stage_changes=list(opportunity.stage_changes.select_related("changed_by")),
            orders=list(
                Order.objects.visible_to(self.request.user).filter(opportunity=opportunity)[
                    : self.ORDERS_SHOWN
                ]
            ),
            move_form=OpportunityMoveForm(initial={"stage": opportunity.stage}),
            stages=Stage.choices,
            **kwargs,
        )


class OpportunityCreateView(MayCreateMixin, PrefillAccountMixin, ServiceFormMixin, CreateView):
    model = Opportunity
    form_class = OpportunityForm
    title = gettext_lazy("New opportunity")
    success_message = gettext_lazy("Opportunity “%(object)s” created.")

    def perform(self, data):
        return services.opportunity_create(by=self.request.user, **data)


class OpportunityUpdateView(VisibleMixin, ServiceFormMixin, UpdateView):
    model = Opportunity
    action = CHANGE
    form_class = OpportunityForm
    title = gettext_lazy("Edit opportunity")
    success_message = gettext_lazy("Opportunity “%(object)s” saved.")

    def get_queryset(self):
        return super().get_queryset().select_related("account")

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def perform(self, data):
        data.pop("account", None)
        # The form has set the typed values on ``self.object`` already, the new closing
        # among them; ``opportunity_update`` saves the other fields before the move sets
        # the closing, so it gets the deal as stored and the values to write.
        stored = Opportunity.objects.select_related("account").get(pk=self.object.pk)
        return services.opportunity_update(opportunity=stored, by=self.request.user, **data)


def board_context(request, scope_form, error=None) -> dict:
    """What the board shows for the scope the form chose (the full page and the partial)."""
    scope = scope_form.chosen()
    opportunities = scoped_opportunities(request.user, scope)
    query = scope_query(scope)
    # The company's board read by an executive (every open deal) is a summary.
    board, as_of = for_reader(
        request,
        "sales_plans.board",
        lambda: selectors.board(opportunities, per_stage=BOARD_CARDS),
        query,
        version=2,  # cards as values (1: as models)
    )
    return {
        "scope_form": scope_form,
        "columns": board,
        "as_of": as_of,
        "stages": Stage.choices,
        "scope_query": query,
        "board_error": error,
        "per_stage": BOARD_CARDS,
        "can_move": may_create(request.user, Opportunity),
    }


def scoped_opportunities(user, scope):
    opportunities = Opportunity.objects.visible_to(user)
    if user.role == Role.REP and not user.is_superuser:
        return opportunities.filter(owner=user)
    if scope.get("owner") is not None:
        return opportunities.filter(owner=scope["owner"])
    if scope.get("team") is not None:
        return opportunities.filter(owner__team=scope["team"])
    return opportunities


def scope_query(scope) -> str:
    """The scope as a query string, for the links and the card forms that keep it."""
    parts = []
    if scope.get("team") is not None:
        parts.append(f"team={scope['team'].pk}")
    if scope.get("owner") is not None:
        parts.append(f"owner={scope['owner'].pk}")
    return "&".join(parts)


class BoardView(LoginRequiredMixin, TemplateView):
    """The pipeline by stage; each card moves with a small form (htmx swaps the board,
    without JavaScript the same form posts and comes back here)."""

    template_name = "sales_plans/board.html"

    def get(self, request, *args, **kwargs):
        scope_form = ScopeForm(request.GET or None, user=request.user, with_quarter=False)
        status = 400 if scope_form.is_bound and not scope_form.is_valid() else 200
        template = (
            "sales_plans/_board.html"
            if htmx_partial(request, "pipeline-board")
            else self.template_name
        )
        return render(request, template, board_context(request, scope_form), status=status)


class OpportunityMoveView(VisibleMixin, SingleObjectMixin, View):
    """POST ``stage`` (and ``lost_reason``): the one move, through ``opportunity_move``."""

    model = Opportunity
    action = CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        opportunity = self.get_object()
        form = OpportunityMoveForm(request.POST)
        error = None
        if not form.is_valid():
            error = " ".join(message for errors in form.errors.values() for message in errors)
        else:
            try:
                services.opportunity_move(
                    opportunity=opportunity,
                    stage=form.cleaned_data["stage"],
                    by=request.user,
                    lost_reason=form.cleaned_data["lost_reason"] or None,
                )
            except ValidationError as exc:
                error = " ".join(exc.messages)
        if htmx_partial(request, "pipeline-board"):
            scope_form = ScopeForm(request.GET or None, user=request.user, with_quarter=False)
            context = board_context(request, scope_form, error=error)
            if error is None:
                context["board_notice"] = _("“%(name)s” moved to %(stage)s.") % {
                    "name": opportunity.name,
                    "stage": Stage(opportunity.stage).label,
                }
            return render(request, "sales_plans/_board.html", context)
        if error is not None:
            messages.error(request, f"{opportunity.name}: {error}")
        else:
            messages.success(
                request,
                _("“%(name)s” moved to %(stage)s.")
                % {"name": opportunity.name, "stage": Stage(opportunity.stage).label},
            )
        return HttpResponseRedirect(self.next_url(request))

    def next_url(self, request) -> str:
        target = request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return target
        query = request.GET.urlencode()
        return reverse("sales_plans:board") + (f"?{query}" if query else "")


class FunnelView(LoginRequiredMixin, TemplateView):
    """Count and amount per stage, cohort conversion, win rate, cycle and velocity."""

    template_name = "sales_plans/funnel.html"

    def get(self, request, *args, **kwargs):
        self.scope_form = ScopeForm(request.GET or None, user=request.user)
        status = 400 if self.scope_form.is_bound and not self.scope_form.is_valid() else 200
        return self.render_to_response(self.get_context_data(), status=status)

    def get_context_data(self, **kwargs):
        scope = self.scope_form.chosen()
        # The company's funnel (every deal, a reader who sees everything) is a summary.
        figures, as_of = for_reader(
            self.request,
            "sales_plans.funnel",
            lambda: selectors.funnel(
                scoped_opportunities(self.request.user, scope), scope["quarter"]
            ),
            scope["quarter"],
            scope_query(scope),
        )
        widest = max((row["count"] for row in figures["stages"]), default=0)
        cohort = figures["cohort"]
        return super().get_context_data(
            scope_form=self.scope_form,
            scope=scope,
            funnel=figures,
            as_of=as_of,
            bars=[{**row, "width": bar_class(row["count"], widest)} for row in figures["stages"]],
            conversion=[
                {**row, "width": bar_class(row["reached"], cohort)} for row in figures["conversion"]
            ],
            **kwargs,
        )


def bar_class(part, whole) -> str:
    """A bar's width as one of eleven classes (the CSP allows no style attributes)."""
    if not whole:
        return "w-0"
    return f"w-{round(10 * part / whole) * 10}"


#: Reps per page of the attainment table (a company has hundreds).
ATTAINMENT_PAGE_SIZE = 50


class AttainmentView(LoginRequiredMixin, TemplateView):
    """Orders against approved targets for a quarter, per rep, as the KPI counts them."""

    template_name = "sales_plans/attainment.html"

    def get(self, request, *args, **kwargs):
        self.scope_form = ScopeForm(request.GET or None, user=request.user)
        status = 400 if self.scope_form.is_bound and not self.scope_form.is_valid() else 200
        return self.render_to_response(self.get_context_data(), status=status)

    def get_context_data(self, **kwargs):
        scope = self.scope_form.chosen()
        reps = selectors.reps_of(self.request.user, team=scope["team"])
        if scope["owner"] is not None:
            reps = reps.filter(pk=scope["owner"].pk)
        asked = self.request.GET.get("page", "")
        # The company's (every rep, a reader who sees everything) is a summary, a page's.
        report, as_of = for_reader(
            self.request,
            "sales_plans.attainment",
            lambda: self.report(reps, scope["quarter"], asked),
            scope["quarter"],
            scope_query(scope),
            asked,
            version=2,  # the totals and a page of reps (1: every rep)
        )
        page_obj = summarized_page(report["page"], ATTAINMENT_PAGE_SIZE)
        return super().get_context_data(
            scope_form=self.scope_form,
            scope=scope,
            report=report,
            as_of=as_of,
            page_obj=page_obj,
            paginator=page_obj.paginator,
            is_paginated=page_obj.has_other_pages(),
            export_query=attainment_export_query(scope),
            export_formats=export_formats("sales_plans.attainment"),
            **kwargs,
        )

    @staticmethod
    def report(reps, quarter, asked) -> dict:
        """Everyone's totals (SQL sums) and the asked page of reps, each as the table names
        them (id and name), not a whole user."""
        rows = selectors.attainment_rows(reps.only("first_name", "last_name", "username"), quarter)
        page = Paginator(rows, ATTAINMENT_PAGE_SIZE).get_page(asked)
        shown = [
            {
                **selectors.attainment_row(rep),
                "user": {"pk": rep.pk, "display_name": rep.display_name},
            }
            for rep in page
        ]
        return {**selectors.attainment_totals(reps, quarter), "page": page_summary(page, shown)}


def attainment_export_query(scope) -> str:
    """The page's scope in the parameters of the ``sales_plans.attainment`` export."""
    params = {"year": scope["quarter"].year, "quarter": scope["quarter"].quarter}
    if scope["team"] is not None:
        params["team"] = scope["team"].pk
    if scope["owner"] is not None:
        params["rep"] = scope["owner"].pk
    return urlencode(params)


# -- orders ---------------------------------------------------------------------------------


class OrderListView(SalesListView):
    model = Order
    filterset_class = OrderFilterSet
    template_name = "sales_plans/order_list.html"
    context_object_name = "orders"
    checkboxes = ("status",)
    SORTS = {
        "-ordered": ("-ordered_on", "-id"),
        "ordered": ("ordered_on", "id"),
        "promised": ("promised_on", "id"),
        "-promised": ("-promised_on", "-id"),
        "-amount": ("-amount", "-id"),
        "amount": ("amount", "id"),
        "number": ("number",),
        "account": ("account__name", "-ordered_on", "-id"),
    }
    SORT_LABELS = {
        "-ordered": gettext_lazy("Newest first"),
        "ordered": gettext_lazy("Oldest first"),
        "promised": gettext_lazy("Promised soonest"),
        "-promised": gettext_lazy("Promised latest"),
        "-amount": gettext_lazy("Largest amount"),
        "amount": gettext_lazy("Smallest amount"),
        "number": gettext_lazy("Number"),
        "account": gettext_lazy("Account A–Z"),
    }
    default_sort = "-ordered"

    def base_queryset(self):
        return super().base_queryset().select_related("account", "owner")

    def adjust_filters(self, form):
        # ``?overdue=1`` (the overdue notification's link) as a checkbox; unticked is "all".
        form.fields["overdue"].widget = NullableCheckbox()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            show_owner=shows_owner(self.request.user),
            export_formats=export_formats("sales_plans.order_list"),
            today=company_today(),
            **kwargs,
        )


class OrderDetailView(VisibleMixin, DetailView):
    model = Order
    template_name = "sales_plans/order_detail.html"
    context_object_name = "order"
    HISTORY_SHOWN = 30

    def get_queryset(self):
        return super().get_queryset().select_related("account", "owner", "opportunity")

    def get_context_data(self, **kwargs):
        order = self.object
        can_change = kwargs.pop("can_change", None)
        if can_change is None:
            can_change = self.may_change(order)
        statuses = services.next_statuses(order)
        return super().get_context_data(
            can_change=can_change,
            transition_form=kwargs.pop("transition_form", None)
            or OrderTransitionForm(statuses=statuses),
            statuses=statuses,
            history=list(
                order.history.select_related("history_user").order_by(
                    "-history_date", "-history_id"
                )[: self.HISTORY_SHOWN]
            ),
            **kwargs,
        )


class OrderCreateView(MayCreateMixin, PrefillAccountMixin, ServiceFormMixin, CreateView):
    model = Order
    form_class = OrderForm
    template_name = "sales_plans/order_form.html"
    title = gettext_lazy("New order")
    success_message = gettext_lazy("Order “%(object)s” booked.")

    def get_initial(self):
        initial = super().get_initial()
        opportunity_id = as_id(self.request.GET.get("opportunity"))
        if opportunity_id:
            opportunity = (
                Opportunity.objects.visible_to(self.request.user, CHANGE)
                .filter(pk=opportunity_id)
                .values("pk", "account_id", "amount")
                .first()
            )
            if opportunity:
                initial.update(
                    opportunity=opportunity["pk"],
                    account=opportunity["account_id"],
                    amount=opportunity["amount"],
                )
        return initial

    def perform(self, data):
        return services.order_create(by=self.request.user, **data)


class OrderUpdateView(VisibleMixin, ServiceFormMixin, UpdateView):
    model = Order
    action = CHANGE
    form_class = OrderForm
    template_name = "sales_plans/order_form.html"
    title = gettext_lazy("Edit order")
    success_message = gettext_lazy("Order “%(object)s” saved.")

    def get_queryset(self):
        return super().get_queryset().select_related("account")

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def perform(self, data):
        data.pop("account", None)
        return services.order_update(order=self.object, by=self.request.user, **data)


@login_required
@require_GET
def order_opportunities(request):
    """htmx partial: the deals of the account chosen in the order form."""
    form = OrderForm(user=request.user, initial={"account": request.GET.get("account")})
    return render(request, "sales_plans/_order_opportunity.html", {"field": form["opportunity"]})


class OrderTransitionView(VisibleMixin, SingleObjectMixin, View):
    """POST ``status`` (and ``delivered_on``): the order moves along its life."""

    model = Order
    action = CHANGE
    http_method_names = ["post"]

    def get_queryset(self):
        return super().get_queryset().select_related("account", "owner", "opportunity")

    def post(self, request, *args, **kwargs):
        order = self.get_object()
        # Any status is posted on to the service, which names what the order may become.
        form = OrderTransitionForm(request.POST, statuses=OrderStatus.values)
        if form.is_valid():
            try:
                services.order_transition(
                    order=order,
                    status=form.cleaned_data["status"],
                    by=request.user,
                    delivered_on=form.cleaned_data["delivered_on"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except Conflict as error:
                return self.render_detail(order, form, refusal=error.message, status=409)
            else:
                messages.success(
                    request,
                    _("Order %(number)s is now %(status)s.")
                    % {"number": order.number, "status": order.get_status_display()},
                )
                return HttpResponseRedirect(order.get_absolute_url())
        return self.render_detail(order, form)

    def render_detail(self, order, form, status=200, **context):
        order.refresh_from_db()
        view = OrderDetailView(request=self.request, kwargs=self.kwargs, object=order)
        # The form keeps what was posted, offered the statuses the order may still take.
        form.fields["status"].choices = [
            (s, label)
            for s, label in form.fields["status"].choices
            if s in services.next_statuses(order)
        ]
        return render(
            self.request,
            OrderDetailView.template_name,
            view.get_context_data(object=order, transition_form=form, can_change=True, **context),
            status=status,
        )
