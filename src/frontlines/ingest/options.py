"""``IngestOptions``: every knob the readers honour, built once from the CLI or the Python API.

One options object (as trafilatura's ``settings``) keeps readers free of global
state and lets the CLI, ``frontlines.ingest(...)`` and tests configure them the
same way. Limits live here because they are security decisions, not reader details.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

MIB = 1024 * 1024


@dataclass(frozen=True)
class IngestOptions:
    """Column mapping, overrides and resource limits for one ingestion run."""

    # Tabular corpora: column names; None means "guess from common names" (see ``table.py``).
    text_col: str | None = None
    title_col: str | None = None
    date_col: str | None = None
    id_col: str | None = None
    source_col: str | None = None
    # Overrides applied to every document read (the CLI's ``--published`` / ``--source``).
    published: date | str | None = None  # ISO text is read into a date
    source: str | None = None
    # Resource limits. A file larger than ``max_bytes`` is refused before it is read;
    # decompressed data may grow to ``max_decompressed_bytes`` and at most
    # ``max_ratio`` times its compressed size (zip-bomb guard).
    max_bytes: int = 20 * MIB
    max_decompressed_bytes: int = 200 * MIB
    max_ratio: int = 100
    max_archive_members: int = 10_000
    # Directories: follow into sub-directories, skip hidden files.
    recursive: bool = True

    def __post_init__(self) -> None:
        # The Python API is called with ``published="2016-11-29"`` as often as with a date; read the ISO
        # text here, once, rather than fail deep in the store's typed columns after the whole batch was read.
        if isinstance(self.published, str):
            try:
                object.__setattr__(self, "published", date.fromisoformat(self.published.strip()))
            except ValueError:
                raise ValueError(f"published: {self.published!r} is not a date (YYYY-MM-DD)") from None
        elif self.published is not None and not isinstance(self.published, date):
            raise TypeError(f"published: expected a date or YYYY-MM-DD text, not {type(self.published).__name__}")

    @classmethod
    def from_kwargs(cls, **kwargs) -> IngestOptions:
        """Build from keyword arguments, refusing unknown names so typos fail loudly."""
        known = {f.name for f in fields(cls)}
        unknown = set(kwargs) - known
        if unknown:
            raise TypeError(f"unknown ingest option(s): {', '.join(sorted(unknown))}")
        return cls(**{k: v for k, v in kwargs.items() if v is not None})
