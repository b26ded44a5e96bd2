"""Check raw incident rows and turn them into typed, canonical columns.

Bad data is data: rows that cannot be used are rejected, rows with a doubtful
value are flagged, and both are reported by row number, column and reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.districts import canonical_district, canonical_province
from incidents.schema import (
    ACTOR_COLUMNS,
    BALOCHISTAN_BOUNDS,
    CANONICAL_COLUMNS,
    DATE_FORMATS,
    EVENT_TAXONOMY,
)

REJECTED = "rejected"
FLAGGED = "flagged"
PROBLEM_COLUMNS = ("row", "column", "value", "reason", "severity")

# The spreadsheet row of the first data row: the header is row 1.
FIRST_DATA_ROW = 2

# Derived column, "|actor|actor|", so one regex finds a row by any of its actors.
ACTORS_KEY = "_actors"

_EVENT_TYPE_BY_FOLDED = {name.lower(): name for name in EVENT_TAXONOMY}
_SUB_EVENT_BY_FOLDED = {sub.lower(): (event, sub) for event, subs in EVENT_TAXONOMY.items() for sub in subs}


@dataclass(frozen=True)
class ValidationResult:
    incidents: pd.DataFrame
    problems: pd.DataFrame
    district_renames: dict[str, str]


class _ProblemLog:
    """Collects problems as column arrays; one entry per (row, column)."""

    def __init__(self, row_numbers: np.ndarray):
        self._row_numbers = row_numbers
        self._parts: list[pd.DataFrame] = []

    def add(self, mask: pd.Series, column: str, values: pd.Series, reason: str, severity: str):
        mask = mask.to_numpy(dtype=bool)
        if not mask.any():
            return
        self._parts.append(
            pd.DataFrame(
                {
                    "row": self._row_numbers[mask],
                    "column": column,
                    "value": values.to_numpy()[mask],
                    "reason": reason,
                    "severity": severity,
                }
            )
        )

    def frame(self) -> pd.DataFrame:
        if not self._parts:
            return pd.DataFrame({name: pd.Series(dtype=str) for name in PROBLEM_COLUMNS}).astype(
                {"row": "int64"}
            )
        problems = pd.concat(self._parts, ignore_index=True)
        problems["value"] = problems["value"].astype(str)
        return problems.sort_values(["row", "column"], kind="stable").reset_index(drop=True)


def parse_dates(values: pd.Series) -> pd.Series:
    """Dates in any of DATE_FORMATS, each tried explicitly; unparseable -> NaT."""
    stripped = values.str.strip()
    parsed = pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]")
    for date_format in DATE_FORMATS:
        missing = parsed.isna()
        if not missing.any():
            break
        parsed[missing] = pd.to_datetime(stripped[missing], format=date_format, errors="coerce")
    return parsed


# A toll above this is kept but flagged: no single incident in the province came near it.
LARGEST_USUAL_TOLL = 100_000
# A toll above this is not a number anyone counted (more people than live on Earth). Keeping
# tolls at most this also keeps every sum of them far inside int64, so no total wraps around.
LARGEST_CREDIBLE_TOLL = 8_000_000_000


def _numbers(values: pd.Series) -> pd.Series:
    """Numbers as float64 (NaN where the text is not one); inf, -inf and 1e400 are not numbers."""
    # float64 always: pandas gives uint64 for 2**63..2**64, which int64 would wrap.
    text = values.str.strip().str.replace(",", "", regex=False)
    parsed = pd.to_numeric(text, errors="coerce").astype("float64")
    return parsed.where(np.isfinite(parsed))


def _check_numbers(
    frame: pd.DataFrame, log: _ProblemLog, column: str, *, required: bool, severity: str
) -> tuple[pd.Series, pd.Series]:
    """Parsed numbers and the mask of rows whose text was not a number."""
    raw = frame[column]
    blank = raw.str.strip() == ""
    parsed = _numbers(raw)
    not_number = parsed.isna() & ~blank
    log.add(not_number, column, raw, "not a number", severity)
    if required:
        log.add(blank, column, raw, "missing", severity)
        return parsed, not_number | blank
    return parsed, not_number


_NOT_CREDIBLE = f"not a credible number (over {LARGEST_CREDIBLE_TOLL:,}, more people than live on Earth)"


def _check_toll(
    frame: pd.DataFrame, log: _ProblemLog, column: str, tolls: pd.Series, already_reported: pd.Series
) -> pd.Series:
    """Flag tolls that are merely large; return the mask of those beyond belief, for the caller to judge."""
    judged = tolls.notna() & ~already_reported
    impossible = judged & (tolls > LARGEST_CREDIBLE_TOLL)
    large = judged & (tolls > LARGEST_USUAL_TOLL) & ~impossible
    reason = f"over {LARGEST_USUAL_TOLL:,}: kept as written; check the figure"
    log.add(large, column, frame[column], reason, FLAGGED)
    return impossible


def _join_actors(frame: pd.DataFrame) -> pd.Series:
    parts = [
        frame[column].str.replace(r"\s*;\s*", "|", regex=True).str.strip("| ") for column in ACTOR_COLUMNS
    ]
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + "|" + part
    return "|" + joined.str.replace(r"\|+", "|", regex=True).str.strip("|") + "|"


def split_actors(value: str) -> list[str]:
    """The names in an actor cell (ACLED separates associated actors with ';')."""
    return [name.strip() for name in str(value).split(";") if name.strip()]


def validate_incidents(raw: pd.DataFrame) -> ValidationResult:
    """Typed canonical incidents from string cells, with a report of every problem.

    `raw` holds strings only (read with dtype=str, no NA conversion). Columns the
    canonical set lacks are added empty; extra columns (a full ACLED export's) are kept.
    """
    frame = raw.copy()
    for column in CANONICAL_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
        elif not pd.api.types.is_string_dtype(frame[column]):
            # A column built empty (no rows) comes as float64, which has no .str.
            frame[column] = frame[column].fillna("").astype(str)
    frame = frame.fillna("")
    log = _ProblemLog(np.arange(len(frame)) + FIRST_DATA_ROW)
    rejected = pd.Series(False, index=frame.index)

    dates = parse_dates(frame["event_date"])
    bad_date = dates.isna()
    log.add(bad_date, "event_date", frame["event_date"], "not a date (expected YYYY-MM-DD)", REJECTED)
    rejected |= bad_date

    latitude, bad_latitude = _check_numbers(frame, log, "latitude", required=True, severity=REJECTED)
    longitude, bad_longitude = _check_numbers(frame, log, "longitude", required=True, severity=REJECTED)
    latitude_out = latitude.notna() & ~latitude.between(-90, 90)
    longitude_out = longitude.notna() & ~longitude.between(-180, 180)
    log.add(latitude_out, "latitude", frame["latitude"], "outside -90..90", REJECTED)
    log.add(longitude_out, "longitude", frame["longitude"], "outside -180..180", REJECTED)
    rejected |= bad_latitude | bad_longitude | latitude_out | longitude_out

    bounds = BALOCHISTAN_BOUNDS
    usable_point = latitude.notna() & longitude.notna() & ~(latitude_out | longitude_out)
    outside_province = usable_point & ~(
        latitude.between(bounds["south"], bounds["north"]) & longitude.between(bounds["west"], bounds["east"])
    )
    log.add(
        outside_province,
        "latitude",
        frame["latitude"] + ", " + frame["longitude"],
        "point lies outside Balochistan (check for swapped latitude/longitude)",
        FLAGGED,
    )

    event_type_text = frame["event_type"].str.strip()
    event_types = event_type_text.str.lower().map(_EVENT_TYPE_BY_FOLDED)
    bad_event_type = event_types.isna()
    log.add(
        bad_event_type,
        "event_type",
        frame["event_type"],
        "not an ACLED event type (" + ", ".join(EVENT_TAXONOMY) + ")",
        REJECTED,
    )
    rejected |= bad_event_type

    sub_text = frame["sub_event_type"].str.strip()
    folded_sub = sub_text.str.lower()
    known_sub = folded_sub.isin(list(_SUB_EVENT_BY_FOLDED))
    # Unknown sub-event types are kept as written (and flagged).
    sub_events = folded_sub.map(lambda text: _SUB_EVENT_BY_FOLDED.get(text, ("", ""))[1]).where(
        known_sub, sub_text
    )
    sub_parent = folded_sub.map(lambda text: _SUB_EVENT_BY_FOLDED.get(text, ("", ""))[0])
    unknown_sub = (sub_text != "") & ~known_sub
    log.add(unknown_sub, "sub_event_type", frame["sub_event_type"], "not an ACLED sub-event type", FLAGGED)
    mismatched_sub = known_sub & event_types.notna() & (sub_parent != event_types)
    log.add(
        mismatched_sub,
        "sub_event_type",
        frame["sub_event_type"] + " under " + event_type_text,
        "sub-event type belongs to another event type",
        FLAGGED,
    )

    fatalities, bad_fatalities = _check_numbers(frame, log, "fatalities", required=False, severity=REJECTED)
    negative_or_fraction = fatalities.notna() & ((fatalities < 0) | (fatalities % 1 != 0))
    log.add(negative_or_fraction, "fatalities", frame["fatalities"], "not a whole number ≥ 0", REJECTED)
    impossible_fatalities = _check_toll(frame, log, "fatalities", fatalities, negative_or_fraction)
    log.add(impossible_fatalities, "fatalities", frame["fatalities"], _NOT_CREDIBLE, REJECTED)
    rejected |= bad_fatalities | negative_or_fraction | impossible_fatalities
    blank_fatalities = frame["fatalities"].str.strip() == ""
    log.add(blank_fatalities, "fatalities", frame["fatalities"], "missing; counted as 0", FLAGGED)

    injuries, _ = _check_numbers(frame, log, "injuries", required=False, severity=FLAGGED)
    bad_injury_value = injuries.notna() & ((injuries < 0) | (injuries % 1 != 0))
    log.add(bad_injury_value, "injuries", frame["injuries"], "not a whole number ≥ 0; left empty", FLAGGED)
    impossible_injuries = _check_toll(frame, log, "injuries", injuries, bad_injury_value)
    log.add(impossible_injuries, "injuries", frame["injuries"], _NOT_CREDIBLE + "; left empty", FLAGGED)
    injuries = injuries.mask(bad_injury_value | impossible_injuries)

    precisions = {}
    for column in ("time_precision", "geo_precision"):
        parsed, _ = _check_numbers(frame, log, column, required=False, severity=FLAGGED)
        out_of_scale = parsed.notna() & ~parsed.isin([1, 2, 3])
        log.add(out_of_scale, column, frame[column], "not 1, 2 or 3; left empty", FLAGGED)
        precisions[column] = parsed.mask(out_of_scale)

    ids = frame["event_id_cnty"].str.strip()
    repeated_id = (ids != "") & ids.duplicated(keep="first")
    log.add(repeated_id, "event_id_cnty", frame["event_id_cnty"], "repeats an earlier row's id", FLAGGED)

    district_text = frame["admin2"].str.strip()
    unique_districts = district_text.unique()
    district_map = {name: canonical_district(name) for name in unique_districts}
    districts = district_text.map(lambda name: district_map[name] or name)
    unknown_names = [name for name, canonical in district_map.items() if canonical is None and name]
    unknown_district = district_text.isin(unknown_names)
    log.add(
        unknown_district,
        "admin2",
        frame["admin2"],
        "not a Balochistan district (COD 2022 names); kept as written",
        FLAGGED,
    )
    renames = {
        name: canonical
        for name, canonical in district_map.items()
        if canonical is not None and canonical != name
    }
    provinces = frame["admin1"].str.strip().map(lambda name: canonical_province(name) or name)

    keep = ~rejected
    clean = frame.loc[keep].copy()
    clean["event_date"] = dates[keep]
    clean["latitude"] = latitude[keep].astype(float)
    clean["longitude"] = longitude[keep].astype(float)
    clean["event_type"] = event_types[keep].astype(str)
    clean["sub_event_type"] = sub_events[keep].astype(str)
    clean["fatalities"] = fatalities[keep].fillna(0).astype("int64")
    clean["injuries"] = injuries[keep].round().astype("Int64")
    for column, parsed in precisions.items():
        clean[column] = parsed[keep].round().astype("Int64")
    clean["admin2"] = districts[keep].astype(str)
    clean["admin1"] = provinces[keep].astype(str)
    for column in ("location", "notes", "source", "source_url", "admin3", *ACTOR_COLUMNS):
        clean[column] = clean[column].str.strip()
    clean[ACTORS_KEY] = _join_actors(clean)
    clean = clean.reset_index(drop=True)
    return ValidationResult(incidents=clean, problems=log.frame(), district_renames=renames)
