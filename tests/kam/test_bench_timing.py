"""``kam.bench.time_pair``: a case's request and its empty one, timed in turn."""

from dataclasses import dataclass

import pytest
from django.test import Client

from kam import bench

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Recorded(bench.Get):
    """A ``Get`` that notes each request it makes in ``calls``."""

    calls: list

    def __call__(self) -> int:
        self.calls.append(self.path)
        return super().__call__()


def recorded(user, path, calls) -> Recorded:
    client = Client()
    client.force_login(user)
    return Recorded(client, path, {}, calls)


def test_the_two_requests_are_timed_in_turn(alice, executive):
    calls = []
    full = recorded(alice, "/accounts/", calls)
    empty = recorded(executive, "/sales/plans/", calls)

    timed, empty_timed = bench.time_pair(full, empty, runs=3)

    # a warm-up each, three rounds of one each, then one each with its queries counted
    assert calls == ["/accounts/", "/sales/plans/"] * 5
    for timing in (timed, empty_timed):
        assert timing.status == 200 and timing.ms > 0 and timing.queries > 0


def test_a_request_that_fails_is_not_timed(alice):
    calls = []
    missing = recorded(alice, "/accounts/999999/", calls)
    fine = recorded(alice, "/accounts/", calls)

    timed, empty_timed = bench.time_pair(missing, fine, runs=3)

    assert calls == ["/accounts/999999/", "/accounts/"]  # the warm-ups only
    assert (timed.status, timed.ms, empty_timed.status, empty_timed.ms) == (404, None, 200, None)
