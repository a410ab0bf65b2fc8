"""Rich tables for a fusion run: fused events with source counts, contradictions, the control timeline.

Source text (evidence, titles, names) is printed as ``Text`` objects, never
parsed as console markup, so a report containing "[bold]" prints as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text

from frontlines.fusion.places import place_name

if TYPE_CHECKING:
    from frontlines.fusion import FusionSummary


def _t(v) -> Text:
    return Text("" if v is None else str(v))


def summary_renderable(s: FusionSummary, limit: int = 25) -> Group:
    st = s.stats
    head = Text(
        f"fusion: {st.new_mentions} new mention(s): {st.joined} joined existing events, {st.new_events} new "
        f"event(s); {s.n_mentions} mentions in {s.n_events} canonical events; {s.n_contradictions} "
        f"contradiction(s); {s.n_control_changes} control change(s)"
        + (f"; {st.unmatched_denials} denial(s) of nothing reported" if st.unmatched_denials else "")
        + (f"; {st.skipped} skipped ({', '.join(f'{k}: {v}' for k, v in st.skipped_reasons.items())})"
           if st.skipped else "")
        + f" [{s.seconds:.2f}s]"
    )
    parts: list = [head]
    if s.events:
        t = Table(title="Fused events", show_lines=False)
        for col in ("date", "type", "location", "actors", "fat.", "mentions", "sources", "indep.", "attribution"):
            t.add_column(col, overflow="fold")
        evs = sorted(s.events, key=lambda e: (-e.n_sources, e.event_date or "", e.canonical_id))[:limit]
        for e in sorted(evs, key=lambda e: (e.event_date or "", e.canonical_id)):
            actors = " vs ".join(a for a in (e.actor1, e.actor2) if a)
            t.add_row(_t(e.event_date), _t(e.sub_event_type), _t(place_name(e.location)), _t(actors),
                      _t(e.fatalities), _t(e.n_mentions), _t(e.n_sources), _t(e.n_independent),
                      _t(e.attribution()))
        if len(s.events) > limit:
            t.caption = f"{limit} of {len(s.events)} events (most-reported first); see `frontlines events --canonical`"
        parts.append(t)
    if s.contradictions:
        t = Table(title="Contradictions")
        for col in ("id", "kind", "event", "summary"):
            t.add_column(col, overflow="fold")
        for c in s.contradictions[:limit]:
            t.add_row(_t(c.contradiction_id), _t(c.kind), _t(c.canonical_id), _t(c.summary))
        parts.append(t)
    if s.control:
        t = Table(title="Territorial control timeline")
        for col in ("place", "from", "holder", "previous", "according to", "indep.", "corroboration"):
            t.add_column(col, overflow="fold")
        for c in s.control[:limit]:
            who = ", ".join(c.claimants) or ", ".join(sorted({x["source"] for x in c.sources if x.get("source")}))
            t.add_row(_t(place_name(c.location)), _t(c.change_date), _t(c.holder), _t(c.previous_holder),
                      _t(who), _t(c.n_independent), _t(c.corroboration))
        parts.append(t)
    return Group(*parts)
