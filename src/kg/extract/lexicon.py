"""Domain knowledge loaded from the data files in `kg/data/` (one loader per file)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
from importlib import resources


def data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a data file under src/kg/data/ (every table there is
    read through this)."""
    text = resources.files("kg.data").joinpath(name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def any_of(words: Iterable[str]) -> re.Pattern[str]:
    """One pattern that matches any of `words` (tried in the order given; none: a pattern
    that matches nothing): a search for all of a list's words in one scan of a text, not
    one scan per word."""
    alternatives = "|".join(map(re.escape, words))
    return re.compile(alternatives if alternatives else r"(?!)")


def _words(name: str) -> frozenset[str]:
    return frozenset(line.strip() for line in data_lines(name))


@dataclass(frozen=True)
class Suffix:
    text: str
    type: str
    sub: str
    rule: str = ""  # "", or flags "exact", "body", "weak", "qualified", "titled", "quoted" joined by + (see suffixes.tsv)


class Division(NamedTuple):  # a named tuple: 46,000 of them are made at start-up, ~5x faster than a frozen dataclass
    code: str
    name: str
    level: str  # Province, City, District or Township
    parent: str  # parent code or ""
    short_forms: tuple[str, ...] = ()  # 郑州市 -> 郑州; 黔南布依族苗族自治州 -> 黔南州, 黔南 (longest first)
    former_names: tuple[str, ...] = ()  # 襄阳市 -> 襄樊市, 襄樊

    @property
    def short(self) -> str:
        """The shortest form documents use for it: 花溪区 -> 花溪, 黔南布依族苗族自治州 -> 黔南."""
        return self.short_forms[-1] if self.short_forms else self.name


def _suffix_rows(name: str) -> list[Suffix]:
    """Rows `text, type, sub-type, rule` of a data file (the last two may be empty)."""
    rows = []
    for line in data_lines(name):
        parts = line.split("\t") + ["", ""]
        rows.append(Suffix(parts[0], parts[1], parts[2], parts[3]))
    return rows


def _words_of_kind(name: str, kind: str) -> tuple[str, ...]:
    """The words of a `word, kind` data file whose kind is `kind`, in file order."""
    return tuple(word for word, of_kind in (line.split("\t")[:2] for line in data_lines(name)) if of_kind == kind)


@lru_cache(maxsize=None)
def suffixes() -> tuple[Suffix, ...]:
    """Type suffixes, longest first so the most specific head wins."""
    return tuple(sorted(_suffix_rows("suffixes.tsv"), key=lambda s: (-len(s.text), s.text)))


@lru_cache(maxsize=None)
def suffix_map() -> dict[str, Suffix]:
    return {s.text: s for s in suffixes()}


@lru_cache(maxsize=None)
def longest_suffix() -> int:
    return max(len(s.text) for s in suffixes())


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[Division, ...]:
    """Every row of `gazetteer.tsv` (national divisions to township level, from jionlp)."""
    rows = []
    for line in data_lines("gazetteer.tsv"):
        code, name, level, parent, short, former = (line.split("\t") + [""] * 6)[:6]
        rows.append(Division(code, name, level, parent, tuple(short.split(",")) if short else (),
                             tuple(former.split(",")) if former else ()))
    return tuple(rows)


# County-level zones the table lists beside counties (邯郸经济技术开发区, 唐山市汉沽管理区):
# GUIDELINES types development zones as parks, so recognition does not read them as areas.
PARK_ENDINGS = ("开发区", "园区", "示范区", "合作区", "保税区", "试验区", "管理区")


@lru_cache(maxsize=None)
def divisions() -> tuple[Division, ...]:
    """Provinces, cities and counties (the levels whose names are known words)."""
    return tuple(div for div in _gazetteer() if div.level != "Township")


@lru_cache(maxsize=None)
def division_by_name() -> dict[str, Division]:
    """Full names (花溪区) and unambiguous short names (花溪) to their division."""
    table: dict[str, Division] = {}
    shorts: dict[str, list[Division]] = {}
    for div in divisions():
        table.setdefault(div.name, div)
        for form in div.short_forms:
            shorts.setdefault(form, []).append(div)
    for short, divs in shorts.items():
        if len(divs) == 1 and short not in table:
            table[short] = divs[0]
    return table


@lru_cache(maxsize=None)
def divisions_by_full_name() -> dict[str, tuple[Division, ...]]:
    """Full name -> every division of that name (白云区 is in 贵阳 and in 广州); a former
    full name (襄樊市) gives the division as it is now."""
    table: dict[str, list[Division]] = {}
    for div in divisions():
        table.setdefault(div.name, []).append(div)
    for div in divisions():
        for former in div.former_names:
            if former[-1] in "省市区县州盟旗" and former not in table:
                table.setdefault(former, []).append(div)
    return {name: tuple(divs) for name, divs in table.items()}


@lru_cache(maxsize=None)
def divisions_by_short_name() -> dict[str, tuple[Division, ...]]:
    """Short name -> divisions going by it (花溪 -> 花溪区; 海南 -> 海南省, 海南州, 海南区)."""
    table: dict[str, list[Division]] = {}
    full = divisions_by_full_name()
    for div in divisions():
        forms = div.short_forms + tuple(f for f in div.former_names if f not in full)
        for form in forms:
            if form != div.name and div not in table.get(form, []):
                table.setdefault(form, []).append(div)
    return {name: tuple(divs) for name, divs in table.items()}


@lru_cache(maxsize=None)
def townships_by_name() -> dict[str, tuple[Division, ...]]:
    """Full township names (镇, 乡, 街道) -> every township of that name (石板镇 is in
    贵州, 广东, 重庆 and 四川): only the areas a document names tell them apart."""
    table: dict[str, list[Division]] = {}
    for div in _gazetteer():
        if div.level == "Township":
            table.setdefault(div.name, []).append(div)
    return {name: tuple(divs) for name, divs in table.items()}


@lru_cache(maxsize=None)
def townships_by_short_name() -> dict[str, tuple[Division, ...]]:
    """Short township names (塘口 for 塘口镇) -> the townships going by them; read only in a
    list of a whole's parts, where the document's areas tell them apart."""
    table: dict[str, list[Division]] = {}
    for div in _gazetteer():
        if div.level == "Township":
            for form in div.short_forms:
                table.setdefault(form, []).append(div)
    return {name: tuple(divs) for name, divs in table.items()}


@lru_cache(maxsize=None)
def division_by_code() -> dict[str, Division]:
    return {div.code: div for div in _gazetteer()}


@lru_cache(maxsize=None)
def edge_words(kind: str) -> tuple[str, ...]:
    """Words of `name_edges.tsv` of one kind (`left`, `describes`), longest first."""
    return tuple(sorted(_words_of_kind("name_edges.tsv", kind), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=None)
def kind_names() -> frozenset[str]:
    return _words("kind_names.txt")


@lru_cache(maxsize=None)
def generic_phrases() -> frozenset[str]:
    return _words("generic_phrases.txt")


@lru_cache(maxsize=None)
def boundary_words() -> frozenset[str]:
    return _words("boundary_words.txt")


@lru_cache(maxsize=1)
def outcome_words() -> frozenset[str]:
    return _words("outcome_words.txt")


@lru_cache(maxsize=1)
def product_words() -> tuple[str, ...]:
    return tuple(sorted(_words("product_words.txt")))


@lru_cache(maxsize=None)
def gov_bodies() -> frozenset[str]:
    return _words("gov_bodies.txt")


@lru_cache(maxsize=None)
def relation_cues(cue: str) -> tuple[str, ...]:
    """Words that signal one kind of relation (`relation_cues.tsv`), longest first."""
    return tuple(sorted(_words_of_kind("relation_cues.tsv", cue), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=None)
def programme_verbs() -> frozenset[str]:
    return _words("programme_verbs.txt")


@lru_cache(maxsize=None)
def quote_heads() -> frozenset[str]:
    return _words("quote_heads.txt")


@lru_cache(maxsize=None)
def quote_head_suffixes() -> tuple[Suffix, ...]:
    """The suffixes that are quote heads, in `suffixes()` order: read after every quoted
    phrase, so filtered once rather than there."""
    heads = quote_heads()
    return tuple(s for s in suffixes() if s.text in heads)


@lru_cache(maxsize=None)
def enterprises() -> frozenset[str]:
    return _words("enterprises.txt")


@lru_cache(maxsize=None)
def industry_words() -> frozenset[str]:
    return _words("industry_words.txt")


@lru_cache(maxsize=None)
def list_heads() -> dict[str, Suffix]:
    """Heads shared by a list (`A、B等企业`): the head gives each item its type."""
    return {row.text: row for row in _suffix_rows("list_heads.tsv")}


@lru_cache(maxsize=None)
def name_patterns() -> tuple[tuple["re.Pattern[str]", str], ...]:
    """(regular expression, core type) for names typed by their form."""
    rows = []
    for line in data_lines("name_patterns.tsv"):
        pattern, type_ = line.split("\t")[:2]
        rows.append((re.compile(pattern), type_))
    return tuple(rows)


@lru_cache(maxsize=None)
def target_cues(where: str) -> tuple[str, ...]:
    """Words that make a figure a target, by where they count: clause, sentence, heading."""
    return _words_of_kind("target_cues.tsv", where)


@lru_cache(maxsize=None)
def indicators() -> tuple[str, ...]:
    """Indicator names, longest first."""
    return tuple(sorted(_words("indicators.txt"), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=None)
def units() -> tuple[str, ...]:
    """Units of figures, longest first."""
    return tuple(sorted(_words("units.txt"), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=None)
def pinyin() -> dict[str, str]:
    """Character -> toneless pinyin (generated from pypinyin by scripts/make_pinyin_table.py)."""
    return dict(line.split("\t", 1) for line in data_lines("pinyin.tsv"))


@lru_cache(maxsize=1)
def domain_words() -> dict[str, str]:
    """Recent or mis-tagged policy words and the part of speech they should have."""
    return dict(line.split("\t") for line in data_lines("domain_words.tsv"))


@lru_cache(maxsize=1)
def user_words() -> tuple[tuple[str, int, str], ...]:
    """Words added to jieba's dictionary: our suffixes, administrative names, bodies and
    firms, and recent policy words (`domain_words.tsv`).

    Frequencies are high enough that jieba keeps them whole, tags say what they are.
    """
    words: dict[str, tuple[int, str]] = {}
    for suffix in suffixes():
        if len(suffix.text) >= 2:
            words[suffix.text] = (20000, "n")
    for div in divisions():
        words[div.name] = (50000, "ns")
    for body in gov_bodies() | enterprises():
        words[body] = (20000, "nt")
    for word, pos in domain_words().items():
        words.setdefault(word, (20000, pos))
    return tuple((word, freq, tag) for word, (freq, tag) in sorted(words.items()))


@lru_cache(maxsize=1)
def user_tags() -> dict[str, str]:
    """Our part of speech for each of our user words."""
    return {word: tag for word, _, tag in user_words()}


def load_all() -> None:
    """Load every table extraction reads, so a process that forks workers holds them once
    for all of them (a short warm-up text leaves the township tables, ~0.3 s to build, and
    the cue lists to be built again in every worker)."""
    suffix_map(), longest_suffix(), divisions(), division_by_name(), divisions_by_full_name()
    divisions_by_short_name(), townships_by_name(), townships_by_short_name(), division_by_code()
    generic_phrases(), kind_names(), boundary_words(), outcome_words(), product_words(), gov_bodies()
    programme_verbs(), quote_heads(), quote_head_suffixes(), enterprises(), industry_words(), list_heads(), name_patterns()
    indicators(), units()
    for cue in ("located", "builds", "issues", "implements"):
        relation_cues(cue)



@lru_cache(maxsize=None)
def common_words_tagged_proper() -> frozenset[str]:
    """Common words the segmenter tags as places or people (common_words_tagged_proper.txt)."""
    return _words("common_words_tagged_proper.txt")


@lru_cache(maxsize=1)
def milestone_cues() -> tuple[tuple[str, str], ...]:
    """(word, kind) pairs of milestone_cues.tsv, longest word first so 建成投用 wins over 建成."""
    rows = [tuple(line.split("\t")[:2]) for line in data_lines("milestone_cues.tsv")]
    return tuple(sorted(rows, key=lambda row: -len(row[0])))  # type: ignore[arg-type]


@lru_cache(maxsize=None)
def milestone_words() -> frozenset[str]:
    """The words that report a project's milestone (milestone_cues.tsv, first column)."""
    return frozenset(word for word, _ in milestone_cues())


@lru_cache(maxsize=None)
def object_words() -> frozenset[str]:
    """Verbs and prepositions whose following name is not a figure's subject (`object_words.txt`)."""
    return _words("object_words.txt")
