"""Records that flow through the pipeline: a `Doc` per input file, filled stage by stage."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass
class DocMeta:
    """What we know about a document beyond its text."""

    title: str = ""
    date: date | None = None
    year: int | None = None  # the year it was written: the date's, or read from the text when undated
    reported_year: int | None = None  # the year a bulletin reports on (2023年…统计公报), or None
    genre: str = ""  # "bulletin" (统计公报), "report" (政府工作报告) or "" (any other text)
    source: str = ""
    media_type: str = "text/plain"
    encoding: str = "utf-8"
    sha256: str = ""


@dataclass(slots=True)  # (many per document: smaller and quicker to make)
class Sentence:
    """A sentence: offsets `start`/`end` index `Doc.text` (the normalised text)."""

    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)  # (many per document: smaller and quicker to make)
class Token:
    text: str
    pos: str
    start: int  # offset into Doc.text


@dataclass(slots=True)  # (many per document: smaller and quicker to make)
class Mention:
    """A span of `Doc.text` recognised as naming an entity of a core type."""

    text: str  # surface form, as normalised
    label: str  # the name this mention proposes (surface without quotes/marks)
    type: str  # core type (see namespace.CORE_TYPES)
    sub: str = ""  # subclass name, or ""
    start: int = 0
    end: int = 0
    sentence: int = 0
    rule: str = ""  # which recogniser produced it
    address: str = ""  # area words written before the name (花溪区燕楼镇), not part of the label
    ref: str = ""  # an identifier the recogniser knows, e.g. the division code of 花溪 (520111)
    key: str = ""  # filled by resolution: the entity key this mention resolves to
    edges: str = ""  # the edge decisions that moved its span (`L:国家级`, `split:park`), for `kg eval --errors`


@dataclass
class Relation:
    """A directed link between two mentions' entities, read from one sentence."""

    predicate: str  # local name in the kg: namespace, e.g. "locatedIn"
    subject: Mention
    object: Mention
    sentence: int
    rule: str = ""


@dataclass
class Figure:
    """A quantitative statement: `value unit` of `indicator` for `subject` in `year`."""

    subject: Mention | None
    indicator: str
    value: Decimal
    unit: str
    year: int
    kind: str  # "Actual", "Target" or "Estimate" (预计: a result not yet final)
    start: int
    end: int
    sentence: int
    text: str = ""  # the figure as written, e.g. "980亿元"
    surface: str = ""  # the indicator as the text words it, before normalising (规上工业增加值)
    period: str = "Year"  # Year, PartYear (1—10月), FiveYear (十四五, 五年来), Cumulative, Average
    period_label: str = ""  # the words that set a non-annual period: 1—10月, 前三季度, 过去五年
    base: str = ""  # what a growth rate compares with: 上年, 上年同期, 2020年


@dataclass
class Milestone:
    """A dated event of a project read from one sentence: 签约, 开工, 投产, 竣工."""

    project: Mention
    kind: str  # local name of the milestone kind: Signing, Groundbreaking, Commissioning, Completion
    year: int
    month: int  # 0 where the text gives no month
    sentence: int


@dataclass
class Doc:
    """One input document and everything the pipeline learns about it."""

    path: str
    file_name: str
    raw: str  # text as decoded from the file: evidence offsets point here
    text: str = ""  # normalised text the recognisers read
    offsets: list[int] = field(default_factory=list)  # text index -> raw index (len(text)+1 entries)
    meta: DocMeta = field(default_factory=DocMeta)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    areas: frozenset[str] = frozenset()  # division codes the text names: context for short names
    new_areas: dict[str, str] = field(default_factory=dict)  # short form -> new area the text names (贵安 -> 贵安新区)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        """Stable id of the document: its file name without extension."""
        name = self.file_name
        return name.rsplit(".", 1)[0] if "." in name else name

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back to the raw text."""
        if not self.offsets:
            return start, end
        return self.offsets[start], self.offsets[end]
