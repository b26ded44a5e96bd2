"""The pages through Streamlit's AppTest: each runs, filters change counts, errors are clear.

Pages are also tested as scripts of their own: AppTest resets Streamlit's
"pages/ folder" detection before every run, so after the first run of
dashboard.py it would run pages/*.py directly anyway (see ui.context.page_context).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT_ROOT, csv_bytes

DASHBOARD = str(PROJECT_ROOT / "dashboard.py")
SHIPPED_DATA = PROJECT_ROOT / "data" / "incidents.csv"
TIMEOUT = 60


def _app(monkeypatch, data_path: Path, script: str = "pages/map.py", **environment) -> AppTest:
    monkeypatch.setenv("INCIDENTS_CSV", str(data_path))
    monkeypatch.setenv("INCIDENTS_TILES", "none")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return AppTest.from_file(str(PROJECT_ROOT / script), default_timeout=TIMEOUT)


def _text(markdown: str) -> str:
    return markdown.replace("\\", "").replace("**", "")


def _metric(app: AppTest, label: str) -> str:
    return next(metric.value for metric in app.metric if metric.label == label)


@pytest.mark.parametrize("data", ["fixture", "shipped"])
def test_dashboard_opens_on_the_map_page(monkeypatch, small_incidents_path, data):
    path = small_incidents_path if data == "fixture" else SHIPPED_DATA
    app = _app(monkeypatch, path, script="dashboard.py")
    app.run()
    assert not app.exception, app.exception
    assert app.title[0].value == "Political violence in Balochistan"
    assert app.multiselect(key="district").options  # the filter sidebar


@pytest.mark.parametrize(
    "page", ["pages/map.py", "pages/data.py", "pages/add_data.py", "pages/add_report.py", "pages/about.py"]
)
@pytest.mark.parametrize("data", ["fixture", "shipped"])
def test_every_page_runs(monkeypatch, small_incidents_path, page, data):
    path = small_incidents_path if data == "fixture" else SHIPPED_DATA
    app = _app(monkeypatch, path, script=page)
    app.run()
    assert not app.exception, app.exception
    assert app.title


def test_map_page_headline(monkeypatch, small_incidents_path):
    app = _app(monkeypatch, small_incidents_path)
    app.run()
    assert not app.exception
    assert _metric(app, "Incidents") == "4"
    assert _metric(app, "Fatalities") == "40"
    assert "4 of 4 incidents, 40 fatalities: no filter" in _text(app.markdown[0].value)


def test_district_filter_changes_counts(monkeypatch, small_incidents_path):
    app = _app(monkeypatch, small_incidents_path)
    app.run()
    app.multiselect(key="district").set_value(["Mastung"]).run()
    assert not app.exception
    assert _metric(app, "Incidents") == "2"
    assert _metric(app, "Fatalities") == "37"
    assert "district is Mastung" in _text(app.markdown[0].value)


def test_other_filters_change_counts(monkeypatch, small_incidents_path):
    app = _app(monkeypatch, small_incidents_path)
    app.run()
    app.multiselect(key="actor").set_value(["IS: Islamic State"]).run()
    assert _metric(app, "Incidents") == "2"
    app.number_input(key="min_fatalities").set_value(20).run()
    assert _metric(app, "Incidents") == "1"
    app.text_input(key="q").set_value("no such words").run()
    assert _metric(app, "Incidents") == "0"
    assert any("No incident matches" in info.value for info in app.info)
    app.button[0].click().run()  # Clear filters
    assert _metric(app, "Incidents") == "4"


def test_url_reproduces_the_filter(monkeypatch, small_incidents_path):
    app = _app(monkeypatch, small_incidents_path)
    app.query_params["district"] = ["Kech"]
    app.query_params["event_type"] = ["Violence against civilians"]
    app.run()
    assert not app.exception
    assert app.multiselect(key="district").value == ["Kech"]
    assert _metric(app, "Incidents") == "1"


def test_data_page_table_and_download(monkeypatch, small_incidents_path):
    app = _app(monkeypatch, small_incidents_path, script="pages/data.py")
    app.run()
    app.multiselect(key="district").set_value(["Mastung"]).run()
    assert not app.exception
    table = app.dataframe[0].value
    assert len(table) == 2
    assert "_actors" not in table.columns
    quality = app.expander[0]
    assert quality.label == "Data quality: 6 rows read, 4 loaded, 2 rejected, 1 flagged"
    problems = app.dataframe[1].value
    assert list(problems["row"]) == [5, 6, 7]
    assert list(problems["severity"]) == ["rejected", "rejected", "flagged"]


def test_data_quality_names_rejected_rows(monkeypatch, small_incidents_path):
    app = _app(monkeypatch, small_incidents_path)
    app.run()
    problems = next(frame.value for frame in app.dataframe if "reason" in frame.value.columns)
    assert set(problems["row"]) == {5, 6, 7}
    assert "not an ACLED event type" in " ".join(problems["reason"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"date,place\n2020-01-01,Quetta\n", "lacks the column"),
    ],
    ids=["empty", "wrong-columns"],
)
def test_unusable_file_shows_a_message_not_a_traceback(monkeypatch, tmp_path, content, message):
    path = tmp_path / "mine.csv"
    path.write_bytes(content)
    app = _app(monkeypatch, path, script="dashboard.py")
    app.run()
    assert not app.exception
    assert message in app.error[0].value


def test_missing_file_shows_a_message(monkeypatch, tmp_path):
    app = _app(monkeypatch, tmp_path / "missing.csv")
    app.run()
    assert not app.exception
    assert "No incidents file" in app.error[0].value


def test_bad_boundaries_file_is_a_warning_and_the_map_still_runs(monkeypatch, tmp_path, small_incidents_path):
    path = tmp_path / "b.geojson"
    path.write_text("nope")
    app = _app(monkeypatch, small_incidents_path, INCIDENTS_BOUNDARIES=str(path))
    app.run()
    assert not app.exception
    assert "not a GeoJSON file" in app.warning[0].value
    assert _metric(app, "Incidents") == "4"


def test_data_quality_panel_checks_districts_against_boundaries(
    monkeypatch, tmp_path, district_boundaries_path
):
    path = tmp_path / "mislabelled.csv"
    # Turbat's point labelled Gwadar: the label stays, the panel names the polygon's district.
    path.write_bytes(csv_bytes([{"admin2": "Gwadar", "latitude": "26.00122", "longitude": "63.04849"}]))
    app = _app(monkeypatch, path, script="pages/data.py", INCIDENTS_BOUNDARIES=str(district_boundaries_path))
    app.run()
    assert not app.exception, app.exception
    warning = next(block.value for block in app.warning if "District check" in block.value)
    assert "1 incident(s) have a point in another district" in warning
    assert list(app.dataframe[-1].value["district_of_point"]) == ["Kech"]


def test_without_boundaries_the_panel_says_labels_are_used(monkeypatch, small_incidents_path):
    app = _app(monkeypatch, small_incidents_path, script="pages/data.py", INCIDENTS_BOUNDARIES="none")
    app.run()
    assert any("boundaries are turned off" in caption.value for caption in app.caption)


def test_a_fresh_install_checks_districts_against_the_shipped_polygons(monkeypatch, small_incidents_path):
    app = _app(monkeypatch, small_incidents_path, script="pages/data.py")
    app.run()
    assert not app.exception, app.exception
    shown = [block.value for block in [*app.success, *app.warning]]
    assert any("District check" in text and "balochistan_districts.geojson" in text for text in shown), shown


def test_a_long_list_of_district_disagreements_is_cut_and_says_so(
    monkeypatch, tmp_path, district_boundaries_path
):
    import ui.panels

    monkeypatch.setattr(ui.panels, "DISAGREEMENTS_SHOWN", 2)
    path = tmp_path / "mislabelled.csv"
    turbat_labelled_gwadar = {"admin2": "Gwadar", "latitude": "26.00122", "longitude": "63.04849"}
    path.write_bytes(csv_bytes([{**turbat_labelled_gwadar, "event_id_cnty": f"X{n}"} for n in range(3)]))
    app = _app(monkeypatch, path, script="pages/data.py", INCIDENTS_BOUNDARIES=str(district_boundaries_path))
    app.run()
    assert not app.exception, app.exception
    warning = next(block.value for block in app.warning if "District check" in block.value)
    assert "3 incident(s) have a point in another district" in warning
    assert len(app.dataframe[-1].value) == 2
    assert any("first 2 of them" in caption.value for caption in app.caption)


def test_the_exact_places_switch_keeps_only_exact_points(monkeypatch, tmp_path):
    path = tmp_path / "precision.csv"
    path.write_bytes(
        csv_bytes([{"event_id_cnty": f"P{precision}", "geo_precision": str(precision)} for precision in (1, 2, 3)])
    )
    app = _app(monkeypatch, path)
    app.run()
    assert _metric(app, "Incidents") == "3"
    app.toggle(key="exact").set_value(True).run()
    assert not app.exception, app.exception
    assert _metric(app, "Incidents") == "1"


def test_headline_figures_show_the_change_against_the_previous_period(monkeypatch, tmp_path):
    from tests.incidents.test_comparison import ROWS

    path = tmp_path / "periods.csv"
    path.write_bytes(csv_bytes(ROWS))
    app = _app(monkeypatch, path)
    app.run()
    # The whole span: nothing before it to compare with, and the page says so.
    incidents = next(metric for metric in app.metric if metric.label == "Incidents")
    assert incidents.value == "6" and not incidents.delta
    assert any("No change shown" in _text(caption.value) for caption in app.caption)

    app.date_input(key="from").set_value(dt.date(2024, 3, 1)).run()
    app.date_input(key="to").set_value(dt.date(2024, 3, 31)).run()
    assert not app.exception, app.exception
    deltas = {metric.label: (metric.value, metric.delta) for metric in app.metric}
    assert deltas["Incidents"] == ("3", "+1 vs previous period")
    assert deltas["Fatalities"] == ("13", "+7 vs previous period")
    assert any("previous 31 days (30 Jan 2024 to 29 Feb 2024)" in _text(caption.value) for caption in app.caption)


def test_a_chosen_district_opens_its_profile_and_the_tabs_compare_districts_and_actors(monkeypatch, tmp_path):
    from tests.incidents.test_district_summary import BLA, ROWS

    path = tmp_path / "districts.csv"
    path.write_bytes(csv_bytes(ROWS))
    app = _app(monkeypatch, path)
    app.run()
    assert not any("District profile" in header.value for header in app.subheader)
    tables = [frame.value for frame in app.dataframe]
    ranked = next(table for table in tables if "rank_by_incidents" in table.columns)
    assert ranked["district"].tolist() == ["Kech", "Quetta", "Gwadar"]
    actors = next(table for table in tables if list(table.columns) == ["actor", "incidents", "fatalities"])
    assert actors.iloc[0].tolist() == [BLA, 4, 6]

    app.multiselect(key="district").set_value(["Kech"]).run()
    assert not app.exception, app.exception
    assert any("District profile: Kech" in header.value for header in app.subheader)
    assert next(metric.value for metric in app.metric if metric.label == "Rank by incidents") == "1 of 3"
    latest = next(frame.value for frame in app.dataframe if "source_url" in frame.value.columns)
    assert len(latest) == 3


def test_districts_can_be_shaded_by_a_rate(monkeypatch, small_incidents_path):
    app = _app(monkeypatch, small_incidents_path)
    app.run()
    assert not any(box.label == "Shade districts by" for box in app.selectbox)
    app.radio(key="layers").set_value("Districts shaded").run()
    shade = next(box for box in app.selectbox if box.label == "Shade districts by")
    assert shade.value == "incidents"
    shade.set_value("fatalities_per_100k").run()
    assert not app.exception, app.exception
    assert app.session_state["shade"] == "fatalities_per_100k"


def test_the_data_page_offers_csv_geojson_and_excel_and_the_map_page_a_brief(monkeypatch, small_incidents_path):
    data = _app(monkeypatch, small_incidents_path, script="pages/data.py")
    data.run()
    assert not data.exception, data.exception
    labels = [button.proto.label for button in data.get("download_button")]
    assert labels == ["Download 4 incidents as CSV", "GeoJSON", "Excel"]
    map_page = _app(monkeypatch, small_incidents_path)
    map_page.run()
    assert "Download a one-page brief (HTML)" in [button.proto.label for button in map_page.get("download_button")]
