"""Numbered policy packages written without quotes: 出台推动经济高质量发展60条, 落实国务院
33条、自治区40条 (GUIDELINES: 强省会“35条” is a Policy; the quoted form is read by
quoted.py through `name_patterns.tsv`)."""
from __future__ import annotations

import re

from kg.doc import Doc, Mention, Sentence, Token
from kg.extract.recognize.base import Typed, make_mention, recognizer

POLICY = Typed("Policy", "", "条")
# A package is adopted or carried out (出台, 落实, 贯彻): the verb opens the name's left edge;
# its subject (国务院, 民营经济, 推动经济高质量发展) stands before the count of articles, and a
# word for what the articles are (政策, 措施, 举措) may close it.
_ITEM = r"[\u4e00-\u9fff][\u4e00-\u9fff0-9]{0,11}?[0-9一二三四五六七八九十百]+条(?:政策|措施|举措)?"
_CLOSE = r"(?:[、，。；,;：:等]|和|及|$)"
# A shared description may follow the count (自治区40条|稳大盘政策, 省级39条|稳增长一揽子政策):
# it says what the articles are about; the package is named by its count.
_DESCRIBED = r"[\u4e00-\u9fff]{2,8}?(?:政策|措施|举措)"
_END = rf"(?={_CLOSE}|{_DESCRIBED}{_CLOSE})"
_VERB = r"(?:出台|落实|贯彻|执行|制定)"
PACKAGE = re.compile(rf"{_VERB}({_ITEM}){_END}")
BARE_COUNT = re.compile(r"[0-9一二三四五六七八九十百]+条(?:政策|措施|举措)?")
NEXT_ITEM = re.compile(rf"、(?!{_VERB})({_ITEM}){_END}")  # (an item with its own verb is matched on its own)


@recognizer("package", needs=("条",))
def package_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    """`落实国家6方面33条、省级39条`: each counted package after the verb is a Policy."""
    if "条" not in sentence.text:
        return []
    found: list[Mention] = []
    for match in PACKAGE.finditer(sentence.text):
        spans = [match.span(1)]
        while (following := NEXT_ITEM.match(sentence.text, spans[-1][1])) is not None:
            spans.append(following.span(1))
        for start, end in spans:
            if BARE_COUNT.fullmatch(sentence.text, start, end):
                continue  # (出台十八条具体措施: a count of articles, no package's name)
            found.append(make_mention(doc, sentence, sentence.start + start, sentence.start + end, POLICY, "package"))
    return found
