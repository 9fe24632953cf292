"""Locale formats of KAM CRM (``FORMAT_MODULE_PATH``), over Django's own per language.

Dates must be unambiguous in both languages (never 11/26/2026) and amounts grouped by
thousands in both (Django's Chinese formats define no grouping).
"""
