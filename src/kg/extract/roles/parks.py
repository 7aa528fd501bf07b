"""Parks and what is in them: projects in a park (kg:partOf), firms that settle there
(kg:settledIn), parks made of parks, the park a sentence is set in.
"""
from __future__ import annotations

import bisect
import re

from kg.doc import Doc, Mention, Relation
from kg.extract.relate import INNER_RULES, _is_bare_suffix, headline_end, role_of, signed_only
from kg.extract.roles.common import (
    CLAUSE_BREAK,
    COMMA,
    OPENERS,
    _cue_gap,
    _flat,
    _gap,
    _lines,
    by_sentence,
    cues,
    is_actor_body,
    is_company,
)
from kg.extract.roles.speakers import PARK_TAIL, reporting_area, reporting_park


LIST_MARKS = "、和及"

# 该项目将建设年产10万吨辣椒生产线…: a sentence on a work named before lists its parts
THAT_WORK = re.compile(r"^(?:[^，,。；;]{0,12}[，,])?(?:该|此|这个)(?:项目|工程)")


def _of_a_named_work(doc: Doc, mention: Mention) -> bool:
    """Is the mention written in a sentence about a project named before it (该项目将建设…)?
    Its lines and workshops are that project's parts, not works of their own in the park."""
    sentence = doc.sentences[mention.sentence]
    return bool(THAT_WORK.match(doc.text[sentence.start:mention.start].strip()))


def park_document(doc: Doc) -> list[Relation]:
    """In a park's own document, the projects and firms it lists without another park
    are in that park (partOf for projects, settledIn for firms). Not when the headline names a
    second park or is a signing, nor a firm whose official speaks, nor a name read inside
    another, nor what a sentence brings into another park it names."""
    park = reporting_park(doc, reporting_area(doc))
    if park is None or _headline_of_another_park(doc, park) or signed_only(doc.text[:headline_end(doc)]):
        return []  # (…开发区举行重大项目集中签约仪式: the news lists what was signed, not yet what is there)
    placed = {r.subject.label for r in doc.relations if r.predicate in ("partOf", "settledIn")}
    other_parks: dict[int, list[Mention]] = {}  # sentence -> the parks other than the document's it sets things in
    for mention in doc.mentions:
        if mention.type == "Park" and not _form_of(mention, park) and mention.rule not in INNER_RULES \
                and not _listed_item(doc, mention):
            other_parks.setdefault(mention.sentence, []).append(mention)
    found: list[Relation] = []
    for mention in doc.mentions:
        # (a firm read only inside a project's name, 一汽丰田(长春)发动机有限公司|6ZR发动机技改升级, is
        # part of that name: GUIDELINES "Names inside names")
        if mention.label in placed or mention.label == park.label or mention.rule in INNER_RULES + ("nested",):
            continue
        if _of_a_named_work(doc, mention) or _speaks_for(doc, mention):
            continue
        if any(other.end <= mention.start for other in other_parks.get(mention.sentence, ())):
            continue  # 加快推进东盟电子信息产业园中园建设，引进A、B等企业: the park the sentence names holds them
        if mention.type == "Project":
            found.append(Relation("partOf", mention, park, mention.sentence, "park-document"))
        elif is_company(mention) or _tagged_firm(mention):
            found.append(Relation("settledIn", mention, park, mention.sentence, "park-document"))
        else:
            continue
        placed.add(mention.label)
    return found


def _headline_of_another_park(doc: Doc, park: Mention) -> bool:
    """Does the headline name a second park beside the document's (乐山高新区 总部经济聚集区建设
    加速推进)? The news is then about a park within it, and its lists may be in either."""
    end = headline_end(doc)
    return any(m.type == "Park" and m.start < end and m.rule not in INNER_RULES and not _form_of(m, park)
               for m in doc.mentions)


def _form_of(mention: Mention, park: Mention) -> bool:
    """Is the park name a form of the document's park (淮安经开区 for 淮安经济技术开发区, 贵州大龙开发区
    for 大龙经济开发区: a province's name may go before it)?"""
    same_place = park.label[:2] in mention.label[:4] or mention.label[:2] in park.label[:4]
    return mention.label == park.label or (same_place and bool(PARK_TAIL.search(mention.label)))


def _listed_item(doc: Doc, mention: Mention) -> bool:
    """Is the name an item of a list (A、B产业园、C项目), not a place the sentence is set in?"""
    return doc.text[mention.start - 1:mention.start] in LIST_MARKS or doc.text[mention.end:mention.end + 1] in LIST_MARKS + "等"


# 吉林中粮生物材料有限公司相关负责人说, 中交一公局三公司项目副经理孙泽文说: the firm whose
# official speaks, which the sentence does not place anywhere
OFFICIAL_LEAD = re.compile(r"(?:相关|项目|的)?")


def _speaks_for(doc: Doc, mention: Mention) -> bool:
    """Is the firm named as the employer of an official who speaks or attends?"""
    lead = OFFICIAL_LEAD.match(doc.text, mention.end)
    return doc.text.startswith(cues("official"), lead.end())


# 作为城市形象门户与赋能中心，中央创新区已累计引进…: a role the subject is given first
AS_ROLE = re.compile(r"^作为[^，,。；;]{1,24}[，,]")


def _by_line(mentions: list[Mention], lines: list[tuple[int, int]]) -> list[list[Mention]]:
    """The mentions that start on each line, in their order: one pass, not a scan of every
    mention per line (lines are in text order and do not overlap)."""
    starts = [start for start, _end in lines]
    found: list[list[Mention]] = [[] for _ in lines]
    for mention in mentions:
        line = bisect.bisect_right(starts, mention.start) - 1
        if line >= 0:
            found[line].append(mention)
    return found


def park_paragraph(doc: Doc) -> list[Relation]:
    """A paragraph that opens with a park as its subject (作为…，中央创新区已累计引进…；落地…项目
    11个，包括未来创元中心、盈创中心…) goes on about that park: the projects and firms its
    sentences name, where no other park or area comes first in their sentence, are in it."""
    placed = {r.subject.label for r in doc.relations if r.predicate in ("partOf", "settledIn")}
    found: list[Relation] = []
    headline = headline_end(doc)
    lines = _lines(doc)
    for (start, end), on_line in zip(lines, _by_line(doc.mentions, lines)):
        if start < headline < end:
            start = headline  # (a headline joined to the first paragraph is no part of it)
        inside = [m for m in on_line if start <= m.start and m.end <= end and m.rule not in INNER_RULES]
        if not any(m.type == "Park" for m in inside):
            continue  # (most lines: no park to open them)
        flat = _flat(inside)
        if not flat or flat[0].type != "Park":
            continue
        park = flat[0]
        lead = doc.text[start:park.start].strip()
        lead = AS_ROLE.sub("", FRAME_LEAD.sub("", OPENERS.sub("", lead)))
        if lead:
            continue
        for mention in flat[1:]:
            if mention.label in placed or mention.label == park.label or _of_a_named_work(doc, mention) \
                    or _speaks_for(doc, mention) or role_of(doc, park, mention):
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


# 产业园包括三个核心主体项目，A、B…: a sentence that opens on a park's head word alone, then a
# word of making up
ANAPHOR_MADE_OF = re.compile(r"(?:该|这个|此|本)?(产业园|工业园|园区|开发区|基地)(?:主要)?(?:包括|包含|涵盖)")
MADE_OF_WORD = re.compile(r"包括|包含|涵盖")  # (the words ANAPHOR_MADE_OF needs)
ANAPHOR_REACH = 3  # sentences back to look for the park the head word refers to


def park_anaphor_parts(doc: Doc) -> list[Relation]:
    """华资绿色低碳洗选综合利用产业园，总投资20.5亿元…。产业园包括三个核心主体项目，A、B…: a
    sentence that opens with a park's head word alone (产业园, 该园区) and a word of making up
    lists the projects of the park named last before it with that head; they are its parts."""
    found: list[Relation] = []
    grouped = by_sentence(doc.mentions)
    for sentence in doc.sentences:
        if not MADE_OF_WORD.search(sentence.text):
            continue  # (most sentences: no word of making up, no need to strip their openers)
        lead = OPENERS.sub("", sentence.text.strip())
        opening = ANAPHOR_MADE_OF.match(lead)
        if opening is None:
            continue
        head = opening.group(1)
        parks = [m for k in range(max(0, sentence.index - ANAPHOR_REACH), sentence.index) for m in grouped.get(k, ())
                 if m.type == "Park" and m.rule not in INNER_RULES + ("nested",) and (head == "园区" or m.label.endswith(head))]
        if not parks:
            continue
        park = max(parks, key=lambda m: m.start)
        for mention in _flat(grouped.get(sentence.index, [])):
            if mention.type in ("Park", "AdministrativeArea"):
                break  # (a place of its own: what follows may be there)
            if mention.type == "Project":
                found.append(Relation("partOf", mention, park, mention.sentence, "park-anaphor"))
    return found


def _tagged_firm(mention: Mention) -> bool:
    """An organisation the learned tagger read (天合光能, 中科电气) that is no body: in a park's
    own news such names are its firms."""
    return mention.type == "Organization" and mention.rule == "tagger" and not is_actor_body(mention)


def _own_address(doc: Doc, item: Mention) -> bool:
    """Does a listed name open with an area's name of its own (瓶窑镇西溪小学)?"""
    return any(m.type in ("AdministrativeArea", "Park") and m.start == item.start and m.end < item.end
               for m in doc.mentions)


def in_park(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """A project or firm in a park: 综保区的X, 综保区内X, 在综保区建设X; a company that
    落户/入驻/落地 a park or area (kg:settledIn)."""
    flat = _flat(mentions)
    found: list[Relation] = []
    for index, (left, right) in enumerate(zip(flat, flat[1:])):
        gap = _gap(doc, left, right)
        if (left.start, left.end) == (right.start, right.end):
            continue  # 表面产业园(二期) read both as a park and as a project: one thing, not holder and held
        if left.type == "Park" and right.type in ("Project", "Organization") and not is_actor_body(right):
            # 沃丰德产业园建设项目、许昌正德公司: a list separator says both are items, not holder and held
            if gap in ("", "的", "内", "内的", "里", "中") or (_cue_gap(gap, cues("builds"), 8) and not re.search(r"[、和及]$", gap)):
                # 长春高新区长春中关村信息谷创新中心、金赛生长激素等新建项目: the whole list
                items = [right]
                # 未来科技城和良渚新城的人才房项目、城西第一初级中学: the park is one item of a list
                # itself, so its 的 reaches only the next name, not the list's other items
                in_list = doc.text[left.start - 1:left.start] in ("、", "和", "及", "与")
                for nxt in flat[index + 2:]:
                    if in_list or nxt.type not in ("Project", "Organization") or _gap(doc, items[-1], nxt) not in ("、", "和", "及"):
                        break
                    if _own_address(doc, nxt):
                        break  # 瓶窑镇西溪小学: an item with its own place is not in the park
                    items.append(nxt)
                found.extend(Relation("partOf" if item.type == "Project" else "settledIn", item, left, left.sentence,
                                      "park-holds") for item in items if not is_actor_body(item))
        elif left.type in ("Project", "Organization") and right.type in ("Park", "AdministrativeArea") \
                and not is_actor_body(left) and (_cue_gap(gap, cues("settles"), 10) or _dated_settling(gap)):
            if left.type == "Project" and right.type == "Park":
                found.append(Relation("partOf", left, right, left.sentence, "settles"))
            elif left.type == "Organization":
                found.append(Relation("settledIn", left, right, left.sentence, "settles"))
    return found


# 天胶木业家具厂，于2006年进驻景洪工业园区: the date of the settling set apart after the firm
DATED_SETTLING = re.compile(r"[，,]于[^，,。；;、]{1,12}?$")


def _dated_settling(gap: str) -> bool:
    """Is the gap a comma, 于 and a date, then a settling verb (，于2006年进驻)?"""
    verb = next((w for w in cues("settles") if gap.endswith(w)), None)
    return verb is not None and bool(DATED_SETTLING.match(gap[:-len(verb)]))


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


# Right before a park that a park's sentence says is built: the park builds it inside itself.
BUILT_HERE = ("建设", "新建", "投资建设", "开工建设", "规划建设")


FRAME_LEAD = re.compile(r"^在[^，,。；;]{1,24}中[，,]")
MEANS_LEAD = ("以", "依托", "借助", "通过")  # 以X为龙头: a park the sentence works through


def park_subject(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """A sentence whose subject is a park (绥化经济开发区引进江苏远景集团…, 常州高新区…殷拓
    智慧供应链、克福斯弹簧等一批优质外资项目相继落户, 目前，示范区已集聚奇安信、华云谷等一批
    企业): the projects and firms it says come, start or are built there are in the park."""
    flat = _flat(mentions)
    if not flat or flat[0].type != "Park":
        return []
    sentence = doc.sentences[flat[0].sentence]
    park = flat[0]
    # 在11个投资超10亿元的大项目中，绥化经济开发区引进…: a frame before the subject
    lead = FRAME_LEAD.sub("", OPENERS.sub("", doc.text[sentence.start:park.start].strip()))
    if lead.endswith(MEANS_LEAD):
        return []  # 以宝德未来科技城为龙头加快…，A、B等项目将落户: the park is the means, not the subject
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
        if mention.type == "Park" and head.endswith(BUILT_HERE) and not COMMA.search(head):
            # 绥化经济开发区引进江苏远景集团拟投资20亿元建设远景低碳产业园: a park built inside it
            found.append(Relation("partOf", mention, park, park.sentence, "park-subject"))
            continue
        if not any(w in head[-12:] + tail for w in cues("settles") + cues("brings")):
            continue
        if mention.type == "Project":
            found.append(Relation("partOf", mention, park, park.sentence, "park-subject"))
        elif is_company(mention) and not COMPANY_MODIFIES.match(doc.text, mention.end):
            found.append(Relation("settledIn", mention, park, park.sentence, "park-subject"))
    return found


def _park_of_facility(place: Mention, mentions: list[Mention]) -> Mention | None:
    """The park a facility's name opens with (南充高新技术产业园区|科创中心): the place is in it.
    Not a body's or a company's name (贵阳经开区管委会, …产业园发展有限公司)."""
    if place.type != "Organization" or is_actor_body(place) or is_company(place):
        return None
    return next((m for m in mentions if m.type == "Park" and m.start == place.start and m.end < place.end), None)


def park_frame(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """虎门镇电子产业园内，富士高电声科技的新厂房… / 在南充高新技术产业园区科创中心，四川神舟
    微科电子有限公司的厂房内…: a sentence that opens on a place in a park sets its scene
    there; the projects and firms its next clause opens with are in the park."""
    flat = _flat(mentions)
    if len(flat) < 2:
        return []
    park = flat[0] if flat[0].type == "Park" else _park_of_facility(flat[0], mentions)
    if park is None:
        return []
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


def policies_of_parks(doc: Doc) -> list[Relation]:
    """贵州科学城空间布局规划, 宜宾三江新区条例, 湘乡经开区调区扩区方案: a policy whose name opens
    with the name of a park (or new area) the document names on its own is that park's own
    (kg:implements: the park carries it out). The longest such name wins (贵阳经济技术开发区
    over 贵阳)."""
    places: dict[str, Mention] = {}
    for mention in doc.mentions:
        if mention.rule in INNER_RULES + ("nested",) or _is_bare_suffix(mention.label):
            continue  # (高新区 alone names no park: GUIDELINES "Bodies")
        if mention.type == "Park" or (mention.type == "AdministrativeArea" and mention.label.endswith("新区")):
            places.setdefault(mention.label, mention)
    found: list[Relation] = []
    done: set[str] = set()
    for policy in doc.mentions:
        if policy.type != "Policy" or policy.label in done:
            continue
        owners = [p for name, p in places.items() if len(name) >= 3 and policy.label.startswith(name)
                  and len(policy.label) > len(name) + 1]
        if owners:
            park = max(owners, key=lambda p: len(p.label))
            found.append(Relation("implements", park, policy, policy.sentence, "park-policy"))
            done.add(policy.label)
    return found


# Between a project (and what the sentence first says of it) and the park whose work the
# sentence then calls it: X于今年3月签约落户靖江，是我市航天动力产业园…的又一重大项目
PARK_WORK_IS = re.compile(r"(?:[^，,。；;]{0,16}?[，,])?(?:该项目)?(?:也|则|就)?是(?:我市|我区|我县|全市|全区|全县)?")
# after the park: 的 and the kind of work (“链上开花”的又一重大项目, 引进的首个外资项目)
PARKS_WORK = re.compile(r"[^，,。；;]{0,20}?的[^，,。；;、]{0,12}?项目")


def project_of_park(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """航天新材料及部件成型装备项目于今年3月签约落户靖江，是我市航天动力产业园“链上开花”的又一
    重大项目: a project the sentence calls one of a park's projects is in that park."""
    # (an area the first clause names, 落户靖江, is no park and stands between)
    flat = [m for m in _flat(mentions) if m.type != "AdministrativeArea"]
    return [Relation("partOf", work, park, work.sentence, "park-work")
            for work, park in zip(flat, flat[1:])
            if work.type == "Project" and park.type == "Park" and park.rule not in INNER_RULES
            and PARK_WORK_IS.fullmatch(_gap(doc, work, park)) and PARKS_WORK.match(doc.text, park.end)]


# Between a project and the park a later clause of its sentence sites it in: ，总投资208亿元，拟在
# (then only area names, 岳阳市云溪区, before the park)
SITED_IN = re.compile(r"[^。；;！？!?]{0,40}[，,](?:拟|将|计划|预计|正在|已)?(?:选址于?|落户|落地|建在|位于|坐落于|在)")


def project_sited_in_park(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """该项目为年产60万吨己内酰胺…项目，总投资208亿元，拟在岳阳市云溪区湖南岳阳绿色化工产业园
    新征土地上…建设: a project whose sentence goes on to place it in a park is in that park.
    Only area names may stand between the verb and the park."""
    flat = _flat(mentions)
    found: list[Relation] = []
    for index, work in enumerate(flat):
        if work.type != "Project":
            continue
        rest = flat[index + 1:]
        park = next((m for m in rest if m.type != "AdministrativeArea"), None)
        if park is None or park.type != "Park" or park.rule in INNER_RULES:
            continue
        verb = SITED_IN.match(doc.text, work.end, park.start)
        if verb is None:
            continue
        between = [m for m in rest if m.start < park.start]
        # what follows the verb is only the park's address: area names written one after another
        position = verb.end()
        for area in between:
            if area.start < position:
                continue
            if area.start != position:
                break
            position = area.end
        if position == park.start:
            found.append(Relation("partOf", work, park, work.sentence, "sited-in-park"))
    return found
