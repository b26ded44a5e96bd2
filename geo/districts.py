"""Balochistan's districts and the many spellings sources use for them.

Canonical names follow the OCHA COD-AB 2022 district set, so a district is one
filter value whatever spelling an ACLED, UCDP or GTD file used.
"""

from __future__ import annotations

import re

DISTRICTS: tuple[str, ...] = (
    "Awaran", "Barkhan", "Chagai", "Chaman", "Dera Bugti", "Duki", "Gwadar",
    "Harnai", "Jaffarabad", "Jhal Magsi", "Kachhi", "Kalat", "Kech", "Kharan",
    "Khuzdar", "Killa Abdullah", "Killa Saifullah", "Kohlu", "Lasbela", "Lehri",
    "Loralai", "Mastung", "Musakhel", "Nasirabad", "Nushki", "Panjgur", "Pishin",
    "Quetta", "Shaheed Sikandarabad", "Sherani", "Sibi", "Sohbatpur", "Washuk",
    "Zhob", "Ziarat",
)  # fmt: skip

# Other spellings -> canonical district. Keys are compared after `_fold`.
DISTRICT_ALIASES: dict[str, str] = {
    "turbat": "Kech",
    "kech turbat": "Kech",
    "kech (turbat)": "Kech",
    "las bela": "Lasbela",
    "lasbella": "Lasbela",
    "las bella": "Lasbela",
    "bolan": "Kachhi",
    "kachhi bolan": "Kachhi",
    "kachhi (bolan)": "Kachhi",
    "kachi": "Kachhi",
    "qila abdullah": "Killa Abdullah",
    "qilla abdullah": "Killa Abdullah",
    "killa abdulla": "Killa Abdullah",
    "qila saifullah": "Killa Saifullah",
    "qilla saifullah": "Killa Saifullah",
    "musa khel": "Musakhel",
    "musa khel bazar": "Musakhel",
    "musakhel bazar": "Musakhel",
    "kholu": "Kohlu",
    "jafarabad": "Jaffarabad",
    "jafferabad": "Jaffarabad",
    "naseerabad": "Nasirabad",
    "nasirabad (tamboo)": "Nasirabad",
    "surab": "Shaheed Sikandarabad",
    "sikandarabad": "Shaheed Sikandarabad",
    "punjgur": "Panjgur",
    "sibbi": "Sibi",
    "shaal": "Quetta",
    "noshki": "Nushki",
    "nushki": "Nushki",
    "dera bughti": "Dera Bugti",
    "jhal magsi": "Jhal Magsi",
    "chagai (dalbandin)": "Chagai",
    "chaghi": "Chagai",
    "washuk (basima)": "Washuk",
    "kila abdullah": "Killa Abdullah",
    "kila saifullah": "Killa Saifullah",
    "duki (loralai)": "Duki",
}

# Districts created after the COD 2022 set, and the 2022 district each was cut from.
# Boundaries, filters and admin2 stay on the 2022 set; the gazetteer marks their places.
NEW_DISTRICTS: dict[str, str] = {"Hub": "Lasbela", "Usta Muhammad": "Jaffarabad"}

# Names of the province itself as sources spell it.
PROVINCE = "Balochistan"
PROVINCE_ALIASES: frozenset[str] = frozenset(
    {"balochistan", "baluchistan", "bolochistan", "balochisan", "beluchistan"}
)

_FOLDED_DISTRICTS = {re.sub(r"\s+", " ", name.lower()): name for name in DISTRICTS}


def _fold(name: str) -> str:
    """Lower-case, trim, collapse spaces and drop a trailing 'district'."""
    folded = re.sub(r"\s+", " ", name.strip().lower())
    folded = re.sub(r"\s+district$", "", folded)
    return folded


def canonical_district(name: str) -> str | None:
    """The COD 2022 name of a district spelled any known way, else None."""
    if not isinstance(name, str) or not name.strip():
        return None
    folded = _fold(name)
    if folded in _FOLDED_DISTRICTS:
        return _FOLDED_DISTRICTS[folded]
    if folded in DISTRICT_ALIASES:
        return DISTRICT_ALIASES[folded]
    without_brackets = re.sub(r"\s*\(.*\)$", "", folded)
    if without_brackets != folded:
        return canonical_district(without_brackets)
    return None


def canonical_province(name: str) -> str | None:
    """'Balochistan' for any of its spellings, else None."""
    if isinstance(name, str) and _fold(name) in PROVINCE_ALIASES:
        return PROVINCE
    return None
