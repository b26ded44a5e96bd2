"""The boundaries download with a fake fetcher: filtering, caching, and offline messages. No network."""

from __future__ import annotations

import json

import pytest

from geo.boundaries import load_boundaries
from geo.boundary_places import tehsil_places
from geo.download_boundaries import (
    API_URL,
    TEHSILS_API_URL,
    DownloadError,
    download_boundaries,
    download_tehsils,
    fetch_url,
)

GEOJSON_URL = "https://example.invalid/pak_adm2.geojson"
SQUARE = {"type": "Polygon", "coordinates": [[[63, 26], [63.1, 26], [63.1, 26.1], [63, 26.1], [63, 26]]]}


def fake_fetch(calls: list[str], names=("Kech", "Turbat", "Lahore", "Las Bela")):
    answers = {
        API_URL: json.dumps({"gjDownloadURL": GEOJSON_URL, "boundaryYearRepresented": "2019"}).encode(),
        GEOJSON_URL: json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "properties": {"shapeName": name}, "geometry": SQUARE}
                    for name in names
                ],
            }
        ).encode(),
    }

    def fetch(url: str) -> bytes:
        calls.append(url)
        return answers[url]

    return fetch


def test_download_keeps_balochistan_districts_and_caches(tmp_path):
    calls: list[str] = []
    destination = tmp_path / "districts.geojson"
    path = download_boundaries(destination, fetch=fake_fetch(calls))
    saved = json.loads(path.read_text())
    assert [feature["properties"]["district"] for feature in saved["features"]] == ["Kech", "Kech", "Lasbela"]
    assert "geoBoundaries gbOpen PAK ADM2 (2019)" in saved["attribution"]
    assert load_boundaries(path).source_name == "districts.geojson"
    download_boundaries(destination, fetch=fake_fetch(calls))
    assert calls == [API_URL, GEOJSON_URL]  # the second run used the cached file
    download_boundaries(destination, refresh=True, fetch=fake_fetch(calls))
    assert len(calls) == 4


def test_no_balochistan_district_saves_nothing(tmp_path):
    with pytest.raises(DownloadError, match="no Balochistan district"):
        download_boundaries(tmp_path / "x.geojson", fetch=fake_fetch([], names=("Lahore",)))
    assert not (tmp_path / "x.geojson").exists()


def test_unexpected_answer(tmp_path):
    with pytest.raises(DownloadError, match="unexpected form"):
        download_boundaries(tmp_path / "x.geojson", fetch=lambda url: b"<html>maintenance</html>")


def test_offline_message_says_what_to_do():
    # Port 9 on this machine's loopback: refused at once, no traffic leaves it.
    with pytest.raises(DownloadError, match=r"may be offline.*--boundaries"):
        fetch_url("http://127.0.0.1:9/")


def test_tehsils_are_kept_inside_the_districts_and_tagged_with_theirs(tmp_path):
    calls: list[str] = []
    districts = download_boundaries(tmp_path / "districts.geojson", fetch=fake_fetch(calls, names=("Kech",)))
    inside = {"type": "Polygon", "coordinates": [[[63.02, 26.02], [63.05, 26.02], [63.05, 26.05], [63.02, 26.02]]]}
    outside = {"type": "Polygon", "coordinates": [[[74, 31], [74.1, 31], [74.1, 31.1], [74, 31]]]}
    adm3_url = "https://example.invalid/pak_adm3.geojson"
    answers = {
        TEHSILS_API_URL: json.dumps({"gjDownloadURL": adm3_url}).encode(),
        adm3_url: json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "properties": {"shapeName": "Buleda"}, "geometry": inside},
                    {"type": "Feature", "properties": {"shapeName": "Lahore City"}, "geometry": outside},
                ],
            }
        ).encode(),
    }
    path = download_tehsils(districts, tmp_path / "tehsils.geojson", fetch=answers.__getitem__)
    saved = json.loads(path.read_text())
    assert [(f["properties"]["shapeName"], f["properties"]["district"]) for f in saved["features"]] == [
        ("Buleda", "Kech")
    ]
    assert "PAK ADM3" in saved["attribution"]
    places = tehsil_places(path)  # the tag names the district, so no district file is needed to read it
    assert [(place.name, place.district) for place in places] == [("Buleda", "Kech")]
