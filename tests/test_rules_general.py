"""General recognition rules, on sentences written the way reports from other provinces are
(none of them is copied from a gold document): the national gazetteer, edge decisions,
names without a type suffix, programmes, containment."""
from __future__ import annotations

from helpers import labels, located_pairs, run_text

from kg.extract import lexicon


# --- the national gazetteer ------------------------------------------------------------------

def test_the_gazetteer_knows_townships_with_their_parents():
    towns = lexicon.townships_by_name()
    by_code = lexicon.division_by_code()
    (huanghua,) = [d for d in towns["黄花镇"] if d.parent == "430121"]
    assert by_code[huanghua.parent].name == "长沙县" and by_code[by_code[huanghua.parent].parent].name == "长沙市"
    assert len(towns["官渡镇"]) > 1  # one name, several provinces: only context tells them apart


def test_a_township_is_told_apart_by_the_areas_the_document_names():
    from kg.extract.recognize.gazetteer import pick_township, with_ancestors

    context = frozenset(with_ancestors({"430121"}))  # the document names 长沙县
    assert pick_township("黄花镇", context).parent == "430121"
    assert pick_township("官渡镇", frozenset(with_ancestors({"410100"}))).parent == "410122"  # 郑州市 -> 中牟县's
    assert pick_township("官渡镇", frozenset()) is None


def test_a_township_is_in_the_nearest_area_the_document_names():
    doc = run_text("长沙市召开项目建设推进会。黄花镇新签约项目12个。")
    assert ("黄花镇", "长沙市") in located_pairs(doc)
    area = next(m for m in doc.mentions if m.label == "黄花镇")
    assert area.ref == "430121-黄花镇"


def test_short_forms_of_provinces_and_cities_written_alone():
    doc = run_text("海南全面深化改革开放，郑州加快建设国家中心城市。")
    areas = {m.label: m.ref for m in doc.mentions if m.type == "AdministrativeArea"}
    assert areas.get("海南") == "460000"  # the province, not 青海's 海南州
    assert areas.get("郑州") == "410100"


def test_a_former_name_gives_the_area_as_it_is_now():
    assert lexicon.divisions_by_full_name()["襄樊市"][0].name == "襄阳市"


# --- edges -----------------------------------------------------------------------------------

def test_a_rank_before_a_park_is_not_part_of_its_name_and_a_park_before_a_park_splits():
    doc = run_text("国家级宁乡经济技术开发区金洲新材料产业园新引进企业8家。")
    parks = labels(doc, "Park")
    assert {"宁乡经济技术开发区", "金洲新材料产业园"} <= parks
    assert not any(p.startswith("国家级") for p in parks)


def test_a_description_before_a_company_is_not_part_of_its_name():
    doc = run_text("园区龙头企业湖南远大住宅工业集团股份有限公司扩产。")
    assert "湖南远大住宅工业集团股份有限公司" in labels(doc, "Organization")


def test_an_area_and_de_before_a_listed_project_are_its_address():
    doc = run_text("重点推进浏阳市的蓝思科技触控屏、宁乡市的楚天科技制药装备等项目。")
    projects = labels(doc, "Project")
    assert "楚天科技制药装备" in projects and not any("的" in p for p in projects)
    assert ("楚天科技制药装备", "宁乡市") in located_pairs(doc)


def test_an_area_before_a_description_of_a_kind_names_no_project():
    doc = run_text("长沙县重大产业项目加快推进，望城区50亿元重大工业项目开工。")
    assert not labels(doc, "Project")


def test_a_phase_or_a_section_belongs_to_a_project():
    doc = run_text("加快京港澳高速长沙至湘潭段、长沙地铁6号线二期工程和杭长高铁(湖南段)建设。")
    projects = labels(doc, "Project")
    assert {"京港澳高速长沙至湘潭段", "长沙地铁6号线二期工程", "杭长高铁(湖南段)"} <= projects


# --- names without a type suffix, bodies -----------------------------------------------------

def test_bodies_named_by_a_level_word_alone_are_left_out():
    doc = run_text("市委、市政府高度重视，县人民政府和人大常委会听取汇报。")
    assert not labels(doc, "Organization")


def test_a_body_written_with_its_full_place_keeps_its_departments():
    doc = run_text("长沙市住房和城乡建设局、湘潭市发展和改革委员会联合印发通知。")
    orgs = labels(doc, "Organization")
    assert {"长沙市住房和城乡建设局", "湘潭市发展和改革委员会"} <= orgs
    assert not labels(doc, "Policy")


def test_a_brand_the_tagger_reads_as_a_verb_before_group():
    doc = run_text("3月5日,皖能集团与宁乡市政府签约。推动集团发展。")
    assert labels(doc, "Organization") == {"皖能集团", "宁乡市政府"}


def test_a_company_known_by_its_short_name_and_trade():
    doc = run_text("会上，九芝堂药业与隆平种业签署合作协议。")
    assert {"九芝堂药业", "隆平种业"} <= labels(doc, "Organization")


# --- programmes ------------------------------------------------------------------------------

def test_a_campaign_named_with_a_count():
    doc = run_text("全面实施百万亩油茶扩种提升行动、千个美丽屋场建设行动。")
    assert {"百万亩油茶扩种提升行动", "千个美丽屋场建设行动"} <= labels(doc, "Program")


def test_a_quoted_code_with_its_head_is_a_programme():
    doc = run_text("紧扣“1346”发展思路，落实“三高四新”总抓手，总投资1346亿元。")
    programs = labels(doc, "Program")
    assert "1346发展思路" in programs and "三高四新总抓手" in programs


def test_plain_goals_are_not_programmes():
    doc = run_text("锚定高质量发展目标，构建大党建工作格局。")
    assert "高质量发展目标" not in labels(doc)


# --- containment -----------------------------------------------------------------------------

def test_projects_that_settle_in_an_area_are_in_it():
    doc = run_text("华菱线缆扩产、楚天华通医药装备等项目在宁乡市成功落地。蓝思智能终端项目落户浏阳市。")
    pairs = located_pairs(doc)
    assert {("华菱线缆扩产", "宁乡市"), ("楚天华通医药装备", "宁乡市")} <= pairs
    assert ("蓝思智能终端项目", "浏阳市") in pairs


# --- resolution ------------------------------------------------------------------------------

def test_variants_with_and_without_their_tail_are_one_node():
    from kg.extract.resolve import resolve

    doc = run_text("铜官循环经济工业园加快建设，铜官循环经济工业园区新增企业5家。"
                   "湘江智谷数字产业园开园，湘江智谷数字产业园项目总投资20亿元。"
                   "推进芙蓉北路快速路工程，芙蓉北路快速路年内通车。")
    nodes = [{e.label, *e.aliases} for e in resolve([doc]) if e.type in ("Park", "Project")]
    for pair in ({"铜官循环经济工业园", "铜官循环经济工业园区"}, {"湘江智谷数字产业园", "湘江智谷数字产业园项目"},
                 {"芙蓉北路快速路", "芙蓉北路快速路工程"}):
        assert [forms & pair for forms in nodes if forms & pair] == [pair]


def test_a_list_of_a_countys_towns_by_short_name():
    doc = run_text("浏阳市近年来推动北盛、古港、大瑶、张坊等镇发展。")
    towns = {m.label: m.ref for m in doc.mentions if m.type == "AdministrativeArea" and m.sub == "Township"}
    assert towns == {"北盛": "430181-北盛镇", "古港": "430181-古港镇", "大瑶": "430181-大瑶镇", "张坊": "430181-张坊镇"}
    assert {("北盛", "浏阳市"), ("张坊", "浏阳市")} <= located_pairs(doc)


def test_a_place_inside_a_name_is_an_area_only_where_the_document_names_it_alone():
    doc = run_text("长沙市召开大会。岳麓高新区新引进项目12个。")
    assert labels(doc, "AdministrativeArea") == {"长沙市"}  # 岳麓 is part of the park's name (GUIDELINES)
    doc = run_text("岳麓区召开大会。岳麓高新区新引进项目12个。")
    assert "岳麓区" in labels(doc, "AdministrativeArea")
    assert any(child == "岳麓高新区" for child, _parent in located_pairs(doc))


def test_a_development_zone_the_table_lists_beside_counties_is_a_park():
    doc = run_text("邯郸经济技术开发区新签约项目15个，“百千万工程”深入推进。")
    assert "邯郸经济技术开发区" in labels(doc, "Park")
    assert not labels(doc, "AdministrativeArea") & {"邯郸经济技术开发区"}
    assert "百千万工程" in labels(doc, "Program")  # a counted campaign, not a building site


def test_bracket_notation_gives_a_county_in_its_city():
    doc = run_text("推动韶关(乐昌)产业园扩容提质。")
    areas = {m.label: m.ref for m in doc.mentions if m.type == "AdministrativeArea"}
    assert areas == {"韶关": "440200", "乐昌": "440281"}
    assert ("乐昌", "韶关") in located_pairs(doc)


def test_a_park_before_a_description_of_a_kind_is_the_only_name():
    doc = run_text("长沙经开区一季度重大项目集中开工，宁乡经开区重点产业项目加快推进。")
    assert labels(doc, "Park") == {"长沙经开区", "宁乡经开区"}
    assert not labels(doc, "Project")


def test_a_place_in_a_mediums_name_is_no_area():
    doc = run_text("湖南日报记者报道，湖南卫视播出。湖南省召开会议。")
    assert {m.text for m in doc.mentions if m.type == "AdministrativeArea"} == {"湖南省"}


def test_a_town_the_segmenter_splits_is_found_through_the_table():
    doc = run_text("宁乡市召开会议。项目将在大成桥镇建设。")  # 大成/v|桥镇
    town = next(m for m in doc.mentions if m.label == "大成桥镇")
    assert town.ref == "430182-大成桥镇"
    assert ("大成桥镇", "宁乡市") in located_pairs(doc)
