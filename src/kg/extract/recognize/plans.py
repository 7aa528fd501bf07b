"""Five-year plans by their standard title, written without book-title marks (a document's
heading): 天津市东丽区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要. The title's
form is fixed by the planning system; the area written before it is part of its name.
(A year's plan, 2022年国民经济和社会发展计划, is left to the other rules: the gold sets name
it in some reports and not in others.)"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import lexicon
from kg.doc import Doc, Mention, Sentence, Token
from kg.extract.recognize.base import TRAILING_BRACKET, Typed, document_type, area_prefix_length, make_mention, recognizer, type_of_name

POLICY = Typed("Policy", "", "")
# (spaces inside: 二 〇 三五年, as some documents set their headings)
PLAN_TITLE = re.compile(
    r"((?:(?:19|20)[0-9]{2}年)?)([\u4e00-\u9fff]{0,12}?)((?:(?:19|20)[0-9]{2}年)?)国民经济和社会发展"
    r"(?:第[一二三四五六七八九十]+个五年规划(?:和\s*(?:二\s*[〇○零]\s*三\s*五|2035)\s*年远景目标纲要|纲要)?)"
    r"(?:\s*[(（]?草案[)）]?)?")
NOT_A_PLAN_AFTER = re.compile(r"的建议|统计公报|建议")


@recognizer("plan", needs=("国民经济和社会发展",))
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


# An unquoted document title (会议研究了关于加快推进生态宜居名城建设的实施意见): 关于, what the
# document is about, 的, and a document head (意见, 办法, 方案, 通知, 决定 …: the Policy heads of
# `suffixes.tsv`). The issuer written right before 关于 (陕西省人民政府关于…的批复) opens the name.
ABOUT_SUBJECT = r"关于[^，。；;:：、《》“”‘’\s]{2,40}?(?:的|若干)"
TITLE_STOP = re.compile(r"[，。；;:：、《》“”‘’\s!！?？,]")
AREA_MIN = 2  # (a named area: 陕西省人民政府, 中共衢州市委; not 市委 alone)
ISSUER_MAX = 16  # characters of the body before 关于
NOTICE_VERBS = ("印发", "转发")  # 印发关于X的通知: a notice of X; X is named on its own (GUIDELINES)


@lru_cache(maxsize=1)
def _about_title() -> re.Pattern[str]:
    heads = sorted((s.text for s in lexicon.suffixes() if s.type == "Policy"), key=len, reverse=True)
    return re.compile(rf"{ABOUT_SUBJECT}(?:{'|'.join(map(re.escape, heads))})")


def issuer_before(text: str, start: int) -> int:
    """Where the title starting with 关于 at `start` opens: at the named body right before it
    (陕西省人民政府|关于…), else at 关于."""
    window = text[max(0, start - ISSUER_MAX):start]
    stop = max((m.end() for m in TITLE_STOP.finditer(window)), default=0)
    body = window[stop:]
    typed = type_of_name(body) if body else None
    if typed is not None and typed.type == "Organization" and area_prefix_length(body) >= AREA_MIN:
        return start - len(body)
    return start


@recognizer("title", needs=("关于",))
def about_titles(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    """A document named by its 关于 title without book-title marks."""
    if "关于" not in sentence.text:
        return []
    found = []
    text = sentence.text
    for match in _about_title().finditer(text):
        if text.endswith(NOTICE_VERBS, 0, match.start()):
            continue
        start, end = issued_document(text, match.start(), match.end()) or (issuer_before(text, match.start()), match.end())
        found.append(make_mention(doc, sentence, sentence.start + start, sentence.start + end, POLICY, "title", text[start:end]))
    return found


ISSUING = "关于印发"
NOTICE_END = "的通知"


def issued_document(text: str, start: int, end: int) -> tuple[int, int] | None:
    """关于印发成都市…实施方案的通知: a notice that issues one document is an alias of that
    document (GUIDELINES "Titles of reports and bulletins"), named by the document's own
    title; a notice of what no policy head names (…重点工作和…责任分解的通知) is a Policy of
    its own: None."""
    if not text.startswith(ISSUING, start) or not text.endswith(NOTICE_END, 0, end):
        return None
    inner = text[start + len(ISSUING):end - len(NOTICE_END)]
    typed = document_type(TRAILING_BRACKET.sub("", inner))
    if typed is None or typed.type != "Policy":
        return None
    return start + len(ISSUING), end - len(NOTICE_END)


# A place's own five-year plan named by the period (湖州市数字经济发展“十四五”规划, 临沂“十四五”
# 规划和2035年远景目标): the area and the field written before the period are part of its name,
# as in the standard title above (GUIDELINES "Five-year plans": a place's own plans).
PERIOD_PLAN = re.compile(r"“?十[一二三四五六七八九]五”?(?:发展)?规划(?:纲要)?"
                         r"(?:和\s*(?:二\s*[〇○零]\s*三\s*五|2035)\s*年远景目标(?:纲要)?)?")
PLAN_OPENING_MAX = 16  # characters of area and field before the period
OPENING_STOP = re.compile(r"[^\u4e00-\u9fff]")


def plan_opening(text: str, start: int) -> int:
    """Where the name of the plan whose period starts at `start` opens: at the leftmost named
    area (two characters or more) in the words right before it, else at the period."""
    window_start = max(0, start - PLAN_OPENING_MAX)
    stops = [m.end() for m in OPENING_STOP.finditer(text, window_start, start)]
    window_start = max([window_start, *stops])
    for i in range(window_start, start):
        if area_prefix_length(text[i:start]) >= AREA_MIN:
            return i
    return start


@recognizer("period-plan", needs=("五",))
def period_plans(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    """A place's five-year plan named by its period, with the area before it."""
    if "五" not in sentence.text:
        return []
    found = []
    text = sentence.text
    for match in PERIOD_PLAN.finditer(text):
        start = plan_opening(text, match.start())
        if start == match.start():
            continue  # (the bare “十四五”规划 is read by quoted.py)
        label = re.sub(r"[\s“”]", "", text[start:match.end()])
        found.append(make_mention(doc, sentence, sentence.start + start, sentence.start + match.end(), POLICY, "plan", label))
    return found
