from django.urls import include, path, re_path

from kam.api import api_not_found
from kam.api_auth import ObtainTokenView

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("", include("accounts.api.urls")),
    # Keep last: whatever no resource matched answers a JSON 404, not the HTML page.
    re_path(r"^(?P<path>.*)$", api_not_found),
]
