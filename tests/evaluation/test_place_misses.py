"""The acled-location miss categorisation agrees with the evaluator it explains."""

from __future__ import annotations

from frontlines.evaluation.geo import evaluate_acled_location
from frontlines.evaluation.place_misses import CATEGORIES, categorise


def test_categories_cover_every_note_and_ok_is_the_within_5km_figure(data_dir):
    path = data_dir / "acled_notes" / "dev.csv"
    counts, records = categorise(path, every=64)
    result = evaluate_acled_location(path, every=64)
    assert sum(counts.values()) == len(records) == result["n"]
    assert set(counts) <= set(CATEGORIES)
    assert round(counts["ok"] / result["n"], 4) == result["figures"]["within_5km"]
    for rec in records:
        if rec["category"] != "ok":
            assert rec["km"] is None or rec["km"] > 5  # a miss is a miss
            assert "mentions" in rec and "near" in rec
        if rec["category"] == "absent":
            assert rec["near"] == []
