"""What every API viewset shares: pagination, errors, visibility and the write re-check."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, permissions, status, viewsets
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from kam.errors import Conflict
from kam.visibility import CHANGE, VIEW


def exception_handler(exc, context):
    """DRF's handler, plus the domain errors services raise (400 and 409, never 500)."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Conflict):
        set_rollback()
        return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
    return drf_exception_handler(exc, context)


class RejectNulMixin:
    """PostgreSQL text cannot hold NUL; refuse it in query strings with a 400, not a 500."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for key, values in request.query_params.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise exceptions.ValidationError({key: ["Null characters are not allowed."]})


class VisibleModelViewSet(RejectNulMixin, viewsets.ModelViewSet):
    """Base of every domain viewset.

    Reads start from ``visible_to(user)`` (404 outside it). Writes need the object in
    ``visible_to(user, "change")`` (403 for a record one may see but not change), and a
    created or updated record must still be visible to its writer, in the same transaction.
    """

    lookup_value_regex = r"[0-9]+"
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user, VIEW)

    def get_object(self):
        obj = super().get_object()
        if self.request.method not in permissions.SAFE_METHODS:
            self.check_can_change(obj)
        return obj

    def check_can_change(self, obj):
        model = type(obj)
        if not model._default_manager.visible_to(self.request.user, CHANGE).filter(
            pk=obj.pk
        ).exists():
            raise exceptions.PermissionDenied("Your role may not change this record.")

    def ensure_still_visible(self, obj):
        model = type(obj)
        if not model._default_manager.visible_to(self.request.user, CHANGE).filter(
            pk=obj.pk
        ).exists():
            # Raised inside the request's transaction (ATOMIC_REQUESTS), so the write is undone.
            raise exceptions.ValidationError(
                {"detail": ["The record would not be yours to change after this write."]}
            )

    def perform_create(self, serializer):
        obj = self.perform_create_service(serializer)
        self.ensure_still_visible(obj)

    def perform_update(self, serializer):
        obj = self.perform_update_service(serializer)
        self.ensure_still_visible(obj)

    def perform_create_service(self, serializer):
        return serializer.save()

    def perform_update_service(self, serializer):
        return serializer.save()

