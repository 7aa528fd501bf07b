"""`kg train`: rebuild the recogniser's tagger (a character CRF) from gold files.

Every gold JSON file names a document; the document is read like `kg build` reads it
(normalised, segmented), and every occurrence of each gold entity's name or alias in it
is labelled with the entity's type, longest match first (`ignore` items are kept out:
their text is labelled as no name). The CRF learns from those labels with fixed
parameters and no randomness, so training twice on the same files gives the same bytes.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kg.doc import Doc
from kg.extract.recognize import sentence_tokens
from kg.extract.recognize.tagger import MODEL, sentence_features, span_labels
from kg.extract.segment import segment
from kg.ingest.files import read_document
from kg.ingest.metadata import read_metadata
from kg.ingest.normalize import normalize, normalize_char

HELP = "train the recogniser's tagger from gold files / 训练识别模型"
GOLD_ROOT = Path("tests") / "gold"
DEFAULT_GOLD = (GOLD_ROOT / "seeds", GOLD_ROOT / "wide")
DEFAULT_TEXTS = ("seeds",)  # where the seeds' gold files find their documents
# L-BFGS with elastic-net regularisation: deterministic (no random order, unlike SGD).
# c1 (L1) drops rare features, which keeps the shipped model small; values chosen by
# cross-validation (bench/bench_cv.py).
PARAMS = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 150,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}
# Marks the scorer drops from names (quotes, book-title marks, spaces): gold names are
# written without them, the text with them (“1136”工作思路).
STRIPPED = re.compile(r"[\s“”‘’\"'《》〈〉「」『』]")


@dataclass
class Sequence:
    """One sentence: its characters' features and labels."""

    features: list[list[str]]
    labels: list[str]


@dataclass
class Example:
    """A gold document, read and labelled."""

    document: str  # gold file name
    sequences: list[Sequence]
    entities: int  # labelled spans


class TrainError(Exception):
    """A gold file or its document cannot be used (one line, names the file)."""


def gold_files(folders: list[Path]) -> list[Path]:
    files: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            raise TrainError(f"{folder}: no such folder of gold files / 找不到标注目录")
        files += sorted(folder.glob("*.json"))
    return files


def find_text(gold_file: Path, document: str, text_dirs: list[Path]) -> Path:
    """The document a gold file describes: beside it, or in one of `text_dirs`."""
    for folder in [gold_file.parent, *text_dirs]:
        candidate = folder / document
        if candidate.is_file():
            return candidate
    raise TrainError(f"{gold_file}: document {document} not found beside it nor in {', '.join(map(str, text_dirs))}")


def read_text(path: Path) -> Doc:
    """A document as the build reads it, up to segmentation."""
    return segment(read_metadata(normalize(read_document(path))))


def normalized_name(name: str) -> str:
    """A gold name as the normalised text writes it, without the marks names drop."""
    text = "".join(normalize_char(c) for c in unicodedata.normalize("NFC", name))
    return STRIPPED.sub("", text)


def gold_spans(text: str, gold: dict) -> list[tuple[int, int, str]]:
    """(start, end, type) of every occurrence of a gold name or alias in `text`, longest
    first and never overlapping; an `ignore` item's occurrences block the names inside it."""
    kept = [i for i, c in enumerate(text) if not STRIPPED.match(c)]
    view = "".join(text[i] for i in kept)
    names: dict[str, str] = {}
    for entity in gold.get("entities", []):
        for name in [entity["name"], *entity.get("aliases", [])]:
            names.setdefault(normalized_name(name), entity["type"])
    for name in gold.get("ignore", []):
        names[normalized_name(name)] = ""
    found: list[tuple[int, int, str]] = []
    for name, type_ in names.items():
        if len(name) < 1:
            continue
        position = view.find(name)
        while position >= 0:
            found.append((position, position + len(name), type_))
            position = view.find(name, position + 1)
    taken: list[tuple[int, int, str]] = []
    for start, end, type_ in sorted(found, key=lambda s: (s[0] - s[1], s[0])):
        if not any(start < t_end and t_start < end for t_start, t_end, _ in taken):
            taken.append((start, end, type_))
    spans = []
    for start, end, type_ in sorted(taken):
        if type_:
            spans.append(_with_quotes(text, kept[start], kept[end - 1] + 1) + (type_,))
    return spans


def _with_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """A name that holds a closing quote (“1136”工作思路) opens with its opening quote."""
    span = text[start:end]
    for opener, closer in (("“", "”"), ("《", "》"), ("‘", "’")):
        if span.count(closer) > span.count(opener) and start > 0 and text[start - 1] == opener:
            start -= 1
    return start, end


def make_example(gold_file: Path, text_dirs: list[Path]) -> Example:
    try:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        document = gold["document"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise TrainError(f"{gold_file}: not a gold file ({exc})") from exc
    doc = read_text(find_text(gold_file, document, text_dirs))
    spans = gold_spans(doc.text, gold)
    sequences = []
    for sentence, tokens in zip(doc.sentences, sentence_tokens(doc)):
        inside = [(s - sentence.start, e - sentence.start, t) for s, e, t in spans
                  if sentence.start <= s and e <= sentence.end]
        sequences.append(Sequence(sentence_features(sentence.text, tokens, sentence.start),
                                  span_labels(len(sentence.text), inside)))
    return Example(gold_file.name, sequences, len(spans))


def train_model(examples: list[Example], output: Path, params: dict | None = None) -> Path:
    """Train the CRF on `examples` and write it to `output` atomically."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params({**PARAMS, **(params or {})})
    for example in examples:
        for sequence in example.sequences:
            trainer.append(sequence.features, sequence.labels)
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".tagger-", dir=output.parent)
    os.close(handle)
    try:
        trainer.train(temporary)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; a model is package data
        os.replace(temporary, output)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return output


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", action="append", default=None, metavar="DIR",
                        help="folder of gold JSON files, repeatable (default: tests/gold/seeds and tests/gold/wide)")
    parser.add_argument("--texts", action="append", default=None, metavar="DIR",
                        help="folder where documents are looked for when not beside their gold file (default: seeds)")
    parser.add_argument("-o", "--output", default=str(MODEL), help="model file to write (default: the shipped model)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary")


def run(args: argparse.Namespace) -> int:
    folders = [Path(f) for f in (args.gold or DEFAULT_GOLD)]
    text_dirs = [Path(t) for t in (args.texts or DEFAULT_TEXTS)]
    try:
        examples = [make_example(f, text_dirs) for f in gold_files(folders)]
    except TrainError as exc:
        print(f"kg train: {exc}", file=sys.stderr)
        return 2
    if not examples:
        print(f"kg train: no gold file in {', '.join(map(str, folders))} / 没有标注文件", file=sys.stderr)
        return 2
    output = Path(args.output)
    try:
        train_model(examples, output)
    except OSError as exc:
        print(f"kg train: {output}: cannot write the model ({exc.strerror or exc})", file=sys.stderr)
        return 1
    if not args.quiet:
        characters = sum(len(s.labels) for e in examples for s in e.sequences)
        spans = sum(e.entities for e in examples)
        print(f"trained on {len(examples)} documents ({characters} characters, {spans} labelled names); "
              f"wrote {output}", file=sys.stderr)
    return 0
