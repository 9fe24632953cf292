"""``manage.py load_calendar CN --years 2025-2027``: a business calendar from ``holidays``."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tickets.calendars import CalendarError, calendar_load, parse_years


class Command(BaseCommand):
    help = (
        "Create or update a business calendar (holidays and make-up workdays) from the "
        "holidays package: load_calendar CN --years 2025-2027. Idempotent; days entered "
        "in admin are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="country code (CN, US, DE…), or CN-<suffix> for a site")
        parser.add_argument("--years", required=True, help="2025-2027, 2026 or 2025,2027")
        parser.add_argument("--time-zone", default="", help="IANA zone of a new calendar")
        parser.add_argument("--name", default="", help="the calendar's name")
        parser.add_argument(
            "--estimated",
            action="store_true",
            help="load a year whose official arrangement is not published yet "
            "(statutory holidays only, no make-up workdays)",
        )

    def handle(self, *args, code, years, time_zone, name, estimated, **options):
        try:
            report = calendar_load(
                code,
                parse_years(years),
                time_zone=time_zone,
                name=name,
                estimated=estimated,
            )
        except CalendarError as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        calendar = report.calendar
        verb = "created" if report.created else "updated"
        self.stdout.write(f"{calendar.code} ({calendar.time_zone}) {verb}:")
        for year, (days_off, workdays) in report.years.items():
            self.stdout.write(f"  {year}: {days_off} holidays, {workdays} make-up workdays")
        self.stdout.write(
            f"  {report.added} days added, {report.changed} changed, {report.removed} removed, "
            f"{report.kept} entered in admin kept."
        )
