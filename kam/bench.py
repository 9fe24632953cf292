"""The benchmark harness behind ``manage.py bench`` (``make bench``).

Apps contribute what to time the way they contribute admin classes: a ``<app>/bench.py``
module with a ``CASES`` list of :class:`BenchCase`, found by ``autodiscover_modules``.
Each case is a GET timed in-process with Django's test client, as the median of several
runs next to the same request by a user who sees no rows, with its query count. The load
test starts gunicorn on loopback and drives it with locust (``bench/locustfile.py``).

Timings are the output, never a test: ``tests/test_bench.py`` only checks that the whole
run still works at the small size.
"""

import csv
import os
import platform
import secrets
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from math import ceil
from pathlib import Path
from urllib.parse import quote

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules, import_string

from kam import services
from kam.choices import DepartmentCode, Role
from kam.demo import DEMO_PASSWORD
from kam.models import Department, Team

PAGE = "page"
API = "api"
#: A page may cost this many times its empty page, an API list this many times its empty list.
DEFAULT_TARGETS = {PAGE: 3.0, API: 4.0}

#: Who each persona is: the large seed's user when it exists, else the small seed's.
PERSONAS = {
    "executive": ("zhou.min",),
    "manager": ("mgr001", "wang.fang"),
    "rep": ("rep0001", "li.wei"),
    "department": ("logistics",),
    "rnd": ("rnd",),
    "legal": ("legal",),
    "finance": ("finance",),
    "training": ("training",),
}
EMPTY_REP = "bench-empty"
EMPTY_MANAGER = "bench-empty-manager"
EMPTY_DEPARTMENT_MEMBER = "bench-empty-dept"
#: A department nothing is routed to in the demo data.
EMPTY_DEPARTMENT = DepartmentCode.MARKETING
#: Whose request each persona's is compared with: the same role where that can see nothing
#: (a manager of a team without reps, a member of a quiet department); an executive sees
#: everything by definition, so theirs is compared with a rep who owns nothing.
EMPTY_OF = {
    "executive": EMPTY_REP,
    "manager": EMPTY_MANAGER,
    "rep": EMPTY_REP,
    "department": EMPTY_DEPARTMENT_MEMBER,
    # R&D decides every suggestion; the quiet department's member sees none.
    "rnd": EMPTY_DEPARTMENT_MEMBER,
    # Legal and finance review the demo's contracts; the quiet department reviews one.
    "legal": EMPTY_DEPARTMENT_MEMBER,
    "finance": EMPTY_DEPARTMENT_MEMBER,
    # The training department supports the demo's sessions; the quiet one supports one.
    "training": EMPTY_DEPARTMENT_MEMBER,
}
#: The in-process client's host: one that ``ALLOWED_HOSTS`` lets in by default and in
#: ``make bench`` (the test client's own "testserver" is allowed only under the test runner).
CLIENT_HOST = "localhost"
TOKEN_NAME = "manage.py bench"
TOKEN_LIFE = timedelta(hours=2)

#: The load test's target: p95 at most this, and no failed request.
LOAD_P95_TARGET_MS = 300
GUNICORN_WORKERS = 2
LOCUSTFILE = Path(settings.BASE_DIR) / "bench" / "locustfile.py"
#: Simulated users started per second; the measured ``seconds`` follow the ramp-up.
SPAWN_RATE = 2
SERVER_START_SECONDS = 60


@dataclass(frozen=True)
class BenchContext:
    """What a callable ``path`` is given: the persona and the user who will make the request.

    ``user`` is the persona's user for ``path`` and its empty user for ``empty_path``.
    """

    persona: str
    user: object
    empty: bool


PathSpec = str | Callable[[BenchContext], str]


@dataclass(frozen=True)
class BenchCase:
    """One GET to time: ``path`` as ``persona``, against ``empty_path`` as its empty user.

    ``path`` and ``empty_path`` are a string or a callable ``(BenchContext) -> str``;
    ``path`` defaults to the label, ``empty_path`` to ``path``, and ``target`` (the highest
    acceptable ratio to the empty request) to 3.0 for a page and 4.0 for an API list.
    """

    label: str
    kind: str
    persona: str
    path: PathSpec | None = None
    empty_path: PathSpec | None = None
    target: float | None = None

    def __post_init__(self):
        if self.kind not in DEFAULT_TARGETS:
            raise ValueError(f"{self.label}: kind must be {PAGE!r} or {API!r}")
        if self.persona not in PERSONAS:
            raise ValueError(f"{self.label}: unknown persona {self.persona!r}")

    @property
    def ratio_target(self) -> float:
        return self.target or DEFAULT_TARGETS[self.kind]

    def paths(self, user, empty_user) -> tuple[str, str]:
        path = self.path or self.label
        empty_path = self.empty_path or path
        return (
            resolve(path, BenchContext(self.persona, user, empty=False)),
            resolve(empty_path, BenchContext(self.persona, empty_user, empty=True)),
        )


def resolve(path: PathSpec, context: BenchContext) -> str:
    return path(context) if callable(path) else path


def discover_cases() -> list[BenchCase]:
    """Every installed app's ``bench.CASES``, in ``INSTALLED_APPS`` order."""
    autodiscover_modules("bench")
    cases = []
    for app_config in apps.get_app_configs():
        module = sys.modules.get(f"{app_config.name}.bench")
        cases += getattr(module, "CASES", [])
    seen = set()
    for case in cases:
        key = (case.label, case.persona)
        if key in seen:
            raise ValueError(f"two benchmark cases are {case.label!r} as {case.persona}")
        seen.add(key)
    return cases


def discover_measurements() -> list[Callable[..., dict]]:
    """Every installed app's ``bench.MEASUREMENTS``: timings besides the page table (the
    KPI recompute against its SQL floor), each called as ``measure(stdout, runs=…)`` and
    returning its figures for ``--json``."""
    autodiscover_modules("bench")
    measurements = []
    for app_config in apps.get_app_configs():
        module = sys.modules.get(f"{app_config.name}.bench")
        measurements += getattr(module, "MEASUREMENTS", [])
    return measurements


# -- who makes the requests ---------------------------------------------------------------


def ensure_empty_users() -> None:
    """Create (or put back) the users who see nothing; they only ever log in by force_login."""
    rep_team = Team.objects.update_or_create(name="Bench: empty rep", defaults={"manager": None})[0]
    manager = _empty_user(EMPTY_MANAGER, Role.MANAGER)
    # A team of its own without reps: the manager's pages run their team queries on nothing.
    Team.objects.update_or_create(name="Bench: empty manager", defaults={"manager": manager})
    _empty_user(EMPTY_REP, Role.REP, team=rep_team)
    department = Department.objects.get(code=EMPTY_DEPARTMENT)
    _empty_user(EMPTY_DEPARTMENT_MEMBER, Role.DEPARTMENT, department=department)


def _empty_user(username, role, *, team=None, department=None):
    fields = {
        "role": role,
        "team": team,
        "department": department,
        "is_active": True,
        "is_staff": False,
        "is_superuser": False,
    }
    return get_user_model().objects.update_or_create(
        username=username,
        defaults=fields,
        create_defaults={**fields, "password": make_password(None)},
    )[0]


def persona_users() -> dict[str, object]:
    """The user of each persona; raises ``LookupError`` naming a persona that has none."""
    User = get_user_model()
    found = {}
    for persona, usernames in PERSONAS.items():
        users = {u.username: u for u in User.objects.filter(username__in=usernames)}
        user = next((users[name] for name in usernames if name in users), None)
        if user is None:
            raise LookupError(
                f"no user for the {persona} persona (looked for {', '.join(usernames)}): "
                "the benchmark runs on seed_demo's data"
            )
        found[persona] = user
    return found


class Requester:
    """One logged-in test client per user: a session for pages, a token for the API.

    The API goes by ``Authorization: Token`` as integrations and department scripts do; the
    tokens live for one run (``close`` revokes them).
    """

    def __init__(self):
        self.clients = {}
        self.tokens = {}

    def client(self, user) -> Client:
        if user.pk not in self.clients:
            # A 500 must come back as a response (an error row), not abort the whole run.
            client = Client(SERVER_NAME=CLIENT_HOST, raise_request_exception=False)
            client.force_login(user)
            self.clients[user.pk] = client
        return self.clients[user.pk]

    def headers(self, user, kind) -> dict:
        if kind != API:
            return {}
        if user.pk not in self.tokens:
            self.tokens[user.pk] = services.token_create(
                user=user, name=TOKEN_NAME, expires_at=timezone.now() + TOKEN_LIFE
            )
        return {"Authorization": f"Token {self.tokens[user.pk][1]}"}

    def close(self):
        for token, _key in self.tokens.values():
            services.token_revoke(token=token, by=token.user)


# -- timing ----------------------------------------------------------------------------


@dataclass
class Timing:
    status: int
    ms: float | None = None
    queries: int | None = None


@dataclass(frozen=True)
class Get:
    """One request to time: a logged-in client, a path and its headers."""

    client: Client
    path: str
    headers: dict

    def __call__(self) -> int:
        return self.client.get(self.path, headers=self.headers).status_code


def time_pair(full: Get, empty: Get, runs: int) -> tuple[Timing, Timing]:
    """Each warmed up once, then ``runs`` rounds of one of each in turn: the median
    wall-clock ms of each, and the queries of one more.

    In turn, not all of one and then all of the other, so whatever else the machine does
    in those seconds slows both alike and leaves their ratio, which the targets judge. The
    timed runs stay outside ``CaptureQueriesContext``: it turns on query logging.
    """
    gets = (full, empty)
    statuses = [get() for get in gets]
    samples = ([], [])
    for _run in range(runs):
        if statuses != [200, 200]:
            break
        for index, get in enumerate(gets):
            started = time.perf_counter()
            statuses[index] = get()
            samples[index].append((time.perf_counter() - started) * 1000)
    if statuses != [200, 200]:
        return Timing(statuses[0]), Timing(statuses[1])
    timings = []
    for get, taken in zip(gets, samples, strict=True):
        with CaptureQueriesContext(connection) as captured:
            status = get()
        timings.append(Timing(status, statistics.median(taken), len(captured)))
    return timings[0], timings[1]


@dataclass
class Row:
    """One case's result; ``error`` says why a case failed (not about time)."""

    label: str
    kind: str
    persona: str
    user: str
    path: str | None
    empty_user: str
    empty_path: str | None
    target: float
    ms: float | None = None
    empty_ms: float | None = None
    queries: int | None = None
    empty_queries: int | None = None
    status: int | None = None
    empty_status: int | None = None
    error: str | None = None

    @property
    def ratio(self) -> float | None:
        if self.ms is None or not self.empty_ms:
            return None
        return self.ms / self.empty_ms

    @property
    def within_target(self) -> bool:
        return self.error is None and self.ratio is not None and self.ratio <= self.target

    def as_dict(self) -> dict:
        return {**asdict(self), "ratio": self.ratio, "within_target": self.within_target}


def settle_database() -> None:
    """VACUUM ANALYZE before timing: the state autovacuum keeps a production database in.

    Right after a bulk seed or a migration's backfill the planner has no statistics and
    the visibility map is unset, so counts cannot use index-only scans; timing that would
    measure the seed, not the product.
    """
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def prepare(case: BenchCase, users: dict, empty_users: dict) -> Row:
    """The case's row with both paths built, before anything is timed.

    Building a path may create a record (an empty account): doing all of that first keeps
    every timed request seeing the same data.
    """
    user, empty_user = users[case.persona], empty_users[case.persona]
    row = Row(
        label=case.label,
        kind=case.kind,
        persona=case.persona,
        user=user.username,
        path=None,
        empty_user=empty_user.username,
        empty_path=None,
        target=case.ratio_target,
    )
    try:
        row.path, row.empty_path = case.paths(user, empty_user)
    except Exception as error:  # a broken case is one error row, the others still run
        row.error = f"could not build the path: {error!r}"
    return row


def measure(row: Row, users: dict, empty_users: dict, requester: Requester, runs: int) -> None:
    user, empty_user = users[row.persona], empty_users[row.persona]
    full, empty = time_pair(
        Get(requester.client(user), row.path, requester.headers(user, row.kind)),
        Get(requester.client(empty_user), row.empty_path, requester.headers(empty_user, row.kind)),
        runs,
    )
    row.status, row.ms, row.queries = full.status, full.ms, full.queries
    row.empty_status, row.empty_ms, row.empty_queries = empty.status, empty.ms, empty.queries
    if full.status != 200 or empty.status != 200:
        row.error = f"HTTP {full.status} / empty HTTP {empty.status}"


def format_table(rows: list[Row]) -> list[str]:
    header = ("label", "persona", "ms", "empty ms", "ratio", "target", "queries", "")
    lines = []
    for row in rows:
        if row.error:
            cells = (row.label, row.persona, "—", "—", "—", f"≤ {row.target:g}×", "—")
            mark = f"✗ {row.error}"
        else:
            cells = (
                row.label,
                row.persona,
                f"{row.ms:.1f}",
                f"{row.empty_ms:.1f}",
                f"{row.ratio:.2f}×",
                f"≤ {row.target:g}×",
                f"{row.queries} ({row.empty_queries})",
            )
            mark = "✓" if row.within_target else "✗"
        lines.append((*cells, mark))
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header) - 1)]

    def render(line):
        text = [line[0].ljust(widths[0]), line[1].ljust(widths[1])]
        text += [cell.rjust(width) for cell, width in zip(line[2:-1], widths[2:], strict=True)]
        return "  ".join([*text, line[-1]]).rstrip()

    return [render(header), "  ".join("-" * w for w in widths), *map(render, lines)]


def machine() -> dict:
    """What the numbers were measured on, for the README's table."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "os": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory_gib": round(memory, 1),
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": postgres,
    }


# -- load test -------------------------------------------------------------------------


def database_url() -> str:
    """The URL of the database this process uses (the test database under pytest)."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "localhost"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{quote(db['NAME'], safe='')}"


def production_env() -> dict:
    """Environment of the server processes: production settings, over plain HTTP on loopback."""
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": database_url(),
        "STATIC_ROOT": str(settings.STATIC_ROOT),
    }


def manage(*args: str) -> list[str]:
    return [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args]


def collect_static() -> None:
    """``collectstatic`` into ``STATIC_ROOT`` as production does it (hashed manifest).

    With DEBUG off every ``{% static %}`` is looked up in the manifest, for gunicorn and for
    this process alike.
    """
    subprocess.run(
        manage("collectstatic", "--noinput", "-v0"),
        env=production_env(),
        cwd=settings.BASE_DIR,
        check=True,
    )


def needs_manifest() -> bool:
    """Whether this process renders ``{% static %}`` through a manifest (DEBUG off)."""
    backend = import_string(settings.STORAGES["staticfiles"]["BACKEND"])
    return issubclass(backend, ManifestFilesMixin)


@dataclass
class LoadResult:
    users: int
    seconds: int
    requests: int = 0
    failures: int = 0
    #: Python exceptions in the simulated users' code (a page without the expected link…).
    exceptions: int = 0
    rps: float = 0.0
    p50: float | None = None
    p95: float | None = None
    p99: float | None = None
    endpoints: list[dict] = field(default_factory=list)
    error_messages: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return self.failures + self.exceptions

    @property
    def within_target(self) -> bool:
        return self.errors == 0 and self.p95 is not None and self.p95 <= LOAD_P95_TARGET_MS

    def as_dict(self) -> dict:
        return {
            **asdict(self),
            "errors": self.errors,
            "p95_target_ms": LOAD_P95_TARGET_MS,
            "within_target": self.within_target,
        }


class LoadTestError(RuntimeError):
    """The load test could not run (the server did not start, locust broke)."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise LoadTestError(f"gunicorn exited ({server.returncode}):\n{tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise LoadTestError(f"gunicorn did not answer {url} in {SERVER_START_SECONDS} s:\n{tail(log)}")


def tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def stop(process: subprocess.Popen) -> None:
    """Stop gunicorn: its master stops the workers; kill its process group if it hangs."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.wait()


def locust_env(department_user) -> dict:
    """Whom the simulated users log in as: every rep who has the demo password, and the
    department persona.

    Checked here (once per distinct hash: a seed hashes the password once for all its
    users) because a wrong password under load would get the usernames locked out.
    """
    if not check_password(DEMO_PASSWORD, department_user.password):
        raise LoadTestError(f"{department_user.username} does not have the demo password")
    by_hash = defaultdict(list)
    reps = get_user_model().objects.filter(role=Role.REP, is_active=True).order_by("username")
    for rep in reps.exclude(username__in=EMPTY_OF.values()):
        by_hash[rep.password].append(rep.username)
    usernames = [
        username
        for password, group in by_hash.items()
        if check_password(DEMO_PASSWORD, password)
        for username in group
    ]
    if not usernames:
        raise LoadTestError("no rep has the demo password: the load test logs in as seed_demo's")
    return {
        "KAM_BENCH_REPS": ",".join(usernames),
        "KAM_BENCH_DEPARTMENT_USERS": department_user.username,
        "KAM_BENCH_PASSWORD": DEMO_PASSWORD,
        "KAM_BENCH_TIME_ZONE": settings.TIME_ZONE,
    }


def run_load_test(*, users: int, seconds: int, workdir: Path, locust_env: dict) -> LoadResult:
    """gunicorn with 2 workers on a free loopback port, driven by locust headless."""
    env = production_env()
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    server_log = workdir / "gunicorn.log"
    with server_log.open("w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "kam.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(GUNICORN_WORKERS),
                "--access-logfile",
                "-",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_up(f"{host}/healthz", server, server_log)
        prefix = workdir / "load"
        locust_log = workdir / "locust.log"
        command = [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "-u",
            str(users),
            # Users arrive SPAWN_RATE a second and their statistics start once all are in:
            # fifty password checks in one second would be a login storm, not a rep's day.
            "-r",
            str(min(users, SPAWN_RATE)),
            "--reset-stats",
            "-t",
            f"{seconds + ceil(users / SPAWN_RATE)}s",
            "--host",
            host,
            "--csv",
            str(prefix),
            "--only-summary",
        ]
        with locust_log.open("w") as log:
            try:
                # Exit status 1 only says some request failed: the CSV tells which.
                subprocess.run(
                    command,
                    cwd=settings.BASE_DIR,
                    env={**os.environ, **locust_env},
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    timeout=seconds + 120,
                )
            except subprocess.TimeoutExpired as error:
                raise LoadTestError(f"locust did not stop:\n{tail(locust_log)}") from error
        stats = Path(f"{prefix}_stats.csv")
        if not stats.exists():
            raise LoadTestError(f"locust wrote no statistics:\n{tail(locust_log)}")
        return parse_locust(prefix, users, seconds)
    finally:
        stop(server)


def parse_locust(prefix: Path, users: int, seconds: int) -> LoadResult:
    """The result from locust's CSV files: ``_stats``, ``_failures`` and ``_exceptions``."""

    def ms(value):
        return None if value in ("", "N/A") else float(value)

    def rows(suffix):
        path = Path(f"{prefix}_{suffix}.csv")
        if not path.exists():
            return []
        with path.open(newline="") as file:
            return list(csv.DictReader(file))

    result = LoadResult(users=users, seconds=seconds)
    for line in rows("stats"):
        entry = {
            "method": line["Type"],
            "name": line["Name"],
            "requests": int(line["Request Count"]),
            "failures": int(line["Failure Count"]),
            "rps": float(line["Requests/s"]),
            "p50": ms(line["50%"]),
            "p95": ms(line["95%"]),
            "p99": ms(line["99%"]),
        }
        if line["Name"] == "Aggregated":
            result.requests, result.failures = entry["requests"], entry["failures"]
            result.rps, result.p50, result.p95, result.p99 = (
                entry["rps"],
                entry["p50"],
                entry["p95"],
                entry["p99"],
            )
        else:
            result.endpoints.append(entry)
    result.error_messages = [
        f"{line['Method']} {line['Name']}: {line['Error']} ×{line['Occurrences']}"
        for line in rows("failures")
    ]
    exceptions = rows("exceptions")
    result.exceptions = sum(int(line["Count"]) for line in exceptions)
    result.error_messages += [
        f"exception: {line['Message']} ×{line['Count']}" for line in exceptions
    ]
    return result


def format_load(result: LoadResult) -> list[str]:
    def ms(value):
        return "—" if value is None else f"{value:.0f} ms"

    mark = "✓" if result.within_target else "✗"
    lines = [
        f"{result.requests} requests, {result.rps:.1f} req/s, p50 {ms(result.p50)}, "
        f"p95 {ms(result.p95)}, p99 {ms(result.p99)}, {result.errors} errors"
        f"   target p95 ≤ {LOAD_P95_TARGET_MS} ms, 0 errors {mark}"
    ]
    width = max((len(f"{e['method']} {e['name']}") for e in result.endpoints), default=0)
    for entry in result.endpoints:
        lines.append(
            f"  {(entry['method'] + ' ' + entry['name']).ljust(width)}  "
            f"{entry['requests']:>6} req  {entry['rps']:6.2f}/s  p50 {ms(entry['p50']):>7}  "
            f"p95 {ms(entry['p95']):>7}  p99 {ms(entry['p99']):>7}  {entry['failures']} errors"
        )
    lines += [f"  error: {message}" for message in result.error_messages]
    return lines
