"""Containment (kg:locatedIn, kg:partOf) read from how a sentence is built, on sentences written
the way news and reports from other provinces are (none copied from a gold document), and the
scorer's account of containment errors that `kg eval --errors` prints."""
from __future__ import annotations

from helpers import run_text

from kg.doc import Doc, Mention, Relation


def contained(doc: Doc) -> set[tuple[str, str]]:
    """(child, container) labels of the document's kg:locatedIn and kg:partOf relations."""
    return {(r.subject.label, r.object.label) for r in doc.relations if r.predicate in ("locatedIn", "partOf")}


# --- the subject of a clause holds the projects it names ------------------------------------

def test_an_area_that_builds_a_project_holds_it():
    doc = run_text("衡南县引进湖南金联星集团投资12亿元建设特冶新材料产业园项目，预计明年建成投产。")
    assert ("特冶新材料产业园项目", "衡南县") in contained(doc)


def test_a_park_that_opens_a_list_of_its_projects_holds_them_all():
    doc = run_text("此次株洲高新区集中开工的项目共17个，主要包括北汽株洲基地、硬质合金产业园和动力谷自主创新园等项目。")
    assert {("北汽株洲基地", "株洲高新区"), ("硬质合金产业园", "株洲高新区"),
            ("动力谷自主创新园", "株洲高新区")} <= contained(doc)


def test_a_park_before_a_counted_list_holds_its_last_item_too():
    doc = run_text("截至目前，德令哈工业园江苏润达镁业年产2万吨镁基材料、东方电气(德令哈)三期100兆瓦风电2个项目已开复工建设。")
    assert ("东方电气(德令哈)三期100兆瓦风电", "德令哈工业园") in contained(doc)
    assert not any(parent in ("江苏", "江苏省") for _, parent in contained(doc))  # the province opens a firm's name
    doc = run_text("目前，德令哈工业园拟申报“省重点项目”15个、“市重点项目”20个。")
    assert not any(parent == "德令哈工业园" for _, parent in contained(doc))


def test_the_last_of_several_subject_areas_holds_not_all_their_works():
    doc = run_text("溧阳市、金坛区充分发挥宁德时代、中创新航等龙头项目引领作用，吸引了一大批上下游项目。")
    assert not any(parent == "金坛区" for _, parent in contained(doc))


def test_the_works_on_a_park_listed_first_are_no_subject_of_the_list():
    doc = run_text("包括沃丰德生物科技产业园建设项目、鄢陵正德医疗用品手术感控生产线扩产项目等10个重大项目。")
    assert not any(parent == "沃丰德生物科技产业园" for _, parent in contained(doc))


def test_lists_after_a_semicolon_go_on_with_the_subject():
    doc = run_text("目前，醴陵市已开工建设项目30个，其中，陶瓷新材料产业园二期项目、电瓷电器产业园项目等工业项目18个；"
                   "渌江书院修缮工程项目、城南污水处理厂项目等民生项目12个。")
    assert {("陶瓷新材料产业园二期项目", "醴陵市"), ("渌江书院修缮工程项目", "醴陵市"),
            ("城南污水处理厂项目", "醴陵市")} <= contained(doc)


def test_a_sentence_opening_with_qizhong_goes_on_with_the_subject_before():
    doc = run_text("攸县12个计划新开工项目，9个已开工建设。其中，网岭循环经济园扩建项目、湘东钨业等项目厂房正在施工。")
    # 湘东钨业 is a firm listed as a project: it is in the county all the same
    assert {("网岭循环经济园扩建项目", "攸县"), ("湘东钨业", "攸县")} <= contained(doc)


def test_the_subject_does_not_reach_the_next_sentence_without_qizhong():
    doc = run_text("天心区新开工项目12个，完成投资30亿元。城南片区综合开发项目、暮云污水处理厂项目同步推进。")
    assert not {child for child, _ in contained(doc)} & {"城南片区综合开发项目", "暮云污水处理厂项目"}


def test_projects_an_area_only_signs_with_are_not_in_it():
    doc = run_text("茶陵县还将与湘电风能项目、中联重科配件项目等8个产业项目签约。")
    assert not any(parent == "茶陵县" for _, parent in contained(doc))


def test_a_new_area_listed_with_districts_is_in_their_city():
    # the division table knows 岳麓区 and 望城区, not 湘江新区: listed as their sibling, it is
    # in the city that holds them
    doc = run_text("今天上午，长沙市岳麓区、望城区、湘江新区先后举行重大项目集中开工仪式。")
    assert ("湘江新区", "长沙市") in contained(doc)


def test_a_list_of_areas_from_several_cities_places_no_newcomer():
    doc = run_text("长沙市岳麓区、株洲市芦淞区、湘江新区先后举行重大项目集中开工仪式。")
    assert not any(child == "湘江新区" for child, _ in contained(doc))


def test_an_area_in_brackets_after_an_area_is_in_it():
    doc = run_text("兴义市(义龙新区)第一季度集中开工重大项目30个。")
    assert ("义龙新区", "兴义市") in contained(doc)
    doc = run_text("兴义市(黔西南州)召开会议。")  # the higher level in brackets is no part
    assert ("黔西南州", "兴义市") not in contained(doc)


def test_a_project_located_at_an_address_is_in_its_innermost_place():
    doc = run_text("南岳区智能制造产业园项目位于衡阳市南岳区南岳经济开发区，总投资5亿元。")
    assert ("智能制造产业园项目", "南岳经济开发区") in contained(doc)
    # kg:locatedIn points at areas only (shapes.ttl): a park holds by kg:partOf
    assert all(r.object.type == "AdministrativeArea" for r in doc.relations if r.predicate == "locatedIn")


def test_a_park_written_before_another_park_is_its_address():
    doc = run_text("该项目选址于醴陵经济开发区陶瓷科技产业园内，建成后年产日用陶瓷5000万件。")
    assert ("陶瓷科技产业园", "醴陵经济开发区") in contained(doc)
    # an area in brackets after the park names its area, which holds the inner park too
    doc = run_text("当天，在株洲高新区(天元区)栗雨片区，一批重点项目集中开工。")
    assert {("栗雨片区", "株洲高新区"), ("栗雨片区", "天元区")} <= contained(doc)



def test_a_headline_may_set_the_address_apart_with_a_space():
    doc = run_text("长沙经开区 星沙智能制造产业园建设提速")
    assert ("星沙智能制造产业园", "长沙经开区") in contained(doc)
    doc = run_text("醴陵市 陶瓷科技产业园二期建设提速")
    assert ("陶瓷科技产业园二期", "醴陵市") in contained(doc)


# --- names that hold their container --------------------------------------------------------

def test_an_area_written_after_its_city_is_in_that_city():
    doc = run_text("宜宾三江新区加快建设。三江新区新开工项目20个，宜宾市支持三江新区发展。")
    assert ("宜宾三江新区", "宜宾市") in contained(doc)


def test_a_park_written_after_a_city_and_its_new_area_is_in_the_new_area():
    doc = run_text("投运仪式在宜宾三江新区东部产业园举行。三江新区汽车产业园已入驻企业30家，宜宾市将加快发展。")
    assert ("宜宾三江新区东部产业园", "三江新区") in contained(doc)
    assert ("宜宾三江新区东部产业园", "宜宾市") not in contained(doc)


def test_a_name_opening_with_a_compound_of_places_is_in_the_first():
    # GUIDELINES located_in: a project whose name opens with an area the document names
    doc = run_text("贵阳市和贵安新区加快建设。推进贵阳贵安全域智能信控项目建设。")
    assert ("贵阳贵安全域智能信控项目", "贵阳市") in contained(doc)
    assert ("贵阳贵安全域智能信控项目", "贵安新区") not in contained(doc)


def test_a_town_is_not_inside_the_short_name_it_goes_by():
    from kg.extract.relate import named_in_area

    # 青石镇着力构建具有青石特点的产业集群 (the tagger reads 青石 as an area): one town
    text = "青石镇着力构建具有青石特点的产业集群。"
    doc = Doc(path="x.txt", file_name="x.txt", raw=text, text=text)
    doc.mentions = [Mention("青石镇", "青石镇", "AdministrativeArea", "Township", 0, 3, 0, "suffix"),
                    Mention("青石", "青石", "AdministrativeArea", "", 9, 11, 0, "tagger")]
    assert named_in_area(doc, doc.mentions) == []
    doc.mentions.append(Mention("青石工业园", "青石工业园", "Park", "", 12, 17, 0, "suffix"))
    assert [(r.subject.label, r.object.label) for r in named_in_area(doc, doc.mentions)] == [("青石工业园", "青石")]


def test_a_place_and_the_word_projects_is_no_name_that_says_where():
    from kg.extract.relate import named_in_area

    text = "泗洪县项目建设提速，泗洪县经济开发区新开工项目5个。"
    doc = Doc(path="x.txt", file_name="x.txt", raw=text, text=text)
    doc.mentions = [Mention("泗洪县项目", "泗洪县项目", "Project", "", 0, 5, 0, "suffix"),
                    Mention("泗洪县", "泗洪县", "AdministrativeArea", "District", 0, 3, 0, "prefix", ref="321324"),
                    Mention("泗洪县经济开发区", "泗洪县经济开发区", "Park", "", 10, 18, 0, "suffix")]
    assert [(r.subject.label, r.object.label) for r in named_in_area(doc, doc.mentions)] == [("泗洪县经济开发区", "泗洪县")]


# --- after resolution: the nearest container only -------------------------------------------

def _mention(label: str, type_: str, key: str) -> Mention:
    return Mention(label, label, type_, key=key)


def test_a_link_that_skips_a_level_is_dropped_when_the_nearer_one_is_known():
    from kg.extract.resolve import keep_nearest_containers

    project = _mention("智能装备项目", "Project", "Project|智能装备项目")
    park = _mention("雨湖高新区", "Park", "Park|雨湖高新区")
    city = _mention("湘潭市", "AdministrativeArea", "AdministrativeArea|湘潭市")
    news = Doc(path="a.txt", file_name="a.txt", raw="")
    news.relations = [Relation("partOf", project, park, 0, "park-holds"),
                      Relation("locatedIn", project, city, 0, "name")]
    other = Doc(path="b.txt", file_name="b.txt", raw="")
    other.relations = [Relation("locatedIn", park, city, 0, "name")]
    dropped = keep_nearest_containers([news, other])
    assert dropped == [("Project|智能装备项目", "locatedIn", "AdministrativeArea|湘潭市")]
    assert [(r.subject.label, r.object.label) for r in news.relations] == [("智能装备项目", "雨湖高新区")]
    assert len(other.relations) == 1  # the park stays in its city


def test_a_name_link_yields_to_a_nearer_container_read_otherwise():
    # 湘潭智能装备项目 is named after 湘潭市, but a sentence puts it in 雨湖高新区: the
    # guidelines' name pair holds "unless the entity already has a more specific pair"
    from kg.extract.resolve import keep_nearest_containers

    project = _mention("湘潭智能装备项目", "Project", "Project|湘潭智能装备项目")
    park = _mention("雨湖高新区", "Park", "Park|雨湖高新区")
    city = Mention("湘潭市", "湘潭市", "AdministrativeArea", "City", key="AdministrativeArea|湘潭市")
    news = Doc(path="a.txt", file_name="a.txt", raw="")
    news.relations = [Relation("locatedIn", project, city, 0, "name"),
                      Relation("partOf", project, park, 0, "park-holds")]
    keep_nearest_containers([news])
    assert [(r.subject.label, r.object.label) for r in news.relations] == [("湘潭智能装备项目", "雨湖高新区")]
    alone = Doc(path="b.txt", file_name="b.txt", raw="")
    alone.relations = [Relation("locatedIn", project, city, 0, "name")]
    keep_nearest_containers([alone])
    assert len(alone.relations) == 1  # nothing nearer: the name says where it is


# --- the scorer's account of containment errors ---------------------------------------------

def _gold() -> dict:
    return {"document": "x.txt", "ignore": ["湖南日报"], "observations": [],
            "located_in": [["雨湖区", "湘潭市"], ["雨湖高新区", "雨湖区"], ["智能装备项目", "雨湖高新区"],
                           ["鹤岭镇", "雨湖区"]],
            "entities": [{"name": n, "type": t} for n, t in (
                ("湘潭市", "AdministrativeArea"), ("雨湖区", "AdministrativeArea"), ("鹤岭镇", "AdministrativeArea"),
                ("雨湖高新区", "Park"), ("智能装备项目", "Project"), ("长沙市", "AdministrativeArea"))]}


def test_eval_errors_say_why_a_containment_pair_is_false_or_missed():
    from kg.evaluate import SystemDoc, SystemEntity, score_document

    names = ("湘潭市", "雨湖区", "雨湖高新区", "智能装备项目", "长沙市", "湖南日报")
    system = SystemDoc([SystemEntity(n, "AdministrativeArea") for n in names],
                       {("智能装备项目", "雨湖区"), ("雨湖区", "湘潭市"), ("湘潭市", "雨湖区"),
                        ("雨湖高新区", "长沙市"), ("湖南日报", "湘潭市")}, [])
    score = score_document(system, _gold())
    assert sorted(score.false_located) == [
        "智能装备项目 → 雨湖区 [grand-parent]",  # a level skipped: the park is between
        "湖南日报 → 湘潭市 [ignored end]",
        "湘潭市 → 雨湖区 [reversed]",
        "雨湖高新区 → 长沙市 [other-parent]"]
    assert sorted(score.missed_located) == [
        "智能装备项目 → 雨湖高新区 [system parent: 雨湖区]",
        "雨湖高新区 → 雨湖区 [system parent: 长沙市]",
        "鹤岭镇 → 雨湖区 [no child]"]
    assert (score.located.tp, score.located.fp, score.located.fn) == (1, 4, 3)


def test_eval_errors_print_containment_pairs_with_the_rule_that_read_them(tmp_path):
    from kg.evaluate import containment_rules, error_lines, evaluate
    from kg.builder import build

    text = tmp_path / "x.txt"
    text.write_text("湘潭市雨湖区鹤岭镇新开工项目5个。", encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "x.json").write_text(
        '{"document": "x.txt", "observations": [], "located_in": [["鹤岭镇", "雨湖区"]], "entities": ['
        '{"name": "雨湖区", "type": "AdministrativeArea"}, {"name": "鹤岭镇", "type": "AdministrativeArea"}]}',
        encoding="utf-8")
    result = build([str(text)])
    lines = error_lines(evaluate(result, gold), rules=containment_rules(result.docs, result.entities))
    false_line = next(line for line in lines if line.startswith("false locatedIn: "))
    assert "雨湖区 → 湘潭市 [not gold end] <" in false_line  # 湘潭市 is no gold entity here
    assert next(line for line in lines if line.startswith("missed locatedIn: ")) == "missed locatedIn: "


# --- firms that settle in an area or park ------------------------------------------------------

def test_an_institute_that_settles_in_an_area_is_in_it():
    doc = run_text("在当天的签约仪式上，浙江大学智能制造研究院落地萧山。")
    assert ("浙江大学智能制造研究院", "萧山") in contained(doc)
    assert not any(child == "浙江大学" for child, _ in contained(doc))  # the name read inside it


def test_a_firm_listed_as_an_areas_project_is_in_that_area():
    doc = run_text("加快推进宁安市的果蔬冷链加工、海宁市的金禾木业有限公司、林口县的石墨开采加工等项目建设。")
    assert ("金禾木业有限公司", "海宁市") in contained(doc)
    doc = run_text("海宁市的金禾木业有限公司今年营业收入增长12%。")
    assert ("金禾木业有限公司", "海宁市") not in contained(doc)  # a firm of the city, not one of its works


def test_firms_listed_before_settling_in_a_park_are_part_of_it():
    doc = run_text("今年，湖南宏达贸易有限公司、恒信物流有限公司等企业落户长沙经开区。")
    assert {("湖南宏达贸易有限公司", "长沙经开区"), ("恒信物流有限公司", "长沙经开区")} <= contained(doc)


def test_the_owner_of_firms_that_settle_is_not_settled():
    doc = run_text("近年来，华润医药旗下已有5家公司在梅州落户。")
    assert not any(child.startswith("华润") for child, _ in contained(doc))


# --- lists of works described by their investment ----------------------------------------------

def test_a_park_in_a_list_of_invested_works_does_not_end_the_subjects_reach():
    doc = run_text("此次许昌市集中开工的重点项目共有15个，主要包括总投资8亿元的建安区食品产业园，"
                   "总投资3亿元的城北污水处理厂扩建项目和总投资1.2亿元的市急救中心等项目。")
    assert ("城北污水处理厂扩建项目", "许昌市") in contained(doc)


def test_a_firm_in_front_of_a_listed_work_is_not_that_work():
    doc = run_text("此次襄城县开工的项目主要包括宏远集团生物医药产业园和城东热力站等项目。")
    assert not any(child == "宏远集团" for child, _ in contained(doc))


def test_an_address_after_weiyu_goes_on_through_words_that_are_no_name():
    doc = run_text("新会智能制造产业园位于莒南县东部滨海片区，规划面积12平方公里。")
    assert ("新会智能制造产业园", "滨海片区") in contained(doc)
    assert ("新会智能制造产业园", "莒南县") not in contained(doc)


# --- what a clause's subject does not hold -----------------------------------------------------

def test_a_park_after_a_verb_is_no_subject_of_its_clause():
    doc = run_text("合肥将加快建设滨湖科学城，积极推进合肥先进光源项目等大科学装置。")
    assert ("合肥先进光源项目", "滨湖科学城") not in contained(doc)


def test_a_kind_of_project_counted_is_no_item_of_the_subject():
    doc = run_text("鸡西市新开工项目50个。其中，亿元以上项目38个，拟申报“省百大项目”12个。")
    assert not any(child == "省百大项目" for child, _ in contained(doc))


# --- a whole that names its parts ---------------------------------------------------------------

def test_the_parks_within_a_parks_jurisdiction_are_part_of_it():
    doc = run_text("特别是滨江高新区，产业项目投资总额占全区四成，其辖区内白马湖科创园、物联网产业园等多个产业单元均有重大项目开工。")
    assert {("白马湖科创园", "滨江高新区"), ("物联网产业园", "滨江高新区")} <= contained(doc)


def test_a_park_made_of_parks_holds_them():
    doc = run_text("长寿经济技术开发区成立于2010年，由晏家工业园、江南产业园和八颗产业园组成。")
    assert {("江南产业园", "长寿经济技术开发区"), ("八颗产业园", "长寿经济技术开发区")} <= contained(doc)


# --- a project said to be an area's -------------------------------------------------------------

def test_a_project_said_to_be_an_areas_project_is_in_it():
    doc = run_text("年产5万吨生物基材料项目是涪陵区今年重点引进的制造业项目之一，总投资18亿元。")
    assert ("年产5万吨生物基材料项目", "涪陵区") in contained(doc)


def test_what_a_project_does_for_an_area_does_not_place_it():
    doc = run_text("此次开工的医疗器械产业化基地二期项目是宝山区高端医疗器械产业发展的又一新增长点。")
    assert ("医疗器械产业化基地二期项目", "宝山区") not in contained(doc)


def test_a_project_whose_groundbreaking_is_held_somewhere_is_there():
    doc = run_text("4月8日，周口市第二批集中开工重大项目暨金丝猴食品产业园建设项目开工活动在郸城县举行。")
    assert ("金丝猴食品产业园建设项目", "郸城县") in contained(doc)


def test_a_signing_ceremony_places_nothing():
    doc = run_text("智能装备产业园项目集中签约仪式在郸城县举行。")
    assert not any(parent == "郸城县" for _, parent in contained(doc))


def test_what_is_built_at_a_place_is_there():
    doc = run_text("湘绣文创基地项目由湖南锦绣文创有限公司投资建设，总投资2000万元，计划在湘绣产业园创办刺绣培训中心。")
    assert ("湘绣文创基地项目", "湘绣产业园") in contained(doc)
    doc = run_text("今年将在望城经开区新建智能终端产业园，带动就业2000人。")
    assert ("智能终端产业园", "望城经开区") in contained(doc)


def test_what_settles_in_an_address_chain_is_in_its_innermost_place():
    doc = run_text("数字农业产业园项目落户花溪区燕楼镇，总投资5亿元。")
    assert ("数字农业产业园项目", "燕楼镇") in contained(doc)
    assert ("数字农业产业园项目", "花溪区") not in contained(doc)  # the town's district: no direct containment
    doc = run_text("数字农业产业园项目在花溪区燕楼镇开工建设。")
    assert ("数字农业产业园项目", "燕楼镇") in contained(doc)
    doc = run_text("贵阳低空经济产业园项目落地在花溪区燕楼镇，总投资5亿元。")  # the verb, 在, then the place
    assert ("贵阳低空经济产业园项目", "燕楼镇") in contained(doc)
    doc = run_text("华为云智算基地完成选址，在贵安新区举行发布会。")  # a clause between: no place of it
    assert not any(child == "华为云智算基地" for child, _ in contained(doc))


def test_a_place_in_an_earlier_clause_does_not_stop_the_project_being_built_at_the_place():
    # 广州, 深圳: who brought the investor in, a clause before the one that says where it is built
    doc = run_text("其中，波密隐世山居酒店项目经广州和深圳援藏工作组联动招商，由深圳寓墅文旅企业投资，"
                   "计划在波密县古乡嘎朗村投资5000万元建设文旅综合体。")
    assert ("波密隐世山居酒店项目", "嘎朗村") in contained(doc)
    # another place in the clause of 在 itself: the sentence may be about a project there
    doc = run_text("其中，波密隐世山居酒店项目引进深圳市企业在波密县古乡嘎朗村投资5000万元建设文旅综合体。")
    assert ("波密隐世山居酒店项目", "嘎朗村") not in contained(doc)


# --- an area named only inside a body's name or a dateline ---------------------------------------

def test_a_dateline_names_no_place_to_contain():
    doc = run_text("新华社银川6月10日电 记者从宁夏回族自治区获悉，全区今年新开工项目400个。")
    assert not any(child in ("银川", "银川市") for child, _ in contained(doc))


def test_an_area_named_as_the_head_of_a_body_is_no_container():
    doc = run_text("1月28日，三亚市人大代表走进三亚崖州湾科技城。海南省将继续支持科技城建设。")
    assert ("三亚市", "海南省") not in contained(doc)


def test_a_countys_short_form_that_is_its_citys_says_nothing():
    doc = run_text("长沙县今年新开工项目80个。长沙经开区智能制造产业园一期建成投产。")
    assert not any(parent == "长沙县" and child.startswith("长沙经开区") for child, parent in contained(doc))


def test_an_areas_name_holding_a_new_areas_short_form_is_not_in_it():
    doc = run_text("去年，公主岭市获批建立省级新区公主新区。公主岭市常住人口30万人。")
    assert ("公主岭市", "公主新区") not in contained(doc)


# --- a clause that is only 在 and a place sets where the next clause's works start -----------

def test_works_started_in_the_clause_after_zai_a_place_are_there():
    # the place is the last of an address chain with a bracketed other name between
    doc = run_text("同日，在西安经开区(未央区)泾渭片区，智能制造科技产业园建设项目、新型建材产业园项目同时动工。")
    assert ("新型建材产业园项目", "泾渭片区") in contained(doc)


def test_a_clause_after_zai_a_place_that_only_signs_places_nothing():
    doc = run_text("同日，在株洲高新区，智能制造科技产业园建设项目、新型建材产业园项目集中签约。")
    assert not any(parent == "株洲高新区" for _, parent in contained(doc))


def test_a_subject_whose_clause_runs_to_a_semicolon_goes_on_after_it():
    # the clause up to the ；is the subject's: the list after it (包括…) is still its
    doc = run_text("株洲高新区已累计引进世界500强企业10家；落地产业项目11个，总投资约141亿元，包括北汽株洲基地、硬质合金产业园等。")
    assert {("北汽株洲基地", "株洲高新区"), ("硬质合金产业园", "株洲高新区")} <= contained(doc)


def test_a_clause_that_starts_the_subjects_listed_works_goes_on_with_it():
    doc = run_text("1月12日，株洲市芦淞区举行一季度重点项目集中开工仪式，共集中开工北汽株洲基地、硬质合金产业园等项目32个。")
    assert {("北汽株洲基地", "芦淞区"), ("硬质合金产业园", "芦淞区")} <= contained(doc)


def test_a_sentence_that_opens_on_here_speaks_of_the_last_ones_subject():
    doc = run_text("2025年，株洲高新区入选国家级典型园区。在这里，北汽株洲基地项目已全面投产。")
    assert ("北汽株洲基地项目", "株洲高新区") in contained(doc)


def test_a_sentence_without_a_back_reference_keeps_the_last_subject_out():
    # (a paragraph that opens on the park is the park's own news: roles.parks.park_paragraph)
    doc = run_text("2025年，全市经济稳步增长，株洲高新区入选国家级典型园区。北汽株洲基地项目已全面投产。")
    assert ("北汽株洲基地项目", "株洲高新区") not in contained(doc)


def test_a_list_after_a_few_words_on_the_subject_is_the_subjects():
    doc = run_text("株洲高新区发展迅猛，北汽株洲基地、硬质合金产业园等项目日益成熟。")
    assert {("北汽株洲基地", "株洲高新区"), ("硬质合金产业园", "株洲高新区")} <= contained(doc)


def test_a_list_after_a_long_clause_on_the_subject_is_not_its():
    # (inside a paragraph that opens on the park, roles.parks.park_paragraph reads its news)
    doc = run_text("据介绍，株洲高新区着力构建具有地方特点的产业集群并优化楼宇定位，北汽株洲基地、硬质合金产业园等项目日益成熟。")
    assert ("北汽株洲基地", "株洲高新区") not in contained(doc)


# --- which areas the division table pairs ---------------------------------------------------

def test_the_area_of_a_reports_title_is_a_place_though_a_government_follows_it():
    doc = run_text("2022年安顺市政府工作报告\n各位代表：过去一年，西秀区新建标准化厂房20万平方米。")
    assert ("西秀区", "安顺市") in contained(doc)


def test_an_area_named_only_as_a_governments_head_in_the_text_is_no_place():
    doc = run_text("会上，安顺市政府通报了工作进展。西秀区新建标准化厂房20万平方米。")
    assert ("西秀区", "安顺市") not in contained(doc)


def test_bracket_notation_inside_a_name_places_no_area():
    doc = run_text("今年开工华电广西(百色)田阳20万千瓦光伏项目，总投资9亿元。")
    assert ("百色市", "广西壮族自治区") not in contained(doc) and ("百色", "广西") not in contained(doc)


def test_bracket_notation_on_its_own_places_the_county():
    doc = run_text("清远(英德)承接产业转移，今年新签约项目20个。")
    assert ("英德", "清远") in contained(doc) or ("英德市", "清远市") in contained(doc)


def test_a_project_after_weiyu_an_address_and_de_is_in_the_address():
    doc = run_text("近日，位于顺庆区物流大道的川东北冷链物流集散中心项目建设现场热火朝天。")
    assert ("川东北冷链物流集散中心项目", "顺庆区") in contained(doc)


def test_weiyu_an_address_whose_area_is_read_off_the_parks_name():
    # the firm's name nested at the project's start and 凯里市 read as the park's prefix:
    # the project is in the park all the same
    doc = run_text("安顺恒升新材料有限公司锂电池正极材料生产线项目位于安顺市西秀工业园区，项目总投资30亿元。")
    assert ("安顺恒升新材料有限公司锂电池正极材料生产线项目", "西秀工业园区") in contained(doc)


def test_a_firm_opening_a_parks_name_is_not_in_the_park():
    doc = run_text("记者在京东亚洲一号工程贵阳物流产业园施工现场看到，厂房拔地而起。")
    assert ("京东", "京东亚洲一号工程贵阳物流产业园") not in contained(doc)


# --- a name says where it is when it opens with the place (GUIDELINES located_in) ----------

def test_a_place_after_a_firms_or_schools_name_is_no_address():
    doc = run_text("遵义市今年开工中国电信遵义云计算中心二期项目、北京师范大学附属遵义实验学校。")
    assert ("中国电信遵义云计算中心二期项目", "遵义市") not in contained(doc)
    assert ("北京师范大学附属遵义实验学校", "遵义市") not in contained(doc)


def test_a_joint_park_named_with_a_dash_is_in_the_first_place_but_a_route_is_in_neither():
    doc = run_text("滨海新区持续推动滨海—中关村科技园建设，开通滨海—胡志明跨境卡班。")
    assert ("滨海—中关村科技园", "滨海新区") in contained(doc)
    assert not any(child.startswith("滨海—胡志明") for child, _ in contained(doc))


def test_a_routes_section_named_after_a_place_is_in_it():
    doc = run_text("遵义市今年建成渝贵铁路遵义段，完成投资30亿元。")
    assert ("渝贵铁路遵义段", "遵义市") in contained(doc)


def test_a_town_is_not_read_straight_into_its_province():
    # 红枫湖镇 (a town of 清镇市) with only 贵州省 named: two levels apart, no direct containment
    from kg.extract.relate import division_table
    text = "贵州省清镇市首批开发区，辖红枫湖镇。"
    doc = Doc(path="x.txt", file_name="x.txt", raw=text, text=text)
    doc.mentions = [Mention("贵州省", "贵州省", "AdministrativeArea", "Province", 0, 3, 0, "gazetteer", ref="520000"),
                    Mention("红枫湖镇", "红枫湖镇", "AdministrativeArea", "Township", 13, 17, 0, "gazetteer",
                            ref="520181-红枫湖镇")]
    assert not division_table(doc, doc.mentions)
    doc.mentions.append(Mention("清镇市", "清镇市", "AdministrativeArea", "District", 3, 6, 0, "gazetteer", ref="520181"))
    assert {(r.subject.label, r.object.label) for r in division_table(doc, doc.mentions)} == \
        {("红枫湖镇", "清镇市"), ("清镇市", "贵州省")}


def test_a_new_area_named_after_its_city_is_in_the_city():
    doc = run_text("长春市加快建设现代化都市圈。长春新区今年新开工项目50个，完成投资200亿元。")
    assert ("长春新区", "长春市") in contained(doc)
    # the city named by its short form only holds it all the same
    doc = run_text("株洲召开项目建设大会。株洲新区新开工项目30个，完成投资80亿元。")
    assert ("株洲新区", "株洲") in contained(doc)


def test_a_new_area_named_after_an_unnamed_city_is_in_the_named_province():
    doc = run_text("四川省加快发展。宜宾三江新区今年新开工项目50个。")
    assert ("宜宾三江新区", "四川省") in contained(doc)


def test_a_park_named_after_an_unnamed_city_is_not_read_into_the_province():
    doc = run_text("青海省加快园区建设。格尔木工业园今年新开工项目20个。")
    assert ("格尔木工业园", "青海省") not in contained(doc)


def test_a_route_section_in_brackets_is_in_the_place_it_names():
    # the bracket names the section, not a qualifier of the route (中国(贵州)… serves 贵州 only)
    doc = run_text("河北省今年建成京雄高速(河北段)，完成投资80亿元。")
    assert ("京雄高速(河北段)", "河北省") in contained(doc)


def test_a_park_document_does_not_place_the_parts_of_a_work_named_before():
    text = ("株洲经开区重点项目建设提速\n"
            "今年以来，株洲经开区加快项目建设。株洲经开区新开工项目12个。"
            "湘江智能装备产业园项目正在施工，株洲经开区将全力保障。"
            "该项目将建设年产5万台电机生产线、智能装备研发中心等。")
    found = contained(run_text(text))
    assert ("湘江智能装备产业园项目", "株洲经开区") in found  # a work of the park's own document
    assert not {child for child, parent in found if parent == "株洲经开区"} & {"年产5万台电机生产线", "智能装备研发中心"}


def test_a_work_whose_name_opens_with_another_park_is_not_the_subjects():
    from kg.extract.relate import sentence_subject

    # (the tagger reads the second item as one name, its park included)
    text = "株洲经开区新开工项目12个，包括湘江智能装备产业园项目、醴陵经开区华鑫电瓷二期项目等。"
    doc = run_text(text)
    first, second = text.index("湘江"), text.index("醴陵")
    doc.mentions = [Mention("株洲经开区", "株洲经开区", "Park", "", 0, 5, 0, "suffix"),
                    Mention("湘江智能装备产业园项目", "湘江智能装备产业园项目", "Project", "", first, first + 11, 0, "suffix"),
                    Mention("醴陵经开区华鑫电瓷二期项目", "醴陵经开区华鑫电瓷二期项目", "Project", "", second, second + 13, 0,
                            "tagger")]
    found = {(r.subject.label, r.object.label) for r in sentence_subject(doc, doc.mentions)}
    assert found == {("湘江智能装备产业园项目", "株洲经开区")}


def test_a_batch_named_with_cici_is_the_last_subjects():
    # 此次…项目，包括A、B: the projects the subject a sentence or two before started
    doc = run_text("4月8日，醴陵市15个重大项目集中开工。项目总投资80亿元，涵盖装备制造、现代物流等领域。\n"
                   "此次集中开工项目，包括湘南智能装备制造基地、雁城冷链物流园二期等项目。")
    assert {("湘南智能装备制造基地", "醴陵市"), ("雁城冷链物流园二期", "醴陵市")} <= contained(doc)


def test_a_park_named_for_two_cities_is_in_the_one_in_brackets():
    # 深圳(汕尾)产业转移工业园: built in 汕尾 by 深圳's partnership, so it is in 汕尾
    doc = run_text("深圳市与汕尾市共建深圳(汕尾)产业转移工业园，园区一期已有15家企业投产。")
    pairs = contained(doc)
    assert ("深圳(汕尾)产业转移工业园", "汕尾市") in pairs
    assert ("深圳(汕尾)产业转移工业园", "深圳市") not in pairs


def test_a_clause_opening_on_the_day_a_work_started_goes_on_with_the_subject():
    doc = run_text("乌拉特前旗今年春季集中开工18个重点项目，4月2日开工的乌梁素海生态修复工程项目，总投资3.5亿元。")
    assert ("乌梁素海生态修复工程项目", "乌拉特前旗") in contained(doc)


def test_a_sentence_opening_on_the_ceremony_goes_on_with_the_subject_before():
    doc = run_text("五原县今年春季集中开工18个重点项目，总投资30亿元。"
                   "开工仪式上，还开工了河套酒业年产5万吨白酒扩能项目、恒丰集团面粉加工项目。")
    assert {("河套酒业年产5万吨白酒扩能项目", "五原县"), ("恒丰集团面粉加工项目", "五原县")} <= contained(doc)


def test_the_areas_listed_after_xia_are_in_the_whole_that_governs_them():
    doc = run_text("湘潭县下辖易俗河镇、花石镇、白石镇等17个乡镇，总面积2134平方公里。")
    assert {("易俗河镇", "湘潭县"), ("花石镇", "湘潭县"), ("白石镇", "湘潭县")} <= contained(doc)
    # a sentence naming no whole before 辖 speaks of the one the paragraph opened with
    doc = run_text("【概况】株洲高新区成立于1992年，与天元区实行区政合一的管理体制。"
                   "2020年辖区总面积327平方公里，辖嵩山路、泰山路、栗雨3个街道和45个村。")
    assert {("嵩山路", "株洲高新区"), ("泰山路", "株洲高新区"), ("栗雨", "株洲高新区")} <= contained(doc)


def test_a_place_the_tagger_finds_in_a_district_report_is_in_the_district():
    # 石梅湾 carries no level word and the division table does not know it: a place of the
    # county-level city the report is about
    doc = run_text("今年万宁市将加快旅游业发展。推动石梅湾创建省级旅游度假区，兴隆打造国家级旅游度假区。"
                   "万宁市全年接待游客增长10%。")
    pairs = contained(doc)
    assert ("石梅湾", "万宁市") in pairs
    # 兴隆 is the short name of a county elsewhere in the table: no guess
    assert not any(child == "兴隆" for child, _ in pairs)


def test_the_place_a_project_is_in_named_after_suozai():
    doc = run_text("图为中伟新材料项目所在的宁乡高新区一角。")
    assert ("中伟新材料项目", "宁乡高新区") in contained(doc)


def test_a_project_that_starts_trial_production_somewhere_is_there():
    doc = run_text("5月8日，邦普循环一体化电池材料项目在宁乡试产成功。")
    assert ("邦普循环一体化电池材料项目", "宁乡") in contained(doc)


def test_a_park_named_right_after_qunei_is_in_the_last_sentences_subject():
    doc = run_text("天心经开区是一座产业新城。目前，区内暮云湿地公园已对外开放。")
    assert ("暮云湿地公园", "天心经开区") in contained(doc)


def test_a_name_is_read_from_its_left_where_two_places_overlap():
    # 中山东部…: 山东 (named as a province here) overlaps the 中山 the name opens with
    doc = run_text("山东省客商来到中山市考察。中山东部组团综合管廊项目正式开工。")
    pairs = contained(doc)
    assert ("中山东部组团综合管廊项目", "中山市") in pairs
    assert ("中山东部组团综合管廊项目", "山东省") not in pairs


def test_a_later_clause_opening_on_weiyu_places_the_park_the_sentence_opens_with():
    doc = run_text("金霞经济开发区成立于1992年，规划面积30平方公里，位于开福区北部，交通十分便利。")
    assert ("金霞经济开发区", "开福区") in contained(doc)
    # a clause that opens on another name has a subject of its own
    doc = run_text("金霞经济开发区成立于1992年，湘粤物流园区位于开福区北部。")
    assert ("金霞经济开发区", "开福区") not in contained(doc)


def test_two_names_of_one_thing_do_not_hold_each_other():
    # 株洲清水塘经济开发区 opens with the short form of 株洲清水塘新区, but 即 says they are one
    doc = run_text("株洲清水塘经济开发区，即株洲清水塘新区，规划面积15平方公里。")
    assert ("株洲清水塘经济开发区", "株洲清水塘新区") not in contained(doc)


def test_a_quoted_title_after_an_area_is_not_in_it():
    # “中国陶瓷名城” is what 醴陵市 is called, no park inside it
    doc = run_text("一批项目的建成投产，让醴陵市“中国陶瓷名城”的招牌更加鲜亮。")
    assert not any(parent == "醴陵市" for _, parent in contained(doc))


def test_a_province_opening_a_name_is_part_of_it_not_its_address():
    doc = run_text("湖南省先进储能材料产业基地今年新增企业12家。")
    assert not any(parent == "湖南省" for _, parent in contained(doc))
    # below the province the address holds as ever
    doc = run_text("湖南省长沙市先进储能材料产业基地今年新增企业12家。")
    assert {("先进储能材料产业基地", "长沙市"), ("长沙市", "湖南省")} <= contained(doc)


def test_a_firm_named_after_its_district_is_not_placed_by_the_address():
    # 普陀区|海丰集团拆建项目: the project is in 普陀区; the firm its name holds is registered there,
    # which the name rule does not read as containment either
    from kg.extract.relate import area_prefix
    text = "普陀区海丰集团拆建项目，将建设冷藏库。"
    doc = Doc(path="x.txt", file_name="x.txt", raw=text, text=text)
    doc.mentions = [Mention("普陀区", "普陀区", "AdministrativeArea", "District", 0, 3, 0, "prefix", ref="330903"),
                    Mention("普陀区海丰集团拆建项目", "海丰集团拆建项目", "Project", "", 0, 11, 0, "suffix"),
                    Mention("普陀区海丰集团", "普陀区海丰集团", "Organization", "", 0, 7, 0, "nested")]
    assert {(r.subject.label, r.object.label) for r in area_prefix(doc, doc.mentions)} == {("海丰集团拆建项目", "普陀区")}


def test_a_place_after_de_is_an_address_in_a_noun_phrase_not_the_clauses_subject():
    # 集中开工的宁乡高新区…改造: the park is the first item's address, not the subject of the
    # list (the subject rule reads nothing from it); written as the subject it holds the list
    from kg.extract.relate import sentence_subject
    doc = run_text("此外，集中开工的宁乡高新区电子元件全自动贴片智能化改造、楚天科技无菌灌装线扩产等项目，见证了园区的成长。")
    assert not sentence_subject(doc, doc.mentions)
    doc = run_text("此外，醴陵市集中开工了陶瓷窑炉智能化改造、华联瓷业日用瓷扩产等项目，进一步壮大了产业集群。")
    assert ("华联瓷业日用瓷扩产", "醴陵市") in contained(doc)


def test_a_province_heading_a_firms_name_is_no_parent_of_the_table():
    # 湖南|鑫泰源科技: the short form opens a firm's name the recognisers missed; the province is
    # not named on its own, so the district is not placed in it (GUIDELINES "Names inside names")
    doc = run_text("芙蓉区今年新签约项目8个，其中智能装备产业园项目由湖南鑫泰源科技投资建设，总投资5亿元。")
    assert not any(parent == "湖南" for _, parent in contained(doc))
    doc = run_text("芙蓉区今年新签约项目8个。湖南加快推进产业园区建设。")
    assert ("芙蓉区", "湖南") in contained(doc)
    # 智慧 is tagged as a person's name, but it is a common word: 湖南 stands on its own
    doc = run_text("芙蓉区今年新签约项目8个。湖南智慧农业加快发展。")
    assert ("芙蓉区", "湖南") in contained(doc)


def test_a_headline_joined_to_the_first_paragraph_gives_it_no_subject():
    # the headline has no final punctuation, so normalisation joins it to the paragraph; its
    # place (东台) is not the subject of the list the paragraph opens with
    doc = run_text("盐城东台:项目建设跑出加速度产业兴\n“金海系”项目相继竣工投产、新能源装备产业园项目落地并开工……今年以来，我市掀起项目建设热潮。")
    assert not any(parent == "东台" for _, parent in contained(doc))
    doc = run_text("东台市“金海系”项目相继竣工投产、新能源装备产业园项目落地并开工。")
    assert ("金海系项目", "东台市") in contained(doc)


def test_a_park_that_serves_as_the_site_of_a_thing_does_not_hold_it():
    # 作为“Y”的核心承载区: the park is a part or site of Y, the reverse of holding it
    doc = run_text("今年以来，滨江科学城作为“三中心”的核心承载区，迎来了难得的发展机遇。")
    assert not contained(doc)
    doc = run_text("今年以来，滨江科学城开工建设“智造谷”项目，迎来了难得的发展机遇。")
    assert ("智造谷项目", "滨江科学城") in contained(doc)


def test_a_park_read_only_inside_the_one_name_holds_nothing_by_that_name():
    # 西岭国际陆港 is written only inside 西岭国际陆港(铁路场站): no park of its own to hold it
    # (GUIDELINES "Names inside names"); a park the text names on its own holds what opens with it
    doc = run_text("截至目前，西岭国际陆港(铁路场站)、智能装备产业园等项目均如期开工。")
    assert ("西岭国际陆港(铁路场站)", "西岭国际陆港") not in contained(doc)
    doc = run_text("西岭综保区今年新增企业12家。西岭综保区综合物流基地建成投运。")
    assert ("西岭综保区综合物流基地", "西岭综保区") in contained(doc)


def test_a_park_named_in_a_list_sharing_one_kind_word_is_named_on_its_own():
    # 西岭、东岭综保区 names 西岭综保区 too: the base that opens with it is in it
    doc = run_text("建成投运西岭综保区综合物流基地。壮大西岭、东岭综保区“保税+”产业。")
    assert ("西岭综保区综合物流基地", "西岭综保区") in contained(doc)
    doc = run_text("建成投运西岭综保区综合物流基地。壮大东岭综保区“保税+”产业。")
    assert ("西岭综保区综合物流基地", "西岭综保区") not in contained(doc)


def test_the_short_form_of_a_division_does_not_hold_its_full_name():
    # 黔东南 and 黔东南州 are one prefecture: the full name opening with the short one says no place
    doc = run_text("2021年黔东南州人民政府工作报告。牢牢守住黔东南阵地，黔东南州经济稳步增长。")
    assert ("黔东南州", "黔东南") not in contained(doc)


def test_the_ends_of_a_routes_section_are_part_of_its_name_not_places_of_the_table():
    doc = run_text("大理白族自治州今年改造祥云至弥渡段公路，推进宾川至鹤庆段建设。")
    assert not contained(doc)
    doc = run_text("大理白族自治州今年支持祥云县、弥渡县建设产业园。")
    assert {("祥云县", "大理白族自治州"), ("弥渡县", "大理白族自治州")} <= contained(doc)


def test_a_short_province_heading_a_firms_name_is_no_address_of_the_project_after_it():
    # 湖南|鑫泰源…项目 read as two names: the short form opens the firm's name, no address
    from kg.extract.relate import located_in
    from kg.extract.segment import segment
    text = "其中，湖南鑫泰源数控机床研发团队项目正在装修。"
    doc = segment(Doc(path="x.txt", file_name="x.txt", raw=text, text=text))
    doc.mentions = [Mention("湖南", "湖南", "AdministrativeArea", "Province", 3, 5, 0, "gazetteer", ref="430000"),
                    Mention("鑫泰源数控机床研发团队项目", "鑫泰源数控机床研发团队项目", "Project", "", 5, 18, 0, "suffix")]
    assert not located_in(doc, doc.mentions)
    text = "其中，湖南省数控机床研发团队项目正在装修。"
    doc = segment(Doc(path="x.txt", file_name="x.txt", raw=text, text=text))
    doc.mentions = [Mention("湖南省", "湖南省", "AdministrativeArea", "Province", 3, 6, 0, "gazetteer", ref="430000"),
                    Mention("数控机床研发团队项目", "数控机床研发团队项目", "Project", "", 6, 16, 0, "suffix")]
    assert [(r.subject.label, r.object.label) for r in located_in(doc, doc.mentions)] == [("数控机床研发团队项目", "湖南省")]


def test_the_land_beside_a_place_is_not_in_it():
    # 西岭科学城北岸: the north bank beside the park, not a part of it (周边, 沿线 alike)
    from kg.extract.relate import named_in_area
    text = "西岭科学城今年新增企业12家。启动西岭科学城北岸开发利用，建设西岭科学城创新港。"
    doc = Doc(path="x.txt", file_name="x.txt", raw=text, text=text)
    doc.mentions = [Mention("西岭科学城", "西岭科学城", "Park", "IndustrialPark", 0, 5, 0, "suffix"),
                    Mention("西岭科学城北岸", "西岭科学城北岸", "Project", "", 17, 24, 1, "tagger"),
                    Mention("西岭科学城创新港", "西岭科学城创新港", "Project", "", 32, 40, 1, "tagger")]
    assert {(r.subject.label, r.object.label) for r in named_in_area(doc, doc.mentions)} == {("西岭科学城创新港", "西岭科学城")}


def test_a_province_read_only_inside_an_event_name_gives_no_containment():
    # 003 (贵阳经开区 and 花溪区 news) writes 贵州 only inside 贵州大学 and an expo's name
    from helpers import located_pairs
    doc = run_text("花溪区纵深推进创新区战略——\n花溪区石板镇的茶企在第15届贵州茶产业博览会荣获表彰。"
                   "深化与贵州大学、中南大学等省内外高校合作。\n")
    assert ("石板镇", "花溪区") in located_pairs(doc)
    assert not {p for p in located_pairs(doc) if p[1] == "贵州"}


def test_a_district_read_only_inside_a_port_name_gives_no_containment():
    # the 临沂临港 text (y09): 岚山 is written only in 岚山港, 日照市 on its own
    from helpers import located_pairs
    doc = run_text("临沂临港经济开发区地处山东省东南部，位于莒南县东部，东依新兴港城日照市、距岚山港最近处仅4公里。\n")
    assert ("岚山", "日照市") not in located_pairs(doc)


def test_a_park_named_after_its_province_is_in_it_but_a_firms_project_is_not():
    # GUIDELINES located_in: a park whose name opens with an area the document names; a project
    # opening with a province names its investor's origin (江苏鸿达|年产…项目 in a city of 宁夏)
    doc = run_text("云南加快建设云南民族文化园。江苏鸿达年产5万吨锂电池负极材料项目在吴忠市开工，云南省支持项目建设。")
    assert ("云南民族文化园", "云南") in contained(doc)
    assert not any(child.startswith("江苏鸿达") and parent.startswith("江苏") for child, parent in contained(doc))
