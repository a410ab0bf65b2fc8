"""Fixtures shared by the rule tests: the parse without frontlines components, and the default registry.

A test module that needs the full pipeline defines its own ``nlp``.
"""

from __future__ import annotations

import pytest

from frontlines.nlp.actors import ActorRegistry
from frontlines.nlp.pipeline import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(components=False)


@pytest.fixture(scope="module")
def reg():
    return ActorRegistry.default()
