"""Add from report on long texts: how long each step of the page takes, and how much it would render.

    .venv/bin/python benchmarks/bench_reports.py [--sizes 10000 100000 200000 1000000] [--profile SIZE]

The texts are built at run time by concatenating the seed report
(../shared/reports/mastung_raid_report.txt, when it is beside this checkout) and
the test reports in tests/fixtures/reports until each size is reached, so the
long texts hold many incidents told in many ways, as a digest of reports would.
Each step is the one pages/add_report.py runs: read_report, find_publication_date,
extract_incidents, proposals_frame (with data/incidents.csv to check duplicates
against) and highlighted_evidence for every proposal. A text over the size
limit is refused by read_report; its steps are still timed on the plain text,
to show what the limit saves. Prints figures; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import re
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from geo.geocoding import GazetteerGeocoder  # noqa: E402
from incidents.errors import IncidentsError  # noqa: E402
from incidents.loading import load_incidents  # noqa: E402
from incidents.reports import extract  # noqa: E402
from incidents.reports.dates import find_publication_date  # noqa: E402
from incidents.reports.review import highlighted_evidence  # noqa: E402
from incidents.reports.text import normalise  # noqa: E402
from incidents.settings import DEFAULT_DATA  # noqa: E402

SEED = PROJECT_ROOT.parent / "shared" / "reports" / "mastung_raid_report.txt"
FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "reports"
PUBLISHED = dt.date(2017, 6, 4)


def long_report(size: int) -> str:
    """About `size` characters of real reports, one after another, paragraphs apart."""
    pieces = [SEED.read_text(encoding="utf-8")] if SEED.exists() else []
    pieces += [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.txt"))]
    chunks, length = [], 0
    while length < size:
        piece = pieces[len(chunks) % len(pieces)].strip()
        chunks.append(piece)
        length += len(piece) + 2
    return "\n\n".join(chunks)[:size]


def run_on_report(size: int) -> str:
    """The same reports with every sentence end and line break lost (as pasted from some PDFs):
    one sentence of `size` characters, the worst case for anything done per sentence."""
    text = extract.BACKGROUND.sub("", long_report(size))  # else the one sentence is all background
    return re.sub(r"[.!?]", ",", text.replace("\n", " "))


SHAPES = {"reports": long_report, "run-on": run_on_report}


def run_page_steps(raw: str, geocoder: GazetteerGeocoder, existing) -> dict[str, float | int | str]:
    timings: dict[str, float | int | str] = {}
    started = time.perf_counter()
    try:
        text = extract.read_report(raw)
        timings["limit"] = "accepted"
    except IncidentsError as error:
        # What the page would have cost without the limit.
        text = normalise(raw)
        timings["limit"] = f"refused ({type(error).__name__})"
    timings["read"] = time.perf_counter() - started

    started = time.perf_counter()
    published = find_publication_date(text) or PUBLISHED
    timings["date"] = time.perf_counter() - started

    started = time.perf_counter()
    proposals = extract.extract_incidents(text, published, geocoder)
    timings["extract"] = time.perf_counter() - started

    started = time.perf_counter()
    frame = extract.proposals_frame(proposals, "Benchmark (2017-06-04)", text, existing)
    timings["frame"] = time.perf_counter() - started

    started = time.perf_counter()
    blocks = [highlighted_evidence(text, proposal).sentences for _, proposal in frame.iterrows()]
    timings["highlight"] = time.perf_counter() - started

    timings["proposals"] = len(frame)
    timings["blocks"] = sum(len(parts) for parts in blocks)
    timings["most_blocks"] = max((len(parts) for parts in blocks), default=0)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[10_000, 100_000, 200_000, 1_000_000])
    parser.add_argument("--shapes", nargs="+", choices=list(SHAPES), default=list(SHAPES))
    parser.add_argument("--profile", type=int, help="profile the page's steps on a text of this size instead")
    arguments = parser.parse_args()

    geocoder = GazetteerGeocoder()
    existing = load_incidents(DEFAULT_DATA).incidents if DEFAULT_DATA.exists() else None
    limit = getattr(extract, "MAX_REPORT_CHARACTERS", None)
    print(f"size limit: {f'{limit:,}' if limit else 'none'} characters")
    if arguments.profile:
        profiler = cProfile.Profile()
        profiler.runcall(run_page_steps, SHAPES[arguments.shapes[0]](arguments.profile), geocoder, existing)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        return

    run_page_steps(long_report(2_000), geocoder, existing)  # warm the gazetteer and the regex cache
    print(f"{'shape':<8} {'characters':>10} {'limit':>28} {'read':>7} {'extract':>8} {'frame':>7} "
          f"{'highlight':>9} {'total':>7} {'proposals':>9} {'blocks':>7} {'most':>5}")  # fmt: skip
    for shape in arguments.shapes:
        for size in arguments.sizes:
            timings = run_page_steps(SHAPES[shape](size), geocoder, existing)
            total = sum(timings[step] for step in ("read", "date", "extract", "frame", "highlight"))
            print(
                f"{shape:<8} {size:>10,} {timings['limit']:>28} {timings['read']:>6.2f}s "
                f"{timings['extract']:>7.2f}s {timings['frame']:>6.2f}s {timings['highlight']:>8.2f}s "
                f"{total:>6.2f}s {timings['proposals']:>9} {timings['blocks']:>7} {timings['most_blocks']:>5}",
                flush=True,
            )


if __name__ == "__main__":
    main()
