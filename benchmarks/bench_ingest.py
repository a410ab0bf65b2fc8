"""Ingestion throughput and peak memory, for plain-text page dumps and HTML pages.

Builds a corpus of N distinct documents per format from the FA-KES dev articles
(``../shared/data/fakes/dev.csv``; each article replicated with a marker
sentence so every copy is a distinct document that is really stored), each
with a small nested comment thread, written one file per document. Then, in a
fresh subprocess per measurement (so peak RSS belongs to that run alone):

* ``parse``: files on disk -> ``Document`` records (``frontlines.ingest.iter_inputs``);
* ``store``: the same through the CLI path (``ingest_into``) into a new DuckDB file,
  i.e. sniffing, decoding, parsing, content ids and transactional batches.

Usage::

    .venv/bin/python benchmarks/bench_ingest.py --n 5000
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAKES = ROOT.parent / "shared" / "data" / "fakes" / "dev.csv"
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _articles() -> list[tuple[str, str, str]]:
    if FAKES.exists():
        with FAKES.open(encoding="utf-8") as fh:
            return [(r["article_title"], r["article_content"], r["source"]) for r in csv.DictReader(fh)]
    # Without the shared data: the repository's own fixtures, so the script still runs.
    from frontlines.ingest import ingest

    docs = ingest(ROOT / "tests" / "fixtures")
    return [(d.title or "Untitled", " ".join(d.paragraphs), d.source or "fixture") for d in docs]


def _paragraphs(text: str) -> list[str]:
    sents = _SENT.split(text)
    return [" ".join(sents[i:i + 3]) for i in range(0, len(sents), 3)] or [text]


COMMENTS = [("northbank", 0, "Which figures are confirmed by anyone other than the parties?"),
            ("riverside_reader", 1, "None yet, as far as I can tell.\n\nThe monitor's numbers usually come later."),
            ("lattice", 2, "And they are revised more often than not."),
            ("olive_grove", 0, "Thanks for reporting the denial as well as the claim.")]


def text_page(i: int, title: str, body: str, source: str) -> str:
    paras = _paragraphs(body) + [f"This is copy {i} of the article in the benchmark corpus."]
    out = [f"{title} | Reported by {source}", "", *[p + "\n" for p in paras], f"Author: Desk {i % 17}", "",
           f"Desk {i % 17} compiles reports for the benchmark.", ""]
    for author, depth, text in COMMENTS:
        pad = "  " * (depth * 2 + 1)
        out.append(f"{pad}• {author}")
        out.append("")
        for para in text.split("\n\n"):
            out.append(f"{pad}  {para}")
            out.append("")
    return "\n".join(out)


def html_page(i: int, title: str, body: str, source: str) -> str:
    e = html.escape
    paras = _paragraphs(body) + [f"This is copy {i} of the article in the benchmark corpus."]
    ps = "\n".join(f"<p>{e(p)}</p>" for p in paras)

    def comment(k: int) -> str:
        author, depth, text = COMMENTS[k]
        inner = "".join(f"<p>{e(p)}</p>" for p in text.split("\n\n"))
        kids = [j for j in range(k + 1, len(COMMENTS)) if COMMENTS[j][1] == depth + 1
                and all(COMMENTS[m][1] > depth for m in range(k + 1, j))]
        children = f"<ol class='children'>{''.join(comment(j) for j in kids)}</ol>" if kids else ""
        return (f"<li class='comment' id='li-comment-{i}{k}'><article id='comment-{i}{k}' class='comment-body'>"
                f"<footer class='comment-meta'><div class='comment-author vcard'><b class='fn'>{e(author)}</b></div>"
                f"<time datetime='2016-12-0{1 + k}T10:0{k}:00Z'>1 Dec</time></footer>"
                f"<div class='comment-content'>{inner}</div><div class='reply'><a>Reply</a></div></article>"
                f"{children}</li>")

    tops = "".join(comment(k) for k, c in enumerate(COMMENTS) if c[1] == 0)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(title)} | {e(source)}</title>
<meta property="og:site_name" content="{e(source)}"><meta property="article:published_time" content="2016-12-01T08:00:00Z">
<script>var x = 1;</script></head><body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article><h1>{e(title)}</h1><div class="byline">By Desk {i % 17}</div><div class="entry-content">{ps}</div>
<div class="author-bio"><p>Desk {i % 17} compiles reports for the benchmark.</p></div></article>
<section id="comments"><h2>{len(COMMENTS)} comments</h2><ol class="commentlist">{tops}</ol></section></main>
<footer><p>Copyright {e(source)}.</p></footer></body></html>"""


def build(kind: str, n: int, folder: Path) -> int:
    arts = _articles()
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        title, body, source = arts[i % len(arts)]
        page = (text_page if kind == "text" else html_page)(i, title, body, source)
        data = page.encode("utf-8")
        (folder / f"doc{i:05d}.{'txt' if kind == 'text' else 'html'}").write_bytes(data)
        total += len(data)
    return total


def measure(mode: str, folder: str, db: str | None) -> dict:
    """Runs inside the child process."""
    from frontlines.ingest import IngestOptions, iter_inputs

    trace = os.environ.get("BENCH_TRACEMALLOC") == "1"
    if trace:
        import tracemalloc

        tracemalloc.start()
    t0, c0 = time.perf_counter(), time.process_time()
    if mode == "parse":
        docs = bad = 0
        for out in iter_inputs([folder], IngestOptions()):
            if hasattr(out, "doc_id"):
                docs += 1
            else:
                bad += 1
        stored = None
    else:
        from frontlines.cli.ingest import ingest_into
        from frontlines.store import Store

        with Store(db) as store:
            result, stats = ingest_into(store, [folder], IngestOptions(), progress=False)
            docs, bad, stored = stats.documents, result.quarantined, store.count("documents")
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    heap = round(tracemalloc.get_traced_memory()[1] / 2**20, 1) if trace else None
    return {"mode": mode, "docs": docs, "bad": bad, "stored": stored, "seconds": round(secs, 2),
            "docs_per_s": round(docs / secs, 1), "cpu_seconds": round(cpu, 2), "docs_per_cpu_s": round(docs / cpu, 1),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF)
                                                                       .ru_maxrss / 1024, 1),
            "peak_python_heap_mib": heap}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=5000, help="documents per format (default 5000)")
    ap.add_argument("--formats", nargs="+", default=["text", "html"], choices=["text", "html"])
    ap.add_argument("--tracemalloc", action="store_true",
                    help="also report the peak Python heap (slows the run by ~2x; RSS is always reported)")
    ap.add_argument("--json", type=Path, help="also write the results as JSON here")
    ap.add_argument("--child", nargs=3, metavar=("MODE", "FOLDER", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        mode, folder, db = args.child
        print(json.dumps(measure(mode, folder, db)))
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.formats:
            folder = Path(tmp) / kind
            size = build(kind, args.n, folder)
            for mode in ("parse", "store"):
                db = str(Path(tmp) / f"{kind}.duckdb")
                env = {**os.environ, "BENCH_TRACEMALLOC": "1" if args.tracemalloc else "0"}
                out = subprocess.run([sys.executable, __file__, "--child", mode, str(folder), db],
                                     capture_output=True, text=True, check=True, env=env)
                row = {"format": kind, "corpus_mib": round(size / 2**20, 1), **json.loads(out.stdout)}
                rows.append(row)
                print(json.dumps(row), flush=True)
    print()
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print("| format | mode | documents | stored | wall s | docs/s (wall) | CPU s | docs/CPU-s | peak RSS (MiB) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['format']} ({r['corpus_mib']} MiB) | {r['mode']} | {r['docs']} | {r['stored'] or '-'} | "
              f"{r['seconds']} | {r['docs_per_s']} | {r['cpu_seconds']} | {r['docs_per_cpu_s']} | "
              f"{r['peak_rss_mib']} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
