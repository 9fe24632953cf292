"""Duty 4: tickets that get another department to act for a customer, within an SLA.

A ticket's status and its clock change only through ``tickets.services``; the fields
after ``due_at`` are the clock's workings, kept so that every figure is one read.
"""

from datetime import time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Account, SurveyResponse
from kam.models import Department
from kam.search import Searchable
from sales_plans.models import Order
from tickets.business_hours import Schedule, business_time_between
from tickets.choices import (
    DEFAULT_RESOLUTION_HOURS,
    DONE,
    UNRESOLVED,
    ClockStop,
    DayKind,
    EventKind,
    Priority,
    SlaMark,
    SlaState,
    TicketCategory,
    TicketStatus,
    Weekday,
)
from tickets.querysets import RUNNING, TicketEventQuerySet, TicketQuerySet


class RoutingRule(models.Model):
    """Where a ticket of a category goes when its rep names no department (admins edit)."""

    category = models.CharField(
        _("category"), max_length=24, choices=TicketCategory.choices, unique=True
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="routing_rules",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["category"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self):
        return f"{self.get_category_display()} → {self.department}"


def validate_time_zone(value):
    if value not in available_timezones():
        raise ValidationError(
            _("%(zone)s is not a time zone (e.g. Asia/Shanghai)."), params={"zone": value}
        )


class BusinessCalendar(models.Model):
    """When a department works: weekly spans and dated exceptions, in one time zone.

    An ``SlaPolicy`` with a calendar counts its hours in this calendar's working time
    (``tickets.business_hours``). ``load_calendar`` fills the exceptions from the
    ``holidays`` package; admins add their own (a company anniversary, a Saturday shift).
    """

    code = models.CharField(
        _("code"), max_length=16, unique=True, help_text=_("e.g. CN, or CN-PLANT2")
    )
    name = models.CharField(_("name"), max_length=100)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Asia/Shanghai",
        validators=[validate_time_zone],
        help_text=_("An IANA time zone, e.g. Asia/Shanghai or America/Chicago."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("business calendar")
        verbose_name_plural = _("business calendars")

    def __str__(self):
        return f"{self.code} · {self.name}"

    @cached_property
    def schedule(self) -> Schedule:
        """This calendar in memory (two queries, or none with ``prefetch_related``)."""
        weekly = [[] for _ in Weekday]
        for span in self.hours.all():
            weekly[span.weekday].append((span.starts, span.ends))
        holidays, workdays = {}, {}
        for day in self.days.all():
            if day.kind == DayKind.HOLIDAY:
                holidays[day.date] = day.name
            else:
                workdays[day.date] = day.works_as
        return Schedule(ZoneInfo(self.time_zone), weekly, holidays, workdays)

    def has_working_hours(self) -> bool:
        return self.hours.exists()


class WorkingHours(models.Model):
    """One working span of a weekday (a day with a lunch break has two)."""

    calendar = models.ForeignKey(
        BusinessCalendar,
        verbose_name=_("calendar"),
        on_delete=models.PROTECT,
        related_name="hours",
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"), help_text=_("00:00 means midnight, the end of the day."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["calendar", "weekday", "starts"]
        verbose_name = _("working hours")
        verbose_name_plural = _("working hours")
        constraints = [
            models.CheckConstraint(
                name="working_hours_end_after_start",
                condition=Q(ends__gt=F("starts")) | Q(ends=time(0)),
            )
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M}"

    def clean(self):
        ends, starts = self.ends, self.starts
        if None not in (starts, ends) and ends != time(0) and ends <= starts:
            raise ValidationError({"ends": _("A span ends after it starts.")})


class CalendarDay(models.Model):
    """A dated exception: a holiday (closed all day) or a make-up workday (调休)."""

    calendar = models.ForeignKey(
        BusinessCalendar,
        verbose_name=_("calendar"),
        on_delete=models.PROTECT,
        related_name="days",
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=100, blank=True)
    works_as = models.PositiveSmallIntegerField(
        _("works the hours of"),
        choices=Weekday.choices,
        default=Weekday.MONDAY,
        help_text=_("For a make-up workday: whose weekday's hours it works."),
    )
    #: Where the day came from: blank when entered by hand (``load_calendar`` never
    #: touches those), else the package and version that listed it.
    source = models.CharField(_("source"), max_length=40, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["calendar", "date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="calendar_day_unique")
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}".rstrip()


class SlaPolicy(models.Model):
    """How long a department has to resolve a ticket of a priority (admins edit)."""

    priority = models.CharField(_("priority"), max_length=16, choices=Priority.choices, unique=True)
    resolution_hours = models.PositiveIntegerField(
        _("resolution hours"),
        default=DEFAULT_RESOLUTION_HOURS,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 365)],
        help_text=_(
            "Hours of open time (waiting on the customer does not count): business hours "
            "when a calendar is chosen, round the clock without."
        ),
    )
    calendar = models.ForeignKey(
        BusinessCalendar,
        verbose_name=_("business calendar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sla_policies",
        help_text=_("Count the hours in this calendar's working time (empty: 24×7)."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["priority"]
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")

    def __str__(self):
        if self.calendar_id:
            return gettext("%(priority)s: %(hours)d business hours (%(calendar)s)") % {
                "priority": self.get_priority_display(),
                "hours": self.resolution_hours,
                "calendar": self.calendar.code,
            }
        return gettext("%(priority)s: %(hours)d h") % {
            "priority": self.get_priority_display(),
            "hours": self.resolution_hours,
        }

    def clean(self):
        if self.calendar_id and not self.calendar.has_working_hours():
            raise ValidationError(
                {"calendar": _("This calendar has no working hours: give it some first.")}
            )


class Ticket(Searchable):
    """A customer issue a department must act on: routed, answered, resolved within its SLA.

    The clock: ``due_at`` is ``opened_at`` plus the priority's hours, moved later by every
    stop. It stops while the ticket waits on the customer (from ``paused_at``) and between
    a resolution and a reopening; ``paused_seconds`` adds the stops up, so the resolution
    time is ``resolved_at − opened_at − paused_seconds`` (``resolution_seconds``).
    """

    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.PROTECT, related_name="tickets"
    )
    order = models.ForeignKey(
        Order,
        verbose_name=_("order"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        on_delete=models.PROTECT,
        related_name="tickets_raised",
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="tickets"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets_assigned",
    )
    category = models.CharField(_("category"), max_length=24, choices=TicketCategory.choices)
    priority = models.CharField(
        _("priority"), max_length=16, choices=Priority.choices, default=Priority.NORMAL
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=24, choices=TicketStatus.choices, default=TicketStatus.OPEN
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"))
    paused_seconds = models.PositiveBigIntegerField(_("paused seconds"), default=0)
    #: The calendar the clock counts in (its priority's policy's when it opened; none:
    #: 24×7), and the stops measured on that clock (business seconds; without a calendar
    #: the same as ``paused_seconds``).
    sla_calendar = models.ForeignKey(
        BusinessCalendar,
        verbose_name=_("business calendar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    clock_paused_seconds = models.PositiveBigIntegerField(
        _("paused clock seconds"), default=0, editable=False
    )
    #: When the clock stopped for the customer (while ``waiting_on_customer`` only).
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True, editable=False)
    #: When the ticket will have used 75 % of its SLA (moves with ``due_at``).
    warn_at = models.DateTimeField(_("at risk from"), editable=False)
    #: ``resolved_at − opened_at − paused_seconds`` of the last resolution (the KPI's term).
    resolution_seconds = models.PositiveBigIntegerField(
        _("resolution seconds"), null=True, blank=True, editable=False
    )
    #: The last threshold the SLA job reported for the current ``due_at`` (reset when the
    #: clock moves), so each threshold is reported once.
    sla_mark = models.CharField(
        _("SLA reported"), max_length=16, choices=SlaMark.choices, blank=True, editable=False
    )
    feedback = models.OneToOneField(
        SurveyResponse,
        verbose_name=_("customer feedback"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ticket",
        editable=False,
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    #: Written by the services with UPDATE statements only (``kam.records.apply_changes``).
    DERIVED_FIELDS = ("sla_mark",)

    history = HistoricalRecords(excluded_fields=["search_text", "sla_mark"])
    objects = TicketQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        indexes = [
            models.Index(F("opened_at").desc(), F("id").desc(), name="ticket_newest_first"),
            # A department's queue: its unresolved tickets, soonest due first; and all of
            # its tickets in that order (most are long done, so the first index alone
            # would walk them all to find the few open ones).
            models.Index(
                fields=["department", "due_at", "id"],
                condition=Q(status__in=UNRESOLVED),
                name="ticket_queue",
            ),
            models.Index(fields=["department", "due_at", "id"], name="ticket_department_due"),
            # Everyone's unresolved tickets by due time (an executive, an admin).
            models.Index(
                fields=["due_at", "id"], condition=Q(status__in=UNRESOLVED), name="ticket_due"
            ),
            models.Index(fields=["department", "status"], name="ticket_department_status"),
            # The SLA job reads the running tickets past their warning time.
            models.Index(
                fields=["warn_at"], condition=Q(status__in=RUNNING), name="ticket_sla_clock"
            ),
            models.Index(fields=["account", "opened_at"], name="ticket_account"),
            models.Index(fields=["resolved_at"], name="ticket_resolved"),
            models.Index(fields=["order"], name="ticket_order"),
        ]
        constraints = [
            models.CheckConstraint(
                name="ticket_done_has_resolved_at",
                condition=~Q(status__in=DONE) | Q(resolved_at__isnull=False),
            ),
            models.CheckConstraint(
                name="ticket_paused_iff_waiting",
                condition=Q(status=TicketStatus.WAITING_ON_CUSTOMER, paused_at__isnull=False)
                | (~Q(status=TicketStatus.WAITING_ON_CUSTOMER) & Q(paused_at__isnull=True)),
            ),
            models.CheckConstraint(
                name="ticket_due_after_opening", condition=Q(due_at__gt=F("opened_at"))
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.subject}"

    def get_absolute_url(self):
        return reverse("tickets:ticket-detail", args=[self.pk])

    def search_parts(self):
        return (
            self.subject,
            self.account.name if self.account_id else "",
            self.order.number if self.order_id else "",
            self.description,
        )

    # -- the clock, for one ticket in hand (``querysets.sla_q`` says the same in SQL) --------

    def clock_at(self, now=None):
        """Where the clock stands: ``now``, or when it stopped (a pause, a resolution)."""
        if self.status in DONE:
            return self.resolved_at
        return self.paused_at or now or timezone.now()

    def sla_state(self, now=None) -> str:
        now = now or timezone.now()
        if self.status in DONE:
            return SlaState.MET if self.resolved_at <= self.due_at else SlaState.MISSED
        if self.due_at <= self.clock_at(now):
            return SlaState.BREACHED
        if self.paused_at is not None:
            return SlaState.PAUSED
        return SlaState.AT_RISK if self.warn_at <= now else SlaState.ON_TRACK

    @property
    def current_sla_state(self) -> str:
        return self.sla_state()

    def get_sla_state_display(self) -> str:
        return SlaState(self.current_sla_state).label

    def _clock_time(self, start, end) -> timedelta:
        """Time on the ticket's clock from ``start`` to ``end``: business time with a calendar."""
        if self.sla_calendar_id is None:
            return end - start
        return timedelta(seconds=business_time_between(start, end, self.sla_calendar))

    def remaining(self, now=None) -> timedelta:
        """Open time left before ``due_at`` (negative: overdue by that much), in business
        time when the ticket's SLA counts in a calendar."""
        return self._clock_time(self.clock_at(now), self.due_at)

    def elapsed(self, now=None) -> timedelta:
        """Open time used: from opening to the clock, less every stop."""
        used = self._clock_time(self.opened_at, self.clock_at(now))
        return used - timedelta(seconds=self.clock_paused_seconds)

    def clock_stop(self, now=None):
        """``(ClockStop, holiday name, resumes at)`` while the clock stands, else ``None``."""
        if self.status in DONE:
            return ClockStop.RESOLVED, "", None
        if self.paused_at is not None:
            return ClockStop.WAITING_ON_CUSTOMER, "", None
        if self.sla_calendar_id is None:
            return None
        closure = self.sla_calendar.schedule.closure(now or timezone.now())
        if closure is None:
            return None
        return ClockStop(closure.reason), closure.name, closure.resumes_at

    @property
    def resolution_hours(self) -> float | None:
        if self.resolution_seconds is None:
            return None
        return round(self.resolution_seconds / 3600, 2)


class TicketEvent(models.Model):
    """One line of a ticket's timeline: a comment, a status change or a reassignment.

    Written only by ``tickets.services``; the opening is a status change from ``""``.
    """

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("ticket"), on_delete=models.PROTECT, related_name="events"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="ticket_events",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    body = models.TextField(_("text"), blank=True)
    from_status = models.CharField(
        _("from status"), max_length=24, choices=TicketStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("to status"), max_length=24, choices=TicketStatus.choices, blank=True
    )
    #: For a reassignment: the department and the assignee the ticket went to.
    department = models.ForeignKey(
        Department,
        verbose_name=_("to department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("to assignee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = TicketEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("ticket event")
        verbose_name_plural = _("ticket events")
        indexes = [
            models.Index(fields=["ticket", "created_at", "id"], name="ticket_event_timeline")
        ]

    def __str__(self):
        return f"{self.ticket_id} · {self.get_kind_display()} · {self.created_at:%Y-%m-%d %H:%M}"
