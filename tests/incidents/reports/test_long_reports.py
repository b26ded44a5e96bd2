"""Long reports: refused past a size limit with a clear message, and what a proposal shows stays bounded.

Speed is measured by benchmarks/bench_reports.py, not asserted here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import pandas as pd
import pytest

from geo.geocoding import GazetteerGeocoder
from incidents.errors import IncidentsError, ReportTooLongError
from incidents.reports.extract import (
    MAX_REPORT_CHARACTERS,
    MAX_REPORT_FILE_CHARACTERS,
    check_report_size,
    extract_incidents,
    proposals_frame,
    read_report,
)
from incidents.reports.review import (
    MAX_SENTENCE_CHARACTERS_SHOWN,
    MAX_SENTENCES_SHOWN,
    highlighted_evidence,
)
from incidents.reports.text import Sentence, split_sentences
from tests.conftest import FIXTURES, PROJECT_ROOT, SHARED

REPORTS = sorted((FIXTURES / "reports").glob("*.txt"))
SEED = SHARED / "reports" / "mastung_raid_report.txt"
PUBLISHED = dt.date(2017, 6, 4)


def reports_of_length(characters: int) -> str:
    """Real reports one after another, paragraphs apart, cut at `characters` (a digest of many reports)."""
    pieces = [SEED.read_text(encoding="utf-8")] if SEED.exists() else []
    pieces += [path.read_text(encoding="utf-8") for path in REPORTS]
    chunks, length = [], 0
    while length < characters:
        chunks.append(pieces[len(chunks) % len(pieces)].strip())
        length += len(chunks[-1]) + 2
    return "\n\n".join(chunks)[:characters]


def test_a_text_over_the_limit_is_refused_with_its_size_the_limit_and_what_to_do():
    with pytest.raises(ReportTooLongError) as refused:
        read_report(reports_of_length(MAX_REPORT_CHARACTERS + 1))
    message = str(refused.value)
    assert f"{MAX_REPORT_CHARACTERS + 1:,}" in message and f"{MAX_REPORT_CHARACTERS:,}" in message
    assert "split" in message.lower()
    assert isinstance(refused.value, IncidentsError) and isinstance(refused.value, ValueError)
    assert (refused.value.characters, refused.value.limit) == (
        MAX_REPORT_CHARACTERS + 1,
        MAX_REPORT_CHARACTERS,
    )


def test_a_text_at_the_limit_is_read():
    text = reports_of_length(MAX_REPORT_CHARACTERS)
    assert len(read_report(text)) <= MAX_REPORT_CHARACTERS
    check_report_size(text)


def test_the_markup_of_an_html_page_does_not_count_against_the_limit():
    # A news page's scripts and menus easily outweigh its text; only the text is read.
    script = "<script>" + "var tracking = 1;\n" * (MAX_REPORT_CHARACTERS // 10) + "</script>"
    page = (
        f"<html><head>{script}</head><body><p>Gunmen shot dead two men in Quetta on Sunday.</p></body></html>"
    )
    assert len(page) > MAX_REPORT_CHARACTERS
    assert read_report(page) == "Gunmen shot dead two men in Quetta on Sunday."


def test_the_command_line_refuses_a_text_over_the_limit_without_a_traceback(tmp_path):
    report = tmp_path / "digest.txt"
    report.write_text(reports_of_length(MAX_REPORT_CHARACTERS + 10), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "incidents.reports", str(report), "--published", "2017-06-04",
         "--data", str(FIXTURES / "small_incidents.csv")],
        cwd=PROJECT_ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 2
    assert "digest.txt" in done.stderr and f"{MAX_REPORT_CHARACTERS:,}" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.fixture(scope="module")
def limit_size_proposals():
    text = read_report(reports_of_length(MAX_REPORT_CHARACTERS))
    frame = proposals_frame(extract_incidents(text, PUBLISHED, GazetteerGeocoder()), "Digest", text)
    return text, frame


def test_a_limit_size_text_shows_at_most_the_cap_of_sentences_per_proposal(limit_size_proposals):
    text, frame = limit_size_proposals
    assert len(frame) > 100
    longest = 0
    for _, proposal in frame.iterrows():
        sentences = len(json.loads(proposal["report_sentences"]))
        evidence = highlighted_evidence(text, proposal)
        assert len(evidence.sentences) == min(sentences, MAX_SENTENCES_SHOWN)
        assert evidence.left_out == sentences - len(evidence.sentences)
        longest = max(longest, sentences)
    assert longest > MAX_SENTENCES_SHOWN, "the digest should hold a proposal too long to show whole"


def proposal_of(text: str, evidence: dict[str, str], sentences=None) -> pd.Series:
    sentences = sentences if sentences is not None else split_sentences(text)
    return pd.Series(
        {
            "evidence": json.dumps(evidence),
            "report_sentences": json.dumps([[sentence.start, sentence.end] for sentence in sentences]),
        }
    )


def test_a_proposal_of_thousands_of_sentences_shows_the_cap_and_says_how_many_are_left_out():
    text = " ".join(f"Item {number} was noted." for number in range(5_000))
    text += " Gunmen shot dead 3 men in Quetta."
    proposal = proposal_of(text, {"fatalities": "shot dead 3", "location": "Quetta"})
    evidence = highlighted_evidence(text, proposal)
    assert len(evidence.sentences) == MAX_SENTENCES_SHOWN
    assert evidence.left_out == 5_001 - MAX_SENTENCES_SHOWN
    assert f"{evidence.left_out:,}" in evidence.note
    # The sentence with the evidence is shown even though it comes last; the rest keep the report's order.
    assert '<mark title="fatalities">shot dead 3</mark>' in evidence.sentences[-1]
    assert evidence.sentences[0] == "Item 0 was noted."


def test_a_short_proposal_has_no_note():
    text = "Gunmen shot dead 3 men in Quetta. They fled."
    evidence = highlighted_evidence(text, proposal_of(text, {"fatalities": "shot dead 3"}))
    assert (len(evidence.sentences), evidence.left_out, evidence.note) == (2, 0, "")


class _Fragment(HTMLParser):
    """The tags, attributes and decoded text of an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text += data


MARKDOWN_SENTENCE = (
    "Gunmen *shot* __dead__ 3 [men](https://example.com) in `Quetta` # at $5 :red[x] ~~now~~ \\ "
    "<b>bold</b> & 'quotes' \"too\"\n- a line that would be a list"
)


@pytest.mark.parametrize(
    "sentence", [MARKDOWN_SENTENCE, "- starts like a list", "12. starts numbered", "+ too"]
)
def test_highlighted_sentences_are_escaped_html_with_only_marks_and_no_markdown(sentence):
    whole = [Sentence(0, 0, len(sentence), sentence)]
    proposal = proposal_of(sentence, {"fatalities": "shot* __dead__ 3", "location": "Quetta"}, whole)
    (fragment,) = highlighted_evidence(sentence, proposal).sentences
    parsed = _Fragment()
    parsed.feed(fragment)
    parsed.close()
    assert {tag for tag, _ in parsed.tags} <= {"mark"}
    assert all(name == "title" for _, attrs in parsed.tags for name, _ in attrs)
    # The words are all there, as words: line breaks are spaces, so no line can start a Markdown block.
    assert parsed.text == re.sub(r"\s+", " ", sentence)
    # No character Markdown (or Streamlit's :color[] and $math$) would act on is left as itself.
    text_parts = re.sub(r"<mark title=\"[^\"]*\">|</mark>", "", fragment)
    assert not re.search(r"[*_`\[\]#$:~\\<>\"'\n]", re.sub(r"&#?\w+;", "", text_parts))
    assert not re.match(r"\s*(?:[-+]\s|\d+[.)]\s)", text_parts)
    if "Quetta" in sentence:
        assert '<mark title="location">Quetta</mark>' in fragment


def test_an_html_file_too_heavy_to_read_is_refused_before_it_is_parsed():
    page = "<html><body>" + "<p>x</p>" * (MAX_REPORT_FILE_CHARACTERS // 8) + "</body></html>"
    with pytest.raises(ReportTooLongError, match=f"{MAX_REPORT_FILE_CHARACTERS:,}") as refused:
        read_report(page)
    assert refused.value.html and "text alone" in str(refused.value)


def test_a_sentence_too_long_to_show_is_cut_around_its_highlighted_words():
    # A text whose full stops were lost is one sentence; it is shown around its evidence.
    sentence = "word " * 2_000 + "gunmen shot dead 3 men in Quetta " + "more " * 2_000
    whole = [Sentence(0, 0, len(sentence), sentence)]
    (fragment,) = highlighted_evidence(sentence, proposal_of(sentence, {"fatalities": "shot dead 3"}, whole)).sentences
    assert '<mark title="fatalities">shot dead 3</mark>' in fragment
    assert fragment.startswith("… ") and fragment.endswith(" …")
    assert len(fragment) < MAX_SENTENCE_CHARACTERS_SHOWN + 100
