"""ARC files (the Internet Archive's format before WARC) rewritten as WARC, record for record.

warcio can read ARC itself (``arc2warc``), but it insists on the newline the
spec puts after each record; Heritrix and other crawlers often omit it, and
warcio then swallows the next record's header line and stops ("Unknown archive
format"). ARC is simple enough to frame tolerantly here: a header line
``URL IP DATE MIME ... LENGTH`` (version 1 has five fields, version 2 ten; the
length is always last), then LENGTH bytes, then an optional newline. Each
record becomes the WARC record it stands for (``filedesc://`` a ``warcinfo``,
an HTTP capture a ``response``, anything else a ``resource``), so the WARC
reader does the rest and ARC and WARC are read by one code path.
"""

from __future__ import annotations

import re
import uuid

from frontlines.errors import BadInput

# URL (which may hold raw spaces), IP, 14-digit date (some crawlers write more digits), type, ..., length.
_HEADER = re.compile(rb"^(\S.*?) (\S+) (\d{14})\d* (\S*)(?: \S+)* (\S+)$")


def _next_header(data: bytes, pos: int) -> int:
    """Offset of the next line that is a well-formed ARC header (a URL, an IP, a date, a length), or -1."""
    for m in re.finditer(rb"\n", data[pos:]):
        start = pos + m.end()
        eol = data.find(b"\n", start)
        line = data[start:eol if eol >= 0 else len(data)].rstrip(b"\r")
        h = _HEADER.match(line)
        if h and b":" in h.group(1) and h.group(5).isdigit():
            return start
    return -1


def _warc_date(stamp: bytes) -> str:
    s = stamp.decode("ascii")
    return f"{s[0:4]}-{s[4:6]}-{s[6:8]}T{s[8:10]}:{s[10:12]}:{s[12:14]}Z"


def _record(url: bytes, stamp: bytes, mime: bytes, block: bytes) -> bytes:
    if url.startswith(b"filedesc://"):
        rtype, ctype = "warcinfo", "text/plain"
    elif block.startswith(b"HTTP/"):
        rtype, ctype = "response", "application/http; msgtype=response"
    else:
        rtype, ctype = "resource", mime.decode("latin-1") or "application/octet-stream"
    rid = uuid.uuid5(uuid.NAMESPACE_URL, (url + b" " + stamp).decode("latin-1"))
    head = [
        "WARC/1.0",
        f"WARC-Type: {rtype}",
        f"WARC-Record-ID: <urn:uuid:{rid}>",
        f"WARC-Date: {_warc_date(stamp)}",
        f"WARC-Target-URI: {url.decode('latin-1')}",
        f"Content-Type: {ctype}",
        f"Content-Length: {len(block)}",
    ]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + block + b"\r\n\r\n"


def to_warc(name: str, data: bytes) -> tuple[bytes, list[BadInput]]:
    """The ARC ``data`` as WARC bytes, and a reason for each part that could not be framed.

    A header line that does not parse, or a length running past the end of the
    file, ends the archive there: the records before it are kept.
    """
    out: list[bytes] = []
    problems: list[BadInput] = []
    pos, n = 0, 0
    size = len(data)
    while pos < size:
        while pos < size and data[pos:pos + 1] in (b"\n", b"\r"):
            pos += 1
        if pos >= size:
            break
        eol = data.find(b"\n", pos)
        line = data[pos:eol if eol >= 0 else size].rstrip(b"\r")
        n += 1
        m = _HEADER.match(line)
        if not m:
            problems.append(BadInput(f"{name}#record{n}", "damaged ARC record header (not 'URL IP DATE TYPE LENGTH'); "
                                                          "the records before it were read"))
            break
        url, _ip, stamp, mime, length = m.groups()
        url = url.replace(b" ", b"%20")
        start = eol + 1 if eol >= 0 else size
        if not length.isdigit():
            # A length of -1 or "abc": the record runs to the next well-formed header line.
            nxt = _next_header(data, start)
            block = data[start:nxt if nxt >= 0 else size]
            problems.append(BadInput(f"{name}#record{n}", f"ARC record header gives no valid length "
                                                          f"({length.decode('latin-1')[:20]!r}); read up to the "
                                                          "next record header"))
            if url.startswith(b"http") and block.strip():
                out.append(_record(url, stamp, mime, block.rstrip(b"\r\n")))
            pos = nxt if nxt >= 0 else size
            continue
        length = int(length)
        block = data[start:start + length]
        if len(block) < length:
            problems.append(BadInput(f"{name}#record{n}", f"truncated ARC record (the file ends {length - len(block):,} "
                                                          "bytes early); the records before it were read"))
            if block.startswith(b"HTTP/") and len(block) > 200:
                out.append(_record(url, stamp, mime, block))
            break
        if url.startswith(b"filedesc://"):
            # The version block ("1 1 InternetArchive", field names, optional XML) is ARC's own metadata.
            block = block.split(b"\n", 2)[-1] if block.count(b"\n") >= 2 else b""
        out.append(_record(url, stamp, mime, block))
        pos = start + length
    return b"".join(out), problems


__all__ = ["to_warc"]
