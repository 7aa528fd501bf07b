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
STOP_TAGS = frozenset({"e", "o", "y", "w", "x", "zg"})
STOP_TAG_GROUPS = tuple("pcurdq")  # prepositions, conjunctions, particles, pronouns, adverbs, classifiers


def is_stop_pos(pos: str) -> bool:
    return pos in STOP_TAGS or pos.startswith(STOP_TAG_GROUPS) and pos not in ("rz",)
# Tags of proper names: a token with one of these makes a name specific.
PROPER_POS = ("ns", "nr", "nz", "nt", "j", "eng")
# Single-character location words that end a name on the left (在园区内 …).
STOP_SINGLE = set("内上下里外间后前等及和与或并的地得之其各每该本此")
OPEN_BRACKETS = {")": "(", "〕": "〔", "】": "【"}
NUMERAL = re.compile(r"[0-9一二三四五六七八九十百千万两双几]")
# A count is not a name: 6个项目, 17项改革, 10余项制度, 99个行政村…
COUNTED = re.compile(r"^(第?[0-9一二三四五六七八九十百千万两几多余]+[余多]?[个项家座条所批名户栋件次场篇类级])")
DATE = re.compile(r"^([0-9]+|[一二三四五六七八九十]+)(年|月|日|号)$")
NAME_PUNCT = set("·+")  # punctuation that may stand inside a name (溪畔·乡贤里, 1+1+3)
COORDINATORS = ("和", "与")
MIN_QUALIFIER = 3  # characters before a `qualified` head (战略) unless a proper name
LEADING_FUNCTION_CHARS = frozenset("以即对在向从将把为与和及")
LEVEL_CHARS = ("省", "市", "区", "县", "镇", "乡", "村", "街道", "社区")
VERBAL_AFTER_POLICY = frozenset({"建设", "布局", "引领", "先行", "设计"})
COMPANY_HEADS = ("有限公司", "有限责任公司", "股份有限公司")
AREA_WORDS = ("中共", "省", "市", "区", "县", "州", "乡", "镇", "街道")
NEW_AREA = re.compile(r"[\u4e00-\u9fff]{2,4}新区")  # 贵安新区: state-level new areas, not in the county table
BODY_MIDDLE_MAX = 8  # department words between the area and the head: 大数据发展(局)

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
    rule: str = ""


def type_of_name(name: str) -> Typed | None:
    """The type a name's ending gives it (longest suffix), or None."""
    table = lexicon.suffix_map()
    for size in range(min(len(name), lexicon.longest_suffix()), 0, -1):
        suffix = table.get(name[-size:])
        if suffix is not None:
            return Typed(suffix.type, suffix.sub, suffix.text, suffix.rule)
    return None


def is_generic(name: str, suffix: str) -> bool:
    """A phrase that ends in a suffix but picks out no one thing (产业园区, 老旧小区, 6个项目)."""
    generic = lexicon.generic_phrases()
    if name in generic or len(name) <= len(suffix) or COUNTED.match(name):
        return True
    head = name[: -len(suffix)]
    return head in generic or head in lexicon.boundary_words() or bool(re.fullmatch(NUMERAL.pattern + "+", head))


def _division_level(name: str) -> str | None:
    division = lexicon.division_by_name().get(name)
    return division.level if division and division.name == name else None


COMMON_POS = ("v", "a", "b", "d", "m", "q", "r", "t")


def admin_ok(name: str, typed: Typed, tokens: list[Token]) -> bool:
    """Administrative names must be plausible: table names, or short proper heads for
    towns and villages (燕楼镇, 麦翁村; not 美丽乡村, 大型社区, 示范村)."""
    if _division_level(name):
        return True
    head = name[: -len(typed.suffix)]
    if typed.sub in ("Township", "Village"):
        head_tokens = [t for t in tokens if t.start < tokens[0].start + len(head)]
        common = any(t.pos.startswith(COMMON_POS) and not t.pos.startswith(PROPER_POS) for t in head_tokens)
        generic_start = any(head.startswith(g) for g in lexicon.generic_phrases() if len(g) >= 2)
        return 2 <= len(head) <= 4 and not NUMERAL.search(head) and not common and not generic_start
    if typed.suffix in ("新区", "新区直管区"):
        return 2 <= len(head) <= 4
    return False  # 区/县/市/省 names come from the national table only


def area_prefix_length(name: str) -> int:
    """Length of the area words a name starts with (花溪区, 中共花溪区, 区, 市), 0 if none."""
    names = lexicon.division_by_name()
    position = 0
    while position < len(name):
        rest = name[position:]
        word = next((rest[:n] for n in range(min(len(rest), 12), 1, -1) if rest[:n] in names), None)
        word = word or next((w for w in AREA_WORDS if rest.startswith(w)), None)
        word = word or (m.group() if (m := NEW_AREA.match(rest)) else None)
        if word is None:
            break
        position += len(word)
    return position


def is_body_name(name: str, typed: Typed, tokens: list[Token]) -> bool:
    """A government body: area words, then at most a few department words, then the head
    (花溪区政协, 区人大常委会, 花溪区大数据发展局, 区委组织部); never a phrase with a verb
    (充分发挥政协)."""
    start = area_prefix_length(name)
    if start == 0 or start >= len(name):
        return False
    middle_start = tokens[0].start + start
    middle = [t for t in tokens if t.start >= middle_start and t.start < tokens[-1].start + len(tokens[-1].text) - len(typed.suffix)]
    return len(name) - start - len(typed.suffix) <= BODY_MIDDLE_MAX and not any(t.pos.startswith(("v", "d")) for t in middle)


def is_specific(tokens: list[Token]) -> bool:
    """Does a run of words pick out one thing: a proper name, a number or Latin letters in it."""
    return any(t.pos.startswith(PROPER_POS) or re.search(r"[0-9A-Za-z]", t.text) for t in tokens)


def _head_ok(tokens: list[Token], head: int, typed: Typed) -> bool:
    """One-character heads count only as their own word or inside a proper name
    (燕楼镇, 山王|庙村), never inside a common word (大局, 乡村, 一线)."""
    tok = tokens[head]
    if "exact" not in typed.rule or tok.text == typed.suffix:
        return True
    if tok.pos.startswith(PROPER_POS) or _division_level(tok.text) is not None:
        return True
    before = tokens[head - 1] if head > 0 else None
    # jieba glues the last character of a village or town name to its level: 山王|庙村.
    return (typed.sub in ("Township", "Village") and len(tok.text) == len(typed.suffix) + 1 and before is not None
            and before.pos.startswith(PROPER_POS) and not before.text.endswith(LEVEL_CHARS))


def _starts_badly(tok: Token) -> bool:
    """Names do not begin with a verb (推行|…制度) or a one-character modifier (好|…)."""
    return tok.pos in ("v", "vd") or (len(tok.text) == 1 and tok.pos in ("a", "ad", "d", "v"))


def _accept(name: str, typed: Typed, tokens: list[Token]) -> bool:
    if "body" in typed.rule:  # 市|人大常委会: a level word alone is enough before a body
        return name not in lexicon.generic_phrases() and is_body_name(name, typed, tokens)
    if is_generic(name, typed.suffix):
        return False
    if typed.type == "AdministrativeArea":
        return admin_ok(name, typed, tokens)
    prefix_tokens = [t for t in tokens if t.start + len(t.text) <= tokens[-1].start + len(tokens[-1].text) - len(typed.suffix)]
    if "weak" in typed.rule:  # 区人民医院: an area's own institution is specific enough
        return is_specific(prefix_tokens) or (typed.type == "Organization" and is_body_name(name, typed, tokens))
    if "qualified" in typed.rule and len(name) - len(typed.suffix) < MIN_QUALIFIER:
        return is_specific(prefix_tokens)  # 重大战略, 区域战略: a strategy's name says more than that
    return True


def _stops_name(tokens: list[Token], i: int, right: Token) -> bool:
    """Does tokens[i] end the name on its left, given the name's next token `right`?"""
    tok = tokens[i]
    if tok.text in COORDINATORS and i > 0 and tokens[i - 1].pos.startswith("v") and right.pos.startswith("v"):
        return False  # 动态监测和帮扶机制: verbs joined inside a programme name
    if tok.text in lexicon.boundary_words() or tok.text in STOP_SINGLE or DATE.match(tok.text):
        return True
    if tok.pos == "zg" and tok.text in lexicon.suffix_map():
        return False  # a one-character head the tagger calls a morpheme: 花溪区|委|组织部
    if (is_stop_pos(tok.pos) and not re.search(r"[0-9A-Za-z]", tok.text)) or not re.fullmatch(r"[\u4e00-\u9fff0-9A-Za-z]+", tok.text):
        return True
    if tok.pos == "v" and (len(tok.text) == 1 or right.pos.startswith(PROPER_POS)):
        return True  # 来|花溪区…, 促进|青岩古镇景区: a verb before a place name governs it
    return tok.text.endswith(COMPANY_HEADS)  # 贵州品品鲜生物科技有限公司|采收车间


def _left_edge(tokens: list[Token], head: int) -> int:
    """Index of the first token of the name whose last token is `tokens[head]`."""
    first = head
    i = head - 1
    end = tokens[head].start + len(tokens[head].text)
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
        joins_places = tok.text == "—" and i > 0 and tokens[i - 1].pos.startswith("ns")  # 贵阳—胡志明跨境卡班
        if (tok.text in NAME_PUNCT or joins_places) and i > 0 and first == i + 1:
            first = i
            i -= 1
            continue
        if _stops_name(tokens, i, tokens[first]) or end - tok.start > MAX_NAME:
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


@recognizer("suffix")
def suffix_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    found: list[Mention] = []
    boundary = lexicon.boundary_words()
    for head, tok in enumerate(tokens):
        head_type = type_of_name(tok.text)
        if head_type is None or not _head_ok(tokens, head, head_type):
            continue
        nxt = tokens[head + 1].text if head + 1 < len(tokens) else ""
        if nxt and nxt not in boundary and type_of_name(tok.text + nxt) is not None:
            continue  # the name goes on (花溪区|人民法院): the later head is the real one
        if head_type.type == "Policy" and nxt in VERBAL_AFTER_POLICY:
            continue  # 推进X规划建设: 规划 is the act of planning here, not a plan
        first = _left_edge(tokens, head)
        if head_type.type == "AdministrativeArea":
            # A town or village name holds no level word: 青岩镇|西街村 are two names.
            while first < head and any(t.text.endswith(LEVEL_CHARS) for t in tokens[first:head]):
                first += 1
        mention = _shrink_to_name(doc, sentence, tokens, first, head)
        if mention is not None:
            found.append(mention)
    return found


def _shrink_to_name(doc: Doc, sentence: Sentence, tokens: list[Token], first: int, head: int) -> Mention | None:
    """Drop words from the left of tokens[first..head] until the span is an acceptable
    name; a name does not start with a verb (推行|市县领导包保联系重点企业制度) unless no
    name is left without it (创新区战略)."""
    end = tokens[head].start + len(tokens[head].text)
    for skip_verbs in (True, False):
        for left in range(first, head + 1):
            if skip_verbs and left < head and _starts_badly(tokens[left]):
                continue
            start = tokens[left].start
            name = doc.text[start:end]
            typed = type_of_name(name)
            if typed and _accept(name, typed, tokens[left:head + 1]):
                if name[0] in LEADING_FUNCTION_CHARS and len(name) - 1 > len(typed.suffix):
                    start += 1  # 以|云谷商圈, 对|麦坪…小学: a preposition the tagger glued on
                return _mention(doc, sentence, start, end, typed, "suffix")
    return None


def is_slogan(text: str) -> bool:
    """A quoted phrase that can name a programme: one with a count in it (四新, 一圈两场三改,
    1+1+3) or a coined phrase of four characters or more (富矿精开, 东数西算). Two- or
    three-character quoted words are emphasis (“颜值”, “加码”), not names."""
    if text.endswith(("的", "了", "地", "得")) or not re.search(r"[\u4e00-\u9fff0-9]", text):
        return False
    return bool(NUMERAL.search(text)) or len(text) >= 4


FORMULA = re.compile(r"[0-9一二三四五六七八九十个万N]+(?:\+[0-9一二三四五六七八九十个万N]+)+")
NOUN_TAIL_MAX = 10


def _noun_tail(tokens: list[Token], start: int) -> str:
    """The nouns right after position `start`, up to a verb, particle or punctuation."""
    tail = ""
    for tok in tokens:
        if tok.start < start + len(tail):
            continue
        if tok.start != start + len(tail) or tok.pos.startswith(("v", "u", "p", "c", "d", "x", "w")) or tok.pos == "v":
            break
        if tok.text in lexicon.boundary_words() or len(tail) + len(tok.text) > NOUN_TAIL_MAX:
            break
        tail += tok.text
    return tail


def type_by_pattern(text: str) -> Typed | None:
    """Names whose form, not suffix, gives their type (`name_patterns.tsv`)."""
    for pattern, type_ in lexicon.name_patterns():
        if pattern.fullmatch(text):
            return Typed(type_, "", "")
    return None


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
        if FORMULA.fullmatch(inner):  # “1+6+1”重点工作: a numeric formula names what follows it
            tail = _noun_tail(tokens, end)
            if tail:
                found.append(_mention(doc, sentence, start, end + len(tail), PROGRAM, "quoted+head", inner + tail))
                continue
        head = next((s for s in lexicon.suffixes() if after.startswith(s.text) and s.text in lexicon.quote_heads()), None)
        if head is not None:  # “强省会”行动, “五帮”专项行动
            label = inner + head.text
            found.append(_mention(doc, sentence, start, end + len(head.text), Typed(head.type, head.sub, head.text), "quoted+head", label))
            continue
        typed = type_of_name(inner)
        inner_tokens = [t for t in tokens if start < t.start < end - 1]
        if typed is not None and inner_tokens and _accept(inner, typed, inner_tokens):
            found.append(_mention(doc, sentence, start, end, typed, "quoted", inner))
        elif typed is None or typed.type == "Organization":
            pattern_type = type_by_pattern(inner)
            if pattern_type is not None:
                found.append(_mention(doc, sentence, start, end, pattern_type, "quoted", inner))
            elif is_slogan(inner):
                found.append(_mention(doc, sentence, start, end, PROGRAM, "quoted", inner))
    for match in _BOOK.finditer(text):
        inner = match.group(1).strip()
        typed = type_of_name(TRAILING_BRACKET.sub("", inner))
        if typed is not None and typed.type == "Policy":
            start, end = sentence.start + match.start(), sentence.start + match.end()
            found.append(_mention(doc, sentence, start, end, typed, "book", inner))
    return found


def area_context(doc: Doc) -> frozenset[str]:
    """Codes of the divisions a document names by an unambiguous full name, of the
    provinces it names by short name (贵州), and of all their ancestors."""
    full = lexicon.divisions_by_full_name()
    shorts = lexicon.divisions_by_short_name()
    codes: set[str] = set()
    for tok in doc.tokens:
        divs = full.get(tok.text, ())
        if len(divs) == 1:
            codes.add(divs[0].code)
        codes.update(d.code for d in shorts.get(tok.text, ()) if d.level == "Province")
    by_code = lexicon.division_by_code()
    for code in list(codes):
        while code in by_code and by_code[code].parent:
            code = by_code[code].parent
            codes.add(code)
    return frozenset(codes)


def pick_division(text: str, context: frozenset[str]) -> lexicon.Division | None:
    """The division a word names in this document, or None when it names none we can tell.

    A full name that is unique in the table always counts; an ambiguous one (白云区) or a
    short name (花溪, 贵阳) counts only when its parent is among the areas the document
    names, so 吉利 in 吉利汽车 never becomes 洛阳's 吉利区."""
    full = lexicon.divisions_by_full_name().get(text, ())
    if len(full) == 1:
        return full[0]
    candidates = full or lexicon.divisions_by_short_name().get(text, ())
    if not full and len(candidates) == 1 and candidates[0].level == "Province":
        return candidates[0]
    matching = [d for d in candidates if d.parent in context]
    return matching[0] if len(matching) == 1 else None


@recognizer("gazetteer")
def gazetteer_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    found: list[Mention] = []
    for i, tok in enumerate(tokens):
        division = pick_division(tok.text, doc.areas)
        if division is None:
            continue
        short = division.name != tok.text
        nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if short and nxt and (nxt[0] in "区县市镇乡村省州" or tokens[i + 1].pos == "ns"):
            continue  # 花溪|区…, or a compound of places (贵阳贵安) that names neither alone
        typed = Typed("AdministrativeArea", division.level, "")
        mention = _mention(doc, sentence, tok.start, tok.start + len(tok.text), typed, "gazetteer")
        mention.ref = division.code
        found.append(mention)
    return found


ORGANIZATION = Typed("Organization", "", "")


@recognizer("body")
def body_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    """Government bodies named bare: 国务院, 区政协, 联合国."""
    bodies = lexicon.gov_bodies()
    return [_mention(doc, sentence, tok.start, tok.start + len(tok.text), ORGANIZATION, "body")
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
        found.append(_mention(doc, sentence, start, end, ORGANIZATION, "enterprise"))
    return found


# People's titles: 西部建材城董事长李建东 names a person, not a park.
TITLE_WORDS = re.compile(r"董事长|董事|总经理|经理|书记|主任|局长|区长|市长|县长|代表|委员")
CATEGORY_WORDS = re.compile(r"领域|行业|产业链|类|方面|环节|业态|品类")
LIST_MODIFIER_MAX = 6  # characters between 等 and a list's head: 等一批国内知名|企业
_LIST_ITEM = r"[\u4e00-\u9fff0-9A-Za-z·()+]{2,14}"


@recognizer("list")
def list_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    """`A、B(和C)等(N个)HEAD`: each item is a HEAD-typed name."""
    heads = lexicon.list_heads()
    if not heads:
        return []
    head_alt = "|".join(sorted((re.escape(h) for h in heads), key=len, reverse=True))
    # 等, a count (65个), up to a few modifiers (在建, 国内知名, 重点产业), then the head.
    pattern = re.compile(rf"((?:{_LIST_ITEM}[、和]){{1,12}}{_LIST_ITEM})等(?:[0-9一二三四五六七八九十]+[个家座条项所户批])?"
                         rf"[\u4e00-\u9fff]{{0,{LIST_MODIFIER_MAX}}}?(?:{head_alt})(?![\u4e00-\u9fff])")
    found: list[Mention] = []
    for match in pattern.finditer(sentence.text):
        head = next(h for h in sorted(heads, key=len, reverse=True) if match.group().endswith(h))
        if CATEGORY_WORDS.search(match.group()[len(match.group(1)):]):
            continue  # 研发设计、节能环保等领域企业: the items are fields, not firms
        typed = Typed(heads[head].type, heads[head].sub, "", heads[head].rule)
        offset = sentence.start + match.start(1)
        items = re.split(r"([、和])", match.group(1))
        position = offset
        for piece in items:
            if piece in "、和":
                position += len(piece)
                continue
            item = piece
            start = position
            position += len(piece)
            # The first item may carry the verb before it: trim with the token boundary rule.
            if start == offset and "(" not in piece:
                item, start = _trim_left(doc, tokens, start, start + len(piece))
            item_tokens = [t for t in tokens if start <= t.start < start + len(item)]
            specific_enough = "weak" not in typed.rule or is_specific(item_tokens)
            if len(item) >= 2 and item not in lexicon.generic_phrases() and specific_enough \
                    and not TITLE_WORDS.search(item):
                found.append(_mention(doc, sentence, start, start + len(item), typed, "list"))
    return found


# 工业强区、创新兴区、生态立区、文旅活区“四大战略”: the parts a counted programme lists.
_ENUMERATED = re.compile(r"((?:[\u4e00-\u9fff]{2,6}、){1,9}[\u4e00-\u9fff]{2,6})(?:等)?“([^“”]{0,8}[一二三四五六七八九十两0-9][^“”]{0,8})”")


def parse_count(text: str) -> int | None:
    from .figures import parse_number

    value = parse_number(text)
    return int(value) if value is not None else None


@recognizer("enumerated")
def enumerated_programs(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    """Items listed right before a quoted, counted programme are its parts, programmes too."""
    found: list[Mention] = []
    for match in _ENUMERATED.finditer(sentence.text):
        head = type_by_pattern(match.group(2)) or PROGRAM
        if head.type != "Program":
            continue
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
                item, start = _trim_left(doc, tokens, start, start + len(item))
            if len(item) >= 2 and item not in lexicon.generic_phrases():
                found.append(_mention(doc, sentence, start, start + len(item), PROGRAM, "enumerated"))
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
    order = {"quoted+head": 0, "quoted": 0, "book": 0, "enterprise": 1, "gazetteer": 2, "suffix": 3, "list": 4, "enumerated": 4, "body": 5}
    return (-(mention.end - mention.start), order.get(mention.rule, 9), mention.start)


NESTED_TYPES = ("Park", "Organization")
# Organisations whose name another organisation's name builds on (北京协和医院贵州医院).
PARENT_ORG_SUFFIXES = ("大学", "医院", "集团", "公司", "研究院", "实验室")


def select(mentions: list[Mention]) -> list[Mention]:
    """Keep the best non-overlapping mentions, in text order, plus parks and organisations
    named inside a longer name (贵阳综保区 in 贵阳综保区综合物流基地), as the guidelines
    count both."""
    taken: list[Mention] = []
    for mention in sorted(mentions, key=_priority):
        overlapping = [t for t in taken if mention.start < t.end and t.start < mention.end]
        nested = bool(overlapping) and mention.type in NESTED_TYPES and mention.rule in ("suffix", "enterprise") and all(
            t.start <= mention.start and mention.end < t.end and t.rule != "nested"
            and (t.type != mention.type or mention.label.endswith(PARENT_ORG_SUFFIXES) or mention.rule == "enterprise")
            for t in overlapping)
        if overlapping and not nested:
            continue
        if nested:
            mention.rule = "nested"
        taken.append(mention)
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


# A bracket right after a name that belongs to it: a phase (二期), a plan period
# (2021—2035年), a draft or trial mark (草案, 试行) or a Latin abbreviation (QFLP).
TRAILING_BRACKET = re.compile(r"\((?:[一二三四五六七八九十]期|[0-9]{4}[—\-~至][0-9]{4}年?|草案|试行|修订|征求意见稿|[A-Z]{2,8})\)")


def extend_trailing_bracket(doc: Doc, mention: Mention) -> Mention:
    match = TRAILING_BRACKET.match(doc.text, mention.end)
    if match and mention.type in ("Park", "Project", "Policy", "Program", "Organization"):
        mention.end = match.end()
        mention.text = doc.text[mention.start:mention.end]
        mention.label += match.group()
    return mention


def has_address_prefix(mention: Mention) -> bool:
    """Parks and projects may be written after their address (花溪区燕楼镇数字农业产业园);
    organisations carry their area as part of their name (花溪区政协, 花溪区人民医院)."""
    return mention.rule in ("suffix", "list", "nested") and mention.type in ("Park", "Project")


def split_area_prefix(doc: Doc, mention: Mention) -> list[Mention]:
    """花溪区燕楼镇数字农业产业园 -> 花溪区, 燕楼镇 as mentions of their own, inside the park's
    span; the relation stage reads the containment from them."""
    if not has_address_prefix(mention):
        return []
    context = doc.areas
    parts: list[Mention] = []
    position = mention.start
    rest = doc.text[mention.start:mention.end]
    while True:
        found = None
        for size in range(min(len(rest) - 4, 8), 1, -1):
            piece = rest[:size]
            division = pick_division(piece, context)
            if division is not None and division.name == piece:
                found = Mention(piece, piece, "AdministrativeArea", division.level, position, position + size,
                                mention.sentence, "prefix", ref=division.code)
                break
            typed = type_of_name(piece)
            if typed and typed.sub in ("Township", "Village") and typed.suffix == piece[-len(typed.suffix):] \
                    and 2 <= size - len(typed.suffix) <= 3 and not NUMERAL.search(piece):
                found = Mention(piece, piece, "AdministrativeArea", typed.sub, position, position + size,
                                mention.sentence, "prefix")
                break
        if found is None:
            return parts
        parts.append(found)
        position += len(found.text)
        rest = rest[len(found.text):]


def inner_areas(doc: Doc, mention: Mention, tokens: list[Token]) -> list[Mention]:
    """Cities and districts named inside a park's or project's name (清镇 in 清镇职教城,
    南明 in 南明智能制造产业园): mentions of their own, that the name is in."""
    if not has_address_prefix(mention):
        return []
    inside = [t for t in tokens if mention.start <= t.start and t.start + len(t.text) < mention.end]
    found = []
    for i, tok in enumerate(inside):
        division = pick_division(tok.text, doc.areas)
        if division is None or division.level == "Province" or doc.text[mention.start:tok.start].count("(") > doc.text[mention.start:tok.start].count(")"):
            continue
        neighbours = inside[i - 1:i] + inside[i + 1:i + 2]
        if any(pick_division(n.text, doc.areas) or n.pos == "ns" for n in neighbours):
            continue  # 贵阳贵安…: a compound of places names neither alone
        found.append(Mention(tok.text, tok.text, "AdministrativeArea", division.level, tok.start, tok.start + len(tok.text),
                             mention.sentence, "inner-area", ref=division.code))
    return found


def inside_title(mention: Mention, titles: list[tuple[int, int]]) -> bool:
    """A place inside 《…》 names the work (《贵阳日报》), not the place; the bodies that
    issue a policy (《中共花溪区委 花溪区人民政府关于…》) are still bodies."""
    return mention.type == "AdministrativeArea" and any(start < mention.start and mention.end < end for start, end in titles)


def recognize(doc: Doc) -> Doc:
    doc.areas = area_context(doc)
    candidates: list[Mention] = []
    for sentence, tokens in zip(doc.sentences, sentence_tokens(doc)):
        for func in RECOGNIZERS.values():
            candidates.extend(func(doc, sentence, tokens))
    titles = [(m.start(), m.end()) for m in _BOOK.finditer(doc.text)]
    candidates = [m for m in candidates if m.rule == "book" or not inside_title(m, titles)]
    mentions = [extend_trailing_bracket(doc, m) for m in select(candidates)]
    inner = []
    tokens_of = sentence_tokens(doc)
    for mention in mentions:
        parts = split_area_prefix(doc, mention)
        if parts:
            mention.address = doc.text[mention.start:parts[-1].end]
            mention.label = mention.label[len(mention.address):]
            inner.extend(parts)
        else:
            inner.extend(inner_areas(doc, mention, tokens_of[mention.sentence]))
    doc.mentions = sorted(mentions + inner, key=lambda m: (m.start, -m.end))
    return doc
