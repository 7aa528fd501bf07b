"""Names that end in a type suffix: 贵阳低空飞行服务基地, 燕楼镇, 花溪区人大常委会."""
from __future__ import annotations

from .. import lexicon
from ..doc import Doc, Mention, Sentence, Token
from .base import (
    LEVEL_CHARS,
    VERBAL_AFTER_POLICY,
    head_ok,
    left_edge,
    recognizer,
    shrink_to_name,
    type_of_name,
)


@recognizer("suffix")
def suffix_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    found: list[Mention] = []
    boundary = lexicon.boundary_words()
    for head, tok in enumerate(tokens):
        head_type = type_of_name(tok.text)
        if head_type is None or not head_ok(tokens, head, head_type):
            continue
        nxt = tokens[head + 1].text if head + 1 < len(tokens) else ""
        if nxt and nxt not in boundary and type_of_name(tok.text + nxt) is not None:
            continue  # the name goes on (花溪区|人民法院): the later head is the real one
        if head_type.type == "Policy" and nxt in VERBAL_AFTER_POLICY:
            continue  # 推进X规划建设: 规划 is the act of planning here, not a plan
        first = left_edge(tokens, head)
        if head_type.type == "AdministrativeArea":
            # A town or village name holds no level word: 青岩镇|西街村 are two names.
            while first < head and any(t.text.endswith(LEVEL_CHARS) for t in tokens[first:head]):
                first += 1
        mention = shrink_to_name(doc, sentence, tokens, first, head)
        if mention is not None:
            found.append(mention)
    return found


