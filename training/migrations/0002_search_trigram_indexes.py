from django.db import migrations

from kam.search import trigram_indexes


class Migration(migrations.Migration):
    """Session searches at the large seed's size."""

    dependencies = [("training", "0001_initial")]

    operations = [trigram_indexes("training_trainingsession")]
