from rest_framework.routers import DefaultRouter

app_name = "accounts-api"
router = DefaultRouter()
urlpatterns = router.urls
