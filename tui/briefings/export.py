"""A briefing as a document to hand on: Markdown or one self-contained HTML file.

The curator's summary, the facts the sources disagree on, the clippings as quotes, and a
numbered source list (outlet, title, date, web address: never a local path) that the facts and
quotes cite as [n].
Article text is untrusted: in Markdown every character that could be read as markup is
escaped; in HTML everything from an article is HTML-escaped, and the curator's Markdown is
rendered with raw HTML turned off.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

from tui.briefings.briefing import Pane
from tui.compare.disputes import Dispute
from tui.ingest.article import Article
from tui.text.literal import one_line
from tui.text.provenance import mark


@dataclass
class Document:
    """What an export holds, in order; citations are positions in ``sources`` (1-based)."""

    pane: Pane
    sources: list[Article]  # numbered from 1, in the briefing's order
    disputes: list[Dispute]
    clippings: list[tuple[Article, str]]

    def number(self, article_id: str) -> int | None:
        for k, a in enumerate(self.sources, 1):
            if a.id == article_id:
                return k
        return None


def document(pane: Pane, articles: list[Article], disputes: list[Dispute]) -> Document:
    by_id = {a.id: a for a in articles}
    clippings = [(by_id[a], text) for a, text in pane.clippings if a in by_id]
    return Document(pane, articles, disputes, clippings)


# --- Markdown -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&])")


def md_escape(text: str) -> str:
    """Text that Markdown shows as written: each mark that could start inline markup (emphasis,
    code, links, HTML, entities, tables) is backslash-escaped; CommonMark shows an escaped ASCII
    punctuation mark literally. Line-start markup (#, -, 1.) cannot apply: escaped text always
    follows a prefix on its line, and is one line."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def _when(article: Article) -> str:
    """The date, ``~`` before one read from the text rather than declared."""
    if article.date is None:
        return "undated"
    return mark(article.date.isoformat(), "date" in article.inferred) or "undated"


def _outlet(article: Article) -> str:
    return mark(article.source, "source" in article.inferred) or "source unknown"


INFERRED_NOTE = "~ before a date or outlet: read from the article's text, not declared by it."


def _any_inferred(doc: Document) -> bool:
    return any({"date", "source"} & set(a.inferred) for a in doc.sources)


_WEB = re.compile(r"https?://[^\s\x00-\x1f\x7f]+\Z", re.IGNORECASE)


def web_url(article: Article) -> str | None:
    """The article's address when it is one a reader can follow (``http(s)``, no spaces or
    control characters); never a local path or a ``javascript:``, ``file:`` or ``data:`` URL."""
    url = (article.url or "").strip()
    return url if _WEB.match(url) else None


def to_markdown(doc: Document, today: dt.date | None = None) -> str:
    pane = doc.pane
    out = [f"# {md_escape(pane.title)}", ""]
    made = (today or dt.date.today()).isoformat()
    out += [f"*Briefing exported {made} · {len(doc.sources)} sources*", ""]
    if pane.summary.strip():
        out += [pane.summary.strip(), ""]  # the curator's own Markdown, as written
    if doc.disputes:
        out += ["## Sources disagree", ""]
        for d in doc.disputes:
            parts = []
            for group in d.values:
                cites = sorted({n for s in group if (n := doc.number(s.article_id))})
                refs = "".join(f"[{n}]" for n in cites)
                parts.append(f"**{md_escape(group[0].value)}** {refs}")
            head = md_escape(d.measure or d.kind)
            out.append(f"- *{head}*: " + " vs ".join(parts))
            for group in d.values:
                for s in group:
                    n = doc.number(s.article_id)
                    out.append(f"  - [{n}] “{md_escape(s.sentence)}”")
        out.append("")
    if doc.clippings:
        out += ["## Clippings", ""]
        for article, text in doc.clippings:
            n = doc.number(article.id)
            who = md_escape(_outlet(article))
            out += [f"> {md_escape(text)}", ">", f"> — {who}, {_when(article)} [{n}]", ""]
    out += ["## Sources", ""]
    for k, a in enumerate(doc.sources, 1):
        url = web_url(a)  # an autolink, its brackets percent-encoded as a browser would
        link = f" <{url.replace('<', '%3C').replace('>', '%3E')}>" if url else ""
        out.append(f"{k}. {md_escape(_outlet(a))}, *{md_escape(a.title)}*, {_when(a)}.{link}")
    if _any_inferred(doc):
        out += ["", f"*{md_escape(INFERRED_NOTE)}*"]
    return "\n".join(out).rstrip() + "\n"


# --- HTML -----------------------------------------------------------------------------------

_CSS = """
body { font: 11pt/1.5 Georgia, 'Times New Roman', serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; color: #111; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; border-bottom: 1px solid #999; margin-top: 1.6em; }
.meta { color: #555; font-style: italic; }
.dispute { margin: 0.6em 0; }
.dispute .measure { font-style: italic; }
.dispute .value { font-weight: bold; background: #fde2e1; padding: 0 0.2em; }
.dispute ul { margin: 0.2em 0 0 1.2em; font-size: 0.95em; color: #333; }
blockquote { margin: 0.8em 0; padding: 0.2em 1em; border-left: 3px solid #999; }
blockquote footer { color: #555; font-size: 0.9em; }
ol.sources li { margin: 0.2em 0; word-break: break-word; }
a { color: #1a4f8b; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; }
  h2 { break-after: avoid; } blockquote, .dispute { break-inside: avoid; } }
"""


def _h(text: str) -> str:
    return html.escape(one_line(text), quote=True)


def _cite(n: int | None) -> str:
    return f'<a href="#src-{n}">[{n}]</a>' if n else ""


def to_html(doc: Document, today: dt.date | None = None) -> str:
    pane = doc.pane
    made = (today or dt.date.today()).isoformat()
    summary = MarkdownIt("commonmark", {"html": False}).render(pane.summary)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_h(pane.title)}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{_h(pane.title)}</h1>",
        f'<p class="meta">Briefing exported {made} · {len(doc.sources)} sources</p>',
        f'<section class="summary">{summary}</section>',
    ]
    if doc.disputes:
        parts.append("<h2>Sources disagree</h2>")
        for d in doc.disputes:
            values = []
            for group in d.values:
                cites = sorted({n for s in group if (n := doc.number(s.article_id))})
                refs = "".join(_cite(n) for n in cites)
                values.append(f'<span class="value">{_h(group[0].value)}</span> {refs}')
            quotes = "".join(
                f"<li>{_cite(doc.number(s.article_id))} “{_h(s.sentence)}”</li>"
                for group in d.values
                for s in group
            )
            parts.append(
                f'<div class="dispute"><span class="measure">{_h(d.measure or d.kind)}</span>: '
                + " vs ".join(values)
                + f"<ul>{quotes}</ul></div>"
            )
    if doc.clippings:
        parts.append("<h2>Clippings</h2>")
        for article, text in doc.clippings:
            who = _h(_outlet(article))
            parts.append(
                f"<blockquote><p>{_h(text)}</p><footer>— {who}, {_when(article)} "
                f"{_cite(doc.number(article.id))}</footer></blockquote>"
            )
    parts.append('<h2>Sources</h2><ol class="sources">')
    for k, a in enumerate(doc.sources, 1):
        url = web_url(a)
        place = f' <a href="{_h(url)}">{_h(url)}</a>' if url else ""
        cite = f"<cite>{_h(a.title)}</cite>"
        parts.append(f'<li id="src-{k}">{_h(_outlet(a))}, {cite}, {_when(a)}.{place}</li>')
    parts.append("</ol>")
    if _any_inferred(doc):
        parts.append(f'<p class="meta">{_h(INFERRED_NOTE)}</p>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
