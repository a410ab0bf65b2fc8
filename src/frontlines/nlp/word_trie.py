"""A regular-expression alternation of many literal words, written as a character trie.

WHY: the actor registry finds its ~1,400 aliases with one alternation, longest first
(``a-long-name|a-name|...``). Python's ``re`` tries every branch in turn at every word start, so one
pass over a document cost more than the actors' rules themselves, and a document is scanned
several times (its actors, its country, each event sentence). The trie pattern
(``a(?:-(?:long-name|name))``) tries at most one branch per character that can follow.

It matches exactly what the sorted alternation matches: at a position the only words that can match
are prefixes of the text there, one per length; the sorted alternation tries them longest first, and
so does the trie, whose continuations come before a word ending at the same node. Backtracking
into the pattern (a lookahead or a later part failing) therefore tries the same words in the same
order, groups included.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # a key no character can be: marks a word ending at a node


def _node_pattern(node: dict) -> str:
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        # a word ends here: the longer words through this node first, then this one
        return "(?:" + "|".join(branches) + ")?" if len(branches) > 1 else "(?:" + body + ")?"
    return body


def trie_alternation(words: Iterable[str]) -> str:
    """A pattern matching the same strings, in the same order of preference, as
    ``"|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))``, for use inside ``(?:...)``."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[_END] = {}
    pattern = _node_pattern(root)
    if _END in root and not pattern:
        return ""  # only the empty word
    return pattern


__all__ = ["trie_alternation"]
