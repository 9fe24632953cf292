from django.urls import path

from sales_plans import views

app_name = "sales_plans"
urlpatterns = [
    path("plans/", views.PlanListView.as_view(), name="plan-list"),
    path("plans/new/", views.PlanCreateView.as_view(), name="plan-create"),
    path("plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan-detail"),
    path("plans/<int:pk>/edit/", views.PlanUpdateView.as_view(), name="plan-edit"),
    path("plans/<int:pk>/submit/", views.PlanStepView.as_view(step="submit"), name="plan-submit"),
    path(
        "plans/<int:pk>/approve/", views.PlanStepView.as_view(step="approve"), name="plan-approve"
    ),
    path("plans/<int:pk>/reject/", views.PlanStepView.as_view(step="reject"), name="plan-reject"),
    path("plans/<int:pk>/revise/", views.PlanStepView.as_view(step="revise"), name="plan-revise"),
    path("opportunities/", views.OpportunityListView.as_view(), name="opportunity-list"),
    path("opportunities/new/", views.OpportunityCreateView.as_view(), name="opportunity-create"),
    path(
        "opportunities/<int:pk>/",
        views.OpportunityDetailView.as_view(),
        name="opportunity-detail",
    ),
    path(
        "opportunities/<int:pk>/edit/",
        views.OpportunityUpdateView.as_view(),
        name="opportunity-edit",
    ),
    path(
        "opportunities/<int:pk>/move/",
        views.OpportunityMoveView.as_view(),
        name="opportunity-move",
    ),
    path("board/", views.BoardView.as_view(), name="board"),
    path("funnel/", views.FunnelView.as_view(), name="funnel"),
    path("attainment/", views.AttainmentView.as_view(), name="attainment"),
    path("orders/", views.OrderListView.as_view(), name="order-list"),
    path("orders/new/", views.OrderCreateView.as_view(), name="order-create"),
    path("orders/opportunities/", views.order_opportunities, name="order-opportunities"),
    path("orders/<int:pk>/", views.OrderDetailView.as_view(), name="order-detail"),
    path("orders/<int:pk>/edit/", views.OrderUpdateView.as_view(), name="order-edit"),
    path(
        "orders/<int:pk>/transition/",
        views.OrderTransitionView.as_view(),
        name="order-transition",
    ),
]
