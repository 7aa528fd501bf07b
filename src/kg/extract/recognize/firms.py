"""Projects named by where the firm is from and its trade name (字号), with no line of
business to end in a suffix the segmenter reads as one word: 玉溪亿纬锂能项目, 云南烨阳一期项目,
丽水和达健康绿谷项目. The trade name is often read as verbs and adverbs (亿纬锂|能/v, 烨|阳|一期/d),
so the suffix rule's left edge stops short of the place and finds nothing."""
from __future__ import annotations

import re

from kg.doc import Doc, Mention, Sentence, Token
from kg.extract import lexicon
from kg.extract.recognize.base import Typed, is_generic, make_mention, recognizer, tokens_between
from kg.extract.recognize.edges import describes_only

PROJECT = Typed("Project", "", "项目")
# At a clause's start (or after 的): a place of two to three characters, a trade name and
# maybe what it makes (2-8 characters), a phase, then 项目.
FIRM_PROJECT = re.compile(r"(?:^|(?<=[,，。；;、:：的]))([\u4e00-\u9fff]{2,3}?)([\u4e00-\u9fffA-Za-z0-9]{2,8}?)((?:[一二三四五六七八九十]期)?项目)")
AREA_LEVEL_CHARS = "省市县区州盟旗镇乡村"
NOT_A_TRADE_NAME = re.compile(r"[0-9一二三四五六七八九十]+[年个项家批座]|最|历史|[区园城]|重点|重大|新开工|开工|在建|续建|签约|招商|建设|产业|全部|所有|其他|其它|一批|各类")


@recognizer("firm-project", needs=("项目",))
def firm_projects(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    if "项目" not in sentence.text:
        return []
    places = lexicon.division_by_name()
    boundary = lexicon.boundary_words()
    found: list[Mention] = []
    for match in FIRM_PROJECT.finditer(sentence.text):
        place, trade, head = match.groups()
        if place not in places or trade[0] in AREA_LEVEL_CHARS or NOT_A_TRADE_NAME.search(trade):
            continue  # 贵州省|重点项目, 玉溪市|2024年项目: an area's projects, none named
        start, end = sentence.start + match.start(), sentence.start + match.end()
        inside = tokens_between(tokens, start, end)
        if any(t.text in boundary or (t.pos.startswith("v") and len(t.text) >= 2) for t in inside):
            continue  # a verb of two characters governs what follows: 云南|推进…项目
        name = place + trade + head
        if is_generic(name, "项目") or describes_only(trade + head, "项目"):
            continue
        found.append(make_mention(doc, sentence, start, end, PROJECT, "firm-project"))
    return found
