"""Any text in any text column loads, draws, shows and exports as inert text (property-based).

Hypothesis writes arbitrary strings into every text column of an incidents
file; the file goes through the loader, the map build (rendered as folium and
branca render it, templates included), the Data page and the CSV export.
"""

from __future__ import annotations

import csv
import html
import io
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from incidents.export import incidents_to_csv
from incidents.loading import load_incidents_bytes
from maps.incident_map import build_map
from maps.tiles import resolve_tile_source
from tests.conftest import PROJECT_ROOT, csv_bytes
from tests.maps.payload_view import incident_data_in, text_column

TEXT_COLUMNS = (
    "event_id_cnty", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "admin1", "admin2",
    "admin3", "location", "source", "notes", "source_url",
)  # fmt: skip

# NUL marks a binary file, which the loader refuses as a whole, with a message; lone
# surrogates cannot be written to a file at all.
ANY_TEXT = st.text(alphabet=st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=60)
# Strings that often break things, mixed in so they are tried on every run.
NASTY = st.sampled_from(
    ["{{ 7*7 }}", "{% if %}", "{#", "${alert(1)}", "</script>", "=cmd|' /C calc'!A0", "a\r=1", "\\", "`",
     "![x](http://beacon.invalid/x.png)", "<img src=x onerror=alert(1)>", "\u2028", "\r\n\r\n", '"', ",;\t"]
)  # fmt: skip
CELL = st.one_of(ANY_TEXT, NASTY, st.lists(st.one_of(ANY_TEXT, NASTY), max_size=3).map("".join))
ROW = st.fixed_dictionaries({column: CELL for column in TEXT_COLUMNS})


def _same_words(left: str, right: str) -> bool:
    """Equal but for whitespace and line breaks, which loaders may normalise."""
    return left.split() == right.split()


def _load(row: dict):
    loaded = load_incidents_bytes(csv_bytes([row]))
    assert len(loaded.incidents) == 1, loaded.problems
    return loaded.incidents


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ROW)
def test_any_text_loads_draws_and_exports_inert(row):
    incidents = _load(row)
    for column in ("notes", "location", "source", "actor1"):
        assert _same_words(incidents.iloc[0][column], row[column]), column

    page = build_map(incidents, resolve_tile_source("none"), show_heat=True).get_root().render()
    data = incident_data_in(page)
    assert html.unescape(text_column(data, "notes")[0]) == incidents.iloc[0]["notes"]
    assert html.unescape(text_column(data, "location")[0]) == incidents.iloc[0]["location"]
    assert "<img" not in page and "<script>alert" not in page  # the page has no image of its own

    exported = incidents_to_csv(incidents).decode("utf-8-sig")
    records = list(csv.reader(io.StringIO(exported, newline="")))
    assert len(records) == 2
    for line in re.split(r"\r\n|\r|\n", exported):
        assert not line.startswith(("=", "+", "-", "@")), line
    for cell in records[1]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n"))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW, min_size=1, max_size=5))
def test_any_text_shows_on_the_data_page(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("data") / "incidents.csv"
    path.write_bytes(csv_bytes([{**row, "event_id_cnty": f"P{number}"} for number, row in enumerate(rows)]))
    with _environment(INCIDENTS_CSV=str(path), INCIDENTS_TILES="none"):
        app = AppTest.from_file(str(PROJECT_ROOT / "pages" / "data.py"), default_timeout=60)
        app.run()
    assert not app.exception, app.exception
    table = app.dataframe[0].value
    assert len(table) == len(rows)
    assert all(_same_words(shown, row["notes"]) for shown, row in zip(table["notes"], rows, strict=True))


class _environment:
    """Set environment variables for one block (monkeypatch is function-scoped, Hypothesis runs many)."""

    def __init__(self, **values: str):
        self._values = values
        self._saved: dict[str, str | None] = {}

    def __enter__(self):
        import os

        for name, value in self._values.items():
            self._saved[name] = os.environ.get(name)
            os.environ[name] = value

    def __exit__(self, *exc):
        import os

        for name, value in self._saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
