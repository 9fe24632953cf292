"""A session as an iCalendar file (RFC 5545), for a rep's or an attendee's calendar."""

from datetime import UTC, datetime

from django.conf import settings

from kam.notifications import absolute_url

#: Content lines are folded at 75 octets (RFC 5545 §3.1).
LINE_OCTETS = 75


def _escape(text: str) -> str:
    return (
        (text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def _parameter(text: str) -> str:
    """A parameter value (RFC 5545 §3.2): quoted, without the quotes and line breaks it
    may not hold."""
    cleaned = "".join(char for char in (text or "") if char not in '"\r\n')
    return f'"{cleaned}"'


def _fold(line: str) -> str:
    """Split a content line into 75-octet pieces without cutting a UTF-8 character."""
    pieces, current = [], b""
    for char in line:
        encoded = char.encode()
        limit = LINE_OCTETS if not pieces else LINE_OCTETS - 1
        if len(current) + len(encoded) > limit:
            pieces.append(current.decode())
            current = b""
        current += encoded
    pieces.append(current.decode())
    return "\r\n ".join(pieces)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def session_ics(session, *, now: datetime) -> str:
    """One VEVENT: when, how long, where (or the online link), the agenda, the trainer."""
    host = settings.KAM_BASE_URL.split("://")[-1].split("/")[0] or "kam.local"
    description = session.agenda or session.topic or ""
    if session.online_url:
        description = f"{description}\n\n{session.online_url}".strip()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//KAM CRM//Trainings//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:training-session-{session.pk}@{host}",
        f"DTSTAMP:{_utc(now)}",
        f"DTSTART:{_utc(session.scheduled_at)}",
        f"DTEND:{_utc(session.ends_at)}",
        f"SUMMARY:{_escape(f'{session.title} · {session.account.name}')}",
        f"DESCRIPTION:{_escape(description)}",
        f"LOCATION:{_escape(session.location or session.online_url)}",
        f"ORGANIZER;CN={_parameter(session.trainer.display_name)}:mailto:"
        f"{session.trainer.email or 'noreply@' + host}",
        f"URL:{absolute_url(session.get_absolute_url())}",
        "STATUS:" + ("CANCELLED" if session.status == "cancelled" else "CONFIRMED"),
        f"SEQUENCE:{int(session.updated_at.timestamp()) if session.updated_at else 0}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
