"""Does a mention describe the same real event as a candidate canonical event? Versioned scorers.

A scorer sees one mention and one candidate (already in the same place block
and date window) and returns a score in [0, 1], or ``None`` when the two
cannot be the same event (incompatible types or places, dates too far apart).
Behaviour changes by registering ``v2``; ``v1`` is never edited, so stored
fusions stay explainable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from frontlines.fusion.features import TERRITORY, MentionFeatures
from frontlines.fusion.places import DISTRICT, relation

if TYPE_CHECKING:
    from frontlines.fusion.cluster import Cluster

SCORERS: dict[str, Callable[..., Scorer]] = {}


def register(name: str):
    def deco(factory):
        SCORERS[name] = factory
        return factory
    return deco


DEFAULT_SCORER = "frontlines.fusion_scorer.v4"


def get_scorer(name: str = DEFAULT_SCORER, **config) -> Scorer:
    try:
        return SCORERS[name](**config)
    except KeyError:
        raise KeyError(f"unknown fusion scorer {name!r}; known: {sorted(SCORERS)}") from None


# Sub-types that reports of one event confuse with each other (compatible but not equal).
_BATTLE_FAMILY = {"Armed clash", *TERRITORY}
_CROSS = {
    frozenset({"Explosions/Remote violence", "Violence against civilians"}): 0.4,
    frozenset({"Battles", "Explosions/Remote violence"}): 0.3,
}


def type_compat(a_type: str, a_sub: str, b_type: str, b_sub: str) -> float:
    if a_sub == b_sub:
        return 1.0
    if a_sub in _BATTLE_FAMILY and b_sub in _BATTLE_FAMILY:
        return 0.7
    if a_type == b_type:
        return 0.6
    return _CROSS.get(frozenset({a_type, b_type}), 0.0)


@dataclass
class Scorer:
    name: str = "frontlines.fusion_scorer.v1"
    w_text: float = 0.35
    w_actor: float = 0.2
    w_type: float = 0.15
    w_place: float = 0.15
    w_date: float = 0.15
    threshold: float = 0.6
    date_slack_days: int = 1
    sibling_min_text: float = 0.5
    same_doc_min_text: float = 0.2

    def __call__(self, m: MentionFeatures, c: Cluster, text_sim: float) -> float | None:
        raise NotImplementedError


@register("frontlines.fusion_scorer.v1")
@dataclass
class ScorerV1(Scorer):
    """Weighted agreement of text, actors, type, place and date, with hard vetoes.

    Vetoes: types no report would confuse; places neither equal nor nested; two sentences
    of one document with little wording in common (round-ups list separate incidents);
    date windows more than a day apart; two districts of one city named by the
    same document (an author naming two districts means two places). Different
    districts across documents may still merge on near-identical wording, and
    are then recorded as a place contradiction.
    """

    def __call__(self, m: MentionFeatures, c: Cluster, text_sim: float) -> float | None:
        same_doc = self._same_doc(m, c)
        t_type, t_sub = c.main_type()
        tscore = type_compat(m.event_type, m.sub_event_type, t_type, t_sub)
        if tscore == 0.0 or (same_doc and tscore < 0.7):
            return None
        if same_doc and text_sim < self.same_doc_min_text:
            return None  # a round-up lists several incidents: one document's sentences must share wording
        pscore = self._place(m, c, text_sim, same_doc)
        if pscore is None:
            return None
        dscore = self._date(m, c)
        if dscore is None:
            return None
        actors = m.actors
        pool = c.actor_names()
        ascore = 0.5 if not actors or not pool else (1.0 if actors & pool else 0.1)
        bonus = 0.0
        figs = c.figures()
        if m.fatalities and figs and any(abs(m.fatalities - f) <= max(1, 0.1 * f) for f in figs):
            bonus = 0.05
        return (self.w_text * max(0.0, text_sim) + self.w_actor * ascore + self.w_type * tscore
                + self.w_place * pscore + self.w_date * dscore + bonus)

    @staticmethod
    def _same_doc(m: MentionFeatures, c: Cluster) -> bool:
        """Do the one-document vetoes apply (another sentence of ``m``'s document is in ``c``)?"""
        return m.doc_id in c.docs

    def _place(self, m: MentionFeatures, c: Cluster, text_sim: float, same_doc: bool) -> float | None:
        """Agreement on place, worth more the more specific the place: two reports of "Aleppo" on
        one day during a siege say little; two reports of one district say much."""
        mp = m.place_key
        if mp is None or not c.places:
            return 0.5 if mp is None and not c.places and text_sim >= self.sibling_min_text else None
        best = 0.0
        for p, docs in c.places.items():
            rel = relation(mp, p)
            if rel is None:
                return None
            if rel == "sibling":
                if m.doc_id in docs or same_doc or text_sim < self.sibling_min_text:
                    return None
                continue
            if rel == "same":
                best = max(best, _SPECIFICITY[min(mp.level, 5)])
            else:
                finer = max(mp.level, p.level)
                coarser = min(mp.level, p.level)
                best = max(best, 0.5 if (finer == 5 and coarser == 4) else 0.25 if coarser >= 1 else 0.1)
        return best

    def _date(self, m: MentionFeatures, c: Cluster) -> float | None:
        iv = m.interval()
        civ = c.core_interval()
        if iv is None or civ is None:
            return None
        (a0, a1), (b0, b1) = iv, civ
        if a0 <= b1 and b0 <= a1:
            return 1.0 if (a0 == a1 == b0 == b1) else 0.6
        gap = (b0 - a1).days if a1 < b0 else (a0 - b1).days
        return 0.3 if gap <= self.date_slack_days else None


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A figure or act summed over a period: "since April", "over the past week", "in 48 hours".
_PERIOD = re.compile(
    rf"\bsince (?:the (?:start|beginning|outbreak)\b|(?:early |late |mid-?)?(?:{_MONTHS})\b|(?:19|20)\d\d\b|"
    rf"last (?:week|month|year)\b|the (?:war|conflict|uprising|crisis|revolution)\b)"
    rf"|\b(?:over|in|during) the (?:past|last) (?:\d+ |few |several |two |three )?(?:days?|weeks?|months?|years?)\b"
    rf"|\b(?:in|over|within) (?:the )?(?:past |last )?\d+ (?:hours|days|weeks)\b|\bso far this (?:year|month|week)\b",
    re.I)


@lru_cache(maxsize=65536)
def _sums_period(evidence: str) -> bool:
    """Cached: a member's evidence is tested against every mention its event is a candidate for."""
    return _PERIOD.search(evidence) is not None


def _differs(m: MentionFeatures, c: Cluster, aggregate: Callable[[MentionFeatures], bool]) -> bool:
    """Whether ``m`` and one of the event's asserting members disagree on being an aggregate (a toll
    summed over a period) rather than one incident."""
    mine = aggregate(m)
    return any(aggregate(o) != mine for o in c.members if not o.is_denial)


@register("frontlines.fusion_scorer.v2")
@dataclass
class ScorerV2(ScorerV1):
    """v1, except that a running toll over a period never joins a single incident, within one
    document a retelling may not change both sub-type and perpetrator, and it may use new words
    when it names the same district on the same day.

    A story tells its main event more than once (the lead, a quote, a later
    paragraph: "captured the Masaken Hanano district" ... "state television said
    the army had restored security to the whole of Hanano"), with little wording
    in common. v1's same-document veto keeps round-ups of separate incidents in one
    city apart; a named district, one day and one sub-type is specific enough to
    lift it. Different districts, days or sub-types still never merge within a document.
    """

    name: str = "frontlines.fusion_scorer.v2"

    def __call__(self, m: MentionFeatures, c: Cluster, text_sim: float) -> float | None:
        if _differs(m, c, lambda x: _sums_period(x.evidence)):
            return None  # a running toll ("300 killed since April") is not one of the incidents it sums
        if self._same_doc(m, c):
            if self._other_incident(m, c):
                return None
            if text_sim < self.same_doc_min_text and self._same_district_day(m, c.members):
                text_sim = self.same_doc_min_text
        return super().__call__(m, c, text_sim)

    @staticmethod
    def _other_incident(m: MentionFeatures, c: Cluster) -> bool:
        """Within one document, another sub-type by another perpetrator ("regime forces killed 48 in
        Hardatnin" ... "rebels seized Hardatnin") is another incident, not a retelling."""
        for o in c.members:
            if o.doc_id != m.doc_id or o.is_denial or m.is_denial:
                continue
            if o.sub_event_type != m.sub_event_type and m.actor1 and o.actor1 and m.actor1 != o.actor1:
                return True
        return False

    @staticmethod
    def _same_district_day(m: MentionFeatures, members: list[MentionFeatures]) -> bool:
        mp = m.place_key
        if mp is None or mp.level != DISTRICT or m.time_precision != 1 or m.day is None:
            return False
        return any(o.doc_id == m.doc_id and o.sub_event_type == m.sub_event_type and o.time_precision == 1
                   and o.day == m.day and o.place_key is not None and relation(mp, o.place_key) == "same"
                   for o in members)


def _month_toll(m: MentionFeatures) -> bool:
    """A figure for a whole month ("1,472 casualties linked to U.S. air strikes in March") sums
    the month's incidents: it is no more one of them than "300 killed since April" is."""
    return m.time_precision == 3 and bool(m.fatalities or m.displaced)


@register("frontlines.fusion_scorer.v3")
@dataclass
class ScorerV3(ScorerV2):
    """v2, except that a month's toll is a running toll too, and the same-district retelling
    needs each sentence to name the place itself.

    A sentence that names no place is lent its document's main place ("Many people felt
    that they had been forced to leave, he said" in a story about the Rashidin convoy).
    That borrowed district is no evidence that the sentence retells the main incident;
    only its wording can say so.
    """

    name: str = "frontlines.fusion_scorer.v3"

    def __call__(self, m: MentionFeatures, c: Cluster, text_sim: float) -> float | None:
        if _differs(m, c, _month_toll):
            return None
        return super().__call__(m, c, text_sim)

    @staticmethod
    def _same_district_day(m: MentionFeatures, members: list[MentionFeatures]) -> bool:
        if m.own_place is False:
            return False
        return ScorerV2._same_district_day(m, [o for o in members if o.own_place is not False])


@register("frontlines.fusion_scorer.v4")
@dataclass
class ScorerV4(ScorerV3):
    """v3, except that a denial answers another document's claim, so its own document's vetoes do not apply.

    The one-document vetoes keep a round-up's separate incidents apart: two sentences of one story with
    little wording in common are two incidents. A denial is not one of its story's incidents; it answers
    what another outlet claimed ("He denied that government forces held any part of Sheikh Said", in the
    rebels' account, against the army's "took full control of Sheikh Saeed"). When its own story also
    reports the fighting there ("rebels were still holding a third of the district"), and that sentence
    joined the claimed event first, v3 judged the denial as a second sentence of that story, found too
    little wording in common and dropped it unmatched: the dispute vanished. So where the event holds a
    report from another document, a denial is scored as any other document's sentence would be.
    """

    name: str = "frontlines.fusion_scorer.v4"

    @staticmethod
    def _same_doc(m: MentionFeatures, c: Cluster) -> bool:
        if m.is_denial and c.docs - {m.doc_id}:
            return False
        return m.doc_id in c.docs


# same place, by level: country, admin1, admin2, admin3, locality, district
_SPECIFICITY = (0.1, 0.3, 0.3, 0.3, 0.6, 1.0)


