from django.urls import path

from market_intel import views

app_name = "market_intel"
urlpatterns = [
    path("competitors/", views.CompetitorListView.as_view(), name="competitor-list"),
    path("competitors/new/", views.CompetitorCreateView.as_view(), name="competitor-create"),
    path("competitors/<int:pk>/", views.CompetitorDetailView.as_view(), name="competitor-detail"),
    path(
        "competitors/<int:pk>/edit/",
        views.CompetitorUpdateView.as_view(),
        name="competitor-edit",
    ),
    path("activities/new/", views.ActivityCreateView.as_view(), name="activity-create"),
    path("activities/<int:pk>/edit/", views.ActivityUpdateView.as_view(), name="activity-edit"),
    path("reports/", views.ReportListView.as_view(), name="report-list"),
    path("reports/new/", views.ReportCreateView.as_view(), name="report-create"),
    path("reports/coverage/", views.ReportCoverageView.as_view(), name="report-coverage"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report-detail"),
    path("reports/<int:pk>/edit/", views.ReportUpdateView.as_view(), name="report-edit"),
    path("reports/<int:pk>/publish/", views.ReportPublishView.as_view(), name="report-publish"),
    path("suggestions/", views.SuggestionListView.as_view(), name="suggestion-list"),
    path("suggestions/new/", views.SuggestionCreateView.as_view(), name="suggestion-create"),
    path("suggestions/<int:pk>/", views.SuggestionDetailView.as_view(), name="suggestion-detail"),
    path(
        "suggestions/<int:pk>/edit/",
        views.SuggestionUpdateView.as_view(),
        name="suggestion-edit",
    ),
    path(
        "suggestions/<int:pk>/review/",
        views.SuggestionStepView.as_view(step="review"),
        name="suggestion-review",
    ),
    path(
        "suggestions/<int:pk>/decide/",
        views.SuggestionDecideView.as_view(),
        name="suggestion-decide",
    ),
    path(
        "suggestions/<int:pk>/reopen/",
        views.SuggestionStepView.as_view(step="reopen"),
        name="suggestion-reopen",
    ),
]
