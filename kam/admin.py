"""Admin for the core app, and the mixin every domain admin uses to apply ``visible_to``."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from kam import notifications, services
from kam.bounds import as_id, check_search
from kam.choices import Role
from kam.errors import Conflict
from kam.models import (
    ApiToken,
    Department,
    ExportJob,
    ImportBatch,
    Notification,
    Team,
    User,
    Webhook,
    WebhookDelivery,
)
from kam.search import search
from kam.visibility import CHANGE, VIEW, may_change


def is_administrator(user) -> bool:
    return user.is_active and (user.is_superuser or user.role == Role.ADMIN)


class AdministratorsOnlyMixin:
    """Records of every user (notifications, tokens, webhooks, jobs): administrators only.

    A staff member of another role (a manager with admin access to their team's accounts)
    sees none of these, whatever permissions they were given.
    """

    def has_module_permission(self, request):
        return is_administrator(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return is_administrator(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_administrator(request.user) and super().has_delete_permission(request, obj)


class BoundedSearchMixin:
    """The admin's search box and autocompletes take a search as bounded as the site's.

    Too long a search answers 400, the same rule as the pages and the API (``kam.bounds``).
    """

    def get_search_results(self, request, queryset, search_term):
        try:
            check_search(search_term)
        except ValidationError as error:
            raise BadRequest(" ".join(error.messages)) from error
        return super().get_search_results(request, queryset, search_term)


class SafeHistoryMixin:
    """A history version id that cannot exist (``/history/abc/``) answers 404, not a 500."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if as_id(version_id) is None:
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)


class VisibleChoicesMixin:
    """Foreign-key and many-to-many choices limited to what the user may change.

    Covers selects, raw-id and autocomplete widgets alike: the value is validated against
    the field's queryset on save, so an id typed into a raw-id box is refused too.
    """

    def _limit(self, db_field, request, kwargs):
        manager = db_field.related_model._default_manager
        if hasattr(manager, "visible_to"):
            kwargs["queryset"] = manager.visible_to(request.user, CHANGE)
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(
            db_field, request, **self._limit(db_field, request, kwargs)
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(
            db_field, request, **self._limit(db_field, request, kwargs)
        )


class VisibleAdminMixin(BoundedSearchMixin, SafeHistoryMixin, VisibleChoicesMixin):
    """Admin lists, forms, choices and history start from ``visible_to``, like the site.

    Superusers and admins see everything through the rule itself; a staff member of
    another role sees in admin no more than they see on the site, and changes only what
    ``visible_to(user, "change")`` lets them change.
    """

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user, VIEW)

    def _may_change(self, request, obj) -> bool:
        return obj is None or may_change(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_change(request, obj)

    def _check_visible(self, request, object_id):
        # simple_history falls back to the historical rows when the live record is not in
        # get_queryset(); outside visible_to that would show another rep's record.
        if (
            as_id(object_id) is None
            or not self.get_queryset(request).filter(pk=as_id(object_id)).exists()
        ):
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._check_visible(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_visible(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The saved record must still be the writer's to change (rolled back otherwise).
        if not self._may_change(request, obj):
            raise PermissionDenied


class VisibleHistoryAdmin(VisibleAdminMixin, SimpleHistoryAdmin):
    """The admin of every domain model: ``visible_to`` and the record's change history."""


def error_text(error: Exception) -> str:
    if isinstance(error, Conflict):
        return str(error.message)
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


class ReadOnlyHistoryMixin:
    """History is shown, never reverted: a revert saves an old state past the services."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ServiceAdmin(ReadOnlyHistoryMixin, VisibleHistoryAdmin):
    """A domain admin whose actions run services and report each refusal as a warning."""

    def run_service(self, request, queryset, service, done_message) -> None:
        done = 0
        for obj in queryset:
            try:
                service(obj)
            except (Conflict, ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{obj}: {error_text(error)}", messages.WARNING)
            else:
                done += 1
        self.message_user(request, done_message(done) % {"count": done})

    def check_saved(self, request, obj) -> None:
        # What VisibleAdminMixin.save_model checks, for saves that go through a service.
        if not self._may_change(request, obj):
            raise PermissionDenied


class DocumentSearchMixin:
    """The search box and autocompletes match the record's search document, like the site.

    Funnels and order books grow to millions of rows: ``icontains`` over joined columns
    would scan them all case-folded; the document is one normalised column (``kam.search``).
    No date hierarchy either, for the same reason: listing its years scans every row.
    """

    def get_search_results(self, request, queryset, search_term):
        # The bounded check of BoundedSearchMixin (400 past the limit), on no rows.
        super().get_search_results(request, queryset.none(), search_term)
        return search(queryset, search_term), False


def changes(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.changed_data}


@admin.register(User)
class UserAdmin(BoundedSearchMixin, DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Role in KAM CRM"), {"fields": ("role", "team", "department")}),
        (_("Preferences"), {"fields": ("language", "time_zone")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (
            _("Role in KAM CRM"),
            {"fields": ("first_name", "last_name", "email", "role", "team", "department")},
        ),
    )
    list_display = (
        "username",
        "first_name",
        "last_name",
        "email",
        "role",
        "team",
        "department",
        "is_active",
        "is_staff",
    )
    list_filter = ("role", "team", "department", "is_active", "is_staff", "is_superuser")
    list_select_related = ("team", "department")
    search_fields = ("username", "first_name", "last_name", "email")
    autocomplete_fields = ("team",)

    #: What only an administrator changes: who is staff or superuser, roles, permissions.
    PRIVILEGES = ("is_superuser", "is_staff", "role", "groups", "user_permissions")

    def get_queryset(self, request):
        # Choices and autocompletes of user fields list only the people one may know of.
        return super().get_queryset(request).visible_to(request.user, VIEW)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if is_administrator(request.user):
            return readonly
        return (*readonly, *self.PRIVILEGES)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            revoked = services.tokens_revoke_all(user=obj)
            if revoked:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d API token of this user was revoked.",
                        "%(count)d API tokens of this user were revoked.",
                        revoked,
                    )
                    % {"count": revoked},
                    messages.INFO,
                )


@admin.register(Team)
class TeamAdmin(BoundedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "manager", "member_count")
    list_select_related = ("manager",)
    search_fields = ("name", "manager__username", "manager__last_name")
    autocomplete_fields = ("manager",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, team):
        return team.member_count


@admin.register(Department)
class DepartmentAdmin(BoundedSearchMixin, admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")
    ordering = ("name",)

    def get_readonly_fields(self, request, obj=None):
        # Codes are referenced by routing rules and reviews; rename the label, not the code.
        return ("code",) if obj is not None else ()


class SystemAdmin(AdministratorsOnlyMixin, BoundedSearchMixin, admin.ModelAdmin):
    """Records of every user that the system keeps: administrators only."""


@admin.register(ApiToken)
class ApiTokenAdmin(SystemAdmin):
    """Tokens are created by their users (profile page, token endpoint); admins revoke them."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "expires_at", "status")
    list_filter = ("revoked_at", "expires_at")
    list_select_related = ("user",)
    search_fields = ("name", "prefix", "user__username")
    fields = ("user", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at")
    readonly_fields = fields
    actions = ["revoke_selected"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("status"))
    def status(self, token):
        return token.get_status_display()

    @admin.action(description=_("Revoke selected tokens"))
    def revoke_selected(self, request, queryset):
        revoked = 0
        for token in queryset.filter(revoked_at__isnull=True):
            services.token_revoke(token=token, by=request.user)
            revoked += 1
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", revoked)
            % {"count": revoked},
        )


class ReadOnlyAdmin(SystemAdmin):
    """Records the system writes (notifications, deliveries, jobs): looked at, not edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "user", "kind", "subject", "read_at", "emailed_at")
    list_filter = ("kind", "read_at", "emailed_at")
    list_select_related = ("user",)
    search_fields = ("subject", "user__username", "once_key")
    date_hierarchy = "created_at"


@admin.register(Webhook)
class WebhookAdmin(
    AdministratorsOnlyMixin, BoundedSearchMixin, SafeHistoryMixin, SimpleHistoryAdmin
):
    """A user's or a department's webhook, with who changed it when; the URL is checked
    like on the settings page."""

    list_display = ("owner_name", "flavour", "active", "updated_at")
    list_filter = ("flavour", "active")
    list_select_related = ("user", "department")
    search_fields = ("user__username", "department__name")
    autocomplete_fields = ("user",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description=_("for"))
    def owner_name(self, webhook):
        return webhook.owner_name


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "webhook",
        "subject",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
    )
    list_filter = ("status", "webhook__flavour")
    list_select_related = ("webhook__user", "webhook__department")
    search_fields = ("subject", "last_error")
    date_hierarchy = "created_at"
    actions = ["retry_selected"]

    @admin.action(description=_("Try the selected failed deliveries again"))
    def retry_selected(self, request, queryset):
        retried = notifications.retry_deliveries(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery queued again.", "%(count)d deliveries queued again.", retried
            )
            % {"count": retried},
        )


@admin.register(ExportJob)
class ExportJobAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "user", "definition", "format", "status", "rows_done", "error")
    list_filter = ("status", "format", "definition")
    list_select_related = ("user",)
    search_fields = ("title", "user__username")


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "user", "definition", "original_name", "status", "applied_at")
    list_filter = ("status", "definition")
    list_select_related = ("user",)
    search_fields = ("original_name", "user__username")
