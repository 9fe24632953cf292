"""Benchmark cases of duty 7: the calendar of sessions, a session, the customer feedback
report, and the API's list and detail.

``manage.py bench`` finds ``CASES`` (see ``kam.bench``). Paths are built when the run
starts, by name (``training:…`` and ``training-api:…``). At the large size a rep has some
forty sessions, a manager's team four hundred and the company 20,000; the page opens on
the upcoming ones (``/training/``), ``?when=past`` reads the long history. A session's
page compares the persona's busiest held session (most people invited, most answers)
with the empty user's own quiet one, planned here on the empty rep's quiet account (from
``accounts.bench``) and supported by the quiet department, so that its member (the empty
user of the department personas) sees that one session too.

The training department (the demo member ``training``) runs the sessions it gives or
supports, several thousand at the large size. Its cases need a ``training`` persona in
``kam.bench.PERSONAS`` (``"training": ("training",)``, compared with the quiet
department's member in ``EMPTY_OF``); until it is there they are left out.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from accounts.bench import quiet as quiet_account
from kam import bench
from kam.bench import API, EMPTY_DEPARTMENT, EMPTY_REP, PAGE, BenchCase, BenchContext
from kam.models import Department
from training import services
from training.choices import SessionStatus
from training.models import TrainingSession

EMPTY_SESSION = "Bench: session with nobody invited"
#: The persona of the training department (``kam.bench.PERSONAS``).
TRAINING = "training"


def page(name: str, query: str = ""):
    """A path by URL name, resolved when the case runs (not when this module loads)."""
    return lambda context: reverse(f"training:{name}") + query


def api(name: str, query: str = ""):
    return lambda context: reverse(f"training-api:{name}") + query


def busiest(context) -> TrainingSession:
    """The visible held session with the most people invited and answers: its page lists
    them all, with the report's figures."""
    return (
        TrainingSession.objects.visible_to(context.user)
        .filter(status=SessionStatus.DONE)
        .annotate(
            invited=Count("attendances", distinct=True),
            answers=Count("feedback", distinct=True),
        )
        .order_by("-invited", "-answers", "-scheduled_at", "pk")
        .first()
    )


def quiet(context) -> TrainingSession:
    """The empty users' one session: the empty rep's, planned for a week from the first
    run, supported by the quiet department."""
    rep = get_user_model().objects.get(username=EMPTY_REP)
    account = quiet_account(BenchContext("rep", rep, empty=True))
    session = TrainingSession.objects.filter(account=account, title=EMPTY_SESSION).first()
    return session or services.session_create(
        by=rep,
        account=account,
        title=EMPTY_SESSION,
        scheduled_at=timezone.now().replace(microsecond=0) + dt.timedelta(days=7),
        support_department=Department.objects.get(code=EMPTY_DEPARTMENT),
    )


def detail(namespace: str, name: str):
    def path(context) -> str:
        session = quiet(context) if context.empty else busiest(context)
        return reverse(f"{namespace}:{name}", args=[session.pk])

    return path


session_page = detail("training", "session-detail")
session_api = detail("training-api", "training-detail")


def training_cases() -> list[BenchCase]:
    """The training department's calendar, a session it runs, its API list; they need the
    ``training`` persona."""
    return [
        BenchCase("/training/", PAGE, TRAINING, page("session-list")),
        BenchCase("/training/?when=past", PAGE, TRAINING, page("session-list", "?when=past")),
        BenchCase("/training/[id]/", PAGE, TRAINING, session_page),
        BenchCase("/api/v1/trainings/", API, TRAINING, api("training-list")),
    ]


CASES = [
    BenchCase("/training/", PAGE, "rep", page("session-list")),
    BenchCase("/training/", PAGE, "manager", page("session-list")),
    BenchCase("/training/", PAGE, "executive", page("session-list")),
    # The long history: every held or called-off session, newest first.
    BenchCase(
        "/training/?when=past&sort=-latest",
        PAGE,
        "executive",
        page("session-list", "?when=past&sort=-latest"),
    ),
    BenchCase("/training/[id]/", PAGE, "rep", session_page),
    BenchCase("/training/[id]/", PAGE, "executive", session_page),
    # This quarter's customer feedback: a rep's, a manager's team's.
    BenchCase("/training/report/", PAGE, "rep", page("feedback-report")),
    BenchCase("/training/report/", PAGE, "manager", page("feedback-report")),
    BenchCase("/api/v1/trainings/", API, "rep", api("training-list")),
    BenchCase("/api/v1/trainings/?when=all", API, "executive", api("training-list", "?when=all")),
    BenchCase("/api/v1/trainings/[id]/", API, "rep", session_api),
    *(training_cases() if TRAINING in bench.PERSONAS else []),
]
