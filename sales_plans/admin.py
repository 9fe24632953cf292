"""Admin for duty 2: plans, the funnel and orders, with their history, from ``visible_to``.

A record's state (a plan's approval, an opportunity's stage, an order's status) changes
only through the services: here by admin actions that call them, never by editing the
field. Saving a change form goes through the same services as the pages, so an admin's
edit keeps what they keep (an opportunity's stage changes, an order's overdue notice).
History is for reading: reverting to an old version would set a state no service did.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kam.admin import (
    DocumentSearchMixin,
    ReadOnlyHistoryMixin,
    ServiceAdmin,
    VisibleAdminMixin,
    VisibleChoicesMixin,
    VisibleHistoryAdmin,
    changes,
)
from kam.dates import company_today
from kam.search import search
from sales_plans import services
from sales_plans.choices import OrderStatus, SalesPlanStatus, Stage
from sales_plans.models import Opportunity, Order, PlanTarget, SalesPlan, StageChange


def check_owner_sees(model, cleaned: dict) -> None:
    """The services' rule in admin: a record's owner sees its account (400, not a 500)."""
    account, owner = cleaned.get("account"), cleaned.get("owner")
    if account is not None and owner is not None:
        services._check_owner_sees(model(account=account), owner)


# -- sales plans ----------------------------------------------------------------------------


class PlanTargetFormSet(forms.BaseInlineFormSet):
    """The plan's lines are checked together, as ``sales_plan_update`` checks them."""

    def clean(self):
        super().clean()
        plan = self.instance
        if any(self.errors) or not plan.owner_id or plan.target_amount is None:
            return
        lines = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("account") is not None
        ]
        try:
            services._check_targets(plan, lines)
        except ValidationError as error:
            raise ValidationError(error.messages) from error


class PlanTargetInline(VisibleChoicesMixin, admin.TabularInline):
    model = PlanTarget
    formset = PlanTargetFormSet
    fields = ("account", "target_amount")
    autocomplete_fields = ("account",)
    extra = 0

    def _editable(self, obj) -> bool:
        return obj is None or obj.is_editable

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


@admin.register(SalesPlan)
class SalesPlanAdmin(ServiceAdmin):
    """A draft (or rejected) plan is edited; the rest of its life is the actions."""

    list_display = (
        "owner",
        "year",
        "quarter",
        "target_amount",
        "status",
        "revision",
        "approved_by",
        "approved_at",
    )
    list_filter = ("status", "year", "quarter", "revision", "owner__team")
    search_fields = ("owner__username", "owner__first_name", "owner__last_name", "strategy")
    list_select_related = ("owner", "approved_by")
    autocomplete_fields = ("owner",)
    EDITABLE = ("owner", "year", "quarter", "target_amount", "strategy")
    STATE = (
        "status",
        "revision",
        "submitted_at",
        "approved_by",
        "approved_at",
        "decision_comment",
        "created_at",
        "updated_at",
    )
    fields = (*EDITABLE, *STATE)
    readonly_fields = STATE
    inlines = [PlanTargetInline]
    actions = ["submit_selected", "approve_selected", "revise_selected"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            # Submitted: waiting for its decision; approved: changes by a revision.
            return (*self.EDITABLE, *self.STATE)
        return self.STATE

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Deleting is for drafts that were never approved, one at a time (delete_model).
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.status != SalesPlanStatus.DRAFT or obj.revision > 1):
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        services.sales_plan_delete(plan=obj, by=request.user)

    @admin.action(description=_("Submit selected plans for approval"))
    def submit_selected(self, request, queryset):
        self.run_service(
            request,
            queryset,
            lambda plan: services.sales_plan_submit(plan=plan, by=request.user),
            lambda count: ngettext(
                "%(count)d plan submitted.", "%(count)d plans submitted.", count
            ),
        )

    @admin.action(description=_("Approve selected plans"))
    def approve_selected(self, request, queryset):
        self.run_service(
            request,
            queryset,
            lambda plan: services.sales_plan_approve(plan=plan, by=request.user),
            lambda count: ngettext("%(count)d plan approved.", "%(count)d plans approved.", count),
        )

    @admin.action(description=_("Revise selected plans (back to draft, next revision)"))
    def revise_selected(self, request, queryset):
        self.run_service(
            request,
            queryset,
            lambda plan: services.sales_plan_revise(plan=plan, by=request.user),
            lambda count: ngettext("%(count)d plan revised.", "%(count)d plans revised.", count),
        )


class PlanTargetAdminForm(forms.ModelForm):
    """The services' rule in admin: a line goes on an editable plan, its lines together."""

    def clean(self):
        cleaned = super().clean()
        plan, account = cleaned.get("plan"), cleaned.get("account")
        if plan is None or account is None or cleaned.get("target_amount") is None:
            return cleaned
        if not plan.is_editable:
            raise ValidationError(
                {"plan": _("Lines change while the plan is a draft (or rejected).")}
            )
        lines = [
            {"account": line.account, "target_amount": line.target_amount}
            for line in plan.targets.exclude(pk=self.instance.pk).select_related("account")
        ]
        lines.append({"account": account, "target_amount": cleaned["target_amount"]})
        try:
            services._check_targets(plan, lines)
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        return cleaned


@admin.register(PlanTarget)
class PlanTargetAdmin(ReadOnlyHistoryMixin, VisibleHistoryAdmin):
    form = PlanTargetAdminForm
    list_display = ("plan", "account", "target_amount")
    list_filter = ("plan__year", "plan__quarter", "plan__status")
    search_fields = ("account__name", "plan__owner__username", "plan__owner__last_name")
    list_select_related = ("plan__owner", "account")
    autocomplete_fields = ("plan", "account")

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.plan.is_editable:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not obj.plan.is_editable:
            return False
        return super().has_delete_permission(request, obj)


# -- the funnel -----------------------------------------------------------------------------


class OpportunityAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        check_owner_sees(Opportunity, cleaned)
        return cleaned


class StageChangeInline(admin.TabularInline):
    """The opportunity's way through the funnel, as ``opportunity_move`` recorded it."""

    model = StageChange
    fields = ("changed_at", "from_stage", "to_stage", "changed_by")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("changed_at", "id")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Opportunity)
class OpportunityAdmin(DocumentSearchMixin, ServiceAdmin):
    """The stage moves by the actions (``opportunity_move``); losing a deal needs its
    reason, so that is done on the opportunity's page or the board."""

    form = OpportunityAdminForm
    list_display = (
        "name",
        "account",
        "owner",
        "stage",
        "amount",
        "opened_on",
        "expected_close_on",
        "closed_on",
    )
    list_filter = ("stage", "opened_on", "expected_close_on", "closed_on", "owner__team")
    search_fields = ("name", "account__name")  # what the search document holds
    list_select_related = ("account", "owner")
    autocomplete_fields = ("account", "owner")
    readonly_fields = ("stage", "closed_on", "lost_reason", "created_at", "updated_at")
    show_full_result_count = False
    inlines = [StageChangeInline]
    actions = ["move_to_qualified", "move_to_proposal", "move_to_negotiation", "mark_won"]

    def save_model(self, request, obj, form, change):
        if change:
            services.opportunity_update(opportunity=obj, by=request.user, **changes(form))
        else:
            data = {name: form.cleaned_data[name] for name in form.fields}
            created = services.opportunity_create(by=request.user, **data)
            obj.pk, obj._state.adding = created.pk, False
            obj.refresh_from_db()
        self.check_saved(request, obj)

    def _move(self, request, queryset, stage):
        self.run_service(
            request,
            queryset,
            lambda opportunity: services.opportunity_move(
                opportunity=opportunity, stage=stage, by=request.user
            ),
            lambda count: ngettext(
                "%(count)d opportunity moved.", "%(count)d opportunities moved.", count
            ),
        )

    @admin.action(description=_("Move selected opportunities to qualified"))
    def move_to_qualified(self, request, queryset):
        self._move(request, queryset, Stage.QUALIFIED)

    @admin.action(description=_("Move selected opportunities to proposal"))
    def move_to_proposal(self, request, queryset):
        self._move(request, queryset, Stage.PROPOSAL)

    @admin.action(description=_("Move selected opportunities to negotiation"))
    def move_to_negotiation(self, request, queryset):
        self._move(request, queryset, Stage.NEGOTIATION)

    @admin.action(description=_("Mark selected opportunities won today"))
    def mark_won(self, request, queryset):
        self._move(request, queryset, Stage.WON)


@admin.register(StageChange)
class StageChangeAdmin(VisibleAdminMixin, admin.ModelAdmin):
    """Stage changes are the funnel's own history: written by ``opportunity_move`` only."""

    list_display = ("changed_at", "opportunity", "from_stage", "to_stage", "changed_by")
    list_filter = ("to_stage", "from_stage", "changed_at")
    search_fields = ("opportunity__name", "opportunity__account__name")
    list_select_related = ("opportunity", "changed_by")
    # Newest recorded first, by the primary key's index: sorting by time sorts every row.
    ordering = ("-id",)
    show_full_result_count = False

    def get_search_results(self, request, queryset, search_term):
        # The opportunities' search documents (DocumentSearchMixin), after the bounds check.
        super().get_search_results(request, queryset.none(), search_term)
        return queryset.filter(
            opportunity__in=search(Opportunity.objects.all(), search_term)
        ), False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# -- orders ---------------------------------------------------------------------------------


class OrderAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        check_owner_sees(Order, cleaned)
        return cleaned


@admin.register(Order)
class OrderAdmin(DocumentSearchMixin, ServiceAdmin):
    """The status moves by the actions (``order_transition``), forward or to cancelled."""

    form = OrderAdminForm
    list_display = (
        "number",
        "account",
        "owner",
        "ordered_on",
        "amount",
        "promised_on",
        "delivered_on",
        "status",
    )
    list_filter = ("status", "ordered_on", "promised_on", "delivered_on", "owner__team")
    search_fields = ("number", "account__name")  # what the search document holds
    list_select_related = ("account", "owner")
    autocomplete_fields = ("account", "owner", "opportunity")
    readonly_fields = ("status", "overdue_notified_on", "created_at", "updated_at")
    show_full_result_count = False
    actions = [
        "mark_in_production",
        "mark_shipped",
        "mark_partially_delivered",
        "mark_delivered",
        "mark_cancelled",
    ]

    def save_model(self, request, obj, form, change):
        if change:
            services.order_update(order=obj, by=request.user, **changes(form))
        else:
            data = {name: form.cleaned_data[name] for name in form.fields}
            created = services.order_create(by=request.user, **data)
            obj.pk, obj._state.adding = created.pk, False
            obj.refresh_from_db()
        self.check_saved(request, obj)

    def _transition(self, request, queryset, status):
        def transition(order):
            delivered_on = None
            if status == OrderStatus.DELIVERED:
                delivered_on = order.delivered_on or company_today()
            services.order_transition(
                order=order, status=status, by=request.user, delivered_on=delivered_on
            )

        self.run_service(
            request,
            queryset,
            transition,
            lambda count: ngettext("%(count)d order updated.", "%(count)d orders updated.", count),
        )

    @admin.action(description=_("Mark selected orders in production"))
    def mark_in_production(self, request, queryset):
        self._transition(request, queryset, OrderStatus.IN_PRODUCTION)

    @admin.action(description=_("Mark selected orders shipped"))
    def mark_shipped(self, request, queryset):
        self._transition(request, queryset, OrderStatus.SHIPPED)

    @admin.action(description=_("Mark selected orders partially delivered"))
    def mark_partially_delivered(self, request, queryset):
        self._transition(request, queryset, OrderStatus.PARTIALLY_DELIVERED)

    @admin.action(description=_("Mark selected orders delivered (today unless dated)"))
    def mark_delivered(self, request, queryset):
        self._transition(request, queryset, OrderStatus.DELIVERED)

    @admin.action(description=_("Cancel selected orders"))
    def mark_cancelled(self, request, queryset):
        self._transition(request, queryset, OrderStatus.CANCELLED)
