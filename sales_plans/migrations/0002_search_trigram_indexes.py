from django.db import migrations

from kam.search import trigram_indexes


class Migration(migrations.Migration):
    """Order and opportunity searches (a number, an account's name) at a million rows."""

    dependencies = [("sales_plans", "0001_initial")]

    operations = [trigram_indexes("sales_plans_order", "sales_plans_opportunity")]
