"""frontlines: conflict reporting in, sourced, geocoded, dated ACLED-compatible event data out.

The public API mirrors the data flow in DESIGN.md::

    import frontlines
    docs = frontlines.ingest("examples/")          # -> list[Document]
    summary = frontlines.run("examples/reports/", db="x.duckdb")   # ingest, extract, store, fuse
    frontlines.Store("x.duckdb").events(canonical=True).to_pandas()
"""

from frontlines.document import Comment, Document
from frontlines.errors import BadInput, FrontlinesError
from frontlines.ingest import ingest, iter_inputs
from frontlines.mention import ActorRef, Claim, Count, DateRef, EventMention, Location, PlaceMention
from frontlines.store import Store
from frontlines.version import PIPELINE_VERSION, __version__


def run(paths, db="frontlines.duckdb", **options):
    """Ingest, extract, store and fuse ``paths`` into ``db``: ``frontlines.orchestrator.run``."""
    from frontlines.orchestrator import run as _run

    return _run(paths, db, **options)


__all__ = [
    "PIPELINE_VERSION",
    "ActorRef",
    "BadInput",
    "Claim",
    "Comment",
    "Count",
    "DateRef",
    "Document",
    "EventMention",
    "FrontlinesError",
    "Location",
    "PlaceMention",
    "Store",
    "__version__",
    "ingest",
    "iter_inputs",
    "run",
]
