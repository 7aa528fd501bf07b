"""Text normalisation: one canonical form for the recognisers, with a map back to the raw text.

- NFKC per character: full-width digits, letters and punctuation become their plain forms
  (（ -> (, ２０２５ -> 2025, ， -> ,), which also makes names compare as the scorer does.
- Every kind of quote becomes “ ” or ‘ ’, every dash becomes —.
- A paragraph broken in the middle of a sentence (a long line ending in a Chinese
  character followed by one starting with one) is joined back.
- A paragraph repeated verbatim is dropped, so its facts are not counted twice.

`Doc.offsets[i]` is the raw index of normalised character i; offsets stay valid for any input.
"""
from __future__ import annotations

import re
import unicodedata

from .doc import Doc

QUOTE_MAP = {
    "「": "“", "」": "”", "『": "“", "』": "”", "〝": "“", "〞": "”", "＂": "\"",
    "‘": "‘", "’": "’", "‚": "‘", "‛": "‘", "„": "“", "‟": "“", "«": "“", "»": "”",
}
DASH_MAP = {c: "—" for c in "‐‑‒–―─━⸺⸻－"}
# NFKC turns these into ASCII; Chinese text reads better with the full-width form kept.
KEEP = {"—", "“", "”", "‘", "’", "…", "·", "《", "》", "、", "。", "〔", "〕", "【", "】"}

_SENTENCE_END = "。！？；：!?;:…”’)）】》"
MIN_JOIN_LINE = 30  # a line shorter than this is a heading, never joined to the next
MIN_REPEAT = 20  # paragraphs at least this long are dropped when repeated


def normalize_char(char: str) -> str:
    if char in KEEP:
        return char
    if char in QUOTE_MAP:
        return QUOTE_MAP[char]
    if char in DASH_MAP:
        return DASH_MAP[char]
    if char < "\u0080" or "\u4e00" <= char <= "\u9fff":
        return char
    if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co") and char not in "\n\t":
        return ""
    out = unicodedata.normalize("NFKC", char)
    if char == "\u3000" or out.isspace() and out != "\n":
        return " "
    return out


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def normalize_text(raw: str) -> tuple[str, list[int]]:
    """Return (normalised text, offsets) where offsets has len(text)+1 raw indices."""
    out: list[str] = []
    offsets: list[int] = []
    seen: set[str] = set()
    pending_join = False
    for match in re.finditer(r"[^\n]+", raw):
        start = match.start()
        chars: list[str] = []
        maps: list[int] = []
        for i, char in enumerate(match.group()):
            norm = normalize_char(char)
            for piece in norm:
                chars.append(piece)
                maps.append(start + i)
        line = "".join(chars).strip()
        if not line:
            continue
        lead = len("".join(chars)) - len("".join(chars).lstrip())
        maps = maps[lead: lead + len(line)]
        if len(line) >= MIN_REPEAT:
            if line in seen:
                continue
            seen.add(line)
        if out and not (pending_join and _is_cjk(line[0])):
            out.append("\n")
            offsets.append(offsets[-1] + 1 if offsets else 0)
        out.append(line)
        offsets.extend(maps)
        pending_join = len(line) >= MIN_JOIN_LINE and _is_cjk(line[-1])
    text = "".join(out)
    final = offsets[-1] + 1 if offsets else 0
    offsets.append(min(final, len(raw)))
    return text, offsets


def normalize(doc: Doc) -> Doc:
    doc.text, doc.offsets = normalize_text(doc.raw)
    return doc
