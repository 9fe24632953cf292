"""One FilterSet per model, shared by the HTML lists and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.models import Account
from kam.filters import (
    SearchFilter,
    TeamOwnerFilterMixin,
    quarter_numbers,
    sellers_of,
    teams_of,
    visible_choices,
)
from kam.search import search
from market_intel.choices import ActivityKind, ReportStatus, SuggestionStatus
from market_intel.models import Competitor, CompetitorActivity, MarketReport, ProductSuggestion


class SearchMixin:
    def filter_q(self, queryset, name, value):
        # The record's search document (kam.search).
        return search(queryset, value)


class CompetitorFilterSet(SearchMixin, django_filters.FilterSet):
    q = SearchFilter(method="filter_q", label=_("Search"))
    account = django_filters.ModelChoiceFilter(
        field_name="activities__account",
        queryset=visible_choices(Account),
        distinct=True,
        label=_("Active at account"),
    )

    class Meta:
        model = Competitor
        fields = ["q", "account"]


class CompetitorActivityFilterSet(SearchMixin, django_filters.FilterSet):
    q = SearchFilter(method="filter_q", label=_("Search"))
    competitor = django_filters.ModelChoiceFilter(
        queryset=visible_choices(Competitor), label=_("Competitor")
    )
    account = django_filters.ModelChoiceFilter(
        queryset=visible_choices(Account), label=_("Account")
    )
    market_wide = django_filters.BooleanFilter(
        field_name="account", lookup_expr="isnull", label=_("Seen in the market at large")
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=ActivityKind.choices, distinct=False, label=_("Kind")
    )
    observed_after = django_filters.DateFilter(
        field_name="observed_on", lookup_expr="gte", label=_("Observed from")
    )
    observed_before = django_filters.DateFilter(
        field_name="observed_on", lookup_expr="lte", label=_("Observed until")
    )

    class Meta:
        model = CompetitorActivity
        fields = [
            "q",
            "competitor",
            "account",
            "market_wide",
            "kind",
            "observed_after",
            "observed_before",
        ]


class MarketReportFilterSet(TeamOwnerFilterMixin, SearchMixin, django_filters.FilterSet):
    owner_field = "author"
    q = SearchFilter(method="filter_q", label=_("Search"))
    author = django_filters.ModelChoiceFilter(queryset=sellers_of, label=_("Author"))
    team = django_filters.ModelChoiceFilter(
        field_name="author__team", queryset=teams_of, label=_("Team")
    )
    status = django_filters.MultipleChoiceFilter(
        choices=ReportStatus.choices, distinct=False, label=_("Status")
    )
    year = django_filters.NumberFilter(label=_("Year"))
    quarter = django_filters.ChoiceFilter(choices=quarter_numbers, label=_("Quarter"))
    competitor = django_filters.ModelChoiceFilter(
        field_name="competitors",
        queryset=visible_choices(Competitor),
        distinct=True,
        label=_("Competitor covered"),
    )

    class Meta:
        model = MarketReport
        fields = ["q", "author", "team", "status", "year", "quarter", "competitor"]


class ProductSuggestionFilterSet(TeamOwnerFilterMixin, SearchMixin, django_filters.FilterSet):
    owner_field = "submitted_by"
    q = SearchFilter(method="filter_q", label=_("Search"))
    status = django_filters.MultipleChoiceFilter(
        choices=SuggestionStatus.choices, distinct=False, label=_("Status")
    )
    submitted_by = django_filters.ModelChoiceFilter(queryset=sellers_of, label=_("Submitted by"))
    team = django_filters.ModelChoiceFilter(
        field_name="submitted_by__team", queryset=teams_of, label=_("Team")
    )
    account = django_filters.ModelChoiceFilter(
        field_name="accounts",
        queryset=visible_choices(Account),
        distinct=True,
        label=_("Account"),
    )
    decided_after = django_filters.DateFilter(
        field_name="decided_on", lookup_expr="gte", label=_("Decided from")
    )
    decided_before = django_filters.DateFilter(
        field_name="decided_on", lookup_expr="lte", label=_("Decided until")
    )

    class Meta:
        model = ProductSuggestion
        fields = [
            "q",
            "status",
            "submitted_by",
            "team",
            "account",
            "decided_after",
            "decided_before",
        ]
