"""Who is doing it where: actors on the acting side, by incidents, fatalities and district.

The acting side is ACLED's actor 1 and its associated actors (separated by ';'):
the group that attacked, protested or arrested, not the one it acted on.

Counting works on the distinct (actor 1, associates, district) combinations, not on
rows: a million incidents hold a few thousand of them, and names are split once each.
"""

from __future__ import annotations

import pandas as pd


def acting_actors(incidents: pd.DataFrame) -> pd.DataFrame:
    """Incidents and fatalities per actor on the acting side; most incidents first."""
    acting = _acting_side(incidents)
    if acting.empty:
        return pd.DataFrame({"actor": [], "incidents": [], "fatalities": []})
    return (
        acting.groupby("actor")[["incidents", "fatalities"]]
        .sum()
        .reset_index()
        .sort_values(["incidents", "fatalities", "actor"], ascending=[False, False, True], ignore_index=True)
    )


def actor_by_district(incidents: pd.DataFrame, actors: int = 10) -> pd.DataFrame:
    """Incidents per acting actor (rows, the `actors` most active) and district (columns)."""
    acting = _acting_side(incidents)
    acting = acting[acting["admin2"] != ""]
    if acting.empty:
        return pd.DataFrame()
    leading = acting.groupby("actor")["incidents"].sum().sort_values(ascending=False, kind="stable").head(actors)
    table = acting.pivot_table(index="actor", columns="admin2", values="incidents", aggfunc="sum", fill_value=0)
    table = table.loc[leading.index].astype(int)
    table.columns.name = "admin2"
    return table[table.sum().sort_values(ascending=False, kind="stable").index]


def _acting_side(incidents: pd.DataFrame) -> pd.DataFrame:
    """Incidents and fatalities per (acting actor, district): each incident counts once for each
    distinct actor on its acting side (an actor named as actor 1 and as associate, once)."""
    combinations = (
        incidents.groupby(["actor1", "assoc_actor_1", "admin2"], observed=True, sort=False)
        .agg(incidents=("fatalities", "size"), fatalities=("fatalities", "sum"))
        .reset_index()
        # The key columns may be categorical (the columnar cache keeps them so): plain text now.
        .astype({"actor1": str, "assoc_actor_1": str, "admin2": str})
        .rename(columns={"assoc_actor_1": "assoc"})
    )
    combinations["actor"] = [
        sorted({name.strip() for name in f"{first};{associates}".split(";") if name.strip()})
        for first, associates in zip(combinations["actor1"], combinations["assoc"], strict=True)
    ]
    acting = combinations.explode("actor").dropna(subset=["actor"])
    return acting[["actor", "admin2", "incidents", "fatalities"]]
