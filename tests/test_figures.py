"""Figures: value, unit, year, kind and subject as the seed text gives them."""
from __future__ import annotations

from decimal import Decimal

from helpers import run_text

from kg.extract.figures import plan_period_end
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
