"""Time the appendix xlsx against a bare openpyxl write of the same cells (issue 8, target 3).

    .venv/bin/python bench/generate.py /tmp/xb/export10000 --tasks 10000 --big-plan 10000
    .venv/bin/python bench/xlsx_probe.py /tmp/xb/export10000 [--runs 7] [--unique] [--profile]

``data_dir`` may also be a pickled AppendixDocument (``--save-document`` writes one),
so the probe keeps working while the database layer is being edited.

The two writes alternate (the machine is shared and noisy) and the medians are
compared. The first write of ours is also reported on its own: it is the only one
that loads the fonts and measures every word (later ones find the widths in
text_wrap's cache), which is what a user exporting once after start-up waits for.
``--unique`` makes every task's content different, as in a real plan (generate.py
recombines 44 demo texts, which the exporter's per-workbook text cache would
otherwise measure only 44 times).
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import pickle
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import _bare_openpyxl  # noqa: E402  the benchmark's own baseline, unchanged

from cchc_desktop.export import TaskRow, build_appendix, write_appendix_xlsx  # noqa: E402
from cchc_desktop.workspace import Workspace  # noqa: E402


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--profile", action="store_true", help="profile one write of ours instead")
    parser.add_argument("--save-document", type=Path, help="pickle the appendix here and stop")
    parser.add_argument("--unique", action="store_true",
                        help="make every task's content unique (bench/generate.py reuses 44 texts; a real plan does not)")
    args = parser.parse_args()
    if args.data_dir.is_file():
        document = pickle.loads(args.data_dir.read_bytes())
    else:
        workspace = Workspace.open(args.data_dir)
        document = build_appendix(workspace.db, 1)
        workspace.close()
    if args.unique:
        document = dataclasses.replace(document, rows=tuple(
            dataclasses.replace(row, content=f"{row.content} (mục {row.stt})") if isinstance(row, TaskRow) else row
            for row in document.rows))
    if args.save_document:
        args.save_document.write_bytes(pickle.dumps(document))
        return
    out = Path(tempfile.mkdtemp(prefix="xlsx-probe-"))
    ours_path, bare_path = out / "ours.xlsx", out / "bare.xlsx"
    if args.profile:
        write_appendix_xlsx(document, ours_path)  # warm, as in the timed runs
        profiler = cProfile.Profile()
        profiler.runcall(write_appendix_xlsx, document, ours_path)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        return
    first = _timed(lambda: write_appendix_xlsx(document, ours_path))
    ours, bare = [], []
    for _ in range(args.runs):
        bare.append(_timed(lambda: _bare_openpyxl(document, bare_path)))
        ours.append(_timed(lambda: write_appendix_xlsx(document, ours_path)))
    ours_median, bare_median = statistics.median(ours), statistics.median(bare)
    print(f"rows: {len(document.rows):,}")
    print(f"first write of ours (cold caches): {first:.3f} s")
    print(f"ours  median of {args.runs}: {ours_median:.3f} s  {sorted(round(t, 3) for t in ours)}")
    print(f"bare  median of {args.runs}: {bare_median:.3f} s  {sorted(round(t, 3) for t in bare)}")
    print(f"ratio (target <= 1.5): {ours_median / bare_median:.2f}  (cold first write: {first / bare_median:.2f})")


if __name__ == "__main__":
    main()
