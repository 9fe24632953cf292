"""Who sees the records of duty 7.

A session is seen by whoever sees its account, and by its trainer. A department member
sees the sessions they give and those their department is asked to support (the training
department, `training`, supports most): they run them — take attendance, upload
materials, mark them done — and of the account see its name and tier, and the names of
the people invited. What hangs off a session is seen with it.
"""

from datetime import timedelta

from django.apps import apps
from django.db.models import Q
from django.utils import timezone

from accounts.querysets import AccountChildQuerySet
from kam.visibility import VisibleQuerySet, sees_everything, signed_in

#: A session that started less than this ago still counts as upcoming (it may be running).
STILL_UPCOMING = timedelta(hours=12)


def upcoming_q(now=None) -> Q:
    """Sessions from today on: the calendar's "upcoming", the home panel's."""
    return Q(scheduled_at__gte=(now or timezone.now()) - STILL_UPCOMING)


class TrainingSessionQuerySet(AccountChildQuerySet):
    def visible_to(self, user, action: str = "view"):
        seen = super().visible_to(user, action)
        if not signed_in(user, action) or sees_everything(user, action):
            return seen
        # Whoever gives a session runs it, whoever's account it is on.
        return seen | self.filter(trainer=user)

    def department_q(self, user, action):
        if not user.department_id:
            return None
        return Q(trainer=user) | Q(support_department_id=user.department_id)


class SessionChildQuerySet(VisibleQuerySet):
    """Attendance, materials, feedback and feedback links: seen with their session."""

    owner_path = "session__account__owner"

    def visible_to(self, user, action: str = "view"):
        if not signed_in(user, action):
            return self.none()
        if sees_everything(user, action):
            return self.all()
        sessions = apps.get_model("training", "TrainingSession").objects.visible_to(user, action)
        return self.filter(session__in=sessions.values("pk"))


class TrainingMaterialQuerySet(VisibleQuerySet):
    """A material is seen with any session it is used in (one file serves many)."""

    owner_path = "session__account__owner"

    def visible_to(self, user, action: str = "view"):
        if not signed_in(user, action):
            return self.none()
        if sees_everything(user, action):
            return self.all()
        session_model = apps.get_model("training", "TrainingSession")
        sessions = session_model.objects.visible_to(user, action).values("pk")
        used = self.model.sessions.through.objects.filter(trainingsession_id__in=sessions)
        return self.filter(pk__in=used.values("trainingmaterial_id"))
