"""Names read from lists: items sharing a head (吉利汽车、长江汽车等企业) and the parts of a
counted programme (工业强区、创新兴区…“四大战略”)."""
from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import lexicon
from kg.doc import Doc, Mention, Sentence, Token
from kg.extract.numbers import parse_number
from kg.extract.recognize.base import (
    NUMERAL,
    ORGANIZATION,
    PROGRAM,
    Typed,
    first_at,
    is_specific,
    left_edge,
    make_mention,
    recognizer,
    tokens_between,
    type_of_name,
)

# People's titles; what stands before one in a list item is the person's organisation.
TITLE_WORDS = re.compile(r"董事长|董事|总经理|经理|书记|主任|局长|区长|市长|县长|代表|委员")
PREPOSITION_AFTER = re.compile(r"等[为向对给替在与同]")  # (等为项目…: a preposition opens what the items do)
CATEGORY_WORDS = re.compile(r"领域|行业|产业链|类|方面|环节|业态|品类|相关")  # (等相关企业: firms of those fields)
COUNT_BEFORE_HEAD = re.compile(r"^等[0-9一二三四五六七八九十]+[个家座条项所户批]")  # the items are counted instances
LIST_MODIFIER_MAX = 6  # characters between 等 and a list's head: 等一批国内知名|企业
# An item holds no separator (和 is U+548C, cut out of the CJK range): with 和 inside, the
# items of a long run of 和 without a head could be split in exponentially many ways.
# A one-character conjunct names nothing: one character and 和 open an item (大和水工机械).
_LIST_ITEM = r"(?:[\u4e00-\u548b\u548d-\u9fff]和)?[\u4e00-\u548b\u548d-\u9fff0-9A-Za-z·()+]{2,24}"


@lru_cache(maxsize=1)
def _list_pattern() -> re.Pattern[str]:
    """Items, 等, a count (65个), up to a few modifiers (在建, 国内知名), then a head."""
    return re.compile(rf"((?:{_LIST_ITEM}[、和]){{0,12}}{_LIST_ITEM})" + _after_items())


@lru_cache(maxsize=1)
def _list_tail() -> re.Pattern[str]:
    """The part of `_list_pattern` from 等 on: where it is nowhere in a sentence, no list
    is (a search that starts at 等 is quick; the whole pattern's backtracks through the
    items at every character)."""
    return re.compile(_after_items())


def _after_items() -> str:
    """等, a count, modifiers and a head (longest first), as a regex."""
    heads = "|".join(sorted((re.escape(h) for h in lexicon.list_heads()), key=len, reverse=True))
    return rf"等(?:[0-9一二三四五六七八九十]+[个家座条项所户批])?[\u4e00-\u9fff]{{0,{LIST_MODIFIER_MAX}}}?(?:{heads})"


@recognizer("list", needs=("等",))
def list_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    """`A、B(和C)等(N个)HEAD`: each item is a HEAD-typed name."""
    if "等" not in sentence.text or not _list_tail().search(sentence.text):
        return []  # the pattern needs 等 and a head after it; most sentences have neither
    heads = lexicon.list_heads()
    found: list[Mention] = []
    word_ends = {t.start + len(t.text) for t in tokens}
    for match in _list_pattern().finditer(sentence.text):
        if sentence.start + match.end() not in word_ends:
            continue  # the head must be a word of its own: 企业 but not 企业家
        head = next(h for h in sorted(heads, key=len, reverse=True) if match.group().endswith(h))
        if CATEGORY_WORDS.search(match.group()[len(match.group(1)):]):
            continue  # 研发设计、节能环保等领域企业: the items are fields, not firms
        if PREPOSITION_AFTER.match(match.group(), len(match.group(1))):
            continue  # 区领导张宛澍、宋磊等为项目开工奠基: the items act on the head, they are none of it
        typed = Typed(heads[head].type, heads[head].sub, "", heads[head].rule)
        offset = sentence.start + match.start(1)
        items = list_items(doc, tokens, match.group(1), offset, typed)
        counted = COUNT_BEFORE_HEAD.search(match.group()[len(match.group(1)):])  # 等65个在建项目
        tokens_of = [tokens_between(tokens, start, start + len(item)) for item, start, _ in items]
        kinds = lists_kinds(tokens_of)
        for (item, start, item_type), item_tokens in zip(items, tokens_of):
            # a list of kinds (电子信息、医疗健康、先进陶瓷等园区, …等现代企业) names none of them;
            # works listed by kind (清沙河、新桃等水库, 万象城、悦然时光…等商业综合体) are built things
            of_kinds = kinds and ("weak" in item_type.rule or item_type.type != "Project")
            specific_enough = counted or (("weak" not in item_type.rule or is_specific(item_tokens)) and not of_kinds)
            if item_type.type == "Program" and item_tokens and item_tokens[-1].pos == "v":
                continue  # 大面积单产提升、耕地接茬轮作套种等行动: acts described, not named
            if len(item_tokens) == 1 and item_tokens[0].text == item and item_tokens[0].pos in VERB_TAGS:
                continue  # 凤溪社区“城中村”|改造等项目: a verb alone (the quote cut the name) names nothing
            if len(item) >= 2 and item not in lexicon.generic_phrases() and specific_enough and not counted_item(item):
                found.append(make_mention(doc, sentence, start, start + len(item), item_type, "list"))
    return found


VERB_TAGS = ("v", "vn")  # the segmenter's verbs and verbal nouns
ITEM_COUNT = re.compile(r"^[0-9一二三四五六七八九十百千两几]+[余多]?[个项家座条所批]|[0-9一二三四五六七八九十百千两]+[个项家座条所批]$")


def counted_item(item: str) -> bool:
    """An item that counts (20余个光伏配套项目, 工业项目13个, 9个) is a kind, not a name."""
    return bool(ITEM_COUNT.search(item))


KIND_LIST_MIN = 3  # items: a shorter list says too little about its neighbours


def lists_kinds(tokens_of_items: list[list[Token]]) -> bool:
    """Are the items of a list (given by their words) kinds rather than names? The items
    of one list are alike; when most of three or more have nothing specific, the one the
    tagger reads as a proper name is a kind too (避暑康养、医药康养、温泉/nr康养、森林康养等
    优质项目)."""
    specific = sum(is_specific(item_tokens) for item_tokens in tokens_of_items)
    return len(tokens_of_items) >= KIND_LIST_MIN and 2 * specific < len(tokens_of_items)


def list_items(doc: Doc, tokens: list[Token], text: str, offset: int, typed: Typed) -> list[tuple[str, int, Typed]]:
    """The items of `A、B和C` at `offset`: (item, start, type)."""
    items = []
    position = offset
    for piece in list_pieces(text):
        if piece in "、和":
            position += len(piece)
            continue
        item, start = piece, position
        position += len(piece)
        aside = ASIDE.search(piece)
        if aside:  # 石脑油综合利用项目(计划投资56亿元): a note on the item, not its name
            item = piece = piece[:aside.start()]
        if "等" in item:
            continue  # 中科电气等龙头企业|和梓靖铜箔…: the end of another list, read on its own
        end = start + len(piece)
        if start == offset:
            start = word_start(tokens, start)  # the pattern's length limit may cut a word: 紫|金矿业…
            item = doc.text[start:end]
        # The first item may carry the verb before it: trim with the token boundary rule.
        if start <= offset and "(" not in piece:
            item, start = trim_first_item(doc, tokens, start, end)
        elif "的" in item[:-2]:  # 、总投资5亿元的|同创普润…产业园: a description before the name
            cut = item.rindex("的") + 1
            item, start = item[cut:], start + cut
        governing = [t for t in tokens_between(tokens, start + 1, end) if t.start + len(t.text) < end
                     and len(t.text) >= 2 and t.text in lexicon.boundary_words()]
        if governing:  # 溧阳市、金坛区充分发挥|宁德时代、中创新航等龙头项目: the list opens after the verb
            start = governing[-1].start + len(governing[-1].text)
            item = doc.text[start:end]
        item_type = typed
        title = TITLE_WORDS.search(item)
        if title:  # 西部建材城董事长李建东: a person, named after the firm they lead
            item, item_type = item[: title.start()], ORGANIZATION
        items.append((item, start, item_type))
    return items


# A bracket at an item's end that holds an amount of money is a note (计划投资56亿元, 总投资3亿元).
ASIDE = re.compile(r"\([^()]*[0-9一二三四五六七八九十百千]+(?:\.[0-9]+)?[亿万]?元[^()]*\)$")


def list_pieces(text: str) -> list[str]:
    """`A、B和C` cut into items and separators; a 和 after one character is a character of
    the next item's name (大和水工机械), since a one-character item names nothing."""
    pieces: list[str] = []
    for piece in re.split(r"([、和])", text):
        if len(pieces) >= 2 and pieces[-1] == "和" and len(pieces[-2]) == 1:
            pieces[-2:] = [pieces[-2] + "和" + piece]
        else:
            pieces.append(piece)
    return pieces


# 工业强区、创新兴区、生态立区、文旅活区“四大战略”: the parts a counted programme lists.
_ENUMERATED = re.compile(r"((?:[\u4e00-\u9fff]{2,6}、){1,9}[\u4e00-\u9fff]{2,6})(?:等)?“([^“”]{0,8}[一二三四五六七八九十两0-9][^“”]{0,8})”")


# The quoted count that closes `_ENUMERATED` alone: a search that starts at the quote is quick.
COUNTED_QUOTE = re.compile(r"“[^“”]{0,8}[一二三四五六七八九十两0-9][^“”]{0,8}”")


def parse_count(text: str) -> int | None:

    value = parse_number(text)
    return int(value) if value is not None else None


@recognizer("enumerated", needs=("“",))
def enumerated_programs(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    """Items listed right before a quoted, counted programme are its parts, programmes too."""
    found: list[Mention] = []
    if "“" not in sentence.text or "、" not in sentence.text or not COUNTED_QUOTE.search(sentence.text):
        return found  # (the pattern needs all three: most sentences spare its scan, which backtracks through the items)
    for match in _ENUMERATED.finditer(sentence.text):
        head = type_of_name(match.group(2))
        if head is None or head.type != "Program":
            continue  # “四大战略” counts programmes; “五大功能” only counts functions
        position = sentence.start + match.start(1)
        items = match.group(1).split("、")
        count = re.search(NUMERAL.pattern + "+", match.group(2))
        # The quote counts its parts (“四大战略” after four items), and the parts are
        # parallel phrases of four characters or more: anything else is prose before a quote.
        if count is None or parse_count(count.group()) != len(items) or min(len(i) for i in items[1:]) < 4:
            continue
        for index, item in enumerate(items):
            start = position
            position += len(item) + 1
            if index == 0:  # the first item may carry the verb before it
                item, start = trim_left(doc, tokens, start, start + len(item))
            if len(item) >= 2 and item not in lexicon.generic_phrases():
                found.append(make_mention(doc, sentence, start, start + len(item), PROGRAM, "enumerated"))
    return found


def word_start(tokens: list[Token], position: int) -> int:
    """The start of the word that holds `position`."""
    index = first_at(tokens, position + 1) - 1  # the last word that starts at or before `position`
    holds = index >= 0 and position < tokens[index].start + len(tokens[index].text)
    return tokens[index].start if holds else position


WORD = re.compile(r"[\u4e00-\u9fff0-9A-Za-z·]+")
FIRM_NAME_ENDS = ("有限公司", "有限责任公司", "集团")


def trim_first_item(doc: Doc, tokens: list[Token], start: int, end: int) -> tuple[str, int]:
    """The first item of a `A、B等企业` list starts after the word that introduces the list:
    a verb (引入|德方纳米, 支持|真实生物), 的 (爱民区的|旭昇化工…), a function word or a
    punctuation mark. The names of firms in such lists are often words the segmenter does
    not know (德方/q, 真实/d, 旭/nr|昇/zg), which the name rules stop at; the list's own
    shape says where the item starts."""
    inside = tokens_between(tokens, start, end)
    first = start
    after_firm = False
    for i, tok in enumerate(inside[:-1]):
        # A verb introduces the item when it opens the piece (引入|德方纳米), follows an adverb
        # (已集聚|奇安信, 积极融入|…) or has words of a name after it; one right before the
        # head is the name's (智能装备制造|项目), and so are the words of a firm's project
        # after its full name (…有限公司手术感控生产线扩产项目).
        introduces = i == 0 or inside[i - 1].pos in ("d", "ad") or len(inside) - i - 1 >= 2
        glued_he = tok.text == "和" and i == 1 and len(inside[0].text) == 1 and inside[0].start == start  # 盛和|锆钛
        stop = not glued_he and (not WORD.fullmatch(tok.text) or tok.pos.startswith(("u", "p", "c", "r")) or tok.text in ("的", "在")
                or (tok.pos.startswith("v") and len(tok.text) >= 2 and tok.pos != "vn" and introduces and not after_firm)
                or tok.text in lexicon.boundary_words())
        after_firm = after_firm or tok.text.endswith(FIRM_NAME_ENDS)
        if stop:
            first = tok.start + len(tok.text)
    return doc.text[first:end], first


def trim_left(doc: Doc, tokens: list[Token], start: int, end: int) -> tuple[str, int]:
    """The first item of a list without the words that introduce the list (建成投产|6万吨磷酸铁)."""
    inside = range(first_at(tokens, start), first_at(tokens, end))
    if not inside:
        return doc.text[start:end], start
    first = left_edge(tokens, inside[-1])
    new_start = max(start, tokens[first].start)
    return doc.text[new_start:end], new_start
