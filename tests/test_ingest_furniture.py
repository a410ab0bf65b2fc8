"""Site furniture inside an article body (issue 11, trafilatura's evaldata): recognised by shape, prose kept."""

from __future__ import annotations

import pytest

from frontlines.ingest import IngestOptions
from frontlines.ingest.furniture import is_furniture, without_furniture
from frontlines.ingest.html import parse_page


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Ceasefire talks stall in the capital",
        "MORE: Map shows the scale of the latest missile barrage",
        "Lea también: Impiden ingreso al país a dos reporteros",
        "LE PUEDE INTERESAR: La ficha del exministro en el tribunal",
        "Lesen Sie hier: Gefechte an der Grenze gehen weiter",
        "À lire aussi » Les négociations reprennent à Genève",
        "Czytaj też: Wojsko wycofuje się z miasta",
        "Subscribe now to our e-edition for the full story.",
        "Sign up to get the best reporting of the week, as picked by the editors.",
        "Follow The Courier on Twitter and Instagram @thecourier.",
        "Get The Daily Ledger's morning edition by email and never miss our top stories Free Sign Up",
        "© 2022, Example News. This article is the copyrighted property of Example News.",
        "Crédits photos : Agence Exemple",
        "Titelbild: Max Mustermann/Agentur",
        "(Credit: Jane Doe / Wire)",
        "Contenido Relacionado",
        "Schon gelesen?",
        "Das könnte Sie auch interessieren:",
    ],
)
def test_furniture_lines(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Rebels shelled the market on Tuesday, killing four people, officials said.",
        # Prose that mentions the same words is reported text, not a call to the reader.
        "The militia's channel urged its followers to subscribe before the offensive. Within a day it had "
        "tens of thousands of new members, and the army said it was monitoring the posts closely.",
        "Read more about the siege in the UN report, which documents 42 air strikes on the city in March, "
        "including three on hospitals and one on a school where displaced families were sheltering.",
        "Troops follow the river on foot towards the border.",
        "Source: two officials told the agency that the convoy had been stopped near the checkpoint, "
        "and that the drivers were held overnight before being released without charge.",
        "Weitere Kämpfe wurden aus dem Süden gemeldet.",
        # "more" is a cue only with its colon: prose that opens on it stays.
        "More than 40 people were killed when militants stormed the village, officials said.",
        "More troops: the ministry said 2,000 soldiers would be sent to the border region this week, after "
        "two days of clashes with the militia that left the main road closed.",
    ],
)
def test_prose_is_not_furniture(line):
    assert not is_furniture(line)


def test_headlines_listed_under_a_label_go_with_it_and_prose_after_them_stays():
    paras = [
        "Fighting resumed near the airport on Sunday, residents said.",
        "Notas relacionadas",
        "Hackers ofrecen descuento al Gobierno",
        "Grupo asegura haber atacado el Ministerio de Hacienda",
        "The defence ministry denied the report and said the runway was under its control.",
    ]
    assert without_furniture(paras) == [paras[0], paras[4]]


def test_a_page_loses_its_furniture_and_keeps_its_report():
    story = ("Government forces retook the northern crossing on Monday after two days of fighting, "
             "the regional governor said, adding that 12 soldiers had been killed.")
    second = ("Aid agencies said hundreds of families had fled towards the coast overnight, and that "
              "roads out of the town remained blocked by checkpoints and damaged bridges.")
    page = f"""<html lang="en"><head><title>Forces retake crossing</title></head><body><article>
      <h1>Forces retake northern crossing</h1>
      <p>{story}</p>
      <p>Read more: Governor says the offensive will continue</p>
      <p>{second}</p>
      <p>Subscribe now to our e-edition for the full story.</p>
      <p>© 2024 The Example Courier. All rights reserved.</p>
    </article></body></html>"""
    doc = parse_page(page, "crossing.html", IngestOptions())
    assert doc.paragraphs == [story, second]


_SUMMARY = "Government forces retook the northern crossing after two days of fighting, the governor said."
_STORY = ("Troops entered the crossing at dawn on Monday, the regional governor said, after two days of "
          "fighting in which 12 soldiers were killed and the northern road was closed to civilians.")


def _summary_page(description: str, caption: str = "") -> str:
    return f"""<html lang="en"><head><title>Forces retake crossing</title>
      <meta property="og:description" content="{description}"></head><body><article>
      <h1>Forces retake northern crossing</h1>{caption}<p>{_STORY}</p></article></body></html>"""


def test_the_page_summary_is_the_deck_where_the_markup_shows_none():
    doc = parse_page(_summary_page(_SUMMARY), "crossing.html", IngestOptions())
    assert doc.subtitle == _SUMMARY and doc.paragraphs == [_STORY]


def test_a_caption_with_its_credit_is_no_deck():
    caption = "<p>Soldiers at the northern crossing on Monday © Example Agency / Photo Desk Images</p>"
    doc = parse_page(_summary_page(_SUMMARY, caption), "crossing.html", IngestOptions())
    assert doc.subtitle == _SUMMARY


@pytest.mark.parametrize(
    "description",
    [
        "The Example Courier: news, sport and weather from the valley and beyond, every day of the year.",  # tagline
        "Troops entered the crossing at dawn on Monday, the regional governor said, after two days of...",  # cut off
        "Forces retake crossing",  # the headline
    ],
)
def test_a_description_that_is_no_summary_of_this_article_is_not_taken(description):
    doc = parse_page(_summary_page(description), "crossing.html", IngestOptions())
    assert doc.subtitle is None
