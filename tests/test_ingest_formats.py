"""Every input format a user has: the seeds re-encoded, wrapped in HTML, written to .docx and
.pdf, and converted to traditional characters build to the entities of the plain seeds."""
from __future__ import annotations

import html
from pathlib import Path

import opencc
import pytest

from conftest import GOLD, SEEDS
from kg.builder import build
from kg.evaluate import evaluate, totals
from kg.ingest.files import load_document

SEED_000 = "000_ecb2e819d0fb75f5"
ENCODINGS = {"utf8bom": "utf-8-sig", "gb18030": "gb18030", "utf16": "utf-16", "utf16le": "utf-16-le",
             "utf16be": "utf-16-be"}
F1_TOLERANCE = 0.03  # "within a few points" of the plain seeds


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def write_html(text: str, path: Path) -> None:
    """A government page as saved from a browser: GB2312 declared, nav, sidebar, footer, script."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(text))
    page = f"""<!DOCTYPE html><html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<meta name="PubDate" content="2025-03-04 09:30"><meta name="ContentSource" content="花溪区融媒体中心">
<title>{html.escape(paragraphs(text)[0])}_贵阳市花溪区人民政府</title>
<script>var menu = "首页 清镇市人民政府 观山湖区";</script><style>.nav {{ color: red }}</style></head>
<body><div class="header"><ul class="nav"><li><a href="/">首页</a></li><li>政务公开</li><li>修文县人民政府</li></ul></div>
<div class="main"><div class="position">当前位置：首页 &gt; 新闻动态</div>
<div class="TRS_Editor">{body}</div><div class="share">分享到：微信 微博</div></div>
<div class="sidebar"><h3>相关链接</h3><ul><li><a>息烽县人民政府</a></li><li><a>开阳县人民政府</a></li></ul></div>
<div class="footer">主办：贵阳市花溪区人民政府办公室 版权所有 黔ICP备12345678号</div>
<script>document.write("统计代码");</script></body></html>"""
    path.write_bytes(page.encode("gb18030"))


def write_docx(text: str, path: Path) -> None:
    import docx

    document = docx.Document()
    for paragraph in paragraphs(text):
        document.add_paragraph(paragraph)
    document.save(str(path))


def write_pdf(text: str, path: Path) -> None:
    """A text-layer PDF hard-wrapped at the page width (reportlab's built-in CID font STSong-Light)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font, size, width, left, top, bottom = "STSong-Light", 11, 480, 57, 790, 60
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.setFont(font, size)
    y = top
    for paragraph in paragraphs(text):
        lines, line = [], ""
        for char in paragraph:
            if pdfmetrics.stringWidth(line + char, font, size) > width:
                lines.append(line)
                line = char
            else:
                line += char
        lines.append(line)
        for line in lines:
            if y < bottom:
                pdf.showPage()
                pdf.setFont(font, size)
                y = top
            pdf.drawString(left, y, line)
            y -= size * 1.6
        y -= size * 0.6
    pdf.save()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """One folder per format, each holding all seeds under their own document names."""
    root = tmp_path_factory.mktemp("formats")
    to_traditional = opencc.OpenCC("s2tw")
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        traditional = to_traditional.convert(text)
        files = {f"{name}/{seed.name}": text.encode(enc) for name, enc in ENCODINGS.items()}
        files[f"big5/{seed.name}"] = traditional.encode("big5hkscs")
        files[f"traditional/{seed.name}"] = traditional.encode("utf-8")
        for relative, data in files.items():
            (root / relative).parent.mkdir(exist_ok=True)
            (root / relative).write_bytes(data)
        for name, writer, suffix in (("html", write_html, ".html"), ("docx", write_docx, ".docx"), ("pdf", write_pdf, ".pdf")):
            (root / name).mkdir(exist_ok=True)
            writer(text, root / name / f"{seed.stem}{suffix}")
    return root


@pytest.mark.parametrize("name", sorted(ENCODINGS))
def test_unicode_encodings_decode_to_the_seed_text(corpus, name):
    for seed in sorted(SEEDS.glob("*.txt")):
        doc = load_document(corpus / name / seed.name).doc
        assert doc.raw.lstrip("\ufeff") == seed.read_text(encoding="utf-8")


@pytest.mark.parametrize("name,expected", [("gb18030", "gb18030"), ("big5", "big5")])
def test_legacy_chinese_encodings_are_detected(corpus, name, expected):
    for seed in sorted(SEEDS.glob("*.txt")):
        doc = load_document(corpus / name / seed.name).doc
        assert expected in doc.meta.encoding.replace("cp950", "big5")
        source = seed.read_text(encoding="utf-8")
        if name == "gb18030":
            assert doc.raw == source
        else:
            assert doc.raw == opencc.OpenCC("s2tw").convert(source)


def test_html_keeps_the_article_and_drops_navigation_footer_and_scripts(corpus):
    doc = load_document(corpus / "html" / f"{SEED_000}.html").doc
    seed = (SEEDS / f"{SEED_000}.txt").read_text(encoding="utf-8")
    assert paragraphs(doc.raw) == paragraphs(seed)
    for boilerplate in ("首页", "黔ICP备", "统计代码", "修文县", "息烽县", "分享到", "当前位置", "var menu"):
        assert boilerplate not in doc.raw
    assert doc.meta.media_type == "text/html"
    assert doc.meta.date is not None and doc.meta.date.isoformat() == "2025-03-04"
    assert doc.meta.source == "花溪区融媒体中心"


def test_docx_and_pdf_keep_every_paragraph(corpus):
    seed = (SEEDS / f"{SEED_000}.txt").read_text(encoding="utf-8")
    docx_doc = load_document(corpus / "docx" / f"{SEED_000}.docx").doc
    assert paragraphs(docx_doc.raw) == paragraphs(seed)
    pdf_doc = load_document(corpus / "pdf" / f"{SEED_000}.pdf").doc
    # the PDF is hard-wrapped: compare the text with line breaks removed
    assert "".join(paragraphs(pdf_doc.raw)) == "".join(paragraphs(seed))


def _score(result) -> float:
    # gold files name the seed's .txt; the scorer matches the .html/.docx/.pdf by its stem
    return totals(evaluate(result, GOLD))["typed"].f1


def _labels(result) -> dict[str, set[str]]:
    label = {entity.key: entity.label for entity in result.entities}
    return {doc.doc_id: {label[m.key] for m in doc.mentions if m.key in label} for doc in result.docs}


@pytest.fixture(scope="module")
def plain(seed_build):
    return _labels(seed_build), _score(seed_build)  # seed names already end in .txt: no change


@pytest.mark.parametrize("name", ["html", "docx", "pdf", "traditional"])
def test_each_format_builds_the_entities_of_the_plain_seeds(corpus, plain, name):
    plain_labels, plain_f1 = plain
    result = build([str(corpus / name)])
    assert not result.problems
    labels = _labels(result)
    assert sorted(labels) == sorted(plain_labels)
    for doc_id, expected in plain_labels.items():
        overlap = len(expected & labels[doc_id]) / len(expected | labels[doc_id])
        assert overlap >= 0.95, (doc_id, sorted(expected ^ labels[doc_id])[:20])
    assert _score(result) >= plain_f1 - F1_TOLERANCE


def test_traditional_text_is_extracted_in_simplified_but_evidence_stays_traditional(corpus):
    result = build([str(corpus / "traditional" / f"{SEED_000}.txt")])
    labels = {entity.label for entity in result.entities}
    assert "花溪区" in labels and "花溪區" not in labels
    doc = result.docs[0]
    assert "花溪區" in doc.raw and "花溪区" in doc.text
    evidence = [str(o) for s, p, o in result.graph if str(p).endswith("#sentence")]
    assert evidence and any("花溪區" in sentence for sentence in evidence)
    assert not any("花溪区" in sentence for sentence in evidence)
