"""The report's own work: who carries out a programme or policy (kg:implements), who issued
a policy (kg:issuedBy), what a notice sends out and to whom, and what a policy is based on.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.doc import Doc, Mention, Relation
from kg.extract.lexicon import any_of, data_lines
from kg.extract.relate import INNER_RULES, short_forms
from kg.extract.roles.common import (
    CLAUSE_BREAK,
    COMMA,
    COUNTED,
    DATE_LINE,
    NATIONAL_BODIES,
    OPENERS,
    WORK_TYPES,
    _flat,
    _forms,
    _gap,
    _lines,
    _one_clause,
    by_sentence,
    clause_opening,
    cue_pattern,
    cues,
    is_actor_body,
    is_qualified,
    speaks_for_area,
)
from kg.extract.roles.slogans import SPACES, closing_quote, is_verb_phrase, slogan_reading
from kg.extract.roles.speakers import FRAME_HEAD, reporting_area, reporting_park

# Names read as programmes or policies that are no work an area carries out: an event, a
# people, a counted set of industries, a title won... (data/not_work.txt says each, with examples).
NOT_WORK = re.compile("|".join(data_lines("not_work.txt")))


# Verbs that win an honour rather than carry out work: 获评“…”实践创新基地, 上榜“…”名单.
HONOUR_VERBS = ("获评", "入选", "上榜", "荣获", "评为", "获得", "获", "跻身", "成为")


GOVERN_WINDOW = 8  # characters before a bare slogan where its verb stands: 深入实施“…”


# Verbs that study or weigh a programme rather than carry it out.
STUDY_VERBS = ("领会", "考虑", "参考", "借鉴", "拥护")  # 衷心拥护“两个确立”: held, not carried out
STUDIED = any_of(STUDY_VERBS)


def acting_body(doc: Doc, work: Mention, mentions: list[Mention]) -> Mention | None:
    """The body that the work's sentence names before it as the actor (花溪区人大常委会…开展
    “双岗建功”活动): the nearest body before the work in the same sentence."""
    before = [m for m in mentions if m.end <= work.start and is_actor_body(m) and m.sentence == work.sentence
              and m.label not in NATIONAL_BODIES]  # 落实国务院《…》: the state issues, the area acts
    if not before or COMMA.search(_gap(doc, before[-1], work)) and len(_gap(doc, before[-1], work)) > 30:
        return None
    body = before[-1]
    after = doc.text[body.end:body.end + 4].lstrip()
    if after.startswith(cues("source") + cues("official")):
        return None  # 从牡丹江市工信局获悉, 管委会副主任张三介绍: a source or its official speaking, not the actor
    if any(m.type == "Policy" and body.end <= m.start and m.end <= work.start for m in mentions if m is not work):
        return None  # 国家发展改革委《A》和省委省政府《B》: the body of A, not the one that carries out B
    return body


def issuers(doc: Doc, policy: Mention, mentions: list[Mention]) -> list[Mention]:
    """Bodies that issue a policy: named at its head (中共花溪区委 花溪区人民政府关于…), or
    before it with an issuing verb (市政府印发《…》)."""
    inside = [m for m in mentions if policy.start <= m.start and m.end <= policy.end and m is not policy
              and is_actor_body(m) and "关于" in doc.text[m.end:policy.end]]  # (the text: a book title's label drops its 《)
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


# The office that issues for a government (嘉兴市人民政府办公室, 中共X市委办公厅).
GOVERNMENT_OFFICE = re.compile(r"(人民政府|政府|委)(办公室|办公厅)$")
# What follows the area's name in its own government's (市人民政府, 委, 人民政府办公室)
OWN_GOVERNMENT_REST = re.compile(r"[省市区县州旗盟]?(人民政府|政府|委员会|委|党委|党工委)(办公室|办公厅)?")


def issued_by_own_government(doc: Doc, relations: list[Relation]) -> list[Relation]:
    """东莞市人民政府办公室关于东莞市深化…的实施意见, 东丽区人民政府关于印发…纲要的通知: a policy
    that the reporting area's own government, party committee or their office issues is the
    area's own work (GUIDELINES: the area's government speaking gives the work to the area),
    beside its issuer. Not a proposal for drafting a plan (关于制定…的建议), which the area
    does not carry out, nor a reply approving another's request (关于同意建设…的批复), which the
    area asking carries out; and not a body of another area or a department (市发改委)."""
    area = reporting_area(doc)
    if area is None:
        return []
    forms = [form for form in _forms(area) if len(form) >= 2]
    found: list[Relation] = []
    for relation in relations:
        policy, body = relation.subject, relation.object
        if relation.predicate != "issuedBy" or PROPOSAL.search(policy.label) or policy.label.endswith("批复"):
            continue
        if not (speaks_for_area(body) or GOVERNMENT_OFFICE.search(body.label)):
            continue
        name = body.label.removeprefix("中共")
        # the area's own, not a lower level's named after it (嘉兴市秀洲区人民政府 in a 嘉兴市 text)
        if any(name.startswith(form) and OWN_GOVERNMENT_REST.fullmatch(name[len(form):]) for form in forms):
            found.append(Relation("implements", area, policy, policy.sentence, "area-government"))
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
        heading = is_heading(doc, sentence.index)
        if heading and (text.startswith("—") or text.endswith("—")):
            named = [m for m in by_sentence.get(sentence.index, [])
                     if (is_actor_body(m) and is_qualified(m)) or m.type == "Park"
                     or (m.type == "AdministrativeArea" and m.rule not in INNER_RULES)]
            speaker = named[-1] if named else None
            if speaker is None or speaks_for_area(speaker) or (
                    area is not None and speaker.type == "AdministrativeArea" and (speaker.ref or speaker.label) == (area.ref or area.label)):
                current = None
            else:
                current = speaker
        elif heading and LETTERED_HEADING.match(text):
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
    clause_start = clause_opening(doc.text, sentence.start, work.start)
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


# A party committee's proposal for a plan (中共X市委关于制定…五年规划的建议): issued by the
# committee, carried out only through the plan the government then drafts.
PROPOSAL = re.compile(r"^(中共.{1,12}委)?关于制定.*的建议$")


def own_work(doc: Doc) -> list[Relation]:
    """Each programme and policy of a document with its implementer, and policies with
    their issuers."""
    area = reporting_park(doc, reporting_area(doc)) or reporting_area(doc)
    own_forms = _forms(area) if area else set()
    other_areas = _area_forms(doc) - own_forms
    grouped = by_sentence(doc.mentions)
    speakers = section_speakers(doc, grouped, area)
    found: list[Relation] = []
    for work in doc.mentions:
        if work.type not in WORK_TYPES or NOT_WORK.search(work.label) or not names_work(doc, work):
            continue
        sentence_mentions = grouped[work.sentence]
        if work.type == "Policy":
            bodies = issuers(doc, work, sentence_mentions)
            found.extend(Relation("issuedBy", work, body, work.sentence, "issuer") for body in bodies)
            if bodies and not all(body.label in NATIONAL_BODIES for body in bodies):
                continue  # a policy and its issuer: who carries it out is not said
        if PROPOSAL.search(work.label):
            continue  # 关于制定…规划的建议: advice on drafting the plan, which is what the area carries out
        agent = implementer(doc, work, sentence_mentions, speakers.get(work.sentence), area)
        if agent is area:
            agent = addressed_area(doc, work, area) or agent
        if agent is None:
            continue
        if agent is area and _names_other_area(work.label, other_areas, own_forms, area.sub != "Province") \
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
    if work.type != "Policy":
        return False
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
    policies: dict[int, list[Mention]] = {}  # by sentence (a scan of all mentions per sentence was quadratic)
    for mention in doc.mentions:
        if mention.type == "Policy":
            policies.setdefault(mention.sentence, []).append(mention)
    for sentence in doc.sentences:
        text = doc.text[sentence.start:sentence.end]
        cue = BASIS_CUE.search(text)
        if cue is None:
            continue  # (most sentences: nothing cited, whatever the verb)
        drawn = DRAWN_UP.search(text)
        named = DRAWN_UP_NAMED.search(text)
        mentions = policies.get(sentence.index, [])
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
        if target is None or sentence.start + cue.start() >= limit:
            continue
        cited = [m for m in _flat(mentions) if sentence.start + cue.start() <= m.start and m.end <= limit]
        for policy in cited:
            # 《…关于印发〈A〉的通知》: the notice stands for A
            inner = [m for m in mentions if m is not policy and policy.start < m.start and m.end < policy.end]
            basis = inner[-1] if inner and "印发" in policy.label else policy
            if basis.label != target.label:
                found.append(Relation("basedOn", target, basis, sentence.index, "based-on"))
    return found


# Words citing a policy a plan is drawn up from (根据《A》…编制) without saying the area
# carries it out (落实《A》, 贯彻《A》 do say so).
DRAWN_FROM = re.compile(r"(根据|依据|按照|遵照)")
CARRY_OUT_CUE = re.compile(r"(贯彻|落实|执行|为实施)")


def sources_not_own_work(doc: Doc, relations: list[Relation]) -> list[Relation]:
    """A policy the document's own plan is only drawn up from (根据《浙江省数字经济促进条例》
    …编制本规划) is its source, not work the reporting area carries out: the area carries out
    the plan made from it (kg:basedOn says the rest; GUIDELINES: the implementer of a
    report's *own* work). A source cited after 落实/贯彻 stays the area's work."""
    sources: set[str] = set()
    for relation in relations:
        if relation.predicate != "basedOn":
            continue
        basis = relation.object
        sentence = doc.sentences[basis.sentence]
        lead = doc.text[sentence.start:basis.start]
        cues_before = [*DRAWN_FROM.finditer(lead), *CARRY_OUT_CUE.finditer(lead)]
        if cues_before and DRAWN_FROM.match(max(cues_before, key=lambda m: m.start()).group()):
            sources.add(basis.label)
    return [r for r in relations
            if not (r.predicate == "implements" and r.rule == "reporting-area" and r.object.label in sources)]


def verb_work_checked(doc: Doc, relations: list[Relation]) -> list[Relation]:
    """`relate` links a body to the programme after its verb (花溪区人民法院开展“…”活动)
    without asking what the programme is; the checks the report's own work passes apply to
    it too: an event (…开放日活动) or a slogan that only modifies a field or a tool is no
    programme anyone carries out. An area read inside a park's or a body's name (常州 of
    常州经开区启动实施…行动) is not the actor: the park or body whose name holds it is (inside
    a plan's name, 曲靖市…实施方案为贯彻落实《…》, the area stays: the plan is its own)."""
    checked: list[Relation] = []
    for relation in relations:
        if relation.predicate == "implements" and relation.rule == "implement-verb":
            if NOT_WORK.search(relation.object.label) or modifies_thing(doc, relation.object):
                continue
            if relation.object.rule in ("quoted", "quoted+head"):
                reading = slogan_reading(doc, relation.object, _clause_before(doc, relation.object))
                if reading is not None and not reading.names_programme:
                    continue  # 践行“三法三化”, 紧盯“1422”目标: no programme carried out
            holder = _holder(doc, relation.subject) if relation.subject.rule in INNER_RULES else None
            if holder is not None:
                relation = Relation("implements", holder, relation.object, relation.sentence, relation.rule)
        checked.append(relation)
    return checked


def _enclosed_in_quotes(doc: Doc, work: Mention) -> bool:
    """Is the name written inside quotes of its own (“争当表率、争做示范、走在前列”)?"""
    return work.start > 0 and doc.text[work.start - 1] in "“\"" and doc.text[work.end:work.end + 1] in ("”", "\"")


def _inside_title(doc: Doc, work: Mention) -> bool:
    """Does the slogan stand inside a title in book-title marks, opened before it in its
    sentence and going on after it (…“一件事”申请书》)? One that ends the title
    (《工业大企业大集团培育“领航计划”》) is the title's own head: the programme."""
    sentence = doc.sentences[work.sentence]
    opened = doc.text.rfind("《", sentence.start, work.start)
    if opened < 0 or "》" in doc.text[opened:work.start]:
        return False
    closed = doc.text.find("》", work.end, sentence.end)
    return closed >= 0 and "《" not in doc.text[work.end:closed] and doc.text[work.end:closed].strip("”\" ") != ""


def _clause_before(doc: Doc, work: Mention) -> str:
    """The text of the work's clause before it."""
    sentence = doc.sentences[work.sentence]
    clause_start = clause_opening(doc.text, sentence.start, work.start)
    return doc.text[clause_start:work.start]


def _holder(doc: Doc, inner: Mention) -> Mention | None:
    """The park or organisation whose name holds an area read inside it."""
    holders = [m for m in doc.mentions if m.start <= inner.start and inner.end <= m.end and m is not inner
               and m.type in ("Park", "Organization")]
    return max(holders, key=lambda m: m.end - m.start, default=None)


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


# The rest of a list of quoted slogans that a work opens (“…”、“…”和“…”): read past to the
# word that says what the list is.
QUOTED_LIST = re.compile(r"^(”?[、和及与]?“[^”]{1,20}”)+")


# An honour verb (HONOUR_VERBS of two characters or more) in the last GOVERN_WINDOW
# characters before the work: 获评“…”, 入选…名单.
HONOURED = any_of(v for v in HONOUR_VERBS if len(v) > 1)
TURNED_INTO = re.compile(r"[”\"]?(变成|变为|转为|转向|转化为|转变)")
A_PERIOD = re.compile(r"[”》]?(的)?(收官|开局|起步|谋篇|关键|[0-9一二三四五六七八九十百]+周年)")
QUOTED_LIST_END = re.compile(r"(“[^”]{1,20}”[、和及与]?)+$")


def _before_quoted_list(before: str) -> str:
    """`before` without the list of quoted slogans it ends with (“一日办”“一周办”、), if any."""
    end = before[:-1] if before.endswith("\n") else before  # ($ matches before a last line break too)
    if not (end.endswith("”") or end[-1:] in "、和及与" and end[-2:-1] == "”"):
        return before  # (no list ends it: spares a search that tries every character)
    return QUOTED_LIST_END.sub("", before)


def names_work(doc: Doc, work: Mention) -> bool:
    """Does the sentence present the mention as work someone carries out? A bare quoted
    slogan (“云端智控”, “奋进合音”) only when a governing verb stands just before it or
    before the list it heads (实施“四大战略”, 聚焦“三品一菜”、“两药一械”); a named programme
    (…行动, 《…规划》) always, unless the sentence says it was won as an honour."""
    sentence = doc.sentences[work.sentence]
    before = _clause_before(doc, work)
    if HONOURED.search(before, max(0, len(before) - GOVERN_WINDOW)):
        return False
    if before.endswith("获"):
        return False  # 成效获贵州改革工作动态刊发: a publication or honour, not work
    if work.rule == "quoted" and (before.endswith("从") or TURNED_INTO.match(doc.text[work.end:work.end + 4])):
        return False  # 推动“民生愿景”变成“幸福实景”, “卖酒”向“卖生活方式”转变: a figure of speech
    if work.rule == "quoted" and (QUALITY_AFTER.match(doc.text, work.end) or ACHIEVED_AFTER.match(doc.text, work.end)):
        return False  # 发挥“一业带百业”的巨大潜力, 发挥“千亿县”带动作用, 以“五个新”的亮眼成绩: a quality, not work
    if STUDIED.search(before, max(0, len(before) - GOVERN_WINDOW - 4)):
        return False  # 深刻领会“五个必须”的核心要义, 统筹考虑“强省会”目标要求: studied, not carried out
    if cue_pattern("applies").search(before, max(0, len(before) - GOVERN_WINDOW)):
        return False  # 积极争取城市全域数字化转型试点, 共同申报…工程: sought, not yet carried out
    if _reviewed(doc, work, before):
        return False  # 扎实开展“十五五”规划纲要编制…专题调研, 审议《…规划》: reviewed, not carried out
    if _described(before):
        return False  # 全面彰显“七个新担当”: a slogan shown, not work carried out
    if _heads_other_name(doc, work):
        return False  # “小型商业飞船”制造基地, 中央八项规定精神学习教育: a word of a longer name
    if work.type == "Policy" and DRAFTED_WITH.search(before) and DRAFTING.match(doc.text, work.end):
        return False  # 积极参与《…规划》编制: a higher level's plan helped to draft, not carried out
    if work.type == "Policy" and INCLUDED_IN.search(before):
        return False  # 纳入粤港澳大湾区城市发展规划的重大发展平台: a place in someone's plan, not the plan carried out
    if QUOTED_CLAUSE.search(work.label):
        return False  # 围绕“把潮州建设得更加美丽”发展目标: a goal written as a sentence, no programme's name
    if A_PERIOD.match(doc.text[work.end:work.end + 5]):
        return False  # 2025年是“十四五”规划的收官之年, 2023年是实施“八八战略”20周年: a period, not work done
    if work.label.endswith("计划") and work.rule != "book" and PLANS_TO.match(doc.text, work.end):
        return False
    if work.rule in ("quoted", "quoted+head") and _inside_title(doc, work):
        # 《企业迁移登记“一件事”申请书》, 《“三个一”工作模式赋能基层社会治理》: words of a form's or an article's title
        return False
    if work.rule not in ("quoted", "quoted+head"):
        if _enclosed_in_quotes(doc, work):  # a quoted slogan read by another rule (the tagger's)
            reading = slogan_reading(doc, work, before)
            if reading is not None and not reading.names_programme:
                return False  # 深入践行“争当表率、争做示范、走在前列”新使命: a principle held
        return not is_verb_phrase(work.label)  # (一)突出服务和融入国家重大战略: a heading's verb phrase
    if modifies_thing(doc, work):
        return False  # 聚焦“五大五小”产业, 推出“贵人智办”AI助手, “15+”产业链: the thing is the field or tool
    reading = slogan_reading(doc, work, before)
    if reading is not None and not reading.names_programme:
        return False  # 坚持“投资必问效、无效必问责”, 紧盯“1422”目标, 打造“4+2”产业体系: no programme
    if work.rule != "quoted":
        return True
    # skip back over the list this slogan ends: “一日办”“一周办”“一月办”
    window = _before_quoted_list(before)
    clause_end = COMMA.search(doc.text, work.end, sentence.end)
    after = doc.text[work.end:clause_end.start() if clause_end else sentence.end]
    # the rest of the list this slogan opens, then the word that says what the list is
    # (“循环经济”、“弹性发展”、“工业旅游”的理念); spaces around quotes (“ 两个一百年 ” 奋斗目标) left out
    after = QUOTED_LIST.sub("", SPACES.sub("", after))[:GOVERN_WINDOW]
    if IDEA_AFTER.match(after):
        return False  # 践行“两山”理论, 实现“两个一百年”奋斗目标 (counted too): an idea or goal held, not work done
    if COUNTED.match(work.label):
        return True  # “四大战略”, “三大定位”: a counted set of tasks
    if _is_title(work.label) or _is_title(_listed_after(before)):
        # (瞄准“高端产业”和“产业高端”: a slogan joined to a title is read as one)
        return False  # 打造“智慧城市”, 瞄准“高端产业”: a title or a field aimed at, not work (not “十强产业”)
    near = window[-GOVERN_WINDOW:]
    return bool(cue_pattern("governs").search(near) or cue_pattern("governed").search(after))


def _is_title(label: str) -> bool:
    return bool(label) and label.endswith(cues("title")) and not COUNT_OPENING.match(label)


# A quoted slogan and a joining word right before this one: “高端产业”和“…
LISTED_BEFORE = re.compile(r"[“\"]([^”\"]{1,20})[”\"][和、与及]$")


def _listed_after(before: str) -> str:
    """The slogan this one is listed after (“高端产业”和“产业高端”), or ""."""
    found = LISTED_BEFORE.search(before)
    return found.group(1) if found else ""


# A slogan that opens with a count (“十强产业”, “4+X”产业): a counted set of tasks.
COUNT_OPENING = re.compile(r"^[一二两三四五六七八九十0-9]")


# A count and a scale between a quoted slogan and the noun it modifies: “一硬一软”两大产业,
# “三大类”43项指标, “绿色硅光伏、新能源电池”两个千亿级产业.
COUNT_SCALE = re.compile(r"^([0-9]+|[一二两三四五六七八九十百千万]+)(个|项|大|类|条|家|种)?([0-9一二三四五六七八九十百千万]*亿级)?")


def modifies_thing(doc: Doc, work: Mention) -> bool:
    """Is a quoted slogan only a modifier of the noun written right after its closing quote
    (role `thing` in role_cues.tsv: a field, an indicator, a tool, people; a count and scale
    may stand between): 聚焦“五大五小”产业, “三大类”43项指标, 推出“贵人智办”AI助手? The
    sentence is then about that thing, and the slogan names no programme. A slogan joined
    to its head describes only when the head is that noun alone (“15+”产业链, not “百万千”
    产业倍增计划, whose head is the plan)."""
    close = closing_quote(doc, work)
    if close < 0:
        return False
    if close + 1 < work.end:
        return doc.text[close + 1:work.end] in cues("thing")
    after = QUOTED_LIST.sub("", SPACES.sub("", doc.text[close + 1:close + 40]))
    after = COUNT_SCALE.sub("", after, count=1)
    return after.startswith(cues("thing"))


# What a quoted slogan is when the words after it call it a quality or a role it plays
# (发挥“一业带百业”的巨大潜力, 发挥寿光市“千亿县”带动作用) or a result shown (以“五个新”的亮眼成绩).
QUALITY_AFTER = re.compile(r"[”\"]?(的)?[^，,。；;、“”\s]{0,2}(潜力|作用|优势|效应|魅力)")
ACHIEVED_AFTER = re.compile(r"[”\"]?的[^，,。；;、“”\s]{0,3}(成绩|答卷|名片|形象|风采)")


# 参与《…》编制, 配合《…》起草: taking part in drafting a plan someone else makes.
DRAFTED_WITH = re.compile(r"(参与|配合|协助)[《〈]?$")
DRAFTING = re.compile(r"[》〉]?(的)?(编制|起草|制定|修订|研究制定)")


# 纳入《…规划》, 列入…规划: something of the area's included in a plan, not the plan carried out.
INCLUDED_IN = re.compile(r"(纳入|列入|写入|编入)[《〈“]?$")


# A quoted goal written as a sentence (“把潮州建设得更加美丽”) or a question (“山东走在前、滨州
# 怎么干”): a clause, not a name.
QUOTED_CLAUSE = re.compile(r"^把.{1,12}(建设|打造|建)(成|得)|得(更|更加|越来越)|怎么|如何")


def _reviewed(doc: Doc, work: Mention, before: str) -> bool:
    """Does a word of review or consultation (role `reviews`) stand just before the work
    (听取和审议《…》) or close the clause it stands in (开展《…》编制、…专题调研)? The body
    reviews or researches the work; who carries it out is not said."""
    if cue_pattern("reviews").search(before, max(0, len(before) - GOVERN_WINDOW)):
        return True
    sentence = doc.sentences[work.sentence]
    clause_end = CLAUSE_END.search(doc.text, work.end, sentence.end)
    rest = doc.text[work.end:clause_end.start() if clause_end else sentence.end].rstrip("”》\" ")
    return rest.endswith(cues("reviews"))


# The end of a clause after a work: a comma, a semicolon or the sentence's end.
CLAUSE_END = re.compile(r"[，,；;。]")


def _described(before: str) -> bool:
    """Is the verb nearest before the work one that shows or describes (全面彰显“…”) rather
    than one that carries out (凸显萧山坚持制造业立区战略: 坚持 is nearer)?"""
    window = _before_quoted_list(before)[-GOVERN_WINDOW:]
    if not cue_pattern("describes").search(window):
        return False  # (most windows: no word that describes, nothing to weigh)
    # 重点工作体现为“四个聚焦”: 体现为 says what the work is, not how it shows
    found = ((window.rfind(v), v) for v in cues("describes"))
    last_describe = max((at for at, v in found if not window.startswith("为", at + len(v))), default=-1)
    if last_describe < 0:
        return False
    last_govern = max((window.rfind(v) for v in cues("governs")), default=-1)
    return last_describe > last_govern


# 等, then a word for the kind of list: “中国数谷”“心学高地”等系列城市名片
LIST_KIND = re.compile(r"^[”\"]?(等)?(系列|一批)?(城市|区域|地方|产业)?")


@lru_cache(maxsize=1)
def frame_near_start() -> re.Pattern[str]:
    """A `frame` cue word starting within the first three characters (“两新”领域, 新国发2号文件重大机遇)."""
    return re.compile("(?s).{0,2}(?:" + cue_pattern("frame").pattern + ")")


def _heads_other_name(doc: Doc, work: Mention) -> bool:
    """Is the work only the first words of a longer name written on without a break (a field
    or a chance it names: “两新”领域, 新国发2号文件重大机遇), a
    product before the plant that makes it or the brand it is sold under (星际开发“小型商业
    飞船”制造基地, 打造“榆林煤”“榆林兰炭”品牌), or a regulation before the campaign named
    after it (深入贯彻中央八项规定精神学习教育)?"""
    after = doc.text[work.end:work.end + 16]
    head = QUOTED_LIST.sub("", after.lstrip("”》\" "))
    if frame_near_start().match(head):
        return True  # “两重”“两新”领域, 把握新国发2号文件重大机遇: the field or the chance, not the work
    if work.rule == "quoted":
        after = QUOTED_LIST.sub("", doc.text[work.end:work.end + 120])[:16]  # the rest of a list of names
        # 擦亮“中国数谷”“心学高地”等系列城市名片: what the list is, after 等 and a kind word
        after = LIST_KIND.sub("", after)
        return after.startswith(cues("product") + cues("campaign"))
    # 锂电智慧工厂整体解决方案提供商: what a firm sells, before the word for the firm
    return after.lstrip("”》").startswith(cues("campaign") + cues("maker"))


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
