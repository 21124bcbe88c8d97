"""Measure the reader and the extractor against hand-annotated gold files.

Gold files follow `tests/gold/README.md`. `reader` aligns items by headline for the reader's
figures; `extraction` scores `kg extract` output by the rules of the scorer the gold was made
for, whose name-matching conventions are in `conventions`.
"""

from .conventions import ABBR, CORE_LAWS, STOP, SYNONYM, is_core_law, norm, similar
from .extraction import (
    FIELDS,
    SCORED,
    ExtractionReport,
    doc_of,
    evaluate_extraction,
    extract_as_scored,
    find_text,
    match_items,
    score_document,
    scorer_bytes,
)
from .reader import ItemReport, Score, align_items, evaluate_items, load_gold

__all__ = ["ABBR", "CORE_LAWS", "FIELDS", "SCORED", "STOP", "SYNONYM", "ExtractionReport",
           "ItemReport", "Score", "align_items", "doc_of", "evaluate_extraction", "evaluate_items",
           "extract_as_scored", "find_text", "is_core_law", "load_gold", "match_items", "norm",
           "score_document", "scorer_bytes", "similar"]
