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


def test_a_project_built_by_the_company_named_after_you():
    doc = run_text("海安新材料项目由江苏华恒化工有限公司投资5亿元建设，占地120亩。\n"
                   "智慧物流园项目，由华通物流股份有限公司和贵州顺达供应链管理有限公司共同投资建设。\n")
    invested = pairs(doc, "investedBy")
    assert ("海安新材料项目", "江苏华恒化工有限公司") in invested
    assert ("智慧物流园项目", "华通物流股份有限公司") in invested
    assert ("智慧物流园项目", "贵州顺达供应链管理有限公司") in invested
    doc = run_text("城东污水处理厂项目是由贵州水务股份有限公司负责建设的重点民生项目。\n")
    assert ("城东污水处理厂项目", "贵州水务股份有限公司") in pairs(doc, "builtBy")


def test_every_project_of_a_list_that_settles_in_a_park_is_in_it():
    doc = run_text("今天上午，智能装备制造项目、精密模具产业基地项目等8个产业项目签约落户南湖高新技术产业园。\n")
    part_of = pairs(doc, "partOf")
    assert ("智能装备制造项目", "南湖高新技术产业园") in part_of
    assert ("精密模具产业基地项目", "南湖高新技术产业园") in part_of


def test_counted_programmes_side_by_side_are_not_parts_of_each_other():
    doc = run_text("全县扎实推进“三大任务”“五项工程”“八大行动”，推动高质量发展。\n")
    assert not pairs(doc, "componentOf")


def test_an_area_that_also_signs_with_several_companies_cooperates_with_each():
    doc = run_text("会上，贵阳市还与中国电建集团、华为技术有限公司等企业签订战略合作协议。\n")
    partners = {o for s, o in pairs(doc, "cooperatesWith") if s == "贵阳市"}
    assert {"中国电建集团", "华为技术有限公司"} <= partners


def test_a_notice_is_issued_by_the_bodies_of_its_title_or_its_signature():
    titled = run_text("贵阳市发展和改革委员会 贵阳市住房和城乡建设局关于印发贵阳市老旧小区改造提升实施方案的通知\n"
                      "各区(市、县)人民政府,市直有关部门:\n"
                      "经市人民政府同意,现将《贵阳市老旧小区改造提升实施方案》印发给你们,请认真贯彻执行。\n")
    issuers = {o for s, o in pairs(titled, "issuedBy") if s == "贵阳市老旧小区改造提升实施方案"}
    assert issuers == {"贵阳市发展和改革委员会", "贵阳市住房和城乡建设局"}
    signed = run_text("各县(市、区)人民政府,市直各部门:\n"
                      "《遵义市促进民营经济发展若干措施》已经市政府同意,现印发给你们,请认真组织实施。\n"
                      "遵义市人民政府办公室\n2024年3月12日\n"
                      "为落实《贵州省人民政府关于印发促进民营经济发展若干措施的通知》精神,制定本措施。\n")
    issued = pairs(signed, "issuedBy")
    assert ("遵义市促进民营经济发展若干措施", "遵义市人民政府办公室") in issued
    # the notice it quotes was not signed by this office
    assert not any(o == "遵义市人民政府办公室" and "贵州省" in s for s, o in issued)


def test_a_park_listed_beside_a_firm_does_not_hold_it():
    listed = run_text("今年开工的重点项目包括南湖生物科技产业园建设项目、贵州华科电子有限公司等。\n")
    assert not pairs(listed, "settledIn")
    built = run_text("在南湖生物科技产业园新建贵州华科电子有限公司。\n")
    assert ("贵州华科电子有限公司", "南湖生物科技产业园") in pairs(built, "settledIn")


def test_a_company_called_anothers_subsidiary_is_its_unit():
    doc = run_text("绿源新材料有限公司是华恒控股集团的全资子公司，主要从事可降解材料生产。\n")
    assert ("绿源新材料有限公司", "华恒控股集团") in pairs(doc, "subOrganizationOf")
    listed = run_text("绿源新材料有限公司是华恒控股集团的重要客户。\n")
    assert ("绿源新材料有限公司", "华恒控股集团") not in pairs(listed, "subOrganizationOf")
