"""Demo data: the protocol every app's ``demo.py`` follows, and the core's own demo records.

``manage.py seed_demo`` imports the ``demo`` module of each installed app that has one, in
``INSTALLED_APPS`` order (an app is listed after the apps it builds on, so ``kam`` comes
first), and calls its ``seed(context)`` in one transaction per app. A ``demo`` module:

- reads what to do from the :class:`DemoContext` (``size``, ``today``, ``out``, ``seed``);
- seeds ``small`` (the demo ``make run`` shows) and, for ``large``, the benchmark size on
  top of it;
- finds what earlier apps seeded in the database (:func:`demo_reps` here,
  ``accounts.demo.demo_accounts``), never in another module's variables;
- detects its own data already present and skips it, so a second run changes nothing;
- draws from ``context.random(<its own name>)`` and dates relative to ``context.today``,
  so a run is deterministic and an app added later shifts no other app's data;
- returns :func:`counts` of its models: the numbers of its progress line.

The core's records are the demo logins the README lists (the admin, an executive, two
teams with a manager and reps, one member per department) and, for ``large``, the
benchmark's teams, managers and reps.
"""

import datetime as dt
import math
import random
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError, OutputWrapper
from django.core.management.color import Style
from django.db.models import Model, QuerySet
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _

from kam.choices import DepartmentCode, Role
from kam.models import Department, Team, User

#: The one password of every demo login. Demo data only: never load it in production.
DEMO_PASSWORD = "kam-demo-2026"  # noqa: S105
SMALL, LARGE = "small", "large"
SIZES = (SMALL, LARGE)
#: Rows per INSERT of a bulk-created batch.
BATCH_SIZE = 2000


@dataclass(frozen=True)
class DemoContext:
    """What ``seed_demo`` gives every app's ``seed``."""

    size: str
    today: dt.date
    out: OutputWrapper
    style: Style
    seed: int = 42
    #: ``large`` only: the fraction of the benchmark size to seed (tests seed a hundredth).
    scale: float = 1.0

    @property
    def large(self) -> bool:
        return self.size == LARGE

    def random(self, stream: str) -> random.Random:
        """A generator of its own for ``stream``: one app's draws never shift another's."""
        return random.Random(f"{self.seed}:{stream}")

    def scaled(self, count: int) -> int:
        """A benchmark count at ``scale``, at least one."""
        return max(1, round(count * self.scale))


def demo_modules() -> list[tuple[str, ModuleType]]:
    """``(app label, demo module)`` of every installed app that seeds demo data, in order."""
    modules = []
    for app_config in apps.get_app_configs():
        if not module_has_submodule(app_config.module, "demo"):
            continue
        module = import_module(f"{app_config.name}.demo")
        # A third-party app's own ``demo`` module is not one of ours.
        if callable(getattr(module, "seed", None)):
            modules.append((app_config.label, module))
    return modules


def counts(*models: type[Model]) -> dict[str, int]:
    """The rows of each model, by its plural name: what a ``seed`` returns."""
    return {str(model._meta.verbose_name_plural): model.objects.count() for model in models}


# (username, first name, last name): the README documents the usernames. Chinese people
# have their names in characters, so pages show them in their script's order (王芳).
ADMIN = ("admin", "Ada", "Admin")
EXECUTIVE = ("zhou.min", "敏", "周")
TEAMS = [
    {
        "name": "East",
        "manager": ("wang.fang", "芳", "王"),
        "reps": [("li.wei", "伟", "李"), ("zhang.min", "敏", "张"), ("liu.yang", "洋", "刘")],
    },
    {
        "name": "West",
        "manager": ("sarah.miller", "Sarah", "Miller"),
        "reps": [
            ("tom.baker", "Tom", "Baker"),
            ("chen.hui", "慧", "陈"),
            ("emma.wright", "Emma", "Wright"),
        ],
    },
]
DEPARTMENT_PEOPLE = {
    DepartmentCode.SALES: ("军", "黄"),
    DepartmentCode.CUSTOMER_SERVICE: ("琳", "徐"),
    DepartmentCode.TECH_SUPPORT: ("涛", "孙"),
    DepartmentCode.PRODUCTION: ("强", "马"),
    DepartmentCode.LOGISTICS: ("红", "朱"),
    DepartmentCode.RND: ("Peter", "Schmidt"),
    DepartmentCode.LEGAL: ("华", "高"),
    DepartmentCode.FINANCE: ("梅", "何"),
    DepartmentCode.MARKETING: ("Olivia", "Brown"),
    DepartmentCode.TRAINING: ("刚", "郭"),
}


def department_username(code: str) -> str:
    return code.replace("_", ".")


#: The demo logins in the order the login table lists them.
LOGINS = [
    ADMIN[0],
    EXECUTIVE[0],
    *(user[0] for team in TEAMS for user in [team["manager"], *team["reps"]]),
    *(department_username(code) for code in DEPARTMENT_PEOPLE),
]
SMALL_REPS = [rep[0] for team in TEAMS for rep in team["reps"]]
LARGE_TEAMS = 50
LARGE_REPS_PER_TEAM = 10
LARGE_MANAGER_PREFIX, LARGE_REP_PREFIX = "mgr", "rep"


def demo_reps(size: str) -> QuerySet:
    """The reps whose records a size's demo data are, in the order they were created.

    Later apps seed for these reps (and their accounts) rather than for everybody, so a
    site's own users never get demo records.
    """
    reps = User.objects.filter(role=Role.REP)
    if size == SMALL:
        reps = reps.filter(username__in=SMALL_REPS)
    else:
        reps = reps.filter(username__regex=rf"^{LARGE_REP_PREFIX}[0-9]+$")
    return reps.order_by("pk")


def seed(context: DemoContext) -> dict[str, int]:
    if not Department.objects.exists():
        raise CommandError(_("No departments: run `manage.py migrate` first."))
    # One hash for all: hashing the same password for every user is most of this time.
    password = make_password(DEMO_PASSWORD)
    seed_logins(password)
    if context.large:
        seed_benchmark_users(context, password)
    return counts(User, Team)


def seed_logins(password: str) -> None:
    def user(username, first, last, role, **extra):
        obj, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "email": f"{username}@kam-demo.example",
                **extra,
            },
        )
        if created:
            obj.password = password
            obj.full_clean()
            obj.save()
        return obj

    user(*ADMIN, Role.ADMIN, is_staff=True, is_superuser=True)
    user(*EXECUTIVE, Role.EXECUTIVE)
    for spec in TEAMS:
        team, _created = Team.objects.get_or_create(name=spec["name"])
        manager = user(*spec["manager"], Role.MANAGER)
        if team.manager_id != manager.pk:
            team.manager = manager
            team.save()
        for rep in spec["reps"]:
            user(*rep, Role.REP, team=team)
    for code, (first, last) in DEPARTMENT_PEOPLE.items():
        department = Department.objects.get(code=code)
        user(department_username(code), first, last, Role.DEPARTMENT, department=department)


def seed_benchmark_users(context: DemoContext, password: str) -> None:
    """``large``: teams of reps with a manager each, written in batches."""
    if demo_reps(LARGE).exists():
        context.out.write(context.style.NOTICE(_("Benchmark data already exists; skipping it.")))
        return
    numbers = range(1, context.scaled(LARGE_TEAMS) + 1)
    teams = Team.objects.bulk_create([Team(name=f"Team {n:03d}") for n in numbers])
    managers = User.objects.bulk_create(
        [
            User(
                username=f"{LARGE_MANAGER_PREFIX}{n:03d}",
                first_name="Manager",
                last_name=f"{n:03d}",
                email=f"{LARGE_MANAGER_PREFIX}{n:03d}@kam-demo.example",
                role=Role.MANAGER,
                password=password,
            )
            for n in numbers
        ]
    )
    for team, manager in zip(teams, managers, strict=True):
        team.manager = manager
    Team.objects.bulk_update(teams, ["manager"])
    User.objects.bulk_create(
        [
            User(
                username=f"{LARGE_REP_PREFIX}{n:04d}",
                first_name="Rep",
                last_name=f"{n:04d}",
                email=f"{LARGE_REP_PREFIX}{n:04d}@kam-demo.example",
                role=Role.REP,
                team=teams[(n - 1) // LARGE_REPS_PER_TEAM],
                password=password,
            )
            for n in range(1, len(teams) * LARGE_REPS_PER_TEAM + 1)
        ],
        batch_size=BATCH_SIZE,
    )


def login_table() -> list[tuple[str, str, str, str]]:
    """(username, password, role, team / department) of each demo login present."""
    users = User.objects.filter(username__in=LOGINS).select_related("team", "department")
    by_username = {user.username: user for user in users.prefetch_related("managed_teams")}
    return [
        (user.username, DEMO_PASSWORD, str(Role(user.role).label), team_or_department(user))
        for user in (by_username.get(username) for username in LOGINS)
        if user is not None
    ]


def team_or_department(user: User) -> str:
    if user.team or user.department:
        return str(user.team or user.department)
    return ", ".join(_("manages %(team)s") % {"team": team} for team in user.managed_teams.all())


def print_logins(context: DemoContext) -> None:
    header = (_("username"), _("password"), _("role"), _("team / department"))
    rows = [header, *login_table()]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    out = context.out
    out.write("")
    out.write(_("Demo logins (demo data only, never in production):"))
    for number, row in enumerate(rows):
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        out.write("  ".join(cells).rstrip())
        if number == 0:
            out.write("  ".join("-" * width for width in widths))
    out.write("")
    reps = demo_reps(LARGE).count()
    if reps:
        out.write(
            _(
                "Benchmark users: managers mgr001…mgr%(teams)03d, reps rep0001…rep%(reps)04d, "
                "same password."
            )
            % {"teams": math.ceil(reps / LARGE_REPS_PER_TEAM), "reps": reps}
        )
