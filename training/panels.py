"""What duty 7 contributes to the home page, the navigation and the account page's tabs."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.tabs import account_tabs, count_of
from kam.choices import DepartmentCode, Role
from kam.panels import NavItem, Panel, home_panels, navigation
from training import selectors
from training.models import TrainingSession

HOME_LIST_LENGTH = 10
TAB_LIST_LENGTH = 20
#: Days ahead the home page lists one's sessions.
UPCOMING_DAYS = 14
ACCOUNT_TEAMS = frozenset({Role.REP, Role.MANAGER, Role.EXECUTIVE, Role.ADMIN})


def runs_trainings(user) -> bool:
    """A member of the training department (who sees the sessions it supports)."""
    return (
        user.role == Role.DEPARTMENT
        and user.department_id is not None
        and user.department.code == DepartmentCode.TRAINING
    )


def my_upcoming(request):
    user = request.user
    if user.role == Role.DEPARTMENT and not runs_trainings(user):
        return None
    return {
        "sessions": list(selectors.upcoming(user, days=UPCOMING_DAYS)[:HOME_LIST_LENGTH]),
        "days": UPCOMING_DAYS,
        "list_length": HOME_LIST_LENGTH,
    }


def feedback_missing(request):
    return {
        "sessions": list(selectors.feedback_missing(request.user)[:HOME_LIST_LENGTH]),
        "list_length": HOME_LIST_LENGTH,
    }


for name, template, context, roles, order in [
    ("training.my_upcoming", "my_upcoming", my_upcoming,
     frozenset({Role.REP, Role.MANAGER, Role.DEPARTMENT}), 16),
    ("training.feedback_missing", "feedback_missing", feedback_missing,
     frozenset({Role.REP, Role.MANAGER}), 17),
]:  # fmt: skip
    home_panels.register(
        Panel(name, f"training/panels/{template}.html", context, roles=roles, order=order)
    )

navigation.register(
    NavItem(
        "training.sessions",
        _("Trainings"),
        "training:session-list",
        roles=ACCOUNT_TEAMS | {Role.DEPARTMENT},
        order=47,
        allowed=lambda user: user.role != Role.DEPARTMENT or runs_trainings(user),
    )
)


def training_tab(request, account, **kwargs):
    sessions = (
        selectors.with_figures(TrainingSession.objects.visible_to(request.user))
        .filter(account=account)
        .select_related("trainer")
        .order_by("-scheduled_at", "-id")[:TAB_LIST_LENGTH]
    )
    return {"sessions": list(sessions), "list_length": TAB_LIST_LENGTH, "now": timezone.now()}


account_tabs.register(
    Panel(
        "training",
        "training/tabs/training.html",
        training_tab,
        order=85,
        label=_("Trainings"),
        count=lambda: count_of(TrainingSession),
    )
)
