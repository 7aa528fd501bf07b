"""Who does what (kg.extract.roles) and project milestones (kg.extract.events), on short
texts written the way reports and news write (see GUIDELINES "relations")."""
from __future__ import annotations

from helpers import run_text


def pairs(doc, predicate: str) -> set[tuple[str, str]]:
    return {(r.subject.label, r.object.label) for r in doc.relations if r.predicate == predicate}


def test_a_reports_programmes_are_the_work_of_the_area_it_speaks_for():
    doc = run_text("花溪区2025年工作综述\n今年以来，花溪区深入实施工业强区、创新兴区、生态立区、文旅活区“四大战略”。\n"
                   "全区持续开展“五帮”专项行动，花溪区推进“一件事一次办”改革。\n")
    implements = pairs(doc, "implements")
    assert ("花溪区", "四大战略") in implements
    assert ("花溪区", "五帮专项行动") in implements
    # the programme's parts, listed before its counted head
    assert ("工业强区", "四大战略") in pairs(doc, "componentOf")


def test_a_section_that_speaks_for_a_body_gives_it_the_sections_work():
    doc = run_text("花溪区2025年发展综述\n花溪区深入实施“四大战略”。\n——花溪区政协2025年工作综述\n"
                   "深入开展“五联五助”活动，探索建立“1+1+3”工作机制。\n")
    implements = pairs(doc, "implements")
    assert ("花溪区政协", "1+1+3工作机制") in implements
    assert ("花溪区", "四大战略") in implements
    assert ("花溪区", "1+1+3工作机制") not in implements


def test_a_policy_is_issued_by_the_bodies_at_its_head_not_by_an_area():
    doc = run_text("花溪区制定印发《中共花溪区委 花溪区人民政府关于坚定不移实施创新区战略的若干措施》。\n")
    issuers = {o for s, o in pairs(doc, "issuedBy") if "若干措施" in s}
    assert "中共花溪区委" in issuers


def test_honours_and_figures_of_speech_are_not_work():
    doc = run_text("花溪区2025年工作综述\n花溪区获评第六批全国“绿水青山就是金山银山”实践创新基地，"
                   "让菌菇生长从“靠天吃饭”转向“云端智控”。\n")
    works = {o for _, o in pairs(doc, "implements")}
    assert not works & {"绿水青山就是金山银山", "云端智控", "靠天吃饭"}


def test_a_park_that_brings_in_a_company_holds_it():
    doc = run_text("绥化经济开发区引进江苏远景集团拟投资20亿元建设远景低碳产业园。\n")
    assert ("江苏远景集团", "绥化经济开发区") in pairs(doc, "settledIn")


def test_milestones_are_dated_by_the_sentence_or_the_heading_above():
    doc = run_text("一、2024年工作回顾\n建成投产宁德时代第二条生产线、闪聚电池第三条生产线等项目。\n"
                   "2023年3月，贵阳低空飞行服务基地开工建设。\n力争贵阳低空经济产业园项目年内开工。\n")
    found = {(m.project.label, m.kind, m.year, m.month) for m in doc.milestones}
    assert ("宁德时代第二条生产线", "Commissioning", 2024, 0) in found
    assert ("贵阳低空飞行服务基地", "Groundbreaking", 2023, 3) in found
    assert not any("低空经济产业园" in m.project.label for m in doc.milestones)  # a plan, not an event
