"""Measure ingestion on other projects' test corpora (issue 11): nothing here is committed data.

Each subcommand takes the corpus path as an argument and prints one summary line
(plus ``--verbose`` per-file detail). The corpora are fetched public repositories
extracted to /tmp, and ``../shared/data/news_pages``; see docs/ingest.md for the commands.

* ``feeds DIR``: feedparser's ``tests/wellformed``. For each feed, the entries
  feedparser itself reads that carry visible text (a title, summary or content with
  text once tags are dropped; the sanitizer tests hold items like ``<span abbr="">``
  with none) and how many of those frontlines reads as Documents.
* ``archives DIR...``: WARC/ARC files (warcio ``test/data``, webarchive-discovery's
  samples). The reference is warcio itself (``arc2warc=True``): response/resource
  records with a 2xx status and an HTML content type; warcio stops at the first
  record it cannot frame, so its count is a floor. Then frontlines' Documents.
* ``evaldata DIR``: trafilatura's ``tests`` (``evaldata.json`` + ``cache/``). Expected
  ("with") and unwanted ("without") snippets found by trafilatura alone (its own
  benchmark settings) and by frontlines (title, deck and body paragraphs: frontlines keeps the
  headline in its own field where trafilatura's text carries it as a heading), in one run; a
  third line without the headline field (evaldata counts some headlines as unwanted).
* ``comments DIR...``: comment threads found on a folder of pages (trafilatura's
  ``cache`` and ``eval``), and a seeded sample of 20 pages to read by hand.
* ``news-pages DIR``: ``../shared/data/news_pages``. Paragraph recall against the
  expected texts (summary + section paragraphs, whitespace-normalised substring
  match against frontlines' title, deck and body), and whether the publication date
  equals the expected ``publishing_date`` (the date as written there).
"""

from __future__ import annotations

import argparse
import glob
import io
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

from frontlines.errors import BadInput
from frontlines.ingest import Capped, IngestOptions, IngestStats, RawInput, read_raw
from frontlines.ingest.assemble import invisible_removed

OPTIONS = IngestOptions()


def _norm(text: str) -> str:
    """Whitespace-normalised, without invisible break hints (soft hyphens, zero-width spaces).

    fundus keeps soft hyphens in its expected texts; frontlines removes them on purpose
    (``assemble.invisible_removed``), and they are not content either way.
    """
    return re.sub(r"\s+", " ", invisible_removed(text)).strip()


def _read(name: str, data: bytes) -> tuple[list, list, IngestStats]:
    stats = IngestStats()
    outs = list(read_raw(RawInput(name, data), OPTIONS, stats))
    docs = [o for o in outs if not isinstance(o, BadInput)]
    bad = [o for o in outs if isinstance(o, BadInput) and not isinstance(o, Capped)]
    return docs, bad, stats


def _visible(fragment) -> str:
    """The text a reader would see in an HTML fragment (tags dropped, entities decoded)."""
    import html

    return _norm(html.unescape(re.sub(r"<[^>]*>", " ", str(fragment or ""))))


def feeds(root: str, verbose: bool) -> None:
    import feedparser

    want = got = files = 0
    misses = []
    for path in sorted(glob.glob(os.path.join(root, "**", "*.xml"), recursive=True)):
        data = Path(path).read_bytes()
        parsed = feedparser.parse(io.BytesIO(data))
        entries = [e for e in parsed.entries if _visible(e.get("title")) or _visible(e.get("summary"))
                   or any(_visible(c.get("value")) for c in e.get("content") or [])]
        if not entries:
            continue
        files += 1
        docs, bad, _ = _read(path, data)
        want += len(entries)
        got += min(len(docs), len(entries))
        if len(docs) < len(entries):
            misses.append((path, len(entries), len(docs), [b.reason for b in bad][:2]))
    for m in misses if verbose else misses[:10]:
        print("  missed:", *m)
    print(f"feeds: {files} feeds with items; feedparser reads {want} items with text, frontlines reads {got} "
          f"({got / max(want, 1):.1%}); {len(misses)} feeds short")


def _warcio_html(path: str) -> tuple[int, str | None]:
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    try:
        with open(path, "rb") as fh:
            for rec in ArchiveIterator(fh, arc2warc=True):
                if rec.rec_type not in ("response", "resource"):
                    continue
                http = rec.http_headers
                if rec.rec_type == "response" and http is not None:
                    if not (http.get_statuscode() or "").startswith("2"):
                        continue
                    ctype = http.get_header("Content-Type") or ""
                else:
                    ctype = rec.rec_headers.get_header("Content-Type") or ""
                if "html" in ctype.lower():
                    n += 1
    except Exception as exc:  # noqa: BLE001 - the reference reader's own failure is part of the result
        return n, f"{type(exc).__name__}: {' '.join(str(exc).split())[:80]}"
    return n, None


def archives(roots: list[str], verbose: bool) -> None:
    want = got = 0
    rows = []
    for root in roots:
        paths = [root] if os.path.isfile(root) else sorted(
            p for p in glob.glob(os.path.join(root, "**", "*"), recursive=True)
            if re.search(r"\.(w?arc)(\.gz)?(\.bad)?$", p, re.IGNORECASE))
        for path in paths:
            ref, err = _warcio_html(path)
            docs, bad, _ = _read(path, Path(path).read_bytes())
            want += ref
            got += len(docs)
            rows.append((os.path.basename(path), ref, err, len(docs), [b.reason[:90] for b in bad]))
    for name, ref, err, n, bad in rows:
        if verbose or n < ref:
            print(f"  {name}: warcio {ref}{' (stopped: ' + err + ')' if err else ''}, frontlines {n}"
                  + (f"; quarantined: {bad}" if bad else ""))
    short = sum(1 for r in rows if r[3] < r[1])
    print(f"archives: {len(rows)} files; warcio reads {want} HTML responses, frontlines reads {got}; "
          f"{short} files where frontlines reads fewer")


def evaldata(root: str, verbose: bool, alone_cache: str | None = None) -> None:
    """``alone_cache``: a JSON file keeping trafilatura-alone texts between runs (its result never changes)."""
    from trafilatura import extract

    data = json.loads(Path(root, "evaldata.json").read_text())
    cache = json.loads(Path(alone_cache).read_text()) if alone_cache and Path(alone_cache).is_file() else {}
    tot_with = sum(len(v["with"]) for v in data.values())
    tot_without = sum(len(v["without"]) for v in data.values())
    counts = Counter()
    try:
        from rich.progress import track
    except ImportError:  # pragma: no cover
        def track(x, **_):
            return x
    for _url, item in track(sorted(data.items()), description="evaldata", transient=True):
        path = next((p for p in (Path(root, "cache", item["file"]), Path(root, "eval", item["file"])) if p.is_file()),
                    None)
        if path is None:
            counts["missing"] += 1
            continue
        raw = path.read_bytes()
        alone = cache.get(item["file"])
        if alone is None:
            try:
                alone = extract(raw, fast=False, include_comments=False, include_tables=True,
                                include_formatting=False) or ""
            except Exception:  # noqa: BLE001 - a crash is a miss, as in trafilatura's own benchmark
                alone = ""
            cache[item["file"]] = alone
        docs, _bad, _ = _read(item["file"], raw)
        ours = "\n".join("\n".join([x for x in (d.title, d.subtitle) if x] + d.paragraphs) for d in docs)
        body = "\n".join("\n".join([x for x in (d.subtitle,) if x] + d.paragraphs) for d in docs)
        found, leaked = {}, {}
        for label, text in (("trafilatura", alone), ("frontlines", ours), ("frontlines without headline", body)):
            t = _norm(text)
            found[label] = [w for w in item["with"] if _norm(w) in t]
            leaked[label] = [w for w in item["without"] if _norm(w) in t]
            counts[label, "with"] += len(found[label])
            counts[label, "without"] += len(leaked[label])
        if verbose and len(found["frontlines"]) < len(found["trafilatura"]):
            lost = [w[:60] for w in found["trafilatura"] if w not in found["frontlines"]]
            print(f"  {item['file']}: frontlines misses {lost}")
        if verbose and len(leaked["frontlines"]) > len(leaked["trafilatura"]):
            more = [w[:60] for w in leaked["frontlines"] if w not in leaked["trafilatura"]]
            print(f"  {item['file']}: frontlines leaks {more}")
    if alone_cache:
        Path(alone_cache).write_text(json.dumps(cache))
    for label in ("trafilatura", "frontlines", "frontlines without headline"):
        print(f"evaldata: {label}: {counts[label, 'with']} of {tot_with} expected snippets found, "
              f"{counts[label, 'without']} of {tot_without} unwanted snippets leaked")
    if counts["missing"]:
        print(f"evaldata: {counts['missing']} files missing")


def _expected_paragraphs(entry: dict) -> list[str]:
    body = entry.get("body") or {}
    paras = list(body.get("summary") or [])
    for sec in body.get("sections") or []:
        paras += sec.get("paragraphs") or []
    return [p for p in (_norm(p) for p in paras) if p]


def news_pages(root: str, verbose: bool) -> None:
    total = found = pages = dated = right = unmatched = 0
    wrong = []
    for meta in sorted(glob.glob(os.path.join(root, "*", "*.json"))):
        publisher = Path(meta).stem
        entries = json.loads(Path(meta).read_text())
        by_day: dict[str, dict] = {}
        for entry in entries.values():
            day = str(entry.get("publishing_date") or "")[:10]
            by_day.setdefault(day, entry)
        for page in sorted(glob.glob(os.path.join(os.path.dirname(meta), f"{publisher}_*.html.gz"))):
            m = re.search(r"_(\d{4})_(\d{2})_(\d{2})\.html\.gz$", page)
            entry = by_day.get(f"{m.group(1)}-{m.group(2)}-{m.group(3)}") if m else None
            docs, _bad, _ = _read(page, Path(page).read_bytes())
            doc = docs[0] if docs else None
            if entry is None:
                # Not matched by its file's date: the entry whose title is the page's title.
                title = _norm(doc.title or "") if doc else ""
                entry = next((e for e in entries.values() if title and _norm(e.get("title") or "") == title), None)
            if entry is None:
                unmatched += 1
                continue
            pages += 1
            text = _norm(" ".join([doc.title or "", doc.subtitle or "", *doc.paragraphs])) if doc else ""
            expected = _expected_paragraphs(entry)
            hits = sum(1 for p in expected if p in text)
            total += len(expected)
            found += hits
            want = str(entry.get("publishing_date") or "")[:10]
            got = doc.published.isoformat() if doc and doc.published else None
            dated += got is not None
            right += got == want
            if got != want:
                wrong.append((os.path.relpath(page, root), want, got, doc.published_from if doc else None))
            if verbose and hits < len(expected):
                print(f"  {os.path.relpath(page, root)}: {hits}/{len(expected)} paragraphs")
    for w in wrong if verbose else wrong[:15]:
        print("  date:", *w)
    print(f"news_pages: {pages} pages with expected texts; paragraph recall {found}/{total} = {found / max(total, 1):.4f}; "
          f"date found for {dated}, equal to the expected date for {right} ({right / max(pages, 1):.1%}); "
          f"{unmatched} pages without an expected entry")


def comments(roots: list[str], verbose: bool, sample: int = 20) -> None:
    """Comment threads found on a folder of pages, and a seeded sample of them to read by hand."""
    import random

    from frontlines.ingest.comments import extract_comments
    from frontlines.ingest.encoding import decode
    from frontlines.ingest.html import parse_tree

    found = []
    pages = 0
    for path in (p for root in roots for p in sorted(glob.glob(os.path.join(root, "*.htm*")))):
        try:
            text, _ = decode(path, Path(path).read_bytes())
            root = parse_tree(text, path)
        except BadInput:
            continue
        for el in list(root.iter("script", "style", "noscript", "template")):
            if el.getparent() is not None:
                el.drop_tree()
        pages += 1
        cs = extract_comments(root)
        if cs:
            found.append((os.path.basename(path), cs))
    n = sum(len(cs) for _, cs in found)
    bare = sum(1 for _, cs in found for c in cs if not c.author and not c.posted)
    print(f"comments: {pages} pages, {len(found)} with a thread, {n} comments, {bare} with neither author nor date")
    random.seed(11)
    for name, cs in random.sample(found, min(sample, len(found))):
        print(f"== {name}: {len(cs)} comments")
        for c in cs[: 6 if verbose else 3]:
            print(f"    {c.author!r:.40} {c.posted} {c.text[:100]!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("feeds", "evaldata", "news-pages"):
        p = sub.add_parser(name)
        p.add_argument("path")
        p.add_argument("--verbose", action="store_true")
        if name == "evaldata":
            p.add_argument("--alone-cache", help="JSON file caching trafilatura-alone texts between runs")
    for name in ("archives", "comments"):
        p = sub.add_parser(name)
        p.add_argument("path", nargs="+")
        p.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    if args.cmd == "feeds":
        feeds(args.path, args.verbose)
    elif args.cmd == "archives":
        archives(args.path, args.verbose)
    elif args.cmd == "comments":
        comments(args.path, args.verbose)
    elif args.cmd == "evaldata":
        evaldata(args.path, args.verbose, args.alone_cache)
    else:
        news_pages(args.path, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
