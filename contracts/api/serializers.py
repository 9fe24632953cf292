"""Serializers of duty 6. They validate shape and references; services do the writing.

Of the account a contract is on, every answer names the id, name and tier only: that is
all a reviewing department may see (DESIGN.md), and the same answer serves the rep. The
status, the review state and the latest version change through the contract's actions.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Account
from contracts.choices import DECISIONS, ContractStatus
from contracts.models import Contract, ContractReview, ContractVersion, NegotiationRecord
from kam.api import OwnerField, VisibleRelatedField
from kam.dates import company_today

#: The longest text a version takes over the API (about 40 pages; a longer contract comes
#: as its file): however it is encoded, a body this long stays within Django's
#: ``DATA_UPLOAD_MAX_MEMORY_SIZE``.
BODY_MAX_LENGTH = 100_000

OWNER_HELP = gettext_lazy(
    "Who negotiates it: you (the default for a rep or manager), one of your reps or the "
    "account's owner."
)


class VersionBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContractVersion
        fields = ["id", "version_no", "created_at"]
        read_only_fields = fields


class ContractSerializer(serializers.ModelSerializer):
    account = VisibleRelatedField(Account)
    account_name = serializers.CharField(source="account.name", read_only=True)
    account_tier = serializers.CharField(source="account.tier", read_only=True)
    owner = OwnerField(required=False, help_text=OWNER_HELP)
    owner_name = serializers.CharField(source="owner.display_name", read_only=True)
    latest_version = VersionBriefSerializer(read_only=True, allow_null=True)
    days_to_end = serializers.SerializerMethodField(
        help_text=gettext_lazy("Days from today to ends_on (negative once the term is over).")
    )
    body = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        default="",
        max_length=BODY_MAX_LENGTH,
        help_text=gettext_lazy("On create: the text of version 1 (files go to `versions`)."),
    )
    change_summary = serializers.CharField(
        write_only=True, required=False, allow_blank=True, default="", max_length=10_000
    )

    class Meta:
        model = Contract
        fields = [
            "id",
            "account",
            "account_name",
            "account_tier",
            "number",
            "title",
            "owner",
            "owner_name",
            "value",
            "currency",
            "starts_on",
            "ends_on",
            "status",
            "status_note",
            "signed_on",
            "review_state",
            "latest_version",
            "renewal_of",
            "days_to_end",
            "created_at",
            "updated_at",
            "body",
            "change_summary",
        ]
        read_only_fields = [
            "status",
            "status_note",
            "signed_on",
            "review_state",
            "renewal_of",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(OpenApiTypes.INT)
    def get_days_to_end(self, contract) -> int:
        return (contract.ends_on - company_today()).days

    def validate(self, attrs):
        if self.instance is not None:
            if "account" in attrs and attrs["account"].pk != self.instance.account_id:
                raise serializers.ValidationError(
                    {"account": [gettext_lazy("A contract stays on its account.")]}
                )
            attrs.pop("account", None)
            for name in ("body", "change_summary"):
                if self.initial_data.get(name):
                    raise serializers.ValidationError(
                        {name: [gettext_lazy("A new text is a new version: POST it to versions.")]}
                    )
                attrs.pop(name, None)
        return attrs


class ContractVersionSerializer(serializers.ModelSerializer):
    created_by_name = serializers.CharField(source="created_by.display_name", read_only=True)
    file = serializers.FileField(
        write_only=True,
        required=False,
        help_text=gettext_lazy("A PDF or DOCX file (multipart/form-data)."),
    )
    file_url = serializers.SerializerMethodField(
        help_text=gettext_lazy("Where the file is downloaded (with the same credentials).")
    )

    class Meta:
        model = ContractVersion
        fields = [
            "id",
            "contract",
            "version_no",
            "file",
            "file_name",
            "file_type",
            "file_size",
            "file_url",
            "body",
            "change_summary",
            "created_by",
            "created_by_name",
            "created_at",
        ]
        read_only_fields = [
            "contract",
            "version_no",
            "file_name",
            "file_type",
            "file_size",
            "created_by",
            "created_at",
        ]
        extra_kwargs = {"body": {"max_length": BODY_MAX_LENGTH}}

    @extend_schema_field(OpenApiTypes.URI)
    def get_file_url(self, version) -> str | None:
        if not version.file:
            return None
        path = reverse("contracts:version-file", args=[version.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class NegotiationRecordSerializer(serializers.ModelSerializer):
    recorded_by_name = serializers.CharField(source="recorded_by.display_name", read_only=True)

    class Meta:
        model = NegotiationRecord
        fields = [
            "id",
            "contract",
            "held_on",
            "participants",
            "topics",
            "concessions",
            "outcome",
            "next_steps",
            "recorded_by",
            "recorded_by_name",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["contract", "recorded_by", "created_at", "updated_at"]


class ContractReviewSerializer(serializers.ModelSerializer):
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    contract_title = serializers.CharField(source="contract.title", read_only=True)
    contract_status = serializers.ChoiceField(
        source="contract.status", choices=ContractStatus.choices, read_only=True
    )
    account_name = serializers.CharField(source="contract.account.name", read_only=True)
    account_tier = serializers.CharField(source="contract.account.tier", read_only=True)
    value = serializers.DecimalField(
        source="contract.value", max_digits=16, decimal_places=2, read_only=True
    )
    currency = serializers.CharField(source="contract.currency", read_only=True)
    version_no = serializers.IntegerField(source="version.version_no", read_only=True)
    department = serializers.SlugRelatedField(slug_field="code", read_only=True)
    reviewer_name = serializers.CharField(
        source="reviewer.display_name", read_only=True, default=None, allow_null=True
    )
    requested_by_name = serializers.CharField(source="requested_by.display_name", read_only=True)
    is_open = serializers.BooleanField(
        read_only=True,
        help_text=gettext_lazy("Pending and in the contract's current round: decide it."),
    )

    class Meta:
        model = ContractReview
        fields = [
            "id",
            "contract",
            "contract_number",
            "contract_title",
            "contract_status",
            "account_name",
            "account_tier",
            "value",
            "currency",
            "version",
            "version_no",
            "department",
            "decision",
            "comments",
            "reviewer",
            "reviewer_name",
            "requested_by",
            "requested_by_name",
            "requested_at",
            "decided_at",
            "superseded_at",
            "is_open",
        ]
        read_only_fields = fields


class ReviewDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[(decision.value, decision.label) for decision in DECISIONS],
        help_text=gettext_lazy(
            "approved, changes_requested (back to negotiation) or rejected (back to "
            "negotiation); the last two need comments."
        ),
    )
    comments = serializers.CharField(
        max_length=10_000, required=False, allow_blank=True, default=""
    )


class SubmitForReviewSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")


class ContractTransitionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=ContractStatus.choices,
        help_text=gettext_lazy(
            "draft → negotiating | terminated; negotiating → terminated; in_review → "
            "negotiating (withdraw) | terminated; approved → signed (with signed_on) | "
            "negotiating | terminated; signed → expired (after ends_on) | terminated. "
            "in_review comes from submit-for-review, approved from the reviews; anything "
            "else is 409."
        ),
    )
    note = serializers.CharField(
        max_length=10_000,
        required=False,
        allow_blank=True,
        default="",
        help_text=gettext_lazy("Why; required to terminate."),
    )
    signed_on = serializers.DateField(required=False, allow_null=True, default=None)


class ContractRenewSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=40, help_text=gettext_lazy("The renewal's number."))
    note = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")
