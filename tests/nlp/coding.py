"""What the rules code, sentence by sentence: the shared reader of the rule-level tests."""

from __future__ import annotations

from datetime import date

from frontlines.nlp.events import detect_events


def sub_event_types(nlp, text: str, when: date | None = None) -> list[str]:
    """The sub-types ``detect_events`` gives each sentence of ``text``, in order (no sub-type model)."""
    return [e.sub_event_type for s in nlp(text).sents for e in detect_events(s, when=when)]
