"""Resolution: one entity per real thing, across all documents.

Mentions are grouped by (core type, name key). A mention's name key is its label after
normalisation (the scorer's NFKC, quotes and brackets removed), mapped through:

- full and short names of divisions (花溪 -> 花溪区) — done at recognition;
- abbreviations of park, zone and body names (经开区 <-> 经济技术开发区, 政府 <->
  人民政府; `abbreviations.tsv`), a zone's interchangeable endings (开发区 / 经济开发区 /
  经济技术开发区; `zone_forms.tsv`), and a version dropped (城市大脑2.0 -> 城市大脑);
- within one document, a shorter mention that another mention of the same type ends
  with after an administrative prefix (数字农业产业园 <- 花溪区燕楼镇数字农业产业园) or a
  place and a rank (大数据安全靶场 <- 贵阳国家大数据安全靶场), the core of a company name
  (品品鲜 <- 贵州品品鲜生物科技有限公司), a body's short form, a programme without its
  opening or middle words, and a quoted brand with the same head (“青黔高”旅游示范带 <-
  “青黔高”旅居示范带);
- within one document, too: a new area or body without its place (江东新区 <- 海口江东新区,
  北林区人民政府 <- 绥化市北林区人民政府), a project without the firm opening its name or a
  building word (年产5GW…项目 <- 隆基绿能年产5GW…项目, …二期项目 <- …二期扩建项目), a firm
  without its trade (启赛微电子 <- 四川启赛微电子有限公司), a town without 镇 (天竺 <- 天竺镇),
  a park without a bracketed place or dotted brand (芯导产业园 <- 智新·芯导产业园).

Two names a relation of the text links (a phase put inside its project) stay two things.

The entity's label is the fullest form seen (not one written after an address; among forms
that say as much, the one written most often); every other form is an alias. Keys, labels
and IRIs depend only on the set of mentions, never on document order.
"""
from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract import lexicon
from kg.doc import Doc, Mention, Relation
from kg.extract.lexicon import industry_words
from kg.extract.relate import builds_own_facility, is_body
from kg.extract.recognize import type_of_name

_STRIP = re.compile(r"[\s“”‘’\"'《》〈〉「」『』]")


# (cached: resolution normalises each mention's label, text and address, and a corpus
# writes the same names again and again: 0.5M calls on the x100 corpus, 500 documents)
@lru_cache(maxsize=1 << 16)
def normalize_name(name: str) -> str:
    """The scorer's normalisation: NFKC, quotes, book-title marks and spaces removed."""
    return _STRIP.sub("", unicodedata.normalize("NFKC", name))


@dataclass
class Entity:
    key: str  # "Type|name-key"
    type: str
    sub: str
    label: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[tuple[Doc, Mention]] = field(default_factory=list)
    iri_slug: str = ""
    admin_code: str = ""

    # Forms of an organisation's or a programme's name written after an address
    # (花溪区|清溪街道养老服务中心, 息烽县|农村集体经营性建设用地入市试点).
    # A park's or project's address stays in its label: the part after it may be generic
    # (花溪区|行政中心), and the guidelines name it in full.
    addressed: set[str] = field(default_factory=set)
    written: Counter[str] = field(default_factory=Counter)  # how often each surface form is written

    def label_order(self, form: str) -> tuple[bool, int, int, int, str]:
        """The label is the fullest form (the guidelines' canonical name) not written after
        an address. Forms that say as much (花溪经开区 / 花溪区经开区: the same place key;
        城市大脑 / 城市大脑2.0: a version) are ranked by how often the documents write
        them; then by code point."""
        # (a zone's ending counts as written: 经济开发区 says more than 开发区)
        said = len(place_key(self.type, expand_abbreviation(without_version(form)), zones=False))
        return (form in self.addressed, -said, -self.written[form], -len(form), form)

    @property
    def documents(self) -> list[str]:
        return sorted({doc.doc_id for doc, _ in self.mentions})


@lru_cache(maxsize=None)
def _abbreviations() -> list[tuple[str, str]]:
    rows = []
    for line in lexicon.data_lines("abbreviations.tsv"):
        short, full = line.split("\t")[:2]
        rows.append((short, full))
    return sorted(rows, key=lambda r: -len(r[1]))


@lru_cache(maxsize=1 << 16)  # (~10^5 calls on the x100 corpus, on few distinct names)
def expand_abbreviation(name: str) -> str:
    """Map a short park/zone/body form to its full form: 贵阳经开区 -> 贵阳经济技术开发区."""
    for short, full in _abbreviations():
        if name.endswith(short) and len(name) > len(short) and not name.endswith(full):
            return name[: -len(short)] + full
    return name


@lru_cache(maxsize=None)
def _zone_forms() -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """(form, canonical ending) longest first, and the kind words of `zone_forms.tsv`."""
    forms, kinds = [], []
    for line in lexicon.data_lines("zone_forms.tsv"):
        first, second = line.split("\t")[:2]
        (kinds.append(second) if first == "kind" else forms.append((first, second)))
    return tuple(sorted(forms, key=lambda r: -len(r[0]))), tuple(kinds)


def zone_key(name: str) -> str:
    """One ending for a development zone's interchangeable forms: 胶州开发区 and 胶州经济开发区
    -> 胶州经济技术开发区. A zone of another kind (…高新技术产业开发区, …旅游开发区) is left
    as it is, and so is a bare ending with nothing before it."""
    forms, kinds = _zone_forms()
    for form, canonical in forms:
        if name.endswith(form):
            stem = name[: -len(form)]
            if len(stem) < 2 or stem.endswith(kinds):
                return name
            return stem + canonical
    return name


VERSION = re.compile(r"(?<=[\u4e00-\u9fff])(?:[0-9]+\.[0-9]+|[Vv][0-9]+(?:\.[0-9]+)*)$")


def without_version(name: str) -> str:
    """城市大脑2.0 -> 城市大脑: a new version of a system or programme is the same thing,
    upgraded."""
    return VERSION.sub("", name)


_ADMIN_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{1,6}?(?:省|市|区|县|镇|乡|街道))+")


def strip_admin_prefix(name: str) -> str:
    """花溪区燕楼镇数字农业产业园 -> 数字农业产业园 (only when what remains is still a name)."""
    match = _ADMIN_PREFIX.match(name)
    if not match:
        return name
    rest = name[match.end():]
    return rest if len(rest) >= 4 else name


_COMPANY_TAIL = re.compile(r"(股份有限公司|有限责任公司|有限公司|集团有限公司|集团|公司)$")
_INDUSTRY_TAIL = re.compile(r"(生物科技|生物技术|科技|实业|发展|投资|控股|技术|信息技术|电子|贸易|农业|生物|新材料|材料)$")


def company_core(name: str) -> str:
    """贵州品品鲜生物科技有限公司 -> 品品鲜: the short form companies go by."""
    forms = company_short_forms(name)
    return forms[-1] if forms else ""


def company_short_forms(name: str) -> list[str]:
    """The forms a company's name is shortened to, fullest first: its name without the
    company word and place (四川启赛微电子有限公司 -> 启赛微电子), then without the words of
    its trade, one at a time (宁夏鑫晶盛电子材料有限公司 -> 鑫晶盛电子材料, 鑫晶盛电子,
    鑫晶盛). Empty for a name that is no company's."""
    core = _COMPANY_TAIL.sub("", name)
    if core == name:
        return []
    for division in (core[:2], core[:3]):
        if lexicon.division_by_name().get(division) and len(core) > len(division) + 1:
            core = core[len(division):]
            break
    forms = []
    while len(core) >= 2 and core not in forms:
        forms.append(core)
        core = _INDUSTRY_TAIL.sub("", core)
    return forms


BRANDED = re.compile(r"^“([^“”]+)”(.+)$")


def _same_brand_and_head(doc: Doc) -> dict[tuple[str, str], str]:
    """A quoted brand with the same head is one thing however the words between vary:
    “青黔高”旅游示范带 is “青黔高”旅居示范带 (the form written first names it)."""
    first: dict[tuple[str, str, str], str] = {}
    mapping: dict[tuple[str, str], str] = {}
    for mention in doc.mentions:
        match = BRANDED.match(mention.text)
        typed = type_of_name(mention.label) if match else None
        if match is None or typed is None or len(match.group(2)) <= len(typed.suffix):
            continue
        name = normalize_name(mention.label)
        group = (mention.type, match.group(1), typed.suffix)
        if first.setdefault(group, name) != name:
            mapping[(mention.type, name)] = first[group]
    return mapping


def _doc_aliases(doc: Doc) -> dict[tuple[str, str], str]:
    """Within one document: (type, short form) -> the longer form it stands for."""
    names_by_type: dict[str, set[str]] = defaultdict(set)
    for mention in doc.mentions:
        names_by_type[mention.type].add(normalize_name(mention.label))
    mapping: dict[tuple[str, str], str] = _same_brand_and_head(doc)
    for type_, names in names_by_type.items():
        for name in sorted(names, key=lambda n: (-len(n), n)):
            stripped = strip_admin_prefix(name)
            if stripped != name and stripped in names:
                mapping.setdefault((type_, stripped), name)
            if type_ == "Organization":
                cores = company_short_forms(name)
                for form in [*cores, *(core + "公司" for core in cores[-1:])]:
                    if form in names and form != name:
                        mapping.setdefault((type_, form), name)
                # a firm named with and without its trade (富士高电声科技 / 富士高电声)
                trade_dropped = _INDUSTRY_TAIL.sub("", name)
                if len(trade_dropped) >= FIRM_NAME_MIN and trade_dropped != name and trade_dropped in names:
                    mapping.setdefault((type_, trade_dropped), name)
                for form in _body_short_forms(name):
                    if form in names:
                        mapping.setdefault((type_, form), name)
        if type_ == "Organization":
            for brand, name in _brand_forms(names).items():
                mapping.setdefault((type_, brand), name)
        if type_ in ("Program", "Policy"):
            for short, name in (_opening_dropped(names) | _middle_dropped(names)).items():
                mapping.setdefault((type_, short), name)
        if type_ == "Project":
            for short, name in (_project_opening_dropped(names) | _filler_dropped(names)).items():
                mapping.setdefault((type_, short), name)
        if type_ == "AdministrativeArea":
            for short, name in _town_word_dropped(names, _bare_town_sentences(doc)).items():
                mapping.setdefault((type_, short), name)
        if type_ in PLACE_DROPPED_TYPES:
            for short, name in _place_and_rank_dropped(names, type_).items():
                mapping.setdefault((type_, short), name)
        if type_ in ("Park", "Project"):
            for short, name in _aside_dropped(names).items():
                mapping.setdefault((type_, short), name)
    # two names the text relates (宁德时代二期 part of 宁德时代…) are two things
    related = _related_names(doc)
    return {(type_, short): name for (type_, short), name in mapping.items() if (short, name) not in related}


# A link read only from one name inside the other (丝路科学城片区 in 丝路科学城) says nothing
# the variant rules do not: it is no sign of two things.
NAME_ONLY_RULES = ("name",)


def _related_names(doc: Doc) -> set[tuple[str, str]]:
    """Pairs of names a relation of `doc` links (not from their names alone), both ways."""
    pairs = set()
    for relation in doc.relations:
        if relation.rule not in NAME_ONLY_RULES:
            subject, obj = normalize_name(relation.subject.label), normalize_name(relation.object.label)
            pairs |= {(subject, obj), (obj, subject)}
    return pairs


RANK_WORDS = ("国家级", "国家", "省级")  # 贵阳|国家|大数据安全靶场: a rank between the place and the name
SHORT_NAME_MIN = 4  # characters left after the place: a shorter rest may name another thing
ZONE_SHORT_MIN = 3  # a zone's rest may be shorter where it ends with 区 and is no division (潍坊|滨海区)
PLACE_DROPPED_TYPES = ("Park", "Project", "AdministrativeArea", "Organization")


def _same_form(type_: str, name: str) -> str:
    """What two forms of one park's name share: 射阳经开区 and 射阳经济开发区 alike."""
    return zone_key(expand_abbreviation(name)) if type_ == "Park" else name


def _within(inner: lexicon.Division, outer: lexicon.Division) -> bool:
    """Whether division `inner` lies inside `outer` (by the table's parent codes)."""
    code, seen = inner.parent, set()
    while code and code not in seen:
        if code == outer.code:
            return True
        seen.add(code)
        parent = lexicon.division_by_code().get(code)
        code = parent.parent if parent else ""
    return False


def _rest_is_short_form(type_: str, place: lexicon.Division, rest: str) -> bool:
    """Whether `rest`, a name after `place`, can be the same thing named without the place.
    A body must start with an area inside the place (绥化市|北林区人民政府): its bare kind
    (人民政府) names every area's. An area or zone may be short when it ends with 区 and is no
    division itself (潍坊|滨海区)."""
    if type_ == "Organization":
        inner = next((lexicon.division_by_name()[rest[:size]] for size in range(min(len(rest) - 2, 8), 1, -1)
                      if rest[:size] in lexicon.division_by_name()
                      and lexicon.division_by_name()[rest[:size]].name == rest[:size]), None)
        return inner is not None and _within(inner, place)
    if len(rest) >= SHORT_NAME_MIN:
        return True
    return (type_ in ("Park", "AdministrativeArea") and len(rest) >= ZONE_SHORT_MIN and rest.endswith("区")
            and rest not in lexicon.division_by_name())


def _place_and_rank_dropped(names: set[str], type_: str = "Park") -> dict[str, str]:
    """A park, project, new area or body named again without its place, and the rank after
    it, is the same one: 大数据安全靶场 is 贵阳国家大数据安全靶场, 江东新区 is 海口江东新区,
    射阳经开区 is 江苏射阳经济开发区, 北林区人民政府 is 绥化市北林区人民政府 (only one fuller
    form may qualify)."""
    by_form: dict[str, list[str]] = defaultdict(list)
    for name in sorted(names):
        by_form[_same_form(type_, name)].append(name)
    fuller: dict[str, list[str]] = defaultdict(list)
    for name in sorted(names):
        place = next((size for size in range(min(len(name) - ZONE_SHORT_MIN, 8), 1, -1)
                      if name[:size] in lexicon.division_by_name()), 0)
        if not place:
            continue
        rest = name[place:]
        rank = next((word for word in RANK_WORDS if rest.startswith(word)), "")
        short = rest[len(rank):]
        if not _rest_is_short_form(type_, lexicon.division_by_name()[name[:place]], short):
            continue
        for form in by_form.get(_same_form(type_, short), ()):
            if form != name:
                fuller[form].append(name)
    # (fuller forms that are one park's forms, 贵州大龙开发区 / 贵州大龙经济开发区, count once)
    return {short: forms[0] for short, forms in fuller.items() if len({_same_form(type_, f) for f in forms}) == 1}


PROGRAMME_CORE_MIN = 3  # characters of a programme's own name before its head


def _middle_dropped(names: set[str]) -> dict[str, str]:
    """A programme named with and without a word before its head is one programme:
    创新区战略 / “创新区”发展战略 (only one fuller form may qualify)."""
    found: dict[str, str] = {}
    ordered = sorted(names)
    for short in ordered:
        typed = type_of_name(short)
        if typed is None or len(typed.suffix) < 2 or len(short) - len(typed.suffix) < PROGRAMME_CORE_MIN:
            continue
        core, head = short[: -len(typed.suffix)], typed.suffix
        fuller = [n for n in _starting_with(ordered, core) if n != short and n.endswith(head) and len(n) > len(short)]
        if len(fuller) == 1:
            found[short] = fuller[0]
    return found


def _starting_with(ordered: list[str], opening: str) -> list[str]:
    """The strings of `ordered` (sorted) that start with `opening`: they stand together from
    where a binary search puts `opening`. A look-up per name, not a scan of all names (a
    document names hundreds), and no index of every opening of every name to build first
    (that index was a quarter of the time resolution spent per document)."""
    found = []
    for i in range(bisect.bisect_left(ordered, opening), len(ordered)):
        if not ordered[i].startswith(opening):
            break
        found.append(ordered[i])
    return found


PROGRAMME_TAIL_MIN = 6  # characters: a shorter tail (学习教育) may be another programme's too


def _opening_dropped(names: set[str]) -> dict[str, str]:
    """A programme named again without its opening words is the same programme:
    中央八项规定精神学习教育 (巩固拓展…成果) is 深入贯彻中央八项规定精神学习教育."""
    found: dict[str, str] = {}
    backward = sorted(name[::-1] for name in names)  # (the names that end with a tail start with it, read backward)
    for short in sorted(names):
        if len(short) < PROGRAMME_TAIL_MIN:
            continue
        fuller = [n[::-1] for n in _starting_with(backward, short[::-1]) if n != short[::-1]]
        if len(fuller) == 1:
            found[short] = fuller[0]
    return found


PLACE_ASIDE = re.compile(r"\(([\u4e00-\u9fff]{2,8})\)")
BRAND_DOT = "·"
ASIDE_REST_MIN = 4  # characters of the name after a brand and its dot


def _aside_dropped(names: set[str]) -> dict[str, str]:
    """A park or project named again without a place in brackets (广德(英德)产业园 /
    广德产业园: the place it lies in, not a part of it as in 陆港(铁路场站)) or without the
    brand joined to it by a dot (智新·芯导产业园 / 芯导产业园) is the same one (only one
    fuller form may qualify)."""
    fuller: dict[str, list[str]] = defaultdict(list)
    for name in sorted(names):
        shorts = {PLACE_ASIDE.sub("", name) for match in PLACE_ASIDE.finditer(name)
                  if match.group(1) in lexicon.division_by_name()}
        if BRAND_DOT in name and len(name.rsplit(BRAND_DOT, 1)[1]) >= ASIDE_REST_MIN:
            shorts.add(name.rsplit(BRAND_DOT, 1)[1])
        for short in shorts:
            if short != name and short in names:
                fuller[short].append(name)
    return {short: forms[0] for short, forms in fuller.items() if len(forms) == 1}


FIRM_NAME_MIN = 3  # characters of a firm's name without its trade: 2 may be a common word
PROJECT_TAIL_MIN = 8  # characters: a shorter tail (二期项目, 技改项目) may be any project's
PHASE = re.compile(r"[一二三四五六七八九十0-9]+期")


def _project_opening_dropped(names: set[str]) -> dict[str, str]:
    """A project named again without the firm or place that opens its name is the same
    project: 年产5GW高效光伏组件项目 is 隆基绿能年产5GW高效光伏组件项目 (only one fuller form
    may qualify). An opening that names a phase (二期…) makes another part of the works."""
    found: dict[str, str] = {}
    for short in sorted(names):
        if len(short) < PROJECT_TAIL_MIN:
            continue
        fuller = [n for n in names if n != short and n.endswith(short)]
        if len(fuller) == 1 and not PHASE.search(fuller[0][: -len(short)]):
            found[short] = fuller[0]
    return found


def _filler_dropped(names: set[str]) -> dict[str, str]:
    """A project named with and without a word of building before its head is one project:
    微宏动力二期项目 / 微宏动力二期扩建项目 (`name_edges.tsv` kind filler-Project)."""
    found: dict[str, str] = {}
    fillers = lexicon.edge_words("filler-Project")
    heads = lexicon.edge_words("variant-Project")
    for name in sorted(names):
        for filler in fillers:
            for head in heads:
                if name.endswith(filler + head) and len(name) - len(filler + head) >= 2:
                    short = name[: -len(filler + head)] + head
                    if short in names:
                        found.setdefault(short, name)
    return found


TOWN_WORDS = ("镇", "乡", "街道")


def _town_word_dropped(names: set[str], sentences: dict[str, str]) -> dict[str, str]:
    """A town named without its 镇 in the same document is that town: 天竺 / 天竺镇 (only
    where one word fits: 青山 beside 青山镇 and 青山乡 stays apart; a division's short name,
    花溪 beside 花溪街道, names the division: 花溪区). `sentences` holds, per bare stem the
    recognisers did not find in the division table, the sentences it is written in: one
    that says another kind of town (辖崖头、寻山…4个街道 beside 崖头镇: the 街道 the old town
    became) keeps the two apart."""
    fuller: dict[str, list[str]] = defaultdict(list)
    for name in sorted(names):
        word = next((w for w in TOWN_WORDS if name.endswith(w)), "")
        stem = name[: -len(word)] if word else ""
        if len(stem) < 2 or stem not in sentences or stem in lexicon.division_by_name():
            continue
        said = sentences[stem]
        if any(other in said for other in TOWN_WORDS if other != word):
            continue
        fuller[stem].append(name)
    return {stem: forms[0] for stem, forms in fuller.items() if len(forms) == 1}


def _sentence_text(doc: Doc, index: int) -> str:
    """A sentence's text, also once the document is compact (its span then indexes `raw`)."""
    if not 0 <= index < len(doc.sentences):
        return ""
    sentence = doc.sentences[index]
    return sentence.text or doc.raw[sentence.start:sentence.end]


def _bare_town_sentences(doc: Doc) -> dict[str, str]:
    """Per area name without a town word, the sentences it is written in, joined."""
    said: dict[str, list[str]] = defaultdict(list)
    for mention in doc.mentions:
        if mention.type == "AdministrativeArea" and not mention.ref and not mention.label.endswith(TOWN_WORDS):
            said[normalize_name(mention.label)].append(_sentence_text(doc, mention.sentence))
    return {name: "\n".join(texts) for name, texts in said.items()}


def _brand_forms(names: set[str]) -> dict[str, str]:
    """A firm's bare brand and the one fuller form that puts its branch's city before it:
    海信 -> 贵阳海信. A business named after the brand (华为 / 华为云) is another firm."""
    found: dict[str, str] = {}
    for brand in sorted(names & lexicon.enterprises()):
        fuller = [n for n in names if _place_before(n, brand)]
        if len(fuller) == 1:
            found[brand] = fuller[0]
    return found


def _place_before(name: str, brand: str) -> bool:
    place = name[: -len(brand)]
    return name != brand and name.endswith(brand) and place in lexicon.division_by_name()


def _body_short_forms(name: str) -> list[str]:
    """花溪区政协 -> 区政协, 中共花溪区委 -> 花溪区委, 区委: how a document refers to its own
    area's body after naming it once in full."""
    forms = []
    if name.startswith("中共") and len(name) > 4:
        name = name[2:]
        forms.append(name)
    for size in range(min(len(name) - 1, 8), 1, -1):
        area = lexicon.division_by_name().get(name[:size])
        if area is not None and area.name == name[:size]:
            name = area.name[-1] + name[size:]
            forms.append(name)
            break
    if name[:1] in "省市区县" and name[1:] in lexicon.gov_bodies():
        forms.append(name[1:])  # 市人大 -> 人大
    return forms


HEAD_VARIANT_TYPES = ("Program", "Policy", "Park", "Project")


@lru_cache(maxsize=None)
def head_variants(type_: str) -> tuple[str, ...]:
    """Words that extend a name without changing what it names: a quoted slogan's head
    (四主四市 / 四主四市工作思路, 十四五 / 十四五规划) or a suffix of the same type
    (青岩古镇 / 青岩古镇景区)."""
    heads = {s.text for s in lexicon.suffixes() if s.type == type_ and len(s.text) >= 2}
    heads |= set(lexicon.edge_words("variant-" + type_))  # 花溪工业园 / 花溪工业园区
    if type_ in ("Program", "Policy"):
        heads |= lexicon.quote_heads()
    return tuple(sorted(heads, key=lambda h: (-len(h), h)))  # the longest variant wins


def merge_head_variants(entities: dict[str, Entity], related: frozenset[tuple[str, str]] = frozenset()) -> None:
    """Fold an entity into the one whose label is its label plus a head variant, unless a
    relation links the two (`related`: pairs of entity keys, both ways round): a text that
    puts 二期 inside the project treats them as two things."""
    by_label = {(e.type, e.label): e for e in entities.values()}
    for entity in sorted(entities.values(), key=lambda e: (-len(e.label), e.key)):
        if entity.type not in HEAD_VARIANT_TYPES:
            continue
        # a slogan read as a programme is the policy its fuller form names: “以旧换新” / “以旧换新”政策
        types = (entity.type, "Policy") if entity.type == "Program" else (entity.type,)
        target = next((by_label[(type_, entity.label + head)] for type_ in types for head in head_variants(type_)
                       if (type_, entity.label + head) in by_label), None)
        if target is None or target is entity or target.key not in entities or (entity.key, target.key) in related:
            continue
        fold(entity, target, entities)
    merge_parks_called_projects(entities)


def fold(entity: Entity, target: Entity, entities: dict[str, Entity]) -> None:
    """Make `entity` one with `target`: its mentions, forms and counts go to the target."""
    for _doc, mention in entity.mentions:
        mention.key = target.key
    target.mentions.extend(entity.mentions)
    target.written.update(entity.written)
    target.aliases |= entity.aliases | {entity.label}
    del entities[entity.key]


def merge_parks_called_projects(entities: dict[str, Entity]) -> None:
    """An industrial park the text also calls a project (浙能智慧能源科技产业园 / …产业园项目)
    is one node, a park (GUIDELINES "Park or project")."""
    by_label = {(e.type, e.label): e for e in entities.values()}
    # (a public park's 项目 is the works on it: 花溪湖公园 / 花溪湖公园项目 stay two)
    for park in sorted((e for e in entities.values() if e.type == "Park" and e.sub == "IndustrialPark"), key=lambda e: e.key):
        for tail in lexicon.edge_words("variant-Park"):
            project = by_label.get(("Project", park.label + tail))
            if project is not None and project.key in entities and park.key in entities:
                fold(project, park, entities)


def place_key(type_: str, name: str, zones: bool = True) -> str:
    """Parks and projects named after their district by full or short name are one thing:
    贵阳市花溪区经开区, 花溪区经开区 and 花溪经开区 share the key 花溪经济技术开发区 (the
    outer areas dropped, the innermost division shortened)."""
    if type_ not in ("Park", "Project"):
        return name
    if type_ == "Park" and zones:
        name = zone_key(name)
    while (size := _leading_division(name)) and _leading_division(name[size:]):
        name = name[size:]  # 贵阳市|花溪区…: the innermost area is enough
    if size:
        name = lexicon.division_by_name()[name[:size]].short + name[size:]
    return name


def _leading_division(name: str) -> int:
    """Length of the full division name `name` starts with (leaving a name after it), or 0."""
    for size in range(min(len(name) - 2, 8), 2, -1):
        division = lexicon.division_by_name().get(name[:size])
        if division is not None and division.name == name[:size] and division.short != division.name:
            return size
    return 0


def _slug(label: str) -> str:
    """Toneless pinyin, one syllable per character (`pinyin.tsv`), ASCII kept as is."""
    table = lexicon.pinyin()
    parts = [table.get(piece, piece) for piece in re.findall(r"[A-Za-z0-9]+|.", label)]
    text = "-".join(p for p in parts if p.strip())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text or hashlib.sha1(label.encode()).hexdigest()[:8]


def assign_slugs(entities: list[Entity]) -> None:
    """Readable pinyin slugs, disambiguated by a label hash only where two collide, and by
    a hash of the key where two entities share the label too (中关村 the 街道 of one document
    and 中关村 the village of another: two places, two nodes)."""
    by_slug: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    for entity in entities:
        by_slug[(entity.type, _slug(entity.label))].append(entity)
    for (_type, slug), group in by_slug.items():
        labels = Counter(entity.label for entity in group)
        for entity in group:
            told_by = entity.label if labels[entity.label] == 1 else entity.key
            suffix = "" if len(group) == 1 else "-" + hashlib.sha1(told_by.encode()).hexdigest()[:6]
            entity.iri_slug = slug + suffix


OFFICIAL_CODE = re.compile(r"[0-9]{6}")


def division_key(division: lexicon.Division) -> str:
    """One node per division: its name, and for a township (石板镇 is in four counties) the
    county it is in as well."""
    return division.name if division.level != "Township" else f"{division.name}@{division.parent}"


def resolve(docs: list[Doc]) -> list[Entity]:
    """Group all mentions into entities; sets `Mention.key`. Returns entities sorted by key."""
    resolution = Resolution()
    for doc in docs:
        resolution.add(doc)
    return resolution.finish(docs)


@dataclass
class Resolution:
    """`resolve` in two steps: `add` each document as it is extracted (in the documents'
    order: `kg build` adds them while the other documents are still being extracted),
    then `finish` with all of them."""

    entities: dict[str, Entity] = field(default_factory=dict)

    def add(self, doc: Doc) -> None:
        """Key each mention of `doc` and file it under its entity."""
        local = _doc_aliases(doc)
        for mention in doc.mentions:
            name = normalize_name(mention.label)
            division = lexicon.division_by_code().get(mention.ref) if mention.ref else None
            # A park's or project's address tells same-named places apart; an organisation's
            # name already holds its own area (花溪区|清溪街道养老服务中心).
            address = normalize_name(mention.address) if mention.type != "Organization" else ""
            # (the address says what a fuller form would: 柳河县|经济开发区, not 柳河县|柳河经济开发区)
            full = name if address else local.get((mention.type, name), name)
            key_name = division_key(division) if division else _key_name(mention.type, address, full)
            key = f"{mention.type}|{key_name}"
            mention.key = key
            entity = self.entities.get(key)
            if entity is None:
                entity = self.entities[key] = Entity(key=key, type=mention.type, sub=mention.sub, label=full)
            text = normalize_name(mention.text)
            entity.aliases.update({name, full, text})
            entity.written[text] += 1
            if mention.address and mention.type in ("Organization", "Program"):
                entity.addressed.add(text)
            entity.mentions.append((doc, mention))
            if mention.sub and not entity.sub:
                entity.sub = mention.sub
            if division:
                entity.sub = division.level
                if OFFICIAL_CODE.fullmatch(division.code):  # townships have no GB/T 2260 code in the source
                    entity.admin_code = division.code

    def finish(self, docs: list[Doc]) -> list[Entity]:
        """Label and merge the entities of every document added (`docs`: the same, in order)."""
        entities = self.entities
        for entity in entities.values():
            entity.label = sorted(entity.aliases, key=entity.label_order)[0]
        merge_head_variants(entities, _related_keys(docs))
        for entity in entities.values():
            forms = sorted(entity.aliases | {entity.label}, key=entity.label_order)
            entity.label = forms[0]
            entity.aliases = set(forms) - {entity.label}
        result = sorted(entities.values(), key=lambda e: e.key)
        assign_slugs(result)
        return result


@lru_cache(maxsize=1 << 16)  # (a corpus names the same things again and again)
def _key_name(type_: str, address: str, full: str) -> str:
    """The name part of the key of a mention not of a known division."""
    return place_key(type_, expand_abbreviation(address + without_version(full)))


def _related_keys(docs: list[Doc]) -> frozenset[tuple[str, str]]:
    """Pairs of entity keys a relation of any document links (not from their names alone),
    both ways round."""
    pairs = set()
    for doc in docs:
        for relation in doc.relations:
            if relation.rule in NAME_ONLY_RULES:
                continue
            subject, obj = relation.subject.key, relation.object.key
            pairs |= {(subject, obj), (obj, subject)}
    return frozenset(pairs)


def link_operators(entities: list[Entity]) -> None:
    """Across documents: a project named after a company is run by it (泰邦生物血液制品
    生产基地 and 泰邦公司 in another report). Adds kg:operatedBy to the project's document,
    with the project's sentence as evidence. Runs after resolution."""
    cores: dict[str, Entity] = {}
    for entity in entities:
        # a company read only inside a longer name (rule `nested`: 比亚迪 of 比亚迪动力电池项目)
        # is part of that name, not a company any text names (GUIDELINES 'Names inside names')
        if entity.type == "Organization" and any(m.rule != "nested" for _, m in entity.mentions):
            for name in {entity.label, *entity.aliases}:
                core = company_core(name) or (name if len(name) >= 2 and not is_body(name) else "")
                if len(core) >= 2:
                    cores.setdefault(core, entity)
    longest_first = sorted(cores, key=lambda c: (-len(c), c))
    words = sorted(industry_words(), key=lambda w: (-len(w), w))
    for project in entities:
        if project.type != "Project" or not project.mentions:
            continue
        doc, mention = project.mentions[0]
        if any(r.predicate == "operatedBy" and r.subject.key == project.key for r in doc.relations):
            continue
        core = next((c for c in longest_first
                     if project.label.startswith(c) and len(project.label) > len(c) + 1), None)
        if core is None or not cores[core].mentions or builds_own_facility(project.label, core):
            continue  # (…中心项目 builds …中心: the facility is no operator)
        owner = cores[core]
        doc.relations.append(Relation("operatedBy", mention, owner.mentions[0][1], mention.sentence, "company-name"))
        # 泰邦生物血液制品生产基地 names the firm as 泰邦生物: another name of 泰邦公司.
        rest = project.label[len(core):]
        word = next((w for w in words if rest.startswith(w)), "")
        if word and core + word != owner.label:
            owner.aliases.add(core + word)


CONTAINMENT = ("locatedIn", "partOf")  # predicates that say one thing lies inside another

# How sure each relation rule is of a containment it reads (kg.extract.relate), surest
# first: the national division table is an official hierarchy; an address written before a
# name (花溪区燕楼镇…) and a name holding its container come next; a phrase (位于…, 打造…)
# or two names side by side can be read backwards; a clause's subject holding what it names
# and the parent of listed siblings are inferences; the district a document is about is a
# guess. A rule not listed ranks last.
CONTAINMENT_RULES = ("table", "area-prefix", "name", "table-name", "built-in-area", "located-phrase", "located-after",
                     "located-before", "where-it-is", "bracket", "governs",
                     "adjacent", "park-address", "is-of", "ceremony", "built-at", "at-place", "subject", "siblings", "document-district")


def break_containment_cycles(docs: list[Doc]) -> list[tuple[str, str, str]]:
    """Containment never goes round in a circle (A in B in A): after resolution, two
    readings can close one (北京 大兴区 read as 北京 in 大兴区 by a phrase while the division
    table says the reverse). Links are kept strongest first: by the surest rule that read
    them (CONTAINMENT_RULES), then by how often they were read across all documents, then
    by key order, so the result does not depend on document order; a link that would close
    a cycle among those kept is the weakest link of that cycle and is dropped from every
    document. Returns the dropped (subject key, predicate, object key), sorted."""
    seen: Counter[tuple[str, str, str]] = Counter()
    surest: dict[tuple[str, str, str], int] = {}
    for doc in docs:
        for relation in doc.relations:
            if relation.predicate in CONTAINMENT and relation.subject.key != relation.object.key:
                link = (relation.subject.key, relation.predicate, relation.object.key)
                seen[link] += 1
                rank = CONTAINMENT_RULES.index(relation.rule) if relation.rule in CONTAINMENT_RULES else len(CONTAINMENT_RULES)
                surest[link] = min(surest.get(link, rank), rank)
    inside: dict[str, set[str]] = defaultdict(set)  # kept links: key -> keys it lies in
    dropped = set()
    for link in sorted(seen, key=lambda link: (surest[link], -seen[link], link)):
        subject, _predicate, container = link
        if _reaches(inside, container, subject):
            dropped.add(link)
        else:
            inside[subject].add(container)
    if dropped:
        for doc in docs:
            doc.relations = [r for r in doc.relations
                             if (r.subject.key, r.predicate, r.object.key) not in dropped]
    return sorted(dropped)


def _reaches(inside: dict[str, set[str]], start: str, goal: str) -> bool:
    """Whether `goal` is `start` or a container of it, following kept links."""
    stack, visited = [start], {start}
    while stack:
        key = stack.pop()
        if key == goal:
            return True
        for container in inside.get(key, ()):
            if container not in visited:
                visited.add(container)
                stack.append(container)
    return False


AREA_RANK = {"Province": 1, "City": 2, "District": 3, "Township": 4, "Village": 5}


def _depth(mention: Mention) -> int:
    """How far down a container is: a park below any area, an area by its level."""
    return 9 if mention.type != "AdministrativeArea" else AREA_RANK.get(mention.sub, 3)


def _name_links_with_nearer(doc: Doc) -> set[tuple[str, str]]:
    """Links read only from an area's name inside the thing's name (绵阳…项目 in 绵阳市) where
    another rule places the thing somewhere nearer (in a park, or a lower-level area): the
    guidelines' name pair holds "unless the entity already has a more specific pair"."""
    rules: dict[tuple[str, str], set[str]] = defaultdict(set)
    depth: dict[str, int] = {}
    for relation in doc.relations:
        if relation.predicate in CONTAINMENT and relation.subject.key != relation.object.key:
            rules[(relation.subject.key, relation.object.key)].add(relation.rule)
            depth[relation.object.key] = _depth(relation.object)
    by_name = [(child, outer) for (child, outer), made in rules.items() if made == {"name"}]
    return {(child, outer) for child, outer in by_name
            if any(c == child and other != outer and made != {"name"} and depth[other] > depth[outer]
                   for (c, other), made in rules.items())}


def keep_nearest_containers(docs: list[Doc]) -> list[tuple[str, str, str]]:
    """A thing lies directly in its nearest container only (GUIDELINES: located_in holds
    direct containment): where a document places a thing both in P and in G, and the
    containment read anywhere in the corpus puts P inside G, the link to G skips a level
    (嘉定工业区南门社区地块项目 in 嘉定工业区 and in 嘉定区) and is dropped from that
    document. Runs after `break_containment_cycles` (the links form no cycle). Returns the
    dropped (subject key, predicate, object key), sorted."""
    inside: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for relation in doc.relations:
            if relation.predicate in CONTAINMENT and relation.subject.key != relation.object.key:
                inside[relation.subject.key].add(relation.object.key)
    dropped: set[tuple[str, str, str]] = set()
    for doc in docs:
        containers: dict[str, set[str]] = defaultdict(set)
        for relation in doc.relations:
            if relation.predicate in CONTAINMENT and relation.subject.key != relation.object.key:
                containers[relation.subject.key].add(relation.object.key)
        skipped = {(child, outer) for child, outers in containers.items() for outer in outers
                   if any(inner != outer and _reaches(inside, inner, outer) for inner in outers)}
        skipped |= _name_links_with_nearer(doc)
        if not skipped:
            continue
        kept = []
        for relation in doc.relations:
            if relation.predicate in CONTAINMENT and (relation.subject.key, relation.object.key) in skipped:
                dropped.add((relation.subject.key, relation.predicate, relation.object.key))
            else:
                kept.append(relation)
        doc.relations = kept
    return sorted(dropped)
