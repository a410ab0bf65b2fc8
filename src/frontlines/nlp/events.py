"""Event detection and ACLED typing for one parsed sentence.

The mechanism is general rather than sentence-specific, in four steps:

1. **Triggers.** Words and phrases from the lexicon (``data/triggers.yaml``)
   are matched on lemmas and checked against their syntax ("take" is a capture
   only with a place as its object; "strike" is an air strike unless workers
   are on strike).
2. **Reality filter.** Negated, habitual ("facing regular airstrikes"),
   hypothetical ("threatened to attack") and anaphoric ("this advance")
   triggers are dropped: ACLED codes events that happened, not commentary.
3. **Grouping.** The triggers of one sentence that describe one happening are
   merged by family (a battle, a remote-violence attack, a protest…). Killing
   and wounding are outcomes that attach to the attack that caused them.
4. **Typing.** The family, the instruments and the *actor types* from the
   registry decide the sub-type: a capture by the state's own forces is
   "Government regains territory", by anyone else "Non-state actor overtakes
   territory"; a killing of civilians is an Attack, of fighters an Armed clash.
   Agent and patient come from the dependency parse (nsubj, dobj, passive
   agents, "between A and B", compounds such as "coalition airstrikes").

ACLED's precedence (the order of ``SUBTYPES``) picks the sub-type when one
happening fits several, and ``primary_event`` picks a sentence's main event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from frontlines.mention import ActorRef
from frontlines.nlp.actors import ActorRegistry, infer_country
from frontlines.nlp.triggers import TriggerLexicon, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["DISORDER", "SUBTYPES", "EventCandidate", "TriggerReading", "candidate_of", "detect_events", "primary_event",
           "retype", "territory_subtype", "trigger_readings", "trigger_roles"]

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
_PROTEST_INTERVENTION = {"disperse", "tear", "teargas", "arrest", "detain", "intervene", "water", "rubber",
                         "break", "beat", "suppress", "prevent", "block", "baton", "pepper", "stun"}
_PROTEST_VIOLENT = {"clash", "throw", "hurl", "burn", "torch", "storm", "attack", "vandalise", "vandalize",
                    "stone", "rock", "molotov", "riot", "smash", "set", "block", "loot", "fight"}
_NONVIOLENT_CAPTURE = re.compile(
    r"\b(without (?:any )?(?:a )?(?:fight|fighting|clash|clashes|resistance|battle|confrontation)s?|peacefully|"
    r"handed over|handover|hand over|after (?:the )?\w+(?: \w+)? (?:withdrew|withdrawal|retreated|pulled out)|"
    r"withdrew|withdrawal|evacuat\w+|deployed|entered .* following an agreement|as part of an? (?:agreement|deal))\b",
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
    multi, single = _phrase_table(lex)
    # Only phrases whose every word occurs in the sentence can match; the order (longest first) is kept.
    for n, p, kind in (x for x in multi if all(w in words for w in x[1])):
        for j in range(len(toks) - n + 1):
            if any(j + m in covered for m in range(n)):
                continue
            if all(lemmas[j + m] == p[m] or lowers[j + m] == p[m] for m in range(n)):
                span = sent[j : j + n]
                head = span.root
                out.append(_Trig(head.i, kind.name, span.text, kind.weight, sent.start + j + n))
                covered.update(range(j, j + n))
    for j, t in enumerate(toks):
        if j in covered or t.pos_ in ("ADP", "DET", "PRON", "PUNCT", "NUM", "AUX", "CCONJ"):
            continue
        forms = {lemmas[j], lowers[j], _base_form(lowers[j])}
        kinds = [k for k in lex.kinds.values() if forms & k.lemmas]
        for k in lex.kinds.values():
            if k.verbs and lemmas[j] in k.verbs and any(
                c.dep_ in ("dobj", "nsubjpass") and _lem(c) in k.objects for c in t.children
            ):
                kinds.append(k)
        for kind in kinds:
            out.append(_Trig(t.i, kind.name, t.text, kind.weight, t.i + 1))
    # single-word phrases ("take", "enter", "overran") are listed as phrases of length 1
    for k, p in single:
        if p[0] not in words:
            continue
        for j, t in enumerate(toks):
            if j not in covered and (lemmas[j] == p[0] or lowers[j] == p[0]) and t.pos_ in ("VERB", "NOUN"):
                out.append(_Trig(t.i, k.name, t.text, k.weight * 0.9, t.i + 1))
    return out


_PHRASE_TABLES: dict[int, tuple[TriggerLexicon, list, list]] = {}


def _phrase_table(lex: TriggerLexicon) -> tuple[list, list]:
    """Multi-word phrases (longest first) and one-word phrases of a lexicon, computed once per lexicon.

    Sorting every kind's phrases for every sentence was the extraction hot spot.
    """
    hit = _PHRASE_TABLES.get(id(lex))
    if hit is None or hit[0] is not lex:
        multi = sorted(
            ((len(p), p, k) for k in lex.kinds.values() for p in k.phrases if len(p) > 1), key=lambda x: -x[0]
        )
        single = [(k, p) for k in lex.kinds.values() for p in k.phrases if len(p) == 1]
        hit = (lex, multi, single)
        _PHRASE_TABLES[id(lex)] = hit
    return hit[1], hit[2]


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
    if tr.kind == "protest" and lem in ("gather", "gathering", "march", "boycott") and "front" not in {
        x.lower_ for x in sent
    } and not any(_lem(x) in ("protest", "demonstrate", "demand", "denounce", "condemn", "against", "support",
                               "solidarity", "call", "chant", "slogan", "commemorate", "mourn", "ask", "request",
                               "outside", "sit", "object", "oppose", "suppress", "disperse") for x in sent):
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
    if tr.kind == "chemical" and _CROWD_CONTROL.search(sent.text) and not re.search(
        r"\b(?:chlorine|sarin|chemical|mustard|nerve agent|toxic gas)", sent.text, re.IGNORECASE
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


def _not_real(t: Token, lex: TriggerLexicon, sent: Span) -> str | None:
    """Why a trigger does not report a real, specific event (or None when it does)."""
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
_KILL_VERBS = {"kill", "die", "dead", "claim", "death", "killing"}


def _cumulative_toll(t: Token) -> bool:
    """ "The war has killed 300,000", "killed since the conflict began": a war's running toll, not an event."""
    if _lem(t) not in _KILL_VERBS or t.pos_ not in ("VERB", "AUX", "ADJ"):
        return False
    agents = [c for c in t.children if c.dep_ == "nsubj"]
    agents += [x for c in t.children if c.dep_ == "agent" for x in c.children if x.dep_ == "pobj"]
    agents += _relative_antecedent(t)[:1]
    if any(_lem(a) in _WARS and not any(c.dep_ == "det" and c.lower_ in ("this", "these") for c in a.children)
           for a in agents):
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
    # "the war, which began with (the repression of) protests": how a war started is its history
    cur = t
    for _ in range(5):
        if cur.dep_ == "prep" and cur.lower_ in ("with", "by", "as") and _lem(cur.head) in _ORIGIN_VERBS:
            return True
        if cur.head.i == cur.i or cur.dep_ not in ("pobj", "prep", "compound", "amod"):
            return False
        cur = cur.head
    return False


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


# ------------------------------------------------------------------------------ actors
def _mentions(sent: Span, registry: ActorRegistry, when: date | None, country: str | None) -> list[_Mention]:
    out = []
    for s, e, ref in registry.find(sent.text, when=when, country=country):
        span = sent.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        generic = registry.is_generic(ref)
        root = span.root
        modifier = root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ in ("NOUN", "PROPN")
        # "military camp", "army base": a role word modifying a thing is not an actor; modifying a body of
        # fighters it is one ("the rebel and Islamic factions")
        if generic and modifier and not registry.is_generic(ActorRef(text=root.head.text, name="")) \
                and root.head.lemma_.lower() not in _GROUP_NOUNS:
            continue
        out.append(_Mention(span.start, span.end, ref, generic))
    for m in out:
        # the head noun of the joint phrase itself ("Syrian and Russian | forces") identifies nobody
        others = [x for x in out if x is not m and not (x.generic and x.start == m.end)]
        member = registry.identified_member(m.ref, [x.ref for x in others])
        if member is not None:
            m.member = next(x for x in others if x.ref.name == member.name)
    return out


def _in(m: _Mention, tok: Token) -> bool:
    return tok.left_edge.i <= m.start and m.end <= tok.right_edge.i + 1


def _mention_for(tok: Token, mentions: list[_Mention]) -> _Mention | None:
    """The actor mention heading the phrase of ``tok``: the one containing tok, else the nearest inside its subtree."""
    inside = [m for m in mentions if _in(m, tok)]
    for m in mentions:
        if m.start <= tok.i < m.end:
            # "Warplanes, likely regime or Russian": a named actor in the phrase beats the bare role word
            if m.generic:
                # only what describes the phrase itself: "Warplanes, likely regime or Russian", not its conjuncts
                own = [c for c in tok.children if c.dep_ in ("appos", "amod", "compound", "nmod", "acl", "relcl")]
                # a name among its pre-modifiers counts too ("Islamist | faction | fighters")
                named = [x for x in inside if not x.generic and (
                    any(_in(x, c) for c in own) or (x.end <= tok.i and all(
                        doc_t.head.i == tok.i or doc_t.head.i in range(x.start, x.end)
                        for doc_t in tok.doc[x.start : x.end])))]
                if named:
                    return min(named, key=lambda x: x.start)
            return m
    if not inside:
        return None
    # prefer mentions not buried in a relative clause or a prepositional tail
    return min(inside, key=lambda m: (not m.ref.resolved, abs(m.start - tok.i)))


def _roles(t: Token) -> tuple[list[Token], list[Token]]:
    """Agent-side and patient-side phrase heads for a trigger, from the dependency parse."""
    agents, patients = _raw_roles(t)
    # "between regime forces and allied militias against Jaysh al-Islam": the conjuncts fight together
    scope = [t, t.head] if t.pos_ in ("NOUN", "PROPN") else [t]
    scope += [c for s in list(scope) for c in s.children if c.dep_ == "dobj"]
    scope += [y for p in agents + patients for y in (p, *p.children) if y.dep_ in ("conj", "pobj", "nsubj", "dobj")]
    against = [x for s in scope for c in s.children if c.dep_ == "prep" and c.lower_ == "against"
               for x in c.children if x.dep_ == "pobj"]
    if against:
        allies = [p for p in patients if p.dep_ == "conj" and p.head in agents]
        agents = agents + allies
        patients = [p for p in patients if p not in allies] + [a for a in against if a not in patients]
    return agents, patients


def _raw_roles(t: Token) -> tuple[list[Token], list[Token]]:
    agents: list[Token] = []
    patients: list[Token] = []
    gov = t
    if t.pos_ in ("NOUN", "PROPN", "ADJ") or t.dep_ in ("compound", "amod"):
        for c in t.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < t.i:
                agents.append(c)
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                agents.extend(x for x in c.children if x.dep_ == "pobj")
            if c.dep_ == "prep" and c.lower_ in ("between", "among"):
                for x in c.children:
                    if x.dep_ == "pobj":
                        agents.append(x)
                        patients.extend(y for y in x.children if y.dep_ == "conj")
            if c.dep_ == "prep" and c.lower_ in ("on", "against", "targeting", "with", "at", "upon"):
                patients.extend(x for x in c.children if x.dep_ == "pobj")
        if t.dep_ in ("compound", "amod") and t.head.pos_ == "NOUN":
            # "coalition airstrike raids": the head noun carries the roles
            a2, p2 = _roles(t.head)
            agents += a2
            patients += p2
        gov = t.head if t.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr", "conj", "appos") else t
        if t.dep_ == "pobj" and gov.dep_ == "prep" and gov.head.pos_ in ("VERB", "AUX") and not agents:
            # "hit their positions with Katyusha missiles": the verb's subject used the weapon
            verb_agents, _ = _roles(gov.head)
            agents.extend(verb_agents)
        if gov.i != t.i and gov.pos_ in ("VERB", "AUX"):
            if t.dep_ == "dobj":
                verb_agents, _ = _roles(gov)
                agents.extend(verb_agents)
                for c in gov.children:
                    if c.dep_ == "prep" and c.lower_ in ("on", "against", "targeting", "at", "upon", "with"):
                        patients.extend(x for x in c.children if x.dep_ == "pobj")
            elif t.dep_ in ("nsubj", "nsubjpass"):
                light = _lem(gov) in ("take", "break", "erupt", "occur", "happen", "continue", "rage", "flare")
                objs = [c for c in gov.children if c.dep_ == "dobj"]
                if not light:
                    patients.extend(objs)
                # "Clashes took place between A and B": the preposition may hang on "place"
                preps = list(gov.children) + [c for o in objs for c in o.children]
                for c in preps:
                    if c.dep_ == "prep" and c.lower_ in _ROLE_PREPS:
                        _prep_roles(c, agents, patients)
            elif t.dep_ == "pobj" and gov.dep_ == "prep":
                pass
        return agents, patients
    # verbs
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
    for c in t.children:
        if c.dep_ == "nsubj" and not passive:
            agents.append(c)
        elif c.dep_ == "agent":
            agents.extend(x for x in c.children if x.dep_ == "pobj")
        elif c.dep_ == "nsubjpass" or (c.dep_ in ("dobj", "attr") and not passive):
            patients.append(c)
        elif c.dep_ == "prep" and c.lower_ in _ROLE_PREPS:
            _prep_roles(c, agents, patients)
    if not agents and not passive:
        # control and coordination: "claimed to have captured", "shelled X and killed Y", "..., killing 3"
        cur = t
        for _ in range(3):
            if cur.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acl", "pcomp", "relcl") and cur.head.i != cur.i:
                cur = cur.head
                if cur.dep_ == "prep":
                    cur = cur.head
                subj = [c for c in cur.children if c.dep_ in ("nsubj",)]
                if cur.dep_ == "relcl" and not subj:
                    agents.append(cur.head)
                    break
                if subj:
                    agents.extend(subj)
                    break
            else:
                break
    return agents, patients


def _expand_conj(toks: list[Token]) -> list[Token]:
    out = []
    for t in toks:
        out.append(t)
        out.extend(c for c in t.children if c.dep_ == "conj")
    return out


# ------------------------------------------------------------------------------ typing
def detect_events(
    sent: Span,
    *,
    when: date | None = None,
    registry: ActorRegistry | None = None,
    country: str | None = None,
    context_actors: list[ActorRef] | None = None,
) -> list[EventCandidate]:
    """Events reported as having happened in ``sent``, typed the ACLED way ([] for none).

    ``when`` picks dated actor names (the Nusra Front in Nov 2016 is Jabhat
    Fateh al-Sham); ``country`` (a geocoding hint) resolves "government
    forces", "the coalition", "gunmen"; ``context_actors`` are actors from the
    preceding sentences, used when the agent is a pronoun or an event noun
    ("The advance took Hanano").
    """
    lex = lexicon()
    reg = registry or ActorRegistry.default()
    country = country or infer_country(sent.text, reg) or _doc_country(sent, reg)
    context_actors = list(context_actors or [])
    trigs = _match_triggers(sent, lex)
    heading = _heading_kind(sent, lex)
    # the verb "strike" is an air strike or a labour strike only after disambiguation: it says nothing yet
    kinds_present = {t.kind for t in trigs if not (t.kind in ("air", "protest") and _lem(sent.doc[t.i]) == "strike"
                                                  and sent.doc[t.i].pos_ == "VERB")}
    kept: list[_Trig] = []
    unreal: list[_Trig] = []
    for tr in trigs:
        kind = _disambiguate(tr, sent, kinds_present)
        if kind is None:
            continue
        tr.kind = kind
        tok = sent.doc[tr.i]
        why = _not_real(tok, lex, sent) or ("past" if _holding_since(tr, tok) else None)
        if why:
            if why != "negated" and _FAMILY[kind] in ("remote", "battle"):
                unreal.append(tr)
            continue
        tr.background = _background(tok)
        kept.append(tr)
    if unreal and any(t.kind == "kill" for t in kept):
        # "would condemn the chemical weapons attack, which killed 1,400": the killing is reported as fact, so
        # the weapon that did it is too, whatever frames the noun that names it
        kept += _lethal_links(sent, [t for t in kept if t.kind == "kill"], unreal)
    if heading:
        # the note's own label names the activity; violent words in it are its object ("Defusal: ... IEDs")
        anchor = kept[0] if kept else _Trig(sent.start, heading, sent[0].text, 0.9, sent.start + 1)
        kept = [_Trig(anchor.i, heading, anchor.text, 0.9, anchor.end)]
    if not kept:
        return []
    mentions = _mentions(sent, reg, when, country)
    kept = _weapons_as_objects(kept, sent)
    families: dict[str, list[_Trig]] = {}
    for tr in kept:
        families.setdefault(_FAMILY[tr.kind], []).append(tr)
    # "during the offensive", "amid clashes": background, unless something (a killing) happened in it
    if "kill" not in families:
        families = {f: trs for f, trs in families.items() if not all(t.background for t in trs)}
    # outcomes (kill, wound) and property damage belong to the attack that caused them
    executions = [t for t in families.get("kill", []) if _execution(sent.doc[t.i])]
    if "kill" in families and families.keys() & {"battle", "remote", "protest"}:
        # an execution is its own event, not the toll of the fighting it follows ("executed 24 after seizing X")
        if executions:
            families["kill"] = executions
        else:
            families.pop("kill")
    if families.keys() & _VIOLENT:
        for sd in ("loot", "movement", "agreement", "arrest", "disrupted", "base", "group_change", "withdraw"):
            if sd == "arrest" and "protest" in families:
                families.pop(sd, None)
                continue
            if sd == "withdraw" and "battle" not in families:
                continue
            families.pop(sd, None)
    lethal = _lethal_families(sent, kept)
    # protesters clashing with police riot; they do not fight a battle
    if "protest" in families and "battle" in families and not any(t.kind == "capture" for t in families["battle"]):
        families.pop("battle")
    # shelling or air strikes that accompany fighting are part of the battle (ACLED precedence)
    if "battle" in families and "remote" in families:
        armed = _armed_with(families["battle"], families["remote"], sent)
        if armed:
            # "rocket attacks", "mortar fire", "attacks with shells": the weapon says what the attack was
            families["remote"] = families["remote"] + armed
            families["battle"] = [t for t in families["battle"] if t not in armed]
            if not families["battle"]:
                families.pop("battle")
    if "battle" in families and "remote" in families:
        if all(_lem(sent.doc[t.i]) in _WEAK_BATTLE for t in families["battle"]):
            # "warplanes targeted YPG positions", "airstrikes by the coalition targeting IS areas killed 21":
            # the targeting *is* the strike
            families["remote"] = families["remote"] + families.pop("battle")
        elif "remote" in lethal and "battle" not in lethal:
            # "killed by air strikes as they fled the front lines of a battle": the strikes are the event
            pass
        else:
            families["battle"] = families["battle"] + families.pop("remote")
    out: list[EventCandidate] = []
    for fam, trs in families.items():
        cand = _type_family(fam, trs, sent, mentions, country, context_actors, lex, reg, when, families)
        if cand is not None and fam in lethal:
            # the happening that killed or wounded people is what the sentence reports first
            cand.score = round(min(1.0, cand.score + 0.15), 3)
        if cand is not None:
            out.append(cand)
    out.sort(key=lambda c: c.trigger_i)
    return out


def _doc_country(sent: Span, reg: ActorRegistry) -> str | None:
    """The country of the whole parsed text (paragraph or note), computed once per Doc."""
    key = ("frontlines", "country")
    data = sent.doc.user_data
    if key not in data:
        data[key] = infer_country(sent.doc.text, reg) if len(sent.doc.text) > len(sent.text) else None
    return data[key]


def _lethal_families(sent: Span, trigs: list[_Trig]) -> set[str]:
    """Families whose trigger caused a death or injury in the sentence: "airstrikes killed", "killed in shelling",
    "shelled X, killing 3", "left 11 people dead"."""
    return {_FAMILY[t.kind] for t in _lethal_links(sent, [t for t in trigs if t.kind == "kill"], trigs)}


def _lethal_links(sent: Span, outcome: list[_Trig], trigs: list[_Trig]) -> list[_Trig]:
    """The triggers among ``trigs`` that the killing/wounding words ``outcome`` name as their cause."""
    doc = sent.doc
    by_i = {t.i: t for t in trigs if t.kind != "kill"}
    out: list[_Trig] = []
    for o in outcome:
        tok = doc[o.i]
        linked: list[Token] = []
        for c in tok.children:
            if c.dep_ == "nsubj":
                linked.append(c)
                linked.extend(x for x in c.children if x.dep_ in ("conj", "compound"))
            elif c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in", "from", "during", "after", "under"):
                for x in c.children:
                    if x.dep_ == "pobj":
                        linked.append(x)
                        linked.extend(y for y in x.children if y.dep_ in ("conj", "compound"))
        if tok.dep_ in ("advcl", "xcomp", "conj", "acl", "relcl", "ccomp", "oprd", "acomp"):
            linked.append(tok.head)
            linked.extend(x for x in tok.head.children if x.dep_ in ("nsubj", "dobj"))
        # "an attack ... which came from X and killed 1,400": the relative clause's antecedent did it
        linked.extend(_relative_antecedent(tok))
        for x in linked:
            t = by_i.get(x.i)
            if t is not None and t not in out:
                out.append(t)
    return out


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


def _armed_with(battle: list[_Trig], remote: list[_Trig], sent: Span) -> list[_Trig]:
    """Battle words whose own phrase names a remote weapon: "rocket attacks", "mortar fire", "attacks with shells"."""
    doc = sent.doc
    weapons = {t.i for t in remote if t.kind != "air" or _lem(doc[t.i]) != "strike"}
    out = []
    for tr in battle:
        if tr.kind == "capture":
            continue
        tok = doc[tr.i]
        near = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
        near += [x for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "by", "using")
                 for x in c.children if x.dep_ == "pobj"]
        near += [y for x in near for y in x.children if y.dep_ in ("compound", "conj")]
        if any(x.i in weapons for x in near):
            out.append(tr)
    return out


def _heading_kind(sent: Span, lex: TriggerLexicon) -> str | None:
    m = re.match(r"^\s*([A-Za-z][A-Za-z -]{2,40}):", sent.text)
    if not m:
        return None
    return lex.headings.get(m.group(1).strip().lower())


def _weapons_as_objects(trigs: list[_Trig], sent: Span) -> list[_Trig]:
    """Weapons that are the object of defusing/intercepting/seizing are not attacks: keep the disruption."""
    doc = sent.doc
    disrupted = [t for t in trigs if t.kind == "disrupted"]
    out = []
    for tr in trigs:
        if _FAMILY.get(tr.kind) == "remote":
            tok = doc[tr.i]
            head = tok.head if tok.dep_ in ("dobj", "nsubjpass", "pobj", "conj", "compound") else None
            for _ in range(2):
                if head is not None and head.dep_ in ("conj", "compound", "dobj", "pobj", "prep"):
                    if _lem(head) in _WEAPON_OBJECT_VERBS:
                        break
                    head = head.head
            if head is not None and _lem(head) in _WEAPON_OBJECT_VERBS and not any(
                c.dep_ in ("nsubj",) and any(_lem(x) in _AIR_WORDS for x in c.subtree) for c in head.children
            ):
                if _lem(head) in ("destroy",) and tok.dep_ != "nsubjpass":
                    out.append(tr)
                    continue
                if not disrupted:
                    disrupted.append(_Trig(head.i, "disrupted", head.text, 0.75, head.i + 1))
                    out.append(disrupted[-1])
                continue
        out.append(tr)
    return out


def _type_family(
    fam: str,
    trs: list[_Trig],
    sent: Span,
    mentions: list[_Mention],
    country: str | None,
    context: list[ActorRef],
    lex: TriggerLexicon,
    reg: ActorRegistry,
    when: date | None,
    families: dict[str, list[_Trig]],
) -> EventCandidate | None:
    doc = sent.doc
    kinds = {t.kind for t in trs}
    # the anchor is the most event-like trigger: verbs and high-weight words first
    anchor = max(trs, key=lambda t: (_anchor_pref(fam, t), doc[t.i].pos_ == "VERB", t.weight, -t.i))
    actor1, actor2, assoc1, assoc2 = _actors_for(trs, anchor, sent, mentions, country, context)
    score = max(t.weight for t in trs)
    if fam == "battle":
        capture = [t for t in trs if t.kind == "capture" and not _attempted(doc[t.i], lex)]
        if capture and not _BRIEF_CONTROL.search(sent.text):
            # "Rebels lost control of the north after government forces captured X": the taking is the
            # event; the side that lost is the previous holder
            gains = [t for t in capture if _loss(doc[t.i]) is None]
            anchor = (gains or capture)[0]
            actor1, actor2, assoc1, assoc2 = _actors_for([anchor], anchor, sent, mentions, country, context)
            loser = _loser(capture, sent, mentions, country, context)
            if not gains:
                winner = _winner_of_loss(doc[anchor.i], mentions)
                actor1, actor2, assoc1, assoc2 = winner, loser, [], []
                if actor1 is None and loser is not None:
                    actor1 = _opponent_from_context(loser, context, mentions)
            elif loser is not None and actor1 is not None and loser.name != actor1.name:
                actor2 = loser
            nonviolent = bool(_NONVIOLENT_CAPTURE.search(sent.text)) and not kinds & {"clash", *_REMOTE_ORDER}
            sub = territory_subtype(actor1, country, fighting=not nonviolent)
            if actor1 is not None and (actor2 is None or not actor2.resolved or "Unidentified" in actor2.name):
                actor2 = _opponent_from_context(actor1, context, mentions) or actor2
        else:
            sub = "Armed clash"
            if _CROWD_CONTROL.search(sent.text) and not any(m.ref.inter in (2, 3, 4) for m in mentions):
                # tear gas, rubber bullets, live fire at a crowd: forces facing a riot, not a battle
                forces = next((a for a in (actor1, actor2) if a is not None and a.inter in (1, 8)), None)
                forces = forces or next((m.ref for m in mentions if m.ref.inter in (1, 8)), None)
                people = next((a for a in (actor1, actor2) if a is not None and a is not forces), None)
                sub = "Violent demonstration"
                actor1 = _group((people.country if people else None) or country, reg, "Rioters", 5, None)
                actor2 = forces
            elif actor2 is not None and actor2.inter == 7 and actor1 is not None and actor1.inter in _ARMED:
                sub = "Attack"
            elif actor1 is not None and actor2 is not None and 7 in (actor1.inter, actor2.inter) and (
                {actor1.inter, actor2.inter} & {1, 8}
            ) and any(_lem(sent.doc[t.i]) in ("clash", "confrontation", "confront", "scuffle") for t in trs):
                # people clashing with soldiers or police is a riot, not a battle
                people = actor1 if actor1.inter == 7 else actor2
                forces = actor2 if people is actor1 else actor1
                sub = _riot_subtype(sent)
                actor1 = _group(people.country or country, reg, "Rioters", 5, None)
                actor2 = forces
            elif actor1 is not None and (actor1.inter in (5, 6) or actor1.inter == 7 and (
                    actor2 is None or actor2.inter != 7) and not any(m.armed for m in mentions if m.ref is actor1)):
                # a battle needs organised armed sides; a crowd (residents, settlers) attacking is a riot
                sub = _riot_subtype(sent)
                actor1 = _group(country, reg, "Rioters", 5, actor1)
    elif fam == "withdraw":
        if all(_attempted(doc[t.i], lex) for t in trs):
            # "after a first attempt to start the pullout collapsed": nobody left
            return None
        sub = "Non-violent transfer of territory"
        score *= 0.8
        taker = _moved_in(doc[anchor.i])
        if taker is not None:
            # "YPG fighters moved into X as rebels pulled back": the side moving in acquires the place and
            # the side pulling back is the previous holder (ACLED: actor1 acquires, actor2 withdraws)
            moved = _Trig(taker.i, "capture", taker.text, anchor.weight, taker.i + 1)
            new1, _, n_assoc1, _ = _actors_for([moved], moved, sent, mentions, country, context)
            if new1 is not None and actor1 is not None and new1.name != actor1.name:
                actor1, actor2, assoc1, assoc2 = new1, actor1, n_assoc1, []
                anchor = moved
    elif fam == "remote":
        sub = next(_REMOTE_SUB[k] for k in _REMOTE_ORDER if k in kinds)
        anchor = next(t for k in _REMOTE_ORDER for t in trs if t.kind == k)
        if sub == "Air/drone strike" and (actor1 is None or reg.is_generic(actor1)):
            # "warplanes struck X" in a war where one side alone flies
            actor1 = reg.air_actor(country, when) or actor1
        if actor1 is None:
            actor1 = _unidentified(country, reg, sub, when)
        if actor2 is None and _civilian_victims(sent, mentions):
            actor2 = _civilians(country, reg)
    elif fam == "kill":
        victims_armed, victims_civ = _victims(sent, trs, mentions)
        method = any(_lem(doc[t.i]) in _KILLING_METHODS for t in trs)
        executed = any(_execution(doc[t.i]) for t in trs)
        if executed:
            # captives put to death: ACLED codes the killing of people held, fighters included, as an Attack
            victims_armed = False
            anchor = next(t for t in trs if _execution(doc[t.i]))
            score = 1.0
        if actor1 is None and not method and not any(m.armed for m in mentions):
            # a toll alone ("45 people have been killed in Aleppo") says neither who nor how: a weak guess
            score *= 0.7
        if actor1 is None and any(m.armed for m in mentions):
            actor1 = next((m.ref for m in mentions if m.armed and m.ref is not actor2), None)
        if victims_armed and not victims_civ:
            sub = "Armed clash"
        else:
            sub = "Attack"
            if actor2 is None or actor2.inter != 7:
                actor2 = _civilians(country, reg) if victims_civ or actor2 is None else actor2
        if actor1 is None:
            actor1 = _unidentified(country, reg, sub)
        score *= 0.9
    elif fam == "abduct":
        sub = "Abduction/forced disappearance"
        if actor2 is None:
            actor2 = _civilians(country, reg)
    elif fam == "sexual":
        sub = "Sexual violence"
        if actor2 is None:
            actor2 = _civilians(country, reg)
    elif fam == "protest":
        sub = _protest_subtype(sent, kinds, families)
        prot = next((m.ref for m in mentions if m.ref.inter in (5, 6)), None)
        if sub in ("Violent demonstration", "Mob violence"):
            actor1 = _group(country, reg, "Rioters", 5, prot)
        else:
            actor1 = _group(country, reg, "Protesters", 6, prot)
        state = next((m.ref for m in mentions if m.ref.inter in (1, 8)), None)
        actor2 = state if sub != "Peaceful protest" else None
        if sub == "Excessive force against protesters" and state is not None:
            actor1, actor2 = state, actor1
        assoc1, assoc2 = [], []
    elif fam == "displacement":
        sub = "Displacement"
        displaced = next((m.ref for m in mentions if m.ref.inter == 7), None)
        actor1 = displaced or _civilians(country, reg)
        actor2 = None
    else:
        sub = _SD_SUB[fam]
        if fam == "movement" and sent.text.lower().startswith("non-violent"):
            sub = "Other"
    etype = _TYPE_OF[sub]
    if actor1 is not None:
        score = min(1.0, score + 0.1)
    return EventCandidate(
        trigger_i=anchor.i,
        trigger=anchor.text,
        event_type=etype,
        sub_event_type=sub,
        disorder_type=(
            "Political violence; Demonstrations" if sub == "Excessive force against protesters" else DISORDER[etype]
        ),
        actor1=actor1,
        actor2=actor2,
        assoc_actor_1=assoc1,
        assoc_actor_2=assoc2,
        score=round(score, 3),
        trigger_is=sorted(t.i for t in trs),
    )


_EXECUTIONS = {"execute", "execution", "behead", "beheading", "hang", "hanging", "crucify", "crucifixion"}


def _execution(t: Token) -> bool:
    """An execution: the killing of people held captive (ACLED: violence against civilians, an Attack)."""
    lem = _lem(t)
    if lem in ("hang", "hanging") and not any(_lem(x) in ("publicly", "public", "death", "sentence", "accuse", "charge")
                                                or x.lower_ in ("publicly",) for x in t.subtree):
        return False
    if not (lem in _EXECUTIONS or _base_form(t.lower_) in _EXECUTIONS):
        return False
    # "the airstrikes were executed to ...", "executed a plan": carrying something out, not putting people to death
    things = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
    if t.pos_ == "VERB" and things and not any(_person_like(c) for c in things):
        return False
    return not (t.pos_ == "NOUN" and any(c.dep_ == "prep" and c.lower_ == "of" and not any(
        _person_like(x) for x in c.children) for c in t.children))


def _person_like(t: Token) -> bool:
    """A phrase about people: a person noun, a name, a number of people, a pronoun."""
    if t.pos_ in ("PROPN", "PRON", "NUM") or t.ent_type_ in ("PERSON", "NORP", "CARDINAL"):
        return True
    return _lem(t) not in _THINGS and not any(c.dep_ == "compound" and _lem(c) in _THINGS for c in t.children)


# What can be "executed" that is not a person: plans, operations, strikes.
_THINGS = {"plan", "operation", "strike", "airstrike", "raid", "attack", "order", "mission", "task", "policy",
           "project", "program", "programme", "agreement", "deal", "decision", "sortie", "manoeuvre", "maneuver"}


def _anchor_pref(fam: str, t: _Trig) -> int:
    if fam == "battle":
        return {"capture": 2, "clash": 1}.get(t.kind, 0)
    if fam == "remote":
        return len(_REMOTE_ORDER) - _REMOTE_ORDER.index(t.kind) if t.kind in _REMOTE_ORDER else 0
    return 0


def _actors_for(
    trs: list[_Trig],
    anchor: _Trig,
    sent: Span,
    mentions: list[_Mention],
    country: str | None,
    context: list[ActorRef],
) -> tuple[ActorRef | None, ActorRef | None, list[ActorRef], list[ActorRef]]:
    doc = sent.doc
    # the main clause names the actor ("The Syrian army shelled X in conjunction with regime air strikes")
    order = sorted(trs, key=lambda t: (_depth(doc[t.i]), t.i))
    a_m: list[_Mention] = []
    p_m: list[_Mention] = []
    pronoun_agent = False
    agent_phrases: list[Token] = []
    for tr in order:
        agents, patients = _roles(doc[tr.i])
        agent_phrases.extend(agents)
        for tok in _expand_conj(agents):
            if tok.lower_ in _PRONOUNS:
                pronoun_agent = True
            m = _mention_for(tok, mentions)
            if m and m not in a_m and m not in p_m:
                a_m.append(m)
        for tok in _expand_conj(patients):
            m = _mention_for(tok, mentions)
            if m and m not in a_m and m not in p_m:
                p_m.append(m)
        # the trigger phrase itself may name the actor ("Houthi snipers", "regime shelling"), with its
        # conjuncts ("Warplanes and regime helicopters")
        if any(x.start <= tr.i < x.end for x in mentions):
            for tok in _expand_conj([doc[tr.i]]):
                m = _mention_for(tok, mentions)
                if m and m not in a_m and m not in p_m:
                    a_m.append(m)
        if a_m:
            break
    actor1 = a_m[0].ref if a_m else None
    actor2 = p_m[0].ref if p_m else None
    joint = a_m[0] if a_m else None
    if joint is not None and joint.member is not None and joint.member not in p_m:
        # "Syrian or Russian warplanes struck as regime forces shelled": the side the report identifies
        a_m = [joint.member, joint, *(m for m in a_m[1:] if m is not joint.member)]
        actor1 = joint.member.ref
    if a_m:
        # "Regime warplanes struck while ground forces shelled the town": a force and one of its own units
        # acting together are coded as the force
        unit = a_m[0]
        parent = next((m for m in mentions if m is not unit and m not in p_m and not _controller(doc[m.end - 1])
                       and unit.ref.name.startswith(m.ref.name + " ")
                       and _phrase_head(doc[m.start : m.end]).i != _phrase_head(doc[unit.start : unit.end]).i), None)
        if parent is not None:
            a_m = [parent, unit, *(m for m in a_m[1:] if m is not parent)]
            actor1 = parent.ref
    if a_m and country and a_m[0].ref.inter == 8 and a_m[0].ref.country not in (None, country):
        # "Russian warplanes struck while regime forces shelled the town": a foreign state fighting beside
        # the host state's forces is its associate; the host state is actor1
        guest = a_m[0]
        # only a named host acting in a clause of its own ("while regime forces shelled"): a host named as
        # a target, or a role word beside the guest ("Turkish warplanes and helicopters"), is no ally
        host = next((m for m in mentions if m is not guest and m not in p_m and not m.generic and m.ref.inter == 1
                     and m.ref.country == country and _phrase_head(doc[m.start : m.end]).dep_ == "nsubj"
                     and _phrase_head(doc[m.start : m.end]).head.i != _phrase_head(doc[guest.start : guest.end]).head.i), None)
        if host is not None:
            a_m = [host, guest, *(m for m in a_m[1:] if m is not host)]
            actor1 = host.ref
    if a_m and _unnamed(a_m[0].ref):
        # "Warplanes and suspected regime helicopters": an unidentified conjunct yields to a named one
        named = next((m for m in a_m[1:] if m.ref.resolved and not _unnamed(m.ref)), None)
        if named is not None:
            a_m = [named, *(m for m in a_m if m is not named)]
            actor1 = named.ref
    if actor1 is None and (pronoun_agent or not mentions):
        # "they'd taken Holok", "The advance took Hanano": the actor comes from what came before
        before = [m for m in mentions if m.end <= anchor.i and m.armed]
        if before:
            actor1 = before[-1].ref
        elif context:
            actor1 = next((a for a in context if a.inter in _ARMED), None)
    if actor1 is None:
        # fall back on the first armed actor that is not the patient, as ACLED notes put the agent first;
        # one named as an opponent ("Following clashes with rebels, regime forces advanced") comes last
        armed = [m for m in mentions if m.armed and m not in p_m and not _controller(doc[m.end - 1])]
        armed.sort(key=lambda m: _opponent_phrase(doc[m.start : m.end].root))
        actor1 = armed[0].ref if armed else None
    if actor2 is None:
        # the first other armed (or civilian) actor, not one inside the agent's own phrase
        actor2 = next(
            (m.ref for m in mentions if m.ref is not actor1 and m not in a_m and m.ref.name != getattr(actor1, "name", None)
             and m.ref.inter in _ARMED | {7} and not (m.generic and any(_in(m, a) for a in agent_phrases))),
            None,
        )
        if actor2 is not None and actor2.inter == 7 and not _any_harm(sent):
            actor2 = None
    if actor2 is not None and actor1 is not None and actor2.name == actor1.name:
        actor2 = None
    assoc1 = [m.ref for m in a_m[1:] if m.ref.name != getattr(actor1, "name", None)]
    assoc2 = [m.ref for m in p_m[1:] if m.ref.name != getattr(actor2, "name", None)]
    return actor1, actor2, _dedupe(assoc1), _dedupe(assoc2)


# nouns for a body of fighters: a role word modifying one names an actor ("rebel factions")
_GROUP_NOUNS = {"faction", "fighter", "group", "militia", "force", "unit", "battalion", "brigade", "militant",
                "member", "gunman", "troop", "formation", "coalition", "alliance"}
# "regime-held town": whoever holds the place, not who acted
_CONTROL_SUFFIX = re.compile(r"^-?(?:held|controlled|run|occupied|besieged)\b")


def _opponent_phrase(tok: Token) -> bool:
    """``tok`` is the object of "with", "against" or "from": the other side of the fight. (Its conjuncts are
    not followed: the parser often joins a fronted "With X, Y advanced" into one list.)"""
    return tok.dep_ == "pobj" and tok.head.lower_ in ("with", "against", "from")


def _phrase_head(span: Span) -> Token:
    """The noun a mention's span modifies or is: "regime" in "regime ground forces" -> "forces"."""
    root = span.root
    while root.dep_ in ("compound", "amod", "nmod", "npadvmod") and root.head.i != root.i:
        root = root.head
    return root


def _controller(last: Token) -> bool:
    """The mention ending at ``last`` only says who holds a place: "regime-held", "IS-controlled"."""
    after = last.idx + len(last.text)
    return bool(_CONTROL_SUFFIX.match(last.doc.text[after : after + 14]))


def _unnamed(ref: ActorRef) -> bool:
    """ACLED's names for perpetrators nobody identified ("Unidentified Armed Group (Iraq)")."""
    return ref.name.startswith("Unidentified")


def _depth(t: Token) -> int:
    d = 0
    while t.head.i != t.i and d < 20:
        t = t.head
        d += 1
    return d


def _dedupe(refs: list[ActorRef]) -> list[ActorRef]:
    seen: set[str] = set()
    out = []
    for r in refs:
        if r.name not in seen:
            seen.add(r.name)
            out.append(r)
    return out


def _opponent_from_context(actor1: ActorRef, context: list[ActorRef], mentions: list[_Mention]) -> ActorRef | None:
    """Who held the captured place: an armed actor of the other side named in the sentence or just before."""
    pool = [m.ref for m in mentions] + list(context)
    state = actor1.inter == 1
    fits = [a for a in pool if a.name != actor1.name and a.inter in _ARMED and (a.inter == 1) != state]
    named = [a for a in fits if a.resolved and not a.name.startswith("Unidentified")]
    return (named or fits or [None])[0]


def _loser(capture: list[_Trig], sent: Span, mentions: list[_Mention], country: str | None,
           context: list[ActorRef]) -> ActorRef | None:
    """The subject of "lost control of" among the capture triggers: the side that held the place."""
    for tr in capture:
        if _loss(sent.doc[tr.i]) is not None:
            loser, _, _, _ = _actors_for([tr], tr, sent, mentions, country, context)
            if loser is not None:
                return loser
    return None


def _winner_of_loss(t: Token, mentions: list[_Mention]) -> ActorRef | None:
    """Who a place was lost to: "lost control of the town to Islamic State fighters"."""
    verb = _loss(t)
    heads = [verb, t] if verb is not None else [t]
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ == "to":
                for x in c.children:
                    m = _mention_for(x, mentions) if x.dep_ == "pobj" else None
                    if m is not None and m.armed:
                        return m.ref
    return None


# Verbs of moving into a place: with a withdrawal as their circumstance, the mover takes over.
_ADVANCE_VERBS = {"move", "advance", "push", "enter", "deploy", "sweep", "roll", "march", "spread", "expand"}
_CIRCUMSTANCE_MARKS = {"as", "after", "when", "while", "once", "following"}


def _moved_in(t: Token) -> Token | None:
    """For a withdrawal told as the circumstance of another side moving in ("X moved into Y as rebels
    pulled back"), the verb of moving in; None when the withdrawal is the sentence's own news."""
    if t.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in _CIRCUMSTANCE_MARKS for c in t.children):
        return None
    head = t.head
    if _lem(head) not in _ADVANCE_VERBS or head.pos_ != "VERB":
        return None
    places = [x for c in head.children if c.dep_ == "prep" and c.lower_ in ("into", "to", "in", "inside")
              for x in c.children if x.dep_ == "pobj"]
    places += [c for c in head.children if c.dep_ == "dobj"]
    return head if any(_placeish(x) for x in places) else None


def _any_harm(sent: Span) -> bool:
    return any(_lem(t) in ("kill", "injure", "wound", "die", "dead", "hurt", "target", "hit", "shoot", "attack",
                           "abduct", "kidnap", "execute", "detain", "arrest")
               for t in sent)


def _victims(sent: Span, trs: list[_Trig], mentions: list[_Mention]) -> tuple[bool, bool]:
    doc = sent.doc
    armed = civ = False
    for tr in trs:
        _, patients = _roles(doc[tr.i])
        t = doc[tr.i]
        if t.dep_ in ("acl", "amod") and t.head.pos_ in ("NOUN", "PROPN", "NUM"):
            patients.append(t.head)
        if t.pos_ in ("ADJ", "NOUN") and t.dep_ in ("acomp", "attr", "oprd"):
            patients.extend(c for c in t.head.children if c.dep_ in ("nsubj", "dobj"))
        for p in _expand_conj(patients):
            m = _mention_for(p, mentions)
            if m is not None:
                armed |= m.armed
                civ |= m.ref.inter == 7
            elif _lem(p) in ("member", "fighter", "militant", "soldier", "officer", "commander", "recruit", "militiaman",
                             "gunman", "terrorist", "guard", "trooper", "personnel", "rebel", "jihadist", "insurgent"):
                armed = True
    return armed, civ


def _civilian_victims(sent: Span, mentions: list[_Mention]) -> bool:
    """Civilians were hit: a civilian group is the object of killing/wounding/targeting in the sentence."""
    harm = {"kill", "injure", "wound", "die", "hurt", "hit", "target", "dead", "killing"}
    for m in mentions:
        if m.ref.inter != 7:
            continue
        head = sent.doc[m.start : m.end].root
        cur = head
        for _ in range(4):
            if _lem(cur) in harm:
                return True
            if cur.head.i == cur.i:
                break
            cur = cur.head
    return False


def _protest_subtype(sent: Span, kinds: set[str], families: dict[str, list[_Trig]]) -> str:
    lemmas = {_lem(t) for t in sent}
    killed = bool(lemmas & {"kill", "dead", "die", "shoot"}) or "kill" in families
    if killed and lemmas & {"police", "force", "security", "soldier", "troop", "army", "policeman", "gunfire",
                            "ammunition", "bullet"}:
        return "Excessive force against protesters"
    if "riot" in kinds or lemmas & _PROTEST_VIOLENT:
        return "Violent demonstration" if "protest" in kinds or lemmas & {"protest", "protester", "demonstrator",
                                                                           "demonstration"} else "Mob violence"
    if lemmas & _PROTEST_INTERVENTION or "arrest" in families:
        return "Protest with intervention"
    return "Peaceful protest"


def _civilians(country: str | None, reg: ActorRegistry) -> ActorRef:
    return reg.resolve("civilians", country=country)


def _group(country: str | None, reg: ActorRegistry, label: str, inter: int, found: ActorRef | None) -> ActorRef:
    if found is not None and found.inter == inter and found.resolved:
        return found
    if country:
        return ActorRef(text=found.text if found else label.lower(), name=f"{label} ({country})", inter=inter,
                        country=country, resolved=True)
    return ActorRef(text=found.text if found else label.lower(), name=label, inter=inter, resolved=False)


def _unidentified(country: str | None, reg: ActorRegistry, sub: str, when: date | None = None) -> ActorRef | None:
    """ACLED's convention for attacks with no named perpetrator."""
    if not country:
        return None
    if sub == "Air/drone strike":
        return reg.air_actor(country, when) or reg.resolve("unidentified warplanes", country=country)
    return reg.resolve("unidentified armed group", country=country)


# ------------------------------------------------------------------ for the sub-type model
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
        why = _not_real(tok, lex, sent) or ("past" if _holding_since(_Trig(tr.i, kind, tr.text, tr.weight, tr.end),
                                                                      tok) else None)
        out.append(TriggerReading(tr.i, kind, lem, why, _background(tok)))
    return out


def trigger_roles(sent: Span, i: int) -> tuple[list[Token], list[Token]]:
    """Agent-side and patient-side phrase heads of the token ``i`` (doc index), as the rules read them."""
    return _roles(sent.doc[i])


# the trigger kind whose family conventions (default actors, roles) fit each sub-type
_KIND_OF_SUB = {
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
    kind = _KIND_OF_SUB.get(sub)
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
    from dataclasses import replace

    etype = _TYPE_OF[sub]
    actor1 = cand.actor1
    if actor1 is not None and etype != cand.event_type and actor1.inter in (5, 6) and etype in ("Riots", "Protests"):
        label, inter = ("Rioters", 5) if etype == "Riots" else ("Protesters", 6)
        country = actor1.country
        actor1 = ActorRef(text=actor1.text, name=f"{label} ({country})" if country else label, inter=inter,
                          country=country, resolved=actor1.resolved)
    disorder = "Political violence; Demonstrations" if sub == "Excessive force against protesters" else DISORDER[etype]
    return replace(cand, event_type=etype, sub_event_type=sub, disorder_type=disorder, actor1=actor1)
