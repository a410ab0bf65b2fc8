"""``Capped``: an input stored only in part because a limit was reached, said out loud.

Limits (5,000 comments a page, a maximum reply depth) bound what an adversarial
page can cost, but a silent cap is silent data loss. A reader that hits one
yields a ``Capped`` beside the Document it did store. It is a ``BadInput`` so
that every caller that quarantines bad inputs also records the cap in the
quarantine table, with the input's name and what was left out; ``IngestStats.capped``
lists them for the summary.
"""

from __future__ import annotations

from frontlines.errors import BadInput


class Capped(BadInput):
    """Part of ``input_name`` was stored; ``reason`` says which limit cut what."""


__all__ = ["Capped"]
