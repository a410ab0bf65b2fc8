"""RSS 2.0 and Atom: one Document per item, guid as source_id, sanitised bodies, bad feeds quarantined."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from frontlines.errors import BadInput
from frontlines.ingest import iter_inputs

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"


def _split(path):
    outs = list(iter_inputs([path]))
    return [o for o in outs if not isinstance(o, BadInput)], [o for o in outs if isinstance(o, BadInput)]


def test_rss_items_become_documents():
    docs, bad = _split(FIXTURES / "wire.rss")
    assert [d.source_id for d in docs] == ["wire-2016-12-01-0042", "https://wire.example.net/2016/12/02/talks",
                                           "wire-empty"]
    first = docs[0]
    assert first.reader == "feed" and first.source == "Eastern Wire" and first.byline == "Staff reporter"
    assert first.published == date(2016, 12, 1) and first.published_from == "feed"
    assert first.url == "https://wire.example.net/2016/12/01/water-station"
    # content:encoded is preferred over the description; scripts are sanitised away
    assert len(first.paragraphs) == 2 and "alert" not in " ".join(first.paragraphs)
    assert docs[1].paragraphs == ["Negotiators left the venue on Friday without agreeing a date for the next round.",
                                  "Both delegations blamed the other."]
    # A headline-only item (feedparser reads it as an entry) is its headline, not lost.
    assert docs[2].paragraphs == ["Headline with no body"] and not bad


def test_atom_entry():
    docs, bad = _split(FIXTURES / "desk.atom")
    assert not bad
    (d,) = docs
    assert (d.source_id, d.byline, d.published, d.language) == ("urn:uuid:entry-0001", "Leila Haddad",
                                                                 date(2016, 12, 10), "en")


def test_feed_is_sniffed_not_named(tmp_path):
    p = tmp_path / "feed.txt"
    p.write_text((FIXTURES / "desk.atom").read_text())
    docs, _ = _split(p)
    assert docs and docs[0].reader == "feed"


def test_malformed_feeds_are_bad_input(tmp_path):
    cases = {
        "cut.rss": '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a',
        "empty.rss": '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
        "garbage.xml": "<feed xmlns='http://www.w3.org/2005/Atom'><entry><<<&&&</feed>",
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text)
        outs = list(iter_inputs([tmp_path / name]))
        assert outs and all(isinstance(o, BadInput) for o in outs), name
        assert all(o.reason for o in outs)


# --- issue 11: feeds read wrongly or lost -------------------------------------------------------

def _items(path):
    outs = list(iter_inputs([path]))
    return [o for o in outs if not isinstance(o, BadInput)], [o for o in outs if isinstance(o, BadInput)]


def test_entities_in_bodies_without_tags_are_decoded():
    (doc,), bad = _items(FIXTURES / "entities.rss")
    assert not bad
    assert doc.paragraphs == ["Rebels & army clash near the dam; residents don\u2019t expect the road to reopen."]


@pytest.mark.parametrize("name, titles", [
    ("prefixed.atom", ["Shelling resumes in the east", "Market reopens"]),
    ("prefixed.rss", ["Checkpoint closed", "Bridge repaired"]),
])
def test_a_namespace_prefixed_root_is_read_as_a_feed(name, titles):
    docs, bad = _items(FIXTURES / name)
    assert not bad
    assert [d.title for d in docs] == titles and all(d.reader == "feed" for d in docs)
    assert all(len(d.paragraphs) == 1 for d in docs)  # entries are not merged into one page


def test_an_item_whose_body_is_its_title_is_kept():
    docs, bad = _items(FIXTURES / "comments.rss")
    assert not bad
    assert [d.paragraphs for d in docs] == [["Stay safe everyone"], ["Prices in the market are still double."]]


@pytest.mark.parametrize("name", ["laughs.rss", "xxe.rss"])
def test_entity_declaring_feeds_are_quarantined_with_a_reason(name):
    docs, bad = _items(FIXTURES.parent / "hostile" / name)
    assert not docs
    (b,) = bad
    assert "entities" in b.reason and "&" not in b.reason


@pytest.mark.parametrize("body, text", [("<!DOCTYPE", "<!DOCTYPE"), ("5 < 7 and rising", "5 < 7 and rising")])
def test_a_body_lxml_refuses_keeps_its_text(tmp_path, body, text):
    # lxml refuses some fragments outright ("<!DOCTYPE" alone); feedparser reads them, so must we.
    path = tmp_path / "odd.rss"
    path.write_text(f"<rss><channel><item><guid>odd-1</guid><description><![CDATA[ {body} ]]></description>"
                    "</item></channel></rss>", encoding="utf-8")
    (doc,), bad = _items(path)
    assert not bad and doc.paragraphs == [text]
