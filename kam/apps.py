from django.apps import AppConfig
from django.core import checks
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

#: Modules an app may have to register what ``kam`` shows for it (like ``admin``).
REGISTRATION_MODULES = ("notifications", "panels", "exports", "imports")


class KamConfig(AppConfig):
    name = "kam"
    verbose_name = _("KAM core")

    def ready(self):
        from kam.exports import check_cjk_font

        checks.register(check_cjk_font)
        autodiscover_modules(*REGISTRATION_MODULES)
