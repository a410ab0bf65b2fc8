"""Which of ACLED's demonstration sub-types a protest sentence reports, read from who does what to whom.

ACLED's codebook separates the five demonstration sub-types by the conduct of the two sides, not by the
words that appear somewhere in the sentence:

- **Violent demonstration**: the demonstrators themselves engage in violence or destruction (clashes,
  stone-throwing, arson, storming, vandalism); a rioting group without a protest is **Mob violence**. A
  protest whose side killed or hurt police or soldiers is violent too.
- **Excessive force against protesters**: peaceful demonstrators met with lethal force or force causing
  serious injury (people killed, live fire, people shot or blinded), by state forces or anyone else.
- **Protest with intervention**: a peaceful protest physically dispersed or suppressed without serious
  injury: tear gas, water cannon, rubber bullets, batons, arrests, a forced break-up.
- **Peaceful protest**: neither.

Two things a bag of lemmas gets wrong and the parse gets right. First, a protest's *grievance* is not what
happened at it: "protested against the killing of a student by police" or "demanding the release of those
arrested" name a killing and arrests, but the protest itself was peaceful. Words inside the protest's
object, its "against/over/for" phrase, a demand or a denunciation, or the subject of "sparked" are left out.
Second, the *agent* decides: "police stormed the sit-in" is an intervention, "protesters stormed the
parliament" a violent demonstration; "protesters blocked the road" is the protest itself, "police blocked
the march" an intervention; "protesters dispersed peacefully" is no dispersal by force.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from frontlines.nlp.trigger_match import _PROTEST_WORDS, _lem

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Words whose phrase states the protest's grievance or demand, not its conduct.
_GRIEVANCE_HEADS = {"demand", "denounce", "condemn", "decry", "mourn", "commemorate", "call", "justice", "anger",
                    "outrage", "fury", "protest", "demonstrate", "rally", "march", "demonstration", "against",
                    "oppose", "seek", "urge", "honour", "honor", "remember", "slogan", "chant", "banner"}
_GRIEVANCE_PREPS = {"against", "over", "about", "for", "at", "following", "after", "of"}
_CAUSES = {"spark", "trigger", "prompt", "provoke", "fuel", "ignite", "cause", "follow"}

# State forces and other armed men, as the parse's words (the registry's mentions are checked too).
_FORCE_WORDS = {"police", "policeman", "policemen", "officer", "soldier", "troop", "army", "gendarme", "guard",
                "military", "force", "security", "agent", "trooper", "sniper", "gunman", "militia", "militiaman",
                "paramilitary", "commando", "carabinero", "marine", "personnel", "authority"}
_CROWD_WORDS = {"protester", "protestor", "demonstrator", "crowd", "marcher", "participant", "student", "youth",
                "rioter", "mob", "resident", "supporter", "worker", "activist", "villager", "people", "mourner",
                "man", "woman", "farmer", "teacher", "trader", "driver"}

_LETHAL = {"kill", "die", "dead", "death", "murder", "fatally", "massacre", "slay", "killing", "martyr"}
_HARM = {"wound", "injure", "hurt", "shoot", "blind", "maim"}
_SERIOUS = {"seriously", "critically", "gravely", "severely", "badly", "life", "eye", "hospitalise", "hospitalize"}
_LIVE = {"live", "ammunition", "bullet", "round", "gunfire", "birdshot", "pellet", "sniper"}
_LESS_LETHAL = {"rubber", "tear", "teargas", "plastic", "baton", "stun", "pepper", "water"}

# The demonstrators' own violence (the agent must not be the forces).
_VIOLENT_ACTS = {"throw", "hurl", "pelt", "burn", "torch", "storm", "attack", "vandalise", "vandalize", "smash",
                 "loot", "ransack", "stone", "molotov", "firebomb", "fight", "assault", "destroy", "damage",
                 "rampage", "vandalism", "arson", "stab", "lynch"}
_ALWAYS_VIOLENT = {"clash", "riot", "rioting", "stone-throwing", "vandalism", "arson", "rampage", "violent",
                   "violently", "molotov", "firebomb"}
_SYMBOLS = {"effigy", "flag", "picture", "portrait", "poster", "photo", "photograph", "copy", "image", "candle",
            "incense", "coffin", "banner", "ballot"}

# How forces physically stop a peaceful protest.
_INTERVENTION_ACTS = {"disperse", "arrest", "detain", "intervene", "suppress", "crackdown", "beat", "baton",
                      "teargas", "tear-gas", "remove", "evict", "storm", "attack", "block", "prevent", "charge",
                      "drag", "push", "break", "raid", "clear", "scuffle", "manhandle", "fire", "use", "spray"}
_INTERVENTION_TOOLS = {("tear", "gas"), ("water", "cannon"), ("rubber", "bullet"), ("rubber", "round"),
                       ("pepper", "spray"), ("stun", "grenade"), ("plastic", "bullet"), ("baton", "charge")}


def protest_subtype(sent: Span, riot: bool, mentions: Sequence) -> str:
    """The demonstration sub-type of ``sent`` (module docstring), ``riot`` when a riot trigger was found."""
    grievance = _grievance(sent)
    toks = [t for t in sent if t.i not in grievance]
    lemmas = {_lem(t) for t in sent}
    protest = bool(lemmas & _PROTEST_WORDS)
    if riot or _demonstrators_violent(toks, mentions) or _forces_hurt(toks, mentions):
        return "Violent demonstration" if protest else "Mob violence"
    if _serious_harm(toks, mentions):
        return "Excessive force against protesters"
    if _intervened(toks, mentions, lemmas):
        return "Protest with intervention"
    return "Peaceful protest"


def _grievance(sent: Span) -> set[int]:
    """Token indices inside what the protest is about: "against the killing of X", "demanding the release of
    those arrested", "the death of a student sparked protests"."""
    out: set[int] = set()
    for t in sent:
        lem = _lem(t)
        if lem in _GRIEVANCE_HEADS:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in _GRIEVANCE_PREPS or c.dep_ in ("dobj", "pobj") or (c.dep_ in ("xcomp", "ccomp") and _lem(c) in _GRIEVANCE_HEADS):
                    out.update(x.i for x in c.subtree)
            if lem == "against" and t.dep_ == "prep":
                out.update(x.i for x in t.subtree)
        if lem in _CAUSES and t.pos_ == "VERB":
            for c in t.children:
                if c.dep_ in ("nsubj", "dobj" if lem == "follow" else "nsubj"):
                    out.update(x.i for x in c.subtree)
    return out


def _is_force(t: Token, mentions: Sequence) -> bool:
    """A token naming state forces or armed men: the registry's mention, else the word itself."""
    for m in mentions:
        if m.start <= t.i < m.end:
            return m.ref.inter in (1, 2, 3, 4, 8)
    return _lem(t) in _FORCE_WORDS or any(c.dep_ == "compound" and _lem(c) in _FORCE_WORDS for c in t.children)


def _agent(t: Token) -> Token | None:
    """Who does ``t``: its subject, the passive's "by" phrase, or the subject of the verb it is conjoined to."""
    cur = t
    for _ in range(3):
        for c in cur.children:
            if c.dep_ == "nsubj":
                return c
            if c.dep_ == "agent":
                return next((x for x in c.children if x.dep_ == "pobj"), None)
        if cur.dep_ in ("conj", "xcomp", "advcl") and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    if t.dep_ in ("acl", "relcl", "amod") and t.head.i != t.i:
        return t.head
    return None


def _patients(t: Token) -> list[Token]:
    out = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
    if _lem(t) in ("die", "dead") or t.dep_ in ("acomp", "oprd"):
        out += [c for c in t.children if c.dep_ == "nsubj"]
    if t.dep_ in ("acl", "amod") and t.head.pos_ in ("NOUN", "PROPN"):
        out.append(t.head)
    return out


def _demonstrators_violent(toks: list[Token], mentions: Sequence) -> bool:
    for t in toks:
        lem = _lem(t)
        if lem in _ALWAYS_VIOLENT and not (lem in ("riot",) and t.dep_ == "compound"):
            return True
        if lem == "set" and any(_lem(c) in ("fire", "ablaze", "alight") for c in t.subtree):
            lem = "burn"
        if lem not in _VIOLENT_ACTS:
            continue
        if lem in ("burn", "torch") and any(_lem(c) in _SYMBOLS for c in t.children if c.dep_ in ("dobj",
                                                                                                  "nsubjpass")):
            continue  # burning effigies and flags is a symbolic act of a peaceful protest
        agent = _agent(t)
        if agent is not None and _is_force(agent, mentions):
            continue
        if lem in ("attack", "storm", "fight", "assault", "stab") and agent is None:
            continue  # "protesters were attacked": who did it is unsaid; the harm rules decide
        return True
    return False


def _forces_hurt(toks: list[Token], mentions: Sequence) -> bool:
    """A policeman or soldier killed or wounded at a protest: the demonstrators were violent."""
    for t in toks:
        if _lem(t) in _LETHAL | _HARM:
            agent = _agent(t)
            if agent is not None and _is_force(agent, mentions):
                continue
            if any(_is_force(p, mentions) and _lem(p) not in ("force", "security") for p in _patients(t)):
                return True
    return False


def _serious_harm(toks: list[Token], mentions: Sequence) -> bool:
    """People at the protest killed, shot with live fire or seriously hurt: the codebook's excessive force."""
    lemmas = {_lem(t) for t in toks}
    less_lethal = bool(lemmas & _LESS_LETHAL)
    for t in toks:
        lem = _lem(t)
        if lem in _LETHAL:
            return True
        if lem in _HARM:
            near = {_lem(x) for x in t.subtree} | {_lem(x) for x in t.head.subtree if x.dep_ == "advmod"}
            if near & _SERIOUS:
                return True
            if lem == "shoot" and (lemmas & _LIVE or not less_lethal):
                return True
        if lem == "fire" and any(_lem(x) in ("live", "ammunition") for x in t.subtree):
            return True
    return False


def _intervened(toks: list[Token], mentions: Sequence, lemmas: set[str]) -> bool:
    """Forces dispersed, arrested, beat or blocked the demonstrators, or used crowd-control weapons on them."""
    words = [_lem(t) for t in toks]
    if any((a, b) in _INTERVENTION_TOOLS for a, b in zip(words, words[1:], strict=False)):
        return True
    for t in toks:
        lem = _lem(t)
        if lem in ("teargas", "tear-gas", "crackdown") or (lem == "arrest" and t.pos_ == "NOUN"):
            return True
        if lem not in _INTERVENTION_ACTS or lem in ("fire", "use", "spray"):
            continue
        if lem == "break" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in t.children):
            continue
        agent = _agent(t)
        if agent is not None and _is_force(agent, mentions):
            return True
        if lem in ("disperse", "arrest", "detain", "beat", "suppress", "intervene") and (
            agent is None and any(c.dep_ in ("nsubjpass", "dobj", "auxpass") for c in t.children)
            or agent is not None and lem in ("arrest", "detain", "intervene", "suppress")
        ):
            return True
    return False
