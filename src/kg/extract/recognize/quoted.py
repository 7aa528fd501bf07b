"""Names in quotation marks and book-title marks: “四大战略”, “强省会”行动, 《…规划》."""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from kg.extract import lexicon
from kg.doc import Doc, Mention, Sentence, Token
from kg.extract.recognize.base import (
    document_type,
    CAMPAIGN_HEADS,
    MAX_QUOTED,
    NUMERAL,
    PROGRAM,
    TRAILING_BRACKET,
    VERBAL_AFTER_POLICY,
    Typed,
    accept_name,
    as_campaign,
    division_level,
    first_at,
    index_starting_at,
    is_generic,
    is_specific,
    make_mention,
    modifies,
    recognizer,
    token_ending_at,
    tokens_between,
    type_of_name,
)


QUOTED_DAY = re.compile(r"(?:1[0-2]|0?[1-9])[·.](?:[12][0-9]|3[01]|0?[1-9])")


@lru_cache(maxsize=1 << 14)  # (asked of every quoted phrase, the same slogans again and again; the tables are fixed)
def is_slogan(text: str) -> bool:
    """A quoted phrase that can name a programme: one with a count in it (四新, 一圈两场三改,
    1+1+3) or a coined phrase of four characters or more (富矿精开, 东数西算). Two- or
    three-character quoted words are emphasis (“颜值”, “加码”), not names."""
    counted_last = len(text) >= 2 and bool(NUMERAL.fullmatch(text[-2]))  # 两市两|地: a noun after a count
    if (text.endswith(("的", "了", "地", "得")) and not counted_last) or not re.search(r"[\u4e00-\u9fff0-9]", text):
        return False
    if re.fullmatch(NUMERAL.pattern + "+", text) or NUMERAL.sub("", text) in lexicon.units():
        return False  # a number alone (“五一”, the May Day holiday, “万亿元”城市) names no programme
    if QUOTED_DAY.fullmatch(text):
        return False  # a day (“4·13”重要讲话, “9·11”): a date or what happened on it
    if is_product(text):
        return False
    return bool(NUMERAL.search(text)) or len(text) >= 4


def is_product(text: str) -> bool:
    """A product's name: “复方益肝灵片”, “柳河山葡萄酒”; after a count the word is a
    count's noun (“一河一道两片”: two areas)."""
    word = next((w for w in lexicon.product_words() if text.endswith(w)), None)
    return word is not None and len(text) > len(word) and not NUMERAL.fullmatch(text[-len(word) - 1])


FORMULA = re.compile(r"[0-9一二三四五六七八九十个万NX]+(?:\+[0-9一二三四五六七八九十个万NX]*)+")  # (X, N: the open part: “4+X”)
NOUN_TAIL_MAX = 10


def _words_after(tokens: list[Token], start: int, max_chars: int, stops: Callable[[Token, bool], bool]) -> list[Token]:
    """The words that follow position `start` without a gap, until `stops(word, is_first)`
    or until they would be longer than `max_chars`."""
    words: list[Token] = []
    position = start
    for tok in tokens[first_at(tokens, start):]:
        if tok.start != position or stops(tok, not words) or position + len(tok.text) - start > max_chars:
            break
        words.append(tok)
        position += len(tok.text)
    return words


def _is_verb(tok: Token) -> bool:
    return tok.pos.startswith("v") and tok.pos != "vn"  # 重点工作, 发展方式: verbal nouns are nouns


def _noun_tail(tokens: list[Token], start: int) -> str:
    """The words right after position `start` up to a particle or punctuation, ending in
    a noun: “1+6+1”重点工作, “3+3”科技创新体系 (a verb inside a compound stays)."""
    words = _words_after(tokens, start, NOUN_TAIL_MAX, lambda tok, _first: tok.pos.startswith(("u", "p", "c", "d", "x", "w"))
                         or tok.text in lexicon.boundary_words())
    nouns = [i for i, tok in enumerate(words) if not _is_verb(tok)]
    return "".join(tok.text for tok in words[: nouns[-1] + 1]) if nouns else ""


NAMED_TAIL_MAX = 12
REQUIREMENT = "要求"
CJK_NUMERAL = re.compile(r"[一二三四五六七八九十百千万两双]")  # counts in slogans; “S1线” is a line's number
COUNTED_SET = re.compile(r"[一二三四五六七八九十两]+大")
NAMED_TAIL_TYPES = ("Park", "Project", "Policy", "Program")


def _ends_named_tail(tok: Token, first: bool) -> bool:
    """A verb, adverb, locative or count word right after the quote starts a clause, not a
    head; a two-character direction is a name's word (“东数西算”南部数据大通道)."""
    direction = tok.pos == "f" and len(tok.text) == 2
    opening = first and tok.pos.startswith(("v", "d", "f", "m", "q", "r")) and tok.pos != "vn" and not direction
    return opening or (tok.pos.startswith(("u", "p", "c", "x", "w", "f", "m", "q")) and not direction) \
        or tok.text in lexicon.boundary_words()


def _named_tail(tokens: list[Token], start: int) -> tuple[str, Typed] | None:
    """A quoted brand followed by a longer descriptive head makes one name:
    “汪家大井”水源应急替代工程, “爽贵阳”智慧民生综合服务平台. The words right after the
    quote, up to punctuation or a particle, are read; the longest run of them that ends in
    a type suffix longer than the bare suffix is the tail of the name."""
    words = _words_after(tokens, start, NAMED_TAIL_MAX, _ends_named_tail)
    for size in range(len(words), 0, -1):
        if _is_verb(words[size - 1]):
            continue  # “爽贵阳”…平台上线: the last word is the verb, not a head
        tail = "".join(t.text for t in words[:size])
        typed = type_of_name(tail)
        if typed is not None and typed.suffix == REQUIREMENT and size >= 2 and words[size - 2].pos in ("n", "vn", "v"):
            return None  # “港产城一体化”发展要求, “强省会”目标要求: a requirement about the slogan, which is the name
        if typed is not None and typed.type in NAMED_TAIL_TYPES and len(typed.suffix) >= 2 \
                and len(tail) > len(typed.suffix) and not is_generic(tail, typed.suffix):
            if typed.type == "Program" and size < len(words) and modifies(words[size]):
                return None  # “两业”融合发展试点|区域: the head word is a modifier here
            return tail, counted_programme(tail, typed)  # “引育用留”四大工程
    return None


def counted_programme(name: str, typed: Typed | None) -> Typed | None:
    """A counted set (“六大产业集群”, “四大工程”) or a counted slogan ending in a
    one-character head (“一带一路”: no road; “三区三城”: no town) is a programme, not a
    project or a park (“S1线”)."""
    if typed is not None and typed.type in ("Project", "Park") and (
            COUNTED_SET.match(name) or (len(typed.suffix) == 1 and CJK_NUMERAL.search(name[:-1]))):
        return PROGRAM
    return typed


FACILITY = Typed("Project", "", "")


def slogan_type(name: str, typed: Typed | None) -> Typed:
    """A counted slogan is a programme (“一圈两场三改”), unless it counts facilities:
    “一局四中心”, “一平台两中心” are the centres and platforms built."""
    if typed is not None and typed.type in ("Organization", "Project") and len(typed.suffix) >= 2 \
            and NUMERAL.search(name[: -len(typed.suffix)]) and typed.suffix not in CAMPAIGN_HEADS:
        return FACILITY  # (“百千万工程”, “一号工程”: a campaign, like “东数西算”工程)
    return PROGRAM


def is_phrase(tokens: list[Token]) -> bool:
    """Quoted words that describe rather than name: an idiom (“崭露头角”) or a phrase built
    with particles and prepositions (“指尖上的收入”)."""
    if len(tokens) == 1 and tokens[0].pos == "i":
        return True
    return any(t.pos in ("uj", "ul", "u", "p") for t in tokens)  # (之: “咖啡之城”, a nickname)


def type_by_pattern(text: str) -> Typed | None:
    """Names whose form, not suffix, gives their type (`name_patterns.tsv`)."""
    for pattern, type_ in lexicon.name_patterns():
        if pattern.fullmatch(text):
            return Typed(type_, "", "")
    return None


EXPLAINED = ("即", "是指", "指的是")
LIST_MARKS = re.compile(r"[、，,]")
LIST_PART_MAX = 8
PAIR_PART = (4, 6)  # characters in each half of a parallel pair: “大众创业、万众创新”


def quoted_list(doc: Doc, sentence: Sentence, tokens: list[Token], inner: str, start: int, end: int) -> list[Mention]:
    """A quoted list of short parts names something only with a head after it
    (“卡、钱、户、房、岗”人才政策组合拳), or as a parallel pair of equal halves, the usual
    shape of a named work approach (“一窗口受理、一站式服务”, “大众创业、万众创新”).
    Longer lists are slogans (“东协、西融、南拓、北联、中提”)."""
    parts = LIST_MARKS.split(inner)
    if not all(0 < len(part) <= LIST_PART_MAX for part in parts) or re.search(r"[。;；:：!！?？()“”‘’的]", inner):
        return []
    named_tail = _named_tail(tokens, end)
    if named_tail is not None:
        tail, typed = named_tail
        return [make_mention(doc, sentence, start, end + len(tail), typed, "quoted+head", inner + tail)]
    head = _quote_head(doc.text[end:end + lexicon.longest_suffix()])
    if head is not None and head.type in ("Program", "Policy"):  # “四化同步、城乡融合、五区共兴”总抓手, “买全俄卖全国、买全国卖全俄”方案
        typed = Typed(head.type, head.sub, head.text)
        return [make_mention(doc, sentence, start, end + len(head.text), typed, "quoted+head", inner + head.text)]
    if len(parts) == 2 and len(parts[0]) == len(parts[1]) and PAIR_PART[0] <= len(parts[0]) <= PAIR_PART[1] \
            and not describes_what_follows(doc, inner, end):
        return [make_mention(doc, sentence, start, end, PROGRAM, "quoted", inner)]
    return []


@lru_cache(maxsize=1)
def _quote_head_texts() -> tuple[str, ...]:
    return tuple(s.text for s in lexicon.quote_head_suffixes())


def _quote_head(after: str) -> lexicon.Suffix | None:
    """The first quote head (in `quote_head_suffixes` order) that `after` opens with; one
    test in C first, as most quoted words have none after them."""
    if not after.startswith(_quote_head_texts()):
        return None
    return next(s for s in lexicon.quote_head_suffixes() if after.startswith(s.text))


CLAUSE_PUNCTUATION = re.compile(r"[。;；:：!！?？()]")  # (no name holds these)
QUOTED = re.compile(r"“([^“”\n]{1,%d})”" % MAX_QUOTED)
BOOK_TITLE = re.compile(r"《([^《》\n]{2,60})》")


@recognizer("quoted", needs=("“", "《"))
def quoted_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    found: list[Mention] = []
    if "“" not in sentence.text and "《" not in sentence.text:
        return found  # (both patterns open with their mark: most sentences have neither)
    for match in QUOTED.finditer(sentence.text):
        inner = match.group(1).strip()
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if LIST_MARKS.search(inner):
            found.extend(quoted_list(doc, sentence, tokens, inner, start, end))
        elif inner and not CLAUSE_PUNCTUATION.search(inner) and (not inner.isdigit() or coded_formula(doc, tokens, inner, end)):
            mention = quoted_name(doc, sentence, tokens, inner, start, end)
            shared = chain_head(doc.text, start, end) if mention is None and len(inner) >= 3 else None
            if shared is not None:  # “招商易”“贵商易”平台: each quoted item is a platform
                mention = make_mention(doc, sentence, start, end, shared, "quoted", inner)
            if mention is None and FIVE_YEAR_PERIOD.fullmatch(inner):
                continue  # (“十四五”工作回顾: a time, whatever word follows)
            mention = (mention or quoted_with_bare_head(doc, sentence, tokens, inner, start, end)
                       or quoted_before_outcome(doc, sentence, inner, start, end))
            if mention is not None:
                found.append(with_subject_before(doc, tokens, with_count_before(doc, mention)))
    for match in BOOK_TITLE.finditer(sentence.text) if "《" in sentence.text else ():
        inner = match.group(1).strip()
        typed = document_type(TRAILING_BRACKET.sub("", inner))
        if typed is not None and typed.type == "Policy":
            start, end = sentence.start + match.start(), sentence.start + match.end()
            found.append(make_mention(doc, sentence, start, end, typed, "book", inner))
    return found


BARE_PACKAGE = re.compile(r"[0-9一二三四五六七八九十百]+条")
SUBJECT_POS = ("n", "nz", "ns", "nt", "nr", "j", "b")
SUBJECT_MAX = 6  # characters


def with_subject_before(doc: Doc, tokens: list[Token], mention: Mention) -> Mention:
    """A quoted count of articles names its package with the subject written right before
    it: 强省会“35条” is 强省会35条, 公积金“15条” 公积金15条 (GUIDELINES: Policy examples).
    The subject is the nouns (and an adjective before a noun: 强|省会) up to a verb or a mark."""
    if mention.type != "Policy" or not BARE_PACKAGE.fullmatch(mention.label):
        return mention
    index = first_at(tokens, mention.start)
    first, noun_seen = index, False
    while first > 0:
        tok = tokens[first - 1]
        if tok.start + len(tok.text) != (tokens[first].start if first < index else mention.start) \
                or mention.start - tok.start > SUBJECT_MAX or tok.text in lexicon.boundary_words():
            break
        if tok.pos in SUBJECT_POS:
            noun_seen = True
        elif not (tok.pos == "a" and noun_seen):
            break
        first -= 1
    if first == index or not noun_seen:
        return mention
    subject = doc.text[tokens[first].start:mention.start]
    mention.start = tokens[first].start
    mention.text = doc.text[mention.start:mention.end]
    mention.label = subject + mention.label
    return mention


# (not an ordinal, 第三个, nor 一个, an article: 打造一个“…”)
COUNT_BEFORE = re.compile(r"(?<![第一二三四五六七八九十两])(?:[两二三四五六七八九]|十[一二三四五六七八九]?)个$")
COUNT_LOOKBACK = 5


def with_count_before(doc: Doc, mention: Mention) -> Mention:
    """A count right before a quoted programme is part of its name: 三个“一号工程” is
    named 三个一号工程 (a set of campaigns, not the one)."""
    if mention.type != "Program":
        return mention
    count = COUNT_BEFORE.search(doc.text, max(0, mention.start - COUNT_LOOKBACK), mention.start)
    if count is None:
        return mention
    mention.start = count.start()
    mention.text = doc.text[mention.start:mention.end]
    mention.label = count.group() + mention.label
    return mention


CODE_MIN = 3  # digits of a coded formula: “1136”工作思路 (one digit per part); “2024” is a year


def coded_formula(doc: Doc, tokens: list[Token], inner: str, end: int) -> bool:
    """A quoted string of digits names a programme only as a code for its parts, with the
    noun phrase after it: “1136”工作思路, “12345”发展思路, “1234”生产力空间布局, “4633”目标."""
    if len(inner) < CODE_MIN or (len(inner) == 4 and inner.startswith(("19", "20"))):
        return False
    return bool(_noun_tail(tokens, end))  # “4633”目标, “433”工作安排, “1115”项目任务


QUOTE_CHAIN = re.compile(r"(?:[、和]?“[^“”\n]{1,%d}”)*" % MAX_QUOTED)
CHAIN_HEAD_TYPES = ("Project", "Park", "Policy", "Program")


def chain_head(text: str, start: int, end: int) -> Typed | None:
    """The head after a chain of two or more quoted items, the one at [start, end) among
    them (“招商易”“贵商易”平台), typed; None when there is no chain or no head."""
    chain = QUOTE_CHAIN.match(text, end)
    if chain.end() == end and not text[:start].endswith(("”", "”、", "”和")):
        return None  # a lone quoted item
    after = text[chain.end(): chain.end() + lexicon.longest_suffix()]
    typed = next((type_of_name(after[:size]) for size in range(len(after), 1, -1)
                  if after[:size] in lexicon.suffix_map()), None)
    return typed if typed is not None and typed.type in CHAIN_HEAD_TYPES else None


def describes_what_follows(doc: Doc, inner: str, end: int) -> bool:
    """Quoted words with no count, right before 的, describe what follows them: “华丽转身”的,
    “持续改善、稳中有进”的基本态势 (a counted slogan still names its programme: “四个定位、
    八个突破”的工作要求)."""
    return doc.text.startswith("的", end) and not NUMERAL.search(inner)


PREDICATE_END = ("，", ",", "。", "；", ";", "！", "!")


def is_predicate(doc: Doc, tokens: list[Token], inner: str, start: int, end: int) -> bool:
    """Quoted words with no count right after a noun, that end the clause, say what the noun
    does: 四台挖掘机“蓄势待发”，, 重大工业项目“满弦开弓”， — a figure of speech, no
    programme (a programme is named after the verb that runs it: 实施“东数西算”，)."""
    before = token_ending_at(tokens, start)
    return before is not None and before.pos in ("n", "nz", "nr", "ns", "vn") and not NUMERAL.search(inner) \
        and type_of_name(inner) is None and doc.text.startswith(PREDICATE_END, end)  # (策划“…来贵阳计划”，: a name)


def quoted_name(doc: Doc, sentence: Sentence, tokens: list[Token], inner: str, start: int, end: int) -> Mention | None:
    """One quoted phrase and the words after it, read in this order: a numeric formula and
    its noun phrase (“1+6+1”重点工作), a slogan and the head that joins it (“强省会”行动), a
    brand and its longer head (“汪家大井”水源应急替代工程), then the quoted words alone."""
    if doc.text.startswith(EXPLAINED, end):
        return None  # “一区”即贵阳大数据安全产业示范区: a slogan's part being explained
    if FORMULA.fullmatch(inner):
        tail = _noun_tail(tokens, end)  # a bare formula (“15+”) names nothing by itself
        # (“1+8+N”政策体系, “1+3+3”方案: a formula before a policy head names the policy)
        typed = FORMULA_POLICY if tail and (type_of_name(tail) or PROGRAM).type == "Policy" else PROGRAM
        return make_mention(doc, sentence, start, end + len(tail), typed, "quoted+head", inner + tail) if tail else None
    after = doc.text[end: end + 6]
    head = _quote_head(after)
    described = doc.text.endswith("的", 0, start) and len(inner) <= 3  # 出政策的“提质”要求: a description
    if head is not None and not after[len(head.text):].startswith(tuple(VERBAL_AFTER_POLICY)) and not described:
        # (“一河一道两片”规划建设: planning it, not a plan of that name)
        typed = Typed(head.type, head.sub, head.text)
        return make_mention(doc, sentence, start, end + len(head.text), typed, "quoted+head", inner + head.text)
    named_tail = _named_tail(tokens, end)
    if named_tail is not None:
        tail, typed = named_tail
        return make_mention(doc, sentence, start, end + len(tail), typed, "quoted+head", inner + tail)
    if inner.isdigit():  # a code for a programme's parts (digits reach here only so: coded_formula)
        tail = _noun_tail(tokens, end)
        return make_mention(doc, sentence, start, end + len(tail), PROGRAM, "quoted+head", inner + tail) if tail else None
    if describes_what_follows(doc, inner, end) or is_predicate(doc, tokens, inner, start, end) \
            or FIVE_YEAR_PERIOD.fullmatch(inner):
        return None  # (“十四五”收官之年: the period word alone is a time; GUIDELINES "Five-year plans")
    typed = quoted_alone_type(inner, tokens_between(tokens, start + 1, end - 1))  # (the words inside the quotes)
    return make_mention(doc, sentence, start, end, typed, "quoted", inner) if typed is not None else None


# A five-year period (十四五, 十五五): a time unless a plan head follows it (“十四五”规划).
FIVE_YEAR_PERIOD = re.compile(r"十[一二三四五六七八九]五")
FORMULA_POLICY = Typed("Policy", "", "")
SHORT_QUOTED = re.compile(r"[\u4e00-\u9fff]{2,3}")


def quoted_before_outcome(doc: Doc, sentence: Sentence, inner: str, start: int, end: int) -> Mention | None:
    """A quoted word too short to be a slogan, before an outcome word, names the programme
    that has the outcome: 贯彻“强省会”部署, “治风”经验 (after 的 it describes: 出政策的
    “提质”要求)."""
    outcome = SHORT_QUOTED.fullmatch(inner) and doc.text.startswith(tuple(lexicon.outcome_words()), end) \
        and not doc.text.endswith("的", 0, start)
    return make_mention(doc, sentence, start, end, PROGRAM, "quoted", inner) if outcome else None


def quoted_with_bare_head(doc: Doc, sentence: Sentence, tokens: list[Token], inner: str, start: int, end: int) -> Mention | None:
    """A quoted word too short to be a slogan names a thing with the head word right
    after it: “科技云”平台. A bare 工程 after quotes is a campaign, not a building site
    (“菜篮子”工程)."""
    typed = _bare_head(tokens, end)
    if typed is None:
        return None
    if typed.suffix in CAMPAIGN_HEADS:
        typed = as_campaign(typed)
    return make_mention(doc, sentence, start, end + len(typed.suffix), typed, "quoted+head", inner + typed.suffix)


BARE_HEAD_TYPES = ("Project", "Park", "Program")


def _bare_head(tokens: list[Token], end: int) -> Typed | None:
    """The head word right after a quote at `end`: a word of its own, not an outcome
    (“治风”经验) and not a modifier of the next noun (“两改两治理”试点|村)."""
    index = index_starting_at(tokens, end)
    if index is None:
        return None
    word = tokens[index]
    typed = type_of_name(word.text)
    if typed is None or typed.suffix != word.text or len(word.text) < 2 or typed.type not in BARE_HEAD_TYPES \
            or word.text in lexicon.outcome_words():
        return None
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return None if following is not None and modifies(following) else typed


def quoted_alone_type(inner: str, inner_tokens: list[Token]) -> Typed | None:
    """The type of quoted words that name something by themselves, or None."""
    typed = counted_programme(inner, type_of_name(inner))
    if typed is not None and typed.type == "AdministrativeArea" and division_level(inner) is None:
        typed = None  # “网红村”: a place is quoted as a nickname; real places come from the table or prose
    if typed is not None and typed.type in ("Program", "Policy") and len(inner) > len(typed.suffix) + 1 \
            and is_slogan(inner) and not is_phrase(inner_tokens):
        return typed  # “锦绣计划”: the quotes make a programme's head word a name, however plain
    if typed is not None and inner_tokens and accept_name(inner, typed, inner_tokens) \
            and not (len(typed.suffix) == 1 and typed.type != "AdministrativeArea" and not is_specific(inner_tokens)):
        return typed  # a one-character head names a thing only after a proper name or number (“S1线”, not “断头路”)
    if typed is None or typed.type == "Organization" or NUMERAL.search(inner):
        # a slogan, also a counted one that fails as a name of its suffix's type (“四主四区”)
        pattern_type = type_by_pattern(inner)
        if pattern_type is not None:
            return pattern_type
        if is_slogan(inner) and not is_phrase(inner_tokens):
            return slogan_type(inner, typed)
    return None
