"""``kam.notify``: the one way anything in KAM CRM tells a person or a department something.

A notification is stored for each user (the in-app list and the unread count), e-mailed
when the user's preference for its kind says so, and posted to the user's or the
department's webhook. E-mails and webhook posts go through Celery after the transaction
commits, so a slow or failing mail server or chat tool never holds up, or breaks, the
request or job that notified; deliveries are recorded with their attempts.

Apps register their kinds of notification (``register_kind``) in their ``notifications``
module, so the preferences page can list them with a label in the user's language.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kam import webhooks
from kam.models import (
    DeliveryStatus,
    Department,
    Notification,
    NotificationPreference,
    User,
    Webhook,
    WebhookDelivery,
)
from kam.queue import enqueue

#: Subject and body: a string, a lazy translation, or a function of the recipient (a User,
#: or a Department for its webhook) evaluated in the recipient's language.
Text = str | Any | Callable[[Any], str]

SUBJECT_LENGTH = 255
#: A longest wait between two webhook attempts, whatever the back-off says.
MAX_BACKOFF_SECONDS = 3600


@dataclass(frozen=True)
class NotificationKind:
    code: str
    label: Any
    description: Any = ""
    email: bool = True
    webhook: bool = True


_kinds: dict[str, NotificationKind] = {}


def register_kind(code: str, label, *, description="", email=True, webhook=True):
    """Declare a kind of notification and its default channels (users may change them).

    ``webhook`` defaults to on: it only takes effect for users who set up a webhook, and
    one who does expects their notifications to arrive there.
    """
    _kinds[code] = NotificationKind(code, label, description, email, webhook)
    return _kinds[code]


def kinds() -> list[NotificationKind]:
    return sorted(_kinds.values(), key=lambda kind: kind.code)


def get_kind(code: str) -> NotificationKind:
    return _kinds.get(code) or NotificationKind(code, code)


def absolute_url(path: str) -> str:
    return urljoin(settings.KAM_BASE_URL, path) if path else ""


def _render(text: Text, recipient) -> str:
    return str(text(recipient) if callable(text) else text)


def _subject(text: Text, recipient) -> str:
    """A subject is one line (a newline in an e-mail header is refused by the mail library)."""
    return " ".join(_render(text, recipient).split())[:SUBJECT_LENGTH]


def _split(recipients) -> tuple[list[User], list[Department]]:
    if isinstance(recipients, User | Department):
        recipients = [recipients]
    users: dict[int, User] = {}
    departments: dict[int, Department] = {}
    for recipient in recipients:
        if recipient is None:
            continue
        if isinstance(recipient, Department):
            departments[recipient.pk] = recipient
        else:
            users[recipient.pk] = recipient
    if departments:
        members = User.objects.filter(department__in=list(departments), is_active=True)
        for member in members:
            users.setdefault(member.pk, member)
    return [user for user in users.values() if user.is_active], list(departments.values())


@transaction.atomic
def notify(
    recipients: User | Department | Iterable[User | Department],
    kind: str,
    subject: Text,
    body: Text = "",
    url: str = "",
    *,
    once_key: str | None = None,
) -> list[Notification]:
    """Tell ``recipients`` (users and/or departments) something; returns what was stored.

    With ``once_key``, a recipient already told under that key is not told again, even
    when two workers race: the unique constraint, not a read-then-write, decides.
    A department's members each get the notification; its webhook gets one post.
    """
    users, departments = _split(recipients)
    definition = get_kind(kind)
    preferences = {
        preference.user_id: preference
        for preference in NotificationPreference.objects.filter(user__in=users, kind=kind)
    }
    user_hooks = {
        hook.user_id: hook for hook in Webhook.objects.filter(user__in=users, active=True)
    }
    created = []
    for user in users:
        preference = preferences.get(user.pk)
        wants_email = preference.email if preference else definition.email
        wants_webhook = preference.webhook if preference else definition.webhook
        language = user.preferred_language
        with translation.override(language):
            rendered_subject = _subject(subject, user)
            rendered_body = _render(body, user)
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    user=user,
                    kind=kind,
                    subject=rendered_subject,
                    body=rendered_body,
                    url=url,
                    once_key=once_key,
                    email_pending=wants_email and bool(user.email),
                )
        except IntegrityError:
            if once_key is None:
                raise
            continue  # told already
        created.append(notification)
        if notification.email_pending:
            transaction.on_commit(
                lambda pk=notification.pk: enqueue(_email_task(), notification_id=pk)
            )
        hook = user_hooks.get(user.pk)
        if wants_webhook and hook is not None:
            _queue_delivery(
                hook,
                kind=kind,
                subject=rendered_subject,
                body=rendered_body,
                url=url,
                language=language,
                notification=notification,
            )
    department_hooks = Webhook.objects.filter(department__in=departments, active=True)
    for hook in department_hooks.select_related("department"):
        department = hook.department
        with translation.override(settings.LANGUAGE_CODE):
            _queue_delivery(
                hook,
                kind=kind,
                subject=_subject(subject, department),
                body=_render(body, department),
                url=url,
                language=settings.LANGUAGE_CODE,
                once_key=once_key,
            )
    return created


def _queue_delivery(hook, *, once_key=None, **fields) -> WebhookDelivery | None:
    try:
        with transaction.atomic():
            delivery = WebhookDelivery.objects.create(webhook=hook, once_key=once_key, **fields)
    except IntegrityError:
        if once_key is None:
            raise
        return None
    transaction.on_commit(lambda: enqueue(_delivery_task(), delivery_id=delivery.pk))
    return delivery


def _email_task():
    from kam.tasks import task_send_notification_email

    return task_send_notification_email


def _delivery_task():
    from kam.tasks import task_deliver_webhook

    return task_deliver_webhook


# -- sending: called by the Celery tasks ------------------------------------------------------


def send_email(*, notification_id: int) -> bool:
    """E-mail a notification whose e-mail is pending; False when there is nothing to send.

    The row is locked while the mail goes out and the pending flag cleared in the same
    transaction, so a task delivered twice sends once; a mail server error rolls back and
    the task retries.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=notification_id, email_pending=True)
            .first()
        )
        if notification is None:
            return False
        user = notification.user
        notification.email_pending = False
        if user.is_active and user.email:
            with translation.override(user.preferred_language):
                text = render_to_string(
                    "kam/email/notification.txt",
                    {
                        "user": user,
                        "notification": notification,
                        "link": absolute_url(notification.url),
                        "preferences_link": absolute_url(reverse("notification-preferences")),
                    },
                )
            send_mail(notification.subject, text, None, [user.email])
            notification.emailed_at = timezone.now()
        notification.save(update_fields=["email_pending", "emailed_at"])
        return notification.emailed_at is not None


def backoff_seconds(attempts: int) -> float:
    """Wait before the next attempt: the base, doubled after each failed attempt."""
    return min(
        settings.KAM_WEBHOOK_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS
    )


def attempt_delivery(*, delivery_id: int) -> str:
    """Make one attempt at a webhook delivery; answer its status afterwards.

    ``retrying`` means the caller should try again after ``backoff_seconds(attempts)``.
    """
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(of=("self",))
            .select_related("webhook__user", "webhook__department")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status in (DeliveryStatus.DELIVERED, DeliveryStatus.FAILED):
            return delivery.status if delivery else DeliveryStatus.FAILED
        hook = delivery.webhook
        message = webhooks.WebhookMessage(
            kind=delivery.kind,
            subject=delivery.subject,
            body=delivery.body,
            link=absolute_url(delivery.url),
            created_at=delivery.created_at,
            recipient=hook.owner_name,
        )
        with translation.override(delivery.language or settings.LANGUAGE_CODE):
            prepared = webhooks.build_request(
                hook.flavour, url=hook.url, secret=hook.secret, message=message
            )
        result = webhooks.post(
            prepared.url,
            prepared.body,
            flavour=hook.flavour,
            timeout=settings.KAM_WEBHOOK_TIMEOUT,
            headers=prepared.headers,
        )
        delivery.attempts += 1
        delivery.last_attempt_at = timezone.now()
        delivery.last_status_code = result.status
        delivery.last_error = result.error
        if result.ok:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.delivered_at = delivery.last_attempt_at
        elif result.retryable and delivery.attempts < settings.KAM_WEBHOOK_MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.RETRYING
        else:
            delivery.status = DeliveryStatus.FAILED
        delivery.save()
        return delivery.status


#: E-mails still pending after this long are given up (a recipient the server refuses).
GIVE_UP_AFTER = timedelta(days=1)


def flush(*, older_than: timedelta = timedelta(minutes=10)) -> dict:
    """Queue again what was never queued or got lost (a broker outage, a killed worker)."""
    now = timezone.now()
    cutoff = now - older_than
    pending = Notification.objects.filter(email_pending=True, created_at__lt=cutoff)
    pending.filter(created_at__lt=now - GIVE_UP_AFTER).update(email_pending=False)
    emails = list(pending.values_list("pk", flat=True)[:1000])
    stuck = WebhookDelivery.objects.filter(
        status=DeliveryStatus.PENDING, created_at__lt=cutoff
    ) | WebhookDelivery.objects.filter(
        status=DeliveryStatus.RETRYING,
        last_attempt_at__lt=now - timedelta(seconds=2 * MAX_BACKOFF_SECONDS),
    )
    deliveries = list(stuck.values_list("pk", flat=True)[:1000])
    for pk in emails:
        enqueue(_email_task(), notification_id=pk)
    for pk in deliveries:
        enqueue(_delivery_task(), delivery_id=pk)
    return {"emails": len(emails), "deliveries": len(deliveries)}


def retry_deliveries(deliveries) -> int:
    """Queue failed deliveries again (an admin fixed the webhook, say): attempts restart."""
    failed = list(deliveries.filter(status=DeliveryStatus.FAILED).values_list("pk", flat=True))
    WebhookDelivery.objects.filter(pk__in=failed).update(
        status=DeliveryStatus.PENDING, attempts=0, last_error=""
    )
    for pk in failed:
        transaction.on_commit(lambda pk=pk: enqueue(_delivery_task(), delivery_id=pk))
    return len(failed)


# -- the user's side: read state ----------------------------------------------------------------


def mark_read(*, user, notification_ids=None) -> int:
    """Mark the user's notifications read (all unread ones when no ids are given)."""
    unread = Notification.objects.visible_to(user).filter(read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())


TEST = register_kind(
    "kam.test",
    _("Test messages"),
    description=_("Sent when you test your webhook from your settings."),
    email=False,
    webhook=True,
)


def queue_test_delivery(hook: Webhook, *, by) -> WebhookDelivery:
    """Post a test message to ``hook`` (its owner checks the group receives it)."""
    with translation.override(by.preferred_language):
        return _queue_delivery(
            hook,
            kind=TEST.code,
            subject=str(_("Test message from KAM CRM")),
            body=str(
                _("%(name)s set up this webhook. Notifications will arrive here.")
                % {"name": by.display_name}
            ),
            url=reverse("home"),
            language=by.preferred_language,
        )
