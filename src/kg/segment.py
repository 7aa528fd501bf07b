"""Segmentation: sentences, then jieba words with parts of speech.

jieba gets a user dictionary generated from our data files (type suffixes and
administrative names), so that `经开区` or `产业园` stay whole words and the recognisers
can anchor on them.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from . import lexicon
from .doc import Doc, Sentence, Token

# A sentence ends at these marks, or at a line break (headings, list items).
_SENTENCE_RE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*[”’]?|\n")


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for match in _SENTENCE_RE.finditer(text):
        chunk = match.group()
        if not chunk.strip():
            continue
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        start = match.start() + lead
        sentences.append(Sentence(len(sentences), start, start + len(body), body))
    return sentences


@lru_cache(maxsize=1)
def _tagger():
    """jieba's POS tagger with our user words; built once per process."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for word, freq, tag in lexicon.user_words():
        tokenizer.add_word(word, freq, tag)
    return jieba.posseg.POSTokenizer(tokenizer)


def tag(text: str) -> list[tuple[str, str]]:
    """Words and POS tags of a text (jieba.posseg with our user dictionary)."""
    return [(pair.word, pair.flag) for pair in _tagger().lcut(text, HMM=True)]


def segment(doc: Doc) -> Doc:
    doc.sentences = split_sentences(doc.text)
    tokens: list[Token] = []
    for sentence in doc.sentences:
        offset = sentence.start
        for word, pos in tag(sentence.text):
            tokens.append(Token(word, pos, offset))
            offset += len(word)
    doc.tokens = tokens
    return doc
