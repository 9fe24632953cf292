"""``kam.summaries``: a company summary is computed once per reader, language and choice
within ``SUMMARY_SECONDS``, again on ``?refresh=1``, and only for who sees everything and
changes nothing."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from kam import summaries

pytestmark = pytest.mark.django_db


def request_of(user, **params):
    request = RequestFactory().get("/", params)
    request.user = user
    return request


class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return {"computed": self.calls}


def test_a_summary_is_kept_per_reader_language_and_choice_and_refreshed_on_demand(
    executive, superuser
):
    compute = Counter()

    first, as_of = summaries.summary(request_of(executive), "test", compute, "2026-4")
    again, again_as_of = summaries.summary(request_of(executive), "test", compute, "2026-4")
    assert (first, again, again_as_of) == ({"computed": 1}, {"computed": 1}, as_of)

    assert summaries.summary(request_of(executive), "test", compute, "2026-3")[0] == {"computed": 2}
    assert summaries.summary(request_of(superuser), "test", compute, "2026-4")[0] == {"computed": 3}
    with translation.override("zh-hans"):
        assert summaries.summary(request_of(executive), "test", compute, "2026-4")[0] == {
            "computed": 4
        }
    refreshed, refreshed_at = summaries.summary(
        request_of(executive, refresh="1"), "test", compute, "2026-4"
    )
    assert refreshed == {"computed": 5} and refreshed_at >= as_of
    # The refreshed figures are the ones kept from then on.
    assert summaries.summary(request_of(executive), "test", compute, "2026-4")[0] == refreshed


def test_only_a_reader_who_sees_everything_and_changes_nothing_gets_a_summary(
    executive, alice, bob, superuser
):
    compute = Counter()
    # A rep, a manager, and an admin (who would not see their own change) read it live.
    for user in (alice, bob, superuser):
        assert summaries.for_reader(request_of(user), "test", compute) == (
            {"computed": compute.calls},
            None,
        )
    assert compute.calls == 3
    value, as_of = summaries.for_reader(request_of(executive), "test", compute)
    assert value == {"computed": 4} and as_of is not None
    assert summaries.for_reader(request_of(executive), "test", compute)[0] == value


def test_a_summary_of_another_version_is_not_read(executive):
    """A release that changes what a page keeps raises its version: the previous release's
    values, still in the cache, are computed again instead of read in the wrong shape."""
    compute = Counter()
    request = request_of(executive)

    assert summaries.summary(request, "test", compute, "2026-4")[0] == {"computed": 1}
    assert summaries.summary(request, "test", compute, "2026-4", version=2)[0] == {"computed": 2}
    assert summaries.summary(request, "test", compute, "2026-4", version=2)[0] == {"computed": 2}
    assert summaries.for_reader(request, "test", compute, "2026-4", version=2)[0] == {"computed": 2}
