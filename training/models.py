"""Duty 7: trainings, product demos and workshops for an account — who was invited and
came, the materials shown, and what the customer thought of it.

A customer's score counts in the account's satisfaction: each ``TrainingFeedback`` records
a ``SurveyResponse`` with source ``after_training``, once. States change only through
``training.services``.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Account, Contact, SurveyResponse
from kam.models import Department
from kam.records import strip_required
from kam.search import Searchable
from kam.uploads import stored_name
from training.choices import SessionKind, SessionStatus
from training.querysets import (
    SessionChildQuerySet,
    TrainingMaterialQuerySet,
    TrainingSessionQuerySet,
)

SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class TrainingSession(Searchable):
    """A training, product demo or workshop at (or online for) an account."""

    account = models.ForeignKey(
        Account,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="training_sessions",
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=SessionKind.choices, default=SessionKind.TRAINING
    )
    title = models.CharField(_("title"), max_length=200)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    scheduled_at = models.DateTimeField(_("scheduled at"))
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"),
        default=90,
        validators=[MinValueValidator(5), MaxValueValidator(7 * 24 * 60)],
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        on_delete=models.PROTECT,
        related_name="training_sessions",
    )
    support_department = models.ForeignKey(
        Department,
        verbose_name=_("supported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_sessions",
        help_text=_("A department asked to help run it (usually Training)."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    agenda = models.TextField(_("agenda"), blank=True)
    #: Why it was called off, or how it went (each change is a history row).
    status_note = models.TextField(_("status note"), blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        on_delete=models.PROTECT,
        related_name="training_sessions_planned",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        ordering = ["scheduled_at", "id"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        indexes = [
            models.Index(fields=["scheduled_at", "id"], name="session_when"),
            models.Index(fields=["account", "scheduled_at"], name="session_account"),
            models.Index(fields=["trainer", "scheduled_at"], name="session_trainer"),
            models.Index(fields=["support_department", "scheduled_at"], name="session_support"),
            models.Index(fields=["status", "scheduled_at"], name="session_status"),
        ]
        constraints = [
            models.CheckConstraint(
                name="session_duration_positive", condition=Q(duration_minutes__gte=5)
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("training:session-detail", args=[self.pk])

    @property
    def ends_at(self):
        return self.scheduled_at + timedelta(minutes=self.duration_minutes)

    def search_parts(self):
        return (self.title, self.topic, self.account.name if self.account_id else "")

    def clean(self):
        strip_required(self, "title")
        super().clean()


def material_upload_to(material: "TrainingMaterial", filename: str) -> str:
    return stored_name(f"training/{material.session_id}", material.file_type or "bin")


class TrainingMaterial(models.Model):
    """Slides or a handout, uploaded for one session and reusable in others (``sessions``)."""

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("uploaded for"),
        on_delete=models.PROTECT,
        related_name="materials_uploaded",
    )
    sessions = models.ManyToManyField(
        TrainingSession, verbose_name=_("used in"), related_name="materials", blank=True
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=material_upload_to, max_length=200, editable=False)
    file_name = models.CharField(_("file name"), max_length=200, editable=False)
    file_type = models.CharField(_("file type"), max_length=8, editable=False)
    file_size = models.PositiveBigIntegerField(_("file size"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="training_materials",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[sessions])
    objects = TrainingMaterialQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("training material")
        verbose_name_plural = _("training materials")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("training:material-file", args=[self.pk])

    def clean(self):
        strip_required(self, "title")
        super().clean()


class Attendance(models.Model):
    """A contact invited to a session, and whether they came (``None``: not taken yet)."""

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    contact = models.ForeignKey(
        Contact, verbose_name=_("contact"), on_delete=models.PROTECT, related_name="attendances"
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = SessionChildQuerySet.as_manager()

    class Meta:
        ordering = ["session", "contact__name", "id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["session", "contact"], name="attendance_once"),
        ]

    def __str__(self):
        return f"{self.contact} · {self.session}"


class FeedbackLink(models.Model):
    """A link a customer opens without an account to give a session's feedback, once.

    The URL carries a signed token naming this row (``training.tokens``); the row says
    whether it was used and when it expires, so a link is refused after either.
    """

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="feedback_links",
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("for"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback_links",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="feedback_links",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    objects = SessionChildQuerySet.as_manager()

    class Meta:
        ordering = ["session", "id"]
        verbose_name = _("feedback link")
        verbose_name_plural = _("feedback links")
        constraints = [
            models.CheckConstraint(
                name="feedback_link_expires_after_creation",
                condition=Q(expires_at__gt=F("created_at")),
            ),
        ]

    def __str__(self):
        return gettext("Feedback link %(id)d for %(session)s") % {
            "id": self.pk or 0,
            "session": self.session,
        }


class TrainingFeedback(models.Model):
    """What an attendee thought of a session: a score of 1–5 and comments. Recorded with a
    ``SurveyResponse`` (source ``after_training``) so it counts in the account's CSAT."""

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_feedback",
    )
    score = models.PositiveSmallIntegerField(_("score"), validators=SCORE_VALIDATORS)
    comments = models.TextField(_("comments"), blank=True)
    submitted_on = models.DateField(_("submitted on"))
    #: Who typed it in (a rep), or None when the customer used a feedback link.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_feedback_entered",
    )
    link = models.OneToOneField(
        FeedbackLink,
        verbose_name=_("link"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback",
    )
    survey = models.OneToOneField(
        SurveyResponse,
        verbose_name=_("survey response"),
        on_delete=models.PROTECT,
        related_name="training_feedback",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = SessionChildQuerySet.as_manager()

    class Meta:
        ordering = ["session", "-submitted_on", "-id"]
        verbose_name = _("training feedback")
        verbose_name_plural = _("training feedback")
        indexes = [models.Index(fields=["session", "score"], name="feedback_session_score")]
        constraints = [
            models.CheckConstraint(
                name="feedback_score_1_to_5", condition=Q(score__gte=1, score__lte=5)
            ),
            models.UniqueConstraint(
                fields=["session", "contact"],
                condition=Q(contact__isnull=False),
                name="feedback_once_per_contact",
                violation_error_message=_(
                    "This contact has given feedback on this session already."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.session} · {self.score}/5"

    def clean(self):
        super().clean()
        if (
            self.contact_id
            and self.session_id
            and self.contact.account_id != self.session.account_id
        ):
            raise ValidationError(
                {"contact": gettext("The contact must belong to the session's account.")}
            )
