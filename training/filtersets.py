"""One FilterSet per model, shared by the HTML lists and the API."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.models import Account
from kam.filters import (
    BoundedIsoDateTimeFilter,
    SearchFilter,
    TeamOwnerFilterMixin,
    narrow_owners,
    sellers_of,
    teams_of,
)
from kam.models import Department
from kam.search import search
from training.choices import SessionKind, SessionStatus
from training.models import TrainingSession
from training.querysets import upcoming_q

WHEN_CHOICES = [
    ("upcoming", _("Upcoming")),
    ("past", _("Past")),
    ("all", _("All dates")),
]


def trainer_choices(request):
    """The trainers of the sessions the request's user may see."""
    users = get_user_model().objects.order_by("first_name", "last_name", "username")
    if request is None:
        return users.none()
    trainers = TrainingSession.objects.visible_to(request.user).values("trainer")
    return users.filter(pk__in=trainers)


def session_accounts(request):
    """The accounts of the sessions the request's user sees (a supporting department sees
    its sessions' accounts by name, not the accounts themselves)."""
    if request is None:
        return Account.objects.none()
    sessions = TrainingSession.objects.visible_to(request.user).values("account")
    return Account.objects.filter(pk__in=sessions).order_by("name")


class SessionFilterSet(TeamOwnerFilterMixin, django_filters.FilterSet):
    q = SearchFilter(method="filter_q", label=_("Search"))
    when = django_filters.ChoiceFilter(
        choices=WHEN_CHOICES, method="filter_when", label=_("When"), empty_label=None
    )
    status = django_filters.MultipleChoiceFilter(
        choices=SessionStatus.choices, distinct=False, label=_("Status")
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=SessionKind.choices, distinct=False, label=_("Kind")
    )
    account = django_filters.ModelChoiceFilter(queryset=session_accounts, label=_("Account"))
    team = django_filters.ModelChoiceFilter(
        field_name="account__owner__team", queryset=teams_of, label=_("Team")
    )
    owner = django_filters.ModelChoiceFilter(
        field_name="account__owner", queryset=sellers_of, label=_("Account owner")
    )
    trainer = django_filters.ModelChoiceFilter(queryset=trainer_choices, label=_("Trainer"))
    support_department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.order_by("name"),
        to_field_name="code",
        label=_("Supported by"),
    )
    scheduled_after = BoundedIsoDateTimeFilter(
        field_name="scheduled_at", lookup_expr="gte", label=_("From")
    )
    scheduled_before = BoundedIsoDateTimeFilter(
        field_name="scheduled_at", lookup_expr="lt", label=_("Before")
    )

    class Meta:
        model = TrainingSession
        fields = [
            "q",
            "when",
            "status",
            "kind",
            "account",
            "team",
            "owner",
            "trainer",
            "support_department",
            "scheduled_after",
            "scheduled_before",
        ]

    def narrow_owner_choices(self) -> None:
        """Besides the owners (``TeamOwnerFilterMixin``), past a hundred trainers the select
        offers those of the chosen team, and the chosen trainer (the training department
        sees the sessions of every team)."""
        super().narrow_owner_choices()
        data = self.form.cleaned_data if self.form.is_bound else {}
        chosen = data.get("trainer")
        narrow_owners(self.form.fields["trainer"], data.get("team"), chosen and chosen.pk)

    def filter_q(self, queryset, name, value):
        # The session's search document: title, topic, account name.
        return search(queryset, value)

    def filter_when(self, queryset, name, value):
        if value == "upcoming":
            return queryset.filter(upcoming_q())
        if value == "past":
            return queryset.exclude(upcoming_q())
        return queryset
