"""Duty 1's exports (``kam.exports``): the account list, the satisfaction survey report and
the relationship maintenance plan. Each starts from ``visible_to`` and the page's filters."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import selectors
from accounts.filtersets import AccountFilterSet
from accounts.models import Account, RelationshipPlan
from kam.bounds import as_id
from kam.exports import (
    Column,
    Document,
    ExportDefinition,
    ExportRequest,
    Sheet,
    applied_filters,
    invalid_filters,
    meta_for,
    register,
)
from kam.forms import PeriodForm

#: What a PDF report lists at most; the XLSX of the same report holds every row.
PDF_ACCOUNTS = 300
PDF_COMMENTS = 300

ACCOUNT_COLUMNS = [
    Column("code", _("Code")),
    Column("name", _("Name")),
    Column("industry", _("Industry")),
    Column("get_tier_display", _("Tier")),
    Column("get_status_display", _("Status")),
    Column("owner.display_name", _("Owner")),
    Column("region", _("Region")),
    Column("customer_since", _("Customer since"), "date"),
    Column("churned_on", _("Churned on"), "date"),
    Column("annual_potential", _("Annual potential"), "money"),
    Column("last_visited_at", _("Last visit"), "datetime"),
]


def account_list(user, params, fmt) -> Document:
    filterset = AccountFilterSet(
        params, queryset=selectors.accounts_for_user(user), request=ExportRequest(user)
    )
    if not filterset.is_valid():
        raise invalid_filters(filterset.errors)
    accounts = selectors.sorted_accounts(filterset.qs, params.get("sort"))
    return Document(
        meta=meta_for(_("Accounts"), user, filters=applied_filters(filterset.form)),
        filename=f"accounts-{timezone.localdate().isoformat()}",
        sheets=[Sheet(str(_("Accounts")), ACCOUNT_COLUMNS, accounts)],
        size=accounts.count(),
    )


def _one_visible(model, user, raw):
    return get_object_or_404(model.objects.visible_to(user), pk=as_id(raw) or 0)


def survey_report(user, params, fmt) -> Document:
    period = PeriodForm(params)
    if not period.is_valid():
        raise ValidationError(period.errors.get("__all__", []) or [_("Pick a valid period.")])
    start, end, label = period.dates()
    account = _one_visible(Account, user, params["account"]) if params.get("account") else None
    report = selectors.survey_report(user, start=start, end=end, account=account)
    title = (
        _("Satisfaction survey report: %(account)s") % {"account": account.name}
        if account
        else _("Satisfaction survey report")
    )
    document = Document(
        meta=meta_for(title, user, period=label),
        filename=f"satisfaction-{start.isoformat()}-{end.isoformat()}",
    )
    if fmt == "xlsx":
        document.sheets = [
            Sheet(str(_("Per account")), SURVEY_ACCOUNT_COLUMNS, report["per_account"]),
            Sheet(str(_("Responses")), SURVEY_COLUMNS, report["responses"]),
        ]
        document.size = report["totals"]["responses"]
    else:
        # A document to read: the accounts most in need of attention first, within bounds
        # a PDF stays readable at; the XLSX holds every row.
        accounts = list(report["per_account"].order_by("csat", "account__name")[:PDF_ACCOUNTS])
        comments = list(report["responses"].exclude(comment="")[:PDF_COMMENTS])
        document.pdf_template = "accounts/exports/survey_report.html"
        document.context = {
            "report": report,
            "accounts": accounts,
            "comments": comments,
            "limit": PDF_ACCOUNTS,
        }
        document.size = len(accounts) + len(comments)
    return document


SURVEY_ACCOUNT_COLUMNS = [
    Column("account__name", _("Account")),
    Column("responses", _("Responses"), "int"),
    Column("csat", _("CSAT %"), "percent"),
    Column("average", _("Average score"), "decimal"),
    Column("nps", _("NPS"), "decimal"),
    Column("nps_answers", _("NPS answers"), "int"),
    Column("score_5", _("Score 5"), "int"),
    Column("score_4", _("Score 4"), "int"),
    Column("score_3", _("Score 3"), "int"),
    Column("score_2", _("Score 2"), "int"),
    Column("score_1", _("Score 1"), "int"),
]
SURVEY_COLUMNS = [
    Column("received_on", _("Received on"), "date"),
    Column("account.name", _("Account")),
    Column(lambda row: row.contact.name if row.contact_id else "", _("Contact")),
    Column("score", _("Score"), "int"),
    Column("nps", _("NPS"), "int"),
    Column("get_source_display", _("Source")),
    Column("comment", _("Comment")),
]


def relationship_plan(user, params, fmt) -> Document:
    plan = _one_visible(RelationshipPlan, user, params.get("plan"))
    actions = list(selectors.plan_actions_for_plan(plan))
    return Document(
        meta=meta_for(
            _("Relationship maintenance plan: %(account)s") % {"account": plan.account.name},
            user,
            period=plan.period,
        ),
        filename=f"relationship-plan-{plan.account_id}-{plan.period.replace(' ', '')}",
        pdf_template="accounts/exports/relationship_plan.html",
        context={"plan": plan, "actions": actions},
        size=len(actions),
    )


register(ExportDefinition("accounts.account_list", _("Accounts"), ("xlsx",), account_list))
register(
    ExportDefinition(
        "accounts.survey_report", _("Satisfaction survey report"), ("pdf", "xlsx"), survey_report
    )
)
register(
    ExportDefinition(
        "accounts.relationship_plan",
        _("Relationship maintenance plan"),
        ("pdf",),
        relationship_plan,
    )
)
