from __future__ import annotations

from datetime import date

import pytest

from .builders import doc


@pytest.fixture
def d():
    """A document factory with distinct texts."""
    def make(title, source="Meridian Wire", day=date(2016, 11, 27), text=None, url=None):
        return doc(title, text or f"{title}. Reporting from the field about {title.lower()}.", source, day, url)
    return make
