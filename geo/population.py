"""2023 census populations of the districts (geo/data/district_population_2023.csv, each
figure with the page that states it), for rates per 100,000 people.

A district without a cited figure is left out: no rate is better than a guessed one.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

POPULATION_PATH = Path(__file__).parent / "data" / "district_population_2023.csv"


@lru_cache(maxsize=4)
def district_populations(path: Path = POPULATION_PATH) -> dict[str, int]:
    """District -> 2023 census population, for the districts with a cited figure."""
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        return {
            row["district"]: int(row["population_2023"])
            for row in csv.DictReader(handle)
            if row.get("population_2023", "").strip().isdigit()
        }


def population_notes(path: Path = POPULATION_PATH) -> dict[str, str]:
    """District -> what the census table says about it (e.g. created after the census)."""
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["district"]: row["note"].strip() for row in csv.DictReader(handle) if row.get("note", "").strip()}
