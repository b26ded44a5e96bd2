"""GeoJSON export of filtered incidents: one Point feature per incident, the filter in the
collection's `metadata` member (RFC 7946 allows such foreign members)."""

from __future__ import annotations

import json

import pandas as pd

from incidents.export import exported_rows
from incidents.export_manifest import ExportManifest


def incidents_to_geojson(incidents: pd.DataFrame, manifest: ExportManifest) -> bytes:
    frame = exported_rows(incidents)
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(record["longitude"]), float(record["latitude"])]},
            "properties": {key: _plain(value) for key, value in record.items()},
        }
        for record in records
    ]
    collection = {
        "type": "FeatureCollection",
        "metadata": dict(manifest.as_pairs()),
        "features": features,
    }
    return json.dumps(collection, ensure_ascii=False, allow_nan=False).encode("utf-8")


def _plain(value: object) -> object:
    """JSON's own types: numpy numbers become Python numbers, anything else text."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if hasattr(value, "item"):
        return value.item()
    return str(value)
