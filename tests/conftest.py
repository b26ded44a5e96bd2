"""Shared fixtures: small hand-made incident files and the read-only shared boundaries."""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pytest

from incidents.schema import CANONICAL_COLUMNS

# Tests see the shipped gazetteer only, whatever GeoNames download this machine has cached
# (set before anything reads it; app servers started by the browser tests inherit it).
os.environ["INCIDENTS_GAZETTEER_EXTRA"] = str(Path(__file__).parent / "no-gazetteer-extension.csv")

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED = PROJECT_ROOT.parent / "shared"
# The shipped, simplified COD-AB files (geo/data): tests need no ../shared for boundaries.
DISTRICT_BOUNDARIES = PROJECT_ROOT / "geo" / "data" / "balochistan_districts.geojson"
TEHSIL_BOUNDARIES = PROJECT_ROOT / "geo" / "data" / "balochistan_tehsils.geojson"

GOOD_ROW = {
    "event_id_cnty": "TST1",
    "event_date": "2017-06-03",
    "time_precision": "1",
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "actor1": "Military Forces of Pakistan",
    "assoc_actor_1": "",
    "actor2": "LeJ: Lashkar-e-Jhangvi",
    "assoc_actor_2": "IS: Islamic State",
    "admin1": "Balochistan",
    "admin2": "Mastung",
    "admin3": "",
    "location": "Mastung",
    "latitude": "29.80",
    "longitude": "66.84",
    "geo_precision": "2",
    "source": "Test (2017-06-04)",
    "notes": "A hand-made row for tests.",
    "fatalities": "12",
    "injuries": "5",
    "source_url": "https://example.org/report",
}


def csv_bytes(rows: list[dict], columns: tuple[str, ...] | list[str] = CANONICAL_COLUMNS) -> bytes:
    """A CSV file's bytes with `columns`, each row filled from GOOD_ROW then `rows`."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({**GOOD_ROW, **row})
    return buffer.getvalue().encode("utf-8")


@pytest.fixture
def small_incidents_path() -> Path:
    return FIXTURES / "small_incidents.csv"


@pytest.fixture
def district_boundaries_path() -> Path:
    return DISTRICT_BOUNDARIES


@pytest.fixture
def data_copy(tmp_path, small_incidents_path) -> Path:
    """A writable copy of the small fixture, for tests that save."""
    path = tmp_path / "incidents.csv"
    shutil.copy(small_incidents_path, path)
    return path
