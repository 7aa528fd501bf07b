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
from importlib import resources

from kg.doc import Doc, Mention
from kg.extract.roles.common import cues

PROGRAMME = "programme"


@dataclass(frozen=True)
class SloganCues:
    """Cue words of data/slogan_cues.tsv, longest first within each table."""
    heads: tuple[tuple[str, str], ...]  # (noun, kind)
    verbs: tuple[tuple[str, str], ...]  # (verb, kind)
    openings: tuple[str, ...]  # verbs that make a name ending in 战略 a verb phrase


@dataclass(frozen=True)
class SloganReading:
    """What the words around a slogan say it is, and the word that said so."""
    kind: str
    cue: str

    @property
    def names_programme(self) -> bool:
        return self.kind == PROGRAMME


@lru_cache(maxsize=1)
def slogan_cues() -> SloganCues:
    heads: list[tuple[str, str]] = []
    verbs: list[tuple[str, str]] = []
    openings: list[str] = []
    text = resources.files("kg.data").joinpath("slogan_cues.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, where, kind = line.split("\t")[:3]
        if where == "opening":
            openings.append(word)
        else:
            (heads if where == "head" else verbs).append((word, kind))
    return SloganCues(tuple(sorted(heads, key=lambda p: -len(p[0]))), tuple(sorted(verbs, key=lambda p: -len(p[0]))),
                      tuple(openings))


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
    for word, kind in slogan_cues().heads:
        if text.startswith(word):
            return SloganReading(kind, word)
    return None


def head_after(doc: Doc, work: Mention) -> str:
    """The words right after the slogan, past the rest of a list it stands in and a count:
    where the noun it is read with stands."""
    close = doc.text.rfind("”", work.start, work.end + 1)
    if close >= 0 and close + 1 < work.end:
        return doc.text[close + 1:work.end]  # “1+3”人才库: the head is in the name
    after = re.sub(r"\s+", "", doc.text[work.end:work.end + 60])
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
    if head is not None and head.kind == "places":
        return head if PLACES.match(work.label) else None  # “两区两县”协同发展, not “一河一道两片”规划建设
    if head is not None:
        return head
    own = OWN_HEAD.search(work.label)
    if own:
        return SloganReading(PROGRAMME, own.group())
    return _verb_before(before[-WINDOW:])


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
