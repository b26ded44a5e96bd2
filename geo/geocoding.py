"""Offline geocoding of place names as reports write them, through geopy's interface.

`GazetteerGeocoder` is a `geopy.geocoders.base.Geocoder`: `geocode(query)`
returns a `geopy.location.Location` (or None), so it plugs into geopy's
`RateLimiter` and anything built on geopy. `Location.raw` carries the place,
its district and an ACLED-style `geo_precision`:

  1  the named town or village itself ("Turbat")
  2  near it, or part of it ("near Turbat", "Sariab Road, Quetta", "the Mastung area")
  3  only the district or province is known ("Kech district", "Balochistan"),
     placed at the district's headquarters or the provincial capital as ACLED does.

A query with no known place returns None: unknown places are never put at the
province centre.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, replace

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from rapidfuzz import fuzz, process

from geo.districts import (
    DISTRICT_ALIASES,
    DISTRICTS,
    NEW_DISTRICTS,
    PROVINCE,
    canonical_district,
    canonical_province,
)
from geo.gazetteer import (
    ABANDONED,
    CITED,
    DISTRICT_AREA,
    NEIGHBOURHOOD,
    PROVINCIAL_CAPITAL,
    TEHSIL_AREA,
    TOWN,
    VILLAGE,
    Gazetteer,
    Place,
    default_gazetteer,
    fold_name,
)
from geo.proximity import haversine_km
from geo.spelling import block_of, consonant_skeleton, is_false_friend, spelling_key

# Words that say "somewhere around here" rather than "here".
_NEAR_PATTERN = re.compile(
    r"^(?:(?:on|in|at)\s+the\s+)?(?:near(?:by)?|close to|outside|outskirts of|suburbs? of|vicinity of|"
    r"off|around|\d+\s*(?:km|kilometres|kilometers|miles)\s+(?:from|of|north of|south of|east of|west of))\s+",
    re.IGNORECASE,
)
_LEADING_FILLER = re.compile(r"^(?:in|at|of|from|the)\s+", re.IGNORECASE)
# "district Mastung", "tehsil Zehri": the word before the name, as Pakistani reports often put it.
_DISTRICT_PREFIX = re.compile(r"^district\s+", re.IGNORECASE)
_TEHSIL_PREFIX = re.compile(r"^tehsil\s+", re.IGNORECASE)
# A building, post or road named after its place: "Sibi railway station", "Uthal police station",
# "Sakran Road", "Gillisar checkpoint". When the whole is unknown, the place is meant (precision 2).
_LANDMARK_SUFFIX = re.compile(
    r"\s+(?:railway station|police station|station|hospital|check ?post|checkpoint|sector|bypass|road|"
    r"highway|bazaa?r|chowk|cross|crossing|camp|gate|post|market|press club|city|coal ?fields?|"
    r"coal ?mines?|mines?|fields?|top)$",
    re.IGNORECASE,
)
# A shrine named after its place: "Dargah Katbar Sharif" is at Katbar.
_LANDMARK_PREFIX = re.compile(r"^(?:dargah|darbar|mazar|shrine of)\s+", re.IGNORECASE)
_AREA_SUFFIX = re.compile(r"\s+(?:area|region|areas|outskirts|suburbs|vicinity)$", re.IGNORECASE)
_DISTRICT_SUFFIX = re.compile(r"\s+(?:district|division|agency)$", re.IGNORECASE)
_PROVINCE_SUFFIX = re.compile(r"\s+province$", re.IGNORECASE)
_TEHSIL_SUFFIX = re.compile(r"\s+tehsil$", re.IGNORECASE)
_TOWN_SUFFIX = re.compile(r"\s+(?:town|city|village|bazaar|bazar|tehsil)$", re.IGNORECASE)

# Short names match only exactly: "Mach" must not become "Mand".
FUZZY_MIN_LENGTH = 5
FUZZY_MIN_SCORE = 86
# Among the places of the district the row gives (tuned on the development names of
# tests/fixtures/geocoding: "Kachlak" is Kuchlagh in Quetta).
FUZZY_MIN_SCORE_IN_DISTRICT = 75
# Against the 35 district names and their aliases, which lie far apart ("Lesbella" is Lasbela).
FUZZY_MIN_SCORE_DISTRICT = 80
# A word found in this many place names or more is generic ("Kili", "Goth", "Muhammad", "Khan"):
# never matched alone as a part of a longer name.
GENERIC_WORD_MIN_NAMES = 15
# Places of one name in one district further apart than this: the point is only "near" (precision 2).
SAME_NAME_SPREAD_KM = 10

# How specific a kind of place is, best first: a name a report uses is the town,
# seat or tehsil before a hamlet of the same name; abandoned places come last.
_KIND_RANK = {
    "provincial capital": 0, "district headquarters": 0, "tehsil headquarters": 1, TOWN: 1,
    "landmark": 2, "crossing": 2, "area": 2, TEHSIL_AREA: 2, NEIGHBOURHOOD: 3, VILLAGE: 3, ABANDONED: 5,
}  # fmt: skip

# Kinds too common as names to be guessed from a word inside a longer phrase.
_NEVER_GUESSED = frozenset({VILLAGE, NEIGHBOURHOOD, ABANDONED})

# A report's dateline: "QUETTA:", "TURBAT, May 3 (Reuters) -", "GWADAR (AFP) --".
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z .'-]{1,40}?)\s*"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s*\d{4})?)?\s*"
    r"(?:\([A-Za-z. ]{2,25}\))?\s*(?::|-{1,2}|–|—)\s*"
)
# "Balochistan's Turbat", "Kech district’s Buleda area": the owner contains the place.
_POSSESSIVE = re.compile(r"['’]s\s+")
# "the Hoshab area of Kech district", "the Pak-Afghan border in Chaman", "the crossing at Chaman":
# the later part contains the earlier. "Friendship Gate near Chaman": the later part is near it.
# "Buzi Top area on the Coastal Highway": the road contains the place.
_CONTAINED_IN = re.compile(r"\s+(?:of|in|at|on)\s+|\s+(?=near\s)", re.IGNORECASE)
# An explanation in brackets, not a one-word name such as the tehsil "Kech (Turbat)".
_ASIDE = re.compile(r"\s*\([^()]*\s[^()]*\)")


@dataclass(frozen=True)
class Resolution:
    """What a query resolved to and why."""

    place: str
    district: str
    new_district: str
    latitude: float
    longitude: float
    geo_precision: int
    how: str  # exact | fuzzy | district | province
    matched: str  # the part of the query that decided it
    kind: str
    source: str
    # How good a candidate this was among places of its name (lower is better); equal
    # ranks in different districts make a name ambiguous.
    rank: tuple = ()

    def address(self) -> str:
        parts = [self.place]
        if self.district and self.district != self.place:
            parts.append(f"{self.district} district")
        parts.append(f"{PROVINCE}, Pakistan")
        return ", ".join(parts)


@dataclass(frozen=True)
class _Part:
    text: str
    near: bool
    area: bool
    district_word: bool


def _clean_part(text: str) -> _Part:
    text = re.sub(r"\s+", " ", text).strip(" .;:()")
    near = False
    while True:
        stripped = _NEAR_PATTERN.sub("", text, count=1)
        if stripped != text:
            near, text = True, stripped
            continue
        stripped = _LEADING_FILLER.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    area = bool(_AREA_SUFFIX.search(text))
    text = _AREA_SUFFIX.sub("", text)
    district_word = bool(_DISTRICT_SUFFIX.search(text) or _DISTRICT_PREFIX.search(text))
    text = _DISTRICT_PREFIX.sub("", _DISTRICT_SUFFIX.sub("", text))
    # "Buleda tehsil", "tehsil Zehri": the tehsil, an area, not its seat.
    area = area or bool(_TEHSIL_SUFFIX.search(text) or _TEHSIL_PREFIX.search(text))
    text = _TEHSIL_PREFIX.sub("", _TOWN_SUFFIX.sub("", text))
    text = _PROVINCE_SUFFIX.sub("", text)
    return _Part(text=text.strip(), near=near, area=area, district_word=district_word)


def query_parts(query: str) -> list[str]:
    """The place phrases of a query, the most specific first and what contains it after.

    "TURBAT, May 3 (Reuters) - ..." -> ["TURBAT"]; "Balochistan's Turbat" -> ["Turbat",
    "Balochistan"]; "the Hoshab area of Kech district" -> ["the Hoshab area", "Kech district"].
    """
    dateline = _DATELINE.match(query)
    if dateline and (dateline.group("place").isupper() or "(" in dateline.group(0)):
        query = dateline.group("place")
    parts = []
    # "Mach (a town in Kachhi district)": the aside explains, the name comes first.
    query = _ASIDE.sub("", query)
    for piece in re.split(r"[,;/]|\s+[-–—]+\s+", query):
        for contained in _CONTAINED_IN.split(piece):
            # "A's B's C" -> C, B, A: the possessed thing is the more specific.
            parts += reversed(_POSSESSIVE.split(contained))
    return [part for part in parts if part.strip()]


class GazetteerGeocoder(Geocoder):
    """geopy geocoder over the project's gazetteer; never touches the network."""

    def __init__(self, gazetteer: Gazetteer | None = None, fuzzy_min_score: int = FUZZY_MIN_SCORE):
        super().__init__()
        self.gazetteer = gazetteer or default_gazetteer()
        self.fuzzy_min_score = fuzzy_min_score
        # Spelling keys (geo.spelling) for variant spellings, and the keys by block and by
        # district: fuzzy scoring then looks at a few hundred spellings, not all of them.
        self._by_key: dict[str, list[Place]] = {}
        for spelling in self.gazetteer.spellings():
            bucket = self._by_key.setdefault(spelling_key(spelling), [])
            bucket += [place for place in self.gazetteer.exact(spelling) if place not in bucket]
        self._keys_by_block: dict[str, list[str]] = {}
        self._keys_by_district: dict[str, list[str]] = {}
        for key, places in self._by_key.items():
            self._keys_by_block.setdefault(block_of(key), []).append(key)
            for district in {place.district for place in places}:
                self._keys_by_district.setdefault(district, []).append(key)
        self._by_skeleton: dict[str, list[Place]] = {}
        for places in self._by_key.values():
            for place in places:
                for spelling in place.spellings:
                    bucket = self._by_skeleton.setdefault(consonant_skeleton(spelling), [])
                    if place not in bucket:
                        bucket.append(place)
        word_counts = Counter(word for place in self.gazetteer.places for word in set(fold_name(place.name).split()))
        self._generic_words = frozenset(word for word, count in word_counts.items() if count >= GENERIC_WORD_MIN_NAMES)
        self._runs_by_district: dict[str, dict[str, list[Place]]] = {}
        self._district_keys = {spelling_key(name): name for name in DISTRICTS}
        self._district_keys.update({spelling_key(alias): name for alias, name in DISTRICT_ALIASES.items()})
        self._district_keys_by_block: dict[str, list[str]] = {}
        for key in self._district_keys:
            self._district_keys_by_block.setdefault(block_of(key), []).append(key)

    # geopy's interface -------------------------------------------------
    def geocode(self, query, *, exactly_one=True, timeout=None, district_hint: str | None = None):
        """Location for `query`, or None. `district_hint` (e.g. a row's admin2) breaks ties."""
        resolutions = self.resolve_all(str(query or ""), district_hint=district_hint)
        locations = [self._location(resolution) for resolution in resolutions]
        if not locations:
            return None
        return locations[0] if exactly_one else locations

    def reverse(self, query, *, exactly_one=True, timeout=None):
        raise NotImplementedError(
            "The gazetteer geocoder only geocodes names; use the district lookup for points."
        )

    # the work --------------------------------------------------------
    def resolve(self, query: str, district_hint: str | None = None) -> Resolution | None:
        """The best place for `query`, or None when none is known or several are equally good."""
        found = self.resolve_all(query, district_hint)
        if not found or ambiguous_districts(found):
            return None
        return found[0]

    def ambiguity(self, query: str, district_hint: str | None = None) -> tuple[str, ...]:
        """The districts of equally good places of this name ("Dandar": Kech, Panjgur), or ()."""
        return ambiguous_districts(self.resolve_all(query, district_hint))

    def resolve_all(self, query: str, district_hint: str | None = None) -> list[Resolution]:
        """Candidates for `query`, best first: the most specific part of the query that is known.

        A district named by the row (`district_hint`) or by a containing part of the
        query ("Buleda, Kech district") decides between places of one name.
        """
        parts = [_clean_part(part) for part in query_parts(query)]
        parts = [part for part in parts if part.text]
        hint = canonical_district(district_hint or "") if district_hint else None
        if hint is None:
            hint = next(
                (canonical_district(part.text) for part in parts[1:] if canonical_district(part.text)), None
            )
        row_district = canonical_district(district_hint or "") if district_hint else None
        for position, part in enumerate(parts):
            # An unknown, more specific part came first ("Sariab Road, Quetta"): part of the place.
            inside_unknown = position > 0
            candidates = self._resolve_part(part, hint)
            if row_district:
                candidates = self._within(candidates, row_district)
            if candidates:
                if inside_unknown:
                    candidates = [_at_least(resolution, 2) for resolution in candidates]
                return candidates
        return []

    def _within(self, candidates: list[Resolution], district: str) -> list[Resolution]:
        """Only places in the row's district: a name that lies elsewhere is not placed there
        silently ("Turbat" on a row of Quetta). "In Balochistan" on such a row is its district."""
        if candidates and candidates[0].how == "province":
            return self._district(district, candidates[0].matched)
        return [
            candidate for candidate in candidates
            if candidate.district == district or candidate.new_district == district
            or (candidate.how == "district" and candidate.place == district)
        ]  # fmt: skip

    def _resolve_part(self, part: _Part, hint: str | None) -> list[Resolution]:
        found = self._resolve_name(part, hint, fuzzy=False)
        if found:
            return found
        # "Sibi railway station", "Sakran Road": unknown as a whole, the place it is named after;
        # tried before guessing at the whole ("Sariab Road" is not a misspelt Mariabad).
        shorter = _LANDMARK_PREFIX.sub("", _LANDMARK_SUFFIX.sub("", part.text))
        if shorter != part.text and shorter:
            found = self._resolve_name(replace(part, text=shorter), hint)
            if found:
                return [_at_least(resolution, 2) for resolution in found]
            # never a fuzzy guess at "X Road" as a whole
            return self._named_inside(part, hint) or self._part_of_a_name(replace(part, text=shorter), hint)
        return self._resolve_name(part, hint) or self._named_inside(part, hint) or self._part_of_a_name(part, hint)

    def _named_inside(self, part: _Part, hint: str | None) -> list[Resolution]:
        """A town, seat or tehsil named inside an unknown phrase ("Pakistan Gwadar Port Authority
        Complex", the crossing "Gabd-Rimdan"): that place, at precision 2. Hamlets are never
        guessed this way: too many names are also words."""
        # Words, not the halves of a hyphenated name: "Mand-Pishin" is a crossing, not Pishin.
        words = part.text.split()
        for length in range(len(words) - 1, 0, -1):
            for start in range(len(words) - length + 1):
                phrase = " ".join(words[start : start + length])
                if len(phrase) < 3 or not phrase[0].isupper():
                    continue
                found = [
                    resolution for resolution in self._resolve_name(replace(part, text=phrase), hint)
                    if resolution.how != "fuzzy" and resolution.kind not in _NEVER_GUESSED
                ]  # fmt: skip
                if found:
                    return [_at_least(resolution, 2) for resolution in found]
        return self._half_of_a_crossing(part, hint)

    def _half_of_a_crossing(self, part: _Part, hint: str | None) -> list[Resolution]:
        """A border crossing named for the towns on both sides ("Gabd-Rimdan", "Mand-Pishin"):
        the half that is a place in the district the row or the text gives, at precision 2.
        Without that district nothing is guessed: "Pishin" is also a district elsewhere."""
        halves = [half.strip() for half in re.split(r"\s*-\s*", part.text) if half.strip()]
        if not hint or len(halves) != 2:
            return []
        inside = [
            [resolution for resolution in self._resolve_name(replace(part, text=half), hint, fuzzy=False)
             if resolution.district == hint or resolution.new_district == hint]
            for half in halves
        ]  # fmt: skip
        found = [candidates for candidates in inside if candidates]
        if len(found) != 1:
            return []  # neither half, or both, lie in the district: no way to tell
        return [_at_least(resolution, 2) for resolution in found[0]]

    def _part_of_a_name(self, part: _Part, hint: str | None) -> list[Resolution]:
        """A name reports shorten from a longer one in the district given: "Parom" for the
        village Sar-i-Parom, "Gillisar" for Gilli Sar Bhaut Bazar. The words must not be generic
        ("Kili", "Khan"), and the match is only near the place (precision 2)."""
        key = spelling_key(part.text)
        if not hint or len(key) < FUZZY_MIN_LENGTH or not part.text[0].isupper() or is_false_friend(part.text):
            return []
        runs = self._name_runs(hint)
        match = process.extractOne(key, list(runs), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE_IN_DISTRICT)
        if match is None:
            return []
        places = sorted(runs[match[0]], key=_rank)
        # A tehsil named like a village in it ("Jaheen Parome", "Sar-i-Parom"): the village is
        # the tehsil's namesake, a better point than the middle of the tehsil's polygon.
        areas = {place.name for place in places if place.kind == TEHSIL_AREA}
        settlements = [place for place in places if place.kind != TEHSIL_AREA and place.tehsil in areas]
        places = settlements or places
        how = "part of a name" if match[1] == 100 else "fuzzy part of a name"
        return [self._resolution(place, 2, how, part.text, _rank(place)) for place in places]

    def _name_runs(self, district: str) -> dict[str, list[Place]]:
        """Spelling keys of each run of consecutive words in the names of a district's places."""
        if district not in self._runs_by_district:
            runs: dict[str, list[Place]] = {}
            for place in self.gazetteer.places:
                if place.district != district and place.new_district != district:
                    continue
                for spelling in place.spellings:
                    words = fold_name(spelling).split()
                    for start in range(len(words)):
                        for end in range(start + 1, len(words) + 1):
                            run = words[start:end]
                            if all(word in self._generic_words or len(word) < 3 for word in run):
                                continue
                            bucket = runs.setdefault(spelling_key(" ".join(run)), [])
                            if place not in bucket:
                                bucket.append(place)
            self._runs_by_district[district] = runs
        return self._runs_by_district[district]

    def _resolve_name(self, part: _Part, hint: str | None, fuzzy: bool = True) -> list[Resolution]:
        folded = fold_name(part.text)
        precision = 2 if (part.near or part.area) else 1
        district = self._district_named(part.text)
        if district and part.district_word:
            return self._district(district, part.text)
        new_district = next((name for name in NEW_DISTRICTS if fold_name(name) == folded), None)
        if new_district and part.district_word:
            # "Hub district": placed at its headquarters, coded to the 2022 district it was cut from.
            return [_at_least(resolution, 3) for resolution in self._district(new_district, part.text)]
        elsewhere = hint and district != hint and any(place.district == hint for place in self.gazetteer.exact(part.text))
        if district and not elsewhere:
            # A district's name: its town of that name ("Punjgur", "Noshki" spell Panjgur's and
            # Nushki's), else the district itself ("Kech"; "Lehri", though hamlets elsewhere share it).
            named = [
                *self.gazetteer.exact(part.text), *self.gazetteer.exact(district),
                *self._by_key.get(spelling_key(part.text), ()), *self._by_key.get(spelling_key(district), ()),
            ]  # fmt: skip
            towns = sorted(
                (
                    place for place in named
                    if place.district == district and _could_be_the_districts_town(place, part.text, district)
                ),
                key=_rank,
            )
            if towns:
                town = towns[0]
                how = "exact" if fold_name(town.name) == folded else "alias"
                town_precision = max(precision, 2) if town.kind == TEHSIL_AREA else precision
                return [self._resolution(town, town_precision, how, part.text, _rank(town))]
            return self._district(district, part.text)
        if canonical_province(part.text):
            return self._province(part.text)
        if is_false_friend(part.text):
            return []  # "in March" is a month, not Mach
        places, how = self._places_named(part.text, hint, fuzzy)
        if not places:
            return []
        if hint:
            in_hint = [place for place in places if place.district == hint or place.new_district == hint]
            if in_hint:
                places = in_hint
            elif how != "exact" or not any(place.origin == CITED or place.kind == TOWN for place in places):
                # A guessed spelling, or a hamlet, in another district than the row's: not this place.
                return []
        places = sorted(places, key=_rank)
        if places[0].kind == TEHSIL_AREA:
            # The tehsil's seat, spelled another way ("Zehri" tehsil, the town GeoNames calls
            # Zahri), is a better point than the middle of the tehsil's polygon.
            seats = [
                place for place in self._by_skeleton.get(consonant_skeleton(part.text), ())
                if place.district == places[0].district and place.kind != TEHSIL_AREA
            ]  # fmt: skip
            if seats:
                places, how = sorted(seats, key=_rank), "spelling"
        spread = _same_district_spread(places)
        resolutions = []
        for place in places:
            place_precision = precision
            if place.kind == TEHSIL_AREA or spread.get(place.district, 0) > SAME_NAME_SPREAD_KM:
                # A tehsil read off its polygon is an area; so is a name several far-apart villages share.
                place_precision = max(precision, 2)
            resolutions.append(self._resolution(place, place_precision, how, part.text, _rank(place)))
        return resolutions

    def _district_named(self, text: str) -> str | None:
        """The district `text` names, however spelled ("Musakhail", "Lesbella", "Naseer Abad"), or None."""
        district = canonical_district(text)
        if district or is_false_friend(text):
            return district
        key = spelling_key(text)
        if key in self._district_keys:
            return self._district_keys[key]
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        # Only names that start alike: "Zehri" is a tehsil of Khuzdar, not a misspelt Lehri.
        same_block = self._district_keys_by_block.get(block_of(key), ())
        match = process.extractOne(key, same_block, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE_DISTRICT)
        return self._district_keys[match[0]] if match else None

    def _places_named(self, text: str, hint: str | None = None, fuzzy: bool = True) -> tuple[list[Place], str]:
        """Places spelled `text`: exactly, as a spelling variant, then (long names) fuzzily.

        Fuzzy matching looks in the key's block (geo.spelling.block_of) everywhere, and,
        when the row gives a district, among that district's places with a lower bar:
        a near spelling of a place in the right district is likelier than a typo.
        """
        places = self.gazetteer.exact(text)
        if places:
            return places, "exact"
        key = spelling_key(text)
        if key in self._by_key:
            return list(self._by_key[key]), "spelling"
        if len(key) < FUZZY_MIN_LENGTH or not fuzzy:
            return [], ""
        if hint and hint in self._keys_by_district:
            match = process.extractOne(
                key, self._keys_by_district[hint], scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE_IN_DISTRICT
            )
            if match:
                return [place for place in self._by_key[match[0]] if place.district == hint], "fuzzy"
        match = process.extractOne(
            key, self._keys_by_block.get(block_of(key), ()), scorer=fuzz.ratio, score_cutoff=self.fuzzy_min_score
        )
        if match is None:
            return [], ""
        return list(self._by_key[match[0]]), "fuzzy"

    def _district(self, district: str, matched: str) -> list[Resolution]:
        headquarters = self.gazetteer.headquarters(district)
        if headquarters is None:
            return []
        return [
            Resolution(
                place=district, district=headquarters.district, new_district=headquarters.new_district,
                latitude=headquarters.latitude, longitude=headquarters.longitude,
                geo_precision=3, how="district", matched=matched,
                kind=(
                    "district (placed at an interior point of its polygon)" if headquarters.kind == DISTRICT_AREA
                    else f"district (placed at its headquarters, {headquarters.name})"
                ),
                source=headquarters.source,
            )
        ]  # fmt: skip

    def _province(self, matched: str) -> list[Resolution]:
        capital = self.gazetteer.by_name(PROVINCIAL_CAPITAL)
        if capital is None:
            return []
        return [
            Resolution(
                place=PROVINCE, district="", new_district="",
                latitude=capital.latitude, longitude=capital.longitude,
                geo_precision=3, how="province", matched=matched,
                kind="province (placed at its capital, Quetta)", source=capital.source,
            )
        ]  # fmt: skip

    @staticmethod
    def _resolution(place: Place, precision: int, how: str, matched: str, rank: tuple = ()) -> Resolution:
        return Resolution(
            place=place.name, district=place.district, new_district=place.new_district,
            latitude=place.latitude, longitude=place.longitude, geo_precision=precision,
            how=how, matched=matched, kind=place.kind, source=place.source, rank=rank,
        )  # fmt: skip

    @staticmethod
    def _location(resolution: Resolution) -> Location:
        return Location(resolution.address(), (resolution.latitude, resolution.longitude), asdict(resolution))


def _rank(place: Place) -> tuple:
    """Cited places, then towns and seats before hamlets, abandoned places last; then the larger."""
    return (_KIND_RANK.get(place.kind, 2), place.origin != CITED, -place.population)


def _could_be_the_districts_town(place: Place, text: str, district: str) -> bool:
    """A cited place, a town, a tehsil, or a place whose own name is the district's; not a
    hamlet that lists the district's name among its alternates."""
    if place.origin == CITED or place.kind in (TOWN, TEHSIL_AREA):
        return True
    return spelling_key(place.name) in (spelling_key(text), spelling_key(district))


def _same_district_spread(places: list[Place]) -> dict[str, float]:
    """For each district, the greatest distance between two places of this name in it (km)."""
    spread: dict[str, float] = {}
    by_district: dict[str, list[Place]] = {}
    for place in places:
        by_district.setdefault(place.district, []).append(place)
    for district, same in by_district.items():
        if len(same) > 1:
            first = same[0]
            spread[district] = max(
                float(haversine_km(first.latitude, first.longitude, other.latitude, other.longitude))
                for other in same[1:]
            )
    return spread


def ambiguous_districts(candidates: list[Resolution]) -> tuple[str, ...]:
    """Districts of the candidates as good as the best, when there are several; else ()."""
    if len(candidates) < 2 or not candidates[0].rank:
        return ()
    best = [candidate for candidate in candidates if candidate.rank == candidates[0].rank]
    districts = tuple(dict.fromkeys(candidate.district for candidate in best))
    return districts if len(districts) > 1 else ()


def _at_least(resolution: Resolution, precision: int) -> Resolution:
    if resolution.geo_precision >= precision:
        return resolution
    return Resolution(**{**asdict(resolution), "geo_precision": precision})
