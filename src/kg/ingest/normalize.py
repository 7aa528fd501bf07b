"""Text normalisation: one canonical form for the recognisers, with a map back to the raw text.

- NFKC per character: full-width digits, letters and punctuation become their plain forms
  (（ -> (, ２０２５ -> 2025, ， -> ,), which also makes names compare as the scorer does.
- Every kind of quote becomes “ ” or ‘ ’ (straight double quotes in Chinese text too, in
  pairs), every dash becomes —; control and format
  characters (zero-width spaces, BOMs, bidi marks) are dropped; every line break is \\n.
- Traditional characters (Hong Kong, Taiwan sources) are converted to simplified (OpenCC
  t2s) when a text is mostly traditional; `Doc.raw` keeps the original for evidence.
- A paragraph broken in the middle of a sentence is joined back: across a blank line when
  a line that began a sentence (a long one, or one with a comma that no enumerator opens)
  ends in a Chinese character and the next starts with one (seed 000 breaks 山王|庙村 so);
  across a single line break (hard-wrapped text, PDFs) when a long line does not end a
  sentence.
- A line or paragraph repeated verbatim is dropped, so its facts are not counted twice.

`Doc.offsets[i]` is the raw index of normalised character i (len(text)+1 entries, the last
one the end); they never decrease and stay valid for any input.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.doc import Doc

QUOTE_MAP = {
    "「": "“", "」": "”", "『": "“", "』": "”", "〝": "“", "〞": "”", "〟": "”", "＂": "\"",
    "‚": "‘", "‛": "‘", "„": "“", "‟": "“", "«": "“", "»": "”", "﹁": "“", "﹂": "”", "﹃": "“", "﹄": "”",
    "′": "'", "″": "\"", "＇": "'",
}
DASH_MAP = {c: "—" for c in "‐‑‒–―─━⸺⸻－﹘﹣"}
# NFKC turns these into ASCII; Chinese text reads better with the full-width form kept.
KEEP = {"—", "“", "”", "‘", "’", "…", "·", "《", "》", "、", "。", "〔", "〕", "【", "】"}
LINE_BREAKS = {"\r", "\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"}

SENTENCE_END = "。！？；!?;…"
CLOSERS = "”’)）】》」』\"'"
CONTINUING_MARKS = "”’)）》。；;:：!！?？"
MIN_JOIN_LINE = 30  # a line shorter than this is a heading, never joined across a blank line
MIN_WRAP_LINE = 15  # a hard-wrapped line is at least this long
MIN_REPEAT = 20  # paragraphs at least this long are dropped when repeated
TRADITIONAL_SHARE = 0.03  # share of Chinese characters that only traditional text uses


@dataclass
class Normalized:
    text: str
    offsets: list[int]
    traditional: bool = False


@lru_cache(maxsize=None)  # a pure function of one character, asked of every character read
@lru_cache(maxsize=1 << 16)  # (a text repeats a few thousand distinct characters)
def normalize_char(char: str) -> str:
    """The normalised form of one character: usually one character, sometimes none or several."""
    if char in LINE_BREAKS:
        return "\n"
    if char in KEEP:
        return char
    if char in QUOTE_MAP:
        return QUOTE_MAP[char]
    if char in DASH_MAP:
        return DASH_MAP[char]
    if " " <= char < "\u007f" or "\u4e00" <= char <= "\u9fff":
        return char
    if char == "\t" or char == "\u3000":
        return " "
    if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return ""
    out = unicodedata.normalize("NFKC", char)
    if any(c in LINE_BREAKS or unicodedata.category(c) in ("Cc", "Cf") for c in out):
        return ""
    if out.isspace():
        return " "
    # NFKC can turn one mark into text that changes its meaning (e.g. U+2474 ⑴ -> (1)); keep it
    return "".join(QUOTE_MAP.get(c, DASH_MAP.get(c, c)) for c in out)


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


@lru_cache(maxsize=1)
def _opencc_dir() -> Path:
    import opencc

    return Path(opencc.__file__).parent / "dictionary"


@lru_cache(maxsize=1)
def traditional_only() -> frozenset[str]:
    """Characters OpenCC converts to a different simplified character."""
    chars: set[str] = set()
    simplified: set[str] = set()
    for line in (_opencc_dir() / "TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and len(parts[0]) == 1:
            targets = parts[1].split()
            if targets and targets[0] != parts[0]:
                chars.add(parts[0])
            simplified.update(t for t in targets if len(t) == 1)
    return frozenset(chars - simplified)


def is_traditional(text: str, present: Iterable[str] | None = None) -> bool:
    """True when enough of the Chinese characters exist only in traditional script.
    `present`: the distinct characters of `text` (or more), where the caller knows them."""
    only = traditional_only()
    head = text[:50000]
    if only.isdisjoint(set(head) if present is None else present):
        return False  # (most texts: no character to count)
    # each distinct character once (counted in C), not each character of the text
    counts = [(char, n) for char, n in Counter(head).items() if _is_cjk(char)]
    hanzi = sum(n for _char, n in counts)
    if not hanzi:
        return False
    count = sum(n for char, n in counts if char in only)
    return count >= 2 and count / hanzi >= TRADITIONAL_SHARE or count == hanzi


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(chars: list[str]) -> list[str]:
    """Convert a list of single characters to simplified, keeping one entry per input.

    OpenCC converts phrases (so 乾隆 stays, 乾淨 becomes 干净); where a phrase changes
    length the characters of that line are converted one by one instead.
    """
    converter = _t2s()
    line = "".join(chars)
    if len(line) == len(chars):
        converted = converter.convert(line)
        if len(converted) == len(chars):
            return list(converted)
    return [converter.convert(c) if len(c) == 1 else c for c in chars]


def _replace_chars(raw: str, table: dict[str, str]) -> str:
    """`raw` with each character of `table` replaced: a regex finds the few characters to
    change (about 4% of a text) faster than str.translate looks up every one."""
    if not table:
        return raw
    changed = re.compile("[" + "".join(re.escape(char) for char in table) + "]")
    return changed.sub(lambda match: table[match.group()], raw)


def _map_chars(raw: str) -> tuple[str, list[int], frozenset[str]]:
    """Per-character normalisation: the output text, the raw index of each character and
    the distinct characters of the output (known here from the table, without a pass over
    the text: `is_traditional` asks for them)."""
    norms = {char: normalize_char(char) for char in set(raw)}
    written = frozenset("".join(norms.values()))
    if "\r" not in norms and all(len(norm) == 1 for norm in norms.values()):
        # (the usual text: one character for one, e.g. full-width punctuation to ASCII)
        return _replace_chars(raw, {c: n for c, n in norms.items() if n != c}), list(range(len(raw))), written
    chars: list[str] = []
    maps: list[int] = []
    previous_cr = False
    for i, char in enumerate(raw):
        if char == "\n" and previous_cr:
            previous_cr = False
            continue  # \r\n is one line break
        previous_cr = char == "\r"
        for piece in norms[char]:
            chars.append(piece)
            maps.append(i)
    return "".join(chars), maps, written


@dataclass
class _Line:
    text: str
    maps: list[int]  # the raw index of each character of `text`
    blank_before: bool  # a blank line separates it from the previous one


def _split_lines(text: str, maps: list[int]) -> list[_Line]:
    """The lines of `text` without the white space around them (blank ones left out)."""
    lines: list[_Line] = []
    start = 0
    blank = False
    for piece in text.split("\n"):
        body = piece.strip()  # (str.strip drops what str.isspace calls space)
        if body:
            left = start + len(piece) - len(piece.lstrip())
            lines.append(_Line(body, maps[left:left + len(body)], blank))
            blank = False
        elif lines:
            blank = True
        start += len(piece) + 1
    return lines


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(CLOSERS)
    return not stripped or stripped[-1] in SENTENCE_END or stripped[-1] in ":："


def _looks_like_heading(text: str) -> bool:
    """A short line without sentence punctuation: a title, never the rest of a sentence."""
    return len(text) < MIN_JOIN_LINE and not any(c in text for c in ",，。;；:：、")


ENUMERATED = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十0-9]+[)）]|[0-9]+[.、．]|第[一二三四五六七八九十]+[章节部分条])")


def _is_cut_sentence(text: str) -> bool:
    """A line that has begun a sentence and stops in a word: long, or with a comma in it
    and no enumerator opening it (10月11日,贵州玖隆佳贸易有 | 限公司…; a heading such as
    一、坚持创新驱动，加快发展新质生产力 is enumerated)."""
    return len(text) >= MIN_JOIN_LINE or (not _looks_like_heading(text) and not ENUMERATED.match(text))


def _joins(previous: str, line: _Line, text: str) -> bool:
    """Whether `line` (whose text is `text`) continues the sentence `previous` ends with."""
    first = text[0]
    if line.blank_before:
        return (_is_cut_sentence(previous) and _is_cjk(previous[-1]) and _is_cjk(first)
                and not _looks_like_heading(text))
    if len(previous) < MIN_WRAP_LINE or _ends_sentence(previous):
        return False
    # Closing marks never start a sentence: a line opening with one continues the last.
    return _is_cjk(first) or first.isalnum() or first in "“‘(（《,，、" or first in CONTINUING_MARKS


def pair_ascii_quotes(text: str) -> str:
    """Straight double quotes in Chinese text (web pages, PDFs) become “ ”, in pairs, so
    quoted names read the same however the source typed them: "三片一区一镇". A paragraph
    with an odd number of them, or without Chinese, is left as it is."""
    if '"' not in text:
        return text  # (most paragraphs)
    positions = [i for i, char in enumerate(text) if char == '"']
    if len(positions) % 2 or not any(_is_cjk(char) for char in text):
        return text
    paired = list(text)
    for n, i in enumerate(positions):
        paired[i] = "“" if n % 2 == 0 else "”"
    return "".join(paired)


def normalize_text(raw: str, convert_traditional: bool = True) -> Normalized:
    """Normalise `raw`; offsets has len(text)+1 raw indices, non-decreasing, each <= len(raw)."""
    text, maps, written = _map_chars(raw)
    traditional = convert_traditional and is_traditional(text, written)
    paragraphs: list[_Line] = []  # (a paragraph's text grows as lines join it)
    seen_lines: set[str] = set()
    for line in _split_lines(text, maps):
        if traditional:
            line.text = "".join(to_simplified(list(line.text)))
        if len(line.text) >= MIN_REPEAT:
            # a repeated line goes before joining: seed 000 repeats a paragraph cut at 山王,
            # and the copy must not be joined to the heading after it
            if line.text in seen_lines:
                continue
            seen_lines.add(line.text)
        if paragraphs and _joins(paragraphs[-1].text, line, line.text):
            last = paragraphs[-1]
            if last.text[-1].isascii() and last.text[-1].isalnum() and line.text[0].isascii() and line.text[0].isalnum():
                last.text += " "  # an English word wrapped at the line end
                last.maps.append(last.maps[-1] + 1)
            last.text += line.text
            last.maps.extend(line.maps)
        else:
            paragraphs.append(_Line(line.text, list(line.maps), line.blank_before))
    out: list[str] = []
    offsets: list[int] = []
    seen: set[str] = set()
    for paragraph in paragraphs:
        if len(paragraph.text) >= MIN_REPEAT:
            if paragraph.text in seen:
                continue
            seen.add(paragraph.text)
        if out:
            offsets.append(offsets[-1] + 1)  # the raw index just after the previous paragraph
        out.append(pair_ascii_quotes(paragraph.text))
        offsets.extend(paragraph.maps)
    end = offsets[-1] + 1 if offsets else 0
    offsets.append(min(end, len(raw)))
    return Normalized("\n".join(out), offsets, traditional)


def normalize(doc: Doc) -> Doc:
    result = normalize_text(doc.raw)
    doc.text, doc.offsets = result.text, result.offsets
    return doc
