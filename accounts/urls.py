from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.AccountListView.as_view(), name="account-list"),
    path("new/", views.AccountCreateView.as_view(), name="account-create"),
    path("satisfaction/", views.SatisfactionReportView.as_view(), name="satisfaction-report"),
    path("<int:pk>/", views.AccountDetailView.as_view(), name="account-detail"),
    path("<int:pk>/visits/", views.AccountVisitsView.as_view(), name="account-visits"),
    path("<int:pk>/edit/", views.AccountUpdateView.as_view(), name="account-edit"),
    path("<int:pk>/churn/", views.AccountChurnView.as_view(), name="account-churn"),
    path("<int:pk>/reactivate/", views.AccountReactivateView.as_view(), name="account-reactivate"),
    path("<int:pk>/delete/", views.AccountDeleteView.as_view(), name="account-delete"),
    path("contacts/new/", views.ContactCreateView.as_view(), name="contact-create"),
    path("contacts/<int:pk>/edit/", views.ContactUpdateView.as_view(), name="contact-edit"),
    path("visits/new/", views.VisitCreateView.as_view(), name="visit-create"),
    path("visits/contacts/", views.visit_contacts, name="visit-contacts"),
    path("visits/<int:pk>/edit/", views.VisitUpdateView.as_view(), name="visit-edit"),
    path("surveys/new/", views.SurveyCreateView.as_view(), name="survey-create"),
    path("surveys/<int:pk>/edit/", views.SurveyUpdateView.as_view(), name="survey-edit"),
    path("plans/new/", views.PlanCreateView.as_view(), name="plan-create"),
    path("plans/<int:pk>/edit/", views.PlanUpdateView.as_view(), name="plan-edit"),
    path(
        "plans/<int:plan_pk>/actions/new/",
        views.PlanActionCreateView.as_view(),
        name="action-create",
    ),
    path("actions/<int:pk>/edit/", views.PlanActionUpdateView.as_view(), name="action-edit"),
    path("actions/<int:pk>/done/", views.PlanActionDoneView.as_view(), name="action-done"),
]
