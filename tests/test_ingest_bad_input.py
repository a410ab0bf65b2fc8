"""Bad input: each gives one clear line (input, reason), a quarantine row, no crash, and loses nothing stored."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from frontlines.cli.ingest import ingest_into
from frontlines.errors import BadInput
from frontlines.ingest import IngestOptions, ingest, iter_inputs
from frontlines.ingest.encoding import decode

FIXTURES = Path(__file__).parent / "fixtures"
ARABIC = "قال مسؤولون محليون إن القصف استمر طوال الليل في الأحياء الشرقية من المدينة."
FRENCH = "L’armée a déclaré jeudi qu’elle avait repris le quartier, mais les rebelles ont démenti « toute avancée »."
ENGLISH = "The army said on Sunday that it had “taken” three districts – a claim rebels denied."


@pytest.mark.parametrize(("text", "encoding", "expected"), [
    (ENGLISH + " Café.", "utf-8", "utf-8"),
    (ARABIC, "utf-8", "utf-8"),
    (ENGLISH, "utf-8-sig", "utf-8"),
    (ARABIC, "utf-16", None),  # with BOM
    (ENGLISH, "utf-16-le", "utf-16-le"),  # without BOM
    (ENGLISH, "utf-16-be", "utf-16-be"),
    (ENGLISH, "cp1252", "cp1252"),
    (FRENCH, "cp1252", "cp1252"),
    (ARABIC, "cp1256", "cp1256"),
    ("قال مسؤولون", "cp1256", "cp1256"),  # two words are enough
    ("Армия заявила в воскресенье, что взяла три района города.", "cp1251", "cp1251"),  # not misread as Arabic
    ("Ο στρατός δήλωσε την Κυριακή ότι κατέλαβε τρεις συνοικίες.", "cp1253", "cp1253"),
])
def test_encodings_are_detected(text, encoding, expected):
    got, enc = decode("x", text.encode(encoding))
    assert got == text
    if expected:
        assert enc == expected
    else:
        assert enc.startswith("utf-16")


def test_declared_charset_is_honoured_and_arabic_page_reads(tmp_path):
    page = (f"<html><head><meta charset='windows-1256'><title>t</title></head><body><article><p>{ARABIC}</p>"
            f"<p>{ARABIC}</p></article></body></html>")
    p = tmp_path / "ar.html"
    p.write_bytes(page.encode("cp1256"))
    (doc,) = ingest(p)
    assert doc.paragraphs[0] == ARABIC and doc.language == "ar"


def _bad(tmp_path, name, data: bytes, **opts) -> BadInput:
    p = tmp_path / name
    p.write_bytes(data)
    outs = list(iter_inputs([p], IngestOptions(**opts)))
    bad = [o for o in outs if isinstance(o, BadInput)]
    assert bad and not [o for o in outs if not isinstance(o, BadInput)], outs
    for b in bad:
        assert b.input_name.startswith(str(p)) and b.reason and "\n" not in b.reason
        assert not b.reason.startswith("internal error")
    return bad[0]


def _gzip_bomb(n=60_000_000) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as gz:
        chunk = b"\0" * 1_000_000
        for _ in range(n // len(chunk)):
            gz.write(chunk)
    return buf.getvalue()


def test_each_kind_of_bad_input_has_a_clear_reason(tmp_path):
    assert _bad(tmp_path, "empty.txt", b"").reason == "empty file"
    assert _bad(tmp_path, "blank.txt", b"  \n\t\n").reason == "file holds only whitespace"
    assert "PDF" in _bad(tmp_path, "doc.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj").reason
    assert "binary" in _bad(tmp_path, "noise.txt", bytes(range(256)) * 20).reason
    assert "size limit" in _bad(tmp_path, "big.txt", b"word " * 1000, max_bytes=1000).reason
    assert "zip bomb" in _bad(tmp_path, "bomb.txt.gz", _gzip_bomb()).reason
    cut = tmp_path / "cut.gz"  # a cut gzip is reported, and what inflates before the cut is still read
    cut.write_bytes(gzip.compress(b"Title\n\nBody text. " * 50)[:-30])
    assert any(isinstance(o, BadInput) and "truncated gzip" in o.reason for o in iter_inputs([cut]))
    assert "zip" in _bad(tmp_path, "broken.zip", b"PK\x03\x04" + b"\x00" * 40).reason
    assert "no body text" in _bad(tmp_path, "tags.html", b"<html><body><div><span></span></div></body></html>").reason
    assert "feed" in _bad(tmp_path, "bad.rss", b"<rss version='2.0'><channel><item><title>x</ti").reason
    assert "WARC" in _bad(tmp_path, "bad.warc", b"WARC/1.0\r\n\x00\x01garbage").reason
    assert "no text column" in _bad(tmp_path, "t.csv", b"a,b\n1,2\n").reason
    assert "JSON" in _bad(tmp_path, "t.jsonl", b"{not json\n").reason


def test_zip_bomb_in_a_zip_and_in_a_warc_gz(tmp_path):
    z = io.BytesIO()
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("zeros.txt", b"\0" * 50_000_000)
    assert "zip bomb" in _bad(tmp_path, "bomb.zip", z.getvalue()).reason
    w = io.BytesIO()
    writer = WARCWriter(w, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    rec = writer.create_warc_record("https://x.example/", "response", payload=io.BytesIO(b" " * 50_000_000),
                                    http_headers=http)
    writer.write_record(rec)
    assert "zip bomb" in _bad(tmp_path, "bomb.warc.gz", w.getvalue()).reason


def test_nested_archives_are_bounded(tmp_path):
    data = b"Title | Deck\n\nBody paragraph.\n"
    for _ in range(5):
        data = gzip.compress(data)
    assert "nested" in _bad(tmp_path, "deep.gz", data).reason


def test_bad_inputs_are_quarantined_and_nothing_stored_is_lost(tmp_path, store):
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text((FIXTURES / "text" / "ceasefire-dump.txt").read_text())
    r1, _ = ingest_into(store, [str(good)], IngestOptions(), progress=False)
    assert r1.new == 1
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "bin.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (bad / "big.txt").write_bytes(b"x" * 5000)
    (bad / "b.html").write_text((FIXTURES / "html" / "disqus-thread.html").read_text())
    r2, stats = ingest_into(store, [str(bad), str(tmp_path / "missing.txt")], IngestOptions(max_bytes=4000),
                            progress=False)
    assert (r2.new, r2.quarantined) == (1, 4)
    assert store.count("documents") == 2 and store.count("comments") == 6 + 3
    rows = store.con.execute("SELECT input, reason FROM quarantine ORDER BY input").fetchall()
    assert [Path(i).name for i, _ in rows] == ["big.txt", "bin.png", "empty.txt", "missing.txt"]
    # re-running over the same bad inputs records them once
    ingest_into(store, [str(bad)], IngestOptions(max_bytes=4000), progress=False)
    assert store.count("quarantine") == 4
