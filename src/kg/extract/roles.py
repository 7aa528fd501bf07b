"""Who does what: relations between projects, companies, parks, programmes, policies and
the bodies and areas behind them. A pipeline stage after `relate`; cue words come from
`data/role_cues.tsv`. Read with GUIDELINES "relations" (the implementer of a report's own
work is the area it speaks for).

- kg:implements (area, body or park -> programme or policy): a report's programmes are
  the work of the area it speaks for (花溪区 in a 花溪区 article, 贵阳市 in its work
  report), unless a dash heading gives the section to a body, park or other area
  (——花溪区政协2025年工作综述, 贵阳经开区——), a park or another area opens the sentence or
  clause (清远打造“五大百亿”…), or the sentence names a qualified body before the programme
  (花溪区人民法院开展“…”活动). The area speaking is the one a title, congress line or
  headline government names (扬州市政府召开常务会议), not a wire story's dateline city. A bare
  quoted slogan counts as work only next to a governing verb (实施“四大战略”, “两区”建设);
  honours won (获评“…”), ideas held (“两山”理论), regions, plan periods, report titles and
  bare numbers do not. A higher level's policy is the area's work where it says it carries it
  out (贯彻落实《…》); the bodies a notice is addressed to carry out what it sends out.
- kg:issuedBy (policy -> body): the bodies a title names before 关于 (中共花溪区委 花溪区
  人民政府关于…若干措施), or a qualified body before 印发/出台《…》; the policy a notice
  issues (现将《…》印发给你们) by the bodies of its title line or the body signing above its date.
- kg:componentOf (part -> programme): 工业强区、创新兴区…“四大战略”; “四大战略”：A、B; in the
  news of a policy's publication (印发了《X》… 《行动计划》明确了…), what the text goes on to name.
- kg:basedOn (policy -> policy): 为贯彻落实《A》…制定本方案, 根据《A》编制《B》, 《B》…依据《A》编制,
  本规划编制的主要依据是：《A》.
- kg:partOf (project -> park), kg:settledIn (firm -> park or area): 综保区的X, 长春高新区
  A、B等项目, X落户/入驻Y, A、B等12个项目签约落户Y, 开发区引进X, a park's own document, a
  paragraph opening with a park as its subject (作为…，中央创新区已累计引进…；…包括X、Y).
- kg:investedBy / kg:builtBy / kg:operatedBy (project -> company): X投资建设的Y, X承建的Y,
  X运营的Y, X公司“Y项目”, Y由X(和Z)投资建设; a project opening with the short form of a firm
  the document names (沃森…项目 / 沃森生物).
- kg:cooperatesWith: X(还)与A、B签约/签署/合作, A与B、C与D共同签订; a project written right
  after the signing verb is the signing company's (kg:investedBy).
- kg:subOrganizationOf: A是B的全资子公司, B全资子公司A.
- kg:subOrganizationOf, kg:bodyOf: names built on another organisation's or a park's
  (北京协和医院贵州医院, 贵安新区管委会); not a department named after an area (花溪区农业农村局).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from kg.doc import Doc, Mention, Relation
from kg.extract import lexicon
from kg.extract.relate import INNER_RULES, is_body, short_forms, unique_relations

AGENT_TYPES = ("Organization", "AdministrativeArea")
WORK_TYPES = ("Program", "Policy")
AREA_LEVELS = ("City", "District", "Province")
CLAUSE_BREAK = re.compile(r"[。；;！？!?]")
COMMA = re.compile(r"[，,：:]")
COMPANY_TAILS = ("公司", "集团", "企业", "银行")
# Words that count a programme's parts: “四大战略”, 三个行动, 五项工程.
COUNTED = re.compile(r"^[“\"]?[一二两三四五六七八九十0-9]+(大|个|项|张|条|类|件|方面)")
NUMBERED = re.compile(r"^[“\"]?[一二两三四五六七八九十0-9]+号")


@lru_cache(maxsize=1)
def role_cues() -> dict[str, tuple[str, ...]]:
    """Cue words by role (data/role_cues.tsv), longest first so 投资建设 wins over 建设."""
    by_role: dict[str, list[str]] = {}
    text = resources.files("kg.data").joinpath("role_cues.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, role = line.split("\t")[:2]
        by_role.setdefault(role, []).append(word)
    return {role: tuple(sorted(words, key=len, reverse=True)) for role, words in by_role.items()}


def cues(role: str) -> tuple[str, ...]:
    return role_cues().get(role, ())


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


def _flat(mentions: list[Mention]) -> list[Mention]:
    """The sentence's outermost names: a name read inside another (中国电建 in 中国电建集团)
    would break the lists (A、B、C) the rules walk."""
    outer = [m for m in mentions if m.rule not in INNER_RULES]
    # m is inside another iff a longer span starting no later reaches its end: one sweep in
    # (start, -end) order, spans equal to m's left out (a pairwise scan was quadratic)
    spans = sorted({(m.start, m.end) for m in outer}, key=lambda span: (span[0], -span[1]))
    inside, reach = set(), -1
    for start, end in spans:
        if reach >= end:
            inside.add((start, end))
        reach = max(reach, end)
    return [m for m in outer if (m.start, m.end) not in inside]


# --- the report's own work ------------------------------------------------------------------

GOVERNMENT_HEADS = ("人民政府", "政府", "区委", "市委", "县委", "省委", "州委", "旗委", "党委", "党工委")
LEVEL_WORDS = "省市区县州旗乡镇"
# Achievements and titles written like slogans (17连增, 二十连丰, 九连冠, 百强区; not 制造强区,
# an area's strategy), inspections a higher
# level makes of the area (第二轮中央生态环保督察) and the people work is for (关爱“五类人群”):
# not work the area carries out.
NOT_WORK = re.compile(r"^一[个张套条批][^、，]{2}$|(人群|群体|督察|巡视|巡察|连增|连丰|连稳|连冠|百强县|百强区|百强|奖|重点村|重点镇|示范村|示范县|大湾区|经济带|经济圈)$|^(长三角|京津冀|珠三角)$|^[0-9·.\s]+$|^[0-9]+条$|%|^十[一二三四五六七八九]五$|^(全省|全国)"
                      # Report titles (区十六届人大二次会议文件, GUIDELINES "Titles of reports"), events
                      # attended (…出席活动, …开工活动), a list's ordinal read into the name (一是聚焦战略),
                      # and a generic head that names no programme of its own (如下实施方案, 《纲要》,
                      # 远景目标纲要 cut from a plan's full title).
                      r"|会议文件$|(出席|开工|奠基)活动$|^[一二三四五六七八九十]是|^(如下|本|该|此)"
                      r"|^(纲要|规划纲要|远景目标纲要|行动计划|实施方案|工作方案)$")
# Verbs that win an honour rather than carry out work: 获评“…”实践创新基地, 上榜“…”名单.
HONOUR_VERBS = ("获评", "入选", "上榜", "荣获", "评为", "获得", "获", "跻身", "成为")
GOVERN_WINDOW = 8  # characters before a bare slogan where its verb stands: 深入实施“…”
# Verbs that study or weigh a programme rather than carry it out.
STUDY_VERBS = ("领会", "考虑", "参考", "借鉴")


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
        return first[scoped.ref or scoped.label]
    opening = [m for m in areas if m.start < 150 and counts[m.ref or m.label] >= 2]
    if opening:
        # 贵州省黔西南州兴义市: the lowest level the opening names and the text keeps naming.
        top = max(counts[m.ref or m.label] for m in opening)
        best = max((m for m in opening if 2 * counts[m.ref or m.label] >= top),
                   key=lambda m: (_level(m), counts[m.ref or m.label], -m.start))
        return first[best.ref or best.label]
    key = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
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


def speaks_for_area(body: Mention) -> bool:
    """The area's own government or party committee (花溪区人民政府, 中共花溪区委, 县委): the
    guidelines give its work to the area itself."""
    return body.label.endswith(GOVERNMENT_HEADS)


def is_qualified(body: Mention) -> bool:
    """A body named with its place (花溪区人大常委会), not 区人大 or 市发改委 alone."""
    return not (body.label[:1] in LEVEL_WORDS or body.label in ("人大", "政协", "党中央", "国务院"))


def acting_body(doc: Doc, work: Mention, mentions: list[Mention]) -> Mention | None:
    """The body that the work's sentence names before it as the actor (花溪区人大常委会…开展
    “双岗建功”活动): the nearest body before the work in the same sentence."""
    before = [m for m in mentions if m.end <= work.start and is_actor_body(m) and m.sentence == work.sentence
              and m.label not in NATIONAL_BODIES]  # 落实国务院《…》: the state issues, the area acts
    if not before or COMMA.search(_gap(doc, before[-1], work)) and len(_gap(doc, before[-1], work)) > 30:
        return None
    return before[-1]


def issuers(doc: Doc, policy: Mention, mentions: list[Mention]) -> list[Mention]:
    """Bodies that issue a policy: named at its head (中共花溪区委 花溪区人民政府关于…), or
    before it with an issuing verb (市政府印发《…》)."""
    inside = [m for m in mentions if policy.start <= m.start and m.end <= policy.end and m is not policy
              and is_actor_body(m) and "关于" in policy.label[m.end - policy.start:]]
    if inside:
        return [m for m in inside if is_qualified(m) or m.label in NATIONAL_BODIES]
    named = head_issuers(doc, policy)
    if named:
        return named
    before = [m for m in mentions if m.end <= policy.start and is_actor_body(m)]
    if before and (is_qualified(before[-1]) or before[-1].label in NATIONAL_BODIES):
        gap = _gap(doc, before[-1], policy)
        if len(gap) <= 12 and _one_clause(gap) and not COMMA.search(gap) and any(c in gap for c in cues("issues")):
            return [before[-1]]
        if gap.strip(" 《") == "" and policy.label.startswith("关于"):
            return [before[-1]]  # 国务院关于推动内蒙古…的意见: the body its title opens with
    return []


# Bodies no place qualifies that issue under their own name (国务院关于…的意见).
NATIONAL_BODIES = ("国务院", "党中央", "中共中央", "中共中央、国务院")


def issued_inside(doc: Doc, relations: list[Relation]) -> list[Relation]:
    """《国务院关于印发〈推动大规模设备更新…行动方案〉的通知》: the notice's issuers issue the
    document it prints (GUIDELINES: a notice that issues one document is its alias)."""
    found: list[Relation] = []
    for relation in relations:
        if relation.predicate != "issuedBy" or "印发" not in relation.subject.label:
            continue
        notice = relation.subject
        inner = [m for m in doc.mentions if m.type == "Policy" and m is not notice
                 and notice.start < m.start and m.end < notice.end and "印发" not in m.label]
        found.extend(Relation("issuedBy", m, relation.object, relation.sentence, "issuer-notice") for m in inner)
    return found


def is_heading(doc: Doc, sentence: int) -> bool:
    """A line of its own that is short and has no full stop: a title or section heading
    (——花溪区政协2025年工作综述)."""
    text = doc.sentences[sentence].text.strip()
    return 0 < len(text) <= 40 and not CLAUSE_BREAK.search(text[:-1])


# A newspaper page's lettered article heading (A 产业为基…, B 功能为重…).
LETTERED_HEADING = re.compile(r"^[A-ZＡ-Ｚ][\s\u3000]+\S")


def section_speakers(doc: Doc, by_sentence: dict[int, list[Mention]], area: Mention | None) -> dict[int, Mention]:
    """Per sentence, whom a section speaks for where its heading says so: a dash heading
    naming a body, park or area (——花溪区人大常委会2025年工作综述, 贵阳经开区——,
    花溪区石板镇——); its programmes are that speaker's work. A dash heading naming the
    reporting area or its government, or nothing, gives the section back to the area."""
    speakers: dict[int, Mention] = {}
    current: Mention | None = None
    for sentence in doc.sentences:
        text = sentence.text.strip()
        if is_heading(doc, sentence.index) and (text.startswith("—") or text.endswith("—")):
            named = [m for m in by_sentence.get(sentence.index, [])
                     if (is_actor_body(m) and is_qualified(m)) or m.type == "Park"
                     or (m.type == "AdministrativeArea" and m.rule not in INNER_RULES)]
            speaker = named[-1] if named else None
            if speaker is None or speaks_for_area(speaker) or (
                    area is not None and speaker.type == "AdministrativeArea" and (speaker.ref or speaker.label) == (area.ref or area.label)):
                current = None
            else:
                current = speaker
        elif is_heading(doc, sentence.index) and LETTERED_HEADING.match(text):
            current = None  # B 功能为重 城乡融合步伐更快: the page's next article, the area's again
        if current is not None:
            speakers[sentence.index] = current
    return speakers


def implementer(doc: Doc, work: Mention, sentence_mentions: list[Mention], speaker: Mention | None,
                area: Mention | None) -> Mention | None:
    """Who carries out a programme: a qualified body the sentence names before it, else
    the body the section speaks for, else the reporting area. An unqualified body (区人大
    常委会) is the section's body when their names agree, the area when it is the area's
    government (市委, 县政府), and otherwise someone the text leaves unnamed."""
    body = acting_body(doc, work, sentence_mentions)
    if body is not None and not speaks_for_area(body):
        if is_qualified(body):
            return body
        if speaker is not None and speaker.label.endswith(body.label[1:]):
            return speaker
        return None
    subject = sentence_subject(doc, work, sentence_mentions) or clause_area(doc, work, sentence_mentions)
    if subject is None and speaker is not None and area is not None and (
            _opens_with(doc, work, sentence_mentions, area) or _opens_with_scope(doc, work)):
        # 花溪区深入践行…理念, 城市“一圈两场三改”成效显著 inside the 人大 article: the area's own work
        return area
    return subject or speaker or area


# Words that open a sentence about the area as a whole: 城市“一圈两场三改”成效显著, 全区…
AREA_SCOPE_OPENING = re.compile(r"^(城市|全区|全市|全县|全州|全省|我区|我市|我县|全区上下|全市上下)")


def _opens_with_scope(doc: Doc, work: Mention) -> bool:
    sentence = doc.sentences[work.sentence]
    lead = OPENERS.sub("", doc.text[sentence.start:work.start].strip())
    return bool(AREA_SCOPE_OPENING.match(lead))


def _opens_with(doc: Doc, work: Mention, mentions: list[Mention], area: Mention) -> bool:
    flat = [m for m in _flat(mentions) if m.end <= work.start]
    if not flat or (flat[0].ref or flat[0].label) != (area.ref or area.label):
        return False
    lead = doc.text[doc.sentences[work.sentence].start:flat[0].start].strip()
    return OPENERS.sub("", lead) == ""


OPENERS = re.compile(r"^(近年来|今年以来|去年以来|目前|当前|同时|此外|下一步|近日|[0-9]{4}年(以来)?)?[，,]?")


def sentence_subject(doc: Doc, work: Mention, mentions: list[Mention]) -> Mention | None:
    """A park that opens the sentence as its subject (近年来,贵阳经开区牢牢把握…聚焦“强省会”
    行动): the programmes the sentence then names are the park's work."""
    flat = [m for m in _flat(mentions) if m.end <= work.start]
    if not flat or flat[0].type != "Park":
        return None
    sentence = doc.sentences[work.sentence]
    lead = doc.text[sentence.start:flat[0].start].strip()
    return flat[0] if OPENERS.sub("", lead) == "" else None


def clause_area(doc: Doc, work: Mention, mentions: list[Mention]) -> Mention | None:
    """An area that opens the work's clause as its subject, a governing verb after it
    (清远打造“五大百亿”农业产业, 黑龙江省要深度融入共建“一带一路”): that area carries the
    work out, whichever area the document speaks for."""
    sentence = doc.sentences[work.sentence]
    clause_start = sentence.start
    for match in COMMA.finditer(doc.text, sentence.start, work.start):
        clause_start = match.end()
    flat = [m for m in _flat(mentions) if clause_start <= m.start and m.end <= work.start]
    if not flat or flat[0].type != "AdministrativeArea" or flat[0].rule in INNER_RULES:
        return None
    lead = doc.text[clause_start:flat[0].start].strip()
    if OPENERS.sub("", lead) != "":
        return None
    gap = doc.text[flat[0].end:work.start]
    if len(gap) > 16 or not any(v in gap for v in cues("governs")):
        return None
    return flat[0]


def head_issuers(doc: Doc, policy: Mention) -> list[Mention]:
    """The bodies a policy's title names before 关于 (台州市椒江区人民政府关于…若干意见,
    中共花溪区委 花溪区人民政府关于…), where the document names them as organisations."""
    if "关于" not in policy.label:
        return []
    head = policy.label.split("关于", 1)[0]
    bodies = {m.label: m for m in doc.mentions if m.type == "Organization" and is_qualified(m)}
    return [bodies[piece] for piece in re.split(r"[\s、,，和]+", head) if piece in bodies]


def own_work(doc: Doc) -> list[Relation]:
    """Each programme and policy of a document with its implementer, and policies with
    their issuers."""
    area = reporting_park(doc, reporting_area(doc)) or reporting_area(doc)
    other_areas = _area_forms(doc) - (_forms(area) if area else set())
    by_sentence: dict[int, list[Mention]] = {}
    for mention in doc.mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    speakers = section_speakers(doc, by_sentence, area)
    found: list[Relation] = []
    for work in doc.mentions:
        if work.type not in WORK_TYPES or NOT_WORK.search(work.label) or not names_work(doc, work):
            continue
        sentence_mentions = by_sentence[work.sentence]
        if work.type == "Policy":
            bodies = issuers(doc, work, sentence_mentions)
            found.extend(Relation("issuedBy", work, body, work.sentence, "issuer") for body in bodies)
            if bodies and not all(body.label in NATIONAL_BODIES for body in bodies):
                continue  # a policy and its issuer: who carries it out is not said
        agent = implementer(doc, work, sentence_mentions, speakers.get(work.sentence), area)
        if agent is area:
            agent = addressed_area(doc, work, area) or agent
        if agent is None:
            continue
        if agent is area and _names_other_area(work.label, other_areas, _forms(area), area.sub != "Province") \
                and not carried_out(doc, work):
            continue
        if agent is area or (area is not None and agent.type == area.type == "AdministrativeArea" and (agent.ref or agent.label) == (area.ref or area.label)):
            rule = "reporting-area"
        else:
            rule = "clause-area" if agent.type == "AdministrativeArea" else "acting-body"
        found.append(Relation("implements", agent, work, work.sentence, rule))
    return found


# Verbs by which an area carries out what a higher level issued: 贯彻落实《…》精神, 对标落实.
CARRY_OUT = re.compile(r"(贯彻|落实|执行)[^，,。；;]{0,24}$")


def carried_out(doc: Doc, work: Mention) -> bool:
    """Is a policy named after another place (《海南自由贸易港建设总体方案》 in 儋州, 《国务院
    关于…》) one the sentence says the area carries out (坚决贯彻落实…《A》精神和《B》要求)?"""
    if work.type != "Policy" or work.label.startswith(UPPER_LEVEL):
        return False  # 落实省级39条…政策: one of the province's, named without its title
    sentence = doc.sentences[work.sentence]
    return bool(CARRY_OUT.search(doc.text[max(sentence.start, work.start - 60):work.start]))


def addressed_area(doc: Doc, work: Mention, area: Mention | None) -> Mention | None:
    """息烽县农村集体经营性建设用地入市试点: a programme written after another area's name as
    its address is that area's work, not the reporting area's."""
    if not work.address or area is None or work.address in _forms(area):
        return None
    # the address is read inside the programme's span or right before it
    named = [m for m in doc.mentions if m.type == "AdministrativeArea" and m.label == work.address
             and work.start - 2 - len(m.label) <= m.start <= work.start]
    return named[-1] if named else None


DATE_LINE = re.compile(r"\s*[0-9〇零一二三四五六七八九十]{4}年[0-9一二三四五六七八九十]{1,2}月[0-9一二三四五六七八九十]{1,3}日\s*")


def _lines(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of each line of the document's text."""
    spans, start = [], 0
    for line in doc.text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _sent_out(doc: Doc, policy: Mention, outer: list[Mention]) -> bool:
    """《X》已经…会议审议通过，现印发给你们: a policy that opens the sentence whose verb sends
    it out, however long the clause between."""
    sentence = doc.sentences[policy.sentence]
    first = next((m for m in outer if m.sentence == policy.sentence), None)
    return first is policy and doc.text[sentence.start:policy.start].strip(" 《") == "" \
        and "印发给" in doc.text[policy.end:sentence.end]


def notice_issuers(doc: Doc) -> list[Relation]:
    """A notice that issues a policy (关于印发…的通知; 现将《…》印发给你们) is signed by its
    issuers: the bodies its title line names before 关于, else the body alone on the line
    above the notice's date (达州市人民政府 / 2024年6月25日)."""
    lines = _lines(doc)
    outer = _flat(doc.mentions)
    bodies = [m for m in outer if m.type == "Organization" and is_qualified(m)]
    policies = [m for m in outer if m.type == "Policy"]
    issued: list[Mention] = []
    title_bodies: list[Mention] = []
    # the notice's own title is among its first lines; a 关于印发 further on quotes another notice
    for start, end in [span for span in lines if doc.text[span[0]:span[1]].strip()][:3]:
        line = doc.text[start:end]
        cut = line.find("关于印发")
        if cut < 0 or re.search(r"[《〈，,。]", line[:cut]):
            continue  # 落实《…关于印发…》: a notice quoted, not this one's title
        on_line = [m for m in policies if start + cut + 4 <= m.start <= start + cut + 5 and m.end <= end]
        issued.extend(on_line)
        if not title_bodies:
            # whole names only: 成都市委 inside 中共成都市委社会工作部 is not a signer
            title_bodies = [m for m in bodies if start <= m.start and m.end <= start + cut
                            and re.match(r"\s|、|和|关于", doc.text[m.end:m.end + 2])
                            and (m.start == start or re.match(r"\s|、|和", doc.text[m.start - 1]))]
    issued.extend(m for m in policies if "印发给" in doc.text[m.end:m.end + 16] or _sent_out(doc, m, outer))
    if not issued:
        return []
    signers = title_bodies
    if not signers:
        for (start, end), (next_start, next_end) in zip(lines, lines[1:]):
            alone = [m for m in bodies if doc.text[start:end].strip() == m.label and start <= m.start < end]
            if alone and DATE_LINE.fullmatch(doc.text[next_start:next_end]):
                signers = alone[:1]
                break
    policy_labels = {m.label for m in issued}
    policies_issued = list({m.label: m for m in issued}.values())
    addressed = [Relation("implements", body, policy, body.sentence, "notice-addressee")
                 for body in addressees(doc, bodies) for policy in policies_issued]
    return addressed + [Relation("issuedBy", policy, body, policy.sentence, "notice")
                        for policy in policies_issued for body in signers
                        if policy.label in policy_labels and body.label not in policy.label]


def addressees(doc: Doc, bodies: list[Mention]) -> list[Mention]:
    """各县(市、区)人民政府,达州高新区管委会,市级各部门: a notice's address, opening with 各 and
    ending with a colon before the sentence that sends the policy out; the bodies it names
    (qualified, other than governments, which speak for areas) are to carry the policy out."""
    address = ADDRESS_LINE.search(doc.text, 0, FRAME_HEAD * 2)
    if address is None:
        return []
    return [m for m in bodies if address.start() <= m.start and m.end <= address.end()
            and is_actor_body(m) and not speaks_for_area(m)]


# 各县(市、区)人民政府，…，市级各部门(单位)： (a line of its own, or run into the title)
ADDRESS_LINE = re.compile(r"各[^。；;：:\n《》]{1,150}[：:]")


# 为贯彻落实《A》…，结合实际，制定本方案 / 根据《A》，编制《B》: the policy a document draws up
# and the policies it says it carries out.
BASIS_CUE = re.compile(r"(根据|依据|按照|遵照|贯彻|落实|为实施)")
DRAWN_UP = re.compile(r"(制定|编制|制订)(了)?(本|此|如下)")
DRAWN_UP_NAMED = re.compile(r"(制定|编制|制订)《")
# 《A纲要》…根据《B》编制。/ 本规划纲要根据…《B》编制: the verb after the cited policies, its
# object the policy (or 本规划) that opens the sentence
DRAWN_AFTER = re.compile(r"》(精神)?(而)?(编制|制定|制订)(?![《本此如])")
# 本规划编制的主要依据是：《A》《B》等
OWN_BASIS = re.compile(r"^本(规划纲要|规划|纲要|方案|计划)(编制|制定)?的?(主要)?依据")


def own_policy(doc: Doc) -> Mention | None:
    """The policy a document is: the one its notice issues (关于印发X的通知, 现将《X》印发给你们),
    else a policy written alone on one of its first lines (曲靖市促进区域协调发展实施方案)."""
    outer = [m for m in _flat(doc.mentions) if m.type == "Policy"]
    for policy in outer:
        if "印发给" in doc.text[policy.end:policy.end + 16] or (
                policy.start < FRAME_HEAD and "印发" in doc.text[max(0, policy.start - 5):policy.start]):
            return policy  # 关于印发X的通知, 现将《X》印发给你们, 市委市政府印发了《X》
    for start, end in [span for span in _lines(doc) if doc.text[span[0]:span[1]].strip()][:6]:
        line = doc.text[start:end].strip("《》 \t")
        alone = [m for m in outer if start <= m.start and m.end <= end and m.label == line]
        if alone:
            return alone[0]
    return None


def based_on(doc: Doc) -> list[Relation]:
    """为贯彻落实《A》、《B》精神…制定本实施方案: the document's own policy carries out A and
    B (kg:basedOn); 根据《A》，编制《B》 says the same of B. A notice that issues one
    document (关于印发〈A〉的通知) stands for that document."""
    own = own_policy(doc)
    found: list[Relation] = []
    for sentence in doc.sentences:
        text = doc.text[sentence.start:sentence.end]
        drawn = DRAWN_UP.search(text)
        named = DRAWN_UP_NAMED.search(text)
        mentions = [m for m in doc.mentions if m.sentence == sentence.index and m.type == "Policy"]
        if named:
            target = next((m for m in mentions if m.start == sentence.start + named.end() - 1
                           or m.start == sentence.start + named.end()), None)
            limit = sentence.start + named.start()
        elif drawn and own is not None:
            target, limit = own, sentence.start + drawn.start()
        elif (after := _drawn_after(text)) is not None:
            target, limit = _sentence_policy(doc, sentence.start, mentions, own), sentence.start + after
        elif OWN_BASIS.match(text) and own is not None:
            target, limit = own, sentence.end
        else:
            continue
        cue = BASIS_CUE.search(text)
        if target is None or cue is None or sentence.start + cue.start() >= limit:
            continue
        cited = [m for m in _flat(mentions) if sentence.start + cue.start() <= m.start and m.end <= limit]
        for policy in cited:
            # 《…关于印发〈A〉的通知》: the notice stands for A
            inner = [m for m in mentions if m is not policy and policy.start < m.start and m.end < policy.end]
            basis = inner[-1] if inner and "印发" in policy.label else policy
            if basis.label != target.label:
                found.append(Relation("basedOn", target, basis, sentence.index, "based-on"))
    return found


def _drawn_after(text: str) -> int | None:
    """Where the cited policies end when the drawing-up verb follows them (…的建议》编制)."""
    found = list(DRAWN_AFTER.finditer(text))
    return found[-1].start() + 1 if found else None


def _sentence_policy(doc: Doc, start: int, mentions: list[Mention], own: Mention | None) -> Mention | None:
    """The policy a sentence opens with: written first (《A纲要》(简称《纲要》)，依据…), or 本规划
    for the document's own."""
    if doc.text.startswith("本", start):
        return own
    first = next((m for m in mentions if m.start - start <= 1), None)
    return first if first is not None and first.type == "Policy" else None


# What a bare slogan is when the word after it calls it an idea held (“两山”理论, “五大发展”
# 理念, “两个一百年”奋斗目标): GUIDELINES ignore such slogans that only describe. A bare 目标
# or 定位 after it is no such word: the gold counts “一都四区”目标 and “一极一高地两示范”定位 as
# the area's work as often as not.
IDEA_AFTER = re.compile(r"[”\"]?(的)?(理念|理论|奋斗目标|精神|思想)")
# 长春新区计划开工…, 艾普强粒子计划建设成…: 计划 as "plans to", a verb after it, not a plan's name.
PLANS_TO = re.compile(r"(开工|开建|建设|建成|投资|投产|实施|完成|引进|新建|于|在|到|用|将|年内|今年)")


def names_work(doc: Doc, work: Mention) -> bool:
    """Does the sentence present the mention as work someone carries out? A bare quoted
    slogan (“云端智控”, “奋进合音”) only when a governing verb stands just before it or
    before the list it heads (实施“四大战略”, 聚焦“三品一菜”、“两药一械”); a named programme
    (…行动, 《…规划》) always, unless the sentence says it was won as an honour."""
    sentence = doc.sentences[work.sentence]
    clause_start = sentence.start
    for match in COMMA.finditer(doc.text, sentence.start, work.start):
        clause_start = match.end()
    before = doc.text[clause_start:work.start]
    if any(before.endswith(v) or before[-GOVERN_WINDOW:].find(v) >= 0 for v in HONOUR_VERBS if len(v) > 1):
        return False
    if before.endswith("获"):
        return False  # 成效获贵州改革工作动态刊发: a publication or honour, not work
    if work.rule == "quoted" and (before.endswith("从") or re.match(r"[”\"]?(变成|变为|转为|转向|转化为|转变)", doc.text[work.end:work.end + 4])):
        return False  # 推动“民生愿景”变成“幸福实景”, “卖酒”向“卖生活方式”转变: a figure of speech
    if work.rule == "quoted" and re.match(r"[”\"]?的(巨大)?(潜力|作用|优势|效应|魅力)", doc.text[work.end:work.end + 6]):
        return False  # 发挥“一业带百业”的巨大潜力: a quality, not work
    if any(v in before[-GOVERN_WINDOW - 4:] for v in STUDY_VERBS):
        return False  # 深刻领会“五个必须”的核心要义, 统筹考虑“强省会”目标要求: studied, not carried out
    if re.match(r"[”》]?(的)?(收官|开局|起步|谋篇|关键)", doc.text[work.end:work.end + 5]):
        return False  # 2025年是“十四五”规划的收官之年: a period, not work done
    if work.label.endswith("计划") and work.rule != "book" and PLANS_TO.match(doc.text, work.end):
        return False
    if work.rule != "quoted":
        return True
    if COUNTED.match(work.label):
        return True  # “四大战略”, “三大定位”: a counted set of tasks
    # skip back over the list this slogan ends: “一日办”“一周办”“一月办”
    window = re.sub(r"(“[^”]{1,20}”[、和及与]?)+$", "", before)
    clause_end = COMMA.search(doc.text, work.end, sentence.end)
    after = doc.text[work.end:clause_end.start() if clause_end else sentence.end][:GOVERN_WINDOW]
    after = re.sub(r"^(”?[、和及与]?“[^”]{1,20}”)+", "", after)
    if IDEA_AFTER.match(after):
        return False  # 践行“两山”理论, 实现“两个一百年”奋斗目标: an idea or goal held, not work done
    return any(v in window[-GOVERN_WINDOW:] for v in cues("governs")) or any(v in after for v in cues("governed"))


def _forms(area: Mention) -> set[str]:
    return short_forms(area) if area.type == "AdministrativeArea" else {area.label}


def park_document(doc: Doc) -> list[Relation]:
    """In a park's own document, the projects and firms it lists without another park
    are in that park (partOf for projects, settledIn for firms)."""
    park = reporting_park(doc, reporting_area(doc))
    if park is None:
        return []
    placed = {r.subject.label for r in doc.relations if r.predicate in ("partOf", "settledIn")}
    found: list[Relation] = []
    for mention in doc.mentions:
        if mention.label in placed or mention.label == park.label or mention.rule in INNER_RULES:
            continue
        if mention.type == "Project":
            found.append(Relation("partOf", mention, park, mention.sentence, "park-document"))
        elif is_company(mention) or _tagged_firm(mention):
            found.append(Relation("settledIn", mention, park, mention.sentence, "park-document"))
        else:
            continue
        placed.add(mention.label)
    return found


# 作为城市形象门户与赋能中心，中央创新区已累计引进…: a role the subject is given first
AS_ROLE = re.compile(r"^作为[^，,。；;]{1,24}[，,]")


def park_paragraph(doc: Doc) -> list[Relation]:
    """A paragraph that opens with a park as its subject (作为…，中央创新区已累计引进…；落地…项目
    11个，包括未来创元中心、盈创中心…) goes on about that park: the projects and firms its
    sentences name, where no other park or area comes first in their sentence, are in it."""
    placed = {r.subject.label for r in doc.relations if r.predicate in ("partOf", "settledIn")}
    found: list[Relation] = []
    for start, end in _lines(doc):
        inside = [m for m in doc.mentions if start <= m.start and m.end <= end and m.rule not in INNER_RULES]
        flat = _flat(inside)
        if not flat or flat[0].type != "Park":
            continue
        park = flat[0]
        lead = doc.text[start:park.start].strip()
        lead = AS_ROLE.sub("", FRAME_LEAD.sub("", OPENERS.sub("", lead)))
        if lead:
            continue
        for mention in flat[1:]:
            if mention.label in placed or mention.label == park.label:
                continue
            sentence = doc.sentences[mention.sentence]
            if any(m.type in ("Park", "AdministrativeArea") and sentence.start <= m.start < mention.start and m is not park
                   for m in flat):
                continue
            if mention.type == "Project":
                found.append(Relation("partOf", mention, park, mention.sentence, "park-paragraph"))
            elif (is_company(mention) or _tagged_firm(mention)) and not COMPANY_MODIFIES.match(doc.text, mention.end):
                # 华为云生态伙伴: the firm names whose partners came, not a tenant
                found.append(Relation("settledIn", mention, park, mention.sentence, "park-paragraph"))
            else:
                continue
            placed.add(mention.label)
    return found


# what a company's name adds to the short form it goes by: 新疆华曜新能源科技有限公司 -> 华曜
FIRM_FORM_TAIL = re.compile(r"(股份有限公司|有限责任公司|有限公司|股份公司|集团公司|集团|公司|股份)$")
# words too common to say a project bears a firm's name (中国石化, 国家电投: 中国, 国家; 招商银行:
# 招商 also opens the names of investment drives, 招商易, 招商引资)
COMMON_OPENINGS = ("中国", "国家", "国际", "全国", "中华", "招商")


def firm_short_form(label: str) -> str:
    """新疆华曜新能源科技有限公司 -> 华曜新能源科技, 沃森生物 -> 沃森生物: the name without its
    legal tail and its opening place (a division's name, 2 or 3 characters)."""
    core = FIRM_FORM_TAIL.sub("", label)
    for size in (3, 2):
        if lexicon.division_by_name().get(core[:size]) and len(core) > size + 1:
            return core[size:]
    return core


def firm_projects(doc: Doc) -> list[Relation]:
    """A project whose name opens with the short form of a firm the document names on its own
    (沃森四价流脑多糖疫苗项目 and 沃森生物, 华曜光电热储一体化 and 新疆华曜新能源科技有限公司):
    the firm runs it. Two characters of the firm's short form are enough, as firms are called."""
    placed = {r.subject.label for r in doc.relations if r.predicate in ("operatedBy", "investedBy", "builtBy")}
    firms = {}
    for m in doc.mentions:
        if is_company(m) or _tagged_firm(m):
            if m.rule != "nested":
                firms.setdefault(firm_short_form(m.label), m)
    found: list[Relation] = []
    for project in doc.mentions:
        if project.type != "Project" or project.label in placed or project.rule in INNER_RULES:
            continue
        owners = [f for core, f in firms.items() if len(core) >= 2 and project.label.startswith(core[:2])
                  and core[:2] not in COMMON_OPENINGS and f.label != project.label and not project.label.startswith(f.label)]
        if len(owners) == 1:
            found.append(Relation("operatedBy", project, owners[0], project.sentence, "firm-short-form"))
            placed.add(project.label)
    return found


def _tagged_firm(mention: Mention) -> bool:
    """An organisation the learned tagger read (天合光能, 中科电气) that is no body: in a park's
    own news such names are its firms."""
    return mention.type == "Organization" and mention.rule == "tagger" and not is_actor_body(mention)


def _area_forms(doc: Doc) -> set[str]:
    forms: set[str] = set()
    for mention in doc.mentions:
        if mention.type == "AdministrativeArea":
            forms |= short_forms(mention)
    return forms


# A policy a province or region makes (省级39条稳增长一揽子政策, 自治区40条稳大盘政策) in the
# report of a city or county below it.
UPPER_LEVEL = ("省级", "省委", "省政府", "自治区")


def _names_other_area(label: str, others: set[str], own: set[str], below_province: bool = False) -> bool:
    """A programme or policy named after another place (天津市…规划 in a 东丽区 report,
    国家…, 省级… in a city's) is that place's, not the reporting area's own work; one naming
    the reporting area is its own even when it names others too."""
    if any(form in label for form in own):
        return False
    if below_province and label.startswith(UPPER_LEVEL):
        return True
    return any(form in label for form in others if len(form) >= 2) or label.startswith(("国家", "中共中央", "国务院", "全国"))


# --- parts of a programme -------------------------------------------------------------------

# Between a programme and the list of its parts: “四千行动”是指实施A、B; 十大重点工业项目，分别为A、B.
PARTS_INTRO = re.compile(r"[”\"]?(，|,)?(即|包括|主要包括|分别为|分别是|是指|指|：|:|\()(实施|推进|开展)?[“\"]?")
# Words that say the list is the whole's parts whatever the whole is called.
PARTS_SAID = ("是指", "即", "包括", "分别为", "分别是")
# Between two items of a list: a separator, or one item not read as a name (设备更新、回收循环利用、标准提升).
ITEM_GAP = re.compile(r"[”\"]?([、和及与]|、[^，,。；;、“”()（）]{1,10}、)[“\"]?")
CUT_ITEM_GAP = re.compile(r"[^，,。；;、“”()（）]{1,12}[、和及与]")


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
                if not (items and ITEM_GAP.fullmatch(gap)) and not re.fullmatch(r"[、和及与]?|[”\"]?[等]?[”\"]?", gap):
                    break
                items.append(flat[cursor])
                cursor -= 1
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


def projects_of_programme(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """A project written right after the programme it belongs to (“东数西算”工程的X, 某行动
    重点项目X). Looser forms (实施X工程，建成A、B) were tried and cost precision."""
    found: list[Relation] = []
    flat = _flat(mentions)
    for left, right in zip(flat, flat[1:]):
        if left.type in WORK_TYPES and right.type == "Project" and _gap(doc, left, right) in ("", "的", "重点项目", "项目"):
            found.append(Relation("componentOf", right, left, left.sentence, "programme-project"))
    return found


# --- parks, companies, projects -------------------------------------------------------------

def in_park(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """A project or firm in a park: 综保区的X, 综保区内X, 在综保区建设X; a company that
    落户/入驻/落地 a park or area (kg:settledIn)."""
    flat = _flat(mentions)
    found: list[Relation] = []
    for index, (left, right) in enumerate(zip(flat, flat[1:])):
        gap = _gap(doc, left, right)
        if left.type == "Park" and right.type in ("Project", "Organization") and not is_actor_body(right):
            # 沃丰德产业园建设项目、许昌正德公司: a list separator says both are items, not holder and held
            if gap in ("", "的", "内", "内的", "里", "中") or (_cue_gap(gap, cues("builds"), 8) and not re.search(r"[、和及]$", gap)):
                # 长春高新区长春中关村信息谷创新中心、金赛生长激素等新建项目: the whole list
                items = [right]
                for nxt in flat[index + 2:]:
                    if nxt.type not in ("Project", "Organization") or _gap(doc, items[-1], nxt) not in ("、", "和", "及"):
                        break
                    items.append(nxt)
                found.extend(Relation("partOf" if item.type == "Project" else "settledIn", item, left, left.sentence,
                                      "park-holds") for item in items if not is_actor_body(item))
        elif left.type in ("Project", "Organization") and right.type in ("Park", "AdministrativeArea") \
                and not is_actor_body(left) and _cue_gap(gap, cues("settles"), 10):
            if left.type == "Project" and right.type == "Park":
                found.append(Relation("partOf", left, right, left.sentence, "settles"))
            elif left.type == "Organization":
                found.append(Relation("settledIn", left, right, left.sentence, "settles"))
    return found


# A park and the parks it is made of: 由A、B和C组成 / 包括A、B等园区 / 辖区内A、B; and
# A是Y的(重要)组成部分.
MADE_OF = re.compile(r"(由|包括|包含|涵盖|下辖|辖区内|内设)")


def park_parts(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """重庆綦江工业园区是…园区，由铝铜加工(北渡产业园)、装备制造(桥河产业园)和煤电化工产业园
    组成; 特别是萧山经开区，…其辖区内桥南、高教园区、三江创智新城等: the parks listed after a
    word of making up, in a sentence whose subject is a park, are its parts; 广德产业园作为广清
    经济特别合作区的重要组成部分 says it of the park named first."""
    flat = _flat(mentions)
    found: list[Relation] = []
    for left, right in zip(flat, flat[1:]):
        # A作为/是 Y 的重要组成部分
        if left.type in ("Park", "Project") and right.type == "Park" and _gap(doc, left, right) in ("作为", "是") \
                and re.match(r"[”\"]?[^，,。；;]{0,8}?的(重要)?(组成部分|一部分)", doc.text[right.end:right.end + 14]):
            found.append(Relation("partOf", left, right, left.sentence, "park-parts"))
    if not flat or flat[0].type != "Park":
        return found
    whole = flat[0]
    sentence = doc.sentences[whole.sentence]
    lead = doc.text[sentence.start:whole.start].strip()
    if SUBJECT_LEAD.sub("", OPENERS.sub("", lead)) != "":
        return found
    clause_end = CLAUSE_BREAK.search(doc.text, whole.end, sentence.end)
    end = clause_end.start() if clause_end else sentence.end
    cue = MADE_OF.search(doc.text, whole.end, end)
    if cue is None:
        return found
    parts = [m for m in flat if m.type == "Park" and m.start >= cue.end() and m.end <= end]
    if not parts or COMMA.search(doc.text[cue.end():parts[0].start]):
        return found
    listed = [parts[0]]
    for nxt in parts[1:]:
        gap = _gap(doc, listed[-1], nxt)
        if COMMA.search(gap) or len(gap) > 12:
            break
        listed.append(nxt)
    found.extend(Relation("partOf", part, whole, whole.sentence, "park-parts") for part in listed
                 if part.label != whole.label)
    return found


SUBJECT_LEAD = re.compile(r"^(特别是|尤其是|其中)[，,]?")


# After the last item of a list of projects or firms: 等12个产业项目签约落户Y, 等企业入驻Y.
LIST_SETTLES = re.compile(r"[”\"]?(等[一二三四五六七八九十百0-9余多个家批]*|[一二三四五六七八九十百0-9]+[个家])"
                          r"([^，,。；;、]{0,4}?(重点|产业|工业|重大|优质|新|外资))*[^，,。；;、]{0,4}?(项目|企业)")


def settled_list(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """A、B等12个产业项目签约落户斗门园 / A、B等企业入驻Y: every listed project or firm
    settles in the park (a project: kg:partOf) or area (a firm: kg:settledIn)."""
    flat = _flat(mentions)
    found: list[Relation] = []
    for index, place in enumerate(flat):
        if index == 0 or place.type not in ("Park", "AdministrativeArea"):
            continue
        last = flat[index - 1]
        gap = _gap(doc, last, place)
        head = LIST_SETTLES.match(gap)
        if head is None or not _cue_gap(gap[head.end():], cues("settles"), 6):
            continue
        items = [last]
        for prev in reversed(flat[:index - 1]):
            if _gap(doc, prev, items[-1]) not in ("、", "和", "及"):
                break
            items.append(prev)
        for item in items:
            if item.type == "Project" and place.type == "Park":
                found.append(Relation("partOf", item, place, place.sentence, "list-settles"))
            elif is_company(item):
                found.append(Relation("settledIn", item, place, place.sentence, "list-settles"))
    return found


# 引进华为云生态伙伴超100家: the company names whose partners come, not itself.
COMPANY_MODIFIES = re.compile(r"(生态伙伴|合作伙伴|伙伴|供应商|配套企业|上下游)")
FRAME_LEAD = re.compile(r"^在[^，,。；;]{1,24}中[，,]")


def park_subject(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """A sentence whose subject is a park (绥化经济开发区引进江苏远景集团…, 常州高新区…殷拓
    智慧供应链、克福斯弹簧等一批优质外资项目相继落户): the projects and firms it says come,
    start or are built there are in the park."""
    flat = _flat(mentions)
    if not flat or flat[0].type != "Park":
        return []
    sentence = doc.sentences[flat[0].sentence]
    park = flat[0]
    # 在11个投资超10亿元的大项目中，绥化经济开发区引进…: a frame before the subject
    lead = FRAME_LEAD.sub("", doc.text[sentence.start:park.start].strip())
    if len(lead) > 2 or len(flat) < 2 or re.match(r"[”\"]?[、和与及]", _gap(doc, park, flat[1])):
        return []  # 集隽光电产业园、贵阳二手车出口基地等…: a list of places, not a subject
    found: list[Relation] = []
    for mention in flat[1:]:
        head = _gap(doc, park, mention)
        if CLAUSE_BREAK.search(head):
            break
        right = mention.end
        clause_end = CLAUSE_BREAK.search(doc.text, right, sentence.end)
        clause = doc.text[right:clause_end.start() if clause_end else sentence.end]
        tail = COMMA.split(clause)[0]
        if not any(w in head[-12:] + tail for w in cues("settles") + cues("brings")):
            continue
        if mention.type == "Project":
            found.append(Relation("partOf", mention, park, park.sentence, "park-subject"))
        elif is_company(mention) and not COMPANY_MODIFIES.match(doc.text, mention.end):
            found.append(Relation("settledIn", mention, park, park.sentence, "park-subject"))
    return found


def park_frame(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """虎门镇电子产业园内，富士高电声科技的新厂房… / 在南充高新技术产业园区科创中心，四川神舟
    微科电子有限公司的厂房内…: a sentence that opens on a place in a park sets its scene
    there; the projects and firms its next clause opens with are in the park."""
    flat = _flat(mentions)
    if len(flat) < 2 or flat[0].type != "Park":
        return []
    park = flat[0]
    sentence = doc.sentences[park.sentence]
    if doc.text[sentence.start:park.start].strip() not in ("", "在"):
        return []
    comma = COMMA.search(doc.text, park.end, sentence.end)
    if comma is None or comma.start() - park.end > 8 or CLAUSE_BREAK.search(doc.text, park.end, comma.start()):
        return []
    if doc.text[sentence.start:park.start].strip() == "" and not re.match(r"(内|里|中)$", doc.text[park.end:comma.start()]):
        return []  # 虎门镇电子产业园内，: without 在, only 内/里 makes it a scene
    after = [m for m in flat if m.start >= comma.end()]
    if not after or after[0].start - comma.end() > 2:
        return []
    items = [after[0]]
    for nxt in after[1:]:
        if _gap(doc, items[-1], nxt) not in ("、", "和", "及"):
            break
        items.append(nxt)
    found: list[Relation] = []
    for item in items:
        if item.type == "Project":
            found.append(Relation("partOf", item, park, park.sentence, "park-frame"))
        elif item.type == "Organization" and not is_actor_body(item):
            found.append(Relation("settledIn", item, park, park.sentence, "park-frame"))
    return found


def _cue_in(text: str, role: str) -> bool:
    return any(w in text for w in cues(role))


def _cue_gap(gap: str, words: tuple[str, ...], limit: int) -> bool:
    return len(gap) <= limit and _one_clause(gap) and not COMMA.search(gap) and any(w in gap for w in words)


BRING_THEN_BUILD = re.compile(r"[，,](拟|将|计划)?(总)?(投资[0-9.]+[亿万]元)?(投资)?(建设|打造|新建|兴建)(的)?")


def by_company(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """A project and its company: X投资建设的Y / 由X建设的Y / X投资Y (investedBy, builtBy,
    operatedBy by the verb)."""
    flat = _flat(mentions)
    found: list[Relation] = []
    for left, right in zip(flat, flat[1:]):
        if right.type not in ("Project", "Park") or left.type != "Organization" or is_actor_body(left):
            continue
        gap = _gap(doc, left, right)
        if BRING_THEN_BUILD.fullmatch(gap) and re.search(r"(引进|引入|招引|企业)$", doc.text[max(0, left.start - 6):left.start]):
            # 引进全国500强企业国药控股，建设国药医药中心: the company brought in builds it
            found.append(Relation("builtBy", right, left, left.sentence, "company-verb"))
            continue
        if not is_company(left):
            continue
        if gap.strip("“”\"") in ("", "的"):
            # 宁夏鑫晶盛电子材料有限公司“工业蓝宝石晶体制造加工项目”: the company's own project
            found.append(Relation("operatedBy", right, left, left.sentence, "company-project"))
            continue
        if len(gap) > 12 or not _one_clause(gap) or COMMA.search(gap):
            continue
        for role, predicate in (("invests", "investedBy"), ("operates", "operatedBy"), ("builds", "builtBy")):
            if any(w in gap for w in cues(role)):
                found.append(Relation(predicate, right, left, left.sentence, "company-verb"))
                break
    return found


# Between a project and the company that carries it: 万达项目由某集团投资建设, 该项目，由…承建.
BY_GAP = re.compile(r"[”\"]?[，,]?(该项目|项目|该园区)?(是|主要|均)?由")


def company_after_by(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """Y由X投资建设 / Y由X和Z共同投资 / Y由X承建: a project (or park) and the companies named
    after 由, when the verb that follows them (in the same clause) invests, builds or runs."""
    flat = _flat(mentions)
    found: list[Relation] = []
    for index, left in enumerate(flat[:-1]):
        if left.type not in ("Project", "Park") or not BY_GAP.fullmatch(_gap(doc, left, flat[index + 1])):
            continue
        companies = [flat[index + 1]]
        for nxt in flat[index + 2:]:
            if _gap(doc, companies[-1], nxt) not in ("、", "和", "与", "及"):
                break
            companies.append(nxt)
        clause = COMMA.split(CLAUSE_BREAK.split(doc.text[companies[-1].end:doc.sentences[left.sentence].end])[0])[0]
        for role, predicate in (("invests", "investedBy"), ("operates", "operatedBy"), ("builds", "builtBy")):
            if any(w in clause[:12] for w in cues(role)):
                found.extend(Relation(predicate, left, company, left.sentence, "by-company")
                             for company in companies if is_company(company))
                found.extend(co_investors(companies, clause, left.sentence))
                break
    return found


# 该项目由X投资 / 该园区是…由X开发: a project named in an earlier clause, taken up again.
ANAPHOR_BY = re.compile(r"(该|此|这个|这一)(项目|园区|产业园|基地)[，,]?(是|主要|均|将)?由")
ANAPHOR_REACH = 2  # sentences back where the project taken up may be named


def company_of_anaphor(doc: Doc) -> list[Relation]:
    """该项目由X和Y共同投资5000万元建设: the companies after 由 invest in, build or run the
    project (or park) the text named last before 该项目, in the same sentence or the two
    before it, when the verb after them says so."""
    outer = _flat(doc.mentions)
    found: list[Relation] = []
    for match in ANAPHOR_BY.finditer(doc.text):
        after = [m for m in outer if m.start >= match.end()]
        if not after or after[0].start != match.end():
            continue
        sentence = after[0].sentence
        kinds = ("Project",) if match.group(2) == "项目" else ("Park", "Project")
        before = [m for m in outer if m.end <= match.start() and m.type in kinds
                  and sentence - ANAPHOR_REACH <= m.sentence <= sentence]
        if not before:
            continue
        companies = [after[0]]
        for nxt in after[1:]:
            gap = _gap(doc, companies[-1], nxt)
            if SUBSIDIARY.fullmatch(gap):
                companies[-1] = nxt  # 由中国化学全资子公司华陆工程…投资: the subsidiary invests
            elif gap in ("、", "和", "与", "及"):
                companies.append(nxt)
            else:
                break
        clause = COMMA.split(CLAUSE_BREAK.split(doc.text[companies[-1].end:doc.sentences[sentence].end])[0])[0]
        for role, predicate in (("invests", "investedBy"), ("operates", "operatedBy"), ("builds", "builtBy")):
            if any(w in clause[:16] for w in cues(role)):
                found.extend(Relation(predicate, before[-1], company, sentence, "anaphor-company")
                             for company in companies if is_company(company))
                found.extend(co_investors(companies, clause, sentence))
                break
    return found


JOINTLY = ("共同", "联手", "合资", "联合")


def co_investors(companies: list[Mention], clause: str, sentence: int) -> list[Relation]:
    """由A和B共同投资 / 由A和B联手打造: the companies that carry a project together cooperate."""
    if not any(w in clause[:8] for w in JOINTLY):
        return []
    firms = [c for c in companies if is_company(c)]
    return [Relation("cooperatesWith", a, b, sentence, "co-investors") for a, b in zip(firms, firms[1:])]


def joint_investors(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """由华大集团、西藏自治区高原生物研究所、西藏健泽益超生物科技有限公司等联合意向投资: the
    organisations that invest together cooperate, each with each, whatever the sentence
    names before 由."""
    flat = _flat(mentions)
    found: list[Relation] = []
    for index, first in enumerate(flat):
        if first.type != "Organization" or not doc.text[:first.start].endswith("由"):
            continue
        members = [first]
        for nxt in flat[index + 1:]:
            if _gap(doc, members[-1], nxt) not in ("、", "和", "与", "及"):
                break
            members.append(nxt)
        members = [m for m in members if m.type == "Organization" and not is_actor_body(m)]
        clause = COMMA.split(CLAUSE_BREAK.split(doc.text[members[-1].end:doc.sentences[first.sentence].end])[0])[0] \
            if members else ""
        clause = re.sub(r"^等[一二三四五六七八九十0-9]*[家个]?(单位|企业|公司)?", "", clause)
        if len(members) < 2 or len(members) > JOINT_MAX or not any(w in clause[:6] for w in JOINTLY) \
                or not any(w in clause[:16] for w in cues("invests") + cues("builds")):
            continue
        found.extend(Relation("cooperatesWith", a, b, first.sentence, "joint-investors")
                     for i, a in enumerate(members) for b in members[i + 1:])
    return found


JOINT_MAX = 4  # more partners than this is a list of investors, not a joint venture


SUBSIDIARY = re.compile(r"的?(全资|控股)?子公司")


def subsidiary(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """A是大型药企B的全资子公司 / B全资子公司A: a company that the text calls another's
    subsidiary is its unit (kg:subOrganizationOf)."""
    companies = [m for m in _flat(mentions) if m.type == "Organization" and not SUBSIDIARY.fullmatch(m.label)]
    found: list[Relation] = []
    for left, right in zip(companies, companies[1:]):
        gap = _gap(doc, left, right)
        if SUBSIDIARY.fullmatch(gap) and is_company(left) and is_company(right):
            found.append(Relation("subOrganizationOf", right, left, right.sentence, "subsidiary"))
        elif re.fullmatch(r"是[^，,。；;、]{0,8}", gap) and SUBSIDIARY.match(doc.text[right.end:right.end + 6]) \
                and doc.text[right.end:right.end + 1] == "的" and not is_actor_body(left) and not is_actor_body(right):
            # the sentence itself calls both companies (吉林津升制药 has no 公司 tail)
            found.append(Relation("subOrganizationOf", left, right, left.sentence, "subsidiary"))
    return found


def signed_with(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """X与Y签约/签署/合作, X与A、B、C签订战略合作协议: organisations (or an organisation and
    an area) that sign with each other."""
    flat = _flat(mentions)
    found: list[Relation] = []
    for index, left in enumerate(flat[:-1]):
        if left.type not in AGENT_TYPES or _gap(doc, left, flat[index + 1]) not in ("与", "和", "同", "还与", "也与", "分别与", "正式与"):
            continue
        partners = [flat[index + 1]]
        heads: list[Mention] = []  # 上海 of 上海电力: no partner of its own
        for nxt in flat[index + 2:]:
            gap = _gap(doc, partners[-1], nxt)
            # 上海|电力、: a company read only by the place its name opens with; the list goes on
            cut = partners[-1].type != "Organization" and CUT_ITEM_GAP.fullmatch(gap) and not _cue_in(gap, "signs")
            if gap not in ("、", "和", "及") and not cut:
                break
            if cut:
                heads.append(partners[-1])
            partners.append(nxt)
        partners = [m for m in partners if m not in heads]
        chain_end = partners[-1].end
        # 湖南省人民政府与中石化集团、岳阳市人民政府与巴陵石化共同签订: pairs side by side; the
        # last item opens the next pair, and the verb stands after the whole chain.
        position = flat.index(partners[-1])
        while len(partners) > 1 and position + 1 < len(flat) and _gap(doc, flat[position], flat[position + 1]) == "与":
            chain_end = flat[position + 1].end
            if flat[position] is partners[-1]:
                partners.pop()
            position += 1
            while position + 1 < len(flat) and _gap(doc, flat[position], flat[position + 1]) in ("、", "和"):
                position += 1
                chain_end = flat[position].end
        rest = doc.text[chain_end:doc.sentences[left.sentence].end]
        clause = CLAUSE_BREAK.split(COMMA.split(rest)[0])[0]
        # the verb opens the clause; what is signed (a long agreement's title) may follow it
        if not any(w in clause[:SIGN_REACH] for w in cues("signs")):
            continue
        for right in partners:
            if is_actor_body(right) and not is_qualified(right):
                continue  # 市体育局: whose body, the text does not say (GUIDELINES "Bodies")
            if right.type in AGENT_TYPES and "Organization" in (left.type, right.type):
                found.append(Relation("cooperatesWith", left, right, left.sentence, "signs"))
        found.extend(signed_project(doc, flat, [left] + partners, chain_end + len(clause)))
    return found


SIGN_REACH = 20  # characters after the partners where the signing verb stands
SIGNED_PROJECT = re.compile(r"^(三方|双方|共同|陆续|正式|成功|先后)*(签订|签约|签署)(了)?$")


def signed_project(doc: Doc, flat: list[Mention], signers: list[Mention], clause_end: int) -> list[Relation]:
    """宜宾与宁德时代陆续签订四川时代动力电池一至六期项目: a project written right after the
    signing verb is the signing companies' project."""
    last = signers[-1]
    after = [m for m in flat if last.end < m.start and m.end <= clause_end]
    if not after or after[0].type != "Project" or not SIGNED_PROJECT.match(doc.text[last.end:after[0].start]):
        return []
    return [Relation("investedBy", after[0], signer, last.sentence, "signed-project")
            for signer in signers if is_company(signer)]


def named_after(doc: Doc) -> list[Relation]:
    """An organisation whose name builds on another's is its unit (北京协和医院贵州医院,
    花溪区人大常委会办公室, 吉利发动机: kg:subOrganizationOf); a body named after a park or
    new area is its management (贵安新区管委会: kg:bodyOf). The longest name inside wins;
    unqualified names (区委) carry no place."""
    orgs = {m.label: m for m in doc.mentions if m.type == "Organization" and len(m.label) >= 2}
    places: dict[str, Mention] = {}
    for mention in doc.mentions:
        if mention.type == "AdministrativeArea" and mention.rule not in INNER_RULES:
            places.setdefault(mention.label, mention)
        elif mention.type == "Park":
            places.setdefault(mention.label, mention)
    found: list[Relation] = []
    for label, org in orgs.items():
        if label[:1] in LEVEL_WORDS:
            continue  # 市人大常委会: whose body it is, the name does not say
        parents = [o for name, o in orgs.items() if name != label and label.startswith(name) and len(label) > len(name) + 1
                   and not (speaks_for_area(o) and not speaks_for_area(org) and not is_body(org.label))]
        if parents:
            parent = max(parents, key=lambda o: len(o.label))
            found.append(Relation("subOrganizationOf", org, parent, org.sentence, "name"))
            continue
        if not is_actor_body(org) or speaks_for_area(org):
            continue  # 花溪区人民政府 speaks as 花溪区 (the guidelines' reading), not a body of it
        # 贵安新区管委会, 拉萨经济技术开发区党工委: a park's (or new area's) own management. A
        # body named after an area (顺义区商务局) is no relation the text states (GUIDELINES
        # "Names inside names"; the gold relates 3 of 59 such bodies, all parks').
        homes = [p for name, p in places.items() if label.startswith(name) and len(label) > len(name)
                 and (p.type == "Park" or p.label.endswith("新区"))]
        if homes:
            home = max(homes, key=lambda p: len(p.label))
            found.append(Relation("bodyOf", org, home, org.sentence, "name"))
    return found


SENTENCE_RULES = (counted_parts, projects_of_programme, in_park, park_subject, by_company, company_after_by,
                  signed_with, settled_list, subsidiary, park_parts, park_frame, joint_investors)


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
    """In the news of a policy's publication, the programmes and projects the text goes on
    to name are parts of that policy (实施高端芯片、北斗星动能、氢进万家等科技示范工程)."""
    policy = published_policy(doc)
    if policy is None:
        return []
    return [Relation("componentOf", m, policy, m.sentence, "policy-contents") for m in doc.mentions
            if m.start > policy.end and m.type in ("Program", "Project") and m.label != policy.label
            and m.rule not in INNER_RULES]


def roles(doc: Doc) -> Doc:
    """The pipeline stage: add who-does-what relations to those `relate` found."""
    by_sentence: dict[int, list[Mention]] = {}
    for mention in doc.mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    found: list[Relation] = []
    for sentence_mentions in by_sentence.values():
        for rule in SENTENCE_RULES:
            found.extend(rule(doc, sentence_mentions))
    found.extend(own_work(doc))
    doc.relations = unique_relations(list(doc.relations) + found)
    doc.relations = unique_relations(doc.relations + park_document(doc) + named_after(doc) + notice_issuers(doc)
                                     + company_of_anaphor(doc) + based_on(doc) + policy_contents(doc))
    doc.relations = unique_relations(doc.relations + park_paragraph(doc) + firm_projects(doc))
    doc.relations = unique_relations(doc.relations + issued_inside(doc, doc.relations))
    return doc
