"""Correcting an unknown place of an upload: the row is geocoded again and leaves the unresolved list."""

from __future__ import annotations

from geo.geocoding import GazetteerGeocoder
from incidents.imports.pipeline import GEOCODING_COLUMN, geocode_missing, read_upload
from tests.conftest import FIXTURES
from ui.importing import ImportState, apply_corrections, unresolved_rows


def test_a_corrected_place_is_geocoded_again():
    upload = read_upload((FIXTURES / "imports" / "places_sheet.csv").read_bytes(), "places_sheet.csv")
    rows, _ = geocode_missing(upload.rows, GazetteerGeocoder())
    state = ImportState("digest", "places_sheet.csv", upload.format_label, [], rows)
    unresolved = unresolved_rows(state)
    assert list(unresolved["location"]) == ["Atlantis"]

    corrected = unresolved[["location", "admin2", "latitude", "longitude"]].assign(location="Gwadar")
    apply_corrections(state, corrected, use_online=False)

    assert unresolved_rows(state).empty
    assert state.generation == 1  # the grids are drawn anew
    row = state.rows.loc[unresolved.index[0]]
    assert (row["location"], row["admin2"], row["geo_precision"]) == ("Gwadar", "Gwadar", "1")
    assert row[GEOCODING_COLUMN].startswith("gazetteer: Gwadar")


def test_typed_coordinates_are_kept_as_the_analysts():
    upload = read_upload((FIXTURES / "imports" / "places_sheet.csv").read_bytes(), "places_sheet.csv")
    rows, _ = geocode_missing(upload.rows, GazetteerGeocoder())
    state = ImportState("digest", "places_sheet.csv", upload.format_label, [], rows)
    unresolved = unresolved_rows(state)
    corrected = unresolved[["location", "admin2", "latitude", "longitude"]].assign(
        latitude="25.12", longitude="62.32"
    )
    apply_corrections(state, corrected, use_online=False)
    row = state.rows.loc[unresolved.index[0]]
    assert (row["latitude"], row["longitude"], row[GEOCODING_COLUMN]) == ("25.12", "62.32", "typed by the analyst")
    assert unresolved_rows(state).empty
