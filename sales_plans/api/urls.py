from rest_framework.routers import SimpleRouter

app_name = "sales-api"

router = SimpleRouter()
urlpatterns = router.urls
