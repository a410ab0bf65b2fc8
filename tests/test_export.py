"""ACLED rows from mentions: derived codes, country fields, provenance, notes."""

from __future__ import annotations

from datetime import date

from frontlines.export import ACLED_COLUMNS, COLUMNS, rows
from frontlines.mention import ActorRef, Claim, Count, DateRef, EventMention, PlaceMention
from frontlines.nlp.notes import write_notes


def _m(**kw) -> EventMention:
    base = dict(
        mention_id="m1", doc_id="d1", source_id="s1", event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike", disorder_type="Political violence",
        actor1=ActorRef("warplanes", "Military Forces of Syria (2000-)", 1, "Syria", True),
        actor2=ActorRef("civilians", "Civilians (Syria)", 7, "Syria", True),
        date=DateRef("on Friday", date(2017, 4, 7), 1), places=[PlaceMention("Douma", "event", 5, 10)],
        counts=[Count("fatalities", 12, "12 people"), Count("injured", 30, "30")],
        claim=Claim("activists", None, "third_party", "say", "reported"),
    )
    base.update(kw)
    return EventMention(**base)


def test_acled_columns_and_derived_codes():
    (r,) = rows([_m()], timestamp=1)
    assert list(r)[:len(ACLED_COLUMNS)] == ACLED_COLUMNS and list(r) == COLUMNS
    assert (r["event_id_cnty"], r["iso"], r["region"], r["country"]) == ("SYR1", 760, "Middle East",
                                                                         "Syrian Arab Republic")
    assert (r["inter1"], r["inter2"], r["interaction"]) == (1, 7, 17)
    assert r["civilian_targeting"] == "Civilian targeting"
    assert (r["event_date"], r["year"], r["time_precision"], r["fatalities"], r["injured"]) == (
        "2017-04-07", 2017, 1, 12, 30)
    assert (r["location"], r["place_text"], r["certainty"], r["claimant"]) == ("Douma", "Douma", "reported",
                                                                              "activists")


def test_battle_is_not_civilian_targeting_and_unknowns_stay_empty():
    m = _m(event_type="Battles", sub_event_type="Armed clash", actor2=None, date=DateRef("on Friday"),
           counts=[Count("fatalities", 0, "a large number of terrorists", "unquantified")])
    (r,) = rows([m], timestamp=1)
    assert r["civilian_targeting"] is None and r["interaction"] == 10
    assert r["event_date"] is None and r["date_expression"] == "on Friday"
    assert (r["fatalities"], r["fatalities_raw"]) == (0, "a large number of terrorists")


def test_notes_say_date_actors_place_fatalities_and_source():
    assert write_notes(_m()) == ("On 7 April 2017, Military Forces of Syria (2000-) carried out air or drone "
                                 "strikes in Douma; 12 killed; according to activists.")
    m = _m(sub_event_type="Government regains territory", event_type="Battles", date=DateRef("on Saturday"),
           actor2=ActorRef("Nusra", "Jabhat Fateh al-Sham", 2, "Syria", True),
           counts=[Count("fatalities", 0, "a large number of terrorists", "unquantified")],
           claim=Claim("army", "Military Forces of Syria (2000-)", "party", "report", "claimed"))
    note = write_notes(m)
    assert note.startswith('On a date given as "on Saturday" (not resolved), Military Forces of Syria (2000-) '
                           "regained control of Douma from Jabhat Fateh al-Sham")
    assert 'fatalities unquantified ("a large number of terrorists")' in note
    assert note.endswith("claimed by Military Forces of Syria (2000-).")


# -- CSV that a spreadsheet opens as text ------------------------------------------------------------------------

EVIL_OUTLET = '=HYPERLINK("http://evil.example","Syria Monitor")'
EVIL_EVIDENCE = ["-2+3 people were killed in the market, activists said.",
                 "+cmd|' /C calc'!A0 shelling hit the district.",
                 "@SUM(1+1) rebels shelled the old city."]


def _hostile_store(tmp_path):
    """A store whose outlet name and evidence sentences start like spreadsheet formulas, fused."""
    from frontlines.fusion import fuse
    from frontlines.store import Store
    from frontlines.store.mentions import save_mentions
    from fusion.builders import HANANO, SAEED, doc, mention

    db = tmp_path / "hostile.duckdb"
    d = doc("Strikes on Aleppo", "Warplanes struck Aleppo.\n\nMore strikes followed.", EVIL_OUTLET,
            date(2016, 11, 27))
    ms = [mention(d, "Air/drone strike", place, date(2016, 11, 27), evidence=ev, claimant=claimant,
                  fatalities=n)
          for ev, place, claimant, n in zip(EVIL_EVIDENCE, [HANANO, HANANO, SAEED],
                                             ["=1+1 activists", "Reuters", "@monitor"], [3, 5, 7], strict=True)]
    with Store(db) as s:
        s.add_documents([d])
        save_mentions(s, [(d.doc_id, ms)])
        fuse(s, progress=False)
    return db


def _cli(*args):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", "from frontlines.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=120)


def _cells(text: str) -> list[str]:
    import csv
    import io

    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def test_spreadsheet_safe_prefixes_formula_starts_only():
    from frontlines.export import spreadsheet_safe

    for v in ("=1+1", "+1+cmd", "-2+3", "-x", "@A1", "\tx", "\rx", '=HYPERLINK("http://e.example","x")'):
        assert spreadsheet_safe(v) == "'" + v
    for v in ("Douma", "a=b", " -x", "", None, -3.5, 12, "-3", "+1.5", "'already quoted"):
        assert spreadsheet_safe(v) == v


def test_csv_exports_neutralise_formulas_and_raw_formats_keep_them(tmp_path):
    import json

    import pyarrow.parquet as pq

    db = _hostile_store(tmp_path)
    outputs = {
        "mentions": _cli("events", "--db", str(db), "--format", "csv"),
        "canonical": _cli("events", "--db", str(db), "--canonical", "--format", "csv"),
        "contradictions": _cli("contradictions", "--db", str(db), "--format", "csv"),
    }
    for what, r in outputs.items():
        assert r.returncode == 0, (what, r.stderr)
        cells = _cells(r.stdout)
        live = [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
        assert not live, (what, live)
    mentions = _cells(outputs["mentions"].stdout)
    assert "'" + EVIL_OUTLET in mentions
    assert {"'" + e for e in EVIL_EVIDENCE} <= set(mentions)
    assert "'=1+1 activists" in mentions and "'@monitor" in mentions
    assert any(c.startswith("'" + EVIL_OUTLET) for c in _cells(outputs["canonical"].stdout))

    # a file written with --out is the same CSV; JSONL and Parquet keep the raw text for code
    out = tmp_path / "m.csv"
    assert _cli("events", "--db", str(db), "--format", "csv", "--out", str(out)).returncode == 0
    assert "'" + EVIL_OUTLET in _cells(out.read_text(encoding="utf-8"))
    r = _cli("events", "--db", str(db), "--format", "jsonl")
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert {row["source"] for row in rows} == {EVIL_OUTLET}
    assert sorted(row["evidence"] for row in rows) == sorted(EVIL_EVIDENCE)
    pq_out = tmp_path / "m.parquet"
    assert _cli("events", "--db", str(db), "--format", "parquet", "--out", str(pq_out)).returncode == 0
    table = pq.read_table(pq_out).to_pylist()
    assert sorted(row["evidence"] for row in table) == sorted(EVIL_EVIDENCE)
