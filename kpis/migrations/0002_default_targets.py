"""The seed's KPI targets (DESIGN.md's "KPI definitions"); admins change them later."""

from decimal import Decimal

from django.db import migrations

DEFAULTS = {
    "satisfaction": ("85", "at_least"),
    "retention": ("90", "at_least"),
    "attainment": ("100", "at_least"),
    "fulfilment": ("95", "at_least"),
    "resolution_hours": ("48", "at_most"),
    "sla_compliance": ("90", "at_least"),
    "market_reports": ("1", "at_least"),
    "suggestion_adoption": ("50", "at_least"),
}


def create_targets(apps, schema_editor):
    KpiTarget = apps.get_model("kpis", "KpiTarget")
    for metric, (target, direction) in DEFAULTS.items():
        KpiTarget.objects.get_or_create(
            metric=metric, defaults={"target": Decimal(target), "direction": direction}
        )


class Migration(migrations.Migration):
    dependencies = [("kpis", "0001_initial")]

    operations = [migrations.RunPython(create_targets, migrations.RunPython.noop)]
