"""Event mentions in the store: saved per document batch, loaded back as ``EventMention`` records.

WHY one transaction per batch with the ``extractions`` ledger inside it: a
crash mid-run must lose nothing and duplicate nothing. A document's mentions
and its ledger row are written together, so a re-run skips exactly the
documents already extracted by this ``pipeline_version`` and redoes the rest;
an upgraded pipeline replaces the old version's mentions of a document.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import date

from frontlines import killpoint
from frontlines.mention import ActorRef, Claim, Count, DateRef, EventMention, Location, PlaceMention
from frontlines.nlp.screening import Screening
from frontlines.version import PIPELINE_VERSION


def _json_default(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def mention_to_json(m: EventMention) -> str:
    return json.dumps(asdict(m), ensure_ascii=False, default=_json_default)


def _d(v):
    return date.fromisoformat(v) if isinstance(v, str) else v


def _actor(d) -> ActorRef | None:
    return ActorRef(**d) if d else None


def _place(d) -> PlaceMention:
    d = dict(d)
    loc = d.pop("resolved", None)
    return PlaceMention(**d, resolved=Location(**loc) if loc else None)


def mention_from_dict(d: dict) -> EventMention:
    """Rebuild the nested records; unknown keys (from a newer frontlines) are ignored."""
    d = dict(d)
    known = EventMention.__dataclass_fields__
    date_ref = d.pop("date", None)
    out = EventMention(**{k: v for k, v in d.items() if k in known and k not in (
        "actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "places", "counts", "claim")})
    out.actor1, out.actor2 = _actor(d.get("actor1")), _actor(d.get("actor2"))
    out.assoc_actor_1 = [ActorRef(**a) for a in d.get("assoc_actor_1") or []]
    out.assoc_actor_2 = [ActorRef(**a) for a in d.get("assoc_actor_2") or []]
    out.places = [_place(p) for p in d.get("places") or []]
    out.counts = [Count(**c) for c in d.get("counts") or []]
    out.claim = Claim(**(d.get("claim") or {}))
    if date_ref:
        out.date = DateRef(expression=date_ref.get("expression"), date=_d(date_ref.get("date")),
                           time_precision=date_ref.get("time_precision"), start=_d(date_ref.get("start")),
                           end=_d(date_ref.get("end")))
    return out


def extracted(store, doc_ids: Iterable[str] | None = None, version: str = PIPELINE_VERSION) -> set[str]:
    """Documents already extracted with ``version``."""
    rows = store.con.execute("SELECT doc_id FROM extractions WHERE pipeline_version = ?", [version]).fetchall()
    done = {r[0] for r in rows}
    return done if doc_ids is None else done & set(doc_ids)


def save_mentions(store, batch: Iterable[tuple[str, list[EventMention]]], version: str = PIPELINE_VERSION,
                  screenings: Iterable[Screening] = ()) -> int:
    """Write the mentions of a batch of documents, and their screening decisions, in one transaction;
    returns mentions written.

    Each document's earlier mentions and screening (any pipeline version) are
    replaced, so the tables always hold one extraction per document.
    """
    batch = list(batch)
    screened = {s.doc_id: s for s in screenings}
    n = 0
    with store.transaction() as con:
        for doc_id, mentions in batch:
            con.execute("DELETE FROM mentions WHERE doc_id = ?", [doc_id])
            con.execute("DELETE FROM extractions WHERE doc_id = ?", [doc_id])
            con.execute("DELETE FROM screening WHERE doc_id = ?", [doc_id])
            s = screened.get(doc_id)
            if s is not None:
                con.execute("INSERT INTO screening (doc_id, pipeline_version, language, decision, score, reason,"
                            " n_sentences, n_parsed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            [doc_id, s.pipeline_version or version, s.language, s.decision, s.score, s.reason,
                             s.n_sentences, s.n_parsed])
            rows = []
            for m in mentions:
                loc = m.location
                place = next((p for p in m.places if p.role == "event"), None)
                rows.append([
                    m.mention_id, m.doc_id, m.source_id, m.source_type,
                    m.date.date if m.date else None, m.date.time_precision if m.date else None,
                    m.event_type, m.sub_event_type,
                    m.actor1.name if m.actor1 else None, m.actor2.name if m.actor2 else None,
                    loc.location if loc else (place.text if place else None),
                    loc.latitude if loc else None, loc.longitude if loc else None,
                    loc.geo_precision if loc else None, m.fatalities,
                    m.claim.claimant_actor or m.claim.claimant, m.claim.certainty, m.evidence,
                    m.pipeline_version or version, mention_to_json(m),
                ])
            if rows:
                con.executemany(
                    "INSERT OR REPLACE INTO mentions (mention_id, doc_id, source_id, source_type, event_date,"
                    " time_precision, event_type, sub_event_type, actor1, actor2, location, latitude, longitude,"
                    " geo_precision, fatalities, claimant, certainty, evidence, pipeline_version, payload)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
            con.execute("INSERT INTO extractions (doc_id, pipeline_version, n_mentions) VALUES (?, ?, ?)",
                        [doc_id, version, len(mentions)])
            n += len(mentions)
        killpoint.reached("extract")  # inside the transaction: a kill here must leave no trace of the batch
    return n


def _screening_filter(version: str, decision: str | None, skip: str | None) -> tuple[str, list]:
    """One WHERE clause for every reader of the screening table: a pipeline version, one decision or all but one."""
    sql, params = "WHERE s.pipeline_version = ?", [version]
    if decision is not None:
        sql += " AND s.decision = ?"
        params.append(decision)
    elif skip is not None:
        sql += " AND s.decision <> ?"
        params.append(skip)
    return sql, params


def load_screening(store, decision: str | None = None, version: str = PIPELINE_VERSION) -> list[Screening]:
    """Stored screening decisions of ``version`` (only ``decision`` when given), in document order."""
    where, params = _screening_filter(version, decision, None)
    rows = store.con.execute(
        "SELECT s.doc_id, s.pipeline_version, s.language, s.decision, s.score, s.reason, s.n_sentences, "
        "s.n_parsed FROM screening s " + where + " ORDER BY s.doc_id", params).fetchall()
    return [Screening(*r) for r in rows]


AUDIT_COLUMNS = ("doc_id", "source_id", "title", "language", "decision", "score", "reason", "n_sentences",
                 "n_parsed")


def screening_audit(store, decision: str | None = None, skip: str | None = None, limit: int = 0,
                    version: str = PIPELINE_VERSION) -> list[dict]:
    """The screening decisions joined to each document's title and source id, for a person to audit.

    Ordered by decision, then the most relevant-looking first: the documents an analyst should check
    (set aside with a high score) come at the top of each group. ``skip`` leaves one decision out.
    """
    where, params = _screening_filter(version, decision, skip)
    sql = ("SELECT " + ", ".join(("d." if c in ("source_id", "title") else "s.") + c for c in AUDIT_COLUMNS)
           + " FROM screening s LEFT JOIN documents d USING (doc_id) " + where
           + " ORDER BY s.decision, s.score DESC NULLS LAST, d.source_id")
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return [dict(zip(AUDIT_COLUMNS, r, strict=True)) for r in store.con.execute(sql, params).fetchall()]


def screening_counts(store, version: str = PIPELINE_VERSION) -> tuple[Counter, Counter]:
    """Documents per decision, and documents per language not coded yet, as stored for ``version``."""
    from frontlines.nlp.screening import LANGUAGE_NOT_CODED

    decisions = Counter(dict(store.con.execute(
        "SELECT decision, count(*) FROM screening WHERE pipeline_version = ? GROUP BY 1", [version]).fetchall()))
    languages = Counter(dict(store.con.execute(
        "SELECT coalesce(language, '?'), count(*) FROM screening WHERE pipeline_version = ? AND decision = ? "
        "GROUP BY 1", [version, LANGUAGE_NOT_CODED]).fetchall()))
    return decisions, languages


def load_mentions(store, where: str = "", params: list | None = None) -> Iterator[EventMention]:
    """Stored mentions in document order. ``where`` is a trusted SQL fragment; values go in ``params``."""
    sql = "SELECT payload FROM mentions " + where + " ORDER BY doc_id, payload->>'$.section', " \
          "CAST(payload->>'$.char_start' AS INTEGER), CAST(payload->>'$.places[0].start' AS INTEGER), mention_id"
    for (payload,) in store.con.execute(sql, params or []).fetchall():
        yield mention_from_dict(json.loads(payload))


__all__ = ["AUDIT_COLUMNS", "extracted", "load_mentions", "load_screening", "mention_from_dict", "mention_to_json", "save_mentions",
           "screening_audit", "screening_counts"]
