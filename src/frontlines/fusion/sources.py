"""The user's source list: which outlets share an owner, which republish a wire, which speak for a party.

Independence is not the number of articles. Outlets with one owner are one
voice; an outlet that republishes a wire's copy adds nothing the wire did not
say; a party's own media are claims by that party. Only the user knows these
facts about their sources, so they come from a CSV (see ``examples/sources.csv``):

    name,owner,wire,partisanship,aligned_with,...

``wire`` names the wire service the outlet republishes; ``partisanship`` is
``party`` or ``third_party``; ``aligned_with`` names the side a party outlet
speaks for. Other columns are kept as attributes.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from frontlines.errors import FrontlinesError
from frontlines.fusion.places import norm

# International wire services whose credit line marks an article as a wire copy even when
# the user's list does not name them.
DEFAULT_WIRES = ("AFP", "Agence France-Presse", "Reuters", "AP", "Associated Press", "dpa", "Xinhua",
                 "Anadolu", "Anadolu Agency", "EFE", "ANSA", "UPI", "Kyodo")


@dataclass
class Outlet:
    name: str
    owner: str | None = None
    wire: str | None = None
    partisanship: str | None = None
    aligned_with: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)

    @property
    def is_party(self) -> bool:
        return (self.partisanship or "").strip().lower() in ("party", "partisan", "state", "party_media")


_ALIASES = {"name": ("name", "source", "outlet"), "owner": ("owner", "parent", "group"),
            "wire": ("wire", "republishes", "wire_service"), "partisanship": ("partisanship", "voice", "kind_of_source"),
            "aligned_with": ("aligned_with", "side", "party", "affiliation")}


class SourceList:
    """Outlets by normalised name, plus the wire names to look for in credit lines."""

    def __init__(self, outlets: list[Outlet] | None = None):
        self.outlets = {norm(o.name): o for o in outlets or [] if norm(o.name)}
        wires = set(DEFAULT_WIRES) | {o.wire for o in self.outlets.values() if o.wire}
        wires |= {o.name for o in self.outlets.values() if "wire" in (o.attributes.get("kind") or "").lower()
                  or "agency" in (o.attributes.get("kind") or "").lower()}
        alts = "|".join(sorted((re.escape(w) for w in wires), key=len, reverse=True))
        # a credit at the very end ("--AFP", "(Reuters)", "— Meridian Wire") or a dateline "(AFP) -"
        self._credit_end = re.compile(rf"(?:--|\u2014|\u2013|\(|\bsource:\s*|\bcredit:\s*)\s*({alts})\)?\s*\.?\s*$",
                                      re.IGNORECASE)
        self._credit_start = re.compile(rf"^[^.\n]{{0,60}}\(({alts})\)\s*[-\u2014\u2013]", re.IGNORECASE)
        self._wire_names = {norm(w): w for w in wires}

    def __len__(self) -> int:
        return len(self.outlets)

    def get(self, name: str | None, url: str | None = None) -> Outlet | None:
        """The outlet by name; else by the ``domain`` column against the URL's host; else the
        listed name that starts the given one ("Meridian Wire: Syria" is Meridian Wire's feed)."""
        key = norm(name) or ""
        hit = self.outlets.get(key)
        if hit is not None:
            return hit
        host = (urlsplit(url).hostname or "").lower() if url else ""
        if host:
            for o in self.outlets.values():
                dom = (o.attributes.get("domain") or "").lower().strip()
                if dom and (host == dom or host.endswith("." + dom)):
                    return o
        if key:
            starts = [k for k in self.outlets if key.startswith(k) and not key[len(k):len(k) + 1].isalnum()]
            if starts:
                return self.outlets[max(starts, key=len)]
        return None

    def canonical_name(self, name: str | None, url: str | None = None) -> str | None:
        o = self.get(name, url)
        return o.name if o else name

    @classmethod
    def from_csv(cls, path: str | Path) -> SourceList:
        path = Path(path)
        try:
            with path.open(newline="", encoding="utf-8-sig") as fh:
                rows = list(csv.DictReader(fh))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise FrontlinesError(f"{path}: cannot read source list ({exc})") from exc
        if not rows:
            raise FrontlinesError(f"{path}: source list is empty")
        header = {h.strip().lower(): h for h in rows[0] if h}
        col = {k: next((header[a] for a in alts if a in header), None) for k, alts in _ALIASES.items()}
        if col["name"] is None:
            raise FrontlinesError(f"{path}: source list needs a 'name' column (outlet name as in the documents)")
        outlets = []
        for r in rows:
            name = (r.get(col["name"]) or "").strip()
            if not name:
                continue
            vals = {k: ((r.get(c) or "").strip() or None) if c else None for k, c in col.items() if k != "name"}
            used = {c for c in col.values() if c}
            attrs = {k: (v or "").strip() for k, v in r.items() if k and k not in used and (v or "").strip()}
            outlets.append(Outlet(name=name, attributes=attrs, **vals))
        return cls(outlets)

    # -- persistence --------------------------------------------------------------------------
    def save(self, store) -> None:
        with store.transaction() as con:
            con.execute("DELETE FROM source_list")
            for o in self.outlets.values():
                con.execute(
                    "INSERT INTO source_list (name, owner, wire, partisanship, aligned_with, attributes)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [o.name, o.owner, o.wire, o.partisanship, o.aligned_with, json.dumps(o.attributes)],
                )

    @classmethod
    def load(cls, store) -> SourceList:
        rows = store.con.execute(
            "SELECT name, owner, wire, partisanship, aligned_with, attributes FROM source_list ORDER BY name"
        ).fetchall()
        return cls([Outlet(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]) if r[5] else {}) for r in rows])

    def fingerprint(self) -> str:
        return json.dumps(sorted((o.name, o.owner, o.wire, o.partisanship, o.aligned_with)
                                 for o in self.outlets.values()))

    # -- what a document counts as ------------------------------------------------------------
    def credited_wire(self, text: str) -> str | None:
        """The wire a text credits in its closing credit line or dateline, if any."""
        tail = text.rstrip()[-80:]
        m = self._credit_end.search(tail) or self._credit_start.search(text[:200])
        if not m:
            return None
        return self._wire_names.get(norm(m.group(1)), m.group(1))

    def unit(self, outlet: str | None, text: str, wires_present: set[str], url: str | None = None) -> str:
        """The independence unit of one report: a wire, an owner, or the outlet itself.

        A report is its wire's copy when it credits the wire, or when its outlet
        republishes a wire (per the list) that also reported the same event.
        """
        credited = self.credited_wire(text)
        if credited:
            return "wire:" + (norm(credited) or "")
        o = self.get(outlet, url)
        name = norm(o.name if o else outlet) or ""
        if name in self._wire_names:
            return "wire:" + name
        if o and o.wire and norm(o.wire) in wires_present:
            return "wire:" + (norm(o.wire) or "")
        if o and o.owner:
            return "owner:" + (norm(o.owner) or "")
        return "outlet:" + (name or "unknown")
