import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kam.visibility import OwnOnlyQuerySet


def private_path(folder: str, filename: str) -> str:
    """Where an uploaded or generated file goes: a random directory per file.

    Nothing under MEDIA_ROOT is served as such; these files go out through views that
    check who asks. The random part keeps even a misconfigured server from serving a file
    whose name someone could guess ("accounts-2026-12-01.xlsx").
    """
    return f"{folder}/{uuid.uuid4().hex}/{filename}"


def export_path(instance, filename):
    return private_path("exports", filename)


def import_path(instance, filename):
    return private_path("imports", filename)


def percent_done(done: int, total: int | None) -> int | None:
    """How far a job is, in percent, when its number of rows is known."""
    if not total:
        return None
    return min(100, round(100 * done / total))


class RequestedJob(models.Model):
    """What every job run for a user in the background keeps: how many rows it has and has
    done, why it failed, and the requester's language and time zone, in which the worker
    runs it (``kam.queue.as_requester``). Only the requester sees it."""

    rows_total = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    error = models.CharField(_("error"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OwnOnlyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ExportJob(RequestedJob):
    """A large export made by a Celery worker; only its requester may see or download it.

    The worker rebuilds the export from ``definition`` and ``params`` (the page's filters)
    as ``user``, so it holds exactly what ``visible_to(user)`` held when it was asked for.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="export_jobs",
    )
    definition = models.CharField(_("export"), max_length=100)
    format = models.CharField(_("format"), max_length=8)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    title = models.CharField(pgettext_lazy("of a document", "title"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    file = models.FileField(_("file"), upload_to=export_path, max_length=400, blank=True)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta(RequestedJob.Meta):
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")

    def __str__(self):
        return self.title or self.definition

    @property
    def progress(self) -> int | None:
        return percent_done(self.rows_done, self.rows_total)


class ImportStatus(models.TextChoices):
    #: A large file is checked (and later imported) by a Celery worker.
    CHECKING = "checking", _("Checking")
    PREVIEWED = "previewed", _("Previewed")
    IMPORTING = "importing", _("Importing")
    APPLIED = "applied", _("Imported")
    REFUSED = "refused", _("Refused")
    FAILED = "failed", _("Failed")


class ImportBatch(RequestedJob):
    """An uploaded file on its way in: previewed first, then applied all-or-nothing.

    The file is kept so the import that is applied is exactly the one that was previewed,
    and so an administrator can see later what came in and from whom.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        related_name="import_batches",
    )
    definition = models.CharField(_("import"), max_length=100)
    file = models.FileField(_("file"), upload_to=import_path, max_length=400)
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    #: Counts (created / updated / unchanged) and the errors by row and column.
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    #: Set by the worker that took the batch: a redelivered task finds it taken and stops.
    claimed_at = models.DateTimeField(_("taken by a worker at"), null=True, blank=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta(RequestedJob.Meta):
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.definition} · {self.original_name}"

    @property
    def running(self) -> bool:
        return self.status in (ImportStatus.CHECKING, ImportStatus.IMPORTING)
