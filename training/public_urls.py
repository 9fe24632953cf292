"""The one page a customer reaches without an account: ``/feedback/<token>/``."""

from django.urls import path

from training import views

urlpatterns = [path("", views.public_feedback, name="feedback")]
