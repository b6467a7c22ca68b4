"""GA4's default channel grouping: from an event's source, medium and campaign to a channel such as Paid Search.

Introduced in notebook 08. Google Analytics 4 sorts traffic into channels by a
fixed list of rules, tried in order; the first that matches wins (Google's help
page "[GA4] Default channel group" lists them). They are written here once, as
data, and used three ways: in Python (:func:`default_channel`), and as a SQL
``CASE`` for DuckDB and for BigQuery (:func:`channel_sql`), so that the
flattening query can run where the data lives.

Source, medium and campaign are compared in lower case, trimmed. GA4 decides
"a search site", "a social site" ... from a long list of site names it keeps;
:data:`SOURCE_CATEGORIES` holds the common ones (Google, Bing, Facebook,
Instagram, TikTok, YouTube, Amazon ...), so a rare site may land in Referral
here where GA4 says Organic Search.

>>> default_channel("google", "cpc")
'Paid Search'
>>> default_channel("instagram", "social")
'Organic Social'
>>> default_channel("(direct)", "(none)")
'Direct'
>>> default_channel("newsletter", "email")
'Email'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CHANNELS", "UNASSIGNED", "SOURCE_CATEGORIES", "Rule", "RULES", "default_channel", "channel_sql"]

UNASSIGNED = "Unassigned"
"""GA4's channel for traffic no rule matches."""

SOURCE_CATEGORIES = {
    "search": r"(^|\.)(google|bing|yahoo|duckduckgo|baidu|yandex|ecosia|qwant|startpage|ask|naver|seznam|brave|msn)(\.|$)",
    "social": r"(^|\.)(facebook|fb|instagram|ig|linkedin|lnkd|pinterest|reddit|tiktok|twitter|t\.co|x|snapchat|threads|"
              r"whatsapp|tumblr|vk|messenger)(\.|$)",
    "video": r"(^|\.)(youtube|youtu\.be|vimeo|twitch|dailymotion)(\.|$)",
    "shopping": r"(^|\.)(amazon|ebay|etsy|walmart|aliexpress|idealo|zalando|shopping\.google)(\.|$)",
}
"""Which sources count as a search, social, video or shopping site (a short form of GA4's list)."""

_PAID_MEDIUM = r"^(.*cp.*|ppc|retargeting|paid.*)$"
_SHOP_CAMPAIGN = r"^(.*(([^a-df-z]|^)shop|shopping).*)$"
_SOCIAL_MEDIUMS = ("social", "social-network", "social-media", "sm", "social network", "social media")
_EMAIL = ("email", "e-mail", "e_mail", "e mail")


@dataclass(frozen=True)
class Test:
    """One comparison: ``field`` (source, medium or campaign) equal to one of ``values``, or matching ``pattern``."""

    field: str
    values: tuple[str, ...] = ()
    pattern: str = ""

    def holds(self, fields: dict[str, str | None]) -> bool:
        value = fields[self.field]
        if value is None:
            return False
        return value in self.values if self.values else re.search(self.pattern, value) is not None

    def sql(self, dialect: str, columns: dict[str, str]) -> str:
        column = columns[self.field]
        if self.values:
            return f"{column} IN ({', '.join(_quote(value) for value in self.values)})"
        if dialect == "bigquery":
            return f"REGEXP_CONTAINS({column}, r'{self.pattern}')"
        return f"regexp_matches({column}, '{self.pattern}')"


def _site(category: str) -> Test:
    return Test("source", pattern=SOURCE_CATEGORIES[category])


@dataclass(frozen=True)
class Rule:
    """A channel and when it applies: every group must hold, and a group holds when any of its tests does."""

    channel: str
    groups: tuple[tuple[Test, ...], ...]

    def holds(self, fields: dict[str, str | None]) -> bool:
        return all(any(test.holds(fields) for test in group) for group in self.groups)

    def sql(self, dialect: str, columns: dict[str, str]) -> str:
        return " AND ".join("(" + " OR ".join(test.sql(dialect, columns) for test in group) + ")" for group in self.groups)


_PAID = (Test("medium", pattern=_PAID_MEDIUM),)

RULES = (
    Rule("Direct", ((Test("source", ("(direct)",)),), (Test("medium", ("(none)", "(not set)")),))),
    Rule("Cross-network", ((Test("campaign", pattern="cross-network"),),)),
    Rule("Paid Shopping", ((_site("shopping"), Test("campaign", pattern=_SHOP_CAMPAIGN)), _PAID)),
    Rule("Paid Search", ((_site("search"),), _PAID)),
    Rule("Paid Social", ((_site("social"),), _PAID)),
    Rule("Paid Video", ((_site("video"),), _PAID)),
    Rule("Display", ((Test("medium", ("display", "banner", "expandable", "interstitial", "cpm")),),)),
    Rule("Paid Other", (_PAID,)),
    Rule("Organic Shopping", ((_site("shopping"), Test("campaign", pattern=_SHOP_CAMPAIGN)),)),
    Rule("Organic Social", ((_site("social"), Test("medium", _SOCIAL_MEDIUMS)),)),
    Rule("Organic Video", ((_site("video"), Test("medium", pattern="^(.*video.*)$")),)),
    Rule("Organic Search", ((_site("search"), Test("medium", ("organic",))),)),
    Rule("Referral", ((Test("medium", ("referral", "app", "link")),),)),
    Rule("Email", ((Test("source", _EMAIL), Test("medium", _EMAIL)),)),
    Rule("Affiliates", ((Test("medium", ("affiliate",)),),)),
    Rule("Audio", ((Test("medium", ("audio",)),),)),
    Rule("SMS", ((Test("source", ("sms",)), Test("medium", ("sms",))),)),
    Rule("Mobile Push Notifications", ((Test("medium", pattern="(push$|mobile|notification)"),
                                        Test("source", ("firebase",))),)),
)
"""GA4's default channel rules, in the order GA4 tries them."""

CHANNELS = (*(rule.channel for rule in RULES), UNASSIGNED)
"""Every channel :func:`default_channel` can give, in GA4's order."""


def default_channel(source: str | None, medium: str | None, campaign: str | None = None) -> str:
    """The GA4 default channel of a source, medium and campaign (compared in lower case)."""
    fields = {"source": _clean(source), "medium": _clean(medium), "campaign": _clean(campaign)}
    return next((rule.channel for rule in RULES if rule.holds(fields)), UNASSIGNED)


def channel_sql(source: str, medium: str, campaign: str, dialect: str = "duckdb") -> str:
    """The rules as one SQL ``CASE`` over three SQL expressions, for ``"duckdb"`` or ``"bigquery"``.

    >>> print(channel_sql("s", "m", "c").splitlines()[1])
      WHEN (lower(trim(s)) IN ('(direct)')) AND (lower(trim(m)) IN ('(none)', '(not set)')) THEN 'Direct'
    """
    columns = {"source": f"lower(trim({source}))", "medium": f"lower(trim({medium}))",
               "campaign": f"lower(trim({campaign}))"}
    lines = [f"  WHEN {rule.sql(dialect, columns)} THEN {_quote(rule.channel)}" for rule in RULES]
    return "CASE\n" + "\n".join(lines) + f"\n  ELSE {_quote(UNASSIGNED)}\nEND"


def _clean(value: str | None) -> str | None:
    return None if value is None else value.strip().lower()


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
