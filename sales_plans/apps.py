from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SalesPlansConfig(AppConfig):
    name = "sales_plans"
    verbose_name = _("Sales plans, funnel and orders")
