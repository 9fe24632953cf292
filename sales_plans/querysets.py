from datetime import date

from django.db.models import Q

from accounts.querysets import AccountChildQuerySet
from kam.dates import company_today
from kam.visibility import VisibleQuerySet
from sales_plans.choices import UNDELIVERED, OrderStatus, SalesPlanStatus


class SalesPlanQuerySet(VisibleQuerySet):
    """A plan is its owner's: their manager sees it (and approves it), executives read it."""

    owner_path = "owner"

    def approved(self):
        return self.filter(status=SalesPlanStatus.APPROVED)


class PlanTargetQuerySet(VisibleQuerySet):
    owner_path = "plan__owner"


class StageChangeQuerySet(VisibleQuerySet):
    owner_path = "opportunity__account__owner"


def overdue_order_q(today: date | None = None) -> Q:
    """An order past its promised date and not delivered (cancelled ones owe nothing)."""
    return Q(status__in=UNDELIVERED, promised_on__lt=today or company_today())


class OrderQuerySet(AccountChildQuerySet):
    """Orders (like opportunities) are seen by whoever sees their account."""

    def overdue(self, today: date | None = None):
        return self.filter(overdue_order_q(today))

    def counted(self):
        """Orders that count towards a target: all but the cancelled."""
        return self.exclude(status=OrderStatus.CANCELLED)
