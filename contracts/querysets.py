"""Who sees the records of duty 6.

A contract, its versions and negotiation rounds are seen by whoever sees its account,
and by the contract's owner (who negotiates it, even on a colleague's account). A
department member (legal, finance) reads the contracts awaiting or carrying their
department's review, with their versions and rounds, and of the account only its name
and tier; they change nothing but their own department's reviews (``review_decide``).
"""

from datetime import date, timedelta

from django.apps import apps
from django.db.models import F, Q
from django.db.models.functions import Coalesce

from accounts.querysets import AccountChildQuerySet
from contracts.choices import RENEWAL_THRESHOLDS, ContractStatus, Decision
from kam.choices import Role
from kam.dates import company_today
from kam.visibility import CHANGE, VisibleQuerySet, sees_everything, signed_in

#: How far ahead a signed contract counts as up for renewal (the first reminder's lead).
RENEWAL_WINDOW_DAYS = max(RENEWAL_THRESHOLDS)


def renewal_due_q(today: date | None = None) -> Q:
    """A signed contract ending within ``RENEWAL_WINDOW_DAYS`` (its last day not yet past):
    the home panels, the ledger's filter and the reminders all say the same."""
    today = today or company_today()
    return Q(
        status=ContractStatus.SIGNED,
        ends_on__gte=today,
        ends_on__lte=today + timedelta(days=RENEWAL_WINDOW_DAYS),
    )


def reviewed_contracts(user):
    """The ids of the contracts with a review of ``user``'s department, as a subquery."""
    review = apps.get_model("contracts", "ContractReview")
    return review.objects.filter(department_id=user.department_id).values("contract_id")


class OwnerToo:
    """Whoever negotiates a contract (its ``owner``) works on it and what hangs off it,
    whoever's account it is on."""

    contract_owner_path = "contract__owner"

    def visible_to(self, user, action: str = "view"):
        seen = super().visible_to(user, action)
        if (
            not signed_in(user, action)
            or sees_everything(user, action)
            or user.role == Role.DEPARTMENT  # owns no contracts
        ):
            return seen
        return seen | self.filter(**{self.contract_owner_path: user})


class ContractQuerySet(OwnerToo, AccountChildQuerySet):
    contract_owner_path = "owner"

    def department_q(self, user, action):
        if not user.department_id or action == CHANGE:
            return None
        return Q(pk__in=reviewed_contracts(user))

    def renewal_due(self, today: date | None = None):
        return self.filter(renewal_due_q(today))


class ContractChildQuerySet(OwnerToo, VisibleQuerySet):
    """Versions and negotiation rounds: seen with their contract."""

    owner_path = "contract__account__owner"

    def department_q(self, user, action):
        if not user.department_id or action == CHANGE:
            return None
        return Q(contract_id__in=reviewed_contracts(user))


class ContractReviewQuerySet(OwnerToo, VisibleQuerySet):
    """A review is seen with its contract, and decided by its department (the service
    checks that the decider is one of its members)."""

    owner_path = "contract__account__owner"

    def department_q(self, user, action):
        return Q(department_id=user.department_id) if user.department_id else None

    def current(self):
        """The reviews of each contract's current round."""
        return self.filter(superseded_at__isnull=True)

    def open(self):
        """Reviews waiting for a decision."""
        return self.filter(decision=Decision.PENDING, superseded_at__isnull=True)

    def newest_first(self, user):
        """The newest request first, each instant's reviews by department (the model's
        order), read the fastest way for ``user``.

        Who sees every review, and a department member (whose reviews are their
        department's, a count the planner has from that column), reads them in the index's
        order (``review_newest_first``): sorted by the department's name first, the large
        seed's 41,808 reviews were all joined to their contracts, accounts and versions
        (137 ms, 1.4 ms read in order; legal's 20,904: 121 ms, 7 ms). The account side's
        reach is an owner of the account or of the contract, which the planner cannot
        count: it would walk that index past everybody else's reviews (147 ms for a rep's
        one review, against 27 ms sorted), so theirs are sorted instead, by an expression
        the index does not serve (``requested_at`` is never null: the same order).
        """
        if sees_everything(user) or user.role == Role.DEPARTMENT:
            newest = F("requested_at").desc()
        else:
            newest = Coalesce("requested_at", "decided_at").desc()
        return self.order_by(newest, "department", "id")
