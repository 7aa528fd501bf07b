"""Segmentation: sentences with offsets, words anchored on our suffixes, both taggers agree."""
from __future__ import annotations

from kg.extract.segment import _posseg_tagger, split_sentences, tag

from conftest import SEEDS


def test_sentences_keep_offsets_into_the_text():
    text = "花溪区坚持产业为要。经济发展动能更强!\n标题一行\n“四新”主攻“四化”;"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["花溪区坚持产业为要。", "经济发展动能更强!", "标题一行", "“四新”主攻“四化”;"]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_user_words_keep_suffixes_whole():
    words = [w for w, _ in tag("花溪经开区成为全市首家可提供集中供热的开发区")]
    assert "经开区" in words or "花溪经开区" in words


def _boundaries(words: list[tuple[str, str]]) -> set[int]:
    ends, position = set(), 0
    for word, _ in words:
        position += len(word)
        ends.add(position)
    return ends


def test_the_fallback_tagger_cuts_a_seed_almost_alike():
    # The pure-Python jieba.posseg fallback differs from rjieba only on out-of-vocabulary
    # words (燕楼|镇 vs 燕楼镇); measured 98.2% equal word boundaries on seed 000.
    text = (SEEDS / "000_ecb2e819d0fb75f5.txt").read_text(encoding="utf-8")
    fast, slow = _boundaries(tag(text)), _boundaries(_posseg_tagger()(text))
    assert len(fast & slow) / len(fast | slow) > 0.97
