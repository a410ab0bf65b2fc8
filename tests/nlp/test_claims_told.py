"""Who told whom: the hearer of "told" and a wire dateline are never the claimant."""

from __future__ import annotations

import pytest

from frontlines.nlp.claims import find_attributions
from frontlines.nlp.pipeline import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def speakers(nlp, text):
    d = nlp(text)
    return [d[a.claimant_start:a.claimant_end].text for a in find_attributions(d) if a.claimant_start is not None]


@pytest.mark.parametrize("text, speaker", [
    ("ALEPPO, 27 November 2016 (Syria Front Report) — Army units restored security on Saturday to all of "
     "Masaken Hanano, the large housing district on the edge of Aleppo that armed groups had held since the "
     "summer of 2012, a military source told Syria Front Report.", "a military source"),
    ("The army told reporters it had taken the town.", "The army"),
    ("Rebels took the town, said the Syrian Observatory.", "the Syrian Observatory"),
])
def test_speaker(nlp, text, speaker):
    got = speakers(nlp, text)
    assert got and got[0] == speaker
    assert "Syria Front Report" not in got and "reporters" not in got
