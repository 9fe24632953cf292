"""Business time: how much working time lies between two instants, and when an amount ends.

A calendar is its time zone, its working spans per weekday (several a day: a lunch break
is the gap between two) and its dated exceptions: a holiday closes the whole day, a
make-up workday (调休) works the hours of the weekday it stands in for. ``Schedule`` holds
that once, in memory, and turns a local date into its working spans as aware instants (so
a day on which daylight saving changes is as long as it really is); both functions walk
whole spans, never minutes, so a year is a few hundred steps.

``business_time_between`` is a signed measure (``end`` before ``start`` gives a negative
amount), so it adds up over adjacent intervals; ``add_business_time`` is its inverse from
a start: measuring from ``start`` to its result gives back the amount, and its result is
always inside working time (a span's end counts: a ticket due at 18:00 is due that day).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

#: How far ``add_business_time`` looks for working time before it gives up (a calendar
#: with none would otherwise never end).
HORIZON_DAYS = 366 * 10

Span = tuple[datetime, datetime]


class NoWorkingTime(ValueError):
    """The calendar has no working time within ``HORIZON_DAYS`` of the start."""


@dataclass(frozen=True)
class Closure:
    """Why a calendar's clock is not running at an instant, and when it runs again."""

    #: ``"holiday"`` (a dated holiday) or ``"outside_hours"`` (a weekend, a night, lunch).
    reason: str
    #: The holiday's name, when there is one.
    name: str
    resumes_at: datetime | None


class Schedule:
    """A calendar in memory: ``zone``, the weekly spans and the dated exceptions.

    ``weekly`` has seven entries, Monday first, each a sequence of ``(starts, ends)`` local
    times; an ``ends`` of 00:00 means midnight at the end of the day. Spans of a day may
    overlap or come in any order (they are merged). ``holidays`` maps a date to its name;
    ``workdays`` maps a make-up workday to the weekday (0 = Monday) whose hours it works.
    """

    def __init__(
        self,
        zone: str | ZoneInfo,
        weekly: Iterable[Iterable[tuple[time, time]]],
        holidays: dict[date, str] | None = None,
        workdays: dict[date, int] | None = None,
    ):
        self.zone = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
        self.weekly = tuple(_merged(day) for day in weekly)
        if len(self.weekly) != 7:
            raise ValueError("A week has seven days.")
        self.holidays = dict(holidays or {})
        self.workdays = dict(workdays or {})
        self._days: dict[date, tuple[Span, ...]] = {}

    def hours_on(self, day: date) -> tuple[tuple[time, time], ...]:
        """The local working spans of ``day``, after its exception if it has one."""
        if day in self.holidays:
            return ()
        weekday = self.workdays.get(day, day.weekday())
        return self.weekly[weekday]

    def spans(self, day: date) -> tuple[Span, ...]:
        """``day``'s working spans as aware instants (UTC), computed once per date."""
        found = self._days.get(day)
        if found is None:
            found = _joined(
                self._instants(day, starts, ends) for starts, ends in self.hours_on(day)
            )
            self._days[day] = found
        return found

    def _instants(self, day: date, starts: time, ends: time) -> Span:
        begin = datetime.combine(day, starts, self.zone).astimezone(UTC)
        if ends == time(0):
            # Midnight at the end of the day: the start of the next one, wherever the
            # clocks stand then.
            finish = datetime.combine(day + timedelta(days=1), time(0), self.zone)
        else:
            finish = datetime.combine(day, ends, self.zone)
        return begin, finish.astimezone(UTC)

    def local_date(self, instant: datetime) -> date:
        return instant.astimezone(self.zone).date()

    def spans_from(self, instant: datetime) -> Iterator[Span]:
        """Every working span that ends at or after ``instant``, in order, for the horizon."""
        day = self.local_date(instant)
        for offset in range(HORIZON_DAYS):
            for span in self.spans(day + timedelta(days=offset)):
                if span[1] >= instant:
                    yield span

    def closure(self, instant: datetime) -> Closure | None:
        """``None`` while ``instant`` is working time; else why not and when it resumes."""
        _check_aware(instant)
        for begin, finish in self.spans(self.local_date(instant)):
            if begin <= instant < finish:
                return None
        resumes = next((begin for begin, _ in self.spans_from(instant) if begin > instant), None)
        if resumes is not None:
            resumes = resumes.astimezone(self.zone)
        day = self.local_date(instant)
        if day in self.holidays:
            return Closure("holiday", self.holidays[day], resumes)
        return Closure("outside_hours", "", resumes)


def _merged(spans: Iterable[tuple[time, time]]) -> tuple[tuple[time, time], ...]:
    """A day's spans sorted, with overlapping or touching ones joined (00:00 ends last)."""

    def end_key(ends: time) -> tuple[int, time]:
        return (1, time(0)) if ends == time(0) else (0, ends)

    merged: list[tuple[time, time]] = []
    for starts, ends in sorted(spans, key=lambda span: (span[0], end_key(span[1]))):
        if ends != time(0) and ends <= starts:
            continue
        # A start is never midnight at the end of the day: 00:00 starts the day.
        if merged and (0, starts) <= end_key(merged[-1][1]):
            last_starts, last_ends = merged[-1]
            merged[-1] = (last_starts, max(last_ends, ends, key=end_key))
        else:
            merged.append((starts, ends))
    return tuple(merged)


def _joined(spans: Iterable[Span]) -> tuple[Span, ...]:
    """A day's spans as instants, sorted, empty ones dropped and overlapping ones joined.

    Local spans that do not overlap can as instants: an end inside the hour that a
    spring-forward skips (02:30 in Chicago on its day) lands an hour late, on the next
    span's start; joined, that time counts once.
    """
    joined: list[Span] = []
    for begin, finish in sorted(spans):
        if finish <= begin:
            continue
        if joined and begin <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], finish))
        else:
            joined.append((begin, finish))
    return tuple(joined)


def _check_aware(*instants: datetime) -> None:
    for instant in instants:
        if instant.tzinfo is None or instant.utcoffset() is None:
            raise ValueError("Business time needs aware datetimes.")


def as_schedule(calendar) -> Schedule:
    """A ``Schedule``, or a ``BusinessCalendar``'s (which builds and keeps its own)."""
    return calendar if isinstance(calendar, Schedule) else calendar.schedule


def business_time_between(start: datetime, end: datetime, calendar) -> float:
    """Seconds of working time from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    _check_aware(start, end)
    if end < start:
        return -business_time_between(end, start, calendar)
    schedule = as_schedule(calendar)
    total = timedelta(0)
    day, last = schedule.local_date(start), schedule.local_date(end)
    while day <= last:
        for begin, finish in schedule.spans(day):
            overlap = min(finish, end) - max(begin, start)
            if overlap > timedelta(0):
                total += overlap
        day += timedelta(days=1)
    return total.total_seconds()


def add_business_time(start: datetime, seconds: float, calendar) -> datetime:
    """The instant at which ``seconds`` of working time from ``start`` have passed.

    Aware, in the calendar's time zone, always inside working time: with ``seconds`` 0, a
    ``start`` outside working time moves to the next span's beginning.
    """
    _check_aware(start)
    if seconds < 0:
        raise ValueError("Only a positive amount of business time can be added.")
    schedule = as_schedule(calendar)
    remaining = timedelta(seconds=seconds)
    for begin, finish in schedule.spans_from(start):
        begin = max(begin, start)
        available = finish - begin
        if remaining <= available:
            return (begin + remaining).astimezone(schedule.zone)
        remaining -= available
    raise NoWorkingTime(f"No working time within {HORIZON_DAYS} days of {start.isoformat()}.")
