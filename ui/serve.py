"""Start the dashboard: `python -m ui.serve [streamlit run options] [-- app settings]`.

The one workaround for keeping the pages/ folder the project was asked for:
Streamlit treats a pages/ folder beside the main script as its old multipage
mode until st.navigation first runs, so a new server's first session ran in
that mode, and the widgets it drew got other ids than in every later run (the
first analyst's first sidebar choice was dropped). Telling Streamlit before the
server starts that this app uses st.navigation avoids it. This uses a private
attribute, so it fails soft: if a Streamlit release renames it, the app starts
as before.
"""

from __future__ import annotations

import sys
from pathlib import Path

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard.py"


def leave_pages_folder_mode() -> bool:
    """Tell Streamlit this app uses st.navigation, not the pages/ folder; True if that changed it.

    Called before the server starts, and by a page that finds itself run alone (AppTest's
    reruns, or `streamlit run dashboard.py` started without this launcher, whose first
    request was a page's URL): that page then reruns through dashboard.py.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:
        return False
    if getattr(PagesManager, "uses_pages_directory", None) is not False:
        PagesManager.uses_pages_directory = False
        return True
    return False


def main(arguments: list[str]) -> int:
    leave_pages_folder_mode()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(DASHBOARD), *arguments]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
