"""Company-wide summaries: figures aggregated over every record of the company, which a
reader who sees everything and changes nothing (an executive) reads as a summary, not a
ledger.

``summary`` computes one at most every ``SUMMARY_SECONDS`` per reader, language and
choice, keeps it in the shared cache (Redis in production, so every web process shares
it) and computes it again on demand: ``?refresh=1`` on the page, the "Refresh" link of
``kam/_summary_as_of.html``, which also shows the time the figures were computed.
``for_reader`` makes one only for such a reader: whoever reads a team's or their own
records, or may change any record (an admin, who would not see their own change), gets
the figures fresh on every view. A summary holds plain values and the few model fields
its page shows, not whole users (the cache is no place for password hashes).
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from kam.visibility import CHANGE, sees_everything

#: How long a summary is served from the cache before it is computed again.
SUMMARY_SECONDS = 300
REFRESH_PARAMETER = "refresh"


def summary(
    request, name: str, compute: Callable[[], Any], *choices, version: int = 1
) -> tuple[Any, Any]:
    """``(value, as_of)``: ``compute()``'s value for ``request.user`` and ``choices``, from
    the cache when it was computed less than ``SUMMARY_SECONDS`` ago and the request does
    not ask for a refresh; ``as_of`` is when it was computed.

    ``version`` is the value's shape: a page that changes what it keeps raises it, so the
    code of a new release never reads a value the previous one kept (the cache's version).
    """
    parts = [name, str(request.user.pk), get_language() or "", *map(str, choices)]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    key = f"kam:summary:{name}:{digest}"
    found = None if request.GET.get(REFRESH_PARAMETER) else cache.get(key, version=version)
    if found is None:
        found = (compute(), timezone.now())
        cache.set(key, found, SUMMARY_SECONDS, version=version)
    return found


def for_reader(
    request, name: str, compute: Callable[[], Any], *choices, version: int = 1
) -> tuple[Any, Any]:
    """``summary`` when ``request.user`` sees everything and may change nothing
    (``kam.visibility``); for anyone else ``(compute(), None)``: the figures as they are."""
    user = request.user
    if not sees_everything(user) or sees_everything(user, CHANGE):
        return compute(), None
    return summary(request, name, compute, *choices, version=version)
