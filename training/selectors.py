"""Reads of duty 7 for pages, panels, the report and its exports; each starts from
``visible_to``. The report's figures are aggregates in SQL."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Avg, Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Round
from django.utils import timezone

from kam.dates import Quarter, company_tz
from kam.figures import percent
from training.choices import SCORES, SessionStatus
from training.models import Attendance, TrainingFeedback, TrainingMaterial, TrainingSession
from training.querysets import upcoming_q

#: Comments a report lists at most (the XLSX export has them all).
COMMENTS_SHOWN = 200


def _count(model, **filters):
    rows = (
        model.objects.filter(session=OuterRef("pk"), **filters)
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_figures(sessions):
    """Each session with its invited, attended and feedback counts and mean score, as
    subqueries (one query for the list, whatever its length)."""
    mean = (
        TrainingFeedback.objects.filter(session=OuterRef("pk"))
        .order_by()
        .values("session")
        .annotate(mean=Round(Avg("score"), 2))
        .values("mean")
    )
    return sessions.annotate(
        invited=_count(Attendance),
        attended_count=_count(Attendance, attended=True),
        feedback_count=_count(TrainingFeedback),
        mean_score=Subquery(mean),
    )


def upcoming(user, *, days: int | None = None, now=None):
    """Planned sessions from now on (within ``days`` when given), soonest first."""
    now = now or timezone.now()
    sessions = TrainingSession.objects.visible_to(user).filter(
        upcoming_q(now), status=SessionStatus.PLANNED
    )
    if days is not None:
        sessions = sessions.filter(scheduled_at__lt=now + timedelta(days=days))
    return sessions.select_related("account", "trainer").order_by("scheduled_at", "id")


def feedback_missing(user):
    """Done sessions with attendees but no feedback yet, newest first (the home panel)."""
    return (
        with_figures(TrainingSession.objects.visible_to(user).filter(status=SessionStatus.DONE))
        .filter(feedback_count=0, attended_count__gt=0)
        .select_related("account")
        .order_by("-scheduled_at", "-id")
    )


def session_page(user, session: TrainingSession) -> dict:
    attendances = list(
        Attendance.objects.visible_to(user)
        .filter(session=session)
        .select_related("contact")
        .order_by("contact__name", "id")
    )
    feedback = list(
        TrainingFeedback.objects.visible_to(user)
        .filter(session=session)
        .select_related("contact", "entered_by")
        .order_by("-submitted_on", "-id")
    )
    materials = list(session.materials.select_related("uploaded_by").order_by("title", "id"))
    links = list(
        session.feedback_links.select_related("contact").order_by("-created_at", "-id")[:50]
    )
    return {
        "attendances": attendances,
        "invited_ids": {row.contact_id for row in attendances},
        "feedback": feedback,
        "materials": materials,
        "links": links,
    }


def reusable_materials(user, session: TrainingSession, limit: int = 100):
    """Materials one may add to ``session``: those one sees that it does not use yet."""
    return (
        TrainingMaterial.objects.visible_to(user)
        .exclude(sessions=session)
        .order_by("-created_at", "-id")[:limit]
    )


# -- the customer feedback report ----------------------------------------------------------------


@dataclass
class FeedbackReport:
    sessions: list
    invited: int
    attended: int
    feedback_count: int
    mean_score: float | None
    distribution: list[tuple[int, int, float | None]]
    comments: list
    comments_total: int
    quarter: Quarter | None = None

    @property
    def attendance_rate(self) -> float | None:
        return percent(self.attended, self.invited)

    @property
    def satisfied_share(self) -> float | None:
        """Scores of 4 or 5, in % (the way CSAT counts)."""
        satisfied = sum(count for score, count, _share in self.distribution if score >= 4)
        return percent(satisfied, self.feedback_count)


def quarter_bounds(quarter: Quarter) -> tuple[datetime, datetime]:
    tz = company_tz()
    return (
        datetime.combine(quarter.start, time.min, tzinfo=tz),
        datetime.combine(quarter.next().start, time.min, tzinfo=tz),
    )


def report_sessions(sessions, *, quarter: Quarter | None = None):
    """The done sessions of ``sessions`` (already ``visible_to`` the reader and narrowed to
    the report's scope) held in ``quarter``, when one is given."""
    sessions = sessions.filter(status=SessionStatus.DONE)
    if quarter is not None:
        start, end = quarter_bounds(quarter)
        sessions = sessions.filter(scheduled_at__gte=start, scheduled_at__lt=end)
    return sessions


def feedback_report(
    sessions, *, quarter: Quarter | None = None, comments_limit=None
) -> FeedbackReport:
    """Attendance rate (attended ÷ invited), mean score, score distribution and comments
    over the done sessions of ``sessions`` (held in ``quarter`` when given): one session's,
    or an account's, a rep's or a team's. Six queries, whatever the number of sessions."""
    sessions = report_sessions(sessions, quarter=quarter)
    ids = sessions.values("pk")
    attendance = Attendance.objects.filter(session__in=ids).aggregate(
        invited=Count("pk"), attended=Count("pk", filter=Q(attended=True))
    )
    feedback = TrainingFeedback.objects.filter(session__in=ids)
    stats = feedback.aggregate(count=Count("pk"), mean=Avg("score"))
    counts = dict(feedback.order_by().values_list("score").annotate(n=Count("pk")))
    total = stats["count"]
    distribution = [
        (score, counts.get(score, 0), percent(counts.get(score, 0), total)) for score in SCORES
    ]
    with_comments = (
        feedback.exclude(comments="")
        .select_related("contact", "session")
        .order_by("-submitted_on", "-id")
    )
    limit = COMMENTS_SHOWN if comments_limit is None else comments_limit
    comments = list(with_comments[:limit]) if limit else list(with_comments)
    comments_total = with_comments.count() if limit and len(comments) == limit else len(comments)
    return FeedbackReport(
        sessions=list(
            with_figures(sessions)
            .select_related("account", "trainer")
            .order_by("scheduled_at", "id")
        ),
        invited=attendance["invited"],
        attended=attendance["attended"],
        feedback_count=total,
        mean_score=round(stats["mean"], 2) if stats["mean"] is not None else None,
        distribution=distribution,
        comments=comments,
        comments_total=comments_total,
        quarter=quarter,
    )
