"""Who sees the records of duty 3.

Competitors are the company's shared knowledge: every account team member reads them
and may add or correct a profile. What was seen at an account is seen by whoever sees
the account; what was seen in the market at large (no account), by every account team.
A market report is its author's until published, then also their manager's and the
executives'. Suggestions are their author's (and manager's) and R&D's, who decide them.
"""

from django.db.models import Q

from kam.choices import DepartmentCode, Role
from kam.visibility import CHANGE, VisibleQuerySet, sees_everything, signed_in
from market_intel.choices import ReportStatus

ACCOUNT_TEAMS = (Role.REP, Role.MANAGER, Role.EXECUTIVE, Role.ADMIN)


def is_rnd(user) -> bool:
    """A member of R&D, who reviews and decides product suggestions."""
    return (
        user.role == Role.DEPARTMENT
        and user.department_id is not None
        and user.department.code == DepartmentCode.RND
    )


class CompetitorQuerySet(VisibleQuerySet):
    def visible_to(self, user, action: str = "view"):
        if not signed_in(user, action):
            return self.none()
        if user.is_superuser or user.role in (Role.REP, Role.MANAGER, Role.ADMIN):
            return self.all()
        if user.role == Role.EXECUTIVE and action != CHANGE:
            return self.all()
        # R&D reads the profiles behind the suggestions it decides.
        if action != CHANGE and is_rnd(user):
            return self.all()
        return self.none()


class CompetitorActivityQuerySet(VisibleQuerySet):
    owner_path = "account__owner"

    def visible_to(self, user, action: str = "view"):
        seen = super().visible_to(user, action)
        if not signed_in(user, action) or sees_everything(user, action):
            return seen
        if user.role not in ACCOUNT_TEAMS:
            return seen
        # Seen in the market at large: every account team reads it, its reporter edits it.
        market = Q(account__isnull=True)
        if action == CHANGE:
            market &= Q(reported_by=user)
        return seen | self.filter(market)


class MarketReportQuerySet(VisibleQuerySet):
    owner_path = "author"

    def visible_to(self, user, action: str = "view"):
        seen = super().visible_to(user, action)
        if not signed_in(user, action) or user.is_superuser or user.role == Role.ADMIN:
            return seen
        # A draft is its author's alone.
        return seen.filter(Q(author=user) | Q(status=ReportStatus.PUBLISHED))

    def published(self):
        return self.filter(status=ReportStatus.PUBLISHED)


class ProductSuggestionQuerySet(VisibleQuerySet):
    owner_path = "submitted_by"

    def department_q(self, user, action):
        return Q() if is_rnd(user) else None
