"""What the desk asks: map aggregates and lists over the snapshot, detail records from the store.

Map queries run on the in-memory snapshot (``snapshot.Snapshot``); detail
queries read the store through a read cursor and reuse fusion's loaders, so
a canonical event looks the same here as in ``frontlines events --canonical``.
Every statement is fixed text with bound parameters.
"""

from __future__ import annotations

import json
import math
from typing import Any

from frontlines.desk.filters import Filters

POINT_LIMIT = 3000  # above this many events in view the map gets grid cells, not points
CELL_PX = 48  # a grid cell is about this many screen pixels wide
LIST_LIMIT = 500


def _bbox_sql(bbox) -> tuple[str, list]:
    if bbox is None:
        return "lat IS NOT NULL AND lon IS NOT NULL", []
    w, s, e, n = bbox
    return "lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?", [s, n, w, e]


def _and(where: str, extra: str) -> str:
    return f"{where} AND {extra}" if where else f"WHERE {extra}"


def map_layer(cur, filters: Filters, bbox, zoom: int, point_limit: int = POINT_LIMIT) -> dict[str, Any]:
    """Points when few enough are in view (and the map is zoomed in), grid cells otherwise.

    Cells are ``CELL_PX`` screen pixels wide at ``zoom`` (Web Mercator: 256 px span 360° at zoom 0),
    so a million events come back as a few thousand cells whatever the zoom.
    """
    where, params = filters.where(bits=cur.view.bits)
    bsql, bparams = _bbox_sql(bbox)
    where = _and(where, bsql)
    params = params + bparams
    total = cur.execute(f"SELECT count(*) FROM {cur.table} {where}", params).fetchone()[0]
    if total <= point_limit and (zoom >= 7 or total <= min(300, point_limit)):
        rows = cur.execute(
            "SELECT id, day, type, sub, place, lat, lon, fat, n_ind, corroboration, actor1, actor2 FROM "
            f"{cur.table} {where} ORDER BY day DESC NULLS LAST, id LIMIT {POINT_LIMIT}", params).fetchall()
        keys = ("id", "date", "type", "sub", "place", "lat", "lon", "fatalities", "n_independent", "corroboration",
                "actor1", "actor2")
        return {"mode": "points", "total": total,
                "events": [dict(zip(keys, (_plain(v) for v in r), strict=True)) for r in rows]}
    cell = 360.0 / (2 ** zoom) * CELL_PX / 256.0
    types = cur.view.types
    per_type = "".join(f", count(*) FILTER (WHERE tcode = {i})" for i in range(len(types)))
    rows = cur.execute(
        f"SELECT avg(lat), avg(lon), count(*), sum(fat), min(day), max(day){per_type} FROM {cur.table} "
        f"{where} GROUP BY CAST(floor(lat / ?) AS INTEGER), CAST(floor(lon / ?) AS INTEGER)"
        " ORDER BY 3 DESC LIMIT 5000", params + [cell, cell]).fetchall()
    cells = []
    for r in rows:
        counts = r[6:]
        # ties go to the first type by name, not by code: codes depend on the index's history
        dominant = types[min(range(len(counts)), key=lambda i: (-counts[i], types[i]))] if counts and max(counts) else None
        cells.append({"lat": r[0], "lon": r[1], "n": r[2], "fatalities": int(r[3] or 0), "type": dominant,
                      "first": _plain(r[4]), "last": _plain(r[5])})
    return {"mode": "cells", "total": total, "cell_degrees": cell, "cells": cells}


def histogram(cur, filters: Filters) -> dict[str, Any]:
    """Events per day under every filter except the time range (the brush selects within it)."""
    where, params = filters.where(with_time=False, bits=cur.view.bits)
    rows = cur.execute(f"SELECT day, count(*) FROM {cur.table} {_and(where, 'day IS NOT NULL')} GROUP BY 1 ORDER BY 1",
                       params).fetchall()
    return {"days": [[r[0].isoformat(), r[1]] for r in rows]}


def event_list(cur, filters: Filters, limit: int = 100, offset: int = 0, bbox=None) -> dict[str, Any]:
    where, params = filters.where(bits=cur.view.bits)
    if bbox is not None:
        bsql, bparams = _bbox_sql(bbox)
        where, params = _and(where, bsql), params + bparams
    total = cur.execute(f"SELECT count(*) FROM {cur.table} {where}", params).fetchone()[0]
    rows = cur.execute(
        "SELECT id, day, type, sub, place, country, lat, lon, fat, n_ind, n_src, corroboration, actor1, actor2,"
        f" claimants FROM {cur.table} {where} ORDER BY day DESC NULLS LAST, id LIMIT ? OFFSET ?",
        params + [limit, offset]).fetchall()
    keys = ("id", "date", "type", "sub", "place", "country", "lat", "lon", "fatalities", "n_independent",
            "n_sources", "corroboration", "actor1", "actor2", "claimants")
    return {"total": total, "offset": offset,
            "events": [dict(zip(keys, (_plain(v) for v in r), strict=True)) for r in rows]}


def event_ids(cur, filters: Filters, limit: int) -> list[str]:
    where, params = filters.where(bits=cur.view.bits)
    return [r[0] for r in cur.execute(f"SELECT id FROM {cur.table} {where} ORDER BY day NULLS LAST, id LIMIT ?",
                                      params + [limit]).fetchall()]


def recent(cur, since_ts: float, limit: int = 50) -> list[dict[str, Any]]:
    """Events updated after ``since_ts`` (epoch seconds): what a live desk announces."""
    rows = cur.execute(
        f"SELECT id, day, type, sub, place FROM {cur.table} WHERE updated_at > to_timestamp(?)::TIMESTAMP"
        " ORDER BY updated_at DESC, id LIMIT ?", [since_ts, limit]).fetchall()
    return [dict(zip(("id", "date", "type", "sub", "place"), (_plain(v) for v in r), strict=True)) for r in rows]


def _plain(v):
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


# -- details from the store -------------------------------------------------------------------------

class Reader:
    """The ``store``-shaped object fusion's loaders expect (they use ``.con``), over a read cursor."""

    def __init__(self, con) -> None:
        self.con = con


def spans(text: str, marks: list[tuple[str, str | None, int | None, int | None]]) -> list[dict[str, str | None]]:
    """Split ``text`` into segments, each plain or marked with a kind (trigger, place, date, count).

    A mark is (kind, phrase, start, end): offsets are used when they point at the
    phrase, else the phrase's first free occurrence. Overlaps keep the first mark.
    """
    taken: list[tuple[int, int, str]] = []
    for kind, phrase, start, end in marks:
        if not phrase:
            continue
        if start is not None and end is not None and text[start:end] == phrase:
            a, b = start, end
        else:
            a = text.lower().find(phrase.lower())
            while a >= 0 and any(a < y and a + len(phrase) > x for x, y, _ in taken):
                a = text.lower().find(phrase.lower(), a + 1)
            if a < 0:
                continue
            b = a + len(phrase)
        if any(a < y and b > x for x, y, _ in taken):
            continue
        taken.append((a, b, kind))
    out, pos = [], 0
    for a, b, kind in sorted(taken):
        if a > pos:
            out.append({"text": text[pos:a], "kind": None})
        out.append({"text": text[a:b], "kind": kind})
        pos = b
    if pos < len(text):
        out.append({"text": text[pos:], "kind": None})
    return out


def mention_marks(m: dict[str, Any]) -> list[tuple[str, str | None, int | None, int | None]]:
    marks: list[tuple[str, str | None, int | None, int | None]] = [("trigger", m.get("trigger"), None, None)]
    for p in m.get("places") or []:
        marks.append(("place", p.get("text"), p.get("start"), p.get("end")))
    date = m.get("date") or {}
    marks.append(("date", date.get("expression"), None, None))
    for c in m.get("counts") or []:
        marks.append(("count", c.get("raw"), None, None))
    return marks


def event_detail(con, canonical_id: str) -> dict[str, Any] | None:
    """One canonical event: consensus, every mention with its document, its contradictions."""
    row = con.execute("SELECT payload, updated_at FROM canonical_events WHERE canonical_id = ?",
                      [canonical_id]).fetchone()
    if row is None:
        return None
    ev = json.loads(row[0])
    mrows = con.execute(
        "SELECT m.payload, d.doc_id, d.source, d.title, d.url, d.published, d.byline, cm.score"
        " FROM canonical_members cm JOIN mentions m ON m.mention_id = cm.mention_id"
        " LEFT JOIN documents d ON d.doc_id = cm.doc_id WHERE cm.canonical_id = ?"
        " ORDER BY d.published NULLS LAST, d.source, m.mention_id", [canonical_id]).fetchall()
    units = {s["doc_id"]: s for s in ev.get("sources") or []}
    mentions = []
    for payload, doc_id, source, title, url, published, byline, score in mrows:
        m = json.loads(payload)
        claim = m.get("claim") or {}
        src = units.get(doc_id) or {}
        mentions.append({
            "mention_id": m.get("mention_id"), "doc_id": doc_id, "outlet": source, "title": title,
            "url": url, "published": _plain(published), "byline": byline, "score": score,
            "claimant": claim.get("claimant_actor") or claim.get("claimant"), "claimant_kind": claim.get("claimant_kind"),
            "claim_verb": claim.get("verb"), "certainty": claim.get("certainty"),
            "source_type": m.get("source_type"), "comment_id": m.get("comment_id"),
            "voice": src.get("voice"), "unit": src.get("unit"),
            "sub_event_type": m.get("sub_event_type"), "date": (m.get("date") or {}).get("date"),
            "fatalities": next((c.get("value") for c in m.get("counts") or [] if c.get("kind") == "fatalities"), None),
            "evidence": m.get("evidence") or "",
            "segments": spans(m.get("evidence") or "", mention_marks(m)),
        })
    cx = [json.loads(r[0]) for r in con.execute(
        "SELECT detail FROM contradictions WHERE canonical_id = ? ORDER BY kind", [canonical_id]).fetchall()]
    from frontlines.fusion.consensus import CanonicalEvent
    from frontlines.fusion.places import place_name

    ce = CanonicalEvent.from_dict(ev)
    return {"event": ev, "place_name": place_name(ev.get("location")), "attribution": ce.attribution(),
            "mentions": mentions, "contradictions": cx, "updated_at": _plain(row[1])}


def place_detail(con, name: str, snapshot_cur) -> dict[str, Any]:
    """The control timeline of a place (and of places inside it), its polygon, and events there."""
    from frontlines.fusion.control import timeline
    from frontlines.fusion.places import PolygonIndex

    reader = Reader(con)
    changes = timeline(reader, name)
    polygons = PolygonIndex.from_store(reader)
    shapes = []
    for c in changes:
        geom = polygons.geometry_for(c.placekey, (c.location or {}).get("gazetteer_id"))
        if geom:
            shapes.append({"place_key": c.place_key, "geometry": geom})
    if not shapes and polygons:
        from frontlines.fusion.places import norm

        hit = polygons.by_name.get(norm(name) or "")
        if hit:
            shapes.append({"place_key": name, "geometry": hit.geometry})
    from frontlines.fusion.places import place_name

    rows = snapshot_cur.execute(
        f"SELECT id, day, type, sub, place, fat, n_ind, corroboration FROM {snapshot_cur.table} WHERE place = ?"
        " OR place LIKE ? ESCAPE '\\' OR place LIKE ? ESCAPE '\\' ORDER BY day, id LIMIT ?",
        [name, _like(name) + " (%", "% (" + _like(name) + ")", LIST_LIMIT]).fetchall()
    keys = ("id", "date", "type", "sub", "place", "fatalities", "n_independent", "corroboration")
    return {"name": name,
            "control": [{"change_id": c.change_id, "place": place_name(c.location), "place_key": c.place_key,
                         "date": c.change_date, "holder": c.holder, "previous_holder": c.previous_holder,
                         "according_to": c.claimants or sorted({s.get("source") for s in c.sources
                                                                 if s.get("source")}),
                         "deniers": c.deniers, "n_independent": c.n_independent, "corroboration": c.corroboration,
                         "canonical_id": c.canonical_id, "sources": c.sources} for c in changes],
            "polygons": shapes,
            "events": [dict(zip(keys, (_plain(v) for v in r), strict=True)) for r in rows]}


def _like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def places(snapshot_cur, q: str | None, limit: int = 200) -> list[dict[str, Any]]:
    sql = (f"SELECT place, country, count(*), min(day), max(day), avg(lat), avg(lon) FROM {snapshot_cur.table}"
           " WHERE place IS NOT NULL")
    params: list = []
    if q:
        sql += " AND place ILIKE ? ESCAPE '\\'"
        params.append("%" + _like(q) + "%")
    rows = snapshot_cur.execute(sql + " GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT ?", params + [limit]).fetchall()
    return [{"place": r[0], "country": r[1], "n_events": r[2], "first": _plain(r[3]), "last": _plain(r[4]),
             "lat": r[5], "lon": r[6]} for r in rows]


def control_on(con, day: str, place: str | None) -> list[dict[str, Any]]:
    from frontlines.fusion.control import control_at

    return control_at(Reader(con), day, place)


def sources(con) -> list[dict[str, Any]]:
    """Each outlet: documents, mentions, events, how often its events were corroborated or contradicted."""
    rows = con.execute("""
        WITH me AS (
            SELECT d.source AS outlet, cm.canonical_id
            FROM canonical_members cm JOIN documents d ON d.doc_id = cm.doc_id GROUP BY 1, 2),
        cx AS (SELECT DISTINCT canonical_id FROM contradictions),
        ev AS (SELECT me.outlet, count(*) AS n_events,
                      count(*) FILTER (WHERE e.n_independent >= 2) AS n_corroborated,
                      count(*) FILTER (WHERE cx.canonical_id IS NOT NULL) AS n_contradicted
               FROM me JOIN canonical_events e ON e.canonical_id = me.canonical_id
               LEFT JOIN cx ON cx.canonical_id = me.canonical_id GROUP BY 1),
        docs AS (SELECT source AS outlet, count(*) AS n_docs, min(published) AS first, max(published) AS last
                 FROM documents GROUP BY 1)
        SELECT docs.outlet, docs.n_docs, coalesce(ev.n_events, 0), coalesce(ev.n_corroborated, 0),
               coalesce(ev.n_contradicted, 0), docs.first, docs.last, sl.owner, sl.wire, sl.partisanship,
               sl.aligned_with
        FROM docs LEFT JOIN ev ON ev.outlet IS NOT DISTINCT FROM docs.outlet
        LEFT JOIN source_list sl ON lower(sl.name) = lower(docs.outlet)
        ORDER BY 2 DESC, 1 LIMIT 1000""").fetchall()
    keys = ("outlet", "n_documents", "n_events", "n_corroborated", "n_contradicted", "first", "last", "owner",
            "wire", "partisanship", "aligned_with")
    return [dict(zip(keys, (_plain(v) for v in r), strict=True)) for r in rows]


def source_detail(con, outlet: str) -> dict[str, Any] | None:
    """What one outlet reported and claimed, month by month, and its events."""
    summary = next((s for s in sources(con) if s["outlet"] == outlet), None)
    if summary is None:
        return None
    months = con.execute(
        "SELECT strftime(coalesce(m.event_date, d.published), '%Y-%m') AS month, m.event_type, m.certainty,"
        " count(*) FROM mentions m JOIN documents d ON d.doc_id = m.doc_id WHERE d.source = ?"
        " GROUP BY ALL ORDER BY 1, 2, 3", [outlet]).fetchall()
    claims = con.execute(
        "SELECT m.claimant, m.certainty, count(*) FROM mentions m JOIN documents d ON d.doc_id = m.doc_id"
        " WHERE d.source = ? AND m.claimant IS NOT NULL GROUP BY ALL ORDER BY 3 DESC, 1 LIMIT 100",
        [outlet]).fetchall()
    events = con.execute(
        "SELECT DISTINCT e.canonical_id, e.event_date, e.sub_event_type, e.location, e.n_independent,"
        " EXISTS (SELECT 1 FROM contradictions x WHERE x.canonical_id = e.canonical_id)"
        " FROM canonical_members cm JOIN documents d ON d.doc_id = cm.doc_id"
        " JOIN canonical_events e ON e.canonical_id = cm.canonical_id WHERE d.source = ?"
        " ORDER BY 2 DESC NULLS LAST, 1 LIMIT ?", [outlet, LIST_LIMIT]).fetchall()
    docs = con.execute("SELECT doc_id, title, published, byline FROM documents WHERE source = ?"
                       " ORDER BY published DESC NULLS LAST, doc_id LIMIT ?", [outlet, LIST_LIMIT]).fetchall()
    return {**summary,
            "months": [{"month": r[0], "event_type": r[1], "certainty": r[2], "n": r[3]} for r in months],
            "claimants": [{"claimant": r[0], "certainty": r[1], "n": r[2]} for r in claims],
            "events": [{"id": r[0], "date": _plain(r[1]), "sub": r[2], "place": r[3], "n_independent": r[4],
                        "contradicted": bool(r[5])} for r in events],
            "documents": [{"doc_id": r[0], "title": r[1], "published": _plain(r[2]), "byline": r[3]}
                          for r in docs]}


def document_detail(con, doc_id: str) -> dict[str, Any] | None:
    """The article's paragraphs with each mention marked, and the reader comments as a tree."""
    row = con.execute("SELECT doc_id, source, title, subtitle, byline, url, published, paragraphs, language"
                      " FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    if row is None:
        return None
    paragraphs = list(row[7] or [])
    mrows = con.execute(
        "SELECT m.payload, cm.canonical_id FROM mentions m LEFT JOIN canonical_members cm"
        " ON cm.mention_id = m.mention_id WHERE m.doc_id = ? ORDER BY m.mention_id", [doc_id]).fetchall()
    in_para: dict[int, list] = {}
    in_comment: dict[str, list] = {}
    title_marks: list = []
    for payload, cid in mrows:
        m = json.loads(payload)
        mark = ("mention", m.get("evidence"), m.get("char_start"), m.get("char_end"))
        info = {"mention_id": m.get("mention_id"), "canonical_id": cid, "sub": m.get("sub_event_type"),
                "certainty": (m.get("claim") or {}).get("certainty")}
        if m.get("comment_id"):
            in_comment.setdefault(m["comment_id"], []).append((mark, info))
        elif m.get("section") == "title":
            title_marks.append((mark, info))
        else:
            in_para.setdefault(m.get("paragraph") or 0, []).append((mark, info))
    body = [{"segments": _marked(p, in_para.get(i, []))} for i, p in enumerate(paragraphs)]
    crow = con.execute("SELECT comment_id, parent_id, author, posted, depth, text FROM comments WHERE doc_id = ?"
                       " ORDER BY position", [doc_id]).fetchall()
    comments = [{"id": c[0], "parent_id": c[1], "author": c[2], "posted": _plain(c[3]), "depth": c[4],
                 "segments": _marked(c[5], in_comment.get(c[0], [])), "replies": []} for c in crow]
    byid = {c["id"]: c for c in comments}
    roots = []
    for c in comments:
        parent = byid.get(c["parent_id"]) if c["parent_id"] else None
        (parent["replies"] if parent is not None and parent is not c else roots).append(c)
    return {"doc_id": row[0], "outlet": row[1], "title": row[2], "subtitle": row[3], "byline": row[4],
            "url": row[5], "published": _plain(row[6]), "language": row[8],
            "title_segments": _marked(row[2] or "", title_marks), "paragraphs": body, "comments": roots,
            "n_comments": len(comments), "n_mentions": len(mrows)}


def _marked(text: str, marks: list) -> list[dict]:
    segs = spans(text, [m for m, _ in marks])
    infos = {m[1]: info for m, info in marks}
    for s in segs:
        if s["kind"] == "mention":
            s.update(infos.get(s["text"]) or next(
                (i for e, i in infos.items() if e and e.lower() == s["text"].lower()), {}))
    return segs
