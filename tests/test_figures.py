"""Figures: value, unit, year, kind and subject as the seed text gives them."""
from __future__ import annotations

from decimal import Decimal

from helpers import run_text

from kg.extract.figures import _known_indicator, plan_period_end
from kg.extract.numbers import parse_number


def _figures(doc):
    return {(f.subject.label if f.subject else None, f.year, f.kind, f.value, f.unit) for f in doc.figures}


def test_gdp_over_the_years_from_seed_000():
    doc = run_text("花溪区坚持高质量发展。\n这一路,花溪经济发展交出亮眼答卷:地区生产总值从2020年的637亿元跃升至2024年的980亿元,"
                   "2025年历史性突破千亿元大关。")
    found = _figures(doc)
    assert ("花溪", 2020, "Actual", Decimal(637), "亿元") in found or ("花溪区", 2020, "Actual", Decimal(637), "亿元") in found
    assert any(f.year == 2024 and f.value == 980 and f.kind == "Actual" for f in doc.figures)
    assert any(f.year == 2025 and f.value == 1000 and f.unit == "亿元" for f in doc.figures)


def test_targets_of_a_work_report_section():
    # seed 002: the 2025 report's goals for the year
    text = ("# 2025年政府工作报告\n（2025年1月12日在贵阳市第十五届人民代表大会第五次会议上）\n"
            "二、2025年工作安排\n今年经济社会发展的主要预期目标是:贵阳市地区生产总值增长6%左右,城镇新增就业15万人。")
    doc = run_text(text)
    growth = next(f for f in doc.figures if f.value == 6)
    assert (growth.year, growth.kind, growth.unit, growth.indicator) == (2025, "Target", "%", "地区生产总值增速")
    assert growth.subject is not None and growth.subject.label == "贵阳市"


def test_figure_about_the_name_that_follows_it():
    doc = run_text("2025年,总投资12亿元的泰邦生物血液制品生产基地迅速开工。")
    figure = next(f for f in doc.figures if f.value == 12)
    assert figure.subject.label == "泰邦生物血液制品生产基地" and figure.year == 2025


def test_plan_periods_and_chinese_numbers():
    assert plan_period_end("“十四五”期间") == 2025 and plan_period_end("十五五时期") == 2030
    assert parse_number("千") == 1000 and parse_number("十五") == 15 and parse_number("53.12") == Decimal("53.12")


def test_the_year_and_the_plan_go_on_past_a_semicolon():
    # seed 003: 预计到2025年 governs the clauses after ；
    doc = run_text("预计到2025年，花溪区绿色经济占地区生产总值比重将达到50%以上；"
                   "财政科技支出占公共财政收入比重达到1.5%以上，人才总量突破20万人；全区培育高新技术企业达到45家。")
    found = {(f.year, f.kind, f.value) for f in doc.figures}
    assert {(2025, "Target", Decimal("1.5")), (2025, "Target", Decimal(20)), (2025, "Target", Decimal(45))} <= found


def test_an_undated_text_places_this_year_itself():
    # seed 003 has no date; 2024年以来 places it in 2024, so 今年 is 2024
    doc = run_text("数据显示，2024年以来，贵阳经开区政务服务效率不断提升。花溪区力争今年新增高新技术企业5家以上。")
    assert doc.meta.date is None and doc.meta.year == 2024
    figure = next(f for f in doc.figures if f.value == 5)
    assert (figure.year, figure.kind) == (2024, "Target")


def test_a_one_sentence_paragraph_that_opens_a_period_sets_the_subject():
    # seed 000: a new article's opening line names its subject for the figures below it
    doc = run_text("——花溪区人大常委会2025年工作综述\n区人大常委会依法履职。\n"
                   "“十四五”期间,花溪区城乡蝶变的进程从未减缓。\n城市格局更为优化。常住人口新增13万人,总量突破108万人,稳居全市第三。")
    figure = next(f for f in doc.figures if f.value == 108)
    assert (figure.subject.label, figure.year, figure.kind) == ("花溪区", 2025, "Actual")


def test_a_share_names_both_its_parts():
    # seeds 003 and 004: 50% is green economy's share of GDP, not GDP
    doc = run_text("2024年1月,花溪区发布通知。预计到2025年,花溪区绿色经济占地区生产总值比重将达到50%以上,"
                   "智算占比达95.6%,规模以上工业企业中有研发活动企业占30%以上。")
    found = {(f.indicator, f.value) for f in doc.figures}
    assert found == {("绿色经济占地区生产总值比重", Decimal(50)), ("智算占比", Decimal("95.6")),
                     ("规模以上工业企业中有研发活动企业占比", Decimal(30))}


# --- issue 15: a document's frame, scope, normalised indicators ---------------------------

def test_a_bulletin_gives_its_area_and_year_to_whole_area_figures():
    # the shape of a county bulletin (gold-wide c11): title, then 全年全县… figures with no year
    text = ("2020年望谟县国民经济和社会发展统计公报\n"
            "一、综合 初步核算,全年全县地区生产总值(GDP,当年价)100.48亿元,同比增长5.3%。"
            "其中,第一产业增加值29.8亿元,增长6.9%。全县地方公共财政预算收入3.2亿元,比上年下降4.7%。")
    doc = run_text(text)
    found = {(f.subject.label if f.subject else None, f.indicator, f.year, f.kind, f.value) for f in doc.figures}
    assert ("望谟县", "地区生产总值", 2020, "Actual", Decimal("100.48")) in found
    assert ("望谟县", "地区生产总值增速", 2020, "Actual", Decimal("5.3")) in found
    assert ("望谟县", "第一产业增加值增速", 2020, "Actual", Decimal("6.9")) in found
    fall = next(f for f in doc.figures if abs(f.value) == Decimal("4.7"))
    assert fall.value == Decimal("-4.7") and fall.base == "上年" and fall.indicator == "一般公共预算收入增速"
    assert fall.surface == "地方公共财政预算收入增速"  # the wording kept beside the common name


def test_a_work_report_reviews_the_year_before_its_date():
    # the shape of gold-wide g07/j01: an unbracketed dateline, figures of the year reviewed
    text = ("政 府 工 作 报 告\n——2024年1月18日在牟定县第十八届人民代表大会第三次会议上\n"
            "各位代表:\n现在,我代表县人民政府向大会报告工作。\n"
            "主要指标稳中有进。全年完成地区生产总值181.8亿元,同比增长7%;规上工业增加值同比增长10.9%。")
    doc = run_text(text)
    gdp = next(f for f in doc.figures if f.value == Decimal("181.8"))
    assert (gdp.subject.label, gdp.year, gdp.kind) == ("牟定县", 2023, "Actual")
    industry = next(f for f in doc.figures if f.value == Decimal("10.9"))
    assert industry.indicator == "规模以上工业增加值增速" and industry.surface == "规上工业增加值增速"


def test_estimates_part_years_and_five_year_totals_keep_their_scope():
    text = ("# 2025年政府工作报告\n（2025年1月12日在贵阳市第十五届人民代表大会第五次会议上）\n"
            "一、2024年工作回顾\n"
            "预计全年地区生产总值增长5.5%。1—10月,全市固定资产投资增长3.1%。\n"
            "这是不断发展的五年。城镇新增就业77万人,助力困难人员就业6万人、失业人员再就业26万人,地区生产总值达6038.15亿元。\n")
    doc = run_text(text)
    by_value = {f.value: f for f in doc.figures}
    assert by_value[Decimal("5.5")].kind == "Estimate"
    assert (by_value[Decimal("3.1")].period, by_value[Decimal("3.1")].period_label) == ("PartYear", "1—10月")
    jobs, helped, again = by_value[Decimal(77)], by_value[Decimal(6)], by_value[Decimal(26)]
    assert (jobs.indicator, jobs.period) == ("城镇新增就业", "FiveYear")
    assert (helped.indicator, helped.period) == ("助力困难人员就业", "FiveYear")  # never its parent
    assert (again.indicator, again.period) == ("失业人员再就业", "FiveYear")
    assert by_value[Decimal("6038.15")].period == "Year"  # a level at the period's end is that year's


def test_examples_thresholds_and_capacities_are_no_subjects_or_figures():
    text = ("# 2025年政府工作报告\n（2025年1月12日在贵阳市第十五届人民代表大会第五次会议上）\n"
            "一、2024年工作回顾\n新引进落地惠科光电显示产业集群、聚力生精细磷化工循环产业园等项目820个。"
            "建成投产6万吨磷酸铁项目,经营性收入10万元以下的村集体全部清零。\n")
    doc = run_text(text)
    projects = next(f for f in doc.figures if f.value == 820)
    assert projects.subject is not None and projects.subject.label == "贵阳市"
    assert projects.indicator == "新引进落地项目"
    assert not [f for f in doc.figures if f.value in (6, 10)]


def test_lists_read_with_fenbie():
    doc = run_text("2023年,全县第一、第二、第三产业增加值分别为24.27亿元、60.37亿元、59.98亿元;"
                   "城乡居民人均可支配收入分别为39310元、20356元,增长5.5%、5.6%。")
    named = {f.value: f.indicator for f in doc.figures}
    assert named[Decimal("24.27")] == "第一产业增加值" and named[Decimal("59.98")] == "第三产业增加值"
    assert named[Decimal(39310)] == "城镇居民人均可支配收入" and named[Decimal(20356)] == "农村居民人均可支配收入"
    assert named[Decimal("5.6")] == "农村居民人均可支配收入增速"


def test_known_indicator_is_the_one_ending_last_and_the_longest_ending_there():
    # (one search of the reversed clause since the second speed round: the same answers as
    # one rfind per indicator name)
    assert _known_indicator("地区生产总值和工业增加值") == "工业增加值"
    assert _known_indicator("人均地区生产总值") == "人均地区生产总值"  # not 地区生产总值 inside it
    assert _known_indicator("全市地区生产总值增长") == "地区生产总值"
    assert _known_indicator("没有指标") == ""


def _by_value(doc, value):
    return next(f for f in doc.figures if f.value == Decimal(value))


def test_a_level_written_after_its_growth_rate():
    # 增长X%，达到Y亿元: Y is the level of the indicator whose rate was just given
    doc = run_text("2023年，遵义市地区生产总值增长5.2%，达到4800亿元；一般公共预算收入增长8%，总量突破300亿元。")
    assert _by_value(doc, "4800").indicator == "地区生产总值"
    assert _by_value(doc, "300").indicator == "一般公共预算收入"


def test_a_list_of_values_for_a_list_of_names():
    doc = run_text("2023年，全县城镇、农村居民人均可支配收入达到41200元、17800元，分别增长4.6%、7.1%。")
    assert _by_value(doc, "41200").indicator == "城镇居民人均可支配收入"
    assert _by_value(doc, "17800").indicator == "农村居民人均可支配收入"
    assert _by_value(doc, "7.1").indicator == "农村居民人均可支配收入增速"


def test_the_next_clause_does_not_make_a_result_a_target():
    doc = run_text("2023年，全市开展精准招商，新签约项目86个，预计引进到位资金120亿元。")
    assert _by_value(doc, "86").kind == "Actual"


def test_a_fall_written_with_a_space():
    doc = run_text("2023年，宜宾市固定资产投资1200.5 亿元，下降 6.4%。")
    assert _by_value(doc, "-6.4").indicator == "固定资产投资增速"


def test_a_years_plan_is_a_target_a_projects_budget_is_not():
    doc = run_text("2024-06-12 10:30 来源：宜宾日报\n"
                   "2023年，宜宾市共签约项目15个，计划总投资80亿元；全市重点项目260个，年度计划投资450亿元。")
    assert _by_value(doc, "80").kind == "Actual"
    assert _by_value(doc, "450").kind == "Target"


def test_a_falling_price_names_the_price_not_the_fall():
    doc = run_text("2023年，全市居民消费价格上涨0.3%，其中衣着类价格下降1.2%。")
    figure = _by_value(doc, "-1.2")
    assert "下降" not in figure.indicator and figure.indicator.startswith("衣着类价格")


def test_a_figure_restated_in_brackets_keeps_its_indicator():
    doc = run_text("2023年，宜宾市人均地区生产总值达到68000元（按年平均汇率折算为9650美元）。")
    assert _by_value(doc, "9650").indicator == "人均地区生产总值"


def test_the_subject_after_a_source_phrase():
    # 据了解，2024年，X将…: X opens the sentence once the source phrase is read past
    doc = run_text("据了解，2024年，宜宾临港经济技术开发区将聚焦主导产业，全年新签约项目40个。")
    figure = _by_value(doc, "40")
    assert figure.subject is not None and figure.subject.label.endswith("开发区")


def test_a_policys_articles_are_no_figure():
    doc = run_text("2023年，全面落实国务院33条、省级39条稳增长一揽子政策，出台“助企纾困12条”，改造背街小巷100条。")
    assert {f.value for f in doc.figures if f.unit == "条"} == {Decimal(100)}


def test_a_lead_in_percentage_points_names_the_rate_it_compares():
    doc = run_text("2023年，全市规模以上工业增加值增长9.2%，高于全省1.5个百分点；第三产业增加值占地区生产总值的比重为52.4%，"
                   "所占比重比上年提高0.7个百分点。")
    assert _by_value(doc, "1.5").indicator == "规模以上工业增加值增速高于全省"
    assert _by_value(doc, "0.7").indicator == "第三产业增加值占地区生产总值比重"


def test_a_sentence_opening_with_yuanqu_is_about_the_park_just_named():
    doc = run_text("宜宾临港经济技术开发区成立于2010年，是川南规模最大的工业园区。2023年园区实现地区生产总值210.5亿元，同比增长8.1%。")
    figure = _by_value(doc, "210.5")
    assert figure.subject is not None and figure.subject.label == "宜宾临港经济技术开发区"


def test_the_parts_of_a_figure_are_its_subjects():
    # 其中，…: a breakdown of the figure the sentence before gave
    doc = run_text("根据四川省地区生产总值统一核算结果，2023年宜宾市地区生产总值3806.5亿元，比上年增长9.0%。"
                   "其中，第一产业增加值370.2亿元，增长4.1%。")
    figure = _by_value(doc, "370.2")
    assert figure.subject is not None and figure.subject.label == "宜宾市"


def test_a_paragraph_opening_with_its_year_dates_its_sentences():
    doc = run_text("（一）经济实力显著增强\n2020 年，实现地区生产总值239.8 亿元。规上工业总产值131.4 亿元，年均增长3.4%。")
    assert _by_value(doc, "131.4").year == 2020


def test_a_count_written_before_what_it_counts():
    doc = run_text("2023年，宜宾三江新区汇聚28家科研机构、6家国家级科研平台，建设12栋标准化厂房。")
    assert _by_value(doc, "6").indicator == "国家级科研平台数"
    assert _by_value(doc, "12").indicator == "标准化厂房数"


def test_a_speed_is_no_figure_in_kilometres():
    doc = run_text("2023年，宜宾至西昌高速公路开工建设，全长120公里，设计速度100公里/小时。")
    assert {f.value for f in doc.figures if f.unit == "公里"} == {Decimal(120)}


def test_the_last_of_a_chain_of_areas_opens_the_sentence():
    doc = run_text("3月8日,四川省宜宾市翠屏区举行2024年一季度重点项目集中开工仪式,共集中开工项目26个,总投资85.2亿元。")
    figure = _by_value(doc, "85.2")
    assert figure.subject is not None and figure.subject.label == "翠屏区"


def test_a_bare_share_names_the_amount_just_given():
    doc = run_text("2023年，全市完成固定资产投资410亿元，其中民间投资完成168亿元，占比41%。")
    assert _by_value(doc, "41").indicator == "民间投资占比"


def test_a_threshold_stays_in_its_indicator():
    doc = run_text("2023年，宜宾市实施投资5000万元以上重点项目186个，其中50亿元以上项目4个。")
    assert _by_value(doc, "186").indicator.endswith("5000万元以上重点项目")
    assert _by_value(doc, "4").indicator == "50亿元以上项目"


def test_what_a_project_gives_once_built_is_a_forecast():
    doc = run_text("2024-03-02 来源：宜宾日报\n2023年，该项目全部建成后，年可实现销售收入28亿元、利税3.2亿元。")
    assert _by_value(doc, "28").kind == "Target"


def test_a_project_forecast_after_an_estimate_word_is_the_projects_goal():
    # g04: 项目投产后，预计…: the project just named, and what it is to give (a Target), not the city's estimate
    doc = run_text("2012年，肇东市引进鑫盛源集团投资12.5亿元建设国际高端饮品产业园项目，计划3年建成。"
                   "项目投产后，预计年实现销售收入15亿元，利润可实现2亿元。")
    figure = _by_value(doc, "15")
    assert figure.subject is not None and figure.subject.label == "国际高端饮品产业园项目"
    assert figure.kind == "Target"


def test_an_area_after_its_verb_is_no_subject():
    # p05: 驰援湖北, 支援甘孜: where the doctors went, not whose figure it is
    doc = run_text("2020年，泸州市选派89名医务人员驰援湖北、15名支援甘孜、3名援助非洲。")
    assert _by_value(doc, "15").subject.label == "泸州市"
    # f04: 引进北京重大项目62个 counts the district's projects brought from Beijing
    doc = run_text("2022年，滨海新区推动非首都功能承接清单化，引进北京重大项目62个，协议投资额620.8亿元。")
    assert _by_value(doc, "62").subject.label == "滨海新区"


def test_the_venue_of_a_congress_is_not_the_reporting_area():
    # g06: 黑龙江省…人民代表大会…在哈尔滨市开幕: the report is the province's
    doc = run_text("24日，黑龙江省第十四届人民代表大会第二次会议在哈尔滨市开幕。省长向大会作政府工作报告。\n"
                   "2023年，黑龙江省外贸进出口总额增长12.3%。实际利用外资增速高于全国平均水平25.4个百分点，新设立外商投资企业增长68.5%。")
    assert _by_value(doc, "68.5").subject.label == "黑龙江省"


def test_a_target_met_is_a_result_whatever_the_heading():
    # e04 (a 2025 report): 2024年…，超额完成国家下达任务
    doc = run_text("二、主要任务\n2024年改造提升高标准农田200.3万亩，超额完成国家下达任务。")
    assert _by_value(doc, "200.3").kind == "Actual"


def test_a_news_story_is_about_the_park_its_lead_opens_with():
    # u08: a paragraph with no subject of its own is the lead's park's, not a city named once
    doc = run_text("2023年以来，淮安经济技术开发区坚持项目为王，持之以恒大抓项目。据统计，该区全年新签约亿元以上项目81个。\n"
                   "对照全市项目招引目标，聚焦战略性新兴产业，在苏州举办专场推介会。\n"
                   "强化推进提质效。2023年经市认可新开工亿元以上项目59个、计划总投资189.26亿元。")
    assert _by_value(doc, "59").subject.label == "淮安经济技术开发区"


def test_a_parks_rate_after_its_amount_is_the_parks():
    # j09: 园区 opens the sentence; the rate after 29亿元 is the park's too, not a name further back
    doc = run_text("布达拉宫位于拉萨市中心。拉萨经济技术开发区成立于2001年。\n"
                   "2017年园区实现地区生产总值71.6亿元，同比增长10.3%；财政收入29亿元，同比增长26%；")
    assert _by_value(doc, "26").subject.label == "拉萨经济技术开发区"


def test_an_estimate_noted_after_a_past_years_figure():
    # d04 (a January 2025 report): 7%左右(预计数,下同) is an estimate of 2024, and the next clause a result
    doc = run_text("政府工作报告\n——2025年1月7日在太仓市第十七届人民代表大会第五次会议上\n2024年政府工作回顾\n"
                   "全年地区生产总值增长7%左右(预计数,下同)；完成一般公共预算收入191.68亿元。")
    assert _by_value(doc, "7").kind == "Estimate"
    assert _by_value(doc, "191.68").kind == "Actual"


def test_a_source_phrase_names_no_subject():
    # s08: 据哈尔滨新区发改部门统计，2022年江北一体发展区…，其中…: the zone counted, not the source
    doc = run_text("据哈尔滨新区发改部门统计,2022年江北一体发展区计划开复工项目140个,其中新开工项目66个,续建项目74个。")
    assert _by_value(doc, "66").subject.label == "江北一体发展区"


def test_a_goal_quoted_from_a_report_is_a_target():
    # w07: 政府工作报告明确提出：“2026年，…钒钛产业产值突破650亿元。”
    doc = run_text("1月22日,在攀枝花市十一届人大六次会议开幕大会上,政府工作报告明确提出:“2026年,加快建设钒化工产业园,钒钛产业产值突破650亿元。”")
    assert _by_value(doc, "650").kind == "Target"


def test_a_project_that_opens_its_sentence_is_its_subject():
    # z07: 中国喀什义乌国际采购中心项目是今年喀什市的新建项目，总投资24亿元
    doc = run_text("2023年，喀什市加快项目建设。中国喀什义乌国际采购中心项目是今年喀什市的新建项目,总投资24亿元,建设包括批发城。")
    assert _by_value(doc, "24").subject.label == "中国喀什义乌国际采购中心项目"


def test_what_a_plan_proposes_is_a_target():
    # r02: 《行动计划》提出，济南将推进…90个重点项目: the plan's projects, not projects done
    doc = run_text("济南市印发《重点项目建设行动计划》。《行动计划》提出,2023年济南将推进总投资1920.83亿元的90个重点项目,其中续建项目37个。")
    assert _by_value(doc, "90").kind == "Target"


def test_a_whole_named_as_a_rankings_field_is_not_the_subject():
    # d05: 江门成为全省第六个工业投资超千亿元的城市: 江门's investment, 全省 only ranks it
    doc = run_text("广东省工业经济稳中有进。2023年,江门成为全省第六个工业投资超千亿元的城市。")
    assert _by_value(doc, "1000").subject.label in ("江门", "江门市")


def test_a_name_the_paragraph_makes_does_not_open_it():
    # e04: ● 打造“寿光蔬菜产业集群”等一批…成果；9家中央单位…: an example of what was made, not the subject
    doc = run_text("2024年重庆市经济运行稳中向好。\n● 打造“寿光蔬菜产业集群”等一批鲁渝协作标志性成果;9家中央单位直接投入帮扶资金20.26亿元。")
    assert _by_value(doc, "20.26").subject.label in ("重庆市", "重庆")


def test_a_name_an_ordinary_verb_takes_keeps_its_figures():
    # j10: 此次开工黔西南州重大项目共68个: the prefecture's projects
    doc = run_text("2023年2月，兴义市举行集中开工仪式。据了解,此次开工黔西南州重大项目共68个,总投资351.67亿元。")
    assert _by_value(doc, "68").subject.label in ("黔西南州", "黔西南布依族苗族自治州")


def test_a_five_year_review_in_a_january_report_is_done():
    # s10 (齐齐哈尔, 13 January 2022): 这五年，…年均增长7.2% sums up 2017-2021, not a goal for 2022
    doc = run_text("齐齐哈尔市政府工作报告(2022年1月13日)\n代市长 沈宏宇\n各位代表:\n一、过去五年工作回顾\n"
                   "这五年,我们加快构建现代产业体系,全市地区生产总值年均增长5.6%;公共财政预算收入年均增长7.2%(按可比口径)。")
    figure = _by_value(doc, "7.2")
    assert (figure.year, figure.kind) == (2021, "Actual")


def test_a_threshold_inside_a_counted_noun_phrase():
    # v08: 新增10家规模以上工业企业 counts 规模以上工业企业, not 规模
    doc = run_text("2023年以来,北片高端产业集聚区19个产业项目相继投产,新增10家规模以上工业企业。")
    assert _by_value(doc, "10").indicator == "规模以上工业企业数"


def test_a_bare_project_word_is_the_project_its_paragraph_opens_with():
    # q07: the paragraph is about the motorway; 翠亨南互通 is a point on it
    doc = run_text("2022年中山市加快交通建设。\n中山东部外环高速公路二期工程项目全长约20.99公里。其中,翠亨南互通至下栅段拟按双向六车道标准建设。"
                   "项目全线均为桥梁,设置特大桥9座、大桥3座。")
    assert _by_value(doc, "9").subject.label == "中山东部外环高速公路二期工程项目"
