"""Writes for duty 4. Pages, the API, admin and the SLA job all come through here.

Two rules live only here: routing (``route``: a category's department when the rep names
none) and the ticket's life with its clock (``ticket_transition``), which every status
change, reopening included, goes through and records as a ``TicketEvent``.

The clock, in open time: ``due_at = opened_at + the priority's hours + the stops``.
It stops while the ticket waits on the customer and between a resolution and a
reopening; each stop, when it ends, is added to ``paused_seconds`` and moves ``due_at``
(and the 75 % warning, ``warn_at``) later by exactly its length. When the priority's
``SlaPolicy`` has a business calendar, the hours, the stops and the warning are all
counted in its working time (``tickets.business_hours``): the ticket keeps that calendar
(``sla_calendar``) and the stops in business seconds (``clock_paused_seconds``), while
``paused_seconds`` stays wall time for the KPI's resolution hours.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Account, Contact
from accounts.services import survey_create
from kam.choices import Role
from kam.dates import company_today
from kam.errors import Conflict
from kam.models import Department, User
from kam.notifications import notify
from kam.records import apply_changes
from kam.visibility import CHANGE, may_change
from tickets.business_hours import NoWorkingTime, add_business_time, business_time_between
from tickets.choices import (
    AT_RISK_SHARE,
    DEFAULT_RESOLUTION_HOURS,
    DONE,
    TICKET_FLOW,
    EventKind,
    SlaMark,
    SlaState,
    TicketStatus,
)
from tickets.models import BusinessCalendar, RoutingRule, SlaPolicy, Ticket, TicketEvent
from tickets.notifications import TICKET_ROUTED, TICKET_SLA, TICKET_UPDATED
from tickets.querysets import sla_q

# -- routing and the SLA's length ----------------------------------------------------------


def route(category: str) -> Department:
    """The department a ticket of ``category`` goes to (its ``RoutingRule``)."""
    rule = RoutingRule.objects.select_related("department").filter(category=category).first()
    if rule is None:
        raise ValidationError(
            {"department": _("No routing rule sends this category anywhere: choose a department.")}
        )
    return rule.department


def sla_policy_for(priority: str) -> tuple[int, BusinessCalendar | None]:
    """The priority's hours and calendar (48 h round the clock where an admin removed it)."""
    policy = SlaPolicy.objects.select_related("calendar").filter(priority=priority).first()
    if policy is None:
        return DEFAULT_RESOLUTION_HOURS, None
    return policy.resolution_hours, policy.calendar


def resolution_hours_for(priority: str) -> int:
    """The priority's hours alone (the demo's tickets count round the clock)."""
    return sla_policy_for(priority)[0]


def _later(ticket: Ticket, instant, seconds: float):
    """``instant`` moved ``seconds`` later on the ticket's clock."""
    if ticket.sla_calendar_id is None:
        return instant + timedelta(seconds=seconds)
    try:
        return add_business_time(instant, seconds, ticket.sla_calendar)
    except NoWorkingTime as error:
        raise ValidationError(
            _("The SLA's business calendar %(calendar)s has no working time.")
            % {"calendar": ticket.sla_calendar.code}
        ) from error


def _start_clock(ticket: Ticket, now) -> None:
    """``due_at`` and ``warn_at`` from the opening, the priority's hours and calendar, and
    the stops so far (a priority changed later keeps the calendar the ticket opened with,
    whose stops are already measured)."""
    hours, calendar = sla_policy_for(ticket.priority)
    if ticket.pk is None:
        ticket.sla_calendar = calendar
    allowed = hours * 3600
    ticket.due_at = _later(ticket, ticket.opened_at, allowed + ticket.clock_paused_seconds)
    ticket.warn_at = _later(
        ticket, ticket.opened_at, allowed * AT_RISK_SHARE + ticket.clock_paused_seconds
    )
    _rearm(ticket, now)


def _resume_clock(ticket: Ticket, stopped_at, now) -> None:
    """End a stop that began at ``stopped_at``: its length on the clock moves the deadlines
    later (with a calendar, only the working time it covered)."""
    wall = int(max(now - stopped_at, timedelta(0)).total_seconds())
    ticket.paused_seconds += wall
    if ticket.sla_calendar_id is None:
        stop = wall
    else:
        stop = business_time_between(stopped_at, max(now, stopped_at), ticket.sla_calendar)
    ticket.clock_paused_seconds += int(stop)
    ticket.due_at = _later(ticket, ticket.due_at, int(stop))
    ticket.warn_at = _later(ticket, ticket.warn_at, int(stop))
    _rearm(ticket, now)


def _rearm(ticket: Ticket, now) -> None:
    """After the deadlines moved: a threshold the ticket is still past stays reported, one
    it is back before is reported again when it is crossed again."""
    if now < ticket.warn_at:
        ticket.sla_mark = SlaMark.NONE
    elif now < ticket.due_at and ticket.sla_mark == SlaMark.BREACHED:
        ticket.sla_mark = SlaMark.AT_RISK


# -- who is who on a ticket ----------------------------------------------------------------


def is_department_side(user, ticket: Ticket) -> bool:
    """Whether ``user`` answers ``ticket`` for its department (their actions are responses)."""
    return user.role == Role.DEPARTMENT and user.department_id == ticket.department_id


def account_side(ticket: Ticket) -> list[User]:
    """Who hears about a ticket for the customer: the account's owner and whoever raised it."""
    people = {ticket.account.owner_id: ticket.account.owner, ticket.raised_by_id: ticket.raised_by}
    return [user for user in people.values() if user.is_active]


def department_members(department: Department):
    return User.objects.filter(
        role=Role.DEPARTMENT, department=department, is_active=True
    ).order_by("first_name", "last_name", "username")


def _check_may_change(ticket: Ticket, by) -> None:
    if not may_change(by, ticket):
        raise PermissionDenied(_("Your role may not change this ticket."))


def _check_account_side(ticket: Ticket, by) -> None:
    """What the ticket says (and the customer's feedback) is the account team's to write."""
    if not Account.objects.visible_to(by, CHANGE).filter(pk=ticket.account_id).exists():
        raise PermissionDenied(_("Only the account's team may do this."))


def _locked(ticket: Ticket) -> Ticket:
    """``ticket`` re-read under a row lock: two answers at once cannot both move its clock."""
    return (
        Ticket.objects.select_for_update(of=("self",))
        .select_related("account__owner", "raised_by", "department", "assignee", "sla_calendar")
        .get(pk=ticket.pk)
    )


def _event(ticket: Ticket, by, kind: str, now, **fields) -> TicketEvent:
    # The department's first comment or status change is its first response (taking the
    # ticket, or passing it on, answers nothing yet).
    if (
        kind != EventKind.REASSIGN
        and is_department_side(by, ticket)
        and ticket.first_response_at is None
    ):
        ticket.first_response_at = now
    return TicketEvent.objects.create(ticket=ticket, author=by, kind=kind, created_at=now, **fields)


def _save(ticket: Ticket) -> Ticket:
    apply_changes(ticket, {})
    # ``sla_mark`` is derived (left out of the save above): written on its own.
    Ticket.objects.filter(pk=ticket.pk).update(sla_mark=ticket.sla_mark)
    return ticket


# -- opening and editing -------------------------------------------------------------------


@transaction.atomic
def ticket_open(
    *,
    by,
    account: Account,
    category: str,
    subject: str,
    priority: str = "normal",
    description: str = "",
    order=None,
    department: Department | None = None,
    now=None,
) -> Ticket:
    """Open a ticket on ``account`` for ``department`` (by default where the category's
    routing rule sends it), start its clock and tell the department."""
    now = now or timezone.now()
    if not Account.objects.visible_to(by, CHANGE).filter(pk=account.pk).exists():
        raise ValidationError({"account": _("Choose one of your accounts.")})
    if order is not None and order.account_id != account.pk:
        raise ValidationError({"order": _("The order must belong to this account.")})
    ticket = Ticket(
        account=account,
        order=order,
        raised_by=by,
        department=department or route(category),
        category=category,
        priority=priority,
        subject=(subject or "").strip(),
        description=description,
        status=TicketStatus.OPEN,
        opened_at=now,
    )
    _start_clock(ticket, now)
    apply_changes(ticket, {})
    event = _event(ticket, by, EventKind.STATUS_CHANGE, now, to_status=TicketStatus.OPEN)
    _notify_routed(ticket, event)
    return ticket


UPDATABLE = ("subject", "description", "priority", "order", "category")


@transaction.atomic
def ticket_update(*, ticket: Ticket, by, **data) -> Ticket:
    """Change what a ticket says (subject, description, category, priority, order).

    A new priority re-times the clock from the opening (the stops so far still count).
    The department changes through ``ticket_assign``, the status through
    ``ticket_transition``.
    """
    unknown = set(data) - set(UPDATABLE)
    if unknown:
        raise ValidationError(
            {name: _("This field changes through its own action.") for name in sorted(unknown)}
        )
    _check_account_side(ticket, by)
    locked = _locked(ticket)
    order = data.get("order", locked.order)
    if order is not None and order.account_id != locked.account_id:
        raise ValidationError({"order": _("The order must belong to this account.")})
    if "subject" in data:
        data["subject"] = (data["subject"] or "").strip()
    retime = data.get("priority", locked.priority) != locked.priority
    for field, value in data.items():
        setattr(locked, field, value)
    if retime and locked.status not in DONE:
        _start_clock(locked, timezone.now())
    return _save(locked)


# -- the one state machine -----------------------------------------------------------------


def next_statuses(ticket: Ticket) -> list[str]:
    return list(TICKET_FLOW[TicketStatus(ticket.status)])


@transaction.atomic
def ticket_transition(*, ticket: Ticket, to_status: str, by, note: str = "", now=None) -> Ticket:
    """Move ``ticket`` to ``to_status`` (409 when its life does not allow it), keep its clock
    and record the change. Back to ``open`` from a resolved or closed ticket reopens it."""
    if to_status not in TicketStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    _check_may_change(ticket, by)
    now = now or timezone.now()
    locked = _locked(ticket)
    before = locked.status
    if to_status not in TICKET_FLOW[TicketStatus(before)]:
        raise Conflict(
            _("A ticket that is %(current)s cannot become %(target)s.")
            % {
                "current": TicketStatus(before).label,
                "target": TicketStatus(to_status).label,
            },
            allowed=next_statuses(locked),
        )
    if now < locked.opened_at:
        raise ValidationError({"status": _("A ticket cannot change before it was opened.")})
    # Ending a stop: the wait on the customer, or the time since the last resolution.
    if before == TicketStatus.WAITING_ON_CUSTOMER:
        _resume_clock(locked, locked.paused_at, now)
        locked.paused_at = None
    elif before in DONE and to_status == TicketStatus.OPEN:
        _resume_clock(locked, locked.resolved_at, now)
        locked.resolved_at = None
        locked.resolution_seconds = None
    # Starting one, or resolving.
    if to_status == TicketStatus.WAITING_ON_CUSTOMER:
        locked.paused_at = now
    elif to_status == TicketStatus.RESOLVED:
        locked.resolved_at = now
        locked.resolution_seconds = max(
            int((now - locked.opened_at).total_seconds()) - locked.paused_seconds, 0
        )
    locked.status = to_status
    _event(
        locked,
        by,
        EventKind.STATUS_CHANGE,
        now,
        from_status=before,
        to_status=to_status,
        body=(note or "").strip(),
    )
    _save(locked)
    _notify_update(
        locked,
        by,
        lambda user: (
            _("%(ticket)s is now %(status)s")
            % {"ticket": _ticket_label(locked), "status": TicketStatus(to_status).label}
        ),
        note,
    )
    return locked


@transaction.atomic
def ticket_comment(*, ticket: Ticket, by, body: str, now=None) -> TicketEvent:
    """Add a comment to the timeline; the department's first answer stamps its response."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write something to send.")})
    _check_may_change(ticket, by)
    now = now or timezone.now()
    locked = _locked(ticket)
    event = _event(locked, by, EventKind.COMMENT, now, body=body)
    _save(locked)
    _notify_update(
        locked,
        by,
        lambda user: _("New comment on %(ticket)s") % {"ticket": _ticket_label(locked)},
        body,
    )
    return event


@transaction.atomic
def ticket_assign(
    *, ticket: Ticket, by, assignee=None, department: Department | None = None, note="", now=None
) -> Ticket:
    """Give the ticket to a member of its department (or none), or send it to another
    department (whose queue it joins, unassigned unless ``assignee`` is one of them)."""
    _check_may_change(ticket, by)
    now = now or timezone.now()
    locked = _locked(ticket)
    if locked.status in DONE:
        raise Conflict(_("A resolved or closed ticket is reopened before it is reassigned."))
    target = department or locked.department
    moved = target.pk != locked.department_id
    if assignee is not None and not department_members(target).filter(pk=assignee.pk).exists():
        raise ValidationError(
            {"assignee": _("Choose an active member of the ticket's department.")}
        )
    if not moved and (assignee.pk if assignee else None) == locked.assignee_id:
        return locked  # nothing changes
    locked.department = target
    locked.assignee = assignee
    event = _event(
        locked,
        by,
        EventKind.REASSIGN,
        now,
        department=target,
        assignee=assignee,
        body=(note or "").strip(),
    )
    _save(locked)
    if moved:
        _notify_routed(locked, event)
    elif assignee is not None and assignee.pk != by.pk:
        notify(
            assignee,
            TICKET_ROUTED.code,
            lambda user: _("Assigned to you: %(ticket)s") % {"ticket": _ticket_label(locked)},
            locked.subject,
            locked.get_absolute_url(),
            once_key=f"tickets.assigned:{event.pk}",
        )
    return locked


# -- the customer's word on the service -----------------------------------------------------


@transaction.atomic
def ticket_record_feedback(
    *, ticket: Ticket, by, score: int, comment: str = "", contact: Contact | None = None
):
    """The customer's satisfaction with a resolved ticket (1–5): a ``SurveyResponse`` with
    source ``after_ticket``, so it counts towards the account's CSAT. Once per ticket."""
    _check_account_side(ticket, by)
    locked = _locked(ticket)
    if locked.status not in DONE:
        raise Conflict(_("Feedback is recorded once the ticket is resolved."))
    if locked.feedback_id is not None:
        raise Conflict(_("This ticket's feedback is recorded already."))
    if contact is not None and contact.account_id != locked.account_id:
        raise ValidationError({"contact": _("The contact must belong to this account.")})
    survey = survey_create(
        by=by,
        account=locked.account,
        contact=contact,
        received_on=company_today(),
        score=score,
        comment=(comment or "").strip(),
        source="after_ticket",
    )
    Ticket.objects.filter(pk=locked.pk).update(feedback=survey)
    locked.feedback = survey
    ticket.feedback = survey
    return survey


# -- the SLA job ----------------------------------------------------------------------------


def tickets_check_sla(*, now=None) -> dict:
    """Mark tickets that passed 75 % of their SLA as at risk and those past it as breached,
    telling the department and the account's side once per threshold and due time.

    A ticket seen past both at once is reported breached only. Each ticket is handled in
    a transaction of its own under its row lock, so a transition meanwhile wins cleanly.
    """
    now = now or timezone.now()
    summary = {"at_risk": 0, "breached": 0}
    breached = (
        Ticket.objects.filter(sla_q(SlaState.BREACHED, now))
        .exclude(sla_mark=SlaMark.BREACHED)
        .values_list("pk", flat=True)
    )
    at_risk = (
        Ticket.objects.filter(sla_q(SlaState.AT_RISK, now), sla_mark=SlaMark.NONE)
    ).values_list("pk", flat=True)
    for mark, ids in ((SlaMark.BREACHED, list(breached)), (SlaMark.AT_RISK, list(at_risk))):
        for pk in ids:
            if _mark(pk, mark, now):
                summary[mark] += 1
    return summary


#: The warning's subject and body per threshold (rendered in each recipient's language).
SLA_TEXTS = {
    SlaMark.BREACHED: (
        gettext_lazy("SLA breached: %(ticket)s"),
        gettext_lazy("It was due at %(due)s."),
    ),
    SlaMark.AT_RISK: (gettext_lazy("SLA at risk: %(ticket)s"), gettext_lazy("Due at %(due)s.")),
}


@transaction.atomic
def _mark(pk: int, mark: str, now) -> bool:
    ticket = (
        Ticket.objects.select_for_update(of=("self",))
        .select_related("account__owner", "raised_by", "department")
        .get(pk=pk)
    )
    state = ticket.sla_state(now)
    if state != mark or ticket.sla_mark == mark:
        return False  # it moved meanwhile
    Ticket.objects.filter(pk=pk).update(sla_mark=mark)
    label = _ticket_label(ticket)
    due = f"{timezone.localtime(ticket.due_at):%Y-%m-%d %H:%M}"
    subject, body = SLA_TEXTS[mark]
    notify(
        [ticket.department, *account_side(ticket)],
        TICKET_SLA.code,
        lambda recipient: subject % {"ticket": label},
        lambda recipient: f"{ticket.subject}\n" + body % {"due": due},
        ticket.get_absolute_url(),
        once_key=f"tickets.sla:{pk}:{mark}:{int(ticket.due_at.timestamp())}",
    )
    return True


# -- telling people ------------------------------------------------------------------------


def _ticket_label(ticket: Ticket) -> str:
    return f"#{ticket.pk} {ticket.account.name}"


def _notify_routed(ticket: Ticket, event: TicketEvent) -> None:
    notify(
        ticket.department,
        TICKET_ROUTED.code,
        lambda recipient: (
            _("New ticket for %(department)s: %(ticket)s")
            % {"department": ticket.department, "ticket": _ticket_label(ticket)}
        ),
        lambda recipient: (
            f"{ticket.get_priority_display()} · {ticket.get_category_display()}\n{ticket.subject}"
        ),
        ticket.get_absolute_url(),
        once_key=f"tickets.routed:{ticket.pk}:{event.pk}",
    )


def _notify_update(ticket: Ticket, by, subject: str, body: str) -> None:
    """An answer from the department goes to the account's side; the account side's word
    goes to the assignee, or to the whole department while nobody has the ticket."""
    if is_department_side(by, ticket):
        recipients = account_side(ticket)
    else:
        recipients = [ticket.assignee or ticket.department]
    recipients = [
        recipient
        for recipient in recipients
        if not (isinstance(recipient, User) and recipient.pk == by.pk)
    ]
    if recipients:
        notify(recipients, TICKET_UPDATED.code, subject, body, ticket.get_absolute_url())
