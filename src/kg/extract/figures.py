"""Figures: numbers with units, turned into observations with subject, indicator, year, kind.

For each `number unit` in a sentence:
- indicator: the nearest indicator name before it in the clause (`indicators.txt`), else
  the noun phrase before the number; `增长/增速 X%` makes it a growth rate (…增速);
- subject: the nearest area, park, organisation or project mentioned before it in the
  sentence, else the document's main area (the area it names most);
- year: the nearest `YYYY年` before it in the sentence, else the year of the section
  heading, else the document's date (今年 = that year, 去年 = the year before);
- kind: Target when the clause or its section speaks of goals (预期目标, 力争, 左右 …),
  Estimate when it gives a result not yet final (预计完成…);
- scope: the period a figure covers (a year, part of a year `1—10月`, five years
  `过去五年…累计`, a cumulative total, a yearly average), the base of a growth rate
  (比上年, 同比) and its sign (下降4.7% is -4.7);
- the document's frame: a bulletin's or work report's reporting area (its title or header)
  is the subject of `全县/全市/我县/全年…` figures and of figures with no other subject, and
  a bulletin's year (2023年…统计公报) is the year of figures that state none.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from kg.extract import lexicon
from kg.doc import Doc, Figure, Mention, Sentence
from kg.extract.numbers import parse_number
from kg.extract.relate import INNER_RULES, main_subject
from kg.extract.roles import area_of_body

INDICATOR_MAX = 16  # characters kept of an indicator read from the words before a figure
HEADING_MAX = 40  # a line this short without a closing mark is a heading
PLANNING_MONTHS = 3  # a document dated in the first quarter speaks of its year as a plan
OPENING_SPAN = 8  # a subject named within this many characters opens the sentence
_BY_YEAR = re.compile(r"到(20\d\d)年")
SUBJECT_TYPES = ("AdministrativeArea", "Park", "Organization", "Project")
_YEAR = re.compile(r"(?<![比较])(?<!\d[—\-－~至到])(20\d\d|19\d\d) ?年")  # 比2020年: a base of comparison, not the figure's year; 2025—2026年: a span, not one year
# Units with which a figure may be written in Chinese numerals (突破千亿元大关).
MAGNITUDE_UNITS = ("亿元", "万亿元")
# Five-year plan periods: 十四五 is 2021-2025, 十五五 2026-2030; a figure for the period
# refers to its last year (the plan's target year, or the period's result).
_PLAN_PERIOD = re.compile(r"十([一二三四五六七八九])五")
_CN_ORDINAL = "一二三四五六七八九"
_CLAUSE_MARKS = ",，;；:：。"
# 当年 is left out: 当年签约当年投运 says "within one year", not which year.
_RELATIVE_YEAR = {"今年": 0, "去年": -1, "明年": 1, "上年": -1, "前年": -2}
# 比上年增长: 上年 is the base of the growth rate, not the figure's year.
_BASE_WORDS = re.compile(r"[比较](?:上年|去年)同期|比上年|较上年|比去年|较去年|同比|比(20\d\d)年|较(20\d\d)年")
# The whole area a report speaks for: 全县…, 我市…, 全年… figures are the reporting area's.
_WHOLE_AREA = re.compile(r"(?<![对占比居于在较])(?:全(?:省|市|县|区|州|盟|旗|年)|我(?:省|市|县|区|州|盟|旗)|本(?:市|县|区))")
# (对全省…的贡献率, 占全市, 高于全省, 居全省: the whole area is what the figure is compared with)
# Part of a year: 1—10月, 1-9月份, 前三季度, 上半年, 一季度.
_PART_YEAR = re.compile(r"(?:(?<!\d)1\s*[—\-－~至到]\s*\d{1,2}\s*月份?|前[一二三]季度|[一二三四]季度|上半年|截至(?:今年|本年|20\d\d年)?\d{1,2}月(?:底|末)?)")
_QUARTERS = re.compile(r"连续\d+个季度")  # 连续6个季度保持20%以上增长: within its own clause only
# Five years: 过去五年, 五年来, 十四五期间, 2021—2025年.
_FIVE_YEARS = re.compile(r"(?:过去|近|这)五年|五年(?:来|间|累计)|“?十[一二三四五]五”?(?:期间|以来|时期)|20\d\d\s*[—\-－~至到]\s*20\d\d年")
_NEGATIVE = re.compile(r"(?:下降|减少|回落|下滑|降低)(?:了)?$")
_ESTIMATE = "预计"
# A figure inside a quoted proposal (提出：“2026年，…), or after what a plan or report proposes
# (《行动计划》提出，济南将推进…; 报告提出，2024年，…): a goal, not a result.
_QUOTED_PLAN = re.compile(r"(?:提出|要求|部署)[:：]\s*[“\"][^”\"]*$|(?:》|报告|计划|规划|方案|纲要)中?(?:明确)?(?:提出|要求)[，,:：]")
_NOTED_ESTIMATE = re.compile(r"[(（]\s*预计")  # 7%左右(预计数): a note that the figure is an estimate
# A count written before what it counts (217个产业项目同时开工, 76个重点项目开工复工): projects
# and firms, the counts reports give most.
_COUNTED = re.compile(r"([\u4e00-\u9fff]{0,8}?(?:项目|企业|工程))(?=[，,。；;、]|开工|复工|开复工|集中|同时|签约|落地|竣工|投产|建成|$)")
_EXAMPLES = re.compile(r"(?:[、，,][\u4e00-\u9fff]{1,12}?)*等")  # 在花溪、息烽、修文等区域: examples
# What may follow a figure: the end of its clause, a hedge (以上, 左右), or the words that go
# on about it (比上年增长, 位居全省…). Anything else makes the number part of a name.
_FIGURE_END = re.compile(r"$|[，,。；;、：:！!？?)）”’\s/]|以上|以下|左右|多|余|之|的|比|同比|增长|下降|增速|为|是|和|及|与|或|也|居|位居|"
                         r"占|列|排|在|，|左|次|后|前|、|较|高于|低于|（|\(|“|—|-|~|至|到|及以上|[0-9]|跃升|增至|提高|提升|同口径|以内|大关|实现|完成")
# Units of a plant's capacity, which project names carry (6万吨磷酸铁, 10万千瓦光伏电站).
CAPACITY_UNITS = frozenset({"吨", "万吨", "千瓦", "万千瓦", "兆瓦", "GW", "MW", "平方米", "万平方米", "亩", "万亩", "辆", "万辆", "套",
                            "平方公里", "公里"})
_FILLER = re.compile(r"20\d\d ?年|[0-9.]+|[，,、；;：:（）()“”\s]|分别|累计|共|全年|同比|比上年|增长|增速|达到|达|为|超过|超|突破|跃升至|跃升|提升至|提高到|增至|"
                     r"实现|完成|新增|约|近|以上|左右|的|了|年|从|由|至|到|和|及|其中|首次|再|又|稳定在|保持在|控制在|以内|历史性|一举|成功|顺利|大关|"
                     r"总量|规模|实际|名义|按可比价格?计算|可比价|下降|回落|提高|上涨")
_REVIEW_WORDS = r"过去五年|这五年|五年来|五年间|的五年"
_REVIEW = re.compile(_REVIEW_WORDS)  # five years looked back on, not planned (十四五时期)
# A paragraph that sums up five years (这是…的五年。, 过去五年…, “十四五”期间…): its flows
# (新增, 建成, 累计…) are five-year totals; its levels (地区生产总值达…) are end-of-period values.
_FIVE_YEAR_PARAGRAPH = re.compile(_REVIEW_WORDS + r"|“?十[一二三四五]五”?(?:期间|时期|以来)")
_FLOW = re.compile(r"新增|新建|累计|建成|完成|引进|实施|培育|改造|治理|开工|签约|带动|助力|就业|办结|减少|脱贫|搬迁|建设|改\(扩\)建|改、扩")
# Goal words that report a goal met (目标任务顺利完成, 完成了全年目标任务) or name an amount
# (计划总投资, 项目计划投资: a project's planned budget, a fact) make no figure a target;
# a year's plan (年度计划投资, 今年计划投资, 2023年计划完成投资) is one.
_MET_GOAL = re.compile(r"(?:完成|实现|达成)了?[^，,。；]{0,10}目标(?:任务)?|目标任务[^，,。；]{0,4}(?:完成|实现)|计划总投资|(?<![年度内])计划投资")
# An inline heading inside a run-on text (一、2024年工作回顾2024年，是…): its year holds
# until the next one.
_INLINE_HEADING = re.compile(r"[一二三四五六七八九十]+、\s*(20\d\d)年([^，,。；]{0,12}?(?:工作回顾|主要工作|工作总结|工作安排|主要目标|预期目标|目标任务|重点工作))"
                             r"|^\s*(20\d\d)年([^，,。；]{0,12}?(?:工作回顾|工作安排))")
# A date line (2023年 3月31日, -2021年3月 -) under a title dates the text; it heads no section.
_DATELINE = re.compile(r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[在于]")  # ——2024年1月18日在…会议上
_DATE_LINE = re.compile(r"^\W*(?:19|20)\d\d\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\W*$")
FRAME_HEAD = 300  # the title and header a reporting area is read from
_FRAME_WORDS = re.compile(r"统计公报|政\s*府\s*工\s*作\s*报\s*告|人民代表大会|国民经济和社会发展")
# Party and state bodies (市政府, 区人大常委会, 统计局) report figures; they are not what
# an economic figure is about when the text gives the area's figures.
_BODY_END = re.compile(r"(?:政府|人大|人大常委会|政协|委员会|办公室|办公厅|统计局|调查队|局|厅|委|党委|市委|县委|区委|管委会)$")


@lru_cache(maxsize=1)
def indicator_names() -> dict[str, str]:
    """Surface form -> normalised indicator name (`indicator_names.tsv`)."""
    table: dict[str, str] = {}
    for line in lexicon.data_lines("indicator_names.tsv"):
        name, _, forms = line.partition("\t")
        table[name] = name
        for form in forms.split("|"):
            if form:
                table[form] = name
    return table


_GROWTH_ENDS = ("年均增速", "增速", "累计")


def normalise_indicator(surface: str) -> str:
    """The common name of an indicator as written: 规上工业增加值增速 -> 规模以上工业增加值增速.
    Only a whole match is normalised; anything else is kept as written."""
    table = indicator_names()
    for end in _GROWTH_ENDS:
        if surface.endswith(end) and surface[:-len(end)] in table:
            return table[surface[:-len(end)]] + end
    return table.get(surface, surface)


def scope_of(before: str) -> tuple[str, str]:
    """(period, label) for a figure whose sentence reads `before` up to it."""
    clause = before[_clause_start(before, len(before)):]
    if match := _PART_YEAR.search(before) or _QUARTERS.search(clause):
        return "PartYear", match.group()
    if "年均" in clause:
        return "Average", "年均"
    five = _FIVE_YEARS.search(before)
    if five and any(w in clause for w in ("累计", "共", "总计", "合计")):
        return "FiveYear", five.group()
    if "累计" in clause:
        return "Cumulative", "累计"
    if _YEAR.search(clause):
        return "Year", ""  # “十三五”期间…，2020年达到1671.87亿元: a level at a year the clause names
    if five and ("五年" in five.group() or "期间" in five.group()):
        return "FiveYear", five.group()
    return "Year", ""


def base_of(clause: str) -> str:
    """What a growth rate in `clause` compares with: 上年, 上年同期, 2020年, or ""."""
    match = None
    for match in _BASE_WORDS.finditer(clause):
        pass
    if match is None:
        return ""
    if match.group(1) or match.group(2):
        return (match.group(1) or match.group(2)) + "年"
    return "上年同期" if match.group() == "同比" or match.group().endswith("同期") else "上年"


def is_above(mention: Mention, frame: Mention | None) -> bool:
    """Whether `mention` is an area that contains the frame (河南省 above 郑州市): a report's
    figures are its own area's, whatever province its paragraphs open with."""
    if frame is None or not mention.ref or not frame.ref or mention.ref == frame.ref:
        return False
    return mention.type == "AdministrativeArea" and frame.ref.startswith(mention.ref.rstrip("0"))


@lru_cache(maxsize=1)
def _common_names() -> frozenset[str]:
    """The normalised names of `indicator_names.tsv` (a set, made once)."""
    return frozenset(indicator_names().values())


@lru_cache(maxsize=1)
def _indicator_set() -> frozenset[str]:
    """The names of `indicators.txt` as a set (`lexicon.indicators` is a tuple, longest first)."""
    return frozenset(lexicon.indicators())


def is_common(indicator: str) -> bool:
    """Whether an indicator (or its growth rate) is one of the common indicators of the table."""
    names = _common_names()
    return indicator in names or any(indicator.endswith(e) and indicator[:-len(e)] in names for e in _GROWTH_ENDS)


def surface_of(text: str, local: int, unit: str) -> str:
    return indicator_before(text, local, unit)


def is_body(mention: Mention) -> bool:
    return mention.type == "Organization" and bool(_BODY_END.search(mention.label))


NUMERALS = "一二两三四五六七八九十百千"


@lru_cache(maxsize=1)
def _number_pattern() -> re.Pattern[str]:
    r"""A number and its unit (group 1, group 2), not the end of a longer number: the same as
    (?<![0-9.])(\d+(?:\.\d+)?|[一…千]+)\s*(unit), written to open with one character's class.
    Then re skips ahead to where a match can start by a quick scan of the characters; a
    pattern that opens with a look-behind is tried at every one (7% of the figures
    stage). So the look-behind comes after the first character and reaches one further back."""
    unit_alt = "|".join(re.escape(u) for u in lexicon.units())
    return re.compile(rf"([\d{NUMERALS}](?<![0-9.].)(?:(?<=\d)\d*(?:\.\d+)?|(?<=[{NUMERALS}])[{NUMERALS}]*))\s*({unit_alt})")


_BRACKETED = re.compile(r"[(（][^()（）]{0,30}[)）]")


# Everything up to the last clause mark: the greedy .* runs to the end, then steps back to
# the mark (one scan from the end, not one per mark)
_UP_TO_LAST_MARK = re.compile(".*[" + _CLAUSE_MARKS + "]", re.DOTALL)


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding `pos` starts; a mark inside brackets (GDP,当年价) cuts nothing."""
    if text.find("(", 0, pos) >= 0 or text.find("（", 0, pos) >= 0:  # (most clauses: no substitution to run)
        text = _BRACKETED.sub(lambda m: "_" * len(m.group()), text[:pos])  # (as long as before)
    marked = _UP_TO_LAST_MARK.match(text, 0, pos)
    return marked.end() if marked else 0


_CLAUSE_MARK = re.compile("[" + _CLAUSE_MARKS + "]")


def _first_clause_mark(text: str) -> int:
    """Where the first clause mark of `text` is, its length when there is none."""
    mark = _CLAUSE_MARK.search(text)
    return mark.start() if mark else len(text)


def plan_period_end(text: str) -> int | None:
    """The last year of the five-year plan a text names (十五五 -> 2030), if any."""
    match = _PLAN_PERIOD.search(text)
    if not match:
        return None
    number = 10 + _CN_ORDINAL.index(match.group(1)) + 1
    return 2025 + 5 * (number - 14)


@lru_cache(maxsize=1)
def _all_indicator_names() -> tuple[str, ...]:
    """`indicators.txt` and every surface form of `indicator_names.tsv`, longest first."""
    return tuple(sorted(set(lexicon.indicators()) | set(indicator_names()), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def _reversed_indicators() -> re.Pattern[str]:
    """Every indicator name written backwards, in `_all_indicator_names`' order (longest first)."""
    return lexicon.any_of(name[::-1] for name in _all_indicator_names())


def _known_indicator(text: str) -> str:
    """The indicator name (`indicators.txt`) that ends last in `text`, or "" (of two
    ending there, the longer). One search of the reversed text: its leftmost match is the
    name that ends last, and the alternation tries the longer names first."""
    match = _reversed_indicators().search(text[::-1])
    return match.group()[::-1] if match else ""


SHARE_OF = re.compile(r"([\u4e00-\u9fffA-Za-z]{0,12}?)的?(?:比重|比例)|比")  # used with match(): anchored at 占
SHARE_PART = re.compile(r"[\u4e00-\u9fffA-Za-z]+$")
SCOPE_OPENING = re.compile(r"^.*?(?:20\d\d年|全年|全市|全区|全省|到|预计)")


def share_indicator(words: str) -> str:
    """A share names both its parts: 绿色经济占地区生产总值(的)比重 is not 地区生产总值;
    有研发活动企业占(30%) is a share too. The part before 占 loses the words that set the
    scene (预计到2025年, 花溪区); "" when `words` states no share."""
    at = words.rfind("占")
    whole = SHARE_OF.match(words, at + 1) if at > 0 else None
    part = SHARE_PART.search(words, 0, at) if at > 0 else None
    if part is None or (whole is None and words[at + 1:].strip("达到为了约超过以上")):
        return ""
    part_text = SCOPE_OPENING.sub("", part.group())
    names = lexicon.division_by_name()
    area = next((size for size in range(min(len(part_text) - 2, 8), 1, -1)
                 if part_text[:size] in names and names[part_text[:size]].name == part_text[:size]), 0)
    part_text = part_text[area:][-SHARE_PART_MAX:]
    if len(part_text) < 2:
        return ""
    if whole is None or whole.group() == "比":
        return part_text + "占比"  # 智算占比, 有研发活动企业占(30%)
    return part_text + "占" + whole.group(1) + "比重"


SHARE_PART_MAX = 16
_TITLE_GAP = re.compile(r"(?<=[\u4e00-\u9fff”])\s+(?=[\u4e00-\u9fff“])")
# Indicator words too general to stand alone: the phrase before them says what they measure.
GENERIC_INDICATORS = frozenset({"增加值", "产值", "投资", "产量", "总投资", "营业收入", "销售收入"})
NOT_INDICATORS = frozenset({"其中", "以上", "全年", "累计", "合计", "总计", "同比", "分别", "出台", "吸引", "举办", "开展",
                            "实施", "建成", "引进", "带动", "达到", "超过", "突破", "总量", "规模", "安排", "以及",
                            "新打造", "打造", "建设", "建成投产", "实现产值"})


def last_words(phrase: str, limit: int) -> str:
    """The end of `phrase` holding `limit` characters other than digits and Latin letters
    (投资500万元以上重点项目 is as long to read as 投资万元以上重点项目)."""
    count = 0
    for at in range(len(phrase) - 1, -1, -1):
        count += not (phrase[at].isascii() and phrase[at].isalnum() or phrase[at] == ".")
        if count > limit:
            return phrase[at + 1:]
    return phrase


_THRESHOLD = re.compile(r"(?:以上|以下|及以上)的?[\u4e00-\u9fff]")


_GROWTH_WORD = re.compile(r"(增长|增速|提高|下降|增幅|同比)[^0-9]{0,4}$")
_RATE_WORDS = re.compile(r"(全年|增速|增幅|增长|同比|比上年|达到|达|为|了)")
_QUOTES = re.compile(r"[“”‘’]")
_LIST_OPENING_VERBS = re.compile(r"新引进落地|新引进|引进|新建|建成|新增|实施|开工|签约|落地|新培育|培育")
_TRAILING_VERBS = re.compile(r"(分别|累计|共|全年|同比|增长|增速|达到|达|为|超过|超|突破|实现|完成|新增|(?<!签)约|近|以上|左右|的|了|年|"
                             r"首次|再创新高|创历史新高|创新高|历年最多|、|\s|"
                             r"下降|减少|回落|下滑|降低|上涨|上升|提高|提升|跃上|迈上|跃升|预计|就有|已有|只有|共有|(?<![国所拥持])有)+$")
_SCENE = re.compile(r"^.*(20\d\d年|" + _WHOLE_AREA.pattern + ")")
_LEADING_WORDS = re.compile(r"^(?:其中|确保|力争|争取|全力|努力|预计)+")
_TRAILING_TO = re.compile(r"(?:不少于|不低于|提升至|提高到|到|至)$")
_ABOVE_BELOW = re.compile(r"以上|以下")


def indicator_before(text: str, start: int, unit: str, inherited: str = "", level: str = "") -> str:
    """The indicator a number at `start` of sentence `text` measures.

    Looked for after the previous figure of the clause (改造城中村591户、老旧小区4667户),
    then in the whole clause (地区生产总值从637亿元跃升至980亿元 shares one indicator),
    then `inherited` from the sentence's previous figure in the same unit (…980亿元,
    2025年突破千亿元大关), else the words before the number. A share keeps both parts
    (`share_indicator`)."""
    whole = text[_clause_start(text, start):start]
    # a threshold (5000万元以上项目) is part of the indicator, not a figure before it
    previous = [m for m in _number_pattern().finditer(whole) if not _THRESHOLD.match(whole, m.end())]
    own = (whole[previous[-1].end():] if previous else whole).lstrip("、和及与,， ")
    growth = unit in ("%", "个百分点") and _GROWTH_WORD.search(own)
    same_unit = bool(previous) and previous[-1].group(2) == unit  # 从637亿元跃升至980亿元
    # A figure inherits the clause's or the previous figure's indicator only when its own
    # words name nothing (…980亿元，2025年突破千亿元): 助力困难人员就业6万人 after
    # 城镇新增就业77万人 is an indicator of its own, never its parent.
    bare = len(_FILLER.sub("", own)) < 2
    plain = _BRACKETED.sub("", own)  # 地区生产总值(GDP,当年价): the brackets only comment
    known = _known_indicator(plain)
    if known and (known in GENERIC_INDICATORS or len(_FILLER.sub("", plain[plain.rfind(known) + len(known):])) >= 2):
        known = ""  # 新能源汽车产量 is more than 产量; 工业对GDP增长贡献率 is no GDP: read the phrase
    best = (unit == "%" and share_indicator(own)) or known \
        or (bare and same_unit and _known_indicator(whole)) or (inherited if bare else "")
    if not best and growth and level:
        best = level  # 地区生产总值181.8亿元，同比增长7%: the rate of the level just given
    if not best and growth and not _RATE_WORDS.sub("", own).strip():
        best = _known_indicator(text[:start])  # 生产总值连续6个季度…增长，全年增速达21.1%
    if not best:
        phrase = _QUOTES.sub("", own)
        phrase = _BASE_WORDS.sub("", phrase)
        if "等" in phrase and "、" in phrase.rpartition("等")[0]:  # 新引进落地惠科…、聚力生…等项目: the examples are not the indicator
            examples, _, head = phrase.rpartition("等")
            verbs = _LIST_OPENING_VERBS.findall(examples)
            verb = verbs[0] if verbs else ""  # the verb that opens the list
            phrase = verb + head if len(head) >= 2 else ""
        # a heading run into its text by a space (“四千行动”深入实施 提升高标准农田200.3万亩)
        phrase = _TITLE_GAP.split(phrase)[-1]
        phrase = _TRAILING_VERBS.sub("", phrase)
        phrase = _SCENE.sub("", phrase)  # 全年全县…: all of the scene
        phrase = _LEADING_WORDS.sub("", phrase)
        phrase = _TRAILING_TO.sub("", phrase)
        tail = phrase.rsplit("、", 1)[-1]  # 以上、路边音乐会: the words after the last list mark
        phrase = tail if len(tail) >= 2 else phrase.strip("、")
        best = last_words(phrase, INDICATOR_MAX).strip() if len(phrase) >= 2 else ""
        if len(best) < 2 or best in NOT_INDICATORS or best[0].isdigit() and not _ABOVE_BELOW.search(best):
            best = ""  # 出台20条, 吸引超18万人次, 其中8.5万人次: a verb or a link word measures nothing
    if growth and best and not best.endswith(("增速", "率", "比重", "占比")):
        best += "年均增速" if "年均" in own else "增速"  # 年均增长8.1%: the period's average, not a year's
    elif best and "累计" in own and "累计" not in best:
        best += "累计"  # 累计新增就业65万人: a total over the period
    return best


@dataclass
class Section:
    """What the nearest heading above a sentence says: its year, whether it sets goals,
    and whom it is about (——花溪区人大常委会2025年工作综述)."""

    year: int | None = None
    target: bool = False
    subject: Mention | None = None
    paragraph_subject: Mention | None = None  # what the sentence's paragraph opens with
    paragraph_year: int | None = None  # the year the paragraph opens with (2020年，实现…。规上工业…)
    five_years: str = ""  # the words by which the sentence's paragraph sums up five years


# A paragraph that opens with its year (2020 年，实现地区生产总值…): the year of its sentences
# that name none.
_OPENING_YEAR = re.compile(r"\s*((?:19|20)\d\d) ?年[，,]")


def is_heading(text: str) -> bool:
    return len(text) <= HEADING_MAX and not text.endswith(("。", "；", ";", "!", "！", "?", "？"))


@lru_cache(maxsize=None)
def _cues(where: str) -> re.Pattern[str]:
    """Any of the target cues of `where` (`lexicon.target_cues`): one search of a text
    rather than one scan per cue."""
    return lexicon.any_of(lexicon.target_cues(where))


def sets_goals(heading: str) -> bool:
    """Whether a heading announces goals (二、2025年工作安排), not results: a 计划 whose
    execution it reports (一、2022年国民经济和社会发展计划执行情况) sets none."""
    return _cues("heading").search(heading) is not None and _cues("result_heading").search(heading) is None


def sections(doc: Doc, by_sentence: dict[int, list[Mention]]) -> dict[int, Section]:
    """The section context of every sentence."""
    result: dict[int, Section] = {}
    token_starts = [t.start for t in doc.tokens]
    current = Section()
    opening: Mention | None = None
    five_years = ""
    paragraph_year: int | None = None
    for sentence in doc.sentences:
        text = sentence.text
        paragraph_start = doc.text.rfind("\n", 0, sentence.start) + 1
        if paragraph_start == sentence.start:  # a new paragraph: does it open with a subject?
            first = [m for m in by_sentence.get(sentence.index, []) if m.type in SUBJECT_TYPES]
            opening = first[0] if first and first[0].start - sentence.start <= OPENING_SPAN else None
            if opening is not None and (is_object(doc, token_starts, opening) or _EXAMPLES.match(doc.text, opening.end)):
                opening = None  # ● 打造“寿光蔬菜产业集群”等一批…成果: what the paragraph made, not its subject
            five = _FIVE_YEAR_PARAGRAPH.search(text)
            five_years = five.group() if five else ""
            opens = _OPENING_YEAR.match(text)
            paragraph_year = int(opens.group(1)) if opens else None
        paragraph_end = doc.text.find("\n", sentence.start)
        alone = paragraph_start == sentence.start and paragraph_end in (-1, sentence.end)
        # a heading, or a one-sentence paragraph that opens a period (“十四五”期间，花溪区城乡蝶变…。)
        introduces = alone and len(text) <= HEADING_MAX and (_YEAR.search(text) or plan_period_end(text))
        if (is_heading(text) or introduces) and not _DATE_LINE.match(text) and not _DATELINE.search(text):
            match = _YEAR.search(text)
            period = plan_period_end(text)
            subjects = [m for m in by_sentence.get(sentence.index, []) if m.type in SUBJECT_TYPES]
            if doc.meta.genre and sentence.start < FRAME_HEAD:
                subjects = []  # a report's header (澄城县人民政府县长): the frame's, not a section's
            # a line that only names a body (a signature, 郴州市人民政府办公室) heads no section
            subjects = [m for m in subjects if not (is_body(m) and len(text.strip()) - len(m.text) < 4)]
            if not (match or period) and any(cue in text for cue in ("工作目标", "主要目标", "预期目标", "发展目标")):
                current = Section(current.year, True, current.subject)  # 一、工作目标: what follows are goals
            elif match or period or subjects:
                year = int(match.group(1)) if match else period
                target = sets_goals(text)
                current = Section(year if year else current.year, target if year else current.target,
                                  subjects[0] if subjects else current.subject)
        elif inline := _INLINE_HEADING.search(text[:HEADING_MAX]):
            words = inline.group(2) or inline.group(4)
            target = sets_goals(words)
            current = Section(int(inline.group(1) or inline.group(3)), target, current.subject)
        result[sentence.index] = Section(current.year, current.target, current.subject, opening, paragraph_year=paragraph_year,
                                         five_years=five_years)
    return result


def _year_for(doc: Doc, sentence: Sentence, local: int, heading_year: int | None) -> int | None:
    before = sentence.text[:local]
    years = _YEAR.findall(before)
    if years:
        return int(years[-1])
    period = plan_period_end(before)
    if period is not None:
        return period
    base = doc.meta.year
    plain = _BASE_WORDS.sub("", before)
    for word, shift in _RELATIVE_YEAR.items():
        if word in plain and base is not None:
            return base + shift
    if heading_year is not None:
        return heading_year
    after = _YEAR.search(sentence.text[local:])
    if after:
        return int(after.group(1))
    if doc.meta.genre == "report" and base is not None:
        return base - 1  # a work report reviews the year before it is given, unless it says otherwise
    return doc.meta.reported_year or base


def _kind(doc: Doc, sentence: Sentence, local: int, heading_target: bool, year: int, review: bool = False) -> str:
    """`review`: the sentence sums up years past (a five-year paragraph), where 左右 rounds a result."""
    # the clause up to the figure and the few words after it (增长6%左右), not the next
    # clause: 新签约项目102个，预计引进… is a result; the 预计 is the next figure's
    ahead = sentence.text[local:local + 12]
    cut = _first_clause_mark(ahead)
    clause = sentence.text[_clause_start(sentence.text, local):local + cut]
    if review or (doc.meta.year is not None and year < doc.meta.year):
        clause = clause.replace("左右", "")  # 左右 rounds a result of a year gone by
    opening = sentence.text[:local]  # the sentence up to the figure
    if _cues("forecast").search(opening):
        return "Target"  # 项目投产达效后，预计年实现销售收入100亿元: what the project is to give, not an estimate
    written = doc.meta.date
    if _NOTED_ESTIMATE.search(ahead[:cut]) and (doc.meta.year is None or year < doc.meta.year):
        return "Estimate"  # 全年地区生产总值增长7%左右(预计数,下同): a past year's result not yet final
    if _ESTIMATE in opening and not _BY_YEAR.search(opening) \
            and (doc.meta.year is None or year < doc.meta.year or (written and written.month > PLANNING_MONTHS and year == written.year)):
        return "Estimate"  # 预计全年完成…: a result not yet final, told apart from both
    if written and (year > written.year or (year == written.year and written.month <= PLANNING_MONTHS)):
        return "Target"  # a report of early 2026 about 2026 can only plan it
    if _QUOTED_PLAN.search(opening):
        return "Target"  # 政府工作报告明确提出：“2026年，…钒钛产业产值突破650亿元”: a goal quoted, not a result
    before = _MET_GOAL.sub("", opening)
    clause = _MET_GOAL.sub("", clause)
    if _cues("clause").search(clause) or _cues("sentence").search(before):
        return "Target"
    if _BY_YEAR.search(before):
        return "Target"  # 到2025年…达到: a figure to be reached by a year
    # 2024年改造提升高标准农田200.3万亩，超额完成国家下达任务: reached, whatever the heading plans
    done = _cues("done").search(sentence.text) is not None
    return "Target" if heading_target and not done else "Actual"


# 黑龙江省第十四届人民代表大会第二次会议在哈尔滨市开幕: where a meeting is held, not whom its report is about
_VENUE_AFTER = re.compile(r"(?:隆重)?(?:开幕|召开|举行|举办|闭幕)")


def is_venue(text: str, mention: Mention) -> bool:
    """Whether an area is named as the place a meeting is held (在哈尔滨市开幕)."""
    return text[mention.start - 1:mention.start] == "在" and bool(_VENUE_AFTER.match(text, mention.end))




def is_object(doc: Doc, token_starts: list[int], mention: Mention) -> bool:
    """Whether a name is the object of a verb of bringing in, aiding or sending, or of a
    preposition, written right before it (`object_words.txt`: 引进北京重大项目62个, 15名支援甘孜,
    占吉林省医药产值的20%): such a name is where the figure goes to or comes from, not whose it
    is. Other verbs keep the name (此次开工黔西南州重大项目共68个: the prefecture's projects), and
    a name that a verb follows is that verb's subject (肇东市引进鑫盛源集团投资12.5亿元: the group invests)."""
    at = bisect_left(token_starts, mention.start)
    if at == 0:
        return False
    token = doc.tokens[at - 1]
    if token.start + len(token.text) != mention.start:
        return False
    if token.text not in lexicon.object_words():
        return False
    after = bisect_left(token_starts, mention.end)
    follows = doc.tokens[after] if after < len(token_starts) and token_starts[after] == mention.end else None
    return not (follows is not None and follows.pos.startswith(("v", "d")))


def frame_area(doc: Doc) -> Mention | None:
    """The reporting area of a bulletin or work report: the last area named in its head
    before the words that make it one (2023年澄城县政府工作报告, 南京市江宁区2021年…统计公报,
    ——在大理市第九届人民代表大会…). None for other texts."""
    if not doc.meta.genre:
        return None
    head = doc.text[:FRAME_HEAD]
    areas = [m for m in doc.mentions if m.type == "AdministrativeArea" and m.end <= FRAME_HEAD and not is_venue(doc.text, m)]
    own = [m for m in areas if m.rule not in INNER_RULES]
    found: Mention | None = None
    for cue in _FRAME_WORDS.finditer(head):  # the last cue with an area before it
        before = [m for m in own if m.end <= cue.start()] or [m for m in areas if m.end <= cue.start()]
        found = before[-1] if before else found
    if found is not None:
        return found
    body = area_of_body(doc)  # 郑州市人民政府市长: the body that gives the report names its area
    if body is not None:
        return body
    after = own or areas
    return after[0] if after else None


def lead_subject(doc: Doc) -> Mention | None:
    """The area or park a news text's lead opens with (2023年以来，淮安经济技术开发区坚持…),
    when the text names it at least as often as the area it names most: what the story is
    about, though a city it mentions once (苏州) may rank above a park in `main_subject`.
    None for reports and bulletins, whose frame says whom they are about."""
    if doc.meta.genre:
        return None
    for sentence in doc.sentences:
        if is_heading(sentence.text):
            continue  # a title or a dateline, not the lead
        lead = _LEAD.match(sentence.text).end()
        opening = [m for m in doc.mentions if m.sentence == sentence.index and m.rule not in INNER_RULES
                   and m.type in ("AdministrativeArea", "Park") and m.start - sentence.start <= max(OPENING_SPAN, lead + 1)]
        if not opening:
            return None
        first = min(opening, key=lambda m: m.start)
        if any(t.pos.startswith("v") for t in doc.tokens if sentence.start + lead <= t.start < first.start):
            return None  # 记者昨天在参加北京市举行的…活动: the lead's subject is the reporter, not 北京市
        for mention in sorted(doc.mentions, key=lambda m: m.start):  # 天津市滨海新区2022年…: the last of a chain
            if mention.start == first.end and mention.type == first.type == "AdministrativeArea" and mention.rule not in INNER_RULES:
                first = mention
        main = main_subject(doc)
        counts = Counter(m.ref or m.label for m in doc.mentions if m.rule not in INNER_RULES)
        if main is None or counts[first.ref or first.label] >= counts[main.ref or main.label]:
            return first
        return None
    return None


def most_named_area(doc: Doc) -> Mention | None:
    """The area of any level a text names most (内蒙古 in a text on the region's figures)."""
    areas = [m for m in doc.mentions if m.type == "AdministrativeArea" and m.rule not in INNER_RULES]
    if not areas:
        return None
    counts = Counter(m.ref or m.label for m in areas)
    key = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return next(m for m in areas if (m.ref or m.label) == key)


_LEVEL_SUBS = {"省": ("Province",), "市": ("City", "District"), "县": ("District",), "区": ("District", "Province"),
               "州": ("City",), "盟": ("City",), "旗": ("District",)}


def level_area(doc: Doc, word: str, frame: Mention | None) -> Mention | None:
    """The area a `全区/全县/我市` figure is about: the frame when its level fits, else the
    area of that level the document names most (全区 in a 渝中区 text is 渝中区, not 重庆市)."""
    level = word[-1]
    def fits(m: Mention) -> bool:
        return m.label.endswith(level) or (m.sub in _LEVEL_SUBS.get(level, ()) and not m.label.endswith(("市", "县", "区", "省")))
    if frame is not None and fits(frame):
        return frame
    areas = [m for m in doc.mentions if m.type == "AdministrativeArea" and m.rule not in INNER_RULES and fits(m)]
    if not areas:
        return frame
    counts = Counter(m.ref or m.label for m in areas)
    key = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return next(m for m in areas if (m.ref or m.label) == key)


# Words that open a sentence before its subject: links (其中, 同时) and the source of what
# follows (据了解, 数据显示, 据统计).
_LEAD = re.compile(r"(?:其中|同时|此外|另外|据了解|据悉|据统计|据介绍|数据显示|统计显示|据[^，,。；;]{1,20}?(?:统计|介绍|了解|显示)[，,]|"
                   r"[，,：:\s]|20\d\d ?年|\d{1,2}月\d{1,2}日)*")  # 据哈尔滨新区发改部门统计，: a source, not the subject


# A sentence that opens with a word pointing back (园区, 该区, 该市): its figures are those of
# the park or area last named before it.
_ANAPHOR = re.compile(r"(?:该|本)?(园区|开发区|高新区|新区)|该(区|市|县|州|旗)|(?:该|此|这个)?(项目)(?!负责人|方|部|单位|业主|建设)")
PROJECT_REACH = 2  # sentences back that a bare 项目 opening a sentence points to


_BREAKDOWN = re.compile(r"\s*其中")


def anaphor_referent(doc: Doc, sentence: Sentence) -> Mention | None:
    """The park or area a sentence opening with 园区/该区/该市… points back to, if any."""
    lead = _LEAD.match(sentence.text).end()
    match = _ANAPHOR.match(sentence.text, lead)
    if match is None:
        return None
    start = sentence.start + lead
    if match.group(3):
        # 肇东市引进…建设国际高端饮品产业园项目。项目投产后，预计年实现销售收入15亿元: the project
        # just named (or the park built as one: …建设远景低碳产业园…。项目投产达效后…), if any
        near = [m for m in doc.mentions if sentence.index - PROJECT_REACH <= m.sentence and m.end <= start
                and m.type in ("Project", "Park") and m.rule not in INNER_RULES
                and doc.text[m.start - 2:m.start] not in lexicon.object_words()
                and doc.text[m.start - 1:m.start] not in lexicon.object_words()]  # 拟按双向六车道高速公路标准: a standard, not the project
        # …but a paragraph that opens with a project is about it (中山东部外环高速公路二期工程项目全长约
        # 20.99公里…翠亨南互通至下栅段…。项目全线均为桥梁: the motorway, not the interchange)
        paragraph = doc.text.rfind("\n", 0, sentence.start) + 1
        topic = [m for m in doc.mentions if m.type == "Project" and m.start == paragraph and m.end <= start
                 and m.rule not in INNER_RULES]
        if topic:
            return topic[0]
        projects = [m for m in near if m.type == "Project"] or near
        return max(projects, key=lambda m: m.end) if projects else None
    types = ("Park",) if match.group(1) else ("AdministrativeArea", "Park") if match.group(2) == "区" else ("AdministrativeArea",)
    before = [m for m in doc.mentions if m.end <= start and m.type in types and m.rule not in INNER_RULES]
    return max(before, key=lambda m: m.end) if before else None


# 江门成为全省第六个工业投资超千亿元的城市: a whole named as the field of a ranking, not the subject
_RANKING = re.compile(r"[第首前]|唯一|排名|率先|最")


def whole_areas(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The words for a whole area (全县, 我市, 全年) in text[start:end] that say whose figure
    it is: not one a ranking follows (成为全省第六个…城市; 居全市首位 is already 居's)."""
    return (m for m in _WHOLE_AREA.finditer(text, start, end) if not _RANKING.match(text, m.end()))


def choose_subject(doc: Doc, sentence: Sentence, mentions: list[Mention], start: int, end: int,
                   carried: Mention | None = None, token_starts: list[int] | None = None) -> Mention | None:
    """What a figure at [start, end) is about.

    - `总投资12亿元的泰邦…基地`: the name right after `的` that follows the figure;
    - the nearest area, park, organisation or project in the same clause before it;
    - the subject of the sentence's previous figure (2023年阳江市地区生产总值1581.79亿元，
      比上年增长3.8%: the rate is 阳江市's too);
    - the area the sentence opens with (贵安新区直管区生产总值增长15%，…).
    """
    text = doc.text
    starts = token_starts if token_starts is not None else [t.start for t in doc.tokens]
    mentions = [m for m in mentions if not is_object(doc, starts, m)]  # 引进北京重大项目62个: not 北京's
    after = [m for m in mentions if m.start >= end and m.type in SUBJECT_TYPES]
    if after and text[end:after[0].start] == "的":
        return after[0]
    clause_start = sentence.start + _clause_start(sentence.text, start - sentence.start)
    whole = None
    for whole in whole_areas(text, clause_start, start):
        pass
    in_clause = [m for m in mentions if clause_start <= m.start and m.end <= start and m.type in SUBJECT_TYPES
                 and not (whole and m.end <= whole.start())
                 and not _EXAMPLES.match(text, m.end)]  # 聚力生…产业园等项目820个: an example, not the subject
    listed = text.find("分别", clause_start, start)
    if listed >= 0:  # 吉利生态链、黎阳生态圈、海信生态链产值分别达…: 海信 names an indicator
        in_clause = [m for m in in_clause if m.type == "AdministrativeArea" or m.end > listed]
    examples_end = text.rfind("等", clause_start, start)
    in_clause = [m for m in in_clause if m.start > examples_end]  # 惠科…、聚力生…等: every example
    if in_clause and not (whole and is_body(in_clause[-1])):
        return in_clause[-1]
    if whole and whole.group() != "全年":
        return None  # 全县…: the reporting area (the caller's frame), not a name further back
    if carried is not None and carried.type == "AdministrativeArea":
        return carried
    if carried is not None and carried.type == "Park":
        # 财政收入29亿元，同比增长26%: the rate of the park's amount just given; 2022年江北一体发展区计划
        # 开复工项目140个，其中新开工项目66个: the park the sentence is about. But in 江东新区…，
        # 临空经济区融资租赁企业9家，…企业13家 the park names one kind of firm, not the list's subject.
        lead_end = sentence.start + _LEAD.match(sentence.text).end()
        first = min((m for m in mentions if m.type in SUBJECT_TYPES and m.start >= lead_end), key=lambda m: m.start, default=None)
        if len(_FILLER.sub("", text[clause_start:start])) < 2 or first is None or first is carried:
            return carried
    referent = anaphor_referent(doc, sentence)
    if referent is not None:
        return referent  # …拉萨经济技术开发区…。2017年园区实现地区生产总值71.6亿元
    # only an area or a park opens a sentence as its figures' subject: 建成贵黄高速延伸段，打通断头路12条
    # counts the city's roads, not the motorway's
    # In a report with a reporting area, only a name the sentence starts with opens it
    # (加快推进清镇“餐厨+厨余”项目… is the city's work, not 清镇's).
    lead = _LEAD.match(sentence.text).end()  # 其中，2021年洋浦经济开发区…; 据了解，2022年，大龙经济开发区将…
    span = lead + 1 if doc.meta.genre else max(OPENING_SPAN, lead + 1)
    # …but a project that is the sentence's very first word is its subject (中国喀什义乌国际采购中心项目是
    # 今年喀什市的新建项目，总投资24亿元)
    opening = [m for m in mentions if (m.type in ("AdministrativeArea", "Park") and m.start - sentence.start <= span
                                       or m.type == "Project" and m.start - sentence.start == lead)
               and m.end <= start and not _EXAMPLES.match(text, m.end)]
    if not opening:
        return None
    first = opening[0]
    for mention in sorted(mentions, key=lambda m: m.start):  # 贵州省黔南州都匀市举行…: the last of a chain of names written together
        if mention.start == first.end and first.type == mention.type == "AdministrativeArea" and mention.end <= start:
            first = mention
    return first


RATE_UNITS = ("%", "个百分点")
# Measure words that may come before what they count (32家科研机构, 15栋标准化厂房).
CLASSIFIERS = frozenset({"家", "栋", "座", "所", "名", "处", "套", "条", "项"})
COUNTED_MAX = 10  # characters of a noun phrase counted after its number


def counted_after(doc: Doc, starts: list[int], end: int) -> str:
    """What a count ending at `end` counts when the noun comes after it (4家国家级科研平台,
    89名医务人员驰援湖北): the noun phrase of the words that follow, up to its last noun; ""
    when a verb or a particle follows (15名支援甘孜, 5家以上)."""
    at = bisect_left(starts, end)
    words = []
    for token in doc.tokens[at:at + 6] if at < len(starts) and starts[at] == end else []:
        if token.text in ("以上", "以下") and words:
            words.append(token)  # 10家规模以上工业企业: a threshold inside the noun phrase
            continue
        if not token.pos.startswith(("n", "b", "a", "vn")) or token.pos == "ns" and not words:
            break  # 3名援助非洲; 20亿元湖北: a place right after the count is no counted noun
        words.append(token)
    while words and not words[-1].pos.startswith("n"):
        words.pop()
    if not words:
        return ""
    phrase = doc.text[end:words[-1].start + len(words[-1].text)]
    return phrase if 2 <= len(phrase) <= COUNTED_MAX and re.fullmatch(r"[\u4e00-\u9fff]+", phrase) else ""


@lru_cache(maxsize=1)
def _policy_heads() -> re.Pattern[str]:
    """The heads of policy names (`suffixes.tsv`: 政策, 措施, 意见 …)."""
    heads = sorted((s.text for s in lexicon.suffixes() if s.type == "Policy"), key=lambda w: (-len(w), w))
    return lexicon.any_of(heads)


def policy_articles(text: str, start: int, end: int) -> bool:
    """Whether `N条` at [start, end) counts a policy's articles: written in quotes (房“18条”)
    or with a policy head later in its clause (国务院33条、自治区40条稳大盘政策, 出台18条具体措施)."""
    if text[start - 1:start] in "“\"" and start > 0 or text[end:end + 1] in ("”", "\""):
        return True
    rest = text[end:]
    stop = _first_clause_mark(rest)
    return bool(_policy_heads().search(rest, 0, stop))


# A difference in percentage points that names no indicator of its own: a comparison
# (高于全省, 增速低于全市) or the share or rate just given (所占比重; 开工率为54.3%，比去年同期提高16个百分点).
_COMPARED = re.compile(r"^(?:增速|增幅)?((?:高于|低于|快于|慢于)[^0-9]*?)(?:增速|增幅)?$|^(?:所占)?(?:比重|占比)?$")


def restates(text: str, previous_end: int, local: int) -> bool:
    """Whether a figure at `local` opens a bracket right after the previous figure ending at
    `previous_end`: 459323元(按年平均汇率折算为71196美元) gives the same figure again."""
    return bool(re.fullmatch(r"\s*[(（][^()（）0-9]*", text[previous_end:local]))


def rate_base(surface: str) -> str:
    """The level a growth rate is the rate of (地区生产总值增速 -> 地区生产总值), or "" when
    `surface` names no growth rate."""
    for end in ("年均增速", "增速"):
        if surface.endswith(end) and len(surface) - len(end) >= 2:
            return surface[:-len(end)]
    return ""


# Read from just after a number's unit (match(text, end)) or up to it (search(text, start, end)).
_THRESHOLD_AFTER = re.compile(r"(?:以上|以下)的?[\u4e00-\u9fff]")
_LEVEL_AFTER = re.compile(r"(?:以上|以下)(?:的)?(?:增长|水平)")
_COUNT_BEFORE = re.compile(r"\d\s*[个项]$")
_PER_UNIT = re.compile(r"\s*[/／]")
_WORDS_AFTER = re.compile(r"[\u4e00-\u9fff]{2,12}")


def extract_figures(doc: Doc) -> Doc:
    pattern = _number_pattern()
    frame = frame_area(doc)
    fallback = frame or lead_subject(doc) or main_subject(doc) or most_named_area(doc)
    by_sentence: dict[int, list[Mention]] = {}
    for mention in doc.mentions:
        if mention.rule not in INNER_RULES:  # 贵阳 in 贵阳大数据科创城 is not what a figure is about
            by_sentence.setdefault(mention.sentence, []).append(mention)
    context = sections(doc, by_sentence)
    figures: list[Figure] = []
    carried: Figure | None = None  # the last figure of a clause ended by a semicolon
    token_starts = [t.start for t in doc.tokens]
    before: Figure | None = None  # the last figure of the sentence before, in the same paragraph
    for sentence in doc.sentences:
        section = context[sentence.index]
        heading_year, heading_target = section.paragraph_year or section.year, section.target
        if _REVIEW.search(section.five_years) and not section.paragraph_year and doc.meta.genre == "report" \
                and doc.meta.year is not None and (heading_year is None or heading_year >= doc.meta.year):
            # 这五年，…全市地区生产总值年均增长5.6% in a report of January 2022: the five years to 2021, done
            heading_year, heading_target = doc.meta.year - 1, False
        if carried is not None:
            # 预计到2025年，…45%以上；财政科技支出…1.5%以上: the year and the plan go on past ；
            heading_year, heading_target = carried.year, carried.kind == "Target"
        previous: Figure | None = None
        for match in pattern.finditer(sentence.text):
            number, unit = match.group(1), match.group(2)
            value = parse_number(number)
            if value is None or (not number[0].isdigit() and unit not in MAGNITUDE_UNITS):
                continue  # 八项规定, 一圈两场, 十件实事: numerals inside names, not figures
            local = match.start()
            if _THRESHOLD_AFTER.match(sentence.text, match.end()) and not _LEVEL_AFTER.match(sentence.text, match.end()):
                continue  # 5000万元以上项目, 10万元以下的村: a threshold in a description, not a figure
            if _COUNT_BEFORE.search(sentence.text, max(0, local - 4), local):
                continue  # “7个100%”: seven items at 100%, a slogan's count, not a figure
            if _PER_UNIT.match(sentence.text, match.end()):
                continue  # 80公里/小时, 3000元/吨: a unit per another, which the units do not read
            if unit == "条" and policy_articles(sentence.text, local, match.end()):
                continue  # 国务院33条、自治区40条稳大盘政策, 房“18条”: a policy's name, not a figure
            if unit in CAPACITY_UNITS and not _FIGURE_END.match(sentence.text, match.end()):
                continue  # 建成投产6万吨磷酸铁: a capacity inside a project's name, not a figure
            after = sentence.text[match.end():match.end() + 1]
            counted = _COUNTED.match(sentence.text, match.end()) if unit in ("个", "项") else None
            if unit == "个" and after and after not in "，,。；;、" and not sentence.text.startswith(("以上", "左右"), match.end()) \
                    and counted is None:
                continue  # 3个千亿级… counts things named after it, not a figure
            year = _year_for(doc, sentence, local, heading_year)
            if year is None or _YEAR.fullmatch(sentence.text[local:match.end()]):
                continue
            start = sentence.start + local
            clause = sentence.text[_clause_start(sentence.text, local):local]
            whole = next(whole_areas(clause, 0, len(clause)), None)
            own = choose_subject(doc, sentence, by_sentence.get(sentence.index, []), start, match.end() + sentence.start,
                                 previous.subject if previous else None, token_starts)
            # A body (市政府, 统计局) is a figure's subject when named in its own clause or in
            # its section's heading (——花溪区人大常委会2025年工作综述), not when a paragraph opens with it.
            wider = [m for m in (section.paragraph_subject, section.subject)
                     if m is not None and not (m is section.paragraph_subject and is_body(m))]
            area = level_area(doc, whole.group(), frame) if own is None and whole and whole.group() != "全年" else None
            wider = [m for m in wider if not is_above(m, frame)]
            if area is not None:
                subject: Mention | None = area
            else:
                # 贵安新区直管区生产总值增长15%以上；固定资产投资增长15%左右；…: a list run on
                # past semicolons keeps its subject
                semicolon = carried.subject if carried is not None and previous is None else None
                # 阳江市地区生产总值1581.79亿元…。其中，第一产业增加值255.85亿元: the parts of the
                # figure just given are its subject's
                parts = before.subject if before is not None and previous is None and _BREAKDOWN.match(sentence.text) else None
                subject = own or semicolon or parts or (wider[0] if wider else None) or fallback
            if subject is not None and is_body(subject) and is_common(normalise_indicator(surface_of(sentence.text, local, unit))):
                subject = fallback or subject  # 国家统计局 reports 地区生产总值; the figure is the area's
            inherited = previous.surface if previous and previous.unit == unit and previous.surface in _indicator_set() else ""
            level = previous.surface if previous and previous.unit not in ("%", "个百分点") else ""
            surface = indicator_before(sentence.text, local, unit, inherited, level)
            named_after = counted_after(doc, token_starts, sentence.start + match.end()) \
                if unit in CLASSIFIERS and counted is None else ""
            if counted is not None:  # 首批217个产业项目同时开工: the count of what follows
                surface = counted.group(1) + "数"
            elif named_after:  # 汇聚32家科研机构、4家国家级科研平台: the count of what follows
                surface = named_after + "数"
            elif surface.endswith("等"):  # 完成市旅发集团等5家国有企业改革组建: what is counted follows
                follows = _WORDS_AFTER.match(sentence.text, match.end())
                surface = follows.group() if follows else ""
            elif previous is not None and restates(sentence.text, previous.end - sentence.start, local):
                surface = previous.surface  # 459323元(按年平均汇率折算为71196美元): the same figure in another unit
            elif previous is not None and previous.unit == "%" and unit == "个百分点" and (gap := _COMPARED.match(surface)):
                # 增长9.9%，高于全省平均水平2个百分点: the rate's lead over the whole; 比重为50.1%，
                # 所占比重比上年降低0.6个百分点: the share's change
                surface = (previous.indicator + gap.group(1)) if gap.group(1) else previous.surface
            elif surface in ("占比", "比重", "所占比重") and unit == "%" and previous is not None and previous.unit not in RATE_UNITS:
                # 民间投资完成156亿元，占比40%: the share of the amount just given
                surface = re.sub(r"(?:完成|实现|达到|达)$", "", previous.surface) + "占比"
            elif not surface and previous is not None and unit not in RATE_UNITS and previous.unit in RATE_UNITS \
                    and len(_FILLER.sub("", sentence.text[previous.end - sentence.start:local])) < 2:
                surface = rate_base(previous.surface)  # 地区生产总值增长4%，达到1686亿元: the level whose rate was just given
            period, label = scope_of(sentence.text[:local])
            if period == "Year" and section.five_years and _FLOW.search(clause):
                period, label = "FiveYear", section.five_years
            growth = surface.endswith(("增速", "年均增速"))
            if _NEGATIVE.search(sentence.text[max(0, local - 6):local].rstrip()) and (growth or unit in ("%", "个百分点")):
                value = -value  # 比上年下降4.7%: a negative rate
            previous = Figure(subject=subject, indicator=normalise_indicator(surface), value=value, unit=unit, year=year,
                              kind=_kind(doc, sentence, local, heading_target, year, bool(section.five_years)), start=start,
                              end=sentence.start + match.end(), sentence=sentence.index, text=match.group(),
                              surface=surface, period=period, period_label=label,
                              base=base_of(clause) if growth else "")
            figures.append(previous)
        ends_clause = sentence.text.rstrip().endswith(("；", ";"))
        carried = (previous or carried) if ends_clause else None
        ends_paragraph = doc.text.find("\n", sentence.start, sentence.end + 1) >= 0
        before = None if ends_paragraph else previous
    doc.figures = spread_lists(doc, figures)
    return doc


# `A、B分别为X、Y`: a list of indicators with a list of figures in the same order.
_RESPECTIVELY = re.compile(r"分别")
_LIST_SPLIT = re.compile(r"、|和|及|与")
_BOTH_SIDES = {"城乡": ("城镇", "农村")}  # 城乡居民人均可支配收入分别为X元、Y元: urban, then rural


def list_names(words: str, count: int) -> list[str]:
    """The `count` indicator names a list before 分别 gives, or [] when they do not line up.
    Short items borrow the rest of the full one: 第一、第二、第三产业增加值 -> 第一产业增加值…;
    一般公共预算收入和支出 -> 一般公共预算支出; 城乡居民人均可支配收入 -> 城镇…, 农村…."""
    words = SCOPE_OPENING.sub("", words) if SCOPE_OPENING.match(words) else words
    words = re.sub(r"^.*(?:20\d\d年|" + _WHOLE_AREA.pattern + ")", "", words)  # 全县第一、第二…
    words = re.sub(r"^(?:其中|全年|同时)", "", words)
    items = [w for w in _LIST_SPLIT.split(words) if w]
    if len(items) == 1 and count == 2:
        for pair, (first, second) in _BOTH_SIDES.items():
            if items[0].startswith(pair):
                rest = items[0][len(pair):]
                return [first + rest, second + rest]
    if len(items) != count or count < 2:
        return []
    full = max(items, key=len)
    at = items.index(full)
    names = []
    for index, item in enumerate(items):
        if len(item) <= 3 and len(full) > len(item) + 1:
            if index < at:
                names.append(item + full[len(item):])  # 第一、第二产业增加值; 城镇、农村居民…收入
            else:
                names.append(full[:-len(item)] + item)  # 一般公共预算收入和支出
        else:
            names.append(item)
    # 吉利生态链、黎阳生态圈、海信生态链产值: the measure the last item ends with is everyone's
    head = next((h for h in LIST_HEADS if names[-1].endswith(h)), "")
    if head:
        names = [n if n.endswith(head) else n + head for n in names]
    return names


_LIST_VERBS = re.compile(r"(?:达到|达|为|实现|完成|突破|超过|超|分别|共|合计)+$")


def adjacent(text: str, group: list[Figure], offset: int) -> bool:
    """Whether a clause's figures follow one another with only list marks between them
    (38381元、15187元): a list of values for the list of names before them."""
    return len(group) >= 2 and all(re.fullmatch(r"\s*[、和及与]\s*", text[a.end - offset:b.start - offset])
                                   for a, b in zip(group, group[1:]))


LIST_HEADS = ("产值", "营业收入", "增加值", "收入", "投资完成率", "完成率", "投资", "产量", "总额")


def spread_lists(doc: Doc, figures: list[Figure]) -> list[Figure]:
    """Give each figure of a `…分别…` list its own indicator, and a list of rates right after
    a list of levels (分别为39310元、20356元，增长5.5%、5.6%) the same names."""
    by_clause: dict[tuple[int, int], list[Figure]] = {}
    for figure in figures:
        sentence = doc.sentences[figure.sentence]
        local = figure.start - sentence.start
        by_clause.setdefault((figure.sentence, _clause_start(sentence.text, local)), []).append(figure)
    last_names: list[str] = []
    last_sentence = -1
    for (index, start), group in sorted(by_clause.items()):
        text = doc.sentences[index].text
        head = text[start:group[0].start - doc.sentences[index].start]
        if index != last_sentence:
            last_names = []
        last_sentence = index
        marker = _RESPECTIVELY.search(head)
        names: list[str] = []
        if marker:
            names = list_names(re.sub(r"(?:同比|比上年)?$", "", head[:marker.start()]), len(group))
            if not names and last_names and len(last_names) == len(group):
                names = last_names
        elif last_names and len(last_names) == len(group) and re.fullmatch(r"(?:同比|比上年)?(?:增长|下降)", head.strip()):
            names = last_names
        elif adjacent(text, group, doc.sentences[index].start):  # 城镇、农村居民人均可支配收入达到38381元、15187元
            names = list_names(_LIST_VERBS.sub("", head), len(group))
        if not names:
            continue
        for figure, name in zip(group, names):
            growth = figure.unit in ("%", "个百分点") and re.search(r"增长|下降|提高", head)
            surface = name + "增速" if growth and not name.endswith(("率", "增速", "比重")) else name
            figure.surface = surface
            figure.indicator = normalise_indicator(surface)
        last_names = [n for n in names]
    return figures
