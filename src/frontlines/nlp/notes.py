"""ACLED-style ``notes``: one generated sentence saying when, who, did what, to whom, where, and who says so.

WHY generate rather than copy the evidence sentence: ACLED's notes are a
normalised summary an analyst can scan (date first, canonical actor names,
fatalities stated, source of the claim), and the evidence sentence is already
kept verbatim beside it.
"""

from __future__ import annotations

from frontlines.mention import EventMention

_VERBS = {
    "Government regains territory": "{a1} regained control of {place}{from_a2}",
    "Non-state actor overtakes territory": "{a1} took control of {place}{from_a2}",
    "Non-violent transfer of territory": "{a1} took over {place} without fighting{from_a2}",
    "Armed clash": "{a1} clashed with {a2} {in_place}",
    "Air/drone strike": "{a1} carried out air or drone strikes {in_place}",
    "Shelling/artillery/missile attack": "{a1} shelled or fired missiles {in_place}",
    "Remote explosive/landmine/IED": "an explosive device detonated {in_place}",
    "Suicide bomb": "a suicide bomber attacked {in_place}",
    "Grenade": "{a1} threw a grenade {in_place}",
    "Chemical weapon": "{a1} used chemical weapons {in_place}",
    "Attack": "{a1} attacked {a2} {in_place}",
    "Abduction/forced disappearance": "{a1} abducted {a2} {in_place}",
    "Sexual violence": "{a1} committed sexual violence against {a2} {in_place}",
    "Peaceful protest": "{a1} demonstrated {in_place}",
    "Protest with intervention": "{a1} demonstrated {in_place} and {a2} intervened",
    "Excessive force against protesters": "{a2} used force against protesters {in_place}",
    "Violent demonstration": "{a1} rioted {in_place}",
    "Mob violence": "a mob attacked {a2} {in_place}",
    "Arrests": "{a1} arrested {a2} {in_place}",
    "Looting/property destruction": "{a1} looted or destroyed property {in_place}",
    "Agreement": "{a1} and {a2} reached an agreement {in_place}",
    "Headquarters or base established": "{a1} established a base {in_place}",
    "Displacement": "{n_displaced}civilians fled or were evacuated {in_place}",
}


def _when(m: EventMention) -> str:
    d = m.date
    if d is None or (d.date is None and not d.expression):
        return "On an unknown date"
    if d.date is None:
        return f'On a date given as "{d.expression}" (not resolved)'
    if d.time_precision == 1 or d.start is None:
        return f"On {d.date.day} {d.date:%B %Y}"
    if d.time_precision == 2:
        return f"Between {d.start.day} {d.start:%B} and {d.end.day} {d.end:%B %Y}"
    return f"In {d.date:%B %Y}"


def write_notes(m: EventMention) -> str:
    """One sentence in ACLED's register; unknown parts are said to be unknown, never invented."""
    a1 = m.actor1.name if m.actor1 else "unidentified actors"
    a2 = m.actor2.name if m.actor2 else "unidentified actors"
    place = next((p for p in m.places if p.role == "event"), None)
    where = place.resolved.location if place is not None and place.resolved else (place.text if place else None)
    displaced = next((c for c in m.counts if c.kind == "displaced"), None)
    template = _VERBS.get(m.sub_event_type, "{a1} was involved in an event (" + m.sub_event_type + ") {in_place}")
    what = template.format(
        a1=a1, a2=a2, place=where or "an unnamed place", in_place=f"in {where}" if where else "(place not named)",
        from_a2=f" from {m.actor2.name}" if m.actor2 else "",
        n_displaced=(f"{'at least ' if displaced.qualifier == 'at_least' else ''}{displaced.value:,} "
                     if displaced and displaced.value else ""),
    ).strip()
    parts = [f"{_when(m)}, {what}"]
    fatal = next((c for c in m.counts if c.kind == "fatalities"), None)
    if fatal is not None:
        parts.append(f"{fatal.value} killed" if fatal.value else f'fatalities unquantified ("{fatal.raw}")')
    claim = m.claim
    if claim.claimant:
        who = claim.claimant_actor or claim.claimant
        parts.append({"claimed": f"claimed by {who}", "denied": f"denied by {who}",
                      "unconfirmed": f"unconfirmed report by {who}"}.get(claim.certainty, f"according to {who}"))
    elif claim.certainty == "unconfirmed":
        parts.append("unconfirmed")
    if m.source_type == "reader_comment":
        parts.append("from a reader comment")
    return "; ".join(parts) + "."


__all__ = ["write_notes"]
