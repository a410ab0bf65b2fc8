"""A test hook: die by SIGKILL at a named point of a run, so a test can stop ``frontlines run`` exactly there.

WHY a hook and not a timer: the kill-and-resume test must hit points inside
ingest, extraction and fusion (between a batch's reading and its commit, between
a stage's commit and the next stage) on any machine, fast or slow. Timing kills
land wherever the machine happens to be; this lands where the test says.

``FRONTLINES_TEST_KILL_AT=stage:n`` (for example ``fuse:3``) sends the process
SIGKILL the n-th time ``reached(stage)`` runs. It is read only by the tests
(tests/test_resume.py); with the variable unset, as everywhere else, ``reached``
costs one comparison. SIGKILL, not an exception: no ``finally``, no rollback,
no atexit runs, exactly like the OOM killer or a pulled plug.
"""

from __future__ import annotations

import os
import signal

ENV = "FRONTLINES_TEST_KILL_AT"
_target: tuple[str, int] | None = None
_seen: dict[str, int] = {}


def _parse(value: str | None) -> tuple[str, int] | None:
    if not value or ":" not in value:
        return None
    stage, _, n = value.rpartition(":")
    return (stage, int(n)) if n.isdigit() else None


_target = _parse(os.environ.get(ENV))


def reached(stage: str) -> None:
    """Count one pass through a kill point of ``stage``; die there if the test asked for this one."""
    if _target is None or _target[0] != stage:
        return
    _seen[stage] = _seen.get(stage, 0) + 1
    if _seen[stage] == _target[1]:
        os.kill(os.getpid(), signal.SIGKILL)


__all__ = ["ENV", "reached"]
