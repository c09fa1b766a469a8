"""Generated accounts tables (fixed seed): a head printed one cell per line with a variance column ("Budsjett-" /
"avvik", "Avvik", "Regulert" / "budsjett" / "2017"), rows of figures spaced by thousands of three to seven digits,
some rows without their first year's figure. No cell may come out under a column it does not belong to or with a
value the row does not print; the rows whose cut is certain are all read."""
from __future__ import annotations

import random

import pytest

from flows.reports.document import read_cells

LABELS = ["Skatt på inntekt", "Rammetilskudd", "Lønn og sosiale utgifter", "Kjøp av tjenester", "Overføringer",
          "Salgsinntekter", "Refusjoner", "Avskrivninger", "Renteutgifter", "Avdrag på lån", "Bruk av fond",
          "Avsetninger", "Andre utgifter", "Husleie", "Energi", "Forsikringer"]
HEADS = {
    "hyphenated": (["(tusen kroner) Regnskap", "2016", "Regnskap", "2017", "Budsjett", "2017", "Budsjett-", "avvik"],
                   ["Regnskap 2016", "Regnskap 2017", "Budsjett 2017", "Budsjettavvik"]),
    "caption": (["Beløp i 1000 kr", "Regnskap", "2016", "Regnskap", "2017", "Budsjett", "2017", "Avvik"],
                ["Regnskap 2016", "Regnskap 2017", "Budsjett 2017", "Avvik"]),
    "revised": (["Beløp i 1000 kr", "Regnskap", "2016", "Regnskap", "2017", "Regulert", "budsjett", "2017", "Avvik"],
                ["Regnskap 2016", "Regnskap 2017", "Regulert budsjett 2017", "Avvik"]),
}


def _figure(v: int) -> str:
    return ("-" if v < 0 else "") + f"{abs(v):,}".replace(",", " ")


def _row(rng: random.Random, digits: int) -> list[int | None]:
    accounts = rng.randint(0, 10 ** digits) * rng.choice([1, 1, -1])
    budget = accounts + rng.randint(-10 ** (digits - 1), 10 ** (digits - 1)) if rng.random() > 0.15 else 0
    before = rng.randint(0, 10 ** digits) * (1 if accounts >= 0 else -1)
    return [None if rng.random() < 0.25 else before, accounts, budget, budget - accounts]


@pytest.mark.parametrize("head", sorted(HEADS))
def test_generated_tables_with_a_variance_column_give_no_wrong_cell(head):
    lines, columns = HEADS[head]
    rng = random.Random(f"variance-{head}")
    printed = wrong = read = 0
    for _ in range(40):
        sizes = rng.choice([[3, 4], [4, 5, 6], [5, 6, 7], [2, 3, 4, 5, 6, 7]])
        rows = [(label, _row(rng, rng.choice(sizes))) for label in rng.sample(LABELS, rng.randint(1, 6))]
        text = "\n".join(["Årsmelding 2017", "", "Driftsregnskap", ""] + lines
                         + [f"{label} " + " ".join(_figure(v) for v in values if v is not None) for label, values in rows]
                         + ["", "Kommentarer følger."]) + "\n"
        truth = {(label, columns[j]): v * 1000 for label, values in rows for j, v in enumerate(values) if v is not None}
        printed += len(truth)
        for c in read_cells("drift.txt", text.encode("utf-8")).cells:
            if not c.column_label:  # a cell whose column is left open: one of its row's figures
                wrong += c.value not in {v for (label, _), v in truth.items() if label == c.row_label}
            elif truth.get((c.row_label, c.column_label)) != c.value:
                wrong += 1
            else:
                read += 1
    assert printed > 500
    assert wrong == 0
    assert read >= 0.95 * printed
