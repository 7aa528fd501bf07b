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


def test_a_counted_package_is_named_by_its_count_not_its_description():
    # y03, g10: the description after the count (稳大盘政策) names no policy
    doc = run_text("全面落实国务院33条、自治区40条稳大盘政策及接续政策,制定实施稳增长系列配套措施。")
    assert {"国务院33条", "自治区40条"} <= labels(doc, "Policy")
    assert "自治区40条稳大盘政策" not in labels(doc)
    doc = run_text("对标落实国家6方面33条、省级39条稳增长一揽子政策,争取上级财力性转移资金13.6亿元。")
    assert "省级39条" in labels(doc, "Policy")
    assert "省级39条稳增长一揽子政策" not in labels(doc)


def test_a_bare_count_of_articles_is_no_package():
    doc = run_text("在全省率先出台十八条具体措施,助企纾困。")
    assert not {label for label in labels(doc) if "十八条" in label}


def test_an_edition_or_draft_in_brackets_ends_a_book_title():
    # q11, e02: (2025年版), (公开征求意见稿) close the title they belong to
    doc = run_text("现将《关于推动经济高质量发展若干政策(2025年版)》印发给你们,请认真贯彻实施。")
    assert "关于推动经济高质量发展若干政策(2025年版)" in labels(doc, "Policy")
    doc = run_text("市发展改革委起草了《铜仁市2026年项目建设提升年行动方案(公开征求意见稿)》。")
    assert "铜仁市2026年项目建设提升年行动方案(公开征求意见稿)" in labels(doc, "Policy")
    # a bracket that is no edition is not read as one
    assert not labels(run_text("现将《工作台账(2025年)》印发给你们。"), "Policy")


def test_an_unquoted_about_title_is_a_policy_with_its_issuer():
    # u12: a title read out in prose, with no book-title marks
    doc = run_text("会议研究了关于加快推进生态宜居名城建设的实施意见。会议强调,要加大生态系统保护修复力度。")
    assert "关于加快推进生态宜居名城建设的实施意见" in labels(doc, "Policy")
    # z12: the named body before 关于 opens the title
    doc = run_text("陕西省人民政府关于同意建设临渭高新技术产业开发区的批复\n渭南市人民政府,省工业和信息化厅:\n")
    assert "陕西省人民政府关于同意建设临渭高新技术产业开发区的批复" in labels(doc, "Policy")
    # a report on a subject is no document title
    doc = run_text("会议听取了关于全市安全生产工作情况的汇报。")
    assert not labels(doc, "Policy")


def test_a_notice_that_issues_one_document_is_named_by_that_document():
    # y10, d07: GUIDELINES "Titles of reports and bulletins"
    doc = run_text("关于印发潍坊市县域经济高质量发展实施方案(2024-2025年)的通知\n各县市区人民政府:\n")
    assert "潍坊市县域经济高质量发展实施方案(2024-2025年)" in labels(doc, "Policy")
    assert not {label for label in labels(doc) if label.endswith("的通知")}
    # n02: a notice of what no policy head names is a policy of its own
    doc = run_text("嘉兴市人民政府发布关于印发2025年政府工作报告重点工作和政府民生实事项目责任分解的通知。")
    assert "关于印发2025年政府工作报告重点工作和政府民生实事项目责任分解的通知" in labels(doc, "Policy")


def test_a_pointer_to_a_text_names_no_policy():
    # w10: 如下 points to the text that follows
    doc = run_text("结合达州实际,制定如下实施方案。")
    assert not labels(doc, "Policy")
    doc = run_text("认真落实上述政策措施,结合实际制定贵阳市促进民营经济发展实施方案。")
    assert labels(doc, "Policy") == {"贵阳市促进民营经济发展实施方案"}


def test_an_area_and_a_plain_document_word_name_no_policy():
    # v08: 规划 is the verb here (planned by the province)
    doc = run_text("惠来县水陆交通便利、电力供应充足,是广东省规划的重点发展区域。")
    assert not labels(doc, "Policy")
    doc = run_text("广东省国土空间规划明确了重点发展区域。")
    assert "广东省国土空间规划" in labels(doc, "Policy")


def test_a_quoted_count_of_articles_takes_its_subject():
    # x11, and the guidelines' 强省会“35条”
    doc = run_text("推动消费品以旧换新、房“18条”、公积金“15条”等措施落地见效。")
    assert {"房18条", "公积金15条"} <= labels(doc, "Policy")
    assert "强省会35条" in labels(run_text("全面落实强省会“35条”,推动经济发展。"), "Policy")
    # a verb's complement is no subject: 用好“20条”
    assert labels(run_text("用好“20条”。"), "Policy") == {"20条"}


def test_the_verb_after_an_issuing_verb_opens_the_policy():
    # u02: 出台|扶持制造业30强发展实施意见
    doc = run_text("规上工业增加值增长7.8%。出台扶持制造业30强发展实施意见,一企一策扶持企业做大做强。")
    assert "扶持制造业30强发展实施意见" in labels(doc, "Policy")
    # without an issuing verb the verb governs the name and stays out of it
    doc = run_text("认真落实贵阳市促进民营经济发展实施方案。")
    assert "贵阳市促进民营经济发展实施方案" in labels(doc, "Policy")
    assert not {label for label in labels(doc) if label.startswith("落实")}


def test_a_places_five_year_plan_named_by_its_period_keeps_the_place():
    # y09, t10, z10
    doc = run_text("为全省重大建设项目。临沂“十四五”规划和2035年远景目标,将临港区定位为先进制造业基地。")
    assert "临沂十四五规划和2035年远景目标" in labels(doc, "Policy")
    doc = run_text("编制湖州市数字经济发展“十四五”规划,推动数字经济高质量发展。")
    assert "湖州市数字经济发展十四五规划" in labels(doc, "Policy")
    # no place before it: the plan is the bare 十四五规划
    assert labels(run_text("科学编制并有效实施“十四五”规划。"), "Policy") == {"十四五规划"}


def test_kinds_of_plan_name_no_policy():
    # z10: two kinds joined, and no county 和县 cut out of 和|县区
    doc = run_text("全市“十四五”规划体系由规划纲要、专项规划和县区规划组成。")
    assert not {label for label in labels(doc) if label in ("专项规划和县区规划", "和县", "规划纲要")}
    # s09: a fragment of a heading broken over lines
    assert not labels(run_text("远景目标纲要\n"), "Policy")


def test_a_documents_title_with_a_programme_head_is_a_policy():
    # u11, c01: 《…制度》, 《…工作要点》 are documents
    doc = run_text("会议审议了《全市乡村建设行动联席会议制度》等文件。")
    assert "全市乡村建设行动联席会议制度" in labels(doc, "Policy")
    doc = run_text("根据《顺义“两区”建设2023年工作要点》,今年顺义将推进开放。")
    assert "顺义两区建设2023年工作要点" in {label.replace("“", "").replace("”", "") for label in labels(doc, "Policy")}
    # a programme named in prose stays a programme
    doc = run_text("建立首席数据官制度,推进数据共享。")
    assert not labels(doc, "Policy")


def test_a_quoted_slogan_and_a_plan_head_name_the_plan():
    # g06, f05
    doc = run_text("实施“买全俄卖全国、买全国卖全俄”方案,加大高附加值产品进口。")
    assert "买全俄卖全国、买全国卖全俄方案" in labels(doc, "Policy")
    doc = run_text("全区制定“1+10”实施方案,推进城市更新。")
    assert "1+10实施方案" in labels(doc, "Policy")
    # a formula before a policy head names a policy, before a programme's a programme
    assert "1+5+N系列政策" in labels(run_text("出台“1+5+N”系列政策,支持企业发展。"), "Policy")
    assert "1+6+1重点工作" in labels(run_text("扎实推进“1+6+1”重点工作。"), "Program")
    # a plan that is being drawn up is no name: “一河一道两片”规划建设
    assert not labels(run_text("推进“一河一道两片”规划建设。"), "Policy")
