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

Training spells each feature as a string (`sentence_features`, for pycrfsuite); tagging
reads the same model into arrays (`crf.py`) and scores a whole document at once
(`document_scores`), with pycrfsuite's labels: the rows of the features of each
character, their sums, Viterbi and forward-backward run compiled (`kernels.py`, numba),
or with numpy where numba is missing (the same labels; tests/test_tagger.py).
"""
from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from operator import attrgetter
from pathlib import Path
from types import ModuleType

import numpy as np

from kg.doc import Doc, Mention, Sentence, Token
from kg.extract import lexicon
from kg.extract.recognize.crf import Crf, compiled, label_chances, read_crf, viterbi
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
def _listed_trie() -> dict:
    """The listed names as a trie: character -> subtree; key "" holds a name's kinds."""
    root: dict = {}
    for name, kinds in _listed_names().items():
        if len(name) > LONGEST_LISTED:
            continue  # (never looked up: a name is looked for up to LONGEST_LISTED characters)
        node = root
        for char in name:
            node = node.setdefault(char, {})
        node[""] = kinds
    return root


def _listed_marks(text: str, starts: Iterable[int] | None = None) -> dict[int, list[str]]:
    """The characters of `text` that begin, continue or end a listed name (the longest
    listed name starting at each position), with their features, in feature order.
    `starts`: the only positions where a name may start (all when None), in order."""
    root = _listed_trie()
    marks: dict[int, list[str]] = {}
    for start in range(len(text)) if starts is None else starts:
        node = root.get(text[start])
        if node is None:
            continue  # (most positions open no listed name)
        longest, kinds = 0, ()
        for size, next_char in enumerate(text[start + 1:start + LONGEST_LISTED], 2):
            node = node.get(next_char)
            if node is None:
                break
            if "" in node:
                longest, kinds = size, node[""]
        for kind in kinds:
            marks.setdefault(start, []).append("L[" + kind)
            marks.setdefault(start + longest - 1, []).append("L]" + kind)
            for i in range(start + 1, start + longest - 1):
                marks.setdefault(i, []).append("L-" + kind)
    return marks


def _listed_spans(text: str) -> list[list[str]]:
    """Per character: features saying it begins, continues or ends a listed name."""
    marks = _listed_marks(text)
    return [marks.get(i, []) for i in range(len(text))]


@lru_cache(maxsize=1)
def _suffixes_by_last_char() -> dict[str, tuple[tuple[str, str], ...]]:
    """Last character -> (suffix, feature value) of the type suffixes ending with it,
    longest first: most characters end none, and are passed over with one look-up."""
    found: dict[str, list[tuple[str, str]]] = {}
    for text, suffix in lexicon.suffix_map().items():
        found.setdefault(text[-1], []).append((text, f"{suffix.type}:{len(text)}"))
    return {last: tuple(sorted(items, key=lambda item: -len(item[0]))) for last, items in found.items()}


@lru_cache(maxsize=1)
def _suffixes_by_last_char_and_size() -> dict[str, tuple[tuple[int, dict[str, str]], ...]]:
    """Last character -> (size, suffix -> feature value) of the type suffixes ending with
    it, longest first: one look-up per size rather than a comparison per suffix."""
    found: dict[str, dict[int, dict[str, str]]] = {}
    for last, items in _suffixes_by_last_char().items():
        for suffix, value in items:
            found.setdefault(last, {}).setdefault(len(suffix), {})[suffix] = value
    return {last: tuple(sorted(sizes.items(), reverse=True)) for last, sizes in found.items()}


def _suffix_end_marks(text: str, lasts: Iterable[int] | None = None) -> dict[int, str]:
    """The characters of `text` where a type suffix ends: the type and size of the longest.
    `lasts`: the only positions where a suffix may end (all when None), in order."""
    by_last = _suffixes_by_last_char_and_size()
    ends: dict[int, str] = {}
    for last in range(len(text)) if lasts is None else lasts:
        for size, suffixes in by_last.get(text[last], ()):
            value = suffixes.get(text[last + 1 - size:last + 1]) if size <= last + 1 else None
            if value is not None:
                ends[last] = value
                break
    return ends


CODE_POINTS = 0x110000  # Unicode's size: a pair of characters is first * CODE_POINTS + second


@lru_cache(maxsize=1)
def _openings() -> tuple[np.ndarray, np.ndarray]:
    """Code points that end a type suffix, and pairs (as first * CODE_POINTS + second) that
    open a listed name, sorted: where `document_scores` looks for them."""
    lasts = np.array(sorted({ord(c) for c in _suffixes_by_last_char()}), dtype=np.int64)
    pairs = {ord(name[0]) * CODE_POINTS + ord(name[1]) for name in _listed_names() if len(name) <= LONGEST_LISTED}
    return lasts, np.array(sorted(pairs), dtype=np.int64)


def _suffix_ends(text: str) -> list[str | None]:
    """Per character: the type of the longest type suffix that ends there, or None."""
    marks = _suffix_end_marks(text)
    return [marks.get(i) for i in range(len(text))]


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


# --- the same features as rows of the model, a document at a time ---------------------
#
# `sentence_features` spells every feature as a string, as training needs. Tagging a
# document needs only each feature's row of weights in the model: `_Tables` maps the values
# of each template to rows once per model, and `document_scores` computes, template by
# template over all the characters of a document, the rows the strings would have named,
# and adds them up in the order `sentence_features` lists them (as CRFsuite adds them, so
# the sums are CRFsuite's to the bit).

PAD = 3  # "^^^" before and "$$$" after each sentence: the widest window reaches 3 characters
CLASSES = "HNDLP"  # char_class's answers, coded by position
PLACES = "SBEM"  # a character's place in its word
UNIGRAMS = (("c=", 0), ("c-1=", -1), ("c+1=", 1), ("c-2=", -2), ("c+2=", 2))
BIGRAMS = (("c-1c=", -1), ("cc+1=", 0), ("c-2c-1=", -2), ("c+1c+2=", 1))  # (template, first offset)
OUTER = (("c-3=", -3), ("c+3=", 3))
BRACKETS = re.compile("[" + re.escape("".join(OPENERS) + "".join(CLOSERS)) + '"]')


@dataclass(frozen=True)
class _Trie:
    """Words as arrays, for `kernels.longest_matches`: node 0 is the root; `keys` (sorted)
    are node * CODE_POINTS + code point and `children` the node each leads to; `ends[node]`
    is the value of the word that ends there (-1: none)."""

    keys: np.ndarray
    children: np.ndarray
    ends: np.ndarray
    deepest: int  # characters of the longest word
    roots: np.ndarray  # by code point: the node its character leads to from the root (0: none)
    # node n's edges are keys[firsts[n]:firsts[n + 1]] (keys are sorted by node): a step
    # searches those few, not the whole table
    firsts: np.ndarray


def _array_trie(values: dict[str, int], backward: bool = False) -> _Trie:
    """The trie of `values`' words (read from their last character when `backward`)."""
    edges: dict[tuple[int, int], int] = {}
    ends = [-1]
    for word, value in values.items():
        node = 0
        for char in reversed(word) if backward else word:
            node = edges.setdefault((node, ord(char)), len(ends))
            if node == len(ends):
                ends.append(-1)
        ends[node] = value
    keys = sorted(edges, key=lambda edge: edge[0] * CODE_POINTS + edge[1])
    roots = np.zeros(max((point for node, point in edges if node == 0), default=0) + 1, dtype=np.int64)
    for (node, point), child in edges.items():
        if node == 0:
            roots[point] = child
    sorted_keys = np.array([node * CODE_POINTS + point for node, point in keys], dtype=np.int64)
    return _Trie(sorted_keys, np.array([edges[key] for key in keys], dtype=np.int64), np.array(ends, dtype=np.int64),
                 max(map(len, values), default=0), roots,
                 np.searchsorted(sorted_keys, np.arange(len(ends) + 1, dtype=np.int64) * CODE_POINTS))


@lru_cache(maxsize=1)
def _suffix_values() -> dict[str, int]:
    """The type suffixes' feature values ("Park:3"), numbered."""
    values = sorted({value for items in _suffixes_by_last_char().values() for _, value in items})
    return {value: number for number, value in enumerate(values)}


@lru_cache(maxsize=1)
def _suffix_trie() -> _Trie:
    """The type suffixes, read backward from the character where they end."""
    number = _suffix_values()
    return _array_trie({suffix: number[value] for items in _suffixes_by_last_char().values()
                        for suffix, value in items}, backward=True)


@lru_cache(maxsize=1)
def _listed_kinds() -> dict[tuple[str, ...], int]:
    """The kinds of list a listed name is on (as `_listed_names` gives them), numbered."""
    return {kinds: number for number, kinds in enumerate(sorted(set(_listed_names().values())))}


@lru_cache(maxsize=1)
def _names_trie() -> _Trie:
    """The listed names looked up at a position (up to LONGEST_LISTED characters)."""
    number = _listed_kinds()
    return _array_trie({name: number[kinds] for name, kinds in _listed_names().items() if len(name) <= LONGEST_LISTED})


class _Vocabulary:
    """Strings (words or parts of speech) this process has tagged, numbered from 1, with
    their rows of the templates that read them (`rows_of`: one column per template); number
    0 stands for the sentence's edge (^ or $, row `edge`). A string is looked up in the
    model's tables once per process rather than once per document. Strings are added
    under a lock (Dask workers tag in threads), and the table is replaced only once its new
    rows are written, so a number handed out always has its row."""

    def __init__(self, rows_of: Callable[[list[str]], np.ndarray], edge: list[int]) -> None:
        self._rows_of = rows_of
        self._numbers: dict[str, int] = {}
        self.table = np.zeros((1024, len(edge)), dtype=np.int64)
        self.table[0] = edge
        self._lock = threading.Lock()

    def numbers(self, values: list[str]) -> np.ndarray:
        """The number of each of `values` (adding those not seen before)."""
        known = self._numbers
        try:  # (most documents bring no new one: no set of their words to build)
            return np.fromiter(map(known.__getitem__, values), dtype=np.int64, count=len(values))
        except KeyError:
            with self._lock:
                self._add([value for value in dict.fromkeys(values) if value not in known])
        return np.fromiter(map(known.__getitem__, values), dtype=np.int64, count=len(values))

    def _add(self, new: list[str]) -> None:
        first = len(self._numbers) + 1
        end = first + len(new)
        table = self.table
        if end > len(table):  # (doubled: each row is copied a few times at most)
            table = np.zeros((max(end, 2 * len(table)), table.shape[1]), dtype=np.int64)
            table[:first] = self.table[:first]
        table[first:end] = self._rows_of(new)
        self.table = table
        self._numbers.update(zip(new, range(first, end)))


# the columns of the words' and the parts of speech's tables (`kernels.feature_rows` reads
# them by these numbers). Two tables, not one of (word, pos) pairs: a token's text and pos
# are strings that keep their hash, a pair is hashed again at each look-up.
W, PW, NW, BOUNDARY, GENERIC, SIZE = range(6)  # w=, pw=, nw=, the two flags, characters
POS, PPOS, NPOS, POS_PLACE = range(4)  # pos=, ppos=, npos=, then pos.wp= by PLACES


def _word_vocabulary(crf: Crf) -> _Vocabulary:
    """Words, with the rows of the templates that read a word."""
    t = {template: crf.rows(template) for template in ("w=", "pw=", "nw=")}
    boundary, generic = lexicon.boundary_words(), lexicon.generic_phrases()
    flags = crf.attributes.get("boundary", 0), crf.attributes.get("generic", 0)

    def rows_of(words: list[str]) -> np.ndarray:
        return np.array([[t["w="].get(w, 0), t["pw="].get(w, 0), t["nw="].get(w, 0),
                          flags[0] if w in boundary else 0, flags[1] if w in generic else 0, len(w)]
                         for w in words], dtype=np.int64).reshape(-1, SIZE + 1)

    return _Vocabulary(rows_of, [0, t["pw="].get("^", 0), t["nw="].get("$", 0), 0, 0, 0])


def _pos_vocabulary(crf: Crf) -> _Vocabulary:
    """Parts of speech, with the rows of the templates that read one."""
    t = {template: crf.rows(template) for template in ("pos=", "ppos=", "npos=", "pos.wp=")}

    def rows_of(poses: list[str]) -> np.ndarray:
        return np.array([[t["pos="].get(p, 0), t["ppos="].get(p, 0), t["npos="].get(p, 0),
                          *[t["pos.wp="].get(p + wp, 0) for wp in PLACES]] for p in poses],
                        dtype=np.int64).reshape(-1, POS_PLACE + len(PLACES))

    return _Vocabulary(rows_of, [0, t["ppos="].get("^", 0), t["npos="].get("$", 0)] + [0] * len(PLACES))


@dataclass(frozen=True)
class _Tables:
    """Each template's values -> rows of `crf.state` (0 where the model lacks the feature)."""

    crf: Crf
    chars: dict[str, int]  # every character in a character-window feature -> 1.. (0: none of them)
    unigram: dict[str, np.ndarray]  # template -> row by character index
    sequences: dict[str, tuple[np.ndarray, np.ndarray]]  # bi/trigram template -> (sorted keys, rows)
    classes: np.ndarray  # row of t= by code class(c)*25 + class(c-1)*5 + class(c+1)
    templates: dict[str, dict[str, int]]  # the other templates: value -> row
    next_rows: np.ndarray  # (suffix type code, distance bucket) -> row; last column: next=none
    suffix_types: dict[str, int]
    # bigram template -> row by key (every pair of characters: a few MB per template, read
    # with one gather instead of a binary search per character): the columns of
    # `pair_rows`, by the template's first offset + 2, so that one read of a pair gives
    # its rows for the four templates (each reads it at another character)
    pairs: dict[str, np.ndarray] = dataclasses.field(default_factory=dict)
    pair_rows: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros((0, len(BIGRAMS)), dtype=np.int16))
    prefixes: dict[str, np.ndarray] = dataclasses.field(default_factory=dict)  # trigram -> by pair key: begins one
    # the same as bits (np.packbits, little bit order) for `kernels.feature_rows`: which pair
    # keys have a row in `pair_rows`, which begin a c-1cc+1= trigram
    pair_bits: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0, dtype=np.uint8))
    begin_bits: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0, dtype=np.uint8))
    # by `_suffix_values` number, and one more at the end (read at -1) for no suffix: the
    # row of sfx]value, the code of its type (len(suffix_types) for none), and by type
    # code and PLACES the row of sfx.wp=
    suffix_rows: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    suffix_type_of: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    suffix_place_rows: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros((1, len(PLACES)), dtype=np.int64))
    # by `_listed_kinds` number: its kinds' rows of L[kind, L]kind and L-kind, from
    # `mark_rows[mark_offsets[number]]` to `mark_rows[mark_offsets[number + 1]]`
    mark_offsets: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    mark_rows: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros((0, 3), dtype=np.int64))
    # by code point: its number in `chars` and its class (CLASSES), -1 until first seen
    # (filled as documents bring them: a table of every code point, read with one gather)
    index_of: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    class_of: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0, dtype=np.int8))
    words: _Vocabulary | None = None
    poses: _Vocabulary | None = None

    def codes(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each of `points`' number in `chars` (0: none) and class (index in CLASSES)."""
        index = self.index_of[points]
        unseen = index < 0
        if unseen.any():
            for point in np.unique(points[unseen]).tolist():
                self.index_of[point] = self.chars.get(chr(point), 0)
                self.class_of[point] = CLASSES.index(char_class(chr(point)))
            index = self.index_of[points]
        return index, self.class_of[points].astype(np.int64)


def _tables(path: Path) -> _Tables:
    """The tables of the model at `path`, read once per process (again if the file changes)."""
    stat = path.stat()
    return _tables_of(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _tables_of(path: Path, _mtime: int, _size: int) -> _Tables:
    crf = read_crf(path)
    chars: dict[str, int] = {}
    windows = [t for t, _ in UNIGRAMS + OUTER] + [t for t, _ in BIGRAMS] + ["c-1cc+1="]
    for template in windows:
        for value in crf.rows(template):
            for char in value:
                chars.setdefault(char, len(chars) + 1)
    unigram = {}
    for template in [t for t, _ in UNIGRAMS + OUTER]:
        table = np.zeros(len(chars) + 1, dtype=np.int64)
        for value, row in crf.rows(template).items():
            if len(value) == 1:
                table[chars[value]] = row
        unigram[template] = table
    width = len(chars) + 1
    tables = _Tables(crf, chars, unigram, {}, np.zeros(125, dtype=np.int64), {}, np.zeros(0), {},
                     pair_rows=np.zeros((width * width, len(BIGRAMS)),
                                        dtype=np.int16 if crf.state.shape[0] <= np.iinfo(np.int16).max else np.int32))
    for template, size in [(t, 2) for t, _ in BIGRAMS] + [("c-1cc+1=", 3)]:
        found = {}
        for value, row in crf.rows(template).items():
            if len(value) == size:
                key = 0
                for char in value:
                    key = key * width + chars[char]
                found[key] = row
        keys = np.array(sorted(found), dtype=np.int64)
        tables.sequences[template] = (keys, np.array([found[k] for k in keys.tolist()], dtype=np.int64))
        if size == 2:
            column = dict(BIGRAMS)[template] + 2  # (a column of `pair_rows`, by first offset)
            tables.pair_rows[keys, column] = tables.sequences[template][1]
            tables.pairs[template] = tables.pair_rows[:, column]
        else:  # the pairs that begin a known trigram (few): the others need no search
            begins = np.zeros(width * width, dtype=bool)
            begins[keys // width] = True
            tables.prefixes[template] = begins
    for value, row in crf.rows("t=").items():
        if len(value) == 3 and all(c in CLASSES for c in value):
            tables.classes[CLASSES.index(value[0]) * 25 + CLASSES.index(value[1]) * 5 + CLASSES.index(value[2])] = row
    for template in ("wp=", "pos=", "pos.wp=", "w=", "in=", "pw=", "ppos=", "nw=", "npos=", "wlen=",
                     "sfx]", "sfx.wp=", "next="):
        tables.templates[template] = crf.rows(template)
    types = sorted({suffix.type for suffix in lexicon.suffix_map().values()})
    tables.suffix_types.update({type_: code for code, type_ in enumerate(types)})
    nexts = tables.templates["next="]
    buckets = [str(b) for b in DISTANCE_BUCKETS] + ["far"]
    rows = np.array([[nexts.get(f"{type_}@{bucket}", 0) for bucket in buckets] for type_ in types] +
                    [[nexts.get("none", 0)] * len(buckets)], dtype=np.int64)
    values = list(_suffix_values())
    kinds = list(_listed_kinds())
    return dataclasses.replace(
        tables, next_rows=rows,
        suffix_rows=np.array([tables.templates["sfx]"].get(value, 0) for value in values] + [0], dtype=np.int64),
        suffix_type_of=np.array([tables.suffix_types[value.split(":")[0]] for value in values] + [len(types)],
                                dtype=np.int64),
        suffix_place_rows=np.array([[tables.templates["sfx.wp="].get(type_ + wp, 0) for wp in PLACES]
                                    for type_ in types] + [[0] * len(PLACES)], dtype=np.int64),
        mark_offsets=np.cumsum([0] + [len(k) for k in kinds], dtype=np.int64),
        mark_rows=np.array([[crf.attributes.get(edge + kind, 0) for edge in ("L[", "L]", "L-")]
                            for k in kinds for kind in k], dtype=np.int64).reshape(-1, 3),
        index_of=np.full(CODE_POINTS, -1, dtype=np.int32), class_of=np.zeros(CODE_POINTS, dtype=np.int8),
        words=_word_vocabulary(crf), poses=_pos_vocabulary(crf),
        pair_bits=np.packbits(tables.pair_rows.any(axis=1), bitorder="little"),
        begin_bits=np.packbits(tables.prefixes["c-1cc+1="], bitorder="little"))


_TEXT = attrgetter("text")
_POS = attrgetter("pos")
_START = attrgetter("start")


def _tiled(sentences: list[Sentence], tokens_of: list[list[Token]]) -> bool:
    """Whether every sentence's words cover it exactly (segment's output always does): they
    start where it does and are as long together."""
    return len(sentences) == len(tokens_of) and all(
        tokens and tokens[0].start == sentence.start
        and sum(map(len, map(_TEXT, tokens))) == sentence.end - sentence.start
        for sentence, tokens in zip(sentences, tokens_of))


def _inside_rows(text: str, rows: dict[str, int], out: np.ndarray) -> None:
    """Row of in= per character of one sentence (as `_enclosures` reads the marks)."""
    open_: list[str] = []
    done = 0
    for match in BRACKETS.finditer(text):
        i, char = match.start(), match.group()
        out[done:i] = rows.get("".join(sorted(set(open_))), 0)
        if char in CLOSERS and CLOSERS[char] in open_:
            open_.remove(CLOSERS[char])
        out[i] = rows.get("".join(sorted(set(open_))), 0)
        if char in OPENERS:
            open_.append(OPENERS[char])
        elif char == '"':
            open_.remove("q") if "q" in open_ else open_.append("q")
        done = i + 1
    out[done:] = rows.get("".join(sorted(set(open_))), 0)


MARK_BITS = {"b": 1, "p": 2, "q": 4}  # the kinds of OPENERS and CLOSERS, for `kernels.enclosures`


@lru_cache(maxsize=1)
def _mark_bits() -> tuple[np.ndarray, np.ndarray]:
    """By code point: the bit of the kind of mark it opens, and of the kind it closes."""
    opens = np.zeros(max(map(ord, [*OPENERS, *CLOSERS])) + 1, dtype=np.int64)
    closes = opens.copy()
    for char, kind in OPENERS.items():
        opens[ord(char)] = MARK_BITS[kind]
    for char, kind in CLOSERS.items():
        closes[ord(char)] = MARK_BITS[kind]
    return opens, closes


def _inside(sentences: list[Sentence], padded: str, points: np.ndarray, firsts: np.ndarray, lengths: np.ndarray,
            sentence_of: np.ndarray, real: np.ndarray, rows: dict[str, int]) -> np.ndarray:
    """Row of in= per character of the sentences (their first characters at `firsts` in
    `padded`)."""
    kernels = compiled()
    if kernels is not None:
        opens, closes = _mark_bits()
        bits = kernels.enclosures(points.astype(np.int64), firsts, lengths, opens, closes, ord('"'))
        by_bits = np.array([rows.get("".join(k for k, bit in MARK_BITS.items() if bits_ & bit), 0)
                            for bits_ in range(8)], dtype=np.int64)
        return by_bits[bits]
    # without numba: outside any mark, but in the sentences that hold a quote or bracket
    inside = np.full(len(real), rows.get("", 0), dtype=np.int64)
    starts = np.cumsum(lengths) - lengths
    marks = [match.start() for match in BRACKETS.finditer(padded)]
    for k in np.unique(sentence_of[np.searchsorted(real, marks)]).tolist() if marks else ():
        first = int(starts[k])
        _inside_rows(sentences[k].text, rows, inside[first:first + len(sentences[k].text)])
    return inside


BLOCK = 1024  # characters whose weights are gathered and summed at once (numpy, without numba)


def _find_sorted(keys: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each of `wanted`, its place in `keys` (sorted, distinct) and whether it is there:
    one binary search each (np.isin would sort the whole table again for every document)."""
    if not len(keys):
        return np.zeros(len(wanted), dtype=np.int64), np.zeros(len(wanted), dtype=bool)
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return at, keys[at] == wanted


def _suffixes_and_names(padded: str, points: np.ndarray, tables: _Tables) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per position of `padded`: the `_suffix_values` number of the longest type suffix that
    ends there (-1: none); and the marks of the listed names as (position, row of
    `crf.state`) pairs, each position's in the order `sentence_features` lists them."""
    kernels = compiled()
    wide = points.astype(np.int64)
    if kernels is not None:
        suffixes, names = _suffix_trie(), _names_trie()
        _, ends = kernels.longest_matches(wide, suffixes.roots, suffixes.keys, suffixes.children, suffixes.ends,
                                          suffixes.firsts, -1, suffixes.deepest)
        found, kinds = kernels.longest_matches(wide, names.roots, names.keys, names.children, names.ends,
                                               names.firsts, 1, names.deepest)
        at, rows = kernels.name_marks(found, kinds, tables.mark_offsets, tables.mark_rows)
        return ends, at, rows
    # without numba: the trie walks of `sentence_features`, where a suffix may end or a name begin
    lasts, pairs = _openings()
    ends = np.full(len(padded), -1, dtype=np.int64)
    number = _suffix_values()
    for i, value in _suffix_end_marks(padded, np.flatnonzero(_find_sorted(lasts, wide)[1]).tolist()).items():
        ends[i] = number[value]
    openers = np.flatnonzero(_find_sorted(pairs, wide[:-1] * CODE_POINTS + wide[1:])[1]).tolist()
    marks = _listed_marks(padded, openers)
    at = np.array([i for i, names in marks.items() for _ in names], dtype=np.int64)
    rows = np.array([tables.crf.attributes.get(m, 0) for names in marks.values() for m in names], dtype=np.int64)
    return ends, at, rows


def _state_sums(state: np.ndarray, rows: np.ndarray, mark_at: np.ndarray, mark_row: np.ndarray) -> np.ndarray:
    """`kernels.state_sums` in numpy, for where numba is missing: the same additions."""
    size = rows.shape[1]
    scores = np.empty((size, state.shape[1]))
    # Summed a block of characters at a time, every column in order: a block's weights
    # stay in the cache (a whole document's did not), and the sums are the same, as
    # np.add.reduce over the first axis adds the columns one after another.
    for first in range(0, size, BLOCK):
        np.add.reduce(np.take(state, rows[:, first:first + BLOCK], axis=0), axis=0, out=scores[first:first + BLOCK])
    np.add.at(scores, mark_at, state[mark_row])  # (unbuffered: a character's marks one after another)
    return scores


def document_scores(sentences: list[Sentence], tokens_of: list[list[Token]], path: Path) -> np.ndarray:
    """State scores (characters of all sentences, labels): for each character the sum
    of the weights of what `sentence_features` says about it."""
    tables = _tables(path)
    rows, mark_at, mark_row = _feature_rows(sentences, tokens_of, tables)
    kernels = compiled()
    if kernels is not None:
        return kernels.state_sums(tables.crf.state, rows, mark_at, mark_row)
    return _state_sums(tables.crf.state, rows, mark_at, mark_row)


@dataclass(frozen=True)
class _Characters:
    """What the templates read of each character of a document's sentences, as numbers.
    Character i stands at `real[i]` in the padded text (`PAD` marks around each sentence),
    whose characters are `index` (numbers of `_Tables.chars`) and `klass` (CLASSES); it is
    at `place` (PLACES) of word `word_of[i]`, `span` characters long. `tokens` holds per
    word its number in `_Tables.words`, its part of speech's in `_Tables.poses`, and those
    of the words before and after it in its sentence (0: the edge); `words` and `poses`
    are those tables. `inside`: the row of in=; `suffix`: the `_suffix_values` number of the
    longest suffix ending there (-1: none), `suffix_type` its type's code; `next_type` and
    `bucket`: the type and distance of the nearest suffix end at or after it (next=)."""

    real: np.ndarray
    index: np.ndarray
    klass: np.ndarray
    word_of: np.ndarray
    place: np.ndarray
    span: np.ndarray
    tokens: np.ndarray  # (6, words): number, its pos's, the word before's, after's, their pos's
    words: np.ndarray
    poses: np.ndarray
    inside: np.ndarray
    suffix: np.ndarray
    suffix_type: np.ndarray
    next_type: np.ndarray
    bucket: np.ndarray


def _feature_rows(sentences: list[Sentence], tokens_of: list[list[Token]],
                  tables: _Tables) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows of `crf.state` that `sentence_features` names for each character of the
    sentences, in its order: (features, characters); then the listed-name marks as
    (character, row) pairs, sorted by character (a character has none, one or several)."""
    lengths = np.fromiter(map(len, map(_TEXT, sentences)), dtype=np.int64, count=len(sentences))
    size = int(lengths.sum())
    sentence_of = np.repeat(np.arange(len(sentences)), lengths)
    real = np.arange(size) + PAD + 2 * PAD * sentence_of  # each character's place in `padded`
    padded = "".join("^" * PAD + s.text + "$" * PAD for s in sentences)
    points = np.frombuffer(padded.encode("utf-32-le"), dtype="<u4")
    index, klass = tables.codes(points)
    # words: each character's word (the sentences' words side by side), its place in it
    tokens = list(chain.from_iterable(tokens_of))
    word_ids = tables.words.numbers(list(map(_TEXT, tokens)))  # numbers from 1: 0 is the edge
    pos_ids = tables.poses.numbers(list(map(_POS, tokens)))
    words, poses = tables.words.table, tables.poses.table  # (read after numbering: they may grow)
    word_size = words[word_ids, SIZE]
    word_of = np.repeat(np.arange(len(tokens)), word_size)
    at = np.arange(size) - (np.cumsum(word_size) - word_size)[word_of]
    span = word_size[word_of]
    place = np.where(span == 1, 0, np.where(at == 0, 1, np.where(at == span - 1, 2, 3)))
    # the words before and after each word in its sentence (0: the edge, ^ or $)
    counts = np.fromiter(map(len, tokens_of), dtype=np.int64, count=len(tokens_of))
    firsts = np.cumsum(counts) - counts
    before = np.concatenate(([0], word_ids[:-1]))
    after = np.concatenate((word_ids[1:], [0]))
    before_pos = np.concatenate(([0], pos_ids[:-1]))
    after_pos = np.concatenate((pos_ids[1:], [0]))
    before[firsts] = before_pos[firsts] = 0
    after[firsts + counts - 1] = after_pos[firsts + counts - 1] = 0
    starts = np.cumsum(lengths) - lengths
    inside = _inside(sentences, padded, points, starts + PAD + 2 * PAD * np.arange(len(sentences)), lengths,
                     sentence_of, real, tables.templates["in="])
    # the suffixes and listed names, found in `padded` at once (none holds ^ or $)
    ends, mark_at, mark_row = _suffixes_and_names(padded, points, tables)
    suffix = ends[real]  # -1 (no suffix) reads the last entry of the suffix tables: none
    suffix_type = tables.suffix_type_of[suffix]
    # next=: the nearest suffix end at or after each character, in the same sentence
    no_type = len(tables.suffix_types)
    nearest = np.minimum.accumulate(np.where(suffix_type < no_type, np.arange(size), size)[::-1])[::-1]
    same = nearest < (starts + lengths)[sentence_of]
    bucket = np.searchsorted(np.array(DISTANCE_BUCKETS), nearest - np.arange(size), side="left")
    characters = _Characters(
        real, index, klass, word_of, place, span, np.stack((word_ids, pos_ids, before, after, before_pos, after_pos)),
        words, poses, inside, suffix, suffix_type, np.where(same, suffix_type[np.minimum(nearest, size - 1)], no_type),
        np.where(same, bucket, 0))
    kernels = compiled()
    rows = _compiled_rows(kernels, characters, tables) if kernels is not None else _feature_columns(characters, tables)
    real_of = np.full(len(padded), -1, dtype=np.int64)
    real_of[real] = np.arange(size)
    mark_at = real_of[mark_at]
    order = np.argsort(mark_at, kind="stable")
    return rows, mark_at[order], mark_row[order]


def _compiled_rows(kernels: ModuleType, c: _Characters, tables: _Tables) -> np.ndarray:
    """`_feature_columns` by `kernels.feature_rows`, in one pass."""
    t = tables.templates
    keys, rows = tables.sequences["c-1cc+1="]
    return kernels.feature_rows(
        c.real, c.index, c.klass, tables.crf.attributes.get("b", 0),
        np.stack([tables.unigram[template] for template, _ in sorted(UNIGRAMS + OUTER, key=lambda u: u[1])]),
        tables.pair_rows, tables.pair_bits, len(tables.chars) + 1,
        keys, rows, tables.begin_bits, tables.classes,
        np.array([t["wp="].get(wp, 0) for wp in PLACES], dtype=np.int64), c.word_of, c.place, c.span, c.tokens,
        c.words, c.poses, c.inside, np.array([t["wlen="].get(str(k), 0) for k in range(6)], dtype=np.int64),
        c.suffix, tables.suffix_rows, tables.suffix_type_of, tables.suffix_place_rows, c.next_type, c.bucket,
        tables.next_rows)


def _feature_columns(c: _Characters, tables: _Tables) -> np.ndarray:
    """The rows of `crf.state` that `sentence_features` names for each character, template
    by template in its order (numpy; `kernels.feature_rows` computes the same at once)."""
    size = len(c.real)
    t = tables.templates
    # the characters around each one (as numbers in `chars`), and the keys of the pairs
    # that start there: each read by several templates
    around = {offset: c.index[c.real + offset].astype(np.int64) for offset in range(-PAD, PAD + 1)}
    width = len(tables.chars) + 1
    pair_keys = {offset: around[offset] * width + around[offset + 1] for offset in range(-2, 2)}

    def sequence(template: str, *offsets: int) -> np.ndarray:
        if template in tables.pairs:
            return tables.pairs[template][pair_keys[offsets[0]]]
        # a trigram: searched for only where its first two characters begin one
        column = np.zeros(size, dtype=np.int64)
        keys, rows = tables.sequences[template]
        begun = np.flatnonzero(tables.prefixes[template][pair_keys[offsets[0]]])
        at, found = _find_sorted(keys, pair_keys[offsets[0]][begun] * width + around[offsets[2]][begun])
        column[begun] = np.where(found, rows[at], 0)
        return column

    word, pos, before, after, before_pos, after_pos = c.tokens[:, c.word_of]
    words, poses, place = c.words, c.poses, c.place
    columns = [  # in sentence_features' order
        np.full(size, tables.crf.attributes.get("b", 0), dtype=np.int64),
        *[tables.unigram[template][around[offset]] for template, offset in UNIGRAMS],
        *[sequence(template, offset, offset + 1) for template, offset in BIGRAMS],
        sequence("c-1cc+1=", -1, 0, 1),
        tables.classes[c.klass[c.real] * 25 + c.klass[c.real - 1] * 5 + c.klass[c.real + 1]],
        np.array([t["wp="].get(wp, 0) for wp in PLACES], dtype=np.int64)[place],
        poses[pos, POS],
        poses[pos, POS_PLACE + place],
        words[word, W],
        c.inside,
        words[before, PW],
        poses[before_pos, PPOS],
        words[after, NW],
        poses[after_pos, NPOS],
        *[tables.unigram[template][around[offset]] for template, offset in OUTER],
        np.array([t["wlen="].get(str(k), 0) for k in range(6)], dtype=np.int64)[np.minimum(c.span, 5)],
        words[word, BOUNDARY],
        words[word, GENERIC],
        tables.suffix_rows[c.suffix],
        tables.suffix_place_rows[c.suffix_type, place],
        tables.next_rows[c.next_type, c.bucket],
    ]
    rows = np.empty((len(columns), size), dtype=np.int32)  # (a model has far fewer rows than 2**31)
    for feature, column in enumerate(columns):
        rows[feature] = column
    return rows


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


@lru_cache(maxsize=1 << 16)  # asked of every tagged span, mostly of names seen before; the tables are fixed
def acceptable(label: str, type_: str, quoted: bool = False) -> bool:
    """The rules' generic-phrase filter: a kind of thing (产业园区, 省级经济开发区), a
    count (6个项目) or a generic head with nothing specific before it is no name. A quoted
    formula before its head is specific (“1136”工作思路), as the quoted rule reads it."""
    if len(label) < MIN_SPAN or len(label) > MAX_SPAN or not re.search(r"[\u4e00-\u9fffA-Za-z0-9]", label):
        return False
    if is_kind(label) or COUNTED.match(label) or is_product(label):
        return False  # (products and brands are none of the core types: “柳河山葡萄酒”)
    if (FOREIGN_PROSE.search(label) and not HAN.search(label)) or LATIN_WORDS.search(label) or label[:1] in ".:":
        return False  # (English prose or a web address, not a name: "the photo caption", content_3068104.htm)
    typed = type_of_name(label)
    return quoted or typed is None or typed.type != type_ or not is_generic(label, typed.suffix)


# Latin words apart, or a web address's marks: a span without a Chinese character that holds
# them is prose of another language or a link, which the model was not trained to read.
FOREIGN_PROSE = re.compile(r"[A-Za-z]\s+[A-Za-z0-9(]|[A-Za-z0-9][./_=?:][A-Za-z0-9]")
HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORDS = re.compile(r"[A-Za-z]{2,}[\s:]+[a-z]{2,}")  # two words, the second in lower case: prose


EDGE_PUNCT = " 、，,:：；;。!！?？"
PAIRS = (("“", "”"), ("(", ")"), ("《", "》"), ("‘", "’"))
PAIR_MARKS = re.compile("[" + re.escape("".join(chain.from_iterable(PAIRS))) + "]")
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
    if not PAIR_MARKS.search(text, start, end):
        return start, end  # (most names: no quote or bracket to balance)
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
    # the words inside the span: a run of the sentence's words (in order), found by bisection
    first = bisect.bisect_left(tokens, start, key=_START)
    last = first
    while last < len(tokens) and tokens[last].start + len(tokens[last].text) <= end:
        last += 1
    inside = tokens[first:last]
    for i, tok in enumerate(inside[:-1]):
        if tok.start != start:
            break
        verb_done = tok.pos.startswith("v") and inside[i + 1].pos.startswith("u")
        if i == 0 and _after_list_mark(tokens, first) and len(tok.text) >= 2 and tok.text not in boundary \
                and not verb_done and re.fullmatch(r"[\u4e00-\u9fff]+", tok.text):
            break  # 、居然/d之家…, 的大自然/d地板: a list item's first word is a name's, however tagged
        if tok.text in boundary or is_stop_pos(tok.pos) or verb_done:
            start = tok.start + len(tok.text)
        else:
            break
    return start


def _after_list_mark(tokens: list[Token], index: int) -> bool:
    """`opens_list_item` of `tokens[index]` without a scan: a sentence's words are in
    order and do not overlap (segment's output), so the word that ends where this one
    starts, if any, is the one just before it in the list."""
    before = tokens[index - 1] if index else None
    return before is not None and before.start + len(before.text) == tokens[index].start and before.text in ("、", "的")


def opens_list_item(tokens: list[Token], tok: Token) -> bool:
    """Does `tok` come right after a list comma or 的 (where a name, not a clause, starts)?"""
    before = next((t for t in tokens if t.start + len(t.text) == tok.start), None)
    return before is not None and before.text in ("、", "的")


def make_tagged(doc: Doc, sentence: Sentence, start: int, end: int, type_: str,
                tokens: list[Token] = ()) -> Mention | None:
    start, end = _trim(doc.text, _drop_leading_words(start, end, tokens if isinstance(tokens, list) else list(tokens)), end)
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
                    min_confidence: float | None = None, types: Iterable[str] | None = None) -> list[Mention]:
    """Every span the model finds in `doc` that passes the generic-phrase filter (only
    those of `types`, when given)."""
    path = Path(model_path or SETTINGS.model)
    threshold = SETTINGS.min_confidence if min_confidence is None else min_confidence
    wanted = None if types is None else frozenset(types)
    found: list[Mention] = []
    for sentence, tokens, spans in zip(doc.sentences, tokens_of, _document_spans(doc, tokens_of, path)):
        for start, end, type_, confidence in spans:
            if confidence < threshold or (wanted is not None and type_ not in wanted):
                continue
            mention = make_tagged(doc, sentence, sentence.start + start, sentence.start + end, type_, tokens)
            if mention is not None:
                found.append(mention)
    return found


def _document_spans(doc: Doc, tokens_of: list[list[Token]], path: Path,
                    wanted: Callable[[int, int, int, str], bool] | None = None
                    ) -> list[list[tuple[int, int, str, float | None]]]:
    """Per sentence: the spans the model finds, with their confidence (the mean marginal
    probability of their labels). All sentences are scored at once (`document_scores`);
    pycrfsuite reads the feature strings only where words do not tile a sentence.
    `wanted(sentence index, start, end, type)`: whether a span's confidence is needed (the
    others get None, and forward-backward runs only over the sentences that hold one)."""
    if not doc.sentences:
        return []
    if not _tiled(doc.sentences, tokens_of):
        model = load_model(path)
        return [tag_sentence(model, sentence_features(s.text, tokens, s.start))
                for s, tokens in zip(doc.sentences, tokens_of)]
    crf = _tables(path).crf
    scores = document_scores(doc.sentences, tokens_of, path)
    lengths = np.array([len(s.text) for s in doc.sentences], dtype=np.int64)
    starts = np.cumsum(lengths) - lengths
    best = viterbi(crf, scores, starts, lengths)
    outside = crf.labels.index(OUTSIDE)
    # decode each run of name labels alone: an O label only ends a span (see `decode`)
    marked = np.flatnonzero(best != outside)
    if not len(marked):
        return [[] for _ in doc.sentences]
    sentence_of = np.repeat(np.arange(len(lengths)), lengths)[marked]
    cuts = np.flatnonzero((np.diff(marked) != 1) | (np.diff(sentence_of) != 0)) + 1
    opens = np.concatenate(([0], cuts))  # each run's first place in `marked`
    runs = zip(marked[opens].tolist(), np.diff(np.concatenate((opens, [len(marked)]))).tolist(),
               sentence_of[opens].tolist())
    names, label_of, sentence_starts = crf.labels, best.tolist(), starts.tolist()
    found: list[list[tuple[int, int, str, int]]] = [[] for _ in doc.sentences]  # (.., first place in `best`)
    for first, size, k in runs:
        offset = first - sentence_starts[k]
        for start, end, type_ in decode([names[i] for i in label_of[first:first + size]]):
            found[k].append((offset + start, offset + end, type_, first + start))
    # the confidences of the spans wanted: forward-backward over their sentences alone
    confident = [k for k, spans in enumerate(found) if spans and (
        wanted is None or any([wanted(k, start, end, type_) for start, end, type_, _ in spans]))]
    chance = np.zeros(len(best))
    if confident:
        is_confident = np.zeros(len(lengths), dtype=bool)
        is_confident[confident] = True
        rows = np.flatnonzero(np.repeat(is_confident, lengths))  # their characters, in order
        sizes = lengths[confident]
        chance[rows] = label_chances(crf, scores[rows], np.cumsum(sizes) - sizes, sizes, best[rows])
    chance_of = chance.tolist()
    spans: list[list[tuple[int, int, str, float | None]]] = [[] for _ in doc.sentences]
    for k in confident:
        for start, end, type_, first in found[k]:
            wants = wanted is None or wanted(k, start, end, type_)
            spans[k].append((start, end, type_, sum(chance_of[first:first + end - start]) / (end - start) if wants else None))
    for k, sentence_spans in enumerate(found):
        if sentence_spans and not spans[k]:
            spans[k] = [(start, end, type_, None) for start, end, type_, _ in sentence_spans]
    return spans


def with_trailing_bracket(doc: Doc, mention: Mention) -> tuple[int, int]:
    """The span a mention will cover once its trailing bracket (二期) joins it."""
    match = TRAILING_BRACKET.match(doc.text, mention.end)
    return mention.start, match.end() if match else mention.end


def complement(doc: Doc, rule_mentions: list[Mention], tokens_of: list[list[Token]]) -> list[Mention]:
    """The tagger's spans that the rules did not find: of the configured types, and
    overlapping no rule mention (nor its trailing bracket). Empty when it is turned off."""
    if not SETTINGS.enabled or not SETTINGS.model.is_file():
        return []
    # the characters taken so far (one byte each: a scan of every taken span per tagged
    # span was quadratic in a document's names); spans are never empty
    taken = bytearray(len(doc.text) + 1)

    def take(start: int, end: int) -> None:
        taken[start:end] = b"\x01" * (end - start)

    for mention in rule_mentions:
        take(*with_trailing_bracket(doc, mention))
    made: dict[tuple[int, int, int], Mention | None] = {}

    def clear(k: int, start: int, end: int, type_: str) -> bool:
        """Whether a span becomes a mention of a wanted type that overlaps no rule mention:
        only such a span can be added (the characters taken only grow), so only its
        confidence is needed (most tagged spans are names the rules found too)."""
        if (k, start, end) not in made:
            sentence = doc.sentences[k]
            mention = make_tagged(doc, sentence, sentence.start + start, sentence.start + end, type_, tokens_of[k]) \
                if type_ in SETTINGS.types else None
            clear_ = mention is not None and taken.find(1, *with_trailing_bracket(doc, mention)) < 0
            made[k, start, end] = mention if clear_ else None
        return made[k, start, end] is not None

    added = []
    for k, spans in enumerate(_document_spans(doc, tokens_of, Path(SETTINGS.model), wanted=clear)):
        for start, end, type_, confidence in spans:
            # as `tagged_mentions` then the overlap with what was taken, in the same order
            if confidence is None or confidence < SETTINGS.min_confidence or not clear(k, start, end, type_):
                continue
            mention = made[k, start, end]
            start, end = with_trailing_bracket(doc, mention)
            if taken.find(1, start, end) >= 0:
                continue
            added.append(mention)
            take(start, end)
    return added
