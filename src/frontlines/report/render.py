"""Render a ``Brief`` as Markdown or as one self-contained HTML file.

All text that came from sources (titles, outlet and actor names, place names,
evidence) is escaped for the target format; links are emitted only for
http(s) URLs. The HTML embeds its map as a base64 PNG and loads nothing.
"""

from __future__ import annotations

import base64
import html
import re

from frontlines.report.brief import Brief, Citation, Sentence

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~])")


def md_escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _safe_url(url: str | None) -> str | None:
    if url and re.match(r"^https?://[^\s<>\"']+$", url, re.I):
        return url
    return None


def _md_sentence(s: Sentence) -> str:
    return md_escape(s.text) + "".join(f"[^{n}]" for n in s.cites)


def _cite_text(c: Citation) -> str:
    parts = [c.source or "unknown outlet", f"\u201c{c.title}\u201d" if c.title else "untitled",
             c.published or "undated"]
    return ", ".join(parts)


def to_markdown(brief: Brief, image_name: str | None = None) -> str:
    out = [f"# {md_escape(brief.title)}", "", f"Period: {md_escape(brief.period)}", ""]
    out += [_md_sentence(s) for s in brief.overview] + [""]
    if image_name:
        out += [f"![Map of events]({image_name})", ""]
    if brief.control:
        out += ["## Control changes", ""] + [f"- {_md_sentence(s)}" for s in brief.control] + [""]
    if brief.contradictions:
        out += ["## Contradictions", ""] + [f"- {_md_sentence(s)}" for s in brief.contradictions] + [""]
    for area in brief.areas:
        out += [f"## {md_escape(area.name)}", ""]
        for day in area.days:
            out += [f"### {md_escape(day.day)}", ""]
            for it in day.items:
                out += [f"**{md_escape(it.heading)}.** " + " ".join(_md_sentence(s) for s in it.sentences), ""]
    out += ["## Sources", ""]
    for c in brief.citations:
        url = _safe_url(c.url)
        out.append(f"[^{c.number}]: {md_escape(_cite_text(c))}" + (f", <{url}>" if url else "")
                   + f" (doc {c.doc_id})")
    return "\n".join(out) + "\n"


def _html_sentence(s: Sentence) -> str:
    refs = "".join(f'<sup><a href="#cite-{n}" id="ref-{n}">[{n}]</a></sup>' for n in s.cites)
    return html.escape(s.text) + refs


_CSS = """body{font-family:Georgia,serif;max-width:52em;margin:2em auto;padding:0 1em;line-height:1.45;color:#222}
h1,h2,h3{font-family:Helvetica,Arial,sans-serif}h3{color:#555;font-size:1em}sup a{text-decoration:none}
.item{margin:.4em 0 .9em}.head{font-weight:bold}ol.sources li{font-size:.9em;margin:.2em 0}
img{max-width:100%;border:1px solid #ddd}.muted{color:#666;font-size:.85em}"""


def to_html(brief: Brief, png: bytes | None = None) -> str:
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
           'style-src \'unsafe-inline\'">',
           f"<title>{e(brief.title)}</title><style>{_CSS}</style></head><body>",
           f"<h1>{e(brief.title)}</h1>", f'<p class="muted">Period: {e(brief.period)}</p>']
    out += [f"<p>{_html_sentence(s)}</p>" for s in brief.overview]
    if png:
        b64 = base64.b64encode(png).decode("ascii")
        out.append(f'<figure><img alt="Map of events" src="data:image/png;base64,{b64}"></figure>')
    if brief.control:
        out.append("<h2>Control changes</h2><ul>")
        out += [f"<li>{_html_sentence(s)}</li>" for s in brief.control]
        out.append("</ul>")
    if brief.contradictions:
        out.append("<h2>Contradictions</h2><ul>")
        out += [f"<li>{_html_sentence(s)}</li>" for s in brief.contradictions]
        out.append("</ul>")
    for area in brief.areas:
        out.append(f"<h2>{e(area.name)}</h2>")
        for day in area.days:
            out.append(f"<h3>{e(day.day)}</h3>")
            for it in day.items:
                body = " ".join(_html_sentence(s) for s in it.sentences)
                out.append(f'<p class="item"><span class="head">{e(it.heading)}.</span> {body}</p>')
    out.append('<h2>Sources</h2><ol class="sources">')
    for c in brief.citations:
        url = _safe_url(c.url)
        link = f' <a href="{e(url, quote=True)}" rel="noreferrer noopener">{e(url)}</a>' if url else ""
        out.append(f'<li id="cite-{c.number}">{e(_cite_text(c))}{link} '
                   f'<span class="muted">(doc {e(c.doc_id)})</span></li>')
    out.append("</ol></body></html>")
    return "\n".join(out) + "\n"
