"""Who does what: relations between projects, companies, parks, programmes, policies and
the bodies and areas behind them. A pipeline stage after `relate`; cue words come from
`data/role_cues.tsv`. Read with GUIDELINES "relations" (the implementer of a report's own
work is the area it speaks for).

- kg:implements (area, body or park -> programme or policy): a report's programmes are
  the work of the area it speaks for (花溪区 in a 花溪区 article, 贵阳市 in its work
  report), unless a dash heading gives the section to a body, park or other area
  (——花溪区政协2025年工作综述, 贵阳经开区——), a park opens the sentence, or the sentence
  names a qualified body before the programme (花溪区人民法院开展“…”活动). A bare quoted
  slogan counts as work only next to a governing verb (实施“四大战略”, “两区”建设); honours
  won (获评“…”), regions and plan periods do not.
- kg:issuedBy (policy -> body): the bodies a title names before 关于 (中共花溪区委 花溪区
  人民政府关于…若干措施), or a qualified body before 印发/出台《…》; the policy a notice
  issues (现将《…》印发给你们) by the bodies of its title line or the body signing above its date.
- kg:componentOf (part -> programme): 工业强区、创新兴区…“四大战略”; “四大战略”：A、B.
- kg:partOf (project -> park), kg:settledIn (firm -> park or area): 综保区的X, 长春高新区
  A、B等项目, X落户/入驻Y, A、B等12个项目签约落户Y, 开发区引进X, a park's own document.
- kg:investedBy / kg:builtBy / kg:operatedBy (project -> company): X投资建设的Y, X承建的Y,
  X运营的Y, X公司“Y项目”, Y由X(和Z)投资建设.
- kg:cooperatesWith: X(还)与A、B签约/签署/合作.
- kg:subOrganizationOf: A是B的全资子公司, B全资子公司A.
- kg:subOrganizationOf, kg:bodyOf: names built on another organisation's or a place's
  (北京协和医院贵州医院, 花溪区农业农村局, 贵安新区管委会).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from kg.doc import Doc, Mention, Relation
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
    """A body that acts on its own (人大常委会, 发改委, a park's 管委会), not a company."""
    return mention.type == "Organization" and is_body(mention.label)


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
# Achievements and titles written like slogans (17连增, 二十连丰, 九连冠): not work anyone carries out.
NOT_WORK = re.compile(r"^一[个张套条批][^、，]{2}$|(连增|连丰|连稳|连冠|强县|强区|百强|奖|重点村|重点镇|示范村|示范县|大湾区|经济带|经济圈)$|^(长三角|京津冀|珠三角)$|^[0-9·.]+$|%|^十[一二三四五六七八九]五$|^(全省|全国)")
# Verbs that win an honour rather than carry out work: 获评“…”实践创新基地, 上榜“…”名单.
HONOUR_VERBS = ("获评", "入选", "上榜", "荣获", "评为", "获得", "获", "跻身", "成为")
GOVERN_WINDOW = 8  # characters before a bare slogan where its verb stands: 深入实施“…”


def reporting_area(doc: Doc) -> Mention | None:
    """The area a document speaks for: a city, district or province named in its title or
    opening lines (the lowest level of those), else the one it names most."""
    areas = [m for m in doc.mentions
             if m.type == "AdministrativeArea" and m.sub in AREA_LEVELS and m.rule not in INNER_RULES]
    if not areas:
        return None
    counts: Counter[str] = Counter(m.ref or m.label for m in areas)
    first: dict[str, Mention] = {}
    for mention in areas:
        first.setdefault(mention.ref or mention.label, mention)
    # 在绥化市北林区第六届人民代表大会…上, 天津市滨海新区2022年…计划: the most local area
    # a title or congress line names speaks, however rarely the text repeats its name.
    titled = [m for m in areas if m.start < 150 and (_title_line(doc, m) or (doc.meta.title and m.label in doc.meta.title[:40]))]
    if titled:
        best = max(titled, key=lambda m: (_level(m), counts[m.ref or m.label], -m.start))
        return first[best.ref or best.label]
    opening = [m for m in areas if m.start < 150 and counts[m.ref or m.label] >= 2]
    if opening:
        # 贵州省黔西南州兴义市: the lowest level the opening names and the text keeps naming.
        top = max(counts[m.ref or m.label] for m in opening)
        best = max((m for m in opening if 2 * counts[m.ref or m.label] >= top),
                   key=lambda m: (_level(m), counts[m.ref or m.label], -m.start))
        return first[best.ref or best.label]
    key = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return first[key]


TITLE_LINE = re.compile(r"(人民代表大会|政府工作报告|工作报告|国民经济和社会发展|统计公报|工作综述|计划执行)")


def _title_line(doc: Doc, mention: Mention) -> bool:
    """Is the mention on a line that says whose report this is (a congress line, a report
    or plan title)?"""
    start = doc.text.rfind("\n", 0, mention.start) + 1
    end = doc.text.find("\n", mention.end)
    line = doc.text[start:end if end >= 0 else len(doc.text)]
    return len(line) <= 80 and bool(TITLE_LINE.search(line))


def _level(area: Mention) -> int:
    """How local an area is: province 1, city 2, district 3. A new area outside the
    national table (贵安新区 in 贵阳贵安) ranks below the city it is named with."""
    rank = {"Province": 1, "City": 2, "District": 3}.get(area.sub, 0)
    return rank - 2 if not area.ref and area.label.endswith("新区") else rank


def reporting_park(doc: Doc, area: Mention | None) -> Mention | None:
    """The park a document is about (长春经开区 in its own news): a park its opening names
    that the text names at least as often as the reporting area. Its programmes are the
    park's work, and the projects and firms it lists are in it."""
    parks = [m for m in doc.mentions if m.type == "Park" and m.rule not in INNER_RULES]
    counts = Counter(m.label for m in parks)
    area_count = sum(1 for m in doc.mentions if area is not None and (m.ref or m.label) == (area.ref or area.label))
    opening = [m for m in parks if m.start < 150 and counts[m.label] >= max(3, area_count)]
    return max(opening, key=lambda m: (counts[m.label], -m.start)) if opening else None


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
    before = [m for m in mentions if m.end <= work.start and is_actor_body(m) and m.sentence == work.sentence]
    if not before or COMMA.search(_gap(doc, before[-1], work)) and len(_gap(doc, before[-1], work)) > 30:
        return None
    return before[-1]


def issuers(doc: Doc, policy: Mention, mentions: list[Mention]) -> list[Mention]:
    """Bodies that issue a policy: named at its head (中共花溪区委 花溪区人民政府关于…), or
    before it with an issuing verb (市政府印发《…》)."""
    inside = [m for m in mentions if policy.start <= m.start and m.end <= policy.end and m is not policy
              and is_actor_body(m) and "关于" in policy.label[m.end - policy.start:]]
    if inside:
        return [m for m in inside if is_qualified(m)]
    named = head_issuers(doc, policy)
    if named:
        return named
    before = [m for m in mentions if m.end <= policy.start and is_actor_body(m)]
    if before and is_qualified(before[-1]):
        gap = _gap(doc, before[-1], policy)
        if len(gap) <= 12 and _one_clause(gap) and not COMMA.search(gap) and any(c in gap for c in cues("issues")):
            return [before[-1]]
    return []


def is_heading(doc: Doc, sentence: int) -> bool:
    """A line of its own that is short and has no full stop: a title or section heading
    (——花溪区政协2025年工作综述)."""
    text = doc.sentences[sentence].text.strip()
    return 0 < len(text) <= 40 and not CLAUSE_BREAK.search(text[:-1])


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
    subject = sentence_subject(doc, work, sentence_mentions)
    if subject is None and speaker is not None and area is not None and _opens_with(doc, work, sentence_mentions, area):
        return area  # 花溪区深入践行…理念 inside the 人大 article: the area's own work
    return subject or speaker or area


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
            if bodies:
                continue  # a policy and its issuer: who carries it out is not said
        agent = implementer(doc, work, sentence_mentions, speakers.get(work.sentence), area)
        if agent is None:
            continue
        if agent is area and _names_other_area(work.label, other_areas, _forms(area)):
            continue
        rule = "reporting-area" if agent is area else "acting-body"
        found.append(Relation("implements", agent, work, work.sentence, rule))
    return found


DATE_LINE = re.compile(r"\s*[0-9〇零一二三四五六七八九十]{4}年[0-9一二三四五六七八九十]{1,2}月[0-9一二三四五六七八九十]{1,3}日\s*")


def _lines(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of each line of the document's text."""
    spans, start = [], 0
    for line in doc.text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


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
    issued.extend(m for m in policies if "印发给" in doc.text[m.end:m.end + 16])
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
    return [Relation("issuedBy", policy, body, policy.sentence, "notice")
            for policy in {m.label: m for m in issued}.values() for body in signers
            if policy.label in policy_labels and body.label not in policy.label]


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
    if re.match(r"[”》]?(的)?(收官|开局|起步|谋篇|关键)", doc.text[work.end:work.end + 5]):
        return False  # 2025年是“十四五”规划的收官之年: a period, not work done
    if work.rule != "quoted":
        return True
    if COUNTED.match(work.label):
        return True  # “四大战略”, “三大定位”: a counted set of tasks
    # skip back over the list this slogan ends: “一日办”“一周办”“一月办”
    window = re.sub(r"(“[^”]{1,20}”[、和及与]?)+$", "", before)
    clause_end = COMMA.search(doc.text, work.end, sentence.end)
    after = doc.text[work.end:clause_end.start() if clause_end else sentence.end][:GOVERN_WINDOW]
    after = re.sub(r"^(”?[、和及与]?“[^”]{1,20}”)+", "", after)
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
        elif is_company(mention):
            found.append(Relation("settledIn", mention, park, mention.sentence, "park-document"))
        else:
            continue
        placed.add(mention.label)
    return found


def _area_forms(doc: Doc) -> set[str]:
    forms: set[str] = set()
    for mention in doc.mentions:
        if mention.type == "AdministrativeArea":
            forms |= short_forms(mention)
    return forms


def _names_other_area(label: str, others: set[str], own: set[str]) -> bool:
    """A programme or policy named after another place (天津市…规划 in a 东丽区 report,
    国家…) is that place's, not the reporting area's own work; one naming the reporting
    area is its own even when it names others too."""
    if any(form in label for form in own):
        return False
    return any(form in label for form in others if len(form) >= 2) or label.startswith(("国家", "中共中央", "国务院", "全国"))


# --- parts of a programme -------------------------------------------------------------------

def counted_parts(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """工业强区、创新兴区、生态立区、文旅活区“四大战略”, and “四大战略”：工业强区、…: the items
    listed next to a counted programme are its parts."""
    flat = _flat(mentions)
    found: list[Relation] = []
    for index, whole in enumerate(flat):
        if whole.type not in WORK_TYPES or not COUNTED.match(whole.label):
            continue
        # items before: A、B、C(等)四大战略
        items: list[Mention] = []
        cursor = index - 1
        while cursor >= 0 and flat[cursor].type in WORK_TYPES + ("Project",):
            if COUNTED.match(flat[cursor].label) or NUMBERED.match(flat[cursor].label):
                break  # “五大任务”“六个工程”“七大行动”: counted names side by side are siblings
            gap = _gap(doc, flat[cursor], items[-1] if items else whole)
            if not re.fullmatch(r"[、和及与]?|[”\"]?[等]?[”\"]?", gap) and not (not items and re.fullmatch(r"等?", gap)):
                break
            items.append(flat[cursor])
            cursor -= 1
        # items after: 四大战略：A、B、C
        if not items and index + 1 < len(flat) and re.fullmatch(r"[”\"]?(，|,)?(即|包括|：|:|\(|是指|指)(实施|推进|开展)?[“\"]?", _gap(doc, whole, flat[index + 1])):
            cursor = index + 1
            while cursor < len(flat) and flat[cursor].type in WORK_TYPES + ("Project",):
                items.append(flat[cursor])
                if cursor + 1 >= len(flat) or not re.fullmatch(r"[”\"]?[、和及与][“\"]?", _gap(doc, flat[cursor], flat[cursor + 1])):
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


# After the last item of a list of projects or firms: 等12个产业项目签约落户Y, 等企业入驻Y.
LIST_SETTLES = re.compile(r"[”\"]?等[一二三四五六七八九十百0-9余多个家批]*(重点|产业|工业|重大|优质|新|外资)*(项目|企业)")


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


def park_subject(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """A sentence whose subject is a park (绥化经济开发区引进江苏远景集团…, 常州高新区…殷拓
    智慧供应链、克福斯弹簧等一批优质外资项目相继落户): the projects and firms it says come,
    start or are built there are in the park."""
    flat = _flat(mentions)
    if not flat or flat[0].type != "Park":
        return []
    sentence = doc.sentences[flat[0].sentence]
    park = flat[0]
    if park.start - sentence.start > 2 or len(flat) < 2 or re.match(r"[”\"]?[、和与及]", _gap(doc, park, flat[1])):
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
        elif is_company(mention):
            found.append(Relation("settledIn", mention, park, park.sentence, "park-subject"))
    return found


def _cue_gap(gap: str, words: tuple[str, ...], limit: int) -> bool:
    return len(gap) <= limit and _one_clause(gap) and not COMMA.search(gap) and any(w in gap for w in words)


def by_company(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """A project and its company: X投资建设的Y / 由X建设的Y / X投资Y (investedBy, builtBy,
    operatedBy by the verb)."""
    flat = _flat(mentions)
    found: list[Relation] = []
    for left, right in zip(flat, flat[1:]):
        if not (is_company(left) and right.type in ("Project", "Park")):
            continue
        gap = _gap(doc, left, right)
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
                break
    return found


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
        for nxt in flat[index + 2:]:
            if _gap(doc, partners[-1], nxt) not in ("、", "和", "及"):
                break
            partners.append(nxt)
        rest = doc.text[partners[-1].end:doc.sentences[left.sentence].end]
        clause = CLAUSE_BREAK.split(COMMA.split(rest)[0])[0]
        if len(clause) > 20 or not any(w in clause for w in cues("signs")):
            continue
        for right in partners:
            if right.type in AGENT_TYPES and "Organization" in (left.type, right.type):
                found.append(Relation("cooperatesWith", left, right, left.sentence, "signs"))
    return found


def named_after(doc: Doc) -> list[Relation]:
    """An organisation whose name builds on another's is its unit (北京协和医院贵州医院,
    花溪区人大常委会办公室, 吉利发动机: kg:subOrganizationOf); a body named after an area or
    park is that place's body (贵安新区管委会, 花溪区农业农村局: kg:bodyOf). The longest
    name inside wins; unqualified names (区委) carry no place."""
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
        homes = [p for name, p in places.items() if label.startswith(name) and len(label) > len(name)]
        if homes:
            home = max(homes, key=lambda p: len(p.label))
            found.append(Relation("bodyOf", org, home, org.sentence, "name"))
    return found


SENTENCE_RULES = (counted_parts, projects_of_programme, in_park, park_subject, by_company, company_after_by,
                  signed_with, settled_list, subsidiary)


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
    doc.relations = unique_relations(doc.relations + park_document(doc) + named_after(doc) + notice_issuers(doc))
    return doc
