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
            "renewal": serializers.IntegerField(required=False),
        },
    ),
    description=_(
        "The contract's state does not allow it; `allowed` lists what it may become, "
        "`renewal` names the renewal already under way."
    ),
)
REVIEW_CONFLICT = OpenApiResponse(
    ErrorSerializer, description=_("The review is decided already, or was superseded.")
)
#: Contracts are never deleted: one that will not be signed is terminated.
NO_DELETE = ["get", "post", "put", "patch", "head", "options"]
SUBMIT_NOTE = "Price and payment terms agreed in round 2."
#: The contract of the create example, its version 3 just sent to legal and finance.
IN_REVIEW_CONTRACT_EXAMPLE = {
    "id": 230,
    "account": 41,
    "account_name": "杭州精密铸造有限公司",
    "account_tier": "strategic",
    "number": "HT-2027-0012",
    "title": "2027 supply agreement, castings",
    "owner": 7,
    "owner_name": "Alice Chen",
    "value": "4800000.00",
    "currency": "CNY",
    "starts_on": "2027-01-01",
    "ends_on": "2027-12-31",
    "status": "in_review",
    "status_note": SUBMIT_NOTE,
    "signed_on": None,
    "review_state": "pending",
    "latest_version": {"id": 611, "version_no": 3, "created_at": "2026-11-21T16:02:00+08:00"},
    "renewal_of": None,
    "days_to_end": 405,
    "created_at": "2026-11-02T10:15:00+08:00",
    "updated_at": "2026-11-21T16:30:00+08:00",
}
SIGNED_CONTRACT_EXAMPLE = {
    **IN_REVIEW_CONTRACT_EXAMPLE,
    "status": "signed",
    "status_note": "",
    "signed_on": "2026-12-18",
    "review_state": "approved",
    "days_to_end": 378,
    "updated_at": "2026-12-18T15:00:00+08:00",
}
#: Its renewal, started in October 2027: the next calendar year, from version 3's text.
RENEWAL_CONTRACT_EXAMPLE = {
    **SIGNED_CONTRACT_EXAMPLE,
    "id": 297,
    "number": "HT-2028-0012",
    "starts_on": "2028-01-01",
    "ends_on": "2028-12-31",
    "status": "draft",
    "signed_on": None,
    "review_state": "not_submitted",
    "latest_version": {"id": 902, "version_no": 1, "created_at": "2027-10-08T09:30:00+08:00"},
    "renewal_of": 230,
    "days_to_end": 450,
    "created_at": "2027-10-08T09:30:00+08:00",
    "updated_at": "2027-10-08T09:30:00+08:00",
}
ROUND_2 = {
    "held_on": "2026-11-20",
    "participants": "Wang Li (purchasing), Alice Chen, Zhao Min (finance)",
    "topics": "Price per piece; payment terms",
    "concessions": "3 % off above 10,000 pieces",
    "outcome": "Price agreed; payment 60 days",
    "next_steps": "Send version 3 to legal and finance",
}


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
            OpenApiExample("Submit", request_only=True, value={"note": SUBMIT_NOTE}),
            OpenApiExample(
                "The contract, in review", response_only=True, value=IN_REVIEW_CONTRACT_EXAMPLE
            ),
            OpenApiExample(
                "In review already",
                response_only=True,
                status_codes=["409"],
                value={
                    "detail": "Only a draft or a contract in negotiation is submitted for review.",
                    "allowed": ["negotiating", "terminated"],
                },
            ),
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
            ),
            OpenApiExample(
                "Terminate",
                request_only=True,
                value={"status": "terminated", "note": "The customer moved the line to Vietnam."},
            ),
            OpenApiExample(
                "The signed contract", response_only=True, value=SIGNED_CONTRACT_EXAMPLE
            ),
            OpenApiExample(
                "Not approved yet",
                response_only=True,
                status_codes=["409"],
                value={
                    "detail": "A contract that is In review cannot become Signed.",
                    "allowed": ["negotiating", "terminated"],
                },
            ),
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
        examples=[
            OpenApiExample(
                "Renew for 2028",
                request_only=True,
                value={"number": "HT-2028-0012", "note": "Renewal for 2028, prices to review."},
            ),
            OpenApiExample(
                "The renewal, a draft", response_only=True, value=RENEWAL_CONTRACT_EXAMPLE
            ),
            OpenApiExample(
                "Renewed already",
                response_only=True,
                status_codes=["409"],
                value={"detail": "Its renewal is under way already: HT-2028-0012.", "renewal": 297},
            ),
        ],
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
            OpenApiExample("Round 2", request_only=True, value=ROUND_2),
            OpenApiExample(
                "The round, recorded",
                response_only=True,
                value={
                    "id": 88,
                    "contract": 230,
                    **ROUND_2,
                    "recorded_by": 7,
                    "recorded_by_name": "Alice Chen",
                    "created_at": "2026-11-20T18:10:00+08:00",
                    "updated_at": "2026-11-20T18:10:00+08:00",
                },
            ),
            OpenApiExample(
                "Terminated",
                response_only=True,
                status_codes=["409"],
                value={"detail": "An expired or terminated contract is not negotiated any more."},
            ),
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
            OpenApiExample(
                "Legal's approval, finance still to decide",
                response_only=True,
                value={
                    "id": 1204,
                    "contract": 230,
                    "contract_number": "HT-2027-0012",
                    "contract_title": "2027 supply agreement, castings",
                    "contract_status": "in_review",
                    "account_name": "杭州精密铸造有限公司",
                    "account_tier": "strategic",
                    "value": "4800000.00",
                    "currency": "CNY",
                    "version": 611,
                    "version_no": 3,
                    "department": "legal",
                    "decision": "approved",
                    "comments": "",
                    "reviewer": 64,
                    "reviewer_name": "Zhou Lin",
                    "requested_by": 7,
                    "requested_by_name": "Alice Chen",
                    "requested_at": "2026-11-21T16:30:00+08:00",
                    "decided_at": "2026-11-24T11:45:00+08:00",
                    "superseded_at": None,
                    "is_open": False,
                },
            ),
            OpenApiExample(
                "Decided already",
                response_only=True,
                status_codes=["409"],
                value={"detail": "This review is decided already."},
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
