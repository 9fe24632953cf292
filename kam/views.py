"""The base view mixin that applies ``visible_to``, and the pages of the core app."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts import selectors
from kam.choices import Role
from kam.visibility import CHANGE, VIEW, may_change

#: Rows per list on the home page; the account list has the rest.
HOME_LIST_LENGTH = 25


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


@login_required
def home(request):
    """What needs doing: follow-ups due and accounts gone unvisited, over what one sees.

    A manager also gets their team's week, one row per rep.
    """
    user = request.user
    context = {
        "follow_ups": list(selectors.open_follow_ups(user)[:HOME_LIST_LENGTH]),
        "unvisited": list(selectors.unvisited_accounts(user)[:HOME_LIST_LENGTH]),
        "list_length": HOME_LIST_LENGTH,
        "today": timezone.localdate(),
        "unvisited_days": selectors.UNVISITED_DAYS,
        "follow_up_days": selectors.FOLLOW_UP_HORIZON_DAYS,
    }
    if user.role == Role.MANAGER:
        context["show_team"] = True
        context["team"] = list(selectors.team_activity(user))
    return render(request, "kam/home.html", context)


@never_cache
@require_GET
def healthz(request):
    """Liveness for the container orchestrator: the process answers and the database too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")
