"""API viewset of duty 4: thin, every write goes through ``tickets.services``."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from kam.api import ErrorSerializer, VisibleModelViewSet
from tickets import services
from tickets.api import serializers as s
from tickets.filtersets import TicketFilterSet
from tickets.models import Ticket

CONFLICT = OpenApiResponse(ErrorSerializer, description=_("The ticket's state does not allow it."))
TRANSITION_CONFLICT = OpenApiResponse(
    inline_serializer(
        "TicketConflict",
        fields={
            "detail": serializers.CharField(),
            "allowed": serializers.ListField(child=serializers.CharField()),
        },
    ),
    description=_(
        "The ticket's life does not allow that status; `allowed` lists what it may take."
    ),
)
#: Tickets are never deleted: a ticket that needs nothing more is resolved or closed.
NO_DELETE = ["get", "post", "put", "patch", "head", "options"]
TICKET_EXAMPLE = {
    "id": 812,
    "account": 41,
    "account_name": "杭州精密铸造有限公司",
    "account_tier": "strategic",
    "order": 90311,
    "order_number": "SO-2026-090311",
    "order_promised_on": "2026-12-03",
    "category": "delivery",
    "priority": "high",
    "subject": "Second batch of castings not arrived",
    "description": "The customer's plant expected 400 pieces on Monday.",
    "department": "logistics",
    "status": "in_progress",
    "raised_by": 7,
    "raised_by_name": "Alice Chen",
    "assignee": 52,
    "assignee_name": "Liu Yang",
    "opened_at": "2026-12-01T09:12:00+08:00",
    "first_response_at": "2026-12-01T09:40:00+08:00",
    "resolved_at": None,
    "due_at": "2026-12-03T09:12:00+08:00",
    "paused_seconds": 0,
    "sla_state": "on_track",
    "remaining_seconds": 152640,
    "sla_calendar": None,
    "clock_stopped": None,
    "resolution_hours": None,
    "feedback_score": None,
    "updated_at": "2026-12-01T09:40:00+08:00",
}
#: The same ticket once resolved: the clock has stopped (25 h 8 min after it was opened).
RESOLVED_TICKET_EXAMPLE = {
    **TICKET_EXAMPLE,
    "status": "resolved",
    "resolved_at": "2026-12-02T10:20:00+08:00",
    "sla_state": "met",
    "remaining_seconds": None,
    "resolution_hours": 25.13,
    "updated_at": "2026-12-02T10:20:00+08:00",
}
COMMENT_BODY = "Truck left Ningbo at 14:00, arrives tomorrow 10:00."


@extend_schema_view(
    list=extend_schema(
        description=_(
            "Tickets you may see: a department member's queue (the tickets routed to their "
            "department), a rep's tickets on their accounts, a manager's team's. Filter by "
            "`status`, `sla` (on_track, at_risk, breached, paused, met, missed), `priority`, "
            "`category`, `assignee`, `unassigned`, `due_before`…; `ordering=due_at` is the "
            "queue's order."
        )
    ),
    create=extend_schema(
        description=_(
            "Open a ticket on one of your accounts (optionally about one of its orders). "
            "Without `department` it goes where the category's routing rule sends it; its "
            "SLA clock starts now."
        ),
        examples=[
            OpenApiExample(
                "A late delivery",
                request_only=True,
                value={
                    "account": 41,
                    "order": 90311,
                    "category": "delivery",
                    "priority": "high",
                    "subject": "Second batch of castings not arrived",
                    "description": "The customer's plant expected 400 pieces on Monday.",
                },
            ),
        ],
    ),
)
class TicketViewSet(VisibleModelViewSet):
    """Cross-department tickets with a 48-hour SLA.

    A rep opens a ticket on an account; the department it is routed to answers it
    (comments, transitions, assignment) from its queue, here or on the web pages. The
    clock stops while the ticket waits on the customer and between a resolution and a
    reopening; when the priority's SLA policy has a business calendar (`sla_calendar`),
    it runs in working hours only. Of the account, a department member sees its name and
    tier only.
    """

    # A business calendar's hours and days come once per list (none without one).
    queryset = Ticket.objects.select_related(
        "account", "order", "department", "raised_by", "assignee", "feedback", "sla_calendar"
    ).prefetch_related("sla_calendar__hours", "sla_calendar__days")
    http_method_names = NO_DELETE
    serializer_class = s.TicketSerializer
    filterset_class = TicketFilterSet
    # Searched through the ticket's search document (kam.search), which holds these.
    search_fields = ["subject", "account__name", "order__number", "description"]
    ordering_fields = ["due_at", "opened_at", "resolved_at", "priority", "status", "updated_at"]

    def perform_create_service(self, serializer):
        return services.ticket_open(by=self.request.user, **serializer.validated_data)

    def perform_update_service(self, serializer):
        return services.ticket_update(
            ticket=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def detail_response(self, ticket):
        return Response(self.get_serializer(ticket).data)

    @extend_schema(
        request=None,
        responses={200: s.TicketEventSerializer(many=True)},
        description=_(
            "The ticket's timeline, oldest first: comments, status changes, reassignments."
        ),
    )
    # The ticket's own filters are not the timeline's (nor may they hide the ticket).
    @action(detail=True, methods=["get"], filter_backends=[])
    def events(self, request, pk=None):
        ticket = self.get_object()
        events = ticket.events.select_related("author", "department", "assignee").order_by(
            "created_at", "id"
        )
        page = self.paginate_queryset(events)
        return self.get_paginated_response(s.TicketEventSerializer(page, many=True).data)

    @extend_schema(
        request=s.CommentSerializer,
        responses={201: s.TicketEventSerializer},
        description=_(
            "Comment on the ticket. The department's first comment or transition is its "
            "first response (`first_response_at`)."
        ),
        examples=[
            OpenApiExample(
                "A logistics clerk answers", request_only=True, value={"body": COMMENT_BODY}
            ),
            OpenApiExample(
                "The comment on the timeline",
                response_only=True,
                value={
                    "id": 5521,
                    "kind": "comment",
                    "author": 52,
                    "author_name": "Liu Yang",
                    "body": COMMENT_BODY,
                    "from_status": "",
                    "to_status": "",
                    "department": None,
                    "assignee": None,
                    "assignee_name": None,
                    "created_at": "2026-12-01T09:40:00+08:00",
                },
            ),
        ],
    )
    @action(detail=True, methods=["post"])
    def comments(self, request, pk=None):
        ticket = self.get_object()
        params = s.CommentSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        event = services.ticket_comment(ticket=ticket, by=request.user, **params.validated_data)
        return Response(s.TicketEventSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.TransitionSerializer,
        responses={200: s.TicketSerializer, 409: TRANSITION_CONFLICT},
        description=_(
            "Move the ticket along its life, with an optional note on the timeline. "
            "`waiting_on_customer` stops the SLA clock until the ticket leaves it; "
            "`resolved` stops it for good unless the ticket is reopened (`open`)."
        ),
        examples=[
            OpenApiExample(
                "Resolve",
                request_only=True,
                value={"status": "resolved", "note": "Delivered and signed for at 10:20."},
            ),
            OpenApiExample(
                "The resolved ticket", response_only=True, value=RESOLVED_TICKET_EXAMPLE
            ),
            OpenApiExample(
                "Not allowed",
                response_only=True,
                status_codes=["409"],
                value={
                    "detail": "A ticket that is Closed cannot become In progress.",
                    "allowed": ["open"],
                },
            ),
        ],
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        ticket = self.get_object()
        params = s.TransitionSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        ticket = services.ticket_transition(
            ticket=ticket,
            to_status=params.validated_data["status"],
            by=request.user,
            note=params.validated_data["note"],
        )
        return self.detail_response(ticket)

    @extend_schema(
        request=s.AssignSerializer,
        responses={200: s.TicketSerializer, 409: CONFLICT},
        description=_(
            "Give the ticket to a member of its department (`assignee`, or null for nobody), "
            "or send it to another department's queue (`department`). Sent elsewhere, it "
            "leaves your department's queue."
        ),
        examples=[
            OpenApiExample("Take it", request_only=True, value={"assignee": 52}),
            OpenApiExample(
                "Send it to finance",
                request_only=True,
                value={"department": "finance", "note": "The customer disputes the invoice."},
            ),
            OpenApiExample("The ticket, assigned", response_only=True, value=TICKET_EXAMPLE),
            OpenApiExample(
                "Resolved already",
                response_only=True,
                status_codes=["409"],
                value={
                    "detail": "A resolved or closed ticket is reopened before it is reassigned."
                },
            ),
        ],
    )
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        ticket = self.get_object()
        params = s.AssignSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        ticket = services.ticket_assign(ticket=ticket, by=request.user, **params.validated_data)
        return self.detail_response(ticket)

    @extend_schema(
        request=s.FeedbackSerializer,
        responses={201: s.FeedbackResultSerializer, 409: CONFLICT},
        description=_(
            "Record the customer's satisfaction with a resolved ticket (1–5 and a comment), "
            "once. It is stored as a survey response with source `after_ticket`, so it "
            "counts towards the account's CSAT. The account's team only."
        ),
        examples=[
            OpenApiExample(
                "Satisfied", request_only=True, value={"score": 5, "comment": "Quick and clear."}
            ),
            OpenApiExample(
                "The survey response it made",
                response_only=True,
                value={
                    "survey": 3310,
                    "score": 5,
                    "comment": "Quick and clear.",
                    "received_on": "2026-12-02",
                    "source": "after_ticket",
                },
            ),
            OpenApiExample(
                "Recorded already",
                response_only=True,
                status_codes=["409"],
                value={"detail": "This ticket's feedback is recorded already."},
            ),
        ],
    )
    @action(detail=True, methods=["post"])
    def feedback(self, request, pk=None):
        ticket = self.get_object()
        params = s.FeedbackSerializer(data=request.data, context=self.get_serializer_context())
        params.is_valid(raise_exception=True)
        survey = services.ticket_record_feedback(
            ticket=ticket, by=request.user, **params.validated_data
        )
        return Response(s.FeedbackResultSerializer(survey).data, status=status.HTTP_201_CREATED)
