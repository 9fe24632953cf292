"""Outgoing webhooks: the wire format of each chat tool, and one HTTP attempt.

``kam.notify`` records a delivery; a Celery task turns it into calls here. The split is:

* :func:`build_request` is pure. It renders a :class:`WebhookMessage` as the one documented
  payload of the flavour (each builder cites its vendor page) and signs it when a secret is
  set. Signatures carry a timestamp that the chat tools accept for an hour only, so the task
  builds the request again for every attempt rather than storing it.
* :func:`post` makes exactly one attempt and never raises for network or HTTP trouble: the
  outcome comes back as an :class:`AttemptResult` saying whether trying later could help.
  Retrying, back-off and bookkeeping belong to the task.
* :func:`validate_webhook_url` is for forms and serializers, before a URL is stored.

Webhook URLs are chosen by users, so this is a server-side request forgery surface: only
http(s), no redirects, and no loopback/private/link-local/... destinations unless
``settings.KAM_WEBHOOK_ALLOW_PRIVATE`` (for development and tests) is on.

Text shown in the chat tools is user data (account names, notes) and must not be able to add
links or markup. JSON encoding takes care of the JSON; each builder neutralises its tool's
markup. Error strings in :class:`AttemptResult` are English: they are stored and read by
administrators, not shown to end users in their language.
"""

import base64
import hashlib
import hmac
import http.client
import ipaddress
import json
import socket
import ssl
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kam.choices import WebhookFlavour

MAX_URL_LENGTH = 500
MAX_ERROR_LENGTH = 500
MAX_RESPONSE_BYTES = 64 * 1024
USER_AGENT = "KAM-CRM-webhook/1"

_WECOM_MAX_CONTENT_BYTES = 4096
_SLACK_MAX_SECTION_CHARS = 3000
_ELLIPSIS = "…"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# Error codes in a 200 response that mean "slow down", not "this will never work".
_RATE_LIMITED = {
    WebhookFlavour.WECOM: {45009},  # 接口调用超过限制 (20 messages a minute per bot)
    WebhookFlavour.DINGTALK: {130101},  # send too fast, exceed 20 times per minute
    WebhookFlavour.FEISHU: {11232},  # 限流 (100 a minute, 5 a second per bot)
}


@dataclass(frozen=True)
class WebhookMessage:
    """What a notification says, independent of the tool that shows it."""

    kind: str
    subject: str
    body: str
    link: str
    created_at: datetime
    recipient: str


@dataclass(frozen=True)
class PreparedRequest:
    """A request ready for :func:`post`: where to send it, the JSON body, extra headers.

    ``headers`` holds only what the flavour adds (the GENERIC signature); :func:`post` sets
    Content-Type and User-Agent itself.
    """

    url: str
    body: dict
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class AttemptResult:
    """The outcome of one delivery attempt."""

    ok: bool
    retryable: bool
    status: int | None
    error: str


def build_request(
    flavour: str,
    *,
    url: str,
    secret: str,
    message: WebhookMessage,
    now: datetime | None = None,
) -> PreparedRequest:
    """The request that delivers ``message`` to a webhook of ``flavour``.

    ``secret`` (may be empty) signs the request the way the tool documents; ``now`` is the
    signing time, by default the current time. WeCom and Slack have no signing; the secret
    is ignored for them. Raises ``ValueError`` for an unknown flavour.
    """
    try:
        builder = _BUILDERS[flavour]
    except KeyError:
        raise ValueError(f"unknown webhook flavour {flavour!r}") from None
    return builder(url, secret, message, now or timezone.now())


def post(
    url: str,
    body: dict,
    *,
    flavour: str,
    timeout: float,
    headers: Mapping[str, str] | None = None,
) -> AttemptResult:
    """POST ``body`` as JSON to ``url`` once and judge the answer by ``flavour``'s rules.

    ``headers`` are added to the request (pass :attr:`PreparedRequest.headers`). ``timeout``
    bounds the connection and each read, in seconds. Never raises for network or HTTP
    problems: they come back as a result, ``retryable`` when a later attempt may succeed.
    """
    if flavour not in WebhookFlavour.values:
        raise ValueError(f"unknown webhook flavour {flavour!r}")
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        return _permanent(f"invalid URL: {exc}")
    host = parts.hostname
    # urllib would also open file:, ftp: and data: URLs; the URL's own text is not echoed,
    # webhook URLs carry their credential (key=, access_token=) in them.
    if parts.scheme not in ("http", "https") or not host:
        return _permanent("not an http(s) URL")
    if not settings.KAM_WEBHOOK_ALLOW_PRIVATE:
        # urllib resolves the name again when it connects, so a DNS server answering
        # differently within that instant (DNS rebinding) could still steer the request to
        # a private address. Closing that gap means connecting to the checked address
        # ourselves; redirects, the other way around this check, are never followed.
        try:
            addresses = {
                info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            }
        except OSError as exc:
            return _retryable(f"DNS lookup of {host} failed: {exc}")
        for address in sorted(addresses):
            if not _is_public(ipaddress.ip_address(address)):
                return _permanent(f"refused: {address} is not a public address")

    request = urllib.request.Request(
        url,
        data=_encode(body),
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": USER_AGENT,
            **(headers or {}),
        },
    )
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            status, raw = response.status, response.read(MAX_RESPONSE_BYTES)
    except HTTPError as exc:
        return _http_error(exc)
    except URLError as exc:
        return _network_error(exc.reason, timeout)
    except (OSError, http.client.HTTPException) as exc:
        return _network_error(exc, timeout)
    except ValueError as exc:  # http.client.InvalidURL: control characters and the like
        return _permanent(f"invalid URL: {exc}")
    return _judge_body(flavour, status, raw)


def validate_webhook_url(url: str) -> None:
    """Raise ``ValidationError`` unless ``url`` may be stored as a webhook address.

    It must be an absolute https URL (http too when ``KAM_WEBHOOK_ALLOW_PRIVATE``) of at
    most 500 characters, without user name or password, and not a literal private or
    loopback IP address unless allowed. Host names are not resolved here; :func:`post`
    checks where they point at every attempt.
    """
    allow_private = settings.KAM_WEBHOOK_ALLOW_PRIVATE
    if len(url) > MAX_URL_LENGTH:
        raise ValidationError(
            _("The webhook address may be at most %(limit)d characters long."),
            code="too_long",
            params={"limit": MAX_URL_LENGTH},
        )
    try:
        parts = urlsplit(url)
    except ValueError:  # an unbalanced "[" in the host
        raise ValidationError(URLValidator.message, code="invalid") from None
    if allow_private and parts.scheme not in ("http", "https"):
        raise ValidationError(
            _("The webhook address must start with http:// or https://."), code="scheme"
        )
    if not allow_private and parts.scheme != "https":
        raise ValidationError(_("The webhook address must start with https://."), code="scheme")
    # Before URLValidator, which accepts user:password@ and would hide the specific reason.
    if "@" in parts.netloc:
        raise ValidationError(
            _("The webhook address must not contain a user name or password."), code="userinfo"
        )
    URLValidator(schemes=["http", "https"])(url)
    try:
        literal = ipaddress.ip_address(parts.hostname or "")
    except ValueError:
        return
    if not allow_private and not _is_public(literal):
        raise ValidationError(
            _("The webhook address must not point at a private or loopback address."),
            code="private",
        )


# -- payloads ----------------------------------------------------------------------------


def _wecom(url: str, secret: str, message: WebhookMessage, now: datetime) -> PreparedRequest:
    # WeCom group bot, markdown message; content at most 4096 bytes of UTF-8; <font> is
    # WeCom's documented colour extension.
    # https://developer.work.weixin.qq.com/document/path/91770
    def render(subject: str, body: str) -> str:
        lines = [f"**{_neutralise(subject)}**", *filter(None, [_neutralise(body)])]
        if message.link:
            lines.append(f"[{gettext('Open in KAM CRM')}]({_markdown_url(message.link)})")
        lines.append(f'<font color="comment">{_neutralise(_for(message))}</font>')
        return "\n".join(lines)

    def fits(content: str) -> bool:
        return len(content.encode()) <= _WECOM_MAX_CONTENT_BYTES

    # The subject is cut first only when even an elided body would not fit beside it.
    subject = _shorten(_one_line(message.subject), lambda s: fits(render(s, _ELLIPSIS)))
    body = _shorten(message.body, lambda b: fits(render(subject, b)))
    return PreparedRequest(
        url, {"msgtype": "markdown", "markdown": {"content": render(subject, body)}}
    )


def _dingtalk(url: str, secret: str, message: WebhookMessage, now: datetime) -> PreparedRequest:
    # DingTalk custom robot, markdown message; "title" is the plain-text preview.
    # https://open.dingtalk.com/document/robots/custom-robot-access
    # 加签: timestamp in ms, sign = urlencode(base64(HmacSHA256(secret, f"{ts}\n{secret}"))).
    # https://open.dingtalk.com/document/robots/customize-robot-security-settings
    subject = _one_line(message.subject)
    # Like standard markdown, DingTalk joins lines split by a single newline; blank lines don't.
    lines = [f"#### {_neutralise(subject)}", *filter(None, _neutralise(message.body).splitlines())]
    if message.link:
        lines.append(f"[{gettext('Open in KAM CRM')}]({_markdown_url(message.link)})")
    lines.append(f"> {_neutralise(_for(message))}")
    body = {"msgtype": "markdown", "markdown": {"title": subject, "text": "\n\n".join(lines)}}
    if secret:
        timestamp = str((now - _EPOCH) // timedelta(milliseconds=1))
        digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256)
        signature = urlencode({"timestamp": timestamp, "sign": base64.b64encode(digest.digest())})
        parts = urlsplit(url)
        url = urlunsplit(parts._replace(query="&".join(filter(None, [parts.query, signature]))))
    return PreparedRequest(url, body)


def _feishu(url: str, secret: str, message: WebhookMessage, now: datetime) -> PreparedRequest:
    # Feishu/Lark custom bot, rich text ("post"): plain-text and link tags, no markup to
    # escape. Signing: timestamp in seconds, sign = base64(HmacSHA256 keyed with
    # f"{ts}\n{secret}" over an empty message), both in the body.
    # https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot
    paragraphs = [[{"tag": "text", "text": line}] for line in message.body.splitlines()]
    if message.link:
        paragraphs.append([{"tag": "a", "text": gettext("Open in KAM CRM"), "href": message.link}])
    paragraphs.append([{"tag": "text", "text": _for(message)}])
    body: dict = {
        "msg_type": "post",
        "content": {"post": {"zh_cn": {"title": message.subject, "content": paragraphs}}},
    }
    if secret:
        timestamp = str((now - _EPOCH) // timedelta(seconds=1))
        digest = hmac.new(f"{timestamp}\n{secret}".encode(), b"", hashlib.sha256).digest()
        body |= {"timestamp": timestamp, "sign": base64.b64encode(digest).decode()}
    return PreparedRequest(url, body)


def _slack(url: str, secret: str, message: WebhookMessage, now: datetime) -> PreparedRequest:
    # Slack incoming webhook, "text" as the notification fallback plus Block Kit blocks.
    # https://api.slack.com/messaging/webhooks
    # &, < and > are Slack's control characters and must be escaped in user text:
    # https://api.slack.com/reference/surfaces/formatting#escaping
    # A section's text is at most 3000 characters:
    # https://api.slack.com/reference/block-kit/blocks#section
    subject = _slack_escape(_one_line(message.subject))
    if message.link:
        target = _slack_escape(message.link).replace("|", "%7C")
        heading = f"*<{target}|{subject}>*"
    else:
        heading = f"*{subject}*"

    def render(body: str) -> str:
        return "\n".join(filter(None, [heading, _slack_escape(body)]))

    body = _shorten(message.body, lambda b: len(render(b)) <= _SLACK_MAX_SECTION_CHARS)
    payload = {
        "text": subject,
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": render(body)}},
            {
                "type": "context",
                "elements": [{"type": "mrkdwn", "text": _slack_escape(_for(message))}],
            },
        ],
    }
    return PreparedRequest(url, payload)


def _generic(url: str, secret: str, message: WebhookMessage, now: datetime) -> PreparedRequest:
    # KAM CRM's own format, for a department's system: raw fields, nothing rendered. With a
    # secret, X-KAM-Signature is "sha256=" + hex HMAC-SHA256 of the exact body bytes.
    body = {
        "event": "notification",
        "kind": message.kind,
        "subject": message.subject,
        "body": message.body,
        "url": message.link,
        "recipient": message.recipient,
        "created_at": message.created_at.isoformat(),
    }
    headers = {}
    if secret:
        digest = hmac.new(secret.encode(), _encode(body), hashlib.sha256).hexdigest()
        headers["X-KAM-Signature"] = f"sha256={digest}"
    return PreparedRequest(url, body, headers)


_BUILDERS: dict[str, Callable[[str, str, WebhookMessage, datetime], PreparedRequest]] = {
    WebhookFlavour.WECOM: _wecom,
    WebhookFlavour.DINGTALK: _dingtalk,
    WebhookFlavour.FEISHU: _feishu,
    WebhookFlavour.SLACK: _slack,
    WebhookFlavour.GENERIC: _generic,
}


def _encode(body: dict) -> bytes:
    # The one serialisation: the GENERIC signature is computed over these very bytes.
    return json.dumps(body, ensure_ascii=False).encode()


def _for(message: WebhookMessage) -> str:
    return gettext("For %(recipient)s") % {"recipient": _one_line(message.recipient)}


def _one_line(text: str) -> str:
    # A newline inside **bold**, a heading or a quote would end the markup half-way.
    return " ".join(text.split())


# WeCom's and DingTalk's markdown dialects document no escape syntax, so the characters that
# open links, images and HTML tags (and bold) become their full-width look-alikes.
_MARKDOWN_NEUTRAL = str.maketrans({"[": "［", "]": "］", "<": "＜", ">": "＞", "*": "＊"})


def _neutralise(text: str) -> str:
    return text.translate(_MARKDOWN_NEUTRAL)


def _markdown_url(url: str) -> str:
    # Parentheses, spaces and angle brackets would end a markdown link target early.
    return quote(url, safe="/:?#[]@!$&'*+,;=%~")


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _shorten(text: str, fits: Callable[[str], bool]) -> str:
    """``text``, or its longest prefix plus an ellipsis, such that ``fits`` accepts it.

    Cuts between code points, so UTF-8 is never split; ``fits`` must be monotonic.
    """
    if fits(text):
        return text
    low, high = 0, len(text) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if fits(text[:middle] + _ELLIPSIS):
            low = middle
        else:
            high = middle - 1
    return text[:low] + _ELLIPSIS


# -- outcomes ----------------------------------------------------------------------------


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # Returning None makes urllib raise HTTPError for the 3xx, which _http_error reports.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return _is_public(address.ipv4_mapped)
        if address.is_site_local:  # fec0::/10 is deprecated but not "non-global" in Python
            return False
    # is_global is False for loopback, private, link-local, reserved, unspecified and
    # shared (100.64/10) addresses; multicast ranges count as global, so they are explicit.
    return address.is_global and not address.is_multicast


def _http_error(exc: HTTPError) -> AttemptResult:
    try:
        raw = exc.read(MAX_RESPONSE_BYTES)
    except (OSError, http.client.HTTPException):
        raw = b""
    finally:
        exc.close()
    status = exc.code
    if 300 <= status < 400:
        location = exc.headers.get("Location", "")
        return _permanent(f"HTTP {status} redirect to {location} not followed", status)
    reason = f"HTTP {status}: {_text(raw) or exc.reason}"
    if status == 429 or status >= 500:
        return _retryable(reason, status)
    return _permanent(reason, status)


def _network_error(reason: object, timeout: float) -> AttemptResult:
    if isinstance(reason, TimeoutError):
        return _retryable(f"timed out after {timeout:g} s")
    if isinstance(reason, ssl.SSLCertVerificationError):
        # A wrong certificate stays wrong; trying again only delays the admin's fix.
        return _permanent(f"TLS certificate rejected: {reason.verify_message}")
    if isinstance(reason, OSError | http.client.HTTPException):
        return _retryable(f"connection failed: {reason}")
    return _permanent(f"request failed: {reason}")


def _judge_body(flavour: str, status: int, raw: bytes) -> AttemptResult:
    # A 2xx is not enough: the chat tools answer 200 with an error code in the body.
    text = _text(raw) or "(empty body)"
    if flavour == WebhookFlavour.GENERIC:
        return AttemptResult(ok=True, retryable=False, status=status, error="")
    if flavour == WebhookFlavour.SLACK:
        if text == "ok":
            return AttemptResult(ok=True, retryable=False, status=status, error="")
        return _permanent(f"unexpected response: {text}", status)
    try:
        data = json.loads(raw)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return _permanent(f"unexpected response: {text}", status)
    if flavour == WebhookFlavour.FEISHU:
        # "StatusCode"/"StatusMessage" are the older fields Feishu still sends alongside.
        code = data.get("code", data.get("StatusCode"))
        detail = data.get("msg", data.get("StatusMessage", ""))
    else:
        code, detail = data.get("errcode"), data.get("errmsg", "")
    if code == 0:
        return AttemptResult(ok=True, retryable=False, status=status, error="")
    if code is None:
        return _permanent(f"unexpected response: {text}", status)
    reason = f"errcode {code}: {detail}"
    if code in _RATE_LIMITED[flavour]:
        return _retryable(reason, status)
    return _permanent(reason, status)


def _text(raw: bytes) -> str:
    return " ".join(raw.decode("utf-8", "replace").split())


def _clip(error: str) -> str:
    if len(error) <= MAX_ERROR_LENGTH:
        return error
    return error[: MAX_ERROR_LENGTH - len(_ELLIPSIS)] + _ELLIPSIS


def _retryable(error: str, status: int | None = None) -> AttemptResult:
    return AttemptResult(ok=False, retryable=True, status=status, error=_clip(error))


def _permanent(error: str, status: int | None = None) -> AttemptResult:
    return AttemptResult(ok=False, retryable=False, status=status, error=_clip(error))
