"""Geocoding throughput, gazetteer load time and memory.

Two gazetteers:

* the embedded default (countries, admin1, GeoNames places >= 500 people), loaded
  from its cache (and optionally rebuilt, ``--rebuild``);
* a generated GeoNames-format dump of ``--entries`` rows (default 1,000,000) in
  the real 19-column layout, with Arabic-style names and alternate names,
  read with the same loader users run and indexed as a layer.

Throughput is ``Geocoder.resolve`` on documents of 5 mentions each (names from
the gazetteer with romanisation noise, plus unknown strings), context on, and
``Geocoder.lookup`` on distinct names (first sight, uncached) and on the same
names again (memoised). Times are CPU seconds of this process
(``time.process_time``), so other jobs on a shared machine do not distort them;
load times are given as CPU and wall seconds.

    .venv/bin/python benchmarks/bench_geocode.py --entries 1000000 --json bench_geocode.json
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

SYLLABLES = ["ka", "fr", "na", "bel", "ha", "ma", "deir", "tal", "ain", "jab", "al", "sha", "ykh", "qa", "sir",
             "ra", "qq", "hom", "sul", "man", "zor", "dar", "kh", "ir", "bat", "mu", "ad", "am", "ya", "ni"]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def noisy(name: str, rng: random.Random) -> str:
    """A romanisation variant: swap a vowel, double a consonant, or add an article."""
    r = rng.random()
    if r < 0.3:
        return "al-" + name
    if r < 0.6:
        vowels = [i for i, c in enumerate(name) if c in "aeiou"]
        if vowels:
            i = rng.choice(vowels)
            return name[:i] + rng.choice("aeiou") + name[i + 1:]
    return name


def throughput(geocoder, names: list[list[str]], docs: int, seed: int = 7) -> dict[str, float]:
    from frontlines.geo import PlaceContext
    from frontlines.mention import PlaceMention

    rng = random.Random(seed)
    batches = []
    for _ in range(docs):
        group = rng.choice(names)  # one country (or one region) per document, as in real reports
        picks = [noisy(rng.choice(group), rng) for _ in range(4)]
        picks.append("".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(8)))  # unknown
        batches.append(picks)
    geocoder.lookup(names[0][0])  # warm
    resolved = total = 0
    t0 = time.process_time()
    for picks in batches:
        # one event place per document; the rest are context ("other"), so the unknown string is never
        # placed by the document-city fallback and ``resolved_share`` counts gazetteer matches only
        mentions = [PlaceMention(p, role="event" if k == 0 else "other") for k, p in enumerate(picks)]
        geocoder.resolve(mentions, PlaceContext(document_places=picks))
        resolved += sum(m.resolved is not None for m in mentions)
        total += len(mentions)
    dt = time.process_time() - t0
    return {"mentions": total, "cpu_s": round(dt, 2), "mentions_per_cpu_s": round(total / dt, 1),
            "resolved_share": round(resolved / total, 3)}


def lookups(geocoder, names: list[list[str]], n: int, seed: int = 11) -> dict[str, float]:
    """``lookup`` rate on ``n`` distinct noisy names, first uncached, then again (memoised)."""
    rng = random.Random(seed)
    queries = list(dict.fromkeys(noisy(rng.choice(rng.choice(names)), rng) for _ in range(n * 2)))[:n]
    t0 = time.process_time()
    for q in queries:
        geocoder.lookup(q)
    first = time.process_time() - t0
    t0 = time.process_time()
    for q in queries:
        geocoder.lookup(q)
    again = time.process_time() - t0
    return {"names": len(queries), "uncached_per_cpu_s": round(len(queries) / first, 1),
            "uncached_ms_per_name": round(1000 * first / len(queries), 2),
            "memoised_per_cpu_s": round(len(queries) / max(again, 1e-9), 1)}


def write_geonames(path: Path, n: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
            alts = ",".join({noisy(name, rng), "al-" + name.lower()})
            lat, lon = rng.uniform(29, 42), rng.uniform(33, 48)
            pop = int(rng.paretovariate(1.2) * 300)
            fh.write("\t".join([str(10_000_000 + i), name, name, alts, f"{lat:.5f}", f"{lon:.5f}", "P", "PPL", "SY",
                                "", f"{rng.randint(1, 14):02d}", "", "", "", str(pop), "", "300",
                                "Asia/Damascus", "2020-01-01"]) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=1_000_000)
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--lookups", type=int, default=2000, help="distinct names for the lookup rate")
    ap.add_argument("--rebuild", action="store_true", help="also time building the default cache")
    ap.add_argument("--json")
    args = ap.parse_args()
    out: dict[str, object] = {}

    from frontlines.geo import Geocoder
    from frontlines.geo import default as default_gaz

    if args.rebuild:
        t0 = time.perf_counter()
        default_gaz.build()
        out["default_build_s"] = round(time.perf_counter() - t0, 1)
        default_gaz._LOADED = None
    t0, c0 = time.perf_counter(), time.process_time()
    layer = default_gaz.load_default()
    out["default_load_s"] = round(time.perf_counter() - t0, 2)
    out["default_load_cpu_s"] = round(time.process_time() - c0, 2)
    out["default_entries"] = len(layer)
    out["default_names"] = len(layer.names)
    out["rss_after_default_mb"] = round(rss_mb())
    geocoder = Geocoder()
    by_country: dict[str, list[str]] = {}
    for e in layer.entries[:: max(1, len(layer) // 20000)]:
        if e.name.isascii() and e.country_code:
            by_country.setdefault(e.country_code, []).append(e.name)
    groups = [v for v in by_country.values() if len(v) >= 5]
    out["default_lookup"] = lookups(Geocoder(), groups, args.lookups)
    out["default_throughput"] = throughput(geocoder, groups, args.docs)
    print(json.dumps(out, indent=1), flush=True)

    if args.entries:
        from frontlines.geo.gazetteer import Gazetteer
        from frontlines.geo.loaders import read_geonames

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "generated.txt"
            t0 = time.perf_counter()
            write_geonames(path, args.entries)
            out["generated_write_s"] = round(time.perf_counter() - t0, 1)
            before = rss_mb()
            t0 = time.process_time()
            entries = read_geonames(path).entries
            out["generated_read_cpu_s"] = round(time.process_time() - t0, 1)
            t0 = time.process_time()
            big = Gazetteer(entries, name="generated")
            out["generated_index_cpu_s"] = round(time.process_time() - t0, 1)
            out["generated_entries"] = len(big)
            out["generated_names"] = len(big.names)
            out["rss_after_generated_mb"] = round(rss_mb())
            out["generated_rss_growth_mb"] = round(rss_mb() - before)
            names = [[e.name for e in entries[k:: max(1, len(entries) // 50)][:100]] for k in range(50)]
            del entries
            out["generated_lookup"] = lookups(Geocoder(default=False, layers=[big]), names, args.lookups)
            out["generated_throughput"] = throughput(Geocoder(default=False, layers=[big]), names, args.docs)
    print(json.dumps(out, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
