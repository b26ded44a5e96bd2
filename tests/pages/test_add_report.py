"""The Add from report page through AppTest: paste, proposals with evidence, save, and the filters follow."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from incidents.loading import load_incidents
from tests.conftest import FIXTURES, SHARED
from tests.markdown_view import shown_text

SIBI_REPORT = FIXTURES / "reports" / "16_sibi_explicit_date.txt"


@pytest.fixture
def page(open_page):
    return open_page("pages/add_report.py")


def paste(app: AppTest, text: str, published: dt.date, outlet: str = "Wire") -> AppTest:
    app.text_area[0].input(text)
    app.date_input(key="report_date_0").set_value(published)
    app.text_input(key="report_source_0").input(outlet)
    app.run()
    assert not app.exception, app.exception
    return app


def test_page_explains_itself(page):
    assert page.title[0].value == "Add from report"
    assert "publication date" in page.markdown[0].value
    assert "Paste a report" in page.info[0].value


def test_seed_report_proposals_with_highlighted_evidence(page):
    if not (SHARED / "reports" / "mastung_raid_report.txt").exists():
        pytest.skip("../shared/reports is not beside this checkout")
    app = paste(
        page, (SHARED / "reports" / "mastung_raid_report.txt").read_text(), dt.date(2017, 6, 4), "VOA"
    )
    assert app.subheader[0].value == "5 proposed incident(s)"
    labels = [shown_text(expander.label) for expander in app.expander]
    assert any("(already in the data as T1)" in label for label in labels)  # the fixture has the raid
    assert sum("(claim)" in label for label in labels) == 2
    assert any("<mark" in block.value for block in app.html)
    assert shown_text(app.button[0].label) == "Save 2 incident(s) to incidents.csv"  # not the raid, not the claims
    chosen = app.multiselect[0]
    assert len(chosen.options) == 4  # the raid, already in the data, is not offered
    assert [label.split(",")[0] for label in chosen.values] == ["2. Suicide bomb", "3. Abduction/forced disappearance"]
    chosen.unselect(chosen.value[1]).run()
    assert shown_text(app.button[0].label) == "Save 1 incident(s) to incidents.csv"


def test_saving_a_proposal_adds_it_and_the_date_filter_follows(page, data_copy, monkeypatch):
    before = len(load_incidents(data_copy).incidents)
    app = paste(page, SIBI_REPORT.read_text(), dt.date(2024, 1, 4))
    assert app.subheader[0].value == "1 proposed incident(s)"
    assert app.date_input(key="to").value == dt.date(2019, 3, 2)  # the fixture's last incident
    app.button[0].click()
    app.run()
    assert not app.exception, app.exception
    assert "Saved 1 incident(s)" in app.success[0].value
    saved = load_incidents(data_copy).incidents
    assert len(saved) == before + 1
    assert saved.iloc[-1]["admin2"] == "Sibi" and saved.iloc[-1]["source"] == "Wire (2024-01-04)"
    # The sidebar's "To" was on the data's full span, so it moves to include the new incident.
    assert app.date_input(key="to").value == dt.date(2024, 1, 3)


def test_a_report_without_incidents_says_so(page):
    app = paste(page, (FIXTURES / "reports" / "05_none.txt").read_text(), dt.date(2022, 6, 15))
    assert "No incident found" in app.warning[0].value


def test_a_report_over_the_size_limit_is_refused_clearly(page):
    from incidents.reports.extract import MAX_REPORT_CHARACTERS

    page.text_area[0].input("Two soldiers were killed in Turbat on Sunday. " * (MAX_REPORT_CHARACTERS // 40))
    page.run()
    assert not page.exception, page.exception
    assert "split it" in shown_text(page.error[0].value)
    assert not page.expander  # nothing was extracted


def test_a_long_digest_shows_evidence_for_a_bounded_number_of_proposals(page):
    reports = sorted((FIXTURES / "reports").glob("*.txt"))
    digest = "\n\n".join(report.read_text() for report in reports * 3)
    app = paste(page, digest, dt.date(2024, 1, 5))
    proposals = len(app.data_editor[0].value) if app.data_editor else 0
    assert proposals > 30
    assert len(app.expander) == 30
    assert any(f"all {proposals:,}" in shown_text(caption.value) for caption in app.caption)
