"""``frontlines eval bbc``: per-section event shares on a team-written file, and its reader's errors."""

from __future__ import annotations

import json

import pytest

from frontlines.errors import FrontlinesError
from frontlines.evaluation.registry import evaluate

MATCH = ("Rovers edged the derby 2-1 at a packed stadium on Saturday to climb to third in the league.\n\n"
         "Their striker fired the opener after ten minutes, a low shot into the corner.\n\n"
         "The visitors' captain was sent off for a second yellow card before half-time.\n\n"
         "A late penalty was saved by the goalkeeper, who dived to his left.\n\n"
         "The manager praised the fans and said the squad would keep fighting for promotion.")
REPORT = ("Gunmen on motorbikes killed at least 14 villagers in an attack on Dioura in central Mali on Sunday, "
          "local officials said.")


def test_sections_shares_and_events(tmp_path):
    path = tmp_path / "news.jsonl"
    rows = [{"id": "sport/1", "category": "sport", "title": "Rovers edge derby", "text": MATCH},
            {"id": "politics/1", "category": "politics", "title": "Villagers killed in Mali", "text": REPORT}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    res = evaluate("bbc", path)
    assert res["sections"]["sport"]["with_event"] == 0 and res["sections"]["sport"]["screened_out_share"] == 1.0
    assert res["sections"]["politics"]["with_event"] == 1 and res["sections"]["politics"]["events_per_100"] >= 100
    assert res["figures"] == {"non_conflict_quiet_share": 1.0}
    assert any(e["section"] == "politics" and e["sub_event_type"] == "Attack" for e in res["events"])


def test_bad_line_is_one_clear_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "text": "no section"}\n', encoding="utf-8")
    with pytest.raises(FrontlinesError, match=r"bad.jsonl:1: expected 'category'"):
        evaluate("bbc", path)
