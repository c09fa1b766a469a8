"""DOCX -> lines: paragraphs (Heading n styles give the heading path; tabs split cells) and tables
(each row one line whose cells sit on the table grid, merged cells spanning their grid columns)."""
from __future__ import annotations

import io
import re

from flows.reports.extract import paragraph_parts
from flows.reports.layout.model import Line, Seg
from flows.reports.model import DocumentError


def read_lines(name: str, data: bytes) -> list[Line]:
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError/BadZipFile/XML errors for damaged files
        raise DocumentError(name, f"corrupt Word document: its content cannot be read ({type(exc).__name__}: {str(exc)[:120]})") from exc
    styles = {s.style_id: (s.name or "") for s in document.styles}
    out: list[Line] = []
    page, number, table_id = 1, 0, 0

    def add(text: str, **kw) -> None:
        nonlocal number
        number += 1
        out.append(Line(page=page, number=number, text=text, **kw))

    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            ppr = element.find(qn("w:pPr"))
            heading = 0
            if ppr is not None:
                if ppr.find(qn("w:pageBreakBefore")) is not None and out:
                    page, number = page + 1, 0
                style = ppr.find(qn("w:pStyle"))
                if style is not None:
                    m = re.search(r"(?i)(?:heading|overskrift)\s*(\d)", styles.get(style.get(qn("w:val")), style.get(qn("w:val")) or ""))
                    heading = int(m.group(1)) if m and int(m.group(1)) <= 4 else 0
            parts = paragraph_parts(element)
            for k, part in enumerate(parts):
                if k > 0:
                    page, number = page + 1, 0
                for text in part.split("\n"):
                    segs = None
                    if "\t" in text.strip():
                        cells = [c.strip() for c in text.split("\t")]
                        segs = [Seg(c, float(i), float(i + 1)) for i, c in enumerate(cells) if c]
                    add(text.replace("\t", " "), segs=segs, heading=heading)
        elif element.tag == qn("w:tbl"):
            table_id += 1
            for r, tr in enumerate(element.iter(qn("w:tr"))):
                segs, col = [], 0
                for tc in tr.iter(qn("w:tc")):
                    span = 1
                    tcpr = tc.find(qn("w:tcPr"))
                    if tcpr is not None and tcpr.find(qn("w:gridSpan")) is not None:
                        span = int(tcpr.find(qn("w:gridSpan")).get(qn("w:val")) or 1)
                    text = " ".join(" ".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))).split())
                    if text:
                        segs.append(Seg(text, float(col), float(col + span)))
                    col += span
                if segs:
                    trpr = tr.find(qn("w:trPr"))
                    is_header = trpr is not None and trpr.find(qn("w:tblHeader")) is not None
                    add(" ".join(s.text for s in segs), segs=segs, table_id=table_id, header=is_header)
    return out
