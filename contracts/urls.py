from django.urls import path

from contracts import views

app_name = "contracts"
urlpatterns = [
    path("", views.ContractListView.as_view(), name="contract-list"),
    path("new/", views.ContractCreateView.as_view(), name="contract-create"),
    path("reviews/", views.ReviewQueueView.as_view(), name="review-list"),
    path("reviews/<int:pk>/decide/", views.ReviewDecideView.as_view(), name="review-decide"),
    path("versions/<int:pk>/", views.VersionDetailView.as_view(), name="version-detail"),
    path("versions/<int:pk>/file/", views.version_file, name="version-file"),
    path(
        "negotiations/<int:pk>/edit/",
        views.NegotiationUpdateView.as_view(),
        name="negotiation-edit",
    ),
    path("<int:pk>/", views.ContractDetailView.as_view(), name="contract-detail"),
    path("<int:pk>/edit/", views.ContractUpdateView.as_view(), name="contract-edit"),
    path("<int:pk>/versions/new/", views.VersionCreateView.as_view(), name="version-create"),
    path(
        "<int:pk>/negotiations/new/",
        views.NegotiationCreateView.as_view(),
        name="negotiation-create",
    ),
    path(
        "<int:pk>/transition/", views.ContractTransitionView.as_view(), name="contract-transition"
    ),
    path("<int:pk>/submit/", views.ContractSubmitView.as_view(), name="contract-submit"),
    path("<int:pk>/renew/", views.ContractRenewView.as_view(), name="contract-renew"),
]
