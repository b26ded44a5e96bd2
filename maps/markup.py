"""Make strings from data inert before they reach a map's HTML, JavaScript or template engine."""

from __future__ import annotations

import html
import json
import re

# html.escape leaves these alone, yet folium evaluates ${...} in template
# literals and a lone backslash can break the page's script. Braces: branca
# compiles every element's rendered script as a Jinja template a second time,
# so "{{ 7*7 }}" in a note would be evaluated on the server and "{%" would
# break the page for everyone.
_SCRIPT_SENSITIVE = str.maketrans(
    {"`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"}
)

# One JSON string literal as json.dumps writes it.
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


_HTTP_LINK = re.compile(r"^https?://", re.IGNORECASE)


def http_link(url: object) -> str:
    """`url` if it is an http(s) link, else "": javascript:, data: and the like never reach an href."""
    return url.strip() if isinstance(url, str) and _HTTP_LINK.match(url.strip()) else ""


def escape_for_map(value: object) -> str:
    """HTML-escape `value` and neutralise backtick, dollar, backslash and braces."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True).translate(_SCRIPT_SENSITIVE)


def json_for_script(value: object) -> str:
    """JSON that is safe inside an inline <script> element and inside a Jinja template.

    JavaScript reads the same values back: the escapes are JSON's own \\uXXXX.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # "</script>" or "<!--" inside a string would end or confuse the script block.
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    # Jinja reacts only to "{{", "{%" and "{#", which JSON's own braces never form: when
    # one appears it is inside a string, and braces in strings become \u007b / \u007d.
    if "{{" in text or "{%" in text or "{#" in text:
        text = _JSON_STRING.sub(_escape_braces, text)
    return text


def _escape_braces(match: re.Match) -> str:
    literal = match.group()
    if "{" not in literal and "}" not in literal:
        return literal
    return literal.replace("{", "\\u007b").replace("}", "\\u007d")
