"""Date expressions resolved against the publication date; never guessed without one."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from conftest import DATA, need
from frontlines.nlp.dates import find_dates, resolve_date

SUNDAY = date(2016, 11, 27)


@pytest.mark.parametrize(
    "expression, published, expected, precision",
    [
        ("on Saturday", SUNDAY, date(2016, 11, 26), 1),
        ("by Sunday morning", SUNDAY, date(2016, 11, 27), 1),
        ("on Monday", date(2016, 11, 30), date(2016, 11, 28), 1),
        ("last Sunday", SUNDAY, date(2016, 11, 20), 1),
        ("yesterday", SUNDAY, date(2016, 11, 26), 1),
        ("last night", date(2017, 1, 1), date(2016, 12, 31), 1),
        ("today", SUNDAY, SUNDAY, 1),
        ("on 26 November", SUNDAY, date(2016, 11, 26), 1),
        ("on 30 December", date(2017, 1, 3), date(2016, 12, 30), 1),
        ("November 26", SUNDAY, date(2016, 11, 26), 1),
        ("three days ago", SUNDAY, date(2016, 11, 24), 1),
        ("over the weekend", SUNDAY, date(2016, 11, 26), 2),
        ("last week", SUNDAY, date(2016, 11, 17), 2),
        ("the past two days", SUNDAY, date(2016, 11, 26), 2),
        ("last month", SUNDAY, date(2016, 10, 16), 3),
        ("in March", SUNDAY, date(2016, 3, 16), 3),
    ],
)
def test_resolution(expression, published, expected, precision):
    ref = resolve_date(expression, published)
    assert (ref.date, ref.time_precision, ref.expression) == (expected, precision, expression)


def test_span_keeps_bounds_and_midpoint():
    ref = resolve_date("last week", SUNDAY)
    assert (ref.start, ref.end) == (date(2016, 11, 14), date(2016, 11, 20))
    assert ref.start < ref.date < ref.end


def test_weekend_published_midweek_is_previous_weekend():
    ref = resolve_date("over the weekend", date(2016, 11, 29))
    assert (ref.start, ref.end) == (date(2016, 11, 26), date(2016, 11, 27))


@pytest.mark.parametrize("expression", ["on Saturday", "yesterday", "last week", "on 26 November", "in March"])
def test_no_publication_date_keeps_expression_and_no_date(expression):
    ref = resolve_date(expression, None)
    assert ref.expression == expression
    assert ref.date is None and ref.time_precision is None


def test_explicit_full_date_needs_no_publication_date():
    assert resolve_date("on 19 April 2017", None).date == date(2017, 4, 19)
    assert resolve_date("2016-11-26", None).date == date(2016, 11, 26)


def test_anaphoric_takes_the_day_last_mentioned():
    assert resolve_date("By the evening", SUNDAY, anchor=date(2016, 11, 27)).date == date(2016, 11, 27)
    assert resolve_date("By the evening", SUNDAY).date is None  # no anchor: not guessed
    assert resolve_date("the following day", None, anchor=date(2016, 11, 26)).date == date(2016, 11, 27)


def test_find_dates_in_sentence_with_offsets():
    text = "The advance took Hanano on Saturday, and Jabal Badro by Sunday morning."
    found = find_dates(text)
    assert [d.text for d in found] == ["on Saturday", "by Sunday morning"]
    assert all(text[d.start:d.end] == d.text for d in found)


@pytest.mark.parametrize("text", ["The march on the capital", "The Sun newspaper said", "They may attack"])
def test_ordinary_words_are_not_dates(text):
    assert find_dates(text) == []


def _dev_rows():
    path = need(DATA / "fakes" / "dev.csv")
    return list(csv.DictReader(path.open(encoding="utf-8")))


def _gold(row) -> date:
    m, d, y = (int(x) for x in row["date"].split("/"))
    return date(2000 + y, m, d)


def test_real_dev_datelines_resolve():
    """FA-KES articles often open with a dateline ("Wed 19 Apr 2017 ..."). Explicit dates resolve
    without a publication date, and mostly equal the crowd-coded event date (which sometimes differs)."""
    checked = agree = 0
    for row in _dev_rows():
        found = find_dates(row["article_content"][:40])
        if not found or found[0].start > 5:
            continue
        ref = resolve_date(found[0].text, None)
        assert ref.date is not None, found[0].text
        checked += 1
        agree += ref.date == _gold(row)
    assert checked > 150
    assert agree / checked > 0.75


def test_real_dev_weekdays_resolve_into_the_past_week():
    """'... a monitor said Sunday.' resolves against the dateline to a day of the week before it."""
    n = 0
    for row in _dev_rows():
        head = find_dates(row["article_content"][:40])
        if not head or head[0].start > 5 or head[0].kind not in ("dmy", "mdy"):
            continue
        published = resolve_date(head[0].text, None).date
        for d in find_dates(row["article_content"][head[0].end:]):
            if d.kind == "weekday" and "next" not in d.text.lower():
                ref = resolve_date(d.text, published)
                n += 1
                assert 0 <= (published - ref.date).days <= 7, (d.text, published, ref)
                assert ref.time_precision == 1
    assert n > 50


def test_real_acled_notes_day_expressions():
    """ACLED notes: the first day expression ("On 3 January", "on Friday"), resolved against a
    publication date three days later, gives the coded event_date (background dates and outlet
    names such as "26 September News" account for the rest)."""
    from datetime import datetime, timedelta

    path = need(DATA / "acled_notes" / "dev.csv")
    n = ok = 0
    for row in csv.DictReader(path.open(encoding="utf-8")):
        found = [d for d in find_dates(row["notes"]) if d.kind in ("dmy", "mdy", "weekday")]
        if not found:
            continue
        gold = datetime.strptime(row["event_date"], "%d-%b-%y").date()
        ref = resolve_date(found[0].text, gold + timedelta(days=3), kind=found[0].kind)
        n += 1
        ok += ref.date == gold
    assert n > 1000
    assert ok / n >= 0.85


@pytest.mark.parametrize("text", [
    "ON 26 NOVEMBER 2016 the army said it took Hanano BY SUNDAY MORNING.",
    "Over the Weekend, and Last Week, rebels shelled the city; 3 days ago and the day before yesterday too.",
    "Clashes on Sept. 3, 2016 (2016-09-03) and later that day; since March; earlier this month.",
    "Monthly market prices fell; the dayshift and tonight's mayor meeting.",
    "",
])
def test_screen_finds_what_a_full_scan_finds(text):
    assert find_dates(text) == find_dates(text, screen=False)


def test_screen_finds_what_a_full_scan_finds_on_real_notes():
    path = need(DATA / "acled_notes" / "dev.csv")
    notes = [row["notes"] for row in csv.DictReader(path.open(encoding="utf-8"))][:2000]
    assert [find_dates(t) for t in notes] == [find_dates(t, screen=False) for t in notes]
