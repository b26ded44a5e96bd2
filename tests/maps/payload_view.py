"""Read the incident layer's payload back out of a rendered map, as the browser does."""

from __future__ import annotations

import base64
import json

import numpy as np

_DTYPES = {"u1": "<u1", "u2": "<u2", "u4": "<u4"}


def incident_data_in(html: str) -> dict:
    """The payload `L.incidentDots` draws from, parsed as the browser parses it."""
    start = html.index("L.incidentDots({") + len("L.incidentDots(")
    return json.JSONDecoder().raw_decode(html[start:])[0]


def typed(column: dict) -> np.ndarray:
    """A typed column of the payload, decoded from base64."""
    return np.frombuffer(base64.b64decode(column["data"]), dtype=_DTYPES[column["type"]])


def text_column(data: dict, name: str, strings: str | None = None) -> list[str]:
    """A dictionary-coded text column, value by value."""
    return [data["strings"][strings or name][code] for code in typed(data["codes"][name])]
