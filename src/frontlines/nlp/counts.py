"""People counts in a sentence: killed, injured, displaced, arrested, the ACLED way.

ACLED keeps the lowest credible figure and maps vague words conservatively
("several"/"many" -> 10, "dozens" -> 12, "hundreds" -> 100). A count with no
figure at all ("a large number of terrorists") is recorded as 0 with the raw
phrase kept and qualifier ``unquantified``: the number is unknown, not zero.
The number is found through the parse (the object of "killing", the subject
of "were killed", the noun that "killed" modifies, "killing 3 and wounding 5")
with a small linear fallback for telegraphic text ("2 killed").
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from frontlines.mention import Count, CountKind
from frontlines.nlp.dates import MONTHS
from frontlines.nlp.doc_text import span_text

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["extract_counts", "parse_number"]

_KIND_LEMMAS: dict[str, CountKind] = {
    **dict.fromkeys(
        ["kill", "die", "dead", "death", "fatality", "body", "corpse", "slay", "martyr", "execute", "behead",
         "massacre", "murder", "assassinate", "toll", "life", "killing"],
        "fatalities",
    ),
    **dict.fromkeys(["injure", "wound", "hurt", "injury", "wounded", "injured", "maim"], "injured"),
    **dict.fromkeys(["flee", "displace", "evacuate", "escape", "displacement", "uproot", "evacuee", "exodus"],
                    "displaced"),
    **dict.fromkeys(["arrest", "detain", "apprehend", "detention", "abduct", "kidnap"], "arrested"),
}
_WORDS = {
    "zero": 0, "no": 0, "none": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "dozen": 12, "couple": 2, "pair": 2, "both": 2,
}
_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Vague quantities, mapped conservatively (ACLED codebook).
_VAGUE = {
    "several": 10, "many": 10, "multiple": 10, "numerous": 10, "various": 10, "some": 3, "few": 3,
    "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "tens": 10,
}
_UNQUANTIFIED = {"number", "unknown", "unspecified", "undetermined", "undisclosed", "unconfirmed", "large"}
_AT_LEAST = {"least", "more", "over", "than", "exceeding", "+", "above", "upwards", "minimum"}
_AT_MOST = {"most", "up", "under", "fewer", "less", "below", "maximum"}
_ABOUT = {"about", "around", "nearly", "almost", "approximately", "some", "roughly", "estimated", "circa", "close"}
_PERSON_NOUNS = {
    "person", "people", "civilian", "child", "children", "woman", "women", "man", "men", "soldier", "fighter",
    "member", "militant", "rebel", "officer", "policeman", "boy", "girl", "resident", "family", "farmer",
    "shepherd", "worker", "student", "journalist", "infant", "baby", "elder", "other", "driver", "terrorist",
    "jihadist", "insurgent", "gunman", "guard", "commander", "leader", "recruit", "militiaman", "trooper",
    "conscript", "prisoner", "detainee", "protester", "demonstrator", "teenager", "youth", "brother", "son",
    "daughter", "father", "mother", "wife", "husband", "individual", "victim", "staff", "personnel", "security",
    "citizen", "villager", "passenger", "pilot", "doctor", "nurse", "medic", "volunteer", "activist", "suspect",
    "element", "operative", "fatality", "casualty", "death", "body", "corpse", "injury", "refugee",
}
_NUM_RE = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_CODED_AS = re.compile(r"\b(?:fatalities|deaths|killed)\b[^.]{0,40}?\bcoded as (\d+)", re.IGNORECASE)


def parse_number(text: str) -> tuple[int | None, str | None]:
    """(value, qualifier) for a number phrase: "1,500" -> 1500, "dozens" -> (12, "vague"), "twenty-one" -> 21."""
    s = text.lower().strip().replace("\u2019", "'")
    s = re.sub(r"[\"']", "", s)
    if s.endswith("+"):
        v, _ = parse_number(s[:-1])
        return v, "at_least"
    if _NUM_RE.match(s):
        return int(float(s.replace(",", ""))), None
    m = re.match(r"^(\d+(?:\.\d+)?)\s*(hundred|thousand|million)$", s)
    if m:
        return int(float(m.group(1)) * _SCALE[m.group(2)]), None
    if s in _VAGUE:
        return _VAGUE[s], "vague"
    if "-" in s and all(p in _WORDS for p in s.split("-")):
        return sum(_WORDS[p] for p in s.split("-")), None
    total, cur = 0, 0
    seen = False
    for w in s.replace("-", " ").split():
        if w == "and":
            continue
        if w in _WORDS:
            cur += _WORDS[w]
            seen = True
        elif w in _SCALE:
            cur = max(cur, 1) * _SCALE[w]
            if _SCALE[w] >= 1000:
                total, cur = total + cur, 0
            seen = True
        else:
            return None, None
    return (total + cur, None) if seen else (None, None)


def _date_number(t: Token) -> bool:
    """A number that belongs to a date, not a count of victims. Headlines without punctuation put the
    date right before the casualty noun ("Saturday 15 April 2017 Death toll mounts"):

    * a year after a month or "in/since/of", or inside a DATE entity;
    * the day beside a month name ("15 April", "April 15"); NER may tag "20 October 2016 6" as one
      DATE, so the entity alone cannot say which number is the day and which the victims.
    """
    doc = t.doc
    if _YEAR.match(t.text):
        prev = doc[t.i - 1].lower_ if t.i > 0 else ""
        return t.ent_type_ == "DATE" or prev in MONTHS or prev in ("in", "since", "of")
    if not t.text.isdigit() or not 1 <= int(t.text) <= 31:
        return False
    return any(0 <= j < len(doc) and doc[j].lower_.rstrip(".") in MONTHS for j in (t.i - 1, t.i + 1))


def _lem(t: Token) -> str:
    return t.lemma_.lower()


def _kind(t: Token) -> CountKind | None:
    k = _KIND_LEMMAS.get(_lem(t)) or _KIND_LEMMAS.get(t.lower_)
    if k is None:
        return None
    if _lem(t) in ("life",) and not any(_lem(c) in ("claim", "lose") for c in (t.head,)):
        return None
    if _lem(t) in ("body", "corpse") and not any(_lem(x) in ("find", "discover", "recover", "retrieve") for x in t.sent):
        return None
    return k


def _quantity(noun: Token) -> tuple[int, str | None, str] | None:
    """The count a noun phrase states: ("3", None, "3 civilians") etc.; None when it states none."""
    doc = noun.doc
    nums = [c for c in noun.children if c.dep_ in ("nummod", "quantmod") or (c.like_num and c.i < noun.i)]
    qual: str | None = None
    if noun.like_num or noun.pos_ == "NUM" or noun.lower_ in _VAGUE:
        nums = [noun]
    if nums and _date_number(nums[0]):
        return None  # "15 April 2017 Death toll ...": the day and the year are not victims
    if nums:
        n = nums[0]
        words = {x.lower_ for x in n.subtree} | {x.lower_ for x in noun.children if x.i < n.i}
        digits = [x for x in n.subtree if x.like_num or x.lower_ in _VAGUE or x.lower_ in _SCALE or x.lower_ in _WORDS]
        text = " ".join(x.text for x in digits if x.i <= n.i) or n.text
        value, qual = parse_number(text)
        if value is None:
            value, qual = parse_number(n.text)
        if value is None:
            return None
        numtoks = [x for x in n.subtree if x.like_num]
        if "-" in words and all(x.lower_ in _WORDS for x in numtoks):
            # "twenty-one"
            value = sum(_WORDS[x.lower_] for x in numtoks)
            qual = None
        elif words & {"between", "to", "-", "and"} and len(numtoks) > 1:
            # "between 1 and 2", "5 to 7": the lowest credible figure
            low = min(parse_number(x.text)[0] or value for x in n.subtree if x.like_num)
            value, qual = low, "at_least"
        elif words & _AT_LEAST:
            qual = "at_least"
        elif words & _AT_MOST:
            qual = "at_most"
        elif words & _ABOUT:
            qual = "about"
        raw = doc[min(phrase_start(n), n.i) : max(noun.i, n.i) + 1].text
        return value, qual, raw
    # "dozens of civilians", "a large number of terrorists", "hundreds of people"
    if noun.lower_ in _VAGUE or _lem(noun) in ("dozen",):
        v, q = parse_number(noun.lower_)
        return (v or 12), q or "vague", _np_text(noun)
    if _lem(noun) in ("number", "toll") and any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children) or (
        _lem(noun) == "number"
    ):
        return 0, "unquantified", _np_text(noun)
    for c in noun.children:
        if c.dep_ == "amod" and c.lower_ in ("several", "many", "numerous", "multiple", "dozens", "few"):
            v, q = parse_number(c.lower_)
            return v or 3, "vague", _np_text(noun)
        if c.dep_ == "det" and c.lower_ in ("a", "an", "one") and noun.tag_ in ("NN", "NNP"):
            return 1, None, _np_text(noun)
        if c.dep_ == "det" and c.lower_ in ("no", "neither"):
            return 0, None, _np_text(noun)
        if c.dep_ in ("det", "amod") and c.lower_ in ("several", "many", "some", "few"):
            v, q = parse_number(c.lower_)
            return v or 3, "vague", _np_text(noun)
    if noun.tag_ in ("NN", "NNP") and _lem(noun) in _PERSON_NOUNS | {"him", "her"}:
        return 1, None, _np_text(noun)
    if noun.lower_ in ("him", "her"):
        return 1, None, noun.text
    return None


def phrase_start(n: Token) -> int:
    return min(x.i for x in n.subtree)


def _np_text(noun: Token) -> str:
    left = noun.left_edge.i
    right = noun.i
    # keep "of terrorists" in "a large number of terrorists"
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            right = max(right, c.right_edge.i)
    return noun.doc[left : right + 1].text


def _victim_heads(t: Token) -> list[Token]:
    """The noun phrases that say who was killed/injured/arrested by trigger ``t``."""
    heads: list[Token] = []
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
    for c in t.children:
        victim = c.dep_ == "nsubjpass" or (c.dep_ in ("dobj", "attr", "oprd") and not passive)
        if victim or (c.dep_ == "nsubj" and (_lem(t) in ("die", "dead", "flee", "escape") or t.pos_ == "ADJ")):
            heads.append(c)
        elif c.dep_ == "nummod" and t.pos_ == "NOUN":
            heads.append(t)
    if t.dep_ == "xcomp" and not heads:
        # "1,500 civilians managed to escape"
        heads.extend(c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    if t.pos_ == "NOUN":
        # "the injury of several civilians", "the killing of two men"
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                heads.extend(x for x in c.children if x.dep_ == "pobj")
    if t.dep_ in ("acl", "amod", "relcl") and t.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        heads.append(t.head)
    counted = any(c.like_num for c in t.children) or _lem(t) in ("fatality", "death", "casualty", "injury", "body")
    if t.pos_ == "NOUN" and counted and (any(c.dep_ == "nummod" for c in t.children) or t.dep_ in ("dobj", "pobj", "nsubj")):
        heads.append(t)
    if t.pos_ == "ADJ" and t.dep_ in ("acomp", "oprd", "amod", "xcomp", "ccomp") and t.head.pos_ in ("VERB", "AUX", "NOUN"):
        # "left 5 dead", "5 were dead"
        heads.extend(c for c in t.head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.i != t.i)
        if t.dep_ == "amod":
            heads.append(t.head)
    if _lem(t) == "toll":
        for c in t.head.children:
            if c.dep_ == "prep" and c.lower_ == "to":
                heads.extend(x for x in c.children if x.dep_ == "pobj")
    # "killing one and wounding two" when the parser attached the numbers as npadvmod
    heads.extend(c for c in t.children if c.dep_ in ("npadvmod",) and c.like_num)
    out: list[Token] = []
    for h in heads:
        if h not in out:
            out.append(h)
    return out


def _group_total(head: Token) -> tuple[int, str | None, str] | None:
    """Sum across coordinated groups: "two soldiers and three civilians" -> 5."""
    parts = [head] + [c for c in head.subtree if c.dep_ == "conj" and c.head.i == head.i]
    # nested coordination: "two soldiers, a woman and three civilians"
    more = []
    for p in parts[1:]:
        more.extend(c for c in p.children if c.dep_ == "conj")
    parts += more
    values = []
    for p in parts:
        q = _quantity(p)
        if q is not None:
            values.append(q)
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    total = sum(v for v, _, _ in values)
    quals = {q for _, q, _ in values}
    qual = "unquantified" if quals == {"unquantified"} else ("at_least" if quals & {"at_least", "vague"} else None)
    doc = head.doc
    raw = doc[min(p.left_edge.i for p in parts) : max(p.i for p in parts) + 1].text
    return total, qual, raw


def extract_counts(sent: Span, trigger_i: int | None = None) -> list[Count]:
    """Counts of people killed, injured, displaced and arrested in ``sent``.

    With ``trigger_i`` (an event trigger's doc token index) only counts in that
    trigger's clause are returned first; the rest of the sentence follows.
    Explicit zeros ("no fatalities were reported") come back as value 0 with
    qualifier ``none``, so callers can tell "none" from "not said".
    """
    # The counts do not depend on the trigger, only their order does: a sentence with several event
    # candidates reads them once (fresh copies each call).
    key = (sent.doc, sent.start, sent.end)
    if _LAST_SENTENCE[0] is None or any(x is not y for x, y in zip(_LAST_SENTENCE[0], key, strict=True)):
        _LAST_SENTENCE[0], _LAST_SENTENCE[1] = key, _sentence_counts(sent)
    found = [(i, replace(c)) for i, c in _LAST_SENTENCE[1]]
    if trigger_i is not None:
        # a war's running toll ("the war, which has killed 39,000") belongs to no single event
        found = [f for f in found if not _running_toll(sent.doc[f[0]])]
    if trigger_i is not None:
        found.sort(key=lambda f: (not _same_clause(sent, f[0], trigger_i), f[0]))
    else:
        found.sort(key=lambda f: f[0])
    return [c for _, c in found]


# the last sentence's counts before ordering: (doc, start, end) and (token index, count) pairs
_LAST_SENTENCE: list = [None, []]


def _sentence_counts(sent: Span) -> list[tuple[int, Count]]:
    found: list[tuple[int, Count]] = []
    used: set[int] = set()
    for t in sent:
        kind = _kind(t)
        if kind is None:
            continue
        if _negated_report(t):
            found.append((t.i, Count(kind=kind, value=0, raw=_np_text(t) if t.pos_ == "NOUN" else t.text,
                                     qualifier="none")))
            continue
        for head in _victim_heads(t):
            if head.i in used:
                continue
            q = _group_total(head)
            if q is None:
                continue
            value, qual, raw = q
            used.add(head.i)
            found.append((t.i, Count(kind=kind, value=value, raw=raw, qualifier=qual)))
            break
        else:
            lin = _linear(t, used)
            if lin is not None:
                value, qual, raw, idx = lin
                used.add(idx)
                found.append((t.i, Count(kind=kind, value=value, raw=raw, qualifier=qual)))
    m = _CODED_AS.search(span_text(sent))
    if m:
        # coder notes: "Unknown fatalities coded as 10"
        found = [f for f in found if f[1].kind != "fatalities"]
        found.append((sent.start, Count(kind="fatalities", value=int(m.group(1)), raw=m.group(0), qualifier="vague")))
    return _merge_same_kind(found)


def _running_toll(t: Token) -> bool:
    from frontlines.nlp.reality import _cumulative_toll

    return _cumulative_toll(t)


def _merge_same_kind(found: list[tuple[int, Count]]) -> list[tuple[int, Count]]:
    """One count per kind and trigger; a real number beats an explicit zero of the same kind nearby."""
    out: list[tuple[int, Count]] = []
    for i, c in found:
        if c.qualifier == "none" and any(o.kind == c.kind and o.value > 0 for _, o in found):
            continue
        out.append((i, c))
    return out


def _negated_report(t: Token) -> bool:
    """ "no fatalities reported", "neither injuries nor fatalities", "no one was killed"."""
    if t.pos_ == "NOUN":
        if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in t.children):
            return True
        if t.dep_ == "conj" and any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in t.head.children):
            return True
        if any(c.lower_ in ("neither", "nor") for c in t.children) or (t.i > 0 and t.doc[t.i - 1].lower_ in ("nor", "neither", "no")):
            return True
    for c in t.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ in ("nsubjpass", "nsubj") and c.lower_ in ("nobody", "none") or (
            c.dep_ in ("nsubjpass", "nsubj") and c.lower_ == "one" and any(x.lower_ == "no" for x in c.children)
        ):
            return True
    return False


def _linear(t: Token, used: set[int]) -> tuple[int, str | None, str, int] | None:
    """Telegraphic fallback: a number right before "killed"/"dead"/"fatalities" ("2 killed", "3 fatalities")."""
    doc = t.doc
    for j in range(t.i - 1, max(t.sent.start, t.i - 3) - 1, -1):
        x = doc[j]
        if j in used:
            return None
        if (x.like_num or x.lower_ in _VAGUE) and not _date_number(x):
            value, qual = parse_number(x.text)
            if value is not None:
                return value, qual, doc[j : t.i + 1].text, j
        if x.pos_ in ("VERB", "PUNCT") and x.lower_ not in ("were", "was"):
            break
    return None


def _same_clause(sent: Span, i: int, j: int) -> bool:
    doc = sent.doc
    a, b = doc[i], doc[j]

    def clause(t: Token) -> Token:
        cur = t
        for _ in range(6):
            if cur.dep_ in ("ROOT", "ccomp", "conj") or cur.head.i == cur.i:
                return cur
            cur = cur.head
        return cur

    return clause(a).i == clause(b).i or a.head.i == b.i or b.head.i == a.i
