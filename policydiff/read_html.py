"""HTML article page → text of the article body.

Government article pages wrap one article in navigation, share bars, related-link lists and
footers. The rules here, on the standard library's HTMLParser (no extra dependency, and the same
chrome patterns as for scraped text apply afterwards): drop script/style and elements that are
chrome by tag (nav, header, footer, aside, form) or by id/class (nav, menu, footer, share,
breadcrumb, related …); then take the element holding the most Chinese text in its own block
children — the article container — and write its blocks one per line, table cells one per line.
A general-purpose extractor (trafilatura) was not used: it pulls in a dozen packages and drops
the short lines (一、总体要求, 责任单位 rows) that matter most here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "head", "select", "button", "object"}
_CHROME_TAGS = {"nav", "header", "footer", "aside", "form", "menu"}
_CHROME_ATTR = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|footer|foot|share|bdshare|breadcrumb|crumbs?|sidebar|side|related|relate"
    r"|comment|banner|toolbar|copyright|login|search|topbar|header|position|location|print|close)([\s_-]|$)",
    re.I,
)
_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table",
          "ul", "ol", "blockquote", "pre", "dd", "dt", "center"}  # fmt: skip
_VOID = {
    "br",
    "img",
    "hr",
    "meta",
    "link",
    "input",
    "source",
    "wbr",
    "col",
    "area",
    "base",
    "embed",
    "param",
    "track",
}
_HAN = re.compile(r"[\u4e00-\u9fff]")
MIN_ARTICLE = 40  # Chinese characters; less than this is not an article
MAX_DEPTH = 200  # deeper elements are kept as text of the element at this depth (bounded recursion)
# a start tag that ends an open element of the same kind, as HTML5 parsers do: <p>a<p>b is two
# paragraphs, not one nested in the other (old sites leave hundreds unclosed)
_SELF_CLOSING = {"p", "li", "dt", "dd", "tr", "td", "th", "option"}


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    parent: _Node | None
    children: list[_Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {}, None)
        self.cur = self.root
        self.skip = 0
        self.depth = 0
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if self.skip or tag in _SKIP:
            if tag not in _VOID:
                self.skip += 1
            return
        if tag in _SELF_CLOSING and self.cur.tag == tag and self.cur.parent is not None:
            self.cur = self.cur.parent
            self.depth -= 1
        elif tag in _BLOCK and self.cur.tag == "p" and self.cur.parent is not None:
            self.cur = self.cur.parent  # a block closes an open paragraph
            self.depth -= 1
        if self.depth >= MAX_DEPTH:
            return  # its text still lands in the element at the cap
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        if tag not in _VOID:
            self.cur = node
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if self.skip:
            if tag not in _VOID:
                self.skip -= 1
            return
        node: _Node | None = self.cur
        up = 0
        while node is not None and node.tag != tag:
            node = node.parent
            up += 1
        if node is not None and node.parent is not None:
            self.cur = node.parent  # tolerate unclosed tags: close up to the matching one
            self.depth -= up + 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if not self.skip:
            self.cur.children.append(data)


def html_text(markup: str) -> str | None:
    """The article text, or None when the page holds no article."""
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    root = builder.root
    _prune(root)
    han = _han_counts(root)
    best, best_score = None, 0
    for node in _walk(root):
        score = sum(
            len(_HAN.findall(c)) if isinstance(c, str) else han[id(c)]
            for c in node.children
            if isinstance(c, str) or c.tag in _BLOCK
        )
        if score > best_score:
            best, best_score = node, score
    if best is None or best_score < MIN_ARTICLE:
        return None
    lines: list[str] = []
    heading = _heading_outside(root, best)
    if heading:
        lines.append(heading)
    _lines(best, lines)
    text = "\n".join(line for line in (ln.strip() for ln in lines) if line)
    return text + "\n"


def _han_counts(root: _Node) -> dict[int, int]:
    """Chinese characters under each node, computed once bottom-up (linear in the page)."""
    counts: dict[int, int] = {}
    for node in reversed(list(_walk(root))):
        counts[id(node)] = sum(
            len(_HAN.findall(c)) if isinstance(c, str) else counts[id(c)] for c in node.children
        )
    return counts


def _prune(node: _Node) -> None:
    kept: list[_Node | str] = []
    for c in node.children:
        if isinstance(c, _Node):
            attrs = f"{c.attrs.get('id', '')} {c.attrs.get('class', '')}"
            if c.tag in _CHROME_TAGS or _CHROME_ATTR.search(attrs):
                continue
            _prune(c)
        kept.append(c)
    node.children = kept


def _walk(node: _Node):  # type: ignore[no-untyped-def]
    """Every node under node, parents before children (iterative: no recursion limit)."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(c for c in reversed(n.children) if isinstance(c, _Node))


def _flat(c: _Node | str) -> str:
    if isinstance(c, str):
        return c
    return "".join(_flat(x) for x in c.children)


def _lines(node: _Node, out: list[str]) -> None:
    for c in node.children:
        if isinstance(c, str):
            if out:
                out[-1] += c
            else:
                out.append(c)
        elif c.tag in ("td", "th"):
            out.append("\t" + re.sub(r"\s+", " ", _flat(c)).strip())
            out.append("")
        elif c.tag in _BLOCK:
            out.append("")
            _lines(c, out)
            out.append("")
        else:
            _lines(c, out)


def _heading_outside(root: _Node, best: _Node) -> str | None:
    inside = {id(n) for n in _walk(best)}
    for n in _walk(root):
        if n.tag == "h1" and id(n) not in inside:
            text = re.sub(r"\s+", " ", _flat(n)).strip()
            if _HAN.search(text):
                return text
    return None
