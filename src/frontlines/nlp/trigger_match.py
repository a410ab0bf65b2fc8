"""Trigger matching: lexicon words and phrases found on lemmas, then checked against their syntax.

WHY syntax and not the word alone: "take" is a capture only with a place as its
object, "strike" is an air strike unless workers are on strike, a "shell" is a
munition only near firing verbs. Each check here looks at the trigger's own
dependency neighbourhood, so one rule serves every sentence that shares the
construction (``events`` step 1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontlines.nlp.doc_text import span_text
from frontlines.nlp.taxonomy import _AIR_WORDS, _DENIAL_HEADS, _PLACE_NOUNS, _Trig
from frontlines.nlp.triggers import TriggerLexicon, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


# ---------------------------------------------------------------------------- triggers
def _lem(t: Token) -> str:
    return t.lemma_.lower()


def _match_triggers(sent: Span, lex: TriggerLexicon) -> list[_Trig]:
    toks = list(sent)
    lemmas = [_lem(t) for t in toks]
    lowers = [t.lower_ for t in toks]
    out: list[_Trig] = []
    covered: set[int] = set()
    words = set(lemmas) | set(lowers)
    table = _phrase_table(lex)
    multi = table.multi
    # Only phrases whose every word occurs in the sentence can match; the order (longest first) is kept.
    # The index by first word names the phrases that can; checking all of them per sentence was the hot spot.
    maybe = sorted({k for w in words for k in table.multi_by_first.get(w, ())})
    for n, p, kind in (multi[k] for k in maybe if all(w in words for w in multi[k][1])):
        for j in range(len(toks) - n + 1):
            if any(j + m in covered for m in range(n)):
                continue
            if all(lemmas[j + m] == p[m] or lowers[j + m] == p[m] for m in range(n)):
                span = sent[j : j + n]
                head = span.root
                out.append(_Trig(head.i, kind.name, span.text, kind.weight, sent.start + j + n))
                covered.update(range(j, j + n))
    kinds_all = table.kinds
    for j, t in enumerate(toks):
        if j in covered or t.pos_ in ("ADP", "DET", "PRON", "PUNCT", "NUM", "AUX", "CCONJ"):
            continue
        lemma, lower = lemmas[j], lowers[j]
        # kinds listing one of the word's forms, in lexicon order (an index per form, not a scan of every kind)
        hit = {*table.by_lemma.get(lemma, ()), *table.by_lemma.get(lower, ()),
               *table.by_lemma.get(_base_form(lower), ())}
        kinds = [kinds_all[k] for k in sorted(hit)]
        for k in table.by_verb.get(lemma, ()):
            kind = kinds_all[k]
            if any(c.dep_ in ("dobj", "nsubjpass") and _lem(c) in kind.objects for c in t.children):
                kinds.append(kind)
        for kind in kinds:
            out.append(_Trig(t.i, kind.name, t.text, kind.weight, t.i + 1))
    # single-word phrases ("take", "enter", "overran") are listed as phrases of length 1
    for k, p in table.single:
        if p[0] not in words:
            continue
        for j, t in enumerate(toks):
            if j not in covered and (lemmas[j] == p[0] or lowers[j] == p[0]) and t.pos_ in ("VERB", "NOUN"):
                out.append(_Trig(t.i, k.name, t.text, k.weight * 0.9, t.i + 1))
    return out


@dataclass(frozen=True)
class _PhraseTable:
    """A lexicon's phrases and words indexed once: what a sentence's words can match is a dict look-up."""

    lex: TriggerLexicon
    multi: list  # (length, phrase, kind), longest first
    single: list  # (kind, one-word phrase)
    multi_by_first: dict  # first word -> positions in ``multi``
    kinds: list  # the lexicon's kinds, in order
    by_lemma: dict  # word -> positions in ``kinds`` of the kinds listing it as a lemma
    by_verb: dict  # verb -> positions in ``kinds`` of the kinds pairing it with objects


_PHRASE_TABLES: dict[int, _PhraseTable] = {}


def _phrase_table(lex: TriggerLexicon) -> _PhraseTable:
    """Multi-word phrases (longest first), one-word phrases and word indexes of a lexicon, computed once.

    Sorting every kind's phrases for every sentence was the extraction hot spot.
    """
    hit = _PHRASE_TABLES.get(id(lex))
    if hit is None or hit.lex is not lex:
        multi = sorted(
            ((len(p), p, k) for k in lex.kinds.values() for p in k.phrases if len(p) > 1), key=lambda x: -x[0]
        )
        single = [(k, p) for k in lex.kinds.values() for p in k.phrases if len(p) == 1]
        by_first: dict[str, list[int]] = {}
        for i, (_n, p, _k) in enumerate(multi):
            by_first.setdefault(p[0], []).append(i)
        kinds = list(lex.kinds.values())
        by_lemma: dict[str, list[int]] = {}
        by_verb: dict[str, list[int]] = {}
        for i, k in enumerate(kinds):
            for w in k.lemmas:
                by_lemma.setdefault(w, []).append(i)
            if k.verbs:
                for w in k.verbs:
                    by_verb.setdefault(w, []).append(i)
        hit = _PhraseTable(lex, multi, single, by_first, kinds, by_lemma, by_verb)
        _PHRASE_TABLES[id(lex)] = hit
    return hit


_ROLE_PREPS = ("on", "against", "targeting", "at", "upon", "with", "between")


def _prep_roles(prep: Token, agents: list[Token], patients: list[Token]) -> None:
    """Objects of "on/against/at/with X" are patients; "between A and B" makes A an agent and B a patient."""
    for x in prep.children:
        if x.dep_ != "pobj":
            continue
        if prep.lower_ == "between":
            agents.append(x)
            patients.extend(y for y in x.children if y.dep_ == "conj")
        else:
            patients.append(x)


def _base_form(word: str) -> str:
    """A crude stem for words the lemmatizer gets wrong ("raped" -> "rap"): drop -ed/-d/-ing/-s."""
    for suffix, repl in (("ied", "y"), ("ed", "e"), ("ing", "e"), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + repl
    return word


# A "bomber" with one of these modifiers carries the bomb on the ground ("suicide bomber", "motorbike bomber").
_GROUND_BOMBER = {"suicide", "motorbike", "motorcycle", "car", "truck", "bicycle", "lorry", "vehicle", "belt", "vest"}


def _ground_bomber(t: Token) -> bool:
    return _lem(t) in ("bomber", "bombers") and any(
        _lem(c) in _GROUND_BOMBER or c.lower_ in _GROUND_BOMBER for c in t.children if c.dep_ in ("compound", "amod")
    )


def _has_air_context(sent: Span) -> bool:
    return any((_lem(t) in _AIR_WORDS or t.lower_ in ("airstrikes", "warplanes", "jets", "air", "planes"))
               and not _ground_bomber(t) for t in sent)


def _kind_lemma(t: Token, kind: str, lex: TriggerLexicon) -> str:
    """The lexicon form a token matched as: title-case headlines defeat the lemmatizer ("Strikes", "Bomb")."""
    lem = _lem(t)
    k = lex.kinds.get(kind)
    if k is None or lem in k.lemmas:
        return lem
    for form in (t.lower_, _base_form(t.lower_)):
        if form in k.lemmas:
            return form
    return lem


def _disambiguate(tr: _Trig, sent: Span, kinds_present: set[str]) -> str | None:
    """Syntax-aware checks for ambiguous trigger words; returns the kind or None to drop it."""
    doc = sent.doc
    t = doc[tr.i]
    lem = _kind_lemma(t, tr.kind, lexicon())
    if tr.kind in ("clash", "capture") and _describes_noun(t):
        # "a coalition fighting Daesh", "an alliance battling to take Aleppo": what an actor is, not an event
        return None
    if tr.kind == "capture" and lem == "hold":
        # "denied that government forces held any part of Sheikh Said": denying control is denying the
        # capture another side claims; "rebels hold the town" on its own states a situation, not an event
        objs = [c for c in t.children if c.dep_ in ("dobj", "attr")]
        denied = any(_lem(a) in _DENIAL_HEADS for a in t.ancestors)
        return "capture" if denied and any(_placeish(o) for o in objs) else None
    if tr.kind == "capture" and t.pos_ == "VERB" and " " not in tr.text and lem not in ("take", "enter", "control",
                                                                                        "push"):
        # "seized a tank", "captured three fighters": a capture of things or people is not of territory
        objs = [c for c in t.children if c.dep_ == "dobj"]
        if objs and all(o.pos_ == "NOUN" and _lem(o) != "control" and not any(_placeish(x) for x in o.subtree)
                        for o in objs):
            return None
    if tr.kind == "capture" and _standing_control(t):
        # "YPG fighters, who control Sheikh Maqsoud", "rebels control the east": who holds a place now
        return None
    if tr.kind == "capture" and lem in ("take", "enter", "control", "push"):
        objs = [c for c in t.children if c.dep_ in ("dobj", "attr", "nsubjpass")]
        if lem == "take":
            if any(c.dep_ == "prt" and c.lower_ == "over" for c in t.children) or any(
                _lem(c) == "control" for c in t.children
            ):
                return "capture"
            if not objs or not any(_placeish(o) for o in objs):
                return None
        if lem == "control" and t.pos_ == "NOUN":
            # "established control of/over Y": the place is the object of the preposition
            objs = [g for h in (t, t.head) for c in h.children if c.dep_ == "prep" and c.lower_ in ("of", "over")
                    for g in c.children if g.dep_ == "pobj"]
        if lem in ("enter", "control") and not any(_placeish(o) for o in objs):
            return None
        if lem == "push":
            return None
    if tr.kind == "protest" and lem == "strike":
        return "protest" if _labour_strike(t) else None
    if tr.kind == "protest" and lem == "demonstration" and any(
        c.dep_ == "prep" and c.lower_ == "of" and not any(_lem(x) in _CROWDS for x in c.children) for c in t.children
    ):
        # "a demonstration of the fragile state of the zones": showing, not protesting
        return None
    if tr.kind == "capture" and t.dep_ == "amod" and t.tag_ == "VBN":
        # "a captured regime pilot", "seized weapons": a state described, not a capture reported
        return None
    if tr.kind == "withdraw" and t.dep_ in ("amod", "acl") and t.tag_ == "VBN" and t.head.pos_ in ("NOUN", "PROPN",
                                                                                                  "PRON"):
        # "the total number evacuated", "those evacuated": who the people are, not a side leaving a place
        return None
    if tr.kind == "abduct" and t.dep_ in ("amod", "acl", "relcl") and t.tag_ == "VBN" and t.head.pos_ in ("NOUN",
                                                                                                       "PROPN"):
        # "executed an aid worker kidnapped in Syria", "a lawyer who had been abducted": who the victim was
        return None
    if tr.kind == "riot" and lem in ("throw", "hurl") and not any(
        _lem(x) in ("stone", "rock", "molotov", "bottle", "firebomb", "brick", "cocktail") for x in sent
    ):
        return None
    if tr.kind == "shelling" and any(_lem(c) in _CROWD_MUNITIONS for c in t.children if c.dep_ in ("compound", "amod",
                                                                                                   "nmod")):
        # "water cannon", "tear gas shells", "rubber rounds": crowd control, not artillery
        return None
    if tr.kind == "protest" and lem == "march" and t.text == "March":
        return None  # the month
    if tr.kind == "protest" and lem in ("gather", "gathering", "march", "boycott", "procession") and "front" not in {
        x.lower_ for x in sent
    } and not any(_lem(x) in ("protest", "demonstrate", "demand", "denounce", "condemn", "against", "support",
                               "solidarity", "call", "chant", "slogan", "commemorate", "mourn", "ask", "request",
                               "outside", "sit", "object", "oppose", "suppress", "disperse", "peaceful", "peacefully",
                               "placard", "banner", "unauthorised", "unauthorized", "authorise", "authorize")
                               for x in sent):
        return None
    if tr.kind == "air" and _ground_bomber(t):
        # "a motorbike bomber killed 16", "suicide bombers struck": a bomb carried on the ground
        return "suicide" if any(_lem(c) == "suicide" for c in t.children) else "ied"
    if tr.kind == "air" and lem == "strike":
        if _labour_strike(t):
            return None
        # "shells struck the town", "a car bomb struck": the verb is an air strike only with aircraft about
        if t.pos_ == "VERB" and not _has_air_context(sent):
            return None
        return "air"
    if tr.kind == "shelling" and lem in ("bomb", "bombing", "missile", "rocket") and (
        "air" in kinds_present or _has_air_context(sent)
    ):
        # "warplanes bombed", "helicopters fired rockets": the aircraft decides
        return "air" if lem in ("bomb", "bombing") or _subject_is_air(t) else "shelling"
    if tr.kind == "shelling" and lem in ("bomb", "bombing"):
        if any(_lem(x) in ("car", "roadside", "sticky", "magnetic", "explode", "detonate", "plant", "motorcycle")
               for x in sent):
            return "ied"
        if t.pos_ in ("NOUN", "PROPN") and not any(_lem(x) in ("drop", "fire", "launch") for x in sent):
            return "ied"
    if tr.kind == "clash" and lem == "target":
        return "clash"
    if tr.kind == "kill" and lem in ("body", "corpse") and not any(_lem(x) in ("find", "discover", "recover", "dump")
                                                                  for x in sent):
        return None
    if tr.kind == "chemical" and _CROWD_CONTROL.search(span_text(sent)) and not re.search(
        r"\b(?:chlorine|sarin|chemical|mustard|nerve agent|toxic gas)", span_text(sent), re.IGNORECASE
    ):
        # "suffocation" from the tear gas fired at a crowd is not a chemical weapon
        return None
    if tr.kind == "chemical" and lem in ("toxic", "poisonous", "chemical") and not any(_lem(x) in ("gas", "weapon", "attack", "substance", "agent", "bomb", "shell", "rocket", "canister",
                               "munition", "chlorine", "sarin", "arm", "arms", "massacre", "strike")
                               for x in sent):
        return None
    if tr.kind == "ied" and lem == "mine" and t.pos_ != "NOUN":
        return None
    if tr.kind == "ied" and lem == "explosive" and t.pos_ == "ADJ" and "ied" not in kinds_present:
        return None
    if tr.kind == "agreement" and lem in ("release", "sign", "deal", "exchange", "negotiate", "negotiation") and not any(_lem(x) in ("prisoner", "detainee", "hostage", "ceasefire", "truce", "agreement", "deal",
                               "body", "captive", "accord", "peace", "surrender", "settlement") for x in sent):
        return None
    if tr.kind == "arrest" and lem == "raid" and "arrest" not in kinds_present:
        return None
    if tr.kind == "clash" and lem == "raid" and ("air" in kinds_present or _has_air_context(sent)):
        return "air"
    if tr.kind == "movement" and lem in ("convoy",) and "air" in kinds_present:
        return None
    if tr.kind == "displacement" and lem == "escape" and any(
        _lem(x) in ("prison", "jail", "detention", "custody") for x in sent
    ):
        return None
    return tr.kind


_PROTEST_WORDS = {"protest", "protester", "demonstrator", "demonstration", "rally", "march"}


def _standing_control(t: Token) -> bool:
    """The verb "control" in the simple present states who holds a place, not that it changed hands:
    "YPG fighters, who control the Sheikh Maqsoud district", "rebels control the east". "Now"
    ("the troops now control the hill") and a denial ("denied that the army controls X") make it a claim
    of a change; infinitives ("claim to control") and past forms are not simple present. The present passive
    ("the town is controlled by the Army of Conquest") states the same."""
    if _lem(t) != "control" or t.pos_ != "VERB":
        return False
    passive_now = t.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in t.children)
    if t.tag_ not in ("VBP", "VBZ") and not passive_now:
        return False
    now = any(c.lower_ == "now" for c in t.children)
    return not now and not any(_lem(a) in _DENIAL_HEADS for a in t.ancestors)


def _loss(t: Token) -> Token | None:
    """The verb of "X lost control of Y" for the trigger "control": its subject is the side that lost the
    place (the previous holder), not the side that took it."""
    if _lem(t) == "control" and t.pos_ == "NOUN" and t.dep_ == "dobj" and _lem(t.head) == "lose":
        return t.head
    return None


def _riot_subtype(sent: Span) -> str:
    """A riot is a violent demonstration when the sentence speaks of a protest, else mob violence."""
    return "Violent demonstration" if any(_lem(x) in _PROTEST_WORDS for x in sent) else "Mob violence"


def _describes_noun(t: Token) -> bool:
    """A verb in an -ing clause that qualifies a noun ("the coalition fighting IS"), through "to" infinitives."""
    cur = t
    for _ in range(3):
        if cur.dep_ == "xcomp" and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    return cur.dep_ == "acl" and cur.tag_ == "VBG" and cur.head.pos_ in ("NOUN", "PROPN")


# Means of crowd control: where forces use them, the people facing them are a crowd, not an armed side.
_CROWD_CONTROL = re.compile(
    r"\b(?:tear[- ]?gas|rubber[- ](?:coated|tipped|bullets?|rounds?|baton)|live (?:ammunition|fire|rounds?)|"
    r"stun grenades?|sound bombs?|water cannons?|pepper spray|asphyxia\w*|suffocat\w*)\b",
    re.IGNORECASE,
)


_CROWD_MUNITIONS = {"water", "tear", "gas", "teargas", "rubber", "smoke", "stun", "plastic", "paint"}

_CROWDS = {"people", "resident", "supporter", "citizen", "protester", "thousand", "hundred", "dozen", "student",
           "worker", "woman", "youth", "villager", "refugee", "family", "activist"}


_WORKERS = {"worker", "teacher", "employee", "doctor", "nurse", "student", "driver", "trader", "merchant",
            "shopkeeper", "labourer", "laborer", "farmer", "staff", "union", "lawyer", "retiree", "pensioner"}


def _labour_strike(t: Token) -> bool:
    """ "went on strike", "a hunger strike", "teachers strike": a strike that is a protest, not an attack."""
    if any(_lem(c) in ("hunger", "general", "labor", "labour", "open-ended", "sit-down") for c in t.children):
        return True
    if t.i > 0 and t.doc[t.i - 1].lower_ == "on":
        return True
    if t.pos_ == "VERB" and any(c.dep_ == "nsubj" and _lem(c) in _WORKERS for c in t.children):
        return True
    return any(c.dep_ in ("compound", "poss") and _lem(c) in _WORKERS for c in t.children)


def _subject_is_air(t: Token) -> bool:
    head = t if t.pos_ in ("VERB", "AUX") else t.head
    for c in head.children:
        if c.dep_ in ("nsubj", "agent") and any(_lem(x) in _AIR_WORDS for x in c.subtree):
            return True
    return any(_lem(x) in _AIR_WORDS for x in t.subtree)


def _placeish(t: Token) -> bool:
    if t.ent_type_ in ("GPE", "LOC", "FAC", "ORG"):
        return True
    if t.pos_ == "PROPN":
        return True
    if _lem(t) in _PLACE_NOUNS:
        return True
    return any(c.pos_ == "PROPN" or _lem(c) in _PLACE_NOUNS for c in t.children if c.dep_ in ("compound", "conj"))
