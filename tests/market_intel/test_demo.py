"""market_intel's demo: competitors with their profiles, two years of what was seen of
them, a report a rep a quarter and suggestions R&D decided, deterministic, loaded twice
without duplicates, every row within the models' and the services' rules, history that
reads like the story; the large size scaled down; and the benchmark's cases, which must
find their records in the small seed."""

import re
from collections import Counter, defaultdict
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone

from accounts.models import Account
from kam import bench
from kam.dates import Quarter, company_today
from kam.demo import LARGE, SMALL, demo_reps
from kam.search import document
from market_intel import bench as market_bench
from market_intel import demo as market_demo
from market_intel import services
from market_intel.markdown import render
from market_intel.models import Competitor, CompetitorActivity, MarketReport, ProductSuggestion

MODELS = [Competitor, CompetitorActivity, MarketReport, ProductSuggestion]
SMALL_COUNTS = {
    "Competitor": 8,
    "CompetitorActivity": 502,
    "MarketReport": 44,
    "ProductSuggestion": 58,
}
SECONDS = r"in \d+\.\d s\."
CJK = re.compile(r"[\u4e00-\u9fff]")


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def fingerprint() -> dict:
    """Every record's content that does not move with the clock."""
    reports = MarketReport.objects.order_by("author__username", "year", "quarter")
    suggestions = ProductSuggestion.objects.order_by("submitted_by__username", "created_at")
    return {
        "competitors": list(
            Competitor.objects.values_list("name", "website", "strengths", "pricing_notes")
        ),
        "activities": list(
            CompetitorActivity.objects.order_by("observed_on", "account__code", "pk").values_list(
                "competitor__name",
                "account__code",
                "observed_on",
                "kind",
                "details",
                "reported_by__username",
            )
        ),
        "reports": [
            (
                r.author.username,
                r.year,
                r.quarter,
                r.title,
                r.summary,
                r.body,
                r.status,
                sorted(c.name for c in r.competitors.all()),
            )
            for r in reports.select_related("author").prefetch_related("competitors")
        ],
        "suggestions": [
            (
                s.submitted_by.username,
                s.title,
                s.status,
                s.decided_on,
                s.decision_note,
                sorted(a.code for a in s.accounts.all()),
            )
            for s in suggestions.select_related("submitted_by").prefetch_related("accounts")
        ],
    }


def delete_market_intel() -> None:
    for model in [ProductSuggestion, MarketReport, CompetitorActivity, Competitor]:
        model.objects.all().delete()
        model.history.all().delete()


def history_errors(model, records, user_of) -> list:
    """Records whose history does not read as their story: a row per step, in time order,
    each by somebody, the first (an insert) at ``created_at``, the last at ``updated_at``
    and holding the record's state, the first by ``user_of(record)``; nothing after now."""
    now = timezone.now()
    rows = defaultdict(list)
    for row in model.history.order_by("history_id"):
        rows[row.id].append(row)
    errors = []
    for record in records:
        history = rows[record.pk]
        dates = [row.history_date for row in history]
        checks = {
            "rows": bool(history) and history[0].history_type == "+",
            "order": dates == sorted(dates),
            "not after now": dates[-1] <= now,
            "users": None not in [row.history_user_id for row in history],
            "first user": history[0].history_user_id == user_of(record),
            "created_at": dates[0] == record.created_at == history[-1].created_at,
            "updated_at": dates[-1] == getattr(record, "updated_at", dates[-1]),
        }
        if hasattr(record, "status"):
            checks["state"] = history[-1].status == record.status
        errors += [(record.pk, rule) for rule, ok in checks.items() if not ok]
    return errors


@pytest.mark.django_db
def test_small_seed_is_deterministic_and_idempotent():
    out = StringIO()
    call_command("seed_demo", stdout=out, no_color=True)
    first = counts()
    content = fingerprint()

    again = StringIO()
    call_command("seed_demo", stdout=again, no_color=True)

    assert counts() == first
    # random.Random(42) and days relative to today.
    assert first == SMALL_COUNTS
    lines = out.getvalue().splitlines()
    # After the accounts, before the sales plans (whose lost deals name competitors).
    assert re.fullmatch(
        rf"market_intel: 8 competitors, {first['CompetitorActivity']} competitor activities, "
        rf"{first['MarketReport']} market reports, {first['ProductSuggestion']} product "
        rf"suggestions {SECONDS}",
        lines[2],
    ), lines[2]
    assert lines[3].startswith("sales_plans: ")
    lines = again.getvalue().splitlines()
    assert lines[3] == "Demo market intelligence already exists; skipping it."
    assert lines[4].startswith("market_intel: 8 competitors, ")

    # Written afresh, the same records come out: the same stories and texts.
    delete_market_intel()
    call_command("seed_demo", stdout=StringIO())
    assert fingerprint() == content
    assert counts() == first


@pytest.mark.django_db
def test_small_seed_content():
    call_command("seed_demo", stdout=StringIO())
    today, now = company_today(), timezone.now()
    User = get_user_model()
    reps = list(demo_reps(SMALL))
    rnd, admin = User.objects.get(username="rnd"), User.objects.get(username="admin")
    activities = CompetitorActivity.objects.select_related("competitor", "account")
    reports = MarketReport.objects.select_related("author").prefetch_related("competitors")
    suggestions = ProductSuggestion.objects.prefetch_related("accounts")

    # Every row within the models' rules, with its search document as clean() makes it.
    for model in MODELS:
        for obj in model.objects.all():
            obj.full_clean()
            assert obj.search_text == document(*obj.search_parts()), (model, obj.pk)

    # Competitors: four Chinese companies profiled in Chinese, four foreign in English.
    competitors = list(Competitor.objects.all())
    assert sorted(bool(CJK.search(c.name)) for c in competitors) == [False] * 4 + [True] * 4
    for competitor in competitors:
        chinese = bool(CJK.search(competitor.name))
        texts = [competitor.strengths, competitor.weaknesses, competitor.pricing_notes]
        assert all(bool(CJK.search(text)) == chinese for text in texts), competitor
        assert competitor.website.endswith(".example")
    kessler = Competitor.objects.get(name="Kessler Antriebstechnik GmbH")
    assert [h.pricing_notes for h in kessler.history.order_by("history_id")] == [
        "25–30 % above our list price. Discounts only within framework agreements.",
        kessler.pricing_notes,
    ]

    # Activity: two years of it, every kind, none in the future, at the demo accounts in
    # their language, by their rep or manager; some in the market at large.
    assert Counter(activities.values_list("kind", flat=True)) == {
        "pricing": 154,
        "product": 76,
        "promotion": 75,
        "win": 78,
        "loss": 76,
        "other": 43,
    }
    assert activities.filter(account=None).count() == 28
    assert not activities.filter(observed_on__gt=today).exists()
    assert (today - activities.order_by("observed_on").first().observed_on).days >= 700
    for activity in activities.exclude(account=None).select_related("account__owner__team"):
        account = activity.account
        assert bool(CJK.search(activity.details)) == account.code.startswith("CN-"), activity.pk
        assert activity.reported_by_id in (account.owner_id, account.owner.team.manager_id)
        if account.churned_on:
            assert activity.observed_on <= account.churned_on
    assert set(activities.values_list("reported_by__role", flat=True)) == {"rep", "manager"}
    # Each account meets two or three competitors (a prospect one or two) besides us.
    met = Counter(
        activities.exclude(account=None)
        .values("account")
        .annotate(n=Count("competitor", distinct=True))
        .values_list("n", flat=True)
    )
    assert set(met) <= {1, 2, 3} and met[3] > 5
    assert history_errors(CompetitorActivity, activities, lambda a: a.reported_by_id) == []

    # Reports: one a rep a quarter at most, over eight quarters, most published at the
    # quarter's end or just after (never last quarter's after it), in the rep's language.
    current = Quarter.of(today)
    periods = market_demo.quarters(today)
    assert Counter(reports.values_list("status", flat=True)) == {"published": 41, "draft": 3}
    assert not reports.filter(status="published", published_at=None).exists()
    assert not reports.filter(status="draft").exclude(published_at=None).exists()
    assert Counter(reports.values_list("author", "year", "quarter")).most_common(1)[0][1] == 1
    assert {Quarter(r.year, r.quarter) for r in reports} == set(periods)
    late = 0
    for report in reports.filter(status="published"):
        quarter = Quarter(report.year, report.quarter)
        assert quarter.start_at() <= report.published_at <= now, report.pk
        late += report.published_at >= quarter.end_at()
        if quarter.next() == current:
            assert report.published_at < quarter.end_at(), report.pk
        else:
            assert report.published_at < quarter.end_at() + timedelta(days=14), report.pk
    assert late == 8
    # Some reps skipped some quarters; this quarter, in each team, one rep published, one
    # has a draft, one has not started (the coverage page's three cases).
    written = Counter(reports.values_list("author__username", flat=True))
    assert {rep.username: written[rep.username] for rep in reps} == {
        "li.wei": 8,
        "zhang.min": 7,
        "liu.yang": 6,
        "tom.baker": 8,
        "chen.hui": 8,
        "emma.wright": 7,
    }
    this_quarter = reports.filter(year=current.year, quarter=current.quarter)
    assert sorted(this_quarter.values_list("author__username", "status")) == [
        ("chen.hui", "published"),
        ("li.wei", "published"),
        ("tom.baker", "draft"),
        ("zhang.min", "draft"),
    ]
    assert [rep.username for rep in services.reps_without_report(current)] == [
        "zhang.min",
        "liu.yang",
        "tom.baker",
        "emma.wright",
    ]
    for report in reports:
        html = render(report.body)
        assert all(tag in html for tag in ("<h2>", "<table>", "<ul>", "<ol>")), report.pk
        chinese = market_demo.language_of(report.author.last_name) == market_demo.ZH
        assert bool(CJK.search(report.title + report.body)) == chinese, report.pk
        # It covers the competitors seen at the author's accounts that quarter.
        quarter = Quarter(report.year, report.quarter)
        seen = set(
            activities.filter(
                account__owner=report.author,
                observed_on__gte=quarter.start,
                observed_on__lte=quarter.end,
            ).values_list("competitor", flat=True)
        )
        covered = {c.pk for c in report.competitors.all()}
        assert covered and (covered <= seen or not seen), report.pk
        spec = {s.name: s for s in market_demo.COMPETITORS}
        for competitor in report.competitors.all():
            short = spec[competitor.name].short[market_demo.ZH if chinese else market_demo.EN]
            assert f"**{short}**" in report.body or not seen, report.pk
    assert history_errors(MarketReport, reports, lambda r: r.author_id) == []
    for report in reports:
        history = list(report.history.order_by("history_id"))
        assert {row.history_user_id for row in history} == {report.author_id}
        if report.status == "published":
            assert (history[-1].status, history[-1].history_date) == (
                "published",
                report.published_at,
            )
            assert [row.status for row in history[:-1]] == ["draft"] * (len(history) - 1)

    # Suggestions: for the rep's own accounts; R&D decided most, with a note, a little
    # over half adopted; the recent ones wait; one adoption was reopened by the admin.
    assert Counter(suggestions.values_list("status", flat=True)) == {
        "submitted": 3,
        "under_review": 7,
        "adopted": 25,
        "rejected": 23,
    }
    decided = suggestions.filter(status__in=["adopted", "rejected"])
    assert set(decided.values_list("decided_by", flat=True)) == {rnd.pk}
    assert not decided.filter(decided_on=None).exists()
    assert not decided.filter(decision_note="").exists()
    assert not decided.filter(decided_on__gt=today).exists()
    open_ones = suggestions.filter(status__in=["submitted", "under_review"])
    assert set(open_ones.values_list("decided_by", "decided_on", "decision_note")) == {
        (None, None, "")
    }
    for suggestion in suggestions.select_related("submitted_by"):
        accounts = list(suggestion.accounts.all())
        assert 1 <= len(accounts) <= 3
        assert {a.owner_id for a in accounts} == {suggestion.submitted_by_id}
        assert not [a for a in accounts if a.status == "churned"]
        # In the language of (the first of) the accounts that asked.
        languages = {account.code.startswith("CN-") for account in accounts}
        assert bool(CJK.search(suggestion.title)) in languages, suggestion.pk
        if suggestion.decided_on:
            assert suggestion.decided_on > timezone.localdate(suggestion.created_at)
    assert history_errors(ProductSuggestion, suggestions, lambda s: s.submitted_by_id) == []
    steps = Counter(
        tuple(
            (row.status, row.history_user.username)
            for row in s.history.order_by("history_id").select_related("history_user")
        )
        for s in suggestions
    )
    assert {tuple(status for status, _user in story) for story in steps} == {
        ("submitted", "submitted"),
        ("submitted", "submitted", "under_review"),
        ("submitted", "submitted", "under_review", "adopted"),
        ("submitted", "submitted", "under_review", "rejected"),
        ("submitted", "submitted", "under_review", "adopted", "under_review"),
    }
    reopened = [story for story in steps if len(story) == 5]
    assert [(story[3][1], story[4][1]) for story in reopened] == [("rnd", admin.username)]
    # Between them, the quarters' adoption rates vary around the 50 % target.
    rates = Counter(decided.values_list("status", flat=True))
    assert 0.45 < rates["adopted"] / decided.count() < 0.65


@pytest.mark.django_db
def test_bench_cases_find_their_records_in_the_small_seed(monkeypatch):
    call_command("seed_demo", stdout=StringIO())
    bench.ensure_empty_users()
    users = bench.persona_users()
    empty_users = {
        persona: get_user_model().objects.get(username=username)
        for persona, username in bench.EMPTY_OF.items()
    }

    rows = [bench.prepare(case, users, empty_users) for case in market_bench.CASES]
    assert [row.error for row in rows] == [None] * len(rows)
    paths = {(row.label, row.persona): (row.path, row.empty_path) for row in rows}
    busiest = Competitor.objects.annotate(n=Count("activities")).order_by("-n", "pk").first()
    assert busiest.name == "Kessler Antriebstechnik GmbH"
    assert (
        paths["/market/competitors/[id]/", "rep"]
        == (reverse("market_intel:competitor-detail", args=[busiest.pk]),) * 2
    )
    report = MarketReport.objects.get(
        title=market_bench.EMPTY_REPORT, author__username=bench.EMPTY_REP
    )
    rep_report = (
        MarketReport.objects.filter(author=users["rep"])
        .annotate(n=Count("competitors"))
        .order_by("-n", "-year", "-quarter", "pk")
        .first()
    )
    assert paths["/market/reports/[id]/", "rep"] == (
        reverse("market_intel:report-detail", args=[rep_report.pk]),
        reverse("market_intel:report-detail", args=[report.pk]),
    )
    suggestion = ProductSuggestion.objects.get(title=market_bench.EMPTY_SUGGESTION)
    assert list(suggestion.accounts.values_list("owner__username", flat=True)) == [bench.EMPTY_REP]
    assert (
        paths["/api/v1/competitor-activities/", "executive"]
        == ("/api/v1/competitor-activities/",) * 2
    )
    # Built again, the quiet records stay one each.
    for case in market_bench.CASES:
        bench.prepare(case, users, empty_users)
    assert MarketReport.objects.filter(title=market_bench.EMPTY_REPORT).count() == 2  # rep, mgr
    assert ProductSuggestion.objects.filter(title=market_bench.EMPTY_SUGGESTION).count() == 1

    # R&D's queue: the ``rnd`` persona against the quiet department's member.
    assert bench.PERSONAS[market_bench.RND] == ("rnd",)
    assert bench.EMPTY_OF[market_bench.RND] == bench.EMPTY_DEPARTMENT_MEMBER
    users = bench.persona_users()
    empty_users[market_bench.RND] = get_user_model().objects.get(
        username=bench.EMPTY_DEPARTMENT_MEMBER
    )
    rnd_rows = [bench.prepare(case, users, empty_users) for case in market_bench.rnd_cases()]
    assert [row.error for row in rnd_rows] == [None] * len(rnd_rows)
    assert ProductSuggestion.objects.visible_to(users[market_bench.RND]).count() == 59
    assert not ProductSuggestion.objects.visible_to(empty_users[market_bench.RND]).exists()

    requester = bench.Requester()
    try:
        for row in [*rows, *rnd_rows]:
            bench.measure(row, users, empty_users, requester, runs=1)
            assert (row.status, row.empty_status, row.error) == (200, 200, None), row
    finally:
        requester.close()


@pytest.mark.django_db
def test_large_seed_at_a_hundredth_of_the_size():
    out = StringIO()
    call_command("seed_demo", "--size", "large", "--scale", "0.01", stdout=out, no_color=True)
    first = counts()

    again = StringIO()
    call_command("seed_demo", "--size", "large", "--scale", "0.01", stdout=again, no_color=True)

    assert counts() == first
    assert again.getvalue().count("Benchmark market intelligence already exists; skipping it.") == 1
    lines = out.getvalue().splitlines()
    assert "Benchmark: competitor activities…" in lines
    assert "Benchmark: market reports and product suggestions…" in lines
    today, now = company_today(), timezone.now()
    reps = list(demo_reps(LARGE))
    large_accounts = Account.objects.filter(owner__in=reps)
    activities = CompetitorActivity.objects.filter(reported_by__in=reps)
    reports = MarketReport.objects.filter(author__in=reps)
    suggestions = ProductSuggestion.objects.filter(submitted_by__in=reps)
    # 500 activities on the 100 benchmark accounts (10 of them market-wide), a report a
    # rep a quarter but for some, 50 suggestions.
    assert (activities.count(), activities.filter(account=None).count()) == (500, 10)
    assert not activities.exclude(account=None).exclude(account__in=large_accounts).exists()
    assert first == {
        "Competitor": 8,
        "CompetitorActivity": SMALL_COUNTS["CompetitorActivity"] + 500,
        "MarketReport": SMALL_COUNTS["MarketReport"] + reports.count(),
        "ProductSuggestion": SMALL_COUNTS["ProductSuggestion"] + 50,
    }
    assert 0.75 * 80 < reports.count() < 80
    assert Counter(reports.values_list("author", "year", "quarter")).most_common(1)[0][1] == 1
    assert set(activities.values_list("kind", flat=True)) == {
        "pricing",
        "product",
        "promotion",
        "win",
        "loss",
        "other",
    }
    assert set(reports.values_list("status", flat=True)) == {"published", "draft"}
    assert {"adopted", "rejected", "under_review"} <= set(
        suggestions.values_list("status", flat=True)
    )
    # Bulk rows skip clean(), the services and history: their rules hold anyway.
    assert not activities.filter(observed_on__gt=today).exists()
    assert not activities.filter(created_at__gt=now).exists()
    assert not reports.filter(status="published", published_at=None).exists()
    assert not reports.filter(published_at__gt=now).exists()
    for report in reports.filter(status="published"):
        quarter = Quarter(report.year, report.quarter)
        assert quarter.start_at() <= report.published_at < quarter.end_at() + timedelta(days=14)
        assert report.created_at <= report.updated_at == report.published_at
    decided = suggestions.filter(status__in=["adopted", "rejected"])
    assert set(decided.values_list("decided_by__username", flat=True)) == {"rnd"}
    assert not decided.filter(decided_on=None).exists()
    assert not decided.filter(decision_note="").exists()
    asking = ProductSuggestion.accounts.through.objects.filter(productsuggestion__in=suggestions)
    assert asking.count() >= 50
    assert not asking.exclude(account__owner=F("productsuggestion__submitted_by")).exists()
    for model, rows in [
        (CompetitorActivity, activities.select_related("competitor", "account")),
        (MarketReport, reports),
        (ProductSuggestion, suggestions),
    ]:
        sample = list(rows.order_by("pk")[:200])
        assert [row.search_text for row in sample] == [
            document(*row.search_parts()) for row in sample
        ], model.__name__
        for row in sample[:40]:
            row.full_clean()
        assert not model.history.filter(id__in=rows.values("pk")).exists()
    assert {r.competitors.count() for r in reports} <= {1, 2, 3}
    # Rows written with their ids: the next record the site writes still gets a new one.
    last = CompetitorActivity.objects.order_by("-pk").first().pk
    activity = services.activity_create(
        by=reps[0],
        competitor=Competitor.objects.first(),
        account=large_accounts.filter(owner=reps[0]).first(),
        observed_on=today,
        kind="other",
        details="After the seed.",
    )
    assert activity.pk > last
