"""Districts compared: a ranked table with rates per 100,000 people, and one district's profile.

Rates use the 2023 census populations shipped in geo/data/district_population_2023.csv
(`geo.population`); a district without a cited figure gets no rate rather than a guess.
Ranks count among the districts with at least one incident under the same filter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from incidents.actor_summary import acting_actors
from incidents.aggregation import monthly_totals
from incidents.schema import EVENT_TYPES

PER_PEOPLE = 100_000


def district_table(
    incidents: pd.DataFrame,
    populations: Mapping[str, int] | None = None,
    previous: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per district with incidents: counts, rates per 100,000 people, the change in
    incidents against `previous` (the same filter one period earlier), and ranks; most incidents first."""
    labelled = incidents[incidents["admin2"] != ""]
    table = (
        labelled.groupby(labelled["admin2"].astype(str))
        .agg(incidents=("admin2", "size"), fatalities=("fatalities", "sum"))
        .rename_axis("district")
        .reset_index()
    )
    populations = populations or {}
    table["population_2023"] = table["district"].map(lambda name: populations.get(name)).astype("Int64")
    for measure in ("incidents", "fatalities"):
        rate = table[measure] / table["population_2023"].astype("Float64") * PER_PEOPLE
        table[f"{measure}_per_100k"] = rate.round(2)
    if previous is not None:
        before = previous[previous["admin2"] != ""]["admin2"].astype(str).value_counts()
        table["change_in_incidents"] = table["incidents"] - table["district"].map(before).fillna(0).astype(int)
    table["rank_by_incidents"] = table["incidents"].rank(method="min", ascending=False).astype(int)
    table["rank_by_fatalities"] = table["fatalities"].rank(method="min", ascending=False).astype(int)
    return table.sort_values(["incidents", "fatalities", "district"], ascending=[False, False, True], ignore_index=True)


@dataclass(frozen=True)
class DistrictProfile:
    district: str
    incidents: int
    fatalities: int
    rank_by_incidents: int | None  # among `districts_with_incidents`; None when it has none
    rank_by_fatalities: int | None
    districts_with_incidents: int
    monthly: pd.DataFrame  # incidents.aggregation.monthly_totals
    event_types: pd.DataFrame  # event_type, incidents, fatalities; most first
    actors: pd.DataFrame  # actor, incidents, fatalities; most first (acting side: actor 1 and associates)
    latest: pd.DataFrame  # the most recent incidents, with their sources


def district_profile(incidents: pd.DataFrame, district: str, latest: int = 10, top: int = 5) -> DistrictProfile:
    """`district` among `incidents` (filtered by everything but the district itself)."""
    table = district_table(incidents)
    row = table[table["district"] == district]
    mine = incidents[incidents["admin2"] == district]
    event_types = (
        mine.groupby(mine["event_type"].astype(str))
        .agg(incidents=("event_type", "size"), fatalities=("fatalities", "sum"))
        .reset_index()
    )
    event_types["order"] = event_types["event_type"].map(EVENT_TYPES.index)
    event_types = event_types.sort_values(["incidents", "order"], ascending=[False, True]).drop(columns="order")
    return DistrictProfile(
        district=district,
        incidents=len(mine),
        fatalities=int(mine["fatalities"].sum()),
        rank_by_incidents=int(row["rank_by_incidents"].iloc[0]) if len(row) else None,
        rank_by_fatalities=int(row["rank_by_fatalities"].iloc[0]) if len(row) else None,
        districts_with_incidents=len(table),
        monthly=monthly_totals(mine),
        event_types=event_types.head(top).reset_index(drop=True),
        actors=acting_actors(mine).head(top),
        latest=mine.sort_values("event_date", ascending=False)
        .head(latest)[["event_date", "event_type", "location", "fatalities", "actor1", "source", "source_url"]]
        .astype({"event_type": str, "location": str, "actor1": str, "source": str, "source_url": str})
        .reset_index(drop=True),
    )
