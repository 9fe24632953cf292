"""Middleware of the core app: request hygiene, private caching, security headers, preferences."""

import zoneinfo

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
#: The request headers by which a page answers with a fragment (``kam.views.htmx_partial``).
HTMX_HEADERS = ("HX-Request", "HX-Target")


def _is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


class RejectNulMiddleware:
    """A NUL character in the query string answers 400, on every page, the API and admin.

    PostgreSQL text cannot hold NUL, so a filter such as ``?region=%00`` would otherwise
    reach the driver and fail there with a 500. Form fields already refuse NUL
    (``ProhibitNullCharactersValidator``); query strings go to lookups without a form.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                message = _("Null characters are not allowed in the query string.")
                if _is_api(request):
                    return JsonResponse({"detail": message}, status=400)
                return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class PrivateCacheMiddleware:
    """Nothing a logged-in user sees, and no API answer, is kept by a browser or a proxy.

    Customer data on a shared computer's back button or in a proxy cache is a leak. Pages
    also say that they vary with htmx's headers: the same URL answers htmx with a fragment
    (a tab, a progress box) and a browser with the whole page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if _is_api(request) or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        if not _is_api(request):
            patch_vary_headers(response, HTMX_HEADERS)
        return response


def _csp(directives: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response.

    The product's pages load scripts and styles from this origin only, with no inline
    script or style at all. Third-party UIs we serve as they come (Django admin, the
    browsable API, Swagger UI) keep the same script rule but may use inline styles.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = _csp(settings.KAM_CSP)
        self.relaxed_policy = _csp(
            {**settings.KAM_CSP, "style-src": [*settings.KAM_CSP["style-src"], "'unsafe-inline'"]}
        )
        self.permissions = ", ".join(
            f"{feature}=()" for feature in settings.KAM_PERMISSIONS_POLICY_DENY
        )

    def __call__(self, request):
        response = self.get_response(request)
        relaxed = request.path_info.startswith(settings.KAM_CSP_INLINE_STYLE_PATHS)
        response.headers.setdefault(
            "Content-Security-Policy", self.relaxed_policy if relaxed else self.policy
        )
        response.headers.setdefault("Permissions-Policy", self.permissions)
        return response


class UserPreferencesMiddleware:
    """Activate the user's own time zone and language for the request.

    Times are shown and entered in the user's zone (a rep in Chicago logs a visit at
    local time); business periods (KPI quarters) are computed in the company's zone by
    ``kam.dates``, whatever zone is active.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if user.time_zone:
                try:
                    timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
                except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                    timezone.deactivate()
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = translation.get_language()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
