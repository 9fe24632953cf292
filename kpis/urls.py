from django.urls import path

from kpis import analysis_urls, views

app_name = "kpis"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("reps/<int:pk>/", views.RepScorecardView.as_view(), name="rep"),
    path("cells/<int:pk>/<slug:metric>/", views.CellView.as_view(), name="cell"),
    path("recompute/", views.RecomputeView.as_view(), name="recompute"),
    path("recompute/status/", views.RunStatusView.as_view(), name="run-status"),
]
# The sales analysis pages.
urlpatterns += analysis_urls.urlpatterns
