"""``manage.py load_calendar`` (``tickets.calendars``): China's official arrangement from
the pinned ``holidays`` package, idempotent re-runs that keep what admins entered, years
the package does not hold yet, another country's calendar, and refused arguments.

China's days below are checked against the State Council's notices for 2025 and 2026
(the days off and the weekend days worked instead), not against the package's own list.
"""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from tickets.choices import DayKind
from tickets.models import BusinessCalendar, CalendarDay, WorkingHours

pytestmark = pytest.mark.django_db

D = dt.date
T = dt.time
SOURCE = "holidays 0.109"

#: The State Council's arrangements: every day off (weekends inside a break included) and
#: every make-up workday (调休), 2025 (国办发明电〔2024〕12号) and 2026.
OFF_2025 = [
    (D(2025, 1, 1), D(2025, 1, 1)),  # New Year
    (D(2025, 1, 28), D(2025, 2, 4)),  # Spring Festival
    (D(2025, 4, 4), D(2025, 4, 6)),  # Tomb-Sweeping Day
    (D(2025, 5, 1), D(2025, 5, 5)),  # Labour Day
    (D(2025, 5, 31), D(2025, 6, 2)),  # Dragon Boat
    (D(2025, 10, 1), D(2025, 10, 8)),  # National Day and Mid-Autumn
]
WORKED_2025 = {D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)}
OFF_2026 = [
    (D(2026, 1, 1), D(2026, 1, 3)),
    (D(2026, 2, 15), D(2026, 2, 23)),
    (D(2026, 4, 4), D(2026, 4, 6)),
    (D(2026, 5, 1), D(2026, 5, 5)),
    (D(2026, 6, 19), D(2026, 6, 21)),
    (D(2026, 9, 25), D(2026, 9, 27)),
    (D(2026, 10, 1), D(2026, 10, 7)),
]
WORKED_2026 = {
    D(2026, 1, 4),
    D(2026, 2, 14),
    D(2026, 2, 28),
    D(2026, 5, 9),
    D(2026, 9, 20),
    D(2026, 10, 10),
}
LOADED_2025_2026 = (
    "CN (Asia/Shanghai) created:\n"
    "  2025: 19 holidays, 5 make-up workdays\n"
    "  2026: 22 holidays, 6 make-up workdays\n"
    "  52 days added, 0 changed, 0 removed, 0 entered in admin kept.\n"
)
OFFICE_HOURS = [
    (weekday, starts, ends)
    for weekday in range(5)
    for starts, ends in ((T(9), T(12)), (T(13), T(18)))
]


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_calendar", *args, stdout=out)
    return out.getvalue()


def days(calendar) -> list[tuple]:
    return list(
        CalendarDay.objects.filter(calendar=calendar)
        .order_by("date")
        .values_list("date", "kind", "name", "works_as", "source")
    )


def hours(calendar) -> list[tuple]:
    return list(
        WorkingHours.objects.filter(calendar=calendar)
        .order_by("weekday", "starts")
        .values_list("weekday", "starts", "ends")
    )


def every_day(first: dt.date, last: dt.date):
    while first <= last:
        yield first
        first += dt.timedelta(days=1)


def row_counts() -> tuple[int, int, int]:
    return (
        BusinessCalendar.objects.count(),
        WorkingHours.objects.count(),
        CalendarDay.objects.count(),
    )


@pytest.fixture
def cn():
    assert load("CN", "--years", "2025-2026") == LOADED_2025_2026
    return BusinessCalendar.objects.get(code="CN")


# -- China, 2025 and 2026 -------------------------------------------------------------------


def test_china_is_loaded_with_its_office_hours_in_shanghai(cn):
    assert (cn.code, cn.name, cn.time_zone) == ("CN", "CN official calendar", "Asia/Shanghai")
    assert hours(cn) == OFFICE_HOURS
    assert len(OFFICE_HOURS) == 10

    spot = {day: (kind, name, source) for day, kind, name, _works, source in days(cn)}
    # Named in the country's own language, whatever the locale the command runs in.
    assert spot[D(2026, 10, 1)] == (DayKind.HOLIDAY, "国庆节", SOURCE)
    assert spot[D(2026, 10, 10)] == (DayKind.WORKDAY, "Make-up workday", SOURCE)
    assert spot[D(2026, 9, 20)] == (DayKind.WORKDAY, "Make-up workday", SOURCE)
    assert spot[D(2025, 1, 26)] == (DayKind.WORKDAY, "Make-up workday", SOURCE)
    assert spot[D(2025, 1, 29)][:2] == (DayKind.HOLIDAY, "春节")
    by_year = {
        (year, kind): CalendarDay.objects.filter(calendar=cn, date__year=year, kind=kind).count()
        for year in (2025, 2026)
        for kind in DayKind.values
    }
    assert by_year == {
        (2025, "holiday"): 19,
        (2025, "workday"): 5,
        (2026, "holiday"): 22,
        (2026, "workday"): 6,
    }


@pytest.mark.parametrize(("off", "worked"), [(OFF_2025, WORKED_2025), (OFF_2026, WORKED_2026)])
def test_the_calendar_follows_the_state_council_s_notice(cn, off, worked):
    schedule = cn.schedule
    year = next(iter(worked)).year
    days_off = {day for first, last in off for day in every_day(first, last)}
    monday = ((T(9), T(12)), (T(13), T(18)))

    # Every day of a break is closed, a weekend inside it included; a make-up day works
    # a weekday's hours; no other weekday is closed, no other weekend day worked.
    assert [day for day in days_off if schedule.hours_on(day)] == []
    assert {day: schedule.hours_on(day) for day in worked} == dict.fromkeys(worked, monday)
    assert all(day.weekday() >= 5 for day in worked)
    for day in every_day(D(year, 1, 1), D(year, 12, 31)):
        if day not in days_off and day not in worked:
            assert bool(schedule.hours_on(day)) == (day.weekday() < 5), day


def test_the_names_do_not_depend_on_the_shell_s_locale(monkeypatch):
    # ``holidays`` reads LANGUAGE/LC_ALL/LC_MESSAGES/LANG unless told a language.
    monkeypatch.setenv("LANGUAGE", "en_US")
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    load("CN", "--years", "2026")
    monkeypatch.setenv("LANGUAGE", "th")
    monkeypatch.setenv("LC_ALL", "th_TH.UTF-8")

    assert load("CN", "--years", "2026").endswith(
        " 0 days added, 0 changed, 0 removed, 0 entered in admin kept.\n"
    )
    assert CalendarDay.objects.get(date=D(2026, 10, 1)).name == "国庆节"


# -- running it again -----------------------------------------------------------------------


def test_running_twice_changes_nothing(cn):
    before = (row_counts(), days(cn), hours(cn), list(CalendarDay.objects.values_list("pk")))

    assert load("CN", "--years", "2025-2026") == (
        "CN (Asia/Shanghai) updated:\n"
        "  2025: 19 holidays, 5 make-up workdays\n"
        "  2026: 22 holidays, 6 make-up workdays\n"
        "  0 days added, 0 changed, 0 removed, 0 entered in admin kept.\n"
    )
    after = (row_counts(), days(cn), hours(cn), list(CalendarDay.objects.values_list("pk")))
    assert after == before
    assert CalendarDay.history.count() == 52  # the first load's, no more


def test_running_twice_leaves_the_calendar_s_own_row_alone(cn):
    updated, history = cn.updated_at, cn.history.count()

    load("CN", "--years", "2025-2026")

    cn.refresh_from_db()
    assert (cn.updated_at, cn.history.count()) == (updated, history)


def test_a_re_run_corrects_and_removes_the_package_s_days_only(cn):
    # As an older package version might have left them: a wrong name, a day it dropped.
    CalendarDay.objects.filter(calendar=cn, date=D(2026, 10, 2)).update(
        name="Golden Week", source="holidays 0.100"
    )
    CalendarDay.objects.create(
        calendar=cn, date=D(2026, 12, 25), kind=DayKind.HOLIDAY, name="Old", source="holidays 0"
    )

    output = load("CN", "--years", "2026")

    assert output.endswith("  0 days added, 1 changed, 1 removed, 0 entered in admin kept.\n")
    assert CalendarDay.objects.filter(calendar=cn, date=D(2026, 10, 2)).values_list(
        "name", "source"
    ).get() == ("国庆节", SOURCE)
    assert not CalendarDay.objects.filter(date=D(2026, 12, 25)).exists()
    assert CalendarDay.objects.filter(date__year=2025).count() == 24  # not asked: untouched


def test_what_admins_entered_survives_every_load():
    # A calendar made in admin before the first load: its own name and hours (Saturday
    # mornings too), the plant open on National Day (a date the package lists) and a
    # company holiday (one it does not).
    calendar = BusinessCalendar.objects.create(
        code="CN", name="Shanghai office", time_zone="Asia/Shanghai"
    )
    for weekday in range(6):
        WorkingHours.objects.create(calendar=calendar, weekday=weekday, starts=T(8, 30), ends=T(12))
    open_day = CalendarDay.objects.create(
        calendar=calendar, date=D(2026, 10, 1), kind=DayKind.WORKDAY, name="Plant open", works_as=4
    )
    party = CalendarDay.objects.create(
        calendar=calendar, date=D(2026, 12, 24), kind=DayKind.HOLIDAY, name="Anniversary"
    )
    by_hand = [
        (D(2026, 10, 1), DayKind.WORKDAY, "Plant open", 4, ""),
        (D(2026, 12, 24), DayKind.HOLIDAY, "Anniversary", 0, ""),
    ]
    office = [(weekday, T(8, 30), T(12)) for weekday in range(6)]

    first = load("CN", "--years", "2026")
    second = load("CN", "--years", "2026")

    assert first == (
        "CN (Asia/Shanghai) updated:\n"
        "  2026: 22 holidays, 6 make-up workdays\n"
        "  27 days added, 0 changed, 0 removed, 2 entered in admin kept.\n"
    )
    assert second.endswith("  0 days added, 0 changed, 0 removed, 2 entered in admin kept.\n")
    calendar.refresh_from_db()
    assert (calendar.name, calendar.time_zone) == ("Shanghai office", "Asia/Shanghai")
    assert hours(calendar) == office
    kept = [row for row in days(calendar) if row[0] in (open_day.date, party.date)]
    assert kept == by_hand
    assert len(days(calendar)) == 29
    # And the schedule works the plant's day with Friday's hours.
    assert calendar.schedule.hours_on(D(2026, 10, 1)) == ((T(8, 30), T(12)),)


# -- years the package does not hold --------------------------------------------------------


def test_2027_is_refused_and_nothing_is_written():
    for years in ("2027", "2026-2027", "2025,2027"):
        with pytest.raises(CommandError, match="2027") as refused:
            load("CN", "--years", years)
        assert "--estimated" in str(refused.value)
        assert row_counts() == (0, 0, 0)


def test_2027_refused_on_an_existing_calendar_leaves_it_as_it_was(cn):
    before = (row_counts(), days(cn))

    with pytest.raises(CommandError, match="2027"):
        load("CN", "--years", "2026-2027")

    assert (row_counts(), days(cn)) == before


def test_estimated_2027_loads_its_statutory_holidays_without_make_up_days():
    output = load("CN", "--years", "2026-2027", "--estimated")

    assert output == (
        "CN (Asia/Shanghai) created:\n"
        "  2026: 22 holidays, 6 make-up workdays\n"
        "  2027: 19 holidays, 0 make-up workdays\n"
        "  47 days added, 0 changed, 0 removed, 0 entered in admin kept.\n"
    )
    estimated = CalendarDay.objects.filter(date__year=2027)
    assert set(estimated.values_list("kind", flat=True)) == {DayKind.HOLIDAY}
    assert estimated.get(date=D(2027, 10, 1)).name == "国庆节 (estimated)"
    assert all(name.endswith(" (estimated)") for name in estimated.values_list("name", flat=True))
    # The year the package does hold is loaded as it is, make-up days and all.
    known = CalendarDay.objects.filter(date__year=2026)
    assert known.filter(kind=DayKind.WORKDAY).count() == 6
    assert not known.filter(name__endswith="(estimated)").exists()


# -- another country ------------------------------------------------------------------------


def test_a_new_us_calendar_needs_a_time_zone():
    with pytest.raises(CommandError, match="needs --time-zone"):
        load("US", "--years", "2026")
    assert row_counts() == (0, 0, 0)


def test_the_us_calendar_in_chicago():
    assert load("US", "--years", "2026", "--time-zone", "America/Chicago") == (
        "US (America/Chicago) created:\n"
        "  2026: 12 holidays, 0 make-up workdays\n"
        "  12 days added, 0 changed, 0 removed, 0 entered in admin kept.\n"
    )
    us = BusinessCalendar.objects.get(code="US")
    assert (us.name, us.time_zone, hours(us)) == (
        "US official calendar",
        "America/Chicago",
        OFFICE_HOURS,
    )
    thanksgiving = CalendarDay.objects.get(calendar=us, date=D(2026, 11, 26))
    assert (thanksgiving.kind, thanksgiving.name) == (DayKind.HOLIDAY, "Thanksgiving Day")
    assert us.schedule.hours_on(D(2026, 11, 26)) == ()
    # Later runs keep the zone without being told it again.
    assert load("US", "--years", "2026").startswith("US (America/Chicago) updated:")


# -- refused arguments ----------------------------------------------------------------------


@pytest.mark.parametrize("years", ["2027-2025", "abc", "", "1900", "2026-2200", "2025,x"])
def test_years_that_are_not_years_are_refused(years):
    with pytest.raises(CommandError, match="Years are written 2025-2027, 2026 or 2025,2027"):
        load("CN", "--years", years)
    assert row_counts() == (0, 0, 0)


def test_an_unknown_country_or_time_zone_is_refused():
    with pytest.raises(CommandError, match="no calendar for XX"):
        load("XX", "--years", "2026")
    with pytest.raises(CommandError, match="Mars/Olympus is not a time zone"):
        load("US", "--years", "2026", "--time-zone", "Mars/Olympus")
    assert row_counts() == (0, 0, 0)
