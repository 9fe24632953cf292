"""API viewsets of duty 1: thin, every write goes through ``accounts.services``."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts import services
from accounts.api import serializers as s
from accounts.filtersets import (
    AccountFilterSet,
    ContactFilterSet,
    PlanActionFilterSet,
    RelationshipPlanFilterSet,
    SurveyResponseFilterSet,
    VisitFilterSet,
)
from accounts.models import Account, Contact, PlanAction, RelationshipPlan, SurveyResponse, Visit
from kam.api import ErrorSerializer, VisibleModelViewSet

CONFLICT = OpenApiResponse(ErrorSerializer, description=_("The record's state does not allow it."))
DUPLICATE = OpenApiResponse(
    inline_serializer(
        "DuplicateAccount",
        fields={
            "detail": serializers.CharField(),
            "duplicates": inline_serializer(
                "DuplicateAccountMatch",
                fields={"id": serializers.IntegerField(), "name": serializers.CharField()},
                many=True,
            ),
        },
    ),
    description=_("The company seems to be an account already."),
)
#: An account that left at the end of November.
CHURNED_ACCOUNT_EXAMPLE = {
    "id": 57,
    "code": "C-10057",
    "name": "宁波港口机械有限公司",
    "industry": "Port machinery",
    "tier": "key",
    "owner": 7,
    "status": "churned",
    "customer_since": "2019-04-01",
    "churned_on": "2026-11-30",
    "region": "East China",
    "annual_potential": "3000000.00",
    "last_visited_at": "2026-10-14T10:30:00+08:00",
    "created_at": "2024-03-05T09:00:00+08:00",
    "updated_at": "2026-12-01T09:15:00+08:00",
}


@extend_schema_view(
    create=extend_schema(
        description=_(
            "Create an account. A name that matches an existing company (ignoring case, "
            "width, spaces and legal forms such as 有限公司 or Co., Ltd.) answers 409 with "
            "the matches you may see in `duplicates`; send `confirm_duplicate: true` to "
            "create it anyway."
        ),
        responses={201: s.AccountSerializer, 409: DUPLICATE},
    ),
    destroy=extend_schema(
        description=_(
            "Delete an account entered by mistake. One with contacts, visits, "
            "surveys or plans answers 409: churn it instead."
        ),
        responses={204: None, 409: CONFLICT},
    ),
)
class AccountViewSet(VisibleModelViewSet):
    """Key accounts: the customers (or prospects) each rep owns."""

    queryset = Account.objects.all()
    serializer_class = s.AccountSerializer
    filterset_class = AccountFilterSet
    # Searched through the account's search document (kam.search), which holds these.
    search_fields = ["name", "code", "industry", "region"]
    ordering_fields = [
        "name",
        "tier",
        "status",
        "region",
        "annual_potential",
        "customer_since",
        "created_at",
        "updated_at",
    ]

    def perform_create_service(self, serializer):
        return services.account_create(by=self.request.user, **serializer.validated_data)

    def perform_update_service(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("confirm_duplicate", None)
        return services.account_update(account=serializer.instance, by=self.request.user, **data)

    def perform_destroy_service(self, instance):
        services.account_delete(account=instance, by=self.request.user)

    @extend_schema(
        request=s.AccountChurnSerializer,
        responses={200: s.AccountSerializer, 409: CONFLICT},
        description=_("Mark the account churned (409 if it already is)."),
        examples=[
            OpenApiExample(
                "Left in November", request_only=True, value={"churned_on": "2026-11-30"}
            ),
            OpenApiExample(
                "The churned account", response_only=True, value=CHURNED_ACCOUNT_EXAMPLE
            ),
            OpenApiExample(
                "Churned already",
                response_only=True,
                status_codes=["409"],
                value={"detail": "This account is already churned."},
            ),
        ],
    )
    @action(detail=True, methods=["post"])
    def churn(self, request, pk=None):
        account = self.get_object()
        params = s.AccountChurnSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        account = services.account_churn(account=account, by=request.user, **params.validated_data)
        return Response(self.get_serializer(account).data)

    @extend_schema(
        request=None,
        responses={200: s.AccountSerializer, 409: CONFLICT},
        description=_(
            "Make a churned account active again: a new customer relationship starts today "
            "(`customer_since`), the earlier one stays in its history. 409 if it is not churned."
        ),
        examples=[
            OpenApiExample(
                "Back in April",
                response_only=True,
                value={
                    **CHURNED_ACCOUNT_EXAMPLE,
                    "status": "active",
                    "customer_since": "2027-04-12",
                    "churned_on": None,
                    "updated_at": "2027-04-12T14:00:00+08:00",
                },
            ),
            OpenApiExample(
                "Not churned",
                response_only=True,
                status_codes=["409"],
                value={"detail": "Only a churned account can be reactivated."},
            ),
        ],
    )
    @action(detail=True, methods=["post"])
    def reactivate(self, request, pk=None):
        account = services.account_reactivate(account=self.get_object(), by=request.user)
        return Response(self.get_serializer(account).data)


@extend_schema_view(destroy=extend_schema(responses={204: None, 409: CONFLICT}))
class ContactViewSet(VisibleModelViewSet):
    """Stakeholders at an account; ``reports_to`` builds the stakeholder map."""

    queryset = Contact.objects.all()
    serializer_class = s.ContactSerializer
    filterset_class = ContactFilterSet
    search_fields = ["name", "title", "email", "account__name"]
    ordering_fields = ["name", "influence", "buying_role", "sentiment"]

    def perform_create_service(self, serializer):
        return services.contact_create(by=self.request.user, **serializer.validated_data)

    def perform_update_service(self, serializer):
        return services.contact_update(
            contact=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy_service(self, instance):
        services.contact_delete(contact=instance, by=self.request.user)


class VisitViewSet(VisibleModelViewSet):
    """Visits, calls and meetings with an account, with the contacts met."""

    queryset = Visit.objects.prefetch_related("contacts")
    serializer_class = s.VisitSerializer
    filterset_class = VisitFilterSet
    search_fields = ["purpose", "summary", "next_steps", "account__name"]
    ordering_fields = ["visited_at", "follow_up_on", "kind"]

    def perform_create_service(self, serializer):
        return services.visit_create(by=self.request.user, **serializer.validated_data)

    def perform_update_service(self, serializer):
        return services.visit_update(
            visit=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy_service(self, instance):
        services.visit_delete(visit=instance, by=self.request.user)


class SurveyResponseViewSet(VisibleModelViewSet):
    """Customer satisfaction answers (score 1–5, optional NPS 0–10)."""

    queryset = SurveyResponse.objects.all()
    serializer_class = s.SurveyResponseSerializer
    filterset_class = SurveyResponseFilterSet
    search_fields = ["comment", "account__name"]
    ordering_fields = ["received_on", "score", "nps"]

    def perform_create_service(self, serializer):
        return services.survey_create(by=self.request.user, **serializer.validated_data)

    def perform_update_service(self, serializer):
        return services.survey_update(
            survey=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy_service(self, instance):
        services.survey_delete(survey=instance, by=self.request.user)


@extend_schema_view(destroy=extend_schema(responses={204: None, 409: CONFLICT}))
class RelationshipPlanViewSet(VisibleModelViewSet):
    """Relationship maintenance plans, with their actions (written under ``plan-actions``)."""

    queryset = RelationshipPlan.objects.prefetch_related("actions")
    serializer_class = s.RelationshipPlanSerializer
    filterset_class = RelationshipPlanFilterSet
    search_fields = ["objectives", "account__name"]
    ordering_fields = ["year", "quarter", "status", "created_at"]

    def perform_create_service(self, serializer):
        return services.relationship_plan_create(by=self.request.user, **serializer.validated_data)

    def perform_update_service(self, serializer):
        return services.relationship_plan_update(
            plan=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy_service(self, instance):
        services.relationship_plan_delete(plan=instance, by=self.request.user)


class PlanActionViewSet(VisibleModelViewSet):
    """The actions of relationship plans, each with an owner and a due date."""

    queryset = PlanAction.objects.all()
    serializer_class = s.PlanActionSerializer
    filterset_class = PlanActionFilterSet
    search_fields = ["title", "plan__account__name"]
    ordering_fields = ["due_on", "done_on", "title"]

    def perform_create_service(self, serializer):
        return services.plan_action_create(by=self.request.user, **serializer.validated_data)

    def perform_update_service(self, serializer):
        return services.plan_action_update(
            action=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy_service(self, instance):
        services.plan_action_delete(action=instance, by=self.request.user)
