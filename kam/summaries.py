"""Company-wide summaries: figures aggregated over every record of the company, which a
reader who sees everything (an executive, an admin) reads as a summary, not a ledger.

``summary`` computes one at most every ``SUMMARY_SECONDS`` per reader, language and
choice, keeps it in the shared cache (Redis in production, so every web process shares
it) and computes it again on demand: ``?refresh=1`` on the page, the "Refresh" link of
``kam/_summary_as_of.html``, which also shows the time the figures were computed.
``for_reader`` makes one only for a reader who sees everything: whoever reads a team's or
their own records gets their figures fresh on every view.
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from kam.visibility import sees_everything

#: How long a summary is served from the cache before it is computed again.
SUMMARY_SECONDS = 300
REFRESH_PARAMETER = "refresh"


def summary(request, name: str, compute: Callable[[], Any], *choices) -> tuple[Any, Any]:
    """``(value, as_of)``: ``compute()``'s value for ``request.user`` and ``choices``, from
    the cache when it was computed less than ``SUMMARY_SECONDS`` ago and the request does
    not ask for a refresh; ``as_of`` is when it was computed."""
    parts = [name, str(request.user.pk), get_language() or "", *map(str, choices)]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    key = f"kam:summary:{name}:{digest}"
    found = None if request.GET.get(REFRESH_PARAMETER) else cache.get(key)
    if found is None:
        found = (compute(), timezone.now())
        cache.set(key, found, SUMMARY_SECONDS)
    return found


def for_reader(request, name: str, compute: Callable[[], Any], *choices) -> tuple[Any, Any]:
    """``summary`` when ``request.user`` sees everything (``kam.visibility``); for anyone
    else ``(compute(), None)``: their figures as they are now."""
    if not sees_everything(request.user):
        return compute(), None
    return summary(request, name, compute, *choices)
