"""A small map of the brief's events (matplotlib, offline), as PNG bytes.

Events are points at their coordinates, coloured by event type and sized by
independent sources, over the neighbourhood polygons the gazetteer holds for
the area shown. Without coordinates, a bar chart of events per day instead.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from frontlines.fusion.places import PolygonIndex  # noqa: E402
from frontlines.report.brief import Brief  # noqa: E402

_COLOURS = {"Battles": "#d62728", "Explosions/Remote violence": "#ff7f0e", "Violence against civilians": "#9467bd",
            "Protests": "#2ca02c", "Riots": "#8c564b", "Strategic developments": "#1f77b4"}


def event_map(brief: Brief, polygons: PolygonIndex | None = None) -> bytes:
    items = [it for a in brief.areas for d in a.days for it in d.items]
    pts = [it for it in items if it.latitude is not None and it.longitude is not None]
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    try:
        if pts:
            xs, ys = [p.longitude for p in pts], [p.latitude for p in pts]
            pad = 0.02 + 0.1 * max(max(xs) - min(xs), max(ys) - min(ys))
            x0, x1, y0, y1 = min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad
            for poly in (polygons.polygons if polygons else []):
                bx0, by0, bx1, by1 = poly.bbox
                if bx1 < x0 or bx0 > x1 or by1 < y0 or by0 > y1:
                    continue
                for ring in poly.rings:
                    ax.fill(ring[:, 0], ring[:, 1], facecolor="#eeeeee", edgecolor="#bbbbbb", linewidth=0.4)
            seen = set()
            for p in pts:
                colour = _COLOURS.get(p.event_type, "#7f7f7f")
                label = p.event_type if p.event_type not in seen else None
                seen.add(p.event_type)
                ax.scatter([p.longitude], [p.latitude], s=30 + 40 * p.n_independent, c=colour, alpha=0.75,
                           edgecolors="black", linewidths=0.5, label=label, zorder=3)
            ax.set_xlim(x0, x1)
            ax.set_ylim(y0, y1)
            ax.set_aspect("equal", adjustable="box")
            ax.set_xlabel("longitude")
            ax.set_ylabel("latitude")
            ax.legend(fontsize=7, loc="best")
            ax.set_title(f"{len(pts)} located events (size = independent sources)", fontsize=9)
        else:
            per_day: dict[str, int] = {}
            for a in brief.areas:
                for d in a.days:
                    per_day[d.day] = per_day.get(d.day, 0) + len(d.items)
            days = sorted(per_day)
            ax.bar(range(len(days)), [per_day[d] for d in days], color="#1f77b4")
            ax.set_xticks(range(len(days)), days, rotation=45, ha="right", fontsize=7)
            ax.set_ylabel("events")
            ax.set_title("Events per day (no coordinates resolved)", fontsize=9)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", metadata={"Software": None})
        return buf.getvalue()
    finally:
        plt.close(fig)
