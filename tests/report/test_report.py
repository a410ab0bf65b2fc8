"""The situation report: citations resolve to the right documents, claims read as claims, HTML is safe."""

from __future__ import annotations

import re
from datetime import date

import pytest
from typer.testing import CliRunner

from frontlines.cli import _register, app
from frontlines.fusion import fuse
from frontlines.fusion.sources import Outlet, SourceList
from frontlines.report import write_report
from fusion.builders import GOV, HANANO, REBELS, SAEED, doc, mention, save

TAKE = "Government regains territory"
SOURCES = SourceList([
    Outlet("Levant Frontline News", owner="Levant Media Holding", partisanship="party",
           aligned_with="Syrian government"),
    Outlet("Shahba Voice", owner="Shahba Media Collective", partisanship="party", aligned_with="Syrian opposition"),
])
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def fused(store):
    a = doc("Army takes Sheikh Saeed", "A field commander said the army took Sheikh Saeed.",
            "Levant Frontline News", date(2016, 11, 30), "https://levantfrontline.example/saeed")
    b = doc("Rebels repel assault " + HOSTILE, "Rebels said they repelled the assault.", "Shahba Voice",
            date(2016, 12, 1), "javascript:alert(1)")
    c = doc("Observatory: Hanano falls", "The Observatory said government forces captured Masaken Hanano.",
            "Meridian Wire", date(2016, 11, 26), "https://meridianwire.example/hanano")
    ms = [mention(a, TAKE, SAEED, date(2016, 11, 30), claimant="a field commander", claimant_actor=GOV.name,
                  kind="party", fatalities=30, raw="more than 30", qualifier="at_least",
                  evidence="A field commander said the army took Sheikh Saeed."),
          mention(b, "Armed clash", SAEED, date(2016, 11, 30), actor1=REBELS, actor2=GOV, claimant="rebels",
                  claimant_actor=REBELS.name, kind="party", fatalities=12, raw="dozens " + HOSTILE,
                  qualifier="vague", trigger="repelled", evidence="Rebels said they repelled the assault " + HOSTILE),
          mention(c, TAKE, HANANO, date(2016, 11, 26), claimant="the Observatory", kind="third_party",
                  evidence="Government forces captured Masaken Hanano, the Observatory said.")]
    save(store, [a, b, c], ms)
    fuse(store, SOURCES)
    return store, {"saeed_claim": a, "saeed_repel": b, "hanano": c}


def _footnotes(md: str) -> dict[int, str]:
    return {int(n): text for n, text in re.findall(r"^\[\^(\d+)\]: (.*)$", md, re.M)}


def test_markdown_citations_resolve_to_the_right_documents(fused, tmp_path):
    store, docs = fused
    md, brief = write_report(store, tmp_path / "brief.md", "md")
    notes = _footnotes(md)
    assert len(notes) == 3
    for d in docs.values():
        assert sum(d.doc_id in t for t in notes.values()) == 1
    # the party claim is worded as a claim and cites the claiming outlet only
    line = next(ln for ln in md.splitlines() if "said its forces took control of Aleppo - Sheikh Saeed" in ln)
    first = int(re.search(r"said its forces took control[^\[]*\[\^(\d+)\]", line).group(1))
    assert docs["saeed_claim"].doc_id in notes[first]
    denial = re.search(r"denied the capture or said the attack was repelled\.\[\^(\d+)\]", line)
    assert docs["saeed_repel"].doc_id in notes[int(denial.group(1))]
    # third-party reporting is attributed, with the count
    assert "According to the Observatory, Military Forces of Syria (2000-) took control of Aleppo - Masaken Hanano" in md
    assert "## Control changes" in md and "disputed" in md
    assert (tmp_path / "brief.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<script>" not in md


def test_html_is_self_contained_and_escapes_source_text(fused, tmp_path):
    store, docs = fused
    html, _ = write_report(store, tmp_path / "brief.html", "html")
    assert "<script" not in html.lower()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html  # shown, inert
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html  # only http(s) links
    assert re.search(r'<img alt="Map of events" src="data:image/png;base64,[A-Za-z0-9+/=]+">', html)
    assert not re.search(r'src="(?!data:)', html)  # nothing fetched from anywhere
    ids = set(re.findall(r'href="#cite-(\d+)"', html))
    assert ids and ids <= set(re.findall(r'id="cite-(\d+)"', html))
    assert docs["hanano"].url in html


def test_filters_and_cli(fused, tmp_path):
    store, _ = fused
    md, brief = write_report(store, None, "md", since="2016-11-29")
    assert brief.n_events == 1 and "Masaken Hanano" not in md.split("## Sources")[0]
    db = store.path
    store.close()
    _register()
    runner = CliRunner()
    out = tmp_path / "r.html"
    res = runner.invoke(app, ["report", "--db", db, "--format", "html", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_text().startswith("<!DOCTYPE html>")
    res = runner.invoke(app, ["control", "--db", db, "--date", "2016-12-02", "--place", "Aleppo", "--format", "csv"])
    assert res.exit_code == 0, res.output
    lines = res.output.strip().splitlines()
    assert lines[0].startswith("location,level,holder,since") and len(lines) == 3
    assert any("Sheikh Saeed" in ln and "disputed" in ln for ln in lines)
    res = runner.invoke(app, ["control", "--db", db, "--date", "2016-11-27", "--place", "Aleppo",
                              "--format", "geojson"])
    assert res.exit_code == 0 and '"FeatureCollection"' in res.output
    res = runner.invoke(app, ["contradictions", "--db", db, "--format", "json"])
    assert res.exit_code == 0 and "capture_disputed" in res.output
    res = runner.invoke(app, ["report", "--db", db, "--since", "not-a-date"])
    assert res.exit_code != 0
