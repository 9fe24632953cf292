"""Admin of duty 2: every page opens for an administrator, starts from ``visible_to`` for
anyone else, and changes a plan's, a deal's or an order's state only through the services."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from kam.dates import company_today
from sales_plans import services
from sales_plans.models import Opportunity, Order, PlanTarget, SalesPlan, StageChange
from tests import factories as f

MODELS = [SalesPlan, PlanTarget, Opportunity, StageChange, Order]


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:sales_plans_{model._meta.model_name}_{view}", args=args)


def records_of(owner) -> dict:
    """One of every duty-2 record of ``owner``: data there to leak."""
    account = f.AccountFactory(owner=owner, name=f"{owner.username} account")
    plan = f.SalesPlanFactory(owner=owner, strategy=f"{owner.username} strategy")
    target = f.PlanTargetFactory(plan=plan, account=account)
    opportunity = services.opportunity_create(
        by=owner,
        account=account,
        name=f"{owner.username} deal",
        amount=Decimal("50000"),
        expected_close_on=company_today() + dt.timedelta(days=30),
    )
    services.opportunity_move(opportunity=opportunity, stage="qualified", by=owner)
    order = services.order_create(
        by=owner,
        account=account,
        number=f"SO-{owner.username}",
        ordered_on=company_today(),
        amount=Decimal("10000"),
        promised_on=company_today() + dt.timedelta(days=20),
        opportunity=opportunity,
    )
    return {
        SalesPlan: plan,
        PlanTarget: target,
        Opportunity: opportunity,
        StageChange: opportunity.stage_changes.last(),
        Order: order,
    }


@pytest.fixture
def alice_sales(alice):
    return records_of(alice)


@pytest.fixture
def charlie_sales(charlie):
    return records_of(charlie)


def staff(user, *codenames):
    user.is_staff = True
    user.save()
    permissions = Permission.objects.filter(content_type__app_label="sales_plans")
    if codenames:
        permissions = permissions.filter(codename__in=codenames)
    user.user_permissions.set(permissions)
    return user


@pytest.mark.django_db
def test_admin_pages_and_histories_open_for_a_superuser(client, superuser, alice_sales):
    client.force_login(superuser)
    pages = [admin_url(model, "changelist") for model in MODELS]
    pages += [admin_url(model, "change", obj.pk) for model, obj in alice_sales.items()]
    pages += [admin_url(model, "history", obj.pk) for model, obj in alice_sales.items()]
    pages += [
        admin_url(model, "simple_history", obj.pk, obj.history.first().pk)
        for model, obj in alice_sales.items()
        if model is not StageChange
    ]
    pages += [admin_url(model, "add") for model in MODELS if model is not StageChange]
    pages += [admin_url(model, "changelist") + "?q=alice" for model in MODELS]

    assert {page: client.get(page).status_code for page in pages} == dict.fromkeys(pages, 200)


@pytest.mark.django_db
def test_admin_changelists_start_from_visible_to(client, alice, alice_sales, charlie_sales):
    client.force_login(staff(alice))

    listed = {
        model.__name__: list(client.get(admin_url(model, "changelist")).context["cl"].queryset)
        for model in MODELS
    }

    expected = {model.__name__: [alice_sales[model]] for model in MODELS}
    expected["StageChange"] = list(alice_sales[Opportunity].stage_changes.order_by("-pk"))
    assert {name: sorted(rows, key=lambda row: -row.pk) for name, rows in listed.items()} == (
        expected
    )
    for model, obj in charlie_sales.items():
        # Admin's "does not exist" redirect, and the histories answer 404.
        assert client.get(admin_url(model, "change", obj.pk)).status_code == 302
        assert client.get(admin_url(model, "history", obj.pk)).status_code == 404


@pytest.mark.django_db
def test_admin_history_of_an_invisible_record_is_404(client, charlie, alice_sales):
    client.force_login(staff(charlie))
    pages = [
        admin_url(model, "simple_history", obj.pk, obj.history.first().pk)
        for model, obj in alice_sales.items()
        if model is not StageChange
    ]

    responses = {page: client.get(page) for page in pages}

    assert {page: r.status_code for page, r in responses.items()} == dict.fromkeys(pages, 404)
    assert not any("alice" in r.content.decode() for r in responses.values())


@pytest.mark.django_db
def test_admin_manager_sees_the_team_and_executive_only_reads(
    client, bob, executive, alice_sales, charlie_sales
):
    client.force_login(staff(bob))
    plans = client.get(admin_url(SalesPlan, "changelist")).context["cl"].queryset
    assert list(plans) == [alice_sales[SalesPlan]]

    client.force_login(staff(executive, "view_order", "change_order"))
    orders = client.get(admin_url(Order, "changelist")).context["cl"].queryset
    assert set(orders) == {alice_sales[Order], charlie_sales[Order]}
    response = client.get(admin_url(Order, "change", alice_sales[Order].pk))
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False


def run_action(client, model, action, objects):
    return client.post(
        admin_url(model, "changelist"),
        {"action": action, "_selected_action": [obj.pk for obj in objects]},
        follow=True,
    )


@pytest.mark.django_db
def test_admin_plan_actions_go_through_the_services(client, alice, bob, alice_sales, english):
    plan = alice_sales[SalesPlan]
    client.force_login(staff(alice))
    run_action(client, SalesPlan, "submit_selected", [plan])
    plan.refresh_from_db()
    assert plan.status == "submitted"

    # Her own plan: the approval is refused (and said so), the plan stays submitted.
    response = run_action(client, SalesPlan, "approve_selected", [plan])
    plan.refresh_from_db()
    assert plan.status == "submitted"
    assert [str(m) for m in response.context["messages"]] == [
        f"{plan}: A plan is approved by its owner's manager, never by its owner.",
        "0 plans approved.",
    ]

    client.force_login(staff(bob))
    run_action(client, SalesPlan, "approve_selected", [plan])
    plan.refresh_from_db()
    assert (plan.status, plan.approved_by) == ("approved", bob)
    assert [h.status for h in plan.history.order_by("history_id")] == [
        "draft",
        "submitted",
        "approved",
    ]
    # Approved: its figures and lines change only by a revision.
    form = client.get(admin_url(SalesPlan, "change", plan.pk)).context["adminform"]
    assert set(form.form.fields) == set()
    assert "target_amount" in form.readonly_fields

    client.force_login(alice)
    run_action(client, SalesPlan, "revise_selected", [plan])
    plan.refresh_from_db()
    assert (plan.status, plan.revision, plan.approved_by) == ("draft", 2, None)


@pytest.mark.django_db
def test_admin_plan_lines_cannot_exceed_the_target(client, alice, alice_sales, english):
    plan, line = alice_sales[SalesPlan], alice_sales[PlanTarget]
    client.force_login(staff(alice))

    response = client.post(
        admin_url(PlanTarget, "change", line.pk),
        {"plan": plan.pk, "account": line.account.pk, "target_amount": "2000000.00"},
    )

    assert response.status_code == 200  # the form again
    assert response.context["adminform"].form.non_field_errors() == [
        "The account targets add up to more than the plan's target."
    ]
    line.refresh_from_db()
    assert line.target_amount == Decimal("100000.00")


@pytest.mark.django_db
def test_admin_opportunity_saves_through_the_services(client, alice, alice_sales):
    opportunity = alice_sales[Opportunity]
    client.force_login(staff(alice))
    data = {
        "account": opportunity.account.pk,
        "owner": alice.pk,
        "name": "Renamed deal",
        "amount": "60000.00",
        "opened_on": str(opportunity.opened_on),
        "expected_close_on": str(opportunity.expected_close_on),
        "stage": "won",  # read-only: ignored
        "stage_changes-TOTAL_FORMS": "0",
        "stage_changes-INITIAL_FORMS": "0",
    }

    response = client.post(admin_url(Opportunity, "change", opportunity.pk), data)
    added = client.post(admin_url(Opportunity, "add"), {**data, "name": "New deal"})

    assert (response.status_code, added.status_code) == (302, 302)
    opportunity.refresh_from_db()
    assert (opportunity.name, opportunity.stage, opportunity.amount) == (
        "Renamed deal",
        "qualified",
        Decimal("60000.00"),
    )
    new = Opportunity.objects.get(name="New deal")
    assert [(c.from_stage, c.to_stage, c.changed_by) for c in new.stage_changes.all()] == [
        ("", "lead", alice)
    ]
    assert new.history.get().history_user == alice

    run_action(client, Opportunity, "mark_won", [opportunity])
    opportunity.refresh_from_db()
    assert (opportunity.stage, opportunity.closed_on) == ("won", company_today())
    assert list(opportunity.stage_changes.values_list("to_stage", flat=True)) == [
        "lead",
        "qualified",
        "won",
    ]


@pytest.mark.django_db
def test_admin_refuses_an_owner_who_cannot_see_the_account(client, superuser, alice_sales, charlie):
    account = alice_sales[Opportunity].account
    client.force_login(superuser)

    response = client.post(
        admin_url(Order, "add"),
        {
            "account": account.pk,
            "number": "SO-SNEAKY",
            "owner": charlie.pk,
            "ordered_on": str(company_today()),
            "amount": "100.00",
            "promised_on": str(company_today()),
        },
    )

    assert response.status_code == 200
    assert set(response.context["adminform"].form.errors) == {"owner"}
    assert not Order.objects.filter(number="SO-SNEAKY").exists()


@pytest.mark.django_db
def test_admin_order_actions_follow_the_order_life(client, alice, alice_sales, english):
    order = alice_sales[Order]
    client.force_login(staff(alice))

    run_action(client, Order, "mark_delivered", [order])
    response = run_action(client, Order, "mark_cancelled", [order])

    order.refresh_from_db()
    assert (order.status, order.delivered_on) == ("delivered", company_today())
    assert [str(m) for m in response.context["messages"]] == [
        f"{order}: An order that is Delivered cannot become Cancelled.",
        "0 orders updated.",
    ]
    # The status is not a field of the form, so a change form cannot set it either.
    form = client.get(admin_url(Order, "change", order.pk)).context["adminform"].form
    assert "status" not in form.fields


@pytest.mark.django_db
def test_admin_history_is_read_only_and_stage_changes_are_not_edited(
    client, superuser, alice_sales
):
    order = alice_sales[Order]
    services.order_transition(order=order, status="shipped", by=superuser)
    first = order.history.order_by("history_id").first()
    client.force_login(superuser)

    revert = client.post(
        admin_url(Order, "simple_history", order.pk, first.pk),
        {"number": order.number, "account": order.account.pk},
    )

    assert revert.status_code == 403
    order.refresh_from_db()
    assert order.status == "shipped"
    change = alice_sales[StageChange]
    assert client.get(admin_url(StageChange, "add")).status_code == 403
    assert client.post(admin_url(StageChange, "delete", change.pk)).status_code == 403
    page = client.get(admin_url(StageChange, "change", change.pk))
    assert page.context["has_change_permission"] is False
    assert timezone.now() >= change.changed_at
