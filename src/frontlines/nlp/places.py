"""Place mentions in a parsed sentence, each with its role for the event.

Where the places come from:

* spaCy's GPE / LOC / FAC entities;
* a gazetteer-backed matcher for what the small models miss (they do not know
  Aleppo's districts, and often call "Hanano" a person): proper-noun chunks in
  a locative position (object of in/at/near/..., object of a capture verb) or
  known to a user-loaded gazetteer layer are kept when the gazetteer has a
  confident entry for them.

Mentions are widened to the words that change their extent ("northern Hama",
"the countryside of Idlib", "Idlib countryside", "near Raqqa"), so the geocoder
can set geo_precision from them.

Roles, decided syntactically relative to the trigger verb:

* ``announced``: where a statement was made ("..., the ministry said in
  Damascus"; a dateline "DAMASCUS, Syria (AP) -");
* ``event``: the place nearest the trigger by dependency path, preferring one
  attached to it through a locative preposition or as the object of a capture
  verb; coordinated places ("in Hanano and Holok") share the role;
* ``other``: everything else.

The steps are modules of their own, a one-way chain: ``place_lexicon`` (words
and cached gazetteer questions) → ``place_names`` (name spans) →
``place_choice`` (which place is the event's) → this module (``find_places``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from frontlines.mention import PlaceMention
from frontlines.nlp import place_lexicon
from frontlines.nlp.dateline import read_dateline
from frontlines.nlp.doc_text import span_text
from frontlines.nlp.place_choice import _choose_event, _locative, _partitive_head, by_event_preference
from frontlines.nlp.place_lexicon import (
    _NOT_PLACES,
    DIRECTION_WORDS,
    FACILITY_NOUNS,
    NEAR_PREPS,
    NOT_PLACE_LABELS,
    PLACE_LABELS,
    PLACE_NOUNS,
    PLACE_PREFIXES,
    REGION_NOUNS,
    REPORT_VERBS,
    STRONG_PREPS,
    TERRITORY_VERBS,
    _known,
    _known_town,
    _major_place,
    use_geocoder,
)
from frontlines.nlp.place_names import (
    _CONTAINER_NOUNS,
    _INSTITUTION_HEADS,
    _LED,
    _SIDE_PREFIXES,
    _anchor,
    _body_name,
    _noun_named,
    _propn_chunks,
    _run_forward,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from frontlines.geo import Geocoder



def _affiliation(doc, start: int) -> bool:
    """A name written as a side taken: "pro Hadi", "pro-Hadi", "anti-Assad"."""
    first = doc[start].lower_
    if first.split("-")[0] in _SIDE_PREFIXES and "-" in first:
        return True
    if start >= 1 and doc[start - 1].lower_ in _SIDE_PREFIXES:
        return True
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in _SIDE_PREFIXES


# Nouns that make a name a district or settlement even when the NER model calls it a person
# ("the Sheikh Saeed neighbourhood", "Masaken Hanano, the housing district").
_SETTLEMENT_NOUNS = frozenset({"district", "neighbourhood", "neighborhood", "quarter", "village", "town", "suburb",
                               "hamlet", "subdistrict", "area"})


def _territory_object(root: Token) -> bool:
    t = _anchor(root)
    share = _partitive_head(t)
    if share is not None:
        t = share
    return t.dep_ in ("dobj", "obj", "conj") and t.head.pos_ in ("VERB", "AUX") \
        and t.head.lemma_.lower() in TERRITORY_VERBS


def _root(doc, start: int, end: int) -> Token:
    span = doc[start:end]
    return span.root


def _widen(doc, start: int, end: int, sent: Span) -> tuple[int, int]:
    """Include direction adjectives and region nouns: 'northern Hama', 'countryside of Idlib', 'Idlib countryside'."""
    # "Idlib countryside" / "Hama province" / "Aleppo northern countryside" (but "the Jaramana suburb" names
    # a suburb, a place of its own)
    if end < sent.end and doc[end].lower_ in REGION_NOUNS and doc[end].lower_ not in _NAMED_REGION_NOUNS:
        end += 1
    elif end + 1 < sent.end and doc[end].lower_ in DIRECTION_WORDS and doc[end + 1].lower_ in REGION_NOUNS:
        end += 2
    # "northern Hama", "eastern Aleppo", "rural Damascus"
    while start > sent.start and doc[start - 1].lower_ in DIRECTION_WORDS:
        start -= 1
    root = doc[start:end].root
    # "(the northern) countryside of Idlib"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in REGION_NOUNS and not (
            root.head.head.lower_ in _NAMED_REGION_NOUNS
            and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in root.head.head.children)):
        noun = root.head.head
        s = noun.i
        while s > sent.start and doc[s - 1].lower_ in DIRECTION_WORDS:
            s -= 1
        if s < start:
            start = s
    # "al Quds street", "the Bardo museum": the facility noun belongs to the name
    if end < sent.end and doc[end].lemma_.lower() in FACILITY_NOUNS and doc[end - 1].dep_ == "compound" \
            and not (doc[end].lower_ in _TOWN_FACILITIES and _known_town(doc[start:end].text)
                     and not _known(doc[start:end + 1].text, True)):
        end += 1
    # "near Raqqa", "outside Damascus"
    root = doc[start:end].root
    if root.dep_ == "pobj" and root.head.lower_ in NEAR_PREPS and root.head.i == start - 1:
        start -= 1
    return start, end


# Region nouns that, after a name, name a place of their own ("the Jaramana suburb of Damascus").
_NAMED_REGION_NOUNS = frozenset({"suburb", "suburbs"})


# Facilities a town gives its name to: the event is coded to the town ("the Erbil Airport", "Dhamar
# stadium"); not streets, which are often named after other cities ("Baghdad street" in Damascus).
_TOWN_FACILITIES = frozenset({"airport", "stadium", "university", "hospital", "prison", "refinery", "port",
                              "airbase", "base"})


# Bodies named after their town ("Workers of Ahvaz Steel Company", "Kish Free Zone"): the town is a place
# of the text.
_TOWN_BODIES = frozenset({"company", "factory", "plant", "corporation", "industries", "industry", "mill", "mills",
                          "refinery", "municipality", "zone", "cooperative"})


def _slot_names(sent: Span, covered: set[int]) -> list[tuple[int, int]]:
    """Names in a locative slot that the NER model and the tagger missed ("in Gharanij" tagged a plural
    noun, "in Ma'arrat An Nu'man" ending in a number, "in ad-Dabab"), kept when the gazetteer knows them
    exactly as a town or a user layer knows them. One lookup per slot, not per token."""
    doc = sent.doc
    out = []
    for prep in sent:
        if prep.lower_ not in STRONG_PREPS or prep.i + 1 >= sent.end:
            continue
        k = prep.i + 1
        if doc[k].lower_ == "the":
            k += 1
        start = k
        end = _run_forward(doc, k, sent) if k < sent.end else k  # "ad-Dabab": the article opens the run
        if end <= k or any(i in covered for i in range(start, end)):
            continue
        nxt = doc[end] if end < sent.end else None
        if nxt is not None and (nxt.lower_ in ("'s", "’s") or nxt.pos_ in ("NOUN", "PROPN")
                                and nxt.lemma_.lower() not in _CONTAINER_NOUNS):
            continue  # "at Vann's insistence", "on the Assad regime": a person's, or a modifier
        text = doc[start:end].text
        if _known_town(text) or _known(text, True):
            out.append((start, end))
    return out


def _town_in_name(ent: Span) -> tuple[int, int] | None:
    """The town a facility or a body is named after: "Erbil" of "the Erbil Airport", "Ahvaz" of "Ahvaz Steel
    Company"."""
    last = ent[-1].lower_
    if last not in _TOWN_FACILITIES and last not in _TOWN_BODIES or len(ent) < 2:
        return None
    doc = ent.doc
    # the name is the capitalised run before the noun ("Workers of Ahvaz Steel Company")
    start = ent.end - 1
    while start > ent.start and doc[start - 1].text[:1].isupper():
        start -= 1
    if _known(doc[start:ent.end].text, True):
        return None  # the gazetteer has the facility itself ("Dhameer Airbase")
    for end in (start + 2, start + 1):
        if end < ent.end and _known_town(doc[start:end].text):
            return start, end
    return None


def _without_town_centre(doc, start: int, end: int) -> tuple[int, int]:
    """"Dar'a al-Balad" is Dar'a's old town ("al-balad", the town): the place is the town."""
    words = doc[start:end].text.lower().replace(" ", "")
    for tail in ("al-balad", "el-balad"):
        if words.endswith(tail) and len(words) > len(tail):
            k = end
            while k > start and doc[k - 1].lower_ in ("balad", "-", "al", "el", "al-balad", "el-balad"):
                k -= 1
            if start < k:
                return start, k
    return start, end


def _reporting_head(root: Token) -> Token | None:
    """The reporting verb a place is attached to ("said in Damascus"), if any."""
    head = root.head
    # "were reported in Huth city": a passive reporting verb says where the event was, not the speaker
    if root.dep_ == "pobj" and head.lower_ in ("in", "from", "at") and head.head.lemma_.lower() in REPORT_VERBS \
            and not any(c.dep_ == "auxpass" for c in head.head.children):
        return head.head
    if root.dep_ == "nsubj" and head.lemma_.lower() in REPORT_VERBS:
        return head  # "Damascus said", "Moscow denied": the capital speaks for its government
    return None


def find_places(sent: Span, trigger_i: int | None = None, *, geocoder: Geocoder | None = None) -> list[PlaceMention]:
    """Place mentions of one parsed sentence, with role event / announced / other.

    Offsets are character offsets in ``sent.doc``. ``geocoder`` (or the one set
    with ``use_geocoder``) backs the matcher for places spaCy does not tag.
    """
    if geocoder is not None and geocoder is not place_lexicon._GEOCODER:
        use_geocoder(geocoder)
    # Which names are places, and which are announced, does not depend on the trigger: a sentence with
    # several event candidates finds them once (fresh copies each call: the choice below sets roles).
    key = (sent.doc, sent.start, sent.end, place_lexicon._GEOCODER)
    if _LAST_SENTENCE[0] is None or any(x is not y for x, y in zip(_LAST_SENTENCE[0], key, strict=True)):
        _LAST_SENTENCE[0], _LAST_SENTENCE[1] = key, _sentence_places(sent)
    mentions = [(replace(m), r) for m, r in _LAST_SENTENCE[1]]
    _choose_event(mentions, sent.doc, sent, trigger_i)
    return [m for m, _ in mentions]


# the last sentence's places before the event choice: (doc, start, end, geocoder) and its mentions
_LAST_SENTENCE: list = [None, []]


def _sentence_places(sent: Span) -> list[tuple[PlaceMention, Token]]:
    """The place mentions of a sentence with their roots, roles "announced" or "other"; no event chosen yet."""
    doc = sent.doc
    spans: list[tuple[int, int]] = []
    covered: set[int] = set()
    for ent in sent.ents:
        town = _town_in_name(ent) if ent.label_ in ("FAC", "ORG") else None
        if town is not None:
            spans.append(town)
            covered.update(range(ent.start, ent.end))
            continue
        if ent.label_ in PLACE_LABELS:
            start = ent.start + 1 if ent[0].lower_ == "the" and len(ent) > 1 else ent.start
            if doc[start:ent.end].text.lower() in _NOT_PLACES or (
                    ent.label_ != "GPE" or ent[-1].lower_ in _INSTITUTION_HEADS) and _body_name(ent[-1]):
                continue
            spans.append((start, ent.end))
            covered.update(range(ent.start, ent.end))
    # A name a settlement noun vouches for replaces the parts of it the NER model tagged.
    for start, end in _noun_named(sent):
        inside = [x for x in spans if x[0] < end and start < x[1]]
        if any(x[0] < start or x[1] > end for x in inside):
            continue  # an entity reaching beyond the run: the model saw more
        spans = [x for x in spans if x not in inside] + [(start, end)]
        covered.update(range(start, end))
    for start, end in _slot_names(sent, covered):
        spans.append((start, end))
        covered.update(range(start, end))
    for start, end in _propn_chunks(sent):
        if any(i in covered for i in range(start, end)):
            continue
        labels = {doc[i].ent_type_ for i in range(start, end)} - {""}
        if labels & NOT_PLACE_LABELS or _body_name(doc[end - 1]):
            continue
        text = doc[start:end].text
        root = doc[start:end].root
        loc = _locative(root)
        person = "PERSON" in labels
        strict = loc is None or person
        named_place = doc[start].lower_ in PLACE_PREFIXES
        anchor = _anchor(root)
        # "the town of X", "X district": the noun says it is a place even when no gazetteer knows it.
        named_by_noun = anchor is not root and anchor.lemma_.lower() in PLACE_NOUNS and loc is not None
        settlement = anchor is not root and anchor.lemma_.lower() in _SETTLEMENT_NOUNS
        # "Masaken Hanano, the large housing district on the edge of Aleppo"
        named_by_noun = named_by_noun or any(c.dep_ == "appos" and c.lemma_.lower() in _SETTLEMENT_NOUNS
                                             for c in root.children)
        settlement = settlement or named_by_noun and anchor is root
        share_taken = _partitive_head(root) is not None and _territory_object(root)
        # A person-tagged name after "in"/"near" or as the object of "captured" may be a town; the subject of
        # "was captured" is far more often a person ("Ocalan was captured in Kenya").
        in_place_slot = loc is not None and (loc.split(":")[-1] in STRONG_PREPS or loc == "obj:capture")
        if (person and in_place_slot and _known_town(text)) or (not person and _major_place(text)) or \
                _known(text, strict) or (_territory_object(root) and (not person or named_place or share_taken)) or \
                (named_place and loc is not None) or (named_by_noun and (not person or settlement)):
            spans.append((start, end))
            covered.update(range(start, end))
    spans = sorted(_without_town_centre(doc, a, b) for a, b in spans)
    mentions: list[tuple[PlaceMention, Token]] = []
    dateline = read_dateline(span_text(sent)) if sent.start == 0 or sent.start_char < 5 else None
    for start, end in spans:
        if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in _LED:
            continue  # "Saudi-led", "Iran-backed": an actor's description, not a place of the event
        if _affiliation(doc, start):
            continue  # "pro-Hadi forces", "anti-Assad protesters": a side, not a place
        s, e = _widen(doc, start, end, sent)
        span = doc[s:e]
        root = doc[start:end].root
        role = "other"
        if _reporting_head(root) is not None or dateline and doc[start].idx - sent.start_char < dateline.end and doc[start].text.isupper():
            role = "announced"
        mentions.append((PlaceMention(span.text, role, span.start_char, span.end_char), root))
    return mentions


__all__ = ["PLACE_LABELS", "by_event_preference", "find_places", "use_geocoder"]
