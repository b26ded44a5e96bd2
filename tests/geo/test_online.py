"""Nominatim behind a cache and rate limiter, driven through a fake geopy adapter: no network."""

from __future__ import annotations

import json
import typing

import pytest
from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderUnavailable

from geo.online import CachedOnlineGeocoder, OnlineGeocodingError

HUB = [
    {
        "lat": "25.0647",
        "lon": "66.8810",
        "display_name": "Hub, Hub District, Balochistan, Pakistan",
        "place_id": 1,
    }
]


class FakeNominatim(BaseSyncAdapter):
    """Answers like Nominatim's /search; records every request it was asked to make."""

    requests: typing.ClassVar[list[str]] = []
    answers: typing.ClassVar[dict[str, list]] = {}
    fail = False

    def get_json(self, url, *, timeout, headers):
        type(self).requests.append(url)
        if type(self).fail:
            raise GeocoderUnavailable("no route to host")
        for place, answer in type(self).answers.items():
            if place in url:
                return answer
        return []

    def get_text(self, url, *, timeout, headers):  # pragma: no cover - Nominatim only asks for JSON
        raise NotImplementedError


@pytest.fixture
def fake():
    FakeNominatim.requests = []
    FakeNominatim.answers = {"Hub": HUB}
    FakeNominatim.fail = False
    return FakeNominatim


def make(tmp_path, fake):
    return CachedOnlineGeocoder(tmp_path / "cache.json", adapter_factory=fake, min_delay_seconds=0)


def test_a_place_is_asked_once_and_cached_on_disk(tmp_path, fake):
    geocoder = make(tmp_path, fake)
    answer = geocoder.lookup("Hub, Balochistan")
    assert answer == {
        "latitude": 25.0647,
        "longitude": 66.881,
        "address": HUB[0]["display_name"],
        "geo_precision": 2,
    }
    assert geocoder.lookup("hub,  BALOCHISTAN") == answer
    assert len(fake.requests) == 1
    # A new session (another rerun) reads the cache instead of asking again.
    assert make(tmp_path, fake).lookup("Hub, Balochistan") == answer
    assert len(fake.requests) == 1
    assert "countrycodes=pk" in fake.requests[0]


def test_unknown_places_are_cached_too(tmp_path, fake):
    geocoder = make(tmp_path, fake)
    assert geocoder.lookup("Nowhere at all") is None
    assert geocoder.lookup("Nowhere at all") is None
    assert len(fake.requests) == 1
    assert json.loads((tmp_path / "cache.json").read_text()) == {"nowhere at all": None}


def test_offline_is_a_clear_error_and_not_cached(tmp_path, fake):
    fake.fail = True
    geocoder = make(tmp_path, fake)
    with pytest.raises(OnlineGeocodingError, match="may be offline"):
        geocoder.lookup("Hub")
    assert not (tmp_path / "cache.json").exists()


def test_a_damaged_cache_is_ignored(tmp_path, fake):
    (tmp_path / "cache.json").write_text("{not json")
    assert make(tmp_path, fake).lookup("Hub") is not None


def test_the_user_agent_identifies_the_app(tmp_path, fake):
    geocoder = make(tmp_path, fake)
    assert "balochistan-incident-map" in geocoder._nominatim.headers["User-Agent"]
