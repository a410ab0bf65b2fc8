"""Who is actor1: joint actors, unidentified conjuncts, and the country that role words and unnamed
perpetrators are resolved with. Sentences are paraphrases of ACLED coder notes (not copies)."""

from __future__ import annotations

from datetime import date

from frontlines.mention import ActorRef
from frontlines.nlp.actors import ActorRegistry
from frontlines.nlp.countries import infer_country, place_countries
from frontlines.nlp.events import detect_events, primary_event

WHEN = date(2018, 2, 20)
JOINT = "Allied Syrian and/or Russian Forces"
SYRIA = "Military Forces of Syria (2000-)"
SAAF = "Military Forces of Syria (2000-) Syrian Arab Air Force"


def actor1(nlp, text: str) -> str | None:
    ev = primary_event(detect_events(nlp(text)[:], when=WHEN, country="Syria"))
    return ev.actor1.name if ev and ev.actor1 else None


# --- joint actors ----------------------------------------------------------------------------------
def test_joint_actor_alone_stays_joint(nlp):
    assert actor1(nlp, "Warplanes, probably regime or Russian, raided the outskirts of Kafrsanja in southern "
                       "Idleb. No casualties reported.") == JOINT
    assert actor1(nlp, "Syrian or Russian jets struck farms near Saraqab, damaging property.") == JOINT


def test_joint_actor_yields_to_the_member_the_report_names(nlp):
    # ground forces named beside the ambiguous air strikes: the regime is actor1
    assert actor1(nlp, "Warplanes, likely regime or Russian, hit Harasta in conjunction with shelling by the Syrian "
                       "army on the same town. No fatalities reported.") == SYRIA
    # only regime helicopters named: the air force sub-unit
    assert actor1(nlp, "Syrian or Russian warplanes carried out raids while regime helicopters dropped barrel bombs "
                       "on the village of Kafr Amin. No injuries reported.") == SAAF
    # both a member and its sub-unit act: the member covers both
    assert actor1(nlp, "Syrian or Russian warplanes bombed Zamalka while regime helicopters dropped barrel bombs and "
                       "regime forces fired rockets at the town.") == SYRIA


def test_joint_actor_is_kept_as_associate(nlp):
    ev = primary_event(detect_events(nlp("Syrian or Russian warplanes struck Hamouriya while regime forces shelled "
                                         "the town.")[:], when=WHEN, country="Syria"))
    assert ev.actor1.name == SYRIA
    assert JOINT in [a.name for a in ev.assoc_actor_1]


def test_identified_member_registry_rule(reg):
    joint = reg.resolve("regime or Russian warplanes", when=WHEN, country="Syria")
    assert joint.name == JOINT
    russia = reg.resolve("Russian jets", when=WHEN, country="Syria")
    saaf = reg.resolve("regime helicopters", when=WHEN, country="Syria")
    army = reg.resolve("Syrian army", when=WHEN, country="Syria")
    rebels = reg.resolve("Syrian rebels", when=WHEN, country="Syria")
    assert reg.identified_member(joint, [rebels]) is None
    assert reg.identified_member(joint, [rebels, russia]).name == "Military Forces of Russia"
    assert reg.identified_member(joint, [saaf]).name == SAAF
    assert reg.identified_member(joint, [saaf, army]).name == SYRIA
    # an ordinary actor is no joint actor
    assert reg.identified_member(army, [saaf]) is None


def test_unidentified_conjunct_yields_to_named_one(nlp):
    assert actor1(nlp, "Warplanes and suspected regime helicopters hit the town of Tah in southeast Idleb.") == SAAF


# --- country signs -----------------------------------------------------------------------------------
def test_role_words_and_dates_are_no_country_signs(reg):
    # "security forces" is a role word, whatever entry scopes it; "Jan" is not JaN
    assert reg.countries_in("Security forces dismantled a bomb south of the city.") == []
    assert reg.countries_in("Security forces said a bomb went off on 13 Jan 2018.") == []
    assert reg.countries_in("YPG fighters shelled a village.") == ["Syria"]
    # a country's local name for its forces is a faint sign, weaker than a bare demonym
    assert [(c, w) for _, c, w in reg.country_votes("Regime forces shelled a village.")] == [("Syria", 0.75)]


def test_bigger_place_outvotes_small_namesake(reg):
    # Damascus (1.5 million) against an "Old City" of 36,000 elsewhere
    assert infer_country("Mortar shells fell on the Bab Touma area of the Old City of Damascus.", reg) == "Syria"
    assert infer_country("A bomb placed by the roadside in the Hawr Rajab area of Baghdad wounded a man.",
                         reg) == "Iraq"


def test_neighbour_across_the_border_does_not_vote(reg):
    assert infer_country("Gunmen fired on a cafe in the town of Khanaqin near the border with Iran.", reg) == "Iraq"


def test_actor_names_are_not_place_names(reg):
    # "Olive Branch" is also a town in Mississippi
    text = "Olive Branch forces took a hill overlooking the town."
    assert place_countries(text) and not place_countries(text, skip=reg.alias_spans(text))


def test_local_armed_group_outweighs_foreign_forces_demonym(reg):
    assert infer_country("Turkish military forces shelled the YPG-held village of Dakhm.", reg) == "Syria"
    assert infer_country("Israeli troops injured two Palestinians near a checkpoint.", reg) == "Palestine"


def test_joint_mention_in_context_reads_as_actor_ref():
    # identified_member only accepts resolved refs: verbatim, unknown phrases never replace the joint actor
    reg = ActorRegistry.default()
    joint = reg.resolve("Syrian or Russian warplanes", when=WHEN, country="Syria")
    unknown = ActorRef(text="Syrian army", name=SYRIA, inter=1, resolved=False)
    assert reg.identified_member(joint, [unknown]) is None


# --- phrases and roles -------------------------------------------------------------------------------
def test_force_and_its_own_unit_acting_together_is_the_force(nlp):
    assert actor1(nlp, "Regime warplanes struck while ground forces shelled the town of Kafr Batna with rockets, "
                       "injuring civilians.") == SYRIA
    assert actor1(nlp, "Regime helicopters dropped barrel bombs on the village of Tal Sultan. No fatalities "
                       "reported.") == SAAF


def test_name_among_premodifiers_beats_role_word_head(nlp):
    assert actor1(nlp, "Islamist faction fighters shelled the town of Qubbat al-Kurdi, causing damage.") == \
        "Islamist Militia (Syria)"


def test_role_word_modifying_a_body_of_fighters_is_an_actor(nlp):
    assert actor1(nlp, "The rebel and Islamic factions shelled the town of Sahm El Golan, causing no "
                       "casualties.") == "Opposition Rebels (Syria)"
    # modifying a thing it is not: "army base" names no actor
    ev = primary_event(detect_events(nlp("Houthi fighters shelled the army base near Marib.")[:], when=WHEN,
                                     country="Yemen"))
    assert ev.actor1.name == "Military Forces of Yemen (2016-) Supreme Political Council"


def test_holder_of_a_place_is_not_the_attacker(nlp):
    assert actor1(nlp, "Dozens of missiles fell on the regime-controlled town of Abu Dali in southern Idleb. "
                       "No fatalities reported.") == "Unidentified Armed Group (Syria)"


def test_opponent_named_in_with_phrase_is_not_actor1(nlp):
    assert actor1(nlp, "Following clashes with rebels, regime and IRGC-backed forces took control of Tal Shahid "
                       "in southern Aleppo.") == SYRIA


def test_foreign_ally_beside_host_state_forces_is_associate(nlp):
    text = "Russian warplanes carried out raids while regime ground forces shelled the town of Kafr Nabutha."
    ev = primary_event(detect_events(nlp(text)[:], when=WHEN, country="Syria"))
    assert ev.actor1.name == SYRIA
    assert "Military Forces of Russia" in [a.name for a in ev.assoc_actor_1]
    # alone, the foreign force is actor1
    assert actor1(nlp, "Russian warplanes struck the town of Maar Shurin, causing damage.") == \
        "Military Forces of Russia"


def test_named_state_forces_are_a_weak_sign_of_where(reg):
    # a country's local name for its forces outweighs a foreign state's forces, which often act abroad
    assert infer_country("Russian jets struck while regime forces shelled the town of Murak.", reg) == "Syria"
    # a name scoped to one war says where even against a small namesake town elsewhere
    assert infer_country("Four Saudi-led coalition air strikes hit a road in Hays district.", reg) == "Yemen"
