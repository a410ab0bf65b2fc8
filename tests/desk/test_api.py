"""The desk's HTTP surface in-process (Starlette's TestClient over the real app and a real store):
the JSON API, the security guards, the downloads, and that the store is never written."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import subprocess
import sys
import time

import pytest
from starlette.testclient import TestClient


@pytest.fixture(scope="module")
def client(desk_app):
    return TestClient(desk_app[1], base_url="http://127.0.0.1")


def test_security_headers_on_pages_and_api(client):
    for path in ("/", "/api/events", "/sources", "/static/desk.css"):
        r = client.get(path)
        assert r.status_code == 200
        csp = r.headers["content-security-policy"]
        script = next(p for p in csp.split(";") if p.strip().startswith("script-src"))
        assert script.split() == ["script-src", "'self'"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_pages_carry_no_inline_script(client, desk_app):
    events = client.get("/api/events?limit=5").json()["events"]
    for path in ["/", "/places", "/sources", "/place?name=Aleppo"] + [f"/event/{e['id']}" for e in events]:
        html = client.get(path).text
        for tag in html.split("<script")[1:]:
            assert tag.lstrip().startswith("src=\"/static/"), path
        assert " style=" not in html and "<style" not in html, path


def test_read_only_methods_and_bounded_requests(client):
    assert client.post("/api/events").status_code == 405
    assert client.delete("/api/events").status_code == 405
    assert client.get("/api/events?claimant=" + "x" * 5000).status_code == 414
    r = client.request("GET", "/api/events", content=b"x" * 10)
    assert r.status_code == 413
    r = client.get("/api/events?limit=100000")
    assert r.status_code == 400 and "limit" in r.json()["error"]
    assert client.get("/api/events?claimant=" + "x" * 201).status_code == 400


def test_bad_parameters_name_themselves(client):
    for query, name in (("since=yesterday", "since"), ("until=2016-13-40", "until"), ("corroboration=maybe",
                        "corroboration"), ("bbox=1,2,3", "bbox"), ("zoom=99", "zoom")):
        r = client.get("/api/map?" + query)
        assert r.status_code == 400, query
        assert r.json()["error"].startswith(name + ":")


def test_foreign_host_header_is_refused(client):
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py",
                                  "/static/vendor/../../app.py", "/static//etc/passwd"])
def test_no_path_traversal(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert "create_app" not in r.text and "root:" not in r.text


def test_values_are_bound_not_spliced(client):
    total = client.get("/api/events?limit=1").json()["total"]
    for evil in ("' OR 1=1 --", "x') OR ('1'='1", "Battles; DROP TABLE ev"):
        r = client.get("/api/events", params={"claimant": evil, "type": evil})
        assert r.status_code == 200 and r.json()["total"] == 0
    assert client.get("/api/events?limit=1").json()["total"] == total


def test_cells_add_up_to_the_points(desk_app):
    from frontlines.desk import queries
    from frontlines.desk.filters import Filters

    desk = desk_app[0]
    world = (-180.0, -90.0, 180.0, 90.0)
    points = queries.map_layer(desk.snapshot.cursor(), Filters(), world, 12)
    cells = queries.map_layer(desk.snapshot.cursor(), Filters(), world, 3, point_limit=1)
    assert points["mode"] == "points" and cells["mode"] == "cells"
    assert sum(c["n"] for c in cells["cells"]) == points["total"] == len(points["events"])
    assert sum(c["fatalities"] for c in cells["cells"]) == sum(e["fatalities"] for e in points["events"])
    assert len(cells["cells"]) < points["total"]


def test_histogram_counts_every_dated_event_ignoring_the_brush(client):
    days = client.get("/api/histogram?since=2016-12-01").json()["days"]
    dated = [e for e in client.get("/api/events?limit=2000").json()["events"] if e["date"]]
    assert sum(n for _, n in days) == len(dated)
    later = client.get("/api/events?limit=2000&since=2016-12-01").json()["events"]
    assert all(e["date"] >= "2016-12-01" for e in later) and len(later) < len(dated)


def test_event_page_and_json_twin_agree(client):
    for e in client.get("/api/events?limit=50").json()["events"]:
        d = client.get(f"/api/events/{e['id']}").json()
        html = client.get(f"/event/{e['id']}").text
        assert html.count('class="mention-card"') == len(d["mentions"])
        assert d["event"]["canonical_id"] == e["id"]
    assert client.get("/api/events/ce-none").status_code == 404
    assert client.get("/event/ce-none").status_code == 404


def test_hostile_text_is_escaped_in_html(client):
    outlet = next(s["outlet"] for s in client.get("/api/sources").json()["sources"]
                  if s["outlet"] and "onerror=alert(1)" in s["outlet"])
    doc = client.get("/api/source", params={"name": outlet}).json()["documents"][0]["doc_id"]
    html = client.get(f"/document/{doc}").text
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert "<script>window" not in html and "<img src=x" not in html and "<b onmouseover" not in html
    assert 'href="javascript:' not in html
    # a URL with markup in it is shown, never linked
    assert "hostile.example" not in "".join(a for a in html.split("href=")[1:] if a.startswith('"https://hostile'))


def test_csv_download_neutralises_formulas(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/download/events.csv").text)))
    assert rows
    cells = [v for r in rows for v in r.values() if v]
    assert not [v for v in cells if v[0] in "=+@" or (v[0] == "-" and not v.lstrip("-").replace(".", "").isdigit())]
    hostile = [r for r in rows if "calc" in r["source"]]
    assert hostile and all(r["source"].startswith("'=cmd") or "; =" not in r["source"] for r in hostile)


def test_csv_download_is_the_cli_export(client, desk_app):
    """One CSV writer: the desk's download is byte for byte what `frontlines events --canonical` writes."""
    from frontlines.desk.queries import Reader
    from frontlines.export import spreadsheet_safe, write_csv
    from frontlines.fusion import canonical_rows
    from frontlines.fusion.rows import CANONICAL_COLUMNS

    buf = io.StringIO()
    write_csv(buf, canonical_rows(Reader(desk_app[0].store_cursor())), CANONICAL_COLUMNS)
    assert client.get("/download/events.csv").text == buf.getvalue()
    for v in ("\uff1dcmd|' /C calc'!A0", "\n=1+1", "\uff20SUM(A1)"):
        assert spreadsheet_safe(v) == "'" + v


def test_downloads_follow_the_filter(client):
    single = client.get("/api/events?limit=2000&corroboration=single").json()
    gj = client.get("/download/events.geojson?corroboration=single").json()
    assert {f["properties"]["canonical_id"] for f in gj["features"]} == {e["id"] for e in single["events"]}
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(client.get("/download/events.parquet?corroboration=single").content))
    assert table.num_rows == single["total"]
    r = client.get("/download/report.html?place=Aleppo")
    assert r.status_code == 200 and "<script" not in r.text.lower()
    assert "script-src" not in r.headers["content-security-policy"]
    assert client.get("/download/../../etc/passwd").status_code == 404
    assert client.get("/download/events.exe").status_code == 400


def test_control_on_a_date(client):
    before = client.get("/api/control?date=2016-11-01&place=Aleppo").json()["places"]
    after = client.get("/api/control?date=2016-12-31&place=Aleppo").json()["places"]
    assert before and all(p["holder"] is None for p in before)
    assert any(p["holder"] for p in after)


def test_openapi_lists_the_api(client):
    spec = client.get("/api/openapi.json").json()
    assert {"/api/events", "/api/events/{canonical_id}", "/api/map", "/api/control", "/api/sources",
            "/api/contradictions", "/api/place", "/api/documents/{doc_id}"} <= set(spec["paths"])


def test_the_store_is_never_written(desk_db, client):
    before = hashlib.sha256(desk_db.read_bytes()).hexdigest()
    events = client.get("/api/events?limit=50").json()["events"]
    for path in ["/", "/api/status", "/api/facets", "/api/map", "/api/histogram", "/api/places", "/places",
                 "/sources", "/download/events.csv", "/download/report.md"] + [f"/event/{e['id']}" for e in events]:
        assert client.get(path).status_code == 200
    assert hashlib.sha256(desk_db.read_bytes()).hexdigest() == before


def test_a_store_held_by_another_writer_is_refused_plainly(tmp_path):
    import duckdb

    from frontlines.desk import open_desk
    from frontlines.errors import FrontlinesError

    db = tmp_path / "busy.duckdb"
    duckdb.connect(str(db)).close()
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]);"
                               " print('ready', flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(FrontlinesError, match="serve --watch"):
            open_desk(db)
    finally:
        holder.kill()
        holder.wait()


def test_cli_serve_names_a_missing_store(tmp_path):
    t0 = time.time()
    r = subprocess.run([sys.executable, "-c", "from frontlines.cli import main; main()", "serve", "--db",
                        str(tmp_path / "none.duckdb")], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "COLUMNS": "400"})
    assert r.returncode == 1
    assert "none.duckdb: no such store" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert time.time() - t0 < 60


def test_mask_filters_agree_with_list_filters(desk_app):
    """A frequent value is filtered on its bit, a rare one with list_contains: both give the same rows."""
    from frontlines.desk.filters import Filters

    desk = desk_app[0]
    cur = desk.snapshot.cursor()
    checked = 0
    for facet, col in (("claimant", "claimants"), ("certainty", "certainties"), ("outlet", "outlets"),
                       ("source_type", "source_types")):
        for v in desk.snapshot.facets[facet]:
            f = Filters(**{facet: v["value"]})
            w_bits, p_bits = f.where(bits=cur.view.bits)
            w_list, p_list = f.where(bits={})
            assert f"{col}_mask" in w_bits and f"list_contains({col}" in w_list
            n_bits = cur.execute(f"SELECT count(*) FROM {cur.table} {w_bits}", p_bits).fetchone()[0]
            n_list = cur.execute(f"SELECT count(*) FROM {cur.table} {w_list}", p_list).fetchone()[0]
            assert n_bits == n_list == v["n"]
            checked += 1
    assert checked >= 10


def test_tiles_only_when_configured(desk_app):
    from frontlines.desk.app import Desk, create_app

    plain = TestClient(desk_app[1], base_url="http://127.0.0.1").get("/")
    assert 'data-tiles=""' in plain.text and "tile.example" not in plain.headers["content-security-policy"]
    desk = Desk(desk_app[0].source, tiles="https://tile.example.org/{z}/{x}/{y}.png")
    r = TestClient(create_app(desk), base_url="http://127.0.0.1").get("/")
    assert 'data-tiles="https://tile.example.org/{z}/{x}/{y}.png"' in r.text
    assert "img-src 'self' data: https://tile.example.org;" in r.headers["content-security-policy"]
