"""Place-name spans in a parsed sentence: proper-noun runs, joiners ("Qasr bin Wardan"), names a settlement
noun vouches for ("the town of X", "X village"), and how specific each name is.

WHY apart from the choice: finding where a name starts and ends is syntax and
orthography; deciding which name is the event's place is a separate question
(``place_choice``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from frontlines.mention import PlaceMention
from frontlines.nlp.place_lexicon import (
    _ARTICLES,
    _NOT_PLACES,
    CACHE_CLEARS,
    NOT_PLACE_LABELS,
    NOUN_LEVEL,
    PLACE_NOUNS,
    REGION_NOUNS,
    _fits,
    _geocoder,
    _known,
    parse_name,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token



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


def _phrase_specificity(text: str) -> tuple[int, int]:
    """``_specificity`` of a mention, where a region phrase ("Hodeidah province") is a first-level region
    whatever its name's best reading (the city)."""
    from frontlines.geo.gazetteer import ADMIN1
    from frontlines.geo.geocoder import parse_phrase

    level, pop = _specificity(parse_name(text))
    return (min(level, ADMIN1), pop) if parse_phrase(text).kind == "region" else (level, pop)


def _specificity(text: str) -> tuple[int, int]:
    """(level, -population) of the gazetteer's best reading; unknown names count as most specific."""
    return _specificity_in(_geocoder(), text)


@lru_cache(maxsize=100_000)
def _specificity_in(geocoder, text: str) -> tuple[int, int]:
    # one answer per name and gazetteer: the event choice ranks each place of a sentence per candidate
    cands = geocoder.lookup(text, limit=3)
    if not cands:
        return (7, 0)
    e = cands[0].entry
    return (e.level, -e.population)


CACHE_CLEARS.append(_specificity_in.cache_clear)


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
