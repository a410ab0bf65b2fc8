"""Versions stamped on every stored row.

``PIPELINE_VERSION`` changes whenever extraction output could change, so that a
re-run after an upgrade knows which documents to reprocess.
"""

__version__ = "0.1.0"
PIPELINE_VERSION = "frontlines-0.1.0"
