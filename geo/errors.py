"""The base of every error the project raises on purpose.

It lives in the lowest layer (geo, which imports nothing of the project) so that
geography, the incidents core and the map builder all derive from it, and a page
or a command-line tool catches one thing. Each subclass also derives from the
built-in error it resembles (ValueError, ConnectionError, ...), as geopy's do.
"""

from __future__ import annotations


class ProjectError(Exception):
    """An error the project raises on purpose; its message is written for the analyst."""
