"""Writes for duty 6. Pages, the API, admin and the renewal job all come through here.

Two rules live only here. A contract's status changes through ``contract_transition``
(what a person may do) and ``_move`` (what review and the calendar do), each change a
history row with its note. Review goes in rounds: ``contract_submit_for_review`` opens
one review per required department (``KAM_CONTRACT_REVIEWERS``) on the latest version;
the contract is approved when every review of the round approves, and returned to
negotiation when one asks for changes or rejects. A round that ends without approval —
returned, withdrawn, or overtaken by a new version — is superseded, its reviews kept.
"""

import calendar
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Account
from contracts.choices import (
    CONTRACT_FLOW,
    DECISIONS,
    FINAL,
    OPEN_TERMS,
    RENEWAL_THRESHOLDS,
    UNDER_REVIEW,
    ContractStatus,
    Decision,
    ReviewState,
)
from contracts.models import Contract, ContractReview, ContractVersion, NegotiationRecord
from contracts.notifications import (
    CONTRACT_RENEWAL,
    CONTRACT_REVIEW_DECIDED,
    CONTRACT_REVIEW_REQUESTED,
)
from kam.bounds import check_business_date
from kam.choices import Role
from kam.dates import company_today
from kam.errors import Conflict
from kam.models import Department
from kam.notifications import notify
from kam.records import apply_changes
from kam.uploads import KINDS, check_document, check_file_name
from kam.visibility import CHANGE, assignable_owners, may_change

#: What a contract version's file may be.
FILE_KINDS = ("pdf", "docx")


def max_file_bytes() -> int:
    return settings.KAM_CONTRACT_FILE_MAX_MB * 1024 * 1024


def required_departments() -> list[Department]:
    """The departments whose reviews a contract needs (``KAM_CONTRACT_REVIEWERS``)."""
    codes = list(settings.KAM_CONTRACT_REVIEWERS)
    departments = {
        department.code: department for department in Department.objects.filter(code__in=codes)
    }
    missing = [code for code in codes if code not in departments]
    if missing or not codes:
        raise ValidationError(
            _("Contract review is set up with unknown departments: %(codes)s.")
            % {"codes": ", ".join(missing) or "—"}
        )
    return [departments[code] for code in codes]


# -- access ----------------------------------------------------------------------------------


def _check_may_change(contract: Contract, by) -> None:
    if not may_change(by, contract):
        raise PermissionDenied(_("Your role may not change this contract."))


def _locked(contract: Contract) -> Contract:
    """``contract`` re-read under a row lock: two decisions at once cannot both approve."""
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("account", "owner__team__manager", "latest_version")
        .get(pk=contract.pk)
    )


def _owner_for(by, account: Account, owner):
    """Who owns a new contract: the one chosen (someone ``by`` may assign records to, or
    the account's owner), else ``by`` when they keep accounts, else the account's owner."""
    if owner is None:
        return by if by.role in (Role.REP, Role.MANAGER) else account.owner
    if owner.pk != account.owner_id and not assignable_owners(by).filter(pk=owner.pk).exists():
        raise ValidationError(
            {"owner": _("Choose yourself, one of your reps or the account's owner.")}
        )
    return owner


def _save(contract: Contract) -> Contract:
    apply_changes(contract, {})
    return contract


def _move(contract: Contract, status: str, note: str = "", **fields) -> None:
    """Change the status of a locked ``contract`` (one history row, with its note)."""
    contract.status = status
    contract.status_note = (note or "").strip()
    for name, value in fields.items():
        setattr(contract, name, value)
    _save(contract)


# -- contracts -------------------------------------------------------------------------------


@transaction.atomic
def contract_create(
    *,
    by,
    account: Account,
    number: str,
    title: str,
    value,
    starts_on,
    ends_on,
    currency: str = "CNY",
    owner=None,
    body: str = "",
    file=None,
    change_summary: str = "",
) -> Contract:
    """A draft contract on one of ``by``'s accounts, with its first version when a text or
    a file is given."""
    if not Account.objects.visible_to(by, CHANGE).filter(pk=account.pk).exists():
        raise ValidationError({"account": _("Choose one of your accounts.")})
    contract = Contract(
        account=account,
        number=number,
        title=title,
        value=value,
        currency=currency,
        starts_on=starts_on,
        ends_on=ends_on,
        owner=_owner_for(by, account, owner),
        status=ContractStatus.DRAFT,
    )
    _save(contract)
    if body.strip() or file is not None:
        version_add(contract=contract, by=by, body=body, file=file, change_summary=change_summary)
        # Saved again with its first version: answer what the database holds.
        contract.refresh_from_db()
    return contract


#: What changes the terms under review: only while the contract is a draft or negotiated.
TERMS = ("number", "value", "currency", "starts_on", "ends_on")
UPDATABLE = ("title", "owner", *TERMS)


@transaction.atomic
def contract_update(*, contract: Contract, by, **data) -> Contract:
    """Change a contract's title, owner or terms. The terms (number, value, currency and
    dates) change only while it is a draft or negotiated: what legal and finance review
    or approved stays as they saw it, so a change takes it back to negotiation first."""
    unknown = set(data) - set(UPDATABLE)
    if unknown:
        raise ValidationError(
            {name: _("This field changes through its own action.") for name in sorted(unknown)}
        )
    _check_may_change(contract, by)
    locked = _locked(contract)
    if locked.status in FINAL:
        raise Conflict(_("An expired or terminated contract is not changed."))
    changed_terms = [name for name in TERMS if name in data and data[name] != getattr(locked, name)]
    if changed_terms and locked.status not in OPEN_TERMS:
        raise Conflict(
            _(
                "The terms of a contract in review, approved or signed stay as reviewed: take "
                "it back to negotiation to change them."
            ),
            fields=changed_terms,
        )
    if "owner" in data and data["owner"].pk != locked.owner_id:
        data["owner"] = _owner_for(by, locked.account, data["owner"])
    if "ends_on" in changed_terms:
        locked.renewal_notice = None
        Contract.objects.filter(pk=locked.pk).update(renewal_notice=None)
    for name, value in data.items():
        setattr(locked, name, value)
    return _save(locked)


def next_statuses(contract: Contract) -> list[str]:
    """The statuses a person may move ``contract`` to now."""
    allowed = list(CONTRACT_FLOW[ContractStatus(contract.status)])
    if ContractStatus.EXPIRED in allowed and contract.ends_on >= company_today():
        allowed.remove(ContractStatus.EXPIRED)
    return allowed


@transaction.atomic
def contract_transition(
    *, contract: Contract, to_status: str, by, note: str = "", signed_on=None
) -> Contract:
    """Move ``contract`` to ``to_status`` as a person: start negotiating, withdraw it from
    review (or reopen an approved one), sign it (with ``signed_on``), let it expire once
    its term is over, or terminate it (saying why). 409 for a move its state does not
    allow; review and approval come from ``contract_submit_for_review`` and the reviews."""
    if to_status not in ContractStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    _check_may_change(contract, by)
    locked = _locked(contract)
    before = ContractStatus(locked.status)
    allowed = next_statuses(locked)
    if to_status not in allowed:
        if to_status in (ContractStatus.IN_REVIEW, ContractStatus.APPROVED):
            message = _(
                "A contract goes into review by submitting it, and is approved by its reviews."
            )
        elif to_status == ContractStatus.EXPIRED and before == ContractStatus.SIGNED:
            message = _("A contract expires after its last day (%(date)s).") % {
                "date": locked.ends_on.isoformat()
            }
        else:
            message = _("A contract that is %(current)s cannot become %(target)s.") % {
                "current": before.label,
                "target": ContractStatus(to_status).label,
            }
        raise Conflict(message, allowed=allowed)
    note = (note or "").strip()
    fields = {}
    if to_status == ContractStatus.SIGNED:
        if signed_on is None:
            raise ValidationError({"signed_on": _("Say when the contract was signed.")})
        try:
            check_business_date(
                signed_on, label_future=_("A contract is not signed in the future.")
            )
        except ValidationError as error:
            raise ValidationError({"signed_on": error.messages}) from error
        fields["signed_on"] = signed_on
    if to_status == ContractStatus.TERMINATED and not note:
        raise ValidationError({"note": _("Say why the contract is terminated.")})
    if to_status == ContractStatus.NEGOTIATING and before in UNDER_REVIEW:
        _end_round(locked, timezone.now())
        fields["review_state"] = ReviewState.RETURNED
    elif to_status == ContractStatus.TERMINATED and before == ContractStatus.IN_REVIEW:
        # Nobody reviews a contract that will not be signed: the round ends with it.
        _end_round(locked, timezone.now())
    _move(locked, to_status, note, **fields)
    return locked


def _add_months(day, months: int):
    """``day`` moved by whole ``months`` (the 31st becomes the month's last day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))


def next_term_end(starts_on, ends_on, next_start):
    """The last day of a term as long as ``starts_on``–``ends_on`` beginning ``next_start``:
    whole months stay whole months (a calendar year renews to the next calendar year,
    leap day or not); any other term keeps its number of days."""
    after = ends_on + timedelta(days=1)
    months = (after.year - starts_on.year) * 12 + after.month - starts_on.month
    if months > 0 and _add_months(starts_on, months) == after:
        return _add_months(next_start, months) - timedelta(days=1)
    return next_start + timedelta(days=(ends_on - starts_on).days)


@transaction.atomic
def contract_renew(*, contract: Contract, by, number: str, note: str = "") -> Contract:
    """Start the renewal of a signed (or expired) contract: a new draft on the same account
    for the next term of the same length, with the last version's text to work from."""
    _check_may_change(contract, by)
    locked = _locked(contract)
    if locked.status not in (ContractStatus.SIGNED, ContractStatus.EXPIRED):
        raise Conflict(_("A contract is renewed once it is signed."))
    pending = locked.renewals.exclude(status=ContractStatus.TERMINATED).first()
    if pending is not None:
        raise Conflict(
            _("Its renewal is under way already: %(number)s.") % {"number": pending.number},
            renewal=pending.pk,
        )
    starts_on = locked.ends_on + timedelta(days=1)
    ends_on = next_term_end(locked.starts_on, locked.ends_on, starts_on)
    renewal = Contract(
        account=locked.account,
        number=number,
        title=locked.title,
        value=locked.value,
        currency=locked.currency,
        starts_on=starts_on,
        ends_on=ends_on,
        owner=locked.owner if locked.owner.is_active else _owner_for(by, locked.account, None),
        status=ContractStatus.DRAFT,
        renewal_of=locked,
    )
    _save(renewal)
    last = locked.latest_version
    if last is not None and last.body:
        version_add(
            contract=renewal,
            by=by,
            body=last.body,
            change_summary=note
            or _("Renewal of %(number)s, from its version %(no)d.")
            % {"number": locked.number, "no": last.version_no},
        )
    return renewal


def takes_versions(contract: Contract) -> bool:
    """Whether a new version may be added (not once signed, expired or terminated)."""
    return contract.status not in (*FINAL, ContractStatus.SIGNED)


def file_kind(version: ContractVersion):
    """What a version's file is (its content type for a download)."""
    return KINDS[version.file_type]


# -- versions ----------------------------------------------------------------------------------


@transaction.atomic
def version_add(*, contract: Contract, by, body: str = "", file=None, change_summary: str = ""):
    """Add the next version of the contract's text (a PDF or DOCX file, a text, or both).
    Versions are never changed. A contract in review or approved goes back into review
    with the new version (the round on the old one is superseded)."""
    _check_may_change(contract, by)
    body = (body or "").strip("\n")
    errors = {}
    kind = None
    if file is not None:
        try:
            kind = check_document(file, FILE_KINDS, max_file_bytes())
        except ValidationError as error:
            errors["file"] = error.messages
    if not body.strip() and file is None and "file" not in errors:
        errors["body"] = [_("Upload the contract's file or write its text.")]
    if errors:
        raise ValidationError(errors)
    locked = _locked(contract)
    if not takes_versions(locked):
        raise Conflict(
            _("A signed, expired or terminated contract keeps its text: renew it instead.")
        )
    previous = locked.latest_version
    if file is None and previous is not None and not previous.file and previous.body == body:
        raise ValidationError(
            {"body": _("The text is the same as version %(no)d.") % {"no": previous.version_no}}
        )
    version = ContractVersion(
        contract=locked,
        version_no=(previous.version_no if previous else 0) + 1,
        body=body,
        change_summary=(change_summary or "").strip(),
        created_by=by,
    )
    if file is not None:
        version.file_name = check_file_name(file.name)
        version.file_type = kind.extension
        version.file_size = file.size
        version.file.save(file.name, file, save=False)
    version.full_clean(exclude=["file"])
    version.save()
    locked.latest_version = version
    if locked.status in UNDER_REVIEW:
        now = timezone.now()
        _end_round(locked, now)
        _open_round(locked, by, now)
        _move(
            locked,
            ContractStatus.IN_REVIEW,
            _("Version %(no)d reopened the review.") % {"no": version.version_no},
            review_state=ReviewState.PENDING,
        )
    else:
        _save(locked)
    contract.latest_version = version
    return version


# -- negotiation ------------------------------------------------------------------------------

NEGOTIATION_FIELDS = ("held_on", "participants", "topics", "concessions", "outcome", "next_steps")


@transaction.atomic
def negotiation_add(*, contract: Contract, by, **data) -> NegotiationRecord:
    """Record a round of negotiation; the first one starts a draft's negotiation."""
    unknown = set(data) - set(NEGOTIATION_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    _check_may_change(contract, by)
    locked = _locked(contract)
    if locked.status in FINAL:
        raise Conflict(_("An expired or terminated contract is not negotiated any more."))
    record = NegotiationRecord(contract=locked, recorded_by=by, **data)
    apply_changes(record, {})
    if locked.status == ContractStatus.DRAFT:
        _move(locked, ContractStatus.NEGOTIATING, _("The first negotiation round was recorded."))
    return record


@transaction.atomic
def negotiation_update(*, record: NegotiationRecord, by, **data) -> NegotiationRecord:
    """Correct what a round says (its history keeps what it said before)."""
    unknown = set(data) - set(NEGOTIATION_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    if not may_change(by, record):
        raise PermissionDenied(_("Your role may not change this record."))
    return apply_changes(record, data)


# -- review -----------------------------------------------------------------------------------


def _open_round(contract: Contract, by, now) -> list[ContractReview]:
    reviews = []
    for department in required_departments():
        review = ContractReview(
            contract=contract,
            version=contract.latest_version,
            department=department,
            requested_by=by,
            requested_at=now,
        )
        review.full_clean()
        review.save()
        reviews.append(review)
        notify(
            department,
            CONTRACT_REVIEW_REQUESTED.code,
            lambda recipient, review=review: (
                _("Contract to review: %(contract)s") % {"contract": _contract_label(contract)}
            ),
            lambda recipient: (
                _("Version %(no)d, %(value)s %(currency)s, %(start)s – %(end)s.")
                % {
                    "no": contract.latest_version.version_no,
                    "value": f"{contract.value:,.2f}",
                    "currency": contract.currency,
                    "start": contract.starts_on.isoformat(),
                    "end": contract.ends_on.isoformat(),
                }
            ),
            review.get_absolute_url(),
            once_key=f"contracts.review_requested:{review.pk}",
        )
    return reviews


def _end_round(contract: Contract, now) -> int:
    """Supersede the current round's reviews (their decisions are kept)."""
    ended = 0
    for review in contract.reviews.filter(superseded_at__isnull=True):
        review.superseded_at = now
        review.save(update_fields=["superseded_at"])
        ended += 1
    return ended


@transaction.atomic
def contract_submit_for_review(*, contract: Contract, by, note: str = "") -> list[ContractReview]:
    """Send the latest version to every required department for review."""
    _check_may_change(contract, by)
    locked = _locked(contract)
    if locked.status not in OPEN_TERMS:
        raise Conflict(
            _("Only a draft or a contract in negotiation is submitted for review."),
            allowed=next_statuses(locked),
        )
    if locked.latest_version is None:
        raise Conflict(_("Add the contract's text or file before submitting it for review."))
    now = timezone.now()
    reviews = _open_round(locked, by, now)
    _move(locked, ContractStatus.IN_REVIEW, note, review_state=ReviewState.PENDING)
    return reviews


def may_decide(user, review: ContractReview) -> bool:
    """Whether ``user`` decides ``review``: a member of its department."""
    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.DEPARTMENT
        and user.department_id == review.department_id
    )


@transaction.atomic
def review_decide(
    *, review: ContractReview, by, decision: str, comments: str = "", now=None
) -> ContractReview:
    """A department's decision on its review. All of the round approved: the contract is
    approved. Changes requested or rejected: it goes back to negotiation, and the round's
    other reviews are superseded (the next version is reviewed afresh)."""
    if decision not in DECISIONS:
        raise ValidationError({"decision": _("Decide approved, changes_requested or rejected.")})
    if not may_decide(by, review):
        raise PermissionDenied(_("Only a member of the reviewing department decides this review."))
    comments = (comments or "").strip()
    if decision != Decision.APPROVED and not comments:
        raise ValidationError({"comments": _("Say what must change, or why it is rejected.")})
    now = now or timezone.now()
    contract = _locked(review.contract)
    review = ContractReview.objects.select_related("department", "version").get(pk=review.pk)
    if review.superseded_at is not None or contract.status != ContractStatus.IN_REVIEW:
        raise Conflict(_("This review was superseded: the contract has moved on since."))
    if review.decision != Decision.PENDING:
        raise Conflict(_("This review is decided already."))
    review.decision = decision
    review.comments = comments
    review.reviewer = by
    review.decided_at = now
    review.save()
    if decision == Decision.APPROVED:
        if not contract.reviews.current().exclude(decision=Decision.APPROVED).exists():
            _move(
                contract,
                ContractStatus.APPROVED,
                _("Every review approved version %(no)d.") % {"no": review.version.version_no},
                review_state=ReviewState.APPROVED,
            )
    else:
        _end_round(contract, now)
        _move(
            contract,
            ContractStatus.NEGOTIATING,
            _("%(department)s: %(decision)s.")
            % {"department": review.department, "decision": Decision(decision).label},
            review_state=ReviewState.RETURNED,
        )
    notify(
        contract.owner,
        CONTRACT_REVIEW_DECIDED.code,
        lambda recipient: (
            _("%(department)s: %(decision)s — %(contract)s")
            % {
                "department": review.department,
                "decision": Decision(decision).label,
                "contract": _contract_label(contract),
            }
        ),
        comments,
        review.get_absolute_url(),
        once_key=f"contracts.review_decided:{review.pk}",
    )
    return review


# -- the daily job ------------------------------------------------------------------------------


def contracts_check_renewals(*, today=None) -> dict:
    """Expire the contracts past their last day, and tell the owners (and their managers)
    of the signed contracts ending in 90, 60 and 30 days, once per threshold and end date.

    A contract first seen closer than a threshold is told the closest one only (one
    signed 20 days before its end hears "30 days", not three reminders at once).
    """
    today = today or company_today()
    summary = {"expired": 0, "reminded": 0}
    ending = Contract.objects.filter(
        status__in=(ContractStatus.SIGNED, ContractStatus.APPROVED), ends_on__lt=today
    ).values_list("pk", flat=True)
    for pk in list(ending):
        if _expire(pk, today):
            summary["expired"] += 1
    for threshold in sorted(RENEWAL_THRESHOLDS):
        due = (
            Contract.objects.filter(
                status=ContractStatus.SIGNED,
                ends_on__gte=today,
                ends_on__lte=today + timedelta(days=threshold),
            )
            .exclude(renewal_notice__lte=threshold)
            .values_list("pk", flat=True)
        )
        for pk in list(due):
            if _remind(pk, threshold, today):
                summary["reminded"] += 1
    return summary


@transaction.atomic
def _expire(pk: int, today) -> bool:
    contract = Contract.objects.select_for_update(of=("self",)).get(pk=pk)
    if contract.status not in (ContractStatus.SIGNED, ContractStatus.APPROVED) or (
        contract.ends_on >= today
    ):
        return False  # it moved meanwhile
    _move(
        contract,
        ContractStatus.EXPIRED,
        _("The term ended on %(date)s.") % {"date": contract.ends_on.isoformat()},
    )
    return True


def renewal_recipients(contract: Contract) -> list:
    owner = contract.owner
    people = [owner]
    manager = owner.team.manager if owner.team_id else None
    if manager is not None and manager.pk != owner.pk:
        people.append(manager)
    return [person for person in people if person.is_active]


@transaction.atomic
def _remind(pk: int, threshold: int, today) -> bool:
    contract = (
        Contract.objects.select_for_update(of=("self",))
        .select_related("account", "owner__team__manager")
        .get(pk=pk)
    )
    days_left = (contract.ends_on - today).days
    if contract.status != ContractStatus.SIGNED or not 0 <= days_left <= threshold:
        return False
    if contract.renewal_notice is not None and contract.renewal_notice <= threshold:
        return False
    Contract.objects.filter(pk=pk).update(renewal_notice=threshold)
    notify(
        renewal_recipients(contract),
        CONTRACT_RENEWAL.code,
        lambda recipient: (
            ngettext(
                "Ends in %(days)d day: %(contract)s",
                "Ends in %(days)d days: %(contract)s",
                days_left,
            )
            % {"days": days_left, "contract": _contract_label(contract)}
        ),
        lambda recipient: (
            _("%(title)s ends on %(date)s. Start its renewal from the contract's page.")
            % {"title": contract.title, "date": contract.ends_on.isoformat()}
        ),
        contract.get_absolute_url(),
        once_key=f"contracts.renewal:{pk}:{threshold}:{contract.ends_on.isoformat()}",
    )
    return True


def _contract_label(contract: Contract) -> str:
    return f"{contract.number} {contract.account.name}"
