"""Normalisation the extractor relies on, with offsets that always point into the raw text;
document metadata; and arbitrary Unicode and bytes thrown at ingest (hypothesis)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import SEEDS
from kg.doc import Doc
from kg.ingest.files import IngestError, parse_bytes
from kg.ingest.metadata import date_from_file_name, date_from_text, read_metadata
from kg.ingest.normalize import normalize_char, normalize_text
from kg.ingest.readers import READERS
from kg.ingest.readers.text import decode_bytes
from kg.ingest.readers import ReadError

SEED_000 = "000_ecb2e819d0fb75f5.txt"


def assert_offsets_valid(raw: str, text: str, offsets: list[int]) -> None:
    assert len(offsets) == len(text) + 1
    assert all(0 <= o <= len(raw) for o in offsets)
    assert all(a <= b for a, b in zip(offsets, offsets[1:]))
    assert all(offsets[i] < len(raw) for i in range(len(text)))


def assert_chars_come_from_raw(raw: str, text: str, offsets: list[int]) -> None:
    """Each normalised character is (part of) the normalised form of the raw character it maps to;
    a straight double quote may have become either half of a pair (pair_ascii_quotes)."""
    for i, char in enumerate(text):
        if char not in "\n ":
            source = normalize_char(raw[offsets[i]])
            allowed = source + "“”" if source == '"' else source
            assert char in allowed, (i, char, raw[offsets[i]])


def test_seed_000_line_break_inside_a_village_name_is_joined():
    raw = (SEEDS / SEED_000).read_text(encoding="utf-8")
    assert "山王庙村" not in raw and "山王\n\n庙村" in raw
    result = normalize_text(raw)
    assert "山王庙村" in result.text
    at = result.text.index("山王庙村")
    start, end = result.offsets[at], result.offsets[at + 4]
    assert raw[start:end] == "山王\n\n庙村"  # evidence still points at the raw text


def test_seed_000_repeated_paragraphs_appear_once():
    raw = (SEEDS / SEED_000).read_text(encoding="utf-8")
    repeated = [p for p in {line.strip() for line in raw.splitlines()} if len(p) >= 20 and raw.count(p) > 1]
    assert repeated, "seed 000 repeats paragraphs"
    text = normalize_text(raw).text
    for paragraph in repeated:
        assert text.count(normalize_text(paragraph).text) == 1


def test_repeated_paragraphs_do_not_duplicate_evidence(seed_build):
    doc = next(d for d in seed_build.docs if d.file_name == SEED_000)
    sentences = [s.text for s in doc.sentences if len(s.text) >= 20]
    assert sentences and len(sentences) == len(set(sentences))


def test_evidence_offsets_of_the_seed_build_point_at_the_sentence(seed_build):
    for doc in seed_build.docs:
        assert_offsets_valid(doc.raw, doc.text, doc.offsets)
        for sentence in doc.sentences:
            start, end = doc.raw_span(sentence.start, sentence.end)
            # the same characters; line breaks may differ (a slice lacks the context a join needs)
            assert "".join(normalize_text(doc.raw[start:end]).text.split()) == "".join(sentence.text.split())


@pytest.mark.parametrize("raw,expected", [
    ("２０２５年ＧＤＰ增长５．８％", "2025年GDP增长5.8%"),
    ("「数字花溪」和『大数据』", "“数字花溪”和“大数据”"),
    ("１－９月 1–9月 1―9月 1‒9月", "1—9月 1—9月 1—9月 1—9月"),
    ("花溪\u200b区\ufeff", "花溪区"),
    ("第一行\r\n\r\n第二行", "第一行\n第二行"),
])
def test_character_normalisation(raw, expected):
    result = normalize_text(raw)
    assert result.text == expected
    assert_offsets_valid(raw, result.text, result.offsets)


def test_hard_wrapped_lines_are_joined_but_sentences_and_headings_are_not():
    raw = ("一、总体要求\n花溪区坚持以高质量发展统揽全局，围绕“四新”主攻“四化”，落实\n"
           "“四主四市”工作思路，大力实施四大战略。\n二、主要任务\n")
    text = normalize_text(raw).text
    assert text.splitlines() == ["一、总体要求", "花溪区坚持以高质量发展统揽全局,围绕“四新”主攻“四化”,落实“四主四市”工作思路,大力实施四大战略。", "二、主要任务"]


def test_traditional_text_is_converted_and_offsets_point_at_the_original():
    raw = "花溪區人民政府關於印發《貴陽市數字經濟發展規劃》的通知"
    result = normalize_text(raw)
    assert result.traditional
    assert result.text == "花溪区人民政府关于印发《贵阳市数字经济发展规划》的通知"
    assert result.offsets[:-1] == list(range(len(raw)))


def test_simplified_text_is_left_alone():
    raw = (SEEDS / SEED_000).read_text(encoding="utf-8")
    assert not normalize_text(raw).traditional


@given(st.text(max_size=400))
@example('""㍘')  # straight quotes paired into “” before a character NFKC expands (found by hypothesis)
@settings(max_examples=400, deadline=None)
def test_any_unicode_normalises_with_valid_offsets(raw):
    result = normalize_text(raw)
    assert_offsets_valid(raw, result.text, result.offsets)
    assert "\r" not in result.text
    assert all(line == line.strip() and line for line in result.text.split("\n")) or result.text == ""
    if not result.traditional:
        assert_chars_come_from_raw(raw, result.text, result.offsets)


_CHINESE = st.sampled_from(list("花溪区贵阳市的一是在了人有和大中国國區為发發展\n\n ，。“”「」—０１２３ab\r\t\u3000\u200b"))


@given(st.lists(_CHINESE, max_size=300).map("".join))
@settings(max_examples=300, deadline=None)
def test_chinese_like_text_normalises_with_valid_offsets(raw):
    result = normalize_text(raw)
    assert_offsets_valid(raw, result.text, result.offsets)


@given(st.binary(max_size=2000))
@settings(max_examples=300, deadline=None)
def test_any_bytes_decode_or_fail_with_one_line(data):
    try:
        text, encoding, notes = decode_bytes(data)
    except ReadError as error:
        assert "\n" not in str(error) and str(error)
        return
    assert text.strip() and encoding
    result = normalize_text(text)
    assert_offsets_valid(text, result.text, result.offsets)


@given(st.binary(max_size=1500), st.sampled_from(sorted(READERS)))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_bytes_in_any_format_parse_or_fail_with_one_line(data, suffix):
    path = Path(f"doc{suffix}")
    try:
        loaded = parse_bytes(path, data)
    except IngestError as error:
        assert str(error).startswith(f"{path}: ") and "\n" not in str(error)
        return
    doc = loaded.doc
    result = normalize_text(doc.raw)
    assert_offsets_valid(doc.raw, result.text, result.offsets)


@given(st.text(max_size=200).map(lambda s: s.encode("utf-8")), st.sampled_from(["utf-8-sig", "gb18030", "utf-16"]))
@settings(max_examples=200, deadline=None)
def test_text_in_any_unicode_encoding_round_trips(encoded, encoding):
    text = encoded.decode("utf-8")
    data = text.encode(encoding)
    try:
        decoded, _found, _notes = decode_bytes(data)
    except ReadError:
        return  # empty, whitespace or control characters only: refused, which is right
    if encoding != "gb18030":
        assert decoded == text


# --- metadata ---------------------------------------------------------------------------

def _doc(text: str, name: str = "x.txt") -> Doc:
    doc = Doc(path=name, file_name=name, raw=text)
    doc.text = normalize_text(text).text
    return read_metadata(doc)


def test_date_from_published_label_speech_line_chinese_numerals_and_file_name():
    assert date_from_text("来源: 贵阳日报  发布时间: 2026-02-04 15:00") == date(2026, 2, 4)
    assert date_from_text("(2025年1月12日在贵阳市第十五届人民代表大会第五次会议上)") == date(2025, 1, 12)
    assert date_from_text("花溪区人民政府\n二〇二五年一月十二日") == date(2025, 1, 12)
    assert date_from_file_name("通知_2024-11-30.pdf") == date(2024, 11, 30)
    assert date_from_file_name("20240230.txt") is None  # not a date
    assert date_from_file_name("000_ecb2e819d0fb75f5.txt") is None  # a hash, not a date


def test_seed_metadata(seed_build):
    by_name = {d.file_name: d for d in seed_build.docs}
    report_2025 = by_name["002_e9518b9e7f5042ea.txt"]
    assert report_2025.meta.date == date(2025, 1, 26)
    assert report_2025.meta.source == "贵阳日报"
    assert "政府工作报告" in report_2025.meta.title
    assert by_name[SEED_000].meta.title == "山河为卷绘锦绣 宏图新展向未来"


def test_document_date_anchors_relative_years():
    from kg.pipeline import process

    raw = "(2025年1月12日在贵阳市人民代表大会上)\n\n去年,花溪区地区生产总值达到980亿元。"
    for name, year in (("x.txt", 2024), ("y_20230301.txt", 2024)):
        doc = process(Doc(path=name, file_name=name, raw=raw))
        assert doc.meta.date == date(2025, 1, 12)  # the text's date wins over the file name's
        assert [f.year for f in doc.figures if f.value == 980] == [year]
    undated = process(Doc(path="z_20230301.txt", file_name="z_20230301.txt", raw="去年,花溪区地区生产总值达到980亿元。"))
    assert undated.meta.date == date(2023, 3, 1)
    assert [f.year for f in undated.figures if f.value == 980] == [2022]


def test_straight_double_quotes_in_chinese_become_chinese_quotes_in_pairs():
    raw = '围绕"三片一区一镇"持续深化,推动"进博样板"延伸。\nShe said "hi".\n一个"孤立的引号。'
    result = normalize_text(raw)
    lines = result.text.split("\n")
    assert lines[0] == "围绕“三片一区一镇”持续深化,推动“进博样板”延伸。"
    assert lines[1] == 'She said "hi".'  # no Chinese: left alone
    assert lines[2] == '一个"孤立的引号。'  # an odd quote: left alone
    assert_offsets_valid(raw, result.text, result.offsets)


def test_a_short_sentence_cut_in_a_word_is_joined_across_a_blank_line_but_an_enumerated_heading_is_not():
    # seed 001 cuts 贵州玖隆佳贸易有|限公司 with a blank line in between
    raw = ("10月11日,贵州玖隆佳贸易有\n\n限公司工作人员来到政务服务大厅。\n\n"
           "一、坚持创新驱动，加快发展新质生产力\n\n今年以来，全区上下奋力拼搏。\n")
    assert normalize_text(raw).text.splitlines() == [
        "10月11日,贵州玖隆佳贸易有限公司工作人员来到政务服务大厅。",
        "一、坚持创新驱动,加快发展新质生产力",
        "今年以来,全区上下奋力拼搏。",
    ]


def test_datelines_as_reports_print_them():
    # issue 11: the dateline of a work report, without brackets
    assert date_from_text("政 府 工 作 报 告\n——2024年1月18日在牟定县第十八届\n人民代表大会") == date(2024, 1, 18)
    assert date_from_text("2024年2月21日在贵阳市第十五届人民代表大会第四次会议上\n") == date(2024, 2, 21)
    assert date_from_text("2025年2月19日，惠州市第十三届人民代表大会第六次会议上") == date(2025, 2, 19)
    assert date_from_text("许昌市政府工作报告\n二○二一年三月二十三日在许昌市第七届人民代表大会") == date(2021, 3, 23)
    assert date_from_text("大理市人民政府代理市长 严启红 (2020年5月28日) 各位代表") == date(2020, 5, 28)
    assert date_from_text("北仑区统计局\n2022年2月\n2021年,面对复杂严峻的形势") == date(2022, 2, 1)
    assert date_from_text("正文写道：2023年3月18日在花溪召开会议。") is None  # a date inside the body


def test_genre_and_reported_year_from_the_head():
    from kg.ingest.metadata import genre_of

    assert genre_of("2023年邻水县国民经济和社会发展统计公报\n2023年是…") == ("bulletin", 2023)
    assert genre_of("固原市2020年国民经济和社会发展统计公报 2020") == ("bulletin", 2020)
    assert genre_of("郑州市人民政府市长\n各位代表:\n现在,我代表市人民政府向大会报告工作") == ("report", None)
    assert genre_of("2023年,面对复杂严峻的形势,全市上下…") == ("", 2023)
