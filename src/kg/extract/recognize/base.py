"""Shared pieces of recognition: the recogniser registry, type suffixes, and the rules
that decide where a name begins and whether a span is a name at all."""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from kg.extract import lexicon
from kg.doc import Doc, Mention, Sentence, Token

MAX_NAME = 28  # characters; longer runs are prose, not names (a project named with its firm and its output runs to ~28: 江苏新百超…研发团队项目)
MAX_QUOTED = 16
# POS tags (jieba) that never belong inside a name.
STOP_TAGS = frozenset({"e", "o", "y", "w", "zg"})  # "x" is punctuation or an unknown word: see stops_name
STOP_TAG_GROUPS = tuple("pcurdq")  # prepositions, conjunctions, particles, pronouns, adverbs, classifiers


def is_stop_pos(pos: str) -> bool:
    return pos in STOP_TAGS or pos.startswith(STOP_TAG_GROUPS) and pos not in ("rz",)
# Tags of proper names: a token with one of these makes a name specific.
PROPER_POS = ("ns", "nr", "nz", "nt", "eng")


def is_proper(tok: Token) -> bool:
    """Is the word a proper name? jieba's `j` (abbreviation) marks common words as often
    as names (研发, 环保, 深化); only a one-character one is a name (黔, 粤)."""
    if tok.pos in ("ns", "nr") and tok.text in lexicon.common_words_tagged_proper():
        return False  # 城市/ns, 智慧/nr: the segmenter's dictionary mistags common words
    return tok.pos.startswith(PROPER_POS) or (tok.pos == "j" and len(tok.text) == 1)
# Single-character location words that end a name on the left (在园区内 …).
STOP_SINGLE = set("内上下里外间后前等及和与或并的地得之其各每该本此")
OPEN_BRACKETS = {")": "(", "〕": "〔", "】": "【"}
NUMERAL = re.compile(r"[0-9一二三四五六七八九十百千万两双几]")
# A count is not a name: 6个项目, 17项改革, 10余项制度, 99个行政村…; an edition is one
# (第五次经济普查).
COUNTED = re.compile(r"^(?:第[0-9一二三四五六七八九十百千万两几]+[个项家座条所批名户栋件场篇类级]"
                     r"|[0-9一二三四五六七八九十百千万两几多余]+[余多]?[个项家座条所批名户栋件次场篇类级])")
YEAR_PREFIX = re.compile(r"^(?:19|20)[0-9]{2}年度?")
DATE = re.compile(r"^([0-9]+|[一二三四五六七八九十]+)(年|月|日|号)$")
NAME_PUNCT = set("·+")  # punctuation that may stand inside a name (溪畔·乡贤里, 1+1+3)
COORDINATORS = ("和", "与")
# A counted package and the description after it (自治区40条稳大盘政策): the package is
# named by its count (packages.py reads 自治区40条), the description names nothing.
DESCRIBED_PACKAGE = re.compile(r"[0-9一二三四五六七八九十百]条[\u4e00-\u9fff]{2,8}(?:政策|措施|举措)$")
MIN_QUALIFIER = 3  # characters before a `qualified` head (战略) unless a proper name
LEADING_FUNCTION_CHARS = frozenset("以即对在向从将把为与和及由")
LEVEL_CHARS = ("省", "市", "区", "县", "镇", "乡", "村", "街道", "社区")
# Verbs that relate their object to something else, as a preposition or a copula does
# (作为|产业园, 地处|…中心): never a name's first word.
RELATING_VERBS = frozenset({"作为", "地处", "位于", "属于", "列为", "作", "当作", "辖", "下辖", "管辖"})
ENUMERATOR = re.compile(r"[一二三四五六七八九十]+是|其[一二三四五六七八九十]")  # 一是…, 二是…: points of a list
VERBAL_AFTER_POLICY = frozenset({"建设", "布局", "引领", "先行", "设计"})
COMPANY_HEADS = ("有限公司", "有限责任公司", "股份有限公司")
BRANCH_HEADS = ("分公司", "分行", "支行")
AREA_WORDS = ("中共", "省", "市", "区", "县", "州", "乡", "镇", "街道")
LEVEL_WORD_CHARS = "省市区县州乡镇村"  # one-character level words: 花溪|区, 乡镇 (two levels together)
NEW_AREA = re.compile(r"[\u4e00-\u9fff]{2,4}新区")  # 贵安新区: state-level new areas, not in the county table
COMMITTEE_DEPARTMENT_MAX = 4  # words of a party committee's department before its head: 社会工作|部
BODY_MIDDLE_MAX = 8  # department words between the area and the head: 大数据发展(局)

# Where words are: a sentence's tokens are in text order, one after the other with no gap
# and none empty (segment.py cuts the whole sentence), so binary searches on their starts
# find what a scan of the sentence would.
_START = attrgetter("start")  # (a key in C: quicker than a lambda per step of the search)


def first_at(tokens: list[Token], offset: int) -> int:
    """Index of the first token starting at or after `offset`."""
    return bisect.bisect_left(tokens, offset, key=_START)


def tokens_between(tokens: list[Token], start: int, end: int) -> list[Token]:
    """The tokens that start in [start, end): `[t for t in tokens if start <= t.start < end]`."""
    return tokens[first_at(tokens, start):first_at(tokens, end)]


def index_starting_at(tokens: list[Token], offset: int) -> int | None:
    """Index of the token that starts at `offset`, or None."""
    index = first_at(tokens, offset)
    return index if index < len(tokens) and tokens[index].start == offset else None


def token_ending_at(tokens: list[Token], offset: int) -> Token | None:
    """The token that ends at `offset`, or None."""
    index = first_at(tokens, offset) - 1
    return tokens[index] if index >= 0 and tokens[index].start + len(tokens[index].text) == offset else None


Recognizer = Callable[[Doc, Sentence, list[Token]], list[Mention]]
RECOGNIZERS: dict[str, Recognizer] = {}
# Per recogniser that declares them: strings one of which a sentence must hold for it to find
# anything there (its own first test), so that `propose` need not call it on the others.
NEEDS: dict[str, tuple[str, ...]] = {}


def recognizer(name: str, needs: tuple[str, ...] = ()) -> Callable[[Recognizer], Recognizer]:
    def register(func: Recognizer) -> Recognizer:
        RECOGNIZERS[name] = func
        if needs:
            NEEDS[name] = needs
        return func

    return register


@dataclass(frozen=True)
class Typed:
    type: str
    sub: str
    suffix: str
    rule: str = ""


PROGRAM = Typed("Program", "", "")
# Project heads that name a campaign when nothing specific stands before them and a
# programme verb launches them (实施|农村公路安全生命防护工程), or after a quoted word
# (“菜篮子”工程); 汪家大井水源应急替代工程 is a building site.
CAMPAIGN_HEADS = ("工程",)


def as_campaign(typed: Typed) -> Typed:
    """The programme a campaign head names (see CAMPAIGN_HEADS)."""
    return Typed(PROGRAM.type, "", typed.suffix, typed.rule)
ORGANIZATION = Typed("Organization", "", "")


# An innovation district (中央创新区, 银瓶创新区) is a park developed for research firms; its
# name ends in 新区 only because 创新 (innovation) does.
INNOVATION_DISTRICT = "创新区"
INNOVATION_PARK = Typed("Park", "IndustrialPark", INNOVATION_DISTRICT)


@lru_cache(maxsize=1 << 16)  # asked ~1000 times per document, mostly of the same words; Typed is frozen
def type_of_name(name: str) -> Typed | None:
    """The type a name's ending gives it (longest suffix), or None."""
    table = lexicon.suffix_map()
    for size in range(min(len(name), lexicon.longest_suffix()), 0, -1):
        suffix = table.get(name[-size:])
        if suffix is not None:
            if suffix.text == "新区" and name.endswith(INNOVATION_DISTRICT):
                return INNOVATION_PARK  # 中央创新区: 创新|区, no 新区 (new area)
            return Typed(suffix.type, suffix.sub, suffix.text, suffix.rule)
    return None


# Programme heads that, in a document's title (《…》, 关于印发…的通知), name the document
# that lays the programme down: 《全市乡村建设行动联席会议制度》, 2025年…国民经济和社会发展计划.
DOCUMENT_HEADS = ("制度", "计划")


def document_type(title: str) -> Typed | None:
    """The type of a document's title: a Policy also where its head is a programme's."""
    typed = type_of_name(title)
    if typed is not None and typed.type == "Program" and typed.suffix.endswith(DOCUMENT_HEADS):
        return Typed("Policy", "", typed.suffix)
    return typed


@lru_cache(maxsize=1)
def suffix_last_chars() -> frozenset[str]:
    """The characters a type suffix ends with: a word ending with none of them has no type."""
    return frozenset(text[-1] for text in lexicon.suffix_map())


@lru_cache(maxsize=1 << 16)  # (asked of every opening of every candidate name; the table is fixed)
def is_kind(name: str) -> bool:
    """A generic phrase, or a generic word before one (省级|经济开发区, 市级|示范基地)."""
    generic = lexicon.generic_phrases()
    if name in generic or any(name[:size] in generic and name[size:] in generic for size in range(2, len(name))):
        return True
    # two kinds joined (专项规划和县区规划) are still a kind
    parts = KIND_COORDINATOR.split(name)
    return len(parts) == 2 and all(part in generic for part in parts)


KIND_COORDINATOR = re.compile(r"[和及与、]")


# Compiled once: these run for every candidate name and every word left of a head.
LATIN_OR_DIGIT = re.compile(r"[0-9A-Za-z]")
WORD_CHARS = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]+")
NUMERALS = re.compile(NUMERAL.pattern + "+")
ONE_HANZI = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _programme_verbs() -> tuple[str, ...]:
    return tuple(lexicon.programme_verbs())


@lru_cache(maxsize=1 << 16)  # asked of every candidate name, many of them again; the tables are fixed
def is_generic(name: str, suffix: str) -> bool:
    """A phrase that ends in a suffix but picks out no one thing (产业园区, 老旧小区, 6个项目)."""
    generic = lexicon.generic_phrases()
    name = YEAR_PREFIX.sub("", name)  # 2022年度计划: a year's plan of a kind
    if is_kind(name) or len(name) <= len(suffix) or COUNTED.match(name):
        return True
    head = name[: -len(suffix)]
    return head in generic or head in lexicon.boundary_words() or bool(NUMERALS.fullmatch(head))


def division_level(name: str) -> str | None:
    division = lexicon.division_by_name().get(name)
    return division.level if division and division.name == name else None


COMMON_POS = ("v", "a", "b", "d", "m", "q", "r", "t", "l", "i")  # (l, i: set phrases and idioms: 发展壮大|村)


def admin_ok(name: str, typed: Typed, tokens: list[Token]) -> bool:
    """Administrative names must be plausible: table names, or short proper heads for
    towns and villages (燕楼镇, 麦翁村; not 美丽乡村, 大型社区, 示范村)."""
    if division_level(name):
        return True
    head = name[: -len(typed.suffix)]
    if typed.sub in ("Township", "Village"):
        head_end = tokens[0].start + len(head)
        head_tokens = [t for t in tokens if t.start < head_end]
        common = any(t.pos.startswith(COMMON_POS) and not is_proper(t) for t in head_tokens)
        generic = lexicon.generic_phrases()  # (its own prefixes and endings looked up, not every phrase scanned)
        generic_start = any(head[:size] in generic for size in range(2, len(head) + 1)) or any(
            name[-size:] in generic for size in range(3, len(name) + 1))  # 新关口寨|城中村
        # a head that ends in a level word names levels, not a place: 各乡|镇, 美乡|村 (乡村, 乡镇)
        two_levels = head[-1] in LEVEL_WORD_CHARS
        return 2 <= len(head) <= 4 and not NUMERAL.search(head) and not common and not generic_start and not two_levels
    if typed.suffix in ("新区", "新区直管区"):
        # a new area is named after its city as often as not: 青岛|西海岸新区, 烟台|黄渤海新区
        city = next((n for n in range(min(len(head) - 2, 4), 1, -1) if head[:n] in lexicon.division_by_name()), 0)
        return 2 <= len(head) <= 4 or 2 <= len(head) - city <= 4 and city > 0
    return False  # 区/县/市/省 names come from the national table only


AREA_NAME_MAX = 12  # characters of a division's name read at the start of a name


@lru_cache(maxsize=1)
def _area_name_lengths() -> dict[str, tuple[int, ...]]:
    """Per first character, the lengths of the division names that open with it, longest
    first: the only lengths `area_prefix_length` need look up (not every one from 12 to 2)."""
    lengths: dict[str, set[int]] = {}
    for name in lexicon.division_by_name():
        if 2 <= len(name) <= AREA_NAME_MAX:
            lengths.setdefault(name[0], set()).add(len(name))
    return {first: tuple(sorted(sizes, reverse=True)) for first, sizes in lengths.items()}


def area_prefix_length(name: str) -> int:
    """Length of the area words a name starts with (花溪区, 中共花溪区, 区, 市), 0 if none."""
    names = lexicon.division_by_name()
    position = 0
    while position < len(name):
        rest = name[position:]
        word = next((rest[:n] for n in _area_name_lengths().get(rest[0], ()) if n <= len(rest) and rest[:n] in names), None)
        if len(rest) >= 2 and rest[0] in LEVEL_WORD_CHARS and rest[1] in LEVEL_WORD_CHARS:
            break  # 乡镇|中心幼儿园, 市县|两级: two levels together name every such area, not one
        word = word or (next((w for w in AREA_WORDS if rest.startswith(w)), None) if rest.startswith(AREA_WORDS) else None)
        word = word or (m.group() if (m := NEW_AREA.match(rest)) else None)
        if word is None:
            break
        position += len(word)
    return position


def is_body_name(name: str, typed: Typed, tokens: list[Token]) -> bool:
    """A government body: area words, then at most a few department words, then the head
    (花溪区政协, 区人大常委会, 花溪区大数据发展局, 区委组织部); never a phrase with a verb
    (充分发挥政协)."""
    start = area_prefix_length(name[: len(name) - len(typed.suffix)])  # never into the head: 花溪|街道办事处
    if start == 0:
        return False
    department = name[start + 1:len(name) - len(typed.suffix)]
    if name[start:start + 1] == "委" and 0 < len(department) <= COMMITTEE_DEPARTMENT_MAX \
            and not any(c in LEVEL_WORD_CHARS for c in department):
        start += 1  # the area's party committee, whose departments follow: 中共成都市委|社会工作部
    middle_start = tokens[0].start + start
    one_word = len(tokens) == 1 and tokens[0].pos == "nt"  # 北京市委/nt
    if not one_word and not any(t.start == middle_start for t in tokens) \
            and not any(t.start < middle_start < t.start + len(t.text) and t.text.endswith(LEVEL_CHARS) for t in tokens):
        return False  # 区|域医疗中心, 市|区两级…: the area word must be a word of its own
    head_start = tokens[-1].start + len(tokens[-1].text) - len(typed.suffix)
    middle = [t for t in tokens if middle_start <= t.start < head_start]
    verbs = [t for t in middle if t.pos.startswith(("v", "d")) and t.pos != "vn"]  # 发展/vn和改革委员会 is a department
    return len(name) - start - len(typed.suffix) <= BODY_MIDDLE_MAX + 4 * ("和" in name) and not verbs


def is_specific(tokens: list[Token]) -> bool:
    """Does a run of words pick out one thing: a proper name, a number or Latin letters in it."""
    return any(is_proper(t) or LATIN_OR_DIGIT.search(t.text) for t in tokens)


def head_ok(tokens: list[Token], head: int, typed: Typed) -> bool:
    """One-character heads count only as their own word or inside a proper name
    (燕楼镇, 山王|庙村), never inside a common word (大局, 乡村, 一线)."""
    tok = tokens[head]
    if "body" in typed.rule and len(typed.suffix) == 1 and tok.text != typed.suffix and len(tok.text) < 3:
        return False  # 布局, 格局 end in 局 but name no bureau; 教育局, 发展局 do
    if typed.type == "Organization" and tok.pos == "f":
        return False  # 吉林省|东南部/f: a part of a region, no department
    before = tokens[head - 1] if head > 0 else None
    if tok.text == typed.suffix and len(tok.text) == 1 and typed.type != "AdministrativeArea" \
            and before is not None and before.pos.startswith("v"):
        return False  # 以高质量发展为主|线: a line after a verb is no railway line (S1|线)
    if "exact" not in typed.rule or tok.text == typed.suffix:
        return True
    if tok.pos.startswith(("ns", "nr", "nt")) or division_level(tok.text) is not None:  # not nz: 集成电路, 新路
        return True
    # jieba glues the last character of a village or town name to its level: 山王|庙村.
    return (typed.sub in ("Township", "Village") and len(tok.text) == len(typed.suffix) + 1 and before is not None
            and is_proper(before) and not before.text.endswith(LEVEL_CHARS))


RENEWED = "新"  # 新|国发2号文件, 新|贵安八条: a new edition of a named thing is named with 新


def modifies(following: Token) -> bool:
    """Does a programme head before the noun `following` modify it, rather than end a
    name? 现代流通战略|支点城市 (a city), but 改革|成效 (the reform's outcome)."""
    return following.pos == "n" and following.text not in lexicon.boundary_words() \
        and following.text not in lexicon.outcome_words()


# Programme heads that are also a verb or an adjective: 计划 (to plan), 战略 (strategic).
VERBAL_HEADS = ("计划", "战略")
ADJECTIVAL_HEAD = "战略"  # also the adjective "strategic" (战略新兴产业, 战略任务, 战略支点)


def head_used_as_word(typed: Typed, following: Token | None) -> bool:
    """Is a programme head followed by a verb or a number a verb or a modifier there, not
    the end of a name? 哈市计划|开工重点项目, 项目计划|2月开工, 计划|总投资5000万元,
    签订战略|合作备忘录 (but 实施…计划，, 坚持…战略不动摇 end names)."""
    if following is None or typed.type != "Program" or typed.suffix not in VERBAL_HEADS:
        return False
    if typed.suffix == ADJECTIVAL_HEAD and following.pos.startswith("n") and not following.pos.startswith("ns"):
        return True  # 涵盖战略|新兴产业, 取得重大战略|成果: "strategic", before the noun it qualifies
    return following.pos.startswith(("v", "m", "b"))


def starts_badly(tokens: list[Token], i: int) -> bool:
    """Names do not begin with a verb (推行|…制度) or a one-character modifier (好|…),
    except 新 before a proper name."""
    tok = tokens[i]
    if tok.text == RENEWED and i + 1 < len(tokens) and is_proper(tokens[i + 1]):
        return False
    if is_glued_character(tokens, i):
        return False  # 大|柴旦工业园: the name's own first character
    return tok.pos in ("v", "vd") or (len(tok.text) == 1 and tok.pos in ("a", "ad", "d", "v"))


def follows_programme(tokens: list[Token], i: int) -> bool:
    """The second of two programmes joined by 和 is launched like the first:
    推行|…重点企业制度和|优秀年轻干部包保联系临规临限企业制度."""
    if i < 2 or tokens[i - 1].text not in COORDINATORS:
        return False
    typed = type_of_name(tokens[i - 2].text)
    return typed is not None and typed.type == "Program"


def launched_with_generic_head(name: str, typed: Typed, introduced: bool) -> bool:
    """实施|数字经济战略, 开展|城市更新行动: a programme launched by name may be named
    after a generic field; the field alone (数字经济) is still no name."""
    head = name[: -len(typed.suffix)]
    return (introduced and typed.type == "Program" and len(typed.suffix) >= 2 and len(head) >= MIN_QUALIFIER
            and name not in lexicon.generic_phrases() and not COUNTED.match(name))


def accept_name(name: str, typed: Typed, tokens: list[Token], introduced: bool = False) -> bool:
    """Is `name` (the words `tokens`, typed by its suffix) a name? `introduced`: the word
    before it launches programmes (实施|种业振兴行动, 建立|首席数据官制度), which makes a
    programme head without a proper name in front specific enough."""
    if "body" in typed.rule:  # 市|人大常委会: a level word alone is enough before a body
        return name not in lexicon.generic_phrases() and is_body_name(name, typed, tokens)
    if counted_campaign(name, typed):
        return True
    if is_generic(name, typed.suffix) and not launched_with_generic_head(name, typed, introduced):
        return False
    if typed.type == "Policy" and DESCRIBED_PACKAGE.search(name):
        return False
    if typed.type == "AdministrativeArea":
        return admin_ok(name, typed, tokens)
    head_start = tokens[-1].start + len(tokens[-1].text) - len(typed.suffix)
    prefix_tokens = [t for t in tokens if t.start + len(t.text) <= head_start]
    if "weak" in typed.rule and typed.type == "Policy" and area_prefix_length(name[: -len(typed.suffix)]) == len(name) - len(typed.suffix):
        return False  # 是广东省规划的重点发展区域: an area and a plain document word name no document
    if "weak" in typed.rule:  # 区人民医院: an area's own institution is specific enough
        # 北京协和医院/nt: one word the tagger knows as a proper name, long enough to be one
        one_proper_word = (len(tokens) == 1 and tokens[0].pos in ("nt", "nz", "ns")
                           and len(name) - len(typed.suffix) >= MIN_QUALIFIER)
        return (is_specific(prefix_tokens) or one_proper_word
                or (typed.type == "Organization" and is_body_name(name, typed, tokens))
                or (introduced and typed.type == "Program" and len(name) - len(typed.suffix) >= MIN_QUALIFIER))
    if "qualified" in typed.rule and len(name) - len(typed.suffix) < MIN_QUALIFIER:
        return is_specific(prefix_tokens)  # 重大战略, 区域战略: a strategy's name says more than that
    return True


def stops_name(tokens: list[Token], i: int, right: Token) -> bool:
    """Does tokens[i] end the name on its left, given the name's next token `right`?"""
    tok = tokens[i]
    if tok.text in COORDINATORS and i > 0 and tokens[i - 1].pos.startswith("v") and right.pos.startswith("v"):
        return False  # 动态监测和帮扶机制: verbs joined inside a programme name
    alone = word_stops_name(tok.text, tok.pos)
    if alone is not None:
        return alone
    if tok.text == "能" and energy_morpheme(tokens, i, right):
        return False
    if tok.pos == "v" and len(tok.text) == 1 and split_trade_name(tokens, i):
        return False  # 杭/nr可/v|科技: the second character of a trade name the segmenter split
    if tok.pos == "v" and (len(tok.text) == 1 or is_proper(right)):
        return True  # 来|花溪区…, 促进|青岩古镇景区: a verb before a place name governs it
    return tok.text.endswith(COMPANY_HEADS)  # 贵州品品鲜生物科技有限公司|采收车间


@lru_cache(maxsize=1 << 16)  # (asked of every word left of a head; the tables are fixed)
def word_stops_name(word: str, pos: str) -> bool | None:
    """What the word and its tag alone say of `stops_name`: True or False, or None where
    the words around it decide."""
    if word in lexicon.boundary_words() or word in STOP_SINGLE or DATE.match(word):
        return True
    if pos == "t" and not NUMERALS.search(word) and len(word) >= 3:
        return True  # 三江新区|近年来|改革: a time word of a clause (近年来, 目前以来), not a name's
    if is_glued_boundary(word, pos):
        return True
    if pos == "zg" and word in lexicon.suffix_map():
        return False  # a one-character head the tagger calls a morpheme: 花溪区|委|组织部
    if (is_stop_pos(pos) and not LATIN_OR_DIGIT.search(word)) or not WORD_CHARS.fullmatch(word):
        return True
    return None


NAME_CHARACTER_POS = ("nr", "ns", "nz", "j", "zg", "ng")


def split_trade_name(tokens: list[Token], i: int) -> bool:
    """Is the one-character verb at `i` the second character of a two-character trade name
    (杭/nr|可/v科技, 中材渝/j|建/v…): right after a lone character read as a name part, a
    verb governs nothing."""
    before = tokens[i - 1] if i > 0 else None
    return before is not None and len(before.text) == 1 and before.pos in NAME_CHARACTER_POS \
        and ONE_HANZI.fullmatch(before.text) is not None and before.text not in STOP_SINGLE


def energy_morpheme(tokens: list[Token], i: int, right: Token) -> bool:
    """能 between a noun and a noun is energy (天合光|能, 亿纬锂|能, 裕|能), the end of a trade
    name the segmenter cut off; the modal verb 能 comes before a verb, never a noun."""
    tok = tokens[i]
    return tok.text == "能" and i > 0 and tokens[i - 1].pos.startswith(("n", "j", "g")) and right.pos.startswith(("n", "j")) \
        and not right.pos.startswith("nt")


def is_glued_boundary(word: str, pos: str = "") -> bool:
    """Two boundary words the tagger glued into one: 积极|争取, 认真|落实, 严格|执行; or
    a set phrase that ends in one: 紧紧|围绕/l."""
    boundary = lexicon.boundary_words()
    return len(word) >= 4 and word[2:] in boundary and (word[:2] in boundary or pos in ("l", "i"))


def glued_preposition(tok: Token) -> bool:
    """A preposition the tagger glued onto a proper name: 在浒关/ns, 由赫瑞特/nr."""
    return len(tok.text) >= 3 and tok.text[0] in LEADING_FUNCTION_CHARS and is_proper(tok)


def names_the_action(tokens: list[Token], i: int, head: int) -> bool:
    """A verb right before a programme head is part of the name: 基础设施建设|行动,
    创新主体培育|行动 (the boundary list holds it for 建设|某项目)."""
    typed = type_of_name(tokens[head].text)
    return (head - 2 <= i < head and typed is not None and typed.type == "Program"
            and all(t.pos.startswith("v") and len(t.text) == 2 for t in tokens[i:head]))  # 改造提升|行动


def states_the_purpose(tokens: list[Token], i: int, head_type: Typed | None) -> bool:
    """A verb right after an issuing verb (出台, 制定, 印发) opens the policy it issues:
    出台|支持滨州30条措施, 制定|促进民营经济发展若干措施 — the policy is named by its purpose."""
    return (head_type is not None and head_type.type == "Policy" and i > 0 and tokens[i].pos.startswith("v")
            and len(tokens[i].text) == 2 and tokens[i - 1].text in lexicon.relation_cues("issues"))


NOUN_COORDINATORS = ("及", "与")  # (和 joins clauses and verbs as often: 改革和发展)


def shares_the_head(tokens: list[Token], i: int, end: int) -> bool:
    """Is tokens[i] 及 or 与 between two noun phrases of one name, the first with no head
    of its own: 比亚迪新能源乘用车及|零部件产业园, 临沂临港高端不锈钢与|先进特钢产业基地? The
    words before it, back to a stop, must name something specific (a place, a firm, a
    number), hold no verb and end in no type suffix (A产业园及|B项目 are two names)."""
    if tokens[i].text not in NOUN_COORDINATORS or i == 0:
        return False
    j = i - 1
    while j >= 0 and end - tokens[j].start <= MAX_NAME and not stops_name(tokens, j, tokens[j + 1]):
        j -= 1
    conjunct = tokens[j + 1:i]
    if not conjunct or any(t.pos.startswith(("v", "d", "a", "m", "t")) and not t.pos == "vn" for t in conjunct):
        return False
    text = "".join(t.text for t in conjunct)
    if not is_specific(conjunct) or type_of_name(text) is not None or len(text) < 2:
        return False
    # the second phrase ends in the head and says more than a kind (楼宇及|产业园区: two kinds)
    second = [t for t in tokens[i + 1:] if t.start < end]
    rest = "".join(t.text for t in second)
    typed = type_of_name(rest)
    return typed is not None and not is_generic(rest, typed.suffix) and not any(t.pos == "v" for t in second)


def ends_a_name(word: str) -> bool:
    """Does the word end an organisation's name (市人民政府|和贵安新区管委会: two bodies)?"""
    typed = type_of_name(word)
    return typed is not None and typed.type == "Organization" and word.endswith(typed.suffix) and len(typed.suffix) >= 2


PROJECT_WORD = "项目"
WORKS_WORD = "工程"


def left_edge(tokens: list[Token], head: int) -> int:
    """Index of the first token of the name whose last token is `tokens[head]`."""
    first = head
    i = head - 1
    end = tokens[head].start + len(tokens[head].text)
    head_type = type_of_name(tokens[head].text)
    body = head_type is not None and "body" in head_type.rule
    branch = tokens[head].text.endswith(BRANCH_HEADS)
    # (each test below opens with what is cheapest to tell about the word: most words meet none)
    while i >= 0:
        tok = tokens[i]
        text = tok.text
        if body and text in COORDINATORS and i > 0 and end - tokens[i - 1].start <= MAX_NAME \
                and not ends_a_name(tokens[i - 1].text) and tokens[i - 1].text not in LEVEL_WORD_CHARS:  # (省和|市委: two bodies)
            first = i  # 成都市规划和自然资源局, 发展和改革委员会: departments are named with 和
            i -= 1
            continue
        if body and ends_a_name(text) and first == i + 1 and division_level(tokens[first].text):
            break  # 中共石嘴山市委员会|石嘴山市人民政府: two bodies, the second named from its area
        if text in OPEN_BRACKETS:  # a bracketed part: 张江(贵安)高科技产业园
            j = i - 1
            while j >= 0 and tokens[j].text != OPEN_BRACKETS[text] and i - j <= 6:
                j -= 1
            if j < 1 or tokens[j].text != OPEN_BRACKETS[text]:
                break
            first = i = j
            i -= 1
            continue
        if (text in NAME_PUNCT or (text in ROUTE_MARKS and joins_places(tokens, i))) and i > 0 and first == i + 1:
            first = i
            i -= 1
            continue
        if not body and text in NOUN_COORDINATORS and shares_the_head(tokens, i, end):
            first = i  # 三亚数学与|物理国际研究中心: two fields of one centre
            i -= 1
            continue
        if branch and text.endswith(COMPANY_HEADS) and end - tok.start <= MAX_NAME:
            first = i  # …投资(深圳)有限公司|上海分公司: a branch is named after its company
            i -= 1
            continue
        if end - tok.start > MAX_NAME or (stops_name(tokens, i, tokens[first]) and not (i >= head - 2 and names_the_action(tokens, i, head))):
            if end - tok.start <= MAX_NAME and states_the_purpose(tokens, i, head_type):
                first = i  # 出台|扶持制造业30强发展实施意见: the policy's verb after the issuing one
            break
        if text.endswith(PROJECT_WORD) and head_type is not None and head_type.type in ("Project", "Organization", "Park"):
            break  # 聚乳酸原料项目|生产车间, …项目|公司: a project's name ends at 项目; what follows is a part of it
        if text == WORKS_WORD and head_type is not None and head_type.type == "Project" \
                and not tokens[head].text.endswith((WORKS_WORD, PROJECT_WORD)):
            break  # 主干道一期工程|永定河大桥: the works end there; the bridge is one of them
        first = i
        if len(text) >= 3 and glued_preposition(tok):
            break  # 奠基仪式|在浒关/ns…: the name opens inside the word (shrink_to_name drops 在)
        i -= 1
    while first < head and (tokens[first].text in NAME_PUNCT or tokens[first].text in OPEN_BRACKETS.values()):
        first += 1
    if first < head - 1 and tokens[first].text in LEVEL_WORD_CHARS and tokens[first + 1].pos.startswith("ns") \
            and head_type is not None and head_type.type in ("Park", "Project"):
        first += 1  # 合作|区|郴州产业园: a lone level word before a place ends the word before it (合作区)
    if head_type is not None and head_type.type == "Program":
        first = counted_campaign_start(tokens, first, head)  # (a count opens only a programme's name)
    return glued_first_character(tokens, first)


ROUTE_MARKS = ("—", "至")


def joins_places(tokens: list[Token], i: int) -> bool:
    """贵阳—胡志明跨境卡班, 西宁至成都铁路: a route joins the places at its ends."""
    tok = tokens[i]
    return i > 0 and tokens[i - 1].pos.startswith("ns") and (
        tok.text == "—" or (tok.text == "至" and tokens[i + 1].pos.startswith("ns")))


GLUED_POS = ("zg", "ng", "nr", "ns")  # a lone character of a name the segmenter cut off: 崧/zg|泽高架
COPULAS = frozenset("是为有")  # verbs that open a clause's predicate: ，是|衢州智造新城


def glued_first_character(tokens: list[Token], first: int) -> int:
    """A name's first character that the segmenter left alone before the rest (，|崧|泽高架,
    的|杭|可科技…): a lone character tagged as a name part or morpheme, right after a
    punctuation mark, 的 or a preposition, belongs to the name."""
    return first - 1 if first >= 1 and is_glued_character(tokens, first - 1) else first


def is_glued_character(tokens: list[Token], k: int) -> bool:
    """Is tokens[k] a lone first character of the name that goes on at tokens[k + 1] (see
    `glued_first_character`)? A one-character adjective or verb before a person's or
    place's name is one too (。大/a|柴旦/nr工业园, 的润/v|田智造/nr, 、广/a|佛冈/ns产业园):
    after a stop, such a character modifies nothing."""
    if k + 1 >= len(tokens) or len(tokens[k].text) != 1:
        return False  # (most words are longer: the tests below need not run)
    lone, before = tokens[k], tokens[k - 1] if k >= 1 else None
    read_as_word = lone.pos in ("a", "v") and tokens[k + 1].pos in ("nr", "ns") and k + 2 < len(tokens) \
        and lone.text not in COPULAS and lone.text not in RELATING_VERBS  # (，辖|嵩山路、…: governs)
    # a classifier counts nothing after a stop: 。壶/q|梯山爱国主义教育基地
    lone_classifier = lone.pos == "q" and (before is None or before.pos in ("x", "w"))
    if len(lone.text) != 1 or (lone.pos not in GLUED_POS and not read_as_word and not lone_classifier) or lone.text in STOP_SINGLE \
            or lone.text in LEADING_FUNCTION_CHARS or not ONE_HANZI.fullmatch(lone.text):
        return False
    if lone.pos not in GLUED_POS:  # (用/p好/a|城市: a verb's complement after a preposition-like verb)
        return before is None or before.pos in ("x", "w") or before.text in ("、", "的")
    return before is None or before.pos in ("x", "uj", "p", "w") or before.text in ("、", "的")


CAMPAIGN_COUNT = re.compile(r"^[一二三四五六七八九十百千万亿两]+[个亩级项条]*")
CAMPAIGN_CONTENT_MIN = 4  # characters between a campaign's count and its head: 千万亩|高标准农田改造提升|行动


def counted_campaign_start(tokens: list[Token], first: int, head: int) -> int:
    """A named campaign may open with a count (千万亩高标准农田改造提升行动, 千个巴渝和美乡村
    建设行动): the count words right before a programme's name belong to it."""
    typed = type_of_name(tokens[head].text)
    if typed is None or typed.type != "Program" or first == 0:
        return first
    start = first
    while start > 0 and tokens[start - 1].pos in ("m", "q", "mq") and re.fullmatch(r"[一二三四五六七八九十百千万亿两]*[个亩级项条]*", tokens[start - 1].text):
        start -= 1
    return start if counted_campaign("".join(t.text for t in tokens[start:head + 1]), typed) else first


def counted_campaign(name: str, typed: Typed) -> bool:
    """A campaign named with a count and at least a few words of its own before its head."""
    if typed.type != "Program" or not typed.suffix.endswith(("行动", "工程", "计划")):
        return False
    count = CAMPAIGN_COUNT.match(name)
    return count is not None and len(name) - count.end() - len(typed.suffix) >= CAMPAIGN_CONTENT_MIN


def make_mention(doc: Doc, sentence: Sentence, start: int, end: int, typed: Typed, rule: str, label: str = "") -> Mention:
    text = doc.text[start:end]
    return Mention(text=text, label=label or text, type=typed.type, sub=typed.sub, start=start, end=end,
                   sentence=sentence.index, rule=rule)



BRAND_HEADS = ("集团", "公司")


def brand_before_company(tokens: list[Token], left: int, head: int) -> bool:
    """A two-character brand the tagger reads as a verb, alone before 集团 or 公司 at the start
    of a clause: ，浙能/v集团与…签约 (a verb there would govern nothing)."""
    before = tokens[left - 1] if left > 0 else None
    return (left == head - 1 and tokens[head].text in BRAND_HEADS and len(tokens[left].text) == 2
            and tokens[left].pos == "v" and tokens[left].text not in lexicon.boundary_words()
            and (before is None or before.pos in ("x", "w", "p", "c") or before.text in ("、", "，")))


def shrink_to_name(doc: Doc, sentence: Sentence, tokens: list[Token], first: int, head: int) -> Mention | None:
    """Drop words from the left of tokens[first..head] until the span is an acceptable
    name; a name does not start with a verb (推行|市县领导包保联系重点企业制度) unless no
    name is left without it (创新区战略)."""
    end = tokens[head].start + len(tokens[head].text)
    # A name opens with a verb only when nothing else is left of it (创新区战略, 环绕露营地);
    # an organisation's or a project's never does (改善|中小学, 发展|田园休闲一体化基地).
    head_type = type_of_name(tokens[head].text)
    passes = (True,) if head_type is not None and head_type.type in ("Organization", "Project") else (True, False)
    # The second pass need only try the openings the first skipped for their verb: it
    # decided every other one already, the same way (most heads name nothing: both passes
    # ran through every opening).
    skipped: list[int] = []
    # The head word alone that is nothing but its suffix (项目, 平台, 政府) is no name (see
    # `is_generic`): no opening at the head need be tried (most such heads stand alone).
    last = head if head_type is not None and head_type.suffix == tokens[head].text else head + 1
    for skip_verbs in passes:
        for left in (range(first, last) if skip_verbs else skipped):
            if skip_verbs and left < head and starts_badly(tokens, left) and not brand_before_company(tokens, left, head) \
                    and not states_the_purpose(tokens, left, head_type):
                skipped.append(left)
                continue
            if left < head and (tokens[left].text in RELATING_VERBS or (tokens[left].text.endswith("是") or tokens[left].text.startswith("其"))
                                and ENUMERATOR.fullmatch(tokens[left].text)):  # (what ENUMERATOR needs first)
                continue  # 作为|产业园, 一是|聚焦战略: a relating verb or an enumerator is never a name's first word
            start = tokens[left].start
            name = doc.text[start:end]
            if ")" in name and name.count(")") > name.count("("):
                continue  # 区(市)|县投促局: a name does not start inside brackets
            typed = type_of_name(name)
            introduced = left > 0 and (tokens[left - 1].text.endswith(_programme_verbs())  # 认真落实/z
                                       or follows_programme(tokens, left))
            if introduced and typed is not None and typed.suffix in CAMPAIGN_HEADS and not is_specific(tokens[left:head + 1]):
                typed = as_campaign(typed)  # 实施|农村公路安全生命防护工程
            if typed and (accept_name(name, typed, tokens[left:head + 1], introduced) or phased(doc, end, name, typed)):
                if name[0] in LEADING_FUNCTION_CHARS and len(name) - 1 > len(typed.suffix) \
                        and tokens[left].text not in lexicon.division_by_name():  # (和林格尔|数据中心集群: a county's name)
                    start += 1  # 以|云谷商圈, 对|麦坪…小学: a preposition the tagger glued on
                return make_mention(doc, sentence, start, end, typed, "suffix")
            if left < head and (is_kind(name) or (left + 1 < head and is_kind(doc.text[tokens[left + 1].start:end]))):
                return None  # (促进)国家高新技术产业开发区 is a kind; no part of it (产业开发区) is a name
    return None



PHASE = re.compile(r"\((?:[一二三四五六七八九十]|[0-9])期\)")


def phased(doc: Doc, end: int, name: str, typed: Typed) -> bool:
    """A project with a phase in brackets after it is one concrete undertaking, however
    plain its words: 航天智能制造基础件产业集群(一期)."""
    return typed.type == "Project" and bool(PHASE.match(doc.text, end)) and not is_generic(name, typed.suffix)


TRAILING_BRACKET = re.compile(r"\((?:[一二三四五六七八九十]期|[\u4e00-\u9fff]{1,5}段|[0-9]{4}[—\-~至][0-9]{4}年?|[0-9]{4}年(?:版|修订版?|本)|草案|试行|修订|(?:公开)?征求意见稿|[A-Z]{2,8})\)")  # (…若干政策(2025年版))

