"""Comment headers split into who and when: markup first, then the shape of dates (issue 11)."""

from __future__ import annotations

from datetime import datetime

import pytest
from lxml import html as lxml_html

from frontlines.ingest.commenter import posted_from, split_header
from frontlines.ingest.comments import extract_comments


@pytest.mark.parametrize(
    ("header", "author", "when"),
    [
        ("JohnSmith3 hours ago", "JohnSmith", "3 hours ago"),
        ("Maria12/03/2025 10:14", "Maria", "12/03/2025 10:14"),
        ("Leyla Demir on 16/08/2021 at 12:59 Reply", "Leyla Demir", "16/08/2021 at 12:59"),
        ("Jonas 19. Juni 2018 um 15:28 Uhr - Antworten", "Jonas", "19. Juni 2018 um 15:28 Uhr"),
        ("Comment by Arno Vidal — 17.07, 2011 @ 13:10", "Arno Vidal", "17.07, 2011 @ 13:10"),
        ("greta 30.10.2017 // 10:57", "greta", "30.10.2017 // 10:57"),
        ("Kim · March 3rd, 2021 at 9:15 pm", "Kim", "March 3rd, 2021 at 9:15 pm"),
        ("Paul Okoro on June 5, 2019 at 10:14 am said:", "Paul Okoro", "June 5, 2019 at 10:14 am"),
        ("Anna vor 2 Tagen", "Anna", "vor 2 Tagen"),
        ("Ramiro dijo:", "Ramiro", None),
        ("Roberto Ruiz,", "Roberto Ruiz", None),
        # Names that end in digits or hold an "@" have no date shape: left whole.
        ("Birgit10", "Birgit10", None),
        ("Mulm-1006", "Mulm-1006", None),
        ("user 2019", "user 2019", None),
        ("Rowena @ rolala", "Rowena @ rolala", None),
        ("Von der Leyen", "Von der Leyen", None),
    ],
)
def test_header_split_by_the_shape_of_dates(header, author, when):
    got = split_header(header)
    assert (got.author, got.when) == (author, when)


def test_a_date_alone_has_no_author_and_a_leading_digit_is_not_a_name():
    got = split_header("13. Februar 2019 um 9:25 Uhr")
    assert got.author is None and got.when == "13. Februar 2019 um 9:25 Uhr"


def test_thread_decides_day_or_month_first_and_relative_dates_stay_unknown():
    # One unambiguous day-first date settles the ambiguous one beside it, as in a table column.
    assert posted_from(["16/08/2020 at 12:59", "11/08/2020 at 10:59", "3 hours ago", None]) == [
        datetime(2020, 8, 16, 12, 59), datetime(2020, 8, 11, 10, 59), None, None]
    # Without a deciding date: dotted dates are day-first, slashed ones month-first.
    assert posted_from(["07.04.2020 21:50"]) == [datetime(2020, 4, 7, 21, 50)]
    assert posted_from(["04/07/2020 9:00"]) == [datetime(2020, 4, 7, 9, 0)]
    # Month names in other languages; "17.07, 2011" as such widgets write it.
    assert posted_from(["10. Februar 2019 um 18:05 Uhr", "17.07, 2011 @ 13:10", "3 de junio de 2020"]) == [
        datetime(2019, 2, 10, 18, 5), datetime(2011, 7, 17, 13, 10), datetime(2020, 6, 3)]


_THREAD = """<html><body><article><p>The ceasefire line moved twice this week.</p></article>
<ol class="commentlist">
 <li class="comment" id="comment-1"><div class="comment-author">Rolf Amsel <span><a href="#c1" title="Permalink">
   <time datetime="2020-07-29">29.07.2020 // 12:56</time></a></span></div>
   <div class="comment-text"><p>The second convoy never arrived.</p></div>
   <a class="comment-reply-link" href="?replytocom=1#respond">Antworten</a></li>
 <li class="comment" id="comment-2"><div class="comment-author meta"><strong>Ben</strong> 19. Juni 2018 um 15:28 Uhr
   <a rel="nofollow" class="comment-reply-link" href="?replytocom=2#respond"> - Antworten</a></div>
   <div class="comment-text"><p>Residents left before dawn.</p></div></li>
 <li class="comment" id="comment-3"><header class="comment__meta comment-author">
   <span class="comment__author-name">Julia</span>
   <time class="comment__time" datetime="2020-08-11T09:52:46+02:00"><a href="#comment-3">on 11/08/2020 at 9:52</a></time>
   </header><section class="comment__content"><p>Thank you for the map.</p></section></li>
 <li class="comment" id="comment-4"><div class="comment-author">JohnSmith<span class="ago">3 hours ago</span></div>
   <div class="comment-text"><p>Shelling resumed at night.</p></div></li>
 <li class="comment-item" id="comment-5"><strong><a href="https://recipes.example/user/profil/ab12/anaya60.html">anaya60</a>
   </strong><p>Two checkpoints were closed.</p><div class="comment-date"><small>07.04.2020 21:50</small></div></li>
</ol></body></html>"""


def test_markup_first_then_text_patterns_split_author_date_and_body():
    root = lxml_html.fromstring(_THREAD)
    cs = extract_comments(root)
    got = [(c.author, c.posted, c.text) for c in cs]
    assert got == [
        ("Rolf Amsel", datetime(2020, 7, 29), "The second convoy never arrived."),
        ("Ben", datetime(2018, 6, 19, 15, 28), "Residents left before dawn."),
        ("Julia", datetime(2020, 8, 11, 7, 52, 46), "Thank you for the map."),
        ("JohnSmith", None, "Shelling resumed at night."),  # "3 hours ago": no reference time
        ("anaya60", datetime(2020, 4, 7, 21, 50), "Two checkpoints were closed."),
    ]
