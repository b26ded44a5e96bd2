"""What reports write for actors, mapped to this project's stable actor names.

Group names come first, so "Baloch Liberation Army" is not read as the army.
Each entry: a pattern, the actor name, its kind (state, militant, unknown,
civilian, protester) and, for state forces, the associated unit to record.
Group patterns are case-sensitive where a short acronym ("IS", "FC") would
otherwise match ordinary words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from incidents.reports.text import TakenSpans

STATE, MILITANT, UNKNOWN, CIVILIAN, PROTESTER = "state", "militant", "unknown", "civilian", "protester"
MILITARY = "Military Forces of Pakistan"
POLICE = "Police Forces of Pakistan"
UNIDENTIFIED = "Unidentified Armed Group (Pakistan)"


@dataclass(frozen=True)
class ActorPattern:
    pattern: re.Pattern
    name: str
    kind: str
    associate: str = ""


def _p(regex: str, case_sensitive: bool = False) -> re.Pattern:
    return re.compile(regex, 0 if case_sensitive else re.IGNORECASE)


ACTOR_PATTERNS: tuple[ActorPattern, ...] = (
    ActorPattern(_p(r"\b(?:TTP|Tehree?k[- ]?[ei][- ]Taliban Pakistan|Pakistani Taliban)\b"), "TTP: Tehreek-i-Taliban Pakistan", MILITANT),
    ActorPattern(_p(r"\bJamaat[- ]ul[- ]Ahrar\b|\bJuA\b"), "JuA: Jamaat-ul-Ahrar", MILITANT),
    ActorPattern(_p(r"\bBLA\b|\bBaloch(?:istan)? Liberation Army\b|\bMajeed Brigade\b"), "BLA: Baloch Liberation Army", MILITANT),
    ActorPattern(_p(r"\bBLF\b|\bBaloch(?:istan)? Liberation Front\b"), "BLF: Baloch Liberation Front", MILITANT),
    ActorPattern(_p(r"\bBRAS\b|\bBaloch Raaji Aj?oi Sangar\b"), "BRAS: Baloch Raaji Aajoi Sangar", MILITANT),
    ActorPattern(_p(r"\bBRG\b|\bBaloch Republican Guards?\b"), "BRG: Baloch Republican Guards", MILITANT),
    ActorPattern(_p(r"\bBRA\b|\bBaloch Republican Army\b"), "BRA: Baloch Republican Army", MILITANT),
    ActorPattern(_p(r"\bLeJ\b|\bLashkar[- ]e[- ]Jhangvi\b"), "LeJ: Lashkar-e-Jhangvi", MILITANT),
    ActorPattern(_p(r"\b(?:IS|ISIS|ISIL|ISKP|IS-K|ISPP)\b", True), "IS: Islamic State", MILITANT),
    ActorPattern(_p(r"\bIslamic State\b|\bDaesh\b"), "IS: Islamic State", MILITANT),
    ActorPattern(_p(r"\bFrontier Corps\b|\bFC\b(?!\s*Barcelona)", False), MILITARY, STATE, "Frontier Corps"),
    ActorPattern(_p(r"\b(?:security forces|security personnel|troops|soldiers?|army|military|paramilitary|"
                    r"counter-?terrorism forces|ISPR|navy|coast guards?)\b"), MILITARY, STATE),
    ActorPattern(_p(r"\bLevies\b"), POLICE, STATE, "Levies"),
    ActorPattern(_p(r"\b(?:CTD|Counter[- ]Terrorism Department)\b"), POLICE, STATE, "Counter Terrorism Department"),
    ActorPattern(_p(r"\b(?:police(?:men|man)?|constables?|cops?)\b"), POLICE, STATE),
    ActorPattern(_p(r"\b(?:unidentified|unknown)\s+(?:gunmen|assailants|attackers|armed men|militants|men|persons)\b|"
                    r"\bgunmen\b|\bassailants\b|\barmed men\b|\bmotorcyclists\b"), UNIDENTIFIED, UNKNOWN),
    ActorPattern(_p(r"\b(?:militants?|terrorists?|insurgents?|rebels?|separatists?|miscreants)\b"), UNIDENTIFIED, UNKNOWN),
    ActorPattern(_p(r"\b(?:protesters|demonstrators|marchers|sit-in|rally)\b"), "Protesters (Pakistan)", PROTESTER),
    ActorPattern(_p(r"\b(?:civilians?|labou?rers|workers|miners|colliers|passengers|students|children|teachers|"
                    r"instructors|worshippers|devotees|shopkeepers|traders|villagers|journalists?|people|"
                    r"abductees|nationals|engineers|family|women|men|shepherds?|herders?|farmers?|schoolteacher|passers-by|shop)\b"), "Civilians (Pakistan)", CIVILIAN),

)  # fmt: skip

ASSOCIATES: tuple[tuple[re.Pattern, str], ...] = (
    (_p(r"\bBYC\b|\bBaloch Yakjehti (?:Committee|Council)\b"), "BYC: Baloch Yakjehti Committee"),
    (_p(r"\bHazara\b"), "Hazara Ethnic Group (Pakistan)"),
)

NATIONALITIES: tuple[tuple[re.Pattern, str], ...] = (
    (_p(r"\bChinese\b"), "China"),
    (_p(r"\bAfghans?\b"), "Afghanistan"),
    (_p(r"\bIranians?\b"), "Iran"),
)


@dataclass(frozen=True)
class ActorMention:
    name: str
    kind: str
    associate: str
    text: str
    start: int


def find_actors(text: str) -> list[ActorMention]:
    """Actor mentions in order; the same words are not counted twice."""
    found: list[ActorMention] = []
    taken = TakenSpans()
    for entry in ACTOR_PATTERNS:
        for match in entry.pattern.finditer(text):
            if taken.overlaps(match.start(), match.end()):
                continue
            taken.add(match.start(), match.end())
            found.append(ActorMention(entry.name, entry.kind, entry.associate, match.group(0), match.start()))
    return sorted(found, key=lambda mention: mention.start)


def civilian_name(text: str) -> str:
    """'Civilians (China)' when the victims' nationality is given, else 'Civilians (Pakistan)'."""
    for pattern, country in NATIONALITIES:
        if pattern.search(text):
            return f"Civilians ({country})"
    return "Civilians (Pakistan)"


def associates(text: str) -> list[str]:
    return [name for pattern, name in ASSOCIATES if pattern.search(text)]
