"""How news spellings of Balochistan's places differ from GeoNames' romanisation, and what never is a place.

Reports write "Khuzdaar", "Qila Saifullah", "Nokkundi", "Muslim Bagh", "Zehri";
GeoNames (after the US GNS) writes "Khuzdar", "Killa Saifullah", "Nok Kundi",
"Muslimbagh", "Zahri". `spelling_key` maps both sides onto one key so these
meet exactly, and `consonant_skeleton` is the coarser key fuzzy matching is
restricted to, so a query is scored against a few hundred spellings, not all.
"""

from __future__ import annotations

import re
import unicodedata


def fold_name(text: str) -> str:
    """Compare names the way people misspell them: no case, accents, punctuation or double spaces."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"[^0-9a-z]+", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()


# Applied in order to a folded name (lower-case ASCII words).
_KEY_RULES: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\b(?:i|e|e i|ul|al|ur)\b", " "),  # -i-/-e- joins: Sar-i-Parom, Qila-e-Abdullah, Kalat-ul-...
        (r"kh", "k"),
        (r"gh", "g"),
        (r"([bdgjpt])h", r"\1"),  # aspirates: Dhadar / Dadar, Jhal / Jal, Wadh / Wad
        (r"q", "k"),
        (r"ph", "f"),
        (r"w", "v"),
        (r"ee|ie", "i"),
        (r"oo|ou", "u"),
        (r"aa", "a"),
        (r"ey\b|ay\b|ai\b", "i"),  # Mashkay / Mashkai, Dhadar / Dhaday
        (r"y", "i"),
        (r"\s+", ""),  # Muslim Bagh / Muslimbagh, Nok Kundi / Nokkundi
        (r"([a-z])\1+", r"\1"),  # Killa / Kila, Nokkundi / Nokundi
    )
)
_VOWELS = re.compile(r"[aeiou]")


def spelling_key(name: str) -> str:
    """A key on which the usual romanisation variants of one name are equal."""
    key = fold_name(name)
    for pattern, replacement in _KEY_RULES:
        key = pattern.sub(replacement, key)
    return key


def block_of(key: str) -> str:
    """The first two letters of a spelling key with every vowel as "a": Usta and Osta, Kachlak
    and Kuchlak fall in one block, which fuzzy matching then searches."""
    return re.sub("[aeiou]", "a", key[:2])


def consonant_skeleton(name: str) -> str:
    """The spelling key without its vowels: Zehri / Zahri, Nushki / Noshki, Dalbandin / Dalbundin agree."""
    key = spelling_key(name)
    return _VOWELS.sub("", key[1:]) if key else ""  # the first letter stays, vowel or not


# Capitalised words reports put after "in", "at", "from" that are not places in
# Balochistan, though GeoNames has a hamlet of that name or one a letter away
# ("in March" is not Mach). Months and weekdays; countries and cities outside the
# province that share a village's name; English words that are village names
# in GeoNames (from a check of the gazetteer's names against an English word
# list; real tehsils such as Hub, Drug and Nag are left out of it).
FALSE_FRIENDS: frozenset[str] = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "china", "india", "iran", "afghanistan", "lahore", "islamabad", "karachi", "kabul", "kandahar", "tehran", "peshawar", "punjab", "sindh", "baloch", "bibi", "sheikh", "shaikh", "amir", "ado", "bag", "bale", "ball", "band", "bani", "bar", "bash", "bent", "bet", "bit", "bog", "bore", "bra", "brad", "bug", "bull", "bur", "chad", "chamber", "chap", "char", "chili", "chimney", "dab", "dad", "dam", "dank", "deli", "dot", "dumb", "gait", "gird", "god", "had", "hero", "hill", "ibis", "jam", "jug", "lad", "lash", "lass", "lasso", "lop", "lope", "mall", "mango", "mast", "mat", "nadir", "obelisk", "pasta", "pat", "poi", "ray", "rind", "rod", "sank", "sari", "scheme", "sham", "shank", "shop", "sires", "tad", "tang", "tango", "tank", "tans", "tiara", "tiro", "tor", "tore", "trip", "wad", "wand", "war", "weir"]
)


def is_false_friend(name: str) -> bool:
    return fold_name(name) in FALSE_FRIENDS
