"""Propose incidents from news reports: python -m incidents.reports REPORT [REPORT ...] --published YYYY-MM-DD

Writes the proposals as CSV to stdout: this project's canonical columns, plus
`evidence` (the words behind each field, JSON), `report_sentences` (character
ranges in the report), `is_claim`, `duplicate_of` (an existing incident's id)
and `report_sha256`. Reports are .txt or .html files; without --published the
date is looked for at the top of each report. Diagnostics go to stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

import pandas as pd

from incidents.command_line import add_setting_arguments, tool_geocoder, tool_settings
from incidents.errors import IncidentsError, ReportTooLongError
from incidents.loading import load_incidents
from incidents.reports.dates import find_publication_date
from incidents.reports.extract import extract_incidents, proposals_frame, read_report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m incidents.reports", description=__doc__.split("\n\n")[1])
    parser.add_argument("reports", nargs="+", type=Path, help=".txt or .html report files")
    parser.add_argument("--published", type=dt.date.fromisoformat, help="publication date, YYYY-MM-DD")
    parser.add_argument("--source", default="", help="outlet for the source column (default: the file name)")
    add_setting_arguments(parser)
    argv = sys.argv[1:] if argv is None else argv
    arguments = parser.parse_args(argv)
    # The same settings as the app, read the same way (incidents.command_line).
    settings = tool_settings(argv, os.environ)

    geocoder = tool_geocoder(settings)
    existing = None
    try:
        existing = load_incidents(settings.data_path, max_bytes=settings.max_file_bytes).incidents
    except IncidentsError as error:
        print(f"note: duplicates not checked ({error})", file=sys.stderr)
    frames, status = [], 0
    for path in arguments.reports:
        try:
            text = read_report(path.read_text(encoding="utf-8", errors="replace"))
        except (OSError, ReportTooLongError) as error:
            print(f"{path}: {error}", file=sys.stderr)
            status = 2
            continue
        published = arguments.published or find_publication_date(text)
        if published is None:
            print(f"{path}: no publication date in the text; give --published YYYY-MM-DD", file=sys.stderr)
            status = 2
            continue
        source = arguments.source or path.stem
        proposals = extract_incidents(text, published, geocoder)
        frame = proposals_frame(proposals, f"{source} ({published.isoformat()})", text, existing)
        print(f"{path}: {len(frame)} proposed incident(s)", file=sys.stderr)
        frames.append(frame)
    if frames:
        pd.concat(frames, ignore_index=True).to_csv(sys.stdout, index=False)
    return status


if __name__ == "__main__":
    sys.exit(main())
