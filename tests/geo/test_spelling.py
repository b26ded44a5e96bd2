"""News spellings meet GeoNames' romanisation; months, weekdays and foreign capitals are never places."""

from __future__ import annotations

import pytest

from geo.spelling import consonant_skeleton, is_false_friend, spelling_key

SAME_PLACE = [
    ("Khuzdaar", "Khuzdar"),
    ("Qila Saifullah", "Killa Saifullah"),
    ("Nokkundi", "Nok Kundi"),
    ("Muslim Bagh", "Muslimbagh"),
    ("Mashkay", "Mashkai"),
    ("Sar-i-Parom", "Sar Parom"),
    ("Punjgoor", "Punjgur"),
]


@pytest.mark.parametrize(("news", "gazetteer"), SAME_PLACE, ids=[pair[0] for pair in SAME_PLACE])
def test_variant_spellings_share_a_key(news, gazetteer):
    assert spelling_key(news) == spelling_key(gazetteer)


@pytest.mark.parametrize(("left", "right"), [("Zehri", "Zahri"), ("Nushki", "Noshki"), ("Dalbandin", "Dalbundin")])
def test_vowel_variants_share_a_skeleton(left, right):
    assert consonant_skeleton(left) == consonant_skeleton(right)


@pytest.mark.parametrize(("left", "right"), [("Mach", "Mand"), ("Turbat", "Tump"), ("Kalat", "Kohlu")])
def test_different_places_keep_different_keys(left, right):
    assert spelling_key(left) != spelling_key(right)


@pytest.mark.parametrize("word", ["March", "sunday", "China", "Islamabad", "KARACHI", "God"])
def test_false_friends(word):
    assert is_false_friend(word)


@pytest.mark.parametrize("place", ["Mach", "Hub", "Drug", "Nag", "Turbat"])
def test_real_places_are_not_false_friends(place):
    assert not is_false_friend(place)
