"""Versions stamped on every stored row.

``PIPELINE_VERSION`` changes whenever extraction output could change, so that a
re-run after an upgrade knows which documents to reprocess.
"""

__version__ = "0.1.0"
# Bumped in session 7 (2026-12-03: the sub-type model on by default, the occurrence rules) and in session 8
# (corpus v3 and both models rebuilt, the hazard, crime and protest readings): mentions stored by earlier
# builds are stale.
PIPELINE_VERSION = "frontlines-0.1.0+s8"
