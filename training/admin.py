"""Admin for duty 7: sessions with their history, attendance, feedback and the feedback
links for reading, materials and their files' details; everything from ``visible_to``.

A session is planned and edited through ``training.services`` (``session_create``,
``session_update``), as on the pages and the API, so its trainer is told as there; its
status moves only by the actions, which call ``session_transition``. Attendance,
feedback (each with its survey response), materials and links are written by the
services alone, where their rules are checked (invited contacts, a done session, the
upload check, one answer a link): here they are read, never edited. A feedback link's
token is never shown: it is not stored, and only its session's page hands it out. History
is for reading, and nothing is deleted: a session that will not happen is cancelled.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kam.admin import (
    DocumentSearchMixin,
    ReadOnlyHistoryMixin,
    ServiceAdmin,
    VisibleAdminMixin,
    VisibleHistoryAdmin,
)
from kam.visibility import may_create
from training import services
from training.choices import SessionStatus
from training.models import (
    Attendance,
    FeedbackLink,
    TrainingFeedback,
    TrainingMaterial,
    TrainingSession,
)


class ReadOnlyInline(admin.TabularInline):
    """Rows the services write, shown with their session."""

    extra = 0
    can_delete = False
    show_change_link = True

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AttendanceInline(ReadOnlyInline):
    model = Attendance
    fields = ("contact", "attended", "invited_at")
    ordering = ("contact__name", "id")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("contact")


class FeedbackInline(ReadOnlyInline):
    model = TrainingFeedback
    fields = ("submitted_on", "contact", "score", "comments", "entered_by", "via_link", "survey")
    ordering = ("-submitted_on", "-id")

    @admin.display(description=_("through a link"), boolean=True)
    def via_link(self, feedback):
        return feedback.link_id is not None

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("contact", "entered_by", "survey")


class FeedbackLinkInline(ReadOnlyInline):
    """Who a link is for and whether it was used; never its token."""

    model = FeedbackLink
    fields = ("contact", "created_by", "created_at", "expires_at", "used_at")
    ordering = ("-created_at", "-id")
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("contact", "created_by")


class SessionAdminForm(forms.ModelForm):
    """The session form's choices: any active colleague may give it (``trainers``); left
    empty on a new session, the planner gives it, as ``session_create`` makes it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        trainer = self.fields.get("trainer")
        if trainer is not None:
            trainer.queryset = services.trainers()
            if self.instance.pk is None:
                trainer.required = False
                trainer.help_text = _("Empty: whoever plans it.")

    def clean(self):
        cleaned = super().clean()
        if "trainer" in self.fields and cleaned.get("trainer") is None:
            cleaned.pop("trainer", None)
        return cleaned


#: What a planned session's form edits (``services.SESSION_FIELDS`` and its account).
EDITABLE = ("account", *services.SESSION_FIELDS)
STATE = ("status", "status_note", "created_by", "created_at", "updated_at")


@admin.register(TrainingSession)
class TrainingSessionAdmin(DocumentSearchMixin, ServiceAdmin):
    """Planned and edited through the services; the status moves by the actions."""

    form = SessionAdminForm
    inlines = [AttendanceInline, FeedbackInline, FeedbackLinkInline]
    list_display = (
        "title",
        "account",
        "kind",
        "scheduled_at",
        "trainer",
        "support_department",
        "status",
    )
    list_filter = ("status", "kind", "support_department", "scheduled_at", "account__owner__team")
    search_fields = ("title", "topic", "account__name")  # what the search document holds
    list_select_related = ("account", "trainer", "support_department")
    autocomplete_fields = ("account",)
    fields = (*EDITABLE, "materials_used", *STATE)
    readonly_fields = ("materials_used", *STATE)
    # Newest first by the (scheduled_at, id) index; no full count on a long list.
    ordering = ("-scheduled_at", "-id")
    show_full_result_count = False
    actions = ["mark_done", "mark_cancelled", "plan_again"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        # Executives watch and departments run what the account team planned (the API's
        # and the pages' rule too), whatever permissions they were given.
        return super().has_add_permission(request) and may_create(request.user, TrainingSession)

    def has_change_permission(self, request, obj=None):
        # Done or cancelled: read-only here as everywhere (``session_update`` refuses it);
        # the actions, which ask without a session, still plan a cancelled one again.
        if obj is not None and obj.status != SessionStatus.PLANNED:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        # A session stays on its account.
        return ("account", *self.readonly_fields)

    @admin.display(description=_("materials"))
    def materials_used(self, session):
        if session.pk is None:
            return "—"
        titles = session.materials.order_by("title", "id").values_list("title", flat=True)
        return ", ".join(titles) or "—"

    def save_model(self, request, obj, form, change):
        if change:
            data = {name: form.cleaned_data[name] for name in form.changed_data}
            if data:
                services.session_update(session=obj, by=request.user, **data)
            obj.refresh_from_db()
        else:
            data = {name: form.cleaned_data[name] for name in EDITABLE if name in form.cleaned_data}
            created = services.session_create(by=request.user, **data)
            obj.pk, obj._state.adding = created.pk, False
            obj.refresh_from_db()
        self.check_saved(request, obj)

    def save_related(self, request, form, formsets, change):
        # The inlines are read-only (nothing of them is saved) and the session has no
        # many-to-many of its own here; the change message reads what each formset saved.
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def _transition(self, request, queryset, status):
        self.run_service(
            request,
            queryset,
            lambda session: services.session_transition(
                session=session, to_status=status, by=request.user
            ),
            lambda count: ngettext(
                "%(count)d session updated.", "%(count)d sessions updated.", count
            ),
        )

    @admin.action(description=_("Mark selected sessions done"))
    def mark_done(self, request, queryset):
        self._transition(request, queryset, SessionStatus.DONE)

    @admin.action(description=_("Mark selected sessions cancelled"))
    def mark_cancelled(self, request, queryset):
        self._transition(request, queryset, SessionStatus.CANCELLED)

    @admin.action(description=_("Plan selected cancelled sessions again"))
    def plan_again(self, request, queryset):
        self._transition(request, queryset, SessionStatus.PLANNED)


class ReadOnlyAdminMixin:
    """Records written by the services only: looked at here, never added, changed or
    deleted."""

    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        # Every field, so the history's version pages (a form) open too.
        return self.fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TrainingMaterial)
class TrainingMaterialAdmin(ReadOnlyAdminMixin, ReadOnlyHistoryMixin, VisibleHistoryAdmin):
    """Uploaded on a session's page or over the API, where the file is checked
    (``material_add``); the file itself is downloaded from there, for whoever sees a
    session using it."""

    list_display = ("title", "session", "file_name", "file_type", "file_size", "uploaded_by")
    list_filter = ("file_type",)
    search_fields = ("title", "file_name")
    list_select_related = ("session", "uploaded_by")
    fields = (
        "title",
        "session",
        "sessions",
        "file_name",
        "file_type",
        "file_size",
        "uploaded_by",
        "created_at",
    )
    ordering = ("-created_at", "-id")


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdminMixin, ReadOnlyHistoryMixin, VisibleHistoryAdmin):
    """Invited on the session's page (by the account's team), taken once it has started."""

    list_display = ("session", "contact", "attended", "invited_at")
    list_filter = ("attended",)
    search_fields = ("contact__name", "session__title")
    list_select_related = ("session", "contact")
    fields = ("session", "contact", "attended", "invited_at")
    # Newest first by the primary key's index: sorting by a join would sort every row.
    ordering = ("-id",)


@admin.register(TrainingFeedback)
class TrainingFeedbackAdmin(ReadOnlyAdminMixin, ReadOnlyHistoryMixin, VisibleHistoryAdmin):
    """Each is also the account's survey response (source ``after_training``), written
    with it by ``feedback_record``: changing one here would leave the other behind."""

    list_display = ("submitted_on", "session", "contact", "score", "entered_by", "via_link")
    list_filter = ("score", "submitted_on")
    search_fields = ("comments", "session__title", "contact__name")
    list_select_related = ("session", "contact", "entered_by")
    fields = (
        "session",
        "contact",
        "score",
        "comments",
        "submitted_on",
        "entered_by",
        "via_link",
        "survey",
        "created_at",
    )
    ordering = ("-id",)

    @admin.display(description=_("through a link"), boolean=True)
    def via_link(self, feedback):
        return feedback.link_id is not None


@admin.register(FeedbackLink)
class FeedbackLinkAdmin(ReadOnlyAdminMixin, VisibleAdminMixin, admin.ModelAdmin):
    """Who a link was made for, until when, and whether it was used. Never its token: the
    token is not stored, and a link is handed out on its session's page only."""

    list_display = ("session", "contact", "created_by", "created_at", "expires_at", "used_at")
    list_filter = ("expires_at", "used_at")
    search_fields = ("session__title", "contact__name")
    list_select_related = ("session", "contact", "created_by")
    fields = ("session", "contact", "created_by", "created_at", "expires_at", "used_at")
    ordering = ("-id",)
