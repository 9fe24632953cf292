"""``manage.py seed_demo``: each app's demo module in order, the demo a fresh clone shows
(Chinese companies in Chinese), loaded twice without duplicates; the large size, scaled down.
"""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Max
from django.utils import timezone

from accounts import demo as accounts_demo
from accounts.models import Account, Contact, PlanAction, RelationshipPlan, SurveyResponse, Visit
from accounts.naming import company_name_key
from accounts.selectors import unvisited_accounts
from kam.choices import Role
from kam.demo import DEMO_PASSWORD, LARGE, LOGINS, demo_modules, demo_reps
from kam.models import Department, Team, User
from kam.search import document
from tickets import demo as tickets_demo
from training import demo as training_demo

MODELS = [
    User,
    Team,
    Department,
    Account,
    Contact,
    Visit,
    SurveyResponse,
    RelationshipPlan,
    PlanAction,
]
SMALL_COUNTS = {
    "User": 20,
    "Team": 2,
    "Department": 10,
    "Account": 40,
    "Contact": 190,
    "Visit": 674,
    # The accounts' answers, the customers' feedback after 130 of the demo tickets and
    # their 99 answers after trainings.
    "SurveyResponse": 409 + 130 + 99,
    "RelationshipPlan": 75,
    "PlanAction": 220,
}
TITLES = accounts_demo.TOP_TITLES + accounts_demo.MIDDLE_TITLES + accounts_demo.STAFF_TITLES
SECONDS = r"in \d+\.\d s\."


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def content(language: str) -> dict[str, set[str]]:
    """Every value the demo may give a company writing in ``language``."""
    return {
        "industries": {company[2] for company in accounts_demo.COMPANIES[language]}
        | {industry for _suffix, industry in accounts_demo.LARGE_SUFFIXES[language]},
        "regions": {company[3] for company in accounts_demo.COMPANIES[language]}
        | set(accounts_demo.LARGE_REGIONS[language]),
        "titles": {getattr(title, language) for title in TITLES},
        "purposes": {note[0] for note in accounts_demo.VISIT_NOTES[language]},
        "comments": {
            comment
            for pool in (
                accounts_demo.SURVEY_COMMENTS,
                tickets_demo.FEEDBACK_COMMENTS,
                training_demo.FEEDBACK_COMMENTS,
            )
            for comments in pool[language].values()
            for comment in comments
        }
        # An answer after a training may be a score alone.
        | {""},
        "objectives": set(accounts_demo.PLAN_OBJECTIVES[language]),
        "actions": set(accounts_demo.ACTION_TITLES[language]),
    }


def content_of(accounts) -> dict[str, set[str]]:
    """The same values as ``content``, as the accounts have them."""
    return {
        "industries": set(accounts.values_list("industry", flat=True)),
        "regions": set(accounts.values_list("region", flat=True)),
        "titles": set(Contact.objects.filter(account__in=accounts).values_list("title", flat=True)),
        "purposes": set(
            Visit.objects.filter(account__in=accounts).values_list("purpose", flat=True)
        ),
        "comments": set(
            SurveyResponse.objects.filter(account__in=accounts).values_list("comment", flat=True)
        ),
        "objectives": set(
            RelationshipPlan.objects.filter(account__in=accounts).values_list(
                "objectives", flat=True
            )
        ),
        "actions": set(
            PlanAction.objects.filter(plan__account__in=accounts).values_list("title", flat=True)
        ),
    }


def assert_in_its_language(accounts, language: str):
    allowed = content(language)
    for field, values in content_of(accounts).items():
        assert values and values <= allowed[field], (language, field, values - allowed[field])


def stale_last_visits() -> list:
    """Accounts whose ``last_visited_at`` is not their newest visit: one query."""
    rows = Account.objects.annotate(newest=Max("visits__visited_at")).values_list(
        "code", "last_visited_at", "newest"
    )
    return [row for row in rows if row[1] != row[2]]


@pytest.mark.django_db
def test_seed_demo_calls_each_apps_demo_module_in_order(monkeypatch):
    # INSTALLED_APPS order is the dependency order: the core first.
    assert [label for label, _module in demo_modules()] == [
        "kam",
        "accounts",
        "market_intel",
        "sales_plans",
        "tickets",
        "contracts",
        "training",
        "kpis",
    ]
    calls = []
    for label, module in demo_modules():

        def seed(context, label=label):
            calls.append((label, context.size, context.scale, context.today))
            return {"widgets": len(calls), "gadgets": 7}

        monkeypatch.setattr(module, "seed", seed)
    out = StringIO()

    call_command("seed_demo", "--size", "large", "--scale", "0.5", stdout=out, no_color=True)

    today = timezone.localdate()
    assert calls == [
        ("kam", "large", 0.5, today),
        ("accounts", "large", 0.5, today),
        ("market_intel", "large", 0.5, today),
        ("sales_plans", "large", 0.5, today),
        ("tickets", "large", 0.5, today),
        ("contracts", "large", 0.5, today),
        ("training", "large", 0.5, today),
        ("kpis", "large", 0.5, today),
    ]
    lines = out.getvalue().splitlines()
    assert re.fullmatch(rf"kam: 1 widgets, 7 gadgets {SECONDS}", lines[0]), lines[0]
    assert re.fullmatch(rf"accounts: 2 widgets, 7 gadgets {SECONDS}", lines[1]), lines[1]
    assert re.fullmatch(rf"market_intel: 3 widgets, 7 gadgets {SECONDS}", lines[2]), lines[2]
    assert re.fullmatch(rf"sales_plans: 4 widgets, 7 gadgets {SECONDS}", lines[3]), lines[3]
    assert re.fullmatch(rf"tickets: 5 widgets, 7 gadgets {SECONDS}", lines[4]), lines[4]
    assert re.fullmatch(rf"contracts: 6 widgets, 7 gadgets {SECONDS}", lines[5]), lines[5]
    assert re.fullmatch(rf"training: 7 widgets, 7 gadgets {SECONDS}", lines[6]), lines[6]
    assert re.fullmatch(rf"kpis: 8 widgets, 7 gadgets {SECONDS}", lines[7]), lines[7]
    assert re.fullmatch(rf"Demo data ready {SECONDS}", lines[-1]), lines[-1]


@pytest.mark.django_db
@pytest.mark.parametrize("scale", ["0", "1.5"])
def test_seed_demo_refuses_a_scale_outside_0_to_1(scale):
    with pytest.raises(CommandError, match="--scale must be more than 0 and at most 1."):
        call_command("seed_demo", "--size", "large", "--scale", scale, stdout=StringIO())
    assert not User.objects.exists()


@pytest.mark.django_db
def test_seed_demo_small_runs_prints_progress_and_logins_and_is_idempotent():
    out = StringIO()
    call_command("seed_demo", stdout=out, no_color=True)
    first = counts()

    again = StringIO()
    call_command("seed_demo", "--size", "small", stdout=again, no_color=True)

    assert counts() == first
    # Deterministic: random.Random(42) and dates relative to today give the same content.
    assert first == SMALL_COUNTS
    lines = out.getvalue().splitlines()
    assert re.fullmatch(rf"kam: 20 users, 2 teams {SECONDS}", lines[0]), lines[0]
    assert re.fullmatch(
        "accounts: 40 accounts, 190 contacts, 674 visits, 409 survey responses, "
        rf"75 relationship plans, 220 plan actions {SECONDS}",
        lines[1],
    ), lines[1]
    assert lines[2].startswith(
        "market_intel: 8 competitors, 502 competitor activities, 44 market reports, "
        "58 product suggestions in "
    )
    assert lines[3].startswith("sales_plans: ")
    assert lines[4].startswith("tickets: 369 tickets, ")
    assert lines[5].startswith("contracts: ")
    assert lines[6].startswith("training: ")
    # Every rep, team and the company, for each quarter of the two years' history.
    assert re.fullmatch(rf"kpis: \d+ scorecards, \d+ scorecard metrics {SECONDS}", lines[7]), lines[
        7
    ]
    assert lines[9] == "Demo logins (demo data only, never in production):"
    assert lines[10] == "username          password       role               team / department"
    assert "li.wei            kam-demo-2026  Account rep        East" in lines
    assert "wang.fang         kam-demo-2026  Manager            manages East" in lines
    assert "tech.support      kam-demo-2026  Department member  Technical support" in lines
    assert re.fullmatch(rf"Demo data ready {SECONDS}", lines[-1]), lines[-1]
    assert not any(line.startswith("Benchmark") for line in lines)
    lines = again.getvalue().splitlines()
    assert re.fullmatch(rf"kam: 20 users, 2 teams {SECONDS}", lines[0]), lines[0]
    assert lines[1] == "Demo accounts already exist; skipping them."
    assert lines[2].startswith("accounts: 40 accounts, 190 contacts, 674 visits")
    assert "li.wei            kam-demo-2026  Account rep        East" in lines


@pytest.mark.django_db
def test_seed_demo_small_content():
    call_command("seed_demo", stdout=StringIO())

    roles = sorted(User.objects.values_list("role", flat=True))
    assert roles.count(Role.REP) == 6 and roles.count(Role.MANAGER) == 2
    assert roles.count(Role.DEPARTMENT) == 10 and roles.count(Role.EXECUTIVE) == 1
    admin = User.objects.get(username="admin")
    assert (admin.is_superuser, admin.is_staff, admin.role) == (True, True, Role.ADMIN)
    assert User.objects.get(username="li.wei").check_password(DEMO_PASSWORD)
    assert {(t.name, t.manager.username, t.members.count()) for t in Team.objects.all()} == {
        ("East", "wang.fang", 3),
        ("West", "sarah.miller", 3),
    }
    assert set(Department.objects.filter(members__role=Role.DEPARTMENT)) == set(
        Department.objects.all()
    )
    # A name shows in the order of its script: family name first, no space, for Chinese.
    assert {user.username: user.display_name for user in User.objects.all()} == dict(
        zip(
            LOGINS,
            [
                "Ada Admin",
                "周敏",
                "王芳",
                "李伟",
                "张敏",
                "刘洋",
                "Sarah Miller",
                "Tom Baker",
                "陈慧",
                "Emma Wright",
                "黄军",
                "徐琳",
                "孙涛",
                "马强",
                "朱红",
                "Peter Schmidt",
                "高华",
                "何梅",
                "Olivia Brown",
                "郭刚",
            ],
            strict=True,
        )
    )
    assert [rep.username for rep in demo_reps("small")] == [
        "li.wei",
        "zhang.min",
        "liu.yang",
        "tom.baker",
        "chen.hui",
        "emma.wright",
    ]

    # Chinese and English companies, each in its own language, every status.
    names = list(Account.objects.values_list("name", flat=True))
    assert "杭州精密铸造有限公司" in names and "Northwind Components Ltd" in names
    assert set(Account.objects.values_list("status", flat=True)) == {
        "active",
        "prospect",
        "churned",
    }
    chinese = Account.objects.get(code="CN-0001")
    assert (chinese.name, chinese.industry, chinese.region, chinese.owner.username) == (
        "杭州精密铸造有限公司",
        "制造业",
        "华东",
        "li.wei",
    )
    assert sorted(chinese.contacts.values_list("title", "reports_to__title")) == [
        ("供应链总监", "总经理"),
        ("总经理", None),
        ("生产工程师", "供应链总监"),
    ]
    newest = chinese.visits.first()
    assert (newest.purpose, newest.summary, newest.next_steps) == (
        "季度业务回顾",
        "回顾了本季度的采购量、交付表现和未结问题。",
        "发送更新后的需求预测和交付报告。",
    )
    english = Account.objects.get(code="EN-0001")
    assert (english.name, english.industry, english.region) == (
        "Northwind Components Ltd",
        "Manufacturing",
        "Europe",
    )
    assert english.visits.first().purpose == "Delivery performance review"
    assert_in_its_language(Account.objects.filter(code__startswith="CN-"), "zh")
    assert_in_its_language(Account.objects.filter(code__startswith="EN-"), "en")

    # Every account has its code (imports key on it) and its newest visit.
    assert sorted(Account.objects.values_list("code", flat=True)) == [
        *(f"CN-{n:04d}" for n in range(1, 25)),
        *(f"EN-{n:04d}" for n in range(1, 17)),
    ]
    assert stale_last_visits() == []
    # A prospect that went quiet before its first visit: the reminder's "never visited".
    assert list(
        Account.objects.filter(last_visited_at__isnull=True).values_list("code", flat=True)
    ) == ["CN-0014"]

    assert Contact.objects.filter(reports_to__reports_to__isnull=False).exists()
    assert Visit.contacts.through.objects.count() >= Visit.objects.count()
    assert Visit.objects.filter(follow_up_on__isnull=False).exists()
    assert unvisited_accounts().exists()
    assert PlanAction.objects.filter(done_on__isnull=False).exists()
    for model in [Account, Contact, Visit, SurveyResponse, RelationshipPlan, PlanAction]:
        for obj in model.objects.all()[:50]:
            obj.full_clean()


@pytest.mark.django_db
def test_seed_demo_large_at_a_hundredth_of_the_size():
    out = StringIO()
    call_command("seed_demo", "--size", "large", "--scale", "0.01", stdout=out, no_color=True)
    first = counts()

    again = StringIO()
    call_command("seed_demo", "--size", "large", "--scale", "0.01", stdout=again, no_color=True)

    assert counts() == first
    # On top of the small seed: one team of ten reps with its manager, 100 accounts with
    # four contacts, ten visits and ten survey answers each, a plan for each active one.
    active = Account.objects.filter(code__startswith="L-", status="active").count()
    assert first == {
        **SMALL_COUNTS,
        "User": 20 + 11,
        "Team": 2 + 1,
        "Account": 40 + 100,
        "Contact": 190 + 400,
        "Visit": 674 + 1000,
        "SurveyResponse": 409 + 130 + 99 + 1000 + 157 + 384,
        "RelationshipPlan": 75 + active,
        "PlanAction": 220 + 2 * active,
    }
    lines = out.getvalue().splitlines()
    assert re.fullmatch(rf"kam: 31 users, 3 teams {SECONDS}", lines[0]), lines[0]
    assert lines[1:6] == [
        "Benchmark: accounts…",
        "Benchmark: contacts…",
        "Benchmark: visits…",
        "Benchmark: survey responses…",
        "Benchmark: relationship plans…",
    ]
    assert lines[6].startswith("accounts: 140 accounts, 590 contacts, 1674 visits")
    assert "Benchmark users: managers mgr001…mgr001, reps rep0001…rep0010, same password." in lines
    assert again.getvalue().count("Benchmark data already exists; skipping it.") == 2

    reps = list(demo_reps(LARGE))
    assert [rep.username for rep in reps] == [f"rep{n:04d}" for n in range(1, 11)]
    assert {rep.team.manager.username for rep in reps} == {"mgr001"}
    large = accounts_demo.demo_accounts(LARGE)
    assert list(large.values_list("code", flat=True)) == [f"L-{n:05d}" for n in range(1, 101)]
    assert {account.owner for account in large} == set(reps)
    # bulk_create skips clean() and the visit services: what they derive is set anyway.
    assert [(a.name, a.name_key) for a in large] == [
        (a.name, company_name_key(a.name)) for a in large
    ]
    assert stale_last_visits() == []
    assert not large.filter(last_visited_at__isnull=True).exists()
    assert Visit.contacts.through.objects.filter(visit__account__in=large).count() >= 1000
    # …and their search documents, so searches find bulk rows as they find the others.
    for model in [Account, Contact, Visit, SurveyResponse, RelationshipPlan, PlanAction]:
        rows = model.objects.all()[:300]
        assert [row.search_text for row in rows] == [
            document(*row.search_parts()) for row in rows
        ], model.__name__

    # The Chinese-named accounts are Chinese through and through, the others English.
    chinese = large.filter(name__regex=r"^[\u4e00-\u9fff]")
    assert 0 < chinese.count() < 100
    assert_in_its_language(chinese, "zh")
    assert_in_its_language(large.exclude(pk__in=chinese), "en")
    for model in [Account, Contact, Visit, SurveyResponse, RelationshipPlan, PlanAction]:
        for obj in model.objects.order_by("-pk")[:50]:
            obj.full_clean()
