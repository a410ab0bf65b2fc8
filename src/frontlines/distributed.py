"""``frontlines run --engine dask``: the same stage functions on a Dask cluster, merged into one store.

WHY this shape:

- **Shards are input files** (a WARC, a JSONL, a CSV, a folder's pages):
  a worker ingests and extracts one shard into a private, temporary DuckDB
  file with the library's own functions (``read_file``, ``Store.add_documents``,
  ``orchestrator.extract_store``), exactly as ``frontlines run`` does, then
  writes that shard's tables as **Parquet partitions**. Nothing on a worker
  touches the user's store, so any number of workers run at once.
- **A partition appears whole or not at all**: it is written into a temporary
  folder and renamed into place, marked ``_DONE``. A killed worker leaves no
  partition; Dask reruns its task (``retries``, and its own recomputation of
  a lost worker's tasks), and a task whose partition already exists returns
  at once. A rerun of the whole command reuses finished partitions.
- **The merge is idempotent**, keyed by ``doc_id`` and ``mention_id``: rows
  already in the store are left alone, and a document's mentions are replaced
  only when the store holds no extraction of it by this pipeline version. The
  parent merges partitions in input order (not completion order), one
  transaction each, so the store ends up as a one-process run leaves it.
- **Fusion runs after the merge**, on the whole store, as in ``frontlines run``.

Deployment (a LocalCluster, dask-jobqueue on SLURM, Kubernetes) is in
``docs/cluster.md``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frontlines.errors import BadInput, FrontlinesError

if TYPE_CHECKING:  # pragma: no cover
    from frontlines.ingest.options import IngestOptions
    from frontlines.store import Store

# Tables a shard carries, and the key that makes merging them idempotent.
SHARD_TABLES: dict[str, tuple[str, ...] | None] = {
    "documents": ("doc_id",),
    "comments": ("doc_id", "comment_id"),
    "quarantine": ("input", "reason"),  # not a primary key: deduplicated as Store.quarantine does
    "extractions": ("doc_id", "pipeline_version"),
    "mentions": ("mention_id",),
    "screening": ("doc_id", "pipeline_version"),
}
_BY_VALUE = {"quarantine"}  # tables without a primary key (an id sequence): matched on their key columns
DONE = "_DONE"
CAPPED = "_CAPPED.json"  # inputs stored in part, as "input: reason" (a JSON list)
_GEOCODERS: dict[str, Any] = {}


@dataclass
class ShardResult:
    """What one shard produced: where its partition lies and how many rows of each table it holds."""

    shard: str
    partition: str
    rows: dict[str, int] = field(default_factory=dict)
    capped: list[str] = field(default_factory=list)  # "input: reason" of inputs stored in part (not quarantined)


def shard_id(path: str) -> str:
    """A stable name for a shard's partition: its path, size and modification time (a changed file is new)."""
    st = os.stat(path)
    return hashlib.sha1(f"{os.path.abspath(path)}\0{st.st_size}\0{st.st_mtime_ns}".encode()).hexdigest()[:20]


def _geocoder(layers: list | None):
    """One geocoder per worker process and user gazetteer (the shipped layer loads from its cache)."""
    if layers is None:
        return None
    key = ",".join(f"{getattr(g, 'name', '')}:{len(list(g))}" for g in layers)
    if key not in _GEOCODERS:
        from frontlines.geo import Geocoder

        _GEOCODERS[key] = Geocoder(None, layers=list(layers))
    return _GEOCODERS[key]


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def process_shard(path: str, options: IngestOptions, out_root: str, layers: list | None,
                  extract: Callable[..., Any]) -> ShardResult:
    """Ingest and extract one input file into a Parquet partition under ``out_root`` (idempotent).

    ``extract`` is the orchestrator's ``extract_store``: the engine runs the stage functions it is
    handed, so this module never reaches back up into the orchestrator.
    """
    from frontlines.ingest import Capped, IngestStats, read_file
    from frontlines.store import Store

    final = Path(out_root) / f"shard-{shard_id(path)}"
    if (final / DONE).exists():
        return _result(path, final)
    tmp = Path(out_root) / f".tmp-{uuid.uuid4().hex}"
    tmp.mkdir(parents=True)
    try:
        with Store(tmp / "shard.duckdb") as st:
            docs, capped = [], []
            for out in read_file(Path(path), options, IngestStats()):
                if isinstance(out, BadInput):  # a Capped input is on record too, as the local engine keeps it
                    st.quarantine(out.input_name, out.reason, out.detail, reader=None)
                    if isinstance(out, Capped):
                        capped.append(f"{out.input_name}: {out.reason}")
                else:
                    docs.append(out)
            st.add_documents(docs, [path] * len(docs))
            extract(st, progress=False, geocoder=_geocoder(layers), jobs=1)
            for table in SHARD_TABLES:
                if table in st.tables():
                    st.con.execute(f"COPY {table} TO {_quote(tmp / (table + '.parquet'))} (FORMAT parquet)")
        (tmp / "shard.duckdb").unlink()
        for extra in tmp.glob("shard.duckdb*"):
            extra.unlink()
        # what was stored in part travels with the partition, so a re-used partition reports it the same way
        (tmp / CAPPED).write_text(json.dumps(capped), encoding="utf-8")
        (tmp / DONE).write_text(path + "\n", encoding="utf-8")
        try:
            os.rename(tmp, final)
        except OSError:  # a duplicate attempt finished first: its partition is the same
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return _result(path, final)


def _result(path: str, final: Path) -> ShardResult:
    capped = final / CAPPED
    return ShardResult(path, str(final), _row_counts(final),
                       json.loads(capped.read_text(encoding="utf-8")) if capped.exists() else [])


def _row_counts(partition: Path) -> dict[str, int]:
    import pyarrow.parquet as pq

    return {p.stem: pq.ParquetFile(p).metadata.num_rows for p in sorted(partition.glob("*.parquet"))}


def merge_partition(store: Store, partition: str | Path) -> dict[str, int]:
    """Fold one partition into ``store`` in one transaction; rows already there stay as they are."""
    partition = Path(partition)
    if not (partition / DONE).exists():
        raise FrontlinesError(f"{partition}: not a finished partition (no {DONE} marker)")
    added: dict[str, int] = {}
    tables = set(store.tables())
    with store.transaction() as con:
        fresh_docs = None
        ext = partition / "extractions.parquet"
        if ext.exists():
            # documents whose extraction by this version the store lacks: their old mentions make way
            fresh_docs = [r[0] for r in con.execute(
                "SELECT DISTINCT p.doc_id FROM read_parquet(?) p WHERE NOT EXISTS (SELECT 1 FROM extractions e "
                "WHERE e.doc_id = p.doc_id AND e.pipeline_version = p.pipeline_version)", [str(ext)]).fetchall()]
            for doc_id in fresh_docs:
                con.execute("DELETE FROM mentions WHERE doc_id = ?", [doc_id])
                con.execute("DELETE FROM extractions WHERE doc_id = ?", [doc_id])
        for table, keys in SHARD_TABLES.items():
            file = partition / f"{table}.parquet"
            if table not in tables or not file.exists():
                continue
            have = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
            given = {r[0] for r in con.execute("SELECT name FROM parquet_schema(?)", [str(file)]).fetchall()}
            by_value = table in _BY_VALUE
            cols = [c for c in have if c in given and not (by_value and c == "id")]
            col_list = ", ".join(cols)
            before = store.count(table)
            if by_value:
                match = " AND ".join(f"x.{c} IS NOT DISTINCT FROM p.{c}" for c in keys)
                con.execute(f"INSERT INTO {table} ({col_list}) SELECT {', '.join('p.' + c for c in cols)} "
                            f"FROM read_parquet(?) p WHERE NOT EXISTS (SELECT 1 FROM {table} x WHERE {match})",
                            [str(file)])
            else:
                con.execute(f"INSERT OR IGNORE INTO {table} ({col_list}) SELECT {col_list} FROM read_parquet(?)",
                            [str(file)])
            added[table] = store.count(table) - before
    return added


def run_shards(store: Store, paths: Sequence[str], options: IngestOptions, *, extract: Callable[..., Any],
               geocoder_for: Callable[..., Any], scheduler: str | None = None, workers: int = 2,
               partitions: str | Path | None = None, geocode: bool = True, progress: bool = False,
               retries: int = 3) -> list[ShardResult]:
    """Ingest and extract ``paths`` on a Dask cluster, then merge every partition into ``store``.

    ``scheduler``: the address of a running scheduler (``tcp://host:8786``); without one a
    ``LocalCluster`` of ``workers`` single-threaded processes is started and stopped here.
    ``partitions``: where the Parquet partitions go (a folder every worker can write, e.g. a shared
    file system); by default beside the store. ``extract`` and ``geocoder_for`` are the
    orchestrator's stage functions (``frontlines.orchestrator.run`` passes them).
    """
    from dask.distributed import Client, LocalCluster, as_completed

    from frontlines.ingest import source

    out_root = Path(partitions or (Path(store.path).parent / (Path(store.path).name + ".partitions")))
    out_root.mkdir(parents=True, exist_ok=True)
    shards: list[str] = []
    for item in source.expand(list(paths), options):
        if isinstance(item, BadInput):
            store.quarantine(item.input_name, item.reason, item.detail, reader=None)
        elif item != source.STDIN:
            shards.append(str(item))
    layers = None
    if geocode:
        geocoder = geocoder_for(store)
        layers = None if geocoder is None else [g for g in geocoder.layers
                                                 if g is not getattr(geocoder, "_default_layer", None)]
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        layers_f = client.scatter(layers, broadcast=True) if layers else layers
        futures = [client.submit(process_shard, s, options, str(out_root), layers_f, extract,
                                 key=f"shard-{shard_id(s)}", retries=retries, pure=False) for s in shards]
        from rich.progress import Progress

        with Progress(disable=not progress) as bar:
            task = bar.add_task("shards", total=len(futures))
            for _ in as_completed(futures):
                bar.update(task, advance=1)
        results = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    for r in results:  # input order, not completion order: the store ends as a one-process run leaves it
        merge_partition(store, r.partition)
    return results


__all__ = ["SHARD_TABLES", "ShardResult", "merge_partition", "process_shard", "run_shards", "shard_id"]
