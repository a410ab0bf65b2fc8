"""The language gate: a document frontlines cannot code in its language gets no parse and no mention."""

from __future__ import annotations

from datetime import date

from typer.testing import CliRunner

from frontlines.document import Document, make_doc_id
from frontlines.ingest.language import guess_language
from frontlines.nlp.extract import extract_screened
from frontlines.nlp.screening import LANGUAGE_NOT_CODED, UNDETERMINED, codable, language_of
from frontlines.orchestrator import extract_store
from frontlines.store.mentions import load_screening

# Written for these tests. "die" is the German article; the English lexicon reads it as a death.
GERMAN = [
    "Die Polizei hat am Montag in der Innenstadt von Köln eine Demonstration gegen die Erhöhung der Mieten "
    "begleitet, an der sich nach Angaben der Veranstalter mehrere tausend Menschen beteiligten.",
    "Die Stadt will die Pläne für den Bau neuer Wohnungen noch in diesem Jahr vorlegen, sagte der "
    "Bürgermeister, der sich mit den Vertretern der Mieter treffen will.",
]
SAMPLES = {
    "fr": "Le gouvernement a présenté mardi un projet de loi sur les retraites, qui sera débattu par les "
          "députés dans les prochaines semaines, selon le ministre.",
    "es": "El presidente del país anunció este lunes un plan para reducir los precios de la energía, que "
          "según el gobierno beneficiará a millones de familias.",
    "it": "Il sindaco della città ha presentato il nuovo piano per il traffico, che secondo gli esperti non "
          "risolverà i problemi del centro storico.",
    "pt": "O governo anunciou nesta segunda-feira um pacote de medidas para a economia, que será votado pelos "
          "deputados na próxima semana.",
    "nl": "De gemeente heeft het plan voor de nieuwe brug over de rivier goedgekeurd, maar de bewoners zijn "
          "het er niet mee eens.",
    "ja": "政府は月曜日、新しい経済対策を発表した。首相は記者会見で、物価の上昇に対応すると述べた。",
    "zh": "政府星期一宣布了新的经济措施，总理在记者会上表示将应对物价上涨。",
    "en": "The government announced on Monday a package of measures for the economy, which will be voted on "
          "by the parliament next week.",
}


def _doc(paragraphs, title=None, language=None) -> Document:
    return Document(doc_id=make_doc_id(title, paragraphs), source_id="lang-test", title=title,
                    paragraphs=list(paragraphs), language=language, published=date(2024, 5, 6))


def test_guess_tells_the_languages_apart():
    for lang, text in SAMPLES.items():
        assert guess_language(text) == lang, lang
    assert guess_language(" ".join(GERMAN)) == "de"


def test_german_text_yields_no_mention_and_a_stored_language_reason(store):
    doc = _doc(GERMAN, title="Tausende demonstrieren in Köln gegen hohe Mieten", language="de")
    # without the gate the English rules do code it (the failure this gate exists for)
    ungated = next(extract_screened([doc], screening=False))
    store.add_documents([doc])
    tally = extract_store(store, progress=False)
    assert store.count("mentions") == 0
    assert tally[("_language", "de")] == 1
    (s,) = load_screening(store)
    assert s.decision == LANGUAGE_NOT_CODED and s.language == "de" and s.n_parsed == 0
    assert s.reason == "language de not coded yet"
    assert isinstance(ungated.mentions, list)


def test_declared_language_gives_way_to_the_text():
    # a CMS template declaring English on a German page, and an English page declared German
    assert language_of(_doc(GERMAN, language="en")) == "de"
    assert language_of(_doc([SAMPLES["en"]], language="de")) == "en"


def test_unknown_language_with_english_text_is_still_coded():
    doc = _doc(["Rebels shelled Kafr Nabl on Monday, killing two."], language=None)
    lang = language_of(doc)
    assert codable(lang)
    ex = next(extract_screened([doc]))
    assert ex.screening.decision != LANGUAGE_NOT_CODED and ex.mentions


def test_long_text_without_english_function_words_is_not_taken_for_english():
    # isiZulu-like words, none on any function-word list: declared "en", but not English
    text = ("ngokusho kwabahlali umphakathi wakhala ngezinkinga zamanzi kanti umasipala uthembise "
            "ukulungisa amapayipi ngokushesha ezindaweni eziningi zedolobha ")
    doc = _doc([text * 4], language="en")
    assert language_of(doc) == UNDETERMINED and not codable(UNDETERMINED)


def test_run_prints_languages_not_coded(tmp_path):
    from frontlines.cli import _register, app

    _register()
    (tmp_path / "de.txt").write_text("Mieten in Köln\n\n" + "\n\n".join(GERMAN), encoding="utf-8")
    # an ordinary business article (written for this test) whose words a conflict coder misreads
    (tmp_path / "en.txt").write_text(
        "Markets\n\nShares rose on Monday as the dollar rallied against the euro and the yen after the central "
        "bank held its rates.\n\nBank stocks led the gains, and the index closed at a two-month high.\n\n"
        "Analysts said a price war among mobile operators had hit telecoms shares last week.\n\n"
        "Bond yields fell as investors sought safer assets ahead of the inflation figures.\n\n"
        "Oil prices were steady, and gold edged lower in thin trading.", encoding="utf-8")
    res = CliRunner().invoke(app, ["run", str(tmp_path / "de.txt"), str(tmp_path / "en.txt"), "--db",
                                   str(tmp_path / "s.duckdb"), "--no-fuse", "--no-geocode", "--jobs", "1"])
    assert res.exit_code == 0, res.output
    assert "1 documents in languages not coded yet: de 1" in res.output
    assert "1 documents judged not to report events" in res.output
    assert "Peaceful protest" not in res.output  # "the dollar rallied" is no demonstration
