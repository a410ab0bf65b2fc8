"""A trigger word must name one bounded happening (``nlp.occurrence``): not a type, a practice, a figure
of speech, another sense of the word, a plan, or history.

Team-written sentences in the shapes political news takes (debates, law, commentary, anniversaries), each
beside a sentence of the same shape that does report an event, so a rule that drops too much fails here.
None is taken from a measurement set.
"""

from __future__ import annotations

from datetime import date

import pytest

from .coding import sub_event_types

PUB = date(2024, 6, 1)


def subtypes(nlp, text: str, when: date | None = PUB) -> list[str]:
    return sub_event_types(nlp, text, when)


NOT_EVENTS = {
    "generic": [
        "The minister defended new powers to impose house arrest orders on suspects.",
        "Critics say detention without trial breaches human rights.",
        "The new rules replace current powers to detain suspects without trial.",
        "Such attacks only harden public opinion, the senator said.",
        "A chemical attack is the gravest danger the region faces.",
        "Residents sheltered in bomb shelters near the harbour.",
    ],
    "figurative": [
        "The rand rallied against the dollar on Tuesday after the central bank held its rates.",
        "Shares in Tokyo rallied for a third day as the yen weakened.",
        "Oil prices marched higher after the producers' meeting in Vienna.",
        "Speculators attacked the pound after the budget.",
        "The party has fought all forms of racism for decades.",
        "She attacked the way the reform was sold to voters.",
        "\"I attack my opponent politically, never personally,\" he said.",
        "The governor withdrew his comments after the backlash.",
        "The minister praised the fight against terrorism.",
        "The minister said he had been targeted by the newspaper.",
    ],
    "sense": [
        "According to local media, the council met on Tuesday.",
        "The chairman spoke to reporters before the fifth round FA Cup clash between the two London sides at "
        "Wembley on Saturday.",
        "Rangers face Aberdeen in a league clash at Ibrox on Saturday.",
        "The title battle between the two clubs goes to the final day of the season.",
        "The committee will vote on the measure in March.",
        "Two inmates committed suicide in the prison last year, the report found.",
        "Deaths in custody have reached alarming levels, a panel warned.",
        "The death toll from the fire in the apartment block rose to 12.",
        "He was expelled from the party over his remarks.",
        "Delegates from eight countries are taking part in the summit.",
        "Relief aircraft flew medicine into the flooded province.",
        "The poster was offensive to many voters.",
        "She resigned in protest over the new law.",
        "Analysts listed the potential targets of the campaign.",
    ],
    "not a conflict agreement": [
        "The ministers agreed to open talks on trade and tourism.",
        "Both governments signed a deal on fishing rights.",
        "Leaders hailed a deal bringing the country closer to membership as vital for peace and prosperity.",
        "Leaders hailed a deal bringing Turkey a step closer to EU membership.",
    ],
    "plan or hypothetical": [
        "The new law would bring in house arrest for suspects, and critics want detention scrapped.",
        "Officials said hundreds of people are plotting terror attacks.",
        "Militants might try to target the capital during the election.",
        "The opposition called for troops to be pulled out of the province.",
        "He urged a plan that includes the phased withdrawal of foreign troops.",
        "The country announced the imminent withdrawal of its troops.",
    ],
    "negated higher up": [
        "The country has not sent troops to fight in the war, officials said.",
    ],
    "state, not change": [
        "She toured areas under the control of the government.",
    ],
    "names and things": [
        "He was an airman in the Air Force before he left.",
        "The minister advocated domestic drone production.",
        "The firm makes composite materials, chemicals and fertiliser.",
        "The camera was installed to capture photos of the yard.",
    ],
    "words, not blows": [
        "The ban followed months of attacks on the agency by the prime minister.",
        "Donors urged leaders to focus on advancing a ceasefire.",
    ],
    "party politics": [
        "A Conservative MP has defected to Labour.",
        "The queen invited him to form a new government.",
    ],
    "custody as a state": [
        "Lawyers condemned the detentions at the island camp as a scandal.",
        "Prisoners detained without charge in the capital are held in two jails.",
        "The report described the conditions they faced while detained.",
        "Critics said the men were detained indefinitely.",
        "Negotiators pressed the group to free the remaining hostages.",
        "The judges ruled that detaining migrants indefinitely is unlawful.",
        "A law placing suspects under house arrest could follow.",
    ],
    "trends and notions": [
        "Officials worry about increasing attacks on clinics.",
        "The city struggles with bombings recorded weekly.",
        "The minister said death hangs over the region.",
        "The court sentenced him to death for treason.",
        "The army's offensive on the region has killed more than 9,000 people.",
        "The siege of the city has killed 4,000 people and wounded 9,000 others.",
        "The city struggles with crime, with stabbings and shootings reported weekly.",
        "Officials say smugglers have infiltrated the customs agency.",
        "The minister praised domestic missile production.",
    ],
    "what a frame, a shelter or a prevention governs": [
        "The new rules remove the risk of prisoners being tortured or shot.",
        "The party set out a plan, including the gradual withdrawal of foreign troops.",
        "He backed a new system for drone strikes.",
        "The minister decided to impose control orders on the suspects.",
        "Everyone deserves to live free from terrorist attack.",
        "Troops blocked aid from entering the town.",
        "We encourage all sides to focus on advancing a truce.",
        "An MP renewed his plea for the release of the hostage.",
    ],
    "cause and memory": [
        "Parliament passed the law in response to the bombings in the capital.",
        "Leaders will meet on the anniversary of the train bombings.",
        "The memo follows a string of attacks on the alliance by the president.",
    ],
    "history": [
        "Troops opened fire on students in the capital in 1998, killing dozens.",
        "In the 1970s, rebels attacked the garrison repeatedly.",
    ],
}

EVENTS = [
    ("Police arrested two men in Lagos on Tuesday.", "Arrests"),
    ("A suicide bomber blew himself up at a checkpoint in Mogadishu.", "Suicide bomb"),
    ("Protesters marched through Nairobi on Monday.", "Peaceful protest"),
    ("Thousands of teachers rallied outside parliament in Harare on Tuesday.", "Peaceful protest"),
    ("Market traders protested in Kano on Monday against a new levy on stalls.", "Peaceful protest"),
    ("Supporters of the jailed leader rallied against the verdict in Dhaka.", "Peaceful protest"),
    ("Demonstrators protested in March Square against the verdict.", "Peaceful protest"),
    ("Militants attacked the convoy on the highway to Kabul.", None),
    ("Two civilians died after shelling hit their home in Kharkiv.", "Shelling/artillery/missile attack"),
    ("The detention of the journalist in Minsk on Monday drew protests.", None),
    ("Security forces fought militants in Pulwama overnight.", None),
    ("Rebels and the army agreed to a ceasefire in Kidal on Monday.", "Agreement"),
    ("The rebels signed a peace deal with the government in Juba.", "Agreement"),
    ("Warplanes bombed a market in Idlib, killing 14 people.", "Air/drone strike"),
    ("A drone struck a car near Sanaa on Saturday.", "Air/drone strike"),
    ("Workers went on strike in Lagos on Tuesday.", None),
    ("Gunmen who attacked the village on Sunday would later flee to the forest.", None),
    ("Three people died after police fired on protesters in Khartoum.", None),
    ("Soldiers withdrew from the town of Bakhmut.", None),
    ("A car bomb exploded outside a police station in Mogadishu.", None),
    ("The Air Force bombed rebel positions outside the town on Tuesday.", None),
    ("Hundreds of workers protested in Dhaka over unpaid wages.", "Peaceful protest"),
    ("Government warplanes dropped chlorine gas canisters on the town.", "Chemical weapon"),
    ("Militants seized control of the border crossing on Friday.", None),
    ("Soldiers killed three militants in a raid near Mosul.", None),
    ("HTS and Ahrar al-Sham agreed to a truce in Idlib.", "Agreement"),
    ("The SDF and the Syrian government agreed on the handover of Manbij.", None),
    ("Humanitarian groups have called for investigations into the attack on the convoy near Aleppo.", None),
    ("The council will meet on Monday to discuss the bombing of the market in Kabul.", None),
    ("The dead included two children, the rescuers said after the strike on Douma.", None),
    # "claim" is a frame noun, not a frame verb; "in order to" is a purpose, not a power
    ("Pro-government forces claim to have shelled rebel positions near Taiz.", "Shelling/artillery/missile attack"),
    ("The army moved in order to retake the town of Jebel on Monday.", None),
    ("The Yemeni army claim to have taken control of the mountain of Shivan in Lahj.", None),
    # the same shapes as the states, frames and memories above, reporting what happened
    ("Police detained three students in Dhaka on Friday.", "Arrests"),
    ("Two men arrested by police in Lagos on Tuesday appeared in court.", "Arrests"),
    ("The men were detained in Kano on Monday.", "Arrests"),
    ("Gunmen took 20 hostages at a school in Beslan.", None),
    ("Heavy attacks on clinics were reported in Kandahar on Monday.", None),
    ("A mob beat a man to death in Kano on Sunday.", None),
    ("The army's offensive on the village killed 12 people on Tuesday.", None),
    ("Prisoners were tortured and shot in the camp, witnesses said.", None),
    ("The army completed its pullout, including the withdrawal of troops from the border town.", None),
    ("Rebels claimed responsibility for drone strikes on the airport.", "Air/drone strike"),
    ("Troops defended the base against an attack by militants on Sunday.", None),
    ("In response to the bombings, troops shelled rebel positions near Aleppo.", "Shelling/artillery/missile attack"),
    ("In response to clashes between rebels and troops in Khan Shaykhun, jets struck the town.", None),
    ("A train bombing killed 12 people in Madrid on Thursday.", None),
    ("The memo follows a string of attacks on the base by militants.", None),
    ("The siege of the city killed 40 people and wounded 90 on Friday.", None),
    ("Police detained two suspects in the morning; holding them was lawful, a judge said on Monday.", "Arrests"),
    ("The activist was placed under house arrest in Minsk on Monday.", "Arrests"),
    ("Fighters infiltrated the town of Palma on Wednesday.", None),
    ("A missile struck a factory in Kharkiv on Friday.", None),
    ("Troops blocked the road after rebels entered the town on Monday.", None),
    ("Rebels released two hostages in Kidal on Monday under a ceasefire deal.", None),
    # a sports contest's name is no fight; fighting at one is
    ("Police and fans clashed after the cup final in Lagos on Sunday, injuring 12 people.", None),
    ("Troops and rebels fought a fierce battle for the town of Kidal on Sunday.", "Armed clash"),
    # a year in a noun phrase names what is commemorated, not when this happened
    ("Police fired tear gas at demonstrators marking the anniversary of the 2011 uprising.", None),
]


@pytest.mark.parametrize("text", [t for ts in NOT_EVENTS.values() for t in ts])
def test_no_bounded_happening_gives_no_event(nlp, text):
    assert subtypes(nlp, text) == []


@pytest.mark.parametrize(("text", "subtype"), EVENTS)
def test_a_reported_happening_still_gives_its_event(nlp, text, subtype):
    got = subtypes(nlp, text)
    assert got, text
    if subtype:
        assert subtype in got


def test_history_needs_the_publication_date(nlp):
    """Without a publication date no year can be judged old: the event stands."""
    text = "Troops opened fire on students in the capital in 1998, killing dozens."
    assert subtypes(nlp, text, when=None)
    assert subtypes(nlp, text, when=date(1998, 6, 2))
