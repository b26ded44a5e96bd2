"""The offline geocoder on strings as reports write them."""

from __future__ import annotations

import pytest
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.gazetteer import Gazetteer, Place
from geo.geocoding import GazetteerGeocoder


@pytest.fixture(scope="module")
def geocoder():
    return GazetteerGeocoder()


# query, expected place, district, geo_precision
TRICKY = [
    ("Turbat", "Turbat", "Kech", 1),
    ("turbat town", "Turbat", "Kech", 1),
    ("near Turbat", "Turbat", "Kech", 2),
    ("on the outskirts of Quetta", "Quetta", "Quetta", 2),
    # Sariab Road runs through the Sariab area; GeoNames places New Sariab on it, a better "near" than the centre.
    ("Sariab Road, Quetta", "New Sariab", "Quetta", 2),
    ("Kech district", "Kech", "Kech", 3),
    ("Kech", "Kech", "Kech", 3),
    ("the Mastung area", "Mastung", "Mastung", 2),
    ("Mastung", "Mastung", "Mastung", 1),
    ("Mastung district", "Mastung", "Mastung", 3),
    ("Punjgur", "Panjgur", "Panjgur", 1),
    ("Noshki", "Nushki", "Nushki", 1),
    ("Khuzdaar", "Khuzdar", "Khuzdar", 1),
    ("Fort Sandeman", "Zhob", "Zhob", 1),
    ("Qila Saifullah", "Qila Saifullah", "Killa Saifullah", 1),
    ("Killa Abdullah", "Qila Abdullah", "Killa Abdullah", 1),
    ("Bolan", "Kachhi", "Kachhi", 3),
    ("Dhadar", "Dadhar", "Kachhi", 1),
    ("30 km from Gwadar", "Gwadar", "Gwadar", 2),
    ("Usta Mohammad", "Usta Muhammad", "Jaffarabad", 1),
    ("Hub Chowki", "Hub", "Lasbela", 1),
    ("Hub district", "Hub", "Lasbela", 3),  # a 2022 district, coded to the COD district it was cut from
    ("in Balochistan", "Balochistan", "", 3),
    ("Baluchistan province", "Balochistan", "", 3),
    # Free text as reports write it.
    ("Balochistan's Turbat", "Turbat", "Kech", 1),
    ("Turbat, Balochistan", "Turbat", "Kech", 1),
    ("Kech district's Buleda area", "Buleda", "Kech", 2),
    ("the Hoshab area of Kech district", "Hoshab", "Kech", 2),
    ("QUETTA:", "Quetta", "Quetta", 1),
    ("TURBAT, May 3 (Reuters) -", "Turbat", "Kech", 1),
    ("near the Pak-Afghan border in Chaman", "Chaman", "Chaman", 2),
    # Spellings: GeoNames writes Nok Kundi, Muslimbagh, Dalbandin.
    ("Nok Kundi", "Nokkundi", "Chagai", 1),
    ("Muslim Bagh", "Muslimbagh", "Killa Saifullah", 1),
    ("Dalbundin", "Dalbandin", "Chagai", 1),
    # A district name is the district unless a place of that name is in it.
    ("Buleda tehsil", "Buleda", "Kech", 2),
    ("Balochistan’s district Mastung", "Mastung", "Mastung", 3),
    ("Musakhail district", "Musakhel", "Musakhel", 3),
    ("Lesbella", "Lasbela", "Lasbela", 3),
    # A building or road named after its place; an aside in brackets.
    ("Sibi railway station", "Sibi", "Sibi", 2),
    ("Pakistan Gwadar Port Authority Complex", "Gwadar Port", "Gwadar", 2),  # a cited place named inside
    ("Mach (a town in Kachhi district of Pakistan's Balochistan province)", "Mach", "Kachhi", 1),
]


@pytest.mark.parametrize(("query", "place", "district", "precision"), TRICKY, ids=[row[0] for row in TRICKY])
def test_tricky_strings(geocoder, query, place, district, precision):
    resolution = geocoder.resolve(query)
    assert resolution is not None, query
    assert (resolution.place, resolution.district, resolution.geo_precision) == (place, district, precision)


@pytest.mark.parametrize(
    "query",
    ["Atlantis", "", "   ", "near", "Mand Bazaar Street 7", "Machu Picchu", "in March", "on Sunday", "in China",
     "Islamabad"],
)  # fmt: skip
def test_unknown_places_say_so(geocoder, query):
    assert geocoder.geocode(query) is None


def test_short_names_are_not_fuzzy_matched(geocoder):
    # "Mech" is one letter from "Mach": too short to guess.
    assert geocoder.resolve("Mech") is None


def test_it_is_a_geopy_geocoder_returning_locations(geocoder):
    assert isinstance(geocoder, Geocoder)
    location = geocoder.geocode("Turbat")
    assert isinstance(location, Location)
    assert location.point.latitude == pytest.approx(26.00122)
    assert location.raw["district"] == "Kech" and location.raw["geo_precision"] == 1
    assert "GeoNames" in location.raw["source"]
    assert location.address == "Turbat, Kech district, Balochistan, Pakistan"


def test_plugs_into_geopys_rate_limiter(geocoder):
    limited = RateLimiter(geocoder.geocode, min_delay_seconds=0)
    assert limited("near Zhob").raw["geo_precision"] == 2


def test_exactly_one_false_lists_every_candidate():
    twins = Gazetteer(
        (
            Place("Nal", (), "town", "Khuzdar", "", "", 27.67, 66.21, "test"),
            Place("Nal", (), "village", "Kech", "", "", 26.1, 63.1, "test"),
        )
    )
    geocoder = GazetteerGeocoder(twins)
    assert len(geocoder.geocode("Nal", exactly_one=False)) == 2
    # The row's district decides between places of one name.
    assert geocoder.geocode("Nal", district_hint="Kech").raw["district"] == "Kech"
    assert geocoder.geocode("Nal", district_hint="Khuzdar").raw["district"] == "Khuzdar"


def test_reverse_is_not_offered(geocoder):
    with pytest.raises(NotImplementedError):
        geocoder.reverse("26.0, 63.0")


def test_a_name_several_districts_share_equally_is_ambiguous_not_guessed(geocoder):
    # GeoNames has a hamlet called Dandar in Kech and one in Khuzdar, neither bigger than the other.
    assert geocoder.resolve("Dandar") is None
    assert set(geocoder.ambiguity("Dandar")) >= {"Kech", "Khuzdar"}
    assert geocoder.resolve("Dandar", district_hint="Khuzdar").district == "Khuzdar"
    assert geocoder.ambiguity("Dandar", district_hint="Khuzdar") == ()


def test_a_town_wins_over_hamlets_of_its_name(geocoder):
    # Villages elsewhere share the names of Turbat and Sui; the town is meant.
    assert geocoder.resolve("Sui").district == "Dera Bugti"
    assert geocoder.ambiguity("Sui") == ()


def test_a_fuzzy_or_hamlet_match_in_another_district_than_the_rows_is_refused(geocoder):
    assert geocoder.resolve("Hoshab", district_hint="Kech").district == "Kech"
    assert geocoder.resolve("Hoshab", district_hint="Zhob") is None
    assert geocoder.resolve("Dalbundin", district_hint="Gwadar") is None


@pytest.mark.parametrize(
    "query",
    [
        "Zehri",  # a tehsil of Khuzdar, one letter from the district Lehri: not that district
        "Mand-Pishin",  # a crossing named after two towns, one of them in Iran: not the Pishin district
    ],
)
def test_no_guess_lands_in_another_district(geocoder, query):
    resolution = geocoder.resolve(query)
    assert resolution is None or resolution.district not in ("Lehri", "Pishin"), resolution


def test_a_place_outside_the_rows_district_is_not_placed_there(geocoder):
    assert geocoder.resolve("Turbat", district_hint="Quetta") is None
    # "In Balochistan" on a row of Kech: Kech, not the provincial capital.
    assert geocoder.resolve("in Balochistan", district_hint="Kech").district == "Kech"


def test_a_district_placed_in_text_decides_between_places(geocoder):
    assert geocoder.resolve("Dandar, Kech district").district == "Kech"


def test_a_crossing_named_for_two_towns_is_the_half_in_the_rows_district(geocoder):
    for query in ("Gabd-Rimdan", "Rimdan - Gabd"):
        resolution = geocoder.resolve(query, district_hint="Gwadar")
        assert (resolution.place, resolution.district, resolution.geo_precision) == ("Gabd", "Gwadar", 2)
    mand = geocoder.resolve("Mand-Pishin", district_hint="Kech")
    assert (mand.place, mand.district) == ("Mand", "Kech")
    # Without a district nothing says which half is meant; with both halves in it, neither.
    assert geocoder.resolve("Gabd-Rimdan") is None
    assert geocoder.resolve("Turbat-Hoshab", district_hint="Kech") is None


def test_a_shortened_name_is_found_inside_a_longer_one_in_the_rows_district(geocoder):
    # GeoNames writes Sar-i-Parom; reports write Parom and Paroom. The village, not the middle
    # of the tehsil "Jaheen Parome" that shares the word.
    assert geocoder.resolve("Parom", district_hint="Panjgur").place == "Sar-i-Parom"
    paroom = geocoder.resolve("Paroom area", district_hint="Panjgur")
    assert (paroom.place, paroom.geo_precision) == ("Sar-i-Parom", 2)
    gillisar = geocoder.resolve("Gillisar checkpoint", district_hint="Kech")
    assert gillisar.place.startswith("Gilli Sar") and gillisar.geo_precision == 2
    # Only inside the district a row or the text gives.
    unhinted = geocoder.resolve("Paroom area")
    assert unhinted is None or "part of a name" not in unhinted.how


def test_generic_words_and_lower_case_words_are_not_parts_of_names(geocoder):
    # A word in many names ("Kili" hamlet, "Muhammad") says nothing about which place is meant.
    hamlets = Gazetteer(
        tuple(
            Place(f"Kili Muhammad {owner}", (), "village", "Quetta", "", "", 30.1 + index / 100, 67.0, "test")
            for index, owner in enumerate(
                ["Tahirabad", "Sulaimanzai", "Barozaiabad", "Kasimkhel", "Nasirabadi", "Jamalzai", "Rahimabad",
                 "Kakarzai", "Yasinzai", "Saifabad", "Zarkunzai", "Samalani", "Raisanabad", "Shahwanzai",
                 "Bangulzai", "Lehrizai"]
            )
        )
    )  # fmt: skip
    assert GazetteerGeocoder(hamlets).resolve("Muhammad", district_hint="Quetta") is None
    assert GazetteerGeocoder(hamlets).resolve("Tahirabad", district_hint="Quetta").place == "Kili Muhammad Tahirabad"
    # "coastal" is an adjective, not a part of "Jiwani Coastal Wetland".
    assert geocoder.resolve("coastal town of Ormara", district_hint="Gwadar").place == "Ormara"


def test_shrines_passes_and_roads_are_placed_at_their_place(geocoder):
    shrine = geocoder.resolve("Dargah Katbar Sharif", district_hint="Lehri")
    assert (shrine.place, shrine.geo_precision) == ("Katpar Sharif", 2)
    top = geocoder.resolve("Buzi Top area on the Coastal Highway", district_hint="Gwadar")
    assert (top.place, top.geo_precision) == ("Buzi", 2)
