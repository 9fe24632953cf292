from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    PRICING = "pricing", _("Pricing")
    PRODUCT = "product", _("New product")
    PROMOTION = "promotion", _("Promotion")
    WIN = "win", _("Win against us")
    LOSS = "loss", _("Loss to us")
    OTHER = "other", _("Other")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class SuggestionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")


#: A suggestion R&D has decided: final, unless an admin reopens it.
DECIDED = (SuggestionStatus.ADOPTED, SuggestionStatus.REJECTED)
OPEN_SUGGESTION = (SuggestionStatus.SUBMITTED, SuggestionStatus.UNDER_REVIEW)
#: How long before a quarter ends a rep without a published report is reminded.
REPORT_REMINDER_DAYS = 14
