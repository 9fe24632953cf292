"""Writes for duty 3. Pages, the API, admin and the reminder job all come through here.

Two state machines live only here: a market report's (draft → published, then read-only)
and a product suggestion's (submitted → under review → adopted or rejected by R&D; a
decision is final unless an administrator reopens it).
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Account
from kam.choices import DepartmentCode, Role
from kam.dates import Quarter, company_today
from kam.errors import Conflict
from kam.models import Department
from kam.notifications import notify
from kam.records import apply_changes
from kam.visibility import CHANGE, may_change
from market_intel.choices import DECIDED, REPORT_REMINDER_DAYS, ReportStatus, SuggestionStatus
from market_intel.models import Competitor, CompetitorActivity, MarketReport, ProductSuggestion
from market_intel.notifications import (
    REPORT_REMINDER,
    SUGGESTION_DECIDED,
    SUGGESTION_SUBMITTED,
)
from market_intel.querysets import is_rnd


def _check_may_change(record, by) -> None:
    if not may_change(by, record):
        raise PermissionDenied(_("Your role may not change this record."))


def _check_accounts(accounts, by) -> None:
    """Linked accounts must be ones the writer may change (nobody attaches another's)."""
    ids = {account.pk for account in accounts}
    mine = set(
        Account.objects.visible_to(by, CHANGE).filter(pk__in=ids).values_list("pk", flat=True)
    )
    if ids - mine:
        raise ValidationError({"accounts": _("Choose accounts you look after.")})


# -- competitors and what was seen of them -------------------------------------------------


@transaction.atomic
def competitor_create(*, by, **data) -> Competitor:
    return apply_changes(Competitor(), data)


@transaction.atomic
def competitor_update(*, competitor: Competitor, by, **data) -> Competitor:
    _check_may_change(competitor, by)
    return apply_changes(competitor, data)


@transaction.atomic
def competitor_delete(*, competitor: Competitor, by) -> None:
    """Only a competitor nothing refers to (no activity, report or deal) may go."""
    if (
        competitor.activities.exists()
        or competitor.reports.exists()
        or competitor.opportunities.exists()
    ):
        raise Conflict(_("Activities, reports or deals refer to this competitor: it stays."))
    competitor.delete()


@transaction.atomic
def activity_create(*, by, **data) -> CompetitorActivity:
    account = data.get("account")
    if (
        account is not None
        and not Account.objects.visible_to(by, CHANGE).filter(pk=account.pk).exists()
    ):
        raise ValidationError({"account": _("Choose one of your accounts.")})
    data.setdefault("reported_by", by)
    return apply_changes(CompetitorActivity(), data)


@transaction.atomic
def activity_update(*, activity: CompetitorActivity, by, **data) -> CompetitorActivity:
    _check_may_change(activity, by)
    account = data.get("account", activity.account)
    if (
        account is not None
        and not Account.objects.visible_to(by, CHANGE).filter(pk=account.pk).exists()
    ):
        raise ValidationError({"account": _("Choose one of your accounts.")})
    data.pop("reported_by", None)
    return apply_changes(activity, data)


@transaction.atomic
def activity_delete(*, activity: CompetitorActivity, by) -> None:
    _check_may_change(activity, by)
    activity.delete()


# -- market reports --------------------------------------------------------------------------


def _locked_report(report: MarketReport) -> MarketReport:
    return MarketReport.objects.select_for_update().get(pk=report.pk)


@transaction.atomic
def market_report_create(*, by, competitors=(), **data) -> MarketReport:
    data.setdefault("author", by)
    data.pop("status", None)
    report = apply_changes(MarketReport(status=ReportStatus.DRAFT), data)
    report.competitors.set(competitors)
    return report


@transaction.atomic
def market_report_update(*, report: MarketReport, by, competitors=None, **data) -> MarketReport:
    """Change a draft (its author only); a published report is read-only (409)."""
    _check_author(report, by)
    if _locked_report(report).status == ReportStatus.PUBLISHED:
        raise Conflict(_("A published report is read-only."))
    data.pop("status", None)
    data.pop("author", None)
    apply_changes(report, data)
    if competitors is not None:
        report.competitors.set(competitors)
    return report


def _check_author(report: MarketReport, by) -> None:
    if by.pk != report.author_id and not (by.is_superuser or by.role == Role.ADMIN):
        raise PermissionDenied(_("Only the report's author may do this."))


@transaction.atomic
def market_report_publish(*, report: MarketReport, by, now=None) -> MarketReport:
    """Publish a draft: from now on it is read-only and its author's manager reads it."""
    _check_author(report, by)
    locked = _locked_report(report)
    if locked.status == ReportStatus.PUBLISHED:
        raise Conflict(_("This report is published already."))
    if not (locked.title and locked.summary.strip() and locked.body.strip()):
        raise ValidationError(_("A report is published with its title, summary and body."))
    locked.status = ReportStatus.PUBLISHED
    locked.published_at = now or timezone.now()
    apply_changes(locked, {})
    report.status, report.published_at = locked.status, locked.published_at
    return locked


@transaction.atomic
def market_report_delete(*, report: MarketReport, by) -> None:
    _check_author(report, by)
    if _locked_report(report).status == ReportStatus.PUBLISHED:
        raise Conflict(_("A published report stays on record."))
    report.delete()


def reps_without_report(quarter: Quarter):
    """Active reps with no report published in ``quarter`` (by ``published_at``, as the
    ``market_reports`` KPI counts)."""
    published = MarketReport.objects.published().filter(
        published_at__gte=quarter.start_at(), published_at__lt=quarter.end_at()
    )
    return (
        get_user_model()
        .objects.filter(role=Role.REP, is_active=True)
        .exclude(pk__in=published.values("author"))
        .order_by("pk")
    )


def market_reports_remind(*, today: date | None = None) -> dict:
    """From two weeks before a quarter ends, remind each rep without a published report in
    it — once per quarter (``once_key``), so the daily job may run as often as it likes."""
    today = today or company_today()
    quarter = Quarter.of(today)
    if today < quarter.end - timedelta(days=REPORT_REMINDER_DAYS - 1):
        return {"quarter": str(quarter), "reminded": 0}
    days_left = (quarter.end - today).days + 1
    reminded = 0
    url = reverse("market_intel:report-create")
    for rep in reps_without_report(quarter):
        reminded += len(
            notify(
                rep,
                REPORT_REMINDER.code,
                lambda user: (
                    _("Your market report for %(quarter)s is due") % {"quarter": quarter.label}
                ),
                lambda user: (
                    ngettext(
                        "%(quarter)s ends in %(days)d day and you have published no market "
                        "report for it yet.",
                        "%(quarter)s ends in %(days)d days and you have published no market "
                        "report for it yet.",
                        days_left,
                    )
                    % {"quarter": quarter.label, "days": days_left}
                ),
                url,
                once_key=f"market_intel.report_reminder:{rep.pk}:{quarter}",
            )
        )
    return {"quarter": str(quarter), "reminded": reminded}


# -- product suggestions ---------------------------------------------------------------------


def _locked_suggestion(suggestion: ProductSuggestion) -> ProductSuggestion:
    return (
        ProductSuggestion.objects.select_for_update(of=("self",))
        .select_related("submitted_by")
        .get(pk=suggestion.pk)
    )


def may_decide(user) -> bool:
    """R&D members and administrators decide suggestions; nobody else, whatever they see."""
    return user.is_active and (user.is_superuser or user.role == Role.ADMIN or is_rnd(user))


@transaction.atomic
def suggestion_create(*, by, accounts=(), **data) -> ProductSuggestion:
    _check_accounts(accounts, by)
    data.setdefault("submitted_by", by)
    for field in ("status", "decided_by", "decided_on", "decision_note"):
        data.pop(field, None)
    suggestion = apply_changes(ProductSuggestion(), data)
    suggestion.accounts.set(accounts)
    rnd = Department.objects.filter(code=DepartmentCode.RND).first()
    if rnd is not None:
        notify(
            rnd,
            SUGGESTION_SUBMITTED.code,
            lambda user: _("New product suggestion: %(title)s") % {"title": suggestion.title},
            suggestion.description[:500],
            suggestion.get_absolute_url(),
            once_key=f"market_intel.suggestion_submitted:{suggestion.pk}",
        )
    return suggestion


@transaction.atomic
def suggestion_update(
    *, suggestion: ProductSuggestion, by, accounts=None, **data
) -> ProductSuggestion:
    """Change what a suggestion says while R&D has not decided it (its author's side)."""
    _check_may_change(suggestion, by)
    if is_rnd(by):
        raise PermissionDenied(_("R&D decides suggestions; their text is the author's."))
    if _locked_suggestion(suggestion).status in DECIDED:
        raise Conflict(_("A decided suggestion is final unless an administrator reopens it."))
    for field in ("status", "decided_by", "decided_on", "decision_note", "submitted_by"):
        data.pop(field, None)
    if accounts is not None:
        _check_accounts(accounts, by)
    apply_changes(suggestion, data)
    if accounts is not None:
        suggestion.accounts.set(accounts)
    return suggestion


@transaction.atomic
def suggestion_review(*, suggestion: ProductSuggestion, by) -> ProductSuggestion:
    """R&D takes a submitted suggestion under review."""
    if not may_decide(by):
        raise PermissionDenied(_("Only R&D reviews and decides suggestions."))
    locked = _locked_suggestion(suggestion)
    if locked.status != SuggestionStatus.SUBMITTED:
        raise Conflict(
            _("Only a submitted suggestion is taken under review; this one is %(status)s.")
            % {"status": locked.get_status_display()}
        )
    locked.status = SuggestionStatus.UNDER_REVIEW
    return apply_changes(locked, {})


@transaction.atomic
def suggestion_decide(
    *, suggestion: ProductSuggestion, by, decision: str, note: str = "", today=None
) -> ProductSuggestion:
    """Adopt or reject a suggestion (R&D or an administrator), telling its author. Final:
    a decided suggestion answers 409 until an administrator reopens it."""
    if decision not in DECIDED:
        raise ValidationError({"decision": _("Decide adopted or rejected.")})
    if not may_decide(by):
        raise PermissionDenied(_("Only R&D reviews and decides suggestions."))
    locked = _locked_suggestion(suggestion)
    if locked.status in DECIDED:
        raise Conflict(
            _("This suggestion is %(status)s already; an administrator may reopen it.")
            % {"status": locked.get_status_display()}
        )
    if decision == SuggestionStatus.REJECTED and not (note or "").strip():
        raise ValidationError({"note": _("Say why it is rejected.")})
    locked.status = decision
    locked.decided_by = by
    locked.decided_on = today or company_today()
    locked.decision_note = (note or "").strip()
    apply_changes(locked, {})
    notify(
        locked.submitted_by,
        SUGGESTION_DECIDED.code,
        lambda user: (
            _("Your suggestion “%(title)s” is %(status)s")
            % {"title": locked.title, "status": locked.get_status_display()}
        ),
        locked.decision_note,
        locked.get_absolute_url(),
    )
    return locked


@transaction.atomic
def suggestion_reopen(*, suggestion: ProductSuggestion, by) -> ProductSuggestion:
    """An administrator reopens a decided suggestion (back under review); history keeps the
    decision that was."""
    if not (by.is_superuser or by.role == Role.ADMIN):
        raise PermissionDenied(_("Only an administrator reopens a decided suggestion."))
    locked = _locked_suggestion(suggestion)
    if locked.status not in DECIDED:
        raise Conflict(_("Only a decided suggestion is reopened."))
    locked.status = SuggestionStatus.UNDER_REVIEW
    locked.decided_by = None
    locked.decided_on = None
    locked.decision_note = ""
    return apply_changes(locked, {})
