"""Recognition: find spans of the text that name entities of the core types.

Each recogniser is a small function `(doc, sentence, tokens) -> list[Mention]` registered
in `RECOGNIZERS` (with the strings a sentence must hold for it to find anything, `NEEDS`);
`recognize` runs them all, each over the whole document (`propose`), and keeps the best
non-overlapping spans.

- `suffix.py`: a name is a run of name-like words ending in a type suffix (产业园, 镇,
  有限公司, 行动 …); its left edge is where a verb that governs it, a function word or
  punctuation stands (建成投用|贵阳低空飞行服务基地). The rules live in `base.py`.
- `quoted.py`: “四大战略”, “强省会”行动, 《…规划》.
- `gazetteer.py`: administrative divisions from the national table, by full name, and by
  short name (花溪) where the document names the parent (贵阳).
- `lexical.py`: government bodies (国务院, 区政协), a division's party committee (宁波市委)
  and well-known firms (吉利汽车).
- `lists.py`: items of a list that share a head (吉利汽车、长江汽车等企业), and the parts
  of a counted programme (工业强区…“四大战略”).
- `packages.py`: numbered policy packages without quotes (出台推动经济高质量发展60条).
- `plans.py`: five-year plans by their standard title (…国民经济和社会发展第十四个五年规划…纲要).
- `descriptions.py` (a filter): spans with a name's shape that describe a kind (跨国公司,
  100亿级产业园区, 跨境电商产业园3个).

This module then keeps the best spans (`select`), and reads the areas written inside
names (花溪区燕楼镇数字农业产业园, 清镇职教城) as mentions of their own.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from itertools import chain

from kg.doc import Doc, Mention, Token
from kg.extract import lexicon
from kg.extract.recognize import firms, gazetteer, lexical, lists, packages, plans, quoted, suffix  # noqa: F401, I001  (each registers its recognisers, in this order)
from kg.extract.recognize.descriptions import describes_a_kind
from kg.extract.recognize.edges import decide_edges, in_unqualified_body, unqualified_body
from kg.extract.recognize.base import NEEDS, NUMERAL, RECOGNIZERS, TRAILING_BRACKET, Typed, admin_ok, first_at, head_ok, index_starting_at, type_of_name
from kg.extract.recognize.gazetteer import area_context, bracketed_areas, new_area_short_forms, pick_division, pick_township
from kg.extract.recognize.quoted import BOOK_TITLE
from kg.extract.recognize.tagger import complement

__all__ = ["RECOGNIZERS", "has_address_prefix", "recognize", "type_of_name"]


# Longer spans win; among equal spans quoted > suffix > list > gazetteer > body.
RULE_ORDER = {"quoted+head": 0, "quoted": 0, "book": 0, "package": 0, "plan": 0, "enterprise": 1, "gazetteer": 2, "suffix": 3,
              "list": 4, "enumerated": 4, "body": 5}


def _priority(mention: Mention) -> tuple:
    return (-(mention.end - mention.start), RULE_ORDER.get(mention.rule, 9), mention.start)


NESTED_TYPES = ("Park", "Organization", "Policy")
# Organisations whose name another organisation's name builds on (北京协和医院贵州医院).
PARENT_ORG_SUFFIXES = ("大学", "医院", "集团", "公司", "研究院", "实验室")


def nestable(mention: Mention) -> bool:
    """Types named inside a longer name as entities of their own; a new area too (宜宾三江新区
    in 宜宾三江新区东部产业园): it is in no county table, so `inner_areas` cannot find it."""
    return mention.type in NESTED_TYPES or (mention.type == "AdministrativeArea" and mention.label.endswith(NEW_AREA_HEAD))


NEW_AREA_HEAD = "新区"


def select(mentions: list[Mention]) -> list[Mention]:
    """Keep the best non-overlapping mentions, in text order, plus parks, organisations and
    policies named inside a longer name (贵阳综保区 in 贵阳综保区综合物流基地, 中央八项规定
    in 深入贯彻中央八项规定精神学习教育), as the guidelines count both."""
    taken: list[Mention] = []
    # spans overlap only within a sentence: compare with that sentence's spans, not all
    taken_in: dict[int, list[Mention]] = {}
    for mention in sorted(mentions, key=_priority):
        overlapping = [t for t in taken_in.get(mention.sentence, ()) if mention.start < t.end and t.start < mention.end]
        nested = bool(overlapping) and nestable(mention) and mention.rule in ("suffix", "enterprise", "body") and all(
            t.start <= mention.start and mention.end < t.end and t.rule != "nested" and t.label != mention.label
            and (t.type != mention.type or mention.label.endswith(PARENT_ORG_SUFFIXES) or mention.rule == "enterprise")
            and not (t.type == "Organization" and mention.type == "Policy")  # 成都市规划|和自然资源局: no plan
            for t in overlapping)
        if overlapping and not nested:
            continue
        if nested:
            mention.rule = "nested"
        taken.append(mention)
        taken_in.setdefault(mention.sentence, []).append(mention)
    return sorted(taken, key=lambda m: (m.start, m.end))


FIRM_HEADS = ("公司", "集团")
# A firm's registered or group name opening a project's or a park's (内蒙古润琪生物科技有限公司|
# 腐植酸…项目, 法国圣戈班集团|绿色建材产业基地) says whose works they are, as part of the name:
# gold-wide's annotators leave it out unless the text also names the firm on its own (a brand,
# 宁德时代 of 宁德时代第二条生产线, the seeds count).
REGISTERED_FIRM = ("有限公司", "有限责任公司", "集团")


def firm_inside_firm(doc: Doc, mention: Mention, mentions: list[Mention]) -> bool:
    """GUIDELINES "Names inside names": a firm written only at the start of another firm's
    name is that firm's parent or its shorter name, part of the name (中国电信 in 中国电信上海
    分公司, 阿里巴巴 in 阿里巴巴集团), no entity of the document unless the text also writes
    it on its own; so is a firm's registered or group name opening a project's or a park's
    (`REGISTERED_FIRM`). (Other firms inside a project's or an institution's name,
    闪聚电池第三条生产线, 北京协和医院贵州医院, are counted: the seeds' gold does.)"""
    if mention.rule != "nested" or mention.type != "Organization":
        return False
    holders = [m for m in mentions if m is not mention and m.start <= mention.start and mention.end <= m.end]
    if not any((h.type == "Organization" and h.label.endswith(FIRM_HEADS))
               or (h.type in ("Project", "Park") and mention.label.endswith(REGISTERED_FIRM)) for h in holders):
        return False
    spans = [(m.start, m.end) for m in mentions if m.end - m.start > len(mention.text)]
    position = doc.text.find(mention.text)
    while position >= 0:
        end = position + len(mention.text)
        if not any(start <= position and end <= stop for start, stop in spans):
            return False  # written on its own here
        position = doc.text.find(mention.text, position + 1)
    return True


def bare_listed_firm(mention: Mention) -> Mention:
    """A listed firm read with the industry word after it (比亚迪|新能源) inside a longer name
    is the firm alone there: the word is the longer name's, what the firm makes in it
    (比亚迪新能源汽车零部件项目)."""
    if mention.rule != "nested" or mention.type != "Organization":
        return mention
    firm = next((f for f in lexicon.enterprises() if mention.label.startswith(f) and len(f) < len(mention.label)
                 and mention.label[len(f):] in lexicon.industry_words()), None)
    if firm is None:
        return mention
    mention.end = mention.start + len(firm)
    mention.text = mention.label = firm
    return mention


def sentence_tokens(doc: Doc) -> list[list[Token]]:
    """Tokens grouped by sentence (tokens never cross sentence boundaries)."""
    if not doc.sentences:
        return []
    # a token belongs to the first sentence that ends after it starts (the last takes the
    # rest): cut the ordered tokens where each sentence ends
    starts = [tok.start for tok in doc.tokens]
    cuts = [0] + [bisect.bisect_left(starts, s.end) for s in doc.sentences[:-1]] + [len(starts)]
    return [doc.tokens[cuts[k]:max(cuts[k], cuts[k + 1])] for k in range(len(doc.sentences))]


# A bracket right after a name that belongs to it: a phase (二期), a plan period
# (2021—2035年), a draft or trial mark (草案, 试行) or a Latin abbreviation (QFLP).

# A park's or project's part or site in brackets after its name: 佛山新能源汽车产业园(北园),
# 国家健康医疗大数据中心(北方), 太湖湾科创城(新安街道), 长春兴隆国际陆港(铁路场站).
PART_BRACKET = re.compile(r"\([\u4e00-\u9fff]{1,5}[方园区段片站道]\)")


def part_bracket(doc: Doc, mention: Mention) -> re.Match | None:
    """The bracketed part after a park's or project's name; a county in brackets
    (乌鲁木齐经济技术开发区(头屯河区)) is where the park is, not a part of its name."""
    match = PART_BRACKET.match(doc.text, mention.end) if mention.type in ("Park", "Project") else None
    return None if match is None or match.group()[1:-1] in lexicon.division_by_name() else match


# 挪宝生产装备制造基地|及研发中心项目: the works joined by 及 up to the head 项目 (no name of their
# own between) are one project's name, as the gold files write them (跨境电子商务孵化中心及配套项目)
WORKS_HEADS = ("项目", "工程")
AND_WORKS = re.compile(r"及[^，,。；;：:、()（）“”《》\s及和与等]{1,20}?(?:建设)?项目")


def joined_works(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Projects that run on over 及 to a 项目 head take it in (see `AND_WORKS`); mentions in
    text order."""
    starts = [m.start for m in mentions]
    for index, mention in enumerate(mentions):
        if mention.type != "Project" or not doc.text.startswith("及", mention.end) or mention.label.endswith(WORKS_HEADS):
            continue  # (A项目及B项目: two works, each with its head)
        match = AND_WORKS.match(doc.text, mention.end)
        if match is None:
            continue
        if any(mention.end < start < match.end() for start in starts[index + 1:index + 4]):
            continue  # another name inside: two works listed (A及B项目 with B named on its own)
        mention.end = match.end()
        mention.text = doc.text[mention.start:mention.end]
        mention.label += match.group()
    return mentions


def extend_trailing_bracket(doc: Doc, mention: Mention) -> Mention:
    if not doc.text.startswith("(", mention.end):
        return mention  # (both patterns open with the bracket: most names have none after them)
    match = TRAILING_BRACKET.match(doc.text, mention.end) or part_bracket(doc, mention)
    if match and mention.type in ("Park", "Project", "Policy", "Program", "Organization"):
        mention.end = match.end()
        mention.text = doc.text[mention.start:mention.end]
        mention.label += match.group()
    return mention


def has_address_prefix(mention: Mention) -> bool:
    """Parks and projects may be written after their address (花溪区燕楼镇数字农业产业园);
    organisations carry their area as part of their name (花溪区政协, 花溪区人民医院)."""
    return mention.rule in ("suffix", "list", "nested") and mention.type in ("Park", "Project")


def split_area_prefix(doc: Doc, mention: Mention, tokens: list[Token]) -> list[Mention]:
    """花溪区燕楼镇数字农业产业园 -> 花溪区, 燕楼镇 as mentions of their own, inside the park's
    span; the relation stage reads the containment from them."""
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
                    and 2 <= size - len(typed.suffix) <= 3 and not NUMERAL.search(piece) \
                    and town_words_ok(piece, typed, tokens[first_at(tokens, position):first_at(tokens, position + size)], position + size):
                found = Mention(piece, piece, "AdministrativeArea", typed.sub, position, position + size,
                                mention.sentence, "prefix")
                break
        if found is None:
            return parts
        parts.append(found)
        position += len(found.text)
        rest = rest[len(found.text):]


def town_words_ok(piece: str, typed: Typed, piece_tokens: list[Token], end: int) -> bool:
    """Do the words of a town's or village's name (`piece`, ending at `end`) make one?"""
    return not ends_in_common_word(piece_tokens, end, typed) and admin_ok(piece, typed, piece_tokens)


def ends_in_common_word(tokens: list[Token], end: int, typed: Typed) -> bool:
    """Does a town or village name end in a common word that holds its level character:
    农业|农村 in 兴隆镇农业农村综合服务中心 (a word, not a village's level). A word that runs
    on past the name (马铃|乡新寨: the segmenter's cut) says nothing."""
    last = next((t for t in reversed(tokens) if t.start + len(t.text) == end), None)
    return last is not None and len(last.text) > len(typed.suffix) and not head_ok([last], 0, typed)


def address_parts(doc: Doc, mention: Mention, tokens: list[Token]) -> tuple[list[Mention], int]:
    """The areas written at the start of a name, and how many of them are its address
    rather than part of its name."""
    if has_address_prefix(mention):
        parts = split_area_prefix(doc, mention, tokens)
        return parts, len(parts)
    county = county_of_programme(doc, mention, tokens)
    if county is not None:
        return [county], 1
    parts = chained_area_prefix(doc, mention, tokens)
    return parts, max(0, len(parts) - 1)


PROGRAMME_AFTER_COUNTY_MIN = 6  # characters of a programme's own name after its county


def county_of_programme(doc: Doc, mention: Mention, tokens: list[Token]) -> Mention | None:
    """A district or county before a programme's name says where it runs, not what it is
    called: 息烽县|农村集体经营性建设用地入市试点 (a city's own programmes keep the city:
    贵阳市营商环境试点)."""
    if mention.type != "Program" or mention.rule != "suffix":
        return None
    index = index_starting_at(tokens, mention.start)
    first = tokens[index] if index is not None else None
    area = named_division(doc, mention, first) if first else None
    if area is None or area.sub != "District" or len(mention.label) - len(first.text) < PROGRAMME_AFTER_COUNTY_MIN:
        return None
    return area


def named_division(doc: Doc, mention: Mention, tok: Token) -> Mention | None:
    """The division a word inside `mention` names by its full name, as a mention of its own."""
    division = pick_division(tok.text, doc.areas)
    if division is None or division.name != tok.text:
        return None
    return Mention(tok.text, tok.text, "AdministrativeArea", division.level, tok.start, tok.start + len(tok.text),
                   mention.sentence, "inner-area", ref=division.code)


def chained_area_prefix(doc: Doc, mention: Mention, tokens: list[Token]) -> list[Mention]:
    """An organisation is named with its own area (清溪街道养老服务中心); an address of
    more areas before that is its location: 花溪区|清溪街道养老服务中心. Returns the
    address's areas and, last, the innermost area, kept in the name."""
    if mention.type != "Organization" or mention.rule != "suffix":
        return []
    typed = type_of_name(mention.label)
    if typed is None or "body" in typed.rule:
        return []
    parts = split_area_prefix(doc, mention, tokens)
    return parts if len(parts) >= 2 else []


TOWNSHIP_BODY = re.compile(r"^([\u4e00-\u9fff]{2,3}(?:街道|镇|乡))(?:办事处|人民政府|党委|党工委|政府)$")


def governed_township(body: Mention) -> list[Mention]:
    """花溪街道办事处, 石板镇人民政府: the township a body governs is named with it."""
    match = TOWNSHIP_BODY.match(body.label)
    if match is None:
        return []
    name = match.group(1)
    return [Mention(name, name, "AdministrativeArea", "Township", body.start, body.start + len(name),
                    body.sentence, "inner-area")]


def inner_areas(doc: Doc, mention: Mention, tokens: list[Token]) -> list[Mention]:
    """Cities and districts named inside a park's or project's name (清镇 in 清镇职教城,
    南明 in 南明智能制造产业园): mentions of their own, that the name is in."""
    if mention.type == "Organization":
        return governed_township(mention)
    addressed = has_address_prefix(mention)
    named_programme = mention.type in ("Program", "Policy") and mention.rule in ("suffix", "title")
    if not addressed and not named_programme:
        return []  # (most mentions: no words of theirs to look at)
    inside = [t for t in tokens[first_at(tokens, mention.start):first_at(tokens, mention.end)]
              if t.start + len(t.text) < mention.end]
    if not addressed:
        # 开阳县供销社基层社整县试点: a programme named after an area names the area too
        first = inside[0] if inside else None
        area = named_division(doc, mention, first) if first else None
        return [area] if area else []
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


def named_on_its_own(area: Mention, mentions: list[Mention]) -> bool:
    """GUIDELINES "Names inside names": a place word that is part of another thing's name
    (清镇 in 清镇职教城, 咸阳 in 咸阳高新区) is an entity only where the document also names it
    on its own; a full name with its level word written as an address (花溪区燕楼镇…) always is."""
    if area.rule != "inner-area" or area.sub in ("Township", "Village"):
        return True
    division = lexicon.division_by_code().get(area.ref) if area.ref else None
    if division is not None and area.label == division.name:
        return True
    return any(m.type == "AdministrativeArea" and ((area.ref and m.ref == area.ref) or m.label == area.label)
               for m in mentions)


def inside_title(mention: Mention, titles: list[tuple[int, int]]) -> bool:
    """A place or a park inside 《…》 is part of the work's name (《贵阳日报》,
    《花溪区经开区吸引高校毕业生…政策措施》); the bodies that issue a policy
    (《中共花溪区委 花溪区人民政府关于…》) are still bodies."""
    if mention.type not in ("AdministrativeArea", "Park"):
        return False
    # titles are in text order and never overlap: only the last one opening before the
    # mention can hold it (a scan of all of them per mention was quadratic)
    last = bisect.bisect_left(titles, (mention.start, -1)) - 1
    return last >= 0 and mention.end < titles[last][1]


def propose(doc: Doc, tokens_of: list[list[Token]]) -> list[list[Mention]]:
    """Every recogniser's candidates per sentence, in the order of `RECOGNIZERS`. Each
    recogniser reads the whole document before the next one starts: the same results as
    all of them sentence by sentence (they read, never change, the document), about a tenth
    quicker (one function's code and tables stay in the processor's caches). One that
    declares what it `NEEDS` is called only on the sentences that hold it."""
    starts = [sentence.start for sentence in doc.sentences]
    by_recognizer = []
    for name, func in RECOGNIZERS.items():
        if name in NEEDS:
            # (called in sentence order on the few that hold what it needs: no step per other sentence)
            found: list[Iterable[Mention]] = [()] * len(doc.sentences)
            for k in sorted(sentences_holding(doc, starts, NEEDS[name])):
                found[k] = func(doc, doc.sentences[k], tokens_of[k])
        else:
            found = [func(doc, sentence, tokens) for sentence, tokens in zip(doc.sentences, tokens_of)]
        by_recognizer.append(found)
    return [list(chain.from_iterable(found)) for found in zip(*by_recognizer)]


def sentences_holding(doc: Doc, starts: list[int], words: tuple[str, ...]) -> set[int]:
    """Indices of the sentences whose text holds one of `words` (sentence k is
    doc.text[starts[k]:doc.sentences[k].end]): found where the document writes them."""
    holding: set[int] = set()
    for word in words:
        position = doc.text.find(word)
        while position >= 0:
            k = bisect.bisect_right(starts, position) - 1
            if k >= 0 and position + len(word) <= doc.sentences[k].end:
                holding.add(k)
                position = doc.text.find(word, doc.sentences[k].end)  # (the rest of that sentence adds nothing)
            else:
                position = doc.text.find(word, position + 1)
    return holding


def unqualified(label: str) -> bool:
    """A body, or a unit of one, named by a level word alone (GUIDELINES "Bodies")"""
    return unqualified_body(label) or in_unqualified_body(label)


def recognize(doc: Doc) -> Doc:
    doc.areas = area_context(doc)
    doc.new_areas = new_area_short_forms(doc)
    tokens_of = sentence_tokens(doc)
    candidates: list[Mention] = []
    for proposed, tokens in zip(propose(doc, tokens_of), tokens_of):
        candidates.extend(decide_edges(doc, proposed, tokens))
    titles = [(m.start(), m.end()) for m in BOOK_TITLE.finditer(doc.text)]
    candidates = [m for m in candidates if m.rule == "book" or not (
        inside_title(m, titles) or describes_a_kind(doc, m))]
    candidates = [m for m in candidates if not (m.type == "Organization" and unqualified(m.label))]
    mentions = select(candidates)
    mentions = [bare_listed_firm(m) for m in mentions if not firm_inside_firm(doc, m, mentions)]
    # The learned tagger runs last: only spans the rules did not find, through the same filters.
    mentions += [m for m in complement(doc, mentions, tokens_of) if not (
        inside_title(m, titles) or describes_a_kind(doc, m) or (m.type == "Organization" and unqualified(m.label)))]
    mentions = [extend_trailing_bracket(doc, m) for m in sorted(mentions, key=lambda m: (m.start, m.end))]
    mentions = joined_works(doc, mentions)
    inner = []
    for mention in mentions:
        parts, in_address = address_parts(doc, mention, tokens_of[mention.sentence])
        if in_address:
            mention.address = doc.text[mention.start:parts[in_address - 1].end]
            mention.label = mention.label[len(mention.address):]
            inner.extend(parts)
        else:
            inner.extend(inner_areas(doc, mention, tokens_of[mention.sentence]))
    inner = [m for m in inner if named_on_its_own(m, mentions)]
    taken = {(m.start, m.end) for m in mentions + inner}
    inner += [m for m in bracketed_areas(doc) if (m.start, m.end) not in taken]
    doc.mentions = sorted(mentions + inner, key=lambda m: (m.start, -m.end))
    for mention in doc.mentions:
        if mention.type == "AdministrativeArea" and mention.sub == "Township" and not mention.ref:
            township = pick_township(mention.label, doc.areas)
            mention.ref = township.code if township else ""
    return doc

