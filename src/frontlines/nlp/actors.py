"""The actor registry: turn "the Nusra Front" or "pro-Hadi forces" into ACLED-style actor names.

ACLED codes actors by canonical names ("Military Forces of Syria (2000-)",
"Civilians (Yemen)") with an interaction code (inter 1-8). Reports name them in
a hundred ways, and the right name can depend on *where* (the "coalition" is the
Saudi-led one in Yemen, the US-led one in Syria) and *when* (the Nusra Front
became Jabhat Fateh al-Sham in July 2016 and Hayat Tahrir al-Sham in January
2017). The registry is data (``data/actors.yaml`` plus user files), so analysts
extend it without touching code. Three layers, most specific first:

1. named actors and their aliases (dated and country-scoped where needed);
2. "<demonym> <role>" patterns for any country ("the Malian army" ->
   "Military Forces of Mali", "Kenyan police" -> "Police Forces of Kenya");
3. bare role words resolved with the country hint ("gunmen" in Iraq ->
   "Unidentified Armed Group (Iraq)").

Anything else is kept verbatim with ``resolved=False``: an unknown actor is
information, not an error.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from frontlines.mention import ActorRef
from frontlines.nlp.word_trie import trie_alternation

__all__ = ["ActorEntry", "ActorRegistry", "StatePeriod", "normalise_actor_text"]

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
# Words that say nothing about who the actor is ("suspected regime warplanes").
_NOISE = re.compile(
    r"^(?:(?:the|a|an|some|several|many|two|three|four|five|dozens of|hundreds of|of|suspected|alleged|"
    r"likely|reportedly|possibly|probably|apparently|presumably|other|more|\d[\d,]*\+?)\s+)+"
)
_ACRONYM_PREFIX = re.compile(r"^[A-Za-z]{2,6}:\s+")


def normalise_actor_text(text: str) -> str:
    """Lower-case, straighten quotes and dashes, drop leading determiners and hedges."""
    s = text.translate(_QUOTES).lower().strip(" \t\n.,;:\"'()")
    s = re.sub(r"\s+", " ", s)
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"(?<!\w)['\"]|['\"](?!\w)", "", s)  # quotes around words, not apostrophes inside them
    return _NOISE.sub("", s).strip()


def _as_date(v: Any) -> date | None:
    if v in (None, ""):
        return None
    if isinstance(v, date):
        return v
    return date.fromisoformat(str(v))


@dataclass(frozen=True)
class ActorEntry:
    """One canonical actor: name, inter code, home country, and when/where its aliases apply."""

    name: str
    inter: int | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    local_aliases: tuple[str, ...] = ()  # only where the event's country is the actor's own
    local_countries: tuple[str, ...] | None = None  # where local aliases apply, if not the home country
    countries: tuple[str, ...] | None = None  # aliases apply only in these countries
    valid_from: date | None = None
    valid_to: date | None = None
    former: tuple[str, ...] = ()
    # a name for "one of these, the report cannot tell which" ("Allied Syrian and/or Russian Forces")
    members: tuple[str, ...] = ()

    def valid_on(self, when: date | None) -> bool:
        if when is None:
            return True
        if self.valid_from and when < self.valid_from:
            return False
        return not (self.valid_to and when > self.valid_to)


@dataclass(frozen=True)
class StatePeriod:
    """One regime period ACLED appends to a country's state forces ("2023-" in "Military Forces of Nigeria (2023-)").

    WHY dated: ACLED renames a country's state forces when its government changes,
    so an event's date picks the name ("(2015-2023)" for a 2019 raid in Nigeria,
    "(2023-)" for one in 2024).
    """

    label: str
    start: date | None = None


def _periods(raw: Any) -> list[StatePeriod]:
    """``"2000-"`` or a list of ``{period: "2023-", from: 2023-05-29}``, oldest first."""
    if isinstance(raw, str):
        return [StatePeriod(raw)]
    out = [StatePeriod(str(p["period"]), _as_date(p.get("from"))) for p in raw or []]
    return sorted(out, key=lambda p: p.start or date.min)


@dataclass
class _Role:
    name: str
    inter: int
    template: str
    words: tuple[str, ...]


@dataclass
class _Alias:
    entry: ActorEntry
    local: bool  # True: the alias applies only in the entry's own country
    order: int


@dataclass
class ActorRegistry:
    """Named actors, demonym patterns and role words, resolved by place and date."""

    entries: list[ActorEntry] = field(default_factory=list)
    roles: list[_Role] = field(default_factory=list)
    state_periods: dict[str, list[StatePeriod]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    air_power: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._build()

    # ------------------------------------------------------------------ loading
    @classmethod
    def default(cls, extra_files: Sequence[str | Path] = ()) -> ActorRegistry:
        """The shipped registry plus the user's own YAML/CSV files (later files add and override)."""
        return _default(tuple(str(p) for p in extra_files))

    @classmethod
    def from_data(cls, docs: Iterable[dict[str, Any]], demonyms: dict[str, str] | None = None) -> ActorRegistry:
        reg = cls(demonyms=dict(demonyms or {}))
        for doc in docs:
            reg._merge(doc)
        reg._build()
        return reg

    def _merge(self, doc: dict[str, Any]) -> None:
        self.state_periods.update({c: _periods(v) for c, v in (doc.get("state_periods") or {}).items()})
        for name, spec in (doc.get("roles") or {}).items():
            role = _Role(name, int(spec["inter"]), spec["template"], tuple(str(w) for w in spec.get("words", ())))
            self.roles = [r for r in self.roles if r.name != name] + [role]
        self.demonyms.update(doc.get("demonyms") or {})
        self.air_power.extend(doc.get("air_power") or [])
        for raw in doc.get("actors") or []:
            entry = _entry(raw)
            self.entries = [e for e in self.entries if e.name != entry.name] + [entry]

    def load_file(self, path: str | Path) -> None:
        """Add a user file: YAML in the shipped layout, or CSV with name,inter,country,aliases[,valid_from,valid_to]."""
        p = Path(path)
        if p.suffix.lower() == ".csv":
            with p.open(newline="", encoding="utf-8") as fh:
                rows = [
                    {**row, "aliases": [a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()]}
                    for row in csv.DictReader(fh)
                ]
            self._merge({"actors": rows})
        else:
            self._merge(yaml.safe_load(p.read_text(encoding="utf-8")) or {})
        self._build()

    def _build(self) -> None:
        self._aliases: dict[str, list[_Alias]] = {}
        for order, e in enumerate(self.entries):
            names = {e.name, *e.former, _ACRONYM_PREFIX.sub("", e.name), *(_ACRONYM_PREFIX.sub("", f) for f in e.former)}
            for alias in [*e.aliases, *names]:
                self._aliases.setdefault(normalise_actor_text(alias), []).append(_Alias(e, False, order))
            for alias in e.local_aliases:
                self._aliases.setdefault(normalise_actor_text(alias), []).append(_Alias(e, True, order))
        self._aliases.pop("", None)
        self._role_words: dict[str, _Role] = {}
        for role in self.roles:
            for w in role.words:
                self._role_words.setdefault(w.lower(), role)
        self._by_name = {e.name: e for e in self.entries}
        self._demonym_lc = {k.lower(): v for k, v in self.demonyms.items()}
        # longest first, written as a trie: one branch per next character (``nlp.word_trie``)
        alt = trie_alternation
        # "IS-planted mine", "Houthi-fired missile": a hyphenated participle keeps the actor
        b, e = r"(?<![\w])", r"(?![\w]|-(?!(?:planted|laid|fired|held|controlled|claimed|run)\b))"
        self._alias_re = re.compile(b + "(?:" + alt(self._aliases) + ")" + e) if self._aliases else None
        self._role_re = re.compile(b + "(?:" + alt(self._role_words) + ")" + e) if self._role_words else None
        dem = alt(self._demonym_lc)
        # "Turkish military forces", "Turkish air and ground forces": modifiers between demonym and role
        mods = r"(?:(?:air|ground|land|naval|military|armed|special|security|border|elite|regular|allied|and),?\s+){0,3}"
        self._demonym_re = re.compile(b + f"(?P<dem>{dem})(?:-led|-backed)?" + r"\s+" + mods + r"(?P<role>" + alt(self._role_words) + ")" + e) if dem else None
        self._demonym_only_re = re.compile(b + f"(?:{dem})" + e) if dem else None
        # "Palestinians", "Iraqis": the people of a country, as civilians unless a role says otherwise
        self._people_re = re.compile(b + f"(?P<dem>{dem})s" + e) if dem else None

    # ---------------------------------------------------------------- resolving
    def is_generic(self, ref: ActorRef) -> bool:
        """True for bare role words ("soldiers", "warplanes"): typed by role, not named."""
        key = normalise_actor_text(ref.text)
        return key in self._role_words and key not in self._aliases

    def air_actor(self, country: str | None, when: date | None = None) -> ActorRef | None:
        """The only air force active in ``country`` (registry ``air_power``), for unattributed air strikes."""
        for row in self.air_power:
            if row.get("country") != country:
                continue
            start, end = _as_date(row.get("valid_from")), _as_date(row.get("valid_to"))
            if when is not None and ((start and when < start) or (end and when > end)):
                continue
            entry = self._by_name.get(row["actor"])
            if entry:
                return self._ref(row["actor"], entry, country)
        return None

    def identified_member(self, joint: ActorRef, others: Iterable[ActorRef]) -> ActorRef | None:
        """The member a report does name, when ``joint`` is an ambiguous "X and/or Y" actor.

        ACLED uses such names only when nothing better is known: "Syrian or Russian warplanes struck
        while regime helicopters dropped barrel bombs" is coded to the regime, the one side the report
        identifies, with the ambiguous pair as associate. A member's sub-units count ("Syrian Arab Air
        Force" for "Military Forces of Syria"); where both a member and its sub-unit act, the member
        itself covers both. None when ``joint`` is not a joint actor or no member is named.
        """
        entry = self._by_name.get(joint.name)
        if entry is None or not entry.members:
            return None
        found = [r for r in others if r.resolved and r.name != joint.name
                 and any(r.name == m or r.name.startswith(m + " ") for m in entry.members)]
        if not found:
            return None
        parents = [r for r in found if r.name in entry.members]
        units = {r.name for r in found} - {r.name for r in parents}
        if parents and any(u.startswith(p.name + " ") for p in parents for u in units):
            return next(p for p in parents if any(u.startswith(p.name + " ") for u in units))
        return found[0]

    def period(self, country: str, when: date | None = None) -> str | None:
        """The regime period in force on ``when`` (the latest one when the date is unknown)."""
        periods = self.state_periods.get(country)
        if not periods:
            return None
        if when is None:
            return periods[-1].label
        current = [p for p in periods if p.start is None or p.start <= when]
        return (current[-1] if current else periods[0]).label

    def state_forces(self, country: str, kind: str = "military", when: date | None = None) -> str:
        """ACLED's name for a country's state forces on a date: "Military Forces of Nigeria (2023-)"."""
        role = next((r for r in self.roles if r.name == kind), None)
        template = role.template if role else "Military Forces of {country}"
        name = template.format(country=country)
        period = self.period(country, when)
        return f"{name} ({period})" if period and "{country}" in template and template.startswith(("Military", "Police")) else name

    def _pick(self, alias: str, when: date | None, country: str | None) -> ActorEntry | None:
        cands = self._aliases.get(alias)
        if not cands:
            return None
        ranked = []
        for c in cands:
            e = c.entry
            scope = (e.local_countries or (e.country,)) if c.local else e.countries
            if country and scope and country not in scope:
                continue
            if not e.valid_on(when):
                continue
            # the country's own name for it > a name used everywhere > a scoped name > a local one, unhinted
            here = 0 if (country and scope and country in scope) else (1 if not scope else (3 if c.local else 2))
            # without a date, the entry whose own names contain the alias wins ("Nusra Front" -> Jabhat al-Nusra)
            own = 0 if when is not None or any(alias in normalise_actor_text(n) for n in (e.name, *e.former)) else 1
            latest = -(e.valid_from.toordinal() if e.valid_from else 0)
            ranked.append((here, own, latest if when is None and own else 0, c.order, e))
        if not ranked:
            return None
        return min(ranked, key=lambda t: t[:4])[-1]

    def _ref(self, text: str, e: ActorEntry, country: str | None) -> ActorRef:
        inter = e.inter
        # state forces fighting abroad are "external forces" in ACLED's interaction codes
        if inter == 1 and country and e.country and e.country != country:
            inter = 8
        return ActorRef(text=text, name=e.name, inter=inter, country=e.country, resolved=True)

    def _role_ref(self, text: str, role: _Role, country: str | None, when: date | None = None) -> ActorRef:
        if not country:
            return ActorRef(text=text, name=text, inter=role.inter, country=None, resolved=False)
        if role.name in ("military", "police"):
            name = self.state_forces(country, role.name, when)
        else:
            name = role.template.format(country=country)
        known = self._by_name.get(name)
        inter = known.inter if known else role.inter
        if role.name in ("military", "police"):
            inter = 1  # a bare "soldiers" with this country's hint: its own forces, at home
        return ActorRef(text=text, name=name, inter=inter, country=country, resolved=True)

    def resolve(self, text: str, when: date | None = None, country: str | None = None) -> ActorRef:
        """Canonical actor for a phrase; unresolved phrases come back verbatim with ``resolved=False``."""
        key = normalise_actor_text(text)
        entry = self._pick(key, when, country)
        if entry:
            return self._ref(text, entry, country)
        m = self._demonym_re.fullmatch(key) if self._demonym_re else None
        if m:
            return self._demonym_ref(text, m, when, country)
        role = self._role_words.get(key)
        if role:
            return self._role_ref(text, role, country, when)
        hits = self.find(text, when=when, country=country)
        if hits:
            # the longest mention inside the phrase is its head ("fighters of the Islamic State")
            best = max(hits, key=lambda h: (h[2].resolved, h[1] - h[0]))
            ref = best[2]
            return ActorRef(text=text, name=ref.name, inter=ref.inter, country=ref.country, resolved=ref.resolved)
        return ActorRef(text=text, name=text.strip(), inter=None, country=None, resolved=False)

    def _demonym_ref(self, text: str, m: re.Match[str], when: date | None, country: str | None) -> ActorRef:
        home = self._demonym_lc[m.group("dem").lower()]
        role = self._role_words[m.group("role").lower()]
        entry = self._pick(normalise_actor_text(m.group(0)), when, country)
        if entry:
            return self._ref(text, entry, country)
        if role.name in ("military", "police", "unidentified_military"):
            kind = "police" if role.name == "police" else "military"
            name = self.state_forces(home, kind, when)
            known = self._by_name.get(name)
            if known:
                return self._ref(text, known, country)
            inter = 8 if country and country != home else 1
            return ActorRef(text=text, name=name, inter=inter, country=home, resolved=True)
        # "Iraqi civilians", "Iranian protesters": the group of that country
        return self._role_ref(text, role, home, when)

    def find(self, text: str, when: date | None = None, country: str | None = None) -> list[tuple[int, int, ActorRef]]:
        """Every actor mention in ``text`` as (start, end, ActorRef), character offsets, left to right."""
        norm = text.translate(_QUOTES).lower()
        spans: list[tuple[int, int, int, ActorRef]] = []  # start, end, priority, ref
        if self._alias_re:
            for m in self._alias_re.finditer(norm):
                if not _acronym_ok(text[m.start() : m.end()], m.group(0)):
                    continue
                entry = self._pick(m.group(0), when, country)
                if entry:
                    spans.append((m.start(), m.end(), 0, self._ref(text[m.start() : m.end()], entry, country)))
        if self._demonym_re:
            for m in self._demonym_re.finditer(norm):
                ref = self._demonym_ref(text[m.start() : m.end()], m, when, country)
                spans.append((m.start(), m.end(), 1, ref))
        if self._people_re:
            for m in self._people_re.finditer(norm):
                home = self._demonym_lc[m.group("dem")]
                civ = next(r for r in self.roles if r.name == "civilians") if any(
                    r.name == "civilians" for r in self.roles) else None
                if civ is not None:
                    spans.append((m.start(), m.end(), 2, self._role_ref(text[m.start() : m.end()], civ, home, when)))
        if self._role_re:
            for m in self._role_re.finditer(norm):
                role = self._role_words[m.group(0)]
                spans.append((m.start(), m.end(), 2, self._role_ref(text[m.start() : m.end()], role, country, when)))
        spans.sort(key=lambda s: (-(s[1] - s[0]), s[2], s[0]))
        taken: list[tuple[int, int, ActorRef]] = []
        for s, e, _, ref in spans:
            if all(e <= ts or s >= te for ts, te, _ in taken):
                taken.append((s, e, ref))
        return sorted(taken, key=lambda t: t[0])

    def canonical_name(self, name: str, when: date | None = None, country: str | None = None) -> str:
        """Map any ACLED-style spelling ("HTS: Hayat Tahrir al-Sham") to this registry's canonical name.

        Evaluation uses it on gold actors so that both sides compare in one namespace.
        """
        if name in self._by_name:
            return name
        entry = self._pick(normalise_actor_text(name), when, None)
        if entry is None:
            entry = self._pick(normalise_actor_text(_ACRONYM_PREFIX.sub("", name)), when, None)
        return entry.name if entry else _ACRONYM_PREFIX.sub("", name).strip()

    def alias_spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans of named-actor aliases in ``text`` ("Operation Olive Branch" is no place name)."""
        if not self._alias_re:
            return []
        norm = text.translate(_QUOTES).lower()
        return [(m.start(), m.end()) for m in self._alias_re.finditer(norm)
                if m.group(0) not in self._role_words and _acronym_ok(text[m.start() : m.end()], m.group(0))]

    def countries_in(self, text: str) -> list[str]:
        """Countries named by demonyms or by country-bound actors in ``text``, in order of mention.

        An alias counts when all its entries point at one country (their home, or the one country their
        aliases are scoped to: the "Saudi-led coalition" fights in Yemen); a demonym inside an alias
        ("Saudi-led") is the alias's business, not a vote of its own.
        """
        return [c for _, c, _ in self.country_votes(text)]

    def country_votes(self, text: str) -> list[tuple[int, str, float]]:
        """(offset, country, weight) for each country sign of ``countries_in``.

        A name scoped to one war ("Saudi-led coalition") weighs 2; armed groups and a country's people
        fight and live at home (1.5); a bare demonym 1; a country's local name for its forces ("regime
        forces") 0.75; a state's named forces act abroad as often as at home ("Turkish forces shelled a
        YPG-held village" is in Syria; "Russian warplanes" strike in Syria): 0.5.
        """
        # A document's text is asked twice (its country for the actors, then ``infer_country``): the last
        # answer is kept while the text and the registry build (a fresh ``_aliases`` each) are the same.
        memo = self.__dict__.get("_votes_memo")
        if memo is not None and memo[1] is self._aliases and memo[0] == text:
            return list(memo[2])
        found = self._country_votes(text)
        self.__dict__["_votes_memo"] = (text, self._aliases, found)  # _build makes a new _aliases
        return list(found)

    def _country_votes(self, text: str) -> list[tuple[int, str, float]]:
        found: list[tuple[int, str, float]] = []
        norm = text.translate(_QUOTES).lower()
        spans: list[tuple[int, int]] = []
        if self._alias_re:
            for m in self._alias_re.finditer(norm):
                role_word = m.group(0) in self._role_words
                if not role_word and not _acronym_ok(text[m.start() : m.end()], m.group(0)):
                    continue  # "13 Jan 2018" is not JaN
                spans.append((m.start(), m.end()))
                cands = self._aliases[m.group(0)]
                if role_word:
                    # "security forces", "army": role words name no country, whatever entry scopes them; one
                    # that is some country's local name for its forces ("regime forces") is a faint sign
                    homes = {c.entry.country for c in cands if c.local}
                    if len(homes) == 1 and all(c.local for c in cands) and None not in homes:
                        found.append((m.start(), next(iter(homes)), 0.75))
                    continue
                places: set[str | None] = set()
                inters: set[int | None] = set()
                for c in self._aliases[m.group(0)]:
                    scope = (c.entry.local_countries or (c.entry.country,)) if c.local else c.entry.countries
                    places.add(scope[0] if scope and len(scope) == 1 else (None if scope else c.entry.country))
                    inters.add(c.entry.inter)
                if len(places) == 1 and None not in places:
                    # a name scoped to one war ("Saudi-led coalition") says where; armed groups fight at home
                    scoped = all(c.entry.countries and not c.local for c in self._aliases[m.group(0)])
                    local = bool(inters) and inters <= {2, 3, 4, 7}
                    found.append((m.start(), next(iter(places)), 2.0 if scoped else 1.5 if local else 0.5))
        if self._people_re:
            for m in self._people_re.finditer(norm):
                if not any(s <= m.start() < e for s, e in spans):
                    spans.append((m.start(), m.end()))
                    found.append((m.start(), self._demonym_lc[m.group("dem")], 1.5))
        if self._demonym_only_re:
            for m in self._demonym_only_re.finditer(norm):
                if not any(s <= m.start() < e for s, e in spans):
                    found.append((m.start(), self._demonym_lc[m.group(0)], 1.0))
        return sorted(found)


def _acronym_ok(original: str, alias: str) -> bool:
    """Short one-word aliases are acronyms ("IS", "HTS", "SDF"): they match only when written in capitals,
    so that "whose identity is not known" is not the Islamic State."""
    if " " in alias or len(alias) > 4 or not alias.isalpha():
        return True
    return original.isupper()


def _entry(raw: dict[str, Any]) -> ActorEntry:
    def tup(v: Any) -> tuple[str, ...]:
        if not v:
            return ()
        if isinstance(v, str):
            return tuple(a.strip() for a in v.split(";") if a.strip())
        return tuple(str(a) for a in v)

    inter = raw.get("inter")
    countries = tup(raw.get("countries")) or None
    return ActorEntry(
        name=str(raw["name"]).strip(),
        inter=int(inter) if inter not in (None, "") else None,
        country=(raw.get("country") or None),
        aliases=tup(raw.get("aliases")),
        local_aliases=tup(raw.get("local_aliases")),
        local_countries=tup(raw.get("local_countries")) or None,
        countries=countries,
        valid_from=_as_date(raw.get("valid_from")),
        valid_to=_as_date(raw.get("valid_to")),
        former=tup(raw.get("former")),
        members=tup(raw.get("members")),
    )


REGISTRY_FILES = ("actors.yaml", "state_forces.yaml", "actors_world.yaml")


@lru_cache(maxsize=8)
def _default(extra: tuple[str, ...]) -> ActorRegistry:
    data = resources.files("frontlines") / "data"
    # the hand-tuned Middle-East file first, then the world: state-force periods and other countries' actors
    docs = [yaml.safe_load((data / name).read_text(encoding="utf-8")) for name in REGISTRY_FILES]
    demonyms = yaml.safe_load((data / "demonyms.yaml").read_text(encoding="utf-8"))
    reg = ActorRegistry.from_data(docs, demonyms=demonyms)
    for path in extra:
        reg.load_file(path)
    return reg
