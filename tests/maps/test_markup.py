"""Strings from data are inert in map HTML and JavaScript."""

from __future__ import annotations

import json

import pytest

from maps.markup import escape_for_map, json_for_script

PAYLOADS = [
    ("img-onerror", "<img src=x onerror=alert(1)>"),
    ("script-close", "</script><script>alert(1)</script>"),
    ("template-literal", "${alert(1)}"),
    ("backtick", "`;alert(1);`"),
    ("backslash", "C:\\users\\x"),
    ("quotes", '" onmouseover="alert(1)'),
    ("single-quote", "' onmouseover='alert(1)"),
]

# branca compiles every element's rendered script as a Jinja template, so text
# that looks like Jinja would be evaluated on the server or break the page.
TEMPLATE_PAYLOADS = [
    ("expression", "{{ 7*7 }}"),
    ("statement", "{% if true %}yes{% endif %}"),
    ("stray-percent", "rose by 5 {%} overnight"),
    ("comment", "{# unfinished comment"),
    ("unclosed", "{{ unclosed"),
    ("element-reference", "{{'alert'}}"),
    ("config", "{{ config.items() }}"),
]


@pytest.mark.parametrize("payload", [p for _, p in PAYLOADS], ids=[name for name, _ in PAYLOADS])
def test_escape_for_map_leaves_no_active_character(payload):
    escaped = escape_for_map(payload)
    for character in "<>\"'`$\\":
        assert character not in escaped


def test_escape_keeps_ordinary_text_readable():
    assert escape_for_map("Quetta, Balochistan") == "Quetta, Balochistan"
    assert escape_for_map(None) == ""
    assert escape_for_map(12) == "12"


def test_json_for_script_cannot_close_the_script_block():
    text = json_for_script({"a": "</script><!--"})
    assert "</" not in text and "<!--" not in text
    assert json.loads(text) == {"a": "</script><!--"}


@pytest.mark.parametrize(
    "payload", [p for _, p in TEMPLATE_PAYLOADS], ids=[name for name, _ in TEMPLATE_PAYLOADS]
)
def test_nothing_from_data_can_open_a_template_tag(payload):
    for text in (escape_for_map(payload), json_for_script({"notes": payload, "list": [payload]})):
        assert "{" + "{" not in text and "{%" not in text and "{#" not in text
    assert json.loads(json_for_script({"notes": payload})) == {"notes": payload}
