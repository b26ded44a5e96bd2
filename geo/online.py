"""Opt-in online geocoding through geopy's Nominatim, asked at most once per place.

Nominatim's usage policy asks for an identifying user agent and at most one
request a second; the answers (found or not) are kept in a JSON file, so a
place is never asked twice, across reruns and sessions. Nothing here runs
unless the analyst turns it on; offline, the error says so and the import goes
on with the gazetteer alone.

Offline costs one wait, not one per place: the first failure to reach Nominatim
is not retried, and for OFFLINE_RETRY_SECONDS after it every lookup of a place
not in the cache fails at once with the same message, without a request.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from geopy.exc import GeocoderQueryError, GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from geo.errors import ProjectError
from geo.gazetteer import fold_name

DEFAULT_CACHE_PATH = Path.home() / ".cache" / "balochistan-incidents" / "nominatim.json"
USER_AGENT = "balochistan-incident-map/0.1 (offline-first incident dashboard; set INCIDENTS_GEOCODER_AGENT)"
TIMEOUT_SECONDS = 10
MIN_DELAY_SECONDS = 1.0
# Nominatim's own precision is unknown to us; a hit is "near/part of" at best.
ONLINE_GEO_PRECISION = 2
# After Nominatim could not be reached, lookups fail at once for this long, then one is tried again:
# long enough for a whole import to finish without waiting per place, short enough that the app (one
# geocoder for all sessions) notices the network is back. forget_offline() tries again at once.
OFFLINE_RETRY_SECONDS = 60.0


class OnlineGeocodingError(ProjectError, RuntimeError, ConnectionError):
    """Nominatim could not be reached or refused the request; the message is meant for the analyst.

    A RuntimeError as it always was, and a ConnectionError (so an OSError) for what it is:
    callers that catch either keep working.
    """


class CachedOnlineGeocoder:
    """Nominatim behind a rate limiter and an on-disk cache of every answer."""

    def __init__(
        self,
        cache_path: str | Path,
        user_agent: str = USER_AGENT,
        adapter_factory: Callable | None = None,
        min_delay_seconds: float = MIN_DELAY_SECONDS,
        offline_retry_seconds: float = OFFLINE_RETRY_SECONDS,
        clock: Callable[[], float] = time.monotonic,
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
            # A retry after a failed connection waits out a second timeout (and 5 s between) for
            # nothing: offline stays offline. A request that did fail is simply asked next time.
            max_retries=0,
            swallow_exceptions=False,
        )
        self.requests_made = 0
        self.offline_retry_seconds = offline_retry_seconds
        self._clock = clock
        self._offline_message: str | None = None  # set while Nominatim is taken to be out of reach
        self._offline_since = 0.0

    def lookup(self, query: str) -> dict | None:
        """{"latitude", "longitude", "address", "geo_precision"} for `query` in Pakistan, or None if unknown."""
        key = fold_name(query)
        if not key:
            return None
        if key in self._cache:
            return self._cache[key]
        offline_message = self._current_offline_message()
        if offline_message is not None:
            raise OnlineGeocodingError(offline_message)
        try:
            location = self._limited(query, exactly_one=True, country_codes="pk")
        except GeocoderQueryError as error:
            # Nominatim is there but refused this one query: the next place may well be answered.
            raise OnlineGeocodingError(
                f"Online geocoding (Nominatim) refused {query!r}: {error}. The gazetteer's answers are kept."
            ) from error
        except (GeopyError, OSError) as error:
            # Unreachable, timed out, refused for every query (blocked, over quota) or an adapter's own
            # socket error: every other place would wait for the same failure.
            # One message for every place, so an import lists it once.
            message = (
                f"Online geocoding (Nominatim) could not be reached ({error}). The machine may be offline; "
                "places the gazetteer does not know are left without coordinates and the gazetteer's "
                f"answers are kept. Nominatim is not asked again for {self.offline_retry_seconds:.0f} s."
            )
            self._offline_since = self._clock()
            self._offline_message = message
            raise OnlineGeocodingError(message) from error
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

    @property
    def is_offline(self) -> bool:
        """Nominatim could not be reached less than `offline_retry_seconds` ago: lookups fail at once."""
        return self._current_offline_message() is not None

    def forget_offline(self) -> None:
        """Ask Nominatim again at the next lookup (e.g. at the start of an import), offline or not."""
        self._offline_message = None

    def _current_offline_message(self) -> str | None:
        message = self._offline_message  # read once: the app shares one geocoder between sessions
        if message is not None and self._clock() - self._offline_since >= self.offline_retry_seconds:
            self._offline_message = None
            return None
        return message

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
