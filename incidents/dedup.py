"""Which new incidents are already in the data: the same event reported twice.

Rule (issue 3): same event type, same district, dates at most a day apart and
points at most a few kilometres apart. Two sources rarely agree on the exact
day or spot, so exact matching would let most duplicates through.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.proximity import haversine_km

MAX_DAYS_APART = 1
MAX_KM_APART = 5.0

MATCH_COLUMNS = ("new_row", "existing_row", "days_apart", "km_apart")


def find_duplicates(
    new: pd.DataFrame,
    existing: pd.DataFrame,
    max_days: int = MAX_DAYS_APART,
    max_km: float = MAX_KM_APART,
) -> pd.DataFrame:
    """Pairs (new_row, existing_row) that describe the same incident.

    Both frames are validated incidents (datetime `event_date`, float
    coordinates). Row labels are the frames' index labels. Sorted by new row,
    then distance.
    """
    columns = ["event_type", "admin2", "event_date", "latitude", "longitude"]
    if new.empty or existing.empty:
        return pd.DataFrame(columns=list(MATCH_COLUMNS))
    left = new[columns].rename_axis("new_row").reset_index()
    right = existing[columns].rename_axis("existing_row").reset_index()
    # Districts are compared case-blind: one file's "KECH" is another's "Kech".
    for side in (left, right):
        side["_district"] = side["admin2"].astype(str).str.strip().str.lower()
        side["_day"] = side["event_date"].to_numpy().astype("datetime64[D]").astype("int64")
    # Join on type, district and day (shifted by each allowed offset), not on type and
    # district alone: two files of 100,000 incidents would otherwise pair up tens of millions of rows.
    parts = []
    for offset in range(-max_days, max_days + 1):
        shifted = right.assign(_day=right["_day"] + offset)
        parts.append(left.merge(shifted, on=["event_type", "_district", "_day"], suffixes=("_new", "_old")))
    pairs = pd.concat(parts, ignore_index=True)
    if pairs.empty:
        return pd.DataFrame(columns=list(MATCH_COLUMNS))
    days = (pairs["event_date_new"] - pairs["event_date_old"]).abs().dt.days
    km = haversine_km(
        pairs["latitude_new"], pairs["longitude_new"], pairs["latitude_old"], pairs["longitude_old"]
    )
    close = (days <= max_days).to_numpy() & (km <= max_km)
    matches = pd.DataFrame(
        {
            "new_row": pairs["new_row"].to_numpy()[close],
            "existing_row": pairs["existing_row"].to_numpy()[close],
            "days_apart": days.to_numpy()[close],
            "km_apart": np.round(km[close], 2),
        }
    )
    return matches.sort_values(["new_row", "km_apart"], kind="stable").reset_index(drop=True)


def side_by_side(
    new: pd.DataFrame, existing: pd.DataFrame, matches: pd.DataFrame, columns: list[str]
) -> pd.DataFrame:
    """One line per match: the new row's `columns` next to the existing incident's, as text.

    `new` holds the upload's rows (index = position in the upload, shown as its
    spreadsheet row); `existing` the loaded incidents.
    """
    lines = []
    for match in matches.itertuples():
        new_row, old_row = new.loc[match.new_row], existing.loc[match.existing_row]
        line = {"row": int(match.new_row) + 2}
        for column in columns:
            line[f"new {column}"] = _as_text(new_row.get(column, ""))
            line[f"existing {column}"] = _as_text(old_row.get(column, ""))
        line["days apart"] = int(match.days_apart)
        line["km apart"] = float(match.km_apart)
        lines.append(line)
    return pd.DataFrame(lines)


def _as_text(value) -> str:
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
