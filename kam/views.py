"""The base view mixin that applies ``visible_to``, and the pages of the core app."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from kam.visibility import CHANGE, VIEW


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
        if self.action == CHANGE and not self.model._default_manager.visible_to(
            self.request.user, CHANGE
        ).filter(pk=obj.pk).exists():
            raise PermissionDenied
        return obj


def home(request):
    """Placeholder until the home pages land."""
    raise NotImplementedError


def healthz(request):
    """Liveness for the container orchestrator: the process answers and the database too."""
    raise NotImplementedError
