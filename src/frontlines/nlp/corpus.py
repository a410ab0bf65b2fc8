"""The training corpus the project owns: team-written news sentences, events and hard negatives.

WHY the project writes its own: every public event corpus either forbids
redistribution (ACLED) or is our measurement data (CASE, BBC, FA-KES), and a
coder tuned only on texts that report events invents events everywhere else.
The corpus (``frontlines/data/corpus/*.jsonl``) holds news-style sentences for
each of ACLED's 25 sub-types and, labelled ``NONE``, the hard negatives that
share their vocabulary (sport, markets, film, disasters, history, threats…).
The relevance stage and the sub-type model are trained on it and nothing else.

``python -m frontlines.nlp.corpus`` validates the files and rewrites
``manifest.json`` (version, size per class, per region, per country).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from frontlines.errors import FrontlinesError

NONE = "NONE"
CORPUS_VERSION = "3"
REGIONS = ("Africa", "Middle East", "South Asia", "Southeast Asia", "East Asia", "Europe", "Latin America",
           "Central Asia", "North America", "Oceania")
FIELDS = ("id", "text", "label", "kind", "country", "region", "style")


@dataclass(frozen=True)
class CorpusItem:
    """One team-written text and its label (an ACLED sub-event type, or ``NONE``)."""

    id: str
    text: str
    label: str
    kind: str
    country: str
    region: str
    style: str
    file: str

    @property
    def is_event(self) -> bool:
        return self.label != NONE


def corpus_dir() -> Path:
    return Path(str(resources.files("frontlines") / "data" / "corpus"))


def _labels() -> set[str]:
    from frontlines.nlp.taxonomy import ACLED_SUBTYPES

    return {s for subs in ACLED_SUBTYPES.values() for s in subs} | {NONE}


def load_corpus(directory: Path | None = None) -> list[CorpusItem]:
    """Every record of every ``*.jsonl`` file, validated; a bad record is one clear error naming file and line."""
    directory = directory or corpus_dir()
    labels = _labels()
    items: list[CorpusItem] = []
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{n}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise FrontlinesError(f"{where}: not JSON ({exc.msg})") from None
            missing = [f for f in FIELDS if not isinstance(rec.get(f), str) or not rec.get(f).strip()]
            if missing:
                raise FrontlinesError(f"{where}: missing or empty field(s) {', '.join(missing)}")
            if rec["label"] not in labels:
                raise FrontlinesError(f"{where}: unknown label {rec['label']!r}")
            if rec["region"] not in REGIONS:
                raise FrontlinesError(f"{where}: unknown region {rec['region']!r}")
            if rec["id"] in seen:
                raise FrontlinesError(f"{where}: id {rec['id']!r} already used in {seen[rec['id']]}")
            seen[rec["id"]] = where
            items.append(CorpusItem(*(rec[f].strip() for f in FIELDS), file=path.name))
    return items


def manifest(items: list[CorpusItem]) -> dict:
    """What the corpus holds and a content hash, so a trained model can name the exact corpus it saw."""
    digest = hashlib.sha256()
    for it in sorted(items, key=lambda i: i.id):
        digest.update(json.dumps([it.id, it.text, it.label], ensure_ascii=False).encode())
    return {
        "version": CORPUS_VERSION,
        "sha256": digest.hexdigest(),
        "how_made": ("Written by the frontlines team from its own knowledge of news style and ACLED's public "
                     "codebook definitions; no text copied or paraphrased from any dataset, no ACLED data."),
        "size": len(items),
        "per_label": dict(sorted(Counter(i.label for i in items).items())),
        "per_kind": dict(sorted(Counter(i.kind for i in items).items())),
        "per_region": dict(sorted(Counter(i.region for i in items).items())),
        "countries": len({i.country for i in items}),
        "per_style": dict(sorted(Counter(i.style for i in items).items())),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=None)
    args = ap.parse_args(argv)
    directory = args.dir or corpus_dir()
    items = load_corpus(directory)
    man = manifest(items)
    (directory / "manifest.json").write_text(json.dumps(man, indent=1, ensure_ascii=False) + "\n")
    print(f"{man['size']} items, {len(man['per_label'])} labels, {man['countries']} countries")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
