"""``manage.py bench`` still runs end to end: small data, two runs, a five-second load test.

Nothing here is about time (timings are the benchmark's output, not a test): every case
must answer 200 for both users, and the load test must run without a failed request.
"""

import json
from io import StringIO

import pytest
from django.conf import global_settings
from django.core.management import call_command

from kam.bench import discover_cases
from tests.support import require_postgresql

# gunicorn reads the data from another process, so it must be committed; the serialized
# rollback brings back the departments the data migration created.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_bench_runs_at_small_size(settings, tmp_path):
    require_postgresql("the benchmark")
    # The demo passwords are checked by gunicorn, which has the real hashers, not the fast
    # test-only one; and its static files go to a folder of the test's own.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    settings.STATIC_ROOT = tmp_path / "static"
    report = tmp_path / "bench.json"

    call_command(
        "bench",
        size="small",
        runs=2,
        load_users=3,
        load_seconds=5,
        json=str(report),
        stdout=StringIO(),
        stderr=StringIO(),
    )

    result = json.loads(report.read_text())
    rows = result["rows"]
    assert [(row["label"], row["persona"]) for row in rows] == [
        (case.label, case.persona) for case in discover_cases()
    ]
    for row in rows:
        assert (row["status"], row["empty_status"], row["error"]) == (200, 200, None), row
        assert isinstance(row["queries"], int) and isinstance(row["empty_queries"], int), row
        assert row["ms"] > 0 and row["empty_ms"] > 0, row
    load = result["load"]
    assert load["requests"] > 0
    assert load["errors"] == 0, load["error_messages"]
    assert ("POST", "/auth/login/") in {(e["method"], e["name"]) for e in load["endpoints"]}
