"""Opt-in online geocoding through geopy's Nominatim, asked at most once per place.

Nominatim's usage policy asks for an identifying user agent and at most one
request a second; the answers (found or not) are kept in a JSON file, so a
place is never asked twice, across reruns and sessions. Nothing here runs
unless the analyst turns it on; offline, the error says so and the import goes
on with the gazetteer alone.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from geo.gazetteer import fold_name

DEFAULT_CACHE_PATH = Path.home() / ".cache" / "balochistan-incidents" / "nominatim.json"
USER_AGENT = "balochistan-incident-map/0.1 (offline-first incident dashboard; set INCIDENTS_GEOCODER_AGENT)"
TIMEOUT_SECONDS = 10
MIN_DELAY_SECONDS = 1.0
# Nominatim's own precision is unknown to us; a hit is "near/part of" at best.
ONLINE_GEO_PRECISION = 2


class OnlineGeocodingError(RuntimeError):
    """Nominatim could not be reached; the message is meant for the analyst."""


class CachedOnlineGeocoder:
    """Nominatim behind a rate limiter and an on-disk cache of every answer."""

    def __init__(
        self,
        cache_path: str | Path,
        user_agent: str = USER_AGENT,
        adapter_factory: Callable | None = None,
        min_delay_seconds: float = MIN_DELAY_SECONDS,
    ):
        self.cache_path = Path(cache_path)
        self._cache: dict[str, dict | None] = self._read_cache()
        options = {"user_agent": user_agent, "timeout": TIMEOUT_SECONDS}
        if adapter_factory is not None:
            options["adapter_factory"] = adapter_factory
        self._nominatim = Nominatim(**options)
        self._limited = RateLimiter(
            self._nominatim.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=1,
            swallow_exceptions=False,
        )
        self.requests_made = 0

    def lookup(self, query: str) -> dict | None:
        """{"latitude", "longitude", "address", "geo_precision"} for `query` in Pakistan, or None if unknown."""
        key = fold_name(query)
        if not key:
            return None
        if key in self._cache:
            return self._cache[key]
        try:
            location = self._limited(query, exactly_one=True, country_codes="pk")
        except GeopyError as error:
            raise OnlineGeocodingError(
                f"Online geocoding (Nominatim) failed for {query!r}: {error}. "
                "The machine may be offline; the gazetteer's answers are kept."
            ) from error
        finally:
            self.requests_made += 1
        answer = None
        if location is not None:
            answer = {
                "latitude": round(location.latitude, 5),
                "longitude": round(location.longitude, 5),
                "address": location.address,
                "geo_precision": ONLINE_GEO_PRECISION,
            }
        self._cache[key] = answer
        self._write_cache()
        return answer

    def _read_cache(self) -> dict:
        try:
            return json.loads(self.cache_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, json.JSONDecodeError):
            # A damaged cache only costs repeated requests; never fail the import for it.
            return {}

    def _write_cache(self) -> None:
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=self.cache_path.parent, suffix=".tmp")
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(self._cache, handle, ensure_ascii=False, indent=1, sort_keys=True)
        os.replace(temporary, self.cache_path)
