"""Dates, counts, text and actors: the pieces the extraction is built from."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from incidents.reports.dates import find_dates, find_publication_date
from incidents.reports.mentions import civilian_name, find_actors
from incidents.reports.numbers import parse_count
from incidents.reports.text import html_to_text, split_sentences
from tests.conftest import FIXTURES, PROJECT_ROOT

SUNDAY = dt.date(2017, 6, 4)


@pytest.mark.parametrize(
    ("phrase", "date", "precision"),
    [
        ("on Sunday", "2017-06-04", 1),  # published that day
        ("last Sunday", "2017-05-28", 1),
        ("on Tuesday night", "2017-05-30", 1),
        ("yesterday", "2017-06-03", 1),
        ("two days ago", "2017-06-02", 1),
        ("3 days ago", "2017-06-01", 1),
        ("last week", "2017-05-28", 2),
        ("earlier this week", "2017-06-01", 2),
        ("last month", "2017-05-15", 3),
        ("in May", "2017-05-15", 3),
        ("in December", "2016-12-15", 3),
        ("on June 2, 2017", "2017-06-02", 1),
        ("on 2 June 2017", "2017-06-02", 1),
        ("2017-06-02", "2017-06-02", 1),
        ("on 28 December", "2016-12-28", 1),  # a past date, not a future one
        ("on June 1", "2017-06-01", 1),
    ],
)
def test_relative_and_explicit_dates(phrase, date, precision):
    found = find_dates(f"Officials said the attack took place {phrase}.", SUNDAY)
    assert [(mention.date.isoformat(), mention.precision) for mention in found] == [(date, precision)]


@pytest.mark.parametrize("text", ["No date here.", "They may return.", "In the past."])
def test_no_date(text):
    assert find_dates(text, SUNDAY) == []


def test_publication_date_from_the_text():
    assert find_publication_date("Published June 4, 2017\n\nQUETTA: ...") == SUNDAY
    assert find_publication_date("QUETTA: no date at all") is None


@pytest.mark.parametrize(
    ("phrase", "count"),
    [("12", 12), ("twelve", 12), ("twenty-five", 25), ("a dozen", 12), ("dozens", 12), ("dozens of", 12),
     ("at least 25", 25), ("12-13", 12), ("12 to 15", 12), ("several", 3), ("scores of", 20), ("hundreds", 100),
     ("five", 5), ("an", 1), ("seventy", 70), ("banana", None)],
)  # fmt: skip
def test_counts(phrase, count):
    assert parse_count(phrase) == count


def test_html_reports_are_reduced_to_their_text():
    markup = "<html><head><script>var x=1</script><style>p{}</style></head><body><nav>Home</nav>" \
             "<p>First paragraph.</p><p>Second &amp; last.</p></body></html>"  # fmt: skip
    assert html_to_text(markup) == "First paragraph.\n\nSecond & last."


def test_sentences_keep_offsets_and_abbreviations():
    text = 'Dr. Mahrang Baloch spoke. Lt. Col. Ali said "no." Then it rained.\n\nNew paragraph'
    sentences = split_sentences(text)
    assert [sentence.text for sentence in sentences] == [
        "Dr. Mahrang Baloch spoke.", 'Lt. Col. Ali said "no."', "Then it rained.", "New paragraph",
    ]  # fmt: skip
    assert all(text[s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The Baloch Liberation Army claimed it", ["BLA: Baloch Liberation Army"]),
        ("troops of the Frontier Corps", ["Military Forces of Pakistan", "Military Forces of Pakistan"]),
        ("Daesh and Lashkar-e-Jhangvi", ["IS: Islamic State", "LeJ: Lashkar-e-Jhangvi"]),
        ("unidentified gunmen", ["Unidentified Armed Group (Pakistan)"]),
        ("the Levies and CTD", ["Police Forces of Pakistan", "Police Forces of Pakistan"]),
        ("This is a test", []),  # "is" is not the Islamic State
    ],
)
def test_actor_aliases(text, names):
    assert [mention.name for mention in find_actors(text)] == names


def test_civilians_carry_their_nationality():
    assert civilian_name("two Chinese nationals") == "Civilians (China)"
    assert civilian_name("Afghan refugees") == "Civilians (Afghanistan)"
    assert civilian_name("labourers") == "Civilians (Pakistan)"


def test_command_line_writes_csv_to_stdout(tmp_path):
    report = FIXTURES / "reports" / "08_multi_makran.txt"
    done = subprocess.run(
        [sys.executable, "-m", "incidents.reports", str(report), "--published", "2022-05-02", "--source", "Wire",
         "--data", str(FIXTURES / "small_incidents.csv")],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    lines = done.stdout.strip().splitlines()
    assert lines[0].startswith("event_id_cnty,event_date,")
    assert len(lines) == 3 and "Grenade" in done.stdout and "Abduction/forced disappearance" in done.stdout
    assert "Wire (2022-05-02)" in done.stdout
    assert "2 proposed incident(s)" in done.stderr


def test_command_line_needs_a_date(tmp_path):
    report = tmp_path / "undated.txt"
    report.write_text("Gunmen shot dead two men in Quetta.")
    done = subprocess.run([sys.executable, "-m", "incidents.reports", str(report)], cwd=PROJECT_ROOT,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 2 and "give --published" in done.stderr


def test_only_the_province_named_is_precision_3_at_the_capital():
    from geo.geocoding import GazetteerGeocoder
    from incidents.reports.extract import extract_incidents, proposals_frame

    text = "QUETTA (Wire) - Gunmen shot dead two labourers in Balochistan on Monday, officials said."
    frame = proposals_frame(extract_incidents(text, dt.date(2020, 1, 8), GazetteerGeocoder()), "Wire", text)
    assert list(frame[["location", "geo_precision", "admin2", "fatalities"]].iloc[0]) == [
        "Balochistan",
        "3",
        "",
        "2",
    ]


def test_highlighted_evidence_is_escaped():
    import json

    import pandas as pd

    from incidents.reports.review import highlighted_evidence

    text = 'Gunmen <script>alert(1)</script> shot dead 3 "men" in Quetta & left.'
    proposal = pd.Series(
        {
            "evidence": json.dumps({"fatalities": "shot dead 3", "location": "Quetta"}),
            "report_sentences": json.dumps([[0, len(text)]]),
        }
    )
    (sentence,) = highlighted_evidence(text, proposal).sentences
    assert "<script>" not in sentence and "&lt;script&gt;" in sentence
    assert '<mark title="fatalities">shot dead 3</mark>' in sentence
    assert '<mark title="location">Quetta</mark>' in sentence and "&amp; left." in sentence
