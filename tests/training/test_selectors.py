"""Duty 7's reads: the customer feedback report against figures worked out by hand, the
calendar's "upcoming", the home panel's "feedback missing", a session's page and the
materials one may reuse — each seen by whom it should be, in a pinned number of queries.

Quarters are the company's (Asia/Shanghai): a session at 23:30 on 30 September there is
in Q3, one at 00:30 on 1 October is in Q4, though both fall on 30 September in UTC.
"""

import datetime as dt
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kam.dates import Quarter
from tests import factories as f
from training import selectors, services
from training.models import TrainingSession

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
Q3 = Quarter(2026, 3)  # 1 July – 30 September 2026
#: Thursday 14 January 2027, noon in Shanghai: "now" for the calendar and the panels.
NOW = dt.datetime(2027, 1, 14, 12, 0, tzinfo=SHANGHAI)
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
PDF = b"%PDF-1.4\n%%EOF\n"
#: Queries of ``feedback_report`` (attendance, feedback figures, distribution, comments,
#: sessions), whatever the number of sessions.
REPORT_QUERIES = 5


def at(month: int, day: int, hour: int = 9, minute: int = 30, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def hold(account, when, attended: dict, scores=(), *, title="Training", **extra):
    """A session held at ``when``: the contacts in ``attended`` invited and their
    attendance taken, then marked done; ``scores`` are (contact, score, comments, day)."""
    by = account.owner
    session = services.session_create(
        by=by, account=account, title=title, scheduled_at=when, **extra
    )
    if attended:
        services.attendance_invite(session=session, by=by, contacts=list(attended))
        services.attendance_record(
            session=session,
            by=by,
            attended={contact.pk: came for contact, came in attended.items()},
            now=when,
        )
    session = services.session_transition(session=session, to_status="done", by=by, now=when)
    for contact, score, comments, day in scores:
        services.feedback_record(
            session=session,
            by=by,
            contact=contact,
            score=score,
            comments=comments,
            submitted_on=day,
        )
    return session


def plan(account, when, *, title="Planned", **extra):
    return services.session_create(
        by=account.owner, account=account, title=title, scheduled_at=when, **extra
    )


def cancel(session):
    return services.session_transition(
        session=session, to_status="cancelled", by=session.account.owner
    )


def titles(sessions) -> list[str]:
    return [session.title for session in sessions]


def visible(user):
    return TrainingSession.objects.visible_to(user)


@pytest.fixture
def training_department(db):
    return f.department("training")


@pytest.fixture
def quarter(alice_records, charlie, training_department):
    """Alice's Q3 2026 on her castings account: two sessions held, 5 invited, 3 came,
    scored 5, 4 and 2; around them what the report must leave out."""
    castings = alice_records["account"]
    wang, li = alice_records["boss"], alice_records["contact"]
    zhao = f.ContactFactory(account=castings, name="Zhao Qiang")
    first = hold(
        castings,
        at(7, 15),
        {wang: True, li: True, zhao: False},
        [
            (wang, 5, "Clear and practical.", dt.date(2026, 7, 16)),
            (li, 4, "", dt.date(2026, 7, 16)),
        ],
        title="X200 maintenance",
        support_department=training_department,
    )
    second = hold(
        castings,
        at(9, 30, 23, 30),  # 15:30 UTC: still Q3 in Shanghai
        {wang: True, li: None},
        [(wang, 2, "Too fast for the operators.", dt.date(2026, 10, 2))],
        title="X200 troubleshooting",
    )
    # Left out of Q3: the next quarter's (00:30 on 1 October in Shanghai is 30 September in
    # UTC), one still planned, one cancelled.
    hold(
        castings,
        at(10, 1, 0, 30),
        {wang: True},
        [(wang, 1, "Q4 comment", dt.date(2026, 10, 1))],
        title="Q4 session",
    )
    planned = plan(castings, at(8, 10), title="Still planned")
    services.attendance_invite(session=planned, by=castings.owner, contacts=[li])
    services.attendance_record(
        session=planned, by=castings.owner, attended={li.pk: True}, now=at(8, 10)
    )
    cancelled = plan(castings, at(8, 20), title="Called off")
    services.attendance_invite(session=cancelled, by=castings.owner, contacts=[wang, li])
    cancel(cancelled)
    # Alice's other account, and Charlie's.
    moulds = f.AccountFactory(owner=castings.owner, name="Ningbo Moulds")
    sun = f.ContactFactory(account=moulds, name="Sun Mei")
    other = hold(moulds, at(8, 5), {sun: True}, [(sun, 4, "Useful", dt.date(2026, 8, 6))])
    chengdu = f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")
    chen = f.ContactFactory(account=chengdu, name="Chen Jie")
    charlies = hold(
        chengdu, at(8, 12), {chen: True}, [(chen, 3, "Charlie's secret", dt.date(2026, 8, 13))]
    )
    return {
        "account": castings,
        "first": first,
        "second": second,
        "other": other,
        "charlies": charlies,
    }


def figures(report) -> dict:
    return {
        "invited": report.invited,
        "attended": report.attended,
        "attendance_rate": report.attendance_rate,
        "feedback_count": report.feedback_count,
        "mean_score": report.mean_score,
        "distribution": report.distribution,
        "satisfied_share": report.satisfied_share,
    }


def session_figures(session) -> tuple:
    return (
        session.title,
        session.invited,
        session.attended_count,
        session.feedback_count,
        session.mean_score,
    )


# -- the customer feedback report -------------------------------------------------------------


def test_an_accounts_quarter_is_reported_as_worked_out_by_hand(quarter, alice):
    report = selectors.feedback_report(
        visible(alice).filter(account=quarter["account"]), quarter=Q3
    )

    assert figures(report) == {
        "invited": 5,
        "attended": 3,
        "attendance_rate": 60.0,  # 3 of 5
        "feedback_count": 3,
        "mean_score": 3.67,  # (5 + 4 + 2) / 3
        "distribution": [(1, 0, 0.0), (2, 1, 33.3), (3, 0, 0.0), (4, 1, 33.3), (5, 1, 33.3)],
        "satisfied_share": 66.7,  # 4 and 5: 2 of 3
    }
    assert report.quarter == Q3
    assert [session_figures(s) for s in report.sessions] == [
        ("X200 maintenance", 3, 2, 2, 4.5),
        ("X200 troubleshooting", 2, 1, 1, 2.0),
    ]
    # Comments newest first; a score without a comment lists nothing.
    assert [(c.contact.name, c.score, c.comments) for c in report.comments] == [
        ("Wang Lei", 2, "Too fast for the operators."),
        ("Wang Lei", 5, "Clear and practical."),
    ]
    assert report.comments_total == 2


def test_a_reps_quarter_covers_all_her_accounts_and_nobody_elses(quarter, alice, bob):
    for reader in (alice, bob):
        report = selectors.feedback_report(visible(reader), quarter=Q3)

        assert figures(report) == {
            "invited": 6,
            "attended": 4,
            "attendance_rate": 66.7,
            "feedback_count": 4,
            "mean_score": 3.75,  # (5 + 4 + 2 + 4) / 4
            "distribution": [(1, 0, 0.0), (2, 1, 25.0), (3, 0, 0.0), (4, 2, 50.0), (5, 1, 25.0)],
            "satisfied_share": 75.0,
        }
        assert titles(report.sessions) == ["X200 maintenance", "Training", "X200 troubleshooting"]
        assert "Charlie's secret" not in [c.comments for c in report.comments]


def test_the_company_quarter_adds_charlies_session(quarter, executive):
    report = selectors.feedback_report(visible(executive), quarter=Q3)

    assert figures(report) == {
        "invited": 7,
        "attended": 5,
        "attendance_rate": 71.4,
        "feedback_count": 5,
        "mean_score": 3.6,  # (5 + 4 + 2 + 4 + 3) / 5
        "distribution": [(1, 0, 0.0), (2, 1, 20.0), (3, 1, 20.0), (4, 2, 40.0), (5, 1, 20.0)],
        "satisfied_share": 60.0,
    }


def test_charlie_sees_only_his_own_session(quarter, charlie):
    report = selectors.feedback_report(visible(charlie), quarter=Q3)

    assert (titles(report.sessions), report.invited, report.mean_score) == (["Training"], 1, 3.0)
    assert [c.comments for c in report.comments] == ["Charlie's secret"]


def test_the_training_department_reports_on_the_session_it_supported(quarter, trainer_user):
    report = selectors.feedback_report(visible(trainer_user), quarter=Q3)

    assert titles(report.sessions) == ["X200 maintenance"]
    assert (report.invited, report.attended, report.attendance_rate) == (3, 2, 66.7)
    assert (report.mean_score, report.satisfied_share) == (4.5, 100.0)


@pytest.mark.parametrize("who", ["dept_user", "logistics_user"])
def test_other_departments_report_on_nothing(quarter, request, who):
    report = selectors.feedback_report(visible(request.getfixturevalue(who)), quarter=Q3)

    assert (report.sessions, report.invited, report.comments) == ([], 0, [])


def test_one_sessions_report_has_no_quarter(quarter, alice):
    report = selectors.feedback_report(visible(alice).filter(pk=quarter["second"].pk))

    assert figures(report) == {
        "invited": 2,
        "attended": 1,
        "attendance_rate": 50.0,
        "feedback_count": 1,
        "mean_score": 2.0,
        "distribution": [(1, 0, 0.0), (2, 1, 100.0), (3, 0, 0.0), (4, 0, 0.0), (5, 0, 0.0)],
        "satisfied_share": 0.0,
    }
    assert report.quarter is None


def test_the_next_quarter_has_the_session_of_1_october(quarter, alice):
    report = selectors.feedback_report(
        visible(alice).filter(account=quarter["account"]), quarter=Q3.next()
    )

    assert titles(report.sessions) == ["Q4 session"]
    assert (report.invited, report.attended, report.mean_score) == (1, 1, 1.0)


def test_a_planned_or_cancelled_session_is_not_reported(quarter, alice):
    report = selectors.feedback_report(visible(alice).exclude(status="done"))

    assert figures(report) == {
        "invited": 0,
        "attended": 0,
        "attendance_rate": None,  # no data, not 0 %
        "feedback_count": 0,
        "mean_score": None,
        "distribution": [(score, 0, None) for score in (1, 2, 3, 4, 5)],
        "satisfied_share": None,
    }
    assert (report.sessions, report.comments, report.comments_total) == ([], [], 0)


def test_the_comments_shown_are_limited_and_counted(quarter, alice):
    sessions = visible(alice).filter(account=quarter["account"])

    one = selectors.feedback_report(sessions, quarter=Q3, comments_limit=1)
    every = selectors.feedback_report(sessions, quarter=Q3, comments_limit=0)

    assert ([c.comments for c in one.comments], one.comments_total) == (
        ["Too fast for the operators."],
        2,
    )
    assert (len(every.comments), every.comments_total) == (2, 2)


def test_the_report_takes_the_same_queries_for_two_sessions_or_eight(
    quarter, alice, django_assert_num_queries
):
    castings = quarter["account"]
    sessions = visible(alice).filter(account=castings)
    with django_assert_num_queries(REPORT_QUERIES):
        report = selectors.feedback_report(sessions, quarter=Q3)
        [(s.account.name, s.trainer.display_name, s.mean_score) for s in report.sessions]
        [(c.contact.name, c.session.title) for c in report.comments]
    assert len(report.sessions) == 2

    wang = quarter["first"].attendances.get(contact__name="Wang Lei").contact
    for day in range(1, 7):
        hold(
            castings,
            at(9, day),
            {wang: True},
            [(wang, 3, f"Comment {day}", dt.date(2026, 9, day))],
            title=f"Session {day}",
        )

    with django_assert_num_queries(REPORT_QUERIES):
        report = selectors.feedback_report(sessions, quarter=Q3)
        [(s.account.name, s.trainer.display_name, s.mean_score) for s in report.sessions]
        [(c.contact.name, c.session.title) for c in report.comments]
    assert (len(report.sessions), report.invited, report.feedback_count) == (8, 11, 9)

    # A list cut short counts the rest in one more query.
    with django_assert_num_queries(REPORT_QUERIES + 1):
        report = selectors.feedback_report(sessions, quarter=Q3, comments_limit=3)
    assert (len(report.comments), report.comments_total) == (3, 8)


# -- figures of each session ---------------------------------------------------------------------


def test_each_session_carries_its_figures_in_one_query(quarter, alice, django_assert_num_queries):
    empty = plan(quarter["account"], at(12, 1), title="Nothing yet")

    with django_assert_num_queries(1):
        rows = {s.title: session_figures(s)[1:] for s in selectors.with_figures(visible(alice))}

    assert rows == {
        "X200 maintenance": (3, 2, 2, 4.5),
        "X200 troubleshooting": (2, 1, 1, 2.0),
        "Q4 session": (1, 1, 1, 1.0),
        "Still planned": (1, 1, 0, None),
        "Called off": (2, 0, 0, None),
        "Training": (1, 1, 1, 4.0),
        empty.title: (0, 0, 0, None),
    }


# -- the calendar: upcoming sessions ------------------------------------------------------------


@pytest.fixture
def calendar(alice_records, charlie, training_department):
    castings = alice_records["account"]
    chengdu = f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")
    cancelled = plan(castings, NOW + 2 * DAY, title="Called off")
    cancel(cancelled)
    held = plan(castings, NOW + 3 * HOUR, title="Held this afternoon")
    services.session_transition(session=held, to_status="done", by=held.trainer, now=NOW + 5 * HOUR)
    return {
        "stale": plan(castings, NOW - 13 * HOUR, title="Last night"),
        "running": plan(castings, NOW - 11 * HOUR, title="Since one in the morning"),
        "tomorrow": plan(
            castings, NOW + DAY, title="Tomorrow", support_department=training_department
        ),
        "next_week": plan(castings, NOW + 8 * DAY, title="Next week"),
        "charlies": plan(chengdu, NOW + DAY + HOUR, title="Charlie's tomorrow"),
    }


def test_upcoming_is_planned_sessions_from_twelve_hours_ago_on_soonest_first(calendar, alice, bob):
    for reader in (alice, bob):
        assert titles(selectors.upcoming(reader, now=NOW)) == [
            "Since one in the morning",
            "Tomorrow",
            "Next week",
        ]
    assert titles(selectors.upcoming(alice, days=7, now=NOW)) == [
        "Since one in the morning",
        "Tomorrow",
    ]


def test_upcoming_of_others(calendar, charlie, executive, trainer_user, dept_user):
    assert titles(selectors.upcoming(charlie, now=NOW)) == ["Charlie's tomorrow"]
    assert titles(selectors.upcoming(executive, days=7, now=NOW)) == [
        "Since one in the morning",
        "Tomorrow",
        "Charlie's tomorrow",
    ]
    assert titles(selectors.upcoming(trainer_user, now=NOW)) == ["Tomorrow"]
    assert titles(selectors.upcoming(dept_user, now=NOW)) == []


def test_the_trainer_sees_the_sessions_they_give_anywhere(calendar, alice_records, dept_user):
    given = plan(alice_records["account"], NOW + 4 * DAY, title="Given by Tess", trainer=dept_user)

    assert list(selectors.upcoming(dept_user, now=NOW)) == [given]


def test_upcoming_is_one_query(calendar, alice, django_assert_num_queries):
    with django_assert_num_queries(1):
        sessions = selectors.upcoming(alice, now=NOW)
        shown = [(s.title, s.account.name, s.trainer.display_name) for s in sessions]

    assert len(shown) == 3


# -- the home panel: feedback missing -----------------------------------------------------------


@pytest.fixture
def waiting(alice_records, charlie):
    castings = alice_records["account"]
    wang, li = alice_records["boss"], alice_records["contact"]
    chengdu = f.AccountFactory(owner=charlie, name="Chengdu Heavy Industries")
    chen = f.ContactFactory(account=chengdu, name="Chen Jie")
    hold(castings, at(11, 2), {wang: True, li: False}, title="Waiting since November")
    hold(castings, at(11, 20), {li: True}, title="Waiting since later")
    hold(castings, at(11, 10), {wang: True}, [(wang, 4, "", dt.date(2026, 11, 11))], title="Done")
    hold(castings, at(11, 11), {wang: False, li: None}, title="Nobody came")
    hold(castings, at(11, 12), {}, title="Nobody invited")
    planned = plan(castings, at(11, 25), title="Not held yet")
    services.attendance_invite(session=planned, by=planned.trainer, contacts=[wang])
    services.attendance_record(
        session=planned, by=planned.trainer, attended={wang.pk: True}, now=at(11, 25)
    )
    hold(chengdu, at(11, 21), {chen: True}, title="Charlie's waiting")


def test_feedback_is_missing_where_people_came_and_nobody_answered_newest_first(
    waiting, alice, bob, charlie, trainer_user
):
    for reader in (alice, bob):
        assert titles(selectors.feedback_missing(reader)) == [
            "Waiting since later",
            "Waiting since November",
        ]
    assert titles(selectors.feedback_missing(charlie)) == ["Charlie's waiting"]
    assert titles(selectors.feedback_missing(trainer_user)) == []


def test_feedback_missing_is_one_query(waiting, alice, django_assert_num_queries):
    with django_assert_num_queries(1):
        sessions = selectors.feedback_missing(alice)
        shown = [(s.title, s.account.name, s.attended_count) for s in sessions]

    assert shown == [
        ("Waiting since later", "Hangzhou Precision Castings", 1),
        ("Waiting since November", "Hangzhou Precision Castings", 1),
    ]


# -- a session's page, and the materials one may reuse ---------------------------------------------


def upload(session, title, name="slides.pdf"):
    return services.material_add(
        session=session, by=session.account.owner, title=title, file=SimpleUploadedFile(name, PDF)
    )


@pytest.fixture
def page(quarter, alice, media_root):
    first = quarter["first"]
    upload(first, "Safety slides")
    upload(first, "Checklist")
    services.feedback_links_create(session=first, by=alice, contacts=[], anonymous=2)
    return first


def test_a_sessions_page_lists_its_people_feedback_materials_and_links(
    page, alice, trainer_user, django_assert_num_queries
):
    for reader in (alice, trainer_user):
        with django_assert_num_queries(4):
            shown = selectors.session_page(reader, page)
            invited = [(row.contact.name, row.attended) for row in shown["attendances"]]
            feedback = [(row.contact.name, row.score, row.entered_by) for row in shown["feedback"]]
            materials = [(row.title, row.uploaded_by) for row in shown["materials"]]
            links = [(row.contact, row.used_at) for row in shown["links"]]

        assert invited == [("Li Na", True), ("Wang Lei", True), ("Zhao Qiang", False)]
        assert shown["invited_ids"] == {row.contact_id for row in shown["attendances"]}
        assert len(shown["invited_ids"]) == 3
        assert sorted(feedback) == [("Li Na", 4, alice), ("Wang Lei", 5, alice)]
        assert materials == [("Checklist", alice), ("Safety slides", alice)]
        assert links == [(None, None), (None, None)]
        assert shown["links"][0].pk > shown["links"][1].pk  # newest first


def test_materials_to_reuse_are_those_one_sees_and_the_session_does_not_use_yet(
    page, quarter, alice, charlie, media_root
):
    second = quarter["second"]
    upload(second, "Troubleshooting tree")
    upload(quarter["charlies"], "Charlie's price list")
    fresh = plan(quarter["account"], NOW, title="Fresh")

    assert titles(selectors.reusable_materials(alice, second)) == ["Checklist", "Safety slides"]
    assert titles(selectors.reusable_materials(alice, fresh)) == [
        "Troubleshooting tree",
        "Checklist",
        "Safety slides",
    ]  # newest first
    assert titles(selectors.reusable_materials(alice, fresh, limit=1)) == ["Troubleshooting tree"]
    assert titles(selectors.reusable_materials(charlie, quarter["charlies"])) == []

    slides = page.materials.get(title="Safety slides")
    services.material_attach(session=second, by=alice, material=slides)

    assert titles(selectors.reusable_materials(alice, second)) == ["Checklist"]


def test_the_training_department_reuses_what_it_saw_in_the_sessions_it_supports(
    page, quarter, trainer_user, media_root
):
    upload(quarter["second"], "Troubleshooting tree")  # not supported: not seen
    supported = plan(
        quarter["account"], NOW, title="Supported", support_department=page.support_department
    )

    assert titles(selectors.reusable_materials(trainer_user, supported)) == [
        "Checklist",
        "Safety slides",
    ]
