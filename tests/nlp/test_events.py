"""Event detection and ACLED typing: sub-types, territory rules, actors, and the no-event cases."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.nlp.events import SUBTYPES, detect_events, primary_event, territory_subtype
from frontlines.nlp.triggers import may_carry_event

PUB = date(2016, 11, 27)


def events(nlp, text, **kw):
    return detect_events(nlp(text)[:], **kw)


def test_taxonomy_has_acled_25_subtypes_plus_displacement():
    acled = [s for t, s in SUBTYPES if t != "Displacement"]
    assert len(acled) == 25 and len(set(acled)) == 25
    assert {t for t, _ in SUBTYPES} == {
        "Battles", "Protests", "Riots", "Explosions/Remote violence", "Violence against civilians",
        "Strategic developments", "Displacement",
    }


def test_sample_capture_claim(nlp):
    got = events(nlp, "Heavy fighting over the weekend in Eastern Aleppo has left the Syrian military with its largest "
                      "gains in weeks, with the military claiming to have captured three residential districts in a "
                      "push into the Nusra Front-held portions of the city.", when=PUB)
    assert len(got) == 1
    ev = got[0]
    assert ev.sub_event_type == "Government regains territory" and ev.event_type == "Battles"
    assert ev.actor1.name == "Military Forces of Syria (2000-)"
    assert ev.actor2.name == "Jabhat Fateh al-Sham"
    assert ev.disorder_type == "Political violence"


def test_sample_capture_with_context_actors(nlp, reg):
    ctx = [reg.resolve("the Syrian military", when=PUB), reg.resolve("the Nusra Front", when=PUB)]
    got = events(nlp, "The advance took Hanano on Saturday, and Jabal Badro by Sunday morning.", when=PUB,
                 context_actors=ctx)
    assert [(e.sub_event_type, e.trigger, e.actor1.name, e.actor2.name) for e in got] == [
        ("Government regains territory", "took", "Military Forces of Syria (2000-)", "Jabhat Fateh al-Sham")
    ]
    got = events(nlp, "By the evening, the army also reported they\u2019d taken Holok, and are making a push into three "
                      "further districts, adding that they killed \u201ca large number of terrorists.\u201d", when=PUB,
                 context_actors=ctx)
    assert [(e.sub_event_type, e.trigger) for e in got] == [("Government regains territory", "taken")]
    assert got[0].actor1.name == "Military Forces of Syria (2000-)"


def test_sample_displacement(nlp):
    got = events(nlp, "Following up on reports of civilians being trapped in rebel areas and unable to flee, the Syrian "
                      "state media has reported at least 1,500 civilians managed to escape during the offensive, "
                      "getting out of rebel-held areas and into government-held districts.", when=PUB)
    assert [(e.event_type, e.sub_event_type, e.trigger) for e in got] == [("Displacement", "Displacement", "escape")]
    assert got[0].actor1.name == "Civilians (Syria)"


@pytest.mark.parametrize(
    "text",
    [
        # habitual / generic
        "This advance cuts deeply into Nusra territory within Aleppo, and puts them in an increasingly indefensible "
        "position, surrounded by the Syrian military and facing regular airstrikes in a shrinking region.",
        "Residents of the town say they face daily shelling.",
        # hypothetical
        "The rebels threatened to attack the airport if the siege continues.",
        "Turkish forces could launch an offensive against Afrin in the coming days.",
        # negated
        "No clashes were reported in the city on Friday.",
        "The army did not shell the village.",
        # commentary, no trigger
        "Aleppo has been divided since 2012, and this appears to be the closest anyone has come since to reunifying "
        "the once major city.",
    ],
)
def test_no_event_cases(nlp, text):
    assert events(nlp, text) == []


def test_territory_rule(reg):
    army = reg.resolve("the Syrian army", country="Syria")
    turks = reg.resolve("Turkish troops", country="Syria")
    rebels = reg.resolve("rebels", country="Syria")
    assert territory_subtype(army, "Syria") == "Government regains territory"
    assert territory_subtype(turks, "Syria") == "Non-state actor overtakes territory"  # not Syria's government
    assert territory_subtype(rebels, "Syria") == "Non-state actor overtakes territory"
    assert territory_subtype(army, "Syria", fighting=False) == "Non-violent transfer of territory"


def test_primary_event_follows_precedence(nlp):
    got = events(nlp, "Suspected regime helicopters dropped barrel bombs on the village as clashes took place between "
                      "regime forces and Hayat Tahrir al-Sham near the village.", country="Syria")
    assert primary_event(got).event_type == "Battles"


def test_prefilter_keeps_event_sentences_and_drops_plain_ones():
    assert may_carry_event("The advance took Hanano on Saturday, and Jabal Badro by Sunday morning.")
    assert may_carry_event("At least 1,500 civilians fled.")
    assert not may_carry_event("The minister visited a school and praised the teachers.")
    assert not may_carry_event("")


# Real coder notes from the ACLED dev set, selected at test time by their 2018 class and a keyword; the first
# sentence of each must be typed to the sub-type. Sub-types the 2018 data cannot select reliably, or where
# the rules are still weak (excessive force, violent demonstration, mob violence, abduction, grenade,
# suicide bomb, sexual violence), are not claimed here.
DEV_SPECS = [
    ("Battle-Government regains territory", r"\b(captured|took control|regained|recaptured)\b",
     "Government regains territory"),
    ("Battle-Non-state actor overtakes territory", r"\b(captured|took control|seized)\b",
     "Non-state actor overtakes territory"),
    ("Battle-No change of territory", r"\bclash", "Armed clash"),
    ("Riots/Protests", r"\b(protested|demonstrated|gathered)\b", "Peaceful protest"),
    ("Remote violence", r"\b(chemical|chlorine|toxic gas)\b", "Chemical weapon"),
    ("Remote violence", r"\b(airstrikes?|air strikes?|warplanes)\b", "Air/drone strike"),
    ("Remote violence", r"\b(shelled|artillery|mortar)\b", "Shelling/artillery/missile attack"),
    ("Remote violence", r"\b(IED|landmine|roadside bomb|explosive device)\b", "Remote explosive/landmine/IED"),
    ("Violence against civilians", r"\b(shot|killed|executed)\b", "Attack"),
    ("Strategic development", r"\b(agreement|ceasefire|truce)\b", "Agreement"),
    ("Strategic development", r"\b(arrested|detained)\b", "Arrests"),
    ("Strategic development", r"\b(formation|merged|defected)\b", "Change to group/activity"),
    ("Strategic development", r"\b(defused|dismantled|intercepted|shot down)\b", "Disrupted weapons use"),
    ("Strategic development", r"\b(looted|demolished|burned|destroyed|blew up)\b", "Looting/property destruction"),
    ("Non-violent transfer of territory", r"\b(withdrew|handed over|took over|entered|took control)\b",
     "Non-violent transfer of territory"),
    ("Strategic development", r"^Non-violent", "Other"),
]


@pytest.fixture(scope="module")
def dev_notes():
    import csv

    from conftest import DATA, need

    path = need(DATA / "acled_notes" / "dev.csv")
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.devdata
@pytest.mark.parametrize("gold, pattern, subtype", DEV_SPECS, ids=[s for _, _, s in DEV_SPECS])
def test_subtypes_on_dev_notes(nlp, reg, dev_notes, gold, pattern, subtype):
    import re
    from datetime import datetime

    hits = [r for r in dev_notes if r["event_type"] == gold and re.search(pattern, r["notes"], re.I)][:10]
    assert hits, f"no dev note for {subtype}"
    right = 0
    for r in hits:
        first = next(nlp(r["notes"]).sents)
        when = datetime.strptime(r["event_date"], "%d-%b-%y").date()
        p = primary_event(detect_events(first, when=when, registry=reg, country=r["country"]))
        right += bool(p and p.sub_event_type == subtype)
    assert right / len(hits) >= 0.6, f"{subtype}: {right}/{len(hits)}"


# Sub-types the 2018 dev notes cannot select by class (they post-date it or are rare there): checked on
# short written sentences, each exercising the mechanism (trigger + actor types), not a keyword.
@pytest.mark.parametrize(
    "text, country, subtype",
    [
        ("Israeli forces shot dead two Palestinian protesters during demonstrations near the border fence.",
         None, "Excessive force against protesters"),
        ("Police used tear gas to disperse hundreds of demonstrators in the capital.", "Iraq",
         "Protest with intervention"),
        ("Palestinian protesters threw stones at Israeli forces near the checkpoint.", None, "Violent demonstration"),
        ("A mob attacked and burned the house of a man accused of blasphemy.", "Pakistan", "Mob violence"),
        ("Government warplanes dropped chlorine gas canisters on the town.", "Syria", "Chemical weapon"),
        ("A suicide bomber blew himself up at a checkpoint, killing three soldiers.", "Iraq", "Suicide bomb"),
        ("Gunmen threw a hand grenade at a police patrol in the market.", "Iraq", "Grenade"),
        ("Militiamen raped two women in the village.", "Sudan", "Sexual violence"),
        ("Gunmen abducted two aid workers in the town.", "Yemen", "Abduction/forced disappearance"),
        ("The army established a new military base near the border crossing.", "Syria",
         "Headquarters or base established"),
    ],
)
def test_written_sentences_for_rare_subtypes(nlp, text, country, subtype):
    assert primary_event(events(nlp, text, country=country)).sub_event_type == subtype
