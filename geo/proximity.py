"""Distances: the project's one place for them. Which points lie within N km of a place
(geodesic, fast enough for 100,000 rows), and the great-circle distance they build on.

Haversine (a sphere) is within 0.5 % of the geodesic distance on the WGS-84
ellipsoid; rows that far from the cut-off are decided by haversine, and only
those near it are measured with geopy's `geodesic`, so the answer is exact
where it matters and vectorised elsewhere.
"""

from __future__ import annotations

import numpy as np
from geopy.distance import geodesic

SPHERE_ERROR = 0.005
EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance in km, element-wise (arrays of degrees)."""
    lat1, lon1, lat2, lon2 = (
        np.radians(np.asarray(value, dtype=float)) for value in (lat1, lon1, lat2, lon2)
    )
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def within_km(latitudes, longitudes, center: tuple[float, float], km: float) -> np.ndarray:
    """Boolean array: which points lie within `km` (geodesic) of `center` (lat, lon)."""
    latitudes = np.asarray(latitudes, dtype=float)
    longitudes = np.asarray(longitudes, dtype=float)
    approximate = haversine_km(latitudes, longitudes, center[0], center[1])
    inside = approximate <= km * (1 - SPHERE_ERROR)
    borderline = np.flatnonzero(
        (approximate > km * (1 - SPHERE_ERROR)) & (approximate <= km * (1 + SPHERE_ERROR))
    )
    for position in borderline:
        inside[position] = geodesic(center, (latitudes[position], longitudes[position])).km <= km
    return inside
