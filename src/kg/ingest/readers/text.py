"""Plain text in any encoding a Chinese government file is likely to use.

Order of evidence: a byte-order mark; strict UTF-8; then every candidate that decodes the
bytes strictly (GB18030, Big5/CP950, UTF-16 LE/BE, charset-normalizer's guess) scored by how
much of the result is ordinary Chinese or ASCII text. Binary files are refused by their
magic number or by control characters, before any guessing.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache
from importlib import resources

from kg.ingest.readers.base import Extracted, ReadError

BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
MAGIC = [
    (b"%PDF-", "a PDF document; name it .pdf"),
    (b"PK\x03\x04", "a ZIP archive (Word .docx?)"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (.doc/.xls); save it as .docx or .txt"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document; save it as .docx or .txt"),
]
CANDIDATES = ["gb18030", "cp950", "big5hkscs", "utf-16-le", "utf-16-be"]
MIN_PLAUSIBLE = 0.6  # share of ordinary characters below which a decoding is mojibake
MAX_CONTROL = 0.01  # share of control characters above which the file is binary
MAX_REPLACED = 0.002  # share of bad bytes in otherwise-UTF-8 text we replace rather than refuse
_OK_CATEGORIES = {"Lu", "Ll", "Nd", "Po", "Ps", "Pe", "Pd", "Pi", "Pf", "Zs", "Sm", "So", "Sc"}


@lru_cache(maxsize=1)
def common_hanzi() -> frozenset[str]:
    """Frequent characters in simplified and traditional forms (src/kg/data/common_hanzi.txt)."""
    text = resources.files("kg").joinpath("data/common_hanzi.txt").read_text(encoding="utf-8")
    return frozenset("".join(line.strip() for line in text.splitlines() if not line.startswith("#")))


def plausibility(text: str) -> float:
    """Share of characters that ordinary Chinese or ASCII text is made of (0..1)."""
    sample = text[:20000]
    if not sample:
        return 0.0
    common = common_hanzi()
    good = 0
    for char in sample:
        if char in common or char in "\n\r\t" or " " <= char <= "~":
            good += 1
        elif char > "~" and not "\u4e00" <= char <= "\u9fff" and unicodedata.category(char) in _OK_CATEGORIES:
            good += 1  # punctuation, full-width forms, Latin letters with accents
        elif "\u4e00" <= char <= "\u9fff":
            good += 0.3  # a rare but real character: half credit, mojibake is full of these
    return good / len(sample)


# control characters other than the white space ones (\t \n \v \f \r), and DEL
CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def control_share(text: str) -> float:
    sample = text[:20000]
    return len(CONTROL.findall(sample)) / max(len(sample), 1)


def binary_kind(data: bytes) -> str | None:
    """A description if the bytes are a known binary format, else None."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _charset_normalizer_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200000]).best()
    if best is None:
        return None
    name = best.encoding
    return "gb18030" if name in ("gb2312", "gbk", "hz") else name


def decode_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """Decode text bytes; returns (text, encoding, notes). Raises ReadError when impossible."""
    if not data.strip(b" \t\r\n\x00\x0b\x0c"):
        raise ReadError("empty file / 空文件")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom):], encoding.replace("-sig", ""))
            if text is None:
                raise ReadError(f"bytes do not match the {encoding} byte-order mark / 编码与BOM不符")
            return _checked(text, encoding), encoding, []
    kind = binary_kind(data)
    if kind:
        raise ReadError(f"binary file ({kind}), not text / 二进制文件")
    text = _strict(data, "utf-8")
    if text is not None:
        return _checked(text, "utf-8"), "utf-8", []
    scored: list[tuple[float, int, str, str]] = []
    names = list(CANDIDATES)
    guess = _charset_normalizer_guess(data)
    if guess and guess not in names:
        names.append(guess)
    for rank, name in enumerate(names):
        candidate = _strict(data, name)
        if candidate is not None and control_share(candidate) <= MAX_CONTROL:
            scored.append((plausibility(candidate), -rank, name, candidate))
    if scored:
        score, _rank, name, candidate = max(scored)
        if score >= MIN_PLAUSIBLE:
            return _checked(candidate, name), name, []  # two bytes can decode to one blank
    return _mostly_utf8(data)


def _mostly_utf8(data: bytes) -> tuple[str, str, list[str]]:
    """UTF-8 with a few bad bytes (a cut download, a bad copy): keep it, say how much was lost."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if b"\x00" not in data and bad <= max(1, len(data) * MAX_REPLACED) and plausibility(text) >= MIN_PLAUSIBLE:
        return text, "utf-8", [f"{bad} undecodable byte sequence(s) replaced with U+FFFD / 部分字节无法解码"]
    if b"\x00" in data or control_share(data.decode("latin-1")) > MAX_CONTROL:
        raise ReadError("binary file, not text / 二进制文件")
    first = _first_bad_utf8(data)
    raise ReadError(f"cannot decode (not UTF-8, GB18030, Big5 or UTF-16; first bad byte at {first}) / 无法识别编码")


def _first_bad_utf8(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return -1


def _checked(text: str, encoding: str) -> str:
    if control_share(text) > MAX_CONTROL:
        raise ReadError("binary file, not text / 二进制文件")
    if not text.strip():
        raise ReadError("empty file / 空文件")
    return text


def read_text(data: bytes) -> Extracted:
    text, encoding, notes = decode_bytes(data)
    return Extracted(text=text, media_type="text/plain", encoding=encoding, notes=notes)


def read_markdown(data: bytes) -> Extracted:
    text, encoding, notes = decode_bytes(data)
    return Extracted(text=text, media_type="text/markdown", encoding=encoding, notes=notes)
