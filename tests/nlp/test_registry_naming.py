"""The whole actor registry against ACLED's naming rules.

WHY a test over data: the registry is hand-written YAML that analysts extend, and
a misspelt country, an overlapping regime period or an alias claimed twice on the
same day silently codes the wrong actor. These checks hold for every entry, so a
new file that breaks a rule fails here, not in an analyst's export.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pycountry
import pytest

from frontlines.nlp.actors import ActorRegistry, normalise_actor_text
from frontlines.nlp.countries import acled_country

REG = ActorRegistry.default()
# ACLED's country names: ISO's, in ACLED's spelling, and Kosovo (no ISO code)
COUNTRIES = ({acled_country(c.alpha_2) for c in pycountry.countries} - {None}) | {"Kosovo"}
STATE = re.compile(r"^(?:Military|Police) Forces of (?P<rest>.+)$")
PERIOD = re.compile(r"^(?P<a>\d{4})-(?P<b>\d{4})?$")
ACRONYM = re.compile(r"^(?P<acr>[A-Z][A-Za-z0-9()/ -]{0,15}?): [A-Z0-9]")
GENERIC = ("unidentified", "protesters", "rioters", "civilians")


def _state_country(name: str) -> tuple[str, str | None, str] | None:
    """(country, period, unit) of a state-force name, the country being the longest known prefix."""
    m = STATE.match(name)
    if not m:
        return None
    rest = m.group("rest")
    for country in sorted(COUNTRIES, key=len, reverse=True):
        if rest == country or rest.startswith(country + " "):
            tail = rest[len(country):].strip()
            pm = re.match(r"^\(([^)]*)\)\s*(.*)$", tail)
            return country, (pm.group(1) if pm else None), (pm.group(2) if pm else tail)
    raise AssertionError(f"{name!r}: no ACLED country name after 'Forces of'")


@pytest.mark.parametrize("entry", REG.entries, ids=lambda e: e.name)
def test_entry_follows_acled_naming(entry):
    assert entry.name == entry.name.strip() and "  " not in entry.name
    assert entry.inter is None or 1 <= entry.inter <= 8
    if entry.country is not None:
        assert entry.country in COUNTRIES, f"{entry.name}: country {entry.country!r} is not an ACLED country name"
    for c in entry.countries or ():
        assert c in COUNTRIES, f"{entry.name}: scope {c!r} is not an ACLED country name"
    if entry.valid_from and entry.valid_to:
        assert entry.valid_from < entry.valid_to
    state = _state_country(entry.name)
    if state:
        country, period, unit = state
        assert entry.inter in (1, 8, None), f"{entry.name}: state forces are inter 1"
        known = [p.label for p in REG.state_periods.get(country, [])]
        if known and not unit:
            assert period in known, f"{entry.name}: period {period!r} is not one of {country}'s {known}"
        else:  # a unit, or a rival government's forces ("Military Forces of Yemen (2016-) Supreme Political Council")
            assert period is None or PERIOD.match(period), f"{entry.name}: period {period!r}"
    acr = ACRONYM.match(entry.name)
    if acr and not state:
        short = normalise_actor_text(acr.group("acr"))
        names = {normalise_actor_text(a) for a in (*entry.aliases, *entry.local_aliases)}
        assert short in names or any(short in n for n in names) or short.replace(" ", "") in names, (
            f"{entry.name}: its acronym {short!r} is not among its aliases")


@pytest.mark.parametrize("country", sorted(REG.state_periods))
def test_regime_periods_are_contiguous(country):
    assert country in COUNTRIES, f"state_periods: {country!r} is not an ACLED country name"
    periods = REG.state_periods[country]
    for i, p in enumerate(periods):
        m = PERIOD.match(p.label)
        assert m, f"{country}: period {p.label!r} is not YYYY- or YYYY-YYYY"
        if p.start is not None:
            assert int(m.group("a")) == p.start.year, f"{country} {p.label}: opens {p.start}"
        if i + 1 < len(periods):
            nxt = periods[i + 1]
            assert m.group("b") is not None, f"{country}: {p.label} is open but {nxt.label} follows"
            # a term ending on 31 December closes in the year before the next one opens
            assert nxt.start is not None and int(m.group("b")) in (nxt.start.year, nxt.start.year - 1), (
                f"{country}: {p.label} does not close when {nxt.label} opens ({nxt.start})")
        else:
            assert m.group("b") is None, f"{country}: the last period {p.label} must be open"


@pytest.mark.parametrize("country", sorted(COUNTRIES))
def test_every_country_has_acled_generic_actors(country):
    for role in GENERIC:
        ref = REG.resolve({"unidentified": "gunmen", "protesters": "protesters", "rioters": "rioters",
                           "civilians": "civilians"}[role], country=country)
        assert ref.resolved and ref.name.endswith(f"({country})"), (country, role, ref.name)
    army = REG.resolve("soldiers", country=country)
    assert army.inter == 1 and _state_country(army.name)[0] == country


def test_event_date_picks_the_regime_period():
    p = REG.state_periods["Nigeria"]
    change = p[-1].start
    before = REG.resolve("soldiers", when=change - timedelta(days=1), country="Nigeria")
    after = REG.resolve("soldiers", when=change, country="Nigeria")
    assert before.name == f"Military Forces of Nigeria ({p[-2].label})"
    assert after.name == f"Military Forces of Nigeria ({p[-1].label})"
    # an undated event takes the period in force now
    assert REG.resolve("police", country="Nigeria").name == f"Police Forces of Nigeria ({p[-1].label})"


def test_no_alias_names_two_actors_on_the_same_day_in_the_same_place():
    """An alias may stand for several actors only when their places or their dates never overlap."""
    by_alias: dict[str, list] = {}
    for e in REG.entries:
        if e.members:
            continue
        for a in e.aliases:
            by_alias.setdefault(normalise_actor_text(a), []).append(e)
    clashes = []
    for alias, entries in by_alias.items():
        for i, a in enumerate(entries):
            for b in entries[i + 1:]:
                if a.name == b.name:
                    continue
                scope_a, scope_b = set(a.countries or ()), set(b.countries or ())
                if scope_a and scope_b and not scope_a & scope_b:
                    continue
                if bool(scope_a) != bool(scope_b):
                    continue  # the scoped name wins in its countries, the unscoped one elsewhere
                lo = max(a.valid_from or date.min, b.valid_from or date.min)
                hi = min(a.valid_to or date.max, b.valid_to or date.max)
                if lo <= hi:
                    clashes.append((alias, a.name, b.name))
    assert not clashes, clashes[:10]


def test_world_actors_resolve_in_their_country():
    cases = [("Boko Haram fighters", "Nigeria", "Boko Haram"), ("JNIM militants", "Burkina Faso", "JNIM"),
             ("al-Shabaab militants", "Somalia", "Al Shabaab"), ("M23 rebels", "Democratic Republic of Congo", "M23"),
             ("the Arakan Army", "Myanmar", "AA: Arakan Army"), ("the ELN", "Colombia", "ELN"),
             ("Maoist rebels", "India", "CPI (Maoist)"), ("the New People's Army", "Philippines", "NPA")]
    for text, country, prefix in cases:
        ref = REG.resolve(text, country=country)
        assert ref.name.startswith(prefix), (text, ref.name)
    # the same words elsewhere are someone else: al-Shabaab in Mozambique is the Islamic State's branch
    assert REG.resolve("al-Shabaab", country="Mozambique").name == "Islamic State (Mozambique)"
    # the Taliban are Afghanistan's state forces after August 2021
    assert REG.resolve("the Taliban", when=date(2023, 5, 1), country="Afghanistan").inter == 1
    assert REG.resolve("the Taliban", when=date(2019, 5, 1), country="Afghanistan").name == "Taliban"
