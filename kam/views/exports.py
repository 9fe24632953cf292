"""Exports: streamed at once when small, a job with a status page when large."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kam import exports
from kam.exports import jobs
from kam.models import ExportJob, ExportStatus
from kam.views import htmx_partial

RUNNING = (ExportStatus.QUEUED, ExportStatus.RUNNING)


@login_required
def export(request, name: str, fmt: str):
    """``/exports/<name>.<fmt>?<the page's filters>``: the export of what the page shows."""
    definition = exports.get(name)
    if definition is None or fmt not in definition.formats:
        raise Http404
    try:
        document = definition.build(request.user, request.GET, fmt)
    except ValidationError as error:
        return render(request, "400.html", {"exception": " ".join(error.messages)}, status=400)
    if document.size > settings.KAM_EXPORT_SYNC_ROWS:
        job = jobs.queue(
            user=request.user,
            definition=definition,
            fmt=fmt,
            params=jobs.params_of(request.GET),
            title=str(document.meta.title),
        )
        return HttpResponseRedirect(job_url(job))
    return exports.document_response(document, fmt)


def job_url(job) -> str:
    return reverse("export-job", args=[job.pk])


@login_required
def export_jobs(request):
    page = Paginator(ExportJob.objects.visible_to(request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "kam/export_jobs.html", {"page_obj": page, "jobs": page.object_list})


@login_required
def export_job(request, pk: int):
    """The job's status; while it runs, htmx refreshes the status box every two seconds."""
    job = get_object_or_404(ExportJob.objects.visible_to(request.user), pk=pk)
    partial = htmx_partial(request, "export-job-status")
    template = "kam/_export_job_status.html" if partial else "kam/export_job.html"
    return render(request, template, {"job": job, "running": job.status in RUNNING})


@login_required
def export_job_download(request, pk: int):
    job = get_object_or_404(
        ExportJob.objects.visible_to(request.user), pk=pk, status=ExportStatus.DONE
    )
    if not job.file:
        raise Http404(_("The file of this export is gone."))
    return exports.attachment(job.file.open("rb"), job.filename, job.format)
