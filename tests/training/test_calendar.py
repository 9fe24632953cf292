"""A session as an iCalendar file, read back the way RFC 5545 says a calendar reads it.

The ``icalendar`` package is not in the project's environment, so the file is parsed by
hand here, strictly: CRLF line ends, content lines of at most 75 octets folded with one
leading space and never inside a UTF-8 character, parameter values quoted when they must
be, and TEXT values with ``\\``, ``;``, ``,`` and newlines escaped.
"""

import datetime as dt
import re
import zoneinfo

import pytest

from kam.choices import Role
from tests import factories as f
from training import services
from training.calendar import session_ics

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
#: Tuesday 2 March 2027, 09:30 in Shanghai (01:30 UTC), for 90 minutes.
T0 = dt.datetime(2027, 3, 2, 9, 30, tzinfo=SHANGHAI)
#: When the file is made: its DTSTAMP.
MADE = dt.datetime(2027, 2, 20, 16, 5, 9, tzinfo=SHANGHAI)
ACCOUNT = "杭州精密铸造有限公司"
TITLE = "X200 数控机床日常维护与故障排除培训（第一期）：安全规范、润滑保养、常见报警代码"
AGENDA = (
    "一、安全规范与防护装备；二、主轴润滑、导轨清洁与冷却液更换，每周一次\n"
    "三、常见报警代码：E-01, E-02; 路径 C:\\cnc\\logs\n"
    "四、问答"
)
MAX_OCTETS = 75


# -- a strict reader ---------------------------------------------------------------------------


def physical_lines(ics: bytes) -> list[bytes]:
    """The file's lines, checked: CRLF only, 75 octets at most, each UTF-8 on its own."""
    assert ics.endswith(b"\r\n")
    lines = ics[:-2].split(b"\r\n")
    for line in lines:
        assert b"\r" not in line and b"\n" not in line, line
        assert len(line) <= MAX_OCTETS, (len(line), line)
        line.decode("utf-8")  # folding cut no character in two
    return lines


def content_lines(ics: bytes) -> list[str]:
    """Unfolded (RFC 5545 §3.1): a line starting with one space continues the one before."""
    logical: list[str] = []
    for line in physical_lines(ics):
        text = line.decode("utf-8")
        if text.startswith(" "):
            assert logical, "a file does not start with a continuation"
            logical[-1] += text[1:]
        else:
            assert text, "no empty content line"
            logical.append(text)
    return logical


def split_outside_quotes(text: str, separator: str, maxsplit: int = -1) -> list[str]:
    parts, current, quoted = [], "", False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == separator and not quoted and maxsplit != 0:
            parts.append(current)
            current = ""
            maxsplit -= 1
            continue
        current += char
    assert not quoted, f"an unclosed quote in {text!r}"
    return [*parts, current]


def parameter_value(value: str) -> str:
    """param-value = paramtext / quoted-string: ``,;:`` only inside quotes."""
    if value.startswith('"'):
        assert value.endswith('"') and '"' not in value[1:-1], value
        return value[1:-1]
    assert not set(value) & set(',;:"'), f"{value!r} must be quoted"
    return value


def parse_line(line: str) -> tuple[str, dict[str, str], str]:
    head, value = split_outside_quotes(line, ":", maxsplit=1)
    name, *parameters = split_outside_quotes(head, ";")
    assert re.fullmatch(r"[A-Z][A-Z0-9-]*", name), name
    params = {}
    for parameter in parameters:
        key, _, raw = parameter.partition("=")
        params[key] = parameter_value(raw)
    return name, params, value


def text(value: str) -> str:
    """A TEXT value unescaped; an unescaped ``;`` or ``,`` is not TEXT (RFC 5545 §3.3.11)."""
    out, chars = "", iter(value)
    for char in chars:
        if char == "\\":
            escaped = next(chars)
            assert escaped in "\\;,nN", f"\\{escaped} is no TEXT escape"
            out += "\n" if escaped in "nN" else escaped
        else:
            assert char not in ";,", f"an unescaped {char!r} in {value!r}"
            out += char
    return out


def parse(ics: str) -> dict[str, tuple[dict[str, str], str]]:
    """The calendar's one event, property by property (checked for structure)."""
    lines = [parse_line(line) for line in content_lines(ics.encode("utf-8"))]
    names = [name for name, _params, _value in lines]
    assert lines[0] == ("BEGIN", {}, "VCALENDAR") and lines[-1] == ("END", {}, "VCALENDAR")
    assert lines[names.index("BEGIN", 1)] == ("BEGIN", {}, "VEVENT")
    assert names.count("BEGIN") == names.count("END") == 2
    start, end = names.index("BEGIN", 1), names.index("END")
    assert lines[end] == ("END", {}, "VEVENT")
    calendar = {name: (params, value) for name, params, value in lines[1:start]}
    assert calendar["VERSION"] == ({}, "2.0") and calendar["PRODID"][1]
    event = lines[start + 1 : end]
    assert len({name for name, *_rest in event}) == len(event), "a property given twice"
    return {name: (params, value) for name, params, value in event}


# -- the sessions ------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.KAM_BASE_URL = "https://crm.example.com"


@pytest.fixture
def trainer(db):
    return f.UserFactory(
        username="wangfang",
        first_name="芳",
        last_name="王",
        email="wang.fang@example.com",
        role=Role.DEPARTMENT,
        department=f.department("training"),
    )


@pytest.fixture
def session(alice, trainer):
    account = f.AccountFactory(owner=alice, name=ACCOUNT)
    return services.session_create(
        by=alice,
        account=account,
        title=TITLE,
        scheduled_at=T0,
        duration_minutes=90,
        location="杭州市萧山区, 2号厂房; 培训室 B",
        agenda=AGENDA,
        trainer=trainer,
    )


def test_the_file_is_rfc_5545_with_every_line_folded_at_75_octets(session):
    ics = session_ics(session, now=MADE)
    raw = ics.encode("utf-8")

    lines = physical_lines(raw)
    assert len(lines) > len(content_lines(raw))  # the long lines were folded
    assert max(len(line) for line in lines) > 70  # and filled, not cut short
    assert any(line.startswith(b" ") for line in lines)
    assert ics.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")


def test_the_event_says_what_when_where_and_who(session):
    event = parse(session_ics(session, now=MADE))

    assert text(event["SUMMARY"][1]) == f"{TITLE} · {ACCOUNT}"
    assert text(event["DESCRIPTION"][1]) == AGENDA
    assert text(event["LOCATION"][1]) == "杭州市萧山区, 2号厂房; 培训室 B"
    assert event["DTSTART"] == ({}, "20270302T013000Z")
    assert event["DTEND"] == ({}, "20270302T030000Z")
    assert event["DTSTAMP"] == ({}, "20270220T080509Z")
    assert event["UID"] == ({}, f"training-session-{session.pk}@crm.example.com")
    assert event["URL"] == ({}, f"https://crm.example.com/training/{session.pk}/")
    assert event["ORGANIZER"] == ({"CN": "王芳"}, "mailto:wang.fang@example.com")
    assert event["STATUS"] == ({}, "CONFIRMED")
    assert re.fullmatch(r"\d+", event["SEQUENCE"][1])


def test_special_characters_are_escaped_not_dropped(session):
    ics = session_ics(session, now=MADE)
    description = parse(ics)["DESCRIPTION"][1]

    assert "E-01\\, E-02\\; 路径 C:\\\\cnc\\\\logs\\n四、问答" in description
    assert "\n" not in description


def test_a_cancelled_session_is_a_cancelled_event(session, alice):
    services.session_transition(session=session, to_status="cancelled", by=alice, now=T0)
    session.refresh_from_db()

    event = parse(session_ics(session, now=MADE))

    assert event["STATUS"] == ({}, "CANCELLED")
    assert event["UID"] == ({}, f"training-session-{session.pk}@crm.example.com")


def test_a_session_moved_keeps_its_uid_and_gets_a_later_sequence(session, alice):
    before = parse(session_ics(session, now=MADE))

    moved = services.session_update(
        session=session, by=alice, scheduled_at=T0 + dt.timedelta(days=1)
    )
    after = parse(session_ics(moved, now=MADE))

    assert after["UID"] == before["UID"]
    assert after["DTSTART"] == ({}, "20270303T013000Z")
    assert int(after["SEQUENCE"][1]) >= int(before["SEQUENCE"][1])


def test_an_online_session_is_where_its_link_is(alice, trainer):
    account = f.AccountFactory(owner=alice, name="Ningbo Moulds")
    online = services.session_create(
        by=alice,
        account=account,
        title="Product demo",
        kind="product_demo",
        topic="The new X300, live",
        scheduled_at=dt.datetime(2027, 3, 5, 23, 0, tzinfo=SHANGHAI),  # 15:00 UTC
        duration_minutes=120,
        online_url="https://meet.example.com/x300?room=7;lang=zh",
        trainer=alice,
    )

    event = parse(session_ics(online, now=MADE))

    assert text(event["LOCATION"][1]) == "https://meet.example.com/x300?room=7;lang=zh"
    assert text(event["DESCRIPTION"][1]) == (
        "The new X300, live\n\nhttps://meet.example.com/x300?room=7;lang=zh"
    )
    assert (event["DTSTART"][1], event["DTEND"][1]) == ("20270305T150000Z", "20270305T170000Z")
    assert event["ORGANIZER"] == ({"CN": alice.display_name}, "mailto:alice@example.com")


def test_a_trainer_without_an_address_is_organizer_by_a_noreply_one(session, trainer):
    trainer.email = ""
    trainer.save()
    session.refresh_from_db()

    event = parse(session_ics(session, now=MADE))

    assert event["ORGANIZER"] == ({"CN": "王芳"}, "mailto:noreply@crm.example.com")


def test_folding_never_cuts_a_character_whatever_lands_on_octet_75(session):
    """Titles that put each byte of a 3- and a 4-byte character on the fold, one by one."""
    for shift in range(8):
        for filler in ("培训", "🎓", "é", "a"):
            session.title = "x" * shift + filler * 60
            session.agenda = ("n" * shift + filler * 3 + "\n") * 20

            event = parse(session_ics(session, now=MADE))

            assert text(event["SUMMARY"][1]) == f"{session.title} · {ACCOUNT}"
            assert text(event["DESCRIPTION"][1]) == session.agenda


def test_a_short_line_is_not_folded(session):
    session.title = "Demo"
    session.agenda = ""
    session.topic = ""

    lines = physical_lines(session_ics(session, now=MADE).encode("utf-8"))

    assert f"SUMMARY:Demo · {ACCOUNT}".encode() in lines
    assert b"DESCRIPTION:" in lines


def test_a_trainer_name_with_a_comma_is_quoted(session, trainer):
    trainer.first_name, trainer.last_name = "Sarah", "Miller, Jr."
    trainer.save()
    session.refresh_from_db()

    event = parse(session_ics(session, now=MADE))

    assert event["ORGANIZER"] == ({"CN": "Sarah Miller, Jr."}, "mailto:wang.fang@example.com")


def test_a_lone_carriage_return_is_a_newline_too(session):
    session.agenda = "Safety\rLubrication"

    event = parse(session_ics(session, now=MADE))

    assert text(event["DESCRIPTION"][1]) == "Safety\nLubrication"
