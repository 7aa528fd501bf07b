"""Spans that have a name's shape but describe a kind of thing, read from the words
around them: a count after (跨境电商产业园3个), a first-of-its-kind inside
(全球首条400G算力通道), a plural inside (市区两级城市运行管理中心), or members' title
after a body (区人大|代表), or a report's title (包头市政府|工作报告)."""
from __future__ import annotations

import re

from kg.doc import Doc, Mention
from kg.extract import lexicon
from kg.extract.recognize.edges import QUANTITY

# A phrase followed by its count is a kind being counted (建成跨境电商产业园3个,
# 开展反诈宣传活动36场, 开行跨境公路卡班500车次, 加工生产线2套), not a name.
# A count that goes on to a noun counts that noun, not the name before it (淄博高新区19个重大项目
# 集中开工: the park's projects).
COUNTED_AFTER = re.compile(r"[0-9一二三四五六七八九十百千万两]+(?:[个家座条项所处批场套]|车次)(?=$|[^\u4e00-\u9fff]|以上|左右|多|的|和|及)")
COUNT_CHARACTERS = frozenset("0123456789一二三四五六七八九十百千万两")  # what COUNTED_AFTER opens with
CLASSIFIERS = frozenset("个级家座条项")  # one of them closes every match of PLURAL
# "The first X" inside a span says a thing is the first of a kind (投用全球首条400G算力通道).
# An ordinal with 第 past the first names one of a series (宁德时代第二条生产线) and is left
# alone.
FIRST_OF_KIND = re.compile(r"(?:首|第一)[个家条座批所]")
# Several things are not one organisation, park or project: 经济高质量发展两个专业代表之家,
# 市区两级城市运行管理中心, 山葡萄汁饮料三条生产线 (宁德时代第二条生产线 is one).
# Counted in figures too (肇庆市66个省重点项目, 116项重点工程), but not a plant's yearly output
# (年产100条…生产线: a capacity) nor a part of a larger number (1000万吨).
PLURAL = re.compile(r"(?<!第)[两二三四五六七八九十几多]+[个级家座条]|(?<![第产0-9.])[0-9]+(?:个|项|家|座|条)")
# A count cut off before its classifier: 84|条生产线 (the tagger reads 条 as a noun).
OPENS_WITH_CLASSIFIER = re.compile(r"[个条座家项所批名]")
NUMBER_BEFORE = re.compile(r"[0-9一二三四五六七八九十百千万两几多余]$")  # searched in the two characters before
SINGLE_THING_TYPES = ("Organization", "Park", "Project")
# A congress or a CPPCC before its members' title names the people, not the body:
# 补选市、区人大代表21名, 政协委员 (but 政协委员会 is the body).
MEMBERS_AFTER = re.compile(r"代表|委员(?!会)")
# A government's name right before 工作报告 is part of a report's title (2022年包头市政府
# 工作报告), which GUIDELINES "Titles of reports" leave out; the body is an entity where
# the text names it elsewhere.
REPORT_AFTER = re.compile(r"工作报告")
# A road named by its lanes alone is a road's class, a standard to build to (按双向八车道
# 高速公路标准建设), not a road (津石高速双向四车道 names the road first).
LANES_FIRST = re.compile(r"(?:双向|单向)?[0-9一二三四五六七八九十两]+车道")
# A title a ministry confers in batches names a kind its holders belong to: 获评第四批|国家
# 示范物流园 (an honour of the park the text is about, not the park).
BATCH_BEFORE = re.compile(r"第[0-9一二三四五六七八九十]+批$")
LEADING_COUNT = re.compile(r"^[0-9一二三四五六七八九十]+(?=[百千万])")  # 三|百亿级: the count before a rank's scale
# "One of the …" names the class a thing belongs to: 是广东省四大石化产业基地|之一.
ONE_OF_AFTER = re.compile(r"之一")


def names_a_kind(label: str) -> bool:
    """Is `label` a kind of firm, association or park (`kind_names.txt`), after rank and
    quantity words: 全资子公司, 世界级旅游度假区, 100亿级产业园区 (but 贵州裕能…公司)?"""
    kinds, words = lexicon.kind_names(), lexicon.edge_words("describes")
    rest = label
    while rest and rest not in kinds:
        quantity = QUANTITY.match(rest)
        # (one test in C first: most names open with no such word)
        word = next((w for w in words if rest.startswith(w) and len(w) < len(rest)), None) if rest.startswith(words) else None
        if quantity and quantity.group():
            rest = rest[quantity.end():]
        elif word:
            rest = rest[len(word):]
        else:
            return False
    return bool(rest)


def describes_a_kind(doc: Doc, mention: Mention) -> bool:
    """Is `mention` a description rather than a name?
    Places are left alone: 贵阳市10个区县 counts the city's parts, not cities."""
    if mention.type == "AdministrativeArea":
        return False
    # (each pattern below only where the character it needs is there: most names meet none)
    label, after = mention.label, doc.text[mention.end:mention.end + 1]
    if ("首" in label or "第一" in label) and FIRST_OF_KIND.search(label):
        return True
    if mention.rule != "quoted" and after in COUNT_CHARACTERS and COUNTED_AFTER.match(doc.text, mention.end):
        return True  # (a quoted programme counts its units: 建成“15分钟生活圈”8个)
    if mention.type in SINGLE_THING_TYPES and mention.rule not in ("quoted", "book") and names_a_kind(label):
        return True
    if mention.type in SINGLE_THING_TYPES and mention.rule != "quoted" and not CLASSIFIERS.isdisjoint(label) \
            and PLURAL.search(label):
        return True
    if OPENS_WITH_CLASSIFIER.match(label) and NUMBER_BEFORE.search(doc.text, max(0, mention.start - 2), mention.start):
        return True
    if mention.type == "Organization" and mention.rule == "body" and MEMBERS_AFTER.match(doc.text, mention.end):
        return True
    if mention.type == "Organization" and REPORT_AFTER.match(doc.text, mention.end):
        return True
    if mention.type == "Project" and LANES_FIRST.match(label):
        return True
    if mention.type in SINGLE_THING_TYPES and ONE_OF_AFTER.match(doc.text, mention.end):
        return True
    # (`$` also holds before a newline that ends the searched text)
    if mention.type in SINGLE_THING_TYPES and doc.text.endswith(("批", "批\n"), 0, mention.start) \
            and BATCH_BEFORE.search(doc.text, max(0, mention.start - 6), mention.start):
        return True
    if mention.type in SINGLE_THING_TYPES and mention.rule != "book" and mention.label.endswith(lexicon.edge_words("role-title")):
        return True  # (打造滇中城市群曲靖副中心, 粤西交通物流商贸中心: a role a place aims at, no body)
    if mention.type in SINGLE_THING_TYPES and LEADING_COUNT.sub("", mention.label).startswith(lexicon.edge_words("rank-lead")):
        return True  # (建设世界级钒钛产业基地, 三百亿级新材料产业基地: a rank aimed at, no one park)
    if mention.type == "Organization" and mention.label.endswith(lexicon.edge_words("media-tail")):
        return True  # (兴义市融媒体中心, 贵州省新闻发布厅: the medium a report comes through, GUIDELINES `ignore`)
    if mention.type == "Project" and mention.label.endswith(lexicon.edge_words("class-tail")):
        return True  # (双招双引重大项目, 产业链条龙头项目: the projects of a drive or a rank, not one project)
    if mention.type in SINGLE_THING_TYPES and mention.rule not in ("quoted", "book") \
            and doc.text.endswith(lexicon.edge_words("kind-lead"), 0, mention.start):
        return True  # (集研发、生产…为一体的气凝胶新材料产业基地: the kind the description is of)
    # A formula of parties (基层党组织+公司+低收入群体) is a way of working, not a firm.
    return mention.type == "Organization" and "+" in mention.label
