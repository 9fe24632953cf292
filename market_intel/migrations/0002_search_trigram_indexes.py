from django.db import migrations

from kam.search import trigram_indexes


class Migration(migrations.Migration):
    """Competitor activity, report and suggestion searches at the large seed's size."""

    dependencies = [("market_intel", "0001_initial")]

    operations = [
        trigram_indexes(
            "market_intel_competitoractivity",
            "market_intel_marketreport",
            "market_intel_productsuggestion",
        )
    ]
