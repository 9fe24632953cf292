"""Admin for duty 6: contracts with their versions, negotiation rounds and reviews, from
``visible_to``, with their history.

Every save goes through ``contracts.services``, as the pages' and the API's do. A
contract's status, review state and versions change only there: admin edits a contract's
title, owner and (while it is a draft or negotiated) its terms, and its one action is
the safe step, submitting for review. Versions and reviews are shown, never added,
changed or deleted (a version is written once; a review is decided by its department on
the site or over the API). Negotiation rounds are corrected here with their history.
Nothing of duty 6 is deleted: the company keeps the whole trail. History is for reading:
reverting would set a state no service did.
"""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from contracts import services
from contracts.choices import FINAL, OPEN_TERMS
from contracts.models import Contract, ContractReview, ContractVersion, NegotiationRecord
from kam.admin import (
    DocumentSearchMixin,
    ReadOnlyHistoryMixin,
    ServiceAdmin,
    VisibleAdminMixin,
    VisibleHistoryAdmin,
    changes,
)
from kam.search import search
from kam.visibility import assignable_owners, may_create


class KeepEverythingMixin:
    """Nothing of duty 6 is deleted, one at a time or in bulk."""

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class ContractSearchMixin:
    """A contract's versions, rounds and reviews are found by their contract's search
    document (number, title, account), as the contracts are (``DocumentSearchMixin``)."""

    def get_search_results(self, request, queryset, search_term):
        # The bounds check (400 past the limit), on no rows.
        super().get_search_results(request, queryset.none(), search_term)
        if not search_term.strip():
            return queryset, False
        return queryset.filter(contract__in=search(Contract.objects.all(), search_term)), False


class ReadOnlyInline(admin.TabularInline):
    """Rows the services write: shown on the contract, never added, changed or deleted."""

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


class ContractVersionInline(ReadOnlyInline):
    model = ContractVersion
    fields = ("version_no", "created_at", "created_by", "change_summary", "file_name")
    ordering = ("-version_no",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by", "contract")


class NegotiationRecordInline(ReadOnlyInline):
    """The rounds in order; each is corrected on its own admin page (with its history)."""

    model = NegotiationRecord
    fields = ("held_on", "participants", "topics", "outcome", "recorded_by")
    ordering = ("held_on", "id")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recorded_by", "contract")


class ContractReviewInline(ReadOnlyInline):
    """Every round's reviews, the current one first (a superseded review is kept)."""

    model = ContractReview
    fields = (
        "department",
        "version",
        "decision",
        "reviewer",
        "requested_at",
        "decided_at",
        "superseded_at",
        "comments",
    )
    ordering = ("-requested_at", "department__name", "id")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("department", "reviewer", "version__contract", "contract")
        )


class ContractAdminForm(forms.ModelForm):
    """The services' owner rule in admin, so a refusal is the form's error, not a 500:
    the owner is the account's, or someone the admin user may give records to."""

    #: Set per request by ``ContractAdmin.get_form``.
    request_user = None

    def clean(self):
        cleaned = super().clean()
        account = cleaned.get("account") or getattr(self.instance, "account", None)
        owner = cleaned.get("owner")
        if (
            "owner" in self.fields
            and owner is not None
            and account is not None
            and owner.pk != account.owner_id
            and not assignable_owners(self.request_user).filter(pk=owner.pk).exists()
        ):
            self.add_error("owner", _("Choose yourself, one of your reps or the account's owner."))
        return cleaned


class ContractAddForm(ContractAdminForm):
    body = forms.CharField(
        label=_("text of version 1"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Optional: the first version's text. Files are uploaded on the site."),
    )


#: What admin edits of a contract; the terms only while it is a draft or negotiated.
TERMS = ("number", "value", "currency", "starts_on", "ends_on")
CREATE_FIELDS = ("account", "title", "owner", *TERMS)
STATE_FIELDS = (
    "status",
    "status_note",
    "review_state",
    "signed_on",
    "latest_version",
    "renewal_of",
    "renewal_notice",
    "created_at",
    "updated_at",
)


@admin.register(Contract)
class ContractAdmin(KeepEverythingMixin, DocumentSearchMixin, ServiceAdmin):
    """Created through ``contract_create`` and edited through ``contract_update``; the
    status moves by review on the site (or by the "submit" action here)."""

    form = ContractAdminForm
    add_form = ContractAddForm
    inlines = [ContractVersionInline, NegotiationRecordInline, ContractReviewInline]
    list_display = (
        "number",
        "title",
        "account",
        "owner",
        "value",
        "currency",
        "starts_on",
        "ends_on",
        "status",
        "review_state",
        "signed_on",
    )
    list_filter = ("status", "review_state", "currency", "ends_on", "owner__team")
    search_fields = ("number", "title", "account__name")  # what the search document holds
    list_select_related = ("account", "owner")
    autocomplete_fields = ("account", "owner")
    show_full_result_count = False
    actions = ["submit_selected"]

    def has_add_permission(self, request):
        # Executives read and department members review: neither creates contracts.
        return super().has_add_permission(request) and may_create(request.user, Contract)

    def has_change_permission(self, request, obj=None):
        # Expired or terminated: nothing changes any more (``contract_update`` refuses).
        if obj is not None and obj.status in FINAL:
            return False
        return super().has_change_permission(request, obj)

    def get_inlines(self, request, obj):
        # A new contract has no trail yet.
        return self.inlines if obj is not None else []

    def get_fields(self, request, obj=None):
        if obj is None:
            return (*CREATE_FIELDS, "body")
        return (*CREATE_FIELDS, *STATE_FIELDS)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        if obj.status not in OPEN_TERMS:
            # Reviewed or approved terms stay as reviewed (409 from the service otherwise).
            return ("account", *TERMS, *STATE_FIELDS)
        return ("account", *STATE_FIELDS)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request_user = request.user  # modelform_factory made this class for this request
        return form

    def save_model(self, request, obj, form, change):
        if change:
            data = {
                name: value for name, value in changes(form).items() if name in services.UPDATABLE
            }
            if data:
                services.contract_update(contract=obj, by=request.user, **data)
            obj.refresh_from_db()
        else:
            data = {name: form.cleaned_data[name] for name in (*CREATE_FIELDS, "body")}
            created = services.contract_create(by=request.user, **data)
            obj.pk, obj._state.adding = created.pk, False
            obj.refresh_from_db()
        self.check_saved(request, obj)

    @admin.action(description=_("Submit selected contracts for review"))
    def submit_selected(self, request, queryset):
        self.run_service(
            request,
            queryset,
            lambda contract: services.contract_submit_for_review(
                contract=contract, by=request.user
            ),
            lambda count: ngettext(
                "%(count)d contract submitted for review.",
                "%(count)d contracts submitted for review.",
                count,
            ),
        )


class ReadOnlyAdminMixin:
    """Records written once by the services: read here, never added, changed or deleted."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ContractVersion)
class ContractVersionAdmin(
    ReadOnlyAdminMixin,
    KeepEverythingMixin,
    ContractSearchMixin,
    VisibleAdminMixin,
    admin.ModelAdmin,
):
    """Versions, for reading; the file is downloaded through the site (never from a
    public media URL), which checks that the reader sees the contract."""

    list_display = ("contract", "version_no", "created_by", "created_at", "file_type")
    list_filter = ("file_type", "created_at")
    search_fields = ("contract__number", "contract__title")  # the contract's document
    list_select_related = ("contract", "created_by")
    fields = (
        "contract",
        "version_no",
        "created_by",
        "created_at",
        "change_summary",
        "body",
        "download",
        "file_type",
        "file_size",
    )
    readonly_fields = fields
    # Newest first by the primary key's index: sorting by time sorts every row.
    ordering = ("-id",)
    show_full_result_count = False

    @admin.display(description=_("file"))
    def download(self, version):
        if not version.file:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("contracts:version-file", args=[version.pk]),
            version.file_name or version.file_type,
        )


@admin.register(ContractReview)
class ContractReviewAdmin(
    ReadOnlyAdminMixin,
    KeepEverythingMixin,
    ContractSearchMixin,
    ReadOnlyHistoryMixin,
    VisibleHistoryAdmin,
):
    """Reviews, with their history, for reading: legal and finance decide them on the
    site or over the API, where the owner is told of the decision."""

    list_display = (
        "contract",
        "version",
        "department",
        "decision",
        "reviewer",
        "requested_at",
        "decided_at",
        "superseded_at",
    )
    list_filter = (
        "department",
        "decision",
        ("superseded_at", admin.EmptyFieldListFilter),
        "requested_at",
    )
    search_fields = ("contract__number", "contract__title")  # the contract's document
    list_select_related = ("contract", "version__contract", "department", "reviewer")
    fields = (
        "contract",
        "version",
        "department",
        "decision",
        "comments",
        "reviewer",
        "requested_by",
        "requested_at",
        "decided_at",
        "superseded_at",
    )
    readonly_fields = fields
    show_full_result_count = False


class NegotiationRecordAdminForm(forms.ModelForm):
    """``negotiation_add``'s rule in admin: a round goes on a contract still negotiated."""

    def clean(self):
        cleaned = super().clean()
        contract = cleaned.get("contract")
        if self.instance.pk is None and contract is not None and contract.status in FINAL:
            self.add_error(
                "contract", _("An expired or terminated contract is not negotiated any more.")
            )
        return cleaned


@admin.register(NegotiationRecord)
class NegotiationRecordAdmin(KeepEverythingMixin, ContractSearchMixin, ServiceAdmin):
    """A round, recorded through ``negotiation_add`` (whoever writes it is its recorder;
    the first one starts a draft's negotiation) and corrected through
    ``negotiation_update``, its history keeping what it said before."""

    form = NegotiationRecordAdminForm
    list_display = ("contract", "held_on", "topics", "recorded_by", "updated_at")
    list_filter = ("held_on",)
    search_fields = ("contract__number", "contract__title")  # the contract's document
    list_select_related = ("contract", "recorded_by")
    autocomplete_fields = ("contract",)
    fields = (
        "contract",
        "held_on",
        "participants",
        "topics",
        "concessions",
        "outcome",
        "next_steps",
        "recorded_by",
        "created_at",
        "updated_at",
    )
    show_full_result_count = False

    def has_add_permission(self, request):
        return super().has_add_permission(request) and may_create(request.user, Contract)

    def get_readonly_fields(self, request, obj=None):
        state = ("recorded_by", "created_at", "updated_at")
        # A round stays on its contract.
        return ("contract", *state) if obj is not None else state

    def save_model(self, request, obj, form, change):
        if change:
            data = {
                name: value
                for name, value in changes(form).items()
                if name in services.NEGOTIATION_FIELDS
            }
            services.negotiation_update(record=obj, by=request.user, **data)
        else:
            data = {name: form.cleaned_data[name] for name in services.NEGOTIATION_FIELDS}
            created = services.negotiation_add(
                contract=form.cleaned_data["contract"], by=request.user, **data
            )
            obj.pk, obj._state.adding = created.pk, False
            obj.refresh_from_db()
        self.check_saved(request, obj)
