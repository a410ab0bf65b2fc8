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

from frontlines.nlp.reality import _CAMPAIGNS, _cumulative_toll
from frontlines.nlp.taxonomy import _FAMILY, _Trig
from frontlines.nlp.trigger_match import _lem
from frontlines.nlp.triggers import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Nouns that make an event noun before or under them a type: the law, plan, power or risk *of* it.
FRAME_NOUNS = frozenset({
    "power", "order", "measure", "plan", "law", "legislation", "bill", "rule", "policy", "provision",
    "scheme", "system", "proposal", "strategy", "threat", "risk", "danger", "fear", "prospect", "possibility",
    "spectre", "practice", "principle", "right", "debate", "case", "review", "inquiry", "issue", "question",
    "culture", "legality", "safeguard", "clause", "amendment", "regulation", "experience", "history",
    "notion", "idea", "talk", "rumour", "rumor",
    # what is asked for has not happened: "a plea for the hostages' release", "calls for a ceasefire"
    "plea", "appeal", "call", "demand", "request",
})
# Modifiers that put a happening in the future or in the mind: "imminent withdrawal", "potential targets".
IRREALIS_MODIFIERS = frozenset({"imminent", "planned", "proposed", "possible", "potential", "future", "expected",
                                "threatened", "feared", "hypothetical", "envisaged",
                                "prospective", "eventual", "intended"})
# Nouns of custody that name a state (being held), not the act of taking someone: "the detentions in Cuba",
# "their detention breached the law". A dated one is news ("the detention of the journalist on Monday").
CUSTODY_STATES = frozenset({"detention", "internment", "imprisonment", "incarceration", "custody", "captivity"})
# Verbs whose object is the captive they took: "took 30 hostages", "seized hostages".
_TAKING = frozenset({"take", "seize", "capture", "grab", "abduct", "kidnap", "snatch"})
# Adjectives of being out of reach: "free from attack", "safe from shelling" name what does not happen.
SHELTER_ADJECTIVES = frozenset({"free", "safe", "immune", "secure"})
# Verbs that keep a thing from happening: "block aid from entering", "prevented troops from crossing".
PREVENTION_VERBS = frozenset({"block", "prevent", "stop", "bar", "ban", "keep", "prohibit", "deter", "restrict",
                              "forbid"})
# Modifiers of a trend: "increasing attacks", "growing protests" name a tendency, not one happening.
TREND_MODIFIERS = frozenset({"increasing", "growing", "rising", "mounting", "recurrent", "recurring"})
# Nouns of answering: "in response to the attacks", "in retaliation for the bombing".
REACTIONS = frozenset({"response", "retaliation", "reaction", "reprisal", "revenge", "answer"})
# Verbs of penalty: "sentenced to death" names a punishment, not a killing.
_PENALTY = frozenset({"sentence", "condemn"})
# Doers whose attacks are made of words: "targeted by the newspaper", "the poster attacks the leader".
SPEECH_DOERS = frozenset({"newspaper", "paper", "media", "press", "report", "article", "editorial", "column",
                          "critic", "advert", "advertisement", "ad", "poster", "tabloid", "broadcaster", "blog",
                          "speech", "letter", "statement", "book"})
# Determiners of a kind, not of one happening.
GENERIC_DETERMINERS = frozenset({"such", "any", "every", "all", "whatever"})
# Objects of a violent verb that are ideas, policies, records or conditions: the verb is figurative.
ABSTRACT_OBJECTS = frozenset({
    "poverty", "racism", "crime", "corruption", "disease", "inflation", "unemployment", "climate", "change",
    "discrimination", "injustice", "inequality", "hunger", "illiteracy", "prejudice", "bigotry", "drug", "drugs",
    "way", "idea", "plan", "proposal", "policy", "decision", "record", "comment", "remark", "claim", "view",
    "bill", "law", "measure", "reform", "budget", "tax", "strategy", "handling", "approach", "stance", "position on",
    "form", "issue", "seat", "election", "case", "charge", "ruling", "verdict", "legislation", "scheme", "cut",
    "notion", "belief", "argument", "report", "rule", "regulation", "culture", "attitude", "complacency",
    "apathy", "obesity", "waste", "fraud", "spam", "virus", "piracy", "deficit", "price", "cost", "deal",
    "move", "right", "terror", "terrorism", "extremism", "radicalisation", "radicalization", "threat",
    "activity", "repression", "misinformation", "disinformation", "trafficking", "smuggling", "time", "programme", "program", "effort", "agenda", "project", "poster", "speech",
    "advert", "article", "remarks", "policies", "ceasefire", "peace", "cause", "interest", "goal",
    "solution", "dialogue", "negotiation", "talk", "future", "photo", "video", "image", "recording", "footage",
    "attention", "imagination", "moment", "market", "share", "vote", "heart", "mood", "spirit", "deadline",
})
# What markets trade: "the rand rallied", "stocks marched higher", "speculators attacked the pound" are the
# markets' figures of speech, whatever the verb. Currencies, instruments and commodities, by meaning.
MARKET_THINGS = frozenset({
    "market", "stock", "share", "equity", "bond", "yield", "index", "future", "option", "currency", "dollar",
    "euro", "yen", "pound", "sterling", "franc", "rupee", "rupiah", "peso", "real", "rand", "naira", "lira",
    "rouble", "ruble", "yuan", "renminbi", "won", "ringgit", "baht", "dinar", "dirham", "riyal", "shekel",
    "krona", "krone", "zloty", "forint", "hryvnia", "cedi", "shilling", "bitcoin", "crypto", "cryptocurrency",
    "oil", "crude", "gold", "silver", "copper", "commodity", "price", "asset", "note", "gilt", "treasury",
    "benchmark", "sensex", "nikkei", "dow", "nasdaq", "ftse", "dax", "cac", "hang", "kospi", "nifty", "s&p",
})
# Verbs of demonstrating: a happening only when people do it ("teachers rallied", not "the dollar rallied").
DEMONSTRATION_VERBS = frozenset({"rally", "march", "protest", "demonstrate"})
# Titles of people whose attacks are made of words: "attacks on the agency by the prime minister".
SPEAKER_TITLES = frozenset({"president", "minister", "leader", "senator", "mp", "politician", "lawmaker",
                            "chancellor", "spokesman", "spokeswoman", "spokesperson", "mayor", "governor",
                            "candidate", "secretary", "chairman", "premier", "commentator", "columnist"})
# Event nouns that name a campaign against something: "the fight against poverty", "the war on terror".
CAMPAIGN_NOUNS = frozenset({"fight", "war", "battle", "struggle", "campaign", "crusade", "offensive", "assault"})
# Adverbs that say an attack is made with words.
FIGURATIVE_ADVERBS = frozenset({"politically", "verbally", "publicly", "personally", "rhetorically"})
# Verbs (lemmas) that are violent only when what they act on is a person, a group, a place or a thing.
FIGURATIVE_VERBS = frozenset({"attack", "fight", "target", "battle", "combat", "tackle", "strike", "hit", "clash",
                              "surrender", "abandon", "withdraw", "assault", "bomb", "blast", "shoot", "advance",
                              "capture", "dismantle", "destroy", "seize", "storm"})
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"})
_EXPLOSIVE = frozenset({"bomb", "bomber", "bombing", "blast", "explosion", "explode", "detonate", "vest", "belt",
                        "car", "attack", "attacker", "self-detonate", "ied", "blow", "explosive", "truck", "vbied"})
_DEATH_NOUNS = frozenset({"death", "die", "dead", "fatality", "casualty", "suicide"})
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_DECADE = re.compile(r"^((?:1[89]|20)\d)0s$")
# Heads an event noun may modify and still name an event ("bomb attack", "protest march", "ceasefire deal").
EVENT_HEADS = frozenset({
    "attack", "strike", "raid", "incident", "explosion", "blast", "operation", "offensive", "barrage", "fire",
    "onslaught", "assault", "bombardment", "clash", "battle", "fighting", "protest", "rally", "march",
    "demonstration", "killing", "death", "toll", "casualty", "victim", "wave", "spree", "campaign", "deal",
    "agreement", "accord", "talk", "exchange", "release", "kidnapping", "abduction", "plot", "bombing", "shooting",
    "violence", "unrest", "riot", "crackdown", "sit-in", "ambush", "massacre", "hit", "round",
})
# Things named after a weapon that are no attack: "bomb shelter", "bomb disposal squad", "missile defence".
WEAPON_THINGS = frozenset({"shelter", "squad", "disposal", "scare", "threat", "hoax", "detector", "proof", "maker",
                           "expert", "defence", "defense", "test", "programme", "program", "treaty", "factory",
                           "shield", "warning", "drill", "siren", "museum",
                           # the trade in a weapon: "domestic drone production", "missile exports"
                           "production", "manufacturing", "manufacturer", "industry", "export", "import", "sale",
                           "supply", "supplier", "technology", "research", "development", "procurement"})
# Verbs of planning, plotting or debating: what they take is not (yet) a happening.
PLAN_VERBS = frozenset({"plot", "conspire", "contemplate", "lobby", "advocate", "want",
                        "seek", "plan", "propose", "consider", "urge", "demand", "allow", "permit", "authorise",
                        "authorize", "legalise", "legalize", "ban", "outlaw", "introduce", "prepare",
                        # what one promotes has not happened yet: "focus on advancing a ceasefire"
                        "advance", "promote", "support", "pursue", "encourage"})
# What kills without a perpetrator: a death from one of these is a disaster, an accident or an illness.
NATURAL_CAUSES = frozenset({"fire", "blaze", "flood", "flooding", "earthquake", "quake", "tsunami", "storm",
                            "hurricane", "cyclone", "typhoon", "landslide", "avalanche", "drought", "famine",
                            "disease", "illness", "cancer", "covid", "cholera", "malaria", "virus", "outbreak",
                            "epidemic", "pandemic", "crash", "accident", "collision", "heatwave", "heat", "cold",
                            "overdose", "drowning", "collapse", "eruption", "custody", "suicide", "age"})
# Words that put an agreement between conflict parties (ACLED's Agreement), not between governments or firms.
CONFLICT_WORDS = frozenset({"ceasefire", "cease-fire", "truce", "armistice", "hostage", "prisoner", "captive",
                            "detainee", "rebel", "militant", "militia", "insurgent", "guerrilla", "fighter",
                            "armed", "army", "troops", "military", "force", "war", "conflict", "fighting",
                            "hostility", "disarmament", "demobilisation", "demobilization", "surrender", "clan",
                            "faction", "jihadist", "combatant", "regime", "junta", "opposition", "tribe", "tribal",
                            "peace", "bloodshed", "violence", "soldier", "commander", "warlord", "gang"})
_VEHICLES = frozenset({"aircraft", "jet", "helicopter", "warplane", "plane", "drone", "fighter", "bomber",
                       "gunship", "air"})
_ATTACK_WORDS = frozenset({"attack", "strike", "bomb", "bombing", "hit", "target", "fire", "shell", "raid", "pound",
                           "kill", "wound", "destroy", "shoot", "launch", "drop", "sortie", "missile", "rocket",
                           "airstrike", "bombard", "struck", "down", "crash", "explode", "blast", "injure"})
_CHEMICAL_USE = frozenset({"use", "used", "gas", "poison", "expose", "exposure", "weapon", "weapons", "fall", "land",
                           "canister", "barrel", "munition", "release", "deliver", "victim", "symptom",
                           "suffocation", "suffocate", "choke", "inhale", "inhalation", "sarin", "chlorine",
                           "mustard", "nerve", "toxic"})
_LABOUR = frozenset({"miner", "worker", "teacher", "doctor", "nurse", "driver", "staff", "employee", "union",
                     "general", "national", "rail", "transport", "pilot", "dock", "student", "lawyer", "prison"})
_INSTITUTIONS = frozenset({"sector", "agency", "service", "institution", "authority", "system", "government",
                           "ministry", "administration", "movement", "network", "organisation", "organization",
                           "party", "union", "company", "firm", "bureaucracy", "establishment"})
# Contests of sport: "a league clash", "the Scottish Cup clash", "the title battle" are matches, not fighting.
SPORT_CONTESTS = frozenset({"cup", "league", "derby", "semi-final", "semifinal", "quarter-final", "quarterfinal",
                            "playoff", "play-off", "tournament", "championship", "fixture", "premiership", "match",
                            "title", "final", "grand-final", "trophy", "qualifier"})
_CONTEST_HEADS = frozenset({"clash", "battle", "fight", "showdown", "encounter", "duel", "siege"})
_MEMBERSHIP = frozenset({"party", "union", "organisation", "organization", "club", "school", "league", "committee",
                         "parliament", "council", "team", "church", "association", "cabinet", "board", "group"})


def not_an_occurrence(tr: _Trig, tok: Token, sent: Span, when: date | None = None,
                      others: list[_Trig] | None = None) -> str | None:
    """Why the trigger ``tr`` (at ``tok``) names no bounded happening ("generic", "figurative",
    "sense", "history"), or None when it may name one. ``others`` are the sentence's other triggers
    (a death beside an attack word is the attack's outcome, not a death nobody caused)."""
    others = others or []
    return (_name(tok, sent, tr.kind, tr.text) or _wrong_sense(tr, tok, sent, others, when)
            or _state(tr, tok, sent) or _framed(tr, tok) or _cause_only(tr, tok, sent, others)
            or (_generic_noun(tok, others, tr.kind) if tok.pos_ in ("NOUN", "PROPN") else None)
            or (_figurative(tok) if tok.pos_ == "VERB" else None)
            or _irrealis(tok)
            or (_history(sent, when, tok) if when is not None else None))


# -- names -------------------------------------------------------------------------------------
def _name(tok: Token, sent: Span, kind: str, text: str) -> str | None:
    """A trigger word inside a name is no happening: "the Air Force", "The Intercept", "CIA Director
    William Burns", "the Treaty on the Prohibition of Nuclear Weapons". A title-case headline tags every
    word a proper noun, so it is not read this way."""
    if tok.pos_ != "PROPN" or tok.ent_type_ not in ("ORG", "PERSON", "WORK_OF_ART", "LAW", "FAC", "PRODUCT"):
        return None
    # the last word of a capitalised phrase may be its head noun ("Turkish Warplanes targeted ..."): a violent
    # head keeps its reading; a name's first words ("Air Force") and other heads ("The Intercept") do not
    last = tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].ent_iob_ != "I"
    if last and len(text.split()) == 1 and _FAMILY.get(kind) in ("battle", "remote", "kill", "protest", "abduct",
                                                                  "sexual"):
        return None
    return None if _title_case(sent) else "name"


def _title_case(sent: Span) -> bool:
    """A headline in title case: the parser tags its words proper nouns and mis-attaches them."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return bool(words) and sum(t.text[:1].isupper() for t in words) > 0.6 * len(words)


# -- senses ------------------------------------------------------------------------------------
def _wrong_sense(tr: _Trig, tok: Token, sent: Span, others: list[_Trig], when: date | None) -> str | None:
    low = tok.lower_
    if tr.kind == "agreement":
        # "according to reports": a preposition, not an accord
        if low == "according" or (tok.dep_ == "prep" and _lem(tok) == "accord"):
            return "sense"
        # "deal with the problem", "to deal with how we tackle it": the verb of handling
        if _lem(tok) == "deal" and tok.pos_ == "VERB" and any(c.dep_ == "prep" and c.lower_ == "with"
                                                              for c in tok.children):
            return "sense"
    # the month: "On 10 March", "when it comes for renewal in March"
    if tr.kind in ("protest", "movement") and low in _MONTHS and (
            tok.ent_type_ == "DATE" or (tok.text[:1].isupper() and tok.i > sent.start)):
        return "sense"
    if tr.kind == "suicide" and not any(w in _EXPLOSIVE or w.rstrip("s") in _EXPLOSIVE
                                        for w in tr.text.lower().split()) and not any(
            _lem(x) in _EXPLOSIVE or x.lower_ in _EXPLOSIVE for x in sent if x.i != tok.i):
        # "those committing suicide": a suicide bombing needs a bomb, a blast or an attack
        return "sense"
    if tr.kind == "kill" and _lem(tok) in _DEATH_NOUNS and _natural(tok, sent, tr, others):
        return "sense"
    if tr.kind == "agreement":
        # ACLED's Agreement is between conflict parties; "ceasefire line" names a thing
        if tok.dep_ == "compound" and _lem(tok.head) not in EVENT_HEADS:
            return "sense"
        # "peace" alone is too loose ("peace and prosperity"); beside the trigger it names a peace deal
        if not _conflict_party(sent, tok, when):
            return "sense"
    if tr.kind == "group_change" and not _conflict_party(sent, tok, when):
        return "sense"  # "an MP has defected to Labour", "form a new government": ACLED means armed groups
    if tr.kind == "air" and _lem(tok) in _VEHICLES and not _violent_other(tr, sent, others) and not any(
            (_lem(x) in _ATTACK_WORDS or x.lower_ in _ATTACK_WORDS) for x in sent if x.i != tok.i):
        return "sense"  # "aircraft committed to the relief operation", "an aircraft carrier group"
    if tr.kind == "air" and _lem(tok) == "strike" and tok.pos_ == "NOUN" and any(
            (c.dep_ in ("poss", "compound", "amod") and _lem(c) in _LABOUR) for c in tok.children):
        return "sense"  # "a miners' strike", "a general strike": a labour strike is no air strike
    if _lem(tok) == "take" and any(c.dep_ == "dobj" and c.lower_ in ("part", "place", "note", "care", "advantage")
                                   for c in tok.children):
        return "sense"  # "take part", "took place"
    if tr.kind in ("capture", "withdraw") and any(
            c.dep_ == "prep" and c.lower_ == "from" and any(_lem(x) in _MEMBERSHIP for x in c.children)
            for c in tok.children):
        return "sense"  # "expelled from the party", "withdrew from the committee"
    if _lem(tok) == "engage" and any(c.dep_ == "prep" and c.lower_ == "in" and not any(
            _lem(x) in ("fighting", "clash", "battle", "combat", "firefight", "hostility", "exchange", "gunfight")
            for x in c.children) for c in tok.children):
        return "sense"  # "engaged in plotting", "engaged in oppression"
    if _lem(tok) == "target" and tok.pos_ == "NOUN":
        return "sense"  # "potential targets", "the target is a politician": a target is not a happening
    if _lem(tok) == "advance" and tok.pos_ == "NOUN" and _lem(tok.head) == "make" and any(
            c.dep_ == "prep" and any(x.dep_ == "pcomp" for x in c.children)
            for c in (*tok.children, *tok.head.children)):
        return "sense"  # "made great advances in improving its record"
    if tr.kind == "protest" and tok.dep_ == "pobj" and tok.head.lower_ == "in" and _lem(tok.head.head) in (
            "resign", "quit", "leave", "abstain", "step"):
        return "sense"  # "resigned in protest": a resignation, not a demonstration
    if tok.pos_ == "VERB" and ((tok.dep_ in ("acl", "xcomp") and _frame_noun(tok.head)) or (
            tok.tag_ == "VB" and tok.i >= 2 and tok.doc[tok.i - 1].lower_ == "to" and _frame_noun(tok.doc[tok.i - 2]))):
        return "sense"  # "powers to detain suspects", "the right to arrest": a power, not its use
    if tr.kind == "capture" and tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in ("under", "in"):
        return "sense"  # "areas under the control of the government": a state of affairs, not a capture
    if tr.kind == "chemical" and not _violent_other(tr, sent, others) and not any(
            _lem(x) in _ATTACK_WORDS or _lem(x) in _CHEMICAL_USE or x.lower_ in _CHEMICAL_USE for x in sent):
        return "sense"  # "composite materials, chemicals and gas extraction"
    if tok.pos_ == "NOUN" and _lem(tok) in ("attack", "assault", "broadside", "offensive") and any(
            c.dep_ == "prep" and c.lower_ == "by" and any(_speaker(x) for x in c.children if x.dep_ == "pobj")
            for c in (*tok.children, *_active_verb_children(tok), *_target_children(tok))):
        return "figurative"  # "attacks on the agency by the prime minister"
    if _lem(tok) == "offensive" and tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "attr", "conj"):
        return "sense"  # "offensive to many people"
    if _lem(tok) == "demonstrate" and any(c.dep_ in ("dobj", "ccomp") for c in tok.children):
        return "sense"  # "demonstrated his commitment": to show, not to protest
    if _lem(tok) in _CONTEST_HEADS and _sport_contest(tok, sent):
        return "sense"  # "the third round Scottish Cup clash", "a league battle": a match
    return None


def _sport_contest(tok: Token, sent: Span) -> bool:
    """A clash or battle named by the contest it belongs to: a noun modifier that is a sports competition
    ("league clash", "title battle"), or one written just before it when the parser, misled by a capitalised
    name ("Scottish Cup clash"), reads the trigger as a verb. "Fans clashed with police after the cup final"
    keeps its reading: there the contest is where the fighting happened, not the trigger's name."""
    if any(c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("NOUN", "PROPN") and _lem(c) in SPORT_CONTESTS
           for c in tok.children):
        return True
    prev = tok.doc[tok.i - 1] if tok.i > sent.start else None
    return (prev is not None and prev.pos_ in ("NOUN", "PROPN") and prev.lower_ in SPORT_CONTESTS
            and not any(c.dep_ in ("nsubj", "nsubjpass") and c.i != prev.i for c in tok.children))


def _frame_noun(t: Token) -> bool:
    """A frame noun used as a noun ("powers", "the right"), not the verb "claim" nor "in order to"."""
    return t.pos_ == "NOUN" and _lem(t) in FRAME_NOUNS and not (t.lower_ == "order" and t.i > 0
                                                                 and t.doc[t.i - 1].lower_ == "in")


def _conflict_party(sent: Span, tok: Token, when: date | None) -> bool:
    """Whether the sentence names a party to a conflict: a conflict word ("ceasefire", "rebels", "troops";
    "peace" only beside the trigger, "peace and prosperity" is no peace deal) or an armed actor the
    registry knows (a rebel group, a militia, an external force, a country's military)."""
    if any((_lem(x) in CONFLICT_WORDS or x.lower_ in CONFLICT_WORDS) and (_lem(x) != "peace" or abs(x.i - tok.i) <= 3)
           for x in sent):
        return True
    from frontlines.nlp.actors import ActorRegistry
    from frontlines.nlp.doc_text import span_text

    # (a country's name alone is no party: "a deal bringing Turkey closer to the EU"; its army is named by
    # a conflict word above)
    return any(ref.inter in (2, 3, 4, 8) for _s, _e, ref in ActorRegistry.default().find(span_text(sent), when=when))


def _target_children(tok: Token) -> list[Token]:
    """The children of what an attack is on, and of the noun that counts it (the parser may attach the
    attacker's "by" phrase to either: "a series of attacks on the organisation by the president")."""
    out = [y for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
           for x in c.children if x.dep_ == "pobj" for y in x.children]
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        out += list(tok.head.head.children)
    return out


def _active_verb_children(tok: Token) -> list[Token]:
    """The children of the active verb a noun phrase hangs on (the parser often attaches a noun's
    "by" phrase there: "followed months of attacks on the agency by the minister")."""
    cur = tok
    for _ in range(4):
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return [] if any(c.dep_ == "auxpass" for c in cur.children) else list(cur.children)
        if cur.head.i == cur.i:
            break
    return []


def _speaker(x: Token) -> bool:
    """A person named by a political title ("President Donald Trump", "the prime minister")."""
    return _lem(x) in SPEAKER_TITLES or any(c.dep_ == "compound" and _lem(c) in SPEAKER_TITLES for c in x.children) \
        or (x.ent_type_ == "PERSON" and any(_lem(c) in SPEAKER_TITLES for c in x.subtree))


def _natural(tok: Token, sent: Span, tr: _Trig, others: list[_Trig]) -> bool:
    """Whether a death is nobody's doing: the sentence names a disaster, an accident, an illness or
    custody ("the death toll from a fire rose to 10", "deaths in custody"), and no violent trigger
    beside it (a death beside an attack is the attack's toll; "the dead included children" in a war
    report is too)."""
    if _violent_other(tr, sent, others):
        return False
    return any(_lem(x) in NATURAL_CAUSES for x in sent)


def _violent_other(tr: _Trig, sent: Span, others: list[_Trig]) -> bool:
    return any(_FAMILY.get(o.kind) in ("battle", "remote", "protest", "abduct", "sexual") or
               (o.kind == "kill" and _lem(sent.doc[o.i]) not in _DEATH_NOUNS) for o in others if o.i != tr.i)


# -- states and frames ---------------------------------------------------------------------------
def _state(tr: _Trig, tok: Token, sent: Span) -> str | None:
    """A state that holds, not a happening: custody ("the detentions in Cuba", "suspects detained without
    trial", "the treatment they received while detained"), people held ("force Hamas to free the remaining
    hostages"), a trend ("increasing attacks"), an abstract death ("death looms large", "sentenced to
    death"). A date in the sentence makes custody news ("the detention of the journalist on Monday"), and
    an agent or an auxiliary makes a participle a report ("two men arrested by police")."""
    if tr.kind == "arrest":
        if any(c.dep_ == "advmod" and c.lower_ == "indefinitely" for c in tok.children):
            return "state"
        if not _dated(sent) and tok.pos_ == "NOUN" and (_lem(tok) in CUSTODY_STATES or (
                tok.dep_ == "pobj" and tok.head.lower_ == "under")):
            return "state"  # "the detentions in Cuba", "placing suspects under house arrest could mean ..."
        # a reduced relative or a bare participle describes people by their condition
        if not _dated(sent) and tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl", "amod") and not any(
                c.dep_ in ("agent", "aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children):
            return "state"
    if tr.kind == "abduct" and tok.pos_ == "NOUN" and _lem(tok) == "hostage" and " " not in tr.text.strip() \
            and not (tok.dep_ in ("dobj", "oprd", "attr", "npadvmod", "advmod") and _lem(tok.head) in _TAKING):
        return "state"  # "hostages" names people held; "took 30 hostages" is the taking
    if tok.tag_ == "NNS" and any(c.dep_ == "amod" and c.lower_ in TREND_MODIFIERS for c in tok.children):
        return "habitual"
    lex = lexicon()
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.pos_ == "NOUN" and any(c.dep_ == "acl" and any(g.dep_ == "advmod" and g.lower_ in lex.habitual
                                                            for g in c.children) for c in first.children):
        return "habitual"  # "bombings and shootings recorded weekly"
    # "(a ruling that) detaining suspects indefinitely is unlawful": a gerund judged in the present tense
    if tok.tag_ == "VBG" and tok.dep_ == "csubj" and _lem(tok.head) == "be" and tok.head.tag_ in ("VBZ", "VBP") \
            and not _dated(sent):
        return "generic"
    if _lem(tok) in _CAMPAIGNS and tok.dep_ == "nsubj" and _cumulative_toll(tok.head):
        return "cumulative"  # "the assault has killed 52,000": the campaign of a running toll
    if tr.kind == "kill" and tok.lower_ == "death" and not any(
            c.dep_ in ("det", "poss", "nummod", "prep", "compound") for c in tok.children) and not (
            tok.dep_ == "pobj" and tok.head.lower_ == "to" and _lem(tok.head.head) not in _PENALTY):
        return "generic"  # bare "death" is a notion; "beaten to death" keeps its killing
    return None


def _framed(tr: _Trig, tok: Token) -> str | None:
    """What a frame noun, a shelter or a prevention governs did not happen: "without risk of them being
    tortured", "a strategy including the phased withdrawal", "a system for battlefield strikes", "impose
    control orders", "live free from terrorist attack", "block aid from entering the city"."""
    last = tok.doc[tr.end - 1] if tr.end - 1 > tok.i else tok
    if last.dep_ == "compound" and _frame_noun(last.head):
        return "generic"
    head = tok
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    prep = head.head
    if head.dep_ == "pcomp" and prep.lower_ in ("of", "for") and _frame_noun(prep.head):
        return "generic"
    if head.dep_ == "pobj" and prep.lower_ in ("including", "for") and (_frame_noun(prep.head) or (
            prep.lower_ == "for" and prep.head.pos_ == "VERB"
            and any(c.dep_ == "dobj" and _frame_noun(c) for c in prep.head.children))):
        return "generic"  # "renewed his plea for the release": the parser hangs "for" on the verb
    if head.dep_ == "pobj" and prep.lower_ in ("from", "against") and _lem(prep.head) in SHELTER_ADJECTIVES:
        return "negated"
    if head.dep_ == "pcomp" and prep.lower_ == "from" and _lem(prep.head) in PREVENTION_VERBS:
        return "hypothetical"
    return None


def _cause_only(tr: _Trig, tok: Token, sent: Span, others: list[_Trig]) -> str | None:
    """An event named as what something answered ("legislation in response to the attacks") is a cause,
    not the news, when nothing violent answered it; "in response to clashes, coalition forces fired
    missiles" is one engagement, and the clash stays."""
    if tok.pos_ != "NOUN" or tok.dep_ != "pobj" or tok.head.dep_ != "prep" or _lem(tok.head.head) not in REACTIONS:
        return None
    return None if _violent_other(tr, sent, others) else "background"


# -- generic nouns -----------------------------------------------------------------------------
def _generic_noun(tok: Token, others: list[_Trig], kind: str) -> str | None:
    # "bomb shelters", "protest leaders": the event noun qualifies a thing (an event head keeps it:
    # "bomb attack", "protest march", and so does a head that is itself a trigger)
    if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and _lem(tok.head) not in EVENT_HEADS \
            and not _title_case(tok.sent) \
            and not (tok.i > 0 and tok.doc[tok.i - 1].lower_ == "to") \
            and tok.head.i not in {o.i for o in others} and not (
                _lem(tok).rstrip("s") in _VEHICLES and _lem(tok.head).rstrip("s") in _VEHICLES) \
            and (_FAMILY.get(kind) != "remote" or _lem(tok.head) in WEAPON_THINGS):
        # a weapon word qualifies its munition or carrier ("gas canisters", "mortar rounds"): only a
        # place or a trade made of the weapon is no attack ("bomb shelters", "bomb disposal squads")
        return "generic"
    if any(c.dep_ in ("amod", "compound") and _lem(c) in IRREALIS_MODIFIERS for c in tok.children):
        return "hypothetical"
    # "plotting terror attacks", "wants house arrest", "measures to allow detention": planned, not done
    if tok.dep_ in ("dobj", "nsubjpass") and _lem(tok.head) in PLAN_VERBS:
        return "hypothetical"
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
    if _lem(tok) in DEMONSTRATION_VERBS:
        doers = [c for c in tok.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
        return "figurative" if doers and all(_market(d) for d in doers) else None
    if _lem(tok) == "infiltrate":
        # "criminals have infiltrated the public sector", "UNRWA has been infiltrated by Hamas": an
        # organisation is entered by its members, a town or a base by fighters
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if objects and all((o.ent_type_ == "ORG" and not _title_case(o.sent)) or _lem(o) in _INSTITUTIONS
                           for o in objects):
            return "figurative"
        return None
    if _lem(tok) not in FIGURATIVE_VERBS:
        return None
    if any(c.dep_ == "advmod" and c.lower_ in FIGURATIVE_ADVERBS for c in tok.children):
        return "figurative"
    # "schemes that target citizens", "the law attacks our freedoms": an abstract doer is a figure of speech
    doers = [c for c in tok.children if c.dep_ == "nsubj"]
    if doers and doers[0].lower_ in ("that", "which") and tok.dep_ == "relcl":
        doers = [tok.head]
    doers += [x for c in tok.children if c.dep_ == "agent" for x in c.children if x.dep_ == "pobj"]
    if doers and all(d.pos_ == "NOUN" and (_abstract(d) or _lem(d) in SPEECH_DOERS) for d in doers):
        return "figurative"
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [x for c in tok.children if c.dep_ == "prep" and c.lower_ in ("against", "on")
                for x in c.children if x.dep_ == "pobj"]
    if not objects:
        return None
    heads = [o for o in objects if o.pos_ in ("NOUN", "PROPN", "PRON")]
    if heads and all(_abstract(o) for o in heads):
        return "figurative"
    return None


def _market(o: Token) -> bool:
    """A currency, an instrument or a commodity ("the rand", "Tokyo stocks", "the Nikkei")."""
    return o.ent_type_ not in ("GPE", "LOC", "FAC", "NORP", "PERSON") and (
        _lem(o) in MARKET_THINGS or o.lower_ in MARKET_THINGS)


def _abstract(o: Token) -> bool:
    if o.ent_type_ in ("GPE", "LOC", "FAC", "NORP", "ORG", "PERSON"):
        return False
    lem = _lem(o)
    if lem in ABSTRACT_OBJECTS or _market(o):
        return True
    # "all forms of racism", "the issue of X": a kind noun with an abstract complement
    return lem in ("form", "kind", "type", "issue", "problem", "scourge") and any(
        _lem(x) in ABSTRACT_OBJECTS for c in o.children if c.dep_ == "prep" for x in c.children)


# -- irrealis ----------------------------------------------------------------------------------
def _irrealis(tok: Token) -> str | None:
    """A modal or a verb of asking higher up the clause chain ("Terrorists might try to target the UK",
    "asking for troops to be pulled out", "set out a strategy, including the phased withdrawal" under
    "should"); and a bare present-tense verb in running text, which states what happens in general
    ("before they attack", "gangs that bomb rivals") rather than what happened."""
    lex = lexicon()
    cur = tok
    through_ccomp = through_noun = False
    verbal = True  # every step so far is a verb's complement (xcomp)
    for _ in range(6):
        if cur.head.i == cur.i:
            break
        if cur.dep_ == "relcl":
            # "a plan that includes the withdrawal": the clause describes a plan, a bill, a proposal
            if _lem(cur.head) in FRAME_NOUNS | {"strategy", "proposal", "plan", "bill", "deal", "offer"}:
                return "hypothetical"
            break
        if cur.dep_ not in ("xcomp", "ccomp", "pobj", "prep", "dobj", "pcomp", "appos", "compound", "amod",
                            "nsubjpass", "acl", "advcl"):
            break
        if cur.dep_ == "advcl" and not any(c.dep_ in ("mark", "aux") and c.lower_ in ("for", "to")
                                           for c in cur.children):
            break
        through_ccomp = through_ccomp or cur.dep_ == "ccomp"
        step = cur
        through_noun = through_noun or (cur.i != tok.i and cur.pos_ in ("NOUN", "PROPN"))
        verbal = verbal and cur.dep_ == "xcomp"
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            # a modal over a reported clause is the reporter's ("officials could not confirm it was hit")
            # a modal scopes over its verb's complements ("might try to target"), not over the things
            # its objects are about ("should be allowed access to the site of the attack") nor over a
            # purpose clause ("will meet to discuss the attack")
            if verbal and any(c.dep_ == "aux" and c.lower_ in lex.modal and c.lower_ != "'d" for c in cur.children):
                return "hypothetical"
            # "has not sent troops to fight", "we are not exercising to join the fight"
            if not through_ccomp and step.dep_ in ("xcomp", "advcl", "dobj") and any(
                    c.dep_ == "neg" for c in cur.children):
                return "negated"
            # "called for troops to be pulled out", not "called for its expulsion over clashes"
            # the thing asked for is the trigger itself, not something about it ("called for investigations
            # into the attack" asks for an inquiry into a real attack)
            if _lem(cur) in ("ask", "call", "urge", "press", "plead", "appeal", "lobby", "encourage") and not through_noun and (
                    step.dep_ in ("xcomp", "ccomp", "advcl") or (step.dep_ == "prep" and step.lower_ == "for")):
                return "hypothetical"
    if tok.pos_ == "VERB" and tok.tag_ in ("VBP", "VBZ") and not any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        sent = tok.sent
        ends = sent[-1].text in (".", "!", "?", '"', "”") and len(sent) > 6
        # a verb with its own subject: a noun mis-tagged as a verb ("Shelling and airstrikes on X") has none
        # (not a reported clause: "officials say rebels hold the town" is news in the present tense)
        if ends and tok.dep_ in ("advcl", "relcl", "conj") and not _dated(sent) and any(
                c.dep_ == "nsubj" for c in tok.children):
            return "habitual"
    return None


# -- history -----------------------------------------------------------------------------------
def _history(sent: Span, when: date, trigger: Token) -> str | None:
    """Every year the sentence writes is at least two years before the publication: background."""
    years = []
    for t in sent:
        decade = _DECADE.match(t.text)
        if not decade and not _YEAR.match(t.text):
            continue
        if t.ent_type_ in ("TIME", "CARDINAL", "QUANTITY", "MONEY") or (
                t.ent_type_ != "DATE" and t.head.lower_ not in ("in", "between", "during", "of", "and")):
            continue  # "at 1850 (Syrian time)", "1850 people": not a year
        if any(a.lower_ in ("since", "until", "till", "by") for a in (t.head, *(c for c in t.children))):
            return None  # "since 2011": a period that runs to now
        year = int(decade.group(1)) * 10 + 9 if decade else int(t.text)
        if _dates_clause(t, trigger):
            years.append(year)
        elif year > when.year - 2:
            return None  # a recent year anywhere in the sentence: not plainly background
    if years and max(years) <= when.year - 2:
        return "history"
    return None


def _dates_clause(year: Token, trigger: Token) -> bool:
    """Whether a year dates the clause the trigger is in: it hangs (as "in 1989", "between 1999 and 2003",
    "in the 1970s") on a verb that is the trigger or governs it. A year inside a noun phrase ("Bahrain's
    2011 uprising", "the anniversary of 2011") names what is commemorated, not when this happened."""
    cur = year
    for _ in range(4):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur.i == trigger.i or cur in trigger.ancestors
        if cur.pos_ in ("NOUN", "PROPN") and cur.dep_ != "pobj" and cur.lower_ not in _MONTHS:
            return False
    return False


__all__ = ["ABSTRACT_OBJECTS", "FRAME_NOUNS", "GENERIC_DETERMINERS", "not_an_occurrence"]
