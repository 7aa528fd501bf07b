"""Organisations named bare, from word lists: government bodies (国务院) and well-known firms (吉利汽车)."""
from __future__ import annotations

from kg.extract import lexicon
from kg.doc import Doc, Mention, Sentence, Token
from kg.extract.recognize.base import ORGANIZATION, make_mention, recognizer


@recognizer("body")
def body_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    """Government bodies named bare: 国务院, 区政协, 联合国."""
    bodies = lexicon.gov_bodies()
    return [make_mention(doc, sentence, tok.start, tok.start + len(tok.text), ORGANIZATION, "body")
            for tok in tokens if tok.text in bodies]


@recognizer("enterprise")
def enterprise_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    """Well-known firms named without a suffix, with the industry word or the city that
    often comes with them: 吉利汽车, 闪聚电池, 贵阳海信."""
    firms = lexicon.enterprises()
    found = []
    for i, tok in enumerate(tokens):
        if tok.text not in firms:
            continue
        start, end = tok.start, tok.start + len(tok.text)
        if i + 1 < len(tokens) and tokens[i + 1].text in lexicon.industry_words():
            end += len(tokens[i + 1].text)
        if i > 0 and tokens[i - 1].pos == "ns" and tokens[i - 1].start + len(tokens[i - 1].text) == start:
            start = tokens[i - 1].start
        found.append(make_mention(doc, sentence, start, end, ORGANIZATION, "enterprise"))
    return found


# People's titles: 西部建材城董事长李建东 names a person, not a park.
