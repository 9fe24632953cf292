"""``manage.py bench``: time every app's pages and API lists, then load-test gunicorn.

``make bench`` runs it with production settings (DEBUG off) on PostgreSQL; the harness
itself is ``kam.bench``. Timing targets are printed, never enforced: the command fails
only when a request does not answer 200 or the load test has errors or cannot run.
"""

import json
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kam import bench

#: Runs of each measurement besides the page table (``bench.discover_measurements``).
MEASUREMENT_RUNS = 3


class Command(BaseCommand):
    help = "Benchmark every page and API list against an empty user's, then a load test."

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            choices=["small", "large"],
            default="large",
            help="seed_demo size to load when the database has no users (default: large).",
        )
        parser.add_argument(
            "--runs", type=int, default=10, help="timed runs per request (default: 10)."
        )
        parser.add_argument("--json", metavar="PATH", help="also write the results as JSON.")
        parser.add_argument(
            "--load-users", type=int, default=50, help="simulated users (default: 50)."
        )
        parser.add_argument(
            "--load-seconds", type=int, default=60, help="load test length (default: 60)."
        )
        parser.add_argument("--no-load", action="store_true", help="skip the load test.")

    def handle(self, *args, size, runs, load_users, load_seconds, no_load, **options):
        if min(runs, load_users, load_seconds) < 1:
            raise CommandError("--runs, --load-users and --load-seconds must be at least 1.")
        self.check_database()
        if settings.DEBUG:
            self.stderr.write(
                "DEBUG is on: templates are re-read and queries logged on every request, "
                "so these are not production's timings (make bench turns it off)."
            )
        seeded = not get_user_model().objects.exists()
        if seeded:
            self.stdout.write(f"The database is empty: seeding the {size} size…")
            call_command("seed_demo", size=size, stdout=self.stdout, stderr=self.stderr)
        bench.settle_database()
        bench.ensure_empty_users()
        try:
            users = bench.persona_users()
        except LookupError as error:
            raise CommandError(f"{error}; run the benchmark on an empty database.") from error
        empty_users = {
            persona: get_user_model().objects.get(username=username)
            for persona, username in bench.EMPTY_OF.items()
        }
        cases = bench.discover_cases()
        machine = bench.machine()
        self.print_header(machine, users, empty_users, runs, f"seeded {size}" if seeded else None)
        # First, so the page table reads the data they leave (the recompute writes the
        # scorecards the dashboards show). At most three runs each: a run can take seconds.
        measured = []
        for measure in bench.discover_measurements():
            self.stdout.write("")
            measured.append(measure(self.stdout, runs=min(runs, MEASUREMENT_RUNS)))

        load, load_error = None, None
        with tempfile.TemporaryDirectory(prefix="kam-bench-") as workdir:
            if not no_load or bench.needs_manifest():
                self.stdout.write("Collecting static files (production's hashed manifest)…")
                try:
                    bench.collect_static()
                except subprocess.CalledProcessError as error:
                    raise CommandError("collectstatic failed (see above).") from error
            rows = [bench.prepare(case, users, empty_users) for case in cases]
            requester = bench.Requester()
            try:
                for row in rows:
                    if not row.error:
                        bench.measure(row, users, empty_users, requester, runs)
            finally:
                requester.close()
            self.stdout.write("")
            for line in bench.format_table(rows):
                self.stdout.write(line)
            if not no_load:
                self.stdout.write("")
                self.stdout.write(
                    f"Load test: {load_users} users (arriving {bench.SPAWN_RATE}/s, measured once "
                    f"all are in) for {load_seconds} s (locust headless) against gunicorn, "
                    f"{bench.GUNICORN_WORKERS} workers, DEBUG off…"
                )
                try:
                    load = bench.run_load_test(
                        users=load_users,
                        seconds=load_seconds,
                        workdir=Path(workdir),
                        locust_env=bench.locust_env(users["department"]),
                    )
                except bench.LoadTestError as error:
                    load_error = str(error)
                    self.stderr.write(f"The load test could not run: {error}")
                else:
                    for line in bench.format_load(load):
                        self.stdout.write(line)

        if options["json"]:
            self.write_json(options["json"], machine, runs, rows, load, load_error, measured)
        failed = [row for row in rows if row.error]
        problems = [f"{len(failed)} of {len(rows)} requests failed"] if failed else []
        if load_error:
            problems.append("the load test could not run")
        elif load and load.errors:
            problems.append(f"the load test had {load.errors} errors")
        if problems:
            raise CommandError("; ".join(problems) + " (see above).")

    def check_database(self):
        if connection.vendor != "postgresql":
            raise CommandError("make bench needs PostgreSQL: set DATABASE_URL=postgres://…")
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("The database is not migrated: run `manage.py migrate` first.")

    def print_header(self, machine, users, empty_users, runs, seeded):
        self.stdout.write(
            f"KAM CRM benchmark: median of {runs} runs per request (after a warm-up), "
            f"in-process test client, DEBUG {'on' if settings.DEBUG else 'off'}; "
            f"data: {seeded or 'as found'}."
        )
        self.stdout.write(
            f"Machine: {machine['cpu']} × {machine['cpus']}, {machine['memory_gib']} GiB, "
            f"{machine['os']}; Python {machine['python']}, Django {machine['django']}, "
            f"PostgreSQL {machine['postgresql']}."
        )
        self.stdout.write(
            "Personas (vs. the empty user): "
            + ", ".join(
                f"{persona} {user.username} (vs. {empty_users[persona].username})"
                for persona, user in users.items()
            )
            + ". Pages by session, API by token. queries: the persona's (the empty user's)."
        )

    def write_json(self, path, machine, runs, rows, load, load_error, measured):
        document = {
            "machine": machine,
            "runs": runs,
            "measurements": measured,
            "rows": [row.as_dict() for row in rows],
            "load": load.as_dict() if load else None,
            "load_error": load_error,
        }
        Path(path).write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
