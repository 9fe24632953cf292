"""The base view mixin that applies ``visible_to``, and the pages of the core app."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from accounts import selectors
from kam import services
from kam.choices import Role
from kam.errors import Conflict
from kam.forms import ProfileForm, TokenForm
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


# -- the user's own profile: preferences, password, API tokens --------------------------------


def _profile(request, *, form=None, token_form=None, new_key=None, status=200):
    user = request.user
    tokens = list(user.api_tokens.all())
    now = timezone.now()
    for token in tokens:
        token.current_status = token.status(now)
    return render(
        request,
        "kam/profile.html",
        {
            "form": form or ProfileForm(instance=user),
            "token_form": token_form or TokenForm(),
            "tokens": tokens,
            "new_key": new_key,
        },
        status=status,
    )


@login_required
def profile(request):
    """The user's name, language and time zone, their password and their API tokens."""
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=request.user)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile was saved."))
            return HttpResponseRedirect(reverse("profile"))
        return _profile(request, form=form, status=400)
    return _profile(request)


@login_required
@require_POST
def token_create(request):
    """A named token; its key is on this one answer only (it is never stored)."""
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _profile(request, token_form=form, status=400)
    token, key = services.token_create(
        user=request.user, name=form.cleaned_data["name"], expires_at=form.expires_at()
    )
    messages.success(
        request,
        _("Token “%(name)s” created. Copy its key now: it is not shown again.")
        % {"name": token.name},
    )
    return _profile(request, new_key=key)


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    try:
        services.token_revoke(token=token, by=request.user)
    except Conflict as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return HttpResponseRedirect(reverse("profile") + "#tokens")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change; the new password revokes every API token of the user."""

    template_name = "kam/password_change.html"
    success_url = reverse_lazy("profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("Your password was changed. Your API tokens stopped working: create new ones."),
        )
        return response


@require_POST
def set_language(request):
    """Django's language switch; for a logged-in user the choice is also their preference,
    so e-mails and the next login follow it."""
    response = django_set_language(request)
    language = request.POST.get("language")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return response


def bad_request(request, exception):
    """A 400 page with the user's navigation and the reason (Django's has neither)."""
    return render(request, "400.html", {"exception": str(exception)}, status=400)


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; answer with the real icon."""
    return HttpResponseRedirect(static("favicon.svg"))
