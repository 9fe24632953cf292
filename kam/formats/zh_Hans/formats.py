# Simplified Chinese: ISO dates in lists and forms (2026-11-26), 年月日 in running text.
DATE_FORMAT = "Y年n月j日 l"  # 2026年11月26日 星期四
SHORT_DATE_FORMAT = "Y-m-d"  # 2026-11-26
DATETIME_FORMAT = "Y年n月j日 H:i"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"  # 2026-11-26 14:05
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
# Grouped by thousands as business documents in mainland China are (18,524,000).
NUMBER_GROUPING = 3
