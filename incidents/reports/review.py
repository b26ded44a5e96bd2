"""What the analyst sees and saves: highlighted evidence, and the chosen proposals as rows for the data file."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

import pandas as pd

from incidents.schema import CANONICAL_COLUMNS
from incidents.validation import FIRST_DATA_ROW, REJECTED, validate_incidents

# Kept on every saved row, so a row leads back to the exact report it came from.
REPORT_HASH_COLUMN = "report_sha256"


# At most this many of a proposal's sentences are shown: every sentence of a usual report's
# proposal, while one that gathered a thousand mentions of "the operation" from a long text still
# reads in a glance. Sentences with highlighted words come first, then the earliest.
MAX_SENTENCES_SHOWN = 15
# A sentence longer than this (a text whose full stops were lost is one sentence) is shown as this
# many characters around its first highlighted words.
MAX_SENTENCE_CHARACTERS_SHOWN = 1_200
_CONTEXT_BEFORE_MARK = 300

# Everything HTML or Markdown could act on becomes an entity: the fragments are plain text with
# <mark> tags whether the page shows them with st.html or st.markdown (emphasis, links, code,
# headings, Streamlit's :color[...] and :emoji: and $math$ all stay as typed). Line breaks become
# spaces, so no line of a fragment can start a Markdown block.
_ESCAPES = str.maketrans(
    {
        "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;",
        "\\": "&#92;", "`": "&#96;", "*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;", "#": "&#35;",
        "~": "&#126;", "$": "&#36;", ":": "&#58;", "|": "&#124;",
        "\n": " ", "\r": " ", "\t": " ", "\f": " ", "\v": " ",
    }
)  # fmt: skip
# "- ", "+ ", "12. " at the start of a fragment would make it a Markdown list item.
_LIST_MARKER = re.compile(r"[-+](?=\s|$)|\d(?=\d{0,8}[.)](?:\s|$))")


@dataclass
class HighlightedEvidence:
    """What the page shows of one proposal."""

    sentences: list[str]  # safe HTML fragments in the report's order: text and <mark title="field"> only
    left_out: int  # the proposal's sentences not shown
    note: str  # "" or how many are left out: plain text, safe as HTML and as Markdown


def highlighted_evidence(report_text: str, proposal: pd.Series) -> HighlightedEvidence:
    """At most MAX_SENTENCES_SHOWN of the proposal's sentences as safe HTML, the words behind each
    field in <mark> with the field's name; those with such words first, then the earliest."""
    patterns = _evidence_patterns(proposal["evidence"])
    ranges = json.loads(proposal["report_sentences"])
    marked: list[tuple[int, str, list]] = []
    unmarked: list[tuple[int, str, list]] = []
    for position, (start, end) in enumerate(ranges):
        if len(marked) == MAX_SENTENCES_SHOWN:
            break  # the rest could not be shown: no need to search them
        sentence = report_text[start:end]
        marks = [
            (found.start(), found.end(), field)
            for field, pattern in patterns
            if (found := pattern.search(sentence)) is not None
        ]
        if marks:
            marked.append((position, sentence, marks))
        elif len(unmarked) < MAX_SENTENCES_SHOWN:
            unmarked.append((position, sentence, marks))
    shown = sorted(marked + unmarked[: MAX_SENTENCES_SHOWN - len(marked)], key=lambda chosen: chosen[0])
    left_out = len(ranges) - len(shown)
    note = ""
    if left_out:
        note = (
            f"{left_out:,} more sentences of the report belong to this proposal and are not shown. "
            f"The {len(shown)} above are those with highlighted words, then the earliest."
        )
    return HighlightedEvidence([_mark(sentence, marks) for _, sentence, marks in shown], left_out, note)


def _evidence_patterns(evidence_json: str) -> list[tuple[str, re.Pattern]]:
    """(field, pattern) for each piece of evidence words, compiled once per proposal."""
    evidence = {
        key: value for key, value in json.loads(evidence_json).items() if isinstance(value, str) and value
    }
    return [
        (field, re.compile(rf"(?<!\w){re.escape(piece)}(?!\w)", re.IGNORECASE))
        for field, words in evidence.items()
        for piece in re.split(r";\s*", words)
        if len(piece) > 2
    ]


def _mark(sentence: str, marks: list[tuple[int, int, str]]) -> str:
    """Escape everything; wrap non-overlapping evidence spans (earliest first)."""
    chosen, last_end = [], -1
    for start, end, field in sorted(marks):
        if start >= last_end:
            chosen.append((start, end, field))
            last_end = end
    window_start, window_end = 0, len(sentence)
    if len(sentence) > MAX_SENTENCE_CHARACTERS_SHOWN:
        first_mark = chosen[0][0] if chosen else 0
        window_start = max(
            0, min(first_mark - _CONTEXT_BEFORE_MARK, len(sentence) - MAX_SENTENCE_CHARACTERS_SHOWN)
        )
        window_end = window_start + MAX_SENTENCE_CHARACTERS_SHOWN
        chosen = [
            (start, end, field) for start, end, field in chosen if window_start <= start and end <= window_end
        ]
    out, cursor = ["… " if window_start else ""], window_start
    for start, end, field in chosen:
        out.append(_escape(sentence[cursor:start], cursor == 0))
        out.append(f'<mark title="{html.escape(field)}">{_escape(sentence[start:end], start == 0)}</mark>')
        cursor = end
    out.append(_escape(sentence[cursor:window_end], cursor == 0))
    out.append(" …" if window_end < len(sentence) else "")
    return "".join(out)


def _escape(text: str, starts_fragment: bool) -> str:
    escaped = text.translate(_ESCAPES)
    if starts_fragment and _LIST_MARKER.match(text):
        # The first character as an entity: Markdown no longer sees a list marker, HTML shows the same.
        return f"&#{ord(text[0])};{escaped[1:]}"
    return escaped


def check_proposals(edited: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows that can be saved as strings, problems) for the proposals the analyst kept."""
    rows = edited.reset_index(drop=True)
    strings = rows[list(CANONICAL_COLUMNS)].astype(str).replace({"nan": "", "None": ""})
    result = validate_incidents(strings)
    rejected = (
        set(result.problems.loc[result.problems["severity"] == REJECTED, "row"])
        if len(result.problems)
        else set()
    )
    keep = [position for position in range(len(rows)) if position + FIRST_DATA_ROW not in rejected]
    chosen = strings.loc[keep].copy()
    # The unified names (district spellings, taxonomy capitalisation) go into the file.
    chosen["admin2"] = result.incidents["admin2"].to_numpy()
    chosen[REPORT_HASH_COLUMN] = rows.loc[keep, REPORT_HASH_COLUMN].to_numpy()
    return chosen, result.problems
