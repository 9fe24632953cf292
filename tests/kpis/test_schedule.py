"""The nightly recompute in beat's schedule, at a configurable time."""

import pytest
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from kam.celery import app
from kam.env import env_time
from kpis.tasks import recompute_scorecards


def test_beat_recomputes_the_scorecards_every_night_at_half_past_two_by_default():
    entry = app.conf.beat_schedule["recompute-kpis-nightly"]
    assert entry["task"] == "kpis.recompute_scorecards"
    assert entry["schedule"] == crontab(hour=2, minute=30)
    assert recompute_scorecards.name == entry["task"]


@pytest.mark.parametrize(
    ("raw", "parsed"), [("04:05", (4, 5)), (" 23:59 ", (23, 59)), ("", (2, 30))]
)
def test_the_recompute_time_is_read_as_hours_and_minutes(monkeypatch, raw, parsed):
    monkeypatch.setenv("KAM_KPI_RECOMPUTE_AT", raw)
    assert env_time("KAM_KPI_RECOMPUTE_AT", "02:30") == parsed


@pytest.mark.parametrize("raw", ["24:00", "2", "2:60", "two:thirty", "-1:00"])
def test_a_time_that_is_no_time_of_day_stops_the_process(monkeypatch, raw):
    monkeypatch.setenv("KAM_KPI_RECOMPUTE_AT", raw)
    with pytest.raises(ImproperlyConfigured, match="KAM_KPI_RECOMPUTE_AT"):
        env_time("KAM_KPI_RECOMPUTE_AT", "02:30")
