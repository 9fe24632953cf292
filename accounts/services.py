"""Writes for duty 1. Views, the API, admin actions and tasks all come through here."""

import hashlib
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, ngettext_lazy

from accounts import search
from accounts.choices import AccountStatus, PlanStatus
from accounts.models import (
    Account,
    AccountEpisode,
    Contact,
    PlanAction,
    RelationshipPlan,
    SurveyResponse,
    Visit,
)
from accounts.naming import company_name_key
from accounts.notifications import OVERDUE_ACTIONS, TEAM_UNVISITED, UNVISITED
from accounts.selectors import UNVISITED_DAYS, unvisited_accounts
from kam.dates import company_today
from kam.errors import Conflict
from kam.imports import chunked
from kam.notifications import notify
from kam.records import apply_changes, stored_value


class DuplicateAccount(Conflict):
    """The company seems to be an account already; the user may confirm and go on."""


#: How many matching accounts a duplicate warning names at most.
DUPLICATES_NAMED = 5


def duplicates_by_key(*, keys, user, exclude_pk=None) -> dict[str, tuple[list[Account], bool]]:
    """Per company-name key (``company_name_key``) that accounts have: the ones ``user`` may
    see (at most ``DUPLICATES_NAMED``), and whether there are others, which are not named:
    they are not the user's to know. Two queries per ``LOOKUP_CHUNK`` keys, so an import
    checks all its rows at once."""
    found = {}
    for chunk in chunked(set(keys)):
        same = Account.objects.filter(name_key__in=chunk).exclude(pk=exclude_pk)
        totals = dict(
            same.order_by().values("name_key").annotate(n=Count("id")).values_list("name_key", "n")
        )
        if not totals:
            continue
        visible: dict[str, list[Account]] = {}
        for account in same.visible_to(user).select_related("owner").order_by("name", "id"):
            visible.setdefault(account.name_key, []).append(account)
        for key, total in totals.items():
            shown = visible.get(key, [])
            found[key] = (shown[:DUPLICATES_NAMED], total > len(shown))
    return found


def account_duplicates(*, name: str, user, exclude_pk=None) -> tuple[list[Account], bool]:
    """``duplicates_by_key`` for one name."""
    key = company_name_key(name)
    return duplicates_by_key(keys=[key], user=user, exclude_pk=exclude_pk).get(key, ([], False))


def named_accounts(accounts) -> str:
    """Accounts as a warning names them: "Name (Owner), …"."""
    return ", ".join(f"{account.name} ({account.owner.display_name})" for account in accounts)


def check_duplicate_account(*, name: str, user, exclude_pk=None) -> None:
    visible, elsewhere = account_duplicates(name=name, user=user, exclude_pk=exclude_pk)
    if visible:
        raise DuplicateAccount(
            _("An account with this name exists: %(accounts)s. Create it anyway?")
            % {"accounts": named_accounts(visible)},
            duplicates=[{"id": account.pk, "name": account.name} for account in visible],
        )
    if elsewhere:
        raise DuplicateAccount(
            _(
                "An account with this name already exists in another team. Check with "
                "your manager before you create it, or create it anyway."
            ),
            duplicates=[],
        )


@transaction.atomic
def account_create(*, by, confirm_duplicate: bool = False, **data) -> Account:
    """A new account; one that looks like an existing company is refused unless confirmed."""
    data.setdefault("owner", by)
    if not confirm_duplicate and data.get("name"):
        check_duplicate_account(name=data["name"], user=by)
    return apply_changes(Account(), data)


@transaction.atomic
def account_update(*, account: Account, by, **data) -> Account:
    previous_name = stored_value(account, "name")
    account = apply_changes(account, data)
    if account.name != previous_name:
        search.account_renamed(account)
    return account


@transaction.atomic
def account_churn(*, account: Account, by, churned_on: date | None = None) -> Account:
    """An account that leaves is marked churned with a date; it is never deleted."""
    if account.status == AccountStatus.CHURNED:
        raise Conflict(_("This account is already churned."))
    today = company_today()
    if churned_on is not None and churned_on > today:
        raise ValidationError({"churned_on": _("The churn date cannot be in the future.")})
    return apply_changes(
        account, {"status": AccountStatus.CHURNED, "churned_on": churned_on or today}
    )


@transaction.atomic
def account_reactivate(*, account: Account, by) -> Account:
    """A churned customer comes back: a new customer relationship starts today.

    The closing one is archived as an ``AccountEpisode`` first (and stays in the account's
    history), so the retention of the quarters it covered does not change.
    """
    if account.status != AccountStatus.CHURNED:
        raise Conflict(_("Only a churned account can be reactivated."))
    if account.customer_since is not None:
        AccountEpisode.objects.update_or_create(
            account=account,
            customer_since=account.customer_since,
            defaults={"churned_on": max(account.churned_on, account.customer_since)},
        )
    return apply_changes(
        account,
        {
            "status": AccountStatus.ACTIVE,
            "churned_on": None,
            "customer_since": company_today(),
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
    return apply_changes(Contact(), data)


@transaction.atomic
def contact_update(*, contact: Contact, by, **data) -> Contact:
    account = data.get("account")
    if account is not None:
        check_contact_move(contact=contact, account=account)
    return apply_changes(contact, data)


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
    visit = apply_changes(Visit(), data)
    check_visit_contacts(account=visit.account, contacts=contacts)
    visit.contacts.set(contacts)
    visits_changed(account_ids=[visit.account_id])
    return visit


@transaction.atomic
def visit_update(*, visit: Visit, by, contacts=None, **data) -> Visit:
    previous_account_id = stored_value(visit, "account_id")
    visit = apply_changes(visit, data)
    # A visit's contacts always belong to its account, also when only the account changed.
    check_visit_contacts(
        account=visit.account, contacts=visit.contacts.all() if contacts is None else contacts
    )
    if contacts is not None:
        visit.contacts.set(contacts)
    visits_changed(account_ids=[previous_account_id, visit.account_id])
    return visit


def visits_changed(*, account_ids) -> None:
    """After visits of these accounts were written: what accounts derive from their visits.

    ``last_visited_at`` is recomputed from the visits themselves (so it stays exact when a
    visit moves in time, moves to another account, or is deleted), and a visit inside a
    reported lapse's window ends it, so the next lapse is reported. The account was
    flagged on day F because nobody visited in the ``UNVISITED_DAYS`` before F; a visit
    after F - ``UNVISITED_DAYS`` (even one logged late) ends that lapse, one backdated
    further keeps the reminder, so the owner is not told twice.
    """
    accounts = Account.objects.filter(pk__in=set(account_ids))
    latest = Visit.objects.filter(account=OuterRef("pk")).order_by("-visited_at")
    accounts.update(last_visited_at=Subquery(latest.values("visited_at")[:1]))
    accounts.filter(
        unvisited_flagged_on__isnull=False,
        visits__visited_at__date__gt=F("unvisited_flagged_on") - timedelta(days=UNVISITED_DAYS),
    ).update(unvisited_flagged_on=None)


def check_visit_contacts(*, account: Account, contacts) -> None:
    """The contacts met on a visit are people of the visited account."""
    if any(contact.account_id != account.pk for contact in contacts):
        raise ValidationError({"contacts": _("Pick contacts of the visited account only.")})


@transaction.atomic
def survey_create(*, by, **data) -> SurveyResponse:
    return apply_changes(SurveyResponse(), data)


@transaction.atomic
def survey_update(*, survey: SurveyResponse, by, **data) -> SurveyResponse:
    return apply_changes(survey, data)


@transaction.atomic
def relationship_plan_create(*, by, **data) -> RelationshipPlan:
    return apply_changes(RelationshipPlan(), data)


@transaction.atomic
def relationship_plan_update(*, plan: RelationshipPlan, by, **data) -> RelationshipPlan:
    return apply_changes(plan, data)


def check_action_owner(*, plan: RelationshipPlan, owner) -> None:
    """An action's owner sees its plan: otherwise their reminders would name an account
    they may not see (a rep of the team given a teammate's action, say)."""
    if not RelationshipPlan.objects.visible_to(owner).filter(pk=plan.pk).exists():
        raise ValidationError(
            {"owner": _("The owner of an action must be someone who can see this account.")}
        )


@transaction.atomic
def plan_action_create(*, by, **data) -> PlanAction:
    data.setdefault("owner", by)
    action = apply_changes(PlanAction(), data)
    check_action_owner(plan=action.plan, owner=action.owner)
    return action


@transaction.atomic
def plan_action_update(*, action: PlanAction, by, **data) -> PlanAction:
    action = apply_changes(action, data)
    check_action_owner(plan=action.plan, owner=action.owner)
    return action


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
    account_id = visit.account_id
    visit.delete()
    visits_changed(account_ids=[account_id])


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
    """Flag accounts in play that have gone unvisited and tell each owner (and manager) once.

    Only accounts not flagged yet are taken, and ``visit_create`` clears the flag, so a
    second run tells nobody anything and the next lapse is reported again. Each owner is
    handled in a transaction of their own: the flag and the notification are written
    together (the e-mail and webhook go out after commit), and ``once_key`` makes the
    notification itself idempotent too.
    """
    now = now or timezone.now()
    candidates = unvisited_accounts(now=now).filter(unvisited_flagged_on__isnull=True)
    if account_ids is not None:
        candidates = candidates.filter(pk__in=account_ids)
    by_owner: dict[int, list[int]] = {}
    for account_id, owner_id in candidates.values_list("pk", "owner_id"):
        by_owner.setdefault(owner_id, []).append(account_id)

    summary = {"flagged": 0, "notified": 0, "owners": 0}
    owners = get_user_model().objects.select_related("team__manager").in_bulk(list(by_owner))
    for owner_id in sorted(by_owner):
        flagged, notified = _flag_unvisited_for_owner(
            owner=owners[owner_id], account_ids=by_owner[owner_id], now=now, days=UNVISITED_DAYS
        )
        summary["flagged"] += flagged
        summary["notified"] += notified
        summary["owners"] += 1 if flagged else 0
    return summary


def _unvisited_lines(accounts) -> list[str]:
    lines = []
    for account in accounts:
        if account.last_visited_at is None:
            last = _("never visited")
        else:
            last = _("last visit %(date)s") % {
                "date": timezone.localdate(account.last_visited_at).isoformat()
            }
        lines.append(f"- {account.name} ({last})")
    return lines


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
    if not locked:
        return 0, 0
    today = timezone.localdate(now)
    Account.objects.filter(pk__in=locked).update(unvisited_flagged_on=today)
    accounts = list(Account.objects.filter(pk__in=locked).order_by("name", "id"))
    count = len(accounts)
    # The same accounts flagged the same day are the same news: told once.
    # A digest: an owner with a thousand lapsed accounts still fits the key's column.
    ids = ",".join(map(str, sorted(locked)))
    once_key = f"accounts.unvisited:{today.isoformat()}:{hashlib.sha256(ids.encode()).hexdigest()}"
    url = reverse("accounts:account-list") + "?sort=last_visit"

    def owner_body(user):
        return "\n".join(
            [
                ngettext(
                    "This account of yours has not been visited for %(days)d days or more:",
                    "These accounts of yours have not been visited for %(days)d days or more:",
                    count,
                )
                % {"days": days},
                "",
                *_unvisited_lines(accounts),
                "",
                _("Log a visit to an account to clear its reminder."),
            ]
        )

    notified = notify(
        owner,
        UNVISITED.code,
        lambda user: (
            ngettext(
                "KAM CRM: %(count)d account not visited for %(days)d days",
                "KAM CRM: %(count)d accounts not visited for %(days)d days",
                count,
            )
            % {"count": count, "days": days}
        ),
        owner_body,
        url,
        once_key=once_key,
    )
    manager = owner.team.manager if owner.team_id else None
    if manager is not None and manager.pk != owner.pk:
        team_url = reverse("accounts:account-list") + f"?owner={owner.pk}&sort=last_visit"
        notify(
            manager,
            TEAM_UNVISITED.code,
            lambda user: (
                ngettext(
                    "KAM CRM: %(count)d account of %(rep)s not visited for %(days)d days",
                    "KAM CRM: %(count)d accounts of %(rep)s not visited for %(days)d days",
                    count,
                )
                % {"count": count, "rep": owner.display_name, "days": days}
            ),
            lambda user: "\n".join(
                [
                    ngettext(
                        "This account of %(rep)s has not been visited for %(days)d days or more:",
                        "These accounts of %(rep)s have not been visited for %(days)d days "
                        "or more:",
                        count,
                    )
                    % {"rep": owner.display_name, "days": days},
                    "",
                    *_unvisited_lines(accounts),
                ]
            ),
            team_url,
            once_key=once_key,
        )
    return count, len(notified)


def plan_actions_remind_overdue(*, today: date | None = None) -> dict:
    """Tell each owner of overdue, open relationship-plan actions about them: one a day.

    The day is part of the ``once_key``, so the job may run again the same day for free.
    """
    today = today or company_today()
    overdue = (
        PlanAction.objects.overdue(today)
        .filter(owner__is_active=True)
        .exclude(plan__status__in=[PlanStatus.COMPLETED, PlanStatus.CANCELLED])
        .select_related("plan__account", "owner")
        .order_by("owner_id", "due_on", "id")
    )
    by_owner: dict[int, list[PlanAction]] = {}
    for action in overdue:
        by_owner.setdefault(action.owner_id, []).append(action)
    told = 0
    for owner_actions in by_owner.values():
        owner = owner_actions[0].owner
        # Only what the owner may see (an action kept after its account was reassigned).
        visible = set(
            PlanAction.objects.visible_to(owner)
            .filter(pk__in=[action.pk for action in owner_actions])
            .values_list("pk", flat=True)
        )
        actions = [action for action in owner_actions if action.pk in visible]
        if not actions:
            continue
        count = len(actions)

        def body(user, actions=actions):
            return "\n".join(
                _("- %(title)s (%(account)s), due %(date)s")
                % {
                    "title": action.title,
                    "account": action.plan.account.name,
                    "date": action.due_on.isoformat(),
                }
                for action in actions
            )

        told += len(
            notify(
                owner,
                OVERDUE_ACTIONS.code,
                lambda user, count=count: (
                    ngettext(
                        "KAM CRM: %(count)d relationship-plan action is overdue",
                        "KAM CRM: %(count)d relationship-plan actions are overdue",
                        count,
                    )
                    % {"count": count}
                ),
                body,
                actions[0].plan.account.get_absolute_url() + "?tab=plan",
                once_key=f"accounts.overdue_actions:{today.isoformat()}",
            )
        )
    return {"owners": len(by_owner), "notified": told}
