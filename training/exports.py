"""Duty 7's export (``kam.exports``): the customer feedback report, as the PDF a rep hands
the customer (Chinese rendered) and as XLSX (every figure, every session, every comment).

It is one session's (``?session=<id>``, the link of the session's page, for whoever sees
the session: its trainer and the department supporting it too), or the report page's:
a quarter (``year``, ``quarter``) and an account, a team or a rep (``account`` | ``team``
| ``owner``, as ``tickets.views.scope_params`` writes them), built with the page's own
form and ``scoped``, so a file never holds more, or other, than the page. The figures are
``training.selectors.feedback_report``'s, the page's; the PDF lists the comments the page
lists (and the first sessions of a long quarter), the XLSX all of them.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kam.bounds import as_id
from kam.exports import Column, Document, ExportDefinition, Sheet, meta_for, register
from kam.figures import percent
from tickets.exports import report_document, report_scope
from tickets.views import ReportView, scoped
from training import selectors
from training.choices import SessionStatus
from training.models import TrainingSession

NAME = "training.feedback_report"
#: Sessions a PDF lists at most, as many rows as a report page shows (the figures cover
#: them all, and the XLSX lists them all): a PDF is rendered row by row, some fifty times
#: slower than a sheet's row, and a company's quarter holds thousands of sessions.
SESSIONS_SHOWN = ReportView.ROWS_SHOWN
TITLE = gettext_lazy("Customer feedback report")
NAMED_TITLE = gettext_lazy("Customer feedback report: %(name)s")

SUMMARY_COLUMNS = [
    Column(lambda report: len(report.sessions), gettext_lazy("Sessions"), "int"),
    Column("invited", gettext_lazy("Invited"), "int"),
    Column("attended", gettext_lazy("Attended"), "int"),
    Column("attendance_rate", gettext_lazy("Attendance rate %"), "percent"),
    Column("feedback_count", gettext_lazy("Answers"), "int"),
    Column("mean_score", gettext_lazy("Average score"), "decimal"),
    Column("satisfied_share", gettext_lazy("Satisfied (4–5) %"), "percent"),
    Column("comments_total", gettext_lazy("Comments"), "int"),
]
SCORE_COLUMNS = [
    Column(lambda row: row[0], gettext_lazy("Score"), "int"),
    Column(lambda row: row[1], gettext_lazy("Answers"), "int"),
    Column(lambda row: row[2], gettext_lazy("Share %"), "percent"),
]
SESSION_COLUMNS = [
    Column("pk", gettext_lazy("Session"), "int"),
    Column("title", gettext_lazy("Title")),
    Column("get_kind_display", gettext_lazy("Kind")),
    Column("scheduled_at", gettext_lazy("Held on"), "datetime"),
    Column("duration_minutes", gettext_lazy("Minutes"), "int"),
    # Of the account, its name and tier: all a supporting department may read of it.
    Column("account.name", gettext_lazy("Account")),
    Column("account.get_tier_display", gettext_lazy("Tier")),
    Column("trainer.display_name", gettext_lazy("Trainer")),
    Column("invited", gettext_lazy("Invited"), "int"),
    Column("attended_count", gettext_lazy("Attended"), "int"),
    Column(
        lambda session: percent(session.attended_count, session.invited),
        gettext_lazy("Attendance rate %"),
        "percent",
    ),
    Column("feedback_count", gettext_lazy("Answers"), "int"),
    Column("mean_score", gettext_lazy("Average score"), "decimal"),
]


def comment_columns(sessions) -> list[Column]:
    """The comments' columns; each comment's session (and its account) from the report's
    own list, so no comment costs a query."""
    by_pk = {session.pk: session for session in sessions}
    return [
        Column("submitted_on", gettext_lazy("Submitted on"), "date"),
        Column("session_id", gettext_lazy("Session"), "int"),
        Column(lambda item: by_pk[item.session_id].title, gettext_lazy("Title")),
        Column(lambda item: by_pk[item.session_id].account.name, gettext_lazy("Account")),
        Column(lambda item: item.contact.name if item.contact_id else "", gettext_lazy("Contact")),
        Column("score", gettext_lazy("Score"), "int"),
        Column("comments", gettext_lazy("Comments")),
        Column(lambda item: item.link_id is not None, gettext_lazy("Through a link"), "bool"),
    ]


def one_session(user, raw) -> TrainingSession:
    """The session ``?session=`` names, if ``user`` sees it (a 404 otherwise, as for any
    record outside ``visible_to``); held, or it has no feedback to report (a 400)."""
    pk = as_id(raw)
    session = (
        TrainingSession.objects.visible_to(user).select_related("account").filter(pk=pk).first()
        if pk is not None
        else None
    )
    if session is None:
        raise Http404
    if session.status != SessionStatus.DONE:
        raise ValidationError(_("A session's feedback report is made once the session is done."))
    return session


def session_document(user, session) -> Document:
    held = formats.date_format(timezone.localtime(session.scheduled_at).date(), "DATE_FORMAT")
    return Document(
        meta=meta_for(
            NAMED_TITLE % {"name": session.title},
            user,
            period=held,
            filters=[(_("Account"), session.account.name), (_("Session"), session.title)],
        ),
        filename=f"feedback-report-session-{session.pk}",
    )


def feedback_report(user, params, fmt) -> Document:
    # The XLSX has every comment; the PDF those the page shows (and says how many more).
    limit = 0 if fmt == "xlsx" else None
    if "session" in params:
        session = one_session(user, params["session"])
        sessions = TrainingSession.objects.filter(pk=session.pk)
        report = selectors.feedback_report(sessions, comments_limit=limit)
        document = session_document(user, session)
        scope = None
    else:
        # Department members get no scoped report (403), as on the page; a bad period is
        # a 400, an account, team or rep one may not pick a 404.
        scope = report_scope(user, params)
        sessions = scoped(TrainingSession.objects.visible_to(user), user, scope, "account__owner")
        report = selectors.feedback_report(sessions, quarter=scope["quarter"], comments_limit=limit)
        document = report_document(user, scope, TITLE, NAMED_TITLE, "feedback-report")
    for session in report.sessions:
        # To two decimals, as the report's own mean is (a template filter would cut them).
        if session.mean_score is not None:
            session.mean_score = round(session.mean_score, 2)
    if fmt == "xlsx":
        # The rows written: a job's progress counts them.
        document.size = 1 + len(report.distribution) + len(report.sessions) + len(report.comments)
        document.sheets = [
            Sheet(str(_("Summary")), SUMMARY_COLUMNS, [report]),
            Sheet(str(_("Scores")), SCORE_COLUMNS, report.distribution),
            Sheet(str(_("Sessions")), SESSION_COLUMNS, report.sessions),
            Sheet(str(_("Comments")), comment_columns(report.sessions), report.comments),
        ]
    else:
        shown = report.sessions[:SESSIONS_SHOWN]
        document.size = len(shown) + len(report.comments)
        document.pdf_template = "training/exports/feedback_report.html"
        document.context = {
            "report": report,
            "sessions": shown,
            "scope": scope,
            "one_session": scope is None,
        }
    return document


register(ExportDefinition(NAME, TITLE, ("pdf", "xlsx"), feedback_report))
