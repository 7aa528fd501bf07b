"""Saved web pages: keep the article text, drop navigation, footers, scripts and styles.

Government sites put the article in one container (TRS CMS: `.TRS_Editor`, `#zoom`;
others: `<article>`, `.content`); we take the element whose own paragraphs hold the most
text, which finds that container without a per-site rule. Metadata comes from the
`<meta>` tags those sites fill (`ArticleTitle`, `PubDate`, `ContentSource`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from selectolax.lexbor import LexborHTMLParser, LexborNode

from kg.ingest.readers.base import Extracted, ReadError
from kg.ingest.readers.text import decode_bytes

DROP_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
             "svg", "button", "select", "template", "object", "embed", "canvas", "video", "audio"]
BOILERPLATE = re.compile(
    r"(^|[-_\s])(nav|navbar|menu|footer|foot|header|head|breadcrumbs?|crumbs?|sidebar|side|share|"
    r"copyright|toolbar|login|search|related|recommend|advert|ads?|banner|topbar|bottom|position|"
    r"location|dqwz)($|[-_\s])", re.IGNORECASE)
BLOCK_TAGS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
              "ul", "ol", "table", "tr", "blockquote", "pre", "dd", "dt", "dl", "figcaption",
              "center", "body", "td", "th", "hr"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
TITLE_METAS = ["ArticleTitle", "og:title", "title"]
DATE_METAS = ["PubDate", "pubdate", "publishdate", "article:published_time", "firstpublishedtime", "date"]
SOURCE_METAS = ["ContentSource", "source", "og:site_name", "SiteName"]


def _decode_html(data: bytes) -> tuple[str, str]:
    """Decode using the page's declared charset when it works, else by detection."""
    match = _META_CHARSET.search(data[:4096])
    if match and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = match.group(1).decode("ascii").lower()
        declared = "gb18030" if declared in ("gb2312", "gbk", "gb_2312-80") else declared
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass  # pages often lie about their charset; fall back to detection
    text, encoding, _notes = decode_bytes(data)
    return text, encoding


# Start tags after which the HTML parser looks down the stack of open elements for a <p>
# to close (WHATWG 13.2.6.4.7): lexbor does it on every one, so thousands left unclosed
# make parsing quadratic (100,000 unclosed <div>s: minutes). Real pages nest a few dozen.
_SCOPE_CHECKED = frozenset({"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir",
                            "div", "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup",
                            "main", "menu", "nav", "ol", "section", "summary", "ul", "form", "pre", "listing"})
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^<>]*?(/?)>")
MAX_NESTING = 1000


def too_deep(source: str, limit: int = MAX_NESTING) -> bool:
    """Do block elements open more than `limit` deep (start tags minus end tags, in one
    linear scan)? Browsers stop nesting at 512 and hang what follows on the last level;
    such a page is broken or hostile, and refused before lexbor sees it."""
    if source.count("<") <= limit:
        return False
    depth = 0
    for match in _TAG.finditer(source):
        if match.group(3) or match.group(2).lower() not in _SCOPE_CHECKED:
            continue
        if match.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > limit:
                return True
    return False


def _meta(tree: LexborHTMLParser, names: list[str]) -> str:
    for name in names:
        for attr in ("name", "property", "itemprop"):
            node = tree.css_first(f'meta[{attr}="{name}"]')
            if node is not None and (content := (node.attributes.get("content") or "").strip()):
                return content
    return ""


def _is_boilerplate(node: LexborNode) -> bool:
    attrs = node.attributes
    marker = f"{attrs.get('id') or ''} {attrs.get('class') or ''} {attrs.get('role') or ''}"
    return bool(marker.strip()) and bool(BOILERPLATE.search(marker)) and node.tag not in ("body", "html")


def _strip_boilerplate(root: LexborNode) -> None:
    for tag in DROP_TAGS:
        for node in root.css(tag):
            node.decompose()
    for node in root.css("[id], [class], [role]"):
        if node.parent is not None and _is_boilerplate(node):
            node.decompose()


PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "br", "span", "font", "strong"})


@dataclass(frozen=True)
class _TextSpan:
    """What `node.text(deep=True).strip()` needs, without building the text: its length and
    how much whitespace it starts and ends with (all of it when `blank`)."""

    length: int = 0
    lead: int = 0
    trail: int = 0
    blank: bool = True

    @staticmethod
    def of(text: str) -> _TextSpan:
        stripped = text.strip()
        if not stripped:
            return _TextSpan(len(text), len(text), len(text), True)
        return _TextSpan(len(text), len(text) - len(text.lstrip()), len(text) - len(text.rstrip()), False)

    def then(self, after: _TextSpan) -> _TextSpan:
        """The span of this text followed by `after`."""
        return _TextSpan(self.length + after.length,
                         self.length + after.lead if self.blank else self.lead,
                         after.length + self.trail if after.blank else after.trail,
                         self.blank and after.blank)

    @property
    def stripped(self) -> int:
        return 0 if self.blank else self.length - self.lead - self.trail


def _deep_text_spans(root: LexborNode) -> dict[int, _TextSpan]:
    """Every element's deep-text span, by `mem_id`, in one pass from the leaves up.
    Asking each container for its text instead costs the square of the nesting depth:
    100,000 unclosed <div><span> took minutes (issue 13)."""
    spans: dict[int, _TextSpan] = {}
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if node.tag == "-text":
            spans[node.mem_id] = _TextSpan.of(node.text_content or "")
        elif node.tag == "-comment":
            spans[node.mem_id] = _TextSpan()
        elif children_done:
            span = _TextSpan()
            for child in node.iter(include_text=True):
                span = span.then(spans[child.mem_id])
            spans[node.mem_id] = span
        else:
            stack.append((node, True))
            stack.extend((child, False) for child in node.iter(include_text=True))
    return spans


def _content_root(body: LexborNode) -> LexborNode:
    """The element whose direct paragraphs hold the most text: the article container."""
    spans = _deep_text_spans(body)
    best, best_size = body, 0
    for node in body.css("div, article, section, td, main"):
        size = sum(spans[child.mem_id].stripped for child in node.iter() if child.tag in PARAGRAPH_TAGS)
        if size > best_size:
            best, best_size = node, size
    # a container of the article whose paragraphs were direct children of body keeps body
    return best if best_size >= 0.3 * spans[body.mem_id].stripped else body


def _block_text(root: LexborNode) -> str:
    """Text with a paragraph break around every block element, inline markup joined."""
    parts: list[str] = []
    stack: list[LexborNode | str] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        if item.tag == "-text":
            parts.append(re.sub(r"\s+", " ", item.text_content or ""))
            continue
        if item.tag == "br":
            parts.append("\n")
            continue
        if item.tag in ("-comment",) or item.tag in DROP_TAGS:
            continue
        block = item.tag in BLOCK_TAGS
        if block:
            parts.append("\n\n")
            stack.append("\n\n")
        elif item.tag in ("td", "th"):
            stack.append("\t")
        stack.extend(reversed(list(item.iter(include_text=True))))
    lines = [line.strip() for line in "".join(parts).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _date(value: str) -> date | None:
    match = _DATE.search(value)
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def read_html(data: bytes) -> Extracted:
    source_text, encoding = _decode_html(data)
    if too_deep(source_text):
        raise ReadError(f"HTML block elements nested over {MAX_NESTING} deep (tags left unclosed); "
                        f"refused / 网页嵌套过深")
    tree = LexborHTMLParser(source_text)
    if tree.body is None:
        raise ReadError("not an HTML page (no body) / 不是网页")
    title = _meta(tree, TITLE_METAS)
    if not title and (node := tree.css_first("title")) is not None:
        title = (node.text() or "").strip()
    found_date = _date(_meta(tree, DATE_METAS))
    source = _meta(tree, SOURCE_METAS)
    body = tree.body
    _strip_boilerplate(body)
    text = _block_text(_content_root(body))
    if not text.strip():
        raise ReadError("HTML page has no article text / 网页没有正文")
    return Extracted(text=text, media_type="text/html", encoding=encoding, title=title[:200],
                     date=found_date, source=source[:100])
