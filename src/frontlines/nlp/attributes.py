"""A memoised drop-in for spaCy's ``attribute_ruler``: same output, a dictionary lookup per token.

WHY: in ``en_core_web_sm`` the attribute ruler (tag -> POS/morphology map plus
a few exceptions) runs a ``Matcher`` with ~180 patterns over every token and
builds a ``Span`` per match; on news text it costs 12-15 % of the whole parse,
as much as the dependency parser itself. Yet all but a handful of its patterns
look at one token only, through a few attributes (TAG, LOWER, DEP, IS_SPACE),
so what it writes on a token is a function of those values: which patterns
each attribute value allows is computed once per value, what a combination
writes once per set of matching patterns, and each token is then a lookup. The few multi-token patterns
("gon na", "let 's") are still checked position by position, and a token they
hit gets every matching rule applied one by one in rule order, exactly as the
stock component does (later rules win).

The memo reads the stock ruler's own patterns and normalised attributes, so it
follows whatever model is loaded; a pattern it cannot evaluate exactly
(quantifiers, other attributes or operators) makes ``from_ruler`` return
``None`` and the stock component stays in place. Equality with the stock
component is checked token by token in ``tests/nlp/test_attributes.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy import attrs as spacy_attrs
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# Matcher attributes the memo evaluates -> whether the token's value is a string (else a 0/1 flag)
_ATTRS = {"TAG": True, "LOWER": True, "DEP": True, "ORTH": True, "NORM": True, "POS": True, "LEMMA": True,
          "IS_SPACE": False, "IS_PUNCT": False, "IS_ALPHA": False, "IS_DIGIT": False, "LIKE_NUM": False}
_ALIASES = {"TEXT": "ORTH"}

# A condition on one attribute: the values it accepts (equality, IN), or a predicate (NOT_IN, REGEX).
Test = tuple[frozenset | None, Callable[[Any], bool] | None]
_MEMO_LIMIT = 500_000


def _test(spec: Any) -> Test | None:
    """A condition equal to the Matcher's for one attribute value spec, or None if unsupported."""
    if isinstance(spec, (str, bool, int)):
        return frozenset([spec]), None
    if isinstance(spec, dict) and len(spec) == 1:
        (op, arg), = spec.items()
        if op == "IN" and isinstance(arg, list):
            return frozenset(arg), None
        if op == "NOT_IN" and isinstance(arg, list):
            return None, lambda v, a=frozenset(arg): v not in a
        if op == "REGEX" and isinstance(arg, str):
            return None, lambda v, rx=re.compile(arg): isinstance(v, str) and rx.search(v) is not None
    return None


class MemoAttributeRuler:
    """Applies an ``AttributeRuler``'s rules with per-signature memoisation (see the module docstring)."""

    def __init__(self, name: str, attrs: list[str], rules: list[tuple[int, list[list[tuple[int, Test]]], int]],
                 normed: list[dict], strings):
        self.name = name
        self._names = attrs  # the token attributes that patterns look at, in key order
        self._ids = [getattr(spacy_attrs, a) for a in attrs]
        self._is_str = [_ATTRS[a] for a in attrs]
        self._single = [(rid, toks[0]) for rid, toks, _ in rules if len(toks) == 1]
        self._multi = [(rid, toks, index) for rid, toks, index in rules if len(toks) > 1]
        # Every one-token condition set ("spec") gets a bit: the one-token rules, then each token of each
        # multi-token rule. A token satisfies a spec when each of its attribute values does.
        self._specs: list[list[tuple[int, Test]]] = [conds for _rid, conds in self._single]
        self._spec_of: dict[tuple[int, int], int] = {}
        for k, (_rid, toks, _index) in enumerate(self._multi):
            for j, conds in enumerate(toks):
                self._spec_of[(k, j)] = len(self._specs)
                self._specs.append(conds)
        self._normed = normed
        self._strings = strings
        # per attribute: specs that do not look at it, specs accepting listed values, specs with a predicate
        self._free = [0] * len(attrs)
        self._listed: list[dict[Any, int]] = [{} for _ in attrs]
        self._predicates: list[list[tuple[int, Callable[[Any], bool]]]] = [[] for _ in attrs]
        for bit, conds in enumerate(self._specs):
            constrained = set()
            for i, (values, predicate) in conds:
                constrained.add(i)
                if values is not None:
                    for v in values:
                        self._listed[i][v] = self._listed[i].get(v, 0) | 1 << bit
                else:
                    self._predicates[i].append((bit, predicate))
            for i in range(len(attrs)):
                if i not in constrained:
                    self._free[i] |= 1 << bit
        self._by_value: list[dict[int, int]] = [{} for _ in attrs]  # attribute -> value -> specs it allows
        self._by_mask: dict[int, tuple[dict, tuple[int, ...], tuple[tuple[int, int], ...]]] = {}
        self._memo: dict[tuple, tuple[dict, tuple[int, ...], tuple[tuple[int, int], ...]]] = {}

    @classmethod
    def from_ruler(cls, ruler, name: str = "attribute_ruler") -> MemoAttributeRuler | None:
        """The memo for a stock ``AttributeRuler``, or None when one of its patterns is not supported."""
        used: list[str] = []
        rules = []
        for rid, rule in enumerate(ruler.patterns):
            alternatives = rule["patterns"]
            for pattern in alternatives:
                toks = []
                for spec in pattern:
                    conds = []
                    for key, value in spec.items():
                        key = _ALIASES.get(key.upper(), key.upper())
                        test = _test(value)
                        if key not in _ATTRS or test is None:
                            return None  # "OP", "_" extensions, other operators: keep the stock component
                        if key not in used:
                            used.append(key)
                        conds.append((key, test))
                    toks.append(conds)
                if not toks:
                    return None
                rules.append((rid, toks, rule["index"]))
        pos = {a: i for i, a in enumerate(used)}
        compiled = [(rid, [[(pos[k], t) for k, t in conds] for conds in toks], index) for rid, toks, index in rules]
        return cls(name, used, compiled, list(ruler.attrs), ruler.vocab.strings)

    # -- per signature ---------------------------------------------------------------------
    def _allowed(self, i: int, value: int) -> int:
        """Bit mask of the specs that attribute ``i`` having ``value`` does not rule out (memoised)."""
        mask = self._by_value[i].get(value)
        if mask is None:
            v = self._strings[value] if self._is_str[i] else bool(value)
            mask = self._free[i] | self._listed[i].get(v, 0)
            for bit, predicate in self._predicates[i]:
                if predicate(v):
                    mask |= 1 << bit
            self._by_value[i][value] = mask
        return mask

    def _entry(self, key: tuple) -> tuple[dict, tuple[int, ...], tuple[tuple[int, int], ...]]:
        """(merged attributes of the one-token rules, their rule ids, (multi rule, position) pairs satisfied)."""
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        mask = -1
        for i, value in enumerate(key):
            mask &= self._allowed(i, value)
        hit = self._by_mask.get(mask)
        if hit is None:
            ids = tuple(sorted({rid for bit, (rid, _conds) in enumerate(self._single) if mask >> bit & 1}))
            merged: dict = {}
            for rid in ids:
                merged.update(self._normed[rid])
            multi = tuple(kj for kj, bit in self._spec_of.items() if mask >> bit & 1)
            hit = (merged, ids, multi)
            self._by_mask[mask] = hit
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()  # bounded memory on an endless stream; the per-value masks stay
        self._memo[key] = hit
        return hit

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        entries = [self._entry(tuple(row)) for row in doc.to_array(self._ids).reshape(n, -1).tolist()]
        extra: dict[int, list[int]] = {}
        if self._multi:
            for i, (_m, _ids, multi) in enumerate(entries):
                for k, j in multi:
                    if j:
                        continue
                    rid, toks, index = self._multi[k]
                    if i + len(toks) <= n and all((k, m) in entries[i + m][2] for m in range(1, len(toks))):
                        target = i + (index if index >= 0 else len(toks) + index)
                        if i <= target < i + len(toks):
                            extra.setdefault(target, []).append(rid)
        # every match is computed before any token is changed, as the Matcher does
        for i, (merged, ids, _multi) in enumerate(entries):
            if i in extra:
                token = doc[i]
                for rid in sorted((*ids, *extra[i])):
                    set_token_attrs(token, self._normed[rid])
            elif merged:
                set_token_attrs(doc[i], merged)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("frontlines_attributes", assigns=["token.pos", "token.morph", "token.lemma"],
                  requires=["token.tag", "token.dep"])
def make_memo_ruler(nlp: Language, name: str) -> MemoAttributeRuler:
    """Built from the pipeline's ``attribute_ruler`` (which must be present)."""
    memo = MemoAttributeRuler.from_ruler(nlp.get_pipe("attribute_ruler"), name)
    if memo is None:
        raise ValueError("attribute_ruler has patterns the memo cannot evaluate exactly")
    return memo


def memoise_attribute_ruler(nlp: Language) -> bool:
    """Run ``frontlines_attributes`` in place of the stock ``attribute_ruler`` (left in, disabled).

    Returns False, changing nothing, when the pipeline has no ruler or one the memo cannot reproduce.
    """
    if "attribute_ruler" not in nlp.pipe_names or "frontlines_attributes" in nlp.component_names:
        return False
    if MemoAttributeRuler.from_ruler(nlp.get_pipe("attribute_ruler")) is None:
        return False
    nlp.add_pipe("frontlines_attributes", before="attribute_ruler")
    nlp.disable_pipe("attribute_ruler")
    return True


__all__ = ["MemoAttributeRuler", "memoise_attribute_ruler"]
