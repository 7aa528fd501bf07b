"""Where names start and end, and what is no name, on sentences written in the genre of
work reports and project news (not copied from the gold files)."""
from __future__ import annotations

from helpers import labels, run_text


def test_strategy_before_a_noun_is_the_adjective_strategic():
    doc = run_text("园区项目涵盖战略新兴产业和现代服务业,脱贫攻坚取得重大战略成果。")
    assert not any(label.endswith("战略") for label in labels(doc, "Program"))
    doc = run_text("全县深入实施乡村振兴战略,推动城乡融合发展。")
    assert "乡村振兴战略" in labels(doc, "Program")
