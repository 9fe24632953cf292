"""Writes for duty 1. Views, the API, admin actions and tasks all come through here."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, ngettext_lazy

from accounts.choices import AccountStatus
from accounts.models import Account, Contact, PlanAction, RelationshipPlan, SurveyResponse, Visit
from accounts.selectors import UNVISITED_DAYS, unvisited_accounts
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
    today = timezone.localdate()
    if churned_on is not None and churned_on > today:
        raise ValidationError({"churned_on": _("The churn date cannot be in the future.")})
    return _apply(account, {"status": AccountStatus.CHURNED, "churned_on": churned_on or today})


@transaction.atomic
def account_reactivate(*, account: Account, by) -> Account:
    """A churned customer comes back: a new customer relationship starts today.

    The earlier one (its customer-since and churn dates) stays in the account's history.
    """
    if account.status != AccountStatus.CHURNED:
        raise Conflict(_("Only a churned account can be reactivated."))
    return _apply(
        account,
        {
            "status": AccountStatus.ACTIVE,
            "churned_on": None,
            "customer_since": timezone.localdate(),
        },
    )


# Each label counts its records: ngettext_lazy picks the form from the "count" key.
ACCOUNT_REFERENCES = (
    ("contacts", ngettext_lazy("%(count)d contact", "%(count)d contacts", "count")),
    ("visits", ngettext_lazy("%(count)d visit", "%(count)d visits", "count")),
    ("surveys", ngettext_lazy("%(count)d survey response", "%(count)d survey responses", "count")),
    (
        "relationship_plans",
        ngettext_lazy("%(count)d relationship plan", "%(count)d relationship plans", "count"),
    ),
)
CONTACT_REFERENCES = (
    ACCOUNT_REFERENCES[1],
    ACCOUNT_REFERENCES[2],
    (
        "reports",
        ngettext_lazy(
            "%(count)d contact reporting to them", "%(count)d contacts reporting to them", "count"
        ),
    ),
)
PLAN_REFERENCES = (
    ("actions", ngettext_lazy("%(count)d plan action", "%(count)d plan actions", "count")),
)


def referencing_records(instance, references) -> list[str]:
    """What still points at a record, in words a user understands ("2 visits", …)."""
    blockers = []
    for related, label in references:
        count = getattr(instance, related).count()
        if count:
            blockers.append(label % {"count": count})
    return blockers


def account_delete_blockers(account: Account) -> list[str]:
    return referencing_records(account, ACCOUNT_REFERENCES)


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
    account = data.get("account")
    if account is not None:
        check_contact_move(contact=contact, account=account)
    return _apply(contact, data)


def check_contact_move(*, contact: Contact, account: Account) -> None:
    """A contact changes account only while nothing else refers to them.

    Visits that met them, their survey answers and the people reporting to them all belong
    to the old account; moving the contact would leave those records pointing across
    accounts (and, after a reassignment, let one rep edit a person on another's account).
    """
    if contact.pk is None or account.pk == contact.account_id:
        return
    blockers = referencing_records(contact, CONTACT_REFERENCES)
    if blockers:
        raise ValidationError(
            {
                "account": _(
                    "This contact has %(records)s at their account and cannot move to another; "
                    "add them to the other account as a new contact instead."
                )
                % {"records": ", ".join(blockers)}
            }
        )


@transaction.atomic
def visit_create(*, by, contacts=(), **data) -> Visit:
    data.setdefault("rep", by)
    visit = _apply(Visit(), data)
    check_visit_contacts(account=visit.account, contacts=contacts)
    visit.contacts.set(contacts)
    _end_unvisited_lapse(visit.account_id)
    return visit


@transaction.atomic
def visit_update(*, visit: Visit, by, contacts=None, **data) -> Visit:
    visit = _apply(visit, data)
    # A visit's contacts always belong to its account, also when only the account changed.
    check_visit_contacts(
        account=visit.account, contacts=visit.contacts.all() if contacts is None else contacts
    )
    if contacts is not None:
        visit.contacts.set(contacts)
    _end_unvisited_lapse(visit.account_id)
    return visit


def _end_unvisited_lapse(account_id: int) -> None:
    """A visit inside the reported lapse's window ends it, so the next lapse is reported.

    The account was flagged on day F because nobody visited in the ``UNVISITED_DAYS``
    before F. A visit after F - ``UNVISITED_DAYS`` (even one logged late) ends that lapse;
    one backdated further keeps the reminder, so the owner is not told twice.
    """
    Account.objects.filter(
        pk=account_id,
        unvisited_flagged_on__isnull=False,
        visits__visited_at__date__gt=F("unvisited_flagged_on") - timedelta(days=UNVISITED_DAYS),
    ).update(unvisited_flagged_on=None)


def check_visit_contacts(*, account: Account, contacts) -> None:
    """The contacts met on a visit are people of the visited account."""
    if any(contact.account_id != account.pk for contact in contacts):
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


def _delete_unless_referenced(instance, references) -> None:
    """Delete a record entered by mistake, unless other records still point at it."""
    blockers = referencing_records(instance, references)
    if blockers:
        raise Conflict(
            _("This record is referenced by %(records)s and cannot be deleted.")
            % {"records": ", ".join(blockers)}
        )
    instance.delete()


@transaction.atomic
def contact_delete(*, contact: Contact, by) -> None:
    _delete_unless_referenced(contact, CONTACT_REFERENCES)


@transaction.atomic
def visit_delete(*, visit: Visit, by) -> None:
    visit.delete()


@transaction.atomic
def survey_delete(*, survey: SurveyResponse, by) -> None:
    survey.delete()


@transaction.atomic
def relationship_plan_delete(*, plan: RelationshipPlan, by) -> None:
    _delete_unless_referenced(plan, PLAN_REFERENCES)


@transaction.atomic
def plan_action_delete(*, action: PlanAction, by) -> None:
    action.delete()


def account_flag_unvisited(*, now=None, account_ids=None) -> dict:
    """Flag accounts in play that have gone unvisited and tell each owner once, by e-mail.

    Only accounts not flagged yet are taken, and ``visit_create`` clears the flag, so a
    second run sends nothing and the next lapse is reported again. Each owner is handled
    in a transaction of their own: the flag is written only together with the mail, and a
    mail server failure for one owner neither loses nor repeats the others' reminders.
    """
    now = now or timezone.now()
    candidates = unvisited_accounts(now=now).filter(unvisited_flagged_on__isnull=True)
    if account_ids is not None:
        candidates = candidates.filter(pk__in=account_ids)
    by_owner: dict[int, list[int]] = {}
    for account_id, owner_id in candidates.values_list("pk", "owner_id"):
        by_owner.setdefault(owner_id, []).append(account_id)

    summary = {"flagged": 0, "emails_sent": 0, "owners": 0}
    owners = get_user_model().objects.in_bulk(list(by_owner))
    for owner_id in sorted(by_owner):
        flagged, sent = _flag_unvisited_for_owner(
            owner=owners[owner_id],
            account_ids=by_owner[owner_id],
            now=now,
            days=UNVISITED_DAYS,
        )
        summary["flagged"] += flagged
        summary["emails_sent"] += sent
        summary["owners"] += 1 if flagged else 0
    return summary


@transaction.atomic
def _flag_unvisited_for_owner(*, owner, account_ids, now, days) -> tuple[int, int]:
    # Lock, then re-check both conditions: a concurrent run, or a visit logged meanwhile,
    # wins the race (FOR UPDATE cannot take the aggregate, hence two steps).
    unflagged = list(
        Account.objects.select_for_update()
        .filter(pk__in=account_ids, unvisited_flagged_on__isnull=True)
        .values_list("pk", flat=True)
    )
    locked = list(
        unvisited_accounts(now=now, days=days).filter(pk__in=unflagged).values_list("pk", flat=True)
    )
    today = timezone.localdate(now)
    if not locked:
        return 0, 0
    Account.objects.filter(pk__in=locked).update(unvisited_flagged_on=today)
    if not (owner.is_active and owner.email):
        return len(locked), 0

    accounts = (
        Account.objects.filter(pk__in=locked)
        .annotate(last_visited_at=Max("visits__visited_at"))
        .order_by("name", "id")
    )
    with translation.override(settings.LANGUAGE_CODE):
        count = len(locked)
        subject = ngettext(
            "KAM CRM: %(count)d account not visited for %(days)d days",
            "KAM CRM: %(count)d accounts not visited for %(days)d days",
            count,
        ) % {"count": count, "days": days}
        lines = [
            _("Hello %(name)s,") % {"name": owner.get_full_name() or owner.username},
            "",
            ngettext(
                "This account of yours has not been visited for %(days)d days or more:",
                "These accounts of yours have not been visited for %(days)d days or more:",
                count,
            )
            % {"days": days},
            "",
        ]
        for account in accounts:
            if account.last_visited_at is None:
                last = _("never visited")
            else:
                last = _("last visit %(date)s") % {
                    "date": timezone.localdate(account.last_visited_at).isoformat()
                }
            lines.append(f"- {account.name} ({last})")
        lines += ["", _("Log a visit to an account to clear its reminder."), ""]
    send_mail(subject, "\n".join(lines), None, [owner.email])
    return count, 1
