"""Extraction is a function of its inputs: a gazetteer left set for the process does not change it.

WHY: ``use_geocoder`` sets the gazetteer the place finder consults for the whole
process (the evaluations set one with ACLED's places). The finder used to read
that setting during extraction, so an in-process run after an evaluation (a
notebook, ``serve --watch``, the test suite) stored other mentions than a fresh
``frontlines run`` on the same input. Extraction now hands the finder its own
gazetteer (the store's, else the shipped one).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path

import pytest

from frontlines.geo import Geocoder
from frontlines.geo.gazetteer import PLACE, Entry, Gazetteer
from frontlines.ingest import ingest
from frontlines.nlp.extract import extract_many
from frontlines.nlp.places import use_geocoder

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "reports"

pytest.importorskip("frontlines.nlp.events")


def _dump(pairs) -> list[str]:
    return [json.dumps({"doc": d.doc_id, **asdict(m)}, default=str, sort_keys=True) for d, ms in pairs for m in ms]


def _odd_layer(docs) -> Gazetteer:
    """A user layer that makes a town of every capitalised word of the texts: a gazetteer that changes
    which names are places, so a finder consulting it finds other places."""
    words = sorted({w for d in docs for p in d.paragraphs for w in re.findall(r"\b[A-Z][a-z]{3,}\b", p)})
    return Gazetteer([Entry(entry_id=f"odd:{w}", name=w, source="odd", feature_code="PPL", level=PLACE,
                            country_code="SY", admin1="Odd", parent=None, latitude=35.0 + k * 1e-4,
                            longitude=38.0, population=5000, alt_names=[]) for k, w in enumerate(words)],
                     name="odd")


def test_a_process_wide_gazetteer_does_not_change_extraction():
    docs = ingest([EXAMPLES])
    plain = _dump(extract_many(docs))
    geocoded = _dump(extract_many(docs, geocoder=Geocoder()))
    odd = _odd_layer(docs)
    # the perturbation matters: a finder that consults the odd layer finds other mentions
    with_odd = _dump(extract_many(docs, geocoder=Geocoder(layers=[odd])))
    assert with_odd != geocoded
    use_geocoder(Geocoder(layers=[odd]))  # what an evaluation leaves behind
    try:
        assert _dump(extract_many(docs)) == plain
        assert _dump(extract_many(docs, geocoder=Geocoder())) == geocoded
    finally:
        use_geocoder(None)
    assert plain and geocoded, "the examples yield mentions: the comparison is not empty"
