"""Crime: police work against ordinary crime (drugs, smuggling, theft, fraud, poaching) is no ACLED event.

WHY: ACLED's codebook codes arrests where they are political (protesters, activists, opposition figures,
members of armed groups) and seizures where they disrupt weapons use (arms caches, explosives); a drug
haul, a raid on a fraud centre or the arrest of a gang of car thieves is criminal justice with no political
actor or purpose, and is not coded. The rules read "police seized 8 tonnes of cocaine" as a territory
change ("seized"), "raided 27 properties" as an air raid and "dismantled a cocaine lab" as disrupted weapons
use, because those are the conflict lexicon's words.

The reading is of the sentence, by meaning, never of particular sentences:

- a **seizure of goods**: what was seized, intercepted, found or destroyed is contraband (drugs, ivory,
  abalone, counterfeit goods; a boat or a truck *carrying* them), not a place, a base or a weapon;
- **police work over a crime**: an arrest, a raid or a dismantling in a sentence whose only grounds are
  ordinary crimes or criminals (smuggling, trafficking, theft, fraud; smugglers, thieves, a fraud ring).

Nothing here applies where the sentence names anything political or armed: weapons, explosives or
ammunition (seizing them is ACLED's Disrupted weapons use), militants, rebels, terrorism, a protest, an
activist, a journalist, an opposition figure, or an armed group the registry knows. ``crime_work`` returns
True where the trigger is such police work; the reality filter (``reality``) sets it aside with the reason
"crime".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from frontlines.nlp.trigger_match import _lem

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Goods a crime trades in.
CONTRABAND = frozenset({
    "cocaine", "heroin", "hashish", "cannabis", "marijuana", "methamphetamine", "meth", "amphetamine", "captagon",
    "fentanyl", "opium", "tramadol", "yaba", "ecstasy", "mephedrone", "drug", "narcotic", "pill", "tablet",
    "ketamine", "ice", "paste", "resin", "ivory", "pangolin", "abalone", "rhino", "horn", "timber", "counterfeit",
    "cigarette", "tobacco", "contraband", "precursor",
})
# Ordinary crimes and their doers.
CRIMES = frozenset({
    "smuggling", "smuggle", "trafficking", "traffick", "theft", "robbery", "burglary", "fraud", "scam", "extortion",
    "poaching", "counterfeiting", "forgery", "forge", "laundering", "launder", "cybercrime", "bribery",
    "embezzlement", "racketeering", "steal", "rob", "swindle",
})
CRIMINALS = frozenset({"smuggler", "trafficker", "dealer", "thief", "robber", "burglar", "fraudster", "poacher",
                       "counterfeiter", "pickpocket", "scammer", "racketeer", "mafia", "ring", "syndicate"})
# What makes it political or armed: then ACLED may code it, and this reading stays out.
POLITICAL_CUES = frozenset({
    "weapon", "arm", "arms", "ammunition", "explosive", "rifle", "gun", "grenade", "rocket", "missile", "mortar",
    "bomb", "ied", "drone", "militant", "rebel", "insurgent", "terrorist", "terrorism", "terror", "jihadist",
    "militia", "protest", "protester", "demonstrator", "demonstration", "activist", "journalist", "opposition",
    "dissident", "politician", "lawmaker", "candidate", "party", "extremist", "insurgency", "fighter", "army",
    "soldier", "military", "spy", "espionage", "treason", "sedition", "coup",
})
_SEIZING = frozenset({"seize", "confiscate", "intercept", "find", "recover", "destroy", "burn", "capture", "take",
                      "dismantle", "bust", "raid", "impound", "haul"})
_KINDS = frozenset({"arrest", "capture", "disrupted", "air", "loot", "withdraw"})


def crime_work(tok: Token, sent: Span, kind: str | None = None) -> bool:
    """Whether the trigger at ``tok`` (of lexicon kind ``kind``) is police work against ordinary crime."""
    if kind is not None and kind not in _KINDS:
        return False
    if kind == "air" and _lem(tok) not in ("raid", "bust"):
        return False  # an air strike is an air strike; only "raided" is a police word
    if _political(sent):
        return False
    if _lem(tok) in _SEIZING and _goods(tok):
        return True
    return kind in ("arrest", "air", "disrupted") and _grounds(sent)


def _is(t: Token, words: frozenset[str]) -> bool:
    low = t.lower_
    return _lem(t) in words or low in words or (low.endswith("s") and low[:-1] in words)


def _political(sent: Span) -> bool:
    if any(_is(t, POLITICAL_CUES) for t in sent):
        return True
    from frontlines.nlp.hazard import _armed_groups

    return bool(_armed_groups(sent.text))


def _goods(v: Token) -> bool:
    """What the verb seized is contraband, or a vehicle, a lab or a farm of it ("8 tonnes of cocaine", "a
    semi-submersible carrying cocaine", "a cocaine lab")."""
    objects = [c for c in v.children if c.dep_ in ("dobj", "nsubjpass")]
    if not objects and v.dep_ in ("acl", "relcl") and v.head.pos_ in ("NOUN", "PROPN"):
        objects = [v.head]
    return bool(objects) and all(any(_is(x, CONTRABAND) for x in o.subtree) for o in objects)


def _grounds(sent: Span) -> bool:
    """The sentence's grounds are an ordinary crime: its contraband, its crime or its criminals."""
    return any(_is(t, CONTRABAND) or _is(t, CRIMES) or _is(t, CRIMINALS) for t in sent)


__all__ = ["CONTRABAND", "CRIMES", "CRIMINALS", "POLITICAL_CUES", "crime_work"]
