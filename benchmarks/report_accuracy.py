"""Accuracy of report extraction, field by field, over the test reports in tests/fixtures/reports.

    .venv/bin/python benchmarks/report_accuracy.py

An expected incident is found when a proposal has its event type and district;
each of its other expected fields is then scored right or wrong. Incidents
proposed but not expected are counted too. Prints figures; asserts nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from incidents.reports.scoring import score_reports  # noqa: E402

REPORTS = PROJECT_ROOT / "tests" / "fixtures" / "reports"


def main() -> None:
    score = score_reports(REPORTS)
    print(f"{score.reports} reports, {score.expected} expected incidents, {score.found} found, "
          f"{score.extra} proposed but not expected")  # fmt: skip
    print(f"{'field':<16} {'right':>6} {'of':>4} {'accuracy':>9}")
    for name, (right, total) in score.fields.items():
        print(f"{name:<16} {right:>6} {total:>4} {right / total:>8.0%}")
    for line in score.misses:
        print("  miss:", line)


if __name__ == "__main__":
    main()
