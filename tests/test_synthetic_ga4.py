"""Tests for journeylab.synthetic_ga4: the committed GA4 sample is the generator's output, and it reads into the course."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd
import pytest

from journeylab import folders
from journeylab.ga4 import read_ga4
from journeylab.synthetic_ga4 import SAMPLE_STAGES, ExportSize, generate_ga4_events, sample_folder, write_ga4_export

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "ga4_sample"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return write_ga4_export(tmp_path_factory.mktemp("ga4"))


def test_the_committed_sample_is_what_the_default_seed_writes(written):
    assert [path.name for path in written] == sorted(path.name for path in SAMPLE_DIR.iterdir())
    for path in written:
        assert gzip.decompress(path.read_bytes()) == gzip.decompress((SAMPLE_DIR / path.name).read_bytes()), path.name


def test_the_sample_has_bigquerys_shapes():
    line = json.loads(gzip.open(SAMPLE_DIR / "events_20240301.json.gz", "rt").readline())
    assert isinstance(line["event_timestamp"], str) and len(line["event_timestamp"]) == 16  # microseconds as text
    assert {item["key"] for item in line["event_params"]} <= {"ga_session_id", "page_title"}
    assert set(line["traffic_source"]) == {"name", "medium", "source"}


def test_the_sample_reads_into_the_course_with_returning_visitors_on_other_channels():
    events = read_ga4(SAMPLE_DIR, SAMPLE_STAGES, quiet=True)
    assert events["timestamp"].between("2024-03-01", "2024-03-15").all()
    per_user = events.groupby("user_id", observed=True)["channel"].nunique()
    assert (per_user > 1).mean() > 0.2  # many visitors come back through another channel than their first
    assert set(events["stage"].unique()) == {"Know", "Like", "Trust", "Try", "Buy"}


def test_another_seed_gives_another_export_and_the_same_seed_the_same():
    small = ExportSize(visitors=30, start="2024-03-01", days=3)
    assert generate_ga4_events(1, small).equals(generate_ga4_events(1, small))
    assert not generate_ga4_events(2, small).equals(generate_ga4_events(1, small))
    assert isinstance(generate_ga4_events(1, small), pd.DataFrame)


def test_a_sessions_events_follow_each_other_in_the_order_a_visit_makes_them():
    # a visitor's first_visit comes before their page views, a purchase after its add_to_cart
    events = generate_ga4_events(3, ExportSize(visitors=60, start="2024-03-01", days=5))
    rank = {name: position for position, name in enumerate(("session_start", "first_visit", "page_view", "scroll",
                                                            "user_engagement", "view_item", "add_to_cart",
                                                            "begin_checkout", "purchase"))}
    ordered = events.sort_values(["user_pseudo_id", "event_timestamp"], kind="stable")
    steps = ordered.assign(rank=ordered["event_name"].map(rank)).groupby(["user_pseudo_id", "ga_session_id"])["rank"]
    assert (steps.diff().dropna() >= 0).all()
    assert (events.groupby(["user_pseudo_id", "ga_session_id"])["event_timestamp"].nunique()
            == events.groupby(["user_pseudo_id", "ga_session_id"]).size()).all()  # no two events at the same moment


def test_the_sample_folder_is_the_committed_one_or_written_afresh_outside_a_course(tmp_path, monkeypatch):
    assert sample_folder() == SAMPLE_DIR
    monkeypatch.setattr(folders, "_PACKAGE", tmp_path / "site-packages" / "journeylab")  # a wheel, no checkout
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(folders.COURSE_ENV, raising=False)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    written = sample_folder()
    assert written.parent == tmp_path and sorted(path.name for path in written.iterdir()) == sorted(
        path.name for path in SAMPLE_DIR.iterdir())
    first = SAMPLE_DIR / "events_20240301.json.gz"
    assert gzip.decompress((written / first.name).read_bytes()) == gzip.decompress(first.read_bytes())
    assert sample_folder() == written  # written once
