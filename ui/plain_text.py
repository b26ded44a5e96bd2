"""Show text that came from data (a file, a header, a report, the URL) as text, never as Markdown.

Streamlit renders Markdown in st.markdown, st.caption, st.error/warning/info/
success, subheaders, expander and button labels. A cell holding
`![x](http://host/x.png)` would make every viewer's browser fetch that image;
`:red[...]`, `$...$` and `**` would restyle the page. Every such string goes
through `escape_markdown` before it is put into Markdown.
"""

from __future__ import annotations

import re

# CommonMark lets a backslash escape any ASCII punctuation; these are the ones
# Markdown, GitHub-flavoured Markdown or Streamlit's directives (":red[...]",
# ":material/icon:", "$math$") give a meaning to.
_MARKDOWN_SIGNIFICANT = "\\`*_{}[]<>()#+-.!|$~:=\"'&"
_ESCAPES = str.maketrans({character: "\\" + character for character in _MARKDOWN_SIGNIFICANT})


def escape_markdown(value: object) -> str:
    """`value` as literal text inside Markdown: punctuation escaped, line breaks as spaces.

    Line breaks would let a value start a heading, list or quote of its own, and
    leading blanks an indented code block, so both go.
    """
    text = "" if value is None else str(value)
    return " ".join(text.splitlines()).strip().translate(_ESCAPES)


def code_span(value: object) -> str:
    """`value` as a Markdown code span: shown verbatim in monospace, whatever backticks it holds.

    The fence is one backtick longer than the longest run inside (CommonMark);
    line breaks become spaces, since a blank line would end the span and start
    a block of the value's own.
    """
    text = " ".join(("" if value is None else str(value)).splitlines())
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"
