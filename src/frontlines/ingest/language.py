"""A cheap language guess from script and function words; good enough to route documents.

The NLP stage is English-only for now, so what matters is telling English from
everything else (and Arabic, which this project's sources often carry) without a
model download. Documents keep ``None`` when the evidence is thin.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_FUNCTION_WORDS = {
    "en": {"the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "said", "by", "it"},
    "fr": {"le", "la", "les", "des", "et", "en", "un", "une", "du", "est", "que", "dans", "pour", "par"},
    "es": {"el", "la", "los", "las", "de", "y", "en", "que", "un", "una", "por", "con", "para", "del"},
    "de": {"der", "die", "das", "und", "in", "den", "von", "zu", "mit", "ist", "des", "sich", "auf", "nicht"},
    "tr": {"ve", "bir", "bu", "da", "de", "ile", "için", "olarak", "çok", "daha", "gibi", "sonra"},
}


_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def guess_language(text: str, min_words: int = 5) -> str | None:
    sample = text[:1500]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return None
    if len(_ARABIC.findall(sample)) / letters > 0.5:
        return "ar"
    if len(_CYRILLIC.findall(sample)) / letters > 0.5:
        return "ru"
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < min_words:
        return None
    scores = {lang: sum(1 for w in words if w in fw) / len(words) for lang, fw in _FUNCTION_WORDS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 0.08 else None
