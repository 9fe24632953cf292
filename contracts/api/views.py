"""API viewsets of duty 6: thin, every write goes through ``contracts.services``."""

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
from rest_framework.response import Response

from contracts import services
from contracts.api import serializers as s
from contracts.filtersets import ContractFilterSet, ContractReviewFilterSet
from contracts.models import Contract, ContractReview
from kam.api import ErrorSerializer, VisibleModelViewSet, VisibleReadOnlyViewSet
from kam.parsers import SafeJSONParser

CONFLICT = OpenApiResponse(
    inline_serializer(
        "ContractConflict",
        fields={
            "detail": serializers.CharField(),
            "allowed": serializers.ListField(child=serializers.CharField(), required=False),
        },
    ),
    description=_("The contract's state does not allow it; `allowed` lists what it may become."),
)
REVIEW_CONFLICT = OpenApiResponse(
    ErrorSerializer, description=_("The review is decided already, or was superseded.")
)
#: Contracts are never deleted: one that will not be signed is terminated.
NO_DELETE = ["get", "post", "put", "patch", "head", "options"]


@extend_schema_view(
    list=extend_schema(
        description=_(
            "The contract ledger: contracts you may see (a rep's accounts', a manager's "
            "team's; for legal and finance, the contracts awaiting or carrying their "
            "review). Filter by `status`, `review_state`, `renewal_due`, `ends_before`…"
        )
    ),
    create=extend_schema(
        description=_(
            "A draft contract on one of your accounts; `body` makes its first version (a "
            "file is POSTed to `versions`)."
        ),
        examples=[
            OpenApiExample(
                "A supply agreement",
                request_only=True,
                value={
                    "account": 41,
                    "number": "HT-2027-0012",
                    "title": "2027 supply agreement, castings",
                    "value": "4800000.00",
                    "currency": "CNY",
                    "starts_on": "2027-01-01",
                    "ends_on": "2027-12-31",
                    "body": "1. Scope of supply …",
                },
            )
        ],
    ),
)
class ContractViewSet(VisibleModelViewSet):
    """Contracts with their versions, negotiation rounds and reviews.

    A rep negotiates (versions, rounds), submits the latest version for review, and signs
    once legal and finance have both approved. Nothing is overwritten: a new text is a
    new version, which reopens review. Of the account, a reviewer sees name and tier.
    """

    queryset = Contract.objects.select_related("account", "owner", "latest_version")
    http_method_names = NO_DELETE
    serializer_class = s.ContractSerializer
    filterset_class = ContractFilterSet
    # Searched through the contract's search document (kam.search), which holds these.
    search_fields = ["number", "title", "account__name"]
    ordering_fields = ["ends_on", "starts_on", "value", "number", "created_at", "updated_at"]

    def perform_create_service(self, serializer):
        return services.contract_create(by=self.request.user, **serializer.validated_data)

    def perform_update_service(self, serializer):
        return services.contract_update(
            contract=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def detail_response(self, contract):
        contract = self.get_queryset().get(pk=contract.pk)
        return Response(self.get_serializer(contract).data)

    @extend_schema(
        request=s.SubmitForReviewSerializer,
        responses={200: s.ContractSerializer, 409: CONFLICT},
        description=_(
            "Send the latest version to legal and finance (the required departments) for "
            "review: one review each, and each department is notified."
        ),
        examples=[
            OpenApiExample(
                "Submit",
                request_only=True,
                value={"note": "Price and payment terms agreed in round 2."},
            )
        ],
    )
    @action(detail=True, methods=["post"], url_path="submit-for-review")
    def submit_for_review(self, request, pk=None):
        contract = self.get_object()
        params = s.SubmitForReviewSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        services.contract_submit_for_review(
            contract=contract, by=request.user, note=params.validated_data["note"]
        )
        return self.detail_response(contract)

    @extend_schema(
        request=s.ContractTransitionSerializer,
        responses={200: s.ContractSerializer, 409: CONFLICT},
        description=_(
            "Move the contract along its life: start negotiating, withdraw it from review, "
            "sign it (`signed_on`), let it expire after its term, or terminate it (with a "
            "`note` saying why)."
        ),
        examples=[
            OpenApiExample(
                "Sign",
                request_only=True,
                value={"status": "signed", "signed_on": "2026-12-18", "note": ""},
            )
        ],
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        contract = self.get_object()
        params = s.ContractTransitionSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        services.contract_transition(
            contract=contract,
            to_status=data["status"],
            by=request.user,
            note=data["note"],
            signed_on=data["signed_on"],
        )
        return self.detail_response(contract)

    @extend_schema(
        request=s.ContractRenewSerializer,
        responses={201: s.ContractSerializer, 409: CONFLICT},
        description=_(
            "Start the renewal of a signed or expired contract: a new draft for the next "
            "term of the same length, with the last version's text to work from."
        ),
    )
    @action(detail=True, methods=["post"])
    def renew(self, request, pk=None):
        contract = self.get_object()
        params = s.ContractRenewSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        renewal = services.contract_renew(
            contract=contract, by=request.user, **params.validated_data
        )
        renewal = self.get_queryset().get(pk=renewal.pk)
        return Response(self.get_serializer(renewal).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"],
        request=None,
        responses={200: s.ContractVersionSerializer(many=True)},
        description=_("The contract's versions, first to latest."),
    )
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": s.ContractVersionSerializer},
        responses={201: s.ContractVersionSerializer, 409: CONFLICT},
        description=_(
            "Add the next version: a `file` (PDF or DOCX, multipart/form-data), a `body` "
            "text, or both. Versions are never changed; a contract in review or approved "
            "goes back into review with the new one."
        ),
    )
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[parsers.MultiPartParser, SafeJSONParser],
        filter_backends=[],
    )
    def versions(self, request, pk=None):
        contract = self.get_object()
        if request.method == "GET":
            versions = contract.versions.select_related("created_by").order_by("version_no")
            page = self.paginate_queryset(versions)
            return self.get_paginated_response(
                s.ContractVersionSerializer(
                    page, many=True, context=self.get_serializer_context()
                ).data
            )
        params = s.ContractVersionSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        params.is_valid(raise_exception=True)
        data = params.validated_data
        version = services.version_add(
            contract=contract,
            by=request.user,
            body=data.get("body", ""),
            file=data.get("file"),
            change_summary=data.get("change_summary", ""),
        )
        return Response(
            s.ContractVersionSerializer(version, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        methods=["GET"],
        request=None,
        responses={200: s.NegotiationRecordSerializer(many=True)},
        description=_("The negotiation rounds, in the order they were held."),
    )
    @extend_schema(
        methods=["POST"],
        request=s.NegotiationRecordSerializer,
        responses={201: s.NegotiationRecordSerializer, 409: CONFLICT},
        description=_("Record a round of negotiation (the first starts a draft's negotiation)."),
        examples=[
            OpenApiExample(
                "Round 2",
                request_only=True,
                value={
                    "held_on": "2026-11-20",
                    "participants": "Wang Li (purchasing), Alice Chen, Zhao Min (finance)",
                    "topics": "Price per piece; payment terms",
                    "concessions": "3 % off above 10,000 pieces",
                    "outcome": "Price agreed; payment 60 days",
                    "next_steps": "Send version 3 to legal and finance",
                },
            )
        ],
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[])
    def negotiations(self, request, pk=None):
        contract = self.get_object()
        if request.method == "GET":
            records = contract.negotiations.select_related("recorded_by").order_by("held_on", "id")
            page = self.paginate_queryset(records)
            return self.get_paginated_response(s.NegotiationRecordSerializer(page, many=True).data)
        params = s.NegotiationRecordSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        record = services.negotiation_add(
            contract=contract, by=request.user, **params.validated_data
        )
        return Response(s.NegotiationRecordSerializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={200: s.ContractReviewSerializer(many=True)},
        description=_("Every review of the contract, the current round first."),
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def reviews(self, request, pk=None):
        contract = self.get_object()
        reviews = (
            ContractReview.objects.visible_to(request.user)
            .filter(contract=contract)
            .select_related(*REVIEW_RELATED)
            .order_by("-requested_at", "department__code", "id")
        )
        page = self.paginate_queryset(reviews)
        return self.get_paginated_response(s.ContractReviewSerializer(page, many=True).data)


REVIEW_RELATED = (
    "contract__account",
    "version",
    "department",
    "reviewer",
    "requested_by",
)


@extend_schema_view(
    list=extend_schema(
        description=_(
            "Contract reviews you may see: for legal and finance, their department's "
            "(`open=true` is the queue: pending, in the current round); for the account "
            "side, those of their contracts."
        )
    )
)
class ContractReviewViewSet(VisibleReadOnlyViewSet):
    """Legal's and finance's reviews of contract versions, decided with `decide`."""

    queryset = ContractReview.objects.select_related(*REVIEW_RELATED)
    serializer_class = s.ContractReviewSerializer
    filterset_class = ContractReviewFilterSet
    ordering_fields = ["requested_at", "decided_at"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            # The default order; ``?ordering=`` replaces it.
            return queryset.newest_first(self.request.user)
        return queryset

    @extend_schema(
        request=s.ReviewDecisionSerializer,
        responses={200: s.ContractReviewSerializer, 409: REVIEW_CONFLICT},
        description=_(
            "Your department's decision on the review. When every review of the round is "
            "approved the contract is approved; changes requested or rejected send it back "
            "to negotiation. A member of the review's department only (403 otherwise)."
        ),
        examples=[
            OpenApiExample(
                "Approve", request_only=True, value={"decision": "approved", "comments": ""}
            ),
            OpenApiExample(
                "Ask for changes",
                request_only=True,
                value={
                    "decision": "changes_requested",
                    "comments": "Clause 7: liability cap must not exceed the contract value.",
                },
            ),
        ],
    )
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        review = self.get_object()
        params = s.ReviewDecisionSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        review = services.review_decide(review=review, by=request.user, **params.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=review.pk)).data)
