"""Text from data shown in Markdown renders as that text: no image, link, emphasis or block of its own."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.markdown_view import render_markdown
from ui.plain_text import code_span, escape_markdown

MARKDOWN_PAYLOADS = [
    ("image-beacon", "![x](http://host/x.png)"),
    ("reference-image", "![x][1]\n\n[1]: http://host/x.png"),
    ("link", "[click](javascript:alert(1))"),
    ("autolink", "<http://host/x>"),
    ("html-image", "<img src=http://host/x.png>"),
    ("heading", "# Big"),
    ("emphasis", "**bold** _it_ ~~gone~~"),
    ("list-after-break", "ok\n\n- item"),
    ("quote-after-break", "ok\n> quote"),
    ("code-fence", "```\ncode\n```"),
    ("streamlit-colour", ":red[alarm]"),
    ("material-icon", ":material/warning:"),
    ("math", "$x^2$ and $$y$$"),
    ("table", "| a | b |\n|---|---|\n| 1 | 2 |"),
    ("entity", "&lt;b&gt; &amp;"),
    ("backslash", "C:\\users\\x"),
]


def _only_text(rendered: str) -> str:
    """The rendered text, if the HTML is one plain paragraph; fails otherwise."""
    match = re.fullmatch(r"<p>(.*)</p>\n", rendered, flags=re.DOTALL)
    assert match, rendered
    assert "<" not in match.group(1), rendered  # no element inside the paragraph
    return html.unescape(match.group(1))


@pytest.mark.parametrize(
    "text", [case[1] for case in MARKDOWN_PAYLOADS], ids=[case[0] for case in MARKDOWN_PAYLOADS]
)
def test_escaped_text_renders_as_itself(text):
    shown = _only_text(render_markdown(escape_markdown(text)))
    assert shown == " ".join(text.splitlines())
    # Streamlit's own directives and math need their markers escaped, not only CommonMark's.
    assert not re.search(r"(?<!\\)[$:\[]", escape_markdown(text))


@pytest.mark.parametrize(
    "text", [case[1] for case in MARKDOWN_PAYLOADS], ids=[case[0] for case in MARKDOWN_PAYLOADS]
)
def test_code_span_shows_text_verbatim(text):
    rendered = render_markdown(code_span(text))
    match = re.fullmatch(r"<p><code>(.*)</code></p>\n", rendered, flags=re.DOTALL)
    assert match, rendered
    assert html.unescape(match.group(1)) == " ".join(text.splitlines()).strip(" ") or text.strip() == ""


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_renders_as_one_plain_paragraph(text):
    line = " ".join(text.splitlines())
    if not line.strip():
        return  # nothing to show
    shown = _only_text(render_markdown(escape_markdown(text)))
    # CommonMark trims the paragraph and folds NUL; apart from that the words are the data's.
    assert shown.strip() == line.replace("\0", "\ufffd").strip(" \t").strip()
