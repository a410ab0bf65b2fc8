"""The sub-type model: a linear model the project owns, scoring ACLED's 25 sub-types and "no event" per sentence.

WHY: the rules (``nlp.events``) were tuned on Middle-East conflict reporting, where every text reports an
event. Elsewhere they misread ("laid siege to the goal" is a battle, "a grenade explosion" a remote
explosive, "have taken five people" no event). A model trained on the project's own corpus
(``data/corpus``: news-style sentences for every sub-type, and hard negatives that share their words:
sport, markets, disasters, history, threats...) has seen what is *not* an event and how each sub-type is
worded around the world. It works **with** the rules, never instead of them:

- the rules keep attribution, the reality filter (negation, hypotheticals, habitual, history), actor roles,
  territory (who took the place decides Government regains / Non-state actor overtakes) and precedence;
- the model scores, for each sentence the rules see, P(sub-type) for the 25 sub-types and P(no event).

Features that carry meaning (``sentence_features``): word and lemma unigrams and lemma bigrams; every trigger
of the lexicon with the rules' verdict on it (kind, lemma, real / negated / hypothetical / dropped /
background); the agent, patient and instrument phrases of each trigger from the parse (lemma-tagged, and
the registry's inter code for each: state forces 1, rebels 2, civilians 7...); negation, modal, tense and
history cues; and the rules' own reading (sub-type, actor1/actor2 inter codes), so the model learns where
the rules are right.

Combination (``combine``), per sentence, with the thresholds in ``Combination``, which the model file carries:
``frontlines train --builtin`` chooses them by cross-validation on the corpus (``subtype_search``; never on
an evaluation file), so they follow the corpus:

1. **veto**: P(no event) >= ``veto`` drops the rules' events of the sentence; where the rules' primary event
   has the parse's evidence of fighting (``_evidenced``: an armed actor1, state forces, rebels, militias, or
   a battle between two sides; evidence a flood or a match lacks) the bar is ``veto_armed``, the lowest that
   keeps every such corpus report;
2. **sub-type**: a rule event is retyped to the model's best sub-type when that one has P >= ``switch`` and
   beats the rules' choice by ``margin`` (plus ``cross_margin`` when the event type changes); its actors,
   trigger and claim stay the rules'. With several rule events in one sentence only the one the
   document-level rule would pick as primary is retyped; when the model's choice is already among them,
   that one is made primary instead (its score raised). Two readings the parse supports stay the rules'
   (``_pooled``, ``_protected``): the direction of a territory change (who took the place), and the line
   between an armed clash and violence against civilians where the parse found who was hit. Without them
   the model cost the ACLED notes about 2.5 points of event type (docs/quality.md): it read "soldiers shot
   dead by gunmen" as an Attack and "forces took the hill from X" in the wrong direction;
3. **proposal**: where the rules found nothing but a trigger of the lexicon fires and the reality filter
   passed it (a word the syntax checks set aside, "have taken five people", counts), an event of the
   model's sub-type is proposed when P >= ``propose`` and P(no event) is below ``veto``; on a sentence with
   no trigger of the lexicon at all ("the army set up an observation post") the bar is ``propose_bare``.
   Its actors come from the rules' family conventions (``readings.candidate_of``); a proposal in which the
   parse finds no actor at all is dropped.

The pipeline uses the combination by default (``nlp.extract``; ``FRONTLINES_SUBTYPE_MODEL=off`` turns it
off, leaving the rules alone); the figures are in docs/quality.md.

The model is a multinomial logistic regression (scikit-learn) on sublinear-tf, idf-weighted, l2-normalised
binary-ish features. It ships as JSON (``data/models/subtype.json``: vocabulary, idf, weights rounded to 4
decimals, the corpus hash and the training parameters), no pickle, and scoring needs numpy only.
``frontlines train --builtin`` (``subtype_search.train_builtin``) rebuilds it byte for byte from the corpus.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frontlines.errors import FrontlinesError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

    from frontlines.nlp.actors import ActorRegistry
    from frontlines.nlp.corpus import CorpusItem
    from frontlines.nlp.events import EventCandidate
    from frontlines.nlp.readings import TriggerReading

MODEL_FORMAT = 1
NO_EVENT = "NONE"
MODEL_NAME = "subtype.json"


def _subtypes() -> list[str]:
    from frontlines.nlp.taxonomy import ACLED_SUBTYPES as SUBTYPES

    return [s for subs in SUBTYPES.values() for s in subs]


# -- hyper-parameters (chosen by `python -m frontlines.nlp.subtype --search`, cross-validation on the corpus) --
@dataclass(frozen=True)
class Training:
    """How the shipped model is fitted; recorded in the model file."""

    c: float = 16.0
    min_df: int = 2
    class_weight: str | None = "balanced"
    max_iter: int = 4000


@dataclass(frozen=True)
class Combination:
    """Thresholds of the rules-and-model combination (module docstring). The shipped values are in the model
    file, chosen by ``subtype_search.choose_combination``; these defaults only serve a model file without them
    and the unit tests, and never cross-type retype, never propose on a bare sentence."""

    veto: float = 0.4
    switch: float = 0.3
    margin: float = 0.0
    propose: float = 0.4
    cross_margin: float = 0.0  # more margin when a retype changes the event type
    # the veto for a rule event with the parse's evidence of fighting (``_evidenced``)
    veto_armed: float = 0.4
    # a proposal on a sentence with no trigger of the lexicon at all ("forces have taken five people",
    # "the army set up an observation post"): the lexicon never fires there, so without this the model is
    # never asked (on corpus CV these sentences were the largest single cause of the combination falling
    # below the model alone: 208 of its 388 items). 1.01: never
    propose_bare: float = 1.01


TRAINING = Training()
COMBINATION = Combination()


# -- features ------------------------------------------------------------------------------------
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)s?$")
_INSTRUMENT_PREPS = ("with", "using", "by")


def _word(t) -> str:
    return "<num>" if t.like_num else t.lower_


def _lemma(t) -> str:
    return "<num>" if t.like_num else t.lemma_.lower()


def _inter_at(tok, spans: list[tuple[int, int, Any]]) -> int | None:
    """The registry inter code of the actor mention covering ``tok`` or its phrase."""
    for s, e, ref in spans:
        if s <= tok.i < e:
            return ref.inter
    for s, e, ref in spans:
        if tok.left_edge.i <= s and e <= tok.right_edge.i + 1:
            return ref.inter
    return None


def sentence_features(sent: Span, *, cands: Sequence[EventCandidate], readings: Sequence[TriggerReading],
                      registry: ActorRegistry | None = None, when: date | None = None,
                      country: str | None = None) -> list[str]:
    """The model's features of one parsed sentence (module docstring); a list of feature strings."""
    from frontlines.nlp.readings import trigger_roles
    from frontlines.nlp.triggers import lexicon

    toks = [t for t in sent if not (t.is_punct or t.is_space)]
    feats = [f"w:{_word(t)}" for t in toks]
    lemmas = [_lemma(t) for t in toks]
    feats += [f"l:{x}" for x in lemmas]
    feats += [f"b:{a}_{b}" for a, b in zip(lemmas, lemmas[1:], strict=False)]
    spans: list[tuple[int, int, Any]] = []
    if registry is not None:
        for s, e, ref in registry.find(sent.text, when=when, country=country):
            span = sent.char_span(s, e, alignment_mode="expand")
            if span is not None:
                spans.append((span.start, span.end, ref))
                feats.append(f"a:{ref.inter}")
                feats.append(f"ad:{span.root.dep_}:{ref.inter}")
    for r in readings:
        feats += [f"t:{r.kind}", f"tl:{r.kind}:{r.lemma}"]
        if r.reality:
            feats += [f"tu:{r.reality}", f"tu:{r.kind}:{r.reality}"]
            if r.reality == "dropped":
                continue
        else:
            feats.append(f"tr:{r.kind}")
        if r.background:
            feats.append(f"tb:{r.kind}")
        agents, patients = trigger_roles(sent, r.i)
        for role, heads in (("ag", agents), ("pa", patients)):
            for h in heads:
                feats += [f"{role}:{_lemma(h)}", f"{role}:{r.kind}:{_lemma(h)}"]
                inter = _inter_at(h, spans)
                if inter is not None:
                    feats += [f"{role}i:{inter}", f"{role}i:{r.kind}:{inter}"]
        tok = sent.doc[r.i]
        for head in {tok, tok.head}:
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ in _INSTRUMENT_PREPS:
                    feats += [f"in:{_lemma(x)}" for x in c.children if x.dep_ == "pobj"]
    lex = lexicon()
    for t in sent:
        if t.dep_ == "neg":
            feats.append("c:neg")
        if t.tag_ == "MD":
            feats.append(f"c:md:{t.lower_}")
        if t.lemma_.lower() in lex.hypothetical_heads and t.pos_ in ("VERB", "NOUN", "ADJ"):
            feats.append(f"c:hyp:{t.lemma_.lower()}")
        if t.lower_ == "ago":
            feats.append("c:ago")
        if _YEAR.match(t.text):
            feats.append("c:year")
    feats.append(f"c:root:{sent.root.tag_}")
    if sent.text.rstrip().endswith("?"):
        feats.append("c:question")
    if not cands:
        feats.append("r:none")
    for c in cands:
        a1 = c.actor1.inter if c.actor1 is not None else None
        a2 = c.actor2.inter if c.actor2 is not None else None
        feats += [f"r:{c.sub_event_type}", f"rt:{c.event_type}", f"r:{c.sub_event_type}:a1:{a1}",
                  f"r:{c.sub_event_type}:a2:{a2}"]
    return feats


# -- the model -------------------------------------------------------------------------------------
@dataclass
class SubtypeModel:
    """A fitted linear model: vocabulary, idf, weights (features x classes), intercepts; numpy scoring."""

    classes: list[str]
    vocab: dict[str, int]
    idf: Any  # numpy float array (n_features,)
    weights: Any  # numpy float array (n_features, n_classes)
    intercept: Any  # numpy float array (n_classes,)
    combination: Combination = COMBINATION
    meta: dict[str, Any] = field(default_factory=dict)

    def vector(self, feats: Iterable[str]) -> dict[int, float]:
        """Sublinear tf x idf, l2-normalised, over the known features."""
        counts: dict[int, int] = {}
        for f in feats:
            j = self.vocab.get(f)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        vals = {j: (1.0 + math.log(n)) * float(self.idf[j]) for j, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vals.values())) or 1.0
        return {j: v / norm for j, v in vals.items()}

    def proba(self, feats: Iterable[str]) -> dict[str, float]:
        """P(class) for the 25 sub-types and ``NONE``."""
        import numpy as np

        vec = self.vector(feats)
        z = self.intercept.copy()
        if vec:
            idx = np.fromiter(vec.keys(), dtype=np.int64)
            val = np.fromiter(vec.values(), dtype=np.float64)
            z = z + val @ self.weights[idx]
        z = z - z.max()
        p = np.exp(z)
        p = p / p.sum()
        return {c: float(x) for c, x in zip(self.classes, p, strict=True)}

    # -- the shipped file: JSON, reviewable, no pickle --
    def to_json(self) -> str:
        inv = sorted(self.vocab, key=self.vocab.__getitem__)
        doc = {
            "format": MODEL_FORMAT,
            "kind": "frontlines sub-type model (multinomial logistic regression)",
            "meta": self.meta,
            "combination": asdict(self.combination),
            "classes": self.classes,
            "intercept": [_r(x) for x in self.intercept],
            "features": {f: [_r(float(self.idf[j])), [_r(w) for w in self.weights[j]]]
                         for j, f in enumerate(inv)},
        }
        return json.dumps(doc, ensure_ascii=False, sort_keys=False, separators=(",", ":")) + "\n"

    @classmethod
    def from_json(cls, text: str, where: str = "model") -> SubtypeModel:
        import numpy as np

        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FrontlinesError(f"{where}: not a frontlines sub-type model (bad JSON: {exc.msg})") from None
        if not isinstance(doc, dict) or doc.get("format") != MODEL_FORMAT:
            raise FrontlinesError(f"{where}: not a frontlines sub-type model of format {MODEL_FORMAT}")
        try:
            classes = list(doc["classes"])
            names = list(doc["features"])
            idf = np.array([doc["features"][f][0] for f in names], dtype=np.float64)
            weights = np.array([doc["features"][f][1] for f in names], dtype=np.float64).reshape(len(names),
                                                                                                  len(classes))
            intercept = np.array(doc["intercept"], dtype=np.float64)
            combination = Combination(**doc.get("combination", {}))
        except (KeyError, TypeError, ValueError) as exc:
            raise FrontlinesError(f"{where}: malformed sub-type model ({type(exc).__name__}: {exc})") from None
        if intercept.shape != (len(classes),):
            raise FrontlinesError(f"{where}: malformed sub-type model (intercept does not match the classes)")
        return cls(classes, {f: j for j, f in enumerate(names)}, idf, weights, intercept, combination,
                   dict(doc.get("meta") or {}))


def _r(x: float) -> float:
    v = round(float(x), 4)
    return 0.0 if v == 0 else v  # no "-0.0"


def model_path() -> Path:
    return Path(str(resources.files("frontlines") / "data" / "models" / MODEL_NAME))


def load(path: Path) -> SubtypeModel:
    if not path.exists():
        raise FrontlinesError(f"{path}: no sub-type model there (rebuild it with `frontlines train --builtin`)")
    return SubtypeModel.from_json(path.read_text(encoding="utf-8"), str(path))


@lru_cache(maxsize=1)
def default_model() -> SubtypeModel | None:
    """The shipped model, loaded once; None when the package carries none (the rules then work alone)."""
    path = model_path()
    return load(path) if path.exists() else None


# -- combination with the rules ------------------------------------------------------------------
@dataclass(frozen=True)
class Decision:
    """What the combination did to one sentence's events (for audits and tests)."""

    action: str  # "keep", "veto", "retype", "promote", "propose", "none"
    sub: str | None = None
    p: float = 0.0
    p_none: float = 0.0


def decide(cands: Sequence[EventCandidate], probs: dict[str, float], real_trigger: bool | None,
           comb: Combination = COMBINATION) -> tuple[str, int | None, str | None]:
    """The combination rule on labels only: (action, index of the candidate acted on, sub-type).

    ``real_trigger``: True when a trigger of the lexicon fires and the reality filter passed it, False when
    every trigger was set aside (negated, hypothetical: no proposal then), None when the sentence has none.

    Pure, so the cross-validation search and the pipeline share one definition. Two readings stay the rules'
    whatever the model says (``_protected``): the direction of a territory change, and the Armed clash /
    Violence against civilians line where the parse found who was hit.
    """
    p_none = probs.get(NO_EVENT, 0.0)
    if cands:
        k = _primary_index(cands)
        if p_none >= (comb.veto_armed if _evidenced(cands[k]) else comb.veto):
            return "veto", None, None
        mine = cands[k].sub_event_type
        probs = _pooled(probs, mine)
        best = _best(probs)
        if any(c.sub_event_type == best for c in cands):
            j = next(i for i, c in enumerate(cands) if c.sub_event_type == best)
            return ("keep", k, None) if j == k else ("promote", j, best)
        if _protected(cands[k], best):
            return "keep", k, None
        margin = comb.margin + (comb.cross_margin if _type_of(best) != cands[k].event_type else 0.0)
        if probs[best] >= comb.switch and probs[best] - probs.get(mine, 0.0) >= margin:
            return "retype", k, best
        return "keep", k, None
    best = _best(probs)
    bar = comb.propose if real_trigger else comb.propose_bare if real_trigger is None else None
    if bar is not None and p_none < comb.veto and probs[best] >= bar:
        return "propose", None, best
    return "none", None, None


TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")
_ARMED_INTER = (1, 2, 3, 4, 8)  # state forces, rebels, political and identity militias, external forces
_AGAINST_CIVILIANS = ("Attack", "Sexual violence", "Abduction/forced disappearance")


def _best(probs: dict[str, float]) -> str:
    return max((c for c in probs if c != NO_EVENT), key=lambda c: (probs[c], c))


def _type_of(sub: str) -> str:
    from frontlines.nlp.taxonomy import _TYPE_OF

    return _TYPE_OF.get(sub, "")


def _evidenced(cand: EventCandidate) -> bool:
    """The parse's evidence that this is political violence, which a flood, a match or a robbery does not
    have: the rules found an armed actor (state forces, rebels, militias, external forces) doing it, or a
    battle (two sides fighting)."""
    return (cand.actor1 is not None and cand.actor1.inter in _ARMED_INTER) or cand.event_type == "Battles"


def _pooled(probs: dict[str, float], mine: str) -> dict[str, float]:
    """For a rule territory event, the model's two territory sub-types as one: who took the place decides the
    direction (the rules read it from actor1's type), and a bag of words cannot tell "forces of X took" from
    "took from forces of X". On the ACLED notes the model swapped the rules' right direction 10 times in 997."""
    if mine not in TERRITORY:
        return probs
    other = TERRITORY[1 - TERRITORY.index(mine)]
    out = dict(probs)
    out[mine] = out.get(mine, 0.0) + out.pop(other, 0.0)
    return out


def _protected(cand: EventCandidate, best: str) -> bool:
    """The codebook's actor line between a battle and violence against civilians, where the parse found the
    side that was hit: an armed actor2 (soldiers, militants) makes it no attack on civilians, and civilians
    as actor2 make it no armed clash. ACLED codes a one-sided killing of soldiers as an Armed clash; the model,
    which sees "shot dead" and "killed", called 15 of those Attacks on 997 ACLED notes. A rule Armed clash
    whose target the parse did not find as civilians stays a clash too (the rules' clash trigger, "clashes",
    "fighting", is the evidence), and a rule territory change stays a transfer of territory: the model may
    only say which one (``_pooled``). Both found by error analysis of the ACLED dev notes (the model on
    corpus v2 moved 7 notes the rules had right out of those two families)."""
    v = cand.actor2.inter if cand.actor2 is not None else None
    if best in _AGAINST_CIVILIANS and v in _ARMED_INTER:
        return True
    if cand.sub_event_type == "Armed clash" and best in _AGAINST_CIVILIANS and v != 7:
        return True
    if cand.sub_event_type in TERRITORY and best not in (*TERRITORY, "Non-violent transfer of territory"):
        return True
    return cand.sub_event_type in _AGAINST_CIVILIANS and best == "Armed clash" and v == 7


def _primary_index(cands: Sequence[EventCandidate]) -> int:
    """The candidate the document-level primary-event rule picks in a sentence: score, then precedence."""
    order = {s: i for i, s in enumerate(_subtypes())}
    return min(range(len(cands)), key=lambda i: (-(cands[i].score or 0.0), order.get(cands[i].sub_event_type, 99),
                                                  cands[i].trigger_i))


def combine(sent: Span, cands: list[EventCandidate], model: SubtypeModel, *, when: date | None = None,
            registry: ActorRegistry | None = None, country: str | None = None,
            readings: Sequence[TriggerReading] | None = None) -> tuple[list[EventCandidate], Decision]:
    """The sentence's events after the model's say (module docstring), and what was decided."""
    from frontlines.nlp.readings import candidate_of, retype, trigger_readings

    readings = list(readings) if readings is not None else trigger_readings(sent)
    feats = sentence_features(sent, cands=cands, readings=readings, registry=registry, when=when, country=country)
    probs = model.proba(feats)
    real = [r for r in readings if _usable(r)]
    action, k, sub = decide(cands, probs, _trigger_state(readings), model.combination)
    p_none = probs[NO_EVENT]
    if action == "veto":
        return [], Decision(action, None, 0.0, p_none)
    if action in ("keep", "none"):
        return list(cands), Decision(action, None, 0.0, p_none)
    assert sub is not None
    if action == "propose":
        anchor = _anchor_for(sub, real).i if real else sent.root.i
        cand = candidate_of(sent, sub, anchor, when=when, registry=registry, country=country, score=probs[sub])
        if cand is not None and cand.actor1 is None and cand.actor2 is None:
            # nobody in it the parse could find: the model's words alone make no event the rules did not see
            # ("It was also agreed that a programme ... was a priority", a BBC sport page, was an Agreement at
            # P 0.53; found on the BBC dev pages). Not replayed by the CV search, which has labels only
            cand = None
        return ([cand] if cand is not None else []), Decision(action if cand else "none", sub, probs[sub], p_none)
    assert k is not None
    out = list(cands)
    if action == "retype":
        out[k] = retype(out[k], sub)
    else:  # promote: the model's choice is already a rule event of this sentence; make it the primary one
        top = max(c.score or 0.0 for c in out)
        out[k].score = round(min(1.0, top + 0.01), 3)
    return out, Decision(action, sub, probs[sub], p_none)


def _trigger_state(readings: Sequence[TriggerReading]) -> bool | None:
    """``decide``'s ``real_trigger``: a usable trigger (True), only set-aside ones (False), none at all (None)."""
    return any(_usable(r) for r in readings) if readings else None


def _usable(r: TriggerReading) -> bool:
    """A trigger an event may be proposed on: one the reality filter passed. A word the syntax checks set aside
    ("have taken five people": "take" without a place) still counts; a negated or hypothetical one does not."""
    return r.reality in (None, "dropped")


def _anchor_for(sub: str, real: Sequence[TriggerReading]) -> TriggerReading:
    """The trigger that best fits the proposed sub-type: one of its own kind, else the first real one."""
    from frontlines.nlp.readings import KIND_OF_SUB

    kind = KIND_OF_SUB.get(sub)
    return next((r for r in real if r.kind == kind), real[0])


def model_detector(detect: Callable, model: SubtypeModel | None = None) -> Callable:
    """``detect`` (the rules' ``detect_events``) with the model's say on each sentence's events."""
    model = model or default_model()
    if model is None:
        return detect

    def detect_with_model(sent, *, when=None, registry=None, country=None, **kw):
        if registry is None:
            from frontlines.nlp.actors import ActorRegistry

            registry = ActorRegistry.default()
        cands = detect(sent, when=when, registry=registry, country=country, **kw)
        out, _ = combine(sent, cands, model, when=when, registry=registry, country=country)
        return out

    detect_with_model.__wrapped__ = detect  # type: ignore[attr-defined]
    return detect_with_model


# -- training ---------------------------------------------------------------------------------------
@dataclass
class Parsed:
    """A corpus item parsed once: per sentence, the features and the rules' events."""

    item: CorpusItem
    sentences: list[tuple[list[str], list[EventCandidate], bool | None]]  # features, rule events, trigger state

    @property
    def features(self) -> list[str]:
        return [f for feats, _, _ in self.sentences for f in feats]


def parse_corpus(items: Sequence[CorpusItem], *, progress: bool = False) -> list[Parsed]:
    """Parse every item with the pipeline's model and read it the way extraction does (per sentence)."""
    from frontlines.nlp.actors import ActorRegistry
    from frontlines.nlp.events import detect_events
    from frontlines.nlp.pipeline import load_nlp, normalise
    from frontlines.nlp.readings import trigger_readings

    nlp = load_nlp(components=False)
    registry = ActorRegistry.default()
    texts = [normalise(it.text) for it in items]
    docs = nlp.pipe(texts, batch_size=64)
    if progress:
        from frontlines.progress import track

        docs = track(docs, len(texts), "reading the corpus", True)
    out: list[Parsed] = []
    for it, doc in zip(items, docs, strict=True):
        sents = []
        for sent in doc.sents:
            try:
                cands = detect_events(sent, registry=registry)
                readings = trigger_readings(sent)
                feats = sentence_features(sent, cands=cands, readings=readings, registry=registry)
            except Exception as exc:  # one odd sentence must not sink training: say which
                raise FrontlinesError(f"corpus item {it.id}: the rules failed on it ({type(exc).__name__}: {exc})"
                                      ) from exc
            sents.append((feats, cands, _trigger_state(readings)))
        out.append(Parsed(it, sents))
    return out


def _vocabulary(docs: Sequence[list[str]], min_df: int) -> tuple[dict[str, int], Any]:
    import numpy as np

    df: dict[str, int] = {}
    for feats in docs:
        for f in set(feats):
            df[f] = df.get(f, 0) + 1
    names = sorted(f for f, n in df.items() if n >= min_df)
    n = len(docs)
    idf = np.array([math.log((1 + n) / (1 + df[f])) + 1.0 for f in names], dtype=np.float64)
    return {f: j for j, f in enumerate(names)}, idf


def _matrix(docs: Sequence[list[str]], vocab: dict[str, int], idf) -> Any:
    import numpy as np
    import scipy.sparse as sp

    rows, cols, vals = [], [], []
    for i, feats in enumerate(docs):
        counts: dict[int, int] = {}
        for f in feats:
            j = vocab.get(f)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        v = {j: (1.0 + math.log(c)) * idf[j] for j, c in counts.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        for j in sorted(v):
            rows.append(i)
            cols.append(j)
            vals.append(v[j] / norm)
    return sp.csr_matrix((np.array(vals), (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
                         shape=(len(docs), len(vocab)))


def fit(docs: Sequence[list[str]], labels: Sequence[str], training: Training = TRAINING,
        combination: Combination = COMBINATION, meta: dict[str, Any] | None = None) -> SubtypeModel:
    """Fit the model on feature lists and labels (a sub-type or ``NONE``)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    vocab, idf = _vocabulary(docs, training.min_df)
    x = _matrix(docs, vocab, idf)
    lr = LogisticRegression(C=training.c, max_iter=training.max_iter, class_weight=training.class_weight)
    lr.fit(x, list(labels))
    classes = [str(c) for c in lr.classes_]
    weights = np.asarray(lr.coef_, dtype=np.float64).T
    if len(classes) == 2:  # binary: scikit-learn keeps one row; expand to two for the softmax
        weights = np.hstack([-weights / 2, weights / 2])
        intercept = np.array([-lr.intercept_[0] / 2, lr.intercept_[0] / 2])
    else:
        intercept = np.asarray(lr.intercept_, dtype=np.float64)
    model = SubtypeModel(classes, vocab, idf, weights, intercept, combination, dict(meta or {}))
    # what ships is what was rounded: score with the rounded numbers so the file and the memory agree
    return SubtypeModel.from_json(model.to_json())


def save(model: SubtypeModel, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(model.to_json(), encoding="utf-8")


__all__ = ["COMBINATION", "NO_EVENT", "TRAINING", "Combination", "Decision", "SubtypeModel", "Training",
           "combine", "decide", "default_model", "fit", "load", "model_detector", "model_path", "parse_corpus",
           "save", "sentence_features"]
