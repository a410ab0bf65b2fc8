"""Event detection and ACLED typing for one parsed sentence.

The mechanism is general rather than sentence-specific, in four steps:

1. **Triggers.** Words and phrases from the lexicon (``data/triggers.yaml``)
   are matched on lemmas and checked against their syntax ("take" is a capture
   only with a place as its object; "strike" is an air strike unless workers
   are on strike).
2. **Reality filter.** Negated, habitual ("facing regular airstrikes"),
   hypothetical ("threatened to attack") and anaphoric ("this advance")
   triggers are dropped: ACLED codes events that happened, not commentary.
3. **Grouping.** The triggers of one sentence that describe one happening are
   merged by family (a battle, a remote-violence attack, a protest…). Killing
   and wounding are outcomes that attach to the attack that caused them.
4. **Typing.** The family, the instruments and the *actor types* from the
   registry decide the sub-type: a capture by the state's own forces is
   "Government regains territory", by anyone else "Non-state actor overtakes
   territory"; a killing of civilians is an Attack, of fighters an Armed clash.
   Agent and patient come from the dependency parse (nsubj, dobj, passive
   agents, "between A and B", compounds such as "coalition airstrikes").

ACLED's precedence (the order of ``SUBTYPES``) picks the sub-type when one
happening fits several, and ``primary_event`` picks a sentence's main event.

Each step is a module of its own, a one-way chain: ``taxonomy`` (the tables and
records) → ``trigger_match`` (step 1) → ``reality`` (step 2) → ``roles`` (actor
roles) → this module (grouping and typing, steps 3 and 4).
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from frontlines.mention import ActorRef
from frontlines.nlp.actors import ActorRegistry
from frontlines.nlp.countries import infer_country
from frontlines.nlp.doc_text import span_text
from frontlines.nlp.occurrence import not_an_occurrence
from frontlines.nlp.protests import protest_subtype
from frontlines.nlp.reality import _attempted, _background, _holding_since, _not_real, _relative_antecedent
from frontlines.nlp.roles import (
    _actors_for,
    _expand_conj,
    _loser,
    _mention_for,
    _mentions,
    _moved_in,
    _opponent_from_context,
    _roles,
    _winner_of_loss,
)
from frontlines.nlp.taxonomy import (
    _AIR_WORDS,
    _ARMED,
    _BRIEF_CONTROL,
    _FAMILY,
    _KILLING_METHODS,
    _NONVIOLENT_CAPTURE,
    _REMOTE_ORDER,
    _REMOTE_SUB,
    _SD_SUB,
    _TYPE_OF,
    _VIOLENT,
    _WEAK_BATTLE,
    _WEAPON_OBJECT_VERBS,
    DISORDER,
    SUBTYPES,
    EventCandidate,
    _Mention,
    _Trig,
    primary_event,
    territory_subtype,
)
from frontlines.nlp.trigger_match import (
    _CROWD_CONTROL,
    _base_form,
    _disambiguate,
    _lem,
    _loss,
    _match_triggers,
    _riot_subtype,
)
from frontlines.nlp.triggers import TriggerLexicon, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["DISORDER", "SUBTYPES", "EventCandidate", "detect_events", "primary_event", "territory_subtype"]


# ------------------------------------------------------------------------------ typing
def detect_events(
    sent: Span,
    *,
    when: date | None = None,
    registry: ActorRegistry | None = None,
    country: str | None = None,
    context_actors: list[ActorRef] | None = None,
) -> list[EventCandidate]:
    """Events reported as having happened in ``sent``, typed the ACLED way ([] for none).

    ``when`` picks dated actor names (the Nusra Front in Nov 2016 is Jabhat
    Fateh al-Sham); ``country`` (a geocoding hint) resolves "government
    forces", "the coalition", "gunmen"; ``context_actors`` are actors from the
    preceding sentences, used when the agent is a pronoun or an event noun
    ("The advance took Hanano").
    """
    lex = lexicon()
    reg = registry or ActorRegistry.default()
    country = country or infer_country(span_text(sent), reg) or _doc_country(sent, reg)
    context_actors = list(context_actors or [])
    trigs = _match_triggers(sent, lex)
    heading = _heading_kind(sent, lex)
    # the verb "strike" is an air strike or a labour strike only after disambiguation: it says nothing yet
    kinds_present = {t.kind for t in trigs if not (t.kind in ("air", "protest") and _lem(sent.doc[t.i]) == "strike"
                                                  and sent.doc[t.i].pos_ == "VERB")}
    kept: list[_Trig] = []
    unreal: list[_Trig] = []
    for tr in trigs:
        kind = _disambiguate(tr, sent, kinds_present)
        if kind is None:
            continue
        tr.kind = kind
        tok = sent.doc[tr.i]
        why = _not_real(tok, lex, sent, kind) or ("past" if _holding_since(tr, tok) else None) or _absent(tok)
        if why:
            if why != "negated" and _FAMILY[kind] in ("remote", "battle"):
                unreal.append(tr)
            continue
        if not_an_occurrence(tr, tok, sent, when, trigs):  # a type, a figure of speech, another sense, history
            continue
        tr.background = _background(tok)
        kept.append(tr)
    if unreal and any(t.kind == "kill" for t in kept):
        # "would condemn the chemical weapons attack, which killed 1,400": the killing is reported as fact, so
        # the weapon that did it is too, whatever frames the noun that names it
        kept += _lethal_links(sent, [t for t in kept if t.kind == "kill"], unreal)
    if heading:
        # the note's own label names the activity; violent words in it are its object ("Defusal: ... IEDs")
        anchor = kept[0] if kept else _Trig(sent.start, heading, sent[0].text, 0.9, sent.start + 1)
        kept = [_Trig(anchor.i, heading, anchor.text, 0.9, anchor.end)]
    if not kept:
        return []
    mentions = _mentions(sent, reg, when, country)
    kept = _weapons_as_objects(kept, sent)
    families: dict[str, list[_Trig]] = {}
    for tr in kept:
        families.setdefault(_FAMILY[tr.kind], []).append(tr)
    # "during the offensive", "amid clashes": background, unless something (a killing) happened in it
    if "kill" not in families:
        families = {f: trs for f, trs in families.items() if not all(t.background for t in trs)}
    if "agreement" in families and (
        "withdraw" in families or any(t.kind == "capture" for t in families.get("battle", []))
    ):
        # "handed the town to the army under the deal": the agreement is the transfer's frame, not the event
        families["agreement"] = [t for t in families["agreement"] if not _framing(sent.doc[t.i])]
        if not families["agreement"]:
            families.pop("agreement")
    crowd = _crowd_control(sent, families)
    if crowd is not None:
        families["protest"] = [crowd]
    # outcomes (kill, wound) and property damage belong to the attack that caused them
    executions = [t for t in families.get("kill", []) if _execution(sent.doc[t.i])]
    if "kill" in families and families.keys() & {"battle", "remote", "protest"}:
        # an execution is its own event, not the toll of the fighting it follows ("executed 24 after seizing X")
        if executions:
            families["kill"] = executions
        else:
            families.pop("kill")
    if families.keys() & _VIOLENT:
        for sd in ("loot", "movement", "agreement", "arrest", "disrupted", "base", "group_change", "withdraw"):
            if sd == "arrest" and "protest" in families:
                families.pop(sd, None)
                continue
            if sd == "withdraw" and "battle" not in families:
                continue
            families.pop(sd, None)
    lethal = _lethal_families(sent, kept)
    # protesters clashing with police riot; they do not fight a battle
    # and police taking a protest camp is an intervention, not a territory gain: a capture stays a battle
    # beside a protest only where an armed non-state side is named
    if "protest" in families and "battle" in families and (
        not any(t.kind == "capture" for t in families["battle"]) or not any(m.ref.inter in (2, 3, 4)
                                                                            for m in mentions)):
        families.pop("battle")
    # shelling or air strikes that accompany fighting are part of the battle (ACLED precedence)
    if "battle" in families and "remote" in families:
        armed = _armed_with(families["battle"], families["remote"], sent)
        if armed:
            # "rocket attacks", "mortar fire", "attacks with shells": the weapon says what the attack was
            families["remote"] = families["remote"] + armed
            families["battle"] = [t for t in families["battle"] if t not in armed]
            if not families["battle"]:
                families.pop("battle")
    if "battle" in families and "remote" in families:
        if all(_lem(sent.doc[t.i]) in _WEAK_BATTLE for t in families["battle"]):
            # "warplanes targeted YPG positions", "airstrikes by the coalition targeting IS areas killed 21":
            # the targeting *is* the strike
            families["remote"] = families["remote"] + families.pop("battle")
        elif "remote" in lethal and "battle" not in lethal:
            # "killed by air strikes as they fled the front lines of a battle": the strikes are the event
            pass
        else:
            families["battle"] = families["battle"] + families.pop("remote")
    out: list[EventCandidate] = []
    for fam, trs in families.items():
        cand = _type_family(fam, trs, sent, mentions, country, context_actors, lex, reg, when, families)
        if cand is not None and fam in lethal:
            # the happening that killed or wounded people is what the sentence reports first
            cand.score = round(min(1.0, cand.score + 0.15), 3)
        if cand is not None:
            out.append(cand)
    out.sort(key=lambda c: c.trigger_i)
    return out


def _absent(t: Token) -> str | None:
    """ "took the town without fighting", "withdrew without a fight": the event word names what did not
    happen (a negation the verb-level reality filter does not see)."""
    if t.dep_ in ("pobj", "pcomp") and t.head.lower_ == "without":
        return "negated"
    return None


def _framing(t: Token) -> bool:
    """A word inside a prepositional phrase ("under the agreement", "as part of the deal", "after talks"):
    the circumstance of another happening, not the clause's own event."""
    cur = t
    for _ in range(6):
        if cur.dep_ == "prep" or cur.dep_ == "pobj" and cur.head.dep_ == "prep":
            return True
        if cur.head.i == cur.i or cur.pos_ == "VERB":
            return False
        cur = cur.head
    return False


def _crowd_control(sent: Span, families: dict[str, list[_Trig]]) -> _Trig | None:
    """Tear gas, water cannon or rubber bullets used where the sentence names no protest and no fighting:
    crowd control is used on a crowd, so the people it dispersed were demonstrating ("police used water cannon
    against activists blocking the motorway and detained hundreds" is a protest with intervention, not
    arrests). A battle keeps its own reading (``_type_family``: forces facing rioters)."""
    if not families or "protest" in families or not families.keys() <= {"arrest", "kill"}:
        return None
    m = _CROWD_CONTROL.search(span_text(sent))
    span = m and sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
    if not span:
        return None
    return _Trig(span.root.i, "protest", span.text, 0.8, span.end)


def _doc_country(sent: Span, reg: ActorRegistry) -> str | None:
    """The country of the whole parsed text (paragraph or note), computed once per Doc."""
    key = ("frontlines", "country")
    data = sent.doc.user_data
    if key not in data:
        data[key] = infer_country(sent.doc.text, reg) if len(sent.doc.text) > len(span_text(sent)) else None
    return data[key]


def _lethal_families(sent: Span, trigs: list[_Trig]) -> set[str]:
    """Families whose trigger caused a death or injury in the sentence: "airstrikes killed", "killed in shelling",
    "shelled X, killing 3", "left 11 people dead"."""
    return {_FAMILY[t.kind] for t in _lethal_links(sent, [t for t in trigs if t.kind == "kill"], trigs)}


def _lethal_links(sent: Span, outcome: list[_Trig], trigs: list[_Trig]) -> list[_Trig]:
    """The triggers among ``trigs`` that the killing/wounding words ``outcome`` name as their cause."""
    doc = sent.doc
    by_i = {t.i: t for t in trigs if t.kind != "kill"}
    out: list[_Trig] = []
    for o in outcome:
        tok = doc[o.i]
        linked: list[Token] = []
        for c in tok.children:
            if c.dep_ == "nsubj":
                linked.append(c)
                linked.extend(x for x in c.children if x.dep_ in ("conj", "compound"))
            elif c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in", "from", "during", "after", "under"):
                for x in c.children:
                    if x.dep_ == "pobj":
                        linked.append(x)
                        linked.extend(y for y in x.children if y.dep_ in ("conj", "compound"))
        if tok.dep_ in ("advcl", "xcomp", "conj", "acl", "relcl", "ccomp", "oprd", "acomp"):
            linked.append(tok.head)
            linked.extend(x for x in tok.head.children if x.dep_ in ("nsubj", "dobj"))
        # "an attack ... which came from X and killed 1,400": the relative clause's antecedent did it
        linked.extend(_relative_antecedent(tok))
        for x in linked:
            t = by_i.get(x.i)
            if t is not None and t not in out:
                out.append(t)
    return out


def _armed_with(battle: list[_Trig], remote: list[_Trig], sent: Span) -> list[_Trig]:
    """Battle words whose own phrase names a remote weapon: "rocket attacks", "mortar fire", "attacks with shells"."""
    doc = sent.doc
    weapons = {t.i for t in remote if t.kind != "air" or _lem(doc[t.i]) != "strike"}
    out = []
    for tr in battle:
        if tr.kind == "capture":
            continue
        tok = doc[tr.i]
        near = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
        near += [x for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "by", "using")
                 for x in c.children if x.dep_ == "pobj"]
        near += [y for x in near for y in x.children if y.dep_ in ("compound", "conj")]
        if any(x.i in weapons for x in near):
            out.append(tr)
    return out


def _heading_kind(sent: Span, lex: TriggerLexicon) -> str | None:
    m = re.match(r"^\s*([A-Za-z][A-Za-z -]{2,40}):", span_text(sent))
    if not m:
        return None
    return lex.headings.get(m.group(1).strip().lower())


def _weapons_as_objects(trigs: list[_Trig], sent: Span) -> list[_Trig]:
    """Weapons that are the object of defusing/intercepting/seizing are not attacks: keep the disruption."""
    doc = sent.doc
    disrupted = [t for t in trigs if t.kind == "disrupted"]
    out = []
    for tr in trigs:
        if _FAMILY.get(tr.kind) == "remote":
            tok = doc[tr.i]
            head = tok.head if tok.dep_ in ("dobj", "nsubjpass", "pobj", "conj", "compound") else None
            for _ in range(2):
                if head is not None and head.dep_ in ("conj", "compound", "dobj", "pobj", "prep"):
                    if _lem(head) in _WEAPON_OBJECT_VERBS:
                        break
                    head = head.head
            if head is not None and _lem(head) in _WEAPON_OBJECT_VERBS and not any(
                c.dep_ in ("nsubj",) and any(_lem(x) in _AIR_WORDS for x in c.subtree) for c in head.children
            ):
                if _lem(head) in ("destroy",) and tok.dep_ != "nsubjpass":
                    out.append(tr)
                    continue
                if not disrupted:
                    disrupted.append(_Trig(head.i, "disrupted", head.text, 0.75, head.i + 1))
                    out.append(disrupted[-1])
                continue
        out.append(tr)
    return out


def _type_family(
    fam: str,
    trs: list[_Trig],
    sent: Span,
    mentions: list[_Mention],
    country: str | None,
    context: list[ActorRef],
    lex: TriggerLexicon,
    reg: ActorRegistry,
    when: date | None,
    families: dict[str, list[_Trig]],
) -> EventCandidate | None:
    doc = sent.doc
    kinds = {t.kind for t in trs}
    # the anchor is the most event-like trigger: verbs and high-weight words first
    anchor = max(trs, key=lambda t: (_anchor_pref(fam, t), doc[t.i].pos_ == "VERB", t.weight, -t.i))
    actor1, actor2, assoc1, assoc2 = _actors_for(trs, anchor, sent, mentions, country, context)
    score = max(t.weight for t in trs)
    if fam == "battle":
        capture = [t for t in trs if t.kind == "capture" and not _attempted(doc[t.i], lex)]
        if capture and not _BRIEF_CONTROL.search(span_text(sent)):
            # "Rebels lost control of the north after government forces captured X": the taking is the
            # event; the side that lost is the previous holder
            gains = [t for t in capture if _loss(doc[t.i]) is None]
            anchor = (gains or capture)[0]
            actor1, actor2, assoc1, assoc2 = _actors_for([anchor], anchor, sent, mentions, country, context)
            loser = _loser(capture, sent, mentions, country, context)
            if not gains:
                winner = _winner_of_loss(doc[anchor.i], mentions)
                actor1, actor2, assoc1, assoc2 = winner, loser, [], []
                if actor1 is None and loser is not None:
                    actor1 = _opponent_from_context(loser, context, mentions)
            elif loser is not None and actor1 is not None and loser.name != actor1.name:
                actor2 = loser
            nonviolent = bool(_NONVIOLENT_CAPTURE.search(span_text(sent))) and not kinds & {"clash", *_REMOTE_ORDER}
            sub = territory_subtype(actor1, country, fighting=not nonviolent)
            if actor1 is not None and actor1.inter in (5, 6, 7):
                # "protesters stormed the parliament": a crowd taking a building is no armed actor gaining
                # territory (ACLED's territory sub-types need an armed side); the protest, or a riot, is the event
                if "protest" in families:
                    return None
                sub, actor1, actor2 = _riot_subtype(sent), _group(country, reg, "Rioters", 5, actor1), None
            if actor1 is not None and (actor2 is None or not actor2.resolved or "Unidentified" in actor2.name):
                actor2 = _opponent_from_context(actor1, context, mentions) or actor2
        else:
            sub = "Armed clash"
            if _CROWD_CONTROL.search(span_text(sent)) and not any(m.ref.inter in (2, 3, 4) for m in mentions):
                # tear gas, rubber bullets, live fire at a crowd: forces facing a riot, not a battle
                forces = next((a for a in (actor1, actor2) if a is not None and a.inter in (1, 8)), None)
                forces = forces or next((m.ref for m in mentions if m.ref.inter in (1, 8)), None)
                people = next((a for a in (actor1, actor2) if a is not None and a is not forces), None)
                sub = "Violent demonstration"
                actor1 = _group((people.country if people else None) or country, reg, "Rioters", 5, None)
                actor2 = forces
            elif actor2 is not None and actor2.inter == 7 and actor1 is not None and actor1.inter in _ARMED:
                sub = "Attack"
            elif actor1 is not None and actor2 is not None and 7 in (actor1.inter, actor2.inter) and (
                {actor1.inter, actor2.inter} & {1, 8}
            ) and any(_lem(sent.doc[t.i]) in ("clash", "confrontation", "confront", "scuffle") for t in trs):
                # people clashing with soldiers or police is a riot, not a battle
                people = actor1 if actor1.inter == 7 else actor2
                forces = actor2 if people is actor1 else actor1
                sub = _riot_subtype(sent)
                actor1 = _group(people.country or country, reg, "Rioters", 5, None)
                actor2 = forces
            elif actor1 is not None and (actor1.inter in (5, 6) or actor1.inter == 7 and (
                    actor2 is None or actor2.inter != 7) and not any(m.armed for m in mentions if m.ref is actor1)):
                # a battle needs organised armed sides; a crowd (residents, settlers) attacking is a riot
                sub = _riot_subtype(sent)
                actor1 = _group(country, reg, "Rioters", 5, actor1)
    elif fam == "withdraw":
        if all(_attempted(doc[t.i], lex) for t in trs):
            # "after a first attempt to start the pullout collapsed": nobody left
            return None
        sub = "Non-violent transfer of territory"
        score *= 0.8
        leaving = lexicon().kinds["withdraw"].verbs  # the verbs the lexicon pairs with a place left
        if (actor1 is None or actor1.inter not in _ARMED) and all(_lem(doc[t.i]) in leaving for t in trs):
            # "the family left the town": only an armed side leaving a place transfers territory
            return None
        taker = _moved_in(doc[anchor.i])
        if taker is not None:
            # "YPG fighters moved into X as rebels pulled back": the side moving in acquires the place and
            # the side pulling back is the previous holder (ACLED: actor1 acquires, actor2 withdraws)
            moved = _Trig(taker.i, "capture", taker.text, anchor.weight, taker.i + 1)
            new1, _, n_assoc1, _ = _actors_for([moved], moved, sent, mentions, country, context)
            if new1 is not None and actor1 is not None and new1.name != actor1.name:
                actor1, actor2, assoc1, assoc2 = new1, actor1, n_assoc1, []
                anchor = moved
    elif fam == "remote":
        sub = next(_REMOTE_SUB[k] for k in _REMOTE_ORDER if k in kinds)
        anchor = next(t for k in _REMOTE_ORDER for t in trs if t.kind == k)
        if sub == "Air/drone strike" and (actor1 is None or reg.is_generic(actor1)):
            # "warplanes struck X" in a war where one side alone flies
            actor1 = reg.air_actor(country, when) or actor1
        if actor1 is None:
            actor1 = _unidentified(country, reg, sub, when)
        if actor2 is None and _civilian_victims(sent, mentions):
            actor2 = _civilians(country, reg)
    elif fam == "kill":
        victims_armed, victims_civ = _victims(sent, trs, mentions)
        method = any(_lem(doc[t.i]) in _KILLING_METHODS for t in trs)
        executed = any(_execution(doc[t.i]) for t in trs)
        if executed:
            # captives put to death: ACLED codes the killing of people held, fighters included, as an Attack
            victims_armed = False
            anchor = next(t for t in trs if _execution(doc[t.i]))
            score = 1.0
        if actor1 is None and not method and not any(m.armed for m in mentions):
            # a toll alone ("45 people have been killed in Aleppo") says neither who nor how: a weak guess
            score *= 0.7
        if actor1 is None and any(m.armed for m in mentions):
            actor1 = next((m.ref for m in mentions if m.armed and m.ref is not actor2), None)
        if victims_armed and not victims_civ:
            sub = "Armed clash"
        else:
            sub = "Attack"
            if actor2 is None or actor2.inter != 7:
                actor2 = _civilians(country, reg) if victims_civ or actor2 is None else actor2
        if actor1 is None:
            actor1 = _unidentified(country, reg, sub)
        score *= 0.9
    elif fam == "abduct":
        sub = "Abduction/forced disappearance"
        if actor2 is None:
            actor2 = _civilians(country, reg)
    elif fam == "sexual":
        sub = "Sexual violence"
        if actor2 is None:
            actor2 = _civilians(country, reg)
    elif fam == "protest":
        sub = protest_subtype(sent, "riot" in kinds, mentions)
        prot = next((m.ref for m in mentions if m.ref.inter in (5, 6)), None)
        if sub in ("Violent demonstration", "Mob violence"):
            actor1 = _group(country, reg, "Rioters", 5, prot)
        else:
            actor1 = _group(country, reg, "Protesters", 6, prot)
        state = next((m.ref for m in mentions if m.ref.inter in (1, 8)), None)
        actor2 = state if sub != "Peaceful protest" else None
        if sub == "Excessive force against protesters" and state is not None:
            actor1, actor2 = state, actor1
        assoc1, assoc2 = [], []
    elif fam == "displacement":
        sub = "Displacement"
        displaced = next((m.ref for m in mentions if m.ref.inter == 7), None)
        actor1 = displaced or _civilians(country, reg)
        actor2 = None
    else:
        sub = _SD_SUB[fam]
        if fam == "movement" and span_text(sent).lower().startswith("non-violent"):
            sub = "Other"
    etype = _TYPE_OF[sub]
    if actor1 is not None:
        score = min(1.0, score + 0.1)
    return EventCandidate(
        trigger_i=anchor.i,
        trigger=anchor.text,
        event_type=etype,
        sub_event_type=sub,
        disorder_type=(
            "Political violence; Demonstrations" if sub == "Excessive force against protesters" else DISORDER[etype]
        ),
        actor1=actor1,
        actor2=actor2,
        assoc_actor_1=assoc1,
        assoc_actor_2=assoc2,
        score=round(score, 3),
        trigger_is=sorted(t.i for t in trs),
    )


_EXECUTIONS = {"execute", "execution", "behead", "beheading", "hang", "hanging", "crucify", "crucifixion"}


def _execution(t: Token) -> bool:
    """An execution: the killing of people held captive (ACLED: violence against civilians, an Attack)."""
    lem = _lem(t)
    if lem in ("hang", "hanging") and not any(_lem(x) in ("publicly", "public", "death", "sentence", "accuse", "charge")
                                                or x.lower_ in ("publicly",) for x in t.subtree):
        return False
    if not (lem in _EXECUTIONS or _base_form(t.lower_) in _EXECUTIONS):
        return False
    # "the airstrikes were executed to ...", "executed a plan": carrying something out, not putting people to death
    things = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
    if t.pos_ == "VERB" and things and not any(_person_like(c) for c in things):
        return False
    return not (t.pos_ == "NOUN" and any(c.dep_ == "prep" and c.lower_ == "of" and not any(
        _person_like(x) for x in c.children) for c in t.children))


def _person_like(t: Token) -> bool:
    """A phrase about people: a person noun, a name, a number of people, a pronoun."""
    if t.pos_ in ("PROPN", "PRON", "NUM") or t.ent_type_ in ("PERSON", "NORP", "CARDINAL"):
        return True
    return _lem(t) not in _THINGS and not any(c.dep_ == "compound" and _lem(c) in _THINGS for c in t.children)


# What can be "executed" that is not a person: plans, operations, strikes.
_THINGS = {"plan", "operation", "strike", "airstrike", "raid", "attack", "order", "mission", "task", "policy",
           "project", "program", "programme", "agreement", "deal", "decision", "sortie", "manoeuvre", "maneuver"}


def _anchor_pref(fam: str, t: _Trig) -> int:
    if fam == "battle":
        return {"capture": 2, "clash": 1}.get(t.kind, 0)
    if fam == "remote":
        return len(_REMOTE_ORDER) - _REMOTE_ORDER.index(t.kind) if t.kind in _REMOTE_ORDER else 0
    return 0


def _victims(sent: Span, trs: list[_Trig], mentions: list[_Mention]) -> tuple[bool, bool]:
    doc = sent.doc
    armed = civ = False
    for tr in trs:
        _, patients = _roles(doc[tr.i])
        t = doc[tr.i]
        if t.dep_ in ("acl", "amod") and t.head.pos_ in ("NOUN", "PROPN", "NUM"):
            patients.append(t.head)
        if t.pos_ in ("ADJ", "NOUN") and t.dep_ in ("acomp", "attr", "oprd"):
            patients.extend(c for c in t.head.children if c.dep_ in ("nsubj", "dobj"))
        for p in _expand_conj(patients):
            m = _mention_for(p, mentions)
            if m is not None:
                armed |= m.armed
                civ |= m.ref.inter == 7
            elif _lem(p) in ("member", "fighter", "militant", "soldier", "officer", "commander", "recruit", "militiaman",
                             "gunman", "terrorist", "guard", "trooper", "personnel", "rebel", "jihadist", "insurgent"):
                armed = True
    return armed, civ


def _civilian_victims(sent: Span, mentions: list[_Mention]) -> bool:
    """Civilians were hit: a civilian group is the object of killing/wounding/targeting in the sentence."""
    harm = {"kill", "injure", "wound", "die", "hurt", "hit", "target", "dead", "killing"}
    for m in mentions:
        if m.ref.inter != 7:
            continue
        head = sent.doc[m.start : m.end].root
        cur = head
        for _ in range(4):
            if _lem(cur) in harm:
                return True
            if cur.head.i == cur.i:
                break
            cur = cur.head
    return False


def _civilians(country: str | None, reg: ActorRegistry) -> ActorRef:
    return reg.resolve("civilians", country=country)


def _group(country: str | None, reg: ActorRegistry, label: str, inter: int, found: ActorRef | None) -> ActorRef:
    if found is not None and found.inter == inter and found.resolved:
        return found
    if country:
        return ActorRef(text=found.text if found else label.lower(), name=f"{label} ({country})", inter=inter,
                        country=country, resolved=True)
    return ActorRef(text=found.text if found else label.lower(), name=label, inter=inter, resolved=False)


def _unidentified(country: str | None, reg: ActorRegistry, sub: str, when: date | None = None) -> ActorRef | None:
    """ACLED's convention for attacks with no named perpetrator."""
    if not country:
        return None
    if sub == "Air/drone strike":
        return reg.air_actor(country, when) or reg.resolve("unidentified warplanes", country=country)
    return reg.resolve("unidentified armed group", country=country)
