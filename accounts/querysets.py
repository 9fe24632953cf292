from kam.visibility import VisibleQuerySet


class AccountQuerySet(VisibleQuerySet):
    owner_path = "owner"


class AccountChildQuerySet(VisibleQuerySet):
    """Records hanging off an account are seen by whoever sees the account."""

    owner_path = "account__owner"


class PlanActionQuerySet(VisibleQuerySet):
    owner_path = "plan__account__owner"
