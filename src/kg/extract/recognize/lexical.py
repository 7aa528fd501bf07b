"""Organisations named bare, from word lists: government bodies (国务院) and well-known firms
(吉利汽车); and a division's party committee read from the characters (宁波市委)."""
from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import lexicon
from kg.doc import Doc, Mention, Sentence, Token
from kg.extract.recognize.base import ORGANIZATION, division_level, make_mention, recognizer


@recognizer("body")
def body_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    """Government bodies named bare: 国务院, 区政协, 联合国."""
    bodies = lexicon.gov_bodies()
    return [make_mention(doc, sentence, tok.start, tok.start + len(tok.text), ORGANIZATION, "body")
            for tok in tokens if tok.text in bodies]


@recognizer("enterprise")
def enterprise_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    """Well-known firms named without a suffix, with the industry word or the city that
    often comes with them: 吉利汽车, 闪聚电池, 贵阳海信."""
    firms = lexicon.enterprises()
    found: list[Mention] = []
    if _firm_names().search(sentence.text) is None:
        return found  # (a firm's word is in the text if anywhere: one search in C, not a look-up per word)
    for i, tok in enumerate(tokens):
        if tok.text not in firms:
            continue
        if read_as_common_word(tokens, i):
            continue
        start, end = tok.start, tok.start + len(tok.text)
        if i + 1 < len(tokens) and tokens[i + 1].text in lexicon.industry_words():
            end += len(tokens[i + 1].text)
        if i > 0 and tokens[i - 1].pos == "ns" and tokens[i - 1].start + len(tokens[i - 1].text) == start:
            start = tokens[i - 1].start
        found.append(make_mention(doc, sentence, start, end, ORGANIZATION, "enterprise"))
    return found


@lru_cache(maxsize=1)
def _firm_names() -> re.Pattern[str]:
    return lexicon.any_of(sorted(lexicon.enterprises(), key=len, reverse=True))


def read_as_common_word(tokens: list[Token], i: int) -> bool:
    """A firm's name that is also a common word (浪潮 a wave, 东风 an east wind) is that
    word where a noun, 的 or a closing quote modifies it (数字|浪潮, 升级的|浪潮, “东数西算”|东风)
    and nothing of a firm's name follows it (浪潮|长春云计算中心, 东风|皮卡 are the firms)."""
    before = tokens[i - 1] if i > 0 else None
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    modified = before is not None and (before.pos in ("n", "vn", "uj") or before.text in ("”", "’"))
    named_on = after is not None and (after.pos.startswith(("n", "vn")) or after.text in lexicon.industry_words())
    return modified and not named_on


# A division's party committee: 宁波市委, 中共太仓市委, 黔南州委 (州: the short form of an
# autonomous prefecture). Read from the characters because the segmenter glues 委 to
# what follows it (宁波市|委副|书记, 太仓市|委的); 委员, 委托, 委派 are other words.
PARTY_COMMITTEE = re.compile(r"(中共)?([\u4e00-\u9fff]{1,10}?(?:自治区|自治州|自治县|省|市|州|县|区|旗))委(?![员托派任屈婉])")
COMMITTEE_REACH = len("中共") + 10 + len("自治区")  # the longest opening of a match before its 委


@recognizer("committee", needs=("委",))
def committee_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    """`(中共)<division>委`: the committee of a division the national table names."""
    if "委" not in sentence.text:
        return []
    found = []
    # (a match ends at 委 at most COMMITTEE_REACH characters after its start: no earlier start need be tried)
    for match in PARTY_COMMITTEE.finditer(sentence.text, max(0, sentence.text.find("委") - COMMITTEE_REACH)):
        area = match.group(2)
        # the area is the longest table name the match ends with (…近日，宁波市委: 宁波市)
        name = next((area[i:] for i in range(len(area) - 1) if division_level(area[i:]) or short_prefecture(area[i:])
                     or (area.endswith("自治州州") and division_level(area[i:-1]))), None)  # 楚雄彝族自治州|州委
        if name is None or (len(name) == 2 and name[0] in "和与及"):
            continue  # 市政府和|县委: a conjunction before a bare level word, not 和县
        start = sentence.start + match.end() - len(name) - 1
        if doc.text.endswith("中共", 0, start):
            start -= len("中共")
        found.append(make_mention(doc, sentence, start, sentence.start + match.end(), ORGANIZATION, "committee"))
    return found


def short_prefecture(name: str) -> bool:
    """黔南州: an autonomous prefecture named with 州 for 自治州."""
    return name.endswith("州") and name[:-1] in _prefecture_short_names()


@lru_cache(maxsize=1)
def _prefecture_short_names() -> frozenset[str]:
    """黔南 for 黔南布依族苗族自治州: the place word before the peoples' names."""
    names = set()
    for division in lexicon.division_by_name().values():
        if division.level == "City" and division.name.endswith("自治州"):
            names.update(division.name[:size] for size in (2, 3))
    return frozenset(names)
