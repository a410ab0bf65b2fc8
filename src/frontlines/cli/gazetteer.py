"""``frontlines gazetteer``: add, list, remove gazetteer sources, and look names up to debug matching."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from frontlines.cli import app, console
from frontlines.cli.options import DbOption
from frontlines.errors import FrontlinesError

gazetteer_app = typer.Typer(help="Manage the gazetteer: GeoNames dumps, GeoJSON/CSV layers, ACLED exports.",
                            no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("add")
def add(
    file: Path = typer.Argument(None, help="GeoNames dump (.txt/.zip), alternateNames, GeoJSON (file or folder), CSV."),
    fmt: str = typer.Option(None, "--format", help="geonames | alternatenames | geojson | csv (sniffed if omitted)."),
    name_field: list[str] = typer.Option(None, "--name-field", help="Property/column holding the name (repeatable)."),
    acled: Path = typer.Option(None, "--acled", help="An ACLED export CSV: its coded locations become entries."),
    source: str = typer.Option(None, "--source", help="Name to store it under (default: the file name)."),
    db: Path = DbOption,
) -> None:
    """Load a gazetteer file into the store. Adding the same file again changes nothing."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from frontlines.geo.sources import add_file
    from frontlines.store import Store

    if file is None and acled is None:
        raise FrontlinesError("gazetteer add: give a FILE or --acled EXPORT.csv")
    jobs = []
    if file is not None:
        jobs.append((file, fmt))
    if acled is not None:
        jobs.append((acled, "acled"))
    with Store(db) as store, Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                      console=console, transient=True) as progress:
        for path, kind in jobs:
            task = progress.add_task(f"loading {path}", total=None)
            result = add_file(store, path, fmt=kind, name_fields=name_field or None,
                              source=source if len(jobs) == 1 else None)
            progress.remove_task(task)
            verb = "added" if result.added else "already loaded (unchanged)"
            skipped = ", ".join(f"{n} {why}" for why, n in result.skipped.items())
            typer.echo(f"{result.source}: {result.entries} entries {verb} ({result.kind})"
                       + (f"; skipped {skipped}" if skipped else ""))


@gazetteer_app.command("list")
def list_(db: Path = DbOption) -> None:
    """Show the loaded sources."""
    from frontlines.geo.storage import list_sources
    from frontlines.store import Store

    with Store(db) as store:
        sources = list_sources(store)
    table = Table("source", "kind", "entries", "loaded", "path")
    table.add_row("default", "embedded", "countries, admin1, places >= 500", "built in", "")
    for s in sources:
        table.add_row(s.source, s.kind, str(s.n_entries), str(s.loaded_at or "")[:19], s.path or "")
    console.print(table)


@gazetteer_app.command("remove")
def remove(source: str = typer.Argument(..., help="Source name, as `gazetteer list` shows it."),
           db: Path = DbOption) -> None:
    """Delete a loaded source and its entries."""
    from frontlines.geo.storage import remove_source
    from frontlines.store import Store

    with Store(db) as store:
        n = remove_source(store, source)
    if n < 0:
        raise FrontlinesError(f"{source}: no such gazetteer source (see `frontlines gazetteer list`)")
    typer.echo(f"{source}: removed {n} entries")


@gazetteer_app.command("lookup")
def lookup(
    name: str = typer.Argument(..., help="A place name as written in a report."),
    country: str = typer.Option(None, "--country", help="Prefer places in this country (name or ISO code)."),
    context: list[str] = typer.Option(None, "--context", help="Other places the document names (repeatable)."),
    limit: int = typer.Option(10, "--limit"),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    db: Path = typer.Option(None, "--db", help="Store whose loaded sources to include.", envvar="FRONTLINES_DB"),
) -> None:
    """Show the candidates for NAME with their scores, and what resolution would pick."""
    from frontlines.geo import Geocoder, PlaceContext
    from frontlines.mention import PlaceMention
    from frontlines.store import Store

    store = Store(db, read_only=True) if db is not None and Path(db).exists() else None
    try:
        geocoder = Geocoder(store)
    finally:
        if store is not None:
            store.close()
    cands = geocoder.lookup(name, country=country, limit=limit)
    mention = PlaceMention(name)
    geocoder.resolve([mention], PlaceContext(document_places=context or [],
                                             outlet_country=country))
    if as_json:
        typer.echo(json.dumps({"candidates": [c.audit() for c in cands],
                               "resolved": mention.resolved.__dict__ if mention.resolved else None},
                              ensure_ascii=False, default=str))
        return
    if not cands:
        typer.echo(f"{name}: no confident match")
        return
    table = Table("score", "name", "matched", "match", "level", "country", "admin1", "lat", "lon", "source")
    for c in cands:
        a = c.audit()
        table.add_row(f"{c.score:.3f}", c.entry.name, c.matched_name, c.match, str(c.entry.level),
                      c.entry.country_code or "", c.entry.admin1 or "", str(a["latitude"]), str(a["longitude"]),
                      c.entry.source)
    console.print(table)
    r = mention.resolved
    if r is not None:
        typer.echo(f"resolved: {r.location} ({r.admin1 or '-'}, {r.country or '-'}) "
                   f"{r.latitude},{r.longitude} geo_precision {r.geo_precision}")
