"""Point-in-polygon and distances in pure numpy (DuckDB's spatial extension is not available offline).

Geometries are GeoJSON dicts (Polygon or MultiPolygon, lon/lat order), as the
gazetteer stores them. Holes are honoured with the even-odd rule.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

EARTH_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def _rings(geometry: dict[str, Any]) -> list[list[np.ndarray]]:
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        polys = [coords]
    elif kind == "MultiPolygon":
        polys = coords
    else:
        return []
    return [[np.asarray(ring, dtype=float)[:, :2] for ring in poly if len(ring) >= 3] for poly in polys]


def _in_ring(x: float, y: float, ring: np.ndarray) -> bool:
    xs, ys = ring[:, 0], ring[:, 1]
    xj, yj = np.roll(xs, 1), np.roll(ys, 1)
    crosses = (ys > y) != (yj > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        x_at = (xj - xs) * (y - ys) / (yj - ys) + xs
    return bool(np.count_nonzero(crosses & (x < x_at)) % 2)


def contains(geometry: dict[str, Any] | None, lat: float, lon: float) -> bool:
    """True when (lat, lon) lies inside the Polygon/MultiPolygon (outside its holes)."""
    if not geometry:
        return False
    for poly in _rings(geometry):
        if not poly:
            continue
        if _in_ring(lon, lat, poly[0]) and not any(_in_ring(lon, lat, hole) for hole in poly[1:]):
            return True
    return False


def centroid(geometry: dict[str, Any]) -> tuple[float, float] | None:
    """Area-weighted centroid (lat, lon) of the outer rings; None for an empty geometry."""
    total = cx = cy = 0.0
    for poly in _rings(geometry):
        if not poly:
            continue
        r = poly[0]
        x, y = r[:, 0], r[:, 1]
        x2, y2 = np.roll(x, -1), np.roll(y, -1)
        cross = x * y2 - x2 * y
        a = cross.sum() / 2
        if a == 0:
            continue
        cx += ((x + x2) * cross).sum() / 6
        cy += ((y + y2) * cross).sum() / 6
        total += a
    if total == 0:
        return None
    return cy / total, cx / total


def area_km2(geometry: dict[str, Any]) -> float:
    """Approximate area (equirectangular projection; fine for city-sized polygons)."""
    total = 0.0
    for poly in _rings(geometry):
        if not poly:
            continue
        r = poly[0]
        lat0 = math.radians(float(r[:, 1].mean()))
        x = np.radians(r[:, 0]) * math.cos(lat0) * EARTH_KM
        y = np.radians(r[:, 1]) * EARTH_KM
        total += abs(float((x * np.roll(y, -1) - np.roll(x, -1) * y).sum()) / 2)
    return total


__all__ = ["area_km2", "centroid", "contains", "haversine_km"]
