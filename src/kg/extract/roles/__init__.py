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
  bare numbers do not; nor does a slogan the words around it read as a principle held, a
  goal, a theme, a set of industries or places, a tool or a class of problems (坚持“投资必问效、
  无效必问责”, 紧盯“1422”目标, 打造“4+2”产业体系: `roles.slogans`, data/slogan_cues.tsv). A higher level's policy is the area's work where it says it carries it
  out (贯彻落实《…》), not where the area's own plan is only drawn up from it (根据《…》编制);
  the bodies a notice is addressed to carry out what it sends out. A policy named for a park or
  new area (贵州科学城空间布局规划, 宜宾三江新区条例) is that park's own.
- kg:implements (area -> policy) also where the area's own government, party committee or
  their office issues the policy (东莞市人民政府办公室关于东莞市…的实施意见), not a proposal.
- kg:issuedBy (policy -> body): the bodies a title names before 关于 (中共花溪区委 花溪区
  人民政府关于…若干措施), or a qualified body before 印发/出台《…》; the policy a notice
  issues (现将《…》印发给你们) by the bodies of its title line or the body signing above its date.
- kg:componentOf (part -> programme): 工业强区、创新兴区…“四大战略”; “四大战略”：A、B; in the
  news of a policy's publication (印发了《X》… 《行动计划》明确了…), what the text goes on to name;
  “十件民生实事”。（1）…（10）…: what the numbered items name, when they number as many as it counts;
  “一区一场一赛”（“一区”即A，“一场”即B…）: the names its bracket glosses its words with.
- kg:basedOn (policy -> policy): 为贯彻落实《A》…制定本方案, 根据《A》编制《B》, 《B》…依据《A》编制,
  本规划编制的主要依据是：《A》.
- kg:partOf (project -> park), kg:settledIn (firm -> park or area): 综保区的X, 长春高新区
  A、B等项目, X落户/入驻Y, A、B等12个项目签约落户Y, 开发区引进X, X是我市Y…的又一重大项目,
  X项目，总投资…，拟在(area)Y…建设, a
  park's own document, a paragraph opening with a park as its subject (作为…，中央创新区已累计
  引进…；…包括X、Y), which goes before the document's park.
- kg:investedBy / kg:builtBy / kg:operatedBy (project -> company): X投资建设的Y, X承建的Y,
  X运营的Y, X公司“Y项目”, Y由X(和Z)投资建设 (X any organisation but a government's or a
  legislature's body), Y是X进驻中山的首个…项目, X与Z合作，计划投资…建设…的Y; a project opening with the short form of a firm
  the document names (沃森…项目 / 沃森生物).
- kg:cooperatesWith: X(还)与A、B签约/签署/合作, A与B、C与D共同签订; a project written right
  after the signing verb is the signing company's (kg:investedBy); a project the sentence calls
  the partners' work (X是A与B深化合作、协力推进的重大项目) is carried out by each (kg:builtBy).
- kg:subOrganizationOf: A是B的全资子公司, B全资子公司A.
- kg:subOrganizationOf, kg:bodyOf: names built on another organisation's or a park's
  (北京协和医院贵州医院, 贵安新区管委会); not a department named after an area (花溪区农业农村局),
  nor a name built on a bare brand (吉利汽车, but 中国电信上海分公司) or on a government.
"""
from __future__ import annotations

from kg.doc import Doc, Mention, Relation
from kg.extract.relate import unique_relations
from kg.extract.roles.common import by_sentence, role_cues
from kg.extract.roles.companies import (
    by_company,
    company_after_by,
    company_of_anaphor,
    company_work,
    firm_projects,
    joint_investors,
    named_after,
    signed_with,
    subsidiary,
)
from kg.extract.roles.parks import (
    in_park,
    park_anaphor_parts,
    park_document,
    park_frame,
    park_paragraph,
    park_parts,
    park_subject,
    policies_of_parks,
    project_of_park,
    project_sited_in_park,
    settled_list,
)
from kg.extract.roles.parts import counted_parts, glossed_parts, numbered_parts, policy_contents, projects_of_programme
from kg.extract.roles.speakers import area_level, area_of_body
from kg.extract.roles.work import (
    based_on,
    issued_by_own_government,
    issued_inside,
    notice_issuers,
    own_work,
    sources_not_own_work,
    verb_work_checked,
)

# what other stages and the tests use
__all__ = ["area_level", "area_of_body", "role_cues", "roles"]


SENTENCE_RULES = (counted_parts, projects_of_programme, in_park, park_subject, by_company, company_after_by,
                  signed_with, settled_list, subsidiary, park_parts, park_frame, joint_investors, company_work,
                  project_of_park, project_sited_in_park, glossed_parts)


def roles(doc: Doc) -> Doc:
    """The pipeline stage: add who-does-what relations to those `relate` found."""
    found: list[Relation] = []
    for sentence_mentions in by_sentence(doc.mentions).values():
        for rule in SENTENCE_RULES:
            found.extend(rule(doc, sentence_mentions))
    found.extend(own_work(doc))
    doc.relations = unique_relations(list(doc.relations) + found)
    # a paragraph that opens with a park (硬科技产业区作为…；…汇集三星、比亚迪等企业) places what it
    # lists before the document's park does: the nearer subject holds them
    doc.relations = unique_relations(doc.relations + park_paragraph(doc))
    doc.relations = unique_relations(doc.relations + park_document(doc) + named_after(doc) + notice_issuers(doc)
                                     + company_of_anaphor(doc) + based_on(doc) + policy_contents(doc)
                                     + numbered_parts(doc))
    doc.relations = unique_relations(doc.relations + firm_projects(doc) + policies_of_parks(doc)
                                     + park_anaphor_parts(doc))
    doc.relations = unique_relations(doc.relations + issued_inside(doc, doc.relations))
    doc.relations = unique_relations(doc.relations + issued_by_own_government(doc, doc.relations))
    doc.relations = verb_work_checked(doc, sources_not_own_work(doc, doc.relations))
    return doc
