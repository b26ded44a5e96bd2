"""python -m incidents.reports: proposals for report files as CSV on stdout, with the app's settings."""

from __future__ import annotations

import csv
import io

from incidents.reports.__main__ import main
from tests.conftest import FIXTURES

SIBI = FIXTURES / "reports" / "16_sibi_explicit_date.txt"


def test_proposals_for_a_report_as_csv(capsys, data_copy):
    status = main([str(SIBI), "--published", "2022-01-06", "--source", "Wire", "--data", str(data_copy)])
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 1
    assert rows[0]["admin2"] == "Sibi" and rows[0]["source"].startswith("Wire")
    assert rows[0]["report_sha256"]


def test_a_missing_report_file_is_named_and_the_status_says_so(capsys, data_copy, tmp_path):
    status = main([str(tmp_path / "nowhere.txt"), "--published", "2022-01-06", "--data", str(data_copy)])
    assert status == 2
    assert "nowhere.txt" in capsys.readouterr().err
