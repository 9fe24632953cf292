from datetime import date

from django.db.models import Q

from kam.dates import company_today
from kam.visibility import VisibleQuerySet


class AccountQuerySet(VisibleQuerySet):
    owner_path = "owner"


class AccountChildQuerySet(VisibleQuerySet):
    """Records hanging off an account are seen by whoever sees the account."""

    owner_path = "account__owner"


def overdue_q(today: date | None = None) -> Q:
    """A plan action that is overdue: still open after its due date, in the company's
    calendar (the pages, the exports and the daily reminder all say the same)."""
    return Q(done_on__isnull=True, due_on__lt=today or company_today())


class PlanActionQuerySet(VisibleQuerySet):
    owner_path = "plan__account__owner"

    def overdue(self, today: date | None = None):
        return self.filter(overdue_q(today))
