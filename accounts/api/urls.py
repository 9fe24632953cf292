from rest_framework.routers import SimpleRouter

from accounts.api import views

app_name = "accounts-api"
router = SimpleRouter()
router.register("accounts", views.AccountViewSet, basename="account")
router.register("contacts", views.ContactViewSet, basename="contact")
router.register("visits", views.VisitViewSet, basename="visit")
router.register("surveys", views.SurveyResponseViewSet, basename="survey")
router.register("relationship-plans", views.RelationshipPlanViewSet, basename="relationship-plan")
router.register("plan-actions", views.PlanActionViewSet, basename="plan-action")
urlpatterns = router.urls
