"""Synthetic incidents for benchmarks, generated at run time and never stored as data."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from geo.districts import DISTRICTS
from incidents.schema import BALOCHISTAN_BOUNDS, EVENT_TAXONOMY

ACTORS = (
    "Military Forces of Pakistan",
    "Police Forces of Pakistan",
    "BLA: Baloch Liberation Army",
    "BLF: Baloch Liberation Front",
    "TTP: Tehreek-i-Taliban Pakistan",
    "Unidentified Armed Group (Pakistan)",
    "Civilians (Pakistan)",
    "Protesters (Pakistan)",
)
PLACES = (
    "Quetta",
    "Turbat",
    "Gwadar",
    "Mastung",
    "Khuzdar",
    "Panjgur",
    "Sibi",
    "Zhob",
    "Dera Bugti",
    "Kalat",
)


def synthetic_incidents(count: int, seed: int = 7) -> pd.DataFrame:
    """`count` random incidents in canonical columns, marked SYNTHETIC in source and notes."""
    generator = np.random.default_rng(seed)
    event_types = generator.choice(list(EVENT_TAXONOMY), count)
    sub_event_types = [
        EVENT_TAXONOMY[name][generator.integers(len(EVENT_TAXONOMY[name]))] for name in event_types
    ]
    bounds = BALOCHISTAN_BOUNDS
    days = generator.integers(0, 11 * 365, count)
    return pd.DataFrame(
        {
            "event_id_cnty": [f"SYN{number:07d}" for number in range(count)],
            "event_date": (pd.Timestamp("2015-01-01") + pd.to_timedelta(days, unit="D")).strftime("%Y-%m-%d"),
            "time_precision": generator.integers(1, 4, count),
            "event_type": event_types,
            "sub_event_type": sub_event_types,
            "actor1": generator.choice(ACTORS, count),
            "assoc_actor_1": "",
            "actor2": generator.choice(ACTORS, count),
            "assoc_actor_2": "",
            "admin1": "Balochistan",
            "admin2": generator.choice(DISTRICTS, count),
            "admin3": "",
            "location": generator.choice(PLACES, count),
            "latitude": generator.uniform(bounds["south"] + 0.5, bounds["north"] - 0.5, count).round(4),
            "longitude": generator.uniform(bounds["west"] + 0.5, bounds["east"] - 0.5, count).round(4),
            "geo_precision": generator.integers(1, 4, count),
            "source": "SYNTHETIC benchmark row",
            "notes": "SYNTHETIC: generated for a benchmark; not a real incident. " * 2,
            "fatalities": generator.geometric(0.45, count) - 1,
            "injuries": generator.geometric(0.3, count) - 1,
            "source_url": "",
        }
    )


def synthetic_csv(count: int, seed: int = 7) -> bytes:
    """The same incidents as the bytes of a CSV file."""
    buffer = io.StringIO()
    synthetic_incidents(count, seed).to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")
