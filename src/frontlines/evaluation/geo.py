"""Place quality on real annotations: event-location picking, FA-KES governorates, ACLED coordinates.

Three kinds, all registered for ``frontlines eval``:

* ``event_location`` (Halterman's event_location JSONL): for the human-marked
  event verb, does ``find_places`` give the role "event" to the human-marked
  location span (character overlap), and does the geocoder resolve it? Rows
  without a gold location measure whether we correctly name no event place.
* ``fakes-location`` (FA-KES ``dev.csv``): the governorate of each article's
  *dominant place*: every place mention of title and body resolved in document
  context, weighted (title x3, first sentences x2, role "event" x2), summed by
  admin1; no event detector is involved, so the figure measures the place stage
  alone. FA-KES has no Rural Damascus class, so Rif Dimashq counts as damascus.
* ``acled-location`` (ACLED ``notes``): the gazetteer is the default layer plus
  the locations of one half of the file (``common.half_of`` on the note text);
  the other half's notes are geocoded with no country hint and compared with the
  coded location: named-location accuracy, and the share within 5 km and
  25 km of the gold point, for gold geo_precision 1 rows.

``every`` (every N-th item, as ``frontlines eval --every``) thins event_location
and the ACLED test half for the CI gate; the gazetteer half is always whole.
"""

from __future__ import annotations

import csv
import json
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

from frontlines.evaluation import common
from frontlines.evaluation.registry import register
from frontlines.geo import names as N
from frontlines.geo.polygon import haversine_km
from frontlines.mention import PlaceMention

SYSTEM = "frontlines places (find_places + Geocoder)"


def _nlp():
    from frontlines.nlp.pipeline import load_nlp

    return load_nlp()


def _share(k: float, n: int) -> float:
    return k / n if n else 0.0


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# -- event_location -------------------------------------------------------------------------------
def read_event_location(path: Path) -> list[dict[str, Any]]:
    rows = []
    with common.require(path).open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            spans = r.get("spans") or []
            verb = next((s for s in spans if s.get("label") == "VERB"), None)
            if verb is None or not r.get("text"):
                continue
            gold = [_char_span(r, s) for s in spans if s.get("label") == "LOCATION"]
            rows.append({"text": r["text"], "verb": _char_span(r, verb), "gold": [g for g in gold if g]})
    return rows


def _char_span(row: dict[str, Any], span: dict[str, Any]) -> tuple[int, int] | None:
    """Character offsets of a span; some rows carry token indices in start/end, so check against the text."""
    text, want = row["text"], span.get("text")
    start, end = span.get("start"), span.get("end")
    if start is not None and end is not None and end > start and (want is None or text[start:end] == want):
        return start, end
    tokens = row.get("tokens") or []
    ts, te = span.get("token_start"), span.get("token_end")
    if ts is not None and te is not None and te < len(tokens):
        a, b = tokens[ts]["start"], tokens[te]["end"]
        if want is None or text[a:b] == want:
            return a, b
    if want:
        k = text.find(want)
        if k >= 0:
            return k, k + len(want)
    return None


@register("event_location")
def evaluate_event_location(path: Path, *, limit: int | None = None, every: int | None = None,
                            progress: bool = False, db: Path | None = None, **_: Any) -> dict[str, Any]:
    from frontlines.geo import PlaceContext
    from frontlines.nlp.places import find_places, use_geocoder

    started = time.perf_counter()
    rows = read_event_location(path)[:: every or 1][: limit or None]
    geocoder = _geocoder(db)
    use_geocoder(geocoder)
    nlp = _nlp()
    picked = with_gold = none_ok = without_gold = resolved = gold_resolved = 0
    errors: list[dict[str, Any]] = []
    docs = nlp.pipe((r["text"] for r in rows), batch_size=64)
    for r, doc in common.track(zip(rows, docs, strict=True), len(rows), "event_location", progress):
        if r["verb"] is None:
            continue
        vs, ve = r["verb"]
        trigger = next((t.i for t in doc if t.idx <= vs < t.idx + len(t) or vs <= t.idx < ve), None)
        sent = doc[trigger].sent if trigger is not None else doc[:]
        places = find_places(sent, trigger)
        events = [p for p in places if p.role == "event"]
        if r["gold"]:
            with_gold += 1
            hit = next((p for p in events if any(_overlaps((p.start, p.end), g) for g in r["gold"])), None)
            if hit is not None:
                picked += 1
                geocoder.resolve([hit], PlaceContext(document_places=[p.text for p in places]))
                resolved += hit.resolved is not None
            elif len(errors) < 40:
                errors.append({"text": r["text"], "verb": r["text"][vs:ve],
                               "gold": [r["text"][a:b] for a, b in r["gold"]],
                               "predicted": [(p.text, p.role) for p in places]})
            gold_places = [PlaceMention(r["text"][a:b]) for a, b in r["gold"][:1]]
            geocoder.resolve(gold_places, PlaceContext(document_places=[p.text for p in places]))
            gold_resolved += gold_places[0].resolved is not None
        else:
            without_gold += 1
            none_ok += not events
    n = len(rows)
    figures = {
        "pick_accuracy": _share(picked, with_gold),
        "resolution_rate": _share(resolved, picked),
        "gold_resolution_rate": _share(gold_resolved, with_gold),
        "no_location_agreement": _share(none_ok, without_gold),
        "overall_accuracy": _share(picked + none_ok, n),
    }
    return common.result("event_location", path, SYSTEM, n, started, figures=figures, with_gold=with_gold,
                         without_gold=without_gold, errors=errors)


# -- FA-KES governorates --------------------------------------------------------------------------
# FA-KES labels Damascus and its countryside alike; fold the admin1 names our gazetteers use onto its labels.
_FAKES_MERGE = {"rif dimashq": "damascus", "rural damascus": "damascus", "dimashq": "damascus"}


def _governorate_key(admin1: str, labels: dict[str, str]) -> str | None:
    """The FA-KES label for an admin1 name, matched on name keys (Ar-Raqqah ~ raqqa, Al-Hasakah ~ hasakeh)."""
    base = N.base(admin1)
    if base in _FAKES_MERGE:
        return _FAKES_MERGE[base]
    skel = N.skeleton(admin1)
    return labels.get(base) or labels.get(skel)


def dominant_governorate(doc, title_chars: int, geocoder, labels: dict[str, str]) -> str | None:
    from frontlines.geo import PlaceContext
    from frontlines.nlp.places import find_places

    mentions: list[tuple[PlaceMention, float]] = []
    for k, sent in enumerate(doc.sents):
        weight = 3.0 if sent.start_char < title_chars else (2.0 if k < 4 else 1.0)
        for p in find_places(sent, None):
            if p.role == "announced":
                continue
            mentions.append((p, weight * (2.0 if p.role == "event" else 1.0)))
    if not mentions:
        return None
    places = [p for p, _ in mentions]
    geocoder.resolve(places, PlaceContext(document_places=[p.text for p in places], outlet_country="Syria"))
    votes: Counter = Counter()
    for p, w in mentions:
        loc = p.resolved
        if loc is None or loc.country != "Syria" or not loc.admin1:
            continue
        key = _governorate_key(loc.admin1, labels)
        if key:
            votes[key] += w
    return votes.most_common(1)[0][0] if votes else None


@register("fakes-location")
def evaluate_fakes_location(path: Path, *, limit: int | None = None, progress: bool = False,
                            db: Path | None = None, **_: Any) -> dict[str, Any]:
    from frontlines.nlp.places import use_geocoder

    started = time.perf_counter()
    with common.require(path).open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("location")][: limit or None]
    geocoder = _geocoder(db)
    use_geocoder(geocoder)
    gold_labels = sorted({r["location"].strip().lower() for r in rows})
    labels: dict[str, str] = {}
    for lab in gold_labels:
        labels[N.base(lab)] = lab
        labels[N.skeleton(lab)] = lab
    nlp = _nlp()
    texts = [(r.get("article_title") or "").strip() + ".\n" + (r.get("article_content") or "") for r in rows]
    correct = answered = 0
    confusion: Counter = Counter()
    for r, _text, doc in common.track(zip(rows, texts, nlp.pipe(texts, batch_size=16), strict=True), len(rows),
                                     "fakes-location", progress):
        title_chars = len((r.get("article_title") or "").strip()) + 1
        pred = dominant_governorate(doc, title_chars, geocoder, labels)
        gold = r["location"].strip().lower()
        answered += pred is not None
        correct += pred == gold
        if pred != gold:
            confusion[f"{gold} -> {pred}"] += 1
    n = len(rows)
    figures = {"governorate_accuracy": _share(correct, n), "answered": _share(answered, n)}
    return common.result("fakes-location", path, SYSTEM, n, started, figures=figures,
                         method="dominant place of the document (no event detector)",
                         confusions=dict(confusion.most_common(15)))


# -- ACLED notes ----------------------------------------------------------------------------------
def note_location(doc, geocoder) -> PlaceMention | None:
    """The event place of an ACLED note: the first event-role place that resolves (in note context), else
    the resolvable place nearest it (``places.by_event_preference``)."""
    from frontlines.geo import PlaceContext
    from frontlines.nlp.places import by_event_preference, find_places

    found: list[PlaceMention] = []
    for sent in doc.sents:
        found.extend(find_places(sent, None))
    if not found:
        return None
    context = PlaceContext(document_places=[p.text for p in found])
    order = by_event_preference(found)
    geocoder.resolve(order, context)
    return next((p for p in order if p.resolved is not None), None)


@register("acled-location")
def evaluate_acled_location(path: Path, *, limit: int | None = None, every: int | None = None,
                            split: str | None = None, progress: bool = False, **_: Any) -> dict[str, Any]:
    from frontlines.geo import Geocoder
    from frontlines.geo.gazetteer import Gazetteer
    from frontlines.geo.loaders import read_acled
    from frontlines.nlp.places import use_geocoder

    started = time.perf_counter()
    split = common.check_split(split) or "half-b"
    with common.require(path).open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    build = [r for r in rows if common.half_of(r.get("notes") or "") != split]
    test = [r for r in rows if common.half_of(r.get("notes") or "") == split and r.get("geo_precision") == "1"]
    test = test[:: every or 1][: limit or None]
    layer = Gazetteer(read_acled(path, "acled-" + common.other_half(split), rows=build).entries, name="acled")
    geocoder = Geocoder(layers=[layer])
    use_geocoder(geocoder)
    nlp = _nlp()
    notes = [r.get("notes") or "" for r in test]
    named = within5 = within25 = resolved = 0
    dists: list[float] = []
    errors: list[dict[str, Any]] = []
    for r, doc in common.track(zip(test, nlp.pipe(notes, batch_size=64), strict=True), len(test),
                               "acled-location", progress):
        p = note_location(doc, geocoder)
        loc = p.resolved if p else None
        if loc is None or loc.latitude is None:
            if len(errors) < 30:
                errors.append({"notes": r["notes"][:300], "gold": r["location"], "predicted": p.text if p else None})
            continue
        resolved += 1
        d = haversine_km(loc.latitude, loc.longitude, float(r["latitude"]), float(r["longitude"]))
        dists.append(d)
        within5 += d <= 5
        within25 += d <= 25
        same = N.base(loc.location) == N.base(r["location"]) or N.base(loc.location.split(" - ")[-1]) == \
            N.base(r["location"].split(" - ")[-1])
        named += same
        if not same and len(errors) < 30:
            errors.append({"notes": r["notes"][:300], "gold": r["location"], "predicted": loc.location,
                           "km": round(d, 1)})
    n = len(test)
    figures = {
        "named_location_accuracy": _share(named, n),
        "within_5km": _share(within5, n),
        "within_25km": _share(within25, n),
        "resolution_rate": _share(resolved, n),
    }
    # Not a figure: figures are shares where higher is better (the CI gate pins them as floors).
    median_km = round(statistics.median(dists), 2) if dists else None
    return common.result("acled-location", path, SYSTEM, n, started, split=split, figures=figures,
                         median_km_of_resolved=median_km,
                         gazetteer=f"default + ACLED locations of {common.other_half(split)} ({len(layer)} entries)",
                         errors=errors)


def _geocoder(db: Path | None):
    from frontlines.geo import Geocoder

    if db is None or not Path(db).exists():
        return Geocoder()
    from frontlines.store import Store

    with Store(db, read_only=True) as store:
        return Geocoder(store)


__all__ = ["dominant_governorate", "note_location", "read_event_location"]
