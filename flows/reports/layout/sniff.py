"""Web pages saved under another guise, found by their content rather than their file name:

- an HTML page saved as .txt/.md ("<!DOCTYPE html", "<html"), or a fragment saved as .txt ("<table>...");
- the JSON a site's REST API returns for a page (WordPress `/wp/v2/pages`, headless CMSs): the page's
  HTML sits inside JSON strings ("content": {"rendered": "<table>..."}). The strings are decoded
  (escapes, \\uXXXX) even when the file is cut off mid-string, a short title string becomes the page's
  heading, and a string whose text repeats a longer one (an "excerpt" of the "content") is left out.

`html_of` returns the HTML the `html` reader should read, or None for anything else.
"""
from __future__ import annotations

import json
import re

_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)
_FRAGMENT_START = re.compile(rb"^<(?:head|body|main|article|section|div|table|p|h[1-6])[\s>]", re.IGNORECASE)
_TAG = re.compile(r"<(?:table|tr|td|th|p|div|h[1-6]|ul|ol|li|br|span|strong|em|a)\b[^>]*>", re.IGNORECASE)
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)("|$)', re.DOTALL)
_TITLE_KEYS = ("title", "headline", "heading", "name")


def html_of(data: bytes, *, fragment: bool = True) -> bytes | None:
    """`fragment`: a text that starts with a block tag ("<table>", "<div>") is HTML too (not for Markdown,
    which may open with a raw HTML block of its own)."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if _HTML_START.match(head) or (fragment and _FRAGMENT_START.match(head) and _TAG.search(head.decode("utf-8", "replace")[1:])):
        return data
    if head[:1] in (b"{", b"["):
        return _html_in_json(data.decode("utf-8", errors="replace"))
    return None


def _decode(literal: str) -> str:
    try:
        return json.loads(f'"{literal}"')
    except ValueError:  # cut off inside an escape: decode what can be decoded
        literal = re.sub(r"\\u[0-9a-fA-F]{0,3}$|\\$", "", literal)
        try:
            return json.loads(f'"{literal}"')
        except ValueError:
            return literal.replace("\\/", "/").replace('\\"', '"').replace("\\n", "\n")


def _strings(text: str) -> list[tuple[str | None, str]]:
    """(key path's last named key, value) of every JSON string value in document order, tolerant of a
    file cut off anywhere (an excerpt of the API answer)."""
    out: list[tuple[str | None, str]] = []
    keys: list[str] = []  # the keys seen, nearest last
    for m in _STRING.finditer(text):
        value = _decode(m.group(1))
        after = text[m.end():m.end() + 20].lstrip()
        if m.group(2) and after.startswith(":"):
            keys.append(value)
            continue
        parent = next((k for k in reversed(keys) if k not in ("rendered", "raw", "value", "text")), None)
        out.append((parent, value))
    return out


def _plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _html_in_json(text: str) -> bytes | None:
    strings = _strings(text)
    bodies = [v for _, v in strings if _TAG.search(v)]
    if not bodies:
        return None
    plains = [_plain(b) for b in bodies]
    kept = []
    for i, body in enumerate(bodies):
        probe = re.sub(r"\s*(?:\[(?:…|&hellip;|\.\.\.)\]|…|&hellip;)\s*$", "", plains[i])[:200]
        if any(j != i and len(plains[j]) > len(plains[i]) and probe in plains[j] for j in range(len(bodies))):
            continue  # an excerpt of a longer body
        kept.append(body)
    title = next((v for k, v in strings if k in _TITLE_KEYS and v.strip() and not _TAG.search(v) and len(v) < 200), None)
    parts = ["<html><body>"]
    if title:
        parts.append(f"<h1>{title}</h1>")
    parts.extend(f"<div>{body}</div>" for body in kept)
    parts.append("</body></html>")
    return "\n".join(parts).encode("utf-8")
