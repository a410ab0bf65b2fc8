"""WARC and WARC.gz: HTML responses become Documents, other records are counted, broken records quarantined."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from frontlines.errors import BadInput
from frontlines.ingest import IngestStats, iter_inputs

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def _response(writer, uri, body: bytes, ctype="text/html; charset=utf-8", status="200 OK"):
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    rec = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http,
                                    warc_headers_dict={"WARC-Date": "2016-12-01T10:00:00Z"})
    writer.write_record(rec)
    return rec.rec_headers.get_header("WARC-Record-ID")


def build_warc(path: Path, gz: bool) -> list[str]:
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
        ids = [_response(w, "https://ledger.example.org/a", (FIXTURES / "wordpress-thread.html").read_bytes())]
        req = w.create_warc_record("https://ledger.example.org/a", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
        w.write_record(req)
        _response(w, "https://ledger.example.org/logo.png", b"\x89PNG\r\n", ctype="image/png")
        _response(w, "https://ledger.example.org/missing", b"<html><body><p>Not found</p></body></html>",
                  status="404 Not Found")
        arabic = ("<html><head><title>خبر</title></head><body><article><p>"
                  + "قال مسؤولون إن القصف استمر طوال الليل في الأحياء الشرقية من المدينة. " * 3
                  + "</p></article></body></html>")
        ids.append(_response(w, "https://ar.example.org/news", arabic.encode("cp1256"),
                             ctype="text/html; charset=windows-1256"))
        ids.append(_response(w, "https://x.example.org/no-date", (FIXTURES / "flat-comments.html").read_bytes(),
                             ctype="text/html"))
    return ids


@pytest.mark.parametrize("gz", [False, True])
def test_html_responses_become_documents(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    ids = build_warc(path, gz)
    stats = IngestStats()
    outs = list(iter_inputs([path], stats=stats))
    docs = [o for o in outs if not isinstance(o, BadInput)]
    assert not [o for o in outs if isinstance(o, BadInput)]
    assert [d.source_id for d in docs] == ids
    assert all(d.reader == "warc" for d in docs)
    wp, ar, flat = docs
    assert wp.url == "https://ledger.example.org/2016/11/29/eastern-districts/" and len(wp.comments) == 7
    assert wp.published_from == "meta"
    assert ar.language == "ar" and "القصف" in ar.paragraphs[0]  # decoded with the HTTP charset
    assert ar.url == "https://ar.example.org/news"
    assert flat.published.isoformat() == "2016-12-01" and flat.published_from == "warc"  # capture date fallback
    assert stats.skipped == {"WARC warcinfo records": 1, "WARC request records": 1, "WARC records not HTML": 1,
                             "WARC responses not 2xx": 1}


def test_truncated_and_corrupt_warcs_keep_what_was_read(tmp_path):
    good = tmp_path / "good.warc"
    build_warc(good, gz=False)
    data = good.read_bytes()
    cut = tmp_path / "cut.warc"
    second = data.index(b"WARC/1", data.index(b"text/html") + 10)  # somewhere after the first response
    cut.write_bytes(data[: data.index(b"WARC/1", second + 1) + 40])
    outs = list(iter_inputs([cut]))
    assert any(not isinstance(o, BadInput) for o in outs)
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(b"WARC/1.0\r\n\x00\x01garbage\r\n\r\n")
    outs = list(iter_inputs([garbage]))
    assert outs and all(isinstance(o, BadInput) for o in outs)
    gz_cut = tmp_path / "cut.warc.gz"
    gz_cut.write_bytes(gzip.compress(data)[:-200])
    outs = list(iter_inputs([gz_cut]))
    bad = [o for o in outs if isinstance(o, BadInput)]
    # The cut is named for what it is (never "empty file"), and the records before it are kept.
    assert bad and "truncated gzip stream" in bad[0].reason and "empty" not in bad[0].reason
    got = [o.source_id for o in outs if not isinstance(o, BadInput)]
    assert len(got) >= 2 and got == ids_of(good)[:len(got)]


def ids_of(path):
    return [o.source_id for o in iter_inputs([path]) if not isinstance(o, BadInput)]


def test_length_mismatch_is_one_reported_line_not_stderr_noise(tmp_path, capfd):
    good = tmp_path / "good.warc"
    build_warc(good, gz=False)
    data = good.read_bytes()
    # Shorten the first response's declared length so the reader lands inside its payload.
    head_end = data.index(b"\r\n\r\n", data.index(b"WARC-Type: response"))
    start = data.rindex(b"Content-Length: ", 0, head_end) + len(b"Content-Length: ")
    end = data.index(b"\r\n", start)
    length = int(data[start:end])
    broken = tmp_path / "broken.warc"
    broken.write_bytes(data[:start] + str(length - 300).encode() + data[end:])
    outs = list(iter_inputs([broken]))
    reasons = [o.reason for o in outs if isinstance(o, BadInput)]
    assert any("Content-Length does not match" in r for r in reasons)
    assert "WARNING" not in capfd.readouterr().err
