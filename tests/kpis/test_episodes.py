"""Retention across a reactivation: the reactivate service archives the closing customer
relationship as an ``AccountEpisode``, so the quarter an account was lost in still counts
it as lost afterwards; and migration 0008 rebuilds the episodes of reactivations made
before episodes existed from the accounts' history.

``account_reactivate`` starts the new relationship on ``company_today()`` (the real
clock), so the quarters here are counted back from the current one: the account churns
two quarters ago and comes back today.
"""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from accounts import services as account_services
from accounts.choices import AccountStatus
from accounts.models import Account, AccountEpisode
from kam.dates import Quarter, company_today
from kam.errors import Conflict
from kam.records import apply_changes
from kpis import metrics
from kpis.choices import Metric, Scope
from kpis.models import ScorecardMetric
from kpis.services import recompute_quarter
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = Decimal
SINCE = dt.date(2023, 1, 1)


def retention(user, quarter: Quarter) -> tuple:
    """(numerator, denominator, value) of the stored retention of ``user`` in ``quarter``."""
    row = ScorecardMetric.objects.get(
        metric=Metric.RETENTION,
        scorecard__scope=Scope.REP,
        scorecard__user=user,
        scorecard__year=quarter.year,
        scorecard__quarter=quarter.quarter,
    )
    return (row.numerator, row.denominator, row.value)


@pytest.fixture
def lost():
    """The quarter the account is lost in (two before the current one) and the next."""
    lost_in = Quarter.current().previous().previous()
    return lost_in, lost_in.next()


def test_a_reactivated_account_still_counts_as_lost_in_the_quarter_it_churned(alice, lost):
    lost_in, between = lost
    churned_on = lost_in.start + dt.timedelta(days=10)
    account = f.AccountFactory(owner=alice, customer_since=SINCE)
    account_services.account_churn(account=account, by=alice, churned_on=churned_on)
    f.AccountFactory(owner=alice, customer_since=SINCE)  # kept throughout

    recompute_quarter(lost_in)
    recompute_quarter(between)
    # Lost in: 2 active at the start, 1 at the end = 50 %; the next quarter: 1 of 1.
    assert retention(alice, lost_in) == (1, 2, D("50.00"))
    assert retention(alice, between) == (1, 1, D("100.00"))

    account.refresh_from_db()
    account_services.account_reactivate(account=account, by=alice)

    account.refresh_from_db()
    assert (account.status, account.customer_since, account.churned_on) == (
        AccountStatus.ACTIVE,
        company_today(),
        None,
    )
    # Recomputed after the reactivation, the earlier quarters read as before: the account
    # was a customer from 2023 until it churned, and not in the quarter between.
    assert metrics.retention(lost_in) == {alice.pk: (1, 2)}
    recompute_quarter(lost_in)
    recompute_quarter(between)
    assert retention(alice, lost_in) == (1, 2, D("50.00"))
    assert retention(alice, between) == (1, 1, D("100.00"))


def test_reactivating_archives_the_closing_relationship(alice, lost):
    lost_in, _between = lost
    churned_on = lost_in.start + dt.timedelta(days=10)
    account = f.AccountFactory(owner=alice, customer_since=SINCE)
    account_services.account_churn(account=account, by=alice, churned_on=churned_on)

    account_services.account_reactivate(account=account, by=alice)

    assert list(AccountEpisode.objects.values_list("account", "customer_since", "churned_on")) == [
        (account.pk, SINCE, churned_on)
    ]
    # The account's history keeps the relationship that ended, too.
    assert (SINCE, churned_on) in set(account.history.values_list("customer_since", "churned_on"))

    # It leaves and comes back again: the second relationship is archived as well.
    account.refresh_from_db()
    account_services.account_churn(account=account, by=alice)
    account.refresh_from_db()
    account_services.account_reactivate(account=account, by=alice)
    today = company_today()
    assert list(AccountEpisode.objects.values_list("customer_since", "churned_on")) == [
        (SINCE, churned_on),
        (today, today),
    ]


def test_only_a_churned_account_is_reactivated(alice):
    account = f.AccountFactory(owner=alice, customer_since=SINCE)

    with pytest.raises(Conflict):
        account_services.account_reactivate(account=account, by=alice)

    assert AccountEpisode.objects.count() == 0


def test_an_episode_counts_in_retention_like_the_accounts_own_dates(alice):
    # Q2 2025 by an episode alone (the account's own dates are a later relationship).
    account = f.AccountFactory(owner=alice, customer_since=dt.date(2026, 1, 10))
    AccountEpisode.objects.create(
        account=account, customer_since=SINCE, churned_on=dt.date(2025, 6, 30)
    )

    # Active at 1 April 2025, churned on the last day: lost.
    assert metrics.retention(Quarter(2025, 2)) == {alice.pk: (0, 1)}
    # Active through 2025 Q1 (churned after it).
    assert metrics.retention(Quarter(2025, 1)) == {alice.pk: (1, 1)}
    # Not a customer at the start of 2025 Q3, nor of 2025 Q4.
    assert metrics.retention(Quarter(2025, 3)) == {}
    # Back from 10 January 2026: not active at 2026 Q1's start, active through Q2.
    assert metrics.retention(Quarter(2026, 1)) == {}
    assert metrics.retention(Quarter(2026, 2)) == {alice.pk: (1, 1)}


# -- the backfill migration -----------------------------------------------------------------

backfill = importlib.import_module("accounts.migrations.0008_backfill_account_episodes").backfill


def overwrite(account, **changes) -> Account:
    """A change saved as before episodes existed: the earlier dates only in the history."""
    return apply_changes(account, changes)


def test_the_backfill_rebuilds_past_relationships_from_the_history(alice):
    twice = f.AccountFactory(owner=alice, customer_since=SINCE)
    overwrite(twice, status=AccountStatus.CHURNED, churned_on=dt.date(2024, 6, 1))
    # The churn date corrected: the latest one recorded under that relationship wins.
    overwrite(twice, churned_on=dt.date(2024, 6, 30))
    overwrite(
        twice, status=AccountStatus.ACTIVE, churned_on=None, customer_since=dt.date(2025, 1, 1)
    )
    overwrite(twice, status=AccountStatus.CHURNED, churned_on=dt.date(2025, 5, 31))
    overwrite(
        twice, status=AccountStatus.ACTIVE, churned_on=None, customer_since=dt.date(2025, 9, 1)
    )

    # Churned and never back: that relationship is the account's current one, no episode.
    gone = f.AccountFactory(owner=alice, customer_since=SINCE)
    overwrite(gone, status=AccountStatus.CHURNED, churned_on=dt.date(2024, 1, 1))
    # Never churned: nothing to rebuild.
    f.AccountFactory(owner=alice, customer_since=SINCE)

    backfill(apps, None)

    assert list(
        AccountEpisode.objects.order_by("account", "customer_since").values_list(
            "account", "customer_since", "churned_on"
        )
    ) == [
        (twice.pk, SINCE, dt.date(2024, 6, 30)),
        (twice.pk, dt.date(2025, 1, 1), dt.date(2025, 5, 31)),
    ]
    # What retention makes of it: 2024 Q2 lost the account (active 1 April, churned 30 June).
    assert metrics.retention(Quarter(2024, 2)) == {alice.pk: (1, 2)}

    # Run again (or after the service archived one already): nothing is added twice.
    backfill(apps, None)
    assert AccountEpisode.objects.count() == 2


def test_the_backfill_keeps_episodes_the_service_archived(alice):
    account = f.AccountFactory(owner=alice, customer_since=SINCE)
    account_services.account_churn(account=account, by=alice, churned_on=dt.date(2024, 3, 1))
    account.refresh_from_db()
    account_services.account_reactivate(account=account, by=alice)

    backfill(apps, None)

    assert list(AccountEpisode.objects.values_list("customer_since", "churned_on")) == [
        (SINCE, dt.date(2024, 3, 1))
    ]
