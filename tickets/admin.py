"""Admin for duty 4: tickets with their timeline and history, routing rules, SLA policies
and the business calendars they may count in.

A ticket's status, clock and department change only through the services: here by admin
actions that call them, never by editing the fields. Routing rules and SLA policies are
the admins' to edit, with their history; a changed policy times the tickets opened after.
"""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from kam.admin import (
    AdministratorsOnlyMixin,
    DocumentSearchMixin,
    ServiceAdmin,
    VisibleAdminMixin,
    changes,
)
from tickets import services
from tickets.choices import TicketStatus
from tickets.models import (
    BusinessCalendar,
    CalendarDay,
    RoutingRule,
    SlaPolicy,
    Ticket,
    TicketEvent,
    WorkingHours,
)


@admin.register(RoutingRule)
class RoutingRuleAdmin(AdministratorsOnlyMixin, SimpleHistoryAdmin):
    list_display = ("category", "department")
    list_editable = ("department",)
    ordering = ("category",)

    def has_delete_permission(self, request, obj=None):
        return False  # every category keeps a department; change it instead


@admin.register(SlaPolicy)
class SlaPolicyAdmin(AdministratorsOnlyMixin, SimpleHistoryAdmin):
    list_display = ("priority", "resolution_hours", "calendar")
    list_editable = ("resolution_hours", "calendar")
    list_select_related = ("calendar",)
    ordering = ("priority",)

    def has_delete_permission(self, request, obj=None):
        return False  # every priority keeps its hours; change them instead


class WorkingHoursInline(admin.TabularInline):
    model = WorkingHours
    fields = ("weekday", "starts", "ends")
    ordering = ("weekday", "starts")
    extra = 0


@admin.register(BusinessCalendar)
class BusinessCalendarAdmin(AdministratorsOnlyMixin, SimpleHistoryAdmin):
    """A calendar's weekly hours inline; its dated days on their own list (there are
    dozens a year), reached from here. ``load_calendar`` fills them from the package."""

    list_display = ("code", "name", "time_zone", "days_link", "updated_at")
    search_fields = ("code", "name")
    inlines = (WorkingHoursInline,)
    readonly_fields = ("days_link",)

    @admin.display(description=_("dated days"))
    def days_link(self, calendar):
        if calendar.pk is None:
            return "—"
        url = reverse("admin:tickets_calendarday_changelist")
        return format_html(
            '<a href="{}?calendar__id__exact={}">{}</a>',
            url,
            calendar.pk,
            _("Holidays and make-up workdays"),
        )


@admin.register(CalendarDay)
class CalendarDayAdmin(AdministratorsOnlyMixin, SimpleHistoryAdmin):
    """A holiday or a make-up workday; those entered or changed here (no source) survive
    every ``load_calendar`` run."""

    list_display = ("date", "calendar", "kind", "name", "works_as", "source")
    list_filter = ("calendar", "kind", "source")
    list_select_related = ("calendar",)
    date_hierarchy = "date"
    search_fields = ("name",)
    readonly_fields = ("source",)
    ordering = ("calendar", "date")

    def save_model(self, request, obj, form, change):
        # A day changed here is the admin's from now on: ``load_calendar`` keeps it.
        if change and form.has_changed():
            obj.source = ""
        super().save_model(request, obj, form, change)


class TicketEventInline(admin.TabularInline):
    """The timeline, for reading: events are written by the services only."""

    model = TicketEvent
    fields = ("created_at", "author", "kind", "from_status", "to_status", "department", "body")
    readonly_fields = fields
    ordering = ("created_at", "id")
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author", "department")


class TicketAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        order, account = cleaned.get("order"), cleaned.get("account") or self.instance.account
        if order is not None and account is not None and order.account_id != account.pk:
            self.add_error("order", _("The order must belong to this account."))
        return cleaned


#: What ``ticket_open`` takes; an empty department is routed by the category.
OPEN_FIELDS = ("account", "order", "category", "priority", "department", "subject", "description")


@admin.register(Ticket)
class TicketAdmin(DocumentSearchMixin, ServiceAdmin):
    """Opened through ``ticket_open`` (routing, clock); the status moves by the actions."""

    form = TicketAdminForm
    inlines = [TicketEventInline]
    list_display = (
        "__str__",
        "account",
        "department",
        "category",
        "priority",
        "status",
        "opened_at",
        "due_at",
        "resolved_at",
    )
    list_filter = ("status", "department", "category", "priority")
    search_fields = ("subject", "account__name", "order__number")  # the search document
    list_select_related = ("account", "department")
    autocomplete_fields = ("account", "order", "raised_by", "assignee")
    readonly_fields = (
        "status",
        "raised_by",
        "assignee",
        "opened_at",
        "first_response_at",
        "resolved_at",
        "due_at",
        "paused_seconds",
        "paused_at",
        "warn_at",
        "resolution_seconds",
        "feedback",
        "updated_at",
    )
    show_full_result_count = False
    actions = ["mark_in_progress", "mark_resolved", "mark_closed", "reopen"]

    def get_readonly_fields(self, request, obj=None):
        fields = self.readonly_fields
        if obj is not None:
            fields = (*fields, "account", "department")
        return fields

    def save_model(self, request, obj, form, change):
        if change:
            services.ticket_update(ticket=obj, by=request.user, **changes(form))
        else:
            data = {name: form.cleaned_data[name] for name in OPEN_FIELDS}
            created = services.ticket_open(by=request.user, **data)
            obj.pk, obj._state.adding = created.pk, False
            obj.refresh_from_db()
        self.check_saved(request, obj)

    def save_related(self, request, form, formsets, change):
        # The inline is read-only: its formset saves nothing, but Django's change message
        # reads what it saved, so it is saved all the same.
        super().save_related(request, form, formsets, change)

    def _transition(self, request, queryset, status):
        self.run_service(
            request,
            queryset,
            lambda ticket: services.ticket_transition(
                ticket=ticket, to_status=status, by=request.user
            ),
            lambda count: ngettext(
                "%(count)d ticket updated.", "%(count)d tickets updated.", count
            ),
        )

    @admin.action(description=_("Mark selected tickets in progress"))
    def mark_in_progress(self, request, queryset):
        self._transition(request, queryset, TicketStatus.IN_PROGRESS)

    @admin.action(description=_("Resolve selected tickets"))
    def mark_resolved(self, request, queryset):
        self._transition(request, queryset, TicketStatus.RESOLVED)

    @admin.action(description=_("Close selected tickets"))
    def mark_closed(self, request, queryset):
        self._transition(request, queryset, TicketStatus.CLOSED)

    @admin.action(description=_("Reopen selected tickets"))
    def reopen(self, request, queryset):
        self._transition(request, queryset, TicketStatus.OPEN)


@admin.register(TicketEvent)
class TicketEventAdmin(VisibleAdminMixin, admin.ModelAdmin):
    """The timelines, for reading."""

    list_display = ("ticket", "kind", "author", "from_status", "to_status", "created_at")
    list_filter = ("kind",)
    list_select_related = ("ticket", "author")
    raw_id_fields = ("ticket",)
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
