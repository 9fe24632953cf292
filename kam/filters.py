"""Filter helpers shared by every app's FilterSets."""

import django_filters
from django.contrib.auth import get_user_model
from django_filters.fields import IsoDateTimeField

from kam.bounds import YearBoundedMixin


class BoundedIsoDateTimeField(YearBoundedMixin, IsoDateTimeField):
    pass


class BoundedIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 moment between 1901 and 2100 (anything else is a 400, not a 500)."""

    field_class = BoundedIsoDateTimeField


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
        return users.filter(pk__in=visible)

    return queryset
