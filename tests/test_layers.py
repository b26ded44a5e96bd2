"""The packages' layers point one way: geo <- incidents <- maps <- ui and pages; the core never imports streamlit."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import PROJECT_ROOT

# What each package may import of the project (besides itself).
ALLOWED = {
    "geo": set(),
    "incidents": {"geo"},
    "maps": {"geo", "incidents"},
}
PROJECT_PACKAGES = {"geo", "incidents", "maps", "ui", "pages"}


def _imported_top_levels(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_the_layers_below_it(package):
    for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
        imported = _imported_top_levels(path)
        upward = (imported & PROJECT_PACKAGES) - ALLOWED[package] - {package}
        assert not upward, f"{path.relative_to(PROJECT_ROOT)} imports {sorted(upward)}"
        assert "streamlit" not in imported and "streamlit_folium" not in imported, path
