"""Excel export of filtered incidents: an "incidents" sheet and an "about this export" sheet
with the filter in words and a link back.

openpyxl turns any text starting with "=" into a formula; every text cell is therefore
written with the string type set, so a spreadsheet shows it and never runs it.
"""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.utils import get_column_letter

from incidents.export import exported_rows
from incidents.export_manifest import ExportManifest

# A worksheet holds 1,048,576 rows, one of them the header.
EXCEL_MAX_ROWS = 1_048_575


def incidents_to_excel(incidents: pd.DataFrame, manifest: ExportManifest) -> bytes:
    if len(incidents) > EXCEL_MAX_ROWS:
        raise ValueError(
            f"{len(incidents):,} incidents do not fit in an Excel sheet ({EXCEL_MAX_ROWS:,} rows at most); "
            "narrow the filter or export CSV or GeoJSON."
        )
    # Write-only: rows stream to the file instead of living as cell objects, so memory stays flat.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("incidents")
    frame = exported_rows(incidents)
    visible = list(frame.columns)
    for index, column in enumerate(visible, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 40 if column in ("notes", "source_url") else 16
    sheet.freeze_panes = "A2"
    sheet.append(_cells(sheet, visible))
    for row in frame.itertuples(index=False):
        sheet.append(_cells(sheet, row))
    about = workbook.create_sheet("about this export")
    about.column_dimensions["A"].width = 12
    about.column_dimensions["B"].width = 120
    for pair in manifest.as_pairs():
        about.append(_cells(about, pair))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cells(sheet, values) -> list:
    cells = []
    for value in values:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            cells.append(None)
        elif isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = TYPE_STRING  # text, never a formula
            cells.append(cell)
        else:
            cells.append(value.item() if hasattr(value, "item") else value)
    return cells
