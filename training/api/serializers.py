"""Serializers of duty 7. They validate shape and references; services do the writing.

Of the account a session is for, every answer names the id, name and tier only (all a
supporting department may see); the status changes through the session's `transition`.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Account
from kam.api import BoundedDateTimeField, VisibleRelatedField
from kam.models import Department
from training.choices import SCORES, SessionStatus
from training.models import Attendance, TrainingFeedback, TrainingMaterial, TrainingSession
from training.services import trainers


class TrainerField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return trainers()


def absolute(serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request else path


class TrainingSessionSerializer(serializers.ModelSerializer):
    account = VisibleRelatedField(Account)
    account_name = serializers.CharField(source="account.name", read_only=True)
    account_tier = serializers.CharField(source="account.tier", read_only=True)
    trainer = TrainerField(required=False, help_text=gettext_lazy("Who gives it (default: you)."))
    trainer_name = serializers.CharField(source="trainer.display_name", read_only=True)
    support_department = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Department.objects.all(),
        required=False,
        allow_null=True,
        help_text=gettext_lazy("A department asked to help run it: `training`, `tech_support`…"),
    )
    # Bounded like a visit's moment: before 1901 the answer would carry the zone's local
    # mean time (+08:05:43 in Shanghai), an offset RFC 3339 cannot write.
    scheduled_at = BoundedDateTimeField()
    ends_at = serializers.DateTimeField(read_only=True)
    calendar_url = serializers.SerializerMethodField(
        help_text=gettext_lazy("The session as an .ics file (same credentials).")
    )

    class Meta:
        model = TrainingSession
        fields = [
            "id",
            "account",
            "account_name",
            "account_tier",
            "kind",
            "title",
            "topic",
            "scheduled_at",
            "duration_minutes",
            "ends_at",
            "location",
            "online_url",
            "trainer",
            "trainer_name",
            "support_department",
            "status",
            "status_note",
            "agenda",
            "calendar_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "status_note", "created_at", "updated_at"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_calendar_url(self, session) -> str:
        return absolute(self, reverse("training:session-calendar", args=[session.pk]))

    def validate(self, attrs):
        if self.instance is not None:
            if "account" in attrs and attrs["account"].pk != self.instance.account_id:
                raise serializers.ValidationError(
                    {"account": [gettext_lazy("A session stays on its account.")]}
                )
            attrs.pop("account", None)
        return attrs


class AttendanceSerializer(serializers.ModelSerializer):
    contact_name = serializers.CharField(source="contact.name", read_only=True)

    class Meta:
        model = Attendance
        fields = ["id", "contact", "contact_name", "attended", "invited_at"]
        read_only_fields = fields


class InviteSerializer(serializers.Serializer):
    contacts = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        allow_empty=False,
        max_length=500,
        help_text=gettext_lazy("Ids of contacts of the session's account."),
    )


class AttendanceEntrySerializer(serializers.Serializer):
    contact = serializers.IntegerField(min_value=1)
    attended = serializers.BooleanField(allow_null=True)


class AttendanceRecordSerializer(serializers.Serializer):
    records = AttendanceEntrySerializer(many=True, allow_empty=False, max_length=500)


class TransitionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=SessionStatus.choices,
        help_text=gettext_lazy(
            "planned → done (once started) | cancelled; cancelled → planned. Anything else is 409."
        ),
    )
    note = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")

    class Meta:
        ref_name = "TrainingTransition"


class TrainingFeedbackSerializer(serializers.ModelSerializer):
    contact = serializers.IntegerField(
        source="contact_id",
        required=False,
        allow_null=True,
        default=None,
        help_text=gettext_lazy("One of the contacts invited to the session, or null."),
    )
    contact_name = serializers.CharField(
        source="contact.name", read_only=True, default=None, allow_null=True
    )
    score = serializers.ChoiceField(choices=[(score, str(score)) for score in SCORES])
    survey = serializers.PrimaryKeyRelatedField(read_only=True)
    via_link = serializers.SerializerMethodField()

    class Meta:
        model = TrainingFeedback
        fields = [
            "id",
            "contact",
            "contact_name",
            "score",
            "comments",
            "submitted_on",
            "survey",
            "via_link",
            "created_at",
        ]
        read_only_fields = ["submitted_on", "survey", "created_at"]
        extra_kwargs = {"comments": {"max_length": 10_000}}

    def get_via_link(self, feedback) -> bool:
        return feedback.link_id is not None


class LinksRequestSerializer(serializers.Serializer):
    anonymous = serializers.IntegerField(
        min_value=0,
        max_value=100,
        default=0,
        help_text=gettext_lazy("Links not tied to a person, besides one per attendee without one."),
    )


class LinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    contact = serializers.IntegerField(source="contact_id", allow_null=True)
    expires_at = serializers.DateTimeField()
    url = serializers.URLField(help_text=gettext_lazy("Send it to the customer; it works once."))


class TrainingMaterialSerializer(serializers.ModelSerializer):
    file = serializers.FileField(
        write_only=True, help_text=gettext_lazy("PDF, PPTX, DOCX, XLSX, PNG or JPEG (multipart).")
    )
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = TrainingMaterial
        fields = [
            "id",
            "title",
            "file",
            "file_name",
            "file_type",
            "file_size",
            "file_url",
            "uploaded_by",
            "created_at",
        ]
        read_only_fields = ["file_name", "file_type", "file_size", "uploaded_by", "created_at"]
        extra_kwargs = {"title": {"required": False, "allow_blank": True}}

    @extend_schema_field(OpenApiTypes.URI)
    def get_file_url(self, material) -> str:
        return absolute(self, reverse("training:material-file", args=[material.pk]))
