"""Template helpers shared by every app's pages: ``{% load kam %}``."""

from django import template
from django.apps import apps

from kam.visibility import may_create as _may_create

register = template.Library()


@register.filter
def may_create(user, model_label: str) -> bool:
    """``{% if user|may_create:"accounts.Visit" %}``: offer "New …" only to roles that may."""
    return _may_create(user, apps.get_model(model_label))
