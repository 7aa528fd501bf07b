"""Cue words and small tests shared by the who-does-what rules.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.doc import Doc, Mention
from kg.extract.lexicon import any_of, data_lines
from kg.extract.relate import INNER_RULES, is_body, short_forms

AGENT_TYPES = ("Organization", "AdministrativeArea")


WORK_TYPES = ("Program", "Policy")


AREA_LEVELS = ("City", "District", "Province")


CLAUSE_BREAK = re.compile(r"[。；;！？!?]")


COMMA_MARKS = "，,：:"
COMMA = re.compile(f"[{COMMA_MARKS}]")


def clause_opening(text: str, start: int, end: int) -> int:
    """Where the clause that ends at `end` opens: just after the last comma or colon of
    text[start:end], else `start` (one search from the end per mark, not a match per comma)."""
    return max(start, *(text.rfind(mark, start, end) + 1 for mark in COMMA_MARKS))


COMPANY_TAILS = ("公司", "集团", "企业", "银行")


# Words that count a programme's parts: “四大战略”, 三个行动, 五项工程.
COUNTED = re.compile(r"^[“\"]?[一二两三四五六七八九十0-9]+(大|个|项|张|条|类|件|方面)")


NUMBERED = re.compile(r"^[“\"]?[一二两三四五六七八九十0-9]+号")


@lru_cache(maxsize=1)
def role_cues() -> dict[str, tuple[str, ...]]:
    """Cue words by role (data/role_cues.tsv), longest first so 投资建设 wins over 建设."""
    by_role: dict[str, list[str]] = {}
    for line in data_lines("role_cues.tsv"):
        word, role = line.split("\t")[:2]
        by_role.setdefault(role, []).append(word)
    return {role: tuple(sorted(words, key=len, reverse=True)) for role, words in by_role.items()}


def cues(role: str) -> tuple[str, ...]:
    return role_cues().get(role, ())


@lru_cache(maxsize=None)
def cue_pattern(role: str) -> re.Pattern[str]:
    """One regex for all of a role's cue words: `cue_pattern(r).search(text)` says whether any
    of them is in `text` in one scan, not one scan per word."""
    return any_of(cues(role))


def is_company(mention: Mention) -> bool:
    return mention.type == "Organization" and not is_body(mention.label) and (
        mention.label.endswith(COMPANY_TAILS) or mention.rule in ("enterprise", "list"))


def is_actor_body(mention: Mention) -> bool:
    """A body that acts on its own (人大常委会, 发改委, a park's 管委会, 国务院), not a company."""
    return mention.type == "Organization" and (is_body(mention.label) or mention.label in NATIONAL_BODIES)


def _gap(doc: Doc, left: Mention, right: Mention) -> str:
    return doc.text[left.end:right.start]


def _one_clause(text: str) -> bool:
    return not CLAUSE_BREAK.search(text)


class SentenceMentions(list):
    """One sentence's mentions, built once per document by the stage and never changed after:
    the thirteen sentence rules each ask for its outermost names, worked out on the first ask."""

    __slots__ = ("flat",)

    def __init__(self) -> None:
        super().__init__()
        self.flat: list[Mention] | None = None


def by_sentence(mentions: list[Mention]) -> dict[int, SentenceMentions]:
    """The document's mentions grouped by sentence, in document order."""
    grouped: dict[int, SentenceMentions] = {}
    for mention in mentions:
        group = grouped.get(mention.sentence)
        if group is None:
            group = grouped[mention.sentence] = SentenceMentions()
        group.append(mention)
    return grouped


def _flat(mentions: list[Mention]) -> list[Mention]:
    """The sentence's outermost names: a name read inside another (中国电建 in 中国电建集团)
    would break the lists (A、B、C) the rules walk."""
    if type(mentions) is SentenceMentions:
        if mentions.flat is None:
            mentions.flat = _outermost(mentions)
        return list(mentions.flat)  # (a copy: a rule may change what it is given)
    return _outermost(mentions)


def _outermost(mentions: list[Mention]) -> list[Mention]:
    outer = [m for m in mentions if m.rule not in INNER_RULES]
    if len(outer) < 2:
        return outer  # (most sentences: nothing can be inside another)
    # m is inside another iff a longer span starting no later reaches its end: one sweep in
    # (start, -end) order, spans equal to m's left out (a pairwise scan was quadratic)
    spans = sorted({(m.start, -m.end) for m in outer})  # (start, -end): no key function to call
    inside, reach = set(), -1
    for start, minus_end in spans:
        if reach >= -minus_end:
            inside.add((start, -minus_end))
        elif reach < -minus_end:
            reach = -minus_end
    if not inside:
        return outer
    return [m for m in outer if (m.start, m.end) not in inside]


GOVERNMENT_HEADS = ("人民政府", "政府", "区委", "市委", "县委", "省委", "州委", "旗委", "党委", "党工委")


LEVEL_WORDS = "省市区县州旗乡镇"


def speaks_for_area(body: Mention) -> bool:
    """The area's own government or party committee (花溪区人民政府, 中共花溪区委, 县委): the
    guidelines give its work to the area itself."""
    return body.label.endswith(GOVERNMENT_HEADS)


def is_qualified(body: Mention) -> bool:
    """A body named with its place (花溪区人大常委会), not 区人大 or 市发改委 alone."""
    return not (body.label[:1] in LEVEL_WORDS or body.label in ("人大", "政协", "党中央", "国务院"))


# Bodies no place qualifies that issue under their own name (国务院关于…的意见).
NATIONAL_BODIES = ("国务院", "党中央", "中共中央", "中共中央、国务院")


OPENERS = re.compile(r"^(近年来|今年以来|去年以来|目前|当前|同时|此外|下一步|近日|[0-9]{4}年(以来)?)?[，,]?")


DATE_LINE = re.compile(r"\s*[0-9〇零一二三四五六七八九十]{4}年[0-9一二三四五六七八九十]{1,2}月[0-9一二三四五六七八九十]{1,3}日\s*")


def _lines(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of each line of the document's text. Three rules ask for them: worked out
    once per text, the last text's spans kept with the text itself (so never another
    document's)."""
    global _last_lines
    last = _last_lines
    if last[0] is not doc.text:
        spans, start = [], 0
        for line in doc.text.split("\n"):
            spans.append((start, start + len(line)))
            start += len(line) + 1
        last = _last_lines = (doc.text, spans)
    return list(last[1])


_last_lines: tuple[str | None, list[tuple[int, int]]] = (None, [])


def _forms(area: Mention) -> set[str]:
    return short_forms(area) if area.type == "AdministrativeArea" else {area.label}


# Between two items of a list: a separator, or one item not read as a name (设备更新、回收循环利用、标准提升).
ITEM_GAP = re.compile(r"[”\"]?([、和及与]|、[^，,。；;、“”()（）]{1,10}、)[“\"]?")


CUT_ITEM_GAP = re.compile(r"[^，,。；;、“”()（）]{1,12}[、和及与]")


def _cue_in(text: str, role: str) -> bool:
    return any(w in text for w in cues(role))


def _cue_gap(gap: str, words: tuple[str, ...], limit: int) -> bool:
    return len(gap) <= limit and _one_clause(gap) and not COMMA.search(gap) and any(w in gap for w in words)
