"""Regenerate src/kg/data/pinyin.tsv: the toneless pinyin of each CJK Unified Ideograph.

Source: pypinyin (MIT, https://pypi.org/project/pypinyin/), its most common reading per
character. The table is what resource IRIs are spelled from (花溪区 -> hua-xi-qu); shipping
it as data keeps pypinyin's half-second dictionary load out of every build.

Usage: pip install pypinyin && python scripts/make_pinyin_table.py
"""
from __future__ import annotations

from pathlib import Path

from pypinyin import Style, lazy_pinyin

OUT = Path(__file__).resolve().parent.parent / "src" / "kg" / "data" / "pinyin.tsv"


def main() -> None:
    lines = ["# Toneless pinyin of CJK Unified Ideographs (U+4E00-U+9FFF), most common reading.",
             "# Source: pypinyin (MIT); regenerate with scripts/make_pinyin_table.py. Columns: char, pinyin."]
    for code in range(0x4E00, 0xA000):
        char = chr(code)
        reading = lazy_pinyin(char, style=Style.NORMAL, errors="ignore")
        if reading and reading[0].isascii() and reading[0].isalpha():
            lines.append(f"{char}\t{reading[0]}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
