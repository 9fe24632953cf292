from django.urls import include, path

from kam.api_auth import ObtainTokenView

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("", include("accounts.api.urls")),
]
