"""Score report extraction against hand-coded expectations (tests and the accuracy script share it)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from geo.geocoding import GazetteerGeocoder
from incidents.reports.extract import extract_incidents, proposals_frame, read_report

SCORED_FIELDS = ("sub_event_type", "event_date", "time_precision", "actor1", "actor2", "fatalities", "injuries",
                 "geo_precision", "is_claim")  # fmt: skip


@dataclass
class Score:
    reports: int = 0
    expected: int = 0
    found: int = 0
    extra: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: {"incident found": [0, 0]})
    misses: list[str] = field(default_factory=list)


def propose(path: Path, published: dt.date, geocoder: GazetteerGeocoder):
    text = read_report(path.read_text(encoding="utf-8"))
    return proposals_frame(extract_incidents(text, published, geocoder), path.stem, text)


def field_matches(expected, actual) -> bool:
    if isinstance(expected, list):
        return any(field_matches(option, actual) for option in expected)
    if isinstance(expected, bool):
        return bool(actual) is expected
    if isinstance(expected, int):
        return str(actual) == str(expected) or (expected == 0 and str(actual) in ("", "0"))
    return str(actual) == str(expected)


def score_reports(folder: Path, geocoder: GazetteerGeocoder | None = None) -> Score:
    geocoder = geocoder or GazetteerGeocoder()
    expectations = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    score = Score()
    for name, spec in expectations.items():
        score.reports += 1
        frame = propose(folder / name, dt.date.fromisoformat(spec["published"]), geocoder)
        used: set[int] = set()
        for expected in spec["incidents"]:
            score.expected += 1
            candidates = frame[
                (frame["event_type"] == expected["event_type"]) & (frame["admin2"] == expected["admin2"])
            ]
            candidates = candidates[~candidates.index.isin(used)]
            score.fields["incident found"][1] += 1
            if candidates.empty:
                score.misses.append(f"{name}: no {expected['event_type']} in {expected['admin2']}")
                continue
            score.found += 1
            score.fields["incident found"][0] += 1
            row = candidates.iloc[0]
            used.add(candidates.index[0])
            for key in SCORED_FIELDS:
                if key not in expected:
                    continue
                tally = score.fields.setdefault(key, [0, 0])
                tally[1] += 1
                if field_matches(expected[key], row[key]):
                    tally[0] += 1
                else:
                    score.misses.append(f"{name}: {key} expected {expected[key]!r}, got {row[key]!r}")
        extra = len(frame) - len(used)
        score.extra += extra
        if extra:
            score.misses.append(f"{name}: {extra} proposal(s) not expected: "
                                f"{list(frame.loc[~frame.index.isin(used), 'sub_event_type'])}")  # fmt: skip
    return score
