"""Business-time arithmetic (``tickets.business_hours``): the issue's worked examples to
the minute, China's holidays and make-up workdays as loaded from the package, Chicago
across both daylight-saving changes, and properties over random calendars (Hypothesis).

Every moment is a fixed, aware datetime; the examples' expected values are worked out by
hand in the comments, so a wrong walk over the spans cannot agree with them by accident.
"""

import datetime as dt
import io
import zoneinfo

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

from tickets.business_hours import (
    Closure,
    NoWorkingTime,
    Schedule,
    add_business_time,
    business_time_between,
)
from tickets.models import BusinessCalendar

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
HOUR = 3600
T = dt.time
#: Monday to Friday, 09:00–12:00 and 13:00–18:00 (the default of ``load_calendar``).
OFFICE_DAY = [(T(9), T(12)), (T(13), T(18))]
OFFICE = Schedule(SHANGHAI, [OFFICE_DAY] * 5 + [[], []])
#: Round the clock: every day from midnight to midnight.
ALWAYS = [[(T(0), T(0))]] * 7


def shanghai(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SHANGHAI)


def chicago(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CHICAGO)


@pytest.fixture
def cn(db) -> BusinessCalendar:
    """China's calendar from the pinned ``holidays`` package, as an admin would load it."""
    call_command("load_calendar", "CN", "--years", "2025-2026", stdout=io.StringIO())
    return BusinessCalendar.objects.get(code="CN")


# -- the worked examples --------------------------------------------------------------------


def test_friday_17_00_plus_8_business_hours_is_monday_17_00():
    friday = shanghai(2026, 11, 6, 17, 0)
    # Friday 17–18 is 1 h, Monday 9–12 is 3 h, 13–17 the last 4 h (lunch does not count).
    due = add_business_time(friday, 8 * HOUR, OFFICE)

    assert due == shanghai(2026, 11, 9, 17, 0)
    assert due.utcoffset() == dt.timedelta(hours=8)  # in the calendar's zone
    assert business_time_between(friday, due, OFFICE) == 8 * HOUR
    assert business_time_between(due, friday, OFFICE) == -8 * HOUR


def test_a_span_s_end_counts_as_inside_and_lunch_is_skipped():
    monday = shanghai(2026, 11, 9, 9, 0)

    # Exactly the morning: due at 12:00 that day, not at 13:00 after lunch.
    assert add_business_time(monday, 3 * HOUR, OFFICE) == shanghai(2026, 11, 9, 12, 0)
    assert add_business_time(monday, 3 * HOUR + 1, OFFICE) == shanghai(2026, 11, 9, 13, 0, 1)
    assert add_business_time(monday, 8 * HOUR, OFFICE) == shanghai(2026, 11, 9, 18, 0)
    # Nothing to add: a start inside working time (a span's end included) stays where it
    # is, one outside moves to the next span's beginning.
    assert add_business_time(shanghai(2026, 11, 9, 10, 15), 0, OFFICE) == shanghai(
        2026, 11, 9, 10, 15
    )
    assert add_business_time(shanghai(2026, 11, 9, 12, 0), 0, OFFICE) == shanghai(
        2026, 11, 9, 12, 0
    )
    assert add_business_time(shanghai(2026, 11, 9, 12, 30), 0, OFFICE) == shanghai(
        2026, 11, 9, 13, 0
    )
    assert add_business_time(shanghai(2026, 11, 7, 10, 0), 0, OFFICE) == shanghai(2026, 11, 9, 9, 0)
    # A whole week is five days of eight hours.
    assert business_time_between(monday, monday + dt.timedelta(days=7), OFFICE) == 40 * HOUR


def test_a_day_s_spans_are_merged_whatever_their_order_or_overlap():
    messy = Schedule(
        SHANGHAI,
        [[(T(13), T(15)), (T(9), T(11)), (T(10), T(12)), (T(12), T(12, 30)), (T(14), T(18))]]
        + [[]] * 6,
    )

    assert messy.hours_on(dt.date(2026, 11, 9)) == ((T(9), T(12, 30)), (T(13), T(18)))
    monday = shanghai(2026, 11, 9, 0, 0)
    assert business_time_between(monday, monday + dt.timedelta(days=1), messy) == 8.5 * HOUR


def test_the_day_before_national_day_is_due_after_the_holiday(cn):
    eve = shanghai(2026, 9, 30, 17, 0)  # a Wednesday
    # Wednesday 17–18 is 1 h; 1–7 October are off (the 4th a Sunday); Thursday 8 October
    # 9–12 is 3 h and 13–17 the last 4 h: due 8 October 17:00.
    assert add_business_time(eve, 8 * HOUR, cn.schedule) == shanghai(2026, 10, 8, 17, 0)
    # 16 h: 1 + 8 (the 8th) + 7 on Friday the 9th, 9–12 and 13–17.
    assert add_business_time(eve, 16 * HOUR, cn.schedule) == shanghai(2026, 10, 9, 17, 0)
    # 24 h: the last 7 on Saturday the 10th, a make-up workday, not on Monday the 12th.
    assert add_business_time(eve, 24 * HOUR, cn.schedule) == shanghai(2026, 10, 10, 17, 0)
    # The week of the holiday holds the eve's hour and nothing else until the 8th.
    assert business_time_between(eve, shanghai(2026, 10, 8, 9, 0), cn.schedule) == HOUR
    # The model itself is a calendar too (it builds and keeps its schedule).
    assert add_business_time(eve, 8 * HOUR, cn) == shanghai(2026, 10, 8, 17, 0)


def test_a_make_up_saturday_is_worked(cn):
    friday = shanghai(2026, 10, 9, 17, 0)
    # Friday 17–18 is 1 h; Saturday 10 October (调休) works Monday's hours: 9–12 is 3 h.
    due = add_business_time(friday, 4 * HOUR, cn)

    assert due == shanghai(2026, 10, 10, 12, 0)
    assert business_time_between(friday, due, cn) == 4 * HOUR
    # An ordinary Saturday a week later is not worked: 4 h from Friday the 16th is Monday.
    assert add_business_time(shanghai(2026, 10, 16, 17, 0), 4 * HOUR, cn) == shanghai(
        2026, 10, 19, 12, 0
    )


def test_spring_festival_2025_and_its_two_make_up_weekend_days(cn):
    # 28 January to 4 February 2025 were off; Sunday 26 January and Saturday 8 February
    # were worked instead, each a full 8 h day.
    def day(*date):
        midnight = shanghai(*date, 0, 0)
        return business_time_between(midnight, midnight + dt.timedelta(days=1), cn)

    assert day(2025, 1, 26) == day(2025, 2, 8) == 8 * HOUR
    assert business_time_between(shanghai(2025, 1, 28, 0, 0), shanghai(2025, 2, 5, 0, 0), cn) == 0
    assert day(2025, 2, 5) == 8 * HOUR  # Wednesday, back at work


# -- daylight saving (America/Chicago) ------------------------------------------------------


def test_round_the_clock_measures_the_dst_sundays_as_they_really_are():
    always = Schedule(CHICAGO, ALWAYS)
    spring = chicago(2026, 3, 8, 0, 0)  # 02:00 CST becomes 03:00 CDT
    fall = chicago(2026, 11, 1, 0, 0)  # 02:00 CDT becomes 01:00 CST

    assert business_time_between(spring, chicago(2026, 3, 9, 0, 0), always) == 23 * HOUR
    assert business_time_between(fall, chicago(2026, 11, 2, 0, 0), always) == 25 * HOUR
    assert business_time_between(chicago(2026, 3, 9), chicago(2026, 3, 10), always) == 24 * HOUR

    after_spring = add_business_time(spring, 23 * HOUR, always)
    assert after_spring == chicago(2026, 3, 9, 0, 0)
    assert after_spring.utcoffset() == dt.timedelta(hours=-5)
    after_fall = add_business_time(fall, 25 * HOUR, always)
    assert after_fall == chicago(2026, 11, 2, 0, 0)
    assert after_fall.utcoffset() == dt.timedelta(hours=-6)
    # 03:30 on the spring Sunday is 2 h 30 min after midnight, not 3 h 30 min.
    assert add_business_time(spring, 2.5 * HOUR, always) == chicago(2026, 3, 8, 3, 30)


def test_16_office_hours_from_the_friday_before_a_dst_change():
    nine_to_five = Schedule(CHICAGO, [[(T(9), T(17))]] * 5 + [[], []])

    # Spring: Friday 6 March 09:00 CST (UTC-6); the 8 h of Friday and 8 h of Monday end
    # Monday 9 March 17:00 CDT (UTC-5), 22:00 UTC: 79 h of wall time, one hour less.
    before = chicago(2026, 3, 6, 9, 0)
    due = add_business_time(before, 16 * HOUR, nine_to_five)
    assert (before.utcoffset(), due.utcoffset()) == (
        dt.timedelta(hours=-6),
        dt.timedelta(hours=-5),
    )
    assert (due.year, due.month, due.day, due.hour, due.minute) == (2026, 3, 9, 17, 0)
    assert due.astimezone(dt.UTC) == dt.datetime(2026, 3, 9, 22, 0, tzinfo=dt.UTC)
    assert due.astimezone(dt.UTC) - before.astimezone(dt.UTC) == dt.timedelta(hours=79)
    assert business_time_between(before, due, nine_to_five) == 16 * HOUR

    # Autumn: Friday 30 October 09:00 CDT to Monday 2 November 17:00 CST, 23:00 UTC: 81 h.
    before = chicago(2026, 10, 30, 9, 0)
    due = add_business_time(before, 16 * HOUR, nine_to_five)
    assert (before.utcoffset(), due.utcoffset()) == (
        dt.timedelta(hours=-5),
        dt.timedelta(hours=-6),
    )
    assert due.astimezone(dt.UTC) == dt.datetime(2026, 11, 2, 23, 0, tzinfo=dt.UTC)
    assert due.astimezone(dt.UTC) - before.astimezone(dt.UTC) == dt.timedelta(hours=81)

    # From Friday 13:00: 4 h on Friday, 8 on Monday, 4 on Tuesday (13:00 CDT).
    due = add_business_time(chicago(2026, 3, 6, 13, 0), 16 * HOUR, nine_to_five)
    assert due.astimezone(dt.UTC) == dt.datetime(2026, 3, 10, 18, 0, tzinfo=dt.UTC)


def test_a_span_ending_in_the_spring_forward_gap_is_not_counted_twice():
    # A night shift 01:00–02:30 and a second one 03:00–04:00. On 8 March 2026 02:30 does
    # not exist: whatever the first span ends at, the two must not overlap in real time.
    nights = Schedule(CHICAGO, [[(T(1), T(2, 30)), (T(3), T(4))]] * 7)
    midnight = chicago(2026, 3, 8, 0, 0)

    spans = nights.spans(dt.date(2026, 3, 8))
    assert all(first[1] <= second[0] for first, second in zip(spans, spans[1:], strict=False))
    for minutes in (30, 60, 100, 120):
        due = add_business_time(midnight, minutes * 60, nights)
        assert business_time_between(midnight, due, nights) == minutes * 60


def test_two_spans_starting_at_midnight_are_merged():
    # Say an admin enters Monday 00:00–05:00 and, again, Monday 00:00–08:00.
    doubled = Schedule(SHANGHAI, [[(T(0), T(5)), (T(0), T(8))]] + [[]] * 6)
    midnight = shanghai(2026, 11, 2, 0, 0)  # a Monday

    assert doubled.hours_on(midnight.date()) == ((T(0), T(8)),)
    assert business_time_between(midnight, midnight + dt.timedelta(days=1), doubled) == 8 * HOUR
    due = add_business_time(midnight, 6 * HOUR, doubled)
    assert due == shanghai(2026, 11, 2, 6, 0)
    assert business_time_between(midnight, due, doubled) == 6 * HOUR


# -- refusals and closures ------------------------------------------------------------------


def test_a_calendar_without_working_time_raises_no_working_time():
    never = Schedule(SHANGHAI, [[]] * 7)
    start = shanghai(2026, 11, 2, 9, 0)

    with pytest.raises(NoWorkingTime, match="No working time within 3660 days"):
        add_business_time(start, HOUR, never)
    with pytest.raises(NoWorkingTime):
        add_business_time(start, 0, never)
    assert issubclass(NoWorkingTime, ValueError)
    assert business_time_between(start, start + dt.timedelta(days=30), never) == 0
    assert never.closure(start) == Closure("outside_hours", "", None)


def test_naive_moments_negative_amounts_and_short_weeks_are_refused():
    aware = shanghai(2026, 11, 2, 9, 0)
    naive = dt.datetime(2026, 11, 2, 9, 0)

    for call in (
        lambda: business_time_between(naive, aware, OFFICE),
        lambda: business_time_between(aware, naive, OFFICE),
        lambda: add_business_time(naive, HOUR, OFFICE),
        lambda: OFFICE.closure(naive),
    ):
        with pytest.raises(ValueError, match="Business time needs aware datetimes"):
            call()
    with pytest.raises(ValueError, match="Only a positive amount"):
        add_business_time(aware, -1, OFFICE)
    with pytest.raises(ValueError, match="A week has seven days"):
        Schedule(SHANGHAI, [OFFICE_DAY] * 5)


def test_closure_says_why_the_clock_stands_and_when_it_runs_again(cn):
    schedule = cn.schedule

    assert schedule.closure(shanghai(2026, 10, 1, 10, 0)) == Closure(
        "holiday", "国庆节", shanghai(2026, 10, 8, 9, 0)
    )
    assert schedule.closure(shanghai(2026, 11, 2, 12, 30)) == Closure(
        "outside_hours", "", shanghai(2026, 11, 2, 13, 0)
    )
    assert schedule.closure(shanghai(2026, 11, 2, 20, 0)) == Closure(
        "outside_hours", "", shanghai(2026, 11, 3, 9, 0)
    )
    # A span's end is not working time any more; its beginning is.
    assert schedule.closure(shanghai(2026, 11, 2, 18, 0)) == Closure(
        "outside_hours", "", shanghai(2026, 11, 3, 9, 0)
    )
    assert schedule.closure(shanghai(2026, 11, 2, 13, 0)) is None
    assert schedule.closure(shanghai(2026, 11, 2, 10, 0)) is None
    assert schedule.closure(shanghai(2026, 10, 10, 10, 0)) is None  # the make-up Saturday
    # Friday night before a weekend: Monday morning, given in the calendar's zone whatever
    # zone the question came in.
    closure = schedule.closure(dt.datetime(2026, 11, 6, 12, 0, tzinfo=dt.UTC))  # 20:00 local
    assert closure == Closure("outside_hours", "", shanghai(2026, 11, 9, 9, 0))
    assert closure.resumes_at.utcoffset() == dt.timedelta(hours=8)


# -- properties -----------------------------------------------------------------------------

ZONES = [
    "Asia/Shanghai",
    "America/Chicago",
    "Europe/Berlin",
    "Australia/Sydney",
    "Asia/Kolkata",
    "UTC",
]
EPOCH = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
TWO_YEARS_US = 2 * 365 * 86400 * 10**6
MONTH_US = 30 * 86400 * 10**6
#: Span boundaries every five minutes, midnight at the end of the day included, and the
#: times that do not exist on these zones' spring-forward days (02:05–02:55) among them.
BOUNDARIES = list(range(0, 24 * 60 + 1, 5))


def as_time(minute: int) -> dt.time:
    return dt.time(minute // 60 % 24, minute % 60)


spans = st.lists(
    st.lists(st.sampled_from(BOUNDARIES), min_size=2, max_size=2, unique=True)
    .map(sorted)
    .map(lambda pair: (as_time(pair[0]), as_time(pair[1]))),
    max_size=3,
)
weeks = st.lists(spans, min_size=7, max_size=7).filter(any)
dates = st.dates(dt.date(2024, 12, 1), dt.date(2027, 1, 31))


@st.composite
def schedules(draw) -> Schedule:
    zone, week = draw(st.sampled_from(ZONES)), draw(weeks)
    holidays = draw(st.dictionaries(dates, st.sampled_from(["New Year", "Plant day"])))
    workdays = draw(st.dictionaries(dates, st.integers(0, 6), max_size=10))
    # A failing example is reported as the calendar to paste into a test.
    note(f"Schedule({zone!r}, {week!r}, holidays={holidays!r}, workdays={workdays!r})")
    return Schedule(zone, week, holidays=holidays, workdays=workdays)


@st.composite
def instants(draw, schedule: Schedule | None = None) -> dt.datetime:
    """An aware moment in 2025–2026, to the microsecond, in one of the zones; given a
    schedule, often exactly where one of its spans begins or ends (where the off-by-one
    mistakes are: a random microsecond never lands there)."""
    moment = EPOCH + dt.timedelta(microseconds=draw(st.integers(0, TWO_YEARS_US)))
    if schedule is not None and draw(st.booleans()):
        day = schedule.local_date(moment)
        edges = [edge for span in schedule.spans(day) for edge in span]
        if edges:
            moment = draw(st.sampled_from(edges))
    return moment.astimezone(zoneinfo.ZoneInfo(draw(st.sampled_from(ZONES))))


def amounts(schedule: Schedule):
    """Microseconds of business time: up to 30 days, and never more than the calendar
    holds in 400 weeks (``add_business_time`` looks ten years ahead, holidays aside)."""
    # ``weekly`` is merged: overlapping spans count once.
    week = sum(
        (b.hour * 60 + b.minute or 24 * 60) - (a.hour * 60 + a.minute)
        for day in schedule.weekly
        for a, b in day
    )
    return st.integers(0, min(MONTH_US, week * 60 * 400 * 10**6))


PROPERTY = settings(
    max_examples=500, deadline=None, suppress_health_check=[HealthCheck.filter_too_much]
)


def micro(seconds: float) -> dt.timedelta:
    """A float of seconds as the exact microseconds it stands for."""
    return dt.timedelta(seconds=seconds)


@PROPERTY
@given(st.data())
def test_adding_then_measuring_gives_back_the_amount(data):
    schedule = data.draw(schedules())
    start = data.draw(instants(schedule))
    amount = data.draw(amounts(schedule))

    due = add_business_time(start, amount / 10**6, schedule)

    assert micro(business_time_between(start, due, schedule)) == dt.timedelta(microseconds=amount)
    assert due.tzinfo == schedule.zone


@PROPERTY
@given(st.data())
def test_measuring_adds_up_over_adjacent_intervals_and_is_antisymmetric(data):
    schedule = data.draw(schedules())
    a, b, c = sorted(data.draw(st.lists(instants(schedule), min_size=3, max_size=3)))

    whole = business_time_between(a, c, schedule)
    assert micro(whole) == micro(business_time_between(a, b, schedule)) + micro(
        business_time_between(b, c, schedule)
    )
    assert business_time_between(c, a, schedule) == -whole
    assert whole >= 0
    assert micro(whole) <= c - a  # never more business time than wall time


@PROPERTY
@given(st.data())
def test_the_result_of_adding_is_always_inside_working_time(data):
    schedule = data.draw(schedules())
    start = data.draw(instants(schedule))
    amount = data.draw(st.one_of(st.just(0), amounts(schedule)))  # nothing to add, often
    just_before = dt.timedelta(microseconds=1)

    due = add_business_time(start, amount / 10**6, schedule)

    if amount > 0:
        assert due > start
        assert schedule.closure(due - just_before) is None
    else:
        # "Inside" includes a span's end: the instant just before it is working time.
        inside = schedule.closure(start) is None or schedule.closure(start - just_before) is None
        if inside:
            assert due == start
        else:
            assert due == schedule.closure(start).resumes_at
            assert schedule.closure(due) is None


@PROPERTY
@given(st.data())
def test_adding_is_monotonic_in_the_amount(data):
    schedule = data.draw(schedules())
    start = data.draw(instants(schedule))
    smaller, larger = sorted(data.draw(st.lists(amounts(schedule), min_size=2, max_size=2)))

    assert add_business_time(start, smaller / 10**6, schedule) <= add_business_time(
        start, larger / 10**6, schedule
    )


@PROPERTY
@given(st.data())
def test_adding_in_two_steps_is_adding_the_sum(data):
    """What ``_resume_clock`` relies on: moving a due time by a stop's business time is the
    due time of the hours plus the stop."""
    schedule = data.draw(schedules())
    start = data.draw(instants(schedule))
    first, second = data.draw(st.lists(amounts(schedule), min_size=2, max_size=2))
    if first + second > MONTH_US:
        first, second = first // 2, second // 2

    step = add_business_time(start, first / 10**6, schedule)
    assert add_business_time(step, second / 10**6, schedule) == add_business_time(
        start, (first + second) / 10**6, schedule
    )


@PROPERTY
@given(st.data())
def test_closure_agrees_with_the_measure(data):
    """The clock stands at ``t`` exactly when no working time follows it at once, and it
    stands until the moment ``closure`` says it runs again."""
    schedule = data.draw(schedules())
    moment = data.draw(instants(schedule))
    tick = dt.timedelta(microseconds=1)

    closure = schedule.closure(moment)

    working = micro(business_time_between(moment, moment + tick, schedule)) == tick
    assert (closure is None) == working
    if closure is not None and closure.resumes_at is not None:
        assert closure.resumes_at > moment
        assert business_time_between(moment, closure.resumes_at, schedule) == 0
        assert schedule.closure(closure.resumes_at) is None


@PROPERTY
@given(st.data())
def test_adding_what_was_measured_lands_at_the_earliest_such_moment(data):
    """From ``start``, the business time up to ``end`` is used up at ``end`` or, when
    ``end`` is outside working time, where the last span before it ended."""
    schedule = data.draw(schedules())
    start, end = sorted(data.draw(st.lists(instants(schedule), min_size=2, max_size=2)))
    amount = business_time_between(start, end, schedule)
    if amount > MONTH_US / 10**6:
        end = add_business_time(start, MONTH_US / 10**6, schedule)
        amount = business_time_between(start, end, schedule)

    # (Nothing measured: adding 0 moves a start outside working time forward instead.)
    assume(amount > 0)

    due = add_business_time(start, amount, schedule)

    assert due <= end
    assert business_time_between(due, end, schedule) == 0
    if schedule.closure(end - dt.timedelta(microseconds=1)) is None:
        assert due == end  # just before ``end`` was working time: nothing earlier will do
