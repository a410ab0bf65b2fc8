"""Actor registry: canonical names, renamed groups by date, demonym patterns, user files, unresolved actors."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date

import pytest

from conftest import DATA, need
from frontlines.nlp.actors import ActorRegistry, normalise_actor_text
from frontlines.nlp.countries import infer_country


@pytest.fixture(scope="module")
def reg() -> ActorRegistry:
    return ActorRegistry.default()


@pytest.mark.parametrize(
    "when, expected",
    [
        (date(2016, 3, 1), "Jabhat al-Nusra"),
        (date(2016, 11, 27), "Jabhat Fateh al-Sham"),
        (date(2018, 2, 1), "Hayat Tahrir al-Sham"),
    ],
)
def test_renamed_group_follows_the_date(reg, when, expected):
    ref = reg.resolve("the Nusra Front", when=when)
    assert ref.name == expected and ref.resolved and ref.inter == 2


def test_validity_boundaries_are_inclusive(reg):
    assert reg.resolve("Jabhat Fateh al-Sham", when=date(2016, 7, 28)).name == "Jabhat Fateh al-Sham"
    assert reg.resolve("Jabhat Fateh al-Sham", when=date(2017, 1, 28)).name == "Hayat Tahrir al-Sham"


@pytest.mark.parametrize(
    "text, country, name, inter",
    [
        ("the Malian army", None, "Military Forces of Mali (2021-)", 1),
        ("Kenyan police", None, "Police Forces of Kenya (2022-)", 1),
        ("the Iraqi army", None, "Military Forces of Iraq (2014-)", 1),
        ("Turkish troops", "Syria", "Military Forces of Turkey (2016-)", 8),  # state forces abroad: external
        ("Nigerian soldiers", "Nigeria", "Military Forces of Nigeria (2023-)", 1),
        ("Iranian protesters", None, "Protesters (Iran)", 6),
    ],
)
def test_demonym_patterns_cover_unlisted_countries(reg, text, country, name, inter):
    ref = reg.resolve(text, country=country)
    assert (ref.name, ref.inter, ref.resolved) == (name, inter, True)


@pytest.mark.parametrize(
    "text, country, name",
    [
        ("government forces", "Iraq", "Military Forces of Iraq (2014-)"),
        ("government forces", "Yemen", "Military Forces of Yemen (2012-)"),
        ("the coalition", "Yemen", "Operation Restoring Hope"),
        ("coalition warplanes", "Syria", "Global Coalition Against Daesh"),
        ("Islamic State militants", "Iraq", "Islamic State (Iraq)"),
        ("Islamic State militants", "Syria", "Islamic State (Syria)"),
        ("unidentified gunmen", "Lebanon", "Unidentified Armed Group (Lebanon)"),
        ("civilians", "Yemen", "Civilians (Yemen)"),
    ],
)
def test_country_hint_decides_generic_names(reg, text, country, name):
    assert reg.resolve(text, country=country).name == name


def test_unknown_actor_is_kept_verbatim(reg):
    ref = reg.resolve("the Brigade of the Silver Crescent")
    assert ref.name == "the Brigade of the Silver Crescent"
    assert not ref.resolved and ref.inter is None
    # a role word without a country is typed but not named
    gunmen = reg.resolve("gunmen")
    assert not gunmen.resolved and gunmen.inter == 3 and gunmen.name == "gunmen"


def test_find_gives_offsets_and_longest_match(reg):
    text = "Pro-Houthi forces shelled pro-Hadi troops and Saudi-led coalition warplanes struck Sanaa."
    hits = reg.find(text, country="Yemen")
    assert [text[s:e] for s, e, _ in hits] == ["Pro-Houthi forces", "pro-Hadi troops", "Saudi-led coalition warplanes"]
    assert [r.name for _, _, r in hits] == [
        "Military Forces of Yemen (2016-) Supreme Political Council",
        "Military Forces of Yemen (2012-)",
        "Operation Restoring Hope",
    ]


def test_user_extension_files_yaml_and_csv(tmp_path):
    y = tmp_path / "mine.yaml"
    y.write_text(
        "actors:\n  - name: Silver Crescent Brigade\n    inter: 3\n    country: Syria\n"
        "    aliases: [silver crescent, the crescent brigade]\n",
        encoding="utf-8",
    )
    c = tmp_path / "mine.csv"
    c.write_text("name,inter,country,aliases\nNorthern Hawks,2,Iraq,hawks of the north;northern hawks\n", encoding="utf-8")
    reg = ActorRegistry.default(extra_files=[y, c])
    assert reg.resolve("fighters of the Crescent Brigade").name == "Silver Crescent Brigade"
    hawks = reg.resolve("the Hawks of the North")
    assert (hawks.name, hawks.inter, hawks.country) == ("Northern Hawks", 2, "Iraq")
    # the shipped registry is untouched
    assert not ActorRegistry.default().resolve("silver crescent").resolved


def test_canonical_name_maps_acled_spellings(reg):
    assert reg.canonical_name("HTS: Hayat Tahrir al-Sham") == "Hayat Tahrir al-Sham"
    assert reg.canonical_name("QSD: Syrian Democratic Forces") == "Syrian Democratic Forces"
    assert reg.canonical_name("Military Forces of Syria (2000-)") == "Military Forces of Syria (2000-)"


def test_normalise_and_infer_country(reg):
    assert normalise_actor_text("the suspected \u201cregime\u201d warplanes") == "regime warplanes"
    assert normalise_actor_text("Hay'at Tahrir al-Sham's") == "hay'at tahrir al-sham"
    assert infer_country("Yemeni troops clashed with Houthi fighters near Taiz.", reg) == "Yemen"
    assert infer_country("The weather was fine.", reg) is None


def test_registry_covers_most_dev_actors(reg):
    """Most actor1 names of the ACLED dev notes are known to the registry (by canonical name or former spelling)."""
    path = need(DATA / "acled_notes" / "dev.csv")
    with path.open(newline="", encoding="utf-8") as fh:
        names = Counter(row["actor1"] for row in csv.DictReader(fh))
    known = sum(n for name, n in names.items() if reg.canonical_name(name) in {e.name for e in reg.entries}
                or name.startswith(("Civilians (", "Protesters (", "Rioters (", "Unidentified Armed Group (")))
    assert known / sum(names.values()) > 0.85


@pytest.mark.parametrize(
    "text, country",
    [
        ("Regime forces shelled Ghanto town in northern Homs.", "Syria"),
        ("Turkish forces fired artillery shells on villages near Afrin.", "Syria"),  # the place outvotes the demonym
        ("Saudi-led coalition strikes hit a car in the district of Baqim.", "Yemen"),  # scoped alias, not "Saudi"
        ("Police dispersed a rally in Tehran.", "Iran"),
        ("Shells fell on a suburb of Damascus city.", "Syria"),  # Damascus, Syria dwarfs Damascus, Maryland
        ("The weather was fine and the market was busy.", None),
    ],
)
def test_infer_country_from_places_demonyms_and_actors(reg, text, country):
    assert infer_country(text, reg) == country
