import unicodedata
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kam.choices import DepartmentCode, Role
from kam.visibility import CHANGE, VIEW, signed_in


class Department(models.Model):
    """An internal department that tickets, contract reviews and suggestions route to."""

    code = models.CharField(_("code"), max_length=32, unique=True, choices=DepartmentCode.choices)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        """The name, in the user's language while it is still the standard one."""
        try:
            label = DepartmentCode(self.code).label
        except ValueError:
            return self.name
        with translation.override("en"):
            standard = str(label)
        return str(label) if self.name == standard else self.name


class Team(models.Model):
    """A key-account team: a manager and the reps whose ``team`` it is."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    manager = models.ForeignKey(
        "kam.User",
        verbose_name=_("manager"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_teams",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return self.name


class UserQuerySet(models.QuerySet):
    """Who exists for a user (``view``), and whom they may make the owner of a record (``change``).

    Users are not owned records, so this is not a ``VisibleQuerySet``; it answers the same
    question for people, so that no choice list, filter or admin page tells a user about
    colleagues their work never touches.
    """

    def visible_to(self, user, action: str = VIEW):
        if not signed_in(user, action):
            return self.none()
        admin = user.is_superuser or user.role == Role.ADMIN
        if action == CHANGE:
            # The ownership side: oneself, the reps of the teams one manages; for an admin
            # anyone who can own records (department members cannot).
            if admin:
                return self.exclude(role=Role.DEPARTMENT)
            if user.role == Role.MANAGER:
                return self.filter(Q(pk=user.pk) | Q(team__manager=user))
            return self.filter(pk=user.pk)
        if admin or user.role == Role.EXECUTIVE:
            return self.all()
        mine = Q(pk=user.pk)
        if user.role == Role.MANAGER:
            mine |= Q(team__manager=user)
        if user.team_id:
            mine |= Q(team_id=user.team_id) | Q(managed_teams=user.team_id)
        if user.role == Role.DEPARTMENT and user.department_id:
            mine |= Q(department_id=user.department_id)
        return self.filter(mine).distinct()


class KamUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


#: Unicode blocks of scripts that write the family name first, without a space (王芳).
FAMILY_FIRST_SCRIPTS = ("CJK", "HANGUL", "HIRAGANA", "KATAKANA")


def writes_family_name_first(text: str) -> bool:
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            return name.startswith(FAMILY_FIRST_SCRIPTS)
    return False


def person_name(first_name: str, last_name: str, username: str) -> str:
    """A user's name in the order of its script: "王芳" (family name first), "Sarah
    Miller"; the username without either. ``User.display_name``, for rows read as values."""
    first, last = first_name.strip(), last_name.strip()
    if not (first or last):
        return username
    if writes_family_name_first(last or first):
        return f"{last}{first}"
    return " ".join(part for part in (first, last) if part)


def validate_time_zone(value: str) -> None:
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone “%(zone)s”."), params={"zone": value})


class User(AbstractUser):
    """A person using KAM CRM; ``role`` decides what ``visible_to`` lets them see."""

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.REP)
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Times are shown and entered in this zone; empty: the company's."),
    )
    language = models.CharField(
        _("language"),
        max_length=16,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Of the pages and of the e-mails you receive; empty: the company's."),
    )

    objects = KamUserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return person_name(self.first_name, self.last_name, self.username)

    def get_full_name(self):
        return self.display_name

    @property
    def is_manager(self) -> bool:
        return self.role == Role.MANAGER

    @property
    def preferred_language(self) -> str:
        return self.language or settings.LANGUAGE_CODE
