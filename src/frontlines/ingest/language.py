"""A cheap language guess from script and function words; good enough to route documents.

WHY no model: routing only has to tell the languages frontlines codes (English
today, ``nlp.screening.CODED_LANGUAGES``) from everything else, before any parse
and without a download. Scripts decide most languages outright (Arabic, Cyrillic,
Han/kana, Hangul, Devanagari, Hebrew, Greek, Thai); Latin-script languages are told
apart by the share of their commonest function words, which every running text
has and a list of names or numbers has not. Documents keep ``None`` when the
evidence is thin (a headline, a caption), and ``english_share`` lets a caller
check a page that *declares* English (``<html lang="en">`` is often a CMS default)
against its text.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# "al-Kabeer" and "Sab'ein" are one name each, not the Spanish "al" and the German "ein"
_COMPOUND = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*", re.UNICODE)
# The commonest short function words of each language; words shared by several languages count for each.
_FUNCTION_WORDS = {
    "en": {"the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "said", "by", "it",
           "as", "at", "from", "his", "her", "has", "have", "are", "were", "be", "been", "this", "which", "who"},
    "fr": {"le", "la", "les", "des", "et", "en", "un", "une", "du", "est", "que", "dans", "pour", "par", "qui",
           "au", "aux", "sur", "pas", "avec", "ne", "se", "il", "elle", "ont", "été", "sont", "cette", "mais"},
    "es": {"el", "la", "los", "las", "de", "y", "en", "que", "un", "una", "por", "con", "para", "del", "se",
           "al", "es", "lo", "su", "sus", "como", "más", "pero", "fue", "ha", "han", "este", "esta", "también"},
    "pt": {"o", "os", "as", "de", "e", "em", "que", "um", "uma", "por", "com", "para", "do", "da", "dos", "das",
           "no", "na", "nos", "nas", "ao", "não", "se", "mais", "foi", "são", "é", "pelo", "pela", "também"},
    "it": {"il", "lo", "la", "gli", "le", "di", "e", "che", "un", "una", "per", "con", "del", "della", "dei",
           "nel", "nella", "non", "è", "sono", "si", "anche", "alla", "al", "da", "ha", "più", "questo", "ma"},
    "de": {"der", "die", "das", "und", "in", "den", "von", "zu", "mit", "ist", "des", "sich", "auf", "nicht",
           "ein", "eine", "dem", "im", "für", "auch", "es", "als", "wird", "wurde", "bei", "nach", "aus", "sie",
           "hat", "sind", "werden", "noch", "wie", "einem", "einer", "um", "über", "aber", "vor", "zum", "zur"},
    "nl": {"de", "het", "een", "en", "van", "in", "is", "op", "te", "dat", "die", "voor", "met", "zijn", "niet",
           "aan", "er", "ook", "om", "maar", "bij", "door", "naar", "wordt", "werd", "hij", "ze", "nog", "uit"},
    "sv": {"och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har", "de",
           "inte", "om", "ett", "var", "från", "men", "också", "efter", "han", "hon", "vid", "sig", "kan"},
    "no": {"og", "i", "det", "som", "en", "på", "er", "av", "for", "med", "til", "den", "har", "de", "ikke",
           "om", "et", "var", "fra", "men", "også", "etter", "han", "hun", "ved", "seg", "kan", "å", "så"},
    "da": {"og", "i", "det", "at", "som", "en", "på", "er", "af", "for", "med", "til", "den", "har", "de",
           "ikke", "om", "et", "var", "fra", "men", "også", "efter", "han", "hun", "ved", "sig", "kan", "så"},
    "pl": {"i", "w", "na", "z", "się", "nie", "do", "to", "że", "jest", "o", "jak", "po", "od", "za", "przez",
           "oraz", "dla", "ale", "był", "była", "są", "także", "przy", "już", "tym", "który", "która"},
    "cs": {"a", "v", "na", "se", "je", "z", "že", "to", "do", "o", "s", "by", "jako", "ve", "za", "pro", "jsou",
           "byl", "byla", "také", "který", "která", "které", "ale", "podle", "po", "od", "jeho", "už"},
    "tr": {"ve", "bir", "bu", "da", "de", "ile", "için", "olarak", "çok", "daha", "gibi", "sonra", "ama", "en",
           "olan", "kadar", "ise", "her", "şu", "değil", "göre", "ancak", "ya", "mi", "o"},
    "id": {"yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "dalam", "tidak", "ke", "akan", "pada",
           "juga", "oleh", "ada", "adalah", "tersebut", "atau", "karena", "sudah", "bisa", "kami", "mereka"},
    "sw": {"na", "ya", "wa", "kwa", "katika", "ni", "za", "la", "kuwa", "hiyo", "huo", "kwamba", "pia", "hii",
           "cha", "vya", "au", "lakini", "baada", "hadi", "kutoka", "wao", "yake", "zao"},
    "zu": {"ukuthi", "kanye", "futhi", "ngoba", "kodwa", "noma", "uma", "nje", "lokhu", "lapho", "kakhulu",
           "ngokuthi", "ukuze", "kusho", "wathi", "bathi", "kuthi", "ngesikhathi", "ngemuva", "emva", "kwaye",
           "ukuba", "kuba", "ngoko", "okanye", "kule", "kulo", "nokuba"},
    "vi": {"và", "của", "có", "là", "các", "được", "trong", "cho", "với", "một", "không", "những", "người",
           "này", "đã", "theo", "từ", "khi", "đến", "về", "tại", "cũng", "để", "năm"},
    "lt": {"ir", "kad", "yra", "su", "iš", "į", "bet", "tai", "jo", "jos", "buvo", "nuo", "per", "kaip", "dėl",
           "taip", "o", "apie", "ar", "jau", "bus", "kuris", "kurie", "tik"},
    "is": {"og", "að", "í", "á", "er", "sem", "um", "við", "til", "en", "var", "ekki", "með", "hann", "hún",
           "fyrir", "það", "frá", "eftir", "sig", "hafa", "hefur", "þess", "þar"},
}
_MIN_SHARE = 0.08
_MIN_HITS = 2  # one "de" or "in" in a short note decides nothing

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
# (language, characters): a text whose letters are mostly of one script is in that script's language.
_SCRIPTS = (
    ("ar", re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")),
)
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def english_share(text: str, limit: int = 4000) -> tuple[float, int]:
    """The share of English function words among the words of ``text`` (its first ``limit`` characters)."""
    words = _words(text[:limit])
    if not words:
        return 0.0, 0
    fw = _FUNCTION_WORDS["en"]
    return sum(1 for w in words if w in fw) / len(words), len(words)


def guess_language(text: str, min_words: int = 5, limit: int = 1500) -> str | None:
    """An ISO 639-1 code from the text's script or its function words; None when the evidence is thin."""
    sample = text[:limit]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return None
    cjk = len(_KANA.findall(sample)) + len(_HAN.findall(sample))
    if cjk / letters > 0.3:
        # kana appear in every Japanese sentence and in no Chinese one
        return "ja" if len(_KANA.findall(sample)) / max(cjk, 1) > 0.1 else "zh"
    for lang, chars in _SCRIPTS:
        if len(chars.findall(sample)) / letters > 0.5:
            if lang == "ru" and _UKRAINIAN.search(sample):
                return "uk"
            return lang
    words = _COMPOUND.findall(sample)
    if len(words) < min_words:
        return None
    # function words are written in lower case: "Al-Dhaher" or "La Paz" are names, not Spanish
    lower = [w for w in words if w.islower()]
    hits = {lang: sum(1 for w in lower if w in fw) for lang, fw in _FUNCTION_WORDS.items()}
    best = max(hits, key=lambda lang: (hits[lang], lang == "en"))
    if hits[best] < _MIN_HITS or hits[best] / len(words) < _MIN_SHARE:
        return None
    if best != "en" and hits[best] <= hits["en"] + 1:
        return None  # as much English as anything else: too close to call
    return best


__all__ = ["english_share", "guess_language"]
