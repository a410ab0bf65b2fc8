"""Bytes to text: BOMs, UTF-8, UTF-16 without BOM, declared charsets, then cp1252 vs cp1256.

News archives are full of legacy encodings. The order here goes from proof to
guess: a byte-order mark is proof, strict UTF-8 almost proof (legacy 8-bit text
rarely decodes as UTF-8), a charset declared in the markup is a claim worth
trying, and only then do we guess between the two legacy code pages this
project meets most, Windows-1252 (Western) and Windows-1256 (Arabic). Arabic in
cp1256 puts nearly every letter above 0x80, Western text only its accents,
which separates them well even on short inputs. Other single-byte scripts
(Cyrillic, Greek, Hebrew) look "Arabic" by that test, so the cp1256 reading
must also give pure Arabic words before it is chosen; otherwise
charset-normalizer picks among their code pages.
"""

from __future__ import annotations

import codecs
import re

from frontlines.errors import BadInput

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

# Formats we refuse by their signature, to name them in the quarantine reason.
_BINARY_MAGIC = [
    (b"%PDF", "PDF"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"\x7fELF", "ELF executable"), (b"MZ", "Windows executable"), (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"), (b"7z\xbc\xaf", "7-zip archive"), (b"Rar!", "RAR archive"),
    (b"\xd0\xcf\x11\xe0", "OLE document (old MS Office)"), (b"SQLite format 3", "SQLite database"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"), (b"RIFF", "RIFF media"), (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"), (b"\x00\x00\x00\x18ftyp", "MP4 video"), (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"DUCK", "DuckDB database"),
]

_DECLARED = re.compile(
    rb"""(?:<meta[^>]{0,200}?charset\s*=\s*["']?|<\?xml[^>]{0,100}?encoding\s*=\s*["'])([A-Za-z0-9_.:-]{2,40})""",
    re.IGNORECASE,
)


def binary_kind(data: bytes) -> str | None:
    """The name of a known binary format ``data`` starts with, or None."""
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    return None


def declared_charset(data: bytes) -> str | None:
    """A charset named in an HTML ``<meta>`` or XML prolog near the start, if Python knows it."""
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit on one parity, as in ASCII-range UTF-16."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


_WORD = re.compile(rb"[A-Za-z\xc0-\xff]{2,}")
_TOKEN = re.compile(r"\w{2,}")
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
_LATIN_ACCENTED = re.compile("[\u00c0-\u00ff]")


def _utf32_without_bom(data: bytes) -> str | None:
    """'utf-32-le'/'utf-32-be' when three of every four bytes are NUL, as in ASCII-range UTF-32."""
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 4]
    if len(sample) < 8:
        return None
    lanes = [sample[i::4].count(0) / (len(sample) // 4) for i in range(4)]
    if lanes[0] < 0.05 and min(lanes[1:]) > 0.9:
        return "utf-32-le"
    if lanes[3] < 0.05 and min(lanes[:3]) > 0.9:
        return "utf-32-be"
    return None


def _nearly_utf8(data: bytes, declared: str | None) -> bool:
    """Whether undecodable bytes are a few stray errors in a UTF-8 text, not a legacy code page.

    A page that declares UTF-8 is trusted when under 1 % of its bytes are invalid; an
    undeclared one when its valid multi-byte sequences far outnumber the invalid bytes
    (cp1252 or KOI8-R text almost never forms a valid UTF-8 sequence by accident).
    """
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if declared == "utf-8":
        return invalid <= max(3, len(data) // 100)
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return multibyte >= 5 and invalid * 10 <= multibyte


def _legacy_guess(data: bytes) -> str:
    """cp1256 when many words are made only of high bytes (Arabic script), else cp1252.

    Western text puts accented letters *inside* ASCII words ("été" has a "t");
    Arabic in cp1256 writes whole words above 0xC0.
    """
    words = _WORD.findall(data[:65536])
    if not words:
        return "cp1252"
    all_high = sum(1 for w in words if min(w) >= 0xC0)
    if all_high / len(words) <= 0.3:
        return "cp1252"
    # A non-Latin script. cp1256 keeps a dozen French letters (à, é, ô, ...) among its Arabic
    # ones; real Arabic never uses them inside a word, Cyrillic/Greek/Hebrew bytes read as cp1256 do.
    sample = data[:65536].decode("cp1256")
    arabic_words = [w for w in _TOKEN.findall(sample) if _ARABIC_LETTER.search(w)]
    mixed = sum(1 for w in arabic_words if _LATIN_ACCENTED.search(w))
    # Lower-case KOI8-R Cyrillic sits in 0xC0-0xDF, which cp1256 maps to Arabic letters only, so
    # "pure Arabic words" alone does not prove Arabic. The article "ال" (cp1256 C7 E1) does: it
    # starts a large share of real Arabic words, and C7 E1 is "гА" in KOI8-R, which no word holds.
    with_al = sum(1 for w in arabic_words if "\u0627\u0644" in w)
    if arabic_words and mixed / len(arabic_words) < 0.1 and (with_al / len(arabic_words) >= 0.05
                                                             or len(arabic_words) < 8):
        return "cp1256"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536], cp_isolation=["cp1251", "cp1253", "cp1255", "cp1254", "koi8_r"]).best()
    return best.encoding if best is not None else "cp1252"


def decode(name: str, data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise ``BadInput`` for binary or undecodable data."""
    if not data.strip():
        raise BadInput(name, "empty file" if not data else "file holds only whitespace")
    text = enc = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text, enc = data[len(bom):].decode(codec), codec
            except UnicodeDecodeError as exc:
                raise BadInput(name, f"invalid {codec} after its byte-order mark ({exc.reason})") from exc
            break
    if text is None:
        kind = binary_kind(data)
        if kind:
            raise BadInput(name, f"binary file ({kind}), not a news document")
        codec = _utf32_without_bom(data) or _utf16_without_bom(data)
        if codec:
            try:
                text, enc = data.decode(codec), codec
            except UnicodeDecodeError:
                text = None
    if text is None:
        head = data[:65536]
        nuls = head.count(0)
        if nuls > max(8, len(head) // 200):
            raise BadInput(name, "binary file (contains NUL bytes), not text")
        if nuls:  # a few stray NULs (a bad export, a truncated write) do not make a page binary
            data = data.replace(b"\x00", b"")
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            declared = declared_charset(data)
            if _nearly_utf8(data, declared):
                text, enc = data.decode("utf-8", errors="replace"), "utf-8"
            elif declared and declared not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
                try:
                    text, enc = data.decode(declared), declared
                except UnicodeDecodeError:
                    text = None
            if text is None:
                enc = _legacy_guess(data)
                text = data.decode(enc, errors="replace")
    _refuse_binary(name, text)
    text = strip_controls(text)
    if not text.strip():
        raise BadInput(name, "file holds only whitespace")
    return text, enc


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def strip_controls(text: str) -> str:
    """Control characters become spaces: never content, and XML/HTML parsers reject them."""
    return _CONTROLS.sub(" ", text)


_BAD_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def _refuse_binary(name: str, text: str) -> None:
    sample = text[:65536]
    bad = len(_BAD_CHARS.findall(sample))
    if bad > max(2, len(sample) * 0.01):
        raise BadInput(name, f"binary or undecodable data ({bad} control/invalid characters in the first "
                             f"{len(sample)}), not text")
