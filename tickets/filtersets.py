"""One FilterSet per model, shared by the HTML lists and the API."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.models import Account
from kam.choices import Role
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
from sales_plans.models import Order
from tickets.choices import Priority, SlaState, TicketCategory, TicketStatus
from tickets.models import Ticket


def assignee_choices(request):
    """The department members the request's user may know of (those of their department)."""
    users = (
        get_user_model()
        .objects.filter(role=Role.DEPARTMENT)
        .order_by("first_name", "last_name", "username")
    )
    if request is None:
        return users.none()
    return users.visible_to(request.user)


class TicketFilterSet(TeamOwnerFilterMixin, django_filters.FilterSet):
    q = SearchFilter(method="filter_q", label=_("Search"))
    # A column's values never repeat a row: no DISTINCT (which sorts wide rows at 200,000).
    status = django_filters.MultipleChoiceFilter(
        choices=TicketStatus.choices, distinct=False, label=_("Status")
    )
    sla = django_filters.MultipleChoiceFilter(
        choices=SlaState.choices, method="filter_sla", distinct=False, label=_("SLA")
    )
    priority = django_filters.MultipleChoiceFilter(
        choices=Priority.choices, distinct=False, label=_("Priority")
    )
    category = django_filters.MultipleChoiceFilter(
        choices=TicketCategory.choices, distinct=False, label=_("Category")
    )
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.order_by("name"),
        to_field_name="code",
        label=_("Department"),
    )
    assignee = django_filters.ModelChoiceFilter(queryset=assignee_choices, label=_("Assignee"))
    unassigned = django_filters.BooleanFilter(
        field_name="assignee", lookup_expr="isnull", label=_("Unassigned")
    )
    account = django_filters.ModelChoiceFilter(
        queryset=visible_choices(Account), label=_("Account")
    )
    order = django_filters.ModelChoiceFilter(queryset=visible_choices(Order), label=_("Order"))
    team = django_filters.ModelChoiceFilter(
        field_name="account__owner__team", queryset=teams_of, label=_("Team")
    )
    owner = django_filters.ModelChoiceFilter(
        field_name="account__owner", queryset=sellers_of, label=_("Account owner")
    )
    due_before = BoundedIsoDateTimeFilter(field_name="due_at", lookup_expr="lte", label=_("Due by"))
    opened_after = BoundedIsoDateTimeFilter(
        field_name="opened_at", lookup_expr="gte", label=_("Opened from")
    )
    opened_before = BoundedIsoDateTimeFilter(
        field_name="opened_at", lookup_expr="lt", label=_("Opened before")
    )
    resolved_after = BoundedIsoDateTimeFilter(
        field_name="resolved_at", lookup_expr="gte", label=_("Resolved from")
    )
    resolved_before = BoundedIsoDateTimeFilter(
        field_name="resolved_at", lookup_expr="lt", label=_("Resolved before")
    )

    class Meta:
        model = Ticket
        fields = [
            "q",
            "status",
            "sla",
            "priority",
            "category",
            "department",
            "assignee",
            "unassigned",
            "account",
            "order",
            "team",
            "owner",
            "due_before",
            "opened_after",
            "opened_before",
            "resolved_after",
            "resolved_before",
        ]

    def filter_q(self, queryset, name, value):
        # The ticket's search document: subject, account name, order number, description.
        return search(queryset, value)

    def filter_sla(self, queryset, name, value):
        return queryset.in_sla_state(*value) if value else queryset
