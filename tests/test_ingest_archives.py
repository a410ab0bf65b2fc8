"""Web archives issue 11 found misread: ARC files, Brotli responses, relative canonicals,
truncated gzip records, and reasons written for people on truncated WARCs."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import brotli
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from frontlines.errors import BadInput
from frontlines.ingest import IngestStats, iter_inputs

PAGE = ("<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>"
        + "<p>{title}: shelling resumed in the eastern districts overnight, residents and a local monitor said.</p>" * 3
        + "</article></body></html>")


def _page(title: str, head: str = "") -> bytes:
    return PAGE.format(title=title, head=head).encode()


def _http(body: bytes, ctype: str = "text/html; charset=utf-8") -> bytes:
    return (f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body


def _arc_record(url: str, block: bytes, mime: str = "text/html", newline: bool = True) -> bytes:
    head = f"{url} 192.0.2.7 20161129101500 {mime} {len(block)}\n".encode()
    return head + block + (b"\n" if newline else b"")


def build_arc(newline_after_records: bool) -> bytes:
    desc = b"1 0 Ledger\nURL IP-address Archive-date Content-type Archive-length\n"
    out = f"filedesc://crawl.arc 0.0.0.0 20161129101500 text/plain {len(desc)}\n".encode() + desc + b"\n"
    out += _arc_record("dns:ledger.example.org", b"20161129101500\nledger.example.org. 600 IN A 192.0.2.7",
                       "text/dns", newline_after_records)
    out += _arc_record("https://ledger.example.org/one", _http(_page("Convoy reaches the old city")),
                       newline=newline_after_records)
    out += _arc_record("https://ledger.example.org/logo.png", _http(b"\x89PNG\r\n", "image/png"),
                       newline=newline_after_records)
    out += _arc_record("https://ledger.example.org/two", _http(_page("Bridge repaired overnight")),
                       newline=newline_after_records)
    return out


@pytest.mark.parametrize("newline", [True, False])  # Heritrix writes no newline after a record
@pytest.mark.parametrize("gz", [False, True])
def test_arc_html_records_become_documents(tmp_path, newline, gz):
    data = build_arc(newline)
    path = tmp_path / ("crawl.arc.gz" if gz else "crawl.arc")
    path.write_bytes(gzip.compress(data) if gz else data)
    stats = IngestStats()
    outs = list(iter_inputs([path], stats=stats))
    assert not [o for o in outs if isinstance(o, BadInput)]
    assert [(d.url, d.title, d.reader) for d in outs] == [
        ("https://ledger.example.org/one", "Convoy reaches the old city", "warc"),
        ("https://ledger.example.org/two", "Bridge repaired overnight", "warc")]
    assert "filedesc" not in outs[0].body and "192.0.2.7" not in outs[0].body
    assert stats.skipped["WARC records not HTML"] == 2


def test_a_damaged_arc_keeps_the_records_before_the_damage(tmp_path):
    data = build_arc(True)
    cut = data[: data.index(b"https://ledger.example.org/two") + 200]
    path = tmp_path / "cut.arc"
    path.write_bytes(cut)
    outs = list(iter_inputs([path]))
    assert [d.title for d in outs if not isinstance(d, BadInput)] == ["Convoy reaches the old city"]
    (bad,) = [o for o in outs if isinstance(o, BadInput)]
    assert "truncated ARC record" in bad.reason


def _warc(path: Path, records: list[tuple[str, bytes, list[tuple[str, str]]]], gz: bool = False) -> None:
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        for uri, body, headers in records:
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))


def test_brotli_responses_are_decoded(tmp_path):
    path = tmp_path / "br.warc"
    body = _page("Market reopens after four days")
    _warc(path, [("https://ledger.example.org/br", brotli.compress(body),
                  [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "br")])])
    (doc,) = list(iter_inputs([path]))
    assert not isinstance(doc, BadInput), doc
    assert doc.title == "Market reopens after four days" and "shelling resumed" in doc.body


def test_a_relative_canonical_is_resolved_against_the_target_uri(tmp_path):
    path = tmp_path / "canon.warc"
    head = '<link rel="canonical" href="/2016/11/29/convoy/">'
    _warc(path, [("https://ledger.example.org/print/123?x=1", _page("Convoy", head),
                  [("Content-Type", "text/html")])])
    (doc,) = list(iter_inputs([path]))
    assert doc.url == "https://ledger.example.org/2016/11/29/convoy/"
    assert doc.published.isoformat() == "2016-11-29" and doc.published_from == "url"


def test_a_truncated_gzip_record_is_named_and_the_records_before_it_kept(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [(f"https://ledger.example.org/{i}", _page(f"Report {i}"), [("Content-Type", "text/html")])
                 for i in range(3)], gz=True)
    data = path.read_bytes()
    last = data.rindex(b"\x1f\x8b\x08")  # the last record's gzip member
    path.write_bytes(data[: last + (len(data) - last) // 2])
    outs = list(iter_inputs([path]))
    docs = [o for o in outs if not isinstance(o, BadInput)]
    bad = [o for o in outs if isinstance(o, BadInput)]
    assert [d.title for d in docs][:2] == ["Report 0", "Report 1"]
    assert bad and "truncated gzip stream" in bad[0].reason and "empty file" not in bad[0].reason


def test_a_truncated_html_gz_yields_the_part_that_inflates(tmp_path):
    page = _page("Long report") + b"<!--" + b"x" * 4000 + b"-->"
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(page)[:-60])
    outs = list(iter_inputs([path]))
    docs = [o for o in outs if not isinstance(o, BadInput)]
    assert len(docs) == 1 and docs[0].title == "Long report"
    assert any(isinstance(o, BadInput) and "truncated gzip" in o.reason for o in outs)


def test_truncated_warc_reasons_are_written_for_people(tmp_path):
    path = tmp_path / "whole.warc"
    _warc(path, [(f"https://ledger.example.org/{i}", _page(f"Report {i}"), [("Content-Type", "text/html")])
                 for i in range(2)])
    data = path.read_bytes()
    second = data.index(b"WARC/1", 10)
    reasons = set()
    for cut in range(second + 5, len(data), 37):
        p = tmp_path / "truncated.warc"
        p.write_bytes(data[:cut])
        outs = list(iter_inputs([p]))
        assert any(not isinstance(o, BadInput) and o.title == "Report 0" for o in outs)
        reasons |= {o.reason for o in outs if isinstance(o, BadInput)}
    assert reasons
    for r in reasons:
        assert "NoneType" not in r and "attribute" not in r and "Error" not in r, r
