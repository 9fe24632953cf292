"""Business calendar of the company: "today" and quarters in ``settings.TIME_ZONE``.

Pages show times in each user's own zone (``UserPreferencesMiddleware``), but periods that
are judged (a KPI quarter, a report's period) are the company's: a rep in Chicago and one
in Shanghai are measured over the same quarter.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _


def company_tz() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def company_today(now: dt.datetime | None = None) -> dt.date:
    return timezone.localtime(now or timezone.now(), company_tz()).date()


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    quarter: int

    @classmethod
    def of(cls, day: dt.date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def current(cls) -> "Quarter":
        return cls.of(company_today())

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.quarter - 2, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the quarter (inclusive)."""
        return self.next().start - dt.timedelta(days=1)

    def next(self) -> "Quarter":
        return Quarter(self.year + self.quarter // 4, self.quarter % 4 + 1)

    def previous(self) -> "Quarter":
        return Quarter(self.year - (self.quarter == 1), (self.quarter - 2) % 4 + 1)

    def start_at(self) -> dt.datetime:
        """The first instant of the quarter in the company's zone (aware)."""
        return dt.datetime.combine(self.start, dt.time.min, tzinfo=company_tz())

    def end_at(self) -> dt.datetime:
        """The first instant after the quarter (exclusive bound for datetimes)."""
        return self.next().start_at()

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter}"

    @property
    def label(self) -> str:
        """The quarter as a page or a document names it, in the active language."""
        return _("%(year)d Q%(quarter)d") % {"year": self.year, "quarter": self.quarter}


def period_label(year: int, quarter: int | None) -> str:
    """A plan's period: ``2026 Q3`` for a quarter (in the active language), ``2026`` for a
    whole year (``quarter`` None)."""
    return Quarter(year, quarter).label if quarter else str(year)
