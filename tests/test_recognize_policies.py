"""Policy names on real sentences of gold-wide: the policy's name out, a near phrase not taken."""
from __future__ import annotations

from helpers import labels, run_text


def test_a_quoted_five_year_period_is_a_time_but_its_plan_is_a_policy():
    # j01: “十四五” alone is the period (GUIDELINES "Five-year plans"), never a plan
    doc = run_text("全县经济社会发展企稳向好、稳中有进,取得了“十四五”收官之年的新成绩。")
    assert not {label for label in labels(doc) if "十四五" in label}
    doc = run_text("2025年和“十四五”工作回顾。")
    assert not {label for label in labels(doc) if "十四五" in label}
    doc = run_text("高质量完成“十四五”规划确定的目标任务。")
    assert "十四五规划" in labels(doc, "Policy")
