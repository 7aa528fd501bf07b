"""Relations between mentions.

Each rule is a function `(doc, mentions) -> list[Relation]`: those in `RELATION_RULES`
read one sentence's mentions, those in `DOCUMENT_RULES` all of a document's; cue words
come from `data/relation_cues.tsv`.

- kg:locatedIn: 花溪区石板镇 (an area right before a smaller thing; a park before a park: 长兴经开区煤山…产业园), 位于X的Y, Y位于X,
  Y所在的X, A、B等项目在X落地
  (firms too: 某研究院落地余杭; in a park: kg:partOf), the address
  inside a name (花溪区燕楼镇数字农业产业园), a name that opens with an area or an address of
  areas (清镇职教城; not 中国联通哈尔滨…中心: a name opening with no address says no place),
  an area that builds something (支持乌当区打造…), the projects a clause's subject area or
  park names (肇东市引进…建设X项目; 其中/；/其辖区内/由…组成 lists go on with it, as do a clause
  that starts its works (，共集中开工A、B等项目), a list after a few words on it (X发展迅猛，A、B等…) and
  a next sentence opening on 在这里/区内), the works a clause after 在<place>， starts
  (在两河片区，A、B同时动工), a project said to
  be an area's (X项目是长寿区重点引进的项目之一), a groundbreaking held somewhere (X项目开工活动在
  鄢陵县举行), what is built at a place (在望城经开区新建X), bracket notation (兴义市(义龙新区)),
  an area listed with siblings one area holds, the areas listed after 下辖/辖 (in the whole
  the clause or the paragraph opens with), the towns (and places the tagger finds that the table does not know) of a district's document, and
  parents from the national division table (for areas the text names as places, the area a
  report's title names among them; not bracket notation inside a name, nor a town read
  straight into its province, nor a short place name that heads a firm's name: 湖南|鑫汇能印业).
  A headline that normalisation joined to the first paragraph gives that paragraph no
  subject; a thing the subject serves as a site of (X作为“Y”的核心承载区) is not in it; a park
  written only inside the one name holds nothing by that name. `kg.extract.resolve.keep_nearest_containers`
  later keeps a thing's nearest container only. Two names the text gives for one thing
  (X，即Y) never hold each other.
- kg:partOf: a project or firm in a park (位于…产业园的贵州品品鲜…公司, 贵阳综保区综合物流基地).
- kg:operatedBy: a project named after its company (宁德时代第二条生产线; across documents
  by `link_operators` after resolution: 泰邦生物血液制品生产基地 / 泰邦公司).
- kg:implements: a body or area that 实施/落实/推进 a programme or policy.
- kg:issuedBy: a body that 制定/印发/出台 a policy.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from itertools import chain

from kg.doc import Doc, Mention, Relation
from kg.extract.lexicon import (Division, common_words_tagged_proper, division_by_code, divisions_by_full_name,
                               divisions_by_short_name, relation_cues, suffixes)
from kg.extract.recognize import type_of_name

LEVEL_RANK = {"Province": 1, "City": 2, "District": 3, "Township": 4, "Village": 5}
RelationRule = Callable[[Doc, list[Mention]], list[Relation]]
RELATION_RULES: dict[str, RelationRule] = {}  # read one sentence's mentions
DOCUMENT_RULES: dict[str, RelationRule] = {}  # read all mentions of a document
LOCATABLE = ("AdministrativeArea", "Park", "Project")
INNER_RULES = ("prefix", "inner-area", "bracket-area")  # areas read inside another name


def relation_rule(name: str, scope: str = "sentence") -> Callable[[RelationRule], RelationRule]:
    def register(func: RelationRule) -> RelationRule:
        (DOCUMENT_RULES if scope == "document" else RELATION_RULES)[name] = func
        return func

    return register


# The sentence last flattened, its size and its flat names: each sentence rule asks for the
# same sentence's (`relate` hands them one list), about ten times in a row.
_FLAT: list = [None, 0, []]


def flat_mentions(mentions: list[Mention]) -> list[Mention]:
    """The sentence's names in reading order: neither areas read inside names nor a name
    that opens a longer one (the firm 义龙新区振华新材料有限公司 opening its project's name).
    The list is shared by the rules reading the same sentence: not to be changed."""
    if _FLAT[0] is mentions and _FLAT[1] == len(mentions):
        return _FLAT[2]
    flat = _flat_mentions(mentions)
    _FLAT[:] = [mentions, len(mentions), flat]
    return flat


def _flat_mentions(mentions: list[Mention]) -> list[Mention]:
    outer = [m for m in mentions if m.rule not in INNER_RULES]
    # m opens a longer one iff the longest name starting where m starts ends after m
    longest: dict[int, int] = {}
    for m in outer:
        if m.end > longest.get(m.start, -1):
            longest[m.start] = m.end
    return [m for m in outer if longest[m.start] <= m.end]


def neighbours(mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Mentions that follow each other in a sentence (areas read inside names left out)."""
    flat = flat_mentions(mentions)
    return list(zip(flat, flat[1:]))


def _rank(mention: Mention) -> int:
    if mention.type != "AdministrativeArea":
        return 9
    return LEVEL_RANK.get(mention.sub, 3)


def _between(doc: Doc, left: Mention, right: Mention) -> str:
    return doc.text[left.end:right.start]


def _contains_area(outer: Mention, inner: Mention) -> bool:
    return outer.type == "AdministrativeArea" and _rank(outer) < _rank(inner)


def placed_in(thing: Mention, place: Mention, sentence: int, rule: str) -> Relation:
    """`thing` lies in `place`: kg:partOf for a park, kg:locatedIn for an area (kg:locatedIn
    points at administrative areas only)."""
    return Relation("partOf" if place.type == "Park" else "locatedIn", thing, place, sentence, rule)


@relation_rule("area_prefix")
def area_prefix(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """花溪区燕楼镇数字农业产业园: park in 燕楼镇, 燕楼镇 in 花溪区."""
    found: list[Relation] = []
    for outer in mentions:
        parts = [m for m in mentions if m.rule == "prefix" and outer.start <= m.start and m.end < outer.end]
        if not parts:
            continue
        chain = sorted(parts, key=lambda m: m.start) + [outer]
        for parent, child in zip(chain, chain[1:]):
            if parent.sub == "Province" and child.type != "AdministrativeArea":
                continue  # 广东省四大石化产业基地, 吉林省…贸易园区项目: a province opening a name is part of it
            if child.type == "Organization" and not _located_by_name(child):
                continue  # 定海区兴业集团: a firm or body is registered or governs there (as the name rule reads it)
            found.append(Relation("locatedIn", child, parent, outer.sentence, "area-prefix"))
    return found


ADDRESS_SPACES = ("", " ", "\u3000")  # between the parts of an address


@relation_rule("located_in")
def located_in(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    found: list[Relation] = []
    for left, right in neighbours(mentions):
        gap = _between(doc, left, right)
        if not _contains_area(left, right) and not (left.type == "AdministrativeArea" and right.type != "AdministrativeArea"):
            continue
        # 花溪区石板镇 (adjacent), 花溪区的表面处理产业基地, 位于花溪区燕楼镇的…, a headline's
        # 醴陵市 陶瓷科技产业园二期建设提速 (a space sets the address apart); not a quoted title
        # the area goes by (漯河市“中国食品名城”的招牌), as a quoted brand is no address in a name
        division = division_by_code().get(left.ref) if left.ref else None
        if gap == "" and division is not None and left.label != division.name and _proper_name_follows(doc, left.end):
            continue  # 江苏|新百超…项目: a short place name heading a firm's name is no address
        # (a firm listed as a project, 绥芬河市的大自然地板、林口县的…等项目, is placed as one)
        placeable = right.type in LOCATABLE or (gap == "的" and _listed_as_project(doc, right))
        if gap in ADDRESS_SPACES + ("的",) and placeable and not right.rule.startswith("quoted"):
            found.append(Relation("locatedIn", right, left, left.sentence, "adjacent"))
    return found


@relation_rule("park_address")
def park_address(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """长兴经济技术开发区煤山绿色制造产业园, 乌鲁木齐经开区(头屯河区)两河片区: a park written
    right before another park or a project (or set apart by a space, as headlines write it) is
    an address, as an area is (花溪区石板镇): the
    second lies in it; an area in brackets between names the first one's area, which holds
    the second too."""
    found: list[Relation] = []
    flat = flat_mentions(mentions)
    for index, park in enumerate(flat[:-1]):
        if park.type != "Park":
            continue
        inner, bracketed = flat[index + 1], None
        if inner.type == "AdministrativeArea" and index + 2 < len(flat) and _between(doc, park, inner) in OPEN_BRACKETS \
                and _between(doc, inner, flat[index + 2]) in CLOSE_BRACKETS:
            inner, bracketed = flat[index + 2], inner  # 经开区(头屯河区)两河片区
        elif _between(doc, park, inner) not in ADDRESS_SPACES:
            continue
        if inner.type not in ("Park", "Project"):
            continue
        found.append(Relation("partOf", inner, park, inner.sentence, "park-address"))
        if bracketed is not None:
            found.append(Relation("locatedIn", inner, bracketed, inner.sentence, "park-address"))
    return found


@relation_rule("located_in_phrase")
def located_in_phrase(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """位于A的B, 位于AB: B is in A (an area: kg:locatedIn; a park: kg:partOf)."""
    found: list[Relation] = []
    for place, thing in neighbours(mentions):
        if place.type not in ("AdministrativeArea", "Park") or thing.type not in LOCATABLE + ("Organization",):
            continue
        before = doc.text[max(0, place.start - 3):place.start]
        if not before.endswith(relation_cues("located")) or _between(doc, place, thing) not in ("", "的"):
            continue
        if place.type == "AdministrativeArea" and thing.type != "Organization":
            found.append(Relation("locatedIn", thing, place, place.sentence, "located-phrase"))
        elif place.type == "Park":
            found.append(Relation("partOf", thing, place, place.sentence, "located-phrase"))
    return found


def _innermost(doc: Doc, flat: list[Mention], first: int) -> Mention:
    """The last place of the address chain that starts at flat[first] (花溪区|燕楼镇: names
    of containers written back to back), or flat[first] itself when no place follows it."""
    chain = [flat[first]]
    for nxt in flat[first + 1:]:
        if nxt.type not in CONTAINERS or _between(doc, chain[-1], nxt) != "":
            break
        chain.append(nxt)
    return chain[-1]


# 贵州裕能项目所在的福泉双龙工业园区: the place a thing is in, named after it
WHERE_IT_IS = ("所在的", "所在地", "所在")


@relation_rule("where_it_is")
def where_it_is(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """A所在的B (X项目所在的Y工业园区, 企业所在地Z镇): the project, park or firm A is in the
    place B named right after it (the innermost of an address chain: 所在的花溪区燕楼镇)."""
    found: list[Relation] = []
    flat = flat_mentions(mentions)
    for index, thing in enumerate(flat[:-1]):
        if thing.type not in LOCATABLE + ("Organization",) or is_body(thing.label) \
                or _between(doc, thing, flat[index + 1]) not in WHERE_IT_IS:
            continue
        place = _innermost(doc, flat, index + 1)
        if place.type in CONTAINERS and place is not thing:
            found.append(placed_in(thing, place, thing.sentence, "where-it-is"))
    return found


OPEN_BRACKETS, CLOSE_BRACKETS = ("(", "（"), (")", "）")


@relation_rule("bracketed_area")
def bracketed_area(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """清远(英德), 兴义市(义龙新区): an area in brackets right after an area is in it
    (GUIDELINES "bracket notation"), unless it is the higher level of the two."""
    found: list[Relation] = []
    for outer, inner in neighbours(mentions):
        if outer.type != "AdministrativeArea" or inner.type != "AdministrativeArea":
            continue
        if _between(doc, outer, inner) not in OPEN_BRACKETS or doc.text[inner.end:inner.end + 1] not in CLOSE_BRACKETS:
            continue
        if inner.ref and outer.ref and _rank(inner) <= _rank(outer):
            continue
        found.append(Relation("locatedIn", inner, outer, inner.sentence, "bracket"))
    return found


LOCATED_AFTER = re.compile(r"[，,]?(?:均|也|就|目前|现)?(?:位于|坐落于|地处)(?:国家级|省级)?")
BRACKETED = re.compile(r"[(（][^)）]{1,20}[)）]")
# an address goes on through words the recogniser did not take as a name (位于珠海|国家农业科技
# 园区(斗门生态农业园)|白蕉核心片区; 位于莒南县|东部…): not through a list or a 的
ADDRESS_GAP = re.compile(r"[^，,。；;：:、的和与及]{1,12}(?:[(（][^)）]{1,20}[)）])?")


@relation_rule("located_after")
def located_after(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """B位于A: a project or park written before 位于/坐落于/地处 and a place is in that place,
    the innermost of an address chain (…项目位于兴义市义龙新材料产业园: in the park; a
    bracketed other name may stand between: 珠海国家农业科技园区(斗门生态农业园)白蕉核心片区).
    The park or project a sentence opens with is the subject of a later clause that opens on
    位于 too (X开发区，行政辖区总面积…，位于莒南县东部: in 莒南县), while no clause between opens
    on another name."""
    found: list[Relation] = []
    flat = flat_mentions(mentions)
    # (the address's areas may be read off a name's prefix: 位于兴义市|义龙新材料产业园; a name
    # nested at the thing's start is no place after it)
    places = sorted((m for m in mentions if m.type in CONTAINERS and m.rule != "inner-area"),
                    key=lambda m: (m.start, m.end))
    for thing in flat:
        if thing.type not in ("Project", "Park"):
            continue
        cue = LOCATED_AFTER.match(doc.text, thing.end)
        cues = [cue.end()] if cue else []
        if thing is flat[0] and len(doc.text[doc.sentences[thing.sentence].start:thing.start].strip()) <= SUBJECT_LEAD:
            # (the topic holds till another clause opens on a name of its own, or a ；)
            subjects = [m.start for m in flat[1:] if doc.text[m.start - 1:m.start] in ("，", ",")]
            semicolons = [doc.text.find(mark, thing.end, doc.sentences[thing.sentence].end) for mark in "；;"]
            stop = min(subjects + [at for at in semicolons if at >= 0] + [doc.sentences[thing.sentence].end])
            cues += [later.end() for later in LOCATED_CLAUSE.finditer(doc.text, thing.end, stop) if not cue or later.start() > cue.end()]
        for at in cues:
            place = _address_at(doc, places, thing, at)
            if place is not None:
                found.append(placed_in(thing, place, thing.sentence, "located-after"))
    return found


# ，位于莒南县东部: a clause that opens on where its subject is
LOCATED_CLAUSE = re.compile(r"[，,](?:均|也|现|目前)?(?:位于|坐落于|地处)(?:国家级|省级)?")


def _address_at(doc: Doc, places: list[Mention], thing: Mention, at: int) -> Mention | None:
    """The innermost place of the address chain written from `at` on, or None: none there, or
    the chain goes on with 的 (B位于A的东部 / 位于A的C: not B's container)."""
    chain: list[Mention] = []
    for nxt in places:
        start = _label_start(doc, nxt)
        if start < at or nxt is thing:
            continue
        gap = doc.text[at:start]
        if not (gap == "" or (chain and (BRACKETED.fullmatch(gap) or ADDRESS_GAP.fullmatch(gap)))):
            break
        chain.append(nxt)
        at = nxt.end
    if not chain or doc.text[chain[-1].end:chain[-1].end + 1] == "的":
        return None
    return chain[-1]


def _label_start(doc: Doc, mention: Mention) -> int:
    """Where the mention's own name starts: a name read with its address prefix (兴义市义龙新材料
    产业园 labelled 义龙新材料产业园) starts after the prefix."""
    start = mention.end - len(mention.label)
    return start if start >= mention.start and doc.text[start:mention.end] == mention.label else mention.start


# 位于高新区澄溪组团的中材渝建…项目: the address between 位于 and 的, the thing right after 的
LOCATED_BEFORE = re.compile(r"(?:位于|坐落于|地处)(?:国家级|省级)?([^，,。；;：:、和与及的]{2,30})的")


@relation_rule("located_before")
def located_before(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """位于A的B: the project or park named right after 的 is in the innermost container the
    address A names (位于萧山经开区桥南板块的X项目: in 桥南板块; 位于高坪区物流大道的X项目: in
    高坪区, a road being no entity), as B位于A is."""
    if not mentions:
        return []
    sentence = doc.sentences[mentions[0].sentence]
    found: list[Relation] = []
    for match in LOCATED_BEFORE.finditer(sentence.text):
        start, end = sentence.start + match.start(1), sentence.start + match.end(1)
        things = [m for m in mentions if m.start == end + 1 and m.type in ("Project", "Park")]
        places = [m for m in mentions if m.type in CONTAINERS and start <= m.start and m.end <= end]
        if not things or not places:
            continue
        thing = max(things, key=lambda m: m.end)
        place = max(places, key=lambda m: (m.end, m.end - m.start))
        found.append(placed_in(thing, place, thing.sentence, "located-before"))
    return found


BUILD_AT = re.compile(r"(?:[^，,。；;：:]{0,4}投资[^，,。；;：:]{0,10}?)?(?:规划建设|建设|新建|创办|打造|启动|布局)")


@relation_rule("built_at")
def built_at(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """在五道口先导区启动X建设, 计划在波密县古乡嘎朗村投资5000万元建设…: what is built at a place
    (the projects and parks named after the verb in that clause) is there; with none named,
    the project the sentence opens with (X项目由…投资建设，计划在印章产业园创办…)."""
    found: list[Relation] = []
    flat = sorted((m for m in mentions if m.rule not in INNER_RULES), key=lambda m: m.start)
    index = 0
    while index < len(flat):
        first = flat[index]
        if first.type not in CONTAINERS or doc.text[max(0, first.start - 1):first.start] != "在":
            index += 1
            continue
        chain = [first]
        while index + len(chain) < len(flat) and flat[index + len(chain)].type in CONTAINERS \
                and _between(doc, chain[-1], flat[index + len(chain)]) == "":
            chain.append(flat[index + len(chain)])
        place, index = chain[-1], index + len(chain)
        verb = BUILD_AT.match(doc.text, place.end)
        if verb is None:
            continue
        clause_end = CLAUSE_BREAK.search(doc.text, verb.end())
        stop = clause_end.start() if clause_end else len(doc.text)
        built = [m for m in flat[index:] if m.start < stop and m.type in ("Project", "Park")]
        if not built:
            opening = flat[0] if flat[0].type == "Project" and flat[0].start < first.start else None
            lead = doc.text[doc.sentences[first.sentence].start:opening.start].strip() if opening else ""
            built = [opening] if opening and len(lead) <= SUBJECT_LEAD and \
                not any(m.type in CONTAINERS and m.sub != "Province" and not CLAUSE_BREAK.search(doc.text, m.end, first.start)
                        for m in flat if opening.start < m.start < first.start) else []
            # (a province between is where the investor comes from: 由湖南鑫汇能印业投资建设; so is a
            # place in an earlier clause: 经广州和深圳援藏工作组联动招商，…，计划在嘎朗村…建设)
        for thing in built:
            found.append(placed_in(thing, place, thing.sentence, "built-at"))
    return found


START_VERBS = ("动工", "启动", "奠基")  # with SETTLES: the works begin there


@relation_rule("at_place_then")
def at_place_then(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """同日，在乌鲁木齐经开区(头屯河区)两河片区，A项目、B项目同时动工: a clause that is only
    在 and a place (an address chain, a bracketed other name between) sets where the works the
    next clause names start or settle."""
    found: list[Relation] = []
    flat = sorted((m for m in mentions if m.rule not in INNER_RULES), key=lambda m: m.start)
    for index, first in enumerate(flat):
        if first.type not in CONTAINERS or doc.text[max(0, first.start - 1):first.start] != "在":
            continue
        start = _clause_start(doc, doc.sentences[first.sentence].start, first.start)
        if len(doc.text[start:first.start - 1].strip()) > SUBJECT_LEAD:
            continue
        chain = [first]
        for nxt in flat[index + 1:]:
            gap = _between(doc, chain[-1], nxt)
            if nxt.type not in CONTAINERS or not (gap in ("", *OPEN_BRACKETS, *CLOSE_BRACKETS) or BRACKETED.fullmatch(gap)):
                break
            chain.append(nxt)
        place = chain[-1]
        if doc.text[place.end:place.end + 1] not in ("，", ","):
            continue
        clause_end = CLAUSE_BREAK.search(doc.text, place.end + 1)
        stop = clause_end.start() if clause_end else len(doc.text)
        clause = doc.text[place.end + 1:stop]
        if not any(verb in clause for verb in START_VERBS + SETTLES) or signed_only(clause):
            continue
        inside = [m for m in flat if place.end < m.start < stop]
        if any(m.type in CONTAINERS for m in inside):
            continue  # another place in the clause: the works may be there
        for thing in inside:
            if thing.type == "Project":
                found.append(placed_in(thing, place, thing.sentence, "at-place"))
    return found


CEREMONY = re.compile(r"(?:暨)?(?:建设)?(?:开工|动工|奠基|投产|投运|竣工)[^，,。；;：:]{0,6}(?:仪式|活动)(?:隆重|正式)?在$")


@relation_rule("ceremony_at")
def ceremony_at(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """X项目开工活动在鄢陵县举行, X一期项目投运仪式在Y产业园举行: a project whose works start
    with a ceremony somewhere is there (the innermost of an address chain; a signing ceremony
    only promises: 签约仪式在…举行 is left out)."""
    found: list[Relation] = []
    flat = flat_mentions(mentions)
    for index, thing in enumerate(flat[:-1]):
        if thing.type not in ("Project", "Park") or not CEREMONY.search(_between(doc, thing, flat[index + 1])):
            continue
        place = _innermost(doc, flat, index + 1)
        if place.type not in CONTAINERS or not re.match(r"[^，,。；;]{0,6}举行", doc.text[place.end:]):
            continue
        found.append(placed_in(thing, place, thing.sentence, "ceremony"))
    return found


IS_OF = re.compile(r"(?:也|则)?是(?:今年|当年|我[市区县州省]|全[市区县州省])?$")


@relation_rule("project_is_of")
def project_is_of(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """X项目是长寿区重点引进的外资项目之一, X项目是今年喀什市的新建项目: a project the clause
    opens with, said to be an area's or a park's, is in it."""
    found: list[Relation] = []
    flat = flat_mentions(mentions)
    for thing, place in zip(flat, flat[1:]):
        if thing.type != "Project" or place.type not in CONTAINERS or not IS_OF.search(_between(doc, thing, place)):
            continue
        if len(_between(doc, thing, place)) > 5 or doc.text[place.end:place.end + 1] in LIST_MARKS:
            continue  # (是A、B两区共建的项目: neither alone)
        if "项目" not in CLAUSE_BREAK.split(doc.text[place.end:doc.sentences[place.sentence].end])[0]:
            continue  # X项目是嘉定区…发展的新增长点: what it does for the area, not whose it is
        start = _clause_start(doc, doc.sentences[thing.sentence].start, thing.start)
        if len(doc.text[start:thing.start].strip()) > SUBJECT_LEAD:
            continue
        found.append(placed_in(thing, place, thing.sentence, "is-of"))
    return found


SETTLES = ("落地", "落户", "开工", "投产", "试产", "建成", "运营", "入驻", "选址")
SETTLE_GAP = 4  # characters between the area and the verb: 在长兴|成功|落户
SETTLED_AT = ("落户", "落地", "入驻", "选址")  # verbs written before the place: 落户X, 选址在X
CLAUSE_BREAKS = "，,；;：:。"


FIRM_GAP = 6  # characters between a firm and the settling cue: 百度地图标注中心|也签约|落户


def _settles_as_firm(doc: Doc, thing: Mention, cue: int) -> bool:
    """An organisation that 落户/落地 somewhere is a firm, institute or centre set up there
    (西湖大学智能产业研究院落地余杭, 联昇贸易、中拉控股2家企业落户林芝经开区): one written
    right before the cue or as an item of a list; not a government body, nor a name read inside
    another name (西湖大学 in 西湖大学智能产业研究院), nor the owner of what settles
    (四环医药旗下10家公司在梅河口落户) or a firm naming a project (金隅集团新型材料…项目落户)."""
    if thing.type != "Organization" or thing.rule == "nested" or is_body(thing.label):
        return False
    return thing.rule == "list" or cue - thing.end <= FIRM_GAP or doc.text[thing.end:thing.end + 1] in ITEM_MARKS


def _settled_at(doc: Doc, position: int) -> int:
    """How many characters before `position` say something settles at the place named there
    (落户|X: 2, 选址在|X: 3), or 0."""
    lead = doc.text[max(0, position - 3):position]
    if lead[-2:] in SETTLED_AT:
        return 2
    return 3 if lead.endswith("在") and lead[-3:-1] in SETTLED_AT else 0


@relation_rule("settled_in_area")
def settled_in_area(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """A、B等项目在青浦落地, C项目落户澄城, D项目选址在E: the projects and parks of the clause
    before the area are in it (GUIDELINES: `在…落地`), in the innermost place of an address
    chain (落户花溪区燕楼镇: 燕楼镇)."""
    found: list[Relation] = []
    flat = flat_mentions(mentions)
    for index, area in enumerate(flat):
        if area.type not in CONTAINERS:
            continue
        # 落户花溪区燕楼镇, 在花溪区燕楼镇开工: the innermost place of an address chain
        place = _innermost(doc, flat, index)
        before = doc.text[max(0, area.start - 2):area.start]
        after = doc.text[place.end:place.end + SETTLE_GAP + 2]
        settles_after = before.endswith("在") and any(verb in after[:SETTLE_GAP + 2] for verb in SETTLES)
        verb_before = _settled_at(doc, area.start)  # 落户X, 选址在X: characters of the verb (and 在)
        if not (settles_after or verb_before):
            continue
        cue = area.start - (1 if settles_after else verb_before)
        for thing in reversed(flat[:index]):
            if any(mark in doc.text[thing.end:cue] for mark in CLAUSE_BREAKS):
                break
            if thing.type in ("Project", "Park") or _settles_as_firm(doc, thing, cue):
                found.append(placed_in(thing, place, area.sentence, "settled-in-area"))
    return found


@relation_rule("built_in_area")
def built_in_area(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """支持乌当区打造银发经济产业园: a park or project an area builds is in that area."""
    found: list[Relation] = []
    for area, thing in neighbours(mentions):
        if area.type != "AdministrativeArea" or area.sub not in ("District", "Township") or thing.type not in ("Park", "Project"):
            continue
        if _between(doc, area, thing) in relation_cues("builds"):
            found.append(Relation("locatedIn", thing, area, area.sentence, "built-in-area"))
    return found


PROJECT_WORD = re.compile(r"(?:建设)?(?:项目|工程)")  # what a project's name adds to its facility's


def _facility_head(label: str) -> bool:
    """Does the organisation's name end with a common-noun head (中心, 基地: `weak` in
    suffixes.tsv), naming a facility rather than a firm or a brand (比亚迪, 华能集团)?"""
    return any(label.endswith(suffix.text) and "weak" in suffix.rule for suffix in suffixes())


def builds_own_facility(project: str, organisation: str) -> bool:
    """Is the project only the organisation's name with 项目 (潍柴(青岛)海洋装备制造中心|项目),
    the organisation a facility (…中心, …基地)? Then the project builds it: one work, and the
    facility is not the project's operator."""
    return (project.startswith(organisation) and PROJECT_WORD.fullmatch(project[len(organisation):]) is not None
            and _facility_head(organisation))


@relation_rule("operated_by")
def operated_by(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """A project whose name begins with a company the document also names on its own.

    A company word read only inside a project's name (比亚迪 of 比亚迪动力电池项目一期) is part
    of that name (GUIDELINES 'Names inside names'), not a company the text relates."""
    if not any(m.type == "Project" for m in mentions):
        return []  # the document's companies are gathered only for sentences that need them
    companies = _companies(doc)
    found: list[Relation] = []
    for mention in mentions:
        if mention.type != "Project":
            continue
        # the longest company name the project's name starts with, leaving two characters
        # or more (one lookup per length, not one scan of every company per project)
        for size in range(len(mention.label) - 2, 1, -1):
            company = companies.get(mention.label[:size])
            if company is not None and builds_own_facility(mention.label, company.label):
                break  # 潍柴(青岛)海洋装备制造中心|项目: the facility the project builds, not its operator
            if company is not None:
                found.append(Relation("operatedBy", mention, company, mention.sentence, "name-prefix"))
                break
    return found


_COMPANIES: list[tuple[Doc, int, dict[str, Mention]]] = []  # the last document's, reused per sentence


def _companies(doc: Doc) -> dict[str, Mention]:
    """The document's organisations by label, built once per document rather than once per
    sentence (which made long documents quadratic)."""
    if _COMPANIES and _COMPANIES[0][0] is doc and _COMPANIES[0][1] == len(doc.mentions):
        return _COMPANIES[0][2]
    # a mention read inside a longer name (rule `nested`) does not name the company on its own
    companies = {m.label: m for m in doc.mentions if m.type == "Organization" and len(m.label) >= 2 and m.rule != "nested"}
    _COMPANIES[:] = [(doc, len(doc.mentions), companies)]
    return companies


CO_ISSUER_GAP = ("", " ", "\u3000", "、", "和", "与")  # 中共石嘴山市委员会石嘴山市人民政府关于印发…


def _co_issuers(doc: Doc, before: list[Mention]) -> list[Mention]:
    """The bodies written right before the issuing one, back to back or listed (中共X市委员会
    X市人民政府关于印发《…》: a joint notice), which issue the policy with it."""
    bodies: list[Mention] = []
    last = before[-1]
    if last.type != "Organization" or not is_body(last.label):
        return bodies
    for prev in reversed(before[:-1]):
        if prev.type != "Organization" or not is_body(prev.label) or _between(doc, prev, last) not in CO_ISSUER_GAP:
            break
        bodies.append(prev)
        last = prev
    return bodies


POLICY_LIST_GAP = re.compile(r"[》〉”\"]?[、和及与][《〈“\"]?")  # between the policies of a list: 《A》和《B》


@relation_rule("implements")
def implements(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """An organisation or area that is the subject of 实施/落实… a programme or policy; one
    before 印发/出台 issues the policy, and every policy listed with it (印发《A》、《B》和《C》)."""
    found: list[Relation] = []
    agents = [m for m in mentions if m.type in ("Organization", "AdministrativeArea")]
    issued: Relation | None = None  # the last policy given an issuer, whose list may go on
    for target in sorted(mentions, key=lambda m: m.start):
        if target.type not in ("Program", "Policy"):
            continue
        if target.type == "Policy" and issued is not None and POLICY_LIST_GAP.fullmatch(_between(doc, issued.subject, target)):
            # 印发《A》和《B》: the body issues every policy of the list
            issued = Relation("issuedBy", target, issued.object, target.sentence, "issue-verb")
            found.append(issued)
            continue
        before = [a for a in agents if a.end <= target.start]
        if not before:
            continue
        agent = before[-1]
        gap = _between(doc, agent, target)
        # (强区富民兴村——城区加速推进“百千万工程”: a dash ends the headline's phrase before the clause)
        if len(gap) > 20 or re.search(r"[,，。;；—]", gap):
            continue
        if any(cue in gap for cue in relation_cues("issues")) and target.type == "Policy":
            issued = Relation("issuedBy", target, agent, target.sentence, "issue-verb")
            found.append(issued)
            found.extend(Relation("issuedBy", target, body, target.sentence, "issue-verb")
                         for body in _co_issuers(doc, before))
        elif any(cue in gap for cue in relation_cues("implements")):
            found.append(Relation("implements", agent, target, target.sentence, "implement-verb"))
    return found


def short_forms(area: Mention) -> set[str]:
    """An area's name and the short form documents use for it (贵安新区 -> 贵安). Towns
    and villages go by their full name only: 石板 in 石板现代商贸服务园 is a word, not 石板镇."""
    forms = {area.label}
    if area.sub in ("Township", "Village"):
        return forms
    for tail in ("新区直管区", "新区", "自治州", "自治县", "省", "市", "区", "县"):
        if area.label.endswith(tail) and len(area.label) - len(tail) >= 2:
            short = area.label[: -len(tail)]
            if tail in ("区", "县") and _higher_goes_by(short):
                break  # 长沙县 / 长沙: the short form is the city's (长沙经开区 is no sign of 长沙县)
            forms.add(short)
            break
    return forms


def _higher_goes_by(short: str) -> bool:
    """Is `short` the short form of a city or province of the division table (长沙 -> 长沙市)?"""
    full = divisions_by_full_name()
    return any(d.level in ("Province", "City") for name in (short + "市", short + "省") for d in full.get(name, ()))


COMPANY_TAILS = ("公司", "集团")
GENERIC_REST = re.compile(r"的?(?:重大|重点|产业|新|招商|城建)*项目")
ROUTE_DASHES = ("—", "-", "–", "至")


def _located_by_name(mention: Mention) -> bool:
    """Places, and organisations that are places (schools, centres), but not government
    bodies (花溪区政协 governs the area) nor companies (贵州品品鲜…公司 is registered there).
    A quoted brand is not an address either (“爽贵阳”智慧民生综合服务平台)."""
    if mention.rule.startswith("quoted"):
        return False
    if mention.type in LOCATABLE:
        return True
    return mention.type == "Organization" and mention.rule == "suffix" and not mention.label.endswith(COMPANY_TAILS) \
        and not is_body(mention.label)


def is_body(label: str) -> bool:
    typed = type_of_name(label)
    return typed is not None and "body" in typed.rule


def _is_bare_suffix(text: str) -> bool:
    typed = type_of_name(text)
    return typed is not None and typed.suffix == text


def _in_brackets(label: str, index: int) -> bool:
    return label[:index].count("(") > label[:index].count(")")


def _overlap(label: str, other: str, start: int, end: int) -> bool:
    """Does `other` occur in `label` across the start of the span [start, end)? A name is read
    from its left: in 中山东部外环高速 the earlier 中山 is the place, the 山东 it overlaps is not."""
    for at in range(max(0, start - len(other) + 1), start):
        if label.startswith(other, at) and at < start < at + len(other) < end:
            return True
    return False


def _after_address(head: str, forms: list[str]) -> bool:
    """Is `head` an address of areas (宜宾|三江新区…, 贵州省|贵阳市…)? An address may close on an
    open bracket: 广州(|梅州)产业转移工业园 is built in 梅州 for 广州, as 张江(贵安)… is in 贵安.
    `forms`: the areas' forms of two characters or more, longest first (`_longest_first`)."""
    if head.endswith(OPEN_BRACKETS) and len(head) > 1:
        head = head[:-1]
    while head:
        form = next((f for f in forms if head.endswith(f)), None)
        if form is None:
            return False
        head = head[:-len(form)]
    return True


def _longest_first(forms: set[str]) -> list[str]:
    """The forms of two characters or more, longest first (sorted once per document, not
    once per name read)."""
    return [f for f in sorted(forms, key=len, reverse=True) if len(f) >= 2]


def _says_where(thing: Mention, container: Mention, form: str, index: int, forms: set[str],
                parents: frozenset[str] = frozenset(), short: frozenset[str] = frozenset()) -> bool:
    """Does `form` at `index` of the thing's name say where the thing is?

    Not when a province qualifies it in brackets (中国(贵州)大视听算力产业园), the second of a
    compound of places (贵阳贵安…: the name opens with 贵阳, where GUIDELINES places it), the
    province a project's or firm's name starts with (江苏润泽…项目: the investor's origin; a
    park opening with it is the province's: 贵州民族文化园), or the area an organisation is
    named after (贵阳交响乐团, 花溪区科技特派团: jurisdiction).
    `forms`: the document's forms of areas and parks (those written in the thing's name
    are enough: only they are read); `parents`: those of areas that hold the container, which
    written before its full name make an address (宜宾|三江新区东部产业园), not a compound;
    `short`: the short forms of areas (贵安 of 贵安新区), which after a place at a name's start
    make a compound (贵阳|贵安全域智能信控项目), not an address."""
    label = thing.label
    end = index + len(form)
    province = container.type == "AdministrativeArea" and container.sub == "Province"
    if _in_brackets(label, index) and label.startswith("段)", end):
        return True  # 津潍高铁(天津段): the bracket names the route's section in 天津
    if end >= len(label) or (_in_brackets(label, index) and (province or container.type != "AdministrativeArea")):
        return False  # 张江(贵安)高科技产业园 is in 贵安; 中国(贵州)…产业园 only serves 贵州
    if label[end:end + 1] in ROUTE_DASHES and thing.type != "Park":
        return False  # 贵阳—胡志明跨境卡班: a route between places is in neither (滨海—中关村科技园: a park is in the first)
    if container.label != form and label.startswith(container.label, index):
        return False  # 泗洪|县项目: the full name written there decides (泗洪县|项目)
    if GENERIC_REST.fullmatch(label[end:]):
        return False  # 泗洪县项目, 仙林大学城重大项目: the place's projects, not one named thing
    if container.type == "Park" and _is_bare_suffix(label[end:]):
        return False  # 青岩古镇景区, 花溪湖公园项目: the park itself, or the works on it
    if thing.type == "AdministrativeArea" and _is_bare_suffix(label[end:]) \
            and type_of_name(label[end:]).type == "AdministrativeArea" \
            and not (label[end:] == "新区" and _contains_area(container, thing)):
        return False  # 天竺镇 / 天竺: the town and the short name it goes by (哈尔滨新区 is in 哈尔滨市, 肇庆新区 in 肇庆)
    if any(_overlap(label, f, index, end) for f in forms if f != form and len(f) >= 2):
        return False  # 中山东部外环高速: 山东 is not a place here, 中山 is (read from the left)
    # (宜宾|三江新区: the rest is an area the document names, written after its parent)
    if label[end:] not in forms and any((label[:index].endswith(f) and not (f in parents and form == container.label))
                                        or (label[end:].startswith(f) and not (index == 0 and f in short))
                                        for f in forms if f != form and len(f) >= 2):
        return False
    if province and ((index == 0 and thing.type != "Park") or thing.type == "Organization"):
        return False
    return not (thing.type == "Organization" and index == 0)


# words after a place's name that name the land beside it (乐城北岸, 南站周边, 大道沿线)
BESIDE = re.compile(r"(?:[东南西北]岸|两岸|周边|沿线|外围|以[东南西北])")


@relation_rule("named_in_area", scope="document")
def named_in_area(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """A name that carries an area's or a park's name is in it: 贵阳大数据科创城 in 贵阳市,
    清镇职教城 in 清镇, 贵阳综保区综合物流基地 part of 贵阳综保区. The innermost wins."""
    containers: dict[str, Mention] = {}
    # (an area the document names only inside other names, as a body's head or in a dateline
    # is no entity the name could point at: GUIDELINES "Names inside names")
    starts = name_starts(mentions)
    places = {m.ref or m.label for m in mentions if m.type == "AdministrativeArea" and m.rule != "inner-area"
              and named_as_place(doc, m, mentions, starts)}
    # (likewise a park read only inside the one name: 长春兴隆国际陆港 of 长春兴隆国际陆港(铁路场站))
    parks = {m.label for m in mentions if m.type == "Park" and (m.rule != "nested" or _shares_a_head(doc, m.label))}
    for mention in mentions:
        if mention.type == "AdministrativeArea" and (mention.ref or mention.label) in places:
            for form in short_forms(mention):
                containers.setdefault(form, mention)
        elif mention.type == "Park" and mention.label in parks:
            containers.setdefault(mention.label, mention)
    area_forms = set(containers)
    address_forms = _longest_first(area_forms)
    # the forms by their first character, as their places in `containers`: a name is
    # compared only with the forms that may occur in it, in the same order
    entries = list(containers.items())
    by_first: dict[str, list[int]] = {}
    for number, (form, _container) in enumerate(entries):
        by_first.setdefault(form[:1], []).append(number)
    found: list[Relation] = []
    seen: set[str] = set()
    for mention in mentions:
        if not _located_by_name(mention) or mention.label in seen:
            continue
        seen.add(mention.label)
        best: tuple[int, Mention] | None = None
        candidates = sorted(chain.from_iterable(by_first.get(char, ()) for char in {*mention.label, ""}))
        # (`_says_where` reads only the forms written in the name: the others never match in it)
        written = {entries[number][0] for number in candidates if entries[number][0] in mention.label}
        for number in candidates:
            form, container = entries[number]
            index = mention.label.rfind(form)
            if index < 0 or container.label == mention.label or container is mention:
                continue
            if container.ref and container.ref == mention.ref:
                continue  # 黔西南州 / 黔西南: two forms of one division
            if BESIDE.fullmatch(mention.label, index + len(form)):
                continue  # 乐城北岸, 高铁站周边: beside the place, not inside it
            if container.type == "AdministrativeArea" and mention.label in short_forms(container):
                continue
            if mention.type == "AdministrativeArea" and form != container.label and not _contains_area(container, mention):
                continue  # 梅河口市 / 梅河新区: a short form inside an area's name places it only in a larger area
            parents = frozenset(f for f in written if containers[f].type == "AdministrativeArea"
                                and _contains_area(containers[f], container))
            short = frozenset(f for f in written if containers[f].type == "AdministrativeArea"
                              and f != containers[f].label)
            if not _says_where(mention, container, form, index, written, parents, short):
                continue
            if index > 0 and not _after_address(mention.label[:index], address_forms) \
                    and not mention.label.startswith("段", index + len(form)):
                continue  # 中国联通哈尔滨…中心: a name that opens with no address (深江铁路中山段: a route's part in 中山)
            end = index + len(form)
            if best is None or end > best[0]:
                best = (end, container)
        if best is not None:
            found.append(placed_in(mention, best[1], mention.sentence, "name"))
    return found


def _park_kind(label: str) -> str:
    """The park kind word the name ends with (综保区 of 贵阳综保区), or ""."""
    return next((suffix.text for suffix in suffixes() if suffix.type == "Park" and label.endswith(suffix.text)), "")


def _shares_a_head(doc: Doc, label: str) -> bool:
    """Is the park named on its own in a list whose items share one kind word (贵阳、贵安综保区
    names 贵阳综保区)?"""
    kind = _park_kind(label)
    stem = label[:-len(kind)] if kind else ""
    if len(stem) < 2:
        return False
    return re.search(re.escape(stem) + r"[、和及与][^，,。；;、]{1,8}?" + re.escape(kind), doc.text) is not None


def is_governed_zone(mention: Mention) -> bool:
    """A development zone the national table lists beside counties (邯郸经济技术开发区): a
    park (GUIDELINES), but it governs like a county and may be what a report is about."""
    full = divisions_by_full_name().get(mention.label, ())
    return mention.type == "Park" and any(d.level == "District" for d in full)


def main_subject(doc: Doc) -> Mention | None:
    """The area a document is about: the administrative area it names most often."""
    areas = [m for m in doc.mentions
             if (is_governed_zone(m) or (m.type == "AdministrativeArea" and m.sub in ("City", "District")))
             and m.rule not in INNER_RULES]
    counts = Counter(m.ref or m.label for m in areas)  # 花溪 and 花溪区 count as one
    if not counts:
        return None
    key = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return next(m for m in areas if (m.ref or m.label) == key)


# 下辖A、B、C三个镇, 辖崖头、寻山4个街道: the areas a whole governs, listed right after the cue
# (not 辖区 / 辖内, the whole's territory)
GOVERNS = re.compile(r"(?:下辖|辖有|共辖|辖)(?![区内])")
GOVERNS_REACH = 3  # sentences naming something, back to the subject a sentence with no whole of its own speaks of


@relation_rule("governed_list", scope="document")
def governed_list(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """A list of a whole's parts (GUIDELINES: 下辖A、B、C): the areas listed right after 辖 are
    in the whole, the area or park the clause opens with (花溪区下辖…) or, where the sentence
    names none before the cue (2016年辖区总面积…，辖崖头、寻山…), the one the last few
    sentences opened with."""
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        if mention.rule not in INNER_RULES:
            by_sentence.setdefault(mention.sentence, []).append(mention)
    table = division_by_code()
    found: list[Relation] = []
    opening: dict[int, Mention] = {}  # sentence -> the area or park it opens with
    named: list[int] = []  # the sentences read so far that name something
    for index in sorted(by_sentence):
        named.append(index)
        flat = sorted(by_sentence[index], key=lambda m: m.start)
        subjects = _clause_subjects(doc, flat)
        if subjects and min(subjects) == 0:
            opening[index] = subjects[0]
        sentence = doc.sentences[index]
        for cue in GOVERNS.finditer(doc.text, sentence.start, sentence.end):
            parts = _listed_from(doc, flat, cue.end())
            if not parts:
                continue
            before = [m for m in flat if m.end <= cue.start() and m.type in CONTAINERS]
            whole = before[-1] if before and _clause_start(doc, sentence.start, cue.start()) <= before[-1].start \
                else next((opening[i] for i in named[-GOVERNS_REACH - 1:][::-1] if i in opening
                           and opening[i].end <= cue.start()), None)
            if whole is None:
                continue
            for part in parts:
                if whole.type == "AdministrativeArea" and (not _contains_area(whole, part) or
                                                           (whole.ref and part.ref and not is_ancestor(whole.ref, part.ref, table))):
                    continue  # (a part is below its whole; the table may put it elsewhere)
                found.append(placed_in(part, whole, part.sentence, "governs"))
    return found


def _listed_from(doc: Doc, flat: list[Mention], at: int) -> list[Mention]:
    """The areas listed from `at` on (崖头、寻山、崂山、城西): one right at `at`, the next ones
    after a list mark."""
    parts: list[Mention] = []
    for mention in flat:
        if mention.start < at:
            continue
        gap = doc.text[parts[-1].end if parts else at:mention.start]
        if mention.type != "AdministrativeArea" or (gap != "" if not parts else gap not in SIBLING_MARKS):
            break
        parts.append(mention)
    return parts


@relation_rule("towns_of_the_district", scope="document")
def towns_of_the_district(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """In a document about one district, a town (镇, 乡, 街道) it names with no other
    parent is in that district: a 花溪区 report lists 马铃乡, 黔陶乡… without repeating 花溪区."""
    district = main_subject(doc)
    if district is None or district.sub != "District":
        return []
    # doc.relations holds what the sentence rules found: a town placed there keeps its parent.
    placed = {r.subject.label for r in doc.relations if r.predicate == "locatedIn"}
    found = []
    table = division_by_code()
    for mention in mentions:
        if mention.ref and district.ref and not is_ancestor(district.ref, mention.ref, table):
            continue  # the table puts this town in another county
        if mention.type == "AdministrativeArea" and (mention.sub == "Township" or _unknown_place(mention, district, table)) \
                and mention.label not in placed:
            placed.add(mention.label)
            found.append(Relation("locatedIn", mention, district, mention.sentence, "document-district"))
    return found


def _unknown_place(mention: Mention, district: Mention, table: dict) -> bool:
    """An area the tagger found that no level word names (潭门, 大路 in a 琼海市 report): a
    town or village of the district it is read in, unless the division table knows the name
    as a county or city elsewhere (顺德 in an 英德市 report)."""
    if mention.rule != "tagger" or mention.ref or mention.sub:
        return False
    known = divisions_by_short_name().get(mention.label, ()) + divisions_by_full_name().get(mention.label, ())
    return not known or any(district.ref and is_ancestor(district.ref, d.code, table) for d in known)


CONTAINERS = ("AdministrativeArea", "Park")
SUBJECT_LEAD = 8  # characters a clause may open with before its subject: 目前|, 此次|, 1月12日，|
CLAUSE_BREAK = re.compile(r"[，,：:；;。]")
# A clause that goes on with the items of the subject's clause: 海口江东新区已开工项目186个，
# 其中，A、B…; 禹州市集中开工的项目…，主要包括A、B…
LIST_OPENERS = ("其中", "主要包括", "包括", "分别为", "分别是", "如", "即", "其辖区内", "辖区内", "下辖")
MADE_OF = re.compile(r"\s*由[^，,。；;：:]+组成")  # 綦江工业园区…，由A、B和C组成: the whole's parts
THIS_BATCH = re.compile(r"\s*(?:此次|本次|这批|此批)[^，,。；;]{0,12}项目[^。；;]{0,4}[，,]?(?:主要)?(?:包括|有|为)")
# 开工仪式同时还设立A、B…; 当天，C也拉开了开工序幕: a sentence that opens on the ceremony or its
# day speaks of the batch the last sentences' subject started, as 此次… does
CEREMONY_OPENS = re.compile(r"\s*(?:开工仪式|签约仪式|仪式|活动现场|开工现场|当天)(?:上|中)?[，,]?(?:同时|还|也|同时还)*")
BATCH_REACH = 3  # sentences back to the subject whose batch of projects 此次 means
BACK_REFERENCE = "其中"  # 丹阳市22个项目…。其中，A、B等项目…: the subject of the sentence before
# 太科城元宇宙产业园入选…。在这里，A与…; 生态文创区是…。目前，区内B已对外开放: a sentence that
# opens (after a date or 目前) on "here" or "inside the area/park" speaks of the last one's subject
HERE = re.compile(r"\s*(?:[^，,。；;：:]{0,6}[，,])?(?:在这里|在此|这里|区内|园内|园区内)")
LIST_MARKS = "、和与及"
ITEM_MARKS = ("、", "和", "及")  # between the items of a list (与 joins partners: 与A签约)
TOPIC_TAIL = 1  # characters between a subject and the comma that sets it apart (X，则… / X也，…)
LISTING = re.compile(r"等[^，,。；;：:]{0,10}项目")  # A、B等新建项目11个
# 嘉定还将与A、B等11个产业项目签约, 赫山区集中签约了A、B: a project signed is promised, not
# yet there (unless it 落户/落地 in the same sentence: SETTLES)
SIGNS = ("签约", "签订", "签署")


def _clause_start(doc: Doc, sentence_start: int, position: int) -> int:
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(doc.text, sentence_start, position)]
    return breaks[-1] if breaks else sentence_start


OBJECT_VERBS = ("推进", "支持", "依托", "围绕", "聚焦", "对接", "融入", "引进", "服务", "做强", "做大", "提升", "发展")


def _clause_subjects(doc: Doc, flat: list[Mention]) -> dict[int, Mention]:
    """Index in `flat` -> the area or park that is the subject of its clause there: the last
    of an address chain (贵州省黔南州|都匀市) that opens the clause after at most a few
    characters (目前, 此次, 1月12日), not a province (a source of investment more often
    than its place: 江苏润泽…项目), not the first item of a list (表面产业园、格智刺梨)."""
    subjects: dict[int, Mention] = {}
    index = 0
    while index < len(flat):
        if flat[index].type not in CONTAINERS:
            index += 1
            continue
        chain = [flat[index]]
        while index + len(chain) < len(flat) and flat[index + len(chain)].type in CONTAINERS \
                and _between(doc, chain[-1], flat[index + len(chain)]) == "" \
                and _may_hold(chain[-1], flat[index + len(chain)]):
            chain.append(flat[index + len(chain)])
        last = index + len(chain) - 1
        subject = chain[-1]
        start = _clause_start(doc, doc.sentences[subject.sentence].start, chain[0].start)
        lead = doc.text[start:chain[0].start].strip()
        # 高标准建设中科院济南科创城，积极推进A: a container after a verb is what the clause builds
        # (集中开工的双汇第二工业园X改造、Y等项目: a place after 的 is inside a noun phrase, no subject)
        opens = len(lead) <= SUBJECT_LEAD and not lead.endswith(relation_cues("builds") + OBJECT_VERBS + ("的",))
        # (包括A等生物产业工程; 包括沃丰德…产业园建设项目、B…: the works on a park, listed)
        works = PROJECT_WORD.match(doc.text, subject.end)
        listed = doc.text[works.end() if works else subject.end:][:1] in LIST_MARKS + "等"
        # (溧阳市、金坛区发挥宁德时代、中创新航等…: the last of several subjects, each with its own)
        listed = listed or doc.text[chain[0].start - 1:chain[0].start] in ITEM_MARKS
        if opens and not listed and subject.sub != "Province":
            subjects[last] = subject
        index = last + 1
    return subjects


def _may_hold(outer: Mention, inner: Mention) -> bool:
    """Can `inner`, written right after `outer`, be the next place of an address? Not an area
    after a park (大柴旦工业园|青海中天硼锂…: the province opens a firm's name) nor an area of
    the same or a higher level (a park holds no area; 青海|西宁 reads down, not up)."""
    if inner.type != "AdministrativeArea":
        return True
    return outer.type == "AdministrativeArea" and _rank(outer) < _rank(inner)


def _clause_at(doc: Doc, position: int) -> str:
    """The clause (between two of ，；：。) that holds `position`."""
    start = max(doc.text.rfind(mark, 0, position) for mark in "，,；;：:。") + 1
    after = CLAUSE_BREAK.search(doc.text, position)
    return doc.text[start:after.start() if after else len(doc.text)]


# a clause that opens with the start of the subject's works (共集中开工, 同步启动, 已落地); not 引进了A、B等项目:
# what an area brought in is not said to be built there yet
# 磴口县集中开工26个重点项目，3月18日开工的A项目: a clause that opens on the day one of the
# subject's works started goes on with the subject
DATED_START = re.compile(r"\s*[0-9一二三四五六七八九十]{1,2}月[0-9一二三四五六七八九十]{1,3}日(?:新|已|正式)?(?:开工|动工|启动|落地|投产|竣工)的\s*")
SHORT_SAYING = 6  # characters of a clause that only says something of its subject (发展迅猛, 亮点纷呈)
SHORT_LIST = re.compile(r"、[^，,。；;：:]*等")
VERB_CLAUSE = re.compile(r"\s*(?:共|并|还|将|同时|同步|另|再|又|已|累计|集中)*(?:开工|动工|启动|落地|投产|竣工|建成)")


def _goes_on(doc: Doc, subject: Mention, position: int) -> bool:
    """Does the subject's clause reach `position`: in the same clause, or in a clause that
    lists the subject's items (，其中，A、B; ，主要包括A、B; ：A、B)?"""
    between = doc.text[subject.end:position]
    clauses = CLAUSE_BREAK.split(between)
    if len(clauses) > 1 and len(clauses[0].strip()) <= TOPIC_TAIL:
        clauses = clauses[1:]  # 湖州太湖旅游度假区，则亮出了A和B: the subject set apart by a comma
    if len(clauses) == 1:
        return True
    if ("：" in between or ":" in between) and len(clauses) == 2:
        return True
    if len(clauses) == 2 and len(clauses[0].strip()) <= SHORT_SAYING and SHORT_LIST.search(_clause_at(doc, position)):
        return True  # 东片商贸物流集聚区发展迅猛，A、B等商圈日益成熟: a few words on the subject, then its list
    if len(clauses) == 2 and VERB_CLAUSE.match(clauses[1]) and LISTING.search(_clause_at(doc, position)):
        return True  # 都匀市举行…开工仪式，共集中开工A、B等项目32个: the subject's next clause goes on with its verb
    if len(clauses) == 2 and DATED_START.fullmatch(clauses[1]):
        return True  # 磴口县集中开工26个重点项目，3月18日开工的A项目: the next clause opens on the subject's item
    if all(LISTING.search(clause) for clause in clauses[:-1]):
        return True  # 长德开发区A、B等新建项目11个，C、D等续建项目36个: parallel lists
    # (由…组成 is read on the whole clause that holds the item: the cut at `position` loses 组成)
    return any(clause.lstrip().startswith(LIST_OPENERS) for clause in clauses[1:]) \
        or bool(MADE_OF.match(_clause_at(doc, position)))


COUNTED_ITEMS = re.compile(r"[0-9一二三四五六七八九十百]+[个项家批]$")
COUNT_AFTER = re.compile(r"[”’\"」』]?[0-9一二三四五六七八九十百]+[个项家批]")  # 拟申报“省重点项目”15个: a kind of project, counted
LISTED_PROJECTS = re.compile(r"[^，,。；;：:]*?等[^，,。；;：:]{0,10}项目")


def _listed_as_project(doc: Doc, mention: Mention) -> bool:
    """A firm listed as a project (中石化、中国银行等产业项目25个; GUIDELINES "Park or
    project": an Organization with alt_type Project)."""
    # the firm is an item itself (A、B等项目), not the owner in front of one (天源集团青蒿素…产业园和…等项目)
    follows = doc.text[mention.end:mention.end + 1]
    return mention.type == "Organization" and (follows in ITEM_MARKS or follows == "等") \
        and bool(LISTED_PROJECTS.match(doc.text, mention.end))


# 总投资10亿元的A，总投资6.2亿元的B: a thing described by its investment is an item of a list
# of works, not a place something is in
INVESTED_ITEM = re.compile(r"投资[^，,。；;：:]{0,12}元的$")


def _in_list(doc: Doc, mention: Mention) -> bool:
    """An item of a list (A、B等项目; 总投资10亿元的A，总投资3亿元的B), not a place
    something is in (在A建设B)."""
    return doc.text[max(0, mention.start - 1):mention.start] in ITEM_MARKS or doc.text[mention.end:mention.end + 1] in ITEM_MARKS \
        or bool(LISTED_PROJECTS.match(doc.text, mention.end)) \
        or bool(INVESTED_ITEM.search(doc.text, max(0, mention.start - 20), mention.start))


def signed_only(text: str) -> bool:
    """Does the text only sign (签约), with no word that the work settles or starts there?"""
    return any(word in text for word in SIGNS) and not any(word in text for word in SETTLES)


# a park's name at the start of another name (长德开发区京东长春亚洲一号)
PARK_HEAD = re.compile(r"^[^、，,()（）]{2,10}?(?:经济技术开发区|经济开发区|开发区|工业园区|工业园|经开区|高新区)")


def _opens_with_other_park(mention: Mention, subject: Mention) -> bool:
    """Does the name open with a park other than the subject (德令哈工业园青海西部镁业…
    under 格尔木工业园)? The name places it there, not the clause's subject."""
    head = PARK_HEAD.match(mention.label)
    return head is not None and head.end() < len(mention.label) and not subject.label.startswith(head.group()) \
        and not head.group().startswith(subject.label)


HEADLINE = 40  # characters: a first line this short is a headline, not a paragraph


def headline_end(doc: Doc) -> int:
    """Where the document's headline ends in the normalised text, 0 when it has none. The
    headline is the raw text's first line when short: normalisation joins a line with no final
    punctuation to the next (泰州靖江:项目潮涌逐浪高|“青山系”项目相继竣工…), but what the
    headline names is no subject of the paragraph after it."""
    raw = doc.raw.lstrip()
    lead = len(doc.raw) - len(raw)
    line = raw.find("\n")
    if line < 0 or line > HEADLINE or not doc.offsets:
        return 0
    return bisect.bisect_left(doc.offsets, lead + line)


# 丝路科学城作为“双中心”的核心承载区, X是Y的重要组成部分: what follows 作为/是 says what the
# subject is to the thing named, the reverse of holding it
ROLE_OF = re.compile(r"\s*(?:作为|是|成为)[“\"]?\s*")
OF_IT = re.compile(r"[”\"]?的")


def role_of(doc: Doc, subject: Mention, mention: Mention) -> bool:
    """Is the name what the subject serves as a part or site of (X作为“Y”的…)?"""
    return bool(ROLE_OF.fullmatch(_between(doc, subject, mention))) and bool(OF_IT.match(doc.text, mention.end))


@relation_rule("sentence_subject", scope="document")
def sentence_subject(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """A clause whose subject is an area or a park (肇东市引进…建设X项目, 长德开发区A、B等
    新建项目11个, 目前海口江东新区已累计开工项目186个，其中，A、B…): the projects it
    names, with no other area or park between, are in it. The subject goes on into the
    next sentence when that opens with 其中 (丹阳市22个项目…。其中，A、B…) or when its
    reach runs to a ；that goes on listing (…其中，A、B等项目67个；C、D等项目17个；)."""
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        if mention.rule not in INNER_RULES:
            by_sentence.setdefault(mention.sentence, []).append(mention)
    found: list[Relation] = []
    headline = headline_end(doc)
    opening: dict[int, Mention] = {}  # sentence -> the subject that opens it
    carried: dict[int, Mention] = {}  # sentence -> the subject its ；hands to the next one
    for index in sorted(by_sentence):
        flat = sorted(by_sentence[index], key=lambda m: m.start)
        subjects = _clause_subjects(doc, flat)
        first = min(subjects, default=None)
        sentence = doc.sentences[index]
        # (丹阳市今年已签约项目32个。其中，A…: what was signed is not said to be there yet)
        if first is not None and all(m.type in CONTAINERS for m in flat[:first]) and not signed_only(sentence.text):
            opening[index] = subjects[first]
        back = doc.text[sentence.start:sentence.end].lstrip().startswith(BACK_REFERENCE) \
            or bool(HERE.match(doc.text, sentence.start))
        subject = carried.get(index - 1) or (opening.get(index - 1) if back else None)
        if subject is None and (THIS_BATCH.match(doc.text, sentence.start) or CEREMONY_OPENS.match(doc.text, sentence.start)):
            # 此次集中开工项目，包括A、B / 开工仪式上…: the batch the last sentences' subject started
            subject = next((opening[i] for i in range(index - 1, max(index - 1 - BATCH_REACH, -1), -1)
                            if i in opening), None)
        here = HERE.match(doc.text, sentence.start)
        for position, mention in enumerate(flat):
            # (区内仪祉湖水利风景区已对外开放: a park named right after "in the area" is in the last subject)
            listed_park = mention.type == "Park" and position not in subjects and _in_list(doc, mention) \
                or (mention.type == "Park" and here is not None and here.end() == mention.start)
            if mention.type in CONTAINERS and not listed_park:
                if subject is not None and _between(doc, subject, mention) == "" and not _may_hold(subject, mention):
                    continue  # 大柴旦工业园|青海中天硼锂…: a province that opens the next name, not a place
                subject = subjects.get(position)  # a container that is no subject ends the last one's reach
                continue
            if subject is None or not (mention.type == "Project" or listed_park or _listed_as_project(doc, mention)):
                continue
            if subject.sentence == mention.sentence and not _goes_on(doc, subject, mention.start):
                continue
            if subject.start < headline <= mention.start:
                continue  # 泰州靖江:项目潮涌逐浪高 / “青山系”项目…: the headline's place is not the paragraph's subject
            if signed_only(sentence.text) or "与" in _between(doc, subject, mention):
                continue
            if any(dash in mention.label for dash in ROUTE_DASHES):
                continue  # 贵阳—胡志明跨境卡班: a route between places is in neither
            last_item = doc.text[mention.start - 1:mention.start] in ITEM_MARKS and not mention.rule.startswith("quoted")
            if COUNTED_ITEMS.search(mention.label) or (COUNT_AFTER.match(doc.text, mention.end) and not last_item):
                continue  # 工业项目13个: a count of projects names none of them (A、B2个项目: the list's count)
            if _opens_with_other_park(mention, subject):
                continue  # 德令哈工业园青海西部镁业…: its name says which park it is in
            if role_of(doc, subject, mention):
                continue  # 丝路科学城作为“双中心”的核心承载区: the subject is part of the thing, not its holder
            found.append(placed_in(mention, subject, mention.sentence, "subject"))
        if subject is not None and sentence.text.rstrip().endswith(("；", ";")) and \
                (subject.sentence != index or _goes_on(doc, subject, sentence.start + len(sentence.text.rstrip()) - 1)):
            # (reach is read up to the ；itself: past it every reach ends in an empty clause)
            carried[index] = subject
    return found


# words after an area's name that make it part of a body's, a medium's or an event's name
# (海口市人大代表, 郴州市委, 湖南日报, 新重庆客户端) or a dateline (新华社拉萨6月10日电)
NOT_A_PLACE_AFTER = re.compile(r"(?:市委|区委|县委|州委|省委|委|人大|政府|政协|党代会|两会|日报|客户端|融媒|援|[0-9]{1,2}月[0-9]{1,2}日电)")

# a few words after an area's short form that end an event's name (贵州茶产业博览会, 青岛国际
# 啤酒节), or a port's 港 right after it (距岚山港4公里): the place is read only inside that
# name (GUIDELINES "Names inside names"); 港澳, 港区, 港口 go on otherwise
EVENT_AFTER = re.compile(r"[^，,。；;、：:“”《》()（）\s]{0,6}?(?:博览会|交易会|展览会|展销会|洽谈会|推介会|论坛|峰会|运动会|艺术节|文化节|旅游节|啤酒节)|港(?![澳台区口])")


# 珲春至图们段, 延吉至龙井段, 贵阳至南宁高铁: a route named by its two ends
ROUTE_HEADS = r"(?:段|高速|高铁|铁路|公路|城际|快速路|线)"
ROUTE_FROM = re.compile(r"至[^，,。；;、]{1,6}?" + ROUTE_HEADS)
ROUTE_END = re.compile(ROUTE_HEADS)
NAMED_THINGS = ("Park", "Project", "Organization")


def name_starts(mentions: list[Mention]) -> frozenset[int]:
    """Where the parks, projects and organisations among `mentions` start."""
    return frozenset(m.start for m in mentions if m.type in NAMED_THINGS)


def named_as_place(doc: Doc, mention: Mention, mentions: list[Mention], starts: frozenset[int] | None = None) -> bool:
    """Is this area mention a place the document names (GUIDELINES "Names inside names")? Not a
    short form written right before a name it is part of (德州|有研8英寸硅片, 青岛|西海岸新区:
    the full form with its level word would be an address), nor the head of a body's, a
    medium's or a dateline's name, nor an area of bracket notation written inside another name."""
    if NOT_A_PLACE_AFTER.match(doc.text, mention.end) and not _names_report(doc, mention):
        return False
    if ROUTE_FROM.match(doc.text, mention.end) or (doc.text[mention.start - 1:mention.start] == "至"
                                                   and ROUTE_END.match(doc.text, mention.end)):
        return False  # 改造珲春至图们段: the ends of a route's section are part of its name
    if mention.rule == "bracket-area":
        opens = _bracket_pair_start(doc, mention, mentions)
        if any(m.start < opens and mention.end <= m.end and m.type != "AdministrativeArea" for m in mentions):
            return False  # 华电内蒙古(巴彦淖尔)磴口…项目: bracket notation inside a name is part of that name
    division = division_by_code().get(mention.ref) if mention.ref else None
    if division is not None and mention.label == division.name:
        return True
    if EVENT_AFTER.match(doc.text, mention.end):
        return False  # 第15届贵州|茶产业博览会: a short form opening an event's name the recognisers missed
    if _proper_name_follows(doc, mention.end):
        return False  # 湖南|鑫汇能印业, 内蒙古|华聚再生资源: the head of a firm's name the recognisers missed
    # (`starts`: name_starts(mentions), made once by a caller that asks of every area; a scan
    # of all the document's mentions per area was quadratic in the document's length)
    return mention.end not in (name_starts(mentions) if starts is None else starts)


# part-of-speech tags of the segmenter's proper names (person, other): after a short place
# name with no level word they go on with the name of a firm (湖南|鑫|汇能印业, 贵州|裕|能)
PROPER_NAME_TAGS = ("nr", "nz", "nrt", "nrfg")


def _proper_name_follows(doc: Doc, position: int) -> bool:
    """Does the token that starts at `position` read as part of a proper name?"""
    at = bisect.bisect_left(doc.tokens, position, key=lambda token: token.start)
    if at >= len(doc.tokens) or doc.tokens[at].start != position:
        return False
    token = doc.tokens[at]
    # (智慧/nr, 拓宽/nr: a common word the dictionary tags as a name goes on no firm's name)
    return token.pos in PROPER_NAME_TAGS and token.text not in common_words_tagged_proper()


# a header line that says whose report this is (2022年包头市政府工作报告; 在绥化市北林区第六届人民代表大会…)
REPORT_TITLE = re.compile(r"(?:政府工作报告|人民代表大会|统计公报)")
REPORT_HEAD = 300  # characters: the title and header of a report


def _names_report(doc: Doc, mention: Mention) -> bool:
    """Is the area named in the report's own title or header line (2022年包头市政府工作报告)?
    It is the reporting area, an entity of its own (GUIDELINES "The reporting area"), though
    a body's name follows it there."""
    if mention.start >= REPORT_HEAD:
        return False
    start = doc.text.rfind("\n", 0, mention.start) + 1
    end = doc.text.find("\n", mention.end)
    line = doc.text[start:end if end >= 0 else len(doc.text)]
    return len(line) <= 80 and bool(REPORT_TITLE.search(line))


def _bracket_pair_start(doc: Doc, area: Mention, mentions: list[Mention]) -> int:
    """Where the bracket notation an area belongs to starts (韶关(乐昌): at 韶关)."""
    outer = next((m for m in mentions if m.rule == "bracket-area" and m.end == area.start - 1
                  and doc.text[m.end:m.end + 1] in OPEN_BRACKETS), None)
    return outer.start if outer is not None else area.start


@relation_rule("division_table", scope="document")
def division_table(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """Divisions a document names together with an ancestor in the national table
    (白云区 and 贵阳市; 石板镇 and 贵阳市 when 花溪区 is not named): the child is in its
    nearest named ancestor. An area the table does not know, named after a city the text does
    not name (临沂沂河新区 with 山东省 named), is in that city's named province."""
    by_code: dict[str, Mention] = {}
    starts = name_starts(mentions)
    for mention in mentions:
        if mention.ref and named_as_place(doc, mention, mentions, starts):
            by_code.setdefault(mention.ref, mention)
    table = division_by_code()
    found = []
    for code, mention in by_code.items():
        parent = nearest_named_ancestor(code, by_code, table)
        if parent is None or (_rank(mention) >= LEVEL_RANK["Township"] and _rank(parent) <= LEVEL_RANK["Province"]):
            continue  # 崖头, 城西 with only 山东省 named: a town is not read straight into its province
        found.append(Relation("locatedIn", mention, parent, mention.sentence, "table"))
    placed = {r.subject.label for r in doc.relations + found if r.predicate in ("locatedIn", "partOf")}
    for mention in mentions:
        if mention.ref or mention.type != "AdministrativeArea" or mention.rule in INNER_RULES or mention.label in placed:
            continue
        division = _opening_division(mention.label)
        if division is None or division.code in by_code:
            continue  # (a named city places the name by the name rule)
        parent = nearest_named_ancestor(division.code, by_code, table)
        if parent is not None and _rank(parent) <= LEVEL_RANK["Province"]:
            # 临沂沂河新区 with 山东省 named, 临沂 not: the table's province of the city it is named after
            found.append(Relation("locatedIn", mention, parent, mention.sentence, "table-name"))
            placed.add(mention.label)
    return found


def _opening_division(label: str) -> Division | None:
    """The one city or county a name opens with (临沂沂河新区 -> 临沂市), by full or short name."""
    full, short = divisions_by_full_name(), divisions_by_short_name()
    for size in range(min(len(label) - 2, 8), 1, -1):
        head = label[:size]
        found = [d for d in full.get(head, ()) + short.get(head, ()) if d.level in ("City", "District")]
        if len({d.code for d in found}) == 1:
            return found[0]
        if found:
            return None
    return None


SIBLING_MARKS = ("、", "和", "及", "与")


def _area_lists(doc: Doc, mentions: list[Mention]) -> list[list[Mention]]:
    """Runs of two or more areas and parks written as one list (江北新区、栖霞区、浦口区)."""
    runs: list[list[Mention]] = []
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        if mention.rule not in INNER_RULES:
            by_sentence.setdefault(mention.sentence, []).append(mention)
    for flat in by_sentence.values():
        run: list[Mention] = []
        for mention in sorted(flat, key=lambda m: m.start):
            if mention.type in CONTAINERS and run and _between(doc, run[-1], mention) in SIBLING_MARKS:
                run.append(mention)
                continue
            if len(run) >= 2:
                runs.append(run)
            run = [mention] if mention.type in CONTAINERS else []
        if len(run) >= 2:
            runs.append(run)
    return runs


@relation_rule("listed_siblings", scope="document")
def listed_siblings(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """Parts of one whole listed together (GUIDELINES: "a list of a whole's parts"): an area
    or park of the list with no container yet is in the area that holds every placed item of
    the list — 江北新区、栖霞区、浦口区、六合区 with 南京 named: 江北新区 (a new area the
    division table does not know) is in 南京 as the three districts are."""
    containers: dict[str, set[str]] = {}
    by_label: dict[str, Mention] = {}
    for relation in doc.relations:
        if relation.predicate == "locatedIn" and relation.object.type == "AdministrativeArea":
            containers.setdefault(relation.subject.label, set()).add(relation.object.label)
            by_label[relation.object.label] = relation.object
    found = []
    for run in _area_lists(doc, mentions):
        placed = [containers[m.label] for m in run if m.label in containers]
        if len(placed) < 2 or len(set.intersection(*placed)) != 1:
            continue
        (parent,) = set.intersection(*placed)
        if any(m.label == parent for m in run):
            continue  # 南京、江北新区: the whole is listed with its parts
        for mention in run:
            # (an area the division table knows is placed by the table, or left unplaced by it)
            if mention.label not in containers and not mention.ref:
                found.append(Relation("locatedIn", mention, by_label[parent], mention.sentence, "siblings"))
                containers[mention.label] = {parent}
    return found


def is_ancestor(code: str, of: str, table: dict) -> bool:
    seen = {of}
    while of in table and table[of].parent and table[of].parent not in seen:
        of = table[of].parent
        seen.add(of)
        if of == code:
            return True
    return False


def nearest_named_ancestor(code: str, named: dict[str, Mention], table: dict) -> Mention | None:
    seen = {code}
    while code in table and table[code].parent and table[code].parent not in seen:
        code = table[code].parent
        seen.add(code)
        if code in named:
            return named[code]
    return None


def relate(doc: Doc) -> Doc:
    by_sentence: dict[int, list[Mention]] = {}
    for mention in doc.mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    relations: list[Relation] = []
    for sentence_mentions in by_sentence.values():
        for rule in RELATION_RULES.values():
            relations.extend(rule(doc, sentence_mentions))
    doc.relations = list(relations)  # document rules see the sentence rules' findings
    sentences_of: dict[str, set[int]] = {}  # label -> sentences naming it, read once
    for mention in doc.mentions:
        sentences_of.setdefault(mention.label, set()).add(mention.sentence)
    for rule in DOCUMENT_RULES.values():
        relations.extend(with_best_evidence(doc, relation, sentences_of) for relation in rule(doc, doc.mentions))
        doc.relations = list(relations)  # a later rule leaves what an earlier one placed
    _COMPANIES.clear()
    _FLAT[:] = [None, 0, []]
    one = apposed(doc)
    doc.relations = unique_relations([r for r in relations if r.predicate not in ("locatedIn", "partOf")
                                      or frozenset((r.subject.label, r.object.label)) not in one])
    return doc


# 临沂临港经济开发区，即临沂临港新区: a second name for the same thing
APPOSITION = re.compile(r"[，,(（]?(?:即|也就是|又称|亦称|简称)")


def apposed(doc: Doc) -> set[frozenset[str]]:
    """Pairs of labels the text gives as two names of one thing (X，即Y; X(简称Y)): neither
    lies in the other, though one name holds the other's (临沂临港… in 临沂临港新区)."""
    ordered = sorted((m for m in doc.mentions if m.rule not in INNER_RULES), key=lambda m: (m.start, -m.end))
    pairs: set[frozenset[str]] = set()
    for left, right in zip(ordered, ordered[1:]):
        if right.start >= left.end and APPOSITION.fullmatch(doc.text[left.end:right.start]):
            pairs.add(frozenset((left.label, right.label)))
    return pairs


def with_best_evidence(doc: Doc, relation: Relation, sentences_of: dict[str, set[int]] | None = None) -> Relation:
    """A relation read from the whole document is shown with a sentence that names both
    ends when there is one (贵阳市 … 贵州省), else with the sentence naming the subject."""
    if sentences_of is None:
        sentences_of = {}
        for mention in doc.mentions:
            sentences_of.setdefault(mention.label, set()).add(mention.sentence)
    both = sorted(sentences_of.get(relation.subject.label, set()) & sentences_of.get(relation.object.label, set()))
    if both:
        relation.sentence = both[0]
    return relation


def unique_relations(relations: list[Relation]) -> list[Relation]:
    """One relation per (predicate, subject label, object label), the first read."""
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for relation in relations:
        key = (relation.predicate, relation.subject.label, relation.object.label)
        if key not in seen and relation.subject.label != relation.object.label:
            seen.add(key)
            kept.append(relation)
    return kept
