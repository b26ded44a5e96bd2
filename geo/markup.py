"""Make strings from data inert before they reach a map's HTML or JavaScript."""

from __future__ import annotations

import html
import json

# html.escape leaves these alone, yet folium evaluates ${...} in template
# literals and a lone backslash can break the page's script.
_SCRIPT_SENSITIVE = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


def escape_for_map(value: object) -> str:
    """HTML-escape `value` and neutralise backtick, dollar and backslash."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True).translate(_SCRIPT_SENSITIVE)


def json_for_script(value: object) -> str:
    """JSON that is safe inside an inline <script> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # "</script>" or "<!--" inside a string would end or confuse the script block.
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
