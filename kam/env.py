"""Strict readers for settings taken from the environment (after healthchecks' envbool)."""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_time(name: str, default: str) -> tuple[int, int]:
    """A time of day "HH:MM" (24-hour) as (hour, minute)."""
    raw = os.environ.get(name, "").strip() or default
    hour, _sep, minute = raw.partition(":")
    try:
        parsed = int(hour), int(minute)
    except ValueError:
        parsed = (-1, -1)
    if not (0 <= parsed[0] < 24 and 0 <= parsed[1] < 60):
        raise ImproperlyConfigured(f"{name}={raw!r} is not a time of day; use HH:MM, e.g. 02:30.")
    return parsed
