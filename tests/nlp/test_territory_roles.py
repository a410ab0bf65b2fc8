"""Who took a place and who lost it: the roles of territory events, and what is not a territory event.

The control timeline reads the taker of a territory event as the new holder and
its other actor as the previous one, so a capture told from the loser's side
("Rebels lost control of X after government forces captured Y") must not make
the loser the taker. Background clauses ("since it seized the city four years
ago"), standing control ("YPG fighters, who control Sheikh Maqsoud") and
withdrawals that only frame another side moving in are told apart here.
"""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.document import Document, make_doc_id
from frontlines.nlp.events import detect_events
from frontlines.nlp.extract import extract
from frontlines.nlp.pipeline import load_nlp

GOV = "Military Forces of Syria (2000-)"
REBELS = "Opposition Rebels (Syria)"
YPG = "People's Protection Units"
TERRITORY = {"Government regains territory", "Non-state actor overtakes territory"}
TRANSFER = "Non-violent transfer of territory"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def events(nlp, text):
    doc = nlp(text)
    return [(c.sub_event_type, c.actor1.name if c.actor1 else None, c.actor2.name if c.actor2 else None,
             doc[c.trigger_i].text) for c in detect_events(doc[:], country="Syria", when=date(2016, 11, 28))]


def test_the_side_that_lost_control_is_the_previous_holder(nlp):
    found = events(nlp, "Rebels in east Aleppo lost control of the entire northern section of their enclave on "
                        "Monday after government forces and their allies captured the districts of Sakhour and "
                        "Haidariya.")
    assert found == [("Government regains territory", GOV, REBELS, "captured")]


def test_lost_control_to_a_named_side(nlp):
    found = events(nlp, "Government forces lost control of the village of Tal Rifaat to Kurdish YPG fighters on "
                        "Sunday.")
    assert found and found[0][:3] == ("Non-state actor overtakes territory", YPG, GOV)


def test_a_capture_in_the_active_voice_is_unchanged(nlp):
    found = events(nlp, "Government forces captured the village of Tal Rifaat from rebels on Sunday.")
    assert found and found[0][:3] == ("Government regains territory", GOV, REBELS)


@pytest.mark.parametrize("text", [
    "The Observatory described it as the opposition's worst defeat in Aleppo since it seized the eastern half "
    "of the city four years ago.",
    "It was the first district to fall since opposition fighters took it in 2012.",
    "The town, which the army captured two years ago, was quiet on Sunday.",
])
def test_history_is_not_a_territory_event(nlp, text):
    assert not TERRITORY & {e[0] for e in events(nlp, text)}


@pytest.mark.parametrize("text", [
    "Kurdish YPG fighters, who control the Sheikh Maqsoud district, shelled rebel positions on Monday.",
    "Rebels control most of the eastern districts of the city.",
    "The town is controlled by the Army of Conquest, a rebel alliance.",
])
def test_standing_control_is_not_a_capture(nlp, text):
    assert not TERRITORY & {e[0] for e in events(nlp, text)}


def test_now_control_is_still_a_capture(nlp):
    found = events(nlp, "The army said its troops now control the hill after clashes with rebels.")
    assert "Government regains territory" in {e[0] for e in found}


def test_moving_in_as_the_other_side_pulls_back(nlp):
    found = events(nlp, "Kurdish YPG fighters, who control the Sheikh Maqsoud district, moved into parts of "
                        "Sheikh Fares and Bustan al-Basha as rebels pulled back, the monitor said.")
    assert found == [(TRANSFER, YPG, REBELS, "moved")]


def test_a_withdrawal_on_its_own_is_by_the_side_leaving(nlp):
    found = events(nlp, "Rebel fighters withdrew from the village of Kafr Naha on Sunday.")
    assert found and found[0][:2] == (TRANSFER, REBELS)


@pytest.mark.parametrize("text", [
    "The departures follow an evacuation agreement announced on Tuesday, after a first attempt to start the "
    "pullout collapsed on Wednesday.",
    "Figures for the total number evacuated vary between sources and had not been reconciled.",
])
def test_no_transfer_without_anyone_leaving(nlp, text):
    assert TRANSFER not in {e[0] for e in events(nlp, text)}


def _doc(paras: list[str]) -> Document:
    return Document(doc_id=make_doc_id("t", paras), source_id="t", title="", paragraphs=paras, source="Wire",
                    published=date(2016, 11, 28))


def test_a_side_does_not_withdraw_from_itself(nlp, monkeypatch):
    # the rules' actor roles are what is tested: the sub-type model (on by default) may judge the withdrawal
    # sentence differently, which says nothing about who withdrew from whom
    monkeypatch.setenv("FRONTLINES_SUBTYPE_MODEL", "off")
    paras = ["Rebels in Aleppo came under heavy attack on Monday.",
             "A spokesman for one rebel group said fighters had withdrawn from the north to shorten their "
             "front lines."]
    moves = [m for m in extract(_doc(paras), nlp=nlp) if m.sub_event_type == TRANSFER]
    assert moves and all(m.actor2 is None or m.actor2.name != m.actor1.name for m in moves)


def test_a_foreign_dateline_city_is_not_lent_to_placeless_sentences(nlp):
    paras = ["BEIRUT (Meridian Wire) – Government forces captured the Masaken Hanano district of Aleppo on "
             "Saturday, a monitor said.",
             "A spokesman for one rebel group said fighters had withdrawn to shorten their front lines."]
    ms = extract(_doc(paras), nlp=nlp)
    lent = [p.text for m in ms if not m.has_own_place for p in m.places if p.role == "event"]
    assert ms and "BEIRUT" not in lent and "Beirut" not in lent


def test_a_lent_place_abroad_is_dropped():
    from frontlines.mention import EventMention, Location, PlaceMention
    from frontlines.nlp.extract import _unlend_abroad

    def placed(name: str, country: str, own: bool) -> EventMention:
        place = PlaceMention(name, "event", resolved=Location(name, country=country))
        return EventMention(f"m-{name}-{own}", "d", "s", "Battles", "Armed clash", places=[place], has_own_place=own)

    own, abroad, home = placed("Aleppo", "Syria", True), placed("Beirut", "Lebanon", False), \
        placed("Aleppo", "Syria", False)
    _unlend_abroad([own, abroad, home])
    assert [p.text for p in own.places] == ["Aleppo"] and [p.text for p in home.places] == ["Aleppo"]
    assert abroad.places == []


def test_a_running_toll_since_the_war_began_on_a_conjunct_is_no_attack(nlp):
    found = events(nlp, "At least 280000 people have been killed and millions displaced since Syria's war started "
                        "in 2011.")
    assert "Attack" not in {e[0] for e in found}
