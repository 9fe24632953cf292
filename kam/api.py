"""What every API viewset shares: pagination, errors, visibility and the write re-check."""

import functools

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import exceptions, permissions, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from kam.bounds import MAX_YEAR, MIN_YEAR, YEAR_OUT_OF_RANGE
from kam.errors import Conflict
from kam.visibility import CHANGE, VIEW, assignable_owners, may_change, may_create

#: Query parameters every list accepts besides its filters (DRF's browsable API adds format).
LIST_PARAMS = ("page", "page_size", "format")


def exception_handler(exc, context):
    """DRF's handler, plus the domain errors services raise (400 and 409, never 500).

    Every 404 says the same ``{"detail": "Not found."}``: Django's message names the model
    ("No Account matches the given query."), which tells a client what it probed.
    """
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Conflict):
        set_rollback()
        return Response({"detail": exc.message, **exc.extra}, status=status.HTTP_409_CONFLICT)
    elif isinstance(exc, ProtectedError | RestrictedError):
        # A safety net: services refuse these deletes with a Conflict of their own first.
        set_rollback()
        return Response(
            {"detail": _("Other records still refer to this one, so it cannot be deleted.")},
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)


#: The body of every error that is not a field error: ``{"detail": "…"}``.
ErrorSerializer = inline_serializer("Error", fields={"detail": serializers.CharField()})
#: Field errors: ``{"field": ["message", …], …}``.
ValidationErrorSerializer = inline_serializer(
    "ValidationError",
    fields={
        "non_field_errors": serializers.ListField(child=serializers.CharField(), required=False),
    },
)


class KamAutoSchema(AutoSchema):
    """drf-spectacular's schema plus the error answers every viewset gives (400/401/403/404).

    409 is declared by the operations that can answer it (``extend_schema`` on the action).
    """

    def get_tags(self):
        # The resource ("accounts", "visits", …), not the version prefix they all share.
        segments = [part for part in self.path.split("/") if part and part not in ("api", "v1")]
        return segments[:1] or super().get_tags()

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        errors = {}
        # Writes validate their body; lists their query (unknown parameters, long searches).
        if self.method in ("POST", "PUT", "PATCH") or self._is_list_view():
            errors["400"] = ValidationErrorSerializer
        if self.get_auth():
            errors["401"] = ErrorSerializer
        if self.method not in permissions.SAFE_METHODS:
            errors["403"] = ErrorSerializer
        if not self._is_list_view() and "{" in self.path:
            errors["404"] = ErrorSerializer
        for code, serializer in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(serializer, code)
        return responses


def require_may_create(user, model) -> None:
    """403 with a reason for a role that does not create records of ``model``."""
    if not may_create(user, model):
        raise exceptions.PermissionDenied(_("Your role may not create this kind of record."))


def unknown_param_message(accepted) -> str:
    return _("Unknown query parameter. Accepted: %(names)s.") % {
        "names": ", ".join(sorted(accepted))
    }


@functools.cache
def accepted_filter_params(filterset_class) -> frozenset[str]:
    """The query parameters a FilterSet reads, with the sub-names of multi-value widgets."""
    names = set()
    for name, field in filterset_class().form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.MultiWidget):
            names.update(f"{name}{suffix}" for suffix in widget.widgets_names)
        else:
            names.add(name)
    return frozenset(names)


class VisibleViewSetMixin:
    """Reads start from ``visible_to(user)`` (404 outside it); an action that writes needs
    the object in ``visible_to(user, "change")`` (403 for one the user may only see)."""

    lookup_value_regex = r"[0-9]+"
    schema = KamAutoSchema()

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user, VIEW)

    def list(self, request, *args, **kwargs):
        self.check_query_params(request)
        return super().list(request, *args, **kwargs)

    def check_query_params(self, request):
        """A parameter the list does not know answers 400, so a typo never returns everything."""
        accepted = set(LIST_PARAMS)
        if getattr(self, "filterset_class", None) is not None:
            accepted |= accepted_filter_params(self.filterset_class)
        if getattr(self, "search_fields", None):
            accepted.add(api_settings.SEARCH_PARAM)
        if getattr(self, "ordering_fields", None):
            accepted.add(api_settings.ORDERING_PARAM)
        unknown = sorted(set(request.query_params) - accepted)
        if unknown:
            message = unknown_param_message(accepted)
            raise exceptions.ValidationError({name: [message] for name in unknown})

    def get_object(self):
        obj = super().get_object()
        if self.request.method not in permissions.SAFE_METHODS:
            self.check_can_change(obj)
        return obj

    def check_can_change(self, obj):
        if not may_change(self.request.user, obj):
            raise exceptions.PermissionDenied(_("Your role may not change this record."))


class VisibleModelViewSet(VisibleViewSetMixin, viewsets.ModelViewSet):
    """Base of every domain viewset.

    Reads start from ``visible_to(user)`` (404 outside it). Creating needs a role that
    creates this kind of record (``may_create``; 403 otherwise). Writes need the object in
    ``visible_to(user, "change")`` (403 for a record one may see but not change), and a
    created or updated record must still be visible to its writer, in the same transaction.
    Subclasses write through their app's services by overriding ``perform_create_service``,
    ``perform_update_service`` and ``perform_destroy_service``.
    """

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def create(self, request, *args, **kwargs):
        require_may_create(request.user, self.queryset.model)
        return super().create(request, *args, **kwargs)

    def ensure_still_visible(self, obj):
        if not may_change(self.request.user, obj):
            # Raised inside the request's transaction (ATOMIC_REQUESTS), so the write is undone.
            raise exceptions.ValidationError(
                {"detail": [_("The record would not be yours to change after this write.")]}
            )

    def perform_create(self, serializer):
        obj = self.perform_create_service(serializer)
        serializer.instance = obj
        self.ensure_still_visible(obj)

    def perform_update(self, serializer):
        obj = self.perform_update_service(serializer)
        serializer.instance = obj
        self.ensure_still_visible(obj)

    def perform_destroy(self, instance):
        self.perform_destroy_service(instance)

    def perform_create_service(self, serializer):
        return serializer.save()

    def perform_update_service(self, serializer):
        return serializer.save()

    def perform_destroy_service(self, instance):
        instance.delete()


@extend_schema_field(OpenApiTypes.INT)  # an id, also where no model tells the schema so
class VisibleRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key one may only point at records one may change.

    Anything else answers the same "does not exist" 400, so ids outside ``visible_to``
    are neither attachable nor probeable.
    """

    def __init__(self, model=None, **kwargs):
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return self.model._default_manager.visible_to(user, CHANGE)


class VisibleUserField(serializers.PrimaryKeyRelatedField):
    """A user reference whose choices are the active people the writer may know of.

    The browsable API lists a field's choices; ``User.objects.visible_to`` keeps it from
    listing every user of the company to anyone with a login.
    """

    def get_queryset(self):
        request = self.context.get("request")
        users = get_user_model().objects.filter(is_active=True)
        return users.visible_to(getattr(request, "user", None), VIEW)


class OwnerField(serializers.PrimaryKeyRelatedField):
    """The owner of a record: someone the requesting user may assign (``assignable_owners``)."""

    default_error_messages = {
        "does_not_exist": _lazy("You may not assign this record to that user (id {pk_value})."),
    }

    def get_queryset(self):
        request = self.context.get("request")
        return assignable_owners(getattr(request, "user", None))


@csrf_exempt  # Nothing happens here, and a CSRF failure would answer an HTML page.
def api_not_found(request, path=""):
    """Any other URL under the API answers JSON, as API clients expect, never an HTML page.

    Like ``APPEND_SLASH``, a URL that only lacks its trailing slash is redirected (GET/HEAD)
    or named in the error (other methods, whose body a redirect would lose).
    """
    with_slash = request.path_info + "/"
    if not request.path_info.endswith("/"):
        try:
            match = resolve(with_slash)
        except Resolver404:
            match = None
        if match is not None and match.func is not api_not_found:
            if request.method in ("GET", "HEAD"):
                query = request.META.get("QUERY_STRING", "")
                return HttpResponsePermanentRedirect(
                    request.get_full_path(force_append_slash=True) if query else with_slash
                )
            return JsonResponse(
                {"detail": _("Not found. Did you mean %(path)s?") % {"path": with_slash}},
                status=status.HTTP_404_NOT_FOUND,
            )
    return JsonResponse({"detail": _("Not found.")}, status=status.HTTP_404_NOT_FOUND)


class BoundedDateTimeField(serializers.DateTimeField):
    """A moment between 1901 and 2100 (``kam.bounds``): RFC 3339 can write it in any zone."""

    default_error_messages = {"out_of_range": YEAR_OUT_OF_RANGE}

    def to_internal_value(self, value):
        result = super().to_internal_value(value)
        if not MIN_YEAR <= result.year <= MAX_YEAR:
            self.fail("out_of_range")
        return result


class VisibleReadOnlyViewSet(VisibleViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Records that change only through their own actions (a review is decided, never
    edited): list, read, and the ``@action`` endpoints a subclass adds."""
