"""Where a one-process run's wall time goes: ingest, extraction and fusion, timed apart on the bench corpus.

Usage::

    OMP_NUM_THREADS=1 PYTHONPATH=src .venv/bin/python benchmarks/bench_phases.py --n 4000 [--conflict-share 0.05]

WHY: the ``--jobs N`` speed-up is bounded by what only the parent process does (ingest, store writes,
fusion); this measures that serial share directly instead of inferring it from a ratio. The corpus is
``bench_parallel``'s (ordinary news with a share of conflict reporting, each copy a distinct document).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_parallel  # noqa: E402

from frontlines.fusion import fuse  # noqa: E402
from frontlines.ingest.options import IngestOptions  # noqa: E402
from frontlines.orchestrator import extract_store, geocoder_for, ingest_store  # noqa: E402
from frontlines.store import Store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=4000)
    ap.add_argument("--conflict-share", type=float, default=0.05)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = bench_parallel.write_shards(bench_parallel.corpus(args.n, args.conflict_share), folder / "in", 500)
        options = IngestOptions.from_kwargs(**bench_parallel.OPTS)
        with Store(folder / "s.duckdb") as store:
            phases = (("ingest", lambda: ingest_store(store, [str(p) for p in paths], options, progress=False,
                                                      batch_size=500)),
                      ("extract", lambda: extract_store(store, progress=False, geocoder=geocoder_for(store),
                                                        jobs=1, batch_size=64)),
                      ("fuse", lambda: fuse(store, progress=False)))
            for name, phase in phases:
                cpu, wall = time.process_time(), time.perf_counter()
                phase()
                print(f"{name}: wall {time.perf_counter() - wall:.1f} s, CPU {time.process_time() - cpu:.1f} s")


if __name__ == "__main__":
    main()
