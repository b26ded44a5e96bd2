"""Counts as reports write them: digits, words, ranges and vague quantities.

Vague words follow ACLED's coding: "several" 3, "a dozen"/"dozens" 12,
"scores" 20, "hundreds" 100. A range ("12-13", "12 to 15") gives its lower end,
the conservative figure.
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "both": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
VAGUE = {
    "several": 3, "a few": 3, "few": 3, "a dozen": 12, "dozen": 12, "dozens of": 12, "dozens": 12,
    "scores of": 20, "scores": 20, "hundreds of": 100, "hundreds": 100, "a couple of": 2, "couple of": 2,
}  # fmt: skip

_WORD_NUMBER = (
    r"(?:(?:"
    + "|".join(TENS)
    + r")(?:[- ](?:"
    + "|".join(k for k in UNITS if UNITS[k] > 0 and len(k) > 2)
    + r"))?"
    r"|" + "|".join(sorted((k for k in UNITS if len(k) > 2), key=len, reverse=True)) + r")"
)
_VAGUE = "|".join(re.escape(word) for word in sorted(VAGUE, key=len, reverse=True))
# A count: "at least 25", "12-13", "twelve", "dozens of", "a dozen".
COUNT = (
    r"(?:(?:at least|at most|about|around|nearly|some|over|more than|up to)\s+)?"
    rf"(?:\d{{1,4}}(?:\s*(?:-|to)\s*\d{{1,4}})?|{_WORD_NUMBER}(?:\s*(?:-|to)\s*{_WORD_NUMBER})?|{_VAGUE})"
)


def parse_count(text: str) -> int | None:
    """The conservative number a count phrase stands for, or None."""
    phrase = re.sub(r"\s+", " ", text.strip().lower())
    phrase = re.sub(r"^(?:at least|at most|about|around|nearly|some|over|more than|up to)\s+", "", phrase)
    if phrase in VAGUE:
        return VAGUE[phrase]
    first = re.split(r"\s*(?:-(?=\s*\d)|\bto\b)\s*", phrase)[0].strip()
    if re.fullmatch(r"\d{1,4}", first):
        return int(first)
    return _words_to_number(first)


def _words_to_number(words: str) -> int | None:
    words = words.replace("-", " ").split()
    if not words:
        return None
    if len(words) == 1:
        return UNITS.get(words[0], TENS.get(words[0]))
    if len(words) == 2 and words[0] in TENS and words[1] in UNITS:
        return TENS[words[0]] + UNITS[words[1]]
    return None
