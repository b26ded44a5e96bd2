"""Dates in a report resolved against its publication date, with ACLED's time_precision.

"on Sunday", "Tuesday night", "yesterday", "two days ago" -> that day (precision 1);
"last week", "earlier this week" -> the middle of that week (precision 2);
"last month", "earlier this month", "in May" -> the middle of the month (precision 3);
explicit dates ("June 2, 2017", "2 June 2017", "2017-06-02") -> that day.
A weekday is the latest such day on or before publication: a report published on
Sunday that says "on Sunday" means that day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from incidents.reports.numbers import parse_count
from incidents.reports.text import TakenSpans

WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:" + "|".join(WEEKDAYS) + r")"


@dataclass(frozen=True)
class DateMention:
    date: dt.date
    precision: int  # 1 day, 2 week, 3 month
    text: str
    start: int  # offset within the searched text
    end: int


_PATTERNS: list[tuple[str, str]] = [
    ("iso", r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    ("day_month_year", rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\s*,?\s+(\d{{4}})\b"),
    ("month_day_year", rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(\d{{4}})\b"),
    (
        "day_month",
        rf"\b(?:on\s+)?(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\b(?!\s*,?\s*\d{{4}})",
    ),
    ("month_day", rf"\b(?:on\s+)?({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{{4}})"),
    ("days_ago", r"\b(\w+|\d+)\s+days?\s+ago\b"),
    ("yesterday", r"\b(yesterday|last night)\b"),
    ("today", r"\b(today|this morning|this evening|tonight)\b"),
    (
        "weekday",
        rf"\b(?:on\s+|last\s+|early\s+|late\s+)?({_WEEKDAY})(?:\s+(?:night|morning|evening|afternoon))?\b",
    ),
    ("last_week", r"\b(last week|earlier this week|this week|past week|previous week)\b"),
    ("last_month", r"\b(last month|earlier this month|this month|previous month)\b"),
    ("in_month", rf"\b(?:in|during|since)\s+({_MONTH})\b(?!\s+\d)"),
]
_COMPILED = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _PATTERNS]


def find_dates(text: str, published: dt.date) -> list[DateMention]:
    """Every date expression in `text`, resolved, in order; overlapping matches keep the first pattern."""
    found: list[DateMention] = []
    taken = TakenSpans()
    for kind, pattern in _COMPILED:
        for match in pattern.finditer(text):
            if taken.overlaps(match.start(), match.end()):
                continue
            resolved = _resolve(kind, match, published)
            if resolved is None:
                continue
            date, precision = resolved
            found.append(DateMention(date, precision, match.group(0).strip(), match.start(), match.end()))
            taken.add(match.start(), match.end())
    return sorted(found, key=lambda mention: mention.start)


def _resolve(kind: str, match: re.Match, published: dt.date) -> tuple[dt.date, int] | None:
    groups = match.groups()
    try:
        if kind == "iso":
            return dt.date(int(groups[0]), int(groups[1]), int(groups[2])), 1
        if kind == "day_month_year":
            return dt.date(int(groups[2]), MONTHS[groups[1].lower().rstrip(".")], int(groups[0])), 1
        if kind == "month_day_year":
            return dt.date(int(groups[2]), MONTHS[groups[0].lower().rstrip(".")], int(groups[1])), 1
        if kind in ("day_month", "month_day"):
            day, month = (groups[0], groups[1]) if kind == "day_month" else (groups[1], groups[0])
            candidate = dt.date(published.year, MONTHS[month.lower().rstrip(".")], int(day))
            if candidate > published:  # "on 28 December" in a January report
                candidate = candidate.replace(year=published.year - 1)
            return candidate, 1
    except ValueError:
        return None
    if kind == "days_ago":
        count = parse_count(groups[0])
        return (published - dt.timedelta(days=count), 1) if count is not None and count < 60 else None
    if kind == "yesterday":
        return published - dt.timedelta(days=1), 1
    if kind == "today":
        return published, 1
    if kind == "weekday":
        back = (published.weekday() - WEEKDAYS[groups[0].lower()]) % 7
        if match.group(0).lower().startswith("last ") and back == 0:
            back = 7
        return published - dt.timedelta(days=back), 1
    if kind == "last_week":
        phrase = groups[0].lower()
        if phrase in ("this week", "earlier this week"):
            return published - dt.timedelta(days=min(published.weekday(), 3)), 2
        return published - dt.timedelta(days=7), 2
    if kind == "last_month":
        phrase = groups[0].lower()
        if phrase in ("this month", "earlier this month"):
            return published.replace(day=min(15, published.day)), 3
        previous = published.replace(day=1) - dt.timedelta(days=1)
        return previous.replace(day=15), 3
    if kind == "in_month":
        month = MONTHS[groups[0].lower().rstrip(".")]
        year = published.year if month <= published.month else published.year - 1
        return dt.date(year, month, 15), 3
    return None


def find_publication_date(text: str) -> dt.date | None:
    """A full date near the top of the report ("Published June 4, 2017", a dateline), if any."""
    head = text[:600]
    for kind, pattern in _COMPILED[:3]:
        match = pattern.search(head)
        if match:
            resolved = _resolve(kind, match, dt.date.today())
            if resolved:
                return resolved[0]
    return None
