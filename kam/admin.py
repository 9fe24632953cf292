"""Admin for the core app, and the mixin every domain admin uses to apply ``visible_to``."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from kam.bounds import as_id
from kam.models import Department, Team, User
from kam.visibility import CHANGE, VIEW, may_change


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


class VisibleAdminMixin(VisibleChoicesMixin):
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


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Role in KAM CRM"), {"fields": ("role", "team", "department")}),
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


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
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
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")
    ordering = ("name",)

    def get_readonly_fields(self, request, obj=None):
        # Codes are referenced by routing rules and reviews; rename the label, not the code.
        return ("code",) if obj is not None else ()
