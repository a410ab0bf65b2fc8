"""The reality filter: triggers that do not report a real, specific event.

WHY: ACLED codes events that happened, not commentary. Negated ("no shelling"),
habitual ("facing regular airstrikes"), hypothetical ("threatened to attack"),
anaphoric ("this advance"), historical ("captured two years ago") and running-toll
("the war has killed 300,000") triggers are dropped by reading the governing
clause in the parse (``events`` step 2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from frontlines.nlp.crime import crime_work
from frontlines.nlp.hazard import hazard_harm
from frontlines.nlp.taxonomy import _Trig
from frontlines.nlp.trigger_match import _lem
from frontlines.nlp.triggers import TriggerLexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


# ----------------------------------------------------------------------- reality filter
def _governor(t: Token) -> Token:
    """The verb whose clause a trigger belongs to (itself for verbs)."""
    cur = t
    for _ in range(4):
        nominal = cur.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr", "compound", "amod", "appos", "prep")
        if (cur.pos_ in ("VERB", "AUX") and not (nominal and cur.i == t.i)) or cur.dep_ == "ROOT":
            return cur
        cur = cur.head
    return cur


def _not_real(t: Token, lex: TriggerLexicon, sent: Span, kind: str | None = None) -> str | None:
    """Why a trigger (of lexicon kind ``kind``) does not report a real, specific event (or None when it does)."""
    gov = _governor(t)
    for tok in (t, gov):
        for c in tok.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no", "neither")):
                return "negated"
            if c.lower_ in lex.habitual and c.dep_ in ("amod", "advmod", "npadvmod"):
                return "habitual"
            # "they'd taken": 'd before a participle is "had", not "would"
            if c.dep_ == "aux" and c.lower_ in lex.modal and not (c.lower_ == "'d" and tok.tag_ == "VBN"):
                return "hypothetical"
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                return "hypothetical"
    if t.dep_ == "pobj" and t.head.lower_ == "without":
        return "negated"
    # "a deal was still possible", "a new offensive is likely": the trigger is the subject of a state
    if t.dep_ in ("nsubj", "nsubjpass") and any(
            c.dep_ == "acomp" and _lem(c) in lex.hypothetical_heads for c in t.head.children):
        return "hypothetical"
    if _cumulative_toll(t):
        return "cumulative"
    if _years_back(gov):
        return "past"
    if t.dep_ in ("xcomp",) and _lem(t.head) in ("unable", "fail"):
        return "negated"
    if any(c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those") for c in t.children) and t.pos_ == "NOUN":
        return "anaphoric"
    # governed by threaten / plan / vow ... to (chain of xcomp/ccomp heads)
    cur = gov
    for _ in range(4):
        if cur.dep_ in ("xcomp", "ccomp", "advcl", "acl", "pcomp", "relcl", "conj") and cur.head.i != cur.i:
            head = cur.head
            if _lem(head) in lex.hypothetical_heads and cur.dep_ in ("xcomp", "ccomp", "pcomp", "acl"):
                return "hypothetical"
            if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in cur.children):
                return "hypothetical"
            cur = head
        else:
            break
    if t.dep_ == "pobj" and _lem(t.head.head) in lex.hypothetical_heads:
        return "hypothetical"
    # generic present-tense statements: "faces airstrikes", "facing regular airstrikes"
    if gov.lemma_ in ("face", "endure", "risk", "fear") and t.dep_ in ("dobj", "pobj"):
        return "habitual"
    # "floods killed 30", "a gas cylinder explosion": harm no one did (``hazard``)
    if hazard_harm(t, sent, kind):
        return "hazard"
    # "police seized 8 tonnes of cocaine", "arrested a gang of car thieves": ordinary crime (``crime``)
    if crime_work(t, sent, kind):
        return "crime"
    return None


def _years_back(v: Token) -> bool:
    """A clause dated years back is history, not news: "... which the army captured two years ago"."""
    return any(c.dep_ == "advmod" and c.lower_ == "ago" and any(
        _lem(x) in ("year", "decade") for x in c.children if x.dep_ == "npadvmod") for c in v.children)


def _holding_since(tr: _Trig, tok: Token) -> bool:
    """A capture or withdrawal in a "since" clause dates the start of a state that still holds ("the worst
    defeat since it seized the eastern half of the city", "loyalists have held out since rebels seized the
    east"): background, not a new change of hands. (For other events a "since" clause often opens the
    period the news covers: "112 killed since the rebel assault began on Sunday".)"""
    if tr.kind not in ("capture", "withdraw"):
        return False
    v = _governor(tok)
    return v.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "since" for c in v.children)


_WARS = {"war", "conflict", "crisis", "revolt", "uprising", "revolution", "insurgency"}


_CAMPAIGNS = {"assault", "offensive", "campaign", "bombardment", "siege", "blockade", "occupation", "bombing",
              "invasion", "operation"}
_KILL_VERBS = {"kill", "die", "dead", "claim", "death", "killing"}


def _cumulative_toll(t: Token) -> bool:
    """ "The war has killed 300,000", "killed since the conflict began": a war's running toll, not an event."""
    if t.dep_ == "conj" and t.head.i != t.i and _lem(t.head) in _KILL_VERBS and _cumulative_toll(t.head):
        return True  # "has killed 52,000 and wounded 118,000": the conjunct shares the toll's subject
    if _lem(t) not in _KILL_VERBS or t.pos_ not in ("VERB", "AUX", "ADJ"):
        return False
    agents = [c for c in t.children if c.dep_ == "nsubj"]
    agents += [x for c in t.children if c.dep_ == "agent" for x in c.children if x.dep_ == "pobj"]
    agents += _relative_antecedent(t)[:1]
    if any(_lem(a) in _WARS and not any(c.dep_ == "det" and c.lower_ in ("this", "these") for c in a.children)
           for a in agents):
        return True
    # "Israel's assault on Gaza has killed 52,000": a campaign's toll so far (the present perfect), not one
    # event's; "the assault killed 12 on Tuesday" is the event's
    if any(_lem(a) in _CAMPAIGNS for a in agents) and any(
            c.dep_ == "aux" and c.lower_ in ("has", "have", "'s", "'ve") for c in t.children):
        return True
    # "have been killed and millions displaced since the war started": the clause may hang on a conjunct
    heads = [t, *(x for c in t.children if c.dep_ == "conj" for x in (c, *c.children) if x.dep_ in ("conj", "acl"))]
    since = [c for h in heads for c in h.children
             if c.lower_ == "since" or (c.dep_ == "advcl" and any(m.lower_ == "since" for m in c.children))]
    return any(_lem(x) in _WARS | {"begin", "start", "erupt", "outbreak"} for c in since for x in c.subtree)


_TEMPORAL_PREPS = {"during", "since", "after", "before", "amid", "amidst", "following", "throughout", "despite", "until"}


def _background(t: Token) -> bool:
    """An event noun that only dates or frames another clause ("during the offensive"; "amid shelling
    and air strikes": a conjunct shares its head's frame)."""
    head = t
    while head.dep_ in ("conj", "compound", "nmod") and head.head.i != head.i and head.head.pos_ == "NOUN":
        head = head.head
    if t.pos_ == "NOUN" and head.dep_ == "pobj" and head.head.lower_ in _TEMPORAL_PREPS:
        return True
    # "on the anniversary of the bombings", "in the wake of the attacks": what recalls or follows an event
    # is the news; the event is its memory
    if t.pos_ == "NOUN" and head.dep_ == "pobj" and head.head.dep_ == "prep" and _lem(head.head.head) in _AFTERMATH:
        return True
    # "the war, which began with (the repression of) protests": how a war started is its history
    cur = t
    for _ in range(5):
        if cur.dep_ == "prep" and cur.lower_ in ("with", "by", "as") and _lem(cur.head) in _ORIGIN_VERBS:
            return True
        if cur.head.i == cur.i or cur.dep_ not in ("pobj", "prep", "compound", "amod"):
            return False
        cur = cur.head
    return False


_AFTERMATH = {"wake", "aftermath", "anniversary", "commemoration", "memory", "memorial", "legacy"}
_ORIGIN_VERBS = {"begin", "start", "erupt", "spark", "ignite", "trigger"}


def _attempted(t: Token, lex: TriggerLexicon) -> bool:
    cur = _governor(t)
    for _ in range(4):
        if cur.dep_ in ("xcomp", "ccomp", "pcomp", "acl", "advcl") and _lem(cur.head) in lex.attempt_heads:
            return True
        if cur.dep_ == "pobj" and _lem(cur.head.head) in lex.attempt_heads:
            return True
        if cur.head.i == cur.i:
            break
        if cur.dep_ not in ("xcomp", "ccomp", "pcomp", "acl", "advcl", "pobj", "prep"):
            break
        cur = cur.head
    return any(_lem(c) in ("attempt", "bid", "effort") for c in t.children if c.dep_ in ("nsubj", "dobj"))


def _relative_antecedent(tok: Token) -> list[Token]:
    """The noun a relative clause hangs on, when ``tok`` is in it: "the attack, which (it says) killed 1,400"."""
    chain = [tok]
    cur = tok
    for _ in range(4):
        if cur.dep_ == "relcl":
            if any(c.lower_ in ("which", "that") for v in chain for c in v.children):
                return [cur.head, *(y for y in cur.head.children if y.dep_ in ("conj", "compound"))]
            return []
        if cur.dep_ not in ("conj", "ccomp", "xcomp") or cur.head.i == cur.i:
            return []
        cur = cur.head
        chain.append(cur)
    return []
