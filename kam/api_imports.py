"""``POST /api/v1/imports/<name>/``: the importer (``kam.imports``) over REST.

The file comes as the ``file`` field of a ``multipart/form-data`` body. ``?dry_run=true``
answers the preview; otherwise the file is imported, all of it or nothing. Either way it
is kept as an ``ImportBatch`` of the caller, the audit trail of what came in.
"""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from kam import imports
from kam.api import ErrorSerializer, KamAutoSchema, require_may_create, unknown_param_message
from kam.bounds import as_id
from kam.models import ImportBatch, ImportStatus


class ImportMessageSerializer(serializers.Serializer):
    row = serializers.IntegerField(
        allow_null=True, help_text=gettext_lazy("As the spreadsheet numbers it: the header is 1.")
    )
    column = serializers.CharField(
        allow_null=True, help_text=gettext_lazy("The header as written in the file.")
    )
    message = serializers.CharField()


class ImportFieldChangeSerializer(serializers.Serializer):
    column = serializers.CharField()
    old = serializers.CharField(allow_blank=True)
    new = serializers.CharField(allow_blank=True)


class ImportChangeSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    action = serializers.ChoiceField(choices=[imports.CREATED, imports.UPDATED])
    key = serializers.CharField()
    fields = ImportFieldChangeSerializer(many=True)


class ImportOutcomeSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    changes = ImportChangeSerializer(
        many=True, required=False, help_text=gettext_lazy("On a dry run only.")
    )
    warnings = ImportMessageSerializer(
        many=True, required=False, help_text=gettext_lazy("On a dry run only.")
    )


class ImportErrorsSerializer(serializers.Serializer):
    errors = ImportMessageSerializer(many=True)


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=gettext_lazy("A .csv (UTF-8 or GB18030) or .xlsx file."))


class ImportQuerySerializer(serializers.Serializer):
    dry_run = serializers.BooleanField(required=False, default=False)


class ImportSchema(KamAutoSchema):
    """The names of the registered imports, known once every app's ``imports`` is loaded."""

    def get_override_parameters(self):
        return [
            *super().get_override_parameters(),
            OpenApiParameter(
                "name",
                str,
                OpenApiParameter.PATH,
                enum=[definition.name for definition in imports.definitions()],
                description=gettext_lazy("What the file holds."),
            ),
        ]


def batch_status(batch) -> dict:
    summary = batch.summary or {}
    done, total = imports.batch_progress(batch)
    return {
        "batch": batch.pk,
        "status": batch.status,
        "rows_total": total,
        "rows_done": done,
        "created": summary.get("created"),
        "updated": summary.get("updated"),
        "unchanged": summary.get("unchanged"),
        "errors": summary.get("errors", []),
        "url": reverse("api-import-batch", args=[batch.pk]),
    }


class ImportBatchStatusSerializer(serializers.Serializer):
    batch = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ImportStatus.choices)
    rows_total = serializers.IntegerField(allow_null=True)
    rows_done = serializers.IntegerField()
    created = serializers.IntegerField(allow_null=True)
    updated = serializers.IntegerField(allow_null=True)
    unchanged = serializers.IntegerField(allow_null=True)
    errors = ImportMessageSerializer(many=True)
    url = serializers.CharField()


def refused(errors: list[dict]) -> Response:
    # A normal answer, not an exception: the batch that records the refusal is kept.
    return Response({"errors": errors}, status=status.HTTP_400_BAD_REQUEST)


class ImportView(APIView):
    parser_classes = [MultiPartParser]
    schema = ImportSchema()

    @extend_schema(
        operation_id="imports_create",
        description=gettext_lazy(
            "Import a CSV or XLSX file, all of it or nothing. The columns are the model's "
            "field names (or their English or Chinese labels); see the import's page for "
            "each one. With `dry_run=true` nothing is written and the answer lists what "
            "would be created and updated. Any bad row refuses the whole file: 400 with "
            "every error by row and column."
        ),
        parameters=[
            OpenApiParameter(
                "dry_run",
                bool,
                description=gettext_lazy("Preview only: check the file, write nothing."),
            )
        ],
        request={"multipart/form-data": ImportUploadSerializer},
        responses={
            200: ImportOutcomeSerializer,
            202: OpenApiResponse(
                ImportBatchStatusSerializer,
                description=gettext_lazy(
                    "A large file: a worker checks or imports it; poll `url` for the outcome."
                ),
            ),
            400: OpenApiResponse(
                ImportErrorsSerializer, description=gettext_lazy("The file was refused.")
            ),
            415: OpenApiResponse(
                ErrorSerializer, description=gettext_lazy("The body is not multipart/form-data.")
            ),
        },
    )
    def post(self, request, name):
        definition = imports.get(name)
        if definition is None:
            raise exceptions.NotFound
        require_may_create(request.user, definition.model)
        query = ImportQuerySerializer(data=request.query_params)
        # A mistyped dry_run must not import the file for real.
        unknown = unknown_param_message(query.fields)
        errors = [
            imports.problem(None, param, unknown)
            for param in sorted(set(request.query_params) - set(query.fields))
        ]
        if not query.is_valid():
            errors += [
                imports.problem(None, param, message)
                for param, messages in query.errors.items()
                for message in messages
            ]
        if errors:
            return refused(errors)
        try:
            upload = request.FILES.get("file")
        except exceptions.ParseError as error:
            return refused([imports.problem(None, None, error.detail)])
        if upload is None:
            return refused(
                [imports.problem(None, "file", _("Send the file in the multipart field “file”."))]
            )
        dry_run = query.validated_data["dry_run"]
        try:
            batch, outcome = imports.import_upload(
                definition=definition, upload=upload, by=request.user, apply=not dry_run
            )
        except ValidationError as error:
            return refused([imports.problem(None, "file", message) for message in error.messages])
        if outcome is None:
            # A large file: a worker checks (or imports) it; the batch says how it went.
            return Response(batch_status(batch), status=status.HTTP_202_ACCEPTED)
        if outcome.errors:
            return refused(outcome.errors)
        return Response(outcome.preview() if dry_run else outcome.counts())


class ImportBatchStatusView(APIView):
    """``GET /api/v1/imports/batches/<id>/``: how a large import is going (its caller's only)."""

    schema = KamAutoSchema()

    @extend_schema(
        operation_id="imports_batch_retrieve",
        description=gettext_lazy(
            "The status of an import a worker checks or applies: `checking`, `previewed`, "
            "`importing`, `applied`, `refused` (with the errors) or `failed`."
        ),
        responses={200: ImportBatchStatusSerializer},
    )
    def get(self, request, pk):
        batch = ImportBatch.objects.visible_to(request.user).filter(pk=as_id(pk) or 0).first()
        if batch is None:
            raise exceptions.NotFound
        return Response(batch_status(batch))
