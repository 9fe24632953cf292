from rest_framework.routers import SimpleRouter

from training.api import views

app_name = "training-api"

router = SimpleRouter()
router.register("trainings", views.TrainingSessionViewSet, basename="training")
urlpatterns = router.urls
