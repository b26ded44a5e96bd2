"""Excel export of filtered incidents: an "incidents" sheet and an "about this export" sheet
with the filter in words and a link back.

openpyxl turns any text starting with "=" into a formula; every text cell is therefore
written with the string type set, so a spreadsheet shows it and never runs it.
"""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.utils import get_column_letter

from incidents.export_manifest import ExportManifest

# A worksheet holds 1,048,576 rows, one of them the header.
EXCEL_MAX_ROWS = 1_048_575


def incidents_to_excel(incidents: pd.DataFrame, manifest: ExportManifest) -> bytes:
    if len(incidents) > EXCEL_MAX_ROWS:
        raise ValueError(
            f"{len(incidents):,} incidents do not fit in an Excel sheet ({EXCEL_MAX_ROWS:,} rows at most); "
            "narrow the filter or export CSV or GeoJSON."
        )
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "incidents"
    visible = [column for column in incidents.columns if not str(column).startswith("_")]
    frame = incidents[visible].copy()
    frame["event_date"] = frame["event_date"].dt.strftime("%Y-%m-%d")
    _write_row(sheet, 1, visible)
    for number, row in enumerate(frame.itertuples(index=False), start=2):
        _write_row(sheet, number, row)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(visible, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 40 if column in ("notes", "source_url") else 16
    about = workbook.create_sheet("about this export")
    for number, pair in enumerate(manifest.as_pairs(), start=1):
        _write_row(about, number, pair)
    about.column_dimensions["A"].width = 12
    about.column_dimensions["B"].width = 120
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_row(sheet, number: int, values) -> None:
    for column, value in enumerate(values, start=1):
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            continue
        cell = sheet.cell(row=number, column=column)
        if isinstance(value, str):
            cell.value = value
            cell.data_type = TYPE_STRING  # text, never a formula
        else:
            cell.value = value.item() if hasattr(value, "item") else value
