"""Pages of the core app, and the base view mixin every app's pages use (``VisibleMixin``)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from kam.visibility import CHANGE, VIEW, may_change, may_create


def htmx_partial(request, target: str | None = None) -> bool:
    """Whether to answer with a fragment: an htmx request (for the element ``target``, when
    named), but not a history restore, which replaces the whole page after Back."""
    htmx = getattr(request, "htmx", None)
    if not htmx or htmx.history_restore_request:
        return False
    return target is None or htmx.target == target


class VisibleMixin(LoginRequiredMixin):
    """Every domain page starts from ``model.objects.visible_to(user)``: outside it, 404.

    Set ``action = "change"`` on views that write, so a record one may only read
    answers 403 and one cannot see answers 404.
    """

    model = None
    action = VIEW

    def get_queryset(self):
        return self.model._default_manager.visible_to(self.request.user, VIEW)

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if self.action == CHANGE and not self.may_change(obj):
            raise PermissionDenied
        return obj

    def may_change(self, obj) -> bool:
        """Whether the user may change ``obj`` (pages show their edit links by it)."""
        return may_change(self.request.user, obj)


class MayCreateMixin(LoginRequiredMixin):
    """A page that creates a ``model`` answers 403 to a role that does not create them
    (``may_create``): an executive reads, a department member answers routed work."""

    model = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_create(request.user, self.model):
            raise PermissionDenied(_("Your role may not create this kind of record."))
        return super().dispatch(request, *args, **kwargs)
