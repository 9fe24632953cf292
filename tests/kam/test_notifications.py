"""``kam.notify``: stored once, e-mailed and posted as each user chose, through the real queue.

With REDIS_URL set (CI) e-mails and webhook posts go through the broker to a real worker
and a real HTTP server started by the test; without it Celery runs them eagerly.
"""

import threading

import pytest
from django.core import mail
from django.db import connections
from django.urls import reverse
from django.utils import translation

from kam import notify, services
from kam.choices import Role
from kam.models import DeliveryStatus, Notification, Webhook, WebhookDelivery
from kam.notifications import register_kind
from tests import factories as f
from tests.support import require_postgresql, wait_until

KIND = register_kind("tests.ping", "Ping", description="Test notifications.")


@pytest.fixture
def webhooks_to_localhost(allow_private_webhooks, settings):
    """To the test's server on 127.0.0.1: three quick attempts, links to one known site."""
    settings.KAM_WEBHOOK_BACKOFF_SECONDS = 0
    settings.KAM_WEBHOOK_TIMEOUT = 1
    settings.KAM_WEBHOOK_MAX_ATTEMPTS = 3
    settings.KAM_BASE_URL = "https://kam.example.com"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_once_key_from_two_threads_stores_and_mails_once(celery_worker):
    require_postgresql("the concurrency test (two writers racing on one unique key)")
    rep = f.UserFactory(username="alice", email="alice@example.com")
    barrier = threading.Barrier(2)
    results, errors = [], []

    def job():
        try:
            barrier.wait(timeout=10)
            results.append(len(notify(rep, KIND.code, "Lapsed", "Body", once_key="race:1")))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=job) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(results) == [0, 1]
    assert Notification.objects.filter(user=rep, once_key="race:1").count() == 1
    wait_until(lambda: len(mail.outbox) == 1)
    assert [message.to for message in mail.outbox] == [["alice@example.com"]]


@pytest.mark.django_db
def test_once_key_is_per_user_and_per_key():
    alice, bob = f.UserFactory(username="alice"), f.UserFactory(username="bob")

    assert len(notify([alice, bob], KIND.code, "A", once_key="k1")) == 2
    assert len(notify([alice, bob], KIND.code, "A", once_key="k1")) == 0
    assert len(notify([alice], KIND.code, "A", once_key="k2")) == 1
    assert len(notify([alice], KIND.code, "A")) == 1  # no key: always
    assert Notification.objects.filter(user=alice).count() == 3


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_text_is_rendered_in_each_recipients_language(celery_worker):
    chinese = f.UserFactory(username="wang", language="zh-hans", email="wang@example.com")
    english = f.UserFactory(username="sarah", language="en", email="sarah@example.com")

    with translation.override("en"):
        notify(
            [chinese, english],
            KIND.code,
            lambda user: f"subject in {translation.get_language()}",
            lambda user: f"for {user.username}",
        )

    stored = dict(Notification.objects.values_list("user__username", "subject"))
    assert stored == {"wang": "subject in zh-hans", "sarah": "subject in en"}
    wait_until(lambda: len(mail.outbox) == 2)
    chinese_mail = next(message for message in mail.outbox if message.to == ["wang@example.com"])
    assert chinese_mail.body.startswith(f"{chinese.display_name}，您好")  # in Chinese too


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_preferences_choose_the_channels(celery_worker, webhook_server, webhooks_to_localhost):
    rep = f.UserFactory(username="alice", email="alice@example.com")
    Webhook.objects.create(user=rep, url=f"{webhook_server.base}/hook", flavour="generic")
    services.notification_preferences_save(user=rep, choices={KIND.code: (False, False)})

    notify(rep, KIND.code, "Quiet")
    services.notification_preferences_save(user=rep, choices={KIND.code: (True, True)})
    notify(rep, KIND.code, "Loud")

    # In-app always; the worker takes tasks in order, so once "Loud" is out, "Quiet" was
    # never queued.
    assert Notification.objects.filter(user=rep).count() == 2
    wait_until(lambda: mail.outbox and webhook_server.requests)
    wait_until(lambda: WebhookDelivery.objects.get().status == DeliveryStatus.DELIVERED)
    assert [message.subject for message in mail.outbox] == ["Loud"]
    assert [request.json["subject"] for request in webhook_server.requests] == ["Loud"]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(
    ("flavour", "shape"),
    [
        ("wecom", lambda body: body["msgtype"] == "markdown" and "content" in body["markdown"]),
        ("dingtalk", lambda body: body["msgtype"] == "markdown" and "title" in body["markdown"]),
        ("feishu", lambda body: body["msg_type"] == "post"),
        ("slack", lambda body: body["text"] == "客户流失预警" and body["blocks"]),
        (
            "generic",
            lambda body: body["subject"] == "客户流失预警" and body["kind"] == "tests.ping",
        ),
    ],
)
def test_each_flavour_reaches_a_real_server(
    celery_worker, webhook_server, webhooks_to_localhost, flavour, shape
):
    rep = f.UserFactory(username="alice", first_name="芳", last_name="王")
    Webhook.objects.create(user=rep, url=f"{webhook_server.base}/hook", flavour=flavour)
    ok = {"errcode": 0, "errmsg": "ok"} if flavour in ("wecom", "dingtalk") else {"code": 0}
    webhook_server.reply((200, "ok" if flavour == "slack" else ok))

    notify(rep, KIND.code, "客户流失预警", "杭州精密铸造 90 天未拜访", "/accounts/1/")

    wait_until(lambda: WebhookDelivery.objects.get().status == DeliveryStatus.DELIVERED)
    [request] = webhook_server.requests
    assert shape(request.json)
    assert "https://kam.example.com/accounts/1/" in request.raw.decode()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_server_failing_twice_is_retried_and_ends_delivered(
    celery_worker, webhook_server, webhooks_to_localhost
):
    rep = f.UserFactory(username="alice")
    Webhook.objects.create(user=rep, url=f"{webhook_server.base}/hook", flavour="generic")
    webhook_server.reply((500, "down"), (500, "down"), (200, "ok"))

    notify(rep, KIND.code, "Three tries")

    wait_until(lambda: WebhookDelivery.objects.get().status == DeliveryStatus.DELIVERED)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.attempts, delivery.last_status_code, delivery.last_error) == (3, 200, "")
    assert len(webhook_server.requests) == 3


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_silent_server_ends_failed_and_the_request_still_succeeds(
    celery_worker, client, webhooks_to_localhost
):
    # A socket that accepts connections and never answers.
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    rep = f.UserFactory(username="alice", role=Role.REP)
    Webhook.objects.create(
        user=rep, url=f"http://127.0.0.1:{silent.getsockname()[1]}/hook", flavour="wecom"
    )
    client.force_login(rep)
    try:
        response = client.post(reverse("webhook-test"))

        assert response.status_code == 302  # the request that notified succeeded
        wait_until(lambda: WebhookDelivery.objects.get().status == DeliveryStatus.FAILED)
    finally:
        silent.close()
    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == 3
    assert "timed out" in delivery.last_error


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_department_is_told_through_its_members_and_its_webhook_once(
    celery_worker, webhook_server, webhooks_to_localhost
):
    logistics = f.department("logistics")
    clerks = [
        f.UserFactory(username=f"clerk{n}", role=Role.DEPARTMENT, department=logistics)
        for n in range(2)
    ]
    f.UserFactory(username="gone", role=Role.DEPARTMENT, department=logistics, is_active=False)
    Webhook.objects.create(department=logistics, url=f"{webhook_server.base}/group")
    webhook_server.reply((200, {"errcode": 0}), (200, {"errcode": 0}))

    notify(logistics, KIND.code, "New ticket", once_key="ticket:1")
    notify(logistics, KIND.code, "New ticket", once_key="ticket:1")

    assert set(Notification.objects.values_list("user__username", flat=True)) == {
        clerk.username for clerk in clerks
    }
    assert WebhookDelivery.objects.filter(webhook__department=logistics).count() == 1
    wait_until(lambda: WebhookDelivery.objects.get().status == DeliveryStatus.DELIVERED)
    assert len(webhook_server.requests) == 1


# -- pages ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_unread_count_list_and_mark_read(client, alice, charlie):
    for n in range(3):
        notify(alice, KIND.code, f"Note {n}", "", reverse("home"))
    notify(charlie, KIND.code, "Charlie's own")
    client.force_login(alice)

    home = client.get(reverse("home")).content.decode()
    assert '<mark class="badge badge-bad unread-count">3</mark>' in home
    listing = client.get(reverse("notifications")).content.decode()
    assert listing.index("Note 2") < listing.index("Note 0")  # newest first
    assert "Charlie's own" not in listing
    theirs = Notification.objects.get(user=charlie)

    # Someone else's id marks nothing.
    client.post(reverse("notifications-read"), {"id": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.read_at is None
    first = Notification.objects.filter(user=alice).first()
    client.post(reverse("notifications-read"), {"id": first.pk})
    assert Notification.objects.filter(user=alice, read_at__isnull=True).count() == 2
    client.post(reverse("notifications-read"), {"all": "1"})
    assert Notification.objects.filter(user=alice, read_at__isnull=True).count() == 0
    assert "unread-count" not in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_preferences_page_lists_kinds_and_saves(client, alice):
    client.force_login(alice)

    page = client.get(reverse("notification-preferences")).content.decode()
    assert "Accounts gone unvisited" in page and "Ping" in page

    response = client.post(
        reverse("notification-preferences"),
        {"webhook:accounts.unvisited": "on", "email:tests.ping": "on"},
    )

    assert response.status_code == 302
    prefs = {p.kind: (p.email, p.webhook) for p in alice.notification_preferences.all()}
    assert prefs["accounts.unvisited"] == (False, True)
    assert prefs["tests.ping"] == (True, False)


@pytest.mark.django_db
def test_webhook_page_refuses_private_addresses_and_keeps_the_input(client, alice, settings):
    settings.KAM_WEBHOOK_ALLOW_PRIVATE = False
    client.force_login(alice)

    refused = client.post(
        reverse("webhook-settings"),
        {"target": "user", "user-url": "https://127.0.0.1/hook", "user-flavour": "wecom"},
    )

    assert refused.status_code == 400
    html = refused.content.decode()
    assert "must not point at a private or loopback address" in html
    assert 'value="https://127.0.0.1/hook"' in html
    saved = client.post(
        reverse("webhook-settings"),
        {
            "target": "user",
            "user-url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",
            "user-flavour": "wecom",
            "user-active": "on",
        },
    )
    assert saved.status_code == 302
    assert Webhook.objects.get(user=alice).flavour == "wecom"


@pytest.mark.django_db
def test_department_members_manage_their_departments_webhook(client, dept_user, alice):
    client.force_login(dept_user)
    page = client.get(reverse("webhook-settings")).content.decode()
    assert "Webhook of Technical support" in page

    client.post(
        reverse("webhook-settings"),
        {
            "target": "department",
            "department-url": "https://oapi.dingtalk.com/robot/send?access_token=x",
            "department-flavour": "dingtalk",
            "department-active": "on",
        },
    )

    assert Webhook.objects.get(department=dept_user.department).flavour == "dingtalk"
    # A rep has no department webhook to manage.
    client.force_login(alice)
    assert "Webhook of" not in client.get(reverse("webhook-settings")).content.decode()
    client.post(
        reverse("webhook-settings"),
        {"target": "department", "department-url": "https://example.com/x"},
    )
    assert Webhook.objects.filter(user=alice).count() == 0


@pytest.mark.django_db
def test_deliveries_are_visible_and_retryable_in_admin(
    client, alice, superuser, django_capture_on_commit_callbacks
):
    hook = Webhook.objects.create(user=alice, url="https://hooks.example.com/x", flavour="slack")
    delivery = WebhookDelivery.objects.create(
        webhook=hook,
        kind=KIND.code,
        subject="Lapsed",
        status=DeliveryStatus.FAILED,
        attempts=6,
        last_status_code=500,
        last_error="HTTP 500 from the webhook",
    )
    client.force_login(superuser)

    listing = client.get("/admin/kam/webhookdelivery/").content.decode()

    assert "Lapsed" in listing and "HTTP 500 from the webhook" in listing
    with django_capture_on_commit_callbacks() as queued:
        client.post(
            "/admin/kam/webhookdelivery/",
            {"action": "retry_selected", "_selected_action": [delivery.pk]},
        )
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, len(queued)) == (DeliveryStatus.PENDING, 0, 1)
    # The URL is checked in admin as on the settings page.
    refused = client.post(
        "/admin/kam/webhook/add/",
        {
            "department": f.department("legal").pk,
            "url": "ftp://x",
            "flavour": "wecom",
            "active": "on",
        },
    )
    assert "must start with" in refused.content.decode()


@pytest.mark.django_db
def test_mark_read_never_redirects_off_the_site(client, alice):
    notify(alice, KIND.code, "Note")
    client.force_login(alice)

    for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.post(reverse("notifications-read"), {"all": "1", "next": target})
        assert response["Location"] == reverse("notifications")
    kept = client.post(reverse("notifications-read"), {"all": "1", "next": "/?page=2"})
    assert kept["Location"] == "/?page=2"
