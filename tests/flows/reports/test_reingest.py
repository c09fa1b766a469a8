"""Re-ingest at the reader level: the same bytes give the same result and document id, a
changed file gives a new id, and bad input raises DocumentError with a readable reason,
never another exception type (so the flow can quarantine it and go on with the batch)."""
from __future__ import annotations

import io
import random
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from flows.reports.model import DocumentError
from flows.reports.parse import parse_document

TEXT_LINES = [
    "Årsrapport 2020", "VR innkjøp", "Leder: Ketil Aas", "", "1.1 Bemanning", "I 2020 har vi hatt 5 årsverk.",
    "", "1.2 Sykefravær", "Sykefraværet i 2020 var 3,1 %.", "", "2.1 Regnskap", "Tall i 1 000 kroner",
    "Regnskap 2020 Budsjett 2020 Avvik Regnskap 2019",
    "Lønn og sosiale utgifter 16 194 17 122 928 15 945",
    "Sum utgifter 16 194 17 122 928 15 945",
]


def _txt(path: Path) -> Path:
    path.write_text("\n".join(TEXT_LINES) + "\n", encoding="utf-8")
    return path


def _pdf(path: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in TEXT_LINES[:12]:
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    with pdf.table() as table:
        for cells in [["", "Regnskap 2020", "Budsjett 2020", "Avvik"], ["Lønn og sosiale utgifter", "16 194", "17 122", "928"]]:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.output(str(path))
    return path


def _docx(path: Path) -> Path:
    document = docx.Document()
    for line in TEXT_LINES[:12]:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=4)
    for r, cells in enumerate([["", "Regnskap 2020", "Budsjett 2020", "Avvik"], ["Lønn og sosiale utgifter", "16 194", "17 122", "928"]]):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    document.save(path)
    return path


def _content(report) -> tuple:
    return (report.document_id, report.organisation, report.report_year, report.units, report.facts,
            report.accounts, report.observations, report.warnings)


# --- same bytes, same result ----------------------------------------------------------------


@pytest.mark.parametrize("write", [_txt, _pdf, _docx], ids=["txt", "pdf", "docx"])
def test_same_bytes_parse_to_identical_results(tmp_path, write):
    path = write(tmp_path / f"innkjop-2020.{write.__name__.strip('_')}")
    first, second = parse_document(path), parse_document(path)
    assert first.facts and first.accounts
    assert _content(first) == _content(second)
    # the id is the content's: a copy elsewhere is the same document
    copy = tmp_path / "kopi" / path.name
    copy.parent.mkdir()
    shutil.copy(path, copy)
    assert _content(parse_document(copy)) == _content(first)


def test_changed_file_gets_a_new_document_id(tmp_path):
    path = _txt(tmp_path / "innkjop-2020.txt")
    before = parse_document(path)
    path.write_text(path.read_text(encoding="utf-8").replace("3,1 %", "3,2 %"), encoding="utf-8")
    after = parse_document(path)
    assert after.document_id != before.document_id
    assert {f.provenance.document_id for f in after.facts} == {after.document_id}
    assert any(f.metric == "sick_leave_pct" and f.value == 3.2 for f in after.facts)


def test_utf16_text_reads_like_utf8(tmp_path):
    utf8 = parse_document(_txt(tmp_path / "a-2020.txt"))
    for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
        path = tmp_path / f"b-2020-{encoding}.txt"
        path.write_bytes(("\n".join(TEXT_LINES) + "\n").encode(encoding))
        report = parse_document(path)
        assert {(f.metric, f.value) for f in report.facts} == {(f.metric, f.value) for f in utf8.facts}, encoding
        assert len(report.accounts) == len(utf8.accounts)


# --- bad input: only DocumentError, with a reason a person understands -------------------------


def _assert_readable_document_error(path: Path) -> str:
    try:
        parse_document(path)
    except DocumentError as exc:
        reason = exc.reason
        assert exc.file_name == path.name and str(exc).startswith(path.name)
        assert len(reason) >= 10 and " " in reason and "Traceback" not in reason, reason
        return reason
    except Exception as exc:  # pragma: no cover - the failure message is the point
        pytest.fail(f"{path.name}: {type(exc).__name__} instead of DocumentError: {exc}")
    pytest.fail(f"{path.name}: parsed without error")


def _bad_inputs(tmp_path: Path) -> dict[str, bytes]:
    rng = random.Random(20240601)
    pdf = _pdf(tmp_path / "ok.pdf").read_bytes()
    word = _docx(tmp_path / "ok.docx").read_bytes()
    cases: dict[str, bytes] = {}
    for frac in (0.05, 0.3, 0.6, 0.9):  # (pdfium repairs a PDF cut in its trailer: see below)
        cases[f"truncated-{frac}.pdf"] = pdf[: int(len(pdf) * frac)]
        cases[f"truncated-{frac}.docx"] = word[: int(len(word) * frac)]
    noise = bytes(rng.randrange(256) for _ in range(4096))
    for ext in ("pdf", "docx", "txt", "md"):
        cases[f"random.{ext}"] = noise
    cases["pdf-header-then-noise.pdf"] = b"%PDF-1.7\n" + noise
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("mimetype", "application/zip")
        zf.writestr("data/rapport.txt", "Årsrapport 2020")
    cases["arkiv.docx"] = archive.getvalue()
    cases["nettside.pdf"] = b"<!DOCTYPE html>\n<html><head><title>Arsrapport 2020</title></head><body>404</body></html>"
    cases["nettside.docx"] = b"<html><body>Ikke funnet</body></html>"
    cases["utf16-binary.txt"] = b"\xff\xfe" + bytes(rng.randrange(256) for _ in range(1001))
    cases["tom.pdf"] = b""
    cases["blank.txt"] = b"  \n\n\t\n"
    cases["gammel.doc"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    cases["regneark.xlsx"] = b"PK\x03\x04" + b"\x00" * 100
    return cases


def test_bad_input_raises_only_document_error(tmp_path):
    reasons = {}
    for name, data in _bad_inputs(tmp_path).items():
        path = tmp_path / name
        path.write_bytes(data)
        reasons[name] = _assert_readable_document_error(path)
    assert "truncated" in reasons["truncated-0.6.docx"] or "corrupt" in reasons["truncated-0.6.docx"]
    assert "corrupt PDF" in reasons["truncated-0.6.pdf"]
    assert "not a Word document" in reasons["arkiv.docx"]
    assert reasons["nettside.pdf"].startswith("an HTML web page, not a PDF")
    assert "binary data" in reasons["random.txt"] and "binary data" in reasons["random.md"]
    assert reasons["tom.pdf"] == "empty file"


def test_missing_file_and_folder_raise_document_error(tmp_path):
    assert "cannot read file" in _assert_readable_document_error(tmp_path / "finnes-ikke.pdf")
    folder = tmp_path / "mappe.pdf"
    folder.mkdir()
    assert "folder" in _assert_readable_document_error(folder)


def test_damaged_files_never_raise_other_exceptions(tmp_path):
    """Random byte flips in a good PDF or DOCX: the reader either reads what is left or
    says why it cannot; nothing else escapes."""
    rng = random.Random(7)
    originals = {"pdf": _pdf(tmp_path / "ok.pdf").read_bytes(), "docx": _docx(tmp_path / "ok.docx").read_bytes()}
    for ext, good in originals.items():  # cut inside the trailer: readable after repair, or a DocumentError
        for cut in (1, 20, 100):
            path = tmp_path / f"cut{cut}.{ext}"
            path.write_bytes(good[:-cut])
            try:
                parse_document(path)
            except DocumentError as exc:
                assert len(exc.reason) >= 10
    for k in range(12):
        for ext, good in originals.items():
            damaged = bytearray(good)
            for _ in range(rng.randrange(1, 40)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            path = tmp_path / f"flip{k}.{ext}"
            path.write_bytes(bytes(damaged))
            try:
                parse_document(path)
            except DocumentError as exc:
                assert len(exc.reason) >= 10
            except Exception as exc:  # pragma: no cover
                pytest.fail(f"{path.name}: {type(exc).__name__}: {exc}")
