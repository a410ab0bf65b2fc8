"""Fuzzing every reader with generated malformed inputs (hypothesis).

Over 11,000 inputs in all (the counts are asserted, not assumed): random bytes,
mutated copies of every fixture format (truncation, flipped/inserted/deleted
bytes), structure-aware junk for HTML, feeds, tables, page dumps and WARC, and the
hostile kinds of issue 11 (namespaced feeds, entity bombs, ARC, brotli, deep nesting,
truncated gzip).
For each, ingestion must not raise, must not fall back to the last-resort
guard (``internal error``), must name every bad input with a one-line reason,
and every Document it does return must be well formed (comment parents exist
and come first, depths consistent).
"""

from __future__ import annotations

import gzip
import io
import json
import re
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from frontlines.document import Document
from frontlines.errors import BadInput
from frontlines.ingest import Capped, IngestOptions, IngestStats, read_raw
from frontlines.ingest.source import RawInput

FIXTURES = Path(__file__).parent / "fixtures"
OPTIONS = IngestOptions(max_bytes=200_000, max_decompressed_bytes=2_000_000)
_HEX = re.compile(r"^[0-9a-f]{32}$")


def _fuzz_settings(n: int):
    return settings(max_examples=n, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


def check(name: str, data: bytes) -> None:
    stats = IngestStats()
    outs = list(read_raw(RawInput(name, data), OPTIONS, stats))
    assert outs or stats.skipped, f"{name}: input vanished without a document, a reason or a skip count"
    for o in outs:
        if isinstance(o, BadInput) and not isinstance(o, Capped):
            assert o.reason and "\n" not in o.reason and "\n" not in o.input_name
            assert not o.reason.startswith("internal error"), o.reason
            assert o.input_name.startswith(name)
            continue
        if isinstance(o, Capped):
            assert o.input_name.startswith(name) and o.reason
            continue
        assert isinstance(o, Document) and _HEX.match(o.doc_id) and (o.paragraphs or o.comments)
        assert all(p.strip() for p in o.paragraphs)
        seen: dict[str, int] = {}
        for c in o.comments:
            assert c.id not in seen and c.text.strip()
            if c.parent_id is None:
                assert c.depth == 0
            else:
                assert c.parent_id in seen and c.depth == seen[c.parent_id] + 1
            seen[c.id] = c.depth
        json.dumps(o.to_dict(), default=str)


def _warc_bytes() -> bytes:
    out = io.BytesIO()
    w = WARCWriter(out, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    body = (FIXTURES / "html" / "flat-comments.html").read_bytes()
    w.write_record(w.create_warc_record("https://x.example/a", "response", payload=io.BytesIO(body), http_headers=http))
    return out.getvalue()


def _zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", (FIXTURES / "text" / "tabs.txt").read_bytes())
        zf.writestr("b.rss", (FIXTURES / "feeds" / "wire.rss").read_bytes())
    return out.getvalue()


SEEDS: dict[str, bytes] = {p.name: p.read_bytes() for p in sorted(FIXTURES.rglob("*")) if p.is_file()}
SEEDS["notes.csv"] = b'id,text,date\n1,"Shelling hit the market, residents said.",2016-12-01\n2,Quiet day.,13/12/2016\n'
SEEDS["notes.jsonl"] = b'{"id": "a", "text": "Clashes near the bridge.", "published": "2016-12-02"}\n{"id": "b"}\n'
SEEDS["crawl.warc"] = _warc_bytes()
SEEDS["crawl.warc.gz"] = gzip.compress(SEEDS["crawl.warc"])
SEEDS["bundle.zip"] = _zip_bytes()
SEEDS["page.html.gz"] = gzip.compress(SEEDS["wordpress-thread.html"])


def _arc_bytes() -> bytes:
    desc = b"1 0 Fuzz\nURL IP-address Archive-date Content-type Archive-length\n"
    page = SEEDS["flat-comments.html"]
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    return (f"filedesc://f.arc 0.0.0.0 20161129101500 text/plain {len(desc)}\n".encode() + desc + b"\n"
            + f"https://x.example/a 192.0.2.1 20161129101500 text/html {len(http)}\n".encode() + http + b"\n")


def _brotli_warc() -> bytes:
    import brotli

    out = io.BytesIO()
    w = WARCWriter(out, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "br")], protocol="HTTP/1.1")
    body = brotli.compress(SEEDS["flat-comments.html"])
    w.write_record(w.create_warc_record("https://x.example/b", "response", payload=io.BytesIO(body), http_headers=http))
    return out.getvalue()


SEEDS["crawl.arc"] = _arc_bytes()
SEEDS["crawl.arc.gz"] = gzip.compress(SEEDS["crawl.arc"])
SEEDS["brotli.warc"] = _brotli_warc()

_mutation = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("flip"), st.floats(0, 1), st.integers(0, 255)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=40)),
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 200)),
    st.tuples(st.just("duplicate"), st.floats(0, 1), st.integers(1, 400)),
)


def mutate(data: bytes, ops) -> bytes:
    buf = bytearray(data)
    for op in ops:
        pos = int(op[1] * len(buf)) if buf else 0
        if op[0] == "truncate":
            del buf[pos:]
        elif op[0] == "flip" and buf:
            buf[min(pos, len(buf) - 1)] = op[2]
        elif op[0] == "insert":
            buf[pos:pos] = op[2]
        elif op[0] == "delete":
            del buf[pos:pos + op[2]]
        elif op[0] == "duplicate":
            buf[pos:pos] = buf[pos:pos + op[2]]
    return bytes(buf)


def _counted(n: int, strategy, name_of):
    """Run ``check`` on ``n`` generated inputs and return how many were really generated."""
    seen = []

    @_fuzz_settings(n)
    @given(strategy)
    def run(example):
        seen.append(1)
        name, data = name_of(example)
        check(name, data)

    run()
    return len(seen)


def test_random_bytes():
    assert _counted(3500, st.binary(max_size=3000), lambda b: ("fuzz.bin", b)) >= 3500


def test_mutated_fixtures_of_every_format():
    strategy = st.tuples(st.sampled_from(sorted(SEEDS)), st.lists(_mutation, min_size=1, max_size=4))
    assert _counted(1700, strategy, lambda e: (e[0], mutate(SEEDS[e[0]], e[1]))) >= 1700


_HTML_PIECES = ["<html>", "<html lang='ar'>", "<head>", "<meta charset='x-unknown-9'>", "<title>", "</title>",
                "<body>", "<article>", "</article>", "<div>", "</div>", "<p>", "</p>", "<br>", "<ol class='commentlist'>",
                "<li class='comment' id='comment-1'>", "<li class='comment' id='comment-1'>", "<ol class='children'>",
                "</ol>", "</li>", "<span class='fn'>", "</span>", "<div class='comment-content'>",
                "<time datetime='2016-13-45T99:99'>", "<time datetime='1480000000'>", "<div data-parent-id='comment-1' "
                "class='comment'>", "<div class='comment' data-comment-id='x' data-parent-id='x'>", "&amp;", "&#xD800;",
                "&nbsp;", "<!--", "-->", "<![CDATA[", "<script>", "</script>", "<p class='standfirst'>",
                "<div class='byline'>By ", "<div id='disqus_thread'><ul id='post-list'><li class='post'>", "\x00",
                "<?xml version='1.0' encoding='utf-16'?>", "<svg><foreignObject>", "<table><tr><td>"]


def test_html_soup():
    piece = st.one_of(st.sampled_from(_HTML_PIECES), st.text(max_size=40))
    strategy = st.lists(piece, max_size=60).map("".join)
    assert _counted(700, strategy, lambda t: ("soup.html", ("<html>" + t).encode("utf-8", "surrogatepass"))) >= 700


_FEED_PIECES = ["<item>", "</item>", "<entry>", "</entry>", "<title>", "</title>", "<guid>", "</guid>", "<link>",
                "</link>", "<description>", "</description>", "<pubDate>Thu, 99 Foo 2016</pubDate>",
                "<published>2016-12-10T06:30:00Z</published>", "<content type='html'>&lt;p&gt;x", "</content>",
                "<![CDATA[<p>text</p>", "]]>", "&undefined;", "<author><name>", "</name></author>", "\x01"]


def test_feed_soup():
    piece = st.one_of(st.sampled_from(_FEED_PIECES), st.text(max_size=30))
    root = st.sampled_from(["<rss version='2.0'><channel>", "<feed xmlns='http://www.w3.org/2005/Atom'>",
                            "<?xml version='1.0'?><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"])
    strategy = st.tuples(root, st.lists(piece, max_size=40).map("".join))
    assert _counted(900, strategy, lambda e: ("soup.rss", (e[0] + e[1]).encode("utf-8", "surrogatepass"))) >= 900


_cell = st.one_of(st.text(max_size=15), st.sampled_from(['"', '""', "\n", "2016-12-01", "13/13/2016", "", ",", "\t"]))


def _csv(rows, delim):
    return "\n".join(delim.join(r) for r in rows)


def test_table_soup():
    header = st.sampled_from([["id", "text", "date"], ["text"], ["title", "body", "source"], ["notes", "event_date"]])
    csvs = st.tuples(header, st.lists(st.lists(_cell, max_size=4), max_size=5), st.sampled_from([",", "\t", ";"])).map(
        lambda e: ("soup.csv", _csv([e[0], *e[1]], e[2]).encode("utf-8", "surrogatepass")))
    json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=12),
                              lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=5), kids,
                                                                                          max_size=2), max_leaves=4)
    record = st.dictionaries(st.sampled_from(["id", "text", "title", "published", "comments", "paragraphs",
                                              "source", "x"]), json_value, max_size=4)
    jsonl = st.lists(st.one_of(record.map(json.dumps), st.text(max_size=20)), min_size=1, max_size=4).map(
        lambda lines: ("soup.jsonl", ("{" if not lines[0].startswith("{") else "").encode()
                       + "\n".join(lines).encode("utf-8", "surrogatepass")))
    assert _counted(1500, st.one_of(csvs, jsonl), lambda e: e) >= 1500


def test_page_dump_soup():
    line = st.tuples(st.integers(0, 14), st.sampled_from(["", "• ", "* ", "- ", "Author: ", "By ", "Published: "]),
                     st.one_of(st.text(max_size=25), st.sampled_from(["Reply", "Comments (3)", "Bianca", "x · 2016"])))
    strategy = st.lists(line, max_size=25).map(lambda ls: "\n".join(" " * i + b + t for i, b, t in ls))
    assert _counted(1200, strategy, lambda t: ("soup.txt", ("T | D\n\n" + t).encode("utf-8", "surrogatepass"))) >= 1200


def test_warc_soup():
    header = st.one_of(st.sampled_from(["WARC-Type: response", "WARC-Type: resource", "WARC-Type: request",
                                        "Content-Length: 10", "Content-Length: -5", "Content-Length: 99999999",
                                        "Content-Type: application/http; msgtype=response",
                                        "WARC-Record-ID: <urn:uuid:1>", "WARC-Target-URI: http://x/"]),
                       st.text(max_size=30))
    body = st.one_of(st.binary(max_size=100), st.sampled_from([
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Hi there</p>",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n\x1f\x8bnot-gzip"]))
    strategy = st.tuples(st.lists(header, max_size=6), body)
    assert _counted(1000, strategy, lambda e: (
        "soup.warc", b"WARC/1.0\r\n" + "\r\n".join(e[0]).encode("utf-8", "surrogatepass") + b"\r\n\r\n" + e[1])) >= 1000


def _hostile(kind: str, n: int, cut: float, prefix: str) -> tuple[str, bytes]:
    """One hostile input of ``kind``, shaped by ``n`` (size/depth), ``cut`` (a fraction) and ``prefix``."""
    page = SEEDS["wordpress-thread.html"]
    if kind == "namespaced-feed":
        root = SEEDS["prefixed.rss"].decode().replace("x:", f"{prefix}:").replace("xmlns:x", f"xmlns:{prefix}")
        return "ns.rss", root.encode()[: max(40, int(len(root) * (0.5 + cut / 2)))]
    if kind == "entity-bomb":
        levels = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, n % 9 + 2))
        return "bomb.rss", (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "{prefix}">{levels}'
                            f'<!ENTITY ext SYSTEM "file:///etc/{prefix}">]><rss version="2.0"><channel><item>'
                            f"<title>t</title><description>&l{n % 9 + 1};&ext;</description></item></channel></rss>"
                            ).encode()
    if kind == "arc":
        data = SEEDS["crawl.arc"]
        return "h.arc", data[: int(len(data) * cut)] if cut < 0.9 else data.replace(b"20161129", prefix.encode()[:8])
    if kind == "brotli":
        data = SEEDS["brotli.warc"]
        pos = int(len(data) * cut)
        return "b.warc", data[:pos] + bytes([n % 256]) + data[pos + 1:]
    if kind == "deep":
        depth = 2100 if n % 97 == 0 else 200 + (n % 100) * 3  # past 256 always, past libxml2's 2,048 now and then
        return "deep.html", (b"<html><body>" + b"<div><span>" * depth + b"<p>Deep text of the report.</p>"
                             + b"</span></div>" * (depth if cut > 0.5 else 0) + b"</body></html>")
    data = gzip.compress(page if cut < 0.5 else SEEDS["crawl.warc"])  # truncated gzip
    return ("t.html.gz" if cut < 0.5 else "t.warc.gz"), data[: max(10, int(len(data) * cut * 1.8) % len(data))]


def test_hostile_inputs():
    """The kinds issue 11 named: namespaced feeds, entity bombs, ARC, brotli, deep nesting, truncated gzip."""
    kinds = ["namespaced-feed", "entity-bomb", "arc", "brotli", "deep", "truncated-gzip"]
    strategy = st.tuples(st.sampled_from(kinds), st.integers(0, 400), st.floats(0.01, 0.99),
                         st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True))
    assert _counted(1000, strategy, lambda e: _hostile(*e)) >= 1000


def test_bad_inputs_land_in_quarantine(tmp_path_factory):
    """Through the CLI path: every BadInput becomes a quarantine row with its reason; nothing raises."""
    from frontlines.cli.ingest import ingest_into
    from frontlines.store import Store

    blobs = st.lists(st.one_of(st.binary(max_size=500),
                               st.tuples(st.sampled_from(sorted(SEEDS)), st.lists(_mutation, min_size=1, max_size=3))
                               .map(lambda e: mutate(SEEDS[e[0]], e[1]))), min_size=1, max_size=6)
    seen = []

    @_fuzz_settings(30)
    @given(blobs)
    def run(datas):
        seen.append(len(datas))
        d = tmp_path_factory.mktemp("q")
        for i, data in enumerate(datas):
            (d / f"in{i}.dat").write_bytes(data)
        with Store(d / "s.duckdb") as store:
            result, stats = ingest_into(store, [str(d / f"in{i}.dat") for i in range(len(datas))], OPTIONS,
                                        progress=False)
            rows = store.con.execute("SELECT input, reason FROM quarantine").fetchall()
        assert result.quarantined == stats.bad + len(stats.capped)
        assert len(rows) == len(set(rows)) <= result.quarantined and all(r[1] for r in rows)
        if result.quarantined:
            assert rows

    run()
    assert len(seen) >= 30
