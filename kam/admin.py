"""Admin for the core app, and the mixin every domain admin uses to apply ``visible_to``."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from kam.models import Department, Team, User
from kam.visibility import CHANGE, VIEW


class VisibleAdminMixin:
    """Admin lists, forms, autocompletes and history start from ``visible_to``, like the site.

    Superusers and admins see everything through the rule itself; a staff member of
    another role sees in admin no more than they see on the site, and changes only what
    ``visible_to(user, "change")`` lets them change.
    """

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user, VIEW)

    def _may_change(self, request, obj) -> bool:
        if obj is None:
            return True
        manager = self.model._default_manager
        return manager.visible_to(request.user, CHANGE).filter(pk=obj.pk).exists()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_change(request, obj)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Role in KAM CRM"), {"fields": ("role", "team", "department")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Role in KAM CRM"), {"fields": ("first_name", "last_name", "email",
                                          "role", "team", "department")}),
    )
    list_display = ("username", "first_name", "last_name", "email", "role", "team",
                    "department", "is_active", "is_staff")
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
