"""The home page, the error pages and the small endpoints every deployment needs."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from kam.panels import home_panels


@login_required
def home(request):
    """What needs doing, composed of the panels apps register for the user's role."""
    return render(
        request,
        "kam/home.html",
        {"panels": home_panels.render(request), "today": timezone.localdate()},
    )


@never_cache
@require_GET
def healthz(request):
    """Liveness for the container orchestrator: the process answers and the database too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")


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
    """A 400 page with the user's navigation, and the reason when it is ours to give.

    Only a ``BadRequest`` the site raised (a search too long, say) is explained: Django's
    own refusals (``SuspiciousOperation``: a forged Host header…) would echo what the
    client sent, so they get the page without it.
    """
    reason = str(exception) if isinstance(exception, BadRequest) else ""
    return render(request, "400.html", {"exception": reason}, status=400)


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; answer with the real icon."""
    return HttpResponseRedirect(static("favicon.svg"))
