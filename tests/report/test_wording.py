"""How the brief words events: withdrawals, developments without a verb, figures given without a number."""

from __future__ import annotations

from datetime import date

from frontlines.fusion import events as load_events
from frontlines.fusion import fuse
from frontlines.mention import Count
from frontlines.report.brief import _Cites, clause, event_sentences
from fusion.builders import GOV, REBELS, SAEED, doc, mention, save

NVT = "Non-violent transfer of territory"
D = date(2016, 11, 28)


def _event(store, sub, evidence, *, counts=(), actor1=REBELS, actor2=None):
    d = doc("Aleppo report", evidence, "Meridian Wire", D)
    m = mention(d, sub, SAEED, D, actor1=actor1, actor2=actor2, evidence=evidence,
                etype="Strategic developments" if sub in (NVT, "Other", "Agreement") else None)
    m.counts = list(counts)
    save(store, [d], [m])
    fuse(store)
    return next(e for e in load_events(store) if m.mention_id in e.mention_ids)


def test_a_withdrawal_reads_as_leaving_not_taking(store):
    ev = _event(store, NVT, "Rebel fighters withdrew from Sheikh Saeed to shorten their lines.")
    assert clause(ev) == f"{REBELS.name} withdrew from Aleppo - Sheikh Saeed"
    assert "took over" not in clause(ev)


def test_a_handover_without_fighting_reads_as_taking(store):
    ev = _event(store, NVT, "Government forces entered Sheikh Saeed without a fight after a local deal.",
                actor1=GOV)
    assert "took over" in clause(ev) and "withdrew" not in clause(ev)


def test_a_development_with_no_verb_quotes_its_lead_sentence_instead_of_a_category_name(store):
    ev = _event(store, "Other", "Convoys of buses left the al-Amiriya area through the Ramouseh crossing.",
                actor1=None)
    text = clause(ev)
    assert "event of type" not in text
    assert "\u201cConvoys of buses left the al-Amiriya area" in text and text.startswith("unnamed parties")


def test_figures_given_without_a_number_are_not_shown_as_zero(store):
    ev = _event(store, "Attack", "The army said it killed a large number of their members.", actor1=GOV,
                actor2=REBELS, counts=[Count("fatalities", 0, "a large number of their members", "unquantified"),
                                       Count("displaced", 0, "the total number", "unquantified")])
    assert ev.displaced is None  # "the total number" is no figure
    text = " ".join(s.text for s in event_sentences(ev, [], _Cites()))
    assert "reported without a number: \u201ca large number of their members\u201d" in text
    assert "0 by the lowest credible figure" not in text
    assert "Displaced" not in text



def test_moving_in_as_the_other_side_pulls_back_reads_as_taking_over(store):
    """The withdrawal is the circumstance; the side moving in is actor1 (as in the control timeline)."""
    ev = _event(store, NVT, "Kurdish fighters moved into Sheikh Saeed as rebels pulled back, the monitor said.",
                actor1=GOV, actor2=REBELS)
    assert "took over" in clause(ev) and "withdrew" not in clause(ev)
