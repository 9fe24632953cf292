"""Admin for duty 3: competitors and what was seen of them, market reports and product
suggestions, with their history, starting from ``visible_to``.

Every save goes through ``market_intel.services``, as the pages' and the API's do, so the
admin keeps their rules: a competitor that anything refers to stays, a published report
is read-only, a decided suggestion is final. A record's state moves only by the actions
that call the services (publishing a report, reopening a suggestion), never by editing a
field. History is for reading: reverting would set a state no service did.
"""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kam.admin import DocumentSearchMixin, ServiceAdmin, changes, is_administrator
from kam.visibility import may_create
from market_intel import services
from market_intel.models import Competitor, CompetitorActivity, MarketReport, ProductSuggestion
from market_intel.querysets import is_rnd


class MarketAdmin(DocumentSearchMixin, ServiceAdmin):
    """What the four admins share: the site's search, its creators, no bulk delete."""

    show_full_result_count = False
    #: The form's fields that are many-to-many: the services set them, not ``save_m2m``.
    related_fields: tuple[str, ...] = ()

    def has_add_permission(self, request):
        # Executives read and department members answer: neither creates these (the API's
        # rule too, ``may_create``), whatever permissions they were given.
        return super().has_add_permission(request) and may_create(request.user, self.model)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # A bulk delete would skip the services' checks; records go one at a time.
        actions.pop("delete_selected", None)
        return actions

    def form_data(self, form) -> tuple[dict, dict]:
        """The form's values for a create, and its many-to-many values apart."""
        data = {name: form.cleaned_data[name] for name in form.fields}
        return data, {name: data.pop(name) for name in self.related_fields}

    def changed_data(self, form) -> tuple[dict, dict]:
        """The changed values for an update; a many-to-many field None when unchanged."""
        data = changes(form)
        return data, {name: data.pop(name, None) for name in self.related_fields}

    def save_created(self, obj, created) -> None:
        obj.pk, obj._state.adding = created.pk, False
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        # The services have set the many-to-many fields, and there are no inlines.
        pass


@admin.register(Competitor)
class CompetitorAdmin(MarketAdmin):
    """Profiles are the company's shared knowledge: every account team member edits them.
    A competitor that an activity, a report or a deal refers to is not deleted."""

    list_display = ("name", "website", "updated_at")
    search_fields = ("name", "website")  # what the search document holds
    fields = (
        "name",
        "website",
        "strengths",
        "weaknesses",
        "pricing_notes",
        "created_at",
        "updated_at",
    )
    readonly_fields = ("created_at", "updated_at")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (
            obj.activities.exists() or obj.reports.exists() or obj.opportunities.exists()
        ):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            services.competitor_update(competitor=obj, by=request.user, **changes(form))
        else:
            data, _related = self.form_data(form)
            self.save_created(obj, services.competitor_create(by=request.user, **data))
        self.check_saved(request, obj)

    def delete_model(self, request, obj):
        services.competitor_delete(competitor=obj, by=request.user)


@admin.register(CompetitorActivity)
class CompetitorActivityAdmin(MarketAdmin):
    """What was seen, at an account or (no account) in the market at large; whoever
    writes it is its reporter."""

    list_display = ("observed_on", "competitor", "account", "kind", "reported_by")
    list_filter = ("kind", "competitor", ("account", admin.EmptyFieldListFilter), "observed_on")
    search_fields = ("details", "competitor__name", "account__name")  # the search document
    list_select_related = ("competitor", "account", "reported_by")
    autocomplete_fields = ("competitor", "account")
    fields = (
        "competitor",
        "account",
        "observed_on",
        "kind",
        "details",
        "reported_by",
        "created_at",
    )
    readonly_fields = ("reported_by", "created_at")

    def save_model(self, request, obj, form, change):
        if change:
            services.activity_update(activity=obj, by=request.user, **changes(form))
        else:
            data, _related = self.form_data(form)
            self.save_created(obj, services.activity_create(by=request.user, **data))
        self.check_saved(request, obj)

    def delete_model(self, request, obj):
        services.activity_delete(activity=obj, by=request.user)


def may_edit_report(user, report: MarketReport) -> bool:
    """A draft, by its author or an administrator (``market_report_update``'s rule)."""
    return not report.is_published and (report.author_id == user.pk or is_administrator(user))


@admin.register(MarketReport)
class MarketReportAdmin(MarketAdmin):
    """A draft is its author's to edit (written by whoever creates it here); publishing is
    the action, and a published report is read-only, here as everywhere."""

    list_display = ("title", "author", "year", "quarter", "status", "published_at")
    list_filter = ("status", "year", "quarter", "author__team")
    search_fields = ("title", "summary")  # what the search document holds
    list_select_related = ("author",)
    autocomplete_fields = ("competitors",)
    related_fields = ("competitors",)
    fields = (
        "title",
        "year",
        "quarter",
        "summary",
        "body",
        "competitors",
        "author",
        "status",
        "published_at",
        "created_at",
        "updated_at",
    )
    readonly_fields = ("author", "status", "published_at", "created_at", "updated_at")
    actions = ["publish_selected"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and not may_edit_report(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not may_edit_report(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            data, related = self.changed_data(form)
            services.market_report_update(report=obj, by=request.user, **related, **data)
        else:
            data, related = self.form_data(form)
            self.save_created(
                obj, services.market_report_create(by=request.user, **related, **data)
            )
        self.check_saved(request, obj)

    def delete_model(self, request, obj):
        services.market_report_delete(report=obj, by=request.user)

    @admin.action(description=_("Publish selected reports"))
    def publish_selected(self, request, queryset):
        self.run_service(
            request,
            queryset,
            lambda report: services.market_report_publish(report=report, by=request.user),
            lambda count: ngettext(
                "%(count)d report published.", "%(count)d reports published.", count
            ),
        )


@admin.register(ProductSuggestion)
class ProductSuggestionAdmin(MarketAdmin):
    """A suggestion's text and accounts are its author's while it is open.

    Deciding is R&D's: taking a suggestion under review, adopting or rejecting it are not
    offered here, but on the suggestion's page and over the API (``review`` and
    ``decide``), where R&D works and where the author is told of the decision. The one
    state change admin offers is an administrator's: reopening a decided suggestion (back
    under review; its history keeps the decision that was). Suggestions are not deleted,
    as the API deletes none.
    """

    list_display = ("title", "submitted_by", "status", "decided_by", "decided_on", "created_at")
    list_filter = ("status", "decided_on", "submitted_by__team")
    search_fields = ("title", "description")  # what the search document holds
    list_select_related = ("submitted_by", "decided_by")
    autocomplete_fields = ("accounts",)
    related_fields = ("accounts",)
    fields = (
        "title",
        "description",
        "accounts",
        "submitted_by",
        "status",
        "decided_by",
        "decided_on",
        "decision_note",
        "created_at",
        "updated_at",
    )
    readonly_fields = (
        "submitted_by",
        "status",
        "decided_by",
        "decided_on",
        "decision_note",
        "created_at",
        "updated_at",
    )
    actions = ["reopen_selected"]

    def has_change_permission(self, request, obj=None):
        # Decided: final until reopened. R&D decides what it reads; the text is the author's.
        if obj is not None and (obj.is_decided or is_rnd(request.user)):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            data, related = self.changed_data(form)
            services.suggestion_update(suggestion=obj, by=request.user, **related, **data)
        else:
            data, related = self.form_data(form)
            self.save_created(obj, services.suggestion_create(by=request.user, **related, **data))
        self.check_saved(request, obj)

    @admin.action(description=_("Reopen selected suggestions"))
    def reopen_selected(self, request, queryset):
        self.run_service(
            request,
            queryset,
            lambda suggestion: services.suggestion_reopen(suggestion=suggestion, by=request.user),
            lambda count: ngettext(
                "%(count)d suggestion reopened.", "%(count)d suggestions reopened.", count
            ),
        )
