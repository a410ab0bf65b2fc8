"""What the rules make of a sentence, in the form the sub-type model (``nlp.subtype``) reads and acts on.

The model never types events on its own: it reads the rules' trigger verdicts (``trigger_readings``) and
roles (``trigger_roles``) as features, and where it changes a sub-type (``retype``) or proposes an event the
rules missed (``candidate_of``), the actors, attribution and family conventions still come from the rules'
own code (``events``, ``roles``), so the two can never disagree on who did what.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from frontlines.mention import ActorRef
from frontlines.nlp.actors import ActorRegistry
from frontlines.nlp.countries import infer_country
from frontlines.nlp.events import _doc_country, _type_family
from frontlines.nlp.reality import _background, _holding_since, _not_real
from frontlines.nlp.roles import _mentions, _roles
from frontlines.nlp.taxonomy import _FAMILY, _REMOTE_SUB, _SD_SUB, _TYPE_OF, DISORDER, EventCandidate, _Trig
from frontlines.nlp.trigger_match import _disambiguate, _kind_lemma, _lem, _match_triggers
from frontlines.nlp.triggers import lexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

__all__ = ["KIND_OF_SUB", "TriggerReading", "candidate_of", "retype", "trigger_readings", "trigger_roles"]

@dataclass(frozen=True)
class TriggerReading:
    """What the rules make of one trigger word: its kind after disambiguation, and why it is not an event.

    ``reality`` is None for a trigger the rules take as a real event, else the reality filter's reason
    ("negated", "hypothetical", "habitual", "past", "cumulative", "anaphoric") or "dropped" when the
    syntax checks rejected the word ("seized a tank", "laid siege to the goal" stays a trigger).
    The sub-type model (``nlp.subtype``) reads these as features and proposes an event only where a
    trigger is real.
    """

    i: int
    kind: str
    lemma: str
    reality: str | None
    background: bool = False


def trigger_readings(sent: Span) -> list[TriggerReading]:
    """Every lexicon trigger of ``sent`` with the rules' verdict on it (``TriggerReading``)."""
    lex = lexicon()
    trigs = _match_triggers(sent, lex)
    kinds_present = {t.kind for t in trigs if not (t.kind in ("air", "protest") and _lem(sent.doc[t.i]) == "strike"
                                                  and sent.doc[t.i].pos_ == "VERB")}
    out: list[TriggerReading] = []
    for tr in trigs:
        tok = sent.doc[tr.i]
        lem = _kind_lemma(tok, tr.kind, lex)
        kind = _disambiguate(tr, sent, kinds_present)
        if kind is None:
            out.append(TriggerReading(tr.i, tr.kind, lem, "dropped"))
            continue
        why = _not_real(tok, lex, sent, kind) or ("past" if _holding_since(_Trig(tr.i, kind, tr.text, tr.weight, tr.end),
                                                                      tok) else None)
        out.append(TriggerReading(tr.i, kind, lem, why, _background(tok)))
    return out


def trigger_roles(sent: Span, i: int) -> tuple[list[Token], list[Token]]:
    """Agent-side and patient-side phrase heads of the token ``i`` (doc index), as the rules read them."""
    return _roles(sent.doc[i])


# the trigger kind whose family conventions (default actors, roles) fit each sub-type
KIND_OF_SUB = {
    "Government regains territory": "capture", "Non-state actor overtakes territory": "capture",
    "Armed clash": "clash", "Excessive force against protesters": "protest", "Protest with intervention": "protest",
    "Peaceful protest": "protest", "Violent demonstration": "riot", "Mob violence": "riot",
    **{sub: k for k, sub in _REMOTE_SUB.items()}, "Sexual violence": "sexual", "Attack": "kill",
    "Abduction/forced disappearance": "abduct", **{sub: k for k, sub in _SD_SUB.items()},
    "Non-violent transfer of territory": "withdraw",
}


def candidate_of(sent: Span, sub: str, trigger_i: int, *, when: date | None = None,
                 registry: ActorRegistry | None = None, country: str | None = None,
                 score: float = 0.5) -> EventCandidate | None:
    """An event of sub-type ``sub`` anchored on the token ``trigger_i``, with actors found the rules' way.

    Used where the sub-type model proposes an event the rules did not find: the family's conventions
    (who is actor1 of a protest, "Civilians (X)" as the victims of an attack, the registry's air actor)
    still come from the rules; only the sub-type is the model's (a territory sub-type is still decided
    by who took the place).
    """
    kind = KIND_OF_SUB.get(sub)
    if kind is None:
        return None
    reg = registry or ActorRegistry.default()
    country = country or infer_country(sent.text, reg) or _doc_country(sent, reg)
    tok = sent.doc[trigger_i]
    trig = _Trig(trigger_i, kind, tok.text, score, trigger_i + 1)
    fam = _FAMILY[kind]
    mentions = _mentions(sent, reg, when, country)
    cand = _type_family(fam, [trig], sent, mentions, country, [], lexicon(), reg, when, {fam: [trig]})
    if cand is None:
        return None
    if not (sub in ("Government regains territory", "Non-state actor overtakes territory")
            and cand.sub_event_type in ("Government regains territory", "Non-state actor overtakes territory")):
        cand = retype(cand, sub)
    cand.score = round(score, 3)
    return cand


def retype(cand: EventCandidate, sub: str) -> EventCandidate:
    """``cand`` as sub-type ``sub``: attribution, actors and trigger kept; type and disorder follow the sub-type.

    Protesters become rioters (and back) with the change between a demonstration and a riot, as ACLED names
    the crowd after what it did.
    """
    etype = _TYPE_OF[sub]
    actor1 = cand.actor1
    if actor1 is not None and etype != cand.event_type and actor1.inter in (5, 6) and etype in ("Riots", "Protests"):
        label, inter = ("Rioters", 5) if etype == "Riots" else ("Protesters", 6)
        country = actor1.country
        actor1 = ActorRef(text=actor1.text, name=f"{label} ({country})" if country else label, inter=inter,
                          country=country, resolved=actor1.resolved)
    disorder = "Political violence; Demonstrations" if sub == "Excessive force against protesters" else DISORDER[etype]
    return replace(cand, event_type=etype, sub_event_type=sub, disorder_type=disorder, actor1=actor1)
