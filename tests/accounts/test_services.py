"""Writes of duty 1: the rules live in services, so the browser and the API agree."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts import services
from accounts.choices import AccountStatus
from accounts.models import Account, Visit
from kam.errors import Conflict
from tests import factories as f


def test_account_create_defaults_owner_and_validates(alice):
    account = services.account_create(
        by=alice, name="Ningbo Port Machinery", tier="strategic", status=AccountStatus.PROSPECT
    )

    assert (account.owner, account.status, account.churned_on) == (alice, "prospect", None)
    with pytest.raises(ValidationError) as excinfo:
        services.account_create(by=alice, name="No Date Ltd", status=AccountStatus.ACTIVE)
    assert excinfo.value.message_dict == {
        "customer_since": ["An active account needs the date it became a customer."]
    }


def test_account_churn_sets_the_given_date(alice, alice_account):
    services.account_churn(account=alice_account, by=alice, churned_on=dt.date(2026, 2, 28))

    alice_account.refresh_from_db()
    assert (alice_account.status, alice_account.churned_on) == ("churned", dt.date(2026, 2, 28))


def test_account_churn_defaults_to_today(alice, alice_account):
    services.account_churn(account=alice_account, by=alice)

    assert Account.objects.get(pk=alice_account.pk).churned_on == timezone.localdate()


def test_account_churn_twice_is_a_conflict(alice, alice_account):
    services.account_churn(account=alice_account, by=alice, churned_on=dt.date(2026, 2, 28))

    with pytest.raises(Conflict) as excinfo:
        services.account_churn(account=alice_account, by=alice, churned_on=dt.date(2026, 3, 1))

    assert excinfo.value.message == "This account is already churned."
    assert Account.objects.get(pk=alice_account.pk).churned_on == dt.date(2026, 2, 28)


def test_account_churn_before_customer_since_is_invalid(alice, alice_account):
    with pytest.raises(ValidationError) as excinfo:
        services.account_churn(account=alice_account, by=alice, churned_on=dt.date(2022, 1, 1))

    assert excinfo.value.message_dict == {
        "churned_on": ["The churn date cannot be before the customer-since date."]
    }
    assert Account.objects.get(pk=alice_account.pk).status == AccountStatus.ACTIVE


def test_account_reactivate(alice, alice_account):
    services.account_churn(account=alice_account, by=alice, churned_on=dt.date(2026, 2, 28))

    services.account_reactivate(account=alice_account, by=alice)

    # A new customer relationship starts today; the old one stays in the history.
    alice_account.refresh_from_db()
    assert (alice_account.status, alice_account.churned_on, alice_account.customer_since) == (
        "active",
        None,
        timezone.localdate(),
    )
    churned = alice_account.history.order_by("history_id")[1]
    assert (churned.status, churned.churned_on, churned.customer_since) == (
        "churned",
        dt.date(2026, 2, 28),
        dt.date(2023, 1, 1),
    )


def test_account_churn_in_the_future_is_refused(alice, alice_account):
    with pytest.raises(ValidationError) as excinfo:
        services.account_churn(
            account=alice_account, by=alice, churned_on=timezone.localdate() + dt.timedelta(days=1)
        )

    assert excinfo.value.message_dict == {"churned_on": ["The churn date cannot be in the future."]}
    alice_account.refresh_from_db()
    assert (alice_account.status, alice_account.churned_on) == ("active", None)


def test_account_reactivate_an_active_account_is_a_conflict(alice, alice_account):
    with pytest.raises(Conflict) as excinfo:
        services.account_reactivate(account=alice_account, by=alice)

    assert excinfo.value.message == "Only a churned account can be reactivated."


def test_account_delete_refused_with_records(alice, alice_records):
    account = alice_records["account"]

    with pytest.raises(Conflict) as excinfo:
        services.account_delete(account=account, by=alice)

    assert excinfo.value.message == (
        "This account has 2 contacts, 1 visit, 1 survey response, 1 relationship plan "
        "and cannot be deleted; mark it churned instead."
    )
    assert Account.objects.filter(pk=account.pk).exists()


def test_account_delete_without_records(alice, alice_account):
    services.account_delete(account=alice_account, by=alice)

    assert not Account.objects.filter(pk=alice_account.pk).exists()


def test_contact_reports_to_loop_is_refused(alice, alice_account):
    ceo = services.contact_create(by=alice, account=alice_account, name="Wang Lei")
    cto = services.contact_create(by=alice, account=alice_account, name="Li Na", reports_to=ceo)
    engineer = services.contact_create(
        by=alice, account=alice_account, name="Zhao Min", reports_to=cto
    )

    with pytest.raises(ValidationError) as excinfo:
        services.contact_update(contact=ceo, by=alice, reports_to=engineer)

    assert excinfo.value.message_dict == {"reports_to": ["This would make a reporting loop."]}
    ceo.refresh_from_db()
    assert ceo.reports_to is None


def test_contact_cannot_report_to_themselves(alice, alice_account):
    ceo = services.contact_create(by=alice, account=alice_account, name="Wang Lei")

    with pytest.raises(ValidationError) as excinfo:
        services.contact_update(contact=ceo, by=alice, reports_to=ceo)

    assert excinfo.value.message_dict == {"reports_to": ["This would make a reporting loop."]}


def test_contact_reports_to_someone_at_another_account_is_refused(alice, alice_account):
    elsewhere = f.ContactFactory(account=f.AccountFactory(owner=alice), name="Outsider")

    with pytest.raises(ValidationError) as excinfo:
        services.contact_create(by=alice, account=alice_account, name="Li Na", reports_to=elsewhere)

    assert excinfo.value.message_dict == {
        "reports_to": ["A contact reports to someone at the same account."]
    }
    assert alice_account.contacts.count() == 0


def test_visit_create_with_contacts(alice, alice_records):
    account = alice_records["account"]
    visit = services.visit_create(
        by=alice,
        account=account,
        visited_at=timezone.now(),
        purpose="Line audit",
        contacts=[alice_records["boss"]],
        follow_up_on=timezone.localdate() + dt.timedelta(days=14),
    )

    assert (visit.rep, list(visit.contacts.all())) == (alice, [alice_records["boss"]])


def test_visit_is_not_logged_before_it_happens(alice, alice_account):
    with pytest.raises(ValidationError) as excinfo:
        services.visit_create(
            by=alice,
            account=alice_account,
            purpose="Line audit",
            visited_at=timezone.now() + dt.timedelta(days=2),
            follow_up_on=timezone.localdate() - dt.timedelta(days=30),
        )

    assert excinfo.value.message_dict == {
        "visited_at": ["A visit cannot be logged before it happens."],
        "follow_up_on": ["The follow-up cannot be before the visit."],
    }


def test_visit_with_contacts_of_another_account_is_refused(alice, alice_records):
    other = f.ContactFactory(account=f.AccountFactory(owner=alice), name="Outsider")
    before = Visit.objects.count()

    with pytest.raises(ValidationError) as excinfo:
        services.visit_create(
            by=alice,
            account=alice_records["account"],
            visited_at=timezone.now(),
            purpose="Line audit",
            contacts=[alice_records["boss"], other],
        )

    assert excinfo.value.message_dict == {
        "contacts": ["Pick contacts of the visited account only."]
    }
    assert Visit.objects.count() == before  # the atomic service left nothing behind


def test_visit_update_with_contacts_of_another_account_is_refused(alice, alice_records):
    other = f.ContactFactory(account=f.AccountFactory(owner=alice), name="Outsider")
    visit = alice_records["visit"]

    with pytest.raises(ValidationError):
        services.visit_update(visit=visit, by=alice, contacts=[other])

    assert set(visit.contacts.all()) == {alice_records["boss"], alice_records["contact"]}


def test_visit_create_clears_the_unvisited_flag(alice, alice_account):
    Account.objects.filter(pk=alice_account.pk).update(unvisited_flagged_on=dt.date(2026, 3, 1))

    services.visit_create(
        by=alice,
        account=alice_account,
        visited_at=timezone.now(),
        purpose="Catch-up call",
        kind="phone",
    )

    assert Account.objects.get(pk=alice_account.pk).unvisited_flagged_on is None


def test_survey_contact_must_belong_to_the_account(alice, alice_account):
    outsider = f.ContactFactory(account=f.AccountFactory(owner=alice), name="Outsider")

    with pytest.raises(ValidationError) as excinfo:
        services.survey_create(
            by=alice,
            account=alice_account,
            contact=outsider,
            received_on=dt.date(2026, 3, 1),
            score=4,
        )

    assert excinfo.value.message_dict == {"contact": ["The contact must belong to this account."]}


def test_survey_score_out_of_range_is_refused(alice, alice_account):
    with pytest.raises(ValidationError) as excinfo:
        services.survey_create(
            by=alice, account=alice_account, received_on=dt.date(2026, 3, 1), score=6, nps=11
        )

    assert set(excinfo.value.message_dict) == {"score", "nps"}


def test_relationship_plan_unique_per_quarter(alice, alice_account):
    services.relationship_plan_create(
        by=alice,
        account=alice_account,
        year=2026,
        quarter=1,
        objectives="Meet the new plant director.",
    )

    with pytest.raises(ValidationError) as excinfo:
        services.relationship_plan_create(
            by=alice, account=alice_account, year=2026, quarter=1, objectives="Again."
        )

    assert excinfo.value.messages == ["This account already has a plan for that quarter."]


def test_plan_action_defaults_owner(alice, alice_records):
    action = services.plan_action_create(
        by=alice, plan=alice_records["plan"], title="Dinner", due_on=dt.date(2026, 4, 1)
    )

    assert (action.owner, action.done_on) == (alice, None)
