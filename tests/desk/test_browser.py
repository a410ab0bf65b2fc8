"""The desk in a real browser (Debian's chromium via Playwright): map, brush, filters, pages, download.

Every test runs under the XSS sentinel of ``conftest.page``: the fixture store
carries OWASP payloads, and any that executes (or opens a dialog) fails the test.
"""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def api(url: str, path: str) -> dict:
    with urllib.request.urlopen(url + path) as r:  # noqa: S310 - the test's own server on 127.0.0.1
        return json.loads(r.read())


def open_map(page, url: str, query: str = "") -> None:
    page.goto(url + "/" + query)
    page.wait_for_selector("#event-list li.ev")
    page.wait_for_selector("path.ev-marker, path.ev-cell")


def listed_ids(page) -> list[str]:
    return page.eval_on_selector_all("#event-list li.ev", "els => els.map(e => e.dataset.id)")


def test_map_shows_events_without_csp_violations(page, desk_url):
    open_map(page, desk_url)
    total = api(desk_url, "/api/events?limit=1")["total"]
    assert int(page.text_content("#count")) == total
    markers = page.locator("path.ev-marker, path.ev-cell").count()
    located = api(desk_url, "/api/map?zoom=6&bbox=-180,-90,180,90")
    assert markers == (len(located["events"]) if located["mode"] == "points" else len(located["cells"]))
    # the offline country boundaries: drawn on a canvas, coarse first, then the 1:50m outlines
    assert page.locator(".leaflet-overlay-pane canvas").count() == 1
    page.wait_for_function("() => document.body.dataset.basemap === '50m'")
    assert not page.csp_violations


def test_time_brush_narrows_list_and_url(page, desk_url):
    open_map(page, desk_url)
    before = int(page.text_content("#count"))
    box = page.locator("#histogram").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.05, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.35, y, steps=8)
    page.mouse.up()
    page.wait_for_function("() => new URLSearchParams(location.search).get('since')")
    q = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    since, until = q["since"][0], q["until"][0]
    assert since <= until
    expected = api(desk_url, f"/api/events?limit=1&since={since}&until={until}")["total"]
    page.wait_for_function(f"() => document.querySelector('#count').textContent === '{expected}'")
    assert expected < before
    dates = page.eval_on_selector_all("#event-list li.ev .where", "els => els.map(e => e.textContent)")
    for d in dates:
        day = re.search(r"\d{4}-\d{2}-\d{2}", d).group(0)
        assert since <= day <= until
    assert page.locator("#brush-sel").count() == 1


def test_filter_by_claimant(page, desk_url):
    open_map(page, desk_url)
    facets = api(desk_url, "/api/facets")["claimant"]
    claimant = next(f["value"] for f in facets if f["value"] == "Syrian Observatory for Human Rights")
    page.select_option("#f-claimant", claimant)
    page.wait_for_function("() => new URLSearchParams(location.search).get('claimant')")
    expected = api(desk_url, "/api/events?limit=1&claimant=" + urllib.parse.quote(claimant))["total"]
    page.wait_for_function(f"() => document.querySelector('#count').textContent === '{expected}'")
    ids = listed_ids(page)
    assert ids and len(ids) < api(desk_url, "/api/events?limit=1")["total"]
    for cid in ids:  # each listed event has a mention whose claimant is the one chosen
        detail = api(desk_url, "/api/events/" + cid)
        assert claimant in {m["claimant"] for m in detail["mentions"]} | set(detail["event"]["claimants"])
    # the URL keeps the state: reloading it restores the filter
    page.goto(page.url)
    page.wait_for_selector("#event-list li.ev")
    assert page.input_value("#f-claimant") == claimant
    assert sorted(listed_ids(page)) == sorted(ids)


def test_event_page_sources_side_by_side(page, desk_url):
    events = api(desk_url, "/api/events?limit=500")["events"]
    cid = max(events, key=lambda e: (e["n_sources"], e["id"]))["id"]
    detail = api(desk_url, "/api/events/" + cid)
    assert len(detail["mentions"]) >= 2
    page.goto(desk_url + "/event/" + cid)
    cards = page.locator(".mention-card")
    assert cards.count() == len(detail["mentions"])
    outlets = cards.locator(".outlet").all_text_contents()
    assert sorted(outlets) == sorted(m["outlet"] or "unknown outlet" for m in detail["mentions"])
    for i, m in enumerate(detail["mentions"]):
        card = cards.nth(i)
        assert card.locator("blockquote.sentence").text_content() == m["evidence"]
        triggers = [s["text"] for s in m["segments"] if s["kind"] == "trigger"]
        assert card.locator("mark.trigger").all_text_contents() == triggers
        places = [s["text"] for s in m["segments"] if s["kind"] == "place"]
        assert card.locator("mark.place").all_text_contents() == places
        assert card.locator(".certainty").text_content() == (m["certainty"] or "")
    assert page.text_content("#attribution") == detail["attribution"]
    page.locator("a.doclink").first.click()
    page.wait_for_selector("#article mark.mention")


def test_disputed_event_states_its_contradiction(page, desk_url):
    events = api(desk_url, "/api/events?limit=500&corroboration=disputed")["events"]
    with_cx = [e for e in events if api(desk_url, "/api/events/" + e["id"])["contradictions"]]
    assert with_cx
    detail = api(desk_url, "/api/events/" + with_cx[0]["id"])
    page.goto(desk_url + "/event/" + with_cx[0]["id"])
    shown = page.locator("#contradictions li.contradiction").all_text_contents()
    assert [s.split(": ", 1)[1] for s in shown] == [c["summary"] for c in detail["contradictions"]]


def test_place_control_timeline(page, desk_url):
    place = api(desk_url, "/api/place?name=Aleppo")
    assert place["control"]
    page.goto(desk_url + "/place?name=Aleppo")
    rows = page.locator("#control tr.change")
    assert rows.count() == len(place["control"])
    assert rows.locator("td.holder").all_text_contents() == [c["holder"] for c in place["control"]]
    assert rows.locator("td.grade").all_text_contents() == [c["corroboration"] for c in place["control"]]
    page.wait_for_selector("#place-map path.leaflet-interactive")
    # a district with a gazetteer polygon draws it
    hanano = api(desk_url, "/api/place?name=" + urllib.parse.quote("Masaken Hanano"))
    assert hanano["polygons"]
    page.goto(desk_url + "/place?name=" + urllib.parse.quote("Masaken Hanano"))
    page.wait_for_function("() => document.querySelectorAll('#place-map path.leaflet-interactive').length >= 1")


def test_download_csv_of_current_filter(page, desk_url):
    open_map(page, desk_url, "?corroboration=single")
    expected = api(desk_url, "/api/events?limit=1&corroboration=single")["total"]
    with page.expect_download() as info:
        page.click("#downloads a[data-file='events.csv']")
    path = info.value.path()
    rows = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8"))))
    assert len(rows) == expected
    ids = {r["canonical_id"] for r in rows}
    assert ids == {e["id"] for e in api(desk_url, "/api/events?limit=2000&corroboration=single")["events"]}
    assert list(rows[0])[:5] == ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type"]
    for r in rows:  # nothing a spreadsheet would run as a formula
        for v in r.values():
            assert not (v or "").startswith(("=", "+", "@")) or v.startswith("'")


def test_hostile_text_is_shown_as_text_and_never_runs(page, desk_url):
    docs = [s for s in api(desk_url, "/api/sources")["sources"] if s["outlet"] and "<img" in s["outlet"]]
    assert docs, "the hostile outlet is in the store"
    outlet = docs[0]["outlet"]
    page.goto(desk_url + "/sources")
    assert outlet in page.locator("#sources").text_content()
    page.goto(desk_url + "/source?name=" + urllib.parse.quote(outlet))
    assert page.text_content("h1") == outlet
    page.locator("a[href^='/document/']").first.click()
    page.wait_for_selector("#article")
    assert "<script>window.__xss=1</script>" in page.text_content("#article h1")
    assert "<img src=x onerror=window.__xss=6>" in page.text_content(".byline")
    comments = page.locator("#comments li.comment")
    assert comments.count() == 3
    assert page.locator("#comments li.comment li.comment").count() == 1  # the reply nests under its parent
    assert "<b onmouseover=window.__xss=7>Abu Omar</b>" in page.text_content("#comments")
    page.hover("#comments .who")
    # every event of the hostile documents, and the map with its popups
    for e in api(desk_url, "/api/events?limit=500")["events"]:
        page.goto(desk_url + "/event/" + e["id"])
    page.goto(desk_url + "/places")
    open_map(page, desk_url, "?lat=36.22&lon=37.17&z=13")
    for i in range(min(6, page.locator("path.ev-marker").count())):
        page.locator("path.ev-marker").nth(i).click(force=True)
    # the gazetteer's polygons, one of them named with a payload: its tooltip shows the name as text
    shapes = page.locator(".leaflet-overlay-pane path.leaflet-interactive:not(.ev-marker):not(.ev-cell)")
    page.wait_for_function("() => document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive"
                           ":not(.ev-marker)').length >= 3")
    names = []
    for i in range(shapes.count()):
        shapes.nth(i).dispatch_event("mouseover")  # markers may lie on top of the polygon's centre
        names.append(page.locator(".leaflet-tooltip").last.text_content())
        shapes.nth(i).dispatch_event("mouseout")
    assert "Qadi <img src=x onerror=window.__xss=13> Askar" in names
    assert not page.csp_violations


def test_sentinel_catches_a_payload_that_runs(browser):
    """The sentinel is not vacuous: the same payload, unescaped, is caught."""
    context = browser.new_context()
    pg = context.new_page()
    pg.add_init_script("window.__xss = 0;")
    dialogs = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.set_content("<p>Army shells Hanano again <img src=x onerror=\"window.__xss=2\"></p>"
                   "<img src=x onerror=alert(1)>")
    pg.wait_for_function("() => window.__xss === 2")
    assert dialogs == ["1"]
    context.close()
