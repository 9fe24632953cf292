from rest_framework.routers import SimpleRouter

from market_intel.api import views

app_name = "market-api"

router = SimpleRouter()
router.register("competitors", views.CompetitorViewSet, basename="competitor")
router.register(
    "competitor-activities", views.CompetitorActivityViewSet, basename="competitor-activity"
)
router.register("market-reports", views.MarketReportViewSet, basename="market-report")
router.register("suggestions", views.ProductSuggestionViewSet, basename="suggestion")
urlpatterns = router.urls
