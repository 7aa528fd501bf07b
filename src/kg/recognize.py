"""Recognition: find spans of the text that name entities of the core types.

Each recogniser is a small function `(doc, sentence, tokens) -> list[Mention]` registered
in `RECOGNIZERS`; `recognize` runs them all and keeps the best non-overlapping spans.

- `suffix_names`: a name is a run of name-like words ending in a type suffix (产业园, 镇,
  有限公司, 行动 …); its left edge is where a verb that governs it, a function word or
  punctuation stands (建成投用|贵阳低空飞行服务基地).
- `quoted_names`: “四大战略”, “强省会”行动, 《…规划》.
- `gazetteer_names`: administrative divisions from the national table, by full name, and
  by short name (花溪) where the document is about that province.
- `list_names`: items of a list that share a head (吉利汽车、长江汽车等企业).
- `body_names`: government bodies named without a suffix (国务院, 区政协).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import lexicon
from .doc import Doc, Mention, Sentence, Token

MAX_NAME = 24  # characters; longer runs are prose, not names
MAX_QUOTED = 16
# POS tags (jieba) that never belong inside a name.
STOP_POS = ("p", "c", "u", "r", "d", "t", "q", "y", "e", "o", "x", "w", "zg", "ul", "uj", "uz", "ug", "ud", "uv")
# Single-character location words that end a name on the left (在园区内 …).
STOP_SINGLE = set("内中上下里外间后前等及和与或并的地得之其各每该本此")
OPEN_BRACKETS = {")": "(", "〕": "〔", "】": "【"}
NUMERAL = re.compile(r"[0-9一二三四五六七八九十百千万两双几]")
NAME_PUNCT = set("·+")  # punctuation that may stand inside a name (溪畔·乡贤里, 1+1+3)
ADMIN_LEVEL_SUFFIX = ("省", "市", "区", "县", "镇", "乡", "街道", "村", "社区", "新区", "自治州", "自治县")

Recognizer = Callable[[Doc, Sentence, list[Token]], list[Mention]]
RECOGNIZERS: dict[str, Recognizer] = {}


def recognizer(name: str) -> Callable[[Recognizer], Recognizer]:
    def register(func: Recognizer) -> Recognizer:
        RECOGNIZERS[name] = func
        return func

    return register


@dataclass(frozen=True)
class Typed:
    type: str
    sub: str
    suffix: str


def type_of_name(name: str) -> Typed | None:
    """The type a name's ending gives it (longest suffix), or None."""
    for suffix in lexicon.suffixes():
        if name.endswith(suffix.text):
            return Typed(suffix.type, suffix.sub, suffix.text)
    return None


def is_generic(name: str, suffix: str) -> bool:
    """A phrase that ends in a suffix but picks out no one thing (产业园区, 老旧小区)."""
    generic = lexicon.generic_phrases()
    if name in generic or len(name) <= len(suffix):
        return True
    head = name[: -len(suffix)]
    return head in generic or head in lexicon.boundary_words()


def _division_level(name: str) -> str | None:
    division = lexicon.division_by_name().get(name)
    return division.level if division and division.name == name else None


def admin_ok(name: str, typed: Typed) -> bool:
    """Administrative names must be plausible: table names, or short heads for towns/villages."""
    if _division_level(name):
        return True
    head = name[: -len(typed.suffix)]
    if typed.sub in ("Township", "Village"):
        return 2 <= len(head) <= 4 and not NUMERAL.search(head)
    if typed.suffix in ("新区",):
        return 2 <= len(head) <= 4
    return False  # 区/县/市/省 names come from the national table only


def _left_edge(tokens: list[Token], head: int) -> int:
    """Index of the first token of the name whose last token is `tokens[head]`."""
    boundary = lexicon.boundary_words()
    first = head
    i = head - 1
    while i >= 0:
        tok = tokens[i]
        if tok.text in OPEN_BRACKETS:  # a bracketed part: 张江(贵安)高科技产业园
            j = i - 1
            while j >= 0 and tokens[j].text != OPEN_BRACKETS[tok.text] and i - j <= 6:
                j -= 1
            if j < 1 or tokens[j].text != OPEN_BRACKETS[tok.text]:
                break
            first = i = j
            i -= 1
            continue
        if tok.text in NAME_PUNCT and i > 0 and first == i + 1:
            first = i
            i -= 1
            continue
        if tok.text in boundary or tok.pos.startswith(STOP_POS) or tok.text in STOP_SINGLE:
            break
        if not re.fullmatch(r"[\u4e00-\u9fff0-9A-Za-z]+", tok.text):
            break
        if tokens[head].start + len(tokens[head].text) - tok.start > MAX_NAME:
            break
        first = i
        i -= 1
    while first < head and (tokens[first].text in NAME_PUNCT or tokens[first].text in OPEN_BRACKETS.values()):
        first += 1
    return first


def _mention(doc: Doc, sentence: Sentence, start: int, end: int, typed: Typed, rule: str, label: str = "") -> Mention:
    text = doc.text[start:end]
    return Mention(text=text, label=label or text, type=typed.type, sub=typed.sub, start=start, end=end,
                   sentence=sentence.index, rule=rule)


def _accept(name: str, typed: Typed) -> bool:
    if is_generic(name, typed.suffix):
        return False
    if typed.type == "AdministrativeArea":
        return admin_ok(name, typed)
    return True


@recognizer("suffix")
def suffix_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    found: list[Mention] = []
    for head, tok in enumerate(tokens):
        if not tok.text or type_of_name(tok.text) is None:
            continue
        nxt = tokens[head + 1].text if head + 1 < len(tokens) else ""
        if nxt and type_of_name(tok.text + nxt) is not None and nxt not in lexicon.boundary_words():
            continue  # the name goes on (花溪区|人民法院): the later head is the real one
        first = _left_edge(tokens, head)
        start, end = tokens[first].start, tok.start + len(tok.text)
        # Shrink from the left until the span is an acceptable name, e.g. drop a leading
        # word that the tagger did not stop at.
        for left in range(first, head + 1):
            start = tokens[left].start
            name = doc.text[start:end]
            typed = type_of_name(name)
            if typed and _accept(name, typed):
                found.append(_mention(doc, sentence, start, end, typed, "suffix"))
                break
    return found


_QUOTED = re.compile(r"“([^“”\n]{1,%d})”" % MAX_QUOTED)
_BOOK = re.compile(r"《([^《》\n]{2,60})》")
PROGRAM = Typed("Program", "", "")


@recognizer("quoted")
def quoted_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    found: list[Mention] = []
    text = sentence.text
    for match in _QUOTED.finditer(text):
        inner = match.group(1).strip()
        if not inner or re.search(r"[,，。;；:：!！?？、()]", inner) or inner.isdigit():
            continue
        start, end = sentence.start + match.start(), sentence.start + match.end()
        after = text[match.end(): match.end() + 6]
        head = next((s for s in lexicon.suffixes() if after.startswith(s.text) and s.type in ("Program", "Policy", "Project")), None)
        if head is not None:  # “强省会”行动, “五帮”专项行动
            label = inner + head.text
            found.append(_mention(doc, sentence, start, end + len(head.text), Typed(head.type, head.sub, head.text), "quoted+head", label))
            continue
        typed = type_of_name(inner)
        if typed is not None and _accept(inner, typed):
            found.append(_mention(doc, sentence, start, end, typed, "quoted", inner))
        elif typed is None and len(inner) >= 2 and not inner.endswith(("的", "了", "地")):
            found.append(_mention(doc, sentence, start, end, PROGRAM, "quoted", inner))
    for match in _BOOK.finditer(text):
        inner = match.group(1).strip()
        typed = type_of_name(inner)
        if typed is not None and typed.type == "Policy":
            start, end = sentence.start + match.start(), sentence.start + match.end()
            found.append(_mention(doc, sentence, start, end, typed, "book", inner))
    return found


def _active_provinces(doc: Doc) -> set[str]:
    """Province codes the document is about: those of every full division name it contains."""
    table = lexicon.division_by_name()
    codes = set()
    for tok in doc.tokens:
        division = table.get(tok.text)
        if division and division.name == tok.text:
            codes.add(division.code[:2])
    return codes


@recognizer("gazetteer")
def gazetteer_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    table = lexicon.division_by_name()
    provinces = doc.__dict__.setdefault("_provinces", _active_provinces(doc))
    found: list[Mention] = []
    for i, tok in enumerate(tokens):
        division = table.get(tok.text)
        if division is None:
            continue
        short = division.name != tok.text
        if short and division.code[:2] not in provinces:
            continue
        nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if short and nxt and nxt[0] in "区县市镇乡村省州":
            continue
        typed = Typed("AdministrativeArea", division.level, "")
        mention = _mention(doc, sentence, tok.start, tok.start + len(tok.text), typed, "gazetteer", division.name if short else "")
        if short:
            mention.label = division.name
        found.append(mention)
    return found


@recognizer("body")
def body_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    bodies = lexicon.gov_bodies()
    org = Typed("Organization", "", "")
    return [
        _mention(doc, sentence, tok.start, tok.start + len(tok.text), org, "body")
        for tok in tokens
        if tok.text in bodies
    ]


_LIST_ITEM = r"[\u4e00-\u9fff0-9A-Za-z·()+]{2,14}"


@recognizer("list")
def list_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    """`A、B(和C)等(N个)HEAD`: each item is a HEAD-typed name."""
    heads = lexicon.list_heads()
    if not heads:
        return []
    head_alt = "|".join(sorted((re.escape(h) for h in heads), key=len, reverse=True))
    pattern = re.compile(rf"((?:{_LIST_ITEM}[、和及]){{1,12}}{_LIST_ITEM})等(?:[0-9一二三四五六七八九十]+[个家座条项所])?(?:{head_alt})")
    found: list[Mention] = []
    for match in pattern.finditer(sentence.text):
        head = next(h for h in sorted(heads, key=len, reverse=True) if match.group().endswith(h))
        typed = Typed(heads[head].type, heads[head].sub, "")
        offset = sentence.start + match.start(1)
        items = re.split(r"([、和及])", match.group(1))
        position = offset
        for piece in items:
            if piece in "、和及":
                position += len(piece)
                continue
            item = piece
            start = position
            position += len(piece)
            # The first item may carry the verb before it: trim with the token boundary rule.
            if start == offset:
                item, start = _trim_left(doc, tokens, start, start + len(piece))
            if len(item) >= 2 and item not in lexicon.generic_phrases():
                found.append(_mention(doc, sentence, start, start + len(item), typed, "list"))
    return found


def _trim_left(doc: Doc, tokens: list[Token], start: int, end: int) -> tuple[str, int]:
    inside = [i for i, t in enumerate(tokens) if start <= t.start < end]
    if not inside:
        return doc.text[start:end], start
    first = _left_edge(tokens, inside[-1])
    new_start = max(start, tokens[first].start)
    return doc.text[new_start:end], new_start


def _priority(mention: Mention) -> tuple:
    # Longer spans win; among equal spans quoted > suffix > list > gazetteer > body.
    order = {"quoted+head": 0, "quoted": 0, "book": 0, "suffix": 1, "list": 2, "gazetteer": 3, "body": 4}
    return (-(mention.end - mention.start), order.get(mention.rule, 9), mention.start)


def select(mentions: list[Mention]) -> list[Mention]:
    """Keep the best non-overlapping mentions, in text order."""
    taken: list[Mention] = []
    occupied: list[tuple[int, int]] = []
    for mention in sorted(mentions, key=_priority):
        if any(mention.start < e and s < mention.end for s, e in occupied):
            continue
        taken.append(mention)
        occupied.append((mention.start, mention.end))
    return sorted(taken, key=lambda m: (m.start, m.end))


def sentence_tokens(doc: Doc) -> list[list[Token]]:
    """Tokens grouped by sentence (tokens never cross sentence boundaries)."""
    groups: list[list[Token]] = [[] for _ in doc.sentences]
    index = 0
    for tok in doc.tokens:
        while index < len(doc.sentences) - 1 and tok.start >= doc.sentences[index].end:
            index += 1
        groups[index].append(tok)
    return groups


def recognize(doc: Doc) -> Doc:
    candidates: list[Mention] = []
    for sentence, tokens in zip(doc.sentences, sentence_tokens(doc)):
        for func in RECOGNIZERS.values():
            candidates.extend(func(doc, sentence, tokens))
    doc.mentions = select(candidates)
    return doc
