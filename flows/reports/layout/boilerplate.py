"""Lines a web page adds around a report's text: cookie banners, chart loaders, font-size help,
share and navigation links, printed page markers on a line of their own. They are blanked (their line number kept) so they never become a
caption, a header, a row or a prose figure. Nothing here knows a particular site."""
from __future__ import annotations

import re

from flows.reports.layout.model import Line

# a line that is only one of these (buttons, links, loaders)
_WHOLE = re.compile(
    r"(?i)^(?:"
    r"godta(?:\s+alle)?|aksepter(?:\s+alle)?|avvis(?:\s+alle)?|tillat\s+alle|jeg\s+forstår|ok,?\s+jeg\s+forstår|"
    r"acceptera(?:\s+alla)?|neka(?:\s+alla)?|jag\s+förstår|accept(?:\s+all)?|reject(?:\s+all)?|"
    r"laster(?:\s+inn)?(?:\s+grafikk|\s+innhold|\s+data|\s+figur|\s+diagram)?|laddar(?:\s+\w+)?|loading|henter\s+data|"
    r"skriv\s+ut(?:\s+siden)?|print|del|del\s+(?:på|denne\s+siden|siden)(?:\s+[^\W\d]+)?|dela|dela\s+(?:på|sidan)(?:\s+[^\W\d]+)?|"
    r"til\s+toppen|tilbake\s+til\s+toppen|till\s+toppen|hopp\s+til\s+(?:hoved)?innhold(?:et)?|gå\s+til\s+(?:hoved)?innhold(?:et)?|"
    r"hoppa\s+till\s+innehållet|meny|menu|søk|sök|lukk|stäng|close|tilbake|"
    r"lytt(?:\s+til\s+(?:teksten|siden))?|les\s+opp|lyssna|läs\s+upp|"
    r"vis\s+(?:som\s+)?tabell|vis\s+(?:som\s+)?graf|visa\s+(?:som\s+)?tabell|last\s+ned(?:\s+\w+){0,3}|ladda\s+ned(?:\s+\w+){0,3}|"
    r"download\s+(?:png|jpeg|pdf|svg|csv|xls)(?:\s+\w+){0,3}|view\s+data\s+table|chart\s+context\s+menu|created\s+with\s+highcharts.*|"
    r"klikk\s+for\s+å\s+(?:forstørre|se\s+større)(?:\s+\w+){0,3}|"
    r"størrelse:\s*px|storlek:\s*px|size:\s*px|begynn[ae]\s+med\s+side:?|börja\s+på\s+sida:?|transkript|transcript|"
    r"(?:download|last\s+ned|ladda\s+ner)\s+[\"“«].{0,150}[\"”»]|"
    # a printed page marker a transcript kept on a line of its own ("Side 2", "Sida 3 av 40", "Page 4/12", "- 5 -"):
    # no figure, no table row (the page of a transcript is its "=== [n] ===" fragment or form feed, never this)
    r"(?:side|sida|sidan|page|s\.)\s*\d{1,4}(?:\s*(?:av|af|of|/)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]"
    r")[\s.!…:]*$"
)
# a sentence about the page rather than the report (cookie consent, text size help)
_ABOUT_PAGE = re.compile(
    r"(?i)(?:informasjonskapsl|\bcookies?\b|\bkakor\b|\binfokapslar).{0,200}?"
    r"(?:bruk|godta|aksepter|samtykke|innstilling|använd|godkänn|accept|consent|les\s+mer|läs\s+mer)"
    r"|(?:bruk|godta|aksepter|samtykke|använd|godkänn|accept).{0,120}?(?:informasjonskapsl|\bcookies?\b|\bkakor\b)"
    r"|(?:tekststørrelse|skriftstørrelse|tekststorleik|textstorlek|teckenstorlek|font\s*size)"
    r"|\bctrl\b.{0,40}(?:\+|pluss|minus|forstørr|förstor|zoom)"
    r"|(?:forstørre|forminske|förstora|förminska)\s+(?:teksten|texten|skrifta|skriften)"
)


def is_boilerplate(text: str) -> bool:
    t = " ".join(text.split())
    if not t:
        return False
    if len(t) <= 60 and _WHOLE.match(t):
        return True
    return len(t) <= 400 and bool(_ABOUT_PAGE.search(t))


def blank_boilerplate(lines: list[Line]) -> list[Line]:
    """The lines with web boilerplate blanked; the rest untouched."""
    for line in lines:
        if line.segs is None and not line.heading and is_boilerplate(line.text):
            line.text = ""
    return lines
