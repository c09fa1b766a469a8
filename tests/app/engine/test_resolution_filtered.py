"""A resolution-time question whose ticket reading is a filtered share (a value written as exported, "C - Normal")
is answered with the time or refused in words, never a crash and never a ticket count instead of a time."""
from __future__ import annotations

import pytest

from app.engine.engine import QuestionEngine


@pytest.mark.parametrize("question", [
    "Median løsningstid for saker med prioritet C - Normal i Q3 2021",
    "Median resolution time for priority C tickets in Q3 2021",
])
def test_resolution_time_with_a_value_filter_is_a_time_or_a_refusal(sample_warehouse, question):
    result = QuestionEngine(sample_warehouse).ask(question, engine="planner")
    assert result["status"] in ("ok", "unanswerable"), result
    if result["status"] == "ok":
        assert any(c.startswith("median_") for c in result["columns"]), result["columns"]
    else:
        assert result["rows"] == [] and "løsningstid" in result["answer"] + result.get("interpretation", "") or \
            "resolution time" in result["answer"]
