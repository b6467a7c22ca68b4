"""Tests for journeylab.ga4_channels: GA4's default channel rules on cases read off Google's rule list by hand."""

from __future__ import annotations

import duckdb
import pytest

from journeylab.ga4_channels import CHANNELS, UNASSIGNED, channel_sql, default_channel

# (source, medium, campaign) -> channel, each case picked to hit one rule or the order between two
CASES = [
    ("(direct)", "(none)", None, "Direct"),
    ("(direct)", "(not set)", None, "Direct"),
    ("google", "cpc", "Spring cross-network push", "Cross-network"),  # campaign wins before the source
    ("google", "cpc", "shopping feed", "Paid Shopping"),
    ("amazon", "ppc", None, "Paid Shopping"),
    ("google", "cpc", None, "Paid Search"),
    ("www.bing.com", "paidsearch", None, "Paid Search"),  # medium paid.* and a search site
    ("Facebook", "CPC", None, "Paid Social"),  # compared in lower case
    ("instagram", "paid_social", None, "Paid Social"),
    ("youtube", "cpv", None, "Paid Video"),  # cpv contains cp
    ("dv360", "cpm", None, "Display"),  # cpm also matches .*cp.*, but Display is tried before Paid Other
    ("dv360", "display", None, "Display"),
    ("partner", "retargeting", None, "Paid Other"),
    ("etsy", "referral", None, "Organic Shopping"),
    ("l.instagram.com", "referral", None, "Organic Social"),  # a social site beats the referral medium
    ("blog", "social", None, "Organic Social"),
    ("vimeo", "referral", None, "Organic Video"),
    ("google", "organic", None, "Organic Search"),
    ("duckduckgo", "referral", None, "Organic Search"),
    ("interiorblog.example", "referral", None, "Referral"),
    ("newsletter", "email", None, "Email"),
    ("e-mail", "(none)", None, "Email"),
    ("partner-network", "affiliate", None, "Affiliates"),
    ("podcast", "audio", None, "Audio"),
    ("sms", "text", None, "SMS"),
    ("app", "web-push", None, "Mobile Push Notifications"),
    ("firebase", "notification", None, "Mobile Push Notifications"),
    ("flyer", "print", None, UNASSIGNED),
    (None, None, None, UNASSIGNED),
]


@pytest.mark.parametrize("source, medium, campaign, channel", CASES)
def test_default_channel_follows_ga4s_rules(source, medium, campaign, channel):
    assert default_channel(source, medium, campaign) == channel


def test_the_duckdb_form_of_the_rules_gives_the_same_channels():
    rows = ", ".join("(" + ", ".join("NULL" if value is None else "'" + value + "'" for value in case[:3]) + ")"
                     for case in CASES)
    sql = f"SELECT {channel_sql('s', 'm', 'c')} FROM (VALUES {rows}) AS t(s, m, c)"
    assert [row[0] for row in duckdb.sql(sql).fetchall()] == [case[3] for case in CASES]


def test_every_rule_is_reached_by_some_case():
    assert {case[3] for case in CASES} == set(CHANNELS)


def test_the_bigquery_form_uses_bigquerys_regex_function():
    sql = channel_sql("s", "m", "c", dialect="bigquery")
    assert "REGEXP_CONTAINS(lower(trim(m)), r'^(.*cp.*|ppc|retargeting|paid.*)$')" in sql
    assert "regexp_matches" not in sql
