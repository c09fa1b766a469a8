from tests.app.engine.test_ticket_mechanisms import warehouse, organisations, _ask  # noqa
from app.engine.families.base import Reading
import os

QS = [l.strip() for l in open("/tmp/s23/qs.txt") if l.strip()]

def test_probe(vocab, con):
    for q in QS:
        lang = "en" if q.split()[0].lower() in ("how", "what", "which", "who") else ("nn" if "kor " in q.lower() or "kva" in q.lower() else "nb")
        found, cols, rows = _ask(q, vocab, con, lang)
        if isinstance(found, Reading):
            print("\n##", q, "->", found.family, "|", found.interpretation, "\n", found.sql.replace("\n", " ")[:600], "\n", cols, rows[:6])
        else:
            print("\n##", q, "->", found and (found.status, found.answer[:300]))
