"""One FilterSet per model, shared by the HTML lists and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.choices import (
    AccountStatus,
    BuyingRole,
    PlanStatus,
    Sentiment,
    SurveySource,
    Tier,
    VisitKind,
)
from accounts.models import (
    Account,
    Contact,
    PlanAction,
    RelationshipPlan,
    SurveyResponse,
    Visit,
)
from kam.filters import (
    BoundedIsoDateTimeFilter,
    SearchFilter,
    TeamOwnerFilterMixin,
    owners_of,
    visible_choices,
)
from kam.models import Team
from kam.search import search


def teams_of_visible_accounts(request):
    """Teams whose reps own accounts the user sees (the team filter's choices)."""
    if request is None:
        return Team.objects.none()
    owners = Account.objects.visible_to(request.user).values("owner__team")
    return Team.objects.filter(pk__in=owners).order_by("name")


class AccountFilterSet(TeamOwnerFilterMixin, django_filters.FilterSet):
    q = SearchFilter(method="filter_q", label=_("Search"))
    tier = django_filters.MultipleChoiceFilter(choices=Tier.choices, label=_("Tier"))
    status = django_filters.MultipleChoiceFilter(choices=AccountStatus.choices, label=_("Status"))
    team = django_filters.ModelChoiceFilter(
        field_name="owner__team", queryset=teams_of_visible_accounts, label=_("Team")
    )
    owner = django_filters.ModelChoiceFilter(queryset=owners_of(Account), label=_("Owner"))
    region = django_filters.CharFilter(lookup_expr="icontains", label=_("Region"))
    industry = django_filters.CharFilter(lookup_expr="icontains", label=_("Industry"))

    class Meta:
        model = Account
        fields = ["q", "tier", "status", "team", "owner", "region", "industry"]

    def filter_q(self, queryset, name, value):
        # The account's search document: name, code, industry and region (kam.search).
        return search(queryset, value)


class ContactFilterSet(django_filters.FilterSet):
    account = django_filters.ModelChoiceFilter(
        queryset=visible_choices(Account), label=_("Account")
    )
    buying_role = django_filters.MultipleChoiceFilter(
        choices=BuyingRole.choices, label=_("Buying role")
    )
    sentiment = django_filters.MultipleChoiceFilter(choices=Sentiment.choices, label=_("Sentiment"))
    influence_min = django_filters.NumberFilter(
        field_name="influence", lookup_expr="gte", label=_("Influence at least")
    )

    class Meta:
        model = Contact
        fields = ["account", "buying_role", "sentiment", "influence_min"]


class VisitFilterSet(django_filters.FilterSet):
    account = django_filters.ModelChoiceFilter(
        queryset=visible_choices(Account), label=_("Account")
    )
    rep = django_filters.ModelChoiceFilter(queryset=owners_of(Visit, "rep"), label=_("Rep"))
    kind = django_filters.MultipleChoiceFilter(choices=VisitKind.choices, label=_("Kind"))
    visited_after = BoundedIsoDateTimeFilter(
        field_name="visited_at", lookup_expr="gte", label=_("Visited from")
    )
    visited_before = BoundedIsoDateTimeFilter(
        field_name="visited_at", lookup_expr="lt", label=_("Visited before")
    )
    follow_up_before = django_filters.DateFilter(
        field_name="follow_up_on", lookup_expr="lte", label=_("Follow-up due by")
    )

    class Meta:
        model = Visit
        fields = ["account", "rep", "kind", "visited_after", "visited_before", "follow_up_before"]


class SurveyResponseFilterSet(django_filters.FilterSet):
    account = django_filters.ModelChoiceFilter(
        queryset=visible_choices(Account), label=_("Account")
    )
    source = django_filters.MultipleChoiceFilter(choices=SurveySource.choices, label=_("Source"))
    score = django_filters.NumberFilter(label=_("Score"))
    received_after = django_filters.DateFilter(
        field_name="received_on", lookup_expr="gte", label=_("Received from")
    )
    received_before = django_filters.DateFilter(
        field_name="received_on", lookup_expr="lte", label=_("Received until")
    )

    class Meta:
        model = SurveyResponse
        fields = ["account", "source", "score", "received_after", "received_before"]


class RelationshipPlanFilterSet(django_filters.FilterSet):
    account = django_filters.ModelChoiceFilter(
        queryset=visible_choices(Account), label=_("Account")
    )
    status = django_filters.MultipleChoiceFilter(choices=PlanStatus.choices, label=_("Status"))
    year = django_filters.NumberFilter(label=_("Year"))
    quarter = django_filters.NumberFilter(label=_("Quarter"))

    class Meta:
        model = RelationshipPlan
        fields = ["account", "status", "year", "quarter"]


class PlanActionFilterSet(django_filters.FilterSet):
    plan = django_filters.ModelChoiceFilter(
        queryset=visible_choices(RelationshipPlan), label=_("Plan")
    )
    account = django_filters.ModelChoiceFilter(
        field_name="plan__account", queryset=visible_choices(Account), label=_("Account")
    )
    owner = django_filters.ModelChoiceFilter(queryset=owners_of(PlanAction), label=_("Owner"))
    done = django_filters.BooleanFilter(
        field_name="done_on", lookup_expr="isnull", exclude=True, label=_("Done")
    )
    due_before = django_filters.DateFilter(
        field_name="due_on", lookup_expr="lte", label=_("Due by")
    )

    class Meta:
        model = PlanAction
        fields = ["plan", "account", "owner", "done", "due_before"]
