"""Serializers of duty 2. They validate shape and references; services do the writing.

Accounts (a plan's lines, an opportunity's, an order's) and an order's opportunity are
looked up in ``visible_to(user, "change")``; an owner must be someone the writer may
assign (``assignable_owners``). States change only through the services: a plan through
its actions, an opportunity's ``stage`` through ``opportunity_move``, an order's
``status`` through ``order_transition``.
"""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Account
from kam.api import OwnerField, VisibleRelatedField
from market_intel.models import Competitor
from sales_plans import selectors
from sales_plans.choices import Stage
from sales_plans.models import Opportunity, Order, PlanTarget, SalesPlan, StageChange

OWNER_HELP = gettext_lazy("Defaults to you; managers may pick a rep of their teams.")


# -- sales plans ----------------------------------------------------------------------------


class PlanTargetSerializer(serializers.ModelSerializer):
    """A per-account line of a plan: ``{account, target_amount}`` (the name is read-only)."""

    account = VisibleRelatedField(Account)
    account_name = serializers.CharField(source="account.name", read_only=True)

    class Meta:
        model = PlanTarget
        fields = ["account", "account_name", "target_amount"]


class AttainmentLineSerializer(serializers.Serializer):
    account = serializers.IntegerField(source="account.pk")
    account_name = serializers.CharField(source="account.name")
    target = serializers.DecimalField(max_digits=18, decimal_places=2)
    actual = serializers.DecimalField(max_digits=18, decimal_places=2)
    percent = serializers.FloatField(allow_null=True)


class AttainmentSerializer(serializers.Serializer):
    """``selectors.plan_attainment``: the plan's target against its orders so far."""

    target = serializers.DecimalField(max_digits=18, decimal_places=2)
    actual = serializers.DecimalField(max_digits=18, decimal_places=2)
    percent = serializers.FloatField(
        allow_null=True, help_text=gettext_lazy("Null when the target is zero (no data).")
    )
    lines = AttainmentLineSerializer(many=True)
    other = serializers.DecimalField(
        max_digits=18,
        decimal_places=2,
        help_text=gettext_lazy("Orders of accounts without a line of their own."),
    )
    through = serializers.DateField(help_text=gettext_lazy("The last day counted."))


class SalesPlanSerializer(serializers.ModelSerializer):
    owner = OwnerField(required=False, help_text=OWNER_HELP)
    period = serializers.CharField(read_only=True)
    targets = PlanTargetSerializer(
        many=True,
        required=False,
        help_text=gettext_lazy(
            "Optional per-account lines, adding up to at most the plan's target; "
            "sending a list replaces the plan's lines."
        ),
    )

    class Meta:
        model = SalesPlan
        fields = [
            "id",
            "owner",
            "year",
            "quarter",
            "period",
            "target_amount",
            "strategy",
            "status",
            "revision",
            "submitted_at",
            "approved_by",
            "approved_at",
            "decision_comment",
            "targets",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "status",
            "revision",
            "submitted_at",
            "approved_by",
            "approved_at",
            "decision_comment",
            "created_at",
            "updated_at",
        ]
        # The model's conditional unique constraints are checked by the service's full_clean.
        validators = []


class SalesPlanDetailSerializer(SalesPlanSerializer):
    """A plan with its attainment so far (three queries: never on a list)."""

    attainment = serializers.SerializerMethodField()

    class Meta(SalesPlanSerializer.Meta):
        fields = [*SalesPlanSerializer.Meta.fields, "attainment"]

    @extend_schema_field(AttainmentSerializer)
    def get_attainment(self, plan):
        return AttainmentSerializer(selectors.plan_attainment(plan)).data


class PlanApproveSerializer(serializers.Serializer):
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=gettext_lazy("An optional note to the plan's owner."),
    )


class PlanRejectSerializer(serializers.Serializer):
    comment = serializers.CharField(
        help_text=gettext_lazy("Why the plan is rejected, so it can be fixed (required).")
    )


# -- the funnel -----------------------------------------------------------------------------


class StageChangeSerializer(serializers.ModelSerializer):
    # Declared: a read-only model field would lose ``allow_blank``, and the schema would
    # then refuse the creation's empty ``from_stage``.
    from_stage = serializers.ChoiceField(
        choices=Stage.choices,
        allow_blank=True,
        read_only=True,
        help_text=gettext_lazy("Empty for the opportunity's creation."),
    )

    class Meta:
        model = StageChange
        fields = ["from_stage", "to_stage", "changed_at", "changed_by"]
        read_only_fields = fields


class OpportunitySerializer(serializers.ModelSerializer):
    account = VisibleRelatedField(Account)
    competitor = VisibleRelatedField(Competitor, required=False, allow_null=True)
    account_name = serializers.CharField(source="account.name", read_only=True)
    owner = OwnerField(required=False, help_text=OWNER_HELP)

    class Meta:
        model = Opportunity
        fields = [
            "id",
            "account",
            "account_name",
            "owner",
            "name",
            "stage",
            "amount",
            "opened_on",
            "expected_close_on",
            "closed_on",
            "lost_reason",
            "competitor",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {
            "stage": {
                "help_text": gettext_lazy(
                    "A new stage is a move through the funnel, recorded in stage_changes; "
                    "lost needs a lost_reason."
                )
            },
            "closed_on": {
                "help_text": gettext_lazy(
                    "Set when the deal is won or lost (today unless given); cleared on reopening."
                )
            },
        }


class OpportunityDetailSerializer(OpportunitySerializer):
    """An opportunity with its moves through the funnel, oldest first."""

    stage_changes = StageChangeSerializer(many=True, read_only=True)

    class Meta(OpportunitySerializer.Meta):
        fields = [*OpportunitySerializer.Meta.fields, "stage_changes"]


# -- orders ---------------------------------------------------------------------------------


class OrderSerializer(serializers.ModelSerializer):
    account = VisibleRelatedField(Account)
    account_name = serializers.CharField(source="account.name", read_only=True)
    owner = OwnerField(required=False, help_text=OWNER_HELP)
    opportunity = VisibleRelatedField(Opportunity, required=False, allow_null=True)
    is_overdue = serializers.BooleanField(
        read_only=True,
        help_text=gettext_lazy("Past its promised date and not delivered (nor cancelled)."),
    )

    class Meta:
        model = Order
        fields = [
            "id",
            "number",
            "account",
            "account_name",
            "owner",
            "ordered_on",
            "amount",
            "promised_on",
            "delivered_on",
            "status",
            "is_overdue",
            "opportunity",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {
            "status": {
                "help_text": gettext_lazy(
                    "Moves forward only (skipping is fine); cancelled from anything not yet "
                    "delivered; delivered needs delivered_on. Anything else answers 409."
                )
            },
        }
