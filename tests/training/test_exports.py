"""Duty 7's deliverable as a file: the customer feedback report through
``/exports/training.feedback_report.<fmt>``, of one session (``?session=``, the session
page's link) or of the report page's scope (a quarter and an account, a team or a rep).
Each starts from ``visible_to``; the personas are those of ``tests/conftest.py``.

The sessions were held last quarter, so the figures below are exact whatever today is:
Alice's two sessions had 5 people invited, 4 came (80 %), and 4 answers scored 5, 4, 3
and 2 (3.5 on average, half of them satisfied); the first alone: 2 of 3 came, 3 answers
(4.0).
"""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kam.dates import Quarter, company_today
from kam.models import ExportJob, ExportStatus
from tests import factories as f
from tests.support import pdf_text, wait_until
from training import services

pytestmark = pytest.mark.django_db

NAME = "training.feedback_report"
CHINESE_NAME = "杭州精密铸造有限公司"
CHINESE_COMMENT = "讲解清楚，很实用"
LAST = Quarter.of(company_today()).previous()
PERIOD = {"year": LAST.year, "quarter": LAST.quarter}

SUMMARY_HEADER = (
    "Sessions",
    "Invited",
    "Attended",
    "Attendance rate %",
    "Answers",
    "Average score",
    "Satisfied (4–5) %",
    "Comments",
)
SESSION_HEADER = (
    "Session",
    "Title",
    "Kind",
    "Held on",
    "Minutes",
    "Account",
    "Tier",
    "Trainer",
    "Invited",
    "Attended",
    "Attendance rate %",
    "Answers",
    "Average score",
)
COMMENT_HEADER = (
    "Submitted on",
    "Session",
    "Title",
    "Account",
    "Contact",
    "Score",
    "Comments",
    "Through a link",
)


def at(day: int, hour: int) -> dt.datetime:
    """A moment of last quarter, on the company's clock."""
    start = LAST.start_at()
    return start + dt.timedelta(days=day, hours=hour)


def local(moment: dt.datetime) -> dt.datetime:
    """A moment as an XLSX cell holds it: on the company's clock, naive."""
    return timezone.localtime(moment).replace(tzinfo=None)


def export(client, fmt, expected=200, **params):
    response = client.get(reverse("export", args=[NAME, fmt]), params)
    assert response.status_code == expected, body(response)[:300]
    return response


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def response_filename(response) -> str:
    return response["Content-Disposition"].split('filename="')[1].split('"')[0]


def workbook(response):
    return load_workbook(io.BytesIO(body(response)))


def records(sheet):
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def header(sheet):
    return next(sheet.iter_rows(values_only=True))


def info(book):
    return dict(row[:2] for row in book["Export info"].iter_rows(values_only=True) if row[0])


def every_cell(book) -> set[str]:
    return {
        str(value)
        for sheet in book
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    }


def named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save()
    return user


def held(account, title, when, *, invited, came, support=None, **kwargs):
    """A session of ``account`` held at ``when``: ``invited`` asked, ``came`` there."""
    owner = account.owner
    session = f.TrainingSessionFactory(
        account=account, title=title, scheduled_at=when, support_department=support, **kwargs
    )
    services.attendance_invite(session=session, by=owner, contacts=invited)
    services.attendance_record(
        session=session,
        by=owner,
        attended={contact.pk: contact in came for contact in invited},
    )
    return services.session_transition(session=session, to_status="done", by=owner)


@pytest.fixture
def training(alice, bob, charlie, trainer_user):
    named(alice, "Alice", "Zhang")
    named(charlie, "Charlie", "Li")
    castings = f.AccountFactory(owner=alice, code="HZ-001", name=CHINESE_NAME, tier="strategic")
    valves = f.AccountFactory(owner=alice, code="NB-001", name="Ningbo Valve Works", tier="key")
    chengdu = f.AccountFactory(owner=charlie, code="CD-001", name="Chengdu Heavy Industries")
    wang = f.ContactFactory(account=castings, name="王磊")
    li = f.ContactFactory(account=castings, name="李娜")
    zhou = f.ContactFactory(account=castings, name="周强")
    smith = f.ContactFactory(account=valves, name="Ann Smith")
    jones = f.ContactFactory(account=valves, name="Bo Jones")
    chen = f.ContactFactory(account=chengdu, name="Chen Jie")

    # 2 of 3 came; 王磊 and 李娜 answered, and somebody through an open link.
    first = held(
        castings,
        "X200 操作培训",
        at(10, 2),
        invited=[wang, li, zhou],
        came=[wang, li],
        support=f.department("training"),
        topic="Maintenance",
        duration_minutes=120,
    )
    services.feedback_record(
        session=first, by=alice, score=5, comments=CHINESE_COMMENT, contact=wang
    )
    services.feedback_record(session=first, by=alice, score=4, contact=li)
    [(link, token)] = services.feedback_links_create(session=first, by=alice, anonymous=1)
    services.feedback_submit(token=token, score=3, comments="Too short.")
    # Both came; one answered.
    second = held(
        valves,
        "Valve sizing workshop",
        at(20, 6),
        invited=[smith, jones],
        came=[smith, jones],
        kind="workshop",
    )
    services.feedback_record(
        session=second, by=alice, score=2, comments="Slides were hard to read.", contact=smith
    )
    # Not counted: called off; the quarter before; not held yet.
    cancelled = f.TrainingSessionFactory(account=valves, title="Called off", scheduled_at=at(30, 2))
    services.session_transition(session=cancelled, to_status="cancelled", by=alice)
    earlier = held(
        valves,
        "Earlier demo",
        LAST.previous().start_at() + dt.timedelta(days=5),
        invited=[smith],
        came=[smith],
    )
    services.feedback_record(session=earlier, by=alice, score=1, comments="Earlier quarter.")
    planned = f.TrainingSessionFactory(account=castings, title="Next demo")
    # Charlie's, last quarter too.
    theirs = held(chengdu, "Chengdu demo", at(15, 2), invited=[chen], came=[chen])
    services.feedback_record(
        session=theirs, by=charlie, score=1, comments="Chengdu unhappy", contact=chen
    )
    return {
        "castings": castings,
        "valves": valves,
        "chengdu": chengdu,
        "first": first,
        "second": second,
        "planned": planned,
        "theirs": theirs,
        "cancelled": cancelled,
    }


ALICE_SUMMARY = {
    "Sessions": 2,
    "Invited": 5,
    "Attended": 4,
    "Attendance rate %": 0.8,
    "Answers": 4,
    "Average score": 3.5,
    "Satisfied (4–5) %": 0.5,
    "Comments": 3,
}


# -- the report's scope -------------------------------------------------------------------------


def test_xlsx_cells(client, alice, training):
    client.force_login(alice)

    response = export(client, "xlsx", **PERIOD)

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response_filename(response) == f"feedback-report-{LAST.year}-Q{LAST.quarter}.xlsx"
    book = workbook(response)
    assert [sheet.title for sheet in book] == [
        "Summary",
        "Scores",
        "Sessions",
        "Comments",
        "Export info",
    ]
    assert header(book["Summary"]) == SUMMARY_HEADER
    assert records(book["Summary"]) == [ALICE_SUMMARY]
    assert [tuple(row.values()) for row in records(book["Scores"])] == [
        (1, 0, 0),
        (2, 1, 0.25),
        (3, 1, 0.25),
        (4, 1, 0.25),
        (5, 1, 0.25),
    ]
    first, second = training["first"], training["second"]
    assert header(book["Sessions"]) == SESSION_HEADER
    assert records(book["Sessions"]) == [
        {
            "Session": first.pk,
            "Title": "X200 操作培训",
            "Kind": "Training",
            "Held on": local(first.scheduled_at),
            "Minutes": 120,
            "Account": CHINESE_NAME,
            "Tier": "Strategic",
            "Trainer": "Alice Zhang",
            "Invited": 3,
            "Attended": 2,
            "Attendance rate %": 0.667,
            "Answers": 3,
            "Average score": 4,
        },
        {
            "Session": second.pk,
            "Title": "Valve sizing workshop",
            "Kind": "Workshop",
            "Held on": local(second.scheduled_at),
            "Minutes": 90,
            "Account": "Ningbo Valve Works",
            "Tier": "Key",
            "Trainer": "Alice Zhang",
            "Invited": 2,
            "Attended": 2,
            "Attendance rate %": 1,
            "Answers": 1,
            "Average score": 2,
        },
    ]
    today = dt.datetime.combine(company_today(), dt.time())
    assert header(book["Comments"]) == COMMENT_HEADER
    assert records(book["Comments"]) == [
        {
            "Submitted on": today,
            "Session": second.pk,
            "Title": "Valve sizing workshop",
            "Account": "Ningbo Valve Works",
            "Contact": "Ann Smith",
            "Score": 2,
            "Comments": "Slides were hard to read.",
            "Through a link": False,
        },
        {
            "Submitted on": today,
            "Session": first.pk,
            "Title": "X200 操作培训",
            "Account": CHINESE_NAME,
            "Contact": None,
            "Score": 3,
            "Comments": "Too short.",
            "Through a link": True,
        },
        {
            "Submitted on": today,
            "Session": first.pk,
            "Title": "X200 操作培训",
            "Account": CHINESE_NAME,
            "Contact": "王磊",
            "Score": 5,
            "Comments": CHINESE_COMMENT,
            "Through a link": False,
        },
    ]
    summary = book["Summary"]
    assert (summary["D2"].number_format, summary["F2"].number_format) == ("0.0%", "0.00")
    meta = info(book)
    assert (meta["Title"], meta["Period"]) == ("Customer feedback report", LAST.label)
    assert meta["Rows exported"] == 1 + 5 + 2 + 3


@pytest.mark.parametrize(
    ("persona", "titles"),
    [
        ("alice", ["X200 操作培训", "Valve sizing workshop"]),
        ("bob", ["X200 操作培训", "Valve sizing workshop"]),  # his team's: Alice's
        ("charlie", ["Chengdu demo"]),
        ("executive", ["X200 操作培训", "Chengdu demo", "Valve sizing workshop"]),
    ],
)
def test_report_holds_the_sessions_the_persona_reads(client, training, persona, titles, request):
    client.force_login(request.getfixturevalue(persona))

    book = workbook(export(client, "xlsx", **PERIOD))

    assert [row["Title"] for row in records(book["Sessions"])] == titles
    comments = {row["Comments"] for row in records(book["Comments"])}
    assert ("Chengdu unhappy" in comments) == (persona in ("charlie", "executive"))
    assert "Earlier quarter." not in comments


def test_figures_equal_the_report_pages(client, bob, alice, training):
    client.force_login(bob)

    for scope in ({}, {"owner": alice.pk}, {"account": training["castings"].pk}):
        page = client.get(
            reverse("training:feedback-report"), {"quarter": f"{LAST.year}-{LAST.quarter}", **scope}
        )
        assert page.status_code == 200
        report = page.context["report"]
        book = workbook(export(client, "xlsx", **PERIOD, **scope))
        [summary] = records(book["Summary"])
        assert summary == {
            "Sessions": len(report.sessions),
            "Invited": report.invited,
            "Attended": report.attended,
            "Attendance rate %": report.attendance_rate / 100,
            "Answers": report.feedback_count,
            "Average score": report.mean_score,
            "Satisfied (4–5) %": report.satisfied_share / 100,
            "Comments": report.comments_total,
        }, scope
        assert [row["Session"] for row in records(book["Sessions"])] == [
            session.pk for session in report.sessions
        ]
        assert [(row["Score"], row["Answers"]) for row in records(book["Scores"])] == [
            (score, count) for score, count, _share in report.distribution
        ]
        # The page's export link asks for exactly this scope.
        assert page.context["export_query"] == "&".join(
            f"{key}={value}" for key, value in {**PERIOD, **scope}.items()
        )


def test_report_of_one_account_and_of_a_team(client, bob, team_a, training):
    client.force_login(bob)

    account = workbook(export(client, "xlsx", **PERIOD, account=training["castings"].pk))
    team = workbook(export(client, "xlsx", **PERIOD, team=team_a.pk))

    assert records(account["Summary"]) == [
        {
            "Sessions": 1,
            "Invited": 3,
            "Attended": 2,
            "Attendance rate %": 0.667,
            "Answers": 3,
            "Average score": 4,
            "Satisfied (4–5) %": 0.667,
            "Comments": 2,
        }
    ]
    assert info(account)["Title"] == f"Customer feedback report: {CHINESE_NAME}"
    assert info(account)["Account"] == CHINESE_NAME
    assert records(team["Summary"]) == [ALICE_SUMMARY]
    assert info(team)["Title"] == "Customer feedback report: East"


def test_pdf_text_with_chinese(client, alice, training):
    client.force_login(alice)

    response = export(client, "pdf", **PERIOD)

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(body(response))
    assert "Customer feedback report" in text and LAST.label in text
    assert CHINESE_NAME in text and "X200 操作培训" in text
    assert CHINESE_COMMENT in text and "王磊" in text
    for figure in ("80.0%", "3.50 / 5", "50.0%", "2 / 3", "4.00", "2.00"):
        assert figure in text, figure
    assert "Slides were hard to read." in text and "Too short." in text
    assert "Chengdu" not in text and "Earlier quarter." not in text
    assert "Called off" not in text and "Next demo" not in text


def test_pdf_shows_the_pages_comments_and_says_the_xlsx_has_them_all(
    client, alice, training, monkeypatch
):
    monkeypatch.setattr("training.selectors.COMMENTS_SHOWN", 2)
    client.force_login(alice)

    text = pdf_text(body(export(client, "pdf", **PERIOD)))
    book = workbook(export(client, "xlsx", **PERIOD))

    assert "2 of 3 comments shown; the XLSX export has them all." in text
    assert CHINESE_COMMENT not in text  # the oldest
    assert len(records(book["Comments"])) == 3


def test_a_long_quarters_pdf_lists_its_first_sessions(client, alice, training, monkeypatch):
    monkeypatch.setattr("training.exports.SESSIONS_SHOWN", 1)
    client.force_login(alice)

    text = pdf_text(body(export(client, "pdf", **PERIOD)))

    assert "1 of 2 sessions shown; the XLSX export has them all." in text
    # The figures are the quarter's all the same.
    assert "80.0%" in text and "3.50 / 5" in text
    assert "Ningbo Valve Works" not in text  # the second session's account
    assert len(records(workbook(export(client, "xlsx", **PERIOD))["Sessions"])) == 2


def test_outside_what_one_sees(client, bob, charlie, team_b, training):
    client.force_login(charlie)
    for fmt in ("pdf", "xlsx"):
        export(client, fmt, 404, **PERIOD, account=training["castings"].pk)
    export(client, "xlsx", 404, **PERIOD, account="abc")
    # Without an account, Charlie's own figures: Alice's are not there to see.
    cells = every_cell(workbook(export(client, "xlsx", **PERIOD)))
    assert CHINESE_NAME not in cells and "Valve sizing workshop" not in cells
    client.force_login(bob)
    export(client, "xlsx", 404, **PERIOD, team=team_b.pk)
    export(client, "pdf", 404, **PERIOD, owner=charlie.pk)


def test_bad_period_is_a_400(client, alice, training):
    client.force_login(alice)

    export(client, "xlsx", 400, year=1800)
    export(client, "pdf", 400, year="soon")
    export(client, "xlsx", 400, quarter=5)
    export(client, "csv", 404, **PERIOD)


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_the_scoped_report_is_refused_to_departments(
    client, trainer_user, logistics_user, training, fmt
):
    # As the report page: it is the account teams'.
    for user in (trainer_user, logistics_user):
        client.force_login(user)
        export(client, fmt, 403, **PERIOD)
    assert client.get(reverse("training:feedback-report")).status_code == 403


def test_exports_need_a_login(client, training):
    for fmt, params in (("pdf", PERIOD), ("xlsx", {"session": training["first"].pk})):
        response = export(client, fmt, 302, **params)
        assert response["Location"].startswith(reverse("login"))


# -- one session --------------------------------------------------------------------------------


def test_one_sessions_report(client, alice, training):
    client.force_login(alice)
    first = training["first"]

    book = workbook(export(client, "xlsx", session=first.pk))
    pdf = export(client, "pdf", session=first.pk)

    assert records(book["Summary"]) == [
        {
            "Sessions": 1,
            "Invited": 3,
            "Attended": 2,
            "Attendance rate %": 0.667,
            "Answers": 3,
            "Average score": 4,
            "Satisfied (4–5) %": 0.667,
            "Comments": 2,
        }
    ]
    assert [row["Comments"] for row in records(book["Comments"])] == [
        "Too short.",
        CHINESE_COMMENT,
    ]
    meta = info(book)
    assert meta["Title"] == "Customer feedback report: X200 操作培训"
    assert (meta["Account"], meta["Session"]) == (CHINESE_NAME, "X200 操作培训")
    assert response_filename(pdf) == f"feedback-report-session-{first.pk}.pdf"
    text = pdf_text(body(pdf))
    assert "Customer feedback report: X200 操作培训" in text
    assert CHINESE_NAME in text and CHINESE_COMMENT in text and "66.7%" in text
    assert "Valve sizing workshop" not in text and "Slides were hard to read." not in text


def test_one_sessions_figures_equal_its_pages(client, alice, training):
    client.force_login(alice)
    first = training["first"]

    page = client.get(first.get_absolute_url())
    report = page.context["report"]
    [summary] = records(workbook(export(client, "xlsx", session=first.pk))["Summary"])

    assert summary["Invited"] == report.invited == 3
    assert summary["Attended"] == report.attended == 2
    assert summary["Answers"] == report.feedback_count == 3
    assert summary["Average score"] == report.mean_score == 4
    assert summary["Attendance rate %"] * 100 == report.attendance_rate == 66.7
    # The page's button is the export's PDF of this session.
    assert (
        f'href="{reverse("export", args=[NAME, "pdf"])}?session={first.pk}"'
        in page.content.decode()
    )


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("alice", {"first", "second"}),
        ("bob", {"first", "second"}),
        ("executive", {"first", "second", "theirs"}),
        ("charlie", {"theirs"}),
        # The training department supports the first; it reads that one only.
        ("trainer_user", {"first"}),
        ("logistics_user", set()),
    ],
)
def test_one_session_for_whoever_sees_it(client, training, persona, visible, request):
    client.force_login(request.getfixturevalue(persona))

    for key in ("first", "second", "theirs"):
        expected = 200 if key in visible else 404
        for fmt in ("pdf", "xlsx"):
            export(client, fmt, expected, session=training[key].pk)


def test_a_department_reads_the_accounts_name_and_tier_only(client, trainer_user, training):
    client.force_login(trainer_user)

    book = workbook(export(client, "xlsx", session=training["first"].pk))

    [session] = records(book["Sessions"])
    assert (session["Account"], session["Tier"]) == (CHINESE_NAME, "Strategic")
    cells = every_cell(book)
    # The data is there to leak: the account's code and region, its owner.
    for secret in ("HZ-001", "East China", "Ningbo Valve Works", "Chengdu"):
        assert not any(secret in cell for cell in cells), secret
    text = pdf_text(body(export(client, "pdf", session=training["first"].pk)))
    assert "HZ-001" not in text and "East China" not in text


def test_one_session_bad_ids_and_a_session_not_held(client, alice, training):
    client.force_login(alice)

    export(client, "xlsx", 404, session="abc")
    export(client, "pdf", 404, session=2**70)
    export(client, "xlsx", 404, session="")
    export(client, "pdf", 400, session=training["planned"].pk)
    export(client, "xlsx", 400, session=training["cancelled"].pk)


def test_a_sessions_average_is_rounded_not_cut(client, alice):
    account = f.AccountFactory(owner=alice)
    contacts = [f.ContactFactory(account=account) for _ in range(3)]
    session = held(account, "Demo", at(5, 2), invited=contacts, came=contacts)
    for contact, score in zip(contacts, (3, 3, 2), strict=True):
        services.feedback_record(session=session, by=alice, score=score, contact=contact)
    client.force_login(alice)

    [row] = records(workbook(export(client, "xlsx", session=session.pk))["Sessions"])
    text = pdf_text(body(export(client, "pdf", session=session.pk)))

    assert row["Average score"] == 2.67
    assert "2.67" in text and "2.66" not in text


# -- query counts and the job -------------------------------------------------------------------


def feedback_on(alice, count):
    """A session of Alice's held last quarter, with ``count`` attendees who all answered."""
    account = f.AccountFactory(owner=alice)
    contacts = [f.ContactFactory(account=account) for _ in range(count)]
    session = held(account, "Demo", at(5, 2), invited=contacts, came=contacts)
    for contact in contacts:
        services.feedback_record(
            session=session, by=alice, score=4, comments="Good.", contact=contact
        )
    return session


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
@pytest.mark.parametrize("count", [1, 10])
def test_one_session_query_count(client, alice, fmt, count, django_assert_num_queries):
    session = feedback_on(alice, count)
    client.force_login(alice)
    # session, user, the session, the report's five (attendance, scores, their spread,
    # the comments with their contacts, the session with its figures) (+ the savepoint
    # pair)
    with django_assert_num_queries(10):
        export(client, fmt, session=session.pk)


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
@pytest.mark.parametrize("count", [1, 10])
def test_scoped_report_query_count(client, alice, fmt, count, django_assert_num_queries):
    feedback_on(alice, count)
    client.force_login(alice)
    # session, user, the report's five (+ the savepoint pair)
    with django_assert_num_queries(9):
        export(client, fmt, **PERIOD)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_large_report_is_a_job_with_the_same_scope(
    client, bob, alice, training, celery_worker, settings, media_root
):
    settings.KAM_EXPORT_SYNC_ROWS = 3
    client.force_login(bob)

    response = export(client, "xlsx", 302, **PERIOD, owner=alice.pk)

    job = ExportJob.objects.get()
    assert response["Location"] == reverse("export-job", args=[job.pk])
    wait_until(lambda: ExportJob.objects.get().status == ExportStatus.DONE)
    job.refresh_from_db()
    # The summary, five scores, two sessions, three comments.
    assert (job.rows_total, job.rows_done) == (11, 11)
    assert job.filename == f"feedback-report-{LAST.year}-Q{LAST.quarter}-{alice.username}.xlsx"
    book = workbook(client.get(reverse("export-download", args=[job.pk])))
    assert records(book["Summary"]) == [ALICE_SUMMARY]
    assert info(book)["Title"] == "Customer feedback report: Alice Zhang"
