from django.db import migrations

from kam.search import trigram_indexes


class Migration(migrations.Migration):
    """Contract ledger searches at the large seed's size."""

    dependencies = [("contracts", "0001_initial")]

    operations = [trigram_indexes("contracts_contract")]
