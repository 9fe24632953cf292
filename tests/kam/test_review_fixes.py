"""What a second review of the day's work found, each reproduced as it was found."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from accounts import selectors, services
from accounts.models import Account, Contact
from kam import notify
from kam.exports import get as get_export
from kam.exports import jobs as export_jobs
from kam.imports import run_queued
from kam.imports import sweep as sweep_imports
from kam.models import (
    ExportJob,
    ExportStatus,
    ImportBatch,
    ImportStatus,
    Notification,
    Webhook,
)
from kam.search import search
from tests import factories as f
from tests.support import api_client_for

pytestmark = pytest.mark.django_db


def test_an_action_owner_must_see_the_plan(alice_records, bob):
    """A manager once gave a teammate an action on Alice's account: the teammate's daily
    reminder then named an account they may not see."""
    ann = f.UserFactory(username="ann", team=bob.managed_teams.get())

    response = api_client_for(bob).post(
        reverse("accounts-api:plan-action-list"),
        {"plan": alice_records["plan"].pk, "title": "Secret lunch", "owner": ann.pk,
         "due_on": "2026-11-01"},
        format="json",
    )  # fmt: skip

    assert response.status_code == 400
    assert response.json() == {
        "owner": ["The owner of an action must be someone who can see this account."]
    }


def test_reminders_name_only_actions_the_owner_still_sees(alice, charlie, alice_records):
    plan = alice_records["plan"]
    f.PlanActionFactory(plan=plan, owner=alice, title="Lunch", due_on=dt.date(2026, 1, 5))
    account = plan.account
    account.owner = charlie  # reassigned to another team
    account.save()

    summary = services.plan_actions_remind_overdue(today=dt.date(2026, 2, 1))

    assert summary == {"owners": 1, "notified": 0}
    assert not Notification.objects.filter(user=alice).exists()


def test_an_owner_with_many_lapsed_accounts_is_told_once(alice):
    """The once_key listed every account id and overflowed its column on PostgreSQL."""
    f.AccountFactory.create_batch(80, owner=alice, last_visited_at=None)

    summary = services.account_flag_unvisited(now=timezone.now())

    assert summary["flagged"] == 80
    key = Notification.objects.get(user=alice).once_key
    assert len(key) <= 200 and key.startswith("accounts.unvisited:")


def test_a_name_that_normalises_longer_still_fits(alice):
    response = api_client_for(alice).post(
        reverse("accounts-api:account-list"), {"name": "\ufdfa" * 200}, format="json"
    )

    assert response.status_code == 201, response.content
    assert len(Account.objects.get().name_key) == 200


def test_moving_a_visit_on_its_edit_page_updates_both_accounts(client, alice):
    first = f.AccountFactory(owner=alice, name="First")
    second = f.AccountFactory(owner=alice, name="Second")
    visit = f.VisitFactory(account=first, rep=alice)
    client.force_login(alice)

    response = client.post(
        reverse("accounts:visit-edit", args=[visit.pk]),
        {
            "account": second.pk,
            "visited_at": timezone.localtime(visit.visited_at).strftime("%Y-%m-%dT%H:%M"),
            "kind": "phone",
            "purpose": "Moved",
        },
    )

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.last_visited_at, second.last_visited_at is not None) == (None, True)


@pytest.mark.parametrize("where", ["page", "admin"])
def test_renaming_an_account_on_a_page_or_in_admin_keeps_its_records_findable(
    client, alice, request, where
):
    account = f.AccountFactory(owner=alice, name="Old Name Ltd", customer_since=dt.date(2024, 1, 1))
    contact = f.ContactFactory(account=account, name="Chen Jie")
    form = {
        "name": "Brand New Trading",
        "tier": account.tier,
        "status": account.status,
        "customer_since": "2024-01-01",
        "annual_potential": "1000",
    }
    if where == "admin":
        client.force_login(request.getfixturevalue("superuser"))
        form.update(
            {
                "owner": alice.pk,
                "contacts-TOTAL_FORMS": "0",
                "contacts-INITIAL_FORMS": "0",
                # The read-only past relationships (AccountEpisode) have their formset too.
                "episodes-TOTAL_FORMS": "0",
                "episodes-INITIAL_FORMS": "0",
            }
        )
        url = f"/admin/accounts/account/{account.pk}/change/"
    else:
        client.force_login(alice)
        url = reverse("accounts:account-edit", args=[account.pk])

    assert client.post(url, form).status_code == 302

    assert list(search(Contact.objects.all(), "brand")) == [contact]
    assert list(search(Contact.objects.all(), "old")) == []


def test_system_records_in_admin_are_for_administrators_only(client, alice, bob, superuser):
    notify(alice, "accounts.unvisited", "Secret subject")
    bob.is_staff = True
    bob.save()
    bob.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_notification", "view_apitoken", "change_webhook", "change_user"]
        )
    )
    client.force_login(bob)

    for url in ("/admin/kam/notification/", "/admin/kam/apitoken/", "/admin/kam/webhook/"):
        assert client.get(url).status_code == 403, url
    own = client.get(f"/admin/kam/user/{bob.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in own and 'name="role"' not in own
    client.force_login(superuser)
    assert "Secret subject" in client.get("/admin/kam/notification/").content.decode()


def test_the_webhook_secret_is_never_sent_back(client, alice):
    Webhook.objects.create(user=alice, url="https://hooks.example.com/x", secret="s3cr3t-key")
    client.force_login(alice)

    page = client.get(reverse("webhook-settings")).content.decode()
    client.post(
        reverse("webhook-settings"),
        {"target": "user", "user-url": "https://hooks.example.com/y", "user-flavour": "generic",
         "user-active": "on", "user-secret": ""},
    )  # fmt: skip

    assert "s3cr3t-key" not in page
    hook = Webhook.objects.get(user=alice)
    assert (hook.url, hook.secret) == ("https://hooks.example.com/y", "s3cr3t-key")
    assert hook.history.count() == 2  # who pointed it where, and when


def test_a_subject_is_one_line(alice):
    notify(alice, "accounts.unvisited", "Two\nlines\r\nhere")

    assert Notification.objects.get().subject == "Two lines here"


def test_a_large_export_is_written_in_the_requesters_language(alice):
    f.AccountFactory(owner=alice, name="杭州精密铸造有限公司")
    with translation.override("zh-hans"):
        job = export_jobs.queue(
            user=alice,
            definition=get_export("accounts.account_list"),
            fmt="xlsx",
            params={},
            title="客户",
        )

    assert export_jobs.run(job_id=job.pk) == ExportStatus.DONE  # as a worker, in English

    job.refresh_from_db()
    with job.file.open("rb") as fp:
        book = load_workbook(io.BytesIO(fp.read()))
    assert book.sheetnames[0] == "客户" and book["客户"]["A1"].value == "代码"
    job.file.delete()


def test_an_import_taken_by_a_worker_is_not_imported_twice(alice, media_root):
    batch = ImportBatch(user=alice, definition="accounts", original_name="a.csv",
                        status=ImportStatus.IMPORTING)  # fmt: skip
    batch.file.save("a.csv", io.BytesIO(b"code,name\nC-1,One\n"), save=False)
    batch.save()
    ImportBatch.objects.filter(pk=batch.pk).update(claimed_at=timezone.now())

    assert run_queued(batch_id=batch.pk) == "skipped"  # a redelivered task
    ImportBatch.objects.filter(pk=batch.pk).update(claimed_at=None)
    assert run_queued(batch_id=batch.pk) == ImportStatus.APPLIED
    assert Account.objects.filter(code="C-1").count() == 1


def test_sweeps_requeue_what_was_never_queued_and_fail_what_a_worker_dropped(alice, media_root):
    long_ago = timezone.now() - dt.timedelta(hours=3)
    queued = ExportJob.objects.create(user=alice, definition="accounts.account_list", format="xlsx")
    running = ExportJob.objects.create(
        user=alice, definition="accounts.account_list", format="xlsx",
        status=ExportStatus.RUNNING, started_at=long_ago,
    )  # fmt: skip
    ExportJob.objects.filter(pk=queued.pk).update(created_at=long_ago)
    taken = ImportBatch.objects.create(
        user=alice, definition="accounts", original_name="b.csv",
        status=ImportStatus.CHECKING, claimed_at=long_ago,
    )  # fmt: skip

    assert export_jobs.sweep() == {"queued": 1, "failed": 1}
    assert sweep_imports() == {"queued": 0, "failed": 1}

    running.refresh_from_db()
    taken.refresh_from_db()
    assert (running.status, taken.status) == (ExportStatus.FAILED, ImportStatus.FAILED)
    assert running.error == "The worker stopped before the file was made."
    queued.refresh_from_db()
    if queued.file:  # made at once where Celery runs eagerly
        queued.file.delete()


def test_per_account_nps_is_rounded_like_the_total(alice):
    account = f.AccountFactory(owner=alice)
    for nps in (10, 10, 3):  # two promoters, one detractor of three: 33.3…
        f.SurveyResponseFactory(account=account, nps=nps)

    report = selectors.survey_report(alice, start=dt.date(2000, 1, 1), end=dt.date(2100, 1, 1))

    assert report["totals"]["nps"] == 33
    assert [row["nps"] for row in report["per_account"]] == [33.0]


def test_webhook_history_opens_and_a_bad_version_is_404(client, superuser, alice):
    hook = Webhook.objects.create(user=alice, url="https://hooks.example.com/x", secret="k")
    client.force_login(superuser)
    history = reverse("admin:kam_webhook_history", args=[hook.pk])

    assert client.get(history).status_code == 200
    assert client.get(f"{history}abc/").status_code == 404
    assert client.get(f"{history}{hook.history.get().history_id + 100}/").status_code == 404


def test_pages_vary_on_htmx_and_a_history_restore_gets_the_whole_page(client, alice_records):
    client.force_login(alice_records["account"].owner)
    url = alice_records["account"].get_absolute_url()
    htmx = {"HX-Request": "true", "HX-Target": "account-sections"}

    full = client.get(url)
    fragment = client.get(url, headers=htmx)
    restored = client.get(url, headers={**htmx, "HX-History-Restore-Request": "true"})

    assert {"HX-Request", "HX-Target"} <= {v.strip() for v in full["Vary"].split(",")}
    assert "<html" in full.content.decode()
    assert "<html" not in fragment.content.decode()
    assert "<html" in restored.content.decode()


def test_a_refusal_for_the_role_says_so(client, executive, alice_records, english):
    client.force_login(executive)

    create = client.get(reverse("accounts:account-create"))
    change = client.get(reverse("accounts:account-edit", args=[alice_records["account"].pk]))

    assert create.status_code == change.status_code == 403
    assert "Your role may not create this kind of record." in create.content.decode()
    assert "changing it is up to its owner" not in create.content.decode()
    assert "changing it is up to its owner" in change.content.decode()


def test_a_forged_host_is_refused_without_echoing_it(client, settings, english):
    settings.ALLOWED_HOSTS = ["testserver"]

    response = client.get("/auth/login/", headers={"Host": "evil-host.example"})

    assert response.status_code == 400
    assert "evil-host" not in response.content.decode()


def test_an_api_path_with_a_newline_answers_json(alice):
    """The fuzzer sent an id with an encoded newline: the catch-all missed it (HTML 404)."""
    response = api_client_for(alice).get("/api/v1/accounts/a%0Ab/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}
