"""Which of a sentence's places is the event's: the locative slot of the trigger's clause, containers
("A town in B district"), regions yielding to places inside them, seats and agents.

WHY a module: the choice reads the parse around the trigger and the gazetteer's
containment; it is the step most often tuned, so it lives on its own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from frontlines.mention import PlaceMention
from frontlines.nlp.place_lexicon import (
    CAPTURE_VERBS,
    DIRECTION_WORDS,
    LOCATIVE_PREPS,
    PLACE_LABELS,
    PLACE_NOUNS,
    STRONG_PREPS,
    _countries_of,
    _fits,
    _geocoder,
    parse_name,
)
from frontlines.nlp.place_names import _CONTAINER_NOUNS, _LED, _anchor, _contained, _specificity

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token



def _modifier_of_person(root: Token) -> bool:
    """'US' in 'a US soldier', 'Saudi-led', 'Syria' in "Syria's army": a place used as an adjective."""
    doc = root.doc
    if root.i + 2 < len(doc) and doc[root.i + 1].text == "-" and doc[root.i + 2].lower_ in _LED:
        return True
    return root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.lemma_.lower() not in _CONTAINER_NOUNS \
        and root.head.pos_ in ("NOUN", "PROPN") and root.head.ent_type_ not in PLACE_LABELS


def _locative(root: Token) -> str | None:
    """'prep:in', 'obj:capture' or None: how a place attaches to its clause (through 'the town of')."""
    t = _anchor(root)
    t = _partitive_head(t) or t  # "any part of X" attaches as the part does
    head = t.head
    if t.dep_ == "pobj" and head.lower_ in ("of", "over") and head.head.lemma_.lower() == "control":
        return "obj:capture"  # "took (full) control of X", "regained control over X"
    if t.dep_ in ("pobj", "pcomp") and head.lower_ in LOCATIVE_PREPS:
        if head.head.ent_type_ in PLACE_LABELS or head.head.pos_ == "PROPN" or \
                (head.head.lemma_.lower() in PLACE_NOUNS and head.head.i != t.i
                 and any(c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in head.head.children)):
            return "qualifier"  # "Douma near Damascus", "Taqad town in western Aleppo": about the place before
        return f"prep:{head.lower_}"
    if t.dep_ in ("dobj", "obj") and head.lemma_.lower() in CAPTURE_VERBS:
        return "obj:capture"
    if t.dep_ == "nsubjpass" and head.lemma_.lower() in CAPTURE_VERBS:
        return "subj:capture"  # "Hanano was taken" - but also "McCoy was captured in Las Vegas"
    if t.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in DIRECTION_WORDS:
        return "prep:near"  # "north of Baghdad"
    if t.dep_ == "conj" and head.pos_ == "VERB" and head.lemma_.lower() in CAPTURE_VERBS:
        return "obj:capture"  # "took Hanano on Saturday, and Jabal Badro by Sunday"
    if t.dep_ == "npadvmod" and head.pos_ == "VERB":
        return "prep:in"
    return None


# "any part of X", "most of X", "the rest of X": a share of a place is still that place.
_PARTITIVES = frozenset({"part", "parts", "section", "sections", "portion", "rest", "most", "half", "third", "all",
                         "remainder", "much", "whole", "control"})


def _partitive_head(root: Token) -> Token | None:
    """The word whose slot a place fills as a share or a member: "any part of X", "took control of villages
    ..., including X" (X is where the taking happened)."""
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in _PARTITIVES:
        return root.head.head
    if root.dep_ == "pobj" and root.head.lower_ == "including" and root.head.head.pos_ == "NOUN" \
            and root.head.head.lemma_.lower() in _CONTAINER_NOUNS:
        return root.head.head
    return None


def _path_len(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens."""
    anc_a = [a, *a.ancestors]
    pos = {t.i: k for k, t in enumerate(anc_a)}
    for k, t in enumerate([b, *b.ancestors]):
        if t.i in pos:
            return pos[t.i] + k
    return 99


def _verbs_between(a: Token, b: Token) -> int:
    """Verbs on the dependency path from ``a`` to ``b``, neither end counted."""
    anc_a = [a, *a.ancestors]
    pos = {t.i: k for k, t in enumerate(anc_a)}
    up_b: list[Token] = []
    for t in [b, *b.ancestors]:
        if t.i in pos:
            path = anc_a[1:pos[t.i] + 1] + up_b[1:]
            # a verb coordinated with ``a`` ("shot and killed") is the same clause
            # "including" introduces members of a list ("areas in western Aleppo, including Sheikh Ali")
            return sum(1 for x in path if x.pos_ in ("VERB", "AUX") and x.i != b.i and x.lower_ != "including"
                       and not (x.dep_ == "conj" and x.head.i == a.i))
        up_b.append(t)
    return 9


def _qualifies_other(a: Token, anchors: set[int]) -> bool:
    """A place attached by a preposition to another place's phrase (directly, or through that place's
    appositive noun) describes where that place is, not where the event happened."""
    cur = a
    for _ in range(4):
        if cur.dep_ not in ("pobj", "prep", "appos"):
            return False
        cur = cur.head
        if cur.i in anchors or (cur.dep_ == "appos" and cur.head.i in anchors):
            return True
    return False


def _country_of(text: str) -> str | None:
    cands = _geocoder().lookup(text, limit=1)
    return cands[0].entry.country_code if cands else None


def _broad(text: str) -> bool:
    """A region phrase ("southern Idleb", "Afrin countryside") or a name the gazetteer knows as a country
    or first-level region only."""
    from frontlines.geo.gazetteer import ADMIN1, PLACE
    from frontlines.geo.geocoder import parse_phrase

    phrase = parse_phrase(text)
    if phrase.kind == "region":
        return True
    # "northern Aleppo" is a region, "central Baghdad" the city, "Western Ghariyeh" a village's name
    if phrase.kind == "part" and phrase.direction != "C" and not text[:1].isupper():
        return True
    name = parse_name(text)
    if _specificity(name)[0] <= ADMIN1:
        return True
    # "In Taiz, ... in Hameli": a city that shares its name with its governorate, written bare, may be
    # either; a named place inside it is the more precise reading (not "Taiz city").
    if name != parse_phrase(text).name or re.search(r"(?i)\b(?:city|town)\b", text):
        return False
    cands = _geocoder().lookup(name, limit=10)
    if not cands or cands[0].entry.level != PLACE:
        return False
    top = cands[0].entry
    return any(c.entry.level == ADMIN1 and c.name_score >= 0.9 and c.entry.country_code == top.country_code
               for c in cands[1:])


def _within_region(text: str, region_text: str) -> bool:
    """True when the gazetteer's best reading of ``text`` lies in the first-level region ``region_text``
    names ("Abul Thohur" in "southeast Idleb")."""
    from frontlines.geo.gazetteer import ADMIN1

    place = _geocoder().lookup(parse_name(text), limit=1)
    region = _geocoder().lookup(parse_name(region_text), limit=1)
    if not place or not region or place[0].match not in ("exact", "skeleton"):
        return False
    p, r = place[0].entry, region[0].entry
    if p.level <= ADMIN1 or not p.admin1 or p.country_code != r.country_code:
        return False
    from frontlines.geo import names as N

    return N.base(p.admin1) in {N.base(r.admin1 or ""), N.base(r.name)}


def _described(candidates: list[tuple[PlaceMention, Token]], doc) -> list[tuple[tuple, tuple]]:
    """(place, its qualifier) pairs written "<place> <noun> in|of [the] <qualifier>"."""
    by_end = {}
    for m, r in candidates:
        span = doc.char_span(m.start, m.end, alignment_mode="expand") if m.start is not None else None
        if span is not None:
            by_end[span.end] = (m, r)
    out = []
    for q, rq in candidates:
        span = doc.char_span(q.start, q.end, alignment_mode="expand") if q.start is not None else None
        if span is None:
            continue
        k = span.start - 1
        if k >= 0 and doc[k].lower_ == "the":
            k -= 1
        if k < 2 or doc[k].lower_ not in ("in", "of"):
            continue
        noun = doc[k - 1]
        if noun.lemma_.lower() in _CONTAINER_NOUNS and noun.i in by_end and by_end[noun.i][0] is not q:
            out.append((by_end[noun.i], (q, rq)))
    return out


def _agent_or_seat(root: Token) -> bool:
    a = _anchor(root)
    while a.dep_ == "conj" and a.head.i != a.i:
        a = a.head
    if a.dep_ == "pobj" and a.head.lower_ == "by" and a.head.dep_ == "agent":
        return True
    return a.dep_ == "pobj" and a.head.lower_ == "in" and a.head.head.lemma_.lower() in ("base", "headquarter") \
        and a.head.head.tag_ == "VBN"


def _choose_event(mentions: list[tuple[PlaceMention, Token]], doc, sent: Span, trigger_i: int | None) -> None:
    # "an agreement brokered by Russia and Turkey", "a group based in Britain": who acted, or where a
    # party sits, is not where the event happened
    candidates = [(m, r) for m, r in mentions if m.role != "announced" and not _agent_or_seat(r)]
    if not candidates:
        return
    trigger = doc[trigger_i] if trigger_i is not None and sent.start <= trigger_i < sent.end else sent.root
    # Places sharing one phrase ("the West Bank city of Nablus", "the Salah al-Din district of Aleppo",
    # "Iraq's Nineveh province"): the gazetteer's hierarchy says which contains the other.
    groups: dict[int, list[tuple[PlaceMention, Token]]] = {}
    for m, r in candidates:
        groups.setdefault(_anchor(r).i, []).append((m, r))
    containers: set[int] = set()
    for anchor_i, members in groups.items():
        if len(members) > 1:
            keep = _contained(members, doc[anchor_i])
            containers.update(id(m) for m, _ in members if m is not keep)

    anchors = {_anchor(r).i for _, r in candidates}

    def rank(item: tuple[PlaceMention, Token]) -> tuple:
        m, r = item
        loc = _locative(r)
        dist = _path_len(trigger, r)
        # Each verb between the trigger and the place is a clause boundary: "destroyed a building in the
        # town of Cibourne, while a third targeted a home in Guethary".
        clauses = _verbs_between(trigger, r)
        strength = 0
        a = _anchor(r)
        a = _partitive_head(a) or a
        verb = a.head.head.head if a.dep_ == "pobj" and a.head.head.lemma_.lower() == "control" else a.head
        if loc == "obj:capture" and verb == trigger:
            strength = 4  # "took full control of the Sheikh Saeed neighbourhood on the edge of Aleppo"
        elif loc == "subj:capture" and a.head == trigger:
            strength = 2
        elif loc == "obj:capture" and a.head == trigger:
            strength = 4  # "hit the town of Douma near Damascus": the object, not its landmark
        elif loc and loc.split(":")[-1] in STRONG_PREPS and a.head.head == trigger:
            strength = 3
        elif loc and loc.split(":")[-1] in STRONG_PREPS or loc == "obj:capture":
            strength = 2  # a locative, or what is shelled or taken, in another clause
        elif loc:
            strength = 1
        # "of Aleppo" in "the Hanano district of Aleppo" only qualifies the place before it.
        if loc in ("prep:of", "qualifier") or _qualifies_other(a, anchors - {a.i}):
            strength = 0  # also "X, the district on the edge of Aleppo": Aleppo only says where X is
        if id(m) in containers or _modifier_of_person(r):
            strength = -1
        if a.dep_ == "nsubj" and a.head.pos_ == "VERB" and loc is None and a.i == r.i:
            strength = -1  # "U.S. and Iraqi troops captured...": a country as actor (not "X village")
        level, _ = _specificity(parse_name(m.text))
        return (-strength, clauses, -min(level, 5), dist, abs(r.i - trigger.i))

    keys = {id(m): rank((m, r)) for m, r in candidates}
    # "Sinnara town in Afrin district", "Tuhayat district of Hodeidah province": whatever the parse, a place
    # written right after another place's noun and "in"/"of" says where that place lies.
    # The described place takes its qualifier's slot (last pair first, so "A town in B district in C" passes
    # C's slot on to A); then each qualifier keeps no slot of its own.
    pairs = [(a, q) for a, q in _described(candidates, doc) if _fits(a[0].text, q[0].text)]
    for (m, _), (q, _) in sorted(pairs, key=lambda x: -(x[1][0].start or 0)):
        km, kq = keys[id(m)], keys[id(q)]
        keys[id(m)] = (min(km[0], kq[0]), min(km[1], kq[1]), *km[2:])
    for _, (q, _) in pairs:
        keys[id(q)] = (max(keys[id(q)][0], 0), *keys[id(q)][1:])
    # "in Tall Refaat town in northern Aleppo", "In Dagestan, police shot two gunmen in the town of
    # Buinaksk": a region or country is where a more specific place of the same sentence lies, so
    # when such a place is itself in a locative slot, it is the event's place.
    best, best_root = min(candidates, key=lambda x: keys[id(x[0])])
    if _broad(best.text):
        region = _country_of(parse_name(best.text))
        # A place the gazetteer knows qualifies in any slot ("areas in western Aleppo, including Sheikh
        # Ali"); an unknown name only in a strong locative slot.
        # A clause boundary between them does not matter when the gazetteer puts the place inside the
        # region ("fire on areas of Abul Thohur town ... in southeast Idleb").
        inside = [(m, r) for m, r in candidates if m is not best and -keys[id(m)][0] >= 0
                  and (keys[id(m)][1] <= keys[id(best)][1] or _within_region(m.text, best.text))
                  and not _broad(m.text)
                  and (-keys[id(m)][0] >= 2 or _specificity(parse_name(m.text))[0] < 7)
                  and (not _countries_of(parse_name(m.text)) or region in _countries_of(parse_name(m.text)))]
        if inside:
            best, best_root = min(inside, key=lambda x: keys[id(x[0])])
    best.role = "event"
    # Coordinated places share the role: "in Hanano and Jabal Badro".
    best_anchor = _anchor(best_root)
    for m, r in candidates:
        if m is best:
            continue
        a = _anchor(r)
        if (a.dep_ == "conj" and (a.head == best_anchor or best_anchor in a.ancestors)) or \
                (best_anchor.dep_ == "conj" and best_anchor.head == a) or \
                (_locative(r) == "obj:capture" == _locative(best_root) and a.head == best_anchor.head):
            m.role = "event"


def by_event_preference(found: list[PlaceMention]) -> list[PlaceMention]:
    """The order in which to try a text's places as the event's place when one must be chosen.

    Event-role places come first, in text order, regions after named places. When none of them resolves (a street, a school, a
    hamlet no gazetteer has), the next best is the place written nearest the first of them: usually the
    place it was said to lie in ("Valiasr street in Tehran"), not an earlier name the event only mentions
    ("depositors of Alborz credit institute"). "announced" places are never the event's.
    """
    # A region or country ("Sadah province", "across Iran") yields to a named place of the text's other
    # event clauses: ACLED codes the most specific place.
    events = sorted((p for p in found if p.role == "event"), key=lambda p: _broad(p.text))
    others = [p for p in found if p.role == "other"]
    if events and events[0].start is not None:
        ref = events[0]

        def gap(p: PlaceMention) -> int:
            if p.start is None or p.end is None:
                return 1 << 30
            # a place written after it is more often its container ("Valiasr street in Tehran", "the Sih
            # Mehmet neighbourhood of Kilis") than one written before it ("rockets fired from Afrin into ...")
            return p.start - ref.end if p.start >= ref.end else 2 * (ref.start - p.end)

        others.sort(key=gap)
    return events + others
