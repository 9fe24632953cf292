"""Outgoing webhooks: the payload of each flavour, and one attempt against a real HTTP server."""

import base64
import errno
import hashlib
import hmac
import json
import os
import socket
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from kam.choices import WebhookFlavour
from kam.webhooks import (
    AttemptResult,
    PreparedRequest,
    WebhookMessage,
    build_request,
    post,
    validate_webhook_url,
)

pytestmark = pytest.mark.usefixtures("english")

MESSAGE = WebhookMessage(
    kind="accounts.unvisited",
    subject="3 个客户 30 天未拜访",
    body="华东区：上海申达\n华北区：北京燕山",
    link="https://crm.example.com/accounts/?stale=30&team=east",
    created_at=datetime(2025, 3, 1, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai")),
    recipient="王小明",
)
NOW = datetime(2025, 3, 1, 1, 30, tzinfo=UTC)  # 1740792600 s since the epoch
LINK_LINE = "[Open in KAM CRM](https://crm.example.com/accounts/?stale=30&team=east)"
OK = AttemptResult(ok=True, retryable=False, status=200, error="")


@pytest.fixture
def deny_private(settings):
    settings.KAM_WEBHOOK_ALLOW_PRIVATE = False


@pytest.fixture
def server(webhook_server):
    return webhook_server


def send(server, flavour, body=None, path="/hook", timeout=5.0, headers=None):
    return post(
        server.base + path,
        {"msgtype": "text"} if body is None else body,
        flavour=flavour,
        timeout=timeout,
        headers=headers,
    )


# -- payloads ----------------------------------------------------------------------------


def test_wecom_payload_is_a_markdown_message():
    url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"
    request = build_request(WebhookFlavour.WECOM, url=url, secret="", message=MESSAGE, now=NOW)
    assert request == PreparedRequest(
        url=url,
        body={
            "msgtype": "markdown",
            "markdown": {
                "content": "**3 个客户 30 天未拜访**\n"
                "华东区：上海申达\n华北区：北京燕山\n"
                f"{LINK_LINE}\n"
                '<font color="comment">For 王小明</font>'
            },
        },
        headers={},
    )


def test_wecom_and_dingtalk_neutralise_links_and_tags_in_user_text():
    message = replace(
        MESSAGE,
        subject="**Win** [prize](https://evil.example)",
        body='<font color="warning">x</font> ![img](https://evil.example/a.png)',
        link="",
        recipient="Bob\nSmith",
    )
    wecom = build_request("wecom", url="https://h.example/", secret="", message=message)
    assert wecom.body["markdown"]["content"] == (
        "**＊＊Win＊＊ ［prize］(https://evil.example)**\n"
        '＜font color="warning"＞x＜/font＞ !［img］(https://evil.example/a.png)\n'
        '<font color="comment">For Bob Smith</font>'
    )
    dingtalk = build_request("dingtalk", url="https://h.example/", secret="", message=message)
    assert dingtalk.body["markdown"]["text"] == (
        "#### ＊＊Win＊＊ ［prize］(https://evil.example)\n\n"
        '＜font color="warning"＞x＜/font＞ !［img］(https://evil.example/a.png)\n\n'
        "> For Bob Smith"
    )


def test_markdown_link_target_cannot_be_closed_early():
    message = replace(MESSAGE, link="https://crm.example.com/a (b)/<c>")
    request = build_request("wecom", url="https://h.example/", secret="", message=message)
    assert request.body["markdown"]["content"].split("\n")[3] == (
        "[Open in KAM CRM](https://crm.example.com/a%20%28b%29/%3Cc%3E)"
    )


def test_wecom_content_is_cut_to_4096_bytes_on_a_character_boundary():
    body = "客户😀" * 2000  # 3- and 4-byte characters, 20,000 bytes
    message = replace(MESSAGE, body=body)
    content = build_request("wecom", url="https://h.example/", secret="", message=message).body[
        "markdown"
    ]["content"]
    size = len(content.encode("utf-8"))
    assert 4096 - 4 < size <= 4096
    kept = content.split("\n")[1]
    assert kept.endswith("…")
    assert body.startswith(kept[:-1])
    assert content.split("\n")[2:] == [LINK_LINE, '<font color="comment">For 王小明</font>']


def test_wecom_cuts_an_overlong_subject_too():
    message = replace(MESSAGE, subject="很长的标题" * 500)
    content = build_request("wecom", url="https://h.example/", secret="", message=message).body[
        "markdown"
    ]["content"]
    lines = content.split("\n")
    assert len(content.encode("utf-8")) <= 4096
    assert lines[0].startswith("**很长的标题") and lines[0].endswith("…**")
    assert lines[1:] == ["…", LINK_LINE, '<font color="comment">For 王小明</font>']


def test_dingtalk_payload_without_secret_keeps_the_url():
    url = "https://oapi.dingtalk.com/robot/send?access_token=tok"
    request = build_request("dingtalk", url=url, secret="", message=MESSAGE, now=NOW)
    assert request == PreparedRequest(
        url=url,
        body={
            "msgtype": "markdown",
            "markdown": {
                "title": "3 个客户 30 天未拜访",
                "text": "#### 3 个客户 30 天未拜访\n\n"
                "华东区：上海申达\n\n华北区：北京燕山\n\n"
                f"{LINK_LINE}\n\n"
                "> For 王小明",
            },
        },
    )


def test_dingtalk_signature_is_added_to_the_query():
    secret = "SEC0123456789abcdef"
    url = "https://oapi.dingtalk.com/robot/send?access_token=tok"
    request = build_request("dingtalk", url=url, secret=secret, message=MESSAGE, now=NOW)
    timestamp = "1740792600000"
    digest = hmac.new(
        secret.encode("utf-8"), f"{timestamp}\n{secret}".encode(), hashlib.sha256
    ).digest()
    sign = quote_plus(base64.b64encode(digest).decode("ascii"))
    assert request.url == f"{url}&timestamp={timestamp}&sign={sign}"
    assert request.body == build_request("dingtalk", url=url, secret="", message=MESSAGE).body


def test_feishu_payload_is_rich_text():
    url = "https://open.feishu.cn/open-apis/bot/v2/hook/abc"
    request = build_request("feishu", url=url, secret="", message=MESSAGE, now=NOW)
    assert request == PreparedRequest(
        url=url,
        body={
            "msg_type": "post",
            "content": {
                "post": {
                    "zh_cn": {
                        "title": "3 个客户 30 天未拜访",
                        "content": [
                            [{"tag": "text", "text": "华东区：上海申达"}],
                            [{"tag": "text", "text": "华北区：北京燕山"}],
                            [
                                {
                                    "tag": "a",
                                    "text": "Open in KAM CRM",
                                    "href": "https://crm.example.com/accounts/?stale=30&team=east",
                                }
                            ],
                            [{"tag": "text", "text": "For 王小明"}],
                        ],
                    }
                }
            },
        },
    )


def test_feishu_signature_is_added_to_the_body():
    secret = "feishu-secret"
    url = "https://open.feishu.cn/open-apis/bot/v2/hook/abc"
    request = build_request("feishu", url=url, secret=secret, message=MESSAGE, now=NOW)
    key = f"1740792600\n{secret}".encode()
    sign = base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode("ascii")
    unsigned = build_request("feishu", url=url, secret="", message=MESSAGE).body
    assert request == PreparedRequest(
        url=url, body={"timestamp": "1740792600", "sign": sign, **unsigned}
    )


def test_slack_payload_has_fallback_text_and_blocks():
    url = "https://hooks.slack.com/services/T0/B0/XYZ"
    request = build_request("slack", url=url, secret="ignored", message=MESSAGE, now=NOW)
    assert request == PreparedRequest(
        url=url,
        body={
            "text": "3 个客户 30 天未拜访",
            "blocks": [
                {
                    "type": "section",
                    "text": {
                        "type": "mrkdwn",
                        "text": "*<https://crm.example.com/accounts/?stale=30&amp;team=east"
                        "|3 个客户 30 天未拜访>*\n华东区：上海申达\n华北区：北京燕山",
                    },
                },
                {"type": "context", "elements": [{"type": "mrkdwn", "text": "For 王小明"}]},
            ],
        },
    )


def test_slack_escapes_control_characters_in_user_text():
    message = replace(
        MESSAGE,
        subject="Ping <!channel> & <https://evil.example|click>",
        body="a < b > c & d",
        link="https://crm.example.com/x|y",
        recipient="R&D",
    )
    body = build_request("slack", url="https://h.example/", secret="", message=message).body
    assert body == {
        "text": "Ping &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;",
        "blocks": [
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": "*<https://crm.example.com/x%7Cy|Ping &lt;!channel&gt; &amp; "
                    "&lt;https://evil.example|click&gt;>*\na &lt; b &gt; c &amp; d",
                },
            },
            {"type": "context", "elements": [{"type": "mrkdwn", "text": "For R&amp;D"}]},
        ],
    }


def test_slack_without_link_and_with_a_long_body():
    message = replace(MESSAGE, subject="Digest", body="x" * 5000, link="")
    body = build_request("slack", url="https://h.example/", secret="", message=message).body
    section = body["blocks"][0]["text"]["text"]
    assert len(section) == 3000
    assert section == "*Digest*\n" + "x" * (3000 - len("*Digest*\n") - 1) + "…"


def test_generic_payload_carries_the_raw_fields():
    url = "https://erp.example.com/kam-hook"
    request = build_request("generic", url=url, secret="", message=MESSAGE, now=NOW)
    assert request == PreparedRequest(
        url=url,
        body={
            "event": "notification",
            "kind": "accounts.unvisited",
            "subject": "3 个客户 30 天未拜访",
            "body": "华东区：上海申达\n华北区：北京燕山",
            "url": "https://crm.example.com/accounts/?stale=30&team=east",
            "recipient": "王小明",
            "created_at": "2025-03-01T09:30:00+08:00",
        },
        headers={},
    )


def test_generic_signature_header_verifies_against_the_bytes_received(
    server, allow_private_webhooks
):
    secret = "department-secret"
    request = build_request("generic", url=server.base + "/in", secret=secret, message=MESSAGE)
    result = post(request.url, request.body, flavour="generic", timeout=5, headers=request.headers)
    assert result == OK
    [received] = server.requests
    expected = hmac.new(secret.encode(), received.raw, hashlib.sha256).hexdigest()
    assert received.headers["X-KAM-Signature"] == f"sha256={expected}"
    assert received.json == request.body


def test_unknown_flavour_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown webhook flavour 'teams'"):
        build_request("teams", url="https://h.example/", secret="", message=MESSAGE)
    with pytest.raises(ValueError, match="unknown webhook flavour 'teams'"):
        post("https://h.example/", {}, flavour="teams", timeout=1)


# -- one attempt -------------------------------------------------------------------------


def test_post_sends_utf8_json_with_the_documented_headers(server, allow_private_webhooks):
    server.reply((200, {"errcode": 0, "errmsg": "ok"}))
    request = build_request("wecom", url=server.base + "/send?key=abc", secret="", message=MESSAGE)
    assert post(request.url, request.body, flavour="wecom", timeout=5) == OK
    [received] = server.requests
    assert received.method == "POST"
    assert received.path == "/send?key=abc"
    assert received.headers["Content-Type"] == "application/json; charset=utf-8"
    assert received.headers["User-Agent"] == "KAM-CRM-webhook/1"
    assert received.raw == json.dumps(request.body, ensure_ascii=False).encode("utf-8")
    assert "华东区：上海申达".encode() in received.raw
    assert received.json == request.body


@pytest.mark.parametrize(
    ("flavour", "answer", "expected"),
    [
        ("wecom", {"errcode": 0, "errmsg": "ok"}, OK),
        ("dingtalk", {"errcode": 0, "errmsg": "ok"}, OK),
        ("feishu", {"code": 0, "msg": "success", "data": {}}, OK),
        ("feishu", {"StatusCode": 0, "StatusMessage": "success"}, OK),
        (
            "wecom",
            {"errcode": 93000, "errmsg": "invalid webhook url"},
            AttemptResult(False, False, 200, "errcode 93000: invalid webhook url"),
        ),
        (
            "wecom",
            {"errcode": 45009, "errmsg": "api freq out of limit"},
            AttemptResult(False, True, 200, "errcode 45009: api freq out of limit"),
        ),
        (
            "dingtalk",
            {"errcode": 130101, "errmsg": "send too fast"},
            AttemptResult(False, True, 200, "errcode 130101: send too fast"),
        ),
        (
            "dingtalk",
            {"errcode": 310000, "errmsg": "sign not match"},
            AttemptResult(False, False, 200, "errcode 310000: sign not match"),
        ),
        (
            "feishu",
            {"code": 11232, "msg": "frequency limited"},
            AttemptResult(False, True, 200, "errcode 11232: frequency limited"),
        ),
        (
            "feishu",
            {"code": 19021, "msg": "sign match fail"},
            AttemptResult(False, False, 200, "errcode 19021: sign match fail"),
        ),
        (
            "wecom",
            "<html>portal</html>",
            AttemptResult(False, False, 200, "unexpected response: <html>portal</html>"),
        ),
        (
            "wecom",
            {"data": 1},
            AttemptResult(False, False, 200, 'unexpected response: {"data": 1}'),
        ),
        ("slack", "ok", OK),
        ("slack", "", AttemptResult(False, False, 200, "unexpected response: (empty body)")),
        ("generic", "", OK),
    ],
)
def test_a_200_is_judged_by_its_body(server, allow_private_webhooks, flavour, answer, expected):
    server.reply((200, answer))
    assert send(server, flavour) == expected


@pytest.mark.parametrize(
    ("status", "answer", "expected"),
    [
        (500, "boom", AttemptResult(False, True, 500, "HTTP 500: boom")),
        (503, "", AttemptResult(False, True, 503, "HTTP 503: Service Unavailable")),
        (429, "rate_limited", AttemptResult(False, True, 429, "HTTP 429: rate_limited")),
        (404, "no_service", AttemptResult(False, False, 404, "HTTP 404: no_service")),
        (400, "invalid_blocks", AttemptResult(False, False, 400, "HTTP 400: invalid_blocks")),
    ],
)
def test_http_errors(server, allow_private_webhooks, status, answer, expected):
    server.reply((status, answer))
    assert send(server, "slack") == expected


def test_a_failing_then_recovering_server(server, allow_private_webhooks):
    server.reply((500, "boom"), (500, "boom"), (200, "ok"))
    results = [send(server, "slack") for _ in range(3)]
    failed = AttemptResult(False, True, 500, "HTTP 500: boom")
    assert results == [failed, failed, OK]
    assert len(server.requests) == 3


def test_a_redirect_is_not_followed(server, allow_private_webhooks):
    server.reply((302, "", {"Location": server.base + "/elsewhere"}))
    assert send(server, "generic") == AttemptResult(
        False, False, 302, f"HTTP 302 redirect to {server.base}/elsewhere not followed"
    )
    assert [r.path for r in server.requests] == ["/hook"]


def test_a_long_error_is_clipped_to_500_characters(server, allow_private_webhooks):
    server.reply((500, "e" * 2000))
    result = send(server, "generic")
    assert result == AttemptResult(False, True, 500, "HTTP 500: " + "e" * 489 + "…")
    assert len(result.error) == 500


def test_a_server_that_never_answers_times_out(allow_private_webhooks):
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts via backlog, never replies
        port = silent.getsockname()[1]
        result = post(f"http://127.0.0.1:{port}/", {}, flavour="generic", timeout=0.5)
    assert result == AttemptResult(False, True, None, "timed out after 0.5 s")


def test_connection_refused_is_retryable(allow_private_webhooks):
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # closed again before the attempt
    result = post(f"http://127.0.0.1:{port}/", {}, flavour="generic", timeout=2)
    refused = ConnectionRefusedError(errno.ECONNREFUSED, os.strerror(errno.ECONNREFUSED))
    assert result == AttemptResult(False, True, None, f"connection failed: {refused}")


def test_dns_failure_is_retryable(deny_private):
    result = post("https://nothing.invalid/hook", {}, flavour="generic", timeout=2)
    assert (result.ok, result.retryable, result.status) == (False, True, None)
    assert result.error.startswith("DNS lookup of nothing.invalid failed: ")


@pytest.mark.parametrize(
    ("host", "address"),
    [("127.0.0.1", "127.0.0.1"), ("localhost", "127.0.0.1"), ("[::ffff:127.0.0.1]", None)],
)
def test_private_destinations_are_refused_before_connecting(server, deny_private, host, address):
    port = server.base.rsplit(":", 1)[1]
    result = post(f"http://{host}:{port}/hook", {}, flavour="generic", timeout=2)
    address = address or "::ffff:127.0.0.1"
    assert result == AttemptResult(
        False, False, None, f"refused: {address} is not a public address"
    )
    assert server.requests == []


def test_only_http_urls_are_opened(allow_private_webhooks):
    assert post("file:///etc/passwd", {}, flavour="generic", timeout=1) == AttemptResult(
        False, False, None, "not an http(s) URL"
    )


# -- validation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",
        "https://oapi.dingtalk.com/robot/send?access_token=tok",
        "https://8.8.8.8/hook",
        "https://[::ffff:8.8.8.8]/hook",
    ],
)
def test_valid_urls(deny_private, url):
    assert validate_webhook_url(url) is None


HTTPS_ONLY = "The webhook address must start with https://."
PRIVATE = "The webhook address must not point at a private or loopback address."


@pytest.mark.parametrize(
    ("url", "code", "message"),
    [
        ("ftp://files.example.com/hook", "scheme", HTTPS_ONLY),
        ("http://example.com/", "scheme", HTTPS_ONLY),
        ("example.com/hook", "scheme", HTTPS_ONLY),
        (
            "https://user:pw@host/",
            "userinfo",
            "The webhook address must not contain a user name or password.",
        ),
        ("https://127.0.0.1/", "private", PRIVATE),
        ("https://[::1]/", "private", PRIVATE),
        ("https://10.1.2.3/", "private", PRIVATE),
        ("https://169.254.169.254/latest/meta-data", "private", PRIVATE),
        ("https://[::ffff:192.168.1.1]/", "private", PRIVATE),
        ("https://exa mple.com/", "invalid", "Enter a valid URL."),
        ("https://[::1/", "invalid", "Enter a valid URL."),
        (
            "https://example.com/" + "a" * 481,
            "too_long",
            "The webhook address may be at most 500 characters long.",
        ),
    ],
)
def test_invalid_urls(deny_private, url, code, message):
    with pytest.raises(ValidationError) as caught:
        validate_webhook_url(url)
    assert (caught.value.code, caught.value.messages) == (code, [message])


def test_private_and_http_urls_when_allowed(allow_private_webhooks):
    assert validate_webhook_url("http://127.0.0.1:8000/hook") is None
    assert validate_webhook_url("https://[::1]/hook") is None
    with pytest.raises(ValidationError) as caught:
        validate_webhook_url("ftp://files.example.com/hook")
    assert (caught.value.code, caught.value.messages) == (
        "scheme",
        ["The webhook address must start with http:// or https://."],
    )
