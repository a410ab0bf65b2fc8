"""Matching against a user's ACLED layer: the spellings reports use for the villages ACLED codes."""

from __future__ import annotations

from frontlines.geo import Geocoder
from frontlines.geo.gazetteer import Entry, Gazetteer
from frontlines.geo.geocoder import REGIONAL_VOWEL_SCORE, TA_MARBUTA_SCORE
from frontlines.geo.loaders import read_acled
from frontlines.mention import PlaceMention

HEADER = "data_id,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision\n"


def test_a_two_name_location_is_found_by_either_name_unless_the_first_is_a_coded_city(tmp_path):
    p = tmp_path / "acled.csv"
    p.write_text(
        HEADER
        + "1,Syria,Aleppo,Afrin,Raju,Omar - Omar Ushaghi,36.6,36.7,1\n"
        + "2,Syria,Aleppo,Jebel Saman,Jebel Saman,Aleppo,36.2,37.16,1\n"
        + "3,Syria,Aleppo,Jebel Saman,Jebel Saman,Aleppo - Hanano,36.2277,37.2032,1\n",
        encoding="utf-8")
    by_name = {e.name: e for e in read_acled(p, "acled").entries if e.level >= 4}
    assert "Omar" in by_name["Omar Ushaghi"].alt_names
    assert "Aleppo" not in by_name["Hanano"].alt_names  # a district, not a second name of Aleppo
    geo = Geocoder(default=False, layers=[Gazetteer(read_acled(p, "acled").entries)])
    assert geo.lookup("Omar")[0].entry.name == "Omar Ushaghi"


def _layer(*names: str) -> Geocoder:
    entries = [Entry(f"e{i}", nm, "acled", level=4, country_code="YE", latitude=15.0 + i, longitude=44.0)
               for i, nm in enumerate(names)]
    return Geocoder(default=False, layers=[Gazetteer(entries)])


def test_final_ta_marbuta_is_one_spelling():
    top = _layer("Saadah", "Sayada").lookup("Saada")[0]
    assert top.entry.name == "Saadah" and top.name_score == TA_MARBUTA_SCORE


def test_short_names_spelled_with_other_vowels_match_only_the_same_consonants():
    geo = _layer("Dhubab", "Dhahab")
    found = {c.entry.name: c.name_score for c in geo.lookup("Dhabab")}
    assert found.get("Dhubab") == REGIONAL_VOWEL_SCORE
    assert "Dhahab" not in found  # another consonant (h) is another name


def test_terrain_words_are_generic_beside_a_name():
    geo = _layer("Wadi al Jarah", "Mas Military Camp", "Jabal Kahbub")
    mentions = [PlaceMention("Jarah valley", "event"), PlaceMention("Mas camp", "event")]
    geo.resolve(mentions)
    assert [m.resolved.location for m in mentions] == ["Wadi al Jarah", "Mas Military Camp"]
    assert geo.lookup("Kahbub") == []  # "Jabal X" is a place of its own (Jabal Badro is an Aleppo district)


def test_el_glued_to_a_later_word_is_the_article_but_not_on_the_first():
    from frontlines.geo import names as N

    assert N.base("Orm Eljoz") == N.base("Orm al-Joz") == "orm joz"
    assert N.base("Elbistan") == "elbistan"  # a name's own first letters
