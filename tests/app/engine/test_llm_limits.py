"""What goes back to an LLM is bounded whatever the rows or errors hold (issue 15, item 5)."""
from __future__ import annotations

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel

from app.engine.llm import _repair_message, build_answer_prompt


def _size(messages) -> int:
    return sum(len(m.content) for m in messages)


def test_the_answer_prompt_is_bounded_for_huge_cells_and_many_rows():
    small = _size(build_answer_prompt("Hva er svaret?", ["a"], [("x",)]))
    rows = [("x" * 2_000_000, i, "y" * 50_000) for i in range(5000)]
    messages = build_answer_prompt("Hva er svaret?", ["a", "n", "b"], rows)
    assert _size(messages) < small + 10_000
    assert "more rows not shown" in messages[-1].content


def test_a_repair_round_sends_a_bounded_error():
    message = _repair_message("The database refused it: " + "z" * 5_000_000)
    assert len(message.content) < 1_500


def test_an_llm_reply_that_builds_a_2_gb_string_is_refused(sample_warehouse):
    from app.engine.engine import QuestionEngine

    reply = "```sql\nSELECT repeat('x', 2000000000)\n```"
    model = GenericFakeChatModel(messages=iter([reply] * 4))
    result = QuestionEngine(sample_warehouse, chat_model=model).ask("Hva er svaret?", engine="llm")
    assert result["status"] == "error" and not result["rows"]
    assert all("repeat() is not allowed" in a["error"] for a in result["attempts"])
