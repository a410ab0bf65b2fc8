"""Situation reports from the fused store: a cited brief by area and day, as Markdown or one HTML file.

``write_report(store, out=None, fmt="md", place=None, since=None, until=None)``
builds the brief (``brief.build_brief``), draws its map (``chart.event_map``)
and renders it (``render``). Markdown writes the map as a PNG beside the file;
HTML embeds it, so the HTML is one self-contained file.
"""

from __future__ import annotations

from pathlib import Path

from frontlines.errors import FrontlinesError
from frontlines.fusion.places import PolygonIndex
from frontlines.report.brief import Brief, build_brief
from frontlines.report.render import to_html, to_markdown


def write_report(store, out: str | Path | None = None, fmt: str = "md", place: str | None = None,
                 since=None, until=None, image: bool = True) -> tuple[str, Brief]:
    """Render the brief; write it to ``out`` when given. Returns (text, brief)."""
    if fmt not in ("md", "html"):
        raise FrontlinesError(f"report: unknown format {fmt!r} (use md or html)")
    brief = build_brief(store, place=place, since=since, until=until)
    png = None
    if image and brief.n_events:
        from frontlines.report.chart import event_map

        png = event_map(brief, PolygonIndex.from_store(store))
    if fmt == "html":
        text = to_html(brief, png)
    else:
        image_name = None
        if png and out is not None:
            img = Path(out).with_suffix(".png")
            img.write_bytes(png)
            image_name = img.name
        text = to_markdown(brief, image_name)
    if out is not None:
        Path(out).write_text(text, encoding="utf-8")
    return text, brief


__all__ = ["Brief", "build_brief", "write_report"]
