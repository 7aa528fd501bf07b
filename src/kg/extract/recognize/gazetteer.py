"""Administrative divisions from the national table: 花溪区, and 花溪 where the text is about 贵阳."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kg.extract import lexicon
from kg.doc import Doc, Mention, Sentence, Token
from kg.extract.recognize.base import LEVEL_WORD_CHARS, Typed, index_starting_at, make_mention, recognizer


def area_context(doc: Doc) -> frozenset[str]:
    """Codes of the divisions a document names by an unambiguous full name, of the
    provinces and cities it names by an unambiguous short name (贵州, 郑州), and of all
    their ancestors."""
    clues = _area_clues()
    codes: set[str] = set()
    # (the words the document uses, each once, against the table: not a look-up per word)
    for text in clues.keys() & {tok.text for tok in doc.tokens}:
        full, upper, needs_place = clues[text]
        if full:
            codes.add(full)
        if upper and upper not in codes and (not needs_place or tagged_place(doc, text)):
            codes.add(upper)  # (an area already in needs no search for its word)
    return frozenset(with_ancestors(codes))


def tagged_place(doc: Doc, word: str) -> bool:
    """Is the word anywhere in the document a token the tagger reads as a place (ns)?"""
    return any(doc.tokens[index].pos.startswith("ns") for index in word_tokens(doc, word))


def word_tokens(doc: Doc, word: str) -> Iterator[int]:
    """Indices of the document's tokens that are `word`, in text order: looked for where the
    text writes it, not in every token."""
    position = doc.text.find(word)
    while position >= 0:
        index = index_starting_at(doc.tokens, position)
        if index is not None and doc.tokens[index].text == word:
            yield index
        position = doc.text.find(word, position + 1)


@lru_cache(maxsize=1)
def _area_clues() -> dict[str, tuple[str, str, bool]]:
    """Per word that names a division: the code of its one division by full name (or ""),
    the code of its one province or city by short name (or "") and whether that one counts
    only where the word is tagged a place (a city; a province always counts)."""
    full = lexicon.divisions_by_full_name()
    shorts = lexicon.divisions_by_short_name()
    clues: dict[str, tuple[str, str, bool]] = {}
    for text in {*full, *shorts}:
        divs = full.get(text, ())
        upper = [d for d in shorts.get(text, ()) if d.level in ("Province", "City")]
        one = upper[0] if len(upper) == 1 else None
        clue = (divs[0].code if len(divs) == 1 else "", one.code if one else "",
                one is not None and one.level != "Province")
        if clue[0] or clue[1]:
            clues[text] = clue
    return clues


def with_ancestors(codes: set[str]) -> set[str]:
    by_code = lexicon.division_by_code()
    found = set(codes)
    for code in codes:
        while code in by_code and by_code[code].parent:
            code = by_code[code].parent
            found.add(code)
    return found


def named_in_full(context: frozenset[str], candidates: tuple[lexicon.Division, ...]) -> lexicon.Division | None:
    """The one candidate the document names (or names a part of)."""
    named = [d for d in candidates if d.code in context]
    return named[0] if len(named) == 1 else None


def pick_division(text: str, context: frozenset[str], proper: bool = False) -> lexicon.Division | None:
    """The division a word names in this document, or None when it names none we can tell.

    A full name that is unique in the table always counts; an ambiguous one (白云区) or a
    short name (花溪, 贵阳) counts when it or its parent is among the areas the document
    names, so 吉利 in 吉利汽车 never becomes 洛阳's 吉利区. A province's short name counts
    alone (海南: the province, not 青海's 海南州), and so does a city's that no other
    province or city goes by, where the tagger reads it as a place (`proper`: 郑州)."""
    full_names, short_names = lexicon.divisions_by_full_name(), lexicon.divisions_by_short_name()
    if text not in full_names and text not in short_names:
        return None  # most words: asked of every token, so answered with two lookups
    if text in lexicon.generic_phrases() or text.endswith(lexicon.PARK_ENDINGS):
        return None  # 老城区, 城区: district names that are also common words; zones are parks
    full = full_names.get(text, ())
    if len(full) == 1:
        return full[0]
    candidates = full or short_names.get(text, ())
    if not candidates:
        return None
    if not full:
        provinces = [d for d in candidates if d.level == "Province"]
        if len(provinces) == 1 and not any(d.code in context for d in candidates if d.level != "Province"):
            return provinces[0]
    named = named_in_full(context, candidates)
    if named is not None and named.level != "Province":
        return named
    matching = [d for d in candidates if d.parent in context]
    if len(matching) == 1:
        return matching[0]
    if not full and proper and not matching:
        cities = [d for d in candidates if d.level == "City"]
        if len(cities) == 1 and len(candidates) == 1:
            return cities[0]
    return None


def pick_township(name: str, context: frozenset[str], short: bool = False) -> lexicon.Division | None:
    """The township a full name (石板镇, 清溪街道), or a `short` one (塘口), names: the one
    whose county, or else whose city, the document names."""
    table = lexicon.townships_by_short_name() if short else lexicon.townships_by_name()
    candidates = table.get(name, ())
    if not candidates:
        return None  # (most words asked of: no township at all)
    by_code = lexicon.division_by_code()
    for level in (lambda d: d.parent, lambda d: by_code[d.parent].parent if d.parent in by_code else ""):
        matching = [d for d in candidates if level(d) in context]
        if len(matching) == 1:
            return matching[0]
        if matching:
            return None
    return None


def runs_on(tokens: list[Token], i: int, levels: str) -> bool:
    """Does the short name at `i` run on into a longer place name: 花溪|区…, 贵安|新区, or
    a compound of places (贵阳贵安) that names neither alone?"""
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    return after is not None and (after.text[0] in levels or after.pos == "ns")


LEVEL_PAIRS = ("县区", "区县", "市县", "县市", "市区", "省市", "市州", "乡镇")


def level_pair(tokens: list[Token], i: int) -> bool:
    """A full name whose last character and the next word's first make a pair of level
    words (和县|区: 县区, the counties and districts): the name was cut from prose."""
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    return after is not None and (tokens[i].text[-1] + after.text[:1]) in LEVEL_PAIRS


@lru_cache(maxsize=None)
def area_type(level: str) -> Typed:
    """The type of a division of `level` (one record per level, not one per mention)."""
    return Typed("AdministrativeArea", level, "")


@lru_cache(maxsize=1)
def division_words() -> frozenset[str]:
    """Every full and short name of a division: one look-up per word, not one per table."""
    return frozenset(lexicon.divisions_by_full_name()) | frozenset(lexicon.divisions_by_short_name())


@recognizer("gazetteer")
def gazetteer_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    found: list[Mention] = []
    names = division_words()
    for i, tok in enumerate(tokens):
        if tok.text not in names:
            continue  # what pick_division answers first, without a call per word
        division = pick_division(tok.text, doc.areas, tok.pos.startswith("ns"))
        if division is None:
            continue
        short = division.name != tok.text
        if short and tok.pos.startswith(("v", "a", "d", "b")):
            continue  # 大兴|调查研究: a short name the tagger reads as a verb or modifier is that word
        if short and runs_on(tokens, i, LEVEL_WORD_CHARS):
            continue
        if not short and level_pair(tokens, i):
            continue  # 专项规划|和县|区规划: the county's level word pairs with the next (县区), no county
        if i + 1 < len(tokens) and doc.text.startswith(lexicon.edge_words("media"), tokens[i + 1].start):
            continue  # 浙江日报, 湖南卫视: a medium's name
        mention = make_mention(doc, sentence, tok.start, tok.start + len(tok.text), area_type(division.level), "gazetteer")
        mention.ref = division.code
        found.append(mention)
    return found


def new_area_short_forms(doc: Doc) -> dict[str, str]:
    """Short forms of the new areas a document names in full (贵安 -> 贵安新区): state-level
    new areas are not in the county table, so the document itself says what 贵安 is."""
    forms: dict[str, str] = {}
    for index in word_tokens(doc, NEW_AREA_WORD):
        tok = doc.tokens[index - 1] if index else None
        if tok is not None and tok.pos == "ns" and 2 <= len(tok.text) <= 4:  # 贵安|新区
            forms.setdefault(tok.text, tok.text + NEW_AREA_WORD)
    return forms


NEW_AREA_WORD = "新区"


@recognizer("gazetteer-short")
def new_area_short_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    """支持贵安建设…: 贵安 standing alone, in a document that names 贵安新区."""
    forms = doc.new_areas
    found: list[Mention] = []
    if not forms or not any(form in sentence.text for form in forms):
        return found  # (most documents name no new area, most sentences none of theirs: no look-up per word)
    for i, tok in enumerate(tokens):
        full = forms.get(tok.text)
        if full is None:
            continue
        if (i > 0 and tokens[i - 1].pos == "ns") or runs_on(tokens, i, LEVEL_WORD_CHARS + "新"):
            continue  # (贵阳|贵安 too)
        found.append(make_mention(doc, sentence, tok.start, tok.start + len(tok.text), area_type("District"), "gazetteer", full))
    return found


TOWN_LIST = re.compile(r"(?:[\u4e00-\u9fff]{2,3}、)+[\u4e00-\u9fff]{2,3}")
TOWN_LIST_MIN = 2  # items: one short word alone is too often a common word (大路, 城西)
TOWN_ITEM_MAX = 3  # characters of an item of `TOWN_LIST`


def list_window(text: str) -> tuple[int, int]:
    """Where a match of `TOWN_LIST` can be: from an item's length before the first 、 to an
    item's length after the last (the pattern need not try every other character)."""
    return max(0, text.find("、") - TOWN_ITEM_MAX), text.rfind("、") + 1 + TOWN_ITEM_MAX


@recognizer("township-list", needs=("、",))
def township_lists(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    """A list of a county's towns by short name (开平的塘口、赤坎、百合、蚬岗; 辖崖头、寻山、
    崂山、城西4个街道): every item a township of an area the document names."""
    found: list[Mention] = []
    if "、" not in sentence.text:
        return found  # no list: spares the set of word starts below
    short_names = lexicon.townships_by_short_name()
    for match in TOWN_LIST.finditer(sentence.text, *list_window(sentence.text)):
        items, position, picked = match.group().split("、"), sentence.start + match.start(), []
        # all items, or all but one (a town the table knows by an older name), are towns
        needed, misses = max(TOWN_LIST_MIN, len(items) - 1), 0
        for index, item in enumerate(items):
            if misses > len(items) - needed:
                break  # (most lists: too many items are no towns already, the rest need no look-up)
            # the first item may carry the words before the list (推动|塘口), the last the
            # words after it (蚬岗|等)
            options = [(cut, item[cut:]) for cut in range(len(item) - 1)] if index == 0 else [(0, item)]
            if index == len(items) - 1:
                options = [(0, item[:size]) for size in range(len(item), 1, -1)]
            township, chosen = None, (0, item)
            for cut, option in options:
                # (most options name no township: that look-up first)
                if option in short_names and index_starting_at(tokens, position + cut) is not None:
                    township = pick_township(option, doc.areas, short=True)
                    if township is not None:
                        chosen = (cut, option)
                        break
            picked.append((chosen[1], position + chosen[0], township))
            misses += township is None
            position += len(item) + 1
        known = [(item, start, township) for item, start, township in picked if township is not None]
        if len(known) < needed:
            continue
        for item, start, township in known:
            mention = make_mention(doc, sentence, start, start + len(item), area_type("Township"), "gazetteer")
            mention.ref = township.code
            found.append(mention)
    return found


# A short place name and another in brackets right after it: what
# re.compile(r"([\u4e00-\u9fff]{2,4})\(([\u4e00-\u9fff]{2,4})\)").finditer finds, read from
# the brackets (`bracketed_spans`): that pattern, tried at every character of a document,
# was the slowest of its scans.
BRACKET_INNER = re.compile(r"\(([\u4e00-\u9fff]{2,4})\)")
OUTER_MAX = 4  # characters of the name before the bracket
OUTER_MIN = 2


def bracketed_spans(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, bracket, end) of each `清远(英德)` in `text`, in text order, without overlaps:
    the outer name is the characters from `start` to the bracket, as many as there are up to
    OUTER_MAX (the leftmost start the pattern would find), none of them in the last match."""
    last_end = 0
    for inner in BRACKET_INNER.finditer(text):
        bracket = inner.start()
        start, floor = bracket, max(bracket - OUTER_MAX, last_end)
        while start > floor and "\u4e00" <= text[start - 1] <= "\u9fff":
            start -= 1
        if bracket - start >= OUTER_MIN:
            last_end = inner.end()
            yield start, bracket, inner.end()


def bracketed_areas(doc: Doc) -> list[Mention]:
    """清远(英德): a county written in brackets after its city (GUIDELINES: bracket notation),
    inside a name or not; both are areas, the county a child of the city in the table."""
    found: list[Mention] = []
    for match_start, bracket, match_end in bracketed_spans(doc.text):
        named = doc.text[match_start:bracket]
        # the longest ending of the name before the bracket that names a division
        outer_text, outer = next(((named[-size:], d) for size in range(len(named), 1, -1)
                                  if (d := pick_division(named[-size:], doc.areas, True)) is not None), ("", None))
        if outer is None:
            continue
        inner_text = doc.text[bracket + 1:match_end - 1]
        children = [d for d in (lexicon.divisions_by_full_name().get(inner_text, ()) + lexicon.divisions_by_short_name().get(inner_text, ()))
                    if d.parent == outer.code]
        if len(children) != 1:
            continue
        sentence = next(s for s in doc.sentences if s.start <= match_start < s.end)
        outer_start = bracket - len(outer_text)
        for text, start, division in ((outer_text, outer_start, outer), (inner_text, bracket + 1, children[0])):
            mention = make_mention(doc, sentence, start, start + len(text), area_type(division.level), "bracket-area")
            mention.ref = division.code
            found.append(mention)
    return found


TOWN_LEVEL = re.compile(r"镇|乡|街道")
TOWN_HEAD = (2, 4)  # characters of a town's own name before its level word


@recognizer("township", needs=("镇", "乡", "街道"))
def townships_in_text(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    """Towns of the areas a document names, found in the text whatever the segmenter made of
    them (在勤|丰镇建设, 在道|滘|镇): the table says which strings are towns of that county or city."""
    found: list[Mention] = []
    if "镇" not in sentence.text and "乡" not in sentence.text and "街道" not in sentence.text:
        return found  # (most sentences name no town: three searches in C spare the pattern's scan)
    towns = lexicon.townships_by_name()
    for level in TOWN_LEVEL.finditer(sentence.text):
        end = sentence.start + level.end()
        for size in range(TOWN_HEAD[1], TOWN_HEAD[0] - 1, -1):
            start = sentence.start + level.start() - size
            if start < sentence.start or doc.text[start:end] not in towns:
                continue  # (most strings name no township: no call)
            township = pick_township(doc.text[start:end], doc.areas)
            if township is not None:
                mention = make_mention(doc, sentence, start, end, area_type("Township"), "gazetteer")
                mention.ref = township.code
                found.append(mention)
                break
    return found
