"""The situation brief as data: sections by area and day, sentences with the documents that back them.

Writing happens here, once; ``render`` only formats. Every sentence carries the
documents it rests on, so every footnote resolves to an outlet, title, URL and
date. Claims stay claims: what only a party says is written as that party
saying it; what third parties report is attributed to them with the count of
independent sources; denials and disagreements are stated plainly, with the
figures side by side.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from frontlines.fusion import contradictions as load_contradictions
from frontlines.fusion import events as load_events
from frontlines.fusion import timeline
from frontlines.fusion.consensus import CanonicalEvent, Figure
from frontlines.fusion.contradictions import Contradiction
from frontlines.fusion.control import withdrawal_by_actor1
from frontlines.fusion.places import place_name


@dataclass
class Citation:
    number: int
    doc_id: str
    source: str | None
    title: str | None
    url: str | None
    published: str | None


@dataclass
class Sentence:
    text: str
    cites: list[int] = field(default_factory=list)

    def __post_init__(self):
        if self.text[:1].islower():  # names from sources may start lower-case ("field commander said")
            self.text = self.text[0].upper() + self.text[1:]


@dataclass
class Item:
    canonical_id: str
    heading: str
    sentences: list[Sentence]
    latitude: float | None = None
    longitude: float | None = None
    event_type: str = ""
    n_independent: int = 0


@dataclass
class Day:
    day: str
    items: list[Item]


@dataclass
class Area:
    name: str
    days: list[Day]


@dataclass
class Brief:
    title: str
    period: str
    overview: list[Sentence]
    areas: list[Area]
    control: list[Sentence]
    contradictions: list[Sentence]
    citations: list[Citation]
    n_events: int


class _Cites:
    def __init__(self):
        self.by_doc: dict[str, Citation] = {}

    def __call__(self, ev: CanonicalEvent, mention_ids: list[str] | None = None, voice: str | None = None) -> list[int]:
        out = []
        for s in ev.sources:
            if mention_ids is not None and not set(s.mention_ids) & set(mention_ids):
                continue
            if voice and s.voice != voice:
                continue
            c = self.by_doc.get(s.doc_id)
            if c is None:
                c = self.by_doc[s.doc_id] = Citation(len(self.by_doc) + 1, s.doc_id, s.source, s.title, s.url,
                                                     s.published)
            out.append(c.number)
        return sorted(set(out))


_VERB = {
    "Government regains territory": "took control of {place}",
    "Non-state actor overtakes territory": "took control of {place}",
    "Non-violent transfer of territory": "took over {place} without fighting",
    "Armed clash": "fought {other} in {place}",
    "Air/drone strike": "carried out air strikes on {place}",
    "Shelling/artillery/missile attack": "shelled {place}",
    "Suicide bomb": "carried out a suicide bombing in {place}",
    "Remote explosive/landmine/IED": "set off an explosive device in {place}",
    "Grenade": "threw a grenade in {place}",
    "Chemical weapon": "used chemical weapons in {place}",
    "Attack": "attacked {other} in {place}",
    "Sexual violence": "committed sexual violence in {place}",
    "Abduction/forced disappearance": "abducted people in {place}",
    "Arrests": "arrested people in {place}",
    "Peaceful protest": "protested in {place}",
    "Protest with intervention": "protested in {place} and were dispersed",
    "Excessive force against protesters": "used force against protesters in {place}",
    "Violent demonstration": "demonstrated violently in {place}",
    "Mob violence": "took part in mob violence in {place}",
    "Displacement": "were displaced in or from {place}",
    "Agreement": "were party to an agreement concerning {place}",
    "Headquarters or base established": "established a base in {place}",
    "Looting/property destruction": "looted or destroyed property in {place}",
    "Disrupted weapons use": "intercepted or defused weapons in {place}",
    "Change to group/activity": "changed their activity in {place}",
}
# ACLED codes the side that left as actor1 of a withdrawal told as a transfer (fusion/control.py does too).
_WITHDREW = "withdrew from {place}"


def clause(ev: CanonicalEvent, subject: str | None = None) -> str:
    """What happened, in the words a reader expects; a sub-type with no wording of its own (Strategic
    developments "Other") quotes the lead sentence rather than inventing a verb for it."""
    place = place_name(ev.location) or "an unresolved place"
    who = subject or ev.actor1 or ("unnamed parties" if ev.event_type == "Strategic developments"
                                   else "unidentified forces")
    tmpl = _VERB.get(ev.sub_event_type)
    if ev.sub_event_type == "Non-violent transfer of territory" and withdrawal_by_actor1(ev.notes or ""):
        tmpl = _WITHDREW
    if tmpl is None:
        lead = " ".join((ev.notes or "").split())
        lead = lead if len(lead) <= 200 else lead[:199].rsplit(" ", 1)[0] + "\u2026"
        return f"{who} were involved in a development in {place} (\u201c{lead}\u201d)"
    return f"{who} " + tmpl.format(place=place, other=ev.actor2 or "opposing forces")


def _unquantified(f: Figure) -> bool:
    """ "a large number of their members", "the total number": said, but not as a number."""
    return f.qualifier == "unquantified"


def _figures(ev: CanonicalEvent, cites: _Cites) -> Sentence | None:
    if not ev.fatality_figures:
        return None
    parts, nums = [], []
    for f in ev.fatality_figures:
        nums += cites(ev, [f.mention_id])
        part = f"\u201c{f.raw or f.value}\u201d ({f.claimant or f.source or 'unattributed'})"
        if part not in parts:  # a wire copy repeats its figure: cite both, print once
            parts.append(part)
    if all(_unquantified(f) for f in ev.fatality_figures):
        text = f"Fatalities: reported without a number: {'; '.join(parts)}."
    else:
        text = f"Fatalities: {ev.fatalities} by the lowest credible figure; figures reported: {'; '.join(parts)}."
    return Sentence(text, sorted(set(nums)))


def event_sentences(ev: CanonicalEvent, cxs: list[Contradiction], cites: _Cites) -> list[Sentence]:
    out = []
    third = [s for s in ev.sources if s.voice == "third_party"]
    # where each party claim was made: the party's own outlets, and reports that quote the party
    claiming = [mid for src in ev.sources if set(src.claimants) & set(ev.claimants) for mid in src.mention_ids]
    party_refs = sorted(set(cites(ev, voice="party")) | set(cites(ev, claiming)))
    against = {mid for c in cxs if c.kind == "capture_disputed" for s in c.sides[1:] for mid in s.mention_ids}
    n = ev.n_independent
    ind = f"{n} independent source{'s' if n != 1 else ''}"
    if third:
        tp_refs = cites(ev, voice="third_party")
        # a party quoted inside a third-party report is a claimant, not the reporter ("also claimed it")
        reporters = sorted({c for s in third for c in s.claimants if c not in ev.claimants}
                           or {s.source or "unnamed outlet" for s in third})
        out.append(Sentence(f"According to {', '.join(reporters)}, {clause(ev)} ({ind} in all).", tp_refs))
        if ev.claimants:
            refs = [r for r in party_refs if r not in cites(ev, list(against))] or party_refs
            out.append(Sentence(f"{', '.join(ev.claimants)} also claimed it.", refs))
    elif ev.claimants:
        subject = None
        names = ", ".join(ev.claimants)
        if ev.actor1 and ev.actor1 in ev.claimants:
            subject = "its forces"
        refs = [r for r in party_refs if r not in cites(ev, list(against))] or party_refs
        out.append(Sentence(f"{names} said {clause(ev, subject)}; no third party confirmed it ({ind}).", refs))
    else:
        out.append(Sentence(f"Reports said {clause(ev)} ({ind}).", cites(ev)))
    for c in cxs:
        refs = cites(ev, c.mention_ids)
        if c.kind == "capture_disputed":
            deniers = ", ".join(c.sides[1].claimants or c.sides[1].sources)
            out.append(Sentence(f"{deniers} denied the capture or said the attack was repelled.",
                                cites(ev, c.sides[1].mention_ids)))
        else:
            out.append(Sentence("Sources disagree: " + c.summary + ".", refs))
    fig = _figures(ev, cites)
    if fig:
        out.append(fig)
    displaced = [f for f in ev.displaced_figures if not _unquantified(f)]
    if displaced:
        refs = cites(ev, [f.mention_id for f in displaced])
        vals = "; ".join(dict.fromkeys(f"{f.raw or f.value} ({f.claimant or f.source})" for f in displaced))
        out.append(Sentence(f"Displaced: {vals}.", refs))
    return out


def _area(ev: CanonicalEvent) -> str:
    loc = ev.location or {}
    name = loc.get("location") or ""
    if " - " in name:
        return name.split(" - ", 1)[0]
    return name or loc.get("admin1") or loc.get("country") or "Unlocated"


def build_brief(store, place: str | None = None, since: date | str | None = None,
                until: date | str | None = None) -> Brief:
    evs = load_events(store, place=place, since=since, until=until)
    cx_by_event: dict[str, list[Contradiction]] = defaultdict(list)
    for c in load_contradictions(store, [e.canonical_id for e in evs]):
        cx_by_event[c.canonical_id].append(c)
    cites = _Cites()
    areas: dict[str, dict[str, list[Item]]] = defaultdict(lambda: defaultdict(list))
    contra_sentences = []
    for ev in sorted(evs, key=lambda e: (_area(e), e.event_date or "", -e.n_independent, e.canonical_id)):
        sents = event_sentences(ev, cx_by_event[ev.canonical_id], cites)
        loc = ev.location or {}
        heading = f"{ev.sub_event_type} \u2014 {place_name(loc) or 'unlocated'}"
        areas[_area(ev)][ev.event_date or "undated"].append(
            Item(ev.canonical_id, heading, sents, loc.get("latitude"), loc.get("longitude"), ev.event_type,
                 ev.n_independent))
        for c in cx_by_event[ev.canonical_id]:
            summary = c.summary if c.kind == "capture_disputed" else f"{place_name(loc)}: {c.summary}"
            contra_sentences.append(Sentence(f"{ev.event_date}, {summary}.",
                                             cites(ev, c.mention_ids)))
    control_sents = []
    by_id = {e.canonical_id: e for e in evs}
    for ch in timeline(store, place):
        ev = by_id.get(ch.canonical_id)
        if ev is None:
            continue  # outside the period
        who = ", ".join(ch.claimants) or ", ".join(sorted({s["source"] for s in ch.sources if s.get("source")}))
        prev = f" from {ch.previous_holder}" if ch.previous_holder else ""
        text = (f"{ch.change_date}: {ch.holder} took {place_name(ch.location)}{prev} "
                f"\u2014 {ch.corroboration}; according to {who}")
        if ch.deniers:
            text += f"; denied by {', '.join(ch.deniers)}"
        control_sents.append(Sentence(text + ".", cites(ev)))
    days = sorted({e.event_date for e in evs if e.event_date})
    period = f"{days[0]} to {days[-1]}" if days else "no dated events"
    n_cx = sum(len(v) for v in cx_by_event.values())
    overview = [Sentence(
        f"{len(evs)} events from {len({s.doc_id for e in evs for s in e.sources})} reports, {period}; "
        f"{sum(1 for e in evs if e.n_independent >= 2)} corroborated by two or more independent sources, "
        f"{sum(1 for e in evs if e.claimants and not any(s.voice == 'third_party' for s in e.sources))} "
        f"claimed by a party only; {n_cx} contradiction{'s' if n_cx != 1 else ''}.")]
    return Brief(
        title="Situation report" + (f": {place}" if place else ""),
        period=period,
        overview=overview,
        areas=[Area(a, [Day(d, items) for d, items in sorted(days_.items())]) for a, days_ in sorted(areas.items())],
        control=control_sents,
        contradictions=contra_sentences,
        citations=sorted(cites.by_doc.values(), key=lambda c: c.number),
        n_events=len(evs),
    )
