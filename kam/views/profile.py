"""The user's own pages: preferences, password and API tokens."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kam import services
from kam.errors import Conflict
from kam.forms import ProfileForm, TokenForm
from kam.models import ApiToken


def _profile(request, *, form=None, token_form=None, new_key=None, status=200):
    user = request.user
    return render(
        request,
        "kam/profile.html",
        {
            "form": form or ProfileForm(instance=user),
            "token_form": token_form or TokenForm(),
            "tokens": list(ApiToken.objects.visible_to(user).select_related("user")),
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
    token = get_object_or_404(ApiToken.objects.visible_to(request.user), pk=pk)
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
