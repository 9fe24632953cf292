"""Writes for duty 1. Views, the API, admin actions and tasks all come through here."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import AccountStatus
from accounts.models import Account, Contact, PlanAction, RelationshipPlan, SurveyResponse, Visit
from kam.errors import Conflict


def _apply(instance, data: dict):
    """Set fields, validate them (model ``clean`` and constraints) and save."""
    m2m = {}
    for field, value in data.items():
        if instance._meta.get_field(field).many_to_many:
            m2m[field] = value
        else:
            setattr(instance, field, value)
    instance.full_clean()
    instance.save()
    for field, value in m2m.items():
        getattr(instance, field).set(value)
    return instance


@transaction.atomic
def account_create(*, by, **data) -> Account:
    data.setdefault("owner", by)
    return _apply(Account(), data)


@transaction.atomic
def account_update(*, account: Account, by, **data) -> Account:
    return _apply(account, data)


@transaction.atomic
def account_churn(*, account: Account, by, churned_on: date | None = None) -> Account:
    """An account that leaves is marked churned with a date; it is never deleted."""
    if account.status == AccountStatus.CHURNED:
        raise Conflict(_("This account is already churned."))
    return _apply(account, {"status": AccountStatus.CHURNED,
                            "churned_on": churned_on or timezone.localdate()})


@transaction.atomic
def account_reactivate(*, account: Account, by) -> Account:
    if account.status != AccountStatus.CHURNED:
        raise Conflict(_("Only a churned account can be reactivated."))
    return _apply(account, {"status": AccountStatus.ACTIVE, "churned_on": None,
                            "customer_since": account.customer_since or timezone.localdate()})


def account_delete_blockers(account: Account) -> list[str]:
    """What keeps an account from being deleted, in words a user understands."""
    blockers = []
    for related, label in (
        ("contacts", _("contacts")), ("visits", _("visits")), ("surveys", _("survey responses")),
        ("relationship_plans", _("relationship plans")),
    ):
        count = getattr(account, related).count()
        if count:
            blockers.append(f"{count} {label}")
    return blockers


@transaction.atomic
def account_delete(*, account: Account, by) -> None:
    """Delete an account entered by mistake; one with history is churned instead."""
    blockers = account_delete_blockers(account)
    if blockers:
        raise Conflict(
            _("This account has %(records)s and cannot be deleted; mark it churned instead.")
            % {"records": ", ".join(blockers)}
        )
    account.delete()


@transaction.atomic
def contact_create(*, by, **data) -> Contact:
    return _apply(Contact(), data)


@transaction.atomic
def contact_update(*, contact: Contact, by, **data) -> Contact:
    return _apply(contact, data)


@transaction.atomic
def visit_create(*, by, contacts=(), **data) -> Visit:
    data.setdefault("rep", by)
    visit = _apply(Visit(), data)
    _check_contacts(visit, contacts)
    visit.contacts.set(contacts)
    # A new visit ends the account's "unvisited" lapse, so the next one is reported again.
    Account.objects.filter(pk=visit.account_id).update(unvisited_flagged_on=None)
    return visit


@transaction.atomic
def visit_update(*, visit: Visit, by, contacts=None, **data) -> Visit:
    visit = _apply(visit, data)
    if contacts is not None:
        _check_contacts(visit, contacts)
        visit.contacts.set(contacts)
    return visit


def _check_contacts(visit: Visit, contacts) -> None:
    if any(contact.account_id != visit.account_id for contact in contacts):
        raise ValidationError({"contacts": _("Pick contacts of the visited account only.")})


@transaction.atomic
def survey_create(*, by, **data) -> SurveyResponse:
    return _apply(SurveyResponse(), data)


@transaction.atomic
def survey_update(*, survey: SurveyResponse, by, **data) -> SurveyResponse:
    return _apply(survey, data)


@transaction.atomic
def relationship_plan_create(*, by, **data) -> RelationshipPlan:
    return _apply(RelationshipPlan(), data)


@transaction.atomic
def relationship_plan_update(*, plan: RelationshipPlan, by, **data) -> RelationshipPlan:
    return _apply(plan, data)


@transaction.atomic
def plan_action_create(*, by, **data) -> PlanAction:
    data.setdefault("owner", by)
    return _apply(PlanAction(), data)


@transaction.atomic
def plan_action_update(*, action: PlanAction, by, **data) -> PlanAction:
    return _apply(action, data)
