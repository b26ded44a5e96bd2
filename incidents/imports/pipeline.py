"""One import, start to finish, without streamlit: read, map, geocode, check, find duplicates, save.

The Add data page and the command line both run these steps, so a file imports
the same way from either.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo.geocoding import GazetteerGeocoder
from geo.online import CachedOnlineGeocoder, OnlineGeocodingError
from incidents.dedup import find_duplicates
from incidents.imports.formats import detect_format
from incidents.imports.reading import read_table
from incidents.schema import CANONICAL_COLUMNS
from incidents.storage import SaveResult, append_incidents
from incidents.validation import FIRST_DATA_ROW, REJECTED, validate_incidents

# Extra column shown to the analyst: how each row got its coordinates.
GEOCODING_COLUMN = "geocoding"
NOT_FOUND = "not found: type coordinates or a known place"
AMBIGUOUS = "ambiguous"


@dataclass(frozen=True)
class Upload:
    rows: pd.DataFrame  # canonical string columns, one per data row of the file
    format_label: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class CheckedImport:
    rows: pd.DataFrame  # the analyst's rows (strings), as checked
    incidents: pd.DataFrame  # validated rows that can be saved (index = position in `rows`)
    problems: pd.DataFrame  # row, column, value, reason, severity (row = spreadsheet row)
    duplicates: pd.DataFrame  # new_row, existing_row, days_apart, km_apart

    @property
    def duplicate_rows(self) -> set[int]:
        return set(self.duplicates["new_row"].astype(int))


def read_upload(raw: bytes, name: str) -> Upload:
    frame, notes = read_table(raw, name)
    file_format = detect_format(frame, name)
    rows = file_format.to_canonical(frame)
    return Upload(rows=rows, format_label=file_format.label, notes=notes)


def needs_coordinates(rows: pd.DataFrame) -> pd.Series:
    return (rows["latitude"].astype(str).str.strip() == "") | (
        rows["longitude"].astype(str).str.strip() == ""
    )


def geocode_missing(
    rows: pd.DataFrame,
    geocoder: GazetteerGeocoder,
    online: CachedOnlineGeocoder | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Fill coordinates (and district, precision) of rows that have none; say how in GEOCODING_COLUMN.

    Each distinct (place, district) is looked up once. Returns the rows and notes
    for the analyst (e.g. that the online geocoder could not be reached).
    """
    rows = rows.copy()
    if GEOCODING_COLUMN not in rows:
        rows[GEOCODING_COLUMN] = ""
    missing = needs_coordinates(rows)
    keys = rows.loc[missing, ["location", "admin2"]].astype(str)
    unique = keys.drop_duplicates()
    notes: list[str] = []
    answers = []
    for done, (place, district) in enumerate(unique.itertuples(index=False), start=1):
        answers.append(_geocode_one(place, district, geocoder, online, notes) or _unresolved(place, district, geocoder))
        if progress:
            progress(done, len(unique))
    if len(unique):
        # Each distinct place was looked up once; spread the answers over its rows in one join.
        table = pd.DataFrame(answers, index=pd.MultiIndex.from_frame(unique))
        found = table.reindex(pd.MultiIndex.from_frame(keys)).set_axis(keys.index)
        _apply_answers(rows, found)
    _fill_districts_from_places(rows, geocoder)
    return rows, tuple(dict.fromkeys(notes))


def _unresolved(place, district, geocoder: GazetteerGeocoder) -> dict:
    """Why a place was not placed: unknown, or a name equally good in several districts."""
    districts = geocoder.ambiguity(str(place), district_hint=str(district)) if str(place).strip() else ()
    if districts:
        return {"how": f"{NOT_FOUND} ({AMBIGUOUS}: places of this name in {', '.join(districts)}; give the district)"}
    return {"how": NOT_FOUND}


def _unresolved_reason(how: str) -> str:
    ambiguous = re.search(r"places of this name in ([^;]+);", how)
    if ambiguous:
        return (
            f"place name in several districts ({ambiguous.group(1)}): give the district, a nearby town "
            "or coordinates"
        )
    return "place not found in the gazetteer: type its coordinates or a known place"


def is_unresolved(how: pd.Series) -> pd.Series:
    """Rows whose place was not placed (not found, or ambiguous)."""
    return how.astype(str).str.startswith(NOT_FOUND)


def _apply_answers(rows: pd.DataFrame, found: pd.DataFrame) -> None:
    """Write geocoding answers into the rows' string columns (never over what the file had)."""
    resolved = ~is_unresolved(found["how"])
    hit = found.index[resolved]
    rows.loc[found.index, GEOCODING_COLUMN] = found["how"]
    if hit.empty:
        return
    rows.loc[hit, "latitude"] = found.loc[hit, "latitude"].map("{:.5f}".format)
    rows.loc[hit, "longitude"] = found.loc[hit, "longitude"].map("{:.5f}".format)
    for column, value in (
        ("geo_precision", found.loc[hit, "geo_precision"].astype(int).astype(str)),
        ("admin2", found.loc[hit, "district"].fillna("").astype(str)),
        ("admin1", pd.Series("Balochistan", index=hit)),
    ):
        blank = rows.loc[hit, column].astype(str).str.strip() == ""
        rows.loc[blank[blank].index, column] = value[blank]


def _fill_districts_from_places(rows: pd.DataFrame, geocoder: GazetteerGeocoder) -> None:
    """Rows with coordinates but no district (GTD, plain sheets): the district of their named place."""
    blank = rows["admin2"].astype(str).str.strip() == ""
    if not blank.any():
        return
    places = rows.loc[blank, "location"].astype(str)
    resolutions = {place: geocoder.resolve(place) for place in places.unique()}
    districts = places.map(lambda place: resolutions[place].district if resolutions[place] else "")
    named = districts[districts != ""]
    rows.loc[named.index, "admin2"] = named
    note = places.map(lambda place: f"district from gazetteer: {resolutions[place].place}" if resolutions[place] else "")
    empty_note = rows.loc[named.index, GEOCODING_COLUMN].astype(str) == ""
    rows.loc[empty_note[empty_note].index, GEOCODING_COLUMN] = note[empty_note[empty_note].index]


def _geocode_one(place, district, geocoder, online, notes) -> dict | None:
    if not str(place).strip():
        return None
    resolution = geocoder.resolve(str(place), district_hint=str(district))
    if resolution is not None:
        return {
            "latitude": resolution.latitude,
            "longitude": resolution.longitude,
            "geo_precision": resolution.geo_precision,
            "district": resolution.district,
            "how": f"gazetteer: {resolution.place} ({resolution.how}, precision {resolution.geo_precision})",
        }
    if online is None:
        return None
    query = f"{place}, {district}, Balochistan" if str(district).strip() else f"{place}, Balochistan"
    try:
        answer = online.lookup(query)
    except OnlineGeocodingError as error:
        notes.append(str(error))
        return None
    if answer is None:
        return None
    return {
        **answer,
        "district": "",
        "how": f"Nominatim: {answer['address']} (precision {answer['geo_precision']})",
    }


def check_import(rows: pd.DataFrame, existing: pd.DataFrame) -> CheckedImport:
    """Validate the analyst's rows and find those already in `existing` (validated incidents)."""
    rows = rows.reset_index(drop=True)
    result = validate_incidents(rows[list(CANONICAL_COLUMNS)])
    kept_positions = _kept_positions(len(rows), result.problems)
    incidents = result.incidents.set_axis(kept_positions)
    duplicates = find_duplicates(incidents, existing)
    return CheckedImport(
        rows=rows,
        incidents=incidents,
        problems=_explain_unresolved(rows, result.problems),
        duplicates=duplicates,
    )


def _explain_unresolved(rows: pd.DataFrame, problems: pd.DataFrame) -> pd.DataFrame:
    """'latitude missing' + 'longitude missing' on a row whose place was not found -> one clear line."""
    if GEOCODING_COLUMN not in rows or problems.empty:
        return problems
    unresolved_positions = rows.index[is_unresolved(rows[GEOCODING_COLUMN])]
    unresolved = unresolved_positions + FIRST_DATA_ROW
    coordinate_problem = problems["row"].isin(unresolved) & problems["column"].isin(["latitude", "longitude"])
    how = rows.loc[unresolved_positions, GEOCODING_COLUMN].astype(str)
    explained = pd.DataFrame(
        {
            "row": unresolved,
            "column": "location",
            "value": rows.loc[unresolved_positions, "location"].to_numpy(),
            "reason": how.map(_unresolved_reason).to_numpy(),
            "severity": REJECTED,
        }
    )
    return pd.concat([problems[~coordinate_problem], explained], ignore_index=True).sort_values(
        "row", kind="stable"
    )


def _kept_positions(count: int, problems: pd.DataFrame) -> list[int]:
    rejected_rows = (
        set(problems.loc[problems["severity"] == REJECTED, "row"].astype(int)) if len(problems) else set()
    )
    return [position for position in range(count) if position + FIRST_DATA_ROW not in rejected_rows]


def rows_to_save(checked: CheckedImport, keep_duplicates: set[int] = frozenset()) -> pd.DataFrame:
    """Valid rows minus duplicates the analyst did not choose to keep, as canonical strings."""
    skip = checked.duplicate_rows - set(keep_duplicates)
    positions = [position for position in checked.incidents.index if position not in skip]
    chosen = checked.rows.loc[positions, list(CANONICAL_COLUMNS)].copy()
    # Unified district names (Turbat -> Kech) go into the file, not the raw spelling.
    chosen["admin2"] = checked.incidents.loc[positions, "admin2"].astype(str)
    chosen["event_type"] = checked.incidents.loc[positions, "event_type"].astype(str)
    chosen["sub_event_type"] = checked.incidents.loc[positions, "sub_event_type"].astype(str)
    chosen["event_date"] = checked.incidents.loc[positions, "event_date"].dt.strftime("%Y-%m-%d")
    return chosen


def save_import(data_path: str | Path, rows: pd.DataFrame) -> SaveResult:
    return append_incidents(data_path, rows)
