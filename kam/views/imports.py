"""Pages of the importer (``kam.imports``): upload a file, see its preview, import it.

The upload page answers 403 to a role that does not create the records imported
(``MayCreateMixin``); a batch is its uploader's alone (``ImportBatch.visible_to``: 404 for
anyone else) and is imported at most once.
"""

import tablib
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView

from kam import imports
from kam.bounds import as_id
from kam.errors import Conflict
from kam.exports import XLSX_CONTENT_TYPE, content_disposition
from kam.models import ImportBatch, ImportStatus
from kam.models.jobs import percent_done
from kam.views import MayCreateMixin, VisibleMixin, htmx_partial
from kam.visibility import may_create


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "CSV (UTF-8 or GB18030) or XLSX, with the column names in the first row; "
            "at most %(size)d MiB and %(rows)s rows."
        ) % {"size": imports.MAX_BYTES // (1024 * 1024), "rows": f"{imports.MAX_ROWS:,}"}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        imports.check_upload(upload)
        return upload


def definition_or_404(name: str) -> imports.ImportDefinition:
    definition = imports.get(name)
    if definition is None:
        raise Http404
    return definition


class DefinitionMixin:
    """The import named in the URL; its model is what ``MayCreateMixin`` checks."""

    def dispatch(self, request, *args, **kwargs):
        self.definition = definition_or_404(kwargs["name"])
        self.model = self.definition.model
        return super().dispatch(request, *args, **kwargs)


class ImportUploadView(DefinitionMixin, MayCreateMixin, FormView):
    template_name = "kam/imports/upload.html"
    form_class = ImportUploadForm

    def form_valid(self, form):
        batch, _outcome = imports.import_upload(
            definition=self.definition, upload=form.cleaned_data["file"], by=self.request.user
        )
        return HttpResponseRedirect(reverse("imports:batch", args=[batch.pk]))

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        columns = [
            {
                "header": column.label,
                "field": column.field,
                "required": column.required,
                "accepts": column.parse.describe(),
                "aliases": ", ".join(column.aliases),
            }
            for column in self.definition.columns
        ]
        batches = ImportBatch.objects.visible_to(self.request.user).filter(
            definition=self.definition.name
        )
        return super().get_context_data(
            definition=self.definition,
            columns=columns,
            batches=batches[:10],
            **kwargs,
        )


class ImportTemplateView(DefinitionMixin, MayCreateMixin, View):
    """An empty file with the import's headers, in the page's language."""

    def get(self, request, name, fmt):
        if fmt not in imports.FORMATS:
            raise Http404
        dataset = tablib.Dataset(headers=[str(c.label) for c in self.definition.columns])
        if fmt == "csv":
            # With a BOM, Excel reads the file as UTF-8 (Chinese headers and all).
            response = HttpResponse(
                dataset.export("csv").encode("utf-8-sig"), content_type="text/csv; charset=utf-8"
            )
        else:
            response = HttpResponse(dataset.export("xlsx"), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition(f"{self.definition.name}.{fmt}")
        return response


class ImportBatchView(VisibleMixin, DetailView):
    """A batch's preview (or outcome): counts, errors, warnings and the first changes.

    While a worker checks or imports a large file, htmx asks for the progress box every
    two seconds; when the worker is done, the page reloads to show the outcome.
    """

    model = ImportBatch
    template_name = "kam/imports/batch.html"
    context_object_name = "batch"

    def render_to_response(self, context, **response_kwargs):
        if htmx_partial(self.request, "import-progress"):
            if self.object.running:
                return render(self.request, "kam/imports/_progress.html", context)
            return HttpResponse(headers={"HX-Refresh": "true"})
        return super().render_to_response(context, **response_kwargs)

    def get_object(self, queryset=None):
        # A path id past 64 bits would overflow the database driver: no such batch.
        if as_id(self.kwargs["pk"]) is None:
            raise Http404
        return super().get_object(queryset)

    def get_context_data(self, **kwargs):
        batch = self.object
        definition = imports.get(batch.definition)
        summary = batch.summary
        done, total = imports.batch_progress(batch)
        return super().get_context_data(
            definition=definition,
            summary=summary,
            rows_done=done,
            rows_total=total,
            percent=percent_done(done, total),
            more_errors=summary.get("errors_total", 0) - len(summary.get("errors", [])),
            more_changes=summary.get("changes_total", 0) - len(summary.get("changes", [])),
            more_warnings=summary.get("warnings_total", 0) - len(summary.get("warnings", [])),
            can_apply=batch.status == ImportStatus.PREVIEWED
            and definition is not None
            and may_create(self.request.user, definition.model),
            **kwargs,
        )


class ImportApplyView(ImportBatchView):
    """POST: import a previewed batch, all or nothing; a second time answers 409."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        definition = definition_or_404(self.object.definition)
        if not may_create(request.user, definition.model):
            raise PermissionDenied(_("Your role may not create this kind of record."))
        try:
            batch, outcome = imports.import_apply(
                batch=self.object, definition=definition, by=request.user
            )
        except Conflict as error:
            context = self.get_context_data(conflict=error.message)
            return self.render_to_response(context, status=409)
        if outcome is None:
            messages.info(request, _("The file is being imported in the background."))
        elif outcome.applied:
            messages.success(
                request,
                _("Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
                % outcome.counts(),
            )
        else:
            messages.error(request, _("Nothing was imported: the file has errors now."))
        return HttpResponseRedirect(reverse("imports:batch", args=[batch.pk]))
