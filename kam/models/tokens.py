import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from kam.visibility import OwnOnlyQuerySet

#: The first characters of a key, kept in clear so its owner can tell their tokens apart.
PREFIX_LENGTH = 8
#: Longest life a token may be given (ten years): beyond it, no expiry at all.
MAX_TOKEN_DAYS = 3650


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def password_binding(user) -> str:
    """Changes whenever the user's password does, like Django's session auth hash."""
    return salted_hmac("kam.ApiToken", user.password, algorithm="sha256").hexdigest()


class TokenStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    PASSWORD_CHANGED = "password_changed", _("Revoked: the password changed")


class ApiToken(models.Model):
    """An API key of a user for ``Authorization: Token <key>``.

    Only a SHA-256 digest of the key is stored: the key itself is shown once, when it is
    created. A token is bound to the password it was created under (``password_binding``),
    so every password change revokes the user's tokens, whichever way it happens.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        # A credential, not a business record: it goes with its user.
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(_("digest"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("starts with"), max_length=PREFIX_LENGTH, editable=False)
    binding = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = OwnOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def status(self, now=None) -> str:
        now = now or timezone.now()
        if self.revoked_at is not None:
            return TokenStatus.REVOKED
        if self.binding != password_binding(self.user):
            return TokenStatus.PASSWORD_CHANGED
        if self.expires_at is not None and self.expires_at <= now:
            return TokenStatus.EXPIRED
        return TokenStatus.ACTIVE

    @cached_property
    def current_status(self) -> str:
        """``status()`` now, computed once per instance (a page shows it twice)."""
        return self.status()

    def get_status_display(self) -> str:
        return TokenStatus(self.current_status).label
