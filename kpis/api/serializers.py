"""Serializers of duty 5: scorecards are read-only, written by the recompute job."""

from rest_framework import serializers

from kpis.models import Scorecard, ScorecardMetric


def _decimal(value, places: int) -> str | None:
    """As DRF's DecimalField writes it: a string with the field's decimal places."""
    return None if value is None else f"{value:.{places}f}"


class ScorecardMetricSerializer(serializers.ModelSerializer):
    class Meta:
        model = ScorecardMetric
        fields = ["metric", "numerator", "denominator", "value", "target", "direction", "met"]
        read_only_fields = fields

    def to_representation(self, instance):
        # A page of 50 scorecards has 400 metrics: written directly, the same JSON as the
        # fields above would give, without DRF's per-field machinery (most of the time of
        # an executive's list; the schema still comes from the fields).
        return {
            "metric": instance.metric,
            "numerator": _decimal(instance.numerator, 4),
            "denominator": _decimal(instance.denominator, 4),
            "value": _decimal(instance.value, 2),
            "target": _decimal(instance.target, 2),
            "direction": instance.direction,
            "met": instance.met,
        }


class ScorecardSerializer(serializers.ModelSerializer):
    user_name = serializers.CharField(
        source="user.display_name", read_only=True, default=None, allow_null=True
    )
    team_name = serializers.CharField(
        source="team.name", read_only=True, default=None, allow_null=True
    )
    metrics = ScorecardMetricSerializer(many=True, read_only=True)

    class Meta:
        model = Scorecard
        fields = [
            "id",
            "scope",
            "user",
            "user_name",
            "team",
            "team_name",
            "year",
            "quarter",
            "computed_at",
            "metrics",
        ]
        read_only_fields = fields
