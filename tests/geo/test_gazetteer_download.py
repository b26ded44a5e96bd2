"""Extending the gazetteer from GeoNames' Pakistan dump, through a fake fetcher: no network."""

from __future__ import annotations

import io
import zipfile

import pytest

from geo.download_boundaries import DownloadError
from geo.gazetteer import Gazetteer, Place, default_gazetteer, merged, read_gazetteer
from geo.gazetteer_download import ADMIN2_URL, DUMP_URL, download_gazetteer
from geo.geocoding import GazetteerGeocoder


def dump_line(geonameid, name, alternates, lat, lon, code, admin1="02", admin2="1163", country="PK"):
    fields = [
        str(geonameid),
        name,
        name,
        alternates,
        str(lat),
        str(lon),
        "P",
        code,
        country,
        "",
        admin1,
        admin2,
    ]
    return "\t".join(fields + [""] * 7)


DUMP = "\n".join(
    [
        dump_line(1, "Tump", "Tomp,تمپ", 26.1181, 62.3697, "PPL"),
        dump_line(2, "Mand", "", 26.0862, 61.9846, "PPLA3"),
        dump_line(3, "Kech River", "", 26.0, 63.0, "STM"),  # a stream: not a place for incidents
        dump_line(4, "Hoshab", "", 26.0167, 63.8833, "PPL", admin2="9999"),  # district code unknown
        dump_line(5, "Lahore", "", 31.5, 74.3, "PPLA", admin1="04"),  # another province
        dump_line(6, "Bolan Pass", "", 29.7, 67.5, "PASS", admin2="1172"),
    ]
)
ADMIN2 = "PK.02.1163\tTurbat\tTurbat\t1\nPK.02.1172\tBolan\tBolan\t2\nPK.04.1\tLahore\tLahore\t3\n"


def fake_fetch(calls):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("PK.txt", DUMP)
    answers = {DUMP_URL: archive.getvalue(), ADMIN2_URL: ADMIN2.encode()}

    def fetch(url):
        calls.append(url)
        return answers[url]

    return fetch


def test_balochistan_places_with_named_districts_are_kept(tmp_path):
    calls = []
    path, written, unnamed = download_gazetteer(tmp_path / "extra.csv", fetch=fake_fetch(calls))
    assert (written, unnamed) == (3, 1)
    places = {place.name: place for place in read_gazetteer(path).places}
    assert set(places) == {"Tump", "Mand", "Bolan Pass"}
    assert places["Tump"].district == "Kech" and places["Tump"].kind == "village"  # "Turbat" via the aliases
    assert places["Tump"].alt_names == ("Tomp",)
    assert places["Bolan Pass"].district == "Kachhi" and places["Bolan Pass"].kind == "crossing"
    assert places["Mand"].source == "GeoNames 2 (PK dump, CC BY 4.0)"
    # A second run reads the cached file.
    download_gazetteer(tmp_path / "extra.csv", fetch=fake_fetch(calls))
    assert calls == [DUMP_URL, ADMIN2_URL]


def test_the_extension_makes_new_places_geocodable_and_the_curated_ones_win(tmp_path):
    path, _, _ = download_gazetteer(tmp_path / "extra.csv", fetch=fake_fetch([]))
    curated = Gazetteer((Place("Mand", (), "town", "Kech", "", "", 26.0, 62.0, "curated"),))
    gazetteer = merged(curated, read_gazetteer(path))
    assert [place.source for place in gazetteer.places if place.name == "Mand"] == ["curated"]
    resolution = GazetteerGeocoder(gazetteer).resolve("near Tump")
    assert (resolution.place, resolution.district, resolution.geo_precision) == ("Tump", "Kech", 2)


def test_not_a_dump_is_a_clear_error(tmp_path):
    with pytest.raises(DownloadError, match="not the PK dump"):
        download_gazetteer(tmp_path / "extra.csv", fetch=lambda url: b"<html>maintenance</html>")
    assert not (tmp_path / "extra.csv").exists()


def test_the_app_reads_the_extension_named_in_the_environment(tmp_path, monkeypatch):
    path, _, _ = download_gazetteer(tmp_path / "extra.csv", fetch=fake_fetch([]))
    monkeypatch.setenv("INCIDENTS_GAZETTEER_EXTRA", str(path))
    default_gazetteer.cache_clear()
    try:
        names = {place.name for place in default_gazetteer().places}
        assert {"Tump", "Mand", "Quetta"} <= names
    finally:
        monkeypatch.undo()
        default_gazetteer.cache_clear()
