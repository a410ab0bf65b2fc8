"""Typing the happening that caused the deaths a sentence reports (paraphrased FA-KES / ACLED dev sentences).

FA-KES codes each article by the cause of the deaths it reports, ACLED by the
weapon: the weapon or method a sentence names must win over the generic words
around it ("attacks", "targeting", "killed"), and background (a war's running
toll, how the war began) must not become an event.
"""

from __future__ import annotations

import pytest

from frontlines.nlp.events import detect_events
from frontlines.nlp.pipeline import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(components=False)


def subtypes(nlp, text):
    return [c.sub_event_type for c in detect_events(nlp(text)[:])]


def test_a_weapon_in_the_attack_phrase_types_the_attack(nlp):
    # "rocket fire on X killed": the fire is the rocket's, not an armed clash
    assert subtypes(nlp, "Rebel rocket fire on a government-held district of Aleppo killed five children, "
                         "a monitoring group said.") == ["Shelling/artillery/missile attack"]
    assert subtypes(nlp, "Two civilians died and nine were hurt on Sunday in attacks with mortar shells on "
                         "residential areas of the city.") == ["Shelling/artillery/missile attack"]


def test_targeting_by_aircraft_is_the_strike_even_when_the_strike_killed(nlp):
    subs = subtypes(nlp, "Activists say airstrikes by the US-led coalition targeting areas held by the Islamic "
                         "State group have killed at least 19 civilians.")
    assert subs == ["Air/drone strike"]


def test_headline_capitals_do_not_turn_air_strikes_into_labour_strikes(nlp):
    subs = subtypes(nlp, "Twenty Killed in Syrian Strikes on Suburb Town")
    assert "Peaceful protest" not in subs and "Air/drone strike" in subs


def test_a_bomber_on_the_ground_is_not_an_aircraft(nlp):
    assert subtypes(nlp, "A motorcycle bomber killed 12 people outside a bakery in Hasakeh.") == [
        "Remote explosive/landmine/IED"]
    assert subtypes(nlp, "Suicide bombers struck near a shrine south of the capital, leaving 18 people dead.") == [
        "Suicide bomb"]
    # with no aircraft about, a bombing that "struck" a crowd is a bomb, not an air strike
    assert subtypes(nlp, "A double bombing struck a crowd in a Kurdish town on Wednesday, killing 40 people.") == [
        "Remote explosive/landmine/IED"]


def test_executions_are_attacks_even_of_fighters_and_beside_a_capture(nlp):
    assert subtypes(nlp, "Jihadists of the Islamic State have executed three officers of the Free Syrian Army, "
                         "a monitor said.") == ["Attack"]
    subs = subtypes(nlp, "Islamic State militants executed 20 civilians after seizing the village.")
    assert "Attack" in subs and "Non-state actor overtakes territory" in subs
    c = next(c for c in detect_events(nlp("Islamic State militants executed 20 civilians after seizing the "
                                          "village.")[:]) if c.sub_event_type == "Attack")
    assert c.trigger == "executed"


def test_the_weapon_of_a_real_killing_survives_the_frame_around_its_noun(nlp):
    # the resolution is hypothetical; the chemical attack "which killed 1,400" is reported as fact
    assert subtypes(nlp, "The resolution would include a condemnation of the chemical weapons attack near "
                         "Damascus which killed more than 1400 people.") == ["Chemical weapon"]
    assert subtypes(nlp, "The resolution would include a condemnation of the August chemical weapons attack on the "
                         "outskirts of Damascus which Washington says came from government forces and killed more "
                         "than 1400 people.") == ["Chemical weapon"]
    # a chemical massacre is a chemical attack
    assert "Chemical weapon" in subtypes(nlp, "He said the government was behind a chemical massacre near "
                                              "Damascus that killed hundreds.")


def test_a_wars_running_toll_and_its_origin_are_background(nlp):
    assert subtypes(nlp, "More than 290000 people have been killed since the conflict erupted in 2011.") == []
    assert subtypes(nlp, "The civil war that has killed more than 100000 people shows no sign of ending.") == []
    assert "Peaceful protest" not in subtypes(
        nlp, "The war began with the repression of anti-government protests in 2011.")
    # an event's own killing stays
    assert subtypes(nlp, "Shelling killed 30 people in Aleppo on Monday.") == ["Shelling/artillery/missile attack"]


def test_captured_people_and_a_demonstration_of_something_are_not_events(nlp):
    subs = subtypes(nlp, "Government shelling of the town killed 31 people after militants killed a captured "
                         "regime pilot.")
    assert subs == ["Shelling/artillery/missile attack"]
    subs = subtypes(nlp, "The toll from air strikes on the market town rose to 61, a demonstration of how fragile "
                         "the truce zones are.")
    assert subs == ["Air/drone strike"]


def test_what_an_actor_is_or_was_is_not_an_event(nlp):
    # "a coalition fighting IS" describes the actor; the strike is the event
    assert subtypes(nlp, "An air strike on Tuesday by a US-led coalition fighting Daesh mistakenly killed 18 members "
                         "of the Syrian Democratic Forces.") == ["Air/drone strike"]
    # an alliance "battling to take control" of a city is who holds the areas the strikes hit
    assert subtypes(nlp, "Syrian and Russian warplanes launched a wave of air strikes in northern Syria killing dozens "
                         "in areas held by a rebel alliance battling to take control of Aleppo.") == ["Air/drone strike"]
    # the victim of an execution described as once kidnapped: one execution, no new abduction
    assert subtypes(nlp, "The group on Sunday claimed to have executed an American aid worker kidnapped in Syria.") == [
        "Attack"]
    # a convoy "waiting to enter" a city has not entered it
    assert subtypes(nlp, "A bomb blast hit a bus convoy waiting to enter Aleppo on Saturday, killing at least 100.") == [
        "Remote explosive/landmine/IED"]


def test_crowd_control_means_make_clashes_a_riot(nlp):
    # ACLED 2018 codes these Riots/Protests: forces firing tear gas and rubber bullets face a crowd, not an army
    for text in (
        "A Palestinian was shot and injured with live ammunition during clashes that broke out with Israeli forces "
        "in the town of Salem.",
        "Three Palestinians were hurt by rubber-coated bullets amid clashes that erupted near the settlement.",
    ):
        assert subtypes(nlp, text) == ["Violent demonstration"], text
    # suffocation from tear gas is not a chemical weapon
    assert "Chemical weapon" not in subtypes(
        nlp, "Several Palestinians were injured by rubber-coated steel bullets while others suffered suffocation "
             "from tear gas during clashes near Nablus.")
    # fighting between armed groups stays a battle
    assert subtypes(nlp, "Clashes broke out between the army and Islamic State fighters near Deir ez-Zor.") == [
        "Armed clash"]


def test_residents_attacking_a_checkpoint_riot(nlp):
    assert subtypes(nlp, "Tens of residents of the town attacked a checkpoint of the Syrian Democratic Forces.") == [
        "Mob violence"]


def test_carrying_out_a_strike_is_not_an_execution(nlp):
    assert subtypes(nlp, "The significant airstrikes tonight were executed to deny Daesh the ability to move "
                         "weapons, a spokesman said.") == ["Air/drone strike"]
    assert subtypes(nlp, "Militants executed two captured soldiers in the town square.") == ["Attack"]


def test_a_placeless_summary_gives_its_figures_to_the_placed_event():
    from frontlines.mention import Count, EventMention
    from frontlines.nlp.extract import _consolidate

    def m(i, placed, counts):
        return EventMention(mention_id=str(i), doc_id="d", source_id="s", event_type="Explosions/Remote violence",
                            sub_event_type="Air/drone strike", sentence=i, section="body", has_own_place=placed,
                            counts=counts)

    lead = m(0, False, [Count("fatalities", 30, "Thirty")])
    strike = m(1, True, [])
    out = _consolidate([lead, strike])
    assert out == [strike] and strike.fatalities == 30
    # a placed event keeps its own figure
    lead2, strike2 = m(0, False, [Count("fatalities", 30, "Thirty")]), m(1, True, [Count("fatalities", 12, "12")])
    assert _consolidate([lead2, strike2])[0].fatalities == 12
