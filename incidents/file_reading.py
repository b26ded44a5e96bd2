"""One reader for every data file: the app's incidents file, an Add data upload, a file on the command line.

Each step refuses what it cannot read with a DataFileError whose message names
the file and the problem; nothing else escapes.

1. The path (`read_file_bytes`): it must exist and be a regular file, not a
   folder, named pipe (FIFO), device or socket, nor a symbolic-link loop, and
   hold at most `max_bytes`. The size is checked with stat before anything is
   read, and the read stops one byte past the limit, so a file that reports a
   size of 0 but never ends (a device, a /proc file) cannot fill the memory.
2. The bytes (`decode_text`): UTF-8 with or without BOM, UTF-16 with a BOM
   (Excel's "Unicode text"), else Windows-1252/Latin-1 with a note. A NUL byte
   means binary data or a damaged file, and is refused.
3. Row ends (`normalise_row_ends`): CR LF, LF and a lone CR (Excel for Mac)
   end a row wherever they stand outside a quoted cell. In a file whose first
   line ends in another line separator (U+2028, U+2029, NEL U+0085, VT or FF),
   those characters end rows too, outside quoted cells; in any other file they
   are text within a cell, so a note holding U+2028 never splits its row.
4. Cells (`table_from_text`): the separator is the commonest of the allowed
   ones in the first line; header names are trimmed (and cleaned of a mangled
   byte-order mark), and two names equal once trimmed are refused; a blank
   name between named columns becomes "Unnamed: N". Cells after the last named
   column must be blank and are dropped (they hold nothing: a row followed by
   100,000 commas costs milliseconds); a value there refuses the file, naming
   the row. Short rows are filled with blanks; empty lines are skipped, as
   pandas does. A header of more than MAX_COLUMNS names is refused before
   any frame is built.
"""

from __future__ import annotations

import codecs
import csv
import errno
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from incidents.errors import DataFileError
from incidents.settings import (
    DEFAULT_MAX_FILE_MB,
    MAX_FILE_MB_ENVIRONMENT,
    MAX_FILE_MB_FLAG,
    megabytes_to_bytes,
)
from incidents.validation import FIRST_DATA_ROW

DEFAULT_MAX_FILE_BYTES = megabytes_to_bytes(DEFAULT_MAX_FILE_MB)
# Read in pieces, so a file that grows (or never ends) is stopped at the limit.
_READ_CHUNK_BYTES = 1 << 20

# Line separators some tools end rows with (Unicode's, NEL, vertical tab, form feed).
OTHER_ROW_ENDS = "\u2028\u2029\u0085\x0b\x0c"
_ROW_END_NAMES = {
    "\u2028": "U+2028 line separator",
    "\u2029": "U+2029 paragraph separator",
    "\u0085": "U+0085 next-line (NEL)",
    "\x0b": "vertical tab",
    "\x0c": "form feed",
}
# A quoted cell (only at the start of a cell, as the csv module reads it) or a row end.
_QUOTED_CELL_OR_ROW_END = re.compile(
    rf'(?<![^,;\t\r\n{OTHER_ROW_ENDS}])"[^"]*(?:""[^"]*)*"|[\r\n{OTHER_ROW_ENDS}]'
)
_OTHER_ROW_END = re.compile(f"[{OTHER_ROW_ENDS}]")
_PLAIN_ROW_END = re.compile(r"[\r\n]")
# A line and its end (CR LF, LF or CR), or the last line without one.
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+\Z")

# A UTF-8 byte-order mark read as Latin-1 or kept by a careless tool: GTD's
# "eventid" header often arrives as "ï»¿eventid" or "\ufeffeventid".
_MANGLED_BOMS = ("\ufeff", "ï»¿", "Ã¯Â»Â¿")
# The start of files that are certainly not text: zip (xlsx), OLE2 (xls), gzip, PDF.
_BINARY_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x1f\x8b", b"%PDF")
_NOT_TEXT = (
    "is not a text CSV file (it holds binary data; is it an Excel workbook or a compressed "
    "file? Save it as CSV, UTF-8)"
)
# Longest header name or cell quoted in a message; a file may hold one of megabytes.
_QUOTED_TEXT_LIMIT = 60
_NAMES_IN_A_MESSAGE = 12

# Far more than any incidents export (GTD's 135 columns); a wider "header" is a line of
# data or of separators, and a frame of 100,000 columns takes pandas seconds to build.
MAX_COLUMNS = 1_000
# Rows parsed into lists of strings before they become columns of a frame (see table_from_rows).
ROWS_PER_PART = 50_000
# Only the app's own file format: comma-separated.
COMMA_ONLY = (",",)


@dataclass(frozen=True)
class TextTable:
    """A delimited text file's cells as strings, plus what the analyst should know about reading it."""

    frame: pd.DataFrame
    notes: tuple[str, ...] = field(default_factory=tuple)
    separator: str = ","


def read_file_bytes(
    path: str | Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES, description: str = "file"
) -> bytes:
    """The bytes of the regular file at `path`, at most `max_bytes` of them.

    `description` names the file in messages ("incidents file").
    """
    path = Path(path)
    try:
        status = os.stat(path)
    except OSError as error:
        raise DataFileError(_cannot_open(path, error, description)) from error
    _refuse_unless_regular(path, status.st_mode, description)
    _refuse_if_too_large(path, status.st_size, max_bytes)
    try:
        # O_NONBLOCK: should a named pipe take the file's place after the check
        # above, opening it returns at once instead of waiting for a writer.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise DataFileError(_cannot_open(path, error, description)) from error
    try:
        _refuse_unless_regular(path, os.fstat(descriptor).st_mode, description)
        return _read_at_most(descriptor, path, max_bytes)
    except OSError as error:
        raise DataFileError(f"{path} could not be read: {error.strerror or error}.") from error
    finally:
        os.close(descriptor)


def _cannot_open(path: Path, error: OSError, description: str) -> str:
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return f"No {description} at {path}."
    if error.errno == errno.ELOOP:
        return (
            f"{path} is a symbolic link that leads back to itself (a link loop), so there is no "
            f"{description} to read. Give the path of the file itself."
        )
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"{path} cannot be read (permission denied)."
    return f"{path} cannot be opened: {error.strerror or error}."


def _refuse_unless_regular(path: Path, mode: int, description: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        kind = "a folder"
    elif stat.S_ISFIFO(mode):
        kind = "a named pipe (FIFO), which could keep the reader waiting forever"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device, whose data may never end"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    else:
        kind = "something other than a regular file"
    raise DataFileError(f"{path} is {kind}; the {description} must be a regular file.")


def _refuse_if_too_large(path: Path, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise DataFileError(
            f"{path.name} is {_megabytes(size)}, more than the {_megabytes(max_bytes)} this app reads "
            f"(set {MAX_FILE_MB_FLAG} or {MAX_FILE_MB_ENVIRONMENT} to allow more). "
            "Nothing was read."
        )


def _read_at_most(descriptor: int, path: Path, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(descriptor, min(_READ_CHUNK_BYTES, max_bytes + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            # Its size said otherwise: it grew while being read, or is not what stat says.
            raise DataFileError(
                f"{path.name} holds more than the {_megabytes(max_bytes)} this app reads "
                f"(set {MAX_FILE_MB_FLAG} or {MAX_FILE_MB_ENVIRONMENT} to allow more); "
                "reading stopped there."
            )


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):,.1f} MB"


def decode_text(raw: bytes, name: str = "the file") -> tuple[str, tuple[str, ...]]:
    """Text of a file: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 with a note.

    Raises DataFileError for an empty or binary file.
    """
    if not raw or raw.isspace():  # not raw.strip(): that would copy a file of megabytes
        raise DataFileError(f"{name} is empty: it has no header and no rows.")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = raw.decode("utf-16", errors="replace")
        _refuse_nul(text.find("\x00"), name)
        return text, ()
    if raw.startswith(_BINARY_SIGNATURES):
        raise DataFileError(f"{name} {_NOT_TEXT}.")
    _refuse_nul(raw.find(b"\x00"), name)
    try:
        return raw.decode("utf-8-sig"), ()
    except UnicodeDecodeError as error:
        # Old GTD and spreadsheet exports are Latin-1/Windows-1252; reading them
        # loses nothing, but the analyst should know accents may look wrong.
        text = raw.decode("cp1252", errors="replace")
        note = (
            f"{name} is not UTF-8 (first bad byte at position {error.start}); "
            "it was read as Windows-1252/Latin-1. Check names with accents, or "
            "save the file as CSV UTF-8."
        )
        return text, (note,)


def _refuse_nul(position: int, name: str) -> None:
    if position < 0:
        return
    if position < 4096:
        raise DataFileError(f"{name} {_NOT_TEXT}.")
    # Deep in a text file, NUL bytes are damage (a write cut short, a disk error), not data.
    raise DataFileError(
        f"{name} holds a NUL byte at position {position:,}: the file is damaged or not text. "
        "Open it in a spreadsheet and save it again as CSV, UTF-8."
    )


def normalise_row_ends(text: str) -> str:
    """`text` with the row ends of a file that ends its lines in U+2028, NEL, VT, FF... made LF.

    The rule (module docstring): only a file whose first line ends in one of
    OTHER_ROW_ENDS has them as row ends, and then only outside quoted cells.
    CR LF, LF and CR are left as they are: the csv module ends rows at each.
    """
    if not _OTHER_ROW_END.search(text):
        return text
    first_end = next(
        (match.group() for match in _QUOTED_CELL_OR_ROW_END.finditer(text) if len(match.group()) == 1),
        "",
    )
    if not first_end or first_end not in OTHER_ROW_ENDS:
        return text
    return _QUOTED_CELL_OR_ROW_END.sub(_row_end_as_line_feed, text)


def _row_end_as_line_feed(match: re.Match[str]) -> str:
    # A match of one character is a row end; a quoted cell is at least two ("") and stays as it is.
    found = match.group()
    return "\n" if len(found) == 1 and found in OTHER_ROW_ENDS else found


def decode_csv_bytes(raw: bytes, name: str = "the file") -> tuple[str, tuple[str, ...]]:
    """Text of a CSV file (`decode_text`) with its row ends normalised (`normalise_row_ends`)."""
    text, notes = decode_text(raw, name)
    return normalise_row_ends(text), notes


def clean_header(column: object) -> str:
    """A header name trimmed of spaces and of a byte-order mark, however mangled."""
    text = str(column).strip()
    for mark in _MANGLED_BOMS:
        if text.startswith(mark):
            text = text[len(mark) :]
    return text.strip()


def shorten(text: object, limit: int = _QUOTED_TEXT_LIMIT) -> str:
    """`text` cut to `limit` characters for a message, with its full length said when cut."""
    text = str(text)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"


def describe_columns(columns: Iterable[object]) -> str:
    """Header names for a message: the first dozen, each shortened."""
    names = [shorten(column) for column in columns]
    shown = ", ".join(names[:_NAMES_IN_A_MESSAGE]) or "no columns"
    more = len(names) - _NAMES_IN_A_MESSAGE
    return f"{shown} … and {more:,} more" if more > 0 else shown


def detect_separator(text: str, separators: Sequence[str]) -> str:
    """The separator among `separators` used most in the first line (the first one on a tie)."""
    if len(separators) == 1:
        return separators[0]
    end = _PLAIN_ROW_END.search(text)
    first_line = text[: end.start()] if end else text
    return max(separators, key=first_line.count)


def table_from_text(text: str, name: str, separators: Sequence[str] = COMMA_ONLY) -> TextTable:
    """All cells of delimited `text` as strings, with the rules of the module docstring."""
    separator = detect_separator(text, separators)
    # The csv module refuses cells over 128 KB by default; a cell can be as long as
    # the file allowed in, and a file's size is limited where it is read.
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    reader = csv.reader(text_lines(text), delimiter=separator)
    rows = filter(None, reader)  # an empty line ([]) is no row, as in pandas
    try:
        header = next(rows, None)
        if header is None:
            raise DataFileError(f"{name} is empty: it has no header and no rows.")
        frame = table_from_rows(header, rows, name)
    except csv.Error as error:
        raise DataFileError(
            f"{name} is not a readable CSV file (line {reader.line_num}: {error})."
        ) from error
    return TextTable(frame=frame, separator=separator)


def text_lines(text: str) -> Iterator[str]:
    """The lines of `text` with their ends, as `io.StringIO(text, newline="")` gives them.

    A line ends at CR LF, LF or a lone CR. One line at a time: StringIO would first copy
    the whole text at four bytes a character (1.2 GB for a 300 MB file).
    """
    return (match.group() for match in _LINE.finditer(text))


def table_from_rows(header: Sequence[object], rows: Iterable[list[str]], name: str) -> pd.DataFrame:
    """A frame of string cells from a header row and data rows (lists of strings, changed in place).

    Each row is cut to the header's width as it is read, so a row of 100,000
    commas is never kept whole. Rows become columns of text every ROWS_PER_PART rows:
    a cell held as a Python string in a list takes several times its size.
    """
    names = column_names(header, name)
    width = len(names)
    parts: list[pd.DataFrame] = []
    fitted: list[list[str]] = []
    first_beyond: tuple[int, int, str, set[str]] | None = None
    rows_beyond = 0
    for position, row in enumerate(rows):
        if len(row) < width:
            row.extend([""] * (width - len(row)))
        elif len(row) > width:
            extra = next((index for index in range(width, len(row)) if row[index].strip()), None)
            if extra is not None:
                rows_beyond += 1
                if first_beyond is None:
                    # Line separators in the row: signs of two rows glued together.
                    glue = {character for cell in row for character in _OTHER_ROW_END.findall(cell)}
                    first_beyond = (position + FIRST_DATA_ROW, extra + 1, row[extra], glue)
            del row[width:]
        if first_beyond is not None:
            continue  # the file is refused: its rows are only counted
        fitted.append(row)
        if len(fitted) == ROWS_PER_PART:
            parts.append(pd.DataFrame(fitted, columns=names, dtype=str))
            fitted = []
    if first_beyond is not None:
        raise DataFileError(_beyond_header_message(name, width, first_beyond, rows_beyond))
    if fitted or not parts:
        parts.append(pd.DataFrame(fitted, columns=names, dtype=str))
    if len(parts) == 1:
        return parts[0]
    return pd.concat(parts, ignore_index=True)


def column_names(header: Sequence[object], name: str) -> list[str]:
    """Cleaned header names up to the last named column; a blank one in between is "Unnamed: N".

    Raises DataFileError when the header names nothing or names a column twice.
    """
    cleaned = ["" if cell is None or (isinstance(cell, float) and pd.isna(cell)) else clean_header(cell)
               for cell in header]  # fmt: skip
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    if not cleaned:
        raise DataFileError(f"{name} has no column names in its first line.")
    if len(cleaned) > MAX_COLUMNS:
        raise DataFileError(
            f"{name} has {len(cleaned):,} columns in its first line; the widest file this app reads "
            f"(a GTD export) has 135, and it reads at most {MAX_COLUMNS:,}. Is the first line the header, "
            "and is the separator right?"
        )
    # pandas' name for a column without one, so such files read as they always have.
    names = [column or f"Unnamed: {index}" for index, column in enumerate(cleaned)]
    counts = Counter(names)
    repeated = [column for column, count in counts.items() if count > 1]
    if repeated:
        where = "; ".join(
            f"{shorten(column)!r} (columns "
            + ", ".join(str(index + 1) for index, other in enumerate(names) if other == column)
            + ")"
            for column in repeated[:_NAMES_IN_A_MESSAGE]
        )
        raise DataFileError(
            f"{name} has repeated column names (equal once spaces are trimmed): {where}. "
            "Rename or remove all but one of each."
        )
    return names


def _beyond_header_message(name: str, width: int, first: tuple[int, int, str, set[str]], count: int) -> str:
    row_number, column, value, glue = first
    others = f" (and {count - 1:,} more rows like it)" if count > 1 else ""
    message = (
        f"{name}: row {row_number} has a value in column {column} ({shorten(value)!r}), but the header "
        f"names only {width} columns{others}. Is a separator inside a cell that is not in quotes, or "
        "does a column lack a name? Quote the cell or name the column."
    )
    if glue:
        # Two rows glued by a line separator this file does not end its lines with.
        kinds = ", ".join(sorted(_ROW_END_NAMES[character] for character in glue))
        message += f" The row holds a {kinds}: if it is two rows, end each with a plain line break."
    return message


def read_text_table(raw: bytes, name: str, separators: Sequence[str] = COMMA_ONLY) -> TextTable:
    """Decode, normalise and parse a delimited text file's bytes: the one path every reader takes."""
    text, notes = decode_csv_bytes(raw, name)
    table = table_from_text(text, name, separators)
    return TextTable(frame=table.frame, notes=notes, separator=table.separator)
