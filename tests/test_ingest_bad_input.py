"""Bad input: each bad file is named on one line with its problem, the rest are built, and
the exit status is non-zero only when nothing could be read (or with --strict)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import SEEDS
from kg.cli import main
from kg.ingest.files import IngestError, discover, load_document

GOOD = "001_83d66f3eea1a55a4.txt"  # the shortest seed keeps the builds quick


def make_bad_files(folder: Path) -> dict[str, str]:
    """Bad files of every kind; returns file name -> a word its problem line must contain."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_bytes(b" \n\r\n\t\n")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "zeros.txt").write_bytes(b"\x00\x01\x02\x03" * 3000)
    (folder / "noise.txt").write_bytes(bytes((i * 167 + 13) % 128 + 128 for i in range(5000)) + b"\x80\x80\x81")
    with open(folder / "huge.txt", "wb") as handle:  # one 50 MB line
        handle.write("花溪区".encode() * (50 * 1024 * 1024 // 9 + 1))
    os.mkfifo(folder / "pipe.txt")  # a reader would block forever on it
    (folder / "fake.docx").write_bytes("这不是Word文件".encode())
    (folder / "fake.pdf").write_bytes(b"%PDF-1.4\n garbage without objects")
    (folder / "fake.html").write_bytes(b"<html><body><script>x()</script></body></html>")
    os.symlink("self.txt", folder / "self.txt")  # a symlink loop on itself
    os.symlink("missing.txt", folder / "dangling.txt")
    (folder / "nested").mkdir()
    os.symlink("..", folder / "nested" / "up")  # a folder loop
    return {"empty.txt": "empty", "blank.md": "empty", "image.txt": "binary", "zeros.txt": "binary",
            "noise.txt": "decode", "huge.txt": "too large", "pipe.txt": "regular file",
            "fake.docx": "docx", "fake.pdf": "PDF", "fake.html": "no article text",
            "self.txt": "loop", "dangling.txt": "broken symlink", "up": "loop"}


@pytest.fixture()
def messy(tmp_path) -> tuple[Path, dict[str, str]]:
    folder = tmp_path / "in"
    expected = make_bad_files(folder)
    shutil.copy(SEEDS / GOOD, folder / "nested" / GOOD)
    (folder / "notes.xlsx").write_bytes(b"PK\x03\x04")
    expected["notes.xlsx"] = "unsupported"
    return folder, expected


def test_each_bad_file_gets_one_line_and_the_good_one_is_built(messy, tmp_path, capsys):
    folder, expected = messy
    out = tmp_path / "out"
    status = main(["build", str(folder), "-o", str(out), "--no-validate", "-q", "--no-cache"])
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    for name, problem in expected.items():
        mine = [line for line in lines if f"/{name}:" in line]
        assert len(mine) == 1, (name, lines)
        assert problem.lower() in mine[0].lower(), mine[0]
    assert "Traceback" not in err
    assert len(lines) == len(expected)  # nothing else complained about
    assert status == 0
    graph = (out / "graph.ttl").read_text(encoding="utf-8")
    assert f'"{GOOD}"' in graph and '"花溪区"@zh' in graph


def test_strict_fails_on_any_bad_file_and_keeps_previous_output(messy, tmp_path, capsys):
    folder, _ = messy
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "--no-validate", "-q", "--no-cache", "--strict"]) != 0


def test_no_readable_document_is_an_error_and_writes_nothing(tmp_path, capsys):
    folder = tmp_path / "bad"
    make_bad_files(folder)
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "--no-validate", "-q", "--no-cache"]) != 0
    err = capsys.readouterr().err
    assert "no document could be read" in err
    assert not out.exists()


def test_missing_input_is_named(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"), "-q", "--no-cache"]) != 0
    assert f"{tmp_path / 'nowhere'}: no such file" in capsys.readouterr().err


def test_discover_walks_recursively_once_per_real_file_and_skips_hidden(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for path in (tmp_path / "a" / "one.txt", tmp_path / "a" / "b" / "two.md", tmp_path / ".git" / "x.txt",
                 tmp_path / "a" / ".hidden.txt"):
        path.write_text("花溪区", encoding="utf-8")
    os.symlink(tmp_path / "a" / "one.txt", tmp_path / "a" / "b" / "link.txt")
    os.symlink(tmp_path / "a", tmp_path / "a" / "b" / "loop")
    found, skipped = discover([str(tmp_path), str(tmp_path / "a" / "one.txt")])
    assert sorted(p.name for p in found) == ["one.txt", "two.md"]
    assert [s.reason for s in skipped if s.path.endswith("loop")] == ["symlink loop, not followed / 符号链接循环"]


def test_a_few_bad_bytes_in_utf8_are_replaced_with_a_note(tmp_path):
    data = bytearray((SEEDS / GOOD).read_bytes())
    data[3000:3001] = b"\xff"
    path = tmp_path / "cut.txt"
    path.write_bytes(bytes(data))
    loaded = load_document(path)
    assert "花溪区" in loaded.doc.raw and loaded.doc.meta.encoding == "utf-8"
    assert len(loaded.notes) == 1 and "cut.txt" in loaded.notes[0] and "U+FFFD" in loaded.notes[0]


def test_unreadable_file_raises_one_line_error(tmp_path):
    folder = tmp_path / "dir.txt"  # a folder named like a document
    folder.mkdir()
    with pytest.raises(IngestError) as error:
        load_document(folder)
    assert str(folder) in str(error.value) and "\n" not in str(error.value)


def test_duplicate_content_and_duplicate_names_are_read_once(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(SEEDS / GOOD, tmp_path / "a" / GOOD)
    shutil.copy(SEEDS / GOOD, tmp_path / "a" / "copy.txt")
    (tmp_path / "b" / GOOD).write_text("花溪区的另一份文件，内容不同。", encoding="utf-8")
    from kg.builder import read_inputs

    docs, problems = read_inputs([str(tmp_path)])
    assert [d.file_name for d in docs] == [GOOD]
    assert len(problems) == 2
    assert any("copy.txt" in p and "same content" in p for p in problems)
    assert any(f"b/{GOOD}" in p and "already used" in p for p in problems)
