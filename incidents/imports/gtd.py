"""Global Terrorism Database rows -> canonical incidents.

Event types follow ACLED's precedence (see docs in the README):
  suicide = 1                                  -> Explosions/Remote violence / Suicide bomb
  attacktype1 3 (bombing/explosion)            -> Explosions/Remote violence / Remote explosive/landmine/IED
                                                  (Grenade when the weapon sub-type says so)
  attacktype1 4, 5, 6 (hijacking, hostage)     -> Violence against civilians / Abduction/forced disappearance
  attacktype1 7 (facility/infrastructure)      -> Strategic developments / Looting/property destruction
  attacktype1 1, 2, 8, 9 on military or police -> Battles / Armed clash
  attacktype1 1, 2, 8, 9 on anyone else        -> Violence against civilians / Attack
iday 0 (day unknown) -> time_precision 3, dated the 15th (the middle of the
month, as ACLED dates imprecise events); imonth 0 is rejected by validation
(only the year known). specificity 1 -> geo_precision 1,
2 -> 2, 3-5 -> 3; `vicinity` 1 ("in the vicinity of") lowers 1 to 2.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd

from incidents.actors import canonical_actor
from incidents.imports.reading import text_column
from incidents.schema import CANONICAL_COLUMNS

REQUIRED = {"eventid", "iyear", "imonth", "iday", "attacktype1"}

ACTOR_BY_TARGET_TYPE = {
    "3": "Police Forces of Pakistan",
    "4": "Military Forces of Pakistan",
    "2": "Government of Pakistan",
}
GEO_PRECISION_BY_SPECIFICITY = {"1": "1", "2": "2", "3": "3", "4": "3", "5": "3"}


def recognise(columns: set[str]) -> bool:
    return columns >= REQUIRED


def event_types(attack_type: str, suicide: str, target_type: str, weapon_subtype: str) -> tuple[str, str]:
    """ACLED event and sub-event type for one GTD row (codes as strings)."""
    if suicide == "1":
        return "Explosions/Remote violence", "Suicide bomb"
    if attack_type == "3":
        if "grenade" in weapon_subtype.lower():
            return "Explosions/Remote violence", "Grenade"
        return "Explosions/Remote violence", "Remote explosive/landmine/IED"
    if attack_type in {"4", "5", "6"}:
        return "Violence against civilians", "Abduction/forced disappearance"
    if attack_type == "7":
        return "Strategic developments", "Looting/property destruction"
    if target_type in {"3", "4"}:
        return "Battles", "Armed clash"
    return "Violence against civilians", "Attack"


def _whole(values: pd.Series) -> pd.Series:
    """'12.0' -> '12' (GTD exports write counts as floats); anything else stays as written.

    Text that is not a finite whole number ('inf', '1e400', 'n/a', '2.5') is left
    for validation to report with the value the file holds; blanks stay blank.
    """
    text = values.astype(str).str.strip()
    numbers = pd.to_numeric(text, errors="coerce").astype("float64")
    whole = np.isfinite(numbers) & (numbers % 1 == 0)
    # Python's int has no upper bound, so 1e19 stays 10000000000000000000 (never wrapped).
    return text.where(~whole, numbers[whole].map(lambda number: str(int(number))))


def to_canonical(frame: pd.DataFrame) -> pd.DataFrame:
    column = partial(text_column, frame)
    year, month, day = (_whole(column(name)) for name in ("iyear", "imonth", "iday"))
    day_known = day.ne("") & day.ne("0")
    month_known = month.ne("") & month.ne("0")
    date = year + "-" + month.str.zfill(2) + "-" + day.where(day_known, "15").str.zfill(2)
    types = [
        event_types(attack, suicide, target, weapon)
        for attack, suicide, target, weapon in zip(
            _whole(column("attacktype1")),
            _whole(column("suicide")),
            _whole(column("targtype1")),
            column("weapsubtype1_txt"),
            strict=True,
        )
    ]
    target_type = _whole(column("targtype1"))
    geo_precision = _whole(column("specificity")).map(GEO_PRECISION_BY_SPECIFICITY).fillna("")
    near = _whole(column("vicinity")).eq("1") & geo_precision.eq("1")

    out = pd.DataFrame(index=frame.index)
    out["event_id_cnty"] = "GTD" + column("eventid")
    out["event_date"] = date.where(month_known, year + " (month unknown)")
    out["time_precision"] = pd.Series("1", index=frame.index).where(day_known, "3")
    out["event_type"] = [pair[0] for pair in types]
    out["sub_event_type"] = [pair[1] for pair in types]
    out["actor1"] = column("gname").map(canonical_actor)
    out["actor2"] = target_type.map(ACTOR_BY_TARGET_TYPE).fillna("Civilians (Pakistan)")
    out["admin1"] = column("provstate")
    out["location"] = column("city")
    out["latitude"] = column("latitude")
    out["longitude"] = column("longitude")
    out["geo_precision"] = geo_precision.mask(near, "2")
    out["source"] = ("GTD; " + column("scite1").str.slice(0, 120)).str.rstrip("; ")
    out["notes"] = column("summary")
    out["fatalities"] = _whole(column("nkill"))
    out["injuries"] = _whole(column("nwound"))
    out["source_url"] = ""
    # astype(str): a file without rows would otherwise give empty float64 columns.
    canonical = out.reindex(columns=list(CANONICAL_COLUMNS), fill_value="").fillna("").astype(str)
    return canonical.reset_index(drop=True)
