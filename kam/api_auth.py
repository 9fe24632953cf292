"""``POST /api/v1/auth/token/``: trade a username and password for an API token.

It goes through ``django.contrib.auth.authenticate`` with the request, like the login page,
so django-axes counts the failures and locks the username out on both alike.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate, user_logged_in
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import renderers, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from kam import services
from kam.api import ErrorSerializer, ValidationErrorSerializer
from kam.models.tokens import MAX_TOKEN_DAYS
from kam.parsers import SafeJSONParser


def lockout_message() -> str:
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return _("Too many failed login attempts. Try again in %(minutes)s minutes.") % {
        "minutes": minutes
    }


class TokenCredentialsSerializer(serializers.Serializer):
    # Bounded like User.username, so a fuzzer's megabyte never reaches the attempt log.
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(
        max_length=4096, trim_whitespace=False, style={"input_type": "password"}
    )
    name = serializers.CharField(
        max_length=100,
        required=False,
        help_text=gettext_lazy("What the token is for, shown on your profile page."),
    )
    expires_in_days = serializers.IntegerField(
        min_value=1,
        max_value=MAX_TOKEN_DAYS,
        required=False,
        help_text=gettext_lazy("The token stops working after this many days; default: never."),
    )


TokenSerializer = inline_serializer(
    "Token",
    fields={
        "token": serializers.CharField(),
        "name": serializers.CharField(),
        "expires_at": serializers.DateTimeField(allow_null=True),
        "user": serializers.IntegerField(
            help_text=gettext_lazy("Your user id (e.g. to assign a ticket to yourself).")
        ),
    },
)


class ObtainTokenView(APIView):
    """A new API token for a valid username and password.

    Each call creates a token (only its digest is stored, so an existing key cannot be
    shown again); the user sees and revokes their tokens on their profile page, and a
    password change revokes them all.
    """

    # Nobody is authenticated yet: a stale token or session must not get in the way.
    authentication_classes = ()
    permission_classes = ()
    throttle_classes = ()
    parser_classes = (SafeJSONParser,)
    renderer_classes = (renderers.JSONRenderer,)

    @extend_schema(
        operation_id="auth_token_create",
        request=TokenCredentialsSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(
                ValidationErrorSerializer,
                description=gettext_lazy("Missing fields or wrong credentials."),
            ),
            429: OpenApiResponse(
                ErrorSerializer,
                description=gettext_lazy(
                    "Too many failed attempts: the username is locked out for a while."
                ),
            ),
        },
        auth=[],
        tags=["auth"],
    )
    def post(self, request, *args, **kwargs):
        params = TokenCredentialsSerializer(data=request.data)
        # Answer errors as responses, not exceptions: an exception would roll back the
        # request's transaction (ATOMIC_REQUESTS), and with it the failure axes just logged.
        if not params.is_valid():
            return Response(params.errors, status=status.HTTP_400_BAD_REQUEST)
        credentials = params.validated_data
        user = authenticate(
            request=request, username=credentials["username"], password=credentials["password"]
        )
        if getattr(request, "axes_locked_out", False):
            return Response(
                {"detail": lockout_message()},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(int(settings.AXES_COOLOFF_TIME.total_seconds()))},
            )
        if user is None or not user.is_active:
            return Response(
                {"non_field_errors": [_("Wrong username or password.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        # A token is a login: axes resets the failure count, Django records last_login.
        user_logged_in.send(sender=type(user), request=request, user=user)
        days = credentials.get("expires_in_days")
        token, key = services.token_create(
            user=user,
            name=credentials.get("name") or _("API token"),
            expires_at=timezone.now() + timedelta(days=days) if days else None,
        )
        return Response(
            {"token": key, "name": token.name, "expires_at": token.expires_at, "user": user.pk}
        )
