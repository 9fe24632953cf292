# English as our users read it: day, month name, year (26 Nov 2026); 24-hour clock.
DATE_FORMAT = "l, j F Y"  # Thursday, 26 November 2026
SHORT_DATE_FORMAT = "j M Y"  # 26 Nov 2026
DATETIME_FORMAT = "j F Y, H:i"  # 26 November 2026, 14:05
SHORT_DATETIME_FORMAT = "j M Y H:i"  # 26 Nov 2026 14:05
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
