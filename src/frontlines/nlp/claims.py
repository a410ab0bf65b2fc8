"""Attribution: who asserts an event clause, with which verb, and how firmly.

WHY a separate stage: DESIGN.md makes claims first-class. "The army said it
took Hanano" is the army claiming a capture, not a capture. The rules here
read the dependency parse, not word windows, so they survive reordering:

- the reporting verb that governs the event clause ("X said [that ...]",
  "X claiming to have captured", "..., adding that they killed ...") - its
  claimant is the verb's subject, or, for a participle or an adverbial clause
  without one, the subject of the verb it hangs from;
- a parenthetical reporter attached below the event verb ("... killed six,
  state television reported");
- "according to X"; nominal reports ("reports of civilians being trapped");
- passives and hedges without a claimant ("was reportedly killed",
  "could not be independently verified") which lower certainty.

Certainty follows who speaks: a side of the conflict (army, rebels, state
media) *claims*; a third party (monitor, agency, activists) *reports*; a
denial is *denied*; hedged or anonymous reports are *unconfirmed*; the author's
own statement is *asserted*. ``ClaimScope`` carries a claimant across the
following sentences: a pronoun reporter ("He added ...") and an unattributed
event statement of the same kind right after an attributed one inherit it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from frontlines.mention import Claim
from frontlines.nlp.dateline import read_dateline
from frontlines.nlp.dates import MONTHS, WEEKDAYS
from frontlines.nlp.doc_text import span_text

REPORTING_VERBS: dict[str, str] = {
    # lemma -> certainty it implies on its own (None: decided by who speaks)
    "say": "", "tell": "", "state": "", "add": "", "announce": "", "report": "", "confirm": "",
    "declare": "", "note": "", "explain": "", "write": "", "tweet": "", "post": "", "publish": "",
    "broadcast": "", "quote": "", "cite": "", "show": "", "indicate": "", "reveal": "", "estimate": "",
    "document": "", "record": "", "inform": "", "warn": "", "describe": "", "acknowledge": "",
    "admit": "", "insist": "claimed", "claim": "claimed", "allege": "unconfirmed", "boast": "claimed",
    "assert": "claimed", "accuse": "claimed", "blame": "claimed", "deny": "denied", "reject": "denied",
    "dismiss": "denied", "refute": "denied",
}
REPORT_NOUNS = {"report", "claim", "allegation", "statement", "rumour", "rumor", "account", "word"}
HEDGES = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|apparently|unconfirmed|unverified|rumou?red|"
    r"could\s+not\s+(?:be\s+)?(?:independently\s+)?(?:verif|confirm)|"
    r"(?:was|were|is|are|has\s+been|have\s+been)\s+(?:not\s+)?(?:independently\s+)?(?:verified|confirmed)|"
    r"not\s+(?:be\s+)?independently\s+(?:verified|confirmed))",
    re.IGNORECASE,
)
PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them"}

# Claimant classes that no actor registry lists: who they are decides the certainty.
_THIRD_PARTY = re.compile(
    r"\b(?:observatory|monitor(?:ing)?(?:\s+groups?)?|monitors|sohr|activists?|witness(?:es)?|residents?|locals?|medics?|doctors?|"
    r"hospital|rescuers?|rescue\s+workers?|white\s+helmets|civil\s+defen[cs]e|journalists?|reporters?|"
    r"correspondents?|agency|reuters|afp|ap|associated\s+press|agence\s+france|xinhua|bbc|cnn|al\s+jazeera|"
    r"newspaper|channel|outlet|network|united\s+nations|u\.?n\.?|unicef|unhcr|ocha|who|red\s+cross|icrc|"
    r"red\s+crescent|amnesty|human\s+rights\s+watch|hrw|msf|doctors\s+without\s+borders|"
    r"ngo|charity|aid\s+(?:group|agency|workers?)|analysts?|experts?|sources?|source|organi[sz]ation|"
    r"network|committees?|council|envoy)\b",
    re.IGNORECASE,
)
_STATE_MEDIA = re.compile(
    r"\b(?:state|official|government|regime|pro-government|state-run|state-owned)[\s-]+(?:media|"
    r"television|tv|news\s+agency|agency|news|broadcaster|radio|newspaper|outlets?)\b|\bsana\b|\bstate\s+tv\b",
    re.IGNORECASE,
)
_PARTY = re.compile(
    r"\b(?:army|military|armed\s+forces|forces|troops|soldiers|regime|government|ministry|minister|"
    r"spokes(?:man|woman|person)|command|commander|officials?|authorities|police|rebels?|insurgents?|"
    r"militants?|militias?|fighters|jihadists?|opposition|group|faction|brigades?|front|coalition|"
    r"pentagon|kremlin|hezbollah|isis|isil|islamic\s+state|daesh|nusra|tahrir|ypg|sdf|pkk|fsa|"
    r"taliban|al[\s-]qaeda|al[\s-]shabaab|boko\s+haram|houthis?|president|presidency|navy|air\s+force)\b",
    re.IGNORECASE,
)


@dataclass
class Attribution:
    """A reporting construction in a sentence: token indices into the sentence's Doc."""

    verb_i: int | None  # reporting verb (or "according", or a report noun)
    verb: str  # lemma, or "according_to", or "report" for nouns
    claimant_start: int | None  # token span of the claimant, when there is one
    claimant_end: int | None
    certainty_hint: str  # "" = decided by the claimant's kind
    negated: bool = False
    nominal: bool = False  # "reports of ...", "a statement by ..."

    def claimant_text(self, doc: Doc) -> str | None:
        if self.claimant_start is None:
            return None
        return doc[self.claimant_start:self.claimant_end].text


# -- finding reporting constructions --------------------------------------------------------
def _is_reporting(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in REPORTING_VERBS


def _np_span(head: Token, trim: bool = True) -> tuple[int, int]:
    """The claimant phrase: the head's subtree without relative clauses and trailing punctuation."""
    drop = {"relcl", "acl", "punct", "cc", "advcl"}
    idx = [head.i]
    stack = list(head.children)
    while stack:
        t = stack.pop()
        if t.dep_ in drop and t.i > head.i:
            continue
        if t.dep_ == "prep" and t.lower_ not in ("of", "for") and t.head.i == head.i:
            continue  # "monitors with high-level talks ...": keep "Observatory for Human Rights"
        if t.ent_type_ in ("DATE", "TIME") and t.dep_ in ("npadvmod", "compound", "nmod"):
            continue  # "Monday state news agency SANA"
        idx.append(t.i)
        stack.extend(t.children)
    start, end = min(idx), max(idx) + 1
    doc = head.doc
    while start < end - 1 and doc[start].ent_type_ in ("DATE", "TIME"):
        start += 1
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    # a dateline or bracket before the speaker: "ALEPPO, 1 December (Shahba Voice"
    # ... but "Levant Frontline News (30 Nov" keeps the name before a bracketed date
    for k in range(end - 1, start, -1):
        if doc[k].text in ("(", "[", "\u2014", "\u2013", "--", ":") and k + 1 < end:
            rest = doc[k + 1:end]
            if any(t.pos_ in ("PROPN", "NOUN") and t.ent_type_ not in ("DATE", "TIME", "CARDINAL")
                   and t.lower_.rstrip(".") not in MONTHS and t.lower_ not in WEEKDAYS for t in rest):
                start = k + 1
            else:
                end = k
            break
    return _short((start, end), head.i) if trim else (start, end)


def _short(span: tuple[int, int], head_i: int) -> tuple[int, int]:
    """A claimant is a name, not a clause: at most a dozen tokens around its head."""
    start, end = span
    if end - start > 12:
        start, end = max(start, head_i - 6), min(end, head_i + 6)
    return start, end


def _speaker_before(span: tuple[int, int], verb: Token) -> tuple[int, int]:
    """"... captured al-Sakhour, Haidariya and Sheikh Khodr, the Syrian Observatory said": when the
    subject phrase runs up to the verb across commas, the speaker is the last comma-separated part."""
    start, end = span
    doc = verb.doc
    if end != verb.i and not all(doc[k].dep_ in ("aux", "advmod", "neg") for k in range(end, verb.i)):
        return span
    commas = [k for k in range(start, end) if doc[k].text == ","]
    if not commas:
        return span
    cut = commas[-1] + 1
    while cut < end and doc[cut].dep_ == "cc":
        cut += 1
    if cut < end and any(doc[k].pos_ in ("NOUN", "PROPN") for k in range(cut, end)):
        return cut, end
    return span


def _preceding_np(verb: Token) -> tuple[int, int] | None:
    """A noun phrase ending right before the verb: the subject in punctuation-stripped text.

    ("... of Aleppo Syrian state television reported on Wednesday" parses the subject as
    a prepositional object; the words just before the verb still name the reporter.)
    """
    doc = verb.doc
    j = verb.i - 1
    while j >= 0 and doc[j].dep_ in ("aux", "auxpass", "advmod", "neg") and doc[j].pos_ != "NOUN":
        j -= 1
    if j < 0 or doc[j].pos_ not in ("NOUN", "PROPN"):
        return None
    end = j + 1
    k = j
    while k - 1 >= 0 and doc[k - 1].pos_ in ("NOUN", "PROPN", "ADJ", "DET") and doc[k - 1].dep_ in (
            "compound", "amod", "det", "nmod", "poss") and doc[k - 1].head.i <= end and doc[k - 1].head.i > k - 1:
        k -= 1
        if doc[k].pos_ == "DET":
            break
    return k, end


def _in_dateline(tok: Token, verb: Token) -> bool:
    """A word of the dateline's city ("ALEPPO, Syria (Outlet) —"), with the verb after the dateline."""
    if not tok.text.isupper() or len(tok.text) < 3:
        return False
    sent = tok.sent
    line = read_dateline(sent.text)
    if line is None:
        return False
    at = tok.idx - sent.start_char
    return line.place_start <= at < line.place_end and verb.idx - sent.start_char >= line.end


# Reporting verbs whose object is the hearer, not the speaker.
_TOLD_VERBS = frozenset({"tell", "inform", "brief"})


def _subject_of(verb: Token) -> tuple[int, int] | None:
    """Subject or passive agent of a reporting verb, climbing through participles and conjuncts."""
    seen = 0
    v: Token | None = verb
    while v is not None and seen < 4:
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass") and not (c.dep_ == "nsubjpass" and v.lemma_ == "report"):
                if _in_dateline(c, v):
                    continue  # "ALEPPO, 27 November (Outlet) — ..., a source told": a broken parse
                span = _speaker_before(_np_span(c, trim=False), v)
                return _short(span, c.i if span[0] <= c.i < span[1] else span[1] - 1)
        for c in v.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return _np_span(objs[0])
        if v.dep_ in ("acl",) and v.head.pos_ in ("NOUN", "PROPN"):
            return _np_span(v.head)  # "the military, claiming to have ..."
        if v.dep_ in ("advcl", "conj", "xcomp", "pcomp") and v.head.i != v.i and _is_reporting(v.head):
            # "..., adding that ...": the participle's speaker is the subject of the verb it extends
            v = v.head
            seen += 1
            continue
        break
    # Inverted reporter: "..., said the Syrian Observatory" (no subject; the speaker follows the verb).
    if not any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
        for c in verb.children:
            if c.dep_ == "dobj" and verb.lemma_.lower() in _TOLD_VERBS:
                continue  # "a military source told Syria Front Report": the object is who was told
            if c.i > verb.i and c.dep_ in ("dobj", "attr", "nsubj", "appos", "npadvmod") \
                    and c.pos_ in ("NOUN", "PROPN") and c.ent_type_ not in ("DATE", "TIME"):
                return _np_span(c)
    return _preceding_np(verb)


def find_attributions(doc: Doc | Span) -> list[Attribution]:
    """Every reporting construction in the text, in order."""
    out: list[Attribution] = []
    for tok in doc:
        if _is_reporting(tok):
            hint = REPORTING_VERBS[tok.lemma_.lower()]
            negated = any(c.dep_ == "neg" for c in tok.children)
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
            subj = _subject_of(tok)
            if passive and not any(c.dep_ == "agent" for c in tok.children):
                subj = None  # "was reported", "were said to have": no claimant
                hint = hint or "unconfirmed"
            if negated and hint == "":
                hint = "denied"
            s, e = subj if subj else (None, None)
            out.append(Attribution(tok.i, tok.lemma_.lower(), s, e, hint, negated))
        elif tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            to = tok.nbor(1)
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if objs:
                s, e = _np_span(objs[0])
                out.append(Attribution(tok.i, "according_to", s, e, ""))
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in REPORT_NOUNS and any(
                c.dep_ in ("prep", "acl", "ccomp") for c in tok.children):
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            span = _np_span(owner) if owner is not None else None
            s, e = span if span else (None, None)
            out.append(Attribution(tok.i, tok.lemma_.lower(), s, e, "" if span else "unconfirmed", nominal=True))
    return out


def _dominates(a: Token, t: Token) -> bool:
    return any(x.i == a.i for x in t.ancestors)


def governing(attributions: list[Attribution], doc: Doc, trigger_i: int | None) -> Attribution | None:
    """The attribution that governs the event at ``trigger_i`` (doc token index), if any.

    Preference: the nearest reporting word above the trigger in the tree; then a
    parenthetical reporter attached below the trigger's own clause; then
    "according to"; then a reporter at the root of a sentence the trigger is not
    itself the root of (broken parses of unpunctuated text).
    """
    if not attributions:
        return None
    if trigger_i is None:
        return next((a for a in attributions if a.claimant_start is not None), attributions[0])
    t = doc[trigger_i]
    by_i = {a.verb_i: a for a in attributions}
    for anc in t.ancestors:
        if anc.i in by_i:
            a = by_i[anc.i]
            if a.claimant_start is not None and a.claimant_start <= trigger_i < a.claimant_end:
                continue  # the trigger is inside the claimant phrase
            return a
    for c in t.children:
        if c.i in by_i and c.dep_ in ("advcl", "parataxis", "conj", "ccomp", "dep") and not by_i[c.i].nominal:
            return by_i[c.i]
    for a in attributions:
        if a.verb == "according_to":
            return a
    root = t.sent.root if t.doc.has_annotation("DEP") else None
    for a in attributions:
        v = doc[a.verb_i]
        if root is not None and v.i == root.i and t.i != root.i and a.claimant_start is not None:
            return a
    # Unpunctuated wire text: "... were killed in Aleppo on Friday Siege Watch reported." A reporter
    # closing the sentence after the event, with its own speaker, covers what precedes it.
    for a in reversed(attributions):
        v = doc[a.verb_i]
        if a.nominal or v.i <= t.i or a.claimant_start is None or a.claimant_start <= t.i:
            continue
        if not any(c.dep_ in ("ccomp", "xcomp") and c.i > v.i for c in v.children):
            return a
    return None


def hedged(sent: Span | Doc) -> bool:
    return HEDGES.search(span_text(sent)) is not None


# -- who speaks ------------------------------------------------------------------------------
def claimant_kind(text: str, actor=None) -> str:
    """"party" for a side of the conflict (its forces, government, state media), else "third_party"."""
    if _STATE_MEDIA.search(text):
        return "party"
    if actor is not None and getattr(actor, "resolved", False) and actor.inter not in (None, 5, 6, 7):
        return "party"
    if _THIRD_PARTY.search(text):
        return "third_party"
    if _PARTY.search(text):
        return "party"
    return "third_party"


def certainty_for(hint: str, kind: str, hedge: bool) -> str:
    if hint == "denied":
        return "denied"
    if hedge or hint == "unconfirmed":
        return "unconfirmed"
    if hint == "claimed" or kind == "party":
        return "claimed"
    return "reported"


def make_claim(attr: Attribution | None, doc: Doc, *, hedge: bool = False, registry=None, when=None,
               country: str | None = None) -> Claim:
    """A ``Claim`` for an attribution (or the author's own assertion when there is none)."""
    if attr is None:
        return Claim(claimant=None, claimant_kind="author", verb=None,
                     certainty="unconfirmed" if hedge else "asserted")
    text = attr.claimant_text(doc)
    if text:
        text = re.sub(r"['\u2019]s?$", "", text).strip()  # "the army's claim"
        text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE) if len(text.split()) > 1 else text
    actor_name = None
    actor = None
    if text and text.lower() not in PRONOUNS:
        if _STATE_MEDIA.search(text):
            actor_name = _state_media_name(text, country)
        elif registry is not None:
            try:
                actor = registry.resolve(text, when=when, country=country)
            except Exception:  # a registry failure must not lose the claim
                actor = None
            if actor is not None and actor.resolved:
                actor_name = actor.name
    kind = claimant_kind(text or "", actor) if text else "third_party"
    return Claim(claimant=text, claimant_actor=actor_name, claimant_kind=kind if text else None,
                 verb=attr.verb, certainty=certainty_for(attr.certainty_hint, kind if text else "", hedge))


def _state_media_name(text: str, country: str | None) -> str:
    adj = re.match(r"\s*(?:the\s+)?([A-Z][a-z]+)\s", text)
    if adj and not _STATE_MEDIA.match(text.strip()):
        return f"{adj.group(1)} state media"
    return f"{country} state media" if country else "State media"


class ClaimScope:
    """Carries attribution across sentences within a section.

    - A pronoun claimant ("He added that ...") takes the last named claimant.
    - An event statement with no attribution right after an attributed one of
      the same event type (within ``window`` sentences) inherits that claim:
      "The military claimed to have captured three districts. The advance took
      Hanano on Saturday" is still the military's claim.
    """

    def __init__(self, window: int = 2):
        self.window = window
        self.last_named: Claim | None = None
        self.last_event: tuple[int, str, Claim] | None = None  # (sentence index, event type, claim)
        self.section: tuple | None = None
        self.named: list[Claim] = []

    def _corefer(self, claim: Claim) -> Claim:
        """A short second mention ("the Observatory", "the monitor") names the fuller claimant
        introduced earlier whose phrase ends in or contains the same head noun."""
        head = claim.claimant.split()[-1].lower()
        for prior in reversed(self.named):
            words = [w.lower() for w in prior.claimant.split()]
            if prior.claimant != claim.claimant and len(words) > len(claim.claimant.split()) and head in words:
                return replace(claim, claimant_actor=prior.claimant_actor or prior.claimant,
                               claimant_kind=prior.claimant_kind)
        return claim

    def reset(self, section: tuple) -> None:
        if section != self.section:
            self.section = section
            self.last_named = None
            self.last_event = None
            self.named = []

    def apply(self, claim: Claim, sentence: int, event_type: str | None) -> Claim:
        if claim.claimant and claim.claimant.lower() in PRONOUNS and self.last_named:
            claim = replace(claim, claimant=self.last_named.claimant, claimant_actor=self.last_named.claimant_actor,
                            claimant_kind=self.last_named.claimant_kind,
                            certainty=certainty_for("", self.last_named.claimant_kind or "", False)
                            if claim.certainty in ("reported", "claimed") else claim.certainty)
        if claim.claimant and not claim.claimant_actor:
            claim = self._corefer(claim)
        if claim.claimant is None and claim.claimant_kind == "author" and claim.certainty == "asserted" \
                and self.last_event and event_type:
            idx, etype, prior = self.last_event
            if etype == event_type and 0 <= sentence - idx <= self.window and prior.claimant:
                claim = replace(prior)
        if claim.claimant:
            self.last_named = claim
            if claim.claimant.lower() not in PRONOUNS:
                self.named.append(claim)
        if event_type:
            self.last_event = (sentence, event_type, claim)
        return claim


# -- spaCy component -------------------------------------------------------------------------
if not Doc.has_extension("fl_attributions"):
    Doc.set_extension("fl_attributions", default=None)


class ClaimFinder:
    """Annotates ``doc._.fl_attributions`` with the reporting constructions of the parse."""

    def __init__(self, nlp: Language, name: str, nominal_reports: bool):
        self.name = name
        self.nominal_reports = nominal_reports

    def __call__(self, doc: Doc) -> Doc:
        found = find_attributions(doc) if doc.has_annotation("DEP") else []
        if not self.nominal_reports:
            found = [a for a in found if not a.nominal]
        doc._.fl_attributions = found
        return doc


@Language.factory("frontlines_claims", assigns=["doc._.fl_attributions"], requires=["token.dep"],
                  default_config={"nominal_reports": True})
def make_claim_finder(nlp: Language, name: str, nominal_reports: bool) -> ClaimFinder:
    return ClaimFinder(nlp, name, nominal_reports)


__all__ = ["Attribution", "ClaimFinder", "ClaimScope", "certainty_for", "claimant_kind", "find_attributions",
           "governing", "hedged", "make_claim"]
