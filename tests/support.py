"""Test helpers that are real parts, not mocks: an HTTP server, a Celery worker, waiting,
files as a spreadsheet writes them, an API client with a real token, a real browser's page.

Fixtures built on these live in ``tests/conftest.py``; test modules import from here, never
from ``conftest.py`` or from one another.
"""

import csv
import io
import json
import os
import re
import shutil
import threading
import time
from collections import deque
from dataclasses import dataclass
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from openpyxl import Workbook
from playwright.sync_api import expect
from pypdf import PdfReader
from rest_framework.test import APIClient

from kam import services as kam_services
from kam.celery import app
from tests import factories as f


@dataclass
class Received:
    method: str
    path: str
    headers: Message
    raw: bytes

    @property
    def json(self):
        return json.loads(self.raw.decode("utf-8"))


class Server:
    """Records every request and answers with the queued (status, body[, headers]) replies."""

    def __init__(self, port: int):
        self.base = f"http://127.0.0.1:{port}"
        self.requests: list[Received] = []
        self.replies: deque = deque()

    def reply(self, *replies):
        self.replies.extend(replies)


def serve():
    def handle(handler: BaseHTTPRequestHandler):
        length = int(handler.headers.get("Content-Length", 0))
        recorder.requests.append(
            Received(handler.command, handler.path, handler.headers, handler.rfile.read(length))
        )
        status, body, *extra = recorder.replies.popleft() if recorder.replies else (200, "ok")
        payload = (json.dumps(body) if isinstance(body, dict) else body).encode()
        handler.send_response(status)
        for name, value in (extra[0] if extra else {}).items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    class Handler(BaseHTTPRequestHandler):
        do_GET = do_POST = handle

        def log_message(self, format, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    recorder = Server(httpd.server_address[1])
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    )
    thread.start()
    try:
        yield recorder
    finally:
        httpd.shutdown()
        httpd.server_close()


def wait_until(predicate, *, timeout: float = 60, interval: float = 0.05):
    """Poll until ``predicate()`` is true (a worker's side effects arrive asynchronously)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    raise AssertionError(
        f"Timed out after {timeout} s waiting for {predicate.__doc__ or predicate}"
    )


def worker():
    """A real worker on the Redis broker, or None when the project runs Celery eagerly.

    In CI (``CI`` set) eager mode is a failure: the scheduled-job tests must go through
    the broker to a worker.
    """
    if app.conf.task_always_eager:
        if os.environ.get("CI"):
            pytest.fail("CI must run the scheduled-job tests on a real worker: set REDIS_URL.")
        yield None
        return
    app.loader.import_default_modules()
    # Messages left in the queue by earlier tests (sent with no worker up) refer to rows
    # that are gone; the worker would spend its time on them first.
    app.control.purge()
    with start_worker(
        app,
        perform_ping_check=False,
        pool="solo",
        concurrency=1,
        loglevel="WARNING",
        shutdown_timeout=30,
    ) as running:
        yield running


def require_postgresql(what: str) -> None:
    """Skip ``what`` ("the benchmark") on another database; in CI (``CI`` set) fail instead."""
    if connection.vendor != "postgresql":
        if os.environ.get("CI"):
            pytest.fail(f"CI must run {what} on PostgreSQL.")
        pytest.skip(f"{what} needs PostgreSQL: set DATABASE_URL=postgres://…")


# -- the API --------------------------------------------------------------------------------


def api_client_for(user) -> APIClient:
    """An API client sending a real token of ``user``; anonymous for ``None``."""
    client = APIClient()
    if user is not None:
        _token, key = kam_services.token_create(user=user, name="tests")
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


# -- files as people send them --------------------------------------------------------------


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_upload(rows, name="data.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, xlsx_bytes(rows))


def csv_upload(rows, name="data.csv", encoding="utf-8-sig") -> SimpleUploadedFile:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(encoding))


def pdf_text(pdf: bytes) -> str:
    """The text of every page of a PDF, page after page."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


# -- a real browser (the ``chromium`` fixture) ------------------------------------------------

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "browser"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PHONE = {"width": 375, "height": 812}
#: Elements sticking out past the right edge of a phone's screen. A phone browser widens
#: its layout viewport to fit them, so the page shrinks: nothing may stick out.
STICKING_OUT = """(width) => [...document.querySelectorAll("body *")]
  .filter((el) => el.getBoundingClientRect().right > width + 1)
  .filter((el) => el.parentElement.closest(".overflow-auto") === null)
  .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""))
  .slice(0, 10)"""
#: Collects Content-Security-Policy violations of the page (installed before any script).
CSP_RECORDER = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});"""


def find_chromium() -> str | None:
    """``KAM_CHROMIUM``, else the first Chromium or Chrome on ``PATH``."""
    configured = os.environ.get("KAM_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    return next((path for name in BROWSER_NAMES if (path := shutil.which(name))), None)


def require_chromium(*, ci: bool) -> str:
    path = find_chromium()
    if path is None:
        reason = (
            "No Chromium found: install one (Debian: apt-get install chromium "
            "fonts-wqy-microhei) or set KAM_CHROMIUM to a Chrome/Chromium binary."
        )
        if ci:
            pytest.fail(f"CI must run the browser tests. {reason}")
        pytest.skip(reason)
    return path


def new_context(browser, **kwargs):
    context = browser.new_context(**kwargs)
    context.add_init_script(CSP_RECORDER)
    return context


def assert_no_csp_violations(page):
    assert page.evaluate("window.__cspViolations") == [], page.url


def log_in(page, base_url, username):
    page.goto(f"{base_url}/")
    expect(page).to_have_url(re.compile(r"/auth/login/\?next=/$"))
    page.get_by_label(re.compile("Username|用户名")).fill(username)
    page.get_by_label(re.compile("Password|密码")).fill(f.PASSWORD)
    page.get_by_role("button", name=re.compile("Log in|登录")).click()
    expect(page).to_have_url(f"{base_url}/")


def admin_form_data(client, url: str, **changes) -> dict:
    """What the change page at ``url`` posts when saved with ``changes`` typed in: its
    form's values, and the read-only inlines' management forms and row ids."""
    context = client.get(url).context
    form = context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data |= {management.add_prefix(name): value for name, value in management.initial.items()}
        for row in formset.forms:
            data |= {row.add_prefix(field.name): field.value() for field in row.hidden_fields()}
    return {name: "" if value is None else value for name, value in (data | changes).items()}
