"""Place mentions in a parsed sentence, each with its role for the event.

Where the places come from:

* spaCy's GPE / LOC / FAC entities;
* a gazetteer-backed matcher for what the small models miss (they do not know
  Aleppo's districts, and often call "Hanano" a person): proper-noun chunks in
  a locative position (object of in/at/near/..., object of a capture verb) or
  known to a user-loaded gazetteer layer are kept when the gazetteer has a
  confident entry for them.

Mentions are widened to the words that change their extent ("northern Hama",
"the countryside of Idlib", "Idlib countryside", "near Raqqa"), so the geocoder
can set geo_precision from them.

Roles, decided syntactically relative to the trigger verb:

* ``announced``: where a statement was made ("..., the ministry said in
  Damascus"; a dateline "DAMASCUS, Syria (AP) -");
* ``event``: the place nearest the trigger by dependency path, preferring one
  attached to it through a locative preposition or as the object of a capture
  verb; coordinated places ("in Hanano and Holok") share the role;
* ``other``: everything else.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from frontlines.mention import PlaceMention

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from frontlines.geo import Geocoder

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# The small models call Aleppo a LANGUAGE or NORP now and then; only number-like labels rule a chunk out.
NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "on", "into", "inside", "outside", "around", "across", "within",
                            "throughout", "toward", "towards", "through", "along", "off", "beyond", "nearby",
                            "outskirts", "between", "over", "to", "from", "of", "including"})
STRONG_PREPS = frozenset({"in", "at", "near", "on", "into", "inside", "outside", "around", "within", "across",
                          "throughout", "off", "nearby"})
CAPTURE_VERBS = frozenset({
    "take", "capture", "seize", "recapture", "retake", "storm", "enter", "overrun", "liberate", "control",
    "besiege", "shell", "bomb", "strike", "hit", "attack", "raid", "target", "reach", "occupy", "encircle",
    "surround", "clear", "free", "regain", "lose", "evacuate", "invade", "bombard", "pound", "assault", "siege",
    "secure", "recover", "fall", "cross", "rock", "shake",
})
REPORT_VERBS = frozenset({
    "say", "tell", "announce", "report", "claim", "state", "add", "deny", "confirm", "declare", "note", "write",
    "quote", "insist", "warn", "explain", "accuse", "speak", "comment", "brief", "tweet", "post",
})
REGION_NOUNS = frozenset({"countryside", "outskirts", "suburbs", "suburb", "province", "governorate", "region",
                          "vicinity", "environs", "hinterland", "desert", "outskirt", "edge", "edges", "countrysides"})
DIRECTION_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                             "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
                             "southeastern", "southwestern", "central", "rural"})
NEAR_PREPS = frozenset({"near", "outside", "around", "nearby"})
TERRITORY_VERBS = frozenset({"take", "capture", "seize", "recapture", "retake", "storm", "enter", "overrun",
                             "liberate", "besiege", "encircle", "surround", "regain", "occupy", "control", "hold"})
PLACE_NOUNS = frozenset({"town", "city", "village", "district", "neighbourhood", "neighborhood", "area", "camp",
                         "province", "governorate", "region", "suburb", "quarter", "municipality", "capital",
                         "outskirts", "countryside", "hamlet", "settlement", "county", "state", "border", "port",
                         "airport", "base", "checkpoint", "crossing", "square", "street", "road", "highway",
                         "market", "mosque", "hospital", "school", "prison", "island", "valley", "mountain",
                         "hill", "strip", "enclave", "pocket", "countrysides", "subdistrict", "community",
                         "locality", "headquarters", "embassy", "consulate", "office", "building", "compound",
                         "hotel", "university", "museum", "palace", "parliament", "stadium", "church", "refinery",
                         "commune", "coastline", "outpost", "garrison", "neighbourhoods", "suburbs", "site",
                         "sites", "front", "coast", "coasts", "axis", "farm", "farms", "plain", "plains", "dam",
                         "oilfield", "field", "fields", "areas", "villages", "towns", "hills", "mountains"})
FACILITY_NOUNS = frozenset({"street", "road", "square", "hospital", "school", "mosque", "market", "souk", "museum",
                            "university", "airport", "base", "bridge", "roundabout", "junction", "checkpoint",
                            "church", "stadium", "hotel", "prison", "highway", "crossing", "gate", "station"})
# The level a noun names, to tell container from contained in "the X <noun> of Y".
NOUN_LEVEL = {"country": 0, "province": 1, "governorate": 1, "state": 1, "region": 1, "county": 2,
              "district": 5, "subdistrict": 3, "city": 4, "town": 4, "village": 4, "capital": 4, "hamlet": 4,
              "neighbourhood": 5, "neighborhood": 5, "quarter": 5, "suburb": 5, "camp": 5, "commune": 3, "area": 5,
              "municipality": 3, "locality": 4}
# First words that make a proper-noun chunk a place name whatever spaCy's label: "Jabal Badro", "Tal Rifaat".
PLACE_PREFIXES = frozenset({"jabal", "jebel", "jabel", "jbel", "tal", "tell", "tel", "deir", "dayr", "kafr", "kfar",
                            "ain", "ayn", "ein", "khan", "bab", "ras", "wadi", "beit", "bayt", "khirbet", "khirbat",
                            "qasr", "marj", "tall", "umm", "mount", "lake", "camp", "fort"})
_NOT_PLACES = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "god", "allah",
    "ramadan", "eid", "today", "yesterday", "tomorrow", "president", "minister", "army", "police", "state",
    "government", "ministry", "council", "un", "news", "agency", "reuters", "ap", "afp",
})
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]+(?:,\s*[A-Za-z .'-]+)?\s*(?:\([A-Za-z .]+\))?\s*(?:—|–|--|-|:)")

_GEOCODER: Geocoder | None = None
# Arabic articles inside a name, written lower case: "Ma'arrat an-Nu'man", "Deir ez-Zor".
_ARTICLES = frozenset({"al", "el", "ez", "ad", "ash", "an", "as", "at", "az", "ar", "ed", "es", "er", "en", "ath",
                       "adh"})


def use_geocoder(geocoder: Geocoder | None) -> None:
    """Set the gazetteer the matcher consults (e.g. one with a user's neighbourhoods loaded)."""
    global _GEOCODER
    _GEOCODER = geocoder
    _known.cache_clear()
    _known_town.cache_clear()
    _major_place.cache_clear()
    parse_name.cache_clear()
    _countries_of.cache_clear()
    _fits.cache_clear()


def _geocoder() -> Geocoder:
    global _GEOCODER
    if _GEOCODER is None:
        from frontlines.geo import Geocoder

        _GEOCODER = Geocoder()
    return _GEOCODER


@lru_cache(maxsize=100_000)
def _known(text: str, strict: bool) -> bool:
    """True when the gazetteer has a confident entry for ``text`` (strict: exact name, user layer or big place)."""
    if not text or text.lower() in _NOT_PLACES or len(text) < 3:
        return False
    cands = _geocoder().lookup(parse_name(text), limit=5)
    if not cands:
        return False
    if not strict:
        return cands[0].match == "exact" or cands[0].name_score >= 0.9
    # Outside a locative position only a layer the user loaded (their districts, their ACLED places) counts.
    return any(c.match in ("exact", "skeleton") and c.entry.source != "default" for c in cands)


@lru_cache(maxsize=100_000)
def _known_town(text: str) -> bool:
    """True when the gazetteer's best reading is an exact-name town, region or country.

    The small NER models call many towns persons ("downtown Calais", "Jaffna was
    captured"); in a locative slot a name that is a real town is a place.
    """
    from frontlines.geo.gazetteer import ADMIN1, PLACE

    e = _exact_entry(text, 3)
    return e is not None and (e.level <= ADMIN1 or (e.level == PLACE and e.population >= 1000)
                              or e.source != "default")


def _exact_entry(text: str, min_len: int):
    """The gazetteer's best reading of a name when it is an exact-name match, else None."""
    if not text or text.lower() in _NOT_PLACES or len(text) < min_len:
        return None
    cands = _geocoder().lookup(parse_name(text), limit=3)
    return cands[0].entry if cands and cands[0].match == "exact" else None


@lru_cache(maxsize=100_000)
def _major_place(text: str) -> bool:
    """An exact-name country, region or city of 100,000+: a place in any slot ("Aleppo bomb blast kills
    six", a headline whose "Aleppo" the NER model leaves untagged)."""
    from frontlines.geo.gazetteer import ADMIN1, PLACE

    e = _exact_entry(text, 4)
    return e is not None and (e.level <= ADMIN1 or (e.level == PLACE and e.population >= 100_000))


def _propn_chunks(sent: Span) -> list[tuple[int, int]]:
    """Maximal runs of proper nouns (with article hyphens: "Deir ez-Zor", "Jabal Badro")."""
    out = []
    i = sent.start
    while i < sent.end:
        t = sent.doc[i]
        if t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ not in NOT_PLACE_LABELS:
            j = i + 1
            while j < sent.end:
                u = sent.doc[j]
                if u.ent_type_ in NOT_PLACE_LABELS:
                    break  # "Corsica Thursday"
                nxt = sent.doc[j + 1] if j + 1 < sent.end else None
                if u.pos_ == "PROPN" and u.text[:1].isupper() or u.text.lower() in _ARTICLES and nxt is not None \
                        and (nxt.text == "-" or nxt.pos_ == "PROPN" and nxt.text[:1].isupper()):
                    j += 1  # "Ma'arrat an-Nu'man", "Deir ez-Zor", "Tal al Karamah"
                elif u.text in ("-", "'") and j + 1 < sent.end and sent.doc[j + 1].pos_ in ("PROPN", "NOUN") \
                        and u.whitespace_ == "":
                    j += 2
                else:
                    break
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


# Nouns that name a settlement in "X village" / "the town of X": what they name is a place even when the NER
# model tags only part of it ("Sheikh" of "Sheikh Khoraz village"), a person, or nothing ("Has village",
# "the town of al-'Amiriyah").
_NAMING_NOUNS = frozenset({"village", "villages", "town", "towns", "area", "areas", "district", "districts",
                           "neighbourhood", "neighbourhoods", "neighborhood", "neighborhoods", "camp", "hill",
                           "hills", "quarter", "suburb", "hamlet", "subdistrict", "city", "valley", "mountain"})
# Lower-case words inside a name: articles and kinship words ("Qasr bin Wardan", "Khalid ibn al-Walid").
_NAME_JOINERS = _ARTICLES | frozenset({"bin", "ibn", "bani", "abu", "wa", "bint"})
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ash|as|at|az|ar|an|ed|es|er|en|ath|adh)-['\u2019]?\w", re.I)
# Capitalised words that open a sentence or a noun phrase without being part of a name.
_NOT_NAME_WORDS = frozenset({"the", "a", "an", "this", "that", "these", "those", "several", "many", "some", "all",
                             "both", "other", "each", "his", "her", "their", "its", "our", "no", "one", "two",
                             "three", "residential", "nearby", "various", "few", "most", "same", "local", "border",
                             "rural", "agricultural", "surrounding", "neighbouring", "neighboring", "frontline",
                             "civilian", "military", "populated", "controlled", "in", "on", "at", "of", "and"})
_NAME_NOT_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})


# Capitalised last words that make a name an institution or a group ("Guardian Council", "Southern
# Transitional Council", "UN Development Program", "Nusra Front"), not a place.
_BODY_HEADS = frozenset({"council", "ministry", "program", "programme", "party", "movement", "army", "brigade",
                         "brigades", "committee", "union", "organization", "organisation", "agency", "company",
                         "corporation", "court", "authority", "front", "forces", "corps", "battalion",
                         "battalions", "division", "regiment", "militia", "guard", "guards", "office", "institute",
                         "association", "network", "group", "coalition", "alliance", "observatory", "rights",
                         "watch", "crescent"})


# ... of which these never end a place name, even where NER calls the whole a GPE ("the Syrian
# Observatory for Human Rights", "Aleppo City Council")
_INSTITUTION_HEADS = frozenset({"observatory", "rights", "watch", "crescent", "council", "ministry", "committee",
                                "organization", "organisation", "agency", "office", "institute", "association"})


def _body_name(last: Token) -> bool:
    return last.text[:1].isupper() and last.lower_ in _BODY_HEADS


def _name_word(tok: Token, sent: Span) -> bool:
    """A word that can carry a place name: capitalised ("Has", "A'wejel", "Western") or article-prefixed
    ("al-'Amiriyah"); not a date, a number, a function word or an acronym."""
    t = tok.text
    if tok.ent_type_ in _NAME_NOT_LABELS or not any(c.isalpha() for c in t) or tok.lower_ in _NOT_NAME_WORDS:
        return False
    if t.lower() in _NOT_PLACES or (t.isupper() and len(t) > 1 and "'" not in t):
        return False  # "SDF areas", "IDP camp": a group or a kind, not a name
    if tok.i == sent.start and tok.pos_ != "PROPN":
        return False  # "Residential areas", "Several villages"
    return t[:1].isupper() or bool(_ARTICLE_PREFIX.match(t))


def _run_back(doc, end: int, sent: Span) -> int:
    """Start of the name run that ends just before ``end`` ("Sheikh El-Hadid" before "village")."""
    i = end
    while i > sent.start:
        tok = doc[i - 1]
        if _name_word(tok, sent):
            i -= 1
        elif i < end and (tok.lower_ in _NAME_JOINERS and tok.i > sent.start and _name_word(doc[i - 2], sent)
                          or tok.text in ("-", "'") and tok.whitespace_ == "" and i - 1 > sent.start
                          and doc[i - 2].whitespace_ == ""):
            i -= 1  # "Qasr bin Wardan", "Sheikh El-Hadid"
        else:
            break
    while i < end and (doc[i].lower_ in _NAME_JOINERS or doc[i].text in ("-", "'")):
        i += 1
    return i


def _run_forward(doc, start: int, sent: Span) -> int:
    """End of the name run that starts at ``start`` ("al-'Amiriyah", "Qasr bin Wardan")."""
    j = start
    while j < sent.end:
        tok = doc[j]
        word = _name_word(tok, sent) and tok.lemma_.lower() not in _NAMING_NOUNS
        # "al-Sakhour" tokenised as "al", "-", "Sakhour": the article opens the name
        word = word or j == start and tok.lower_ in _ARTICLES and tok.whitespace_ == "" and j + 2 < sent.end \
            and doc[j + 1].text == "-" and doc[j + 1].whitespace_ == "" and _name_word(doc[j + 2], sent)
        # "Qasr bin Wardan", "Khan al-Sabeel": a joiner inside the name, before a name word or a hyphen
        joiner = j > start and j + 1 < sent.end and (
            tok.lower_ in _NAME_JOINERS and (_name_word(doc[j + 1], sent) or doc[j + 1].text == "-")
            or tok.text in ("-", "'") and tok.whitespace_ == "" and doc[j - 1].whitespace_ == "")
        if not (word or joiner):
            break
        j += 1
    return j


def _noun_named(sent: Span) -> list[tuple[int, int]]:
    """Names a settlement noun vouches for: "Has village", "Sheikh Khoraz village", "the town of
    al-'Amiriyah", "the towns of Bastron, Oweijel, Taqad", "Qorna, Sheikh Khoraz, and Obudan villages".

    The noun must follow the name directly (compound), or precede "of" + name after a determiner; a run
    tagged wholly as an organisation, nationality or person is kept only when a user layer knows it.
    """
    doc = sent.doc
    out: list[tuple[int, int]] = []
    for noun in sent:
        if noun.lower_ not in _NAMING_NOUNS or noun.pos_ not in ("NOUN", "PROPN"):
            continue
        plural = noun.lower_.endswith("s") and noun.lower_ not in ("has",)
        runs: list[tuple[int, int]] = []
        s = _run_back(doc, noun.i, sent)
        if s < noun.i:
            runs.append((s, noun.i))
            k = s
            while plural and k - 2 > sent.start and doc[k - 1].lower_ in (",", "and", "or"):
                k2 = k - 1
                if doc[k2].lower_ in ("and", "or") and doc[k2 - 1].text == ",":
                    k2 -= 1  # Oxford comma
                s2 = _run_back(doc, k2, sent)
                if s2 >= k2:
                    break
                runs.append((s2, k2))
                k = s2
        elif noun.i + 2 < sent.end and doc[noun.i + 1].lower_ == "of" and noun.i > sent.start \
                and doc[noun.i - 1].lower_ in ("the", "a", "its", "their"):
            k = noun.i + 2
            while k < sent.end:
                e = _run_forward(doc, k, sent)
                if e <= k:
                    break
                runs.append((k, e))
                if not plural or e + 1 >= sent.end or doc[e].lower_ not in (",", "and", "or"):
                    break
                k = e + 1
                if doc[k].lower_ in ("and", "or"):
                    k += 1
        of_pattern = bool(runs) and runs[0][0] > noun.i  # "the districts of A, B and C"
        for a, b in runs:
            labels = {doc[i].ent_type_ for i in range(a, b)}
            if of_pattern and "NORP" not in labels and not _body_name(doc[b - 1]):
                # after "the towns of" a name is a town, whatever NER calls it ("al-Sakhour" PERSON,
                # "Haidariya" ORG); a group or institution there ("the areas of the Nusra Front") is not
                out.append((a, b))
                continue
            if labels <= {"ORG", "NORP", "PERSON"} and labels & {"ORG", "NORP", "PERSON"} \
                    and not _known(doc[a:b].text, True):
                continue  # "Kurdish areas", "Houthi areas"
            out.append((a, b))
    return out


_CONTAINER_NOUNS = PLACE_NOUNS | REGION_NOUNS


def _anchor(root: Token) -> Token:
    """The token that carries a place's attachment: 'town' in 'the town of Douma', 'district' in 'X district'."""
    t = root
    for _ in range(4):
        head = t.head
        if t.dep_ in ("compound", "appos", "nmod", "poss", "amod") and head.lemma_.lower() in _CONTAINER_NOUNS:
            t = head
        elif t.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _CONTAINER_NOUNS:
            t = head.head
        else:
            break
    return t


@lru_cache(maxsize=100_000)
def parse_name(text: str) -> str:
    """The place name inside a mention: extent words and headline words ("Syrias", "State") removed.

    A capitalised direction word may begin the name itself ("Western Ghariyeh", "Southern Mazzar"): the
    whole name is kept when the gazetteer knows it exactly.
    """
    from frontlines.geo.geocoder import _strip_place_words, _trim_non_place_words, parse_phrase

    phrase = parse_phrase(text)
    if phrase.kind == "part" and text[:1].isupper():
        whole = _trim_non_place_words(_strip_place_words(text.strip()))
        cands = _geocoder().lookup(whole, limit=1)
        if cands and cands[0].match == "exact":
            return whole
    return _trim_non_place_words(phrase.name)


def _phrase_specificity(text: str) -> tuple[int, int]:
    """``_specificity`` of a mention, where a region phrase ("Hodeidah province") is a first-level region
    whatever its name's best reading (the city)."""
    from frontlines.geo.gazetteer import ADMIN1
    from frontlines.geo.geocoder import parse_phrase

    level, pop = _specificity(parse_name(text))
    return (min(level, ADMIN1), pop) if parse_phrase(text).kind == "region" else (level, pop)


def _specificity(text: str) -> tuple[int, int]:
    """(level, -population) of the gazetteer's best reading; unknown names count as most specific."""
    cands = _geocoder().lookup(text, limit=3)
    if not cands:
        return (7, 0)
    e = cands[0].entry
    return (e.level, -e.population)


def _contained(members: list[tuple[PlaceMention, Token]], noun: Token) -> PlaceMention:
    """Of places sharing one phrase, the contained one.

    The gazetteer decides when it knows them all (the smaller wins). Otherwise the
    noun helps: a known place bigger than what the noun names ("Aleppo" for
    "district", "Baghdad" for "neighbourhood") is the container; failing that, the
    name before the noun is ("the West Bank city of Nablus").
    """
    specs = [(m, r, _phrase_specificity(m.text)) for m, r in members]
    known = [x for x in specs if x[2][0] < 7]
    if len(known) == len(specs):
        top = max(specs, key=lambda x: x[2])
        if sum(x[2] == top[2] for x in specs) == 1:
            return top[0]
        # a tie ("the Damascus neighborhood of Dahiet al-Assad", both towns to a layer without
        # populations): the noun decides
    noun_level = NOUN_LEVEL.get(noun.lemma_.lower(), 4)
    bigger = [x for x in known if x[2][0] < noun_level]
    rest = [x for x in specs if x not in bigger]
    if bigger and rest:
        return rest[0][0]
    # "the West Bank city of Nablus": the name after the noun; not an appositive ("the Nahuqah site, Najran")
    # nor a name carrying a noun of its own ("the Ahl al Jawf area of Qurayishah district": the district
    # is where the area lies)
    after = [x for x in specs if x[1].i > noun.i and x[1].dep_ != "appos"
             and not (x[1].dep_ == "compound" and x[1].head.i != noun.i
                      and x[1].head.lemma_.lower() in _CONTAINER_NOUNS)]
    pick = (after or specs)[0]
    # a sub-place whose every reading lies elsewhere ("the Jabbara neighborhood of Idleb city", read as a
    # Jabriyah far away) would move the event away from the place it was said to lie in
    others = [x for x in specs if x is not pick]
    if others and not all(_fits(pick[0].text, x[0].text) for x in others):
        return max(others, key=lambda x: x[2])[0]
    return pick[0]


_LED = frozenset({"led", "backed", "based", "allied", "funded", "run", "controlled", "held", "sponsored",
                  "supported", "affiliated", "linked", "born", "made", "brokered"})


_SIDE_PREFIXES = frozenset({"pro", "anti"})


def _affiliation(doc, start: int) -> bool:
    """A name written as a side taken: "pro Hadi", "pro-Hadi", "anti-Assad"."""
    first = doc[start].lower_
    if first.split("-")[0] in _SIDE_PREFIXES and "-" in first:
        return True
    if start >= 1 and doc[start - 1].lower_ in _SIDE_PREFIXES:
        return True
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in _SIDE_PREFIXES


def _modifier_of_person(root: Token) -> bool:
    """'US' in 'a US soldier', 'Saudi-led', 'Syria' in "Syria's army": a place used as an adjective."""
    doc = root.doc
    if root.i + 2 < len(doc) and doc[root.i + 1].text == "-" and doc[root.i + 2].lower_ in _LED:
        return True
    return root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.lemma_.lower() not in _CONTAINER_NOUNS \
        and root.head.pos_ in ("NOUN", "PROPN") and root.head.ent_type_ not in PLACE_LABELS


def _locative(root: Token) -> str | None:
    """'prep:in', 'obj:capture' or None: how a place attaches to its clause (through 'the town of')."""
    t = _anchor(root)
    t = _partitive_head(t) or t  # "any part of X" attaches as the part does
    head = t.head
    if t.dep_ == "pobj" and head.lower_ in ("of", "over") and head.head.lemma_.lower() == "control":
        return "obj:capture"  # "took (full) control of X", "regained control over X"
    if t.dep_ in ("pobj", "pcomp") and head.lower_ in LOCATIVE_PREPS:
        if head.head.ent_type_ in PLACE_LABELS or head.head.pos_ == "PROPN" or \
                (head.head.lemma_.lower() in PLACE_NOUNS and head.head.i != t.i
                 and any(c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in head.head.children)):
            return "qualifier"  # "Douma near Damascus", "Taqad town in western Aleppo": about the place before
        return f"prep:{head.lower_}"
    if t.dep_ in ("dobj", "obj") and head.lemma_.lower() in CAPTURE_VERBS:
        return "obj:capture"
    if t.dep_ == "nsubjpass" and head.lemma_.lower() in CAPTURE_VERBS:
        return "subj:capture"  # "Hanano was taken" - but also "McCoy was captured in Las Vegas"
    if t.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in DIRECTION_WORDS:
        return "prep:near"  # "north of Baghdad"
    if t.dep_ == "conj" and head.pos_ == "VERB" and head.lemma_.lower() in CAPTURE_VERBS:
        return "obj:capture"  # "took Hanano on Saturday, and Jabal Badro by Sunday"
    if t.dep_ == "npadvmod" and head.pos_ == "VERB":
        return "prep:in"
    return None


# "any part of X", "most of X", "the rest of X": a share of a place is still that place.
_PARTITIVES = frozenset({"part", "parts", "section", "sections", "portion", "rest", "most", "half", "third", "all",
                         "remainder", "much", "whole", "control"})
# Nouns that make a name a district or settlement even when the NER model calls it a person
# ("the Sheikh Saeed neighbourhood", "Masaken Hanano, the housing district").
_SETTLEMENT_NOUNS = frozenset({"district", "neighbourhood", "neighborhood", "quarter", "village", "town", "suburb",
                               "hamlet", "subdistrict", "area"})


def _partitive_head(root: Token) -> Token | None:
    """The word whose slot a place fills as a share or a member: "any part of X", "took control of villages
    ..., including X" (X is where the taking happened)."""
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in _PARTITIVES:
        return root.head.head
    if root.dep_ == "pobj" and root.head.lower_ == "including" and root.head.head.pos_ == "NOUN" \
            and root.head.head.lemma_.lower() in _CONTAINER_NOUNS:
        return root.head.head
    return None


def _territory_object(root: Token) -> bool:
    t = _anchor(root)
    share = _partitive_head(t)
    if share is not None:
        t = share
    return t.dep_ in ("dobj", "obj", "conj") and t.head.pos_ in ("VERB", "AUX") \
        and t.head.lemma_.lower() in TERRITORY_VERBS


def _root(doc, start: int, end: int) -> Token:
    span = doc[start:end]
    return span.root


def _widen(doc, start: int, end: int, sent: Span) -> tuple[int, int]:
    """Include direction adjectives and region nouns: 'northern Hama', 'countryside of Idlib', 'Idlib countryside'."""
    # "Idlib countryside" / "Hama province" / "Aleppo northern countryside" (but "the Jaramana suburb" names
    # a suburb, a place of its own)
    if end < sent.end and doc[end].lower_ in REGION_NOUNS and doc[end].lower_ not in _NAMED_REGION_NOUNS:
        end += 1
    elif end + 1 < sent.end and doc[end].lower_ in DIRECTION_WORDS and doc[end + 1].lower_ in REGION_NOUNS:
        end += 2
    # "northern Hama", "eastern Aleppo", "rural Damascus"
    while start > sent.start and doc[start - 1].lower_ in DIRECTION_WORDS:
        start -= 1
    root = doc[start:end].root
    # "(the northern) countryside of Idlib"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in REGION_NOUNS and not (
            root.head.head.lower_ in _NAMED_REGION_NOUNS
            and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in root.head.head.children)):
        noun = root.head.head
        s = noun.i
        while s > sent.start and doc[s - 1].lower_ in DIRECTION_WORDS:
            s -= 1
        if s < start:
            start = s
    # "al Quds street", "the Bardo museum": the facility noun belongs to the name
    if end < sent.end and doc[end].lemma_.lower() in FACILITY_NOUNS and doc[end - 1].dep_ == "compound" \
            and not (doc[end].lower_ in _TOWN_FACILITIES and _known_town(doc[start:end].text)
                     and not _known(doc[start:end + 1].text, True)):
        end += 1
    # "near Raqqa", "outside Damascus"
    root = doc[start:end].root
    if root.dep_ == "pobj" and root.head.lower_ in NEAR_PREPS and root.head.i == start - 1:
        start -= 1
    return start, end


# Region nouns that, after a name, name a place of their own ("the Jaramana suburb of Damascus").
_NAMED_REGION_NOUNS = frozenset({"suburb", "suburbs"})
# Facilities a town gives its name to: the event is coded to the town ("the Erbil Airport", "Dhamar
# stadium"); not streets, which are often named after other cities ("Baghdad street" in Damascus).
_TOWN_FACILITIES = frozenset({"airport", "stadium", "university", "hospital", "prison", "refinery", "port",
                              "airbase", "base"})
# Bodies named after their town ("Workers of Ahvaz Steel Company", "Kish Free Zone"): the town is a place
# of the text.
_TOWN_BODIES = frozenset({"company", "factory", "plant", "corporation", "industries", "industry", "mill", "mills",
                          "refinery", "municipality", "zone", "cooperative"})


def _slot_names(sent: Span, covered: set[int]) -> list[tuple[int, int]]:
    """Names in a locative slot that the NER model and the tagger missed ("in Gharanij" tagged a plural
    noun, "in Ma'arrat An Nu'man" ending in a number, "in ad-Dabab"), kept when the gazetteer knows them
    exactly as a town or a user layer knows them. One lookup per slot, not per token."""
    doc = sent.doc
    out = []
    for prep in sent:
        if prep.lower_ not in STRONG_PREPS or prep.i + 1 >= sent.end:
            continue
        k = prep.i + 1
        if doc[k].lower_ == "the":
            k += 1
        start = k
        end = _run_forward(doc, k, sent) if k < sent.end else k  # "ad-Dabab": the article opens the run
        if end <= k or any(i in covered for i in range(start, end)):
            continue
        nxt = doc[end] if end < sent.end else None
        if nxt is not None and (nxt.lower_ in ("'s", "’s") or nxt.pos_ in ("NOUN", "PROPN")
                                and nxt.lemma_.lower() not in _CONTAINER_NOUNS):
            continue  # "at Vann's insistence", "on the Assad regime": a person's, or a modifier
        text = doc[start:end].text
        if _known_town(text) or _known(text, True):
            out.append((start, end))
    return out


def _town_in_name(ent: Span) -> tuple[int, int] | None:
    """The town a facility or a body is named after: "Erbil" of "the Erbil Airport", "Ahvaz" of "Ahvaz Steel
    Company"."""
    last = ent[-1].lower_
    if last not in _TOWN_FACILITIES and last not in _TOWN_BODIES or len(ent) < 2:
        return None
    doc = ent.doc
    # the name is the capitalised run before the noun ("Workers of Ahvaz Steel Company")
    start = ent.end - 1
    while start > ent.start and doc[start - 1].text[:1].isupper():
        start -= 1
    if _known(doc[start:ent.end].text, True):
        return None  # the gazetteer has the facility itself ("Dhameer Airbase")
    for end in (start + 2, start + 1):
        if end < ent.end and _known_town(doc[start:end].text):
            return start, end
    return None


def _without_town_centre(doc, start: int, end: int) -> tuple[int, int]:
    """"Dar'a al-Balad" is Dar'a's old town ("al-balad", the town): the place is the town."""
    words = doc[start:end].text.lower().replace(" ", "")
    for tail in ("al-balad", "el-balad"):
        if words.endswith(tail) and len(words) > len(tail):
            k = end
            while k > start and doc[k - 1].lower_ in ("balad", "-", "al", "el", "al-balad", "el-balad"):
                k -= 1
            if start < k:
                return start, k
    return start, end


def _path_len(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens."""
    anc_a = [a, *a.ancestors]
    pos = {t.i: k for k, t in enumerate(anc_a)}
    for k, t in enumerate([b, *b.ancestors]):
        if t.i in pos:
            return pos[t.i] + k
    return 99


def _verbs_between(a: Token, b: Token) -> int:
    """Verbs on the dependency path from ``a`` to ``b``, neither end counted."""
    anc_a = [a, *a.ancestors]
    pos = {t.i: k for k, t in enumerate(anc_a)}
    up_b: list[Token] = []
    for t in [b, *b.ancestors]:
        if t.i in pos:
            path = anc_a[1:pos[t.i] + 1] + up_b[1:]
            # a verb coordinated with ``a`` ("shot and killed") is the same clause
            # "including" introduces members of a list ("areas in western Aleppo, including Sheikh Ali")
            return sum(1 for x in path if x.pos_ in ("VERB", "AUX") and x.i != b.i and x.lower_ != "including"
                       and not (x.dep_ == "conj" and x.head.i == a.i))
        up_b.append(t)
    return 9


def _reporting_head(root: Token) -> Token | None:
    """The reporting verb a place is attached to ("said in Damascus"), if any."""
    head = root.head
    # "were reported in Huth city": a passive reporting verb says where the event was, not the speaker
    if root.dep_ == "pobj" and head.lower_ in ("in", "from", "at") and head.head.lemma_.lower() in REPORT_VERBS \
            and not any(c.dep_ == "auxpass" for c in head.head.children):
        return head.head
    if root.dep_ == "nsubj" and head.lemma_.lower() in REPORT_VERBS:
        return head  # "Damascus said", "Moscow denied": the capital speaks for its government
    return None


def find_places(sent: Span, trigger_i: int | None = None, *, geocoder: Geocoder | None = None) -> list[PlaceMention]:
    """Place mentions of one parsed sentence, with role event / announced / other.

    Offsets are character offsets in ``sent.doc``. ``geocoder`` (or the one set
    with ``use_geocoder``) backs the matcher for places spaCy does not tag.
    """
    if geocoder is not None and geocoder is not _GEOCODER:
        use_geocoder(geocoder)
    doc = sent.doc
    spans: list[tuple[int, int]] = []
    covered: set[int] = set()
    for ent in sent.ents:
        town = _town_in_name(ent) if ent.label_ in ("FAC", "ORG") else None
        if town is not None:
            spans.append(town)
            covered.update(range(ent.start, ent.end))
            continue
        if ent.label_ in PLACE_LABELS:
            start = ent.start + 1 if ent[0].lower_ == "the" and len(ent) > 1 else ent.start
            if doc[start:ent.end].text.lower() in _NOT_PLACES or (
                    ent.label_ != "GPE" or ent[-1].lower_ in _INSTITUTION_HEADS) and _body_name(ent[-1]):
                continue
            spans.append((start, ent.end))
            covered.update(range(ent.start, ent.end))
    # A name a settlement noun vouches for replaces the parts of it the NER model tagged.
    for start, end in _noun_named(sent):
        inside = [x for x in spans if x[0] < end and start < x[1]]
        if any(x[0] < start or x[1] > end for x in inside):
            continue  # an entity reaching beyond the run: the model saw more
        spans = [x for x in spans if x not in inside] + [(start, end)]
        covered.update(range(start, end))
    for start, end in _slot_names(sent, covered):
        spans.append((start, end))
        covered.update(range(start, end))
    for start, end in _propn_chunks(sent):
        if any(i in covered for i in range(start, end)):
            continue
        labels = {doc[i].ent_type_ for i in range(start, end)} - {""}
        if labels & NOT_PLACE_LABELS or _body_name(doc[end - 1]):
            continue
        text = doc[start:end].text
        root = doc[start:end].root
        loc = _locative(root)
        person = "PERSON" in labels
        strict = loc is None or person
        named_place = doc[start].lower_ in PLACE_PREFIXES
        anchor = _anchor(root)
        # "the town of X", "X district": the noun says it is a place even when no gazetteer knows it.
        named_by_noun = anchor is not root and anchor.lemma_.lower() in PLACE_NOUNS and loc is not None
        settlement = anchor is not root and anchor.lemma_.lower() in _SETTLEMENT_NOUNS
        # "Masaken Hanano, the large housing district on the edge of Aleppo"
        named_by_noun = named_by_noun or any(c.dep_ == "appos" and c.lemma_.lower() in _SETTLEMENT_NOUNS
                                             for c in root.children)
        settlement = settlement or named_by_noun and anchor is root
        share_taken = _partitive_head(root) is not None and _territory_object(root)
        # A person-tagged name after "in"/"near" or as the object of "captured" may be a town; the subject of
        # "was captured" is far more often a person ("Ocalan was captured in Kenya").
        in_place_slot = loc is not None and (loc.split(":")[-1] in STRONG_PREPS or loc == "obj:capture")
        if (person and in_place_slot and _known_town(text)) or (not person and _major_place(text)) or \
                _known(text, strict) or (_territory_object(root) and (not person or named_place or share_taken)) or \
                (named_place and loc is not None) or (named_by_noun and (not person or settlement)):
            spans.append((start, end))
            covered.update(range(start, end))
    spans = sorted(_without_town_centre(doc, a, b) for a, b in spans)
    mentions: list[tuple[PlaceMention, Token]] = []
    dateline = _DATELINE.match(sent.text) if sent.start == 0 or sent.start_char < 5 else None
    for start, end in spans:
        if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in _LED:
            continue  # "Saudi-led", "Iran-backed": an actor's description, not a place of the event
        if _affiliation(doc, start):
            continue  # "pro-Hadi forces", "anti-Assad protesters": a side, not a place
        s, e = _widen(doc, start, end, sent)
        span = doc[s:e]
        root = doc[start:end].root
        role = "other"
        if _reporting_head(root) is not None or dateline and doc[start].idx - sent.start_char < dateline.end() and doc[start].text.isupper():
            role = "announced"
        mentions.append((PlaceMention(span.text, role, span.start_char, span.end_char), root))
    _choose_event(mentions, doc, sent, trigger_i)
    return [m for m, _ in mentions]


def _qualifies_other(a: Token, anchors: set[int]) -> bool:
    """A place attached by a preposition to another place's phrase (directly, or through that place's
    appositive noun) describes where that place is, not where the event happened."""
    cur = a
    for _ in range(4):
        if cur.dep_ not in ("pobj", "prep", "appos"):
            return False
        cur = cur.head
        if cur.i in anchors or (cur.dep_ == "appos" and cur.head.i in anchors):
            return True
    return False


def _country_of(text: str) -> str | None:
    cands = _geocoder().lookup(text, limit=1)
    return cands[0].entry.country_code if cands else None


@lru_cache(maxsize=100_000)
def _countries_of(text: str) -> frozenset[str]:
    """Countries of a name's good readings: a short name has namesakes in many ("Jaba", "Mahmudiyah")."""
    cands = _geocoder().lookup(text, limit=10)
    return frozenset(c.entry.country_code for k, c in enumerate(cands)
                     if c.entry.country_code and (k == 0 or c.name_score >= 0.9))


def _broad(text: str) -> bool:
    """A region phrase ("southern Idleb", "Afrin countryside") or a name the gazetteer knows as a country
    or first-level region only."""
    from frontlines.geo.gazetteer import ADMIN1, PLACE
    from frontlines.geo.geocoder import parse_phrase

    phrase = parse_phrase(text)
    if phrase.kind == "region":
        return True
    # "northern Aleppo" is a region, "central Baghdad" the city, "Western Ghariyeh" a village's name
    if phrase.kind == "part" and phrase.direction != "C" and not text[:1].isupper():
        return True
    name = parse_name(text)
    if _specificity(name)[0] <= ADMIN1:
        return True
    # "In Taiz, ... in Hameli": a city that shares its name with its governorate, written bare, may be
    # either; a named place inside it is the more precise reading (not "Taiz city").
    if name != parse_phrase(text).name or re.search(r"(?i)\b(?:city|town)\b", text):
        return False
    cands = _geocoder().lookup(name, limit=10)
    if not cands or cands[0].entry.level != PLACE:
        return False
    top = cands[0].entry
    return any(c.entry.level == ADMIN1 and c.name_score >= 0.9 and c.entry.country_code == top.country_code
               for c in cands[1:])


def _within_region(text: str, region_text: str) -> bool:
    """True when the gazetteer's best reading of ``text`` lies in the first-level region ``region_text``
    names ("Abul Thohur" in "southeast Idleb")."""
    from frontlines.geo.gazetteer import ADMIN1

    place = _geocoder().lookup(parse_name(text), limit=1)
    region = _geocoder().lookup(parse_name(region_text), limit=1)
    if not place or not region or place[0].match not in ("exact", "skeleton"):
        return False
    p, r = place[0].entry, region[0].entry
    if p.level <= ADMIN1 or not p.admin1 or p.country_code != r.country_code:
        return False
    from frontlines.geo import names as N

    return N.base(p.admin1) in {N.base(r.admin1 or ""), N.base(r.name)}


_TOWN_REACH_KM = 25.0  # how far from a town's point its districts and suburbs reach


@lru_cache(maxsize=100_000)
def _fits(text: str, container_text: str) -> bool:
    """Whether a place said to lie in another can be read there: True when the gazetteer has no reading of
    it (nothing to contradict), or one of its good readings shares the container's first-level region."""
    from frontlines.geo import names as N
    from frontlines.geo.gazetteer import PLACE
    from frontlines.geo.polygon import haversine_km

    cands = [c for c in _geocoder().lookup(parse_name(text), limit=8) if c.name_score >= 0.8]
    if not cands:
        return True
    outer = _geocoder().lookup(parse_name(container_text), limit=1)
    if not outer:
        return True
    o = outer[0].entry
    # (region names compared by consonant skeleton: layers spell them apart, Idleb ~ Idlib, Hama ~ Hamah)
    regions = {N.skeleton(o.admin1 or ""), N.skeleton(o.name)} - {""}
    # in the container's first-level region, or near its point (a city's suburbs may lie in another admin1)
    return any(c.entry.country_code == o.country_code and N.skeleton(c.entry.admin1 or "") in regions
               or o.level >= PLACE and None not in (o.latitude, c.entry.latitude)
               and haversine_km(c.entry.latitude, c.entry.longitude, o.latitude, o.longitude) <= _TOWN_REACH_KM
               for c in cands)


def _described(candidates: list[tuple[PlaceMention, Token]], doc) -> list[tuple[tuple, tuple]]:
    """(place, its qualifier) pairs written "<place> <noun> in|of [the] <qualifier>"."""
    by_end = {}
    for m, r in candidates:
        span = doc.char_span(m.start, m.end, alignment_mode="expand") if m.start is not None else None
        if span is not None:
            by_end[span.end] = (m, r)
    out = []
    for q, rq in candidates:
        span = doc.char_span(q.start, q.end, alignment_mode="expand") if q.start is not None else None
        if span is None:
            continue
        k = span.start - 1
        if k >= 0 and doc[k].lower_ == "the":
            k -= 1
        if k < 2 or doc[k].lower_ not in ("in", "of"):
            continue
        noun = doc[k - 1]
        if noun.lemma_.lower() in _CONTAINER_NOUNS and noun.i in by_end and by_end[noun.i][0] is not q:
            out.append((by_end[noun.i], (q, rq)))
    return out


def _agent_or_seat(root: Token) -> bool:
    a = _anchor(root)
    while a.dep_ == "conj" and a.head.i != a.i:
        a = a.head
    if a.dep_ == "pobj" and a.head.lower_ == "by" and a.head.dep_ == "agent":
        return True
    return a.dep_ == "pobj" and a.head.lower_ == "in" and a.head.head.lemma_.lower() in ("base", "headquarter") \
        and a.head.head.tag_ == "VBN"


def _choose_event(mentions: list[tuple[PlaceMention, Token]], doc, sent: Span, trigger_i: int | None) -> None:
    # "an agreement brokered by Russia and Turkey", "a group based in Britain": who acted, or where a
    # party sits, is not where the event happened
    candidates = [(m, r) for m, r in mentions if m.role != "announced" and not _agent_or_seat(r)]
    if not candidates:
        return
    trigger = doc[trigger_i] if trigger_i is not None and sent.start <= trigger_i < sent.end else sent.root
    # Places sharing one phrase ("the West Bank city of Nablus", "the Salah al-Din district of Aleppo",
    # "Iraq's Nineveh province"): the gazetteer's hierarchy says which contains the other.
    groups: dict[int, list[tuple[PlaceMention, Token]]] = {}
    for m, r in candidates:
        groups.setdefault(_anchor(r).i, []).append((m, r))
    containers: set[int] = set()
    for anchor_i, members in groups.items():
        if len(members) > 1:
            keep = _contained(members, doc[anchor_i])
            containers.update(id(m) for m, _ in members if m is not keep)

    anchors = {_anchor(r).i for _, r in candidates}

    def rank(item: tuple[PlaceMention, Token]) -> tuple:
        m, r = item
        loc = _locative(r)
        dist = _path_len(trigger, r)
        # Each verb between the trigger and the place is a clause boundary: "destroyed a building in the
        # town of Cibourne, while a third targeted a home in Guethary".
        clauses = _verbs_between(trigger, r)
        strength = 0
        a = _anchor(r)
        a = _partitive_head(a) or a
        verb = a.head.head.head if a.dep_ == "pobj" and a.head.head.lemma_.lower() == "control" else a.head
        if loc == "obj:capture" and verb == trigger:
            strength = 4  # "took full control of the Sheikh Saeed neighbourhood on the edge of Aleppo"
        elif loc == "subj:capture" and a.head == trigger:
            strength = 2
        elif loc == "obj:capture" and a.head == trigger:
            strength = 4  # "hit the town of Douma near Damascus": the object, not its landmark
        elif loc and loc.split(":")[-1] in STRONG_PREPS and a.head.head == trigger:
            strength = 3
        elif loc and loc.split(":")[-1] in STRONG_PREPS or loc == "obj:capture":
            strength = 2  # a locative, or what is shelled or taken, in another clause
        elif loc:
            strength = 1
        # "of Aleppo" in "the Hanano district of Aleppo" only qualifies the place before it.
        if loc in ("prep:of", "qualifier") or _qualifies_other(a, anchors - {a.i}):
            strength = 0  # also "X, the district on the edge of Aleppo": Aleppo only says where X is
        if id(m) in containers or _modifier_of_person(r):
            strength = -1
        if a.dep_ == "nsubj" and a.head.pos_ == "VERB" and loc is None and a.i == r.i:
            strength = -1  # "U.S. and Iraqi troops captured...": a country as actor (not "X village")
        level, _ = _specificity(parse_name(m.text))
        return (-strength, clauses, -min(level, 5), dist, abs(r.i - trigger.i))

    keys = {id(m): rank((m, r)) for m, r in candidates}
    # "Sinnara town in Afrin district", "Tuhayat district of Hodeidah province": whatever the parse, a place
    # written right after another place's noun and "in"/"of" says where that place lies.
    # The described place takes its qualifier's slot (last pair first, so "A town in B district in C" passes
    # C's slot on to A); then each qualifier keeps no slot of its own.
    pairs = [(a, q) for a, q in _described(candidates, doc) if _fits(a[0].text, q[0].text)]
    for (m, _), (q, _) in sorted(pairs, key=lambda x: -(x[1][0].start or 0)):
        km, kq = keys[id(m)], keys[id(q)]
        keys[id(m)] = (min(km[0], kq[0]), min(km[1], kq[1]), *km[2:])
    for _, (q, _) in pairs:
        keys[id(q)] = (max(keys[id(q)][0], 0), *keys[id(q)][1:])
    # "in Tall Refaat town in northern Aleppo", "In Dagestan, police shot two gunmen in the town of
    # Buinaksk": a region or country is where a more specific place of the same sentence lies, so
    # when such a place is itself in a locative slot, it is the event's place.
    best, best_root = min(candidates, key=lambda x: keys[id(x[0])])
    if _broad(best.text):
        region = _country_of(parse_name(best.text))
        # A place the gazetteer knows qualifies in any slot ("areas in western Aleppo, including Sheikh
        # Ali"); an unknown name only in a strong locative slot.
        # A clause boundary between them does not matter when the gazetteer puts the place inside the
        # region ("fire on areas of Abul Thohur town ... in southeast Idleb").
        inside = [(m, r) for m, r in candidates if m is not best and -keys[id(m)][0] >= 0
                  and (keys[id(m)][1] <= keys[id(best)][1] or _within_region(m.text, best.text))
                  and not _broad(m.text)
                  and (-keys[id(m)][0] >= 2 or _specificity(parse_name(m.text))[0] < 7)
                  and (not _countries_of(parse_name(m.text)) or region in _countries_of(parse_name(m.text)))]
        if inside:
            best, best_root = min(inside, key=lambda x: keys[id(x[0])])
    best.role = "event"
    # Coordinated places share the role: "in Hanano and Jabal Badro".
    best_anchor = _anchor(best_root)
    for m, r in candidates:
        if m is best:
            continue
        a = _anchor(r)
        if (a.dep_ == "conj" and (a.head == best_anchor or best_anchor in a.ancestors)) or \
                (best_anchor.dep_ == "conj" and best_anchor.head == a) or \
                (_locative(r) == "obj:capture" == _locative(best_root) and a.head == best_anchor.head):
            m.role = "event"


def by_event_preference(found: list[PlaceMention]) -> list[PlaceMention]:
    """The order in which to try a text's places as the event's place when one must be chosen.

    Event-role places come first, in text order, regions after named places. When none of them resolves (a street, a school, a
    hamlet no gazetteer has), the next best is the place written nearest the first of them: usually the
    place it was said to lie in ("Valiasr street in Tehran"), not an earlier name the event only mentions
    ("depositors of Alborz credit institute"). "announced" places are never the event's.
    """
    # A region or country ("Sadah province", "across Iran") yields to a named place of the text's other
    # event clauses: ACLED codes the most specific place.
    events = sorted((p for p in found if p.role == "event"), key=lambda p: _broad(p.text))
    others = [p for p in found if p.role == "other"]
    if events and events[0].start is not None:
        ref = events[0]

        def gap(p: PlaceMention) -> int:
            if p.start is None or p.end is None:
                return 1 << 30
            # a place written after it is more often its container ("Valiasr street in Tehran", "the Sih
            # Mehmet neighbourhood of Kilis") than one written before it ("rockets fired from Afrin into ...")
            return p.start - ref.end if p.start >= ref.end else 2 * (ref.start - p.end)

        others.sort(key=gap)
    return events + others


__all__ = ["PLACE_LABELS", "by_event_preference", "find_places", "use_geocoder"]
