"""Writes for duty 7. Pages, the API, the public feedback page, admin and the reminder job
all come through here.

A session's status changes through ``session_transition`` (planned → done or cancelled;
cancelled → planned again). Feedback is recorded by ``feedback_record`` only — typed in
by the account's side or given through a feedback link (``feedback_submit``) — and each
records one ``SurveyResponse`` (source ``after_training``), so training quality shows in
the account's CSAT exactly once.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Account, Contact
from accounts.services import survey_create
from kam.choices import Role
from kam.dates import company_today, company_tz
from kam.errors import Conflict
from kam.models import User
from kam.notifications import notify
from kam.records import apply_changes
from kam.uploads import check_document, check_file_name
from kam.visibility import CHANGE, may_change
from training.choices import FEEDBACK_LINK_DAYS, SESSION_FLOW, SessionStatus
from training.models import (
    Attendance,
    FeedbackLink,
    TrainingFeedback,
    TrainingMaterial,
    TrainingSession,
)
from training.notifications import TRAINING_INVITATION, TRAINING_REMINDER
from training.tokens import InvalidToken, link_id, make_token

#: What a material may be: slides, documents, sheets, pictures.
MATERIAL_KINDS = ("pdf", "pptx", "docx", "xlsx", "png", "jpg")
#: Who may give a session: the account's team, or a department's member (Training, tech
#: support…); executives watch.
TRAINER_ROLES = (Role.REP, Role.MANAGER, Role.DEPARTMENT, Role.ADMIN)
SESSION_FIELDS = (
    "kind",
    "title",
    "topic",
    "scheduled_at",
    "duration_minutes",
    "location",
    "online_url",
    "trainer",
    "support_department",
    "agenda",
)


def max_material_bytes() -> int:
    return settings.KAM_TRAINING_FILE_MAX_MB * 1024 * 1024


def _check_may_change(session: TrainingSession, by) -> None:
    if not may_change(by, session):
        raise PermissionDenied(_("Your role may not change this session."))


def _check_account_side(session: TrainingSession, by) -> None:
    """Whom of the customer's people to invite is the account team's to say (a supporting
    department sees the invited, not the account's contacts)."""
    if not Account.objects.visible_to(by, CHANGE).filter(pk=session.account_id).exists():
        raise PermissionDenied(_("Only the account's team invites its contacts."))


def _locked(session: TrainingSession) -> TrainingSession:
    return (
        TrainingSession.objects.select_for_update(of=("self",))
        .select_related("account", "trainer", "support_department")
        .get(pk=session.pk)
    )


def _check_trainer(trainer) -> None:
    if trainer is None or not trainer.is_active or trainer.role not in TRAINER_ROLES:
        raise ValidationError(
            {"trainer": _("Choose an active colleague: a rep, a manager or a department member.")}
        )


def trainers():
    """Whom a session may name as its trainer (the forms' and the API's choices)."""
    return User.objects.filter(is_active=True, role__in=TRAINER_ROLES).order_by(
        "first_name", "last_name", "username"
    )


def _session_label(session: TrainingSession) -> str:
    when = timezone.localtime(session.scheduled_at, company_tz())
    return f"{session.title} · {session.account.name} · {when:%Y-%m-%d %H:%M}"


def _stamp(session: TrainingSession) -> int:
    """A change's mark for a notification's ``once_key``: its save, to the microsecond."""
    return int(session.updated_at.timestamp() * 1_000_000)


def _tell_trainer(session: TrainingSession, by, subject, key: str) -> None:
    if session.trainer_id == by.pk:
        return
    notify(
        session.trainer,
        TRAINING_INVITATION.code,
        subject,
        lambda recipient: session.agenda or session.topic,
        session.get_absolute_url(),
        once_key=key,
    )


# -- sessions -------------------------------------------------------------------------------


@transaction.atomic
def session_create(*, by, account: Account, **data) -> TrainingSession:
    """Plan a session on one of ``by``'s accounts (a supporting department runs what the
    account's team plans; it does not plan on accounts it cannot see)."""
    unknown = set(data) - set(SESSION_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    if not Account.objects.visible_to(by, CHANGE).filter(pk=account.pk).exists():
        raise ValidationError({"account": _("Choose one of your accounts.")})
    data.setdefault("trainer", by)
    _check_trainer(data["trainer"])
    session = TrainingSession(account=account, created_by=by, status=SessionStatus.PLANNED)
    apply_changes(session, data)
    _tell_trainer(
        session,
        by,
        lambda recipient: (
            _("You give a session: %(session)s") % {"session": _session_label(session)}
        ),
        f"training.trainer:{session.pk}:{session.trainer_id}",
    )
    return session


@transaction.atomic
def session_update(*, session: TrainingSession, by, **data) -> TrainingSession:
    """Change a planned session; its trainer hears of a new time, place or trainer."""
    unknown = set(data) - set(SESSION_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    _check_may_change(session, by)
    locked = _locked(session)
    if locked.status != SessionStatus.PLANNED:
        raise Conflict(_("Only a planned session changes; plan a cancelled one again first."))
    if "trainer" in data:
        _check_trainer(data["trainer"])
    moved = any(
        name in data and data[name] != getattr(locked, name)
        for name in ("scheduled_at", "duration_minutes", "location", "online_url")
    )
    new_trainer = "trainer" in data and data["trainer"].pk != locked.trainer_id
    apply_changes(locked, data)
    if not may_change(by, locked):
        # Undone with the transaction: one does not hand away the session one is changing.
        raise ValidationError(
            {
                "support_department": _(
                    "After this change the session would no longer be yours to run."
                )
            }
        )
    if new_trainer:
        _tell_trainer(
            locked,
            by,
            lambda recipient: (
                _("You give a session: %(session)s") % {"session": _session_label(locked)}
            ),
            f"training.trainer:{locked.pk}:{locked.trainer_id}:{_stamp(locked)}",
        )
    elif moved:
        _tell_trainer(
            locked,
            by,
            lambda recipient: _("Session moved: %(session)s") % {"session": _session_label(locked)},
            f"training.moved:{locked.pk}:{_stamp(locked)}",
        )
    return locked


def next_statuses(session: TrainingSession) -> list[str]:
    return list(SESSION_FLOW[SessionStatus(session.status)])


@transaction.atomic
def session_transition(
    *, session: TrainingSession, to_status: str, by, note: str = "", now=None
) -> TrainingSession:
    """Mark a session held (once it has started) or called off, or plan a cancelled one
    again (409 for a move its state does not allow)."""
    if to_status not in SessionStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    _check_may_change(session, by)
    now = now or timezone.now()
    locked = _locked(session)
    before = SessionStatus(locked.status)
    if to_status not in SESSION_FLOW[before]:
        raise Conflict(
            _("A session that is %(current)s cannot become %(target)s.")
            % {"current": before.label, "target": SessionStatus(to_status).label},
            allowed=next_statuses(locked),
        )
    if to_status == SessionStatus.DONE and locked.scheduled_at > now:
        raise ValidationError({"status": _("A session is marked done once it has started.")})
    locked.status = to_status
    locked.status_note = (note or "").strip()
    apply_changes(locked, {})
    if to_status == SessionStatus.CANCELLED:
        _tell_trainer(
            locked,
            by,
            lambda recipient: (
                _("Session called off: %(session)s") % {"session": _session_label(locked)}
            ),
            f"training.cancelled:{locked.pk}:{_stamp(locked)}",
        )
    return locked


# -- attendance -----------------------------------------------------------------------------


@transaction.atomic
def attendance_invite(*, session: TrainingSession, by, contacts) -> list[Attendance]:
    """Invite contacts of the session's account (an invited one is left as is)."""
    _check_account_side(session, by)
    locked = _locked(session)
    if locked.status == SessionStatus.CANCELLED:
        raise Conflict(_("Nobody is invited to a cancelled session."))
    contacts = list({contact.pk: contact for contact in contacts}.values())
    if any(contact.account_id != locked.account_id for contact in contacts):
        raise ValidationError({"contacts": _("Invite contacts of the session's account only.")})
    invited = set(locked.attendances.values_list("contact_id", flat=True))
    created = [
        Attendance.objects.create(session=locked, contact=contact)
        for contact in contacts
        if contact.pk not in invited
    ]
    return created


@transaction.atomic
def attendance_record(*, session: TrainingSession, by, attended: dict[int, bool | None], now=None):
    """Record who came (contact id → True, False, or None for not taken) once the session
    has started; ids of people not invited are refused."""
    _check_may_change(session, by)
    now = now or timezone.now()
    locked = _locked(session)
    if locked.status == SessionStatus.CANCELLED:
        raise Conflict(_("Nobody attends a cancelled session."))
    if locked.scheduled_at > now:
        raise ValidationError({"attended": _("Attendance is taken once the session has started.")})
    rows = {row.contact_id: row for row in locked.attendances.all()}
    unknown = set(attended) - set(rows)
    if unknown:
        raise ValidationError({"attended": _("Only invited contacts attend; invite them first.")})
    changed = []
    for contact_id, value in attended.items():
        row = rows[contact_id]
        if row.attended != value:
            row.attended = value
            row.save(update_fields=["attended"])
            changed.append(row)
    return changed


# -- materials --------------------------------------------------------------------------------


@transaction.atomic
def material_add(*, session: TrainingSession, by, title: str, file) -> TrainingMaterial:
    """Upload slides or a handout for a session (checked by kind, size and content)."""
    _check_may_change(session, by)
    try:
        kind = check_document(file, MATERIAL_KINDS, max_material_bytes())
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    material = TrainingMaterial(
        session=session,
        title=(title or "").strip() or file.name.rsplit(".", 1)[0],
        file_name=check_file_name(file.name),
        file_type=kind.extension,
        file_size=file.size,
        uploaded_by=by,
    )
    # Valid before its file is written: a refused material leaves nothing on disk.
    material.full_clean(exclude=["file"])
    material.file.save(file.name, file, save=False)
    material.save()
    material.sessions.add(session)
    return material


@transaction.atomic
def material_attach(*, session: TrainingSession, by, material: TrainingMaterial) -> None:
    """Use a material one may see in another session too (the file is shared, not copied)."""
    _check_may_change(session, by)
    if not TrainingMaterial.objects.visible_to(by).filter(pk=material.pk).exists():
        raise ValidationError({"material": _("Choose a material you can see.")})
    material.sessions.add(session)


@transaction.atomic
def material_detach(*, session: TrainingSession, by, material: TrainingMaterial) -> None:
    """Take a material off a session's list (the file stays, for the sessions using it)."""
    _check_may_change(session, by)
    material.sessions.remove(session)


# -- feedback ---------------------------------------------------------------------------------


def _record(session, *, score, comments, contact, submitted_on, entered_by, link):
    if session.status != SessionStatus.DONE:
        raise Conflict(_("Feedback is given once the session is done."))
    if contact is not None and contact.account_id != session.account_id:
        raise ValidationError({"contact": _("The contact must belong to the session's account.")})
    if contact is not None and session.feedback.filter(contact=contact).exists():
        raise Conflict(_("This contact has given feedback on this session already."))
    survey = survey_create(
        by=entered_by,
        account=session.account,
        contact=contact,
        received_on=submitted_on,
        score=score,
        comment=comments,
        source="after_training",
    )
    feedback = TrainingFeedback(
        session=session,
        contact=contact,
        score=score,
        comments=comments,
        submitted_on=submitted_on,
        entered_by=entered_by,
        link=link,
        survey=survey,
    )
    try:
        with transaction.atomic():
            return apply_changes(feedback, {})
    except IntegrityError as error:  # the same contact's feedback, a moment earlier
        raise Conflict(_("This contact has given feedback on this session already.")) from error


@transaction.atomic
def feedback_record(
    *,
    session: TrainingSession,
    by,
    score: int,
    comments: str = "",
    contact: Contact | None = None,
    submitted_on=None,
) -> TrainingFeedback:
    """Type in an attendee's feedback (a score of 1–5 and comments) on a done session; it
    is also a survey response (``after_training``) of the account. A named contact must
    have been invited."""
    _check_may_change(session, by)
    if contact is not None and not session.attendances.filter(contact=contact).exists():
        raise ValidationError({"contact": _("Choose one of the people invited.")})
    locked = _locked(session)
    return _record(
        locked,
        score=score,
        comments=(comments or "").strip(),
        contact=contact,
        submitted_on=submitted_on or company_today(),
        entered_by=by,
        link=None,
    )


@transaction.atomic
def feedback_links_create(
    *, session: TrainingSession, by, contacts=None, anonymous: int = 0, now=None
) -> list[tuple[FeedbackLink, str]]:
    """Make feedback links for a done session: one per contact named (attendees without a
    link or feedback yet, by default) plus ``anonymous`` links for people not on the list.
    Returns each link with its token (shown once: the token is not stored)."""
    _check_may_change(session, by)
    now = now or timezone.now()
    locked = _locked(session)
    if locked.status != SessionStatus.DONE:
        raise Conflict(_("Feedback links are made once the session is done."))
    if contacts is None:
        answered = locked.feedback.exclude(contact=None).values("contact_id")
        linked = locked.feedback_links.exclude(contact=None).values("contact_id")
        contacts = [
            row.contact
            for row in locked.attendances.filter(attended=True)
            .exclude(contact_id__in=answered)
            .exclude(contact_id__in=linked)
            .select_related("contact")
        ]
    contacts = list(contacts)
    if any(contact.account_id != locked.account_id for contact in contacts):
        raise ValidationError({"contacts": _("The contacts must belong to the session's account.")})
    if not 0 <= anonymous <= 100:
        raise ValidationError({"anonymous": _("Make between 0 and 100 links at a time.")})
    expires_at = now + timedelta(days=FEEDBACK_LINK_DAYS)
    links = [
        FeedbackLink.objects.create(
            session=locked, contact=contact, created_by=by, expires_at=expires_at
        )
        for contact in [*contacts, *([None] * anonymous)]
    ]
    return [(link, make_token(link)) for link in links]


def link_for_token(token: str) -> FeedbackLink:
    """The link a token names, or ``InvalidToken``: tampered, not ours, or past its days."""
    pk = link_id(token, max_age=timedelta(days=FEEDBACK_LINK_DAYS))
    link = FeedbackLink.objects.select_related("session", "contact").filter(pk=pk).first()
    if link is None:
        raise InvalidToken("bad")
    return link


def link_state(link: FeedbackLink, now=None) -> str:
    """``open``, ``used`` or ``expired``."""
    now = now or timezone.now()
    if link.used_at is not None:
        return "used"
    if link.expires_at <= now:
        return "expired"
    return "open"


@transaction.atomic
def feedback_submit(*, token: str, score: int, comments: str = "", now=None) -> TrainingFeedback:
    """A customer's feedback through a link: once per link, before it expires."""
    now = now or timezone.now()
    link = link_for_token(token)
    link = FeedbackLink.objects.select_for_update().get(pk=link.pk)
    state = link_state(link, now)
    if state == "used":
        raise Conflict(_("This link has been used: thank you, your feedback is recorded."))
    if state == "expired":
        raise Conflict(_("This link has expired. Ask your contact for a new one."))
    session = _locked(link.session)
    feedback = _record(
        session,
        score=score,
        comments=(comments or "").strip(),
        contact=link.contact,
        submitted_on=company_today(now),
        entered_by=None,
        link=link,
    )
    link.used_at = now
    link.save(update_fields=["used_at"])
    return feedback


# -- the reminder job --------------------------------------------------------------------------


def sessions_remind(*, today=None) -> int:
    """The day before a planned session, its trainer and the supporting department hear
    of it, once (``once_key``); returns how many sessions were announced on this run."""
    today = today or company_today()
    tomorrow = today + timedelta(days=1)
    tz = company_tz()
    start = datetime.combine(tomorrow, time.min, tzinfo=tz)
    sessions = (
        TrainingSession.objects.filter(
            status=SessionStatus.PLANNED,
            scheduled_at__gte=start,
            scheduled_at__lt=start + timedelta(days=1),
        )
        .select_related("account", "trainer", "support_department")
        .order_by("scheduled_at", "id")
    )
    count = 0
    for session in sessions:
        recipients = [session.trainer] if session.trainer.is_active else []
        if session.support_department is not None:
            recipients.append(session.support_department)
        if not recipients:
            continue
        told = notify(
            recipients,
            TRAINING_REMINDER.code,
            lambda recipient, session=session: (
                _("Tomorrow: %(session)s") % {"session": _session_label(session)}
            ),
            lambda recipient, session=session: session.location or session.online_url,
            session.get_absolute_url(),
            once_key=f"training.reminder:{session.pk}:{tomorrow.isoformat()}",
        )
        count += bool(told)
    return count
