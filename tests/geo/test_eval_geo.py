"""The three place evaluators on small inputs in their real formats."""

from __future__ import annotations

import json

from frontlines.evaluation.registry import evaluate


def test_event_location_scores_pick_and_resolution(tmp_path):
    rows = [
        {"text": "Rebels captured the town of Idlib on Monday, the ministry said in Damascus.",
         "spans": [{"start": 8, "end": 16, "label": "VERB", "text": "captured"},
                   {"start": 29, "end": 34, "label": "LOCATION", "text": "Idlib"}]},
        {"text": "Police shot a man.", "spans": [{"start": 7, "end": 11, "label": "VERB", "text": "shot"}]},
        # token indices in start/end, as some rows of the real file have
        {"text": "Gunmen killed two men in Aleppo .", "tokens": [
            {"text": t, "start": s, "end": s + len(t), "id": i} for i, (t, s) in enumerate(
                [("Gunmen", 0), ("killed", 7), ("two", 14), ("men", 18), ("in", 22), ("Aleppo", 25), (".", 32)])],
         "spans": [{"start": 1, "end": 1, "token_start": 1, "token_end": 1, "label": "VERB", "text": "killed"},
                   {"start": 5, "end": 5, "token_start": 5, "token_end": 5, "label": "LOCATION", "text": "Aleppo"}]},
    ]
    p = tmp_path / "dev.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    r = evaluate("event_location", p)
    assert r["n"] == 3 and r["with_gold"] == 2
    assert r["figures"]["pick_accuracy"] == 1.0
    assert r["figures"]["resolution_rate"] == 1.0
    assert r["figures"]["no_location_agreement"] == 1.0
    # every 2nd row (the CI gate's thinning): rows 1 and 3, both with a gold location
    r = evaluate("event_location", p, every=2)
    assert r["n"] == 2 and r["with_gold"] == 2


def test_acled_location_builds_from_one_half_only(tmp_path):
    header = "data_id,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,notes\n"
    lines = []
    for k in range(40):
        lines.append(f"{k},Syria,Idleb,Ariha,Ariha,Kafr Zeita{k},35.{k:02d},36.6,1,"
                     f"Regime forces shelled Kafr Zeita{k} village in southern Idleb. No fatalities.")
    p = tmp_path / "acled.csv"
    p.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    r = evaluate("acled-location", p)
    # Each village appears once, so the evaluated half cannot find its villages in the built half.
    assert r["n"] > 0
    assert r["figures"]["within_5km"] < 0.5
    assert "half-a" in r["gazetteer"]
