"""Who is doing it where: actors on the acting side, by incidents, fatalities and district.

The acting side is ACLED's actor 1 and its associated actors (separated by ';'):
the group that attacked, protested or arrested, not the one it acted on.
"""

from __future__ import annotations

import pandas as pd


def acting_actors(incidents: pd.DataFrame) -> pd.DataFrame:
    """Incidents and fatalities per actor on the acting side (actor 1 and its associated actors,
    which ACLED separates with ';'); most incidents first."""
    acting = _acting_side(incidents)
    if acting.empty:
        return pd.DataFrame({"actor": [], "incidents": [], "fatalities": []})
    return (
        acting.groupby("actor", observed=True)
        .agg(incidents=("actor", "size"), fatalities=("fatalities", "sum"))
        .reset_index()
        .sort_values(["incidents", "fatalities", "actor"], ascending=[False, False, True], ignore_index=True)
    )


def actor_by_district(incidents: pd.DataFrame, actors: int = 10) -> pd.DataFrame:
    """Incidents per acting actor (rows, the `actors` most active) and district (columns)."""
    acting = _acting_side(incidents)
    acting = acting[acting["admin2"] != ""]
    if acting.empty:
        return pd.DataFrame()
    leading = acting["actor"].value_counts().head(actors).index
    table = pd.crosstab(acting["actor"], acting["admin2"]).loc[leading]
    return table[table.sum().sort_values(ascending=False).index]


def _acting_side(incidents: pd.DataFrame) -> pd.DataFrame:
    """One row per (incident, acting actor), with the incident's district and fatalities."""
    # astype(str): the columns may be categorical (the columnar cache keeps them so).
    names = (incidents["actor1"].astype(str) + ";" + incidents["assoc_actor_1"].astype(str)).str.split(";")
    acting = pd.DataFrame(
        {"actor": names, "admin2": incidents["admin2"].astype(str), "fatalities": incidents["fatalities"]}
    ).explode("actor")
    acting["actor"] = acting["actor"].str.strip()
    acting = acting[acting["actor"] != ""]
    # An actor named twice in one incident (as actor 1 and associate) counts once.
    return acting.reset_index(names="incident").drop_duplicates(["incident", "actor"])
