from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kam.choices import Role, WebhookFlavour
from kam.visibility import VIEW, OwnOnlyQuerySet, signed_in
from kam.webhooks import validate_webhook_url


class Notification(models.Model):
    """Something a user should know: stored in-app, and sent by e-mail or webhook as they chose.

    ``once_key`` makes a notification idempotent: a job that runs twice, or two workers
    racing, store (and so send) it once, because the database refuses the second row.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=64)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    once_key = models.CharField(_("once key"), max_length=200, null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    #: Set when the user's preference asked for an e-mail; cleared by sending it.
    email_pending = models.BooleanField(_("e-mail pending"), default=False)

    objects = OwnOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_user_unread"),
            models.Index(fields=["user", "-created_at"], name="notification_user_recent"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "once_key"],
                condition=Q(once_key__isnull=False),
                name="notification_once_per_user",
            ),
        ]

    def __str__(self):
        return self.subject


class NotificationPreference(models.Model):
    """Per kind of notification: whether the user also wants it by e-mail, by webhook."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=64)
    email = models.BooleanField(_("by e-mail"), default=True)
    webhook = models.BooleanField(_("by webhook"), default=False)

    objects = OwnOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")
        ]

    def __str__(self):
        return f"{self.user} · {self.kind}"


class WebhookQuerySet(models.QuerySet):
    """A user's own webhook, and a department member's department webhook."""

    def visible_to(self, user, action: str = VIEW):
        if not signed_in(user, action):
            return self.none()
        mine = Q(user=user)
        if user.role == Role.DEPARTMENT and user.department_id is not None:
            mine |= Q(department_id=user.department_id)
        return self.filter(mine)


class Webhook(models.Model):
    """An outgoing webhook of one user or of one department (a WeCom group, say)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="webhook",
    )
    department = models.OneToOneField(
        "kam.Department",
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="webhook",
    )
    url = models.URLField(_("URL"), max_length=500)
    flavour = models.CharField(
        _("format"), max_length=16, choices=WebhookFlavour.choices, default=WebhookFlavour.WECOM
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=200,
        blank=True,
        help_text=_("DingTalk and Feishu “sign” secrets; for the generic format, an HMAC key."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # Who pointed a department's messages where, and when (the secret stays out of it).
    history = HistoricalRecords(excluded_fields=["secret"])
    objects = WebhookQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        constraints = [
            models.CheckConstraint(
                name="webhook_of_a_user_or_a_department",
                condition=(Q(user__isnull=False) & Q(department__isnull=True))
                | (Q(user__isnull=True) & Q(department__isnull=False)),
            ),
        ]

    def __str__(self):
        return f"{self.user or self.department} · {self.get_flavour_display()}"

    @property
    def owner_name(self) -> str:
        return str(self.user.display_name if self.user_id else self.department)

    def clean(self):
        validate_webhook_url(self.url)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RETRYING = "retrying", _("Retrying")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class WebhookDelivery(models.Model):
    """One message posted (or being posted) to a webhook, with its attempts' outcome."""

    webhook = models.ForeignKey(
        Webhook, verbose_name=_("webhook"), on_delete=models.PROTECT, related_name="deliveries"
    )
    notification = models.ForeignKey(
        Notification,
        verbose_name=_("notification"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    kind = models.CharField(_("kind"), max_length=64)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True)
    once_key = models.CharField(_("once key"), max_length=200, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveSmallIntegerField(
        _("last HTTP status"), null=True, blank=True
    )
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["status", "created_at"], name="delivery_status_recent")]
        constraints = [
            models.UniqueConstraint(
                fields=["webhook", "once_key"],
                condition=Q(once_key__isnull=False),
                name="delivery_once_per_webhook",
            ),
        ]

    def __str__(self):
        return f"{self.webhook} · {self.subject}"
