"""API viewsets of duty 3: thin, every write goes through ``market_intel.services``."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import Account
from kam.api import ErrorSerializer, VisibleModelViewSet
from market_intel import services
from market_intel.api import serializers as s
from market_intel.filtersets import (
    CompetitorActivityFilterSet,
    CompetitorFilterSet,
    MarketReportFilterSet,
    ProductSuggestionFilterSet,
)
from market_intel.models import Competitor, CompetitorActivity, MarketReport, ProductSuggestion

CONFLICT = OpenApiResponse(ErrorSerializer, description=_("The record's state does not allow it."))
PUBLISHED_REPORT_EXAMPLE = {
    "id": 73,
    "title": "East China castings market, 2026 Q4",
    "author": 7,
    "author_name": "Alice Chen",
    "year": 2026,
    "quarter": 4,
    "summary": "Prices fell by 8 %; two small foundries closed.",
    "body": "## Pricing\n\nSany cut **8 %** off its list prices.",
    "body_html": "<h2>Pricing</h2>\n<p>Sany cut <strong>8 %</strong> off its list prices.</p>",
    "competitors": [12],
    "status": "published",
    "published_at": "2026-12-20T17:45:00+08:00",
    "created_at": "2026-12-12T10:00:00+08:00",
    "updated_at": "2026-12-20T17:45:00+08:00",
}
#: A rep's suggestion for two of her accounts, as R&D takes it under review.
SUGGESTION_EXAMPLE = {
    "id": 144,
    "title": "Salt-spray rated coating for the X200 housings",
    "description": "The coastal plants ask for a 1,000-hour salt-spray rating.",
    "submitted_by": 7,
    "submitted_by_name": "Alice Chen",
    "accounts": [41, 57],
    "account_refs": [
        {"id": 41, "name": "杭州精密铸造有限公司", "tier": "strategic"},
        {"id": 57, "name": "宁波港口机械有限公司", "tier": "key"},
    ],
    "status": "under_review",
    "decided_by": None,
    "decided_by_name": None,
    "decided_on": None,
    "decision_note": "",
    "created_at": "2026-11-03T14:20:00+08:00",
    "updated_at": "2026-11-05T09:10:00+08:00",
}
ADOPT_NOTE = "In the 2027 Q2 release of the X200."


class CompetitorViewSet(VisibleModelViewSet):
    """Competitor profiles: the company's shared knowledge of whom we meet at accounts.

    Every account team member reads and edits them; R&D reads them. A competitor that an
    activity, a report or a deal refers to is not deleted (409).
    """

    queryset = Competitor.objects.all()
    serializer_class = s.CompetitorSerializer
    filterset_class = CompetitorFilterSet
    search_fields = ["name", "website"]
    ordering_fields = ["name", "created_at", "updated_at"]

    def perform_create_service(self, serializer):
        return services.competitor_create(by=self.request.user, **serializer.validated_data)

    def perform_update_service(self, serializer):
        return services.competitor_update(
            competitor=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy_service(self, instance):
        services.competitor_delete(competitor=instance, by=self.request.user)


class CompetitorActivityViewSet(VisibleModelViewSet):
    """What a competitor did, seen at one of your accounts (or in the market at large:
    ``account`` null, which every account team reads)."""

    queryset = CompetitorActivity.objects.select_related("competitor", "account", "reported_by")
    serializer_class = s.CompetitorActivitySerializer
    filterset_class = CompetitorActivityFilterSet
    search_fields = ["details", "competitor__name", "account__name"]
    ordering_fields = ["observed_on", "created_at"]

    def perform_create_service(self, serializer):
        return services.activity_create(by=self.request.user, **serializer.validated_data)

    def perform_update_service(self, serializer):
        return services.activity_update(
            activity=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy_service(self, instance):
        services.activity_delete(activity=instance, by=self.request.user)


class MarketReportViewSet(VisibleModelViewSet):
    """Quarterly market reports: a draft is its author's alone; published, it is read-only
    and read by the author's manager and the executives. The list leaves out the body
    (and its HTML) that every other answer carries."""

    queryset = MarketReport.objects.select_related("author").prefetch_related("competitors")
    serializer_class = s.MarketReportSerializer
    filterset_class = MarketReportFilterSet
    search_fields = ["title", "summary"]
    ordering_fields = ["year", "quarter", "published_at", "created_at", "updated_at"]

    def get_serializer_class(self):
        # Rendering every body's Markdown would make a list of fifty cost 180 ms.
        if self.action == "list":
            return s.MarketReportListSerializer
        return s.MarketReportSerializer

    def perform_create_service(self, serializer):
        return services.market_report_create(by=self.request.user, **serializer.validated_data)

    def perform_update_service(self, serializer):
        return services.market_report_update(
            report=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy_service(self, instance):
        services.market_report_delete(report=instance, by=self.request.user)

    @extend_schema(
        request=None,
        responses={200: s.MarketReportSerializer, 409: CONFLICT},
        description=_(
            "Publish a draft (its author only): it becomes read-only and counts for the "
            "quarter its publication falls in. 409 when it is published already."
        ),
        examples=[
            OpenApiExample(
                "The published report", response_only=True, value=PUBLISHED_REPORT_EXAMPLE
            ),
            OpenApiExample(
                "Published already",
                response_only=True,
                status_codes=["409"],
                value={"detail": "This report is published already."},
            ),
        ],
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        report = services.market_report_publish(report=self.get_object(), by=request.user)
        return Response(self.get_serializer(report).data)


ACCOUNT_REFS = Prefetch("accounts", queryset=Account.objects.only("id", "name", "tier"))


class ProductSuggestionViewSet(VisibleModelViewSet):
    """Product improvement suggestions: a rep proposes one for the accounts that asked; R&D
    (department `rnd`) takes it under review and adopts or rejects it. A decision is
    final unless an administrator reopens it. Of the accounts, R&D sees name and tier."""

    queryset = ProductSuggestion.objects.select_related(
        "submitted_by", "decided_by"
    ).prefetch_related(ACCOUNT_REFS)
    serializer_class = s.ProductSuggestionSerializer
    filterset_class = ProductSuggestionFilterSet
    search_fields = ["title", "description"]
    ordering_fields = ["created_at", "decided_on", "status", "updated_at"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create_service(self, serializer):
        return services.suggestion_create(by=self.request.user, **serializer.validated_data)

    def perform_update_service(self, serializer):
        return services.suggestion_update(
            suggestion=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def check_can_change(self, obj):
        # R&D may decide what it may not edit: the services say who may take each step.
        if self.action in ("review", "decide", "reopen"):
            return
        super().check_can_change(obj)

    @extend_schema(
        request=None,
        responses={200: s.ProductSuggestionSerializer, 409: CONFLICT},
        description=_("R&D takes a submitted suggestion under review (409 otherwise)."),
        examples=[
            OpenApiExample("Under review", response_only=True, value=SUGGESTION_EXAMPLE),
            OpenApiExample(
                "Not submitted",
                response_only=True,
                status_codes=["409"],
                value={
                    "detail": (
                        "Only a submitted suggestion is taken under review; "
                        "this one is Under review."
                    )
                },
            ),
        ],
    )
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        suggestion = services.suggestion_review(suggestion=self.get_object(), by=request.user)
        return Response(self.get_serializer(suggestion).data)

    @extend_schema(
        request=s.DecideSerializer,
        responses={200: s.ProductSuggestionSerializer, 409: CONFLICT},
        description=_(
            "Adopt or reject the suggestion, with a note (required to reject). R&D members "
            "and administrators only (403 for anyone else); the author is notified. A "
            "decided suggestion answers 409 until an administrator reopens it."
        ),
        examples=[
            OpenApiExample(
                "Adopt",
                request_only=True,
                value={"decision": "adopted", "note": ADOPT_NOTE},
            ),
            OpenApiExample(
                "The adopted suggestion",
                response_only=True,
                value={
                    **SUGGESTION_EXAMPLE,
                    "status": "adopted",
                    "decided_by": 88,
                    "decided_by_name": "Sun Hao",
                    "decided_on": "2026-11-18",
                    "decision_note": ADOPT_NOTE,
                    "updated_at": "2026-11-18T16:40:00+08:00",
                },
            ),
            OpenApiExample(
                "Already decided",
                response_only=True,
                status_codes=["409"],
                value={
                    "detail": "This suggestion is Adopted already; an administrator may reopen it."
                },
            ),
        ],
    )
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        suggestion = self.get_object()
        params = s.DecideSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        suggestion = services.suggestion_decide(
            suggestion=suggestion, by=request.user, **params.validated_data
        )
        return Response(self.get_serializer(suggestion).data)

    @extend_schema(
        request=None,
        responses={200: s.ProductSuggestionSerializer, 409: CONFLICT},
        description=_(
            "An administrator reopens a decided suggestion (back under review; the "
            "history keeps the decision that was)."
        ),
        examples=[
            OpenApiExample(
                "Back under review",
                response_only=True,
                value={**SUGGESTION_EXAMPLE, "updated_at": "2026-11-25T10:00:00+08:00"},
            ),
            OpenApiExample(
                "Not decided",
                response_only=True,
                status_codes=["409"],
                value={"detail": "Only a decided suggestion is reopened."},
            ),
        ],
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        suggestion = services.suggestion_reopen(suggestion=self.get_object(), by=request.user)
        return Response(self.get_serializer(suggestion).data)
