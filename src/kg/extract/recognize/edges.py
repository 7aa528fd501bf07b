"""Edges: one left-edge and one right-edge decision per candidate name, from the words
around and inside it, after the recognisers proposed it and before the best spans are
chosen (so that a place cut off a name is still there to be chosen as a name of its own).

Left edge (parks, projects, organisations):
- `L:的`: an area and 的 before the name are its address (宁安市的|果蔬保鲜冷链加工);
- `L:<word>`: a rank or description before the name (国家级|长兴经济技术开发区,
  龙头企业|湖南创普…公司, 全资子公司|华陆工程科技有限责任公司), words of kind `left` in
  `data/name_edges.tsv`;
- `split:park`: a park's name before another name is where the thing is
  (乌兰工业园|青海尚品驼奶加工, 长兴经济技术开发区|煤山绿色制造产业园): two candidates;
- `drop:describes`: what is left after the area's name is only a description of a kind
  (松江区|重大工程项目, 长兴县|50亿元重大工业项目): no name.
Right edge: a bracket that belongs to the name (a phase, a plan's period, a section of a
road: 津石高速(新区段)) is kept by `extend_trailing_bracket` (`TRAILING_BRACKET`).

The decisions are kept in `Mention.edges`.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from kg.doc import Doc, Mention, Token
from kg.extract import lexicon
from kg.extract.recognize.gazetteer import pick_division
from kg.extract.recognize.base import area_prefix_length, is_generic, is_proper, is_specific, tokens_between, type_of_name

EDGED_TYPES = ("Park", "Project", "Organization")
EDGED_RULES = ("suffix", "list")
MIN_HEAD = 2  # characters of a name's own words before its type suffix
# Heads that end a park's name and may stand before what is in the park.
PARK_HEADS = ("开发区", "经开区", "高新区", "工业园", "工业园区", "产业园", "产业园区", "集聚区", "示范区", "合作区",
              "综保区", "保税区", "物流园", "科技园", "园区", "科技城", "科学城", "科创城", "大学城")
PARK_HEADS_LONGEST_FIRST = tuple(sorted(PARK_HEADS, key=len, reverse=True))
# Any park head: most candidates hold none, and then no park's name ends inside them.
PARK_HEAD = lexicon.any_of(PARK_HEADS_LONGEST_FIRST)
PROJECT_HEAD = "项目"
# Kinds of park a text uses alone for the one park it is about (开发区|鹏辉…生产线); a
# 示范区 or 合作区 so written is often the short name itself (示范区城际线).
BARE_PARKS = ("工业园区", "产业园区", "开发区", "经开区", "高新区", "园区")
COUNTED_QUANTITY = re.compile(r"^第?[0-9.一二三四五六七八九十百千万亿两几]+[个项家座条批宗亿万元级余多]")
QUANTITY = re.compile(r"^(?:第?[0-9.一二三四五六七八九十百千万亿两几]+[个项家座条批宗亿万元级余多]*)+")


def still_a_name(text: str, type_: str) -> bool:
    """Is `text` (what is left of a candidate) a name of the same core type?"""
    typed = type_of_name(text)
    return typed is not None and typed.type == type_ and len(text) - len(typed.suffix) >= MIN_HEAD


def left_decision(text: str, type_: str, listed: bool) -> tuple[int, str]:
    """Where the name starts inside the candidate `text`, and why (0, "" for no change).
    A list item (`listed`) is typed by the list's head, not by its own ending."""
    best = (0, "")

    def rest_ok(rest: str) -> bool:
        return len(rest) >= MIN_HEAD + 1 if listed else still_a_name(rest, type_)

    for match in OF.finditer(text):
        before = text[:match.start()]
        # an area or a park and 的 (宁安市的, 奉化的, 良渚新城的) is where the thing is
        place = before and (before[-1] in "省市区县州镇乡村园城" or before in lexicon.division_by_name())
        if place and rest_ok(text[match.end():]):
            best = max(best, (match.end(), "L:的"))
    if _left_words().search(text) is None:
        return best  # (most candidates hold none of the words: one scan in C, not one per word)
    for word in lexicon.edge_words("left"):
        index = text.rfind(word)
        if index >= 0 and rest_ok(text[index + len(word):]):
            best = max(best, (index + len(word), "L:" + word))
    return best


OF = re.compile("的")


@lru_cache(maxsize=1)
def _left_words() -> re.Pattern[str]:
    """Any word of kind `left` (data/name_edges.tsv), to tell in one search whether a
    candidate holds one at all."""
    return lexicon.any_of(lexicon.edge_words("left"))


def describes_only(text: str, suffix: str) -> bool:
    """Only words of a kind and quantities before the head: 重大工程项目 (in 松江区重大工程项目),
    50亿元重大工业项目, 第四批重大项目, 1000亿级产业园区."""
    return description_words(text, suffix) is not None


def description_words(text: str, suffix: str) -> tuple[int, int] | None:
    """How many quantities and words of a kind stand before the head, when nothing else
    does (None otherwise)."""
    rest = text[:len(text) - len(suffix)]
    words = lexicon.edge_words("describes")
    quantities = kinds = 0
    while rest:
        # before counts: 一季度 (one test in C first: most names open with no such word)
        word = next((w for w in words if rest.startswith(w)), None) if rest.startswith(words) else None
        quantity = QUANTITY.match(rest)
        if word is None and quantity and quantity.group():
            rest = rest[quantity.end():]
            quantities += 1
            continue
        if word is None:
            return None
        rest = rest[len(word):]
        kinds += 1
    return quantities, kinds


def park_then_description(text: str, tokens: list[Token], start: int) -> int:
    """Where a park's name ends when only a description of a kind follows it
    (万州经开区|重点产业项目): the park is the name; 0 if that is not so."""
    if PARK_HEAD.search(text) is None:
        return 0
    # (the word ends inside the name: the sentence's other words cannot end the park)
    ends = {t.start + len(t.text) - start for t in tokens if 0 < t.start + len(t.text) - start < len(text)}
    for end in sorted(ends):
        if not text.endswith(PARK_HEADS, 0, end):
            continue  # (the cheapest test first: no park ends here)
        park, rest = type_of_name(text[:end]), text[end:]
        typed = type_of_name(rest)
        if park is not None and park.type == "Park" \
                and len(text[:end]) - len(park.suffix) >= MIN_HEAD and typed is not None \
                and len(rest) > len(typed.suffix) and describes_only(rest, typed.suffix):
            return end
    return 0


def park_split(text: str, tokens: list[Token], start: int, listed: bool = False) -> int:
    """Where a park's name ends inside the candidate, when another name with a proper name
    of its own follows it (乌兰工业园|青海尚品驼奶加工); 0 if none (贵阳综保区综合物流基地 is
    one name: 综合物流基地 says nothing alone)."""
    if PARK_HEAD.search(text) is None:
        return 0
    ends = {t.start + len(t.text) - start for t in tokens}
    for head in PARK_HEADS_LONGEST_FIRST:
        index = text.find(head)
        while index >= 0:
            end = index + len(head)
            rest = text[end:]
            park = type_of_name(text[:end])
            if listed and end in ends and park is not None and park.type == "Park" \
                    and len(text[:end]) - len(park.suffix) >= MIN_HEAD and len(rest) >= MIN_HEAD + 1 \
                    and type_of_name(rest) is None and not rest.startswith(("(", "管委会")) \
                    and is_specific(tokens_between(tokens, start + end, start + len(text))):
                return end  # a list item typed by the list's head: 乌兰工业园|青海尚品驼奶加工、…等3个项目
            if end in ends and park is not None and park.type == "Park" and len(text[:end]) - len(park.suffix) >= MIN_HEAD \
                    and len(rest) >= 3 and type_of_name(rest) is not None and not rest.startswith(("(", "管委会")) \
                    and (is_specific(tokens_between(tokens, start + end, start + len(text))) or park_in_park(rest)) \
                    and not is_generic(rest, type_of_name(rest).suffix):
                return end
            index = text.find(head, index + 1)
    return 0


def park_in_park(rest: str) -> bool:
    """A park named after a park is a smaller park inside it, however plain its own words
    (哈密高新区|北部新兴产业园, 长兴经济技术开发区|煤山绿色制造产业园): the inner park is
    a name when its words say more than a kind (not 重点产业园, 千亿级产业园)."""
    typed = type_of_name(rest)
    return typed is not None and typed.type == "Park" and rest.endswith(PARK_HEADS) \
        and len(rest) - len(typed.suffix) >= MIN_HEAD and not describes_only(rest, typed.suffix)


PHASE_TAIL = re.compile(r"[一二三四五六七八九十]期(?:项目|工程)?")
SECTION_TAIL = re.compile(r"(?:[\u4e00-\u9fff]{2,8}至)?([\u4e00-\u9fff]{2,5})段|[东南西北]延伸段?")


# Works on a facility written after its name make one undertaking, a project of its own
# (G15公路嘉金段改建, 兰南高速加宽改造, 6ZR发动机技改升级), when the clause ends there.
WORKS_TAIL = re.compile(r"(?:改扩建|扩建|改建|加宽改造|升级改造|技改升级|改造升级|升级)(?=[、，。；,;等和及]|$)")


# A government's or a party committee's office named by its short form, right after the
# body: 山东省政府|新闻办, 上海市政府|合作交流办, 兰考县委|网信办.
OFFICE_TAIL = re.compile(r"[\u4e00-\u9fff]{2,4}?办")
GOVERNING_HEADS = ("政府", "委")


def office_decision(doc: Doc, mention: Mention, tokens: Sequence[Token]) -> tuple[int, str]:
    """How far a government's or committee's name runs on into the office of it named
    right after it (…政府新闻办), when the office's words end on a word's end and hold no
    verb before 办; (0, "") for no change."""
    if mention.type != "Organization" or not mention.label.endswith(GOVERNING_HEADS) or unqualified_body(mention.label):
        return 0, ""
    match = OFFICE_TAIL.match(doc.text, mention.end)
    if match is None or not any(t.start + len(t.text) == match.end() for t in tokens):
        return 0, ""
    inside = [t for t in tokens_between(tokens, mention.end, match.end()) if t.start + len(t.text) < match.end()]
    if any(t.pos.startswith(("v", "d", "p", "c", "u")) and t.pos != "vn" for t in inside):
        return 0, ""  # 市政府批准办…: a verb, not an office
    return match.end(), "R:office"


def right_decision(doc: Doc, mention: Mention, tokens: Sequence[Token] = ()) -> tuple[int, str]:
    """How far a project's name runs on past its head, and why: a phase (敖东工业园二期,
    宁波地铁5号线一期工程), a section named by its places (沪苏湖铁路松江段, 延蒲高速公路
    延吉至龙井段, 轨道交通12号线西延伸), and the works done on it (G15公路嘉金段改建);
    a body's office (see `office_decision`). (0, "") for no change."""
    if mention.type == "Organization" and PHASE_TAIL.match(doc.text, mention.end) and mention.rule == "suffix":
        return PHASE_TAIL.match(doc.text, mention.end).end(), "R:phase"  # 埃克森美孚研发中心|一期: the building of it
    if mention.type == "Organization":
        return office_decision(doc, mention, tokens)
    if mention.type not in ("Project", "Park"):
        return 0, ""
    phase = PHASE_TAIL.match(doc.text, mention.end)
    if phase:
        return phase.end(), "R:phase"
    end, why = mention.end, ""
    section = SECTION_TAIL.match(doc.text, mention.end)
    if section and mention.type == "Project":
        place = section.group(1)
        named = place is None or "至" in section.group() or pick_division(place, doc.areas) is not None \
            or place in lexicon.division_by_name() or place[-1] in "省市区县镇乡" \
            or WORKS_TAIL.match(doc.text, section.end()) is not None  # G15公路嘉金段|改建: works done on a section
        if named:
            end, why = section.end(), "R:section"
    works = WORKS_TAIL.match(doc.text, end) if mention.type == "Project" else None
    if works:
        return works.end(), (why + " R:works").strip()
    return (end, why) if why else (0, "")


COMPANY_NAME_ENDS = ("有限公司", "有限责任公司", "股份有限公司")


def with_its_company(mentions: list[Mention], doc: Doc, tokens: list[Token]) -> list[Mention]:
    """A project written right after the full name of the company that carries it out is
    named with it (许昌正德医疗用品有限公司|手术感控生产线扩产项目): the company's name is
    the project's first words, and stays a name of its own inside it."""
    companies = {m.end: m for m in mentions if m.type == "Organization" and m.label.endswith(COMPANY_NAME_ENDS)
                 and m.label == m.text}
    if not companies:
        return mentions  # (most sentences name no company)
    joined = []
    for mention in mentions:
        company = companies.get(mention.start)
        if company is not None and mention.type == "Project" and mention.rule in EDGED_RULES and mention.label == mention.text:
            text = doc.text[company.start:mention.end]
            mention = replace(mention, start=company.start, text=text, label=text,
                              edges=(mention.edges + " L:company").strip())
        joined.append(mention)
    starts = {m.start for m in joined if m.type == "Project"}
    for company in companies.values():
        project = project_after_company(doc, company, tokens)
        if project is not None and company.start not in starts:
            joined.append(project)
    return joined


# What a firm builds, written right after its full name up to the first 项目 of the clause:
# 德邦物流股份有限公司|大宗物流产业园建设项目; no 的, verb of investing or coordinator in it.
PROJECT_AFTER_COMPANY = re.compile(r"[\u4e00-\u9fff0-9A-Za-z./]{2,30}?项目")
NOT_IN_PROJECT_TAIL = ("的", "介绍", "启动", "董事长", "总经理", "负责", "同志", "表示", "对", "等", "投资", "建设的", "与", "和", "在", "将", "计划", "开工", "签约", "落户", "总投资", "是", "为")


def project_after_company(doc: Doc, company: Mention, tokens: list[Token]) -> Mention | None:
    """The project named by a firm's full name and what it builds (德邦物流股份有限公司
    大宗物流产业园建设项目), when the text after the firm's name runs on to 项目 within the
    clause; not when the firm does something to a project (…公司正式签订|宜宾…项目)."""
    match = PROJECT_AFTER_COMPANY.match(doc.text, company.end)
    if match is None:
        return None
    tail = match.group()
    if any(word in tail for word in NOT_IN_PROJECT_TAIL) or is_generic(tail, PROJECT_HEAD) or describes_only(tail, PROJECT_HEAD):
        return None
    inside = tokens_between(tokens, company.end, match.end())
    boundary = lexicon.boundary_words()
    if not inside or inside[0].pos.startswith(("v", "d", "ad", "p", "c")) or any(len(t.text) > 1 and t.text in boundary for t in inside):
        return None
    text = doc.text[company.start:match.end()]
    # a rule of its own: the area before the firm's name is the firm's, no address to cut off
    return replace(company, end=match.end(), text=text, label=text, type="Project", sub="", rule="company-project",
                   edges=(company.edges + " R:company-project").strip())


CENTRE = "中心"
ZONE_HEADS = ("示范区", "试验区", "先行区")
PLACE_POS = ("ns", "nr", "nt")  # (共同富裕/nz is the goal's word, no place)


def zones_of_a_policy(mentions: list[Mention], tokens: list[Token]) -> list[Mention]:
    """A zone named for a policy's goal and no place (共同富裕示范区, 科创金融改革试验区) is the
    programme of trying the policy there, not a park (贵阳大数据安全产业示范区 is one)."""
    goals = lexicon.edge_words("goal")
    return [replace(m, type="Program", sub="") if m.type == "Park" and m.label.endswith(ZONE_HEADS)
            and any(goal in m.label for goal in goals)
            and not any(t.pos.startswith(PLACE_POS) and is_proper(t) for t in tokens_between(tokens, m.start, m.end))
            else m for m in mentions]


def centres_listed_as_projects(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A centre listed among projects (…、永康五金东北直销中心等一批项目) or named with the
    words of building it is a facility being built, a project, not the institution that
    will run it."""
    listed = {(m.start, m.end) for m in mentions if m.rule == "list" and m.type == "Project"}
    return [replace(m, type="Project", sub="") if m.type == "Organization" and m.rule == "suffix"
            and m.label.endswith(CENTRE) and ((m.start, m.end) in listed or being_built(doc, m)) else m for m in mentions]


# Words of building right after a centre's name, or right before it: the centre is a
# facility under construction (…香糖料中心|建设, 建设|国药医药中心, …创新中心|项目).
BUILT_AFTER = re.compile(r"(?:启动)?(?:建设|开工|竣工|投用|建成|封顶|项目)")
BUILT_BEFORE = re.compile(r"(?:建设|建成|开工|推进)$")


def being_built(doc: Doc, mention: Mention) -> bool:
    return bool(BUILT_AFTER.match(doc.text, mention.end)
                or BUILT_BEFORE.search(doc.text, max(0, mention.start - 2), mention.start))


def decide_edges(doc: Doc, mentions: list[Mention], tokens: list[Token]) -> list[Mention]:
    """The candidates of one sentence with their edges decided (some split, some dropped)."""
    if not mentions:
        return []  # (half the sentences propose nothing)
    mentions = with_its_company(mentions, doc, tokens)
    found: list[Mention] = []
    for mention in mentions:
        end, why = right_decision(doc, mention, tokens)
        if end and mention.label == mention.text:
            # a park's phase is built as a project (敖东工业园二期)
            type_, sub = ("Project", "") if mention.type == "Park" or "R:phase" in why else (mention.type, mention.sub)
            mention = replace(mention, end=end, text=doc.text[mention.start:end], label=doc.text[mention.start:end],
                              type=type_, sub=sub, edges=(mention.edges + " " + why).strip())
        if mention.type not in EDGED_TYPES or mention.rule not in EDGED_RULES or mention.label != mention.text \
                or "R:company-project" in mention.edges:  # the firm's name is its left edge already
            found.append(mention)
            continue
        found.extend(edge_one(doc, mention, tokens))
    return zones_of_a_policy(centres_listed_as_projects(doc, found), tokens)


def edge_one(doc: Doc, mention: Mention, tokens: list[Token]) -> list[Mention]:
    text = doc.text[mention.start:mention.end]
    cut, why = left_decision(text, mention.type, mention.rule == "list")
    if cut:
        mention = moved(doc, mention, mention.start + cut, why)
        text = mention.text
        if not is_specific(tokens_between(tokens, mention.start, mention.end)):
            return []  # 省级|避暑旅游度假区: a rank before a kind
    bare = next((h for h in BARE_PARKS if text.startswith(h)), "") if text.startswith(BARE_PARKS) else ""
    if bare and len(text) > len(bare) and any(t.start == mention.start + len(bare) for t in tokens) \
            and (len(text) - len(bare) >= MIN_HEAD + 1 if mention.rule == "list" else still_a_name(text[len(bare):], mention.type)):
        # the park the text speaks of, by its kind alone (开发区|鹏辉新能源储能PACK生产线): no part of the name
        return edge_one(doc, moved(doc, mention, mention.start + len(bare), "L:bare-park"), tokens)
    split = park_split(text, tokens, mention.start, mention.rule == "list")
    if split:
        park_type = type_of_name(text[:split])
        park = replace(moved(doc, mention, mention.start, "", mention.start + split),
                       type=park_type.type, sub=park_type.sub, edges=(mention.edges + " split:park").strip())
        rest = moved(doc, mention, mention.start + split, "L:park")
        return [park] + edge_one(doc, rest, tokens)
    described = park_then_description(text, tokens, mention.start) if mention.type in ("Park", "Project") else 0
    if described:
        park_type = type_of_name(text[:described])
        return [replace(moved(doc, mention, mention.start, "R:description", mention.start + described),
                        type=park_type.type, sub=park_type.sub)]
    if mention.type in ("Park", "Project") and names_nothing(text, after_park="L:park" in mention.edges):
        return []
    return [mention]


def names_nothing(text: str, after_park: bool) -> bool:
    """A description of a kind, alone or after an area's name or a park's name:
    500亿级产业集群, 第三产业项目, 松江区重大工程项目, (乌兰工业园)重点产业项目."""
    typed = type_of_name(text)
    if typed is None:
        return False
    prefix = area_prefix_length(text)
    rest = text[prefix:]
    if prefix and rest == typed.suffix == PROJECT_HEAD:
        return True  # 巴林左旗|项目, 泗洪县|项目: an area's projects, none of them named
    counts = description_words(rest, typed.suffix) if len(rest) > len(typed.suffix) else None
    if counts is None:
        return False
    quantities, kinds = counts
    if prefix or after_park:
        return True
    # alone, a description counts with a unit or stacks words of a kind: 100亿级产业园区,
    # 19宗项目, 新兴产业项目, 第三产业项目 (民生路, 工业设计城, 219线, 3号线 are names)
    return (kinds >= 1 and quantities + kinds >= 2) or bool(COUNTED_QUANTITY.match(rest))


def moved(doc: Doc, mention: Mention, start: int, why: str, end: int | None = None) -> Mention:
    end = mention.end if end is None else end
    text = doc.text[start:end]
    return replace(mention, start=start, end=end, text=text, label=text,
                   edges=(mention.edges + " " + why).strip() if why else mention.edges)


LEVEL_ONLY = re.compile(r"^(?:中共)?[省市区县州乡镇]{0,2}")


def unqualified_body(label: str) -> bool:
    """A body named by a level word alone (市委, 省政府, 县人民政府, 人大, 管委会), or a
    department of a level named so (市发改委, 区科技局, 省自然资源厅): the guidelines leave it
    out, since it names no one body without its place."""
    level = LEVEL_ONLY.match(label)
    rest = label[level.end():]
    if level.group() and SESSION.match(rest):
        rest = rest[SESSION.match(rest).end():]  # 市十六届人民政府: a government's term, still no place
    if rest in lexicon.edge_words("bare-body"):
        return True
    return bool(level.group().strip("中共")) and rest.endswith(lexicon.edge_words("bare-department")) \
        and not LEVEL_WORD.search(rest)


def in_unqualified_body(label: str) -> bool:
    """A unit of a body named by a level word alone (区人民医院|心脏中心, 市委|宣传部): no one
    unit either, as its body is none without its place."""
    if not LEVEL_ONLY.match(label).group():
        return False  # (one test first: most names open with a place's name, not a level word)
    heads = lexicon.edge_words("bare-body") + lexicon.edge_words("bare-department")
    return any(label.endswith(head, 0, end) and unqualified_body(label[:end])
               for end in range(2, len(label) - 1) for head in heads)


SESSION = re.compile(r"第?[一二三四五六七八九十]+届")
LEVEL_WORD = re.compile(r"[省市区县州旗]")  # (市南区教育局: a place's name, not a level word alone)
