from django.urls import path

from tickets import views

app_name = "tickets"
urlpatterns = [
    path("", views.TicketListView.as_view(), name="ticket-list"),
    path("new/", views.TicketCreateView.as_view(), name="ticket-create"),
    path("orders/", views.ticket_orders, name="ticket-orders"),
    path("fulfilment/", views.FulfilmentReportView.as_view(), name="fulfilment-report"),
    path("feedback/", views.ServiceFeedbackView.as_view(), name="service-feedback"),
    path("<int:pk>/", views.TicketDetailView.as_view(), name="ticket-detail"),
    path("<int:pk>/edit/", views.TicketUpdateView.as_view(), name="ticket-edit"),
    path("<int:pk>/comment/", views.TicketCommentView.as_view(), name="ticket-comment"),
    path("<int:pk>/transition/", views.TicketTransitionView.as_view(), name="ticket-transition"),
    path("<int:pk>/assign/", views.TicketAssignView.as_view(), name="ticket-assign"),
    path("<int:pk>/feedback/", views.TicketFeedbackView.as_view(), name="ticket-feedback"),
]
