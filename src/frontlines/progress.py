"""Progress bars for long loops, shared by every stage (rich, on stderr).

WHY one helper: evaluation, training and extraction all loop over thousands of
texts; each shows the same bar when asked and stays silent in tests and the gate.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def track(items: Iterable[T], total: int, description: str, show: bool) -> Iterator[T]:
    """A rich progress bar on stderr when ``show``; the bare iterator otherwise (tests, the gate)."""
    if not show:
        yield from items
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True
    ) as progress:
        task = progress.add_task(description, total=total)
        for item in items:
            yield item
            progress.advance(task)


__all__ = ["track"]
