"""Reads of the core app."""

from kam.models import WebhookDelivery

RECENT_DELIVERIES = 10


def recent_deliveries(webhooks, limit: int = RECENT_DELIVERIES):
    """The latest deliveries to these webhooks (the settings page shows their outcome)."""
    if not webhooks:
        return []
    return list(
        WebhookDelivery.objects.filter(webhook__in=webhooks)
        .select_related("webhook")
        .order_by("-created_at", "-id")[:limit]
    )
