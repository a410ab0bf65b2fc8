"""The corpus loader refuses malformed records with a line-naming error and counts what it holds."""

import json

import pytest

from frontlines.errors import FrontlinesError
from frontlines.nlp.corpus import load_corpus, manifest


def _write(tmp_path, recs):
    (tmp_path / "events_t.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n")


REC = {"id": "t1", "text": "Troops clashed with rebels near Goma.", "label": "Armed clash", "kind": "event",
       "country": "DR Congo", "region": "Africa", "style": "wire"}


def test_loads_and_counts(tmp_path):
    _write(tmp_path, [REC, {**REC, "id": "t2", "label": "NONE", "kind": "sport", "text": "Arsenal beat Spurs."}])
    items = load_corpus(tmp_path)
    man = manifest(items)
    assert man["per_label"] == {"Armed clash": 1, "NONE": 1}
    assert [i.is_event for i in items] == [True, False]


@pytest.mark.parametrize("bad,needle", [({"label": "Battle"}, "unknown label"), ({"region": "Mars"}, "region"),
                                        ({"text": " "}, "text")])
def test_bad_record_names_file_and_line(tmp_path, bad, needle):
    _write(tmp_path, [REC, {**REC, "id": "t2", **bad}])
    with pytest.raises(FrontlinesError, match=rf"events_t.jsonl:2: .*{needle}"):
        load_corpus(tmp_path)


def test_duplicate_id_refused(tmp_path):
    _write(tmp_path, [REC, REC])
    with pytest.raises(FrontlinesError, match="already used"):
        load_corpus(tmp_path)
