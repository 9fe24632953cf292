"""Serializers of duty 1. They validate shape and references; services do the writing.

Every reference (account, contact, reports_to, contacts, plan) is looked up in
``visible_to(user, "change")``, so nobody can attach a record to an account they cannot
see or change; an owner must be someone the writer may assign (``assignable_owners``).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from accounts.choices import AccountStatus
from accounts.models import Account, Contact, PlanAction, RelationshipPlan, SurveyResponse, Visit
from kam.api import BoundedDateTimeField, OwnerField, VisibleRelatedField, VisibleUserField
from kam.visibility import assignable_owners


class AccountSerializer(serializers.ModelSerializer):
    owner = OwnerField(
        required=False,
        help_text=gettext_lazy("Defaults to you; managers may pick a rep of their teams."),
    )
    confirm_duplicate = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text=gettext_lazy(
            "A new account whose name matches an existing company answers 409 naming it; "
            "send true to create it anyway."
        ),
    )

    class Meta:
        model = Account
        fields = [
            "id",
            "code",
            "name",
            "industry",
            "tier",
            "owner",
            "status",
            "customer_since",
            "churned_on",
            "region",
            "annual_potential",
            "last_visited_at",
            "created_at",
            "updated_at",
            "confirm_duplicate",
        ]
        read_only_fields = ["churned_on", "last_visited_at", "created_at", "updated_at"]

    def validate_status(self, value):
        current = self.instance.status if self.instance is not None else None
        if value == AccountStatus.CHURNED and current != AccountStatus.CHURNED:
            raise serializers.ValidationError(_("Mark an account churned with its churn action."))
        if current == AccountStatus.CHURNED and value != AccountStatus.CHURNED:
            raise serializers.ValidationError(
                _("Bring a churned account back with its reactivate action.")
            )
        return value


class AccountChurnSerializer(serializers.Serializer):
    churned_on = serializers.DateField(
        required=False, help_text=gettext_lazy("The day the account left; defaults to today.")
    )


class ContactSerializer(serializers.ModelSerializer):
    account = VisibleRelatedField(Account)
    reports_to = VisibleRelatedField(Contact, required=False, allow_null=True)

    class Meta:
        model = Contact
        fields = [
            "id",
            "account",
            "name",
            "title",
            "email",
            "phone",
            "buying_role",
            "influence",
            "sentiment",
            "reports_to",
        ]


class VisitSerializer(serializers.ModelSerializer):
    account = VisibleRelatedField(Account)
    contacts = VisibleRelatedField(Contact, many=True, required=False)
    visited_at = BoundedDateTimeField()

    class Meta:
        model = Visit
        fields = [
            "id",
            "account",
            "rep",
            "visited_at",
            "kind",
            "purpose",
            "summary",
            "next_steps",
            "follow_up_on",
            "contacts",
        ]
        read_only_fields = ["rep"]


class SurveyResponseSerializer(serializers.ModelSerializer):
    account = VisibleRelatedField(Account)
    contact = VisibleRelatedField(Contact, required=False, allow_null=True)

    class Meta:
        model = SurveyResponse
        fields = ["id", "account", "contact", "received_on", "score", "nps", "comment", "source"]


ACTION_OWNER_RULE = gettext_lazy(
    "An action is owned by the account's owner, you, or a rep you manage."
)


class PlanActionSerializer(serializers.ModelSerializer):
    plan = VisibleRelatedField(RelationshipPlan)
    owner = VisibleUserField(
        required=False,
        # The same answer for a user who exists and one who does not: ids are not probeable.
        error_messages={"does_not_exist": ACTION_OWNER_RULE},
        help_text=gettext_lazy(
            "Defaults to you; may be you, the account's owner, or a rep you manage."
        ),
    )

    class Meta:
        model = PlanAction
        fields = ["id", "plan", "title", "owner", "due_on", "done_on"]

    def validate(self, attrs):
        owner = attrs.get("owner")
        if owner is not None:
            plan = attrs.get("plan") or self.instance.plan
            user = self.context["request"].user
            if (
                owner.pk != plan.account.owner_id
                and not assignable_owners(user).filter(pk=owner.pk).exists()
            ):
                raise serializers.ValidationError({"owner": [ACTION_OWNER_RULE]})
        return attrs


class NestedPlanActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanAction
        fields = ["id", "title", "owner", "due_on", "done_on"]
        read_only_fields = fields


class RelationshipPlanSerializer(serializers.ModelSerializer):
    account = VisibleRelatedField(Account)
    actions = NestedPlanActionSerializer(many=True, read_only=True)

    class Meta:
        model = RelationshipPlan
        fields = [
            "id",
            "account",
            "year",
            "quarter",
            "objectives",
            "status",
            "created_at",
            "actions",
        ]
        read_only_fields = ["created_at"]
        # The model's conditional unique constraints are checked by the service's full_clean.
        validators = []
