from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketIntelConfig(AppConfig):
    name = "market_intel"
    verbose_name = _("Market intelligence")
