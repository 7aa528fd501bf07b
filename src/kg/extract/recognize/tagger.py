"""A learned recogniser beside the rules: a character-level CRF (python-crfsuite).

Each character of a sentence gets a BIOES label over the six core types (B-Park, I-Park,
E-Park, S-…, O). Its features are what the rules read too, so the model learns the
cases the rules were never written for: the characters around it, the segmenter's words
and parts of speech (rjieba, `kg.extract.segment`), the type suffixes
(`data/suffixes.tsv`), the division table, the lists of bodies, firms, generic phrases and
boundary words, and whether the character stands inside quotes, brackets or 《》. Rule
output is never a feature: a model fed the rules' answers learns to copy them.

The rules stay first: `complement` keeps only the tagger's spans that overlap no rule
mention, and only spans that pass the same generic-phrase filter the rules use; they then
go through the same resolution. The model ships as `data/tagger.crfsuite` (see
`data/README`); `kg train` rebuilds it from gold files.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.doc import Doc, Mention, Sentence, Token
from kg.extract import lexicon
from kg.extract.recognize.base import COUNTED, TRAILING_BRACKET, is_generic, is_kind, is_stop_pos, type_of_name
from kg.extract.recognize.gazetteer import pick_division
from kg.extract.recognize.quoted import is_product

MODEL = Path(__file__).resolve().parent.parent.parent / "data" / "tagger.crfsuite"
CORE_TYPES = ("AdministrativeArea", "Park", "Project", "Policy", "Program", "Organization")
OUTSIDE = "O"
RULE = "tagger"  # Mention.rule of the spans it adds
MAX_SPAN = 30  # characters; a longer run of name labels is prose
MIN_SPAN = 2
LONGEST_LISTED = 12  # characters: longest division, body or firm name looked up at a position
# Distance (in characters) to the next type suffix, in buckets: the left edge of a name
# depends on the head that comes after it, further away than the character window sees.
DISTANCE_BUCKETS = (1, 2, 4, 8, 16)
OPENERS = {"“": "q", "《": "b", "(": "p", "【": "p", "〔": "p", "「": "q", "‘": "q"}
CLOSERS = {"”": "q", "》": "b", ")": "p", "】": "p", "〕": "p", "」": "q", "’": "q"}
NUMERALS = set("0123456789一二三四五六七八九十百千万两")


# The types whose spans the tagger adds beside the rules: those where rules + tagger beat
# the rules alone in 5-fold cross-validation by document (bench/bench_cv.py, seeds +
# gold-wide). Policies gained nothing there (typed F1 0.739 with and without), so the
# rules alone name policies; the tagger still reads them, to place the other names' edges.
ADDED_TYPES = frozenset({"AdministrativeArea", "Park", "Project", "Program", "Organization"})


@dataclass
class Settings:
    """Whether `kg build` runs the tagger, with which model, and which types it may add.

    `types`: the types whose spans the tagger adds beside the rules, chosen by
    cross-validation (bench/bench_cv.py): a type is kept only where rules plus tagger beat
    the rules alone on documents the model was not trained on.
    `min_confidence`: the least mean marginal probability of a span's labels."""

    enabled: bool = True
    model: Path = MODEL
    types: frozenset[str] = ADDED_TYPES
    min_confidence: float = 0.5


SETTINGS = Settings()


def configure(enabled: bool | None = None, model: Path | str | None = None,
              types: Iterable[str] | None = None, min_confidence: float | None = None) -> Settings:
    """Change the tagger's settings for this process (`kg build --no-tagger`, CV)."""
    if enabled is not None:
        SETTINGS.enabled = enabled
    if model is not None:
        SETTINGS.model = Path(model)
    if types is not None:
        SETTINGS.types = frozenset(types)
    if min_confidence is not None:
        SETTINGS.min_confidence = min_confidence
    return SETTINGS


def fingerprint() -> str:
    """What of the settings changes extraction (part of the extraction cache's key)."""
    if not SETTINGS.enabled or not SETTINGS.model.is_file():
        return "tagger=off"
    digest = hashlib.sha256(SETTINGS.model.read_bytes()).hexdigest()[:16]
    return f"tagger={digest}|{','.join(sorted(SETTINGS.types))}|{SETTINGS.min_confidence}"


# --- features ---------------------------------------------------------------------------

def char_class(char: str) -> str:
    if "\u4e00" <= char <= "\u9fff":
        return "N" if char in NUMERALS else "H"
    if char.isdigit():
        return "D"
    if char.isascii() and char.isalpha():
        return "L"
    return "P"


@lru_cache(maxsize=1)
def _listed_names() -> dict[str, tuple[str, ...]]:
    """Name -> kinds of list it is on: divisions by full and short name (with their
    level), government bodies, firms, generic phrases."""
    kinds: dict[str, set[str]] = {}
    for name, divs in lexicon.divisions_by_full_name().items():
        for div in divs:
            kinds.setdefault(name, set()).add("div:" + div.level)
    for name, divs in lexicon.divisions_by_short_name().items():
        for div in divs:
            kinds.setdefault(name, set()).add("short:" + div.level)
    for name in lexicon.gov_bodies():
        kinds.setdefault(name, set()).add("body")
    for name in lexicon.enterprises():
        kinds.setdefault(name, set()).add("firm")
    for name in lexicon.generic_phrases():
        kinds.setdefault(name, set()).add("generic")
    return {name: tuple(sorted(k)) for name, k in kinds.items() if len(name) >= 2}


@lru_cache(maxsize=1)
def _listed_openings() -> frozenset[str]:
    """The first two characters of every listed name."""
    return frozenset(name[:2] for name in _listed_names())


def _listed_spans(text: str) -> list[list[str]]:
    """Per character: features saying it begins, continues or ends a listed name (the
    longest listed name starting at each position)."""
    names = _listed_names()
    openings = _listed_openings()
    marks: list[list[str]] = [[] for _ in text]
    for start in range(len(text)):
        if text[start:start + 2] not in openings:
            continue  # (most positions open no listed name: skip the lookups)
        for size in range(min(LONGEST_LISTED, len(text) - start), 1, -1):
            kinds = names.get(text[start:start + size])
            if kinds is None:
                continue
            for kind in kinds:
                marks[start].append("L[" + kind)
                marks[start + size - 1].append("L]" + kind)
                for i in range(start + 1, start + size - 1):
                    marks[i].append("L-" + kind)
            break
    return marks


def _suffix_ends(text: str) -> list[str | None]:
    """Per character: the type of the longest type suffix that ends there, or None."""
    table = lexicon.suffix_map()
    longest = lexicon.longest_suffix()
    ends: list[str | None] = [None] * len(text)
    for end in range(1, len(text) + 1):
        for size in range(min(end, longest), 0, -1):
            suffix = table.get(text[end - size:end])
            if suffix is not None:
                ends[end - 1] = f"{suffix.type}:{size}"
                break
    return ends


def _bucket(distance: int) -> str:
    return next((str(b) for b in DISTANCE_BUCKETS if distance <= b), "far")


def _enclosures(text: str) -> list[str]:
    """Per character: which quotes or brackets it stands inside ("" when none)."""
    open_: list[str] = []
    inside: list[str] = []
    for char in text:
        if char in CLOSERS and CLOSERS[char] in open_:
            open_.remove(CLOSERS[char])
        inside.append("".join(sorted(set(open_))))
        if char in OPENERS:
            open_.append(OPENERS[char])
        elif char == '"':  # ASCII quotes pair up in turn
            open_.remove("q") if "q" in open_ else open_.append("q")
    return inside


def sentence_features(text: str, tokens: list[Token], offset: int) -> list[list[str]]:
    """Features of every character of a sentence (`tokens` are its words, with offsets
    into the document; `offset` is where the sentence starts)."""
    n = len(text)
    padded = "^^" + text + "$$"
    word_at: list[int] = [0] * n
    for index, tok in enumerate(tokens):
        for i in range(tok.start - offset, min(n, tok.start - offset + len(tok.text))):
            word_at[i] = index
    boundary = lexicon.boundary_words()
    generic = lexicon.generic_phrases()
    suffix_ends = _suffix_ends(text)
    listed = _listed_spans(text)
    inside = _enclosures(text)
    next_suffix: list[str] = ["none"] * n
    upcoming: tuple[int, str] | None = None
    for i in range(n - 1, -1, -1):
        if suffix_ends[i] is not None:
            upcoming = (i, suffix_ends[i].split(":")[0])
        if upcoming is not None:
            next_suffix[i] = upcoming[1] + "@" + _bucket(upcoming[0] - i)
    features: list[list[str]] = []
    for i in range(n):
        c = padded[i + 2]
        tok = tokens[word_at[i]] if tokens else Token(c, "x", offset + i)
        index = word_at[i]
        at = i - (tok.start - offset)
        size = len(tok.text)
        place = "S" if size == 1 else "B" if at == 0 else "E" if at == size - 1 else "M"
        feats = [
            "b", "c=" + c, "c-1=" + padded[i + 1], "c+1=" + padded[i + 3], "c-2=" + padded[i], "c+2=" + padded[i + 4],
            "c-1c=" + padded[i + 1:i + 3], "cc+1=" + padded[i + 2:i + 4], "c-2c-1=" + padded[i:i + 2],
            "c+1c+2=" + padded[i + 3:i + 5], "c-1cc+1=" + padded[i + 1:i + 4],
            "t=" + char_class(c) + char_class(padded[i + 1]) + char_class(padded[i + 3]),
            "wp=" + place, "pos=" + tok.pos, "pos.wp=" + tok.pos + place, "w=" + tok.text,
            "in=" + inside[i],
        ]
        # the words on either side, as words (the character window sees only their edges)
        before = tokens[index - 1] if index > 0 else None
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        feats += ["pw=" + (before.text if before else "^"), "ppos=" + (before.pos if before else "^"),
                  "nw=" + (after.text if after else "$"), "npos=" + (after.pos if after else "$"),
                  "c-3=" + (text[i - 3] if i >= 3 else "^"), "c+3=" + (text[i + 3] if i + 3 < n else "$"),
                  "wlen=" + str(min(size, 5))]
        if tok.text in boundary:
            feats.append("boundary")
        if tok.text in generic:
            feats.append("generic")
        if suffix_ends[i] is not None:
            feats.append("sfx]" + suffix_ends[i])
            feats.append("sfx.wp=" + suffix_ends[i].split(":")[0] + place)
        feats.append("next=" + next_suffix[i])
        feats += listed[i]
        features.append(feats)
    return features


# --- labels -----------------------------------------------------------------------------

def span_labels(length: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """BIOES labels of a sequence of `length` characters with the given (start, end, type)
    spans (non-overlapping; offsets into the sequence)."""
    labels = [OUTSIDE] * length
    for start, end, type_ in spans:
        if end - start == 1:
            labels[start] = "S-" + type_
            continue
        labels[start] = "B-" + type_
        for i in range(start + 1, end - 1):
            labels[i] = "I-" + type_
        labels[end - 1] = "E-" + type_
    return labels


def decode(labels: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) spans of a BIOES label sequence. Lenient: a run of one type's
    labels is a span even where the model left out its B or its E."""
    spans: list[tuple[int, int, str]] = []
    start, current = None, None
    for i, label in enumerate([*labels, OUTSIDE]):
        tag, _, type_ = label.partition("-")
        continues = current is not None and type_ == current and tag in ("I", "E")
        if not continues and current is not None:
            spans.append((start, i, current))
            start, current = None, None
        if tag in ("B", "S") or (tag in ("I", "E") and current is None):
            start, current = i, type_
        if tag in ("E", "S") and current is not None:
            spans.append((start, i + 1, current))
            start, current = None, None
    return spans


# --- tagging ----------------------------------------------------------------------------

@lru_cache(maxsize=4)
def load_model(path: Path):  # -> pycrfsuite.Tagger
    """The CRF at `path`, opened once per process."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def tag_sentence(model, features: list[list[str]]) -> list[tuple[int, int, str, float]]:
    """Spans the model finds in one sentence, each with its mean marginal probability."""
    model.set(features)
    labels = model.tag()
    found = []
    for start, end, type_ in decode(labels):
        confidence = sum(model.marginal(labels[i], i) for i in range(start, end)) / (end - start)
        found.append((start, end, type_, confidence))
    return found


def acceptable(label: str, type_: str, quoted: bool = False) -> bool:
    """The rules' generic-phrase filter: a kind of thing (产业园区, 省级经济开发区), a
    count (6个项目) or a generic head with nothing specific before it is no name. A quoted
    formula before its head is specific (“1136”工作思路), as the quoted rule reads it."""
    if len(label) < MIN_SPAN or len(label) > MAX_SPAN or not re.search(r"[\u4e00-\u9fffA-Za-z0-9]", label):
        return False
    if is_kind(label) or COUNTED.match(label) or is_product(label):
        return False  # (products and brands are none of the core types: “柳河山葡萄酒”)
    typed = type_of_name(label)
    return quoted or typed is None or typed.type != type_ or not is_generic(label, typed.suffix)


EDGE_PUNCT = " 、，,:：；;。!！?？"
PAIRS = (("“", "”"), ("(", ")"), ("《", "》"), ("‘", "’"))
MARKS = re.compile(r"[“”‘’\"《》]")  # left out of labels, as the quoted rule leaves them out


BRACKET_REACH = 10  # characters to look for the other mark of a pair cut off by a span


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A span does not begin or end with punctuation, and holds both marks of a pair of
    quotes or brackets or neither: “1136|”工作思路 takes in its opening quote, 整县(区)|屋顶…
    drops the end of a bracket it does not hold the start of (and never opens with one)."""
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT:
        end -= 1
    for opener, closer in PAIRS:
        span = text[start:end]
        if span.count(closer) > span.count(opener):
            before = text.rfind(opener, max(0, start - BRACKET_REACH), start)
            if before >= 0 and closer not in text[before:start] and opener != "(":  # a name opens with “, not with (
                start = before
            else:
                start += span.index(closer) + 1
        elif span.count(opener) > span.count(closer):
            after = text.find(closer, end, end + BRACKET_REACH)
            if after >= 0 and opener not in text[end:after]:
                end = after + 1
            else:
                end = start + span.rindex(opener)
    return start, end


def _drop_leading_words(start: int, end: int, tokens: list[Token]) -> int:
    """A name does not open with a function word, a boundary word or a verb with its
    particle: 参观了|微宏动力二期扩建项目, 推动|…."""
    boundary = lexicon.boundary_words()
    inside = [t for t in tokens if start <= t.start and t.start + len(t.text) <= end]
    for i, tok in enumerate(inside[:-1]):
        if tok.start != start:
            break
        verb_done = tok.pos.startswith("v") and inside[i + 1].pos.startswith("u")
        if tok.text in boundary or is_stop_pos(tok.pos) or verb_done:
            start = tok.start + len(tok.text)
        else:
            break
    return start


def make_tagged(doc: Doc, sentence: Sentence, start: int, end: int, type_: str,
                tokens: list[Token] = ()) -> Mention | None:
    start, end = _trim(doc.text, _drop_leading_words(start, end, list(tokens)), end)
    if end <= start:
        return None
    text = doc.text[start:end]
    label = MARKS.sub("", text)
    if not acceptable(label, type_, quoted=label != text):
        return None
    typed = type_of_name(label)
    sub = typed.sub if typed is not None and typed.type == type_ else ""
    ref = ""
    if type_ == "AdministrativeArea":
        division = pick_division(label, doc.areas)
        if division is not None:
            ref, sub = division.code, division.level
    return Mention(text, label, type_, sub, start, end, sentence.index, RULE, ref=ref)


def tagged_mentions(doc: Doc, tokens_of: list[list[Token]], model_path: Path | None = None,
                    min_confidence: float | None = None) -> list[Mention]:
    """Every span the model finds in `doc` that passes the generic-phrase filter."""
    model = load_model(Path(model_path or SETTINGS.model))
    threshold = SETTINGS.min_confidence if min_confidence is None else min_confidence
    found: list[Mention] = []
    for sentence, tokens in zip(doc.sentences, tokens_of):
        features = sentence_features(sentence.text, tokens, sentence.start)
        for start, end, type_, confidence in tag_sentence(model, features):
            if confidence < threshold:
                continue
            mention = make_tagged(doc, sentence, sentence.start + start, sentence.start + end, type_, tokens)
            if mention is not None:
                found.append(mention)
    return found


def with_trailing_bracket(doc: Doc, mention: Mention) -> tuple[int, int]:
    """The span a mention will cover once its trailing bracket (二期) joins it."""
    match = TRAILING_BRACKET.match(doc.text, mention.end)
    return mention.start, match.end() if match else mention.end


def complement(doc: Doc, rule_mentions: list[Mention], tokens_of: list[list[Token]]) -> list[Mention]:
    """The tagger's spans that the rules did not find: of the configured types, and
    overlapping no rule mention (nor its trailing bracket). Empty when it is turned off."""
    if not SETTINGS.enabled or not SETTINGS.model.is_file():
        return []
    taken = sorted(with_trailing_bracket(doc, m) for m in rule_mentions)
    added = []
    for mention in tagged_mentions(doc, tokens_of):
        if mention.type not in SETTINGS.types:
            continue
        start, end = with_trailing_bracket(doc, mention)
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        added.append(mention)
        taken.append((start, end))
    return added
