from rest_framework.routers import SimpleRouter

from sales_plans.api import views

app_name = "sales-api"

router = SimpleRouter()
router.register("sales-plans", views.SalesPlanViewSet, basename="sales-plan")
router.register("opportunities", views.OpportunityViewSet, basename="opportunity")
router.register("orders", views.OrderViewSet, basename="order")
urlpatterns = router.urls
