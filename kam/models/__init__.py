"""The core app's models, one module per concern; import them from ``kam.models``."""

from kam.models.jobs import ExportJob, ExportStatus, ImportBatch, ImportStatus
from kam.models.notifications import (
    DeliveryStatus,
    Notification,
    NotificationPreference,
    Webhook,
    WebhookDelivery,
)
from kam.models.tokens import ApiToken
from kam.models.users import Department, Team, User, UserQuerySet

__all__ = [
    "ApiToken",
    "DeliveryStatus",
    "Department",
    "ExportJob",
    "ExportStatus",
    "ImportBatch",
    "ImportStatus",
    "Notification",
    "NotificationPreference",
    "Team",
    "User",
    "UserQuerySet",
    "Webhook",
    "WebhookDelivery",
]
