"""Admin of duty 6: every page opens for an administrator without a query per row, starts
from ``visible_to`` for anyone else, saves through the services, offers one state change
(submitting for review), shows versions and reviews without a way to change them, and
deletes nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contracts import services
from contracts.models import Contract, ContractReview, ContractVersion, NegotiationRecord
from kam.dates import company_today
from kam.models import Notification
from tests import factories as f
from tests.support import admin_form_data

MODELS = [Contract, ContractVersion, NegotiationRecord, ContractReview]
#: Models whose records keep a history (versions are written once and have none).
HISTORIES = [Contract, NegotiationRecord, ContractReview]


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:contracts_{model._meta.model_name}_{view}", args=args)


def records_of(owner, legal, finance) -> dict:
    """One of every duty-6 record of ``owner``: a contract in review with two versions, a
    negotiation round and a decided review (data there to leak)."""
    account = f.AccountFactory(owner=owner, name=f"{owner.username} account")
    contract = f.ContractFactory(account=account, title=f"{owner.username} supply")
    record = f.NegotiationRecordFactory(contract=contract, topics=f"{owner.username} price")
    services.version_add(contract=contract, by=owner, body="1. Scope\n2. Price: 95\n")
    reviews = services.contract_submit_for_review(contract=contract, by=owner)
    review = next(r for r in reviews if r.department.code == "legal")
    services.review_decide(review=review, by=legal, decision="approved")
    contract.refresh_from_db()
    return {
        "account": account,
        Contract: contract,
        ContractVersion: contract.latest_version,
        NegotiationRecord: record,
        ContractReview: review,
    }


@pytest.fixture
def alice_contracts(alice, legal_user, finance_user, media_root):
    return records_of(alice, legal_user, finance_user)


@pytest.fixture
def charlie_contracts(charlie, legal_user, finance_user, media_root):
    return records_of(charlie, legal_user, finance_user)


def staff(user, *codenames):
    user.is_staff = True
    user.save()
    permissions = Permission.objects.filter(content_type__app_label="contracts")
    if codenames:
        permissions = permissions.filter(codename__in=codenames)
    user.user_permissions.set(permissions)
    return user


def listed(client, model) -> list:
    response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return sorted(response.context["cl"].queryset, key=lambda row: row.pk)


def run_action(client, model, action, objects):
    return client.post(
        admin_url(model, "changelist"),
        {"action": action, "_selected_action": [obj.pk for obj in objects]},
        follow=True,
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.mark.django_db
def test_admin_pages_and_histories_open_for_a_superuser(client, superuser, alice_contracts):
    client.force_login(superuser)
    records = {model: alice_contracts[model] for model in MODELS}
    pages = [admin_url(model, "changelist") for model in MODELS]
    pages += [admin_url(model, "change", obj.pk) for model, obj in records.items()]
    pages += [admin_url(model, "history", records[model].pk) for model in HISTORIES]
    pages += [
        admin_url(model, "simple_history", records[model].pk, first_history(records[model]).pk)
        for model in HISTORIES
    ]
    pages += [admin_url(model, "add") for model in (Contract, NegotiationRecord)]
    pages += [admin_url(model, "changelist") + "?q=alice" for model in MODELS]
    pages += [admin_url(ContractReview, "changelist") + "?superseded_at__isempty=1"]

    assert {page: client.get(page).status_code for page in pages} == dict.fromkeys(pages, 200)
    # The search box matches the contract's search document (number, title, account).
    found = client.get(admin_url(Contract, "changelist") + "?q=alice+supply")
    assert list(found.context["cl"].queryset) == [alice_contracts[Contract]]
    found = client.get(admin_url(NegotiationRecord, "changelist") + "?q=alice+account")
    assert list(found.context["cl"].queryset) == [alice_contracts[NegotiationRecord]]
    assert (
        list(
            client.get(admin_url(ContractReview, "changelist") + "?q=nobody").context["cl"].queryset
        )
        == []
    )


def first_history(obj):
    return obj.history.earliest("history_id")


def more_contracts(owner, count: int) -> None:
    """``count`` more contracts of ``owner``, each with a second version and a round."""
    account = f.AccountFactory(owner=owner)
    for _n in range(count):
        contract = f.ContractFactory(account=account)
        f.NegotiationRecordFactory(contract=contract)
        services.version_add(contract=contract, by=owner, body="1. Scope\n2. Price: 90\n")
        services.contract_submit_for_review(contract=contract, by=owner)


@pytest.mark.django_db
def test_admin_changelists_cost_the_same_for_one_row_and_many(
    client, superuser, alice, alice_contracts, django_assert_num_queries
):
    client.force_login(superuser)
    # Session, user, the request's savepoint and its release, then the page's own: the
    # filters' choices (teams, departments), the count (show_full_result_count is off) and
    # the rows with what they show (list_select_related).
    expected = {Contract: 7, ContractVersion: 6, NegotiationRecord: 6, ContractReview: 7}
    counts = {}
    for model in MODELS:
        with django_assert_num_queries(expected[model]):
            client.get(admin_url(model, "changelist"))
    more_contracts(alice, 4)
    for model in MODELS:
        with django_assert_num_queries(expected[model]):
            response = client.get(admin_url(model, "changelist"))
        counts[model.__name__] = response.context["cl"].result_count
    assert counts == {
        "Contract": 5,
        "ContractVersion": 10,
        "NegotiationRecord": 5,
        "ContractReview": 10,
    }


@pytest.mark.django_db
def test_admin_contract_page_costs_the_same_for_a_short_and_a_long_trail(
    client, superuser, alice, alice_contracts, finance_user, django_assert_num_queries
):
    client.force_login(superuser)
    contract = alice_contracts[Contract]
    url = admin_url(Contract, "change", contract.pk)
    with CaptureQueriesContext(connection) as short_queries:
        short = client.get(url)
    # A longer trail: finance returns it, two more rounds, a third version in review.
    f.NegotiationRecordFactory(contract=contract)
    services.review_decide(
        review=contract.reviews.get(department__code="finance"),
        by=finance_user,
        decision="changes_requested",
        comments="Payment within 60 days.",
    )
    f.NegotiationRecordFactory(contract=contract)
    services.version_add(contract=contract, by=alice, body="1. Scope\n2. Price: 93\n")
    services.contract_submit_for_review(contract=contract, by=alice)

    with django_assert_num_queries(len(short_queries)):
        long = client.get(url)

    # Versions, rounds, reviews (every round's: the superseded ones are kept).
    def rows(response):
        return [len(inline.formset.forms) for inline in response.context["inline_admin_formsets"]]

    assert rows(short) == [2, 1, 2]
    assert rows(long) == [3, 3, 4]


@pytest.mark.django_db
def test_admin_changelists_start_from_visible_to(
    client, alice, legal_user, alice_contracts, charlie_contracts
):
    client.force_login(staff(alice))

    contract = alice_contracts[Contract]
    assert {model.__name__: listed(client, model) for model in MODELS} == {
        "Contract": [contract],
        "ContractVersion": list(contract.versions.order_by("pk")),
        "NegotiationRecord": [alice_contracts[NegotiationRecord]],
        "ContractReview": list(contract.reviews.order_by("pk")),
    }
    for model in MODELS:
        obj = charlie_contracts[model]
        # Admin's "does not exist" redirect, and the histories answer 404.
        assert client.get(admin_url(model, "change", obj.pk)).status_code == 302
        if model in HISTORIES:
            assert client.get(admin_url(model, "history", obj.pk)).status_code == 404
            version = first_history(obj).pk
            page = admin_url(model, "simple_history", obj.pk, version)
            assert client.get(page).status_code == 404


@pytest.mark.django_db
def test_admin_legal_reads_its_contracts_and_changes_nothing(
    client, legal_user, executive, alice_contracts, charlie_contracts
):
    client.force_login(staff(legal_user))

    # The contracts carrying a legal review, and legal's reviews only.
    assert listed(client, Contract) == [alice_contracts[Contract], charlie_contracts[Contract]]
    assert {review.department.code for review in listed(client, ContractReview)} == {"legal"}
    page = client.get(admin_url(Contract, "change", alice_contracts[Contract].pk))
    assert (page.status_code, page.context["has_change_permission"]) == (200, False)
    assert client.get(admin_url(Contract, "add")).status_code == 403
    # Deciding is on the site and over the API, where the owner is told.
    page = client.get(admin_url(ContractReview, "change", alice_contracts[ContractReview].pk))
    assert (page.status_code, page.context["has_change_permission"]) == (200, False)

    # An executive reads everything and creates nothing.
    client.force_login(staff(executive))
    assert len(listed(client, Contract)) == 2
    assert client.get(admin_url(Contract, "add")).status_code == 403
    assert client.get(admin_url(NegotiationRecord, "add")).status_code == 403


@pytest.mark.django_db
def test_admin_versions_and_reviews_are_read_only_and_nothing_is_deleted(
    client, superuser, alice_contracts
):
    client.force_login(superuser)
    version, review = alice_contracts[ContractVersion], alice_contracts[ContractReview]

    for model, obj in [(ContractVersion, version), (ContractReview, review)]:
        assert client.get(admin_url(model, "add")).status_code == 403
        page = client.get(admin_url(model, "change", obj.pk))
        assert (page.status_code, page.context["has_change_permission"]) == (200, False)
        assert client.post(admin_url(model, "change", obj.pk), {}).status_code == 403
    for model in MODELS:
        obj = alice_contracts[model]
        assert client.post(admin_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
        assert model.objects.filter(pk=obj.pk).exists()
    # The contract page shows its trail without a way to add, change or delete a row of it.
    page = client.get(admin_url(Contract, "change", alice_contracts[Contract].pk))
    for inline in page.context["inline_admin_formsets"]:
        assert (inline.has_add_permission, inline.has_change_permission) == (False, False)
        assert inline.has_delete_permission is False
    version.refresh_from_db()
    assert version.body == "1. Scope\n2. Price: 95"


@pytest.mark.django_db
def test_admin_offers_submit_and_no_bulk_delete(client, superuser, alice_contracts):
    client.force_login(superuser)

    def actions(model):
        form = client.get(admin_url(model, "changelist")).context["action_form"]
        return [] if form is None else [name for name, _l in form.fields["action"].choices if name]

    assert {model.__name__: actions(model) for model in MODELS} == {
        "Contract": ["submit_selected"],
        "ContractVersion": [],
        "NegotiationRecord": [],
        "ContractReview": [],
    }


@pytest.mark.django_db
def test_admin_submit_action_goes_through_the_service(
    client, alice, legal_user, finance_user, alice_contracts, english
):
    in_review = alice_contracts[Contract]
    account = alice_contracts["account"]
    draft = f.ContractFactory(account=account, title="Ready")
    empty = f.ContractFactory(account=account, title="Blank", body="")
    client.force_login(staff(alice))

    response = run_action(client, Contract, "submit_selected", [in_review, draft, empty])

    assert sorted(messages_of(response)) == sorted(
        [
            "1 contract submitted for review.",
            f"{empty}: Add the contract's text or file before submitting it for review.",
            f"{in_review}: Only a draft or a contract in negotiation is submitted for review.",
        ]
    )
    draft.refresh_from_db()
    assert (draft.status, draft.review_state) == ("in_review", "pending")
    assert sorted(draft.reviews.values_list("department__code", "version__version_no")) == [
        ("finance", 1),
        ("legal", 1),
    ]
    assert [h.history_user for h in draft.history.order_by("history_id")][-1] == alice
    # Each department was told, as on the site.
    assert set(
        Notification.objects.filter(kind="contracts.review_requested", subject__contains="HT-")
        .filter(url__contains=f"/contracts/{draft.pk}/")
        .values_list("user__username", flat=True)
    ) == {"lena", "fred"}


@pytest.mark.django_db
def test_admin_contract_saves_go_through_the_services(
    client, alice, charlie, alice_contracts, english, media_root
):
    account = alice_contracts["account"]
    client.force_login(staff(alice))
    today = company_today()
    data = {
        "account": account.pk,
        "title": "Spare parts 2027",
        "owner": alice.pk,
        "number": "HT-ADMIN-1",
        "value": "250000.00",
        "currency": "CNY",
        "starts_on": str(today),
        "ends_on": str(today + dt.timedelta(days=364)),
        "body": "1. Scope\n2. Price: 12 a kit\n",
        "status": "signed",  # not a field of the form: ignored
    }

    added = client.post(admin_url(Contract, "add"), data)
    foreign = client.post(
        admin_url(Contract, "add"), {**data, "number": "HT-ADMIN-2", "owner": charlie.pk}
    )
    backwards = client.post(
        admin_url(Contract, "add"),
        {**data, "number": "HT-ADMIN-3", "ends_on": str(today - dt.timedelta(days=1))},
    )

    assert added.status_code == 302, added.context["adminform"].form.errors
    assert (foreign.status_code, backwards.status_code) == (200, 200)
    assert set(foreign.context["adminform"].form.errors) == {"owner"}
    assert backwards.context["adminform"].form.errors == {
        "ends_on": ["A contract ends on or after the day it starts."]
    }
    contract = Contract.objects.get(number="HT-ADMIN-1")
    assert (contract.status, contract.owner, contract.latest_version.body) == (
        "draft",
        alice,
        "1. Scope\n2. Price: 12 a kit",
    )
    assert contract.search_text == "ht-admin-1\nspare parts 2027\nalice account"
    assert [(h.history_type, h.history_user) for h in contract.history.order_by("history_id")] == [
        ("+", alice),
        ("~", alice),  # its first version
    ]

    # A draft's terms change through contract_update, with the history's writer.
    edited = client.post(
        admin_url(Contract, "change", contract.pk),
        admin_form_data(
            client,
            admin_url(Contract, "change", contract.pk),
            title="Spare parts 2027-28",
            value="260000.00",
        ),
    )
    assert edited.status_code == 302
    contract.refresh_from_db()
    assert (contract.title, contract.value) == ("Spare parts 2027-28", Decimal("260000.00"))
    assert contract.history.latest("history_id").history_user == alice

    # In review the terms stay as reviewed: read-only here, as the service would refuse.
    in_review = alice_contracts[Contract]
    form = client.get(admin_url(Contract, "change", in_review.pk)).context["adminform"]
    assert set(form.form.fields) == {"title", "owner"}
    assert {"value", "ends_on", "status", "review_state"} <= set(form.readonly_fields)
    response = client.post(
        admin_url(Contract, "change", in_review.pk),
        admin_form_data(
            client,
            admin_url(Contract, "change", in_review.pk),
            title="Renamed in review",
            value="1.00",  # read-only: ignored
        ),
    )
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert (in_review.title, in_review.value) == ("Renamed in review", Decimal("1200000.00"))

    # Terminated: nothing changes any more.
    services.contract_transition(contract=contract, to_status="terminated", by=alice, note="Lost.")
    page = client.get(admin_url(Contract, "change", contract.pk))
    assert page.context["has_change_permission"] is False
    assert client.post(admin_url(Contract, "change", contract.pk), {}).status_code == 403


@pytest.mark.django_db
def test_admin_negotiation_rounds_are_recorded_and_corrected_with_history(
    client, alice, superuser, alice_contracts, english
):
    account = alice_contracts["account"]
    draft = f.ContractFactory(account=account, title="Fresh")
    client.force_login(staff(alice))
    data = {
        "contract": draft.pk,
        "held_on": str(company_today()),
        "participants": "Wang Lei (purchasing); Alice",
        "topics": "Payment terms",
        "concessions": "60 days",
        "outcome": "Agreed",
        "next_steps": "Send version 2",
        "recorded_by": superuser.pk,  # read-only: ignored
    }

    added = client.post(admin_url(NegotiationRecord, "add"), data)

    assert added.status_code == 302
    record = NegotiationRecord.objects.get(contract=draft)
    assert (record.recorded_by, record.topics) == (alice, "Payment terms")
    draft.refresh_from_db()
    assert (draft.status, draft.status_note) == (
        "negotiating",
        "The first negotiation round was recorded.",
    )

    edited = client.post(
        admin_url(NegotiationRecord, "change", record.pk),
        {**data, "contract": alice_contracts[Contract].pk, "outcome": "Agreed at 60 days"},
    )
    assert edited.status_code == 302
    record.refresh_from_db()
    # Corrected, on its own contract still (the contract is read-only once recorded).
    assert (record.contract, record.outcome) == (draft, "Agreed at 60 days")
    assert [(h.history_type, h.outcome) for h in record.history.order_by("history_id")] == [
        ("+", "Agreed"),
        ("~", "Agreed at 60 days"),
    ]

    # A terminated contract is not negotiated any more: the form says so.
    services.contract_transition(contract=draft, to_status="terminated", by=alice, note="Lost.")
    refused = client.post(admin_url(NegotiationRecord, "add"), data)
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors == {
        "contract": ["An expired or terminated contract is not negotiated any more."]
    }


@pytest.mark.django_db
def test_admin_history_is_read_only(client, superuser, alice, alice_contracts):
    contract = alice_contracts[Contract]
    services.contract_update(contract=contract, by=alice, title="Renamed")
    first = first_history(contract)
    client.force_login(superuser)

    page = client.get(admin_url(Contract, "simple_history", contract.pk, first.pk))
    revert = client.post(
        admin_url(Contract, "simple_history", contract.pk, first.pk),
        {"title": first.title},
    )

    assert (page.status_code, revert.status_code) == (200, 403)
    contract.refresh_from_db()
    assert contract.title == "Renamed"
    history = client.get(admin_url(Contract, "history", contract.pk))
    assert history.context["revert_disabled"] is True
    assert [row.status for row in history.context["page_obj"]][:2] == ["in_review", "in_review"]


@pytest.mark.django_db
def test_admin_version_file_is_downloaded_through_the_site(
    client, superuser, alice, alice_contracts, media_root
):
    contract = f.ContractFactory(account=alice_contracts["account"])
    upload = SimpleUploadedFile("signed.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    version = services.version_add(contract=contract, by=alice, file=upload)
    client.force_login(superuser)

    page = client.get(admin_url(ContractVersion, "change", version.pk)).content.decode()

    link = reverse("contracts:version-file", args=[version.pk])
    assert f'<a href="{link}">signed.pdf</a>' in page
    assert "/media/" not in page
