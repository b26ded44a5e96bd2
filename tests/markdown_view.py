"""What a reader sees of the Markdown an app shows: rendered by a CommonMark parser, as Streamlit does."""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

# GitHub-flavoured tables and strikethrough on, raw HTML off: as Streamlit renders st.markdown.
RENDERER = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def render_markdown(markdown: str) -> str:
    return RENDERER.render(markdown)


def shown_text(markdown: str) -> str:
    """The words a reader sees: Markdown rendered, tags dropped, entities decoded, spaces folded."""
    text = re.sub(r"<[^>]+>", " ", render_markdown(markdown))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def markdown_shown_by(app) -> list[str]:
    """Every string an AppTest run shows through Streamlit's Markdown renderer."""
    texts = []
    for kind in ("markdown", "caption", "error", "warning", "info", "success", "title", "header", "subheader"):
        texts += [element.value for element in getattr(app, kind)]
    texts += [expander.label for expander in app.expander]
    texts += [button.label for button in app.button]
    return texts


def fetched_by(markdown: str) -> list[str]:
    """Addresses the rendered Markdown would make a browser fetch (images) or offer (links)."""
    rendered = render_markdown(markdown)
    return re.findall(r'<(?:img|a)\s[^>]*(?:src|href)="([^"]*)"', rendered)
