"""What a quoted slogan is, read from the language around it: the noun after its closing
quote (or the head its name ends with), the verb before it, and its own words.

A report writes its programmes and much else in quotes: a principle held (坚持“投资必问效、
无效必问责”), a goal (紧盯“1422”目标), a year's theme, a set of industries (打造“4+2”产业体系),
a tool (充实“1+3”人才库), a class of problems (“三磷”…等重点环境问题整改), places whose joint
work is the programme (推进“两区两县”协同发展). Only a programme is work an area carries out
(GUIDELINES "Quoted slogans with a head"); the cue words are in data/slogan_cues.tsv.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.doc import Doc, Mention
from kg.extract.lexicon import data_lines
from kg.extract.roles.common import cues

PROGRAMME = "programme"


@dataclass(frozen=True)
class SloganCues:
    """Cue words of data/slogan_cues.tsv, longest first within each table."""
    heads: tuple[tuple[str, str], ...]  # (noun, kind)
    verbs: tuple[tuple[str, str], ...]  # (verb, kind)
    openings: tuple[str, ...]  # verbs that make a name ending in 战略 a verb phrase
    object_verbs: tuple[str, ...] = ()  # verbs (beside role `governs`) whose object a slogan may qualify
    means_verbs: tuple[str, ...] = ()  # verbs of using: the words after the slogan are a new verb
    pivots: tuple[str, ...] = ()  # verbs that make the noun after them do what a slogan says
    work_nouns: tuple[str, ...] = ()  # nouns after a slogan that name work or a kind read elsewhere


@dataclass(frozen=True)
class SloganReading:
    """What the words around a slogan say it is, and the word that said so."""
    kind: str
    cue: str

    @property
    def names_programme(self) -> bool:
        return self.kind == PROGRAMME


# The `where` columns of data/slogan_cues.tsv that list bare words, by SloganCues field.
WORD_LISTS = {"opening": "openings", "object-verb": "object_verbs", "means-verb": "means_verbs",
              "pivot": "pivots", "work-noun": "work_nouns"}


@lru_cache(maxsize=1)
def slogan_cues() -> SloganCues:
    heads: list[tuple[str, str]] = []
    verbs: list[tuple[str, str]] = []
    words: dict[str, list[str]] = {field: [] for field in WORD_LISTS.values()}
    for line in data_lines("slogan_cues.tsv"):
        word, where, kind = line.split("\t")[:3]
        if where in WORD_LISTS:
            words[WORD_LISTS[where]].append(word)
        else:
            (heads if where == "head" else verbs).append((word, kind))
    return SloganCues(heads=tuple(sorted(heads, key=lambda p: -len(p[0]))),
                      verbs=tuple(sorted(verbs, key=lambda p: -len(p[0]))),
                      **{field: tuple(listed) for field, listed in words.items()})


def is_verb_phrase(label: str) -> bool:
    """A name read without quotes that is a verb and its object (服务和融入国家重大战略,
    服务重大国家战略): the strategy is the verb's object, no strategy of that name."""
    return label.endswith("战略") and label.startswith(slogan_cues().openings)


# A slogan made of counted places (两区两县, 四城, 两湖, 一城两区): names the places themselves.
PLACES = re.compile(r"^([一二两三四五六七八九十]+[区县城市湖镇乡村港岛湾片])+$")


# The rest of a list of quoted slogans after this one (“四主四市”“四主四区”战略).
QUOTED_LIST = re.compile(r"^(”?[、和及与]?“[^”]{1,20}”)+")


# A count and a scale between a slogan and its noun (“引育用留”四大工程).
COUNT_SCALE = re.compile(r"^([0-9]+|[一二两三四五六七八九十百千万]+)(个|项|大|类|条|家|种)?")


# The rest of a list of unquoted items this slogan stands in, to the 等 that closes it and a
# few words that qualify the noun (污水、“三磷”、岩溶洞穴、建筑垃圾等重点环境问题整改).
UNQUOTED_LIST = re.compile(r"^”?(、[^，,。；;、“”]{1,8})+等")
QUALIFIER = 4  # characters that may qualify the list's noun: 等重点环境问题整改


# The words that name work in the slogan itself (“八八战略”, “一号工程”, “四千行动”; a practice
# to follow, “枫桥经验”).
OWN_HEAD = re.compile(r"(战略|工程|行动|计划|机制|制度|改革|试点|活动|方案|政策|模式|攻坚战|会战|经验)$")


WINDOW = 8  # characters before a bare slogan where its verb stands: 坚持“…”, 深入实施“…”


def _head_kind(text: str) -> SloganReading | None:
    if not text.startswith(head_words()):
        return None  # (most texts: no head word at all)
    for word, kind in slogan_cues().heads:
        if text.startswith(word):
            return SloganReading(kind, word)
    return None


@lru_cache(maxsize=1)
def head_words() -> tuple[str, ...]:
    return tuple(word for word, _ in slogan_cues().heads)


SPACES = re.compile(r"\s+")


def closing_quote(doc: Doc, work: Mention) -> int:
    """Where the slogan's closing quote stands: right after its name or at its last
    character (a bare slogan, “两山”), before its end where the name takes its head in
    (“1+3”人才库); -1 when it has none."""
    return doc.text.rfind("”", work.start, work.end + 1)


def head_after(doc: Doc, work: Mention) -> str:
    """The words right after the slogan, past the rest of a list it stands in and a count:
    where the noun it is read with stands."""
    close = closing_quote(doc, work)
    if close >= 0 and close + 1 < work.end:
        return doc.text[close + 1:work.end]  # “1+3”人才库: the head is in the name
    after = SPACES.sub("", doc.text[work.end:work.end + 60])
    after = QUOTED_LIST.sub("", after.lstrip("”\""))
    listed = UNQUOTED_LIST.match(after)
    if listed:
        rest = after[listed.end():]
        at = min((rest.find(word) for word, _ in slogan_cues().heads if 0 <= rest.find(word) <= QUALIFIER), default=0)
        return rest[at:]
    return COUNT_SCALE.sub("", after.lstrip("”\""), count=1)


def slogan_reading(doc: Doc, work: Mention, before: str) -> SloganReading | None:
    """What the slogan is, or None when the words around it do not say. `before` is the text
    of its clause before it. The head noun outweighs the verb: 坚持“四主四市”“四主四区”战略
    is a strategy carried out, 坚持“投资必问效、无效必问责” a principle held."""
    head = _head_kind(head_after(doc, work))
    if head is not None and head.kind == "places" and PLACES.match(work.label):
        return head  # “两区两县”协同发展
    if head is not None and head.kind != "places":
        return head
    own = OWN_HEAD.search(work.label)
    if own:
        return SloganReading(PROGRAMME, own.group())
    modified = _modifies_words_after(doc, work, before) or _describes_before(doc, work, before)
    if modified is not None:
        return modified
    if head is not None:
        return None  # a places head after a slogan that names no places (“一河一道两片”规划建设): not said
    return _verb_before(before[-WINDOW:])


# The run of words straight after a slogan's closing quote, to the punctuation that ends it.
RUN = re.compile(r"[^，,。；;、：:！？!?“”\"《》〈〉（）()\s]+")
CLAUSE_ENDS = re.compile(r"[，,。；;！？!?]")
RUN_ENDS = "，,。；;、：:！？!?"  # the run ends its clause or a listed item: no further quote is its object


def _modifies_words_after(doc: Doc, work: Mention, before: str) -> SloganReading | None:
    """A bare slogan written between the verb of its clause and words that end the clause or
    a listed item (开展“两业”领衔调度, 完善“两山”转化、…机制, 建设“源网荷储”一体化等新型电力系统):
    the verb's object is those words, which the slogan only qualifies, and they name no
    programme (no head of data/slogan_cues.tsv, no `work-noun`): it is no name of its own.
    Kept: the words name work (实施“X”行动, 推行“X”模式, 深化“X”改革, 抓实“六保”任务), or
    take a quote of their own (围绕“四新”主攻“四化”)."""
    close = closing_quote(doc, work)
    if close < work.end - 1 or close + 1 >= len(doc.text):
        return None  # not quoted, or the head is in the name (“1+3”人才库)
    if not before.endswith(cues("governs") + slogan_cues().object_verbs):
        return None  # 城市“一圈两场三改”成效显著: the slogan is the clause's subject
    if before.endswith(slogan_cues().means_verbs):
        return None  # 运用“有解思维”破解难题: the slogan is the means, the words after a new verb
    run = RUN.match(doc.text, close + 1)
    if run is None or len(run.group()) < 2 or doc.text[run.end():run.end() + 1] not in RUN_ENDS:
        return None
    words = run.group()
    if doc.text[run.end():run.end() + 2] == "、“":
        # parallel items, each a slogan and its words, share the head that ends the list:
        # 推动“四化”现代都市、“四区”首善之地建设 (the building of both is the work)
        clause_end = CLAUSE_ENDS.search(doc.text, run.end())
        words += doc.text[run.end():clause_end.start() if clause_end else run.end()]
    if COUNT_RUN.match(words) or FRAME_WORD.match(words) or any(v in words for v in cues("governs")):
        return None  # 建成“15分钟生活圈”8个, 在推进“双岗建功”中, 紧盯“十减”大力推进基层减负: a count, a frame, a new verb
    named = [w for w, kind in slogan_cues().heads if kind != "places" and w in words]
    if named or OWN_WORK_WORD.search(words) or any(w in words for w in slogan_cues().work_nouns):
        return None
    return SloganReading("modifier", words)


# A bare slogan written straight after the last item of an unquoted list and before the words
# it qualifies (耕地数量、质量、生态“三位一体”保护和建设): it says how the listed things are
# treated, it names nothing itself. One that ends the clause names the list (工业经济、城市经济
# “两大主战场”) and is left to the other readings.
SUMS_UP_LIST = re.compile(r"[^，,。；;、“”\"《》\s]{1,4}(、[^，,。；;、“”\"《》\s]{1,4})+$")
# A bare slogan ending its clause after a verb that makes a noun do something and that noun
# (推动国企“瘦身提质”): what the noun is to do or become, a goal, no programme carried out.
PIVOT_NOUN = r"[^，,。；;、“”\"《》\s]{1,4}$"
COUNTED_NAME = re.compile(r"^([0-9]+|[一二两三四五六七八九十百千万]+)")


def _describes_before(doc: Doc, work: Mention, before: str) -> SloganReading | None:
    """A bare slogan whose words before it make it describe: the sum of a list just before it
    (数量、质量、生态“三位一体”), or what the noun after a causing verb is to do (推动国企
    “瘦身提质”, 引导企业“…”). Not a counted set (做好金融“五篇大文章”) nor one with a head."""
    close = closing_quote(doc, work)
    if close < work.end - 1:
        return None
    ends_clause = doc.text[close + 1:close + 2] in RUN_ENDS
    if SUMS_UP_LIST.search(before) and not ends_clause:
        return SloganReading("describes", before[-4:])
    if COUNTED_NAME.match(work.label) or not ends_clause:
        return None
    for verb in slogan_cues().pivots:
        if verb in before and re.search(re.escape(verb) + PIVOT_NOUN, before):  # (the cheap test first)
            return SloganReading("goal", verb)
    return None


# A count after a slogan (建成“15分钟生活圈”8个, 新建“X”三个): the slogan is what is counted.
COUNT_RUN = re.compile(r"^([0-9０-９.]+|[一二两三四五六七八九十百千万]+[个项家处座条所批类种])")


# A localizer after a slogan: the slogan is the object inside a frame (在推进“双岗建功”中).
FRAME_WORD = re.compile(r"^(中|里|时|后|上|以来|期间|过程)")


# The words that name work anywhere in the words after a slogan (“五个一”服务保障机制).
OWN_WORK_WORD = re.compile(OWN_HEAD.pattern.rstrip("$"))


def _verb_before(window: str) -> SloganReading | None:
    """The kind the verb nearest before a bare slogan gives it (坚持 a principle, 确保 a goal),
    unless a carrying-out verb stands nearer the slogan (坚持深入实施“…”)."""
    verbs = slogan_cues().verbs
    at, verb, kind = max(((window.rfind(v), v, k) for v, k in verbs), default=(-1, "", ""))
    if at < 0:
        return None
    held = {v for v, _ in verbs}
    governing = max((window.rfind(v) for v in cues("governs") if v not in held), default=-1)
    if governing >= at + len(verb):
        return None
    return SloganReading(kind, verb)
