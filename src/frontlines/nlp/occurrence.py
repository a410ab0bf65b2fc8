"""Occurrence: does a trigger word name one bounded happening, or a type, a practice, a figure of speech?

WHY: the reality filter (``reality``) drops triggers that are negated, hypothetical,
habitual or dated years back in their own clause. On political news (debates, law,
commentary, anniversaries) most of the remaining false events are of four other
kinds, read by hand on BBC politics and English news pages (docs/quality.md,
"Precision on political news"):

- **a generic or institutional reading of an event noun**: the noun names a kind
  of happening, not one that happened: "house arrest powers", "detention orders",
  "the threat of attacks", "the fight against terrorism", "such attacks", "a
  nuclear terrorist attack is the main danger", "detention without trial";
- **a figurative violent verb**: its object is an idea, a policy or a record,
  not a person, a group, a place or a thing ("fighting poverty", "attacked the
  way the war was sold", "I attack him politically");
- **a word read in the wrong sense**: "according to" (not an accord), the month
  "March" (not a march), "deal with" (not a deal), "committing suicide" (not a
  suicide bombing), a death nobody caused (in custody, in a tsunami);
- **history**: every year the sentence writes is two or more years before the
  publication ("opened fire on protestors in Tiananmen Square in 1989").

Each is a reading of the parse (dependency, tense, determiners, entity labels)
and of small word classes defined here by meaning, never of particular sentences.
``not_an_occurrence`` returns the reason (kept like the reality filter's) or None.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from frontlines.nlp.taxonomy import _FAMILY, _Trig
from frontlines.nlp.trigger_match import _lem

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Nouns that make an event noun before or under them a type: the law, plan, power or risk *of* it.
FRAME_NOUNS = frozenset({
    "power", "order", "measure", "plan", "law", "legislation", "bill", "rule", "regime", "policy", "provision",
    "scheme", "system", "proposal", "strategy", "threat", "risk", "danger", "fear", "prospect", "possibility",
    "spectre", "practice", "principle", "right", "debate", "case", "review", "inquiry", "issue", "question",
    "culture", "legality", "safeguard", "clause", "amendment", "regulation",
})
# Determiners of a kind, not of one happening.
GENERIC_DETERMINERS = frozenset({"such", "any", "every", "all", "whatever"})
# Objects of a violent verb that are ideas, policies, records or conditions: the verb is figurative.
ABSTRACT_OBJECTS = frozenset({
    "poverty", "racism", "crime", "corruption", "disease", "inflation", "unemployment", "climate", "change",
    "discrimination", "injustice", "inequality", "hunger", "illiteracy", "prejudice", "bigotry", "drug", "drugs",
    "way", "idea", "plan", "proposal", "policy", "decision", "record", "comment", "remark", "claim", "view",
    "bill", "law", "measure", "reform", "budget", "tax", "strategy", "handling", "approach", "stance", "position on",
    "form", "issue", "seat", "election", "case", "charge", "ruling", "verdict", "legislation", "scheme", "cut",
    "idea", "notion", "belief", "argument", "report", "rule", "regulation", "culture", "attitude", "complacency",
    "apathy", "obesity", "waste", "fraud", "spam", "virus", "piracy", "deficit", "price", "cost", "deal",
    "move", "right", "terror", "terrorism", "extremism", "radicalisation", "radicalization",
})
# Event nouns that name a campaign against something: "the fight against poverty", "the war on terror".
CAMPAIGN_NOUNS = frozenset({"fight", "war", "battle", "struggle", "campaign", "crusade", "offensive", "assault"})
# Adverbs that say an attack is made with words.
FIGURATIVE_ADVERBS = frozenset({"politically", "verbally", "publicly", "personally", "rhetorically"})
# Verbs (lemmas) that are violent only when what they act on is a person, a group, a place or a thing.
FIGURATIVE_VERBS = frozenset({"attack", "fight", "target", "battle", "combat", "tackle", "strike", "hit", "clash",
                              "surrender", "abandon", "withdraw", "assault", "bomb", "blast", "shoot"})
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"})
_EXPLOSIVE = frozenset({"bomb", "bomber", "bombing", "blast", "explosion", "explode", "detonate", "vest", "belt",
                        "car", "attack", "attacker", "self-detonate", "ied"})
_DEATH_NOUNS = frozenset({"death", "die", "dead", "fatality", "casualty", "suicide"})
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


def not_an_occurrence(tr: _Trig, tok: Token, sent: Span, when: date | None = None,
                      others: list[_Trig] | None = None) -> str | None:
    """Why the trigger ``tr`` (at ``tok``) names no bounded happening ("generic", "figurative",
    "sense", "history"), or None when it may name one. ``others`` are the sentence's other triggers
    (a death beside an attack word is the attack's outcome, not a death nobody caused)."""
    return (_wrong_sense(tr, tok, sent, others or [])
            or (_generic_noun(tok) if tok.pos_ in ("NOUN", "PROPN") else None)
            or (_figurative(tok) if tok.pos_ == "VERB" else None)
            or (_history(sent, when) if when is not None else None))


# -- senses ------------------------------------------------------------------------------------
def _wrong_sense(tr: _Trig, tok: Token, sent: Span, others: list[_Trig]) -> str | None:
    low = tok.lower_
    if tr.kind == "agreement":
        # "according to reports": a preposition, not an accord
        if low == "according" or (tok.dep_ == "prep" and _lem(tok) == "accord"):
            return "sense"
        # "deal with the problem", "to deal with how we tackle it": the verb of handling
        if _lem(tok) == "deal" and tok.pos_ == "VERB" and any(c.dep_ == "prep" and c.lower_ == "with"
                                                              for c in tok.children):
            return "sense"
    if tr.kind in ("protest", "movement") and low in _MONTHS and (tok.text[:1].isupper() or tok.ent_type_ == "DATE"):
        # the month: "On 10 March", "when it comes for renewal in March"
        if tok.ent_type_ == "DATE" or tok.i > sent.start:
            return "sense"
    if tr.kind == "suicide" and not any(_lem(x) in _EXPLOSIVE or x.lower_ in _EXPLOSIVE
                                        for x in sent if x.i != tok.i):
        # "those committing suicide": a suicide bombing needs a bomb, a blast or an attack
        return "sense"
    if tr.kind == "kill" and _lem(tok) in _DEATH_NOUNS and not _caused(tok, sent, tr, others):
        return "sense"
    return None


def _caused(tok: Token, sent: Span, tr: _Trig, others: list[_Trig]) -> bool:
    """Whether a death is someone's doing: the sentence has another violent trigger, a number of dead
    (a toll is counted for an event), or the death word has an agent or a cause ("died of wounds",
    "killed by", "death of the protesters at the hands of")."""
    if any(_FAMILY.get(o.kind) in ("battle", "remote", "protest", "abduct", "sexual") or
           (o.kind == "kill" and _lem(sent.doc[o.i]) not in _DEATH_NOUNS) for o in others if o.i != tr.i):
        return True
    if any(t.like_num or t.ent_type_ == "CARDINAL" for t in sent):
        return True
    for x in tok.subtree:
        if x.dep_ == "agent" or _lem(x) in ("wound", "injury", "gunshot", "shot", "bullet", "torture", "hand",
                                             "shooting", "attack", "strike", "shelling", "blast", "bombing"):
            return True
    return False


# -- generic nouns -----------------------------------------------------------------------------
def _generic_noun(tok: Token) -> str | None:
    if _lem(tok) in CAMPAIGN_NOUNS and any(c.dep_ == "prep" and c.lower_ in ("against", "on") and any(
            x.dep_ == "pobj" and _abstract(x) for x in c.children) for c in tok.children):
        return "figurative"
    if any(c.dep_ in ("det", "predet", "amod") and c.lower_ in GENERIC_DETERMINERS for c in tok.children):
        return "generic"
    # "house arrest powers", "detention orders": the event noun qualifies a frame noun
    if tok.dep_ in ("compound", "nmod", "amod") and _lem(tok.head) in FRAME_NOUNS:
        return "generic"
    # "the threat of attacks", "the fight against terrorism", "powers of detention"
    if tok.dep_ == "pobj" and tok.head.lower_ in ("of", "against", "on") and _lem(tok.head.head) in FRAME_NOUNS \
            and tok.head.head.pos_ == "NOUN" and not _specific(tok):
        return "generic"
    # "detention without trial": a practice described by what it lacks
    if not _specific(tok) and any(c.dep_ == "prep" and c.lower_ == "without" for c in tok.children):
        return "generic"
    # "a nuclear terrorist attack is the main danger", "detention is unlawful": a present-tense judgement
    head = tok.head
    if tok.dep_ in ("nsubj",) and _lem(head) == "be" and head.tag_ in ("VBZ", "VBP") and any(
            c.dep_ in ("attr", "acomp") for c in head.children) and not _dated(tok.sent) and not any(
            c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in tok.children):
        return "generic"
    return None


def _specific(tok: Token) -> bool:
    """A concrete participant, number, place or time inside the noun's phrase makes one happening of it."""
    for x in tok.subtree:
        if x.i == tok.i:
            continue
        if x.like_num or x.ent_type_ in ("GPE", "LOC", "FAC", "NORP", "ORG", "PERSON", "DATE", "CARDINAL"):
            return True
        if x.dep_ == "poss" or (x.dep_ == "det" and x.lower_ in ("this", "that", "these", "those")):
            return True
    return False


def _dated(sent: Span) -> bool:
    return any(t.ent_type_ in ("DATE", "TIME") for t in sent)


# -- figurative verbs --------------------------------------------------------------------------
def _figurative(tok: Token) -> str | None:
    if _lem(tok) not in FIGURATIVE_VERBS:
        return None
    if any(c.dep_ == "advmod" and c.lower_ in FIGURATIVE_ADVERBS for c in tok.children):
        return "figurative"
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [x for c in tok.children if c.dep_ == "prep" and c.lower_ in ("against",)
                for x in c.children if x.dep_ == "pobj"]
    if not objects:
        return None
    heads = [o for o in objects if o.pos_ in ("NOUN", "PROPN", "PRON")]
    if heads and all(_abstract(o) for o in heads):
        return "figurative"
    return None


def _abstract(o: Token) -> bool:
    if o.ent_type_ in ("GPE", "LOC", "FAC", "NORP", "ORG", "PERSON"):
        return False
    lem = _lem(o)
    if lem in ABSTRACT_OBJECTS:
        return True
    # "all forms of racism", "the issue of X": a kind noun with an abstract complement
    return lem in ("form", "kind", "type", "issue", "problem", "scourge") and any(
        _lem(x) in ABSTRACT_OBJECTS for c in o.children if c.dep_ == "prep" for x in c.children)


# -- history -----------------------------------------------------------------------------------
def _history(sent: Span, when: date) -> str | None:
    """Every year the sentence writes is at least two years before the publication: background."""
    years = []
    for t in sent:
        if _YEAR.match(t.text) and (t.ent_type_ == "DATE" or t.head.lower_ in ("in", "of", "since", "until")):
            if any(a.lower_ in ("since", "until", "till", "by") for a in (t.head, *(c for c in t.children))):
                return None  # "since 2011": a period that runs to now
            years.append(int(t.text))
    if years and max(years) <= when.year - 2:
        return "history"
    return None


__all__ = ["ABSTRACT_OBJECTS", "FRAME_NOUNS", "GENERIC_DETERMINERS", "not_an_occurrence"]
