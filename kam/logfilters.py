"""Logging filters of the project (wired in ``LOGGING`` in settings)."""

import logging


class ClientErrorsWithoutTraceback(logging.Filter):
    """A 4xx is the client's mistake or a refusal, not a bug: one line, no traceback.

    Django logs a ``PermissionDenied`` or ``Http404`` raised in a view with the exception's
    traceback, which buries real errors; 5xx keep theirs.
    """

    def filter(self, record):
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
