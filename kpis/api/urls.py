from rest_framework.routers import SimpleRouter

from kpis.api import views

app_name = "kpis-api"

router = SimpleRouter()
router.register("scorecards", views.ScorecardViewSet, basename="scorecard")
urlpatterns = router.urls
