"""The account page's sections: one tab each, contributed by the apps that hang off accounts.

Duty 1 registers its tabs here (overview, stakeholders, visits, satisfaction, plan); later
apps (orders, tickets, contracts, trainings…) register theirs in their own ``panels``
module. A tab's ``count`` returns a subquery counting its records for one account
(``OuterRef("pk")``), so the page reads every badge in the same query as the account.
"""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from kam.panels import PanelRegistry

account_tabs = PanelRegistry("account")


def count_of(model, account_path: str = "account", **filters):
    """A subquery counting ``model`` rows of the outer account (for a tab's badge)."""
    rows = (
        model.objects.filter(**{account_path: OuterRef("pk")}, **filters)
        .order_by()
        .values(account_path)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)
