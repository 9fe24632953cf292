"""Who sees tickets, and the SLA rule read in SQL (``sla_q``) for filters and counts."""

from django.db.models import F, Q
from django.utils import timezone

from accounts.querysets import AccountChildQuerySet
from kam.visibility import VisibleQuerySet
from tickets.choices import DONE, UNRESOLVED, SlaState, TicketStatus

#: States whose clock runs (``waiting_on_customer`` stops it; done tickets are judged).
RUNNING = (TicketStatus.OPEN, TicketStatus.IN_PROGRESS)


def sla_q(state: str, now=None) -> Q:
    """Tickets in SLA ``state`` at ``now``; ``Ticket.sla_state`` is the same rule for one row.

    A paused ticket's clock stands at ``paused_at``: one paused after its due time stays
    breached, one paused before it cannot breach while it waits.
    """
    now = now or timezone.now()
    breached = Q(status__in=RUNNING, due_at__lte=now) | Q(
        status=TicketStatus.WAITING_ON_CUSTOMER, due_at__lte=F("paused_at")
    )
    conditions = {
        SlaState.BREACHED: breached,
        SlaState.PAUSED: Q(status=TicketStatus.WAITING_ON_CUSTOMER, due_at__gt=F("paused_at")),
        SlaState.AT_RISK: Q(status__in=RUNNING, warn_at__lte=now, due_at__gt=now),
        SlaState.ON_TRACK: Q(status__in=RUNNING, warn_at__gt=now),
        SlaState.MET: Q(status__in=DONE, resolved_at__lte=F("due_at")),
        SlaState.MISSED: Q(status__in=DONE, resolved_at__gt=F("due_at")),
    }
    return conditions[state]


class TicketQuerySet(AccountChildQuerySet):
    """A ticket is seen by whoever sees its account, and by the department it is routed to
    (which reads and answers it, but of the account only its name and tier)."""

    def department_q(self, user, action):
        return Q(department_id=user.department_id) if user.department_id else None

    def unresolved(self):
        return self.filter(status__in=UNRESOLVED)

    def in_sla_state(self, *states: str, now=None):
        condition = Q()
        for state in states:
            condition |= sla_q(state, now)
        return self.filter(condition)


class TicketEventQuerySet(VisibleQuerySet):
    owner_path = "ticket__account__owner"

    def department_q(self, user, action):
        return Q(ticket__department_id=user.department_id) if user.department_id else None
