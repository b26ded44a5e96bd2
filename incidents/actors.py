"""Stable actor names in ACLED's style for the many ways sources write them.

UCDP, the GTD and news reports each name the same group differently; one
name per actor keeps the actor filter and the counts honest.
"""

from __future__ import annotations

import re

# Folded spelling (see `_fold`) -> the name this project uses.
ACTOR_ALIASES: dict[str, str] = {
    # State forces
    "government of pakistan": "Military Forces of Pakistan",
    "pakistan army": "Military Forces of Pakistan",
    "military": "Military Forces of Pakistan",
    "army": "Military Forces of Pakistan",
    "security forces": "Military Forces of Pakistan",
    "frontier corps": "Military Forces of Pakistan",
    "fc": "Military Forces of Pakistan",
    "police": "Police Forces of Pakistan",
    "levies": "Police Forces of Pakistan",
    "counter terrorism department": "Police Forces of Pakistan",
    "ctd": "Police Forces of Pakistan",
    # Baloch separatists
    "bla": "BLA: Baloch Liberation Army",
    "baloch liberation army": "BLA: Baloch Liberation Army",
    "baloch liberation army (bla)": "BLA: Baloch Liberation Army",
    "blf": "BLF: Baloch Liberation Front",
    "baloch liberation front": "BLF: Baloch Liberation Front",
    "baloch liberation front (blf)": "BLF: Baloch Liberation Front",
    "bra": "BRA: Baloch Republican Army",
    "baloch republican army": "BRA: Baloch Republican Army",
    "baloch republican army (bra)": "BRA: Baloch Republican Army",
    "bras": "BRAS: Baloch Raaji Aajoi Sangar",
    "baloch raaji aajoi sangar": "BRAS: Baloch Raaji Aajoi Sangar",
    "lashkar-e-balochistan": "LeB: Lashkar-e-Balochistan",
    "united baloch army (uba)": "UBA: United Baloch Army",
    "united baloch army": "UBA: United Baloch Army",
    "uba": "UBA: United Baloch Army",
    # Islamist groups
    "ttp": "TTP: Tehreek-i-Taliban Pakistan",
    "tehrik-i-taliban pakistan (ttp)": "TTP: Tehreek-i-Taliban Pakistan",
    "tehrik-i-taliban pakistan": "TTP: Tehreek-i-Taliban Pakistan",
    "tehreek-e-taliban pakistan": "TTP: Tehreek-i-Taliban Pakistan",
    "pakistani taliban": "TTP: Tehreek-i-Taliban Pakistan",
    "lej": "LeJ: Lashkar-e-Jhangvi",
    "lashkar-e-jhangvi": "LeJ: Lashkar-e-Jhangvi",
    "lashkar-e-jhangvi (lej)": "LeJ: Lashkar-e-Jhangvi",
    "lashkar-e-jhangvi al-alami": "LeJ: Lashkar-e-Jhangvi",
    "is": "IS: Islamic State",
    "islamic state": "IS: Islamic State",
    "daesh": "IS: Islamic State",
    "iskp": "IS: Islamic State",
    "is-k": "IS: Islamic State",
    "islamic state of iraq and the levant (isil)": "IS: Islamic State",
    "khorasan chapter of the islamic state": "IS: Islamic State",
    "is-pakistan": "IS: Islamic State",
    "jamaat-ul-ahrar": "JuA: Jamaat-ul-Ahrar",
    "jamaat-ul-ahrar (jua)": "JuA: Jamaat-ul-Ahrar",
    "tehrik-i-taliban pakistan (ttp) - jamaat-ul-ahrar": "JuA: Jamaat-ul-Ahrar",
    # Unknown and victims
    "unknown": "Unidentified Armed Group (Pakistan)",
    "unidentified gunmen": "Unidentified Armed Group (Pakistan)",
    "unknown gunmen": "Unidentified Armed Group (Pakistan)",
    "civilians": "Civilians (Pakistan)",
}


def _fold(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().lower())


def canonical_actor(name: str) -> str:
    """This project's name for an actor, or the name as written when it is not in the table."""
    if not isinstance(name, str) or not name.strip():
        return ""
    return ACTOR_ALIASES.get(_fold(name), name.strip())
