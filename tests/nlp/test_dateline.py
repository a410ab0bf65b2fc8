"""The one dateline reader: the wire forms it reads, and what it refuses."""

from __future__ import annotations

import pytest

from frontlines.nlp.dateline import read_dateline


@pytest.mark.parametrize("text, place, rest", [
    ("ALEPPO, Syria (Shahba Voice) — Rebels said on Thursday", "ALEPPO", "Rebels said"),
    ("BEIRUT (AP) – Syrian troops advanced", "BEIRUT", "Syrian troops"),
    ("BAGHDAD -- A car bomb exploded near a market", "BAGHDAD", "A car bomb"),
    ("NAGANO, Japan, March 22 (AFP) - Two skaters", "NAGANO", "Two skaters"),
    ("CHENNAI: Two businessmen went missing", "CHENNAI", "Two businessmen"),
    ("RAS AL AIN, Syria — Turkish-backed fighters", "RAS AL AIN", "Turkish-backed"),
    ("BOULOGNE-SUR-MER, France (AP) __ Two men", "BOULOGNE-SUR-MER", "Two men"),
])
def test_reads_wire_datelines(text, place, rest):
    line = read_dateline(text)
    assert line is not None and line.place == place
    assert text[line.place_start:line.place_end] == place
    assert text[line.end:].lstrip().startswith(rest)


@pytest.mark.parametrize("text", [
    "A U.S.-led coalition air strike killed ten militants",   # capitals inside a sentence, a hyphen unspaced
    "US-led forces captured more than half of the suspects",
    "Rebels shelled Aleppo on Monday - residents said",
    "FALLUJAH, west of Baghdad On the third day",              # no separator: not a dateline
])
def test_refuses_what_is_not_a_dateline(text):
    assert read_dateline(text) is None
