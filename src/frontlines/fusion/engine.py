"""``fuse(store)``: extend the canonical events with the mentions not yet fused. Idempotent, incremental.

One run:
1. reads the article mentions that belong to no canonical event yet;
2. loads the members of existing canonical events in the same date window
   (their stored features, not the mentions: nothing is rebuilt);
3. walks the new mentions in date order; each looks up its place/date blocks,
   is scored against the candidate events there, and joins the best one above
   the scorer's threshold or founds a new event whose id is minted from it;
   denials only join (a denial of nothing reported is not an event);
4. drops memberships whose mention no longer exists (re-extraction), then
   rebuilds consensus, independence and contradictions for the touched events
   only, and re-derives the control timeline from the territory events.
A second run with no new mentions finds nothing to do and writes nothing.

WHY step 4 is one transaction: memberships, the events built from them, their
contradictions, the control timeline and the source list they were counted
with depend on each other. Saved apart, a kill between them left memberships
without events, and the next run, finding no new mention, rebuilt nothing.
Now a kill leaves the store exactly as before the run, and the re-run does it
all. A store written by an older frontlines that was killed that way is
repaired on the next run: memberships without an event, and events without
members, are rebuilt (``_half_done``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from frontlines import killpoint
from frontlines.fusion import consensus, contradictions
from frontlines.fusion import control as control_mod
from frontlines.fusion.bulk import insert_rows
from frontlines.fusion.cluster import BlockIndex, Cluster, canonical_id_for
from frontlines.fusion.features import DocMeta, MentionFeatures, features_of, mention_from_payload
from frontlines.fusion.places import PolygonIndex
from frontlines.fusion.scorer import Scorer, get_scorer
from frontlines.fusion.sources import SourceList
from frontlines.fusion.text import minhash, rows_of, tfidf

WINDOW_DAYS = 45  # existing members this far around the new mentions' dates are match candidates


@dataclass
class FuseStats:
    # Mentions fused in this run. A denial of nothing reported is kept aside and tried again on
    # every run (the claim it denies may arrive later); it counts in ``unmatched_denials``, not here.
    new_mentions: int = 0
    joined: int = 0
    new_events: int = 0
    unmatched_denials: int = 0
    skipped: int = 0
    removed_mentions: int = 0
    touched: int = 0
    skipped_reasons: dict[str, int] = field(default_factory=dict)


def _resolve_sources(store, sources: SourceList | str | Path | None) -> tuple[SourceList, bool]:
    """The source list to use, and whether it differs from the one stored (then every event is re-counted)."""
    stored = SourceList.load(store)
    if sources is None:
        found = _discover_sources(store)
        if found is None or len(stored):
            return stored, False
        sources = found
    if not isinstance(sources, SourceList):
        sources = SourceList.from_csv(sources)
    changed = sources.fingerprint() != stored.fingerprint()  # saved with the events it counts (step 4)
    return sources, changed


def _discover_sources(store) -> Path | None:
    """A ``sources.csv`` beside (or one level above) the inputs the documents came from."""
    try:
        rows = store.con.execute("SELECT DISTINCT input FROM documents WHERE input IS NOT NULL LIMIT 50").fetchall()
    except Exception:
        return None
    for (inp,) in rows:
        p = Path(inp)
        for d in (p if p.is_dir() else p.parent, (p if p.is_dir() else p.parent).parent):
            if (d / "sources.csv").is_file():
                return d / "sources.csv"
    return None


def _docs(store, doc_ids: set[str], with_text: bool = False) -> dict[str, DocMeta]:
    if not doc_ids:
        return {}
    out = {}
    cols = "doc_id, source, title, url, published" + (", paragraphs" if with_text else "")
    ids = sorted(doc_ids)
    for i in range(0, len(ids), 5000):
        chunk = ids[i:i + 5000]
        rows = store.con.execute(f"SELECT {cols} FROM documents WHERE doc_id IN (SELECT unnest(?))", [chunk])
        for r in rows.fetchall():
            text = "\n\n".join([r[2] or "", *(r[5] or [])]) if with_text else ""
            out[r[0]] = DocMeta(r[0], r[1], r[2], r[3], r[4], text)
    return out


def _signatures(store, doc_ids: set[str]) -> dict[str, np.ndarray]:
    """MinHash signatures of the documents, computed once and stored."""
    if not doc_ids:
        return {}
    ids = sorted(doc_ids)
    have = {r[0]: np.asarray(r[1], dtype=np.uint32) for r in store.con.execute(
        "SELECT doc_id, signature FROM doc_signatures WHERE doc_id IN (SELECT unnest(?))", [ids]).fetchall()}
    missing = set(ids) - set(have)
    if missing:
        docs = _docs(store, missing, with_text=True)
        rows = []
        for d in sorted(docs):
            sig = minhash(docs[d].text)
            have[d] = sig
            rows.append([d, sig.tolist()])
        store.con.execute("DELETE FROM doc_signatures WHERE doc_id IN (SELECT unnest(?))", [[r[0] for r in rows]])
        insert_rows(store.con, "doc_signatures", ["doc_id", "signature"], rows)
    return have


def _skip(stats: FuseStats, reason: str) -> None:
    stats.skipped += 1
    stats.skipped_reasons[reason] = stats.skipped_reasons.get(reason, 0) + 1


def _half_done(con) -> set[str]:
    """Events left half-built by a killed run of an older frontlines: members without an event, or an
    event without members. Rebuilding them finishes (or removes) them."""
    return {r[0] for r in con.execute(
        "SELECT DISTINCT c.canonical_id FROM canonical_members c LEFT JOIN canonical_events e USING (canonical_id)"
        " WHERE e.canonical_id IS NULL"
        " UNION SELECT e.canonical_id FROM canonical_events e LEFT JOIN canonical_members c USING (canonical_id)"
        " WHERE c.canonical_id IS NULL").fetchall()}


def fuse_store(store, sources: SourceList | str | Path | None = None, scorer: Scorer | None = None,
               progress: Callable[[int, int], None] | None = None, recount: bool = False,
               regroup: bool = False) -> FuseStats:
    """One fusion run (see the module doc). ``regroup`` fuses every mention afresh, replacing all events
    in the same transaction, so a killed regroup leaves the old events in place."""
    killpoint.reached("fuse")
    scorer = scorer or get_scorer()
    stats = FuseStats()
    source_list, sources_changed = _resolve_sources(store, sources)
    polygons = PolygonIndex.from_store(store)

    # 1. new mentions, parsed chunk by chunk into compact features (the full records are dropped)
    reader = store.con.cursor()  # its own cursor: document lookups run while it streams
    cur = reader.execute(
        "SELECT m.mention_id, m.payload FROM mentions m ORDER BY m.mention_id" if regroup else
        "SELECT m.mention_id, m.payload FROM mentions m LEFT JOIN canonical_members c USING (mention_id)"
        " WHERE c.mention_id IS NULL ORDER BY m.mention_id"
    )
    new: list[MentionFeatures] = []
    while True:
        chunk = cur.fetchmany(5000)
        if not chunk:
            break
        parsed = []
        for _mid, payload in chunk:
            try:
                m = mention_from_payload(payload)
            except (ValueError, TypeError, KeyError) as exc:
                _skip(stats, f"unreadable payload ({type(exc).__name__})")
                continue
            if m.source_type != "article":
                _skip(stats, "reader comment")  # reader comments are never fused into the article's events
                continue
            parsed.append(m)
        docs = _docs(store, {m.doc_id for m in parsed})
        new += [features_of(m, docs.get(m.doc_id), polygons) for m in parsed]
    reader.close()
    stats.new_mentions = len(new)

    # 2. existing members near those dates
    clusters: list[Cluster] = []
    by_id: dict[str, int] = {}
    existing: list[tuple[str, MentionFeatures]] = []
    if new and not regroup:
        dated = [m.day for m in new if m.day]
        lo = (min(dated) if dated else date.min + timedelta(days=WINDOW_DAYS)) - timedelta(days=WINDOW_DAYS)
        hi = (max(dated) if dated else date.max - timedelta(days=WINDOW_DAYS)) + timedelta(days=WINDOW_DAYS)
        existing = [(cid, MentionFeatures.from_json(f)) for cid, f in store.con.execute(
            "SELECT canonical_id, features FROM canonical_members"
            " WHERE event_date IS NULL OR event_date BETWEEN ? AND ? ORDER BY canonical_id, mention_id",
            [lo, hi]).fetchall()]
    texts = [m.evidence for _, m in existing] + [m.evidence for m in new]
    vecs = rows_of(tfidf(texts))
    index = BlockIndex(scorer.date_slack_days)
    for i, (cid, m) in enumerate(existing):
        if cid not in by_id:
            by_id[cid] = len(clusters)
            clusters.append(Cluster(cid, existing=True))
        k = by_id[cid]
        clusters[k].add(m, vecs[i])
        index.add(k, m)

    # 3. assign, in date order; claims before denials so a denial finds what it denies
    offset = len(existing)
    order = sorted(range(len(new)), key=lambda i: (new[i].is_denial, new[i].date or "9999", new[i].published or "",
                                                    new[i].mention_id))
    for n, i in enumerate(order):
        m, vec = new[i], vecs[offset + i]
        best, best_score = None, -1.0
        for k in sorted(index.candidates(m)):
            c = clusters[k]
            s = scorer(m, c, c.text_sim(vec))
            if s is not None and s >= scorer.threshold and s > best_score:
                best, best_score = k, s
        if best is None:
            if m.is_denial:
                stats.unmatched_denials += 1
                continue
            cid = canonical_id_for(m.mention_id)
            if cid in by_id:  # founder already fused in an earlier run (cannot happen, but never duplicate)
                best = by_id[cid]
            else:
                by_id[cid] = best = len(clusters)
                clusters.append(Cluster(cid))
                stats.new_events += 1
            best_score = 1.0
        else:
            stats.joined += 1
        clusters[best].add(m, vec, best_score)
        index.add(best, m)
        if progress and n % 500 == 0:
            progress(n, len(new))

    stats.new_mentions -= stats.unmatched_denials

    # 4. persist memberships, drop orphans, rebuild touched events, re-derive control: one transaction
    killpoint.reached("fuse")
    touched = {c.canonical_id for c in clusters if c.new_members}
    with store.transaction() as con:
        if regroup:
            for table in ("contradictions", "control_changes", "canonical_members", "canonical_events"):
                con.execute(f"DELETE FROM {table}")  # fixed table names, no input in the SQL
        if sources_changed:
            source_list.save(store)
        insert_rows(con, "canonical_members", ["mention_id", "canonical_id", "doc_id", "event_date", "score", "features"],
                    [[m.mention_id, c.canonical_id, m.doc_id, m.day, round(s, 6), m.to_json()]
                     for c in clusters for m, s in c.new_members])
        killpoint.reached("fuse")
        orphans = con.execute(
            "SELECT c.mention_id, c.canonical_id FROM canonical_members c LEFT JOIN mentions m USING (mention_id)"
            " WHERE m.mention_id IS NULL").fetchall()
        if orphans:
            con.execute("DELETE FROM canonical_members WHERE mention_id IN (SELECT unnest(?))",
                        [[o[0] for o in orphans]])
            touched |= {o[1] for o in orphans}
            stats.removed_mentions = len(orphans)
        touched |= _half_done(con)
        if sources_changed or recount:  # groups stay; consensus, counts and contradictions are recomputed
            touched |= {r[0] for r in con.execute("SELECT canonical_id FROM canonical_events").fetchall()}
        stats.touched = len(touched)
        del clusters, index, vecs, existing, by_id
        new.clear()
        if touched:
            rebuild(store, touched, source_list)
        killpoint.reached("fuse")
        if touched or not con.execute("SELECT count(*) FROM control_changes").fetchall()[0][0]:
            refresh_control(store)  # territory events only; written only when it changed
        killpoint.reached("fuse")
    killpoint.reached("fuse")
    return stats


def rebuild(store, canonical_ids: set[str], sources: SourceList, chunk: int = 2000) -> None:
    """Recompute consensus, independence and contradictions of these events from their members.

    One transaction (a crash leaves the previous state; inside ``fuse_store`` it is part of the
    run's one transaction), worked through in chunks so memory stays bounded by the chunk, not by
    the number of touched events.
    """
    ids = sorted(canonical_ids)
    with store.transaction() as con:
        for i in range(0, len(ids), chunk):
            _rebuild_chunk(store, con, ids[i:i + chunk], sources)
            killpoint.reached("fuse")


def _rebuild_chunk(store, con, ids: list[str], sources: SourceList) -> None:
    members: dict[str, list[MentionFeatures]] = {cid: [] for cid in ids}
    for cid, f in con.execute(
        "SELECT canonical_id, features FROM canonical_members WHERE canonical_id IN (SELECT unnest(?))"
        " ORDER BY mention_id", [ids]).fetchall():
        members[cid].append(MentionFeatures.from_json(f))
    doc_ids = {m.doc_id for ms in members.values() for m in ms}
    multi = {m.doc_id for ms in members.values() if len({x.doc_id for x in ms}) > 1 for m in ms}
    docs = _docs(store, multi, with_text=True)
    docs.update(_docs(store, doc_ids - multi))
    sigs = _signatures(store, multi)
    created = dict(con.execute(
        "SELECT canonical_id, created_at FROM canonical_events WHERE canonical_id IN (SELECT unnest(?))",
        [ids]).fetchall())
    con.execute("DELETE FROM contradictions WHERE canonical_id IN (SELECT unnest(?))", [ids])
    con.execute("DELETE FROM canonical_events WHERE canonical_id IN (SELECT unnest(?))", [ids])
    ev_rows, cx_rows = [], []
    for cid in ids:
        ms = members[cid]
        if not ms:
            continue  # every mention was withdrawn: the event goes with them
        ev = consensus.build(cid, ms, docs, sources, sigs)
        voice = {m.mention_id: consensus.voice_of(m, sources)[1] for m in ms}
        cxs = contradictions.detect(ev, ms, lambda m, v=voice: v.get(m.mention_id))
        ev.contradiction_ids = [c.contradiction_id for c in cxs]
        loc = ev.location or {}
        ev_rows.append([
            cid, ev.event_id_cnty, date.fromisoformat(ev.event_date) if ev.event_date else None,
            ev.time_precision, ev.event_type, ev.sub_event_type, ev.disorder_type, ev.actor1, ev.actor2,
            loc.get("location"), loc.get("country"), loc.get("admin1"), loc.get("latitude"), loc.get("longitude"),
            loc.get("geo_precision"), ev.fatalities, ev.n_mentions, ev.n_sources, ev.n_independent, ev.claimants,
            json.dumps(ev.to_dict(), ensure_ascii=False), created.get(cid)])
        for c in cxs:
            cx_rows.append([c.contradiction_id, cid, c.kind, c.field, c.mention_ids, c.summary,
                            json.dumps(c.to_dict(), ensure_ascii=False)])
    insert_rows(con, "canonical_events", [
        "canonical_id", "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type",
        "disorder_type", "actor1", "actor2", "location", "country", "admin1", "latitude", "longitude",
        "geo_precision", "fatalities", "n_mentions", "n_sources", "n_independent", "claimants", "payload",
        "created_at"], ev_rows)
    con.execute("UPDATE canonical_events SET created_at = current_timestamp WHERE created_at IS NULL")
    insert_rows(con, "contradictions", ["contradiction_id", "canonical_id", "kind", "field", "mention_ids",
                                        "summary", "detail"], cx_rows)


def load_events(store, where: str = "", params: list | None = None) -> list[consensus.CanonicalEvent]:
    rows = store.con.execute(
        "SELECT payload FROM canonical_events " + where + " ORDER BY event_date, canonical_id", params or []
    ).fetchall()
    return [consensus.CanonicalEvent.from_dict(json.loads(r[0])) for r in rows]


def load_contradictions(store, canonical_ids: list[str] | None = None) -> list[contradictions.Contradiction]:
    if canonical_ids is None:
        rows = store.con.execute("SELECT detail FROM contradictions ORDER BY canonical_id, kind").fetchall()
    else:
        rows = store.con.execute("SELECT detail FROM contradictions WHERE canonical_id IN (SELECT unnest(?))"
                                 " ORDER BY canonical_id, kind", [canonical_ids]).fetchall()
    return [contradictions.Contradiction.from_dict(json.loads(r[0])) for r in rows]


def refresh_control(store) -> None:
    from frontlines.fusion.features import TERRITORY

    events = load_events(store, "WHERE sub_event_type IN (SELECT unnest(?))", [list(TERRITORY)])
    disputed = {r[0] for r in store.con.execute(
        "SELECT DISTINCT canonical_id FROM contradictions WHERE kind = 'capture_disputed'").fetchall()}
    new = control_mod.changes_from(events, disputed)
    old = control_mod.load(store)
    if [c.__dict__ for c in old] != [c.__dict__ for c in new]:
        control_mod.save(store, new)
