"""Versions stamped on every stored row.

``PIPELINE_VERSION`` changes whenever extraction output could change, so that a
re-run after an upgrade knows which documents to reprocess.
"""

__version__ = "0.1.0"
# Bumped in session 7 (2026-12-03): the sub-type model is on by default and the occurrence rules changed,
# so mentions stored by earlier builds are stale.
PIPELINE_VERSION = "frontlines-0.1.0+s8"
