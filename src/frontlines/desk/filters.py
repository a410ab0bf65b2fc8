"""The map's filters: parsed once from a query string, validated, turned into a parameterised WHERE.

One ``Filters`` object serves the map, the histogram, the event list and the
downloads, so "the current filter" means the same rows everywhere. Values only
ever travel as bound parameters; the SQL text is fixed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date

MAX_VALUE = 200  # characters in one filter value
CORROBORATION = ("single", "corroborated", "disputed")


class BadRequest(ValueError):
    """A request parameter the desk refuses; the message names the parameter and the reason."""


@dataclass(frozen=True)
class Filters:
    since: date | None = None
    until: date | None = None
    type: str | None = None
    sub: str | None = None
    actor: str | None = None
    claimant: str | None = None
    certainty: str | None = None
    corroboration: str | None = None
    source_type: str | None = None
    outlet: str | None = None
    place: str | None = None

    @classmethod
    def parse(cls, params: Mapping[str, str]) -> Filters:
        values: dict = {}
        for f in fields(cls):
            raw = params.get(f.name)
            if raw is None or raw == "":
                continue
            if len(raw) > MAX_VALUE:
                raise BadRequest(f"{f.name}: longer than {MAX_VALUE} characters")
            if f.name in ("since", "until"):
                try:
                    values[f.name] = date.fromisoformat(raw)
                except ValueError:
                    raise BadRequest(f"{f.name}: {raw!r} is not a date (use YYYY-MM-DD)") from None
            elif f.name == "corroboration" and raw not in CORROBORATION:
                raise BadRequest(f"corroboration: {raw!r} is not one of {', '.join(CORROBORATION)}")
            else:
                values[f.name] = raw
        return cls(**values)

    def where(self, *, with_time: bool = True, bits: dict[str, dict[str, int]] | None = None) -> tuple[str, list]:
        """A WHERE clause over the snapshot table and its parameters.

        A list value that has a bit in ``bits`` (the snapshot's frequent values) is tested
        on the column's mask; any other value with ``list_contains``.
        """
        bits = bits or {}
        sql, params = [], []
        if with_time and self.since:
            sql.append("day >= ?")
            params.append(self.since)
        if with_time and self.until:
            sql.append("day <= ?")
            params.append(self.until)
        for col, value in (("type", self.type), ("sub", self.sub), ("corroboration", self.corroboration),
                           ("place", self.place)):
            if value:
                sql.append(f"{col} = ?")
                params.append(value)
        if self.actor:
            sql.append("(actor1 = ? OR actor2 = ?)")
            params += [self.actor, self.actor]
        for col, value in (("claimants", self.claimant), ("certainties", self.certainty),
                           ("source_types", self.source_type), ("outlets", self.outlet)):
            if value and value in bits.get(col, {}):
                sql.append(f"({col}_mask & ?) <> 0")
                params.append(1 << bits[col][value])
            elif value:
                sql.append(f"list_contains({col}, ?)")
                params.append(value)
        return ("WHERE " + " AND ".join(sql)) if sql else "", params

    def as_params(self) -> dict[str, str]:
        return {f.name: str(getattr(self, f.name)) for f in fields(self) if getattr(self, f.name) is not None}


def bbox(raw: str | None) -> tuple[float, float, float, float] | None:
    """``west,south,east,north`` in degrees."""
    if not raw:
        return None
    try:
        w, s, e, n = (float(x) for x in raw.split(","))
    except ValueError:
        raise BadRequest(f"bbox: {raw[:60]!r} is not west,south,east,north") from None
    if not (-90 <= s <= n <= 90) or any(v != v for v in (w, s, e, n)):
        raise BadRequest("bbox: south/north out of range or reversed")
    return max(w, -180.0), s, min(e, 180.0), n


def integer(params: Mapping[str, str], name: str, default: int, lo: int, hi: int) -> int:
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        v = int(raw)
    except ValueError:
        raise BadRequest(f"{name}: {raw[:40]!r} is not an integer") from None
    if not lo <= v <= hi:
        raise BadRequest(f"{name}: {v} is outside {lo}..{hi}")
    return v
