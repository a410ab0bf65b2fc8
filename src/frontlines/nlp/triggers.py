"""The trigger lexicon, and the cheap pre-filter that decides which sentences get a full parse.

Parsing is the slowest step of extraction. Most sentences of a news article
carry no event (background, quotes, commentary), so a regular expression built
from the trigger lexicon (``data/triggers.yaml``) screens sentences first. It
must have high recall: a sentence it drops is lost, while a sentence it keeps
only costs a parse. The same lexicon drives trigger matching on parsed tokens in
``events.py``, so the two can never drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["Kind", "TriggerLexicon", "lexicon", "may_carry_event"]

# Irregular forms a stem cannot reach (took, fled, shot, fought, …).
_IRREGULAR = {
    "take": ["took", "taken", "taking", "takes"],
    "hold": ["held", "holding", "holds"],
    "die": ["died", "dying", "dies", "dead", "death", "deaths"],
    "flee": ["fled", "fleeing", "flees"],
    "shoot": ["shot", "shooting", "shoots"],
    "fight": ["fought", "fighting", "fights"],
    "overrun": ["overran"],
    "retake": ["retook", "retaken"],
    "withdraw": ["withdrew", "withdrawn"],
    "fall": ["fell", "fallen", "falls", "falling"],
    "blow": ["blew", "blown"],
    "bring": ["brought"],
    "throw": ["threw", "thrown"],
    "beat": ["beaten"],
    "slay": ["slain", "slew"],
    "lead": ["led"],
    "hit": ["hit", "hits", "hitting"],
    "strike": ["struck", "strikes", "striking", "strike"],
    "seize": ["seized", "seizing", "seizes", "seizure"],
    "body": ["bodies"],
    "casualty": ["casualties"],
    "injury": ["injuries"],
    "fatality": ["fatalities"],
    "sit-in": ["sit-ins"],
    "rally": ["rallies", "rallied"],
    "martyr": ["martyred", "martyrdom"],
    "gun": ["gunned", "gunfire", "gunmen", "gunman"],
    "set": ["set"],
    "enter": ["entered", "entering", "enters"],
}
# Words that almost never begin an event report on their own but are frequent
# substrings of other words; they are matched as whole words only.
_WHOLE_WORD = {"is", "set", "gun", "jet", "mine", "fire", "deal", "sign", "push", "body", "dead", "raid", "beat", "hit", "take"}


@dataclass(frozen=True)
class Kind:
    """One trigger kind: its words, multi-word phrases, and how sure a bare match is."""

    name: str
    weight: float
    lemmas: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    verbs: frozenset[str] = frozenset()  # verb + object pairs ("establish" ... "base")
    objects: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TriggerLexicon:
    kinds: dict[str, Kind]
    headings: dict[str, str]  # heading phrase -> kind
    habitual: frozenset[str]
    modal: frozenset[str]
    hypothetical_heads: frozenset[str]
    commentary_heads: frozenset[str]
    attempt_heads: frozenset[str]
    prefilter: re.Pattern[str]

    def kinds_for_lemma(self, lemma: str) -> list[str]:
        return [k.name for k in self.kinds.values() if lemma in k.lemmas]


def _stem(word: str) -> str:
    w = word.lower()
    for suffix in ("ation", "ment", "ing", "ion", "e", "y"):
        if len(w) - len(suffix) >= 4 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def _word_alt(w: str) -> str:
    forms = [re.escape(f) for f in _IRREGULAR.get(w, ())]
    if w in _WHOLE_WORD or len(w) <= 3:
        forms.append(re.escape(w) + r"(?:s|es|ed|d)?")
    else:
        forms.append(re.escape(_stem(w)) + r"\w*")
    return "(?:" + "|".join(forms) + ")"


def _build(doc: dict[str, Any]) -> TriggerLexicon:
    kinds: dict[str, Kind] = {}
    words: set[str] = set()
    multi: set[tuple[str, ...]] = set()
    for name, spec in doc["kinds"].items():
        lemmas = frozenset(str(w).lower() for w in spec.get("lemmas") or [])
        phrases = tuple(tuple(str(p).lower().split()) for p in spec.get("phrases") or [])
        verbs = frozenset(str(w).lower() for w in spec.get("verbs") or [])
        objects = frozenset(str(w).lower() for w in spec.get("objects") or [])
        kinds[name] = Kind(name, float(spec.get("weight", 0.5)), lemmas, phrases, verbs, objects)
        words |= objects
        words |= lemmas
        words |= {p[0] for p in phrases if len(p) == 1}
        multi |= {p for p in phrases if len(p) > 1}
    headings = {str(h).lower(): kind for kind, hs in (doc.get("headings") or {}).items() for h in hs}
    alts: set[str] = set()
    for w in words:
        if w in _WHOLE_WORD or len(w) <= 3:
            alts.add(re.escape(w) + r"(?:s|es|ed|d)?\b")
        else:
            alts.add(re.escape(_stem(w)) + r"\w*")
        for form in _IRREGULAR.get(w, ()):
            alts.add(re.escape(form) + r"\b")
    for p in multi:
        # every word of a phrase, in order, with at most two words between ("took full control")
        alts.add(r"\W+(?:\w+\W+){0,2}?".join(_word_alt(w) for w in p))
    alts |= {re.escape(h).replace(r"\ ", r"\s+") + r"\s*:" for h in headings}
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(sorted(alts, key=len, reverse=True)) + ")", re.IGNORECASE)

    def fs(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in doc.get(key) or [])

    return TriggerLexicon(
        kinds=kinds,
        headings=headings,
        habitual=fs("habitual"),
        modal=fs("modal"),
        hypothetical_heads=fs("hypothetical_heads"),
        commentary_heads=fs("commentary_heads"),
        attempt_heads=fs("attempt_heads"),
        prefilter=pattern,
    )


@lru_cache(maxsize=1)
def lexicon() -> TriggerLexicon:
    """The shipped trigger lexicon (``frontlines/data/triggers.yaml``), loaded once."""
    text = (resources.files("frontlines") / "data" / "triggers.yaml").read_text(encoding="utf-8")
    return _build(yaml.safe_load(text))


def may_carry_event(text: str) -> bool:
    """True when ``text`` contains any trigger word form: cheap, no spaCy, errs towards True."""
    return bool(text) and lexicon().prefilter.search(text) is not None
