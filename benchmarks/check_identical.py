"""Mention-level identity check of ``extract_many`` on the FA-KES dev articles, before and after a change.

WHY: speed work on the rule stages must not change a single extracted field. This
dumps every ``EventMention`` (all fields, in order, mention ids included) of
``extract_many`` over the FA-KES dev texts to a JSON-lines file, and compares a
new run with a saved one field by field.

Usage::

    PYTHONPATH=src .venv/bin/python benchmarks/check_identical.py dump before.jsonl [--n 411] [--geocode]
    # ... change the code ...
    PYTHONPATH=src .venv/bin/python benchmarks/check_identical.py compare before.jsonl [--n 411] [--geocode]

``compare`` exits non-zero and names the first differing mentions when the output differs.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAKES = ROOT.parent / "shared" / "data" / "fakes" / "dev.csv"


def _published(text: str) -> date | None:
    try:
        return datetime.strptime(text.strip(), "%m/%d/%y").date()
    except ValueError:
        return None


def run(n: int, geocode: bool) -> list[str]:
    from frontlines.document import Document
    from frontlines.nlp.extract import extract_many

    rows = list(csv.DictReader(FAKES.open(encoding="utf-8")))[:n]
    docs = [Document(doc_id=r["unit_id"], source_id=r["unit_id"], title=r["article_title"],
                     paragraphs=[r["article_content"]], published=_published(r["date"]))
            for r in rows if r["article_content"].strip()]
    geocoder = None
    if geocode:
        from frontlines.geo.geocoder import Geocoder

        geocoder = Geocoder()
    out = []
    for doc, mentions in extract_many(docs, geocoder=geocoder):
        for m in mentions:
            out.append(json.dumps({"doc": doc.doc_id, **asdict(m)}, default=str, sort_keys=True))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=["dump", "compare"])
    ap.add_argument("path", type=Path)
    ap.add_argument("--n", type=int, default=411, help="the first N dev articles")
    ap.add_argument("--geocode", action="store_true", help="also resolve places with the default gazetteer")
    args = ap.parse_args()
    if not FAKES.exists():
        sys.exit(f"{FAKES}: not present (the check needs the FA-KES dev texts)")
    lines = run(args.n, args.geocode)
    if args.mode == "dump":
        args.path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines)} mentions written to {args.path}")
        return
    old = args.path.read_text(encoding="utf-8").splitlines()
    if old == lines:
        print(f"identical: {len(lines)} mentions, every field")
        return
    print(f"DIFFERENT: {len(old)} mentions before, {len(lines)} now")
    shown = 0
    for k, (a, b) in enumerate(zip(old, lines, strict=False)):
        if a != b:
            ja, jb = json.loads(a), json.loads(b)
            keys = [f for f in ja if ja.get(f) != jb.get(f)]
            print(f"  #{k} {ja.get('mention_id')} vs {jb.get('mention_id')}: fields {keys}")
            shown += 1
            if shown >= 10:
                break
    sys.exit(1)


if __name__ == "__main__":
    main()
