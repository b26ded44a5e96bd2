"""Propose incidents from a report: typed, dated, placed, with the words that decided each field.

The reading is rule-based and explainable, sentence by sentence:

1. Sentences that speak of violence in general ("in recent months", "for
   decades", "have been waging") are background, never incidents.
2. Each remaining sentence is searched for event triggers (a suicide bomber, a
   raid, a kidnapping, a protest ...). A trigger proposes an incident of an ACLED
   event and sub-event type; ACLED's precedence decides between triggers of one
   incident (suicide bomb over IED; a raid with an exchange of fire is an armed
   clash; an abductee later killed is an attack).
3. A trigger of the same event type as an earlier incident, with no other place
   or date of its own, adds to that incident instead of proposing a new one
   ("the operation in Mastung" is the raid already proposed).
4. Place, date and counts are taken from the trigger's own clause first, then
   from the incident's other sentences; actors from all its sentences.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Protocol

import pandas as pd

from geo.geocoding import GazetteerGeocoder, Resolution
from incidents.dedup import find_duplicates
from incidents.errors import ReportTooLongError
from incidents.reports import mentions
from incidents.reports.dates import DateMention, find_dates
from incidents.reports.numbers import COUNT, parse_count
from incidents.reports.text import Sentence, html_to_text, looks_like_html, normalise, split_sentences
from incidents.schema import CANONICAL_COLUMNS

# Extra columns of a proposal, after the canonical ones.
PROPOSAL_COLUMNS = ("evidence", "report_sentences", "is_claim", "duplicate_of", "report_sha256")

# The most text one report may have. A news report runs to 500-1,500 words and a long feature or
# investigation to 10,000 (about 60,000 characters); 200,000 characters (about 33,000 words, a short
# book) is more than any single report, so a longer text is several reports or a whole site pasted
# at once, whose many hundreds of proposals could not be reviewed on one page anyway. Up to here
# reading takes about a second, and about two for a text that is one run-on sentence
# (benchmarks/bench_reports.py); the limit is about review, not speed.
MAX_REPORT_CHARACTERS = 200_000
# The most an HTML file may weigh before its text is taken out: a news page's scripts, styles and
# menus are often ten times its text, but reading 5,000,000 characters of markup already takes
# about half a second.
MAX_REPORT_FILE_CHARACTERS = 5_000_000

BACKGROUND = re.compile(
    r"\b(?:in recent (?:months|weeks|years)|recently|for decades|for years|over the years|in the past|"
    r"have been waging|has been waging|since \d{4}|every year|in last many years|low-level insurgency)\b",
    re.IGNORECASE,
)
# The event itself is only claimed ("alleged", "claimed that ..."), not a group claiming responsibility.
CLAIM = re.compile(
    r"\b(?:alleged(?:ly)?|claimed(?:\s+on\s+\w+)?\s+that|claims?\s+(?:that|of)|an assertion)\b", re.IGNORECASE
)
# Sentences that attribute an attack to a group.
ATTRIBUTION = re.compile(
    r"\b(?:claimed|claim of|responsib|blamed|was behind|were behind|accused)\b", re.IGNORECASE
)
# "police said", "officials told": the source of the report, not an actor in it.
REPORTING_SOURCE = re.compile(
    r"\b(?:the\s+)?(?:police|officials?|(?:the\s+)?military|(?:the\s+)?army|Levies(?:\s+officials)?|security officials|"
    r"railway officials|ISPR|government)\s+(?:said|say|says|told|confirmed|added)\b",
    re.IGNORECASE,
)
# A sentence that refers back to the incident just told ("The abductees ...", "the base").
BACK_REFERENCE = re.compile(
    r"^(?:These|Those|He|She|They|It|His|Her|Their)\b|\bthe (?:base|hideout|cave|attack|blast|raid|operation|victims|"
    r"abductees|hostages|bodies|bomber|militants|attackers|assailants|injured|deceased|explosion|protesters)\b",
    re.IGNORECASE,
)
DEFINITE = re.compile(r"\b(?:the|this|that)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
REPORTING = re.compile(r"\b(?:statement|said|says|told|reported|announced|added|confirmed)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Trigger:
    event_type: str
    sub_event_type: str
    pattern: re.Pattern
    family: str  # triggers of one family describe one incident
    rank: int  # ACLED precedence within a family: lower wins
    state_acts: bool = False  # the state is actor 1 (raids, operations, arrests)


def _t(event_type, sub_event_type, regex, family, rank, state_acts=False) -> Trigger:
    return Trigger(event_type, sub_event_type, re.compile(regex, re.IGNORECASE), family, rank, state_acts)


TRIGGERS: tuple[Trigger, ...] = (
    _t("Explosions/Remote violence", "Air/drone strike",
       r"\b(?:gunship(?:\s+helicopters?)?|helicopter gunships?|air ?strikes?|drone strikes?|jets? (?:bombed|pounded)|aerial bombardment)\b",
       "air", 0, True),
    _t("Explosions/Remote violence", "Suicide bomb", r"\bsuicide (?:bomb(?:er|ing)?s?|attack(?:er)?s?|blast|vest)\b", "blast", 0),
    _t("Explosions/Remote violence", "Grenade", r"\bgrenades?\b", "blast", 2),
    _t("Explosions/Remote violence", "Remote explosive/landmine/IED",
       r"\b(?:IEDs?|improvised explosive|roadside bomb|landmines?|remote[- ]controlled (?:bomb|device)|bomb (?:blast|explosion)|"
       r"car bomb|blast|explosion|exploded|bombing|blew up|explosives? (?:[\w-]+\s+){0,8}?(?:went off|exploded|detonated))\b", "blast", 1),
    _t("Explosions/Remote violence", "Shelling/artillery/missile attack", r"\b(?:shelling|mortars?|rockets? (?:fired|attack))\b", "blast", 3),
    _t("Violence against civilians", "Abduction/forced disappearance",
       r"\b(?:kidnapp(?:ed|ing)|abduct(?:ed|ion|ees?)|taken hostage|forcibly disappeared|enforced disappearance|went missing)\b",
       "abduction", 0),
    _t("Battles", "Armed clash",
       r"\b(?:raid(?:ed)?|operation|gunfight|gun battle|exchange of fire|firefight|shoot-?out|clash(?:ed|es)?|encounter|"
       r"ambush(?:ed)?|stormed|attacked (?:a |an |the )?(?:check ?post|camp|convoy|post|security)|"
       r"destroyed (?:\w+\s+){0,5}(?:stronghold|hideout|base|camp))\b", "battle", 0),
    _t("Violence against civilians", "Attack",
       r"\b(?:shot dead|gunned down|opened fire on|sprayed bullets|killed (?:\w+ )?(?:labou?rers|passengers|civilians|workers|miners))\b",
       "attack", 0),
    _t("Protests", "Peaceful protest",
       r"\b(?:protest(?:ed|ers|ing|s)?|sit-in|demonstrat(?:ion|ors|ed)|rall(?:y|ies)|marched|long march|shutter[- ]down|wheel[- ]jam)\b",
       "protest", 0),
    _t("Strategic developments", "Arrests", r"\b(?:arrested|detained|taken into custody|rounded up)\b", "arrest", 0, True),
    _t("Strategic developments", "Change to group/activity", r"\b(?:surrendered|laid down (?:their )?arms)\b", "surrender", 0),
)  # fmt: skip

PROTEST_FORCE = re.compile(
    r"\b(?:fired (?:on|at) (?:the )?protesters|killed (?:\w+ )?protesters|live (?:fire|ammunition))\b",
    re.IGNORECASE,
)
PROTEST_INTERVENTION = re.compile(
    r"\b(?:tear ?gas|baton|lathi|dispersed|water cannon|baton-charged)\b", re.IGNORECASE
)
PROTEST_RIOT = re.compile(
    r"\b(?:torched|set fire to|set (?:\w+ )?(?:on fire|ablaze)|pelted|hurled stones|stoned|stormed|ransacked)\b",
    re.IGNORECASE,
)
EXCHANGE_OF_FIRE = re.compile(
    r"\b(?:gunfight|gun battle|exchange of fire|firefight|shoot-?out|clash|returned fire|retaliat)",
    re.IGNORECASE,
)

_VICTIMS = r"(?:people|persons|soldiers|troops|personnel|militants|terrorists|insurgents|civilians|policemen|labou?rers|workers|miners|passengers|children|students|men|women|worshippers|others)"
# Up to eight words between a count and its verb, never across another casualty word.
_WORDS = r"(?:(?!(?:killed|dead|died|and|wounded|injured|hurt)\b)[\w'\"-]+,?\s+){0,8}?"
FATALITY_PATTERNS = (
    # "two Levies personnel and three attackers were killed": both counts.
    re.compile(
        rf"\b(?P<count>{COUNT})\s+{_WORDS}and\s+(?P<count2>{COUNT})\s+{_WORDS}(?:were|had been)?\s*(?:killed|dead|martyred)\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?:killing|killed|kills|left|leaving|claimed the lives of|shot dead|gunned down|bodies of)\s+(?:at least\s+)?(?P<count>{COUNT})\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:killing|killed|shot dead)\s+(?P<count>an?)\s+(?!dozen|few|number|couple)[a-z]+", re.IGNORECASE
    ),
    re.compile(
        rf"\b(?P<count>{COUNT})\s+{_WORDS}(?:were|was|have been|had been)?\s*(?:killed|dead|died|martyred|shot dead|gunned down|lost their lives)\b",
        re.IGNORECASE,
    ),
    re.compile(rf"\bdeath toll (?:\w+\s+){{0,3}}(?:to|at|of)\s+(?P<count>{COUNT})\b", re.IGNORECASE),
)
INJURY_PATTERNS = (
    re.compile(
        rf"\b(?:injuring|injured|wounding|wounded|hurting)\s+(?:at least\s+)?(?P<count>{COUNT})\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?P<count>{COUNT})\s+{_WORDS}(?:were|was|have been)?\s*(?:injured|wounded|hurt)\b", re.IGNORECASE
    ),
)
NO_CASUALTIES = re.compile(
    r"\bno (?:casualties|one was (?:hurt|injured|killed)|loss of life)\b", re.IGNORECASE
)
# "Sariab Road in Quetta": a named part of the town, so near/part of it (precision 2).
SUB_PLACE = re.compile(
    r"\b[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*\s+(?:Road|Bazaar|Bazar|Market|Chowk|Colony|Street|Square|Press Club|Town|Hospital|Stadium)\s+(?:in|of)\s+$"
)
DURATION = re.compile(
    rf"\blasted (?:for )?(?P<count>{COUNT}) days\b|\bfor (?:the )?past (?P<past>{COUNT}) days\b",
    re.IGNORECASE,
)
PLACE_MENTION = re.compile(
    r"\b(?:in|near|at|from|outside|around|of|on the outskirts of|to)\s+(?:the\s+)?(?:hilly\s+|remote\s+|restive\s+)?"
    r"(?P<place>(?:[A-Z][\w'-]+)(?:\s+(?:[A-Z][\w'-]+|district|area|tehsil))*"
    # "the Pir Koh area of Dera Bugti district": the district that holds the place goes along.
    r"(?:\s+(?:of|in)\s+(?:[A-Z][\w'-]+\s+)+district)?)"
)


@dataclass
class Proposal:
    trigger: Trigger
    sentences: list[Sentence]
    clause: str  # the trigger's own clause, where place and date are looked for first
    trigger_text: str
    evidence: dict[str, str] = field(default_factory=dict)
    places: list[Resolution] = field(default_factory=list)
    date: DateMention | None = None
    fatalities: int | None = None
    injuries: int | None = None
    claim: bool = False


def read_report(raw: str) -> str:
    """Plain, normalised text from a .txt or .html report.

    Raises ReportTooLongError when the text (or the HTML file it comes from) is longer than one
    report can be; the message says so, with both sizes, and asks for the text to be split.
    """
    if looks_like_html(raw):
        if len(raw) > MAX_REPORT_FILE_CHARACTERS:
            raise ReportTooLongError(len(raw), MAX_REPORT_FILE_CHARACTERS, html=True)
        raw = html_to_text(raw)
    text = normalise(raw)
    check_report_size(text)
    return text


def check_report_size(text: str, limit: int = MAX_REPORT_CHARACTERS) -> None:
    """Raise ReportTooLongError if `text` is longer than `limit` characters."""
    if len(text) > limit:
        raise ReportTooLongError(len(text), limit)


class _Resolver(Protocol):
    def resolve(self, query: str) -> Resolution | None: ...


class _RememberedAnswers:
    """A geocoder's answers kept for one report: a long report names the same few places again and again."""

    def __init__(self, geocoder: _Resolver):
        self._geocoder = geocoder
        self._answers: dict[str, Resolution | None] = {}

    def resolve(self, query: str) -> Resolution | None:
        if query not in self._answers:
            self._answers[query] = self._geocoder.resolve(query)
        return self._answers[query]


def extract_incidents(text: str, published: dt.date, geocoder: GazetteerGeocoder) -> list[Proposal]:
    """Proposed incidents in the report, in the order they first appear."""
    gazetteer = _RememberedAnswers(geocoder)
    sentences = split_sentences(text)
    proposals: list[Proposal] = []
    last_by_family: dict[str, Proposal] = {}
    for sentence in sentences:
        if _is_headline(sentence, text) or BACKGROUND.search(sentence.text):
            continue
        triggers = list(_triggers_in(sentence.text))
        for trigger, match, clause in triggers:
            trigger_at = match.start() - sentence.text.find(clause)
            places = _places(clause, trigger_at, gazetteer)
            dates = find_dates(clause, published)
            if len(triggers) == 1:  # one incident in the sentence: all its words are about it
                places = places or _places(sentence.text, match.start(), gazetteer)
                dates = dates or find_dates(sentence.text, published)
            earlier = last_by_family.get(trigger.family)
            definite = bool(DEFINITE.search(sentence.text[max(0, match.start() - 40) : match.start()]))
            if earlier is not None and (definite or _same_incident(earlier, places, dates)):
                # "the operation in Mastung": the incident already proposed; its place stands.
                vague = all(place.how == "province" for place in earlier.places)
                _absorb(earlier, trigger, match, sentence, places if vague else [], dates)
                continue
            latest = proposals[-1] if proposals else None
            if (
                latest is not None
                and not places
                and not dates
                and sentence.index - latest.sentences[-1].index <= 1
            ):
                # "The two men had been shot dead.": more about the incident just told.
                _absorb(latest, trigger, match, sentence, [], [], first=True)
                latest.evidence.setdefault("follow_up", match.group(0))
                continue
            proposal = Proposal(trigger, [sentence], clause, match.group(0))
            proposal.evidence["event_type"] = match.group(0)
            _absorb(proposal, trigger, match, sentence, places, dates, first=True)
            proposals.append(proposal)
            last_by_family[trigger.family] = proposal
        if not triggers and proposals:
            latest = proposals[-1]
            gap = sentence.index - latest.sentences[-1].index
            refers_back = BACK_REFERENCE.search(sentence.text) and gap <= 3
            # The sentence right after an incident, with no trigger of its own, usually elaborates it.
            follows = gap == 1 and sentence.index - latest.sentences[0].index <= 2
            if refers_back or follows:
                latest.sentences.append(sentence)
    for proposal in proposals:
        _complete(proposal, published, sentences)
    return [proposal for proposal in proposals if proposal.places]


def _is_headline(sentence: Sentence, text: str) -> bool:
    """The title line: no full stop and followed by a blank line."""
    return (
        sentence.index == 0
        and not sentence.text.endswith((".", '"', "'"))
        and "\n" in text[sentence.end : sentence.end + 3]
    )


def _triggers_in(text: str):
    """(trigger, match, clause) for each event family in the sentence, best-ranked trigger first."""
    best: dict[str, tuple[Trigger, re.Match]] = {}
    for trigger in TRIGGERS:
        match = trigger.pattern.search(text)
        if match and (trigger.family not in best or trigger.rank < best[trigger.family][0].rank):
            best[trigger.family] = (trigger, match)
    # A blast word inside an attack by a suicide bomber, or a "raid" whose words are
    # only "attack": keep each family once; clauses split the sentence between them.
    # Arrested "in a raid" with no fighting is an arrest, not a battle (ACLED).
    if "arrest" in best and "battle" in best and not EXCHANGE_OF_FIRE.search(text):
        del best["battle"]
    ordered = sorted(best.values(), key=lambda pair: pair[1].start())
    for position, (trigger, match) in enumerate(ordered):
        start = 0 if position == 0 else ordered[position - 1][1].end()
        end = len(text) if position == len(ordered) - 1 else ordered[position + 1][1].start()
        yield trigger, match, text[start:end]


_NEAR_CUES = re.compile(r"^(?:near|outside|around|on the outskirts of)\b", re.IGNORECASE)
_AMPERSAND_TAIL = re.compile(r"\s*&\s*(?P<next>[A-Z][\w'-]+)")


def _places(clause: str, trigger_at: int, geocoder: _Resolver) -> list[Resolution]:
    """Places named in the clause, the one closest to the trigger first (a place just after it wins ties)."""
    found: list[tuple[int, Resolution]] = []
    province: Resolution | None = None
    for match in PLACE_MENTION.finditer(clause):
        cue = match.group(0)[: match.start("place") - match.start()].strip()
        near = "near " if _NEAR_CUES.match(cue) else ""
        names = re.split(r"\s*(?:&|\band\b)\s*", match.group("place"))
        tail = _AMPERSAND_TAIL.match(clause, match.end())  # in place: no copy of the rest of the clause
        if tail:
            names.append(tail.group("next"))
        distance = match.start() - trigger_at
        part_of = bool(SUB_PLACE.search(clause[max(0, match.start() - 40) : match.start("place")]))
        for name in names:
            resolution = geocoder.resolve(near + name) or _shortened(name, geocoder)
            if resolution is not None and resolution.how == "province":
                province = province or resolution  # "in Balochistan": only if nothing closer is named
                continue
            if resolution is None:
                continue
            if part_of and resolution.geo_precision < 2:
                resolution = dataclasses.replace(resolution, geo_precision=2)
            if all(resolution.place != other.place for _, other in found):
                # After the trigger ("kidnapped from Quetta") counts as closer than before it.
                found.append((distance if distance >= 0 else -distance * 2, resolution))
    places = [resolution for _, resolution in sorted(found, key=lambda pair: pair[0])]
    return places or ([province] if province else [])


# A name cut short is a guess: it may stand for a town or seat, never for one of the
# thousands of hamlets ("the Pir Koh area" is not the village of Pir in Harnai).
_TOO_SMALL_TO_GUESS = frozenset({"village", "neighbourhood", "abandoned place"})


def _shortened(name: str, geocoder: _Resolver) -> Resolution | None:
    """'Quetta Press Club' -> Quetta, as part of the town (precision 2)."""
    words = name.split()
    for end in range(len(words) - 1, 0, -1):
        resolution = geocoder.resolve(" ".join(words[:end]))
        if resolution is not None and resolution.how != "fuzzy" and resolution.kind not in _TOO_SMALL_TO_GUESS:
            return dataclasses.replace(resolution, geo_precision=max(2, resolution.geo_precision))
    return None


def _same_incident(earlier: Proposal, places: list[Resolution], dates: list[DateMention]) -> bool:
    if dates and earlier.date and dates[0].date != earlier.date.date and not REPORTING.search(dates[0].text):
        return False
    precise = [place for place in places if place.how != "province"]
    earlier_precise = [place for place in earlier.places if place.how != "province"]
    if precise and earlier_precise:
        return {place.district for place in precise} & {place.district for place in earlier_precise} != set()
    return True


def _absorb(proposal, trigger, match, sentence, places, dates, first=False) -> None:
    # Sentences join a proposal in the report's order, so one already in it is its last.
    if not proposal.sentences or proposal.sentences[-1] != sentence:
        proposal.sentences.append(sentence)
    if not first and trigger.rank < proposal.trigger.rank:
        proposal.trigger = trigger
        proposal.evidence["event_type"] = match.group(0)
    if places and proposal.places and all(p.how == "province" for p in proposal.places):
        proposal.places = []
    for place in places:
        if all(place.place != other.place for other in proposal.places):
            proposal.places.append(place)
            proposal.evidence.setdefault("location", place.matched)
    if proposal.date is None and dates:
        # A weekday attached to "statement"/"said" dates the report, not the event.
        # Only the first date of the event counts: the rest are not looked at.
        own_date = next(
            (mention for mention in dates if not _is_reporting_date(sentence.text, mention)), None
        )
        if own_date is not None:
            proposal.date = own_date
            proposal.evidence["event_date"] = own_date.text
        else:
            proposal.evidence.setdefault("report_date", dates[0].text)
            proposal.evidence.setdefault("_report_date", dates[0].date.isoformat())


def _is_reporting_date(sentence: str, mention: DateMention) -> bool:
    at = sentence.find(mention.text)
    window = sentence[max(0, at - 25) : at + len(mention.text) + 12]
    return bool(
        re.search(r"\b(?:statement|said|says|told|announced|claimed|reported)\b", window, re.IGNORECASE)
    )


def _complete(proposal: Proposal, published: dt.date, sentences: list[Sentence]) -> None:
    """Counts, precedence, claims and dates from all the incident's sentences."""
    text = " ".join(sentence.text for sentence in proposal.sentences)
    clause_first = [proposal.clause, text]
    for source in clause_first:
        if proposal.fatalities is None:
            proposal.fatalities = _count(FATALITY_PATTERNS, source, proposal, "fatalities")
        if proposal.injuries is None:
            proposal.injuries = _count(INJURY_PATTERNS, source, proposal, "injuries")
    if proposal.fatalities is None and NO_CASUALTIES.search(text):
        proposal.fatalities = 0
        proposal.evidence["fatalities"] = NO_CASUALTIES.search(text).group(0)
    trigger = proposal.trigger
    if trigger.family == "abduction" and proposal.fatalities:
        proposal.trigger = next(t for t in TRIGGERS if t.sub_event_type == "Attack" and t.family == "attack")
        proposal.evidence["event_type"] += " (abductees killed)"
    if trigger.family == "protest":
        proposal.trigger = _protest_trigger(text, proposal)
    following = proposal.sentences[-1].index + 1
    next_text = sentences[following].text if following < len(sentences) else ""
    proposal.claim = bool(CLAIM.search(text) or CLAIM.search(next_text))
    if proposal.date is None:
        duration = DURATION.search(text)
        report_date = dt.date.fromisoformat(proposal.evidence.pop("_report_date", published.isoformat()))
        if duration:
            days = parse_count(duration.group("count") or duration.group("past")) or 1
            start = report_date - dt.timedelta(days=days)
            proposal.date = DateMention(start, 2, duration.group(0), 0, 0)
            proposal.evidence["event_date"] = (
                f"{proposal.evidence.get('report_date', 'published')}; {duration.group(0)}"
            )
        else:
            proposal.date = DateMention(report_date, 2, "", 0, 0)
            proposal.evidence.setdefault(
                "event_date", "no date in the text: the report's date, within a week"
            )
    proposal.evidence.pop("_report_date", None)


def _protest_trigger(text: str, proposal: Proposal) -> Trigger:
    for pattern, event_type, sub_event_type in (
        (PROTEST_FORCE, "Protests", "Excessive force against protesters"),
        (PROTEST_RIOT, "Riots", "Violent demonstration"),
        (PROTEST_INTERVENTION, "Protests", "Protest with intervention"),
    ):
        match = pattern.search(text)
        if match:
            proposal.evidence["event_type"] += f"; {match.group(0)}"
            return Trigger(event_type, sub_event_type, proposal.trigger.pattern, "protest", 0)
    return proposal.trigger


def _count(patterns, text: str, proposal: Proposal, field_name: str) -> int | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            value = parse_count(match.group("count"))
            if value is not None and "count2" in match.groupdict():
                second = parse_count(match.group("count2"))
                value = None if second is None else value + second
            if value is not None:
                proposal.evidence[field_name] = match.group(0)
                return value
    return None


def _actors(proposal: Proposal, find_actors=mentions.find_actors) -> dict[str, str]:
    """actor1, assoc_actor_1, actor2, assoc_actor_2 by who acted on whom in this kind of event."""
    text = REPORTING_SOURCE.sub(" ", " ".join(sentence.text for sentence in proposal.sentences))
    found = find_actors(text)
    kinds: dict[str, list[mentions.ActorMention]] = {}
    for mention in found:
        kinds.setdefault(mention.kind, []).append(mention)
    if proposal.trigger.event_type == "Battles":
        groups = _ordered_unique(mention.name for mention in kinds.get(mentions.MILITANT, []))
    else:
        # An attack is put on a group only where the report names it as the doer or claimant.
        attributed = " ".join(
            [proposal.clause] + [s.text for s in proposal.sentences if ATTRIBUTION.search(s.text)]
        )
        groups = _ordered_unique(m.name for m in find_actors(attributed) if m.kind == mentions.MILITANT)
    state = kinds.get(mentions.STATE, [])
    state_name = state[0].name if state else mentions.MILITARY
    state_assoc = "; ".join(
        _ordered_unique(m.associate for m in state if m.associate and m.name == state_name)
    )
    # A local group acting for the Islamic State is the actor, IS its associate (ACLED's practice).
    if len(groups) > 1 and "IS: Islamic State" in groups:
        groups.remove("IS: Islamic State")
        groups.append("IS: Islamic State")
    militant = groups[0] if groups else mentions.UNIDENTIFIED
    militant_assoc = "; ".join(groups[1:])
    civilians = mentions.civilian_name(text)
    evidence = "; ".join(_ordered_unique(mention.text for mention in found))[:200]
    if evidence:
        proposal.evidence["actors"] = evidence
    event_type, sub = proposal.trigger.event_type, proposal.trigger.sub_event_type
    if sub == "Air/drone strike":
        return {"actor1": mentions.MILITARY, "assoc_actor_1": "", "actor2": civilians, "assoc_actor_2": ""}
    if event_type == "Battles":
        state_first = proposal.trigger.state_acts or re.search(
            r"\b(?:raid|operation|security forces (?:killed|conducted|launched))", text, re.IGNORECASE
        )
        pair = [(state_name, state_assoc), (militant, militant_assoc)]
        if not state_first and re.search(r"\b(?:ambush|stormed|attacked)", text, re.IGNORECASE):
            pair.reverse()
        return {
            "actor1": pair[0][0],
            "assoc_actor_1": pair[0][1],
            "actor2": pair[1][0],
            "assoc_actor_2": pair[1][1],
        }
    if event_type == "Protests" or event_type == "Riots":
        actor1 = "Protesters (Pakistan)" if event_type == "Protests" else "Rioters (Pakistan)"
        actor2 = state_name if sub != "Peaceful protest" else ""
        return {
            "actor1": actor1,
            "assoc_actor_1": "; ".join(mentions.associates(text)),
            "actor2": actor2,
            "assoc_actor_2": "",
        }
    if sub == "Arrests":
        arrested = (
            militant if groups else ("Protesters (Pakistan)" if kinds.get(mentions.PROTESTER) else civilians)
        )
        return {
            "actor1": state_name,
            "assoc_actor_1": state_assoc,
            "actor2": arrested,
            "assoc_actor_2": militant_assoc,
        }
    if sub == "Change to group/activity":
        return {"actor1": militant, "assoc_actor_1": militant_assoc, "actor2": "", "assoc_actor_2": ""}
    # Explosions and violence against civilians: the attacker acts on the target.
    state_targeted = re.search(
        r"\b(?:convoy|check ?post|soldiers|troops|FC|policemen|police (?:van|station|mobile))\b", text
    )
    target = state_name if state and (not kinds.get(mentions.CIVILIAN) or state_targeted) else civilians
    return {"actor1": militant, "assoc_actor_1": militant_assoc, "actor2": target,
            "assoc_actor_2": "; ".join(mentions.associates(text))}  # fmt: skip


def _ordered_unique(values) -> list[str]:
    return list(dict.fromkeys(value for value in values if value))


def proposals_frame(
    proposals: list[Proposal], source: str, report_text: str, existing: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per proposal and place: canonical columns plus evidence, sentences, claim flag, duplicate."""
    digest = hashlib.sha256(report_text.encode("utf-8")).hexdigest()
    # Proposals of one sentence (a text whose full stops were lost) search the same words for actors.
    find_actors = functools.lru_cache(maxsize=None)(mentions.find_actors)
    rows = []
    for proposal in proposals:
        actors = _actors(proposal, find_actors)
        places = (
            proposal.places if proposal.trigger.sub_event_type == "Air/drone strike" else proposal.places[:1]
        )
        for place in places:
            notes = _summary(proposal, actors, place, source)
            rows.append(
                {
                    "event_id_cnty": "",
                    "event_date": proposal.date.date.isoformat(),
                    "time_precision": str(proposal.date.precision),
                    "event_type": proposal.trigger.event_type,
                    "sub_event_type": proposal.trigger.sub_event_type,
                    **actors,
                    "admin1": "Balochistan",
                    "admin2": place.district,
                    "admin3": "",
                    "location": place.place,
                    "latitude": f"{place.latitude:.5f}",
                    "longitude": f"{place.longitude:.5f}",
                    "geo_precision": str(place.geo_precision),
                    "source": source,
                    "notes": notes[:1500],
                    "fatalities": str(proposal.fatalities or 0),
                    "injuries": "" if proposal.injuries is None else str(proposal.injuries),
                    "source_url": "",
                    "evidence": json.dumps(
                        {**proposal.evidence, "location": place.matched}, ensure_ascii=False
                    ),
                    "report_sentences": json.dumps([[s.start, s.end] for s in proposal.sentences]),
                    "is_claim": proposal.claim,
                    "duplicate_of": "",
                    "report_sha256": digest,
                }
            )
    frame = pd.DataFrame(rows, columns=[*CANONICAL_COLUMNS, *PROPOSAL_COLUMNS])
    if existing is not None and len(existing) and len(frame):
        frame["duplicate_of"] = _duplicates(frame, existing)
    return frame


def _summary(proposal: Proposal, actors: dict[str, str], place: Resolution, source: str) -> str:
    """A one-line note for the analyst to edit; the report's own sentences stay in the evidence."""
    parties = actors["actor1"] + (f" against {actors['actor2']}" if actors["actor2"] else "")
    toll = []
    if proposal.fatalities:
        toll.append(f"{proposal.fatalities} killed")
    if proposal.injuries:
        toll.append(f"{proposal.injuries} injured")
    note = f"{proposal.trigger.sub_event_type} in {place.place} ({place.district} district): {parties}"
    note += f"; {', '.join(toll)}." if toll else "."
    note += f" Proposed from {source}; check against the report."
    return ("Claim, not confirmed: " + note) if proposal.claim else note


def _duplicates(frame: pd.DataFrame, existing: pd.DataFrame) -> list[str]:
    typed = frame.assign(
        event_date=pd.to_datetime(frame["event_date"]),
        latitude=frame["latitude"].astype(float),
        longitude=frame["longitude"].astype(float),
    )
    # A month-precision proposal cannot be matched to a day: it is compared within its month.
    matches = find_duplicates(typed, existing, max_days=1)
    coarse = typed["time_precision"] != "1"
    if coarse.any():
        loose = find_duplicates(typed[coarse], existing, max_days=16, max_km=30)
        matches = pd.concat([matches, loose], ignore_index=True)
    found = [""] * len(frame)
    for match in matches.itertuples():
        if not found[match.new_row]:
            found[match.new_row] = str(existing.loc[match.existing_row, "event_id_cnty"])
    return found
