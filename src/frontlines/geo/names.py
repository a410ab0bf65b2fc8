"""Place-name keys that survive the many romanisations of Arabic (and other) names.

Conflict reporting spells one place many ways: Holok, Hullok, al-Hellok and
الهلك are one Aleppo district; Deir ez-Zor is also Deir Ezzor and Dayr az Zawr.
Instead of listing variants we reduce every name to keys where the variants
collide:

* ``fold``: lower case, diacritics and apostrophes (hamza, ayn) removed,
  punctuation to spaces, Arabic letters normalised (alef forms, ta marbuta,
  alef maqsura);
* ``base``: ``fold`` without the Arabic article (al-, el-, ad-, ash-, as-,
  assimilated "Ezzor") and with generic terms unified (Jebel/Jabel → jabal);
* ``skeleton``: consonants only, in sound classes (q/k/c, kh→k, sh→s, dh→d,
  ou/w/y vowels dropped, doubled letters single, final ta-marbuta h dropped),
  tokens joined, so Badro ~ Badru, Kafr Nabl ~ Kafranbel, and the Arabic
  script transliterates onto the same skeleton.

Skeletons are only for finding candidates: they collide on purpose, and the
geocoder then scores each candidate on the finer keys.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]")
_TASHKEEL = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_ARABIC_NORMAL = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
                                "ء": "", "ک": "ك", "ی": "ي", "گ": "ك", "پ": "ب", "چ": "ج", "ژ": "ز"})
# Arabic letter -> consonant class used by ``skeleton`` (vowel letters map to "").
_ARABIC_SKELETON = {
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d", "ذ": "d", "ر": "r", "ز": "z",
    "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "g", "ف": "f", "ق": "k",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y", "ا": "",
}
_APOSTROPHES = "'’‘`´ʿʾʻʼ′"
_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)
_SPACES = re.compile(r"\s+")

# Articles written as a separate token or hyphen-joined prefix.
ARTICLES = frozenset({"al", "el", "il", "ul", "ad", "ed", "ash", "esh", "as", "es", "at", "et", "az", "ez", "ar", "er",
                      "an", "en", "ath", "adh", "aj", "ag", "l"})
# Sun-letter assimilation glued to the word: "Ezzor", "Arraqqa", "Assukkari".
_GLUED_ARTICLE = re.compile(r"^[ae]l?(sh|th|[sztdrn])\1(?=[a-z]{2})")
# "El" glued to a word after the first ("Kafr Naseh Elatareb"); never to the first ("Elbistan").
_GLUED_EL = re.compile(r"^el(?=[a-z]{3})")
# Generic terms that are spelled several ways; unified in ``base``.
GENERIC = {
    "jebel": "jabal", "jabel": "jabal", "jbel": "jabal", "djebel": "jabal", "gebel": "jabal", "jabl": "jabal",
    "jable": "jabal", "dayr": "deir", "dair": "deir", "der": "deir", "kfar": "kafr", "kefr": "kafr",
    "tell": "tal", "tel": "tal", "ain": "ayn", "ein": "ayn", "ayn": "ayn", "ras": "ras", "raas": "ras",
    "bab": "bab", "beit": "bayt", "bait": "bayt", "beyt": "bayt", "sheikh": "shaykh", "shaikh": "shaykh",
    "shekh": "shaykh", "sheik": "shaykh", "sheykh": "shaykh", "khirbet": "khirbat", "khirbeh": "khirbat",
    "wadi": "wadi", "abu": "abu", "abou": "abu", "bou": "abu", "umm": "umm", "um": "umm", "om": "umm",
    "mount": "jabal", "mt": "jabal", "saint": "st", "sainte": "st",
}


def is_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


def normalise_arabic(text: str) -> str:
    """Arabic script with diacritics and tatweel removed and letter variants unified."""
    return _TASHKEEL.sub("", text).translate(_ARABIC_NORMAL)


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """Lower-cased, accent-free, punctuation-free form; Arabic script is normalised, not transliterated."""
    text = unicodedata.normalize("NFKC", name or "")
    if is_arabic(text):
        text = normalise_arabic(text)
    for ch in _APOSTROPHES:
        text = text.replace(ch, "")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.lower().replace("ı", "i").replace("ø", "o").replace("ß", "ss").replace("đ", "d").replace("ł", "l")
    text = _PUNCT.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def _strip_article(token: str) -> str:
    if is_arabic(token):
        if token.startswith("ال") and len(token) > 3:
            return token[2:]
        if token.startswith("وال") and len(token) > 4:
            return token[3:]
        return token
    m = _GLUED_ARTICLE.match(token)
    if m:
        return m.group(1) + token[m.end():]
    return token


_HYPHEN_ARTICLE = re.compile(r"(?i)(?<![^\W\d_])(al|el|ad|ed|ash|esh|as|es|at|et|az|ez|ar|er|an|en|aj|ag|adh|ath)[-‑–]")


def tokens(name: str) -> list[str]:
    """``base`` tokens: folded, articles dropped (as tokens or prefixes), generic terms unified."""
    out: list[str] = []
    raw = unicodedata.normalize("NFKC", name or "")
    # Hyphen-joined articles ("al-Hellok", "Deir ez-Zor") are split before folding removes the hyphen.
    raw = _HYPHEN_ARTICLE.sub(" ", raw)
    for k, tok in enumerate(fold(raw).split()):
        if tok in ARTICLES:
            continue
        tok = _strip_article(tok)
        if k and _GLUED_EL.match(tok):
            tok = tok[2:]  # "Orm Eljoz", "Dahiet Elasad": the article glued to a later word of the name
        out.append(GENERIC.get(tok, tok))
    return out


@lru_cache(maxsize=200_000)
def base(name: str) -> str:
    """Folded name without articles, with generic terms unified: the 'exact' matching key."""
    return " ".join(tokens(name))


_DIGRAPHS = re.compile(r"kh|gh|sch|tch|sh|ch|dh|th|ts|ph|dj|ck|ou|oo|ee")
_DIGRAPH_MAP = {"kh": "k", "gh": "k", "sch": "s", "tch": "s", "sh": "s", "ch": "s", "dh": "t", "th": "t", "ts": "t",
                "ph": "f", "dj": "j", "ck": "k", "ou": "u", "oo": "u", "ee": "i"}
_LETTER_CLASSES = str.maketrans({"q": "k", "c": "k", "x": "ks", "v": "f", "g": "j", "p": "b"})
_FINAL_H = re.compile(r"(?<=[aeiouy])h$")
_INNER_VOWELS = re.compile(r"[aeiouyw]")


def _latin_skeleton(tok: str) -> str:
    t = _DIGRAPHS.sub(lambda m: _DIGRAPH_MAP[m.group(0)], tok).translate(_LETTER_CLASSES)
    t = _FINAL_H.sub("", t)  # final ta marbuta: Raqqah ~ Raqqa, Hasakeh ~ Hasaka
    head, rest = t[:1], t[1:]
    if head in "aeiou":
        head = ""
    return head + _INNER_VOWELS.sub("", rest)


def _arabic_skeleton(tok: str) -> str:
    tok = normalise_arabic(tok)
    if tok.endswith("ه") and len(tok) > 2:
        tok = tok[:-1]  # ta marbuta
    out = []
    for i, ch in enumerate(tok):
        sk = _ARABIC_SKELETON.get(ch)
        if sk is None:
            continue
        if ch in "وي" and i > 0:
            continue  # long vowels
        out.append(sk)
    return "".join(out)


_DOUBLED = re.compile(r"(.)\1+")


def _squeeze(s: str) -> str:
    return _DOUBLED.sub(r"\1", s)


@lru_cache(maxsize=200_000)
def skeleton(name: str) -> str:
    """Consonant-class key where romanisation variants (and Arabic script) collide; '' if none."""
    parts = []
    for tok in tokens(name):
        if tok.isdigit():
            parts.append(tok)
            continue
        sk = _arabic_skeleton(tok) if is_arabic(tok) else _latin_skeleton(tok)
        # "y"/"w" kept word-initially become the same class as a dropped vowel elsewhere.
        parts.append(sk.replace("y", "").replace("w", "") if len(sk) > 1 else sk)
    return _squeeze("".join(parts))


def token_skeletons(name: str) -> list[str]:
    """Per-token skeletons, for partial (token subset) matches like 'Hanano' ~ 'Hanano Barrack'."""
    out = []
    for tok in tokens(name):
        sk = _arabic_skeleton(tok) if is_arabic(tok) else _latin_skeleton(tok)
        sk = _squeeze(sk.replace("y", "").replace("w", "") if len(sk) > 1 else sk)
        if sk:
            out.append(sk)
    return out


_LATIN_OR_ARABIC = re.compile(r"^[a-z0-9 \u0600-\u06FF\u0750-\u077F]+$")


@lru_cache(maxsize=500_000)
def keys(name: str) -> tuple[str, str, tuple[str, ...]]:
    """(base, skeleton, token skeletons) in one pass; skeletons only for Latin and Arabic script."""
    toks = tokens(name)
    b = " ".join(toks)
    if not _LATIN_OR_ARABIC.match(b):
        return b, "", ()
    parts = []
    for tok in toks:
        if tok.isdigit():
            parts.append(tok)
            continue
        sk = _arabic_skeleton(tok) if is_arabic(tok) else _latin_skeleton(tok)
        parts.append(_squeeze(sk.replace("y", "").replace("w", "")) if len(sk) > 1 else sk)
    return b, _squeeze("".join(parts)), tuple(p for p in parts if p)


_NOT_CONSONANTS = re.compile(r"[aeiouyw\s]")
_FINAL_VOWEL_H = re.compile(r"(?<=[aeiou])h\b")


@lru_cache(maxsize=200_000)
def consonants(key: str) -> str:
    """The literal consonant letters of a ``base`` key: vowels, y, w and a final ta-marbuta h dropped,
    doubled letters single.

    Stricter than ``skeleton`` (no sound classes, h kept): Saada, Sadah and Sa'ada share it; Saada and
    Zada, or Hadid and Hud, do not.
    """
    return _squeeze(_NOT_CONSONANTS.sub("", _FINAL_VOWEL_H.sub("", key)))


@lru_cache(maxsize=200_000)
def unmarked(key: str) -> str:
    """A ``base`` key without word-final ta-marbuta h (Saadah -> saada, Raqqah -> raqqa)."""
    return _FINAL_VOWEL_H.sub("", key)


def trigrams(key: str) -> set[str]:
    padded = f"^{key}$"
    return {padded[i:i + 3] for i in range(max(1, len(padded) - 2))}


__all__ = ["base", "consonants", "fold", "is_arabic", "keys", "normalise_arabic", "skeleton", "token_skeletons", "tokens", "trigrams", "unmarked"]
