"""A report's plain text and its sentences, with character offsets kept for highlighting."""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "section",
    "article",
    "header",
}
_SKIPPED_TAGS = {"script", "style", "noscript", "nav", "footer", "aside", "form", "svg"}
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Brig", "Sgt", "No", "St", "Jan", "Feb",
                  "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "U.S", "U.N", "Govt", "Insp")  # fmt: skip


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS and self._skipping:
            self._skipping -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(html|body|p|div|article|br)\b", text[:5000], re.IGNORECASE))


def html_to_text(markup: str) -> str:
    """The readable text of an HTML page: paragraphs kept, scripts, styles and menus dropped."""
    parser = _TextExtractor()
    parser.feed(markup)
    text = html.unescape("".join(parser.parts))
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def normalise(text: str) -> str:
    """Curly quotes and dashes made plain, so patterns need one spelling."""
    table = {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": " - ",
        "\u00a0": " ",
    }
    for old, new in table.items():
        text = text.replace(old, new)
    return text


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int  # offset in the normalised text
    end: int
    text: str


_BOUNDARY = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n\s*\n")
_LAST_WORD = re.compile(r"([A-Za-z.]+)\.$")
_CLOSING = re.compile(r"[.!?][\"')\]]*")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets; paragraph breaks always end one."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if text[match.start()] == ".":
            word = _LAST_WORD.search(text[max(0, match.start() - 12) : match.start() + 1])
            if word and (word.group(1) in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue  # "Dr. Baloch", "J. Smith"
        # Matched in place: a slice from here to the end would copy the rest of the text per sentence.
        closing = _CLOSING.match(text, match.start())
        end = match.start() + (len(closing.group(0)) if closing else 0)
        _append(sentences, text, start, end)
        start = match.end()
    _append(sentences, text, start, len(text))
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    offset = start + chunk.index(stripped)
    sentences.append(Sentence(len(sentences), offset, offset + len(stripped), stripped))


class TakenSpans:
    """Non-overlapping [start, end) spans of a text, asked "does this overlap one?" in logarithmic time.

    Finders that let the first pattern to claim some words keep them (actors, dates)
    ask this once per match; a list scanned every time made a long text quadratic.
    """

    def __init__(self):
        self._starts: list[int] = []
        self._ends: list[int] = []  # in the same order: spans that never overlap sort alike by both ends

    def overlaps(self, start: int, end: int) -> bool:
        # The first span ending after `start` is the only one that can begin before `end`.
        after = bisect.bisect_right(self._ends, start)
        return after < len(self._starts) and self._starts[after] < end

    def add(self, start: int, end: int) -> None:
        at = bisect.bisect_right(self._ends, start)
        self._starts.insert(at, start)
        self._ends.insert(at, end)
