"""Reads and aggregates for duty 1; everything starts from ``visible_to``."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Round
from django.utils import timezone

from accounts.choices import AccountStatus, Tier
from accounts.models import Account, Contact, PlanAction, RelationshipPlan, SurveyResponse, Visit
from accounts.querysets import overdue_q
from kam.choices import Role
from kam.dates import Quarter, company_today
from kam.figures import percent

UNVISITED_DAYS = 90
FOLLOW_UP_HORIZON_DAYS = 7
#: A satisfied customer (CSAT) answers 4 or 5 of 5.
SATISFIED = Q(score__gte=4)


#: ``?sort=`` of the account list (and its export) -> ORDER BY; the name otherwise.
ACCOUNT_SORTS = {
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "tier": ("tier", "name", "id"),
    "status": ("status", "name", "id"),
    "owner": ("owner__first_name", "owner__last_name", "owner__username", "name", "id"),
    "region": ("region", "name", "id"),
    "potential": ("annual_potential", "name", "id"),
    "-potential": ("-annual_potential", "name", "id"),
    "last_visit": (F("last_visited_at").asc(nulls_first=True), "name", "id"),
    "-last_visit": (F("last_visited_at").desc(nulls_last=True), "name", "id"),
}


def sorted_accounts(accounts: QuerySet[Account], sort: str | None) -> QuerySet[Account]:
    return accounts.order_by(*ACCOUNT_SORTS.get(sort or "name", ACCOUNT_SORTS["name"]))


def accounts_for_user(user) -> QuerySet[Account]:
    return Account.objects.visible_to(user).select_related("owner")


def account_csat(account: Account) -> dict:
    """CSAT of an account: responses scoring 4 or 5 over all responses (None with none)."""
    totals = account.surveys.aggregate(
        responses=Count("id"), satisfied=Count("id", filter=SATISFIED)
    )
    totals["csat"] = percent(totals["satisfied"], totals["responses"])
    return totals


def stakeholder_tree(account: Account) -> list[tuple[Contact, int]]:
    """The account's contacts in reporting order, each with its depth in the map."""
    contacts = list(account.contacts.all())
    children: dict[int | None, list[Contact]] = {}
    ids = {contact.pk for contact in contacts}
    for contact in contacts:
        # A boss at another account (bad data) is treated as no boss, so nobody is lost.
        parent = contact.reports_to_id if contact.reports_to_id in ids else None
        children.setdefault(parent, []).append(contact)
    tree: list[tuple[Contact, int]] = []

    def walk(parent, depth):
        for contact in children.get(parent, []):
            tree.append((contact, depth))
            walk(contact.pk, depth + 1)

    walk(None, 0)
    return tree


def key_stakeholders(account: Account, limit: int = 5) -> QuerySet[Contact]:
    """The people who decide or carry a deal, most influential first (the overview)."""
    return account.contacts.filter(
        buying_role__in=["decision_maker", "champion", "blocker"]
    ).order_by("-influence", "name", "id")[:limit]


def visits_for_account(account: Account) -> QuerySet[Visit]:
    return account.visits.select_related("rep").prefetch_related("contacts")


def open_follow_ups(user, *, today: date | None = None) -> QuerySet[Visit]:
    """Follow-ups due within a week (or overdue) with no later visit to the account."""
    today = today or timezone.localdate()
    return (
        Visit.objects.visible_to(user)
        .filter(
            follow_up_on__isnull=False,
            follow_up_on__lte=today + timedelta(days=FOLLOW_UP_HORIZON_DAYS),
            # The account's latest visit (no later one), read off the maintained field.
            visited_at=F("account__last_visited_at"),
        )
        .exclude(account__status=AccountStatus.CHURNED)
        .select_related("account", "rep")
        .order_by("follow_up_on", "id")
    )


def unvisited_accounts(user=None, *, now=None, days: int = UNVISITED_DAYS) -> QuerySet[Account]:
    """Accounts still in play whose last visit is older than ``days`` (or that have none)."""
    now = now or timezone.now()
    accounts = Account.objects.all() if user is None else Account.objects.visible_to(user)
    return (
        accounts.exclude(status=AccountStatus.CHURNED)
        .filter(Q(last_visited_at__lt=now - timedelta(days=days)) | Q(last_visited_at__isnull=True))
        .select_related("owner")
        .order_by(F("last_visited_at").asc(nulls_first=True), "name")
    )


def plan_actions_for_plan(plan: RelationshipPlan) -> QuerySet[PlanAction]:
    return plan.actions.select_related("owner")


def current_plan(account: Account, *, with_actions: bool = True) -> RelationshipPlan | None:
    """The account's latest plan, with its actions and their owners unless not needed."""
    plans = account.relationship_plans.all()
    if with_actions:
        plans = plans.prefetch_related("actions__owner")
    return plans.first()


def plan_action_counts(plan: RelationshipPlan) -> dict:
    """The plan's open and overdue actions, counted in SQL."""
    return plan.actions.aggregate(
        open_actions=Count("id", filter=Q(done_on__isnull=True)),
        overdue_actions=Count("id", filter=overdue_q()),
    )


def surveys_for_account(account: Account) -> QuerySet[SurveyResponse]:
    return account.surveys.select_related("contact")


def team_activity(manager, *, now=None) -> QuerySet:
    """Per rep of the manager's teams: visits this week, overdue follow-ups, unvisited accounts.

    One query: each figure is a filtered COUNT over the rep's visits or accounts.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    week_start = today - timedelta(days=today.weekday())
    week_start_at = timezone.make_aware(
        timezone.datetime.combine(week_start, timezone.datetime.min.time())
    )
    overdue = (
        Visit.objects.filter(
            account__owner=OuterRef("pk"),
            follow_up_on__lt=today,
            visited_at=F("account__last_visited_at"),
        )
        .exclude(account__status=AccountStatus.CHURNED)
        .order_by()
        .values("account__owner")
        .annotate(n=Count("id"))
        .values("n")
    )
    cutoff = now - timedelta(days=UNVISITED_DAYS)
    unvisited = (
        Account.objects.filter(owner=OuterRef("pk"))
        .exclude(status=AccountStatus.CHURNED)
        .filter(Q(last_visited_at__lt=cutoff) | Q(last_visited_at__isnull=True))
        .order_by()
        .values("owner")
        .annotate(n=Count("id"))
        .values("n")
    )
    # Only visits the manager may see: a rep's visit on an account of another team (one
    # since reassigned, say) is not this manager's business.
    visits_this_week = (
        Visit.objects.visible_to(manager)
        .filter(rep=OuterRef("pk"), visited_at__gte=week_start_at)
        .order_by()
        .values("rep")
        .annotate(n=Count("id"))
        .values("n")
    )

    return (
        get_user_model()
        .objects.filter(role=Role.REP, team__manager=manager, is_active=True)
        .select_related("team")
        .annotate(
            visits_this_week=_count(visits_this_week),
            overdue_follow_ups=_count(overdue),
            unvisited_accounts=_count(unvisited),
        )
        .order_by("team__name", "last_name", "first_name", "username")
    )


def _count(subquery):
    return Coalesce(Subquery(subquery, output_field=IntegerField()), 0)


def company_overview(user, *, now=None) -> dict:
    """The company (or what ``user`` sees of it) at a glance, per team and in total.

    Accounts by status and tier (with the unvisited ones), visits of the last 30 days and
    CSAT of the current quarter (the company's calendar): three GROUP BY queries, one per
    table, whatever the number of accounts; the totals are sums of the teams' rows.
    """
    now = now or timezone.now()
    quarter = Quarter.of(company_today(now))
    cutoff = now - timedelta(days=UNVISITED_DAYS)
    lapsed = ~Q(status=AccountStatus.CHURNED) & (
        Q(last_visited_at__lt=cutoff) | Q(last_visited_at__isnull=True)
    )
    account_rows = (
        Account.objects.visible_to(user)
        .order_by()
        .values("owner__team", "owner__team__name", "status", "tier")
        .annotate(
            n=Count("id"), potential=Sum("annual_potential"), unvisited=Count("id", filter=lapsed)
        )
    )
    visit_rows = (
        Visit.objects.visible_to(user)
        .filter(visited_at__gte=now - timedelta(days=30))
        .order_by()
        .values("account__owner__team")
        .annotate(n=Count("id"))
    )
    survey_rows = (
        SurveyResponse.objects.visible_to(user)
        .filter(received_on__gte=quarter.start, received_on__lte=quarter.end)
        .order_by()
        .values("account__owner__team")
        .annotate(n=Count("id"), satisfied=Count("id", filter=SATISFIED))
    )
    statuses = dict.fromkeys(AccountStatus.values, 0)
    tiers: dict[str, dict] = {}
    teams: dict[int | None, dict] = {}

    def team(pk, name=None):
        return teams.setdefault(
            pk,
            {
                "owner__team__name": name,
                "accounts": 0,
                "unvisited": 0,
                "visits": 0,
                "responses": 0,
                "satisfied": 0,
            },
        )

    for row in account_rows:
        statuses[row["status"]] += row["n"]
        if row["status"] == AccountStatus.ACTIVE:
            tier = tiers.setdefault(
                row["tier"], {"tier": row["tier"], "accounts": 0, "potential": 0}
            )
            tier["accounts"] += row["n"]
            tier["potential"] += row["potential"] or 0
        if row["status"] != AccountStatus.CHURNED:
            figures = team(row["owner__team"], row["owner__team__name"])
            figures["accounts"] += row["n"]
            figures["unvisited"] += row["unvisited"]
    for row in visit_rows:
        if row["account__owner__team"] in teams:
            teams[row["account__owner__team"]]["visits"] += row["n"]
    for row in survey_rows:
        if row["account__owner__team"] in teams:
            figures = teams[row["account__owner__team"]]
            figures["responses"] += row["n"]
            figures["satisfied"] += row["satisfied"]
    for figures in teams.values():
        figures["csat"] = percent(figures["satisfied"], figures["responses"])
    responses = sum(row["n"] for row in survey_rows)
    satisfied = sum(row["satisfied"] for row in survey_rows)
    return {
        "quarter": quarter,
        "statuses": [(status, statuses[status.value]) for status in AccountStatus],
        "tiers": [
            {**tiers[tier.value], "label": tier.label} for tier in Tier if tier.value in tiers
        ],
        "visits_30_days": sum(row["n"] for row in visit_rows),
        "csat": percent(satisfied, responses),
        "responses": responses,
        "unvisited": sum(figures["unvisited"] for figures in teams.values()),
        "unvisited_days": UNVISITED_DAYS,
        "teams": sorted(teams.values(), key=lambda figures: figures["owner__team__name"] or ""),
    }


def _survey_figures() -> dict:
    """The aggregates of a satisfaction report, as keyword arguments of aggregate()/annotate()."""
    return {
        "responses": Count("id"),
        "satisfied": Count("id", filter=SATISFIED),
        "average": Avg("score"),
        "nps_answers": Count("id", filter=Q(nps__isnull=False)),
        "promoters": Count("id", filter=Q(nps__gte=9)),
        "detractors": Count("id", filter=Q(nps__lte=6)),
        **{f"score_{score}": Count("id", filter=Q(score=score)) for score in range(1, 6)},
    }


def _with_rates(row: dict) -> dict:
    """CSAT (share of 4s and 5s), NPS (promoters minus detractors, of those who answered)
    and the distribution: (score, responses, their share) from 5 down to 1."""
    row["csat"] = percent(row["satisfied"], row["responses"])
    answers = row["nps_answers"]
    row["nps"] = round(100 * (row["promoters"] - row["detractors"]) / answers) if answers else None
    row["distribution"] = [
        (score, row[f"score_{score}"], percent(row[f"score_{score}"], row["responses"]))
        for score in range(5, 0, -1)
    ]
    return row


def survey_totals(responses) -> dict:
    """Count, CSAT, mean, NPS and distribution of ``responses``, in one aggregate: the one
    rule for a set of answers, wherever it is shown (a survey report, a service record)."""
    return _with_rates(responses.order_by().aggregate(**_survey_figures()))


def survey_report(user, *, start: date, end: date, account: Account | None = None) -> dict:
    """The satisfaction survey report of the accounts ``user`` sees (or one), over a period.

    Totals and the score distribution in one aggregate, the same per account in one
    GROUP BY; ``responses`` is the lazy queryset of the answers (comments, the XLSX sheet).
    """
    responses = SurveyResponse.objects.visible_to(user).filter(
        received_on__gte=start, received_on__lte=end
    )
    if account is not None:
        responses = responses.filter(account=account)
    totals = survey_totals(responses)
    per_account = (
        responses.order_by()
        .values("account", "account__name", "account__tier")
        .annotate(**_survey_figures())
        .annotate(
            # Each group has at least one response; NPS only where someone answered it.
            csat=100.0 * Cast("satisfied", FloatField()) / Cast("responses", FloatField()),
            # Rounded like the totals' NPS, so the file says what the page says.
            nps=Case(
                When(nps_answers=0, then=Value(None)),
                default=Round(
                    100.0
                    * Cast(F("promoters") - F("detractors"), FloatField())
                    / Cast("nps_answers", FloatField())
                ),
                output_field=FloatField(),
            ),
        )
        .order_by("account__name", "account")
    )
    return {
        "start": start,
        "end": end,
        "account": account,
        "totals": totals,
        "per_account": per_account,
        "responses": responses.select_related("account", "contact").order_by("-received_on", "-id"),
    }
