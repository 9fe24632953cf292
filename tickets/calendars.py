"""Business calendars from the ``holidays`` package (``manage.py load_calendar``).

Why ``holidays`` (pinned in pyproject.toml): one maintained package for every country,
China included with the State Council's yearly arrangement — the days off and the
weekend days worked instead (调休, its ``weekend_workdays``), each year cited from the
official notice — so ``load_calendar CN`` and ``load_calendar US`` are one code path.
(``chinese-calendar`` knows China only, and no more years.)

China's arrangement is published each November for the next year; until the package
holds it, a year is refused rather than guessed (``--estimated`` loads its statutory
holidays without the make-up workdays, named as estimated).
"""

from dataclasses import dataclass, field
from datetime import date, time

import holidays
from django.db import transaction
from django.utils.translation import gettext as _

from tickets.choices import DayKind, Weekday
from tickets.models import BusinessCalendar, CalendarDay, WorkingHours

#: The hours a new calendar starts with: Monday to Friday, with a lunch break.
DEFAULT_HOURS = ((time(9), time(12)), (time(13), time(18)))
#: Where a country's calendar runs unless told (the others need ``--time-zone``).
DEFAULT_ZONES = {"CN": "Asia/Shanghai"}
SOURCE = f"holidays {holidays.__version__}"


class CalendarError(ValueError):
    """A calendar the package cannot give (an unknown country, an unpublished year)."""


@dataclass
class LoadReport:
    calendar: BusinessCalendar
    created: bool
    years: dict[int, tuple[int, int]] = field(default_factory=dict)
    added: int = 0
    changed: int = 0
    removed: int = 0
    kept: int = 0


def published_years(code: str) -> set[int] | None:
    """The years whose official arrangement the package holds, for a country that
    publishes one each year; ``None`` where the rules alone give every year."""
    if code == "CN":
        from holidays.countries.china import ChinaStaticHolidays

        return set(ChinaStaticHolidays.special_public_holidays)
    return None


def package_days(code: str, year: int, *, estimated: bool = False) -> dict[date, tuple[str, str]]:
    """``{date: (kind, name)}`` for ``year`` in ``code``'s official calendar."""
    try:
        # Named in the country's own language (国庆节, Thanksgiving), whatever the locale.
        language = holidays.country_holidays(code).default_language
        country = holidays.country_holidays(code, years=year, language=language)
    except NotImplementedError as error:
        raise CalendarError(
            _("The holidays package has no calendar for %(code)s.") % {"code": code}
        ) from error
    known = published_years(code)
    if known is not None and year not in known and not estimated:
        raise CalendarError(
            _(
                "%(source)s does not hold the official arrangement of %(year)d for %(code)s "
                "yet (China publishes it each November): upgrade the holidays package, enter "
                "the days in admin, or pass --estimated for the statutory holidays alone."
            )
            % {"source": SOURCE, "year": year, "code": code}
        )
    suffix = _(" (estimated)") if known is not None and year not in known else ""
    days = {
        day: (DayKind.HOLIDAY, f"{name}{suffix}"[:100])
        for day, name in country.items()
        if day.year == year
    }
    if not suffix:
        for day in country.weekend_workdays:
            if day.year == year:
                days[day] = (DayKind.WORKDAY, _("Make-up workday"))
    return days


def parse_years(text: str) -> list[int]:
    """``2025-2027``, ``2026`` or ``2025,2027`` as a sorted list of years."""
    years: set[int] = set()
    try:
        for part in text.split(","):
            first, _sep, last = part.strip().partition("-")
            start, end = int(first), int(last or first)
            if not 1950 <= start <= end <= 2100:
                raise ValueError
            years.update(range(start, end + 1))
    except ValueError as error:
        raise CalendarError(
            _("Years are written 2025-2027, 2026 or 2025,2027 (1950 to 2100).")
        ) from error
    return sorted(years)


@transaction.atomic
def calendar_load(
    code: str, years: list[int], *, time_zone: str = "", name: str = "", estimated: bool = False
) -> LoadReport:
    """Create or update calendar ``code`` with the package's days of ``years``.

    Idempotent: a day the package lists is added or corrected, one it no longer lists is
    removed, and a day entered by hand in admin (no ``source``) is kept as it is. A new
    calendar gets Monday–Friday 09:00–12:00 and 13:00–18:00; an existing one keeps its
    hours, zone and name unless they are given. All or nothing.
    """
    code = code.strip().upper()
    country = code.split("-")[0]
    wanted = {year: package_days(country, year, estimated=estimated) for year in years}
    calendar = BusinessCalendar.objects.select_for_update().filter(code=code).first()
    created = calendar is None
    if created:
        zone = time_zone or DEFAULT_ZONES.get(country)
        if not zone:
            raise CalendarError(
                _("A new calendar for %(code)s needs --time-zone (e.g. America/Chicago).")
                % {"code": code}
            )
        default_name = _("%(code)s official calendar") % {"code": code}
        calendar = BusinessCalendar(code=code, name=name or default_name, time_zone=zone)
    changed = created
    if not created:
        wanted_zone, wanted_name = time_zone or calendar.time_zone, name or calendar.name
        changed = (wanted_zone, wanted_name) != (calendar.time_zone, calendar.name)
        calendar.time_zone, calendar.name = wanted_zone, wanted_name
    if changed:
        # Saved only when something changed: a re-run adds no history row.
        calendar.full_clean()
        calendar.save()
    if created:
        WorkingHours.objects.bulk_create(
            WorkingHours(calendar=calendar, weekday=weekday, starts=starts, ends=ends)
            for weekday in Weekday.values[:5]
            for starts, ends in DEFAULT_HOURS
        )
    report = LoadReport(calendar=calendar, created=created)
    existing = {
        day.date: day for day in CalendarDay.objects.filter(calendar=calendar, date__year__in=years)
    }
    for year, days in wanted.items():
        report.years[year] = (
            sum(kind == DayKind.HOLIDAY for kind, _name in days.values()),
            sum(kind == DayKind.WORKDAY for kind, _name in days.values()),
        )
        for day, (kind, label) in sorted(days.items()):
            row = existing.pop(day, None)
            if row is None:
                CalendarDay.objects.create(
                    calendar=calendar, date=day, kind=kind, name=label, source=SOURCE
                )
                report.added += 1
            elif not row.source:
                report.kept += 1
            elif (row.kind, row.name, row.works_as, row.source) != (
                kind,
                label,
                Weekday.MONDAY,
                SOURCE,
            ):
                row.kind, row.name, row.works_as, row.source = kind, label, Weekday.MONDAY, SOURCE
                row.save()
                report.changed += 1
    for row in existing.values():
        if row.source:
            row.delete()
            report.removed += 1
        else:
            report.kept += 1
    return report
