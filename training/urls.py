from django.urls import path

from training import views

app_name = "training"
urlpatterns = [
    path("", views.SessionListView.as_view(), name="session-list"),
    path("new/", views.SessionCreateView.as_view(), name="session-create"),
    path("report/", views.FeedbackReportView.as_view(), name="feedback-report"),
    path("materials/<int:pk>/file/", views.material_file, name="material-file"),
    path("<int:pk>/", views.SessionDetailView.as_view(), name="session-detail"),
    path("<int:pk>/edit/", views.SessionUpdateView.as_view(), name="session-edit"),
    path("<int:pk>/calendar.ics", views.session_calendar, name="session-calendar"),
    path("<int:pk>/transition/", views.SessionTransitionView.as_view(), name="session-transition"),
    path("<int:pk>/invite/", views.InviteView.as_view(), name="session-invite"),
    path("<int:pk>/attendance/", views.AttendanceView.as_view(), name="session-attendance"),
    path("<int:pk>/materials/", views.MaterialUploadView.as_view(), name="material-upload"),
    path("<int:pk>/materials/reuse/", views.MaterialAttachView.as_view(), name="material-attach"),
    path("<int:pk>/feedback/", views.FeedbackRecordView.as_view(), name="feedback-record"),
    path("<int:pk>/feedback-links/", views.LinksCreateView.as_view(), name="feedback-links"),
]
