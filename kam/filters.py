"""Filter helpers shared by every app's FilterSets."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from rest_framework import exceptions, filters

from kam.bounds import YearBoundedMixin, check_search
from kam.choices import Role
from kam.models import Team
from kam.search import Searchable, search


class SearchField(forms.CharField):
    """A page's search box: as long and with as many words as ``kam.bounds`` allows."""

    default_validators = [check_search]


class SearchFilter(django_filters.CharFilter):
    """The free-text search of a FilterSet; the FilterSet names what it matches (``method``)."""

    field_class = SearchField


class BoundedIsoDateTimeField(YearBoundedMixin, IsoDateTimeField):
    pass


class BoundedIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 moment between 1901 and 2100 (anything else is a 400, not a 500)."""

    field_class = BoundedIsoDateTimeField


def quarter_numbers():
    """Q1 … Q4, labelled in the language of the request (a callable: read per form)."""
    return [(quarter, gettext("Q%(quarter)d") % {"quarter": quarter}) for quarter in range(1, 5)]


def sellers_of(request):
    """The reps and managers the request's user sees: whom sales records may belong to (the
    owner filter's choices where counting the owners of a million rows would be slow)."""
    users = get_user_model().objects.order_by("first_name", "last_name", "username")
    if request is None:
        return users.none()
    return users.visible_to(request.user).filter(role__in=(Role.REP, Role.MANAGER))


def teams_of(request):
    """The teams of the people the request's user sees (the team filter's choices)."""
    if request is None:
        return Team.objects.none()
    members = get_user_model().objects.visible_to(request.user).values("team")
    return Team.objects.filter(pk__in=members).order_by("name")


class TeamOwnerFilterMixin:
    """A FilterSet with ``team`` and ``owner`` filters: past ``OWNER_CHOICES_SHOWN`` owners
    a select is no help (an executive sees 500 reps), so the page then lists the owners of
    the chosen team only (``narrow_owner_choices``, called by ``FilteredListView``)."""

    OWNER_CHOICES_SHOWN = 100
    #: The filter naming the person (``author`` of a report, ``submitted_by``…).
    owner_field = "owner"

    def narrow_owner_choices(self) -> None:
        """After validation, offer at most ``OWNER_CHOICES_SHOWN`` owners on the page: all of
        them when there are few, else those of the chosen team (and the chosen owner)."""
        data = self.form.cleaned_data if self.form.is_bound else {}
        chosen = data.get(self.owner_field)
        narrow_owners(self.form.fields[self.owner_field], data.get("team"), chosen and chosen.pk)


def narrow_owners(field, team, owner_id) -> None:
    """Past ``OWNER_CHOICES_SHOWN`` people, a select ``field`` of owners offers those of
    ``team`` (and the one chosen) only, saying to pick a team first."""
    owners = field.queryset
    if owners.count() <= TeamOwnerFilterMixin.OWNER_CHOICES_SHOWN:
        return
    narrowed = owners.filter(team=team) if team else owners.none()
    if owner_id is not None:
        narrowed = narrowed | owners.filter(pk=owner_id)
    field.queryset = narrowed
    field.help_text = "" if team else _("Choose a team first to list its reps.")


def visible_choices(model):
    """A callable queryset for a ModelChoiceFilter: only what the request's user may see."""

    def queryset(request):
        if request is None:
            return model.objects.none()
        return model.objects.visible_to(request.user)

    return queryset


def owners_of(model, owner_field: str = "owner"):
    """Users owning records the request's user may see (the owner filter's choices)."""

    def queryset(request):
        users = get_user_model().objects.order_by("first_name", "last_name", "username")
        if request is None:
            return users.none()
        visible = model.objects.visible_to(request.user).values(owner_field)
        return users.visible_to(request.user).filter(pk__in=visible)

    return queryset


class BoundedSearchFilter(filters.SearchFilter):
    """``?search=`` of every list, bounded like the pages' searches (``kam.bounds``): 400 beyond.

    A ``Searchable`` model is searched through its document (``kam.search``), which holds
    exactly the view's ``search_fields``; others through DRF's per-field ``icontains``.
    """

    def get_search_terms(self, request):
        value = request.query_params.get(self.search_param, "")
        try:
            check_search(value)
        except ValidationError as error:
            raise exceptions.ValidationError({self.search_param: error.messages}) from error
        return super().get_search_terms(request)

    def filter_queryset(self, request, queryset, view):
        if not issubclass(queryset.model, Searchable):
            return super().filter_queryset(request, queryset, view)
        terms = self.get_search_terms(request)
        return search(queryset, terms) if terms else queryset


class StableOrderingFilter(filters.OrderingFilter):
    """``ordering=`` with the primary key last: rows that tie (two tickets due at the same
    minute) keep one order, so paging never repeats or skips one."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if ordering and not any(term.lstrip("-") in ("pk", "id") for term in ordering):
            ordering = [*ordering, "-pk" if ordering[-1].startswith("-") else "pk"]
        return ordering
