"""One FilterSet per model, shared by the HTML lists and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from accounts.models import Account
from contracts.choices import ContractStatus, Currency, Decision, ReviewState
from contracts.models import Contract, ContractReview
from contracts.querysets import renewal_due_q
from kam.filters import (
    BoundedIsoDateTimeFilter,
    SearchFilter,
    TeamOwnerFilterMixin,
    sellers_of,
    teams_of,
    visible_choices,
)
from kam.models import Department
from kam.search import search


class ContractFilterSet(TeamOwnerFilterMixin, django_filters.FilterSet):
    q = SearchFilter(method="filter_q", label=_("Search"))
    status = django_filters.MultipleChoiceFilter(
        choices=ContractStatus.choices, distinct=False, label=_("Status")
    )
    review_state = django_filters.MultipleChoiceFilter(
        choices=ReviewState.choices, distinct=False, label=_("Review")
    )
    currency = django_filters.ChoiceFilter(choices=Currency.choices, label=_("Currency"))
    account = django_filters.ModelChoiceFilter(
        queryset=visible_choices(Account), label=_("Account")
    )
    team = django_filters.ModelChoiceFilter(
        field_name="owner__team", queryset=teams_of, label=_("Team")
    )
    owner = django_filters.ModelChoiceFilter(queryset=sellers_of, label=_("Owner"))
    # ``1``/``0`` as well as ``true``/``false``: the renewal reminders link ``?renewal_due=1``.
    renewal_due = django_filters.BooleanFilter(
        method="filter_renewal_due", label=_("Up for renewal"), widget=BooleanWidget()
    )
    ends_after = django_filters.DateFilter(
        field_name="ends_on", lookup_expr="gte", label=_("Ends from")
    )
    ends_before = django_filters.DateFilter(
        field_name="ends_on", lookup_expr="lte", label=_("Ends until")
    )
    starts_after = django_filters.DateFilter(
        field_name="starts_on", lookup_expr="gte", label=_("Starts from")
    )
    starts_before = django_filters.DateFilter(
        field_name="starts_on", lookup_expr="lte", label=_("Starts until")
    )
    value_min = django_filters.NumberFilter(
        field_name="value", lookup_expr="gte", label=_("Value at least")
    )
    value_max = django_filters.NumberFilter(
        field_name="value", lookup_expr="lte", label=_("Value at most")
    )

    class Meta:
        model = Contract
        fields = [
            "q",
            "status",
            "review_state",
            "currency",
            "account",
            "team",
            "owner",
            "renewal_due",
            "ends_after",
            "ends_before",
            "starts_after",
            "starts_before",
            "value_min",
            "value_max",
        ]

    def filter_q(self, queryset, name, value):
        # The contract's search document: number, title, account name.
        return search(queryset, value)

    def filter_renewal_due(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(renewal_due_q()) if value else queryset.exclude(renewal_due_q())


class ContractReviewFilterSet(django_filters.FilterSet):
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.order_by("name"), to_field_name="code", label=_("Department")
    )
    decision = django_filters.MultipleChoiceFilter(
        choices=Decision.choices, distinct=False, label=_("Decision")
    )
    open = django_filters.BooleanFilter(
        method="filter_open", label=_("Waiting for a decision"), widget=BooleanWidget()
    )
    contract = django_filters.ModelChoiceFilter(
        queryset=visible_choices(Contract), label=_("Contract")
    )
    requested_after = BoundedIsoDateTimeFilter(
        field_name="requested_at", lookup_expr="gte", label=_("Requested from")
    )
    decided_after = BoundedIsoDateTimeFilter(
        field_name="decided_at", lookup_expr="gte", label=_("Decided from")
    )

    class Meta:
        model = ContractReview
        fields = ["department", "decision", "open", "contract", "requested_after", "decided_after"]

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.open() if value else queryset.exclude(pk__in=queryset.open().values("pk"))
