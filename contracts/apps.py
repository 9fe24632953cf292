from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.utils.translation import gettext_lazy as _


def check_reviewers(app_configs, **kwargs):
    """``KAM_CONTRACT_REVIEWERS`` names departments that exist (their codes are fixed)."""
    from kam.choices import DepartmentCode

    codes = list(settings.KAM_CONTRACT_REVIEWERS)
    unknown = [code for code in codes if code not in DepartmentCode.values]
    if not codes or unknown:
        return [
            checks.Error(
                "KAM_CONTRACT_REVIEWERS must list department codes; unknown: "
                f"{unknown or '(empty)'}",
                hint=f"Choose among {', '.join(DepartmentCode.values)}.",
                id="contracts.E001",
            )
        ]
    return []


class ContractsConfig(AppConfig):
    name = "contracts"
    verbose_name = _("Contracts")

    def ready(self):
        checks.register(check_reviewers)
