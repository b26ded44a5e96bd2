"""The one error tree of the incidents core."""

from __future__ import annotations


class IncidentsError(Exception):
    """Base of every error the incidents core raises on purpose."""


class DataFileError(IncidentsError, ValueError):
    """A data file that cannot be read at all (missing, empty, not CSV, no required columns).

    The message is written for the analyst and names the file and the problem.
    """


class SaveLockedError(DataFileError):
    """A save that could not start because another save to the same data file was still running.

    Nothing was written; the analyst can simply try again.
    """
