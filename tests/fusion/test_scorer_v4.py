"""Fusion scorer v4: a denial answers another outlet's claim, even when its own story reports the fighting too.

Found on the bundled example corpus: the rebels' outlet reports both a monitor's account of the fighting in
Sheikh Said and a faction official's denial that the army holds it. The monitor's sentence joined the army's
capture first; v3 then judged the denial as a second sentence of the same story, found too little wording in
common, and dropped it unmatched, so the disputed capture was never shown.
"""

from __future__ import annotations

from datetime import date

from frontlines.fusion import contradictions, fuse
from frontlines.fusion.scorer import get_scorer

from .builders import GOV, REBELS, SAEED, mention, save

D30 = date(2016, 11, 30)
TAKE = "Government regains territory"


def _story(d):
    claim = d("Army takes Sheikh Saeed", "Levant Frontline News", D30)
    reply = d("Rebels say assault on Sheikh Said repelled", "Shahba Voice", date(2016, 12, 1))
    mc = mention(claim, TAKE, SAEED, D30, claimant="a field commander", claimant_actor=GOV.name, kind="party",
                 evidence="Army units took full control of the Sheikh Saeed neighbourhood, a field commander said.")
    fight = mention(reply, "Armed clash", SAEED, D30, actor1=REBELS, actor2=GOV, claimant="the Observatory",
                    kind="third_party", certainty="reported",
                    evidence="The Observatory said rebels still held part of the district after heavy fighting.")
    deny = mention(reply, TAKE, SAEED, D30, claimant="a faction official", claimant_actor=REBELS.name, kind="party",
                   certainty="denied", evidence="He denied that government forces held any part of Sheikh Said.")
    return claim, reply, mc, fight, deny


def test_default_scorer_is_v4_and_v3_stays_registered():
    assert get_scorer().name == "frontlines.fusion_scorer.v4"
    assert get_scorer("frontlines.fusion_scorer.v3").name.endswith("v3")


def test_a_denial_joins_the_claim_it_answers_beside_its_own_storys_fighting(store, d):
    claim, reply, mc, fight, deny = _story(d)
    save(store, [claim, reply], [mc, fight, deny])
    s = fuse(store)
    ev = next(e for e in s.events if mc.mention_id in e.mention_ids)
    assert deny.mention_id in ev.mention_ids and s.stats.unmatched_denials == 0
    cx = [c for c in contradictions(store) if c.kind == "capture_disputed"]
    assert len(cx) == 1 and deny.mention_id in cx[0].mention_ids


def test_v3_dropped_that_denial(store, d):
    """The control: the same reports under v3 lose the denial (the behaviour v4 changes)."""
    claim, reply, mc, fight, deny = _story(d)
    save(store, [claim, reply], [mc, fight, deny])
    s = fuse(store, scorer=get_scorer("frontlines.fusion_scorer.v3"), regroup=True)
    ev = next(e for e in s.events if mc.mention_id in e.mention_ids)
    assert fight.mention_id in ev.mention_ids  # the fighting joined first, so the one-document veto applied
    assert deny.mention_id not in ev.mention_ids and s.stats.unmatched_denials == 1


def test_a_denial_among_only_its_own_storys_sentences_keeps_the_one_document_veto(store, d):
    """With no other outlet's report in the event, nothing is answered: a round-up's denial of one incident
    does not join another incident of the same story on little shared wording."""
    reply = d("Rebels say assault on Sheikh Said repelled", "Shahba Voice", date(2016, 12, 1))
    fight = mention(reply, "Armed clash", SAEED, D30, actor1=REBELS, actor2=GOV, claimant="the Observatory",
                    kind="third_party", certainty="reported",
                    evidence="The Observatory said rebels still held part of the district after heavy fighting.")
    deny = mention(reply, TAKE, SAEED, D30, claimant="a faction official", claimant_actor=REBELS.name, kind="party",
                   certainty="denied", evidence="Separately, an official denied reports of a prisoner exchange.")
    save(store, [reply], [fight, deny])
    s = fuse(store)
    assert all(deny.mention_id not in e.mention_ids for e in s.events) and s.stats.unmatched_denials == 1
