"""Project milestones: 签约, 开工, 投产 / 建成投用, 竣工 read as dated events of a project.

A milestone is a project mention and a milestone word in one clause, the word after the
project (贵阳低空飞行服务基地建成投用, A、B等项目开工) or right before it (开工建设X).
Plans are not events: a clause that says 力争, 计划, 将, 拟 or 预计 is left out. The year is
the nearest `YYYY年` before the word in the sentence (with its month, 2024年3月), else
今年/去年 against the document's date, else the year of the section heading above
(一、2024年工作回顾), else the document's year. Cue words: `data/milestone_cues.tsv`.
"""
from __future__ import annotations

import re

from kg.doc import Doc, Mention, Milestone
from kg.extract.lexicon import milestone_cues

CLAUSE = re.compile(r"[，,；;。！？!?：:]")
YEAR = re.compile(r"(?<![比较])(20\d\d|19\d\d)年(?:(\d{1,2})月)?")
MONTH = re.compile(r"(?<![0-9])(\d{1,2})月")
PLAN_WORDS = ("力争", "计划", "将于", "将", "拟", "预计", "确保", "争取", "有望", "即将", "推动", "加快", "推进")
BEFORE_LIMIT = 4  # 开工建设|X: the word is the verb that governs the name
HEADING_LIMIT = 40
LIST_JOIN = re.compile(r"[”\"]?[、和及与][“\"]?")


def clause_bounds(text: str, start: int, end: int, position: int) -> tuple[int, int]:
    """The clause of `text[start:end]` that holds `position`."""
    left = start
    for match in CLAUSE.finditer(text, start, position):
        left = match.end()
    found = CLAUSE.search(text, position, end)
    return left, found.start() if found else end


def heading_years(doc: Doc) -> dict[int, int]:
    """Per sentence, the year of the nearest heading above it that names one."""
    years: dict[int, int] = {}
    current: int | None = None
    for sentence in doc.sentences:
        text = sentence.text.strip()
        if len(text) <= HEADING_LIMIT and not re.search(r"[。；]", text[:-1]):
            match = YEAR.search(text)
            if match:
                current = int(match.group(1))
        if current is not None:
            years[sentence.index] = current
    return years


def date_of(doc: Doc, sentence_start: int, cue_at: int, heading: int | None) -> tuple[int, int] | None:
    """The year and month a milestone word at `cue_at` refers to."""
    before = doc.text[sentence_start:cue_at]
    found = list(YEAR.finditer(before))
    if found:
        last = found[-1]
        month = last.group(2) or _month_after(before[last.end():])
        return int(last.group(1)), int(month or 0)
    written = doc.meta.date
    if written is not None and "去年" in before:
        return written.year - 1, 0
    if written is not None and "今年" in before:
        return written.year, int(_month_after(before) or 0)
    if heading is not None:
        return heading, int(_month_after(before) or 0)
    if doc.meta.year:
        return doc.meta.year, int(_month_after(before) or 0)
    return None


def _month_after(text: str) -> str:
    match = MONTH.search(text)
    return match.group(1) if match and 1 <= int(match.group(1)) <= 12 else ""


def _cue_in(text: str) -> tuple[int, str, str] | None:
    """The first milestone word of `text`: (offset, word, kind)."""
    best: tuple[int, str, str] | None = None
    for word, kind in milestone_cues():
        at = text.find(word)
        if at >= 0 and (best is None or at < best[0]):
            best = (at, word, kind)
    return best


def milestones_of(doc: Doc, project: Mention, headings: dict[int, int]) -> list[Milestone]:
    sentence = doc.sentences[project.sentence]
    left, right = clause_bounds(doc.text, sentence.start, sentence.end, project.start)
    clause = doc.text[left:right]
    if any(word in clause for word in PLAN_WORDS):
        return []
    after = _cue_in(doc.text[project.end:right])
    before_text = doc.text[max(left, project.start - BEFORE_LIMIT):project.start]
    before = _cue_in(before_text)
    found: list[Milestone] = []
    for cue, at in ((after, project.end + after[0] if after else 0),
                    (before, project.start - len(before_text) + before[0] if before else 0)):
        if cue is None:
            continue
        date = date_of(doc, sentence.start, at, headings.get(sentence.index))
        if date is not None:
            found.append(Milestone(project, cue[2], date[0], date[1], project.sentence))
    return found


def extract_milestones(doc: Doc) -> Doc:
    """The pipeline stage: milestones of the projects a document names."""
    headings = heading_years(doc)
    found: list[Milestone] = []
    seen: set[tuple[str, str, int]] = set()
    previous: tuple[Mention, list[Milestone]] | None = None
    for mention in doc.mentions:
        if mention.type != "Project":
            continue
        own = milestones_of(doc, mention, headings)
        if not own and previous is not None and LIST_JOIN.fullmatch(doc.text[previous[0].end:mention.start]):
            # 建成投产宁德时代第二条生产线、闪聚电池第三条生产线: the verb governs the whole list
            own = [Milestone(mention, m.kind, m.year, m.month, mention.sentence) for m in previous[1]]
        previous = (mention, own)
        for milestone in own:
            key = (milestone.project.label, milestone.kind, milestone.year)
            if key not in seen:
                seen.add(key)
                found.append(milestone)
    doc.milestones = found
    return doc
