"""Hazards: harm done by a natural force, an accident or an illness, which no one did, is no ACLED event.

WHY: ACLED codes political violence, demonstrations and strategic developments. A flood, an earthquake,
a landslide, a fire, a building's collapse, a gas or boiler explosion, a road, rail or air accident, a
stampede or a disease kills people and destroys homes, and the reports of them use the conflict lexicon's
words ("killed", "destroyed", "displaced", "blast", "explosion", "fire at"). Without this module the rules
read "Floods killed 30 people" as an Attack, "a fire at a nursing home killed five" as an Armed clash and
"a gas explosion at a refilling plant" as a Remote explosive.

The reading is of the parse, never of particular sentences: a harm trigger (a killing, a wounding, a
destruction, a displacement, an explosion, a blaze) is a hazard's when what caused it is a hazard:

- its doer (the subject of "killed", the agent of "were killed by", the subject of the clause a participle
  hangs on: "a tornado tore through the town, killing 25") is a natural force, an accident, an illness, or
  a blaze or an explosion that has an accidental source;
- or the clause says what it died of ("died in a fire", "killed in a road accident", "died of cholera",
  "killed when a grain elevator exploded", "died after inhaling toxic fumes");
- or it has no doer at all ("at least 8 dead", "several people injured") in a sentence whose happening is
  a hazard.

An explosion is an accident only when its source is named as one (a gas cylinder, a boiler, a fuel tanker,
chemicals, fireworks; a factory, a refinery or a mine as where it happened): "an explosion at a market"
stays a Remote explosive. A fire is a blaze unless it is weapons' fire ("opened fire", "mortar fire",
"came under fire") or set by someone ("set fire to", arson). And nothing here applies where the sentence
names an attack: a weapon or a device, an attacker, an armed group the registry knows, a clash or a
killing that is a crime ("A fire broke out after an air strike hit the depot" is the strike's).
``hazard_harm`` returns True where the trigger is a hazard's harm; the reality filter (``reality``) then
sets the trigger aside with the reason "hazard", so neither the rules nor the sub-type model make an
event of it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from frontlines.nlp.trigger_match import _lem

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Natural forces, accidents and illnesses: what kills or destroys without a doer.
NATURAL_FORCES = frozenset({
    "flood", "flooding", "floodwater", "deluge", "inundation", "rain", "rainfall", "downpour", "monsoon",
    "cloudburst", "earthquake", "quake", "tremor", "aftershock", "tsunami", "storm", "hurricane", "cyclone",
    "typhoon", "tornado", "twister", "hailstorm", "blizzard", "snowstorm", "landslide", "landslip", "mudslide",
    "rockslide", "avalanche", "lightning", "thunderstorm", "drought", "heatwave", "wildfire", "bushfire",
    "eruption", "volcano", "lava", "sandstorm", "gale", "mudflow", "flashflood", "torrent", "rainstorm",
    "dzud", "frost", "heat", "cold", "snow", "wind",
})
ACCIDENTS = frozenset({
    "accident", "crash", "collision", "derailment", "pileup", "pile-up", "capsizing", "shipwreck", "sinking",
    "drowning", "stampede", "crush", "collapse", "cave-in", "leak", "leakage", "fume", "fumes", "electrocution",
    "short-circuit", "mishap", "disaster", "burst", "rupture", "spill", "outburst", "blaze", "inferno", "flame",
    "flames",
})
ILLNESSES = frozenset({
    "disease", "illness", "outbreak", "epidemic", "pandemic", "cholera", "covid", "covid-19", "coronavirus",
    "malaria", "measles", "ebola", "dengue", "virus", "infection", "fever", "flu", "influenza", "tuberculosis",
    "diarrhoea", "diarrhea", "overdose", "poisoning", "hooch", "liquor",
})
HAZARDS = NATURAL_FORCES | ACCIDENTS | ILLNESSES
# Wild animals kill too ("a tiger mauled a woman"); only as common nouns (the Tamil Tigers are a name).
ANIMALS = frozenset({"elephant", "tiger", "leopard", "lion", "crocodile", "alligator", "snake", "bear", "wolf",
                     "hyena", "hippo", "hippopotamus", "buffalo", "jaguar", "shark", "bull", "cobra", "python"})
# What explodes or burns by accident: "a gas cylinder explosion", "the boiler exploded", "a tanker blast".
ACCIDENTAL_SOURCES = frozenset({
    "gas", "lpg", "cng", "cylinder", "boiler", "tanker", "fuel", "petrol", "gasoline", "diesel", "oil",
    "kerosene", "pipeline", "chemical", "dust", "firework", "fireworks", "firecracker", "cracker", "transformer",
    "reactor", "furnace", "kiln", "methane", "stove", "generator", "battery", "fertiliser", "fertilizer",
    "nitrate", "compressor", "elevator", "silo", "refinery", "electrical", "wiring", "heater", "leak",
    "flare", "candle", "cigarette", "spark", "propane", "butane", "oxygen", "hydrogen", "ammonia", "ammonium",
    "dynamite", "coal", "smelter", "godown", "turbine",
})
# Where an explosion is an industrial accident: "an explosion at a chemical plant".
WORKPLACES = frozenset({"plant", "factory", "refinery", "mill", "workshop", "warehouse", "mine", "colliery",
                        "quarry", "foundry", "kiln", "pipeline", "laboratory", "lab", "rig"})
# What an unmined mine is dug for: "an illegal gold mine", "a coal mine".
MINERALS = frozenset({"gold", "coal", "copper", "diamond", "jade", "tin", "cobalt", "lithium", "salt", "iron",
                      "uranium", "silver", "bauxite", "zinc", "mineral", "illegal", "artisanal", "open-cast",
                      "opencast", "underground"})
_EXPLOSION = frozenset({"explosion", "blast", "explode", "burst", "fireball"})
_FIRE = frozenset({"fire", "blaze", "inferno", "flame", "flames"})
# What makes fire weapons' fire: "opened fire", "mortar fire", "came under fire", "exchange of fire".
_WEAPON_FIRE = frozenset({"gun", "machine-gun", "machinegun", "mortar", "artillery", "tank", "sniper", "rocket",
                          "cross", "heavy", "small-arms", "arms", "arm", "weapon", "firearm", "automatic", "live",
                          "rifle", "cannon", "anti-aircraft", "aircraft", "gunship", "helicopter", "missile", "shell",
                          "rpg", "bullet", "naval",
                          "enemy", "friendly", "sporadic", "indiscriminate", "random", "return", "open", "exchange",
                          "trade", "hold", "cease", "draw", "under", "direct", "covering", "suppressive"})
# Who fires weapons: "regime fire", "the army's fire".
_SHOOTERS = frozenset({"regime", "army", "troop", "force", "police", "rebel", "enemy", "soldier", "militant",
                       "government", "israeli", "militia", "sniper", "coalition", "insurgent", "opposition"})
# Verbs of an accident: what they say happened to a vehicle or a structure ("two trains collided").
ACCIDENT_VERBS = frozenset({"collapse", "crash", "collide", "capsize", "derail", "overturn", "plunge", "topple",
                            "skid", "sink", "cave", "flip", "veer", "drown"})
# What falls, comes down or hits something by accident: vehicles and structures.
FALLING_THINGS = frozenset({"bus", "truck", "lorry", "car", "train", "plane", "aircraft", "helicopter", "boat",
                            "ferry", "ship", "vessel", "minibus", "van", "tanker", "coach", "jeepney", "tractor",
                            "motorcycle", "motorbike", "canoe", "pirogue", "crane", "tree", "wall", "roof", "rock",
                            "cable", "building", "bridge", "structure", "scaffolding", "stage", "boulder", "ceiling",
                            "canopy", "balcony", "jet", "airliner", "lift", "elevator", "tower", "dam",
                            "embankment", "levee", "dyke", "dike", "pipe", "pipeline", "bank"})
# Verbs a hazard does ("an earthquake struck", "a fire swept through"): an accident only with a hazard as doer.
_HAZARD_DOINGS = frozenset({"strike", "hit", "sweep", "tear", "rip", "engulf", "gut", "raze", "lash", "pound",
                            "batter", "ravage", "break", "spread", "destroy", "flatten", "bury", "damage",
                            "trigger", "cause", "occur"})
# Verbs whose subject is the victim: the cause is in the clause's adjuncts.
_VICTIM_VERBS = frozenset({"die", "perish", "drown", "succumb", "dead", "injure", "wound", "hurt", "trap", "miss",
                           "strand"})
# Prepositions that name what someone died of or was hurt in.
_CAUSE_PREPS = frozenset({"in", "by", "from", "after", "during", "following", "amid", "of", "due", "because",
                          "under", "as", "with", "when"})
# Words that name an attack: where any appears (and is not denied), nothing here applies.
ATTACK_CUES = frozenset({
    "bomb", "bomber", "bombing", "ied", "grenade", "rocket", "missile", "mortar", "shell", "shelling", "artillery",
    "drone", "airstrike", "gunman", "gun", "gunfire", "gunshot", "bullet", "rifle", "sniper", "militant",
    "insurgent", "rebel", "terrorist", "terror", "jihadist", "attacker", "assailant", "attack", "ambush", "arson",
    "arsonist", "sabotage", "saboteur", "suicide", "molotov", "firebomb", "landmine", "explosive", "device",
    "detonator", "detonate", "shoot", "stab", "clash", "militia", "insurgency", "abduct", "kidnap", "hostage",
    "massacre", "murder", "assassinate", "warplane", "torch", "gunboat", "raid", "air-strike", "munition",
    "rioter", "riot", "mob", "offensive", "assault", "bombardment", "combat", "firefight", "gunfight",
    "violence", "unrest", "unidentified", "miscreant", "goon", "thug", "vandal", "gang", "perpetrator", "culprit",
    "vandalise", "vandalize", "ransack", "loot", "looter", "hurl", "lob", "improvised", "remote-controlled",
    "deliberately", "intentionally", "deliberate", "throw",
})
_NOT_ATTACKS = frozenset({"heart", "panic", "asthma", "anxiety"})  # "died of a heart attack"
_DENIALS = frozenset({"rule", "exclude", "dismiss", "deny"})  # "ruled out sabotage"
_HARM_FAMILIES = frozenset({"kill", "remote", "battle", "displacement", "loot", "withdraw", "air", "disrupted",
                            "chemical"})


def hazard_harm(tok: Token, sent: Span, kind: str | None = None) -> bool:
    """Whether the trigger at ``tok`` (of lexicon kind ``kind``) is harm a hazard did (module docstring)."""
    if not _hazard_scene(sent) or _attacked(sent):
        return False
    if kind is not None and _family(kind) not in _HARM_FAMILIES:
        return False  # "farmers protested the drought": a protest about a hazard is a protest
    if _is_hazard(tok) or _pit(tok) or _accident_clause(tok) or any(_is_hazard(a) for a in list(tok.ancestors)[:3]):
        return True  # (a trigger inside a hazard's own phrase: "a gas leak at a chemical plant")
    if kind == "air" and _lem(tok) not in ("strike", "airstrike", "raid", "sortie", "bomb", "bombing", "bombard"):
        return True  # "a plane crashed", "the civil aviation authority": an aircraft in an accident's sentence
    if tok.pos_ == "VERB" and any(c.dep_ == "dobj" and _is_hazard(c) for c in tok.children):
        return True  # "firefighters battling a blaze", "soldiers fighting the flames"
    return _caused_by_hazard(tok, sent, kind)


def _family(kind: str) -> str | None:
    from frontlines.nlp.taxonomy import _FAMILY

    return _FAMILY.get(kind)


# -- what the sentence is about -------------------------------------------------------------------------
def _hazard_scene(sent: Span) -> bool:
    """A hazard happens in the sentence: a hazard noun, or an accident verb ("the canopy collapsed")."""
    return any(_is_hazard(t) or _accident_clause(t) for t in sent)


def _attacked(sent: Span) -> bool:
    """The sentence names an attack: a weapon, a device, an attacker, an armed group, a deliberate fire."""
    for t in sent:
        lem = _lem(t)
        if (lem in ATTACK_CUES or t.lower_ in ATTACK_CUES) and not _denied(t) and not any(
                c.dep_ in ("compound", "amod") and (_lem(c) in _NOT_ATTACKS or (lem == "explosive" and _pit(c)))
                for c in t.children):  # a petrol bomb is a bomb; "mining explosives" are a mine's
            return True
        if lem == "fire" and (t.pos_ == "VERB" or (t.pos_ in ("NOUN", "PROPN") and not _blaze(t))):
            return True  # weapons' fire: "fired rockets", "came under anti-aircraft fire"
        if lem == "mine" and any(c.dep_ in ("compound", "amod") and c.lower_ in ("land", "anti-personnel", "anti-tank")
                                 for c in t.children):
            return True  # "a land mine"
        if lem == "down" and t.pos_ == "VERB":
            return True  # "downed a helicopter" (not "came down", "brought down trees")
        if lem == "plant" and t.pos_ == "VERB":
            return True  # "a device planted by ..." (not "a chemical plant")
        if lem in ("fight", "fighting") and t.pos_ == "NOUN":
            return True  # "heavy fighting" (not "fighting the flames")
        if lem == "set" and any(_lem(x) in _FIRE or x.lower_ in ("ablaze", "alight") for x in t.subtree) and not any(
                c.dep_ == "nsubj" and (_source(c) or _is_hazard(c)) for c in t.children):
            return True  # "set fire to the market", "set the bus ablaze" (not "fireworks set the ceiling alight")
        if lem == "strike" and any(c.dep_ == "compound" and _lem(c) in ("air", "drone", "missile")
                                   for c in t.children):
            return True
    return any(not _speaker(sent, s, e) for s, e in _armed_groups(sent.text))


def _denied(t: Token) -> bool:
    """A cue that is ruled out, denied or negated: "ruled out sabotage", "no sign of an attack"."""
    if any(c.dep_ in ("neg", "det") and c.lower_ in ("no", "not", "never", "any") for c in t.children):
        return True
    cur = t
    for _ in range(4):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if _lem(cur) in _DENIALS or any(c.dep_ == "neg" for c in cur.children if cur.pos_ in ("VERB", "AUX")):
            return True
    return False


@lru_cache(maxsize=512)
def _armed_groups(text: str) -> tuple[tuple[int, int], ...]:
    """Where the sentence names a rebel group or a militia the registry knows (inter 2, 3, 4)."""
    from frontlines.nlp.actors import ActorRegistry

    return tuple((s, e) for s, e, ref in ActorRegistry.default().find(text) if ref.inter in (2, 3, 4))


def _speaker(sent: Span, start: int, end: int) -> bool:
    """The group only speaks or rules here: "Taliban officials said" (its officials report the flood)."""
    span = sent.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    for _ in range(3):
        if _lem(head) in _OFFICIALS or (head.dep_ == "nsubj" and _lem(head.head) in _SPEECH):
            return True
        if head.head.i == head.i or head.dep_ not in ("compound", "amod", "poss", "nmod"):
            return False
        head = head.head
    return False


_OFFICIALS = frozenset({"official", "spokesman", "spokeswoman", "spokesperson", "authority", "government",
                        "administration", "ministry", "minister", "governor", "agency"})
_SPEECH = frozenset({"say", "tell", "report", "announce", "confirm", "state"})


# -- hazards ------------------------------------------------------------------------------------------------
def _word(t: Token) -> str:
    """The word's lemma; a capitalised plural the tagger took for a name ("Landslides buried ...") singular."""
    if t.pos_ in ("PROPN", "NOUN") and t.lower_.endswith("s") and t.lower_[:-1] in _HEADLINE_VERBS | HAZARDS:
        return t.lower_[:-1]  # a headline's verb tagged a noun ("Bus plunges into ravine"), "Landslides"
    if t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_.endswith("s"):
        low = t.lower_
        return low[:-3] + "y" if low.endswith("ies") else low[:-1]
    return _lem(t)


_HEADLINE_VERBS = frozenset({"collide", "crash", "capsize", "derail", "overturn", "plunge", "topple", "skid",
                             "explode", "collapse", "sink", "flip"})


def _in(t: Token, words: frozenset[str]) -> bool:
    return _word(t) in words or t.lower_ in words


def _is_hazard(t: Token) -> bool:
    """A natural force, an accident, an illness, or a blaze or an explosion with an accidental source;
    a name counts by its title ("Typhoon Haima", "Hurricane Beryl")."""
    if t.pos_ not in ("NOUN", "PROPN") and not (t.tag_ == "VBG" and t.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj")):
        return False  # (a gerund is a noun here: "Flooding along the rivers has displaced ...")
    lem = _word(t)
    if t.dep_ == "compound" and _in(t, NATURAL_FORCES) and t.head.pos_ != "PROPN" and not _hazard_head(t.head):
        return False  # "storm regime forces", "a Tornado fighter jet": a modifier, not a happening
    if lem in _FIRE:
        return _blaze(t)
    if lem in _EXPLOSION:
        return _accidental(t)
    if t.pos_ == "NOUN" and lem in ANIMALS:
        return True  # "an elephant trampled two villagers"
    if _in(t, HAZARDS):
        return not (lem == "crash" and _market_crash(t))
    # "Typhoon Haima", "Hurricane Beryl"; "lightning strikes", "flood waters"
    return (t.pos_ == "PROPN" or lem in _HAZARD_HEADS) and any(
        c.dep_ == "compound" and _in(c, NATURAL_FORCES) for c in t.children)


def _hazard_head(h: Token) -> bool:
    """A head a natural force's name may qualify: "flood waters", "lightning strikes", "earthquake victims"; a
    headline's verb tagged a noun ("Rainstorm flattens roofs")."""
    word = _word(h)
    return word in _HAZARD_HEADS | HAZARDS | _FIRE | _EXPLOSION or (
        h.lower_.endswith("s") and h.lower_[:-1] in _HAZARD_DOINGS | ACCIDENT_VERBS | {"flatten", "kill", "hit"})


# Heads a hazard word may qualify and still name the hazard's happening or harm.
_HAZARD_HEADS = frozenset({"strike", "water", "waters", "surge", "tremor", "damage", "wave", "victim", "toll",
                           "death", "site", "zone", "area", "situation", "havoc", "destruction", "emergency"})


def _market_crash(t: Token) -> bool:
    return any(_lem(c) in ("market", "stock", "share", "price", "currency") for c in t.children)


def _blaze(t: Token) -> bool:
    """A fire that burns, not weapons' fire nor a fire someone set."""
    if any(_lem(x) in _WEAPON_FIRE or x.lower_ in _WEAPON_FIRE for c in t.children
           if c.dep_ in ("compound", "amod", "nmod") for x in c.subtree):
        return False  # "mortar fire", "small arms fire", "heavy anti-aircraft fire"
    if any(c.dep_ == "prep" and c.lower_ in ("on", "upon", "towards", "toward", "against") for c in t.children):
        return False  # "fire on the village": shooting, where a blaze is "at" or "in" a place
    if any(c.dep_ in ("compound", "amod", "poss") and (c.ent_type_ == "NORP" or _lem(c) in _SHOOTERS)
           for c in t.children):
        return False  # "regime fire", "Israeli fire", "the army's fire": someone's weapons
    if t.dep_ == "compound" and any(c.dep_ in ("amod", "compound") and c.i < t.i and _lem(c) in _WEAPON_FIRE
                                    for c in t.head.children):
        return False  # "a friendly fire incident": the parser hangs the modifier on the head noun
    if t.dep_ == "pobj" and t.head.lower_ == "of" and _lem(t.head.head) in _WEAPON_FIRE:
        return False  # "an exchange of fire"
    if _lem(t.head) in _WEAPON_FIRE and t.dep_ in ("dobj", "pobj", "compound"):
        return False  # "opened fire", "came under fire", "an exchange of fire"
    return not (t.dep_ == "pobj" and t.head.lower_ == "under")


def _accidental(t: Token) -> bool:
    """An explosion whose source is an accidental one ("a gas cylinder explosion", "the explosion of a
    boiler", "an explosion at a chemical plant", "the boiler exploded")."""
    for c in t.children:
        if c.dep_ in ("compound", "amod", "nmod") and any(_source(x) for x in c.subtree):
            return True
        if c.dep_ == "prep" and c.lower_ == "of" and any(_source(x) for x in c.subtree):
            return True
    # where it happened: its own "at"/"in" phrase, or the one of the verb it is the subject or the cause of
    # ("killed in a blast at a coal mine", "a huge blast rocked a firecracker unit")
    verb = t.head if t.dep_ in ("nsubj", "pobj") else None
    if verb is not None and verb.dep_ == "prep":
        verb = verb.head
    places = [x for c in t.children if c.dep_ == "prep" and c.lower_ in ("at", "in", "inside")
              for x in c.children if x.dep_ == "pobj"]
    if verb is not None and verb.pos_ == "VERB":
        places += [x for c in verb.children if c.dep_ == "prep" and c.lower_ in ("at", "in", "inside")
                   for x in c.children if x.dep_ == "pobj" and x.i != t.i]
        if t.dep_ == "nsubj":
            places += [c for c in verb.children if c.dep_ == "dobj"]
    if any(_lem(x) in WORKPLACES or any(_source(y) for y in x.subtree) for x in places):
        return True
    for c in t.children:
        if c.dep_ == "acl" and _lem(c) in ("cause", "trigger", "spark") and any(_is_hazard(x) or _source(x)
                                                                            for x in c.subtree if x.i != t.i):
            return True
    return False


def _source(x: Token) -> bool:
    return _in(x, ACCIDENTAL_SOURCES)


def _accident_clause(v: Token) -> bool:
    """A verb of an accident ("two trains collided", "the canopy collapsed"), an explosion of an accidental
    source ("a boiler at a dye unit exploded"), or a hazard's doing ("an earthquake struck")."""
    if v.pos_ not in ("VERB", "AUX"):
        # a headline's verb tagged a noun: "Bus plunges into ravine", "Bus falls into gorge"
        return v.pos_ == "NOUN" and v.lower_.endswith("s") and (_word(v) in _HEADLINE_VERBS or (
            v.lower_ == "falls" and any(c.dep_ == "compound" and _in(c, FALLING_THINGS) for c in v.children)))
    lem = _lem(v)
    subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
    if lem in ACCIDENT_VERBS:
        return True
    if lem in ("fall", "come", "break", "burst", "breach", "give") and any(
            _in(s, FALLING_THINGS) for s in subjects):
        return True  # "a bus fell into a ravine", "a small plane came down on a street", "the dam broke"
        # (not "hit": "a jet hit targets")
    if lem in ("explode", "blow", "burst", "ignite"):
        # (a mine that explodes is a landmine: "a mine exploded in the village, killing a child")
        return any(_source(x) or (_lem(x) in WORKPLACES and _lem(x) != "mine") for s in subjects for x in s.subtree)
    if lem == "catch" and any(c.dep_ == "dobj" and _lem(c) == "fire" for c in v.children):
        return True  # "the bus caught fire"
    return lem in _HAZARD_DOINGS and any(_is_hazard(s) for s in subjects)


def _pit(t: Token) -> bool:
    """A mine dug for a mineral, not a landmine: "an illegal gold mine", "trapped in a coal mine"."""
    if _lem(t) == "mining" or t.lower_ == "mining":
        return True  # the industry: "the state mining company"
    return _lem(t) == "mine" and t.pos_ == "NOUN" and (
        any(c.dep_ in ("compound", "amod") and _lem(c) in MINERALS for c in t.children)
        or (t.dep_ == "pobj" and t.head.lower_ in ("at", "in", "inside", "into"))
        or (t.dep_ == "pobj" and t.head.lower_ == "of" and _lem(t.head.head) in _MINE_PARTS)
        or (t.dep_ == "compound" and _lem(t.head) in _MINE_PARTS))


_MINE_PARTS = frozenset({"shaft", "tunnel", "collapse", "worker", "management", "company", "ministry", "owner",
                         "operator", "site", "pit", "wall", "accident", "disaster", "rescue", "inspector"})


# -- causes ---------------------------------------------------------------------------------------------------
def _caused_by_hazard(tok: Token, sent: Span, kind: str | None) -> bool:
    """What did the harm at ``tok``: its doer, the clause it hangs on, or what it died of (module docstring)."""
    v = _clause_verb(tok)
    doers = _doers(v)
    if any(_hazard_phrase(d) for d in doers):
        return True
    if _died_of_hazard(v) or (v.i != tok.i and _died_of_hazard(tok)):
        return True
    # a participle or a conjunct shares the doer of the clause it hangs on: "a tornado tore through the town,
    # killing 25"; "floods destroyed 1,500 houses and killed 300"; "two trains collided, killing 19"
    cur = v
    for _ in range(3):
        if cur.dep_ not in ("advcl", "xcomp", "conj", "relcl", "acl") or cur.head.i == cur.i or doers:
            break
        cur = cur.head
        if _lem(cur) in _SPEECH:  # "Hurricane Eta killed 20, the government said, destroying homes"
            cur = next((c for c in cur.children if c.dep_ == "ccomp"), cur)
        if _accident_clause(cur) or _is_hazard(cur) or any(_hazard_phrase(d) for d in _doers(cur)):
            return True
        doers = _doers(cur)
    # no doer at all ("at least 8 dead", "several people injured", "seven workers died") in a hazard's sentence;
    # only a death or an injury: destruction with no doer named ("shops were burnt") may be anyone's doing
    return not doers and kind in (None, "kill")


def _clause_verb(tok: Token) -> Token:
    """The verb (or predicate adjective) whose clause the trigger belongs to; a noun trigger's own head noun
    keeps its reading ("the death toll from the floods")."""
    if tok.pos_ in ("VERB", "AUX", "ADJ"):
        return tok
    cur = tok
    for _ in range(3):
        if cur.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj", "prep", "compound", "conj") \
                and cur.head.i != cur.i:
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX"):
                return cur
        else:
            break
    return tok


def _doers(v: Token) -> list[Token]:
    """Who or what did the clause's deed: the active subject, the passive agent; never the victim of "died"."""
    if _lem(v) in _VICTIM_VERBS or (_lem(v) == "burn" and any(  # "nine burnt to death"
            c.dep_ == "prep" and any(_lem(x) == "death" for x in c.children) for c in v.children)):
        return [x for c in v.children if c.dep_ == "agent" for x in c.children if x.dep_ == "pobj"]
    # a headline's bare participle has its victims for subject: "Bus falls into gorge, 44 killed"
    headline = v.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in v.children)
    out = [c for c in v.children if c.dep_ == "nsubj" and c.lower_ not in ("that", "which", "who") and not headline]
    out += [x for c in v.children if c.dep_ == "agent" for x in c.children if x.dep_ == "pobj"]
    if not out and v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN"):
        out = [v.head]  # "a fire that gutted the market"
    return out


def _hazard_phrase(d: Token) -> bool:
    """A doer that is a hazard, or names one in its own phrase ("floods triggered by monsoon rains", "the
    collapse of a building", "a fire at a nursing home", "heavy rains and flooding")."""
    return _is_hazard(d) or _accident_clause(d) or any(
        _is_hazard(x) for x in (*d.conjuncts, *(c for c in d.children if c.dep_ in ("compound", "appos"))))


def _died_of_hazard(v: Token) -> bool:
    """The clause says what the harm came from: "died in a fire", "killed in a road accident", "died of
    cholera", "killed when a grain elevator exploded", "died after inhaling toxic fumes"."""
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ in _CAUSE_PREPS and any(
                _is_hazard(x) or _accident_clause(x) for x in c.subtree):
            return True
        if c.dep_ == "advcl" and (_accident_clause(c) or any(_hazard_phrase(s) for s in _doers(c))):
            return True
    return False


__all__ = ["ACCIDENTS", "ACCIDENTAL_SOURCES", "HAZARDS", "ILLNESSES", "NATURAL_FORCES", "hazard_harm"]
