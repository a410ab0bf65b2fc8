"""A worksheet for judging fusion by hand: sampled fused groups with their mentions and near neighbours.

Fusion quality has two failure modes: a group that mixes different real events
(over-merging) and one real event left in several groups (under-merging).
Neither can be scored without reading the reports, so this writes, for a
seeded random sample of canonical events with two or more mentions, every
member (date, type, place, actors, outlet, evidence sentence, document title)
and the *candidate duplicates*: other canonical events of a compatible type
in a related place within three days, which a reader checks for the same event.

    python -m frontlines.fusion.audit STORE.duckdb [N] [SEED] [MIN_MENTIONS] [WINDOW_DAYS] > worksheet.md
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta

from frontlines.fusion.engine import load_events
from frontlines.fusion.features import MentionFeatures
from frontlines.fusion.places import PlaceKey, relation
from frontlines.fusion.scorer import type_compat


def _members(store, cid: str) -> list[MentionFeatures]:
    return [MentionFeatures.from_json(r[0]) for r in store.con.execute(
        "SELECT features FROM canonical_members WHERE canonical_id = ? ORDER BY mention_id", [cid]).fetchall()]


def worksheet(store, n: int = 100, seed: int = 5, min_mentions: int = 2, window_days: int = 3,
              max_neighbours: int = 5) -> str:
    events = load_events(store)
    multi = [e for e in events if e.n_mentions >= min_mentions]
    rnd = random.Random(seed)
    sample = rnd.sample(multi, min(n, len(multi)))
    out = [f"# Fusion audit worksheet ({len(sample)} of {len(multi)} groups with >= {min_mentions} mentions; "
           f"{len(events)} canonical events in all; seed {seed})", ""]
    for k, ev in enumerate(sample, 1):
        out.append(f"## {k}. {ev.canonical_id} {ev.event_date} {ev.sub_event_type} @ "
                   f"{(ev.location or {}).get('location')} ({ev.n_mentions} mentions, {ev.n_sources} docs)")
        for m in _members(store, ev.canonical_id):
            out.append(f"- [{m.date} p{m.time_precision}] {m.sub_event_type} @ "
                       f"{(m.location or {}).get('location') or (m.place and m.place[4])} | {m.actor1} / {m.actor2} | "
                       f"{m.source} | {m.title!r}\n  > {m.evidence.strip()[:400]}")
        near = _neighbours(ev, events, window_days)
        if near:
            out.append("- candidate duplicates left apart:")
            for e in near[:max_neighbours]:
                out.append(f"  - {e.canonical_id} {e.event_date} {e.sub_event_type} @ "
                           f"{(e.location or {}).get('location')}: {e.notes[:200]!r}")
        out += ["- verdict: mixed? __  unmerged duplicate? __", ""]
    return "\n".join(out) + "\n"


def _neighbours(ev, events, window_days: int = 3):
    if not ev.event_date:
        return []
    d = date.fromisoformat(ev.event_date)
    pk = PlaceKey.from_json(ev.place) if ev.place else None
    out = []
    for e in events:
        if e.canonical_id == ev.canonical_id or not e.event_date:
            continue
        if abs((date.fromisoformat(e.event_date) - d).days) > window_days:
            continue
        if type_compat(ev.event_type, ev.sub_event_type, e.event_type, e.sub_event_type) == 0:
            continue
        ek = PlaceKey.from_json(e.place) if e.place else None
        if pk and ek and relation(pk, ek) is None:
            continue
        out.append(e)
    return sorted(out, key=lambda e: abs((date.fromisoformat(e.event_date) - d) / timedelta(days=1)))


def main(argv: list[str]) -> None:
    from frontlines.store import Store

    args = [*argv[1:], "100", "5", "2", "3"][:4]
    n, seed, min_mentions, window = (int(a) for a in args)
    with Store(argv[0], read_only=True) as store:
        sys.stdout.write(worksheet(store, n, seed, min_mentions, window, max_neighbours=4 if window <= 1 else 5))


if __name__ == "__main__":
    main(sys.argv[1:])
