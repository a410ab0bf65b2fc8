"""Actor roles: who acted and who was acted on, from the dependency parse and the actor registry.

WHY from the parse: "IS attack repelled by the PMF" and "PMF attack repelled by IS"
share their words; only subjects, passive agents, objects, "between A and B" and
compounds ("coalition airstrikes") tell actor1 from actor2. Mentions are resolved
through the registry (``nlp.actors``) with the sentence's country and date
(``events`` step 4).
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from frontlines.mention import ActorRef
from frontlines.nlp.actors import ActorRegistry
from frontlines.nlp.doc_text import doc_text, span_text
from frontlines.nlp.taxonomy import _ARMED, _PRONOUNS, _Mention, _Trig
from frontlines.nlp.trigger_match import _ROLE_PREPS, _lem, _loss, _placeish, _prep_roles

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


# ------------------------------------------------------------------------------ actors
def _mentions(sent: Span, registry: ActorRegistry, when: date | None, country: str | None) -> list[_Mention]:
    out = []
    for s, e, ref in registry.find(span_text(sent), when=when, country=country):
        span = sent.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        generic = registry.is_generic(ref)
        root = span.root
        modifier = root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ in ("NOUN", "PROPN")
        # "military camp", "army base": a role word modifying a thing is not an actor; modifying a body of
        # fighters it is one ("the rebel and Islamic factions")
        if generic and modifier and not registry.is_generic(ActorRef(text=root.head.text, name="")) \
                and root.head.lemma_.lower() not in _GROUP_NOUNS:
            continue
        out.append(_Mention(span.start, span.end, ref, generic))
    for m in out:
        # the head noun of the joint phrase itself ("Syrian and Russian | forces") identifies nobody
        others = [x for x in out if x is not m and not (x.generic and x.start == m.end)]
        member = registry.identified_member(m.ref, [x.ref for x in others])
        if member is not None:
            m.member = next(x for x in others if x.ref.name == member.name)
    return out


def _in(m: _Mention, tok: Token) -> bool:
    return tok.left_edge.i <= m.start and m.end <= tok.right_edge.i + 1


def _mention_for(tok: Token, mentions: list[_Mention]) -> _Mention | None:
    """The actor mention heading the phrase of ``tok``: the one containing tok, else the nearest inside its subtree."""
    inside = [m for m in mentions if _in(m, tok)]
    for m in mentions:
        if m.start <= tok.i < m.end:
            # "Warplanes, likely regime or Russian": a named actor in the phrase beats the bare role word
            if m.generic:
                # only what describes the phrase itself: "Warplanes, likely regime or Russian", not its conjuncts
                own = [c for c in tok.children if c.dep_ in ("appos", "amod", "compound", "nmod", "acl", "relcl")]
                # a name among its pre-modifiers counts too ("Islamist | faction | fighters")
                named = [x for x in inside if not x.generic and (
                    any(_in(x, c) for c in own) or (x.end <= tok.i and all(
                        doc_t.head.i == tok.i or doc_t.head.i in range(x.start, x.end)
                        for doc_t in tok.doc[x.start : x.end])))]
                if named:
                    return min(named, key=lambda x: x.start)
            return m
    if not inside:
        return None
    # prefer mentions not buried in a relative clause or a prepositional tail
    return min(inside, key=lambda m: (not m.ref.resolved, abs(m.start - tok.i)))


def _roles(t: Token) -> tuple[list[Token], list[Token]]:
    """Agent-side and patient-side phrase heads for a trigger, from the dependency parse."""
    agents, patients = _raw_roles(t)
    # "between regime forces and allied militias against Jaysh al-Islam": the conjuncts fight together
    scope = [t, t.head] if t.pos_ in ("NOUN", "PROPN") else [t]
    scope += [c for s in list(scope) for c in s.children if c.dep_ == "dobj"]
    scope += [y for p in agents + patients for y in (p, *p.children) if y.dep_ in ("conj", "pobj", "nsubj", "dobj")]
    against = [x for s in scope for c in s.children if c.dep_ == "prep" and c.lower_ == "against"
               for x in c.children if x.dep_ == "pobj"]
    if against:
        allies = [p for p in patients if p.dep_ == "conj" and p.head in agents]
        agents = agents + allies
        patients = [p for p in patients if p not in allies] + [a for a in against if a not in patients]
    return agents, patients


def _raw_roles(t: Token) -> tuple[list[Token], list[Token]]:
    agents: list[Token] = []
    patients: list[Token] = []
    gov = t
    if t.pos_ in ("NOUN", "PROPN", "ADJ") or t.dep_ in ("compound", "amod"):
        for c in t.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < t.i:
                agents.append(c)
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                agents.extend(x for x in c.children if x.dep_ == "pobj")
            if c.dep_ == "prep" and c.lower_ in ("between", "among"):
                for x in c.children:
                    if x.dep_ == "pobj":
                        agents.append(x)
                        patients.extend(y for y in x.children if y.dep_ == "conj")
            if c.dep_ == "prep" and c.lower_ in ("on", "against", "targeting", "with", "at", "upon"):
                patients.extend(x for x in c.children if x.dep_ == "pobj")
        if t.dep_ in ("compound", "amod") and t.head.pos_ == "NOUN":
            # "coalition airstrike raids": the head noun carries the roles
            a2, p2 = _roles(t.head)
            agents += a2
            patients += p2
        gov = t.head if t.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr", "conj", "appos") else t
        if t.dep_ == "pobj" and gov.dep_ == "prep" and gov.head.pos_ in ("VERB", "AUX") and not agents:
            # "hit their positions with Katyusha missiles": the verb's subject used the weapon
            verb_agents, _ = _roles(gov.head)
            agents.extend(verb_agents)
        if gov.i != t.i and gov.pos_ in ("VERB", "AUX"):
            if t.dep_ == "dobj":
                verb_agents, _ = _roles(gov)
                agents.extend(verb_agents)
                for c in gov.children:
                    if c.dep_ == "prep" and c.lower_ in ("on", "against", "targeting", "at", "upon", "with"):
                        patients.extend(x for x in c.children if x.dep_ == "pobj")
            elif t.dep_ in ("nsubj", "nsubjpass"):
                light = _lem(gov) in ("take", "break", "erupt", "occur", "happen", "continue", "rage", "flare")
                objs = [c for c in gov.children if c.dep_ == "dobj"]
                if not light:
                    patients.extend(objs)
                # "Clashes took place between A and B": the preposition may hang on "place"
                preps = list(gov.children) + [c for o in objs for c in o.children]
                for c in preps:
                    if c.dep_ == "prep" and c.lower_ in _ROLE_PREPS:
                        _prep_roles(c, agents, patients)
            elif t.dep_ == "pobj" and gov.dep_ == "prep":
                pass
        return agents, patients
    # verbs
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
    for c in t.children:
        if c.dep_ == "nsubj" and not passive:
            agents.append(c)
        elif c.dep_ == "agent":
            agents.extend(x for x in c.children if x.dep_ == "pobj")
        elif c.dep_ == "nsubjpass" or (c.dep_ in ("dobj", "attr") and not passive):
            patients.append(c)
        elif c.dep_ == "prep" and c.lower_ in _ROLE_PREPS:
            _prep_roles(c, agents, patients)
    if not agents and not passive:
        # control and coordination: "claimed to have captured", "shelled X and killed Y", "..., killing 3"
        cur = t
        for _ in range(3):
            if cur.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acl", "pcomp", "relcl") and cur.head.i != cur.i:
                cur = cur.head
                if cur.dep_ == "prep":
                    cur = cur.head
                subj = [c for c in cur.children if c.dep_ in ("nsubj",)]
                if cur.dep_ == "relcl" and not subj:
                    agents.append(cur.head)
                    break
                if subj:
                    agents.extend(subj)
                    break
            else:
                break
    return agents, patients


def _expand_conj(toks: list[Token]) -> list[Token]:
    out = []
    for t in toks:
        out.append(t)
        out.extend(c for c in t.children if c.dep_ == "conj")
    return out


def _actors_for(
    trs: list[_Trig],
    anchor: _Trig,
    sent: Span,
    mentions: list[_Mention],
    country: str | None,
    context: list[ActorRef],
) -> tuple[ActorRef | None, ActorRef | None, list[ActorRef], list[ActorRef]]:
    doc = sent.doc
    # the main clause names the actor ("The Syrian army shelled X in conjunction with regime air strikes")
    order = sorted(trs, key=lambda t: (_depth(doc[t.i]), t.i))
    a_m: list[_Mention] = []
    p_m: list[_Mention] = []
    pronoun_agent = False
    agent_phrases: list[Token] = []
    for tr in order:
        agents, patients = _roles(doc[tr.i])
        agent_phrases.extend(agents)
        for tok in _expand_conj(agents):
            if tok.lower_ in _PRONOUNS:
                pronoun_agent = True
            m = _mention_for(tok, mentions)
            if m and m not in a_m and m not in p_m:
                a_m.append(m)
        for tok in _expand_conj(patients):
            m = _mention_for(tok, mentions)
            if m and m not in a_m and m not in p_m:
                p_m.append(m)
        # the trigger phrase itself may name the actor ("Houthi snipers", "regime shelling"), with its
        # conjuncts ("Warplanes and regime helicopters")
        if any(x.start <= tr.i < x.end for x in mentions):
            for tok in _expand_conj([doc[tr.i]]):
                m = _mention_for(tok, mentions)
                if m and m not in a_m and m not in p_m:
                    a_m.append(m)
        if a_m:
            break
    actor1 = a_m[0].ref if a_m else None
    actor2 = p_m[0].ref if p_m else None
    joint = a_m[0] if a_m else None
    if joint is not None and joint.member is not None and joint.member not in p_m:
        # "Syrian or Russian warplanes struck as regime forces shelled": the side the report identifies
        a_m = [joint.member, joint, *(m for m in a_m[1:] if m is not joint.member)]
        actor1 = joint.member.ref
    if a_m:
        # "Regime warplanes struck while ground forces shelled the town": a force and one of its own units
        # acting together are coded as the force
        unit = a_m[0]
        parent = next((m for m in mentions if m is not unit and m not in p_m and not _controller(doc[m.end - 1])
                       and unit.ref.name.startswith(m.ref.name + " ")
                       and _phrase_head(doc[m.start : m.end]).i != _phrase_head(doc[unit.start : unit.end]).i), None)
        if parent is not None:
            a_m = [parent, unit, *(m for m in a_m[1:] if m is not parent)]
            actor1 = parent.ref
    if a_m and country and a_m[0].ref.inter == 8 and a_m[0].ref.country not in (None, country):
        # "Russian warplanes struck while regime forces shelled the town": a foreign state fighting beside
        # the host state's forces is its associate; the host state is actor1
        guest = a_m[0]
        # only a named host acting in a clause of its own ("while regime forces shelled"): a host named as
        # a target, or a role word beside the guest ("Turkish warplanes and helicopters"), is no ally
        host = next((m for m in mentions if m is not guest and m not in p_m and not m.generic and m.ref.inter == 1
                     and m.ref.country == country and _phrase_head(doc[m.start : m.end]).dep_ == "nsubj"
                     and _phrase_head(doc[m.start : m.end]).head.i != _phrase_head(doc[guest.start : guest.end]).head.i), None)
        if host is not None:
            a_m = [host, guest, *(m for m in a_m[1:] if m is not host)]
            actor1 = host.ref
    if a_m and _unnamed(a_m[0].ref):
        # "Warplanes and suspected regime helicopters": an unidentified conjunct yields to a named one
        named = next((m for m in a_m[1:] if m.ref.resolved and not _unnamed(m.ref)), None)
        if named is not None:
            a_m = [named, *(m for m in a_m if m is not named)]
            actor1 = named.ref
    if actor1 is None and (pronoun_agent or not mentions):
        # "they'd taken Holok", "The advance took Hanano": the actor comes from what came before
        before = [m for m in mentions if m.end <= anchor.i and m.armed]
        if before:
            actor1 = before[-1].ref
        elif context:
            actor1 = next((a for a in context if a.inter in _ARMED), None)
    if actor1 is None:
        # fall back on the first armed actor that is not the patient, as ACLED notes put the agent first;
        # one named as an opponent ("Following clashes with rebels, regime forces advanced") comes last
        armed = [m for m in mentions if m.armed and m not in p_m and not _controller(doc[m.end - 1])]
        armed.sort(key=lambda m: _opponent_phrase(doc[m.start : m.end].root))
        actor1 = armed[0].ref if armed else None
    if actor2 is None:
        # the first other armed (or civilian) actor, not one inside the agent's own phrase
        actor2 = next(
            (m.ref for m in mentions if m.ref is not actor1 and m not in a_m and m.ref.name != getattr(actor1, "name", None)
             and m.ref.inter in _ARMED | {7} and not (m.generic and any(_in(m, a) for a in agent_phrases))),
            None,
        )
        if actor2 is not None and actor2.inter == 7 and not _any_harm(sent):
            actor2 = None
    if actor2 is not None and actor1 is not None and actor2.name == actor1.name:
        actor2 = None
    assoc1 = [m.ref for m in a_m[1:] if m.ref.name != getattr(actor1, "name", None)]
    assoc2 = [m.ref for m in p_m[1:] if m.ref.name != getattr(actor2, "name", None)]
    return actor1, actor2, _dedupe(assoc1), _dedupe(assoc2)


# nouns for a body of fighters: a role word modifying one names an actor ("rebel factions")
_GROUP_NOUNS = {"faction", "fighter", "group", "militia", "force", "unit", "battalion", "brigade", "militant",
                "member", "gunman", "troop", "formation", "coalition", "alliance"}


# "regime-held town": whoever holds the place, not who acted
_CONTROL_SUFFIX = re.compile(r"^-?(?:held|controlled|run|occupied|besieged)\b")


def _opponent_phrase(tok: Token) -> bool:
    """``tok`` is the object of "with", "against" or "from": the other side of the fight. (Its conjuncts are
    not followed: the parser often joins a fronted "With X, Y advanced" into one list.)"""
    return tok.dep_ == "pobj" and tok.head.lower_ in ("with", "against", "from")


def _phrase_head(span: Span) -> Token:
    """The noun a mention's span modifies or is: "regime" in "regime ground forces" -> "forces"."""
    root = span.root
    while root.dep_ in ("compound", "amod", "nmod", "npadvmod") and root.head.i != root.i:
        root = root.head
    return root


def _controller(last: Token) -> bool:
    """The mention ending at ``last`` only says who holds a place: "regime-held", "IS-controlled"."""
    after = last.idx + len(last.text)
    return bool(_CONTROL_SUFFIX.match(doc_text(last.doc)[after : after + 14]))


def _unnamed(ref: ActorRef) -> bool:
    """ACLED's names for perpetrators nobody identified ("Unidentified Armed Group (Iraq)")."""
    return ref.name.startswith("Unidentified")


def _depth(t: Token) -> int:
    d = 0
    while t.head.i != t.i and d < 20:
        t = t.head
        d += 1
    return d


def _dedupe(refs: list[ActorRef]) -> list[ActorRef]:
    seen: set[str] = set()
    out = []
    for r in refs:
        if r.name not in seen:
            seen.add(r.name)
            out.append(r)
    return out


def _opponent_from_context(actor1: ActorRef, context: list[ActorRef], mentions: list[_Mention]) -> ActorRef | None:
    """Who held the captured place: an armed actor of the other side named in the sentence or just before."""
    pool = [m.ref for m in mentions] + list(context)
    state = actor1.inter == 1
    fits = [a for a in pool if a.name != actor1.name and a.inter in _ARMED and (a.inter == 1) != state]
    named = [a for a in fits if a.resolved and not a.name.startswith("Unidentified")]
    return (named or fits or [None])[0]


def _loser(capture: list[_Trig], sent: Span, mentions: list[_Mention], country: str | None,
           context: list[ActorRef]) -> ActorRef | None:
    """The subject of "lost control of" among the capture triggers: the side that held the place."""
    for tr in capture:
        if _loss(sent.doc[tr.i]) is not None:
            loser, _, _, _ = _actors_for([tr], tr, sent, mentions, country, context)
            if loser is not None:
                return loser
    return None


def _winner_of_loss(t: Token, mentions: list[_Mention]) -> ActorRef | None:
    """Who a place was lost to: "lost control of the town to Islamic State fighters"."""
    verb = _loss(t)
    heads = [verb, t] if verb is not None else [t]
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ == "to":
                for x in c.children:
                    m = _mention_for(x, mentions) if x.dep_ == "pobj" else None
                    if m is not None and m.armed:
                        return m.ref
    return None


# Verbs of moving into a place: with a withdrawal as their circumstance, the mover takes over.
_ADVANCE_VERBS = {"move", "advance", "push", "enter", "deploy", "sweep", "roll", "march", "spread", "expand"}


_CIRCUMSTANCE_MARKS = {"as", "after", "when", "while", "once", "following"}


def _moved_in(t: Token) -> Token | None:
    """For a withdrawal told as the circumstance of another side moving in ("X moved into Y as rebels
    pulled back"), the verb of moving in; None when the withdrawal is the sentence's own news."""
    if t.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in _CIRCUMSTANCE_MARKS for c in t.children):
        return None
    head = t.head
    if _lem(head) not in _ADVANCE_VERBS or head.pos_ != "VERB":
        return None
    places = [x for c in head.children if c.dep_ == "prep" and c.lower_ in ("into", "to", "in", "inside")
              for x in c.children if x.dep_ == "pobj"]
    places += [c for c in head.children if c.dep_ == "dobj"]
    return head if any(_placeish(x) for x in places) else None


def _any_harm(sent: Span) -> bool:
    return any(_lem(t) in ("kill", "injure", "wound", "die", "dead", "hurt", "target", "hit", "shoot", "attack",
                           "abduct", "kidnap", "execute", "detain", "arrest")
               for t in sent)
