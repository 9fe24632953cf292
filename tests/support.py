"""Test helpers that are real parts, not mocks: an HTTP server, a Celery worker, waiting."""

import json
import os
import threading
import time
from collections import deque
from dataclasses import dataclass
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from celery.contrib.testing.worker import start_worker

from kam.celery import app


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
