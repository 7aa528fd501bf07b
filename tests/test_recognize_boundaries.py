"""Where names start and end, and what is no name, on sentences written in the genre of
work reports and project news (not copied from the gold files)."""
from __future__ import annotations

from helpers import labels, run_text


def test_strategy_before_a_noun_is_the_adjective_strategic():
    doc = run_text("园区项目涵盖战略新兴产业和现代服务业,脱贫攻坚取得重大战略成果。")
    assert not any(label.endswith("战略") for label in labels(doc, "Program"))
    doc = run_text("全县深入实施乡村振兴战略,推动城乡融合发展。")
    assert "乡村振兴战略" in labels(doc, "Program")


def test_two_fields_joined_by_ji_or_yu_share_one_head():
    doc = run_text("长沙理工数学与信息科学研究中心正式揭牌。")
    assert "长沙理工数学与信息科学研究中心" in labels(doc, "Organization")
    doc = run_text("宁德时代储能电池及材料产业园一期项目顺利投产。")
    assert "宁德时代储能电池及材料产业园一期项目" in labels(doc, "Project")


def test_a_kind_after_ji_is_no_shared_head():
    doc = run_text("盘活闲置楼宇及产业园区,提升亩均效益。")
    assert not any("及" in label for label in labels(doc))


def test_a_first_character_the_segmenter_reads_as_an_adjective_stays_in_the_name():
    # 大/a|柴达木/nr, 广/a|佛山/ns: a lone adjective after a stop modifies nothing
    doc = run_text("今年以来，大柴达木工业园新入驻企业5家。")
    assert "大柴达木工业园" in labels(doc, "Park")
    doc = run_text("会上，广佛山产业园、深汕产业园签约项目12个。")
    assert "广佛山产业园" in labels(doc, "Park")


def test_a_copula_or_a_complement_is_no_first_character():
    doc = run_text("全年用好城市运行管理中心，这里是衢州智造新城的核心区。")
    assert not any(label.startswith(("好", "是")) for label in labels(doc))


def test_a_count_in_figures_inside_a_span_describes_several_things():
    doc = run_text("浅谈湛江市58个市重点项目,全年新建18条生产线。")
    assert not labels(doc, "Project")
    doc = run_text("宏达科技年产200条智能生产线项目开工。")
    assert "宏达科技年产200条智能生产线项目" in labels(doc, "Project")


def test_he_after_one_character_is_part_of_a_listed_firms_name():
    doc = run_text("本次集中签约了长沙智造、大和精密机械、益丰食品等5个招商引资项目。")
    assert "大和精密机械" in labels(doc)
    doc = run_text("今年,盛和稀土、国泰化工等企业投产。")
    assert "盛和稀土" in labels(doc)
    doc = run_text("引进华为、小米和联想等企业。")
    assert {"小米", "联想"} <= labels(doc)


def test_common_words_the_segmenter_tags_as_places_make_no_name():
    # 城市/ns, 海洋/ns, 智慧/nr: jieba's dictionary tags these common words as proper names
    doc = run_text("加快推进城市功能配套项目和海洋牧场项目建设,谋划智慧交通体系项目。")
    assert not labels(doc, "Project")
    doc = run_text("舟山海洋牧场项目开工。")
    assert "舟山海洋牧场项目" in labels(doc, "Project")


def test_a_governments_office_named_after_it_is_one_organisation():
    doc = run_text("浙江省政府新闻办举行新闻发布会。")
    assert "浙江省政府新闻办" in labels(doc, "Organization")
    doc = run_text("江苏省政府批准办理相关手续。")
    assert not any(label.endswith("办") for label in labels(doc))


def test_a_one_character_verb_after_a_lone_name_character_is_part_of_a_trade_name():
    # 杭/nr 可/v, 渝/j 建/v: the segmenter split a two-character trade name
    doc = run_text("位于园区的杭可光电显示模组生产项目开工。")
    assert "杭可光电显示模组生产项目" in labels(doc, "Project")
    doc = run_text("位于园区的中材渝建新型墙板生产项目开工。")
    assert "中材渝建新型墙板生产项目" in labels(doc, "Project")


def test_a_quoted_day_is_no_programme():
    doc = run_text("深入学习贯彻“5·20”重要讲话精神,扎实推进“强省会”行动。")
    assert "5·20" not in labels(doc)
    assert "强省会行动" in labels(doc, "Program")


def test_a_projects_groundbreaking_event_is_no_programme():
    doc = run_text("昨日,许昌市新材料产业园项目开工活动在园区举行。")
    assert not labels(doc, "Program")
    assert "许昌市新材料产业园项目" in labels(doc) or "新材料产业园项目" in labels(doc)


def test_a_name_never_opens_with_a_relating_verb():
    doc = run_text("厂房建成后将作为产业园承接东部转移企业的载体。")
    assert not any(label.startswith("作为") for label in labels(doc))
    # 辖 "governs" is no first character glued to the place after it, even after a comma
    doc = run_text("新区规划面积50平方公里，辖长江路、黄河路2个街道。")
    assert not any(label.startswith("辖") for label in labels(doc))


def test_two_level_words_together_name_no_town_or_village():
    doc = run_text("全县各乡镇积极推进和美乡村建设。")
    assert not labels(doc, "AdministrativeArea")
    doc = run_text("项目位于青岩镇龙井村。")
    assert {"青岩镇", "龙井村"} <= labels(doc, "AdministrativeArea")


def test_a_part_of_a_region_is_no_department():
    doc = run_text("该市位于福建省西南部,区委宣传部组织开展活动。")
    assert not any(label.endswith("南部") for label in labels(doc))


def test_a_programme_head_right_after_its_launching_verb_names_nothing():
    doc = run_text("区委宣传部组织开展活动,县文明办积极实施“三治融合”行动。")
    assert not any(label.endswith("开展活动") for label in labels(doc))


def test_two_bodies_written_together_are_two_organisations():
    doc = run_text("中共银川市委员会银川市人民政府印发实施意见。")
    assert {"中共银川市委员会", "银川市人民政府"} <= labels(doc, "Organization")


def test_a_list_of_kinds_names_none_of_them():
    doc = run_text("高标准建设的生物医药、新材料、智能装备等园区初具规模。")
    assert not labels(doc, "Park")
    doc = run_text("引进吉利汽车、宁德时代、比亚迪等企业。")
    assert {"吉利汽车", "宁德时代", "比亚迪"} <= labels(doc, "Organization")


def test_a_firms_name_that_is_a_common_word_is_that_word_where_modified():
    doc = run_text("抢抓数字化转型的浪潮,乘“双碳”东风,引进浪潮集团等龙头企业。")
    orgs = labels(doc, "Organization")
    assert "东风" not in orgs and "浪潮" not in orgs
    assert "浪潮集团" in orgs


def test_quoted_words_before_de_describe_what_follows():
    doc = run_text("老厂房实现了“腾笼换鸟”的蜕变,全县按照“三个聚焦、五个提升”的工作要求推进。")
    programs = labels(doc, "Program")
    assert "腾笼换鸟" not in programs
    assert any(label.startswith("三个聚焦") for label in programs)


def test_quoted_words_that_say_what_a_noun_does_are_no_programme():
    doc = run_text("开春以来,全县重点项目“马力全开”,各地深入实施“东数西算”,推进“十件实事”。")
    programs = labels(doc, "Program")
    assert "马力全开" not in programs
    assert {"东数西算", "十件实事"} <= programs


def test_a_list_items_first_word_stays_in_a_tagged_name_however_tagged():
    # 居然/d: the tagger's span opens a list item with a word the segmenter reads as an adverb
    doc = run_text("园区已落地恒大汽车零部件、居然之家家居广场、兆瓦储能电池组装等项目。")
    assert "居然之家家居广场" in labels(doc)
    assert "之家家居广场" not in labels(doc)


def test_an_amount_in_brackets_after_a_listed_item_is_a_note():
    doc = run_text("推进华锦集团乙烯裂解项目(计划投资32亿元)、宝来化工新材料项目等重点项目。")
    projects = labels(doc, "Project")
    assert "华锦集团乙烯裂解项目" in projects
    assert not any("投资" in label for label in projects)


def test_a_listed_firm_inside_a_projects_name_leaves_the_industry_word_to_the_project():
    doc = run_text("比亚迪新能源汽车电池项目在开发区投产。")
    assert "比亚迪新能源汽车电池项目" in labels(doc, "Project")
    assert "比亚迪新能源" not in labels(doc, "Organization")


def test_an_enumerator_never_opens_a_name():
    doc = run_text("一是聚焦战略强储备。二是实施人才强县战略。")
    programs = labels(doc, "Program")
    assert not any(label.startswith(("一是", "二是")) for label in programs)


def test_a_requirement_about_a_slogan_leaves_the_slogan_as_the_name():
    doc = run_text("全面落实“两城一带”发展要求,奋力实现“四个一流”目标要求。")
    programs = labels(doc, "Program")
    assert {"两城一带", "四个一流"} <= programs
    assert not any(label.endswith("要求") for label in programs)


def test_works_listed_by_kind_are_still_named():
    doc = run_text("建成龙潭河、新岭等水库,金茂城、悦澜时光、鲸鱼广场等商业综合体亮相。")
    found = labels(doc)
    assert {"龙潭河", "新岭", "金茂城", "鲸鱼广场"} <= found


def test_a_time_word_of_the_clause_is_no_part_of_a_name():
    doc = run_text("条例固化了滨海新区近年来改革成效。")
    assert not any("近年来" in label for label in labels(doc))


def test_a_clause_word_before_a_park_is_no_part_of_its_name():
    # 纵观|…开发区, 助推|…科技城, …产业区作为|高新区: words of the clause, not of the name
    doc = run_text("纵观胶南经济技术开发区近几年的落户项目,记者发现。")
    assert labels(doc, "Park") == {"胶南经济技术开发区"}
    doc = run_text("助推伊川科技城高质量发展。")
    assert labels(doc, "Park") == {"伊川科技城"}
    doc = run_text("硬科技产业区作为高新区经济增量拓展的核心,胶南高新区作为全市主阵地。")
    assert not any("作为" in label for label in labels(doc))
    assert "胶南高新区" in labels(doc, "Park")


def test_a_projects_name_ends_at_xiangmu_and_its_workshop_is_a_part():
    doc = run_text("正在建设的是5万吨乳酸原料项目生产车间,4月初开始复工。")
    assert labels(doc, "Project") == {"5万吨乳酸原料项目"}


def test_a_lone_level_word_before_he_is_another_body():
    doc = run_text("认真贯彻落实中央、省和市委决策部署。")
    assert not labels(doc, "Organization")
    doc = run_text("成都市规划和自然资源局召开会议。")
    assert "成都市规划和自然资源局" in labels(doc, "Organization")


def test_a_lone_level_word_before_a_place_ends_the_word_before_it():
    doc = run_text("会上开展了海峡两岸产业合作区湘南产业园推介活动。")
    assert "湘南产业园" in labels(doc, "Park")
    assert "区湘南产业园" not in labels(doc)


def test_a_statistics_survey_team_is_an_organisation():
    doc = run_text("据国家统计局湘潭调查队抽样调查,全市居民收入稳步增长。")
    assert "国家统计局湘潭调查队" in labels(doc, "Organization")


def test_a_branch_is_named_after_its_companys_full_name():
    doc = run_text("与华润置业(深圳)有限公司上海分公司等单位签约。")
    assert labels(doc, "Organization") == {"华润置业(深圳)有限公司上海分公司"}


def test_an_amount_of_money_before_a_park_is_no_part_of_its_name():
    doc = run_text("签约项目投资总额超80亿元金湾智能制造产业园位于珠海。")
    assert labels(doc, "Park") == {"金湾智能制造产业园"}


def test_renewable_energy_stays_one_word_in_a_parks_name():
    # jieba cuts 可/v|再生能源, and a one-character verb opens no name
    doc = run_text("推动可再生能源综合应用示范区建设。")
    assert labels(doc, "Park") == {"可再生能源综合应用示范区"}


def test_works_on_a_section_and_a_ramp_name_projects():
    doc = run_text("G25公路嘉湖段改建、S1线等项目加快推进。")
    assert "G25公路嘉湖段改建" in labels(doc, "Project")
    doc = run_text("枢纽配套、G50沪渝公路匝道、河道整治等项目。")
    assert "G50沪渝公路匝道" in labels(doc, "Project")


def test_a_phase_after_an_institution_is_the_project_of_building_it():
    doc = run_text("巴斯夫研发中心一期提前竣工。")
    assert "巴斯夫研发中心一期" in labels(doc, "Project")
    assert "巴斯夫研发中心" not in labels(doc, "Organization")


def test_a_bracketed_part_after_a_park_belongs_to_its_name_but_a_county_does_not():
    doc = run_text("同日,在佛山新能源汽车产业园(南园),芦苞镇举行签约。")
    assert "佛山新能源汽车产业园(南园)" in labels(doc, "Park")
    doc = run_text("乌鲁木齐经济技术开发区(头屯河区)新开工项目12个。")
    assert not any("(头屯河区)" in label for label in labels(doc))


def test_a_listed_item_starts_after_the_verb_inside_it():
    doc = run_text("溧阳市、金坛区充分发挥宁德时代、中创新航等龙头项目引领作用。")
    assert "宁德时代" in labels(doc)
    assert not any("充分发挥" in label for label in labels(doc))
    doc = run_text("今年以来,吉林市始终保持项目建设力度不减。")
    assert not labels(doc, "Project")


def test_the_computing_networks_hubs_and_clusters_and_a_county_opening_with_he():
    doc = run_text("推进全国一体化算力网络甘肃枢纽节点建设,支持和林格尔数据中心集群发展。")
    assert "全国一体化算力网络甘肃枢纽节点" in labels(doc, "Project")
    assert "和林格尔数据中心集群" in labels(doc, "Park")


def test_a_coordinating_group_is_an_organisation():
    doc = run_text("2006年经重庆市特色工业园区领导小组批准设立。")
    assert labels(doc, "Organization") == {"重庆市特色工业园区领导小组"}
    assert not labels(doc, "Park")


def test_a_verb_of_pace_ends_a_parks_name():
    doc = run_text("滨江智造新城加速产业园建设。")
    assert labels(doc, "Park") == {"滨江智造新城"}


def test_a_project_named_with_its_firm_and_output_may_be_long():
    doc = run_text("其中,浙江新百超三维五轴激光加工机床博士工作站研发团队项目开工。")
    assert "浙江新百超三维五轴激光加工机床博士工作站研发团队项目" in labels(doc, "Project")


def test_a_centre_listed_among_projects_is_a_project():
    doc = run_text("本次签约的义乌五金华南直销中心、青田石雕展示馆等一批项目成功落地。")
    assert "义乌五金华南直销中心" in labels(doc, "Project")
    doc = run_text("全力推进红塔香精香料中心建设,加大科技研发投入。")
    assert "红塔香精香料中心" in labels(doc, "Project")
    doc = run_text("宁波市政务服务中心召开会议。")
    assert "宁波市政务服务中心" in labels(doc, "Organization")


def test_a_bridge_named_after_the_works_it_belongs_to_starts_after_gongcheng():
    doc = run_text("近日,滨江新材料产业园主干道一期工程清水河大桥最后一片箱梁架设完成。")
    assert "清水河大桥" in labels(doc, "Project")
    assert not any(label.startswith("工程") for label in labels(doc))


def test_a_lone_classifier_after_a_stop_is_a_names_first_character():
    # 。壶/q|梯山…: a classifier after a full stop counts nothing
    doc = run_text("景区配套完善。壶梯山爱国主义研学基地建成开馆。")
    assert "壶梯山爱国主义研学基地" in labels(doc, "Project")


def test_a_zone_named_for_a_policys_goal_is_a_programme():
    doc = run_text("积极建设共同富裕示范区,加快建设普惠金融改革试验区。")
    assert {"共同富裕示范区", "普惠金融改革试验区"} <= labels(doc, "Program")
    doc = run_text("推进贵阳大数据安全产业示范区建设。")
    assert "贵阳大数据安全产业示范区" in labels(doc, "Park")


def test_a_firms_registered_name_inside_a_projects_name_is_no_firm_of_its_own():
    # GUIDELINES "Names inside names": part of the project's name, unless written on its own too
    doc = run_text("内蒙古润琪生物科技有限公司腐植酸复合肥项目开工。")
    assert "内蒙古润琪生物科技有限公司腐植酸复合肥项目" in labels(doc, "Project")
    assert "内蒙古润琪生物科技有限公司" not in labels(doc, "Organization")
    doc = run_text("内蒙古润琪生物科技有限公司腐植酸复合肥项目开工。内蒙古润琪生物科技有限公司总投资5亿元。")
    assert "内蒙古润琪生物科技有限公司" in labels(doc, "Organization")
    doc = run_text("总投资10亿元的法国圣戈班集团绿色建材产业基地开工。")
    assert "法国圣戈班集团" not in labels(doc, "Organization")
    doc = run_text("建成投产宁德时代第二条生产线。")
    assert "宁德时代" in labels(doc, "Organization")  # a brand inside the name: the seeds count it


def test_a_verb_cut_off_a_quoted_name_is_no_listed_project():
    doc = run_text("西岑科创中心、华新镇凤溪社区“城中村”改造等一批重点项目在当天集中启动。")
    assert "改造" not in labels(doc)
    assert "西岑科创中心" in labels(doc)


def test_a_unit_of_a_body_named_by_its_level_alone_is_no_organisation():
    # GUIDELINES "Bodies": 区人民医院 names no one hospital without its place, nor its centre
    doc = run_text("区人民医院心脏中心通过国家认证。")
    assert not labels(doc, "Organization")
    doc = run_text("花溪区人民医院心脏中心通过国家认证。")
    assert "花溪区人民医院心脏中心" in labels(doc, "Organization")


def test_works_joined_by_ji_up_to_the_project_head_are_one_project():
    doc = run_text("总投资80亿元的挪宝生产装备制造基地及研发中心项目,一期总建筑面积约20.9万平方米。")
    assert "挪宝生产装备制造基地及研发中心项目" in labels(doc, "Project")
    assert "挪宝生产装备制造基地" not in labels(doc)
    doc = run_text("推进华锦集团乙烯裂解项目及宝来化工新材料项目建设。")
    assert "华锦集团乙烯裂解项目" in labels(doc, "Project")  # two works, each with its head: not one
    assert not any("及" in label for label in labels(doc))
