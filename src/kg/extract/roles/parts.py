"""The parts of a programme (kg:componentOf) and the projects a programme names.
"""
from __future__ import annotations

import re

from kg.doc import Doc, Mention, Relation
from kg.extract.relate import INNER_RULES
from kg.extract.roles.common import (
    COUNTED,
    CUT_ITEM_GAP,
    ITEM_GAP,
    NUMBERED,
    WORK_TYPES,
    _flat,
    _gap,
    cues,
    is_actor_body,
    is_company,
)

# Between a programme and the list of its parts: “四千行动”是指实施A、B; 十大重点工业项目，分别为A、B.
PARTS_INTRO = re.compile(r"[”\"]?(，|,)?(即|包括|主要包括|分别为|分别是|是指|指|：|:|\()(实施|推进|开展)?[“\"]?")


# Words that say the list is the whole's parts whatever the whole is called.
PARTS_SAID = ("是指", "即", "包括", "分别为", "分别是")


# Nothing, a joining word or a closing 等 between two counted items
JOINED = re.compile(r"[、和及与]?|[”\"]?[等]?[”\"]?")


def counted_parts(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """工业强区、创新兴区、生态立区、文旅活区“四大战略”, “四大战略”：工业强区、…, and
    “四千行动”是指实施A、B…: the items listed next to a programme that counts them, or
    after one the sentence says is made of them, are its parts."""
    flat = _flat(mentions)
    found: list[Relation] = []
    for index, whole in enumerate(flat):
        if whole.type not in WORK_TYPES:
            continue
        items: list[Mention] = []
        if COUNTED.match(whole.label):
            # items before: A、B、C(等)四大战略
            cursor = index - 1
            while cursor >= 0 and flat[cursor].type in WORK_TYPES + ("Project",):
                if COUNTED.match(flat[cursor].label) or NUMBERED.match(flat[cursor].label):
                    break  # “五大任务”“六个工程”“七大行动”: counted names side by side are siblings
                gap = _gap(doc, flat[cursor], items[-1] if items else whole)
                if not (items and ITEM_GAP.fullmatch(gap)) and not JOINED.fullmatch(gap):
                    break
                items.append(flat[cursor])
                cursor -= 1
            if items and _quoted_beside(doc, items[0], whole) \
                    and _count(whole.label) not in (None, len(items)):
                # 统筹推进“三大”“五化”“四个农业”: one quoted slogan beside a counted one is its
                # sibling; “一表办”“一网办”“一次办”“一窗办”和“帮代办”“五个办” are its five parts
                items = []
        # items after: 四大战略：A、B、C / 四千行动是指实施A、B
        gap = _gap(doc, whole, flat[index + 1]) if index + 1 < len(flat) else ""
        if whole.label in gap:
            # “四千行动”深入实施…“四千行动”是指: the name written again, not read a second time
            gap = gap[gap.rfind(whole.label) + len(whole.label):]
        intro = PARTS_INTRO.fullmatch(gap) if index + 1 < len(flat) else None
        if not items and intro and (COUNTED.match(whole.label) or intro.group(2) in PARTS_SAID):
            cursor = index + 1
            while cursor < len(flat):
                if flat[cursor].type in WORK_TYPES + ("Project",):
                    items.append(flat[cursor])
                    gap_ok = ITEM_GAP.fullmatch
                else:
                    # 吉利|新车型及发动机项目、: an item read only in part; the list goes on
                    gap_ok = CUT_ITEM_GAP.fullmatch
                if cursor + 1 >= len(flat) or not gap_ok(_gap(doc, flat[cursor], flat[cursor + 1])):
                    break
                cursor += 1
        found.extend(Relation("componentOf", item, whole, whole.sentence, "counted-parts") for item in items
                     if item.label != whole.label)
    return found


def _quoted_beside(doc: Doc, item: Mention, whole: Mention) -> bool:
    """Is the item a quoted slogan written right before the quoted counted name (“五化”“四个
    农业”), rather than an unquoted part before it (生态立区“四大战略”)? Spans may or may not
    hold their quotes, so the quotes are read around the join."""
    return re.fullmatch(r".?[”\"][、和及与]?[“\"].?", doc.text[item.end - 1:whole.start + 1]) is not None


NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _count(label: str) -> int | None:
    """How many parts a counted name says it has (“五个办” 5, 四大战略 4), where one numeral says it."""
    match = COUNTED.match(label)
    if match is None:
        return None
    digits = match.group(0).lstrip("“\"")[:-len(match.group(1))]
    if digits.isdigit():
        return int(digits)
    return NUMERALS.get(digits)


CHINESE_NUMERALS = "一二三四五六七八九十"


def _item_mark(number: int) -> re.Pattern[str]:
    """The mark that opens item `number` of a numbered list: （3）, (3), 3., 3、, （三）, 三是,
    written where a sentence or clause begins (not the 3. of 3.5亿元)."""
    arabic = str(number)
    chinese = CHINESE_NUMERALS[number - 1] if number <= 10 else ""
    forms = [rf"[（(]{arabic}[）)]", rf"{arabic}[、.．](?![0-9])"]
    if chinese:
        forms += [rf"[（(]{chinese}[）)]", rf"{chinese}是"]
    return re.compile(r"(?<=[。；;：:，,！？!?\s])(?:" + "|".join(forms) + ")")


# After a counted name, what opens its numbered items: “十件民生实事”。（1）… / 五项任务：一是…
ITEMS_FOLLOW = re.compile(r"[”\"]?[。：:]")


def numbered_parts(doc: Doc) -> list[Relation]:
    """今年将继续办好“十件民生实事”。（1）…建成贵阳贵安残疾人综合服务中心。（2）…（10）…: a
    counted programme followed in its paragraph by exactly as many numbered items as it counts
    is made of them; the programmes, projects and facilities its items name are its parts. The
    count must match the numbering (no item n+1), so a list that numbers something else is left."""
    found: list[Relation] = []
    for whole in doc.mentions:
        count = _count(whole.label) if whole.type in WORK_TYPES else None
        if not count or count < 2 or count > 10:
            continue
        opening = ITEMS_FOLLOW.match(doc.text, whole.end)
        if opening is None:
            continue
        line_end = doc.text.find("\n", opening.end())
        line_end = len(doc.text) if line_end < 0 else line_end
        start = opening.end()
        if not _item_mark(1).match(doc.text, start):
            continue
        cursor, complete = start, True
        for number in range(2, count + 1):
            mark = _item_mark(number).search(doc.text, cursor, line_end)
            if mark is None:
                complete = False
                break
            cursor = mark.end()
        if not complete or _item_mark(count + 1).search(doc.text, cursor, line_end):
            continue
        last = CLAUSE_END.search(doc.text, cursor, line_end)
        end = last.end() if last else line_end
        found.extend(Relation("componentOf", m, whole, m.sentence, "numbered-parts") for m in doc.mentions
                     if start <= m.start and m.end <= end and m.rule not in INNER_RULES and m.label != whole.label
                     and (m.type in WORK_TYPES + ("Project", "Park") or _facility(m)))
    return found


CLAUSE_END = re.compile(r"[。；;！？!?]")


def _facility(mention: Mention) -> bool:
    """An organisation a programme builds (残疾人综合服务中心, a school, a hospital): neither a
    body that acts nor a company."""
    return mention.type == "Organization" and not is_actor_body(mention) and not is_company(mention)


def projects_of_programme(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """A project written right after the programme it belongs to (“东数西算”工程的X, 某行动
    重点项目X). Looser forms (实施X工程，建成A、B) were tried and cost precision."""
    found: list[Relation] = []
    flat = _flat(mentions)
    for left, right in zip(flat, flat[1:]):
        if left.type in WORK_TYPES and right.type == "Project" and _gap(doc, left, right) in ("", "的", "重点项目", "项目"):
            found.append(Relation("componentOf", right, left, left.sentence, "programme-project"))
    return found


# 《行动计划》明确了…: a policy named again by the generic head its title ends with
SHORT_TITLE = re.compile(r"《([^《》]{2,8})》")


def published_policy(doc: Doc) -> Mention | None:
    """The policy a news item reports the publication of: issued in its first two sentences
    (…大会上印发了《济南市…三年行动计划(2023—2025年)》) and named again by its generic head
    (《行动计划》明确了…), so the text goes on to present that policy's contents."""
    for mention in doc.mentions:
        if mention.sentence > 1:
            break
        if mention.type != "Policy" or not any(cue in doc.text[max(0, mention.start - 6):mention.start] for cue in cues("issues")):
            continue
        heads = {m.group(1) for m in SHORT_TITLE.finditer(doc.text, mention.end)}
        if any(mention.label.endswith(head) or head in mention.label for head in heads if head != mention.label):
            return mention
    return None


def policy_contents(doc: Doc) -> list[Relation]:
    """In the news of a policy's publication, the programmes, projects and parks the text goes
    on to name are parts of that policy (实施高端芯片、北斗星动能、氢进万家等科技示范工程;
    推进科创金融改革试验区建设). Not the organisations it names: universities and hospitals
    it cites as partners (山东大学齐鲁医院) are no part of it."""
    policy = published_policy(doc)
    if policy is None:
        return []
    return [Relation("componentOf", m, policy, m.sentence, "policy-contents") for m in doc.mentions
            if m.start > policy.end and m.type in ("Program", "Project", "Park") and m.label != policy.label
            and m.rule not in INNER_RULES]


# A bracket after a programme that glosses its parts one by one: （“一区”即A，“一场”即B，…）
GLOSS_OPEN = re.compile(r"[”\"]?[（(]")
GLOSS_ITEM = re.compile(r"[“\"]?[^，,；;。（）()“”\"]{1,6}[”\"]?(?:即|是指|指)")


def glossed_parts(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """贵阳经开区将依托“一区一场一赛”（“一区”即贵阳大数据安全产业示范区，“一场”即大数据安全靶场，
    …）: the names the bracket after a programme glosses its words with are its parts."""
    flat = _flat(mentions)
    found: list[Relation] = []
    for whole in flat:
        if whole.type not in WORK_TYPES:
            continue
        opening = GLOSS_OPEN.match(doc.text, whole.end)
        if opening is None:
            continue
        close = min((i for i in (doc.text.find("）", opening.end()), doc.text.find(")", opening.end())) if i >= 0),
                    default=-1)
        if close < 0:
            continue
        inside = [m for m in flat if opening.end() <= m.start and m.end <= close
                  and m.type in WORK_TYPES + ("Project", "Park")]
        for item in inside:
            # the segment before the name, back to the bracket or the last separator: “一区”即
            segment_start = max(opening.end(), *(doc.text.rfind(mark, opening.end(), item.start) + 1
                                                  for mark in "，,；;"))
            if GLOSS_ITEM.fullmatch(doc.text, segment_start, item.start):
                found.append(Relation("componentOf", item, whole, whole.sentence, "glossed-parts"))
    return found
