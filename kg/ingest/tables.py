"""Two layouts of rows rather than prose: tables flattened to text, and questions with answers.

A tracker exported from a spreadsheet or a web table arrives as one line per row, its cells
split by `|` or tabs; each row after the header is a development. A Q&A page asks a question on
one line ("Q: ...", "Q3. ...", "Question 2:") and answers it below; each answer is a
development, headed by its question.
"""

from __future__ import annotations

import re

from .layout import Block, RawItem

_CELL_SPLIT = re.compile(r"\s*(?:\||\t)\s*")
_QUESTION = re.compile(r"^(?:Q(?:uestion)?\s*\d{0,3}\s*[:.)]|Q\d{1,3}\b)\s*\S", re.I)
_ANSWER = re.compile(r"^A(?:nswer)?\s*\d{0,3}\s*[:.)]\s*", re.I)
_MIN_ROWS = 3


def _cells(block: Block) -> list[str]:
    return [c for c in _CELL_SPLIT.split(block.text.strip().strip("|")) if c.strip()]


def table_items(candidates: list[tuple[Block, str]]) -> list[RawItem]:
    """One item per row of the longest run of lines with the same number (≥ 3) of cells."""
    runs: list[list[tuple[Block, str]]] = []
    width = 0
    for block, section in candidates:
        n = len(_cells(block)) if ("|" in block.text or "\t" in block.text) else 0
        if n >= 3 and n == width and runs:
            runs[-1].append((block, section))
        else:
            runs.append([(block, section)] if n >= 3 else [])
        width = n
    best = max(runs, key=len, default=[])
    if len(best) < _MIN_ROWS:
        return []
    rows = best[1:] if _is_header(best[0][0]) else best
    return [RawItem(None, block, [], section) for block, section in rows
            if not set(block.text.strip()) <= set("|-:+ \t")]


def _is_header(block: Block) -> bool:
    """A header row names columns: short cells, no digits."""
    cells = _cells(block)
    return all(len(c.split()) <= 4 and not any(ch.isdigit() for ch in c) for c in cells)


def qa_items(candidates: list[tuple[Block, str]]) -> list[RawItem]:
    """One item per question that is answered, when the text asks at least two."""
    questions = [i for i, (block, _) in enumerate(candidates) if _QUESTION.match(block.clean)]
    if len(questions) < 2:
        return []
    items: list[RawItem] = []
    for n, i in enumerate(questions):
        stop = questions[n + 1] if n + 1 < len(questions) else len(candidates)
        body = [block for block, _ in candidates[i + 1 : stop]]
        block, section = candidates[i]
        if body:
            items.append(RawItem(None, block, body, section))
    return items
