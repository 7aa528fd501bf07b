"""Companies behind projects (kg:investedBy, kg:builtBy, kg:operatedBy), joint investors and
signing partners (kg:cooperatesWith), subsidiaries, and bodies named after another body.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.doc import Doc, Mention, Relation
from kg.extract import lexicon
from kg.extract.relate import INNER_RULES, is_body
from kg.extract.roles.common import (
    AGENT_TYPES,
    CLAUSE_BREAK,
    COMMA,
    CUT_ITEM_GAP,
    LEVEL_WORDS,
    OPENERS,
    _cue_in,
    _flat,
    _gap,
    _one_clause,
    cues,
    is_actor_body,
    is_company,
    is_qualified,
    speaks_for_area,
)
from kg.extract.roles.parks import _tagged_firm

# what a company's name adds to the short form it goes by: 新疆华曜新能源科技有限公司 -> 华曜
FIRM_FORM_TAIL = re.compile(r"(股份有限公司|有限责任公司|有限公司|股份公司|集团公司|集团|公司|股份)$")


# words too common to say a project bears a firm's name (中国石化, 国家电投: 中国, 国家; 招商银行:
# 招商 also opens the names of investment drives, 招商易, 招商引资)
COMMON_OPENINGS = ("中国", "国家", "国际", "全国", "中华", "招商")


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Every division's full and short names, an ambiguous short name too (吉林: the province
    and the city): as the opening of a firm's name it is a place either way."""
    return frozenset(name for div in lexicon.divisions() for name in (div.name, *div.short_forms))


def _without_place(label: str) -> str:
    """A project's name without the division's name it opens with (贵州|裕能新能源材料项目)."""
    for size in (3, 2):
        if label[:size] in _place_names() and len(label) > size + 2:
            return label[size:]
    return label


def firm_short_form(label: str) -> str:
    """新疆华曜新能源科技有限公司 -> 华曜新能源科技, 吉林中粮生物材料有限公司 -> 中粮生物材料,
    沃森生物 -> 沃森生物: the name without its legal tail and its opening place (a division's
    name, 2 or 3 characters)."""
    core = FIRM_FORM_TAIL.sub("", label)
    for size in (3, 2):
        if core[:size] in _place_names() and len(core) > size + 1:
            return core[size:]
    return core


def firm_projects(doc: Doc) -> list[Relation]:
    """A project whose name opens with the short form of a firm the document names on its own
    (沃森四价流脑多糖疫苗项目 and 沃森生物, 华曜光电热储一体化 and 新疆华曜新能源科技有限公司,
    贵州裕能新能源材料项目 and 贵州裕能新能源电池材料有限公司, a place opening both):
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
        # 贵州裕能新能源材料项目一期 and 贵州裕能新能源电池材料有限公司: a place may open both names
        names = {project.label, _without_place(project.label)}
        owners = [f for core, f in firms.items() if len(core) >= 2 and any(name.startswith(core[:2]) for name in names)
                  and core[:2] not in COMMON_OPENINGS and f.label != project.label and not project.label.startswith(f.label)]
        if len(owners) == 1:
            found.append(Relation("operatedBy", project, owners[0], project.sentence, "firm-short-form"))
            placed.add(project.label)
    return found


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
        # 由新疆华亮农业科技有限公司采用EPC+O模式规划、设计、施工、运营的X项目: after 由, the words up
        # to 的 all say what the company does for the project, however many
        limit = BY_REACH if doc.text[left.start - 1:left.start] == "由" and gap.endswith("的") else 12
        if len(gap) > limit or not _one_clause(gap) or COMMA.search(gap):
            continue
        for role, predicate in (("invests", "investedBy"), ("operates", "operatedBy"), ("builds", "builtBy")):
            if any(w in gap for w in cues(role)):
                found.append(Relation(predicate, right, left, left.sentence, "company-verb"))
                break
    return found


BY_REACH = 30  # characters between 由 X and 的 Y


# Between a project (and what the sentence first says of it) and the company whose work the
# sentence then calls it: X总投资60.5亿元，是华侨城集团进驻中山的首个…项目
WORK_IS = re.compile(r"(?:[^，,。；;]{0,16}?[，,])?(?:该(?:项目|园区))?(?:也|则|就)?是")
# after the company: what it does (a cue word), then 的 and the kind of work
COMPANY_WORK = re.compile(r"([^，,。；;]{0,20}?)的[^，,。；;、]{0,12}?(?:项目|园区|产业园|基地)")


def company_work(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """X是Z进驻中山的首个大型文旅综合项目 / X是Z投资建设的…项目: a project or park the
    sentence calls the work a company does (invests in, settles with, builds, runs) is its."""
    flat = _flat(mentions)
    found: list[Relation] = []
    for work, company in zip(flat, flat[1:]):
        if work.type not in ("Project", "Park") or not is_company(company) \
                or not WORK_IS.fullmatch(_gap(doc, work, company)):
            continue
        after = COMPANY_WORK.match(doc.text, company.end)
        if after is None:
            continue
        for role, predicate in (("invests", "investedBy"), ("settles", "investedBy"), ("operates", "operatedBy"),
                                ("builds", "builtBy")):
            if any(w in after.group(1) for w in cues(role)):
                found.append(Relation(predicate, work, company, work.sentence, "company-work"))
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
                # after 由 the verb says the names do the work: a firm written without its legal
                # tail (由calysseo和中国蓝星安迪苏公司联手打造, 由中核资源投资建设) counts, a
                # government body (由县政府投资建设) does not
                found.extend(Relation(predicate, left, company, left.sentence, "by-company")
                             for company in companies if is_company(company) or _named_firm(company))
                found.extend(co_investors(companies, clause, left.sentence))
                break
    return found


def _named_firm(mention: Mention) -> bool:
    """An organisation that is no body acting for a government or a legislature."""
    return mention.type == "Organization" and not is_actor_body(mention) and not speaks_for_area(mention)


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
# after the parent: 的(全资)子公司, or where it set the unit up first (在福泉注册的全资子公司)
PARENTS_UNIT = re.compile(r"(?:在[^，,。；;、]{1,8}?(?:注册|设立|成立))?的(?:全资|控股)?子公司")


def subsidiary(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """A是大型药企B的全资子公司 / B全资子公司A / A是B在福泉注册的全资子公司: a company that the
    text calls another's subsidiary is its unit (kg:subOrganizationOf)."""
    companies = [m for m in _flat(mentions) if m.type == "Organization" and not SUBSIDIARY.fullmatch(m.label)]
    found: list[Relation] = []
    for left, right in zip(companies, companies[1:]):
        gap = _gap(doc, left, right)
        if SUBSIDIARY.fullmatch(gap) and is_company(left) and is_company(right):
            found.append(Relation("subOrganizationOf", right, left, right.sentence, "subsidiary"))
        elif re.fullmatch(r"是[^，,。；;、]{0,8}", gap) and PARENTS_UNIT.match(doc.text, right.end) \
                and not is_actor_body(left) and not is_actor_body(right):
            # the sentence itself calls both companies (吉林津升制药 has no 公司 tail)
            found.append(Relation("subOrganizationOf", left, right, left.sentence, "subsidiary"))
    return found


# X与A、B / X分别与市体育局、A、B: between the first party and its first partner read as a name
# (a first partner not output, an unqualified body, leaves its item in the gap)
PARTNER_OPENING = re.compile(r"(?:还|也|分别|正式)?(?:[与和同]|[与同][^，,。；;、“”()（）与和]{2,10}、)")


def signed_with(doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """X与Y签约/签署/合作, X与A、B、C签订战略合作协议: organisations (or an organisation and
    an area) that sign with each other."""
    flat = _flat(mentions)
    found: list[Relation] = []
    for index, left in enumerate(flat[:-1]):
        if left.type not in AGENT_TYPES or not PARTNER_OPENING.fullmatch(_gap(doc, left, flat[index + 1])):
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
        found.extend(partners_project(doc, flat, [left] + partners, chain_end))
    return found


# Between a project (or park) and the first of the partners that carry it: X是A与B…
PARTNERS_OF = re.compile(r"[，,]?(?:该(?:项目|园区))?(?:也|则|就)?是")


# After the partners, what the sentence calls the thing: …深化合作、协力推进的重大项目 /
# …以PPP合作方式，共同开发运营的产业新城项目
PARTNERS_WORK = re.compile(r"[^。；;！？!?]{0,30}?的[^，,。；;、]{0,8}(?:项目|园区|产业园|基地)")


def partners_project(doc: Doc, flat: list[Mention], partners: list[Mention], chain_end: int) -> list[Relation]:
    """兰考国电投新能源产业园区是兰考县政府与国家电投集团中国电能公司深化合作、协力推进的重大
    项目: a project or park the sentence says is the work of partners who cooperate is carried
    out (kg:builtBy) by each organisation among them, company or government body."""
    first = partners[0]
    position = flat.index(first)
    if position == 0:
        return []
    work = flat[position - 1]
    if not (work.type in ("Project", "Park") and PARTNERS_OF.fullmatch(_gap(doc, work, first))):
        work = _taken_up(doc, flat, first)
    if work is None or not PARTNERS_WORK.match(doc.text, chain_end, doc.sentences[first.sentence].end):
        return []
    return [Relation("builtBy", work, partner, first.sentence, "partners-project")
            for partner in partners if partner.type == "Organization"]


# Right before the first partner: the work named again (…，该园区是A与B…)
TAKEN_UP = re.compile(r"(?:该|此|这个)(?:项目|园区|产业园)(?:也|则|就)?是$")


def _taken_up(doc: Doc, flat: list[Mention], first: Mention) -> Mention | None:
    """斗门智能制造产业园位于…，该园区是斗门区人民政府与华夏幸福…共同开发运营的产业新城项目:
    the project or park that opens the sentence, taken up again right before the partners."""
    sentence = doc.sentences[first.sentence]
    if not TAKEN_UP.search(doc.text, sentence.start, first.start):
        return None
    opening = next((m for m in flat if m.sentence == first.sentence), None)
    if opening is None or opening.type not in ("Project", "Park") \
            or OPENERS.sub("", doc.text[sentence.start:opening.start].strip()):
        return None
    return opening


SIGN_REACH = 20  # characters after the partners where the signing verb stands


SIGNED_PROJECT = re.compile(r"^(三方|双方|共同|陆续|正式|成功|先后)*(签订|签约|签署)(了)?$")


# The clause after a signing that says what the partners will build: ，计划总投资20亿元，建设规划
# 占地500亩的 (then the project's name)
THEN_BUILD = re.compile(r"[，,](?:双方)?(?:拟|将|计划|共同|预计)*总?(?:投资约?[0-9.]+[亿万]元)?[，,]?(?:投资)?"
                        r"(?:建设|打造|新建|兴建)[^，,。；;]{0,16}?")


def signed_project(doc: Doc, flat: list[Mention], signers: list[Mention], clause_end: int) -> list[Relation]:
    """宜宾与宁德时代陆续签订四川时代动力电池一至六期项目: a project written right after the
    signing verb is the signing companies' project; so is one the next clause says they will
    build (红山区与贵州泰豪集团等知名企业对接合作，计划总投资20亿元，建设规划占地500亩的九玖医药
    健康产业园)."""
    last = signers[-1]
    after = [m for m in flat if last.end < m.start and m.end <= clause_end]
    if after and after[0].type == "Project" and SIGNED_PROJECT.match(doc.text[last.end:after[0].start]):
        work = after[0]
    else:
        nxt = next((m for m in flat if m.start >= clause_end), None)
        if nxt is None or nxt.type not in ("Project", "Park") or nxt.sentence != last.sentence \
                or not THEN_BUILD.fullmatch(doc.text[clause_end:nxt.start]):
            return []
        work = nxt
    return [Relation("investedBy", work, signer, last.sentence, "signed-project")
            for signer in signers if is_company(signer)]


# How the name of an institution ends (北京协和医院, 西湖大学, 区人大常委会, …集团): a parent
# without one is a brand (吉利, 东风, 百度, 中国石化), which the GUIDELINES ('Names inside
# names') do not relate to the names built on it (吉利汽车, 百度地图标注中心).
INSTITUTION_TAIL = re.compile(r"(公司|集团|企业|银行|大学|学院|学校|医院|中学|小学|委员会|常委会|政府|局|厅|委|办|院|所|"
                              r"中心|会|部|社|馆|站|队|处|室|署|行)$")

# A child whose name says it is a branch (中国电信上海分公司): a unit of the brand it opens with.
BRANCH_TAIL = re.compile(r"(分公司|子公司|分行|分院|分局|分校|分中心)$")


def is_brand(label: str) -> bool:
    """A bare trade name, no institution's ending (吉利, 东风, 中国石化)."""
    return not INSTITUTION_TAIL.search(label)


def named_after(doc: Doc) -> list[Relation]:
    """An organisation whose name builds on another's is its unit (北京协和医院贵州医院,
    花溪区人大常委会办公室: kg:subOrganizationOf); a body named after a park or new area is
    its management (贵安新区管委会: kg:bodyOf). The longest name inside wins; unqualified
    names (区委) carry no place. A brand (吉利 of 吉利汽车) has no units but its branches
    (…分公司); a government is its area (GUIDELINES), so neither its offices (…人民政府办公厅)
    nor a heading that runs two bodies together (中共X市委员会X市人民政府) are its units."""
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
                   and not speaks_for_area(o) and not speaks_for_area(org)
                   and (not is_brand(name) or BRANCH_TAIL.search(label))]
        if parents:
            parent = max(parents, key=lambda o: len(o.label))
            found.append(Relation("subOrganizationOf", org, parent, org.sentence, "name"))
            continue
        if not is_actor_body(org):
            continue
        # 贵安新区管委会, 拉萨经济技术开发区党工委: a park's (or new area's) own management. A
        # body named after an area (顺义区商务局) is no relation the text states (GUIDELINES
        # "Names inside names"; the gold relates 3 of 59 such bodies, all parks').
        homes = [p for name, p in places.items() if label.startswith(name) and len(label) > len(name)
                 and (p.type == "Park" or p.label.endswith("新区"))]
        if homes:
            home = max(homes, key=lambda p: len(p.label))
            if speaks_for_area(org) and home.type != "Park":
                continue  # 贵安新区党工委 speaks as 贵安新区 (the guidelines' reading), not a body of it;
                # a park has no government, so its 党工委 is its management like its 管委会
            found.append(Relation("bodyOf", org, home, org.sentence, "name"))
    return found
