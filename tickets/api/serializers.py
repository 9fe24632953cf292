"""Serializers of duty 4. They validate shape and references; services do the writing.

A ticket's account is named by id, name and tier only: that is all of the account a
department member may see (DESIGN.md), and the same answer serves the rep. The status,
the assignee and the department change through the ticket's actions, the clock never by
hand.
"""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Account, Contact
from kam.api import VisibleRelatedField
from kam.choices import Role
from kam.models import Department, User
from sales_plans.models import Order
from tickets.choices import ClockStop, SlaState, TicketStatus
from tickets.models import Ticket, TicketEvent


class DepartmentField(serializers.SlugRelatedField):
    """A department by its code (``logistics``, ``tech_support`` …)."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=Department.objects.all(), **kwargs)


class TicketSerializer(serializers.ModelSerializer):
    account = VisibleRelatedField(Account)
    account_name = serializers.CharField(source="account.name", read_only=True)
    account_tier = serializers.CharField(source="account.tier", read_only=True)
    order = VisibleRelatedField(Order, required=False, allow_null=True)
    order_number = serializers.CharField(
        source="order.number", read_only=True, default=None, allow_null=True
    )
    order_promised_on = serializers.DateField(
        source="order.promised_on", read_only=True, default=None, allow_null=True
    )
    department = DepartmentField(
        required=False,
        help_text=gettext_lazy(
            "A department code. Left out, the category's routing rule decides; afterwards "
            "it changes through `assign`."
        ),
    )
    raised_by_name = serializers.CharField(source="raised_by.display_name", read_only=True)
    assignee_name = serializers.CharField(
        source="assignee.display_name", read_only=True, default=None, allow_null=True
    )
    sla_state = serializers.ChoiceField(
        choices=SlaState.choices,
        source="current_sla_state",
        read_only=True,
        help_text=gettext_lazy(
            "on_track, at_risk (three quarters of the SLA used), breached, paused (waiting on the "
            "customer), or for a done ticket met or missed."
        ),
    )
    remaining_seconds = serializers.SerializerMethodField(
        help_text=gettext_lazy(
            "Open time left before due_at (negative: overdue by that much), in business "
            "seconds when sla_calendar is set; null once resolved."
        )
    )
    sla_calendar = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy(
            "The business calendar the SLA counts in (its priority's policy's when the "
            "ticket opened); null: round the clock."
        ),
    )
    clock_stopped = serializers.SerializerMethodField(
        help_text=gettext_lazy(
            "Why the SLA clock is not running now: waiting_on_customer, holiday, "
            "outside_hours or resolved; null while it runs."
        )
    )
    resolution_hours = serializers.FloatField(
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("resolved_at − opened_at − paused_seconds, in hours."),
    )
    feedback_score = serializers.IntegerField(
        source="feedback.score", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Ticket
        fields = [
            "id",
            "account",
            "account_name",
            "account_tier",
            "order",
            "order_number",
            "order_promised_on",
            "category",
            "priority",
            "subject",
            "description",
            "department",
            "status",
            "raised_by",
            "raised_by_name",
            "assignee",
            "assignee_name",
            "opened_at",
            "first_response_at",
            "resolved_at",
            "due_at",
            "paused_seconds",
            "sla_state",
            "remaining_seconds",
            "sla_calendar",
            "clock_stopped",
            "resolution_hours",
            "feedback_score",
            "updated_at",
        ]
        read_only_fields = [
            "status",
            "raised_by",
            "assignee",
            "opened_at",
            "first_response_at",
            "resolved_at",
            "due_at",
            "paused_seconds",
            "updated_at",
        ]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_remaining_seconds(self, ticket) -> int | None:
        if ticket.status in (TicketStatus.RESOLVED, TicketStatus.CLOSED):
            return None
        return int(ticket.remaining().total_seconds())

    @extend_schema_field(serializers.ChoiceField(choices=ClockStop.choices, allow_null=True))
    def get_clock_stopped(self, ticket) -> str | None:
        stop = ticket.clock_stop()
        return None if stop is None else str(stop[0])

    def validate(self, attrs):
        if self.instance is not None:
            errors = {}
            if "account" in attrs and attrs["account"].pk != self.instance.account_id:
                errors["account"] = [gettext_lazy("A ticket stays on its account.")]
            if "department" in attrs and attrs["department"].pk != self.instance.department_id:
                errors["department"] = [gettext_lazy("Send it to another department with assign.")]
            if errors:
                raise serializers.ValidationError(errors)
            attrs.pop("account", None)
            attrs.pop("department", None)
        return attrs


class TicketEventSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.display_name", read_only=True)
    # Declared: read-only model fields would lose ``allow_blank`` and ``allow_null``, and the
    # schema would then refuse a comment's empty statuses and its null department.
    from_status = serializers.ChoiceField(
        choices=TicketStatus.choices,
        allow_blank=True,
        read_only=True,
        help_text=gettext_lazy(
            "Before a status change (empty for the ticket's opening); empty for other events."
        ),
    )
    to_status = serializers.ChoiceField(
        choices=TicketStatus.choices,
        allow_blank=True,
        read_only=True,
        help_text=gettext_lazy("After a status change; empty for other events."),
    )
    department = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy(
            "After a reassignment, the department the ticket is with; null for other events."
        ),
    )
    assignee_name = serializers.CharField(
        source="assignee.display_name", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = TicketEvent
        fields = [
            "id",
            "kind",
            "author",
            "author_name",
            "body",
            "from_status",
            "to_status",
            "department",
            "assignee",
            "assignee_name",
            "created_at",
        ]
        read_only_fields = fields


class CommentSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=10000)


class TransitionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=TicketStatus.choices,
        help_text=gettext_lazy(
            "open → in_progress | waiting_on_customer | resolved; in_progress → "
            "waiting_on_customer | resolved; waiting_on_customer → in_progress | resolved; "
            "resolved → closed | open (reopen); closed → open (reopen). Anything else is 409."
        ),
    )
    note = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")


class AssignSerializer(serializers.Serializer):
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(role=Role.DEPARTMENT, is_active=True),
        allow_null=True,
        required=False,
        default=None,
        help_text=gettext_lazy("A member of the ticket's (new) department, or null for nobody."),
        error_messages={
            "does_not_exist": gettext_lazy("Choose an active member of the ticket's department.")
        },
    )
    department = DepartmentField(
        required=False,
        allow_null=True,
        default=None,
        help_text=gettext_lazy("Send the ticket to another department (its queue)."),
    )
    note = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")


class FeedbackSerializer(serializers.Serializer):
    score = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")
    contact = VisibleRelatedField(Contact, required=False, allow_null=True, default=None)


class FeedbackResultSerializer(serializers.Serializer):
    survey = serializers.IntegerField(source="pk")
    score = serializers.IntegerField()
    comment = serializers.CharField()
    received_on = serializers.DateField()
    source = serializers.CharField()
