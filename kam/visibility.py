"""The one rule for who sees and who may change what.

Every domain QuerySet derives from ``VisibleQuerySet`` and names the path from its model
to the owning user (``owner_path``). Views, the API, exports, dashboards, form choices and
admin all start from ``visible_to(user)``; the write paths use ``visible_to(user, "change")``.
"""

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q

from kam.choices import Role

VIEW = "view"
CHANGE = "change"


def signed_in(user, action: str = VIEW) -> bool:
    """Whether ``user`` may see anything at all (checking ``action`` is one of ours)."""
    if action not in (VIEW, CHANGE):
        raise ValueError(f"unknown action {action!r}")
    return user is not None and user.is_authenticated and user.is_active


def sees_everything(user, action: str = VIEW) -> bool:
    """Whether ``visible_to(user, action)`` is every record (an admin; an executive reading)."""
    if user.is_superuser or user.role == Role.ADMIN:
        return True
    return user.role == Role.EXECUTIVE and action == VIEW


class VisibleQuerySet(models.QuerySet):
    #: Lookup path from the model to the user who owns it ("owner", "account__owner", …).
    owner_path: str = "owner"
    #: Roles that create records of this kind (``may_create``). Executives read, and
    #: department members answer the work routed to them; neither keeps accounts.
    creator_roles: tuple[str, ...] = (Role.REP, Role.MANAGER, Role.ADMIN)

    def visible_to(self, user, action: str = VIEW):
        if not signed_in(user, action):
            return self.none()
        if sees_everything(user, action):
            return self.all()
        owned = Q(**{self.owner_path: user})
        if user.role == Role.EXECUTIVE:
            return self.filter(owned)
        if user.role == Role.MANAGER:
            return self.filter(owned | Q(**{f"{self.owner_path}__team__manager": user}))
        if user.role == Role.REP:
            return self.filter(owned)
        if user.role == Role.DEPARTMENT:
            department_q = self.department_q(user, action)
            return self.none() if department_q is None else self.filter(department_q)
        return self.none()

    def department_q(self, user, action: str) -> Q | None:
        """What a department member reaches; nothing unless a model routes work to them."""
        return None


class OwnOnlyQuerySet(models.QuerySet):
    """Records that belong to one user alone (notifications, tokens, jobs): ``visible_to``
    is that user, for every role."""

    user_path = "user"

    def visible_to(self, user, action: str = VIEW):
        if not signed_in(user, action):
            return self.none()
        return self.filter(**{self.user_path: user})


def may_create(user, model) -> bool:
    """Whether ``user``'s role creates records of ``model`` (pages offer "New …" by it)."""
    if not signed_in(user):
        return False
    if user.is_superuser:
        return True
    return user.role in model._default_manager.get_queryset().creator_roles


def may_change(user, obj) -> bool:
    """Whether ``user`` may change ``obj``: the record is in ``visible_to(user, "change")``."""
    return type(obj)._default_manager.visible_to(user, CHANGE).filter(pk=obj.pk).exists()


def assignable_owners(user):
    """Whom ``user`` may make the owner of a record: ``User.objects.visible_to(user, "change")``.

    Oneself, the reps of the teams one manages, and anyone but department members for an
    admin; active users only. The web forms, the API and admin all use this one rule.
    """
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .visible_to(user, CHANGE)
        .order_by("first_name", "last_name", "username")
    )
