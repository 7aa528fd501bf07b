"""Who speaks in a document: the area a report or article speaks for (its title, header,
headline government or scope words), and the park a news item is about.
"""
from __future__ import annotations

import re
from collections import Counter

from kg.doc import Doc, Mention
from kg.extract import lexicon
from kg.extract.relate import INNER_RULES
from kg.extract.roles.common import AREA_LEVELS, OPENERS, speaks_for_area


def reporting_area(doc: Doc) -> Mention | None:
    """The area a document speaks for: a city, district or province named in its title or
    opening lines (the lowest level of those), else the level its scope words say (全市,
    我县), else the one it names most."""
    areas = [m for m in doc.mentions
             if m.type == "AdministrativeArea" and area_level(m) in AREA_LEVELS and m.rule not in INNER_RULES
             and not MEDIA_TAIL.match(doc.text, m.end) and not WIRE_DATELINE.match(doc.text, m.end)]
    # (贵州省)2021年黔西南州人民政府工作报告: the area inside the government's name on a report's title line
    titled_inner = [m for m in doc.mentions
                    if m.type == "AdministrativeArea" and area_level(m) in AREA_LEVELS and m.rule in INNER_RULES
                    and m.start < 150 and (_title_line(doc, m) or _headline_government(doc, m))]
    if not titled_inner:
        # 扬州市政府召开常务会议: a headline government whose area was not read inside its name
        titled_inner = [area for m in doc.mentions if m.type == "Organization" and m.start < 150
                        and speaks_for_area(m) and _heads_headline(doc, m)
                        and (area := _body_area(doc, m)) is not None]
    if not areas and not titled_inner:
        return area_of_body(doc)  # 澄城县人民政府县长 in a report's header, the area named no other way
    counts: Counter[str] = Counter(m.ref or m.label for m in areas)
    first: dict[str, Mention] = {}
    for mention in areas + titled_inner:
        first.setdefault(mention.ref or mention.label, mention)
    # 在绥化市北林区第六届人民代表大会…上, 天津市滨海新区2022年…计划: the most local area
    # a title or congress line names speaks, however rarely the text repeats its name.
    titled = [m for m in areas if m.start < 150 and (_title_line(doc, m) or (doc.meta.title and m.label in doc.meta.title[:40]))]
    titled += titled_inner
    # 黔西南州人民政府工作报告 read as one body: the area its name opens with, named later on its own
    governments = [m for m in doc.mentions if m.type == "Organization" and m.start < 150 and speaks_for_area(m)
                   and (_title_line(doc, m) or _in_title(doc, m))]
    titled += [m for m in areas if any(g.label.startswith(m.label) for g in governments)]
    if titled:
        best = max(titled, key=lambda m: (_level(m), counts[m.ref or m.label], -m.start))
        return first[best.ref or best.label]
    scoped = _scope_area(doc, areas, counts)
    if scoped is not None:
        return first.get(scoped.ref or scoped.label, scoped)
    opening = [m for m in areas if m.start < 150 and counts[m.ref or m.label] >= 2]
    if opening:
        # 贵州省黔西南州兴义市: the lowest level the opening names and the text keeps naming.
        top = max(counts[m.ref or m.label] for m in opening)
        best = max((m for m in opening if 2 * counts[m.ref or m.label] >= top),
                   key=lambda m: (_level(m), counts[m.ref or m.label], -m.start))
        return first[best.ref or best.label]
    key = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    # its own name, or the name of its government's bodies (乐山市人民政府办公室 for 乐山)
    named_anywhere = sum(1 for m in doc.mentions if (m.type == "AdministrativeArea" and (m.ref or m.label) == key)
                         or (m.type == "Organization" and m.label.startswith(first[key].label) and _government_body(m)))
    if named_anywhere < 2 and first[key].start >= FRAME_HEAD:
        # 试验区持续深入开展…, with 青海 named once further on (青海嘉诺…项目): the text speaks
        # for someone it does not name as an area, not for a place it mentions in passing
        return None
    return first[key]


# 湖南日报, 浙江在线, 黄山新闻网: a newspaper or site named after an area, not the area speaking
MEDIA_TAIL = re.compile(r"(日报|晚报|在线|新闻|网|电视台|广播|客户端|发布)")


# 中新网 哈尔滨1月24日电, 中新社拉萨1月31日电: the city a wire story was filed from, not the
# area it speaks for (黑龙江省, 西藏自治区 in those stories).
WIRE_DATELINE = re.compile(r"\s?[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日电")


# Words by which a report speaks for its own area, by level: 我市, 本县, 全市上下. A bare
# 全市/全省 is no such word: 全市首个, 全省第一 rank the text's area among the others.
SCOPE_WORDS = (("City", re.compile(r"我(市|州|盟)|本(市|州)|全(市|州|盟)上下")),
               ("District", re.compile(r"我(县|区|旗)|本(县|区)|全(县|区|旗)上下")),
               ("Province", re.compile(r"我省|本省|全省上下")))


def _government_body(body: Mention) -> bool:
    """A body of an area's government (乐山市人民政府办公室, 潍坊市委): its name is the area's."""
    return _BODY_AREA.match(body.label) is not None or speaks_for_area(body)


def _scope_area(doc: Doc, areas: list[Mention], counts: Counter[str]) -> Mention | None:
    """The area of the level the text's scope words name most (全市上下: the city it names
    most), where it names an area of that level."""
    levels = sorted(((len(pattern.findall(doc.text)), level) for level, pattern in SCOPE_WORDS), reverse=True)
    for number, level in levels:
        if number < 1:
            break
        of_level = [m for m in areas if area_level(m) == level]
        if of_level:
            return max(of_level, key=lambda m: (counts[m.ref or m.label], -m.start))
        headed = _headline_place(doc)
        if headed is not None:
            return headed  # 伊滨:集中签约… 我区…: the place the headline opens with, of no level the table knows
    return None


def _headline_place(doc: Doc) -> Mention | None:
    """An area the division table does not know (伊滨, a zone run as a district) that opens the
    headline before a colon (伊滨:集中签约、开工项目12个): the subject the text then calls 我区."""
    for mention in doc.mentions:
        if mention.start < 150 and mention.type == "AdministrativeArea" and not area_level(mention) and mention.rule not in INNER_RULES \
                and _headline(doc, mention) and _opens_headline(doc, mention) and doc.text[mention.end:mention.end + 1] in (":", "："):
            return mention
    return None


FRAME_HEAD = 300  # the title and header a report's body is named in (as figures reads them)


_BODY_AREA = re.compile(r"^(.{1,8}?(?:自治区|自治州|自治县|省|市|县|区|州|旗|盟))(?:人民政府|政府|统计局|人大常委会|人民代表大会)")


def area_of_body(doc: Doc) -> Mention | None:
    """The area in the name of the body a report's header names (澄城县人民政府县长 -> 澄城县),
    as a mention of its own, for a text that names its area no other way."""
    framed = next((m for m in doc.mentions if m.rule == "frame"), None)
    if framed is not None:
        return framed  # read already (by reporting_area, then by figures)
    for mention in doc.mentions:
        if mention.start >= FRAME_HEAD or mention.type != "Organization":
            continue
        area = _body_area(doc, mention)
        if area is not None:
            return area
    return None


def _body_area(doc: Doc, body: Mention) -> Mention | None:
    """The area a body's name opens with (澄城县 of 澄城县人民政府), as a mention of its own
    (rule "frame"), made once."""
    match = _BODY_AREA.match(body.label)
    if match is None:
        return None
    name, offset = match.group(1), 0
    divisions = lexicon.division_by_name()
    # 重庆市渝中区人民政府: the most local division the name ends with (渝中区)
    offset = next((i for i in range(len(name) - 1) if name[i:] in divisions), 0)
    name = name[offset:]
    made = next((m for m in doc.mentions if m.rule == "frame" and m.label == name and m.start == body.start + offset), None)
    if made is not None:
        return made
    division = divisions.get(name)
    area = Mention(text=name, label=name, type="AdministrativeArea",
                   sub=division.level if division else "District", start=body.start + offset,
                   end=body.start + offset + len(name), sentence=body.sentence, rule="frame",
                   ref=division.code if division else "")
    doc.mentions.append(area)
    return area


TITLE_LINE = re.compile(r"(人民代表大会|政府工作报告|工作报告|国民经济和社会发展|统计公报|工作综述|计划执行)")


def _title_line(doc: Doc, mention: Mention) -> bool:
    """Is the mention on a line that says whose report this is (a congress line, a report
    or plan title)?"""
    start = doc.text.rfind("\n", 0, mention.start) + 1
    end = doc.text.find("\n", mention.end)
    line = doc.text[start:end if end >= 0 else len(doc.text)]
    return len(line) <= 80 and bool(TITLE_LINE.search(line))


def _headline(doc: Doc, mention: Mention) -> bool:
    """Is the mention in the document's headline: its first line, or the first 40
    characters of a title run into the text (2月14日,浙江嘉兴市人民政府发布…)?"""
    return _in_title(doc, mention) or bool(doc.meta.title and mention.start < 150
                                           and mention.label in doc.meta.title[:40])


def _opens_headline(doc: Doc, mention: Mention) -> bool:
    """Does the mention open its line as the subject, after a date at most (2月14日,浙江嘉兴市
    人民政府发布…), not a source (据天津市政府网站消息)?"""
    lead = doc.text[doc.text.rfind("\n", 0, mention.start) + 1:mention.start].strip()
    return re.sub(r"^[0-9]{1,2}月[0-9]{1,2}日[，,]?", "", lead) == ""


def _headline_government(doc: Doc, area: Mention) -> bool:
    """扬州市政府召开常务会议: an area read inside the name of the government that heads the
    document's headline; the meeting's work is that area's."""
    return any(m.type == "Organization" and speaks_for_area(m) and m.start <= area.start and area.end <= m.end
               and _heads_headline(doc, m) for m in doc.mentions)


def _heads_headline(doc: Doc, government: Mention) -> bool:
    """Is a government the headline's subject: on a headline line of its own, or opening a
    title run into the text?"""
    return _in_title(doc, government) or (_headline(doc, government) and _opens_headline(doc, government))


def area_level(area: Mention) -> str:
    """An area's level, from the division table where the reader left it open (宝鸡 read by
    the tagger)."""
    if area.sub:
        return area.sub
    division = lexicon.division_by_name().get(area.label)
    return division.level if division else ""


def _level(area: Mention) -> int:
    """How local an area is: province 1, city 2, district 3. A new area outside the
    national table (贵安新区 in 贵阳贵安) ranks below the city it is named with."""
    rank = {"Province": 1, "City": 2, "District": 3}.get(area_level(area), 0)
    return rank - 2 if not area.ref and area.label.endswith("新区") else rank


def reporting_park(doc: Doc, area: Mention | None) -> Mention | None:
    """The park a document is about (长春经开区 in its own news): a park its opening names
    that the text names at least as often as the reporting area. Its programmes are the
    park's work, and the projects and firms it lists are in it."""
    parks = [m for m in doc.mentions if m.type == "Park" and m.rule not in INNER_RULES]
    counts = Counter(m.label for m in parks)
    # 银川 inside 银川经开区 is no mention of the city as a speaker
    area_count = sum(1 for m in doc.mentions if area is not None and m.rule not in INNER_RULES
                     and (m.ref or m.label) == (area.ref or area.label))
    opening = [m for m in parks if m.start < 150 and counts[m.label] >= max(3, area_count)]
    if opening:
        return max(opening, key=lambda m: (counts[m.label], -m.start))
    # 经开区78个项目开复工 / 日前从长春经开区获悉…经开区已开复工: a park that heads the
    # document (its title line or its opening sentence's subject) and that the text keeps
    # naming, in full or by its generic tail (经开区), at least as often as the area.
    if not parks or parks[0].start >= 150 or not (_in_title(doc, parks[0]) or _opens_document(doc, parks[0])):
        return None
    # 淮安经济技术开发区 … 淮安经开区: the full and the short name of one park
    forms = [m for m in parks if m.label[:2] == parks[0].label[:2] and PARK_TAIL.search(m.label)]
    named = len(forms) + _bare_tail_count(doc, parks[0], parks)
    return max(forms, key=lambda m: (len(m.label), -m.start)) if forms and named >= max(2, area_count) else None


PARK_TAIL = re.compile(r"(经开区|高新区|开发区|工业园区|产业园区|工业园|产业园|综保区|保税区|合作区|示范区|试验区)$")


# 日前从长春经开区获悉, 记者日前从玉溪高新区获悉: the park the news comes from.
HEARD_FROM = re.compile(r"^(记者)?(日前|近日|昨日|今天|近期)?(从|自)$")


def _bare_tail_count(doc: Doc, park: Mention, parks: list[Mention]) -> int:
    """How often the text names a park by its generic tail alone (经开区 after 长春经开区)."""
    tail = PARK_TAIL.search(park.label)
    if tail is None:
        return 0
    inside = sum(1 for m in parks if m.label.endswith(tail.group()))
    return max(0, doc.text.count(tail.group()) - inside)


def _in_title(doc: Doc, mention: Mention) -> bool:
    """Is the mention on the document's first line, a headline of at most 40 characters?"""
    first = doc.text.lstrip()
    offset = len(doc.text) - len(first)
    line_end = first.find("\n")
    line_end = len(first) if line_end < 0 else line_end
    if any(m.type == "AdministrativeArea" and m.rule not in INNER_RULES and offset <= m.start < mention.start
           for m in doc.mentions):
        return False  # 湟中县 “三措并举”大力推进县属工业园区快速发展: the area's headline
    return line_end <= 40 and offset <= mention.start < offset + line_end


def _opens_document(doc: Doc, mention: Mention) -> bool:
    """Is the mention the subject opening one of the document's first two sentences
    (2023年以来,咸阳高新区将…; 记者日前从玉溪高新区获悉)?"""
    if mention.sentence > 1:
        return False
    sentence = doc.sentences[mention.sentence]
    lead = doc.text[sentence.start:mention.start].strip()
    if any(m.type == "AdministrativeArea" and m.rule not in INNER_RULES and sentence.start <= m.start < mention.start
           for m in doc.mentions):
        return False  # 湟中县…推进县属工业园区: the area speaks
    lead = re.sub(r"^[0-9]{1,2}月[0-9]{1,2}日[，,]?", "", lead)
    return OPENERS.sub("", lead) == "" or bool(HEARD_FROM.match(lead))
