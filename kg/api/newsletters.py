"""What kg does with newsletters before any store: read them, extract them, score the
extraction against gold."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import KgError
from .results import Evaluation, Extraction, Message, Reading

if TYPE_CHECKING:
    from kg.pipeline import Pipeline

DEFAULT_TEXTS = Path("seeds")


def parse(paths: Iterable[str | Path]) -> Reading:
    """Read newsletters into dated, sectioned items; a file that cannot be read is an error
    message, and the others are still read."""
    from kg.ingest import ReadError, read_paths

    reading = Reading([])
    for result in read_paths(paths):
        if isinstance(result, ReadError):
            reading.messages.append(Message("error", str(result)))
            continue
        for warning in result.warnings:
            reading.messages.append(Message("warning", f"{result.path}: {warning}"))
        reading.documents.append(result)
    return reading


def extract(paths: Iterable[str | Path], pipeline: Pipeline | None = None) -> Extraction:
    """Extract authorities, instruments and cases, linked to IRIs, per newsletter: the
    `kg extract` JSON of each."""
    from kg.link import document_json, link_document
    from kg.pipeline import Pipeline

    reading = parse(paths)
    pipeline = pipeline or Pipeline()
    return Extraction([document_json(doc, link_document(doc, pipeline.extractor,
                                                        pipeline.linker))
                       for doc in reading.documents], messages=reading.messages)


def evaluate(gold_dir: Path, against: list[Path] | None = None,
             pipeline: Pipeline | None = None) -> Evaluation:
    """Precision, recall and F1 of the extraction of the texts the gold files annotate
    (found in `against`, by default seeds/), by the gold scorer's rules."""
    from kg.evaluate import evaluate_extraction, load_gold
    from kg.pipeline import Pipeline

    if not gold_dir.is_dir():
        raise KgError(f"{gold_dir}: not a folder of gold JSON files")
    try:
        gold = load_gold(gold_dir)
    except (OSError, ValueError) as exc:
        raise KgError(f"{gold_dir}: cannot read gold files ({exc})") from exc
    if not gold:
        raise KgError(f"{gold_dir}: no gold .json files")
    texts = against or [DEFAULT_TEXTS]
    pipeline = pipeline or Pipeline()
    messages: list[Message] = []
    predictions = _predictions(gold, texts, pipeline, messages)
    failures = sum(not p for p in predictions.values())
    return Evaluation(gold_dir, evaluate_extraction(gold, predictions), len(gold),
                      len(predictions), failures, messages)


def _predictions(gold: list[dict[str, Any]], texts: list[Path], pipeline: Pipeline,
                 messages: list[Message]) -> dict[str, dict[str, Any]]:
    """`kg extract` JSON of each gold document's text, as the scorer runs it; a text that
    cannot be read or extracted scores as an empty prediction."""
    from kg.evaluate import extract_as_scored, find_text
    from kg.ingest import ReadError

    predictions: dict[str, dict[str, Any]] = {}
    for doc in gold:
        src = find_text(doc["file"], texts)
        if src is None:
            messages.append(Message("note", f"skip {doc['file']}: no such text in "
                                            f"{', '.join(map(str, texts))}"))
            continue
        try:
            predictions[doc["file"]] = extract_as_scored(src, pipeline.extractor,
                                                         pipeline.linker)
        except (ReadError, OSError) as exc:
            predictions[doc["file"]] = {}
            messages.append(Message("error", str(exc)))
        except Exception as exc:  # a crash on one text fails that text only
            predictions[doc["file"]] = {}
            messages.append(Message("error", f"{src}: extraction failed ({exc!r})"))
    return predictions
