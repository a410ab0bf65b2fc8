"""The trie alternation must match exactly what the longest-first alternation of the same words matches."""

from __future__ import annotations

import random
import re

import pytest

from frontlines.nlp.actors import ActorRegistry
from frontlines.nlp.word_trie import trie_alternation

# the actor registry's own word boundaries, a lookahead that makes the regex backtrack into the words
_B, _E = r"(?<![\w])", r"(?![\w]|-(?!(?:planted|laid|fired|held|controlled|claimed|run)\b))"


def _sorted_alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _both(words, template: str = "{}"):
    return (re.compile(template.format(_sorted_alternation(words))),
            re.compile(template.format(trie_alternation(words))))


def _spans(pattern: re.Pattern, text: str) -> list:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def test_longest_word_wins_and_backtracks_to_a_shorter_one():
    old, new = _both(["al", "al-nusra", "al-nusra front", "nusra"], _B + "(?:{})" + _E)
    for text in ("the al-nusra front said", "al-nusra fronts", "al-nusra-held town", "al-nusra-planted mine",
                 "al nusra", "nusra and al"):
        assert _spans(new, text) == _spans(old, text), text
    # "fronts" is no word here, so the lookahead backs off to "al-nusra"; "-held" keeps the actor whole
    assert [m.group(0) for m in new.finditer("the al-nusra front, al-nusra fronts, al-nusra-held al")] == [
        "al-nusra front", "al-nusra", "al-nusra", "al"]


def test_named_groups_and_special_characters():
    words = ["u.s.", "u.s. forces", "(isis)", "isis", "a+b", "a"]
    old, new = _both(words, r"(?P<w>{})\s+(?P<role>forces|troops)")
    text = "u.s. forces and u.s. forces troops, (isis) troops, isis forces, a+b troops, a troops"
    assert _spans(new, text) == _spans(old, text)
    assert _spans(new, text)


def test_same_matches_as_the_sorted_alternation_on_random_words():
    rng = random.Random(7)
    alphabet = "ab- "
    words = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6))).strip() for _ in range(60)} - {""}
    old, new = _both(words, _B + "(?:{})" + _E)
    for _ in range(300):
        text = "".join(rng.choice(alphabet + "c") for _ in range(40))
        assert _spans(new, text) == _spans(old, text), text


def test_one_word_and_a_word_that_prefixes_another():
    assert re.fullmatch(trie_alternation(["ypg"]), "ypg")
    pattern = re.compile(trie_alternation(["is", "isis"]))
    assert [m.group(0) for m in pattern.finditer("isis is")] == ["isis", "is"]


@pytest.mark.parametrize("attr", ["_aliases", "_role_words", "_demonym_lc"])
def test_registry_words_match_as_before(attr):
    """The shipped registry's ~1,400 aliases, its role words and demonyms, on text naming many of them."""
    reg = ActorRegistry.default()
    words = getattr(reg, attr)
    rng = random.Random(3)
    sample = rng.sample(sorted(words), min(200, len(words)))
    text = " ".join(w + rng.choice([" ", "-held ", "-planted ", "s ", ", ", "x "]) for w in sample)
    old, new = _both(words, _B + "(?:{})" + _E)
    found = _spans(new, text)
    assert found == _spans(old, text)
    assert len(found) >= len(sample) // 2
