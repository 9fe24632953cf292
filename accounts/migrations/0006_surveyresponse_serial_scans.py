from django.db import migrations

TABLE = "accounts_surveyresponse"


def serial_scans(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} SET (parallel_workers = 0)")


def planner_default(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} RESET (parallel_workers)")


class Migration(migrations.Migration):
    """Survey responses are read by one process: no parallel workers on this table.

    The survey list counts every response an executive sees (the API's ``count`` is exact).
    Once the tickets' and trainings' feedback joined the periodic surveys (155,794 rows at
    the large seed, from 100,409), the planner gave that count two parallel workers, which
    cost more to start than they save: 12 to 35 ms, against 6 ms for one process reading
    the 233 pages of the smallest index. A parallel plan pays off on millions of rows; the
    reads of this table (a page, a count, a quarter's scores) are far below that.
    """

    dependencies = [("accounts", "0005_search_documents_and_list_indexes")]

    operations = [migrations.RunPython(serial_scans, planner_default, elidable=False)]
