"""API viewsets of duty 2: thin, every write goes through ``sales_plans.services``."""

from django.db.models import Prefetch
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

from kam.api import ErrorSerializer, VisibleModelViewSet
from sales_plans import services
from sales_plans.api import serializers as s
from sales_plans.filtersets import OpportunityFilterSet, OrderFilterSet, SalesPlanFilterSet
from sales_plans.models import Opportunity, Order, PlanTarget, SalesPlan, StageChange

CONFLICT = OpenApiResponse(ErrorSerializer, description=_("The record's state does not allow it."))
ORDER_CONFLICT = OpenApiResponse(
    inline_serializer(
        "OrderConflict",
        fields={
            "detail": serializers.CharField(),
            "allowed": serializers.ListField(child=serializers.CharField()),
        },
    ),
    description=_(
        "The order's life does not allow that status; `allowed` lists the ones it may take."
    ),
)
#: Alice's plan for 2027 Q1 as she submits it, in December: no order counts yet.
SUBMITTED_PLAN_EXAMPLE = {
    "id": 318,
    "owner": 7,
    "year": 2027,
    "quarter": 1,
    "period": "2027 Q1",
    "target_amount": "12000000.00",
    "strategy": "Grow the three strategic accounts in Zhejiang; win back Ningbo Harbour Machinery.",
    "status": "submitted",
    "revision": 1,
    "submitted_at": "2026-12-15T17:30:00+08:00",
    "approved_by": None,
    "approved_at": None,
    "decision_comment": "",
    "targets": [
        {"account": 57, "account_name": "宁波港口机械有限公司", "target_amount": "2500000.00"},
        {"account": 41, "account_name": "杭州精密铸造有限公司", "target_amount": "5000000.00"},
    ],
    "created_at": "2026-12-10T09:05:00+08:00",
    "updated_at": "2026-12-15T17:30:00+08:00",
    "attainment": {
        "target": "12000000.00",
        "actual": "0.00",
        "percent": 0.0,
        "lines": [
            {
                "account": 57,
                "account_name": "宁波港口机械有限公司",
                "target": "2500000.00",
                "actual": "0.00",
                "percent": 0.0,
            },
            {
                "account": 41,
                "account_name": "杭州精密铸造有限公司",
                "target": "5000000.00",
                "actual": "0.00",
                "percent": 0.0,
            },
        ],
        "other": "0.00",
        "through": "2026-12-15",
    },
}
APPROVE_COMMENT = "Agreed; keep Ningbo in view."
REJECT_COMMENT = "Ningbo's line is too low: its 2026 orders came to 3.1 million."
APPROVED_PLAN_EXAMPLE = {
    **SUBMITTED_PLAN_EXAMPLE,
    "status": "approved",
    "approved_by": 3,
    "approved_at": "2026-12-16T10:05:00+08:00",
    "decision_comment": APPROVE_COMMENT,
    "updated_at": "2026-12-16T10:05:00+08:00",
    "attainment": {**SUBMITTED_PLAN_EXAMPLE["attainment"], "through": "2026-12-16"},
}
REJECTED_PLAN_EXAMPLE = {
    **APPROVED_PLAN_EXAMPLE,
    "status": "rejected",
    "approved_by": None,
    "approved_at": None,
    "decision_comment": REJECT_COMMENT,
}
#: The approved plan reopened in February as revision 2, with the quarter's orders so far.
REVISED_PLAN_EXAMPLE = {
    **SUBMITTED_PLAN_EXAMPLE,
    "status": "draft",
    "revision": 2,
    "submitted_at": None,
    "updated_at": "2027-02-03T11:20:00+08:00",
    "attainment": {
        "target": "12000000.00",
        "actual": "4380000.00",
        "percent": 36.5,
        "lines": [
            {
                "account": 57,
                "account_name": "宁波港口机械有限公司",
                "target": "2500000.00",
                "actual": "640000.00",
                "percent": 25.6,
            },
            {
                "account": 41,
                "account_name": "杭州精密铸造有限公司",
                "target": "5000000.00",
                "actual": "2910000.00",
                "percent": 58.2,
            },
        ],
        "other": "830000.00",
        "through": "2027-02-03",
    },
}
NOT_SUBMITTED = OpenApiExample(
    "Not submitted",
    response_only=True,
    status_codes=["409"],
    value={"detail": "Only a submitted plan can be approved or rejected."},
)
#: Opportunities and orders are never deleted: a lost deal is marked lost, an order cancelled.
NO_DELETE = ["get", "post", "put", "patch", "head", "options"]
PLAN_WRITE = extend_schema(
    description=_(
        "Change a draft or rejected plan. A submitted plan waits for its decision and an "
        "approved one changes through `revise`: both answer 409. Sending `targets` "
        "replaces the plan's per-account lines."
    ),
    responses={200: s.SalesPlanDetailSerializer, 409: CONFLICT},
)


@extend_schema_view(
    update=PLAN_WRITE,
    partial_update=PLAN_WRITE,
    destroy=extend_schema(
        description=_(
            "Delete a draft that was never approved (its owner only); any other plan "
            "stays on record and answers 409."
        ),
        responses={204: None, 409: CONFLICT},
    ),
)
class SalesPlanViewSet(VisibleModelViewSet):
    """Sales plans: a rep's target for a quarter (or a year), approved by their manager.

    A plan is written as a draft, submitted by its owner, then approved or rejected by the
    owner's manager; a rejected plan is fixed and submitted again, an approved one is
    revised (a new revision, in draft) and approved again. The list leaves out the
    attainment figures every other answer carries.
    """

    queryset = SalesPlan.objects.prefetch_related(
        Prefetch("targets", queryset=PlanTarget.objects.select_related("account"))
    )
    filterset_class = SalesPlanFilterSet
    search_fields = ["strategy", "owner__username", "owner__first_name", "owner__last_name"]
    ordering_fields = [
        "year",
        "quarter",
        "target_amount",
        "status",
        "submitted_at",
        "approved_at",
        "created_at",
        "updated_at",
    ]

    def get_serializer_class(self):
        if self.action == "list":
            return s.SalesPlanSerializer
        return s.SalesPlanDetailSerializer

    def perform_create_service(self, serializer):
        return services.sales_plan_create(by=self.request.user, **serializer.validated_data)

    def perform_update_service(self, serializer):
        return services.sales_plan_update(
            plan=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy_service(self, instance):
        services.sales_plan_delete(plan=instance, by=self.request.user)

    @extend_schema(
        request=None,
        responses={200: s.SalesPlanDetailSerializer, 409: CONFLICT},
        description=_(
            "Submit the plan for its owner's manager to decide (the owner only; 409 unless "
            "the plan is a draft or rejected)."
        ),
        examples=[
            OpenApiExample("The submitted plan", response_only=True, value=SUBMITTED_PLAN_EXAMPLE),
            OpenApiExample(
                "Submitted already",
                response_only=True,
                status_codes=["409"],
                value={"detail": "Only a draft or rejected plan can be submitted."},
            ),
        ],
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        plan = services.sales_plan_submit(plan=self.get_object(), by=request.user)
        return Response(self.get_serializer(plan).data)

    @extend_schema(
        request=s.PlanApproveSerializer,
        responses={200: s.SalesPlanDetailSerializer, 409: CONFLICT},
        description=_(
            "Approve a submitted plan, with an optional comment (the owner's manager only, "
            "never the owner; 409 unless the plan is submitted)."
        ),
        examples=[
            OpenApiExample("Approve", request_only=True, value={"comment": APPROVE_COMMENT}),
            OpenApiExample("The approved plan", response_only=True, value=APPROVED_PLAN_EXAMPLE),
            NOT_SUBMITTED,
        ],
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        plan = self.get_object()
        params = s.PlanApproveSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        plan = services.sales_plan_approve(plan=plan, by=request.user, **params.validated_data)
        return Response(self.get_serializer(plan).data)

    @extend_schema(
        request=s.PlanRejectSerializer,
        responses={200: s.SalesPlanDetailSerializer, 409: CONFLICT},
        description=_(
            "Reject a submitted plan, saying why in `comment` (required; the owner's "
            "manager only, never the owner; 409 unless the plan is submitted)."
        ),
        examples=[
            OpenApiExample("Reject", request_only=True, value={"comment": REJECT_COMMENT}),
            OpenApiExample("The rejected plan", response_only=True, value=REJECTED_PLAN_EXAMPLE),
            NOT_SUBMITTED,
        ],
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        plan = self.get_object()
        params = s.PlanRejectSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        plan = services.sales_plan_reject(plan=plan, by=request.user, **params.validated_data)
        return Response(self.get_serializer(plan).data)

    @extend_schema(
        request=None,
        responses={200: s.SalesPlanDetailSerializer, 409: CONFLICT},
        description=_(
            "Reopen an approved plan as the draft of its next revision (the owner only; "
            "409 unless the plan is approved). The history keeps the approved figures."
        ),
        examples=[
            OpenApiExample("Revision 2, in draft", response_only=True, value=REVISED_PLAN_EXAMPLE),
            OpenApiExample(
                "Not approved",
                response_only=True,
                status_codes=["409"],
                value={"detail": "Only an approved plan is revised; edit a draft directly."},
            ),
        ],
    )
    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        plan = services.sales_plan_revise(plan=self.get_object(), by=request.user)
        return Response(self.get_serializer(plan).data)


@extend_schema_view(
    partial_update=extend_schema(
        description=_(
            "Change an opportunity. A new `stage` moves it through the funnel and is "
            "recorded in `stage_changes`; `won` and `lost` close it (`closed_on` today "
            "unless given), and `lost` needs a `lost_reason`."
        )
    ),
)
class OpportunityViewSet(VisibleModelViewSet):
    """Deals in the funnel, with their moves from stage to stage (on every answer but lists).

    Opportunities are not deleted: a deal that falls through is marked lost, with its reason.
    """

    queryset = Opportunity.objects.select_related("account")
    http_method_names = NO_DELETE
    filterset_class = OpportunityFilterSet
    # Searched through the opportunity's search document (kam.search), which holds these.
    search_fields = ["name", "account__name"]
    ordering_fields = [
        "name",
        "stage",
        "amount",
        "opened_on",
        "expected_close_on",
        "closed_on",
        "created_at",
        "updated_at",
    ]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            # The default order; ``?ordering=`` replaces it.
            return queryset.by_expected_close(self.request.user)
        return queryset.prefetch_related(
            Prefetch("stage_changes", queryset=StageChange.objects.order_by("changed_at", "id"))
        )

    def get_serializer_class(self):
        if self.action == "list":
            return s.OpportunitySerializer
        return s.OpportunityDetailSerializer

    def perform_create_service(self, serializer):
        return services.opportunity_create(by=self.request.user, **serializer.validated_data)

    def perform_update_service(self, serializer):
        return services.opportunity_update(
            opportunity=serializer.instance, by=self.request.user, **serializer.validated_data
        )


ORDER_WRITE = extend_schema(
    description=_(
        "Change an order. A new `status` goes through the order's life: forward only "
        "(skipping is fine), cancelled from anything not yet delivered, `delivered` with "
        "its `delivered_on` (400 without); anything else answers 409."
    ),
    responses={200: s.OrderSerializer, 409: ORDER_CONFLICT},
)


@extend_schema_view(update=ORDER_WRITE, partial_update=ORDER_WRITE)
class OrderViewSet(VisibleModelViewSet):
    """Customer orders: what attainment counts and fulfilment judges.

    Orders are not deleted: one that will not be delivered is cancelled (status
    ``cancelled``), and then counts towards no target.
    """

    queryset = Order.objects.select_related("account")
    http_method_names = NO_DELETE
    serializer_class = s.OrderSerializer
    filterset_class = OrderFilterSet
    # Searched through the order's search document (kam.search), which holds these.
    search_fields = ["number", "account__name"]
    ordering_fields = [
        "number",
        "ordered_on",
        "amount",
        "promised_on",
        "delivered_on",
        "status",
        "created_at",
        "updated_at",
    ]

    def perform_create_service(self, serializer):
        return services.order_create(by=self.request.user, **serializer.validated_data)

    def perform_update_service(self, serializer):
        return services.order_update(
            order=serializer.instance, by=self.request.user, **serializer.validated_data
        )
