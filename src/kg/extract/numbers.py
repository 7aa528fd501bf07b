"""Numbers as documents write them: Arabic digits or Chinese numerals (三, 十二, 两百).

Owned here because recognition (counts before a head: 三条生产线) and figures (the value of
an observation) both read them.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "百": 100, "千": 1000}


def parse_number(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        pass
    total, current = 0, 0
    for char in text:
        value = CN_DIGITS.get(char)
        if value is None:
            return None
        if value >= 10:
            total += (current or 1) * value
            current = 0
        else:
            current = value
    return Decimal(total + current)
