"""API viewset of duty 7: thin, every write goes through ``training.services``."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import parsers, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from accounts.models import Contact
from kam.api import ErrorSerializer, VisibleModelViewSet
from kam.parsers import SafeJSONParser
from training import services
from training.api import serializers as s
from training.filtersets import SessionFilterSet
from training.models import TrainingSession

CONFLICT = OpenApiResponse(ErrorSerializer, description=_("The session's state does not allow it."))
TRANSITION_CONFLICT = OpenApiResponse(
    inline_serializer(
        "TrainingConflict",
        fields={
            "detail": serializers.CharField(),
            "allowed": serializers.ListField(child=serializers.CharField()),
        },
    ),
    description=_(
        "The session's life does not allow that status; `allowed` lists what it may take."
    ),
)
#: Sessions are never deleted: one that will not happen is cancelled.
NO_DELETE = ["get", "post", "put", "patch", "head", "options"]
#: The demo of the create example, held.
DONE_SESSION_EXAMPLE = {
    "id": 310,
    "account": 41,
    "account_name": "杭州精密铸造有限公司",
    "account_tier": "strategic",
    "kind": "product_demo",
    "title": "X200 controller demo",
    "topic": "Remote diagnostics",
    "scheduled_at": "2026-12-10T14:00:00+08:00",
    "duration_minutes": 90,
    "ends_at": "2026-12-10T15:30:00+08:00",
    "location": "Customer plant, meeting room 3",
    "online_url": "",
    "trainer": 7,
    "trainer_name": "Alice Chen",
    "support_department": "training",
    "status": "done",
    "status_note": "",
    "agenda": "1. What is new\n2. Hands-on\n3. Questions",
    "calendar_url": "https://kam.example.com/training/310/calendar.ics",
    "created_at": "2026-11-28T11:00:00+08:00",
    "updated_at": "2026-12-10T15:45:00+08:00",
}
#: A row of the session's invitation list (an answer that is a list shows one row).
INVITED_EXAMPLE = {
    "id": 901,
    "contact": 302,
    "contact_name": "Li Na",
    "attended": None,
    "invited_at": "2026-11-28T11:05:00+08:00",
}


@extend_schema_view(
    list=extend_schema(
        description=_(
            "Trainings, product demos and workshops you may see: on your accounts, given by "
            "you, or supported by your department. `when=upcoming` (the default of the "
            "pages) or `past`; `ordering=scheduled_at`."
        )
    ),
    create=extend_schema(
        description=_("Plan a session on one of your accounts; its trainer is told."),
        examples=[
            OpenApiExample(
                "A product demo",
                request_only=True,
                value={
                    "account": 41,
                    "kind": "product_demo",
                    "title": "X200 controller demo",
                    "topic": "Remote diagnostics",
                    "scheduled_at": "2026-12-10T14:00:00+08:00",
                    "duration_minutes": 90,
                    "location": "Customer plant, meeting room 3",
                    "support_department": "training",
                    "agenda": "1. What is new\n2. Hands-on\n3. Questions",
                },
            )
        ],
    ),
)
class TrainingSessionViewSet(VisibleModelViewSet):
    """Customer trainings and product demos: attendance, materials and feedback.

    Feedback with a score is also a survey response with source `after_training`, so it
    counts in the account's CSAT. Feedback links let a customer answer without an account.
    """

    queryset = TrainingSession.objects.select_related("account", "trainer", "support_department")
    http_method_names = NO_DELETE
    serializer_class = s.TrainingSessionSerializer
    filterset_class = SessionFilterSet
    search_fields = ["title", "topic", "account__name"]
    ordering_fields = ["scheduled_at", "created_at", "updated_at"]

    def perform_create_service(self, serializer):
        return services.session_create(by=self.request.user, **serializer.validated_data)

    def perform_update_service(self, serializer):
        return services.session_update(
            session=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def detail_response(self, session):
        return Response(self.get_serializer(self.get_queryset().get(pk=session.pk)).data)

    @extend_schema(
        request=s.TransitionSerializer,
        responses={200: s.TrainingSessionSerializer, 409: TRANSITION_CONFLICT},
        description=_(
            "Mark the session done (once it has started) or cancelled, or plan a cancelled "
            "one again."
        ),
        examples=[
            OpenApiExample("Held", request_only=True, value={"status": "done", "note": ""}),
            OpenApiExample(
                "Cancel",
                request_only=True,
                value={"status": "cancelled", "note": "The plant is closed for an inspection."},
            ),
            OpenApiExample("The session, done", response_only=True, value=DONE_SESSION_EXAMPLE),
            OpenApiExample(
                "Cancelled",
                response_only=True,
                status_codes=["409"],
                value={
                    "detail": "A session that is Cancelled cannot become Done.",
                    "allowed": ["planned"],
                },
            ),
        ],
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        session = self.get_object()
        params = s.TransitionSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        services.session_transition(
            session=session,
            to_status=params.validated_data["status"],
            by=request.user,
            note=params.validated_data["note"],
        )
        return self.detail_response(session)

    def _contacts(self, session, ids):
        # Of the session's account only (the service then checks who may invite them).
        contacts = list(Contact.objects.filter(pk__in=ids, account_id=session.account_id))
        if len(contacts) != len(set(ids)):
            raise ValidationError({"contacts": [_("Name contacts of the session's account.")]})
        return contacts

    @extend_schema(
        methods=["GET"],
        request=None,
        responses={200: s.AttendanceSerializer(many=True)},
        description=_("Who is invited, and whether they came (null: not taken yet)."),
    )
    @extend_schema(
        methods=["POST"],
        request=s.AttendanceRecordSerializer,
        responses={200: s.AttendanceSerializer(many=True), 409: CONFLICT},
        description=_("Record who came, once the session has started."),
        examples=[
            OpenApiExample(
                "Two came, one did not",
                request_only=True,
                value={
                    "records": [
                        {"contact": 301, "attended": True},
                        {"contact": 302, "attended": True},
                        {"contact": 305, "attended": False},
                    ]
                },
            ),
            OpenApiExample(
                "Li Na came", response_only=True, value={**INVITED_EXAMPLE, "attended": True}
            ),
            OpenApiExample(
                "Cancelled",
                response_only=True,
                status_codes=["409"],
                value={"detail": "Nobody attends a cancelled session."},
            ),
        ],
    )
    # It answers the whole list: without a paginator the schema says so too.
    @action(detail=True, methods=["get", "post"], filter_backends=[], pagination_class=None)
    def attendance(self, request, pk=None):
        session = self.get_object()
        if request.method == "POST":
            params = s.AttendanceRecordSerializer(data=request.data)
            params.is_valid(raise_exception=True)
            services.attendance_record(
                session=session,
                by=request.user,
                attended={
                    row["contact"]: row["attended"] for row in params.validated_data["records"]
                },
            )
        rows = session.attendances.select_related("contact").order_by("contact__name", "id")
        return Response(s.AttendanceSerializer(rows, many=True).data)

    @extend_schema(
        request=s.InviteSerializer,
        responses={200: s.AttendanceSerializer(many=True), 409: CONFLICT},
        description=_("Invite contacts of the session's account (already invited ones are kept)."),
        examples=[
            OpenApiExample("Invite", request_only=True, value={"contacts": [301, 302, 305]}),
            OpenApiExample("Li Na, invited", response_only=True, value=INVITED_EXAMPLE),
            OpenApiExample(
                "Cancelled",
                response_only=True,
                status_codes=["409"],
                value={"detail": "Nobody is invited to a cancelled session."},
            ),
        ],
    )
    @action(detail=True, methods=["post"], pagination_class=None)
    def invite(self, request, pk=None):
        session = self.get_object()
        params = s.InviteSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        contacts = self._contacts(session, params.validated_data["contacts"])
        services.attendance_invite(session=session, by=request.user, contacts=contacts)
        rows = session.attendances.select_related("contact").order_by("contact__name", "id")
        return Response(s.AttendanceSerializer(rows, many=True).data)

    @extend_schema(
        methods=["GET"],
        request=None,
        responses={200: s.TrainingFeedbackSerializer(many=True)},
        description=_("The attendees' feedback, newest first."),
    )
    @extend_schema(
        methods=["POST"],
        request=s.TrainingFeedbackSerializer,
        responses={201: s.TrainingFeedbackSerializer, 409: CONFLICT},
        description=_(
            "Record an attendee's feedback on a done session (a score of 1–5 and comments); "
            "it is also a survey response with source `after_training`. Once per contact."
        ),
        examples=[
            OpenApiExample(
                "Useful",
                request_only=True,
                value={"contact": 301, "score": 5, "comments": "Clear and practical."},
            ),
            OpenApiExample(
                "The feedback, recorded",
                response_only=True,
                value={
                    "id": 415,
                    "contact": 301,
                    "contact_name": "Wang Lei",
                    "score": 5,
                    "comments": "Clear and practical.",
                    "submitted_on": "2026-12-11",
                    "survey": 3342,
                    "via_link": False,
                    "created_at": "2026-12-11T09:20:00+08:00",
                },
            ),
            OpenApiExample(
                "Given already",
                response_only=True,
                status_codes=["409"],
                value={"detail": "This contact has given feedback on this session already."},
            ),
        ],
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[])
    def feedback(self, request, pk=None):
        session = self.get_object()
        context = self.get_serializer_context()
        if request.method == "GET":
            rows = session.feedback.select_related("contact").order_by("-submitted_on", "-id")
            page = self.paginate_queryset(rows)
            return self.get_paginated_response(s.TrainingFeedbackSerializer(page, many=True).data)
        params = s.TrainingFeedbackSerializer(data=request.data, context=context)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        contact = None
        if data.get("contact_id") is not None:
            row = (
                session.attendances.select_related("contact")
                .filter(contact_id=data["contact_id"])
                .first()
            )
            contact = row.contact if row else None
            if contact is None:
                raise ValidationError({"contact": [_("Choose one of the people invited.")]})
        feedback = services.feedback_record(
            session=session,
            by=request.user,
            score=int(data["score"]),
            comments=data.get("comments", ""),
            contact=contact,
        )
        return Response(s.TrainingFeedbackSerializer(feedback).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.LinksRequestSerializer,
        responses={201: s.LinkSerializer(many=True), 409: CONFLICT},
        description=_(
            "Make feedback links for a done session: one per attendee still without one, "
            "plus `anonymous` links. Each works once, for 30 days, without an account; the "
            "URLs are shown now only."
        ),
        examples=[
            OpenApiExample("Two more for the room", request_only=True, value={"anonymous": 2}),
            OpenApiExample(
                "Li Na's link",
                response_only=True,
                value={
                    "id": 77,
                    "contact": 302,
                    "expires_at": "2027-01-10T09:30:00+08:00",
                    "url": (
                        "https://kam.example.com/feedback/"
                        "eyJsaW5rIjo3N30:1xZkqA:3mQ0n7sVt1bq4a9WcE2yJrP8uXoLdHfGiKzN5TbYwA0/"
                    ),
                },
            ),
            OpenApiExample(
                "Not done",
                response_only=True,
                status_codes=["409"],
                value={"detail": "Feedback links are made once the session is done."},
            ),
        ],
    )
    @action(detail=True, methods=["post"], url_path="feedback-links", pagination_class=None)
    def feedback_links(self, request, pk=None):
        session = self.get_object()
        params = s.LinksRequestSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        made = services.feedback_links_create(
            session=session, by=request.user, anonymous=params.validated_data["anonymous"]
        )
        rows = [
            {
                "id": link.pk,
                "contact_id": link.contact_id,
                "expires_at": link.expires_at,
                "url": request.build_absolute_uri(reverse("feedback", kwargs={"token": token})),
            }
            for link, token in made
        ]
        return Response(s.LinkSerializer(rows, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"],
        request=None,
        responses={200: s.TrainingMaterialSerializer(many=True)},
        description=_("The session's slides and handouts."),
    )
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": s.TrainingMaterialSerializer},
        responses={201: s.TrainingMaterialSerializer},
        description=_("Upload a material (checked by kind, size and content)."),
    )
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[parsers.MultiPartParser, SafeJSONParser],
        filter_backends=[],
        pagination_class=None,
    )
    def materials(self, request, pk=None):
        session = self.get_object()
        context = self.get_serializer_context()
        if request.method == "GET":
            rows = session.materials.order_by("title", "id")
            return Response(s.TrainingMaterialSerializer(rows, many=True, context=context).data)
        params = s.TrainingMaterialSerializer(data=request.data, context=context)
        params.is_valid(raise_exception=True)
        material = services.material_add(
            session=session,
            by=request.user,
            title=params.validated_data.get("title", ""),
            file=params.validated_data["file"],
        )
        return Response(
            s.TrainingMaterialSerializer(material, context=context).data,
            status=status.HTTP_201_CREATED,
        )
