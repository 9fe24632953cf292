from django.db import models
from django.utils.translation import gettext_lazy as _


class Tier(models.TextChoices):
    STRATEGIC = "strategic", _("Strategic")
    KEY = "key", _("Key")
    GROWTH = "growth", _("Growth")


class AccountStatus(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")
    ACTIVE = "active", _("Active")
    CHURNED = "churned", _("Churned")


class BuyingRole(models.TextChoices):
    DECISION_MAKER = "decision_maker", _("Decision maker")
    INFLUENCER = "influencer", _("Influencer")
    USER = "user", _("User")
    CHAMPION = "champion", _("Champion")
    BLOCKER = "blocker", _("Blocker")
    OTHER = "other", _("Other")


class Sentiment(models.TextChoices):
    SUPPORTIVE = "supportive", _("Supportive")
    NEUTRAL = "neutral", _("Neutral")
    OPPOSED = "opposed", _("Opposed")


class VisitKind(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video call")
    MEETING = "meeting", _("Meeting")
    EVENT = "event", _("Event")


class SurveySource(models.TextChoices):
    PERIODIC = "periodic", _("Periodic survey")
    AFTER_TICKET = "after_ticket", _("After a ticket")
    AFTER_TRAINING = "after_training", _("After a training")
    AFTER_VISIT = "after_visit", _("After a visit")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
