"""What the analyst sees and saves: highlighted evidence, and the chosen proposals as rows for the data file."""

from __future__ import annotations

import html
import json
import re

import pandas as pd

from incidents.schema import CANONICAL_COLUMNS
from incidents.validation import FIRST_DATA_ROW, REJECTED, validate_incidents

# Kept on every saved row, so a row leads back to the exact report it came from.
REPORT_HASH_COLUMN = "report_sha256"


def highlighted_sentences(report_text: str, proposal: pd.Series) -> list[str]:
    """The proposal's sentences as safe HTML, the words behind each field in <mark> with the field's name."""
    evidence = {
        key: value
        for key, value in json.loads(proposal["evidence"]).items()
        if isinstance(value, str) and value
    }
    parts = []
    for start, end in json.loads(proposal["report_sentences"]):
        sentence = report_text[start:end]
        marks = []
        for field, words in evidence.items():
            for piece in re.split(r";\s*", words):
                found = re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", sentence, re.IGNORECASE) if len(piece) > 2 else None
                if found:
                    marks.append((found.start(), found.end(), field))
        parts.append(_mark(sentence, marks))
    return parts


def _mark(sentence: str, marks: list[tuple[int, int, str]]) -> str:
    """Escape everything; wrap non-overlapping evidence spans (earliest first)."""
    chosen, last_end = [], -1
    for start, end, field in sorted(marks):
        if start >= last_end:
            chosen.append((start, end, field))
            last_end = end
    out, cursor = [], 0
    for start, end, field in chosen:
        out.append(html.escape(sentence[cursor:start]))
        out.append(f'<mark title="{html.escape(field)}">{html.escape(sentence[start:end])}</mark>')
        cursor = end
    out.append(html.escape(sentence[cursor:]))
    return "".join(out)


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
