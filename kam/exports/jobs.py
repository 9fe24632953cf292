"""Large exports, made by a Celery worker: queue, run, and the file only the requester gets."""

import logging
import tempfile
from datetime import timedelta

from django.core.files import File
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from kam.exports.registry import get, write_document
from kam.models import ExportJob, ExportStatus
from kam.queue import as_requester, enqueue, requester_context

#: A queued job older than this was never handed over (the broker was down): queue it again.
STALE = timedelta(minutes=10)
#: Longer than the task's time limit: a job still running this long lost its worker.
ABANDONED = timedelta(minutes=40)

logger = logging.getLogger(__name__)


def params_of(query: QueryDict) -> dict[str, list[str]]:
    """A request's query parameters as JSON (repeated keys kept), for the job to replay."""
    return {key: query.getlist(key) for key in query}


def query_of(params: dict[str, list[str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, values in params.items():
        query.setlist(key, values)
    return query


def _task():
    from kam.tasks import task_run_export

    return task_run_export


@transaction.atomic
def queue(*, user, definition, fmt: str, params: dict, title: str) -> ExportJob:
    """Record the job (with the requester's language and zone) and hand it to a worker
    once the transaction commits."""
    job = ExportJob.objects.create(
        user=user,
        definition=definition.name,
        format=fmt,
        params=params,
        title=title[:255],
        **requester_context(),
    )
    transaction.on_commit(lambda: enqueue(_task(), job_id=job.pk))
    return job


def run(*, job_id: int) -> str:
    """Make the job's file; a job already taken by another worker is left alone."""
    with transaction.atomic():
        job = (
            ExportJob.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=job_id, status=ExportStatus.QUEUED)
            .first()
        )
        if job is None:
            return "skipped"
        job.status, job.started_at = ExportStatus.RUNNING, timezone.now()
        job.save(update_fields=["status", "started_at"])
    definition = get(job.definition)
    try:
        if definition is None or not job.user.is_active:
            raise LookupError(f"export {job.definition!r} is not available")
        with as_requester(job):
            document = definition.build(job.user, query_of(job.params), job.format)
            ExportJob.objects.filter(pk=job.pk).update(rows_total=document.size)
            filename = f"{document.filename}.{job.format}"
            with tempfile.TemporaryFile() as fp:
                rows = write_document(
                    document,
                    job.format,
                    fp,
                    progress=lambda done: ExportJob.objects.filter(pk=job.pk).update(
                        rows_done=done
                    ),
                )
                fp.seek(0)
                job.file.save(filename, File(fp), save=False)
        job.refresh_from_db(fields=["rows_total"])
        job.filename, job.rows_done, job.status = filename, rows, ExportStatus.DONE
    except Exception as error:  # a failed job says why on its page instead of hanging
        logger.exception("Export job %s failed", job.pk)
        job.status, job.error = ExportStatus.FAILED, str(error)[:500]
    job.finished_at = timezone.now()
    job.save()
    return job.status


def sweep(*, now=None) -> dict:
    """Queue again jobs never queued (a broker outage); fail jobs a killed worker left running."""
    now = now or timezone.now()
    stale = ExportJob.objects.filter(status=ExportStatus.QUEUED, created_at__lt=now - STALE)
    queued = list(stale.values_list("pk", flat=True)[:100])
    for pk in queued:
        enqueue(_task(), job_id=pk)
    failed = ExportJob.objects.filter(
        status=ExportStatus.RUNNING, started_at__lt=now - ABANDONED
    ).update(
        status=ExportStatus.FAILED,
        error="The worker stopped before the file was made.",
        finished_at=now,
    )
    return {"queued": len(queued), "failed": failed}
