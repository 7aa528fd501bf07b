"""Segmentation: sentences, then jieba words with parts of speech.

The segmenter is rjieba, the Rust port of jieba (same dictionary, same DAG + HMM
algorithm; NOTES.md measured 99.97% equal word boundaries and 98.7% equal tags on the
seeds) because it tags ~60x faster than `jieba.posseg` and loads its dictionary in
milliseconds, which keeps `kg build` within a small multiple of plain segmentation.
It gets a user dictionary generated from our data files (type suffixes, administrative
names, government bodies, recent policy words), so that `经开区` or `产业园` stay whole
words and the recognisers can anchor on them; those words also get our tags.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import lru_cache

from kg.extract import lexicon
from kg.doc import Doc, Sentence, Token

# A sentence ends at these marks, or at a line break (headings, list items).
_SENTENCE_RE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*[”’]?|\n")


# Every later stage does some work per pair of words or mentions in a sentence, so a
# sentence's length bounds the cost of the whole pipeline: one 5 MB line without
# punctuation never finished (issue 13). The longest sentence of the seeds and both gold
# sets is 397 characters; a longer one is cut at its last comma (or pause) in the second
# half of the window, else at the limit.
MAX_SENTENCE_CHARS = 600
_SOFT_BREAKS = "，,、：:　 \t"


def cut_points(text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> list[int]:
    """Where to cut `text[start:end]` so no piece is longer than `limit`."""
    cuts: list[int] = []
    while end - start > limit:
        window_end = start + limit
        cut = max(text.rfind(mark, start + limit // 2, window_end) for mark in _SOFT_BREAKS) + 1
        start = cut if cut > start else window_end
        cuts.append(start)
    return cuts


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for match in _SENTENCE_RE.finditer(text):
        chunk = match.group()
        if not chunk.strip():
            continue
        lead = len(chunk) - len(chunk.lstrip())
        start = match.start() + lead
        end = start + len(chunk.strip())
        for cut in cut_points(text, start, end) + [end]:
            piece = text[start:cut]
            body = piece.strip()
            if body:
                first = start + len(piece) - len(piece.lstrip())
                sentences.append(Sentence(len(sentences), first, first + len(body), body))
            start = cut
    return sentences


@lru_cache(maxsize=1)
def _tagger() -> Callable[[str], list[tuple[str, str]]]:
    """jieba's tagger with our user words, built once per process: rjieba, or the pure
    Python jieba.posseg where rjieba has no wheel for the platform."""
    try:
        import rjieba
    except ImportError:
        return _posseg_tagger()
    tagger = rjieba.Jieba()
    for word, freq, pos in lexicon.user_words():
        tagger.add_word(word, freq, pos)
    return lambda text: tagger.tag(text, True)


def _posseg_tagger() -> Callable[[str], list[tuple[str, str]]]:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for word, freq, pos in lexicon.user_words():
        tokenizer.add_word(word, freq, pos)
    posseg = jieba.posseg.POSTokenizer(tokenizer)
    return lambda text: [(pair.word, pair.flag) for pair in posseg.lcut(text, HMM=True)]


def tag(text: str) -> list[tuple[str, str]]:
    """Words and POS tags of a text (jieba's dictionary and HMM, with our user words).

    jieba keeps its own tag for a word it already knows (养老/nr, 世行/n): our words get ours."""
    ours = lexicon.user_tags()
    return [(word, ours.get(word, pos)) for word, pos in _tagger()(text)]


def segment(doc: Doc) -> Doc:
    doc.sentences = split_sentences(doc.text)
    tokens: list[Token] = []
    tagger, ours = _tagger(), lexicon.user_tags()  # (what `tag` does, without a list per sentence)
    for sentence in doc.sentences:
        offset = sentence.start
        for word, pos in tagger(sentence.text):
            tokens.append(Token(word, ours.get(word, pos), offset))
            offset += len(word)
    doc.tokens = tokens
    return doc
