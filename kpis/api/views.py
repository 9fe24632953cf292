"""The scorecards API: read-only, what the nightly job stored, within ``visible_to``."""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view

from kam.api import VisibleReadOnlyViewSet
from kpis.api.serializers import ScorecardSerializer
from kpis.filtersets import ScorecardFilterSet
from kpis.models import Scorecard, ScorecardMetric

SCORECARD_EXAMPLE = {
    "id": 5012,
    "scope": "rep",
    "user": 7,
    "user_name": "Alice Chen",
    "team": None,
    "team_name": None,
    "year": 2026,
    "quarter": 4,
    "computed_at": "2026-12-02T02:30:04+08:00",
    "metrics": [
        {
            "metric": "satisfaction",
            "numerator": "17.0000",
            "denominator": "20.0000",
            "value": "85.00",
            "target": "85.00",
            "direction": "at_least",
            "met": True,
        },
        {
            "metric": "suggestion_adoption",
            "numerator": "0.0000",
            "denominator": "0.0000",
            "value": None,
            "target": "50.00",
            "direction": "at_least",
            "met": None,
        },
    ],
}


@extend_schema_view(
    list=extend_schema(
        examples=[OpenApiExample("A rep's quarter", value=SCORECARD_EXAMPLE, response_only=True)]
    ),
    retrieve=extend_schema(
        examples=[OpenApiExample("A rep's quarter", value=SCORECARD_EXAMPLE, response_only=True)]
    ),
)
class ScorecardViewSet(VisibleReadOnlyViewSet):
    """KPI scorecards of reps, teams and the company per quarter, as the nightly recompute
    stored them, each with its eight metrics (numerator, denominator, value, target, met).

    A value and ``met`` are null when there was nothing to divide by ("no data"). A rep
    reads their own scorecards; a manager their teams', their reps' and the company's; an
    executive all.
    """

    queryset = Scorecard.objects.select_related("user", "team").prefetch_related(
        Prefetch("metrics", queryset=ScorecardMetric.objects.order_by("id"))
    )
    serializer_class = ScorecardSerializer
    filterset_class = ScorecardFilterSet
    ordering_fields = ["year", "quarter", "computed_at", "scope"]
    ordering = ["-year", "-quarter", "scope", "id"]
