"""Bytes to text on the inputs issue 11 found misread: UTF-32 without BOM, undeclared KOI8-R,
one bad byte in a declared-UTF-8 page, stray NULs, and invisible break hints (soft hyphens)."""

from __future__ import annotations

import pytest

from frontlines.errors import BadInput
from frontlines.ingest import RawInput, read_raw
from frontlines.ingest.encoding import decode

RUSSIAN = ("Обстрел продолжался всю ночь, сообщили жители восточных районов города. "
           "По словам местного совета, погибли пять человек, ещё двенадцать ранены. ") * 3
ARABIC = ("قال المرصد إن القصف استمر طوال الليل على الأحياء الشرقية من المدينة وأدى إلى مقتل خمسة مدنيين. "
          "وأضاف أن الطرق إلى المستشفى مغلقة منذ يومين. ") * 3


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_utf32_without_bom_is_text(codec):
    text = "Shelling resumed in Aleppo on Tuesday.\n\nFive people were killed, the council said.\n"
    got, enc = decode("u32.txt", text.encode(codec))
    assert got == text and enc == codec


def test_koi8r_without_a_declaration_is_cyrillic_not_arabic():
    got, enc = decode("ru.txt", RUSSIAN.encode("koi8_r"))
    assert enc.replace("-", "_").lower() == "koi8_r" and got == RUSSIAN


def test_cp1256_arabic_is_still_arabic():
    got, enc = decode("ar.txt", ARABIC.encode("cp1256"))
    assert enc == "cp1256" and got == ARABIC


def test_one_bad_byte_in_a_declared_utf8_page_does_not_become_mojibake():
    page = ('<html><head><meta charset="UTF-8"><title>Deir ez-Zor</title></head><body>'
            "<p>Les frappes ont touché le quartier nord à l’aube, selon l’Observatoire syrien.</p>"
            "<p>Le conseil local a annoncé l’évacuation de l’hôpital — « une catastrophe ».</p></body></html>")
    data = page.encode("utf-8").replace(b"nord", b"no\xffrd", 1)
    text, enc = decode("fr.html", data)
    assert enc == "utf-8"
    assert "l’évacuation de l’hôpital — « une catastrophe »" in text and "Ã" not in text


def test_a_few_stray_nuls_do_not_make_a_page_binary():
    body = b"<html><body><p>" + b"Clashes near the airport continued for a third day, residents said. " * 40
    data = body + b"\x00\x00\x00</p></body></html>"
    docs = [o for o in read_raw(RawInput("nul.html", data)) if not isinstance(o, BadInput)]
    assert len(docs) == 1 and "airport" in docs[0].body and "\x00" not in docs[0].body
    with pytest.raises(BadInput, match="binary"):  # real binary is still refused
        decode("blob.txt", bytes(range(256)) * 50)


def test_soft_hyphens_and_zero_width_spaces_are_removed_everywhere():
    page = ("<html><body><article><h1>Shelling near Ham&shy;da&shy;niya</h1>"
            "<p>Mortar fire hit Ham\u00adda\u00adniya and Bar\u200btella overnight, killing two, the council said.</p>"
            "<p>" + "Residents fled towards the river as the shelling moved closer to the market. " * 3 + "</p>"
            "</article></body></html>")
    (doc,) = list(read_raw(RawInput("shy.html", page.encode())))
    assert "Hamdaniya" in doc.body and "Bartella" in doc.body and "Hamdaniya" in doc.title
    assert "\u00ad" not in doc.body + doc.title and "\u200b" not in doc.body
    # Zero-width non-joiner is spelling in Persian: kept.
    (fa,) = list(read_raw(RawInput("fa.txt", "گزارش\n\nمی\u200cگویند که درگیری ادامه دارد.\n".encode())))
    assert "\u200c" in fa.body
