"""Why acled-location misses: a categorisation of every note not placed within 5 km of the gold point.

``python -m frontlines.evaluation.place_misses ../shared/data/acled_notes/dev.csv [--every N] [--out misses.jsonl]``

The figure says how many notes miss; this says which part of the stage to
work on. Per half-b note with gold geo_precision 1 (the evaluator's rows):

* ``ok``: placed within 5 km;
* ``choice``: some place mention of the note resolves within 5 km, but another was chosen;
* ``absent``: no gazetteer entry (default layer or the half-a ACLED layer) lies within 5 km of the gold point;
* ``named``: an entry within 5 km exists and one of its names occurs in the note, but no mention got it;
* ``other_name``: an entry within 5 km exists, but none of its names occurs in the note (the village is
  missing and a neighbour is known, or the note spells it in a form no key matches).
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

import numpy as np

from frontlines.evaluation import common
from frontlines.evaluation.geo import _nlp, note_location
from frontlines.geo import Geocoder, PlaceContext
from frontlines.geo import names as N
from frontlines.geo.gazetteer import Gazetteer
from frontlines.geo.loaders import read_acled
from frontlines.geo.polygon import haversine_km
from frontlines.nlp.places import find_places, use_geocoder

CATEGORIES = ("ok", "choice", "absent", "named", "other_name")


class _Points:
    """Every gazetteer point, for "is anything known within 5 km of the gold point" (one vector op per miss)."""

    def __init__(self, geocoder: Geocoder):
        self.entries = [e for layer in geocoder.layers for e in layer if e.latitude is not None]
        self.lat = np.array([e.latitude for e in self.entries])
        self.lon = np.array([e.longitude for e in self.entries])

    def near(self, lat: float, lon: float, km: float = 5.0):
        d = np.hypot((self.lat - lat) * 111.2, (self.lon - lon) * 111.2 * np.cos(np.radians(lat)))
        return [self.entries[i] for i in np.nonzero(d <= km)[0]]


def categorise(path: Path, every: int | None = None) -> tuple[Counter, list[dict]]:
    with common.require(path).open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    build = [r for r in rows if common.half_of(r.get("notes") or "") != "half-b"]
    test = [r for r in rows if common.half_of(r.get("notes") or "") == "half-b" and r.get("geo_precision") == "1"]
    test = test[:: every or 1]
    layer = Gazetteer(read_acled(path, "acled-half-a", rows=build).entries, name="acled")
    geocoder = Geocoder(layers=[layer])
    use_geocoder(geocoder)
    points = _Points(geocoder)
    counts: Counter = Counter()
    records = []
    for r, doc in zip(test, _nlp().pipe([r["notes"] for r in test], batch_size=64), strict=True):
        glat, glon = float(r["latitude"]), float(r["longitude"])
        p = note_location(doc, geocoder)
        loc = p.resolved if p else None
        km = haversine_km(loc.latitude, loc.longitude, glat, glon) if loc and loc.latitude is not None else None
        rec = {"notes": r["notes"], "gold": r["location"], "predicted": loc.location if loc else None, "km": km}
        if km is not None and km <= 5:
            cat = "ok"
        else:
            found = [q for s in doc.sents for q in find_places(s, None)]
            geocoder.resolve(found, PlaceContext(document_places=[q.text for q in found]))
            good = [q.text for q in found if q.resolved and q.resolved.latitude is not None
                    and haversine_km(q.resolved.latitude, q.resolved.longitude, glat, glon) <= 5]
            near = points.near(glat, glon)
            text = f" {N.base(r['notes'])} "
            rec["mentions"] = [(q.text, q.role, q.resolved.location if q.resolved else None) for q in found]
            rec["near"] = sorted({e.name for e in near})[:6]
            if good:
                cat = "choice"
            elif not near:
                cat = "absent"
            elif any(f" {N.base(nm)} " in text for e in near for nm in e.all_names() if len(N.base(nm)) > 2):
                cat = "named"
            else:
                cat = "other_name"
        rec["category"] = cat
        counts[cat] += 1
        records.append(rec)
    return counts, records


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--every", type=int)
    ap.add_argument("--out", type=Path, help="one JSON line per note, with its mentions and nearby entries")
    args = ap.parse_args(argv)
    counts, records = categorise(args.path, args.every)
    n = sum(counts.values())
    for cat in CATEGORIES:
        print(f"{cat:11s} {counts[cat]:5d}  {counts[cat] / n:.3f}")
    if args.out:
        with args.out.open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
