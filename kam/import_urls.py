"""Pages of the importer, under ``/imports/`` (``app_name = "imports"``)."""

from django.urls import path

from kam.views import imports

app_name = "imports"
urlpatterns = [
    path("batches/<int:pk>/", imports.ImportBatchView.as_view(), name="batch"),
    path("batches/<int:pk>/apply/", imports.ImportApplyView.as_view(), name="apply"),
    path("<slug:name>/", imports.ImportUploadView.as_view(), name="upload"),
    path("<slug:name>/template.<str:fmt>", imports.ImportTemplateView.as_view(), name="template"),
]
