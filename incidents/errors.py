"""The one error tree of the incidents core."""

from __future__ import annotations

from geo.errors import ProjectError


class IncidentsError(ProjectError):
    """Base of every error the incidents core raises on purpose."""


class DataFileError(IncidentsError, ValueError):
    """A data file that cannot be read at all (missing, empty, not CSV, no required columns).

    The message is written for the analyst and names the file and the problem.
    """


class SaveLockedError(DataFileError):
    """A save that could not start because another save to the same data file was still running.

    Nothing was written; the analyst can simply try again.
    """


class ReportTooLongError(IncidentsError, ValueError):
    """A report's text is longer than one report can be; the message says to split it.

    `characters` is the text's length and `limit` the most one report may have; with `html`,
    they are of an HTML file before its text is taken out.
    """

    def __init__(self, characters: int, limit: int, html: bool = False):
        self.characters = characters
        self.limit = limit
        self.html = html
        if html:
            message = (
                f"This HTML file is {characters:,} characters long with its markup, more than the {limit:,} "
                "a report's page may have. Save or paste the article's text alone, or split it into "
                "one report at a time."
            )
        else:
            message = (
                f"This report is {characters:,} characters long, more than the {limit:,} characters (about "
                f"{round(limit / 6, -3):,.0f} words) one report may have. No single news report or feature "
                "is that long, so it is probably several reports or a whole web page: split it and add one "
                "report at a time."
            )
        super().__init__(message)

    def __reduce__(self):
        # Rebuilt from its figures, not its message, when pickled (e.g. between processes).
        return type(self), (self.characters, self.limit, self.html)
