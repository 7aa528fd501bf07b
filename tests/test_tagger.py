"""The learned recogniser: `kg train` is deterministic, the shipped model loads without a
network, the tagger finds names the rules miss, and it never overlaps a rule's mention."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from helpers import run_text
from kg.cli import main
from kg.extract.recognize import tagger

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def shipped_settings():
    """Every test starts and ends with the tagger as `kg build` runs it by default."""
    tagger.configure(enabled=True, model=tagger.MODEL)
    yield
    tagger.configure(enabled=True, model=tagger.MODEL)

# Two small documents of our own, annotated in the gold format (not from the gold sets).
TRAINING = {
    "t1": ("关于印发《临川区数字乡村建设实施方案》的通知。临川区人民政府决定实施“三清两拆”专项行动，"
           "推进云峰智能装备产业园建设，支持华茂集团建设年产十万吨新材料项目。",
           [{"name": "临川区数字乡村建设实施方案", "type": "Policy", "aliases": []},
            {"name": "临川区人民政府", "type": "Organization", "aliases": []},
            {"name": "临川区", "type": "AdministrativeArea", "sub": "District", "aliases": []},
            {"name": "“三清两拆”专项行动", "type": "Program", "aliases": []},
            {"name": "云峰智能装备产业园", "type": "Park", "aliases": []},
            {"name": "华茂集团", "type": "Organization", "aliases": []},
            {"name": "年产十万吨新材料项目", "type": "Project", "aliases": []}]),
    "t2": ("安澜镇召开会议，部署“三清两拆”专项行动。华茂集团在云峰智能装备产业园投资建设的新材料项目开工。",
           [{"name": "安澜镇", "type": "AdministrativeArea", "sub": "Township", "aliases": []},
            {"name": "“三清两拆”专项行动", "type": "Program", "aliases": []},
            {"name": "华茂集团", "type": "Organization", "aliases": []},
            {"name": "云峰智能装备产业园", "type": "Park", "aliases": []}]),
}


def write_gold(folder: Path) -> Path:
    folder.mkdir()
    for stem, (text, entities) in TRAINING.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        gold = {"document": f"{stem}.txt", "entities": entities, "ignore": []}
        (folder / f"{stem}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return folder


def test_train_twice_gives_the_same_model(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold")
    first, second = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    assert main(["train", "--gold", str(gold), "-o", str(first), "-q"]) == 0
    assert main(["train", "--gold", str(gold), "-o", str(second), "-q"]) == 0
    assert first.stat().st_size > 0
    assert first.read_bytes() == second.read_bytes()
    # and the model learned its training names
    doc_spans = {label for (label, _t) in _tagged(first, TRAINING["t2"][0])}
    assert "华茂集团" in doc_spans


def test_train_names_a_missing_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = write_gold(tmp_path / "gold")
    (gold / "t1.txt").unlink()
    assert main(["train", "--gold", str(gold), "-o", str(tmp_path / "m.crfsuite")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "t1.json" in err[0] and "t1.txt" in err[0]


def _tagged(model: Path, text: str) -> set[tuple[str, str]]:
    from kg.extract.recognize import sentence_tokens

    tagger.configure(enabled=False)
    try:
        doc = run_text(text)
    finally:
        tagger.configure(enabled=True)
    spans = tagger.tagged_mentions(doc, sentence_tokens(doc), model, min_confidence=0.0)
    return {(m.label, m.type) for m in spans}


def test_shipped_model_loads_offline() -> None:
    """The model is package data and tagging opens no connection."""
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = refuse; socket.create_connection = refuse; socket.getaddrinfo = refuse\n"
        "from importlib import resources\n"
        "from kg.extract.recognize import tagger\n"
        "path = resources.files('kg.data').joinpath('tagger.crfsuite')\n"
        "assert path.is_file() and str(path) == str(tagger.MODEL)\n"
        "model = tagger.load_model(tagger.MODEL)\n"
        "print(' '.join(sorted(model.info().labels)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT / "src")})
    labels = set(out.stdout.split())
    assert "O" in labels and {f"{tag}-{type_}" for tag in "BIE" for type_ in tagger.CORE_TYPES} <= labels


# A sentence written for this test (invented firms): a firm known by its short name, which
# no rule reads (no type suffix, not on the list of firms).
FIRMS = "今年以来，滨能集团与辰星绿能在宁波签署战略合作协议，共同推进光伏储能一体化项目。"


def test_tagger_finds_a_name_the_rules_miss() -> None:
    tagger.configure(enabled=False)
    try:
        rules = run_text(FIRMS)
    finally:
        tagger.configure(enabled=True)
    both = run_text(FIRMS)
    rule_labels = {m.label for m in rules.mentions}
    added = {(m.label, m.type) for m in both.mentions if m.rule == tagger.RULE}
    assert "辰星绿能" not in rule_labels
    assert ("辰星绿能", "Organization") in added


@pytest.mark.parametrize("path", [ROOT / "seeds" / "001_83d66f3eea1a55a4.txt", ROOT / "tests/gold/wide/c07.txt"])
def test_rules_stay_first_and_the_tagger_never_overlaps_them(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    tagger.configure(enabled=False)
    try:
        rules = run_text(text, path.name)
    finally:
        tagger.configure(enabled=True)
    both = run_text(text, path.name)
    rule_spans = {(m.start, m.end, m.label, m.type) for m in rules.mentions}
    added = [m for m in both.mentions if m.rule == tagger.RULE]
    assert added, "the tagger adds names on this document"
    assert rule_spans <= {(m.start, m.end, m.label, m.type) for m in both.mentions}
    for mention in added:
        assert not any(mention.start < end and start < mention.end for start, end, _l, _t in rule_spans), mention


def test_no_tagger_switch(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_text(FIRMS, encoding="utf-8")
    assert main(["build", str(tmp_path / "in.txt"), "-o", str(tmp_path / "off"), "--no-tagger", "-q", "--no-validate"]) == 0
    assert main(["build", str(tmp_path / "in.txt"), "-o", str(tmp_path / "on"), "-q", "--no-validate"]) == 0
    label = 'rdfs:label "辰星绿能"@zh'
    assert label not in (tmp_path / "off" / "graph.ttl").read_text(encoding="utf-8")
    assert label in (tmp_path / "on" / "graph.ttl").read_text(encoding="utf-8")


def _segmented(path: Path):
    from kg.extract.recognize import sentence_tokens
    from kg.pipeline import PIPELINE
    from kg.ingest.files import load_documents

    docs, _problems = load_documents([path])
    doc = docs[0]
    for name, stage in PIPELINE:
        if name == "recognize":
            break
        doc = stage(doc)
    return doc, sentence_tokens(doc)


@pytest.mark.parametrize("folder", ["seeds", "tests/gold/wide"])
def test_document_scoring_gives_crfsuites_labels_and_confidences(folder: str) -> None:
    """`kg build` tags a document at once from the model's weights (numpy); the labels must
    be those pycrfsuite gives on `sentence_features`' strings, sentence by sentence, and
    the confidences equal to 1e-12, on every document of both gold sets."""
    model = tagger.load_model(tagger.MODEL)
    sentences = 0
    for path in sorted((ROOT / folder).glob("*.txt")):
        doc, tokens_of = _segmented(path)
        fast = tagger._document_spans(doc, tokens_of, tagger.MODEL)
        for sentence, tokens, spans in zip(doc.sentences, tokens_of, fast):
            slow = tagger.tag_sentence(model, tagger.sentence_features(sentence.text, tokens, sentence.start))
            assert [s[:3] for s in spans] == [s[:3] for s in slow], (path.name, sentence.text)
            assert all(abs(a[3] - b[3]) < 1e-12 for a, b in zip(spans, slow)), (path.name, sentence.text)
            sentences += 1
    assert sentences > 1000


@pytest.mark.parametrize("folder", ["seeds", "tests/gold/wide"])
def test_compiled_tagging_equals_numpy(folder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where numba is installed the tagger's loops run compiled (recognize/kernels.py); on
    every document of both gold sets they must give numpy's feature rows and state scores
    bit for bit, its labels, and its confidences to 1e-12 (so the same graph either way)."""
    from kg.extract.recognize import crf

    monkeypatch.setattr(crf, "_use_compiled", True)  # (a small build before may have turned it off)
    if crf.compiled() is None:
        pytest.skip("numba is not installed (or NUMBA_DISABLE_JIT is set): only numpy runs")
    tables = tagger._tables(tagger.MODEL)
    for path in sorted((ROOT / folder).glob("*.txt")):
        doc, tokens_of = _segmented(path)
        if not doc.sentences:
            continue
        fast_rows = tagger._feature_rows(doc.sentences, tokens_of, tables)
        fast_scores = tagger.document_scores(doc.sentences, tokens_of, tagger.MODEL)
        fast_spans = tagger._document_spans(doc, tokens_of, tagger.MODEL)
        with monkeypatch.context() as numpy_only:
            numpy_only.setattr(crf, "compiled", lambda: None)
            numpy_only.setattr(tagger, "compiled", lambda: None)
            rows = tagger._feature_rows(doc.sentences, tokens_of, tables)
            scores = tagger.document_scores(doc.sentences, tokens_of, tagger.MODEL)
            spans = tagger._document_spans(doc, tokens_of, tagger.MODEL)
        assert all(np.array_equal(a, b) for a, b in zip(fast_rows, rows)), path.name
        assert np.array_equal(fast_scores, scores), path.name
        assert [[s[:3] for s in k] for k in fast_spans] == [[s[:3] for s in k] for k in spans], path.name
        assert all(abs(a[3] - b[3]) < 1e-12 for k, j in zip(fast_spans, spans) for a, b in zip(k, j)), path.name
