from rest_framework.routers import SimpleRouter

from contracts.api import views

app_name = "contracts-api"

router = SimpleRouter()
router.register("contracts", views.ContractViewSet, basename="contract")
router.register("contract-reviews", views.ContractReviewViewSet, basename="contract-review")
urlpatterns = router.urls
