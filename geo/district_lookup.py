"""District of a point by point-in-polygon, and where that disagrees with a row's admin2 label.

Sources label districts by what a report said, sometimes by an older district
(Hub points labelled Lasbela are fine; Duki points labelled Loralai are the
pre-2016 split); the polygon says where the point actually lies. The app keeps
the label for filters and figures and lists the disagreements.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from shapely import STRtree

from geo.boundaries import Boundaries

OUTSIDE = ""


class DistrictIndex:
    """A spatial index (STRtree) over district polygons."""

    def __init__(self, polygons: tuple[tuple[str, object], ...]):
        self.names = np.array([name for name, _ in polygons], dtype=object)
        self.tree = STRtree([geometry for _, geometry in polygons])

    @classmethod
    def from_boundaries(cls, boundaries: Boundaries) -> DistrictIndex:
        return cls(boundaries.polygons)

    def districts_of(self, latitudes, longitudes) -> np.ndarray:
        """District name of each point; '' where no polygon holds it."""
        points = shapely.points(np.asarray(longitudes, dtype=float), np.asarray(latitudes, dtype=float))
        found = np.full(len(points), OUTSIDE, dtype=object)
        point_positions, polygon_positions = self.tree.query(points, predicate="intersects")
        # A point on a shared border touches two polygons; the first one wins.
        first = ~pd.Series(point_positions).duplicated().to_numpy()
        found[point_positions[first]] = self.names[polygon_positions[first]]
        return found


def label_disagreements(incidents: pd.DataFrame, index: DistrictIndex) -> pd.DataFrame:
    """Rows whose admin2 label is not the district their point lies in."""
    columns = ["event_id_cnty", "event_date", "location", "admin2", "district_of_point"]
    if incidents.empty:
        return pd.DataFrame(columns=columns)
    by_point = index.districts_of(incidents["latitude"], incidents["longitude"])
    differs = incidents["admin2"].to_numpy() != by_point
    found = incidents.loc[differs, columns[:-1]].copy()
    found["district_of_point"] = by_point[differs]
    found["district_of_point"] = found["district_of_point"].replace(OUTSIDE, "(outside every district)")
    return found.reset_index(drop=True)
