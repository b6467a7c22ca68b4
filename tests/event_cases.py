"""Shared cases for the tests of journeylab.analytics: six customers' event log, and its closed funnel by hand."""

from __future__ import annotations

import pandas as pd


def journeys() -> pd.DataFrame:
    """Six customers, each with one habit the functions must handle.

    A goes back (Try -> Trust), B skips from Know to Buy, C walks the whole
    hourglass but his rows are in reverse order in the table, D has Know and
    Like at the same minute (Like listed first) and Trust twice, E liked the
    brand before knowing it and never liked it again, F liked it before and after.
    """
    rows = [
        ("A", "2024-01-01 09:00", "Know"),
        ("A", "2024-01-02 09:00", "Like"),
        ("A", "2024-01-04 09:00", "Trust"),
        ("A", "2024-01-05 09:00", "Try"),
        ("A", "2024-01-06 09:00", "Trust"),
        ("A", "2024-01-09 09:00", "Buy"),
        ("B", "2024-01-01 12:00", "Know"),
        ("B", "2024-01-03 12:00", "Buy"),
        ("C", "2024-01-20 08:00", "Refer"),
        ("C", "2024-01-15 08:00", "Repeat"),
        ("C", "2024-01-08 08:00", "Buy"),
        ("C", "2024-01-06 08:00", "Try"),
        ("C", "2024-01-05 08:00", "Trust"),
        ("C", "2024-01-03 08:00", "Like"),
        ("C", "2024-01-02 08:00", "Know"),
        ("D", "2024-01-03 10:00", "Like"),
        ("D", "2024-01-03 10:00", "Know"),
        ("D", "2024-01-04 10:00", "Trust"),
        ("D", "2024-01-05 10:00", "Trust"),
        ("E", "2024-01-01 11:00", "Like"),
        ("E", "2024-01-02 11:00", "Know"),
        ("F", "2024-01-01 07:00", "Like"),
        ("F", "2024-01-02 07:00", "Know"),
        ("F", "2024-01-04 07:00", "Like"),
    ]
    return pd.DataFrame(rows, columns=["user_id", "timestamp", "stage"])


# Closed funnel, by hand (a stage counts only at or after the previous one was reached):
#   Know   A B C D E F                           6
#   Like   A, C, D (same minute as Know), F (Like on the 4th after Know on the 2nd);
#          not E (his only Like is before his Know), not B                         4
#   Trust  A (4th), C (5th), D (4th)                                               3
#   Try    A, C                                                                    2
#   Buy    A (9th, after Try on the 5th), C; not B (never liked, trusted, tried)   2
#   Repeat C, Refer C                                                              1, 1
CLOSED_USERS = [6, 4, 3, 2, 2, 1, 1]
