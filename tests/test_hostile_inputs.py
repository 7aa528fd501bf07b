"""Hostile inputs (issue 13): file names that are no IRI, zip bombs, one endless line,
HTML nested 5,000 deep, hundreds of tiny files, oversized files, a full disk, and a PDF
that makes pypdf complain. Each is named on one line `kg build: FILE: problem` (or read),
the other files are still read, and the work stays bounded by size, not by luck."""
from __future__ import annotations

import io
import os
import resource
import shutil
import signal
import struct
import subprocess
import sys
import urllib.parse
import zipfile
from pathlib import Path

import pyoxigraph
import pytest

from conftest import ROOT, SEEDS
from docx_parts import BODY_HEAD, BODY_TAIL, PARAGRAPH, small_docx
from kg.cli import main
from kg.extract.segment import MAX_SENTENCE_CHARS, split_sentences
from kg.graph.rdf import iri_segment
from kg.ingest.readers.base import ReadError
from kg.ingest.readers.html import MAX_NESTING, read_html, too_deep
from kg.ingest.readers.zipguard import ZipLimits, check_zip

GOOD = "001_83d66f3eea1a55a4.txt"  # the shortest seed keeps the builds quick
KG = "https://w3id.org/gykg/ontology#"
MB = 1024 * 1024


def build(folder: Path, out: Path, *extra: str) -> int:
    return main(["build", str(folder), "-o", str(out), "--no-validate", "-q", "--no-cache", *extra])


def problem_lines(err: str, name: str) -> list[str]:
    return [line for line in err.splitlines() if name in line]


def with_seed(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEEDS / GOOD, folder / GOOD)
    return folder


def seed_was_read(out: Path) -> bool:
    return f'"{GOOD}"' in (out / "graph.ttl").read_text(encoding="utf-8")


# --- file names -----------------------------------------------------------------------

AWKWARD_NAMES = ["政府 工作报告", "a{b}", 'q"uote', "lt<gt>", "tab\there", "new\nline", "pi|pe", "ca^ret",
                 "back`tick", "back\\slash", "pct%41", "hash#frag", "ques?tion", "priv\ue000x", "del\x7fx"]


def test_file_names_that_are_no_iri_build_a_graph_pyoxigraph_and_kg_query_load(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    text = (SEEDS / GOOD).read_text(encoding="utf-8")
    for number, name in enumerate(AWKWARD_NAMES):
        (folder / f"{name}.txt").write_text(text + f"\n第{number}号。\n", encoding="utf-8")
    (folder / os.fsdecode(b"bad\xff\xfename.txt")).write_bytes((text + "\n坏名字。\n").encode())
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "-q", "--no-cache"]) == 0  # validates too
    assert "does not look like a valid URI" not in capsys.readouterr().err

    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    rows = store.query(f"SELECT ?d ?name WHERE {{ ?d a <{KG}Document> ; <{KG}fileName> ?name }}")
    names = {row["name"].value: row["d"].value for row in rows}
    # the real name is kept as a literal (undecodable bytes as U+FFFD); the IRI is encoded
    assert set(names) == {f"{n}.txt" for n in AWKWARD_NAMES} | {"bad\ufffd\ufffdname.txt"}
    assert names["政府 工作报告.txt"].endswith("/Document/政府%20工作报告")
    assert names["pct%41.txt"].endswith("/Document/pct%2541")
    assert names["bad\ufffd\ufffdname.txt"].endswith("/Document/bad%FF%FEname")

    capsys.readouterr()
    assert main(["query", f"SELECT (COUNT(?d) AS ?n) WHERE {{ ?d a <{KG}Document> }}",
                 "--graph", str(out / "graph.ttl"), "--format", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["n", str(len(AWKWARD_NAMES) + 1)]


@pytest.mark.parametrize("name", AWKWARD_NAMES + ["政府工作报告", "000_ecb2e819d0fb75f5", "nb\u00a0sp", "ideo\u3000sp"])
def test_iri_segment_is_valid_and_decodes_back_to_the_name(name):
    segment = iri_segment(name)
    assert urllib.parse.unquote(segment) == name
    pyoxigraph.NamedNode("https://w3id.org/gykg/resource/Document/" + segment)  # raises if invalid
    assert not any(c in segment for c in ' <>"{}|^`\\\t\n#?/')


def test_plain_names_are_unchanged_so_seed_iris_stay_the_same():
    for name in ["000_ecb2e819d0fb75f5", "政府工作报告", "hua-xi-qu", "2025年", "a.b"]:
        assert iri_segment(name) == name
    assert iri_segment("..") == "%2E%2E"  # a dot segment would vanish when resolved


def test_base_that_is_no_iri_is_refused_in_one_line(tmp_path, capsys):
    status = main(["build", str(with_seed(tmp_path / "in")), "-o", str(tmp_path / "out"), "-q", "--base", "http://a b/"])
    err = capsys.readouterr().err
    assert status == 2 and len(err.strip().splitlines()) == 1 and "--base" in err
    assert not (tmp_path / "out").exists()


# --- zip bombs --------------------------------------------------------------------------

def docx_with_body(xml: bytes) -> bytes:
    """A .docx whose word/document.xml is `xml`, the other parts from a real document."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(small_docx())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            data = xml if info.filename == "word/document.xml" else source.read(info.filename)
            bomb.writestr(info.filename, data)
    return out.getvalue()


def paragraphs_xml(count: int) -> bytes:
    return BODY_HEAD + PARAGRAPH * count + BODY_TAIL


def test_docx_bomb_is_refused_from_its_directory_and_the_seed_is_still_read(tmp_path, capsys):
    folder = with_seed(tmp_path / "in")
    xml = paragraphs_xml(40_000)  # 3 MB of one paragraph repeated: inflates several hundred times
    bomb = docx_with_body(xml)
    member = zipfile.ZipFile(io.BytesIO(bomb)).getinfo("word/document.xml")
    assert member.file_size / member.compress_size > 100
    (folder / "bomb.docx").write_bytes(bomb)
    assert build(folder, tmp_path / "out") == 0
    err = capsys.readouterr().err
    lines = problem_lines(err, "bomb.docx")
    assert len(lines) == 1 and lines[0].startswith("kg build: ") and "zip bomb" in lines[0]
    assert "Traceback" not in err and seed_was_read(tmp_path / "out")


def test_zip_directory_limits_each_refuse_before_inflating():
    normal = docx_with_body(paragraphs_xml(50))
    check_zip(normal)  # a real small document passes
    with pytest.raises(ReadError, match="expands to"):
        check_zip(normal, ZipLimits(max_total_bytes=10_000))
    with pytest.raises(ReadError, match="XML parts"):
        check_zip(normal, ZipLimits(max_xml_bytes=5_000))
    with pytest.raises(ReadError, match="parts"):
        check_zip(normal, ZipLimits(max_members=3))
    with pytest.raises(ReadError, match="word/document.xml expands"):
        check_zip(docx_with_body(paragraphs_xml(40_000)))
    check_zip(b"not a zip at all")  # left for the reader to call damaged


def test_docx_whose_directory_understates_its_size_is_not_inflated_past_it(tmp_path, capsys):
    """The directory says 1,000 bytes; the stream holds 3 MB. zipfile stops at the stated
    size and the CRC fails: one line, nothing inflated beyond what was declared."""
    data = bytearray(docx_with_body(paragraphs_xml(40_000)))
    name = b"word/document.xml"
    patched = 0
    # the uncompressed size in the local header (offset 22) and the central directory (24)
    for signature, name_offset, size_offset in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if data[start + name_offset:start + name_offset + len(name)] == name:
                struct.pack_into("<I", data, start + size_offset, 1000)
                patched += 1
            start += 4
    assert patched == 2
    folder = with_seed(tmp_path / "in")
    (folder / "liar.docx").write_bytes(bytes(data))
    assert build(folder, tmp_path / "out") == 0
    lines = problem_lines(capsys.readouterr().err, "liar.docx")
    assert len(lines) == 1 and "docx" in lines[0]
    assert seed_was_read(tmp_path / "out")


# --- one endless line -------------------------------------------------------------------

def bare_text(chars: int) -> str:
    """Report text with every punctuation mark and line break removed."""
    text = "".join(c for c in (SEEDS / GOOD).read_text(encoding="utf-8") if c.isalnum())
    return (text * (chars // len(text) + 1))[:chars]


def test_long_sentences_are_cut_at_a_bounded_length_covering_the_text():
    text = bare_text(20_000)
    sentences = split_sentences(text)
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_CHARS
    assert "".join(s.text for s in sentences) == text
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert [s.index for s in sentences] == list(range(len(sentences)))


def test_a_long_sentence_is_cut_after_a_comma_when_it_has_one():
    text = "花溪区" * 150 + "," + "贵阳市" * 150 + "。"
    first, second = split_sentences(text)
    assert first.text.endswith(",") and len(first.text) == 451
    assert second.text.startswith("贵阳市")


def test_sentences_of_the_seeds_are_not_cut():
    for seed in SEEDS.glob("*.txt"):
        assert all(len(s.text) < MAX_SENTENCE_CHARS for s in split_sentences(seed.read_text(encoding="utf-8")))


def test_a_line_without_punctuation_is_read_and_the_seed_too(tmp_path, capsys):
    folder = with_seed(tmp_path / "in")
    (folder / "line.txt").write_text(bare_text(30_000), encoding="utf-8")
    assert build(folder, tmp_path / "out") == 0
    assert capsys.readouterr().err == ""
    graph = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert '"line.txt"' in graph and seed_was_read(tmp_path / "out")


def test_text_over_the_character_limit_is_named_and_the_seed_still_read(tmp_path, capsys):
    folder = with_seed(tmp_path / "in")
    (folder / "line.txt").write_text(bare_text(12_000), encoding="utf-8")
    assert build(folder, tmp_path / "out", "--max-chars", "10000") == 0
    lines = problem_lines(capsys.readouterr().err, "line.txt")
    assert len(lines) == 1 and "text too long" in lines[0] and "--max-chars" in lines[0]
    assert seed_was_read(tmp_path / "out")


# --- deep HTML ----------------------------------------------------------------------------

def test_html_nested_thousands_deep_is_refused_in_one_line_and_the_seed_still_read(tmp_path, capsys):
    page = "<html><body>" + "<div><span>花溪区" * (5 * MAX_NESTING) + "</body></html>"
    with pytest.raises(ReadError, match="nested over"):
        read_html(page.encode())
    folder = with_seed(tmp_path / "in")
    (folder / "deep.html").write_text(page, encoding="utf-8")
    assert build(folder, tmp_path / "out") == 0
    err = capsys.readouterr().err
    assert len(problem_lines(err, "deep.html")) == 1 and len(err.splitlines()) == 1
    assert seed_was_read(tmp_path / "out")


def test_pages_of_ordinary_depth_are_read_however_many_blocks_they_hold():
    nested = "<html><body>" + "<div><p>花溪区</p>" * 200 + "</div>" * 200 + "</body></html>"
    closed = "<html><body>" + "<div>花溪区</div>" * 5000 + "</body></html>"  # many, never deep
    assert not too_deep(nested) and not too_deep(closed)
    assert read_html(closed.encode()).text.count("花溪区") == 5000


def test_deeply_nested_inline_tags_are_read_in_one_pass():
    """Spans nest without limit in the parser; each container's text is measured once, not
    once for every container around it."""
    page = "<html><body>" + "<div><span>" * 900 + "<span>花溪区" * 50_000 + "</body></html>"
    assert read_html(page.encode()).text.count("花溪区") == 50_000


# --- many files, big files ------------------------------------------------------------------

def test_hundreds_of_tiny_files_are_all_read(tmp_path, capsys):
    folder = with_seed(tmp_path / "in")
    for number in range(300):
        (folder / f"tiny{number:03d}.txt").write_text(f"花溪区第{number}号通知。\n", encoding="utf-8")
    assert build(folder, tmp_path / "out") == 0
    assert capsys.readouterr().err == ""
    graph = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert graph.count(" a kg:Document ;") == 301


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path, capsys):
    folder = with_seed(tmp_path / "in")
    with open(folder / "big.docx", "wb") as handle:
        handle.truncate(3 * MB)  # a sparse file: the size alone must refuse it
    with open(folder / "big.txt", "wb") as handle:  # over 4 bytes per allowed character
        handle.write("花溪区。".encode() * (5 * MB // 12))
    assert build(folder, tmp_path / "out", "--max-file-mb", "2") == 0
    err = capsys.readouterr().err
    for name in ("big.docx", "big.txt"):
        lines = problem_lines(err, name)
        assert len(lines) == 1 and "too large" in lines[0], err
    assert seed_was_read(tmp_path / "out")


# --- writing, and what pypdf says -------------------------------------------------------------

def run_kg(*args: str, fsize: int | None = None) -> subprocess.CompletedProcess:
    def limit() -> None:
        if fsize is not None:  # a file-size limit: writes past it fail with EFBIG, as on a full disk
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, env=env,
                          preexec_fn=limit, cwd=ROOT)


def test_failed_write_is_one_line_naming_the_output_file_and_keeps_the_previous_output(tmp_path):
    out = tmp_path / "out"
    assert run_kg("build", str(SEEDS / GOOD), "-o", str(out), "-q", "--no-cache").returncode == 0
    before = (out / "graph.ttl").read_bytes()
    done = run_kg("build", str(SEEDS), "-o", str(out), "-q", "--no-cache", "--no-validate", fsize=len(before) + 1000)
    assert done.returncode == 1
    assert done.stderr.startswith(f"kg build: {out}/graph.") and "cannot write: File too large" in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert (out / "graph.ttl").read_bytes() == before


def test_pypdf_warnings_become_one_prefixed_line(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Huaxi district work report 2025.")
    data = bytes(pdf.output())
    data = data[:data.rindex(b"startxref")] + b"startxref\n99999\n%%EOF\n"  # a wrong xref offset
    folder = with_seed(tmp_path / "in")
    (folder / "warn.pdf").write_bytes(data)
    done = run_kg("build", str(folder), "-o", str(tmp_path / "out"), "-q", "--no-cache", "--no-validate")
    assert done.returncode == 0
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith(f"kg build: {folder / 'warn.pdf'}: PDF reader warning: ")
    assert seed_was_read(tmp_path / "out")


def test_pdf_with_more_pages_than_the_limit_is_refused_before_extracting(tmp_path, capsys):
    from fpdf import FPDF

    from kg.ingest.readers.pdf import MAX_PAGES

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for _ in range(MAX_PAGES + 1):
        pdf.add_page()
        pdf.cell(text="Huaxi district.")
    folder = with_seed(tmp_path / "in")
    (folder / "long.pdf").write_bytes(bytes(pdf.output()))
    assert build(folder, tmp_path / "out") == 0
    lines = problem_lines(capsys.readouterr().err, "long.pdf")
    assert len(lines) == 1 and f"{MAX_PAGES + 1} pages" in lines[0]
    assert seed_was_read(tmp_path / "out")
