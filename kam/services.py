"""Writes of the core app: API tokens, notification settings and webhooks.

Sending notifications lives in ``kam.notifications`` (``kam.notify``).
"""

import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.errors import Conflict
from kam.models import ApiToken, NotificationPreference, Webhook
from kam.models.tokens import PREFIX_LENGTH, key_digest, password_binding


@transaction.atomic
def token_create(*, user, name: str, expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """A new API token for ``user``; returns it and its key, which is never shown again."""
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("A token must expire in the future.")})
    key = secrets.token_hex(20)
    token = ApiToken(
        user=user,
        name=name,
        digest=key_digest(key),
        prefix=key[:PREFIX_LENGTH],
        binding=password_binding(user),
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    return token, key


@transaction.atomic
def token_revoke(*, token: ApiToken, by) -> ApiToken:
    if token.revoked_at is not None:
        raise Conflict(_("This token is already revoked."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token


@transaction.atomic
def tokens_revoke_all(*, user) -> int:
    """Revoke every token of ``user`` (on deactivation); returns how many were active."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


@transaction.atomic
def notification_preferences_save(*, user, choices: dict[str, tuple[bool, bool]]) -> None:
    """Store, per kind, whether ``user`` also wants it by e-mail and by webhook."""
    for kind, (email, webhook) in choices.items():
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"email": email, "webhook": webhook}
        )


@transaction.atomic
def webhook_save(*, user=None, department=None, by, **data) -> Webhook:
    """Create or change the webhook of ``user`` or of ``department`` (exactly one)."""
    if (user is None) == (department is None):
        raise ValueError("a webhook belongs to a user or to a department")
    webhook = Webhook.objects.filter(user=user, department=department).first() or Webhook(
        user=user, department=department
    )
    for field, value in data.items():
        setattr(webhook, field, value)
    webhook.full_clean()
    webhook.save()
    return webhook
