"""Five-year plans by their standard title, written without book-title marks (a document's
heading): 天津市东丽区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要. The title's
form is fixed by the planning system; the area written before it is part of its name.
(A year's plan, 2022年国民经济和社会发展计划, is left to the other rules: the gold sets name
it in some reports and not in others.)"""
from __future__ import annotations

import re

from kg.doc import Doc, Mention, Sentence, Token
from kg.extract.recognize.base import Typed, area_prefix_length, make_mention, recognizer

POLICY = Typed("Policy", "", "")
# (spaces inside: 二 〇 三五年, as some documents set their headings)
PLAN_TITLE = re.compile(
    r"((?:(?:19|20)[0-9]{2}年)?)([\u4e00-\u9fff]{0,12}?)((?:(?:19|20)[0-9]{2}年)?)国民经济和社会发展"
    r"(?:第[一二三四五六七八九十]+个五年规划(?:和\s*(?:二\s*[〇○零]\s*三\s*五|2035)\s*年远景目标纲要|纲要)?)"
    r"(?:\s*[(（]?草案[)）]?)?")
NOT_A_PLAN_AFTER = re.compile(r"的建议|统计公报|建议")


@recognizer("plan")
def plan_titles(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    """A five-year plan's outline, with the area before it."""
    if "国民经济和社会发展" not in sentence.text:
        return []
    found = []
    for match in PLAN_TITLE.finditer(sentence.text):
        if NOT_A_PLAN_AFTER.match(sentence.text, match.end()):
            continue  # 《中共…关于制定…规划和…远景目标的建议》: a proposal, read as a book title
        area = match.group(2)
        # the area words that end right before the title (…印发2025年通辽市|国民经济…)
        keep = next((area[i:] for i in range(len(area) + 1) if area_prefix_length(area[i:]) == len(area) - i), "")
        start = match.start(3) - len(keep) if not match.group(1) or keep != area else match.start(1)
        text = doc.text[sentence.start + start: sentence.start + match.end()]
        label = re.sub(r"\s+", "", text)
        found.append(make_mention(doc, sentence, sentence.start + start, sentence.start + match.end(), POLICY, "plan", label))
    return found
