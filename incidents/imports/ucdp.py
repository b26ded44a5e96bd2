"""UCDP Georeferenced Event Dataset (GED) rows -> canonical incidents.

Mapping (UCDP GED codebook): type_of_violence 1 (state-based) and 2 (non-state)
are armed clashes between organised sides -> Battles / Armed clash; 3 (one-sided
violence against civilians) -> Violence against civilians / Attack. `best` is
UCDP's best estimate of deaths. where_prec 1 (exact place) -> geo_precision 1;
2 (within 25 km) and 5 (along a road or between places) -> 2; 3-7 (district,
province, country, water) -> 3. date_prec 1 -> time_precision 1; 2-3 (within a
week) -> 2; 4-5 (month or longer) -> 3.
"""

from __future__ import annotations

from functools import partial

import pandas as pd

from incidents.actors import canonical_actor
from incidents.imports.reading import text_column
from incidents.schema import CANONICAL_COLUMNS

REQUIRED = {"id", "type_of_violence", "date_start", "best"}

EVENT_BY_VIOLENCE_TYPE = {
    "1": ("Battles", "Armed clash"),
    "2": ("Battles", "Armed clash"),
    "3": ("Violence against civilians", "Attack"),
}
GEO_PRECISION_BY_WHERE_PREC = {"1": "1", "2": "2", "5": "2", "3": "3", "4": "3", "6": "3", "7": "3"}
TIME_PRECISION_BY_DATE_PREC = {"1": "1", "2": "2", "3": "2", "4": "3", "5": "3"}


def recognise(columns: set[str]) -> bool:
    return columns >= REQUIRED


def _strip_suffix(values: pd.Series, suffix: str) -> pd.Series:
    return values.str.strip().str.replace(rf"\s+{suffix}$", "", regex=True, case=False)


def to_canonical(frame: pd.DataFrame) -> pd.DataFrame:
    column = partial(text_column, frame)
    violence = column("type_of_violence").str.replace(r"\.0$", "", regex=True)
    events = violence.map(EVENT_BY_VIOLENCE_TYPE)
    out = pd.DataFrame(index=frame.index)
    out["event_id_cnty"] = "UCDP" + column("id")
    out["event_date"] = column("date_start").str.slice(0, 10)
    out["time_precision"] = column("date_prec").map(TIME_PRECISION_BY_DATE_PREC).fillna("")
    out["event_type"] = events.map(lambda pair: pair[0] if isinstance(pair, tuple) else "")
    out["sub_event_type"] = events.map(lambda pair: pair[1] if isinstance(pair, tuple) else "")
    out["actor1"] = column("side_a").map(canonical_actor)
    out["actor2"] = column("side_b").map(canonical_actor)
    out["admin1"] = _strip_suffix(column("adm_1"), "province")
    out["admin2"] = _strip_suffix(column("adm_2"), "district")
    out["location"] = column("where_coordinates").str.replace(r"\s+(town|village|city)$", "", regex=True)
    out["latitude"] = column("latitude")
    out["longitude"] = column("longitude")
    out["geo_precision"] = column("where_prec").map(GEO_PRECISION_BY_WHERE_PREC).fillna("")
    out["source"] = ("UCDP GED; " + column("source_office")).str.rstrip("; ")
    out["notes"] = column("source_headline").where(
        column("source_headline") != "", column("where_description")
    )
    out["fatalities"] = column("best")
    out["source_url"] = ""
    # astype(str): a file without rows would otherwise give empty float64 columns.
    canonical = out.reindex(columns=list(CANONICAL_COLUMNS), fill_value="").fillna("").astype(str)
    return canonical.reset_index(drop=True)
