from django.db import migrations

DEPARTMENTS = [
    ("sales", "Sales"),
    ("customer_service", "Customer service"),
    ("tech_support", "Technical support"),
    ("production", "Production"),
    ("logistics", "Logistics"),
    ("rnd", "R&D"),
    ("legal", "Legal"),
    ("finance", "Finance"),
    ("marketing", "Marketing"),
    ("training", "Training"),
]


def create_departments(apps, schema_editor):
    Department = apps.get_model("kam", "Department")
    for code, name in DEPARTMENTS:
        Department.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("kam", "0001_initial")]

    operations = [migrations.RunPython(create_departments, migrations.RunPython.noop)]
