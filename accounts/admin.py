"""Admin for duty 1: every model, with its change history, starting from ``visible_to``."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import search as account_search
from accounts import services
from accounts.models import (
    Account,
    AccountEpisode,
    Contact,
    PlanAction,
    RelationshipPlan,
    SurveyResponse,
    Visit,
)
from kam.admin import VisibleChoicesMixin, VisibleHistoryAdmin
from kam.errors import Conflict


class EpisodeInline(admin.TabularInline):
    """Past customer relationships: archived by the reactivate service, read here only (the
    retention of the quarters they cover depends on them)."""

    model = AccountEpisode
    fields = ("customer_since", "churned_on")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ContactInline(VisibleChoicesMixin, admin.TabularInline):
    model = Contact
    fields = (
        "name",
        "title",
        "email",
        "phone",
        "buying_role",
        "influence",
        "sentiment",
        "reports_to",
    )
    # Autocomplete, not raw-id: raw-id labels ignore the visible_to-limited queryset.
    autocomplete_fields = ("reports_to",)
    extra = 0
    show_change_link = True


@admin.register(Account)
class AccountAdmin(VisibleHistoryAdmin):
    list_display = (
        "name",
        "tier",
        "status",
        "owner",
        "industry",
        "region",
        "customer_since",
        "churned_on",
        "unvisited_flagged_on",
    )
    list_filter = ("status", "tier", "region", "industry", "owner__team")
    search_fields = ("name", "industry", "region", "owner__username", "owner__last_name")
    list_select_related = ("owner",)
    autocomplete_fields = ("owner",)
    readonly_fields = ("unvisited_flagged_on", "created_at", "updated_at")
    date_hierarchy = "customer_since"
    inlines = [ContactInline, EpisodeInline]
    actions = ["churn_selected"]

    def save_model(self, request, obj, form, change):
        previous = Account.objects.filter(pk=obj.pk).values_list("name", flat=True).first()
        super().save_model(request, obj, form, change)
        if change and previous != obj.name:
            # The records whose search documents hold the account's name follow it.
            account_search.account_renamed(obj)

    @admin.action(description=_("Mark selected accounts churned today"))
    def churn_selected(self, request, queryset):
        churned = 0
        for account in queryset:
            try:
                services.account_churn(account=account, by=request.user)
            except Conflict as exc:
                self.message_user(request, f"{account}: {exc.message}", messages.WARNING)
            else:
                churned += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d account marked churned.", "%(count)d accounts marked churned.", churned
            )
            % {"count": churned},
        )


class ContactAdminForm(forms.ModelForm):
    """The services' rule in admin: a contact with visits or reports keeps their account.

    No ``Meta``: the admin builds the form's fields from its own configuration.
    """

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("account") is not None:
            services.check_contact_move(contact=self.instance, account=cleaned["account"])
        return cleaned


class VisitAdminForm(forms.ModelForm):
    """The services' rule in admin: the contacts met belong to the visited account."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("account") is not None and cleaned.get("contacts") is not None:
            services.check_visit_contacts(account=cleaned["account"], contacts=cleaned["contacts"])
        return cleaned


@admin.register(Contact)
class ContactAdmin(VisibleHistoryAdmin):
    form = ContactAdminForm
    list_display = (
        "name",
        "title",
        "account",
        "buying_role",
        "influence",
        "sentiment",
        "reports_to",
    )
    list_filter = ("buying_role", "sentiment", "influence")
    search_fields = ("name", "title", "email", "account__name")
    list_select_related = ("account", "reports_to")
    autocomplete_fields = ("account", "reports_to")


@admin.register(Visit)
class VisitAdmin(VisibleHistoryAdmin):
    """Visits written here update what accounts derive from them, like the services do."""

    form = VisitAdminForm
    list_display = ("visited_at", "account", "rep", "kind", "purpose", "follow_up_on")
    list_filter = ("kind", "visited_at", "follow_up_on")
    search_fields = ("purpose", "summary", "next_steps", "account__name", "rep__username")
    list_select_related = ("account", "rep")
    autocomplete_fields = ("account", "rep", "contacts")
    date_hierarchy = "visited_at"

    def save_model(self, request, obj, form, change):
        previous = (
            Visit.objects.filter(pk=obj.pk).values_list("account_id", flat=True).first()
            if change
            else None
        )
        super().save_model(request, obj, form, change)
        services.visits_changed(account_ids=[obj.account_id, previous])

    def delete_model(self, request, obj):
        account_id = obj.account_id
        super().delete_model(request, obj)
        services.visits_changed(account_ids=[account_id])

    def delete_queryset(self, request, queryset):
        account_ids = list(queryset.values_list("account_id", flat=True).distinct())
        super().delete_queryset(request, queryset)
        services.visits_changed(account_ids=account_ids)


@admin.register(SurveyResponse)
class SurveyResponseAdmin(VisibleHistoryAdmin):
    list_display = ("received_on", "account", "contact", "score", "nps", "source")
    list_filter = ("source", "score", "received_on")
    search_fields = ("account__name", "contact__name", "comment")
    list_select_related = ("account", "contact")
    autocomplete_fields = ("account", "contact")
    date_hierarchy = "received_on"


class PlanActionInline(VisibleChoicesMixin, admin.TabularInline):
    model = PlanAction
    fields = ("title", "owner", "due_on", "done_on")
    raw_id_fields = ("owner",)
    extra = 0


@admin.register(RelationshipPlan)
class RelationshipPlanAdmin(VisibleHistoryAdmin):
    list_display = ("account", "year", "quarter", "status", "created_at")
    list_filter = ("status", "year", "quarter")
    search_fields = ("account__name", "objectives")
    list_select_related = ("account",)
    autocomplete_fields = ("account",)
    inlines = [PlanActionInline]


@admin.register(PlanAction)
class PlanActionAdmin(VisibleHistoryAdmin):
    list_display = ("title", "plan", "owner", "due_on", "done_on")
    list_filter = ("due_on", "done_on")
    search_fields = ("title", "plan__account__name", "owner__username")
    list_select_related = ("plan__account", "owner")
    autocomplete_fields = ("plan", "owner")
