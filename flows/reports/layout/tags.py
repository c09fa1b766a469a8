"""Text files that still hold the HTML of the page they were copied from ("<strong>2015</strong><br /> 5,5 4,3",
"Helse &amp; omsorg&nbsp;2019"): a web extraction that kept some markup. Before the text is laid out, each tag is
read as what it stands for and each entity as its character:

- a line break (`<br>`) and the end or start of a block (`<p>`, `<div>`, `<li>`, `<h2>`, `<tr>`, `<table>` ...) is a
  line break; a tag with the line break after it is one break, as a browser shows it;
- a table cell (`<td>`, `<th>`) starts a cell: two spaces, the cell gap of the table readers;
- inline markup (`<strong>`, `<b>`, `<em>`, `<span>`, `<a>`, `<font>` ...) is dropped, its text kept; a footnote
  number in `<sup>` becomes the superscript digit the number grammar reads as a mark ("1 234<sup>1</sup>" ->
  "1 234¹");
- inside a pipe-table line a line break is a space (the row stays one line);
- entities (`&amp;`, `&nbsp;`, `&#8211;`) are their characters, a no-break space a space.

Only tags of HTML's own names, written as tags (`<name attr="...">`, `</name>`, `<br/>`), are read, and only in a text
that holds at least two of them, one of them a closing tag or a line break: a text that merely mentions "<" or ">"
("ventetid < 3 dager", "a > b", "<5 %") is left as it is.
"""
from __future__ import annotations

import html
import re

_INLINE = r"strong|b|em|i|u|s|span|a|font|small|big|abbr|mark|cite|code|ins|del|label|time|o:p"
_BLOCK = (r"p|div|li|ul|ol|h[1-6]|tr|table|thead|tbody|tfoot|caption|section|article|header|footer|nav|main|aside"
          r"|blockquote|dl|dt|dd|pre|center|figure|figcaption|form")
_NAMES = rf"br|hr|img|td|th|sup|sub|{_BLOCK}|{_INLINE}"
_ATTR = r"""(?:\s+[A-Za-z_:][\w:.-]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))?)"""
_TAG = re.compile(rf"<(?P<close>/)?(?P<name>{_NAMES})(?![\w:-]){_ATTR}*\s*/?>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUP = re.compile(r"<sup(?![\w:-])[^<>]*>\s*(\d{1,2})\s*</sup\s*>", re.IGNORECASE)
_BREAK = "\u2028"  # a line break a tag stands for, before the breaks are settled


def holds_markup(text: str) -> bool:
    """Two tags of HTML's names at least, one of them a closing tag or a line break."""
    tags = list(_TAG.finditer(text))
    return len(tags) >= 2 and any(m.group("close") or m.group("name").lower() == "br" for m in tags)


def _entity(m: re.Match) -> str:
    char = html.unescape(m.group(0))
    return " " if char == "\u00a0" else char


def untag(text: str) -> str:
    """The text with its tags read as line breaks, cell gaps or nothing, and its entities as their characters."""
    if "<" in text and holds_markup(text):
        text = _tags(text)
    return _ENTITY.sub(_entity, text) if "&" in text else text  # after the tags: "&lt;br&gt;" is text, no tag


def _tags(text: str) -> str:
    text = _SUP.sub(lambda m: m.group(1).translate(_SUPERSCRIPT), text)

    def tag(m: re.Match) -> str:
        name = m.group("name").lower()
        if name in ("br", "hr") or re.fullmatch(_BLOCK, name):
            return _BREAK
        if name in ("td", "th"):
            return "" if m.group("close") else "  "
        return ""

    out = []
    for line in text.split("\n"):
        piped = line.count("|") >= 2  # a pipe-table row: its breaks are spaces, the row stays one line
        done = _TAG.sub(tag, line)
        out.append(done.replace(_BREAK, " ") if piped else done)
    text = "\n".join(out)
    # a tag's break with the line's own break after it is one break; breaks in a row are one each
    text = re.sub(rf"[ \t]*{_BREAK}[ \t]*(?:\n|(?={_BREAK}))?", "\n", text)
    return "\n".join(line.rstrip() if line.strip() else "" for line in text.split("\n"))
