"""ACLED's event taxonomy as the rule typer uses it: sub-types in precedence order, families, and the
records a sentence's detection produces.

WHY a module of its own: every stage of detection (trigger matching, the reality
filter, actor roles, typing) reads these tables, and none of them may import
another stage to get them; keeping them at the bottom keeps the stages a
one-way chain (taxonomy → trigger_match → reality → roles → events).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from frontlines.mention import ActorRef

if TYPE_CHECKING:
    pass


# ACLED's 6 types and 25 sub-types in codebook precedence order, plus the
# frontlines extension type Displacement (filter it out for strict ACLED output).
SUBTYPES: list[tuple[str, str]] = [
    ("Battles", "Government regains territory"),
    ("Battles", "Non-state actor overtakes territory"),
    ("Battles", "Armed clash"),
    ("Protests", "Excessive force against protesters"),
    ("Protests", "Protest with intervention"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"),
    ("Riots", "Mob violence"),
    ("Explosions/Remote violence", "Chemical weapon"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Suicide bomb"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Explosions/Remote violence", "Grenade"),
    ("Violence against civilians", "Sexual violence"),
    ("Violence against civilians", "Attack"),
    ("Violence against civilians", "Abduction/forced disappearance"),
    ("Strategic developments", "Agreement"),
    ("Strategic developments", "Arrests"),
    ("Strategic developments", "Change to group/activity"),
    ("Strategic developments", "Disrupted weapons use"),
    ("Strategic developments", "Headquarters or base established"),
    ("Strategic developments", "Looting/property destruction"),
    ("Strategic developments", "Non-violent transfer of territory"),
    ("Strategic developments", "Other"),
    ("Displacement", "Displacement"),
]


# The same table grouped by type, ACLED's 25 sub-types only (no frontlines extension types).
ACLED_SUBTYPES: dict[str, list[str]] = {}
for _type, _sub in SUBTYPES:
    if _type != "Displacement":
        ACLED_SUBTYPES.setdefault(_type, []).append(_sub)
_RANK = {sub: i for i, (_, sub) in enumerate(SUBTYPES)}


_TYPE_OF = {sub: t for t, sub in SUBTYPES}


DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
    "Displacement": "Displacement",
}


_REMOTE_ORDER = ["chemical", "air", "suicide", "shelling", "ied", "grenade"]


_REMOTE_SUB = {
    "chemical": "Chemical weapon",
    "air": "Air/drone strike",
    "suicide": "Suicide bomb",
    "shelling": "Shelling/artillery/missile attack",
    "ied": "Remote explosive/landmine/IED",
    "grenade": "Grenade",
}


_SD_SUB = {
    "agreement": "Agreement",
    "arrest": "Arrests",
    "group_change": "Change to group/activity",
    "disrupted": "Disrupted weapons use",
    "base": "Headquarters or base established",
    "loot": "Looting/property destruction",
    "withdraw": "Non-violent transfer of territory",
    "movement": "Other",
}


_FAMILY = {
    "capture": "battle",
    "clash": "battle",
    "withdraw": "withdraw",
    **{k: "remote" for k in _REMOTE_ORDER},
    "kill": "kill",
    "abduct": "abduct",
    "sexual": "sexual",
    "protest": "protest",
    "riot": "protest",
    "displacement": "displacement",
    **{k: k for k in ("agreement", "arrest", "group_change", "disrupted", "base", "loot", "movement")},
}


_VIOLENT = {"battle", "remote", "kill", "protest", "abduct", "sexual"}


_ARMED = {1, 2, 3, 4, 8}


_PLACE_NOUNS = {
    "village", "town", "city", "district", "neighborhood", "neighbourhood", "area", "hill", "base", "airbase",
    "airport", "position", "checkpoint", "region", "territory", "province", "governorate", "outskirt",
    "mountain", "road", "highway", "bridge", "dam", "field", "oilfield", "camp", "quarter", "suburb", "farm",
    "point", "post", "outpost", "site", "locality", "crossing", "height", "valley", "island", "port", "street",
    "hamlet", "headquarters", "school", "factory", "station", "building", "compound", "garrison", "barracks",
    "front", "frontline", "stronghold", "pocket", "enclave", "portion", "part", "section", "countryside",
}


_DENIAL_HEADS = {"deny", "reject", "refute", "dismiss"}


_AIR_WORDS = {"warplane", "jet", "helicopter", "drone", "aircraft", "airstrike", "air", "aviation", "sortie",
              "plane", "airplane", "aerial", "airpower",
              "raid", "bomber", "apache", "f-16", "su-24", "mig", "uav"}


_MUNITIONS = {"shell", "rocket", "mortar", "missile", "projectile", "bomb", "katyusha", "grad", "round"}


_WEAPON_OBJECT_VERBS = {"defuse", "dismantle", "intercept", "disarm", "discover", "find", "seize", "confiscate",
                        "uncover", "neutralize", "neutralise", "shoot", "down", "destroy", "detonate", "remove",
                        "clear", "recover", "locate", "foil", "thwart"}


_NONVIOLENT_CAPTURE = re.compile(
    r"\b(without (?:any )?(?:a )?(?:fight|fighting|clash|clashes|resistance|battle|confrontation)s?|peacefully|"
    r"handed over|handover|hand over|after (?:the )?\w+(?: \w+)? (?:withdrew|withdrawal|retreated|pulled out)|"
    r"withdr[ae]w\w*|evacuat\w+|deployed|entered .* following an agreement|as part of an? (?:agreement|deal)|"
    r"left (?:the|their|its|his) \w+|vacat\w+|pull(?:ed|s)? (?:out|back)|pullout|abandon\w*|unopposed|without (?:a|any) shot|"
    r"without firing|under (?:\w+ ){0,3}(?:deal|agreement|arrangement|accord|ceasefire|truce|plan)|"
    r"in accordance with|after talks|mediat\w+|negotiat\w+)\b",
    re.IGNORECASE,
)


_BRIEF_CONTROL = re.compile(
    r"\b(briefly|temporarily|for (?:a few|several|some) hours|before (?:being|they were) (?:repelled|pushed back|"
    r"expelled|driven out|forced)|before withdrawing|before retreating|later (?:withdrew|retreated|lost)|"
    r"attempt\w*|tried|failed|fail)\b",
    re.IGNORECASE,
)


# Killing verbs that say how, so that a killing with no named perpetrator is still an attack.
_KILLING_METHODS = {"shoot", "execute", "execution", "behead", "beheading", "stab", "assassinate", "assassination",
                    "murder", "massacre", "slaughter", "snipe", "sniper", "gun", "lynch", "strangle", "torture",
                    "shooting", "beat"}


# Words that describe a battle only when no weapon says otherwise ("regime forces targeted X with shells").
_WEAK_BATTLE = {"target", "attack", "raid", "advance", "assault", "offensive", "push", "storming", "incursion",
                "besiege", "siege", "encircle", "thwart", "foil", "repel", "repulse", "infiltrate", "infiltration",
                "engage", "hit", "bombard", "counterattack", "counter-attack", "confront", "confrontation"}


_PRONOUNS = {"they", "it", "he", "she", "we", "them", "who", "which", "that", "i", "its", "their"}


@dataclass
class EventCandidate:
    """One event a sentence reports, typed the ACLED way, before claims, dates, places and counts join it."""

    trigger_i: int  # doc-level token index of the main trigger
    trigger: str
    event_type: str
    sub_event_type: str
    disorder_type: str
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    assoc_actor_1: list[ActorRef] = field(default_factory=list)
    assoc_actor_2: list[ActorRef] = field(default_factory=list)
    score: float = 0.5
    trigger_is: list[int] = field(default_factory=list)  # all trigger tokens merged into this event

    @property
    def civilian_targeting(self) -> bool:
        return bool(self.actor2 and self.actor2.inter == 7)


@dataclass
class _Trig:
    i: int  # doc index of the head token of the match
    kind: str
    text: str
    weight: float
    end: int  # doc index one past the last token
    background: bool = False  # an event noun in a temporal phrase ("during the offensive")


@dataclass
class _Mention:
    start: int  # doc token range
    end: int
    ref: ActorRef
    generic: bool = False  # a bare role word ("warplanes", "soldiers")
    member: _Mention | None = None  # for a joint actor ("Syrian or Russian"), a member the sentence names

    @property
    def armed(self) -> bool:
        return self.ref.inter in _ARMED


def territory_subtype(actor1: ActorRef | None, country: str | None = None, *, fighting: bool = True) -> str:
    """ACLED's territory rule for a capture by ``actor1``.

    State forces of the country where it happens (inter 1 after the registry
    turned foreign state forces into inter 8) regain territory; anyone else
    overtakes it; a takeover without fighting is a non-violent transfer.
    """
    if not fighting:
        return "Non-violent transfer of territory"
    if actor1 is not None and actor1.inter == 1 and (country is None or actor1.country in (None, country)):
        return "Government regains territory"
    if actor1 is not None and actor1.inter == 3 and "pro-government" in actor1.name.lower():
        return "Government regains territory"
    return "Non-state actor overtakes territory"


def primary_event(cands: list[EventCandidate]) -> EventCandidate | None:
    """The sentence's (or note's) main event: ACLED precedence first, then confidence."""
    if not cands:
        return None
    return min(cands, key=lambda c: (_RANK.get(c.sub_event_type, 99), -c.score, c.trigger_i))
