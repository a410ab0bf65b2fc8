"""Places: a gazetteer in DuckDB, transliteration-aware matching, context disambiguation.

Public surface: ``Geocoder`` (``lookup``, ``resolve``), ``PlaceContext``,
``Candidate``; loaders and storage live in ``frontlines.geo.loaders`` and
``frontlines.geo.storage``; ``frontlines.geo.sources.add_file`` is what the CLI calls.
"""

from frontlines.geo.geocoder import Candidate, Geocoder, PlaceContext, parse_phrase

__all__ = ["Candidate", "Geocoder", "PlaceContext", "parse_phrase"]
