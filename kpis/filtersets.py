"""The scorecards' filters, shared by the dashboard and the API."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from kam.bounds import MAX_YEAR, MIN_YEAR
from kam.filters import quarter_numbers, teams_of
from kpis.choices import Metric, Scope
from kpis.models import Scorecard


def reps_seen(request):
    """The reps whose scorecards the request's user may read (the ``user`` filter)."""
    users = get_user_model().objects.order_by("first_name", "last_name", "username")
    if request is None:
        return users.none()
    return users.visible_to(request.user).filter(role="rep")


class ScorecardFilterSet(django_filters.FilterSet):
    scope = django_filters.ChoiceFilter(choices=Scope.choices, label=_("Scope"))
    user = django_filters.ModelChoiceFilter(queryset=reps_seen, label=_("Rep"))
    team = django_filters.ModelChoiceFilter(queryset=teams_of, label=_("Team"))
    year = django_filters.NumberFilter(min_value=MIN_YEAR, max_value=MAX_YEAR, label=_("Year"))
    quarter = django_filters.TypedChoiceFilter(
        choices=quarter_numbers, coerce=int, label=_("Quarter")
    )
    year_from = django_filters.NumberFilter(
        field_name="year", lookup_expr="gte", label=_("From year")
    )
    year_to = django_filters.NumberFilter(field_name="year", lookup_expr="lte", label=_("To year"))
    missing = django_filters.ChoiceFilter(
        field_name="metrics__metric",
        choices=Metric.choices,
        method="filter_missed",
        label=_("Missing the target of"),
    )

    class Meta:
        model = Scorecard
        fields = ["scope", "user", "team", "year", "quarter", "year_from", "year_to", "missing"]

    def filter_missed(self, queryset, name, value):
        return queryset.filter(metrics__metric=value, metrics__met=False)
