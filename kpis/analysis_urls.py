"""The sales analysis routes, added to ``kpis.urls`` (app namespace "kpis", under /kpis/)."""

from django.urls import path

from kpis import analysis_views

urlpatterns = [
    path("analysis/", analysis_views.analysis_page, name="analysis"),
    path("analysis/export.<str:fmt>", analysis_views.analysis_export, name="analysis-export"),
]
