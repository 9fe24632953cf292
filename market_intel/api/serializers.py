"""Serializers of duty 3. They validate shape and references; services do the writing.

Accounts are named by id, name and tier only: that is all of an account R&D may see of
the suggestions it decides, and the same answer serves the rep. A report's status moves
through ``publish``, a suggestion's through ``review``/``decide``.
"""

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from accounts.models import Account
from kam.api import VisibleRelatedField
from market_intel.choices import SuggestionStatus
from market_intel.markdown import render
from market_intel.models import Competitor, CompetitorActivity, MarketReport, ProductSuggestion


class AccountRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Account
        fields = ["id", "name", "tier"]
        read_only_fields = fields


class CompetitorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Competitor
        fields = [
            "id",
            "name",
            "website",
            "strengths",
            "weaknesses",
            "pricing_notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class CompetitorActivitySerializer(serializers.ModelSerializer):
    competitor = VisibleRelatedField(Competitor)
    competitor_name = serializers.CharField(source="competitor.name", read_only=True)
    account = VisibleRelatedField(
        Account,
        required=False,
        allow_null=True,
        help_text=gettext_lazy("Where it was seen; null for the market at large."),
    )
    account_name = serializers.CharField(
        source="account.name", read_only=True, default=None, allow_null=True
    )
    reported_by_name = serializers.CharField(source="reported_by.display_name", read_only=True)

    class Meta:
        model = CompetitorActivity
        fields = [
            "id",
            "competitor",
            "competitor_name",
            "account",
            "account_name",
            "observed_on",
            "kind",
            "details",
            "reported_by",
            "reported_by_name",
            "created_at",
        ]
        read_only_fields = ["reported_by", "created_at"]


class MarketReportListSerializer(serializers.ModelSerializer):
    """A report in a list: what it is, without its body (read one report for that)."""

    competitors = VisibleRelatedField(Competitor, many=True, required=False)
    author_name = serializers.CharField(source="author.display_name", read_only=True)

    class Meta:
        model = MarketReport
        fields = [
            "id",
            "title",
            "author",
            "author_name",
            "year",
            "quarter",
            "summary",
            "competitors",
            "status",
            "published_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class MarketReportSerializer(serializers.ModelSerializer):
    competitors = VisibleRelatedField(Competitor, many=True, required=False)
    author_name = serializers.CharField(source="author.display_name", read_only=True)
    body_html = serializers.SerializerMethodField(
        help_text=gettext_lazy("The body's Markdown as cleaned HTML (no script, no style).")
    )

    class Meta:
        model = MarketReport
        fields = [
            "id",
            "title",
            "author",
            "author_name",
            "year",
            "quarter",
            "summary",
            "body",
            "body_html",
            "competitors",
            "status",
            "published_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["author", "status", "published_at", "created_at", "updated_at"]

    def get_body_html(self, report) -> str:
        return str(render(report.body))


class ProductSuggestionSerializer(serializers.ModelSerializer):
    accounts = VisibleRelatedField(
        Account, many=True, required=False, help_text=gettext_lazy("Accounts you look after.")
    )
    account_refs = AccountRefSerializer(source="accounts", many=True, read_only=True)
    submitted_by_name = serializers.CharField(source="submitted_by.display_name", read_only=True)
    decided_by_name = serializers.CharField(
        source="decided_by.display_name", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = ProductSuggestion
        fields = [
            "id",
            "title",
            "description",
            "submitted_by",
            "submitted_by_name",
            "accounts",
            "account_refs",
            "status",
            "decided_by",
            "decided_by_name",
            "decided_on",
            "decision_note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "submitted_by",
            "status",
            "decided_by",
            "decided_on",
            "decision_note",
            "created_at",
            "updated_at",
        ]


class DecideSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[
            (SuggestionStatus.ADOPTED, SuggestionStatus.ADOPTED.label),
            (SuggestionStatus.REJECTED, SuggestionStatus.REJECTED.label),
        ]
    )
    note = serializers.CharField(
        max_length=10000,
        required=False,
        allow_blank=True,
        default="",
        help_text=gettext_lazy("Why; required to reject."),
    )
