"""Nominatim behind a cache and rate limiter, driven through a fake geopy adapter: no network."""

from __future__ import annotations

import json
import socket
import time
import typing

import pandas as pd
import pytest
from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderQueryError, GeocoderTimedOut, GeocoderUnavailable

from geo.errors import ProjectError
from geo.online import OFFLINE_RETRY_SECONDS, CachedOnlineGeocoder, OnlineGeocodingError

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
    failure: typing.ClassVar[Exception] = GeocoderUnavailable("no route to host")

    def get_json(self, url, *, timeout, headers):
        type(self).requests.append(url)
        if type(self).fail:
            raise type(self).failure
        for place, answer in type(self).answers.items():
            if place in url:
                return answer
        return []

    def get_text(self, url, *, timeout, headers):  # pragma: no cover - Nominatim only asks for JSON
        raise NotImplementedError


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any real connection attempt fails the test instead of reaching (or waiting for) the network."""

    def refuse(*args, **kwargs):
        raise AssertionError("a test tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def fake():
    FakeNominatim.requests = []
    FakeNominatim.answers = {"Hub": HUB}
    FakeNominatim.fail = False
    FakeNominatim.failure = GeocoderUnavailable("no route to host")
    return FakeNominatim


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make(tmp_path, fake, **options):
    return CachedOnlineGeocoder(tmp_path / "cache.json", adapter_factory=fake, min_delay_seconds=0, **options)


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


def test_offline_the_first_failure_is_the_only_request(tmp_path, fake):
    fake.fail = True
    geocoder = make(tmp_path, fake)
    started = time.monotonic()
    messages = set()
    for number in range(50):
        with pytest.raises(OnlineGeocodingError, match="may be offline") as failed:
            geocoder.lookup(f"Unknown place {number}")
        messages.add(str(failed.value))
    # One request, not retried (no second attempt, no 5 s wait between), then no request at all.
    assert len(fake.requests) == 1 and geocoder.requests_made == 1
    assert len(messages) == 1 and geocoder.is_offline
    assert time.monotonic() - started < 2


def test_offline_the_cached_answers_still_work(tmp_path, fake):
    geocoder = make(tmp_path, fake)
    hub = geocoder.lookup("Hub")
    assert geocoder.lookup("Nowhere at all") is None
    fake.fail = True
    with pytest.raises(OnlineGeocodingError):
        geocoder.lookup("Somewhere new")
    assert geocoder.lookup("Hub") == hub and geocoder.lookup("Nowhere at all") is None
    assert len(fake.requests) == 3


@pytest.mark.parametrize(
    "failure",
    [GeocoderTimedOut("timed out"), ConnectionRefusedError("refused"), TimeoutError("timed out"), OSError(101, "unreachable")],
)  # fmt: skip
def test_timeouts_and_an_adapters_own_socket_errors_count_as_offline(tmp_path, fake, failure):
    fake.fail, fake.failure = True, failure
    geocoder = make(tmp_path, fake)
    for number in range(5):
        with pytest.raises(OnlineGeocodingError, match="may be offline"):
            geocoder.lookup(f"Unknown place {number}")
    assert len(fake.requests) == 1


def test_nominatim_is_asked_again_after_the_retry_time_or_when_told(tmp_path, fake):
    clock = FakeClock()
    fake.fail = True
    geocoder = make(tmp_path, fake, clock=clock)
    with pytest.raises(OnlineGeocodingError):
        geocoder.lookup("Unknown place")
    clock.now += OFFLINE_RETRY_SECONDS - 1
    with pytest.raises(OnlineGeocodingError):
        geocoder.lookup("Hub")
    assert len(fake.requests) == 1
    # Back online: the app keeps one geocoder for all sessions, so offline must not last for ever.
    fake.fail = False
    clock.now += 1
    assert not geocoder.is_offline
    assert geocoder.lookup("Hub") is not None and len(fake.requests) == 2
    fake.fail = True
    with pytest.raises(OnlineGeocodingError):
        geocoder.lookup("Another place")
    fake.fail = False
    geocoder.forget_offline()
    assert geocoder.lookup("Another place") is None and len(fake.requests) == 4


def test_a_query_nominatim_refuses_does_not_stop_the_next(tmp_path, fake):
    fake.fail, fake.failure = True, GeocoderQueryError("bad request")
    geocoder = make(tmp_path, fake)
    with pytest.raises(OnlineGeocodingError, match="refused 'Odd query'"):
        geocoder.lookup("Odd query")
    fake.fail = False
    assert geocoder.lookup("Hub") is not None and len(fake.requests) == 2


def test_the_error_is_a_project_error_and_still_what_callers_catch():
    error = OnlineGeocodingError("offline")
    assert isinstance(error, ProjectError)
    assert isinstance(error, RuntimeError) and isinstance(error, ConnectionError)


def test_an_import_of_many_unknown_places_offline_asks_once_and_notes_it_once(tmp_path, fake):
    from geo.geocoding import GazetteerGeocoder
    from incidents.imports.pipeline import GEOCODING_COLUMN, NOT_FOUND, geocode_missing
    from incidents.schema import CANONICAL_COLUMNS

    fake.fail = True
    rows = pd.DataFrame("", index=range(300), columns=list(CANONICAL_COLUMNS))
    rows["location"] = [f"Unknown village {number}" for number in range(300)]
    geocoded, notes = geocode_missing(rows, GazetteerGeocoder(), make(tmp_path, fake))
    assert len(fake.requests) == 1
    assert len(notes) == 1 and "may be offline" in notes[0]
    assert (geocoded[GEOCODING_COLUMN] == NOT_FOUND).all()
