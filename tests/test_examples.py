"""The bundled example corpus (``examples/``) reads cleanly into Documents.

The demo (`make run`) and the later stages rely on it, so every file must parse
with its title, date, outlet and body, and comment threads must stay apart from
the articles. Expected values are read from each file by an independent, simpler
route (XML/HTML parsing, the JSON fields, the bullet lines) rather than written
into the test.
"""

from __future__ import annotations

import csv
import email.utils
import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

import pytest
from lxml import etree, html

from frontlines.document import Document, normalise_text
from frontlines.ingest import IngestOptions, iter_inputs

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
REPORTS = EXAMPLES / "reports"
FILES = sorted(p for p in REPORTS.iterdir() if p.is_file() and not p.name.startswith("."))
BULLET = re.compile(r"^( *)[•*\-] (\S.*)$")
META = re.compile(r"^(Source|Published|URL): (\S.*)$")


@pytest.fixture(scope="module")
def parsed() -> dict[Path, list[Document]]:
    """Each example file -> the Documents it yields; any BadInput fails here with its reason."""
    out: dict[Path, list[Document]] = {}
    for path in FILES:
        docs = []
        for item in iter_inputs([path], IngestOptions()):
            assert isinstance(item, Document), f"{path.name} was refused: {item}"
            docs.append(item)
        out[path] = docs
    return out


def _all(parsed) -> list[Document]:
    return [d for docs in parsed.values() for d in docs]


def _outlets() -> dict[str, dict[str, str]]:
    with (EXAMPLES / "sources.csv").open(encoding="utf-8", newline="") as fh:
        return {row["name"]: row for row in csv.DictReader(fh)}


def _outlet_of(doc: Document, outlets: dict[str, dict[str, str]]) -> str | None:
    """The source-list row a document belongs to: by outlet name, else by the domain of its URL.

    A feed's channel title ("Meridian Wire: Syria") is not always the outlet's
    name, which is why the source list carries domains.
    """
    if doc.source in outlets:
        return doc.source
    host = urlparse(doc.url or "").hostname or ""
    return next(
        (n for n, row in outlets.items() if host == row["domain"] or host.endswith("." + row["domain"])), None
    )


# -- what each file declares, read the simple way --------------------------------------------------


def _declared_html(path: Path) -> dict:
    tree = html.fromstring(path.read_bytes())

    def meta(prop: str) -> str:
        return tree.xpath(f'//meta[@property="{prop}" or @name="{prop}"]/@content')[0]

    comments = []
    for li in tree.xpath('//ol[contains(@class, "commentlist")]//li[contains(@class, "comment")]'):
        depth = len(li.xpath('ancestor::ol[contains(@class, "children")]'))
        author = " ".join(li.xpath('./article//*[contains(@class, "fn")]')[0].text_content().split())
        stamp = datetime.fromisoformat(li.xpath("./article//time/@datetime")[0])
        comments.append((author, depth, stamp.astimezone(UTC).replace(tzinfo=None)))
    return {
        "title": meta("og:title"),
        "source": meta("og:site_name"),
        "published": date.fromisoformat(meta("article:published_time")[:10]),
        "paragraphs": [
            " ".join(p.text_content().split()) for p in tree.xpath('//div[@class="entry-content"]/p')
        ],
        "outside": [" ".join(e.text_content().split()) for e in tree.xpath("//aside | //footer | //form")],
        "comments": comments,
    }


def _declared_text(path: Path) -> dict:
    lines = path.read_text(encoding="utf-8").splitlines()
    head = {m.group(1).lower(): m.group(2) for ln in lines if (m := META.match(ln))}
    from dateutil import parser

    bullets = [(m.group(2), len(m.group(1))) for ln in lines if (m := BULLET.match(ln))]
    indents = sorted({i for _, i in bullets})
    return {
        "title": lines[0].partition(" | ")[0],
        "source": head["source"],
        "published": parser.parse(head["published"]).date(),
        "comments": [(name, indents.index(i)) for name, i in bullets],
    }


def _declared_feed(path: Path) -> list[dict]:
    root = etree.parse(str(path)).getroot()
    ns = {"content": "http://purl.org/rss/1.0/modules/content/"}
    out = []
    for item in root.iter("item"):
        body = html.fromstring(item.findtext("content:encoded", namespaces=ns))
        out.append(
            {
                "guid": item.findtext("guid"),
                "title": item.findtext("title"),
                "published": email.utils.parsedate_to_datetime(item.findtext("pubDate")).date(),
                "paragraphs": [" ".join(p.text_content().split()) for p in body.iter("p")],
            }
        )
    return out


def _declared_jsonl(path: Path) -> list[dict]:
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


# -- tests -----------------------------------------------------------------------------------------


def test_corpus_has_every_format():
    suffixes = {p.suffix for p in FILES}
    assert {".txt", ".html", ".rss", ".jsonl"} <= suffixes
    assert not (REPORTS / "README.md").exists(), "the corpus description must not be ingested as a report"


def test_the_directory_make_run_reads(parsed):
    """``make run`` hands the whole folder over: the same documents, nothing refused, nothing extra."""
    items = list(iter_inputs([REPORTS], IngestOptions()))
    refused = [str(i) for i in items if not isinstance(i, Document)]
    assert not refused
    assert sorted(d.doc_id for d in items) == sorted(d.doc_id for d in _all(parsed))


def test_every_document_has_title_date_source_and_body(parsed):
    outlets = _outlets()
    docs = _all(parsed)
    assert all(parsed[p] for p in FILES), "every example file yields at least one document"
    for d in docs:
        where = f"{d.source_id} ({d.reader})"
        assert d.title and d.title.strip(), where
        assert d.published is not None and date(2016, 11, 1) <= d.published <= date(2016, 12, 31), where
        assert _outlet_of(d, outlets), f"{where}: outlet {d.source!r} ({d.url}) matches no row of sources.csv"
        assert len(d.paragraphs) >= 4, f"{where}: {len(d.paragraphs)} body paragraphs"
        assert all(p.strip() for p in d.paragraphs), where
    assert len({d.doc_id for d in docs}) == len(docs), "no two reports may collapse to one doc_id"
    assert len({_outlet_of(d, outlets) for d in docs}) >= 5


def test_html_page_matches_its_markup(parsed):
    for path in (p for p in FILES if p.suffix == ".html"):
        want = _declared_html(path)
        (doc,) = parsed[path]
        assert doc.title == want["title"]
        assert doc.source == want["source"]
        assert doc.published == want["published"]
        body = normalise_text(doc.body)
        for para in want["paragraphs"]:
            assert normalise_text(para) in body, f"article paragraph missing: {para[:60]}"
        for boiler in want["outside"]:
            assert normalise_text(boiler)[:40] not in body, f"page furniture in the body: {boiler[:60]}"
        assert [(c.author, c.depth) for c in doc.comments] == [(a, dep) for a, dep, _ in want["comments"]]
        assert max(c.depth for c in doc.comments) == 2, "three levels of replies"
        for c, (_, _, stamp) in zip(doc.comments, want["comments"], strict=True):
            # time zones are the reader's convention; the time of day must survive, not just the date
            assert c.posted is not None and abs(c.posted - stamp) <= timedelta(hours=14), (
                c.id,
                c.posted,
                stamp,
            )


def test_text_pages_match_their_bullets(parsed):
    for path in (p for p in FILES if p.suffix == ".txt"):
        want = _declared_text(path)
        (doc,) = parsed[path]
        assert doc.title == want["title"]
        assert doc.subtitle, "the deck after ' | '"
        assert doc.source == want["source"]
        assert doc.published == want["published"]
        assert doc.byline and doc.author_bio
        assert [(c.author, c.depth) for c in doc.comments] == want["comments"]


def test_feed_items_are_full_text_documents(parsed):
    for path in (p for p in FILES if p.suffix in {".rss", ".atom", ".xml"}):
        want = _declared_feed(path)
        docs = parsed[path]
        assert [d.source_id for d in docs] == [w["guid"] for w in want]
        for d, w in zip(docs, want, strict=True):
            assert d.title == w["title"]
            assert d.published == w["published"]
            assert [normalise_text(p) for p in d.paragraphs] == [normalise_text(p) for p in w["paragraphs"]]


def test_jsonl_rows_keep_their_fields(parsed):
    for path in (p for p in FILES if p.suffix == ".jsonl"):
        want = _declared_jsonl(path)
        docs = parsed[path]
        assert [d.source_id for d in docs] == [w["id"] for w in want]
        for d, w in zip(docs, want, strict=True):
            assert (d.title, d.source, d.url) == (w["title"], w["source"], w["url"])
            assert d.published == date.fromisoformat(w["date"])
            assert normalise_text(" ".join(d.paragraphs)) == normalise_text(" ".join(w["text"].split("\n\n")))


def test_comment_threads_are_well_formed(parsed):
    pages = [d for p in FILES if p.suffix in {".txt", ".html"} for d in parsed[p]]
    assert pages
    for d in pages:
        assert len(d.comments) >= 5, d.source_id
        by_id = {}
        for c in d.comments:
            assert c.author and c.text.strip(), (d.source_id, c.id)
            if c.parent_id is None:
                assert c.depth == 0
            else:
                parent = by_id[c.parent_id]  # parents come before their replies
                assert c.depth == parent.depth + 1
            by_id[c.id] = c
        assert sum(c.depth == 0 for c in d.comments) >= 2
        if d.reader == "text":
            assert any("\n\n" in c.text for c in d.comments), "multi-paragraph comments keep their paragraphs"


def test_no_comment_text_in_any_body(parsed):
    docs = _all(parsed)
    bodies = [normalise_text(d.body) for d in docs] + [normalise_text(d.author_bio or "") for d in docs]
    for d in docs:
        for c in d.comments:
            for para in c.text.split("\n\n"):
                piece = normalise_text(para)[:80]
                assert piece and not any(piece in b for b in bodies), (
                    f"comment {c.id} of {d.source_id} leaked"
                )
        comment_text = normalise_text(" ".join(c.text for c in d.comments))
        for p in d.paragraphs:
            assert normalise_text(p)[:80] not in comment_text


def test_source_list_is_consistent():
    outlets = _outlets()
    assert len(outlets) >= 5
    for name, row in outlets.items():
        assert row["partisanship"] in {"party", "third_party"}, name
        assert row["owner"], name
        assert not row["wire"] or row["wire"] in outlets, (
            f"{name} republishes an unknown wire {row['wire']!r}"
        )
    owners = [row["owner"] for row in outlets.values()]
    assert len(set(owners)) < len(owners), "at least two outlets share an owner"
    assert any(row["wire"] for row in outlets.values())


def _shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + k]) for i in range(len(words) - k + 1)}


def test_corpus_holds_a_wire_copy_and_no_other_near_duplicates(parsed):
    """Fusion's wire de-duplication needs exactly one republished pair; every other pair is distinct prose."""
    docs = _all(parsed)
    outlets = _outlets()
    near = []
    for i, a in enumerate(docs):
        for b in docs[i + 1 :]:
            sa, sb = _shingles(a.body), _shingles(b.body)
            if len(sa & sb) / len(sa | sb) > 0.6:
                near.append((a, b))
    assert len(near) == 1
    a, b = (_outlet_of(d, outlets) for d in near[0])
    assert b in outlets[a]["wire"] or a in outlets[b]["wire"], (a, b)
