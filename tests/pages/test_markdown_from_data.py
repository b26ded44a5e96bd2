"""Text from data reaches the pages as text: no Markdown image, link or styling from a file or report.

A district label, a column header or a pasted report holding an image link
used to make every viewer's browser fetch it (a tracking beacon), tiles off.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import csv_bytes
from tests.markdown_view import fetched_by, markdown_shown_by, shown_text

BEACON = "![x](http://beacon.invalid/x.png)"


def _assert_nothing_fetched(app):
    assert not app.exception, app.exception
    for markdown in markdown_shown_by(app):
        assert not fetched_by(markdown), markdown
    for block in app.html:
        assert "<img" not in block.value and "beacon.invalid" not in block.value.replace("beacon.invalid/x", "")


@pytest.mark.parametrize("page", ["pages/map.py", "pages/data.py"])
def test_a_district_label_is_shown_as_text(open_page, data_copy, page):
    renamed = f"Quetta ({BEACON})"  # unified to Quetta, and the rename is listed
    data_copy.write_bytes(
        csv_bytes([{"admin2": BEACON}, {"admin2": renamed, "event_id_cnty": "T2"}, {"event_id_cnty": "T3"}])
    )
    app = open_page(page)
    _assert_nothing_fetched(app)
    assert any(f"{renamed} → Quetta" in shown_text(markdown) for markdown in markdown_shown_by(app))


def test_an_unrecognised_header_is_shown_as_text(open_page):
    app = open_page("pages/add_data.py")
    raw = b"date," + BEACON.encode() + b"\n2017-06-03,x\n"
    app.file_uploader[0].upload("strange.csv", raw, "text/csv")
    app.run()
    _assert_nothing_fetched(app)
    assert any(BEACON in shown_text(error.value) for error in app.error)  # the header is named, as text


def test_an_upload_named_like_markdown_is_shown_as_text(open_page):
    app = open_page("pages/add_data.py")
    app.file_uploader[0].upload(BEACON + ".csv", csv_bytes([{}]), "text/csv")
    app.run()
    _assert_nothing_fetched(app)


def test_a_pasted_report_is_shown_as_text(open_page):
    app = open_page("pages/add_report.py")
    report = (
        f"QUETTA: Two soldiers were killed when militants attacked a check post in Turbat on Sunday. {BEACON} "
        "The attackers fled."
    )
    app.text_area[0].input(report)
    app.date_input(key="report_date_0").set_value(dt.date(2017, 6, 4))
    app.text_input(key="report_source_0").input(BEACON)
    app.run()
    _assert_nothing_fetched(app)
    assert app.html and any("beacon.invalid" in block.value for block in app.html)  # shown, inert
