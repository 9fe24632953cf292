"""One FilterSet per model, shared by the HTML lists and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

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
from sales_plans.choices import OrderStatus, SalesPlanStatus, Stage
from sales_plans.models import Opportunity, Order, SalesPlan
from sales_plans.querysets import overdue_order_q


class SalesPlanFilterSet(TeamOwnerFilterMixin, django_filters.FilterSet):
    team = django_filters.ModelChoiceFilter(
        field_name="owner__team", queryset=teams_of, label=_("Team")
    )
    owner = django_filters.ModelChoiceFilter(queryset=sellers_of, label=_("Owner"))
    status = django_filters.MultipleChoiceFilter(choices=SalesPlanStatus.choices, label=_("Status"))
    year = django_filters.NumberFilter(label=_("Year"))
    quarter = django_filters.ChoiceFilter(choices=quarter_numbers, label=_("Quarter"))
    annual = django_filters.BooleanFilter(
        field_name="quarter", lookup_expr="isnull", label=_("Annual")
    )
    account = django_filters.ModelChoiceFilter(
        field_name="targets__account",
        queryset=visible_choices(Account),
        distinct=True,
        label=_("Account"),
    )

    class Meta:
        model = SalesPlan
        fields = ["team", "owner", "status", "year", "quarter", "annual", "account"]


class OpportunityFilterSet(TeamOwnerFilterMixin, django_filters.FilterSet):
    q = SearchFilter(method="filter_q", label=_("Search"))
    account = django_filters.ModelChoiceFilter(
        queryset=visible_choices(Account), label=_("Account")
    )
    team = django_filters.ModelChoiceFilter(
        field_name="owner__team", queryset=teams_of, label=_("Team")
    )
    owner = django_filters.ModelChoiceFilter(queryset=sellers_of, label=_("Owner"))
    stage = django_filters.MultipleChoiceFilter(choices=Stage.choices, label=_("Stage"))
    expected_close_after = django_filters.DateFilter(
        field_name="expected_close_on", lookup_expr="gte", label=_("Expected to close from")
    )
    expected_close_before = django_filters.DateFilter(
        field_name="expected_close_on", lookup_expr="lte", label=_("Expected to close until")
    )
    closed_after = django_filters.DateFilter(
        field_name="closed_on", lookup_expr="gte", label=_("Closed from")
    )
    closed_before = django_filters.DateFilter(
        field_name="closed_on", lookup_expr="lte", label=_("Closed until")
    )
    amount_min = django_filters.NumberFilter(
        field_name="amount", lookup_expr="gte", label=_("Amount at least")
    )
    amount_max = django_filters.NumberFilter(
        field_name="amount", lookup_expr="lte", label=_("Amount at most")
    )

    class Meta:
        model = Opportunity
        fields = [
            "q",
            "account",
            "team",
            "owner",
            "stage",
            "expected_close_after",
            "expected_close_before",
            "closed_after",
            "closed_before",
            "amount_min",
            "amount_max",
        ]

    def filter_q(self, queryset, name, value):
        # The opportunity's search document: its name and its account's name.
        return search(queryset, value)


class OrderFilterSet(TeamOwnerFilterMixin, django_filters.FilterSet):
    q = SearchFilter(method="filter_q", label=_("Search"))
    account = django_filters.ModelChoiceFilter(
        queryset=visible_choices(Account), label=_("Account")
    )
    team = django_filters.ModelChoiceFilter(
        field_name="owner__team", queryset=teams_of, label=_("Team")
    )
    owner = django_filters.ModelChoiceFilter(queryset=sellers_of, label=_("Owner"))
    status = django_filters.MultipleChoiceFilter(choices=OrderStatus.choices, label=_("Status"))
    opportunity = django_filters.ModelChoiceFilter(
        queryset=visible_choices(Opportunity), label=_("Opportunity")
    )
    ordered_after = django_filters.DateFilter(
        field_name="ordered_on", lookup_expr="gte", label=_("Ordered from")
    )
    ordered_before = django_filters.DateFilter(
        field_name="ordered_on", lookup_expr="lte", label=_("Ordered until")
    )
    promised_after = django_filters.DateFilter(
        field_name="promised_on", lookup_expr="gte", label=_("Promised from")
    )
    promised_before = django_filters.DateFilter(
        field_name="promised_on", lookup_expr="lte", label=_("Promised until")
    )
    delivered_after = django_filters.DateFilter(
        field_name="delivered_on", lookup_expr="gte", label=_("Delivered from")
    )
    delivered_before = django_filters.DateFilter(
        field_name="delivered_on", lookup_expr="lte", label=_("Delivered until")
    )
    # ``1``/``0`` as well as ``true``/``false``: the overdue notification links ``?overdue=1``.
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=_("Overdue"), widget=BooleanWidget()
    )
    amount_min = django_filters.NumberFilter(
        field_name="amount", lookup_expr="gte", label=_("Amount at least")
    )
    amount_max = django_filters.NumberFilter(
        field_name="amount", lookup_expr="lte", label=_("Amount at most")
    )

    class Meta:
        model = Order
        fields = [
            "q",
            "account",
            "team",
            "owner",
            "status",
            "opportunity",
            "ordered_after",
            "ordered_before",
            "promised_after",
            "promised_before",
            "delivered_after",
            "delivered_before",
            "overdue",
            "amount_min",
            "amount_max",
        ]

    def filter_q(self, queryset, name, value):
        # The order's search document: its number and its account's name.
        return search(queryset, value)

    def filter_overdue(self, queryset, name, value):
        # ``OrderQuerySet.overdue``: past its promised date and not delivered nor cancelled.
        if value is None:
            return queryset
        return queryset.filter(overdue_order_q()) if value else queryset.exclude(overdue_order_q())
