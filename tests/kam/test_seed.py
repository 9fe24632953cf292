"""``manage.py seed_demo``: the demo a fresh clone shows, loaded twice without duplicates."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import Account, Contact, PlanAction, RelationshipPlan, SurveyResponse, Visit
from accounts.selectors import unvisited_accounts
from kam.choices import Role
from kam.management.commands.seed_demo import DEMO_PASSWORD
from kam.models import Department, Team, User

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


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
def test_seed_demo_small_runs_prints_logins_and_is_idempotent():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    first = counts()

    again = StringIO()
    call_command("seed_demo", "--size", "small", stdout=again)

    assert counts() == first
    # Deterministic: random.Random(42) and dates relative to today give the same content.
    assert first == {
        "User": 20,
        "Team": 2,
        "Department": 10,
        "Account": 40,
        "Contact": 199,
        "Visit": 670,
        "SurveyResponse": 417,
        "RelationshipPlan": 76,
        "PlanAction": 239,
    }
    text = out.getvalue()
    assert "username          password       role               team / department" in text
    assert "li.wei            kam-demo-2026  Account rep        East" in text
    assert "wang.fang         kam-demo-2026  Manager            manages East" in text
    assert "tech.support      kam-demo-2026  Department member  Technical support" in text
    assert "Demo accounts already exist; skipping them." in again.getvalue()
    assert "li.wei            kam-demo-2026  Account rep        East" in again.getvalue()


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
    # Chinese and English names, every status, a stakeholder tree, quiet accounts.
    names = list(Account.objects.values_list("name", flat=True))
    assert "杭州精密铸造有限公司" in names and "Northwind Components Ltd" in names
    assert set(Account.objects.values_list("status", flat=True)) == {
        "active",
        "prospect",
        "churned",
    }
    assert Contact.objects.filter(reports_to__reports_to__isnull=False).exists()
    assert Visit.contacts.through.objects.count() >= Visit.objects.count()
    assert Visit.objects.filter(follow_up_on__isnull=False).exists()
    assert unvisited_accounts().exists()
    assert PlanAction.objects.filter(done_on__isnull=False).exists()
    for model in [Account, Contact, Visit, SurveyResponse, RelationshipPlan, PlanAction]:
        for obj in model.objects.all()[:50]:
            obj.full_clean()
