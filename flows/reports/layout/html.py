"""HTML (a saved web edition of a report) -> lines: h1-h4 are the heading path, block elements
are text lines, each <tr> one line whose cells sit on the table grid (colspan/rowspan honoured)."""
from __future__ import annotations

import re
from pathlib import Path

from flows.reports.layout.model import Line, Seg
from flows.reports.model import DocumentError

_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption", "dt", "dd", "pre", "blockquote", "br", "section", "article"}


def is_html(path: Path, data: bytes) -> bool:
    """A web page saved as .html/.htm; HTML under another name is quarantined by `extract`."""
    return path.suffix.lower() in (".html", ".htm")


def page_title(data: bytes) -> str | None:
    """The page's <title> ("Resultaträkning – Årsredovisning 2019 – Göteborgs Stad"): what the web page says it is,
    read like a text file's declared title (the organisation and the year are looked for there too)."""
    from flows.reports.extract import decode_text

    m = re.search(r"(?is)<title[^>]*>(.*?)</title>", decode_text(data)[:20000])
    if not m:
        return None
    import html as html_lib

    title = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", m.group(1))).split())
    return title or None


def read_lines(name: str, data: bytes) -> list[Line]:
    import lxml.html

    from flows.reports.extract import decode_text

    text = decode_text(data)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses a str with an encoding declaration
    try:
        root = lxml.html.fromstring(text)
    except Exception as exc:  # lxml raises ParserError/XMLSyntaxError for empty or broken markup
        raise DocumentError(name, f"HTML page that cannot be parsed ({type(exc).__name__}: {str(exc)[:120]})") from exc
    for bad in root.xpath("//script|//style|//noscript|//nav|//header|//footer"):
        bad.drop_tree()
    out: list[Line] = []
    buf: list[str] = []
    table_id = 0

    def flush(heading: int = 0) -> None:
        text = " ".join("".join(buf).split())
        buf.clear()
        if text:
            out.append(Line(page=1, number=len(out) + 1, text=text, heading=heading))

    def walk(el) -> None:
        nonlocal table_id
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table":
            flush()
            # a <caption> is the table's title and often its scale ("tall i 1 000 kroner"): a line above its rows
            for caption in el.findall("caption"):
                buf.append(caption.text_content())
                flush()
            table_id += 1
            _table(el, table_id)
            if el.tail:
                buf.append(el.tail)
            return
        m = re.fullmatch(r"h([1-6])", tag)
        if m:
            flush()
            buf.append(el.text_content())
            flush(heading=min(int(m.group(1)), 4))
            if el.tail:
                buf.append(el.tail)
            return
        if tag in _BLOCKS:
            flush()
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCKS:
            flush()
        if el.tail:
            buf.append(el.tail)

    def _table(table, tid: int) -> None:
        pending: dict[int, tuple[int, str]] = {}  # grid column -> (rows left, text) from rowspan
        group: list[str] = []  # the group label of a table with two label columns, for the rows under it
        body_seen = False  # a row of figures or labels (no head row) came before
        for tr in table.iter("tr"):
            segs, col = [], 0
            header = all(c.tag == "th" for c in tr if isinstance(c.tag, str)) or tr.getparent().tag == "thead"
            cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
            if header and body_seen and tr.getparent().tag != "thead" and _section_head(cells):
                header = False  # "<th colspan=6>Driftsutgifter</th>" between rows: a group label, no new head
            body_seen = body_seen or not header
            for cell in cells:
                while col in pending:
                    col += 1
                span = int(cell.get("colspan") or 1) if (cell.get("colspan") or "1").isdigit() else 1
                rows = int(cell.get("rowspan") or 1) if (cell.get("rowspan") or "1").isdigit() else 1
                text = " ".join(cell.text_content().split())
                if text:
                    segs.append(Seg(text, float(col), float(col + span)))
                if rows > 1:
                    for c in range(col, col + span):
                        pending[c] = (rows, text)
                col += span
            for c in list(pending):
                left, text = pending[c]
                pending[c] = (left - 1, text)
                if left - 1 <= 0:
                    del pending[c]
            if segs:
                segs.sort(key=lambda s: s.x0)
                segs = _group_label(segs, group)
                out.append(Line(page=1, number=len(out) + 1, text=" ".join(s.text for s in segs), segs=segs,
                                table_id=tid, header=header))

    body = root.find("body") if root.find("body") is not None else root
    walk(body)
    flush()
    return out


def _section_head(cells) -> bool:
    """One head cell spanning the table's columns with words and no figure or year: a section label of the rows
    below it ("Driftsutgifter"), printed as a head row by the page."""
    if len(cells) != 1:
        return False
    span = cells[0].get("colspan") or "1"
    text = " ".join(cells[0].text_content().split())
    return span.isdigit() and int(span) >= 2 and not re.search(r"\d", text) and bool(re.search(r"[^\W\d_]{2}", text))


def _texty(seg: Seg) -> bool:
    return sum(ch.isalpha() for ch in seg.text) >= 2 and not any(ch.isdigit() for ch in seg.text)


def _group_label(segs: list[Seg], group: list[str]) -> list[Seg]:
    """A table with two label columns ("Farlei" | "Utgifter", then "" | "Inntekter"): a row whose first
    cell is empty belongs to the group label above it, as a merged cell would show it."""
    if len(segs) >= 2 and segs[0].x0 == 0 and _texty(segs[0]) and segs[1].x0 == 1 and _texty(segs[1]):
        group[:] = [segs[0].text]
        return segs
    if group and segs[0].x0 == 1 and _texty(segs[0]):
        return [Seg(f"{group[0]} {segs[0].text}", 0.0, segs[0].x1)] + segs[1:]
    if segs[0].x0 == 0:
        group.clear()
    return segs
