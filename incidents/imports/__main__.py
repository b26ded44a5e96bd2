"""Import incident files from the command line: python -m incidents.imports FILE [FILE ...]

Reads each file (this project's CSV, an ACLED, UCDP GED or GTD export, or a
sheet of dates and place names), geocodes rows without coordinates through the
gazetteer (and Nominatim with --online), checks them, skips incidents already
in the data file, and appends the rest atomically after keeping a backup.
Exit status: 0 all rows saved or already present, 1 some rows could not be
used (they are listed), 2 the file could not be read.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

from geo.online import DEFAULT_CACHE_PATH, CachedOnlineGeocoder
from incidents.command_line import add_setting_arguments, tool_geocoder, tool_settings
from incidents.errors import IncidentsError
from incidents.file_reading import read_file_bytes
from incidents.imports.pipeline import check_import, geocode_missing, read_upload, rows_to_save, save_import
from incidents.loading import load_incidents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m incidents.imports", description=__doc__.split("\n\n")[1])
    parser.add_argument("files", nargs="+", type=Path, help="CSV or Excel files to import")
    parser.add_argument(
        "--online", action="store_true", help="ask Nominatim for places the gazetteer lacks (1/s, cached)"
    )
    parser.add_argument(
        "--cache", type=Path, default=DEFAULT_CACHE_PATH, help="Nominatim answers cache (JSON)"
    )
    parser.add_argument(
        "--keep-duplicates", action="store_true", help="save rows that match an existing incident"
    )
    parser.add_argument("--dry-run", action="store_true", help="check and report, save nothing")
    add_setting_arguments(parser)
    argv = sys.argv[1:] if argv is None else argv
    arguments = parser.parse_args(argv)
    # The same settings as the app, read the same way (incidents.command_line).
    settings = tool_settings(argv, os.environ)
    arguments.data, arguments.max_file_bytes = settings.data_path, settings.max_file_bytes
    arguments.cache_dirs = settings.cache_dirs

    geocoder = tool_geocoder(settings)
    online = CachedOnlineGeocoder(arguments.cache) if arguments.online else None
    status = 0
    for path in arguments.files:
        try:
            status = max(status, _import_one(path, arguments, geocoder, online))
        except (IncidentsError, OSError) as error:
            print(f"{path}: {error}", file=sys.stderr)
            status = 2
    return status


def _existing_incidents(
    data: Path, max_bytes: int, empty: pd.DataFrame, cache_dirs: tuple[Path, ...] = ()
) -> pd.DataFrame:
    """The data file's incidents; none when there is no file yet (the first save creates it).

    lexists, not exists: a symbolic-link loop or a dangling link is a file the
    loader must refuse with its reason, not a data file to create.
    """
    if not os.path.lexists(data):
        return empty
    return load_incidents(data, max_bytes, cache_dirs=cache_dirs).incidents


def _import_one(path: Path, arguments, geocoder, online) -> int:
    upload = read_upload(read_file_bytes(path, arguments.max_file_bytes), path.name)
    print(f"{path}: {len(upload.rows)} rows, read as {upload.format_label}")
    for note in upload.notes:
        print(f"  note: {note}")
    rows, notes = geocode_missing(upload.rows, geocoder, online)
    for note in notes:
        print(f"  note: {note}")
    existing = _existing_incidents(
        arguments.data, arguments.max_file_bytes, rows.iloc[0:0], arguments.cache_dirs
    )
    checked = check_import(rows, existing)
    for problem in checked.problems.itertuples():
        print(
            f"  row {problem.row}, {problem.column}: {problem.reason} ({problem.severity}; value {problem.value!r})"
        )
    for match in checked.duplicates.itertuples():
        existing_id = existing.loc[match.existing_row, "event_id_cnty"]
        print(f"  row {match.new_row + 2}: same incident as {existing_id} ({match.days_apart} days, {match.km_apart} km apart)"
              f"{'; kept' if arguments.keep_duplicates else '; skipped'}")  # fmt: skip
    keep = checked.duplicate_rows if arguments.keep_duplicates else set()
    chosen = rows_to_save(checked, keep)
    rejected = len(rows) - len(checked.incidents)
    if arguments.dry_run or chosen.empty:
        print(f"  {len(chosen)} rows would be added to {arguments.data}; nothing saved"
              f"{' (dry run)' if arguments.dry_run else ''}.")  # fmt: skip
    else:
        result = save_import(arguments.data, chosen)
        print(f"  {result.rows_added} rows added to {result.path} ({result.rows_before} before; "
              f"ids {result.new_ids[0]}..{result.new_ids[-1]}); backup {result.backup_path}")  # fmt: skip
    return 1 if rejected else 0


if __name__ == "__main__":
    sys.exit(main())
