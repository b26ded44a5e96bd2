"""Loading the incidents file at 10k-1M synthetic incidents: from the CSV (first start) and from its
columnar cache (second start), each in a fresh process, with the memory a process holding them uses.

    .venv/bin/python benchmarks/bench_load.py [--sizes 10000 100000 1000000] [--unique-notes]

For each size a synthetic CSV is written to a temporary folder (deleted afterwards; nothing
is stored under data/), then three fresh Python processes load it as the app does:
  first start, no cache   the CSV parsed and validated: the baseline of the ratios
  first start, cache on   the same, then the columnar copy written (what the app does at a first start)
  second start            the columnar copy read (nothing of the first start left in memory)
Times are of load_incidents alone (the interpreter and imports take about a second more).
RSS is the process's resident memory after the load, holding the result, and "peak" the
most it held during the load (from /proc; elsewhere both are getrusage's peak). Prints figures;
asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

MODES = ("no-cache", "cache-cold", "cache-warm")


def resident_mb() -> float:
    """This process's resident memory now, in MB (Linux's /proc; elsewhere the peak)."""
    return _proc_status_mb("VmRSS:") or peak_mb()


def peak_mb() -> float:
    """The most this process has held resident, in MB.

    /proc's VmHWM where there is one: getrusage's ru_maxrss keeps the high-water mark of
    the process before it ran this program (the benchmark's parent, generating rows).
    """
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return _proc_status_mb("VmHWM:") or (peak / (1 << 20) if sys.platform == "darwin" else peak / 1024)


def _proc_status_mb(field: str) -> float | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def child(mode: str, data_path: Path, cache_dir: Path) -> None:
    """One start: load as the app does, print figures as JSON."""
    import pandas as pd

    from incidents import columnar_cache
    from incidents.loading import load_incidents

    gc.collect()
    before = resident_mb()
    cache_dirs = () if mode == "no-cache" else (cache_dir,)
    started = time.perf_counter()
    loaded = load_incidents(data_path, max_bytes=1 << 40, cache_dirs=cache_dirs)
    elapsed = time.perf_counter() - started
    gc.collect()
    figures = {
        "seconds": elapsed,
        "rss_before_mb": before,
        "rss_mb": resident_mb(),
        "peak_mb": peak_mb(),
        "rows": len(loaded.incidents),
        "frame_mb": loaded.incidents.memory_usage(deep=True).sum() / 1e6,
    }
    if mode == "cache-warm":
        started = time.perf_counter()
        columnar_cache.look_at_source(data_path, 1 << 40)
        figures["hash_seconds"] = time.perf_counter() - started
        # The same frame with every categorical column as plain text, as it was held before.
        as_text = loaded.incidents.copy()
        for column in as_text.columns:
            if isinstance(as_text[column].dtype, pd.CategoricalDtype):
                as_text[column] = as_text[column].astype(str)
        figures["frame_as_text_mb"] = as_text.memory_usage(deep=True).sum() / 1e6
    print(json.dumps(figures))


NOTE_WORDS = (
    "SYNTHETIC", "gunmen", "attacked", "a", "the", "checkpoint", "convoy", "near", "district", "police",
    "said", "two", "three", "killed", "injured", "militants", "claimed", "responsibility", "road", "market",
    "security", "forces", "operation", "village", "bomb", "exploded", "vehicle", "levies", "station", "protest",
)  # fmt: skip


def unique_notes_csv(count: int) -> bytes:
    """The generator's incidents, each with its own 30 random words as notes."""
    import io

    import numpy as np

    from benchmarks.synthetic import synthetic_incidents

    frame = synthetic_incidents(count)
    words = np.array(NOTE_WORDS)
    picks = np.random.default_rng(11).integers(0, len(words), (count, 30))
    frame["notes"] = [f"SYNTHETIC {number}: " + " ".join(words[row]) for number, row in enumerate(picks)]
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


def run_child(mode: str, data_path: Path, cache_dir: Path) -> dict:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(data_path), str(cache_dir)],
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT_ROOT,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument(
        "--unique-notes",
        action="store_true",
        help="give every incident its own notes (about 200 characters of random words), as real "
        "notes are: a larger, less compressible cache than the generator's repeated note",
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        mode, data_path, cache_dir = arguments.child
        child(mode, Path(data_path), Path(cache_dir))
        return

    from benchmarks.synthetic import synthetic_csv

    results = []
    with tempfile.TemporaryDirectory() as folder:
        for size in arguments.sizes:
            data_path = Path(folder) / f"synthetic_{size}.csv"
            data_path.write_bytes(unique_notes_csv(size) if arguments.unique_notes else synthetic_csv(size))
            cache_dir = Path(folder) / f"cache_{size}"
            figures = {mode: run_child(mode, data_path, cache_dir) for mode in MODES}
            cache_bytes = sum(path.stat().st_size for path in cache_dir.glob("*.parquet"))
            results.append((size, data_path.stat().st_size, cache_bytes, figures))
            data_path.unlink()

    notes = "every incident its own notes" if arguments.unique_notes else "the generator's repeated note"
    print(
        f"{os.cpu_count()} cores; synthetic incidents generated at run time ({notes}); each start a fresh process"
    )
    print(
        f"{'incidents':>10} {'CSV':>8} {'first start':>12} {'+ cache write':>14} {'second start':>13} "
        f"{'(hash)':>7} {'ratio':>6} {'cache':>8}"
    )
    for size, csv_bytes, cache_bytes, figures in results:
        baseline = figures["no-cache"]["seconds"]
        warm = figures["cache-warm"]
        print(
            f"{size:>10,} {csv_bytes / 1e6:>6.1f}MB {baseline:>11.2f}s {figures['cache-cold']['seconds']:>13.2f}s "
            f"{warm['seconds']:>12.2f}s {warm['hash_seconds']:>6.2f}s {warm['seconds'] / baseline:>6.3f} "
            f"{cache_bytes / 1e6:>6.1f}MB"
        )
    print("\nMemory (MB): RSS of the process holding the result, its peak during the load, the frame itself")
    print(
        f"{'incidents':>10} {'imports':>8} {'RSS 1st':>8} {'peak 1st':>9} {'RSS 2nd':>8} {'peak 2nd':>9} "
        f"{'frame':>7} {'as text':>8}"
    )
    for size, _, _, figures in results:
        first, warm = figures["no-cache"], figures["cache-warm"]
        print(
            f"{size:>10,} {warm['rss_before_mb']:>8.0f} {first['rss_mb']:>8.0f} {first['peak_mb']:>9.0f} "
            f"{warm['rss_mb']:>8.0f} {warm['peak_mb']:>9.0f} {warm['frame_mb']:>7.0f} {warm['frame_as_text_mb']:>8.0f}"
        )
    print(
        "(imports: RSS before loading; 1st: from the CSV, no cache; 2nd: from the cache; frame: the loaded "
        "incidents' own memory; as text: the same with categorical columns held as text)"
    )


if __name__ == "__main__":
    main()
