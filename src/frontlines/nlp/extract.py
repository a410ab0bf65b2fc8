"""From a ``Document`` to ``EventMention`` records: the orchestration of the nlp stage.

The cascade, per document (each step a module of its own):

1. ``pipeline``: cut into title / body / comment sentences, pre-filter, parse
   the candidates (batched across documents), with the date and claim components;
2. ``events.detect_events``: event candidates (type, sub-type, actors, trigger);
3. ``claims``: who asserts each candidate, carried across sentences by ``ClaimScope``;
4. ``places.find_places`` and ``counts.extract_counts`` on the same sentence;
5. ``dates``: each event place gets the date expression that belongs to it, else
   the paragraph's or the lead's, resolved against the publication date;
6. document context fills what a sentence leaves implicit (the opposing side of a
   territory event; the speaking party as the actor of its own claimed action);
7. ACLED's unit of analysis: one mention per event place (and day); headline and
   place-less summary sentences that repeat a placed event of the same sub-type
   are not separate events; reader comments are kept apart as ``reader_comment``.

Offsets (``char_start``/``char_end``, place ``start``/``end``) are character
offsets into the section text: ``Document.body`` for body sentences, the title
line for headlines, the comment's own text for comments.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial

from frontlines.document import Document
from frontlines.mention import ActorRef, Count, DateRef, EventMention, PlaceMention
from frontlines.nlp.claims import PRONOUNS, ClaimScope, governing, hedged, make_claim
from frontlines.nlp.dateline import read_dateline
from frontlines.nlp.dates import DateMention, find_dates, resolve_date
from frontlines.nlp.doc_text import doc_text, span_text
from frontlines.nlp.pipeline import Annotated, Unit, annotate, load_nlp
from frontlines.nlp.screening import Screening
from frontlines.version import PIPELINE_VERSION

log = logging.getLogger(__name__)
TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")
TRANSFERS = (*TERRITORY, "Non-violent transfer of territory")
ARMED_INTER = (1, 2, 3, 4, 8)
_PLACE_LABELS = ("GPE", "LOC", "FAC")


# -- optional stages (owned elsewhere; extraction degrades gracefully without them) ---------------
def _detector() -> Callable | None:
    """The rules' ``detect_events`` with the shipped sub-type model's say on each sentence (``nlp.subtype``);
    ``FRONTLINES_SUBTYPE_MODEL=off`` leaves the rules alone.

    On by default since its combination held the CI gate (ACLED notes, FA-KES) and raised the world-wide
    CASE figures (docs/quality.md); off remains for comparing with the rules alone and for a package built
    without the model file (then the rules work alone anyway).
    """
    try:
        from frontlines.nlp.events import detect_events
    except ImportError:
        return None
    import os

    if os.environ.get("FRONTLINES_SUBTYPE_MODEL", "on").lower() in ("off", "0", "false", "no"):
        return detect_events
    from frontlines.nlp.subtype import model_detector

    return model_detector(detect_events)


def _counter() -> Callable | None:
    try:
        from frontlines.nlp.counts import extract_counts
    except ImportError:
        return None
    return extract_counts


def _place_finder(geocoder=None) -> Callable:
    """The place finder, bound to the gazetteer it must consult: the extraction's own (the store's layers
    included), else the shipped one alone.

    WHY bound, never left to ``use_geocoder``'s process-wide setting: that setting outlives a run (an
    evaluation, a test or an earlier run may have set another gazetteer), and the places found, hence the
    mentions, would then depend on what ran before in the process rather than on the inputs.
    """
    try:
        from frontlines.nlp.place_lexicon import default_geocoder
        from frontlines.nlp.places import find_places
    except ImportError:
        return _entity_places
    return partial(find_places, geocoder=geocoder if geocoder is not None else default_geocoder())


def _default_registry():
    try:
        from frontlines.nlp.actors import ActorRegistry
    except ImportError:
        return None
    return ActorRegistry.default()


def _entity_places(sent, trigger_i: int | None) -> list[PlaceMention]:
    """Fallback while no gazetteer-backed place finder is installed: spaCy place entities.

    A place entity inside the trigger's clause is where the event happened; others are "other".
    """
    clause = set()
    if trigger_i is not None:
        t = sent.doc[trigger_i]
        head = t.head if t.dep_ in ("xcomp", "ccomp", "conj", "acl", "relcl") and t.head.pos_ == "VERB" else t
        clause = {x.i for x in head.subtree}
    out = []
    for ent in sent.ents:
        if ent.label_ in _PLACE_LABELS:
            role = "event" if not clause or ent.start in clause else "other"
            out.append(PlaceMention(ent.text, role, ent.start_char, ent.end_char))
    return out


# -- document context --------------------------------------------------------------------------
@dataclass
class Context:
    """What the whole document says, for filling what one sentence leaves implicit."""

    published: date | None
    country: str | None
    actors: list[tuple[int, str, ActorRef]] = field(default_factory=list)  # (offset, text, ref)
    lead_date: DateMention | None = None
    places: Counter = field(default_factory=Counter)  # place strings of the body's event sentences
    place_spans: dict[str, PlaceMention] = field(default_factory=dict)

    def main_place(self) -> PlaceMention | None:
        """The place the article is about: the one its event sentences name most often."""
        if not self.places:
            return None
        name = max(self.places, key=lambda n: (self.places[n], -(self.place_spans[n].start or 0)))
        return replace(self.place_spans[name], role="event", resolved=None)

    def salient(self, inter: tuple[int, ...], exclude: str | None = None) -> ActorRef | None:
        """The most salient actor of these inter codes: named groups over generic nouns,
        control phrases ("Nusra Front-held") over plain mentions, then frequency, then first mention."""
        score: Counter[str] = Counter()
        first: dict[str, int] = {}
        refs: dict[str, ActorRef] = {}
        for off, follow, ref in self.actors:
            if ref.inter not in inter or not ref.resolved or ref.name == exclude:
                continue
            named = any(w[:1].isupper() for w in ref.text.split())
            held = re.match(r"-?(?:held|controlled|run|occupied)\b", follow) is not None
            score[ref.name] += 1 + 2 * named + 2 * held
            first.setdefault(ref.name, off)
            refs.setdefault(ref.name, ref)
        if not score:
            return None
        best = max(score, key=lambda n: (score[n], -first[n]))
        return refs[best]


def _context(document: Document, registry) -> Context:
    published = document.published
    body = document.body
    country = None
    actors: list[tuple[int, str, ActorRef]] = []
    if registry is not None:
        text = "\n\n".join(x for x in (document.title or "", body) if x)
        try:
            countries = registry.countries_in(text)
        except Exception:
            countries = []
        if countries:
            country = Counter(countries).most_common(1)[0][0]
        try:
            for s, e, ref in registry.find(text, when=published, country=country):
                actors.append((s, text[e:e + 12], ref))
        except Exception:
            actors = []
    first = document.paragraphs[0] if document.paragraphs else ""
    lead = next((d for d in find_dates(first) if _frames_events(d) and d.start >= _dateline_end(first)), None)
    # places outvote the actors' demonyms inside infer_country ("Turkish forces shelled Afrin" is in Syria)
    return Context(published, _inferred_country(document, registry) or country, actors, lead)


def _inferred_country(document: Document, registry) -> str | None:
    """The country the rules read from place names (``countries.infer_country``), for a text whose actors and
    demonyms name none: "Clashes in Idlib" is about Syria, and event typing resolves "government forces" with it.
    Geocoder output would be better but comes after detection."""
    try:
        from frontlines.nlp.countries import infer_country
    except ImportError:
        return None
    text = "\n\n".join(x for x in (document.title or "", document.body) if x)
    try:
        return infer_country(text, registry)
    except Exception:  # a hint, never a reason to lose the document
        return None


# -- dates per place ---------------------------------------------------------------------------
# "since March 2011", "until Sunday": the edge of a period, not the day of an event.
_BOUNDARY_DATE = re.compile(r"(?i)\s*(?:since|until|till|before)\b")


def _dateline_end(text: str) -> int:
    """Where a wire-style dateline ends (0 when the text has none)."""
    line = read_dateline(text)
    return line.end if line else 0


def _frames_events(d: DateMention) -> bool:
    """Whether a date may carry over to later undated event sentences: a day or a few days, not a
    month-level background date ("in March 2011") or a period edge ("since ...")."""
    return d.kind not in ("month", "month_rel") and not _BOUNDARY_DATE.match(d.text)


def _dates_for_places(places: list[PlaceMention], dates: list[DateMention],
                      sent_offset: int) -> dict[int, DateMention | None]:
    """Each place gets the date written after it (before the next place), else the date opening
    the sentence before any place, else the date of the next place in a list ("A and B on Sunday")."""
    out: dict[int, DateMention | None] = {}
    starts = sorted((p.start if p.start is not None else 0) for p in places)
    own: dict[int, DateMention] = {}
    leading = None
    for d in dates:
        pos = d.start + sent_offset
        before = [s for s in starts if s <= pos]
        if before:
            own.setdefault(before[-1], d)
        elif leading is None:
            leading = d
    for k, p in enumerate(sorted(places, key=lambda p: p.start or 0)):
        s = p.start or 0
        d = own.get(s) or leading
        if d is None:
            d = next((own[x] for x in starts[k + 1:] if x in own), None)
        out[id(p)] = d
    return out


# -- one document ------------------------------------------------------------------------------
_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")
HISTORY_DAYS = 366


def _history(expr: DateMention | None, sent_dates: list[DateMention], published: date | None,
             ref: DateRef) -> bool:
    """An event the sentence itself dates, with a year, more than a year before publication is history.

    Only the sentence's own expression counts (not a paragraph's or the lead's date), and only one that
    writes a year, so a mis-resolved weekday can never push a current event into the past.
    """
    if expr is None or published is None or ref.date is None or expr not in sent_dates:
        return False
    if not _YEAR.search(expr.text):
        return False
    return (published - ref.date).days > HISTORY_DAYS


def _stable_id(*parts) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:24]


def _missing(ref: ActorRef | None) -> bool:
    """No actor, a pronoun, or a catch-all ("Unidentified Armed Group"): worth filling from context."""
    if ref is None or ref.name.startswith("Unidentified"):
        return True
    return not ref.resolved and (ref.text.lower() in PRONOUNS or not ref.text.strip())


_AREA_NOUNS = {"district", "neighbourhood", "neighborhood", "village", "town", "area", "position", "city",
               "quarter", "suburb", "hill", "base", "checkpoint", "locality", "region", "province", "site"}


def _aggregate(sent, trigger_i: int | None) -> bool:
    """A counted plural of place nouns as the event's object ("captured three districts") summarises
    several events told elsewhere; it is not an event at one place."""
    if trigger_i is None:
        return False
    t = sent.doc[trigger_i]
    for c in t.children:
        if c.dep_ in ("dobj", "nsubjpass", "nsubj", "attr") and c.lemma_.lower() in _AREA_NOUNS \
                and c.tag_ in ("NNS",) and any(g.dep_ == "nummod" for g in c.children):
            return True
    return False


def _count_offsets(counts: list[Count], text: str) -> list[tuple[int, Count]]:
    out = []
    for c in counts:
        pos = text.find(c.raw) if c.raw else -1
        out.append((pos, c))
    return out


def _accepts(fn: Callable, name: str) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return name in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


class _Extractor:
    def __init__(self, registry, geocoder, detect, counts, places):
        self.registry = registry
        self.geocoder = geocoder
        self.detect = detect
        self.counts = counts
        self.places = places
        self.last_country: str | None = None
        # the document's country is a hint for typing ("government forces"); older detectors take no hint
        self.detect_takes_country = detect is not None and _accepts(detect, "country")

    def document(self, ann: Annotated) -> list[EventMention]:
        document = ann.document
        ctx = _context(document, self.registry)
        self.last_country = ctx.country
        scope = ClaimScope()
        anchors: dict[tuple, date | None] = {}
        para_dates: dict[tuple, DateMention] = {}
        mentions: list[EventMention] = []
        for unit in ann.units:
            section = (unit.section, unit.comment_id if unit.section == "comment" else None)
            scope.reset(section)
            published = self._published(document, unit)
            dates_here = find_dates(unit.text) if unit.doc is None else (unit.doc._.fl_dates or [])
            if unit.doc is not None:
                for sent in unit.doc.sents:
                    try:
                        mentions.extend(self._sentence(document, unit, sent, ctx, scope, published, anchors.get(
                            section), para_dates.get((*section, unit.paragraph))))
                    except Exception as exc:  # one odd sentence must not cost the batch (nor the document)
                        log.warning("%s: sentence %s (%s) skipped: %s: %s", document.source_id, unit.index,
                                    unit.section, type(exc).__name__, exc)
            for d in dates_here:
                ref = resolve_date(d.text, published, anchor=anchors.get(section), kind=d.kind)
                if ref.date is not None and ref.time_precision == 1:
                    anchors[section] = ref.date
                if _frames_events(d) and d.kind != "anaphoric":
                    para_dates[(*section, unit.paragraph)] = d
        mentions = _consolidate(mentions)
        main = ctx.main_place()
        for m in mentions:
            if main is not None and m.section == "body" and not m.has_own_place:
                m.places = [replace(main)] + [p for p in m.places if p.role != "event"]
        return mentions

    def _published(self, document: Document, unit: Unit) -> date | None:
        if unit.section != "comment":
            return document.published
        c = next((c for c in document.comments if c.id == unit.comment_id), None)
        return c.posted.date() if c is not None and c.posted is not None else None

    def _sentence(self, document: Document, unit: Unit, sent, ctx: Context, scope: ClaimScope,
                  published: date | None, anchor: date | None, para_date: DateMention | None) -> list[EventMention]:
        doc = sent.doc
        hint = {"country": ctx.country} if self.detect_takes_country else {}
        cands = self.detect(sent, when=published, registry=self.registry, **hint) if self.detect else []
        if not cands:
            return []
        attrs = doc._.fl_attributions or []
        hedge = hedged(sent)
        # a date inside the dateline ("ALEPPO, 27 November 2016 (Outlet) —") is when the story was filed
        cut = _dateline_end(doc_text(doc)) if unit.section == "body" and unit.paragraph == 0 else 0
        sent_dates = [d for d in (doc._.fl_dates or []) if sent.start_char <= d.start < sent.end_char
                      and d.start >= cut and not _BOUNDARY_DATE.match(d.text)]
        out: list[EventMention] = []
        sentence_places: set[str] = set()
        for cand in cands:
            claim = make_claim(governing(attrs, doc, cand.trigger_i), doc, hedge=hedge, registry=self.registry,
                               when=published, country=ctx.country)
            claim = scope.apply(claim, unit.index, cand.event_type)
            actor1, actor2, sub = self._actors(cand, claim, ctx)
            found = _not_in_claimants(self.places(sent, cand.trigger_i) or [], attrs, doc)
            if unit.section == "body":
                # only where events happen: a dateline's city ("BEIRUT (Wire) –") or a speaker's seat is
                # where the story was filed, and a sentence's place counts once however many events it has
                fresh = {p.text for p in found if p.role == "event"} - sentence_places
                sentence_places |= fresh
                ctx.places.update(fresh)
                for p in found:
                    ctx.place_spans.setdefault(p.text, _shift(p, unit.start))
            event_places = [p for p in found if p.role == "event"]
            if _aggregate(sent, cand.trigger_i):
                found = [replace(p, role="other") for p in found]
                event_places = []
            counts = list(self.counts(sent, cand.trigger_i) or []) if self.counts else []
            dated = _dates_for_places(event_places, sent_dates, 0)
            targets: list[PlaceMention | None] = list(event_places) or [None]
            counted = _count_offsets(counts, doc_text(doc))
            for k, place in enumerate(targets):
                expr = dated.get(id(place)) if place is not None else (sent_dates[0] if sent_dates else None)
                if expr is None:
                    expr = para_date or (ctx.lead_date if unit.section == "body" else None)
                date_ref = (resolve_date(expr.text, published, anchor=anchor, kind=expr.kind) if expr
                            else DateRef(expression=None))
                if _history(expr, sent_dates, published, date_ref):
                    continue  # "the attacks of September 11, 2001": background, not the news being reported
                mine = counts
                if len(targets) > 1:
                    # a figure belongs to the place written nearest to it
                    mine = [c for pos, c in counted
                            if pos < 0 and k == 0 or pos >= 0 and _nearest(targets, pos) == k]
                places = [_shift(p, unit.start) for p in found if p is place or p.role != "event"]
                mention = EventMention(
                    mention_id=_stable_id(document.doc_id, unit.section, unit.comment_id, unit.index,
                                          sent.start_char, cand.trigger_i, sub, place.text if place else ""),
                    doc_id=document.doc_id,
                    source_id=document.source_id,
                    event_type=cand.event_type,
                    sub_event_type=sub,
                    disorder_type=getattr(cand, "disorder_type", None),
                    actor1=actor1,
                    actor2=actor2,
                    assoc_actor_1=list(getattr(cand, "assoc_actor_1", []) or []),
                    assoc_actor_2=list(getattr(cand, "assoc_actor_2", []) or []),
                    date=date_ref,
                    places=places,
                    counts=list(mine),
                    claim=claim,
                    source_type="reader_comment" if unit.section == "comment" else "article",
                    comment_id=unit.comment_id if unit.section == "comment" else None,
                    paragraph=unit.paragraph,
                    sentence=unit.index,
                    char_start=unit.start + sent.start_char,
                    char_end=unit.start + sent.end_char,
                    evidence=span_text(sent),
                    trigger=cand.trigger,
                    source=document.source,
                    pipeline_version=PIPELINE_VERSION,
                    score=getattr(cand, "score", None),
                    section=unit.section,
                    has_own_place=place is not None,
                )
                out.append(mention)
        return out

    def _actors(self, cand, claim, ctx: Context) -> tuple[ActorRef | None, ActorRef | None, str]:
        actor1, actor2, sub = cand.actor1, cand.actor2, cand.sub_event_type
        if _missing(actor1) and claim.claimant_kind == "party" and claim.claimant and self.registry is not None:
            # A side announcing an action without naming who did it speaks of its own forces.
            ref = self.registry.resolve(claim.claimant, when=ctx.published, country=ctx.country)
            if ref.resolved and ref.inter in ARMED_INTER:
                actor1 = ref
        if _missing(actor1) and sub in TERRITORY:
            # "The capture of X splits the rebel-held area": with the holder named, the taker is its opponent
            held = actor2 is not None and actor2.resolved and actor2.inter in (1, 2, 3, 4) and not _missing(actor2)
            if held:
                side = (2, 3, 4) if actor2.inter == 1 else (1,)
            else:
                side = (1,) if sub == TERRITORY[0] else (2, 3, 4)
            actor1 = ctx.salient(side, exclude=actor2.name if held else None) or actor1
        if actor1 is not None and actor1.resolved and sub in TERRITORY:
            # the codebook's territory rule: who takes the place decides the sub-type
            if actor1.inter == 1:
                sub = TERRITORY[0]
            elif actor1.inter in (2, 3, 4):
                sub = TERRITORY[1]
        if sub in TRANSFERS and actor1 is not None and actor2 is not None and actor1.name == actor2.name:
            # a side neither takes a place from itself nor hands it to itself: the other side is unknown
            # ("a spokesman for one rebel group said fighters had withdrawn" names the rebels twice)
            actor2 = None
        if _missing(actor2) and sub in TERRITORY and actor1 is not None and actor1.resolved:
            other = (2, 3, 4) if actor1.inter == 1 else (1, 2, 3, 4)
            actor2 = ctx.salient(other, exclude=actor1.name) or actor2
        return actor1, actor2, sub


def _not_in_claimants(places: list[PlaceMention], attrs, doc) -> list[PlaceMention]:
    """A place inside a speaker's name ("the UK-based Observatory", "Aleppo Media Center") says
    where the speaker is, not where the event happened."""
    spans = [(doc[a.claimant_start].idx, doc[a.claimant_end - 1].idx + len(doc[a.claimant_end - 1]))
             for a in attrs if a.claimant_start is not None]
    return [replace(p, role="announced") if p.role == "event" and p.start is not None
            and any(s <= p.start < e for s, e in spans) else p for p in places]


def _nearest(targets: list[PlaceMention | None], pos: int) -> int:
    return min(range(len(targets)), key=lambda i: abs(((targets[i].start or 0) if targets[i] else 0) - pos))


def _shift(p: PlaceMention, offset: int) -> PlaceMention:
    return replace(p, start=None if p.start is None else p.start + offset,
                   end=None if p.end is None else p.end + offset)


def _consolidate(mentions: list[EventMention]) -> list[EventMention]:
    """ACLED's unit: one event per place per day. Drop headline and place-less summaries of placed
    events of the same sub-type, and merge repeats of the same event within one document section."""
    def group(m: EventMention) -> tuple:
        return (m.source_type, m.comment_id)

    placed: dict[tuple, EventMention] = {}
    for m in mentions:
        if m.has_own_place and m.section != "title":
            placed.setdefault((group(m), m.sub_event_type), m)
    body_types = {(group(m), m.sub_event_type) for m in mentions if m.section != "title"}
    out: list[EventMention] = []
    seen: dict[tuple, EventMention] = {}
    for m in mentions:
        key = (group(m), m.sub_event_type)
        if m.section == "title" and key in body_types:
            continue
        if not m.has_own_place and key in placed:
            # the summary's figures ("Thirty killed in air strikes") are the placed event's, not lost
            target = placed[key]
            kinds = {c.kind for c in target.counts}
            target.counts.extend(c for c in m.counts if c.kind not in kinds)
            continue
        place = next((p.text.lower() for p in m.places if p.role == "event"), None)
        day = m.date.date if m.date and m.date.date else (m.date.expression if m.date else None)
        ident = (*key, place, day, m.claim.claimant)
        if place is not None and ident in seen:
            first = seen[ident]
            kinds = {c.kind for c in first.counts}
            first.counts.extend(c for c in m.counts if c.kind not in kinds)
            continue
        seen[ident] = m
        out.append(m)
    return out


# -- public API --------------------------------------------------------------------------------
@dataclass
class Extraction:
    """One document's extraction: its mentions and its screening (language, relevance decision, reason)."""

    document: Document
    mentions: list[EventMention]
    screening: Screening | None = None


def extract_screened(documents: Iterable[Document], *, nlp=None, geocoder=None, registry=None, detector=None,
                     batch_size: int = 256, comments: bool = True, screening: bool = True,
                     relevance=None) -> Iterator[Extraction]:
    """Mentions and screening per document, in input order; the parse is batched across documents.

    A document in a language not coded, or judged by the relevance stage to report no event,
    gets no parse and no mentions; its ``Screening`` says why (``nlp.screening``).
    """
    from frontlines.nlp.notes import write_notes

    nlp = nlp or load_nlp()
    registry = registry if registry is not None else _default_registry()
    ex = _Extractor(registry, geocoder, detector or _detector(), _counter(), _place_finder(geocoder))
    for ann in annotate(documents, nlp, batch_size=batch_size, comments=comments, screening=screening,
                        relevance=relevance):
        if ann.screening is not None and not ann.screening.coded:
            yield Extraction(ann.document, [], ann.screening)
            continue
        mentions = ex.document(ann)
        if geocoder is not None:
            _geocode(geocoder, ann.document, mentions, ex.last_country)
        for m in mentions:
            m.notes = write_notes(m)
        yield Extraction(ann.document, mentions, ann.screening)


def extract_many(documents: Iterable[Document], *, nlp=None, geocoder=None, registry=None, detector=None,
                 batch_size: int = 256, comments: bool = True,
                 screening: bool = True) -> Iterator[tuple[Document, list[EventMention]]]:
    """Mentions per document, in input order (``extract_screened`` without the screening records)."""
    for e in extract_screened(documents, nlp=nlp, geocoder=geocoder, registry=registry, detector=detector,
                              batch_size=batch_size, comments=comments, screening=screening):
        yield e.document, e.mentions


def extract(doc: Document, *, nlp=None, geocoder=None, registry=None, detector=None) -> list[EventMention]:
    """Event mentions of one document (article and its reader comments, kept apart)."""
    return next(extract_many([doc], nlp=nlp, geocoder=geocoder, registry=registry, detector=detector))[1]


# "ALEPPO, Thursday 1 December 2016 (Shahba Voice) —", "BEIRUT (Meridian Wire) –": where the story was filed.
def _dateline_place(document: Document) -> list[str]:
    """The dateline's city, first among the document's places: it usually names the city the
    districts in the story belong to (a story filed from abroad names a city that is outvoted)."""
    line = read_dateline(document.paragraphs[0]) if document.paragraphs else None
    return [line.place.title()] if line and len(line.place) > 2 else []


def _geocode(geocoder, document: Document, mentions: list[EventMention], country: str | None = None) -> None:
    """Resolve place strings with the gazetteer stage: the document's other places, the actors'
    countries and the event date are the context that picks among same-named places."""
    names = list(dict.fromkeys([*_dateline_place(document), *(p.text for m in mentions for p in m.places)]))
    for m in mentions:
        if not m.places:
            continue
        countries = [a.country for a in (m.actor1, m.actor2) if a is not None and a.country]
        if country:
            countries.append(country)
        ctx = {"document_places": names, "actor_countries": list(dict.fromkeys(countries)),
               "event_date": m.date.date if m.date else None}
        try:
            m.places = geocoder.resolve(m.places, ctx)
        except Exception as exc:  # the gazetteer failing must not lose the mention
            import logging

            logging.getLogger(__name__).warning("%s: geocoding failed: %s", document.source_id, exc)
    _unlend_abroad(mentions)


def _unlend_abroad(mentions: list[EventMention]) -> None:
    """A place lent to a sentence that names none must lie in a country the story's own event places are in:
    a wire story filed from Beirut about Aleppo must not place "fighters had withdrawn" in Lebanon. The lent
    place is dropped (the mention stays, placeless) rather than guessed."""
    home = {p.resolved.country for m in mentions if m.has_own_place for p in m.places
            if p.role == "event" and p.resolved is not None and p.resolved.country}
    if not home:
        return
    for m in mentions:
        lent = [p for p in m.places if p.role == "event"]
        if not m.has_own_place and lent and all(p.resolved is not None and p.resolved.country
                                                 and p.resolved.country not in home for p in lent):
            m.places = [p for p in m.places if p.role != "event"]


__all__ = ["Context", "Extraction", "extract", "extract_many", "extract_screened"]
