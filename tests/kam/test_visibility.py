"""``VisibleQuerySet.visible_to``: the one rule, pinned for every role, action and model."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from accounts.models import Account, Contact, PlanAction, RelationshipPlan, SurveyResponse, Visit
from kam.choices import Role
from kam.visibility import CHANGE, VIEW
from tests import factories as f

MODELS = [Account, Contact, Visit, SurveyResponse, RelationshipPlan, PlanAction]


def records_of(owner) -> dict:
    """One of every accounts record on an account of ``owner``: data there to leak."""
    account = f.AccountFactory(owner=owner, name=f"{owner.username} account")
    boss = f.ContactFactory(account=account, name=f"{owner.username} boss")
    contact = f.ContactFactory(account=account, reports_to=boss)
    visit = f.VisitFactory(account=account)
    visit.contacts.set([boss, contact])
    plan = f.RelationshipPlanFactory(account=account)
    return {
        Account: [account],
        Contact: [boss, contact],
        Visit: [visit],
        SurveyResponse: [f.SurveyResponseFactory(account=account, contact=contact)],
        RelationshipPlan: [plan],
        PlanAction: [f.PlanActionFactory(plan=plan)],
    }


@pytest.fixture
def world(alice, bob, charlie, dept_user, executive, team_a):
    ivan = f.UserFactory(username="ivan", role=Role.REP, team=team_a, is_active=False)
    personas = {
        "alice": alice,
        "bob": bob,
        "charlie": charlie,
        "dora": charlie.team.manager,
        "dept_user": dept_user,
        "executive": executive,
        "admin": f.UserFactory(username="root", role=Role.ADMIN),
        "superuser": f.UserFactory(username="su", role=Role.REP, is_superuser=True),
        "anonymous": AnonymousUser(),
        "inactive": ivan,
        "none": None,
    }
    owners = ["alice", "bob", "charlie", "executive", "inactive"]
    return personas, {name: records_of(personas[name]) for name in owners}


EVERYBODY = {"alice", "bob", "charlie", "executive", "inactive"}
#: persona → action → whose records they get.
EXPECTED = {
    "alice": {VIEW: {"alice"}, CHANGE: {"alice"}},
    # Bob manages team East: Alice and Ivan (inactive, but his accounts still need a home).
    "bob": {VIEW: {"alice", "bob", "inactive"}, CHANGE: {"alice", "bob", "inactive"}},
    "charlie": {VIEW: {"charlie"}, CHANGE: {"charlie"}},
    "dora": {VIEW: {"charlie"}, CHANGE: {"charlie"}},
    # Department members reach accounts only through routed work (tickets, reviews).
    "dept_user": {VIEW: set(), CHANGE: set()},
    "executive": {VIEW: EVERYBODY, CHANGE: {"executive"}},
    "admin": {VIEW: EVERYBODY, CHANGE: EVERYBODY},
    "superuser": {VIEW: EVERYBODY, CHANGE: EVERYBODY},
    "anonymous": {VIEW: set(), CHANGE: set()},
    "inactive": {VIEW: set(), CHANGE: set()},
    "none": {VIEW: set(), CHANGE: set()},
}


@pytest.mark.parametrize("action", [VIEW, CHANGE])
@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_visible_to(world, persona, action):
    personas, records = world
    expected = {
        model.__name__: sorted(
            (obj for owner in EXPECTED[persona][action] for obj in records[owner][model]),
            key=lambda obj: obj.pk,
        )
        for model in MODELS
    }

    visible = {
        model.__name__: list(model.objects.visible_to(personas[persona], action).order_by("pk"))
        for model in MODELS
    }

    assert visible == expected


@pytest.mark.django_db
def test_visible_to_refuses_an_unknown_action(alice):
    with pytest.raises(ValueError, match="unknown action 'delete'"):
        Account.objects.visible_to(alice, "delete")


@pytest.mark.django_db
def test_visible_to_user_without_a_known_role_sees_nothing(alice_records):
    stranger = f.UserFactory(username="stranger", role="visitor")

    assert list(Account.objects.visible_to(stranger)) == []


@pytest.mark.django_db
def test_visible_to_composes_with_other_filters(alice, alice_records, charlie):
    f.AccountFactory(owner=charlie, name="Hangzhou Precision Castings West")

    visible = Account.objects.filter(name__startswith="Hangzhou").visible_to(alice)

    assert list(visible) == [alice_records["account"]]


# Admin starts from the same rule: a staff rep sees their own accounts and no one else's.


@pytest.fixture
def staff_alice(alice):
    from django.contrib.auth.models import Permission

    alice.is_staff = True
    alice.save()
    alice.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="accounts", codename__in=["view_account", "change_account"]
        )
    )
    return alice


@pytest.mark.django_db
def test_admin_changelist_starts_from_visible_to(client, staff_alice, alice_records, charlie):
    theirs = f.AccountFactory(owner=charlie, name="Suzhou Harbour Logistics")
    client.force_login(staff_alice)

    response = client.get(reverse("admin:accounts_account_changelist"))

    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [alice_records["account"]]
    url = reverse("admin:accounts_account_change", args=[theirs.pk])
    assert client.get(url).status_code == 302  # admin's "does not exist" redirect


@pytest.mark.django_db
def test_admin_executive_may_view_but_not_change_others(client, executive, alice_records):
    from django.contrib.auth.models import Permission

    executive.is_staff = True
    executive.save()
    executive.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="accounts", codename__in=["view_account", "change_account"]
        )
    )
    client.force_login(executive)
    url = reverse("admin:accounts_account_change", args=[alice_records["account"].pk])

    response = client.get(url)

    assert response.status_code == 200
    assert response.context["has_change_permission"] is False


@pytest.mark.django_db
def test_admin_pages_render_for_a_superuser(client, alice_records, superuser):
    client.force_login(superuser)
    pages = [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in [*MODELS]
    ] + [
        reverse("admin:kam_user_changelist"),
        reverse("admin:kam_team_changelist"),
        reverse("admin:kam_department_changelist"),
    ]
    pages += [
        reverse(f"admin:accounts_{name}_change", args=[alice_records[key].pk])
        for name, key in [
            ("account", "account"),
            ("contact", "contact"),
            ("visit", "visit"),
            ("surveyresponse", "survey"),
            ("relationshipplan", "plan"),
            ("planaction", "action"),
        ]
    ]
    pages += [
        reverse("admin:accounts_account_history", args=[alice_records["account"].pk]),
        reverse("admin:kam_user_change", args=[alice_records["account"].owner.pk]),
    ]

    assert {page: client.get(page).status_code for page in pages} == dict.fromkeys(pages, 200)


@pytest.fixture
def staff_charlie(charlie):
    from django.contrib.auth.models import Permission

    charlie.is_staff = True
    charlie.save()
    charlie.user_permissions.set(Permission.objects.filter(content_type__app_label="accounts"))
    return charlie


@pytest.mark.django_db
def test_admin_history_of_an_invisible_record_is_404(client, staff_charlie, alice_records):
    account = alice_records["account"]
    client.force_login(staff_charlie)
    history = account.history.first()

    pages = [
        reverse("admin:accounts_account_history", args=[account.pk]),
        reverse("admin:accounts_account_simple_history", args=[account.pk, history.pk]),
        reverse("admin:accounts_contact_history", args=[alice_records["contact"].pk]),
    ]

    responses = {page: client.get(page) for page in pages}
    assert {page: r.status_code for page, r in responses.items()} == dict.fromkeys(pages, 404)
    assert not any(account.name in r.content.decode() for r in responses.values())


@pytest.mark.django_db
def test_admin_cannot_attach_to_an_invisible_account(client, staff_charlie, alice_records):
    account, contact = alice_records["account"], alice_records["contact"]
    client.force_login(staff_charlie)
    before = Visit.objects.count()

    response = client.post(
        reverse("admin:accounts_visit_add"),
        {
            "account": account.pk,
            "rep": staff_charlie.pk,
            "visited_at_0": "2026-01-05",
            "visited_at_1": "10:00",
            "kind": "on_site",
            "purpose": "Sneaky",
            "contacts": [contact.pk],
        },
    )

    assert response.status_code == 200  # the form again, with errors
    assert set(response.context["adminform"].form.errors) == {"account", "contacts"}
    assert Visit.objects.count() == before
    add_contact = client.get(reverse("admin:accounts_contact_add") + f"?reports_to={contact.pk}")
    assert contact.name not in add_contact.content.decode()
